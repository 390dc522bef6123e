/* resfri-store.h
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define RESFRI_STORE_SCHEMA_VERSION 12

/* PRAGMA application_id of every Resfri database: "RSFR". */
#define RESFRI_STORE_APPLICATION_ID 0x52534652

#define RESFRI_TYPE_STORE (resfri_store_get_type ())

G_DECLARE_FINAL_TYPE (ResfriStore, resfri_store, RESFRI, STORE, GObject)

typedef struct
{
  gint64 units;
  gint64 sites;
  gint64 people;
  gint64 rooms;
  gint64 equipment;
  gint64 meetings;
  gint64 occurrences;
  gint64 bookings;
  gint64 exemptions;
} ResfriStoreCounts;

char        *resfri_store_dup_default_path     (void);
ResfriStore *resfri_store_open                 (const char          *path,
                                                GError             **error);
const char  *resfri_store_get_path             (ResfriStore         *self);
int          resfri_store_get_schema_version   (ResfriStore         *self);
gboolean     resfri_store_get_counts           (ResfriStore         *self,
                                                ResfriStoreCounts   *counts,
                                                GError             **error);
void         resfri_store_get_counts_async     (ResfriStore         *self,
                                                GCancellable        *cancellable,
                                                GAsyncReadyCallback  callback,
                                                gpointer             user_data);
gboolean     resfri_store_get_counts_finish    (ResfriStore         *self,
                                                GAsyncResult        *result,
                                                ResfriStoreCounts   *counts,
                                                GError             **error);
gint64       resfri_store_get_data_version     (ResfriStore         *self);
void         resfri_store_set_busy_timeout     (ResfriStore         *self,
                                                guint                milliseconds);
char        *resfri_store_dup_meta             (ResfriStore         *self,
                                                const char          *key);
gboolean     resfri_store_set_meta             (ResfriStore         *self,
                                                const char          *key,
                                                const char          *value,
                                                GError             **error);

/* A search of the stored meetings (title), people (name, email), items
 * (asset tag, model) and rooms (name, code), for the GNOME Shell search
 * provider. @id is "KIND:KEY" (meeting:UID, person:EMAIL, item:TAG,
 * room:CODE). */
typedef struct
{
  char *id;
  char *title;
  char *detail;
} ResfriSearchHit;

void       resfri_search_hit_free (ResfriSearchHit  *hit);
/* Every one of @terms (casefolded substrings) in a hit's title or detail;
 * at most @max hits of each kind. Returns (element-type ResfriSearchHit). */
GPtrArray *resfri_store_search    (ResfriStore      *self,
                                   const char * const *terms,
                                   guint             max,
                                   GError          **error);

G_END_DECLS

/* resfri-sync-resolve.h
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The sync's resolver of meeting keys (resfri-sync-resolve.c), shared by
 * resfri-sync.c.
 */

#pragma once

#include <libical/ical.h>

#include "resfri-ical.h"
#include "resfri-store.h"

G_BEGIN_DECLS

typedef struct
{
  ResfriStore *store;
  GHashTable  *parsed;   /* resource id → its parse (ParsedResource) */
  gint64       now;
  guint        line;     /* of the VEVENT that could not be stored */
} ResfriSyncResolver;

typedef gboolean (*ResfriSyncVeventFunc) (icalcomponent *vevent,
                                          icalcomponent *vcalendar,
                                          gpointer       user_data);

/* UID, RESFRI_SYNC_KEY_SEPARATOR, RECURRENCE-ID. */
char     *_resfri_sync_make_key          (const char           *uid,
                                          const char           *recurrence_id);
/* Calls @func for every VEVENT of @doc, with its VCALENDAR (or NULL);
 * FALSE as soon as @func says so. */
gboolean  _resfri_sync_foreach_vevent    (ResfriIcalDocument   *doc,
                                          ResfriSyncVeventFunc  func,
                                          gpointer              user_data);

void      _resfri_sync_resolver_init     (ResfriSyncResolver   *resolver,
                                          ResfriStore          *store);
void      _resfri_sync_resolver_clear    (ResfriSyncResolver   *resolver);
/* @doc, the parse of resource @resource_id's text, taken into the cache
 * (replacing what it held for that id: ids of removed resources are
 * reused). */
void      _resfri_sync_resolver_add      (ResfriSyncResolver   *resolver,
                                          gint64                resource_id,
                                          ResfriIcalDocument   *doc);
/* Empties the cache (after a rollback took rows it was parsed from). */
void      _resfri_sync_resolver_forget   (ResfriSyncResolver   *resolver);
/* Resolves every key of @touched, masters before their overrides; an
 * INVALID_ICAL error leaves the VEVENT's line in resolver->line. */
gboolean  _resfri_sync_resolver_resolve  (ResfriSyncResolver   *resolver,
                                          GHashTable           *touched,
                                          GError              **error);

G_END_DECLS

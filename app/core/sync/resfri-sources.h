/* resfri-sources.h
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "resfri-booking.h"
#include "resfri-store.h"

G_BEGIN_DECLS

/* A CalDAV account or a published feed (spec/sync.md). No password: the
 * path of a --password-file, or NULL (the keyring, resfri-secret.h). */
typedef struct
{
  gint64  id;
  char   *kind;             /* "caldav" or "url" */
  char   *url;
  char   *user;
  char   *name;
  char   *password_file;
  char   *people_template;
  char   *ca_file;
  char   *etag;             /* a feed's last ETag */
  gint64  last_sync;        /* 0: never */
  char   *last_error;
} ResfriSource;

/* One calendar (collection) of a source. */
typedef struct
{
  gint64    id;
  gint64    source_id;
  char     *href;
  char     *name;
  char     *role;           /* person, room, pool, item, feed */
  char     *target;         /* email, room code, SITE/TYPE, tag or NULL */
  gboolean  following;
  char     *sync_token;
  char     *ctag;           /* a feed: its Last-Modified */
  char     *last_error;
  gint64    resources;
} ResfriSourceCalendar;

#define RESFRI_TYPE_SOURCE (resfri_source_get_type ())
#define RESFRI_TYPE_SOURCE_CALENDAR (resfri_source_calendar_get_type ())

GType                 resfri_source_get_type          (void) G_GNUC_CONST;
ResfriSource         *resfri_source_copy              (const ResfriSource *self);
void                  resfri_source_free              (ResfriSource       *self);
GType                 resfri_source_calendar_get_type (void) G_GNUC_CONST;
ResfriSourceCalendar *resfri_source_calendar_copy     (const ResfriSourceCalendar *self);
void                  resfri_source_calendar_free     (ResfriSourceCalendar       *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ResfriSource, resfri_source_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ResfriSourceCalendar, resfri_source_calendar_free)

/* Adds @source (its id is ignored) and returns the new id, or -1. */
gint64     resfri_sources_add              (ResfriStore         *store,
                                            const ResfriSource  *source,
                                            GError             **error);
/* Every source (ResfriSource), by id. */
GPtrArray *resfri_sources_list             (ResfriStore         *store,
                                            GError             **error);
/* One source; NULL with RESFRI_ERROR_NOT_FOUND when there is none. */
ResfriSource *resfri_sources_get           (ResfriStore         *store,
                                            gint64               id,
                                            GError             **error);
/* The calendars (ResfriSourceCalendar) of @source_id, by href. */
GPtrArray *resfri_sources_list_calendars   (ResfriStore         *store,
                                            gint64               source_id,
                                            GError             **error);
/* Adds a calendar found on the server, or renames the known one (its
 * role, target and following stay as they are). */
gboolean   resfri_sources_put_calendar     (ResfriStore         *store,
                                            gint64               source_id,
                                            const char          *href,
                                            const char          *name,
                                            const char          *role,
                                            const char          *target,
                                            gboolean             following,
                                            GError             **error);
/* Sets @server_href of each ResfriBooking in @bookings that is written to
 * a resource calendar on the server (one query, whatever their number). */
gboolean   resfri_sources_fill_server_hrefs (ResfriStore        *store,
                                             GPtrArray          *bookings,
                                             GError            **error);

G_END_DECLS

/* resfri-sync.h
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "resfri-sources.h"
#include "resfri-store.h"

G_BEGIN_DECLS

/* A resource that could not be read: its href, the line in it, what. */
typedef struct
{
  char  *href;
  guint  line;
  char  *message;
} ResfriSyncSkip;

typedef struct
{
  char      *href;
  guint      added;
  guint      changed;
  guint      removed;
  GPtrArray *skipped;       /* ResfriSyncSkip */
  char      *error;         /* "source N, calendar HREF: what", or NULL */
} ResfriSyncCalendarResult;

typedef struct
{
  gint64     id;
  GPtrArray *calendars;     /* ResfriSyncCalendarResult */
  char      *error;         /* for the source as a whole, or NULL */
} ResfriSyncSourceResult;

typedef struct
{
  GPtrArray *sources;       /* ResfriSyncSourceResult */
  GPtrArray *released;      /* ResfriBooking: bookings released because their
                             * meeting was cancelled, removed or moved to a
                             * taken time (attention: the reason), or because
                             * the server holds the room or item for another */
  guint      pushed;        /* bookings written to the server afterwards */
  guint      deleted;       /* cancelled bookings' copies deleted afterwards */
  guint      requests;
  double     seconds;
} ResfriSyncResult;

void       resfri_sync_result_free         (ResfriSyncResult     *self);
/* TRUE when a source or calendar had an error. */
gboolean   resfri_sync_result_has_errors   (const ResfriSyncResult *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ResfriSyncResult, resfri_sync_result_free)

/* Synchronises every source, or those of @ids (gint64; NULL: all). An
 * error of a source or calendar is in the result and the others go on;
 * @error is for the database alone. */
ResfriSyncResult *resfri_sync_run          (ResfriStore          *store,
                                            GArray               *ids,
                                            GCancellable         *cancellable,
                                            GError              **error);

/* resfri_sync_run() on a worker thread with its own connection (the
 * desktop app); @ids is copied. Cancel with @cancellable between calendars
 * and requests. */

/* Adds a source. A CalDAV one is checked and its calendars found now: with
 * a people template, every person's calendar in the register (followed;
 * the people whose calendar is missing or unreadable are added to
 * @missing as "EMAIL: what"), else the account's own calendars (followed).
 * Returns the new id, or -1. */
gint64     resfri_sync_add_source          (ResfriStore          *store,
                                            const ResfriSource   *source,
                                            GPtrArray            *missing,
                                            GCancellable         *cancellable,
                                            GError              **error);
/* Asks the server again which calendars @id has (new people, new
 * calendars) and stores them; @missing as for resfri_sync_add_source(). */
gboolean   resfri_sync_refresh_calendars   (ResfriStore          *store,
                                            gint64                id,
                                            GPtrArray            *missing,
                                            GCancellable         *cancellable,
                                            GError              **error);
/* Follows @href of source @id as @role ("person", "room", "pool", "item";
 * NULL keeps it) with @target, or stops following it (what only it held
 * goes, in the same transaction). */
gboolean   resfri_sync_follow              (ResfriStore          *store,
                                            gint64                id,
                                            const char           *href,
                                            const char           *role,
                                            const char           *target,
                                            gboolean              following,
                                            GError              **error);
/* Removes a source; meetings only it held go, in one transaction. */
gboolean   resfri_sync_remove_source       (ResfriStore          *store,
                                            gint64                id,
                                            GError              **error);

G_END_DECLS

/* resfri-sync-async.h
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "resfri-sources.h"
#include "resfri-store.h"
#include "resfri-sync.h"

G_BEGIN_DECLS

/* A source and its calendars, as the app lists them. */
typedef struct
{
  ResfriSource *source;
  GPtrArray    *calendars;  /* ResfriSourceCalendar */
} ResfriSourceListing;

void       resfri_source_listing_free         (ResfriSourceListing  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ResfriSourceListing, resfri_source_listing_free)

/* What a source's test found: the calendars of a CalDAV account, or the
 * feed itself. */
typedef struct
{
  char *href;
  char *name;
} ResfriSourceFound;

void       resfri_source_found_free           (ResfriSourceFound    *self);

/* A room a calendar can be said to be (the register's rooms). */
typedef struct
{
  char *code;
  char *name;
} ResfriRoomChoice;

void       resfri_room_choice_free            (ResfriRoomChoice     *self);

/* The rooms of the register (ResfriRoomChoice), by name. */
void       resfri_sources_list_rooms_async    (ResfriStore          *store,
                                               GCancellable         *cancellable,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data);
GPtrArray *resfri_sources_list_rooms_finish   (ResfriStore          *store,
                                               GAsyncResult         *result,
                                               GError              **error);

/* Every source with its calendars (ResfriSourceListing), by id. */
void       resfri_sources_list_all_async      (ResfriStore          *store,
                                               GCancellable         *cancellable,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data);
GPtrArray *resfri_sources_list_all_finish     (ResfriStore          *store,
                                               GAsyncResult         *result,
                                               GError              **error);

/* Asks the server what @source (not stored) has, with @password (or NULL):
 * a CalDAV account's calendars (ResfriSourceFound), or a feed fetched and
 * checked to be iCalendar. Nothing is stored. */
void       resfri_sync_test_source_async      (const ResfriSource   *source,
                                               const char           *password,
                                               GCancellable         *cancellable,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data);
GPtrArray *resfri_sync_test_source_finish     (GAsyncResult         *result,
                                               GError              **error);

/* resfri_sync_add_source() on a worker, the password kept first: in the
 * keyring, or, where there is no keyring (no Secret Service on the bus), in
 * a file only the user can read (see resfri-sync-async.c); @in_file says
 * which. @missing as for resfri_sync_add_source(). */
void       resfri_sync_add_source_async       (ResfriStore          *store,
                                               const ResfriSource   *source,
                                               const char           *password,
                                               GCancellable         *cancellable,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data);
gint64     resfri_sync_add_source_finish      (ResfriStore          *store,
                                               GAsyncResult         *result,
                                               gboolean             *in_file,
                                               GPtrArray           **missing,
                                               GError              **error);

void       resfri_sync_follow_async           (ResfriStore          *store,
                                               gint64                id,
                                               const char           *href,
                                               const char           *role,
                                               const char           *target,
                                               gboolean              following,
                                               GCancellable         *cancellable,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data);
gboolean   resfri_sync_follow_finish          (ResfriStore          *store,
                                               GAsyncResult         *result,
                                               GError              **error);

/* resfri_sync_remove_source() on a worker; the password goes too. */
void       resfri_sync_remove_source_async    (ResfriStore          *store,
                                               gint64                id,
                                               GCancellable         *cancellable,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data);
gboolean   resfri_sync_remove_source_finish   (ResfriStore          *store,
                                               GAsyncResult         *result,
                                               GError              **error);

/* How many followed calendars a sync has done, of how many. */
typedef void (*ResfriSyncProgressFunc) (guint    done,
                                        guint    total,
                                        gpointer user_data);

/* resfri_sync_run() on a worker (@ids: gint64, NULL: every source). */
void              resfri_sync_run_async       (ResfriStore          *store,
                                               GArray               *ids,
                                               GCancellable         *cancellable,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data);
/* The same, telling @progress_func on the caller's main context after
 * each calendar (resfri-sync-async.c); _finish is resfri_sync_run_finish(). */
void              resfri_sync_run_with_progress_async (ResfriStore            *store,
                                                       GArray                 *ids,
                                                       ResfriSyncProgressFunc  progress_func,
                                                       gpointer                progress_data,
                                                       GDestroyNotify          progress_destroy,
                                                       GCancellable           *cancellable,
                                                       GAsyncReadyCallback     callback,
                                                       gpointer                user_data);
ResfriSyncResult *resfri_sync_run_finish      (ResfriStore          *store,
                                               GAsyncResult         *result,
                                               GError              **error);

G_END_DECLS

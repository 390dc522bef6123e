/* resfri-sync-private.h
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the sync (resfri-sync.c) shares with the setting up of sources
 * (resfri-sync-setup.c).
 */

#pragma once

#include "resfri-caldav.h"
#include "resfri-sync-async.h"
#include "resfri-sync.h"

G_BEGIN_DECLS

/* Brings the meetings of every key of @touched (resfri-sources-private.h)
 * in line with the copies the followed calendars hold. In the caller's
 * transaction. */
gboolean      _resfri_sync_resolve_keys (ResfriStore         *store,
                                         GHashTable          *touched,
                                         GError             **error);
/* resfri_sync_run() telling @progress_func (on the sync's own thread)
 * after each followed calendar how many are done of how many; first with
 * 0 done. Cancelled, it stops between calendars: each calendar's changes
 * and its token are one transaction, whole or not at all. */
ResfriSyncResult *_resfri_sync_run_full (ResfriStore            *store,
                                         GArray                 *ids,
                                         ResfriSyncProgressFunc  progress_func,
                                         gpointer                progress_data,
                                         GCancellable           *cancellable,
                                         GError                **error);
/* A client for @source with its password. */
ResfriCaldav *_resfri_sync_open_client  (const ResfriSource  *source,
                                         GCancellable        *cancellable,
                                         GError             **error);
/* resfri-sync-setup.c: the end of a source's sync, its state and the
 * run's row of the audit log in one transaction. */
gboolean      _resfri_sync_finish_source (ResfriStore                   *store,
                                          const ResfriSyncSourceResult  *result,
                                          const char                    *last_error,
                                          GError                       **error);
/* The row of the audit log of a source's sync that stopped before its end
 * (cancelled): what the calendars synced until then changed. */
void          _resfri_sync_audit_stopped (ResfriStore                   *store,
                                          const ResfriSyncSourceResult  *result);

G_END_DECLS

/* resfri-server-bookings.h
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "resfri-store.h"
#include "resfri-sync.h"

G_BEGIN_DECLS

/* Writes the bookings (ResfriBooking) just made to the followed calendar of
 * their room or item, under that calendar's lease; a booking whose room or
 * item has no followed calendar stays local. RESFRI_ERROR_CONFLICT naming
 * the holder when the server holds an overlapping booking or reservation;
 * on any error none of @booked is left on the server and the caller removes
 * them locally. */
gboolean _resfri_server_bookings_push   (ResfriStore  *store,
                                         GPtrArray    *booked,
                                         GError      **error);
/* Deletes the server's copy of the cancelled booking @id, if it has one
 * (and the room's ATTENDEE from the organiser's copy of its meeting once
 * no booking of that room for it is left). */
gboolean _resfri_server_bookings_cancel (ResfriStore          *store,
                                         gint64                id,
                                         const ResfriBooking  *booking,
                                         GError              **error);
/* What a crash or a failed request left behind: deletes the server's copy
 * of every booking that no longer exists (result->deleted), and pushes
 * every booking not yet ended of a room or item whose calendar is followed
 * that the server does not hold (result->pushed); one the server holds
 * another booking or reservation for is released ("taken", into
 * result->released). A request that fails waits for the next call; @error
 * is for the database alone. The end of every sync runs it. */
gboolean _resfri_server_bookings_reconcile (ResfriStore       *store,
                                            ResfriSyncResult  *result,
                                            GError           **error);
/* Test-only: the RESFRI_TEST_STALL hook (resfri-server-bookings.c). */
void     _resfri_server_bookings_test_stall (const char *where);

G_END_DECLS

/* resfri-bookings.h
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Rooms and loan items reserved for meeting occurrences. This header
 * declares the bookings table's own calls (the occurrences of a meeting,
 * the list of bookings) and includes the rest of the folder: one booking,
 * its cancellation and re-booking (resfri-booking.h), free rooms
 * (resfri-free-rooms.h), room bookings (resfri-room-bookings.h), loans
 * (resfri-loans.h), utilisation (resfri-utilisation.h), and bookings that
 * follow their meeting (resfri-booking-follow.h).
 *
 * Intervals are half-open [start, end) in UTC unix seconds: a booking
 * ending at 10:00 and one starting at 10:00 do not overlap. Two bookings of
 * one room or one item never overlap: the database's triggers refuse it,
 * whoever writes (resfri-schema.c); this code relies on them and turns
 * their refusal into RESFRI_ERROR_CONFLICT naming the booking in the way.
 *
 * Occurrences are named by UID + RECURRENCE-ID as `expand` prints it ("" or
 * NULL for a non-recurring event); cancelled occurrences are never booked
 * nor offered.
 *
 * Each call is one transaction. resfri_bookings_add_item() also joins a
 * transaction the caller already holds (allocate --book writes all its
 * bookings at once).
 */

#pragma once

#include <gio/gio.h>

#include "resfri-booking.h"
#include "resfri-booking-follow.h"
#include "resfri-free-rooms.h"
#include "resfri-loans.h"
#include "resfri-room-bookings.h"
#include "resfri-store.h"
#include "resfri-utilisation.h"

G_BEGIN_DECLS

GPtrArray               *resfri_bookings_get_occurrences        (ResfriStore          *store,
                                                                 const char           *uid,
                                                                 GError              **error);

GPtrArray               *resfri_bookings_list                   (ResfriStore          *store,
                                                                 gint64                from,
                                                                 gint64                to,
                                                                 GError              **error);
GPtrArray               *resfri_bookings_list_for_occurrence    (ResfriStore          *store,
                                                                 const char           *uid,
                                                                 const char           *recurrence_id,
                                                                 GError              **error);

void                     resfri_bookings_list_async             (ResfriStore          *store,
                                                                 gint64                from,
                                                                 gint64                to,
                                                                 GCancellable         *cancellable,
                                                                 GAsyncReadyCallback   callback,
                                                                 gpointer              user_data);
GPtrArray               *resfri_bookings_list_finish            (ResfriStore          *store,
                                                                 GAsyncResult         *result,
                                                                 GError              **error);

G_END_DECLS

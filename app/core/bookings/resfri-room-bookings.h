/* resfri-room-bookings.h
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Booking a room for one occurrence, or for a whole series where it is
 * free ("book the rest, skip the conflicts"); a room too small for the
 * meeting's people only when forced.
 */

#pragma once

#include <gio/gio.h>

#include "resfri-booking.h"
#include "resfri-store.h"

G_BEGIN_DECLS

GPtrArray               *resfri_bookings_book_room              (ResfriStore          *store,
                                                                 const char           *room,
                                                                 const char           *uid,
                                                                 const char           *recurrence_id,
                                                                 GPtrArray           **skipped,
                                                                 GError              **error);
GPtrArray               *resfri_bookings_book_room_forced       (ResfriStore          *store,
                                                                 const char           *room,
                                                                 const char           *uid,
                                                                 const char           *recurrence_id,
                                                                 gboolean              force,
                                                                 GPtrArray           **skipped,
                                                                 GError              **error);

G_END_DECLS

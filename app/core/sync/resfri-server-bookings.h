/* resfri-server-bookings.h
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "resfri-store.h"

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
/* Deletes the server's copy of the cancelled booking @id, if it has one. */
gboolean _resfri_server_bookings_cancel (ResfriStore  *store,
                                         gint64        id,
                                         GError      **error);

G_END_DECLS

/* resfri-booking-follow.h
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Bookings follow their meeting (spec/sync.md): after an import, a booking
 * whose occurrence was cancelled or removed is released, one whose
 * occurrence moved moves with it where the room or item is still free and
 * is released otherwise; each release is kept with its reason for
 * `bookings --attention` and the app.
 */

#pragma once

#include <gio/gio.h>

#include "resfri-booking.h"
#include "resfri-store.h"

G_BEGIN_DECLS

gboolean                 resfri_bookings_follow_occurrences     (ResfriStore          *store,
                                                                 GPtrArray           **released,
                                                                 GError              **error);
const char              *resfri_booking_release_describe        (const ResfriBooking  *released);
GPtrArray               *resfri_bookings_list_attention         (ResfriStore          *store,
                                                                 gint64                from,
                                                                 gint64                to,
                                                                 GError              **error);
void                     resfri_bookings_list_attention_async   (ResfriStore          *store,
                                                                 gint64                from,
                                                                 gint64                to,
                                                                 GCancellable         *cancellable,
                                                                 GAsyncReadyCallback   callback,
                                                                 gpointer              user_data);
GPtrArray               *resfri_bookings_list_attention_finish  (ResfriStore          *store,
                                                                 GAsyncResult         *result,
                                                                 GError              **error);

G_END_DECLS

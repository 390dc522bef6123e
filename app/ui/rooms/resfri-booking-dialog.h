/* resfri-booking-dialog.h
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "resfri-booking.h"

G_BEGIN_DECLS

#define RESFRI_TYPE_BOOKING_DIALOG (resfri_booking_dialog_get_type ())

G_DECLARE_FINAL_TYPE (ResfriBookingDialog, resfri_booking_dialog, RESFRI, BOOKING_DIALOG, AdwMessageDialog)

GtkWidget           *resfri_booking_dialog_new         (GtkWindow           *parent,
                                                        const ResfriBooking *booking,
                                                        const char          *room_name);
const ResfriBooking *resfri_booking_dialog_get_booking (ResfriBookingDialog *self);

G_END_DECLS

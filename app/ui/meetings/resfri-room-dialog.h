/* resfri-room-dialog.h
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "resfri-occurrence.h"

G_BEGIN_DECLS

#define RESFRI_TYPE_ROOM_DIALOG (resfri_room_dialog_get_type ())

G_DECLARE_FINAL_TYPE (ResfriRoomDialog, resfri_room_dialog, RESFRI, ROOM_DIALOG, AdwMessageDialog)

/* @rooms: ResfriRoomAvailability of resfri_bookings_free_rooms_for_occurrence() */
GtkWidget        *resfri_room_dialog_new               (GtkWindow        *parent,
                                                        ResfriOccurrence *occurrence,
                                                        GPtrArray        *rooms);
ResfriOccurrence *resfri_room_dialog_get_occurrence    (ResfriRoomDialog *self);
gboolean          resfri_room_dialog_get_whole_series  (ResfriRoomDialog *self);

G_END_DECLS

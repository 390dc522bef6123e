/* resfri-room-dialog.h
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "resfri-occurrence.h"
#include "resfri-store.h"

G_BEGIN_DECLS

#define RESFRI_TYPE_ROOM_DIALOG (resfri_room_dialog_get_type ())

G_DECLARE_FINAL_TYPE (ResfriRoomDialog, resfri_room_dialog, RESFRI, ROOM_DIALOG, AdwMessageDialog)

/* @venue_site_id: the site preselected (0: the organiser's home site, if
 * they are in the people register); @capacity: the seats asked for first */
GtkWidget        *resfri_room_dialog_new               (GtkWindow        *parent,
                                                        ResfriStore      *store,
                                                        ResfriOccurrence *occurrence,
                                                        gint64            venue_site_id,
                                                        gint64            capacity);
ResfriOccurrence *resfri_room_dialog_get_occurrence    (ResfriRoomDialog *self);
gboolean          resfri_room_dialog_get_whole_series  (ResfriRoomDialog *self);

G_END_DECLS

/* resfri-slot-dialog.h
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define RESFRI_TYPE_SLOT_DIALOG (resfri_slot_dialog_get_type ())

G_DECLARE_FINAL_TYPE (ResfriSlotDialog, resfri_slot_dialog, RESFRI, SLOT_DIALOG, AdwMessageDialog)

GtkWidget  *resfri_slot_dialog_new      (GtkWindow        *parent,
                                         const char       *room,
                                         const char       *room_name,
                                         gint64            start,
                                         gint64            end,
                                         GPtrArray        *occurrences);
const char *resfri_slot_dialog_get_room (ResfriSlotDialog *self);

G_END_DECLS

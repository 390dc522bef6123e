/* resfri-history-dialog.h
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define RESFRI_TYPE_HISTORY_DIALOG (resfri_history_dialog_get_type ())

G_DECLARE_FINAL_TYPE (ResfriHistoryDialog, resfri_history_dialog, RESFRI, HISTORY_DIALOG, AdwMessageDialog)

/* @history: (element-type ResfriItemEvent) the item's history, as
 * resfri_inventory_get_history() gives it; @upcoming: (element-type
 * ResfriBooking) the item's bookings and the calendar's reservations of it
 * in the next RESFRI_HISTORY_DIALOG_WEEKS weeks, by start. */
#define RESFRI_HISTORY_DIALOG_WEEKS 8

GtkWidget *resfri_history_dialog_new (GtkWindow  *parent,
                                      const char *tag,
                                      GPtrArray  *history,
                                      GPtrArray  *upcoming);

G_END_DECLS

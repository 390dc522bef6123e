/* resfri-gaps-people-dialog.h
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "resfri-allocation.h"
#include "resfri-store.h"

G_BEGIN_DECLS

#define RESFRI_TYPE_GAPS_PEOPLE_DIALOG (resfri_gaps_people_dialog_get_type ())

G_DECLARE_FINAL_TYPE (ResfriGapsPeopleDialog, resfri_gaps_people_dialog, RESFRI, GAPS_PEOPLE_DIALOG,
                      AdwWindow)

GtkWidget *resfri_gaps_people_dialog_new      (GtkWindow              *parent,
                                               ResfriStore            *store,
                                               const ResfriGaps       *gaps,
                                               const char             *unit);
void       resfri_gaps_people_dialog_set_gaps (ResfriGapsPeopleDialog *self,
                                               const ResfriGaps       *gaps);
void       resfri_gaps_people_dialog_set_unit (ResfriGapsPeopleDialog *self,
                                               const char             *unit);

G_END_DECLS

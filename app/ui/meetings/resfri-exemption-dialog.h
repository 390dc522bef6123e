/* resfri-exemption-dialog.h
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "resfri-occurrence.h"

G_BEGIN_DECLS

#define RESFRI_TYPE_EXEMPTION_DIALOG (resfri_exemption_dialog_get_type ())

G_DECLARE_FINAL_TYPE (ResfriExemptionDialog, resfri_exemption_dialog, RESFRI, EXEMPTION_DIALOG,
                      AdwMessageDialog)

GtkWidget  *resfri_exemption_dialog_new                (GtkWindow             *parent,
                                                        ResfriOccurrence      *occurrence,
                                                        const char            *recorded_reason);
ResfriOccurrence *
            resfri_exemption_dialog_get_occurrence     (ResfriExemptionDialog *self);
gboolean    resfri_exemption_dialog_get_whole_meeting  (ResfriExemptionDialog *self);
const char *resfri_exemption_dialog_get_reason         (ResfriExemptionDialog *self);
char       *resfri_exemption_dialog_dup_note           (ResfriExemptionDialog *self);

G_END_DECLS

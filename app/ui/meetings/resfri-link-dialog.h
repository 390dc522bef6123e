/* resfri-link-dialog.h
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "resfri-occurrence.h"
#include "resfri-policy-check.h"

G_BEGIN_DECLS

#define RESFRI_TYPE_LINK_DIALOG (resfri_link_dialog_get_type ())

G_DECLARE_FINAL_TYPE (ResfriLinkDialog, resfri_link_dialog, RESFRI, LINK_DIALOG, AdwMessageDialog)

GtkWidget        *resfri_link_dialog_new               (GtkWindow        *parent,
                                                        ResfriOccurrence *occurrence,
                                                        const char       *suggestion);
ResfriOccurrence *resfri_link_dialog_get_occurrence    (ResfriLinkDialog *self);
gboolean          resfri_link_dialog_get_whole_meeting (ResfriLinkDialog *self);
char             *resfri_link_dialog_dup_url           (ResfriLinkDialog *self);
ResfriMode        resfri_link_dialog_get_mode          (ResfriLinkDialog *self);

G_END_DECLS

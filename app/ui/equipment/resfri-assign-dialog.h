/* resfri-assign-dialog.h
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define RESFRI_TYPE_ASSIGN_DIALOG (resfri_assign_dialog_get_type ())

G_DECLARE_FINAL_TYPE (ResfriAssignDialog, resfri_assign_dialog, RESFRI, ASSIGN_DIALOG, AdwMessageDialog)

/* @completions: (nullable) "Name <email>", email rows to complete the
 * person from; NULL until the people register has been read. */
GtkWidget  *resfri_assign_dialog_new       (GtkWindow          *parent,
                                            const char         *tag,
                                            GtkTreeModel       *completions);
const char *resfri_assign_dialog_get_tag   (ResfriAssignDialog *self);
char       *resfri_assign_dialog_dup_email (ResfriAssignDialog *self);
void        resfri_assign_dialog_set_person (ResfriAssignDialog *self,
                                             const char         *person);

G_END_DECLS

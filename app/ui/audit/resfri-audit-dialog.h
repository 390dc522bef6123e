/* resfri-audit-dialog.h
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "resfri-store.h"

G_BEGIN_DECLS

#define RESFRI_TYPE_AUDIT_DIALOG (resfri_audit_dialog_get_type ())

G_DECLARE_FINAL_TYPE (ResfriAuditDialog, resfri_audit_dialog, RESFRI, AUDIT_DIALOG, AdwWindow)

/* The most changes the dialog lists at once, newest first. */
#define RESFRI_AUDIT_DIALOG_LIMIT 2000

GtkWidget *resfri_audit_dialog_new (GtkWindow   *parent,
                                    ResfriStore *store);

G_END_DECLS

/* resfri-registers-dialog.h
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Import Registers: the CSV files of spec/cli.md chosen one per register
 * and imported together.
 */

#pragma once

#include <adwaita.h>

#include "resfri-store.h"

G_BEGIN_DECLS

#define RESFRI_TYPE_REGISTERS_DIALOG (resfri_registers_dialog_get_type ())

G_DECLARE_FINAL_TYPE (ResfriRegistersDialog, resfri_registers_dialog, RESFRI, REGISTERS_DIALOG, AdwWindow)

/* Emits "imported" once the files are stored. */
GtkWidget *resfri_registers_dialog_new (GtkWindow   *parent,
                                        ResfriStore *store);

G_END_DECLS

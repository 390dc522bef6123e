/* resfri-source-dialog.h
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "resfri-store.h"

G_BEGIN_DECLS

#define RESFRI_TYPE_SOURCE_DIALOG (resfri_source_dialog_get_type ())

G_DECLARE_FINAL_TYPE (ResfriSourceDialog, resfri_source_dialog, RESFRI, SOURCE_DIALOG, AdwWindow)

GtkWidget *resfri_source_dialog_new (GtkWindow   *parent,
                                     ResfriStore *store);

G_END_DECLS

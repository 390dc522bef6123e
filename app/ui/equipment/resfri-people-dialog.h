/* resfri-people-dialog.h
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "resfri-store.h"

G_BEGIN_DECLS

#define RESFRI_TYPE_PEOPLE_DIALOG (resfri_people_dialog_get_type ())

G_DECLARE_FINAL_TYPE (ResfriPeopleDialog, resfri_people_dialog, RESFRI, PEOPLE_DIALOG, AdwWindow)

GtkWidget *resfri_people_dialog_new (GtkWindow   *parent,
                                     ResfriStore *store);

G_END_DECLS

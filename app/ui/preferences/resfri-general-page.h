/* resfri-general-page.h
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "resfri-store.h"

G_BEGIN_DECLS

#define RESFRI_TYPE_GENERAL_PAGE (resfri_general_page_get_type ())

G_DECLARE_FINAL_TYPE (ResfriGeneralPage, resfri_general_page, RESFRI, GENERAL_PAGE, AdwPreferencesPage)

GtkWidget *resfri_general_page_new         (ResfriStore       *store);
void       resfri_general_page_focus_email (ResfriGeneralPage *self);

G_END_DECLS

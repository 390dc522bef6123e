/* resfri-application.h
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define RESFRI_TYPE_APPLICATION (resfri_application_get_type ())

G_DECLARE_FINAL_TYPE (ResfriApplication, resfri_application, RESFRI, APPLICATION, AdwApplication)

ResfriApplication *resfri_application_new          (void);
GSettings         *resfri_application_get_settings (ResfriApplication *self);

/* Set by main() when it named the empty theme in $GTK_THEME for GTK's
 * start; the application's startup takes it back. */
extern gboolean resfri_startup_empty_theme;

G_END_DECLS

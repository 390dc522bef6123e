/* resfri-preferences-window.h
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "resfri-store.h"

G_BEGIN_DECLS

#define RESFRI_TYPE_PREFERENCES_WINDOW (resfri_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (ResfriPreferencesWindow, resfri_preferences_window, RESFRI, PREFERENCES_WINDOW, AdwPreferencesWindow)

ResfriPreferencesWindow *resfri_preferences_window_new (GtkWindow   *parent,
                                                        ResfriStore *store);

void                     resfri_preferences_window_show_email (ResfriPreferencesWindow *self);

G_END_DECLS

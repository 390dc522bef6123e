/* resfri-window.h
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "resfri-application.h"
#include "resfri-store.h"

G_BEGIN_DECLS

#define RESFRI_TYPE_WINDOW (resfri_window_get_type ())

G_DECLARE_FINAL_TYPE (ResfriWindow, resfri_window, RESFRI, WINDOW, AdwApplicationWindow)

ResfriWindow *resfri_window_new      (ResfriApplication *application,
                                      const char        *path,
                                      ResfriStore       *store,
                                      const GError      *error);
const char   *resfri_window_get_path (ResfriWindow      *self);
ResfriStore  *resfri_window_get_store (ResfriWindow     *self);
void          resfri_window_import_files (ResfriWindow  *self,
                                          GFile        **files,
                                          guint          n_files);
void          resfri_window_after_first_frame (ResfriWindow *self,
                                               GSourceFunc   func,
                                               gpointer      user_data,
                                               GDestroyNotify destroy);

G_END_DECLS

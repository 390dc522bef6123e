/* resfri-progress-bar.h
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A bar for long work (an import, a report, the what-if): what is being
 * done, how far it is, and Cancel; hidden while nothing runs.
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define RESFRI_TYPE_PROGRESS_BAR (resfri_progress_bar_get_type ())

G_DECLARE_FINAL_TYPE (ResfriProgressBar, resfri_progress_bar, RESFRI, PROGRESS_BAR, GtkWidget)

GtkWidget    *resfri_progress_bar_new          (void);
/* Shows the bar with @text and returns the work's cancellable (borrowed,
 * valid until resfri_progress_bar_finish()); Cancel cancels it.
 * @cancel_name is the Cancel button's accessible name ("Cancel Import"). */
GCancellable *resfri_progress_bar_start        (ResfriProgressBar *self,
                                                const char        *text,
                                                const char        *cancel_name);
void          resfri_progress_bar_set_text     (ResfriProgressBar *self,
                                                const char        *text);
/* 0 .. 1; a negative fraction pulses (the share is not known). */
void          resfri_progress_bar_set_fraction (ResfriProgressBar *self,
                                                double             fraction);
void          resfri_progress_bar_cancel       (ResfriProgressBar *self);
/* Hides the bar; the cancellable is dropped. */
void          resfri_progress_bar_finish       (ResfriProgressBar *self);
gboolean      resfri_progress_bar_is_running   (ResfriProgressBar *self);

G_END_DECLS

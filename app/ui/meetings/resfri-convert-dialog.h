/* resfri-convert-dialog.h
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "resfri-convert.h"
#include "resfri-meeting-edit.h"
#include "resfri-view.h"

G_BEGIN_DECLS

#define RESFRI_TYPE_CONVERT_DIALOG (resfri_convert_dialog_get_type ())

G_DECLARE_FINAL_TYPE (ResfriConvertDialog, resfri_convert_dialog, RESFRI, CONVERT_DIALOG,
                      AdwMessageDialog)

/* Called once the conversion ran: @result (borrowed) or @error; not called
 * when the dialog is cancelled (@user_data then goes to its destroy
 * function all the same). */
typedef void (*ResfriConvertDoneFunc) (ResfriConvertResult *result,
                                       const GError        *error,
                                       gpointer             user_data);

/* Asks for the link, hybrid or not, and (when @recurrence_id is given)
 * this occurrence and the following ones or the whole series, then
 * converts the series on a worker (resfri_convert_series_async()) and
 * calls @done. For the meeting's detail pane and the planning view. */
void  resfri_convert_dialog_run     (GtkWindow             *parent,
                                     ResfriStore           *store,
                                     const char            *uid,
                                     const char            *recurrence_id,
                                     const char            *suggestion,
                                     ResfriConvertDoneFunc  done,
                                     gpointer               user_data,
                                     GDestroyNotify         destroy);
/* The dialog for @view's Convert… (the overview, the planning view). */
void  resfri_convert_dialog_run_for_view (ResfriView  *view,
                                          ResfriStore *store,
                                          const char  *uid,
                                          const char  *recurrence_id);
/* A line saying what a conversion did, for a toast. Translated. */
char *resfri_convert_dialog_describe (const ResfriConvertResult *result);

G_END_DECLS

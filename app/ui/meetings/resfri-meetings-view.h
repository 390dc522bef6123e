/* resfri-meetings-view.h
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "resfri-store.h"

G_BEGIN_DECLS

#define RESFRI_TYPE_MEETINGS_VIEW (resfri_meetings_view_get_type ())

G_DECLARE_FINAL_TYPE (ResfriMeetingsView, resfri_meetings_view, RESFRI, MEETINGS_VIEW, AdwBin)

void resfri_meetings_view_set_store      (ResfriMeetingsView *self,
                                          ResfriStore        *store);
void resfri_meetings_view_reload         (ResfriMeetingsView *self);
void resfri_meetings_view_step_week      (ResfriMeetingsView *self,
                                          int                 weeks);
void resfri_meetings_view_show_today     (ResfriMeetingsView *self);
void resfri_meetings_view_show_occurrence (ResfriMeetingsView *self,
                                           gint64              start,
                                           const char         *uid,
                                           const char         *recurrence_id);
void resfri_meetings_view_focus_search   (ResfriMeetingsView *self);

G_END_DECLS

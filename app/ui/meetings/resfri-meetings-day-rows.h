/* resfri-meetings-day-rows.h
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define RESFRI_TYPE_DAY_HEADER (resfri_day_header_get_type ())
#define RESFRI_TYPE_MEETINGS_DAY_ROWS (resfri_meetings_day_rows_get_type ())

G_DECLARE_FINAL_TYPE (ResfriDayHeader, resfri_day_header, RESFRI, DAY_HEADER, GObject)
G_DECLARE_FINAL_TYPE (ResfriMeetingsDayRows, resfri_meetings_day_rows, RESFRI, MEETINGS_DAY_ROWS, GObject)

const char            *resfri_day_header_get_label          (ResfriDayHeader       *self);

ResfriMeetingsDayRows *resfri_meetings_day_rows_new         (GListModel            *occurrences,
                                                             GTimeZone             *tz);
guint                  resfri_meetings_day_rows_find        (ResfriMeetingsDayRows *self,
                                                             gpointer               item);

G_END_DECLS

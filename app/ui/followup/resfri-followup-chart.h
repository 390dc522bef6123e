/* resfri-followup-chart.h
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * ResfriFollowupChart: one chart of the follow-up view (the travel-free
 * share per month or the exemptions by reason) on a white card.
 */

#pragma once

#include <gtk/gtk.h>

#include "resfri-core.h"
#include "resfri-report.h"

G_BEGIN_DECLS

typedef enum
{
  RESFRI_FOLLOWUP_CHART_SHARE,    /* the travel-free share per month */
  RESFRI_FOLLOWUP_CHART_REASONS,  /* the exemptions by reason */
} ResfriFollowupChartKind;

#define RESFRI_TYPE_FOLLOWUP_CHART (resfri_followup_chart_get_type ())

G_DECLARE_FINAL_TYPE (ResfriFollowupChart, resfri_followup_chart, RESFRI, FOLLOWUP_CHART,
                      GtkDrawingArea)

void resfri_followup_chart_set_kind     (ResfriFollowupChart     *self,
                                         ResfriFollowupChartKind  kind);
/* @followup (nullable) is borrowed: the caller keeps it alive while it is
 * set, and sets another (or NULL) before freeing it. */
void resfri_followup_chart_set_followup (ResfriFollowupChart     *self,
                                         const ResfriFollowup    *followup);

/* Draws the chart of @kind for @followup into @cr within @width × @height
 * in @palette's colours, without the card: the widget's contents, and the
 * printed page's (resfri_report_palette_paper()). */
void resfri_followup_chart_render       (ResfriFollowupChartKind    kind,
                                         const ResfriFollowup      *followup,
                                         cairo_t                   *cr,
                                         double                     width,
                                         double                     height,
                                         const ResfriReportPalette *palette);

G_END_DECLS

/* resfri-report.h
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The charts of the follow-up, drawn with cairo and pango into any cairo
 * context: the PDF report's pages, the GUI's live charts and its printed
 * page all call these, so that they look the same everywhere.
 */

#pragma once

#include <cairo.h>
#include <glib.h>

#include "resfri-core.h"

G_BEGIN_DECLS

/**
 * ResfriReportPalette:
 *
 * The colours the charts draw with (RGB, 0..1): paper's by default
 * (resfri_report_palette_paper()); the window passes dark ones in a dark
 * style, so that a chart on screen follows it while the PDF stays white.
 */
typedef struct
{
  double text[3];       /* labels and figures */
  double dim[3];        /* axis labels */
  double grid[3];       /* gridlines */
  double baseline[3];
  double bar[3];        /* this period */
  double previous[3];   /* a year earlier */
  double target[3];     /* the target line */
} ResfriReportPalette;

const ResfriReportPalette *resfri_report_palette_paper (void);
const ResfriReportPalette *resfri_report_palette_dark  (void);

/* Draws a horizontal bar per (label, value) pair into @cr within
 * @width × @height, labels on the left, values on the right, bars scaled to
 * the largest value. Shared by the PDF reports and the GUI's live charts. */
void resfri_report_draw_bars (cairo_t            *cr,
                              double              width,
                              double              height,
                              const char * const *labels,
                              const double       *values,
                              guint               n_values);

/* Draws a column per category into @cr within @width × @height: @values in
 * the bar colour and, when @previous is not %NULL, @previous in grey to the
 * left of each (the same months a year earlier); a NAN value draws nothing.
 * The scale runs from 0 to @max (0: the largest value) with four gridlines
 * labelled by @axis_format (a printf format taking a double, "%.0f %%"),
 * the @labels under the columns, and each current value above its column
 * with @value_format. */
void resfri_report_draw_columns (cairo_t            *cr,
                                 double              width,
                                 double              height,
                                 const char * const *labels,
                                 const double       *values,
                                 const double       *previous,
                                 guint               n_values,
                                 double              max,
                                 const char         *axis_format,
                                 const char         *value_format);

/* The travel-free share per month of @followup, against the same months a
 * year earlier when it has them (resfri_followup_dup_share_series()), as
 * columns on a 0–100 % scale within @width × @height. */
void resfri_report_draw_share_chart  (cairo_t              *cr,
                                      const ResfriFollowup *followup,
                                      double                width,
                                      double                height);

/* The exempt occurrences of @followup per reason
 * (resfri_followup_dup_reason_series()) as bars within @width × @height. */
void resfri_report_draw_reason_chart (cairo_t              *cr,
                                      const ResfriFollowup *followup,
                                      double                width,
                                      double                height);

/* The same two charts in @palette's colours. The share chart also draws
 * the total's target (ResfriFollowupRow.target_share), when set, as a
 * dashed line labelled with it. */
void resfri_report_draw_share_chart_full  (cairo_t                   *cr,
                                           const ResfriFollowup      *followup,
                                           double                     width,
                                           double                     height,
                                           const ResfriReportPalette *palette);
void resfri_report_draw_reason_chart_full (cairo_t                   *cr,
                                           const ResfriFollowup      *followup,
                                           double                     width,
                                           double                     height,
                                           const ResfriReportPalette *palette);

G_END_DECLS

/* resfri-report.h
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>
#include <glib.h>

#include "resfri-core.h"

G_BEGIN_DECLS

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

G_END_DECLS

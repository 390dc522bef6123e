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

G_END_DECLS

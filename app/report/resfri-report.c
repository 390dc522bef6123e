/* resfri-report.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <pango/pangocairo.h>

#include "resfri-report.h"

#define LABEL_SHARE 0.35
#define BAR_GAP     0.25

static PangoLayout *
make_layout (cairo_t    *cr,
             const char *text,
             double      size_pt)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string ("Sans");

  pango_font_description_set_size (font, (int) (size_pt * PANGO_SCALE));
  pango_layout_set_font_description (layout, font);
  pango_layout_set_text (layout, text, -1);

  return layout;
}

void
resfri_report_draw_bars (cairo_t            *cr,
                         double              width,
                         double              height,
                         const char * const *labels,
                         const double       *values,
                         guint               n_values)
{
  double max_value = 0;
  double row_height;
  double label_width = width * LABEL_SHARE;
  double bar_space = width - label_width - 60;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (n_values == 0 || (labels != NULL && values != NULL));

  if (n_values == 0 || width <= 0 || height <= 0)
    return;

  for (guint i = 0; i < n_values; i++)
    max_value = MAX (max_value, values[i]);

  row_height = height / n_values;

  for (guint i = 0; i < n_values; i++)
    {
      g_autoptr(PangoLayout) label = NULL;
      g_autoptr(PangoLayout) figure = NULL;
      g_autofree char *text = NULL;
      double y = i * row_height;
      double bar = max_value > 0 ? bar_space * values[i] / max_value : 0;
      int lw, lh;

      label = make_layout (cr, labels[i], MIN (10.0, row_height * 0.5));
      pango_layout_set_width (label, (int) ((label_width - 8) * PANGO_SCALE));
      pango_layout_set_ellipsize (label, PANGO_ELLIPSIZE_END);
      pango_layout_get_pixel_size (label, &lw, &lh);
      cairo_set_source_rgb (cr, 0.2, 0.2, 0.2);
      cairo_move_to (cr, 0, y + (row_height - lh) / 2);
      pango_cairo_show_layout (cr, label);

      cairo_set_source_rgb (cr, 0.21, 0.52, 0.89);
      cairo_rectangle (cr, label_width, y + row_height * BAR_GAP / 2,
                       bar, row_height * (1 - BAR_GAP));
      cairo_fill (cr);

      text = g_strdup_printf ("%.0f", values[i]);
      figure = make_layout (cr, text, MIN (10.0, row_height * 0.5));
      pango_layout_get_pixel_size (figure, &lw, &lh);
      cairo_set_source_rgb (cr, 0.2, 0.2, 0.2);
      cairo_move_to (cr, label_width + bar + 4, y + (row_height - lh) / 2);
      pango_cairo_show_layout (cr, figure);
    }
}

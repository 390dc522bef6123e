/* resfri-report.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Bars and columns with their labels, and the follow-up's two charts built
 * on them from the series core computes (resfri_followup_dup_*_series()).
 */

#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>

#include "resfri-report.h"

#define LABEL_SHARE 0.35
#define BAR_GAP     0.25

static const ResfriReportPalette paper = {
  .text = { 0.2, 0.2, 0.2 },
  .dim = { 0.35, 0.35, 0.35 },
  .grid = { 0.82, 0.82, 0.82 },
  .baseline = { 0.4, 0.4, 0.4 },
  .bar = { 0.21, 0.52, 0.89 },
  .previous = { 0.72, 0.72, 0.72 },
  .target = { 0.85, 0.35, 0.1 },
};

/* Adwaita's dark card, light text, the blue a shade lighter. */
static const ResfriReportPalette dark = {
  .text = { 0.92, 0.92, 0.92 },
  .dim = { 0.7, 0.7, 0.7 },
  .grid = { 0.35, 0.35, 0.35 },
  .baseline = { 0.6, 0.6, 0.6 },
  .bar = { 0.47, 0.68, 0.93 },
  .previous = { 0.5, 0.5, 0.5 },
  .target = { 1.0, 0.6, 0.35 },
};

const ResfriReportPalette *
resfri_report_palette_paper (void)
{
  return &paper;
}

const ResfriReportPalette *
resfri_report_palette_dark (void)
{
  return &dark;
}

static void
set_colour (cairo_t      *cr,
            const double *rgb)
{
  cairo_set_source_rgb (cr, rgb[0], rgb[1], rgb[2]);
}

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

static void draw_bars (cairo_t                   *cr,
                       double                     width,
                       double                     height,
                       const char * const        *labels,
                       const double              *values,
                       guint                      n_values,
                       const ResfriReportPalette *palette);

void
resfri_report_draw_bars (cairo_t            *cr,
                         double              width,
                         double              height,
                         const char * const *labels,
                         const double       *values,
                         guint               n_values)
{
  draw_bars (cr, width, height, labels, values, n_values, &paper);
}

static void
draw_bars (cairo_t                   *cr,
           double                     width,
           double                     height,
           const char * const        *labels,
           const double              *values,
           guint                      n_values,
           const ResfriReportPalette *palette)
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
      set_colour (cr, palette->text);
      cairo_move_to (cr, 0, y + (row_height - lh) / 2);
      pango_cairo_show_layout (cr, label);

      set_colour (cr, palette->bar);
      cairo_rectangle (cr, label_width, y + row_height * BAR_GAP / 2,
                       bar, row_height * (1 - BAR_GAP));
      cairo_fill (cr);

      text = g_strdup_printf ("%.0f", values[i]);
      figure = make_layout (cr, text, MIN (10.0, row_height * 0.5));
      pango_layout_get_pixel_size (figure, &lw, &lh);
      set_colour (cr, palette->text);
      cairo_move_to (cr, label_width + bar + 4, y + (row_height - lh) / 2);
      pango_cairo_show_layout (cr, figure);
    }
}

static void draw_columns (cairo_t                   *cr,
                          double                     width,
                          double                     height,
                          const char * const        *labels,
                          const double              *values,
                          const double              *previous,
                          guint                      n_values,
                          double                     max,
                          double                     target,
                          const char                *target_label,
                          const char                *axis_format,
                          const char                *value_format,
                          const ResfriReportPalette *palette);

void
resfri_report_draw_columns (cairo_t            *cr,
                            double              width,
                            double              height,
                            const char * const *labels,
                            const double       *values,
                            const double       *previous,
                            guint               n_values,
                            double              max,
                            const char         *axis_format,
                            const char         *value_format)
{
  draw_columns (cr, width, height, labels, values, previous, n_values, max, NAN, NULL,
                axis_format, value_format, &paper);
}

/* resfri_report_draw_columns() with a dashed line at @target (NAN: none)
 * labelled @target_label at its right end. */
static void
draw_columns (cairo_t                   *cr,
              double                     width,
              double                     height,
              const char * const        *labels,
              const double              *values,
              const double              *previous,
              guint                      n_values,
              double                     max,
              double                     target,
              const char                *target_label,
              const char                *axis_format,
              const char                *value_format,
              const ResfriReportPalette *palette)
{
  const double font = 7.5;
  double axis_width = 0;
  double label_height = font * 2;
  double plot_top = font * 1.6;
  double plot_height;
  double slot;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (n_values == 0 || (labels != NULL && values != NULL));

  if (n_values == 0 || width <= 0 || height <= 0)
    return;

  if (max <= 0)
    for (guint i = 0; i < n_values; i++)
      {
        if (!isnan (values[i]))
          max = MAX (max, values[i]);
        if (previous != NULL && !isnan (previous[i]))
          max = MAX (max, previous[i]);
      }
  if (max <= 0)
    max = 1;

  /* The axis labels' width decides where the plot starts. */
  for (int g = 0; g <= 4; g++)
    {
      g_autofree char *text = g_strdup_printf (axis_format, max * g / 4);
      g_autoptr(PangoLayout) layout = make_layout (cr, text, font);
      int lw, lh;

      pango_layout_get_pixel_size (layout, &lw, &lh);
      axis_width = MAX (axis_width, lw + 6);
    }

  plot_height = height - label_height - plot_top;
  slot = (width - axis_width) / n_values;
  if (plot_height <= 0 || slot <= 0)
    return;

  /* Gridlines with their values. */
  cairo_save (cr);
  cairo_set_line_width (cr, 0.5);
  for (int g = 0; g <= 4; g++)
    {
      double y = plot_top + plot_height * (1 - g / 4.0);
      g_autofree char *text = g_strdup_printf (axis_format, max * g / 4);
      g_autoptr(PangoLayout) layout = make_layout (cr, text, font);
      int lw, lh;

      set_colour (cr, palette->grid);
      cairo_move_to (cr, axis_width, y);
      cairo_line_to (cr, width, y);
      cairo_stroke (cr);

      pango_layout_get_pixel_size (layout, &lw, &lh);
      set_colour (cr, palette->dim);
      cairo_move_to (cr, axis_width - 6 - lw, y - lh / 2.0);
      pango_cairo_show_layout (cr, layout);
    }
  cairo_restore (cr);

  for (guint i = 0; i < n_values; i++)
    {
      double x = axis_width + i * slot;
      double column = slot * (previous != NULL ? 0.36 : 0.6);
      double current_x = x + (slot - column * (previous != NULL ? 2 : 1)) / 2 +
                         (previous != NULL ? column : 0);
      g_autoptr(PangoLayout) label = make_layout (cr, labels[i], font);
      int lw, lh;

      if (previous != NULL && !isnan (previous[i]))
        {
          double h = plot_height * CLAMP (previous[i] / max, 0, 1);

          set_colour (cr, palette->previous);
          cairo_rectangle (cr, current_x - column, plot_top + plot_height - h, column, h);
          cairo_fill (cr);
        }

      if (!isnan (values[i]))
        {
          double h = plot_height * CLAMP (values[i] / max, 0, 1);
          g_autofree char *text = g_strdup_printf (value_format, values[i]);
          g_autoptr(PangoLayout) figure = make_layout (cr, text, font * 0.9);

          set_colour (cr, palette->bar);
          cairo_rectangle (cr, current_x, plot_top + plot_height - h, column, h);
          cairo_fill (cr);

          pango_layout_get_pixel_size (figure, &lw, &lh);
          set_colour (cr, palette->text);
          cairo_move_to (cr, current_x + column / 2 - lw / 2.0, plot_top + plot_height - h - lh);
          pango_cairo_show_layout (cr, figure);
        }

      pango_layout_set_width (label, (int) (slot * PANGO_SCALE));
      pango_layout_set_alignment (label, PANGO_ALIGN_CENTER);
      pango_layout_set_ellipsize (label, PANGO_ELLIPSIZE_END);
      pango_layout_get_pixel_size (label, &lw, &lh);
      set_colour (cr, palette->text);
      cairo_move_to (cr, x, plot_top + plot_height + 3);
      pango_cairo_show_layout (cr, label);
    }

  /* The baseline. */
  set_colour (cr, palette->baseline);
  cairo_set_line_width (cr, 0.8);
  cairo_move_to (cr, axis_width, plot_top + plot_height);
  cairo_line_to (cr, width, plot_top + plot_height);
  cairo_stroke (cr);

  /* The target, over the columns. */
  if (!isnan (target))
    {
      const double dashes[] = { 4, 3 };
      double y = plot_top + plot_height * (1 - CLAMP (target / max, 0, 1));

      cairo_save (cr);
      set_colour (cr, palette->target);
      cairo_set_line_width (cr, 1.2);
      cairo_set_dash (cr, dashes, G_N_ELEMENTS (dashes), 0);
      cairo_move_to (cr, axis_width, y);
      cairo_line_to (cr, width, y);
      cairo_stroke (cr);
      cairo_restore (cr);
      if (target_label != NULL)
        {
          g_autoptr(PangoLayout) layout = make_layout (cr, target_label, font);
          int lw, lh;

          pango_layout_get_pixel_size (layout, &lw, &lh);
          set_colour (cr, palette->target);
          cairo_move_to (cr, width - lw, y - lh - 1);
          pango_cairo_show_layout (cr, layout);
        }
    }
}

void
resfri_report_draw_share_chart (cairo_t              *cr,
                                const ResfriFollowup *followup,
                                double                width,
                                double                height)
{
  g_return_if_fail (cr != NULL);
  g_return_if_fail (followup != NULL);

  resfri_report_draw_share_chart_full (cr, followup, width, height, &paper);
}

void
resfri_report_draw_share_chart_full (cairo_t                   *cr,
                                     const ResfriFollowup      *followup,
                                     double                     width,
                                     double                     height,
                                     const ResfriReportPalette *palette)
{
  g_autoptr(ResfriFollowupSeries) series = NULL;
  g_autofree char *target_label = NULL;
  double target = followup->total->target_share;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (followup != NULL);
  g_return_if_fail (palette != NULL);

  if (!isnan (target))
    /* TRANSLATORS: the label of the target line in the monthly chart */
    target_label = g_strdup_printf (_("Target %g %%"), target * 100);
  series = resfri_followup_dup_share_series (followup);
  draw_columns (cr, width, height, (const char * const *) series->labels, series->values,
                series->previous, series->n_values, 100, isnan (target) ? NAN : target * 100,
                target_label, _("%.0f %%"), "%.0f", palette);
}

void
resfri_report_draw_reason_chart (cairo_t              *cr,
                                 const ResfriFollowup *followup,
                                 double                width,
                                 double                height)
{
  g_autoptr(ResfriFollowupSeries) series = NULL;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (followup != NULL);

  series = resfri_followup_dup_reason_series (followup);
  draw_bars (cr, width, height, (const char * const *) series->labels, series->values,
             series->n_values, &paper);
}

void
resfri_report_draw_reason_chart_full (cairo_t                   *cr,
                                      const ResfriFollowup      *followup,
                                      double                     width,
                                      double                     height,
                                      const ResfriReportPalette *palette)
{
  g_autoptr(ResfriFollowupSeries) series = NULL;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (followup != NULL);
  g_return_if_fail (palette != NULL);

  series = resfri_followup_dup_reason_series (followup);
  draw_bars (cr, width, height, (const char * const *) series->labels, series->values,
             series->n_values, palette);
}

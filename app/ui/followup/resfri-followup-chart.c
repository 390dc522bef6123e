/* resfri-followup-chart.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One chart of the follow-up view, drawn live with the PDF report's code
 * (resfri_report_draw_share_chart_full and _reason_chart_full) on a card
 * in the style's colours: paper's in a light style, dark ones (and a dark
 * card, no white paper) when AdwStyleManager says the style is dark; the
 * PDF stays white. Without exemptions the reason chart is one line saying
 * so.
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <pango/pangocairo.h>

#include "resfri-followup-chart.h"
#include "resfri-report.h"

#define CHART_PADDING 16

/* The reason chart's bars are as tall as the PDF's. */
#define REASON_ROW 15

struct _ResfriFollowupChart
{
  GtkDrawingArea           parent_instance;

  ResfriFollowupChartKind  kind;
  const ResfriFollowup    *followup;
};

G_DEFINE_FINAL_TYPE (ResfriFollowupChart, resfri_followup_chart, GTK_TYPE_DRAWING_AREA)

static gboolean
is_dark (void)
{
  return adw_style_manager_get_dark (adw_style_manager_get_default ());
}

static void
paint_paper (cairo_t *cr,
             int      width,
             int      height)
{
  const double r = 12;

  cairo_new_sub_path (cr);
  cairo_arc (cr, width - r, r, r, -G_PI / 2, 0);
  cairo_arc (cr, width - r, height - r, r, 0, G_PI / 2);
  cairo_arc (cr, r, height - r, r, G_PI / 2, G_PI);
  cairo_arc (cr, r, r, r, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
  /* Adwaita's dark card over the dark window, or paper. */
  if (is_dark ())
    cairo_set_source_rgb (cr, 0.21, 0.21, 0.21);
  else
    cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_fill (cr);
}

static void
draw_no_exemption (cairo_t                   *cr,
                   double                     width,
                   const ResfriReportPalette *palette)
{
  g_autoptr(PangoLayout) layout = pango_cairo_create_layout (cr);
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string ("Sans");

  pango_font_description_set_size (font, 9 * PANGO_SCALE);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_text (layout, _("No exemption was recorded for the period."), -1);
  cairo_set_source_rgb (cr, palette->dim[0], palette->dim[1], palette->dim[2]);
  cairo_move_to (cr, 0, 0);
  pango_cairo_show_layout (cr, layout);
}

static void
draw_cb (GtkDrawingArea *area,
         cairo_t        *cr,
         int             width,
         int             height,
         gpointer        user_data)
{
  ResfriFollowupChart *self = RESFRI_FOLLOWUP_CHART (area);

  if (self->followup == NULL)
    return;

  paint_paper (cr, width, height);
  cairo_translate (cr, CHART_PADDING, CHART_PADDING);
  resfri_followup_chart_render (self->kind, self->followup, cr,
                                width - 2 * CHART_PADDING, height - 2 * CHART_PADDING,
                                is_dark () ? resfri_report_palette_dark ()
                                           : resfri_report_palette_paper ());
}

static void
resfri_followup_chart_class_init (ResfriFollowupChartClass *klass)
{
}

static void
resfri_followup_chart_init (ResfriFollowupChart *self)
{
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (self), draw_cb, NULL, NULL);
  /* Drawn again when the style turns dark or light. */
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (gtk_widget_queue_draw), self, G_CONNECT_SWAPPED);
}

void
resfri_followup_chart_set_kind (ResfriFollowupChart     *self,
                                ResfriFollowupChartKind  kind)
{
  g_return_if_fail (RESFRI_IS_FOLLOWUP_CHART (self));

  self->kind = kind;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
resfri_followup_chart_set_followup (ResfriFollowupChart  *self,
                                    const ResfriFollowup *followup)
{
  g_return_if_fail (RESFRI_IS_FOLLOWUP_CHART (self));

  self->followup = followup;
  /* The reason chart is as tall as its bars, or one line saying there is
   * none. */
  if (followup != NULL && self->kind == RESFRI_FOLLOWUP_CHART_REASONS)
    gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (self),
                                         followup->total->exempt_total > 0
                                           ? REASON_ROW * RESFRI_FOLLOWUP_N_REASONS +
                                             2 * CHART_PADDING
                                           : 48);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
resfri_followup_chart_render (ResfriFollowupChartKind  kind,
                              const ResfriFollowup    *followup,
                              cairo_t                 *cr,
                              double                   width,
                              double                   height,
                              const ResfriReportPalette *palette)
{
  g_return_if_fail (followup != NULL);
  g_return_if_fail (cr != NULL);

  if (kind == RESFRI_FOLLOWUP_CHART_SHARE)
    resfri_report_draw_share_chart_full (cr, followup, width, height, palette);
  else if (followup->total->exempt_total == 0)
    draw_no_exemption (cr, width, palette);
  else
    resfri_report_draw_reason_chart_full (cr, followup, width, height, palette);
}

/* resfri-report-pdf.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The report is drawn twice: once into a PDF surface that discards its
 * output, to count the pages ("page 2 of 3" needs the total), then for real.
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <cairo-pdf.h>
#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>

#include "resfri-report-file.h"
#include "resfri-report-pdf.h"
#include "resfri-report.h"

/* A4 in points, 2 cm margins. */
#define PAGE_WIDTH   595.276
#define PAGE_HEIGHT  841.890
#define MARGIN        56.693
#define CONTENT_WIDTH (PAGE_WIDTH - 2 * MARGIN)
#define FOOTER_SPACE  28.0
#define CONTENT_BOTTOM (PAGE_HEIGHT - MARGIN - FOOTER_SPACE)

#define ROW_HEIGHT    12.0
#define HEADER_HEIGHT 22.0
#define TABLE_FONT     7.3

typedef struct
{
  cairo_t              *cr;
  PangoContext         *pango;     /* at 72 dpi: sizes are points */
  const ResfriFollowup *followup;
  const ResfriWhatif   *whatif;    /* (nullable): the what-if page */
  const char           *municipality;
  char                 *footer;
  guint                 page;      /* 1-based */
  guint                 n_pages;   /* 0 while counting */
  double                y;
  ResfriReportPageFunc  page_func; /* (nullable) */
  gpointer              page_data;
  gboolean              stopped;   /* page_func said to stop */
} Doc;

typedef enum
{
  ALIGN_LEFT,
  ALIGN_RIGHT,
  ALIGN_CENTER,
} Align;

/* A layout whose sizes are true points (pango_cairo assumes 96 dpi), in
 * the document's one context. */
static PangoLayout *
new_layout (Doc        *doc,
            const char *text,
            double      size,
            gboolean    bold)
{
  PangoLayout *layout = pango_layout_new (doc->pango);
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string ("Sans");

  pango_font_description_set_size (font, (int) (size * PANGO_SCALE));
  if (bold)
    pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_text (layout, text, -1);

  return layout;
}

static PangoAlignment
pango_align (Align align)
{
  switch (align)
    {
    case ALIGN_RIGHT:
      return PANGO_ALIGN_RIGHT;
    case ALIGN_CENTER:
      return PANGO_ALIGN_CENTER;
    case ALIGN_LEFT:
    default:
      return PANGO_ALIGN_LEFT;
    }
}

/* Draws @text at (@x, @y) wrapped within @width; returns its height. */
static double
show_text (Doc        *doc,
           double      x,
           double      y,
           double      width,
           const char *text,
           double      size,
           gboolean    bold,
           Align       align)
{
  g_autoptr(PangoLayout) layout = new_layout (doc, text, size, bold);
  int w, h;

  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_alignment (layout, pango_align (align));
  pango_layout_get_pixel_size (layout, &w, &h);
  cairo_move_to (doc->cr, x, y);
  pango_cairo_show_layout (doc->cr, layout);

  return h;
}

/* The width @text takes on one line. */
static double
text_width (Doc        *doc,
            const char *text,
            double      size,
            gboolean    bold)
{
  g_autoptr(PangoLayout) layout = new_layout (doc, text, size, bold);
  int w, h;

  pango_layout_get_pixel_size (layout, &w, &h);

  return w;
}

/* A table cell: one line shortened with "…" to fit @width, or for a
 * heading (@wrap) up to two lines, vertically centred in @height. */
static void
show_cell (Doc        *doc,
           double      x,
           double      y,
           double      width,
           double      height,
           const char *text,
           gboolean    bold,
           gboolean    wrap,
           Align       align)
{
  g_autoptr(PangoLayout) layout = new_layout (doc, text, wrap ? TABLE_FONT - 0.5 : TABLE_FONT,
                                              bold);
  int w, h;

  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  if (wrap)
    {
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD);
      pango_layout_set_height (layout, -2);
    }
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_alignment (layout, pango_align (align));
  pango_layout_get_pixel_size (layout, &w, &h);
  cairo_move_to (doc->cr, x, y + (height - h) / 2);
  pango_cairo_show_layout (doc->cr, layout);
}

static void
set_grey (Doc    *doc,
          double  level)
{
  cairo_set_source_rgb (doc->cr, level, level, level);
}

static void
draw_footer (Doc *doc)
{
  g_autofree char *page = NULL;

  if (doc->n_pages > 0)
    /* TRANSLATORS: page number of the report's footer */
    page = g_strdup_printf (_("Page %u of %u"), doc->page, doc->n_pages);
  else
    page = g_strdup_printf (_("Page %u of %u"), doc->page, doc->page);

  set_grey (doc, 0.45);
  cairo_set_line_width (doc->cr, 0.5);
  cairo_move_to (doc->cr, MARGIN, PAGE_HEIGHT - MARGIN - 12);
  cairo_line_to (doc->cr, PAGE_WIDTH - MARGIN, PAGE_HEIGHT - MARGIN - 12);
  cairo_stroke (doc->cr);
  show_text (doc, MARGIN, PAGE_HEIGHT - MARGIN - 8, CONTENT_WIDTH * 0.75, doc->footer, 7, FALSE,
             ALIGN_LEFT);
  show_text (doc, MARGIN + CONTENT_WIDTH * 0.5, PAGE_HEIGHT - MARGIN - 8, CONTENT_WIDTH * 0.5,
             page, 7, FALSE, ALIGN_RIGHT);
}

/* A page is done: shown, and said to page_func. */
static void
show_page (Doc *doc)
{
  draw_footer (doc);
  cairo_show_page (doc->cr);
  if (doc->page_func != NULL && !doc->stopped &&
      !doc->page_func (doc->page, doc->n_pages, doc->page_data))
    doc->stopped = TRUE;
}

static void
new_page (Doc *doc)
{
  show_page (doc);
  doc->page++;
  doc->y = MARGIN;
}

/* Numbers as the user's locale writes them: "1 234", "62,5 %". */
static char *
format_number (double value,
               int    decimals)
{
  return g_strdup_printf ("%'.*f", decimals, value);
}

static char *
format_percent (double share)
{
  /* TRANSLATORS: a percentage, "62.5 %"; Swedish puts a space before % */
  return g_strdup_printf (_("%.1f %%"), share * 100);
}

static char *
format_row_share (const ResfriFollowupRow *row,
                  gboolean                 coverage)
{
  double share;
  gboolean known = coverage ? resfri_followup_row_get_equipment_coverage (row, &share)
                            : resfri_followup_row_get_travel_free_share (row, &share);

  return known ? format_percent (share) : g_strdup ("–");
}

static double
heading (Doc        *doc,
         const char *text)
{
  double h;

  set_grey (doc, 0.1);
  h = show_text (doc, MARGIN, doc->y, CONTENT_WIDTH, text, 13, TRUE, ALIGN_LEFT);
  doc->y += h + 6;

  return h + 6;
}

static void
draw_title (Doc *doc)
{
  const ResfriFollowup *followup = doc->followup;
  g_autofree char *first_day = resfri_period_dup_first_day (followup->period);
  g_autofree char *last_day = resfri_period_dup_last_day (followup->period);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *meta = NULL;
  const char *unit = followup->unit ? followup->unit : _("the whole organisation");

  set_grey (doc, 0.1);
  doc->y += show_text (doc, MARGIN, doc->y, CONTENT_WIDTH, _("Follow-up of the travel policy"),
                       22, TRUE, ALIGN_LEFT);
  if (doc->municipality != NULL && *doc->municipality != '\0')
    {
      set_grey (doc, 0.25);
      doc->y += show_text (doc, MARGIN, doc->y, CONTENT_WIDTH, doc->municipality, 15, FALSE,
                           ALIGN_LEFT);
    }
  doc->y += 4;

  /* TRANSLATORS: the period ("2026-T1"), its first and last day, the unit,
   * and the date the report was made */
  meta = g_strdup_printf (_("Period %s (%s – %s) · Unit: %s · Created %s"),
                          resfri_period_get_label (followup->period), first_day, last_day,
                          unit, today);
  set_grey (doc, 0.35);
  doc->y += show_text (doc, MARGIN, doc->y, CONTENT_WIDTH, meta, 9, FALSE, ALIGN_LEFT);
  doc->y += 8;

  cairo_set_source_rgb (doc->cr, 0.21, 0.52, 0.89);
  cairo_rectangle (doc->cr, MARGIN, doc->y, CONTENT_WIDTH, 2);
  cairo_fill (doc->cr);
  doc->y += 14;
}

static void
draw_headline (Doc *doc)
{
  const ResfriFollowupRow *total = doc->followup->total;
  guint judged = total->travel_free + total->exempt_total + total->non_compliant;
  g_autofree char *share = format_row_share (total, FALSE);
  g_autofree char *planned = resfri_followup_row_dup_planned_note (total);
  g_autofree char *warning = resfri_followup_row_dup_data_warning (total);
  g_autofree char *line = NULL;
  double share_width;
  double line_height;
  double h;

  if (judged > 0)
    {
      g_autofree char *travel_free = format_number (total->travel_free, 0);
      g_autofree char *of = format_number (judged, 0);

      line = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           /* TRANSLATORS: the headline of the report, after
                                            * the travel-free share in large type; then "1 234
                                            * of 2 000" */
                                           "of the meetings that could have meant travel were travel-free (%s of %s)",
                                           "of the meetings that could have meant travel were travel-free (%s of %s)",
                                           judged),
                              travel_free, of);
    }
  else
    line = g_strdup (_("no meeting in the period could have meant travel"));

  share_width = text_width (doc, share, 28, TRUE) + 12;
  cairo_set_source_rgb (doc->cr, 0.21, 0.52, 0.89);
  h = show_text (doc, MARGIN, doc->y, share_width, share, 28, TRUE, ALIGN_LEFT);
  set_grey (doc, 0.15);
  line_height = show_text (doc, MARGIN + share_width, doc->y, CONTENT_WIDTH - share_width, line,
                           12, FALSE, ALIGN_LEFT);
  h = MAX (h, line_height);
  doc->y += h + 6;

  /* Progress against the target, what is still planned, and a word on the
   * data when many meetings have nobody Resfri knows. */
  if (!isnan (total->target_share))
    {
      g_autofree char *headline = resfri_followup_row_dup_headline (total);

      if (headline != NULL)
        {
          cairo_set_source_rgb (doc->cr, 0.85, 0.35, 0.1);
          doc->y += show_text (doc, MARGIN, doc->y, CONTENT_WIDTH, headline, 12, TRUE,
                               ALIGN_LEFT) + 4;
        }
    }
  if (planned != NULL)
    {
      set_grey (doc, 0.35);
      doc->y += show_text (doc, MARGIN, doc->y, CONTENT_WIDTH, planned, 9, FALSE, ALIGN_LEFT) + 4;
    }
  if (warning != NULL)
    {
      cairo_set_source_rgb (doc->cr, 0.7, 0.2, 0.1);
      doc->y += show_text (doc, MARGIN, doc->y, CONTENT_WIDTH, warning, 9, FALSE, ALIGN_LEFT) + 4;
    }
  doc->y += 8;
}

/* A grid of boxes, each a figure over its label. */
static void
draw_figures (Doc                *doc,
              const char * const *figures,
              const char * const *labels,
              guint               n,
              guint               columns)
{
  const double gap = 8;
  /* Room for a three-line label (Swedish wraps more). */
  const double box_height = 54;
  double box_width = (CONTENT_WIDTH - gap * (columns - 1)) / columns;

  for (guint i = 0; i < n; i++)
    {
      double x = MARGIN + (i % columns) * (box_width + gap);
      double y = doc->y + (i / columns) * (box_height + gap);

      cairo_set_source_rgb (doc->cr, 0.95, 0.96, 0.98);
      cairo_rectangle (doc->cr, x, y, box_width, box_height);
      cairo_fill (doc->cr);
      set_grey (doc, 0.1);
      show_text (doc, x + 7, y + 5, box_width - 14, figures[i], 15, TRUE, ALIGN_LEFT);
      set_grey (doc, 0.35);
      show_text (doc, x + 7, y + 24, box_width - 14, labels[i], 8, FALSE, ALIGN_LEFT);
    }

  doc->y += ((n + columns - 1) / columns) * (box_height + gap) + 6;
}

/* One line under the figures: per employee, and the open gaps. */
static void
draw_people_line (Doc *doc)
{
  const ResfriFollowupRow *total = doc->followup->total;
  ResfriFollowupPerEmployee per;
  g_autofree char *gaps = format_number (total->open_gaps, 0);
  g_autofree char *gaps_text = NULL;
  g_autofree char *line = NULL;

  gaps_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            /* TRANSLATORS: %s is a count */
                                            "%s open gap (a missing headset or camera)",
                                            "%s open gaps (missing headsets plus missing cameras)",
                                            total->open_gaps),
                               gaps);
  if (resfri_followup_row_get_per_employee (total, &per))
    {
      g_autofree char *people = format_number (total->employees, 0);
      g_autofree char *travel_km = format_number (per.travel_km, 1);
      g_autofree char *avoided_km = format_number (per.avoided_km, 1);
      g_autofree char *avoided_co2 = format_number (per.avoided_co2_kg, 1);
      g_autofree char *avoided_cost = format_number (per.avoided_cost_sek, 0);
      g_autofree char *avoided_hours = format_number (per.avoided_hours, 2);

      /* TRANSLATORS: the number of people; then per employee: km
       * travelled, km, kg CO2, kr and hours avoided; then the open gaps */
      line = g_strdup_printf (_("Per employee (%s people): %s km travelled; %s km, %s kg CO₂, "
                                "%s kr and %s hours avoided. %s."),
                              people, travel_km, avoided_km, avoided_co2, avoided_cost,
                              avoided_hours, gaps_text);
    }
  else
    line = g_strdup_printf ("%s.", gaps_text);

  set_grey (doc, 0.2);
  doc->y += show_text (doc, MARGIN, doc->y - 2, CONTENT_WIDTH, line, 9, FALSE, ALIGN_LEFT) + 10;
}

static void
draw_key_figures (Doc *doc)
{
  const ResfriFollowupRow *total = doc->followup->total;
  g_autofree char *occurrences = format_number (total->occurrences, 0);
  g_autofree char *travel_km = format_number (total->travel_km, 0);
  g_autofree char *travel_co2 = format_number (total->travel_co2_kg, 0);
  g_autofree char *trips_short = format_number (total->trips_short, 0);
  g_autofree char *trips_long = format_number (total->trips_long, 0);
  g_autofree char *trips = g_strdup_printf ("%s / %s", trips_short, trips_long);
  g_autofree char *avoided_km = format_number (total->avoided_km, 0);
  g_autofree char *avoided_co2 = format_number (total->avoided_co2_kg, 0);
  g_autofree char *avoided_cost = format_number (total->avoided_cost_sek, 0);
  g_autofree char *avoided_hours = format_number (total->avoided_hours, 0);
  g_autofree char *coverage = format_row_share (total, TRUE);
  g_autofree char *exempt = format_number (total->exempt_total, 0);
  g_autofree char *non_compliant = format_number (total->non_compliant, 0);
  g_autofree char *local = format_number (total->local, 0);
  const char *figures[] = {
    occurrences, local, exempt, non_compliant,
    avoided_km, avoided_co2, avoided_cost, avoided_hours,
    travel_km, travel_co2, trips, coverage,
  };
  const char *labels[] = {
    _("meetings in all"), _("local meetings (no travel)"), _("exempt meetings"),
    _("non-compliant meetings"),
    _("km of travel avoided"), _("kg CO₂ avoided"), _("kr of travel cost avoided"),
    _("hours of travel time avoided"),
    _("km travelled to meetings"), _("kg CO₂ from that travel"),
    _("round trips under / from 100 km"), _("own a working headset and camera"),
  };

  heading (doc, _("Meetings, travel and CO₂ avoided"));
  draw_figures (doc, figures, labels, G_N_ELEMENTS (figures), 4);
  draw_people_line (doc);
}

static void
draw_month_chart (Doc *doc)
{
  const ResfriFollowup *followup = doc->followup;
  const double chart_height = 150;
  double legend_y;

  heading (doc, _("Travel-free share per month"));

  cairo_save (doc->cr);
  cairo_translate (doc->cr, MARGIN, doc->y);
  resfri_report_draw_share_chart (doc->cr, followup, CONTENT_WIDTH, chart_height);
  cairo_restore (doc->cr);
  doc->y += chart_height + 4;

  /* The legend. */
  legend_y = doc->y;
  cairo_set_source_rgb (doc->cr, 0.21, 0.52, 0.89);
  cairo_rectangle (doc->cr, MARGIN, legend_y + 2, 8, 8);
  cairo_fill (doc->cr);
  set_grey (doc, 0.2);
  show_text (doc, MARGIN + 12, legend_y, 150, resfri_period_get_label (followup->period), 8,
             FALSE, ALIGN_LEFT);
  if (followup->previous_months != NULL)
    {
      set_grey (doc, 0.72);
      cairo_rectangle (doc->cr, MARGIN + 120, legend_y + 2, 8, 8);
      cairo_fill (doc->cr);
      set_grey (doc, 0.2);
      show_text (doc, MARGIN + 132, legend_y, 200,
                 resfri_period_get_label (followup->previous_period), 8, FALSE, ALIGN_LEFT);
    }
  else
    {
      set_grey (doc, 0.4);
      show_text (doc, MARGIN + 120, legend_y, CONTENT_WIDTH - 120,
                 _("No meetings stored for the same months a year earlier"), 8, FALSE,
                 ALIGN_LEFT);
    }
  doc->y += 22;
}

static void
draw_exemptions (Doc *doc)
{
  const ResfriFollowupRow *total = doc->followup->total;
  double row = 15;

  /* The heading and the bars together: a little closer when the first
   * page's headline took more lines, else on the next page. */
  if (total->exempt_total > 0)
    {
      double room = (CONTENT_BOTTOM - doc->y - 34) / RESFRI_FOLLOWUP_N_REASONS;

      if (room < 11)
        new_page (doc);
      else
        row = MIN (row, room);
    }
  heading (doc, _("Exemptions by reason"));
  if (total->exempt_total == 0)
    {
      set_grey (doc, 0.35);
      doc->y += show_text (doc, MARGIN, doc->y, CONTENT_WIDTH,
                           _("No exemption was recorded for the period."), 9, FALSE,
                           ALIGN_LEFT) + 10;
      return;
    }

  cairo_save (doc->cr);
  cairo_translate (doc->cr, MARGIN, doc->y);
  resfri_report_draw_reason_chart (doc->cr, doc->followup, CONTENT_WIDTH,
                                   row * RESFRI_FOLLOWUP_N_REASONS);
  cairo_restore (doc->cr);
  doc->y += row * RESFRI_FOLLOWUP_N_REASONS + 12;
}

/* The tables: the first column is wide, the figures share the rest. A
 * table is its columns' shares of the width; cells are given per row. */
typedef struct
{
  guint          n_columns;
  const double  *share;
  /* With a group heading over the columns from @group_first on. */
  guint          group_first;
  const char    *group;
} TableLayout;

/* Meetings and travel: per unit and per month. "Non-compliant", a bold
 * "100.0 %" and the Swedish "Undantag" need a little more room than the
 * counts. */
static const double figures_share[] = {
  0.23, 0.072, 0.07, 0.066, 0.076, 0.088, 0.084, 0.078, 0.078, 0.078, 0.08,
};
/* People, open gaps and the figures per employee, per unit. */
static const double people_share[] = {
  0.28, 0.09, 0.09, 0.09, 0.09, 0.09, 0.09, 0.09, 0.09,
};
/* The figures per employee, per month. */
static const double month_people_share[] = {
  0.28, 0.144, 0.144, 0.144, 0.144, 0.144,
};

static void
table_row (Doc                *doc,
           const TableLayout  *table,
           const char * const *cells,
           double              height,
           gboolean            bold,
           gboolean            header,
           gboolean            shaded,
           double              indent)
{
  double x = MARGIN;

  if (shaded)
    {
      cairo_set_source_rgb (doc->cr, 0.95, 0.96, 0.98);
      cairo_rectangle (doc->cr, MARGIN, doc->y, CONTENT_WIDTH, height);
      cairo_fill (doc->cr);
    }

  set_grey (doc, 0.1);
  for (guint c = 0; c < table->n_columns; c++)
    {
      double width = CONTENT_WIDTH * table->share[c];

      if (c == 0)
        show_cell (doc, x + 2 + indent, doc->y, width - 4 - indent, height, cells[c], bold,
                   header, ALIGN_LEFT);
      else
        show_cell (doc, x + 3, doc->y, width - 5, height, cells[c], bold, header, ALIGN_RIGHT);
      x += width;
    }
  doc->y += height;
}

static void
table_header (Doc               *doc,
              const TableLayout *table,
              const char * const *cells)
{
  if (table->group != NULL)
    {
      double x = MARGIN;
      double width = 0;

      for (guint c = 0; c < table->n_columns; c++)
        if (c < table->group_first)
          x += CONTENT_WIDTH * table->share[c];
        else
          width += CONTENT_WIDTH * table->share[c];
      set_grey (doc, 0.35);
      show_cell (doc, x + 3, doc->y, width - 5, 10, table->group, FALSE, FALSE, ALIGN_CENTER);
      cairo_set_line_width (doc->cr, 0.4);
      cairo_move_to (doc->cr, x + 6, doc->y + 10);
      cairo_line_to (doc->cr, x + width - 2, doc->y + 10);
      cairo_stroke (doc->cr);
      doc->y += 10;
    }

  table_row (doc, table, cells, HEADER_HEIGHT, FALSE, TRUE, FALSE, 0);
  set_grey (doc, 0.3);
  cairo_set_line_width (doc->cr, 0.6);
  cairo_move_to (doc->cr, MARGIN, doc->y);
  cairo_line_to (doc->cr, PAGE_WIDTH - MARGIN, doc->y);
  cairo_stroke (doc->cr);
  doc->y += 1;
}

typedef enum
{
  TABLE_FIGURES,        /* meetings and travel */
  TABLE_PEOPLE,         /* employees, equipped, open gaps, per employee */
  TABLE_PER_EMPLOYEE,   /* per employee only (the months) */
} TableKind;

static void
table_layout (TableKind    kind,
              TableLayout *table)
{
  switch (kind)
    {
    case TABLE_PEOPLE:
      table->n_columns = G_N_ELEMENTS (people_share);
      table->share = people_share;
      table->group_first = 4;
      /* TRANSLATORS: over the last columns of a table: the figures
       * divided by the unit's people */
      table->group = _("per employee");
      break;
    case TABLE_PER_EMPLOYEE:
      table->n_columns = G_N_ELEMENTS (month_people_share);
      table->share = month_people_share;
      table->group_first = 1;
      table->group = _("per employee");
      break;
    case TABLE_FIGURES:
    default:
      table->n_columns = G_N_ELEMENTS (figures_share);
      table->share = figures_share;
      table->group_first = 0;
      table->group = NULL;
      break;
    }
}

static void
draw_table_header (Doc               *doc,
                   const TableLayout *table,
                   TableKind          kind,
                   const char        *first)
{
  const char *figures[] = {
    first,
    /* TRANSLATORS: column headings of the report's tables: keep them short */
    _("Meetings"), _("Travel-free"), _("Local"), _("Exempt"), _("Non-compliant"), _("Share"), _("Travel km"), _("Avoided km"), _("Avoided CO₂ kg"), _("Equipped"),
  };
  const char *people[] = {
    first,
    /* TRANSLATORS: column headings of the report's tables: keep them short */
    _("Employees"), _("Equipped"), _("Open gaps"),
    _("Travel km"), _("Avoided km"), _("Avoided CO₂ kg"), _("Avoided kr"), _("Avoided hours"),
  };
  const char *per_employee[] = {
    first,
    _("Travel km"), _("Avoided km"), _("Avoided CO₂ kg"), _("Avoided kr"), _("Avoided hours"),
  };

  switch (kind)
    {
    case TABLE_PEOPLE:
      table_header (doc, table, people);
      break;
    case TABLE_PER_EMPLOYEE:
      table_header (doc, table, per_employee);
      break;
    case TABLE_FIGURES:
    default:
      table_header (doc, table, figures);
      break;
    }
}

static char *
format_per_employee (gboolean known,
                     double   value,
                     int      decimals)
{
  return known ? format_number (value, decimals) : g_strdup ("–");
}

static void
figure_row (Doc                     *doc,
            const TableLayout       *table,
            TableKind                kind,
            const char              *label,
            const ResfriFollowupRow *row,
            gboolean                 bold,
            gboolean                 shaded,
            double                   indent)
{
  g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);
  ResfriFollowupPerEmployee per;
  gboolean known = resfri_followup_row_get_per_employee (row, &per);

  g_ptr_array_add (cells, g_strdup (label));
  switch (kind)
    {
    case TABLE_PEOPLE:
      g_ptr_array_add (cells, format_number (row->employees, 0));
      g_ptr_array_add (cells, format_row_share (row, TRUE));
      g_ptr_array_add (cells, format_number (row->open_gaps, 0));
      G_GNUC_FALLTHROUGH;
    case TABLE_PER_EMPLOYEE:
      g_ptr_array_add (cells, format_per_employee (known, per.travel_km, 1));
      g_ptr_array_add (cells, format_per_employee (known, per.avoided_km, 1));
      g_ptr_array_add (cells, format_per_employee (known, per.avoided_co2_kg, 1));
      g_ptr_array_add (cells, format_per_employee (known, per.avoided_cost_sek, 0));
      g_ptr_array_add (cells, format_per_employee (known, per.avoided_hours, 2));
      break;
    case TABLE_FIGURES:
    default:
      g_ptr_array_add (cells, format_number (row->occurrences, 0));
      g_ptr_array_add (cells, format_number (row->travel_free, 0));
      g_ptr_array_add (cells, format_number (row->local, 0));
      g_ptr_array_add (cells, format_number (row->exempt_total, 0));
      g_ptr_array_add (cells, format_number (row->non_compliant, 0));
      g_ptr_array_add (cells, format_row_share (row, FALSE));
      g_ptr_array_add (cells, format_number (row->travel_km, 0));
      g_ptr_array_add (cells, format_number (row->avoided_km, 0));
      g_ptr_array_add (cells, format_number (row->avoided_co2_kg, 0));
      g_ptr_array_add (cells, format_row_share (row, TRUE));
      break;
    }
  g_assert (cells->len == table->n_columns);

  table_row (doc, table, (const char * const *) cells->pdata, ROW_HEIGHT, bold, FALSE, shaded,
             indent);
}

/* A table over as many pages as it needs, its header repeated on each. */
static void
draw_table (Doc        *doc,
            TableKind   kind,
            const char *title,
            const char *first_column,
            GPtrArray  *rows,
            gboolean    units)
{
  TableLayout table;

  table_layout (kind, &table);

  /* Start on a new page unless the heading, the header and a few rows fit. */
  if (doc->y + 34 + ROW_HEIGHT * 5 > CONTENT_BOTTOM)
    new_page (doc);

  heading (doc, title);
  draw_table_header (doc, &table, kind, first_column);

  for (guint i = 0; i <= rows->len; i++)
    {
      const ResfriFollowupRow *row = i < rows->len ? g_ptr_array_index (rows, i)
                                                   : doc->followup->total;
      const char *label;

      if (doc->y + ROW_HEIGHT > CONTENT_BOTTOM)
        {
          g_autofree char *continued = NULL;

          new_page (doc);
          /* TRANSLATORS: the heading of a table continued on a new page */
          continued = g_strdup_printf (_("%s (continued)"), title);
          heading (doc, continued);
          draw_table_header (doc, &table, kind, first_column);
        }

      if (i == rows->len)
        label = _("Total");
      else if (units)
        label = resfri_followup_row_get_unit_label (row, FALSE);
      else
        label = row->month;

      figure_row (doc, &table, kind, label, row, i == rows->len || (units && row->depth == 0),
                  i % 2 == 1, units && i < rows->len ? MIN (row->depth, 6) * 8.0 : 0);
    }
  doc->y += 14;
}

static void
draw_notes (Doc *doc)
{
  const char *notes =
    _("Travel-free share: travel-free meetings (online or hybrid) out of the meetings that "
      "could have meant travel (travel-free, exempt and non-compliant); local meetings and "
      "meetings of unknown form (no place and no link) are not counted in it, but are among "
      "the meetings. A meeting counts in the period and the "
      "month it starts in, under the organiser's unit; a unit's row includes the units under "
      "it. Avoided travel is what an online or hybrid meeting would have meant in person. "
      "Equipped: the share of the unit's people who own a working headset and camera. "
      "Open gaps: the unit's people without a working headset plus those without a working "
      "camera. Per employee: a unit's figures divided by its people (sub-units' included); "
      "a month's by all the people of the report.");
  double h;

  if (doc->y + 60 > CONTENT_BOTTOM)
    new_page (doc);
  set_grey (doc, 0.35);
  h = show_text (doc, MARGIN, doc->y, CONTENT_WIDTH, notes, 7.5, FALSE, ALIGN_LEFT);
  doc->y += h;
}

/* The what-if page (spec/planning.md): the target, the shares before and
 * after, what it costs and avoids, the order list and the conversions
 * that fit on the page. */
static void
draw_whatif (Doc *doc)
{
  const ResfriWhatif *w = doc->whatif;
  g_autofree char *target = format_percent (w->target_share);
  g_autofree char *before = format_percent (w->share_before);
  g_autofree char *after = format_percent (w->share_after);
  g_autofree char *title = g_strdup_printf (_("What it takes to reach %s travel-free"), target);
  g_autofree char *cost = format_number (w->total_cost, 0);
  g_autofree char *avoided = format_number (w->avoided_cost_sek, 0);
  g_autofree char *km = format_number (w->avoided_km, 0);
  g_autofree char *co2 = format_number (w->avoided_co2_kg, 0);
  g_autofree char *summary = NULL;
  g_autofree char *payback = NULL;
  g_autoptr(GString) text = g_string_new (NULL);

  heading (doc, title);
  if (w->reachable)
    summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "Holding %u meeting online raises the share from %s to %s.",
                                            "Holding %u meetings online raises the share from %s to %s.",
                                            w->conversions->len),
                               w->conversions->len, before, after);
  else
    summary = g_strdup_printf (_("The target cannot be reached: holding every one of the %u "
                                 "meetings online raises the share from %s to %s."),
                               w->conversions->len, before, after);
  payback = w->has_payback ? g_strdup_printf (_("Payback: %.1f months."), w->payback_months)
                           : g_strdup (_("Payback: never."));
  g_string_append_printf (text, "%s\n", summary);
  g_string_append_printf (text, _("Equipment to buy: %s kr. Travel avoided: %s kr, %s km, "
                                  "%s kg CO₂."), cost, avoided, km, co2);
  g_string_append_printf (text, " %s", payback);
  if (!w->optimal)
    g_string_append_printf (text, _(" The best found in the time allowed: at most %.1f %% above "
                                    "the least cost."), w->gap * 100);
  set_grey (doc, 0.15);
  doc->y += show_text (doc, MARGIN, doc->y, CONTENT_WIDTH, text->str, 10, FALSE, ALIGN_LEFT) + 12;

  if (w->order->len > 0)
    {
      set_grey (doc, 0.1);
      doc->y += show_text (doc, MARGIN, doc->y, CONTENT_WIDTH, _("To order"), 11, TRUE,
                           ALIGN_LEFT) + 4;
    }
  for (guint i = 0; i < w->order->len && doc->y + ROW_HEIGHT < CONTENT_BOTTOM; i++)
    {
      const ResfriWhatifOrder *o = g_ptr_array_index (w->order, i);
      g_autofree char *line = NULL;
      g_autofree char *each = format_number (o->unit_cost, 0);
      g_autofree char *sum = format_number (o->cost, 0);

      line = g_strdup_printf (_("%s %s: %u × %s kr = %s kr"), o->site, o->type, o->to_order,
                              each, sum);
      set_grey (doc, 0.2);
      doc->y += show_text (doc, MARGIN, doc->y, CONTENT_WIDTH, line, 9, FALSE, ALIGN_LEFT);
    }
  doc->y += 12;

  set_grey (doc, 0.1);
  doc->y += show_text (doc, MARGIN, doc->y, CONTENT_WIDTH,
                       _("The meetings, most avoided travel cost first"), 11, TRUE,
                       ALIGN_LEFT) + 4;
  for (guint i = 0; i < w->conversions->len; i++)
    {
      const ResfriCandidate *c = g_ptr_array_index (w->conversions, i);
      g_autofree char *line = NULL;
      g_autofree char *sek = format_number (c->avoided_cost_sek, 0);
      const char *unit = c->unit != NULL ? c->unit : _("external organiser");

      /* The unit's own name: its path is long. */
      if (strrchr (unit, '/') != NULL)
        unit = strrchr (unit, '/') + 1;
      if (doc->y + 2 * ROW_HEIGHT > CONTENT_BOTTOM)
        {
          g_autofree char *more = g_strdup_printf (_("… and %u more"), w->conversions->len - i);

          set_grey (doc, 0.35);
          doc->y += show_text (doc, MARGIN, doc->y, CONTENT_WIDTH, more, 8, FALSE, ALIGN_LEFT);
          break;
        }
      line = g_strdup_printf (_("%s (%s): %u occurrences, %s kr"), c->summary, unit,
                              c->occurrences, sek);
      set_grey (doc, 0.2);
      doc->y += show_text (doc, MARGIN, doc->y, CONTENT_WIDTH, line, 8, FALSE, ALIGN_LEFT);
    }
}

static guint
render (cairo_surface_t      *surface,
        const ResfriFollowup *followup,
        const ResfriWhatif   *whatif,
        const char           *municipality,
        guint                 n_pages,
        ResfriReportPageFunc  page_func,
        gpointer              page_data,
        gboolean             *stopped)
{
  Doc doc = { 0 };

  doc.cr = cairo_create (surface);
  doc.pango = pango_cairo_create_context (doc.cr);
  pango_cairo_context_set_resolution (doc.pango, 72);
  doc.followup = followup;
  doc.whatif = whatif;
  doc.municipality = municipality;
  doc.page = 1;
  doc.n_pages = n_pages;
  doc.page_func = page_func;
  doc.page_data = page_data;
  doc.y = MARGIN;
  if (municipality != NULL && *municipality != '\0')
    /* TRANSLATORS: the footer: the municipality, then the period */
    doc.footer = g_strdup_printf (_("%s · follow-up of the travel policy %s"), municipality,
                                  resfri_period_get_label (followup->period));
  else
    doc.footer = g_strdup_printf (_("Follow-up of the travel policy %s"),
                                  resfri_period_get_label (followup->period));

  draw_title (&doc);
  draw_headline (&doc);
  draw_key_figures (&doc);
  draw_month_chart (&doc);
  draw_exemptions (&doc);

  new_page (&doc);
  draw_table (&doc, TABLE_FIGURES, _("Per unit"), _("Unit"), followup->units, TRUE);
  draw_table (&doc, TABLE_PEOPLE, _("People, open gaps and travel per employee, per unit"),
              _("Unit"), followup->units, TRUE);
  draw_table (&doc, TABLE_FIGURES, _("Per month"), _("Month"), followup->months, FALSE);
  /* A month's open gaps are the report's (people are not per month): the
   * month table has the figures per employee only. */
  draw_table (&doc, TABLE_PER_EMPLOYEE, _("Travel per employee, per month"), _("Month"),
              followup->months, FALSE);
  draw_notes (&doc);
  if (whatif != NULL)
    {
      new_page (&doc);
      draw_whatif (&doc);
    }
  show_page (&doc);
  if (stopped != NULL)
    *stopped = doc.stopped;

  g_object_unref (doc.pango);
  cairo_destroy (doc.cr);
  g_free (doc.footer);

  return doc.page;
}

static cairo_status_t
discard (void                *closure,
         const unsigned char *data,
         unsigned int         length)
{
  return CAIRO_STATUS_SUCCESS;
}

ResfriWhatif *
resfri_report_followup_compute_whatif (ResfriStore           *store,
                                       const ResfriFollowup  *followup,
                                       double                 time_limit,
                                       GCancellable          *cancellable,
                                       GError               **error)
{
  g_return_val_if_fail (RESFRI_IS_STORE (store), NULL);
  g_return_val_if_fail (followup != NULL, NULL);

  if (isnan (followup->total->target_share))
    return NULL;

  return resfri_whatif_compute (store, NULL, followup->period, followup->unit,
                                followup->total->target_share, time_limit, cancellable, error);
}

gboolean
resfri_report_followup_write_pdf (const ResfriFollowup  *followup,
                                  const char            *municipality,
                                  const char            *path,
                                  guint                 *n_pages,
                                  GError               **error)
{
  return resfri_report_followup_write_pdf_with_whatif (followup, NULL, municipality, path,
                                                       n_pages, error);
}

gboolean
resfri_report_followup_write_pdf_with_whatif (const ResfriFollowup  *followup,
                                              const ResfriWhatif    *whatif,
                                              const char            *municipality,
                                              const char            *path,
                                              guint                 *n_pages,
                                              GError               **error)
{
  return resfri_report_followup_write_pdf_full (followup, whatif, municipality, path, NULL, NULL,
                                                n_pages, error);
}

gboolean
resfri_report_followup_write_pdf_full (const ResfriFollowup  *followup,
                                       const ResfriWhatif    *whatif,
                                       const char            *municipality,
                                       const char            *path,
                                       ResfriReportPageFunc   page_func,
                                       gpointer               user_data,
                                       guint                 *n_pages,
                                       GError               **error)
{
  cairo_surface_t *surface;
  cairo_status_t status;
  g_autofree char *title = NULL;
  g_autofree char *partial = NULL;
  gboolean stopped = FALSE;
  guint pages;

  g_return_val_if_fail (followup != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  /* Count the pages. */
  surface = cairo_pdf_surface_create_for_stream (discard, NULL, PAGE_WIDTH, PAGE_HEIGHT);
  pages = render (surface, followup, whatif, municipality, 0, NULL, NULL, NULL);
  cairo_surface_destroy (surface);

  partial = resfri_report_file_dup_partial (path);
  surface = cairo_pdf_surface_create (partial, PAGE_WIDTH, PAGE_HEIGHT);
  if ((status = cairo_surface_status (surface)) != CAIRO_STATUS_SUCCESS)
    {
      cairo_surface_destroy (surface);
      resfri_report_file_finish (partial, path, FALSE, NULL);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Cannot write “%s”: %s"), path,
                   cairo_status_to_string (status));
      return FALSE;
    }

  title = g_strdup_printf (_("Follow-up of the travel policy %s"),
                           resfri_period_get_label (followup->period));
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Resfri " PACKAGE_VERSION);
  render (surface, followup, whatif, municipality, pages, page_func, user_data, &stopped);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (stopped)
    {
      resfri_report_file_finish (partial, path, FALSE, NULL);
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("The export was cancelled"));
      return FALSE;
    }

  if (status != CAIRO_STATUS_SUCCESS)
    {
      resfri_report_file_finish (partial, path, FALSE, NULL);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Cannot write “%s”: %s"), path,
                   cairo_status_to_string (status));
      return FALSE;
    }
  if (!resfri_report_file_finish (partial, path, TRUE, error))
    return FALSE;

  if (n_pages != NULL)
    *n_pages = pages;

  return TRUE;
}

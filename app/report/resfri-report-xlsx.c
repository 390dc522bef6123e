/* resfri-report-xlsx.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Writes the follow-up as an Excel workbook with libxlsxwriter: the summary
 * sheet, then a row per unit (its full path) and per month, the figures as
 * numbers with number formats rather than text.
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <xlsxwriter.h>

#include "resfri-report-workbook.h"
#include "resfri-report-xlsx.h"

typedef struct
{
  lxw_format *heading;
  lxw_format *title;
  lxw_format *integer;
  lxw_format *decimal;
  lxw_format *percent;
  lxw_format *bold_integer;
  lxw_format *bold_decimal;
  lxw_format *bold_percent;
  lxw_format *fine;          /* two decimals, for the per-employee figures */
  lxw_format *bold_fine;
  lxw_format *bold;
} Formats;

static void
write_header (lxw_worksheet *sheet,
              Formats       *formats,
              const char    *first)
{
  const char * const *reasons = resfri_followup_get_reasons ();
  const char *before[] = {
    N_("Employees"), N_("Meetings"), N_("Travel-free"), N_("Local"), N_("Exempt"),
  };
  const char *after[] = {
    N_("Non-compliant"), N_("Unknown"), N_("Travel-free share"),
    N_("Round trips under 100 km"), N_("Round trips of 100 km or more"), N_("Travel km"),
    N_("Travel CO₂ (kg)"), N_("Avoided km"), N_("Avoided CO₂ (kg)"), N_("Avoided cost (kr)"),
    N_("Avoided travel time (hours)"), N_("Equipment coverage"), N_("Open gaps"),
    /* TRANSLATORS: column headings: a figure divided by the unit's people */
    N_("Travel km per employee"), N_("Avoided km per employee"),
    N_("Avoided CO₂ (kg) per employee"), N_("Avoided cost (kr) per employee"),
    N_("Avoided travel time (hours) per employee"),
    /* REMM's counts per employee, then spec/planning.md's additions */
    N_("Travel-free meetings per employee"), N_("Trips under 100 km per employee"),
    N_("Trips of 100 km or more per employee"), N_("Travel CO₂ per employee (kg)"),
    N_("Meetings planned, not yet held"), N_("Meetings without registered people"),
    N_("Target"),
  };
  lxw_col_t col = 0;

  worksheet_write_string (sheet, 0, col++, first, formats->heading);
  for (guint i = 0; i < G_N_ELEMENTS (before); i++)
    worksheet_write_string (sheet, 0, col++, _(before[i]), formats->heading);
  for (guint i = 0; i < RESFRI_FOLLOWUP_N_REASONS; i++)
    {
      /* TRANSLATORS: a column heading: exempt meetings for a reason */
      g_autofree char *text = g_strdup_printf (_("Exempt: %s"),
                                               resfri_followup_reason_label (reasons[i]));

      worksheet_write_string (sheet, 0, col++, text, formats->heading);
    }
  for (guint i = 0; i < G_N_ELEMENTS (after); i++)
    worksheet_write_string (sheet, 0, col++, _(after[i]), formats->heading);

  worksheet_set_row (sheet, 0, 45, NULL);
  worksheet_set_column (sheet, 0, 0, 40, NULL);
  worksheet_set_column (sheet, 1, col - 1, 13, NULL);
  worksheet_freeze_panes (sheet, 1, 1);
}

static void
write_row (lxw_worksheet           *sheet,
           Formats                 *formats,
           lxw_row_t                r,
           const char              *label,
           const ResfriFollowupRow *row,
           gboolean                 bold)
{
  lxw_format *integer = bold ? formats->bold_integer : formats->integer;
  lxw_format *decimal = bold ? formats->bold_decimal : formats->decimal;
  lxw_format *percent = bold ? formats->bold_percent : formats->percent;
  lxw_format *fine = bold ? formats->bold_fine : formats->fine;
  double per_employee[RESFRI_FOLLOWUP_N_PER_EMPLOYEE];
  lxw_col_t col = 0;
  double share;

  worksheet_write_string (sheet, r, col++, label, bold ? formats->bold : NULL);
  worksheet_write_number (sheet, r, col++, row->employees, integer);
  worksheet_write_number (sheet, r, col++, row->occurrences, integer);
  worksheet_write_number (sheet, r, col++, row->travel_free, integer);
  worksheet_write_number (sheet, r, col++, row->local, integer);
  worksheet_write_number (sheet, r, col++, row->exempt_total, integer);
  for (guint i = 0; i < RESFRI_FOLLOWUP_N_REASONS; i++)
    worksheet_write_number (sheet, r, col++, row->exempt[i], integer);
  worksheet_write_number (sheet, r, col++, row->non_compliant, integer);
  worksheet_write_number (sheet, r, col++, row->unknown, integer);
  if (resfri_followup_row_get_travel_free_share (row, &share))
    worksheet_write_number (sheet, r, col++, share, percent);
  else
    worksheet_write_blank (sheet, r, col++, percent);
  worksheet_write_number (sheet, r, col++, row->trips_short, integer);
  worksheet_write_number (sheet, r, col++, row->trips_long, integer);
  worksheet_write_number (sheet, r, col++, row->travel_km, decimal);
  worksheet_write_number (sheet, r, col++, row->travel_co2_kg, decimal);
  worksheet_write_number (sheet, r, col++, row->avoided_km, decimal);
  worksheet_write_number (sheet, r, col++, row->avoided_co2_kg, decimal);
  worksheet_write_number (sheet, r, col++, row->avoided_cost_sek, decimal);
  worksheet_write_number (sheet, r, col++, row->avoided_hours, decimal);
  if (resfri_followup_row_get_equipment_coverage (row, &share))
    worksheet_write_number (sheet, r, col++, share, percent);
  else
    worksheet_write_blank (sheet, r, col++, percent);
  /* A month row carries the whole report's open gaps (people are not per
   * month) and its figures over the whole report's people. */
  worksheet_write_number (sheet, r, col++, row->open_gaps, integer);
  if (resfri_followup_row_get_per_employee_values (row, per_employee))
    for (guint i = 0; i < RESFRI_FOLLOWUP_N_PER_EMPLOYEE; i++)
      worksheet_write_number (sheet, r, col++, per_employee[i], fine);
  else
    for (guint i = 0; i < RESFRI_FOLLOWUP_N_PER_EMPLOYEE; i++)
      worksheet_write_blank (sheet, r, col++, fine);
  worksheet_write_number (sheet, r, col++, row->planned, integer);
  worksheet_write_number (sheet, r, col++, row->unregistered, integer);
  if (!isnan (row->target_share))
    worksheet_write_number (sheet, r, col++, row->target_share, percent);
  else
    worksheet_write_blank (sheet, r, col++, percent);
}

static lxw_format *
number_format (lxw_workbook *workbook,
               const char   *pattern,
               gboolean      bold)
{
  lxw_format *format = workbook_add_format (workbook);

  format_set_num_format (format, pattern);
  if (bold)
    format_set_bold (format);

  return format;
}

static void
write_summary (lxw_workbook         *workbook,
               Formats              *formats,
               const ResfriFollowup *followup,
               const char           *municipality)
{
  lxw_worksheet *sheet = workbook_add_worksheet (workbook, _("Summary"));
  const ResfriFollowupRow *total = followup->total;
  g_autofree char *first_day = resfri_period_dup_first_day (followup->period);
  g_autofree char *last_day = resfri_period_dup_last_day (followup->period);
  g_autofree char *dates = g_strdup_printf ("%s – %s", first_day, last_day);
  g_autofree char *title = NULL;
  /* In resfri_followup_get_per_employee_keys()' order. */
  static const char *per_employee_labels[RESFRI_FOLLOWUP_N_PER_EMPLOYEE] = {
    N_("Travel km"), N_("Avoided km"), N_("Avoided CO₂ (kg)"), N_("Avoided cost (kr)"),
    N_("Avoided travel time (hours)"), N_("Travel-free meetings per employee"),
    N_("Trips under 100 km per employee"), N_("Trips of 100 km or more per employee"),
    N_("Travel CO₂ per employee (kg)"),
  };
  double per_employee[RESFRI_FOLLOWUP_N_PER_EMPLOYEE];
  gboolean known;
  lxw_row_t r = 0;
  double share;

  if (municipality != NULL && *municipality != '\0')
    /* TRANSLATORS: %s is the municipality ("Vänersborgs kommun") */
    title = g_strdup_printf (_("Follow-up of the travel policy — %s"), municipality);
  else
    title = g_strdup (_("Follow-up of the travel policy"));

  worksheet_set_column (sheet, 0, 0, 42, NULL);
  worksheet_set_column (sheet, 1, 1, 24, NULL);
  worksheet_write_string (sheet, r++, 0, title, formats->title);
  r++;
  worksheet_write_string (sheet, r, 0, _("Period"), formats->bold);
  worksheet_write_string (sheet, r++, 1, resfri_period_get_label (followup->period), NULL);
  worksheet_write_string (sheet, r, 0, _("Dates"), formats->bold);
  worksheet_write_string (sheet, r++, 1, dates, NULL);
  worksheet_write_string (sheet, r, 0, _("Unit"), formats->bold);
  worksheet_write_string (sheet, r++, 1, resfri_followup_row_get_unit_label (total, TRUE), NULL);
  r++;

  worksheet_write_string (sheet, r, 0, _("Travel-free share"), formats->bold);
  if (resfri_followup_row_get_travel_free_share (total, &share))
    worksheet_write_number (sheet, r, 1, share, formats->bold_percent);
  r++;
  worksheet_write_string (sheet, r, 0, _("Meetings"), NULL);
  worksheet_write_number (sheet, r++, 1, total->occurrences, formats->integer);
  worksheet_write_string (sheet, r, 0, _("Travel-free"), NULL);
  worksheet_write_number (sheet, r++, 1, total->travel_free, formats->integer);
  worksheet_write_string (sheet, r, 0, _("Local"), NULL);
  worksheet_write_number (sheet, r++, 1, total->local, formats->integer);
  worksheet_write_string (sheet, r, 0, _("Exempt"), NULL);
  worksheet_write_number (sheet, r++, 1, total->exempt_total, formats->integer);
  worksheet_write_string (sheet, r, 0, _("Non-compliant"), NULL);
  worksheet_write_number (sheet, r++, 1, total->non_compliant, formats->integer);
  worksheet_write_string (sheet, r, 0, _("Unknown"), NULL);
  worksheet_write_number (sheet, r++, 1, total->unknown, formats->integer);
  worksheet_write_string (sheet, r, 0, _("Travel km"), NULL);
  worksheet_write_number (sheet, r++, 1, total->travel_km, formats->decimal);
  worksheet_write_string (sheet, r, 0, _("Avoided km"), NULL);
  worksheet_write_number (sheet, r++, 1, total->avoided_km, formats->decimal);
  worksheet_write_string (sheet, r, 0, _("Avoided CO₂ (kg)"), NULL);
  worksheet_write_number (sheet, r++, 1, total->avoided_co2_kg, formats->decimal);
  worksheet_write_string (sheet, r, 0, _("Avoided cost (kr)"), NULL);
  worksheet_write_number (sheet, r++, 1, total->avoided_cost_sek, formats->decimal);
  worksheet_write_string (sheet, r, 0, _("Avoided travel time (hours)"), NULL);
  worksheet_write_number (sheet, r++, 1, total->avoided_hours, formats->decimal);
  worksheet_write_string (sheet, r, 0, _("Equipment coverage"), NULL);
  if (resfri_followup_row_get_equipment_coverage (total, &share))
    worksheet_write_number (sheet, r, 1, share, formats->percent);
  r++;
  worksheet_write_string (sheet, r, 0, _("Open gaps"), NULL);
  worksheet_write_number (sheet, r++, 1, total->open_gaps, formats->integer);
  worksheet_write_string (sheet, r, 0, _("Meetings planned, not yet held"), NULL);
  worksheet_write_number (sheet, r++, 1, total->planned, formats->integer);
  worksheet_write_string (sheet, r, 0, _("Meetings without registered people"), NULL);
  worksheet_write_number (sheet, r++, 1, total->unregistered, formats->integer);
  worksheet_write_string (sheet, r, 0, _("Target"), NULL);
  if (!isnan (total->target_share))
    worksheet_write_number (sheet, r, 1, total->target_share, formats->percent);
  r++;
  r++;

  worksheet_write_string (sheet, r++, 0, _("Per employee"), formats->bold);
  known = resfri_followup_row_get_per_employee_values (total, per_employee);
  for (guint i = 0; i < RESFRI_FOLLOWUP_N_PER_EMPLOYEE; i++)
    {
      worksheet_write_string (sheet, r, 0, _(per_employee_labels[i]), NULL);
      if (known)
        worksheet_write_number (sheet, r, 1, per_employee[i], formats->fine);
      r++;
    }
}

gboolean
resfri_report_followup_write_xlsx (const ResfriFollowup  *followup,
                                   const char            *municipality,
                                   const char            *path,
                                   GError               **error)
{
  lxw_workbook *workbook;
  lxw_worksheet *sheet;
  Formats formats = { 0 };
  ResfriReportWorkbook book;

  g_return_val_if_fail (followup != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!resfri_report_workbook_open (&book, path, error))
    return FALSE;
  workbook = book.workbook;
  formats.heading = book.heading;
  formats.title = workbook_add_format (workbook);
  format_set_bold (formats.title);
  format_set_font_size (formats.title, 16);
  formats.bold = workbook_add_format (workbook);
  format_set_bold (formats.bold);
  formats.integer = number_format (workbook, "#,##0", FALSE);
  formats.decimal = number_format (workbook, "#,##0.0", FALSE);
  formats.percent = number_format (workbook, "0.0%", FALSE);
  formats.bold_integer = number_format (workbook, "#,##0", TRUE);
  formats.bold_decimal = number_format (workbook, "#,##0.0", TRUE);
  formats.bold_percent = number_format (workbook, "0.0%", TRUE);
  formats.fine = number_format (workbook, "#,##0.00", FALSE);
  formats.bold_fine = number_format (workbook, "#,##0.00", TRUE);

  write_summary (workbook, &formats, followup, municipality);

  sheet = workbook_add_worksheet (workbook, _("Units"));
  write_header (sheet, &formats, _("Unit"));
  for (guint i = 0; i < followup->units->len; i++)
    {
      const ResfriFollowupRow *row = g_ptr_array_index (followup->units, i);

      write_row (sheet, &formats, i + 1, resfri_followup_row_get_unit_label (row, TRUE), row,
                 row->depth == 0);
    }
  write_row (sheet, &formats, followup->units->len + 1, _("Total"), followup->total, TRUE);

  sheet = workbook_add_worksheet (workbook, _("Months"));
  write_header (sheet, &formats, _("Month"));
  for (guint i = 0; i < followup->months->len; i++)
    {
      const ResfriFollowupRow *row = g_ptr_array_index (followup->months, i);

      write_row (sheet, &formats, i + 1, row->month, row, FALSE);
    }
  write_row (sheet, &formats, followup->months->len + 1, _("Total"), followup->total, TRUE);

  return resfri_report_workbook_close (&book, error);
}

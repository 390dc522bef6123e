/* resfri-report-planning.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The opportunities' machine formats, written here once for resfri-cli and
 * the Planning view.
 *
 * CSV (RFC 4180, CRLF, numbers in the C locale with 1 decimal, costs
 * whole kronor): one header row, then one row per candidate in the list's
 * order, with the columns uid, recurrence_ids (the RECURRENCE-IDs joined
 * by a space, "" for the whole series in the period), summary, organizer,
 * unit, occurrences, avoided_km, avoided_cost_sek, avoided_co2_kg,
 * avoided_hours, served (true|false), needs (each pool as "SITE TYPE
 * DEMAND MISSING", joined by "; ").
 *
 * The workbook has one sheet of the same rows, for people.
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <xlsxwriter.h>

#include "resfri-report-planning.h"
#include "resfri-report-workbook.h"

char *
resfri_report_candidate_needs_to_string (const ResfriCandidate *candidate)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < candidate->needs->len; i++)
    {
      const ResfriCandidateNeed *need = g_ptr_array_index (candidate->needs, i);

      if (i > 0)
        g_string_append (out, ", ");
      g_string_append_printf (out, "%s %s %u", need->site, need->type, need->demand);
      if (need->missing > 0)
        /* TRANSLATORS: the items a pool lacks for an opportunity */
        g_string_append_printf (out, _(" (%u short)"), need->missing);
    }

  return g_string_free (out, FALSE);
}

static void
append_number (GString *out,
               double   value,
               double   scale)
{
  char text[G_ASCII_DTOSTR_BUF_SIZE];

  g_ascii_formatd (text, sizeof text, scale >= 10 ? "%.1f" : "%.0f", round (value * scale) / scale);
  g_string_append_printf (out, ",%s", text);
}

char *
resfri_report_opportunities_to_csv (const ResfriCandidates *candidates)
{
  GString *out = g_string_new ("uid,recurrence_ids,summary,organizer,unit,occurrences,avoided_km,"
                               "avoided_cost_sek,avoided_co2_kg,avoided_hours,served,needs\r\n");

  g_return_val_if_fail (candidates != NULL, NULL);

  for (guint i = 0; i < candidates->candidates->len; i++)
    {
      const ResfriCandidate *c = g_ptr_array_index (candidates->candidates, i);
      g_autofree char *rids = c->recurrence_ids ? g_strjoinv (" ", c->recurrence_ids) : g_strdup ("");
      g_autoptr(GString) needs = g_string_new (NULL);

      for (guint n = 0; n < c->needs->len; n++)
        {
          const ResfriCandidateNeed *need = g_ptr_array_index (c->needs, n);

          g_string_append_printf (needs, "%s%s %s %u %u", n > 0 ? "; " : "", need->site,
                                  need->type, need->demand, need->missing);
        }

      resfri_csv_append_field (out, c->uid);
      g_string_append_c (out, ',');
      resfri_csv_append_field (out, rids);
      g_string_append_c (out, ',');
      resfri_csv_append_field (out, c->summary);
      g_string_append_c (out, ',');
      resfri_csv_append_field (out, c->organizer ? c->organizer : "");
      g_string_append_c (out, ',');
      resfri_csv_append_field (out, c->unit ? c->unit : "");
      g_string_append_printf (out, ",%u", c->occurrences);
      append_number (out, c->avoided_km, 10);
      append_number (out, c->avoided_cost_sek, 1);
      append_number (out, c->avoided_co2_kg, 10);
      append_number (out, c->avoided_hours, 10);
      g_string_append (out, c->served ? ",true," : ",false,");
      resfri_csv_append_field (out, needs->str);
      g_string_append (out, "\r\n");
    }

  return g_string_free (out, FALSE);
}

gboolean
resfri_report_opportunities_write_xlsx (const ResfriCandidates  *candidates,
                                        const char              *path,
                                        GError                 **error)
{
  static const char * const headings[] = {
    N_("Meeting"), N_("Organiser"), N_("Unit"), N_("Occurrences"), N_("Avoided km"),
    N_("Avoided cost (SEK)"), N_("Avoided CO2 (kg)"), N_("Avoided hours"), N_("Served"),
    N_("Equipment needed"), N_("UID"),
  };
  lxw_workbook *workbook;
  lxw_worksheet *sheet;
  lxw_format *heading;
  lxw_format *integer;
  lxw_format *decimal;
  ResfriReportWorkbook book;

  g_return_val_if_fail (candidates != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!resfri_report_workbook_open (&book, path, error))
    return FALSE;
  workbook = book.workbook;
  heading = book.heading;
  integer = workbook_add_format (workbook);
  format_set_num_format (integer, "#,##0");
  decimal = workbook_add_format (workbook);
  format_set_num_format (decimal, "#,##0.0");

  sheet = workbook_add_worksheet (workbook, _("Opportunities"));
  for (guint i = 0; i < G_N_ELEMENTS (headings); i++)
    worksheet_write_string (sheet, 0, (lxw_col_t) i, _(headings[i]), heading);
  worksheet_set_column (sheet, 0, 0, 36, NULL);
  worksheet_set_column (sheet, 1, 2, 24, NULL);
  worksheet_set_column (sheet, 3, 8, 12, NULL);
  worksheet_set_column (sheet, 9, 10, 30, NULL);

  for (guint i = 0; i < candidates->candidates->len; i++)
    {
      const ResfriCandidate *c = g_ptr_array_index (candidates->candidates, i);
      g_autofree char *needs = resfri_report_candidate_needs_to_string (c);
      lxw_row_t r = (lxw_row_t) i + 1;

      worksheet_write_string (sheet, r, 0, c->summary, NULL);
      worksheet_write_string (sheet, r, 1, c->organizer ? c->organizer : "", NULL);
      worksheet_write_string (sheet, r, 2, c->unit ? c->unit : "", NULL);
      worksheet_write_number (sheet, r, 3, c->occurrences, integer);
      worksheet_write_number (sheet, r, 4, c->avoided_km, decimal);
      worksheet_write_number (sheet, r, 5, c->avoided_cost_sek, integer);
      worksheet_write_number (sheet, r, 6, c->avoided_co2_kg, decimal);
      worksheet_write_number (sheet, r, 7, c->avoided_hours, decimal);
      worksheet_write_string (sheet, r, 8, c->served ? _("Yes") : _("No"), NULL);
      worksheet_write_string (sheet, r, 9, needs, NULL);
      worksheet_write_string (sheet, r, 10, c->uid, NULL);
    }

  return resfri_report_workbook_close (&book, error);
}

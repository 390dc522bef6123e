/* resfri-report-gaps.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The gaps' machine formats, written here once for resfri-cli and the Gaps
 * view: the CSV of the order list of both scenarios (spec/cli.md), and a
 * workbook of three sheets: the order list of both scenarios (with the
 * policy scenario's payback), the people without their own headset or
 * camera, and the cost of equipping everyone per unit.
 */

#include "config.h"

#include <locale.h>
#include <string.h>

#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <xlsxwriter.h>

#include "resfri-report-gaps.h"

/**
 * resfri_report_gaps_to_csv:
 * @gaps: the gaps
 *
 * One table: the order list of both scenarios, one row per pool, with CRLF
 * line ends and the costs in the C locale.
 *
 * Returns: (transfer full): the CSV text
 */
char *
resfri_report_gaps_to_csv (const ResfriGaps *gaps)
{
  static const char * const keys[] = { "planned", "policy" };
  GString *out = g_string_new ("scenario,site,type,pool,peak_demand,to_order,unit_cost,cost\r\n");

  g_return_val_if_fail (gaps != NULL, NULL);

  for (guint s = 0; s < G_N_ELEMENTS (keys); s++)
    for (guint i = 0; i < gaps->scenarios[s].shortfall->len; i++)
      {
        const ResfriShortfall *row = g_ptr_array_index (gaps->scenarios[s].shortfall, i);
        char unit_cost[G_ASCII_DTOSTR_BUF_SIZE];
        char cost[G_ASCII_DTOSTR_BUF_SIZE];

        g_ascii_dtostr (unit_cost, sizeof unit_cost, row->unit_cost);
        g_ascii_dtostr (cost, sizeof cost, row->cost);
        g_string_append_printf (out, "%s,", keys[s]);
        resfri_csv_append_field (out, row->site);
        g_string_append_c (out, ',');
        resfri_csv_append_field (out, row->type);
        g_string_append_printf (out, ",%u,%u,%u,%s,%s\r\n", row->pool, row->peak_demand,
                                row->to_order, unit_cost, cost);
      }

  return g_string_free (out, FALSE);
}

static void
write_headings (lxw_worksheet      *sheet,
                lxw_format         *format,
                const char * const *headings,
                guint               n)
{
  for (guint i = 0; i < n; i++)
    worksheet_write_string (sheet, 0, (lxw_col_t) i, _(headings[i]), format);
  worksheet_set_column (sheet, 0, 0, 36, NULL);
  worksheet_set_column (sheet, 1, (lxw_col_t) (n - 1), 14, NULL);
  worksheet_freeze_panes (sheet, 1, 0);
}

/**
 * resfri_report_gaps_write_xlsx:
 * @gaps: the gaps
 * @path: the workbook to write
 * @error: return location for an error
 *
 * Returns: %TRUE when @path was written
 */
gboolean
resfri_report_gaps_write_xlsx (const ResfriGaps  *gaps,
                               const char        *path,
                               GError           **error)
{
  static const char * const order_headings[] = {
    N_("Scenario"), N_("Site"), N_("Type"), N_("Pool"), N_("Peak demand"), N_("To order"),
    N_("Unit cost (SEK)"), N_("Cost (SEK)"),
  };
  static const char * const people_headings[] = {
    N_("Person"), N_("Unit"), N_("Type"), N_("Remote meetings"),
  };
  static const char * const unit_headings[] = {
    N_("Unit"), N_("People"), N_("Headsets"), N_("Cameras"), N_("Cost (SEK)"),
  };
  const char *scenario_names[] = { N_("Planned"), N_("Policy") };
  lxw_workbook *workbook;
  lxw_worksheet *sheet;
  lxw_format *heading;
  lxw_format *bold;
  lxw_format *integer;
  lxw_format *bold_integer;
  lxw_row_t r;
  lxw_error status;
  locale_t c_locale;
  locale_t previous;

  g_return_val_if_fail (gaps != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  /* libxlsxwriter prints numbers with printf: in the C locale. */
  c_locale = newlocale (LC_NUMERIC_MASK, "C", duplocale (LC_GLOBAL_LOCALE));
  previous = uselocale (c_locale);

  if (!(workbook = workbook_new (path)))
    {
      uselocale (previous);
      freelocale (c_locale);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Cannot create “%s”"), path);
      return FALSE;
    }

  heading = workbook_add_format (workbook);
  format_set_bold (heading);
  format_set_text_wrap (heading);
  bold = workbook_add_format (workbook);
  format_set_bold (bold);
  integer = workbook_add_format (workbook);
  format_set_num_format (integer, "#,##0");
  bold_integer = workbook_add_format (workbook);
  format_set_num_format (bold_integer, "#,##0");
  format_set_bold (bold_integer);

  sheet = workbook_add_worksheet (workbook, _("Order list"));
  write_headings (sheet, heading, order_headings, G_N_ELEMENTS (order_headings));
  worksheet_set_column (sheet, 0, 0, 14, NULL);
  r = 1;
  for (guint s = 0; s < G_N_ELEMENTS (gaps->scenarios); s++)
    {
      const ResfriGapsScenario *scenario = &gaps->scenarios[s];

      for (guint i = 0; i < scenario->shortfall->len; i++, r++)
        {
          const ResfriShortfall *row = g_ptr_array_index (scenario->shortfall, i);

          worksheet_write_string (sheet, r, 0, _(scenario_names[s]), NULL);
          worksheet_write_string (sheet, r, 1, row->site, NULL);
          worksheet_write_string (sheet, r, 2, row->type, NULL);
          worksheet_write_number (sheet, r, 3, row->pool, integer);
          worksheet_write_number (sheet, r, 4, row->peak_demand, integer);
          worksheet_write_number (sheet, r, 5, row->to_order, integer);
          worksheet_write_number (sheet, r, 6, row->unit_cost, integer);
          worksheet_write_number (sheet, r, 7, row->cost, integer);
        }
      worksheet_write_string (sheet, r, 0, _(scenario_names[s]), bold);
      worksheet_write_string (sheet, r, 1, _("Total"), bold);
      worksheet_write_number (sheet, r, 7, scenario->total_cost, bold_integer);
      r += 2;
    }
  worksheet_write_string (sheet, r++, 0, _("Holding the non-compliant meetings online would avoid"), bold);
  worksheet_write_string (sheet, r, 0, _("km"), NULL);
  worksheet_write_number (sheet, r++, 1, gaps->payback_km, integer);
  worksheet_write_string (sheet, r, 0, _("SEK"), NULL);
  worksheet_write_number (sheet, r++, 1, gaps->payback_cost_sek, integer);
  worksheet_write_string (sheet, r, 0, _("kg CO2"), NULL);
  worksheet_write_number (sheet, r++, 1, gaps->payback_co2_kg, integer);

  sheet = workbook_add_worksheet (workbook, _("People without"));
  write_headings (sheet, heading, people_headings, G_N_ELEMENTS (people_headings));
  for (guint i = 0; i < gaps->people_without->len; i++)
    {
      const ResfriPersonWithout *p = g_ptr_array_index (gaps->people_without, i);

      worksheet_write_string (sheet, i + 1, 0, p->person, NULL);
      worksheet_write_string (sheet, i + 1, 1, p->unit, NULL);
      worksheet_write_string (sheet, i + 1, 2, p->type, NULL);
      worksheet_write_number (sheet, i + 1, 3, p->remote_occurrences, integer);
    }

  sheet = workbook_add_worksheet (workbook, _("Equip everyone"));
  write_headings (sheet, heading, unit_headings, G_N_ELEMENTS (unit_headings));
  for (guint i = 0; i < gaps->equip_everyone->len; i++)
    {
      const ResfriEquipUnit *u = g_ptr_array_index (gaps->equip_everyone, i);

      worksheet_write_string (sheet, i + 1, 0, u->unit, NULL);
      worksheet_write_number (sheet, i + 1, 1, u->people, integer);
      worksheet_write_number (sheet, i + 1, 2, u->headsets, integer);
      worksheet_write_number (sheet, i + 1, 3, u->cameras, integer);
      worksheet_write_number (sheet, i + 1, 4, u->cost, integer);
    }

  status = workbook_close (workbook);
  uselocale (previous);
  freelocale (c_locale);

  if (status != LXW_NO_ERROR)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Cannot write “%s”: %s"), path,
                   lxw_strerror (status));
      return FALSE;
    }

  return TRUE;
}

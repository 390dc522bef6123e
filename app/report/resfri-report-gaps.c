/* resfri-report-gaps.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The gaps' machine formats, written here once for resfri-cli and the Gaps
 * view: the CSVs of the order list of both scenarios (spec/cli.md), of who
 * pays for it per unit, of the transfers and idle items and of the people
 * without a headset or camera (for IT only, spec/privacy.md), and a
 * workbook: the order list of both scenarios (with the policy scenario's
 * payback), who pays per scenario, transfers, idle items, the people
 * without their own headset or camera, and the cost of equipping everyone
 * per unit.
 */

#include "config.h"

#include <string.h>

#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <xlsxwriter.h>

#include "resfri-report-gaps.h"
#include "resfri-report-workbook.h"

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
  GString *out = g_string_new ("scenario,site,type,pool,peak_demand,to_order,unit_cost,cost,to_buy\r\n");

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
        g_string_append_printf (out, ",%u,%u,%u,%s,%s,%u\r\n", row->pool, row->peak_demand,
                                row->to_order, unit_cost, cost, row->to_buy);
      }

  return g_string_free (out, FALSE);
}

static const char * const scenario_keys[] = { "planned", "policy" };

/**
 * resfri_report_format_ore:
 * @ore: an amount in öre
 *
 * Returns: (transfer full): @ore as SEK with two decimals and a point:
 *   "1234.50"
 */
char *
resfri_report_format_ore (gint64 ore)
{
  return g_strdup_printf ("%s%" G_GINT64_FORMAT ".%02d", ore < 0 ? "-" : "",
                          ABS (ore) / 100, (int) (ABS (ore) % 100));
}

/**
 * resfri_report_gaps_by_unit_to_csv:
 * @gaps: the gaps
 *
 * Who pays: per scenario, unit and pool, the unit's demands at the pool's
 * peak and its share of the purchase in SEK with two decimals (the shares
 * of one pool sum exactly to its cost). Units by path; no person.
 *
 * Returns: (transfer full): the CSV text
 */
char *
resfri_report_gaps_by_unit_to_csv (const ResfriGaps *gaps)
{
  GString *out = g_string_new ("scenario,unit,unit_name,site,type,demands_at_peak,peak_demand,"
                               "to_order,cost_sek\r\n");

  g_return_val_if_fail (gaps != NULL, NULL);

  for (guint s = 0; s < G_N_ELEMENTS (scenario_keys); s++)
    for (guint i = 0; i < gaps->scenarios[s].by_unit->len; i++)
      {
        const ResfriUnitShare *u = g_ptr_array_index (gaps->scenarios[s].by_unit, i);
        g_autofree char *cost = resfri_report_format_ore (u->cost_ore);

        g_string_append_printf (out, "%s,", scenario_keys[s]);
        resfri_csv_append_field (out, u->unit);
        g_string_append_c (out, ',');
        resfri_csv_append_field (out, resfri_gaps_unit_name (u->unit_name, u->unit));
        g_string_append_c (out, ',');
        resfri_csv_append_field (out, u->site);
        g_string_append_c (out, ',');
        resfri_csv_append_field (out, u->type);
        g_string_append_printf (out, ",%u,%u,%u,%s\r\n", u->demands, u->peak_demand, u->to_order,
                                cost);
      }

  return g_string_free (out, FALSE);
}

/**
 * resfri_report_gaps_transfers_to_csv:
 * @gaps: the gaps
 *
 * The transfers of both scenarios, then the idle items (kind "idle", their
 * tag in the last column).
 *
 * Returns: (transfer full): the CSV text
 */
char *
resfri_report_gaps_transfers_to_csv (const ResfriGaps *gaps)
{
  GString *out = g_string_new ("kind,scenario,type,from_site,to_site,count,saves_sek,tag\r\n");

  g_return_val_if_fail (gaps != NULL, NULL);

  for (guint s = 0; s < G_N_ELEMENTS (scenario_keys); s++)
    for (guint i = 0; i < gaps->scenarios[s].transfers->len; i++)
      {
        const ResfriTransfer *t = g_ptr_array_index (gaps->scenarios[s].transfers, i);
        char saves[G_ASCII_DTOSTR_BUF_SIZE];

        g_ascii_dtostr (saves, sizeof saves, t->saves_sek);
        g_string_append_printf (out, "transfer,%s,", scenario_keys[s]);
        resfri_csv_append_field (out, t->type);
        g_string_append_c (out, ',');
        resfri_csv_append_field (out, t->from_site);
        g_string_append_c (out, ',');
        resfri_csv_append_field (out, t->to_site);
        g_string_append_printf (out, ",%u,%s,\r\n", t->count, saves);
      }
  for (guint i = 0; i < gaps->idle->len; i++)
    {
      const ResfriIdleItem *item = g_ptr_array_index (gaps->idle, i);

      g_string_append (out, "idle,,");
      resfri_csv_append_field (out, item->type);
      g_string_append_c (out, ',');
      resfri_csv_append_field (out, item->site);
      g_string_append (out, ",,1,,");
      resfri_csv_append_field (out, item->tag);
      g_string_append (out, "\r\n");
    }

  return g_string_free (out, FALSE);
}

/**
 * resfri_report_gaps_people_to_csv:
 * @gaps: the gaps
 *
 * For IT only (spec/privacy.md: never in the follow-up): every person
 * without a working headset or camera of their own, most remote meetings
 * first: name, email, unit (its name), unit path, home site, what they
 * lack ("camera", "headset" or "camera headset") and their remote
 * meetings in the horizon.
 *
 * Returns: (transfer full): the CSV text
 */
char *
resfri_report_gaps_people_to_csv (const ResfriGaps *gaps)
{
  GString *out = g_string_new ("name,email,unit,unit_path,site,lacks,remote_meetings\r\n");

  g_return_val_if_fail (gaps != NULL, NULL);

  for (guint i = 0; i < gaps->people_without->len;)
    {
      const ResfriPersonWithout *p = g_ptr_array_index (gaps->people_without, i);
      g_autoptr(GString) lacks = g_string_new (p->type);

      for (i++; i < gaps->people_without->len; i++)
        {
          const ResfriPersonWithout *q = g_ptr_array_index (gaps->people_without, i);

          if (strcmp (q->person, p->person) != 0)
            break;
          g_string_append_printf (lacks, " %s", q->type);
        }
      resfri_csv_append_field (out, p->name);
      g_string_append_c (out, ',');
      resfri_csv_append_field (out, p->person);
      g_string_append_c (out, ',');
      resfri_csv_append_field (out, resfri_gaps_unit_name (p->unit_name, p->unit));
      g_string_append_c (out, ',');
      resfri_csv_append_field (out, p->unit);
      g_string_append_c (out, ',');
      resfri_csv_append_field (out, p->site);
      g_string_append_c (out, ',');
      resfri_csv_append_field (out, lacks->str);
      g_string_append_printf (out, ",%u\r\n", p->remote_occurrences);
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
    N_("Unit cost (SEK)"), N_("Cost (SEK)"), N_("To buy"),
  };
  static const char * const by_unit_headings[] = {
    N_("Unit"), N_("Unit path"), N_("Site"), N_("Type"), N_("Demands at peak"), N_("Peak demand"),
    N_("To order"), N_("Cost (SEK)"),
  };
  static const char * const transfer_headings[] = {
    N_("Scenario"), N_("Type"), N_("From site"), N_("To site"), N_("Count"), N_("Saves (SEK)"),
  };
  static const char * const idle_headings[] = {
    N_("Asset tag"), N_("Site"), N_("Type"),
  };
  static const char * const people_headings[] = {
    N_("Unit"), N_("Type"), N_("Remote meetings"),
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
  lxw_format *money;
  lxw_row_t r;
  ResfriReportWorkbook book;

  g_return_val_if_fail (gaps != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!resfri_report_workbook_open (&book, path, error))
    return FALSE;
  workbook = book.workbook;
  heading = book.heading;
  bold = workbook_add_format (workbook);
  format_set_bold (bold);
  integer = workbook_add_format (workbook);
  format_set_num_format (integer, "#,##0");
  bold_integer = workbook_add_format (workbook);
  format_set_num_format (bold_integer, "#,##0");
  format_set_bold (bold_integer);
  money = workbook_add_format (workbook);
  format_set_num_format (money, "#,##0.00");

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
          worksheet_write_number (sheet, r, 8, row->to_buy, integer);
        }
      worksheet_write_string (sheet, r, 0, _(scenario_names[s]), bold);
      worksheet_write_string (sheet, r, 1, _("Total"), bold);
      worksheet_write_number (sheet, r, 7, scenario->total_cost, bold_integer);
      r++;
      worksheet_write_string (sheet, r, 1, _("After transfers"), bold);
      worksheet_write_number (sheet, r, 7, scenario->total_cost_after_transfers, bold_integer);
      r += 2;
    }
  worksheet_write_string (sheet, r++, 0, _("Holding the non-compliant meetings online would avoid"), bold);
  worksheet_write_string (sheet, r, 0, _("km"), NULL);
  worksheet_write_number (sheet, r++, 1, gaps->payback_km, integer);
  worksheet_write_string (sheet, r, 0, _("SEK"), NULL);
  worksheet_write_number (sheet, r++, 1, gaps->payback_cost_sek, integer);
  worksheet_write_string (sheet, r, 0, _("kg CO2"), NULL);
  worksheet_write_number (sheet, r++, 1, gaps->payback_co2_kg, integer);

  for (guint s = 0; s < G_N_ELEMENTS (gaps->scenarios); s++)
    {
      const GPtrArray *by_unit = gaps->scenarios[s].by_unit;

      sheet = workbook_add_worksheet (workbook, s == RESFRI_SCENARIO_PLANNED ? _("Who pays (planned)")
                                                                           : _("Who pays (policy)"));
      write_headings (sheet, heading, by_unit_headings, G_N_ELEMENTS (by_unit_headings));
      for (guint i = 0; i < by_unit->len; i++)
        {
          const ResfriUnitShare *u = g_ptr_array_index (by_unit, i);

          worksheet_write_string (sheet, i + 1, 0, resfri_gaps_unit_name (u->unit_name, u->unit), NULL);
          worksheet_write_string (sheet, i + 1, 1, u->unit, NULL);
          worksheet_write_string (sheet, i + 1, 2, u->site, NULL);
          worksheet_write_string (sheet, i + 1, 3, u->type, NULL);
          worksheet_write_number (sheet, i + 1, 4, u->demands, integer);
          worksheet_write_number (sheet, i + 1, 5, u->peak_demand, integer);
          worksheet_write_number (sheet, i + 1, 6, u->to_order, integer);
          worksheet_write_number (sheet, i + 1, 7, u->cost_ore / 100.0, money);
        }
    }

  sheet = workbook_add_worksheet (workbook, _("Transfers"));
  write_headings (sheet, heading, transfer_headings, G_N_ELEMENTS (transfer_headings));
  r = 1;
  for (guint s = 0; s < G_N_ELEMENTS (gaps->scenarios); s++)
    for (guint i = 0; i < gaps->scenarios[s].transfers->len; i++, r++)
      {
        const ResfriTransfer *t = g_ptr_array_index (gaps->scenarios[s].transfers, i);

        worksheet_write_string (sheet, r, 0, _(scenario_names[s]), NULL);
        worksheet_write_string (sheet, r, 1, t->type, NULL);
        worksheet_write_string (sheet, r, 2, t->from_site, NULL);
        worksheet_write_string (sheet, r, 3, t->to_site, NULL);
        worksheet_write_number (sheet, r, 4, t->count, integer);
        worksheet_write_number (sheet, r, 5, t->saves_sek, integer);
      }

  sheet = workbook_add_worksheet (workbook, _("Idle items"));
  write_headings (sheet, heading, idle_headings, G_N_ELEMENTS (idle_headings));
  for (guint i = 0; i < gaps->idle->len; i++)
    {
      const ResfriIdleItem *item = g_ptr_array_index (gaps->idle, i);

      worksheet_write_string (sheet, i + 1, 0, item->tag, NULL);
      worksheet_write_string (sheet, i + 1, 1, item->site, NULL);
      worksheet_write_string (sheet, i + 1, 2, item->type, NULL);
    }

  sheet = workbook_add_worksheet (workbook, _("People without"));
  write_headings (sheet, heading, people_headings, G_N_ELEMENTS (people_headings));
  for (guint i = 0; i < gaps->people_without->len; i++)
    {
      const ResfriPersonWithout *p = g_ptr_array_index (gaps->people_without, i);

      /* No names: only `gaps --people` names them (spec/privacy.md). */
      worksheet_write_string (sheet, i + 1, 0, p->unit, NULL);
      worksheet_write_string (sheet, i + 1, 1, p->type, NULL);
      worksheet_write_number (sheet, i + 1, 2, p->remote_occurrences, integer);
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

  return resfri_report_workbook_close (&book, error);
}

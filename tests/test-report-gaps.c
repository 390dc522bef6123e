/* test-report-gaps.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The gaps' CSV, written once in app/report for resfri-cli and the Gaps
 * view: the exact bytes of a small hand-made ResfriGaps (spec/cli.md),
 * and of who pays (öre as SEK with two decimals) and the people list.
 */

#include "config.h"

#include <locale.h>

#include "resfri-report-gaps.h"

static void
shortfall_free (gpointer data)
{
  ResfriShortfall *s = data;

  g_free (s->site);
  g_free (s->type);
  g_free (s);
}

static void
add_shortfall (ResfriGaps     *gaps,
               ResfriScenario  scenario,
               const char     *site,
               const char     *type,
               guint           pool,
               guint           peak,
               double          unit_cost)
{
  ResfriShortfall *s = g_new0 (ResfriShortfall, 1);

  s->site = g_strdup (site);
  s->type = g_strdup (type);
  s->pool = pool;
  s->peak_demand = peak;
  s->to_order = peak > pool ? peak - pool : 0;
  s->unit_cost = unit_cost;
  s->cost = s->to_order * unit_cost;
  s->to_buy = s->to_order > 0 ? s->to_order - 1 : 0;
  gaps->scenarios[scenario].total_cost += s->cost;
  g_ptr_array_add (gaps->scenarios[scenario].shortfall, s);
}

static ResfriGaps *
gaps_new (void)
{
  ResfriGaps *gaps = g_new0 (ResfriGaps, 1);

  for (guint s = 0; s < G_N_ELEMENTS (gaps->scenarios); s++)
    gaps->scenarios[s].shortfall = g_ptr_array_new_with_free_func (shortfall_free);
  gaps->people_without = g_ptr_array_new ();
  gaps->equip_everyone = g_ptr_array_new ();
  for (guint s = 0; s < G_N_ELEMENTS (gaps->scenarios); s++)
    {
      gaps->scenarios[s].by_unit = g_ptr_array_new_with_free_func (g_free);
      gaps->scenarios[s].transfers = g_ptr_array_new ();
    }
  gaps->idle = g_ptr_array_new ();

  return gaps;
}

static void
test_by_unit_csv (void)
{
  g_autoptr(ResfriGaps) gaps = gaps_new ();
  g_autofree char *csv = NULL;
  ResfriUnitShare *u = g_new0 (ResfriUnitShare, 1);
  g_autofree char *cents = resfri_report_format_ore (5);

  /* The strings are static here: the array frees the struct only. */
  u->unit = (char *) "Förvaltning/Skola, norr";
  u->unit_name = (char *) "";
  u->site = (char *) "KOM";
  u->type = (char *) "headset";
  u->demands = 1;
  u->peak_demand = 3;
  u->to_order = 1;
  u->cost_ore = 30000;
  g_ptr_array_add (gaps->scenarios[RESFRI_SCENARIO_POLICY].by_unit, u);

  csv = resfri_report_gaps_by_unit_to_csv (gaps);
  g_assert_cmpstr (csv, ==,
                   "scenario,unit,unit_name,site,type,demands_at_peak,peak_demand,to_order,cost_sek\r\n"
                   "policy,\"Förvaltning/Skola, norr\",\"Skola, norr\",KOM,headset,1,3,1,300.00\r\n");
  g_assert_cmpstr (cents, ==, "0.05");
  g_ptr_array_set_size (gaps->scenarios[RESFRI_SCENARIO_POLICY].by_unit, 0);
}

static void
test_csv (void)
{
  static const char expected[] =
    "scenario,site,type,pool,peak_demand,to_order,unit_cost,cost,to_buy\r\n"
    "planned,KOM,camera,1,2,1,1100,1100,0\r\n"
    "planned,KOM,headset,3,1,0,900,0,0\r\n"
    "policy,\"Sko,la\",camera,0,3,3,1234.5,3703.5,2\r\n"
    "policy,\"F\"\"AR\",vc-kit,2,2,0,15000,0,0\r\n";
  g_autoptr(ResfriGaps) gaps = gaps_new ();
  g_autofree char *csv = NULL;

  add_shortfall (gaps, RESFRI_SCENARIO_PLANNED, "KOM", "camera", 1, 2, 1100);
  add_shortfall (gaps, RESFRI_SCENARIO_PLANNED, "KOM", "headset", 3, 1, 900);
  /* Fields that need quotes, and a cost with a fraction. */
  add_shortfall (gaps, RESFRI_SCENARIO_POLICY, "Sko,la", "camera", 0, 3, 1234.5);
  add_shortfall (gaps, RESFRI_SCENARIO_POLICY, "F\"AR", "vc-kit", 2, 2, 15000);

  csv = resfri_report_gaps_to_csv (gaps);
  g_assert_cmpstr (csv, ==, expected);
}

static void
test_csv_empty (void)
{
  g_autoptr(ResfriGaps) gaps = gaps_new ();
  g_autofree char *csv = resfri_report_gaps_to_csv (gaps);

  g_assert_cmpstr (csv, ==, "scenario,site,type,pool,peak_demand,to_order,unit_cost,cost,to_buy\r\n");
}

/* The costs are machine numbers whatever the locale: a Swedish decimal
 * comma would split the field. */
static void
test_csv_locale (void)
{
  g_autoptr(ResfriGaps) gaps = gaps_new ();
  g_autofree char *csv = NULL;

  add_shortfall (gaps, RESFRI_SCENARIO_POLICY, "KOM", "camera", 0, 1, 1234.5);
  if (setlocale (LC_NUMERIC, "sv_SE.UTF-8") == NULL)
    {
      g_test_skip ("no sv_SE.UTF-8 locale");
      return;
    }
  csv = resfri_report_gaps_to_csv (gaps);
  setlocale (LC_NUMERIC, "C");

  g_assert_cmpstr (csv, ==,
                   "scenario,site,type,pool,peak_demand,to_order,unit_cost,cost,to_buy\r\n"
                   "policy,KOM,camera,0,1,1,1234.5,1234.5,0\r\n");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/report-gaps/csv", test_csv);
  g_test_add_func ("/report-gaps/csv-empty", test_csv_empty);
  g_test_add_func ("/report-gaps/csv-locale", test_csv_locale);
  g_test_add_func ("/report-gaps/by-unit-csv", test_by_unit_csv);

  return g_test_run ();
}

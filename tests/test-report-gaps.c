/* test-report-gaps.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The gaps' CSV, written once in app/report for resfri-cli and the Gaps
 * view: the exact bytes of a small hand-made ResfriGaps (spec/cli.md).
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

  return gaps;
}

static void
test_csv (void)
{
  static const char expected[] =
    "scenario,site,type,pool,peak_demand,to_order,unit_cost,cost\r\n"
    "planned,KOM,camera,1,2,1,1100,1100\r\n"
    "planned,KOM,headset,3,1,0,900,0\r\n"
    "policy,\"Sko,la\",camera,0,3,3,1234.5,3703.5\r\n"
    "policy,\"F\"\"AR\",vc-kit,2,2,0,15000,0\r\n";
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

  g_assert_cmpstr (csv, ==, "scenario,site,type,pool,peak_demand,to_order,unit_cost,cost\r\n");
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
                   "scenario,site,type,pool,peak_demand,to_order,unit_cost,cost\r\n"
                   "policy,KOM,camera,0,1,1,1234.5,1234.5\r\n");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/report-gaps/csv", test_csv);
  g_test_add_func ("/report-gaps/csv-empty", test_csv_empty);
  g_test_add_func ("/report-gaps/csv-locale", test_csv_locale);

  return g_test_run ();
}

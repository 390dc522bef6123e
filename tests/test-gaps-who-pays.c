/* test-gaps-who-pays.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * "Who pays, and move before you buy" (spec/planning.md) on
 * allocation-fixture.h's store with a few more people and items, worked
 * by hand: each pool purchase split over the units of the demands at the
 * pool's peak (a tie, and öre that do not divide), transfers from a pool
 * with spare items and none from a pool that needs its item at another
 * instant, what remains to buy, the idle items, and the people list.
 */

#include "config.h"

#include <string.h>

#include "allocation-fixture.h"

/* More of the fixture: a unit Ekonomi; at KOM Erik (Skola), Gun (Ekonomi)
 * and Hans (Skola), who own nothing; at FAR Ivar (IT), who owns a headset;
 * SKO's headset pool grows to H3, H4, H5. A headset costs SEK 1,000.01, so
 * two of them do not split evenly in three. */
static const char more_sql[] =
  "INSERT INTO units (id, name, path) VALUES (3, 'Ekonomi', 'Stab/Ekonomi');"
  "INSERT INTO people (id, email, name, unit_id, site_id) VALUES"
  "  (5, 'erik@example.se', 'Erik', 2, 1), (6, 'gun@example.se', 'Gun', 3, 1),"
  "  (7, 'hans@example.se', 'Hans', 2, 1), (8, 'ivar@example.se', 'Ivar', 1, 3);"
  "INSERT INTO equipment (id, tag, type_id, site_id, owner_id, state) VALUES"
  "  (11, 'H4', 1, 2, NULL, 'ok'), (12, 'H5', 1, 2, NULL, 'ok'), (13, 'IV-H', 1, 3, 8, 'ok');"
  "UPDATE equipment_types SET unit_price = 1000.01 WHERE name = 'headset';";

static void
set_up (Fixture       *fixture,
        gconstpointer  user_data)
{
  g_autofree char *sql = g_strconcat (fixture_sql, more_sql, NULL);

  resfri_test_fixture_set_up (fixture, sql);
}

/* KOM at 10:00: Anna (IT), Erik (Skola), Gun (Ekonomi) lack both, and
 * Dan (Skola, SKO) too; at 12:00 Hans (Skola, KOM) alone: not at the peak.
 * Two hybrid meetings in Lilla salen (KOM, no video) at 16:00, organised
 * by Bo (IT) and Cilla (Skola): two vc-kits for KOM's one. */
static void
add_meetings (Fixture *fixture)
{
  add_meeting (fixture, "peak", "1000", "1100", NULL, TRUE, "anna@example.se", "erik@example.se",
               "gun@example.se", "dan@example.se", NULL);
  add_meeting (fixture, "late", "1200", "1300", NULL, TRUE, "hans@example.se", NULL);
  add_meeting (fixture, "hy1", "1600", "1700", "Lilla salen", TRUE, "bo@example.se", NULL);
  add_meeting (fixture, "hy2", "1600", "1700", "Lilla salen", TRUE, "cilla@example.se", NULL);
}

static ResfriGaps *
compute (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  ResfriGaps *gaps = resfri_gaps_compute (fixture->store, NULL, at ("0000"), at ("2359"), NULL,
                                          &error);

  g_assert_no_error (error);
  g_assert_nonnull (gaps);

  return gaps;
}

static const ResfriShortfall *
find_row (const ResfriGapsScenario *scenario,
          const char               *site,
          const char               *type)
{
  for (guint i = 0; i < scenario->shortfall->len; i++)
    {
      const ResfriShortfall *row = g_ptr_array_index (scenario->shortfall, i);

      if (strcmp (row->site, site) == 0 && strcmp (row->type, type) == 0)
        return row;
    }
  g_assert_not_reached ();
}

/* The share of @unit in pool @site/@type, or -1. */
static gint64
share (const ResfriGapsScenario *scenario,
       const char               *unit,
       const char               *site,
       const char               *type,
       guint                    *demands)
{
  for (guint i = 0; i < scenario->by_unit->len; i++)
    {
      const ResfriUnitShare *u = g_ptr_array_index (scenario->by_unit, i);

      if (strcmp (u->unit, unit) == 0 && strcmp (u->site, site) == 0 && strcmp (u->type, type) == 0)
        {
          if (demands != NULL)
            *demands = u->demands;
          return u->cost_ore;
        }
    }

  return -1;
}

static void
test_by_unit (Fixture       *fixture,
              gconstpointer  user_data)
{
  g_autoptr(ResfriGaps) gaps = NULL;
  const ResfriGapsScenario *policy;
  const ResfriShortfall *row;
  guint demands = 0;

  add_meetings (fixture);
  gaps = compute (fixture);
  policy = &gaps->scenarios[RESFRI_SCENARIO_POLICY];

  /* KOM headsets: Anna, Erik, Gun at 10:00 (Hans at 12:00 is not at the
   * peak), one item: two to order, SEK 2,000.02 = 200,002 öre, 66,667 each
   * and one öre left over; the remainders tie, so it goes to the first
   * path: "IT" < "Skola" < "Stab/Ekonomi". */
  row = find_row (policy, "KOM", "headset");
  g_assert_cmpuint (row->peak_demand, ==, 3);
  g_assert_cmpuint (row->to_order, ==, 2);
  g_assert_cmpint (row->peak_start, ==, at ("1000"));
  g_assert_cmpint (share (policy, "IT", "KOM", "headset", &demands), ==, 66668);
  g_assert_cmpuint (demands, ==, 1);
  g_assert_cmpint (share (policy, "Skola", "KOM", "headset", &demands), ==, 66667);
  /* Erik only: Hans's demand is not at the peak. */
  g_assert_cmpuint (demands, ==, 1);
  g_assert_cmpint (share (policy, "Stab/Ekonomi", "KOM", "headset", NULL), ==, 66667);

  /* SKO cameras: Dan alone. */
  g_assert_cmpint (share (policy, "Skola", "SKO", "camera", &demands), ==, 110000);
  g_assert_cmpuint (demands, ==, 1);

  /* KOM's vc-kits: one to order, the organisers' units tie: half each. */
  row = find_row (policy, "KOM", "vc-kit");
  g_assert_cmpuint (row->to_order, ==, 1);
  g_assert_cmpint (share (policy, "IT", "KOM", "vc-kit", NULL), ==, 750000);
  g_assert_cmpint (share (policy, "Skola", "KOM", "vc-kit", NULL), ==, 750000);

  /* Every purchase is attributed exactly, to the öre. */
  for (guint s = 0; s < G_N_ELEMENTS (gaps->scenarios); s++)
    {
      const ResfriGapsScenario *scenario = &gaps->scenarios[s];
      gint64 total = 0;

      for (guint i = 0; i < scenario->by_unit->len; i++)
        total += ((ResfriUnitShare *) g_ptr_array_index (scenario->by_unit, i))->cost_ore;
      g_assert_cmpint (total, ==, (gint64) (scenario->total_cost * 100 + 0.5));
      for (guint i = 0; i < scenario->shortfall->len; i++)
        {
          const ResfriShortfall *r = g_ptr_array_index (scenario->shortfall, i);
          gint64 pool_total = 0;

          for (guint u = 0; u < scenario->by_unit->len; u++)
            {
              const ResfriUnitShare *v = g_ptr_array_index (scenario->by_unit, u);

              if (strcmp (v->site, r->site) == 0 && strcmp (v->type, r->type) == 0)
                pool_total += v->cost_ore;
            }
          g_assert_cmpint (pool_total, ==, (gint64) (r->cost * 100 + 0.5));
        }
    }
  g_assert_cmpstr (resfri_gaps_unit_name ("", "Stab/Ekonomi"), ==, "Ekonomi");
  g_assert_cmpstr (resfri_gaps_unit_name ("Ekonomienheten", "Stab/Ekonomi"), ==, "Ekonomienheten");
}

static const ResfriTransfer *
find_transfer (const ResfriGapsScenario *scenario,
               const char               *type)
{
  for (guint i = 0; i < scenario->transfers->len; i++)
    {
      const ResfriTransfer *t = g_ptr_array_index (scenario->transfers, i);

      if (strcmp (t->type, type) == 0)
        return t;
    }

  return NULL;
}

static void
test_transfers (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(ResfriGaps) gaps = NULL;
  g_autoptr(ResfriGaps) later = NULL;
  g_autoptr(GError) error = NULL;
  const ResfriGapsScenario *policy;
  const ResfriTransfer *t;

  add_meetings (fixture);
  gaps = compute (fixture);
  policy = &gaps->scenarios[RESFRI_SCENARIO_POLICY];

  /* SKO has three headsets and needs one (Dan): two move to KOM, which
   * then buys none. */
  t = find_transfer (policy, "headset");
  g_assert_nonnull (t);
  g_assert_cmpstr (t->from_site, ==, "SKO");
  g_assert_cmpstr (t->to_site, ==, "KOM");
  g_assert_cmpuint (t->count, ==, 2);
  g_assert_cmpfloat_with_epsilon (t->saves_sek, 2000.02, 1e-9);
  g_assert_cmpuint (find_row (policy, "KOM", "headset")->to_order, ==, 2);
  g_assert_cmpuint (find_row (policy, "KOM", "headset")->to_buy, ==, 0);

  /* FAR's camera C9 is idle at KOM's peak and all day: it moves. */
  t = find_transfer (policy, "camera");
  g_assert_nonnull (t);
  g_assert_cmpstr (t->from_site, ==, "FAR");
  g_assert_cmpstr (t->to_site, ==, "KOM");
  g_assert_cmpuint (t->count, ==, 1);
  g_assert_cmpuint (find_row (policy, "KOM", "camera")->to_buy, ==, 1);
  g_assert_cmpuint (find_row (policy, "SKO", "camera")->to_buy, ==, 1);
  /* 2 × 1,000.01 + 2 × 1,100 + 1,100 + 15,000 to order; 2,000.02 and
   * 1,100 of it moved instead. */
  g_assert_cmpfloat_with_epsilon (policy->total_cost, 20300.02, 1e-6);
  g_assert_cmpfloat_with_epsilon (policy->total_cost_after_transfers, 17200, 1e-6);

  /* Ivar (FAR) needs a camera at 14:00: not at KOM's peak, but C9 is now
   * needed at FAR during the horizon, so it must not move. */
  add_meeting (fixture, "far", "1400", "1500", NULL, TRUE, "ivar@example.se", NULL);
  later = compute (fixture);
  policy = &later->scenarios[RESFRI_SCENARIO_POLICY];
  g_assert_null (find_transfer (policy, "camera"));
  g_assert_cmpuint (find_row (policy, "KOM", "camera")->to_buy, ==, 2);
  g_assert_cmpuint (find_row (policy, "FAR", "camera")->to_buy, ==, 0);
  g_assert_cmpfloat_with_epsilon (policy->total_cost_after_transfers, 18300, 1e-6);
  /* The headsets still move. */
  g_assert_nonnull (find_transfer (policy, "headset"));
}

static gboolean
has_idle (const ResfriGaps *gaps,
          const char       *tag)
{
  for (guint i = 0; i < gaps->idle->len; i++)
    if (strcmp (((ResfriIdleItem *) g_ptr_array_index (gaps->idle, i))->tag, tag) == 0)
      return TRUE;

  return FALSE;
}

static void
test_idle (Fixture       *fixture,
           gconstpointer  user_data)
{
  g_autoptr(ResfriGaps) gaps = NULL;
  g_autoptr(GError) error = NULL;

  /* H4 is booked at 13:00 for something else; H3 the day before only. */
  g_assert_true (_resfri_store_exec (fixture->store,
                                     "INSERT INTO bookings (uid, recurrence_id, equipment_id, start, end, created_at)"
                                     " VALUES ('other', '', 11, 1772456400, 1772460000, 0),"
                                     "        ('before', '', 5, 1772323200, 1772326800, 0)", &error));
  g_assert_no_error (error);
  g_assert_cmpint (1772456400, ==, at ("1300"));

  add_meetings (fixture);
  gaps = compute (fixture);
  g_assert_false (has_idle (gaps, "H4"));
  g_assert_true (has_idle (gaps, "H3"));
  g_assert_true (has_idle (gaps, "H5"));
  g_assert_true (has_idle (gaps, "C9"));
  /* Broken and personal items are no pool's. */
  g_assert_false (has_idle (gaps, "H2"));
  g_assert_false (has_idle (gaps, "BO-H"));
  g_assert_cmpuint (gaps->idle->len, ==, 6);   /* H1, H3, H5, C1, C9, V1 */
}

static void
test_people (Fixture       *fixture,
             gconstpointer  user_data)
{
  g_autoptr(ResfriGaps) gaps = NULL;
  const ResfriPersonWithout *gun = NULL;

  add_meetings (fixture);
  gaps = compute (fixture);
  for (guint i = 0; i < gaps->people_without->len; i++)
    {
      const ResfriPersonWithout *p = g_ptr_array_index (gaps->people_without, i);

      if (strcmp (p->person, "gun@example.se") == 0)
        gun = p;
    }
  g_assert_nonnull (gun);
  g_assert_cmpstr (gun->name, ==, "Gun");
  g_assert_cmpstr (gun->unit, ==, "Stab/Ekonomi");
  g_assert_cmpstr (resfri_gaps_unit_name (gun->unit_name, gun->unit), ==, "Ekonomi");
  g_assert_cmpstr (gun->site, ==, "KOM");
  g_assert_cmpuint (gun->remote_occurrences, ==, 1);

  /* Who pays names units, never people. */
  for (guint s = 0; s < G_N_ELEMENTS (gaps->scenarios); s++)
    for (guint i = 0; i < gaps->scenarios[s].by_unit->len; i++)
      {
        const ResfriUnitShare *u = g_ptr_array_index (gaps->scenarios[s].by_unit, i);

        g_assert_null (strstr (u->unit, "@"));
        g_assert_cmpstr (u->unit, !=, "Gun");
      }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  (void) fixture_set_up;   /* set_up () extends the fixture's store */

#define ADD(path, func) \
  g_test_add ("/gaps-who-pays/" path, Fixture, NULL, set_up, func, fixture_tear_down)
  ADD ("by-unit", test_by_unit);
  ADD ("transfers", test_transfers);
  ADD ("idle", test_idle);
  ADD ("people", test_people);
#undef ADD

  return g_test_run ();
}

/* test-allocation.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Demands, the allocation and --book on the store fixture of
 * allocation-fixture.h and the gaps of both scenarios. The pool solver
 * alone is test-pool-solver.c; resfri-cli's allocate and gaps are
 * tests/cli/test-allocate.c.
 */

#include "config.h"

#include <string.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include <json-glib/json-glib.h>

#include "resfri-allocation-private.h"
#include "resfri-allocation.h"
#include "resfri-importer.h"
#include "resfri-policy-reader-private.h"
#include "resfri-policy-settings.h"
#include "resfri-store-private.h"
#include "resfri-test-util.h"

#include "allocation-fixture.h"

/* ---- Demands and allocation from a store -------------------------------- */

static ResfriAllocation *
allocate (Fixture        *fixture,
          ResfriScenario  scenario)
{
  g_autoptr(GError) error = NULL;
  ResfriAllocation *allocation;

  allocation = resfri_allocation_compute (fixture->store, NULL, at ("0000"), at ("2359"),
                                          scenario, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (allocation);
  return allocation;
}

/* Every assignment uses an existing loan item in state ok of the demand's
 * site and type, and no item serves two overlapping demands. */
static void
assert_feasible (Fixture                *fixture,
                 const ResfriAllocation *allocation)
{
  guint served = 0;

  for (guint d = 0; d < allocation->demands->len; d++)
    {
      const ResfriDemand *demand = &g_array_index (allocation->demands, ResfriDemand, d);
      g_autoptr(GError) error = NULL;
      sqlite3_stmt *stmt;

      g_assert_cmpint (demand->start, <, demand->end);
      g_assert_cmpuint (demand->n_members, >=, 1);
      g_assert_true ((demand->person == NULL) == (strcmp (demand->type, "vc-kit") == 0));
      if (demand->item_id == 0)
        continue;
      served++;

      stmt = _resfri_store_prepare (fixture->store,
                                    "SELECT e.tag, s.code, t.name, e.owner_id IS NULL, e.state"
                                    "  FROM equipment e JOIN sites s ON s.id = e.site_id"
                                    "  JOIN equipment_types t ON t.id = e.type_id WHERE e.id = ?",
                                    &error);
      g_assert_no_error (error);
      sqlite3_bind_int64 (stmt, 1, demand->item_id);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
      g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, demand->item);
      g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 1), ==, demand->site);
      g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 2), ==, demand->type);
      g_assert_cmpint (sqlite3_column_int (stmt, 3), ==, 1);
      g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 4), ==, "ok");

      /* A new assignment never overlaps a stored booking of its item. */
      if (!demand->booked)
        {
          stmt = _resfri_store_prepare (fixture->store,
                                        "SELECT count(*) FROM bookings"
                                        " WHERE equipment_id = ?1 AND start < ?3 AND end > ?2",
                                        &error);
          g_assert_no_error (error);
          sqlite3_bind_int64 (stmt, 1, demand->item_id);
          sqlite3_bind_int64 (stmt, 2, demand->start);
          sqlite3_bind_int64 (stmt, 3, demand->end);
          g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
          g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 0);
        }

      for (guint e = d + 1; e < allocation->demands->len; e++)
        {
          const ResfriDemand *other = &g_array_index (allocation->demands, ResfriDemand, e);

          if (other->item_id == demand->item_id)
            g_assert_false (demand->start < other->end && other->start < demand->end);
        }
    }
  g_assert_cmpuint (served, ==, allocation->served);
}

static const ResfriDemand *
find_demand (const ResfriAllocation *allocation,
             const char             *person,
             const char             *type,
             guint                   nth)
{
  for (guint d = 0; d < allocation->demands->len; d++)
    {
      const ResfriDemand *demand = &g_array_index (allocation->demands, ResfriDemand, d);

      if (g_strcmp0 (demand->person, person) == 0 && strcmp (demand->type, type) == 0 && nth-- == 0)
        return demand;
    }

  return NULL;
}

static guint
count_demands (const ResfriAllocation *allocation,
               const char             *person,
               const char             *type)
{
  guint n = 0;

  while (find_demand (allocation, person, type, n) != NULL)
    n++;
  return n;
}

static void
test_online (Fixture       *fixture,
             gconstpointer  user_data)
{
  g_autoptr(ResfriAllocation) allocation = NULL;
  g_autoptr(ResfriAllocation) again = NULL;
  const ResfriDemand *d;

  add_meeting (fixture, "m1", "0900", "1000", NULL, TRUE,
               "anna@example.se", "bo@example.se", "cilla@example.se", "dan@example.se", NULL);
  allocation = allocate (fixture, RESFRI_SCENARIO_PLANNED);
  assert_feasible (fixture, allocation);

  /* Anna: headset + camera; Bo: camera (his own is broken); Cilla: none;
   * Dan: headset + camera at SKO. */
  g_assert_cmpuint (allocation->demands->len, ==, 5);
  g_assert_cmpuint (count_demands (allocation, "bo@example.se", "headset"), ==, 0);
  g_assert_cmpuint (count_demands (allocation, "bo@example.se", "camera"), ==, 1);
  g_assert_cmpuint (count_demands (allocation, "cilla@example.se", "headset"), ==, 0);
  g_assert_cmpuint (count_demands (allocation, "cilla@example.se", "camera"), ==, 0);

  /* H1 serves Anna (H2 is broken); C1 serves one of Anna and Bo; H3
   * serves Dan at SKO; SKO has no camera, and FAR's C9 never serves. */
  d = find_demand (allocation, "anna@example.se", "headset", 0);
  g_assert_cmpstr (d->item, ==, "H1");
  g_assert_cmpstr (d->site, ==, "KOM");
  g_assert_cmpint (d->start, ==, at ("0900"));
  g_assert_cmpint (d->end, ==, at ("1000"));
  d = find_demand (allocation, "dan@example.se", "headset", 0);
  g_assert_cmpstr (d->item, ==, "H3");
  g_assert_cmpstr (d->site, ==, "SKO");
  g_assert_null (find_demand (allocation, "dan@example.se", "camera", 0)->item);
  g_assert_cmpuint (allocation->served, ==, 3);
  g_assert_true (allocation->proven);

  /* Same input, same output. */
  again = allocate (fixture, RESFRI_SCENARIO_PLANNED);
  g_assert_cmpuint (again->demands->len, ==, allocation->demands->len);
  for (guint i = 0; i < allocation->demands->len; i++)
    {
      const ResfriDemand *x = &g_array_index (allocation->demands, ResfriDemand, i);
      const ResfriDemand *y = &g_array_index (again->demands, ResfriDemand, i);

      g_assert_cmpstr (x->person, ==, y->person);
      g_assert_cmpstr (x->type, ==, y->type);
      g_assert_cmpstr (x->item, ==, y->item);
    }
}

static void
test_merging (Fixture       *fixture,
              gconstpointer  user_data)
{
  g_autoptr(ResfriAllocation) allocation = NULL;
  const ResfriDemand *d;

  /* 09-10 and 09:30-11 overlap: one demand 09-11; 11-12 touches: apart. */
  add_meeting (fixture, "a", "0900", "1000", NULL, TRUE, "anna@example.se", NULL);
  add_meeting (fixture, "b", "0930", "1100", NULL, TRUE, "anna@example.se", NULL);
  add_meeting (fixture, "c", "1100", "1200", NULL, TRUE, "anna@example.se", NULL);
  allocation = allocate (fixture, RESFRI_SCENARIO_PLANNED);
  assert_feasible (fixture, allocation);

  g_assert_cmpuint (count_demands (allocation, "anna@example.se", "headset"), ==, 2);
  d = find_demand (allocation, "anna@example.se", "headset", 0);
  g_assert_cmpint (d->start, ==, at ("0900"));
  g_assert_cmpint (d->end, ==, at ("1100"));
  g_assert_cmpuint (d->n_members, ==, 2);
  g_assert_cmpstr (resfri_allocation_get_occurrence (allocation, d, 0)->uid, ==, "a");
  g_assert_cmpstr (resfri_allocation_get_occurrence (allocation, d, 1)->uid, ==, "b");
  d = find_demand (allocation, "anna@example.se", "headset", 1);
  g_assert_cmpint (d->start, ==, at ("1100"));
  g_assert_cmpuint (d->n_members, ==, 1);
  /* One headset serves both: they touch. */
  g_assert_cmpuint (allocation->served, ==, 4);
}

static void
test_buffer (Fixture       *fixture,
             gconstpointer  user_data)
{
  g_autoptr(ResfriAllocation) allocation = NULL;
  g_autoptr(GError) error = NULL;
  const ResfriDemand *d;

  g_assert_true (resfri_policy_set (fixture->store, "loan_buffer_min", "15", &error));
  g_assert_no_error (error);
  /* With 15 minutes each side, 09-10 and 10:15-11 for two people overlap
   * (09:45-... ), so the single headset serves only one. */
  add_meeting (fixture, "a", "0900", "1000", NULL, TRUE, "anna@example.se", NULL);
  add_meeting (fixture, "b", "1015", "1100", NULL, TRUE, "bo@example.se", "anna@example.se", NULL);
  allocation = allocate (fixture, RESFRI_SCENARIO_PLANNED);
  assert_feasible (fixture, allocation);

  d = find_demand (allocation, "anna@example.se", "headset", 0);
  g_assert_cmpint (d->start, ==, at ("0845"));
  g_assert_cmpint (d->end, ==, at ("1115"));
  /* Anna's two meetings overlap once buffered: merged. */
  g_assert_cmpuint (d->n_members, ==, 2);
  g_assert_cmpuint (allocation->buffer, ==, 15 * 60);
}

static void
test_hybrid (Fixture       *fixture,
             gconstpointer  user_data)
{
  g_autoptr(ResfriAllocation) allocation = NULL;
  const ResfriDemand *d;

  /* In Lilla salen (KOM, no video): Anna is local, Dan remote; a vc-kit
   * is needed at KOM. In Videorummet: no vc-kit. */
  add_meeting (fixture, "h1", "0900", "1000", "Lilla salen", TRUE,
               "anna@example.se", "dan@example.se", NULL);
  add_meeting (fixture, "h2", "1300", "1400", "Videorummet", TRUE,
               "anna@example.se", "dan@example.se", NULL);
  allocation = allocate (fixture, RESFRI_SCENARIO_PLANNED);
  assert_feasible (fixture, allocation);

  g_assert_cmpuint (count_demands (allocation, "anna@example.se", "headset"), ==, 0);
  g_assert_cmpuint (count_demands (allocation, "dan@example.se", "headset"), ==, 2);
  g_assert_cmpuint (count_demands (allocation, NULL, "vc-kit"), ==, 1);
  d = find_demand (allocation, NULL, "vc-kit", 0);
  g_assert_cmpstr (d->site, ==, "KOM");
  g_assert_cmpstr (d->item, ==, "V1");
  g_assert_cmpint (d->start, ==, at ("0900"));
  g_assert_cmpstr (resfri_allocation_get_occurrence (allocation, d, 0)->uid, ==, "h1");
}

static void
test_existing_bookings (Fixture       *fixture,
                        gconstpointer  user_data)
{
  g_autoptr(ResfriAllocation) allocation = NULL;
  g_autoptr(ResfriAllocation) after = NULL;
  g_autoptr(GError) error = NULL;
  guint n_booked = 0;

  add_meeting (fixture, "m1", "0900", "1000", NULL, TRUE, "anna@example.se", "dan@example.se", NULL);
  /* H1 (KOM's only working headset) is booked 09:30-10:30 for something
   * else: Anna's headset demand cannot be met. */
  g_assert_true (_resfri_store_exec (fixture->store,
                                     "INSERT INTO bookings (uid, recurrence_id, equipment_id, start, end, created_at)"
                                     " VALUES ('other', '', 1, 1772443800, 1772447400, 0)", &error));
  g_assert_no_error (error);
  g_assert_cmpint (1772443800, ==, at ("0930"));

  allocation = allocate (fixture, RESFRI_SCENARIO_PLANNED);
  assert_feasible (fixture, allocation);
  g_assert_null (find_demand (allocation, "anna@example.se", "headset", 0)->item);
  g_assert_cmpstr (find_demand (allocation, "anna@example.se", "camera", 0)->item, ==, "C1");
  g_assert_cmpstr (find_demand (allocation, "dan@example.se", "headset", 0)->item, ==, "H3");

  /* --book stores the two assignments in one go; a second allocation
   * finds them booked and stores nothing more. */
  g_assert_true (resfri_allocation_book (fixture->store, allocation, &n_booked, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_booked, ==, 2);
  g_assert_cmpint (_resfri_store_query_int (fixture->store,
                                            "SELECT count(*) FROM bookings WHERE uid = 'm1'"
                                            " AND person_id IS NOT NULL", NULL), ==, 2);

  after = allocate (fixture, RESFRI_SCENARIO_PLANNED);
  assert_feasible (fixture, after);
  g_assert_cmpuint (after->served, ==, allocation->served);
  g_assert_true (find_demand (after, "dan@example.se", "headset", 0)->booked);
  g_assert_cmpstr (find_demand (after, "dan@example.se", "headset", 0)->item, ==, "H3");
  g_assert_true (resfri_allocation_book (fixture->store, after, &n_booked, &error));
  g_assert_cmpuint (n_booked, ==, 0);

  /* H3 breaks: its booking serves nobody, and SKO has no other headset. */
  g_clear_pointer (&after, resfri_allocation_free);
  g_assert_true (_resfri_store_exec (fixture->store,
                                     "UPDATE equipment SET state = 'broken' WHERE tag = 'H3'", &error));
  g_assert_no_error (error);
  after = allocate (fixture, RESFRI_SCENARIO_PLANNED);
  assert_feasible (fixture, after);
  g_assert_null (find_demand (after, "dan@example.se", "headset", 0)->item);
  g_assert_false (find_demand (after, "dan@example.se", "headset", 0)->booked);
  g_assert_true (find_demand (after, "anna@example.se", "camera", 0)->booked);
}

static void
test_policy_scenario (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autoptr(ResfriAllocation) planned = NULL;
  g_autoptr(ResfriAllocation) policy = NULL;
  g_autoptr(ResfriGaps) gaps = NULL;
  g_autoptr(GError) error = NULL;
  guint found = 0;

  /* In person at FAR, far from everyone: non-compliant. */
  add_meeting (fixture, "far", "0900", "1000", "Fjärrsalen", FALSE,
               "anna@example.se", "bo@example.se", "dan@example.se", NULL);
  add_meeting (fixture, "on", "0930", "1030", NULL, TRUE, "bo@example.se", "anna@example.se", NULL);

  planned = allocate (fixture, RESFRI_SCENARIO_PLANNED);
  policy = allocate (fixture, RESFRI_SCENARIO_POLICY);
  assert_feasible (fixture, planned);
  assert_feasible (fixture, policy);
  /* Planned: Anna h+c, Bo c. Policy: Anna's and Bo's merged with "far";
   * Dan h+c; no vc-kit for a meeting held online. */
  g_assert_cmpuint (planned->demands->len, ==, 3);
  g_assert_cmpuint (policy->demands->len, ==, 5);
  g_assert_cmpuint (find_demand (policy, "anna@example.se", "headset", 0)->n_members, ==, 2);
  g_assert_cmpint (find_demand (policy, "anna@example.se", "headset", 0)->start, ==, at ("0900"));
  g_assert_cmpint (find_demand (policy, "anna@example.se", "headset", 0)->end, ==, at ("1030"));
  g_assert_cmpuint (count_demands (policy, NULL, "vc-kit"), ==, 0);

  gaps = resfri_gaps_compute (fixture->store, NULL, at ("0000"), at ("2359"), NULL, &error);
  g_assert_no_error (error);

  /* KOM camera: planned peak 2 (Anna, Bo) with 1 in the pool → 1 to order.
   * SKO camera in the policy scenario: Dan, no pool → 1. */
  for (guint s = 0; s < 2; s++)
    {
      double total = 0;

      for (guint i = 0; i < gaps->scenarios[s].shortfall->len; i++)
        {
          const ResfriShortfall *row = g_ptr_array_index (gaps->scenarios[s].shortfall, i);

          g_assert_cmpuint (row->to_order, ==, row->peak_demand > row->pool ? row->peak_demand - row->pool : 0);
          g_assert_cmpfloat (row->cost, ==, row->to_order * row->unit_cost);
          total += row->cost;
          if (strcmp (row->site, "KOM") == 0 && strcmp (row->type, "camera") == 0)
            {
              g_assert_cmpuint (row->pool, ==, 1);
              g_assert_cmpuint (row->peak_demand, ==, 2);
              g_assert_cmpfloat (row->unit_cost, ==, 1100);
              found++;
            }
          if (s == 1 && strcmp (row->site, "SKO") == 0 && strcmp (row->type, "camera") == 0)
            {
              g_assert_cmpuint (row->pool, ==, 0);
              g_assert_cmpuint (row->to_order, ==, 1);
              found++;
            }
          /* FAR's camera pool is listed, with no demand. */
          if (strcmp (row->site, "FAR") == 0)
            g_assert_cmpuint (row->peak_demand, ==, 0);
        }
      g_assert_cmpfloat_with_epsilon (total, gaps->scenarios[s].total_cost, 1e-9);
    }
  g_assert_cmpuint (found, ==, 3);
  g_assert_cmpuint (gaps->n_demands[0], ==, planned->demands->len);
  g_assert_cmpuint (gaps->n_demands[1], ==, policy->demands->len);

  /* Payback: the travel of the non-compliant meeting: three round trips
   * to FAR. */
  g_assert_cmpfloat (gaps->payback_km, >, 3 * 2 * 100);
  g_assert_cmpfloat_with_epsilon (gaps->payback_co2_kg, gaps->payback_km * 0.12, 1e-6);
  g_assert_cmpfloat_with_epsilon (gaps->payback_cost_sek, gaps->payback_km * 2.5, 1e-6);

  /* People without: Anna (both, 2 remote), Dan (both, 1), Bo (camera, 2);
   * most first. */
  g_assert_cmpuint (gaps->people_without->len, ==, 5);
  {
    const ResfriPersonWithout *first = g_ptr_array_index (gaps->people_without, 0);
    const ResfriPersonWithout *last = g_ptr_array_index (gaps->people_without, 4);

    g_assert_cmpstr (first->person, ==, "anna@example.se");
    g_assert_cmpuint (first->remote_occurrences, ==, 2);
    g_assert_cmpstr (last->person, ==, "dan@example.se");
    g_assert_cmpuint (last->remote_occurrences, ==, 1);
    for (guint i = 1; i < gaps->people_without->len; i++)
      g_assert_cmpuint (((ResfriPersonWithout *) g_ptr_array_index (gaps->people_without, i - 1))->remote_occurrences,
                        >=,
                        ((ResfriPersonWithout *) g_ptr_array_index (gaps->people_without, i))->remote_occurrences);
  }

  /* Equip everyone: IT (Anna, Bo) needs 1 headset + 2 cameras; Skola
   * (Cilla, Dan) 1 + 1. */
  g_assert_cmpuint (gaps->equip_everyone->len, ==, 2);
  {
    const ResfriEquipUnit *it = g_ptr_array_index (gaps->equip_everyone, 0);
    const ResfriEquipUnit *skola = g_ptr_array_index (gaps->equip_everyone, 1);

    g_assert_cmpstr (it->unit, ==, "IT");
    g_assert_cmpuint (it->people, ==, 2);
    g_assert_cmpuint (it->headsets, ==, 1);
    g_assert_cmpuint (it->cameras, ==, 2);
    g_assert_cmpfloat (it->cost, ==, 900 + 2 * 1100);
    g_assert_cmpuint (skola->headsets, ==, 1);
    g_assert_cmpuint (skola->cameras, ==, 1);
  }
}

/* Random meetings on the fixture: every result is feasible, and each
 * pool's to_order is exactly what makes every demand servable: with
 * to_order more items (no bookings) the solver serves everything, with one
 * fewer it cannot. */
static void
test_random_store (Fixture       *fixture,
                   gconstpointer  user_data)
{
  static const char * const people[] = { "anna@example.se", "bo@example.se",
                                         "cilla@example.se", "dan@example.se" };
  static const char * const rooms[] = { NULL, "Lilla salen", "Videorummet", "Fjärrsalen" };
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  g_autoptr(ResfriAllocation) allocation = NULL;
  g_autoptr(GError) error = NULL;
  guint short_pools = 0;

  for (guint m = 0; m < 40; m++)
    {
      g_autofree char *uid = g_strdup_printf ("r%u", m);
      gint s = g_rand_int_range (rand, 6 * 4, 18 * 4);
      gint len = g_rand_int_range (rand, 1, 9);
      g_autofree char *start = g_strdup_printf ("%02d%02d", s / 4, (s % 4) * 15);
      g_autofree char *end = g_strdup_printf ("%02d%02d", (s + len) / 4, ((s + len) % 4) * 15);
      const char *a = people[g_rand_int_range (rand, 0, 4)];
      const char *b = people[g_rand_int_range (rand, 0, 4)];

      add_meeting (fixture, uid, start, end, rooms[g_rand_int_range (rand, 0, 4)],
                   g_rand_boolean (rand), a, b, NULL);
    }

  for (guint s = 0; s < 2; s++)
    {
      g_autoptr(ResfriGaps) gaps = NULL;

      g_clear_pointer (&allocation, resfri_allocation_free);
      allocation = allocate (fixture, s);
      assert_feasible (fixture, allocation);
      gaps = resfri_gaps_compute (fixture->store, NULL, at ("0000"), at ("2359"), NULL, &error);
      g_assert_no_error (error);

      for (guint i = 0; i < gaps->scenarios[s].shortfall->len; i++)
        {
          const ResfriShortfall *row = g_ptr_array_index (gaps->scenarios[s].shortfall, i);
          g_autoptr(GArray) intervals = g_array_new (FALSE, FALSE, sizeof (ResfriInterval));
          g_autofree int *assignment = NULL;
          guint served_in_pool = 0;

          for (guint d = 0; d < allocation->demands->len; d++)
            {
              const ResfriDemand *demand = &g_array_index (allocation->demands, ResfriDemand, d);
              ResfriInterval iv = { demand->start, demand->end };

              if (strcmp (demand->site, row->site) == 0 && strcmp (demand->type, row->type) == 0)
                {
                  g_array_append_val (intervals, iv);
                  served_in_pool += demand->item_id != 0;
                }
            }
          assignment = g_new (int, intervals->len + 1);
          g_assert_cmpuint (intervals->len == 0 ? 0 : resfri_allocation_peak ((ResfriInterval *) (gpointer) intervals->data, intervals->len),
                            ==, row->peak_demand);
          short_pools += row->to_order > 0;
          /* The pool serves everything iff nothing is to order. */
          g_assert_cmpint (served_in_pool == intervals->len, ==, row->to_order == 0);
          g_assert_cmpuint (resfri_allocation_solve_pool (row->pool + row->to_order, NULL, 0,
                                                          (ResfriInterval *) (gpointer) intervals->data,
                                                          intervals->len, assignment, NULL),
                            ==, intervals->len);
          if (row->pool + row->to_order > 0 && intervals->len > 0)
            g_assert_cmpuint (resfri_allocation_solve_pool (row->pool + row->to_order - 1, NULL, 0,
                                                            (ResfriInterval *) (gpointer) intervals->data,
                                                            intervals->len, assignment, NULL),
                              <, intervals->len);
        }
    }
  g_assert_cmpuint (short_pools, >, 2);

  /* Book the planned allocation, then the policy one around it: every
   * result stays feasible, and booking the same allocation again stores
   * nothing and serves as many. */
  {
    g_autoptr(ResfriAllocation) policy = NULL;
    g_autoptr(ResfriAllocation) again = NULL;
    guint n_booked = 0;

    g_clear_pointer (&allocation, resfri_allocation_free);
    allocation = allocate (fixture, RESFRI_SCENARIO_PLANNED);
    g_assert_true (resfri_allocation_book (fixture->store, allocation, &n_booked, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (n_booked, >, 0);

    policy = allocate (fixture, RESFRI_SCENARIO_POLICY);
    assert_feasible (fixture, policy);
    g_assert_true (resfri_allocation_book (fixture->store, policy, &n_booked, &error));
    g_assert_no_error (error);

    again = allocate (fixture, RESFRI_SCENARIO_POLICY);
    assert_feasible (fixture, again);
    g_assert_cmpuint (again->served, ==, policy->served);
    g_assert_true (resfri_allocation_book (fixture->store, again, &n_booked, &error));
    g_assert_cmpuint (n_booked, ==, 0);
  }
}

/* ---- Collecting in parts on threads ------------------------------------- */

/* Everything the allocation and the gaps hold, as text. */
static char *
describe_plan (const ResfriAllocation *allocation,
               const ResfriGaps       *gaps)
{
  GString *out = g_string_new (NULL);

  g_string_append_printf (out, "served %u proven %d\n", allocation->served, allocation->proven);
  for (guint d = 0; d < allocation->demands->len; d++)
    {
      const ResfriDemand *demand = &g_array_index (allocation->demands, ResfriDemand, d);

      g_string_append_printf (out, "demand %" G_GINT64_FORMAT " %s %s %s %" G_GINT64_FORMAT
                              "-%" G_GINT64_FORMAT " item %s booked %d:",
                              demand->person_id, demand->person ? demand->person : "-",
                              demand->type, demand->site, demand->start, demand->end,
                              demand->item ? demand->item : "-", demand->booked);
      for (guint i = 0; i < demand->n_members; i++)
        {
          const ResfriDemandOccurrence *o = resfri_allocation_get_occurrence (allocation, demand, i);

          g_string_append_printf (out, " %s/%s", o->uid, o->recurrence_id);
        }
      g_string_append_c (out, '\n');
    }
  for (guint s = 0; s < 2; s++)
    {
      const ResfriGapsScenario *scenario = &gaps->scenarios[s];

      g_string_append_printf (out, "scenario %u: %u demands, cost %.17g after transfers %.17g\n",
                              s, gaps->n_demands[s], scenario->total_cost,
                              scenario->total_cost_after_transfers);
      for (guint i = 0; i < scenario->shortfall->len; i++)
        {
          const ResfriShortfall *row = g_ptr_array_index (scenario->shortfall, i);

          g_string_append_printf (out, "  %s %s pool %u peak %u at %" G_GINT64_FORMAT " order %u buy %u\n",
                                  row->site, row->type, row->pool, row->peak_demand,
                                  row->peak_start, row->to_order, row->to_buy);
        }
      for (guint i = 0; i < scenario->by_unit->len; i++)
        {
          const ResfriUnitShare *share = g_ptr_array_index (scenario->by_unit, i);

          g_string_append_printf (out, "  unit %s %s %s %u %" G_GINT64_FORMAT "\n", share->unit,
                                  share->site, share->type, share->demands, share->cost_ore);
        }
    }
  for (guint i = 0; i < gaps->people_without->len; i++)
    {
      const ResfriPersonWithout *p = g_ptr_array_index (gaps->people_without, i);

      g_string_append_printf (out, "without %s %s %u\n", p->person, p->type, p->remote_occurrences);
    }
  g_string_append_printf (out, "payback %.17g %.17g %.17g\n", gaps->payback_km,
                          gaps->payback_cost_sek, gaps->payback_co2_kg);

  return g_string_free (out, FALSE);
}

/* 120 random meetings around [@from, @from + 61 days) (meetings
 * crossing its bounds, a weekly series, in-person meetings far away for
 * the payback), imported into @fixture's store. */
static void
import_random_meetings (Fixture *fixture,
                        gint64   from)
{
  static const char * const people[] = { "anna@example.se", "bo@example.se",
                                         "cilla@example.se", "dan@example.se" };
  static const char * const rooms[] = { NULL, "Lilla salen", "Videorummet", "Fjärrsalen" };
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  g_autoptr(GString) ics = g_string_new ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n");
  g_autoptr(GError) error = NULL;

  for (guint m = 0; m < 120; m++)
    {
      gint64 start = from - 2 * 86400 + g_rand_int_range (rand, 0, 64 * 96) * (gint64) 900;
      gint64 length = (m % 10 == 0 ? g_rand_int_range (rand, 1, 4 * 96) : g_rand_int_range (rand, 1, 9)) * (gint64) 900;
      g_autoptr(GDateTime) s = g_date_time_new_from_unix_utc (start);
      g_autoptr(GDateTime) e = g_date_time_new_from_unix_utc (start + length);
      g_autofree char *s_text = g_date_time_format (s, "%Y%m%dT%H%M%SZ");
      g_autofree char *e_text = g_date_time_format (e, "%Y%m%dT%H%M%SZ");
      const char *room = rooms[g_rand_int_range (rand, 0, 4)];

      g_string_append_printf (ics, "BEGIN:VEVENT\r\nUID:p%u\r\nDTSTAMP:20260101T000000Z\r\n"
                              "DTSTART:%s\r\nDTEND:%s\r\nSUMMARY:Test\r\n", m, s_text, e_text);
      if (m % 17 == 0)
        g_string_append (ics, "RRULE:FREQ=WEEKLY;COUNT=12\r\n");
      if (room != NULL)
        g_string_append_printf (ics, "LOCATION:%s\r\n", room);
      if (g_rand_boolean (rand))
        g_string_append (ics, "CONFERENCE;VALUE=URI;FEATURE=VIDEO:" LINK "\r\n");
      g_string_append_printf (ics, "ORGANIZER:mailto:%s\r\n", people[g_rand_int_range (rand, 0, 4)]);
      for (guint a = 0; a < 4; a++)
        if (g_rand_boolean (rand))
          g_string_append_printf (ics, "ATTENDEE;PARTSTAT=ACCEPTED:mailto:%s\r\n", people[a]);
      g_string_append (ics, "END:VEVENT\r\n");
    }
  g_string_append (ics, "END:VCALENDAR\r\n");
  g_assert_true (resfri_store_import_ical (fixture->store, ics->str, ics->len, "parts.ics", NULL, &error));
  g_assert_no_error (error);
}

/* A two-month horizon collected in one pass, in 2, 3 and 4 parts on
 * threads, and in one pass collected in two parts at once (meetings
 * crossing the parts' bounds, a weekly series, in-person meetings far
 * away for the payback): the same allocation and gaps, in the same
 * order. */
static void
test_parts (Fixture       *fixture,
            gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *serial = NULL;
  gint64 from = 1772323200;          /* 2026-03-01 */
  gint64 to = from + 61 * 86400;

  import_random_meetings (fixture, from);

  for (guint n_parts = 1; n_parts <= 4; n_parts++)
    {
      g_autoptr(ResfriAllocation) allocation = NULL;
      g_autoptr(ResfriGaps) gaps = NULL;
      g_autofree char *text = NULL;

      _resfri_collector_set_parts (n_parts);
      g_assert_true (resfri_allocation_plan (fixture->store, NULL, from, to, RESFRI_SCENARIO_POLICY,
                                             &allocation, &gaps, NULL, &error));
      g_assert_no_error (error);
      text = describe_plan (allocation, gaps);
      if (n_parts == 1)
        {
          /* Enough to mean something: people, vc-kits, payback. */
          g_assert_cmpuint (allocation->demands->len, >, 200);
          g_assert_nonnull (strstr (text, "vc-kit"));
          g_assert_cmpfloat (gaps->payback_km, >, 0);
          serial = g_steal_pointer (&text);
        }
      else
        g_assert_cmpstr (text, ==, serial);
    }

  /* One pass whose occurrences are collected in two parts at once (the
   * check's, at their middle): the same again. */
  {
    g_autoptr(ResfriAllocation) allocation = NULL;
    g_autoptr(ResfriGaps) gaps = NULL;
    g_autofree char *text = NULL;

    _resfri_collector_set_parts (1);
    _resfri_policy_reader_set_split_rows (2);
    g_assert_true (resfri_allocation_plan (fixture->store, NULL, from, to, RESFRI_SCENARIO_POLICY,
                                           &allocation, &gaps, NULL, &error));
    _resfri_policy_reader_set_split_rows (0);
    g_assert_no_error (error);
    text = describe_plan (allocation, gaps);
    g_assert_cmpstr (text, ==, serial);
  }

  /* A cancelled collection in parts is an error, whichever part sees it. */
  {
    g_autoptr(GCancellable) cancellable = g_cancellable_new ();
    g_autoptr(ResfriGaps) gaps = NULL;

    g_cancellable_cancel (cancellable);
    gaps = resfri_gaps_compute (fixture->store, NULL, from, to, cancellable, &error);
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_assert_null (gaps);
    g_clear_error (&error);
  }
  _resfri_collector_set_parts (0);
}

/* The plans of two horizons (two months of random meetings, and one
 * without demands) with @set at each of @splits: the same as at the
 * first, in the same order. */
static void
check_splits (Fixture     *fixture,
              void       (*set) (guint permille),
              const guint *splits,
              guint        n_splits)
{
  static const gint64 horizons[][2] = {
    { 1772323200, 1772323200 + 61 * 86400 },   /* 2026-03-01, two months */
    { 1893456000, 1893456000 + 86400 },        /* 2030-01-01: nothing */
  };
  g_autoptr(GError) error = NULL;

#ifdef __GLIBC__
  /* Fresh memory filled with garbage: a demand or row a thread failed
   * to write does not pass for the one the previous plan left there. */
  mallopt (M_PERTURB, 0xa5);
#endif
  import_random_meetings (fixture, horizons[0][0]);

  for (guint h = 0; h < G_N_ELEMENTS (horizons); h++)
    {
      g_autofree char *serial = NULL;

      for (guint i = 0; i < n_splits; i++)
        {
          g_autoptr(ResfriAllocation) allocation = NULL;
          g_autoptr(ResfriGaps) gaps = NULL;
          g_autofree char *text = NULL;

          set (splits[i]);
          g_assert_true (resfri_allocation_plan (fixture->store, NULL, horizons[h][0],
                                                 horizons[h][1], RESFRI_SCENARIO_POLICY,
                                                 &allocation, &gaps, NULL, &error));
          g_assert_no_error (error);
          text = describe_plan (allocation, gaps);
          if (i == 0)
            {
              if (h == 0)
                {
                  /* Several pools with demands, and something to buy. */
                  g_assert_cmpuint (gaps->n_demands[RESFRI_SCENARIO_POLICY], >, 200);
                  g_assert_cmpuint (gaps->scenarios[RESFRI_SCENARIO_POLICY].shortfall->len, >, 2);
                  g_assert_cmpuint (gaps->scenarios[RESFRI_SCENARIO_POLICY].by_unit->len, >, 0);
                }
              else
                g_assert_cmpuint (gaps->n_demands[RESFRI_SCENARIO_POLICY], ==, 0);
              serial = g_steal_pointer (&text);
            }
          else
            g_assert_cmpstr (text, ==, serial);
        }
    }
  set (G_MAXUINT);
#ifdef __GLIBC__
  mallopt (M_PERTURB, 0);
#endif
}

/* The policy scenario's pools filled on two threads, split after the
 * first pool and in the middle, or all on one of them (0, 999 and 1000
 * split before the first pool or after the last): the same gaps, in the
 * same order, as on one thread. */
static void
test_gaps_split (Fixture       *fixture,
                 gconstpointer  user_data)
{
  static const guint splits[] = { 1000, 0, 1, 500, 999 };

  check_splits (fixture, _resfri_gaps_set_split, splits, G_N_ELEMENTS (splits));
}

/* The raw demands placed by two threads, split after the first key and
 * in the middle, all on the second thread (0), or all on the first (999,
 * 1000 and the default on so few): the same allocation and gaps as one
 * thread places. */
static void
test_sort_split (Fixture       *fixture,
                 gconstpointer  user_data)
{
  static const guint splits[] = { 1000, 0, 1, 500, 999, G_MAXUINT };

  check_splits (fixture, _resfri_collector_set_sort_split, splits, G_N_ELEMENTS (splits));
}

/* ---- main --------------------------------------------------------------- */

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/allocation/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("online", test_online);
  ADD ("merging", test_merging);
  ADD ("buffer", test_buffer);
  ADD ("hybrid", test_hybrid);
  ADD ("existing-bookings", test_existing_bookings);
  ADD ("policy-scenario", test_policy_scenario);
  ADD ("random-store", test_random_store);
  ADD ("parts", test_parts);
  ADD ("gaps-split", test_gaps_split);
  ADD ("sort-split", test_sort_split);
#undef ADD

  return g_test_run ();
}

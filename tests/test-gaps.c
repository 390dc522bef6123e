/* test-gaps.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * resfri_gaps_compute_async() and _finish() on the store fixture of
 * allocation-fixture.h: the same gaps as resfri_gaps_compute(), with the
 * policy it was given (a copy: the caller's may be gone when the worker
 * runs), and a cancelled computation fails with G_IO_ERROR_CANCELLED. The
 * figures themselves are test-allocation.c's /allocation/policy-scenario.
 * /gaps/kits-order: the people's own kits, in the order the gaps list
 * them.
 */

#include "config.h"

#include <string.h>

#include "resfri-gaps.h"
#include "resfri-registers-private.h"
#include "resfri-store-private.h"

#include "allocation-fixture.h"
#include "resfri-test-util.h"

/* A non-compliant meeting in person at FAR and an online one. */
static void
add_meetings (Fixture *fixture)
{
  add_meeting (fixture, "far", "0900", "1000", "Fjärrsalen", FALSE,
               "anna@example.se", "bo@example.se", "dan@example.se", NULL);
  add_meeting (fixture, "on", "0930", "1030", NULL, TRUE, "bo@example.se", "anna@example.se", NULL);
}

/* Runs the main context until @result is set, then waits for the worker
 * thread to drop its task (and with it the store, which the fixture's
 * tear-down finalizes); the gaps, or NULL with @error set. */
static ResfriGaps *
finish (Fixture        *fixture,
        GAsyncResult  **result,
        GError        **error)
{
  ResfriGaps *gaps;

  resfri_test_wait (result);
  gaps = resfri_gaps_compute_finish (fixture->store, *result, error);
  g_clear_object (result);
  while (g_atomic_int_get (&G_OBJECT (fixture->store)->ref_count) > 1)
    g_usleep (1000);

  return gaps;
}

static ResfriGaps *
compute_async (Fixture             *fixture,
               const ResfriPolicy  *policy,
               GCancellable        *cancellable,
               GError             **error)
{
  GAsyncResult *result = NULL;

  resfri_gaps_compute_async (fixture->store, policy, at ("0000"), at ("2359"), cancellable,
                             resfri_test_ready, &result);

  return finish (fixture, &result, error);
}

static void
assert_same_gaps (const ResfriGaps *a,
                  const ResfriGaps *b)
{
  g_assert_cmpint (a->from, ==, b->from);
  g_assert_cmpint (a->to, ==, b->to);
  for (guint s = 0; s < G_N_ELEMENTS (a->scenarios); s++)
    {
      g_assert_cmpuint (a->n_demands[s], ==, b->n_demands[s]);
      g_assert_cmpfloat (a->scenarios[s].total_cost, ==, b->scenarios[s].total_cost);
      g_assert_cmpuint (a->scenarios[s].shortfall->len, ==, b->scenarios[s].shortfall->len);
      for (guint i = 0; i < a->scenarios[s].shortfall->len; i++)
        {
          const ResfriShortfall *x = g_ptr_array_index (a->scenarios[s].shortfall, i);
          const ResfriShortfall *y = g_ptr_array_index (b->scenarios[s].shortfall, i);

          g_assert_cmpstr (x->site, ==, y->site);
          g_assert_cmpstr (x->type, ==, y->type);
          g_assert_cmpuint (x->pool, ==, y->pool);
          g_assert_cmpuint (x->peak_demand, ==, y->peak_demand);
          g_assert_cmpuint (x->to_order, ==, y->to_order);
          g_assert_cmpfloat (x->cost, ==, y->cost);
        }
    }

  g_assert_cmpuint (a->people_without->len, ==, b->people_without->len);
  for (guint i = 0; i < a->people_without->len; i++)
    {
      const ResfriPersonWithout *x = g_ptr_array_index (a->people_without, i);
      const ResfriPersonWithout *y = g_ptr_array_index (b->people_without, i);

      g_assert_cmpstr (x->person, ==, y->person);
      g_assert_cmpstr (x->type, ==, y->type);
      g_assert_cmpuint (x->remote_occurrences, ==, y->remote_occurrences);
    }

  g_assert_cmpuint (a->equip_everyone->len, ==, b->equip_everyone->len);
  for (guint i = 0; i < a->equip_everyone->len; i++)
    {
      const ResfriEquipUnit *x = g_ptr_array_index (a->equip_everyone, i);
      const ResfriEquipUnit *y = g_ptr_array_index (b->equip_everyone, i);

      g_assert_cmpstr (x->unit, ==, y->unit);
      g_assert_cmpfloat (x->cost, ==, y->cost);
    }

  g_assert_cmpfloat (a->payback_km, ==, b->payback_km);
  g_assert_cmpfloat (a->payback_cost_sek, ==, b->payback_cost_sek);
  g_assert_cmpfloat (a->payback_co2_kg, ==, b->payback_co2_kg);
}

static void
test_async (Fixture       *fixture,
            gconstpointer  user_data)
{
  g_autoptr(ResfriGaps) sync = NULL;
  g_autoptr(ResfriGaps) async = NULL;
  g_autoptr(GError) error = NULL;

  add_meetings (fixture);

  sync = resfri_gaps_compute (fixture->store, NULL, at ("0000"), at ("2359"), NULL, &error);
  g_assert_no_error (error);
  async = compute_async (fixture, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (async);

  g_assert_cmpuint (async->n_demands[RESFRI_SCENARIO_POLICY], >, 0);
  g_assert_cmpfloat (async->payback_km, >, 0);
  assert_same_gaps (sync, async);
}

static void
test_async_policy (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(ResfriPolicy) policy = resfri_policy_new_default ();
  g_autoptr(ResfriGaps) sync = NULL;
  g_autoptr(ResfriGaps) async = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *result = NULL;
  ResfriPolicy *passed;

  add_meetings (fixture);
  policy->cost_per_km = 10;

  sync = resfri_gaps_compute (fixture->store, policy, at ("0000"), at ("2359"), NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (sync->payback_cost_sek, sync->payback_km * 10, 1e-6);

  /* The caller's policy may be gone before the worker reads it. */
  passed = resfri_policy_copy (policy);
  resfri_gaps_compute_async (fixture->store, passed, at ("0000"), at ("2359"), NULL,
                             resfri_test_ready, &result);
  resfri_policy_free (passed);
  async = finish (fixture, &result, &error);
  g_assert_no_error (error);

  assert_same_gaps (sync, async);
}

static void
test_async_cancelled (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(ResfriGaps) gaps = NULL;
  g_autoptr(GError) error = NULL;

  add_meetings (fixture);
  g_cancellable_cancel (cancellable);

  gaps = compute_async (fixture, NULL, cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (gaps);
}

static void
add_kit_row (const ResfriRegistersKitRow *row,
             gpointer                     user_data)
{
  g_string_append_printf (user_data, "%s %s %s %s %s%s|", row->unit, row->unit_name,
                          row->site, row->email, row->has_headset ? "H" : "-",
                          row->has_camera ? "C" : "-");
}

/* The people with their own kit, by unit path in bytes (upper case first)
 * then email with ASCII case folded, whatever order the ids have; only
 * equipment in state ok counts. */
static void
test_kits_order (Fixture       *fixture,
                 gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) seen = g_string_new (NULL);

  g_assert_true (_resfri_store_exec (fixture->store,
    "INSERT INTO units (id, name, path) VALUES (3, 'Bygg', 'bygg'), (4, 'Arkiv', 'Aaa');"
    "INSERT INTO people (id, email, name, unit_id, site_id) VALUES"
    "  (5, 'Zed@example.se', 'Zed', 1, 1), (6, 'eve@example.se', 'Eve', 1, 2),"
    "  (7, 'Ann@example.se', 'Ann', 4, 3), (8, 'x@example.se', 'X', 3, 1),"
    "  (9, 'Bea@example.se', 'Bea', 1, 1);"
    "INSERT INTO equipment (id, tag, type_id, site_id, owner_id, state) VALUES"
    "  (11, 'ANN-H', 1, 3, 7, 'ok'), (12, 'ANN-C', 2, 3, 7, 'retired'),"
    "  (13, 'ZED-C', 2, 1, 5, 'ok'), (14, 'ZED-C2', 2, 1, 5, 'ok'),"
    "  (15, 'EVE-V', 3, 2, 6, 'ok');",
    &error));
  g_assert_no_error (error);

  g_assert_true (_resfri_registers_read_kits (fixture->store, add_kit_row, seen, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (seen->str, ==,
                   "Aaa Arkiv FAR Ann@example.se H-|"
                   "IT IT KOM anna@example.se --|"
                   "IT IT KOM Bea@example.se --|"
                   "IT IT KOM bo@example.se H-|"
                   "IT IT SKO eve@example.se --|"
                   "IT IT KOM Zed@example.se -C|"
                   "Skola Skola SKO cilla@example.se HC|"
                   "Skola Skola SKO dan@example.se --|"
                   "bygg Bygg KOM x@example.se --|");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/gaps/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("async", test_async);
  ADD ("async-policy", test_async_policy);
  ADD ("async-cancelled", test_async_cancelled);
  ADD ("kits-order", test_kits_order);
#undef ADD

  return g_test_run ();
}

/* test-pool-solver.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The pool solver (resfri-pool-solver.c) against hand-made cases, a brute
 * force on small random pools and a large pool: every schedule feasible,
 * maximal, and the same for the same input.
 */

#include "config.h"

#include "resfri-pool-solver.h"

static gboolean
overlaps (gint64 a_start,
          gint64 a_end,
          gint64 b_start,
          gint64 b_end)
{
  return a_start < b_end && b_start < a_end;
}

/* Whether @assignment is a valid schedule; its number of served demands in
 * @served. */
static gboolean
schedule_is_feasible (guint                  n_items,
                      const ResfriItemBlock *blocks,
                      guint                  n_blocks,
                      const ResfriInterval  *demands,
                      guint                  n_demands,
                      const int             *assignment,
                      guint                 *served)
{
  *served = 0;
  for (guint i = 0; i < n_demands; i++)
    {
      if (assignment[i] < 0)
        continue;
      if (assignment[i] >= (int) n_items)
        return FALSE;
      (*served)++;
      for (guint j = i + 1; j < n_demands; j++)
        if (assignment[j] == assignment[i] &&
            overlaps (demands[i].start, demands[i].end, demands[j].start, demands[j].end))
          return FALSE;
      for (guint b = 0; b < n_blocks; b++)
        if ((int) blocks[b].item == assignment[i] &&
            overlaps (demands[i].start, demands[i].end, blocks[b].start, blocks[b].end))
          return FALSE;
    }

  return TRUE;
}

/* The exact optimum by trying every assignment (item or none per demand). */
static guint
brute_force (guint                  n_items,
             const ResfriItemBlock *blocks,
             guint                  n_blocks,
             const ResfriInterval  *demands,
             guint                  n_demands)
{
  int assignment[16];
  guint best = 0;
  guint64 total = 1;

  g_assert_cmpuint (n_demands, <=, G_N_ELEMENTS (assignment));
  for (guint i = 0; i < n_demands; i++)
    total *= n_items + 1;

  for (guint64 code = 0; code < total; code++)
    {
      guint64 c = code;
      guint served;

      for (guint i = 0; i < n_demands; i++)
        {
          assignment[i] = (int) (c % (n_items + 1)) - 1;
          c /= n_items + 1;
        }
      if (schedule_is_feasible (n_items, blocks, n_blocks, demands, n_demands, assignment, &served))
        best = MAX (best, served);
    }

  return best;
}

static void
assert_solution (guint                  n_items,
                 const ResfriItemBlock *blocks,
                 guint                  n_blocks,
                 const ResfriInterval  *demands,
                 guint                  n_demands,
                 guint                  expected)
{
  g_autofree int *assignment = g_new (int, n_demands);
  g_autofree int *again = g_new (int, n_demands);
  gboolean proven = FALSE;
  guint served;
  guint checked;

  served = resfri_allocation_solve_pool (n_items, blocks, n_blocks, demands, n_demands,
                                         assignment, &proven);
  g_assert_true (proven);
  g_assert_true (schedule_is_feasible (n_items, blocks, n_blocks, demands, n_demands,
                                       assignment, &checked));
  g_assert_cmpuint (checked, ==, served);
  g_assert_cmpuint (served, ==, expected);

  /* Same input, same output. */
  resfri_allocation_solve_pool (n_items, blocks, n_blocks, demands, n_demands, again, NULL);
  g_assert_cmpmem (assignment, n_demands * sizeof (int), again, n_demands * sizeof (int));
}

static void
test_pool_touching (void)
{
  /* [8, 9) [9, 10) [10, 11) touch: one item serves all three. */
  const ResfriInterval demands[] = { { 9, 10 }, { 8, 9 }, { 10, 11 } };
  const ResfriInterval overlapping[] = { { 8, 10 }, { 9, 11 }, { 10, 12 } };

  assert_solution (1, NULL, 0, demands, 3, 3);
  g_assert_cmpuint (resfri_allocation_peak (demands, 3), ==, 1);
  /* [8, 10) and [10, 12) share an item; [9, 11) needs another. */
  assert_solution (1, NULL, 0, overlapping, 3, 2);
  assert_solution (2, NULL, 0, overlapping, 3, 3);
  g_assert_cmpuint (resfri_allocation_peak (overlapping, 3), ==, 2);
  assert_solution (0, NULL, 0, overlapping, 3, 0);

  /* No intervals (the sanitizer build caught qsort on NULL here). */
  g_assert_cmpuint (resfri_allocation_peak (NULL, 0), ==, 0);
}

static void
test_pool_greedy_choice (void)
{
  /* A long demand must not crowd out two short ones: with one item the
   * best is the two short ones. */
  const ResfriInterval demands[] = { { 0, 10 }, { 0, 4 }, { 5, 9 } };
  int assignment[3];

  g_assert_cmpuint (resfri_allocation_solve_pool (1, NULL, 0, demands, 3, assignment, NULL), ==, 2);
  g_assert_cmpint (assignment[0], ==, -1);
  g_assert_cmpint (assignment[1], ==, 0);
  g_assert_cmpint (assignment[2], ==, 0);
}

static void
test_pool_blocks (void)
{
  /* Item 0 is booked 9-10, item 1 is free: the 9-10 demand goes to 1. */
  const ResfriItemBlock blocks[] = { { 0, 9, 10 } };
  const ResfriInterval demands[] = { { 9, 10 }, { 10, 11 } };
  int assignment[2];

  g_assert_cmpuint (resfri_allocation_solve_pool (2, blocks, 1, demands, 2, assignment, NULL), ==, 2);
  g_assert_cmpint (assignment[0], ==, 1);
  assert_solution (1, blocks, 1, demands, 2, 1);

  /* The greedy's best fit is wrong here; the search must repair it: item 0
   * is booked [5, 6), item 1 [3, 4). Demands [0, 2), [2, 5): [0, 2) goes by
   * best fit to either; [2, 5) fits only item 0 (1 is booked 3-4)... */
  {
    const ResfriItemBlock b2[] = { { 0, 6, 7 }, { 1, 2, 3 } };
    const ResfriInterval d2[] = { { 0, 2 }, { 3, 7 }, { 1, 3 } };

    assert_solution (2, b2, 2, d2, 3, brute_force (2, b2, 2, d2, 3));
  }
}

static void
test_pool_random (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20260302);
  guint with_search = 0;

  for (guint round = 0; round < 600; round++)
    {
      guint n_items = g_rand_int_range (rand, 1, 4);
      guint n_demands = g_rand_int_range (rand, 0, round < 300 ? 8 : 7);
      ResfriInterval demands[8];
      ResfriItemBlock blocks[8];
      guint n_blocks = 0;

      for (guint i = 0; i < n_demands; i++)
        {
          demands[i].start = g_rand_int_range (rand, 0, 16);
          demands[i].end = demands[i].start + g_rand_int_range (rand, 1, 7);
        }
      /* Half the instances with bookings: disjoint per item. */
      if (round % 2 == 1)
        for (guint item = 0; item < n_items; item++)
          {
            gint64 t = g_rand_int_range (rand, 0, 8);

            while (n_blocks < G_N_ELEMENTS (blocks) && g_rand_boolean (rand))
              {
                gint64 len = g_rand_int_range (rand, 1, 5);

                blocks[n_blocks++] = (ResfriItemBlock) { item, t, t + len };
                t += len + g_rand_int_range (rand, 0, 6);
              }
          }
      if (n_blocks > 0)
        with_search++;

      assert_solution (n_items, blocks, n_blocks, demands, n_demands,
                       brute_force (n_items, blocks, n_blocks, demands, n_demands));

      /* Without bookings every demand is servable iff the peak ≤ k. */
      if (n_blocks == 0)
        {
          int assignment[8];
          guint served = resfri_allocation_solve_pool (n_items, NULL, 0, demands, n_demands,
                                                       assignment, NULL);

          g_assert_cmpint (served == n_demands, ==,
                           resfri_allocation_peak (demands, n_demands) <= n_items);
        }
    }
  g_assert_cmpuint (with_search, >, 100);
}

static int
by_start (gconstpointer a,
          gconstpointer b,
          gpointer      user_data)
{
  const ResfriInterval *d = user_data;
  gint64 x = d[*(const guint *) a].start;
  gint64 y = d[*(const guint *) b].start;

  return (x > y) - (x < y);
}

static void
test_pool_large (void)
{
  /* Many demands, no bookings: served equals the k-colourable bound the
   * peak gives when k ≥ peak, and stays feasible otherwise. */
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  guint n = 20000;
  g_autofree ResfriInterval *demands = g_new (ResfriInterval, n);
  g_autofree int *assignment = g_new (int, n);
  guint peak;
  guint served;

  for (guint i = 0; i < n; i++)
    {
      demands[i].start = g_rand_int_range (rand, 0, 1000000);
      demands[i].end = demands[i].start + g_rand_int_range (rand, 60, 7200);
    }
  peak = resfri_allocation_peak (demands, n);
  served = resfri_allocation_solve_pool (peak, NULL, 0, demands, n, assignment, NULL);
  g_assert_cmpuint (served, ==, n);
  served = resfri_allocation_solve_pool (peak / 2, NULL, 0, demands, n, assignment, NULL);
  g_assert_cmpuint (served, <, n);
  /* Feasibility: by start, each item's next demand starts after its
   * previous one ended. */
  {
    g_autofree gint64 *last_end = g_new (gint64, peak);
    g_autofree guint *order = g_new (guint, n);

    for (guint i = 0; i < n; i++)
      order[i] = i;
    for (guint i = 0; i < peak; i++)
      last_end[i] = G_MININT64;
    g_qsort_with_data (order, n, sizeof (guint), by_start, demands);
    for (guint o = 0; o < n; o++)
      {
        int item = assignment[order[o]];

        if (item < 0)
          continue;
        g_assert_cmpint (item, <, (int) peak / 2);
        g_assert_cmpint (last_end[item], <=, demands[order[o]].start);
        last_end[item] = demands[order[o]].end;
      }
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/pool-solver/touching", test_pool_touching);
  g_test_add_func ("/pool-solver/greedy-choice", test_pool_greedy_choice);
  g_test_add_func ("/pool-solver/blocks", test_pool_blocks);
  g_test_add_func ("/pool-solver/random", test_pool_random);
  g_test_add_func ("/pool-solver/large", test_pool_large);

  return g_test_run ();
}

/* test-sort-pairs.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The radix sort that orders the demands and instants of the allocation,
 * the gaps and the planning (_resfri_sort_pairs ()), against a stable
 * comparison sort; and the pools' peaks (_resfri_allocation_peak_at ())
 * by it and by its fallback for instants too far apart, against counting
 * the intervals at each instant.
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "resfri-allocation-private.h"

static int
pair_compare (gconstpointer a,
              gconstpointer b)
{
  const SortPair *x = a;
  const SortPair *y = b;

  if (x->key != y->key)
    return x->key < y->key ? -1 : 1;
  /* Stable: the values are the pairs' first places. */
  return (x->value > y->value) - (x->value < y->value);
}

static void
check_sort (GRand   *rand,
            guint    n,
            guint64  range)
{
  g_autofree SortPair *pairs = g_new (SortPair, n + 1);
  g_autofree SortPair *tmp = g_new (SortPair, n + 1);
  g_autofree SortPair *expected = g_new (SortPair, n + 1);
  const SortPair *sorted;

  for (guint i = 0; i < n; i++)
    {
      guint64 key = ((guint64) g_rand_int (rand) << 32) | g_rand_int (rand);

      pairs[i].key = range == 0 ? key : key % range;
      pairs[i].value = i;
    }
  memcpy (expected, pairs, n * sizeof *pairs);
  qsort (expected, n, sizeof *expected, pair_compare);

  sorted = _resfri_sort_pairs (pairs, tmp, n);
  g_assert_true (sorted == pairs || sorted == tmp);
  for (guint i = 0; i < n; i++)
    {
      g_assert_cmpuint (sorted[i].key, ==, expected[i].key);
      g_assert_cmpuint (sorted[i].value, ==, expected[i].value);
    }
}

static void
test_sort_pairs (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (15);
  /* Few distinct keys (stability), one digit, several, all 64 bits. */
  static const guint64 ranges[] = { 1, 3, 2048, 100000, G_GUINT64_CONSTANT (1) << 40, 0 };

  for (guint r = 0; r < G_N_ELEMENTS (ranges); r++)
    {
      check_sort (rand, 0, ranges[r]);
      check_sort (rand, 1, ranges[r]);
      check_sort (rand, 5000, ranges[r]);
    }
}

/* The peak by counting, at each start, the intervals that hold it; the
 * first start where it is reached. */
static guint
peak_by_counting (const ResfriInterval *intervals,
                  guint                 n,
                  gint64               *at)
{
  guint peak = 0;

  *at = 0;
  for (guint i = 0; i < n; i++)
    {
      gint64 t = intervals[i].start;
      guint count = 0;

      if (intervals[i].end <= t)
        continue;
      for (guint j = 0; j < n; j++)
        if (intervals[j].start <= t && t < intervals[j].end)
          count++;
      if (count > peak || (count == peak && count > 0 && t < *at))
        {
          peak = count;
          *at = t;
        }
    }

  return peak;
}

static void
check_peak (GRand  *rand,
            guint   n,
            gint64  base,
            gint64  spread,
            gint64  far)
{
  g_autofree ResfriInterval *intervals = g_new (ResfriInterval, n + 1);
  gint64 expected_at;
  gint64 at;
  guint expected;

  for (guint i = 0; i < n; i++)
    {
      /* Whole quarters of an hour: many intervals touch, end where another
       * starts, or are empty. */
      gint64 start = base + g_rand_int_range (rand, 0, (gint32) spread) * 900;
      gint64 length = g_rand_int_range (rand, -1, 8) * 900;

      intervals[i].start = start;
      intervals[i].end = start + length;
    }
  /* One far away: the instants no longer fit the radix sort's keys. */
  if (far != 0 && n > 0)
    {
      intervals[0].start = far;
      intervals[0].end = far + 900;
    }

  expected = peak_by_counting (intervals, n, &expected_at);
  g_assert_cmpuint (_resfri_allocation_peak_at (intervals, n, &at), ==, expected);
  g_assert_cmpint (at, ==, expected_at);
}

static void
test_peak (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (13);
  gint64 at;

  g_assert_cmpuint (_resfri_allocation_peak_at (NULL, 0, &at), ==, 0);
  g_assert_cmpint (at, ==, 0);

  for (guint round = 0; round < 40; round++)
    {
      guint n = g_rand_int_range (rand, 1, 300);

      check_peak (rand, n, 1767225600, 200, 0);
      check_peak (rand, n, -1767225600, 200, 0);
      check_peak (rand, n, 1767225600, 20, G_MAXINT64 / 2);
      check_peak (rand, n, 1767225600, 20, G_MININT64 / 2);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sort-pairs/radix", test_sort_pairs);
  g_test_add_func ("/sort-pairs/peak", test_peak);

  return g_test_run ();
}

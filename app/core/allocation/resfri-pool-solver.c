/* resfri-pool-solver.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The pool solver of spec/allocation.md: the exact maximum of demands
 * (fixed intervals) that a pool's items can serve, with the items'
 * existing bookings as blocked intervals, and the peak of a set of
 * intervals. Pure: no store.
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "resfri-allocation-private.h"
#include "resfri-pool-solver.h"

/* Why the pool solver is exact.
 *
 * Without existing bookings a pool is k identical machines and the demands
 * are fixed intervals: the maximum number of intervals that k machines can
 * serve. Take the demands by increasing end (then start, then input order);
 * give each to the item that became free latest at or before its start
 * ("best fit"), else skip it. This is optimal (Faigle and Nawijn 1995,
 * Carlisle and Lloyd 1995). The argument, by exchange: let O be an optimal
 * schedule that agrees with the greedy on demands 1 … j - 1 (same served
 * set, same items), and let demand j = [s, e). Every demand after j in the
 * order ends at or after e.
 *  - The greedy skips j: each item's last demand ends after s (and at or
 *    before e), so it overlaps j. O has the same demands on the same items
 *    and cannot serve j either: O agrees on 1 … j.
 *  - The greedy gives j to item a, free from f_a ≤ s, the latest such.
 *    If O skips j: a demand of O after j on item a either overlaps j or
 *    starts at or after e (it ends at or after e); at most one overlaps
 *    j, as two that did would overlap each other. If none does, add j to
 *    O; if d does, put j in place of d. Either way no fewer are served.
 *    If O gives j to item b ≠ a: f_b ≤ f_a ≤ s. Swap what O does with a
 *    and b after j: a takes j and b's later demands (they follow j on b,
 *    so they start at or after e); b takes a's later demands (they start
 *    at or after f_a ≥ f_b). No overlaps arise, the count is unchanged.
 *  By induction the greedy serves as many demands as O.
 *
 * With existing bookings the items are not identical: each booking pins an
 * interval to one item, and the greedy is no longer optimal. Deciding
 * whether every demand fits is the precolouring-extension problem of
 * interval graphs, NP-complete in general (Biró, Hujter and Tuza 1992), and
 * the maximisation is no easier: unless P = NP no polynomial algorithm is
 * exact there. The solver therefore
 *  1. runs the greedy with the bookings as blocked intervals (an item is a
 *     candidate when it is free at the start and none of its bookings
 *     overlaps the demand; best fit by the end of the item's last demand or
 *     booking before the start);
 *  2. splits the pool into components: runs of demands and bookings that
 *     overlap in a chain; components are independent problems;
 *  3. for each component computes an upper bound: the same demands with the
 *     bookings as intervals that must be served but need not stay on their
 *     item. That relaxation is a maximum k-colourable subgraph of an
 *     interval graph with mandatory vertices, solved exactly by the sweep of
 *     Yannakakis and Gavril (take intervals by start; when more than k are
 *     running, drop the running optional one that ends last: the bookings
 *     alone never exceed k, as the bookings of one item never overlap);
 *  4. where the greedy reaches the bound the component is proven optimal,
 *     else searches it exhaustively (branch and bound, items without
 *     bookings and with equal free times tried once) and keeps the best.
 *     A search that exceeds the pool's node budget keeps its best so far
 *     and the result is flagged as not proven (ResfriAllocation.proven).
 * Pools without bookings, the usual case, take the O(n log n) path alone.
 */

/* Search nodes per pool, over all its components. */
#define SEARCH_NODE_BUDGET 1000000

typedef struct
{
  gint64 free;
  guint  item;
} FreeKey;

static int
free_key_compare (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  const FreeKey *x = a;
  const FreeKey *y = b;

  if (x->free != y->free)
    return x->free < y->free ? -1 : 1;
  /* Among equal free times the lowest item index is the "largest" key, the
   * one a best-fit search finds first. */
  if (x->item != y->item)
    return x->item > y->item ? -1 : 1;
  return 0;
}

static int
guint_compare (gconstpointer a,
               gconstpointer b)
{
  guint x = *(const guint *) a;
  guint y = *(const guint *) b;

  return (x > y) - (x < y);
}

static int
demand_order_compare (gconstpointer a,
                      gconstpointer b,
                      gpointer      user_data)
{
  const ResfriInterval *demands = user_data;
  guint i = *(const guint *) a;
  guint j = *(const guint *) b;

  if (demands[i].end != demands[j].end)
    return demands[i].end < demands[j].end ? -1 : 1;
  if (demands[i].start != demands[j].start)
    return demands[i].start < demands[j].start ? -1 : 1;
  return i < j ? -1 : (i > j);
}

static guint
solve_identical (guint                 n_items,
                 const ResfriInterval *demands,
                 const guint          *order,
                 guint                 n_demands,
                 int                  *assignment)
{
  g_autofree FreeKey *keys = g_new (FreeKey, n_items);
  g_autoptr(GTree) tree = g_tree_new_full (free_key_compare, NULL, NULL, NULL);
  guint served = 0;

  for (guint i = 0; i < n_items; i++)
    {
      keys[i].free = G_MININT64;
      keys[i].item = i;
      g_tree_insert (tree, &keys[i], &keys[i]);
    }

  for (guint o = 0; o < n_demands; o++)
    {
      const ResfriInterval *d = &demands[order[o]];
      FreeKey probe = { d->start, 0 };
      GTreeNode *node;
      FreeKey *key;

      /* The largest key ≤ (start, item 0): the latest free time at or
       * before the start, lowest item among equals. */
      node = g_tree_upper_bound (tree, &probe);
      node = node != NULL ? g_tree_node_previous (node) : g_tree_node_last (tree);
      if (node == NULL)
        {
          assignment[order[o]] = -1;
          continue;
        }

      key = g_tree_node_key (node);
      g_tree_remove (tree, key);
      key->free = d->end;
      g_tree_insert (tree, key, key);
      assignment[order[o]] = (int) key->item;
      served++;
    }

  return served;
}

/* The bookings of each item, by start (they never overlap, so their ends
 * are sorted too). */
typedef struct
{
  guint             n_items;
  ResfriItemBlock  *blocks;      /* sorted by item, start */
  guint            *first;       /* n_items + 1 offsets into blocks */
} ItemBlocks;

static int
block_compare (gconstpointer a,
               gconstpointer b)
{
  const ResfriItemBlock *x = a;
  const ResfriItemBlock *y = b;

  if (x->item != y->item)
    return x->item < y->item ? -1 : 1;
  if (x->start != y->start)
    return x->start < y->start ? -1 : 1;
  return (x->end > y->end) - (x->end < y->end);
}

/* The index of the first block of @item that ends after @t (or the end of
 * its range). */
static guint
item_blocks_after (const ItemBlocks *ib,
                   guint             item,
                   gint64            t)
{
  guint lo = ib->first[item];
  guint hi = ib->first[item + 1];

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (ib->blocks[mid].end > t)
        hi = mid;
      else
        lo = mid + 1;
    }

  return lo;
}

static gboolean
item_is_blocked (const ItemBlocks *ib,
                 guint             item,
                 gint64            start,
                 gint64            end)
{
  guint b = item_blocks_after (ib, item, start);

  return b < ib->first[item + 1] && ib->blocks[b].start < end;
}

/* The end of the item's last booking at or before @t, or G_MININT64. */
static gint64
item_last_block_end (const ItemBlocks *ib,
                     guint             item,
                     gint64            t)
{
  guint b = item_blocks_after (ib, item, t);

  return b > ib->first[item] ? ib->blocks[b - 1].end : G_MININT64;
}

/* Maximum k-colourable subgraph of the component with the bookings as
 * mandatory intervals: the upper bound of step 3 above. */
typedef struct
{
  gint64   start;
  gint64   end;
  guint    index;
  gboolean mandatory;
} BoundInterval;

static int
bound_interval_by_start (gconstpointer a,
                         gconstpointer b)
{
  const BoundInterval *x = a;
  const BoundInterval *y = b;

  if (x->start != y->start)
    return x->start < y->start ? -1 : 1;
  return (x->index > y->index) - (x->index < y->index);
}

static int
bound_interval_by_end (gconstpointer a,
                       gconstpointer b,
                       gpointer      user_data)
{
  const BoundInterval *x = a;
  const BoundInterval *y = b;

  if (x->end != y->end)
    return x->end < y->end ? -1 : 1;
  return (x->index > y->index) - (x->index < y->index);
}

static guint
relaxation_bound (guint          n_items,
                  BoundInterval *intervals,
                  guint          n_intervals)
{
  g_autoptr(GTree) running = g_tree_new_full (bound_interval_by_end, NULL, NULL, NULL);
  guint kept = 0;

  qsort (intervals, n_intervals, sizeof (BoundInterval), bound_interval_by_start);

  for (guint i = 0; i < n_intervals; i++)
    {
      BoundInterval *iv = &intervals[i];
      GTreeNode *node;

      while ((node = g_tree_node_first (running)) != NULL &&
             ((BoundInterval *) g_tree_node_key (node))->end <= iv->start)
        g_tree_remove (running, g_tree_node_key (node));

      g_tree_insert (running, iv, iv);
      if (!iv->mandatory)
        kept++;

      if ((guint) g_tree_nnodes (running) > n_items)
        {
          for (node = g_tree_node_last (running); node != NULL; node = g_tree_node_previous (node))
            if (!((BoundInterval *) g_tree_node_key (node))->mandatory)
              break;
          g_assert (node != NULL);
          g_tree_remove (running, g_tree_node_key (node));
          kept--;
        }
    }

  return kept;
}

typedef struct
{
  const ItemBlocks     *ib;
  const ResfriInterval *demands;
  const guint          *order;       /* the component's demands by end */
  guint                 n;
  guint                 n_items;
  gint64               *free;
  int                  *current;
  int                  *best_assignment;
  guint                 best;
  guint                 bound;
  guint64              *nodes;       /* shared by the pool's components */
  gboolean              aborted;
} Search;

static void
search (Search *s,
        guint   pos,
        guint   served)
{
  const ResfriInterval *d;

  if (s->aborted || s->best == s->bound)
    return;
  if (++*s->nodes > SEARCH_NODE_BUDGET)
    {
      s->aborted = TRUE;
      return;
    }
  if (served + (s->n - pos) <= s->best)
    return;
  if (pos == s->n)
    {
      s->best = served;
      memcpy (s->best_assignment, s->current, s->n * sizeof (int));
      return;
    }

  d = &s->demands[s->order[pos]];
  for (guint i = 0; i < s->n_items; i++)
    {
      gboolean twin = FALSE;
      gint64 saved;

      if (s->free[i] > d->start || item_is_blocked (s->ib, i, d->start, d->end))
        continue;

      /* An item without bookings is interchangeable with an earlier one
       * without bookings that is free from the same time. */
      if (s->ib->first[i] == s->ib->first[i + 1])
        for (guint j = 0; j < i && !twin; j++)
          twin = s->ib->first[j] == s->ib->first[j + 1] && s->free[j] == s->free[i];
      if (twin)
        continue;

      saved = s->free[i];
      s->free[i] = d->end;
      s->current[pos] = (int) i;
      search (s, pos + 1, served + 1);
      s->free[i] = saved;
    }

  s->current[pos] = -1;
  search (s, pos + 1, served);
}

typedef struct
{
  gint64 start;
  gint64 end;
  int    demand;    /* index, or -1 for a booking */
} ComponentEvent;

static int
component_event_compare (gconstpointer a,
                         gconstpointer b)
{
  const ComponentEvent *x = a;
  const ComponentEvent *y = b;

  if (x->start != y->start)
    return x->start < y->start ? -1 : 1;
  return (x->demand > y->demand) - (x->demand < y->demand);
}

static guint
solve_with_blocks (guint                  n_items,
                   const ResfriItemBlock *blocks,
                   guint                  n_blocks,
                   const ResfriInterval  *demands,
                   const guint           *order,
                   guint                  n_demands,
                   int                   *assignment,
                   gboolean              *proven)
{
  ItemBlocks ib = { n_items, NULL, NULL };
  g_autofree gint64 *free = g_new (gint64, n_items);
  g_autofree guint *rank = g_new (guint, n_demands);
  g_autofree ComponentEvent *events = g_new (ComponentEvent, n_demands + n_blocks);
  guint served = 0;
  guint n_events = 0;
  guint64 nodes = 0;

  ib.blocks = g_memdup2 (blocks, n_blocks * sizeof (ResfriItemBlock));
  qsort (ib.blocks, n_blocks, sizeof (ResfriItemBlock), block_compare);
  ib.first = g_new0 (guint, n_items + 1);
  for (guint b = 0; b < n_blocks; b++)
    ib.first[ib.blocks[b].item + 1]++;
  for (guint i = 0; i < n_items; i++)
    ib.first[i + 1] += ib.first[i];

  /* 1. The greedy with blocked intervals. */
  for (guint i = 0; i < n_items; i++)
    free[i] = G_MININT64;

  for (guint o = 0; o < n_demands; o++)
    {
      const ResfriInterval *d = &demands[order[o]];
      int best = -1;
      gint64 best_fit = G_MININT64;

      rank[order[o]] = o;
      for (guint i = 0; i < n_items; i++)
        {
          gint64 fit;

          if (free[i] > d->start || item_is_blocked (&ib, i, d->start, d->end))
            continue;
          fit = MAX (free[i], item_last_block_end (&ib, i, d->start));
          if (best < 0 || fit > best_fit)
            {
              best = (int) i;
              best_fit = fit;
            }
        }

      assignment[order[o]] = best;
      if (best >= 0)
        {
          free[best] = d->end;
          served++;
        }
    }

  /* 2. Components: chains of overlapping demands and bookings. */
  for (guint i = 0; i < n_demands; i++)
    events[n_events++] = (ComponentEvent) { demands[i].start, demands[i].end, (int) i };
  for (guint b = 0; b < n_blocks; b++)
    events[n_events++] = (ComponentEvent) { ib.blocks[b].start, ib.blocks[b].end, -1 - (int) b };
  qsort (events, n_events, sizeof (ComponentEvent), component_event_compare);

  for (guint first = 0; first < n_events;)
    {
      guint last = first;
      gint64 reach = events[first].end;
      g_autofree BoundInterval *bound_intervals = NULL;
      g_autofree guint *comp_order = NULL;
      guint n_comp = 0;
      guint greedy = 0;
      guint bound;

      while (last + 1 < n_events && events[last + 1].start < reach)
        {
          last++;
          reach = MAX (reach, events[last].end);
        }

      /* 3. The bound of the component. */
      bound_intervals = g_new (BoundInterval, last - first + 1);
      comp_order = g_new (guint, last - first + 1);
      for (guint e = first; e <= last; e++)
        {
          bound_intervals[e - first] = (BoundInterval) {
            events[e].start, events[e].end, e - first, events[e].demand < 0
          };
          if (events[e].demand >= 0)
            {
              comp_order[n_comp++] = (guint) events[e].demand;
              if (assignment[events[e].demand] >= 0)
                greedy++;
            }
        }
      bound = relaxation_bound (n_items, bound_intervals, last - first + 1);
      g_assert (greedy <= bound);

      /* 4. Search where the greedy may fall short. */
      if (greedy < bound)
        {
          g_autofree gint64 *search_free = g_new (gint64, n_items);
          g_autofree int *current = g_new (int, n_comp);
          g_autofree int *best_assignment = g_new (int, n_comp);
          Search s = { &ib, demands, comp_order, n_comp, n_items, search_free,
                       current, best_assignment, greedy, bound, &nodes, FALSE };

          /* The component's demands in the greedy's order. */
          for (guint c = 0; c < n_comp; c++)
            comp_order[c] = rank[comp_order[c]];
          qsort (comp_order, n_comp, sizeof (guint), guint_compare);
          for (guint c = 0; c < n_comp; c++)
            comp_order[c] = order[comp_order[c]];
          for (guint i = 0; i < n_items; i++)
            search_free[i] = G_MININT64;
          for (guint c = 0; c < n_comp; c++)
            best_assignment[c] = assignment[comp_order[c]];

          search (&s, 0, 0);
          if (s.aborted)
            *proven = FALSE;
          if (s.best > greedy)
            {
              for (guint c = 0; c < n_comp; c++)
                assignment[comp_order[c]] = best_assignment[c];
              served += s.best - greedy;
            }
        }

      first = last + 1;
    }

  g_free (ib.blocks);
  g_free (ib.first);

  return served;
}

/**
 * resfri_allocation_solve_pool:
 * @n_items: the pool's size k; items are 0 … k - 1
 * @blocks: (array length=n_blocks): intervals in which items are taken
 * @n_blocks: their number
 * @demands: (array length=n_demands): the demands (non-empty intervals)
 * @n_demands: their number
 * @assignment: (out caller-allocates) (array length=n_demands): the item
 *   serving each demand, or -1
 * @proven: (out) (optional): %FALSE when a search ran out of budget (only
 *   possible with @blocks)
 *
 * The most demands that the pool's items can serve: no item serves two
 * overlapping demands or a demand overlapping one of its blocks. The same
 * input gives the same output.
 *
 * Returns: the number of demands served
 */
guint
resfri_allocation_solve_pool (guint                  n_items,
                              const ResfriItemBlock *blocks,
                              guint                  n_blocks,
                              const ResfriInterval  *demands,
                              guint                  n_demands,
                              int                   *assignment,
                              gboolean              *proven)
{
  g_autofree guint *order = NULL;
  gboolean dummy;

  if (proven == NULL)
    proven = &dummy;
  *proven = TRUE;

  if (n_items == 0)
    {
      for (guint i = 0; i < n_demands; i++)
        assignment[i] = -1;
      return 0;
    }

  order = g_new (guint, n_demands);
  for (guint i = 0; i < n_demands; i++)
    order[i] = i;
  g_qsort_with_data (order, n_demands, sizeof (guint), demand_order_compare, (gpointer) demands);

  if (n_blocks == 0)
    return solve_identical (n_items, demands, order, n_demands, assignment);

  return solve_with_blocks (n_items, blocks, n_blocks, demands, order, n_demands,
                            assignment, proven);
}

typedef struct
{
  gint64 at;
  int    delta;
} PeakEvent;

static int
peak_event_compare (gconstpointer a,
                    gconstpointer b)
{
  const PeakEvent *x = a;
  const PeakEvent *y = b;

  if (x->at != y->at)
    return x->at < y->at ? -1 : 1;
  /* An end before a start at the same instant: half-open intervals. */
  return x->delta - y->delta;
}

#define RADIX_BITS 11
#define RADIX_SIZE (1u << RADIX_BITS)

/* @pairs sorted by key, equal keys in their order: an LSD radix sort over
 * the digits the keys use. @tmp has room for @n pairs; returns whichever
 * of the two holds the result. */
SortPair *
_resfri_sort_pairs (SortPair *pairs,
                    SortPair *tmp,
                    gsize     n)
{
  g_autofree gsize *count = g_new (gsize, RADIX_SIZE + 1);
  guint64 all = 0;

  for (gsize i = 0; i < n; i++)
    all |= pairs[i].key;

  for (guint shift = 0; shift < 64 && (all >> shift) != 0; shift += RADIX_BITS)
    {
      SortPair *swap;

      memset (count, 0, (RADIX_SIZE + 1) * sizeof *count);
      for (gsize i = 0; i < n; i++)
        count[((pairs[i].key >> shift) & (RADIX_SIZE - 1)) + 1]++;
      for (guint d = 0; d < RADIX_SIZE; d++)
        count[d + 1] += count[d];
      for (gsize i = 0; i < n; i++)
        tmp[count[(pairs[i].key >> shift) & (RADIX_SIZE - 1)]++] = pairs[i];
      swap = pairs;
      pairs = tmp;
      tmp = swap;
    }

  return pairs;
}

/* resfri_allocation_peak(), and in @at the first instant the peak is
 * reached (0 when no interval has a duration). The instants are sorted by
 * a radix sort (a pool's year has some 100,000) unless they are too far
 * apart for its keys. */
guint
_resfri_allocation_peak_at (const ResfriInterval *intervals,
                            guint                 n_intervals,
                            gint64               *at)
{
  g_autofree PeakEvent *events = g_new (PeakEvent, 2 * (gsize) n_intervals + 1);
  g_autofree SortPair *pairs = NULL;
  g_autofree SortPair *tmp = NULL;
  const SortPair *sorted;
  gint64 min = G_MAXINT64;
  gint64 max = G_MININT64;
  guint n = 0;
  int depth = 0;
  int peak = 0;

  *at = 0;
  for (guint i = 0; i < n_intervals; i++)
    {
      if (intervals[i].end <= intervals[i].start)
        continue;
      events[n++] = (PeakEvent) { intervals[i].start, +1 };
      events[n++] = (PeakEvent) { intervals[i].end, -1 };
      min = MIN (min, intervals[i].start);
      max = MAX (max, intervals[i].end);
    }

  if (n == 0)
    return 0;
  if ((max >= 0 && min < max - G_MAXINT64 / 4) || (max < 0 && max - min > G_MAXINT64 / 4))
    {
      qsort (events, n, sizeof (PeakEvent), peak_event_compare);
      for (guint e = 0; e < n; e++)
        {
          depth += events[e].delta;
          if (depth > peak)
            {
              peak = depth;
              *at = events[e].at;
            }
        }

      return (guint) peak;
    }

  /* Equal instants and deltas are alike: their order makes no difference. */
  pairs = g_new (SortPair, n + 1);
  tmp = g_new (SortPair, n + 1);
  for (guint e = 0; e < n; e++)
    {
      pairs[e].key = ((guint64) (events[e].at - min) << 1) | (events[e].delta > 0);
      pairs[e].value = 0;
    }
  sorted = _resfri_sort_pairs (pairs, tmp, n);
  for (guint e = 0; e < n; e++)
    {
      depth += (sorted[e].key & 1) ? 1 : -1;
      if (depth > peak)
        {
          peak = depth;
          *at = min + (gint64) (sorted[e].key >> 1);
        }
    }

  return (guint) peak;
}

/**
 * resfri_allocation_peak:
 * @intervals: (array length=n_intervals): half-open intervals
 * @n_intervals: their number
 *
 * Returns: the largest number of @intervals that contain one instant
 */
guint
resfri_allocation_peak (const ResfriInterval *intervals,
                        guint                 n_intervals)
{
  gint64 at;

  return _resfri_allocation_peak_at (intervals, n_intervals, &at);
}

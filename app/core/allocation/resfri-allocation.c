/* resfri-allocation.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * spec/allocation.md: demands of remote attendees, the exact allocation of
 * loan items to them, gaps and the order list.
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "resfri-allocation.h"
#include "resfri-bookings.h"
#include "resfri-policy-check.h"
#include "resfri-store-private.h"

/* ---- The pure, exact core ---------------------------------------------- */

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
  g_autofree PeakEvent *events = g_new (PeakEvent, 2 * (gsize) n_intervals);
  guint n = 0;
  int depth = 0;
  int peak = 0;

  for (guint i = 0; i < n_intervals; i++)
    {
      if (intervals[i].end <= intervals[i].start)
        continue;
      events[n++] = (PeakEvent) { intervals[i].start, +1 };
      events[n++] = (PeakEvent) { intervals[i].end, -1 };
    }
  /* g_new (…, 0) is NULL, and qsort's array must never be NULL. */
  if (n > 1)
    qsort (events, n, sizeof (PeakEvent), peak_event_compare);

  for (guint e = 0; e < n; e++)
    {
      depth += events[e].delta;
      peak = MAX (peak, depth);
    }

  return (guint) peak;
}

/* ---- Demands from resolved occurrences ----------------------------------- */

enum
{
  TYPE_HEADSET,
  TYPE_CAMERA,
  TYPE_VC_KIT,
  N_TYPES
};

static const char * const type_names[N_TYPES] = { "headset", "camera", "vc-kit" };

const char *
resfri_scenario_to_string (ResfriScenario scenario)
{
  return scenario == RESFRI_SCENARIO_POLICY ? "policy" : "planned";
}

/* One occurrence's demand of one person (or room) for one type, before the
 * per-person merging. */
typedef struct
{
  gint64 person_id;    /* 0: vc-kit of a room */
  gint64 site_id;
  gint64 start;
  gint64 end;
  guint  occurrence;   /* index into Collector.occurrences */
  guint  person;       /* PersonEntry.index, or G_MAXUINT for a room */
  guint8 type;
  guint8 planned;      /* also in the planned scenario */
} RawDemand;

typedef struct
{
  gint64      id;
  guint       index;       /* in order of first appearance */
  guint       remote;      /* remote occurrences (policy scenario) */
  const char *email;
} PersonEntry;

/* people.id values below this are looked up in an array, others (only in
 * a hand-made database) in a hash table. */
#define DENSE_PERSON_IDS (1 << 24)

typedef struct
{
  gint64          buffer;
  gboolean        planned_only;
  GStringChunk   *strings;
  GArray         *occurrences;     /* ResfriDemandOccurrence */
  GArray         *raws;            /* RawDemand */
  gboolean        raws_sorted;
  GPtrArray      *people;          /* PersonEntry by index (owns them) */
  GPtrArray      *people_by_id;    /* id → PersonEntry, for small ids */
  GHashTable     *people_sparse;   /* &id → PersonEntry, for others */
  double          payback_km;
  double          payback_cost_sek;
  double          payback_co2_kg;
  GCancellable   *cancellable;
} Collector;

static void
collector_init (Collector    *c,
                gint64        buffer,
                gboolean      planned_only,
                GStringChunk *strings)
{
  memset (c, 0, sizeof *c);
  c->buffer = buffer;
  c->planned_only = planned_only;
  c->strings = strings;
  c->occurrences = g_array_new (FALSE, FALSE, sizeof (ResfriDemandOccurrence));
  c->raws = g_array_new (FALSE, FALSE, sizeof (RawDemand));
  c->people = g_ptr_array_new_with_free_func (g_free);
  c->people_by_id = g_ptr_array_new ();
  c->people_sparse = g_hash_table_new (g_int64_hash, g_int64_equal);
}

static void
collector_clear (Collector *c)
{
  g_clear_pointer (&c->occurrences, g_array_unref);
  g_clear_pointer (&c->raws, g_array_unref);
  g_clear_pointer (&c->people, g_ptr_array_unref);
  g_clear_pointer (&c->people_by_id, g_ptr_array_unref);
  g_clear_pointer (&c->people_sparse, g_hash_table_unref);
}

static PersonEntry *
collector_lookup_person (Collector *c,
                         gint64     id)
{
  if (id > 0 && id < DENSE_PERSON_IDS)
    return (guint64) id < c->people_by_id->len ? g_ptr_array_index (c->people_by_id, id) : NULL;

  return g_hash_table_lookup (c->people_sparse, &id);
}

static PersonEntry *
collector_add_person (Collector  *c,
                      gint64      id,
                      const char *email)
{
  PersonEntry *person = g_new0 (PersonEntry, 1);

  person->id = id;
  person->index = c->people->len;
  person->email = g_string_chunk_insert_const (c->strings, email);
  g_ptr_array_add (c->people, person);

  if (id > 0 && id < DENSE_PERSON_IDS)
    {
      if ((guint64) id >= c->people_by_id->len)
        g_ptr_array_set_size (c->people_by_id, (guint) MAX ((guint64) id + 1, 2 * c->people_by_id->len));
      g_ptr_array_index (c->people_by_id, id) = person;
    }
  else
    g_hash_table_insert (c->people_sparse, &person->id, person);

  return person;
}

static void
collector_add (Collector   *c,
               PersonEntry *person,
               gint64       site_id,
               gint64       start,
               gint64       end,
               guint        occurrence,
               guint8       type,
               gboolean     planned)
{
  RawDemand raw = { person != NULL ? person->id : 0, site_id, start, end, occurrence,
                    person != NULL ? person->index : G_MAXUINT, type, planned ? 1 : 0 };

  g_array_append_val (c->raws, raw);
}

static gboolean
collect_occurrence (const ResfriResolvedOccurrence *o,
                    gpointer                        user_data)
{
  Collector *c = user_data;
  gboolean planned = o->mode == RESFRI_MODE_ONLINE || o->mode == RESFRI_MODE_HYBRID;
  gboolean as_online;
  gint64 start;
  gint64 end;
  gboolean empty;
  guint occurrence;
  ResfriDemandOccurrence occ;

  if (g_cancellable_is_cancelled (c->cancellable))
    return FALSE;

  if (!planned)
    {
      if (o->verdict != RESFRI_VERDICT_NON_COMPLIANT || c->planned_only)
        return TRUE;
      /* Held online, its travel is what it would avoid. */
      c->payback_km += o->travel_km;
      c->payback_cost_sek += o->travel_cost_sek;
      c->payback_co2_kg += o->travel_co2_kg;
    }
  as_online = o->mode != RESFRI_MODE_HYBRID;

  occ.uid = g_string_chunk_insert_const (c->strings, o->uid);
  occ.recurrence_id = g_string_chunk_insert_const (c->strings, o->recurrence_id);
  occ.start = o->start;
  occ.end = o->end;
  occurrence = c->occurrences->len;
  g_array_append_val (c->occurrences, occ);

  start = o->start - c->buffer;
  end = o->end + c->buffer;
  /* An occurrence without duration (and no buffer) needs nothing. */
  empty = end <= start;

  for (guint i = 0; i < o->n_attendees; i++)
    {
      const ResfriResolvedAttendee *a = &o->attendees[i];
      PersonEntry *person;

      if (!as_online && a->home_site_id == o->venue_site_id)
        continue;

      person = collector_lookup_person (c, a->person_id);
      if (person == NULL)
        person = collector_add_person (c, a->person_id, a->email);
      person->remote++;

      if (empty || (a->has_headset && a->has_camera))
        continue;

      if (!a->has_headset)
        collector_add (c, person, a->home_site_id, start, end, occurrence, TYPE_HEADSET, planned);
      if (!a->has_camera)
        collector_add (c, person, a->home_site_id, start, end, occurrence, TYPE_CAMERA, planned);
    }

  if (o->mode == RESFRI_MODE_HYBRID && o->venue_room_id != 0 && !o->venue_room_vc && !empty)
    collector_add (c, NULL, o->venue_site_id, start, end, occurrence, TYPE_VC_KIT, planned);

  return TRUE;
}

/* A demand after the per-person merging. */
typedef struct
{
  gint64 person_id;
  gint64 site_id;
  gint64 start;
  gint64 end;
  guint  first_member;
  guint  n_members;
  guint8 type;
} Merged;

static int
merged_by_pool (gconstpointer a,
                gconstpointer b)
{
  const Merged *x = a;
  const Merged *y = b;

  if (x->site_id != y->site_id)
    return x->site_id < y->site_id ? -1 : 1;
  if (x->type != y->type)
    return x->type < y->type ? -1 : 1;
  if (x->start != y->start)
    return x->start < y->start ? -1 : 1;
  if (x->end != y->end)
    return x->end < y->end ? -1 : 1;
  if (x->person_id != y->person_id)
    return x->person_id < y->person_id ? -1 : 1;
  return (x->first_member > y->first_member) - (x->first_member < y->first_member);
}

static gint64
pool_key (gint64 site_id,
          guint  type)
{
  return site_id * N_TYPES + type;
}

/* @merged grouped by pool, pools by site id then type, each group keeping
 * its order (stable counting sort). Consumes @merged. */
static GArray *
group_by_pool (GArray *merged)
{
  g_autoptr(GHashTable) ranks = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GArray) keys = g_array_new (FALSE, FALSE, sizeof (Merged));
  g_autofree guint *rank = g_new (guint, merged->len + 1);
  g_autofree guint *first = NULL;
  GArray *grouped;

  /* One representative per pool, sorted by (site, type). */
  for (guint i = 0; i < merged->len; i++)
    {
      const Merged *m = &g_array_index (merged, Merged, i);
      gint64 key = pool_key (m->site_id, m->type);

      if (!g_hash_table_contains (ranks, &key))
        {
          g_hash_table_insert (ranks, g_memdup2 (&key, sizeof key), NULL);
          g_array_append_vals (keys, m, 1);
        }
    }
  g_array_sort (keys, merged_by_pool);
  for (guint k = 0; k < keys->len; k++)
    {
      const Merged *m = &g_array_index (keys, Merged, k);
      gint64 key = pool_key (m->site_id, m->type);

      g_hash_table_insert (ranks, g_memdup2 (&key, sizeof key), GUINT_TO_POINTER (k));
    }

  first = g_new0 (guint, keys->len + 1);
  for (guint i = 0; i < merged->len; i++)
    {
      const Merged *m = &g_array_index (merged, Merged, i);
      gint64 key = pool_key (m->site_id, m->type);

      rank[i] = GPOINTER_TO_UINT (g_hash_table_lookup (ranks, &key));
      first[rank[i] + 1]++;
    }
  for (guint k = 0; k < keys->len; k++)
    first[k + 1] += first[k];

  grouped = g_array_sized_new (FALSE, FALSE, sizeof (Merged), merged->len);
  g_array_set_size (grouped, merged->len);
  for (guint i = 0; i < merged->len; i++)
    g_array_index (grouped, Merged, first[rank[i]]++) = g_array_index (merged, Merged, i);
  g_array_unref (merged);

  return grouped;
}

/* The scenario's demands, a person's overlapping demands of one type
 * merged into their union (touching ones stay apart), grouped by pool,
 * within a pool by person (rooms last) then start. @members receives the
 * occurrence indices. */
static GArray *
merge_demands (Collector *c,
               gboolean   planned_only,
               GArray    *members)
{
  GArray *merged = g_array_new (FALSE, FALSE, sizeof (Merged));
  Merged *current = NULL;

  /* Grouped once by type and person (rooms last), each group in the order
   * the occurrences came: by start. A stable counting sort, O(n); each
   * scenario then takes its part in that order. */
  if (!c->raws_sorted)
    {
      guint n_keys = N_TYPES * (c->people->len + 1);
      g_autofree guint *first = g_new0 (guint, n_keys + 1);
      g_autoptr(GArray) sorted = g_array_sized_new (FALSE, FALSE, sizeof (RawDemand), c->raws->len);

#define RAW_KEY(raw) ((raw)->type * (c->people->len + 1) + \
                      ((raw)->person == G_MAXUINT ? c->people->len : (raw)->person))
      for (guint i = 0; i < c->raws->len; i++)
        first[RAW_KEY (&g_array_index (c->raws, RawDemand, i)) + 1]++;
      for (guint k = 0; k < n_keys; k++)
        first[k + 1] += first[k];
      g_array_set_size (sorted, c->raws->len);
      for (guint i = 0; i < c->raws->len; i++)
        {
          const RawDemand *raw = &g_array_index (c->raws, RawDemand, i);

          g_array_index (sorted, RawDemand, first[RAW_KEY (raw)]++) = *raw;
        }
#undef RAW_KEY
      g_array_unref (c->raws);
      c->raws = g_steal_pointer (&sorted);
      c->raws_sorted = TRUE;
    }

  for (guint i = 0; i < c->raws->len; i++)
    {
      const RawDemand *raw = &g_array_index (c->raws, RawDemand, i);

      if (planned_only && !raw->planned)
        continue;

      /* A room's vc-kit demands (person 0) are never merged. */
      if (current != NULL && raw->person_id != 0 &&
          current->person_id == raw->person_id && current->type == raw->type &&
          current->site_id == raw->site_id && raw->start < current->end)
        {
          current->end = MAX (current->end, raw->end);
          current->n_members++;
        }
      else
        {
          Merged m = { raw->person_id, raw->site_id, raw->start, raw->end,
                       members->len, 1, raw->type };

          g_array_append_val (merged, m);
          current = &g_array_index (merged, Merged, merged->len - 1);
        }
      g_array_append_val (members, raw->occurrence);
    }

  return group_by_pool (merged);
}

static int
type_from_name (const char *name)
{
  for (guint t = 0; t < N_TYPES; t++)
    if (g_strcmp0 (name, type_names[t]) == 0)
      return (int) t;
  return -1;
}

/* The loan items of every pool, and the sites' codes. */
typedef struct
{
  gint64      id;
  const char *tag;
} PoolItem;

typedef struct
{
  gint64      key;        /* pool_key () */
  gint64      site_id;
  guint       type;
  GArray     *items;      /* PoolItem, by id */
} Pool;

typedef struct
{
  GHashTable   *pools;      /* &Pool.key → Pool */
  GHashTable   *sites;      /* site id → code */
  GStringChunk *strings;
} Supply;

static void
pool_free (gpointer data)
{
  Pool *pool = data;

  g_array_unref (pool->items);
  g_free (pool);
}

static void
supply_clear (Supply *supply)
{
  g_clear_pointer (&supply->pools, g_hash_table_unref);
  g_clear_pointer (&supply->sites, g_hash_table_unref);
}

static Pool *
supply_get_pool (Supply   *supply,
                 gint64    site_id,
                 guint     type,
                 gboolean  create)
{
  gint64 key = pool_key (site_id, type);
  Pool *pool = g_hash_table_lookup (supply->pools, &key);

  if (pool == NULL && create)
    {
      pool = g_new0 (Pool, 1);
      pool->key = key;
      pool->site_id = site_id;
      pool->type = type;
      pool->items = g_array_new (FALSE, FALSE, sizeof (PoolItem));
      g_hash_table_insert (supply->pools, &pool->key, pool);
    }

  return pool;
}

static const char *
supply_site_code (Supply *supply,
                  gint64  site_id)
{
  const char *code = g_hash_table_lookup (supply->sites, &site_id);

  return code != NULL ? code : "";
}

static gboolean
supply_load (ResfriStore   *store,
             Supply        *supply,
             GStringChunk  *strings,
             GError       **error)
{
  sqlite3_stmt *stmt;
  int rc;

  supply->strings = strings;
  supply->pools = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, pool_free);
  supply->sites = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  if (!(stmt = _resfri_store_prepare (store, "SELECT id, code FROM sites", error)))
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_hash_table_insert (supply->sites, g_memdup2 (&id, sizeof id),
                           g_string_chunk_insert_const (strings,
                                                        (const char *) sqlite3_column_text (stmt, 1)));
    }
  if (rc != SQLITE_DONE)
    {
      _resfri_store_set_error (store, error, _("Could not read the sites"));
      return FALSE;
    }

  if (!(stmt = _resfri_store_prepare (store,
                                      "SELECT e.id, e.tag, e.site_id, t.name"
                                      "  FROM equipment e JOIN equipment_types t ON t.id = e.type_id"
                                      " WHERE e.owner_id IS NULL AND e.state = 'ok'"
                                      " ORDER BY e.id",
                                      error)))
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int type = type_from_name ((const char *) sqlite3_column_text (stmt, 3));
      PoolItem item;
      Pool *pool;

      if (type < 0)
        continue;
      item.id = sqlite3_column_int64 (stmt, 0);
      item.tag = g_string_chunk_insert (strings, (const char *) sqlite3_column_text (stmt, 1));
      pool = supply_get_pool (supply, sqlite3_column_int64 (stmt, 2), (guint) type, TRUE);
      g_array_append_val (pool->items, item);
    }
  if (rc != SQLITE_DONE)
    {
      _resfri_store_set_error (store, error, _("Could not read the equipment"));
      return FALSE;
    }

  return TRUE;
}

static gboolean
collect (ResfriStore         *store,
         const ResfriPolicy  *policy,
         gint64               from,
         gint64               to,
         Collector           *c,
         GCancellable        *cancellable,
         GError             **error)
{
  c->cancellable = cancellable;
  if (!resfri_policy_check_occurrences (store, policy, from, to, collect_occurrence, c,
                                   cancellable, error))
    return FALSE;

  return !g_cancellable_set_error_if_cancelled (cancellable, error);
}

/* ---- Allocation ----------------------------------------------------------- */

typedef struct
{
  gint64      equipment_id;
  gint64      start;
  gint64      end;
  gint64      person_id;    /* 0: none */
  gint64      pool;         /* pool_key () of the item */
  const char *uid;
  const char *recurrence_id;
} ExistingBooking;

typedef struct
{
  GArray     *bookings;       /* ExistingBooking */
  GHashTable *by_pool;        /* &pool key → GArray of guint (indices) */
  GHashTable *by_occurrence;  /* "uid\x1frid\x1fperson" → GArray of guint */
} Existing;

static void
existing_clear (Existing *existing)
{
  g_clear_pointer (&existing->bookings, g_array_unref);
  g_clear_pointer (&existing->by_pool, g_hash_table_unref);
  g_clear_pointer (&existing->by_occurrence, g_hash_table_unref);
}

static char *
occurrence_key (const char *uid,
                const char *recurrence_id,
                gint64      person_id)
{
  return g_strdup_printf ("%s\x1f%s\x1f%" G_GINT64_FORMAT, uid, recurrence_id, person_id);
}

static void
index_add (GHashTable *table,
           gpointer    key,
           guint       index,
           gboolean    key_is_new)
{
  GArray *list = g_hash_table_lookup (table, key);

  if (list == NULL)
    {
      list = g_array_new (FALSE, FALSE, sizeof (guint));
      g_hash_table_insert (table, key, list);
    }
  else if (key_is_new)
    g_free (key);
  g_array_append_val (list, index);
}

static gboolean
existing_load (ResfriStore   *store,
               Existing      *existing,
               GStringChunk  *strings,
               gint64         from,
               gint64         to,
               GError       **error)
{
  sqlite3_stmt *stmt;
  int rc;

  existing->bookings = g_array_new (FALSE, FALSE, sizeof (ExistingBooking));
  existing->by_pool = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                             (GDestroyNotify) g_array_unref);
  existing->by_occurrence = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                   (GDestroyNotify) g_array_unref);

  if (!(stmt = _resfri_store_prepare (store,
                                      "SELECT b.equipment_id, b.start, b.end, coalesce (b.person_id, 0),"
                                      "       e.site_id, t.name, b.uid, b.recurrence_id"
                                      "  FROM bookings b"
                                      "  JOIN equipment e ON e.id = b.equipment_id"
                                      "  JOIN equipment_types t ON t.id = e.type_id"
                                      " WHERE b.equipment_id IS NOT NULL AND b.start < ?1 AND b.end > ?2"
                                      /* Only the pools' items: a booking of an item that
                                       * broke or was handed out serves nobody now. */
                                      "   AND e.owner_id IS NULL AND e.state = 'ok'"
                                      " ORDER BY b.equipment_id, b.start",
                                      error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, to);
  sqlite3_bind_int64 (stmt, 2, from);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int type = type_from_name ((const char *) sqlite3_column_text (stmt, 5));
      ExistingBooking b;
      guint index = existing->bookings->len;

      if (type < 0)
        continue;
      b.equipment_id = sqlite3_column_int64 (stmt, 0);
      b.start = sqlite3_column_int64 (stmt, 1);
      b.end = sqlite3_column_int64 (stmt, 2);
      b.person_id = sqlite3_column_int64 (stmt, 3);
      b.pool = pool_key (sqlite3_column_int64 (stmt, 4), (guint) type);
      b.uid = g_string_chunk_insert_const (strings, (const char *) sqlite3_column_text (stmt, 6));
      b.recurrence_id = g_string_chunk_insert_const (strings,
                                                     (const char *) sqlite3_column_text (stmt, 7));
      g_array_append_val (existing->bookings, b);

      index_add (existing->by_pool, g_memdup2 (&b.pool, sizeof b.pool), index, TRUE);
      index_add (existing->by_occurrence, occurrence_key (b.uid, b.recurrence_id, b.person_id),
                 index, TRUE);
    }
  if (rc != SQLITE_DONE)
    {
      _resfri_store_set_error (store, error, _("Could not read the bookings"));
      return FALSE;
    }

  return TRUE;
}

static int
booking_index_by_start (gconstpointer a,
                        gconstpointer b,
                        gpointer      user_data)
{
  GArray *bookings = user_data;
  const ExistingBooking *x = &g_array_index (bookings, ExistingBooking, *(const guint *) a);
  const ExistingBooking *y = &g_array_index (bookings, ExistingBooking, *(const guint *) b);

  return (x->start > y->start) - (x->start < y->start);
}

/* The item already booked for the whole of @m: bookings of one item of
 * the pool for the person (for a vc-kit: for no person) at the demand's
 * occurrences that together cover its interval; the lowest item id when
 * several do. 0 when none does. */
static gint64
existing_covering_item (Existing                     *existing,
                        const Merged                 *m,
                        gint64                        pool,
                        const ResfriDemandOccurrence *occurrences,
                        const guint                  *members)
{
  g_autoptr(GArray) found = g_array_new (FALSE, FALSE, sizeof (guint));
  gint64 best = 0;

  for (guint i = 0; i < m->n_members; i++)
    {
      const ResfriDemandOccurrence *o = &occurrences[members[m->first_member + i]];
      g_autofree char *key = occurrence_key (o->uid, o->recurrence_id, m->person_id);
      GArray *list = g_hash_table_lookup (existing->by_occurrence, key);

      for (guint j = 0; list != NULL && j < list->len; j++)
        {
          guint index = g_array_index (list, guint, j);

          if (g_array_index (existing->bookings, ExistingBooking, index).pool == pool)
            g_array_append_val (found, index);
        }
    }
  if (found->len == 0)
    return 0;

  g_array_sort_with_data (found, booking_index_by_start, existing->bookings);

  /* Per candidate item (few: usually one), does it cover [start, end)? */
  for (guint c = 0; c < found->len; c++)
    {
      gint64 item = g_array_index (existing->bookings, ExistingBooking,
                                   g_array_index (found, guint, c)).equipment_id;
      gint64 covered = m->start;

      if (best != 0 && item >= best)
        continue;
      for (guint j = 0; j < found->len && covered < m->end; j++)
        {
          const ExistingBooking *b = &g_array_index (existing->bookings, ExistingBooking,
                                                     g_array_index (found, guint, j));

          if (b->equipment_id != item)
            continue;
          if (b->start > covered)
            break;
          covered = MAX (covered, b->end);
        }
      if (covered >= m->end)
        best = item;
    }

  return best;
}

static int
demand_output_compare (gconstpointer a,
                       gconstpointer b)
{
  const ResfriDemand *x = a;
  const ResfriDemand *y = b;
  int cmp;

  if (x->start != y->start)
    return x->start < y->start ? -1 : 1;
  if (x->end != y->end)
    return x->end < y->end ? -1 : 1;
  if ((cmp = strcmp (x->site, y->site)) != 0)
    return cmp;
  if ((cmp = strcmp (x->type, y->type)) != 0)
    return cmp;
  if ((cmp = g_strcmp0 (x->person, y->person)) != 0)
    return cmp;
  return (x->first_member > y->first_member) - (x->first_member < y->first_member);
}

void
resfri_allocation_free (ResfriAllocation *allocation)
{
  if (allocation == NULL)
    return;

  g_clear_pointer (&allocation->demands, g_array_unref);
  g_clear_pointer (&allocation->occurrences, g_array_unref);
  g_clear_pointer (&allocation->members, g_array_unref);
  g_clear_pointer (&allocation->strings, g_string_chunk_free);
  g_free (allocation);
}

/**
 * resfri_allocation_get_occurrence:
 * @allocation: an allocation
 * @demand: one of its demands
 * @i: below @demand's n_members
 *
 * Returns: (transfer none): the @i-th occurrence @demand stands for
 */
const ResfriDemandOccurrence *
resfri_allocation_get_occurrence (const ResfriAllocation *allocation,
                                  const ResfriDemand     *demand,
                                  guint                   i)
{
  g_return_val_if_fail (i < demand->n_members, NULL);

  return &g_array_index (allocation->occurrences, ResfriDemandOccurrence,
                         g_array_index (allocation->members, guint, demand->first_member + i));
}

/* Allocates one pool's demands @merged[first … last) into @allocation. */
static void
allocate_pool (ResfriAllocation *allocation,
               Collector        *c,
               Supply           *supply,
               Existing         *existing,
               const Merged     *merged,
               guint             n,
               const guint      *members)
{
  const Merged *first = &merged[0];
  Pool *pool = supply_get_pool (supply, first->site_id, first->type, FALSE);
  guint n_items = pool != NULL ? pool->items->len : 0;
  const PoolItem *items = pool != NULL ? (const PoolItem *) (gpointer) pool->items->data : NULL;
  gint64 key = pool_key (first->site_id, first->type);
  GArray *pool_bookings = g_hash_table_lookup (existing->by_pool, &key);
  g_autofree gint64 *preassigned = g_new0 (gint64, n);
  g_autoptr(GArray) intervals = g_array_new (FALSE, FALSE, sizeof (ResfriInterval));
  g_autoptr(GArray) solver_index = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) blocks = g_array_new (FALSE, FALSE, sizeof (ResfriItemBlock));
  g_autofree int *assignment = NULL;
  gboolean proven = TRUE;
  const char *site = supply_site_code (supply, first->site_id);

  if (pool_bookings != NULL && n_items > 0)
    {
      g_autoptr(GHashTable) item_index = g_hash_table_new (g_int64_hash, g_int64_equal);

      for (guint i = 0; i < n_items; i++)
        g_hash_table_insert (item_index, (gpointer) &items[i].id, GUINT_TO_POINTER (i + 1));

      for (guint j = 0; j < pool_bookings->len; j++)
        {
          const ExistingBooking *b = &g_array_index (existing->bookings, ExistingBooking,
                                                     g_array_index (pool_bookings, guint, j));
          guint i = GPOINTER_TO_UINT (g_hash_table_lookup (item_index, &b->equipment_id));
          ResfriItemBlock block = { i - 1, b->start, b->end };

          if (i != 0)
            g_array_append_val (blocks, block);
        }

      for (guint d = 0; d < n; d++)
        preassigned[d] = existing_covering_item (existing, &merged[d], key,
                                                 (const ResfriDemandOccurrence *) (gpointer) c->occurrences->data,
                                                 members);
    }

  for (guint d = 0; d < n; d++)
    if (preassigned[d] == 0)
      {
        ResfriInterval iv = { merged[d].start, merged[d].end };

        g_array_append_val (intervals, iv);
        g_array_append_val (solver_index, d);
      }

  assignment = g_new (int, MAX (intervals->len, 1));
  resfri_allocation_solve_pool (n_items, (const ResfriItemBlock *) (gpointer) blocks->data,
                                blocks->len, (const ResfriInterval *) (gpointer) intervals->data,
                                intervals->len, assignment, &proven);
  if (!proven)
    allocation->proven = FALSE;

  for (guint d = 0, s = 0; d < n; d++)
    {
      const Merged *m = &merged[d];
      ResfriDemand demand = { 0, };

      demand.person_id = m->person_id;
      if (m->person_id != 0)
        {
          PersonEntry *person = collector_lookup_person (c, m->person_id);

          demand.person = person != NULL ? person->email : NULL;
        }
      demand.type = type_names[m->type];
      demand.site_id = m->site_id;
      demand.site = site;
      demand.start = m->start;
      demand.end = m->end;
      demand.first_member = m->first_member;
      demand.n_members = m->n_members;

      if (preassigned[d] != 0)
        {
          demand.item_id = preassigned[d];
          demand.booked = TRUE;
          for (guint i = 0; i < n_items; i++)
            if (items[i].id == preassigned[d])
              demand.item = items[i].tag;
        }
      else
        {
          int a = assignment[s++];

          if (a >= 0)
            {
              demand.item_id = items[a].id;
              demand.item = items[a].tag;
            }
        }
      if (demand.item_id != 0)
        allocation->served++;
      g_array_append_val (allocation->demands, demand);
    }
}

static gboolean
allocation_fill (ResfriStore       *store,
                 ResfriAllocation  *allocation,
                 Collector         *c,
                 Supply            *supply,
                 GError           **error)
{
  g_autoptr(GArray) merged = NULL;
  Existing existing = { NULL, };
  gint64 span_start = G_MAXINT64;
  gint64 span_end = G_MININT64;
  gboolean ok = FALSE;

  merged = merge_demands (c, allocation->scenario == RESFRI_SCENARIO_PLANNED, allocation->members);
  for (guint i = 0; i < merged->len; i++)
    {
      span_start = MIN (span_start, g_array_index (merged, Merged, i).start);
      span_end = MAX (span_end, g_array_index (merged, Merged, i).end);
    }
  if (!existing_load (store, &existing, allocation->strings, span_start, span_end, error))
    goto out;

  for (guint first = 0; first < merged->len;)
    {
      const Merged *m = &g_array_index (merged, Merged, first);
      guint last = first + 1;

      while (last < merged->len &&
             g_array_index (merged, Merged, last).site_id == m->site_id &&
             g_array_index (merged, Merged, last).type == m->type)
        last++;

      allocate_pool (allocation, c, supply, &existing, m, last - first,
                     (const guint *) (gpointer) allocation->members->data);
      first = last;
    }

  g_array_sort (allocation->demands, demand_output_compare);
  allocation->occurrences = g_array_ref (c->occurrences);
  ok = TRUE;

out:
  existing_clear (&existing);
  return ok;
}

typedef struct
{
  const ResfriDemand           *demand;
  const ResfriDemandOccurrence *occurrence;
  gint64                        start;
  gint64                        end;
} BookingPiece;

static int
piece_latest_first (gconstpointer a,
                    gconstpointer b)
{
  const BookingPiece *x = a;
  const BookingPiece *y = b;

  if (x->start != y->start)
    return x->start > y->start ? -1 : 1;
  return (x->demand->item_id > y->demand->item_id) - (x->demand->item_id < y->demand->item_id);
}

/**
 * resfri_allocation_book:
 * @store: the store
 * @allocation: an allocation of @store
 * @n_booked: (out) (optional): the number of bookings written
 * @error: return location for an error
 *
 * Stores the allocation's assignments as item bookings, in one
 * transaction (nothing is written on an error). A demand that stands for
 * several occurrences gets one booking per occurrence, the bookings
 * together covering its interval without overlapping each other (an
 * occurrence inside an earlier one needs no booking of its own). Demands
 * already @booked are left as they are.
 *
 * Returns: %TRUE on success
 */
gboolean
resfri_allocation_book (ResfriStore       *store,
                        ResfriAllocation  *allocation,
                        guint             *n_booked,
                        GError           **error)
{
  g_autoptr(GArray) pieces = g_array_new (FALSE, FALSE, sizeof (BookingPiece));

  g_return_val_if_fail (RESFRI_IS_STORE (store), FALSE);
  g_return_val_if_fail (allocation != NULL, FALSE);

  for (guint d = 0; d < allocation->demands->len; d++)
    {
      const ResfriDemand *demand = &g_array_index (allocation->demands, ResfriDemand, d);
      gint64 covered;

      if (demand->item_id == 0 || demand->booked)
        continue;

      covered = demand->start;
      for (guint i = 0; i < demand->n_members; i++)
        {
          const ResfriDemandOccurrence *o = resfri_allocation_get_occurrence (allocation, demand, i);
          BookingPiece piece = { demand, o, MAX (o->start - allocation->buffer, covered),
                                 MIN (o->end + allocation->buffer, demand->end) };

          if (piece.end <= piece.start)
            continue;
          g_array_append_val (pieces, piece);
          covered = piece.end;
        }
    }

  /* The store's overlap trigger looks at the item's bookings that start
   * before the new one ends: written latest first, those are few. */
  g_array_sort (pieces, piece_latest_first);

  if (!_resfri_store_begin (store, error))
    return FALSE;

  for (guint p = 0; p < pieces->len; p++)
    {
      const BookingPiece *piece = &g_array_index (pieces, BookingPiece, p);

      if (resfri_bookings_add_item (store, piece->demand->item_id, piece->occurrence->uid,
                                    piece->occurrence->recurrence_id, piece->demand->person_id,
                                    piece->start, piece->end, error) == 0)
        {
          _resfri_store_rollback (store);
          return FALSE;
        }
    }

  if (!_resfri_store_commit (store, error))
    {
      _resfri_store_rollback (store);
      return FALSE;
    }

  for (guint d = 0; d < allocation->demands->len; d++)
    {
      ResfriDemand *demand = &g_array_index (allocation->demands, ResfriDemand, d);

      if (demand->item_id != 0)
        demand->booked = TRUE;
    }
  if (n_booked != NULL)
    *n_booked = pieces->len;

  return TRUE;
}

/* ---- Gaps and the order list ---------------------------------------------- */

static void
shortfall_free (gpointer data)
{
  ResfriShortfall *s = data;

  g_free (s->site);
  g_free (s->type);
  g_free (s);
}

static void
person_without_free (gpointer data)
{
  ResfriPersonWithout *p = data;

  g_free (p->person);
  g_free (p->unit);
  g_free (p->type);
  g_free (p);
}

static void
equip_unit_free (gpointer data)
{
  ResfriEquipUnit *u = data;

  g_free (u->unit);
  g_free (u);
}

void
resfri_gaps_free (ResfriGaps *gaps)
{
  if (gaps == NULL)
    return;

  for (guint s = 0; s < G_N_ELEMENTS (gaps->scenarios); s++)
    g_clear_pointer (&gaps->scenarios[s].shortfall, g_ptr_array_unref);
  g_clear_pointer (&gaps->people_without, g_ptr_array_unref);
  g_clear_pointer (&gaps->equip_everyone, g_ptr_array_unref);
  g_free (gaps);
}

static int
shortfall_compare (gconstpointer a,
                   gconstpointer b)
{
  const ResfriShortfall *x = *(ResfriShortfall * const *) a;
  const ResfriShortfall *y = *(ResfriShortfall * const *) b;
  int cmp = strcmp (x->site, y->site);

  return cmp != 0 ? cmp : strcmp (x->type, y->type);
}

static int
person_without_compare (gconstpointer a,
                        gconstpointer b)
{
  const ResfriPersonWithout *x = *(ResfriPersonWithout * const *) a;
  const ResfriPersonWithout *y = *(ResfriPersonWithout * const *) b;
  int cmp;

  if (x->remote_occurrences != y->remote_occurrences)
    return x->remote_occurrences > y->remote_occurrences ? -1 : 1;
  if ((cmp = strcmp (x->person, y->person)) != 0)
    return cmp;
  return strcmp (x->type, y->type);
}

static ResfriShortfall *
shortfall_new (Supply       *supply,
               gint64        site_id,
               guint         type,
               guint         peak,
               const double *prices)
{
  ResfriShortfall *s = g_new0 (ResfriShortfall, 1);
  Pool *pool = supply_get_pool (supply, site_id, type, FALSE);

  s->site = g_strdup (supply_site_code (supply, site_id));
  s->type = g_strdup (type_names[type]);
  s->pool = pool != NULL ? pool->items->len : 0;
  s->peak_demand = peak;
  s->to_order = peak > s->pool ? peak - s->pool : 0;
  s->unit_cost = prices[type];
  s->cost = s->to_order * s->unit_cost;

  return s;
}

static gboolean
gaps_people (ResfriStore   *store,
             ResfriGaps    *gaps,
             Collector     *c,
             const double  *prices,
             GError       **error)
{
  sqlite3_stmt *stmt;
  ResfriEquipUnit *unit = NULL;
  int rc;

  if (!(stmt = _resfri_store_prepare (store,
                                      "SELECT p.id, p.email, u.path,"
                                      "  EXISTS (SELECT 1 FROM equipment e JOIN equipment_types t ON t.id = e.type_id"
                                      "           WHERE e.owner_id = p.id AND e.state = 'ok' AND t.name = 'headset'),"
                                      "  EXISTS (SELECT 1 FROM equipment e JOIN equipment_types t ON t.id = e.type_id"
                                      "           WHERE e.owner_id = p.id AND e.state = 'ok' AND t.name = 'camera')"
                                      "  FROM people p JOIN units u ON u.id = p.unit_id"
                                      " ORDER BY u.path, p.email",
                                      error)))
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      const char *email = (const char *) sqlite3_column_text (stmt, 1);
      const char *path = (const char *) sqlite3_column_text (stmt, 2);
      gboolean missing[2] = { !sqlite3_column_int (stmt, 3), !sqlite3_column_int (stmt, 4) };
      PersonEntry *entry = collector_lookup_person (c, id);

      if (unit == NULL || strcmp (unit->unit, path) != 0)
        {
          unit = g_new0 (ResfriEquipUnit, 1);
          unit->unit = g_strdup (path);
          g_ptr_array_add (gaps->equip_everyone, unit);
        }
      unit->people++;

      for (guint t = TYPE_HEADSET; t <= TYPE_CAMERA; t++)
        {
          ResfriPersonWithout *p;

          if (!missing[t])
            continue;
          if (t == TYPE_HEADSET)
            unit->headsets++;
          else
            unit->cameras++;
          unit->cost += prices[t];

          p = g_new0 (ResfriPersonWithout, 1);
          p->person = g_strdup (email);
          p->unit = g_strdup (path);
          p->type = g_strdup (type_names[t]);
          p->remote_occurrences = entry != NULL ? entry->remote : 0;
          g_ptr_array_add (gaps->people_without, p);
        }
    }
  if (rc != SQLITE_DONE)
    {
      _resfri_store_set_error (store, error, _("Could not read the people"));
      return FALSE;
    }

  g_ptr_array_sort (gaps->people_without, person_without_compare);

  return TRUE;
}

static gboolean
gaps_fill (ResfriStore   *store,
           ResfriGaps    *gaps,
           Collector     *c,
           Supply        *supply,
           GError       **error)
{
  double prices[N_TYPES];

  for (guint t = 0; t < N_TYPES; t++)
    if (!resfri_policy_get_unit_price (store, type_names[t], &prices[t], error))
      return FALSE;

  for (guint s = 0; s < G_N_ELEMENTS (gaps->scenarios); s++)
    {
      ResfriGapsScenario *scenario = &gaps->scenarios[s];
      g_autoptr(GArray) members = g_array_new (FALSE, FALSE, sizeof (guint));
      g_autoptr(GArray) merged = merge_demands (c, s == RESFRI_SCENARIO_PLANNED, members);
      g_autoptr(GArray) intervals = g_array_new (FALSE, FALSE, sizeof (ResfriInterval));
      g_autoptr(GHashTable) seen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
      GHashTableIter iter;
      Pool *pool;

      gaps->n_demands[s] = merged->len;

      for (guint first = 0; first < merged->len;)
        {
          const Merged *m = &g_array_index (merged, Merged, first);
          gint64 key = pool_key (m->site_id, m->type);
          ResfriShortfall *shortfall;
          guint last = first;

          g_array_set_size (intervals, 0);
          while (last < merged->len &&
                 g_array_index (merged, Merged, last).site_id == m->site_id &&
                 g_array_index (merged, Merged, last).type == m->type)
            {
              ResfriInterval iv = { g_array_index (merged, Merged, last).start,
                                    g_array_index (merged, Merged, last).end };

              g_array_append_val (intervals, iv);
              last++;
            }

          shortfall = shortfall_new (supply, m->site_id, m->type,
                                     resfri_allocation_peak ((const ResfriInterval *) (gpointer) intervals->data,
                                                             intervals->len),
                                     prices);
          scenario->total_cost += shortfall->cost;
          g_ptr_array_add (scenario->shortfall, shortfall);
          g_hash_table_add (seen, g_memdup2 (&key, sizeof key));
          first = last;
        }

      /* Pools without demand are listed too: their peak is 0. */
      g_hash_table_iter_init (&iter, supply->pools);
      while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &pool))
        if (!g_hash_table_contains (seen, &pool->key))
          g_ptr_array_add (scenario->shortfall,
                           shortfall_new (supply, pool->site_id, pool->type, 0, prices));

      g_ptr_array_sort (scenario->shortfall, shortfall_compare);
    }

  gaps->payback_km = c->payback_km;
  gaps->payback_cost_sek = c->payback_cost_sek;
  gaps->payback_co2_kg = c->payback_co2_kg;

  return gaps_people (store, gaps, c, prices, error);
}

/**
 * resfri_allocation_plan:
 * @store: the store
 * @policy: (nullable): the policy; %NULL: the store's settings
 * @from: the horizon's start (UTC unix seconds)
 * @to: its end
 * @scenario: the allocation's scenario (spec/allocation.md "Demands")
 * @allocation: (out) (optional) (transfer full): the allocation
 * @gaps: (out) (optional) (transfer full): the gaps of both scenarios
 * @cancellable: (nullable): a cancellable
 * @error: return location for an error
 *
 * The allocation and the gaps from one pass over the occurrences: what
 * resfri_allocation_compute() and resfri_gaps_compute() return, for a
 * caller that wants both.
 *
 * Returns: %TRUE on success
 */
gboolean
resfri_allocation_plan (ResfriStore         *store,
                        const ResfriPolicy  *policy,
                        gint64               from,
                        gint64               to,
                        ResfriScenario       scenario,
                        ResfriAllocation   **allocation_out,
                        ResfriGaps         **gaps_out,
                        GCancellable        *cancellable,
                        GError             **error)
{
  g_autoptr(ResfriPolicy) loaded = NULL;
  g_autoptr(ResfriAllocation) allocation = NULL;
  g_autoptr(ResfriGaps) gaps = NULL;
  GStringChunk *strings = g_string_chunk_new (64 * 1024);
  gint64 buffer;
  Collector c;
  Supply supply = { NULL, };
  gboolean ok = FALSE;

  g_return_val_if_fail (RESFRI_IS_STORE (store), FALSE);

  if (policy == NULL)
    {
      if (!(loaded = resfri_policy_load (store, error)))
        {
          g_string_chunk_free (strings);
          return FALSE;
        }
      policy = loaded;
    }
  buffer = (gint64) policy->loan_buffer_min * 60;

  if (allocation_out != NULL)
    {
      allocation = g_new0 (ResfriAllocation, 1);
      allocation->from = from;
      allocation->to = to;
      allocation->scenario = scenario;
      allocation->buffer = buffer;
      allocation->proven = TRUE;
      allocation->strings = strings;   /* the allocation owns them now */
      allocation->demands = g_array_new (FALSE, FALSE, sizeof (ResfriDemand));
      allocation->members = g_array_new (FALSE, FALSE, sizeof (guint));
    }
  if (gaps_out != NULL)
    {
      gaps = g_new0 (ResfriGaps, 1);
      gaps->from = from;
      gaps->to = to;
      for (guint s = 0; s < G_N_ELEMENTS (gaps->scenarios); s++)
        gaps->scenarios[s].shortfall = g_ptr_array_new_with_free_func (shortfall_free);
      gaps->people_without = g_ptr_array_new_with_free_func (person_without_free);
      gaps->equip_everyone = g_ptr_array_new_with_free_func (equip_unit_free);
    }

  /* The planned allocation alone needs only the planned occurrences. */
  collector_init (&c, buffer, gaps == NULL && scenario == RESFRI_SCENARIO_PLANNED, strings);
  if (!collect (store, policy, from, to, &c, cancellable, error) ||
      !supply_load (store, &supply, strings, error))
    goto out;

  if (allocation != NULL && !allocation_fill (store, allocation, &c, &supply, error))
    goto out;
  if (gaps != NULL && !gaps_fill (store, gaps, &c, &supply, error))
    goto out;

  if (allocation_out != NULL)
    *allocation_out = g_steal_pointer (&allocation);
  if (gaps_out != NULL)
    *gaps_out = g_steal_pointer (&gaps);
  ok = TRUE;

out:
  collector_clear (&c);
  supply_clear (&supply);
  if (allocation_out == NULL)
    g_string_chunk_free (strings);

  return ok;
}

/**
 * resfri_allocation_compute:
 * @store: the store
 * @policy: (nullable): the policy; %NULL: the store's settings
 * @from: the horizon's start (UTC unix seconds)
 * @to: its end
 * @scenario: which occurrences count (spec/allocation.md "Demands")
 * @cancellable: (nullable): a cancellable
 * @error: return location for an error
 *
 * The demands of the horizon and the maximal allocation of loan items to
 * them. Existing bookings of items are kept: their items are taken for
 * their intervals, and a demand whose occurrences already have an item of
 * its pool booked for the person over its whole interval keeps that item
 * (@booked).
 *
 * Returns: (transfer full): the allocation, or %NULL with @error set
 */
ResfriAllocation *
resfri_allocation_compute (ResfriStore         *store,
                           const ResfriPolicy  *policy,
                           gint64               from,
                           gint64               to,
                           ResfriScenario       scenario,
                           GCancellable        *cancellable,
                           GError             **error)
{
  ResfriAllocation *allocation = NULL;

  if (!resfri_allocation_plan (store, policy, from, to, scenario, &allocation, NULL,
                               cancellable, error))
    return NULL;

  return allocation;
}

/**
 * resfri_gaps_compute:
 * @store: the store
 * @policy: (nullable): the policy; %NULL: the store's settings
 * @from: the horizon's start (UTC unix seconds)
 * @to: its end
 * @cancellable: (nullable): a cancellable
 * @error: return location for an error
 *
 * Gaps and the order list of spec/allocation.md for both scenarios, the
 * people without personal equipment (remote occurrences counted in the
 * policy scenario), the cost of equipping every person of each unit (its
 * own people) and the policy scenario's payback: the travel of the
 * non-compliant occurrences, which holding them online would avoid.
 *
 * Returns: (transfer full): the gaps, or %NULL with @error set
 */
ResfriGaps *
resfri_gaps_compute (ResfriStore         *store,
                     const ResfriPolicy  *policy,
                     gint64               from,
                     gint64               to,
                     GCancellable        *cancellable,
                     GError             **error)
{
  ResfriGaps *gaps = NULL;

  if (!resfri_allocation_plan (store, policy, from, to, RESFRI_SCENARIO_POLICY, NULL, &gaps,
                               cancellable, error))
    return NULL;

  return gaps;
}

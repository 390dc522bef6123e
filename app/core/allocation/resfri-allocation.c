/* resfri-allocation.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The allocation of spec/allocation.md: the maximal assignment of loan
 * items to the demands of one scenario, pool by pool with the pool solver,
 * keeping the items' existing bookings; --book's bookings; and
 * resfri_allocation_plan(), the one pass that gives the allocation and the
 * gaps together.
 *
 * The supply is taken per interval, not per horizon: what a followed item
 * calendar reserves (spec/sync.md) blocks that item for the reservation's
 * interval exactly as an existing booking does, so the pool solver gives
 * it to no demand overlapping it and serves the others. It never counts as
 * an item already booked for a demand. What a followed pool calendar
 * reserves takes one item of the pool, whichever: it is pinned to a free
 * one before the solver runs (pin_pool_reservations()), so the pool's
 * supply is one less over its interval. The gaps (resfri-gaps.c) compare
 * the peak demand with the pool's size over the horizon: a pool
 * reservation is demand on the pool there, an item calendar's is not (a
 * reservation of one named item is another system's use of it, and to
 * order items for that is not the order list's purpose).
 */

#include "config.h"

#include <string.h>

#include "resfri-allocation-private.h"
#include "resfri-bookings-private.h"

typedef struct
{
  gint64      equipment_id;
  gint64      start;
  gint64      end;
  gint64      person_id;    /* 0: none */
  gint64      pool;         /* _resfri_pool_key () of the item */
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

typedef struct
{
  Existing     *existing;
  GStringChunk *strings;
} ExistingLoad;

/* A booking of a pool's item: a block of its pool and, when @serves (a
 * Resfri booking, not a reservation the calendar holds), what its
 * occurrence already has. */
static void
existing_put (ExistingLoad            *load,
              const ResfriLoanBooking *booking,
              gboolean                 serves)
{
  Existing *existing = load->existing;
  int type = _resfri_equipment_type_from_name (booking->type);
  ExistingBooking b;
  guint index = existing->bookings->len;

  if (type < 0)
    return;
  b.equipment_id = booking->equipment_id;
  b.start = booking->start;
  b.end = booking->end;
  b.person_id = booking->person_id;
  b.pool = _resfri_pool_key (booking->site_id, (guint) type);
  b.uid = g_string_chunk_insert_const (load->strings, booking->uid);
  b.recurrence_id = g_string_chunk_insert_const (load->strings, booking->recurrence_id);
  g_array_append_val (existing->bookings, b);

  index_add (existing->by_pool, g_memdup2 (&b.pool, sizeof b.pool), index, TRUE);
  if (serves)
    index_add (existing->by_occurrence, occurrence_key (b.uid, b.recurrence_id, b.person_id),
               index, TRUE);
}

static void
existing_add (const ResfriLoanBooking *booking,
              gpointer                 user_data)
{
  existing_put (user_data, booking, TRUE);
}

static void
existing_add_reservation (const ResfriLoanBooking *booking,
                          gpointer                 user_data)
{
  existing_put (user_data, booking, FALSE);
}

static gboolean
existing_load (ResfriStore   *store,
               Existing      *existing,
               GStringChunk  *strings,
               gint64         from,
               gint64         to,
               GError       **error)
{
  ExistingLoad load = { existing, strings };

  existing->bookings = g_array_new (FALSE, FALSE, sizeof (ExistingBooking));
  existing->by_pool = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                             (GDestroyNotify) g_array_unref);
  existing->by_occurrence = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                   (GDestroyNotify) g_array_unref);

  return _resfri_bookings_read_pool_loans (store, from, to, existing_add, &load, error) &&
         _resfri_reservations_read_pool_items (store, from, to, existing_add_reservation, &load,
                                               error);
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
  g_clear_pointer (&allocation->more_strings, g_ptr_array_unref);
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

static gboolean
blocks_overlap (GArray *blocks,
                guint   item,
                gint64  start,
                gint64  end,
                gint64 *free_since)
{
  *free_since = G_MININT64;
  for (guint i = 0; i < blocks->len; i++)
    {
      const ResfriItemBlock *b = &g_array_index (blocks, ResfriItemBlock, i);

      if (b->item != item)
        continue;
      if (b->start < end && start < b->end)
        return TRUE;
      if (b->end <= start)
        *free_since = MAX (*free_since, b->end);
    }
  return FALSE;
}

static int
reservation_by_start (gconstpointer a,
                      gconstpointer b)
{
  const ExistingBooking *x = *(ExistingBooking * const *) a;
  const ExistingBooking *y = *(ExistingBooking * const *) b;

  if (x->start != y->start)
    return x->start < y->start ? -1 : 1;
  return (x->end > y->end) - (x->end < y->end);
}

/* A pool calendar's reservation holds one item of the pool, whichever
 * (equipment_id 0): each is pinned, by start, to the item free over its
 * whole interval that became free latest before it (best fit, as the
 * solver's greedy), and blocks that item. One that finds none is beyond
 * the pool's size (a conflict in the calendar) and takes nothing more.
 * An occurrence's own reservation is what its demands on the pool stand
 * for: it blocks nothing (@own holds their "uid\x1frid" keys). */
static void
pin_pool_reservations (Existing   *existing,
                       GArray     *pool_bookings,
                       guint       n_items,
                       GHashTable *own,
                       GArray     *blocks)
{
  g_autoptr(GPtrArray) reservations = g_ptr_array_new ();

  for (guint j = 0; j < pool_bookings->len; j++)
    {
      ExistingBooking *b = &g_array_index (existing->bookings, ExistingBooking,
                                           g_array_index (pool_bookings, guint, j));
      g_autofree char *key = NULL;

      if (b->equipment_id != 0)
        continue;
      key = g_strdup_printf ("%s\x1f%s", b->uid, b->recurrence_id);
      if (!g_hash_table_contains (own, key))
        g_ptr_array_add (reservations, b);
    }
  g_ptr_array_sort (reservations, reservation_by_start);

  for (guint r = 0; r < reservations->len; r++)
    {
      const ExistingBooking *b = g_ptr_array_index (reservations, r);
      gint64 best_free = G_MININT64;
      int best = -1;

      for (guint i = 0; i < n_items; i++)
        {
          gint64 free_since;

          if (!blocks_overlap (blocks, i, b->start, b->end, &free_since) &&
              (best < 0 || free_since > best_free))
            {
              best = (int) i;
              best_free = free_since;
            }
        }
      if (best >= 0)
        {
          ResfriItemBlock block = { (guint) best, b->start, b->end };

          g_array_append_val (blocks, block);
        }
    }
}

/* What allocate_pool() adds to: the allocation's own, or one thread's
 * share of the pools. */
typedef struct
{
  GArray   *demands;   /* ResfriDemand */
  guint     served;
  gboolean  proven;
} PoolResults;

/* Allocates one pool's demands @merged[first … last) into @allocation. */
static void
allocate_pool (PoolResults      *allocation,
               Collector        *c,
               Supply           *supply,
               Existing         *existing,
               const Merged     *merged,
               guint             n,
               const guint      *members)
{
  const Merged *first = &merged[0];
  Pool *pool = _resfri_supply_get_pool (supply, first->site_id, first->type, FALSE);
  guint n_items = pool != NULL ? pool->items->len : 0;
  const PoolItem *items = pool != NULL ? (const PoolItem *) (gpointer) pool->items->data : NULL;
  gint64 key = _resfri_pool_key (first->site_id, first->type);
  GArray *pool_bookings = g_hash_table_lookup (existing->by_pool, &key);
  g_autofree gint64 *preassigned = g_new0 (gint64, n);
  g_autoptr(GArray) intervals = g_array_new (FALSE, FALSE, sizeof (ResfriInterval));
  g_autoptr(GArray) solver_index = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) blocks = g_array_new (FALSE, FALSE, sizeof (ResfriItemBlock));
  g_autofree int *assignment = NULL;
  gboolean proven = TRUE;
  const char *site = _resfri_supply_site_code (supply, first->site_id);

  if (pool_bookings != NULL && n_items > 0)
    {
      g_autoptr(GHashTable) item_index = g_hash_table_new (g_int64_hash, g_int64_equal);
      g_autoptr(GHashTable) own = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

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
        for (guint i = 0; i < merged[d].n_members; i++)
          {
            guint member = members[merged[d].first_member + i];
            const ResfriDemandOccurrence *o = &g_array_index (c->occurrences,
                                                              ResfriDemandOccurrence, member);

            g_hash_table_add (own, g_strdup_printf ("%s\x1f%s", o->uid, o->recurrence_id));
          }
      pin_pool_reservations (existing, pool_bookings, n_items, own, blocks);

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
          PersonEntry *person = _resfri_collector_lookup_person (c, m->person_id);

          demand.person = person != NULL ? person->email : NULL;
        }
      demand.type = _resfri_equipment_type_names[m->type];
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

/* The pools of @merged[first … last), each pool's demands together. */
typedef struct
{
  Collector    *c;
  Supply       *supply;
  Existing     *existing;
  const Merged *merged;
  const guint  *members;
  guint         first;
  guint         last;
  PoolResults   results;
} PoolRange;

/* The end of the pool that @merged[i] is in (@n: past the last). */
static guint
pool_end (const Merged *merged,
          guint         n,
          guint         i)
{
  guint last = i;

  while (last < n && merged[last].site_id == merged[i].site_id &&
         merged[last].type == merged[i].type)
    last++;

  return last;
}

static void
allocate_range (PoolRange *range)
{
  for (guint first = range->first; first < range->last;)
    {
      guint last = pool_end (range->merged, range->last, first);

      allocate_pool (&range->results, range->c, range->supply, range->existing,
                     &range->merged[first], last - first, range->members);
      first = last;
    }
  g_array_sort (range->results.demands, demand_output_compare);
}

static gpointer
allocate_range_thread (gpointer data)
{
  allocate_range (data);

  return NULL;
}

/* @into and @more, each sorted by demand_output_compare(), merged into
 * @into: what g_array_sort() (a stable merge sort) makes of the two one
 * after the other, @into's first on a tie. From the back, in place: no
 * copy of the larger half (the policy scenario's demands of the largest
 * demo are tens of MB). */
static void
merge_sorted (GArray *into,
              GArray *more)
{
  const ResfriDemand *b = (const ResfriDemand *) (gpointer) more->data;
  guint i = into->len;
  guint j = more->len;
  guint k = into->len + more->len;
  ResfriDemand *out;

  g_array_set_size (into, k);
  out = (ResfriDemand *) (gpointer) into->data;
  while (j > 0)
    {
      /* The last of what is left: @into's only when it sorts after. */
      if (i > 0 && demand_output_compare (&out[i - 1], &b[j - 1]) > 0)
        out[--k] = out[--i];
      else
        out[--k] = b[--j];
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

  merged = _resfri_collector_merge (c, allocation->scenario == RESFRI_SCENARIO_PLANNED,
                                    allocation->members);
  for (guint i = 0; i < merged->len; i++)
    {
      span_start = MIN (span_start, g_array_index (merged, Merged, i).start);
      span_end = MAX (span_end, g_array_index (merged, Merged, i).end);
    }
  if (!existing_load (store, &existing, allocation->strings, span_start, span_end, error))
    goto out;

  /* The pools are independent and only read what is shared: on two
   * processors the later half of the demands (whole pools) is solved on a
   * thread, and its results follow the first half's, in the same order. */
  {
    PoolRange ranges[2] = {
      { c, supply, &existing, (const Merged *) (gpointer) merged->data,
        (const guint *) (gpointer) allocation->members->data, 0, merged->len,
        { allocation->demands, 0, TRUE } },
      { c, supply, &existing, (const Merged *) (gpointer) merged->data,
        (const guint *) (gpointer) allocation->members->data, merged->len, merged->len,
        { NULL, 0, TRUE } },
    };
    GThread *thread = NULL;

    if (g_get_num_processors () >= 2)
      {
        guint split = pool_end (ranges[0].merged, merged->len, merged->len / 2);

        if (split > 0 && split < merged->len)
          {
            ranges[0].last = split;
            ranges[1].first = split;
            ranges[1].results.demands = g_array_new (FALSE, FALSE, sizeof (ResfriDemand));
            thread = g_thread_new ("resfri-allocation", allocate_range_thread, &ranges[1]);
          }
      }
    allocate_range (&ranges[0]);
    if (thread != NULL)
      {
        g_thread_join (thread);
        merge_sorted (allocation->demands, ranges[1].results.demands);
        g_array_unref (ranges[1].results.demands);
      }
    allocation->served += ranges[0].results.served + ranges[1].results.served;
    if (!ranges[0].results.proven || !ranges[1].results.proven)
      allocation->proven = FALSE;
  }

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

/* ---- The allocation and the gaps in one pass ------------------------------ */

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
  GapsPeople *people = NULL;
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
    gaps = _resfri_gaps_new (from, to);

  /* The planned allocation alone needs only the planned occurrences. */
  _resfri_collector_init (&c, buffer, gaps == NULL && scenario == RESFRI_SCENARIO_PLANNED, strings);
  /* The gaps' people are read meanwhile. */
  if (gaps != NULL && !(people = _resfri_gaps_people_start (store, gaps, error)))
    goto out;
  if (people != NULL)
    {
      c.registers_func = _resfri_gaps_people_give_registers;
      c.registers_data = people;
    }
  if (!_resfri_collector_collect (store, policy, from, to, &c, cancellable, error) ||
      !_resfri_supply_load (store, &supply, strings, error))
    goto out;

  if (allocation != NULL && !allocation_fill (store, allocation, &c, &supply, error))
    goto out;
  if (gaps != NULL && !_resfri_gaps_fill (store, gaps, &c, &supply, people, error))
    goto out;

  if (allocation_out != NULL)
    {
      /* Its occurrences point into the collector's strings too. */
      allocation->more_strings = g_steal_pointer (&c.adopted);
      *allocation_out = g_steal_pointer (&allocation);
    }
  if (gaps_out != NULL)
    *gaps_out = g_steal_pointer (&gaps);
  ok = TRUE;

out:
  g_clear_pointer (&people, _resfri_gaps_people_free);
  _resfri_collector_clear (&c);
  _resfri_supply_clear (&supply);
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

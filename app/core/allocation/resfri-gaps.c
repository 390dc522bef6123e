/* resfri-gaps.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Gaps and the order list of spec/allocation.md from the demands of both
 * scenarios: per pool the peak demand against the pool's items and what
 * to order at what cost (what a followed pool calendar reserves is demand
 * on the pool there, spec/sync.md), the people without a headset or camera of their
 * own, equipping everyone per unit, and the policy scenario's payback;
 * resfri_gaps_compute() and its _async/_finish pair.
 */

#include "config.h"

#include <string.h>

#include "resfri-allocation-private.h"
#include "resfri-bookings-private.h"
#include "resfri-registers-private.h"

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
  g_free (p->name);
  g_free (p->unit_name);
  g_free (p->site);
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
  _resfri_gaps_who_pays_clear (gaps);
  g_free (gaps);
}

ResfriGaps *
_resfri_gaps_new (gint64 from,
                  gint64 to)
{
  ResfriGaps *gaps = g_new0 (ResfriGaps, 1);

  gaps->from = from;
  gaps->to = to;
  for (guint s = 0; s < G_N_ELEMENTS (gaps->scenarios); s++)
    gaps->scenarios[s].shortfall = g_ptr_array_new_with_free_func (shortfall_free);
  gaps->people_without = g_ptr_array_new_with_free_func (person_without_free);
  gaps->equip_everyone = g_ptr_array_new_with_free_func (equip_unit_free);
  _resfri_gaps_who_pays_init (gaps);

  return gaps;
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
  Pool *pool = _resfri_supply_get_pool (supply, site_id, type, FALSE);

  s->site = g_strdup (_resfri_supply_site_code (supply, site_id));
  s->type = g_strdup (_resfri_equipment_type_names[type]);
  s->pool = pool != NULL ? pool->items->len : 0;
  s->peak_demand = peak;
  s->to_order = peak > s->pool ? peak - s->pool : 0;
  s->unit_cost = prices[type];
  s->cost = s->to_order * s->unit_cost;

  return s;
}

/* The people without equipment and the cost of equipping everyone, read
 * while the occurrences are collected: on a thread with a connection of
 * its own when the store allows one (resfri_allocation_plan ()). Their
 * remote occurrences come from the collector afterwards. */
struct _GapsPeople
{
  ResfriGaps      *gaps;
  double           prices[N_TYPES];
  ResfriEquipUnit *unit;         /* the unit of the last person */
  GHashTable      *unit_names;   /* &unit id → UnitName */
  GStringChunk    *strings;
  GArray          *ids;          /* per gaps->people_without: the person's id */
  char            *path;         /* the store's, for the thread */
  GAsyncQueue     *registers;    /* ResfriRegisters *, or &no_registers: the check's */
  GThread         *thread;
  GError          *error;
  gboolean         ok;
};

static void
add_person_gaps (const ResfriRegistersKitRow *row,
                 gpointer                     user_data)
{
  GapsPeople *pg = user_data;
  gboolean missing[2] = { !row->has_headset, !row->has_camera };
  ResfriEquipUnit *unit = pg->unit;
  const char *path = row->unit;

  if (unit == NULL || strcmp (unit->unit, path) != 0)
    {
      UnitName *name = g_new (UnitName, 1);

      name->path = g_string_chunk_insert_const (pg->strings, path);
      name->name = g_string_chunk_insert_const (pg->strings, row->unit_name);
      g_hash_table_insert (pg->unit_names, g_memdup2 (&row->unit_id, sizeof row->unit_id), name);

      unit = pg->unit = g_new0 (ResfriEquipUnit, 1);
      unit->unit = g_strdup (path);
      g_ptr_array_add (pg->gaps->equip_everyone, unit);
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
      unit->cost += pg->prices[t];

      p = g_new0 (ResfriPersonWithout, 1);
      p->person = g_strdup (row->email);
      p->name = g_strdup (row->name);
      p->unit = g_strdup (path);
      p->unit_name = g_strdup (row->unit_name);
      p->site = g_strdup (row->site);
      p->type = g_strdup (_resfri_equipment_type_names[t]);
      g_ptr_array_add (pg->gaps->people_without, p);
      g_array_append_val (pg->ids, row->id);
    }
}

/* What the queue holds when the check gives no registers. */
static char no_registers;

void
_resfri_gaps_people_give_registers (ResfriRegisters *registers,
                                    gpointer         people)
{
  GapsPeople *pg = people;

  g_async_queue_push (pg->registers, registers != NULL ? (gpointer) registers : &no_registers);
}

/* The people from the registers the check reads, once it has them (the
 * same people, without reading them again); else from a connection of
 * the thread's own. */
static gpointer
read_people (gpointer data)
{
  GapsPeople *pg = data;
  g_autoptr(ResfriStore) worker = NULL;
  gpointer registers = g_async_queue_pop (pg->registers);

  if (registers != &no_registers)
    {
      pg->ok = _resfri_registers_snapshot_kits (registers, add_person_gaps, pg);
      resfri_registers_unref (registers);
      if (pg->ok)
        return NULL;
    }
  pg->ok = (worker = resfri_store_open (pg->path, &pg->error)) != NULL &&
           _resfri_registers_read_kits (worker, add_person_gaps, pg, &pg->error);

  return NULL;
}

/* Joins the people's thread, which the check may not have given any
 * registers. */
static void
gaps_people_join (GapsPeople *pg)
{
  g_async_queue_push (pg->registers, &no_registers);
  g_thread_join (g_steal_pointer (&pg->thread));
}

GapsPeople *
_resfri_gaps_people_start (ResfriStore  *store,
                           ResfriGaps   *gaps,
                           GError      **error)
{
  GapsPeople *pg = g_new0 (GapsPeople, 1);
  const char *path = resfri_store_get_path (store);

  pg->gaps = gaps;
  pg->unit_names = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  pg->strings = g_string_chunk_new (4096);
  pg->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  pg->registers = g_async_queue_new ();
  for (guint t = 0; t < N_TYPES; t++)
    if (!resfri_policy_get_unit_price (store, _resfri_equipment_type_names[t], &pg->prices[t],
                                       error))
      {
        _resfri_gaps_people_free (pg);
        return NULL;
      }
  /* Other connections see neither an open transaction's changes nor an
   * in-memory database: then they are read after the occurrences. */
  if (!_resfri_store_in_transaction (store) && path != NULL &&
      g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      pg->path = g_strdup (path);
      pg->thread = g_thread_new ("resfri-gaps-people", read_people, pg);
    }

  return pg;
}

static gboolean
gaps_people_finish (GapsPeople   *pg,
                    ResfriStore  *store,
                    Collector    *c,
                    GError      **error)
{
  GPtrArray *people_without = pg->gaps->people_without;

  if (pg->thread != NULL)
    {
      gaps_people_join (pg);
      if (!pg->ok)
        {
          g_propagate_error (error, g_steal_pointer (&pg->error));
          return FALSE;
        }
    }
  else if (!_resfri_registers_read_kits (store, add_person_gaps, pg, error))
    return FALSE;

  for (guint i = 0; i < people_without->len; i++)
    {
      ResfriPersonWithout *p = g_ptr_array_index (people_without, i);
      PersonEntry *entry = _resfri_collector_lookup_person (c, g_array_index (pg->ids, gint64, i));

      p->remote_occurrences = entry != NULL ? entry->remote : 0;
    }
  g_ptr_array_sort (people_without, person_without_compare);

  return TRUE;
}

void
_resfri_gaps_people_free (GapsPeople *pg)
{
  gpointer registers;

  if (pg->thread != NULL)
    gaps_people_join (pg);
  while ((registers = g_async_queue_try_pop (pg->registers)) != NULL)
    if (registers != &no_registers)
      resfri_registers_unref (registers);
  g_async_queue_unref (pg->registers);
  g_clear_error (&pg->error);
  g_hash_table_unref (pg->unit_names);
  g_string_chunk_free (pg->strings);
  g_array_unref (pg->ids);
  g_free (pg->path);
  g_free (pg);
}

/* A pool calendar's reservation of one item of pool @key: demand on the
 * pool over its interval. */
typedef struct
{
  gint64  key;
  gint64  site_id;
  guint   type;
  gint64  start;
  gint64  end;
  char   *occurrence;   /* "uid\x1frid" */
} PoolReservation;

static void
pool_reservation_clear (gpointer data)
{
  g_free (((PoolReservation *) data)->occurrence);
}

typedef struct
{
  GArray     *reservations;   /* PoolReservation */
  GHashTable *used;           /* &equipment id: items an item calendar reserves */
} ReservationsRead;

static void
add_pool_reservation (const ResfriLoanBooking *booking,
                      gpointer                 user_data)
{
  ReservationsRead *read = user_data;
  int type = _resfri_equipment_type_from_name (booking->type);
  PoolReservation r;

  /* An item calendar's reservation names its item: no demand (see
   * resfri-allocation.c), but the item is not idle. */
  if (booking->equipment_id != 0)
    {
      g_hash_table_add (read->used, g_memdup2 (&booking->equipment_id, sizeof (gint64)));
      return;
    }
  if (type < 0)
    return;
  r.key = _resfri_pool_key (booking->site_id, (guint) type);
  r.site_id = booking->site_id;
  r.type = (guint) type;
  r.start = booking->start;
  r.end = booking->end;
  r.occurrence = g_strdup_printf ("%s\x1f%s", booking->uid, booking->recurrence_id);
  g_array_append_val (read->reservations, r);
}

/* Appends the intervals of pool @key's reservations to @intervals, but
 * those of an occurrence in @own: its demands on the pool stand for them. */
static void
add_reserved_intervals (GArray     *reservations,
                        gint64      key,
                        GHashTable *own,
                        GArray     *intervals,
                        GArray     *units)
{
  for (guint i = 0; i < reservations->len; i++)
    {
      const PoolReservation *r = &g_array_index (reservations, PoolReservation, i);
      ResfriInterval iv = { r->start, r->end };
      gint64 no_unit = 0;

      if (r->key == key && (own == NULL || !g_hash_table_contains (own, r->occurrence)))
        {
          g_array_append_val (intervals, iv);
          g_array_append_val (units, no_unit);
        }
    }
}

/* The shortfall of pool @site_id/@type, whose demands are @intervals,
 * those of the units @units; its purchase attributed to them. @seen:
 * (nullable) receives the pool's key. */
static void
add_shortfall (ResfriGapsScenario *scenario,
               Supply             *supply,
               gint64              site_id,
               guint               type,
               GArray             *intervals,
               GArray             *units,
               const double       *prices,
               GHashTable         *seen,
               GHashTable         *unit_names)
{
  gint64 key = _resfri_pool_key (site_id, type);
  const ResfriInterval *ivs = (const ResfriInterval *) (gpointer) intervals->data;
  ResfriShortfall *shortfall;

  gint64 peak_start;
  guint peak = _resfri_allocation_peak_at (ivs, intervals->len, &peak_start);

  shortfall = shortfall_new (supply, site_id, type, peak, prices);
  shortfall->peak_start = peak_start;
  scenario->total_cost += shortfall->cost;
  g_ptr_array_add (scenario->shortfall, shortfall);
  if (seen != NULL)
    g_hash_table_add (seen, g_memdup2 (&key, sizeof key));
  _resfri_gaps_attribute (scenario, shortfall, ivs, (const gint64 *) (gpointer) units->data,
                          intervals->len, unit_names);
}

/* What one scenario fills in. The two are independent; the policy
 * scenario's pools are filled on both cores (_resfri_gaps_fill ()). */
typedef struct
{
  ResfriGaps   *gaps;
  Collector    *c;
  Supply       *supply;
  GArray       *reservations;
  GHashTable   *unit_names;
  const double *prices;
  guint         s;
  GArray       *members;   /* guint: the occurrences of @merged's demands */
  GArray       *merged;    /* Merged, by pool */
} FillScenario;

/* The scenario's demands, merged and grouped by pool. */
static gpointer
fill_merge (gpointer data)
{
  FillScenario *fill = data;

  fill->members = g_array_new (FALSE, FALSE, sizeof (guint));
  fill->merged = _resfri_collector_merge (fill->c, fill->s == RESFRI_SCENARIO_PLANNED,
                                          fill->members);
  fill->gaps->n_demands[fill->s] = fill->merged->len;

  return NULL;
}

/* The rows of the pools of @fill's merged demands [@first, @last) (whole
 * pools, in order) added to @into: its shortfall, total_cost and by_unit.
 * Only reads what is shared, so two ranges can be filled at once. */
static void
fill_pools (FillScenario       *fill,
            guint               first,
            guint               last,
            ResfriGapsScenario *into)
{
  GArray *merged = fill->merged;
  GArray *reservations = fill->reservations;
  g_autoptr(GArray) intervals = g_array_new (FALSE, FALSE, sizeof (ResfriInterval));
  g_autoptr(GArray) units = g_array_new (FALSE, FALSE, sizeof (gint64));

  while (first < last)
    {
      const Merged *m = &g_array_index (merged, Merged, first);
      gint64 key = _resfri_pool_key (m->site_id, m->type);
      g_autoptr(GHashTable) own = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      guint end = first;

      while (end < last &&
             g_array_index (merged, Merged, end).site_id == m->site_id &&
             g_array_index (merged, Merged, end).type == m->type)
        end++;
      /* The pool's demands written in place (appended one by one, a
       * third of the filling's instructions were the appending). */
      g_array_set_size (intervals, end - first);
      g_array_set_size (units, end - first);
      for (guint d = first; d < end; d++)
        {
          const Merged *l = &g_array_index (merged, Merged, d);

          g_array_index (intervals, ResfriInterval, d - first) = (ResfriInterval) { l->start, l->end };
          g_array_index (units, gint64, d - first) = l->unit_id;
          for (guint i = 0; reservations->len > 0 && i < l->n_members; i++)
            {
              const ResfriDemandOccurrence *o =
                &g_array_index (fill->c->occurrences, ResfriDemandOccurrence,
                                g_array_index (fill->members, guint, l->first_member + i));

              g_hash_table_add (own, g_strdup_printf ("%s\x1f%s", o->uid, o->recurrence_id));
            }
        }
      add_reserved_intervals (reservations, key, own, intervals, units);
      add_shortfall (into, fill->supply, m->site_id, m->type, intervals, units, fill->prices,
                     NULL, fill->unit_names);
      first = end;
    }
}

typedef struct
{
  FillScenario       *fill;
  guint               first;
  guint               last;
  ResfriGapsScenario *into;
} PoolSpan;

static gpointer
fill_pools_thread (gpointer data)
{
  PoolSpan *range = data;

  fill_pools (range->fill, range->first, range->last, range->into);

  return NULL;
}

/* The pools without demand, the order and the transfers: the scenario's
 * rows complete. */
static void
fill_finish (FillScenario *fill)
{
  ResfriGapsScenario *scenario = &fill->gaps->scenarios[fill->s];
  GArray *reservations = fill->reservations;
  GArray *merged = fill->merged;
  g_autoptr(GArray) intervals = g_array_new (FALSE, FALSE, sizeof (ResfriInterval));
  g_autoptr(GArray) units = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  GHashTableIter iter;
  Pool *pool;

  for (guint i = 0; i < merged->len; i++)
    {
      const Merged *m = &g_array_index (merged, Merged, i);
      gint64 key = _resfri_pool_key (m->site_id, m->type);

      if (i == 0 || m->site_id != m[-1].site_id || m->type != m[-1].type)
        g_hash_table_add (seen, g_memdup2 (&key, sizeof key));
    }

  /* Pools without demand are listed too: their peak is what their
   * calendar reserves, else 0. */
  for (guint r = 0; r < reservations->len; r++)
    {
      const PoolReservation *reservation = &g_array_index (reservations, PoolReservation, r);

      if (g_hash_table_contains (seen, &reservation->key))
        continue;
      g_array_set_size (intervals, 0);
      g_array_set_size (units, 0);
      add_reserved_intervals (reservations, reservation->key, NULL, intervals, units);
      add_shortfall (scenario, fill->supply, reservation->site_id, reservation->type, intervals,
                     units, fill->prices, seen, fill->unit_names);
    }
  g_hash_table_iter_init (&iter, fill->supply->pools);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &pool))
    if (!g_hash_table_contains (seen, &pool->key))
      g_ptr_array_add (scenario->shortfall,
                       shortfall_new (fill->supply, pool->site_id, pool->type, 0, fill->prices));

  g_ptr_array_sort (scenario->shortfall, shortfall_compare);
  _resfri_gaps_plan_transfers (scenario);

  g_clear_pointer (&fill->merged, g_array_unref);
  g_clear_pointer (&fill->members, g_array_unref);
}

/* Where the policy scenario's pools are split between the two threads:
 * at the first pool boundary at or after this many thousandths of its
 * demands (rounded up: 1 splits after the first pool). 0 and 1000 fill
 * them on one thread. The thread's share is the larger one: after the
 * pools, the caller's thread still finishes the rows (fill_finish ())
 * and finds the idle items. */
#define SPLIT_DEFAULT 600
static guint split_permille = SPLIT_DEFAULT;

/* For the tests; above 1000: back to the default. */
void
_resfri_gaps_set_split (guint permille)
{
  g_atomic_int_set (&split_permille, permille > 1000 ? SPLIT_DEFAULT : permille);
}

/* The first pool boundary of @merged at or after @target. */
static guint
pool_boundary (GArray *merged,
               guint   target)
{
  guint split = MIN (target, merged->len);

  while (split > 0 && split < merged->len &&
         g_array_index (merged, Merged, split - 1).site_id ==
         g_array_index (merged, Merged, split).site_id &&
         g_array_index (merged, Merged, split - 1).type ==
         g_array_index (merged, Merged, split).type)
    split++;

  return split;
}

/* @fill's pools, those of [0, split) on a thread and the others here,
 * their rows then added in the order one pass makes. */
static void
fill_pools_split (FillScenario *fill)
{
  ResfriGapsScenario *scenario = &fill->gaps->scenarios[fill->s];
  guint n = fill->merged->len;
  guint split = pool_boundary (fill->merged,
                               (guint) (((guint64) n * (guint) g_atomic_int_get (&split_permille) + 999) / 1000));
  ResfriGapsScenario later = { NULL, };
  PoolSpan first = { fill, 0, split, scenario };
  GThread *thread;

  if (split == 0 || split == n)
    {
      fill_pools (fill, 0, n, scenario);
      return;
    }

  later.shortfall = g_ptr_array_new ();
  later.by_unit = g_ptr_array_new ();
  thread = g_thread_new ("resfri-gaps-pools", fill_pools_thread, &first);
  fill_pools (fill, split, n, &later);
  g_thread_join (thread);

  /* The costs summed in the same order as one pass. */
  for (guint i = 0; i < later.shortfall->len; i++)
    {
      ResfriShortfall *shortfall = g_ptr_array_index (later.shortfall, i);

      scenario->total_cost += shortfall->cost;
      g_ptr_array_add (scenario->shortfall, shortfall);
    }
  for (guint i = 0; i < later.by_unit->len; i++)
    g_ptr_array_add (scenario->by_unit, g_ptr_array_index (later.by_unit, i));
  g_ptr_array_unref (later.shortfall);
  g_ptr_array_unref (later.by_unit);
}

gboolean
_resfri_gaps_fill (ResfriStore   *store,
                   ResfriGaps    *gaps,
                   Collector     *c,
                   Supply        *supply,
                   GapsPeople    *people,
                   GError       **error)
{
  g_autoptr(GArray) reservations = g_array_new (FALSE, FALSE, sizeof (PoolReservation));
  g_autoptr(GHashTable) pool_reserved = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GHashTable) used = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  GHashTable *unit_names = people->unit_names;
  const double *prices = people->prices;
  FillScenario planned = { gaps, c, supply, reservations, unit_names, prices,
                           RESFRI_SCENARIO_PLANNED, NULL, NULL };
  FillScenario policy = { gaps, c, supply, reservations, unit_names, prices,
                          RESFRI_SCENARIO_POLICY, NULL, NULL };
  GThread *thread;
  ReservationsRead read;
  gboolean ok;

  /* Both scenarios on both cores; they only read what is shared (the
   * collector's demands sorted first, for both). The policy scenario
   * has about twice the demands: its merge runs on a thread while the
   * reservations and the people are read and the planned scenario is
   * filled here, then its pools are split between the two. */
  _resfri_collector_sort (c);
  thread = g_thread_new ("resfri-gaps", fill_merge, &policy);

  /* What the pool calendars reserve is demand on their pools: the order
   * list closes the gap it makes. */
  g_array_set_clear_func (reservations, pool_reservation_clear);
  read.reservations = reservations;
  read.used = used;
  ok = _resfri_reservations_read_pool_items (store, gaps->from, gaps->to, add_pool_reservation,
                                             &read, error);
  /* How many items each pool calendar holds at once: not idle. */
  for (guint r = 0; ok && r < reservations->len; r++)
    {
      const PoolReservation *reservation = &g_array_index (reservations, PoolReservation, r);
      g_autoptr(GArray) intervals = NULL;
      g_autoptr(GArray) units = NULL;

      if (g_hash_table_contains (pool_reserved, &reservation->key))
        continue;
      intervals = g_array_new (FALSE, FALSE, sizeof (ResfriInterval));
      units = g_array_new (FALSE, FALSE, sizeof (gint64));
      add_reserved_intervals (reservations, reservation->key, NULL, intervals, units);
      g_hash_table_insert (pool_reserved, g_memdup2 (&reservation->key, sizeof (gint64)),
                           GUINT_TO_POINTER (resfri_allocation_peak ((const ResfriInterval *) (gpointer) intervals->data,
                                                                     intervals->len)));
    }
  /* The people without equipment, and the units' names for who pays. */
  ok = ok && gaps_people_finish (people, store, c, error);

  if (ok)
    {
      fill_merge (&planned);
      fill_pools (&planned, 0, planned.merged->len, &gaps->scenarios[planned.s]);
      fill_finish (&planned);
    }
  g_thread_join (thread);
  if (!ok)
    {
      g_clear_pointer (&policy.merged, g_array_unref);
      g_clear_pointer (&policy.members, g_array_unref);
      return FALSE;
    }
  fill_pools_split (&policy);
  fill_finish (&policy);

  gaps->payback_km = c->payback_km;
  gaps->payback_cost_sek = c->payback_cost_sek;
  gaps->payback_co2_kg = c->payback_co2_kg;

  return _resfri_gaps_find_idle (store, gaps, supply, used, pool_reserved, error);
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

typedef struct
{
  ResfriPolicy *policy;     /* (nullable) */
  gint64        from;
  gint64        to;
} ComputeData;

static void
compute_data_free (gpointer data)
{
  ComputeData *compute = data;

  g_clear_pointer (&compute->policy, resfri_policy_free);
  g_free (compute);
}

static gpointer
compute_work (ResfriStore   *worker,
              gpointer       data,
              GCancellable  *cancellable,
              GError       **error)
{
  ComputeData *compute = data;

  return resfri_gaps_compute (worker, compute->policy, compute->from, compute->to,
                              cancellable, error);
}

/**
 * resfri_gaps_compute_async:
 * @store: the store
 * @policy: (nullable): the policy, copied; %NULL: the store's settings
 * @from: the horizon's start (UTC unix seconds)
 * @to: its end
 * @cancellable: (nullable): a cancellable
 * @callback: called when the gaps are ready
 * @user_data: data for @callback
 *
 * resfri_gaps_compute() on a worker thread with a connection of its own.
 */
void
resfri_gaps_compute_async (ResfriStore         *store,
                           const ResfriPolicy  *policy,
                           gint64               from,
                           gint64               to,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  ComputeData *compute;

  g_return_if_fail (RESFRI_IS_STORE (store));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  compute = g_new0 (ComputeData, 1);
  compute->policy = policy != NULL ? resfri_policy_copy (policy) : NULL;
  compute->from = from;
  compute->to = to;

  _resfri_store_run_async (store, resfri_gaps_compute_async, compute_work,
                           compute, compute_data_free, (GDestroyNotify) resfri_gaps_free,
                           cancellable, callback, user_data);
}

/**
 * resfri_gaps_compute_finish:
 * @store: the store
 * @result: the result passed to the callback
 * @error: return location for an error
 *
 * Returns: (transfer full): the gaps, or %NULL with @error set
 */
ResfriGaps *
resfri_gaps_compute_finish (ResfriStore   *store,
                            GAsyncResult  *result,
                            GError       **error)
{
  return _resfri_store_run_finish (store, result, error);
}

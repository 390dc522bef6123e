/* resfri-candidates-model.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The pools, rows and needs of the candidates (resfri-planning-private.h)
 * from today's planned demands and the candidates' demands that the pass of
 * resfri-candidates.c gathered: both merged per person (and candidate),
 * grouped by pool, then one sweep per pool over the instants where its
 * demand changes.
 *
 * The year of the 60,000-employee demo has some 760,000 demands and
 * 1.5 million instants: they are ordered by a radix sort on integer keys
 * (_resfri_sort_pairs ()), with the comparison sorts as the fallback when
 * ids or times are too far apart for a key. The sweep looks at the active candidates one by one
 * only at the instants where the pool's demand exceeds what covers it.
 */

#include "config.h"

#include <string.h>

#include "resfri-allocation-private.h"
#include "resfri-planning-private.h"
#include "resfri-store-private.h"

/* ---- Pools ----------------------------------------------------------------- */

/* A pool's key, and where its merged demands are. */
typedef struct
{
  gint64      site_id;
  guint       type;
  const char *site;
  guint       index;        /* in order of discovery */
  guint       base_first;
  guint       base_n;
  guint       cand_first;
  guint       cand_n;
} PoolRange;

static int
pool_range_compare (gconstpointer a,
                    gconstpointer b)
{
  const PoolRange *x = a;
  const PoolRange *y = b;
  int cmp = strcmp (x->site, y->site);

  if (cmp != 0)
    return cmp;
  cmp = strcmp (_resfri_equipment_type_names[x->type], _resfri_equipment_type_names[y->type]);
  if (cmp != 0)
    return cmp;
  return (x->site_id > y->site_id) - (x->site_id < y->site_id);
}

/* Sets each demand's pool to the index of its (site, type) in @ranges,
 * added in order of discovery. */
static void
find_pools (GArray     *demands,
            GHashTable *range_of,
            GArray     *ranges,
            Supply     *supply)
{
  gint64 last_key = G_MININT64;
  guint last = 0;

  for (guint i = 0; i < demands->len; i++)
    {
      PlanningDemand *d = &g_array_index (demands, PlanningDemand, i);
      gint64 key = _resfri_pool_key (d->site_id, d->type);
      gpointer found;

      if (key != last_key)
        {
          found = g_hash_table_lookup (range_of, &key);
          if (found == NULL)
            {
              PoolRange r = { d->site_id, d->type, _resfri_supply_site_code (supply, d->site_id),
                              ranges->len, 0, 0, 0, 0 };

              g_array_append_val (ranges, r);
              found = GUINT_TO_POINTER (ranges->len);
              g_hash_table_insert (range_of, g_memdup2 (&key, sizeof key), found);
            }
          last_key = key;
          last = GPOINTER_TO_UINT (found) - 1;
        }
      d->pool = last;
    }
}

/* ---- Merging --------------------------------------------------------------- */

static int
demand_compare (gconstpointer a,
                gconstpointer b)
{
  const PlanningDemand *x = a;
  const PlanningDemand *y = b;

  if (x->pool != y->pool)
    return x->pool < y->pool ? -1 : 1;
  if (x->candidate != y->candidate)
    return x->candidate < y->candidate ? -1 : 1;
  if (x->person_id != y->person_id)
    return x->person_id < y->person_id ? -1 : 1;
  if (x->start != y->start)
    return x->start < y->start ? -1 : 1;
  return (x->end > y->end) - (x->end < y->end);
}

/* The order of @demands by pool, candidate and person, each group in the
 * order of the starts: by a radix sort of their places when the keys fit,
 * else @demands sorted in place. Returns the places (NULL: in place). */
static SortPair *
order_demands (GArray     *demands,
               guint       n_pools,
               SortPair  **tmp)
{
  g_autofree SortPair *pairs = NULL;
  gint64 max_person = 0;
  guint64 persons;
  guint64 candidates;
  guint64 limit;
  guint max_candidate = 0;
  SortPair *sorted;

  for (guint i = 0; i < demands->len; i++)
    {
      const PlanningDemand *d = &g_array_index (demands, PlanningDemand, i);

      if (d->person_id < 0)
        max_person = G_MAXINT64;
      else
        max_person = MAX (max_person, d->person_id);
      if (d->candidate != PLANNING_BASE)
        max_candidate = MAX (max_candidate, d->candidate);
    }
  persons = max_person < G_MAXINT32 ? (guint64) max_person + 1 : 0;
  candidates = (guint64) max_candidate + 2;
  limit = G_MAXUINT64 / 2;
  if (persons == 0 || candidates > limit / persons || (guint64) n_pools + 1 > limit / (persons * candidates))
    {
      g_array_sort (demands, demand_compare);
      return NULL;
    }

  pairs = g_new (SortPair, demands->len + 1);
  *tmp = g_new (SortPair, demands->len + 1);
  for (guint i = 0; i < demands->len; i++)
    {
      const PlanningDemand *d = &g_array_index (demands, PlanningDemand, i);
      guint64 candidate = d->candidate == PLANNING_BASE ? 0 : (guint64) d->candidate + 1;

      pairs[i].key = ((guint64) d->pool * candidates + candidate) * persons + (guint64) d->person_id;
      pairs[i].value = i;
    }
  sorted = _resfri_sort_pairs (pairs, *tmp, demands->len);
  if (sorted == *tmp)
    {
      *tmp = g_steal_pointer (&pairs);
      return sorted;
    }

  return g_steal_pointer (&pairs);
}

/* @demands merged per pool, candidate and person: overlapping demands into
 * their union (touching ones stay apart; a room's vc-kits never merge),
 * grouped by pool (in @ranges' order, their index). Fills each range's
 * first and n from @base_side. */
static GArray *
merge_demands (GArray   *demands,
               GArray   *ranges,
               gboolean  base_side)
{
  GArray *merged = g_array_new (FALSE, FALSE, sizeof (PlanningDemand));
  g_autofree SortPair *tmp = NULL;
  g_autofree SortPair *order = order_demands (demands, ranges->len, &tmp);
  PlanningDemand *current = NULL;

  for (guint i = 0; i < demands->len; i++)
    {
      const PlanningDemand *d = &g_array_index (demands, PlanningDemand,
                                                order != NULL ? order[i].value : i);

      if (current != NULL && current->pool == d->pool && current->candidate == d->candidate &&
          current->person_id == d->person_id &&
          (d->person_id != 0 || d->candidate != PLANNING_BASE) && d->start < current->end)
        current->end = MAX (current->end, d->end);
      else
        {
          PoolRange *r = &g_array_index (ranges, PoolRange, d->pool);

          g_array_append_val (merged, *d);
          current = &g_array_index (merged, PlanningDemand, merged->len - 1);
          if (base_side && r->base_n++ == 0)
            r->base_first = merged->len - 1;
          else if (!base_side && r->cand_n++ == 0)
            r->cand_first = merged->len - 1;
        }
    }

  return merged;
}

/* ---- The sweep ------------------------------------------------------------- */

/* One change of a pool's demand: +1 or -1 at @time, of a candidate or of
 * today's planned demands (PLANNING_BASE). */
typedef struct
{
  gint64 time;
  int    delta;
  guint  who;
} Event;

static int
event_compare (gconstpointer a,
               gconstpointer b)
{
  const Event *x = a;
  const Event *y = b;

  if (x->time != y->time)
    return x->time < y->time ? -1 : 1;
  /* Half-open intervals: what ends at t is gone before what starts at t. */
  if (x->delta != y->delta)
    return x->delta < y->delta ? -1 : 1;
  return (x->who > y->who) - (x->who < y->who);
}

static int
uint_compare (gconstpointer a,
              gconstpointer b)
{
  guint x = *(const guint *) a;
  guint y = *(const guint *) b;

  return (x > y) - (x < y);
}

typedef struct
{
  ResfriCandidates *self;
  GHashTable       *row_keys;     /* "c:k,…" → row index + 1 */
  guint            *active;       /* per candidate: its active demands */
  guint            *place;        /* per active candidate: in active_list */
  guint            *demand;       /* per candidate: its peak on this pool */
  guint            *missing;
  GArray           *touched;      /* candidates with demand on this pool */
  GArray           *active_list;  /* candidates with active > 0 */
} Sweep;

/* An instant where the active candidates' demands and today's @base
 * exceed what covers the pool: what each misses, and the row. */
static void
sweep_snapshot (Sweep        *sweep,
                guint         pool_index,
                PlanningPool *pool,
                guint         base)
{
  ResfriCandidatesModel *model = sweep->self->model;
  guint cover = MAX (pool->size, pool->base_peak);
  g_autoptr(GString) key = NULL;
  PlanningRow row;
  gpointer found;

  for (guint i = 0; i < sweep->active_list->len; i++)
    {
      guint c = g_array_index (sweep->active_list, guint, i);
      guint k = sweep->active[c];

      if (base + k > cover)
        sweep->missing[c] = MAX (sweep->missing[c], base + k - cover);
    }

  g_array_sort (sweep->active_list, uint_compare);
  key = g_string_new (NULL);
  for (guint i = 0; i < sweep->active_list->len; i++)
    {
      guint c = g_array_index (sweep->active_list, guint, i);

      sweep->place[c] = i;
      g_string_append_printf (key, "%u:%u,", c, sweep->active[c]);
    }
  row.pool = pool_index;
  row.rhs = (int) pool->size - (int) base;
  found = g_hash_table_lookup (sweep->row_keys, key->str);
  if (found != NULL)
    {
      PlanningRow *same = &g_array_index (model->rows, PlanningRow, GPOINTER_TO_UINT (found) - 1);

      same->rhs = MIN (same->rhs, row.rhs);
      return;
    }

  row.first = model->entries->len;
  row.n = sweep->active_list->len;
  for (guint i = 0; i < sweep->active_list->len; i++)
    {
      PlanningEntry e = { g_array_index (sweep->active_list, guint, i), 0 };

      e.coef = sweep->active[e.candidate];
      g_array_append_val (model->entries, e);
    }
  g_array_append_val (model->rows, row);
  g_hash_table_insert (sweep->row_keys, g_string_free (g_steal_pointer (&key), FALSE),
                       GUINT_TO_POINTER (model->rows->len));
}

/* The pool's instants in order: by time, what ends before what starts. */
static Event *
pool_events (const PoolRange *range,
             GArray          *base,
             GArray          *merged,
             guint           *n_events)
{
  guint n = 2 * (range->base_n + range->cand_n);
  Event *events = g_new (Event, n + 1);
  g_autofree SortPair *pairs = NULL;
  g_autofree SortPair *tmp = NULL;
  const SortPair *sorted;
  gint64 min = G_MAXINT64;
  gint64 max = G_MININT64;
  guint e = 0;

  for (guint i = 0; i < range->base_n; i++)
    {
      const PlanningDemand *d = &g_array_index (base, PlanningDemand, range->base_first + i);

      events[e++] = (Event) { d->start, 1, PLANNING_BASE };
      events[e++] = (Event) { d->end, -1, PLANNING_BASE };
    }
  for (guint i = 0; i < range->cand_n; i++)
    {
      const PlanningDemand *d = &g_array_index (merged, PlanningDemand, range->cand_first + i);

      events[e++] = (Event) { d->start, 1, d->candidate };
      events[e++] = (Event) { d->end, -1, d->candidate };
    }
  for (guint i = 0; i < n; i++)
    {
      min = MIN (min, events[i].time);
      max = MAX (max, events[i].time);
    }
  *n_events = n;
  if (n < 2)
    return events;
  if ((max >= 0 && min < max - G_MAXINT64 / 4) || (max < 0 && max - min > G_MAXINT64 / 4))
    {
      qsort (events, n, sizeof (Event), event_compare);
      return events;
    }

  /* The order among equal times and deltas makes no difference. */
  pairs = g_new (SortPair, n);
  tmp = g_new (SortPair, n);
  for (guint i = 0; i < n; i++)
    {
      pairs[i].key = ((guint64) (events[i].time - min) << 1) | (events[i].delta > 0);
      pairs[i].value = events[i].who;
    }
  sorted = _resfri_sort_pairs (pairs, tmp, n);
  for (guint i = 0; i < n; i++)
    events[i] = (Event) { min + (gint64) (sorted[i].key >> 1), (sorted[i].key & 1) ? 1 : -1,
                          sorted[i].value };

  return events;
}

static void
sweep_pool (Sweep           *sweep,
            const PoolRange *range,
            const Event     *events,
            guint            n_events,
            GArray          *merged,
            Supply          *supply,
            const double    *prices)
{
  ResfriCandidatesModel *model = sweep->self->model;
  Pool *items = _resfri_supply_get_pool (supply, range->site_id, range->type, FALSE);
  PlanningPool pool = { 0 };
  PlanningPool *stored;
  guint pool_index = model->pools->len;
  guint base_now = 0;
  guint cand_now = 0;
  guint cover;

  pool.site = g_strdup (range->site);
  pool.type = g_strdup (_resfri_equipment_type_names[range->type]);
  pool.size = items != NULL ? items->items->len : 0;
  pool.unit_price = prices[range->type];

  /* Today's planned demands at their peak (resfri_allocation_peak ()). */
  for (guint i = 0; i < n_events; i++)
    if (events[i].who == PLANNING_BASE)
      {
        base_now += events[i].delta;
        pool.base_peak = MAX (pool.base_peak, base_now);
      }
  base_now = 0;
  pool.lower = pool.base_peak > pool.size ? pool.base_peak - pool.size : 0;
  g_array_append_val (model->pools, pool);
  stored = &g_array_index (model->pools, PlanningPool, pool_index);
  cover = MAX (stored->size, stored->base_peak);

  for (guint i = range->cand_first; i < range->cand_first + range->cand_n; i++)
    {
      const PlanningDemand *d = &g_array_index (merged, PlanningDemand, i);

      if (sweep->demand[d->candidate] == 0 && sweep->missing[d->candidate] == 0)
        {
          /* Marked as touched with a demand of at least one below. */
          sweep->demand[d->candidate] = 1;
          g_array_append_val (sweep->touched, d->candidate);
        }
    }

  for (guint i = 0; i < n_events;)
    {
      gint64 time = events[i].time;
      gboolean started = FALSE;

      for (; i < n_events && events[i].time == time; i++)
        {
          const Event *e = &events[i];
          guint c = e->who;

          if (e->delta > 0)
            started = TRUE;
          if (c == PLANNING_BASE)
            base_now += e->delta;
          else if (e->delta > 0)
            {
              cand_now++;
              if (sweep->active[c]++ == 0)
                {
                  sweep->place[c] = sweep->active_list->len;
                  g_array_append_val (sweep->active_list, c);
                }
              /* Its largest count, as every instant it is active at. */
              sweep->demand[c] = MAX (sweep->demand[c], sweep->active[c]);
            }
          else
            {
              cand_now--;
              if (--sweep->active[c] == 0)
                {
                  guint at = sweep->place[c];
                  guint last = sweep->active_list->len - 1;

                  g_array_index (sweep->active_list, guint, at) =
                    g_array_index (sweep->active_list, guint, last);
                  sweep->place[g_array_index (sweep->active_list, guint, at)] = at;
                  g_array_set_size (sweep->active_list, last);
                }
            }
        }
      /* Below the cover no candidate misses anything and no row binds. */
      if (started && cand_now > 0 && base_now + cand_now > cover)
        sweep_snapshot (sweep, pool_index, stored, base_now);
    }

  for (guint t = 0; t < sweep->touched->len; t++)
    {
      guint c = g_array_index (sweep->touched, guint, t);
      ResfriCandidate *candidate = g_ptr_array_index (sweep->self->candidates, c);
      ResfriCandidateNeed *need = g_new0 (ResfriCandidateNeed, 1);

      need->site = g_strdup (range->site);
      need->type = g_strdup (_resfri_equipment_type_names[range->type]);
      need->demand = sweep->demand[c];
      need->missing = sweep->missing[c];
      if (need->missing > 0)
        candidate->served = FALSE;
      g_ptr_array_add (candidate->needs, need);
      sweep->demand[c] = sweep->missing[c] = 0;
    }
  g_array_set_size (sweep->touched, 0);
}

/* ---- Both cores ------------------------------------------------------------ */

/* The work before the sweeps, shared with a second thread: the merging of
 * today's demands beside the candidates', then the pools' instants. */
typedef struct
{
  GArray       *base;
  GArray       *merged_base;
  GArray       *ranges;
  GArray       *merged;
  Event       **events;       /* per pool */
  guint        *n_events;
  gint          next;         /* the next pool whose instants are to make */
} Prepare;

static void
prepare_events (Prepare *prepare)
{
  int r;

  while ((r = g_atomic_int_add (&prepare->next, 1)) < (int) prepare->ranges->len)
    prepare->events[r] = pool_events (&g_array_index (prepare->ranges, PoolRange, r),
                                      prepare->merged_base, prepare->merged,
                                      &prepare->n_events[r]);
}

static gpointer
prepare_base (gpointer data)
{
  Prepare *prepare = data;

  prepare->merged_base = merge_demands (prepare->base, prepare->ranges, TRUE);
  return NULL;
}

static gpointer
prepare_events_thread (gpointer data)
{
  prepare_events (data);
  return NULL;
}

/* ---- The model ------------------------------------------------------------- */

gboolean
_resfri_candidates_build_model (ResfriStore       *store,
                                ResfriCandidates  *self,
                                GArray            *base,
                                GArray            *demands,
                                GError           **error)
{
  g_autoptr(GStringChunk) strings = g_string_chunk_new (4096);
  g_autoptr(GArray) ranges = g_array_new (FALSE, FALSE, sizeof (PoolRange));
  g_autoptr(GHashTable) range_of = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  guint n_candidates = self->candidates->len;
  g_autofree guint *active = g_new0 (guint, n_candidates + 1);
  g_autofree guint *place = g_new0 (guint, n_candidates + 1);
  g_autofree guint *demand = g_new0 (guint, n_candidates + 1);
  g_autofree guint *missing = g_new0 (guint, n_candidates + 1);
  g_autofree guint *rank = NULL;
  g_autoptr(GArray) touched = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) active_list = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GHashTable) row_keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  Sweep sweep = { self, row_keys, active, place, demand, missing, touched, active_list };
  Supply supply = { 0 };
  double prices[N_TYPES];
  Prepare prepare = { base, NULL, ranges, NULL, NULL, NULL, 0 };
  GThread *thread;

  for (guint t = 0; t < N_TYPES; t++)
    if (!resfri_policy_get_unit_price (store, _resfri_equipment_type_names[t], &prices[t], error))
      return FALSE;
  if (!_resfri_supply_load (store, &supply, strings, error))
    {
      _resfri_supply_clear (&supply);
      return FALSE;
    }

  /* The pools in their order: by site code, type, site id. */
  find_pools (base, range_of, ranges, &supply);
  find_pools (demands, range_of, ranges, &supply);
  g_array_sort (ranges, pool_range_compare);
  rank = g_new (guint, ranges->len + 1);
  for (guint r = 0; r < ranges->len; r++)
    rank[g_array_index (ranges, PoolRange, r).index] = r;
  for (guint i = 0; i < base->len; i++)
    g_array_index (base, PlanningDemand, i).pool = rank[g_array_index (base, PlanningDemand, i).pool];
  for (guint i = 0; i < demands->len; i++)
    g_array_index (demands, PlanningDemand, i).pool =
      rank[g_array_index (demands, PlanningDemand, i).pool];

  /* Each range's base and candidate fields are each one thread's. */
  thread = g_thread_new ("resfri-candidates", prepare_base, &prepare);
  prepare.merged = merge_demands (demands, ranges, FALSE);
  g_thread_join (thread);

  prepare.events = g_new0 (Event *, ranges->len + 1);
  prepare.n_events = g_new0 (guint, ranges->len + 1);
  thread = g_thread_new ("resfri-candidates", prepare_events_thread, &prepare);
  prepare_events (&prepare);
  g_thread_join (thread);

  self->model = g_new0 (ResfriCandidatesModel, 1);
  self->model->pools = g_array_new (FALSE, FALSE, sizeof (PlanningPool));
  self->model->rows = g_array_new (FALSE, FALSE, sizeof (PlanningRow));
  self->model->entries = g_array_new (FALSE, FALSE, sizeof (PlanningEntry));

  for (guint r = 0; r < ranges->len; r++)
    {
      sweep_pool (&sweep, &g_array_index (ranges, PoolRange, r), prepare.events[r],
                  prepare.n_events[r], prepare.merged, &supply, prices);
      g_free (prepare.events[r]);
    }

  g_free (prepare.events);
  g_free (prepare.n_events);
  g_array_unref (prepare.merged_base);
  g_array_unref (prepare.merged);
  _resfri_supply_clear (&supply);
  return TRUE;
}

/* resfri-candidates.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The candidates of spec/planning.md from one pass of the policy check
 * over the period: per UID its non-compliant occurrences, the travel they
 * cause (the check's own per-occurrence figures), their equipment demands
 * held online (as spec/allocation.md's policy scenario makes them), and
 * today's planned demands (the allocation's collector); then, per pool,
 * the instants where the demand changes, which give each candidate's needs
 * and the what-if's rows (resfri-planning-private.h).
 *
 * Details the spec leaves open: a candidate's demands are merged per
 * person within the candidate (one person, one headset at a time), not
 * with another candidate's or with today's planned demands, so a person
 * in two overlapping meetings counts twice; what a followed pool calendar
 * reserves is not counted.
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "resfri-allocation-private.h"
#include "resfri-planning-private.h"
#include "resfri-policy-check.h"
#include "resfri-registers-private.h"
#include "resfri-store-private.h"

/* A candidate while the pass runs. */
typedef struct
{
  ResfriCandidate *candidate;
  GPtrArray       *recurrence_ids;
  gint64           unit_id;
  guint            index;        /* after sorting */
} Building;

/* One demand of a candidate's occurrence, before merging. */
typedef struct
{
  guint  candidate;
  gint64 person_id;
  gint64 site_id;
  gint64 start;
  gint64 end;
  guint8 type;
} CandidateDemand;

typedef struct
{
  gint64      id;
  gint64      parent_id;
  char       *name;
  char       *path;
} UnitEntry;

typedef struct
{
  Collector     collector;
  gint64        from;
  gint64        to;
  gint64        buffer;
  GHashTable   *in_unit;        /* unit id set, NULL: every occurrence */
  GHashTable   *unit_paths;     /* unit id → path */
  GHashTable   *by_uid;         /* uid → Building */
  GPtrArray    *buildings;
  GHashTable   *uid_counts;     /* uid → occurrences of the period */
  GArray       *demands;        /* CandidateDemand */
  guint         counted;
  guint         travel_free;
  GCancellable *cancellable;
} Pass;

static void
need_free (gpointer data)
{
  ResfriCandidateNeed *need = data;

  g_free (need->site);
  g_free (need->type);
  g_free (need);
}

static void
candidate_free (gpointer data)
{
  ResfriCandidate *c = data;

  g_free (c->uid);
  g_strfreev (c->recurrence_ids);
  g_free (c->summary);
  g_free (c->organizer);
  g_free (c->unit);
  g_free (c->first_recurrence_id);
  g_clear_pointer (&c->needs, g_ptr_array_unref);
  g_free (c);
}

static void
building_free (gpointer data)
{
  Building *b = data;

  if (b->candidate != NULL)
    candidate_free (b->candidate);
  g_ptr_array_unref (b->recurrence_ids);
  g_free (b);
}

static void
model_free (ResfriCandidatesModel *model)
{
  if (model == NULL)
    return;
  for (guint i = 0; i < model->pools->len; i++)
    {
      PlanningPool *pool = &g_array_index (model->pools, PlanningPool, i);

      g_free (pool->site);
      g_free (pool->type);
    }
  g_array_unref (model->pools);
  g_array_unref (model->rows);
  g_array_unref (model->entries);
  g_free (model);
}

ResfriCandidates *
resfri_candidates_ref (ResfriCandidates *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_int_inc (&self->ref_count);
  return self;
}

void
resfri_candidates_unref (ResfriCandidates *self)
{
  if (self == NULL || !g_atomic_int_dec_and_test (&self->ref_count))
    return;

  g_free (self->period);
  g_free (self->unit);
  g_clear_pointer (&self->candidates, g_ptr_array_unref);
  model_free (self->model);
  g_free (self);
}

gboolean
resfri_candidates_get_share (const ResfriCandidates *self,
                             double                 *share)
{
  *share = self->counted > 0 ? (double) self->travel_free / self->counted : 0;
  return self->counted > 0;
}

/* ---- The pass --------------------------------------------------------- */

static void
add_demand (Pass   *pass,
            guint   candidate,
            gint64  person_id,
            gint64  site_id,
            gint64  start,
            gint64  end,
            guint8  type)
{
  CandidateDemand d = { candidate, person_id, site_id, start, end, type };

  g_array_append_val (pass->demands, d);
}

static gboolean
pass_occurrence (const ResfriResolvedOccurrence *o,
                 gpointer                        user_data)
{
  Pass *pass = user_data;
  Building *b;
  guint *count;
  gint64 start;
  gint64 end;

  if (g_cancellable_is_cancelled (pass->cancellable))
    return FALSE;

  /* Today's planned demands, of the whole organisation: pools are shared. */
  _resfri_collector_add_occurrence (&pass->collector, o);

  /* The period counts an occurrence by its start (spec/policy.md). */
  if (o->start < pass->from || o->start >= pass->to)
    return TRUE;
  if (pass->in_unit != NULL &&
      !g_hash_table_contains (pass->in_unit, &o->organizer_unit_id))
    return TRUE;

  if (o->verdict == RESFRI_VERDICT_TRAVEL_FREE)
    pass->travel_free++;
  if (o->verdict == RESFRI_VERDICT_TRAVEL_FREE || o->verdict == RESFRI_VERDICT_EXEMPT ||
      o->verdict == RESFRI_VERDICT_NON_COMPLIANT)
    pass->counted++;

  count = g_hash_table_lookup (pass->uid_counts, o->uid);
  if (count == NULL)
    {
      count = g_new0 (guint, 1);
      g_hash_table_insert (pass->uid_counts, g_strdup (o->uid), count);
    }
  (*count)++;

  if (o->verdict != RESFRI_VERDICT_NON_COMPLIANT)
    return TRUE;

  b = g_hash_table_lookup (pass->by_uid, o->uid);
  if (b == NULL)
    {
      b = g_new0 (Building, 1);
      b->candidate = g_new0 (ResfriCandidate, 1);
      b->candidate->uid = g_strdup (o->uid);
      b->candidate->summary = g_strdup (o->summary != NULL ? o->summary : "");
      b->candidate->organizer = g_strdup (o->organizer);
      b->candidate->first_start = o->start;
      b->candidate->first_recurrence_id = g_strdup (o->recurrence_id);
      b->unit_id = o->organizer_unit_id;
      b->recurrence_ids = g_ptr_array_new_with_free_func (g_free);
      b->index = pass->buildings->len;
      g_ptr_array_add (pass->buildings, b);
      g_hash_table_insert (pass->by_uid, b->candidate->uid, b);
    }
  b->candidate->occurrences++;
  b->candidate->avoided_km += o->travel_km;
  b->candidate->avoided_cost_sek += o->travel_cost_sek;
  b->candidate->avoided_co2_kg += o->travel_co2_kg;
  b->candidate->avoided_hours += o->travel_hours;
  g_ptr_array_add (b->recurrence_ids, g_strdup (o->recurrence_id));

  /* Held online, every internal attendee is remote (spec/allocation.md). */
  start = o->start - pass->buffer;
  end = o->end + pass->buffer;
  if (end <= start)
    return TRUE;
  for (guint i = 0; i < o->n_attendees; i++)
    {
      const ResfriResolvedAttendee *a = &o->attendees[i];

      if (!a->has_headset)
        add_demand (pass, b->index, a->person_id, a->home_site_id, start, end, TYPE_HEADSET);
      if (!a->has_camera)
        add_demand (pass, b->index, a->person_id, a->home_site_id, start, end, TYPE_CAMERA);
    }

  return TRUE;
}

/* ---- Units ---------------------------------------------------------------- */

static void
unit_entry_clear (gpointer data)
{
  UnitEntry *u = data;

  g_free (u->name);
  g_free (u->path);
}

static void
add_unit (gint64      id,
          gint64      parent_id,
          const char *name,
          const char *path,
          gpointer    user_data)
{
  UnitEntry u = { id, parent_id, g_strdup (name), g_strdup (path) };

  g_array_append_val ((GArray *) user_data, u);
}

/* The unit paths, and with @unit the ids of its subtree in @in_unit. */
static gboolean
load_units (ResfriStore  *store,
            const char   *unit,
            Pass         *pass,
            char        **unit_path,
            GError      **error)
{
  g_autoptr(GArray) units = g_array_new (FALSE, FALSE, sizeof (UnitEntry));
  g_autoptr(GArray) queue = g_array_new (FALSE, FALSE, sizeof (gint64));
  int top = -1;
  int named = -1;
  guint by_name = 0;

  g_array_set_clear_func (units, unit_entry_clear);
  if (!_resfri_registers_foreach_unit (store, add_unit, units, error))
    return FALSE;

  for (guint i = 0; i < units->len; i++)
    {
      UnitEntry *u = &g_array_index (units, UnitEntry, i);

      g_hash_table_insert (pass->unit_paths, g_memdup2 (&u->id, sizeof u->id), g_strdup (u->path));
      if (unit != NULL && strcmp (u->path, unit) == 0)
        top = (int) i;
      else if (unit != NULL && strcmp (u->name, unit) == 0)
        {
          by_name++;
          named = (int) i;
        }
    }
  if (unit == NULL)
    return TRUE;

  if (top < 0 && by_name == 1)
    top = named;
  if (top < 0)
    {
      g_set_error (error, RESFRI_ERROR, RESFRI_ERROR_NOT_FOUND,
                   by_name > 1 ? _("Several units are called “%s”: give its full path")
                               : _("No unit “%s”"),
                   unit);
      return FALSE;
    }

  *unit_path = g_strdup (g_array_index (units, UnitEntry, top).path);
  pass->in_unit = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_array_append_val (queue, g_array_index (units, UnitEntry, top).id);
  for (guint q = 0; q < queue->len; q++)
    {
      gint64 id = g_array_index (queue, gint64, q);

      if (g_hash_table_contains (pass->in_unit, &id))
        continue;
      g_hash_table_add (pass->in_unit, g_memdup2 (&id, sizeof id));
      for (guint i = 0; i < units->len; i++)
        if (g_array_index (units, UnitEntry, i).parent_id == id)
          g_array_append_val (queue, g_array_index (units, UnitEntry, i).id);
    }

  return TRUE;
}

/* ---- Pools, rows and needs ------------------------------------------------ */

static int
building_compare (gconstpointer a,
                  gconstpointer b)
{
  const ResfriCandidate *x = (*(Building * const *) a)->candidate;
  const ResfriCandidate *y = (*(Building * const *) b)->candidate;

  if (x->avoided_cost_sek != y->avoided_cost_sek)
    return x->avoided_cost_sek > y->avoided_cost_sek ? -1 : 1;
  return strcmp (x->uid, y->uid);
}

static int
demand_compare (gconstpointer a,
                gconstpointer b)
{
  const CandidateDemand *x = a;
  const CandidateDemand *y = b;

  if (x->site_id != y->site_id)
    return x->site_id < y->site_id ? -1 : 1;
  if (x->type != y->type)
    return x->type < y->type ? -1 : 1;
  if (x->candidate != y->candidate)
    return x->candidate < y->candidate ? -1 : 1;
  if (x->person_id != y->person_id)
    return x->person_id < y->person_id ? -1 : 1;
  if (x->start != y->start)
    return x->start < y->start ? -1 : 1;
  return (x->end > y->end) - (x->end < y->end);
}

/* One change of a pool's demand: +1 or -1 at @time, of a candidate or of
 * today's planned demands (G_MAXUINT). */
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
  guint            *demand;       /* per candidate: its peak on this pool */
  guint            *missing;
  GArray           *touched;      /* candidates with demand on this pool */
  GArray           *active_list;  /* candidates with active > 0 */
} Sweep;

static void
sweep_snapshot (Sweep        *sweep,
                guint         pool_index,
                PlanningPool *pool,
                guint         base)
{
  ResfriCandidatesModel *model = sweep->self->model;
  guint cover = MAX (pool->size, pool->base_peak);
  g_autoptr(GString) key = NULL;
  guint sum = 0;
  PlanningRow row;
  gpointer found;

  if (sweep->active_list->len == 0)
    return;

  for (guint i = 0; i < sweep->active_list->len; i++)
    {
      guint c = g_array_index (sweep->active_list, guint, i);
      guint k = sweep->active[c];

      sweep->demand[c] = MAX (sweep->demand[c], k);
      if (base + k > cover)
        sweep->missing[c] = MAX (sweep->missing[c], base + k - cover);
      sum += k;
    }
  /* A row that cannot bind whatever is chosen is left out. */
  if (base + sum <= cover)
    return;

  g_array_sort (sweep->active_list, uint_compare);
  key = g_string_new (NULL);
  for (guint i = 0; i < sweep->active_list->len; i++)
    {
      guint c = g_array_index (sweep->active_list, guint, i);

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

/* A pool's key and where its demands are in the base and candidate
 * arrays. */
typedef struct
{
  gint64      site_id;
  guint       type;
  const char *site;
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

static PoolRange *
pool_range_get (GHashTable *ranges,
                GArray     *list,
                Supply     *supply,
                gint64      site_id,
                guint       type)
{
  gint64 key = _resfri_pool_key (site_id, type);
  gpointer found = g_hash_table_lookup (ranges, &key);

  if (found == NULL)
    {
      PoolRange r = { site_id, type, _resfri_supply_site_code (supply, site_id), 0, 0, 0, 0 };

      g_array_append_val (list, r);
      found = GUINT_TO_POINTER (list->len);
      g_hash_table_insert (ranges, g_memdup2 (&key, sizeof key), found);
    }

  return &g_array_index (list, PoolRange, GPOINTER_TO_UINT (found) - 1);
}

static void
sweep_pool (Sweep           *sweep,
            const PoolRange *range,
            GArray          *base,
            GArray          *merged,
            Supply          *supply,
            const double    *prices)
{
  ResfriCandidatesModel *model = sweep->self->model;
  g_autoptr(GArray) events = g_array_new (FALSE, FALSE, sizeof (Event));
  g_autoptr(GArray) intervals = g_array_new (FALSE, FALSE, sizeof (ResfriInterval));
  Pool *items = _resfri_supply_get_pool (supply, range->site_id, range->type, FALSE);
  PlanningPool pool = { 0 };
  guint pool_index = model->pools->len;
  guint base_now = 0;

  pool.site = g_strdup (range->site);
  pool.type = g_strdup (_resfri_equipment_type_names[range->type]);
  pool.size = items != NULL ? items->items->len : 0;
  pool.unit_price = prices[range->type];

  for (guint i = range->base_first; i < range->base_first + range->base_n; i++)
    {
      const Merged *m = &g_array_index (base, Merged, i);
      ResfriInterval iv = { m->start, m->end };
      Event start = { m->start, 1, G_MAXUINT };
      Event end = { m->end, -1, G_MAXUINT };

      g_array_append_val (intervals, iv);
      g_array_append_val (events, start);
      g_array_append_val (events, end);
    }
  pool.base_peak = resfri_allocation_peak ((const ResfriInterval *) (gpointer) intervals->data,
                                           intervals->len);
  pool.lower = pool.base_peak > pool.size ? pool.base_peak - pool.size : 0;
  g_array_append_val (model->pools, pool);

  for (guint i = range->cand_first; i < range->cand_first + range->cand_n; i++)
    {
      const CandidateDemand *d = &g_array_index (merged, CandidateDemand, i);
      Event start = { d->start, 1, d->candidate };
      Event end = { d->end, -1, d->candidate };

      g_array_append_val (events, start);
      g_array_append_val (events, end);
      if (sweep->demand[d->candidate] == 0 && sweep->missing[d->candidate] == 0)
        {
          /* Marked as touched with a demand of at least one below. */
          sweep->demand[d->candidate] = 1;
          g_array_append_val (sweep->touched, d->candidate);
        }
    }
  g_array_sort (events, event_compare);

  for (guint i = 0; i < events->len;)
    {
      gint64 time = g_array_index (events, Event, i).time;
      gboolean started = FALSE;

      for (; i < events->len && g_array_index (events, Event, i).time == time; i++)
        {
          const Event *e = &g_array_index (events, Event, i);

          if (e->delta > 0)
            started = TRUE;
          if (e->who == G_MAXUINT)
            {
              base_now += e->delta;
              continue;
            }
          if (e->delta > 0 && sweep->active[e->who]++ == 0)
            g_array_append_val (sweep->active_list, e->who);
          else if (e->delta < 0 && --sweep->active[e->who] == 0)
            for (guint a = 0; a < sweep->active_list->len; a++)
              if (g_array_index (sweep->active_list, guint, a) == e->who)
                {
                  g_array_remove_index_fast (sweep->active_list, a);
                  break;
                }
        }
      if (started)
        sweep_snapshot (sweep, pool_index, &g_array_index (model->pools, PlanningPool, pool_index),
                        base_now);
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

/* The candidates' demands merged per candidate and person, grouped by
 * pool. */
static GArray *
merge_demands (GArray *demands)
{
  GArray *merged = g_array_new (FALSE, FALSE, sizeof (CandidateDemand));
  CandidateDemand *current = NULL;

  g_array_sort (demands, demand_compare);
  for (guint i = 0; i < demands->len; i++)
    {
      const CandidateDemand *d = &g_array_index (demands, CandidateDemand, i);

      if (current != NULL && current->site_id == d->site_id && current->type == d->type &&
          current->candidate == d->candidate && current->person_id == d->person_id &&
          d->start < current->end)
        current->end = MAX (current->end, d->end);
      else
        {
          g_array_append_val (merged, *d);
          current = &g_array_index (merged, CandidateDemand, merged->len - 1);
        }
    }

  return merged;
}

static gboolean
build_model (ResfriStore       *store,
             ResfriCandidates  *self,
             Pass              *pass,
             GError           **error)
{
  g_autoptr(GStringChunk) strings = g_string_chunk_new (4096);
  g_autoptr(GArray) members = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) base = NULL;
  g_autoptr(GArray) merged = NULL;
  g_autoptr(GArray) ranges = g_array_new (FALSE, FALSE, sizeof (PoolRange));
  g_autoptr(GHashTable) range_of = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autofree guint *active = g_new0 (guint, self->candidates->len + 1);
  g_autofree guint *demand = g_new0 (guint, self->candidates->len + 1);
  g_autofree guint *missing = g_new0 (guint, self->candidates->len + 1);
  g_autoptr(GArray) touched = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) active_list = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GHashTable) row_keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  Sweep sweep = { self, row_keys, active, demand, missing, touched, active_list };
  Supply supply = { 0 };
  double prices[N_TYPES];
  gboolean ok;

  for (guint t = 0; t < N_TYPES; t++)
    if (!resfri_policy_get_unit_price (store, _resfri_equipment_type_names[t], &prices[t], error))
      return FALSE;
  if (!_resfri_supply_load (store, &supply, strings, error))
    {
      _resfri_supply_clear (&supply);
      return FALSE;
    }

  base = _resfri_collector_merge (&pass->collector, TRUE, members);
  merged = merge_demands (pass->demands);

  for (guint i = 0; i < base->len; i++)
    {
      const Merged *m = &g_array_index (base, Merged, i);
      PoolRange *r = pool_range_get (range_of, ranges, &supply, m->site_id, m->type);

      if (r->base_n++ == 0)
        r->base_first = i;
    }
  for (guint i = 0; i < merged->len; i++)
    {
      const CandidateDemand *d = &g_array_index (merged, CandidateDemand, i);
      PoolRange *r = pool_range_get (range_of, ranges, &supply, d->site_id, d->type);

      if (r->cand_n++ == 0)
        r->cand_first = i;
    }
  g_array_sort (ranges, pool_range_compare);

  self->model = g_new0 (ResfriCandidatesModel, 1);
  self->model->pools = g_array_new (FALSE, FALSE, sizeof (PlanningPool));
  self->model->rows = g_array_new (FALSE, FALSE, sizeof (PlanningRow));
  self->model->entries = g_array_new (FALSE, FALSE, sizeof (PlanningEntry));

  for (guint r = 0; r < ranges->len; r++)
    sweep_pool (&sweep, &g_array_index (ranges, PoolRange, r), base, merged, &supply, prices);

  ok = TRUE;
  _resfri_supply_clear (&supply);
  return ok;
}

/* ---- The computation ------------------------------------------------------ */

ResfriCandidates *
resfri_candidates_compute (ResfriStore         *store,
                           const ResfriPolicy  *policy,
                           const ResfriPeriod  *period,
                           const char          *unit,
                           GCancellable        *cancellable,
                           GError             **error)
{
  g_autoptr(ResfriPolicy) loaded = NULL;
  g_autoptr(ResfriCandidates) self = NULL;
  g_autoptr(GStringChunk) strings = g_string_chunk_new (1 << 16);
  g_autofree char *unit_path = NULL;
  Pass pass = { 0 };
  gboolean ok = FALSE;

  g_return_val_if_fail (RESFRI_IS_STORE (store), NULL);
  g_return_val_if_fail (period != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (policy == NULL)
    {
      if (!(loaded = resfri_policy_load (store, error)))
        return NULL;
      policy = loaded;
    }

  pass.from = resfri_period_get_from (period);
  pass.to = resfri_period_get_to (period);
  pass.buffer = (gint64) policy->loan_buffer_min * 60;
  pass.unit_paths = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  pass.by_uid = g_hash_table_new (g_str_hash, g_str_equal);
  pass.buildings = g_ptr_array_new_with_free_func (building_free);
  pass.uid_counts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  pass.demands = g_array_new (FALSE, FALSE, sizeof (CandidateDemand));
  pass.cancellable = cancellable;
  _resfri_collector_init (&pass.collector, pass.buffer, TRUE, strings);
  pass.collector.cancellable = cancellable;

  self = g_new0 (ResfriCandidates, 1);
  self->ref_count = 1;
  self->period = g_strdup (resfri_period_get_label (period));
  self->from = pass.from;
  self->to = pass.to;
  self->candidates = g_ptr_array_new_with_free_func (candidate_free);

  if (!load_units (store, unit, &pass, &unit_path, error))
    goto out;
  self->unit = g_steal_pointer (&unit_path);

  if (!resfri_policy_check_occurrences (store, policy, pass.from, pass.to, pass_occurrence, &pass,
                                        cancellable, error) ||
      g_cancellable_set_error_if_cancelled (cancellable, error))
    goto out;
  self->counted = pass.counted;
  self->travel_free = pass.travel_free;

  /* Most avoided cost first; the demands follow the candidates' new
   * places. */
  {
    g_autoptr(GPtrArray) sorted = g_ptr_array_copy (pass.buildings, NULL, NULL);
    g_autofree guint *place = g_new0 (guint, pass.buildings->len + 1);

    /* The copy keeps the free function: the buildings stay pass's. */
    g_ptr_array_set_free_func (sorted, NULL);
    g_ptr_array_sort (sorted, building_compare);
    for (guint i = 0; i < sorted->len; i++)
      {
        Building *b = g_ptr_array_index (sorted, i);
        ResfriCandidate *c = g_steal_pointer (&b->candidate);
        guint *count = g_hash_table_lookup (pass.uid_counts, c->uid);
        const char *path = g_hash_table_lookup (pass.unit_paths, &b->unit_id);

        place[b->index] = i;
        if (count == NULL || *count != b->recurrence_ids->len)
          {
            g_ptr_array_add (b->recurrence_ids, NULL);
            /* The strings move to the candidate, the array goes. */
            c->recurrence_ids = (char **) g_ptr_array_free (b->recurrence_ids, FALSE);
            b->recurrence_ids = g_ptr_array_new_with_free_func (g_free);
          }
        c->unit = g_strdup (path);
        c->needs = g_ptr_array_new_with_free_func (need_free);
        c->served = TRUE;
        g_ptr_array_add (self->candidates, c);
      }
    for (guint i = 0; i < pass.demands->len; i++)
      {
        CandidateDemand *d = &g_array_index (pass.demands, CandidateDemand, i);

        d->candidate = place[d->candidate];
      }
  }

  if (!build_model (store, self, &pass, error))
    goto out;
  ok = TRUE;

out:
  _resfri_collector_clear (&pass.collector);
  g_clear_pointer (&pass.in_unit, g_hash_table_unref);
  g_hash_table_unref (pass.unit_paths);
  g_hash_table_unref (pass.by_uid);
  g_ptr_array_unref (pass.buildings);
  g_hash_table_unref (pass.uid_counts);
  g_array_unref (pass.demands);

  return ok ? g_steal_pointer (&self) : NULL;
}

typedef struct
{
  ResfriPolicy *policy;
  char         *period;
  char         *unit;
} ComputeData;

static void
compute_data_free (gpointer data)
{
  ComputeData *compute = data;

  g_clear_pointer (&compute->policy, resfri_policy_free);
  g_free (compute->period);
  g_free (compute->unit);
  g_free (compute);
}

static gpointer
compute_work (ResfriStore   *worker,
              gpointer       data,
              GCancellable  *cancellable,
              GError       **error)
{
  ComputeData *compute = data;
  g_autoptr(ResfriPeriod) period = resfri_period_parse (compute->period, error);

  if (period == NULL)
    return NULL;
  return resfri_candidates_compute (worker, compute->policy, period, compute->unit,
                                    cancellable, error);
}

void
resfri_candidates_compute_async (ResfriStore         *store,
                                 const ResfriPolicy  *policy,
                                 const ResfriPeriod  *period,
                                 const char          *unit,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  ComputeData *compute;

  g_return_if_fail (RESFRI_IS_STORE (store));
  g_return_if_fail (period != NULL);

  compute = g_new0 (ComputeData, 1);
  compute->policy = policy != NULL ? resfri_policy_copy (policy) : NULL;
  compute->period = g_strdup (resfri_period_get_label (period));
  compute->unit = g_strdup (unit);

  _resfri_store_run_async (store, resfri_candidates_compute_async, compute_work,
                           compute, compute_data_free, (GDestroyNotify) resfri_candidates_unref,
                           cancellable, callback, user_data);
}

ResfriCandidates *
resfri_candidates_compute_finish (ResfriStore   *store,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  return _resfri_store_run_finish (store, result, error);
}

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
 * today's planned demands (as its planned scenario makes them, without the
 * allocation's bookkeeping of occurrences and people); then, per pool, the
 * instants where the demand changes, which give each candidate's needs and
 * the what-if's rows (resfri-candidates-model.c).
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
  const guint     *count;        /* its UID's occurrences of the period */
} Building;

/* A UID met in the period: one lookup per occurrence. */
typedef struct
{
  guint     count;               /* its occurrences of the period */
  Building *building;            /* or NULL: none non-compliant yet */
} UidEntry;

typedef struct
{
  gint64      id;
  gint64      parent_id;
  char       *name;
  char       *path;
} UnitEntry;

typedef struct
{
  GArray       *base;           /* PlanningDemand: today's planned ones */
  gint64        from;
  gint64        to;
  gint64        buffer;
  GHashTable   *in_unit;        /* unit id set, NULL: every occurrence */
  GHashTable   *unit_paths;     /* unit id → path */
  GPtrArray    *buildings;
  GHashTable   *by_uid;         /* uid → UidEntry */
  GStringChunk *uids;           /* by_uid's keys */
  GArray       *demands;        /* PlanningDemand: the candidates' */
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
add_demand (GArray *demands,
            guint   candidate,
            gint64  person_id,
            gint64  site_id,
            gint64  start,
            gint64  end,
            guint8  type)
{
  PlanningDemand d = { person_id, site_id, start, end, candidate, 0, type };

  g_array_append_val (demands, d);
}

/* Today's planned demands of an online or hybrid occurrence, as the
 * allocation's planned scenario makes them (resfri-demands.c): each
 * remote attendee's missing headset and camera, a hybrid room's missing
 * vc-kit. */
static void
add_planned (Pass                           *pass,
             const ResfriResolvedOccurrence *o)
{
  gboolean as_online = o->mode != RESFRI_MODE_HYBRID;
  gint64 start = o->start - pass->buffer;
  gint64 end = o->end + pass->buffer;

  /* An occurrence without duration (and no buffer) needs nothing. */
  if (end <= start)
    return;

  for (guint i = 0; i < o->n_attendees; i++)
    {
      const ResfriResolvedAttendee *a = &o->attendees[i];

      if (!as_online && a->home_site_id == o->venue_site_id)
        continue;
      if (!a->has_headset)
        add_demand (pass->base, PLANNING_BASE, a->person_id, a->home_site_id, start, end,
                    TYPE_HEADSET);
      if (!a->has_camera)
        add_demand (pass->base, PLANNING_BASE, a->person_id, a->home_site_id, start, end,
                    TYPE_CAMERA);
    }

  if (o->mode == RESFRI_MODE_HYBRID && o->venue_room_id != 0 && !o->venue_room_vc)
    add_demand (pass->base, PLANNING_BASE, 0, o->venue_site_id, start, end, TYPE_VC_KIT);
}

static gboolean
pass_occurrence (const ResfriResolvedOccurrence *o,
                 gpointer                        user_data)
{
  Pass *pass = user_data;
  UidEntry *entry;
  Building *b;
  gint64 start;
  gint64 end;

  if (g_cancellable_is_cancelled (pass->cancellable))
    return FALSE;

  /* Today's planned demands, of the whole organisation: pools are shared. */
  if (o->mode == RESFRI_MODE_ONLINE || o->mode == RESFRI_MODE_HYBRID)
    add_planned (pass, o);

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

  entry = g_hash_table_lookup (pass->by_uid, o->uid);
  if (entry == NULL)
    {
      entry = g_new0 (UidEntry, 1);
      g_hash_table_insert (pass->by_uid, g_string_chunk_insert (pass->uids, o->uid), entry);
    }
  entry->count++;

  if (o->verdict != RESFRI_VERDICT_NON_COMPLIANT)
    return TRUE;

  b = entry->building;
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
      b->count = &entry->count;
      g_ptr_array_add (pass->buildings, b);
      entry->building = b;
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
        add_demand (pass->demands, b->index, a->person_id, a->home_site_id, start, end,
                    TYPE_HEADSET);
      if (!a->has_camera)
        add_demand (pass->demands, b->index, a->person_id, a->home_site_id, start, end,
                    TYPE_CAMERA);
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

/* ---- The candidates' order ---------------------------------------------- */

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
  pass.by_uid = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  pass.uids = g_string_chunk_new (1 << 16);
  pass.buildings = g_ptr_array_new_with_free_func (building_free);
  pass.base = g_array_new (FALSE, FALSE, sizeof (PlanningDemand));
  pass.demands = g_array_new (FALSE, FALSE, sizeof (PlanningDemand));
  pass.cancellable = cancellable;

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
        const char *path = g_hash_table_lookup (pass.unit_paths, &b->unit_id);

        place[b->index] = i;
        if (*b->count != b->recurrence_ids->len)
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
        PlanningDemand *d = &g_array_index (pass.demands, PlanningDemand, i);

        d->candidate = place[d->candidate];
      }
  }

  if (!_resfri_candidates_build_model (store, self, pass.base, pass.demands, error))
    goto out;
  ok = TRUE;

out:
  g_array_unref (pass.base);
  g_clear_pointer (&pass.in_unit, g_hash_table_unref);
  g_hash_table_unref (pass.unit_paths);
  g_hash_table_unref (pass.by_uid);
  g_ptr_array_unref (pass.buildings);
  g_string_chunk_free (pass.uids);
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

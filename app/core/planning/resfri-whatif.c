/* resfri-whatif.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The what-if of spec/planning.md as an integer programme, solved by
 * GLPK's branch and bound (glp_intopt) under a time limit.
 *
 * The model. Candidates c = 1..N (resfri-candidates.c), each with occ_c
 * non-compliant occurrences in the period; pools p = (site, type) with
 * size_p loan items and unit price price_p; today's planned demands
 * base_p(t); a candidate's demands on pool p active at instant t,
 * d_cp(t) (its occurrences held online, merged per person).
 *
 *   x_c ∈ {0, 1}            convert candidate c
 *   buy_p ∈ ℤ, buy_p ≥ L_p  items bought for pool p, L_p = max (0,
 *                           peak of base_p − size_p): what today's plans
 *                           need whatever is chosen
 *
 *   minimise   Σ_p price_p · buy_p
 *   subject to Σ_c occ_c · x_c ≥ R      (the share: travel_free + Σ ≥
 *                                        S · counted, R = ⌈S · counted −
 *                                        travel_free⌉)
 *              for every pool p and every instant t where a demand of p
 *              starts (the peaks of an interval family are at starts) and
 *              some candidate's demand is active:
 *              Σ_c d_cp(t) · x_c − buy_p ≤ size_p − base_p(t)
 *
 * Rows that cannot bind (Σ_c d_cp(t) + base_p(t) ≤ max (size_p, peak of
 * base_p)) are left out, and rows with the same coefficients are kept
 * once with the smallest right-hand side. With buy_p at the least value
 * the rows allow, Σ price_p · buy_p is spec/allocation.md's Σ to_order ×
 * unit price of today's demands plus the chosen ones.
 *
 * Ties (spec/planning.md: the most avoided travel cost, then the fewest
 * conversions) by a second solve: with the least cost C* of the first
 * fixed (Σ price_p · buy_p ≤ C* + ε), maximise Σ_c (a_c · (N + 1) − 1) ·
 * x_c where a_c is the candidate's avoided cost in öre, an integer: a
 * larger Σ a_c always wins (it differs by at least N + 1), and among
 * equal ones the fewer conversions.
 *
 * A target above what converting every candidate reaches is not
 * reachable: the answer then converts every candidate (R = Σ occ_c) and
 * says the share it reaches.
 *
 * Time limit: a deadline that everything from the model's making to the
 * end of the search keeps to (with resfri_whatif_compute_since(), from the
 * command's start: opening the store and the pass over the period count,
 * and a twentieth of the limit (or a tenth of the time spent before the
 * search, when more) is left for writing the answer; the search
 * still gets at least a fiftieth, enough for the relaxation's bound on a
 * year of the largest demo). The first solve gets what is left, the
 * second what is then left but at most a fifth of the search's time (on a large
 * instance the ties are then the best found, the cost still proven). When
 * the first stops at the deadline, the best solution found is the answer
 * (a greedy one, given to GLPK as its first heuristic solution, when GLPK
 * found none), with the bound of the best open node and the gap; a cost
 * that is the least today's plans need whatever is chosen (Σ price_p ·
 * L_p) is optimal without a search. The GCancellable is checked in
 * GLPK's callback, which then terminates the search (glp_ios_terminate).
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glpk.h>

#include "resfri-planning-private.h"
#include "resfri-store.h"
#include "resfri-whatif.h"

/* Mean days of a month, for the payback. */
#define DAYS_PER_MONTH (365.2425 / 12)

typedef struct
{
  const ResfriCandidates *candidates;
  guint                   n;        /* candidates */
  guint                   n_pools;
  guint                   needed;
  gboolean               *bound;    /* per candidate: in some row */
} Instance;

typedef struct
{
  GCancellable *cancellable;
  const double *heuristic;   /* columns 1..n, or NULL */
  gboolean      given;
  gboolean      bound_known;
  double        bound;
} Callback;

static void
order_free (gpointer data)
{
  ResfriWhatifOrder *o = data;

  g_free (o->site);
  g_free (o->type);
  g_free (o);
}

void
resfri_whatif_free (ResfriWhatif *whatif)
{
  if (whatif == NULL)
    return;

  g_clear_pointer (&whatif->conversions, g_ptr_array_unref);
  g_clear_pointer (&whatif->order, g_ptr_array_unref);
  g_clear_pointer (&whatif->candidates, resfri_candidates_unref);
  g_free (whatif);
}

static void
search_callback (glp_tree *tree,
                 void     *info)
{
  Callback *cb = info;
  int best;

  if (g_cancellable_is_cancelled (cb->cancellable))
    {
      glp_ios_terminate (tree);
      return;
    }

  if (glp_ios_reason (tree) == GLP_IHEUR && cb->heuristic != NULL && !cb->given)
    {
      glp_ios_heur_sol (tree, cb->heuristic);
      cb->given = TRUE;
    }

  best = glp_ios_best_node (tree);
  if (best != 0)
    {
      cb->bound = glp_ios_node_bound (tree, best);
      cb->bound_known = TRUE;
    }
}

/* The least buy_p for @x (0/1 per candidate) in @buy; returns the cost. */
static double
buys_for (const ResfriCandidatesModel *model,
          const gboolean              *x,
          guint                       *buy)
{
  double cost = 0;

  for (guint p = 0; p < model->pools->len; p++)
    buy[p] = g_array_index (model->pools, PlanningPool, p).lower;

  for (guint r = 0; r < model->rows->len; r++)
    {
      const PlanningRow *row = &g_array_index (model->rows, PlanningRow, r);
      int load = 0;

      for (guint e = row->first; e < row->first + row->n; e++)
        {
          const PlanningEntry *entry = &g_array_index (model->entries, PlanningEntry, e);

          if (x[entry->candidate])
            load += (int) entry->coef;
        }
      if (load - row->rhs > (int) buy[row->pool])
        buy[row->pool] = (guint) (load - row->rhs);
    }

  for (guint p = 0; p < model->pools->len; p++)
    cost += buy[p] * g_array_index (model->pools, PlanningPool, p).unit_price;

  return cost;
}

/* A feasible choice: the candidates needing nothing from the pools first,
 * then the cheapest alone, each group by most occurrences. */
typedef struct
{
  guint  index;
  double alone;   /* its missing items' cost, on its own */
  guint  occurrences;
} GreedyEntry;

static int
greedy_compare (gconstpointer a,
                gconstpointer b)
{
  const GreedyEntry *x = a;
  const GreedyEntry *y = b;

  if (x->alone != y->alone)
    return x->alone < y->alone ? -1 : 1;
  if (x->occurrences != y->occurrences)
    return x->occurrences > y->occurrences ? -1 : 1;
  return (x->index > y->index) - (x->index < y->index);
}

static guint
entries_occurrences (const Instance *inst,
                     guint           c)
{
  return ((const ResfriCandidate *) g_ptr_array_index (inst->candidates->candidates, c))->occurrences;
}

static void
greedy (const Instance *inst,
        gboolean       *x)
{
  const ResfriCandidatesModel *model = inst->candidates->model;
  g_autofree GreedyEntry *entries = g_new0 (GreedyEntry, inst->n + 1);
  guint reached = 0;

  for (guint c = 0; c < inst->n; c++)
    {
      const ResfriCandidate *candidate = g_ptr_array_index (inst->candidates->candidates, c);

      entries[c].index = c;
      entries[c].occurrences = candidate->occurrences;
      for (guint i = 0; i < candidate->needs->len; i++)
        {
          const ResfriCandidateNeed *need = g_ptr_array_index (candidate->needs, i);

          for (guint p = 0; p < model->pools->len; p++)
            {
              const PlanningPool *pool = &g_array_index (model->pools, PlanningPool, p);

              if (strcmp (pool->site, need->site) == 0 && strcmp (pool->type, need->type) == 0)
                entries[c].alone += need->missing * pool->unit_price;
            }
        }
    }
  qsort (entries, inst->n, sizeof *entries, greedy_compare);

  /* The candidates in no row are converted whatever: they cost nothing. */
  for (guint c = 0; c < inst->n; c++)
    if ((x[c] = !inst->bound[c]))
      reached += entries_occurrences (inst, c);
  for (guint i = 0; i < inst->n && reached < inst->needed; i++)
    if (!x[entries[i].index])
      {
        x[entries[i].index] = TRUE;
        reached += entries[i].occurrences;
      }
}

/* The columns' values of choice @x, for glp_ios_heur_sol(). */
static double *
columns_of (const Instance *inst,
            const gboolean *x)
{
  const ResfriCandidatesModel *model = inst->candidates->model;
  g_autofree guint *buy = g_new0 (guint, model->pools->len + 1);
  double *cols = g_new0 (double, inst->n + model->pools->len + 1);

  buys_for (model, x, buy);
  for (guint c = 0; c < inst->n; c++)
    cols[1 + c] = x[c] ? 1 : 0;
  for (guint p = 0; p < model->pools->len; p++)
    cols[1 + inst->n + p] = buy[p];

  return cols;
}

static glp_prob *
build_problem (const Instance *inst)
{
  const ResfriCandidatesModel *model = inst->candidates->model;
  guint n_cols = inst->n + model->pools->len;
  g_autoptr(GArray) ia = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr(GArray) ja = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr(GArray) ar = g_array_new (FALSE, FALSE, sizeof (double));
  glp_prob *lp = glp_create_prob ();
  int zero_i = 0;
  double zero_d = 0;

#define ADD(i, j, v) G_STMT_START { int i_ = (i), j_ = (j); double v_ = (v); \
    g_array_append_val (ia, i_); g_array_append_val (ja, j_); g_array_append_val (ar, v_); \
  } G_STMT_END

  /* GLPK counts from 1. */
  g_array_append_val (ia, zero_i);
  g_array_append_val (ja, zero_i);
  g_array_append_val (ar, zero_d);

  glp_set_obj_dir (lp, GLP_MIN);
  glp_add_cols (lp, (int) n_cols);
  for (guint c = 0; c < inst->n; c++)
    {
      glp_set_col_kind (lp, 1 + (int) c, GLP_BV);
      /* In no row that can bind: converting it costs nothing and avoids
       * travel, so it is converted (in both solves). */
      if (!inst->bound[c])
        glp_set_col_bnds (lp, 1 + (int) c, GLP_FX, 1, 1);
    }
  for (guint p = 0; p < model->pools->len; p++)
    {
      const PlanningPool *pool = &g_array_index (model->pools, PlanningPool, p);
      int j = 1 + (int) (inst->n + p);

      glp_set_col_kind (lp, j, GLP_IV);
      glp_set_col_bnds (lp, j, GLP_LO, pool->lower, 0);
      glp_set_obj_coef (lp, j, pool->unit_price);
    }

  glp_add_rows (lp, 1 + (int) model->rows->len);
  glp_set_row_bnds (lp, 1, GLP_LO, inst->needed, 0);
  for (guint c = 0; c < inst->n; c++)
    {
      const ResfriCandidate *candidate = g_ptr_array_index (inst->candidates->candidates, c);

      ADD (1, 1 + (int) c, candidate->occurrences);
    }
  for (guint r = 0; r < model->rows->len; r++)
    {
      const PlanningRow *row = &g_array_index (model->rows, PlanningRow, r);
      int i = 2 + (int) r;

      glp_set_row_bnds (lp, i, GLP_UP, 0, row->rhs);
      for (guint e = row->first; e < row->first + row->n; e++)
        {
          const PlanningEntry *entry = &g_array_index (model->entries, PlanningEntry, e);

          ADD (i, 1 + (int) entry->candidate, entry->coef);
        }
      ADD (i, 1 + (int) (inst->n + row->pool), -1);
    }
#undef ADD

  glp_load_matrix (lp, (int) ia->len - 1, (const int *) (gpointer) ia->data,
                   (const int *) (gpointer) ja->data, (const double *) (gpointer) ar->data);

  return lp;
}

/* Milliseconds from now to @deadline (g_get_monotonic_time ()'s clock),
 * at least 1: GLPK takes 0 as no limit. */
static int
ms_until (gint64 deadline)
{
  gint64 left = (deadline - g_get_monotonic_time ()) / 1000;

  return (int) CLAMP (left, 1, G_MAXINT);
}

/* One branch and bound on @lp until @deadline, started from the columns
 * @heuristic. Returns whether it proved optimality; @x gets the best
 * choice found (unchanged when none); @cb->bound the bound. */
static gboolean
search (glp_prob       *lp,
        const Instance *inst,
        gint64          deadline,
        const double   *heuristic,
        Callback       *cb,
        gboolean       *x)
{
  glp_smcp smcp;
  glp_iocp iocp;
  int ret;
  int status;

  glp_init_smcp (&smcp);
  smcp.msg_lev = GLP_MSG_OFF;
  smcp.tm_lim = ms_until (deadline);
  if (glp_simplex (lp, &smcp) != 0 || glp_get_status (lp) != GLP_OPT)
    return FALSE;
  cb->bound = glp_get_obj_val (lp);
  cb->bound_known = TRUE;

  glp_init_iocp (&iocp);
  iocp.msg_lev = GLP_MSG_OFF;
  /* The relaxation took its share of the time. */
  iocp.tm_lim = ms_until (deadline);
  iocp.presolve = GLP_OFF;   /* the callback's columns are the model's */
  iocp.fp_heur = GLP_ON;
  iocp.mip_gap = 0;
  iocp.cb_func = search_callback;
  iocp.cb_info = cb;
  cb->heuristic = heuristic;
  cb->given = FALSE;

  ret = glp_intopt (lp, &iocp);
  status = glp_mip_status (lp);
  if (status == GLP_OPT || status == GLP_FEAS)
    for (guint c = 0; c < inst->n; c++)
      x[c] = glp_mip_col_val (lp, 1 + (int) c) > 0.5;

  return ret == 0 && status == GLP_OPT;
}

static gboolean
reached (const Instance *inst,
         const gboolean *x)
{
  guint sum = 0;

  for (guint c = 0; c < inst->n; c++)
    if (x[c])
      sum += ((const ResfriCandidate *) g_ptr_array_index (inst->candidates->candidates, c))->occurrences;

  return sum >= inst->needed;
}

/* The second solve: least cost fixed, most avoided cost, fewest
 * conversions. */
static void
break_ties (glp_prob       *lp,
            const Instance *inst,
            double          cost,
            gint64          deadline,
            Callback       *cb,
            gboolean       *x)
{
  const ResfriCandidatesModel *model = inst->candidates->model;
  g_autofree double *heuristic = columns_of (inst, x);
  g_autofree gboolean *best = g_memdup2 (x, sizeof *x * (inst->n + 1));
  g_autofree int *ind = g_new0 (int, model->pools->len + 1);
  g_autofree double *val = g_new0 (double, model->pools->len + 1);
  double scale = 100;   /* öre */
  double largest = 0;
  int row;
  Callback second = { cb->cancellable, NULL, FALSE, FALSE, 0 };

  for (guint c = 0; c < inst->n; c++)
    largest += ((const ResfriCandidate *) g_ptr_array_index (inst->candidates->candidates, c))->avoided_cost_sek;
  /* Keep the weights exact in a double. */
  while (scale > 1e-6 && largest * scale * (inst->n + 1) > 1e15)
    scale /= 10;

  row = glp_add_rows (lp, 1);
  for (guint p = 0; p < model->pools->len; p++)
    {
      ind[1 + p] = 1 + (int) (inst->n + p);
      val[1 + p] = g_array_index (model->pools, PlanningPool, p).unit_price;
      glp_set_obj_coef (lp, ind[1 + p], 0);
    }
  glp_set_mat_row (lp, row, (int) model->pools->len, ind, val);
  glp_set_row_bnds (lp, row, GLP_UP, 0, cost + 1e-6 * MAX (1, cost));

  glp_set_obj_dir (lp, GLP_MAX);
  for (guint c = 0; c < inst->n; c++)
    {
      const ResfriCandidate *candidate = g_ptr_array_index (inst->candidates->candidates, c);

      glp_set_obj_coef (lp, 1 + (int) c,
                        round (candidate->avoided_cost_sek * scale) * (inst->n + 1) - 1);
    }

  search (lp, inst, deadline, heuristic, &second, best);
  /* Only a choice as cheap that still reaches the target replaces it. */
  if (reached (inst, best))
    {
      g_autofree guint *buy = g_new0 (guint, model->pools->len + 1);

      if (buys_for (model, best, buy) <= cost + 1e-6 * MAX (1, cost))
        memcpy (x, best, sizeof *x * inst->n);
    }
}

/* The what-if until @deadline (g_get_monotonic_time ()'s clock). */
static ResfriWhatif *
solve_until (ResfriCandidates  *candidates,
             double             target_share,
             gint64             deadline,
             GCancellable      *cancellable,
             GError           **error)
{
  const ResfriCandidatesModel *model;
  g_autoptr(ResfriWhatif) self = NULL;
  g_autofree gboolean *x = NULL;
  g_autofree guint *buy = NULL;
  g_autofree double *heuristic = NULL;
  Instance inst = { candidates, 0, 0, 0 };
  Callback cb = { cancellable, NULL, FALSE, FALSE, 0 };
  guint total = 0;
  guint chosen = 0;
  double wanted;
  gint64 begun = g_get_monotonic_time ();
  double lower = 0;
  double days;

  model = candidates->model;
  inst.n = candidates->candidates->len;
  inst.n_pools = model->pools->len;

  self = g_new0 (ResfriWhatif, 1);
  self->candidates = resfri_candidates_ref (candidates);
  self->target_share = target_share;
  self->has_share = resfri_candidates_get_share (candidates, &self->share_before);
  self->conversions = g_ptr_array_new ();
  self->order = g_ptr_array_new_with_free_func (order_free);

  for (guint c = 0; c < inst.n; c++)
    total += ((const ResfriCandidate *) g_ptr_array_index (candidates->candidates, c))->occurrences;
  /* The share row; a hair below S · counted is S (floating point). */
  wanted = ceil (target_share * candidates->counted - candidates->travel_free - 1e-9);
  inst.needed = wanted > 0 ? (guint) wanted : 0;
  self->reachable = inst.needed <= total;
  if (!self->reachable)
    inst.needed = total;

  inst.bound = g_new0 (gboolean, inst.n + 1);
  for (guint e = 0; e < model->entries->len; e++)
    inst.bound[g_array_index (model->entries, PlanningEntry, e).candidate] = TRUE;
  x = g_new0 (gboolean, inst.n + 1);
  buy = g_new0 (guint, inst.n_pools + 1);
  greedy (&inst, x);
  heuristic = columns_of (&inst, x);

  /* Nothing to choose and nothing to buy: GLPK wants a column. */
  if (inst.n + inst.n_pools == 0)
    self->optimal = TRUE;
  else
    {
      glp_prob *lp = build_problem (&inst);

      self->optimal = search (lp, &inst, deadline, heuristic, &cb, x);
      /* The least today's plans need whatever is chosen: a choice that
       * costs no more is optimal, found or not by the search in time. */
      for (guint p = 0; p < inst.n_pools; p++)
        lower += g_array_index (model->pools, PlanningPool, p).lower *
                 g_array_index (model->pools, PlanningPool, p).unit_price;
      if (!self->optimal && !g_cancellable_is_cancelled (cancellable) && reached (&inst, x) &&
          buys_for (model, x, buy) <= lower)
        self->optimal = TRUE;
      if (!g_cancellable_is_cancelled (cancellable) && self->optimal)
        {
          /* The ties get what is left, at most a fifth of the search's
           * time: the cost is proven, the rest is the best found in that
           * time. */
          gint64 now = g_get_monotonic_time ();
          gint64 until = MIN (deadline, now + (deadline - begun) / 5);

          if (until > now)
            break_ties (lp, &inst, buys_for (model, x, buy), until, &cb, x);
        }
      glp_delete_prob (lp);
      glp_free_env ();
    }
  g_free (inst.bound);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  self->total_cost = buys_for (model, x, buy);
  self->bound = self->optimal ? self->total_cost
                              : CLAMP (cb.bound_known ? cb.bound : 0, 0, self->total_cost);
  self->gap = self->total_cost > 0 ? (self->total_cost - self->bound) / self->total_cost : 0;

  for (guint c = 0; c < inst.n; c++)
    {
      ResfriCandidate *candidate = g_ptr_array_index (candidates->candidates, c);

      if (!x[c])
        continue;
      g_ptr_array_add (self->conversions, candidate);
      chosen += candidate->occurrences;
      self->avoided_km += candidate->avoided_km;
      self->avoided_cost_sek += candidate->avoided_cost_sek;
      self->avoided_co2_kg += candidate->avoided_co2_kg;
      self->avoided_hours += candidate->avoided_hours;
    }
  if (self->has_share)
    self->share_after = (double) (candidates->travel_free + chosen) / candidates->counted;

  for (guint p = 0; p < inst.n_pools; p++)
    {
      const PlanningPool *pool = &g_array_index (model->pools, PlanningPool, p);
      ResfriWhatifOrder *o;

      if (buy[p] == 0)
        continue;
      o = g_new0 (ResfriWhatifOrder, 1);
      o->site = g_strdup (pool->site);
      o->type = g_strdup (pool->type);
      o->to_order = buy[p];
      o->unit_cost = pool->unit_price;
      o->cost = buy[p] * pool->unit_price;
      g_ptr_array_add (self->order, o);
    }

  days = (candidates->to - candidates->from) / 86400.0;
  if (self->total_cost <= 0)
    {
      self->has_payback = TRUE;
      self->payback_months = 0;
    }
  else if (self->avoided_cost_sek > 0 && days > 0)
    {
      self->has_payback = TRUE;
      self->payback_months = self->total_cost / (self->avoided_cost_sek / (days / DAYS_PER_MONTH));
    }

  return g_steal_pointer (&self);
}

ResfriWhatif *
resfri_whatif_solve (ResfriCandidates  *candidates,
                     double             target_share,
                     double             time_limit,
                     GCancellable      *cancellable,
                     GError           **error)
{
  g_return_val_if_fail (candidates != NULL, NULL);
  g_return_val_if_fail (target_share >= 0 && target_share <= 1, NULL);

  if (time_limit <= 0)
    time_limit = RESFRI_WHATIF_DEFAULT_TIME_LIMIT;

  return solve_until (candidates, target_share,
                      g_get_monotonic_time () + (gint64) (time_limit * G_USEC_PER_SEC),
                      cancellable, error);
}

typedef struct
{
  ResfriCandidates *candidates;
  double            target_share;
  double            time_limit;
} SolveData;

static void
solve_data_free (gpointer data)
{
  SolveData *solve = data;

  resfri_candidates_unref (solve->candidates);
  g_free (solve);
}

static void
solve_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  SolveData *solve = task_data;
  GError *error = NULL;
  ResfriWhatif *whatif;

  whatif = resfri_whatif_solve (solve->candidates, solve->target_share, solve->time_limit,
                                cancellable, &error);
  if (whatif == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, whatif, (GDestroyNotify) resfri_whatif_free);
}

void
resfri_whatif_solve_async (ResfriCandidates    *candidates,
                           double               target_share,
                           double               time_limit,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  SolveData *solve;

  g_return_if_fail (candidates != NULL);

  solve = g_new0 (SolveData, 1);
  solve->candidates = resfri_candidates_ref (candidates);
  solve->target_share = target_share;
  solve->time_limit = time_limit;

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, resfri_whatif_solve_async);
  g_task_set_task_data (task, solve, solve_data_free);
  g_task_set_return_on_cancel (task, FALSE);
  g_task_run_in_thread (task, solve_thread);
}

ResfriWhatif *
resfri_whatif_solve_finish (GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

ResfriWhatif *
resfri_whatif_compute_since (ResfriStore         *store,
                             const ResfriPolicy  *policy,
                             const ResfriPeriod  *period,
                             const char          *unit,
                             double               target_share,
                             double               time_limit,
                             gint64               started,
                             GCancellable        *cancellable,
                             GError             **error)
{
  g_autoptr(ResfriCandidates) candidates = NULL;
  gint64 limit_us;
  gint64 deadline;
  gint64 now;

  g_return_val_if_fail (target_share >= 0 && target_share <= 1, NULL);

  candidates = resfri_candidates_compute (store, policy, period, unit, cancellable, error);
  if (candidates == NULL)
    return NULL;

  /* The time limit is the whole answer's: what came before the search
   * counts, and a twentieth is left for writing the answer, or a tenth of
   * the time spent so far when more (writing and freeing slow down with
   * the machine, as the pass did). The search still gets a fiftieth. */
  if (time_limit <= 0)
    time_limit = RESFRI_WHATIF_DEFAULT_TIME_LIMIT;
  limit_us = (gint64) (time_limit * G_USEC_PER_SEC);
  now = g_get_monotonic_time ();
  deadline = MAX (started + limit_us - MAX (limit_us / 20, (now - started) / 10),
                  now + limit_us / 50);

  return solve_until (candidates, target_share, deadline, cancellable, error);
}

ResfriWhatif *
resfri_whatif_compute (ResfriStore         *store,
                       const ResfriPolicy  *policy,
                       const ResfriPeriod  *period,
                       const char          *unit,
                       double               target_share,
                       double               time_limit,
                       GCancellable        *cancellable,
                       GError             **error)
{
  return resfri_whatif_compute_since (store, policy, period, unit, target_share, time_limit,
                                      g_get_monotonic_time (), cancellable, error);
}

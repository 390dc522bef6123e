/* resfri-whatif.h
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The what-if of spec/planning.md: the cheapest set of candidates whose
 * conversion raises the period's travel-free share to a target, where the
 * cost is what must be bought so that every demand is served; an integer
 * programme solved with GLPK (the model is in resfri-whatif.c's header).
 */

#pragma once

#include <gio/gio.h>

#include "resfri-candidates.h"

G_BEGIN_DECLS

/* The default time limit of the solver, in seconds. */
#define RESFRI_WHATIF_DEFAULT_TIME_LIMIT 10.0

/**
 * ResfriWhatifOrder:
 * @site: the pool's site code
 * @type: "headset", "camera" or "vc-kit"
 * @to_order: items to buy for the pool
 * @unit_cost: the type's unit price
 * @cost: @to_order × @unit_cost
 */
typedef struct
{
  char   *site;
  char   *type;
  guint   to_order;
  double  unit_cost;
  double  cost;
} ResfriWhatifOrder;

/**
 * ResfriWhatif:
 * @candidates: the candidates it chose among
 * @target_share: the share asked for, 0..1
 * @has_share: the period has occurrences in the share's denominator;
 *   without, both shares are 0
 * @share_before: travel-free share now
 * @share_after: with the conversions
 * @reachable: converting candidates can reach @target_share; when not,
 *   the answer converts every candidate and @share_after is the highest
 *   reachable share
 * @optimal: the cost is proven least
 * @bound: a lower bound of the least cost (= @total_cost when @optimal)
 * @gap: (@total_cost - @bound) / @total_cost, 0 when @optimal
 * @conversions: (element-type ResfriCandidate): the chosen candidates,
 *   most avoided cost first; they belong to @candidates
 * @order: (element-type ResfriWhatifOrder): by site then type, those to
 *   order only
 * @total_cost: the order's cost
 * @avoided_km, @avoided_cost_sek, @avoided_co2_kg, @avoided_hours: what
 *   the conversions avoid over the period
 * @has_payback: FALSE when nothing is avoided and something costs
 * @payback_months: @total_cost / (@avoided_cost_sek per month of the period)
 */
typedef struct
{
  ResfriCandidates *candidates;
  double            target_share;
  gboolean          has_share;
  double            share_before;
  double            share_after;
  gboolean          reachable;
  gboolean          optimal;
  double            bound;
  double            gap;
  GPtrArray        *conversions;
  GPtrArray        *order;
  double            total_cost;
  double            avoided_km;
  double            avoided_cost_sek;
  double            avoided_co2_kg;
  double            avoided_hours;
  gboolean          has_payback;
  double            payback_months;
} ResfriWhatif;

/* Solves the what-if over @candidates for @target_share (0..1) within
 * @time_limit seconds (≤ 0: RESFRI_WHATIF_DEFAULT_TIME_LIMIT). Cancelling
 * @cancellable stops the solver: G_IO_ERROR_CANCELLED. Needs no store: the
 * GUI's slider computes the candidates once and solves on every move. */
ResfriWhatif *resfri_whatif_solve        (ResfriCandidates     *candidates,
                                          double                target_share,
                                          double                time_limit,
                                          GCancellable         *cancellable,
                                          GError              **error);
/* The same on a worker thread (GTask); @candidates is held until done. */
void          resfri_whatif_solve_async  (ResfriCandidates     *candidates,
                                          double                target_share,
                                          double                time_limit,
                                          GCancellable         *cancellable,
                                          GAsyncReadyCallback   callback,
                                          gpointer              user_data);
ResfriWhatif *resfri_whatif_solve_finish (GAsyncResult         *result,
                                          GError              **error);

/* resfri_candidates_compute() then resfri_whatif_solve(), all of it within
 * @time_limit (≤ 0: RESFRI_WHATIF_DEFAULT_TIME_LIMIT) but a twentieth (or
 * a tenth of the time spent before the search, when more) left for
 * writing the answer; the search gets at least a fiftieth. */
ResfriWhatif *resfri_whatif_compute      (ResfriStore          *store,
                                          const ResfriPolicy   *policy,
                                          const ResfriPeriod   *period,
                                          const char           *unit,
                                          double                target_share,
                                          double                time_limit,
                                          GCancellable         *cancellable,
                                          GError              **error);

/* The same with the time limit counted from @started
 * (g_get_monotonic_time ()'s clock), the start of the CLI's `whatif`: what
 * came before (opening the store) counts too. */
ResfriWhatif *resfri_whatif_compute_since (ResfriStore         *store,
                                           const ResfriPolicy  *policy,
                                           const ResfriPeriod  *period,
                                           const char          *unit,
                                           double               target_share,
                                           double               time_limit,
                                           gint64               started,
                                           GCancellable        *cancellable,
                                           GError             **error);

void          resfri_whatif_free         (ResfriWhatif         *whatif);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ResfriWhatif, resfri_whatif_free)

G_END_DECLS

/* resfri-candidates.h
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The candidates of spec/planning.md: every series (one UID) or single
 * meeting with non-compliant occurrences in a period, what converting it
 * would avoid and what equipment it would need, from one pass of the
 * policy check; the opportunities list is these, most avoided cost first.
 */

#pragma once

#include <gio/gio.h>

#include "resfri-period.h"
#include "resfri-policy-settings.h"
#include "resfri-store.h"

G_BEGIN_DECLS

/**
 * ResfriCandidateNeed:
 * @site: the pool's site code
 * @type: "headset" or "camera"
 * @demand: the most of the candidate's demands on the pool at one instant
 * @missing: the items the pool lacks to serve them beside today's planned
 *   demands (0: served as the pool stands)
 */
typedef struct
{
  char  *site;
  char  *type;
  guint  demand;
  guint  missing;
} ResfriCandidateNeed;

/**
 * ResfriCandidate:
 * @uid: the meeting's UID
 * @recurrence_ids: (nullable): the RECURRENCE-IDs of its non-compliant
 *   occurrences in the period, or %NULL when they are all its occurrences
 *   there (the whole series in the period, or a single meeting)
 * @summary: its summary (of its first non-compliant occurrence)
 * @organizer: (nullable): the organiser's email
 * @unit: (nullable): the organiser's unit path, %NULL when external
 * @occurrences: its non-compliant occurrences in the period
 * @avoided_km: the travel they cause now (spec/policy.md), which
 *   converting them avoids; @avoided_cost_sek, @avoided_co2_kg and
 *   @avoided_hours likewise
 * @needs: (element-type ResfriCandidateNeed): per pool, by site then type
 * @served: every need has @missing 0
 * @first_start: the start of its first non-compliant occurrence in the
 *   period (UTC unix seconds), @first_recurrence_id its RECURRENCE-ID ("":
 *   a single meeting): where "Go to Meeting" goes
 */
typedef struct
{
  char       *uid;
  char      **recurrence_ids;
  char       *summary;
  char       *organizer;
  char       *unit;
  guint       occurrences;
  double      avoided_km;
  double      avoided_cost_sek;
  double      avoided_co2_kg;
  double      avoided_hours;
  GPtrArray  *needs;
  gboolean    served;
  gint64      first_start;
  char       *first_recurrence_id;
} ResfriCandidate;

typedef struct _ResfriCandidatesModel ResfriCandidatesModel;

/**
 * ResfriCandidates:
 * @period: the period's label ("2026")
 * @unit: (nullable): the unit's path the list is restricted to
 * @counted: the occurrences in the share's denominator (spec/cli.md
 *   travel_free_share: travel-free, exempt and non-compliant ones of the
 *   period, of @unit's subtree when set)
 * @travel_free: of those, the travel-free ones
 * @candidates: (element-type ResfriCandidate): most avoided cost first,
 *   then by UID
 *
 * Reference counted: the what-if holds it while it solves on a worker.
 */
typedef struct
{
  char                  *period;
  gint64                 from;
  gint64                 to;
  char                  *unit;
  guint                  counted;
  guint                  travel_free;
  GPtrArray             *candidates;
  /*< private >*/
  ResfriCandidatesModel *model;
  gint                   ref_count;
} ResfriCandidates;

/* The candidates of @period (and @unit: a path, or a unique unit name;
 * RESFRI_ERROR_NOT_FOUND for an unknown one) with @policy (NULL: the
 * store's settings). The opportunities list is @candidates in order; the
 * Overview's three biggest opportunities are its first three. */
ResfriCandidates *resfri_candidates_compute        (ResfriStore          *store,
                                                    const ResfriPolicy   *policy,
                                                    const ResfriPeriod   *period,
                                                    const char           *unit,
                                                    GCancellable         *cancellable,
                                                    GError              **error);
/* The same on a worker with its own connection (the GUI). */
void              resfri_candidates_compute_async  (ResfriStore          *store,
                                                    const ResfriPolicy   *policy,
                                                    const ResfriPeriod   *period,
                                                    const char           *unit,
                                                    GCancellable         *cancellable,
                                                    GAsyncReadyCallback   callback,
                                                    gpointer              user_data);
ResfriCandidates *resfri_candidates_compute_finish (ResfriStore          *store,
                                                    GAsyncResult         *result,
                                                    GError              **error);

ResfriCandidates *resfri_candidates_ref            (ResfriCandidates     *self);
void              resfri_candidates_unref          (ResfriCandidates     *self);

/* The share before any conversion: travel_free / counted; FALSE (and 0)
 * when counted is 0. */
gboolean          resfri_candidates_get_share      (const ResfriCandidates *self,
                                                    double                 *share);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ResfriCandidates, resfri_candidates_unref)

G_END_DECLS

/* resfri-followup.h
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The politicians' follow-up of the travel policy (spec/policy.md
 * "Follow-up periods", spec/cli.md `report`): resolved occurrences counted
 * in the period their start falls in, per organiser's unit (rolled up the
 * unit tree), per month, and in total. The data only: app/report and the
 * CLI render it.
 */

#pragma once

#include <gio/gio.h>

#include "resfri-period.h"
#include "resfri-policy-settings.h"
#include "resfri-store.h"

G_BEGIN_DECLS

/* The unit row of occurrences whose organiser is not a known person. */
#define RESFRI_FOLLOWUP_NO_UNIT "(none)"

/* The exemption reasons of spec/policy.md, in the order reports list them. */
#define RESFRI_FOLLOWUP_N_REASONS 7

/**
 * ResfriFollowupRow:
 * @unit: (nullable): the unit's path ("Parent/Child"), %RESFRI_FOLLOWUP_NO_UNIT,
 *   or for the total and the month rows the unit the report is restricted
 *   to (%NULL: the whole organisation)
 * @month: (nullable): "2026-03" for a month row
 * @depth: a unit row's depth below the report's top (0 for a root)
 * @employees: the unit's people, children's included
 * @equipped: of those, the people who own a working headset and camera
 * @open_gaps: of those, the people without a working headset plus the
 *   people without a working camera: the missing (person, type) pairs, on
 *   the basis of @equipped and of `gaps` equip_everyone (an item of that
 *   type that the person owns and that is in the "ok" state; loan-pool
 *   items do not count). People are not per month: a month row carries
 *   the total's value, as it carries its @employees.
 * @exempt: exempt occurrences per reason, in resfri_followup_get_reasons()'
 *   order
 * @occurrences: the occurrences held: those that have ended by the
 *   follow-up's @now; every count and figure but @planned is of these
 * @planned: the occurrences of the period not yet ended at @now, counted
 *   apart (and in nothing else)
 * @unregistered: of the occurrences held, those none of whose people (the
 *   organiser, the attendees) is in the people register: Resfri cannot
 *   tell whether anyone travels to them (data quality)
 * @target_share: the target travel-free share that holds for the row
 *   (resfri_policy_get_target_share()), NAN when none is set
 *
 * One row of figures (the R of spec/cli.md).
 */
typedef struct
{
  char   *unit;
  char   *month;
  gint64  unit_id;
  guint   depth;
  guint   employees;
  guint   equipped;
  guint   open_gaps;
  guint   occurrences;
  guint   planned;
  guint   unregistered;
  double  target_share;
  guint   travel_free;
  guint   local;
  guint   exempt[RESFRI_FOLLOWUP_N_REASONS];
  guint   exempt_total;
  guint   non_compliant;
  guint   unknown;
  guint   trips_short;
  guint   trips_long;
  double  travel_km;
  double  travel_co2_kg;
  double  avoided_km;
  double  avoided_co2_kg;
  double  avoided_cost_sek;
  double  avoided_hours;
} ResfriFollowupRow;

/**
 * ResfriFollowup:
 * @period: the period reported on
 * @unit: (nullable): the unit path the report is restricted to
 * @units: (element-type ResfriFollowupRow): a row per unit in tree order
 *   (children after their parent, by name), then %RESFRI_FOLLOWUP_NO_UNIT
 *   when it has occurrences
 * @months: (element-type ResfriFollowupRow): a row per month of @period
 * @total: the whole report
 * @previous_period: @period a year earlier
 * @previous_months: (nullable) (element-type ResfriFollowupRow): the same
 *   months a year earlier, %NULL when that year has no occurrence
 * @now: the instant (UTC unix seconds) that divides held from planned
 */
typedef struct
{
  ResfriPeriod      *period;
  char              *unit;
  GPtrArray         *units;
  GPtrArray         *months;
  ResfriFollowupRow *total;
  ResfriPeriod      *previous_period;
  GPtrArray         *previous_months;
  gint64             now;
} ResfriFollowup;

/* The reason ids ("physical-presence", …), RESFRI_FOLLOWUP_N_REASONS of
 * them; an unknown reason counts as "other". */
const char * const *resfri_followup_get_reasons   (void);
/* The translated, human name of a reason id ("Needs physical presence"). */
const char         *resfri_followup_reason_label  (const char               *reason);

/* travel_free / (travel_free + exempt + non_compliant); FALSE (and 0) when
 * that is 0/0. */
gboolean  resfri_followup_row_get_travel_free_share (const ResfriFollowupRow *row,
                                                     double                  *share);
/* The share and the target of a row; FALSE when either is unknown. */
gboolean  resfri_followup_row_get_target_progress   (const ResfriFollowupRow *row,
                                                     double                  *share,
                                                     double                  *target);
/* "68.9 % of the 80 % target", or without a target "68.9 %"; NULL when the
 * share is unknown. Translated. */
char     *resfri_followup_row_dup_headline          (const ResfriFollowupRow *row);
/* Whether the row's figures deserve a data-quality note beside them: at
 * least 2 % of its meetings held (and at least one) have nobody in the
 * people register (@unregistered). */
gboolean  resfri_followup_row_has_data_warning      (const ResfriFollowupRow *row);
/* The note beside the figures when resfri_followup_row_has_data_warning():
 * how many meetings and what to do; NULL otherwise. Translated. */
char     *resfri_followup_row_dup_data_warning      (const ResfriFollowupRow *row);
/* "Planned: 12 more meetings in the period, not yet held and not counted
 * above"; NULL without planned occurrences. Translated. */
char     *resfri_followup_row_dup_planned_note      (const ResfriFollowupRow *row);
/* The instant follow-ups divide held from planned by: the environment's
 * RESFRI_NOW (an RFC 3339 instant or a date, midnight UTC) when set and
 * valid, for tests and reproducible reports, else the clock. */
gint64    resfri_followup_get_now                   (void);
/* equipped / employees; FALSE (and 0) without employees. */
gboolean  resfri_followup_row_get_equipment_coverage (const ResfriFollowupRow *row,
                                                      double                  *coverage);

/**
 * ResfriFollowupPerEmployee:
 *
 * A row's figures divided by its employees (spec/cli.md R plus
 * "per_employee"): the report's keys are resfri_followup_get_per_employee_keys().
 */
typedef struct
{
  double travel_km;
  double avoided_km;
  double avoided_co2_kg;
  double avoided_cost_sek;
  double avoided_hours;
  double travel_free;
  double trips_short;
  double trips_long;
  double travel_co2_kg;
} ResfriFollowupPerEmployee;

#define RESFRI_FOLLOWUP_N_PER_EMPLOYEE 9

/* "travel_km", "avoided_km", "avoided_co2_kg", "avoided_cost_sek",
 * "avoided_hours", then REMM's "travel_free", "trips_short", "trips_long",
 * "travel_co2_kg": the members of ResfriFollowupPerEmployee in order, the
 * keys of the JSON "per_employee" object and (after "per_employee_") the
 * CSV columns. */
const char * const *resfri_followup_get_per_employee_keys (void);

/* A row's unit as people read it: "All units" for a row without a unit,
 * "(external organiser)" for %RESFRI_FOLLOWUP_NO_UNIT, else the unit's
 * name (the last part of its path: "Child" of "Parent/Child") or with
 * @full_path its path. Translated. */
const char *resfri_followup_row_get_unit_label (const ResfriFollowupRow *row,
                                                gboolean                 full_path);

/* The figures per employee; FALSE (and zeros) without employees. */
gboolean  resfri_followup_row_get_per_employee (const ResfriFollowupRow   *row,
                                                ResfriFollowupPerEmployee *per_employee);
/* The same as an array in resfri_followup_get_per_employee_keys()' order. */
gboolean  resfri_followup_row_get_per_employee_values (const ResfriFollowupRow *row,
                                                       double                  *values);

/* Computes the follow-up of @period with @policy (NULL: the store's), over
 * the whole organisation or, with @unit (a unit's path, or its name when
 * that is unique), over that unit's subtree; RESFRI_ERROR_NOT_FOUND for an
 * unknown unit. */
ResfriFollowup     *resfri_followup_compute       (ResfriStore              *store,
                                                   const ResfriPolicy       *policy,
                                                   const ResfriPeriod       *period,
                                                   const char               *unit,
                                                   GCancellable             *cancellable,
                                                   GError                  **error);
/* The same on a worker thread with its own connection to the store's
 * file (for the GUI). */
void                resfri_followup_compute_async (ResfriStore              *store,
                                                   const ResfriPolicy       *policy,
                                                   const ResfriPeriod       *period,
                                                   const char               *unit,
                                                   GCancellable             *cancellable,
                                                   GAsyncReadyCallback       callback,
                                                   gpointer                  user_data);
ResfriFollowup     *resfri_followup_compute_finish (ResfriStore             *store,
                                                    GAsyncResult            *result,
                                                    GError                 **error);
void                resfri_followup_free          (ResfriFollowup           *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ResfriFollowup, resfri_followup_free)

/**
 * ResfriFollowupSeries:
 * @n_values: the number of categories
 * @labels: (array length=n_values): the name of each category, then %NULL
 * @values: (array length=n_values): the value of each category; NAN when
 *   there is none
 * @previous: (nullable) (array length=n_values): the same categories a
 *   year earlier
 *
 * What a chart of the follow-up shows, computed once for the PDF report
 * and the GUI (app/report draws it).
 */
typedef struct
{
  guint    n_values;
  char   **labels;
  double  *values;
  double  *previous;
} ResfriFollowupSeries;

/* The travel-free share of each month of the period in percent (NAN for a
 * month without a meeting that needs travel), with @previous from the
 * same months a year earlier when the follow-up has them. The labels are
 * abbreviated month names in the user's language ("Mar"; "Mar 26" when the
 * period is longer than 12 months). */
ResfriFollowupSeries *resfri_followup_dup_share_series  (const ResfriFollowup *self);
/* The exempt occurrences of the period per reason: the labels are
 * resfri_followup_reason_label() in resfri_followup_get_reasons()' order. */
ResfriFollowupSeries *resfri_followup_dup_reason_series (const ResfriFollowup *self);
void                  resfri_followup_series_free       (ResfriFollowupSeries *series);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ResfriFollowupSeries, resfri_followup_series_free)

G_END_DECLS

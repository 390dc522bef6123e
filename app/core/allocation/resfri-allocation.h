/* resfri-allocation.h
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Allocation of loan items to remote attendees, gaps and the order list
 * (spec/allocation.md). The pool solver first is pure: no store.
 *
 * What the spec leaves open, as decided here:
 * - An occurrence without duration (start = end, no buffer) makes no
 *   demand; it still counts as a remote occurrence in people_without.
 * - A vc-kit demand gets the buffer too, and is never merged (it has no
 *   person).
 * - Existing bookings of an item block it for their intervals. A demand
 *   whose occurrences already have bookings of one item of its pool for
 *   its person (no person for a vc-kit) that together cover its interval
 *   keeps that item (ResfriDemand.booked) and is not booked again: an
 *   allocation booked with --book and computed again is the same.
 * - --book writes one booking per occurrence of a merged demand, the
 *   pieces covering the demand's interval without overlapping each other
 *   (the store refuses overlaps on one item).
 * - Payback: the travel (km, SEK, CO2) of the non-compliant occurrences,
 *   which holding them online would avoid.
 * - equip_everyone counts each unit's own people (no roll-up), every
 *   person who lacks a working headset or camera, at the unit prices.
 * - The shortfall lists every pool with demand or with items, to_order 0
 *   included; JSON and CSV list them all, the text only those to order.
 */

#pragma once

#include <gio/gio.h>

#include "resfri-policy-settings.h"
#include "resfri-store.h"

G_BEGIN_DECLS

/* ---- The pure, exact core ---------------------------------------------- */

/**
 * ResfriInterval:
 * @start: first instant (inclusive)
 * @end: last instant (exclusive)
 *
 * A half-open interval: [10:00, 11:00) and [11:00, 12:00) do not overlap.
 */
typedef struct
{
  gint64 start;
  gint64 end;
} ResfriInterval;

/**
 * ResfriItemBlock:
 * @item: index of the item in its pool
 * @start: first instant the item is taken
 * @end: first instant it is free again
 *
 * An interval during which one item of a pool is already taken (an existing
 * booking). The blocks of one item never overlap each other.
 */
typedef struct
{
  guint  item;
  gint64 start;
  gint64 end;
} ResfriItemBlock;

guint     resfri_allocation_solve_pool  (guint                  n_items,
                                         const ResfriItemBlock *blocks,
                                         guint                  n_blocks,
                                         const ResfriInterval  *demands,
                                         guint                  n_demands,
                                         int                   *assignment,
                                         gboolean              *proven);

guint     resfri_allocation_peak        (const ResfriInterval  *intervals,
                                         guint                  n_intervals);

/* ---- Demands, allocation and gaps from the store ------------------------ */

typedef enum
{
  RESFRI_SCENARIO_PLANNED,
  RESFRI_SCENARIO_POLICY,
} ResfriScenario;

const char *resfri_scenario_to_string (ResfriScenario scenario);

/**
 * ResfriDemandOccurrence:
 * @uid: the occurrence's UID
 * @recurrence_id: its RECURRENCE-ID as stored ("" for a single event)
 * @start: the occurrence's start (UTC unix seconds)
 * @end: its end
 */
typedef struct
{
  const char *uid;
  const char *recurrence_id;
  gint64      start;
  gint64      end;
} ResfriDemandOccurrence;

/**
 * ResfriDemand:
 * @person_id: people.id, 0 for a vc-kit demand
 * @person: (nullable): the person's email, %NULL for a vc-kit demand
 * @type: "headset", "camera" or "vc-kit"
 * @site_id: sites.id of the pool that serves it
 * @site: that site's code
 * @start: the demand's interval, buffer included
 * @end: its end
 * @first_member: where its occurrences start in the allocation's @members
 * @n_members: how many occurrences it stands for (≥ 1)
 * @item_id: equipment.id of the item that serves it, 0 when unmet
 * @item: (nullable): that item's asset tag
 * @booked: the item was already booked for it before this allocation
 *
 * One (merged) demand of spec/allocation.md. Strings belong to the
 * allocation.
 */
typedef struct
{
  gint64      person_id;
  const char *person;
  const char *type;
  gint64      site_id;
  const char *site;
  gint64      start;
  gint64      end;
  guint       first_member;
  guint       n_members;
  gint64      item_id;
  const char *item;
  gboolean    booked;
} ResfriDemand;

/**
 * ResfriAllocation:
 * @from: the horizon's start
 * @to: its end
 * @scenario: planned or policy
 * @buffer: the handover margin in seconds
 * @demands: (element-type ResfriDemand): every demand, by start, end,
 *   site, type, person
 * @occurrences: (element-type ResfriDemandOccurrence): the occurrences the
 *   demands stand for
 * @members: (element-type guint): indices into @occurrences; demand d
 *   stands for members[d.first_member … + d.n_members), by start
 * @served: how many of @demands have an item
 * @proven: %TRUE when every pool's result is proven maximal (always, unless
 *   a pool with existing bookings was too hard to search exhaustively)
 */
typedef struct
{
  gint64          from;
  gint64          to;
  ResfriScenario  scenario;
  gint64          buffer;
  GArray         *demands;
  GArray         *occurrences;
  GArray         *members;
  guint           served;
  gboolean        proven;
  /*< private >*/
  GStringChunk   *strings;
} ResfriAllocation;

const ResfriDemandOccurrence *
                  resfri_allocation_get_occurrence (const ResfriAllocation *allocation,
                                                    const ResfriDemand     *demand,
                                                    guint                   i);
void              resfri_allocation_free     (ResfriAllocation    *allocation);
ResfriAllocation *resfri_allocation_compute  (ResfriStore         *store,
                                              const ResfriPolicy  *policy,
                                              gint64               from,
                                              gint64               to,
                                              ResfriScenario       scenario,
                                              GCancellable        *cancellable,
                                              GError             **error);
gboolean          resfri_allocation_book     (ResfriStore         *store,
                                              ResfriAllocation    *allocation,
                                              guint               *n_booked,
                                              GError             **error);

/**
 * ResfriShortfall:
 * @site: site code
 * @type: equipment type
 * @pool: loan items of that type at that site in state ok
 * @peak_demand: most demands at one instant
 * @to_order: max (0, @peak_demand - @pool)
 * @unit_cost: the type's unit price
 * @cost: @to_order × @unit_cost
 */
typedef struct
{
  char   *site;
  char   *type;
  guint   pool;
  guint   peak_demand;
  guint   to_order;
  double  unit_cost;
  double  cost;
} ResfriShortfall;

typedef struct
{
  GPtrArray *shortfall;     /* (element-type ResfriShortfall), by site, type */
  double     total_cost;
} ResfriGapsScenario;

typedef struct
{
  char  *person;
  char  *unit;
  char  *type;
  guint  remote_occurrences;
} ResfriPersonWithout;

typedef struct
{
  char   *unit;
  guint   people;
  guint   headsets;
  guint   cameras;
  double  cost;
} ResfriEquipUnit;

/**
 * ResfriGaps:
 * @scenarios: planned and policy
 * @people_without: (element-type ResfriPersonWithout): most remote
 *   occurrences first
 * @equip_everyone: (element-type ResfriEquipUnit): by unit path
 * @payback_km: avoided km of the non-compliant occurrences held online
 */
typedef struct
{
  gint64              from;
  gint64              to;
  ResfriGapsScenario  scenarios[2];
  GPtrArray          *people_without;
  GPtrArray          *equip_everyone;
  double              payback_km;
  double              payback_cost_sek;
  double              payback_co2_kg;
  guint               n_demands[2];
} ResfriGaps;

void        resfri_gaps_free      (ResfriGaps          *gaps);
ResfriGaps *resfri_gaps_compute   (ResfriStore         *store,
                                   const ResfriPolicy  *policy,
                                   gint64               from,
                                   gint64               to,
                                   GCancellable        *cancellable,
                                   GError             **error);

gboolean    resfri_allocation_plan (ResfriStore         *store,
                                    const ResfriPolicy  *policy,
                                    gint64               from,
                                    gint64               to,
                                    ResfriScenario       scenario,
                                    ResfriAllocation   **allocation,
                                    ResfriGaps         **gaps,
                                    GCancellable        *cancellable,
                                    GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ResfriAllocation, resfri_allocation_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ResfriGaps, resfri_gaps_free)

G_END_DECLS

/* resfri-gaps.h
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Gaps and the order list of spec/allocation.md: per pool, the most
 * demands at one time against the pool's items, for both scenarios; the
 * people without a headset or camera of their own; equipping everyone
 * per unit; the payback of the policy scenario.
 */

#pragma once

#include <gio/gio.h>

#include "resfri-policy-settings.h"
#include "resfri-store.h"

G_BEGIN_DECLS

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

void        resfri_gaps_free           (ResfriGaps           *gaps);
ResfriGaps *resfri_gaps_compute        (ResfriStore          *store,
                                        const ResfriPolicy   *policy,
                                        gint64                from,
                                        gint64                to,
                                        GCancellable         *cancellable,
                                        GError              **error);
void        resfri_gaps_compute_async  (ResfriStore          *store,
                                        const ResfriPolicy   *policy,
                                        gint64                from,
                                        gint64                to,
                                        GCancellable         *cancellable,
                                        GAsyncReadyCallback   callback,
                                        gpointer              user_data);
ResfriGaps *resfri_gaps_compute_finish (ResfriStore          *store,
                                        GAsyncResult         *result,
                                        GError              **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ResfriGaps, resfri_gaps_free)

G_END_DECLS

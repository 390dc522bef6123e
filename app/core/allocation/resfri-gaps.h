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
 * @to_buy: what remains of @to_order after the transfers to this pool
 * @peak_start: the first instant at which @peak_demand demands overlap
 *   (0 when @peak_demand is 0)
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
  guint   to_buy;
  gint64  peak_start;
} ResfriShortfall;

/**
 * ResfriUnitShare:
 * @unit: the unit's path; "" for demands of no unit (a vc-kit of an
 *   external organiser, a pool calendar's reservation)
 * @unit_name: the unit's own name ("" likewise)
 * @site: the pool's site
 * @type: the pool's type
 * @demands: the unit's demands among the pool's @peak_demand at its peak
 * @peak_demand: the pool's peak
 * @to_order: the pool's purchase
 * @cost_ore: the unit's share of the purchase's cost in öre (1/100 SEK):
 *   the pool's cost × @demands / @peak_demand, rounded down, the öre left
 *   over going to the largest remainders (ties: by unit path), so the
 *   shares of one pool sum exactly to its cost
 *
 * One unit's part of one pool's purchase (spec/planning.md "Who pays").
 */
typedef struct
{
  char   *unit;
  char   *unit_name;
  char   *site;
  char   *type;
  guint   demands;
  guint   peak_demand;
  guint   to_order;
  gint64  cost_ore;
} ResfriUnitShare;

/**
 * ResfriTransfer:
 * @type: equipment type
 * @from_site: the site whose pool has items no demand of the horizon needs
 * @to_site: the site whose pool falls short
 * @count: items to move
 * @saves_sek: @count × the type's unit price
 *
 * An item of @from_site's pool is spare when the pool keeps at least its
 * own peak demand (over the whole horizon) without it: every demand of
 * @from_site stays servable at every instant.
 */
typedef struct
{
  char   *type;
  char   *from_site;
  char   *to_site;
  guint   count;
  double  saves_sek;
} ResfriTransfer;

/**
 * ResfriGapsScenario:
 * @shortfall: (element-type ResfriShortfall): by site, type
 * @total_cost: the cost of every @to_order
 * @by_unit: (element-type ResfriUnitShare): by unit path, site, type
 * @transfers: (element-type ResfriTransfer): by type, to_site, from_site
 * @total_cost_after_transfers: the cost of every @to_buy
 */
typedef struct
{
  GPtrArray *shortfall;
  double     total_cost;
  GPtrArray *by_unit;
  GPtrArray *transfers;
  double     total_cost_after_transfers;
} ResfriGapsScenario;

/**
 * ResfriPersonWithout:
 * @person: the email
 * @name: the person's name
 * @unit: the unit's path
 * @unit_name: the unit's own name
 * @site: the home site's code
 * @type: "headset" or "camera"
 * @remote_occurrences: remote occurrences in the horizon (policy scenario)
 */
typedef struct
{
  char  *person;
  char  *unit;
  char  *type;
  guint  remote_occurrences;
  char  *name;
  char  *unit_name;
  char  *site;
} ResfriPersonWithout;

/**
 * ResfriIdleItem:
 * @tag: the asset tag
 * @site: the pool's site
 * @type: the pool's type
 *
 * A loan item that no booking and no reservation uses in the horizon.
 */
typedef struct
{
  char *tag;
  char *site;
  char *type;
} ResfriIdleItem;

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
 * @idle: (element-type ResfriIdleItem): by site, type, tag
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
  GPtrArray          *idle;
} ResfriGaps;

void        resfri_gaps_free           (ResfriGaps           *gaps);
const char *resfri_gaps_unit_name      (const char           *unit_name,
                                        const char           *unit);
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

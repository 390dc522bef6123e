/* resfri-allocation.h
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Allocation of loan items to remote attendees (spec/allocation.md), and
 * the one pass that gives it and the gaps together. Including it brings
 * the pool solver, the demands and the gaps too.
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

#include "resfri-demands.h"
#include "resfri-gaps.h"
#include "resfri-policy-settings.h"
#include "resfri-pool-solver.h"
#include "resfri-store.h"

G_BEGIN_DECLS

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
  GPtrArray      *more_strings;   /* GStringChunk */
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

G_END_DECLS

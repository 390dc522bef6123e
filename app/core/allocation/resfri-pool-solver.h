/* resfri-pool-solver.h
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The pool solver of spec/allocation.md: the most fixed intervals that k
 * items can serve, some items already taken for some intervals, and the
 * peak of a set of intervals. Pure: no store.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

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

G_END_DECLS

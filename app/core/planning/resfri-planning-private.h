/* resfri-planning-private.h
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the files of app/core/planning share: the what-if's data that
 * resfri-candidates.c builds in its pass (the pools, and per pool the
 * instants where the demand changes as rows of candidates' demands) and
 * resfri-whatif.c turns into the integer programme.
 */

#pragma once

#include "resfri-candidates.h"

G_BEGIN_DECLS

/* One (site, type) pool that today's planned demands or a candidate's
 * demands use. */
typedef struct
{
  char   *site;
  char   *type;          /* "headset", "camera", "vc-kit" */
  guint   size;          /* its loan items in state ok */
  guint   base_peak;     /* today's planned demands at their peak */
  guint   lower;         /* max (0, base_peak - size): bought whatever is chosen */
  double  unit_price;
} PlanningPool;

/* One instant t of pool @pool where some candidates' demands are active:
 * sum over them of coef_c x_c - buy_pool <= @rhs = size - base(t). Its
 * entries are entries[first .. first + n). */
typedef struct
{
  guint pool;
  int   rhs;
  guint first;
  guint n;
} PlanningRow;

typedef struct
{
  guint candidate;   /* index into ResfriCandidates.candidates */
  guint coef;        /* its demands active at the row's instant */
} PlanningEntry;

struct _ResfriCandidatesModel
{
  GArray *pools;     /* PlanningPool, by site then type */
  GArray *rows;      /* PlanningRow, those that can bind, each once */
  GArray *entries;   /* PlanningEntry */
};

/* One equipment demand before the per-person merging: a candidate's
 * (resfri-candidates.c, @candidate its index) or one of today's planned
 * demands (@candidate PLANNING_BASE; @person_id 0 is a room's vc-kit). */
#define PLANNING_BASE G_MAXUINT

typedef struct
{
  gint64 person_id;
  gint64 site_id;
  gint64 start;
  gint64 end;
  guint  candidate;
  guint  pool;        /* the model's own */
  guint8 type;
} PlanningDemand;

/* resfri-candidates-model.c: @self's model and its candidates' needs from
 * today's planned demands @base and the candidates' @demands (both in the
 * order of their occurrences' starts; both are reordered). */
gboolean _resfri_candidates_build_model (ResfriStore       *store,
                                         ResfriCandidates  *self,
                                         GArray            *base,
                                         GArray            *demands,
                                         GError           **error);

G_END_DECLS

/* resfri-allocation-private.h
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the files of app/core/allocation share and nobody else sees: the
 * collector of demands from one pass over the resolved occurrences
 * (resfri-demands.c), the supply of the loan pools (resfri-demands.c) and
 * the gaps' filling (resfri-gaps.c), which resfri_allocation_plan() in
 * resfri-allocation.c drives.
 */

#pragma once

#include <gio/gio.h>

#include "resfri-allocation.h"
#include "resfri-policy-check.h"
#include "resfri-policy-private.h"
#include "resfri-store-private.h"

G_BEGIN_DECLS

/* The loan equipment types, the order of _resfri_equipment_type_names. */
enum
{
  TYPE_HEADSET,
  TYPE_CAMERA,
  TYPE_VC_KIT,
  N_TYPES
};

/* A person among the remote attendees of the horizon. */
typedef struct
{
  gint64      id;
  guint       index;       /* in order of first appearance */
  guint       remote;      /* remote occurrences (policy scenario) */
  const char *email;
} PersonEntry;

/* The demands of both scenarios from one pass over the occurrences, and
 * the payback of the non-compliant ones. */
typedef struct
{
  gint64          buffer;
  gboolean        planned_only;
  GStringChunk   *strings;
  GArray         *occurrences;     /* ResfriDemandOccurrence */
  GArray         *raws;            /* RawDemand */
  gboolean        raws_sorted;
  GPtrArray      *people;          /* PersonEntry by index (owns them) */
  GPtrArray      *people_by_id;    /* id → PersonEntry, for small ids */
  GHashTable     *people_sparse;   /* &id → PersonEntry, for others */
  GPtrArray      *uid_by_meeting;  /* meeting id → its uid in @strings, seen last */
  double          payback_km;
  double          payback_cost_sek;
  double          payback_co2_kg;
  GCancellable   *cancellable;
  gint64          min_start;       /* earlier occurrences are another part's */
  GArray         *paybacks;        /* (nullable) a later part's: double[3]
                                    * per non-compliant occurrence, summed
                                    * in order when merged */
  GPtrArray      *adopted;         /* GStringChunk: the strings of the parts
                                    * appended, which @occurrences point into */
  ResfriPolicyRegistersFunc registers_func;   /* (nullable) given the check's
                                               * registers, with names */
  gpointer        registers_data;
} Collector;

/* A demand after the per-person merging. */
typedef struct
{
  gint64 person_id;
  gint64 site_id;
  gint64 start;
  gint64 end;
  gint64 unit_id;      /* the person's unit; a vc-kit's: its organiser's, 0 */
  guint  first_member;
  guint  n_members;
  guint8 type;
} Merged;

/* The loan items of every pool, and the sites' codes. */
typedef struct
{
  gint64      id;
  const char *tag;
} PoolItem;

typedef struct
{
  gint64      key;        /* _resfri_pool_key () */
  gint64      site_id;
  guint       type;
  GArray     *items;      /* PoolItem, by id */
} Pool;

typedef struct
{
  GHashTable   *pools;      /* &Pool.key → Pool */
  GHashTable   *sites;      /* site id → code */
  GStringChunk *strings;
} Supply;

extern const char * const _resfri_equipment_type_names[N_TYPES];

/* One key per pool: a site and a type. */
static inline gint64
_resfri_pool_key (gint64 site_id,
                  guint  type)
{
  return site_id * N_TYPES + type;
}

int           _resfri_equipment_type_from_name (const char          *name);

/* resfri-demands.c: the demands */
void          _resfri_collector_init           (Collector           *c,
                                                gint64               buffer,
                                                gboolean             planned_only,
                                                GStringChunk        *strings);
void          _resfri_collector_clear          (Collector           *c);
PersonEntry  *_resfri_collector_lookup_person  (Collector           *c,
                                                gint64               id);
gboolean      _resfri_collector_collect        (ResfriStore         *store,
                                                const ResfriPolicy  *policy,
                                                gint64               from,
                                                gint64               to,
                                                Collector           *c,
                                                GCancellable        *cancellable,
                                                GError             **error);
void          _resfri_collector_set_parts      (guint                n_parts);
void          _resfri_collector_sort           (Collector           *c);
void          _resfri_collector_set_sort_split (guint                permille);
GArray       *_resfri_collector_merge          (Collector           *c,
                                                gboolean             planned_only,
                                                GArray              *members);

/* resfri-demands.c: the supply */
gboolean      _resfri_supply_load              (ResfriStore         *store,
                                                Supply              *supply,
                                                GStringChunk        *strings,
                                                GError             **error);
void          _resfri_supply_clear             (Supply              *supply);
Pool         *_resfri_supply_get_pool          (Supply              *supply,
                                                gint64               site_id,
                                                guint                type,
                                                gboolean             create);
const char   *_resfri_supply_site_code         (Supply              *supply,
                                                gint64               site_id);

/* resfri-pool-solver.c */
guint         _resfri_allocation_peak_at       (const ResfriInterval *intervals,
                                                guint                n_intervals,
                                                gint64              *at);

/* A key to sort by and what it stands for. */
typedef struct
{
  guint64 key;
  guint   value;
} SortPair;

SortPair     *_resfri_sort_pairs               (SortPair            *pairs,
                                                SortPair            *tmp,
                                                gsize                n);

/* resfri-gaps.c */
ResfriGaps   *_resfri_gaps_new                 (gint64               from,
                                                gint64               to);
typedef struct _GapsPeople GapsPeople;

GapsPeople   *_resfri_gaps_people_start        (ResfriStore         *store,
                                                ResfriGaps          *gaps,
                                                GError             **error);
void          _resfri_gaps_people_free         (GapsPeople          *people);
/* A ResfriPolicyRegistersFunc: the people are found in @registers, with
 * no query of their own, where they can be. */
void          _resfri_gaps_people_give_registers (ResfriRegisters   *registers,
                                                  gpointer           people);
void          _resfri_gaps_set_split           (guint                permille);
gboolean      _resfri_gaps_fill                (ResfriStore         *store,
                                                ResfriGaps          *gaps,
                                                Collector           *c,
                                                Supply              *supply,
                                                GapsPeople          *people,
                                                GError             **error);

/* resfri-gaps-who-pays.c: who pays, transfers and idle items */
typedef struct
{
  const char *path;
  const char *name;
} UnitName;

void          _resfri_gaps_who_pays_init       (ResfriGaps          *gaps);
void          _resfri_gaps_who_pays_clear      (ResfriGaps          *gaps);
void          _resfri_gaps_attribute           (ResfriGapsScenario  *scenario,
                                                ResfriShortfall     *shortfall,
                                                const ResfriInterval *intervals,
                                                const gint64        *units,
                                                guint                n,
                                                GHashTable          *unit_names);
void          _resfri_gaps_plan_transfers      (ResfriGapsScenario  *scenario);
gboolean      _resfri_gaps_find_idle           (ResfriStore         *store,
                                                ResfriGaps          *gaps,
                                                Supply              *supply,
                                                GHashTable          *used,
                                                GHashTable          *pool_reserved,
                                                GError             **error);

G_END_DECLS

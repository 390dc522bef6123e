/* resfri-followup.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One pass over the resolved occurrences of the period: each lands in its
 * month, in the total, and in the row of its organiser's unit and of every
 * ancestor of that unit within the report (precomputed per unit as a list
 * of row indices), so the roll-up costs a few additions per occurrence.
 * On two cores the pass is shared with a worker on a connection of its
 * own (see Shared); the occurrences are still counted in order, so the
 * figures are the same to the bit.
 */

#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "resfri-calendar-private.h"
#include "resfri-error.h"
#include "resfri-exemption.h"
#include "resfri-followup.h"
#include "resfri-inventory.h"
#include "resfri-policy-check.h"
#include "resfri-registers.h"
#include "resfri-store-private.h"

/* Short names for tables and charts, by reason id (resfri-exemption.h
 * holds the ids and their longer descriptions). */
static const struct
{
  const char *id;
  const char *label;
} reason_labels[RESFRI_FOLLOWUP_N_REASONS] = {
  { "physical-presence", N_("Needs physical presence") },
  { "confidential", N_("Confidential matter") },
  { "accessibility", N_("Accessibility") },
  { "external-requirement", N_("Required by an external party") },
  { "relationship", N_("Relationship building") },
  { "missing-equipment", N_("Missing equipment") },
  { "other", N_("Other reason") },
};

const char * const *
resfri_followup_get_reasons (void)
{
  const char * const *reasons = resfri_exemption_get_reasons ();

  g_assert (g_strv_length ((char **) reasons) == RESFRI_FOLLOWUP_N_REASONS);

  return reasons;
}

static guint
reason_index (const char *reason)
{
  const char * const *reasons = resfri_followup_get_reasons ();

  for (guint i = 0; i < RESFRI_FOLLOWUP_N_REASONS; i++)
    if (g_strcmp0 (reason, reasons[i]) == 0)
      return i;

  /* An unknown reason counts as the last, "other". */
  return RESFRI_FOLLOWUP_N_REASONS - 1;
}

const char *
resfri_followup_reason_label (const char *reason)
{
  for (guint i = 0; i < RESFRI_FOLLOWUP_N_REASONS; i++)
    if (g_strcmp0 (reason, reason_labels[i].id) == 0)
      return _(reason_labels[i].label);

  return _(reason_labels[RESFRI_FOLLOWUP_N_REASONS - 1].label);
}

gboolean
resfri_followup_row_get_travel_free_share (const ResfriFollowupRow *row,
                                           double                  *share)
{
  guint judged = row->travel_free + row->exempt_total + row->non_compliant;

  *share = judged > 0 ? (double) row->travel_free / judged : 0;

  return judged > 0;
}

gboolean
resfri_followup_row_get_target_progress (const ResfriFollowupRow *row,
                                         double                  *share,
                                         double                  *target)
{
  gboolean known = resfri_followup_row_get_travel_free_share (row, share);

  *target = row->target_share;

  return known && !isnan (row->target_share);
}

char *
resfri_followup_row_dup_headline (const ResfriFollowupRow *row)
{
  double share, target;

  if (resfri_followup_row_get_target_progress (row, &share, &target))
    /* TRANSLATORS: the travel-free share against the target, "68.9 % of the 80 % target" */
    return g_strdup_printf (_("%.1f %% of the %g %% target"), share * 100, target * 100);
  if (resfri_followup_row_get_travel_free_share (row, &share))
    return g_strdup_printf (_("%.1f %%"), share * 100);

  return NULL;
}

gboolean
resfri_followup_row_has_data_warning (const ResfriFollowupRow *row)
{
  return row->unregistered > 0 && row->unregistered * 50 >= row->occurrences;
}

char *
resfri_followup_row_dup_data_warning (const ResfriFollowupRow *row)
{
  if (!resfri_followup_row_has_data_warning (row))
    return NULL;

  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "Data quality: %u meeting has no organiser or attendee in the people register, so its travel is unknown; import the people register or check the calendar's people",
                                       "Data quality: %u meetings have no organiser or attendee in the people register, so their travel is unknown; import the people register or check the calendar's people",
                                       row->unregistered),
                          row->unregistered);
}

char *
resfri_followup_row_dup_planned_note (const ResfriFollowupRow *row)
{
  if (row->planned == 0)
    return NULL;

  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "Planned: %u more meeting in the period, not yet held and not counted above",
                                       "Planned: %u more meetings in the period, not yet held and not counted above",
                                       row->planned),
                          row->planned);
}

gint64
resfri_followup_get_now (void)
{
  const char *text = g_getenv ("RESFRI_NOW");

  if (text != NULL && *text != '\0')
    {
      g_autoptr(GDateTime) instant = g_date_time_new_from_iso8601 (text, NULL);
      int year, month, day;

      if (instant != NULL)
        return g_date_time_to_unix (instant);
      if (sscanf (text, "%4d-%2d-%2d", &year, &month, &day) == 3 &&
          g_date_valid_dmy (day, month, year))
        {
          g_autoptr(GDateTime) midnight = g_date_time_new_utc (year, month, day, 0, 0, 0);

          return g_date_time_to_unix (midnight);
        }
    }

  return g_get_real_time () / G_USEC_PER_SEC;
}

gboolean
resfri_followup_row_get_equipment_coverage (const ResfriFollowupRow *row,
                                            double                  *coverage)
{
  *coverage = row->employees > 0 ? (double) row->equipped / row->employees : 0;

  return row->employees > 0;
}

const char * const *
resfri_followup_get_per_employee_keys (void)
{
  static const char * const keys[RESFRI_FOLLOWUP_N_PER_EMPLOYEE + 1] = {
    "travel_km", "avoided_km", "avoided_co2_kg", "avoided_cost_sek", "avoided_hours",
    "travel_free", "trips_short", "trips_long", "travel_co2_kg", NULL,
  };

  return keys;
}

gboolean
resfri_followup_row_get_per_employee (const ResfriFollowupRow   *row,
                                      ResfriFollowupPerEmployee *per_employee)
{
  double n = row->employees;

  memset (per_employee, 0, sizeof *per_employee);
  if (row->employees == 0)
    return FALSE;

  per_employee->travel_km = row->travel_km / n;
  per_employee->avoided_km = row->avoided_km / n;
  per_employee->avoided_co2_kg = row->avoided_co2_kg / n;
  per_employee->avoided_cost_sek = row->avoided_cost_sek / n;
  per_employee->avoided_hours = row->avoided_hours / n;
  per_employee->travel_free = row->travel_free / n;
  per_employee->trips_short = row->trips_short / n;
  per_employee->trips_long = row->trips_long / n;
  per_employee->travel_co2_kg = row->travel_co2_kg / n;

  return TRUE;
}

gboolean
resfri_followup_row_get_per_employee_values (const ResfriFollowupRow *row,
                                             double                  *values)
{
  ResfriFollowupPerEmployee per_employee;
  gboolean known = resfri_followup_row_get_per_employee (row, &per_employee);

  values[0] = per_employee.travel_km;
  values[1] = per_employee.avoided_km;
  values[2] = per_employee.avoided_co2_kg;
  values[3] = per_employee.avoided_cost_sek;
  values[4] = per_employee.avoided_hours;
  values[5] = per_employee.travel_free;
  values[6] = per_employee.trips_short;
  values[7] = per_employee.trips_long;
  values[8] = per_employee.travel_co2_kg;

  return known;
}

const char *
resfri_followup_row_get_unit_label (const ResfriFollowupRow *row,
                                    gboolean                 full_path)
{
  const char *slash;

  g_return_val_if_fail (row != NULL, NULL);

  if (row->unit == NULL)
    return _("All units");
  if (strcmp (row->unit, RESFRI_FOLLOWUP_NO_UNIT) == 0)
    return _("(external organiser)");
  if (full_path || (slash = strrchr (row->unit, '/')) == NULL)
    return row->unit;

  return slash + 1;
}

static ResfriFollowupRow *
row_new (const char *unit,
         const char *month)
{
  ResfriFollowupRow *row = g_new0 (ResfriFollowupRow, 1);

  row->target_share = NAN;
  row->unit = g_strdup (unit);
  row->month = g_strdup (month);

  return row;
}

static void
row_free (ResfriFollowupRow *row)
{
  g_free (row->unit);
  g_free (row->month);
  g_free (row);
}

/* One resolved occurrence as the follow-up counts it: what row_add()
 * reads, so that a worker can keep its share of the period for the main
 * thread to count in order (sums of doubles depend on their order). */
typedef struct
{
  gint64   start;
  gint64   end;
  gint64   organizer_unit_id;
  double   travel_km;
  double   travel_co2_kg;
  double   avoided_km;
  double   avoided_co2_kg;
  double   avoided_cost_sek;
  double   avoided_hours;
  guint    trips_short;
  guint    trips_long;
  guint8   verdict;
  guint8   reason;         /* reason_index () of an exempt one */
  gboolean unregistered;   /* nobody of it is in the people register */
} Counted;

static void
counted_init (Counted                        *c,
              const ResfriResolvedOccurrence *occurrence)
{
  c->start = occurrence->start;
  c->end = occurrence->end;
  c->organizer_unit_id = occurrence->organizer_unit_id;
  c->travel_km = occurrence->travel_km;
  c->travel_co2_kg = occurrence->travel_co2_kg;
  c->avoided_km = occurrence->avoided_km;
  c->avoided_co2_kg = occurrence->avoided_co2_kg;
  c->avoided_cost_sek = occurrence->avoided_cost_sek;
  c->avoided_hours = occurrence->avoided_hours;
  c->trips_short = occurrence->trips_short;
  c->trips_long = occurrence->trips_long;
  c->verdict = (guint8) occurrence->verdict;
  c->reason = occurrence->verdict == RESFRI_VERDICT_EXEMPT
              ? (guint8) reason_index (occurrence->exemption) : 0;
  c->unregistered = occurrence->organizer_id == 0 && occurrence->n_attendees == 0 &&
                    occurrence->n_unregistered > 0;
}

static void
row_add (ResfriFollowupRow *row,
         const Counted     *occurrence,
         gint64             now)
{
  /* Only what has ended was held; the rest is planned and counted apart. */
  if (occurrence->end > now)
    {
      row->planned++;
      return;
    }

  row->occurrences++;
  if (occurrence->unregistered)
    row->unregistered++;
  switch (occurrence->verdict)
    {
    case RESFRI_VERDICT_TRAVEL_FREE:
      row->travel_free++;
      break;
    case RESFRI_VERDICT_LOCAL:
      row->local++;
      break;
    case RESFRI_VERDICT_EXEMPT:
      row->exempt[occurrence->reason]++;
      row->exempt_total++;
      break;
    case RESFRI_VERDICT_NON_COMPLIANT:
      row->non_compliant++;
      break;
    case RESFRI_VERDICT_UNKNOWN:
    default:
      row->unknown++;
      break;
    }
  row->trips_short += occurrence->trips_short;
  row->trips_long += occurrence->trips_long;
  row->travel_km += occurrence->travel_km;
  row->travel_co2_kg += occurrence->travel_co2_kg;
  row->avoided_km += occurrence->avoided_km;
  row->avoided_co2_kg += occurrence->avoided_co2_kg;
  row->avoided_cost_sek += occurrence->avoided_cost_sek;
  row->avoided_hours += occurrence->avoided_hours;
}

typedef struct
{
  gint64  id;
  gint64  parent_id;
  char   *name;
  char   *path;
  GArray *children;   /* indices into the unit array */
} Unit;

static void
unit_clear (gpointer data)
{
  Unit *unit = data;

  g_free (unit->name);
  g_free (unit->path);
  g_clear_pointer (&unit->children, g_array_unref);
}

/* The counting of one period: the report's, or a year earlier for the
 * charts (then without a total, into scratch unit rows). */
typedef struct
{
  const ResfriPeriod *period;
  GPtrArray          *months;
  ResfriFollowupRow  *total;
  GPtrArray          *units;
  ResfriFollowupRow  *none;          /* NULL when restricted to a unit */
  GHashTable         *rows_of_unit;  /* unit id → GArray of row indices */
  guint               counted;
  gint64              now;
} Tally;

static void
tally_counted (Tally         *tally,
               const Counted *occurrence)
{
  int month = resfri_period_find_month (tally->period, occurrence->start);
  GArray *rows = NULL;

  if (month < 0)
    return;

  if (occurrence->organizer_unit_id != 0)
    rows = g_hash_table_lookup (tally->rows_of_unit, &occurrence->organizer_unit_id);

  if (rows != NULL)
    {
      for (guint i = 0; i < rows->len; i++)
        row_add (g_ptr_array_index (tally->units, g_array_index (rows, guint, i)), occurrence,
                 tally->now);
    }
  else if (tally->none != NULL)
    row_add (tally->none, occurrence, tally->now);
  else
    /* Restricted to a unit, and organised outside it. */
    return;

  if (tally->months != NULL)
    row_add (g_ptr_array_index (tally->months, month), occurrence, tally->now);
  if (tally->total != NULL)
    row_add (tally->total, occurrence, tally->now);
  tally->counted++;
}

/* The people of a unit, added to its row and to its ancestors' in the
 * report (none when the unit is outside it). */
typedef struct
{
  gint64 unit_id;
  guint  employees;
  guint  equipped;
  guint  open_gaps;
} UnitPeople;

static void
keep_unit_people (gint64   unit_id,
                  guint    employees,
                  guint    equipped,
                  guint    open_gaps,
                  gpointer user_data)
{
  UnitPeople people = { unit_id, employees, equipped, open_gaps };

  g_array_append_val ((GArray *) user_data, people);
}

static void
add_unit_people (GPtrArray  *rows,
                 GHashTable *rows_of_unit,
                 GArray     *people)
{
  for (guint i = 0; i < people->len; i++)
    {
      const UnitPeople *p = &g_array_index (people, UnitPeople, i);
      GArray *chain = g_hash_table_lookup (rows_of_unit, &p->unit_id);

      for (guint j = 0; chain != NULL && j < chain->len; j++)
        {
          ResfriFollowupRow *up = g_ptr_array_index (rows, g_array_index (chain, guint, j));

          up->employees += p->employees;
          up->equipped += p->equipped;
          up->open_gaps += p->open_gaps;
        }
    }
}

/* A pass of the policy check over [from, to), counting the occurrences
 * that start at @from or later (those before are an earlier leg's) into
 * its tallies. */
typedef struct
{
  gint64   from;
  gint64   to;
  Tally   *tallies[2];   /* NULL when none */
} Leg;

static gboolean
leg_occurrence (const ResfriResolvedOccurrence *occurrence,
                gpointer                        user_data)
{
  Leg *leg = user_data;
  Counted counted;

  if (occurrence->start < leg->from)
    return TRUE;

  counted_init (&counted, occurrence);
  for (guint i = 0; i < G_N_ELEMENTS (leg->tallies); i++)
    if (leg->tallies[i] != NULL)
      tally_counted (leg->tallies[i], &counted);

  return TRUE;
}

/* The people per unit read on a second thread, on a connection of its
 * own, while this one resolves the period and the year before in one
 * pass of the policy check (which reads the occurrences on a thread of
 * its own). Each period is resolved once: before, the year before and
 * each half of the period were passes of their own, each resolving every
 * meeting again. */
typedef struct
{
  char         *path;
  GArray       *people;           /* of UnitPeople */
  GError       *error;            /* the worker's */
} Shared;

static gpointer
worker_run (gpointer data)
{
  Shared *shared = data;
  g_autoptr(ResfriStore) store = NULL;

  if ((store = resfri_store_open (shared->path, &shared->error)) != NULL)
    _resfri_inventory_foreach_unit_equipment (store, keep_unit_people, shared->people,
                                              &shared->error);

  return NULL;
}

static void
shared_free (Shared *shared)
{
  g_free (shared->path);
  g_clear_error (&shared->error);
  g_free (shared);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Shared, shared_free)

static void
add_unit (gint64      id,
          gint64      parent_id,
          const char *name,
          const char *path,
          gpointer    user_data)
{
  GArray *units = user_data;
  Unit unit = { 0 };

  unit.id = id;
  unit.parent_id = parent_id;
  unit.name = g_strdup (name);
  unit.path = g_strdup (path);
  unit.children = g_array_new (FALSE, FALSE, sizeof (guint));
  g_array_append_val (units, unit);
}

static gboolean
load_units (ResfriStore  *store,
            GArray       *units,
            GHashTable   *index_of,
            GError      **error)
{
  if (!_resfri_registers_foreach_unit (store, add_unit, units, error))
    return FALSE;

  for (guint i = 0; i < units->len; i++)
    g_hash_table_insert (index_of, &g_array_index (units, Unit, i).id, GUINT_TO_POINTER (i + 1));

  return TRUE;
}

static int
compare_by_name (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  GArray *units = user_data;
  const Unit *ua = &g_array_index (units, Unit, *(const guint *) a);
  const Unit *ub = &g_array_index (units, Unit, *(const guint *) b);
  int cmp = g_utf8_collate (ua->name, ub->name);

  return cmp != 0 ? cmp : strcmp (ua->path, ub->path);
}

/* Adds the rows of the subtree at @index in tree order; @chain holds the
 * row indices of its ancestors within the report. */
static void
add_subtree (GArray     *units,
             guint       index,
             guint       depth,
             GArray     *chain,
             GPtrArray  *rows,
             GHashTable *rows_of_unit)
{
  Unit *unit = &g_array_index (units, Unit, index);
  ResfriFollowupRow *row = row_new (unit->path, NULL);
  guint row_index = rows->len;
  GArray *mine;

  row->unit_id = unit->id;
  row->depth = depth;
  g_ptr_array_add (rows, row);

  /* The unit's occurrences and people count in its row and in every
   * ancestor's in the report. */
  g_array_append_val (chain, row_index);
  mine = g_array_sized_new (FALSE, FALSE, sizeof (guint), chain->len);
  g_array_append_vals (mine, chain->data, chain->len);
  g_hash_table_insert (rows_of_unit, &unit->id, mine);

  for (guint i = 0; i < unit->children->len; i++)
    add_subtree (units, g_array_index (unit->children, guint, i), depth + 1, chain, rows,
                 rows_of_unit);

  g_array_set_size (chain, chain->len - 1);
}

static GPtrArray *
month_rows (const ResfriPeriod *period,
            const char         *unit)
{
  GPtrArray *months = g_ptr_array_new_with_free_func ((GDestroyNotify) row_free);

  for (guint i = 0; i < resfri_period_get_n_months (period); i++)
    {
      g_autofree char *label = resfri_period_dup_month_label (period, i);

      g_ptr_array_add (months, row_new (unit, label));
    }

  return months;
}

/* Whether a core is free for a second thread: fewer runnable tasks over
 * the last minute than cores, less one. On a busy machine a second thread
 * only adds its own work (a second snapshot of the registers, a cold page
 * cache). $RESFRI_FOLLOWUP_THREADS (1 or 2) decides instead, for tests. */
static gboolean
core_free (void)
{
  const char *forced = g_getenv ("RESFRI_FOLLOWUP_THREADS");
  double load = 0;

  if (forced != NULL && *forced != '\0')
    return g_ascii_strtoull (forced, NULL, 10) > 1;
  if (g_get_num_processors () < 2)
    return FALSE;

  return getloadavg (&load, 1) != 1 || load < g_get_num_processors () - 0.5;
}

/* Whether a second thread pays: a free core, a database file a second
 * connection can open and no transaction of this connection's that the
 * other would not see. */
static gboolean
can_split (ResfriStore *store)
{
  const char *path = resfri_store_get_path (store);

  return path != NULL && strcmp (path, ":memory:") != 0 &&
         sqlite3_get_autocommit (_resfri_store_get_db (store)) && core_free ();
}

/* Resolves the report's period, and a year earlier when @previous, into
 * the tallies, each occurrence in order, in one pass when the two adjoin;
 * @people gets the people per unit, on a second thread when that pays
 * (see Shared). */
static gboolean
count_occurrences (ResfriStore         *store,
                   const ResfriPolicy  *policy,
                   Tally               *current,
                   Tally               *previous,
                   GArray              *people,
                   GCancellable        *cancellable,
                   GError             **error)
{
  gint64 from = resfri_period_get_from (current->period);
  gint64 to = resfri_period_get_to (current->period);
  g_autoptr(Shared) shared = NULL;
  GThread *thread = NULL;
  Leg legs[2] = { { 0 } };
  guint n_legs = 0;
  gboolean ok = TRUE;

  if (previous != NULL && resfri_period_get_to (previous->period) == from)
    legs[n_legs++] = (Leg) { resfri_period_get_from (previous->period), to,
                             { current, previous } };
  else
    {
      if (previous != NULL)
        legs[n_legs++] = (Leg) { resfri_period_get_from (previous->period),
                                 resfri_period_get_to (previous->period),
                                 { previous, NULL } };
      legs[n_legs++] = (Leg) { from, to, { current, NULL } };
    }

  if (can_split (store))
    {
      shared = g_new0 (Shared, 1);
      shared->path = g_strdup (resfri_store_get_path (store));
      shared->people = people;
      thread = g_thread_new ("resfri-followup", worker_run, shared);
    }

  for (guint i = 0; ok && i < n_legs; i++)
    ok = resfri_policy_check_occurrences (store, policy, legs[i].from, legs[i].to,
                                          leg_occurrence, &legs[i], cancellable, error);

  if (thread == NULL)
    return ok && _resfri_inventory_foreach_unit_equipment (store, keep_unit_people, people, error);

  g_thread_join (thread);
  if (ok && shared->error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&shared->error));
      ok = FALSE;
    }

  return ok;
}

ResfriFollowup *
resfri_followup_compute (ResfriStore         *store,
                         const ResfriPolicy  *policy,
                         const ResfriPeriod  *period,
                         const char          *unit,
                         GCancellable        *cancellable,
                         GError             **error)
{
  g_autoptr(ResfriFollowup) self = NULL;
  g_autoptr(GArray) units = NULL;
  g_autoptr(GHashTable) index_of = NULL;
  g_autoptr(GHashTable) rows_of_unit = NULL;
  g_autoptr(GArray) chain = NULL;
  g_autoptr(ResfriPolicy) loaded = NULL;
  g_autoptr(GArray) people = NULL;
  GPtrArray *rows;
  Tally current = { 0 };
  Tally *previous = NULL;
  gboolean any = FALSE;
  gboolean ok;
  int top = -1;

  g_return_val_if_fail (RESFRI_IS_STORE (store), NULL);
  g_return_val_if_fail (period != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (policy == NULL)
    {
      if (!(loaded = resfri_policy_load (store, error)))
        return NULL;
      policy = loaded;
    }

  units = g_array_new (FALSE, TRUE, sizeof (Unit));
  g_array_set_clear_func (units, unit_clear);
  index_of = g_hash_table_new (g_int64_hash, g_int64_equal);
  if (!load_units (store, units, index_of, error))
    return NULL;

  /* The unit asked for: its path, else its name when only one has it. */
  if (unit != NULL)
    {
      guint by_name = 0;
      int named = -1;

      for (guint i = 0; i < units->len && top < 0; i++)
        {
          const Unit *u = &g_array_index (units, Unit, i);

          if (strcmp (u->path, unit) == 0)
            top = (int) i;
          else if (strcmp (u->name, unit) == 0)
            {
              by_name++;
              named = (int) i;
            }
        }
      if (top < 0 && by_name == 1)
        top = named;
      if (top < 0)
        {
          g_set_error (error, RESFRI_ERROR, RESFRI_ERROR_NOT_FOUND,
                       by_name > 1 ? _("Several units are called “%s”: give its full path")
                                   : _("No unit “%s”"),
                       unit);
          return NULL;
        }
    }

  for (guint i = 0; i < units->len; i++)
    {
      Unit *u = &g_array_index (units, Unit, i);
      guint parent = GPOINTER_TO_UINT (g_hash_table_lookup (index_of, &u->parent_id));

      if (u->parent_id != 0 && parent > 0)
        g_array_append_val (g_array_index (units, Unit, parent - 1).children, i);
    }
  for (guint i = 0; i < units->len; i++)
    g_array_sort_with_data (g_array_index (units, Unit, i).children, compare_by_name, units);

  self = g_new0 (ResfriFollowup, 1);
  self->period = resfri_period_parse (resfri_period_get_label (period), NULL);
  self->unit = top >= 0 ? g_strdup (g_array_index (units, Unit, top).path) : NULL;
  self->units = rows = g_ptr_array_new_with_free_func ((GDestroyNotify) row_free);
  self->months = month_rows (period, self->unit);
  self->total = row_new (self->unit, NULL);
  self->now = resfri_followup_get_now ();

  rows_of_unit = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL,
                                        (GDestroyNotify) g_array_unref);
  chain = g_array_new (FALSE, FALSE, sizeof (guint));
  if (top >= 0)
    add_subtree (units, top, 0, chain, rows, rows_of_unit);
  else
    {
      g_autoptr(GArray) roots = g_array_new (FALSE, FALSE, sizeof (guint));

      for (guint i = 0; i < units->len; i++)
        {
          const Unit *u = &g_array_index (units, Unit, i);

          if (u->parent_id == 0 || !g_hash_table_contains (index_of, &u->parent_id))
            g_array_append_val (roots, i);
        }
      g_array_sort_with_data (roots, compare_by_name, units);
      for (guint i = 0; i < roots->len; i++)
        add_subtree (units, g_array_index (roots, guint, i), 0, chain, rows, rows_of_unit);
    }

  self->previous_period = resfri_period_previous_year (period);
  if (!_resfri_calendar_has_occurrences (store, resfri_period_get_from (self->previous_period),
                                         resfri_period_get_to (self->previous_period), &any,
                                         error))
    return NULL;

  current.period = period;
  current.months = self->months;
  current.total = self->total;
  current.units = rows;
  current.none = top < 0 ? row_new (RESFRI_FOLLOWUP_NO_UNIT, NULL) : NULL;
  current.rows_of_unit = rows_of_unit;
  current.now = self->now;
  if (any)
    {
      /* The same months a year earlier, for the charts; unit rows are not
       * kept for them: they count into scratch rows. */
      previous = g_new0 (Tally, 1);
      previous->period = self->previous_period;
      previous->months = month_rows (self->previous_period, self->unit);
      previous->units = g_ptr_array_new_with_free_func ((GDestroyNotify) row_free);
      previous->none = top < 0 ? row_new (RESFRI_FOLLOWUP_NO_UNIT, NULL) : NULL;
      previous->rows_of_unit = rows_of_unit;
      previous->now = self->now;
      for (guint i = 0; i < rows->len; i++)
        g_ptr_array_add (previous->units, row_new (NULL, NULL));
    }

  people = g_array_new (FALSE, FALSE, sizeof (UnitPeople));
  ok = count_occurrences (store, policy, &current, previous, people, cancellable, error);
  if (ok)
    {
      add_unit_people (rows, rows_of_unit, people);
      /* The total's people: the roots' rows hold everyone in the report. */
      for (guint i = 0; i < rows->len; i++)
        {
          const ResfriFollowupRow *row = g_ptr_array_index (rows, i);

          if (row->depth == 0)
            {
              self->total->employees += row->employees;
              self->total->equipped += row->equipped;
              self->total->open_gaps += row->open_gaps;
            }
        }
      if (current.none != NULL && current.none->occurrences + current.none->planned > 0)
        g_ptr_array_add (rows, g_steal_pointer (&current.none));
      if (previous != NULL && previous->counted > 0)
        self->previous_months = g_steal_pointer (&previous->months);
    }
  g_clear_pointer (&current.none, row_free);
  if (previous != NULL)
    {
      g_clear_pointer (&previous->months, g_ptr_array_unref);
      g_ptr_array_unref (previous->units);
      g_clear_pointer (&previous->none, row_free);
      g_free (previous);
    }
  if (!ok)
    return NULL;

  for (guint i = 0; i < self->months->len; i++)
    {
      ResfriFollowupRow *month = g_ptr_array_index (self->months, i);

      /* People are not per month: a month carries the total's people,
       * equipment and open gaps (the per-employee figures of a month are
       * its own figures over the whole report's people). */
      month->employees = self->total->employees;
      month->equipped = self->total->equipped;
      month->open_gaps = self->total->open_gaps;
    }

  /* The target that holds for each row: a unit's own, its nearest
   * ancestor's, or the organisation's. */
  for (guint i = 0; i < rows->len; i++)
    {
      ResfriFollowupRow *row = g_ptr_array_index (rows, i);

      resfri_policy_get_target_share (policy, strcmp (row->unit, RESFRI_FOLLOWUP_NO_UNIT) == 0
                                              ? NULL : row->unit, &row->target_share);
    }
  resfri_policy_get_target_share (policy, self->unit, &self->total->target_share);
  for (guint i = 0; i < self->months->len; i++)
    ((ResfriFollowupRow *) g_ptr_array_index (self->months, i))->target_share =
      self->total->target_share;

  return g_steal_pointer (&self);
}

typedef struct
{
  ResfriPolicy *policy;   /* NULL: the store's */
  char         *period;
  char         *unit;
} ComputeData;

static void
compute_data_free (gpointer data)
{
  ComputeData *compute = data;

  g_clear_pointer (&compute->policy, resfri_policy_free);
  g_free (compute->period);
  g_free (compute->unit);
  g_free (compute);
}

/* The worker opens its own connection: a store is used by one thread at a
 * time (see resfri-store-private.h). */
static void
compute_worker (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  ResfriStore *store = source_object;
  ComputeData *data = task_data;
  g_autoptr(ResfriStore) worker = NULL;
  g_autoptr(ResfriPeriod) period = NULL;
  ResfriFollowup *followup;
  GError *error = NULL;

  if (!(worker = resfri_store_open (resfri_store_get_path (store), &error)) ||
      !(period = resfri_period_parse (data->period, &error)) ||
      !(followup = resfri_followup_compute (worker, data->policy, period, data->unit, cancellable,
                                            &error)))
    {
      g_task_return_error (task, error);
      return;
    }

  g_task_return_pointer (task, followup, (GDestroyNotify) resfri_followup_free);
}

void
resfri_followup_compute_async (ResfriStore         *store,
                               const ResfriPolicy  *policy,
                               const ResfriPeriod  *period,
                               const char          *unit,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ComputeData *data;

  g_return_if_fail (RESFRI_IS_STORE (store));
  g_return_if_fail (period != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  data = g_new0 (ComputeData, 1);
  data->policy = policy ? resfri_policy_copy (policy) : NULL;
  data->period = g_strdup (resfri_period_get_label (period));
  data->unit = g_strdup (unit);

  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, resfri_followup_compute_async);
  g_task_set_task_data (task, data, compute_data_free);
  g_task_run_in_thread (task, compute_worker);
}

ResfriFollowup *
resfri_followup_compute_finish (ResfriStore   *store,
                                GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, store), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
resfri_followup_free (ResfriFollowup *self)
{
  if (self == NULL)
    return;

  g_clear_pointer (&self->period, resfri_period_free);
  g_free (self->unit);
  g_clear_pointer (&self->units, g_ptr_array_unref);
  g_clear_pointer (&self->months, g_ptr_array_unref);
  g_clear_pointer (&self->total, row_free);
  g_clear_pointer (&self->previous_period, resfri_period_free);
  g_clear_pointer (&self->previous_months, g_ptr_array_unref);
  g_free (self);
}

/* Charts */

static ResfriFollowupSeries *
series_new (guint    n_values,
            gboolean previous)
{
  ResfriFollowupSeries *series = g_new0 (ResfriFollowupSeries, 1);

  series->n_values = n_values;
  series->labels = g_new0 (char *, n_values + 1);
  series->values = g_new (double, MAX (n_values, 1));
  if (previous)
    series->previous = g_new (double, MAX (n_values, 1));

  return series;
}

static double
share_percent (const ResfriFollowupRow *row)
{
  double share;

  return resfri_followup_row_get_travel_free_share (row, &share) ? share * 100 : NAN;
}

ResfriFollowupSeries *
resfri_followup_dup_share_series (const ResfriFollowup *self)
{
  ResfriFollowupSeries *series;
  guint n;

  g_return_val_if_fail (self != NULL, NULL);

  n = self->months->len;
  series = series_new (n, self->previous_months != NULL);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GDateTime) month = NULL;
      int year, m;

      resfri_period_get_month (self->period, i, &year, &m);
      month = g_date_time_new_utc (year, m, 1, 0, 0, 0);
      /* Abbreviated month names in the user's language. */
      series->labels[i] = g_date_time_format (month, n > 12 ? "%b %y" : "%b");
      series->values[i] = share_percent (g_ptr_array_index (self->months, i));
      if (series->previous != NULL)
        series->previous[i] = share_percent (g_ptr_array_index (self->previous_months, i));
    }

  return series;
}

ResfriFollowupSeries *
resfri_followup_dup_reason_series (const ResfriFollowup *self)
{
  const char * const *reasons = resfri_followup_get_reasons ();
  ResfriFollowupSeries *series;

  g_return_val_if_fail (self != NULL, NULL);

  series = series_new (RESFRI_FOLLOWUP_N_REASONS, FALSE);
  for (guint i = 0; i < RESFRI_FOLLOWUP_N_REASONS; i++)
    {
      series->labels[i] = g_strdup (resfri_followup_reason_label (reasons[i]));
      series->values[i] = self->total->exempt[i];
    }

  return series;
}

void
resfri_followup_series_free (ResfriFollowupSeries *series)
{
  if (series == NULL)
    return;

  g_strfreev (series->labels);
  g_free (series->values);
  g_free (series->previous);
  g_free (series);
}

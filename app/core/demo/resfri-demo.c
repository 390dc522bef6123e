/* resfri-demo.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The demo municipality. Everything that ends in the database comes from
 * GRand generators seeded from the options' seed (one per step, so that a
 * change in one step leaves the others as they were), never from the clock
 * or from the iteration order of a hash table. The people are fictional:
 * names are drawn from lists of common Swedish first names and surnames, and
 * email addresses use the reserved .example domain.
 *
 * This file owns the order of the steps and their seeds, the transaction
 * and the public API; the steps live beside it: the calendar of the year
 * (resfri-demo-calendar.c), sites, units, people and rooms
 * (resfri-demo-registers.c), equipment (resfri-demo-equipment.c), the
 * meetings (resfri-demo-meetings.c) built as libical VEVENT components
 * (resfri-demo-ical.c), and every row written (resfri-demo-store.c).
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "resfri-audit-private.h"
#include "resfri-demo-private.h"
#include "resfri-policy-settings.h"
#include "resfri-store-private.h"

static void
reseed (Demo  *d,
        guint  step)
{
  guint32 seed[2] = { d->options->seed, step };

  g_clear_pointer (&d->rand, g_rand_free);
  d->rand = g_rand_new_with_seed_array (seed, G_N_ELEMENTS (seed));
}

static gboolean
add_meetings (Demo    *d,
              GError **error)
{
  reseed (d, 4);
  _resfri_demo_make_tenant (d);

  report_progress (d, 0.25, _("Meetings"));
  if (!_resfri_demo_add_team_series (d, error))
    return FALSE;

  reseed (d, 5);
  if (!_resfri_demo_add_workplace_meetings (d, error) ||
      !_resfri_demo_add_management_meetings (d, error) ||
      !_resfri_demo_add_board_meetings (d, error))
    return FALSE;

  reseed (d, 6);
  if (!_resfri_demo_add_regional_meetings (d, error))
    return FALSE;

  reseed (d, 8);
  if (!_resfri_demo_add_project_groups (d, error))
    return FALSE;

  reseed (d, 7);
  if (!_resfri_demo_add_single_meetings (d, error))
    return FALSE;

  /* After this year's, so that those are what they were without it. */
  reseed (d, 9);
  return _resfri_demo_add_previous_year (d, error);
}

/* A target for the follow-up to measure against (spec/planning.md
 * "Targets"): the council's, and one administration's own. */
static gboolean
add_targets (Demo    *d,
             GError **error)
{
  return _resfri_policy_set_unaudited (d->store, RESFRI_POLICY_TARGET_SHARE, "0.8", error) &&
         _resfri_policy_set_unaudited (d->store, RESFRI_POLICY_TARGET_PREFIX "Socialförvaltningen",
                                       "0.7", error);
}

static gboolean
add_meta (Demo    *d,
          GError **error)
{
  char number[32];

  if (!resfri_store_set_meta (d->store, "municipality", "Vänersborg", error) ||
      !resfri_store_set_meta (d->store, "email-domain", DOMAIN, error))
    return FALSE;

  g_snprintf (number, sizeof number, "%u", d->options->seed);
  if (!resfri_store_set_meta (d->store, "demo-seed", number, error))
    return FALSE;
  g_snprintf (number, sizeof number, "%d", d->options->year);
  if (!resfri_store_set_meta (d->store, "demo-year", number, error))
    return FALSE;
  g_snprintf (number, sizeof number, "%u", d->options->employees);
  return resfri_store_set_meta (d->store, "demo-employees", number, error);
}

static gboolean
generate (Demo    *d,
          GError **error)
{
  report_progress (d, 0.0, _("Sites and units"));
  if (!_resfri_demo_check_empty (d, error) ||
      !_resfri_demo_add_sites (d, error) ||
      !_resfri_demo_add_units (d, error))
    return FALSE;

  reseed (d, 1);
  report_progress (d, 0.02, _("People"));
  if (!_resfri_demo_add_people (d, error))
    return FALSE;

  reseed (d, 2);
  report_progress (d, 0.08, _("Rooms"));
  if (!_resfri_demo_add_rooms (d, error))
    return FALSE;

  reseed (d, 3);
  if (!_resfri_demo_add_equipment (d, error))
    return FALSE;

  if (!add_meetings (d, error))
    return FALSE;

  report_progress (d, 0.97, _("Saving"));

  if (!_resfri_demo_count_rows (d, error))
    return FALSE;
  if (!add_meta (d, error) || !add_targets (d, error))
    return FALSE;

  return TRUE;
}

/* Public API */

const char *
resfri_demo_get_municipality (void)
{
  return "Vänersborg";
}

void
resfri_demo_options_init (ResfriDemoOptions *options)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  g_return_if_fail (options != NULL);

  options->employees = RESFRI_DEMO_DEFAULT_EMPLOYEES;
  options->seed = RESFRI_DEMO_DEFAULT_SEED;
  options->year = g_date_time_get_year (now);
}

/**
 * resfri_demo_generate:
 * @store: an empty store
 * @options: what to make
 * @progress: (nullable): called now and then
 * @summary: (out) (optional): what was made
 *
 * Fills an empty database with the demo municipality in one transaction:
 * on error or cancellation nothing is written. A database that already
 * holds people, meetings, sites or equipment is refused with
 * %RESFRI_ERROR_CONFLICT.
 */
gboolean
resfri_demo_generate (ResfriStore             *store,
                      const ResfriDemoOptions *options,
                      ResfriDemoProgressFunc   progress,
                      gpointer                 progress_data,
                      ResfriDemoSummary       *summary,
                      GCancellable            *cancellable,
                      GError                 **error)
{
  Demo d = { 0 };
  gboolean ok;

  g_return_val_if_fail (RESFRI_IS_STORE (store), FALSE);
  g_return_val_if_fail (options != NULL, FALSE);
  g_return_val_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (options->employees < 1 || options->employees > RESFRI_DEMO_MAX_EMPLOYEES)
    {
      g_set_error (error, RESFRI_ERROR, RESFRI_ERROR_INVALID_INPUT,
                   _("The number of employees must be between 1 and %u"), RESFRI_DEMO_MAX_EMPLOYEES);
      return FALSE;
    }
  if (options->year < 1971 || options->year > 2199)
    {
      g_set_error (error, RESFRI_ERROR, RESFRI_ERROR_INVALID_INPUT,
                   _("The year must be between 1971 and 2199"));
      return FALSE;
    }

  d.store = store;
  d.options = options;
  d.cancellable = cancellable;
  d.progress = progress;
  d.progress_data = progress_data;
  d.year = options->year;
  {
    g_autoptr(GDateTime) first = g_date_time_new_utc (options->year, 1, 1, 0, 0, 0);

    d.now = g_date_time_to_unix (first);
  }
  d.strings = g_string_chunk_new (64 * 1024);
  d.email_counts = g_hash_table_new (g_str_hash, g_str_equal);
  d.externals_used = g_hash_table_new (g_str_hash, g_str_equal);
  d.people = g_array_sized_new (FALSE, FALSE, sizeof (Person), options->employees + 64);
  d.teams = g_array_new (FALSE, FALSE, sizeof (Team));
  d.rooms = g_array_new (FALSE, FALSE, sizeof (Room));
  _resfri_demo_setup_calendar (&d);
  reseed (&d, 0);

  ok = _resfri_store_begin (store, error);
  if (ok)
    {
      g_autofree char *detail = g_strdup_printf ("employees=%u seed=%" G_GUINT64_FORMAT " year=%d",
                                                 (guint) options->employees,
                                                 (guint64) options->seed, options->year);

      ok = generate (&d, error) &&
           _resfri_audit_record (store, "demo", "database", "demo", detail, error);
      if (ok)
        ok = _resfri_store_commit (store, error);
      else
        _resfri_store_rollback (store);
    }

  if (ok)
    report_progress (&d, 1.0, _("Done"));

  if (ok && summary != NULL)
    *summary = d.summary;

  g_clear_pointer (&d.rand, g_rand_free);
  g_string_chunk_free (d.strings);
  g_hash_table_unref (d.email_counts);
  g_hash_table_unref (d.externals_used);
  g_array_unref (d.people);
  g_array_unref (d.teams);
  g_array_unref (d.rooms);
  g_array_unref (d.workdays);
  for (guint s = 0; s < N_OWN_SITES; s++)
    g_clear_pointer (&d.site_rooms[s], g_ptr_array_unref);

  return ok;
}

typedef struct
{
  char                   *path;
  ResfriDemoOptions       options;
  ResfriDemoProgressFunc  progress;
  gpointer                progress_data;
  GMainContext           *context;     /* the caller's, for progress */
  int                     last_percent;
} GenerateData;

typedef struct
{
  GTask      *task;                    /* holds the GenerateData */
  double      fraction;
  const char *step;                    /* translated strings are static */
} ProgressMessage;

static void
progress_message_free (ProgressMessage *message)
{
  g_object_unref (message->task);
  g_free (message);
}

static void
generate_data_free (GenerateData *data)
{
  g_free (data->path);
  g_main_context_unref (data->context);
  g_free (data);
}

static gboolean
deliver_progress (gpointer user_data)
{
  ProgressMessage *message = user_data;
  GenerateData *data = g_task_get_task_data (message->task);

  data->progress (message->fraction, message->step, data->progress_data);
  return G_SOURCE_REMOVE;
}

/* Hands progress to the caller's context, at most once per percent. */
static void
forward_progress (double      fraction,
                  const char *step,
                  gpointer    user_data)
{
  GTask *task = user_data;
  GenerateData *data = g_task_get_task_data (task);
  ProgressMessage *message;
  int percent = (int) (fraction * 100);

  if (percent == data->last_percent && fraction < 1.0)
    return;
  data->last_percent = percent;

  message = g_new0 (ProgressMessage, 1);
  message->task = g_object_ref (task);
  message->fraction = fraction;
  message->step = step;
  g_main_context_invoke_full (data->context, G_PRIORITY_DEFAULT, deliver_progress, message,
                              (GDestroyNotify) progress_message_free);
}

static void
generate_worker (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  GenerateData *data = task_data;
  g_autoptr(ResfriStore) store = NULL;
  g_autofree ResfriDemoSummary *summary = g_new0 (ResfriDemoSummary, 1);
  GError *error = NULL;

  if (!(store = resfri_store_open (data->path, &error)) ||
      !resfri_demo_generate (store, &data->options, data->progress ? forward_progress : NULL, task,
                             summary, cancellable, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  g_task_return_pointer (task, g_steal_pointer (&summary), g_free);
}

void
resfri_demo_generate_async (ResfriStore             *store,
                            const ResfriDemoOptions *options,
                            ResfriDemoProgressFunc   progress,
                            gpointer                 progress_data,
                            GCancellable            *cancellable,
                            GAsyncReadyCallback      callback,
                            gpointer                 user_data)
{
  g_autoptr(GTask) task = NULL;
  GenerateData *data;

  g_return_if_fail (RESFRI_IS_STORE (store));
  g_return_if_fail (options != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  data = g_new0 (GenerateData, 1);
  data->path = g_strdup (resfri_store_get_path (store));
  data->options = *options;
  data->progress = progress;
  data->progress_data = progress_data;
  data->context = g_main_context_ref_thread_default ();
  data->last_percent = -1;

  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, resfri_demo_generate_async);
  g_task_set_task_data (task, data, (GDestroyNotify) generate_data_free);
  g_task_run_in_thread (task, generate_worker);
}

gboolean
resfri_demo_generate_finish (ResfriStore        *store,
                             GAsyncResult       *result,
                             ResfriDemoSummary  *summary,
                             GError            **error)
{
  g_autofree ResfriDemoSummary *value = NULL;

  g_return_val_if_fail (g_task_is_valid (result, store), FALSE);

  if (!(value = g_task_propagate_pointer (G_TASK (result), error)))
    return FALSE;

  if (summary != NULL)
    *summary = *value;
  return TRUE;
}

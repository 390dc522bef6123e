/* bench-check.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Times the policy check of the demo year (2026): resolving its
 * occurrences (resfri_policy_check_occurrences) twice, and, when
 * $RESFRI_CLI is set, `resfri-cli check --from 2026-01-01 --to 2027-01-01
 * --format json` and `--format text` into /dev/null, each beside the scan
 * floor of the year (bench-floor.h) measured in the same run; and the New
 * Meeting window's live check (resfri_draft_evaluate) of a draft with one
 * attendee from each site (up to six) in a room: the median of 20.
 * Prints the seconds, the ratios, the verdict counts and the peak RSS.
 * Usage: bench-check [EMPLOYEES [DATABASE [draft]]] — with DATABASE (an
 * existing demo) nothing is generated; give a copy, since opening may
 * write. With "draft" only the live check is timed.
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/wait.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "bench-floor.h"
#include "resfri-core.h"

#define BENCH_YEAR 2026

typedef struct
{
  guint  occurrences;
  guint  verdicts[5];
  guint  attendees;
  double travel_km;
  double avoided_km;
} Tally;

static gboolean
tally_cb (const ResfriResolvedOccurrence *o,
          gpointer                        user_data)
{
  Tally *tally = user_data;

  tally->occurrences++;
  tally->verdicts[o->verdict]++;
  tally->attendees += o->n_attendees;
  tally->travel_km += o->travel_km;
  tally->avoided_km += o->avoided_km;

  return TRUE;
}

static double
seconds_since (gint64 started)
{
  return (g_get_monotonic_time () - started) / (double) G_USEC_PER_SEC;
}

static void
time_cli (const char *path,
          const char *format,
          double      floor_seconds)
{
  const char *cli = g_getenv ("RESFRI_CLI");
  g_autofree char *command = NULL;
  g_autofree char *figure = NULL;
  gint64 started;
  double seconds;
  int status = 0;

  if (cli == NULL || *cli == '\0')
    return;

  command = g_strdup_printf ("'%s' --db '%s' check --from %d-01-01 --to %d-01-01 --format %s"
                             " > /dev/null", cli, path, BENCH_YEAR, BENCH_YEAR + 1, format);
  started = g_get_monotonic_time ();
  status = system (command);
  seconds = seconds_since (started);
  figure = g_strdup_printf ("resfri-cli check --from %d-01-01 --to %d-01-01 --format %s (exit %d)",
                            BENCH_YEAR, BENCH_YEAR + 1, format,
                            WIFEXITED (status) ? WEXITSTATUS (status) : -1);
  bench_print_ratio (figure, seconds, floor_seconds);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

/* One person from each of the first six sites with people, and a room of the first. */
static ResfriDraft *
demo_draft (const char *path)
{
  ResfriDraft *draft = resfri_draft_new ();
  g_autoptr(GTimeZone) zone = g_time_zone_new_identifier ("Europe/Stockholm");
  g_autoptr(GDateTime) start = g_date_time_new (zone, 2026, 10, 14, 9, 0, 0);
  g_autoptr(GDateTime) end = g_date_time_add_hours (start, 1);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "SELECT min (email) FROM people GROUP BY site_id"
                                       " ORDER BY site_id LIMIT 6",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    resfri_draft_add_attendee (draft, (const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT code FROM rooms ORDER BY site_id, id LIMIT 1",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    resfri_draft_set_venue (draft, (const char *) sqlite3_column_text (stmt, 0), NULL);
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  draft->summary = g_strdup ("Bench");
  draft->organizer = g_strdup (g_ptr_array_index (draft->attendees, 0));
  resfri_draft_set_times (draft, start, end);

  return draft;
}

static void
time_draft (ResfriStore *store,
            const char  *path)
{
  g_autoptr(ResfriDraft) draft = demo_draft (path);
  double ms[20];
  guint n_attendees = 0;

  for (guint i = 0; i < G_N_ELEMENTS (ms); i++)
    {
      g_autoptr(ResfriDraftEvaluation) e = NULL;
      g_autoptr(GError) error = NULL;
      gint64 started = g_get_monotonic_time ();

      e = resfri_draft_evaluate (store, draft, NULL, NULL, &error);
      g_assert_no_error (error);
      ms[i] = (g_get_monotonic_time () - started) / 1000.0;
      n_attendees = e->attendees->len;
    }
  qsort (ms, G_N_ELEMENTS (ms), sizeof ms[0], compare_doubles);
  printf ("draft evaluation (%u attendees): median %.1f ms, max %.1f ms of %u\n", n_attendees,
          ms[G_N_ELEMENTS (ms) / 2], ms[G_N_ELEMENTS (ms) - 1], (guint) G_N_ELEMENTS (ms));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ResfriStore) store = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  struct rusage usage;
  g_autoptr(GDateTime) year_start = g_date_time_new_utc (BENCH_YEAR, 1, 1, 0, 0, 0);
  g_autoptr(GDateTime) year_end = g_date_time_new_utc (BENCH_YEAR + 1, 1, 1, 0, 0, 0);
  double floor_seconds;
  gint64 started;

  if (argc > 2)
    path = g_strdup (argv[2]);
  else
    {
      ResfriDemoOptions options;

      resfri_demo_options_init (&options);
      options.employees = argc > 1 ? (guint) g_ascii_strtoull (argv[1], NULL, 10) : 60000;
      dir = g_dir_make_tmp ("resfri-bench-check-XXXXXX", &error);
      g_assert_no_error (error);
      path = g_build_filename (dir, "bench.db", NULL);
      store = resfri_store_open (path, &error);
      g_assert_no_error (error);

      started = g_get_monotonic_time ();
      if (!resfri_demo_generate (store, &options, NULL, NULL, NULL, NULL, &error))
        {
          fprintf (stderr, "bench-check: %s\n", error->message);
          return EXIT_FAILURE;
        }
      printf ("demo of %u employees: %.2f s\n", options.employees, seconds_since (started));
    }

  if (store == NULL)
    {
      store = resfri_store_open (path, &error);
      g_assert_no_error (error);
    }

  if (argc > 3 && g_strcmp0 (argv[3], "draft") == 0)
    {
      time_draft (store, path);
      return EXIT_SUCCESS;
    }

  floor_seconds = bench_scan_floor (path, BENCH_YEAR);
  printf ("scan floor of %d: %.2f s\n", BENCH_YEAR, floor_seconds);

  for (int run = 1; run <= 2; run++)
    {
      g_autofree char *figure = NULL;
      Tally tally = { 0 };

      started = g_get_monotonic_time ();
      if (!resfri_policy_check_occurrences (store, NULL, g_date_time_to_unix (year_start),
                                            g_date_time_to_unix (year_end), tally_cb, &tally,
                                            NULL, &error))
        {
          fprintf (stderr, "bench-check: %s\n", error->message);
          return EXIT_FAILURE;
        }
      figure = g_strdup_printf ("resolve run %d (%u occurrences of %d)", run, tally.occurrences,
                                BENCH_YEAR);
      bench_print_ratio (figure, seconds_since (started), floor_seconds);
      if (run == 1)
        {
          for (guint v = 0; v < G_N_ELEMENTS (tally.verdicts); v++)
            printf ("  %-14s %8u\n", resfri_verdict_to_string (v), tally.verdicts[v]);
          printf ("  internal attendees %u, travel %.0f km, avoided %.0f km\n", tally.attendees,
                  tally.travel_km, tally.avoided_km);
        }
    }
  time_draft (store, path);
  g_clear_object (&store);

  time_cli (path, "json", floor_seconds);
  time_cli (path, "text", floor_seconds);

  getrusage (RUSAGE_SELF, &usage);
  printf ("peak RSS (resolve): %.1f MB\n", usage.ru_maxrss / 1024.0);

  if (dir != NULL)
    {
      g_autofree char *wal = g_strconcat (path, "-wal", NULL);
      g_autofree char *shm = g_strconcat (path, "-shm", NULL);

      g_remove (path);
      g_remove (wal);
      g_remove (shm);
      g_rmdir (dir);
    }

  return EXIT_SUCCESS;
}

/* bench-report.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Times the follow-up report on the demo municipality (default 60000
 * employees, a year of meetings): resfri_followup_compute() in process, then
 * `resfri-cli report --period YEAR` in every format (found in $RESFRI_CLI),
 * each beside the scan floor measured in the same run (bench-floor.h), with
 * the largest peak RSS of the runs. Prints figures, asserts no time.
 * Usage: bench-report [EMPLOYEES [DATABASE]] — with DATABASE (an existing
 * demo of year 2026, or $RESFRI_BENCH_DB) nothing is generated; it is
 * opened and may be written (migrations), so give it a copy.
 * $RESFRI_BENCH_RUNS (default 1): the best of that many runs of each figure.
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>

#include <glib/gstdio.h>

#include "bench-floor.h"
#include "resfri-core.h"

static double
seconds_since (gint64 started)
{
  return (g_get_monotonic_time () - started) / (double) G_USEC_PER_SEC;
}

static void
remove_database (const char *path)
{
  const char *suffixes[] = { "", "-wal", "-shm" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      g_remove (file);
    }
}

int
main (int   argc,
      char *argv[])
{
  const char *formats[] = { "json", "text", "csv", "xlsx", "pdf" };
  const char *cli = g_getenv ("RESFRI_CLI");
  const char *existing = argc > 2 ? argv[2] : g_getenv ("RESFRI_BENCH_DB");
  const char *runs_text = g_getenv ("RESFRI_BENCH_RUNS");
  g_autoptr(GError) error = NULL;
  g_autoptr(ResfriStore) store = NULL;
  g_autoptr(ResfriPeriod) period = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *year = NULL;
  ResfriDemoOptions options;
  ResfriStoreCounts counts = { 0 };
  struct rusage usage;
  gint64 started;
  double floor_seconds;
  double best = G_MAXDOUBLE;
  double share = 0;
  guint runs;
  guint n_occurrences = 0;
  guint n_units = 0;

  resfri_demo_options_init (&options);
  options.employees = argc > 1 ? (guint) g_ascii_strtoull (argv[1], NULL, 10) : 60000;
  runs = runs_text != NULL ? MAX (1, (guint) g_ascii_strtoull (runs_text, NULL, 10)) : 1;

  dir = g_dir_make_tmp ("resfri-bench-report-XXXXXX", &error);
  g_assert_no_error (error);
  if (existing != NULL && *existing != '\0')
    {
      path = g_strdup (existing);
      store = resfri_store_open (path, &error);
      g_assert_no_error (error);
      g_assert_true (resfri_store_get_counts (store, &counts, &error));
      printf ("demo: %s, year %d, %" G_GINT64_FORMAT " occurrences\n", path, options.year,
              counts.occurrences);
    }
  else
    {
      path = g_build_filename (dir, "bench.db", NULL);
      store = resfri_store_open (path, &error);
      g_assert_no_error (error);
      started = g_get_monotonic_time ();
      if (!resfri_demo_generate (store, &options, NULL, NULL, NULL, NULL, &error))
        {
          fprintf (stderr, "bench-report: %s\n", error->message);
          return EXIT_FAILURE;
        }
      g_assert_true (resfri_store_get_counts (store, &counts, &error));
      printf ("demo: %u employees, year %d, %" G_GINT64_FORMAT " occurrences, made in %.2f s\n",
              options.employees, options.year, counts.occurrences, seconds_since (started));
    }
  fflush (stdout);

  floor_seconds = bench_scan_floor (path, options.year);
  year = g_strdup_printf ("%d", options.year);
  period = resfri_period_parse (year, &error);
  g_assert_no_error (error);

  for (guint run = 0; run < runs; run++)
    {
      g_autoptr(ResfriFollowup) followup = NULL;

      started = g_get_monotonic_time ();
      followup = resfri_followup_compute (store, NULL, period, NULL, NULL, &error);
      g_assert_no_error (error);
      best = MIN (best, seconds_since (started));
      resfri_followup_row_get_travel_free_share (followup->total, &share);
      n_occurrences = followup->total->occurrences;
      n_units = followup->units->len;
    }
  printf ("resfri_followup_compute (%s): %u occurrences held, %u unit rows, travel-free share "
          "%.3f\n", year, n_occurrences, n_units, share);
  bench_print_ratio ("resfri_followup_compute", best, floor_seconds);
  g_clear_object (&store);

  if (cli == NULL)
    {
      fprintf (stderr, "bench-report: RESFRI_CLI is not set, skipping the CLI\n");
      g_rmdir (dir);
      return EXIT_SUCCESS;
    }

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_autofree char *output = g_strdup_printf ("%s/report.%s", dir, formats[i]);
      g_autofree char *figure = g_strdup_printf ("resfri-cli report --period %s --format %s",
                                                 year, formats[i]);
      const char *args[] = {
        cli, "--db", path, "report", "--period", year, "--format", formats[i], "-o", output, NULL
      };
      GStatBuf st;

      best = G_MAXDOUBLE;
      for (guint run = 0; run < runs; run++)
        {
          int status = 0;

          started = g_get_monotonic_time ();
          g_assert_true (g_spawn_sync (NULL, (char **) args, NULL, G_SPAWN_STDOUT_TO_DEV_NULL,
                                       NULL, NULL, NULL, NULL, &status, &error));
          g_assert_no_error (error);
          g_assert_true (g_spawn_check_wait_status (status, NULL));
          best = MIN (best, seconds_since (started));
        }
      printf ("%s: %.1f kB\n", figure, g_stat (output, &st) == 0 ? st.st_size / 1e3 : 0.0);
      bench_print_ratio (figure, best, floor_seconds);
      g_remove (output);
    }

  getrusage (RUSAGE_CHILDREN, &usage);
  printf ("peak RSS of resfri-cli report: %.1f MB\n", usage.ru_maxrss / 1024.0);

  if (existing == NULL || *existing == '\0')
    remove_database (path);
  g_rmdir (dir);

  return EXIT_SUCCESS;
}

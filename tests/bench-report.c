/* bench-report.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Times the follow-up report on the demo municipality (default 60000
 * employees, a year of meetings): resfri_followup_compute() in process, then
 * `resfri-cli report --period YEAR` in every format (found in $RESFRI_CLI),
 * with each run's wall time and the largest peak RSS of the runs.
 * Usage: bench-report [EMPLOYEES]
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>

#include <glib/gstdio.h>

#include "resfri-core.h"

static double
seconds_since (gint64 started)
{
  return (g_get_monotonic_time () - started) / (double) G_USEC_PER_SEC;
}

int
main (int   argc,
      char *argv[])
{
  const char *formats[] = { "text", "json", "csv", "xlsx", "pdf" };
  const char *cli = g_getenv ("RESFRI_CLI");
  g_autoptr(GError) error = NULL;
  g_autoptr(ResfriStore) store = NULL;
  g_autoptr(ResfriPeriod) period = NULL;
  g_autoptr(ResfriFollowup) followup = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *year = NULL;
  ResfriDemoOptions options;
  ResfriStoreCounts counts = { 0 };
  double demo_seconds;
  struct rusage usage;
  gint64 started;
  double share = 0;

  resfri_demo_options_init (&options);
  options.employees = argc > 1 ? (guint) g_ascii_strtoull (argv[1], NULL, 10) : 60000;

  dir = g_dir_make_tmp ("resfri-bench-report-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "bench.db", NULL);
  store = resfri_store_open (path, &error);
  g_assert_no_error (error);

  started = g_get_monotonic_time ();
  if (!resfri_demo_generate (store, &options, NULL, NULL, NULL, NULL, &error))
    {
      fprintf (stderr, "bench-report: %s\n", error->message);
      return EXIT_FAILURE;
    }
  demo_seconds = seconds_since (started);
  g_assert_true (resfri_store_get_counts (store, &counts, &error));
  printf ("demo: %u employees, year %d, %" G_GINT64_FORMAT " occurrences, made in %.2f s\n",
          options.employees, options.year, counts.occurrences, demo_seconds);

  year = g_strdup_printf ("%d", options.year);
  period = resfri_period_parse (year, &error);
  g_assert_no_error (error);

  started = g_get_monotonic_time ();
  followup = resfri_followup_compute (store, NULL, period, NULL, NULL, &error);
  g_assert_no_error (error);
  resfri_followup_row_get_travel_free_share (followup->total, &share);
  printf ("resfri_followup_compute (%s): %.2f s; %u occurrences, %u unit rows, travel-free "
          "share %.3f\n", year, seconds_since (started), followup->total->occurrences,
          followup->units->len, share);
  g_clear_object (&store);

  if (cli == NULL)
    {
      fprintf (stderr, "bench-report: RESFRI_CLI is not set, skipping the CLI\n");
      return EXIT_SUCCESS;
    }

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_autofree char *output = g_strdup_printf ("%s/report.%s", dir, formats[i]);
      const char *args[] = {
        cli, "--db", path, "report", "--period", year, "--format", formats[i], "-o", output, NULL
      };
      GStatBuf st;
      int status = 0;

      started = g_get_monotonic_time ();
      g_assert_true (g_spawn_sync (NULL, (char **) args, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL,
                                   NULL, NULL, NULL, &status, &error));
      g_assert_no_error (error);
      g_assert_true (g_spawn_check_wait_status (status, NULL));
      printf ("resfri-cli report --period %s --format %-4s: %.2f s, %.1f kB\n", year, formats[i],
              seconds_since (started), g_stat (output, &st) == 0 ? st.st_size / 1e3 : 0.0);
      g_remove (output);
    }

  getrusage (RUSAGE_CHILDREN, &usage);
  printf ("peak RSS of resfri-cli report: %.1f MB\n", usage.ru_maxrss / 1024.0);

  {
    const char *suffixes[] = { "", "-wal", "-shm" };

    for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
      {
        g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

        g_remove (file);
      }
  }
  g_rmdir (dir);

  return EXIT_SUCCESS;
}

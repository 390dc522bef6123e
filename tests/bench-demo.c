/* bench-demo.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Times `resfri-cli demo --employees N` (default 60000, the largest Swedish
 * municipalities) into a temporary database file and prints the seconds,
 * the time of each step, the rows per table, the file size and the peak
 * RSS. Usage: bench-demo [EMPLOYEES [SEED]]
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>

#include <glib/gstdio.h>

#include "resfri-demo.h"
#include "resfri-store-private.h"

typedef struct
{
  gint64      started;
  gint64      step_started;
  const char *step;
} Timing;

static void
progress_cb (double      fraction,
             const char *step,
             gpointer    user_data)
{
  Timing *timing = user_data;
  gint64 now = g_get_monotonic_time ();

  /* The last step (commit) ends when generate returns: called with "". */
  if (timing->step != NULL && g_strcmp0 (timing->step, step) != 0)
    {
      printf ("  %-24s %7.2f s\n", timing->step, (now - timing->step_started) / (double) G_USEC_PER_SEC);
      timing->step_started = now;
    }
  if (timing->step == NULL)
    timing->step_started = now;
  timing->step = step;
}

int
main (int   argc,
      char *argv[])
{
  static const char * const tables[] = {
    "units", "sites", "people", "rooms", "room_aliases", "equipment", "equipment_history",
    "meetings", "attendees", "occurrences", "meta",
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(ResfriStore) store = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  ResfriDemoOptions options;
  ResfriDemoSummary summary = { 0 };
  Timing timing = { 0 };
  struct rusage usage;
  GStatBuf st;
  gint64 started;
  double seconds;

  resfri_demo_options_init (&options);
  options.employees = argc > 1 ? (guint) g_ascii_strtoull (argv[1], NULL, 10) : 60000;
  options.seed = argc > 2 ? (guint32) g_ascii_strtoull (argv[2], NULL, 10) : 1;

  dir = g_dir_make_tmp ("resfri-bench-demo-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "bench.db", NULL);

  store = resfri_store_open (path, &error);
  g_assert_no_error (error);

  printf ("resfri demo: %u employees, seed %u, year %d\n", options.employees, options.seed, options.year);

  started = g_get_monotonic_time ();
  timing.started = started;
  if (!resfri_demo_generate (store, &options, progress_cb, &timing, &summary, NULL, &error))
    {
      fprintf (stderr, "bench-demo: %s\n", error->message);
      return EXIT_FAILURE;
    }
  progress_cb (1.0, "", &timing);
  seconds = (g_get_monotonic_time () - started) / (double) G_USEC_PER_SEC;
  g_clear_object (&store);

  getrusage (RUSAGE_SELF, &usage);
  printf ("generation: %.2f s wall, %.2f s user, %.2f s system\n", seconds,
          usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6,
          usage.ru_stime.tv_sec + usage.ru_stime.tv_usec / 1e6);

  store = resfri_store_open (path, &error);
  g_assert_no_error (error);
  printf ("rows:\n");
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s", tables[i]);

      printf ("  %-20s %10" G_GINT64_FORMAT "\n", tables[i], _resfri_store_query_int (store, sql, NULL));
    }
  printf ("  %-20s %10" G_GINT64_FORMAT "\n", "external attendees", summary.externals);
  g_clear_object (&store);

  if (g_stat (path, &st) == 0)
    printf ("database: %.1f MB\n", st.st_size / 1e6);
  getrusage (RUSAGE_SELF, &usage);
  printf ("peak RSS: %.1f MB\n", usage.ru_maxrss / 1024.0);

  g_remove (path);
  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (path, "-shm", NULL);

    g_remove (wal);
    g_remove (shm);
  }
  g_rmdir (dir);

  return EXIT_SUCCESS;
}

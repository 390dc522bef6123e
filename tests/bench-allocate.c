/* bench-allocate.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Times the allocation (planned scenario) and the gaps of both scenarios
 * over the demo municipality's whole year, each the best of three beside
 * the scan floor (bench-floor.h) measured in the same run, and, when
 * $RESFRI_CLI names a resfri-cli, `gaps --format json` and `allocate
 * --format json` run by it into /dev/null likewise (so the same run can
 * time another build's CLI). Prints the number of demands, the peak RSS
 * and what it is made of: the RSS after each step, SQLite's own heap at
 * its highest, and the results' arrays.
 * Usage: bench-allocate [EMPLOYEES [DATABASE]] (default 60000): with
 * DATABASE (an existing demo; also $RESFRI_BENCH_DB) nothing is generated;
 * with $RESFRI_BENCH_CLI_ONLY set, only the floor and the CLI's figures.
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "bench-floor.h"
#include "resfri-allocation.h"
#include "resfri-demo.h"
#include "resfri-policy-check.h"
#include "resfri-test-util.h"
#include "resfri-timezone.h"

static gboolean
count_occurrence (const ResfriResolvedOccurrence *occurrence,
                  gpointer                        user_data)
{
  (*(guint *) user_data)++;
  return TRUE;
}

/* CPU seconds of this process so far: less noisy than the wall clock on
 * a shared machine. */
static double
cpu_seconds (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6 +
         usage.ru_stime.tv_sec + usage.ru_stime.tv_usec / 1e6;
}

static double
peak_rss_mb (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024.0;
}

static double
rss_mb (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL) ||
      !(line = strstr (status, "VmRSS:")))
    return 0;
  return g_ascii_strtod (line + strlen ("VmRSS:"), NULL) / 1024.0;
}

static void
print_memory (const char *step)
{
  printf ("  memory after %s: RSS %.1f MB, peak RSS %.1f MB, SQLite heap %.1f MB (highest %.1f MB)\n",
          step, rss_mb (), peak_rss_mb (), sqlite3_memory_used () / 1048576.0,
          sqlite3_memory_highwater (FALSE) / 1048576.0);
  fflush (stdout);
}

/* resfri-cli ARGS… into /dev/null, the best wall time of three. */
static double
time_cli (const char        *cli,
          const char        *db,
          const char * const *args)
{
  double best = G_MAXDOUBLE;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();

  g_ptr_array_add (argv, (gpointer) cli);
  g_ptr_array_add (argv, (gpointer) "--db");
  g_ptr_array_add (argv, (gpointer) db);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  for (guint run = 0; run < 3; run++)
    {
      g_autoptr(GError) error = NULL;
      gint64 started = g_get_monotonic_time ();
      int status;

      if (!g_spawn_sync (NULL, (char **) argv->pdata, NULL,
                         G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                         NULL, NULL, NULL, NULL, &status, &error) ||
          !g_spawn_check_wait_status (status, &error))
        {
          fprintf (stderr, "bench-allocate: %s: %s\n", cli, error->message);
          return 0;
        }
      best = MIN (best, (g_get_monotonic_time () - started) / (double) G_USEC_PER_SEC);
    }

  return best;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ResfriStore) store = NULL;
  g_autoptr(ResfriAllocation) allocation = NULL;
  g_autoptr(ResfriGaps) gaps = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  const char *existing = argc > 2 ? argv[2] : g_getenv ("RESFRI_BENCH_DB");
  const char *cli = g_getenv ("RESFRI_CLI");
  ResfriDemoOptions options;
  gint64 from, to, started;
  double t_allocate, t_gaps, rss_before, scan_floor;
  guint to_order[2] = { 0, 0 };

  resfri_demo_options_init (&options);
  options.employees = argc > 1 ? (guint) g_ascii_strtoull (argv[1], NULL, 10) : 60000;

  if (existing != NULL && *existing != '\0')
    path = g_strdup (existing);
  else
    {
      dir = g_dir_make_tmp ("resfri-bench-allocate-XXXXXX", &error);
      g_assert_no_error (error);
      path = g_build_filename (dir, "bench.db", NULL);
      store = resfri_store_open (path, &error);
      g_assert_no_error (error);
      printf ("demo: %u employees, year %d\n", options.employees, options.year);
      if (!resfri_demo_generate (store, &options, NULL, NULL, NULL, NULL, &error))
        {
          fprintf (stderr, "bench-allocate: %s\n", error->message);
          return EXIT_FAILURE;
        }
      g_clear_object (&store);
    }

  store = resfri_store_open (path, &error);
  g_assert_no_error (error);
  {
    g_autofree char *from_text = g_strdup_printf ("%d-01-01", options.year);
    g_autofree char *to_text = g_strdup_printf ("%d-01-01", options.year + 1);

    g_assert_true (resfri_ical_parse_date_arg (from_text, &from, &error));
    g_assert_true (resfri_ical_parse_date_arg (to_text, &to, &error));
  }
  rss_before = peak_rss_mb ();
  scan_floor = bench_scan_floor (path, options.year);
  bench_print_ratio ("scan floor", scan_floor, scan_floor);
  /* $RESFRI_BENCH_CLI_ONLY: the CLI's figures alone. */
  if (g_getenv ("RESFRI_BENCH_CLI_ONLY") != NULL)
    goto cli_figures;

  {
    guint n = 0;

    double cpu = cpu_seconds ();

    started = g_get_monotonic_time ();
    g_assert_true (resfri_policy_check_occurrences (store, NULL, from, to, count_occurrence, &n, NULL, &error));
    printf ("resolve alone (resfri_policy_check_occurrences): %.2f s (%.2f s CPU), %u occurrences\n",
            (g_get_monotonic_time () - started) / (double) G_USEC_PER_SEC, cpu_seconds () - cpu, n);
    print_memory ("resolving");
  }

  started = g_get_monotonic_time ();
  allocation = resfri_allocation_compute (store, NULL, from, to, RESFRI_SCENARIO_PLANNED, NULL, &error);
  g_assert_no_error (error);
  t_allocate = (g_get_monotonic_time () - started) / (double) G_USEC_PER_SEC;
  print_memory ("allocate");
  printf ("  the allocation holds: %u demands × %zu B, %u occurrences × %zu B, %u members × 4 B\n",
          allocation->demands->len, sizeof (ResfriDemand), allocation->occurrences->len,
          sizeof (ResfriDemandOccurrence), allocation->members->len);

  started = g_get_monotonic_time ();
  gaps = resfri_gaps_compute (store, NULL, from, to, NULL, &error);
  g_assert_no_error (error);
  t_gaps = (g_get_monotonic_time () - started) / (double) G_USEC_PER_SEC;
  print_memory ("gaps (the allocation still held)");

  for (guint s = 0; s < 2; s++)
    for (guint i = 0; i < gaps->scenarios[s].shortfall->len; i++)
      to_order[s] += ((ResfriShortfall *) g_ptr_array_index (gaps->scenarios[s].shortfall, i))->to_order;

  printf ("allocate (planned): %.2f s, %u demands, %u served, %u occurrences, proven %s\n",
          t_allocate, allocation->demands->len, allocation->served,
          allocation->occurrences->len, allocation->proven ? "yes" : "no");
  printf ("gaps (both scenarios): %.2f s, %u + %u demands, %u + %u items to order, "
          "%u people_without rows\n",
          t_gaps, gaps->n_demands[0], gaps->n_demands[1], to_order[0], to_order[1],
          gaps->people_without->len);
  printf ("allocate + gaps separately: %.2f s\n", t_allocate + t_gaps);
  g_clear_pointer (&allocation, resfri_allocation_free);
  g_clear_pointer (&gaps, resfri_gaps_free);

  /* The machine may be shared: the best of three runs, each figure
   * beside the floor. */
  {
    double best[3] = { G_MAXDOUBLE, G_MAXDOUBLE, G_MAXDOUBLE };
    double best_cpu[3] = { G_MAXDOUBLE, G_MAXDOUBLE, G_MAXDOUBLE };

    for (guint run = 0; run < 3; run++)
      for (guint f = 0; f < 3; f++)
        {
          double cpu = cpu_seconds ();

          g_clear_pointer (&allocation, resfri_allocation_free);
          g_clear_pointer (&gaps, resfri_gaps_free);
          started = g_get_monotonic_time ();
          if (f == 0)
            gaps = resfri_gaps_compute (store, NULL, from, to, NULL, &error);
          else if (f == 1)
            allocation = resfri_allocation_compute (store, NULL, from, to,
                                                    RESFRI_SCENARIO_PLANNED, NULL, &error);
          else
            g_assert_true (resfri_allocation_plan (store, NULL, from, to, RESFRI_SCENARIO_PLANNED,
                                                   &allocation, &gaps, NULL, &error));
          g_assert_no_error (error);
          best[f] = MIN (best[f], (g_get_monotonic_time () - started) / (double) G_USEC_PER_SEC);
          best_cpu[f] = MIN (best_cpu[f], cpu_seconds () - cpu);
        }
    bench_print_ratio ("gaps, both scenarios and the order list (resfri_gaps_compute), best of 3",
                       best[0], scan_floor);
    printf ("  %.2f s CPU\n", best_cpu[0]);
    bench_print_ratio ("allocate, planned (resfri_allocation_compute), best of 3", best[1], scan_floor);
    printf ("  %.2f s CPU\n", best_cpu[1]);
    bench_print_ratio ("allocate + gaps in one pass (resfri_allocation_plan), best of 3", best[2],
                       scan_floor);
    printf ("  %.2f s CPU, %u demands\n", best_cpu[2], allocation->demands->len);
  }
  print_memory ("the runs");
  printf ("peak RSS: %.1f MB (%.1f MB before allocating)\n", peak_rss_mb (), rss_before);

cli_figures:
  if (cli != NULL && *cli != '\0')
    {
      g_autofree char *from_text = g_strdup_printf ("%d-01-01", options.year);
      g_autofree char *to_text = g_strdup_printf ("%d-01-01", options.year + 1);
      const char * const gaps_args[] = { "gaps", "--from", from_text, "--to", to_text,
                                         "--format", "json", NULL };
      const char * const allocate_args[] = { "allocate", "--from", from_text, "--to", to_text,
                                             "--format", "json", NULL };

      g_clear_object (&store);
      printf ("CLI: %s\n", cli);
      bench_print_ratio ("resfri-cli gaps --format json, best of 3", time_cli (cli, path, gaps_args),
                         scan_floor);
      bench_print_ratio ("resfri-cli allocate --format json, best of 3",
                         time_cli (cli, path, allocate_args), scan_floor);
    }

  g_clear_object (&store);
  if (dir != NULL)
    resfri_test_remove_tree (dir);

  return EXIT_SUCCESS;
}

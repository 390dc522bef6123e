/* bench-planning.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Times planning (spec/planning.md) on the demo municipality's year: the
 * candidates (the core of `opportunities`), the what-if at 0.85 within its
 * default time limit (`whatif --period YEAR --target-share 0.85`: the
 * pass and the solve, with optimality and gap), and the slider's answer
 * (resfri_whatif_solve() on the candidates already computed) at several
 * targets. With $RESFRI_CLI, `resfri-cli opportunities` and
 * `resfri-cli whatif --period YEAR --target-share 0.85` are timed too,
 * whole (the what-if's default time limit is the command's), with the
 * what-if's optimality and gap; each figure is printed beside the scan
 * floor of the year (bench-floor.h). Prints figures, asserts no time.
 * Usage: bench-planning [EMPLOYEES [opportunities]] (default 60000; with
 * "opportunities", nothing after them). The demo database is
 * made once in $RESFRI_BENCH_CACHE (demo-EMPLOYEES.db) and reused;
 * $RESFRI_BENCH_DB names an existing database to use instead.
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "bench-floor.h"
#include "resfri-core.h"

static double
seconds_since (gint64 started)
{
  return (g_get_monotonic_time () - started) / (double) G_USEC_PER_SEC;
}

/* The cached demo database of @employees, made when missing. */
static char *
demo_database (guint employees,
               int   year)
{
  const char *existing = g_getenv ("RESFRI_BENCH_DB");
  const char *cache = g_getenv ("RESFRI_BENCH_CACHE");
  g_autoptr(GError) error = NULL;
  g_autoptr(ResfriStore) store = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;
  g_autofree char *building = NULL;
  ResfriDemoOptions options;
  gint64 started;

  if (existing != NULL && *existing != '\0')
    return g_strdup (existing);

  dir = g_strdup (cache != NULL && *cache != '\0' ? cache : g_get_tmp_dir ());
  g_mkdir_with_parents (dir, 0700);
  name = g_strdup_printf ("demo-%u-%d.db", employees, year);
  path = g_build_filename (dir, name, NULL);
  if (g_file_test (path, G_FILE_TEST_EXISTS))
    return g_steal_pointer (&path);

  /* Made under another name, then renamed: an interrupted run leaves no
   * half-made cache. */
  building = g_strconcat (path, ".building", NULL);
  g_unlink (building);
  resfri_demo_options_init (&options);
  options.employees = employees;
  store = resfri_store_open (building, &error);
  g_assert_no_error (error);
  started = g_get_monotonic_time ();
  if (!resfri_demo_generate (store, &options, NULL, NULL, NULL, NULL, &error))
    {
      fprintf (stderr, "bench-planning: %s\n", error->message);
      exit (EXIT_FAILURE);
    }
  g_clear_object (&store);
  g_assert_cmpint (g_rename (building, path), ==, 0);
  printf ("demo: %u employees made in %.1f s, cached as %s\n", employees, seconds_since (started),
          path);

  return g_steal_pointer (&path);
}

/* `resfri-cli opportunities --period YEAR` into /dev/null, when
 * $RESFRI_CLI names the program. */
static void
time_cli_opportunities (const char *path,
                        const char *year,
                        double      floor_seconds)
{
  const char *cli = g_getenv ("RESFRI_CLI");
  g_autofree char *command = NULL;
  g_autofree char *figure = NULL;
  gint64 started;
  int status;

  if (cli == NULL || *cli == '\0')
    return;
  command = g_strdup_printf ("'%s' --db '%s' opportunities --period %s > /dev/null", cli, path,
                             year);
  started = g_get_monotonic_time ();
  status = system (command);
  figure = g_strdup_printf ("resfri-cli opportunities --period %s (exit %d)", year,
                            WIFEXITED (status) ? WEXITSTATUS (status) : -1);
  bench_print_ratio (figure, seconds_since (started), floor_seconds);
}

int
main (int   argc,
      char *argv[])
{
  static const double targets[] = { 0.7, 0.75, 0.8, 0.85, 0.9, 0.95, 1.0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(ResfriStore) store = NULL;
  g_autoptr(ResfriPeriod) period = NULL;
  g_autoptr(ResfriCandidates) candidates = NULL;
  g_autoptr(ResfriWhatif) whatif = NULL;
  g_autofree char *path = NULL;
  g_autofree char *year = NULL;
  ResfriDemoOptions options;
  guint employees;
  gint64 started;
  double seconds;
  double slowest = 0;
  double share = 0;

  resfri_demo_options_init (&options);
  employees = argc > 1 ? (guint) g_ascii_strtoull (argv[1], NULL, 10) : 60000;
  path = demo_database (employees, options.year);
  store = resfri_store_open (path, &error);
  g_assert_no_error (error);
  year = g_strdup_printf ("%d", options.year);
  period = resfri_period_parse (year, &error);
  g_assert_no_error (error);

  /* `opportunities` (issue 13: within 2 s on the 60,000-employee demo),
   * beside the scan floor of the year measured now. */
  {
    double floor_seconds = bench_scan_floor (path, options.year);
    g_autofree char *figure = NULL;

    started = g_get_monotonic_time ();
    candidates = resfri_candidates_compute (store, NULL, period, NULL, NULL, &error);
    g_assert_no_error (error);
    seconds = seconds_since (started);
    resfri_candidates_get_share (candidates, &share);
    printf ("opportunities (%u employees, %s): %u candidates over %u counted occurrences, "
            "share %.4f\n", employees, year, candidates->candidates->len, candidates->counted,
            share);
    figure = g_strdup_printf ("opportunities --period %s", year);
    bench_print_ratio (figure, seconds, floor_seconds);
    time_cli_opportunities (path, year, floor_seconds);
    if (argc > 2 && g_strcmp0 (argv[2], "opportunities") == 0)
      return EXIT_SUCCESS;
  }

  started = g_get_monotonic_time ();
  whatif = resfri_whatif_compute (store, NULL, period, NULL, 0.85, 0, NULL, &error);
  g_assert_no_error (error);
  printf ("whatif --target-share 0.85 (default limit %.0f s): %.2f s; optimal %s, gap %.4f, "
          "bound %.0f, cost %.0f SEK, %u conversions, share %.4f -> %.4f, payback %.1f months\n",
          RESFRI_WHATIF_DEFAULT_TIME_LIMIT, seconds_since (started),
          whatif->optimal ? "true" : "false", whatif->gap, whatif->bound, whatif->total_cost,
          whatif->conversions->len, whatif->share_before, whatif->share_after,
          whatif->payback_months);

  /* The CLI's what-if: the time limit counts from the command's start. */
  if (g_getenv ("RESFRI_CLI") != NULL)
    {
      const char *args[] = {
        g_getenv ("RESFRI_CLI"), "--db", path, "whatif", "--period", year, "--target-share",
        "0.85", "--format", "json", NULL
      };
      double whatif_floor = bench_scan_floor (path, options.year);
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autofree char *output = NULL;
      g_autofree char *figure = NULL;
      char gap[32] = "null";
      JsonObject *answer;
      int status = 0;

      started = g_get_monotonic_time ();
      g_assert_true (g_spawn_sync (NULL, (char **) args, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                                   &output, NULL, &status, &error));
      g_assert_no_error (error);
      seconds = seconds_since (started);
      g_assert_true (g_spawn_check_wait_status (status, NULL));
      g_assert_true (json_parser_load_from_data (parser, output, -1, &error));
      g_assert_no_error (error);
      answer = json_node_get_object (json_parser_get_root (parser));
      if (!json_object_get_null_member (answer, "gap"))
        g_snprintf (gap, sizeof gap, "%.4f", json_object_get_double_member (answer, "gap"));
      printf ("resfri-cli whatif --period %s --target-share 0.85: optimal %s, gap %s, "
              "%u conversions\n", year,
              json_object_get_boolean_member (answer, "optimal") ? "true" : "false", gap,
              json_array_get_length (json_object_get_array_member (answer, "conversions")));
      figure = g_strdup_printf ("resfri-cli whatif --period %s --target-share 0.85 (default "
                                "limit %.0f s), wall", year, RESFRI_WHATIF_DEFAULT_TIME_LIMIT);
      bench_print_ratio (figure, seconds, whatif_floor);
    }

  /* The slider: the candidates are there, each move solves. */
  for (guint i = 0; i < G_N_ELEMENTS (targets); i++)
    {
      g_autoptr(ResfriWhatif) moved = NULL;

      started = g_get_monotonic_time ();
      moved = resfri_whatif_solve (candidates, targets[i], 0, NULL, &error);
      g_assert_no_error (error);
      seconds = seconds_since (started);
      slowest = MAX (slowest, seconds);
      printf ("slider at %.2f: %.3f s; optimal %s, gap %.4f, cost %.0f SEK, %u conversions, "
              "share %.4f%s\n", targets[i], seconds, moved->optimal ? "true" : "false", moved->gap,
              moved->total_cost, moved->conversions->len, moved->share_after,
              moved->reachable ? "" : " (not reachable)");
    }
  printf ("slider: slowest answer %.3f s\n", slowest);

  return EXIT_SUCCESS;
}

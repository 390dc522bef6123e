/* bench-floor.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The scan floor: the summary, location, organiser and link of every
 * meeting, every attendee's address and answer, and the count and length
 * of the year's occurrences, each read once by sqlite on its own
 * read-only connection. The best of three passes, so the page cache is
 * as warm for the floor as for the figures beside it.
 */

#include "config.h"

#include <stdio.h>

#include <sqlite3.h>

#include "bench-floor.h"

static void
step_all (sqlite3    *db,
          const char *sql,
          int         year)
{
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_bind_parameter_count (stmt) == 2)
    {
      g_autofree char *from = g_strdup_printf ("%04d-01-01", year);
      g_autofree char *to = g_strdup_printf ("%04d-01-01", year + 1);

      sqlite3_bind_text (stmt, 1, from, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, to, -1, SQLITE_TRANSIENT);
    }
  while (sqlite3_step (stmt) == SQLITE_ROW)
    ;
  sqlite3_finalize (stmt);
}

double
bench_scan_floor (const char *db_path,
                  int         year)
{
  double best = G_MAXDOUBLE;

  for (guint pass = 0; pass < 3; pass++)
    {
      sqlite3 *db = NULL;
      gint64 started;
      double seconds;

      g_assert_cmpint (sqlite3_open_v2 (db_path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
      started = g_get_monotonic_time ();
      step_all (db,
                "SELECT sum (length (summary) + length (coalesce (location, ''))"
                " + length (coalesce (organizer, '')) + length (coalesce (online_url, '')))"
                " FROM meetings", year);
      step_all (db, "SELECT sum (length (email) + length (coalesce (partstat, ''))) FROM attendees",
                year);
      step_all (db,
                "SELECT count (*), sum (end - start) FROM occurrences"
                " WHERE start >= strftime ('%s', ?1) AND start < strftime ('%s', ?2)", year);
      seconds = (g_get_monotonic_time () - started) / (double) G_USEC_PER_SEC;
      sqlite3_close (db);
      best = MIN (best, seconds);
    }

  return best;
}

/* "FIGURE: 3.21 s, 2.47× the scan floor (1.30 s)" */
void
bench_print_ratio (const char *figure,
                   double      seconds,
                   double      floor_seconds)
{
  printf ("%s: %.2f s, %.2f× the scan floor (%.2f s)\n", figure, seconds,
          floor_seconds > 0 ? seconds / floor_seconds : 0.0, floor_seconds);
  fflush (stdout);
}

/* bench-import.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * How fast a large calendar file imports, against libical's bare parse of
 * the same text. Generates (deterministically) an .ics of N VEVENTs in
 * Europe/Stockholm: two in three are weekly series of ten with an override
 * now and then, each has an organiser and six attendees, half a Teams link.
 * Then times, in the same run:
 *
 *   (a) icalparser_parse_string() of the whole text, then freeing the tree;
 *   (b) resfri_store_import_ical() of it into a fresh database;
 *
 * and prints both and their ratio, and where the import's time went
 * (parsing the VEVENTs, storing them, building the indexes a bulk import
 * set aside, following bookings and committing).
 *
 *   bench-import [N]      (default 100000 VEVENTs)
 *
 * With BENCH_NO_STREAM set, the import takes the whole-document path (the
 * one before streaming), for comparison; BENCH_THREADS=1 parses the VEVENTs
 * on a thread of their own, =0 on the importing thread (unset: on their
 * own when the load average leaves a core idle). With BENCH_WRITE_ICS=PATH it only
 * writes the generated file there.
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <glib/gstdio.h>

#include "resfri-core.h"
#include "resfri-store-private.h"
#include "resfri-test-util.h"

static const char vtimezone[] =
  "BEGIN:VTIMEZONE\r\n"
  "TZID:Europe/Stockholm\r\n"
  "BEGIN:DAYLIGHT\r\n"
  "TZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\nTZNAME:CEST\r\n"
  "DTSTART:19700329T020000\r\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\n"
  "END:DAYLIGHT\r\n"
  "BEGIN:STANDARD\r\n"
  "TZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\nTZNAME:CET\r\n"
  "DTSTART:19701025T030000\r\nRRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\n"
  "END:STANDARD\r\n"
  "END:VTIMEZONE\r\n";

static const char * const summaries[] = {
  "Avdelningsmöte", "Planering förskola", "Arbetslagsmöte", "Styrgrupp digitalisering",
  "Nämndberedning", "Avstämning hemtjänst", "Workshop: elevhälsa", "Budgetuppföljning",
};

/* CPU seconds of this process: the machine is shared, wall time is noisy. */
static double
cpu_now (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

static char *
generate (guint n)
{
  GString *ics = g_string_sized_new ((gsize) n * 900);
  GRand *rand = g_rand_new_with_seed (20260302);

  g_string_append (ics, "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Resfri//bench-import//SV\r\n"
                        "METHOD:PUBLISH\r\n");
  g_string_append (ics, vtimezone);

  for (guint i = 0; i < n; i++)
    {
      guint day = g_rand_int_range (rand, 0, 330);
      guint hour = g_rand_int_range (rand, 8, 16);
      guint minute = g_rand_int_range (rand, 0, 4) * 15;
      GDate date;
      gboolean series = i % 3 != 0;
      gboolean override = series && i % 10 == 1;
      char start[32];

      g_date_clear (&date, 1);
      g_date_set_dmy (&date, 5, G_DATE_JANUARY, 2026);
      g_date_add_days (&date, day);
      g_snprintf (start, sizeof start, "%04d%02d%02dT%02d%02d00",
                  g_date_get_year (&date), g_date_get_month (&date), g_date_get_day (&date), hour, minute);

      for (guint copy = 0; copy < (override ? 2u : 1u); copy++)
        {
          g_string_append (ics, "BEGIN:VEVENT\r\n");
          g_string_append_printf (ics, "UID:bench-%06u@resfri.example\r\n", i);
          g_string_append (ics, "DTSTAMP:20251201T080000Z\r\n");
          if (copy == 1)
            {
              /* The second instance, moved an hour later. */
              GDate next = date;

              g_date_add_days (&next, 7);
              g_string_append_printf (ics, "RECURRENCE-ID;TZID=Europe/Stockholm:%04d%02d%02dT%02d%02d00\r\n",
                                      g_date_get_year (&next), g_date_get_month (&next),
                                      g_date_get_day (&next), hour, minute);
              g_string_append_printf (ics, "DTSTART;TZID=Europe/Stockholm:%04d%02d%02dT%02d%02d00\r\n",
                                      g_date_get_year (&next), g_date_get_month (&next),
                                      g_date_get_day (&next), hour + 1, minute);
            }
          else
            g_string_append_printf (ics, "DTSTART;TZID=Europe/Stockholm:%s\r\n", start);
          g_string_append_printf (ics, "DURATION:PT%uM\r\n", 30 + 15 * (i % 5));
          if (series && copy == 0)
            g_string_append (ics, "RRULE:FREQ=WEEKLY;COUNT=10\r\n");
          g_string_append_printf (ics, "SUMMARY:%s %u\r\n", summaries[i % G_N_ELEMENTS (summaries)], i);
          g_string_append_printf (ics, "LOCATION:Stadshuset\\, rum %u\r\n", i % 40);
          g_string_append (ics, "DESCRIPTION:Dagordning:\\n1. Läget i verksamheten\\n2. Övrigt\r\n");
          g_string_append_printf (ics, "ORGANIZER;CN=Organisatör %u:mailto:org%u@vanersborg.example\r\n",
                                  i % 500, i % 500);
          for (guint a = 0; a < 6; a++)
            {
              guint who = g_rand_int_range (rand, 0, 6000);

              g_string_append_printf (ics, "ATTENDEE;CN=Person %u;ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;"
                                           "RSVP=TRUE:mailto:person%u@vanersborg.example\r\n", who, who);
            }
          if (i % 2 == 0)
            g_string_append_printf (ics, "X-MICROSOFT-SKYPETEAMSMEETINGURL:https://teams.microsoft.com/"
                                         "l/meetup-join/19%%3ameeting_%u%%40thread.v2/0\r\n", i);
          g_string_append (ics, "SEQUENCE:0\r\nSTATUS:CONFIRMED\r\nEND:VEVENT\r\n");
        }
    }

  g_string_append (ics, "END:VCALENDAR\r\n");
  g_rand_free (rand);

  return g_string_free (ics, FALSE);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ResfriStore) store = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *ics = NULL;
  ResfriMeetingStats stats = { 0 };
  ResfriImportTiming timing = { 0 };
  guint n = argc > 1 ? (guint) atoi (argv[1]) : 100000;
  gint64 t0, t1;
  double c0, parse_s, import_s, parse_cpu, import_cpu;

  resfri_ical_get_home_zone ();
  if (g_getenv ("BENCH_NO_STREAM") != NULL)
    _resfri_importer_set_streaming (FALSE);
  if (g_getenv ("BENCH_THREADS") != NULL)
    _resfri_importer_set_threads (atoi (g_getenv ("BENCH_THREADS")) != 0);

  t0 = g_get_monotonic_time ();
  ics = generate (n);
  t1 = g_get_monotonic_time ();
  g_print ("generated %u VEVENTs (%.1f MB) in %.2f s\n", n, strlen (ics) / 1e6, (t1 - t0) / 1e6);
  /* The file alone, to import it with resfri-cli and compare what is stored. */
  if (g_getenv ("BENCH_WRITE_ICS") != NULL)
    {
      if (!g_file_set_contents (g_getenv ("BENCH_WRITE_ICS"), ics, -1, &error))
        g_error ("%s", error->message);
      return 0;
    }

  /* (a) libical alone. */
  c0 = cpu_now ();
  t0 = g_get_monotonic_time ();
  {
    icalcomponent *cal = icalparser_parse_string (ics);

    g_assert_nonnull (cal);
    icalcomponent_free (cal);
  }
  t1 = g_get_monotonic_time ();
  parse_cpu = cpu_now () - c0;
  parse_s = (t1 - t0) / 1e6;
  g_print ("libical parse:  %.2f s (CPU %.2f s)\n", parse_s, parse_cpu);

  /* (a') the streaming reader alone: each VEVENT parsed in place, as the
   * import does, then freed. */
  c0 = cpu_now ();
  t0 = g_get_monotonic_time ();
  {
    const char *p = ics;
    guint line = 1;
    guint parts = 0;

    while ((p = strstr (p, "BEGIN:VEVENT\r\n")) != NULL)
      {
        const char *end = strstr (p, "END:VEVENT\r\n") + strlen ("END:VEVENT\r\n");
        g_autoptr(ResfriIcalDocument) doc = NULL;

        /* Not the file's line numbers: enough for timing. */
        doc = resfri_ical_document_parse_part (p, end - p, "bench.ics", line, &error);
        g_assert_no_error (error);
        parts++;
        p = end;
      }
    g_assert_cmpuint (parts, >=, n);
  }
  t1 = g_get_monotonic_time ();
  g_print ("per-VEVENT parse (the import's reader): %.2f s (CPU %.2f s)\n",
           (t1 - t0) / 1e6, cpu_now () - c0);

  /* (b) our import, into a fresh database. */
  dir = g_dir_make_tmp ("resfri-bench-import-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "bench.db", NULL);
  store = resfri_store_open (path, &error);
  g_assert_no_error (error);

  if (g_getenv ("BENCH_PRAGMA") != NULL)
    g_assert_true (_resfri_store_exec (store, g_getenv ("BENCH_PRAGMA"), NULL));
  _resfri_importer_set_timing (TRUE);
  c0 = cpu_now ();
  t0 = g_get_monotonic_time ();
  if (!resfri_store_import_ical (store, ics, -1, "bench.ics", &stats, &error))
    g_error ("%s", error->message);
  t1 = g_get_monotonic_time ();
  import_cpu = cpu_now () - c0;
  import_s = (t1 - t0) / 1e6;
  g_print ("resfri import:  %.2f s (CPU %.2f s; %" G_GINT64_FORMAT " meetings, %" G_GINT64_FORMAT
           " occurrences)\n", import_s, import_cpu, stats.meetings, stats.occurrences);
  _resfri_importer_get_timing (&timing);
  g_print ("  phases (CPU s): parse %.2f (%s), store %.2f, indexes %.2f,"
           " bookings and commit %.2f, the rest %.2f\n",
           timing.parse, timing.threaded ? "a thread of its own" : "the importing thread", timing.store, timing.indexes, timing.finish,
           import_cpu - timing.parse - timing.store - timing.indexes - timing.finish);
  g_print ("ratio import / parse: %.2f (CPU %.2f)\n", import_s / parse_s, import_cpu / parse_cpu);

  g_clear_object (&store);
  resfri_test_remove_tree (dir);

  return 0;
}

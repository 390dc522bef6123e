/* bench-meetings.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * How fast resfri_store_put_vevent() stores demo-like meetings: series of
 * 15 weekly occurrences with six attendees, in one transaction.
 *
 *   bench-meetings [N]      (default 20000 VEVENTs)
 */

#include "config.h"

#include <glib/gstdio.h>

#include "resfri-core.h"
#include "resfri-store-private.h"

static icalcomponent *
make_vevent (guint i)
{
  icalcomponent *vevent = icalcomponent_new (ICAL_VEVENT_COMPONENT);
  icaltimezone *zone = icaltimezone_get_builtin_timezone ("Europe/Stockholm");
  struct icaltimetype start = icaltime_from_string ("20260112T090000");
  g_autofree char *uid = g_strdup_printf ("bench-%u@resfri", i);
  icalproperty *prop;
  struct icalrecurrencetype recur;

  icaltime_adjust (&start, i % 300, i % 8, 0, 0);
  start = icaltime_set_timezone (&start, zone);

  icalcomponent_set_uid (vevent, uid);
  icalcomponent_set_summary (vevent, "Avdelningsmöte");
  icalcomponent_set_location (vevent, "Stadshuset, rum 3");
  prop = icalproperty_new_dtstart (start);
  icalproperty_add_parameter (prop, icalparameter_new_tzid ("Europe/Stockholm"));
  icalcomponent_add_property (vevent, prop);
  icalcomponent_add_property (vevent, icalproperty_new_duration (icaldurationtype_from_int (3600)));

  if (i % 3 != 0)
    {
      icalrecurrencetype_clear (&recur);
      recur.freq = ICAL_WEEKLY_RECURRENCE;
      recur.count = 22;
      icalcomponent_add_property (vevent, icalproperty_new_rrule (recur));
    }

  icalcomponent_add_property (vevent, icalproperty_new_organizer ("mailto:org@example.se"));
  for (guint a = 0; a < 6; a++)
    {
      g_autofree char *mail = g_strdup_printf ("mailto:person%u@example.se", (i * 7 + a) % 60000);

      prop = icalproperty_new_attendee (mail);
      icalproperty_add_parameter (prop, icalparameter_new_partstat (ICAL_PARTSTAT_ACCEPTED));
      icalcomponent_add_property (vevent, prop);
    }
  if (i % 2 == 0)
    {
      prop = icalproperty_new_x ("https://teams.microsoft.com/l/meetup-join/x");
      icalproperty_set_x_name (prop, "X-MICROSOFT-SKYPETEAMSMEETINGURL");
      icalcomponent_add_property (vevent, prop);
    }

  return vevent;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ResfriStore) store = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *wal = NULL;
  g_autofree char *shm = NULL;
  g_autoptr(GPtrArray) vevents = g_ptr_array_new_with_free_func ((GDestroyNotify) icalcomponent_free);
  ResfriMeetingStats stats = { 0 };
  guint n = argc > 1 ? (guint) atoi (argv[1]) : 20000;
  gint64 t0, t1, t2;

  dir = g_dir_make_tmp ("resfri-bench-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "bench.db", NULL);
  store = resfri_store_open (path, &error);
  g_assert_no_error (error);

  if (g_getenv ("BENCH_CACHE") != NULL)
    g_assert_true (_resfri_store_exec (store, g_getenv ("BENCH_CACHE"), NULL));
  resfri_ical_get_home_zone ();
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (vevents, make_vevent (i));

  /* The engine alone, for comparison. */
  t0 = g_get_monotonic_time ();
  {
    g_autoptr(GArray) occurrences = g_array_new (FALSE, FALSE, sizeof (ResfriOccurrence));
    gint64 now = g_get_real_time () / G_USEC_PER_SEC;

    for (guint i = 0; i < n; i++)
      {
        icalcomponent *vevent = g_ptr_array_index (vevents, i);

        g_array_set_size (occurrences, 0);
        if (!resfri_expand_vevent (vevent, resfri_expand_get_horizon (vevent, now),
                                   RESFRI_EXPAND_NONE, occurrences, &error))
          g_error ("%s", error->message);
      }
  }
  t1 = g_get_monotonic_time ();
  g_print ("expansion alone: %.1f µs per VEVENT\n", (double) (t1 - t0) / n);

  t0 = g_get_monotonic_time ();
  g_assert_true (_resfri_store_begin (store, &error));
  for (guint i = 0; i < n; i++)
    if (!resfri_store_put_vevent (store, g_ptr_array_index (vevents, i), "bench", &stats, &error))
      g_error ("%s", error->message);
  t1 = g_get_monotonic_time ();
  g_assert_true (_resfri_store_commit (store, &error));
  t2 = g_get_monotonic_time ();

  g_print ("%u VEVENTs, %" G_GINT64_FORMAT " occurrences: %.1f µs per VEVENT, "
           "%.2f µs per occurrence, commit %.0f ms, total %.2f s\n",
           n, stats.occurrences, (double) (t1 - t0) / n,
           (double) (t1 - t0) / MAX (stats.occurrences, 1),
           (t2 - t1) / 1000.0, (t2 - t0) / 1e6);

  g_clear_object (&store);
  wal = g_strconcat (path, "-wal", NULL);
  shm = g_strconcat (path, "-shm", NULL);
  g_remove (path);
  g_remove (wal);
  g_remove (shm);
  g_rmdir (dir);

  return 0;
}

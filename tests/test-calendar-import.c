/* test-calendar-import.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "resfri-importer.h"
#include "resfri-store-private.h"
#include "resfri-test-util.h"

#define GOOD_ICS \
  "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n" \
  "BEGIN:VEVENT\r\nUID:weekly@test\r\nDTSTART;TZID=Europe/Stockholm:20260302T090000\r\n" \
  "DTEND;TZID=Europe/Stockholm:20260302T100000\r\nRRULE:FREQ=WEEKLY;COUNT=5\r\n" \
  "SUMMARY:Ledningsgrupp\r\nEND:VEVENT\r\n" \
  "BEGIN:VEVENT\r\nUID:single@test\r\nDTSTART:20260310T120000Z\r\n" \
  "DTEND:20260310T130000Z\r\nSUMMARY:Avstämning\r\nEND:VEVENT\r\n" \
  "END:VCALENDAR\r\n"

/* The second event has no end of its VEVENT: the file is broken at the end. */
#define BAD_ICS \
  "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n" \
  "BEGIN:VEVENT\r\nUID:ok@test\r\nDTSTART:20260310T120000Z\r\nEND:VEVENT\r\n" \
  "BEGIN:VEVENT\r\nUID:broken@test\r\nDTSTART:2026031\r\nEND:VEVENT\r\n" \
  "END:VCALENDAR\r\n"

typedef struct
{
  char        *dir;
  ResfriStore *store;
  GMainLoop   *loop;
  GAsyncResult *result;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  fixture->dir = g_dir_make_tmp ("resfri-calendar-import-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->dir, "resfri.db", NULL);
  fixture->store = resfri_store_open (path, &error);
  g_assert_no_error (error);
  fixture->loop = g_main_loop_new (NULL, FALSE);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_clear_object (&fixture->result);
  g_clear_pointer (&fixture->loop, g_main_loop_unref);
  g_clear_object (&fixture->store);
  resfri_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

static GFile *
write_file (Fixture    *fixture,
            const char *name,
            const char *contents)
{
  g_autofree char *path = g_build_filename (fixture->dir, name, NULL);

  g_assert_true (g_file_set_contents (path, contents, -1, NULL));
  return g_file_new_for_path (path);
}

static void
import_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  Fixture *fixture = user_data;

  fixture->result = g_object_ref (result);
  g_main_loop_quit (fixture->loop);
}

static gboolean
import_async (Fixture             *fixture,
              GFile               *file,
              ResfriMeetingStats  *stats,
              GError             **error)
{
  g_clear_object (&fixture->result);
  resfri_store_import_ical_file_async (fixture->store, file, NULL, import_done_cb, fixture);
  g_main_loop_run (fixture->loop);

  return resfri_store_import_ical_file_finish (fixture->store, fixture->result, stats, error);
}

static void
test_import_file_async (Fixture       *fixture,
                        gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = write_file (fixture, "Ledning 2026.ics", GOOD_ICS);
  ResfriMeetingStats stats = { 0 };

  g_test_summary ("An .ics file imports on a worker thread; the store sees it at once");

  g_assert_true (import_async (fixture, file, &stats, &error));
  g_assert_no_error (error);
  g_assert_cmpint (stats.meetings, ==, 2);
  g_assert_cmpint (stats.occurrences, ==, 6);
  g_assert_cmpint (_resfri_store_query_int (fixture->store, "SELECT count(*) FROM occurrences", NULL),
                   ==, 6);
  g_assert_cmpint (_resfri_store_query_int (fixture->store,
                                            "SELECT count(*) FROM meetings WHERE source = 'Ledning 2026.ics'",
                                            NULL), ==, 2);
}

static void
test_import_file_malformed (Fixture       *fixture,
                            gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) good = write_file (fixture, "good.ics", GOOD_ICS);
  g_autoptr(GFile) bad = write_file (fixture, "bad file.ics", BAD_ICS);

  g_test_summary ("A malformed file is refused with NAME:LINE and leaves the database as it was");

  g_assert_true (import_async (fixture, good, NULL, &error));
  g_assert_no_error (error);

  g_assert_false (import_async (fixture, bad, NULL, &error));
  g_assert_error (error, RESFRI_ERROR, RESFRI_ERROR_INVALID_ICAL);
  g_assert_true (g_str_has_prefix (error->message, "bad file.ics:"));
  g_assert_cmpint (_resfri_store_query_int (fixture->store, "SELECT count(*) FROM meetings", NULL), ==, 2);
  g_assert_cmpint (_resfri_store_query_int (fixture->store,
                                            "SELECT count(*) FROM meetings WHERE uid = 'ok@test'", NULL),
                   ==, 0);
}

static void
test_import_file_missing (Fixture       *fixture,
                          gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "gone.ics", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  g_assert_false (resfri_store_import_ical_file (fixture->store, file, NULL, NULL, &error));
  g_assert_error (error, RESFRI_ERROR, RESFRI_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error->message, "gone.ics"));
}

static void
put_at (ResfriStore *store,
        const char  *ics,
        gint64       now)
{
  g_autoptr(GError) error = NULL;
  icalcomponent *calendar = icalparser_parse_string (ics);

  g_assert_nonnull (calendar);
  g_assert_true (_resfri_store_begin (store, &error));
  for (icalcomponent *c = icalcomponent_get_first_component (calendar, ICAL_VEVENT_COMPONENT);
       c != NULL; c = icalcomponent_get_next_component (calendar, ICAL_VEVENT_COMPONENT))
    {
      g_assert_true (resfri_store_put_vevent_at (store, c, "test", now, NULL, &error));
      g_assert_no_error (error);
    }
  g_assert_true (_resfri_store_commit (store, &error));
  icalcomponent_free (calendar);
}

static gint64
count_of (ResfriStore *store,
          const char  *uid)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM occurrences WHERE uid = '%s'", uid);

  return _resfri_store_query_int (store, sql, NULL);
}

static void
test_extend_horizon (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  /* 2026-01-05 08:00 UTC, a Monday. */
  const gint64 t0 = 1767600000;
  const gint64 day = 24 * 3600;
  gint64 open_before, finite_before, open_after;
  guint n = 99;

  g_test_summary ("The horizon of open-ended series moves with time: a year later the "
                  "weekly series reaches a year further; finite series and overrides stay");

  put_at (fixture->store,
          "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n"
          "BEGIN:VEVENT\r\nUID:open@test\r\nDTSTART;TZID=Europe/Stockholm:20260105T090000\r\n"
          "DTEND;TZID=Europe/Stockholm:20260105T100000\r\nRRULE:FREQ=WEEKLY\r\nEND:VEVENT\r\n"
          "BEGIN:VEVENT\r\nUID:open@test\r\nRECURRENCE-ID;TZID=Europe/Stockholm:20260112T090000\r\n"
          "DTSTART;TZID=Europe/Stockholm:20260112T130000\r\n"
          "DTEND;TZID=Europe/Stockholm:20260112T140000\r\nEND:VEVENT\r\n"
          "BEGIN:VEVENT\r\nUID:finite@test\r\nDTSTART;TZID=Europe/Stockholm:20260105T110000\r\n"
          "DTEND;TZID=Europe/Stockholm:20260105T120000\r\nRRULE:FREQ=WEEKLY;COUNT=10\r\nEND:VEVENT\r\n"
          "END:VCALENDAR\r\n", t0);

  open_before = count_of (fixture->store, "open@test");
  finite_before = count_of (fixture->store, "finite@test");
  g_assert_cmpint (finite_before, ==, 10);
  /* 24 months of Mondays, the overridden one included once. */
  g_assert_cmpint (open_before, >=, 104);
  g_assert_cmpint (open_before, <=, 106);

  /* Within a month nothing is due. */
  g_assert_true (resfri_store_extend_horizon (fixture->store, t0 + 10 * day, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 0);
  g_assert_cmpint (count_of (fixture->store, "open@test"), ==, open_before);

  /* A year later: 52 more Mondays, the override still once, at 13:00. */
  g_assert_true (resfri_store_extend_horizon (fixture->store, t0 + 364 * day, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 1);
  open_after = count_of (fixture->store, "open@test");
  g_assert_cmpint (open_after, ==, open_before + 52);
  g_assert_cmpint (count_of (fixture->store, "finite@test"), ==, 10);
  g_assert_cmpint (_resfri_store_query_int (fixture->store,
                                            "SELECT count(*) FROM occurrences WHERE uid = 'open@test'"
                                            " AND recurrence_id = '20260112T080000Z'", NULL), ==, 1);
  g_assert_cmpint (_resfri_store_query_int (fixture->store,
                                            "SELECT start FROM occurrences WHERE uid = 'open@test'"
                                            " AND recurrence_id = '20260112T080000Z'", NULL),
                   ==, 1768219200);

  /* And again at once: nothing more. */
  g_assert_true (resfri_store_extend_horizon (fixture->store, t0 + 365 * day, &n, &error));
  g_assert_cmpuint (n, ==, 0);
  g_assert_cmpint (count_of (fixture->store, "open@test"), ==, open_after);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/calendar-import/file-async", Fixture, NULL,
              fixture_set_up, test_import_file_async, fixture_tear_down);
  g_test_add ("/calendar-import/file-malformed", Fixture, NULL,
              fixture_set_up, test_import_file_malformed, fixture_tear_down);
  g_test_add ("/calendar-import/file-missing", Fixture, NULL,
              fixture_set_up, test_import_file_missing, fixture_tear_down);

  g_test_add ("/calendar-import/extend-horizon", Fixture, NULL,
              fixture_set_up, test_extend_horizon, fixture_tear_down);

  return g_test_run ();
}

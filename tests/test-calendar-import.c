/* test-calendar-import.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "resfri-calendar-import.h"
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

  return g_test_run ();
}

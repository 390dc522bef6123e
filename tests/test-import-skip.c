/* test-import-skip.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Importing a file with bad events (resfri_store_import_ical_full() with
 * RESFRI_IMPORT_SKIP_INVALID and its GFile _async/_finish pair; the CLI's
 * --skip-invalid is tests/cli/test-import.c): the good events land, each bad one
 * is listed with its line, and without the flag the file is refused whole;
 * a dry run says what an import would do and stores nothing; and a VEVENT without a UID, which gets one derived from its content.
 */

#include "config.h"

#include <string.h>

#include "resfri-core.h"
#include "resfri-store-private.h"
#include "resfri-test-fixture.h"
#include "resfri-test-util.h"

#include "calendars-fixture.h"

typedef struct
{
  ResfriTestFixture  base;
  GAsyncResult      *result;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  resfri_test_fixture_set_up (&fixture->base, NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  _resfri_importer_set_streaming (TRUE);
  g_clear_object (&fixture->result);
  resfri_test_fixture_tear_down (&fixture->base);
}

static gint64
count (Fixture    *fixture,
       const char *sql)
{
  return _resfri_store_query_int (fixture->base.store, sql, NULL);
}

static void
assert_skips (GPtrArray *skipped)
{
  const ResfriImportSkip *skip;

  g_assert_cmpuint (skipped->len, ==, 3);
  skip = g_ptr_array_index (skipped, 0);
  g_assert_cmpuint (skip->line, ==, 12);
  g_assert_nonnull (strstr (skip->message, "DTSTART"));
  skip = g_ptr_array_index (skipped, 1);
  g_assert_cmpuint (skip->line, ==, 14);
  g_assert_nonnull (strstr (skip->message, "DTSTART"));
  skip = g_ptr_array_index (skipped, 2);
  g_assert_cmpuint (skip->line, ==, 21);
  g_assert_nonnull (strstr (skip->message, "this is no property"));
}

static void
test_skip_core (Fixture       *fixture,
                gconstpointer  user_data)
{
  gboolean streaming = GPOINTER_TO_INT (user_data);
  g_autoptr(GPtrArray) skipped = g_ptr_array_new_with_free_func ((GDestroyNotify) resfri_import_skip_free);
  g_autoptr(GError) error = NULL;
  ResfriMeetingStats stats = { 0 };

  g_test_summary ("With SKIP_INVALID the good events land and each bad one is listed with its line");
  _resfri_importer_set_streaming (streaming);

  /* Without the flag: refused whole, at the first bad line. */
  g_assert_false (resfri_store_import_ical_full (fixture->base.store, MIXED_ICS, -1, "mixed.ics",
                                                 RESFRI_IMPORT_NONE, &stats, skipped, &error));
  g_assert_error (error, RESFRI_ERROR, RESFRI_ERROR_INVALID_ICAL);
  g_assert_true (g_str_has_prefix (error->message, "mixed.ics:12: "));
  g_assert_cmpuint (skipped->len, ==, 0);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM meetings"), ==, 0);
  g_clear_error (&error);

  g_assert_true (resfri_store_import_ical_full (fixture->base.store, MIXED_ICS, -1, "mixed.ics",
                                                RESFRI_IMPORT_SKIP_INVALID, &stats, skipped, &error));
  g_assert_no_error (error);
  g_assert_cmpint (stats.meetings, ==, 2);
  g_assert_cmpint (stats.occurrences, ==, 4);
  assert_skips (skipped);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM meetings"), ==, 2);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM occurrences"), ==, 4);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM meetings WHERE uid LIKE 'bad%' OR uid = 'no-start@test'"),
                   ==, 0);

  /* A fault outside the events still refuses the file, and @skipped stays. */
  g_assert_false (resfri_store_import_ical_full (fixture->base.store, BROKEN_ICS, -1, "broken.ics",
                                                 RESFRI_IMPORT_SKIP_INVALID, NULL, skipped, &error));
  g_assert_error (error, RESFRI_ERROR, RESFRI_ERROR_INVALID_ICAL);
  g_assert_cmpuint (skipped->len, ==, 3);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM meetings WHERE uid = 'y@test'"), ==, 0);
}

static void
test_skip_async (Fixture       *fixture,
                 gconstpointer  user_data)
{
  g_autofree char *path = g_build_filename (fixture->base.dir, "Blandat.ics", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GPtrArray) skipped = NULL;
  g_autoptr(GError) error = NULL;
  ResfriMeetingStats stats = { 0 };
  const ResfriImportSkip *skip;

  g_test_summary ("The GFile import offers the same choice on a worker thread");

  g_assert_true (g_file_set_contents (path, MIXED_ICS, -1, NULL));
  resfri_store_import_ical_file_full_async (fixture->base.store, file, RESFRI_IMPORT_SKIP_INVALID,
                                            NULL, resfri_test_ready, &fixture->result);
  resfri_test_wait (&fixture->result);
  g_assert_true (resfri_store_import_ical_file_full_finish (fixture->base.store, fixture->result,
                                                            &stats, &skipped, &error));
  g_assert_no_error (error);
  g_assert_cmpint (stats.meetings, ==, 2);
  assert_skips (skipped);
  skip = g_ptr_array_index (skipped, 0);
  g_assert_cmpuint (skip->line, ==, 12);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM meetings WHERE source = 'Blandat.ics'"), ==, 2);

  /* Without the flag the same file is refused, as it always was. */
  g_clear_object (&fixture->result);
  g_clear_pointer (&skipped, g_ptr_array_unref);
  resfri_store_import_ical_file_full_async (fixture->base.store, file, RESFRI_IMPORT_NONE,
                                            NULL, resfri_test_ready, &fixture->result);
  resfri_test_wait (&fixture->result);
  g_assert_false (resfri_store_import_ical_file_full_finish (fixture->base.store, fixture->result,
                                                             NULL, &skipped, &error));
  g_assert_error (error, RESFRI_ERROR, RESFRI_ERROR_INVALID_ICAL);
  g_assert_true (g_str_has_prefix (error->message, "Blandat.ics:12: "));
  g_assert_null (skipped);
}

static void
test_dry_run (Fixture       *fixture,
              gconstpointer  user_data)
{
  gboolean streaming = GPOINTER_TO_INT (user_data);
  g_autoptr(GPtrArray) skipped = g_ptr_array_new_with_free_func ((GDestroyNotify) resfri_import_skip_free);
  g_autoptr(GError) error = NULL;
  ResfriMeetingStats stats = { 0 };

  g_test_summary ("DRY_RUN says what an import would store and leave out (the app's question "
                  "about a file's bad events) and stores nothing");
  _resfri_importer_set_streaming (streaming);

  g_assert_true (resfri_store_import_ical_full (fixture->base.store, MIXED_ICS, -1, "mixed.ics",
                                                RESFRI_IMPORT_SKIP_INVALID | RESFRI_IMPORT_DRY_RUN,
                                                &stats, skipped, &error));
  g_assert_no_error (error);
  g_assert_cmpint (stats.meetings, ==, 2);
  assert_skips (skipped);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM meetings"), ==, 0);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM occurrences"), ==, 0);
  g_assert_false (_resfri_store_in_transaction (fixture->base.store));

  /* The import itself then stores what the dry run said. */
  g_ptr_array_set_size (skipped, 0);
  memset (&stats, 0, sizeof stats);
  g_assert_true (resfri_store_import_ical_full (fixture->base.store, MIXED_ICS, -1, "mixed.ics",
                                                RESFRI_IMPORT_SKIP_INVALID, &stats, skipped,
                                                &error));
  g_assert_cmpint (stats.meetings, ==, 2);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM meetings"), ==, 2);
}

/* Two events without a UID; the second differs from the first only in its
 * description. */
#define NO_UID_ICS(STAMP, EOL) \
  "BEGIN:VCALENDAR" EOL "VERSION:2.0" EOL "PRODID:-//test//EN" EOL \
  "BEGIN:VEVENT" EOL "DTSTAMP:" STAMP EOL "DTSTART:20260310T120000Z" EOL \
  "DTEND:20260310T130000Z" EOL "SUMMARY:Utan UID" EOL "DESCRIPTION:Första" EOL "END:VEVENT" EOL \
  "BEGIN:VEVENT" EOL "DTSTAMP:" STAMP EOL "DTSTART:20260310T120000Z" EOL \
  "DTEND:20260310T130000Z" EOL "SUMMARY:Utan UID" EOL "DESCRIPTION:Andra" EOL \
  "RRULE:FREQ=WEEKLY;COUNT=2" EOL "END:VEVENT" EOL \
  "END:VCALENDAR" EOL

static GPtrArray *
stored_uids (Fixture *fixture)
{
  GPtrArray *uids = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = _resfri_store_prepare (fixture->base.store,
                                              "SELECT uid FROM meetings ORDER BY uid", NULL);

  g_assert_nonnull (stmt);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (uids, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_reset (stmt);
  return uids;
}

static void
test_derived_uid (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GPtrArray) again = NULL;
  g_autoptr(ResfriIcalDocument) doc = NULL;
  g_autoptr(GArray) occurrences = NULL;
  ResfriMeetingStats stats = { 0 };
  const char *ics = NO_UID_ICS ("20260301T100000Z", "\r\n");

  g_test_summary ("A VEVENT without a UID gets a stable one derived from its content");

  g_assert_true (resfri_store_import_ical (fixture->base.store, ics, -1, "utan.ics", &stats, &error));
  g_assert_no_error (error);
  g_assert_cmpint (stats.meetings, ==, 2);
  first = stored_uids (fixture);
  g_assert_cmpuint (first->len, ==, 2);
  for (guint i = 0; i < first->len; i++)
    g_assert_true (g_str_has_prefix (g_ptr_array_index (first, i), "resfri-derived-"));
  g_assert_cmpstr (g_ptr_array_index (first, 0), !=, g_ptr_array_index (first, 1));
  /* The stored text names it, so that the meeting reads back the same. */
  g_assert_cmpint (_resfri_store_query_int (fixture->base.store,
                                            "SELECT count(*) FROM meetings WHERE instr (ical, 'UID:' || uid) > 0",
                                            NULL), ==, 2);

  /* Again, exported anew (another DTSTAMP, LF line ends), on the other
   * path: the same UIDs, no duplicates. */
  _resfri_importer_set_streaming (FALSE);
  g_assert_true (resfri_store_import_ical (fixture->base.store, NO_UID_ICS ("20260309T080000Z", "\n"), -1,
                                           "utan.ics", NULL, &error));
  g_assert_no_error (error);
  again = stored_uids (fixture);
  g_assert_cmpuint (again->len, ==, 2);
  for (guint i = 0; i < first->len; i++)
    g_assert_cmpstr (g_ptr_array_index (first, i), ==, g_ptr_array_index (again, i));
  g_assert_cmpint (_resfri_store_query_int (fixture->base.store, "SELECT count(*) FROM occurrences", NULL),
                   ==, 3);

  /* `expand` gives the same UIDs. */
  doc = resfri_ical_document_parse (ics, -1, "utan.ics", &error);
  g_assert_no_error (error);
  occurrences = resfri_expand_document (doc, 0, G_MAXINT32, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (occurrences->len, ==, 3);
  for (guint i = 0; i < occurrences->len; i++)
    {
      const ResfriOccurrence *occ = &g_array_index (occurrences, ResfriOccurrence, i);

      g_assert_true (g_ptr_array_find_with_equal_func (first, occ->uid, g_str_equal, NULL));
    }

  /* An override without a UID names no series: kept as what it says, as
   * an override that names no instance is. */
  g_assert_true (resfri_store_import_ical (fixture->base.store,
                                           "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\n"
                                           "RECURRENCE-ID:20260317T120000Z\r\n"
                                           "DTSTART:20260317T140000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
                                           -1, "rid.ics", NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (_resfri_store_query_int (fixture->base.store,
                                            "SELECT count(*) FROM meetings WHERE uid LIKE 'resfri-derived-%'"
                                            " AND recurrence_id = '20260317T120000Z'",
                                            NULL), ==, 1);
  g_assert_cmpint (_resfri_store_query_int (fixture->base.store,
                                            "SELECT count(*) FROM occurrences WHERE recurrence_id = '20260317T120000Z'"
                                            " AND cancelled = 0",
                                            NULL), ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/import-skip/core/whole", Fixture, GINT_TO_POINTER (FALSE),
              fixture_set_up, test_skip_core, fixture_tear_down);
  g_test_add ("/import-skip/core/streaming", Fixture, GINT_TO_POINTER (TRUE),
              fixture_set_up, test_skip_core, fixture_tear_down);
  g_test_add ("/import-skip/dry-run/whole", Fixture, GINT_TO_POINTER (FALSE),
              fixture_set_up, test_dry_run, fixture_tear_down);
  g_test_add ("/import-skip/dry-run/streaming", Fixture, GINT_TO_POINTER (TRUE),
              fixture_set_up, test_dry_run, fixture_tear_down);
  g_test_add ("/import-skip/file-async", Fixture, NULL,
              fixture_set_up, test_skip_async, fixture_tear_down);
  g_test_add ("/import-skip/derived-uid", Fixture, NULL,
              fixture_set_up, test_derived_uid, fixture_tear_down);

  return g_test_run ();
}

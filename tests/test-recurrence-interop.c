/* test-recurrence-interop.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Recurrence defects found by comparing `resfri-cli expand` with other
 * engines (issue 16), each on a small inline calendar, through
 * resfri_expand_document() and through an import into the store; and,
 * when the shared corpus is there ($RESFRI_CORPUS_DIR), on the corpus file
 * that showed it.
 */

#include "config.h"

#include <string.h>

#include "resfri-core.h"
#include "resfri-store-private.h"
#include "resfri-test-fixture.h"

#define CAL_BEGIN "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n"
#define CAL_END "END:VCALENDAR\r\n"

/* "UID RID START END" lines of what `expand` gives in [from, to). */
static char *
expand_text (const char *ics,
             gssize      length,
             const char *from,
             const char *to)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ResfriIcalDocument) doc = NULL;
  g_autoptr(GArray) occurrences = NULL;
  GString *out = g_string_new (NULL);
  gint64 from_unix, to_unix;

  g_assert_true (resfri_ical_parse_date_arg (from, &from_unix, &error));
  g_assert_true (resfri_ical_parse_date_arg (to, &to_unix, &error));
  doc = resfri_ical_document_parse (ics, length, "test.ics", &error);
  g_assert_no_error (error);
  occurrences = resfri_expand_document (doc, from_unix, to_unix, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < occurrences->len; i++)
    {
      const ResfriOccurrence *occ = &g_array_index (occurrences, ResfriOccurrence, i);

      g_string_append_printf (out, "%s %s %s %s\n", occ->uid, occ->recurrence_id,
                              occ->start_text, occ->end_text);
    }

  return g_string_free (out, FALSE);
}

/* "UID START" lines of the occurrences an import stores, cancelled left out. */
static char *
import_text (const char *ics)
{
  ResfriTestFixture fixture = { 0 };
  g_autoptr(GError) error = NULL;
  GString *out = g_string_new (NULL);
  sqlite3_stmt *stmt;

  resfri_test_fixture_set_up (&fixture, NULL);
  g_assert_true (resfri_store_import_ical (fixture.store, ics, -1, "test.ics", NULL, &error));
  g_assert_no_error (error);

  stmt = _resfri_store_prepare (fixture.store,
                                "SELECT uid, start FROM occurrences WHERE cancelled = 0"
                                " ORDER BY start, uid",
                                &error);
  g_assert_no_error (error);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      char buf[20];

      resfri_ical_format_unix_utc (sqlite3_column_int64 (stmt, 1), buf);
      g_string_append_printf (out, "%s %s\n", (const char *) sqlite3_column_text (stmt, 0), buf);
    }
  sqlite3_reset (stmt);
  resfri_test_fixture_tear_down (&fixture);

  return g_string_free (out, FALSE);
}

/* The corpus file @name as `expand` reads it, or NULL (skipped) without
 * the corpus. */
static char *
expand_corpus (const char *name,
               const char *from,
               const char *to)
{
  const char *corpus = g_getenv ("RESFRI_CORPUS_DIR");
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (corpus == NULL)
    return NULL;
  path = g_build_filename (corpus, name, NULL);
  if (!g_file_get_contents (path, &contents, &length, NULL))
    {
      g_test_message ("no %s in the corpus", name);
      return NULL;
    }

  return expand_text (contents, length, from, to);
}

/* a. A Windows display name as TZID */

#define WINDOWS_DISPLAY_ICS \
  CAL_BEGIN \
  "BEGIN:VEVENT\r\nUID:win@test\r\n" \
  "DTSTART;TZID=\"(UTC-05:00) Eastern Time (US and Canada)\":20260706T120000\r\n" \
  "DTEND;TZID=\"(UTC-05:00) Eastern Time (US & Canada)\":20260706T130000\r\n" \
  "RRULE:FREQ=DAILY;COUNT=3\r\n" \
  "EXDATE;TZID=\"(UTC-05:00) Eastern Time (US and Canada)\":20260707T120000\r\n" \
  "END:VEVENT\r\n" \
  "BEGIN:VEVENT\r\nUID:offset@test\r\n" \
  "DTSTART;TZID=\"(UTC+03:00) Somewhere Unknown\":20260706T120000\r\n" \
  "END:VEVENT\r\n" \
  CAL_END

static void
test_windows_display_name (void)
{
  g_autofree char *text = NULL;
  g_autofree char *stored = NULL;
  g_autofree char *corpus = NULL;
  icaltimezone *zone;

  g_test_summary ("A Windows display name as TZID is its Olson zone, not the home zone");

  zone = resfri_ical_resolve_tzid (NULL, "(UTC-05:00) Eastern Time (US and Canada)");
  g_assert_nonnull (zone);
  g_assert_cmpstr (icaltimezone_get_location (zone), ==, "America/New_York");
  zone = resfri_ical_resolve_tzid (NULL, "(UTC+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna");
  g_assert_nonnull (zone);
  g_assert_null (resfri_ical_resolve_tzid (NULL, "(UTC+05:30) Nowhere"));

  /* 12:00 EDT is 16:00Z; the EXDATE (same zone, other spelling) hits. */
  text = expand_text (WINDOWS_DISPLAY_ICS, -1, "2026-07-01", "2026-08-01");
  g_assert_cmpstr (text, ==,
                   "offset@test  20260706T090000Z 20260706T090000Z\n"
                   "win@test 20260706T160000Z 20260706T160000Z 20260706T170000Z\n"
                   "win@test 20260708T160000Z 20260708T160000Z 20260708T170000Z\n");
  stored = import_text (WINDOWS_DISPLAY_ICS);
  g_assert_cmpstr (stored, ==,
                   "offset@test 20260706T090000Z\n"
                   "win@test 20260706T160000Z\n"
                   "win@test 20260708T160000Z\n");

  /* node-ical's file: EXDATEs in America/Los_Angeles at the series'
   * wall-clock time mean those instances. */
  corpus = expand_corpus ("jens-maus+node-ical/windows-quoted-tz-rrule.ics", "2015-07-01", "2015-08-01");
  if (corpus == NULL)
    return;
  g_assert_true (g_str_has_prefix (corpus, "0000001 20150706T160000Z 20150706T160000Z "));
  g_assert_null (strstr (corpus, "20150708T160000Z"));
  g_assert_null (strstr (corpus, "20150710T160000Z"));
  g_assert_nonnull (strstr (corpus, "20150715T160000Z"));
}

/* d. An empty TZID with a VTIMEZONE of an empty TZID */

#define BLANK_TZID_ICS \
  CAL_BEGIN \
  "BEGIN:VTIMEZONE\r\nTZID:\r\n" \
  "BEGIN:STANDARD\r\nDTSTART:16010101T000000\r\nTZOFFSETFROM:+0300\r\nTZOFFSETTO:+0300\r\nEND:STANDARD\r\n" \
  "END:VTIMEZONE\r\n" \
  "BEGIN:VEVENT\r\nUID:blank@test\r\nDTSTART;TZID=:20260826T090000\r\n" \
  "DTEND;TZID=:20260826T100000\r\nEND:VEVENT\r\n" \
  CAL_END

static void
test_blank_tzid (void)
{
  g_autofree char *text = NULL;
  g_autofree char *stored = NULL;
  g_autofree char *corpus = NULL;

  g_test_summary ("TZID= (empty) is the calendar's VTIMEZONE with an empty TZID, not the home zone");

  text = expand_text (BLANK_TZID_ICS, -1, "2026-08-01", "2026-09-01");
  g_assert_cmpstr (text, ==, "blank@test  20260826T060000Z 20260826T070000Z\n");
  stored = import_text (BLANK_TZID_ICS);
  g_assert_cmpstr (stored, ==, "blank@test 20260826T060000Z\n");

  /* Export writes that VTIMEZONE again: the same instant after a round trip. */
  {
    ResfriTestFixture fixture = { 0 };
    g_autoptr(GError) error = NULL;
    g_autofree char *exported = NULL;
    g_autofree char *again = NULL;
    gsize length = 0;

    resfri_test_fixture_set_up (&fixture, NULL);
    g_assert_true (resfri_store_import_ical (fixture.store, BLANK_TZID_ICS, -1, "test.ics", NULL, &error));
    exported = resfri_store_export_ical (fixture.store, G_MININT64, G_MAXINT64, &length, NULL, &error);
    g_assert_no_error (error);
    resfri_test_fixture_tear_down (&fixture);
    again = import_text (exported);
    g_assert_cmpstr (again, ==, stored);
  }

  /* Without such a VTIMEZONE it stays an unknown zone: the home zone. */
  g_free (text);
  text = expand_text (CAL_BEGIN "BEGIN:VEVENT\r\nUID:b@test\r\nDTSTART;TZID=:20260826T090000\r\n"
                      "END:VEVENT\r\n" CAL_END, -1, "2026-08-01", "2026-09-01");
  g_assert_cmpstr (text, ==, "b@test  20260826T070000Z 20260826T070000Z\n");

  /* ical4j's file: Exchange's +00:00 zone. */
  corpus = expand_corpus ("ical4j+ical4j/blankTzid.ics", "2015-01-01", "2016-01-01");
  if (corpus != NULL)
    g_assert_cmpstr (corpus, ==,
                     "t21ocubdt9jagerldbkak7uhcg@google.com  20150826T090000Z 20150826T100000Z\n");
}

/* e. A VTIMEZONE whose first observance comes after the event */

#define LATE_VTIMEZONE(TZID) \
  "BEGIN:VTIMEZONE\r\nTZID:" TZID "\r\n" \
  "BEGIN:STANDARD\r\nDTSTART:20181028T030000\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\n" \
  "RDATE:20191027T030000\r\nEND:STANDARD\r\n" \
  "BEGIN:DAYLIGHT\r\nDTSTART:20190331T020000\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\n" \
  "RDATE:20200329T020000\r\nEND:DAYLIGHT\r\n" \
  "END:VTIMEZONE\r\n"

#define LATE_ZONE_ICS \
  CAL_BEGIN LATE_VTIMEZONE ("Europe/Berlin") LATE_VTIMEZONE ("Fablab Zone") \
  "BEGIN:VEVENT\r\nUID:winter@test\r\nDTSTART;TZID=Europe/Berlin:20161203T140000\r\n" \
  "DTEND;TZID=Europe/Berlin:20161203T190000\r\nEND:VEVENT\r\n" \
  "BEGIN:VEVENT\r\nUID:summer@test\r\nDTSTART;TZID=Europe/Berlin:20170705T174500\r\n" \
  "RRULE:FREQ=YEARLY;COUNT=3\r\nEND:VEVENT\r\n" \
  "BEGIN:VEVENT\r\nUID:covered@test\r\nDTSTART;TZID=Europe/Berlin:20190110T100000\r\nEND:VEVENT\r\n" \
  "BEGIN:VEVENT\r\nUID:unknown@test\r\nDTSTART;TZID=Fablab Zone:20161203T140000\r\nEND:VEVENT\r\n" \
  CAL_END

static void
test_late_vtimezone (void)
{
  g_autofree char *text = NULL;
  g_autofree char *stored = NULL;
  g_autofree char *corpus = NULL;

  g_test_summary ("Before a VTIMEZONE's first observance, a known Olson TZID is the real zone");

  /* Winter 2016 is CET (+01:00), summer 2017 CEST (+02:00), as in the real
   * Europe/Berlin; the VTIMEZONE's own dates keep its offsets. A name that
   * is no Olson zone keeps libical's reading (the first observance's
   * TZOFFSETFROM, +02:00). */
  text = expand_text (LATE_ZONE_ICS, -1, "2016-01-01", "2020-01-01");
  g_assert_cmpstr (text, ==,
                   "unknown@test  20161203T120000Z 20161203T120000Z\n"
                   "winter@test  20161203T130000Z 20161203T180000Z\n"
                   "summer@test 20170705T154500Z 20170705T154500Z 20170705T154500Z\n"
                   "summer@test 20180705T154500Z 20180705T154500Z 20180705T154500Z\n"
                   "covered@test  20190110T090000Z 20190110T090000Z\n"
                   "summer@test 20190705T154500Z 20190705T154500Z 20190705T154500Z\n");
  stored = import_text (LATE_ZONE_ICS);
  g_assert_cmpstr (stored, ==,
                   "unknown@test 20161203T120000Z\n"
                   "winter@test 20161203T130000Z\n"
                   "summer@test 20170705T154500Z\n"
                   "summer@test 20180705T154500Z\n"
                   "covered@test 20190110T090000Z\n"
                   "summer@test 20190705T154500Z\n");

  /* python-recurring-ical-events' file. */
  corpus = expand_corpus ("niccokunzmann+python-recurring-ical-events/fablab_cottbus.ics",
                          "2016-01-01", "2017-01-01");
  if (corpus != NULL)
    g_assert_true (g_str_has_prefix (corpus, "ai1ec-1441@blog.fablab-cottbus.de  20161203T130000Z 20161203T180000Z\n"));
}

/* c. Two VEVENTs with one UID, neither with a RECURRENCE-ID */

#define EV(UID, SEQ, STAMP, START) \
  "BEGIN:VEVENT\r\nUID:" UID "\r\nSEQUENCE:" SEQ "\r\nDTSTAMP:" STAMP "\r\n" \
  "DTSTART:" START "\r\nEND:VEVENT\r\n"

#define SHARED_UID_ICS \
  CAL_BEGIN \
  EV ("two@test", "0", "20260101T000000Z", "20260302T080000Z") \
  EV ("two@test", "0", "20260101T000000Z", "20260303T080000Z") \
  EV ("rev@test", "0", "20260101T000000Z", "20260304T080000Z") \
  EV ("rev@test", "2", "20260101T000000Z", "20260305T080000Z") \
  EV ("rev@test", "1", "20260101T000000Z", "20260306T080000Z") \
  EV ("stamp@test", "0", "20260102T000000Z", "20260307T080000Z") \
  EV ("stamp@test", "0", "20260101T000000Z", "20260308T080000Z") \
  EV ("same@test", "0", "20260101T000000Z", "20260309T080000Z") \
  EV ("same@test", "0", "20260105T000000Z", "20260309T080000Z") \
  CAL_END

static void
test_shared_uid (void)
{
  g_autofree char *text = NULL;
  g_autofree char *stored = NULL;
  g_auto(GStrv) lines = NULL;
  GString *expected = g_string_new (NULL);
  g_autofree char *expected_text = NULL;
  g_autofree char *twice = NULL;

  g_test_summary ("Masters sharing a UID: a revision replaces by SEQUENCE then DTSTAMP, another event is kept");

  text = expand_text (SHARED_UID_ICS, -1, "2026-03-01", "2026-04-01");
  lines = g_strsplit (text, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 6);
  g_assert_cmpstr (lines[0], ==, "two@test  20260302T080000Z 20260302T080000Z");
  /* The second "two@test" is another event: kept under its derived UID. */
  g_assert_true (g_str_has_prefix (lines[1], "resfri-derived-"));
  g_assert_true (g_str_has_suffix (lines[1], "  20260303T080000Z 20260303T080000Z"));
  g_assert_cmpstr (lines[2], ==, "rev@test  20260305T080000Z 20260305T080000Z");
  g_assert_cmpstr (lines[3], ==, "stamp@test  20260307T080000Z 20260307T080000Z");
  g_assert_cmpstr (lines[4], ==, "same@test  20260309T080000Z 20260309T080000Z");

  /* The import keeps the same, also when the file comes again. */
  for (guint i = 0; i + 1 < g_strv_length (lines); i++)
    {
      g_auto(GStrv) fields = g_strsplit (lines[i], " ", -1);

      g_string_append_printf (expected, "%s %s\n", fields[0], fields[2]);
    }
  expected_text = g_string_free (expected, FALSE);
  stored = import_text (SHARED_UID_ICS);
  g_assert_cmpstr (stored, ==, expected_text);
  twice = import_text (SHARED_UID_ICS SHARED_UID_ICS);
  g_assert_cmpstr (twice, ==, expected_text);
}

/* b. An override whose RECURRENCE-ID names no instance as it is */

#define WEEKLY_MASTER \
  "BEGIN:VEVENT\r\nUID:weekly@test\r\nDTSTART;TZID=Europe/Stockholm:20260302T090000\r\n" \
  "DTEND;TZID=Europe/Stockholm:20260302T100000\r\nRRULE:FREQ=WEEKLY;COUNT=4\r\nEND:VEVENT\r\n"

#define ODD_OVERRIDES \
  "BEGIN:VEVENT\r\nUID:weekly@test\r\nRECURRENCE-ID:20260309T090000\r\n" \
  "DTSTART;TZID=Europe/Stockholm:20260309T130000\r\nDURATION:PT1H\r\nEND:VEVENT\r\n" \
  "BEGIN:VEVENT\r\nUID:weekly@test\r\nRECURRENCE-ID;VALUE=DATE:20260316\r\n" \
  "DTSTART;TZID=Europe/Stockholm:20260316T140000\r\nDURATION:PT1H\r\nEND:VEVENT\r\n" \
  "BEGIN:VEVENT\r\nUID:weekly@test\r\nRECURRENCE-ID;TZID=Europe/Stockholm:20260310T090000\r\n" \
  "DTSTART;TZID=Europe/Stockholm:20260310T150000\r\nDURATION:PT1H\r\nEND:VEVENT\r\n"

static void
test_override_matches_none (void)
{
  g_autofree char *text = NULL;
  g_autofree char *reversed = NULL;
  g_autofree char *stored = NULL;
  const char *expected =
    "weekly@test 20260302T080000Z 20260302T080000Z 20260302T090000Z\n"
    "weekly@test 20260309T080000Z 20260309T120000Z 20260309T130000Z\n"
    "weekly@test 20260310T080000Z 20260310T140000Z 20260310T150000Z\n"
    "weekly@test 20260316T080000Z 20260316T130000Z 20260316T140000Z\n"
    "weekly@test 20260323T080000Z 20260323T080000Z 20260323T090000Z\n";

  g_test_summary ("An override naming its instance by date or wall-clock time replaces it; one naming none is kept");

  /* The floating and the DATE RECURRENCE-ID take the place of the 9th's
   * and the 16th's instance (no duplicate); the one on a Tuesday names no
   * instance and is kept as what it says, as libical and
   * python-recurring-ical-events do. */
  text = expand_text (CAL_BEGIN WEEKLY_MASTER ODD_OVERRIDES CAL_END, -1, "2026-03-01", "2026-04-01");
  g_assert_cmpstr (text, ==, expected);
  reversed = expand_text (CAL_BEGIN ODD_OVERRIDES WEEKLY_MASTER CAL_END, -1, "2026-03-01", "2026-04-01");
  g_assert_cmpstr (reversed, ==, expected);

  stored = import_text (CAL_BEGIN WEEKLY_MASTER ODD_OVERRIDES CAL_END);
  g_assert_cmpstr (stored, ==,
                   "weekly@test 20260302T080000Z\n"
                   "weekly@test 20260309T120000Z\n"
                   "weekly@test 20260310T140000Z\n"
                   "weekly@test 20260316T130000Z\n"
                   "weekly@test 20260323T080000Z\n");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/recurrence-interop/windows-display-name", test_windows_display_name);
  g_test_add_func ("/recurrence-interop/blank-tzid", test_blank_tzid);
  g_test_add_func ("/recurrence-interop/late-vtimezone", test_late_vtimezone);
  g_test_add_func ("/recurrence-interop/shared-uid", test_shared_uid);
  g_test_add_func ("/recurrence-interop/override-matches-none", test_override_matches_none);

  return g_test_run ();
}

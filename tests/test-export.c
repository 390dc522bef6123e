/* test-export.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Export of stored meetings (resfri-export.h): what each VEVENT gets, the
 * window, the VTIMEZONEs, and that import → export → import keeps the
 * meetings and occurrences, also over the real-world corpus.
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "resfri-core.h"
#include "resfri-store-private.h"
#include "resfri-test-fixture.h"
#include "resfri-test-util.h"

#include "export-fixture.h"

typedef ResfriTestFixture Fixture;

static ResfriStore *
open_store (const char *dir,
            const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, name, NULL);
  ResfriStore *store = resfri_store_open (path, &error);

  g_assert_no_error (error);
  return store;
}

/* A store at @name in @dir made from @template, an empty store's file:
 * the corpus test opens two stores per file, and making the schema anew
 * each time is most of its time under the sanitizers. */
static ResfriStore *
open_store_from (const char *dir,
                 const char *name,
                 const char *template)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (template, &contents, &length, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_set_contents_full (path, contents, length,
                                           G_FILE_SET_CONTENTS_NONE, 0600, &error));
  g_assert_no_error (error);

  return open_store (dir, name);
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  resfri_test_fixture_set_up (fixture, NULL);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  resfri_test_fixture_tear_down (fixture);
}

static void
exec_sql (ResfriStore *store,
          const char  *sql)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (_resfri_store_exec (store, sql, &error));
  g_assert_no_error (error);
}

static void
import_text (ResfriStore *store,
             const char  *ics)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (resfri_store_import_ical (store, ics, -1, "in.ics", NULL, &error));
  g_assert_no_error (error);
}

static char *
export_all (ResfriStore       *store,
            ResfriExportStats *stats)
{
  g_autoptr(GError) error = NULL;
  char *text = resfri_store_export_ical (store, G_MININT64, G_MAXINT64, NULL, stats, &error);

  g_assert_no_error (error);
  g_assert_nonnull (text);
  return text;
}

/* The rows of @sql, one line each, columns separated by '|'. */
static char *
dump_query (ResfriStore *store,
            const char  *sql)
{
  g_autoptr(GString) out = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (_resfri_store_get_db (store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      for (int i = 0; i < sqlite3_column_count (stmt); i++)
        {
          const char *text = (const char *) sqlite3_column_text (stmt, i);

          g_string_append_printf (out, "%s%s", i > 0 ? "|" : "", text != NULL ? text : "NULL");
        }
      g_string_append_c (out, '\n');
    }
  sqlite3_finalize (stmt);

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static char *
dump_meetings (ResfriStore *store)
{
  return dump_query (store,
                     "SELECT uid, recurrence_id, summary, location, organizer, online_url"
                     " FROM meetings ORDER BY uid, recurrence_id");
}

static char *
dump_attendees (ResfriStore *store)
{
  return dump_query (store,
                     "SELECT m.uid, m.recurrence_id, a.email, a.cutype, a.role, a.partstat"
                     " FROM attendees a JOIN meetings m ON m.id = a.meeting_id"
                     " ORDER BY m.uid, m.recurrence_id, a.email");
}

static char *
dump_occurrences (ResfriStore *store)
{
  return dump_query (store,
                     "SELECT uid, recurrence_id, start, end, all_day, floating, cancelled"
                     " FROM occurrences ORDER BY uid, recurrence_id, start");
}

/* Every line ends in CRLF and has at most 75 octets. */
static void
assert_folded (const char *text)
{
  const char *p = text;

  while (*p != '\0')
    {
      const char *crlf = strstr (p, "\r\n");

      g_assert_nonnull (crlf);
      g_assert_cmpint (crlf - p, <=, 75);
      g_assert_null (memchr (p, '\n', crlf - p));
      p = crlf + 2;
    }
}

static char *
unfold (const char *text)
{
  g_autoptr(GString) out = g_string_new (text);

  g_string_replace (out, "\r\n ", "", 0);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* The VEVENT of @uid + @recurrence_id ("" for the master) in @text. */
static icalcomponent *
find_vevent (icalcomponent *cal,
             const char    *uid,
             const char    *recurrence_id)
{
  for (icalcomponent *c = icalcomponent_get_first_component (cal, ICAL_VEVENT_COMPONENT);
       c != NULL;
       c = icalcomponent_get_next_component (cal, ICAL_VEVENT_COMPONENT))
    {
      char rid[20];

      resfri_expand_get_recurrence_id (c, rid);
      if (g_strcmp0 (icalcomponent_get_uid (c), uid) == 0 && strcmp (rid, recurrence_id) == 0)
        return c;
    }

  return NULL;
}

static guint
count_attendees (icalcomponent *vevent,
                 const char    *address)
{
  guint n = 0;

  for (icalproperty *p = icalcomponent_get_first_property (vevent, ICAL_ATTENDEE_PROPERTY);
       p != NULL;
       p = icalcomponent_get_next_property (vevent, ICAL_ATTENDEE_PROPERTY))
    if (g_ascii_strcasecmp (icalproperty_get_attendee (p), address) == 0)
      n++;

  return n;
}

static gboolean
has_x_property (icalcomponent *vevent,
                const char    *name)
{
  for (icalproperty *p = icalcomponent_get_first_property (vevent, ICAL_X_PROPERTY);
       p != NULL;
       p = icalcomponent_get_next_property (vevent, ICAL_X_PROPERTY))
    if (g_strcmp0 (icalproperty_get_x_name (p), name) == 0)
      return TRUE;

  return FALSE;
}

/* Sites, a room with an email and one without, an item, a person. */
static void
add_registers (ResfriStore *store)
{
  exec_sql (store,
            "INSERT INTO sites (id, code, name, latitude, longitude) VALUES (1, 'sh', 'Stadshuset', 58.38, 12.32);"
            "INSERT INTO units (id, name, path) VALUES (1, 'Kansli', 'Kansli');"
            "INSERT INTO people (id, email, name, unit_id, site_id) VALUES (1, 'bo@example.se', 'Bo', 1, 1);"
            "INSERT INTO rooms (id, code, name, site_id, capacity, email, vc)"
            "  VALUES (1, 'r1', 'Sal \"Vänern\"', 1, 20, 'vanern@example.se', 1),"
            "         (2, 'r2', 'Lilla rummet', 1, 4, NULL, 0);"
            "INSERT INTO equipment (id, tag, type_id, site_id) VALUES (1, 'K-7', 3, 1);");
}

static void
test_export_additions (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *unfolded = NULL;
  g_autoptr(icalcomponent) cal = NULL;
  ResfriExportStats stats = { 0 };
  icalcomponent *vevent;
  icalproperty *prop;

  import_text (fixture->store, FIXTURE);
  add_registers (fixture->store);
  /* Vänern for every occurrence of the series (the moved one too), the
   * small room and the kit for its third only, an exemption of the whole
   * series and one of the single event with a note. */
  exec_sql (fixture->store,
            "INSERT INTO bookings (uid, recurrence_id, room_id, start, end, created_at)"
            "  SELECT uid, recurrence_id, 1, start, end, 0 FROM occurrences WHERE uid = 'series';"
            "INSERT INTO bookings (uid, recurrence_id, room_id, start, end, created_at)"
            "  SELECT uid, recurrence_id, 2, start, end, 0 FROM occurrences"
            "  WHERE uid = 'series' AND recurrence_id = '20260405T070000Z';"
            "INSERT INTO bookings (uid, recurrence_id, equipment_id, person_id, start, end, created_at)"
            "  SELECT uid, recurrence_id, 1, 1, start, end, 0 FROM occurrences"
            "  WHERE uid = 'series' AND recurrence_id = '20260405T070000Z';"
            "INSERT INTO exemptions (uid, recurrence_id, reason, note, created_at)"
            "  VALUES ('series', '', 'physical-presence', NULL, 0),"
            "         ('single', '', 'other', 'Avtal säger \"på plats\"', 0);");

  text = export_all (fixture->store, &stats);
  assert_folded (text);
  g_assert_cmpint (stats.meetings, ==, 4);
  g_assert_cmpint (stats.created, ==, 1);
  g_assert_cmpint (stats.zones, ==, 2);

  unfolded = unfold (text);
  g_assert_true (g_str_has_prefix (unfolded, "BEGIN:VCALENDAR\r\n"));
  g_assert_nonnull (strstr (unfolded, "\r\nVERSION:2.0\r\n"));
  g_assert_nonnull (strstr (unfolded, "\r\nMETHOD:PUBLISH\r\n"));
  g_assert_nonnull (strstr (unfolded, "\r\nPRODID:"));
  /* What the stored text had survives, sub-components included. */
  g_assert_nonnull (strstr (unfolded, "\r\nX-UNKNOWN;X-P=1:kept\r\n"));
  g_assert_nonnull (strstr (unfolded, "\r\nBEGIN:X-RESFRI-TEST\r\nX-INSIDE:also kept\r\nEND:X-RESFRI-TEST\r\n"));
  g_assert_nonnull (strstr (unfolded, "\r\nBEGIN:VALARM\r\n"));
  g_assert_nonnull (strstr (unfolded, "SUMMARY:En lång rubrik som är längre än sjuttiofem oktetter för att vikas om två gånger\r\n"));
  /* One VTIMEZONE per name used, under that name. */
  g_assert_nonnull (strstr (unfolded, "BEGIN:VTIMEZONE\r\nTZID:Europe/Stockholm\r\n"));
  g_assert_nonnull (strstr (unfolded, "BEGIN:VTIMEZONE\r\nTZID:W. Europe Standard Time\r\n"));
  g_assert_nonnull (strstr (unfolded, "ATTENDEE;CUTYPE=ROOM;ROLE=NON-PARTICIPANT;CN=\"Sal ^'Vänern^'\":mailto:vanern@example.se\r\n"));
  g_assert_nonnull (strstr (unfolded, "ATTENDEE;CUTYPE=ROOM;ROLE=NON-PARTICIPANT;CN=\"Lilla rummet\":" RESFRI_EXPORT_ROOM_URN_PREFIX "r2\r\n"));
  g_assert_nonnull (strstr (unfolded, "ATTENDEE;CUTYPE=RESOURCE;ROLE=NON-PARTICIPANT;CN=\"K-7 (vc-kit)\":" RESFRI_EXPORT_ITEM_URN_PREFIX "K-7\r\n"));
  g_assert_nonnull (strstr (unfolded, "X-RESFRI-EXEMPTION:physical-presence\r\n"));
  g_assert_nonnull (strstr (unfolded, "X-RESFRI-EXEMPTION;X-RESFRI-NOTE=\"Avtal säger ^'på plats^'\":other\r\n"));

  cal = icalparser_parse_string (text);
  g_assert_nonnull (cal);
  g_assert_null (icalcomponent_get_first_property (cal, ICAL_XLICERROR_PROPERTY));

  /* The master: Vänern (booked for every occurrence), the exemption, the
   * Teams link as CONFERENCE; not the small room. */
  vevent = find_vevent (cal, "series", "");
  g_assert_nonnull (vevent);
  g_assert_cmpuint (count_attendees (vevent, "mailto:vanern@example.se"), ==, 1);
  g_assert_cmpuint (count_attendees (vevent, RESFRI_EXPORT_ROOM_URN_PREFIX "r2"), ==, 0);
  prop = icalcomponent_get_first_property (vevent, ICAL_CONFERENCE_PROPERTY);
  g_assert_nonnull (prop);
  g_assert_cmpstr (icalproperty_get_conference (prop), ==, "https://teams.microsoft.com/l/meetup-join/1");
  g_assert_nonnull (icalcomponent_get_first_property (vevent, ICAL_RRULE_PROPERTY));

  /* The stored override gets Vänern too (an override replaces the master). */
  vevent = find_vevent (cal, "series", "20260329T070000Z");
  g_assert_nonnull (vevent);
  g_assert_cmpuint (count_attendees (vevent, "mailto:vanern@example.se"), ==, 1);
  g_assert_cmpstr (icalcomponent_get_summary (vevent), ==, "Veckomöte (flyttat)");

  /* The third occurrence: an override created from the master, with both
   * rooms and the kit, its own times and no rule. */
  vevent = find_vevent (cal, "series", "20260405T070000Z");
  g_assert_nonnull (vevent);
  g_assert_cmpuint (count_attendees (vevent, "mailto:vanern@example.se"), ==, 1);
  g_assert_cmpuint (count_attendees (vevent, RESFRI_EXPORT_ROOM_URN_PREFIX "r2"), ==, 1);
  g_assert_cmpuint (count_attendees (vevent, RESFRI_EXPORT_ITEM_URN_PREFIX "K-7"), ==, 1);
  g_assert_cmpuint (count_attendees (vevent, "mailto:bo@example.se"), ==, 1);
  g_assert_null (icalcomponent_get_first_property (vevent, ICAL_RRULE_PROPERTY));
  g_assert_cmpstr (icalcomponent_get_summary (vevent), ==, "Veckomöte");
  g_assert_nonnull (strstr (unfolded, "RECURRENCE-ID;TZID=Europe/Stockholm:20260405T090000\r\n"
                                      "DTSTART;TZID=Europe/Stockholm:20260405T090000\r\n"
                                      "DTEND;TZID=Europe/Stockholm:20260405T100000\r\n"));
  /* Only the stored master has the exemption of the whole meeting. */
  g_assert_false (has_x_property (vevent, "X-RESFRI-EXEMPTION"));

  /* Importing the export elsewhere gives the same occurrences; the
   * created override is a meeting of its own there. */
  {
    g_autoptr(ResfriStore) other = resfri_test_fixture_open_other (fixture, "other.db");
    g_autofree char *before = dump_occurrences (fixture->store);
    g_autofree char *after = NULL;

    g_assert_true (resfri_store_import_ical (other, text, -1, "export.ics", NULL, &error));
    g_assert_no_error (error);
    after = dump_occurrences (other);
    g_assert_cmpstr (after, ==, before);
    g_assert_cmpint (_resfri_store_query_int (other, "SELECT count(*) FROM meetings", NULL), ==, 5);
    g_assert_cmpint (_resfri_store_query_int (other, "SELECT count(*) FROM attendees WHERE cutype = 'ROOM'",
                                              NULL), ==, 4);
  }

  /* A second export of the same store is the same text. */
  {
    g_autofree char *again = export_all (fixture->store, NULL);

    g_assert_cmpstr (again, ==, text);
  }
}

static void
test_export_window (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  ResfriExportStats stats = { 0 };
  gint64 from, to;

  import_text (fixture->store, FIXTURE);

  /* Only the all-day event is in June; the series's override is there
   * with its master. */
  g_assert_true (resfri_ical_parse_date_arg ("2026-06-01", &from, NULL));
  g_assert_true (resfri_ical_parse_date_arg ("2026-06-02", &to, NULL));
  text = resfri_store_export_ical (fixture->store, from, to, NULL, &stats, &error);
  g_assert_no_error (error);
  g_assert_cmpint (stats.meetings, ==, 1);
  g_assert_nonnull (strstr (text, "UID:allday\r\n"));
  g_assert_null (strstr (text, "UID:series\r\n"));
  g_assert_cmpint (stats.zones, ==, 0);
  g_clear_pointer (&text, g_free);

  g_assert_true (resfri_ical_parse_date_arg ("2026-03-29T09:30:00Z", &from, NULL));
  g_assert_true (resfri_ical_parse_date_arg ("2026-03-29T09:31:00Z", &to, NULL));
  memset (&stats, 0, sizeof stats);
  text = resfri_store_export_ical (fixture->store, from, to, NULL, &stats, &error);
  g_assert_no_error (error);
  g_assert_cmpint (stats.meetings, ==, 2);
  g_assert_null (strstr (text, "UID:allday\r\n"));
  g_clear_pointer (&text, g_free);

  /* Nothing in the window: an empty, valid calendar. */
  g_assert_true (resfri_ical_parse_date_arg ("2030-01-01", &from, NULL));
  text = resfri_store_export_ical (fixture->store, from, G_MAXINT64, NULL, &stats, &error);
  g_assert_no_error (error);
  g_assert_null (strstr (text, "BEGIN:VEVENT"));
  g_assert_true (g_str_has_suffix (text, "END:VCALENDAR\r\n"));
}

/* NUL bytes and bytes that are not UTF-8 (found by fuzz-ical-import) were
 * read past by libical, losing text; such a file is now refused whole,
 * with FILE:LINE, and nothing is stored (tests/test-hostile.c). */
static void
assert_refused (Fixture    *fixture,
                const char *ics,
                gssize      length,
                const char *message)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ResfriStore) a = resfri_test_fixture_open_other (fixture, "a.db");
  ResfriStoreCounts counts = { 0 };

  g_assert_false (resfri_store_import_ical (a, ics, length, "in.ics", NULL, &error));
  g_assert_error (error, RESFRI_ERROR, RESFRI_ERROR_INVALID_ICAL);
  g_assert_true (g_str_has_prefix (error->message, message));
  g_assert_true (resfri_store_get_counts (a, &counts, NULL));
  g_assert_cmpint (counts.meetings, ==, 0);
}

/* Import → export → import into a fresh database: the same meetings,
 * attendees and occurrences. */
static void
assert_round_trip (Fixture    *fixture,
                   const char *ics,
                   gssize      length)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ResfriStore) a = resfri_test_fixture_open_other (fixture, "a.db");
  g_autoptr(ResfriStore) b = resfri_test_fixture_open_other (fixture, "b.db");
  g_autofree char *text = NULL;
  char *dumps[2][3];

  g_assert_true (resfri_store_import_ical (a, ics, length, "in.ics", NULL, &error));
  g_assert_no_error (error);
  text = export_all (a, NULL);
  g_assert_true (resfri_store_import_ical (b, text, -1, "export.ics", NULL, &error));
  g_assert_no_error (error);

  for (int i = 0; i < 2; i++)
    {
      ResfriStore *s = i == 0 ? a : b;

      dumps[i][0] = dump_meetings (s);
      dumps[i][1] = dump_attendees (s);
      dumps[i][2] = dump_occurrences (s);
    }
  for (int k = 0; k < 3; k++)
    {
      g_assert_cmpstr (dumps[1][k], ==, dumps[0][k]);
      g_free (dumps[0][k]);
      g_free (dumps[1][k]);
    }
  g_assert_cmpint (_resfri_store_query_int (b, "SELECT count(*) FROM meetings", NULL), >, 0);
}

static void
test_export_round_trip (Fixture       *fixture,
                        gconstpointer  data)
{
  assert_round_trip (fixture, FIXTURE, -1);
}

/* A NUL ended a line for libical (found by fuzz-ical-import): the file is
 * refused. */
static void
test_export_round_trip_nul (Fixture       *fixture,
                            gconstpointer  data)
{
  static const char ics[] = CAL_BEGIN
    "BEGIN:VEVENT\r\nUID:nul\r\nDTSTART;TZID=Europe/Stockholm:20260105T090000\r\n"
    "RRULE:FREQ=DAILY;COUNT=3;\0\0\0UNTIL=20261101T000000Z\r\nEND:VEVENT\r\n" CAL_END;

  assert_refused (fixture, ics, sizeof ics - 1, "in.ics:7: the file contains a NUL byte");
}

static void
test_export_round_trip_nul_zone (Fixture       *fixture,
                                 gconstpointer  data)
{
  static const char ics[] = CAL_BEGIN
    "BEGIN:VTIMEZONE\r\nTZID:Zone N\r\nBEGIN:STANDARD\r\nDTSTART:16010101T000000\r\n"
    "TZOFFSETFROM:+0200\r\nTZOFFSETTO:+0200\r\nX-JUNK:a\0b\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n"
    "BEGIN:VEVENT\r\nUID:nul-zone\r\nDTSTART;TZID=Zone N:20260105T090000\r\n"
    "RRULE:FREQ=DAILY;COUNT=3\r\nEND:VEVENT\r\n" CAL_END;

  assert_refused (fixture, ics, sizeof ics - 1, "in.ics:10: the file contains a NUL byte");
}

/* Bytes that are not UTF-8 where libical reads past them (found by
 * fuzz-ical-import): refused. */
static void
test_export_round_trip_bad_utf8 (Fixture       *fixture,
                                 gconstpointer  data)
{
  assert_refused (fixture,
                  CAL_BEGIN
                  "BEGIN:VEVENT\r\nUID:bad-utf8\r\nSUMMARY:Möte\r\n"
                  "DTSTART;TZID=Europe/Stockholm:20260405T13000\xce\r\nDURATION:PT1H\r\n"
                  "END:VEVENT\r\n" CAL_END, -1, "in.ics:7: invalid UTF-8");
}

/* An error quoting a value with line breaks is still one line (found by
 * fuzz-ical-import). */
static void
test_export_error_one_line (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (resfri_store_import_ical (fixture->store,
                                            CAL_BEGIN "BEGIN:VEVENT\r\nUID:x\r\nDTSTART:20260101T100000Z\r\n"
                                            "X-LIC-ERROR:bad\\nthing\\n\r\nEND:VEVENT\r\n" CAL_END,
                                            -1, "in.ics", NULL, &error));
  g_assert_error (error, RESFRI_ERROR, RESFRI_ERROR_INVALID_ICAL);
  g_assert_cmpstr (error->message, ==, "in.ics:4: bad thing ");
  g_assert_null (strchr (error->message, '\n'));
}

/* Component texts follow libical's order of children: VTIMEZONEs (which
 * libical keeps in an order of its own) after a VEVENT, custom names. */
static void
test_export_round_trip_zones (Fixture       *fixture,
                              gconstpointer  data)
{
  assert_round_trip (fixture,
                     CAL_BEGIN
                     "BEGIN:VEVENT\r\nUID:first\r\nDTSTART;TZID=Zone B:20261025T023000\r\nEND:VEVENT\r\n"
                     "BEGIN:VTIMEZONE\r\nTZID:Zone A\r\nBEGIN:STANDARD\r\nDTSTART:16010101T000000\r\n"
                     "TZOFFSETFROM:+0500\r\nTZOFFSETTO:+0500\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n"
                     "BEGIN:VTIMEZONE\r\nTZID:Zone B\r\nBEGIN:STANDARD\r\nDTSTART:16010101T000000\r\n"
                     "TZOFFSETFROM:-0300\r\nTZOFFSETTO:-0300\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n"
                     "BEGIN:VEVENT\r\nUID:second\r\nDTSTART;TZID=Zone A:20261025T023000\r\n"
                     "RRULE:FREQ=DAILY;COUNT=2\r\nEND:VEVENT\r\n"
                     CAL_END, -1);
}

static void
test_export_round_trip_cancelled (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ResfriStore) a = resfri_test_fixture_open_other (fixture, "c.db");
  g_autoptr(ResfriStore) b = resfri_test_fixture_open_other (fixture, "d.db");
  g_autofree char *text = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  /* A series, one occurrence cancelled by METHOD:CANCEL; a THISANDFUTURE
   * override; a floating event. */
  import_text (a, CAL_BEGIN
               "BEGIN:VEVENT\r\nUID:s\r\nDTSTART:20261019T080000Z\r\nDURATION:PT1H\r\n"
               "RRULE:FREQ=DAILY;COUNT=6\r\nEND:VEVENT\r\n"
               "BEGIN:VEVENT\r\nUID:s\r\nRECURRENCE-ID;RANGE=THISANDFUTURE:20261022T080000Z\r\n"
               "DTSTART:20261022T100000Z\r\nDURATION:PT30M\r\nEND:VEVENT\r\n"
               "BEGIN:VEVENT\r\nUID:f\r\nDTSTART:20261026T100000\r\nEND:VEVENT\r\n" CAL_END);
  import_text (a, "BEGIN:VCALENDAR\r\nMETHOD:CANCEL\r\nBEGIN:VEVENT\r\nUID:s\r\n"
               "RECURRENCE-ID:20261020T080000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n");

  text = export_all (a, NULL);
  g_assert_true (resfri_store_import_ical (b, text, -1, "export.ics", NULL, &error));
  g_assert_no_error (error);
  before = dump_occurrences (a);
  after = dump_occurrences (b);
  g_assert_cmpstr (after, ==, before);
  g_assert_nonnull (strstr (before, "|1\n"));   /* the cancelled one */
}

/* The real-world corpus: every file imports or is refused with one
 * FILE:LINE line; what imports exports and imports again with the same
 * occurrences. */
static void
collect_corpus (const char *dir,
                GPtrArray  *files)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      char *child = g_build_filename (dir, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        {
          collect_corpus (child, files);
          g_free (child);
        }
      else if (g_str_has_suffix (name, ".ics"))
        g_ptr_array_add (files, child);
      else
        g_free (child);
    }
}

static gboolean
is_file_line_message (const char *message,
                      const char *file)
{
  const char *p;

  if (!g_str_has_prefix (message, file) || message[strlen (file)] != ':')
    return FALSE;
  p = message + strlen (file) + 1;
  if (!g_ascii_isdigit (*p))
    return FALSE;
  while (g_ascii_isdigit (*p))
    p++;

  return g_str_has_prefix (p, ": ") && p[2] != '\0' && strchr (p, '\n') == NULL;
}

static void
test_export_corpus (void)
{
  const char *corpus = g_getenv ("RESFRI_CORPUS_DIR");
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *template = NULL;
  guint imported = 0, rejected = 0, empty = 0, differ = 0;

  if (corpus == NULL || !g_file_test (corpus, G_FILE_TEST_IS_DIR))
    {
      g_test_skip ("no corpus ($RESFRI_CORPUS_DIR)");
      return;
    }

  collect_corpus (corpus, files);
  g_ptr_array_sort (files, (GCompareFunc) g_strcmp0);
  dir = g_dir_make_tmp ("resfri-corpus-XXXXXX", &error);
  g_assert_no_error (error);
  template = g_build_filename (dir, "template.db", NULL);
  {
    g_autoptr(ResfriStore) empty = open_store (dir, "template.db");
  }

  for (guint i = 0; i < files->len; i++)
    {
      const char *file = g_ptr_array_index (files, i);
      g_autofree char *contents = NULL;
      g_autofree char *text = NULL;
      g_autofree char *before = NULL;
      g_autofree char *after = NULL;
      g_autofree char *name_a = g_strdup_printf ("a%u.db", i);
      g_autofree char *name_b = g_strdup_printf ("b%u.db", i);
      g_autoptr(ResfriStore) a = NULL;
      g_autoptr(ResfriStore) b = NULL;
      gsize length = 0;

      g_assert_true (g_file_get_contents (file, &contents, &length, &error));
      g_assert_no_error (error);

      a = open_store_from (dir, name_a, template);
      if (!resfri_store_import_ical (a, contents, length, file, NULL, &error))
        {
          if (!is_file_line_message (error->message, file))
            g_error ("%s: not a FILE:LINE message: %s", file, error->message);
          g_test_message ("rejected: %s", error->message + strlen (corpus));
          g_clear_error (&error);
          rejected++;
          continue;
        }
      imported++;
      if (_resfri_store_query_int (a, "SELECT count(*) FROM meetings", NULL) == 0)
        empty++;

      text = export_all (a, NULL);
      b = open_store_from (dir, name_b, template);
      if (!resfri_store_import_ical (b, text, -1, "export.ics", NULL, &error))
        g_error ("%s: its export does not import: %s", file, error->message);

      before = dump_occurrences (a);
      after = dump_occurrences (b);
      if (g_strcmp0 (before, after) != 0)
        {
          g_test_message ("%s: the occurrences differ after export and import:\n%s\n---\n%s",
                          file, before, after);
          g_print ("# differs: %s\n", file);
          differ++;
        }
    }

  g_test_message ("corpus: %u files, %u imported (%u without a meeting), %u rejected",
                  files->len, imported, empty, rejected);
  g_print ("# corpus: %u files, %u imported (%u without a meeting), %u rejected\n",
           files->len, imported, empty, rejected);
  resfri_test_remove_tree (dir);
  g_assert_cmpuint (imported, >, 0);
  g_assert_cmpuint (differ, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/export/additions", Fixture, NULL, fixture_setup, test_export_additions, fixture_teardown);
  g_test_add ("/export/window", Fixture, NULL, fixture_setup, test_export_window, fixture_teardown);
  g_test_add ("/export/round-trip", Fixture, NULL, fixture_setup, test_export_round_trip, fixture_teardown);
  g_test_add ("/export/round-trip-cancelled", Fixture, NULL, fixture_setup,
              test_export_round_trip_cancelled, fixture_teardown);
  g_test_add ("/export/round-trip-nul", Fixture, NULL, fixture_setup,
              test_export_round_trip_nul, fixture_teardown);
  g_test_add ("/export/round-trip-nul-zone", Fixture, NULL, fixture_setup,
              test_export_round_trip_nul_zone, fixture_teardown);
  g_test_add ("/export/round-trip-bad-utf8", Fixture, NULL, fixture_setup,
              test_export_round_trip_bad_utf8, fixture_teardown);
  g_test_add ("/export/error-one-line", Fixture, NULL, fixture_setup,
              test_export_error_one_line, fixture_teardown);
  g_test_add ("/export/round-trip-zones", Fixture, NULL, fixture_setup,
              test_export_round_trip_zones, fixture_teardown);
  g_test_add_func ("/export/corpus", test_export_corpus);

  return g_test_run ();
}

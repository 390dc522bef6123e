/* test-importer-rows.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The rows of one meeting that the importer writes several to a
 * statement (resfri-importer-rows.c): its attendees' parameters as libical
 * gives them, whatever their characters, more attendees and occurrences
 * than one statement takes, the counts of occurrences and cancelled
 * ones when an override was stored first; and for a large import, the
 * attendees worked out on its parse thread and its text checked on a
 * thread of its own; the text check, eight bytes at a time, against the
 * same check byte by byte; an import into a store without meetings.
 */

#include "config.h"

#include <string.h>

#include "resfri-core.h"
#include "resfri-importer-private.h"
#include "resfri-store-private.h"
#include "resfri-test-fixture.h"

#define HEAD "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n"
#define TAIL "END:VCALENDAR\r\n"

/* Eleven attendees, one twice, with values
 * that libical prints as they are, quotes, encodes (RFC 6868) or knows as
 * an enumeration, and ones it does not know; N_MORE plain ones after
 * them make more than a statement's rows. */
#define N_MORE 12
static const char * const attendees[] = {
  "ATTENDEE;CN=Anna Berg;ROLE=CHAIR;PARTSTAT=ACCEPTED:mailto:anna@test",
  "ATTENDEE;CN=\"Berg, Bo\";CUTYPE=INDIVIDUAL;PARTSTAT=TENTATIVE:mailto:bo@test",
  "ATTENDEE;CN=Cecilia ^^ Ström;ROLE=X-OBSERVER;PARTSTAT=X-MAYBE:mailto:cecilia@test",
  "ATTENDEE;CN=\"Dan ^'Danne^' Ek\";CUTYPE=ROOM:mailto:dan@test",
  "ATTENDEE;CN=Eva^nEk;RSVP=TRUE:mailto:eva@test",
  "ATTENDEE;CN=\"\";ROLE=OPT-PARTICIPANT:mailto:filip@test",
  "ATTENDEE;CN=\"Gustav: ordförande\";PARTSTAT=NEEDS-ACTION;CUTYPE=X-BOT:mailto:gustav@test",
  "ATTENDEE;CN=Helena;CN=Second:mailto:helena@test",
  "ATTENDEE;CN=Anna again;ROLE=REQ-PARTICIPANT:mailto:ANNA@test",
  "ATTENDEE;ROLE=NON-PARTICIPANT:mailto:ivar@test",
  "ATTENDEE;CN=Jonas\t Tab;PARTSTAT=DECLINED:mailto:jonas@test",
};

static void
test_attendee_parameters (ResfriTestFixture *fixture,
                          gconstpointer      user_data)
{
  g_autoptr(GString) ics = g_string_new (HEAD "BEGIN:VEVENT\r\nUID:people@test\r\n"
                                         "DTSTART:20260310T120000Z\r\nDTEND:20260310T130000Z\r\n");
  g_autoptr(GError) error = NULL;
  g_autoptr(icalcomponent) root = NULL;
  icalcomponent *vevent;
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  ResfriMeetingStats stats = { 0 };
  sqlite3_stmt *stmt = NULL;
  guint n_rows = 0;

  for (gsize i = 0; i < G_N_ELEMENTS (attendees); i++)
    g_string_append_printf (ics, "%s\r\n", attendees[i]);
  for (guint i = 0; i < N_MORE; i++)
    g_string_append_printf (ics, "ATTENDEE;CN=Person %u;PARTSTAT=ACCEPTED:mailto:p%u@test\r\n", i, i);
  g_string_append (ics, "END:VEVENT\r\n" TAIL);

  g_assert_true (resfri_store_import_ical (fixture->store, ics->str, -1, "people.ics", &stats, &error));
  g_assert_no_error (error);
  g_assert_cmpint (stats.meetings, ==, 1);

  /* What libical's own accessors give, for each address the first time. */
  root = icalparser_parse_string (ics->str);
  vevent = icalcomponent_get_first_component (root, ICAL_VEVENT_COMPONENT);
  g_assert_cmpint (sqlite3_prepare_v2 (_resfri_store_get_db (fixture->store),
                                       "SELECT name, cutype, role, partstat FROM attendees"
                                       " WHERE email = ?1",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  for (icalproperty *prop = icalcomponent_get_first_property (vevent, ICAL_ATTENDEE_PROPERTY);
       prop != NULL;
       prop = icalcomponent_get_next_property (vevent, ICAL_ATTENDEE_PROPERTY))
    {
      static const char * const names[] = { "CN", "CUTYPE", "ROLE", "PARTSTAT" };
      g_autofree char *email = g_ascii_strdown (icalproperty_get_attendee (prop) + strlen ("mailto:"), -1);

      if (!g_hash_table_add (seen, g_strdup (email)))
        continue;
      sqlite3_reset (stmt);
      sqlite3_bind_text (stmt, 1, email, -1, SQLITE_TRANSIENT);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
      for (int k = 0; k < 4; k++)
        {
          g_autofree char *expected = icalproperty_get_parameter_as_string_r (prop, names[k]);

          g_test_message ("%s %s: %s", email, names[k], expected);
          g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, k), ==, expected);
        }
      n_rows++;
    }
  sqlite3_finalize (stmt);

  g_assert_cmpuint (n_rows, ==, G_N_ELEMENTS (attendees) - 1 + N_MORE);
  g_assert_cmpint (_resfri_store_query_int (fixture->store, "SELECT count(*) FROM attendees", NULL),
                   ==, G_N_ELEMENTS (attendees) - 1 + N_MORE);
  /* The first of the two copies of anna@test counts. */
  g_assert_cmpint (_resfri_store_query_int (fixture->store,
                                            "SELECT count(*) FROM attendees"
                                            " WHERE email = 'anna@test' AND name = 'Anna Berg'", NULL),
                   ==, 1);
}

/* 19 instances: more than a statement's rows. */
#define SERIES(status) \
  "BEGIN:VEVENT\r\nUID:series@test\r\nDTSTART:20260302T090000Z\r\nDURATION:PT1H\r\n" \
  "RRULE:FREQ=DAILY;COUNT=20\r\nEXDATE:20260305T090000Z\r\n" status "END:VEVENT\r\n"
#define OVERRIDE(status) \
  "BEGIN:VEVENT\r\nUID:series@test\r\nRECURRENCE-ID:20260312T090000Z\r\n" \
  "DTSTART:20260312T140000Z\r\nDURATION:PT1H\r\n" status "END:VEVENT\r\n"

typedef struct
{
  const char *ics;
  gint64      occurrences;
  gint64      cancelled;
  gint64      cancelled_rows;
} OccurrenceCase;

static const OccurrenceCase occurrence_cases[] = {
  /* 19 of the master (an EXDATE); the override replaces its instance. */
  { HEAD SERIES ("") OVERRIDE ("") TAIL, 20, 0, 0 },
  /* The override first: the master's instance yields to it. */
  { HEAD OVERRIDE ("") SERIES ("") TAIL, 19, 0, 0 },
  { HEAD OVERRIDE ("STATUS:CANCELLED\r\n") SERIES ("") TAIL, 19, 1, 1 },
  { HEAD SERIES ("") OVERRIDE ("STATUS:CANCELLED\r\n") TAIL, 20, 1, 1 },
  /* A cancelled series: every row cancelled, the override's too. */
  { HEAD OVERRIDE ("") SERIES ("STATUS:CANCELLED\r\n") TAIL, 19, 19, 19 },
};

static void
test_occurrence_rows (ResfriTestFixture *fixture,
                      gconstpointer      user_data)
{
  for (gsize i = 0; i < G_N_ELEMENTS (occurrence_cases); i++)
    {
      const OccurrenceCase *c = &occurrence_cases[i];
      g_autoptr(GError) error = NULL;
      g_autofree char *name = g_strdup_printf ("rows-%zu.db", i);
      g_autoptr(ResfriStore) store = resfri_test_fixture_open_other (fixture, name);
      ResfriMeetingStats stats = { 0 };

      g_test_message ("case %zu", i);
      g_assert_true (resfri_store_import_ical (store, c->ics, -1, "series.ics", &stats, &error));
      g_assert_no_error (error);
      g_assert_cmpint (stats.meetings, ==, 2);
      g_assert_cmpint (stats.occurrences, ==, c->occurrences);
      g_assert_cmpint (stats.cancelled, ==, c->cancelled);
      g_assert_cmpint (_resfri_store_query_int (store, "SELECT count(*) FROM occurrences", NULL), ==, 19);
      g_assert_cmpint (_resfri_store_query_int (store, "SELECT count(*) FROM occurrences WHERE cancelled", NULL),
                       ==, c->cancelled_rows);
      /* In the order of the series, the override's instance once. */
      g_assert_cmpint (_resfri_store_query_int (store,
                                                "SELECT count(*) FROM occurrences a JOIN occurrences b"
                                                " ON b.id = a.id + 1 AND b.meeting_id = a.meeting_id"
                                                " WHERE b.start <= a.start", NULL), ==, 0);
      g_assert_cmpint (_resfri_store_query_int (store,
                                                "SELECT count(*) FROM occurrences"
                                                " WHERE recurrence_id = '20260312T090000Z'", NULL), ==, 1);
    }
}

/* The rows of @sql, a line each, their columns ended by '|'. */
static char *
dup_rows (ResfriStore *store,
          const char  *sql)
{
  GString *out = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (_resfri_store_get_db (store), sql, -1, &stmt, NULL), ==,
                   SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      for (int k = 0; k < sqlite3_column_count (stmt); k++)
        g_string_append_printf (out, "%s|", sqlite3_column_type (stmt, k) == SQLITE_NULL ? "(null)" :
                                (const char *) sqlite3_column_text (stmt, k));
      g_string_append_c (out, '\n');
    }
  sqlite3_finalize (stmt);
  return g_string_free (out, FALSE);
}

/* Every attendee row with its meeting's UID, by meeting and address. */
static char *
dup_attendee_rows (ResfriStore *store)
{
  return dup_rows (store,
                   "SELECT m.uid, m.recurrence_id, a.email, a.name, a.cutype, a.role,"
                   "  a.partstat FROM attendees a JOIN meetings m ON m.id = a.meeting_id"
                   " ORDER BY a.meeting_id, a.email");
}

static void
test_attendees_on_parse_thread (ResfriTestFixture *fixture,
                                gconstpointer      user_data)
{
  g_autoptr(GString) ics = g_string_new (HEAD);
  g_autofree char *threaded = NULL;
  g_autofree char *alone = NULL;

  g_test_summary ("A large import's attendees, worked out on the parse thread, are the rows "
                  "worked out on the storing thread: the same values, the same order, for "
                  "events with and without a UID, overrides and masters");

  /* More than THREAD_MIN_EVENTS (256) VEVENTs. */
  for (guint i = 0; i < 300; i++)
    {
      if (i % 50 == 7)
        g_string_append (ics, "BEGIN:VEVENT\r\n");
      else
        g_string_append_printf (ics, "BEGIN:VEVENT\r\nUID:big-%u@test\r\n", i / 2);
      if (i % 2 == 1 && i % 50 != 7)
        g_string_append_printf (ics, "RECURRENCE-ID:202603%02uT090000Z\r\n", 9 + 7 * (i % 3));
      g_string_append_printf (ics, "DTSTART:202603%02uT%02u0000Z\r\nDURATION:PT1H\r\n", 9 + 7 * (i % 3), 8 + i % 8);
      if (i % 2 == 0)
        g_string_append (ics, "RRULE:FREQ=WEEKLY;COUNT=4\r\n");
      for (gsize k = 0; k < G_N_ELEMENTS (attendees); k++)
        if ((i + k) % 3 != 0)
          g_string_append_printf (ics, "%s\r\n", attendees[k]);
      for (guint k = 0; k < i % (N_MORE + 8); k++)
        g_string_append_printf (ics, "ATTENDEE;CN=Person %u;PARTSTAT=ACCEPTED:mailto:p%u@test\r\n", k, k + i);
      g_string_append (ics, "END:VEVENT\r\n");
    }
  g_string_append (ics, TAIL);

  for (int use_thread = 0; use_thread < 2; use_thread++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(ResfriStore) store = resfri_test_fixture_open_other (fixture, use_thread ? "t.db" : "o.db");
      ResfriMeetingStats stats = { 0 };
      ResfriImportTiming timing = { 0 };

      _resfri_importer_set_threads (use_thread);
      _resfri_importer_set_timing (TRUE);
      g_assert_true (resfri_store_import_ical (store, ics->str, -1, "big.ics", &stats, &error));
      g_assert_no_error (error);
      _resfri_importer_get_timing (&timing);
      _resfri_importer_set_timing (FALSE);
      g_assert_cmpint (timing.threaded, ==, use_thread);
      g_assert_cmpint (stats.meetings, ==, 300);
      if (use_thread)
        threaded = dup_attendee_rows (store);
      else
        alone = dup_attendee_rows (store);
    }

  g_assert_nonnull (strstr (alone, "|bo@test|Berg, Bo|INDIVIDUAL|(null)|TENTATIVE|"));
  g_assert_cmpstr (threaded, ==, alone);
}

/* Every meeting's organizer and online link columns, by UID. */
static char *
dup_meeting_columns (ResfriStore *store)
{
  return dup_rows (store,
                   "SELECT uid, recurrence_id, organizer, online_url FROM meetings"
                   " ORDER BY uid, recurrence_id");
}

static void
test_meeting_columns_hosts_once (ResfriTestFixture *fixture,
                                 gconstpointer      user_data)
{
  static const char * const links[] = {
    "",
    "LOCATION:https://meet.kommun.example/abc-123\r\n",
    "LOCATION:https://video.kommun.example/room/7\r\n",
    "X-MICROSOFT-SKYPETEAMSMEETINGURL:https://teams.microsoft.com/l/meetup-join/19%3a1\r\n",
    "DESCRIPTION:Join: https://zoom.us/j/123456 or https://meet.kommun.example/x\r\n",
    "LOCATION:Stadshuset\\, rum 4\r\n",
  };
  static const char * const organizers[] = {
    "", "ORGANIZER:mailto:Anna.Ek@Kommun.Example\r\n", "ORGANIZER;CN=Bo:MAILTO:bo@test\r\n",
  };
  g_autoptr(GString) ics = g_string_new (HEAD);
  char *columns[3] = { NULL, NULL, NULL };

  g_test_summary ("A large import's organizer and online link columns, with the settings' "
                  "extra meeting hosts read once and carried from the parse thread, are those "
                  "the whole-document import works out event by event");

  /* More than THREAD_MIN_EVENTS (256) VEVENTs. */
  for (guint i = 0; i < 300; i++)
    {
      if (i % 50 == 7)
        g_string_append (ics, "BEGIN:VEVENT\r\n");
      else
        g_string_append_printf (ics, "BEGIN:VEVENT\r\nUID:cols-%u@test\r\n", i / 2);
      if (i % 2 == 1 && i % 50 != 7)
        g_string_append (ics, "RECURRENCE-ID:20260316T090000Z\r\n");
      g_string_append (ics, "DTSTART:20260309T090000Z\r\nDURATION:PT1H\r\n");
      if (i % 2 == 0)
        g_string_append (ics, "RRULE:FREQ=WEEKLY;COUNT=4\r\n");
      g_string_append (ics, organizers[i % G_N_ELEMENTS (organizers)]);
      g_string_append (ics, links[i % G_N_ELEMENTS (links)]);
      g_string_append (ics, "END:VEVENT\r\n");
    }
  g_string_append (ics, TAIL);

  /* 0: the whole document, 1: streamed on one thread, 2: on the parse thread. */
  for (int mode = 0; mode < 3; mode++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *name = g_strdup_printf ("cols-%d.db", mode);
      g_autoptr(ResfriStore) store = resfri_test_fixture_open_other (fixture, name);
      ResfriMeetingStats stats = { 0 };

      g_assert_true (resfri_policy_set (store, "meeting_hosts", "kommun.example", &error));
      g_assert_no_error (error);
      _resfri_importer_set_streaming (mode != 0);
      _resfri_importer_set_threads (mode == 2);
      g_assert_true (resfri_store_import_ical (store, ics->str, -1, "cols.ics", &stats, &error));
      g_assert_no_error (error);
      g_assert_cmpint (stats.meetings, ==, 300);
      columns[mode] = dup_meeting_columns (store);
    }
  _resfri_importer_set_streaming (TRUE);

  g_assert_nonnull (strstr (columns[0], "|anna.ek@kommun.example|https://meet.kommun.example/abc-123|"));
  g_assert_nonnull (strstr (columns[0], "|https://video.kommun.example/room/7|"));
  g_assert_cmpstr (columns[1], ==, columns[0]);
  g_assert_cmpstr (columns[2], ==, columns[0]);
  for (int mode = 0; mode < 3; mode++)
    g_free (columns[mode]);
}

static void
test_large_file_checked (ResfriTestFixture *fixture,
                         gconstpointer      user_data)
{
  static const char * const bad[] = { "\x1b", "\xc3(", "\xff" };

  g_test_summary ("A large file's text, checked on a thread of its own while it is split, "
                  "gives the error of the check on one thread: the file, the line, what is "
                  "wrong, and nothing stored");

  for (gsize b = 0; b < G_N_ELEMENTS (bad); b++)
    {
      char *message[2] = { NULL, NULL };

      for (int use_thread = 0; use_thread < 2; use_thread++)
        {
          g_autoptr(GString) ics = g_string_new (HEAD);
          g_autoptr(GError) error = NULL;
          ResfriMeetingStats stats = { 0 };

          /* Over a megabyte (THREAD_MIN_BYTES), the bad byte near the end. */
          for (guint i = 0; i < 5000; i++)
            g_string_append_printf (ics, "BEGIN:VEVENT\r\nUID:large-%u@test\r\nDTSTART:20260310T090000Z\r\n"
                                         "DURATION:PT1H\r\nSUMMARY:%s %u\r\n"
                                         "DESCRIPTION:Dagordning med en lång text som fyller ut raden\r\n"
                                         "ATTENDEE;CN=Person %u;PARTSTAT=ACCEPTED:mailto:p%u@test\r\n"
                                         "END:VEVENT\r\n", i, i == 4990 ? bad[b] : "Möte", i, i, i);
          g_string_append (ics, TAIL);
          g_assert_cmpuint (ics->len, >, 1024 * 1024);

          _resfri_importer_set_threads (use_thread);
          g_assert_false (resfri_store_import_ical (fixture->store, ics->str, -1, "large.ics", &stats, &error));
          g_assert_error (error, RESFRI_ERROR, RESFRI_ERROR_INVALID_ICAL);
          g_test_message ("%s", error->message);
          /* 3 head lines, 8 a VEVENT, the SUMMARY its fifth. */
          g_assert_true (g_str_has_prefix (error->message, "large.ics:39928: "));
          message[use_thread] = g_strdup (error->message);
          g_assert_cmpint (_resfri_store_query_int (fixture->store, "SELECT count(*) FROM meetings", NULL), ==, 0);
        }
      g_assert_cmpstr (message[1], ==, message[0]);
      g_free (message[0]);
      g_free (message[1]);
    }
  _resfri_importer_set_threads (TRUE);
}

/* A file that stores the same meeting twice, and a THISANDFUTURE
 * override before its master: streamed into a store without meetings
 * (which looks up only what the import itself stored), what it stores is
 * what the whole-document import stores. */
static void
test_fresh_store_repeats (ResfriTestFixture *fixture,
                          gconstpointer      user_data)
{
  static const char ics[] = HEAD
    /* An override of a series to come, then the same one, newer. */
    "BEGIN:VEVENT\r\nUID:rep@test\r\nRECURRENCE-ID:20260316T090000Z\r\nSEQUENCE:0\r\n"
    "DTSTART:20260316T100000Z\r\nDURATION:PT1H\r\nSUMMARY:first\r\nEND:VEVENT\r\n"
    "BEGIN:VEVENT\r\nUID:rep@test\r\nRECURRENCE-ID:20260316T090000Z\r\nSEQUENCE:1\r\n"
    "DTSTART:20260316T110000Z\r\nDURATION:PT1H\r\nSUMMARY:second\r\nEND:VEVENT\r\n"
    "BEGIN:VEVENT\r\nUID:rep@test\r\nSEQUENCE:0\r\nDTSTART:20260309T090000Z\r\n"
    "DURATION:PT1H\r\nRRULE:FREQ=WEEKLY;COUNT=4\r\nSUMMARY:series\r\nEND:VEVENT\r\n"
    /* The same override once more, older: skipped. */
    "BEGIN:VEVENT\r\nUID:rep@test\r\nRECURRENCE-ID:20260316T090000Z\r\nSEQUENCE:0\r\n"
    "DTSTART:20260316T120000Z\r\nDURATION:PT1H\r\nSUMMARY:old\r\nEND:VEVENT\r\n"
    /* This and the later instances an hour later, before its master. */
    "BEGIN:VEVENT\r\nUID:future@test\r\nRECURRENCE-ID;RANGE=THISANDFUTURE:20260316T090000Z\r\n"
    "DTSTART:20260316T100000Z\r\nDURATION:PT1H\r\nSUMMARY:later\r\nEND:VEVENT\r\n"
    "BEGIN:VEVENT\r\nUID:future@test\r\nDTSTART:20260309T090000Z\r\nDURATION:PT1H\r\n"
    "RRULE:FREQ=WEEKLY;COUNT=4\r\nSUMMARY:weekly\r\nEND:VEVENT\r\n"
    TAIL;
  char *rows[2] = { NULL, NULL };

  for (int mode = 0; mode < 2; mode++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *name = g_strdup_printf ("fresh-%d.db", mode);
      g_autoptr(ResfriStore) store = resfri_test_fixture_open_other (fixture, name);
      ResfriMeetingStats stats = { 0 };
      g_autofree char *meetings = NULL;
      g_autofree char *occurrences = NULL;

      _resfri_importer_set_streaming (mode != 0);
      g_assert_true (resfri_store_import_ical (store, ics, -1, "fresh.ics", &stats, &error));
      g_assert_no_error (error);
      g_assert_cmpint (stats.meetings, ==, 5);
      g_assert_cmpint (stats.skipped, ==, 1);
      meetings = dup_rows (store, "SELECT uid, recurrence_id, sequence, summary, this_and_future"
                                  " FROM meetings ORDER BY uid, recurrence_id");
      occurrences = dup_rows (store, "SELECT uid, recurrence_id, start, end, cancelled"
                                     " FROM occurrences ORDER BY uid, recurrence_id");
      rows[mode] = g_strconcat (meetings, "\n", occurrences, NULL);
    }
  _resfri_importer_set_streaming (TRUE);

  g_assert_nonnull (strstr (rows[0], "rep@test|20260316T090000Z|1|second|"));
  g_assert_cmpstr (rows[1], ==, rows[0]);
  g_free (rows[0]);
  g_free (rows[1]);
}

/* The text check as it was, byte by byte: the whole text validated as
 * UTF-8, then the first control character before the first fault. */
static char *
reference_check (const char *data,
                 gsize       length)
{
  const char *end = NULL;
  guint line = 1;
  gsize bad = g_utf8_validate_len (data, length, &end) ? length : (gsize) (end - data);
  gsize i;

  for (i = 0; i < bad; i++)
    {
      guchar c = data[i];

      if ((c < 0x20 || c == 0x7f) && c != '\n' && c != '\t' && c != '\r')
        break;
    }
  if (i == length)
    return NULL;
  for (gsize k = 0; k < i; k++)
    line += data[k] == '\n';
  if (i < bad)
    return g_strdup_printf ("f.ics:%u: control U+%04X", line, (guint) (guchar) data[i]);
  return g_strdup_printf ("f.ics:%u: %s", line, data[bad] == '\0' ? "NUL" : "UTF-8");
}

/* The check reads ASCII text eight bytes at a time (issue #15): the same
 * verdict, line and character as byte by byte, wherever in a word the
 * fault falls, for every kind of fault. */
static void
test_check_text_words (ResfriTestFixture *fixture,
                       gconstpointer      data)
{
  static const char * const pieces[] = {
    "SUMMARY:M\xc3\xb6te", "abcdefgh", "\r\n", "\n", "\t", " ", "\xe2\x82\xac",
    "\xf0\x9f\x98\x80", "\x01", "\x1b", "\x7f", "\x7e", "\x20", "\x1f",
    "\xc3", "\x80", "\xed\xa0\x80", "\xf4\x90\x80\x80", "\xc0\xaf", "\xff",
  };
  GRand *rand = g_rand_new_with_seed (15);

  for (guint round = 0; round < 20000; round++)
    {
      g_autoptr(GString) text = g_string_new (NULL);
      g_autoptr(GError) error = NULL;
      g_autofree char *expected = NULL;
      g_autofree char *got = NULL;
      guint n = g_rand_int_range (rand, 0, 24);
      gboolean ok;

      for (guint k = 0; k < n; k++)
        {
          /* Mostly text, now and then a fault (or a NUL). */
          guint which = g_rand_int_range (rand, 0, g_rand_int_range (rand, 0, 8) == 0 ?
                                                   G_N_ELEMENTS (pieces) + 1 : 8);

          if (which == G_N_ELEMENTS (pieces))
            g_string_append_c (text, '\0');
          else
            g_string_append (text, pieces[which]);
        }

      expected = reference_check (text->str, text->len);
      ok = _resfri_importer_check_text (text->str, text->len, "f.ics", &error);
      g_assert_true (ok == (expected == NULL));
      if (ok)
        continue;
      g_assert_error (error, RESFRI_ERROR, RESFRI_ERROR_INVALID_ICAL);
      /* The same line, and the same kind of fault. */
      if (strstr (error->message, "NUL byte") != NULL)
        got = g_strdup_printf ("%.*s NUL", (int) (strchr (error->message, ' ') - error->message),
                               error->message);
      else if (strstr (error->message, "control character") != NULL)
        got = g_strdup_printf ("%.*s control %.6s", (int) (strchr (error->message, ' ') - error->message),
                               error->message, strstr (error->message, "U+"));
      else
        got = g_strdup_printf ("%.*s UTF-8", (int) (strchr (error->message, ' ') - error->message),
                               error->message);
      g_assert_cmpstr (got, ==, expected);
    }
  g_rand_free (rand);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_summary ("A meeting's attendees and occurrences, written several to a statement, are "
                  "the rows one statement per row wrote.");

  g_test_add ("/importer/rows/attendee-parameters", ResfriTestFixture, NULL,
              resfri_test_set_up_empty, test_attendee_parameters, resfri_test_tear_down);
  g_test_add ("/importer/rows/occurrences", ResfriTestFixture, NULL,
              resfri_test_set_up_empty, test_occurrence_rows, resfri_test_tear_down);
  g_test_add ("/importer/rows/attendees-on-parse-thread", ResfriTestFixture, NULL,
              resfri_test_set_up_empty, test_attendees_on_parse_thread, resfri_test_tear_down);
  g_test_add ("/importer/rows/meeting-columns-hosts-once", ResfriTestFixture, NULL,
              resfri_test_set_up_empty, test_meeting_columns_hosts_once, resfri_test_tear_down);
  g_test_add ("/importer/large/checked", ResfriTestFixture, NULL,
              resfri_test_set_up_empty, test_large_file_checked, resfri_test_tear_down);
  g_test_add ("/importer/fresh-store/repeats", ResfriTestFixture, NULL,
              resfri_test_set_up_empty, test_fresh_store_repeats, resfri_test_tear_down);
  g_test_add ("/importer/check-text/words", ResfriTestFixture, NULL,
              resfri_test_set_up_empty, test_check_text_words, resfri_test_tear_down);

  return g_test_run ();
}

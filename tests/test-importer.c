/* test-importer.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The importer (resfri-importer.c, resfri-importer-store.c): storing
 * VEVENTs (overrides, THISANDFUTURE, SEQUENCE, cancellations, the parsed
 * columns, the horizon of open-ended series), importing a stream or a
 * GFile in one transaction (also on a worker thread), and
 * `resfri-cli import` and `expand` on hand-written files and the corpus.
 */

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <sys/wait.h>

#include <glib/gstdio.h>

#include "resfri-core.h"
#include "resfri-store-private.h"
#include "resfri-test-fixture.h"
#include "resfri-test-util.h"

#include "calendars-fixture.h"

/* Fixture calendars */


static gint64
parse_utc (const char *text)
{
  int y, mo, d, h, mi, s;
  g_autoptr(GDateTime) dt = NULL;

  g_assert_cmpint (sscanf (text, "%4d%2d%2dT%2d%2d%2dZ", &y, &mo, &d, &h, &mi, &s), ==, 6);
  dt = g_date_time_new_utc (y, mo, d, h, mi, s);
  return g_date_time_to_unix (dt);
}

/* Importing a file (the desktop application) */

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
  g_clear_object (&fixture->result);
  resfri_test_fixture_tear_down (&fixture->base);
}

static GFile *
write_file (Fixture    *fixture,
            const char *name,
            const char *contents)
{
  g_autofree char *path = g_build_filename (fixture->base.dir, name, NULL);

  g_assert_true (g_file_set_contents (path, contents, -1, NULL));
  return g_file_new_for_path (path);
}

static gboolean
import_async (Fixture             *fixture,
              GFile               *file,
              ResfriMeetingStats  *stats,
              GError             **error)
{
  g_clear_object (&fixture->result);
  resfri_store_import_ical_file_async (fixture->base.store, file, NULL, resfri_test_ready,
                                       &fixture->result);
  resfri_test_wait (&fixture->result);

  return resfri_store_import_ical_file_finish (fixture->base.store, fixture->result, stats, error);
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
  g_assert_cmpint (_resfri_store_query_int (fixture->base.store, "SELECT count(*) FROM occurrences", NULL),
                   ==, 6);
  g_assert_cmpint (_resfri_store_query_int (fixture->base.store,
                                            "SELECT count(*) FROM meetings WHERE source = 'Ledning 2026.ics'",
                                            NULL), ==, 2);
}


/* A calendar of @n single events. */
static char *
dup_many_events (guint n)
{
  GString *text = g_string_new ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n");

  for (guint i = 0; i < n; i++)
    g_string_append_printf (text,
                            "BEGIN:VEVENT\r\nUID:many-%u@test\r\nDTSTART:20260310T%02u0000Z\r\n"
                            "DTEND:20260310T%02u3000Z\r\nSUMMARY:Möte %u\r\nEND:VEVENT\r\n",
                            i, i % 20, i % 20, i);
  g_string_append (text, "END:VCALENDAR\r\n");
  return g_string_free (text, FALSE);
}

typedef struct
{
  GCancellable *cancellable;
  double        cancel_at;
  double        last;
  guint         calls;
} CancelProgress;

static void
cancel_progress_cb (double   fraction,
                    gpointer user_data)
{
  CancelProgress *state = user_data;

  g_assert_cmpfloat (fraction, >=, state->last);
  state->last = fraction;
  state->calls++;
  if (fraction >= state->cancel_at)
    g_cancellable_cancel (state->cancellable);
}

static void
test_import_cancel (Fixture       *fixture,
                    gconstpointer  user_data)
{
  gboolean streaming = GPOINTER_TO_INT (user_data) != 0;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *data = dup_many_events (2000);
  CancelProgress state = { cancellable, 0.3, 0, 0 };
  ResfriMeetingStats stats = { 0 };

  g_test_summary ("An import cancelled half-way stores nothing, on both paths, and says how far "
                  "it got before");

  _resfri_importer_set_streaming (streaming);
  /* 2: the VEVENTs parsed on a thread of their own, whatever the load. */
  if (GPOINTER_TO_INT (user_data) == 2)
    _resfri_importer_set_threads (TRUE);
  g_assert_false (resfri_store_import_ical_cancellable (fixture->base.store, data, -1, "many.ics",
                                                        RESFRI_IMPORT_NONE, &stats, NULL,
                                                        cancellable, cancel_progress_cb, &state,
                                                        &error));
  _resfri_importer_set_streaming (TRUE);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (state.calls, >, 2);
  g_assert_cmpfloat (state.last, <, 0.5);
  g_assert_cmpint (stats.meetings, ==, 0);
  g_assert_cmpint (_resfri_store_query_int (fixture->base.store, "SELECT count(*) FROM meetings", NULL),
                   ==, 0);
  g_assert_cmpint (_resfri_store_query_int (fixture->base.store, "SELECT count(*) FROM occurrences", NULL),
                   ==, 0);
  g_assert_cmpint (_resfri_store_query_int (fixture->base.store, "SELECT count(*) FROM audit_log", NULL),
                   ==, 0);

  /* Not cancelled, the same data imports whole. */
  g_clear_error (&error);
  g_assert_true (resfri_store_import_ical_cancellable (fixture->base.store, data, -1, "many.ics",
                                                       RESFRI_IMPORT_NONE, &stats, NULL,
                                                       NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (stats.meetings, ==, 2000);
}

/* Every index of the store and its SQL, one per line. */
static char *
dup_indexes (ResfriStore *store)
{
  GString *out = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (_resfri_store_get_db (store),
                                       "SELECT name, coalesce (sql, '') FROM sqlite_schema"
                                       " WHERE type = 'index' ORDER BY name", -1, &stmt, NULL),
                   ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (out, "%s %s\n", sqlite3_column_text (stmt, 0), sqlite3_column_text (stmt, 1));
  sqlite3_finalize (stmt);
  return g_string_free (out, FALSE);
}

static void
test_import_bulk (Fixture       *fixture,
                  gconstpointer  user_data)
{
  ResfriStore *store = fixture->base.store;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = dup_indexes (store);
  g_autofree char *after = NULL;
  g_autofree char *data = dup_many_events (2500);
  g_autofree char *broken = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *line = NULL;
  g_autofree char *head = NULL;
  ResfriMeetingStats stats = { 0 };
  ResfriImportTiming timing = { 0 };
  gint64 start;

  g_test_summary ("A large import builds the indexes it set aside again, exactly as they were, "
                  "and a failed one leaves them and writes nothing (its VEVENTs parsed on a "
                  "thread of their own or not)");

  _resfri_importer_set_threads (GPOINTER_TO_INT (user_data));

  g_assert_nonnull (strstr (before, "occurrences_start CREATE INDEX"));
  g_assert_nonnull (strstr (before, "attendees_email CREATE INDEX"));

  /* Broken at its last event (its DTSTART): that line of the file in the error. */
  head = g_strndup (data, strlen (data) - strlen ("END:VCALENDAR\r\n"));
  line = g_strdup_printf ("%u", 3 + 2500 * 6 + 3);
  broken = g_strconcat (head, "BEGIN:VEVENT\r\nUID:broken@test\r\n",
                        "DTSTART:20260310T1200\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n", NULL);
  g_assert_false (resfri_store_import_ical (store, broken, -1, "broken.ics", &stats, &error));
  g_assert_error (error, RESFRI_ERROR, RESFRI_ERROR_INVALID_ICAL);
  expected = g_strdup_printf ("broken.ics:%s: ", line);
  g_assert_true (g_str_has_prefix (error->message, expected));
  g_clear_error (&error);
  g_assert_cmpint (_resfri_store_query_int (store, "SELECT count(*) FROM meetings", NULL), ==, 0);
  after = dup_indexes (store);
  g_assert_cmpstr (after, ==, before);
  g_clear_pointer (&after, g_free);

  _resfri_importer_set_timing (TRUE);
  g_assert_true (resfri_store_import_ical (store, data, -1, "many.ics", &stats, &error));
  g_assert_no_error (error);
  _resfri_importer_get_timing (&timing);
  _resfri_importer_set_timing (FALSE);
  g_assert_cmpint (stats.meetings, ==, 2500);
  g_assert_cmpint (timing.threaded, ==, GPOINTER_TO_INT (user_data));
  /* The indexes were built at the end: the import set them aside. */
  g_assert_cmpfloat (timing.indexes, >, 0);
  after = dup_indexes (store);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpint (_resfri_store_query_int (store, "SELECT count(*) FROM pragma_integrity_check"
                                                   " WHERE integrity_check <> 'ok'", NULL), ==, 0);
  /* Read through the rebuilt index of starts. */
  start = parse_utc ("20260310T050000Z");
  {
    g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM occurrences INDEXED BY occurrences_start"
                                            " WHERE start = %" G_GINT64_FORMAT, start);

    g_assert_cmpint (_resfri_store_query_int (store, sql, NULL), ==, 125);
  }

  /* Again: each meeting replaced (its rows deleted with the indexes set
   * aside), nothing else changes. */
  g_assert_true (resfri_store_import_ical (store, data, -1, "many.ics", &stats, &error));
  g_assert_no_error (error);
  g_assert_cmpint (_resfri_store_query_int (store, "SELECT count(*) FROM meetings", NULL), ==, 2500);
  g_assert_cmpint (_resfri_store_query_int (store, "SELECT count(*) FROM occurrences", NULL), ==, 2500);
  g_assert_cmpint (_resfri_store_query_int (store, "SELECT count(*) FROM pragma_integrity_check"
                                                   " WHERE integrity_check <> 'ok'", NULL), ==, 0);

  /* Fewer than the store holds: the indexes stay. */
  g_clear_pointer (&data, g_free);
  data = dup_many_events (2000);
  _resfri_importer_set_timing (TRUE);
  g_assert_true (resfri_store_import_ical (store, data, -1, "many.ics", &stats, &error));
  g_assert_no_error (error);
  _resfri_importer_get_timing (&timing);
  _resfri_importer_set_timing (FALSE);
  g_assert_cmpfloat (timing.indexes, ==, 0);
  g_clear_pointer (&after, g_free);
  after = dup_indexes (store);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpint (_resfri_store_query_int (store, "SELECT count(*) FROM meetings", NULL), ==, 2500);
}

static void
on_async_progress_cb (double   fraction,
                      gpointer user_data)
{
  g_assert_true (g_main_context_is_owner (g_main_context_default ()));
  cancel_progress_cb (fraction, user_data);
}

static void
test_import_cancel_async (Fixture       *fixture,
                          gconstpointer  user_data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *data = dup_many_events (3000);
  g_autoptr(GFile) file = write_file (fixture, "many.ics", data);
  CancelProgress state = { cancellable, 0.2, 0, 0 };
  ResfriMeetingStats stats = { 0 };

  g_test_summary ("The window's import reports progress in its main context and, cancelled, "
                  "leaves the database as it was");

  resfri_store_import_ical_file_progress_async (fixture->base.store, file, RESFRI_IMPORT_NONE,
                                                on_async_progress_cb, &state, cancellable,
                                                resfri_test_ready, &fixture->result);
  resfri_test_wait (&fixture->result);
  g_assert_false (resfri_store_import_ical_file_full_finish (fixture->base.store, fixture->result,
                                                            &stats, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (state.calls, >, 0);
  g_assert_cmpint (_resfri_store_query_int (fixture->base.store, "SELECT count(*) FROM meetings", NULL),
                   ==, 0);
}

static void
test_search (Fixture       *fixture,
             gconstpointer  user_data)
{
  ResfriStore *store = fixture->base.store;
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GError) error = NULL;
  const char * const stamning[] = { "AVSTÄMNING", NULL };
  const char * const anna[] = { "anna", "svensson", NULL };
  const char * const tag[] = { "h-00", NULL };
  const char * const room[] = { "rum", "tolv", NULL };
  const char * const none[] = { "anna", "nobody", NULL };
  static const char sites[] = "id,name,latitude,longitude\nVBG,Vänersborg,58.38,12.32\n";
  static const char people[] = "email,name,unit,site\n"
                               "anna.svensson@vanersborg.se,Anna Svensson,Kommunstyrelsen,VBG\n";
  static const char rooms[] = "id,name,site,capacity\nVBG-R12,Rum tolv,VBG,8\n";
  static const char items[] = "asset_tag,type,site,owner_email\n"
                              "H-0001,headset,VBG,anna.svensson@vanersborg.se\n";

  g_test_summary ("GNOME Shell's search: meetings by title, people, asset tags and rooms, "
                  "every term in any case");

  g_assert_true (resfri_register_import_data (store, RESFRI_REGISTER_SITES, "s.csv", sites,
                                              strlen (sites), NULL, &error));
  g_assert_true (resfri_register_import_data (store, RESFRI_REGISTER_PEOPLE, "p.csv", people,
                                              strlen (people), NULL, &error));
  g_assert_true (resfri_register_import_data (store, RESFRI_REGISTER_ROOMS, "r.csv", rooms,
                                              strlen (rooms), NULL, &error));
  g_assert_true (resfri_register_import_data (store, RESFRI_REGISTER_INVENTORY, "i.csv", items,
                                              strlen (items), NULL, &error));
  g_assert_true (resfri_store_import_ical (store, GOOD_ICS, -1, "good.ics", NULL, &error));
  g_assert_no_error (error);

  hits = resfri_store_search (store, stamning, 5, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 1);
  g_assert_cmpstr (((ResfriSearchHit *) hits->pdata[0])->id, ==, "meeting:single@test");
  g_assert_cmpstr (((ResfriSearchHit *) hits->pdata[0])->title, ==, "Avstämning");
  g_clear_pointer (&hits, g_ptr_array_unref);

  hits = resfri_store_search (store, anna, 5, &error);
  g_assert_cmpuint (hits->len, ==, 1);
  g_assert_cmpstr (((ResfriSearchHit *) hits->pdata[0])->id, ==,
                   "person:anna.svensson@vanersborg.se");
  g_clear_pointer (&hits, g_ptr_array_unref);

  hits = resfri_store_search (store, tag, 5, &error);
  g_assert_cmpuint (hits->len, ==, 1);
  g_assert_cmpstr (((ResfriSearchHit *) hits->pdata[0])->id, ==, "item:H-0001");
  g_clear_pointer (&hits, g_ptr_array_unref);

  hits = resfri_store_search (store, room, 5, &error);
  g_assert_cmpuint (hits->len, ==, 1);
  g_assert_cmpstr (((ResfriSearchHit *) hits->pdata[0])->id, ==, "room:VBG-R12");
  g_clear_pointer (&hits, g_ptr_array_unref);

  hits = resfri_store_search (store, none, 5, &error);
  g_assert_cmpuint (hits->len, ==, 0);
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
  g_assert_cmpint (_resfri_store_query_int (fixture->base.store, "SELECT count(*) FROM meetings", NULL), ==, 2);
  g_assert_cmpint (_resfri_store_query_int (fixture->base.store,
                                            "SELECT count(*) FROM meetings WHERE uid = 'ok@test'", NULL),
                   ==, 0);
}

static void
test_import_file_missing (Fixture       *fixture,
                          gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (fixture->base.dir, "gone.ics", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  g_assert_false (resfri_store_import_ical_file (fixture->base.store, file, NULL, NULL, &error));
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

  put_at (fixture->base.store,
          "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n"
          "BEGIN:VEVENT\r\nUID:open@test\r\nDTSTART;TZID=Europe/Stockholm:20260105T090000\r\n"
          "DTEND;TZID=Europe/Stockholm:20260105T100000\r\nRRULE:FREQ=WEEKLY\r\nEND:VEVENT\r\n"
          "BEGIN:VEVENT\r\nUID:open@test\r\nRECURRENCE-ID;TZID=Europe/Stockholm:20260112T090000\r\n"
          "DTSTART;TZID=Europe/Stockholm:20260112T130000\r\n"
          "DTEND;TZID=Europe/Stockholm:20260112T140000\r\nEND:VEVENT\r\n"
          "BEGIN:VEVENT\r\nUID:finite@test\r\nDTSTART;TZID=Europe/Stockholm:20260105T110000\r\n"
          "DTEND;TZID=Europe/Stockholm:20260105T120000\r\nRRULE:FREQ=WEEKLY;COUNT=10\r\nEND:VEVENT\r\n"
          "END:VCALENDAR\r\n", t0);

  open_before = count_of (fixture->base.store, "open@test");
  finite_before = count_of (fixture->base.store, "finite@test");
  g_assert_cmpint (finite_before, ==, 10);
  /* 24 months of Mondays, the overridden one included once. */
  g_assert_cmpint (open_before, >=, 104);
  g_assert_cmpint (open_before, <=, 106);

  /* Within a month nothing is due. */
  g_assert_true (resfri_store_extend_horizon (fixture->base.store, t0 + 10 * day, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 0);
  g_assert_cmpint (count_of (fixture->base.store, "open@test"), ==, open_before);

  /* A year later: 52 more Mondays, the override still once, at 13:00. */
  g_assert_true (resfri_store_extend_horizon (fixture->base.store, t0 + 364 * day, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 1);
  open_after = count_of (fixture->base.store, "open@test");
  g_assert_cmpint (open_after, ==, open_before + 52);
  g_assert_cmpint (count_of (fixture->base.store, "finite@test"), ==, 10);
  g_assert_cmpint (_resfri_store_query_int (fixture->base.store,
                                            "SELECT count(*) FROM occurrences WHERE uid = 'open@test'"
                                            " AND recurrence_id = '20260112T080000Z'", NULL), ==, 1);
  g_assert_cmpint (_resfri_store_query_int (fixture->base.store,
                                            "SELECT start FROM occurrences WHERE uid = 'open@test'"
                                            " AND recurrence_id = '20260112T080000Z'", NULL),
                   ==, 1768219200);

  /* And again at once: nothing more. */
  g_assert_true (resfri_store_extend_horizon (fixture->base.store, t0 + 365 * day, &n, &error));
  g_assert_cmpuint (n, ==, 0);
  g_assert_cmpint (count_of (fixture->base.store, "open@test"), ==, open_after);
}

static void
test_extend_horizon_none (Fixture       *fixture,
                          gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *at = NULL;
  /* 2026-01-05 08:00 UTC, a Monday. */
  const gint64 t0 = 1767600000;
  const gint64 day = 24 * 3600;
  guint n = 99;

  g_test_summary ("Without open-ended series, a month after the import the date is kept, "
                  "so that the next month's opens need not read every meeting again");

  put_at (fixture->base.store,
          "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n"
          "BEGIN:VEVENT\r\nUID:finite@test\r\nDTSTART;TZID=Europe/Stockholm:20260105T110000\r\n"
          "DTEND;TZID=Europe/Stockholm:20260105T120000\r\nRRULE:FREQ=WEEKLY;COUNT=10\r\nEND:VEVENT\r\n"
          "END:VCALENDAR\r\n", t0);

  /* Within a month nothing is due, and nothing is written. */
  g_assert_true (resfri_store_extend_horizon (fixture->base.store, t0 + 10 * day, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 0);
  at = resfri_store_dup_meta (fixture->base.store, "horizon-at");
  g_assert_null (at);

  /* Later: nothing to expand, the date is kept. */
  g_assert_true (resfri_store_extend_horizon (fixture->base.store, t0 + 40 * day, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 0);
  at = resfri_store_dup_meta (fixture->base.store, "horizon-at");
  g_assert_cmpint (g_ascii_strtoll (at, NULL, 10), ==, t0 + 40 * day);
  g_assert_cmpint (count_of (fixture->base.store, "finite@test"), ==, 10);
  g_clear_pointer (&at, g_free);

  /* A month after that date it is due again, and is kept again. */
  g_assert_true (resfri_store_extend_horizon (fixture->base.store, t0 + 75 * day, &n, &error));
  g_assert_cmpuint (n, ==, 0);
  at = resfri_store_dup_meta (fixture->base.store, "horizon-at");
  g_assert_cmpint (g_ascii_strtoll (at, NULL, 10), ==, t0 + 75 * day);
}

/* Storing VEVENTs */

/* Parses @ics and stores its VEVENTs in file order, in one transaction. */
static void
put_calendar (ResfriStore        *store,
              const char         *ics,
              ResfriMeetingStats *stats)
{
  g_autoptr(ResfriIcalDocument) doc = NULL;
  g_autoptr(GError) error = NULL;
  icalcomponent *cal;
  icalcomponent *vevent;

  doc = resfri_ical_document_parse (ics, -1, "store.ics", &error);
  g_assert_no_error (error);
  cal = g_ptr_array_index (resfri_ical_document_get_roots (doc), 0);

  g_assert_true (_resfri_store_begin (store, &error));
  for (vevent = icalcomponent_get_first_component (cal, ICAL_VEVENT_COMPONENT);
       vevent != NULL;
       vevent = icalcomponent_get_next_component (cal, ICAL_VEVENT_COMPONENT))
    {
      resfri_store_put_vevent_at (store, vevent, "test", parse_utc ("20260101T000000Z"), stats, &error);
      g_assert_no_error (error);
    }
  g_assert_true (_resfri_store_commit (store, &error));
  g_assert_no_error (error);
}

/* "rid start end flags" lines of the stored occurrences of @uid. */
static char *
dump_occurrences (ResfriStore *store,
                  const char  *uid)
{
  sqlite3_stmt *stmt;
  GString *out = g_string_new (NULL);

  stmt = _resfri_store_prepare (store,
                                "SELECT recurrence_id, start, end, all_day, floating, cancelled"
                                " FROM occurrences WHERE uid = ?1 ORDER BY start, recurrence_id",
                                NULL);
  g_assert_nonnull (stmt);
  sqlite3_bind_text (stmt, 1, uid, -1, SQLITE_STATIC);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      char start[20], end[20];

      resfri_ical_format_unix_utc (sqlite3_column_int64 (stmt, 1), start);
      resfri_ical_format_unix_utc (sqlite3_column_int64 (stmt, 2), end);
      g_string_append_printf (out, "%s %s %s%s%s%s\n",
                              (const char *) sqlite3_column_text (stmt, 0), start, end,
                              sqlite3_column_int (stmt, 3) ? " all-day" : "",
                              sqlite3_column_int (stmt, 4) ? " floating" : "",
                              sqlite3_column_int (stmt, 5) ? " cancelled" : "");
    }
  sqlite3_reset (stmt);

  return g_string_free (out, FALSE);
}

static char *
query_text (ResfriStore *store,
            const char  *sql,
            const char  *arg)
{
  sqlite3_stmt *stmt = _resfri_store_prepare (store, sql, NULL);
  char *value = NULL;

  g_assert_nonnull (stmt);
  sqlite3_bind_text (stmt, 1, arg, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);

  return value;
}

static void
test_store_override_after_master (Fixture       *fixture,
                                  gconstpointer  data)
{
  ResfriMeetingStats stats = { 0 };
  g_autofree char *dump = NULL;

  put_calendar (fixture->base.store, CAL_BEGIN SERIES OVERRIDE CAL_END, &stats);
  dump = dump_occurrences (fixture->base.store, "s1");
  g_assert_cmpstr (dump, ==, SERIES_EXPECTED);
  g_assert_cmpint (stats.meetings, ==, 2);
  g_assert_cmpint (stats.occurrences, ==, 4);   /* 3 + the override's */
  g_assert_cmpint (stats.skipped, ==, 0);
}

static void
test_store_override_before_master (Fixture       *fixture,
                                   gconstpointer  data)
{
  ResfriMeetingStats stats = { 0 };
  g_autofree char *dump = NULL;

  put_calendar (fixture->base.store, CAL_BEGIN OVERRIDE SERIES CAL_END, &stats);
  dump = dump_occurrences (fixture->base.store, "s1");
  g_assert_cmpstr (dump, ==, SERIES_EXPECTED);
  g_assert_cmpint (stats.occurrences, ==, 3);
}

static void
test_store_master_replaced_keeps_override (Fixture       *fixture,
                                           gconstpointer  data)
{
  g_autofree char *dump = NULL;
  ResfriStoreCounts counts;
  g_autoptr(GError) error = NULL;

  put_calendar (fixture->base.store, CAL_BEGIN SERIES OVERRIDE CAL_END, NULL);
  /* The same series again (a re-import): the override stays in place. */
  put_calendar (fixture->base.store, CAL_BEGIN SERIES CAL_END, NULL);
  dump = dump_occurrences (fixture->base.store, "s1");
  g_assert_cmpstr (dump, ==, SERIES_EXPECTED);

  g_assert_true (resfri_store_get_counts (fixture->base.store, &counts, &error));
  g_assert_cmpint (counts.meetings, ==, 2);
  g_assert_cmpint (counts.occurrences, ==, 3);
}

#define TAF_MASTER \
  "BEGIN:VEVENT\r\nUID:t\r\nDTSTART;TZID=Europe/Stockholm:20260316T090000\r\n" \
  "DURATION:PT1H\r\nRRULE:FREQ=WEEKLY;COUNT=4\r\nEND:VEVENT\r\n"
#define TAF_OVERRIDE \
  "BEGIN:VEVENT\r\nUID:t\r\nRECURRENCE-ID;RANGE=THISANDFUTURE;TZID=Europe/Stockholm:20260323T090000\r\n" \
  "DTSTART;TZID=Europe/Stockholm:20260323T100000\r\nDURATION:PT30M\r\nEND:VEVENT\r\n"
#define TAF_EXPECTED \
  "20260316T080000Z 20260316T080000Z 20260316T090000Z\n" \
  "20260323T080000Z 20260323T090000Z 20260323T093000Z\n" \
  "20260330T070000Z 20260330T080000Z 20260330T083000Z\n" \
  "20260406T070000Z 20260406T080000Z 20260406T083000Z\n"

static void
test_store_this_and_future (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autofree char *dump = NULL;

  /* Master first, then the override moves the later occurrences. */
  put_calendar (fixture->base.store, CAL_BEGIN TAF_MASTER CAL_END, NULL);
  put_calendar (fixture->base.store, CAL_BEGIN TAF_OVERRIDE CAL_END, NULL);
  dump = dump_occurrences (fixture->base.store, "t");
  g_assert_cmpstr (dump, ==, TAF_EXPECTED);
  g_clear_pointer (&dump, g_free);

  /* The master again (a re-import) keeps them moved. */
  put_calendar (fixture->base.store, CAL_BEGIN TAF_MASTER CAL_END, NULL);
  dump = dump_occurrences (fixture->base.store, "t");
  g_assert_cmpstr (dump, ==, TAF_EXPECTED);
  g_clear_pointer (&dump, g_free);

  /* The override becomes a plain one: only its own occurrence moves. */
  put_calendar (fixture->base.store,
                CAL_BEGIN
                "BEGIN:VEVENT\r\nUID:t\r\nRECURRENCE-ID;TZID=Europe/Stockholm:20260323T090000\r\n"
                "DTSTART;TZID=Europe/Stockholm:20260323T100000\r\nDURATION:PT30M\r\nEND:VEVENT\r\n"
                CAL_END, NULL);
  dump = dump_occurrences (fixture->base.store, "t");
  g_assert_cmpstr (dump, ==,
                   "20260316T080000Z 20260316T080000Z 20260316T090000Z\n"
                   "20260323T080000Z 20260323T090000Z 20260323T093000Z\n"
                   "20260330T070000Z 20260330T070000Z 20260330T080000Z\n"
                   "20260406T070000Z 20260406T070000Z 20260406T080000Z\n");
}

static void
test_store_this_and_future_first (Fixture       *fixture,
                                  gconstpointer  data)
{
  g_autofree char *dump = NULL;

  put_calendar (fixture->base.store, CAL_BEGIN TAF_OVERRIDE TAF_MASTER CAL_END, NULL);
  dump = dump_occurrences (fixture->base.store, "t");
  g_assert_cmpstr (dump, ==, TAF_EXPECTED);
}

static void
test_store_sequence (Fixture       *fixture,
                     gconstpointer  data)
{
  ResfriMeetingStats stats = { 0 };
  g_autofree char *dump = NULL;
  g_autofree char *summary = NULL;

  put_calendar (fixture->base.store,
                CAL_BEGIN
                "BEGIN:VEVENT\r\nUID:q\r\nSEQUENCE:1\r\nSUMMARY:first\r\nDTSTART:20260202T090000Z\r\nEND:VEVENT\r\n"
                CAL_END, &stats);
  /* Lower SEQUENCE: skipped. */
  put_calendar (fixture->base.store,
                CAL_BEGIN
                "BEGIN:VEVENT\r\nUID:q\r\nSEQUENCE:0\r\nSUMMARY:older\r\nDTSTART:20260203T090000Z\r\nEND:VEVENT\r\n"
                CAL_END, &stats);
  g_assert_cmpint (stats.skipped, ==, 1);
  summary = query_text (fixture->base.store, "SELECT summary FROM meetings WHERE uid = ?1", "q");
  g_assert_cmpstr (summary, ==, "first");
  g_clear_pointer (&summary, g_free);

  /* Equal SEQUENCE: replaces (a re-import of a changed file). */
  put_calendar (fixture->base.store,
                CAL_BEGIN
                "BEGIN:VEVENT\r\nUID:q\r\nSEQUENCE:1\r\nSUMMARY:same\r\nDTSTART:20260204T090000Z\r\nDTEND:20260204T100000Z\r\nEND:VEVENT\r\n"
                CAL_END, &stats);
  summary = query_text (fixture->base.store, "SELECT summary FROM meetings WHERE uid = ?1", "q");
  g_assert_cmpstr (summary, ==, "same");
  dump = dump_occurrences (fixture->base.store, "q");
  g_assert_cmpstr (dump, ==, " 20260204T090000Z 20260204T100000Z\n");
  g_assert_cmpint (stats.meetings, ==, 2);
  g_assert_cmpint (stats.skipped, ==, 1);
}

static void
test_store_cancelled (Fixture       *fixture,
                      gconstpointer  data)
{
  ResfriMeetingStats stats = { 0 };
  g_autofree char *dump = NULL;

  put_calendar (fixture->base.store,
                CAL_BEGIN SERIES
                "BEGIN:VEVENT\r\nUID:s1\r\nRECURRENCE-ID:20260405T070000Z\r\nSTATUS:CANCELLED\r\n"
                "DTSTART;TZID=Europe/Stockholm:20260405T090000\r\nDURATION:PT1H\r\nEND:VEVENT\r\n"
                CAL_END, &stats);
  dump = dump_occurrences (fixture->base.store, "s1");
  g_assert_cmpstr (dump, ==,
                   "20260322T080000Z 20260322T080000Z 20260322T090000Z\n"
                   "20260329T070000Z 20260329T070000Z 20260329T080000Z\n"
                   "20260405T070000Z 20260405T070000Z 20260405T080000Z cancelled\n");
  g_assert_cmpint (stats.cancelled, ==, 1);
  g_clear_pointer (&dump, g_free);

  /* Cancelling the whole series marks every occurrence. */
  put_calendar (fixture->base.store,
                CAL_BEGIN
                "BEGIN:VEVENT\r\nUID:s1\r\nSEQUENCE:1\r\nSTATUS:CANCELLED\r\nDTSTART;TZID=Europe/Stockholm:20260322T090000\r\n"
                "DURATION:PT1H\r\nRRULE:FREQ=WEEKLY;COUNT=3\r\nEND:VEVENT\r\n"
                CAL_END, NULL);
  dump = dump_occurrences (fixture->base.store, "s1");
  g_assert_cmpstr (dump, ==,
                   "20260322T080000Z 20260322T080000Z 20260322T090000Z cancelled\n"
                   "20260329T070000Z 20260329T070000Z 20260329T080000Z cancelled\n"
                   "20260405T070000Z 20260405T070000Z 20260405T080000Z cancelled\n");
}

static void
test_store_columns (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *dump = NULL;
  g_autofree char *organizer = NULL;
  g_autofree char *url = NULL;
  g_autofree char *tzid = NULL;
  g_autofree char *ical = NULL;
  g_autofree char *partstat = NULL;
  g_autofree char *cutype = NULL;
  g_autofree char *source = NULL;
  gint64 attendees;

  put_calendar (fixture->base.store,
                CAL_BEGIN
                "BEGIN:VEVENT\r\nUID:m1\r\nDTSTART;TZID=W. Europe Standard Time:20260115T090000\r\n"
                "DTEND;TZID=W. Europe Standard Time:20260115T100000\r\n"
                "ORGANIZER;CN=Anna:MAILTO:Anna.Berg@Example.SE\r\n"
                "ATTENDEE;CN=Bo;PARTSTAT=ACCEPTED;ROLE=REQ-PARTICIPANT:mailto:BO@example.se\r\n"
                "ATTENDEE;CUTYPE=ROOM:mailto:rum-1@example.se\r\n"
                "ATTENDEE:mailto:bo@example.se\r\n"
                "X-MICROSOFT-SKYPETEAMSMEETINGURL:https://teams.microsoft.com/l/x\r\n"
                "SUMMARY:Möte\r\nEND:VEVENT\r\n"
                "BEGIN:VEVENT\r\nUID:allday\r\nDTSTART;VALUE=DATE:20260115\r\nEND:VEVENT\r\n"
                "BEGIN:VEVENT\r\nUID:float\r\nDTSTART:20260715T090000\r\nDURATION:PT1H\r\nEND:VEVENT\r\n"
                CAL_END, NULL);

  organizer = query_text (fixture->base.store, "SELECT organizer FROM meetings WHERE uid = ?1", "m1");
  g_assert_cmpstr (organizer, ==, "anna.berg@example.se");
  url = query_text (fixture->base.store, "SELECT online_url FROM meetings WHERE uid = ?1", "m1");
  g_assert_cmpstr (url, ==, "https://teams.microsoft.com/l/x");
  tzid = query_text (fixture->base.store, "SELECT tzid FROM meetings WHERE uid = ?1", "m1");
  g_assert_cmpstr (tzid, ==, "W. Europe Standard Time");
  source = query_text (fixture->base.store, "SELECT source FROM meetings WHERE uid = ?1", "m1");
  g_assert_cmpstr (source, ==, "test");
  ical = query_text (fixture->base.store, "SELECT ical FROM meetings WHERE uid = ?1", "m1");
  g_assert_true (g_str_has_prefix (ical, "BEGIN:VEVENT"));
  g_assert_nonnull (strstr (ical, "SUMMARY:Möte"));
  partstat = query_text (fixture->base.store, "SELECT partstat FROM attendees WHERE email = ?1", "bo@example.se");
  g_assert_cmpstr (partstat, ==, "ACCEPTED");
  cutype = query_text (fixture->base.store, "SELECT cutype FROM attendees WHERE email = ?1", "rum-1@example.se");
  g_assert_cmpstr (cutype, ==, "ROOM");
  attendees = _resfri_store_query_int (fixture->base.store, "SELECT count(*) FROM attendees", NULL);
  g_assert_cmpint (attendees, ==, 2);

  dump = dump_occurrences (fixture->base.store, "m1");
  g_assert_cmpstr (dump, ==, " 20260115T080000Z 20260115T090000Z\n");
  g_clear_pointer (&dump, g_free);
  /* All-day: Stockholm midnight to midnight. */
  dump = dump_occurrences (fixture->base.store, "allday");
  g_assert_cmpstr (dump, ==, " 20260114T230000Z 20260115T230000Z all-day\n");
  g_clear_pointer (&dump, g_free);
  /* Floating: placed in Stockholm (summer time here). */
  dump = dump_occurrences (fixture->base.store, "float");
  g_assert_cmpstr (dump, ==, " 20260715T070000Z 20260715T080000Z floating\n");
}

static void
test_store_horizon_and_cap (Fixture       *fixture,
                            gconstpointer  data)
{
  gint64 n, last;

  put_calendar (fixture->base.store,
                CAL_BEGIN
                "BEGIN:VEVENT\r\nUID:inf\r\nDTSTART;TZID=Europe/Stockholm:20260105T090000\r\n"
                "DURATION:PT1H\r\nRRULE:FREQ=WEEKLY\r\nEND:VEVENT\r\n"
                "BEGIN:VEVENT\r\nUID:sec\r\nDTSTART:20260105T090000Z\r\nRRULE:FREQ=SECONDLY\r\nEND:VEVENT\r\n"
                CAL_END, NULL);

  /* "now" is 2026-01-01, DTSTART 2026-01-05: 24 months of Mondays. */
  n = _resfri_store_query_int (fixture->base.store, "SELECT count(*) FROM occurrences WHERE uid = 'inf'", NULL);
  last = _resfri_store_query_int (fixture->base.store, "SELECT max(start) FROM occurrences WHERE uid = 'inf'", NULL);
  g_assert_cmpint (n, ==, 105);
  g_assert_cmpint (last, <, parse_utc ("20280105T090000Z"));
  g_assert_cmpint (last, >=, parse_utc ("20271227T000000Z"));

  n = _resfri_store_query_int (fixture->base.store, "SELECT count(*) FROM occurrences WHERE uid = 'sec'", NULL);
  g_assert_cmpint (n, ==, RESFRI_EXPAND_MAX_OCCURRENCES);
}

/* The demo builds components in memory with libical's API. */
static void
test_store_built_in_memory (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dump = NULL;
  icaltimezone *zone = icaltimezone_get_builtin_timezone ("Europe/Stockholm");
  struct icaltimetype start = icaltime_from_string ("20261023T090000");
  struct icalrecurrencetype recur;
  icalcomponent *a = icalcomponent_new (ICAL_VEVENT_COMPONENT);
  icalcomponent *b = icalcomponent_new (ICAL_VEVENT_COMPONENT);
  icalproperty *prop;

  start = icaltime_set_timezone (&start, zone);
  icalrecurrencetype_clear (&recur);
  recur.freq = ICAL_DAILY_RECURRENCE;
  recur.count = 3;

  /* icalcomponent_set_dtstart writes libical's own TZID for the zone. */
  icalcomponent_set_uid (a, "mem-a");
  icalcomponent_set_dtstart (a, start);
  icalcomponent_set_duration (a, icaldurationtype_from_int (3600));
  icalcomponent_add_property (a, icalproperty_new_rrule (recur));

  /* libical drops the zone of a value without a TZID parameter: the time
   * is floating, as its text says. */
  icalcomponent_set_uid (b, "mem-b");
  icalcomponent_add_property (b, icalproperty_new_dtstart (start));
  prop = icalproperty_new_x ("https://meet.google.com/abc");
  icalproperty_set_x_name (prop, "X-GOOGLE-CONFERENCE");
  icalcomponent_add_property (b, prop);

  g_assert_true (_resfri_store_begin (fixture->base.store, &error));
  g_assert_true (resfri_store_put_vevent (fixture->base.store, a, "demo", NULL, &error));
  g_assert_true (resfri_store_put_vevent (fixture->base.store, b, "demo", NULL, &error));
  g_assert_true (_resfri_store_commit (fixture->base.store, &error));
  g_assert_no_error (error);

  dump = dump_occurrences (fixture->base.store, "mem-a");
  g_assert_cmpstr (dump, ==,
                   "20261023T070000Z 20261023T070000Z 20261023T080000Z\n"
                   "20261024T070000Z 20261024T070000Z 20261024T080000Z\n"
                   "20261025T080000Z 20261025T080000Z 20261025T090000Z\n");
  g_clear_pointer (&dump, g_free);
  dump = dump_occurrences (fixture->base.store, "mem-b");
  g_assert_cmpstr (dump, ==, " 20261023T070000Z 20261023T070000Z floating\n");
  g_clear_pointer (&dump, g_free);
  dump = query_text (fixture->base.store, "SELECT online_url FROM meetings WHERE uid = ?1", "mem-b");
  g_assert_cmpstr (dump, ==, "https://meet.google.com/abc");

  icalcomponent_free (a);
  icalcomponent_free (b);
}

static void
test_store_invalid (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  icalcomponent *vevent = icalcomponent_new_from_string ("BEGIN:VEVENT\r\nUID:x\r\nSUMMARY:no start\r\nEND:VEVENT\r\n");

  g_assert_true (_resfri_store_begin (fixture->base.store, &error));
  g_assert_false (resfri_store_put_vevent (fixture->base.store, vevent, "test", NULL, &error));
  g_assert_error (error, RESFRI_ERROR, RESFRI_ERROR_INVALID_ICAL);
  _resfri_store_rollback (fixture->base.store);
  icalcomponent_free (vevent);
}

/* Dates and times out of RFC 5545's grammar are refused with FILE:LINE,
 * though libical reads them: "15763595" as day 95 of month 35 of 1576
 * (millions of years later once normalised; the export then wrote a
 * VTIMEZONE that does not parse; found by fuzz-ical-import), 30 February,
 * hour 25. Nothing is stored. */
static void
test_store_impossible_times (Fixture       *fixture,
                             gconstpointer  data)
{
  static const char * const starts[] = {
    "DTSTART:15763595T080000Z",
    "DTSTART;VALUE=DATE:20260230",
    "DTSTART:20260101T250000Z",
    "DTSTART:20260101T086100",
  };

  for (guint i = 0; i < G_N_ELEMENTS (starts); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *text = g_strconcat (CAL_BEGIN "BEGIN:VEVENT\r\nUID:odd\r\n", starts[i],
                                           "\r\nEND:VEVENT\r\n" CAL_END, NULL);
      ResfriStoreCounts counts;

      g_assert_false (resfri_store_import_ical (fixture->base.store, text, -1, "odd.ics", NULL, &error));
      g_assert_error (error, RESFRI_ERROR, RESFRI_ERROR_INVALID_ICAL);
      g_assert_true (g_str_has_prefix (error->message, "odd.ics:"));
      g_assert_nonnull (strstr (error->message, "DTSTART"));
      g_assert_true (resfri_store_get_counts (fixture->base.store, &counts, NULL));
      g_assert_cmpint (counts.meetings, ==, 0);
    }
}

/* "END :X" (a space before the colon) is an END line to libical; it must be
 * one to Resfri's own reading of the file too, or the text kept for the
 * VTIMEZONE that follows runs on to END:VCALENDAR and the export does not
 * import again (found by fuzz-ical-import). Both import paths. */
static void
test_store_end_with_space (Fixture       *fixture,
                           gconstpointer  data)
{
  static const char ics[] =
    CAL_BEGIN
    "BEGIN:VEVENT\r\nUID:spaced\r\nDTSTART;TZID=Egen zon:20260316T090000\r\n"
    "SUMMARY:Med leverantörsdata\r\n"
    "BEGIN:X-VENDOR-DATA\r\nX-VENDOR-FIELD:1\r\nEND :X-VENDOR-DATA\r\n"
    "END:VEVENT\r\n"
    "BEGIN:VTIMEZONE\r\nTZID:Egen zon\r\n"
    "BEGIN:STANDARD\r\nDTSTART:16010101T030000\r\nTZOFFSETFROM:+0200\r\n"
    "TZOFFSETTO:+0100\r\nRRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10\r\nEND:STANDARD\r\n"
    "BEGIN:DAYLIGHT\r\nDTSTART:16010101T020000\r\nTZOFFSETFROM:+0100\r\n"
    "TZOFFSETTO:+0200\r\nRRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3\r\nEND:DAYLIGHT\r\n"
    "END:VTIMEZONE\r\n"
    CAL_END;

  for (int streaming = 0; streaming <= 1; streaming++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *exported = NULL;
      gsize length = 0;
      ResfriStoreCounts counts;

      _resfri_importer_set_streaming (streaming);
      g_assert_true (_resfri_store_exec (fixture->base.store,
                                         "DELETE FROM meetings; DELETE FROM timezones", &error));
      g_assert_true (resfri_store_import_ical (fixture->base.store, ics, -1, "spaced.ics", NULL, &error));
      g_assert_no_error (error);

      exported = resfri_store_export_ical (fixture->base.store, G_MININT64, G_MAXINT64, &length, NULL,
                                           &error);
      g_assert_no_error (error);
      /* One VCALENDAR, closed once, at the end. */
      g_assert_true (g_str_has_suffix (exported, "END:VEVENT\r\nEND:VCALENDAR\r\n"));
      g_assert_true (strstr (exported, "END:VCALENDAR") == exported + length - strlen ("END:VCALENDAR\r\n"));

      g_assert_true (_resfri_store_exec (fixture->base.store,
                                         "DELETE FROM meetings; DELETE FROM timezones", &error));
      g_assert_true (resfri_store_import_ical (fixture->base.store, exported, length, "export.ics", NULL,
                                               &error));
      g_assert_no_error (error);
      g_assert_true (resfri_store_get_counts (fixture->base.store, &counts, NULL));
      g_assert_cmpint (counts.meetings, ==, 1);
    }
  _resfri_importer_set_streaming (TRUE);
}

static void
test_store_extra_meeting_hosts (Fixture       *fixture,
                                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  g_test_summary ("A meeting service added in the policy settings makes a link to it an "
                  "online link; before the setting it is not one");

  put_calendar (fixture->base.store,
                CAL_BEGIN
                "BEGIN:VEVENT\r\nUID:own-1\r\nDTSTART:20260115T090000Z\r\n"
                "LOCATION:https://video.kommun.example/rum/42\r\nEND:VEVENT\r\n"
                CAL_END, NULL);
  before = query_text (fixture->base.store, "SELECT online_url FROM meetings WHERE uid = ?1", "own-1");
  g_assert_null (before);

  g_assert_true (resfri_policy_set (fixture->base.store, "meeting_hosts", "kommun.example", &error));
  g_assert_no_error (error);

  put_calendar (fixture->base.store,
                CAL_BEGIN
                "BEGIN:VEVENT\r\nUID:own-2\r\nDTSTART:20260115T090000Z\r\n"
                "LOCATION:https://video.kommun.example/rum/42\r\nEND:VEVENT\r\n"
                CAL_END, NULL);
  after = query_text (fixture->base.store, "SELECT online_url FROM meetings WHERE uid = ?1", "own-2");
  g_assert_cmpstr (after, ==, "https://video.kommun.example/rum/42");
}

static void
test_store_import (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  ResfriMeetingStats stats = { 0 };
  ResfriStoreCounts counts;
  g_autofree char *dump = NULL;
  g_autofree char *status = NULL;

  /* A bad VEVENT after two good ones: nothing is written. */
  g_assert_false (resfri_store_import_ical (fixture->base.store,
                                            CAL_BEGIN SERIES
                                            "BEGIN:VEVENT\r\nUID:ok\r\nDTSTART:20260202T090000Z\r\nEND:VEVENT\r\n"
                                            "BEGIN:VEVENT\r\nUID:bad\r\nSUMMARY:no start\r\nEND:VEVENT\r\n"
                                            CAL_END, -1, "in.ics", &stats, &error));
  g_assert_error (error, RESFRI_ERROR, RESFRI_ERROR_INVALID_ICAL);
  g_assert_cmpstr (error->message, ==, "in.ics:15: the VEVENT has no DTSTART");
  g_clear_error (&error);
  g_assert_true (resfri_store_get_counts (fixture->base.store, &counts, &error));
  g_assert_cmpint (counts.meetings, ==, 0);
  g_assert_cmpint (counts.occurrences, ==, 0);
  g_assert_cmpint (stats.meetings, ==, 0);

  g_assert_true (resfri_store_import_ical (fixture->base.store,
                                           CAL_BEGIN
                                           "BEGIN:VEVENT\r\nUID:s1\r\nSEQUENCE:2\r\n"
                                           "DTSTART;TZID=Europe/Stockholm:20260322T090000\r\n"
                                           "DURATION:PT1H\r\nRRULE:FREQ=WEEKLY;COUNT=3\r\nSUMMARY:Veckomöte\r\n"
                                           "END:VEVENT\r\n" CAL_END, -1,
                                           "in.ics", &stats, &error));
  g_assert_no_error (error);
  g_assert_cmpint (stats.meetings, ==, 1);
  g_assert_cmpint (stats.occurrences, ==, 3);

  /* An imported VEVENT keeps its text byte for byte (here LF line ends, a
   * folded line and a VALARM). */
  {
    const char *text = "BEGIN:VEVENT\nUID:lf\nDTSTART:20260202T090000Z\nSUMMARY:a long\n  summary\n"
                       "X-UNKNOWN;X-P=1:kept\nBEGIN:VALARM\nACTION:DISPLAY\nTRIGGER:-PT5M\nEND:VALARM\n"
                       "END:VEVENT\n";
    g_autofree char *ics = g_strconcat ("BEGIN:VCALENDAR\nVERSION:2.0\n", text, "END:VCALENDAR\n", NULL);
    g_autofree char *stored = NULL;

    g_assert_true (resfri_store_import_ical (fixture->base.store, ics, -1, "lf.ics", NULL, &error));
    g_assert_no_error (error);
    stored = query_text (fixture->base.store, "SELECT ical FROM meetings WHERE uid = ?1", "lf");
    g_assert_cmpstr (stored, ==, text);
    g_clear_pointer (&stored, g_free);
    stored = query_text (fixture->base.store, "SELECT summary FROM meetings WHERE uid = ?1", "lf");
    g_assert_cmpstr (stored, ==, "a long summary");
  }

  /* A stale cancellation (lower SEQUENCE than stored) changes nothing. */
  g_assert_true (resfri_store_import_ical (fixture->base.store,
                                           "BEGIN:VCALENDAR\r\nMETHOD:CANCEL\r\n"
                                           "BEGIN:VEVENT\r\nUID:s1\r\nSEQUENCE:1\r\nEND:VEVENT\r\n" CAL_END,
                                           -1, "cancel.ics", &stats, &error));
  g_assert_no_error (error);
  g_assert_cmpint (_resfri_store_query_int (fixture->base.store,
                                            "SELECT count(*) FROM occurrences WHERE cancelled = 1", NULL), ==, 0);

  /* METHOD:CANCEL of one occurrence, then of the whole series. */
  g_assert_true (resfri_store_import_ical (fixture->base.store,
                                           "BEGIN:VCALENDAR\r\nMETHOD:CANCEL\r\n"
                                           "BEGIN:VEVENT\r\nUID:s1\r\nRECURRENCE-ID;TZID=Europe/Stockholm:20260329T090000\r\n"
                                           "END:VEVENT\r\n" CAL_END,
                                           -1, "cancel.ics", &stats, &error));
  g_assert_no_error (error);
  dump = dump_occurrences (fixture->base.store, "s1");
  g_assert_cmpstr (dump, ==,
                   "20260322T080000Z 20260322T080000Z 20260322T090000Z\n"
                   "20260329T070000Z 20260329T070000Z 20260329T080000Z cancelled\n"
                   "20260405T070000Z 20260405T070000Z 20260405T080000Z\n");
  g_clear_pointer (&dump, g_free);

  g_assert_true (resfri_store_import_ical (fixture->base.store,
                                           "BEGIN:VCALENDAR\r\nMETHOD:CANCEL\r\n"
                                           "BEGIN:VEVENT\r\nUID:s1\r\nSEQUENCE:2\r\nEND:VEVENT\r\n" CAL_END,
                                           -1, "cancel.ics", &stats, &error));
  g_assert_no_error (error);
  dump = dump_occurrences (fixture->base.store, "s1");
  g_assert_cmpstr (dump, ==,
                   "20260322T080000Z 20260322T080000Z 20260322T090000Z cancelled\n"
                   "20260329T070000Z 20260329T070000Z 20260329T080000Z cancelled\n"
                   "20260405T070000Z 20260405T070000Z 20260405T080000Z cancelled\n");
  /* The stored meeting keeps its details and says it is cancelled. */
  status = query_text (fixture->base.store, "SELECT status FROM meetings WHERE uid = ?1 AND recurrence_id = ''", "s1");
  g_assert_cmpstr (status, ==, "CANCELLED");
  g_clear_pointer (&status, g_free);
  status = query_text (fixture->base.store, "SELECT summary FROM meetings WHERE uid = ?1 AND recurrence_id = ''", "s1");
  g_assert_cmpstr (status, ==, "Veckomöte");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/importer/store/override-after-master", Fixture, NULL,
              fixture_set_up, test_store_override_after_master, fixture_tear_down);
  g_test_add ("/importer/store/override-before-master", Fixture, NULL,
              fixture_set_up, test_store_override_before_master, fixture_tear_down);
  g_test_add ("/importer/store/master-replaced-keeps-override", Fixture, NULL,
              fixture_set_up, test_store_master_replaced_keeps_override, fixture_tear_down);
  g_test_add ("/importer/store/this-and-future", Fixture, NULL,
              fixture_set_up, test_store_this_and_future, fixture_tear_down);
  g_test_add ("/importer/store/this-and-future-first", Fixture, NULL,
              fixture_set_up, test_store_this_and_future_first, fixture_tear_down);
  g_test_add ("/importer/store/sequence", Fixture, NULL,
              fixture_set_up, test_store_sequence, fixture_tear_down);
  g_test_add ("/importer/store/cancelled", Fixture, NULL,
              fixture_set_up, test_store_cancelled, fixture_tear_down);
  g_test_add ("/importer/store/columns", Fixture, NULL,
              fixture_set_up, test_store_columns, fixture_tear_down);
  g_test_add ("/importer/store/horizon-and-cap", Fixture, NULL,
              fixture_set_up, test_store_horizon_and_cap, fixture_tear_down);
  g_test_add ("/importer/store/built-in-memory", Fixture, NULL,
              fixture_set_up, test_store_built_in_memory, fixture_tear_down);
  g_test_add ("/importer/store/invalid", Fixture, NULL,
              fixture_set_up, test_store_invalid, fixture_tear_down);
  g_test_add ("/importer/store/impossible-times", Fixture, NULL,
              fixture_set_up, test_store_impossible_times, fixture_tear_down);
  g_test_add ("/importer/store/end-with-space", Fixture, NULL,
              fixture_set_up, test_store_end_with_space, fixture_tear_down);
  g_test_add ("/importer/store/extra-meeting-hosts", Fixture, NULL,
              fixture_set_up, test_store_extra_meeting_hosts, fixture_tear_down);
  g_test_add ("/importer/store/import", Fixture, NULL,
              fixture_set_up, test_store_import, fixture_tear_down);
  g_test_add ("/importer/file/async", Fixture, NULL,
              fixture_set_up, test_import_file_async, fixture_tear_down);
  g_test_add ("/importer/search", Fixture, NULL,
              fixture_set_up, test_search, fixture_tear_down);
  g_test_add ("/importer/cancel/streaming", Fixture, GINT_TO_POINTER (TRUE),
              fixture_set_up, test_import_cancel, fixture_tear_down);
  g_test_add ("/importer/cancel/streaming-thread", Fixture, GINT_TO_POINTER (2),
              fixture_set_up, test_import_cancel, fixture_tear_down);
  g_test_add ("/importer/cancel/whole-document", Fixture, GINT_TO_POINTER (FALSE),
              fixture_set_up, test_import_cancel, fixture_tear_down);
  g_test_add ("/importer/bulk/thread", Fixture, GINT_TO_POINTER (TRUE),
              fixture_set_up, test_import_bulk, fixture_tear_down);
  g_test_add ("/importer/bulk/one-thread", Fixture, GINT_TO_POINTER (FALSE),
              fixture_set_up, test_import_bulk, fixture_tear_down);
  g_test_add ("/importer/cancel/async", Fixture, NULL,
              fixture_set_up, test_import_cancel_async, fixture_tear_down);
  g_test_add ("/importer/file/malformed", Fixture, NULL,
              fixture_set_up, test_import_file_malformed, fixture_tear_down);
  g_test_add ("/importer/file/missing", Fixture, NULL,
              fixture_set_up, test_import_file_missing, fixture_tear_down);
  g_test_add ("/importer/extend-horizon", Fixture, NULL,
              fixture_set_up, test_extend_horizon, fixture_tear_down);
  g_test_add ("/importer/extend-horizon/none-open-ended", Fixture, NULL,
              fixture_set_up, test_extend_horizon_none, fixture_tear_down);

  return g_test_run ();
}

/* test-reservations.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * resfri-cli on the 600-employee demo: the rooms its calendar reserves
 * (ATTENDEE;CUTYPE=ROOM) are not free, cannot be booked by another meeting
 * and are listed by `bookings` with source "calendar" (issue 16: Halleberg
 * was listed as free while "Veckomöte Förskola" held it); a booking of a
 * meeting that a re-import cancels is listed by `bookings --attention`.
 */

#include "config.h"

#include <string.h>

#include "resfri-test-fixture.h"
#include "resfri-test-util.h"

#include "cli-db.h"
#include "cli-json.h"

typedef ResfriTestFixture Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  resfri_test_fixture_set_up (fixture, NULL);
  /* The CLI runs on the database; the fixture's own connection is closed. */
  g_clear_object (&fixture->store);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  resfri_test_fixture_tear_down (fixture);
}

/* The first occurrence of "Veckomöte Förskola" in Halleberg, as
 * "UID START END DAY RECURRENCE-ID" (RFC 3339 instants, the day as
 * YYYY-MM-DD). */
static const char held_sql[] =
  "SELECT o.uid || ' ' || strftime ('%Y-%m-%dT%H:%M:%SZ', o.start, 'unixepoch') || ' '"
  "       || strftime ('%Y-%m-%dT%H:%M:%SZ', o.end, 'unixepoch') || ' '"
  "       || strftime ('%Y-%m-%d', o.start, 'unixepoch') || ' ' || o.recurrence_id"
  "  FROM occurrences o JOIN meetings m ON m.id = o.meeting_id"
  "  JOIN attendees a ON a.meeting_id = m.id"
  " WHERE m.summary = ?1 AND a.email = 'rum.halleberg@vanersborg.example'"
  "   AND a.cutype = 'ROOM' AND o.cancelled = 0"
  " ORDER BY o.start LIMIT 1";

static void
test_demo (Fixture       *fixture,
           gconstpointer  user_data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *held = NULL;
  g_autofree char *next_day = NULL;
  g_auto(GStrv) parts = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonArray *bookings;
  gboolean listed = FALSE;

  g_test_summary ("On the demo, a room the calendar reserves is not free at that time and "
                  "`bookings` lists the reservation with source calendar");

  if (g_getenv ("RESFRI_CLI") == NULL)
    {
      g_test_skip ("RESFRI_CLI is not set");
      return;
    }

  g_assert_cmpint (resfri_test_run_cli (fixture->path, &out, &err, "demo", "--employees", "600",
                                        "--seed", "1", NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  held = query_text (fixture->path, held_sql, "Veckomöte Förskola");
  g_assert_nonnull (held);
  parts = g_strsplit (held, " ", 5);
  g_assert_cmpuint (g_strv_length (parts), ==, 5);
  g_assert_cmpstr (parts[4], !=, "");

  g_assert_cmpint (resfri_test_run_cli (fixture->path, &out, &err, "rooms", "free", "--start",
                                        parts[1], "--end", parts[2], "--site", "VBG", NULL), ==, 0);
  g_assert_cmpstr (err, ==, "");
  g_assert_null (strstr (out, "Halleberg"));
  g_assert_nonnull (strstr (out, "Sessionssalen"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  {
    g_autoptr(GDateTime) day = g_date_time_new_from_iso8601 (parts[1], NULL);
    g_autoptr(GDateTime) next = g_date_time_add_days (day, 1);

    next_day = g_date_time_format (next, "%Y-%m-%d");
  }
  g_assert_cmpint (resfri_test_run_cli (fixture->path, &out, &err, "bookings", "--from", parts[3],
                                        "--to", next_day, "--format", "json", NULL), ==, 0);
  root = parse_json (out);
  bookings = json_node_get_array (root);
  for (guint i = 0; i < json_array_get_length (bookings); i++)
    {
      JsonObject *b = json_array_get_object_element (bookings, i);

      if (g_strcmp0 (json_object_get_string_member (b, "uid"), parts[0]) == 0 &&
          g_strcmp0 (json_object_get_string_member (b, "room"), "VBG-R004") == 0)
        {
          g_assert_cmpstr (json_object_get_string_member (b, "source"), ==, "calendar");
          g_assert_cmpint (json_object_get_int_member (b, "id"), ==, 0);
          g_assert_true (json_object_get_null_member (b, "server_href"));
          g_assert_cmpstr (json_object_get_string_member (b, "start"), ==, parts[1]);
          listed = TRUE;
        }
    }
  g_assert_true (listed);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Another meeting at that time cannot book Halleberg. */
  {
    g_autofree char *sql = g_strdup_printf ("SELECT uid || ' ' || recurrence_id || ' '"
                                            "  FROM occurrences WHERE cancelled = 0"
                                            "   AND start < strftime ('%%s', '%s')"
                                            "   AND strftime ('%%s', '%s') < end AND uid <> ?1"
                                            " ORDER BY uid LIMIT 1", parts[2], parts[1]);
    g_autofree char *other = query_text (fixture->path, sql, parts[0]);
    g_auto(GStrv) keys = NULL;

    g_assert_nonnull (other);
    keys = g_strsplit (other, " ", 3);
    g_assert_cmpint (resfri_test_run_cli (fixture->path, &out, &err, "book", "room", "VBG-R004",
                                          "--uid", keys[0], "--recurrence-id", keys[1], NULL),
                     ==, 1);
    g_assert_nonnull (strstr (err, "Veckomöte Förskola"));
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
  }

  /* Booked for the meeting, then cancelled by a re-import: released and
   * listed under --attention. */
  {
    g_autofree char *ics = g_build_filename (fixture->dir, "cancel.ics", NULL);
    g_autofree char *text = g_strdup_printf ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"
                                             "PRODID:-//test//EN\r\nMETHOD:CANCEL\r\n"
                                             "BEGIN:VEVENT\r\nUID:%s\r\n"
                                             "DTSTAMP:20260101T000000Z\r\nSEQUENCE:99\r\n"
                                             "RECURRENCE-ID:%s\r\nDTSTART:%s\r\n"
                                             "END:VEVENT\r\nEND:VCALENDAR\r\n",
                                             parts[0], parts[4], parts[4]);
    g_autoptr(JsonNode) released = NULL;
    JsonObject *b;

    g_assert_cmpint (resfri_test_run_cli (fixture->path, &out, &err, "book", "room", "VBG-R001",
                                          "--uid", parts[0], "--recurrence-id", parts[4], NULL),
                     ==, 0);
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
    g_assert_true (g_file_set_contents (ics, text, -1, NULL));
    g_assert_cmpint (resfri_test_run_cli (fixture->path, &out, &err, "import", ics, NULL), ==, 0);
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);

    g_assert_cmpint (resfri_test_run_cli (fixture->path, &out, &err, "bookings", "--attention",
                                          "--format", "json", NULL), ==, 0);
    released = parse_json (out);
    g_assert_cmpuint (json_array_get_length (json_node_get_array (released)), ==, 1);
    b = json_array_get_object_element (json_node_get_array (released), 0);
    g_assert_cmpstr (json_object_get_string_member (b, "room"), ==, "VBG-R001");
    g_assert_cmpstr (json_object_get_string_member (b, "attention"), ==, "cancelled");
    g_assert_cmpstr (json_object_get_string_member (b, "source"), ==, "resfri");
    g_assert_nonnull (json_object_get_string_member (b, "detail"));
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);

    g_assert_cmpint (resfri_test_run_cli (fixture->path, &out, &err, "bookings", "--attention",
                                          NULL), ==, 0);
    g_assert_nonnull (strstr (out, "VBG-R001"));
    g_assert_nonnull (strstr (out, "released"));
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/cli/reservations/demo", Fixture, NULL, fixture_set_up, test_demo,
              fixture_tear_down);

  return g_test_run ();
}

/* bookings-fixture.h
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The fixture the bookings tests share (test-bookings, test-free-rooms,
 * test-room-bookings, test-loans, test-utilisation): two sites, four rooms,
 * six items and six meetings in a fresh store, and helpers to read what was
 * booked.
 */

#pragma once

#include <string.h>

#include "resfri-bookings.h"
#include "resfri-store-private.h"
#include "resfri-test-fixture.h"
#include "resfri-test-util.h"

G_BEGIN_DECLS

typedef ResfriTestFixture Fixture;

#define AT(text) "CAST (strftime ('%s', '" text "') AS INTEGER)"

/* Two sites; Anna lives at SKO, Bo at KOM. Rooms at KOM of 4, 6 (video) and
 * 10 (video) seats, and a hall at SKO. Meetings (times in UTC, March 2026 is
 * UTC+1 in Stockholm until the 29th):
 *   single   2026-03-02 08:00–09:00, does not recur
 *   touch    2026-03-02 09:00–10:00 (starts when single ends)
 *   overlap  2026-03-02 08:30–09:30
 *   zero     2026-03-02 12:00–12:00 (no duration)
 *   blocker  2026-03-10 08:30–09:30
 *   series   weekly 08:00–09:00 on 2026-03-03, 10, 17; the 24th cancelled
 * Items: H-1 headset SKO pool; H-2 headset KOM pool; H-3 headset SKO broken;
 * H-4 headset held by Anna; V-1 vc-kit KOM pool; C-1 camera SKO retired. */
static const char fixture_sql[] =
  "INSERT INTO units (id, name, path) VALUES (1, 'IT', 'IT');"
  "INSERT INTO sites (id, code, name, latitude, longitude) VALUES"
  "  (1, 'KOM', 'Kommunhuset', 58.94, 11.17), (2, 'SKO', 'Skolan', 58.90, 11.20);"
  "INSERT INTO people (id, email, name, unit_id, site_id) VALUES"
  "  (1, 'anna@example.se', 'Anna', 1, 2), (2, 'bo@example.se', 'Bo', 1, 1);"
  "INSERT INTO rooms (id, code, name, site_id, capacity, vc) VALUES"
  "  (1, 'KOM-B', 'Beta', 1, 10, 1), (2, 'KOM-A', 'Alfa', 1, 4, 0),"
  "  (3, 'KOM-C', 'Gamma', 1, 6, 1), (4, 'SKO-A', 'Aulan', 2, 100, 0);"
  "INSERT INTO equipment (id, tag, type_id, site_id, owner_id, state) VALUES"
  "  (1, 'H-1', 1, 2, NULL, 'ok'), (2, 'H-2', 1, 1, NULL, 'ok'),"
  "  (3, 'H-3', 1, 2, NULL, 'broken'), (4, 'H-4', 1, 2, 1, 'ok'),"
  "  (5, 'V-1', 3, 1, NULL, 'ok'), (6, 'C-1', 2, 2, NULL, 'retired');"
  "INSERT INTO meetings (id, uid, summary, ical, updated_at) VALUES"
  "  (1, 'single', 'Single', 'BEGIN:VEVENT', 0), (2, 'touch', 'Touch', 'BEGIN:VEVENT', 0),"
  "  (3, 'overlap', 'Overlap', 'BEGIN:VEVENT', 0), (4, 'zero', 'Zero', 'BEGIN:VEVENT', 0),"
  "  (5, 'blocker', 'Blocker', 'BEGIN:VEVENT', 0), (6, 'series', 'Series', 'BEGIN:VEVENT', 0);"
  "INSERT INTO occurrences (meeting_id, uid, recurrence_id, start, end, cancelled) VALUES"
  "  (1, 'single', '', " AT ("2026-03-02 08:00:00") ", " AT ("2026-03-02 09:00:00") ", 0),"
  "  (2, 'touch', '', " AT ("2026-03-02 09:00:00") ", " AT ("2026-03-02 10:00:00") ", 0),"
  "  (3, 'overlap', '', " AT ("2026-03-02 08:30:00") ", " AT ("2026-03-02 09:30:00") ", 0),"
  "  (4, 'zero', '', " AT ("2026-03-02 12:00:00") ", " AT ("2026-03-02 12:00:00") ", 0),"
  "  (5, 'blocker', '', " AT ("2026-03-10 08:30:00") ", " AT ("2026-03-10 09:30:00") ", 0),"
  "  (6, 'series', '20260303T080000Z', " AT ("2026-03-03 08:00:00") ", "
  AT ("2026-03-03 09:00:00") ", 0),"
  "  (6, 'series', '20260310T080000Z', " AT ("2026-03-10 08:00:00") ", "
  AT ("2026-03-10 09:00:00") ", 0),"
  "  (6, 'series', '20260317T080000Z', " AT ("2026-03-17 08:00:00") ", "
  AT ("2026-03-17 09:00:00") ", 0),"
  "  (6, 'series', '20260324T080000Z', " AT ("2026-03-24 08:00:00") ", "
  AT ("2026-03-24 09:00:00") ", 1);";

static inline gint64
utc (const char *text)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_iso8601 (text, NULL);

  g_assert_nonnull (dt);
  return g_date_time_to_unix (dt);
}

static inline void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  resfri_test_fixture_set_up (fixture, fixture_sql);
}

static inline void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  resfri_test_fixture_tear_down (fixture);
}

/* Every booking as one string: equal before and after a refused call means
 * nothing changed. */
static inline char *
snapshot (ResfriStore *store)
{
  static const char sql[] =
    "SELECT coalesce ((SELECT group_concat (row, ';') FROM"
    "  (SELECT id || '|' || uid || '|' || recurrence_id || '|' || coalesce (room_id, '') || '|'"
    "          || coalesce (equipment_id, '') || '|' || coalesce (person_id, '') || '|'"
    "          || start || '|' || end AS row FROM bookings ORDER BY id)), '')";
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (_resfri_store_get_db (store), sql, -1, &stmt, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);

  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

static inline gint64
count_bookings (ResfriStore *store)
{
  return _resfri_store_query_int (store, "SELECT count(*) FROM bookings", NULL);
}

/* The rooms' codes joined by ",". */
static inline char *
room_codes (GPtrArray *rooms)
{
  g_autoptr(GString) codes = g_string_new (NULL);

  for (guint i = 0; i < rooms->len; i++)
    {
      const ResfriRoomAvailability *room = g_ptr_array_index (rooms, i);

      g_string_append_printf (codes, "%s%s", i ? "," : "", room->room);
    }

  return g_strdup (codes->str);
}

static inline void
assert_free_rooms (ResfriStore *store,
                   const char  *site,
                   const char  *start,
                   const char  *end,
                   gint64       capacity,
                   gboolean     vc,
                   const char  *expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rooms = NULL;
  g_autofree char *codes = NULL;

  rooms = resfri_bookings_free_rooms_for_interval (store, site, utc (start), utc (end), capacity,
                                                   vc, &error);
  g_assert_no_error (error);
  codes = room_codes (rooms);
  g_assert_cmpstr (codes, ==, expected);
}

static inline GPtrArray *
book_room (Fixture    *fixture,
           const char *room,
           const char *uid,
           const char *recurrence_id)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *booked;

  booked = resfri_bookings_book_room (fixture->store, room, uid, recurrence_id, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (booked);

  return booked;
}

/* A second store on the fixture's file, for the _async calls: their task
 * holds it until the worker thread lets go, which may be after the
 * callback, so the fixture's own store can still be finalized at the end. */
static inline ResfriStore *
open_second_store (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  ResfriStore *store = resfri_store_open (fixture->path, &error);

  g_assert_no_error (error);

  return store;
}

G_END_DECLS

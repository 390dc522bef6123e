/* test-bookings.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <json-glib/json-glib.h>

#include "resfri-bookings.h"
#include "resfri-store-private.h"
#include "resfri-test-util.h"

typedef struct
{
  char        *dir;
  char        *path;
  ResfriStore *store;
} Fixture;

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

static gint64
utc (const char *text)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_iso8601 (text, NULL);

  g_assert_nonnull (dt);
  return g_date_time_to_unix (dt);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("resfri-test-bookings-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "resfri.db", NULL);
  fixture->store = resfri_store_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_true (_resfri_store_exec (fixture->store, fixture_sql, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_assert_finalize_object (fixture->store);
  resfri_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
}

/* Every booking as one string: equal before and after a refused call means
 * nothing changed. */
static char *
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

static gint64
count_bookings (ResfriStore *store)
{
  return _resfri_store_query_int (store, "SELECT count(*) FROM bookings", NULL);
}

/* The rooms' codes joined by ",". */
static char *
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

static void
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

static GPtrArray *
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

static void
test_free_interval (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autoptr(GPtrArray) booked = NULL;
  g_autoptr(GPtrArray) rooms = NULL;
  g_autoptr(GError) error = NULL;

  g_test_summary ("Free rooms of a site by fit, filtered by capacity and video; a booking "
                  "takes its room for overlapping intervals but not for touching ones");

  assert_free_rooms (fixture->store, "KOM", "2026-03-02T08:00:00Z", "2026-03-02T09:00:00Z", 0,
                     FALSE, "KOM-A,KOM-C,KOM-B");
  assert_free_rooms (fixture->store, NULL, "2026-03-02T08:00:00Z", "2026-03-02T09:00:00Z", 0,
                     FALSE, "KOM-A,KOM-C,KOM-B,SKO-A");
  assert_free_rooms (fixture->store, "KOM", "2026-03-02T08:00:00Z", "2026-03-02T09:00:00Z", 5,
                     FALSE, "KOM-C,KOM-B");
  assert_free_rooms (fixture->store, "KOM", "2026-03-02T08:00:00Z", "2026-03-02T09:00:00Z", 6,
                     FALSE, "KOM-C,KOM-B");
  assert_free_rooms (fixture->store, "KOM", "2026-03-02T08:00:00Z", "2026-03-02T09:00:00Z", 0,
                     TRUE, "KOM-C,KOM-B");
  assert_free_rooms (fixture->store, "KOM", "2026-03-02T08:00:00Z", "2026-03-02T09:00:00Z", 11,
                     FALSE, "");

  booked = book_room (fixture, "KOM-C", "single", NULL);
  g_assert_cmpuint (booked->len, ==, 1);

  assert_free_rooms (fixture->store, "KOM", "2026-03-02T08:00:00Z", "2026-03-02T09:00:00Z", 0,
                     FALSE, "KOM-A,KOM-B");
  assert_free_rooms (fixture->store, "KOM", "2026-03-02T08:59:00Z", "2026-03-02T09:01:00Z", 0,
                     FALSE, "KOM-A,KOM-B");
  assert_free_rooms (fixture->store, "KOM", "2026-03-02T07:00:00Z", "2026-03-02T12:00:00Z", 0,
                     FALSE, "KOM-A,KOM-B");
  /* Half-open: touching either end is free. */
  assert_free_rooms (fixture->store, "KOM", "2026-03-02T09:00:00Z", "2026-03-02T10:00:00Z", 0,
                     FALSE, "KOM-A,KOM-C,KOM-B");
  assert_free_rooms (fixture->store, "KOM", "2026-03-02T07:00:00Z", "2026-03-02T08:00:00Z", 0,
                     FALSE, "KOM-A,KOM-C,KOM-B");

  rooms = resfri_bookings_free_rooms_for_interval (fixture->store, "XX", 0, 1, 0, FALSE, &error);
  g_assert_error (error, RESFRI_ERROR, RESFRI_ERROR_NOT_FOUND);
  g_assert_null (rooms);
}

static void
test_free_occurrence (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autoptr(GPtrArray) booked = NULL;
  const struct
  {
    const char *uid;
    const char *recurrence_id;
    const char *expected;
  } cases[] = {
    { "touch", NULL, "KOM-A,KOM-C,KOM-B,SKO-A" },
    { "touch", "", "KOM-A,KOM-C,KOM-B,SKO-A" },
    { "overlap", NULL, "KOM-A,KOM-B,SKO-A" },
    { "single", NULL, "KOM-A,KOM-B,SKO-A" },
    { "series", "20260303T080000Z", "KOM-A,KOM-C,KOM-B,SKO-A" },
  };

  g_test_summary ("Free rooms for an occurrence; unknown and cancelled occurrences are not found");

  booked = book_room (fixture, "KOM-C", "single", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) rooms = NULL;
      g_autofree char *codes = NULL;

      rooms = resfri_bookings_free_rooms_for_occurrence (fixture->store, cases[i].uid,
                                                         cases[i].recurrence_id, NULL, 0, FALSE,
                                                         &error);
      g_assert_no_error (error);
      codes = room_codes (rooms);
      g_assert_cmpstr (codes, ==, cases[i].expected);
    }

  {
    const char *missing[][2] = {
      { "nope", NULL }, { "series", NULL }, { "series", "20260324T080000Z" },
      { "series", "20260331T080000Z" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (missing); i++)
      {
        g_autoptr(GError) error = NULL;
        g_autoptr(GPtrArray) rooms = NULL;

        rooms = resfri_bookings_free_rooms_for_occurrence (fixture->store, missing[i][0],
                                                           missing[i][1], NULL, 0, FALSE, &error);
        g_assert_error (error, RESFRI_ERROR, RESFRI_ERROR_NOT_FOUND);
        g_assert_null (rooms);
      }
  }
}

static void
test_series (Fixture       *fixture,
             gconstpointer  user_data)
{
  g_autoptr(GPtrArray) blocker = NULL;
  g_autoptr(GPtrArray) rooms = NULL;
  g_autoptr(GPtrArray) occurrences = NULL;
  g_autoptr(GPtrArray) booked = NULL;
  g_autoptr(GPtrArray) again = NULL;
  g_autoptr(GPtrArray) skipped = NULL;
  g_autoptr(GPtrArray) skipped_again = NULL;
  g_autoptr(GError) error = NULL;
  const ResfriBooking *blocking;
  const ResfriRoomAvailability *room;
  const ResfriBookingSlot *slot;

  g_test_summary ("A series: each room with the occurrences where it is taken; booking it "
                  "books the rest and lists the skipped occurrences with the booking in the "
                  "way; cancelled occurrences are ignored");

  blocker = book_room (fixture, "KOM-B", "blocker", NULL);
  blocking = g_ptr_array_index (blocker, 0);

  rooms = resfri_bookings_rooms_for_series (fixture->store, "series", "KOM", 0, TRUE,
                                            &occurrences, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (occurrences->len, ==, 3);
  g_assert_cmpstr (((ResfriBookingSlot *) g_ptr_array_index (occurrences, 0))->recurrence_id, ==,
                   "20260303T080000Z");
  g_assert_cmpuint (rooms->len, ==, 2);
  room = g_ptr_array_index (rooms, 0);
  g_assert_cmpstr (room->room, ==, "KOM-C");
  g_assert_cmpuint (room->taken->len, ==, 0);
  room = g_ptr_array_index (rooms, 1);
  g_assert_cmpstr (room->room, ==, "KOM-B");
  g_assert_true (room->vc);
  g_assert_cmpint (room->capacity, ==, 10);
  g_assert_cmpuint (room->taken->len, ==, 1);
  slot = g_ptr_array_index (room->taken, 0);
  g_assert_cmpstr (slot->recurrence_id, ==, "20260310T080000Z");
  g_assert_cmpint (slot->booking, ==, blocking->id);
  g_assert_cmpint (slot->start, ==, utc ("2026-03-10T08:00:00Z"));

  booked = resfri_bookings_book_room (fixture->store, "KOM-B", "series", NULL, &skipped, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (booked->len, ==, 2);
  g_assert_cmpstr (((ResfriBooking *) g_ptr_array_index (booked, 0))->recurrence_id, ==,
                   "20260303T080000Z");
  g_assert_cmpstr (((ResfriBooking *) g_ptr_array_index (booked, 1))->recurrence_id, ==,
                   "20260317T080000Z");
  g_assert_cmpuint (skipped->len, ==, 1);
  slot = g_ptr_array_index (skipped, 0);
  g_assert_cmpstr (slot->recurrence_id, ==, "20260310T080000Z");
  g_assert_cmpint (slot->booking, ==, blocking->id);
  g_assert_cmpint (count_bookings (fixture->store), ==, 3);

  /* Again: every occurrence is taken, by the series' own bookings. */
  again = resfri_bookings_book_room (fixture->store, "Beta", "series", NULL, &skipped_again,
                                     &error);
  g_assert_no_error (error);
  g_assert_cmpuint (again->len, ==, 0);
  g_assert_cmpuint (skipped_again->len, ==, 3);
  g_assert_cmpint (((ResfriBookingSlot *) g_ptr_array_index (skipped_again, 0))->booking, ==,
                   ((ResfriBooking *) g_ptr_array_index (booked, 0))->id);
  g_assert_cmpint (count_bookings (fixture->store), ==, 3);
}

static void
test_refused (Fixture       *fixture,
              gconstpointer  user_data)
{
  g_autoptr(GPtrArray) booked = NULL;
  g_autofree char *before = NULL;
  g_autofree char *id = NULL;
  const ResfriBooking *first;
  const struct
  {
    const char *room;
    const char *uid;
    const char *recurrence_id;
    int         code;
  } cases[] = {
    { "KOM-C", "overlap", NULL, RESFRI_ERROR_CONFLICT },
    { "KOM-C", "overlap", "", RESFRI_ERROR_CONFLICT },
    { "KOM-C", "single", NULL, RESFRI_ERROR_CONFLICT },
    { "KOM-A", "zero", NULL, RESFRI_ERROR_INVALID_INPUT },
    { "KOM-X", "touch", NULL, RESFRI_ERROR_NOT_FOUND },
    { "KOM-A", "nope", NULL, RESFRI_ERROR_NOT_FOUND },
    { "KOM-A", "series", "20260324T080000Z", RESFRI_ERROR_NOT_FOUND },
    { "KOM-A", "series", "", RESFRI_ERROR_NOT_FOUND },
    { "", "touch", NULL, RESFRI_ERROR_INVALID_INPUT },
  };

  g_test_summary ("A conflicting single booking is refused naming the booking in the way, and "
                  "a refused call leaves every booking as it was");

  booked = book_room (fixture, "KOM-C", "single", NULL);
  first = g_ptr_array_index (booked, 0);
  g_assert_cmpstr (first->resource, ==, "KOM-C");
  g_assert_cmpstr (first->site, ==, "KOM");
  g_assert_cmpstr (first->uid, ==, "single");
  g_assert_cmpstr (first->recurrence_id, ==, "");
  g_assert_cmpstr (first->summary, ==, "Single");
  g_assert_null (first->person);
  g_assert_null (first->type);
  g_assert_cmpint (first->kind, ==, RESFRI_BOOKING_ROOM);
  g_assert_cmpint (first->start, ==, utc ("2026-03-02T08:00:00Z"));
  g_assert_cmpint (first->end, ==, utc ("2026-03-02T09:00:00Z"));
  id = g_strdup_printf ("booking %" G_GINT64_FORMAT, first->id);

  before = snapshot (fixture->store);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) result = NULL;
      g_autofree char *after = NULL;

      result = resfri_bookings_book_room (fixture->store, cases[i].room, cases[i].uid,
                                          cases[i].recurrence_id, NULL, &error);
      g_assert_error (error, RESFRI_ERROR, cases[i].code);
      g_assert_null (result);
      if (cases[i].code == RESFRI_ERROR_CONFLICT)
        {
          g_assert_nonnull (strstr (error->message, id));
          g_assert_nonnull (strstr (error->message, "KOM-C"));
          /* Local time of the booking in the way. */
          g_assert_nonnull (strstr (error->message, "2026-03-02 09:00"));
        }
      after = snapshot (fixture->store);
      g_assert_cmpstr (after, ==, before);
      g_assert_false (_resfri_store_in_transaction (fixture->store));
    }
}

static void
test_items (Fixture       *fixture,
            gconstpointer  user_data)
{
  g_autoptr(ResfriBooking) lent = NULL;
  g_autoptr(ResfriBooking) touching = NULL;
  g_autoptr(ResfriBooking) kit = NULL;
  g_autofree char *before = NULL;
  g_autofree char *id = NULL;
  g_autoptr(GError) error = NULL;
  const struct
  {
    const char *tag;
    const char *uid;
    const char *person;
    int         code;
    const char *message;
  } refusals[] = {
    { "H-1", "overlap", "anna@example.se", RESFRI_ERROR_CONFLICT, NULL },
    { "H-2", "touch", "anna@example.se", RESFRI_ERROR_CONFLICT, "another site" },
    { "H-3", "touch", "anna@example.se", RESFRI_ERROR_CONFLICT, "broken" },
    { "H-4", "touch", "anna@example.se", RESFRI_ERROR_CONFLICT, "personal" },
    { "C-1", "touch", "anna@example.se", RESFRI_ERROR_CONFLICT, "retired" },
    { "H-9", "touch", "anna@example.se", RESFRI_ERROR_NOT_FOUND, "H-9" },
    { "H-1", "touch", "nobody@example.se", RESFRI_ERROR_NOT_FOUND, "nobody@example.se" },
    { "H-1", "nope", "anna@example.se", RESFRI_ERROR_NOT_FOUND, "nope" },
    { "H-1", "zero", "anna@example.se", RESFRI_ERROR_INVALID_INPUT, NULL },
  };

  g_test_summary ("An item is lent only from the pool of the borrower's home site (a vc-kit "
                  "from any), only in state ok, and never twice at once");

  lent = resfri_bookings_book_item (fixture->store, "H-1", "single", NULL, "ANNA@example.se",
                                    &error);
  g_assert_no_error (error);
  g_assert_cmpint (lent->kind, ==, RESFRI_BOOKING_ITEM);
  g_assert_cmpstr (lent->resource, ==, "H-1");
  g_assert_cmpstr (lent->type, ==, "headset");
  g_assert_cmpstr (lent->site, ==, "SKO");
  g_assert_cmpstr (lent->person, ==, "anna@example.se");
  g_assert_cmpint (lent->start, ==, utc ("2026-03-02T08:00:00Z"));
  g_assert_cmpint (lent->end, ==, utc ("2026-03-02T09:00:00Z"));
  id = g_strdup_printf ("booking %" G_GINT64_FORMAT, lent->id);

  /* A vc-kit serves the meeting's room: Bo's site's kit for Anna. */
  kit = resfri_bookings_book_item (fixture->store, "V-1", "single", "", "anna@example.se", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kit->site, ==, "KOM");

  before = snapshot (fixture->store);
  for (guint i = 0; i < G_N_ELEMENTS (refusals); i++)
    {
      g_autoptr(GError) local_error = NULL;
      g_autoptr(ResfriBooking) booking = NULL;
      g_autofree char *after = NULL;

      booking = resfri_bookings_book_item (fixture->store, refusals[i].tag, refusals[i].uid, NULL,
                                           refusals[i].person, &local_error);
      g_assert_error (local_error, RESFRI_ERROR, refusals[i].code);
      g_assert_null (booking);
      if (refusals[i].message != NULL)
        g_assert_nonnull (strstr (local_error->message, refusals[i].message));
      if (i == 0)
        g_assert_nonnull (strstr (local_error->message, id));
      after = snapshot (fixture->store);
      g_assert_cmpstr (after, ==, before);
    }

  touching = resfri_bookings_book_item (fixture->store, "H-1", "touch", NULL, "anna@example.se",
                                        &error);
  g_assert_no_error (error);
  g_assert_cmpint (touching->start, ==, lent->end);
}

static void
test_item_buffer (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autoptr(ResfriBooking) lent = NULL;
  g_autoptr(ResfriBooking) refused = NULL;
  g_autoptr(GError) error = NULL;

  g_test_summary ("A manual loan is widened by the policy's handover margin, as allocation's "
                  "demands are");

  g_assert_true (_resfri_store_exec (fixture->store,
                                     "INSERT INTO policy (key, value) VALUES ('loan_buffer_min', '15')",
                                     &error));
  g_assert_no_error (error);

  lent = resfri_bookings_book_item (fixture->store, "H-1", "single", NULL, "anna@example.se",
                                    &error);
  g_assert_no_error (error);
  g_assert_cmpint (lent->start, ==, utc ("2026-03-02T07:45:00Z"));
  g_assert_cmpint (lent->end, ==, utc ("2026-03-02T09:15:00Z"));

  refused = resfri_bookings_book_item (fixture->store, "H-1", "touch", NULL, "anna@example.se",
                                       &error);
  g_assert_error (error, RESFRI_ERROR, RESFRI_ERROR_CONFLICT);
  g_assert_null (refused);
}

static void
test_add_item (Fixture       *fixture,
               gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  gint64 first, id;

  g_test_summary ("resfri_bookings_add_item: ids and an explicit interval; it joins the "
                  "caller's transaction");

  first = resfri_bookings_add_item (fixture->store, 2, "single", "", 2,
                                    utc ("2026-03-02T07:30:00Z"), utc ("2026-03-02T09:00:00Z"),
                                    &error);
  g_assert_no_error (error);
  g_assert_cmpint (first, >, 0);

  id = resfri_bookings_add_item (fixture->store, 2, "touch", NULL, 2,
                                 utc ("2026-03-02T08:59:00Z"), utc ("2026-03-02T10:00:00Z"),
                                 &error);
  g_assert_error (error, RESFRI_ERROR, RESFRI_ERROR_CONFLICT);
  g_assert_cmpint (id, ==, 0);
  g_clear_error (&error);

  /* Broken, personal, unknown item; unknown person; no duration. */
  {
    const struct { gint64 item; gint64 person; gint64 length; int code; } cases[] = {
      { 3, 1, 3600, RESFRI_ERROR_CONFLICT },
      { 4, 1, 3600, RESFRI_ERROR_CONFLICT },
      { 99, 1, 3600, RESFRI_ERROR_NOT_FOUND },
      { 1, 99, 3600, RESFRI_ERROR_NOT_FOUND },
      { 1, 1, 0, RESFRI_ERROR_INVALID_INPUT },
    };

    for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
      {
        gint64 start = utc ("2026-03-05T08:00:00Z");

        id = resfri_bookings_add_item (fixture->store, cases[i].item, "single", NULL,
                                       cases[i].person, start, start + cases[i].length, &error);
        g_assert_error (error, RESFRI_ERROR, cases[i].code);
        g_assert_cmpint (id, ==, 0);
        g_clear_error (&error);
      }
  }

  /* A vc-kit without a person, in the caller's transaction: rolled back
   * with it. */
  g_assert_true (_resfri_store_begin (fixture->store, &error));
  id = resfri_bookings_add_item (fixture->store, 5, "single", NULL, 0,
                                 utc ("2026-03-02T08:00:00Z"), utc ("2026-03-02T09:00:00Z"),
                                 &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, first);
  g_assert_true (_resfri_store_in_transaction (fixture->store));
  /* Reads inside the caller's transaction see its writes. */
  list = resfri_bookings_list (fixture->store, G_MININT64, G_MAXINT64, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 2);
  g_clear_pointer (&list, g_ptr_array_unref);
  g_assert_true (_resfri_store_in_transaction (fixture->store));
  _resfri_store_rollback (fixture->store);
  g_assert_cmpint (count_bookings (fixture->store), ==, 1);

  list = resfri_bookings_list (fixture->store, G_MININT64, G_MAXINT64, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpstr (((ResfriBooking *) g_ptr_array_index (list, 0))->person, ==, "bo@example.se");
}

static void
test_list_cancel (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autoptr(GPtrArray) series = NULL;
  g_autoptr(GPtrArray) single = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) window = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(ResfriBooking) cancelled = NULL;
  g_autoptr(ResfriBooking) twice = NULL;
  g_autoptr(GError) error = NULL;
  const ResfriBooking *b;

  g_test_summary ("Bookings list by start within a window; a cancelled booking frees its room");

  series = book_room (fixture, "KOM-A", "series", NULL);
  single = book_room (fixture, "KOM-A", "single", NULL);

  all = resfri_bookings_list (fixture->store, G_MININT64, G_MAXINT64, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 4);
  b = g_ptr_array_index (all, 0);
  g_assert_cmpstr (b->uid, ==, "single");
  b = g_ptr_array_index (all, 1);
  g_assert_cmpstr (b->recurrence_id, ==, "20260303T080000Z");
  g_assert_cmpstr (b->summary, ==, "Series");

  /* [03-03 09:00, 03-10 08:00): touches both neighbours, holds none. */
  window = resfri_bookings_list (fixture->store, utc ("2026-03-03T09:00:00Z"),
                                 utc ("2026-03-10T08:00:00Z"), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (window->len, ==, 0);
  g_clear_pointer (&window, g_ptr_array_unref);
  window = resfri_bookings_list (fixture->store, utc ("2026-03-03T08:59:00Z"),
                                 utc ("2026-03-10T08:01:00Z"), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (window->len, ==, 2);

  b = g_ptr_array_index (single, 0);
  cancelled = resfri_bookings_cancel (fixture->store, b->id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (cancelled->uid, ==, "single");
  g_assert_cmpstr (cancelled->resource, ==, "KOM-A");

  after = resfri_bookings_list (fixture->store, G_MININT64, G_MAXINT64, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (after->len, ==, 3);
  assert_free_rooms (fixture->store, "KOM", "2026-03-02T08:00:00Z", "2026-03-02T09:00:00Z", 0,
                     FALSE, "KOM-A,KOM-C,KOM-B");

  twice = resfri_bookings_cancel (fixture->store, b->id, &error);
  g_assert_error (error, RESFRI_ERROR, RESFRI_ERROR_NOT_FOUND);
  g_assert_null (twice);
}

static const ResfriUtilisation *
find_row (GPtrArray  *rows,
          const char *site,
          const char *type,
          const char *room)
{
  for (guint i = 0; i < rows->len; i++)
    {
      const ResfriUtilisation *row = g_ptr_array_index (rows, i);

      if (g_strcmp0 (row->site, site) == 0 && g_strcmp0 (row->type, type) == 0 &&
          g_strcmp0 (row->room, room) == 0)
        return row;
    }

  return NULL;
}

static void
add_loan (Fixture    *fixture,
          gint64      item,
          const char *start,
          const char *end)
{
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (resfri_bookings_add_item (fixture->store, item, "single", NULL, 1, utc (start),
                                             utc (end), &error), >, 0);
  g_assert_no_error (error);
}

/* Stockholm midnight of a March/April 2026 date, from its UTC offset. */
static void
test_utilisation (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) booked = NULL;
  g_autoptr(GError) error = NULL;
  const ResfriUtilisation *row;
  gint64 from = utc ("2026-03-01T00:00:00+01:00");
  gint64 to = utc ("2026-04-01T00:00:00+02:00");

  g_test_summary ("Utilisation of March 2026 computed by hand: booked hours clipped to the "
                  "period, the part in working hours (weekdays 08–17 Stockholm), the share");

  /* 22 weekdays × 9 h; the DST change on Sunday the 29th changes nothing. */
  g_assert_cmpfloat (resfri_bookings_working_hours (from, to), ==, 198.0);
  g_assert_cmpfloat (resfri_bookings_working_hours (utc ("2026-03-29T00:00:00+01:00"),
                                                    utc ("2026-03-30T00:00:00+02:00")), ==, 0.0);
  g_assert_cmpfloat (resfri_bookings_working_hours (utc ("2026-03-30T00:00:00+02:00"),
                                                    utc ("2026-04-06T00:00:00+02:00")), ==, 45.0);
  g_assert_cmpfloat (resfri_bookings_working_hours (utc ("2026-03-30T16:30:00+02:00"),
                                                    utc ("2026-03-31T08:15:00+02:00")), ==, 0.75);

  /* H-1 (SKO headset pool of one; H-3 is broken, H-4 personal):
   *   Mon 03-02 09–10 local: 1 h, 1 in working hours
   *   Mon 03-02 18–20: 2 h, 0
   *   Tue 03-03 07–09: 2 h, 1
   *   Sat 03-07 10–12: 2 h, 0
   *   Tue 03-31 16:00 – Wed 04-01 10:00 (CEST): 8 h in March, 1
   *   Fri 02-27 16:00 – Mon 03-02 08:30: 32.5 h in March, 0.5
   *   Thu 04-02 09–10: outside */
  add_loan (fixture, 1, "2026-03-02T09:00:00+01:00", "2026-03-02T10:00:00+01:00");
  add_loan (fixture, 1, "2026-03-02T18:00:00+01:00", "2026-03-02T20:00:00+01:00");
  add_loan (fixture, 1, "2026-03-03T07:00:00+01:00", "2026-03-03T09:00:00+01:00");
  add_loan (fixture, 1, "2026-03-07T10:00:00+01:00", "2026-03-07T12:00:00+01:00");
  add_loan (fixture, 1, "2026-03-31T16:00:00+02:00", "2026-04-01T10:00:00+02:00");
  add_loan (fixture, 1, "2026-02-27T16:00:00+01:00", "2026-03-02T08:30:00+01:00");
  add_loan (fixture, 1, "2026-04-02T09:00:00+02:00", "2026-04-02T10:00:00+02:00");
  /* KOM-B (video) for "single" (09–10 local); KOM-A has no video. */
  booked = book_room (fixture, "KOM-B", "single", NULL);
  g_clear_pointer (&booked, g_ptr_array_unref);
  booked = book_room (fixture, "KOM-A", "touch", NULL);

  rows = resfri_bookings_get_utilisation (fixture->store, from, to, &error);
  g_assert_no_error (error);
  /* Pools KOM headset, KOM vc-kit, SKO headset; rooms KOM-C, KOM-B by name. */
  g_assert_cmpuint (rows->len, ==, 5);
  g_assert_cmpstr (((ResfriUtilisation *) g_ptr_array_index (rows, 0))->type, ==, "headset");
  g_assert_cmpstr (((ResfriUtilisation *) g_ptr_array_index (rows, 1))->type, ==, "vc-kit");
  g_assert_cmpstr (((ResfriUtilisation *) g_ptr_array_index (rows, 2))->site, ==, "SKO");
  g_assert_cmpstr (((ResfriUtilisation *) g_ptr_array_index (rows, 3))->room, ==, "KOM-B");
  g_assert_cmpstr (((ResfriUtilisation *) g_ptr_array_index (rows, 4))->room, ==, "KOM-C");
  g_assert_null (find_row (rows, "SKO", "camera", NULL));

  row = find_row (rows, "SKO", "headset", NULL);
  g_assert_nonnull (row);
  g_assert_cmpint (row->kind, ==, RESFRI_BOOKING_ITEM);
  g_assert_cmpint (row->items, ==, 1);
  g_assert_cmpfloat_with_epsilon (row->booked_hours, 47.5, 1e-9);
  g_assert_cmpfloat_with_epsilon (row->booked_working_hours, 3.5, 1e-9);
  g_assert_cmpfloat_with_epsilon (row->working_hours, 198.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (row->share, 3.5 / 198.0, 1e-12);

  row = find_row (rows, "KOM", "headset", NULL);
  g_assert_cmpfloat (row->booked_hours, ==, 0.0);
  g_assert_cmpfloat (row->share, ==, 0.0);

  row = find_row (rows, "KOM", NULL, "KOM-B");
  g_assert_nonnull (row);
  g_assert_cmpint (row->kind, ==, RESFRI_BOOKING_ROOM);
  g_assert_cmpstr (row->name, ==, "Beta");
  g_assert_cmpfloat_with_epsilon (row->booked_hours, 1.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (row->share, 1.0 / 198.0, 1e-12);
  g_assert_null (find_row (rows, "KOM", NULL, "KOM-A"));

  /* An empty period: no working hours, no share. */
  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = resfri_bookings_get_utilisation (fixture->store, from, from, &error);
  g_assert_no_error (error);
  row = find_row (rows, "SKO", "headset", NULL);
  g_assert_true (isnan (row->share));
}

/* CLI */

static int
run_cli (Fixture     *fixture,
         char       **out,
         char       **err,
         const char  *first,
         ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  int status = 0;
  va_list ap;

  g_ptr_array_add (args, (char *) g_getenv ("RESFRI_CLI"));
  g_ptr_array_add (args, (char *) "--db");
  g_ptr_array_add (args, fixture->path);
  va_start (ap, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (args, (char *) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);

  g_assert_true (g_spawn_sync (NULL, (char **) args->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               out, err, &status, &error));
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status));

  return WEXITSTATUS (status);
}

static JsonNode *
parse_json (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (json_parser_load_from_data (parser, text, -1, &error));
  g_assert_no_error (error);

  return json_node_copy (json_parser_get_root (parser));
}

static void
test_cli (Fixture       *fixture,
          gconstpointer  user_data)
{
  g_autofree char *before = NULL;

  g_test_summary ("resfri-cli rooms free, book, bookings, utilisation: exit statuses and JSON");

  if (g_getenv ("RESFRI_CLI") == NULL)
    {
      g_test_skip ("RESFRI_CLI is not set");
      return;
    }

  /* Free rooms for an interval, in JSON. */
  {
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;
    g_autoptr(JsonNode) root = NULL;
    JsonObject *object;
    JsonArray *rooms;

    g_assert_cmpint (run_cli (fixture, &out, &err, "rooms", "free", "--start",
                              "2026-03-02T09:00:00+01:00", "--end", "2026-03-02T10:00:00+01:00",
                              "--site", "KOM", "--capacity", "5", "--format", "json", NULL), ==, 0);
    g_assert_cmpstr (err, ==, "");
    root = parse_json (out);
    object = json_node_get_object (root);
    g_assert_true (json_object_get_null_member (object, "uid"));
    g_assert_cmpstr (json_object_get_string_member (object, "site"), ==, "KOM");
    g_assert_cmpstr (json_object_get_string_member (object, "start"), ==, "2026-03-02T08:00:00Z");
    g_assert_cmpstr (json_object_get_string_member (object, "end"), ==, "2026-03-02T09:00:00Z");
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "occurrences")),
                      ==, 0);
    rooms = json_object_get_array_member (object, "rooms");
    g_assert_cmpuint (json_array_get_length (rooms), ==, 2);
    object = json_array_get_object_element (rooms, 0);
    g_assert_cmpstr (json_object_get_string_member (object, "room"), ==, "KOM-C");
    g_assert_cmpstr (json_object_get_string_member (object, "name"), ==, "Gamma");
    g_assert_cmpint (json_object_get_int_member (object, "capacity"), ==, 6);
    g_assert_true (json_object_get_boolean_member (object, "vc"));
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "taken")), ==,
                      0);
  }

  /* Book a room for the single meeting; the series where free. */
  {
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;

    g_assert_cmpint (run_cli (fixture, &out, &err, "book", "room", "KOM-B", "--uid", "blocker",
                              NULL), ==, 0);
    g_assert_nonnull (strstr (out, "KOM-B"));
    g_assert_cmpstr (err, ==, "");
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);

    g_assert_cmpint (run_cli (fixture, &out, &err, "book", "room", "KOM-B", "--uid", "series",
                              NULL), ==, 0);
    g_assert_nonnull (strstr (out, "20260310T080000Z"));
    g_assert_cmpstr (err, ==, "");
    g_assert_cmpint (count_bookings (fixture->store), ==, 3);
  }

  /* The series in JSON: KOM-B taken at every occurrence (by its own
   * bookings, one by the blocker). */
  {
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;
    g_autoptr(JsonNode) root = NULL;
    JsonObject *object;
    JsonArray *rooms;
    JsonArray *taken;

    g_assert_cmpint (run_cli (fixture, &out, &err, "rooms", "free", "--uid", "series", "--vc",
                              "--format", "json", NULL), ==, 0);
    root = parse_json (out);
    object = json_node_get_object (root);
    g_assert_cmpstr (json_object_get_string_member (object, "uid"), ==, "series");
    g_assert_true (json_object_get_null_member (object, "recurrence_id"));
    g_assert_cmpstr (json_object_get_string_member (object, "start"), ==, "2026-03-03T08:00:00Z");
    g_assert_cmpstr (json_object_get_string_member (object, "end"), ==, "2026-03-17T09:00:00Z");
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "occurrences")),
                      ==, 3);
    rooms = json_object_get_array_member (object, "rooms");
    g_assert_cmpuint (json_array_get_length (rooms), ==, 2);
    taken = json_object_get_array_member (json_array_get_object_element (rooms, 1), "taken");
    g_assert_cmpuint (json_array_get_length (taken), ==, 3);
    g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (taken, 1),
                                                 "booking"), ==, 1);
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (taken, 1),
                                                    "recurrence_id"), ==, "20260310T080000Z");
  }

  /* Lend an item. */
  {
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;

    g_assert_cmpint (run_cli (fixture, &out, &err, "book", "item", "H-1", "--uid", "series",
                              "--recurrence-id", "20260303T080000Z", "--person", "anna@example.se",
                              NULL), ==, 0);
    g_assert_nonnull (strstr (out, "H-1"));
    g_assert_cmpstr (err, ==, "");
  }

  /* Refusals (1) and usage errors (2) change nothing. */
  before = snapshot (fixture->store);
  {
    const struct
    {
      int         status;
      const char *args[9];
      const char *message;
    } failures[] = {
      { 1, { "book", "room", "KOM-B", "--uid", "series", "--recurrence-id", "20260310T080000Z" },
        "booking 1" },
      { 1, { "book", "room", "KOM-B", "--uid", "blocker" }, "booking 1" },
      { 1, { "book", "room", "KOM-X", "--uid", "blocker" }, "KOM-X" },
      { 1, { "book", "item", "H-1", "--uid", "series", "--recurrence-id", "20260303T080000Z",
             "--person" }, "already booked" },
      { 1, { "book", "item", "H-3", "--uid", "touch", "--person", "anna@example.se" }, "broken" },
      { 1, { "bookings", "cancel", "999" }, "999" },
      { 1, { "rooms", "free", "--uid", "nope" }, "nope" },
      { 1, { "rooms", "free", "--start", "2026-03-02", "--end", "2026-03-03", "--site", "XX" },
        "XX" },
      { 2, { "rooms", "free" }, "--uid" },
      { 2, { "rooms", "free", "--uid", "series", "--start", "2026-03-02" }, "--uid" },
      { 2, { "rooms", "free", "--uid", "series", "--capacity", "many" }, "many" },
      { 2, { "rooms", "free", "--uid", "series", "--format", "csv" }, "csv" },
      { 2, { "rooms", "free", "--start", "soon", "--end", "2026-03-03", "--site", "KOM" }, "soon" },
      { 2, { "book", "room", "KOM-B" }, "--uid" },
      { 2, { "book", "room", "--uid", "series" }, "room" },
      { 2, { "book", "item", "H-1", "--uid", "touch" }, "--person" },
      { 2, { "bookings", "cancel", "abc" }, "abc" },
      { 2, { "bookings", "cancel" }, "id" },
      { 2, { "bookings", "--from", "yesterday" }, "yesterday" },
      { 2, { "utilisation" }, "--period" },
      { 2, { "utilisation", "--period", "2026-13" }, "2026-13" },
      { 2, { "utilisation", "--period", "2026-T4" }, "2026-T4" },
      /* The shared period parser (resfri-period.h, fuzzed): 1970–2199. */
      { 2, { "utilisation", "--period", "1969" }, "1969" },
      { 2, { "utilisation", "--period", "2026-03-02..2026-03-01" }, "2026-03-02" },
      { 2, { "utilisation", "--period", "2026-03", "--format", "pdf" }, "pdf" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (failures); i++)
      {
        g_autofree char *out = NULL;
        g_autofree char *err = NULL;
        g_autofree char *after = NULL;
        const char * const *a = failures[i].args;
        int status;

        /* The item case's --person is the borrower's email. */
        if (i == 3)
          status = run_cli (fixture, &out, &err, a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7],
                            "anna@example.se", NULL);
        else
          status = run_cli (fixture, &out, &err, a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7],
                            a[8], NULL);

        if (status != failures[i].status)
          g_error ("case %u: status %d, stderr: %s", i, status, err);
        g_assert_cmpstr (out, ==, "");
        if (failures[i].message != NULL && strstr (err, failures[i].message) == NULL)
          g_error ("case %u: stderr “%s” lacks “%s”", i, err, failures[i].message);
        if (status == 1)
          {
            /* One line. */
            g_assert_nonnull (strchr (err, '\n'));
            g_assert_cmpstr (strchr (err, '\n') + 1, ==, "");
          }
        after = snapshot (fixture->store);
        g_assert_cmpstr (after, ==, before);
      }
  }

  /* bookings in JSON. */
  {
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;
    g_autoptr(JsonNode) root = NULL;
    JsonArray *array;
    JsonObject *object;

    g_assert_cmpint (run_cli (fixture, &out, &err, "bookings", "--from", "2026-03-03", "--to",
                              "2026-03-04", "--format", "json", NULL), ==, 0);
    root = parse_json (out);
    array = json_node_get_array (root);
    g_assert_cmpuint (json_array_get_length (array), ==, 2);
    object = json_array_get_object_element (array, 0);
    g_assert_cmpstr (json_object_get_string_member (object, "kind"), ==, "room");
    g_assert_cmpstr (json_object_get_string_member (object, "room"), ==, "KOM-B");
    g_assert_true (json_object_get_null_member (object, "item"));
    g_assert_true (json_object_get_null_member (object, "person"));
    g_assert_cmpstr (json_object_get_string_member (object, "recurrence_id"), ==,
                     "20260303T080000Z");
    g_assert_cmpstr (json_object_get_string_member (object, "summary"), ==, "Series");
    object = json_array_get_object_element (array, 1);
    g_assert_cmpstr (json_object_get_string_member (object, "kind"), ==, "item");
    g_assert_cmpstr (json_object_get_string_member (object, "item"), ==, "H-1");
    g_assert_cmpstr (json_object_get_string_member (object, "type"), ==, "headset");
    g_assert_cmpstr (json_object_get_string_member (object, "site"), ==, "SKO");
    g_assert_cmpstr (json_object_get_string_member (object, "person"), ==, "anna@example.se");
    g_assert_cmpstr (json_object_get_string_member (object, "start"), ==, "2026-03-03T08:00:00Z");
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
    g_clear_pointer (&root, json_node_unref);

    g_assert_cmpint (run_cli (fixture, &out, &err, "bookings", "--format", "json", NULL), ==, 0);
    root = parse_json (out);
    array = json_node_get_array (root);
    g_assert_cmpuint (json_array_get_length (array), ==, 4);
    object = json_array_get_object_element (array, 2);
    g_assert_cmpstr (json_object_get_string_member (object, "uid"), ==, "blocker");
    g_assert_true (json_object_get_null_member (object, "recurrence_id"));
  }

  /* Cancel, then the room is free for the single-occurrence booking. */
  {
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;

    g_assert_cmpint (run_cli (fixture, &out, &err, "bookings", "cancel", "1", NULL), ==, 0);
    g_assert_cmpint (count_bookings (fixture->store), ==, 3);
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
    g_assert_cmpint (run_cli (fixture, &out, &err, "book", "room", "KOM-B", "--uid", "series",
                              "--recurrence-id", "20260310T080000Z", NULL), ==, 0);
    g_assert_cmpint (count_bookings (fixture->store), ==, 4);
  }

  /* utilisation in JSON and CSV. */
  {
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;
    g_autoptr(JsonNode) root = NULL;
    JsonObject *object;
    JsonArray *pools;
    JsonArray *rooms;

    g_assert_cmpint (run_cli (fixture, &out, &err, "utilisation", "--period", "2026-03",
                              "--format", "json", NULL), ==, 0);
    root = parse_json (out);
    object = json_node_get_object (root);
    g_assert_cmpstr (json_object_get_string_member (object, "period"), ==, "2026-03");
    g_assert_cmpstr (json_object_get_string_member (object, "from"), ==, "2026-02-28T23:00:00Z");
    g_assert_cmpstr (json_object_get_string_member (object, "to"), ==, "2026-03-31T22:00:00Z");
    g_assert_cmpfloat (json_object_get_double_member (object, "working_hours"), ==, 198.0);
    pools = json_object_get_array_member (object, "pools");
    g_assert_cmpuint (json_array_get_length (pools), ==, 3);
    object = json_array_get_object_element (pools, 2);
    g_assert_cmpstr (json_object_get_string_member (object, "site"), ==, "SKO");
    g_assert_cmpstr (json_object_get_string_member (object, "type"), ==, "headset");
    g_assert_cmpint (json_object_get_int_member (object, "items"), ==, 1);
    g_assert_cmpfloat (json_object_get_double_member (object, "booked_hours"), ==, 1.0);
    g_assert_cmpfloat (json_object_get_double_member (object, "share"), ==,
                       round (1.0 / 198.0 * 10000) / 10000);
    rooms = json_object_get_array_member (json_node_get_object (root), "rooms");
    g_assert_cmpuint (json_array_get_length (rooms), ==, 2);
    object = json_array_get_object_element (rooms, 0);
    g_assert_cmpstr (json_object_get_string_member (object, "room"), ==, "KOM-B");
    g_assert_cmpfloat (json_object_get_double_member (object, "booked_hours"), ==, 3.0);
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);

    g_assert_cmpint (run_cli (fixture, &out, &err, "utilisation", "--period",
                              "2026-03-01..2026-03-31", "--format", "csv", NULL), ==, 0);
    g_assert_true (g_str_has_prefix (out, "kind,site,type,room,name,items,booked_hours,"
                                          "booked_working_hours,working_hours,share\r\n"));
    g_assert_nonnull (strstr (out, "\r\npool,SKO,headset,,,1,1.00,1.00,198.00,0.0051\r\n"));
    g_assert_nonnull (strstr (out, "\r\nroom,KOM,,KOM-B,Beta,1,3.00,3.00,198.00,0.0152\r\n"));
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);

    /* The other period forms parse. */
    {
      const char *periods[] = { "2026", "2026-T1", "2026-H2", "2026-Q4", "2026-D" };

      for (guint i = 0; i < G_N_ELEMENTS (periods); i++)
        {
          g_autofree char *o = NULL;
          g_autofree char *e = NULL;

          g_assert_cmpint (run_cli (fixture, &o, &e, "utilisation", "--period", periods[i], NULL),
                           ==, 0);
          g_assert_cmpstr (e, ==, "");
        }
    }
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/bookings/free/interval", test_free_interval);
  ADD ("/bookings/free/occurrence", test_free_occurrence);
  ADD ("/bookings/series", test_series);
  ADD ("/bookings/refused", test_refused);
  ADD ("/bookings/items", test_items);
  ADD ("/bookings/items/buffer", test_item_buffer);
  ADD ("/bookings/add-item", test_add_item);
  ADD ("/bookings/list-cancel", test_list_cancel);
  ADD ("/bookings/utilisation", test_utilisation);
  ADD ("/bookings/cli", test_cli);

#undef ADD

  return g_test_run ();
}

/* test-booking-follow.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Bookings follow their meeting (spec/sync.md): re-imports that cancel,
 * remove or move an occurrence release or move its bookings, and every
 * release is listed with its reason.
 */

#include "config.h"

#include <string.h>

#include "resfri-core.h"
#include "resfri-store-private.h"
#include "resfri-test-fixture.h"

typedef ResfriTestFixture Fixture;

/* One site; Halleberg and Vänern (with email), a camera in the pool; Anna
 * lives there. */
static const char fixture_sql[] =
  "INSERT INTO units (id, name, path) VALUES (1, 'IT', 'IT');"
  "INSERT INTO sites (id, code, name, latitude, longitude) VALUES"
  "  (1, 'VBG', 'Vänersborg', 58.38, 12.32);"
  "INSERT INTO people (id, email, name, unit_id, site_id) VALUES"
  "  (1, 'anna@example.se', 'Anna', 1, 1);"
  "INSERT INTO rooms (id, code, name, site_id, capacity, email, vc) VALUES"
  "  (1, 'VBG-R004', 'Halleberg', 1, 30, 'rum.halleberg@vanersborg.example', 1),"
  "  (2, 'VBG-R002', 'Vänern', 1, 8, 'rum.vanern@vanersborg.example', 0);"
  "INSERT INTO equipment (id, tag, type_id, site_id, owner_id, state) VALUES"
  "  (1, 'C-1', 2, 1, NULL, 'ok');";

#define CALENDAR(METHOD, EVENTS) \
  "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n" METHOD EVENTS "END:VCALENDAR\r\n"

/* "Möte" on 2026-03-02 08:00–09:00 Stockholm (07:00Z); "Serie" weekly at
 * 10:00Z, three times. */
#define MOTE(SEQ, START, END, STATUS) \
  "BEGIN:VEVENT\r\nUID:mote\r\nDTSTAMP:20260101T000000Z\r\nSEQUENCE:" SEQ "\r\n" \
  "DTSTART:" START "\r\nDTEND:" END "\r\nSUMMARY:Möte\r\n" STATUS \
  "ORGANIZER:mailto:anna@example.se\r\nATTENDEE:mailto:anna@example.se\r\nEND:VEVENT\r\n"
#define SERIE(SEQ, COUNT) \
  "BEGIN:VEVENT\r\nUID:serie\r\nDTSTAMP:20260101T000000Z\r\nSEQUENCE:" SEQ "\r\n" \
  "DTSTART:20260302T100000Z\r\nDTEND:20260302T110000Z\r\nRRULE:FREQ=WEEKLY;COUNT=" COUNT "\r\n" \
  "SUMMARY:Serie\r\nORGANIZER:mailto:anna@example.se\r\nEND:VEVENT\r\n"
/* "Lunch" holds Vänern at 13:00 Stockholm through the calendar. */
#define LUNCH \
  "BEGIN:VEVENT\r\nUID:lunch\r\nDTSTAMP:20260101T000000Z\r\n" \
  "DTSTART:20260302T120000Z\r\nDTEND:20260302T130000Z\r\nSUMMARY:Lunch\r\n" \
  "ORGANIZER:mailto:anna@example.se\r\n" \
  "ATTENDEE;CUTYPE=ROOM;PARTSTAT=ACCEPTED:mailto:rum.vanern@vanersborg.example\r\nEND:VEVENT\r\n"

static gint64
utc (const char *text)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_iso8601 (text, NULL);

  g_assert_nonnull (dt);
  return g_date_time_to_unix (dt);
}

static void
import (Fixture    *fixture,
        const char *text)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (resfri_store_import_ical (fixture->store, text, -1, "test.ics", NULL, &error));
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  resfri_test_fixture_set_up (fixture, fixture_sql);
  import (fixture, CALENDAR ("", MOTE ("0", "20260302T070000Z", "20260302T080000Z", "")
                                 SERIE ("0", "3") LUNCH));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  resfri_test_fixture_tear_down (fixture);
}

static void
book (Fixture    *fixture,
      const char *room)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) booked = NULL;
  g_autoptr(ResfriBooking) camera = NULL;

  booked = resfri_bookings_book_room (fixture->store, room, "mote", "", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (booked->len, ==, 1);
  camera = resfri_bookings_book_item (fixture->store, "C-1", "mote", "", "anna@example.se",
                                      &error);
  g_assert_no_error (error);
}

static GPtrArray *
list (Fixture *fixture,
      gboolean attention)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *bookings;

  if (attention)
    bookings = resfri_bookings_list_attention (fixture->store, G_MININT64, G_MAXINT64, &error);
  else
    bookings = resfri_bookings_list (fixture->store, G_MININT64, G_MAXINT64, &error);
  g_assert_no_error (error);

  /* Only Resfri's own bookings: the calendar's reservations are not moved. */
  for (guint i = bookings->len; i > 0; i--)
    if (((ResfriBooking *) g_ptr_array_index (bookings, i - 1))->source ==
        RESFRI_BOOKING_SOURCE_CALENDAR)
      g_ptr_array_remove_index (bookings, i - 1);

  return bookings;
}

static void
test_cancel (Fixture       *fixture,
             gconstpointer  user_data)
{
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GPtrArray) released = NULL;

  g_test_summary ("A METHOD:CANCEL re-import releases the booked room and camera, and both are "
                  "listed as needing attention, cancelled");

  book (fixture, "VBG-R004");
  import (fixture, CALENDAR ("METHOD:CANCEL\r\n",
                             MOTE ("1", "20260302T070000Z", "20260302T080000Z", "")));

  after = list (fixture, FALSE);
  g_assert_cmpuint (after->len, ==, 0);
  released = list (fixture, TRUE);
  g_assert_cmpuint (released->len, ==, 2);
  for (guint i = 0; i < released->len; i++)
    {
      const ResfriBooking *b = g_ptr_array_index (released, i);

      g_assert_cmpstr (b->uid, ==, "mote");
      g_assert_cmpstr (b->attention, ==, "cancelled");
      g_assert_nonnull (b->detail);
      g_assert_cmpint (b->id, >, 0);
    }
  g_assert_cmpint (((ResfriBooking *) g_ptr_array_index (released, 0))->kind, !=,
                   ((ResfriBooking *) g_ptr_array_index (released, 1))->kind);

  /* The room and the camera are free again. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GPtrArray) rooms = NULL;

    rooms = resfri_bookings_free_rooms_for_interval (fixture->store, "VBG",
                                                     utc ("2026-03-02T07:00:00Z"),
                                                     utc ("2026-03-02T08:00:00Z"), 0, FALSE,
                                                     &error);
    g_assert_no_error (error);
    g_assert_cmpuint (rooms->len, ==, 2);
  }
}

static void
test_move (Fixture       *fixture,
           gconstpointer  user_data)
{
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GPtrArray) released = NULL;
  gint64 camera_lead;

  g_test_summary ("A meeting moved from 08:00 to 13:00 takes its room and camera along, the "
                  "camera's loan buffer kept; nothing needs attention");

  book (fixture, "VBG-R004");
  before = list (fixture, FALSE);
  g_assert_cmpuint (before->len, ==, 2);
  camera_lead = utc ("2026-03-02T07:00:00Z") -
                ((ResfriBooking *) g_ptr_array_index (before, 0))->start;
  g_assert_cmpint (camera_lead, >=, 0);

  import (fixture, CALENDAR ("", MOTE ("1", "20260302T120000Z", "20260302T130000Z", "")));

  after = list (fixture, FALSE);
  g_assert_cmpuint (after->len, ==, 2);
  for (guint i = 0; i < after->len; i++)
    {
      const ResfriBooking *b = g_ptr_array_index (after, i);

      if (b->kind == RESFRI_BOOKING_ROOM)
        {
          g_assert_cmpint (b->start, ==, utc ("2026-03-02T12:00:00Z"));
          g_assert_cmpint (b->end, ==, utc ("2026-03-02T13:00:00Z"));
        }
      else
        g_assert_cmpint (b->start, ==, utc ("2026-03-02T12:00:00Z") - camera_lead);
    }
  released = list (fixture, TRUE);
  g_assert_cmpuint (released->len, ==, 0);

  /* A second import changes nothing more. */
  import (fixture, CALENDAR ("", MOTE ("1", "20260302T120000Z", "20260302T130000Z", "")));
  g_clear_pointer (&after, g_ptr_array_unref);
  after = list (fixture, FALSE);
  g_assert_cmpuint (after->len, ==, 2);
}

static void
test_move_onto_taken (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GPtrArray) released = NULL;
  g_autoptr(GPtrArray) blocker = NULL;
  g_autoptr(GError) error = NULL;
  const ResfriBooking *b;

  g_test_summary ("A meeting moved onto a time where its room is taken (by a booking, or by "
                  "the calendar's reservation of another meeting) loses the room, listed under "
                  "attention with the reason; the camera, still free, moves");

  book (fixture, "VBG-R004");
  blocker = resfri_bookings_book_room (fixture->store, "VBG-R004", "serie", "20260302T100000Z",
                                       NULL, &error);
  g_assert_no_error (error);

  import (fixture, CALENDAR ("", MOTE ("1", "20260302T100000Z", "20260302T110000Z", "")));

  after = list (fixture, FALSE);
  /* The blocker and the moved camera. */
  g_assert_cmpuint (after->len, ==, 2);
  released = list (fixture, TRUE);
  g_assert_cmpuint (released->len, ==, 1);
  b = g_ptr_array_index (released, 0);
  g_assert_cmpint (b->kind, ==, RESFRI_BOOKING_ROOM);
  g_assert_cmpstr (b->resource, ==, "VBG-R004");
  g_assert_cmpstr (b->attention, ==, "taken");
  g_assert_nonnull (strstr (b->detail, "VBG-R004"));
  /* As it was: at 08:00. */
  g_assert_cmpint (b->start, ==, utc ("2026-03-02T07:00:00Z"));
}

static void
test_move_onto_reservation (Fixture       *fixture,
                            gconstpointer  user_data)
{
  g_autoptr(GPtrArray) released = NULL;
  const ResfriBooking *b;

  g_test_summary ("A meeting moved onto the calendar's reservation of its room by another "
                  "meeting loses the room, naming that meeting");

  book (fixture, "VBG-R002");
  import (fixture, CALENDAR ("", MOTE ("1", "20260302T120000Z", "20260302T130000Z", "")));

  released = list (fixture, TRUE);
  g_assert_cmpuint (released->len, ==, 1);
  b = g_ptr_array_index (released, 0);
  g_assert_cmpstr (b->resource, ==, "VBG-R002");
  g_assert_cmpstr (b->attention, ==, "taken");
  g_assert_nonnull (strstr (b->detail, "Lunch"));
}

static void
test_removed (Fixture       *fixture,
              gconstpointer  user_data)
{
  g_autoptr(GPtrArray) booked = NULL;
  g_autoptr(GPtrArray) released = NULL;
  g_autoptr(GError) error = NULL;

  g_test_summary ("An occurrence gone from its series at re-import releases its booking, "
                  "removed; the others stay");

  booked = resfri_bookings_book_room (fixture->store, "VBG-R004", "serie", NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (booked->len, ==, 3);

  import (fixture, CALENDAR ("", SERIE ("1", "2")));

  released = list (fixture, TRUE);
  g_assert_cmpuint (released->len, ==, 1);
  g_assert_cmpstr (((ResfriBooking *) g_ptr_array_index (released, 0))->recurrence_id, ==,
                   "20260316T100000Z");
  g_assert_cmpstr (((ResfriBooking *) g_ptr_array_index (released, 0))->attention, ==,
                   "removed");
  g_assert_cmpint (_resfri_store_query_int (fixture->store, "SELECT count(*) FROM bookings",
                                            NULL), ==, 2);
}

/* A meeting of @n people: the organiser and @n - 1 attendees, some
 * external; besides them a DECLINED attendee and the room, who do not
 * count. */
static void
import_meeting_of (Fixture    *fixture,
                   const char *uid,
                   guint       n)
{
  g_autoptr(GString) text = g_string_new ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//EN\r\n");

  /* Each at its own hour on 2026-03-03. */
  g_string_append_printf (text, "BEGIN:VEVENT\r\nUID:%s\r\nDTSTAMP:20260101T000000Z\r\n"
                          "DTSTART:20260303T%02u0000Z\r\nDTEND:20260303T%02u0000Z\r\n"
                          "SUMMARY:Stort möte\r\nORGANIZER:mailto:anna@example.se\r\n"
                          "ATTENDEE;PARTSTAT=ACCEPTED:mailto:anna@example.se\r\n", uid, n, n + 1);
  for (guint i = 1; i < n; i++)
    g_string_append_printf (text, "ATTENDEE;PARTSTAT=%s:mailto:person%u@%s\r\n",
                            i % 2 ? "ACCEPTED" : "NEEDS-ACTION", i,
                            i % 3 ? "example.se" : "extern.example");
  g_string_append (text, "ATTENDEE;PARTSTAT=DECLINED:mailto:nej@example.se\r\n"
                   "ATTENDEE;CUTYPE=ROOM:mailto:rum.halleberg@vanersborg.example\r\n"
                   "END:VEVENT\r\nEND:VCALENDAR\r\n");
  import (fixture, text->str);
}

static void
test_capacity (Fixture       *fixture,
               gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rooms = NULL;
  g_autoptr(GPtrArray) refused = NULL;
  g_autoptr(GPtrArray) forced = NULL;
  g_autoptr(GPtrArray) fits = NULL;

  g_test_summary ("A 14-person meeting is not offered the 8-seat room, and booking it there is "
                  "refused unless forced; 8 people fit");

  import_meeting_of (fixture, "fjorton", 14);
  import_meeting_of (fixture, "atta", 8);

  rooms = resfri_bookings_free_rooms_for_occurrence (fixture->store, "fjorton", "", NULL, 0,
                                                     FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rooms->len, ==, 1);
  g_assert_cmpstr (((ResfriRoomAvailability *) g_ptr_array_index (rooms, 0))->room, ==,
                   "VBG-R004");
  g_clear_pointer (&rooms, g_ptr_array_unref);
  rooms = resfri_bookings_rooms_for_series (fixture->store, "fjorton", NULL, 0, FALSE, NULL,
                                            &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rooms->len, ==, 1);

  refused = resfri_bookings_book_room (fixture->store, "VBG-R002", "fjorton", "", NULL, &error);
  g_assert_null (refused);
  g_assert_error (error, RESFRI_ERROR, RESFRI_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error->message, "8"));
  g_assert_nonnull (strstr (error->message, "14"));
  g_clear_error (&error);
  g_assert_cmpint (_resfri_store_query_int (fixture->store, "SELECT count(*) FROM bookings",
                                            NULL), ==, 0);

  forced = resfri_bookings_book_room_forced (fixture->store, "VBG-R002", "fjorton", "", TRUE,
                                             NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (forced->len, ==, 1);

  g_clear_pointer (&rooms, g_ptr_array_unref);
  rooms = resfri_bookings_free_rooms_for_occurrence (fixture->store, "atta", "", NULL, 0, FALSE,
                                                     &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rooms->len, ==, 2);
  fits = resfri_bookings_book_room (fixture->store, "VBG-R002", "atta", "", NULL, &error);
  g_assert_no_error (error);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/booking-follow/cancel", Fixture, NULL, fixture_set_up, test_cancel,
              fixture_tear_down);
  g_test_add ("/booking-follow/move", Fixture, NULL, fixture_set_up, test_move,
              fixture_tear_down);
  g_test_add ("/booking-follow/move-onto-taken", Fixture, NULL, fixture_set_up,
              test_move_onto_taken, fixture_tear_down);
  g_test_add ("/booking-follow/move-onto-reservation", Fixture, NULL, fixture_set_up,
              test_move_onto_reservation, fixture_tear_down);
  g_test_add ("/booking-follow/removed", Fixture, NULL, fixture_set_up, test_removed,
              fixture_tear_down);
  g_test_add ("/booking-follow/capacity", Fixture, NULL, fixture_set_up, test_capacity,
              fixture_tear_down);

  return g_test_run ();
}

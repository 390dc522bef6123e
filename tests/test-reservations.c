/* test-reservations.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reservations the calendar holds (spec/sync.md): a meeting's
 * ATTENDEE;CUTYPE=ROOM naming a room's email reserves the room, and the
 * reservation counts wherever a booking counts: free rooms (interval,
 * occurrence, series), booking a room, the list of bookings (with its
 * conflicts) and utilisation. A followed room's or item's calendar
 * reserves it for every event it holds, a followed pool's calendar one
 * item of the pool for each (its tables filled as the sync fills them;
 * tests/sync runs the real sync against Radicale).
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "resfri-allocation.h"
#include "resfri-bookings.h"
#include "resfri-gaps.h"
#include "resfri-importer.h"
#include "resfri-loans.h"
#include "resfri-occurrence-list.h"
#include "resfri-sources-private.h"
#include "resfri-store-private.h"
#include "resfri-test-fixture.h"
#include "resfri-utilisation.h"

typedef ResfriTestFixture Fixture;

/* One site; Halleberg (30 seats, video) and Vänern (8) with emails, Dalbo
 * (10) without. */
static const char fixture_sql[] =
  "INSERT INTO units (id, name, path) VALUES (1, 'IT', 'IT');"
  "INSERT INTO sites (id, code, name, latitude, longitude) VALUES"
  "  (1, 'VBG', 'Vänersborg', 58.38, 12.32);"
  "INSERT INTO people (id, email, name, unit_id, site_id) VALUES"
  "  (1, 'anna@example.se', 'Anna', 1, 1);"
  "INSERT INTO rooms (id, code, name, site_id, capacity, email, vc) VALUES"
  "  (1, 'VBG-R004', 'Halleberg', 1, 30, 'rum.halleberg@vanersborg.example', 1),"
  "  (2, 'VBG-R002', 'Vänern', 1, 8, 'rum.vanern@vanersborg.example', 0),"
  "  (3, 'VBG-R006', 'Dalbo', 1, 10, NULL, 0);";

/* "Veckomöte Förskola" holds Halleberg on Mondays 08:00–09:00 (07:00Z) in
 * March; "Krock" holds it 08:30–09:30 on the first Monday too (a conflict
 * in the calendar itself); "Nej" names Vänern, which declined; "Plan" is a
 * series at 08:30 that names Vänern's address without CUTYPE (a room all
 * the same, but no reservation). */
static const char calendar[] =
  "BEGIN:VCALENDAR\r\n"
  "VERSION:2.0\r\n"
  "PRODID:-//test//EN\r\n"
  "BEGIN:VEVENT\r\n"
  "UID:veckomote\r\n"
  "DTSTAMP:20260101T000000Z\r\n"
  "DTSTART:20260302T070000Z\r\n"
  "DTEND:20260302T080000Z\r\n"
  "RRULE:FREQ=WEEKLY;COUNT=3\r\n"
  "SUMMARY:Veckomöte Förskola\r\n"
  "ORGANIZER:mailto:anna@example.se\r\n"
  "ATTENDEE;CUTYPE=ROOM;PARTSTAT=ACCEPTED:mailto:rum.halleberg@vanersborg.example\r\n"
  "END:VEVENT\r\n"
  "BEGIN:VEVENT\r\n"
  "UID:krock\r\n"
  "DTSTAMP:20260101T000000Z\r\n"
  "DTSTART:20260302T073000Z\r\n"
  "DTEND:20260302T083000Z\r\n"
  "SUMMARY:Krock\r\n"
  "ORGANIZER:mailto:anna@example.se\r\n"
  "ATTENDEE;CUTYPE=ROOM:mailto:RUM.Halleberg@vanersborg.example\r\n"
  "END:VEVENT\r\n"
  "BEGIN:VEVENT\r\n"
  "UID:nej\r\n"
  "DTSTAMP:20260101T000000Z\r\n"
  "DTSTART:20260302T070000Z\r\n"
  "DTEND:20260302T080000Z\r\n"
  "SUMMARY:Nej\r\n"
  "ORGANIZER:mailto:anna@example.se\r\n"
  "ATTENDEE;CUTYPE=ROOM;PARTSTAT=DECLINED:mailto:rum.vanern@vanersborg.example\r\n"
  "END:VEVENT\r\n"
  "BEGIN:VEVENT\r\n"
  "UID:plan\r\n"
  "DTSTAMP:20260101T000000Z\r\n"
  "DTSTART:20260302T073000Z\r\n"
  "DTEND:20260302T080000Z\r\n"
  "RRULE:FREQ=WEEKLY;COUNT=3\r\n"
  "SUMMARY:Plan\r\n"
  "ORGANIZER:mailto:anna@example.se\r\n"
  "ATTENDEE:mailto:anna@example.se\r\n"
  "ATTENDEE:mailto:rum.vanern@vanersborg.example\r\n"
  "END:VEVENT\r\n"
  "END:VCALENDAR\r\n";

static const char cancel_third[] =
  "BEGIN:VCALENDAR\r\n"
  "VERSION:2.0\r\n"
  "PRODID:-//test//EN\r\n"
  "METHOD:CANCEL\r\n"
  "BEGIN:VEVENT\r\n"
  "UID:veckomote\r\n"
  "DTSTAMP:20260101T000000Z\r\n"
  "RECURRENCE-ID:20260316T070000Z\r\n"
  "DTSTART:20260316T070000Z\r\n"
  "SEQUENCE:1\r\n"
  "END:VEVENT\r\n"
  "END:VCALENDAR\r\n";

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

  resfri_test_fixture_set_up (fixture, fixture_sql);
  g_assert_true (resfri_store_import_ical (fixture->store, calendar, -1, "test.ics", NULL,
                                           &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  resfri_test_fixture_tear_down (fixture);
}

static char *
room_codes (GPtrArray *rooms)
{
  g_autoptr(GString) codes = g_string_new (NULL);

  for (guint i = 0; i < rooms->len; i++)
    g_string_append_printf (codes, "%s%s", i ? "," : "",
                            ((ResfriRoomAvailability *) g_ptr_array_index (rooms, i))->room);

  return g_strdup (codes->str);
}

static char *
free_for_interval (Fixture    *fixture,
                   const char *start,
                   const char *end)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rooms = NULL;

  rooms = resfri_bookings_free_rooms_for_interval (fixture->store, "VBG", utc (start), utc (end),
                                                   0, FALSE, &error);
  g_assert_no_error (error);

  return room_codes (rooms);
}

static char *
free_for_occurrence (Fixture    *fixture,
                     const char *uid,
                     const char *recurrence_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rooms = NULL;

  rooms = resfri_bookings_free_rooms_for_occurrence (fixture->store, uid, recurrence_id, NULL, 0,
                                                     FALSE, &error);
  g_assert_no_error (error);

  return room_codes (rooms);
}

static void
test_free_rooms (Fixture       *fixture,
                 gconstpointer  user_data)
{
  g_autofree char *monday = NULL;
  g_autofree char *after = NULL;
  g_autofree char *own = NULL;
  g_autofree char *other = NULL;
  g_autofree char *crossing = NULL;
  g_autofree char *cancelled = NULL;
  g_autoptr(GError) error = NULL;

  g_test_summary ("A room the calendar reserves (CUTYPE=ROOM, not DECLINED) is not free for "
                  "another occurrence, but is for the occurrence that holds it; a cancelled "
                  "occurrence reserves nothing");

  /* The demo problem: Halleberg on a Monday at 08:00. */
  monday = free_for_interval (fixture, "2026-03-02T07:00:00Z", "2026-03-02T08:00:00Z");
  g_assert_cmpstr (monday, ==, "VBG-R002,VBG-R006");
  after = free_for_interval (fixture, "2026-03-02T08:30:00Z", "2026-03-02T09:30:00Z");
  g_assert_cmpstr (after, ==, "VBG-R002,VBG-R006,VBG-R004");

  own = free_for_occurrence (fixture, "veckomote", "20260309T070000Z");
  g_assert_cmpstr (own, ==, "VBG-R002,VBG-R006,VBG-R004");
  other = free_for_occurrence (fixture, "krock", "");
  g_assert_cmpstr (other, ==, "VBG-R002,VBG-R006");
  crossing = free_for_occurrence (fixture, "plan", "20260309T073000Z");
  g_assert_cmpstr (crossing, ==, "VBG-R002,VBG-R006");

  g_assert_true (resfri_store_import_ical (fixture->store, cancel_third, -1, "cancel.ics", NULL,
                                           &error));
  g_assert_no_error (error);
  cancelled = free_for_interval (fixture, "2026-03-16T07:00:00Z", "2026-03-16T08:00:00Z");
  g_assert_cmpstr (cancelled, ==, "VBG-R002,VBG-R006,VBG-R004");
}

static void
test_series (Fixture       *fixture,
             gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rooms = NULL;
  g_autoptr(GPtrArray) booked = NULL;
  g_autoptr(GPtrArray) skipped = NULL;
  const ResfriRoomAvailability *halleberg;

  g_test_summary ("For a series, each occurrence where the calendar reserves a room for another "
                  "meeting is taken, naming that meeting; booking the series skips them");

  rooms = resfri_bookings_rooms_for_series (fixture->store, "plan", NULL, 0, FALSE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rooms->len, ==, 3);
  halleberg = g_ptr_array_index (rooms, 2);
  g_assert_cmpstr (halleberg->room, ==, "VBG-R004");
  g_assert_cmpuint (halleberg->taken->len, ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      const ResfriBookingSlot *slot = g_ptr_array_index (halleberg->taken, i);

      g_assert_cmpint (slot->booking, ==, 0);
      g_assert_cmpstr (slot->held_by, ==, "veckomote");
    }
  g_assert_cmpuint (((ResfriRoomAvailability *) g_ptr_array_index (rooms, 0))->taken->len, ==, 0);

  booked = resfri_bookings_book_room (fixture->store, "Halleberg", "plan", NULL, &skipped, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (booked->len, ==, 0);
  g_assert_cmpuint (skipped->len, ==, 3);
  g_assert_cmpstr (((ResfriBookingSlot *) g_ptr_array_index (skipped, 1))->held_by, ==,
                   "veckomote");
}

static void
test_book_room (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) refused = NULL;
  g_autoptr(GPtrArray) own = NULL;

  g_test_summary ("Booking a room the calendar reserves for another meeting is refused with a "
                  "conflict naming that meeting; the meeting that holds it may book it");

  refused = resfri_bookings_book_room (fixture->store, "VBG-R004", "plan", "20260309T073000Z",
                                       NULL, &error);
  g_assert_null (refused);
  g_assert_error (error, RESFRI_ERROR, RESFRI_ERROR_CONFLICT);
  g_assert_nonnull (strstr (error->message, "Veckomöte Förskola"));
  g_assert_nonnull (strstr (error->message, "VBG-R004"));
  g_assert_cmpint (_resfri_store_query_int (fixture->store, "SELECT count(*) FROM bookings",
                                            NULL), ==, 0);
  g_clear_error (&error);

  own = resfri_bookings_book_room (fixture->store, "VBG-R004", "veckomote", "20260309T070000Z",
                                   NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (own->len, ==, 1);

  /* Declined: Vänern is free for "Nej" and for anyone else. */
  g_clear_pointer (&own, g_ptr_array_unref);
  own = resfri_bookings_book_room (fixture->store, "VBG-R002", "plan", "20260302T073000Z", NULL,
                                   &error);
  g_assert_no_error (error);
}

static void
test_list (Fixture       *fixture,
           gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GPtrArray) booked = NULL;
  const ResfriBooking *b;

  g_test_summary ("The list of bookings holds the calendar's reservations (source calendar) "
                  "beside Resfri's, and marks two occurrences overlapping in one room as a "
                  "conflict");

  booked = resfri_bookings_book_room (fixture->store, "VBG-R004", "veckomote",
                                      "20260309T070000Z", NULL, &error);
  g_assert_no_error (error);

  list = resfri_bookings_list (fixture->store, G_MININT64, G_MAXINT64, &error);
  g_assert_no_error (error);
  /* veckomote ×3, krock; the booking of the 9th; not Vänern (declined). */
  g_assert_cmpuint (list->len, ==, 5);

  b = g_ptr_array_index (list, 0);
  g_assert_cmpstr (b->uid, ==, "veckomote");
  g_assert_cmpint (b->source, ==, RESFRI_BOOKING_SOURCE_CALENDAR);
  g_assert_cmpint (b->id, ==, 0);
  g_assert_cmpstr (b->resource, ==, "VBG-R004");
  g_assert_cmpstr (b->summary, ==, "Veckomöte Förskola");
  g_assert_cmpstr (b->attention, ==, "conflict");
  g_assert_null (b->server_href);
  b = g_ptr_array_index (list, 1);
  g_assert_cmpstr (b->uid, ==, "krock");
  g_assert_cmpstr (b->attention, ==, "conflict");

  /* The 9th: Resfri's booking first, then the reservation of the same
   * occurrence; no conflict between them. */
  b = g_ptr_array_index (list, 2);
  g_assert_cmpint (b->source, ==, RESFRI_BOOKING_SOURCE_RESFRI);
  g_assert_cmpint (b->id, >, 0);
  g_assert_null (b->attention);
  b = g_ptr_array_index (list, 3);
  g_assert_cmpint (b->source, ==, RESFRI_BOOKING_SOURCE_CALENDAR);
  g_assert_null (b->attention);
  g_assert_null (((ResfriBooking *) g_ptr_array_index (list, 4))->attention);
}

static void
test_utilisation (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  const ResfriUtilisation *row;

  g_test_summary ("Utilisation counts the calendar's reservations of a video room, each moment "
                  "once however many hold it");

  rows = resfri_bookings_get_utilisation (fixture->store, utc ("2026-03-01T00:00:00Z"),
                                          utc ("2026-04-01T00:00:00Z"), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 1);
  row = g_ptr_array_index (rows, 0);
  g_assert_cmpstr (row->room, ==, "VBG-R004");
  /* 07:00–08:30 on the 2nd (two reservations overlap), then 1 h twice. */
  g_assert_cmpfloat_with_epsilon (row->booked_hours, 3.5, 1e-9);
  g_assert_cmpfloat_with_epsilon (row->booked_working_hours, 3.5, 1e-9);
}

static void
test_room_attendee (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autoptr(ResfriOccurrenceList) list = resfri_occurrence_list_new ();
  g_autoptr(GError) error = NULL;
  guint checked = 0;

  g_test_summary ("A room attendee (CUTYPE=ROOM, or a room's address) is the room, not a "
                  "guest: the meeting's attendees and their count leave it out");

  g_assert_true (resfri_occurrence_list_load (list, fixture->store, utc ("2026-03-02T00:00:00Z"),
                                              utc ("2026-03-03T00:00:00Z"), NULL, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (list)); i++)
    {
      g_autoptr(ResfriOccurrence) o = g_list_model_get_item (G_LIST_MODEL (list), i);
      g_autoptr(GPtrArray) attendees = resfri_occurrence_load_attendees (o, fixture->store,
                                                                         &error);
      const char *uid = resfri_occurrence_get_uid (o);

      g_assert_no_error (error);
      if (g_strcmp0 (uid, "veckomote") == 0 || g_strcmp0 (uid, "krock") == 0)
        {
          g_assert_cmpuint (resfri_occurrence_get_n_attendees (o), ==, 0);
          g_assert_cmpuint (attendees->len, ==, 0);
          checked++;
        }
      else if (g_strcmp0 (uid, "plan") == 0)
        {
          g_assert_cmpuint (resfri_occurrence_get_n_attendees (o), ==, 1);
          g_assert_cmpuint (attendees->len, ==, 1);
          g_assert_cmpstr (((ResfriAttendee *) g_ptr_array_index (attendees, 0))->email, ==,
                           "anna@example.se");
          checked++;
        }
    }
  g_assert_cmpuint (checked, ==, 3);
}

static gint64
follow_calendar (Fixture    *fixture,
                 gint64      source_id,
                 const char *href,
                 const char *role,
                 const char *target)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) calendars = NULL;

  g_assert_true (resfri_sources_put_calendar (fixture->store, source_id, href, NULL, role, target,
                                              TRUE, &error));
  g_assert_no_error (error);
  calendars = resfri_sources_list_calendars (fixture->store, source_id, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < calendars->len; i++)
    {
      ResfriSourceCalendar *calendar = g_ptr_array_index (calendars, i);

      if (g_strcmp0 (calendar->href, href) == 0)
        return calendar->id;
    }
  g_assert_not_reached ();
}

/* Stores resource @href of @calendar_id holding the meeting @uid (or
 * NULL) and the reservation @reservation (or NULL), as the sync does. */
static void
put_resource (Fixture                     *fixture,
              gint64                       calendar_id,
              const char                  *href,
              const char                  *uid,
              const ResfriSyncReservation *reservation)
{
  g_autoptr(GHashTable) touched = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GArray) copies = g_array_new (FALSE, TRUE, sizeof (ResfriSyncCopy));
  g_autoptr(GArray) reservations = g_array_new (FALSE, TRUE, sizeof (ResfriSyncReservation));
  g_autoptr(GError) error = NULL;
  gint64 resource_id;

  if (uid != NULL)
    {
      ResfriSyncCopy copy = { (char *) uid, "", FALSE, 0, 0, -1, -1 };

      g_array_append_val (copies, copy);
    }
  if (reservation != NULL)
    g_array_append_vals (reservations, reservation, 1);
  g_assert_true (_resfri_sources_put_resource (fixture->store, calendar_id, href, "etag",
                                               "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", copies,
                                               reservations, touched, &resource_id, &error));
  g_assert_no_error (error);
}

/* A copy of @uid with these fields as the only VEVENT of resource @href. */
static void
put_copy (Fixture    *fixture,
          gint64      calendar_id,
          const char *href,
          const char *uid,
          gboolean    organizer,
          gint64      sequence,
          gint64      stamp)
{
  g_autoptr(GHashTable) touched = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GArray) copies = g_array_new (FALSE, TRUE, sizeof (ResfriSyncCopy));
  g_autoptr(GError) error = NULL;
  ResfriSyncCopy copy = { (char *) uid, "", organizer, sequence, stamp, 2, 10 };
  gint64 resource_id;

  g_array_append_val (copies, copy);
  g_assert_true (_resfri_sources_put_resource (fixture->store, calendar_id, href, "etag",
                                               "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", copies,
                                               NULL, touched, &resource_id, &error));
  g_assert_no_error (error);
}

/* The href of the winning copy of @uid, or NULL when none. */
static char *
winner_of (Fixture    *fixture,
           const char *uid)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *ical = NULL;
  char *href = NULL;
  gint64 resource_id = -1, text_start = -1, text_length = -1;

  if (!_resfri_sources_find_winner (fixture->store, uid, "", &resource_id, &href, &ical,
                                    &text_start, &text_length, &error))
    {
      g_assert_no_error (error);
      return NULL;
    }
  g_assert_cmpint (text_start, ==, 2);
  g_assert_cmpint (text_length, ==, 10);
  g_assert_nonnull (ical);
  return href;
}

static void
test_winning_copy (Fixture       *fixture,
                   gconstpointer  user_data)
{
  ResfriSource source = { .kind = (char *) "caldav", .url = (char *) "https://dav.example/" };
  g_autoptr(GError) error = NULL;
  gint64 source_id, a, b, c, d, unfollowed;
  char *href;

  g_test_summary ("Among the copies of a meeting in followed calendars the organiser's wins, "
                  "else the highest SEQUENCE, then the latest stamp, then the oldest resource");

  source_id = resfri_sources_add (fixture->store, &source, &error);
  g_assert_no_error (error);
  a = follow_calendar (fixture, source_id, "/a/", "person", NULL);
  b = follow_calendar (fixture, source_id, "/b/", "person", NULL);
  c = follow_calendar (fixture, source_id, "/c/", "person", NULL);
  d = follow_calendar (fixture, source_id, "/d/", "person", NULL);
  /* A calendar no longer followed does not take part. */
  unfollowed = follow_calendar (fixture, source_id, "/off/", "person", NULL);
  g_assert_true (_resfri_sources_set_following (fixture->store, source_id, "/off/", "person", NULL,
                                                FALSE, &unfollowed, &error));
  g_assert_no_error (error);

  g_assert_null (winner_of (fixture, "w@test"));
  put_copy (fixture, a, "/a/w.ics", "w@test", FALSE, 2, 100);
  put_copy (fixture, b, "/b/w.ics", "w@test", FALSE, 2, 200);
  put_copy (fixture, unfollowed, "/off/w.ics", "w@test", TRUE, 9, 900);
  g_assert_cmpstr ((href = winner_of (fixture, "w@test")), ==, "/b/w.ics");
  g_free (href);
  put_copy (fixture, c, "/c/w.ics", "w@test", FALSE, 3, 50);
  g_assert_cmpstr ((href = winner_of (fixture, "w@test")), ==, "/c/w.ics");
  g_free (href);
  put_copy (fixture, d, "/d/w.ics", "w@test", TRUE, 0, 0);
  g_assert_cmpstr ((href = winner_of (fixture, "w@test")), ==, "/d/w.ics");
  g_free (href);

  /* Equal in all: the resource stored first. */
  put_copy (fixture, b, "/b/t.ics", "t@test", FALSE, 1, 10);
  put_copy (fixture, a, "/a/t.ics", "t@test", FALSE, 1, 10);
  g_assert_cmpstr ((href = winner_of (fixture, "t@test")), ==, "/b/t.ics");
  g_free (href);
}

static void
test_followed_calendar (Fixture       *fixture,
                        gconstpointer  user_data)
{
  ResfriSource source = { .kind = (char *) "caldav", .url = (char *) "https://dav.example/" };
  ResfriSyncReservation loan = { (char *) "resfri-booking-1@other", "", (char *) "Annat lån",
                                 utc ("2026-03-02T07:00:00Z"), utc ("2026-03-02T08:00:00Z") };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autofree char *codes = NULL;
  g_autoptr(ResfriBooking) lent = NULL;
  gint64 source_id;
  guint dalbo = 0, item = 0;

  g_test_summary ("Every event of a followed room's or item's calendar reserves it: its "
                  "meetings and its other events; listed once when a room attendee names it "
                  "too; a reserved item is not lent");

  g_assert_true (_resfri_store_exec (fixture->store,
                                     "INSERT INTO equipment (id, tag, type_id, site_id)"
                                     " SELECT 1, 'H-1', id, 1 FROM equipment_types"
                                     "  WHERE name = 'headset'", &error));
  g_assert_no_error (error);
  source_id = resfri_sources_add (fixture->store, &source, &error);
  g_assert_no_error (error);
  /* Dalbo's calendar holds "krock"; Halleberg's "veckomote", which names
   * Halleberg already; H-1's another installation's loan. */
  put_resource (fixture, follow_calendar (fixture, source_id, "/dalbo/", "room", "VBG-R006"),
                "/dalbo/krock.ics", "krock", NULL);
  put_resource (fixture, follow_calendar (fixture, source_id, "/halleberg/", "room", "vbg-r004"),
                "/halleberg/v.ics", "veckomote", NULL);
  put_resource (fixture, follow_calendar (fixture, source_id, "/h-1/", "item", "H-1"),
                "/h-1/loan.ics", NULL, &loan);

  codes = free_for_interval (fixture, "2026-03-02T07:30:00Z", "2026-03-02T08:00:00Z");
  g_assert_null (strstr (codes, "VBG-R006"));

  list = resfri_bookings_list (fixture->store, G_MININT64, G_MAXINT64, &error);
  g_assert_no_error (error);
  /* veckomote ×3 (once each), krock in Halleberg and in Dalbo, the loan. */
  g_assert_cmpuint (list->len, ==, 6);
  for (guint i = 0; i < list->len; i++)
    {
      const ResfriBooking *b = g_ptr_array_index (list, i);

      g_assert_cmpint (b->source, ==, RESFRI_BOOKING_SOURCE_CALENDAR);
      if (g_strcmp0 (b->resource, "VBG-R006") == 0)
        {
          g_assert_cmpstr (b->uid, ==, "krock");
          g_assert_null (b->attention);
          dalbo++;
        }
      else if (b->kind == RESFRI_BOOKING_ITEM)
        {
          g_assert_cmpstr (b->resource, ==, "H-1");
          g_assert_cmpstr (b->type, ==, "headset");
          g_assert_cmpstr (b->uid, ==, "resfri-booking-1@other");
          g_assert_cmpstr (b->summary, ==, "Annat lån");
          item++;
        }
    }
  g_assert_cmpuint (dalbo, ==, 1);
  g_assert_cmpuint (item, ==, 1);

  /* krock (07:30–08:30) cannot have H-1 while the loan holds it. */
  lent = resfri_bookings_book_item (fixture->store, "H-1", "krock", NULL, "anna@example.se",
                                    &error);
  g_assert_error (error, RESFRI_ERROR, RESFRI_ERROR_CONFLICT);
  g_assert_nonnull (strstr (error->message, "resfri-booking-1@other"));
  g_assert_null (lent);
  g_clear_error (&error);

  /* The source removed, nothing of it reserves (and nothing is written to
   * a server). */
  g_assert_true (_resfri_store_exec (fixture->store, "DELETE FROM sync_sources", &error));
  g_assert_no_error (error);
  lent = resfri_bookings_book_item (fixture->store, "H-1", "krock", NULL, "anna@example.se",
                                    &error);
  g_assert_no_error (error);
  g_assert_nonnull (lent);
}

/* "krock" moved to 09:00–10:00 (SEQUENCE 1), where the test's other
 * reservation then stands: its bookings must not follow it there. */
static const char KROCK_MOVED[] =
  "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n"
  "BEGIN:VEVENT\r\nUID:krock\r\nDTSTAMP:20260101T000000Z\r\nSEQUENCE:1\r\n"
  "DTSTART:20260302T090000Z\r\nDTEND:20260302T100000Z\r\nSUMMARY:Krock\r\n"
  "ORGANIZER:mailto:anna@example.se\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";

static void
test_item_follows (Fixture       *fixture,
                   gconstpointer  user_data)
{
  /* A published resource calendar: followed as a feed with role item, so
   * that nothing is written to a server. */
  ResfriSource source = { .kind = (char *) "url", .url = (char *) "https://feed.example/h-1.ics" };
  ResfriSyncReservation loan = { (char *) "resfri-booking-2@other", "", (char *) "Annat lån",
                                 utc ("2026-03-02T09:00:00Z"), utc ("2026-03-02T10:00:00Z") };
  g_autoptr(GError) error = NULL;
  g_autoptr(ResfriBooking) lent = NULL;
  g_autoptr(GPtrArray) released = NULL;
  gint64 source_id;

  g_test_summary ("An item booking does not follow its meeting onto what the item's calendar "
                  "reserves: it is released as taken");

  g_assert_true (_resfri_store_exec (fixture->store,
                                     "INSERT INTO equipment (id, tag, type_id, site_id)"
                                     " SELECT 1, 'H-1', id, 1 FROM equipment_types"
                                     "  WHERE name = 'headset'", &error));
  g_assert_no_error (error);
  lent = resfri_bookings_book_item (fixture->store, "H-1", "krock", NULL, "anna@example.se",
                                    &error);
  g_assert_no_error (error);
  source_id = resfri_sources_add (fixture->store, &source, &error);
  g_assert_no_error (error);
  put_resource (fixture, follow_calendar (fixture, source_id, source.url, "item", "H-1"),
                source.url, NULL, &loan);

  g_assert_true (resfri_store_import_ical (fixture->store, KROCK_MOVED, -1, "moved.ics", NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (_resfri_store_query_int (fixture->store, "SELECT count (*) FROM bookings",
                                            NULL), ==, 0);
  released = resfri_bookings_list_attention (fixture->store, G_MININT64, G_MAXINT64, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (released->len, ==, 1);
  g_assert_cmpstr (((ResfriBooking *) g_ptr_array_index (released, 0))->attention, ==, "taken");
  g_assert_nonnull (strstr (((ResfriBooking *) g_ptr_array_index (released, 0))->detail,
                            "resfri-booking-2@other"));
}

/* A pool of two headsets, H-1 and H-2, and a followed calendar of it. */
static gint64
follow_pool (Fixture    *fixture,
             const char *target)
{
  ResfriSource source = { .kind = (char *) "caldav", .url = (char *) "https://dav.example/" };
  g_autoptr(GError) error = NULL;
  gint64 source_id;

  g_assert_true (_resfri_store_exec (fixture->store,
                                     "INSERT INTO equipment (id, tag, type_id, site_id)"
                                     " SELECT 1, 'H-1', id, 1 FROM equipment_types"
                                     "  WHERE name = 'headset';"
                                     "INSERT INTO equipment (id, tag, type_id, site_id)"
                                     " SELECT 2, 'H-2', id, 1 FROM equipment_types"
                                     "  WHERE name = 'headset'", &error));
  g_assert_no_error (error);
  source_id = resfri_sources_add (fixture->store, &source, &error);
  g_assert_no_error (error);

  return follow_calendar (fixture, source_id, "/pool/", "pool", target);
}

static guint
count_pool_reservations (Fixture    *fixture,
                         const char *pool,
                         guint      *conflicts)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = resfri_bookings_list (fixture->store, G_MININT64, G_MAXINT64,
                                                    &error);
  guint n = 0;

  g_assert_no_error (error);
  *conflicts = 0;
  for (guint i = 0; i < list->len; i++)
    {
      const ResfriBooking *b = g_ptr_array_index (list, i);

      if (g_strcmp0 (b->resource, pool) != 0)
        continue;
      g_assert_cmpint (b->kind, ==, RESFRI_BOOKING_ITEM);
      g_assert_cmpint (b->source, ==, RESFRI_BOOKING_SOURCE_CALENDAR);
      g_assert_cmpstr (b->type, ==, "headset");
      g_assert_cmpstr (b->site, ==, "VBG");
      g_assert_cmpint (b->id, ==, 0);
      if (g_strcmp0 (b->attention, "conflict") == 0)
        (*conflicts)++;
      n++;
    }

  return n;
}

static void
test_pool_calendar (Fixture       *fixture,
                    gconstpointer  user_data)
{
  ResfriSyncReservation first = { (char *) "annat-1@system", "", (char *) "Utbildning",
                                  utc ("2026-03-02T07:00:00Z"), utc ("2026-03-02T09:00:00Z") };
  ResfriSyncReservation second = { (char *) "annat-2@system", "", (char *) "Utbildning 2",
                                   utc ("2026-03-02T07:30:00Z"), utc ("2026-03-02T08:30:00Z") };
  static const char online[] =
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n"
    "BEGIN:VEVENT\r\nUID:distans\r\nDTSTAMP:20260101T000000Z\r\n"
    "DTSTART:20260302T073000Z\r\nDTEND:20260302T083000Z\r\nSUMMARY:Distans\r\n"
    "LOCATION:https://teams.microsoft.com/l/meetup-join/abc\r\n"
    "ORGANIZER:mailto:anna@example.se\r\nATTENDEE:mailto:anna@example.se\r\n"
    "END:VEVENT\r\nEND:VCALENDAR\r\n";
  ResfriSyncReservation third = { (char *) "annat-3@system", "", (char *) "Utbildning 3",
                                  utc ("2026-03-02T07:45:00Z"), utc ("2026-03-02T08:15:00Z") };
  g_autoptr(GError) error = NULL;
  g_autoptr(ResfriBooking) lent = NULL;
  g_autoptr(ResfriAllocation) allocation = NULL;
  g_autoptr(ResfriGaps) gaps = NULL;
  g_autoptr(GPtrArray) utilisation = NULL;
  const ResfriUtilisation *pool;
  GPtrArray *policy;
  gint64 calendar_id;
  guint conflicts = 0, unmet = 0, shortfalls = 0;

  g_test_summary ("Every event of a followed pool calendar reserves one item of the pool: "
                  "listed as the pool's, lending the pool's last unit is refused, the "
                  "allocation's supply and the order list count it, utilisation its hours; "
                  "beyond the pool's size a conflict, never refused");

  /* Anna needs a headset for an online meeting 07:30–08:30. */
  g_assert_true (resfri_store_import_ical (fixture->store, online, -1, "online.ics", NULL,
                                           &error));
  g_assert_no_error (error);
  calendar_id = follow_pool (fixture, "vbg/HEADSET");
  put_resource (fixture, calendar_id, "/pool/1.ics", NULL, &first);
  put_resource (fixture, calendar_id, "/pool/2.ics", NULL, &second);

  /* Listed as the pool's, no conflict: the pool has two items. */
  g_assert_cmpuint (count_pool_reservations (fixture, "VBG/headset", &conflicts), ==, 2);
  g_assert_cmpuint (conflicts, ==, 0);

  /* "nej" (07:00–08:00) would take a third unit. */
  lent = resfri_bookings_book_item (fixture->store, "H-1", "nej", NULL, "anna@example.se",
                                    &error);
  g_assert_error (error, RESFRI_ERROR, RESFRI_ERROR_CONFLICT);
  g_assert_nonnull (strstr (error->message, "VBG/headset"));
  g_assert_null (lent);
  g_clear_error (&error);

  /* The allocation has no headset for Anna while both are reserved; the
   * order list closes the gap. */
  allocation = resfri_allocation_compute (fixture->store, NULL, utc ("2026-03-01T00:00:00Z"),
                                          utc ("2026-03-03T00:00:00Z"), RESFRI_SCENARIO_POLICY,
                                          NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < allocation->demands->len; i++)
    {
      const ResfriDemand *d = &g_array_index (allocation->demands, ResfriDemand, i);

      if (g_strcmp0 (d->type, "headset") == 0 && d->start < utc ("2026-03-02T08:30:00Z") &&
          utc ("2026-03-02T07:30:00Z") < d->end)
        {
          g_assert_cmpint (d->item_id, ==, 0);
          unmet++;
        }
    }
  g_assert_cmpuint (unmet, >, 0);
  gaps = resfri_gaps_compute (fixture->store, NULL, utc ("2026-03-01T00:00:00Z"),
                              utc ("2026-03-03T00:00:00Z"), NULL, &error);
  g_assert_no_error (error);
  policy = gaps->scenarios[RESFRI_SCENARIO_POLICY].shortfall;
  for (guint i = 0; i < policy->len; i++)
    {
      const ResfriShortfall *s = g_ptr_array_index (policy, i);

      if (g_strcmp0 (s->site, "VBG") == 0 && g_strcmp0 (s->type, "headset") == 0)
        {
          g_assert_cmpuint (s->pool, ==, 2);
          g_assert_cmpuint (s->peak_demand, ==, 3);
          g_assert_cmpuint (s->to_order, ==, 1);
          shortfalls++;
        }
    }
  g_assert_cmpuint (shortfalls, ==, 1);

  /* Utilisation: 2 h + 1 h of the pool. */
  utilisation = resfri_bookings_get_utilisation (fixture->store, utc ("2026-03-02T00:00:00Z"),
                                                 utc ("2026-03-03T00:00:00Z"), &error);
  g_assert_no_error (error);
  pool = g_ptr_array_index (utilisation, 0);
  g_assert_cmpstr (pool->type, ==, "headset");
  g_assert_cmpfloat_with_epsilon (pool->booked_hours, 3.0, 1e-9);

  /* A third at once is more than the pool has: each is a conflict. */
  put_resource (fixture, calendar_id, "/pool/3.ics", NULL, &third);
  g_assert_cmpuint (count_pool_reservations (fixture, "VBG/headset", &conflicts), ==, 3);
  g_assert_cmpuint (conflicts, ==, 3);

  /* The calendar unfollowed, the pool is free again. */
  g_assert_true (_resfri_store_exec (fixture->store, "UPDATE sync_calendars SET following = 0",
                                     &error));
  g_assert_no_error (error);
  lent = resfri_bookings_book_item (fixture->store, "H-1", "nej", NULL, "anna@example.se",
                                    &error);
  g_assert_no_error (error);
  g_assert_nonnull (lent);
}

static void
test_pool_own (Fixture       *fixture,
               gconstpointer  user_data)
{
  ResfriSyncReservation other = { (char *) "annat-1@system", "", (char *) "Utbildning",
                                  utc ("2026-03-02T06:00:00Z"), utc ("2026-03-02T10:00:00Z") };
  g_autoptr(GError) error = NULL;
  g_autoptr(ResfriBooking) lent = NULL;
  g_autoptr(ResfriBooking) refused = NULL;
  g_autoptr(GPtrArray) needs = NULL;
  gint64 calendar_id;
  guint conflicts = 0;

  g_test_summary ("A meeting in a pool's calendar reserves one of its items; its own "
                  "reservation never stands in its own way, another meeting's does");

  /* One unit held all morning by another system, one by "krock"
   * (07:30–08:30), which is in the pool's calendar. */
  calendar_id = follow_pool (fixture, "VBG/headset");
  put_resource (fixture, calendar_id, "/pool/1.ics", NULL, &other);
  put_resource (fixture, calendar_id, "/pool/krock.ics", "krock", NULL);
  g_assert_cmpuint (count_pool_reservations (fixture, "VBG/headset", &conflicts), ==, 2);
  g_assert_cmpuint (conflicts, ==, 0);

  lent = resfri_bookings_book_item (fixture->store, "H-1", "krock", NULL, "anna@example.se",
                                    &error);
  g_assert_no_error (error);
  g_assert_nonnull (lent);
  /* The loan is the unit krock reserves: no conflict in the list. */
  g_assert_cmpuint (count_pool_reservations (fixture, "VBG/headset", &conflicts), ==, 2);
  g_assert_cmpuint (conflicts, ==, 0);

  refused = resfri_bookings_book_item (fixture->store, "H-2", "nej", NULL, "anna@example.se",
                                       &error);
  g_assert_error (error, RESFRI_ERROR, RESFRI_ERROR_CONFLICT);
  g_assert_nonnull (strstr (error->message, "Utbildning"));
  g_clear_error (&error);

  /* Lending what "nej" lacks finds no free headset: none is lent. */
  needs = resfri_bookings_book_missing_items (fixture->store, "nej", NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < needs->len; i++)
    {
      const ResfriItemNeed *need = g_ptr_array_index (needs, i);

      if (g_strcmp0 (need->type, "headset") == 0)
        g_assert_null (need->booking);
    }
}

static void
test_pool_follows (Fixture       *fixture,
                   gconstpointer  user_data)
{
  ResfriSyncReservation first = { (char *) "annat-1@system", "", (char *) "Utbildning",
                                  utc ("2026-03-02T08:30:00Z"), utc ("2026-03-02T10:30:00Z") };
  ResfriSyncReservation second = { (char *) "annat-2@system", "", (char *) "Utbildning 2",
                                   utc ("2026-03-02T08:30:00Z"), utc ("2026-03-02T10:30:00Z") };
  g_autoptr(GError) error = NULL;
  g_autoptr(ResfriBooking) lent = NULL;
  g_autoptr(GPtrArray) released = NULL;
  gint64 calendar_id;

  g_test_summary ("A loan does not follow its meeting into a time when the pool's calendar "
                  "reserves every item of the pool: it is released as taken");

  calendar_id = follow_pool (fixture, "VBG/headset");
  put_resource (fixture, calendar_id, "/pool/1.ics", NULL, &first);
  put_resource (fixture, calendar_id, "/pool/2.ics", NULL, &second);
  lent = resfri_bookings_book_item (fixture->store, "H-1", "krock", NULL, "anna@example.se",
                                    &error);
  g_assert_no_error (error);
  g_assert_nonnull (lent);

  g_assert_true (resfri_store_import_ical (fixture->store, KROCK_MOVED, -1, "moved.ics", NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (_resfri_store_query_int (fixture->store, "SELECT count (*) FROM bookings",
                                            NULL), ==, 0);
  released = resfri_bookings_list_attention (fixture->store, G_MININT64, G_MAXINT64, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (released->len, ==, 1);
  g_assert_cmpstr (((ResfriBooking *) g_ptr_array_index (released, 0))->attention, ==, "taken");
  g_assert_nonnull (strstr (((ResfriBooking *) g_ptr_array_index (released, 0))->detail,
                            "VBG/headset"));
}

static void
test_item_attendee (Fixture       *fixture,
                    gconstpointer  user_data)
{
  static const char kit_meetings[] =
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n"
    "BEGIN:VEVENT\r\nUID:kitmote\r\nDTSTAMP:20260101T000000Z\r\n"
    "DTSTART:20260302T070000Z\r\nDTEND:20260302T080000Z\r\nSUMMARY:Med kit\r\n"
    "ORGANIZER:mailto:anna@example.se\r\n"
    "ATTENDEE;CUTYPE=RESOURCE;PARTSTAT=ACCEPTED:mailto:KIT-1@vanersborg.example\r\n"
    "END:VEVENT\r\n"
    "BEGIN:VEVENT\r\nUID:nejkit\r\nDTSTAMP:20260101T000000Z\r\n"
    "DTSTART:20260302T090000Z\r\nDTEND:20260302T100000Z\r\nSUMMARY:Utan kit\r\n"
    "ORGANIZER:mailto:anna@example.se\r\n"
    "ATTENDEE;CUTYPE=RESOURCE;PARTSTAT=DECLINED:mailto:kit-1@vanersborg.example\r\n"
    "END:VEVENT\r\nEND:VCALENDAR\r\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(ResfriBooking) refused = NULL;
  g_autoptr(ResfriBooking) lent = NULL;
  guint items = 0;

  g_test_summary ("An ATTENDEE;CUTYPE=RESOURCE naming an item's address, not declined, "
                  "reserves the item: listed, lending it to another occurrence then is "
                  "refused, to its own is not");

  g_assert_true (_resfri_store_exec (fixture->store,
                                     "INSERT INTO equipment (id, tag, type_id, site_id, email)"
                                     " SELECT 1, 'V-1', id, 1, 'kit-1@vanersborg.example'"
                                     "  FROM equipment_types WHERE name = 'vc-kit'", &error));
  g_assert_no_error (error);
  g_assert_true (resfri_store_import_ical (fixture->store, kit_meetings, -1, "kit.ics", NULL,
                                           &error));
  g_assert_no_error (error);

  list = resfri_bookings_list (fixture->store, G_MININT64, G_MAXINT64, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < list->len; i++)
    {
      const ResfriBooking *b = g_ptr_array_index (list, i);

      if (b->kind != RESFRI_BOOKING_ITEM)
        continue;
      g_assert_cmpstr (b->resource, ==, "V-1");
      g_assert_cmpstr (b->uid, ==, "kitmote");
      g_assert_cmpint (b->source, ==, RESFRI_BOOKING_SOURCE_CALENDAR);
      items++;
    }
  g_assert_cmpuint (items, ==, 1);

  /* krock (07:30–08:30) cannot have the kit; kitmote itself can. */
  refused = resfri_bookings_book_item (fixture->store, "V-1", "krock", NULL, "anna@example.se",
                                       &error);
  g_assert_error (error, RESFRI_ERROR, RESFRI_ERROR_CONFLICT);
  g_assert_nonnull (strstr (error->message, "kitmote"));
  g_clear_error (&error);
  lent = resfri_bookings_book_item (fixture->store, "V-1", "kitmote", NULL, "anna@example.se",
                                    &error);
  g_assert_no_error (error);
  g_assert_nonnull (lent);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/reservations/winning-copy", Fixture, NULL, fixture_set_up, test_winning_copy,
              fixture_tear_down);
  g_test_add ("/reservations/free-rooms", Fixture, NULL, fixture_set_up, test_free_rooms,
              fixture_tear_down);
  g_test_add ("/reservations/series", Fixture, NULL, fixture_set_up, test_series,
              fixture_tear_down);
  g_test_add ("/reservations/book-room", Fixture, NULL, fixture_set_up, test_book_room,
              fixture_tear_down);
  g_test_add ("/reservations/list", Fixture, NULL, fixture_set_up, test_list,
              fixture_tear_down);
  g_test_add ("/reservations/utilisation", Fixture, NULL, fixture_set_up, test_utilisation,
              fixture_tear_down);
  g_test_add ("/reservations/room-attendee", Fixture, NULL, fixture_set_up, test_room_attendee,
              fixture_tear_down);
  g_test_add ("/reservations/followed-calendar", Fixture, NULL, fixture_set_up,
              test_followed_calendar, fixture_tear_down);
  g_test_add ("/reservations/item-follows", Fixture, NULL, fixture_set_up, test_item_follows,
              fixture_tear_down);
  g_test_add ("/reservations/pool-calendar", Fixture, NULL, fixture_set_up, test_pool_calendar,
              fixture_tear_down);
  g_test_add ("/reservations/pool-own", Fixture, NULL, fixture_set_up, test_pool_own,
              fixture_tear_down);
  g_test_add ("/reservations/pool-follows", Fixture, NULL, fixture_set_up, test_pool_follows,
              fixture_tear_down);
  g_test_add ("/reservations/item-attendee", Fixture, NULL, fixture_set_up, test_item_attendee,
              fixture_tear_down);

  return g_test_run ();
}

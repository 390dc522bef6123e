/* test-meeting-actions.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The actions of the Meetings view, in the core: loans for the remote
 * attendees of one occurrence, re-booking a cancelled booking, making a
 * meeting a web or hybrid meeting (and undoing it), exporting one meeting.
 */

#include "config.h"

#include <string.h>

#include "resfri-allocation.h"
#include "resfri-bookings.h"
#include "resfri-export.h"
#include "resfri-importer.h"
#include "resfri-meeting-edit.h"
#include "resfri-policy-settings.h"
#include "resfri-policy-check.h"
#include "resfri-store-private.h"
#include "resfri-test-fixture.h"
#include "resfri-test-util.h"

typedef ResfriTestFixture Fixture;

/* Anna (organiser) lives at KOM, Bo and Cai in Trollhättan (TRH), far
 * away; Cai owns a headset. TRH's loan pool: one headset (H-1), no camera.
 * "series" meets in person at Kommunhuset weekly at 08:00–09:00 UTC three
 * times from 2026-03-02; "clash" (Bo) is 2026-03-02 09:00–10:00. */
static const char fixture_sql[] =
  "INSERT INTO units (id, name, path) VALUES (1, 'IT', 'IT');"
  "INSERT INTO sites (id, code, name, latitude, longitude) VALUES"
  "  (1, 'KOM', 'Kommunhuset', 58.38, 12.32), (2, 'TRH', 'Trollhättan', 58.28, 12.29),"
  "  (3, 'STR', 'Strömstad', 58.94, 11.17);"
  "INSERT INTO people (id, email, name, unit_id, site_id) VALUES"
  "  (1, 'anna@example.se', 'Anna', 1, 3), (2, 'bo@example.se', 'Bo', 1, 2),"
  "  (3, 'cai@example.se', 'Cai', 1, 2);"
  "INSERT INTO equipment (id, tag, type_id, site_id, owner_id, state) VALUES"
  "  (1, 'H-1', (SELECT id FROM equipment_types WHERE name = 'headset'), 2, NULL, 'ok'),"
  "  (2, 'H-9', (SELECT id FROM equipment_types WHERE name = 'headset'), 2, 3, 'ok'),"
  "  (3, 'C-1', (SELECT id FROM equipment_types WHERE name = 'camera'), 3, NULL, 'ok');";

static const char calendar[] =
  "BEGIN:VCALENDAR\r\n"
  "VERSION:2.0\r\n"
  "PRODID:-//test//EN\r\n"
  "BEGIN:VEVENT\r\n"
  "UID:series\r\n"
  "DTSTAMP:20260101T000000Z\r\n"
  "DTSTART:20260302T080000Z\r\n"
  "DTEND:20260302T090000Z\r\n"
  "RRULE:FREQ=WEEKLY;COUNT=3\r\n"
  "SUMMARY:Styrgrupp\r\n"
  "LOCATION:Kommunhuset\r\n"
  "DESCRIPTION:A long description that goes past seventy-five octets so tha\r\n"
  " t it is folded ÅÄÖ åäö.\r\n"
  "SEQUENCE:2\r\n"
  "ORGANIZER:mailto:anna@example.se\r\n"
  "ATTENDEE;PARTSTAT=ACCEPTED:mailto:bo@example.se\r\n"
  "ATTENDEE;PARTSTAT=ACCEPTED:mailto:cai@example.se\r\n"
  "BEGIN:VALARM\r\n"
  "ACTION:DISPLAY\r\n"
  "DESCRIPTION:Reminder\r\n"
  "TRIGGER:-PT15M\r\n"
  "END:VALARM\r\n"
  "END:VEVENT\r\n"
  "BEGIN:VEVENT\r\n"
  "UID:clash\r\n"
  "DTSTAMP:20260101T000000Z\r\n"
  "DTSTART:20260302T090000Z\r\n"
  "DTEND:20260302T100000Z\r\n"
  "SUMMARY:Clash\r\n"
  "LOCATION:Kommunhuset\r\n"
  "ORGANIZER:mailto:anna@example.se\r\n"
  "ATTENDEE:mailto:bo@example.se\r\n"
  "END:VEVENT\r\n"
  "END:VCALENDAR\r\n";

#define RID1 "20260302T080000Z"
#define RID2 "20260309T080000Z"

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

static const ResfriItemNeed *
find_need (GPtrArray  *needs,
           const char *person,
           const char *type)
{
  for (guint i = 0; i < needs->len; i++)
    {
      const ResfriItemNeed *need = g_ptr_array_index (needs, i);

      if (g_strcmp0 (need->person, person) == 0 && strcmp (need->type, type) == 0)
        return need;
    }
  return NULL;
}

static void
test_book_missing (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(GPtrArray) needs = NULL;
  g_autoptr(GPtrArray) again = NULL;
  g_autoptr(GPtrArray) clash = NULL;
  g_autoptr(GPtrArray) listed = NULL;
  g_autoptr(GError) error = NULL;
  const ResfriItemNeed *need;

  /* A handover margin of 30 minutes: H-1 lent for 08:00–09:00 is taken
   * until 09:30. */
  g_assert_true (resfri_policy_set (fixture->store, "loan_buffer_min", "30", &error));
  g_assert_no_error (error);

  needs = resfri_bookings_book_missing_items (fixture->store, "series", RID1, &error);
  g_assert_no_error (error);
  g_assert_nonnull (needs);
  /* Bo lacks both, Cai a camera; Anna (the organiser) lacks both too, and
   * her home pool (STR) has a camera but no headset. */
  g_assert_cmpuint (needs->len, ==, 5);

  need = find_need (needs, "bo@example.se", "headset");
  g_assert_nonnull (need);
  g_assert_nonnull (need->booking);
  g_assert_cmpstr (need->booking->resource, ==, "H-1");
  g_assert_cmpstr (need->booking->person, ==, "bo@example.se");
  g_assert_cmpint (need->booking->end - need->booking->start, ==, 2 * 3600);
  need = find_need (needs, "bo@example.se", "camera");
  g_assert_nonnull (need);
  g_assert_null (need->booking);
  g_assert_cmpstr (need->site, ==, "TRH");
  g_assert_cmpstr (need->site_name, ==, "Trollhättan");
  need = find_need (needs, "cai@example.se", "camera");
  g_assert_nonnull (need);
  g_assert_null (need->booking);
  g_assert_null (find_need (needs, "cai@example.se", "headset"));
  need = find_need (needs, "anna@example.se", "camera");
  g_assert_nonnull (need);
  g_assert_nonnull (need->booking);
  g_assert_cmpstr (need->booking->resource, ==, "C-1");

  listed = resfri_bookings_list_for_occurrence (fixture->store, "series", RID1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (listed->len, ==, 2);

  /* Asked again: what is booked stays, nothing is booked twice. */
  again = resfri_bookings_book_missing_items (fixture->store, "series", RID1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (again->len, ==, 3);
  for (guint i = 0; i < again->len; i++)
    g_assert_null (((ResfriItemNeed *) g_ptr_array_index (again, i))->booking);

  /* The clash at 09:00 is within H-1's margin: no headset for Bo. */
  clash = resfri_bookings_book_missing_items (fixture->store, "clash", "", &error);
  g_assert_no_error (error);
  need = find_need (clash, "bo@example.se", "headset");
  g_assert_nonnull (need);
  g_assert_null (need->booking);

  /* Unknown occurrences are refused. */
  g_assert_null (resfri_bookings_book_missing_items (fixture->store, "series",
                                                     "20990101T000000Z", &error));
  g_assert_error (error, RESFRI_ERROR, RESFRI_ERROR_NOT_FOUND);
}

/* A hybrid meeting in a room without video equipment borrows a video kit
 * from its site's pool for the room (spec/allocation.md's vc-kit demand),
 * once; a second one at the same time finds the pool empty; a hybrid
 * meeting in a room with video needs no kit. */
static void
test_book_video_kit (Fixture       *fixture,
                     gconstpointer  user_data)
{
  static const char rooms_sql[] =
    "INSERT INTO rooms (id, code, name, site_id, capacity, email, vc) VALUES"
    "  (1, 'KOM-A', 'Ängen', 1, 8, 'angen@example.se', 0),"
    "  (2, 'KOM-B', 'Backen', 1, 8, 'backen@example.se', 0),"
    "  (3, 'KOM-C', 'Cirkeln', 1, 8, 'cirkeln@example.se', 1);"
    "INSERT INTO equipment (id, tag, type_id, site_id, owner_id, state) VALUES"
    "  (4, 'K-1', (SELECT id FROM equipment_types WHERE name = 'vc-kit'), 1, NULL, 'ok');";
  static const char hybrid[] =
    "BEGIN:VCALENDAR\r\n"
    "VERSION:2.0\r\n"
    "PRODID:-//test//EN\r\n"
    "BEGIN:VEVENT\r\n"
    "UID:hybrid-a\r\n"
    "DTSTAMP:20260101T000000Z\r\n"
    "DTSTART:20260401T080000Z\r\n"
    "DTEND:20260401T090000Z\r\n"
    "SUMMARY:A\r\n"
    "LOCATION:Ängen\r\n"
    "URL:https://meet.jit.si/a\r\n"
    "ORGANIZER:mailto:cai@example.se\r\n"
    "END:VEVENT\r\n"
    "BEGIN:VEVENT\r\n"
    "UID:hybrid-b\r\n"
    "DTSTAMP:20260101T000000Z\r\n"
    "DTSTART:20260401T080000Z\r\n"
    "DTEND:20260401T090000Z\r\n"
    "SUMMARY:B\r\n"
    "LOCATION:Backen\r\n"
    "URL:https://meet.jit.si/b\r\n"
    "ORGANIZER:mailto:cai@example.se\r\n"
    "END:VEVENT\r\n"
    "BEGIN:VEVENT\r\n"
    "UID:hybrid-c\r\n"
    "DTSTAMP:20260101T000000Z\r\n"
    "DTSTART:20260401T080000Z\r\n"
    "DTEND:20260401T090000Z\r\n"
    "SUMMARY:C\r\n"
    "LOCATION:Cirkeln\r\n"
    "URL:https://meet.jit.si/c\r\n"
    "ORGANIZER:mailto:cai@example.se\r\n"
    "END:VEVENT\r\n"
    "END:VCALENDAR\r\n";
  g_autoptr(GPtrArray) a = NULL;
  g_autoptr(GPtrArray) again = NULL;
  g_autoptr(GPtrArray) b = NULL;
  g_autoptr(GPtrArray) c = NULL;
  g_autoptr(GError) error = NULL;
  const ResfriItemNeed *need;

  g_assert_true (_resfri_store_exec (fixture->store, rooms_sql, &error));
  g_assert_no_error (error);
  g_assert_true (resfri_store_import_ical (fixture->store, hybrid, -1, "hybrid.ics", NULL,
                                           &error));
  g_assert_no_error (error);

  /* Cai (Trollhättan, remote) owns a headset and lacks a camera. */
  a = resfri_bookings_book_missing_items (fixture->store, "hybrid-a", "", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (a->len, ==, 2);
  g_assert_nonnull (find_need (a, "cai@example.se", "camera"));
  need = find_need (a, NULL, "vc-kit");
  g_assert_nonnull (need);
  g_assert_cmpstr (need->site, ==, "KOM");
  g_assert_nonnull (need->booking);
  g_assert_cmpstr (need->booking->resource, ==, "K-1");
  g_assert_null (need->booking->person);

  again = resfri_bookings_book_missing_items (fixture->store, "hybrid-a", "", &error);
  g_assert_no_error (error);
  g_assert_null (find_need (again, NULL, "vc-kit"));

  b = resfri_bookings_book_missing_items (fixture->store, "hybrid-b", "", &error);
  g_assert_no_error (error);
  need = find_need (b, NULL, "vc-kit");
  g_assert_nonnull (need);
  g_assert_null (need->booking);

  c = resfri_bookings_book_missing_items (fixture->store, "hybrid-c", "", &error);
  g_assert_no_error (error);
  g_assert_null (find_need (c, NULL, "vc-kit"));

  /* The planned allocation counts the kit as serving A's room; B's goes
   * without (one kit in the pool). */
  {
    gint64 from = 1775001600;   /* 2026-04-01 00:00 UTC */
    ResfriAllocation *allocation;
    guint kits = 0;
    guint booked = 0;

    allocation = resfri_allocation_compute (fixture->store, NULL, from, from + 86400,
                                            RESFRI_SCENARIO_PLANNED, NULL, &error);
    g_assert_no_error (error);
    for (guint i = 0; i < allocation->demands->len; i++)
      {
        const ResfriDemand *demand = &g_array_index (allocation->demands, ResfriDemand, i);

        if (strcmp (demand->type, "vc-kit") != 0)
          continue;
        kits++;
        if (demand->booked)
          {
            booked++;
            g_assert_cmpstr (demand->item, ==, "K-1");
          }
        else
          g_assert_null (demand->item);
      }
    g_assert_cmpuint (kits, ==, 2);
    g_assert_cmpuint (booked, ==, 1);
    resfri_allocation_free (allocation);
  }
}

/* After the loan, the allocation of the policy scenario keeps it: Bo's
 * headset demand for the occurrence is served by the booked item, and the
 * gaps of the pool still count the demand. */
static void
test_allocation_sees_loan (Fixture       *fixture,
                           gconstpointer  user_data)
{
  g_autoptr(GPtrArray) needs = NULL;
  g_autoptr(GError) error = NULL;
  ResfriAllocation *allocation;
  gint64 from = 1772409600;   /* 2026-03-02 00:00 UTC */
  gint64 to = from + 86400;
  gboolean seen = FALSE;
  gboolean served_before = FALSE;

  allocation = resfri_allocation_compute (fixture->store, NULL, from, to, RESFRI_SCENARIO_POLICY,
                                          NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < allocation->demands->len; i++)
    {
      const ResfriDemand *demand = &g_array_index (allocation->demands, ResfriDemand, i);

      if (g_strcmp0 (demand->person, "bo@example.se") == 0 &&
          strcmp (demand->type, "headset") == 0)
        served_before |= demand->booked;
    }
  g_assert_false (served_before);
  resfri_allocation_free (allocation);

  needs = resfri_bookings_book_missing_items (fixture->store, "series", RID1, &error);
  g_assert_no_error (error);

  allocation = resfri_allocation_compute (fixture->store, NULL, from, to, RESFRI_SCENARIO_POLICY,
                                          NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < allocation->demands->len; i++)
    {
      const ResfriDemand *demand = &g_array_index (allocation->demands, ResfriDemand, i);

      if (g_strcmp0 (demand->person, "bo@example.se") == 0 &&
          strcmp (demand->type, "headset") == 0 &&
          demand->start <= from + 8 * 3600 && demand->end >= from + 9 * 3600)
        {
          g_assert_true (demand->booked);
          g_assert_cmpstr (demand->item, ==, "H-1");
          seen = TRUE;
        }
    }
  g_assert_true (seen);
  resfri_allocation_free (allocation);
}

static void
test_cancel_rebook (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autoptr(GPtrArray) needs = NULL;
  g_autoptr(GPtrArray) listed = NULL;
  g_autoptr(ResfriBooking) cancelled = NULL;
  g_autoptr(ResfriBooking) rebooked = NULL;
  g_autoptr(ResfriBooking) other = NULL;
  g_autoptr(ResfriBooking) again = NULL;
  g_autoptr(ResfriBooking) refused = NULL;
  g_autoptr(GError) error = NULL;
  const ResfriItemNeed *need;

  g_assert_true (resfri_policy_set (fixture->store, "loan_buffer_min", "30", &error));
  needs = resfri_bookings_book_missing_items (fixture->store, "series", RID1, &error);
  g_assert_no_error (error);
  need = find_need (needs, "bo@example.se", "headset");

  cancelled = resfri_bookings_cancel (fixture->store, need->booking->id, &error);
  g_assert_no_error (error);
  listed = resfri_bookings_list_for_occurrence (fixture->store, "series", RID1, &error);
  g_assert_cmpuint (listed->len, ==, 1);
  g_clear_pointer (&listed, g_ptr_array_unref);

  rebooked = resfri_bookings_rebook (fixture->store, cancelled, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (rebooked->resource, ==, "H-1");
  g_assert_cmpstr (rebooked->person, ==, "bo@example.se");
  g_assert_cmpint (rebooked->start, ==, cancelled->start);
  g_assert_cmpint (rebooked->end, ==, cancelled->end);
  listed = resfri_bookings_list_for_occurrence (fixture->store, "series", RID1, &error);
  g_assert_cmpuint (listed->len, ==, 2);

  /* Taken meanwhile: the undo is refused, naming the other booking. */
  g_clear_pointer (&cancelled, resfri_booking_free);
  cancelled = resfri_bookings_cancel (fixture->store, rebooked->id, &error);
  g_assert_no_error (error);
  other = resfri_bookings_book_item (fixture->store, "H-1", "clash", "", "bo@example.se", &error);
  g_assert_no_error (error);
  g_assert_cmpint (other->start, <, cancelled->end);
  refused = resfri_bookings_rebook (fixture->store, cancelled, &error);
  g_assert_null (refused);
  g_assert_error (error, RESFRI_ERROR, RESFRI_ERROR_CONFLICT);
  g_assert_nonnull (strstr (error->message, "clash"));
  g_clear_error (&error);

  /* A room booking comes back too. */
  g_assert_true (_resfri_store_exec (fixture->store,
                                     "INSERT INTO rooms (id, code, name, site_id, capacity, vc)"
                                     " VALUES (1, 'KOM-A', 'Alfa', 1, 8, 1);", &error));
  g_clear_pointer (&listed, g_ptr_array_unref);
  listed = resfri_bookings_book_room (fixture->store, "KOM-A", "series", RID2, NULL, &error);
  g_assert_no_error (error);
  g_clear_pointer (&cancelled, resfri_booking_free);
  cancelled = resfri_bookings_cancel (fixture->store,
                                      ((ResfriBooking *) g_ptr_array_index (listed, 0))->id,
                                      &error);
  g_assert_no_error (error);
  again = resfri_bookings_rebook (fixture->store, cancelled, &error);
  g_assert_no_error (error);
  g_assert_true (again->kind == RESFRI_BOOKING_ROOM);
  g_assert_cmpstr (again->resource, ==, "KOM-A");
  g_assert_cmpstr (again->recurrence_id, ==, RID2);
}

typedef struct
{
  const char    *uid;
  const char    *recurrence_id;
  ResfriVerdict  verdict;
  ResfriMode     mode;
  guint          count;
} VerdictData;

static gboolean
verdict_cb (const ResfriResolvedOccurrence *occurrence,
            gpointer                        user_data)
{
  VerdictData *data = user_data;

  if (strcmp (occurrence->uid, data->uid) == 0)
    data->count++;
  if (strcmp (occurrence->uid, data->uid) == 0 &&
      strcmp (occurrence->recurrence_id, data->recurrence_id) == 0)
    {
      data->verdict = occurrence->verdict;
      data->mode = occurrence->mode;
    }
  return TRUE;
}

static VerdictData
resolve (ResfriStore *store,
         const char  *uid,
         const char  *recurrence_id)
{
  g_autoptr(GError) error = NULL;
  VerdictData data = { uid, recurrence_id, -1, -1, 0 };

  g_assert_true (resfri_policy_check_occurrences (store, NULL, 0, 0, verdict_cb, &data, NULL, &error));
  g_assert_no_error (error);
  return data;
}

static char *
stored_text (ResfriStore *store,
             const char  *uid,
             const char  *recurrence_id)
{
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt;
  char *text = NULL;

  stmt = _resfri_store_prepare (store, "SELECT ical FROM meetings WHERE uid = ?1"
                                " AND recurrence_id = ?2", &error);
  g_assert_no_error (error);
  sqlite3_bind_text (stmt, 1, uid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, recurrence_id, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return text;
}

static void
test_link_text (void)
{
  static const char vevent[] =
    "BEGIN:VEVENT\r\n"
    "UID:x\r\n"
    "DTSTART:20260302T080000Z\r\n"
    "LOCATION:Sal 1\r\n"
    "ATTENDEE;CUTYPE=ROOM;CN=\"Sal 1: stora\":mailto:sal1@example.se\r\n"
    "ATTENDEE;PARTSTAT=ACCEPTED:mailto:bo@example.se\r\n"
    "DESCRIPTION:A long description that goes past seventy-five octets so tha\r\n"
    " t it is folded ÅÄÖ åäö.\r\n"
    "SEQUENCE:4\r\n"
    "BEGIN:VALARM\r\n"
    "TRIGGER:-PT15M\r\n"
    "LOCATION:not the event's\r\n"
    "END:VALARM\r\n"
    "END:VEVENT\r\n";
  g_autofree char *web = resfri_meeting_text_add_link (vevent, "https://meet.example.se/abc",
                                                       RESFRI_MODE_ONLINE);
  g_autofree char *hybrid = resfri_meeting_text_add_link (vevent, "https://meet.example.se/abc",
                                                          RESFRI_MODE_HYBRID);
  g_autofree char *bare = resfri_meeting_text_add_link ("BEGIN:VEVENT\nUID:y\nEND:VEVENT\n",
                                                        "https://meet.example.se/abc",
                                                        RESFRI_MODE_ONLINE);
  g_autoptr(GError) error = NULL;

  g_assert_null (strstr (web, "LOCATION:Sal 1"));
  g_assert_null (strstr (web, "CUTYPE=ROOM"));
  g_assert_nonnull (strstr (web, "LOCATION:not the event's"));
  g_assert_nonnull (strstr (web, "ATTENDEE;PARTSTAT=ACCEPTED:mailto:bo@example.se\r\n"));
  g_assert_nonnull (strstr (web, "SEQUENCE:5\r\n"));
  g_assert_null (strstr (web, "SEQUENCE:4"));
  g_assert_nonnull (strstr (web, "CONFERENCE;VALUE=URI;FEATURE=VIDEO:https://meet.example.se/abc"
                                 "\r\nBEGIN:VALARM"));
  /* Unfolded and folded again at 75 octets. */
  g_assert_nonnull (strstr (web, "DESCRIPTION:A long description that goes past seventy-five "
                                 "octets so that i\r\n t is folded ÅÄÖ åäö.\r\n"));
  g_assert_nonnull (strstr (hybrid, "LOCATION:Sal 1\r\n"));
  g_assert_nonnull (strstr (hybrid, "CUTYPE=ROOM"));
  g_assert_nonnull (strstr (bare, "SEQUENCE:1\r\nEND:VEVENT\r\n"));

  /* "END :X" closes a component, as libical reads it: the SEQUENCE after
   * it is the VEVENT's, and is bumped. */
  {
    g_autofree char *spaced = resfri_meeting_text_add_link ("BEGIN:VEVENT\r\nUID:z\r\n"
                                                            "BEGIN:X-VENDOR\r\nX-A:1\r\n"
                                                            "END :X-VENDOR\r\n"
                                                            "SEQUENCE:2\r\nEND:VEVENT\r\n",
                                                            "https://meet.example.se/abc",
                                                            RESFRI_MODE_ONLINE);

    g_assert_nonnull (strstr (spaced, "SEQUENCE:3\r\n"));
    g_assert_null (strstr (spaced, "SEQUENCE:2"));
  }

  g_assert_true (resfri_meeting_check_link ("https://meet.example.se/abc", NULL));
  g_assert_false (resfri_meeting_check_link ("meet.example.se", &error));
  g_assert_error (error, RESFRI_ERROR, RESFRI_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_false (resfri_meeting_check_link ("ftp://x.se/", NULL));
  g_assert_false (resfri_meeting_check_link ("https://a b/", NULL));
}

static void
test_link_occurrence (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autoptr(GPtrArray) versions = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *override = NULL;
  g_autofree char *master_before = stored_text (fixture->store, "series", "");
  g_autofree char *master_after = NULL;
  VerdictData data;

  data = resolve (fixture->store, "series", RID2);
  g_assert_cmpint (data.verdict, ==, RESFRI_VERDICT_NON_COMPLIANT);
  g_assert_cmpuint (data.count, ==, 3);

  versions = resfri_meeting_set_online_link (fixture->store, "series", RID2,
                                             "https://meet.example.se/abc",
                                             RESFRI_MODE_ONLINE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (versions->len, ==, 1);
  g_assert_null (((ResfriMeetingVersion *) g_ptr_array_index (versions, 0))->ical);

  data = resolve (fixture->store, "series", RID2);
  g_assert_cmpint (data.verdict, ==, RESFRI_VERDICT_TRAVEL_FREE);
  g_assert_cmpint (data.mode, ==, RESFRI_MODE_ONLINE);
  g_assert_cmpuint (data.count, ==, 3);
  data = resolve (fixture->store, "series", RID1);
  g_assert_cmpint (data.verdict, ==, RESFRI_VERDICT_NON_COMPLIANT);

  override = stored_text (fixture->store, "series", RID2);
  g_assert_nonnull (override);
  g_assert_nonnull (strstr (override, "RECURRENCE-ID:" RID2 "\r\n"));
  g_assert_nonnull (strstr (override, "DTSTART:20260309T080000Z\r\n"));
  g_assert_null (strstr (override, "RRULE"));
  g_assert_nonnull (strstr (override, "SEQUENCE:3\r\n"));
  g_assert_nonnull (strstr (override, "SUMMARY:Styrgrupp\r\n"));
  master_after = stored_text (fixture->store, "series", "");
  g_assert_cmpstr (master_after, ==, master_before);

  g_assert_true (resfri_meeting_restore (fixture->store, versions, &error));
  g_assert_no_error (error);
  g_clear_pointer (&override, g_free);
  override = stored_text (fixture->store, "series", RID2);
  g_assert_null (override);
  data = resolve (fixture->store, "series", RID2);
  g_assert_cmpint (data.verdict, ==, RESFRI_VERDICT_NON_COMPLIANT);
  g_assert_cmpuint (data.count, ==, 3);
}

static void
test_link_series (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GPtrArray) versions = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *master_before = stored_text (fixture->store, "series", "");
  g_autofree char *master = NULL;
  g_autofree char *restored = NULL;
  VerdictData data;

  /* An override first (web), then the whole series hybrid: both change. */
  first = resfri_meeting_set_online_link (fixture->store, "series", RID2,
                                          "https://meet.example.se/one", RESFRI_MODE_ONLINE,
                                          &error);
  g_assert_no_error (error);
  versions = resfri_meeting_set_online_link (fixture->store, "series", NULL,
                                             "https://meet.example.se/all", RESFRI_MODE_HYBRID,
                                             &error);
  g_assert_no_error (error);
  g_assert_cmpuint (versions->len, ==, 2);

  for (guint i = 0; i < 3; i++)
    {
      const char *rids[] = { RID1, RID2, "20260316T080000Z" };

      data = resolve (fixture->store, "series", rids[i]);
      g_assert_cmpint (data.verdict, ==, RESFRI_VERDICT_TRAVEL_FREE);
    }
  data = resolve (fixture->store, "series", RID1);
  g_assert_cmpint (data.mode, ==, RESFRI_MODE_HYBRID);
  data = resolve (fixture->store, "series", RID2);
  g_assert_cmpint (data.mode, ==, RESFRI_MODE_ONLINE);
  master = stored_text (fixture->store, "series", "");
  g_assert_nonnull (strstr (master, "LOCATION:Kommunhuset\r\n"));
  g_assert_nonnull (strstr (master, "SEQUENCE:3\r\n"));
  g_assert_nonnull (strstr (master, "RRULE:FREQ=WEEKLY;COUNT=3\r\n"));

  g_assert_true (resfri_meeting_restore (fixture->store, versions, &error));
  g_assert_no_error (error);
  g_assert_true (resfri_meeting_restore (fixture->store, first, &error));
  g_assert_no_error (error);
  restored = stored_text (fixture->store, "series", "");
  g_assert_cmpstr (restored, ==, master_before);
  data = resolve (fixture->store, "series", RID1);
  g_assert_cmpint (data.verdict, ==, RESFRI_VERDICT_NON_COMPLIANT);
  g_assert_cmpuint (data.count, ==, 3);

  g_assert_null (resfri_meeting_set_online_link (fixture->store, "nope", NULL,
                                                 "https://meet.example.se/", RESFRI_MODE_ONLINE,
                                                 &error));
  g_assert_error (error, RESFRI_ERROR, RESFRI_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (resfri_meeting_set_online_link (fixture->store, "series", NULL, "nonsense",
                                                 RESFRI_MODE_ONLINE, &error));
  g_assert_error (error, RESFRI_ERROR, RESFRI_ERROR_INVALID_INPUT);
}

static char *
list_occurrences (ResfriStore *store,
                  const char  *uid)
{
  g_autoptr(GError) error = NULL;
  GString *out = g_string_new (NULL);
  sqlite3_stmt *stmt;

  stmt = _resfri_store_prepare (store, "SELECT recurrence_id, start, end, cancelled"
                                " FROM occurrences WHERE uid = ?1 ORDER BY recurrence_id",
                                &error);
  g_assert_no_error (error);
  sqlite3_bind_text (stmt, 1, uid, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (out, "%s %" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %d\n",
                            sqlite3_column_text (stmt, 0), (gint64) sqlite3_column_int64 (stmt, 1),
                            (gint64) sqlite3_column_int64 (stmt, 2), sqlite3_column_int (stmt, 3));
  sqlite3_reset (stmt);
  return g_string_free (out, FALSE);
}

static void
test_export_meeting (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autoptr(GPtrArray) versions = NULL;
  g_autoptr(GPtrArray) needs = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *other_path = NULL;
  g_autoptr(ResfriStore) other = NULL;
  ResfriExportStats stats = { 0 };
  VerdictData data;
  gsize length = 0;

  versions = resfri_meeting_set_online_link (fixture->store, "series", RID2,
                                             "https://meet.example.se/abc",
                                             RESFRI_MODE_ONLINE, &error);
  g_assert_no_error (error);
  needs = resfri_bookings_book_missing_items (fixture->store, "series", RID1, &error);
  g_assert_no_error (error);

  text = resfri_store_export_meeting_ical (fixture->store, "series", "PUBLISH", &length, &stats, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (length, ==, strlen (text));
  g_assert_cmpint (stats.meetings, ==, 2);
  g_assert_null (strstr (text, "UID:clash"));
  g_assert_nonnull (strstr (text, "CN=\"H-1 (headset)\""));

  other_path = g_build_filename (fixture->dir, "other.db", NULL);
  other = resfri_store_open (other_path, &error);
  g_assert_no_error (error);
  g_assert_true (_resfri_store_exec (other, fixture_sql, &error));
  g_assert_true (resfri_store_import_ical (other, text, length, "export.ics", NULL, &error));
  g_assert_no_error (error);

  before = list_occurrences (fixture->store, "series");
  after = list_occurrences (other, "series");
  g_assert_cmpstr (after, ==, before);
  data = resolve (other, "series", RID2);
  g_assert_cmpint (data.verdict, ==, RESFRI_VERDICT_TRAVEL_FREE);

  g_assert_null (resfri_store_export_meeting_ical (fixture->store, "nope", "PUBLISH", NULL, NULL, &error));
  g_assert_error (error, RESFRI_ERROR, RESFRI_ERROR_NOT_FOUND);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/meeting-actions/book-missing", test_book_missing);
  ADD ("/meeting-actions/book-video-kit", test_book_video_kit);
  ADD ("/meeting-actions/allocation-sees-loan", test_allocation_sees_loan);
  ADD ("/meeting-actions/cancel-rebook", test_cancel_rebook);
  g_test_add_func ("/meeting-actions/link/text", test_link_text);
  ADD ("/meeting-actions/link/occurrence", test_link_occurrence);
  ADD ("/meeting-actions/link/series", test_link_series);
  ADD ("/meeting-actions/export", test_export_meeting);

  return g_test_run ();
}

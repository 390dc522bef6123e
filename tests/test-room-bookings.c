/* test-room-bookings.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Booking a room: one occurrence, a whole series ("book the rest, skip the
 * conflicts"), and the refusals that leave every booking as it was.
 */

#include "config.h"

#include "bookings-fixture.h"

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

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/bookings/series", test_series);
  ADD ("/bookings/refused", test_refused);

#undef ADD

  return g_test_run ();
}

/* test-bookings-async.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The _async/_finish pairs of bookings (bookings/resfri-bookings-async.c)
 * that the app's Meetings view calls: booking a room (one occurrence, a
 * series with its skipped occurrences, a conflict naming the booking in
 * the way), lending the missing items, cancelling and booking again; a job
 * whose caller cancelled still books; two jobs booking one room at
 * once on two worker connections while the main connection writes: exactly
 * one keeps it.
 */

#include "config.h"

#include "bookings-fixture.h"

static GPtrArray *
book_room_async (ResfriStore  *store,
                 const char   *room,
                 const char   *uid,
                 const char   *recurrence_id,
                 GPtrArray   **skipped,
                 GError      **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  resfri_bookings_book_room_async (store, room, uid, recurrence_id, FALSE, NULL, resfri_test_ready,
                                   &result);
  return resfri_bookings_book_room_finish (store, resfri_test_wait (&result), skipped, error);
}

static void
test_book_room (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(ResfriStore) store = open_second_store (fixture);
  g_autoptr(GPtrArray) booked = NULL;
  g_autoptr(GPtrArray) series = NULL;
  g_autoptr(GPtrArray) skipped = NULL;
  g_autoptr(GPtrArray) refused = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *id = NULL;
  const ResfriBooking *booking;

  g_test_summary ("A room booked on a worker: one occurrence, a series with the occurrence "
                  "in the way skipped, and a conflict that names the booking in the way and "
                  "changes nothing");

  booked = book_room_async (store, "KOM-B", "single", "", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (booked->len, ==, 1);
  booking = g_ptr_array_index (booked, 0);
  g_assert_cmpstr (booking->resource, ==, "KOM-B");
  g_assert_cmpstr (booking->uid, ==, "single");
  g_assert_cmpint (booking->start, ==, utc ("2026-03-02T08:00:00Z"));
  /* The main connection sees the worker's commit. */
  g_assert_cmpint (count_bookings (fixture->store), ==, 1);

  g_ptr_array_unref (book_room (fixture, "KOM-B", "blocker", NULL));
  series = book_room_async (store, "KOM-B", "series", NULL, &skipped, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (series->len, ==, 2);
  g_assert_nonnull (skipped);
  g_assert_cmpuint (skipped->len, ==, 1);
  g_assert_cmpstr (((ResfriBookingSlot *) g_ptr_array_index (skipped, 0))->recurrence_id, ==,
                   "20260310T080000Z");

  before = snapshot (fixture->store);
  refused = book_room_async (store, "KOM-B", "overlap", "", NULL, &error);
  g_assert_null (refused);
  g_assert_error (error, RESFRI_ERROR, RESFRI_ERROR_CONFLICT);
  id = g_strdup_printf ("%" G_GINT64_FORMAT, booking->id);
  g_assert_nonnull (strstr (error->message, id));
  g_assert_nonnull (strstr (error->message, "KOM-B"));
  after = snapshot (fixture->store);
  g_assert_cmpstr (after, ==, before);
}

static void
test_cancel_rebook (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autoptr(ResfriStore) store = open_second_store (fixture);
  g_autoptr(GPtrArray) booked = book_room (fixture, "KOM-C", "single", NULL);
  const ResfriBooking *booking = g_ptr_array_index (booked, 0);
  g_autoptr(GAsyncResult) cancel_result = NULL;
  g_autoptr(GAsyncResult) rebook_result = NULL;
  g_autoptr(GAsyncResult) again_result = NULL;
  g_autoptr(ResfriBooking) cancelled = NULL;
  g_autoptr(ResfriBooking) rebooked = NULL;
  g_autoptr(ResfriBooking) refused = NULL;
  g_autoptr(GPtrArray) taker = NULL;
  g_autoptr(ResfriBooking) again = NULL;
  g_autoptr(GError) error = NULL;

  g_test_summary ("A booking cancelled on a worker, booked again (the Undo), and refused "
                  "with a conflict when the room was taken meanwhile");

  resfri_bookings_cancel_async (store, booking->id, NULL, resfri_test_ready, &cancel_result);
  cancelled = resfri_bookings_cancel_finish (store, resfri_test_wait (&cancel_result), &error);
  g_assert_no_error (error);
  g_assert_cmpint (cancelled->id, ==, booking->id);
  g_assert_cmpstr (cancelled->resource, ==, "KOM-C");
  g_assert_cmpint (count_bookings (fixture->store), ==, 0);

  resfri_bookings_rebook_async (store, cancelled, NULL, resfri_test_ready, &rebook_result);
  rebooked = resfri_bookings_rebook_finish (store, resfri_test_wait (&rebook_result), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (rebooked->resource, ==, "KOM-C");
  g_assert_cmpint (rebooked->start, ==, booking->start);
  g_assert_cmpint (count_bookings (fixture->store), ==, 1);

  /* Cancelled again, and taken by another meeting before the Undo. */
  again = resfri_bookings_cancel (fixture->store, rebooked->id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (again);
  taker = book_room (fixture, "KOM-C", "overlap", NULL);
  resfri_bookings_rebook_async (store, cancelled, NULL, resfri_test_ready, &again_result);
  refused = resfri_bookings_rebook_finish (store, resfri_test_wait (&again_result), &error);
  g_assert_null (refused);
  g_assert_error (error, RESFRI_ERROR, RESFRI_ERROR_CONFLICT);
  g_assert_cmpint (count_bookings (fixture->store), ==, 1);
}

static void
test_missing_items (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autoptr(ResfriStore) store = open_second_store (fixture);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) unknown_result = NULL;
  g_autoptr(GPtrArray) needs = NULL;
  g_autoptr(GPtrArray) none = NULL;
  g_autoptr(GError) error = NULL;

  g_test_summary ("Loan items on a worker: a meeting without attendees lacks nothing; an "
                  "unknown occurrence is refused");

  resfri_bookings_book_missing_items_async (store, "single", "", NULL, resfri_test_ready, &result);
  needs = resfri_bookings_book_missing_items_finish (store, resfri_test_wait (&result), &error);
  g_assert_no_error (error);
  g_assert_nonnull (needs);
  g_assert_cmpuint (needs->len, ==, 0);

  resfri_bookings_book_missing_items_async (store, "series", "20990101T000000Z", NULL,
                                            resfri_test_ready, &unknown_result);
  none = resfri_bookings_book_missing_items_finish (store, resfri_test_wait (&unknown_result),
                                                    &error);
  g_assert_null (none);
  g_assert_error (error, RESFRI_ERROR, RESFRI_ERROR_NOT_FOUND);
}

static void
test_cancelled (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(ResfriStore) store = open_second_store (fixture);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) booked = NULL;
  g_autoptr(GError) error = NULL;

  g_test_summary ("A booking job whose caller cancelled (the window closed) still books, "
                  "whole, and its _finish says it was cancelled");

  resfri_bookings_book_room_async (store, "KOM-B", "single", "", FALSE, cancellable,
                                   resfri_test_ready, &result);
  g_cancellable_cancel (cancellable);
  booked = resfri_bookings_book_room_finish (store, resfri_test_wait (&result), NULL, &error);
  g_assert_null (booked);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (count_bookings (fixture->store), ==, 1);
}

static void
test_race (Fixture       *fixture,
           gconstpointer  user_data)
{
  g_autoptr(ResfriStore) store = open_second_store (fixture);
  g_autoptr(GAsyncResult) first = NULL;
  g_autoptr(GAsyncResult) second = NULL;
  g_autoptr(GPtrArray) first_booked = NULL;
  g_autoptr(GPtrArray) second_booked = NULL;
  g_autoptr(GPtrArray) main_booked = NULL;
  g_autoptr(GError) first_error = NULL;
  g_autoptr(GError) second_error = NULL;

  g_test_summary ("Two workers book one room for overlapping meetings at once while the "
                  "main connection books another room: exactly one worker keeps the room, "
                  "the other gets the conflict, and the main connection's booking lands");

  /* Both start before either ends: the callbacks run only when the main
   * loop is iterated below. */
  resfri_bookings_book_room_async (store, "KOM-B", "single", "", FALSE, NULL, resfri_test_ready,
                                   &first);
  resfri_bookings_book_room_async (store, "KOM-B", "overlap", "", FALSE, NULL, resfri_test_ready,
                                   &second);
  main_booked = book_room (fixture, "KOM-C", "touch", NULL);

  first_booked = resfri_bookings_book_room_finish (store, resfri_test_wait (&first), NULL,
                                                   &first_error);
  second_booked = resfri_bookings_book_room_finish (store, resfri_test_wait (&second), NULL,
                                                    &second_error);
  g_assert_true ((first_booked == NULL) != (second_booked == NULL));
  if (first_booked == NULL)
    g_assert_error (first_error, RESFRI_ERROR, RESFRI_ERROR_CONFLICT);
  else
    g_assert_error (second_error, RESFRI_ERROR, RESFRI_ERROR_CONFLICT);
  g_assert_cmpint (_resfri_store_query_int (fixture->store,
                                            "SELECT count(*) FROM bookings WHERE room_id = 1",
                                            NULL), ==, 1);
  g_assert_cmpint (count_bookings (fixture->store), ==, 2);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/bookings-async/book-room", test_book_room);
  ADD ("/bookings-async/cancel-rebook", test_cancel_rebook);
  ADD ("/bookings-async/missing-items", test_missing_items);
  ADD ("/bookings-async/cancelled", test_cancelled);
  ADD ("/bookings-async/race", test_race);

#undef ADD

  return g_test_run ();
}

/* test-bookings.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The bookings table: the list of bookings (also on a worker thread), a
 * cancellation, ids never given twice. resfri-cli's `rooms`, `book` and `bookings` commands are
 * tests/cli/test-bookings.c.
 */

#include "config.h"

#include <math.h>

#include <json-glib/json-glib.h>

#include "bookings-fixture.h"

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

static void
test_list_async (Fixture       *fixture,
                 gconstpointer  user_data)
{
  g_autoptr(ResfriStore) store = open_second_store (fixture);
  g_autoptr(GPtrArray) series = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) window = NULL;
  g_autoptr(GPtrArray) cancelled = NULL;
  g_autoptr(GAsyncResult) all_result = NULL;
  g_autoptr(GAsyncResult) window_result = NULL;
  g_autoptr(GAsyncResult) cancelled_result = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;

  g_test_summary ("resfri_bookings_list_async lists on a worker thread as the call on the "
                  "calling thread does; cancelled, it gives G_IO_ERROR_CANCELLED");

  series = book_room (fixture, "KOM-A", "series", NULL);

  resfri_bookings_list_async (store, G_MININT64, G_MAXINT64, NULL, resfri_test_ready, &all_result);
  resfri_bookings_list_async (store, utc ("2026-03-03T09:00:00Z"), utc ("2026-03-10T08:01:00Z"),
                              NULL, resfri_test_ready, &window_result);
  g_cancellable_cancel (cancellable);
  resfri_bookings_list_async (store, G_MININT64, G_MAXINT64, cancellable, resfri_test_ready,
                              &cancelled_result);

  all = resfri_bookings_list_finish (store, resfri_test_wait (&all_result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 3);
  for (guint i = 0; i < all->len; i++)
    {
      const ResfriBooking *booking = g_ptr_array_index (all, i);
      const ResfriBooking *made = g_ptr_array_index (series, i);

      g_assert_cmpint (booking->id, ==, made->id);
      g_assert_cmpstr (booking->recurrence_id, ==, made->recurrence_id);
      g_assert_cmpstr (booking->summary, ==, "Series");
    }

  window = resfri_bookings_list_finish (store, resfri_test_wait (&window_result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (window->len, ==, 1);
  g_assert_cmpstr (((ResfriBooking *) g_ptr_array_index (window, 0))->recurrence_id, ==,
                   "20260310T080000Z");

  cancelled = resfri_bookings_list_finish (store, resfri_test_wait (&cancelled_result), &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (cancelled);
}

/* A booking's id names its event on the server (resfri-booking-N@…), where
 * a cancelled booking's copy may still wait for its DELETE: the newest
 * booking cancelled, the next one gets a new id, also once the store was
 * closed and opened again. */
static void
test_ids_never_reused (Fixture       *fixture,
                       gconstpointer  user_data)
{
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GPtrArray) second = NULL;
  g_autoptr(GPtrArray) third = NULL;
  g_autoptr(ResfriBooking) cancelled = NULL;
  g_autoptr(ResfriBooking) cancelled_again = NULL;
  g_autoptr(GError) error = NULL;
  gint64 first_id;
  gint64 second_id;
  gint64 third_id;

  g_test_summary ("Cancelling the newest booking does not give its id to the next booking, "
                  "also across closing and reopening the store");

  first = book_room (fixture, "KOM-A", "single", NULL);
  first_id = ((ResfriBooking *) g_ptr_array_index (first, 0))->id;
  cancelled = resfri_bookings_cancel (fixture->store, first_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (count_bookings (fixture->store), ==, 0);

  second = book_room (fixture, "KOM-A", "single", NULL);
  second_id = ((ResfriBooking *) g_ptr_array_index (second, 0))->id;
  g_assert_cmpint (second_id, >, first_id);
  cancelled_again = resfri_bookings_cancel (fixture->store, second_id, &error);
  g_assert_no_error (error);

  g_clear_object (&fixture->store);
  fixture->store = resfri_store_open (fixture->path, &error);
  g_assert_no_error (error);

  third = book_room (fixture, "KOM-A", "single", NULL);
  third_id = ((ResfriBooking *) g_ptr_array_index (third, 0))->id;
  g_assert_cmpint (third_id, >, second_id);
}

/* CLI */

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/bookings/list-cancel", test_list_cancel);
  ADD ("/bookings/list-async", test_list_async);
  ADD ("/bookings/ids-never-reused", test_ids_never_reused);

#undef ADD

  return g_test_run ();
}

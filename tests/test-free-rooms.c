/* test-free-rooms.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Free rooms for an interval and for an occurrence, on the calling thread
 * and through the _async/_finish pairs.
 */

#include "config.h"

#include "bookings-fixture.h"

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

  g_test_summary ("Free rooms and the headcount for an occurrence; unknown and cancelled "
                  "occurrences are not found");

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
      /* The fixture's meetings have no attendees and no organiser. */
      g_assert_cmpint (resfri_bookings_occurrence_headcount (fixture->store, cases[i].uid,
                                                             cases[i].recurrence_id, &error),
                       ==, 0);
      g_assert_no_error (error);
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
        g_clear_error (&error);
        g_assert_cmpint (resfri_bookings_occurrence_headcount (fixture->store, missing[i][0],
                                                               missing[i][1], &error),
                         ==, -1);
        g_assert_error (error, RESFRI_ERROR, RESFRI_ERROR_NOT_FOUND);
      }
  }
}

static void
test_free_interval_async (Fixture       *fixture,
                          gconstpointer  user_data)
{
  g_autoptr(ResfriStore) store = open_second_store (fixture);
  g_autoptr(GPtrArray) booked = NULL;
  const struct
  {
    const char *site;
    gint64      capacity;
    gboolean    vc;
    const char *expected;
  } cases[] = {
    { "KOM", 0, FALSE, "KOM-A,KOM-B" },
    { NULL, 0, FALSE, "KOM-A,KOM-B,SKO-A" },
    { "KOM", 5, FALSE, "KOM-B" },
    { "KOM", 0, TRUE, "KOM-B" },
    { "KOM", 11, FALSE, "" },
  };

  g_test_summary ("resfri_bookings_free_rooms_for_interval_async gives what the call on the "
                  "calling thread gives, and its errors");

  booked = book_room (fixture, "KOM-C", "single", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(GPtrArray) rooms = NULL;
      g_autoptr(GPtrArray) expected = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *codes = NULL;
      g_autofree char *expected_codes = NULL;

      resfri_bookings_free_rooms_for_interval_async (store, cases[i].site,
                                                     utc ("2026-03-02T08:00:00Z"),
                                                     utc ("2026-03-02T09:00:00Z"),
                                                     cases[i].capacity, cases[i].vc, NULL,
                                                     resfri_test_ready, &result);
      rooms = resfri_bookings_free_rooms_for_interval_finish (store, resfri_test_wait (&result),
                                                              &error);
      g_assert_no_error (error);
      codes = room_codes (rooms);
      g_assert_cmpstr (codes, ==, cases[i].expected);

      expected = resfri_bookings_free_rooms_for_interval (fixture->store, cases[i].site,
                                                          utc ("2026-03-02T08:00:00Z"),
                                                          utc ("2026-03-02T09:00:00Z"),
                                                          cases[i].capacity, cases[i].vc, &error);
      g_assert_no_error (error);
      expected_codes = room_codes (expected);
      g_assert_cmpstr (codes, ==, expected_codes);
    }

  {
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(GPtrArray) rooms = NULL;
    g_autoptr(GError) error = NULL;

    resfri_bookings_free_rooms_for_interval_async (store, "XX", 0, 1, 0, FALSE, NULL,
                                                   resfri_test_ready, &result);
    rooms = resfri_bookings_free_rooms_for_interval_finish (store, resfri_test_wait (&result),
                                                            &error);
    g_assert_error (error, RESFRI_ERROR, RESFRI_ERROR_NOT_FOUND);
    g_assert_null (rooms);
  }
  {
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(GPtrArray) rooms = NULL;
    g_autoptr(GError) error = NULL;

    resfri_bookings_free_rooms_for_interval_async (store, NULL, 10, 5, 0, FALSE, NULL,
                                                   resfri_test_ready, &result);
    rooms = resfri_bookings_free_rooms_for_interval_finish (store, resfri_test_wait (&result),
                                                            &error);
    g_assert_error (error, RESFRI_ERROR, RESFRI_ERROR_INVALID_INPUT);
    g_assert_null (rooms);
  }
}

static void
test_free_occurrence_async (Fixture       *fixture,
                            gconstpointer  user_data)
{
  g_autoptr(ResfriStore) store = open_second_store (fixture);
  g_autoptr(GPtrArray) booked = NULL;
  const struct
  {
    const char *uid;
    const char *recurrence_id;
    const char *site;
    const char *expected;  /* NULL: refused with @code */
    int         code;
  } cases[] = {
    { "touch", NULL, NULL, "KOM-A,KOM-C,KOM-B,SKO-A", 0 },
    { "overlap", "", NULL, "KOM-A,KOM-B,SKO-A", 0 },
    { "overlap", NULL, "SKO", "SKO-A", 0 },
    { "series", "20260303T080000Z", "KOM", "KOM-A,KOM-C,KOM-B", 0 },
    { "series", "20260324T080000Z", NULL, NULL, RESFRI_ERROR_NOT_FOUND },
    { "nope", NULL, NULL, NULL, RESFRI_ERROR_NOT_FOUND },
    { "", NULL, NULL, NULL, RESFRI_ERROR_INVALID_INPUT },
    { NULL, NULL, NULL, NULL, RESFRI_ERROR_INVALID_INPUT },
  };

  g_test_summary ("resfri_bookings_free_rooms_for_occurrence_async: the free rooms of an "
                  "occurrence on a worker thread; unknown, cancelled and empty ones refused");

  booked = book_room (fixture, "KOM-C", "single", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(GPtrArray) rooms = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *codes = NULL;

      resfri_bookings_free_rooms_for_occurrence_async (store, cases[i].uid, cases[i].recurrence_id,
                                                       cases[i].site, 0, FALSE, NULL,
                                                       resfri_test_ready, &result);
      rooms = resfri_bookings_free_rooms_for_occurrence_finish (store, resfri_test_wait (&result),
                                                                &error);
      if (cases[i].expected == NULL)
        {
          g_assert_error (error, RESFRI_ERROR, cases[i].code);
          g_assert_null (rooms);
          continue;
        }
      g_assert_no_error (error);
      codes = room_codes (rooms);
      g_assert_cmpstr (codes, ==, cases[i].expected);
    }
}

static void
test_free_cancelled (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autoptr(ResfriStore) store = open_second_store (fixture);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) interval = NULL;
  g_autoptr(GAsyncResult) occurrence = NULL;
  g_autoptr(GPtrArray) rooms = NULL;
  g_autoptr(GError) error = NULL;

  g_test_summary ("A cancelled free-rooms search gives G_IO_ERROR_CANCELLED, never rooms");

  g_cancellable_cancel (cancellable);
  resfri_bookings_free_rooms_for_interval_async (store, NULL, 0, 0, 0, FALSE, cancellable,
                                                 resfri_test_ready, &interval);
  resfri_bookings_free_rooms_for_occurrence_async (store, "touch", NULL, NULL, 0, FALSE,
                                                   cancellable, resfri_test_ready, &occurrence);

  rooms = resfri_bookings_free_rooms_for_interval_finish (store, resfri_test_wait (&interval),
                                                          &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (rooms);
  g_clear_error (&error);

  rooms = resfri_bookings_free_rooms_for_occurrence_finish (store, resfri_test_wait (&occurrence),
                                                            &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (rooms);
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
  ADD ("/bookings/free/interval-async", test_free_interval_async);
  ADD ("/bookings/free/occurrence-async", test_free_occurrence_async);
  ADD ("/bookings/free/cancelled", test_free_cancelled);

#undef ADD

  return g_test_run ();
}

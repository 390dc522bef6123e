/* test-utilisation.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Utilisation of loan pools and video rooms, computed by hand for March
 * 2026 (working hours across the DST change).
 */

#include "config.h"

#include <math.h>

#include "bookings-fixture.h"

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

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/bookings/utilisation", test_utilisation);

#undef ADD

  return g_test_run ();
}

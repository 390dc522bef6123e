/* test-loans.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Loans: an item lent to a person for an occurrence (the pool and state
 * rules, the handover margin) and the loans allocate --book writes.
 */

#include "config.h"

#include "bookings-fixture.h"

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

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/bookings/items", test_items);
  ADD ("/bookings/items/buffer", test_item_buffer);
  ADD ("/bookings/add-item", test_add_item);

#undef ADD

  return g_test_run ();
}

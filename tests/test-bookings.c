/* test-bookings.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The bookings table: the list of bookings (also on a worker thread), a
 * cancellation, and the `rooms`, `book` and `bookings` commands of
 * resfri-cli.
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

  resfri_bookings_list_async (store, G_MININT64, G_MAXINT64, NULL, ready_cb, &all_result);
  resfri_bookings_list_async (store, utc ("2026-03-03T09:00:00Z"), utc ("2026-03-10T08:01:00Z"),
                              NULL, ready_cb, &window_result);
  g_cancellable_cancel (cancellable);
  resfri_bookings_list_async (store, G_MININT64, G_MAXINT64, cancellable, ready_cb,
                              &cancelled_result);

  all = resfri_bookings_list_finish (store, wait_for (&all_result), &error);
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

  window = resfri_bookings_list_finish (store, wait_for (&window_result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (window->len, ==, 1);
  g_assert_cmpstr (((ResfriBooking *) g_ptr_array_index (window, 0))->recurrence_id, ==,
                   "20260310T080000Z");

  cancelled = resfri_bookings_list_finish (store, wait_for (&cancelled_result), &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (cancelled);
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

  ADD ("/bookings/list-cancel", test_list_cancel);
  ADD ("/bookings/list-async", test_list_async);
  ADD ("/bookings/cli", test_cli);

#undef ADD

  return g_test_run ();
}

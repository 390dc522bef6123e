/* test-bookings.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * resfri-cli's rooms, book, bookings and utilisation commands on the
 * bookings fixture (bookings-fixture.h).
 */

#include "config.h"

#include <math.h>

#include "bookings-fixture.h"
#include "cli-json.h"

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

    g_assert_cmpint (resfri_test_run_cli (fixture->path, &out, &err, "rooms", "free", "--start",
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

    g_assert_cmpint (resfri_test_run_cli (fixture->path, &out, &err, "book", "room", "KOM-B", "--uid", "blocker",
                              NULL), ==, 0);
    g_assert_nonnull (strstr (out, "KOM-B"));
    g_assert_cmpstr (err, ==, "");
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);

    g_assert_cmpint (resfri_test_run_cli (fixture->path, &out, &err, "book", "room", "KOM-B", "--uid", "series",
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

    g_assert_cmpint (resfri_test_run_cli (fixture->path, &out, &err, "rooms", "free", "--uid", "series", "--vc",
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

    g_assert_cmpint (resfri_test_run_cli (fixture->path, &out, &err, "book", "item", "H-1", "--uid", "series",
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
          status = resfri_test_run_cli (fixture->path, &out, &err, a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7],
                            "anna@example.se", NULL);
        else
          status = resfri_test_run_cli (fixture->path, &out, &err, a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7],
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

    g_assert_cmpint (resfri_test_run_cli (fixture->path, &out, &err, "bookings", "--from", "2026-03-03", "--to",
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

    g_assert_cmpint (resfri_test_run_cli (fixture->path, &out, &err, "bookings", "--format", "json", NULL), ==, 0);
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

    g_assert_cmpint (resfri_test_run_cli (fixture->path, &out, &err, "bookings", "cancel", "1", NULL), ==, 0);
    g_assert_cmpint (count_bookings (fixture->store), ==, 3);
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
    g_assert_cmpint (resfri_test_run_cli (fixture->path, &out, &err, "book", "room", "KOM-B", "--uid", "series",
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

    g_assert_cmpint (resfri_test_run_cli (fixture->path, &out, &err, "utilisation", "--period", "2026-03",
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

    g_assert_cmpint (resfri_test_run_cli (fixture->path, &out, &err, "utilisation", "--period",
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

          g_assert_cmpint (resfri_test_run_cli (fixture->path, &o, &e, "utilisation", "--period", periods[i], NULL),
                           ==, 0);
          g_assert_cmpstr (e, ==, "");
        }
    }
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/cli/bookings", Fixture, NULL, fixture_set_up, test_cli, fixture_tear_down);

  return g_test_run ();
}

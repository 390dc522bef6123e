/* test-allocate.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * resfri-cli's allocate and gaps commands on the store fixture of
 * allocation-fixture.h: JSON, --book, CSV, XLSX and usage errors; gaps
 * --by-unit, --people and --transfers, and that the follow-up names no
 * person.
 */

#include "config.h"

#include <string.h>

#include "allocation-fixture.h"
#include "cli-json.h"

static void
test_cli (Fixture       *fixture,
          gconstpointer  user_data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonObject *obj;
  JsonArray *assignments;
  JsonArray *unmet;
  JsonObject *first;

  add_meeting (fixture, "m1", "0900", "1000", NULL, TRUE,
               "anna@example.se", "bo@example.se", "dan@example.se", NULL);
  add_meeting (fixture, "h1", "1300", "1400", "Lilla salen", TRUE, "anna@example.se", "dan@example.se", NULL);
  g_clear_object (&fixture->store);

  g_assert_cmpint (resfri_test_run_cli (fixture->path, &out, &err, "allocate", "--from", "2026-03-02",
                                        "--to", "2026-03-03", "--format", "json", NULL), ==, 0);
  g_assert_cmpstr (err, ==, "");
  root = parse_json (out);
  obj = json_node_get_object (root);
  /* Europe/Stockholm midnight in UTC. */
  g_assert_cmpstr (json_object_get_string_member (obj, "from"), ==, "2026-03-01T23:00:00Z");
  g_assert_cmpstr (json_object_get_string_member (obj, "to"), ==, "2026-03-02T23:00:00Z");
  g_assert_cmpstr (json_object_get_string_member (obj, "scenario"), ==, "planned");
  assignments = json_object_get_array_member (obj, "assignments");
  unmet = json_object_get_array_member (obj, "unmet");
  g_assert_cmpint (json_object_get_int_member (obj, "served"), ==, json_array_get_length (assignments));
  g_assert_cmpint (json_object_get_int_member (obj, "demands"), ==,
                   json_array_get_length (assignments) + json_array_get_length (unmet));
  /* m1: Anna h+c, Bo c, Dan h+c; h1: Dan h+c, vc-kit. */
  g_assert_cmpint (json_object_get_int_member (obj, "demands"), ==, 8);
  first = json_array_get_object_element (assignments, 0);
  g_assert_cmpstr (json_object_get_string_member (first, "start"), ==, "2026-03-02T09:00:00Z");
  g_assert_cmpstr (json_object_get_string_member (first, "end"), ==, "2026-03-02T10:00:00Z");
  g_assert_true (json_object_has_member (first, "item"));
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (json_object_get_array_member (first, "occurrences"), 0), "uid"), ==, "m1");
  for (guint i = 0; i < json_array_get_length (unmet); i++)
    g_assert_false (json_object_has_member (json_array_get_object_element (unmet, i), "item"));
  {
    gboolean vc = FALSE;

    for (guint i = 0; i < json_array_get_length (assignments); i++)
      {
        JsonObject *a = json_array_get_object_element (assignments, i);

        if (g_strcmp0 (json_object_get_string_member (a, "type"), "vc-kit") == 0)
          {
            g_assert_true (json_node_is_null (json_object_get_member (a, "person")));
            vc = TRUE;
          }
      }
    g_assert_true (vc);
  }
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_clear_pointer (&root, json_node_unref);

  /* --book, then the bookings are there. */
  g_assert_cmpint (resfri_test_run_cli (fixture->path, &out, &err, "allocate", "--from", "2026-03-02",
                                        "--to", "2026-03-03", "--book", NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* gaps JSON */
  g_assert_cmpint (resfri_test_run_cli (fixture->path, &out, &err, "gaps", "--from", "2026-03-02",
                                        "--to", "2026-03-03", "--format", "json", NULL), ==, 0);
  root = parse_json (out);
  obj = json_node_get_object (root);
  {
    JsonObject *scenarios = json_object_get_object_member (obj, "scenarios");
    JsonObject *planned = json_object_get_object_member (scenarios, "planned");
    JsonObject *policy = json_object_get_object_member (scenarios, "policy");
    JsonArray *shortfall = json_object_get_array_member (planned, "shortfall");
    double total = 0;

    g_assert_false (json_object_has_member (planned, "payback"));
    g_assert_true (json_object_has_member (json_object_get_object_member (policy, "payback"), "avoided_km"));
    for (guint i = 0; i < json_array_get_length (shortfall); i++)
      {
        JsonObject *row = json_array_get_object_element (shortfall, i);
        gint64 pool = json_object_get_int_member (row, "pool");
        gint64 peak = json_object_get_int_member (row, "peak_demand");

        g_assert_cmpint (json_object_get_int_member (row, "to_order"), ==, MAX (0, peak - pool));
        total += json_object_get_double_member (row, "cost");
      }
    g_assert_cmpfloat_with_epsilon (total, json_object_get_double_member (planned, "total_cost"), 1e-9);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (obj, "people_without")), ==, 5);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (obj, "equip_everyone")), ==, 2);
  }
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* CSV and usage errors. */
  g_assert_cmpint (resfri_test_run_cli (fixture->path, &out, &err, "gaps", "--from", "2026-03-02",
                                        "--to", "2026-03-03", "--format", "csv", NULL), ==, 0);
  g_assert_true (g_str_has_prefix (out, "scenario,site,type,pool,peak_demand,to_order,unit_cost,cost,to_buy\r\n"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (resfri_test_run_cli (fixture->path, &out, &err, "allocate", "--from", "2026-03-02", NULL), ==, 2);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (resfri_test_run_cli (fixture->path, &out, &err, "allocate", "--from", "2026-03-02",
                                        "--to", "2026-03-03", "--scenario", "dream", NULL), ==, 2);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (resfri_test_run_cli (fixture->path, &out, &err, "gaps", "--from", "2026-03-02",
                                        "--to", "2026-03-03", "--format", "pdf", NULL), ==, 2);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (resfri_test_run_cli (fixture->path, &out, &err, "gaps", "--from", "2026-03-02",
                                        "--to", "2026-03-03", "--format", "xlsx", NULL), ==, 2);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  {
    g_autofree char *xlsx = g_build_filename (fixture->dir, "gaps.xlsx", NULL);
    g_autofree char *contents = NULL;
    gsize length = 0;

    g_assert_cmpint (resfri_test_run_cli (fixture->path, &out, &err, "gaps", "--from", "2026-03-02",
                                          "--to", "2026-03-03", "--format", "xlsx", "-o", xlsx, NULL), ==, 0);
    g_assert_true (g_file_get_contents (xlsx, &contents, &length, NULL));
    /* A zip archive. */
    g_assert_cmpuint (length, >, 1000);
    g_assert_cmpmem (contents, 2, "PK", 2);
  }

  fixture->store = resfri_store_open (fixture->path, NULL);
}

/* Anna and Bo (IT, KOM) online at 09:00: two cameras for KOM's one; FAR's
 * camera is idle all day, so it moves instead of a purchase. */
static void
test_cli_who_pays (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonObject *planned;
  JsonObject *row = NULL;
  JsonObject *transfer;
  JsonArray *array;
  JsonObject *person;

  add_meeting (fixture, "m1", "0900", "1000", NULL, TRUE, "anna@example.se", "bo@example.se", NULL);
  g_clear_object (&fixture->store);

  g_assert_cmpint (resfri_test_run_cli (fixture->path, &out, &err, "gaps", "--from", "2026-03-02",
                                        "--to", "2026-03-03", "--by-unit", "--format", "json", NULL), ==, 0);
  root = parse_json (out);
  planned = json_object_get_object_member (json_object_get_object_member (json_node_get_object (root),
                                                                          "scenarios"), "planned");
  array = json_object_get_array_member (planned, "shortfall");
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *r = json_array_get_object_element (array, i);

      if (g_str_equal (json_object_get_string_member (r, "site"), "KOM") &&
          g_str_equal (json_object_get_string_member (r, "type"), "camera"))
        row = r;
    }
  g_assert_nonnull (row);
  g_assert_cmpint (json_object_get_int_member (row, "to_order"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (row, "to_buy"), ==, 0);
  g_assert_cmpfloat (json_object_get_double_member (planned, "total_cost"), ==, 1100);
  g_assert_cmpfloat (json_object_get_double_member (planned, "total_cost_after_transfers"), ==, 0);
  array = json_object_get_array_member (planned, "transfers");
  g_assert_cmpuint (json_array_get_length (array), ==, 1);
  transfer = json_array_get_object_element (array, 0);
  g_assert_cmpstr (json_object_get_string_member (transfer, "type"), ==, "camera");
  g_assert_cmpstr (json_object_get_string_member (transfer, "from_site"), ==, "FAR");
  g_assert_cmpstr (json_object_get_string_member (transfer, "to_site"), ==, "KOM");
  g_assert_cmpint (json_object_get_int_member (transfer, "count"), ==, 1);
  g_assert_cmpfloat (json_object_get_double_member (transfer, "saves_sek"), ==, 1100);
  array = json_object_get_array_member (planned, "by_unit");
  g_assert_cmpuint (json_array_get_length (array), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (array, 0), "unit_name"),
                   ==, "IT");
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (array, 0), "cost_ore"),
                   ==, 110000);
  /* Nothing is booked: every pool item is idle. */
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_node_get_object (root), "idle")),
                    ==, 5);   /* H1, C1, V1, H3, C9 */
  g_assert_null (strstr (out, "Anna"));
  g_clear_pointer (&root, json_node_unref);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* The text says what moves. */
  g_assert_cmpint (resfri_test_run_cli (fixture->path, &out, &err, "gaps", "--from", "2026-03-02",
                                        "--to", "2026-03-03", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Move 1 camera from FAR to KOM (saves SEK 1 100)"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (resfri_test_run_cli (fixture->path, &out, &err, "gaps", "--from", "2026-03-02",
                                        "--to", "2026-03-03", "--by-unit", "--format", "csv", NULL), ==, 0);
  g_assert_cmpstr (out, ==,
                   "scenario,unit,unit_name,site,type,demands_at_peak,peak_demand,to_order,cost_sek\r\n"
                   "planned,IT,IT,KOM,camera,2,2,1,1100.00\r\n"
                   "policy,IT,IT,KOM,camera,2,2,1,1100.00\r\n");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (resfri_test_run_cli (fixture->path, &out, &err, "gaps", "--from", "2026-03-02",
                                        "--to", "2026-03-03", "--transfers", "--format", "csv", NULL), ==, 0);
  g_assert_true (g_str_has_prefix (out, "kind,scenario,type,from_site,to_site,count,saves_sek,tag\r\n"
                                        "transfer,planned,camera,FAR,KOM,1,1100,\r\n"));
  g_assert_nonnull (strstr (out, "idle,,camera,FAR,,1,,C9\r\n"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* --people, for IT: names, unit names, sites, what they lack. */
  g_assert_cmpint (resfri_test_run_cli (fixture->path, &out, &err, "gaps", "--from", "2026-03-02",
                                        "--to", "2026-03-03", "--people", "--format", "json", NULL), ==, 0);
  root = parse_json (out);
  array = json_object_get_array_member (json_node_get_object (root), "people");
  g_assert_cmpuint (json_array_get_length (array), ==, 3);   /* Anna, Bo (camera), Dan */
  person = json_array_get_object_element (array, 0);
  g_assert_cmpstr (json_object_get_string_member (person, "name"), ==, "Anna");
  g_assert_cmpstr (json_object_get_string_member (person, "unit"), ==, "IT");
  g_assert_cmpstr (json_object_get_string_member (person, "site"), ==, "KOM");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (person, "lacks")), ==, 2);
  g_assert_cmpint (json_object_get_int_member (person, "remote_meetings"), ==, 1);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (resfri_test_run_cli (fixture->path, &out, &err, "gaps", "--from", "2026-03-02",
                                        "--to", "2026-03-03", "--people", "--format", "csv", NULL), ==, 0);
  g_assert_true (g_str_has_prefix (out, "name,email,unit,unit_path,site,lacks,remote_meetings\r\n"
                                        "Anna,anna@example.se,IT,IT,KOM,camera headset,1\r\n"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (resfri_test_run_cli (fixture->path, &out, &err, "gaps", "--from", "2026-03-02",
                                        "--to", "2026-03-03", "--people", "--by-unit", NULL), ==, 2);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* The follow-up never names them. */
  for (guint f = 0; f < 3; f++)
    {
      const char *formats[] = { "text", "json", "csv" };

      g_assert_cmpint (resfri_test_run_cli (fixture->path, &out, &err, "report", "--period", "2026-03",
                                            "--format", formats[f], NULL), ==, 0);
      g_assert_null (strstr (out, "Anna"));
      g_assert_null (strstr (out, "anna@example.se"));
      g_clear_pointer (&out, g_free);
      g_clear_pointer (&err, g_free);
    }

  fixture->store = resfri_store_open (fixture->path, NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/cli/allocate", Fixture, NULL, fixture_set_up, test_cli, fixture_tear_down);
  g_test_add ("/cli/gaps-who-pays", Fixture, NULL, fixture_set_up, test_cli_who_pays, fixture_tear_down);

  return g_test_run ();
}

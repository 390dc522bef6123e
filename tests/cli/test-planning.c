/* test-planning.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * resfri-cli opportunities and whatif on the planning fixture
 * (planning-fixture.h): the JSON of spec/planning.md, CSV and text, and
 * the usage errors.
 */

#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include "resfri-test-util.h"

#include "planning-fixture.h"

static JsonObject *
parse (JsonParser *parser,
       const char *text)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (json_parser_load_from_data (parser, text, -1, &error));
  g_assert_no_error (error);
  return json_node_get_object (json_parser_get_root (parser));
}

static void
assert_members (JsonObject         *object,
                const char * const *members,
                guint               n)
{
  g_assert_cmpuint (json_object_get_size (object), ==, n);
  for (guint i = 0; i < n; i++)
    if (!json_object_has_member (object, members[i]))
      g_error ("no member %s", members[i]);
}

static void
test_whatif_json (Fixture       *fixture,
                  gconstpointer  data)
{
  static const char * const members[] = {
    "period", "unit", "target_share", "share_before", "share_after", "reachable", "optimal",
    "gap", "conversions", "order", "total_cost", "avoided", "payback_months",
  };
  static const char * const conversion_members[] = {
    "uid", "recurrence_ids", "summary", "organizer", "unit", "occurrences", "avoided_km",
    "avoided_cost_sek", "avoided_co2_kg", "avoided_hours",
  };
  static const char * const order_members[] = { "site", "type", "to_order", "unit_cost", "cost" };
  static const char * const avoided_members[] = { "km", "cost_sek", "co2_kg", "hours" };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  JsonObject *root, *first, *order, *avoided;
  JsonArray *conversions;

  g_assert_cmpint (resfri_test_run_cli (fixture->path, &out, &err, "whatif", "--period", "2026-03",
                                        "--target-share", "0.85", "--format", "json", NULL), ==, 0);
  g_assert_cmpstr (err, ==, "");
  root = parse (parser, out);
  assert_members (root, members, G_N_ELEMENTS (members));
  g_assert_cmpstr (json_object_get_string_member (root, "period"), ==, "2026-03");
  g_assert_true (json_object_get_null_member (root, "unit"));
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (root, "share_before"), 0.3571, 1e-9);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (root, "share_after"), 0.8571, 1e-9);
  g_assert_true (json_object_get_boolean_member (root, "reachable"));
  g_assert_true (json_object_get_boolean_member (root, "optimal"));
  g_assert_true (json_object_get_null_member (root, "gap"));
  g_assert_cmpfloat (json_object_get_double_member (root, "total_cost"), ==, 900);

  conversions = json_object_get_array_member (root, "conversions");
  g_assert_cmpuint (json_array_get_length (conversions), ==, 4);
  first = json_array_get_object_element (conversions, 0);
  assert_members (first, conversion_members, G_N_ELEMENTS (conversion_members));
  g_assert_cmpstr (json_object_get_string_member (first, "uid"), ==, "c2");
  g_assert_true (json_object_get_null_member (first, "recurrence_ids"));
  /* The what-if names nobody (spec/privacy.md): no organiser, the unit. */
  g_assert_true (json_object_get_null_member (first, "organizer"));
  g_assert_null (strstr (out, "@"));
  g_assert_cmpint (json_object_get_int_member (first, "occurrences"), ==, 3);
  g_assert_cmpfloat (json_object_get_double_member (first, "avoided_km"), ==, 300);
  g_assert_cmpfloat (json_object_get_double_member (first, "avoided_cost_sek"), ==, 750);

  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "order")), ==, 1);
  order = json_array_get_object_element (json_object_get_array_member (root, "order"), 0);
  assert_members (order, order_members, G_N_ELEMENTS (order_members));
  g_assert_cmpstr (json_object_get_string_member (order, "site"), ==, "A");
  g_assert_cmpint (json_object_get_int_member (order, "to_order"), ==, 1);
  avoided = json_object_get_object_member (root, "avoided");
  assert_members (avoided, avoided_members, G_N_ELEMENTS (avoided_members));
  g_assert_cmpfloat (json_object_get_double_member (avoided, "cost_sek"), ==, 1750);
  g_assert_false (json_object_get_null_member (root, "payback_months"));

  /* Not reachable: the highest share, every candidate. */
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (resfri_test_run_cli (fixture->path, &out, &err, "whatif", "--period", "2026-03",
                                        "--target-share", "1", "--format", "json", NULL), ==, 0);
  root = parse (parser, out);
  g_assert_false (json_object_get_boolean_member (root, "reachable"));
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (root, "share_after"), 0.9286, 1e-9);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "conversions")), ==, 5);

  /* A unit: only its candidates and its share. */
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (resfri_test_run_cli (fixture->path, &out, &err, "whatif", "--period", "2026-03",
                                        "--unit", "U1", "--target-share", "0.5", "--format", "json",
                                        NULL), ==, 0);
  root = parse (parser, out);
  g_assert_cmpstr (json_object_get_string_member (root, "unit"), ==, "U1");
  g_assert_cmpfloat (json_object_get_double_member (root, "share_before"), ==, 0);
  g_assert_cmpfloat (json_object_get_double_member (root, "share_after"), ==, 1);
}

static void
test_whatif_text (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (resfri_test_run_cli (fixture->path, &out, &err, "whatif", "--period", "2026-03",
                                        "--target-share", "0.85", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "4 conversions:"));
  g_assert_nonnull (strstr (out, "A headset: 1 × 900 kr = 900 kr"));
  g_assert_nonnull (strstr (out, "(optimal)"));
}

static void
test_opportunities (Fixture       *fixture,
                    gconstpointer  data)
{
  static const char * const members[] = {
    "uid", "recurrence_ids", "summary", "organizer", "unit", "occurrences", "avoided_km",
    "avoided_cost_sek", "avoided_co2_kg", "avoided_hours", "served", "needs",
  };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *xlsx = g_build_filename (fixture->dir, "o.xlsx", NULL);
  JsonObject *root, *c4, *need;
  JsonArray *list;

  g_assert_cmpint (resfri_test_run_cli (fixture->path, &out, &err, "opportunities", "--period",
                                        "2026-03", "--format", "json", NULL), ==, 0);
  g_assert_cmpstr (err, ==, "");
  root = parse (parser, out);
  list = json_object_get_array_member (root, "opportunities");
  g_assert_cmpuint (json_array_get_length (list), ==, 5);
  c4 = json_array_get_object_element (list, 2);
  assert_members (c4, members, G_N_ELEMENTS (members));
  g_assert_cmpstr (json_object_get_string_member (c4, "uid"), ==, "c4");
  g_assert_false (json_object_get_boolean_member (c4, "served"));
  need = json_array_get_object_element (json_object_get_array_member (c4, "needs"), 0);
  g_assert_cmpstr (json_object_get_string_member (need, "site"), ==, "A");
  g_assert_cmpstr (json_object_get_string_member (need, "type"), ==, "headset");
  g_assert_cmpint (json_object_get_int_member (need, "demand"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (need, "missing"), ==, 1);

  g_assert_cmpint (resfri_test_run_cli (fixture->path, &csv, NULL, "opportunities", "--period",
                                        "2026-03", "--format", "csv", NULL), ==, 0);
  g_assert_true (g_str_has_prefix (csv, "uid,recurrence_ids,summary,organizer,unit,occurrences,"));
  g_assert_nonnull (strstr (csv, "\r\nc4,,c4,b1@x.se,U2,1,200.0,500,24.0,2.9,false,A headset 2 1\r\n"));

  g_assert_cmpint (resfri_test_run_cli (fixture->path, NULL, NULL, "opportunities", "--period",
                                        "2026-03", "--format", "xlsx", "-o", xlsx, NULL), ==, 0);
  g_assert_true (g_file_test (xlsx, G_FILE_TEST_IS_REGULAR));
}

static void
test_usage (Fixture       *fixture,
            gconstpointer  data)
{
  static const char * const shares[] = { "1.5", "-0.1", "abc", "", "nan" };

  for (guint i = 0; i < G_N_ELEMENTS (shares); i++)
    {
      g_autofree char *err = NULL;

      g_assert_cmpint (resfri_test_run_cli (fixture->path, NULL, &err, "whatif", "--period", "2026",
                                            "--target-share", shares[i], NULL), ==, 2);
      g_assert_nonnull (strstr (err, "--target-share"));
    }

  {
    g_autofree char *err = NULL;

    g_assert_cmpint (resfri_test_run_cli (fixture->path, NULL, &err, "whatif", "--period", "2026",
                                          NULL), ==, 2);
    g_assert_nonnull (strstr (err, "--target-share is required"));
  }
  {
    g_autofree char *err = NULL;

    /* A period that does not parse is bad input, like report's. */
    g_assert_cmpint (resfri_test_run_cli (fixture->path, NULL, &err, "whatif", "--period", "2026-13",
                                          "--target-share", "0.5", NULL), ==, 1);
    g_assert_cmpstr (err, !=, "");
    g_clear_pointer (&err, g_free);
    g_assert_cmpint (resfri_test_run_cli (fixture->path, NULL, &err, "opportunities", "--period",
                                          "nope", NULL), ==, 1);
    g_assert_cmpstr (err, !=, "");
  }
  {
    g_autofree char *err = NULL;

    g_assert_cmpint (resfri_test_run_cli (fixture->path, NULL, &err, "opportunities", NULL), ==, 2);
    g_assert_nonnull (strstr (err, "--period is required"));
    g_clear_pointer (&err, g_free);
    g_assert_cmpint (resfri_test_run_cli (fixture->path, NULL, &err, "opportunities", "--period",
                                          "2026", "--format", "xlsx", NULL), ==, 2);
    g_clear_pointer (&err, g_free);
    g_assert_cmpint (resfri_test_run_cli (fixture->path, NULL, &err, "whatif", "--period", "2026",
                                          "--target-share", "0.5", "--format", "csv", NULL), ==, 2);
    g_clear_pointer (&err, g_free);
    g_assert_cmpint (resfri_test_run_cli (fixture->path, NULL, &err, "whatif", "--period", "2026",
                                          "--target-share", "0.5", "--time-limit", "0", NULL), ==, 2);
    g_clear_pointer (&err, g_free);
    g_assert_cmpint (resfri_test_run_cli (fixture->path, NULL, &err, "opportunities", "--period",
                                          "2026", "--unit", "Nope", NULL), ==, 1);
    g_assert_nonnull (strstr (err, "Nope"));
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/cli/planning/whatif-json", Fixture, NULL, fixture_set_up, test_whatif_json,
              fixture_tear_down);
  g_test_add ("/cli/planning/whatif-text", Fixture, NULL, fixture_set_up, test_whatif_text,
              fixture_tear_down);
  g_test_add ("/cli/planning/opportunities", Fixture, NULL, fixture_set_up, test_opportunities,
              fixture_tear_down);
  g_test_add ("/cli/planning/usage", Fixture, NULL, fixture_set_up, test_usage, fixture_tear_down);

  return g_test_run ();
}

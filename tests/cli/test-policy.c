/* test-policy.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * resfri-cli's policy show and policy set: refusals with their messages,
 * JSON, and what a set changes.
 */

#include "config.h"

#include <locale.h>
#include <math.h>
#include <string.h>

#include <json-glib/json-glib.h>

#include "resfri-inventory.h"
#include "resfri-policy-settings.h"
#include "resfri-store-private.h"
#include "resfri-test-util.h"

#include "resfri-test-fixture.h"
#include "cli-db.h"

typedef ResfriTestFixture Fixture;

static void
test_cli (Fixture       *fixture,
          gconstpointer  user_data)
{
  const struct
  {
    const char *key;
    const char *value;
    const char *message;
  } failures[] = {
    { "detour", "1.3", "detour_factor, co2_kg_per_km" },
    { "detour_factor", "1,3", "“1.3”" },
    { "detour_factor", "0.5", "at least 1" },
    { "loan_buffer_min", "-5", "whole number of minutes" },
    { "meeting_hosts", "https://x.example.se/", "“x.example.se”" },
    { "price.Bad", "5", "“Bad”" },
  };
  g_autofree char *before = NULL;

  g_test_summary ("resfri-cli policy: set and show round trip; an unknown key or a bad value "
                  "exits with status 2 and a clear message");

  if (g_getenv ("RESFRI_CLI") == NULL)
    {
      g_test_skip ("RESFRI_CLI is not set");
      return;
    }

  before = dump_tables (fixture->path);
  for (guint i = 0; i < G_N_ELEMENTS (failures); i++)
    {
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      g_autofree char *after = NULL;

      g_assert_cmpint (resfri_test_run_cli (fixture->path, &out, &err, "policy", "set",
                                            failures[i].key, failures[i].value,
                                NULL), ==, 2);
      g_assert_cmpstr (out, ==, "");
      if (strstr (err, failures[i].message) == NULL)
        g_error ("case %u: stderr “%s” lacks “%s”", i, err, failures[i].message);
      after = dump_tables (fixture->path);
      g_assert_cmpstr (after, ==, before);
    }

  {
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;

    g_assert_cmpint (resfri_test_run_cli (fixture->path, &out, &err, "policy", "set",
                                          "detour_factor", NULL), ==, 2);
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
    g_assert_cmpint (resfri_test_run_cli (fixture->path, &out, &err, "policy", "set", "a", "b",
                                          "c", NULL), ==, 2);
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
    g_assert_cmpint (resfri_test_run_cli (fixture->path, &out, &err, "policy", "show", "--format",
                                          "csv", NULL), ==, 2);
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);

    g_assert_cmpint (resfri_test_run_cli (fixture->path, &out, &err, "policy", "set",
                                          "detour_factor", "1.4", NULL), ==, 0);
    g_assert_nonnull (strstr (out, "1.4"));
    g_assert_cmpstr (err, ==, "");
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
    g_assert_cmpint (resfri_test_run_cli (fixture->path, &out, &err, "policy", "set",
                                          "meeting_hosts",
                              "meet.kommun.se, video.example.org", NULL), ==, 0);
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
    g_assert_cmpint (resfri_test_run_cli (fixture->path, &out, &err, "policy", "set",
                                          "loan_buffer_min", "10", NULL), ==, 0);
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
    g_assert_cmpint (resfri_test_run_cli (fixture->path, &out, &err, "policy", "set",
                                          "price.speakerphone", "2500", NULL), ==, 0);
    g_assert_nonnull (strstr (out, "speakerphone"));
  }

  /* JSON: typed values and defaults. */
  {
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;
    g_autoptr(JsonParser) parser = json_parser_new ();
    g_autoptr(GError) error = NULL;
    g_autoptr(GHashTable) by_key = g_hash_table_new (g_str_hash, g_str_equal);
    JsonArray *array;
    JsonObject *entry;
    JsonArray *hosts;

    g_assert_cmpint (resfri_test_run_cli (fixture->path, &out, &err, "policy", "show", "--format",
                                          "json", NULL), ==, 0);
    g_assert_true (json_parser_load_from_data (parser, out, -1, &error));
    g_assert_no_error (error);
    array = json_node_get_array (json_parser_get_root (parser));
    g_assert_cmpuint (json_array_get_length (array), ==, 13);
    for (guint i = 0; i < json_array_get_length (array); i++)
      {
        entry = json_array_get_object_element (array, i);
        g_hash_table_insert (by_key, (gpointer) json_object_get_string_member (entry, "key"),
                             entry);
      }

    entry = g_hash_table_lookup (by_key, "detour_factor");
    g_assert_cmpfloat (json_object_get_double_member (entry, "value"), ==, 1.4);
    g_assert_cmpfloat (json_object_get_double_member (entry, "default"), ==, 1.3);
    entry = g_hash_table_lookup (by_key, "speed_kmh");
    g_assert_cmpint (json_object_get_int_member (entry, "value"), ==, 70);
    entry = g_hash_table_lookup (by_key, "retention_months");
    g_assert_cmpint (json_object_get_int_member (entry, "value"), ==, 36);
    g_assert_cmpint (json_object_get_int_member (entry, "default"), ==, 36);
    entry = g_hash_table_lookup (by_key, "loan_buffer_min");
    g_assert_cmpint (json_object_get_int_member (entry, "value"), ==, 10);
    g_assert_cmpint (json_object_get_int_member (entry, "default"), ==, 0);
    entry = g_hash_table_lookup (by_key, "meeting_hosts");
    hosts = json_object_get_array_member (entry, "value");
    g_assert_cmpuint (json_array_get_length (hosts), ==, 2);
    g_assert_cmpstr (json_array_get_string_element (hosts, 1), ==, "video.example.org");
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (entry, "default")), ==,
                      0);
    entry = g_hash_table_lookup (by_key, "price.speakerphone");
    g_assert_cmpint (json_object_get_int_member (entry, "value"), ==, 2500);
    g_assert_true (json_object_get_null_member (entry, "default"));
  }

  /* Text: a line per setting, key then value. */
  {
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;
    g_auto(GStrv) lines = NULL;

    g_assert_cmpint (resfri_test_run_cli (fixture->path, &out, &err, "policy", "show", NULL), ==,
                     0);
    lines = g_strsplit (out, "\n", -1);
    g_assert_true (g_str_has_prefix (lines[0], "detour_factor "));
    g_assert_nonnull (strstr (lines[0], " 1.4 "));
    g_assert_nonnull (strstr (lines[0], "1.3"));   /* the default, since it changed */
    g_assert_true (g_str_has_prefix (lines[7], "retention_months "));
    g_assert_true (g_str_has_prefix (lines[8], "target_share "));
    g_assert_true (g_str_has_prefix (lines[12], "price.speakerphone "));
    g_assert_nonnull (strstr (out, "teams.microsoft.com"));
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/cli/policy", Fixture, NULL, resfri_test_set_up_empty, test_cli, resfri_test_tear_down);

  return g_test_run ();
}

/* test-convert.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * resfri-cli convert on the follow-up fixture's registers with one weekly
 * series s1 (four Tuesdays from 2026-09-01, in person at Vänersborg, bo
 * travels from Uddevalla: non_compliant; see tests/test-convert.c): the
 * JSON, the verdicts `check` prints after, usage errors.
 */

#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include "resfri-test-util.h"

#include "followup-fixture.h"


/* The verdict column of `check --format csv` for s1's rows. */
static char *
s1_verdicts (Fixture *fixture)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_auto(GStrv) lines = NULL;
  GString *verdicts = g_string_new (NULL);

  g_assert_cmpint (resfri_test_run_cli (fixture->path, &out, &err, "check", "--from",
                                        "2026-09-01", "--to", "2026-10-01", "--format", "csv",
                                        NULL), ==, 0);
  lines = g_strsplit (out, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], "s1,"))
      {
        g_auto(GStrv) fields = g_strsplit (lines[i], ",", -1);

        g_string_append_printf (verdicts, "%s %s;", fields[7], fields[9]);
      }

  return g_string_free (verdicts, FALSE);
}

static void
test_json (Fixture       *fixture,
           gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *verdicts = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *root;
  JsonArray *unserved;

  g_setenv ("RESFRI_NOW", "2026-12-01", TRUE);
  g_assert_cmpint (resfri_test_run_cli (fixture->path, &out, &err, "convert", "s1", "--from",
                                        "20260915T090000Z", "--link",
                                        "https://meet.example.se/s1", "--format", "json", NULL),
                   ==, 0);
  g_unsetenv ("RESFRI_NOW");
  g_assert_cmpstr (err, ==, "");
  g_assert_true (json_parser_load_from_data (parser, out, -1, &error));
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "uid"), ==, "s1");
  g_assert_cmpstr (json_object_get_string_member (root, "from"), ==, "20260915T090000Z");
  g_assert_cmpstr (json_object_get_string_member (root, "mode"), ==, "online");
  g_assert_cmpint (json_object_get_int_member (root, "occurrences"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (root, "non_compliant_before"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (root, "non_compliant_after"), ==, 0);
  g_assert_cmpstr (json_object_get_string_member (root, "written"), ==, "none");
  g_assert_true (json_object_get_null_member (root, "write_error"));
  unserved = json_object_get_array_member (root, "unserved");
  /* "Now" is after the series: nothing ahead to book or list. */
  g_assert_cmpint (json_object_get_int_member (root, "booked"), ==, 0);
  g_assert_cmpuint (json_array_get_length (unserved), ==, 0);

  verdicts = s1_verdicts (fixture);
  g_assert_cmpstr (verdicts, ==,
                   "in_person non_compliant;in_person non_compliant;"
                   "online travel_free;online travel_free;");
}

static void
test_text_whole_hybrid (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *verdicts = NULL;

  g_setenv ("RESFRI_NOW", "2026-08-01", TRUE);
  g_assert_cmpint (resfri_test_run_cli (fixture->path, &out, &err, "convert", "s1", "--link",
                                        "https://meet.example.se/s1", "--hybrid", NULL), ==, 0);
  g_unsetenv ("RESFRI_NOW");
  g_assert_nonnull (strstr (out, "s1 is now a hybrid meeting\n"));
  g_assert_nonnull (strstr (out, "4 occurrences converted; non-compliant before: 4, after: 0\n"));
  g_assert_nonnull (strstr (out, "0 loan items booked\n"));
  g_assert_nonnull (strstr (out, "The pools cannot lend:\n"
                                 "  2026-09-01T09:00:00Z UDD camera bo@vbg.example\n"));
  g_assert_nonnull (strstr (out, "changed here only"));

  verdicts = s1_verdicts (fixture);
  g_assert_cmpstr (verdicts, ==,
                   "hybrid travel_free;hybrid travel_free;hybrid travel_free;hybrid travel_free;");
}

static void
test_usage (Fixture       *fixture,
            gconstpointer  data)
{
  g_autofree char *before = s1_verdicts (fixture);
  g_autofree char *after = NULL;
  struct { int status; const char *args[6]; } cases[] = {
    { 2, { "convert", "s1", NULL } },
    { 2, { "convert", "--link", "https://meet.example.se/", NULL } },
    { 2, { "convert", "s1", "--link", "meet.example.se", NULL } },
    { 2, { "convert", "s1", "s2", "--link", "https://meet.example.se/", NULL } },
    { 1, { "convert", "nope", "--link", "https://meet.example.se/", NULL } },
    { 1, { "convert", "s1", "--from", "20260916T090000Z", "--link", "https://meet.example.se/" } },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      const char * const *a = cases[i].args;

      g_assert_cmpint (resfri_test_run_cli (fixture->path, &out, &err, a[0], a[1], a[2], a[3],
                                            a[4], a[5], NULL), ==, cases[i].status);
      g_assert_cmpstr (out, ==, "");
      g_assert_cmpstr (err, !=, "");
    }

  after = s1_verdicts (fixture);
  g_assert_cmpstr (after, ==, before);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/cli/convert/" path, Fixture, NULL, series_fixture_set_up, func, fixture_tear_down)

  ADD ("json", test_json);
  ADD ("text-whole-hybrid", test_text_whole_hybrid);
  ADD ("usage", test_usage);

#undef ADD

  return g_test_run ();
}

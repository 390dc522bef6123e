/* test-retention.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * resfri-cli purge (spec/privacy.md "Retention"): on a demo two years old
 * and retention_months 3, --dry-run says what would go and changes
 * nothing, purge takes the same, a second purge finds nothing, the
 * follow-up of that year prints the same JSON, text and CSV before and
 * after; any other command purges what is due when it opens the database;
 * a stray argument or format, or a retention of 0 months, is a usage
 * error (exit 2), as every bad setting is.
 */

#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include "resfri-test-util.h"

#include "resfri-test-fixture.h"

typedef ResfriTestFixture Fixture;

static char *
old_year (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_strdup_printf ("%d", g_date_time_get_year (now) - 2);
}

static void
set_up (Fixture       *fixture,
        gconstpointer  user_data)
{
  g_autofree char *year = old_year ();
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  resfri_test_fixture_set_up (fixture, NULL);
  g_clear_object (&fixture->store);
  g_assert_cmpint (resfri_test_run_cli (fixture->path, &out, &err, "demo", "--employees", "200",
                                        "--year", year, NULL), ==, 0);
}

static void
tear_down (Fixture       *fixture,
           gconstpointer  user_data)
{
  resfri_test_fixture_tear_down (fixture);
}

static char *
run_ok (Fixture    *fixture,
        const char *first,
        ...)
{
  g_autofree char *err = NULL;
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autofree char *out = NULL;
  const char *cli = g_getenv ("RESFRI_CLI");
  g_autoptr(GError) error = NULL;
  int status = -1;
  va_list ap;

  g_ptr_array_add (args, (char *) cli);
  g_ptr_array_add (args, (char *) "--db");
  g_ptr_array_add (args, fixture->path);
  va_start (ap, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (args, (char *) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);
  g_spawn_sync (NULL, (char **) args->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err,
                &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (err, ==, "");

  return g_steal_pointer (&out);
}

static JsonObject *
parse_object (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (json_parser_load_from_data (parser, text, -1, &error));
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));

  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static void
test_purge (Fixture       *fixture,
            gconstpointer  user_data)
{
  g_autofree char *year = old_year ();
  const char *formats[] = { "json", "text", "csv" };
  char *before[G_N_ELEMENTS (formats)];
  g_autofree char *dry_text = NULL;
  g_autofree char *dry_again = NULL;
  g_autofree char *done_text = NULL;
  g_autofree char *none_text = NULL;
  g_autofree char *text = NULL;
  g_autoptr(JsonObject) dry = NULL;
  g_autoptr(JsonObject) done = NULL;
  g_autoptr(JsonObject) none = NULL;
  g_autofree char *audit = NULL;

  g_test_summary ("purge --dry-run says what purge then takes; the follow-up stays the same");

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    before[i] = run_ok (fixture, "report", "--period", year, "--format", formats[i], NULL);
  g_free (run_ok (fixture, "policy", "set", "retention_months", "3", NULL));

  dry_text = run_ok (fixture, "purge", "--dry-run", "--format", "json", NULL);
  dry = parse_object (dry_text);
  g_assert_true (json_object_get_boolean_member (dry, "dry_run"));
  g_assert_cmpint (json_object_get_int_member (dry, "meetings"), >, 100);
  g_assert_cmpint (json_object_get_int_member (dry, "occurrences"), >,
                   json_object_get_int_member (dry, "meetings"));
  g_assert_cmpint (json_object_get_int_member (dry, "attendees"), >, 0);
  g_assert_cmpint (json_object_get_int_member (dry, "bytes"), >, 0);
  g_assert_true (g_str_has_suffix (json_object_get_string_member (dry, "ended_before"),
                                   "T00:00:00Z"));
  /* It changed nothing. */
  dry_again = run_ok (fixture, "purge", "--dry-run", "--format", "json", NULL);
  g_assert_cmpstr (dry_text, ==, dry_again);

  text = run_ok (fixture, "purge", "--dry-run", NULL);
  g_assert_true (g_str_has_prefix (text, "Would purge "));

  done_text = run_ok (fixture, "purge", "--format", "json", NULL);
  done = parse_object (done_text);
  g_assert_false (json_object_get_boolean_member (done, "dry_run"));
  g_assert_cmpint (json_object_get_int_member (done, "meetings"), ==,
                   json_object_get_int_member (dry, "meetings"));
  g_assert_cmpint (json_object_get_int_member (done, "attendees"), ==,
                   json_object_get_int_member (dry, "attendees"));

  none_text = run_ok (fixture, "purge", "--format", "json", NULL);
  none = parse_object (none_text);
  g_assert_cmpint (json_object_get_int_member (none, "meetings"), ==, 0);
  g_clear_pointer (&text, g_free);
  text = run_ok (fixture, "purge", NULL);
  g_assert_true (g_str_has_prefix (text, "No meeting that ended before "));

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_autofree char *after = run_ok (fixture, "report", "--period", year, "--format",
                                       formats[i], NULL);

      g_assert_cmpstr (before[i], ==, after);
      g_free (before[i]);
    }

  audit = run_ok (fixture, "audit", "--format", "json", NULL);
  g_assert_nonnull (strstr (audit, "\"action\" : \"purge\""));
}

static void
test_on_open (Fixture       *fixture,
              gconstpointer  user_data)
{
  g_autofree char *year = old_year ();
  g_autofree char *report = NULL;
  g_autofree char *dry_text = NULL;
  g_autoptr(JsonObject) dry = NULL;

  g_test_summary ("Any command purges what is due when it opens the database");

  g_free (run_ok (fixture, "policy", "set", "retention_months", "3", NULL));
  report = run_ok (fixture, "report", "--period", year, "--format", "json", NULL);
  dry_text = run_ok (fixture, "purge", "--dry-run", "--format", "json", NULL);
  dry = parse_object (dry_text);
  g_assert_cmpint (json_object_get_int_member (dry, "meetings"), ==, 0);
}

static void
test_usage (Fixture       *fixture,
            gconstpointer  user_data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_test_summary ("A stray argument or format is a usage error");

  g_assert_cmpint (resfri_test_run_cli (fixture->path, &out, &err, "purge", "now", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "now"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (resfri_test_run_cli (fixture->path, &out, &err, "purge", "--format", "csv",
                                        NULL), ==, 2);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (resfri_test_run_cli (fixture->path, &out, &err, "policy", "set",
                                        "retention_months", "0", NULL), ==, 2);
  g_assert_nonnull (strstr (err, "retention_months"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  /* The report says when it was made: the same "now" before and after. */
  g_setenv ("RESFRI_NOW", "2026-12-05T00:00:00Z", TRUE);

  g_test_add ("/cli/purge/purge", Fixture, NULL, set_up, test_purge, tear_down);
  g_test_add ("/cli/purge/on-open", Fixture, NULL, set_up, test_on_open, tear_down);
  g_test_add ("/cli/purge/usage", Fixture, NULL, set_up, test_usage, tear_down);

  return g_test_run ();
}

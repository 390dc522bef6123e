/* test-audit.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * resfri-cli audit: the changes made through the CLI, as text (one line
 * each at the local time) and as JSON, over the days --from to --to (both
 * included); a bad date exits 1 with a clear message.
 */

#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include "resfri-test-util.h"

#include "resfri-test-fixture.h"
#include "cli-db.h"

typedef ResfriTestFixture Fixture;

/* Today, yesterday or tomorrow in Stockholm as YYYY-MM-DD. */
static char *
day_text (int offset)
{
  g_autoptr(GTimeZone) zone = g_time_zone_new_identifier ("Europe/Stockholm");
  g_autoptr(GDateTime) now = g_date_time_new_now (zone);
  g_autoptr(GDateTime) day = g_date_time_add_days (now, offset);

  return g_date_time_format (day, "%Y-%m-%d");
}

/* `audit ARGS… --format json` as a parsed array of its rows. */
static JsonArray *
audit_json (Fixture    *fixture,
            const char *from,
            const char *to)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status;

  if (from != NULL && to != NULL)
    status = resfri_test_run_cli (fixture->path, &out, &err, "audit", "--format", "json",
                                  "--from", from, "--to", to, NULL);
  else if (from != NULL)
    status = resfri_test_run_cli (fixture->path, &out, &err, "audit", "--format", "json",
                                  "--from", from, NULL);
  else if (to != NULL)
    status = resfri_test_run_cli (fixture->path, &out, &err, "audit", "--format", "json",
                                  "--to", to, NULL);
  else
    status = resfri_test_run_cli (fixture->path, &out, &err, "audit", "--format", "json", NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_cmpstr (err, ==, "");
  g_assert_true (json_parser_load_from_data (parser, out, -1, &error));
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (json_parser_get_root (parser)));

  return json_array_ref (json_node_get_array (json_parser_get_root (parser)));
}

/* `policy set KEY VALUE`, which must work. */
static void
set_policy (Fixture    *fixture,
            const char *key,
            const char *value)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (resfri_test_run_cli (fixture->path, &out, &err, "policy", "set", key, value,
                                        NULL), ==, 0);
}

static void
test_audit (Fixture       *fixture,
            gconstpointer  user_data)
{
  g_autofree char *today = day_text (0);
  g_autofree char *yesterday = day_text (-1);
  g_autofree char *tomorrow = day_text (1);
  g_autoptr(JsonArray) all = NULL;
  g_autoptr(JsonArray) none = NULL;
  JsonObject *row;

  g_test_summary ("resfri-cli audit lists the changes the CLI made with the acting user, as "
                  "text and JSON, over --from to --to (both days included)");

  if (g_getenv ("RESFRI_CLI") == NULL)
    {
      g_test_skip ("RESFRI_CLI is not set");
      return;
    }

  /* Nothing yet. */
  {
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;

    g_assert_cmpint (resfri_test_run_cli (fixture->path, &out, &err, "audit", NULL), ==, 0);
    g_assert_cmpstr (out, ==, "No changes.\n");
  }

  set_policy (fixture, "local_km", "7");
  set_policy (fixture, "price.speakerphone", "2500");

  {
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;
    g_auto(GStrv) lines = NULL;
    g_autoptr(GRegex) line = g_regex_new ("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d[+-]\\d\\d:\\d\\d  ",
                                          0, 0, NULL);
    g_autofree char *user = g_strdup_printf ("  %s  ", g_get_user_name ());

    g_assert_cmpint (resfri_test_run_cli (fixture->path, &out, &err, "audit", NULL), ==, 0);
    g_assert_cmpstr (err, ==, "");
    lines = g_strsplit (out, "\n", -1);
    g_assert_cmpuint (g_strv_length (lines), ==, 3);
    g_assert_cmpstr (lines[2], ==, "");
    for (guint i = 0; i < 2; i++)
      {
        g_assert_true (g_regex_match (line, lines[i], 0, NULL));
        g_assert_nonnull (strstr (lines[i], user));
      }
    g_assert_nonnull (strstr (lines[0], "Changed a setting: setting local_km (7)"));
    g_assert_nonnull (strstr (lines[1], "setting price.speakerphone (2500)"));
  }

  all = audit_json (fixture, NULL, NULL);
  g_assert_cmpuint (json_array_get_length (all), ==, 2);
  row = json_array_get_object_element (all, 0);
  g_assert_cmpstr (json_object_get_string_member (row, "user"), ==, g_get_user_name ());
  g_assert_cmpstr (json_object_get_string_member (row, "action"), ==, "setting");
  g_assert_cmpstr (json_object_get_string_member (row, "object_kind"), ==, "setting");
  g_assert_cmpstr (json_object_get_string_member (row, "object_id"), ==, "local_km");
  g_assert_cmpstr (json_object_get_string_member (row, "detail"), ==, "7");
  g_assert_true (g_str_has_suffix (json_object_get_string_member (row, "time"), "Z"));
  g_assert_cmpint (json_object_get_int_member (row, "id"), <,
                   json_object_get_int_member (json_array_get_object_element (all, 1), "id"));

  /* Today is in [today, today] and [yesterday, tomorrow]; not in a window
   * that ends yesterday or starts tomorrow. */
  {
    g_autoptr(JsonArray) a = audit_json (fixture, today, today);
    g_autoptr(JsonArray) b = audit_json (fixture, yesterday, tomorrow);
    g_autoptr(JsonArray) c = audit_json (fixture, today, NULL);
    g_autoptr(JsonArray) d = audit_json (fixture, NULL, today);
    g_autoptr(JsonArray) e = audit_json (fixture, NULL, yesterday);
    g_autoptr(JsonArray) f = audit_json (fixture, tomorrow, NULL);

    g_assert_cmpuint (json_array_get_length (a), ==, 2);
    g_assert_cmpuint (json_array_get_length (b), ==, 2);
    g_assert_cmpuint (json_array_get_length (c), ==, 2);
    g_assert_cmpuint (json_array_get_length (d), ==, 2);
    g_assert_cmpuint (json_array_get_length (e), ==, 0);
    g_assert_cmpuint (json_array_get_length (f), ==, 0);
  }
  none = audit_json (fixture, "2001-01-01", "2001-12-31");
  g_assert_cmpuint (json_array_get_length (none), ==, 0);

  /* Reading the log changes nothing in it. */
  {
    g_autoptr(JsonArray) again = audit_json (fixture, NULL, NULL);

    g_assert_cmpuint (json_array_get_length (again), ==, 2);
  }
}

static void
test_audit_bad_input (Fixture       *fixture,
                      gconstpointer  user_data)
{
  const struct
  {
    const char *option;
    const char *value;
    const char *message;
  } dates[] = {
    { "--from", "2026-02-30", "“2026-02-30” is not a date (YYYY-MM-DD)" },
    { "--to", "yesterday", "“yesterday” is not a date" },
    { "--from", "2026-1-01", "“2026-1-01” is not a date" },
    { "--to", "2026-03-01T00:00:00Z", "is not a date" },
    { "--from", "", "“” is not a date" },
  };

  g_test_summary ("resfri-cli audit: a bad date or a window that ends before it starts exits "
                  "1 with a clear message; a bad format or an argument is a usage error (2)");

  if (g_getenv ("RESFRI_CLI") == NULL)
    {
      g_test_skip ("RESFRI_CLI is not set");
      return;
    }

  for (guint i = 0; i < G_N_ELEMENTS (dates); i++)
    {
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;

      g_assert_cmpint (resfri_test_run_cli (fixture->path, &out, &err, "audit", dates[i].option,
                                            dates[i].value, NULL), ==, 1);
      g_assert_cmpstr (out, ==, "");
      if (strstr (err, dates[i].message) == NULL)
        g_error ("case %u: stderr “%s” lacks “%s”", i, err, dates[i].message);
      g_assert_nonnull (strchr (err, '\n'));
      g_assert_true (strchr (err, '\n')[1] == '\0');
    }

  {
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;

    g_assert_cmpint (resfri_test_run_cli (fixture->path, &out, &err, "audit", "--from",
                                          "2026-03-02", "--to", "2026-03-01", NULL), ==, 1);
    g_assert_nonnull (strstr (err, "--to is before --from"));
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
    g_assert_cmpint (resfri_test_run_cli (fixture->path, &out, &err, "audit", "--format", "csv",
                                          NULL), ==, 2);
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
    g_assert_cmpint (resfri_test_run_cli (fixture->path, &out, &err, "audit", "extra", NULL),
                     ==, 2);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/cli/audit", Fixture, NULL, resfri_test_set_up_empty, test_audit,
              resfri_test_tear_down);
  g_test_add ("/cli/audit/bad-input", Fixture, NULL, resfri_test_set_up_empty,
              test_audit_bad_input, resfri_test_tear_down);

  return g_test_run ();
}

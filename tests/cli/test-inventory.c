/* test-inventory.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * resfri-cli's inventory commands: add, assign, state, return and
 * history, their refusals and formats; an item's own address.
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <json-glib/json-glib.h>

#include "resfri-inventory.h"
#include "resfri-store-private.h"
#include "resfri-test-util.h"

#include "resfri-test-fixture.h"
#include "cli-db.h"
#include "inventory-fixture.h"

static guint
count_lines (const char *text)
{
  guint lines = 0;

  for (const char *p = text; *p; p++)
    lines += *p == '\n';

  return lines;
}

static void
test_cli (Fixture       *fixture,
          gconstpointer  user_data)
{
  g_autofree char *before = NULL;
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(GError) error = NULL;

  g_test_summary ("resfri-cli inventory: exit 0 on success, 1 on a refusal with one line on "
                  "stderr, 2 on wrong usage; nothing changes unless it succeeds");

  if (g_getenv ("RESFRI_CLI") == NULL)
    {
      g_test_skip ("RESFRI_CLI is not set");
      return;
    }

  /* The CLI opens the same file; the fixture's connection stays open, as
   * the GUI's would. */
  {
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;

    g_assert_cmpint (resfri_test_run_cli (fixture->path, &out, &err, "inventory", "add", "--tag",
                                          "H-1", "--type", "headset",
                              "--site", "KOM", "--model", "Jabra", "--cost", "899.5", NULL), ==, 0);
    g_assert_nonnull (strstr (out, "H-1"));
    g_assert_nonnull (strstr (out, "KOM"));
    g_assert_cmpstr (err, ==, "");
  }

  before = dump_tables (fixture->path);

  {
    const struct
    {
      int         status;
      const char *args[8];
      const char *message;
    } failures[] = {
      { 1, { "inventory", "add", "--tag", "H-1", "--type", "headset", "--site", "KOM" }, "already exists" },
      { 1, { "inventory", "add", "--tag", "H-2", "--type", "phone", "--site", "KOM" }, "“phone”" },
      { 1, { "inventory", "add", "--tag", "H-2", "--type", "headset", "--site", "XX" }, "“XX”" },
      { 2, { "inventory", "add", "--type", "headset", "--site", "KOM" }, "--tag" },
      { 2, { "inventory", "add", "--tag", "H-2", "--type", "headset", "--site", "KOM", }, NULL },
      { 2, { "inventory", "add", "--tag", "H-2", "--type", "headset", "--cost", "1,5" }, "--site" },
      { 1, { "inventory", "return", "H-1" }, "loan pool" },
      { 1, { "inventory", "assign", "H-1", "nobody@example.se" }, "nobody@example.se" },
      { 1, { "inventory", "state", "H-9", "broken" }, "“H-9”" },
      { 2, { "inventory", "state", "H-1", "fixed" }, "ok, broken, retired" },
      { 2, { "inventory", "state", "H-1" }, "missing" },
      { 2, { "inventory", "return", "H-1", "extra" }, "“extra”" },
      { 2, { "inventory", "history", "H-1", "--format", "xml" }, "xml" },
      { 1, { "inventory", "history", "H-9" }, "“H-9”" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (failures); i++)
      {
        g_autofree char *out = NULL;
        g_autofree char *err = NULL;
        g_autofree char *after = NULL;
        const char * const *a = failures[i].args;
        int status;

        /* The fifth case adds a cost that is not a number. */
        if (i == 4)
          status = resfri_test_run_cli (fixture->path, &out, &err, a[0], a[1], a[2], a[3], a[4],
                                        a[5], a[6], a[7],
                            "--cost", "-5", NULL);
        else
          status = resfri_test_run_cli (fixture->path, &out, &err, a[0], a[1], a[2], a[3], a[4],
                                        a[5], a[6], a[7], NULL);

        if (status != failures[i].status)
          g_error ("case %u: status %d, stderr: %s", i, status, err);
        g_assert_cmpstr (out, ==, "");
        if (failures[i].message != NULL && strstr (err, failures[i].message) == NULL)
          g_error ("case %u: stderr “%s” lacks “%s”", i, err, failures[i].message);
        /* Input errors are one line; usage errors add the usage line. */
        g_assert_cmpuint (count_lines (err), ==, status == 1 ? 1 : 2);

        after = dump_tables (fixture->path);
        g_assert_cmpstr (after, ==, before);
      }
  }

  {
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;

    g_assert_cmpint (resfri_test_run_cli (fixture->path, &out, &err, "inventory", "assign", "H-1",
                                          "anna@example.se",
                              NULL), ==, 0);
    g_assert_nonnull (strstr (out, "anna@example.se"));
    g_assert_nonnull (strstr (out, "SKO"));
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);

    g_assert_cmpint (resfri_test_run_cli (fixture->path, &out, &err, "inventory", "assign", "H-1",
                                          "bo@example.se",
                              NULL), ==, 1);
    g_assert_nonnull (strstr (err, "anna@example.se"));
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);

    g_assert_cmpint (resfri_test_run_cli (fixture->path, &out, &err, "inventory", "state", "H-1",
                                          "broken", NULL), ==, 0);
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
    g_assert_cmpint (resfri_test_run_cli (fixture->path, &out, &err, "inventory", "return", "H-1",
                                          NULL), ==, 0);
    g_assert_nonnull (strstr (out, "SKO"));
  }

  history = resfri_inventory_get_history (fixture->store, "H-1", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (history->len, ==, 5);

  /* JSON: one object per entry, instants in UTC. */
  {
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;
    g_autoptr(JsonParser) parser = json_parser_new ();
    JsonArray *array;
    const char *actions[] = { "added", "assigned", "moved", "state", "returned" };

    g_assert_cmpint (resfri_test_run_cli (fixture->path, &out, &err, "inventory", "history", "H-1",
                                          "--format", "json",
                              NULL), ==, 0);
    g_assert_true (json_parser_load_from_data (parser, out, -1, &error));
    g_assert_no_error (error);
    array = json_node_get_array (json_parser_get_root (parser));
    g_assert_cmpuint (json_array_get_length (array), ==, G_N_ELEMENTS (actions));

    for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
      {
        JsonObject *entry = json_array_get_object_element (array, i);
        const ResfriItemEvent *event = g_ptr_array_index (history, i);
        g_autofree char *at = g_date_time_format (event->at, "%Y-%m-%dT%H:%M:%SZ");

        g_assert_cmpstr (json_object_get_string_member (entry, "action"), ==, actions[i]);
        g_assert_cmpstr (json_object_get_string_member (entry, "at"), ==, at);
        g_assert_cmpstr (json_object_get_string_member (entry, "holder"), ==, event->holder);
        g_assert_cmpstr (json_object_get_string_member (entry, "site"), ==, event->site);
        g_assert_cmpstr (json_object_get_string_member (entry, "state"), ==,
                         resfri_item_state_to_string (event->state));
        g_assert_cmpstr (json_object_get_string_member (entry, "detail"), ==, event->detail);
      }
  }

  /* Text: a header and one line per entry, local time to the minute. */
  {
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;
    g_auto(GStrv) lines = NULL;

    g_assert_cmpint (resfri_test_run_cli (fixture->path, &out, &err, "inventory", "history", "H-1",
                                          NULL), ==, 0);
    lines = g_strsplit (out, "\n", -1);
    g_assert_cmpuint (g_strv_length (lines), ==, history->len + 2);
    g_assert_cmpstr (lines[history->len + 1], ==, "");

    for (guint i = 0; i < history->len; i++)
      {
        const ResfriItemEvent *event = g_ptr_array_index (history, i);
        g_autoptr(GDateTime) local = g_date_time_to_local (event->at);
        g_autofree char *when = g_date_time_format (local, "%Y-%m-%d %H:%M");

        g_assert_true (g_str_has_prefix (lines[i + 1], when));
        g_assert_nonnull (strstr (lines[i + 1], resfri_item_action_get_label (event->action)));
      }
    g_assert_nonnull (strstr (lines[2], "anna@example.se"));
    g_assert_nonnull (strstr (lines[5], "anna@example.se"));
  }
}

static void
test_email (Fixture       *fixture,
            gconstpointer  user_data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *csv = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonArray *items;
  guint with = 0, without = 0;

  g_test_summary ("An item's own address: inventory add --email, the optional CSV column "
                  "email, both listed (JSON null when none); another item's address is "
                  "refused");

  if (g_getenv ("RESFRI_CLI") == NULL)
    {
      g_test_skip ("RESFRI_CLI is not set");
      return;
    }

  g_assert_cmpint (resfri_test_run_cli (fixture->path, &out, &err, "inventory", "add", "--tag",
                                        "V-1", "--type", "vc-kit", "--site", "KOM", "--email",
                                        "kit1@example.se", NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (resfri_test_run_cli (fixture->path, &out, &err, "inventory", "add", "--tag",
                                        "V-2", "--type", "vc-kit", "--site", "KOM", "--email",
                                        "KIT1@example.se", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "KIT1@example.se"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  csv = g_build_filename (fixture->dir, "items.csv", NULL);
  g_assert_true (g_file_set_contents (csv, "asset_tag,type,site,email\n"
                                           "V-3,vc-kit,KOM,kit3@example.se\n"
                                           "V-4,vc-kit,KOM,\n", -1, NULL));
  g_assert_cmpint (resfri_test_run_cli (fixture->path, &out, &err, "inventory", "import", csv,
                                        NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_true (g_file_set_contents (csv, "asset_tag,type,site,email\n"
                                           "V-5,vc-kit,KOM,Kit3@example.se\n", -1, NULL));
  g_assert_cmpint (resfri_test_run_cli (fixture->path, &out, &err, "inventory", "import", csv,
                                        NULL), ==, 1);
  g_assert_nonnull (strstr (err, "V-3"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (resfri_test_run_cli (fixture->path, &out, &err, "inventory", "list",
                                        "--format", "json", NULL), ==, 0);
  g_assert_true (json_parser_load_from_data (parser, out, -1, &error));
  g_assert_no_error (error);
  items = json_node_get_array (json_parser_get_root (parser));
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *item = json_array_get_object_element (items, i);
      const char *tag = json_object_get_string_member (item, "asset_tag");

      g_assert_true (json_object_has_member (item, "email"));
      if (g_strcmp0 (tag, "V-1") == 0 || g_strcmp0 (tag, "V-3") == 0)
        {
          g_assert_cmpstr (json_object_get_string_member (item, "email"), ==,
                           g_strcmp0 (tag, "V-1") == 0 ? "kit1@example.se" : "kit3@example.se");
          with++;
        }
      else
        {
          g_assert_true (json_node_is_null (json_object_get_member (item, "email")));
          without++;
        }
    }
  g_assert_cmpuint (with, ==, 2);
  g_assert_cmpuint (without, >, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/cli/inventory", Fixture, NULL, fixture_set_up, test_cli, fixture_tear_down);
  g_test_add ("/cli/inventory/email", Fixture, NULL, fixture_set_up, test_email,
              fixture_tear_down);

  return g_test_run ();
}

/* test-person.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * resfri-cli person show and person erase (spec/privacy.md): the JSON's
 * shape, the exit codes (0; 1 for an unknown or erased address; 2 for an
 * erasure without --yes and no terminal to ask on, which changes
 * nothing), and the follow-up report's JSON the same before and after
 * but for the register's own figures (people, equipment, gaps).
 */

#include "config.h"

#include <string.h>

#include <json-glib/json-glib.h>

#include "resfri-test-util.h"

#include "resfri-test-fixture.h"
#include "cli-db.h"
#include "cli-json.h"

typedef struct
{
  ResfriTestFixture  base;
  char              *email;
} Fixture;

static void
set_up (Fixture       *fixture,
        gconstpointer  user_data)
{
  resfri_test_fixture_set_up_demo (&fixture->base, 150);
  g_clear_object (&fixture->base.store);
  fixture->email = query_text (fixture->base.path,
                               "SELECT p.email FROM people p WHERE EXISTS"
                               " (SELECT 1 FROM meetings m WHERE m.organizer = p.email)"
                               " AND EXISTS (SELECT 1 FROM equipment e WHERE e.owner_id = p.id)"
                               " ORDER BY p.id LIMIT 1", NULL);
  g_assert_nonnull (fixture->email);
}

static void
tear_down (Fixture       *fixture,
           gconstpointer  user_data)
{
  g_free (fixture->email);
  resfri_test_fixture_tear_down (&fixture->base);
}

/* The register's own figures leave the report's JSON. */
static void
strip_register_figures (JsonNode *node)
{
  static const char * const members[] = {
    "employees", "equipment_coverage", "open_gaps", "per_employee",
  };

  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);
      g_autoptr(GList) values = NULL;

      for (guint i = 0; i < G_N_ELEMENTS (members); i++)
        if (json_object_has_member (object, members[i]))
          json_object_remove_member (object, members[i]);
      values = json_object_get_values (object);
      for (GList *l = values; l != NULL; l = l->next)
        strip_register_figures (l->data);
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        strip_register_figures (json_array_get_element (array, i));
    }
}

static char *
report_figures (Fixture *fixture)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonGenerator) generator = json_generator_new ();

  g_assert_cmpint (resfri_test_run_cli (fixture->base.path, &out, &err, "report", "--period",
                                        "2026", "--format", "json", NULL), ==, 0);
  root = parse_json (out);
  strip_register_figures (root);
  json_generator_set_root (generator, root);

  return json_generator_to_data (generator, NULL);
}

static void
test_show (Fixture       *fixture,
           gconstpointer  user_data)
{
  static const char * const arrays[] = {
    "equipment", "bookings", "meetings", "occurrences", "calendars",
  };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *text = NULL;
  g_autofree char *name = query_text (fixture->base.path,
                                      "SELECT name FROM people WHERE email = ?1", fixture->email);
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object;
  JsonObject *meeting;

  g_test_summary ("person show: the JSON's members, the text with the name; an unknown "
                  "address exits 1 and names it");

  g_assert_cmpint (resfri_test_run_cli (fixture->base.path, &out, &err, "person", "show",
                                        fixture->email, "--format", "json", NULL), ==, 0);
  root = parse_json (out);
  object = json_node_get_object (root);
  g_assert_cmpstr (json_object_get_string_member (object, "email"), ==, fixture->email);
  g_assert_cmpstr (json_object_get_string_member (object, "name"), ==, name);
  g_assert_nonnull (json_object_get_string_member (object, "unit"));
  g_assert_nonnull (json_object_get_string_member (object, "site"));
  g_assert_cmpstr (json_object_get_string_member (object, "role"), ==, "employee");
  for (guint i = 0; i < G_N_ELEMENTS (arrays); i++)
    g_assert_true (JSON_NODE_HOLDS_ARRAY (json_object_get_member (object, arrays[i])));
  g_assert_true (json_object_get_null_member (object, "exemptions_recorded"));
  meeting = json_array_get_object_element (json_object_get_array_member (object, "meetings"), 0);
  g_assert_nonnull (json_object_get_string_member (meeting, "uid"));
  g_assert_nonnull (json_object_get_string_member (meeting, "role"));
  g_assert_false (json_object_has_member (meeting, "attendees"));
  g_assert_nonnull (json_object_get_string_member (
                      json_array_get_object_element (
                        json_object_get_array_member (object, "occurrences"), 0), "verdict"));

  g_assert_cmpint (resfri_test_run_cli (fixture->base.path, &text, NULL, "person", "show",
                                        fixture->email, NULL), ==, 0);
  g_assert_nonnull (strstr (text, name));

  g_clear_pointer (&err, g_free);
  g_assert_cmpint (resfri_test_run_cli (fixture->base.path, NULL, &err, "person", "show",
                                        "nobody@example.org", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "nobody@example.org"));
}

static void
test_erase (Fixture       *fixture,
            gconstpointer  user_data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  /* The report first: the database's first open keeps the horizon's date
   * (resfri_store_extend_horizon()), which is not the erasure's doing. */
  g_autofree char *report_before = report_figures (fixture);
  g_autofree char *before = dump_tables (fixture->base.path);
  g_autofree char *after = NULL;
  g_autofree char *report_after = NULL;
  g_autofree char *people = NULL;

  g_test_summary ("person erase: without --yes and no terminal it refuses (2) and changes "
                  "nothing; with it, the report's meeting figures are unchanged; twice exits 1");

  g_assert_cmpint (resfri_test_run_cli (fixture->base.path, &out, &err, "person", "erase",
                                        fixture->email, NULL), ==, 2);
  g_assert_nonnull (strstr (err, "--yes"));
  after = dump_tables (fixture->base.path);
  g_assert_cmpstr (after, ==, before);

  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (resfri_test_run_cli (fixture->base.path, &out, &err, "person", "erase",
                                        fixture->email, "--yes", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "former-"));
  report_after = report_figures (fixture);
  g_assert_cmpstr (report_after, ==, report_before);

  g_clear_pointer (&out, g_free);
  g_assert_cmpint (resfri_test_run_cli (fixture->base.path, &people, NULL, "people", "list",
                                        "--format", "csv", NULL), ==, 0);
  g_assert_null (strstr (people, fixture->email));

  g_clear_pointer (&err, g_free);
  g_assert_cmpint (resfri_test_run_cli (fixture->base.path, NULL, &err, "person", "erase",
                                        fixture->email, "--yes", NULL), ==, 1);
  g_assert_nonnull (strstr (err, fixture->email));
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (resfri_test_run_cli (fixture->base.path, NULL, &err, "person", "erase",
                                        "nobody@example.org", "--yes", NULL), ==, 1);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (resfri_test_run_cli (fixture->base.path, NULL, &err, "person", "erase", NULL),
                   ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  /* The report says when it was made ("now", to the second), and what has
   * ended by then is held: the same "now" before and after the erasure. */
  g_setenv ("RESFRI_NOW", "2026-12-05T00:00:00Z", TRUE);

  g_test_add ("/cli/person/show", Fixture, NULL, set_up, test_show, tear_down);
  g_test_add ("/cli/person/erase", Fixture, NULL, set_up, test_erase, tear_down);

  return g_test_run ();
}

/* test-demo.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * resfri-cli demo: it fills an empty database and says what it made; on a
 * database that holds something it exits 1 and changes nothing; a bad
 * option is a usage error.
 */

#include "config.h"

#include <string.h>

#include "resfri-test-fixture.h"
#include "resfri-test-util.h"

#include "cli-db.h"

typedef ResfriTestFixture Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  resfri_test_fixture_set_up (fixture, NULL);
  /* The CLI runs on the database; the fixture's own connection is closed. */
  g_clear_object (&fixture->store);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  resfri_test_fixture_tear_down (fixture);
}

static void
test_demo_cli (Fixture       *fixture,
               gconstpointer  user_data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *people = NULL;

  g_test_summary ("resfri-cli demo fills an empty database and prints what it made; on a "
                  "non-empty one it exits 1 and changes nothing");

  g_assert_cmpint (resfri_test_run_cli (fixture->path, &out, &err, "demo", "--employees", "80",
                                        "--seed", "3", "--year", "2025", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Vänersborg"));
  g_assert_nonnull (strstr (out, "2025"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  people = query_text (fixture->path, "SELECT count(*) FROM people WHERE role = ?", "employee");
  g_assert_cmpstr (people, ==, "80");
  before = dump_tables (fixture->path);

  g_assert_cmpint (resfri_test_run_cli (fixture->path, &out, &err, "demo", "--employees", "80",
                                        "--seed", "4", NULL), ==, 1);
  g_assert_cmpstr (out, ==, "");
  g_assert_cmpuint (strlen (err), >, 0);
  g_assert_nonnull (strchr (err, '\n'));
  g_assert_cmpstr (strchr (err, '\n') + 1, ==, "");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  after = dump_tables (fixture->path);
  g_assert_cmpstr (before, ==, after);

  g_assert_cmpint (resfri_test_run_cli (fixture->path, &out, &err, "demo", "--employees", "0",
                                        NULL), ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/cli/demo", Fixture, NULL, fixture_set_up, test_demo_cli, fixture_tear_down);

  return g_test_run ();
}

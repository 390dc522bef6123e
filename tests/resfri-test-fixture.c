/* resfri-test-fixture.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The shared core-test fixture (resfri-test-fixture.h).
 */

#include "config.h"

#include "resfri-demo.h"
#include "resfri-store-private.h"
#include "resfri-test-fixture.h"
#include "resfri-test-util.h"

/* A new, empty database in a new temporary folder; @sql (or NULL) is run
 * on it. */
void
resfri_test_fixture_set_up (ResfriTestFixture *fixture,
                            const char        *sql)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("resfri-test-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "resfri.db", NULL);
  fixture->store = resfri_store_open (fixture->path, &error);
  g_assert_no_error (error);

  if (sql != NULL)
    {
      g_assert_true (_resfri_store_exec (fixture->store, sql, &error));
      g_assert_no_error (error);
    }
}

/* The same with the demo municipality of 2026 (seed 1), of @employees. */
void
resfri_test_fixture_set_up_demo (ResfriTestFixture *fixture,
                                 guint              employees)
{
  g_autoptr(GError) error = NULL;
  ResfriDemoOptions options;

  resfri_test_fixture_set_up (fixture, NULL);
  resfri_demo_options_init (&options);
  options.employees = employees;
  options.year = 2026;
  resfri_demo_generate (fixture->store, &options, NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
}

/* Another database, @name, in the fixture's folder. */
ResfriStore *
resfri_test_fixture_open_other (ResfriTestFixture *fixture,
                                const char        *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
  ResfriStore *store = resfri_store_open (path, &error);

  g_assert_no_error (error);
  return store;
}

void
resfri_test_fixture_tear_down (ResfriTestFixture *fixture)
{
  /* Nothing may keep the store alive past its test. A worker thread may
   * drop its reference just after its task returned, so this waits for the
   * last reference to go (bounded only against a real leak). */
  if (fixture->store != NULL)
    {
      GWeakRef weak;
      gint64 deadline = g_get_monotonic_time () + 120 * G_USEC_PER_SEC;
      gpointer alive;

      g_weak_ref_init (&weak, fixture->store);
      g_clear_object (&fixture->store);
      while ((alive = g_weak_ref_get (&weak)) != NULL && g_get_monotonic_time () < deadline)
        {
          g_object_unref (alive);
          g_main_context_iteration (NULL, FALSE);
          g_usleep (1000);
        }
      g_assert_null (alive);
      g_weak_ref_clear (&weak);
    }
  resfri_test_remove_tree (fixture->dir);
  g_clear_pointer (&fixture->dir, g_free);
  g_clear_pointer (&fixture->path, g_free);
}

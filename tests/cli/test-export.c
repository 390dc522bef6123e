/* test-export.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * resfri-cli export: to standard output, a window, a file, usage errors.
 */

#include "config.h"

#include <string.h>

#include "resfri-test-util.h"

#include "export-fixture.h"

static void
test_export_cli (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("resfri-export-cli-XXXXXX", &error);
  g_autofree char *db = g_build_filename (dir, "cli.db", NULL);
  g_autofree char *in = g_build_filename (dir, "in.ics", NULL);
  g_autofree char *out_path = g_build_filename (dir, "out.ics", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *written = NULL;

  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (in, FIXTURE, -1, &error));
  g_assert_cmpint (resfri_test_run_cli (db, &out, &err, "import", in, NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (resfri_test_run_cli (db, &out, &err, "export", "-", NULL), ==, 0);
  g_assert_true (g_str_has_prefix (out, "BEGIN:VCALENDAR\r\n"));
  g_assert_true (g_str_has_suffix (out, "END:VCALENDAR\r\n"));
  g_assert_cmpstr (err, ==, "");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (resfri_test_run_cli (db, &out, &err, "export", "--from", "2026-06-01",
                                        "--to", "2026-06-02", out_path, NULL), ==, 0);
  g_assert_true (g_str_has_prefix (out, out_path));
  g_assert_true (g_file_get_contents (out_path, &written, NULL, &error));
  g_assert_nonnull (strstr (written, "UID:allday\r\n"));
  g_assert_null (strstr (written, "UID:series\r\n"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Usage errors: no file, a bad date, an empty window. */
  g_assert_cmpint (resfri_test_run_cli (db, &out, &err, "export", NULL), ==, 2);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (resfri_test_run_cli (db, &out, &err, "export", "--from", "2026-13-01", "-", NULL), ==, 2);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (resfri_test_run_cli (db, &out, &err, "export", "--from", "2026-02-01",
                                        "--to", "2026-01-01", "-", NULL), ==, 2);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  resfri_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli/export", test_export_cli);

  return g_test_run ();
}

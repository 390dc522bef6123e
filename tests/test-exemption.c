/* test-exemption.c: recording and removing exemptions (the GUI's undo)
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "resfri-core.h"
#include "resfri-test-util.h"

static const char ICS[] =
  "BEGIN:VCALENDAR\r\n"
  "VERSION:2.0\r\n"
  "PRODID:-//Resfri test//EN\r\n"
  "BEGIN:VEVENT\r\n"
  "UID:weekly@test\r\n"
  "DTSTART:20260302T080000Z\r\n"
  "DTEND:20260302T090000Z\r\n"
  "RRULE:FREQ=WEEKLY;COUNT=3\r\n"
  "SUMMARY:Weekly\r\n"
  "END:VEVENT\r\n"
  "END:VCALENDAR\r\n";

static void
test_remove (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ResfriStore) store = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *path = NULL;
  g_autofree char *reason = NULL;
  ResfriStoreCounts counts = { 0, };
  gboolean removed = TRUE;

  folder = g_dir_make_tmp ("resfri-exemption-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (folder, "test.db", NULL);
  store = resfri_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (resfri_store_import_ical (store, ICS, -1, "test.ics", NULL, &error));
  g_assert_no_error (error);

  /* Nothing to remove yet. */
  g_assert_true (resfri_store_remove_exemption (store, "weekly@test", "20260309T080000Z",
                                                &removed, &error));
  g_assert_no_error (error);
  g_assert_false (removed);

  g_assert_true (resfri_store_set_exemption (store, "weekly@test", "20260309T080000Z",
                                             "confidential", NULL, &error));
  g_assert_no_error (error);
  g_assert_true (resfri_store_set_exemption (store, "weekly@test", NULL,
                                             "physical-presence", NULL, &error));
  g_assert_no_error (error);
  g_assert_true (resfri_store_get_counts (store, &counts, &error));
  g_assert_cmpint (counts.exemptions, ==, 2);

  /* The occurrence's own goes; the meeting's stays. */
  g_assert_true (resfri_store_remove_exemption (store, "weekly@test", "20260309T080000Z",
                                                &removed, &error));
  g_assert_no_error (error);
  g_assert_true (removed);
  g_assert_false (resfri_store_lookup_exemption (store, "weekly@test", "20260309T080000Z",
                                                 NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (resfri_store_lookup_exemption (store, "weekly@test", "", &reason, NULL,
                                                &error));
  g_assert_cmpstr (reason, ==, "physical-presence");

  /* NULL is the whole meeting's. */
  g_assert_true (resfri_store_remove_exemption (store, "weekly@test", NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (resfri_store_get_counts (store, &counts, &error));
  g_assert_cmpint (counts.exemptions, ==, 0);

  g_clear_object (&store);
  resfri_test_remove_tree (folder);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/exemption/remove", test_remove);

  return g_test_run ();
}

/* test-import.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * resfri-cli expand and import: occurrences of a file without a database,
 * the import of good and bad files (with and without --skip-invalid), and
 * every file of the shared corpus expanded or refused with one line.
 */

#include "config.h"

#include <string.h>
#include <sys/wait.h>

#include <gio/gio.h>

#include "resfri-core.h"
#include "resfri-store-private.h"
#include "resfri-test-util.h"

#include "calendars-fixture.h"

typedef struct
{
  int   status;
  char *out;
  char *err;
} CliResult;

static void
cli_result_clear (CliResult *result)
{
  g_clear_pointer (&result->out, g_free);
  g_clear_pointer (&result->err, g_free);
}

static void
run_cli (CliResult          *result,
         const char * const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const char *cli = g_getenv ("RESFRI_CLI");
  int wait_status = 0;

  g_assert_nonnull (cli);
  g_ptr_array_add (argv, (gpointer) cli);
  for (gsize i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                &result->out, &result->err, &wait_status, &error);
  g_assert_no_error (error);

  if (WIFEXITED (wait_status))
    result->status = WEXITSTATUS (wait_status);
  else
    result->status = -1;   /* killed by a signal: a crash */
}

static char *
write_temp_file (const char *dir,
                 const char *name,
                 const char *contents)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
  return path;
}

static void
test_cli_expand (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("resfri-expand-XXXXXX", &error);
  g_autofree char *good = NULL;
  g_autofree char *bad = NULL;
  CliResult r = { 0 };

  g_assert_no_error (error);
  good = write_temp_file (dir, "good.ics",
                          CAL_BEGIN
                          "BEGIN:VEVENT\r\nUID:week\r\nDTSTART;TZID=Europe/Stockholm:20261018T090000\r\n"
                          "DURATION:PT1H\r\nRRULE:FREQ=WEEKLY\r\nEXDATE;TZID=Europe/Stockholm:20261101T090000\r\n"
                          "END:VEVENT\r\n"
                          "BEGIN:VEVENT\r\nUID:day\r\nDTSTART;VALUE=DATE:20261025\r\nEND:VEVENT\r\n"
                          "BEGIN:VEVENT\r\nUID:float\r\nDTSTART:20261026T100000\r\nEND:VEVENT\r\n"
                          CAL_END);
  bad = write_temp_file (dir, "bad.ics",
                         CAL_BEGIN
                         "BEGIN:VEVENT\r\nUID:x\r\nDTSTART:20261018T090000Z\r\n"
                         "RRULE:FREQ=SOMETIMES\r\nEND:VEVENT\r\n"
                         CAL_END);

  /* Dates are Stockholm midnight: 2026-10-25 00:00 CEST = 10-24 22:00Z. */
  run_cli (&r, (const char *[]) { "expand", good, "--from", "2026-10-25", "--to", "2026-11-09", NULL });
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpstr (r.err, ==, "");
  g_assert_cmpstr (r.out, ==,
                   "day\t\t20261025\t20261026\n"
                   "week\t20261025T080000Z\t20261025T080000Z\t20261025T090000Z\n"
                   "float\t\t20261026T100000\t20261026T100000\n"
                   "week\t20261108T080000Z\t20261108T080000Z\t20261108T090000Z\n");
  cli_result_clear (&r);

  /* RFC 3339 instants; an occurrence that only overlaps the window. */
  run_cli (&r, (const char *[]) { "expand", good, "--from", "2026-10-25T08:30:00Z",
                                  "--to", "2026-10-25T10:00:00+01:00", NULL });
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpstr (r.out, ==,
                   "day\t\t20261025\t20261026\n"
                   "week\t20261025T080000Z\t20261025T080000Z\t20261025T090000Z\n");
  cli_result_clear (&r);

  run_cli (&r, (const char *[]) { "expand", bad, "--from", "2026-01-01", "--to", "2027-01-01", NULL });
  g_assert_cmpint (r.status, ==, 1);
  g_assert_cmpstr (r.out, ==, "");
  g_assert_true (g_str_has_prefix (r.err, bad));
  g_assert_true (g_str_has_prefix (r.err + strlen (bad), ":7: "));
  g_assert_nonnull (strstr (r.err, "RRULE"));
  g_assert_cmpint (strchr (r.err, '\n') - r.err, ==, strlen (r.err) - 1);   /* one line */
  cli_result_clear (&r);

  run_cli (&r, (const char *[]) { "expand", good, "--from", "2026-01-01", NULL });
  g_assert_cmpint (r.status, ==, 2);
  cli_result_clear (&r);
  run_cli (&r, (const char *[]) { "expand", good, "--from", "2026-13-01", "--to", "2027-01-01", NULL });
  g_assert_cmpint (r.status, ==, 2);
  cli_result_clear (&r);
  run_cli (&r, (const char *[]) { "expand", good, "--from", "2026-01-01T10:00:00", "--to", "2027-01-01", NULL });
  g_assert_cmpint (r.status, ==, 2);
  cli_result_clear (&r);

  g_remove (good);
  g_remove (bad);
  g_rmdir (dir);
}

static void
test_cli_import (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("resfri-import-XXXXXX", &error);
  g_autofree char *db = NULL;
  g_autofree char *good = NULL;
  g_autofree char *bad = NULL;
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GBytes) input = NULL;
  g_autoptr(GBytes) out = NULL;
  g_autoptr(GBytes) err = NULL;
  g_autoptr(ResfriStore) store = NULL;
  ResfriStoreCounts counts;
  CliResult r = { 0 };
  const char *cancel = "BEGIN:VCALENDAR\r\nMETHOD:CANCEL\r\nBEGIN:VEVENT\r\nUID:s1\r\n"
                       "END:VEVENT\r\nEND:VCALENDAR\r\n";

  g_assert_no_error (error);
  db = g_build_filename (dir, "cli.db", NULL);
  good = write_temp_file (dir, "good.ics", CAL_BEGIN SERIES OVERRIDE CAL_END);
  bad = write_temp_file (dir, "bad.ics",
                         CAL_BEGIN "BEGIN:VEVENT\r\nUID:z\r\nDTSTART:20260101T100000Z\r\nEND:VEVENT\r\n"
                         "BEGIN:VEVENT\r\nUID:no-start\r\nEND:VEVENT\r\n" CAL_END);

  run_cli (&r, (const char *[]) { "--db", db, "import", good, NULL });
  g_assert_cmpint (r.status, ==, 0);
  g_assert_true (g_str_has_prefix (r.out, good));
  cli_result_clear (&r);

  /* The bad file changes nothing; the good one before it stays. */
  run_cli (&r, (const char *[]) { "--db", db, "import", good, bad, NULL });
  g_assert_cmpint (r.status, ==, 1);
  g_assert_true (g_str_has_prefix (r.err, bad));
  g_assert_true (g_str_has_prefix (r.err + strlen (bad), ":8: "));
  cli_result_clear (&r);

  run_cli (&r, (const char *[]) { "--db", db, "import", NULL });
  g_assert_cmpint (r.status, ==, 2);
  cli_result_clear (&r);

  /* "-" reads standard input. */
  proc = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                           G_SUBPROCESS_FLAGS_STDERR_PIPE, &error,
                           g_getenv ("RESFRI_CLI"), "--db", db, "import", "-", NULL);
  g_assert_no_error (error);
  input = g_bytes_new_static (cancel, strlen (cancel));
  g_subprocess_communicate (proc, input, NULL, &out, &err, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_subprocess_get_exit_status (proc), ==, 0);

  store = resfri_store_open (db, &error);
  g_assert_no_error (error);
  g_assert_true (resfri_store_get_counts (store, &counts, &error));
  g_assert_cmpint (counts.meetings, ==, 2);
  g_assert_cmpint (counts.occurrences, ==, 3);
  g_assert_cmpint (_resfri_store_query_int (store, "SELECT count(*) FROM occurrences WHERE cancelled = 1", NULL),
                   ==, 3);
  g_clear_object (&store);

  for (const char * const *suffix = (const char *[]) { "", "-wal", "-shm", NULL }; *suffix; suffix++)
    {
      g_autofree char *path = g_strconcat (db, *suffix, NULL);
      g_remove (path);
    }
  g_remove (good);
  g_remove (bad);
  g_rmdir (dir);
}

/* Every real-world file either expands or is refused with one line: never
 * a crash, never a hang. */
static void
test_cli_corpus (void)
{
  const char *corpus = g_getenv ("RESFRI_CORPUS_DIR");
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) dirs = g_ptr_array_new_with_free_func (g_free);
  guint expanded = 0, refused = 0;

  if (corpus == NULL || !g_file_test (corpus, G_FILE_TEST_IS_DIR))
    {
      g_test_skip ("no corpus ($RESFRI_CORPUS_DIR)");
      return;
    }

  g_ptr_array_add (dirs, g_strdup (corpus));
  while (dirs->len > 0)
    {
      g_autofree char *path = g_ptr_array_steal_index (dirs, dirs->len - 1);
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          char *child = g_build_filename (path, name, NULL);

          if (g_file_test (child, G_FILE_TEST_IS_DIR))
            g_ptr_array_add (dirs, child);
          else if (g_str_has_suffix (name, ".ics"))
            g_ptr_array_add (files, child);
          else
            g_free (child);
        }
    }

  for (guint i = 0; i < files->len; i++)
    {
      const char *file = g_ptr_array_index (files, i);
      CliResult r = { 0 };

      run_cli (&r, (const char *[]) { "expand", file, "--from", "1990-01-01", "--to", "2031-01-01", NULL });
      if (r.status != 0 && r.status != 1)
        g_error ("%s: exit status %d: %s", file, r.status, r.err);
      if (r.status == 0)
        {
          g_assert_cmpstr (r.err, ==, "");
          expanded++;
        }
      else
        {
          g_assert_true (g_str_has_prefix (r.err, file));
          g_assert_cmpint (strchr (r.err, '\n') - r.err, ==, strlen (r.err) - 1);
          refused++;
        }
      cli_result_clear (&r);
    }

  g_test_message ("corpus: %u files, %u expanded, %u refused", files->len, expanded, refused);
  g_assert_cmpuint (expanded, >, 0);
}

static void
test_skip_cli (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("resfri-cli-import-XXXXXX", &error);
  g_autofree char *mixed = write_temp_file (dir, "mixed.ics", MIXED_ICS);
  g_autofree char *all_bad = write_temp_file (dir, "allbad.ics", ALL_BAD_ICS);
  g_autofree char *broken = write_temp_file (dir, "broken.ics", BROKEN_ICS);
  g_autofree char *db = g_build_filename (dir, "cli.db", NULL);
  g_autofree char *expected_err = NULL;
  char *out = NULL, *err = NULL;
  const char *last;
  int status;

  g_test_summary ("import --skip-invalid: FILE:LINE: what per bad event, a closing count, exit 0 when one landed");

  status = resfri_test_run_cli (db, &out, &err, "import", mixed, NULL);
  g_assert_cmpint (status, ==, 1);
  g_assert_true (g_str_has_prefix (err, mixed));
  g_assert_true (g_str_has_prefix (err + strlen (mixed), ":12: "));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  status = resfri_test_run_cli (db, &out, &err, "import", "--skip-invalid", mixed, NULL);
  g_assert_cmpint (status, ==, 0);
  expected_err = g_strdup_printf ("%s:12: ", mixed);
  g_assert_true (g_str_has_prefix (err, expected_err));
  {
    g_auto(GStrv) lines = g_strsplit (err, "\n", -1);

    g_assert_cmpuint (g_strv_length (lines), ==, 4);
    g_assert_true (g_str_has_prefix (lines[1], mixed));
    g_assert_true (g_str_has_prefix (lines[1] + strlen (mixed), ":14: "));
    g_assert_true (g_str_has_prefix (lines[2] + strlen (mixed), ":21: "));
  }
  g_assert_true (g_str_has_suffix (out, "\n"));
  out[strlen (out) - 1] = '\0';
  last = strrchr (out, '\n') != NULL ? strrchr (out, '\n') + 1 : out;
  g_assert_cmpstr (last, ==, "imported 2 events, skipped 3");
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* Nothing good: exit 1. A file that cannot be read is passed over. */
  status = resfri_test_run_cli (db, &out, &err, "import", "--skip-invalid", all_bad, broken, NULL);
  g_assert_cmpint (status, ==, 1);
  g_assert_true (g_str_has_suffix (out, "imported 0 events, skipped 2\n"));
  g_assert_nonnull (strstr (err, "allbad.ics:4: "));
  g_assert_nonnull (strstr (err, "broken.ics:"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  status = resfri_test_run_cli (db, &out, &err, "import", "--skip-invalid", broken, mixed, NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_true (g_str_has_suffix (out, "imported 2 events, skipped 4\n"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  resfri_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/cli/expand", test_cli_expand);
  g_test_add_func ("/cli/import", test_cli_import);
  g_test_add_func ("/cli/import/skip-invalid", test_skip_cli);
  g_test_add_func ("/cli/expand/corpus", test_cli_corpus);

  return g_test_run ();
}

/* test-registers.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * resfri-cli's register commands: import of every register from files and
 * from standard input, list in every format, refusals.
 */

#include "config.h"

#include <string.h>

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "resfri-register.h"
#include "resfri-store-private.h"
#include "resfri-test-util.h"

#include "resfri-test-fixture.h"
#include "cli-db.h"
#include "registers-fixture.h"

typedef ResfriTestFixture Fixture;

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

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CliResult, cli_result_clear)

/* Runs resfri-cli in the fixture's folder on its database. */
static void
run_cli (Fixture    *fixture,
         const char *input,
         CliResult  *result,
         ...)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const char *cli = g_getenv ("RESFRI_CLI");
  const char *arg;
  va_list args;

  g_assert_nonnull (cli);
  g_ptr_array_add (argv, (gpointer) cli);
  g_ptr_array_add (argv, "--db");
  g_ptr_array_add (argv, fixture->path);
  va_start (args, result);
  while ((arg = va_arg (args, const char *)))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE |
                                        G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_set_cwd (launcher, fixture->dir);
  g_subprocess_launcher_unsetenv (launcher, "RESFRI_DB");
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, input, NULL, &result->out, &result->err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  result->status = g_subprocess_get_exit_status (process);
}

static void
write_file (Fixture    *fixture,
            const char *name,
            const char *contents)
{
  g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
}

static void
copy_fixture (Fixture    *fixture,
              const char *name)
{
  g_autofree char *contents = read_fixture (name, NULL);

  write_file (fixture, name, contents);
}

static void
test_cli (Fixture       *fixture,
          gconstpointer  user_data)
{
  g_auto(CliResult) result = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *listed = NULL;

  g_test_summary ("resfri-cli REGISTER import/list: output, one-line errors and exit statuses");

  /* The CLI opens the database itself. */
  g_clear_object (&fixture->store);

  for (guint kind = 0; kind < RESFRI_N_REGISTERS; kind++)
    {
      g_autofree char *command = g_strdup (resfri_register_get_name (kind));

      copy_fixture (fixture, fixture_files[kind]);
      run_cli (fixture, NULL, &result, command, "import", fixture_files[kind], NULL);
      g_assert_cmpstr (result.err, ==, "");
      g_assert_cmpint (result.status, ==, 0);
      g_assert_true (g_str_has_prefix (result.out, fixture_files[kind]));
      cli_result_clear (&result);
    }

  run_cli (fixture, NULL, &result, "sites", "import", "sites.csv", NULL);
  g_assert_cmpint (result.status, ==, 0);
  g_assert_cmpstr (result.out, ==, "sites.csv: 6 rows imported (0 updated)\n");
  cli_result_clear (&result);

  /* stdin, with an update. */
  run_cli (fixture, "id,name,latitude,longitude\nMEL,Mellerud,58.6996,12.4521\n", &result,
           "sites", "import", "-", NULL);
  g_assert_cmpint (result.status, ==, 0);
  g_assert_cmpstr (result.out, ==, "-: 1 row imported (1 updated)\n");
  g_assert_cmpstr (result.err, ==, "");
  cli_result_clear (&result);

  /* Listing; the CSV imports again through stdin. */
  run_cli (fixture, NULL, &result, "rooms", "list", NULL);
  g_assert_cmpint (result.status, ==, 0);
  g_assert_true (g_str_has_prefix (result.out, "id,name,site,capacity,email,aliases,vc\r\n"));
  listed = g_steal_pointer (&result.out);
  cli_result_clear (&result);
  run_cli (fixture, listed, &result, "rooms", "import", "-", NULL);
  g_assert_cmpint (result.status, ==, 0);
  g_assert_cmpstr (result.out, ==, "-: 4 rows imported (0 updated)\n");
  cli_result_clear (&result);

  run_cli (fixture, NULL, &result, "inventory", "list", "--format", "json", NULL);
  g_assert_cmpint (result.status, ==, 0);
  g_assert_true (json_parser_load_from_data (parser, result.out, -1, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (json_node_get_array (json_parser_get_root (parser))),
                    ==, 5);
  cli_result_clear (&result);

  /* Bad input: exit 1, one line "FILE:LINE: what", nothing written. */
  before = dump_tables (fixture->path);

  write_file (fixture, "bad-people.csv",
              "email,name,unit,site\r\nny@vanersborg.se,Ny,KS,VBG\r\nx@vanersborg.se,X,KS,GBG\r\n");
  run_cli (fixture, NULL, &result, "people", "import", "bad-people.csv", NULL);
  g_assert_cmpint (result.status, ==, 1);
  g_assert_cmpstr (result.out, ==, "");
  g_assert_cmpstr (result.err, ==,
                   "bad-people.csv:3: column “site”: unknown site “GBG” (import the sites first)\n");
  cli_result_clear (&result);

  write_file (fixture, "bad-rooms.csv", "id,name,site\nR,Rum,VBG\n");
  run_cli (fixture, NULL, &result, "rooms", "import", "bad-rooms.csv", NULL);
  g_assert_cmpint (result.status, ==, 1);
  g_assert_cmpstr (result.err, ==, "bad-rooms.csv:1: missing column “capacity”\n");
  cli_result_clear (&result);

  run_cli (fixture, "from,to,km\nVBG,UDD,\"24\n", &result, "distances", "import", "-", NULL);
  g_assert_cmpint (result.status, ==, 1);
  g_assert_cmpstr (result.err, ==, "-:2: the quoted field that starts on line 2 never ends "
                                   "(a quote is missing)\n");
  cli_result_clear (&result);

  run_cli (fixture, NULL, &result, "sites", "import", "missing.csv", NULL);
  g_assert_cmpint (result.status, ==, 1);
  g_assert_true (g_str_has_prefix (result.err, "missing.csv: "));
  g_assert_nonnull (strchr (result.err, '\n'));
  g_assert_cmpstr (strchr (result.err, '\n'), ==, "\n");
  cli_result_clear (&result);

  after = dump_tables (fixture->path);
  g_assert_cmpstr (after, ==, before);

  /* Wrong usage: exit 2. */
  run_cli (fixture, NULL, &result, "sites", "import", NULL);
  g_assert_cmpint (result.status, ==, 2);
  cli_result_clear (&result);
  run_cli (fixture, NULL, &result, "sites", "import", "a.csv", "b.csv", NULL);
  g_assert_cmpint (result.status, ==, 2);
  cli_result_clear (&result);
  run_cli (fixture, NULL, &result, "people", "list", "--format", "xml", NULL);
  g_assert_cmpint (result.status, ==, 2);
  g_assert_cmpstr (result.out, ==, "");
  cli_result_clear (&result);
  run_cli (fixture, NULL, &result, "distances", "list", "extra", NULL);
  g_assert_cmpint (result.status, ==, 2);
  cli_result_clear (&result);
  run_cli (fixture, NULL, &result, "sites", "list", "--bogus", NULL);
  g_assert_cmpint (result.status, ==, 2);
  cli_result_clear (&result);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/cli/registers", Fixture, NULL, resfri_test_set_up_empty, test_cli, resfri_test_tear_down);

  return g_test_run ();
}

/* server-fixture.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Running resfri-cli, reading its database and the server for the tests
 * of Resfri's bookings on the server (server-fixture.h).
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "resfri-core.h"
#include "resfri-store-private.h"
#include "server-fixture.h"

const char *server_fixture_stall;
const char *server_fixture_stall_file;

void
run_clear (Run *run)
{
  g_clear_object (&run->process);
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

void
run_start_lease (Run                *run,
                 const char         *db,
                 const char         *kill_after,
                 const char         *lease,
                 const char * const *argv)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (args, (char *) g_getenv ("RESFRI_CLI"));
  g_ptr_array_add (args, (char *) "--db");
  g_ptr_array_add (args, (char *) db);
  for (guint i = 0; argv[i] != NULL; i++)
    g_ptr_array_add (args, (char *) argv[i]);
  g_ptr_array_add (args, NULL);
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_setenv (launcher, "RESFRI_TEST_LEASE_SECONDS", lease ? lease : "30", TRUE);
  if (kill_after != NULL)
    g_subprocess_launcher_setenv (launcher, "RESFRI_TEST_KILL_AFTER_REQUESTS", kill_after, TRUE);
  if (server_fixture_stall != NULL)
    g_subprocess_launcher_setenv (launcher, "RESFRI_TEST_STALL", server_fixture_stall, TRUE);
  if (server_fixture_stall != NULL && server_fixture_stall_file != NULL)
    g_subprocess_launcher_setenv (launcher, "RESFRI_TEST_STALL_FILE", server_fixture_stall_file,
                                  TRUE);
  server_fixture_stall = NULL;
  run->process = g_subprocess_launcher_spawnv (launcher, (const char * const *) args->pdata, &error);
  g_assert_no_error (error);
}

void
run_wait (Run *run)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (g_subprocess_communicate_utf8 (run->process, NULL, NULL, &run->out, &run->err, &error));
  g_assert_no_error (error);
  run->status = g_subprocess_get_if_signaled (run->process) ? -1
                : g_subprocess_get_exit_status (run->process);
}

void
cli_ok (const char         *db,
        const char * const *argv)
{
  Run run = { 0 };

  run_start (&run, db, NULL, argv);
  run_wait (&run);
  if (run.status != 0)
    g_error ("resfri-cli %s failed: %s%s", argv[0], run.out, run.err);
  run_clear (&run);
}

gint64
count (const char *db,
       const char *sql)
{
  g_autoptr(ResfriStore) store = NULL;
  g_autoptr(GError) error = NULL;
  gint64 n;

  store = resfri_store_open (db, &error);
  g_assert_no_error (error);
  n = _resfri_store_query_int (store, sql, &error);
  g_assert_no_error (error);
  return n;
}

char *
server_get (RadicaleServer *server,
            const char     *path,
            guint          *status)
{
  g_autofree char *url = g_strconcat (server->url, path, NULL);
  g_autoptr(SoupMessage) message = soup_message_new ("GET", url);
  g_autofree char *pair = g_strdup (RADICALE_USER ":" RADICALE_PASSWORD);
  g_autofree char *encoded = g_base64_encode ((const guchar *) pair, strlen (pair));
  g_autofree char *authorization = g_strconcat ("Basic ", encoded, NULL);
  g_autoptr(GBytes) body = NULL;

  soup_message_headers_replace (soup_message_get_request_headers (message), "Authorization",
                                authorization);
  body = soup_session_send_and_read (server->session, message, NULL, NULL);
  *status = soup_message_get_status (message);
  return body ? g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body)) : NULL;
}


char *
server_fixture_password_file (const char *dir)
{
  char *path = g_build_filename (dir, "password", NULL);

  g_assert_true (g_file_set_contents (path, RADICALE_PASSWORD "\n", -1, NULL));
  g_assert_cmpint (g_chmod (path, 0600), ==, 0);
  return path;
}

void
server_fixture_install (RadicaleServer *server,
                        const char     *db,
                        const char     *password_file,
                        gboolean        people)
{
  g_autofree char *rooms = g_test_build_filename (G_TEST_DIST, "data", "rooms.csv", NULL);
  g_autofree char *sites = g_test_build_filename (G_TEST_DIST, "data", "sites.csv", NULL);
  g_autofree char *register_people = g_test_build_filename (G_TEST_DIST, "data", "people.csv", NULL);
  g_autofree char *home = g_strconcat (server->url, "/" ROOM_OWNER "/", NULL);
  const char *sites_argv[] = { "sites", "import", sites, NULL };
  const char *rooms_argv[] = { "rooms", "import", rooms, NULL };
  const char *people_argv[] = { "people", "import", register_people, NULL };
  const char *add_argv[] = { "sources", "add", "caldav", home, "--user", RADICALE_USER,
                             "--password-file", password_file, NULL };
  const char *follow_argv[] = { "sources", "follow", "1", ROOM_PATH, "--room", ROOM, NULL };

  cli_ok (db, sites_argv);
  cli_ok (db, rooms_argv);
  if (people)
    cli_ok (db, people_argv);
  cli_ok (db, add_argv);
  cli_ok (db, follow_argv);
}

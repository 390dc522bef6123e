/* radicale-fixture.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Starting, reaching and stopping the Radicale of the sync suite
 * (radicale-fixture.h).
 */

#include "config.h"

#include <signal.h>
#include <string.h>
#include <sys/prctl.h>

#include "radicale-fixture.h"

static guint16
find_free_port (void)
{
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GError) error = NULL;

  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &error);
  g_assert_no_error (error);
  g_assert_true (g_socket_bind (socket, address, TRUE, &error));
  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);
  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
}

guint
radicale_request (RadicaleServer *server,
                  const char     *method,
                  const char     *path,
                  const char     *content_type,
                  const char     *body)
{
  g_autofree char *url = g_strconcat (server->url, path, NULL);
  g_autoptr(SoupMessage) message = soup_message_new (method, url);
  g_autoptr(GBytes) answer = NULL;
  g_autofree char *pair = g_base64_encode ((const guchar *) RADICALE_USER ":" RADICALE_PASSWORD,
                                           strlen (RADICALE_USER ":" RADICALE_PASSWORD));
  g_autofree char *authorization = g_strconcat ("Basic ", pair, NULL);

  g_assert_nonnull (message);
  soup_message_headers_replace (soup_message_get_request_headers (message), "Authorization",
                                authorization);
  if (body != NULL)
    {
      g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));

      soup_message_set_request_body_from_bytes (message, content_type, bytes);
    }
  answer = soup_session_send_and_read (server->session, message, NULL, NULL);
  return soup_message_get_status (message);
}

void
radicale_make_calendar (RadicaleServer *server,
                        const char     *owner)
{
  g_autofree char *home = g_strdup_printf ("/%s/", owner);
  g_autofree char *calendar = g_strdup_printf ("/%s/cal/", owner);

  guint status = radicale_request (server, "MKCOL", home, NULL, NULL);

  /* 405: the home is there (Radicale makes the logged-in user's). */
  g_assert_true (status == 201 || status == 405);
  g_assert_cmpuint (radicale_request (server, "MKCALENDAR", calendar, NULL, NULL), ==, 201);
}

/* A test that fails aborts before its tear-down: Radicale goes with it. */
static void
die_with_parent (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

/* Polls until Radicale answers (or has died: FALSE). */
static gboolean
wait_until_up (RadicaleServer *server)
{
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  while (g_get_monotonic_time () < deadline)
    {
      g_autoptr(SoupMessage) message = soup_message_new ("GET", server->url);
      g_autoptr(GBytes) answer = NULL;

      if (g_subprocess_get_identifier (server->process) == NULL)
        return FALSE;
      answer = soup_session_send_and_read (server->session, message, NULL, NULL);
      if (soup_message_get_status (message) != 0)
        return TRUE;
      g_main_context_iteration (NULL, FALSE);
      g_usleep (20000);
    }
  return FALSE;
}

gboolean
radicale_start (RadicaleServer *server,
                const char     *dir)
{
  memset (server, 0, sizeof *server);

  if (!g_file_test ("/usr/bin/radicale", G_FILE_TEST_IS_EXECUTABLE))
    {
      g_test_skip ("radicale is not installed (Debian: apt install radicale)");
      return FALSE;
    }

  server->dir = g_build_filename (dir, "radicale", NULL);
  g_assert_cmpint (g_mkdir_with_parents (server->dir, 0700), ==, 0);
  server->session = soup_session_new_with_options ("timeout", 10, NULL);

  for (int attempt = 0; attempt < 5; attempt++)
    {
      g_autofree char *users = g_build_filename (server->dir, "users", NULL);
      g_autofree char *config = g_build_filename (server->dir, "config", NULL);
      g_autofree char *storage = g_build_filename (server->dir, "storage", NULL);
      g_autofree char *log = g_build_filename (server->dir, "log", NULL);
      g_autofree char *rights = g_build_filename (server->dir, "rights", NULL);
      g_autofree char *text = NULL;
      g_autoptr(GSubprocessLauncher) launcher = NULL;
      g_autoptr(GError) error = NULL;
      guint16 port = find_free_port ();

      g_assert_true (g_file_set_contents (users, RADICALE_USER ":" RADICALE_PASSWORD "\n", -1, NULL));
      g_assert_true (g_file_set_contents (rights, RADICALE_RIGHTS_ALL, -1, NULL));
      text = g_strdup_printf ("[server]\nhosts = 127.0.0.1:%u\n"
                              "[auth]\ntype = htpasswd\nhtpasswd_filename = %s\n"
                              "htpasswd_encryption = plain\ndelay = 0\n"
                              "[rights]\ntype = from_file\nfile = %s\n"
                              "[storage]\nfilesystem_folder = %s\n"
                              "[logging]\nlevel = warning\n",
                              port, users, rights, storage);
      g_assert_true (g_file_set_contents (config, text, -1, NULL));

      launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_INHERIT);
      g_subprocess_launcher_set_stdout_file_path (launcher, log);
      g_subprocess_launcher_set_stderr_file_path (launcher, log);
      g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
      server->process = g_subprocess_launcher_spawn (launcher, &error, "/usr/bin/radicale",
                                                     "--config", config, NULL);
      g_assert_no_error (error);
      g_free (server->url);
      server->url = g_strdup_printf ("http://127.0.0.1:%u", port);
      if (wait_until_up (server))
        return TRUE;
      /* The port was taken in between: another one. */
      g_subprocess_force_exit (server->process);
      g_subprocess_wait (server->process, NULL, NULL);
      g_clear_object (&server->process);
    }

  g_error ("Radicale did not start (see %s/log)", server->dir);
  return FALSE;
}

void
radicale_stop (RadicaleServer *server)
{
  if (server->process != NULL)
    {
      g_subprocess_force_exit (server->process);
      g_subprocess_wait (server->process, NULL, NULL);
    }
  g_clear_object (&server->process);
  g_clear_object (&server->session);
  g_clear_pointer (&server->url, g_free);
  g_clear_pointer (&server->dir, g_free);
}

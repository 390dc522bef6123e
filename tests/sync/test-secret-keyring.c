/* test-secret-keyring.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Where the app keeps a source's password (spec/sync.md, "Secrets"),
 * against a real Secret Service and a real Radicale, through the calls the
 * Add Account dialog makes (resfri-sync-async.c):
 *  - gnome-keyring, unlocked: the password is in the keyring (found by the
 *    source's URL and user), the source has no password file, the database
 *    (WAL included) holds no byte of it, a sync works, removing the source
 *    clears the item;
 *  - no keyring on the bus: a file of mode 0600 in a folder of mode 0700,
 *    a sync works, removing the source removes the file;
 *  - a keyring that answers but is locked: adding says the keyring is
 *    locked and keeps nothing (no file), a sync of a source whose password
 *    is in it says so too, removing works; none of it waits;
 *  - gnome-keyring started without --unlock and no keyring made yet:
 *    adding says so and keeps nothing, at once.
 *
 * Each case gets a private dbus-daemon (a configuration without a
 * <servicedir>, so nothing is activated) and, where it has one, its own
 * gnome-keyring-daemon, started and stopped by this process; the case
 * itself runs in a subprocess (g_test_trap_subprocess()) that finds them
 * through its environment, since GDBus and libsecret keep the first
 * session bus they meet for the life of a process. The subprocess's
 * timeout only guards against a hang. Skipped without gnome-keyring-daemon
 * or dbus-daemon on PATH, or without Radicale.
 */

#define _GNU_SOURCE /* memmem */

#include "config.h"

#include <signal.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>

#include <glib/gstdio.h>
#include <libsecret/secret.h>

#include "radicale-fixture.h"
#include "resfri-test-util.h"
#include "resfri-core.h"
#include "resfri-store-private.h"

#define KEY_USER "keyuser"
#define KEY_PASSWORD "Kr7-unique-Passw0rd-4711"
#define KEYRING_PASSWORD "keyring-login-password"
#define EVENT_PATH "/" KEY_USER "/cal/meeting-1.ics"

/* Generous: each bound only ends a hung test. */
#define WAIT_SECONDS 120

typedef enum
{
  KEYRING_UNLOCKED,
  KEYRING_NONE,
  KEYRING_LOCKED,
  KEYRING_NEVER_UNLOCKED,
} KeyringMode;

typedef struct
{
  char           *dir;
  RadicaleServer  server;
  gboolean        radicale_up;
  GSubprocess    *bus;
  GSubprocess    *keyring;
  char           *address;
} Environment;

/* Our daemons end with us, also when an assertion aborts the test. */
static void
die_with_parent (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

static gboolean
on_deadline (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

static void
on_line (GObject      *object,
         GAsyncResult *result,
         gpointer      data)
{
  *(char **) data = g_data_input_stream_read_line_finish_utf8 (G_DATA_INPUT_STREAM (object),
                                                               result, NULL, NULL);
  if (*(char **) data == NULL)
    *(char **) data = g_strdup ("");
}

/* A dbus-daemon of our own; its address once it listens. */
static void
start_bus (Environment *env)
{
  g_autofree char *config = g_build_filename (env->dir, "bus.conf", NULL);
  g_autofree char *text = NULL;
  g_autofree char *arg = NULL;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autoptr(GError) error = NULL;
  gboolean expired = FALSE;
  char *line = NULL;
  guint timeout;

  text = g_strdup_printf ("<!DOCTYPE busconfig PUBLIC \"-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN\"\n"
                          " \"http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd\">\n"
                          "<busconfig>\n"
                          "  <type>session</type>\n"
                          "  <listen>unix:tmpdir=%s</listen>\n"
                          "  <auth>EXTERNAL</auth>\n"
                          "  <policy context=\"default\">\n"
                          "    <allow send_destination=\"*\" eavesdrop=\"true\"/>\n"
                          "    <allow eavesdrop=\"true\"/>\n"
                          "    <allow own=\"*\"/>\n"
                          "  </policy>\n"
                          "</busconfig>\n", env->dir);
  g_assert_true (g_file_set_contents (config, text, -1, NULL));
  arg = g_strconcat ("--config-file=", config, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  env->bus = g_subprocess_launcher_spawn (launcher, &error, "dbus-daemon", arg, "--nofork",
                                          "--print-address=1", NULL);
  g_assert_no_error (error);

  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (env->bus));
  g_data_input_stream_read_line_async (out, G_PRIORITY_DEFAULT, NULL, on_line, &line);
  timeout = g_timeout_add_seconds (WAIT_SECONDS, on_deadline, &expired);
  while (line == NULL && !expired)
    g_main_context_iteration (NULL, TRUE);
  if (!expired)
    g_source_remove (timeout);
  if (line == NULL || *g_strstrip (line) == '\0')
    g_error ("dbus-daemon gave no address");
  env->address = line;
}

static void
on_name_appeared (GDBusConnection *connection,
                  const char      *name,
                  const char      *owner,
                  gpointer         data)
{
  *(gboolean *) data = TRUE;
}

static void
on_exited (GObject      *object,
           GAsyncResult *result,
           gpointer      data)
{
  g_subprocess_wait_finish (G_SUBPROCESS (object), result, NULL);
  *(gboolean *) data = TRUE;
}

/* gnome-keyring-daemon on our bus, its keyrings in our folder (the login
 * keyring made and unlocked with a password on its stdin when @unlock,
 * else none at all); waited for until it owns org.freedesktop.secrets. */
static void
start_keyring (Environment *env,
               gboolean     unlock)
{
  g_autofree char *data = g_build_filename (env->dir, "keyring-data", NULL);
  g_autofree char *runtime = g_build_filename (env->dir, "keyring-runtime", NULL);
  g_autofree char *home = g_build_filename (env->dir, "keyring-home", NULL);
  g_autofree char *log = g_build_filename (env->dir, "keyring.log", NULL);
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GDBusConnection) connection = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  gboolean appeared = FALSE, exited = FALSE, expired = FALSE;
  guint watch, timeout;

  g_assert_cmpint (g_mkdir_with_parents (data, 0700), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (runtime, 0700), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (home, 0700), ==, 0);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE);
  g_subprocess_launcher_setenv (launcher, "DBUS_SESSION_BUS_ADDRESS", env->address, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", data, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_RUNTIME_DIR", runtime, TRUE);
  g_subprocess_launcher_setenv (launcher, "HOME", home, TRUE);
  g_subprocess_launcher_set_stdout_file_path (launcher, log);
  g_subprocess_launcher_set_stderr_file_path (launcher, log);
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  env->keyring = g_subprocess_launcher_spawn (launcher, &error, "gnome-keyring-daemon",
                                              "--foreground", "--components=secrets",
                                              unlock ? "--unlock" : NULL, NULL);
  g_assert_no_error (error);
  if (unlock)
    g_assert_true (g_output_stream_write_all (g_subprocess_get_stdin_pipe (env->keyring),
                                              KEYRING_PASSWORD, strlen (KEYRING_PASSWORD),
                                              NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_output_stream_close (g_subprocess_get_stdin_pipe (env->keyring), NULL, &error));

  connection = g_dbus_connection_new_for_address_sync (env->address,
                                                       G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
                                                       G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                                       NULL, NULL, &error);
  g_assert_no_error (error);
  watch = g_bus_watch_name_on_connection (connection, "org.freedesktop.secrets",
                                          G_BUS_NAME_WATCHER_FLAGS_NONE, on_name_appeared,
                                          NULL, &appeared, NULL);
  g_subprocess_wait_async (env->keyring, cancellable, on_exited, &exited);
  timeout = g_timeout_add_seconds (WAIT_SECONDS, on_deadline, &expired);
  while (!appeared && !exited && !expired)
    g_main_context_iteration (NULL, TRUE);
  if (!expired)
    g_source_remove (timeout);
  g_bus_unwatch_name (watch);
  g_cancellable_cancel (cancellable);
  while (!exited)
    g_main_context_iteration (NULL, TRUE);
  g_dbus_connection_close_sync (connection, NULL, NULL);
  if (!appeared)
    {
      g_autofree char *text = NULL;

      g_file_get_contents (log, &text, NULL, NULL);
      g_error ("gnome-keyring-daemon did not take org.freedesktop.secrets: %s", text);
    }
}

static void
stop_process (GSubprocess **process)
{
  if (*process == NULL)
    return;
  g_subprocess_send_signal (*process, SIGTERM);
  g_subprocess_wait (*process, NULL, NULL);
  g_clear_object (process);
}

static void
environment_stop (Environment *env)
{
  stop_process (&env->keyring);
  stop_process (&env->bus);
  if (env->radicale_up)
    radicale_stop (&env->server);
  if (env->dir != NULL)
    resfri_test_remove_tree (env->dir);
  g_clear_pointer (&env->dir, g_free);
  g_clear_pointer (&env->address, g_free);
}

/* The account of KEY_USER with one calendar holding one meeting. */
static void
prepare_server (Environment *env)
{
  g_autofree char *users = g_build_filename (env->server.dir, "users", NULL);
  const char *event =
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Resfri tests//EN\r\n"
    "BEGIN:VEVENT\r\nUID:keyring-meeting@test\r\nDTSTAMP:20260101T000000Z\r\n"
    "DTSTART:20260401T090000Z\r\nDTEND:20260401T100000Z\r\nSUMMARY:Nyckelmöte\r\n"
    "END:VEVENT\r\nEND:VCALENDAR\r\n";

  /* Radicale reads its htpasswd file at every login. */
  g_assert_true (g_file_set_contents (users, RADICALE_USER ":" RADICALE_PASSWORD "\n"
                                      KEY_USER ":" KEY_PASSWORD "\n", -1, NULL));
  radicale_make_calendar (&env->server, KEY_USER);
  g_assert_cmpuint (radicale_request (&env->server, "PUT", EVENT_PATH, "text/calendar", event),
                    ==, 201);
}

/* In the test's own process: the daemons, then the case in a subprocess,
 * then everything torn down whatever the case did. */
static void
run_case (KeyringMode mode)
{
  g_autofree char *data_home = NULL;
  Environment env = { 0 };
  g_autofree char *bus_program = g_find_program_in_path ("dbus-daemon");
  g_autofree char *keyring_program = g_find_program_in_path ("gnome-keyring-daemon");
  g_autoptr(GError) error = NULL;
  gboolean passed;

  if (bus_program == NULL)
    {
      g_test_skip ("dbus-daemon is not on PATH (Debian: dbus-daemon)");
      return;
    }
  if (mode != KEYRING_NONE && keyring_program == NULL)
    {
      g_test_skip ("gnome-keyring-daemon is not on PATH (Debian: gnome-keyring)");
      return;
    }

  env.dir = g_dir_make_tmp ("resfri-keyring-XXXXXX", &error);
  g_assert_no_error (error);
  if (!(env.radicale_up = radicale_start (&env.server, env.dir)))
    {
      environment_stop (&env);
      return;
    }
  prepare_server (&env);
  start_bus (&env);
  if (mode != KEYRING_NONE)
    start_keyring (&env, mode != KEYRING_NEVER_UNLOCKED);

  data_home = g_build_filename (env.dir, "data", NULL);
  g_assert_cmpint (g_mkdir_with_parents (data_home, 0700), ==, 0);
  g_setenv ("DBUS_SESSION_BUS_ADDRESS", env.address, TRUE);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  g_setenv ("RESFRI_TEST_KEYRING_DIR", env.dir, TRUE);
  g_setenv ("RESFRI_TEST_RADICALE_URL", env.server.url, TRUE);
  g_unsetenv ("DISPLAY");

  g_test_trap_subprocess (NULL, (guint64) WAIT_SECONDS * 3 * G_USEC_PER_SEC,
                          G_TEST_SUBPROCESS_INHERIT_STDERR);
  passed = g_test_trap_has_passed ();

  environment_stop (&env);
  if (!passed)
    g_test_fail_printf ("the case failed in its subprocess (its messages are above)");
}

/* In the subprocess */

typedef struct
{
  char        *dir;
  char        *db;
  char        *url;
  ResfriStore *store;
} Case;

static void
case_open (Case *c)
{
  g_autoptr(GError) error = NULL;

  c->dir = g_strdup (g_getenv ("RESFRI_TEST_KEYRING_DIR"));
  c->url = g_strconcat (g_getenv ("RESFRI_TEST_RADICALE_URL"), "/", NULL);
  g_assert_nonnull (c->dir);
  c->db = g_build_filename (c->dir, "resfri.db", NULL);
  c->store = resfri_store_open (c->db, &error);
  g_assert_no_error (error);
}

static void
case_close (Case *c)
{
  g_clear_object (&c->store);
  g_free (c->db);
  g_free (c->url);
  g_free (c->dir);
}

/* The Add Account dialog's call: resfri_sync_add_source_async(). */
static gint64
add_source (Case        *c,
            const char  *user,
            const char  *password,
            gboolean    *in_file,
            GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) missing = NULL;
  ResfriSource source = { 0 };

  source.kind = (char *) "caldav";
  source.url = c->url;
  source.user = (char *) user;
  source.name = (char *) "Radicale";
  resfri_sync_add_source_async (c->store, &source, password, NULL, resfri_test_ready, &result);
  return resfri_sync_add_source_finish (c->store, resfri_test_wait (&result), in_file, &missing,
                                        error);
}

static ResfriSyncResult *
sync_all (Case *c)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  ResfriSyncResult *sync;

  resfri_sync_run_async (c->store, NULL, NULL, resfri_test_ready, &result);
  sync = resfri_sync_run_finish (c->store, resfri_test_wait (&result), &error);
  g_assert_no_error (error);
  return sync;
}

static void
remove_source (Case   *c,
               gint64  id)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  resfri_sync_remove_source_async (c->store, id, NULL, resfri_test_ready, &result);
  g_assert_true (resfri_sync_remove_source_finish (c->store, resfri_test_wait (&result), &error));
  g_assert_no_error (error);
}

static gint64
count (Case       *c,
       const char *sql)
{
  g_autoptr(GError) error = NULL;
  gint64 n = _resfri_store_query_int (c->store, sql, &error);

  g_assert_no_error (error);
  return n;
}

/* The meeting from the server arrived, and nothing failed. */
static void
assert_synced (Case *c)
{
  g_autoptr(ResfriSyncResult) sync = sync_all (c);

  g_assert_false (resfri_sync_result_has_errors (sync));
  g_assert_cmpint (count (c, "SELECT count(*) FROM meetings WHERE uid = 'keyring-meeting@test'"),
                   ==, 1);
}

/* No byte of the password in the database file or its WAL. */
static void
assert_not_in_database (Case *c)
{
  const char *suffixes[] = { "", "-wal", "-journal", "-shm" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *path = g_strconcat (c->db, suffixes[i], NULL);
      g_autofree char *bytes = NULL;
      gsize length = 0;

      if (!g_file_get_contents (path, &bytes, &length, NULL))
        continue;
      g_assert_null (memmem (bytes, length, KEY_PASSWORD, strlen (KEY_PASSWORD)));
    }
}

/* The keyring's item for @url and @user, read as any libsecret client
 * would (by the attributes, not through Resfri's code). */
static char *
keyring_lookup (const char *url,
                const char *user)
{
  static const SecretSchema schema = {
    "se.resfri.Resfri.Source", SECRET_SCHEMA_NONE,
    { { "url", SECRET_SCHEMA_ATTRIBUTE_STRING }, { "user", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 } }
  };
  g_autoptr(GError) error = NULL;
  char *password;

  password = secret_password_lookup_sync (&schema, NULL, &error, "url", url, "user", user, NULL);
  g_assert_no_error (error);
  return password;
}

static char *
password_folder (void)
{
  return g_build_filename (g_get_user_data_dir (), "resfri", "passwords", NULL);
}

static void
case_keyring (void)
{
  g_autoptr(ResfriSource) source = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = password_folder ();
  char *password;
  gboolean in_file = TRUE;
  Case c = { 0 };
  gint64 id;

  case_open (&c);
  id = add_source (&c, KEY_USER, KEY_PASSWORD, &in_file, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  g_assert_false (in_file);

  password = keyring_lookup (c.url, KEY_USER);
  g_assert_cmpstr (password, ==, KEY_PASSWORD);
  secret_password_free (password);
  source = resfri_sources_get (c.store, id, &error);
  g_assert_no_error (error);
  g_assert_null (source->password_file);
  g_assert_cmpint (count (&c, "SELECT count(*) FROM sync_sources WHERE password_file IS NULL"),
                   ==, 1);
  g_assert_false (g_file_test (folder, G_FILE_TEST_EXISTS));

  assert_synced (&c);
  assert_not_in_database (&c);

  remove_source (&c, id);
  g_assert_cmpint (count (&c, "SELECT count(*) FROM sync_sources"), ==, 0);
  g_assert_null (keyring_lookup (c.url, KEY_USER));
  case_close (&c);
}

static void
case_no_keyring (void)
{
  g_autoptr(ResfriSource) source = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = password_folder ();
  g_autofree char *text = NULL;
  gboolean in_file = FALSE;
  GStatBuf st;
  Case c = { 0 };
  gint64 id;

  case_open (&c);
  id = add_source (&c, KEY_USER, KEY_PASSWORD, &in_file, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  g_assert_true (in_file);

  source = resfri_sources_get (c.store, id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (source->password_file);
  g_assert_true (g_str_has_prefix (source->password_file, folder));
  g_assert_cmpint (g_stat (source->password_file, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 07777, ==, 0600);
  g_assert_cmpint (g_stat (folder, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 07777, ==, 0700);
  g_assert_true (g_file_get_contents (source->password_file, &text, NULL, NULL));
  g_assert_cmpstr (text, ==, KEY_PASSWORD "\n");

  assert_synced (&c);
  assert_not_in_database (&c);

  remove_source (&c, id);
  g_assert_false (g_file_test (source->password_file, G_FILE_TEST_EXISTS));
  case_close (&c);
}

/* Locks the keyring's default collection, as a screen lock or the user
 * would; no prompt is needed for that. */
static void
lock_keyring (void)
{
  g_autoptr(SecretService) service = NULL;
  g_autoptr(SecretCollection) collection = NULL;
  g_autoptr(GError) error = NULL;
  GList *objects, *locked = NULL;

  service = secret_service_get_sync (SECRET_SERVICE_NONE, NULL, &error);
  g_assert_no_error (error);
  collection = secret_collection_for_alias_sync (service, SECRET_COLLECTION_DEFAULT,
                                                 SECRET_COLLECTION_NONE, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (collection);
  objects = g_list_append (NULL, collection);
  g_assert_cmpint (secret_service_lock_sync (service, objects, NULL, &locked, &error), ==, 1);
  g_assert_no_error (error);
  g_list_free (objects);
  g_list_free_full (locked, g_object_unref);
  g_assert_true (secret_collection_get_locked (collection));
}

static void
case_locked (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ResfriSyncResult) sync = NULL;
  g_autofree char *folder = password_folder ();
  const ResfriSyncSourceResult *result;
  gboolean in_file = FALSE;
  Case c = { 0 };
  gint64 id;

  case_open (&c);
  id = add_source (&c, KEY_USER, KEY_PASSWORD, &in_file, &error);
  g_assert_no_error (error);
  g_assert_false (in_file);
  lock_keyring ();

  /* A sync: the keyring is locked, said so (not "no password"). */
  sync = sync_all (&c);
  g_assert_true (resfri_sync_result_has_errors (sync));
  g_assert_cmpuint (sync->sources->len, ==, 1);
  result = g_ptr_array_index (sync->sources, 0);
  g_assert_nonnull (result->error);
  g_assert_nonnull (strstr (result->error, "The keyring is locked"));
  g_assert_nonnull (strstr (result->error, KEY_USER));
  g_assert_null (strstr (result->error, KEY_PASSWORD));
  g_assert_cmpint (count (&c, "SELECT count(*) FROM meetings WHERE uid = 'keyring-meeting@test'"),
                   ==, 0);

  /* Adding another account: refused, saying why; no file, no source. */
  g_assert_cmpint (add_source (&c, RADICALE_USER, RADICALE_PASSWORD, &in_file, &error), <, 0);
  g_assert_error (error, RESFRI_ERROR, RESFRI_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "The keyring is locked"));
  g_assert_nonnull (strstr (error->message, "unlock"));
  g_assert_null (strstr (error->message, RADICALE_PASSWORD));
  g_assert_false (g_file_test (folder, G_FILE_TEST_EXISTS));
  g_assert_cmpint (count (&c, "SELECT count(*) FROM sync_sources"), ==, 1);

  /* Removing the account still works. */
  remove_source (&c, id);
  g_assert_cmpint (count (&c, "SELECT count(*) FROM sync_sources"), ==, 0);
  assert_not_in_database (&c);
  case_close (&c);
}

/* gnome-keyring started without --unlock on a fresh folder: no login
 * keyring, and the prompt that would make one cannot be shown. */
static void
case_never_unlocked (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = password_folder ();
  gboolean in_file = FALSE;
  Case c = { 0 };

  case_open (&c);
  g_assert_cmpint (add_source (&c, KEY_USER, KEY_PASSWORD, &in_file, &error), <, 0);
  g_assert_error (error, RESFRI_ERROR, RESFRI_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "There is no default keyring"));
  g_assert_null (strstr (error->message, KEY_PASSWORD));
  g_assert_false (g_file_test (folder, G_FILE_TEST_EXISTS));
  g_assert_cmpint (count (&c, "SELECT count(*) FROM sync_sources"), ==, 0);
  assert_not_in_database (&c);
  case_close (&c);
}

static void
test_keyring (void)
{
  if (g_test_subprocess ())
    case_keyring ();
  else
    run_case (KEYRING_UNLOCKED);
}

static void
test_no_keyring (void)
{
  if (g_test_subprocess ())
    case_no_keyring ();
  else
    run_case (KEYRING_NONE);
}

static void
test_locked (void)
{
  if (g_test_subprocess ())
    case_locked ();
  else
    run_case (KEYRING_LOCKED);
}

static void
test_never_unlocked (void)
{
  if (g_test_subprocess ())
    case_never_unlocked ();
  else
    run_case (KEYRING_NEVER_UNLOCKED);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/secret/keyring", test_keyring);
  g_test_add_func ("/secret/no-keyring", test_no_keyring);
  g_test_add_func ("/secret/locked-keyring", test_locked);
  g_test_add_func ("/secret/never-unlocked-keyring", test_never_unlocked);
  return g_test_run ();
}

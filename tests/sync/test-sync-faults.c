/* test-sync-faults.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Faults of the server, one at a time, against a real Radicale behind a
 * faulty proxy (fault-proxy.h), through `resfri-cli sync` as IT would run
 * it: no access (403), a 5xx, 429 and 503 with Retry-After retried and
 * then reported, a server that stops answering (before its answer or in
 * the middle of it), a multistatus cut short, an answer too large to
 * hold, and a server that refuses connections. Two
 * calendars are followed and the fault hits one: the sync exits 1 with one
 * line that names the source, the calendar and what to do; the other
 * calendar's changes land; the faulty one's meetings are as before (nothing
 * half-written); the next sync without the fault brings everything. And
 * the desktop app's Cancel ends the wait for a Retry-After.
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "fault-proxy.h"
#include "radicale-fixture.h"
#include "resfri-test-util.h"
#include "resfri-core.h"

/* The faulty calendar sorts first, so the healthy one is synced after
 * the fault, on the same session. */
#define BAD "/svc/bad/"
#define OK "/svc/ok/"

typedef struct
{
  char           *dir;
  char           *db;
  char           *password_file;
  RadicaleServer  server;
  gboolean        up;
  FaultProxy      proxy;
} Fixture;

typedef struct
{
  FaultKind    fault;
  guint        status;
  gsize        size;
  const char  *env;          /* NAME=VALUE for the sync, or NULL */
  guint        faulted;      /* requests that get the fault */
  const char  *expected[3];  /* in the error line */
} FaultCase;

/* resfri-cli */

typedef struct
{
  char *out;
  char *err;
  int   status;
} CliRun;

static void
cli_run_clear (CliRun *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

/* `resfri-cli --db DB ARGS…`, with @env (NAME=VALUE or NULL) set. */
static void
run_cli (const char *db,
         const char *env,
         CliRun     *run,
         ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  va_list ap;

  g_ptr_array_add (args, (char *) g_getenv ("RESFRI_CLI"));
  g_ptr_array_add (args, (char *) "--db");
  g_ptr_array_add (args, (char *) db);
  va_start (ap, run);
  for (const char *arg = va_arg (ap, const char *); arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (args, (char *) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  if (env != NULL)
    {
      g_auto(GStrv) pair = g_strsplit (env, "=", 2);

      g_subprocess_launcher_setenv (launcher, pair[0], pair[1], TRUE);
    }
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) args->pdata, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_communicate_utf8 (process, NULL, NULL, &run->out, &run->err, &error));
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  run->status = g_subprocess_get_exit_status (process);
}

#define cli_ok(db, ...) G_STMT_START {                                  \
    CliRun ok_run = { 0 };                                              \
    run_cli (db, NULL, &ok_run, __VA_ARGS__);                           \
    if (ok_run.status != 0)                                             \
      g_error ("resfri-cli failed: %s%s", ok_run.out, ok_run.err);      \
    cli_run_clear (&ok_run);                                            \
  } G_STMT_END

/* What the database holds of the meetings whose UID starts with @prefix:
 * their exported VEVENTs. */
static char *
meetings_of (const char *db,
             const char *prefix)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *needle = g_strconcat ("UID:", prefix, NULL);
  g_auto(GStrv) events = NULL;
  CliRun run = { 0 };

  run_cli (db, NULL, &run, "export", "--from", "2026-01-01", "--to", "2027-01-01", "-", NULL);
  g_assert_cmpint (run.status, ==, 0);
  events = g_strsplit (run.out, "BEGIN:VEVENT", -1);
  for (guint i = 1; events[i] != NULL; i++)
    if (strstr (events[i], needle) != NULL)
      g_string_append (g_string_append (out, "BEGIN:VEVENT"), events[i]);
  cli_run_clear (&run);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* Fixture */

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("resfri-faults-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->db = g_build_filename (fixture->dir, "resfri.db", NULL);
  fixture->password_file = g_build_filename (fixture->dir, "password", NULL);
  g_assert_true (g_file_set_contents (fixture->password_file, RADICALE_PASSWORD "\n", -1, NULL));
  g_assert_cmpint (g_chmod (fixture->password_file, 0600), ==, 0);
  fixture->up = radicale_start (&fixture->server, fixture->dir);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  if (fixture->proxy.url != NULL)
    fault_proxy_stop (&fixture->proxy);
  radicale_stop (&fixture->server);
  resfri_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->db);
  g_free (fixture->password_file);
}

/* PUT /svc/CALENDAR/NAME.ics: one meeting on 2026-03-DAY. */
static void
put_meeting (Fixture    *fixture,
             const char *calendar,
             const char *name,
             int         day,
             int         sequence,
             const char *summary)
{
  g_autofree char *path = g_strdup_printf ("%s%s.ics", calendar, name);
  g_autofree char *body = NULL;
  guint status;

  body = g_strdup_printf ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Resfri tests//EN\r\n"
                          "BEGIN:VEVENT\r\nUID:%s@test\r\nDTSTAMP:20260101T000000Z\r\n"
                          "DTSTART:202603%02dT080000Z\r\nDTEND:202603%02dT090000Z\r\n"
                          "SEQUENCE:%d\r\nSUMMARY:%s\r\nORGANIZER:mailto:svc@example.org\r\n"
                          "END:VEVENT\r\nEND:VCALENDAR\r\n", name, day, day, sequence, summary);
  status = radicale_request (&fixture->server, "PUT", path, "text/calendar; charset=utf-8", body);
  g_assert_true (status == 201 || status == 204);
}

/* The calendars /svc/bad/ and /svc/ok/, one meeting in each, followed
 * through the proxy and synced. */
static void
set_up_calendars (Fixture *fixture)
{
  guint status = radicale_request (&fixture->server, "MKCOL", "/svc/", NULL, NULL);

  g_assert_true (status == 201 || status == 405);
  g_assert_cmpuint (radicale_request (&fixture->server, "MKCALENDAR", BAD, NULL, NULL), ==, 201);
  g_assert_cmpuint (radicale_request (&fixture->server, "MKCALENDAR", OK, NULL, NULL), ==, 201);
  put_meeting (fixture, BAD, "bad-1", 2, 0, "Före felet");
  put_meeting (fixture, OK, "ok-1", 3, 0, "Frisk");

  fault_proxy_start (&fixture->proxy, fixture->server.url);
  cli_ok (fixture->db, "sources", "add", "caldav", fixture->proxy.url, "--user", RADICALE_USER,
          "--password-file", fixture->password_file, NULL);
  cli_ok (fixture->db, "sync", NULL);
}

/* Changes on the server to both calendars while the fault is on. */
static void
change_both (Fixture *fixture)
{
  put_meeting (fixture, OK, "ok-2", 4, 0, "Under felet");
  put_meeting (fixture, BAD, "bad-1", 5, 1, "Flyttat under felet");
  put_meeting (fixture, BAD, "bad-2", 6, 0, "Nytt under felet");
}

/* After the fault is gone: everything lands. */
static void
check_all_arrive (Fixture *fixture)
{
  g_autofree char *bad = NULL;
  g_autofree char *ok = NULL;

  cli_ok (fixture->db, "sync", NULL);
  bad = meetings_of (fixture->db, "bad-");
  ok = meetings_of (fixture->db, "ok-");
  g_assert_nonnull (strstr (bad, "Flyttat under felet"));
  g_assert_nonnull (strstr (bad, "UID:bad-2@test"));
  g_assert_null (strstr (bad, "Före felet"));
  g_assert_nonnull (strstr (ok, "UID:ok-2@test"));
}

/* `sync` with the fault on: exit 1, one line on stderr that names the
 * source, the calendar and what to do (the @expected, up to NULL); the
 * other calendar's changes land, the faulty one's meetings are @before. */
static void
sync_with_fault (Fixture           *fixture,
                 const char        *env,
                 const char        *before,
                 const char * const expected[3])
{
  g_autofree char *after = NULL;
  g_autofree char *ok = NULL;
  CliRun run = { 0 };

  run_cli (fixture->db, env, &run, "sync", NULL);
  g_test_message ("%s", run.err);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_true (g_str_has_prefix (run.err, "resfri-cli: source 1, calendar " BAD ": "));
  g_assert_cmpint (strchr (run.err, '\n') - run.err, ==, strlen (run.err) - 1);
  for (guint i = 0; i < 3 && expected[i] != NULL; i++)
    g_assert_nonnull (strstr (run.err, expected[i]));
  g_assert_null (strstr (run.err, RADICALE_PASSWORD));
  cli_run_clear (&run);

  ok = meetings_of (fixture->db, "ok-");
  g_assert_nonnull (strstr (ok, "UID:ok-2@test"));
  after = meetings_of (fixture->db, "bad-");
  g_assert_cmpstr (after, ==, before);
}

static void
test_fault (Fixture       *fixture,
            gconstpointer  user_data)
{
  const FaultCase *fault = user_data;
  g_autofree char *before = NULL;
  CliRun run = { 0 };

  if (!fixture->up)
    return;
  set_up_calendars (fixture);
  before = meetings_of (fixture->db, "bad-");
  g_assert_nonnull (strstr (before, "Före felet"));
  change_both (fixture);

  fixture->proxy.fault_size = fault->size;
  fault_proxy_set_fault (&fixture->proxy, BAD, fault->fault, fault->status);
  sync_with_fault (fixture, fault->env, before, fault->expected);
  g_assert_cmpuint (fault_proxy_faulted (&fixture->proxy), ==, fault->faulted);

  /* The error is kept for `sources list`. */
  run_cli (fixture->db, NULL, &run, "sources", "list", NULL);
  g_assert_nonnull (strstr (run.out, fault->expected[0]));
  cli_run_clear (&run);

  fault_proxy_set_fault (&fixture->proxy, NULL, FAULT_NONE, 0);
  check_all_arrive (fixture);
}

/* A server that refuses connections: the source that reaches it fails,
 * another source on the same server syncs. */
static void
test_refused (Fixture       *fixture,
              gconstpointer  user_data)
{
  static const char * const expected[3] = {
    "cannot reach 127.0.0.1", "check the address and the network", NULL
  };
  g_autofree char *before = NULL;

  if (!fixture->up)
    return;
  set_up_calendars (fixture);                         /* source 1, by the proxy */
  cli_ok (fixture->db, "sources", "add", "caldav", fixture->server.url, "--user", RADICALE_USER,
          "--password-file", fixture->password_file, NULL);   /* source 2, direct */
  cli_ok (fixture->db, "sources", "unfollow", "1", OK, NULL);
  cli_ok (fixture->db, "sources", "unfollow", "2", BAD, NULL);
  cli_ok (fixture->db, "sync", NULL);
  before = meetings_of (fixture->db, "bad-");
  change_both (fixture);

  fault_proxy_stop (&fixture->proxy);
  sync_with_fault (fixture, NULL, before, expected);

  /* The same port again. */
  fault_proxy_start (&fixture->proxy, fixture->server.url);
  check_all_arrive (fixture);
}

/* Cancel during the wait for a Retry-After (the desktop app's way, on a
 * worker thread): the wait ends, no retry is sent, nothing is written. */
static void
test_cancel_retry_wait (Fixture       *fixture,
                        gconstpointer  user_data)
{
  g_autoptr(ResfriStore) store = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) async_result = NULL;
  g_autoptr(ResfriSyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  if (!fixture->up)
    return;
  set_up_calendars (fixture);
  before = meetings_of (fixture->db, "bad-");
  change_both (fixture);

  /* Three waits of a minute each, unless Cancel ends them. */
  fixture->proxy.retry_after = "60";
  fault_proxy_set_fault (&fixture->proxy, BAD, FAULT_STATUS, 503);
  store = resfri_store_open (fixture->db, &error);
  g_assert_no_error (error);
  resfri_sync_run_async (store, NULL, cancellable, resfri_test_ready, &async_result);
  while (fault_proxy_faulted (&fixture->proxy) == 0)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (10000);
    }
  g_cancellable_cancel (cancellable);
  resfri_test_wait (&async_result);
  result = resfri_sync_run_finish (store, async_result, &error);
  if (result == NULL)
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (fault_proxy_faulted (&fixture->proxy), ==, 1);
  /* A cancellation is no calendar's error (it was recorded as one on every
   * calendar not yet synced). */
  {
    g_autoptr(GError) list_error = NULL;
    g_autoptr(GPtrArray) calendars = resfri_sources_list_calendars (store, 1, &list_error);

    g_assert_no_error (list_error);
    g_assert_cmpuint (calendars->len, >, 0);
    for (guint i = 0; i < calendars->len; i++)
      g_assert_null (((ResfriSourceCalendar *) g_ptr_array_index (calendars, i))->last_error);
  }
  g_clear_object (&store);

  after = meetings_of (fixture->db, "bad-");
  g_assert_cmpstr (after, ==, before);
  fault_proxy_set_fault (&fixture->proxy, NULL, FAULT_NONE, 0);
  check_all_arrive (fixture);
}

static const FaultCase no_access = {
  FAULT_STATUS, 403, 0, NULL,
  3,  /* sync-collection with the token, without it, PROPFIND */
  { "no access to ", "ask its owner to share it with svc" }
};
static const FaultCase server_error = {
  FAULT_STATUS, 502, 0, NULL, 1,
  { "answered HTTP 502", "try again later" }
};
static const FaultCase busy = {
  FAULT_STATUS, 503, 0, NULL,
  4,  /* the first and three retries */
  { "is busy (HTTP 503", "after 3 retries", "try again later" }
};
static const FaultCase throttled = {
  FAULT_STATUS, 429, 0, NULL, 4,
  { "is busy (HTTP 429 Too Many Requests)", "after 3 retries", "try again later" }
};
static const FaultCase hang = {
  FAULT_HANG, 0, 0, "RESFRI_TEST_HTTP_TIMEOUT=2", 1,
  { "the server 127.0.0.1 did not answer in 2 s", "try again later" }
};
static const FaultCase stall = {
  FAULT_STALL, 0, 0, "RESFRI_TEST_HTTP_TIMEOUT=2", 1,
  { "the server 127.0.0.1 did not answer in 2 s", "try again later" }
};
static const FaultCase malformed = {
  FAULT_MALFORMED, 0, 0, NULL,
  2,  /* sync-collection, then PROPFIND as for a server without it */
  { "gave an answer Resfri cannot read", "tell the server's administrator" }
};
/* sync-collection with calendar-data, then with the ETags alone. */
static const FaultCase huge = {
  FAULT_HUGE, 0, 3 << 20, "RESFRI_TEST_MAX_ANSWER_MIB=1", 2,
  { "sent an answer larger than 1 MiB", "tell the server's administrator" }
};

/* Refused on its Content-Length, before a byte of the body is waited for
 * (the proxy never sends the rest: reading on would end in the timeout's
 * message instead). */
static const FaultCase huge_declared = {
  FAULT_HUGE_DECLARED, 0, 3 << 20, "RESFRI_TEST_MAX_ANSWER_MIB=1", 2,
  { "sent an answer larger than 1 MiB", "tell the server's administrator" }
};

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, data, func) \
  g_test_add (path, Fixture, data, fixture_set_up, func, fixture_tear_down)
  ADD ("/sync-faults/no-access", &no_access, test_fault);
  ADD ("/sync-faults/server-error", &server_error, test_fault);
  ADD ("/sync-faults/busy", &busy, test_fault);
  ADD ("/sync-faults/throttled", &throttled, test_fault);
  ADD ("/sync-faults/hang", &hang, test_fault);
  ADD ("/sync-faults/stall", &stall, test_fault);
  ADD ("/sync-faults/malformed-xml", &malformed, test_fault);
  ADD ("/sync-faults/huge-answer", &huge, test_fault);
  ADD ("/sync-faults/huge-declared", &huge_declared, test_fault);
  ADD ("/sync-faults/refused", NULL, test_refused);
  ADD ("/sync-faults/cancel-retry-wait", NULL, test_cancel_retry_wait);
#undef ADD

  return g_test_run ();
}

/* test-sync.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Live calendars against a real Radicale (radicale-fixture.h), through
 * `resfri-cli` as IT would run it: everyone's calendar of a small
 * municipality followed with one service account gives the verdicts of a
 * file import of the same meetings; changes and deletions made on the
 * server arrive; an unchanged calendar costs one request; a sync killed
 * after any request resumes to the same state; a published feed; and the
 * failures (wrong password, a calendar gone, an unknown host, a server
 * without sync-collection, 429 and 500 from a faulty proxy), each named,
 * the other calendars still synced.
 */

#include "config.h"

#include <signal.h>
#include <string.h>
#include <sys/stat.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "fault-proxy.h"
#include "http-thread.h"
#include "radicale-fixture.h"
#include "resfri-test-util.h"
#include "resfri-core.h"
#include "resfri-store-private.h"

typedef struct
{
  char           *dir;
  char           *db;
  char           *password_file;
  RadicaleServer  server;
  gboolean        up;
} Fixture;

static const char * const people[] = {
  "Erik.Lind@uddevalla.se",
  "anna.svensson@vanersborg.se",
  "asa.oberg@vanersborg.se",
  "jonas.berg@vanersborg.se",
  "karin.ek@vanersborg.se",
};

/* Running resfri-cli */

typedef struct
{
  char     *out;
  char     *err;
  int       status;     /* exit status, or -1 when killed */
  int       signal;
} CliRun;

static void
cli_run_clear (CliRun *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

static void
run_cli_va (const char  *db,
            const char  *env,        /* NAME=VALUE, or NULL */
            CliRun      *run,
            const char  *first,
            va_list      ap)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (args, (char *) g_getenv ("RESFRI_CLI"));
  g_ptr_array_add (args, (char *) "--db");
  g_ptr_array_add (args, (char *) db);
  for (const char *arg = first; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (args, (char *) arg);
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
  if (g_subprocess_get_if_signaled (process))
    {
      run->status = -1;
      run->signal = g_subprocess_get_term_sig (process);
    }
  else
    {
      run->status = g_subprocess_get_exit_status (process);
      run->signal = 0;
    }
}

/* `resfri-cli --db DB ARGS…`, with @env (NAME=VALUE) in its environment,
 * e.g. the test hook that kills it after that many requests. */
static void
run_cli_env (const char  *db,
             const char  *env,
             CliRun      *run,
             const char  *first,
             ...)
{
  va_list ap;

  va_start (ap, first);
  run_cli_va (db, env, run, first, ap);
  va_end (ap);
}

#define run_cli(db, run, ...) run_cli_env (db, NULL, run, __VA_ARGS__)

/* The same, which must succeed. */
static void
cli_ok (const char *db,
        const char *first,
        ...)
{
  CliRun run = { 0 };
  va_list ap;

  va_start (ap, first);
  run_cli_va (db, NULL, &run, first, ap);
  va_end (ap);
  if (run.status != 0)
    g_error ("resfri-cli %s failed: %s%s", first, run.out, run.err);
  cli_run_clear (&run);
}

/* Fixture */

static char *
data_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", name, NULL);
}

static void
load_registers (const char *db)
{
  static const char * const kinds[] = { "sites", "people", "rooms", "distances" };

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      g_autofree char *name = g_strconcat (kinds[i], ".csv", NULL);
      g_autofree char *path = data_path (name);

      cli_ok (db, kinds[i], "import", path, NULL);
    }
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("resfri-sync-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->db = g_build_filename (fixture->dir, "resfri.db", NULL);
  fixture->password_file = g_build_filename (fixture->dir, "password", NULL);
  g_assert_true (g_file_set_contents (fixture->password_file, RADICALE_PASSWORD "\n", -1, NULL));
  g_assert_cmpint (g_chmod (fixture->password_file, 0600), ==, 0);

  fixture->up = radicale_start (&fixture->server, fixture->dir);
  if (fixture->up)
    load_registers (fixture->db);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  radicale_stop (&fixture->server);
  resfri_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->db);
  g_free (fixture->password_file);
}

/* Meetings */

static char *
vevent (const char *uid,
        const char *organizer,
        const char *attendees,   /* comma-separated emails */
        const char *start,       /* 20260302T080000Z */
        const char *end,
        int         sequence,
        const char *summary,
        const char *extra)       /* more lines, or "" */
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_auto(GStrv) list = g_strsplit (attendees, ",", -1);

  g_string_append_printf (text,
                          "BEGIN:VEVENT\r\nUID:%s\r\nDTSTAMP:20260101T000000Z\r\n"
                          "DTSTART:%s\r\nDTEND:%s\r\nSEQUENCE:%d\r\nSUMMARY:%s\r\n"
                          "ORGANIZER:mailto:%s\r\n",
                          uid, start, end, sequence, summary, organizer);
  for (guint i = 0; list[i] != NULL; i++)
    if (list[i][0] != '\0')
      g_string_append_printf (text, "ATTENDEE;PARTSTAT=ACCEPTED:mailto:%s\r\n", list[i]);
  g_string_append (text, extra);
  g_string_append (text, "END:VEVENT\r\n");
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static char *
vcalendar (const char *vevents)
{
  return g_strconcat ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Resfri tests//EN\r\n",
                      vevents, "END:VCALENDAR\r\n", NULL);
}

static void
put (Fixture    *fixture,
     const char *owner,
     const char *name,
     const char *vevents)
{
  g_autofree char *path = g_strdup_printf ("/%s/cal/%s.ics", owner, name);
  g_autofree char *body = vcalendar (vevents);
  guint status = radicale_request (&fixture->server, "PUT", path, "text/calendar; charset=utf-8", body);

  g_assert_true (status == 201 || status == 204);
}

/* put(), of a text made for it (freed). */
static void
put_new (Fixture    *fixture,
         const char *owner,
         const char *name,
         char       *vevents)
{
  put (fixture, owner, name, vevents);
  g_free (vevents);
}

static void
delete (Fixture    *fixture,
        const char *owner,
        const char *name)
{
  g_autofree char *path = g_strdup_printf ("/%s/cal/%s.ics", owner, name);

  g_assert_cmpuint (radicale_request (&fixture->server, "DELETE", path, NULL, NULL), ==, 200);
}

/* The small municipality's meetings: the organiser's copy in each
 * calendar, except a stale attendee copy that must lose. */
static char *m1, *m1_stale, *m2, *m3, *m4;

static void
make_meetings (void)
{
  if (m1 != NULL)
    return;
  m1 = vevent ("m1@test", "anna.svensson@vanersborg.se",
               "asa.oberg@vanersborg.se,jonas.berg@vanersborg.se",
               "20260302T080000Z", "20260302T090000Z", 1, "Ledningsgrupp",
               "LOCATION:Sessionssalen\r\n");
  m1_stale = vevent ("m1@test", "anna.svensson@vanersborg.se",
                     "asa.oberg@vanersborg.se,jonas.berg@vanersborg.se",
                     "20260302T120000Z", "20260302T130000Z", 3, "Ledningsgrupp (old copy)",
                     "LOCATION:Uddevalla\r\n");
  m2 = vevent ("m2@test", "Erik.Lind@uddevalla.se", "karin.ek@vanersborg.se",
               "20260303T130000Z", "20260303T140000Z", 0, "Skolplan",
               "LOCATION:https://meet.example.org/skolplan\r\n");
  m3 = vevent ("m3@test", "karin.ek@vanersborg.se", "anna.svensson@vanersborg.se",
               "20260304T070000Z", "20260304T080000Z", 0, "Veckomöte",
               "RRULE:FREQ=WEEKLY;COUNT=4\r\nLOCATION:Sessionssalen\r\n");
  m4 = vevent ("m4@test", "extern@example.org", "jonas.berg@vanersborg.se",
               "20260305T090000Z", "20260305T100000Z", 0, "Leverantör", "");
}

static void
populate (Fixture *fixture)
{
  g_autofree char *m3_override = NULL;
  g_autofree char *m3_both = NULL;

  make_meetings ();
  for (guint i = 0; i < G_N_ELEMENTS (people); i++)
    radicale_make_calendar (&fixture->server, people[i]);

  m3_override = vevent ("m3@test", "karin.ek@vanersborg.se", "anna.svensson@vanersborg.se",
                        "20260311T120000Z", "20260311T130000Z", 1, "Veckomöte (flyttat)",
                        "RECURRENCE-ID:20260311T070000Z\r\nLOCATION:Sessionssalen\r\n");
  m3_both = g_strconcat (m3, m3_override, NULL);

  put (fixture, "anna.svensson@vanersborg.se", "m1", m1);
  put (fixture, "asa.oberg@vanersborg.se", "m1", m1_stale);
  put (fixture, "jonas.berg@vanersborg.se", "m1", m1);
  put (fixture, "Erik.Lind@uddevalla.se", "m2", m2);
  put (fixture, "karin.ek@vanersborg.se", "m2", m2);
  put (fixture, "karin.ek@vanersborg.se", "m3", m3_both);
  put (fixture, "anna.svensson@vanersborg.se", "m3", m3_both);
  put (fixture, "jonas.berg@vanersborg.se", "m4", m4);
}

/* m2 moved to 15:00 by its organiser (SEQUENCE 1), a text to free. */
static char *
moved_m2 (void)
{
  return vevent ("m2@test", "Erik.Lind@uddevalla.se", "karin.ek@vanersborg.se",
                 "20260303T150000Z", "20260303T160000Z", 1, "Skolplan (flyttad)", "");
}

/* The same meetings as one file, the organisers' copies. */
static char *
meetings_file (Fixture *fixture)
{
  g_autofree char *m3_override = vevent ("m3@test", "karin.ek@vanersborg.se",
                                         "anna.svensson@vanersborg.se",
                                         "20260311T120000Z", "20260311T130000Z", 1,
                                         "Veckomöte (flyttat)",
                                         "RECURRENCE-ID:20260311T070000Z\r\nLOCATION:Sessionssalen\r\n");
  g_autofree char *all = g_strconcat (m1, m2, m3, m3_override, m4, NULL);
  g_autofree char *text = vcalendar (all);
  char *path = g_build_filename (fixture->dir, "meetings.ics", NULL);

  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  return path;
}

/* Everyone's calendar through the service account, at @url. */
static void
add_source_at (Fixture    *fixture,
               const char *url)
{
  g_autofree char *template = g_strconcat (url, "/{email}/", NULL);

  cli_ok (fixture->db, "sources", "add", "caldav", url, "--user", RADICALE_USER,
          "--password-file", fixture->password_file, "--people-template", template, NULL);
}

static void
add_source (Fixture *fixture)
{
  add_source_at (fixture, fixture->server.url);
}

/* The same through @proxy, started in front of the server. */
static void
add_proxied_source (Fixture    *fixture,
                    FaultProxy *proxy)
{
  fault_proxy_start (proxy, fixture->server.url);
  add_source_at (fixture, proxy->url);
}

static JsonNode *
parse_json (const char *text)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = json_from_string (text, &error);

  g_assert_no_error (error);
  return node;
}

/* `sync --format json`, which must exit @expected_status: its requests. */
static gint64
sync_requests_env (const char *db,
                   const char *env,
                   int         expected_status)
{
  CliRun run = { 0 };
  gint64 requests;

  run_cli_env (db, env, &run, "sync", "--format", "json", NULL);
  if (run.status != expected_status)
    g_error ("sync: %d, %s%s", run.status, run.out, run.err);
  {
    g_autoptr(JsonNode) root = parse_json (run.out);

    requests = json_object_get_int_member (json_node_get_object (root), "requests");
  }
  cli_run_clear (&run);
  return requests;
}

static gint64
sync_requests (const char *db,
               int         expected_status)
{
  return sync_requests_env (db, NULL, expected_status);
}

/* What the database holds, to compare two databases. */
static char *
dump_state (const char *db)
{
  g_autoptr(ResfriStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  CliRun run = { 0 };
  sqlite3_stmt *stmt;

  run_cli (db, &run, "check", "--format", "json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_string_append (out, run.out);
  cli_run_clear (&run);

  store = resfri_store_open (db, &error);
  g_assert_no_error (error);
  stmt = _resfri_store_prepare (store,
                                "SELECT uid || '|' || recurrence_id || '|' || sequence || '|' ||"
                                " coalesce (summary, '') FROM meetings ORDER BY uid, recurrence_id",
                                &error);
  g_assert_no_error (error);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (out, "%s\n", sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  stmt = _resfri_store_prepare (store,
                                "SELECT uid || '|' || recurrence_id || '|' || start || '|' || end"
                                " || '|' || cancelled FROM occurrences ORDER BY uid, start", &error);
  g_assert_no_error (error);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (out, "%s\n", sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  g_string_append_printf (out, "resources %" G_GINT64_FORMAT "\n",
                          _resfri_store_query_int (store, "SELECT count (*) FROM sync_resources",
                                                   NULL));
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static gint64
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

static void
copy_file (const char *from,
           const char *to)
{
  g_autoptr(GFile) source = g_file_new_for_path (from);
  g_autoptr(GFile) target = g_file_new_for_path (to);
  g_autoptr(GError) error = NULL;

  g_file_copy (source, target, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, &error);
  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    g_assert_no_error (error);
}

static void
copy_db (const char *from,
         const char *to)
{
  static const char * const suffixes[] = { "", "-wal", "-shm" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *a = g_strconcat (from, suffixes[i], NULL);
      g_autofree char *b = g_strconcat (to, suffixes[i], NULL);

      g_unlink (b);
      copy_file (a, b);
    }
}

/* (a) Everyone's calendar through one service account = one file. */
static void
test_people_template_same_verdicts (Fixture       *fixture,
                                    gconstpointer  user_data)
{
  g_autofree char *file = NULL;
  g_autofree char *file_db = NULL;
  CliRun synced = { 0 };
  CliRun imported = { 0 };
  CliRun run = { 0 };

  if (!fixture->up)
    return;
  populate (fixture);
  add_source (fixture);

  run_cli (fixture->db, &run, "sources", "list", "--format", "json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  {
    g_autoptr(JsonNode) root = parse_json (run.out);
    JsonObject *source = json_array_get_object_element (json_node_get_array (root), 0);
    JsonArray *calendars = json_object_get_array_member (source, "calendars");

    g_assert_cmpstr (json_object_get_string_member (source, "kind"), ==, "caldav");
    g_assert_cmpuint (json_array_get_length (calendars), ==, G_N_ELEMENTS (people));
    for (guint i = 0; i < json_array_get_length (calendars); i++)
      {
        JsonObject *calendar = json_array_get_object_element (calendars, i);

        g_assert_cmpstr (json_object_get_string_member (calendar, "role"), ==, "person");
        g_assert_true (json_object_get_boolean_member (calendar, "following"));
      }
  }
  cli_run_clear (&run);

  run_cli (fixture->db, &run, "sync", NULL);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_cmpint (run.status, ==, 0);
  cli_run_clear (&run);

  file = meetings_file (fixture);
  file_db = g_build_filename (fixture->dir, "file.db", NULL);
  load_registers (file_db);
  cli_ok (file_db, "import", file, NULL);

  run_cli (fixture->db, &synced, "check", "--format", "json", NULL);
  run_cli (file_db, &imported, "check", "--format", "json", NULL);
  g_assert_cmpint (synced.status, ==, 0);
  g_assert_cmpstr (synced.out, ==, imported.out);
  /* The organiser's copy won over the attendee's higher SEQUENCE. */
  g_assert_nonnull (strstr (synced.out, "\"Ledningsgrupp\""));
  g_assert_null (strstr (synced.out, "old copy"));
  cli_run_clear (&synced);
  cli_run_clear (&imported);
}

static JsonObject *
find_calendar (JsonNode   *root,
               const char *owner)
{
  JsonArray *sources = json_object_get_array_member (json_node_get_object (root), "sources");
  g_autofree char *href = g_strdup_printf ("/%s/cal/", owner);

  for (guint i = 0; i < json_array_get_length (sources); i++)
    {
      JsonArray *calendars = json_object_get_array_member (json_array_get_object_element (sources, i),
                                                           "calendars");

      for (guint j = 0; j < json_array_get_length (calendars); j++)
        {
          JsonObject *calendar = json_array_get_object_element (calendars, j);
          g_autofree char *unescaped = g_uri_unescape_string (json_object_get_string_member (calendar, "href"), NULL);

          if (g_strcmp0 (unescaped, href) == 0)
            return calendar;
        }
    }
  g_assert_not_reached ();
}

/* (b) Changes and deletions on the server arrive; an attendee's copy
 * going removes the meeting only when no calendar holds it; (c) an
 * unchanged calendar costs one request. */
static void
test_changes_arrive (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autofree char *m2_moved = NULL;
  CliRun run = { 0 };

  if (!fixture->up)
    return;
  populate (fixture);
  add_source (fixture);
  /* The report brings each resource's calendar-data: one request per
   * calendar, no calendar-multiget. */
  g_assert_cmpint (sync_requests (fixture->db, 0), ==, G_N_ELEMENTS (people));
  g_assert_cmpint (count (fixture->db, "SELECT count (*) FROM meetings WHERE uid = 'm1@test'"), ==, 1);

  /* (c) */
  run_cli (fixture->db, &run, "sync", "--format", "json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  {
    g_autoptr(JsonNode) root = parse_json (run.out);

    g_assert_cmpint (json_object_get_int_member (json_node_get_object (root), "requests"), ==,
                     G_N_ELEMENTS (people));
  }
  cli_run_clear (&run);

  /* An attendee deletes their copy: the meeting stays. */
  delete (fixture, "asa.oberg@vanersborg.se", "m1");
  m2_moved = vevent ("m2@test", "Erik.Lind@uddevalla.se", "karin.ek@vanersborg.se",
                     "20260303T150000Z", "20260303T160000Z", 1, "Skolplan (flyttad)",
                     "LOCATION:https://meet.example.org/skolplan\r\n");
  put (fixture, "Erik.Lind@uddevalla.se", "m2", m2_moved);
  put (fixture, "karin.ek@vanersborg.se", "m2", m2_moved);

  run_cli (fixture->db, &run, "sync", "--format", "json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  {
    g_autoptr(JsonNode) root = parse_json (run.out);

    g_assert_cmpint (json_object_get_int_member (find_calendar (root, "asa.oberg@vanersborg.se"),
                                                 "removed"), ==, 1);
    g_assert_cmpint (json_object_get_int_member (find_calendar (root, "karin.ek@vanersborg.se"),
                                                 "changed"), ==, 1);
    /* The changes came with the report. */
    g_assert_cmpint (json_object_get_int_member (json_node_get_object (root), "requests"), ==,
                     G_N_ELEMENTS (people));
  }
  cli_run_clear (&run);
  g_assert_cmpint (count (fixture->db, "SELECT count (*) FROM meetings WHERE uid = 'm1@test'"), ==, 1);
  g_assert_cmpint (count (fixture->db,
                          "SELECT count (*) FROM occurrences WHERE uid = 'm2@test'"
                          " AND start = strftime ('%s', '2026-03-03 15:00:00')"), ==, 1);
  g_assert_cmpint (count (fixture->db,
                          "SELECT count (*) FROM meetings WHERE uid = 'm2@test'"
                          " AND summary = 'Skolplan (flyttad)'"), ==, 1);

  /* The last copies go: so does the meeting, with its occurrences. */
  delete (fixture, "anna.svensson@vanersborg.se", "m1");
  delete (fixture, "jonas.berg@vanersborg.se", "m1");
  delete (fixture, "jonas.berg@vanersborg.se", "m4");
  cli_ok (fixture->db, "sync", NULL);
  g_assert_cmpint (count (fixture->db, "SELECT count (*) FROM meetings WHERE uid IN ('m1@test', 'm4@test')"), ==, 0);
  g_assert_cmpint (count (fixture->db, "SELECT count (*) FROM occurrences WHERE uid IN ('m1@test', 'm4@test')"), ==, 0);
  g_assert_cmpint (count (fixture->db, "SELECT count (*) FROM meetings WHERE uid = 'm3@test'"), ==, 2);

  /* The desktop app's way: on a worker thread. */
  {
    g_autoptr(ResfriStore) store = resfri_store_open (fixture->db, NULL);
    g_autoptr(GAsyncResult) async_result = NULL;
    g_autoptr(ResfriSyncResult) result = NULL;
    g_autoptr(GError) error = NULL;

    g_assert_nonnull (store);
    resfri_sync_run_async (store, NULL, NULL, resfri_test_ready, &async_result);
    resfri_test_wait (&async_result);
    result = resfri_sync_run_finish (store, async_result, &error);
    g_assert_no_error (error);
    g_assert_false (resfri_sync_result_has_errors (result));
    g_assert_cmpuint (result->requests, ==, G_N_ELEMENTS (people));
  }
}

/* Choosing calendars: `sources calendars` lists what the server has,
 * unfollowing drops what only that calendar held, following again (as a
 * room's calendar) brings it back at the next sync. */
static void
test_follow_unfollow (Fixture       *fixture,
                      gconstpointer  user_data)
{
  const char *jonas = "/jonas.berg%40vanersborg.se/cal/";
  CliRun run = { 0 };

  if (!fixture->up)
    return;
  populate (fixture);
  add_source (fixture);
  cli_ok (fixture->db, "sync", NULL);

  run_cli (fixture->db, &run, "sources", "calendars", "1", "--format", "json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  {
    g_autoptr(JsonNode) root = parse_json (run.out);

    g_assert_cmpuint (json_array_get_length (json_node_get_array (root)), ==, G_N_ELEMENTS (people));
  }
  cli_run_clear (&run);

  /* Without a template: the account's own calendars, found from the
   * server's root (current-user-principal, calendar-home-set). */
  radicale_make_calendar (&fixture->server, RADICALE_USER);
  put_new (fixture, RADICALE_USER, "own", vevent ("own@test", "svc@example.org", "", "20260309T080000Z",
                                                 "20260309T090000Z", 0, "Eget", ""));
  cli_ok (fixture->db, "sources", "add", "caldav", fixture->server.url, "--user", RADICALE_USER,
          "--password-file", fixture->password_file, NULL);
  run_cli (fixture->db, &run, "sources", "calendars", "2", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "/svc/cal/"));
  cli_run_clear (&run);
  cli_ok (fixture->db, "sync", "2", NULL);
  g_assert_cmpint (count (fixture->db, "SELECT count (*) FROM meetings WHERE uid = 'own@test'"), ==, 1);

  /* An href as a person types it: '@' rather than %40. */
  cli_ok (fixture->db, "sources", "unfollow", "1", "/jonas.berg@vanersborg.se/cal/", NULL);
  g_assert_cmpint (count (fixture->db, "SELECT count (*) FROM meetings WHERE uid = 'm4@test'"), ==, 0);
  g_assert_cmpint (count (fixture->db, "SELECT count (*) FROM meetings WHERE uid = 'm1@test'"), ==, 1);

  run_cli (fixture->db, &run, "sources", "follow", "1", "/nowhere/", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "has no calendar"));
  cli_run_clear (&run);

  /* …or the calendar's whole URL. */
  {
    g_autofree char *whole = g_strconcat (fixture->server.url, jonas, NULL);

    cli_ok (fixture->db, "sources", "follow", "1", whole, "--room", "VBG-SESS", NULL);
  }
  cli_ok (fixture->db, "sync", NULL);
  g_assert_cmpint (count (fixture->db, "SELECT count (*) FROM meetings WHERE uid = 'm4@test'"), ==, 1);
  run_cli (fixture->db, &run, "sources", "list", "--format", "json", NULL);
  {
    g_autoptr(JsonNode) root = parse_json (run.out);
    JsonArray *calendars = json_object_get_array_member (
      json_array_get_object_element (json_node_get_array (root), 0), "calendars");
    gboolean found = FALSE;

    for (guint i = 0; i < json_array_get_length (calendars); i++)
      {
        JsonObject *calendar = json_array_get_object_element (calendars, i);

        if (g_strcmp0 (json_object_get_string_member (calendar, "href"), jonas) != 0)
          continue;
        found = TRUE;
        g_assert_cmpstr (json_object_get_string_member (calendar, "role"), ==, "room");
        g_assert_cmpstr (json_object_get_string_member (calendar, "target"), ==, "VBG-SESS");
        g_assert_cmpint (json_object_get_int_member (calendar, "resources"), ==, 2);
      }
    g_assert_true (found);
  }
  cli_run_clear (&run);
}

/* One meeting per UID: with the organiser's calendar not followed, the
 * highest SEQUENCE wins, then the latest LAST-MODIFIED; the winner's copy
 * going brings the next one back. */
static void
test_copies_choose (Fixture       *fixture,
                    gconstpointer  user_data)
{
  if (!fixture->up)
    return;
  populate (fixture);
  put_new (fixture, "anna.svensson@vanersborg.se", "x",
           vevent ("x@test", "extern@example.org", "anna.svensson@vanersborg.se,asa.oberg@vanersborg.se",
                   "20260310T080000Z", "20260310T090000Z", 2, "Sekvens 2",
                   "LAST-MODIFIED:20260101T000000Z\r\n"));
  put_new (fixture, "asa.oberg@vanersborg.se", "x",
           vevent ("x@test", "extern@example.org", "anna.svensson@vanersborg.se,asa.oberg@vanersborg.se",
                   "20260310T080000Z", "20260310T090000Z", 1, "Sekvens 1 senare",
                   "LAST-MODIFIED:20260201T000000Z\r\n"));
  put_new (fixture, "jonas.berg@vanersborg.se", "x",
           vevent ("x@test", "extern@example.org", "jonas.berg@vanersborg.se",
                   "20260310T080000Z", "20260310T090000Z", 2, "Sekvens 2 senare",
                   "LAST-MODIFIED:20260115T000000Z\r\n"));
  add_source (fixture);
  cli_ok (fixture->db, "sync", NULL);
  g_assert_cmpint (count (fixture->db, "SELECT count (*) FROM meetings WHERE uid = 'x@test'"
                                       " AND summary = 'Sekvens 2 senare'"), ==, 1);

  /* The winner's copy goes: the next best comes back, whatever its SEQUENCE. */
  delete (fixture, "jonas.berg@vanersborg.se", "x");
  cli_ok (fixture->db, "sync", NULL);
  g_assert_cmpint (count (fixture->db, "SELECT count (*) FROM meetings WHERE uid = 'x@test'"
                                       " AND summary = 'Sekvens 2'"), ==, 1);
  delete (fixture, "anna.svensson@vanersborg.se", "x");
  cli_ok (fixture->db, "sync", NULL);
  g_assert_cmpint (count (fixture->db, "SELECT count (*) FROM meetings WHERE uid = 'x@test'"
                                       " AND summary = 'Sekvens 1 senare'"), ==, 1);
  delete (fixture, "asa.oberg@vanersborg.se", "x");
  cli_ok (fixture->db, "sync", NULL);
  g_assert_cmpint (count (fixture->db, "SELECT count (*) FROM meetings WHERE uid = 'x@test'"), ==, 0);
}

/* (d) SIGKILL after each request of a sync, then a sync: the state of a
 * sync that was never interrupted. Both a first sync and a later one. */
static void
check_kills (Fixture    *fixture,
             const char *base)
{
  g_autofree char *reference_db = g_build_filename (fixture->dir, "reference.db", NULL);
  g_autofree char *victim_db = g_build_filename (fixture->dir, "victim.db", NULL);
  g_autofree char *reference = NULL;
  CliRun run = { 0 };
  gint64 requests;

  copy_db (base, reference_db);
  run_cli (reference_db, &run, "sync", "--format", "json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  {
    g_autoptr(JsonNode) root = parse_json (run.out);

    requests = json_object_get_int_member (json_node_get_object (root), "requests");
  }
  cli_run_clear (&run);
  reference = dump_state (reference_db);

  for (gint64 n = 1; n <= requests; n++)
    {
      g_autofree char *kill_after = g_strdup_printf ("RESFRI_TEST_KILL_AFTER_REQUESTS=%" G_GINT64_FORMAT,
                                                     n);
      g_autofree char *state = NULL;

      copy_db (base, victim_db);
      run_cli_env (victim_db, kill_after, &run, "sync", NULL);
      g_assert_cmpint (run.status, ==, -1);
      g_assert_cmpint (run.signal, ==, SIGKILL);
      cli_run_clear (&run);

      run_cli (victim_db, &run, "sync", NULL);
      g_assert_cmpint (run.status, ==, 0);
      cli_run_clear (&run);
      state = dump_state (victim_db);
      g_assert_cmpstr (state, ==, reference);
    }
}

static void
test_killed_sync_resumes (Fixture       *fixture,
                          gconstpointer  user_data)
{
  g_autofree char *base = g_build_filename (fixture->dir, "base.db", NULL);
  g_autofree char *m2_moved = NULL;

  if (!fixture->up)
    return;
  populate (fixture);
  add_source (fixture);

  copy_db (fixture->db, base);
  check_kills (fixture, base);

  /* A later sync with changes, deletions and a new meeting. */
  cli_ok (fixture->db, "sync", NULL);
  copy_db (fixture->db, base);
  m2_moved = moved_m2 ();
  put (fixture, "Erik.Lind@uddevalla.se", "m2", m2_moved);
  put (fixture, "karin.ek@vanersborg.se", "m2", m2_moved);
  delete (fixture, "jonas.berg@vanersborg.se", "m4");
  delete (fixture, "anna.svensson@vanersborg.se", "m1");
  put_new (fixture, "asa.oberg@vanersborg.se", "m5",
           vevent ("m5@test", "asa.oberg@vanersborg.se", "", "20260306T080000Z", "20260306T090000Z", 0,
                   "Ny", ""));
  check_kills (fixture, base);
}

/* (e) A published feed from a local HTTP server. */
typedef struct
{
  GMutex      lock;
  char       *body;
  char       *etag;
  guint       requests;
  guint       not_modified;
} Feed;

static void
feed_handler (SoupServer        *server,
              SoupServerMessage *message,
              const char        *path,
              GHashTable        *query,
              gpointer           user_data)
{
  Feed *feed = user_data;
  const char *if_none_match;

  g_mutex_lock (&feed->lock);
  feed->requests++;
  if_none_match = soup_message_headers_get_one (soup_server_message_get_request_headers (message),
                                                "If-None-Match");
  if (if_none_match != NULL && g_strcmp0 (if_none_match, feed->etag) == 0)
    {
      feed->not_modified++;
      soup_server_message_set_status (message, 304, NULL);
    }
  else
    {
      soup_message_headers_replace (soup_server_message_get_response_headers (message), "ETag",
                                    feed->etag);
      soup_server_message_set_status (message, 200, NULL);
      soup_server_message_set_response (message, "text/calendar", SOUP_MEMORY_COPY, feed->body,
                                        strlen (feed->body));
    }
  g_mutex_unlock (&feed->lock);
}

static void
set_feed (Feed       *feed,
          const char *vevents,
          const char *etag)
{
  g_mutex_lock (&feed->lock);
  g_free (feed->body);
  feed->body = vcalendar (vevents);
  g_free (feed->etag);
  feed->etag = g_strdup (etag);
  g_mutex_unlock (&feed->lock);
}

static void
test_feed (Fixture       *fixture,
           gconstpointer  user_data)
{
  Feed feed = { 0 };
  HttpThread http = { 0 };
  g_autofree char *url = NULL;
  g_autofree char *both = NULL;
  g_autofree char *a = vevent ("feed-a@test", "extern@example.org", "anna.svensson@vanersborg.se",
                               "20260302T080000Z", "20260302T090000Z", 0, "Feed A", "");
  g_autofree char *b = vevent ("feed-b@test", "extern@example.org", "anna.svensson@vanersborg.se",
                               "20260303T080000Z", "20260303T090000Z", 0, "Feed B", "");
  CliRun run = { 0 };

  if (!fixture->up)
    return;

  g_mutex_init (&feed.lock);
  both = g_strconcat (a, b, NULL);
  set_feed (&feed, both, "\"v1\"");
  http_thread_start (&http, "/feed.ics", feed_handler, &feed);

  url = g_strdup_printf ("http://127.0.0.1:%u/feed.ics", http.port);
  cli_ok (fixture->db, "sources", "add", "url", url, "--name", "Published", NULL);
  cli_ok (fixture->db, "sync", NULL);
  g_assert_cmpint (count (fixture->db, "SELECT count (*) FROM meetings WHERE uid LIKE 'feed-%'"), ==, 2);

  /* Unchanged: one request, answered 304. */
  run_cli (fixture->db, &run, "sync", "--format", "json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  {
    g_autoptr(JsonNode) root = parse_json (run.out);

    g_assert_cmpint (json_object_get_int_member (json_node_get_object (root), "requests"), ==, 1);
  }
  cli_run_clear (&run);
  g_mutex_lock (&feed.lock);
  g_assert_cmpuint (feed.requests, ==, 2);
  g_assert_cmpuint (feed.not_modified, ==, 1);
  g_mutex_unlock (&feed.lock);

  /* An event gone from the feed goes. */
  set_feed (&feed, a, "\"v2\"");
  run_cli (fixture->db, &run, "sync", "--format", "json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  {
    g_autoptr(JsonNode) root = parse_json (run.out);
    JsonObject *calendar = json_array_get_object_element (
      json_object_get_array_member (json_array_get_object_element (
        json_object_get_array_member (json_node_get_object (root), "sources"), 0), "calendars"), 0);

    g_assert_cmpint (json_object_get_int_member (calendar, "removed"), ==, 1);
  }
  cli_run_clear (&run);
  g_assert_cmpint (count (fixture->db, "SELECT count (*) FROM meetings WHERE uid LIKE 'feed-%'"), ==, 1);
  g_assert_cmpint (count (fixture->db, "SELECT count (*) FROM meetings WHERE uid = 'feed-b@test'"), ==, 0);

  /* Removing the source removes what only it held. */
  cli_ok (fixture->db, "sources", "remove", "1", NULL);
  g_assert_cmpint (count (fixture->db, "SELECT count (*) FROM meetings WHERE uid LIKE 'feed-%'"), ==, 0);

  http_thread_stop (&http);
  g_free (feed.body);
  g_free (feed.etag);
  g_mutex_clear (&feed.lock);
}

/* (f) Failures: each named with its source and calendar, the others
 * synced, exit status 1. */
static void
test_failures (Fixture       *fixture,
               gconstpointer  user_data)
{
  g_autofree char *wrong = g_build_filename (fixture->dir, "wrong", NULL);
  g_autofree char *open_file = g_build_filename (fixture->dir, "open", NULL);
  g_autofree char *template = NULL;
  CliRun run = { 0 };

  if (!fixture->up)
    return;
  populate (fixture);
  add_source (fixture);                                   /* source 1 */

  /* A password file others can read is refused. */
  g_assert_true (g_file_set_contents (open_file, RADICALE_PASSWORD "\n", -1, NULL));
  g_assert_cmpint (g_chmod (open_file, 0644), ==, 0);
  run_cli (fixture->db, &run, "sources", "add", "caldav", fixture->server.url, "--user",
           RADICALE_USER, "--password-file", open_file, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "chmod 600"));
  g_assert_null (strstr (run.err, RADICALE_PASSWORD));
  cli_run_clear (&run);

  /* A wrong password is refused when the source is added: nothing stored. */
  g_assert_true (g_file_set_contents (wrong, "not-the-password\n", -1, NULL));
  g_assert_cmpint (g_chmod (wrong, 0600), ==, 0);
  run_cli (fixture->db, &run, "sources", "add", "caldav", fixture->server.url, "--user",
           RADICALE_USER, "--password-file", wrong, NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "the password for svc at 127.0.0.1 was refused"));
  g_assert_null (strstr (run.err, "not-the-password"));
  cli_run_clear (&run);
  g_assert_cmpint (count (fixture->db, "SELECT count (*) FROM sync_sources"), ==, 1);

  /* Source 2: the same account, whose password then changes. */
  g_assert_true (g_file_set_contents (wrong, RADICALE_PASSWORD "\n", -1, NULL));
  g_assert_cmpint (g_chmod (wrong, 0600), ==, 0);
  template = g_strconcat (fixture->server.url, "/{email}/", NULL);
  cli_ok (fixture->db, "sources", "add", "caldav", fixture->server.url, "--user", RADICALE_USER,
          "--password-file", wrong, "--people-template", template, NULL);
  g_assert_true (g_file_set_contents (wrong, "not-the-password\n", -1, NULL));
  g_assert_cmpint (g_chmod (wrong, 0600), ==, 0);

  /* Source 3: a feed on a host that does not exist. */
  cli_ok (fixture->db, "sources", "add", "url", "https://calendar.invalid/feed.ics", NULL);

  /* One of source 1's calendars is deleted on the server. */
  g_assert_cmpuint (radicale_request (&fixture->server, "DELETE", "/karin.ek@vanersborg.se/cal/",
                                      NULL, NULL), ==, 200);

  run_cli (fixture->db, &run, "sync", "--format", "json", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_test_message ("%s", run.err);
  g_assert_nonnull (strstr (run.err, "source 2, calendar "));
  g_assert_nonnull (strstr (run.err, "the password for svc at 127.0.0.1 was refused"));
  g_assert_nonnull (strstr (run.err, "source 1, calendar /karin.ek%40vanersborg.se/cal/: "));
  g_assert_nonnull (strstr (run.err, "was not found"));
  g_assert_nonnull (strstr (run.err, "source 3, calendar https://calendar.invalid/feed.ics: "));
  g_assert_nonnull (strstr (run.err, "calendar.invalid is unknown"));
  g_assert_null (strstr (run.err, "not-the-password"));
  g_assert_null (strstr (run.out, "not-the-password"));
  {
    g_autoptr(JsonNode) root = parse_json (run.out);
    JsonObject *anna = find_calendar (root, "anna.svensson@vanersborg.se");

    g_assert_cmpint (json_object_get_int_member (anna, "added"), ==, 2);
    g_assert_true (json_object_get_null_member (anna, "error"));
  }
  cli_run_clear (&run);
  /* The other calendars landed. */
  g_assert_cmpint (count (fixture->db, "SELECT count (*) FROM meetings WHERE uid IN ('m1@test', 'm4@test')"), ==, 2);

  /* The errors are kept for `sources list`. */
  run_cli (fixture->db, &run, "sources", "list", NULL);
  g_assert_nonnull (strstr (run.out, "was refused"));
  cli_run_clear (&run);

  /* An unparsable resource is skipped and reported; the rest lands. */
  g_assert_cmpuint (radicale_request (&fixture->server, "PUT", "/jonas.berg@vanersborg.se/cal/bad.ics",
                                      "text/calendar",
                                      "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\n"
                                      "BEGIN:VEVENT\r\nUID:bad@test\r\nDTSTAMP:20260101T000000Z\r\n"
                                      "DTSTART:20260310T080000Z\r\nRRULE:FREQ=WEEKLY;UNTIL=2026\r\n"
                                      "END:VEVENT\r\nEND:VCALENDAR\r\n"), ==, 201);
  put_new (fixture, "jonas.berg@vanersborg.se", "m6",
           vevent ("m6@test", "jonas.berg@vanersborg.se", "", "20260306T080000Z", "20260306T090000Z", 0,
                   "Efter det trasiga", ""));
  run_cli (fixture->db, &run, "sync", "1", "--format", "json", NULL);
  {
    g_autoptr(JsonNode) root = parse_json (run.out);
    JsonObject *jonas = find_calendar (root, "jonas.berg@vanersborg.se");
    JsonArray *skipped = json_object_get_array_member (jonas, "skipped");

    g_test_message ("%s", run.out);
    g_assert_cmpuint (json_array_get_length (skipped), ==, 1);
    g_assert_nonnull (strstr (json_object_get_string_member (json_array_get_object_element (skipped, 0),
                                                             "href"), "bad.ics"));
    /* Radicale serves the text as it stores it: the line of the RRULE there. */
    g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (skipped, 0), "line"),
                     >, 4);
    g_assert_nonnull (strstr (json_object_get_string_member (json_array_get_object_element (skipped, 0),
                                                             "message"), "RRULE"));
    g_assert_cmpint (json_object_get_int_member (jonas, "added"), ==, 1);
  }
  cli_run_clear (&run);
  g_assert_cmpint (count (fixture->db, "SELECT count (*) FROM meetings WHERE uid = 'm6@test'"), ==, 1);
  g_assert_cmpint (count (fixture->db, "SELECT count (*) FROM meetings WHERE uid = 'bad@test'"), ==, 0);
}

/* TLS is verified: a server whose CA is unknown is refused with what to
 * do, and --ca-file adds the organisation's CA. */
static gboolean
openssl (const char *dir,
         const char *command)
{
  g_autofree char *line = g_strdup_printf ("sh -c 'cd \"%s\" && %s'", dir, command);
  g_autoptr(GError) error = NULL;
  int status = 0;

  if (!g_spawn_command_line_sync (line, NULL, NULL, &status, &error))
    return FALSE;
  return g_spawn_check_wait_status (status, NULL);
}

static void
test_tls (Fixture       *fixture,
          gconstpointer  user_data)
{
  Feed feed = { 0 };
  HttpThread https = { 0 };
  g_autofree char *ca = g_build_filename (fixture->dir, "ca.pem", NULL);
  g_autofree char *cert = g_build_filename (fixture->dir, "server.pem", NULL);
  g_autofree char *key = g_build_filename (fixture->dir, "server.key", NULL);
  g_autofree char *url = NULL;
  g_autofree char *a = vevent ("tls-a@test", "extern@example.org", "anna.svensson@vanersborg.se",
                               "20260302T080000Z", "20260302T090000Z", 0, "Över TLS", "");
  g_autoptr(GError) error = NULL;
  CliRun run = { 0 };

  if (!fixture->up)
    return;
  if (!g_file_test ("/usr/bin/openssl", G_FILE_TEST_IS_EXECUTABLE))
    {
      g_test_skip ("openssl is not installed");
      return;
    }
  g_assert_true (openssl (fixture->dir,
                          "openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.pem"
                          " -days 2 -subj /CN=Resfri-test-CA 2>/dev/null"));
  g_assert_true (openssl (fixture->dir,
                          "openssl req -newkey rsa:2048 -nodes -keyout server.key -out server.csr"
                          " -subj /CN=127.0.0.1 2>/dev/null"
                          " && printf \"subjectAltName=IP:127.0.0.1\\n\" > ext"
                          " && openssl x509 -req -in server.csr -CA ca.pem -CAkey ca.key"
                          " -CAcreateserial -out server.pem -days 2 -extfile ext 2>/dev/null"));

  https.certificate = g_tls_certificate_new_from_files (cert, key, &error);
  g_assert_no_error (error);
  g_mutex_init (&feed.lock);
  set_feed (&feed, a, "\"t1\"");
  http_thread_start (&https, "/feed.ics", feed_handler, &feed);
  url = g_strdup_printf ("https://127.0.0.1:%u/feed.ics", https.port);

  cli_ok (fixture->db, "sources", "add", "url", url, NULL);
  run_cli (fixture->db, &run, "sync", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "is not trusted"));
  g_assert_nonnull (strstr (run.err, "--ca-file"));
  cli_run_clear (&run);
  g_assert_cmpint (count (fixture->db, "SELECT count (*) FROM meetings WHERE uid = 'tls-a@test'"), ==, 0);

  cli_ok (fixture->db, "sources", "add", "url", url, "--ca-file", ca, NULL);
  cli_ok (fixture->db, "sync", "2", NULL);
  g_assert_cmpint (count (fixture->db, "SELECT count (*) FROM meetings WHERE uid = 'tls-a@test'"), ==, 1);

  http_thread_stop (&https);
  g_clear_object (&https.certificate);
  g_free (feed.body);
  g_free (feed.etag);
  g_mutex_clear (&feed.lock);
}

/* (g) A faulty proxy in front of Radicale: a server without
 * sync-collection (the ETag comparison instead), 429 with Retry-After, and
 * a 500 for one calendar. */
static void
test_faulty_proxy (Fixture       *fixture,
                   gconstpointer  user_data)
{
  FaultProxy proxy = { 0 };
  g_autofree char *m2_moved = NULL;
  CliRun run = { 0 };

  if (!fixture->up)
    return;
  populate (fixture);

  proxy.no_sync_collection = TRUE;
  add_proxied_source (fixture, &proxy);

  /* Without sync-collection: a PROPFIND of ETags per calendar. */
  g_assert_cmpint (sync_requests (fixture->db, 0), >, 0);
  g_assert_cmpint (count (fixture->db, "SELECT count (*) FROM meetings WHERE uid LIKE 'm_@test'"), ==, 5);
  g_assert_cmpint (count (fixture->db, "SELECT count (*) FROM sync_calendars WHERE sync_token IS NOT NULL"), ==, 0);
  /* Unchanged: one PROPFIND per calendar. */
  g_assert_cmpint (sync_requests (fixture->db, 0), ==, G_N_ELEMENTS (people));

  m2_moved = moved_m2 ();
  put (fixture, "Erik.Lind@uddevalla.se", "m2", m2_moved);
  delete (fixture, "jonas.berg@vanersborg.se", "m4");
  sync_requests (fixture->db, 0);
  g_assert_cmpint (count (fixture->db, "SELECT count (*) FROM meetings WHERE summary = 'Skolplan (flyttad)'"), ==, 1);
  g_assert_cmpint (count (fixture->db, "SELECT count (*) FROM meetings WHERE uid = 'm4@test'"), ==, 0);

  /* 429 with Retry-After: waited for and retried. */
  g_mutex_lock (&proxy.lock);
  proxy.throttle = 2;
  g_mutex_unlock (&proxy.lock);
  g_assert_cmpint (sync_requests (fixture->db, 0), ==, G_N_ELEMENTS (people) + 2);

  /* A 500 on one calendar: named, the others synced, exit 1. */
  put_new (fixture, "anna.svensson@vanersborg.se", "m7",
           vevent ("m7@test", "anna.svensson@vanersborg.se", "", "20260306T080000Z", "20260306T090000Z", 0,
                   "Efter felet", ""));
  fault_proxy_set_fault (&proxy, "/karin.ek", FAULT_STATUS, 500);
  run_cli (fixture->db, &run, "sync", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_nonnull (strstr (run.err, "source 1, calendar /karin.ek%40vanersborg.se/cal/: "));
  g_assert_nonnull (strstr (run.err, "answered HTTP 500"));
  cli_run_clear (&run);
  g_assert_cmpint (count (fixture->db, "SELECT count (*) FROM meetings WHERE uid = 'm7@test'"), ==, 1);

  fault_proxy_stop (&proxy);
}

/* A server that refuses calendar-data in sync-collection (400, as a strict
 * one may): the report again without it, remembered for the session's
 * other calendars, and the resources by calendar-multiget. */
static void
test_report_without_data (Fixture       *fixture,
                          gconstpointer  user_data)
{
  FaultProxy proxy = { 0 };
  g_autofree char *m2_moved = NULL;
  gint64 holding;

  if (!fixture->up)
    return;
  populate (fixture);
  proxy.no_data_in_report = TRUE;
  add_proxied_source (fixture, &proxy);

  /* A report per calendar, the refused one, a multiget per calendar that
   * holds anything. */
  g_assert_cmpint (sync_requests (fixture->db, 0), ==,
                   G_N_ELEMENTS (people) + 1 + G_N_ELEMENTS (people));
  g_assert_cmpuint (fault_proxy_faulted (&proxy), ==, 1);
  holding = count (fixture->db, "SELECT count (DISTINCT calendar_id) FROM sync_resources");
  g_assert_cmpint (holding, ==, G_N_ELEMENTS (people));
  g_assert_cmpint (count (fixture->db, "SELECT count (*) FROM meetings WHERE uid LIKE 'm_@test'"), ==, 5);
  g_assert_cmpint (count (fixture->db, "SELECT count (*) FROM sync_calendars WHERE sync_token IS NULL"), ==, 0);

  m2_moved = moved_m2 ();
  put (fixture, "Erik.Lind@uddevalla.se", "m2", m2_moved);
  g_assert_cmpint (sync_requests (fixture->db, 0), ==, G_N_ELEMENTS (people) + 1 + 1);
  g_assert_cmpint (count (fixture->db, "SELECT count (*) FROM meetings WHERE summary = 'Skolplan (flyttad)'"), ==, 1);

  fault_proxy_stop (&proxy);
}

/* A calendar whose resources, whole, are larger than an answer may be:
 * the report with the ETags alone, then calendar-multiget in batches. */
static void
test_large_calendar (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autofree char *calendar = g_build_filename (fixture->server.dir, "storage", "collection-root",
                                                "anna.svensson@vanersborg.se", "cal", NULL);
  g_autofree char *filler = g_strnfill (70, 'x');
  const guint n = 300;
  gint64 requests;
  gint64 held;

  if (!fixture->up)
    return;
  populate (fixture);
  /* 300 meetings of about 4.5 KiB each, 1.3 MiB in all, written to the
   * storage as a full server's would be. */
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *uid = g_strdup_printf ("big-%u@test", i);
      g_autofree char *start = g_strdup_printf ("202604%02uT%02u0000Z", 1 + i % 28, 6 + i / 28);
      g_autofree char *end = g_strdup_printf ("202604%02uT%02u3000Z", 1 + i % 28, 6 + i / 28);
      g_autoptr(GString) extra = g_string_new (NULL);
      g_autofree char *event = NULL;
      g_autofree char *text = NULL;
      g_autofree char *name = g_strdup_printf ("big-%u.ics", i);
      g_autofree char *path = g_build_filename (calendar, name, NULL);

      for (guint line = 0; line < 60; line++)
        g_string_append_printf (extra, "X-FILLER-%u:%s\r\n", line, filler);
      event = vevent (uid, "anna.svensson@vanersborg.se", "", start, end, 0, "Stort möte",
                      extra->str);
      text = vcalendar (event);
      g_assert_true (g_file_set_contents (path, text, -1, NULL));
    }

  add_source (fixture);
  requests = sync_requests_env (fixture->db, "RESFRI_TEST_MAX_ANSWER_MIB=1", 0);
  held = count (fixture->db, "SELECT count (*) FROM sync_resources r JOIN sync_calendars c"
                             " ON c.id = r.calendar_id WHERE c.href LIKE '/anna.svensson%'");
  g_assert_cmpint (held, >, n);
  /* One report per calendar; for the large one, the refused answer, the
   * report again without calendar-data and a multiget per 100 resources. */
  g_assert_cmpint (requests, ==, G_N_ELEMENTS (people) + 1 + (held + 99) / 100);
  g_assert_cmpint (count (fixture->db, "SELECT count (*) FROM meetings WHERE uid LIKE 'big-%@test'"), ==, n);
  g_assert_cmpint (count (fixture->db, "SELECT count (*) FROM meetings WHERE uid LIKE 'm_@test'"), ==, 5);
}

/* Each copy knows where its VEVENT lies in its resource's text; a
 * database whose copies do not (written before schema 8) syncs as well. */
static void
test_copy_spans (Fixture       *fixture,
                 gconstpointer  user_data)
{
  g_autofree char *m2_moved = NULL;

  if (!fixture->up)
    return;
  populate (fixture);
  add_source (fixture);
  cli_ok (fixture->db, "sync", NULL);
  g_assert_cmpint (count (fixture->db, "SELECT count (*) FROM sync_copies"), >, 0);
  g_assert_cmpint (count (fixture->db,
                          "SELECT count (*) FROM sync_copies p JOIN sync_resources r"
                          " ON r.id = p.resource_id WHERE p.text_start IS NULL"
                          " OR CAST (substr (CAST (r.ical AS BLOB), p.text_start + 1, 12) AS TEXT)"
                          "  != 'BEGIN:VEVENT'"
                          " OR rtrim (CAST (substr (CAST (r.ical AS BLOB), p.text_start + 1,"
                          "  p.text_length) AS TEXT), char (13, 10)) NOT LIKE '%END:VEVENT'"), ==, 0);

  {
    g_autoptr(ResfriStore) store = resfri_store_open (fixture->db, NULL);

    g_assert_nonnull (store);
    g_assert_true (_resfri_store_exec (store, "UPDATE sync_copies SET text_start = NULL,"
                                              " text_length = NULL", NULL));
  }
  m2_moved = moved_m2 ();
  put (fixture, "Erik.Lind@uddevalla.se", "m2", m2_moved);
  put (fixture, "karin.ek@vanersborg.se", "m2", m2_moved);
  delete (fixture, "anna.svensson@vanersborg.se", "m1");
  cli_ok (fixture->db, "sync", NULL);
  g_assert_cmpint (count (fixture->db, "SELECT count (*) FROM meetings WHERE uid = 'm2@test'"
                                       " AND summary = 'Skolplan (flyttad)'"), ==, 1);
  /* m1's winner is now another calendar's copy, read from its text. */
  g_assert_cmpint (count (fixture->db, "SELECT count (*) FROM meetings WHERE uid = 'm1@test'"), ==, 1);
  g_assert_cmpint (count (fixture->db, "SELECT count (*) FROM meetings WHERE uid LIKE 'm_@test'"), ==, 5);
}

/* The text of /OWNER/cal/NAME.ics on the server. */
static char *
get (Fixture    *fixture,
     const char *owner,
     const char *name)
{
  g_autofree char *url = g_strdup_printf ("%s/%s/cal/%s.ics", fixture->server.url, owner, name);
  g_autoptr(SoupMessage) message = soup_message_new ("GET", url);
  g_autofree char *encoded = g_base64_encode ((const guchar *) RADICALE_USER ":" RADICALE_PASSWORD,
                                              strlen (RADICALE_USER ":" RADICALE_PASSWORD));
  g_autofree char *authorization = g_strconcat ("Basic ", encoded, NULL);
  g_autoptr(GBytes) body = NULL;

  soup_message_headers_replace (soup_message_get_request_headers (message), "Authorization",
                                authorization);
  body = soup_session_send_and_read (fixture->server.session, message, NULL, NULL);
  g_assert_cmpuint (soup_message_get_status (message), ==, 200);
  return g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
}

/* A series converted from an occurrence on (spec/planning.md "Acting on
 * it") is written to the organiser's copy on the server: m3, karin's
 * weekly meeting, online from 18 March; the server's text then holds the
 * RANGE=THISANDFUTURE override with the link, and a sync keeps it. */
static void
test_convert_writes_back (Fixture       *fixture,
                          gconstpointer  user_data)
{
  g_autofree char *text = NULL;
  CliRun run = { 0 };

  if (!fixture->up)
    return;
  populate (fixture);
  add_source (fixture);
  cli_ok (fixture->db, "sync", NULL);

  run_cli (fixture->db, &run, "convert", "m3@test", "--from", "20260318T070000Z", "--link",
           "https://meet.example.se/m3", "--format", "json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  {
    g_autoptr(JsonNode) root = parse_json (run.out);
    JsonObject *object = json_node_get_object (root);

    g_assert_cmpstr (json_object_get_string_member (object, "written"), ==, "done");
    g_assert_cmpint (json_object_get_int_member (object, "occurrences"), ==, 2);
  }
  cli_run_clear (&run);

  text = get (fixture, "karin.ek@vanersborg.se", "m3");
  g_assert_nonnull (strstr (text, "RECURRENCE-ID;RANGE=THISANDFUTURE:20260318T070000Z"));
  if (strstr (text, "CONFERENCE") == NULL || strstr (text, ":https://meet.example.se/m3") == NULL)
    g_error ("no link in the organiser's copy:\n%s", text);
  /* The moved occurrence's override is still there. */
  g_assert_nonnull (strstr (text, "RECURRENCE-ID:20260311T070000Z"));

  cli_ok (fixture->db, "sync", NULL);
  g_assert_cmpint (count (fixture->db, "SELECT count (*) FROM meetings WHERE uid = 'm3@test'"
                                       " AND this_and_future = 1"
                                       " AND online_url = 'https://meet.example.se/m3'"), ==, 1);
}

/* Bookings follow their meeting when the change comes by sync, as after a
 * file import: the organiser cancels on the server, the next sync releases
 * the room, says so, and bookings --attention lists it. */
static void
test_booking_follows_sync (Fixture       *fixture,
                           gconstpointer  user_data)
{
  g_autofree char *cancelled = NULL;
  CliRun run = { 0 };

  if (!fixture->up)
    return;
  populate (fixture);
  add_source (fixture);
  cli_ok (fixture->db, "sync", NULL);
  cli_ok (fixture->db, "book", "room", "VBG-SESS", "--uid", "m1@test", NULL);

  cancelled = vevent ("m1@test", "anna.svensson@vanersborg.se",
                      "asa.oberg@vanersborg.se,jonas.berg@vanersborg.se",
                      "20260302T080000Z", "20260302T090000Z", 4, "Ledningsgrupp",
                      "LOCATION:Sessionssalen\r\nSTATUS:CANCELLED\r\n");
  put (fixture, "anna.svensson@vanersborg.se", "m1", cancelled);

  run_cli (fixture->db, &run, "sync", "--format", "json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  {
    g_autoptr(JsonNode) root = parse_json (run.out);
    JsonArray *released = json_object_get_array_member (json_node_get_object (root), "released");
    JsonObject *first;

    g_assert_cmpuint (json_array_get_length (released), ==, 1);
    first = json_array_get_object_element (released, 0);
    g_assert_cmpint (json_object_get_int_member (first, "booking"), ==, 1);
    g_assert_cmpstr (json_object_get_string_member (first, "reason"), ==,
                     "The meeting was cancelled");
  }
  cli_run_clear (&run);

  run_cli (fixture->db, &run, "bookings", "--attention", "--format", "json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "\"m1@test\""));
  g_assert_nonnull (strstr (run.out, "\"cancelled\""));
  cli_run_clear (&run);

  /* Nothing more to release on the next sync. */
  run_cli (fixture->db, &run, "sync", "--format", "json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  {
    g_autoptr(JsonNode) root = parse_json (run.out);

    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_node_get_object (root),
                                                                           "released")), ==, 0);
  }
  cli_run_clear (&run);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/sync/people-template-same-verdicts", test_people_template_same_verdicts);
  ADD ("/sync/changes-arrive", test_changes_arrive);
  ADD ("/sync/follow-unfollow", test_follow_unfollow);
  ADD ("/sync/copies-choose", test_copies_choose);
  ADD ("/sync/failures", test_failures);
  ADD ("/sync/feed", test_feed);
  ADD ("/sync/faulty-proxy", test_faulty_proxy);
  ADD ("/sync/report-without-data", test_report_without_data);
  ADD ("/sync/large-calendar", test_large_calendar);
  ADD ("/sync/copy-spans", test_copy_spans);
  ADD ("/sync/tls", test_tls);
  ADD ("/sync/killed-sync-resumes", test_killed_sync_resumes);
  ADD ("/sync/booking-follows-sync", test_booking_follows_sync);
  ADD ("/sync/convert-writes-back", test_convert_writes_back);
#undef ADD

  return g_test_run ();
}

/* test-server-reconcile.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What a crash or a failed request leaves behind, against a real Radicale
 * (spec/sync.md, "Bookings on the server"): a `book` killed between its
 * local commit and the server write, a cancellation killed before its
 * DELETE (also with a new booking waiting for its push, which has an id of
 * its own); the next sync pushes, deletes, or releases (the slot taken
 * meanwhile by another installation) with the reason under
 * `bookings --attention`; a sync pushing a booking whose `book` still
 * waits. And the room's ATTENDEE on the organiser's own copy of the
 * meeting: added on booking (also when the copy changes between the read
 * and the write: the 412 path), kept by the next sync, removed on
 * cancellation; on the master or the override of a series; not written to
 * a read-only calendar (a Radicale rights file), the booking kept, nor
 * tried again; written by the next sync when the copy could not be reached
 * (a faulty proxy, fault-proxy.h, in front of the organiser's calendar).
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <libsoup/soup.h>

#include "fault-proxy.h"
#include "radicale-fixture.h"
#include "resfri-test-util.h"
#include "server-fixture.h"

#define ORGANISER "anna.svensson@vanersborg.se"
#define MEETING_PATH "/" ORGANISER "/cal/org.ics"

typedef struct
{
  char           *dir;
  char           *db[2];
  char           *password_file;
  char           *stall_file;
  char           *day;          /* YYYYMMDD, a month from now */
  RadicaleServer  server;
  gboolean        up;
} Fixture;

/* Meetings A (09–10) and B (09:30–10:30, UTC) on @day, overlapping. */
static void
import_meetings (Fixture *fixture,
                 guint    which)
{
  g_autofree char *path = g_strdup_printf ("%s/meetings-%u.ics", fixture->dir, which);
  g_autofree char *text = NULL;
  const char *argv[] = { "import", path, NULL };

  text = g_strdup_printf ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Resfri tests//EN\r\n"
                          "BEGIN:VEVENT\r\nUID:r-%c@test\r\nDTSTAMP:20260101T000000Z\r\n"
                          "DTSTART:%sT%s00Z\r\nDTEND:%sT%s00Z\r\nSUMMARY:Möte %c\r\n"
                          "ORGANIZER:mailto:" ORGANISER "\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
                          'A' + which, fixture->day, which ? "0930" : "0900", fixture->day,
                          which ? "1030" : "1000", 'A' + which);
  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  cli_ok (fixture->db[which], argv);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) later = g_date_time_add_days (now, 30);

  fixture->dir = g_dir_make_tmp ("resfri-reconcile-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->day = g_date_time_format (later, "%Y%m%d");
  fixture->stall_file = g_build_filename (fixture->dir, "stalled", NULL);
  fixture->password_file = server_fixture_password_file (fixture->dir);
  fixture->up = radicale_start (&fixture->server, fixture->dir);
  if (!fixture->up)
    return;
  radicale_make_calendar (&fixture->server, RADICALE_USER);
  radicale_make_calendar (&fixture->server, ROOM_OWNER);

  for (guint which = 0; which < 2; which++)
    {
      fixture->db[which] = g_strdup_printf ("%s/resfri-%u.db", fixture->dir, which);
      server_fixture_install (&fixture->server, fixture->db[which], fixture->password_file, TRUE);
      import_meetings (fixture, which);
    }
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  server_fixture_stall_file = NULL;
  radicale_stop (&fixture->server);
  resfri_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->db[0]);
  g_free (fixture->db[1]);
  g_free (fixture->password_file);
  g_free (fixture->stall_file);
  g_free (fixture->day);
}

/* Starts resfri-cli stalled at @where (a RESFRI_TEST_STALL point) and
 * waits until it is there (the stall file exists). */
static void
run_stalled (Fixture            *fixture,
             Run                *run,
             const char         *db,
             const char         *where,
             const char * const *argv)
{
  g_autofree char *stall = g_strconcat (where, ":120", NULL);

  server_fixture_stall = stall;
  server_fixture_stall_file = fixture->stall_file;
  run_start (run, db, NULL, argv);
  server_fixture_stall_file = NULL;
  while (!g_file_test (fixture->stall_file, G_FILE_TEST_EXISTS))
    {
      if (g_subprocess_get_identifier (run->process) == NULL)
        {
          run_wait (run);
          g_error ("resfri-cli %s ended before %s: %s%s", argv[0], where, run->out, run->err);
        }
      g_main_context_iteration (NULL, FALSE);
      g_usleep (10 * 1000);
    }
}

/* Kills a run stalled by run_stalled(). */
static void
run_kill (Fixture *fixture,
          Run     *run)
{
  g_subprocess_force_exit (run->process);
  run_wait (run);
  g_assert_cmpint (run->status, ==, -1);
  g_assert_cmpint (g_unlink (fixture->stall_file), ==, 0);
}

/* The text of @path on the server with its lines unfolded. */
static char *
server_text (Fixture    *fixture,
             const char *path,
             guint      *status)
{
  g_autofree char *text = server_get (&fixture->server, path, status);
  g_auto(GStrv) parts = text ? g_strsplit (text, "\r\n ", -1) : NULL;

  return parts ? g_strjoinv ("", parts) : NULL;
}

/* Whether @text (unfolded) has the room's ATTENDEE as Resfri writes it,
 * whatever order the server gave its parameters. */
static gboolean
has_room_attendee (const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\r\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], "ATTENDEE;") &&
        g_str_has_suffix (lines[i], ":mailto:sessionssalen@vanersborg.se"))
      {
        g_auto(GStrv) parameters = NULL;
        g_autofree char *head = g_strndup (lines[i], strlen (lines[i]) -
                                           strlen (":mailto:sessionssalen@vanersborg.se"));

        parameters = g_strsplit (head, ";", -1);
        return g_strv_length (parameters) == 5 &&
               g_strv_contains ((const char * const *) parameters, "CUTYPE=ROOM") &&
               g_strv_contains ((const char * const *) parameters, "ROLE=NON-PARTICIPANT") &&
               g_strv_contains ((const char * const *) parameters, "PARTSTAT=ACCEPTED") &&
               g_strv_contains ((const char * const *) parameters, "CN=Sessionssalen");
      }
  return FALSE;
}

static guint
server_booking_count (Fixture *fixture)
{
  g_autofree char *url = g_strconcat (fixture->server.url, ROOM_PATH, NULL);
  g_autoptr(SoupMessage) message = soup_message_new ("PROPFIND", url);
  g_autofree char *pair = g_strdup (RADICALE_USER ":" RADICALE_PASSWORD);
  g_autofree char *encoded = g_base64_encode ((const guchar *) pair, strlen (pair));
  g_autofree char *authorization = g_strconcat ("Basic ", encoded, NULL);
  g_autoptr(GBytes) body = NULL;
  g_autofree char *text = NULL;
  guint n = 0;

  soup_message_headers_replace (soup_message_get_request_headers (message), "Authorization",
                                authorization);
  soup_message_headers_replace (soup_message_get_request_headers (message), "Depth", "1");
  body = soup_session_send_and_read (fixture->server.session, message, NULL, NULL);
  g_assert_cmpuint (soup_message_get_status (message), ==, 207);
  text = g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
  for (const char *at = strstr (text, "resfri-booking-"); at != NULL;
       at = strstr (at + 1, "resfri-booking-"))
    n++;
  return n;
}

static char *
cli_out (const char         *db,
         int                 expected,
         const char * const *argv)
{
  Run run = { 0 };
  char *out;

  run_start (&run, db, NULL, argv);
  run_wait (&run);
  if (run.status != expected)
    g_error ("resfri-cli %s exited %d: %s%s", argv[0], run.status, run.out, run.err);
  out = g_steal_pointer (&run.out);
  run_clear (&run);
  return out;
}

/* Reconciling */

static const char *sync_json[] = { "sync", "--format", "json", NULL };

/* A `book` killed after its local commit, before the server write: the
 * next sync writes the booking there. */
static void
test_push_after_kill (Fixture       *fixture,
                      gconstpointer  user_data)
{
  const char *book[] = { "book", "room", ROOM, "--uid", "r-A@test", NULL };
  g_autofree char *out = NULL;
  g_autofree char *again = NULL;
  Run run = { 0 };

  if (!fixture->up)
    return;

  run_stalled (fixture, &run, fixture->db[0], "before-push", book);
  run_kill (fixture, &run);
  run_clear (&run);
  g_assert_cmpint (count (fixture->db[0], "SELECT count (*) FROM bookings"), ==, 1);
  g_assert_cmpint (count (fixture->db[0], "SELECT count (*) FROM sync_bookings"), ==, 0);
  g_assert_cmpuint (server_booking_count (fixture), ==, 0);

  out = cli_out (fixture->db[0], 0, sync_json);
  g_assert_nonnull (strstr (out, "\"pushed\" : 1"));
  g_assert_nonnull (strstr (out, "\"deleted\" : 0"));
  g_assert_cmpuint (server_booking_count (fixture), ==, 1);
  g_assert_cmpint (count (fixture->db[0], "SELECT count (*) FROM sync_bookings"), ==, 1);

  /* Nothing more to do. */
  again = cli_out (fixture->db[0], 0, sync_json);
  g_assert_nonnull (strstr (again, "\"pushed\" : 0"));
  g_assert_cmpuint (server_booking_count (fixture), ==, 1);
}

/* A cancellation killed before its DELETE: the next sync deletes the
 * server's copy. */
static void
test_delete_after_kill (Fixture       *fixture,
                        gconstpointer  user_data)
{
  const char *book[] = { "book", "room", ROOM, "--uid", "r-A@test", NULL };
  const char *cancel[] = { "bookings", "cancel", "1", NULL };
  const char *sync_text[] = { "sync", NULL };
  g_autofree char *out = NULL;
  Run run = { 0 };

  if (!fixture->up)
    return;

  cli_ok (fixture->db[0], book);
  g_assert_cmpuint (server_booking_count (fixture), ==, 1);
  run_stalled (fixture, &run, fixture->db[0], "before-delete", cancel);
  run_kill (fixture, &run);
  run_clear (&run);
  g_assert_cmpint (count (fixture->db[0], "SELECT count (*) FROM bookings"), ==, 0);
  g_assert_cmpint (count (fixture->db[0], "SELECT count (*) FROM sync_bookings"), ==, 1);
  g_assert_cmpuint (server_booking_count (fixture), ==, 1);

  out = cli_out (fixture->db[0], 0, sync_text);
  g_assert_nonnull (strstr (out, "1 cancelled booking deleted from the server"));
  g_assert_cmpuint (server_booking_count (fixture), ==, 0);
  g_assert_cmpint (count (fixture->db[0], "SELECT count (*) FROM sync_bookings"), ==, 0);
}

/* A booking kept local by a crash whose slot another installation took
 * meanwhile: the next sync releases it, with the reason. */
static void
test_release_when_taken (Fixture       *fixture,
                         gconstpointer  user_data)
{
  const char *book_a[] = { "book", "room", ROOM, "--uid", "r-A@test", NULL };
  const char *book_b[] = { "book", "room", ROOM, "--uid", "r-B@test", NULL };
  const char *attention[] = { "bookings", "--attention", NULL };
  g_autofree char *out = NULL;
  g_autofree char *listed = NULL;
  Run run = { 0 };

  if (!fixture->up)
    return;

  run_stalled (fixture, &run, fixture->db[0], "before-push", book_a);
  run_kill (fixture, &run);
  run_clear (&run);
  cli_ok (fixture->db[1], book_b);
  g_assert_cmpuint (server_booking_count (fixture), ==, 1);

  out = cli_out (fixture->db[0], 0, sync_json);
  g_assert_nonnull (strstr (out, "\"pushed\" : 0"));
  g_assert_nonnull (strstr (out, "\"booking\" : 1"));
  g_assert_nonnull (strstr (out, "taken on the server"));
  g_assert_cmpint (count (fixture->db[0], "SELECT count (*) FROM bookings"), ==, 0);
  g_assert_cmpint (count (fixture->db[0], "SELECT count (*) FROM booking_releases"
                                          " WHERE reason = 'taken'"), ==, 1);
  g_assert_cmpuint (server_booking_count (fixture), ==, 1);

  listed = cli_out (fixture->db[0], 0, attention);
  g_assert_nonnull (strstr (listed, "Möte A"));
  g_assert_nonnull (strstr (listed, "Möte B"));
}

/* A sync that pushes a booking while its `book` still waits (stalled
 * before its push): the `book` then finds its own resource there and
 * replaces it, no conflict, one booking on the server. */
static void
test_push_while_booking (Fixture       *fixture,
                         gconstpointer  user_data)
{
  const char *book[] = { "book", "room", ROOM, "--uid", "r-A@test", NULL };
  g_autofree char *out = NULL;
  Run run = { 0 };

  if (!fixture->up)
    return;

  run_stalled (fixture, &run, fixture->db[0], "before-push", book);
  out = cli_out (fixture->db[0], 0, sync_json);
  g_assert_nonnull (strstr (out, "\"pushed\" : 1"));
  g_assert_cmpint (g_unlink (fixture->stall_file), ==, 0);
  run_wait (&run);
  if (run.status != 0)
    g_error ("book after the sync's push: %s%s", run.out, run.err);
  run_clear (&run);
  g_assert_cmpuint (server_booking_count (fixture), ==, 1);
  g_assert_cmpint (count (fixture->db[0], "SELECT count (*) FROM bookings"), ==, 1);
  g_assert_cmpint (count (fixture->db[0], "SELECT count (*) FROM sync_bookings"), ==, 1);
}

/* A cancellation killed before its DELETE, then another booking killed
 * before its push: the new booking has an id of its own (ids are never
 * given twice), so the next sync deletes the cancelled booking's copy and
 * pushes the new one, instead of taking the old copy on the server for
 * the new booking's. */
static void
test_new_id_after_failed_delete (Fixture       *fixture,
                                 gconstpointer  user_data)
{
  const char *book_a[] = { "book", "room", ROOM, "--uid", "r-A@test", NULL };
  const char *book_b[] = { "book", "room", ROOM, "--uid", "r-B@test", NULL };
  const char *cancel[] = { "bookings", "cancel", "1", NULL };
  g_autofree char *meeting_b = g_build_filename (fixture->dir, "meetings-1.ics", NULL);
  const char *import_b[] = { "import", meeting_b, NULL };
  g_autofree char *out = NULL;
  g_autofree char *calendar = NULL;
  Run run = { 0 };
  guint status;

  if (!fixture->up)
    return;

  cli_ok (fixture->db[0], import_b);
  cli_ok (fixture->db[0], book_a);
  run_stalled (fixture, &run, fixture->db[0], "before-delete", cancel);
  run_kill (fixture, &run);
  run_clear (&run);
  run_stalled (fixture, &run, fixture->db[0], "before-push", book_b);
  run_kill (fixture, &run);
  run_clear (&run);

  out = cli_out (fixture->db[0], 0, sync_json);
  g_assert_nonnull (strstr (out, "\"deleted\" : 1"));
  g_assert_nonnull (strstr (out, "\"pushed\" : 1"));
  g_assert_cmpuint (server_booking_count (fixture), ==, 1);
  calendar = server_text (fixture, ROOM_PATH, &status);
  g_assert_cmpuint (status, ==, 200);
  g_assert_nonnull (strstr (calendar, "RELATED-TO:r-B@test"));
  g_assert_null (strstr (calendar, "r-A@test"));
}

/* The organiser's own copy */

static char *
organiser_meeting (Fixture    *fixture,
                   const char *summary,
                   const char *extra)
{
  return g_strdup_printf ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Other//EN\r\n"
                          "BEGIN:VEVENT\r\nUID:org@test\r\nDTSTAMP:20260101T000000Z\r\n"
                          "DTSTART:%sT130000Z\r\nDTEND:%sT140000Z\r\nSUMMARY:%s\r\n"
                          "ORGANIZER:mailto:" ORGANISER "\r\n"
                          "ATTENDEE;PARTSTAT=ACCEPTED:mailto:jonas.berg@vanersborg.se\r\n%s"
                          "END:VEVENT\r\nEND:VCALENDAR\r\n",
                          fixture->day, fixture->day, summary, extra);
}

/* @text put at @path in the organiser's calendar, that calendar followed
 * in db[0] (source 2, people template, through @base: the server or a
 * proxy in front of it) and synced. */
static void
follow_organiser_through (Fixture    *fixture,
                          const char *base,
                          const char *path,
                          const char *text)
{
  g_autofree char *template = g_strconcat (base, "/{email}/", NULL);
  const char *add[] = { "sources", "add", "caldav", base, "--user", RADICALE_USER,
                        "--password-file", fixture->password_file, "--people-template", template,
                        NULL };
  const char *sync[] = { "sync", NULL };
  g_autofree char *out = NULL;

  radicale_make_calendar (&fixture->server, ORGANISER);
  g_assert_cmpuint (radicale_request (&fixture->server, "PUT", path, "text/calendar", text), ==, 201);
  out = cli_out (fixture->db[0], 0, add);
  cli_ok (fixture->db[0], sync);
}

static void
follow_organiser_with (Fixture    *fixture,
                       const char *path,
                       const char *text)
{
  follow_organiser_through (fixture, fixture->server.url, path, text);
}

/* The organiser's meeting org@test, followed. */
static void
follow_organiser (Fixture *fixture)
{
  g_autofree char *meeting = organiser_meeting (fixture, "Styrelsemöte", "");

  follow_organiser_with (fixture, MEETING_PATH, meeting);
  g_assert_cmpint (count (fixture->db[0], "SELECT count (*) FROM meetings WHERE uid = 'org@test'"),
                   ==, 1);
}

/* Booked: the room's ATTENDEE on the organiser's copy, also when the copy
 * changed between the read and the write (412: read again, applied again);
 * the next sync keeps the booking, the meeting then reserving the room
 * for itself (no conflict, no second booking); cancelled: the ATTENDEE goes,
 * the other change stays. */
static void
test_organiser_attendee (Fixture       *fixture,
                         gconstpointer  user_data)
{
  const char *book[] = { "book", "room", ROOM, "--uid", "org@test", NULL };
  const char *cancel[] = { "bookings", "cancel", "1", NULL };
  const char *list[] = { "bookings", "--format", "json", NULL };
  const char *sync[] = { "sync", NULL };
  g_autofree char *changed = organiser_meeting (fixture, "Styrelsemöte (flyttat rum)",
                                                "ATTENDEE;PARTSTAT=NEEDS-ACTION:mailto:karin.ek@vanersborg.se\r\n");
  g_autofree char *text = NULL;
  g_autofree char *listed = NULL;
  g_autofree char *after = NULL;
  Run run = { 0 };
  guint status;

  if (!fixture->up)
    return;

  follow_organiser (fixture);

  /* Another client changes the copy while Resfri is between its GET and
   * its PUT. */
  run_stalled (fixture, &run, fixture->db[0], "organiser-put", book);
  g_assert_cmpuint (radicale_request (&fixture->server, "PUT", MEETING_PATH, "text/calendar",
                                      changed), ==, 201);
  g_assert_cmpint (g_unlink (fixture->stall_file), ==, 0);
  run_wait (&run);
  g_assert_cmpint (run.status, ==, 0);
  run_clear (&run);

  text = server_text (fixture, MEETING_PATH, &status);
  g_assert_cmpuint (status, ==, 200);
  if (!has_room_attendee (text))
    g_error ("no room attendee in %s", text);
  g_assert_nonnull (strstr (text, "Styrelsemöte (flyttat rum)"));
  g_assert_nonnull (strstr (text, "mailto:karin.ek@vanersborg.se"));
  g_assert_nonnull (strstr (text, "mailto:jonas.berg@vanersborg.se"));

  /* The next sync reads our own change: the booking stays, the meeting
   * reserves the room for itself without a conflict. */
  cli_ok (fixture->db[0], sync);
  g_assert_cmpint (count (fixture->db[0], "SELECT count (*) FROM bookings"), ==, 1);
  g_assert_cmpint (count (fixture->db[0], "SELECT count (*) FROM booking_releases"), ==, 0);
  g_assert_cmpint (count (fixture->db[0],
                          "SELECT count (*) FROM attendees a JOIN meetings m ON m.id = a.meeting_id"
                          " WHERE m.uid = 'org@test' AND a.email = 'sessionssalen@vanersborg.se'"
                          "   AND a.cutype = 'ROOM'"), ==, 1);
  /* Resfri's booking and the meeting's own reservation: no conflict. */
  listed = cli_out (fixture->db[0], 0, list);
  g_assert_null (strstr (listed, "\"conflict\""));
  g_assert_nonnull (strstr (listed, "\"source\" : \"resfri\""));
  g_assert_nonnull (strstr (listed, "\"source\" : \"calendar\""));
  /* Another meeting cannot take the room then. */
  {
    g_autofree char *other = NULL;
    const char *book_other[] = { "book", "room", ROOM, "--uid", "clash@test", NULL };
    g_autofree char *path = g_build_filename (fixture->dir, "clash.ics", NULL);
    const char *import[] = { "import", path, NULL };
    g_autofree char *text = g_strdup_printf ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//T//EN\r\n"
                                             "BEGIN:VEVENT\r\nUID:clash@test\r\n"
                                             "DTSTAMP:20260101T000000Z\r\nDTSTART:%sT133000Z\r\n"
                                             "DTEND:%sT143000Z\r\nSUMMARY:Krock\r\n"
                                             "END:VEVENT\r\nEND:VCALENDAR\r\n",
                                             fixture->day, fixture->day);

    g_assert_true (g_file_set_contents (path, text, -1, NULL));
    cli_ok (fixture->db[0], import);
    other = cli_out (fixture->db[0], 1, book_other);
  }

  cli_ok (fixture->db[0], cancel);
  g_free (text);
  text = server_text (fixture, MEETING_PATH, &status);
  g_assert_cmpuint (status, ==, 200);
  g_assert_null (strstr (text, "sessionssalen@vanersborg.se"));
  g_assert_nonnull (strstr (text, "Styrelsemöte (flyttat rum)"));
  g_assert_nonnull (strstr (text, "mailto:karin.ek@vanersborg.se"));

  /* And the sync after that knows the room is free again. */
  cli_ok (fixture->db[0], sync);
  after = cli_out (fixture->db[0], 0, list);
  g_assert_null (strstr (after, "org@test"));
}

/* The organiser's copy unreachable (5xx) when the room is booked and when
 * the booking is cancelled: the booking stands, or goes, as asked; the
 * write is owed, and the next sync, the server well again, gives the copy
 * the room's ATTENDEE, then takes it away; a booking cancelled before its
 * write landed leaves the copy as it was. */
static void
test_organiser_retried (Fixture       *fixture,
                        gconstpointer  user_data)
{
  const char *book[] = { "book", "room", ROOM, "--uid", "org@test", NULL };
  const char *cancel[] = { "bookings", "cancel", "1", NULL };
  const char *cancel_again[] = { "bookings", "cancel", "2", NULL };
  const char *sync[] = { "sync", NULL };
  g_autofree char *meeting = organiser_meeting (fixture, "Styrelsemöte", "");
  g_autofree char *text = NULL;
  FaultProxy proxy = { 0 };
  guint status;

  if (!fixture->up)
    return;

  fault_proxy_start (&proxy, fixture->server.url);
  follow_organiser_through (fixture, proxy.url, MEETING_PATH, meeting);

  fault_proxy_set_fault (&proxy, MEETING_PATH, FAULT_STATUS, 500);
  cli_ok (fixture->db[0], book);
  g_assert_cmpuint (fault_proxy_faulted (&proxy), >, 0);
  g_assert_cmpint (count (fixture->db[0], "SELECT count (*) FROM bookings"), ==, 1);
  g_assert_cmpuint (server_booking_count (fixture), ==, 1);
  text = server_text (fixture, MEETING_PATH, &status);
  g_assert_null (strstr (text, "sessionssalen@vanersborg.se"));
  g_assert_cmpint (count (fixture->db[0], "SELECT count (*) FROM sync_organiser_rooms"), ==, 1);

  /* Still failing: still owed. */
  cli_ok (fixture->db[0], sync);
  g_assert_cmpint (count (fixture->db[0], "SELECT count (*) FROM sync_organiser_rooms"), ==, 1);

  fault_proxy_set_fault (&proxy, NULL, FAULT_NONE, 0);
  cli_ok (fixture->db[0], sync);
  g_free (text);
  text = server_text (fixture, MEETING_PATH, &status);
  g_assert_cmpuint (status, ==, 200);
  if (!has_room_attendee (text))
    g_error ("no room attendee after the retry in %s", text);
  g_assert_cmpint (count (fixture->db[0], "SELECT count (*) FROM sync_organiser_rooms"), ==, 0);
  g_assert_cmpint (count (fixture->db[0], "SELECT count (*) FROM bookings"), ==, 1);

  /* The cancellation's write fails the same way; the next sync removes
   * the room. */
  fault_proxy_set_fault (&proxy, MEETING_PATH, FAULT_STATUS, 502);
  cli_ok (fixture->db[0], cancel);
  g_assert_cmpint (count (fixture->db[0], "SELECT count (*) FROM bookings"), ==, 0);
  g_assert_cmpuint (server_booking_count (fixture), ==, 0);
  g_free (text);
  text = server_text (fixture, MEETING_PATH, &status);
  g_assert_nonnull (strstr (text, "sessionssalen@vanersborg.se"));
  fault_proxy_set_fault (&proxy, NULL, FAULT_NONE, 0);
  cli_ok (fixture->db[0], sync);
  g_free (text);
  text = server_text (fixture, MEETING_PATH, &status);
  g_assert_null (strstr (text, "sessionssalen@vanersborg.se"));
  g_assert_nonnull (strstr (text, "Styrelsemöte"));
  g_assert_cmpint (count (fixture->db[0], "SELECT count (*) FROM sync_organiser_rooms"), ==, 0);

  /* Booked and cancelled while the copy cannot be reached: the addition
   * owed is moot, the copy never gets the room. */
  fault_proxy_set_fault (&proxy, MEETING_PATH, FAULT_STATUS, 500);
  cli_ok (fixture->db[0], book);
  cli_ok (fixture->db[0], cancel_again);
  fault_proxy_set_fault (&proxy, NULL, FAULT_NONE, 0);
  cli_ok (fixture->db[0], sync);
  g_free (text);
  text = server_text (fixture, MEETING_PATH, &status);
  g_assert_null (strstr (text, "sessionssalen@vanersborg.se"));
  g_assert_cmpint (count (fixture->db[0], "SELECT count (*) FROM sync_organiser_rooms"), ==, 0);

  fault_proxy_stop (&proxy);
}

/* The organiser's calendar read-only (403 to the PUT): the booking stays,
 * the copy as it was. */
static void
test_organiser_read_only (Fixture       *fixture,
                          gconstpointer  user_data)
{
  const char *book[] = { "book", "room", ROOM, "--uid", "org@test", NULL };
  g_autofree char *rights = g_build_filename (fixture->server.dir, "rights", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  guint status;

  if (!fixture->up)
    return;

  follow_organiser (fixture);
  g_assert_true (g_file_set_contents (rights,
                                      "[organiser]\nuser: .+\n"
                                      "collection: anna\\.svensson@vanersborg\\.se(/.*)?\n"
                                      "permissions: Rr\n" RADICALE_RIGHTS_ALL, -1, NULL));
  before = server_get (&fixture->server, MEETING_PATH, &status);
  g_assert_cmpuint (status, ==, 200);
  g_assert_cmpuint (radicale_request (&fixture->server, "PUT", MEETING_PATH, "text/calendar",
                                      before), ==, 403);

  cli_ok (fixture->db[0], book);
  g_assert_cmpint (count (fixture->db[0], "SELECT count (*) FROM bookings"), ==, 1);
  g_assert_cmpuint (server_booking_count (fixture), ==, 1);
  after = server_get (&fixture->server, MEETING_PATH, &status);
  g_assert_cmpstr (after, ==, before);
  /* Refused for good: not tried again at every sync. */
  g_assert_cmpint (count (fixture->db[0], "SELECT count (*) FROM sync_organiser_rooms"), ==, 0);
}

/* The VEVENTs of @text (unfolded) that name the room's address: "M" for
 * the master, the RECURRENCE-ID's value for an override, by order. */
static char *
components_with_room (const char *text)
{
  g_auto(GStrv) parts = g_strsplit (text, "BEGIN:VEVENT", -1);
  GString *out = g_string_new ("");

  for (guint i = 1; parts[i] != NULL; i++)
    {
      const char *rid = strstr (parts[i], "RECURRENCE-ID");
      g_autofree char *value = NULL;

      if (strstr (parts[i], "mailto:sessionssalen@vanersborg.se") == NULL)
        continue;
      if (rid != NULL)
        {
          rid = strchr (rid, ':') + 1;
          value = g_strndup (rid, strcspn (rid, "\r\n"));
        }
      g_string_append_printf (out, "%s%s", out->len ? " " : "", value ? value : "M");
    }
  return g_string_free (out, FALSE);
}

#define SERIES_PATH "/" ORGANISER "/cal/series.ics"

static guint
count_substrings (const char *text,
                  const char *needle)
{
  guint n = 0;

  for (const char *p = text; (p = strstr (p, needle)) != NULL; p += strlen (needle))
    n++;
  return n;
}

/* components_with_room() of the organiser's series. */
static char *
series_with_room (Fixture *fixture)
{
  guint status;
  g_autofree char *text = server_text (fixture, SERIES_PATH, &status);

  g_assert_cmpuint (status, ==, 200);
  return components_with_room (text);
}

/* A weekly series of three with an override of the second: one
 * occurrence without an override gets an override of its own with the
 * ATTENDEE (the next sync reads it as that occurrence, not as a fourth);
 * the overridden one gets it on its override; the rest of the series on
 * the master; cancelling the second takes it from its override only. */
static void
test_organiser_series (Fixture       *fixture,
                       gconstpointer  user_data)
{
  g_autoptr(GDateTime) first = NULL;
  g_autoptr(GDateTime) second = NULL;
  g_autoptr(GDateTime) third = NULL;
  g_autofree char *rid2 = NULL;
  g_autofree char *rid3 = NULL;
  g_autofree char *meeting = NULL;
  const char *sync[] = { "sync", NULL };
  const char *series[] = { "book", "room", ROOM, "--uid", "series@test", NULL };
  const char *cancel_1[] = { "bookings", "cancel", "1", NULL };
  g_autofree char *with = NULL;
  g_autofree char *day2 = NULL;

  if (!fixture->up)
    return;

  first = g_date_time_new_utc (g_ascii_strtoll (fixture->day, NULL, 10) / 10000,
                               g_ascii_strtoll (fixture->day, NULL, 10) / 100 % 100,
                               g_ascii_strtoll (fixture->day, NULL, 10) % 100, 13, 0, 0);
  second = g_date_time_add_weeks (first, 1);
  third = g_date_time_add_weeks (first, 2);
  rid2 = g_date_time_format (second, "%Y%m%dT%H%M%SZ");
  rid3 = g_date_time_format (third, "%Y%m%dT%H%M%SZ");
  day2 = g_date_time_format (second, "%Y%m%d");
  meeting = g_strdup_printf ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Other//EN\r\n"
                             "BEGIN:VEVENT\r\nUID:series@test\r\nDTSTAMP:20260101T000000Z\r\n"
                             "DTSTART:%sT130000Z\r\nDTEND:%sT140000Z\r\nRRULE:FREQ=WEEKLY;COUNT=3\r\n"
                             "SUMMARY:Veckomöte\r\nORGANIZER:mailto:" ORGANISER "\r\n"
                             "END:VEVENT\r\n"
                             "BEGIN:VEVENT\r\nUID:series@test\r\nDTSTAMP:20260101T000000Z\r\n"
                             "RECURRENCE-ID:%s\r\nDTSTART:%sT150000Z\r\nDTEND:%sT160000Z\r\n"
                             "SUMMARY:Veckomöte (senare)\r\nORGANIZER:mailto:" ORGANISER "\r\n"
                             "END:VEVENT\r\nEND:VCALENDAR\r\n",
                             fixture->day, fixture->day, rid2, day2, day2);
  follow_organiser_with (fixture, SERIES_PATH, meeting);

  /* The third alone: an override made for it, at its own time. */
  {
    const char *book[] = { "book", "room", ROOM, "--uid", "series@test", "--recurrence-id", rid3,
                           NULL };
    g_autofree char *text = NULL;
    g_autofree char *dtstart = g_strdup_printf ("DTSTART:%s\r\n", rid3);
    guint status;

    cli_ok (fixture->db[0], book);
    with = series_with_room (fixture);
    g_assert_cmpstr (with, ==, rid3);
    text = server_text (fixture, SERIES_PATH, &status);
    g_assert_nonnull (strstr (text, dtstart));
    g_assert_cmpuint (count_substrings (text, "RRULE:"), ==, 1);
    cli_ok (fixture->db[0], sync);
    g_assert_cmpint (count (fixture->db[0], "SELECT count (*) FROM occurrences"
                            " WHERE uid = 'series@test' AND cancelled = 0"), ==, 3);
    g_assert_cmpint (count (fixture->db[0], "SELECT count (*) FROM bookings"), ==, 1);
    cli_ok (fixture->db[0], cancel_1);
    g_free (with);
    with = series_with_room (fixture);
    g_assert_cmpstr (with, ==, "");
  }
  /* The second: its override. */
  {
    const char *book[] = { "book", "room", ROOM, "--uid", "series@test", "--recurrence-id", rid2,
                           NULL };

    cli_ok (fixture->db[0], book);
    g_free (with);
    with = series_with_room (fixture);
    g_assert_cmpstr (with, ==, rid2);
  }
  /* The rest of the series (the first and the third): the master too. */
  cli_ok (fixture->db[0], series);
  g_assert_cmpint (count (fixture->db[0], "SELECT count (*) FROM bookings"), ==, 3);
  g_free (with);
  with = series_with_room (fixture);
  {
    g_autofree char *all = g_strconcat ("M ", rid2, " ", rid3, NULL);

    g_assert_cmpstr (with, ==, all);
  }
  /* Cancelling the second takes the room from its override only (ids are
   * given again: find it). */
  {
    g_autofree char *sql = g_strdup_printf ("SELECT id FROM bookings WHERE recurrence_id = '%s'",
                                            rid2);
    g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, count (fixture->db[0], sql));
    const char *cancel[] = { "bookings", "cancel", id, NULL };

    cli_ok (fixture->db[0], cancel);
  }
  g_free (with);
  with = series_with_room (fixture);
  {
    g_autofree char *rest = g_strconcat ("M ", rid3, NULL);

    g_assert_cmpstr (with, ==, rest);
  }
  /* The last booking of the meeting cancelled: from the master too. */
  while (count (fixture->db[0], "SELECT count (*) FROM bookings") > 0)
    {
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT,
                                             count (fixture->db[0], "SELECT min (id) FROM bookings"));
      const char *cancel[] = { "bookings", "cancel", id, NULL };

      cli_ok (fixture->db[0], cancel);
    }
  g_free (with);
  with = series_with_room (fixture);
  g_assert_cmpstr (with, ==, "");
}

/* A series in the organiser's own zone: the override made for one
 * occurrence names it, and places it, in that zone's wall-clock time
 * (14:00 in Stockholm, whatever the offset that day), so that every
 * client matches it to its occurrence. */
static void
test_organiser_series_zoned (Fixture       *fixture,
                             gconstpointer  user_data)
{
  g_autoptr(GTimeZone) stockholm = g_time_zone_new_identifier ("Europe/Stockholm");
  g_autoptr(GDateTime) first = NULL;
  g_autoptr(GDateTime) third = NULL;
  g_autoptr(GDateTime) third_utc = NULL;
  g_autofree char *rid3 = NULL;
  g_autofree char *day3 = NULL;
  g_autofree char *meeting = NULL;
  const char *sync[] = { "sync", NULL };
  g_autofree char *text = NULL;
  g_autofree char *with = NULL;
  g_autofree char *rid_line = NULL;
  g_autofree char *start_line = NULL;
  g_autofree char *end_line = NULL;
  guint status;

  if (!fixture->up)
    return;

  first = g_date_time_new (stockholm, g_ascii_strtoll (fixture->day, NULL, 10) / 10000,
                           g_ascii_strtoll (fixture->day, NULL, 10) / 100 % 100,
                           g_ascii_strtoll (fixture->day, NULL, 10) % 100, 14, 0, 0);
  third = g_date_time_add_weeks (first, 2);
  third_utc = g_date_time_to_utc (third);
  rid3 = g_date_time_format (third_utc, "%Y%m%dT%H%M%SZ");
  day3 = g_date_time_format (third, "%Y%m%d");
  meeting = g_strdup_printf ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Other//EN\r\n"
                             "BEGIN:VTIMEZONE\r\nTZID:Europe/Stockholm\r\n"
                             "BEGIN:STANDARD\r\nDTSTART:19701025T030000\r\n"
                             "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\n"
                             "TZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\nEND:STANDARD\r\n"
                             "BEGIN:DAYLIGHT\r\nDTSTART:19700329T020000\r\n"
                             "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\n"
                             "TZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\nEND:DAYLIGHT\r\n"
                             "END:VTIMEZONE\r\n"
                             "BEGIN:VEVENT\r\nUID:zoned@test\r\nDTSTAMP:20260101T000000Z\r\n"
                             "DTSTART;TZID=Europe/Stockholm:%sT140000\r\n"
                             "DTEND;TZID=Europe/Stockholm:%sT153000\r\n"
                             "RRULE:FREQ=WEEKLY;COUNT=3\r\n"
                             "SUMMARY:Veckomöte\r\nORGANIZER:mailto:" ORGANISER "\r\n"
                             "END:VEVENT\r\nEND:VCALENDAR\r\n",
                             fixture->day, fixture->day);
  follow_organiser_with (fixture, SERIES_PATH, meeting);

  {
    const char *book[] = { "book", "room", ROOM, "--uid", "zoned@test", "--recurrence-id", rid3,
                           NULL };

    cli_ok (fixture->db[0], book);
  }
  text = server_text (fixture, SERIES_PATH, &status);
  g_assert_cmpuint (status, ==, 200);
  rid_line = g_strdup_printf ("RECURRENCE-ID;TZID=Europe/Stockholm:%sT140000", day3);
  start_line = g_strdup_printf ("DTSTART;TZID=Europe/Stockholm:%sT140000", day3);
  end_line = g_strdup_printf ("DTEND;TZID=Europe/Stockholm:%sT153000", day3);
  g_assert_nonnull (strstr (text, rid_line));
  g_assert_nonnull (strstr (text, start_line));
  g_assert_nonnull (strstr (text, end_line));
  with = components_with_room (text);
  g_assert_cmpstr (with, ==, g_strrstr (rid_line, ":") + 1);

  /* Read back: still three occurrences, the third in the room. */
  cli_ok (fixture->db[0], sync);
  g_assert_cmpint (count (fixture->db[0], "SELECT count (*) FROM occurrences"
                          " WHERE uid = 'zoned@test' AND cancelled = 0"), ==, 3);
  {
    g_autofree char *sql = g_strdup_printf ("SELECT count (*) FROM occurrences WHERE uid = 'zoned@test'"
                                            " AND recurrence_id = '%s' AND start = %" G_GINT64_FORMAT,
                                            rid3, g_date_time_to_unix (third));

    g_assert_cmpint (count (fixture->db[0], sql), ==, 1);
  }
  g_assert_cmpint (count (fixture->db[0], "SELECT count (*) FROM bookings"), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/sync/server-reconcile/push-after-kill", Fixture, NULL, fixture_set_up,
              test_push_after_kill, fixture_tear_down);
  g_test_add ("/sync/server-reconcile/delete-after-kill", Fixture, NULL, fixture_set_up,
              test_delete_after_kill, fixture_tear_down);
  g_test_add ("/sync/server-reconcile/new-id-after-failed-delete", Fixture, NULL,
              fixture_set_up, test_new_id_after_failed_delete, fixture_tear_down);
  g_test_add ("/sync/server-reconcile/organiser-retried", Fixture, NULL, fixture_set_up,
              test_organiser_retried, fixture_tear_down);
  g_test_add ("/sync/server-reconcile/release-when-taken", Fixture, NULL, fixture_set_up,
              test_release_when_taken, fixture_tear_down);
  g_test_add ("/sync/server-reconcile/organiser-attendee", Fixture, NULL, fixture_set_up,
              test_organiser_attendee, fixture_tear_down);

  g_test_add ("/sync/server-reconcile/push-while-booking", Fixture, NULL, fixture_set_up,
              test_push_while_booking, fixture_tear_down);
  g_test_add ("/sync/server-reconcile/organiser-series", Fixture, NULL, fixture_set_up,
              test_organiser_series, fixture_tear_down);
  g_test_add ("/sync/server-reconcile/organiser-series-zoned", Fixture, NULL, fixture_set_up,
              test_organiser_series_zoned, fixture_tear_down);
  g_test_add ("/sync/server-reconcile/organiser-read-only", Fixture, NULL, fixture_set_up,
              test_organiser_read_only, fixture_tear_down);

  return g_test_run ();
}

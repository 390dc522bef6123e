/* test-server-bookings.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Resfri's bookings on the server (spec/sync.md, "Bookings on the server"
 * and "The guarantee across machines") against a real Radicale: a booking
 * of a room whose calendar is followed appears there and goes with its
 * cancellation; two installations (two databases, two resfri-cli processes
 * started together) racing for the same room, many rounds: exactly one
 * keeps it; and rounds where one is SIGKILLed at a random request.
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <libsoup/soup.h>

#include "radicale-fixture.h"
#include "server-fixture.h"
#include "resfri-test-util.h"
#include "resfri-core.h"
#include "resfri-dav-xml.h"
#include "resfri-store-private.h"


typedef struct
{
  char           *dir;
  char           *db[2];
  char           *password_file;
  RadicaleServer  server;
  gboolean        up;
} Fixture;

/* The meetings of every round, in @db: ROUND-WHO@test on day ROUND, A at
 * 09–10 and B at 09:30–10:30 (UTC), overlapping. */
static void
import_meetings (Fixture *fixture,
                 guint    which,
                 guint    rounds)
{
  g_autoptr(GString) text = g_string_new ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Resfri tests//EN\r\n");
  g_autofree char *path = g_strdup_printf ("%s/meetings-%u.ics", fixture->dir, which);
  const char *argv[] = { "import", path, NULL };

  for (guint r = 0; r < rounds; r++)
    for (guint extra = 0; extra < 2; extra++)
      g_string_append_printf (text,
                              "BEGIN:VEVENT\r\nUID:%u-%c%s@test\r\nDTSTAMP:20260101T000000Z\r\n"
                              "DTSTART:202604%02uT%s00Z\r\nDTEND:202604%02uT%s00Z\r\n"
                              "SUMMARY:Möte %u %c\r\nORGANIZER:mailto:anna.svensson@vanersborg.se\r\n"
                              "END:VEVENT\r\n",
                              r, 'A' + which, extra ? "2" : "", r % 28 + 1,
                              which ? "0930" : "0900", r % 28 + 1, which ? "1030" : "1000",
                              r, 'A' + which);
  g_string_append (text, "END:VCALENDAR\r\n");
  g_assert_true (g_file_set_contents (path, text->str, -1, NULL));
  cli_ok (fixture->db[which], argv);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  guint rounds = GPOINTER_TO_UINT (user_data);

  fixture->dir = g_dir_make_tmp ("resfri-server-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->password_file = server_fixture_password_file (fixture->dir);
  fixture->up = radicale_start (&fixture->server, fixture->dir);
  if (!fixture->up)
    return;
  radicale_make_calendar (&fixture->server, RADICALE_USER);
  radicale_make_calendar (&fixture->server, ROOM_OWNER);

  for (guint which = 0; which < 2; which++)
    {
      fixture->db[which] = g_strdup_printf ("%s/resfri-%u.db", fixture->dir, which);
      server_fixture_install (&fixture->server, fixture->db[which], fixture->password_file, FALSE);
      import_meetings (fixture, which, MAX (rounds, 1));
    }
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  radicale_stop (&fixture->server);
  resfri_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->db[0]);
  g_free (fixture->db[1]);
  g_free (fixture->password_file);
}

/* The server */

typedef struct
{
  char   *text;
  char   *related;
  gint64  start;
  gint64  end;
} ServerBooking;

static void
server_booking_clear (gpointer data)
{
  ServerBooking *booking = data;

  g_free (booking->text);
  g_free (booking->related);
}

static char *
field (const char *text,
       const char *name)
{
  g_autofree char *key = g_strconcat ("\n", name, ":", NULL);
  const char *at = strstr (text, key);
  const char *end;

  if (at == NULL)
    return NULL;
  at += strlen (key);
  end = strpbrk (at, "\r\n");
  return g_strndup (at, end ? (gsize) (end - at) : strlen (at));
}

static gint64
utc_time (const char *value)
{
  g_autoptr(GDateTime) time = NULL;
  g_autofree char *iso = NULL;

  g_assert_nonnull (value);
  iso = g_strdup_printf ("%.4s-%.2s-%.2sT%.2s:%.2s:%.2sZ", value, value + 4, value + 6,
                         value + 9, value + 11, value + 13);
  time = g_date_time_new_from_iso8601 (iso, NULL);
  g_assert_nonnull (time);
  return g_date_time_to_unix (time);
}

/* Resfri's bookings in the room's calendar; asserts no two overlap. */
static GArray *
server_bookings (Fixture *fixture)
{
  static const char propfind[] =
    "<?xml version=\"1.0\"?><propfind xmlns=\"DAV:\"><prop><getetag/></prop></propfind>";
  g_autofree char *url = g_strconcat (fixture->server.url, ROOM_PATH, NULL);
  g_autoptr(SoupMessage) message = soup_message_new ("PROPFIND", url);
  g_autofree char *pair = g_strdup (RADICALE_USER ":" RADICALE_PASSWORD);
  g_autofree char *encoded = g_base64_encode ((const guchar *) pair, strlen (pair));
  g_autofree char *authorization = g_strconcat ("Basic ", encoded, NULL);
  g_autoptr(GBytes) request = g_bytes_new_static (propfind, strlen (propfind));
  g_autoptr(GBytes) body = NULL;
  g_autoptr(ResfriDavMultistatus) multistatus = NULL;
  g_autoptr(GError) error = NULL;
  GArray *bookings = g_array_new (FALSE, TRUE, sizeof (ServerBooking));

  g_array_set_clear_func (bookings, server_booking_clear);
  soup_message_headers_replace (soup_message_get_request_headers (message), "Authorization",
                                authorization);
  soup_message_headers_replace (soup_message_get_request_headers (message), "Depth", "1");
  soup_message_set_request_body_from_bytes (message, "application/xml", request);
  body = soup_session_send_and_read (fixture->server.session, message, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (message), ==, 207);
  multistatus = resfri_dav_parse_multistatus (g_bytes_get_data (body, NULL), g_bytes_get_size (body),
                                              &error);
  g_assert_no_error (error);
  for (guint i = 0; i < multistatus->responses->len; i++)
    {
      ResfriDavResponse *response = g_ptr_array_index (multistatus->responses, i);
      ServerBooking booking = { 0 };
      g_autofree char *start = NULL;
      g_autofree char *end = NULL;
      guint status;

      if (strstr (response->href, "resfri-booking-") == NULL)
        continue;
      booking.text = server_get (&fixture->server, response->href, &status);
      g_assert_cmpuint (status, ==, 200);
      start = field (booking.text, "DTSTART");
      end = field (booking.text, "DTEND");
      booking.start = utc_time (start);
      booking.end = utc_time (end);
      booking.related = field (booking.text, "RELATED-TO");
      g_array_append_val (bookings, booking);
    }
  for (guint i = 0; i < bookings->len; i++)
    for (guint j = i + 1; j < bookings->len; j++)
      {
        ServerBooking *a = &g_array_index (bookings, ServerBooking, i);
        ServerBooking *b = &g_array_index (bookings, ServerBooking, j);

        if (a->start < b->end && b->start < a->end)
          g_error ("overlapping bookings on the server: %s and %s", a->related, b->related);
      }
  return bookings;
}

/* How many of @bookings are for meetings of round @round. */
static guint
round_bookings (GArray *bookings,
                guint   round)
{
  g_autofree char *prefix = g_strdup_printf ("%u-", round);
  guint n = 0;

  for (guint i = 0; i < bookings->len; i++)
    if (g_str_has_prefix (g_array_index (bookings, ServerBooking, i).related, prefix))
      n++;
  return n;
}

/* Tests */

static void
test_booking_on_server (Fixture       *fixture,
                        gconstpointer  user_data)
{
  const char *book[] = { "book", "room", ROOM, "--uid", "0-A@test", NULL };
  const char *sync[] = { "sync", NULL };
  const char *cancel[] = { "bookings", "cancel", "1", NULL };
  g_autoptr(GArray) bookings = NULL;
  g_autoptr(GArray) after = NULL;
  g_autofree char *installation = NULL;
  g_autofree char *lease = NULL;
  ServerBooking *booking;
  guint status;

  if (!fixture->up)
    return;

  cli_ok (fixture->db[0], book);
  bookings = server_bookings (fixture);
  g_assert_cmpuint (bookings->len, ==, 1);
  booking = &g_array_index (bookings, ServerBooking, 0);
  g_assert_cmpstr (booking->related, ==, "0-A@test");
  g_assert_cmpint (booking->end - booking->start, ==, 3600);
  g_assert_nonnull (strstr (booking->text, "SUMMARY:Möte 0 A"));
  g_assert_nonnull (strstr (booking->text, "X-RESFRI-BOOKING:1"));
  g_assert_nonnull (strstr (booking->text, "UID:resfri-booking-1@"));
  g_assert_cmpint (count (fixture->db[0], "SELECT count (*) FROM sync_bookings"
                                          " WHERE href LIKE '" ROOM_PATH "resfri-booking-1-%'"), ==, 1);
  /* bookings says where it is on the server. */
  {
    const char *list[] = { "bookings", "--format", "json", NULL };
    Run run = { 0 };

    run_start (&run, fixture->db[0], NULL, list);
    run_wait (&run);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_nonnull (strstr (run.out, "\"server_href\" : \"" ROOM_PATH "resfri-booking-1-"));
    run_clear (&run);
  }

  /* The lock is released. */
  lease = server_get (&fixture->server, ROOM_PATH "resfri-lease.ics", &status);
  g_assert_cmpuint (status, ==, 404);

  /* The next sync knows it as Resfri's own booking, not a meeting. */
  cli_ok (fixture->db[0], sync);
  g_assert_cmpint (count (fixture->db[0], "SELECT count (*) FROM meetings WHERE uid LIKE 'resfri-%'"), ==, 0);
  g_assert_cmpint (count (fixture->db[0], "SELECT count (*) FROM bookings"), ==, 1);

  /* The other installation is refused, naming the holder. */
  {
    const char *other[] = { "book", "room", ROOM, "--uid", "0-B@test", NULL };
    Run run = { 0 };

    run_start (&run, fixture->db[1], NULL, other);
    run_wait (&run);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_nonnull (strstr (run.err, "Möte 0 A"));
    run_clear (&run);
    g_assert_cmpint (count (fixture->db[1], "SELECT count (*) FROM bookings"), ==, 0);
  }

  /* A weekly reservation another client put there, from March on: its
   * occurrence of 1 April 09:15–09:45 (UTC) overlaps meeting 0-B. */
  {
    static const char weekly[] =
      "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Other//EN\r\nBEGIN:VEVENT\r\n"
      "UID:weekly@other\r\nDTSTAMP:20260101T000000Z\r\nDTSTART:20260304T091500Z\r\n"
      "DTEND:20260304T094500Z\r\nRRULE:FREQ=WEEKLY\r\nSUMMARY:Veckofika\r\n"
      "ORGANIZER:mailto:karin.ek@vanersborg.se\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
    const char *other[] = { "book", "room", ROOM, "--uid", "0-B@test", NULL };
    Run run = { 0 };

    cli_ok (fixture->db[0], cancel);
    g_assert_cmpuint (radicale_request (&fixture->server, "PUT", ROOM_PATH "weekly.ics",
                                        "text/calendar", weekly), ==, 201);
    run_start (&run, fixture->db[1], NULL, other);
    run_wait (&run);
    g_assert_cmpint (run.status, ==, 1);
    g_assert_nonnull (strstr (run.err, "Veckofika"));
    run_clear (&run);
    g_assert_cmpuint (radicale_request (&fixture->server, "DELETE", ROOM_PATH "weekly.ics", NULL,
                                        NULL), ==, 200);
  }
  after = server_bookings (fixture);
  g_assert_cmpuint (after->len, ==, 0);
  g_assert_cmpint (count (fixture->db[0], "SELECT count (*) FROM sync_bookings"), ==, 0);
}

/* An item's booking goes to the item's calendar, its borrower the
 * ORGANIZER. */
static void
test_item_booking_on_server (Fixture       *fixture,
                             gconstpointer  user_data)
{
  g_autofree char *people = g_test_build_filename (G_TEST_DIST, "data", "people.csv", NULL);
  g_autofree char *inventory = g_test_build_filename (G_TEST_DIST, "data", "inventory.csv", NULL);
  g_autofree char *home = NULL;
  g_autofree char *text = NULL;
  g_autofree char *href = NULL;
  const char *people_argv[] = { "people", "import", people, NULL };
  const char *inventory_argv[] = { "inventory", "import", inventory, NULL };
  const char *follow[] = { "sources", "follow", "2", "/item-h2/cal/", "--item", "H-0002", NULL };
  const char *book[] = { "book", "item", "H-0002", "--uid", "0-A@test", "--person",
                         "asa.oberg@vanersborg.se", NULL };
  g_autoptr(ResfriStore) store = NULL;
  g_autoptr(GError) error = NULL;
  guint status;

  if (!fixture->up)
    return;

  home = g_strconcat (fixture->server.url, "/item-h2/", NULL);
  radicale_make_calendar (&fixture->server, "item-h2");
  cli_ok (fixture->db[0], people_argv);
  cli_ok (fixture->db[0], inventory_argv);
  {
    const char *add[] = { "sources", "add", "caldav", home, "--user", RADICALE_USER,
                          "--password-file", fixture->password_file, NULL };

    cli_ok (fixture->db[0], add);
  }
  cli_ok (fixture->db[0], follow);
  cli_ok (fixture->db[0], book);

  store = resfri_store_open (fixture->db[0], &error);
  g_assert_no_error (error);
  {
    sqlite3_stmt *stmt = _resfri_store_prepare (store, "SELECT href FROM sync_bookings", &error);

    g_assert_no_error (error);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    href = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
    sqlite3_reset (stmt);
  }
  g_assert_true (g_str_has_prefix (href, "/item-h2/cal/resfri-booking-1-"));
  text = server_get (&fixture->server, href, &status);
  g_assert_cmpuint (status, ==, 200);
  g_assert_nonnull (strstr (text, "ORGANIZER:mailto:asa.oberg@vanersborg.se"));
  g_assert_nonnull (strstr (text, "RELATED-TO:0-A@test"));
}

static guint
race_rounds (void)
{
  return g_getenv ("RESFRI_TEST_SLOW") ? 5 : 20;
}

static void
test_race (Fixture       *fixture,
           gconstpointer  user_data)
{
  guint rounds = GPOINTER_TO_UINT (user_data);
  guint wins[2] = { 0, 0 };

  if (!fixture->up)
    return;

  for (guint r = 0; r < rounds; r++)
    {
      g_autofree char *uid_a = g_strdup_printf ("%u-A@test", r);
      g_autofree char *uid_b = g_strdup_printf ("%u-B@test", r);
      const char *book_a[] = { "book", "room", ROOM, "--uid", uid_a, NULL };
      const char *book_b[] = { "book", "room", ROOM, "--uid", uid_b, NULL };
      g_autoptr(GArray) bookings = NULL;
      Run runs[2] = { { 0 }, { 0 } };
      guint winner;

      run_start (&runs[0], fixture->db[0], NULL, book_a);
      run_start (&runs[1], fixture->db[1], NULL, book_b);
      run_wait (&runs[0]);
      run_wait (&runs[1]);
      if (!((runs[0].status == 0 && runs[1].status == 1) || (runs[0].status == 1 && runs[1].status == 0)))
        g_error ("round %u: exits %d and %d: %s%s / %s%s", r, runs[0].status, runs[1].status,
                 runs[0].out, runs[0].err, runs[1].out, runs[1].err);
      winner = runs[0].status == 0 ? 0 : 1;
      wins[winner]++;
      g_assert_nonnull (strstr (runs[1 - winner].err, "taken on the server"));
      bookings = server_bookings (fixture);
      g_assert_cmpuint (round_bookings (bookings, r), ==, 1);
      g_assert_cmpint (count (fixture->db[1 - winner], "SELECT count (*) FROM bookings"), ==,
                       wins[1 - winner]);
      run_clear (&runs[0]);
      run_clear (&runs[1]);
    }
  g_test_message ("%u rounds: installation A won %u, B won %u", rounds, wins[0], wins[1]);
  g_assert_cmpuint (wins[0] + wins[1], ==, rounds);
}

/* One installation is killed after a random number of its requests; the
 * other's booking (then, if the server holds neither, a second one) must
 * go through once the dead lock has expired, and nothing overlaps. */
static void
test_race_killed (Fixture       *fixture,
                  gconstpointer  user_data)
{
  guint rounds = GPOINTER_TO_UINT (user_data);
  guint kills = 0;

  if (!fixture->up)
    return;

  for (guint r = 0; r < rounds; r++)
    {
      g_autofree char *uid_a = g_strdup_printf ("%u-A@test", r);
      g_autofree char *uid_b = g_strdup_printf ("%u-B@test", r);
      g_autofree char *uid_b2 = g_strdup_printf ("%u-B2@test", r);
      g_autofree char *kill_after = g_strdup_printf ("%d", g_random_int_range (1, 12));
      const char *book_a[] = { "book", "room", ROOM, "--uid", uid_a, NULL };
      const char *book_b[] = { "book", "room", ROOM, "--uid", uid_b, NULL };
      const char *book_b2[] = { "book", "room", ROOM, "--uid", uid_b2, NULL };
      g_autoptr(GArray) bookings = NULL;
      Run runs[2] = { { 0 }, { 0 } };

      run_start_lease (&runs[0], fixture->db[0], kill_after, "2", book_a);
      run_start_lease (&runs[1], fixture->db[1], NULL, "2", book_b);
      run_wait (&runs[0]);
      run_wait (&runs[1]);
      kills += runs[0].status == -1;
      g_assert_true (runs[1].status == 0 || runs[1].status == 1);
      bookings = server_bookings (fixture);
      g_assert_cmpuint (round_bookings (bookings, r), <=, 1);
      if (runs[1].status == 1)
        g_assert_nonnull (strstr (runs[1].err, "taken on the server"));
      if (round_bookings (bookings, r) == 0)
        {
          /* The meeting B2 overlaps A's and B's times. */
          cli_ok (fixture->db[1], book_b2);
          g_clear_pointer (&bookings, g_array_unref);
          bookings = server_bookings (fixture);
          g_assert_cmpuint (round_bookings (bookings, r), ==, 1);
        }
      run_clear (&runs[0]);
      run_clear (&runs[1]);
    }
  g_test_message ("%u rounds, %u with installation A killed", rounds, kills);
}

/* Waits until the room's calendar holds @path (a state, not a time). */
static void
wait_for_resource (Fixture    *fixture,
                   const char *path)
{
  for (;;)
    {
      g_autofree char *text = NULL;
      guint status;

      text = server_get (&fixture->server, path, &status);
      if (status == 200)
        return;
      g_assert_cmpuint (status, ==, 404);
      g_usleep (20 * 1000);
    }
}

/* A client that stalls past its lease's expiry: stalled before its write,
 * it finds the lease taken over and refuses (the other keeps the room);
 * stalled after it, it removes its own booking, and the taker, which saw
 * that booking, refused too: nobody keeps it, nothing overlaps. */
static void
test_stalled_client (Fixture       *fixture,
                     gconstpointer  user_data)
{
  const char *book_a[] = { "book", "room", ROOM, "--uid", "0-A@test", NULL };
  const char *book_b[] = { "book", "room", ROOM, "--uid", "0-B@test", NULL };
  const char *book_a1[] = { "book", "room", ROOM, "--uid", "1-A@test", NULL };
  const char *book_b1[] = { "book", "room", ROOM, "--uid", "1-B@test", NULL };
  Run runs[2] = { { 0 }, { 0 } };
  g_autoptr(GArray) bookings = NULL;

  if (!fixture->up)
    return;

  server_fixture_stall = "before-write:4";
  run_start_lease (&runs[0], fixture->db[0], NULL, "1", book_a);
  wait_for_resource (fixture, ROOM_PATH "resfri-lease.ics");
  run_start_lease (&runs[1], fixture->db[1], NULL, "1", book_b);
  run_wait (&runs[1]);
  run_wait (&runs[0]);
  g_assert_cmpint (runs[1].status, ==, 0);
  g_assert_cmpint (runs[0].status, ==, 1);
  g_assert_nonnull (strstr (runs[0].err, "taken on the server"));
  bookings = server_bookings (fixture);
  g_assert_cmpuint (round_bookings (bookings, 0), ==, 1);
  g_assert_cmpstr (g_array_index (bookings, ServerBooking, 0).related, ==, "0-B@test");
  g_assert_cmpint (count (fixture->db[0], "SELECT count (*) FROM bookings"), ==, 0);
  run_clear (&runs[0]);
  run_clear (&runs[1]);

  server_fixture_stall = "after-write:4";
  run_start_lease (&runs[0], fixture->db[0], NULL, "1", book_a1);
  wait_for_resource (fixture, ROOM_PATH "resfri-lease.ics");
  run_start_lease (&runs[1], fixture->db[1], NULL, "1", book_b1);
  run_wait (&runs[1]);
  run_wait (&runs[0]);
  g_clear_pointer (&bookings, g_array_unref);
  bookings = server_bookings (fixture);
  /* B either saw A's booking (both refuse) or came after A removed it. */
  g_assert_cmpint (runs[0].status, ==, 1);
  g_assert_cmpuint (round_bookings (bookings, 1), ==, runs[1].status == 0 ? 1 : 0);
  g_assert_cmpint (count (fixture->db[0], "SELECT count (*) FROM bookings"), ==, 0);
  run_clear (&runs[0]);
  run_clear (&runs[1]);
}

int
main (int   argc,
      char *argv[])
{
  guint rounds;

  g_test_init (&argc, &argv, NULL);
  rounds = race_rounds ();

  g_test_add ("/sync/server-bookings/written", Fixture, GUINT_TO_POINTER (1), fixture_set_up,
              test_booking_on_server, fixture_tear_down);
  g_test_add ("/sync/server-bookings/item", Fixture, GUINT_TO_POINTER (1), fixture_set_up,
              test_item_booking_on_server, fixture_tear_down);
  g_test_add ("/sync/server-bookings/race", Fixture, GUINT_TO_POINTER (rounds), fixture_set_up,
              test_race, fixture_tear_down);
  g_test_add ("/sync/server-bookings/race-killed", Fixture, GUINT_TO_POINTER (rounds),
              fixture_set_up, test_race_killed, fixture_tear_down);
  g_test_add ("/sync/server-bookings/stalled", Fixture, GUINT_TO_POINTER (2), fixture_set_up,
              test_stalled_client, fixture_tear_down);

  return g_test_run ();
}

/* test-sync-reservations.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reservations that the calendar already holds (spec/sync.md), against a
 * real Radicale through resfri-cli: a followed room calendar holding an
 * event without attendees and another installation's Resfri booking, and
 * a followed item calendar holding another installation's loan. After a
 * sync the room is not free, `bookings` lists all three (source
 * calendar, the overlap in the room a conflict), booking the room or
 * lending the item there is refused naming the holder, the allocation
 * leaves the item to no demand then, utilisation counts the hours, and the
 * other installation's bookings are no meetings; this database's own
 * booking stays skipped. Deleted on the server and synced, all is free
 * again. A followed pool calendar's events each take one item of the
 * pool (another installation's loan in it too): two in a pool of two leave
 * the allocation nothing, a third loan is refused, and the order list
 * orders the difference.
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "radicale-fixture.h"
#include "resfri-test-util.h"
#include "resfri-core.h"
#include "resfri-store-private.h"

#define ROOM "VBG-SESS"
#define ROOM_PATH "/room-sess/cal/"
#define ITEM "H-0002"
#define ITEM_PATH "/item-h2/cal/"
#define POOL_PATH "/pool-vbg/cal/"
#define POOL_BOOKING "resfri-booking-5@other-installation"
#define ROOM_BOOKING "resfri-booking-7@other-installation"
#define ITEM_BOOKING "resfri-booking-8@other-installation"
#define OWN_BOOKING "resfri-booking-9@this-installation"

typedef struct
{
  char           *dir;
  char           *db;
  char           *password_file;
  RadicaleServer  server;
  gboolean        up;
} Fixture;

/* Two meetings on 1 April 2026 (UTC): "Planering" 09–10 and the online
 * "Distansmöte" 10–11, where Åsa (no headset of her own, VBG) is remote. */
static const char meetings[] =
  "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Resfri tests//EN\r\n"
  "BEGIN:VEVENT\r\nUID:planning@test\r\nDTSTAMP:20260101T000000Z\r\n"
  "DTSTART:20260401T090000Z\r\nDTEND:20260401T100000Z\r\nSUMMARY:Planering\r\n"
  "ORGANIZER:mailto:anna.svensson@vanersborg.se\r\n"
  "ATTENDEE:mailto:asa.oberg@vanersborg.se\r\nEND:VEVENT\r\n"
  "BEGIN:VEVENT\r\nUID:online@test\r\nDTSTAMP:20260101T000000Z\r\n"
  "DTSTART:20260401T100000Z\r\nDTEND:20260401T110000Z\r\nSUMMARY:Distansmöte\r\n"
  "ORGANIZER:mailto:anna.svensson@vanersborg.se\r\n"
  "ATTENDEE:mailto:asa.oberg@vanersborg.se\r\n"
  "X-MICROSOFT-SKYPETEAMSMEETINGURL:https://teams.microsoft.com/l/meetup-join/1\r\n"
  "END:VEVENT\r\nEND:VCALENDAR\r\n";

/* An event in the room's calendar as another client writes it. */
static char *
event_text (const char *uid,
            const char *start,
            const char *end,
            const char *summary,
            const char *extra)
{
  return g_strdup_printf ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Other//EN\r\n"
                          "BEGIN:VEVENT\r\nUID:%s\r\nDTSTAMP:20260101T000000Z\r\n"
                          "DTSTART:20260401T%sZ\r\nDTEND:20260401T%sZ\r\nSUMMARY:%s\r\n%s"
                          "END:VEVENT\r\nEND:VCALENDAR\r\n",
                          uid, start, end, summary, extra);
}

static void
put_event (Fixture    *fixture,
           const char *path,
           const char *uid,
           const char *start,
           const char *end,
           const char *summary,
           const char *extra)
{
  g_autofree char *text = event_text (uid, start, end, summary, extra);

  g_assert_cmpuint (radicale_request (&fixture->server, "PUT", path, "text/calendar", text), ==, 201);
}

/* `resfri-cli --db DB ARGS…`: its exit status, @out and @err what it
 * printed. */
static int
cli_run_va (Fixture     *fixture,
            char       **out,
            char       **err,
            const char  *first,
            va_list      ap)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (args, (char *) g_getenv ("RESFRI_CLI"));
  g_ptr_array_add (args, (char *) "--db");
  g_ptr_array_add (args, fixture->db);
  for (const char *arg = first; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (args, (char *) arg);
  g_ptr_array_add (args, NULL);
  process = g_subprocess_newv ((const char * const *) args->pdata,
                               G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                               &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_communicate_utf8 (process, NULL, NULL, out, err, &error));
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  return g_subprocess_get_exit_status (process);
}

static int
cli_run (Fixture     *fixture,
         char       **out,
         char       **err,
         const char  *first,
         ...)
{
  va_list ap;
  int status;

  va_start (ap, first);
  status = cli_run_va (fixture, out, err, first, ap);
  va_end (ap);
  return status;
}

/* `resfri-cli ARGS…` must succeed; its output. */
static char *
cli_ok (Fixture    *fixture,
        const char *first,
        ...)
{
  g_autofree char *err = NULL;
  char *out = NULL;
  va_list ap;
  int status;

  va_start (ap, first);
  status = cli_run_va (fixture, &out, &err, first, ap);
  va_end (ap);
  if (status != 0)
    g_error ("resfri-cli %s failed (%d): %s%s", first, status, out, err);
  return out;
}

static gint64
count (Fixture    *fixture,
       const char *sql)
{
  g_autoptr(ResfriStore) store = NULL;
  g_autoptr(GError) error = NULL;
  gint64 n;

  store = resfri_store_open (fixture->db, &error);
  g_assert_no_error (error);
  n = _resfri_store_query_int (store, sql, &error);
  g_assert_no_error (error);
  return n;
}

static JsonNode *
parse_json (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autofree char *sites = g_test_build_filename (G_TEST_DIST, "data", "sites.csv", NULL);
  g_autofree char *rooms = g_test_build_filename (G_TEST_DIST, "data", "rooms.csv", NULL);
  g_autofree char *people = g_test_build_filename (G_TEST_DIST, "data", "people.csv", NULL);
  g_autofree char *inventory = g_test_build_filename (G_TEST_DIST, "data", "inventory.csv", NULL);
  g_autofree char *ics = NULL;
  g_autofree char *room_home = NULL;
  g_autofree char *item_home = NULL;
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("resfri-reservations-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->password_file = g_build_filename (fixture->dir, "password", NULL);
  g_assert_true (g_file_set_contents (fixture->password_file, RADICALE_PASSWORD "\n", -1, NULL));
  g_assert_cmpint (g_chmod (fixture->password_file, 0600), ==, 0);
  fixture->up = radicale_start (&fixture->server, fixture->dir);
  if (!fixture->up)
    return;
  radicale_make_calendar (&fixture->server, "room-sess");
  radicale_make_calendar (&fixture->server, "item-h2");

  fixture->db = g_build_filename (fixture->dir, "resfri.db", NULL);
  ics = g_build_filename (fixture->dir, "meetings.ics", NULL);
  g_assert_true (g_file_set_contents (ics, meetings, -1, NULL));
  g_free (cli_ok (fixture, "sites", "import", sites, NULL));
  g_free (cli_ok (fixture, "rooms", "import", rooms, NULL));
  g_free (cli_ok (fixture, "people", "import", people, NULL));
  g_free (cli_ok (fixture, "inventory", "import", inventory, NULL));
  g_free (cli_ok (fixture, "import", ics, NULL));

  room_home = g_strconcat (fixture->server.url, "/room-sess/", NULL);
  item_home = g_strconcat (fixture->server.url, "/item-h2/", NULL);
  g_free (cli_ok (fixture, "sources", "add", "caldav", room_home, "--user", RADICALE_USER,
                  "--password-file", fixture->password_file, NULL));
  g_free (cli_ok (fixture, "sources", "follow", "1", ROOM_PATH, "--room", ROOM, NULL));
  g_free (cli_ok (fixture, "sources", "add", "caldav", item_home, "--user", RADICALE_USER,
                  "--password-file", fixture->password_file, NULL));
  g_free (cli_ok (fixture, "sources", "follow", "2", ITEM_PATH, "--item", ITEM, NULL));
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

/* Whether `rooms free` lists ROOM for [start, end) on 1 April (UTC). */
static gboolean
room_is_free (Fixture    *fixture,
              const char *start,
              const char *end)
{
  g_autofree char *from = g_strdup_printf ("2026-04-01T%s:00Z", start);
  g_autofree char *to = g_strdup_printf ("2026-04-01T%s:00Z", end);
  g_autofree char *out = cli_ok (fixture, "rooms", "free", "--start", from, "--end", to,
                                 "--site", "VBG", "--format", "json", NULL);
  g_autoptr(JsonNode) root = parse_json (out);
  JsonArray *rooms = json_object_get_array_member (json_node_get_object (root), "rooms");

  for (guint i = 0; i < json_array_get_length (rooms); i++)
    if (g_strcmp0 (json_object_get_string_member (json_array_get_object_element (rooms, i), "room"),
                   ROOM) == 0)
      return TRUE;
  return FALSE;
}

/* `bookings --format json` of 1 April, with the calendar's entries. */
static JsonArray *
calendar_bookings (Fixture  *fixture,
                   JsonNode **root)
{
  g_autofree char *out = cli_ok (fixture, "bookings", "--from", "2026-04-01", "--to", "2026-04-02",
                                 "--format", "json", NULL);
  JsonArray *all;
  JsonArray *found = json_array_new ();

  *root = parse_json (out);
  all = json_node_get_array (*root);
  for (guint i = 0; i < json_array_get_length (all); i++)
    {
      JsonObject *booking = json_array_get_object_element (all, i);

      if (g_strcmp0 (json_object_get_string_member (booking, "source"), "calendar") == 0)
        json_array_add_object_element (found, json_object_ref (booking));
    }
  return found;
}

static JsonObject *
find_booking (JsonArray  *bookings,
              const char *uid)
{
  for (guint i = 0; i < json_array_get_length (bookings); i++)
    {
      JsonObject *booking = json_array_get_object_element (bookings, i);

      if (g_strcmp0 (json_object_get_string_member (booking, "uid"), uid) == 0)
        return booking;
    }
  return NULL;
}

/* The item `allocate --format json` gives Åsa's headset on 1 April, or
 * NULL when her demand is unmet. */
static char *
asa_headset (Fixture *fixture)
{
  g_autofree char *out = cli_ok (fixture, "allocate", "--from", "2026-04-01", "--to", "2026-04-02",
                                 "--format", "json", NULL);
  g_autoptr(JsonNode) root = parse_json (out);
  JsonObject *object = json_node_get_object (root);
  const char *lists[] = { "assignments", "unmet" };
  char *item = NULL;
  guint found = 0;

  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    {
      JsonArray *demands = json_object_get_array_member (object, lists[l]);

      for (guint i = 0; i < json_array_get_length (demands); i++)
        {
          JsonObject *demand = json_array_get_object_element (demands, i);

          if (json_node_is_null (json_object_get_member (demand, "person")) ||
              g_strcmp0 (json_object_get_string_member (demand, "person"),
                         "asa.oberg@vanersborg.se") != 0 ||
              g_strcmp0 (json_object_get_string_member (demand, "type"), "headset") != 0)
            continue;
          found++;
          /* Unmet demands have no item member. */
          if (json_object_has_member (demand, "item") &&
              !json_node_is_null (json_object_get_member (demand, "item")))
            item = g_strdup (json_object_get_string_member (demand, "item"));
        }
    }
  g_assert_cmpuint (found, ==, 1);
  return item;
}

/* `utilisation` of 1 April: the booked hours of ROOM (@pool FALSE) or of
 * the pool VBG/headset. */
static double
booked_hours (Fixture  *fixture,
              gboolean  pool)
{
  g_autofree char *out = cli_ok (fixture, "utilisation", "--from", "2026-04-01", "--to",
                                 "2026-04-02", "--format", "json", NULL);
  g_autoptr(JsonNode) root = parse_json (out);
  JsonArray *rows = json_object_get_array_member (json_node_get_object (root),
                                                  pool ? "pools" : "rooms");

  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      JsonObject *row = json_array_get_object_element (rows, i);

      if (pool ? g_strcmp0 (json_object_get_string_member (row, "site"), "VBG") == 0 &&
                 g_strcmp0 (json_object_get_string_member (row, "type"), "headset") == 0
               : g_strcmp0 (json_object_get_string_member (row, "room"), ROOM) == 0)
        return json_object_get_double_member (row, "booked_hours");
    }
  g_assert_not_reached ();
}

static void
test_calendar_reservations (Fixture       *fixture,
                            gconstpointer  user_data)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonArray) bookings = NULL;
  g_autofree char *item = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  JsonObject *booking;

  if (!fixture->up)
    return;

  /* Before: the room is free and the allocation lends Åsa the headset. */
  g_assert_true (room_is_free (fixture, "09:00", "10:00"));
  item = asa_headset (fixture);
  g_assert_cmpstr (item, ==, ITEM);
  g_clear_pointer (&item, g_free);

  /* A manual block without attendees and another installation's booking
   * in the room's calendar, overlapping each other; another
   * installation's loan in the item's; and a booking of this database's
   * own (its installation id), which its bookings table already holds. */
  {
    g_autoptr(ResfriStore) store = resfri_store_open (fixture->db, NULL);

    g_assert_true (resfri_store_set_meta (store, "installation-id", "this-installation", NULL));
  }
  put_event (fixture, ROOM_PATH "block.ics", "block@other", "090000", "100000", "Städning", "");
  put_event (fixture, ROOM_PATH "resfri-booking-7.ics", ROOM_BOOKING, "093000", "103000",
             "Styrelsemöte", "X-RESFRI-BOOKING:7\r\n");
  put_event (fixture, ROOM_PATH "resfri-booking-9.ics", OWN_BOOKING, "130000", "140000",
             "Eget", "X-RESFRI-BOOKING:9\r\n");
  put_event (fixture, ITEM_PATH "resfri-booking-8.ics", ITEM_BOOKING, "094500", "110000",
             "Lån till annan", "X-RESFRI-BOOKING:8\r\n");
  g_free (cli_ok (fixture, "sync", NULL));

  /* The room is not free while either holds it. */
  g_assert_false (room_is_free (fixture, "09:00", "10:00"));
  g_assert_false (room_is_free (fixture, "10:00", "10:30"));
  g_assert_true (room_is_free (fixture, "10:30", "11:00"));
  g_assert_true (room_is_free (fixture, "13:00", "14:00"));

  /* bookings lists the three, from the calendar; the two in the room
   * overlap: a conflict, not refused. */
  bookings = calendar_bookings (fixture, &root);
  g_assert_cmpuint (json_array_get_length (bookings), ==, 3);
  booking = find_booking (bookings, "block@other");
  g_assert_nonnull (booking);
  g_assert_cmpstr (json_object_get_string_member (booking, "kind"), ==, "room");
  g_assert_cmpstr (json_object_get_string_member (booking, "room"), ==, ROOM);
  g_assert_cmpstr (json_object_get_string_member (booking, "attention"), ==, "conflict");
  booking = find_booking (bookings, ROOM_BOOKING);
  g_assert_nonnull (booking);
  g_assert_cmpstr (json_object_get_string_member (booking, "room"), ==, ROOM);
  g_assert_cmpstr (json_object_get_string_member (booking, "summary"), ==, "Styrelsemöte");
  g_assert_cmpstr (json_object_get_string_member (booking, "attention"), ==, "conflict");
  booking = find_booking (bookings, ITEM_BOOKING);
  g_assert_nonnull (booking);
  g_assert_cmpstr (json_object_get_string_member (booking, "kind"), ==, "item");
  g_assert_cmpstr (json_object_get_string_member (booking, "item"), ==, ITEM);
  g_assert_cmpstr (json_object_get_string_member (booking, "type"), ==, "headset");
  g_assert_true (json_node_is_null (json_object_get_member (booking, "attention")));
  g_assert_null (find_booking (bookings, OWN_BOOKING));
  g_clear_pointer (&bookings, json_array_unref);
  g_clear_pointer (&root, json_node_unref);

  /* Booking the room there is refused, naming the holder. */
  g_assert_cmpint (cli_run (fixture, &out, &err, "book", "room", ROOM, "--uid",
                                        "online@test", NULL), ==, 1);
  g_assert_nonnull (strstr (err, ROOM_BOOKING));
  g_assert_nonnull (strstr (err, "Styrelsemöte"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (cli_run (fixture, &out, &err, "book", "room", ROOM, "--uid",
                                        "planning@test", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "block@other"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  /* Lending the item too. */
  g_assert_cmpint (cli_run (fixture, &out, &err, "book", "item", ITEM, "--uid",
                                        "online@test", "--person", "asa.oberg@vanersborg.se",
                                        NULL), ==, 1);
  g_assert_nonnull (strstr (err, ITEM_BOOKING));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (count (fixture, "SELECT count (*) FROM bookings"), ==, 0);

  /* The allocation has no headset for Åsa while the item is reserved. */
  item = asa_headset (fixture);
  g_assert_null (item);

  /* Utilisation counts the room's hours once, 09:00–10:30, and the
   * item's, 09:45–11:00. */
  g_assert_cmpfloat_with_epsilon (booked_hours (fixture, FALSE), 1.5, 1e-9);
  g_assert_cmpfloat_with_epsilon (booked_hours (fixture, TRUE), 1.25, 1e-9);

  /* Another installation's bookings are no meetings; the block is one. */
  g_assert_cmpint (count (fixture, "SELECT count (*) FROM meetings WHERE uid LIKE 'resfri-%'"), ==, 0);
  g_assert_cmpint (count (fixture, "SELECT count (*) FROM meetings WHERE uid = 'block@other'"), ==, 1);
  out = cli_ok (fixture, "check", "--from", "2026-04-01", "--to", "2026-04-02", "--format", "json",
                NULL);
  g_assert_null (strstr (out, "resfri-booking"));
  g_assert_nonnull (strstr (out, "block@other"));
  g_clear_pointer (&out, g_free);

  /* Deleted on the server and synced: all is free again. */
  g_assert_cmpuint (radicale_request (&fixture->server, "DELETE", ROOM_PATH "block.ics", NULL, NULL),
                    ==, 200);
  g_assert_cmpuint (radicale_request (&fixture->server, "DELETE", ROOM_PATH "resfri-booking-7.ics",
                                      NULL, NULL), ==, 200);
  g_assert_cmpuint (radicale_request (&fixture->server, "DELETE", ITEM_PATH "resfri-booking-8.ics",
                                      NULL, NULL), ==, 200);
  g_free (cli_ok (fixture, "sync", NULL));
  g_assert_true (room_is_free (fixture, "09:00", "10:00"));
  g_assert_true (room_is_free (fixture, "10:00", "10:30"));
  bookings = calendar_bookings (fixture, &root);
  g_assert_cmpuint (json_array_get_length (bookings), ==, 0);
  g_assert_cmpint (count (fixture, "SELECT count (*) FROM sync_reservations"), ==, 0);
  item = asa_headset (fixture);
  g_assert_cmpstr (item, ==, ITEM);
  g_assert_cmpfloat_with_epsilon (booked_hours (fixture, TRUE), 0, 1e-9);
}

/* A reservation of another installation that recurs, with one instance
 * moved and one cancelled: each instance reserves the room once. */
static void
test_recurring_booking (Fixture       *fixture,
                        gconstpointer  user_data)
{
  static const char weekly[] =
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Other//EN\r\n"
    "BEGIN:VEVENT\r\nUID:resfri-booking-3@other-installation\r\nDTSTAMP:20260101T000000Z\r\n"
    "DTSTART:20260401T120000Z\r\nDTEND:20260401T130000Z\r\nRRULE:FREQ=DAILY;COUNT=3\r\n"
    "SUMMARY:Daglig\r\nEND:VEVENT\r\n"
    "BEGIN:VEVENT\r\nUID:resfri-booking-3@other-installation\r\nDTSTAMP:20260101T000000Z\r\n"
    "RECURRENCE-ID:20260402T120000Z\r\nDTSTART:20260402T150000Z\r\nDTEND:20260402T160000Z\r\n"
    "SUMMARY:Flyttad\r\nEND:VEVENT\r\n"
    "BEGIN:VEVENT\r\nUID:resfri-booking-3@other-installation\r\nDTSTAMP:20260101T000000Z\r\n"
    "RECURRENCE-ID:20260403T120000Z\r\nDTSTART:20260403T120000Z\r\nDTEND:20260403T130000Z\r\n"
    "STATUS:CANCELLED\r\nSUMMARY:Inställd\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
  g_autofree char *out = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonArray *all;

  if (!fixture->up)
    return;

  g_assert_cmpuint (radicale_request (&fixture->server, "PUT", ROOM_PATH "daily.ics",
                                      "text/calendar", weekly), ==, 201);
  g_free (cli_ok (fixture, "sync", NULL));
  out = cli_ok (fixture, "bookings", "--from", "2026-04-01", "--to", "2026-04-05", "--format",
                "json", NULL);
  root = parse_json (out);
  all = json_node_get_array (root);
  g_assert_cmpuint (json_array_get_length (all), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (all, 0), "summary"),
                   ==, "Daglig");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (all, 1), "summary"),
                   ==, "Flyttad");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (all, 1), "start"),
                   ==, "2026-04-02T15:00:00Z");
  g_assert_cmpint (count (fixture, "SELECT count (*) FROM meetings WHERE uid LIKE 'resfri-%'"), ==, 0);

  /* Unfollowed, the calendar reserves nothing. */
  g_free (cli_ok (fixture, "sources", "unfollow", "1", ROOM_PATH, NULL));
  g_assert_cmpint (count (fixture, "SELECT count (*) FROM sync_reservations"), ==, 0);
}

/* The gaps' shortfall of pool VBG/headset in the policy scenario, 1 April. */
static JsonObject *
headset_shortfall (Fixture   *fixture,
                   JsonNode **root)
{
  g_autofree char *out = cli_ok (fixture, "gaps", "--from", "2026-04-01", "--to", "2026-04-02",
                                 "--format", "json", NULL);
  JsonObject *scenarios;
  JsonArray *shortfall;

  *root = parse_json (out);
  scenarios = json_object_get_object_member (json_node_get_object (*root), "scenarios");
  shortfall = json_object_get_array_member (json_object_get_object_member (scenarios, "policy"),
                                            "shortfall");
  for (guint i = 0; i < json_array_get_length (shortfall); i++)
    {
      JsonObject *row = json_array_get_object_element (shortfall, i);

      if (g_strcmp0 (json_object_get_string_member (row, "site"), "VBG") == 0 &&
          g_strcmp0 (json_object_get_string_member (row, "type"), "headset") == 0)
        return row;
    }
  g_assert_not_reached ();
}

static void
test_pool_calendar (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonArray) bookings = NULL;
  g_autofree char *pool_home = NULL;
  g_autofree char *item = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *listed = NULL;
  JsonObject *row;

  if (!fixture->up)
    return;

  /* A pool of two headsets at VBG, and its calendar followed. */
  g_free (cli_ok (fixture, "inventory", "add", "--tag", "H-0003", "--type", "headset", "--site",
                  "VBG", NULL));
  radicale_make_calendar (&fixture->server, "pool-vbg");
  pool_home = g_strconcat (fixture->server.url, "/pool-vbg/", NULL);
  g_free (cli_ok (fixture, "sources", "add", "caldav", pool_home, "--user", RADICALE_USER,
                  "--password-file", fixture->password_file, NULL));
  g_free (cli_ok (fixture, "sources", "follow", "3", POOL_PATH, "--pool", "VBG/headset", NULL));
  g_free (cli_ok (fixture, "sync", NULL));
  item = asa_headset (fixture);
  g_assert_nonnull (item);
  g_clear_pointer (&item, g_free);
  row = headset_shortfall (fixture, &root);
  g_assert_cmpint (json_object_get_int_member (row, "to_order"), ==, 0);
  g_clear_pointer (&root, json_node_unref);

  /* Two courses in the pool's calendar, overlapping Åsa's online meeting
   * (10–11) and each other: each takes one of the two headsets. */
  put_event (fixture, POOL_PATH "a.ics", "course-a@other", "093000", "113000", "Utbildning A", "");
  put_event (fixture, POOL_PATH "b.ics", "course-b@other", "100000", "110000", "Utbildning B", "");
  /* Another installation's loan in it, later: a reservation, no meeting. */
  put_event (fixture, POOL_PATH "resfri-booking-5.ics", POOL_BOOKING, "130000", "140000",
             "Lån till annan", "X-RESFRI-BOOKING:5\r\n");
  g_free (cli_ok (fixture, "sync", NULL));
  g_assert_cmpint (count (fixture, "SELECT count (*) FROM meetings WHERE uid LIKE 'resfri-%'"), ==, 0);

  /* bookings lists the three as the pool's; at most two at once in a pool
   * of two: no conflict. */
  bookings = calendar_bookings (fixture, &root);
  g_assert_cmpuint (json_array_get_length (bookings), ==, 3);
  for (guint i = 0; i < json_array_get_length (bookings); i++)
    {
      JsonObject *booking = json_array_get_object_element (bookings, i);

      g_assert_cmpstr (json_object_get_string_member (booking, "kind"), ==, "item");
      g_assert_cmpstr (json_object_get_string_member (booking, "item"), ==, "VBG/headset");
      g_assert_cmpstr (json_object_get_string_member (booking, "type"), ==, "headset");
      g_assert_cmpstr (json_object_get_string_member (booking, "site"), ==, "VBG");
      g_assert_true (json_node_is_null (json_object_get_member (booking, "attention")));
    }
  g_assert_nonnull (find_booking (bookings, "course-a@other"));
  g_assert_nonnull (find_booking (bookings, "course-b@other"));
  g_assert_nonnull (find_booking (bookings, POOL_BOOKING));
  g_clear_pointer (&bookings, json_array_unref);
  g_clear_pointer (&root, json_node_unref);
  /* In words: one headset of the pool, whichever, at its site. */
  listed = cli_ok (fixture, "bookings", NULL);
  g_assert_nonnull (strstr (listed, "headset from the loan pool"));
  g_assert_null (strstr (listed, "VBG/headset"));

  /* The allocation's supply is zero then: Åsa's demand is unmet. */
  item = asa_headset (fixture);
  g_assert_null (item);

  /* Lending a third is refused with the conflict, naming the pool. */
  g_assert_cmpint (cli_run (fixture, &out, &err, "book", "item", "H-0003", "--uid", "online@test",
                            "--person", "asa.oberg@vanersborg.se", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "VBG/headset"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (count (fixture, "SELECT count (*) FROM bookings"), ==, 0);

  /* The order list orders the difference: peak 3 against 2 items. */
  row = headset_shortfall (fixture, &root);
  g_assert_cmpint (json_object_get_int_member (row, "pool"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (row, "peak_demand"), ==, 3);
  g_assert_cmpint (json_object_get_int_member (row, "to_order"), ==, 1);
  g_clear_pointer (&root, json_node_unref);

  /* Utilisation counts the three: 2 h + 1 h + 1 h. */
  g_assert_cmpfloat_with_epsilon (booked_hours (fixture, TRUE), 4, 1e-9);

  /* One course deleted on the server: one headset is free again. */
  g_assert_cmpuint (radicale_request (&fixture->server, "DELETE", POOL_PATH "b.ics", NULL, NULL),
                    ==, 200);
  g_free (cli_ok (fixture, "sync", NULL));
  item = asa_headset (fixture);
  g_assert_nonnull (item);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/sync/reservations/room-and-item", Fixture, NULL, fixture_set_up,
              test_calendar_reservations, fixture_tear_down);
  g_test_add ("/sync/reservations/recurring", Fixture, NULL, fixture_set_up,
              test_recurring_booking, fixture_tear_down);
  g_test_add ("/sync/reservations/pool", Fixture, NULL, fixture_set_up, test_pool_calendar,
              fixture_tear_down);

  return g_test_run ();
}

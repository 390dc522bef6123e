/* test-sync-async.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The app's _async pairs for live calendars (sync/resfri-sync-async.c):
 * the listing of sources with their calendars, the register's rooms
 * (resfri_registers_get_nth_room) by name, and a sync cancelled while
 * the server has not answered (the Cancel of the window's sync bar): it
 * ends at once, cancelled, not after the 30 s timeout; the progress of a
 * sync told on the caller's main context, calendar by calendar; and a sync
 * cancelled between calendars keeps the calendars done and writes nothing
 * of the one it was fetching (not even an error). */

#include "config.h"

#include <string.h>

#include <gio/gio.h>

#include "resfri-core.h"
#include "resfri-store-private.h"
#include "resfri-test-fixture.h"
#include "resfri-test-util.h"

typedef ResfriTestFixture Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  resfri_test_fixture_set_up (fixture, NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  resfri_test_fixture_tear_down (fixture);
}

static gint64
add_feed (Fixture    *fixture,
          const char *url,
          const char *name)
{
  g_autoptr(GError) error = NULL;
  ResfriSource source = { 0 };
  gint64 id;

  source.kind = (char *) "url";
  source.url = (char *) url;
  source.name = (char *) name;
  id = resfri_sync_add_source (fixture->store, &source, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static void
test_list_all (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) listings = NULL;
  g_autoptr(GError) error = NULL;
  ResfriSourceListing *listing;
  ResfriSourceCalendar *calendar;

  add_feed (fixture, "https://example.org/a.ics", "A");
  add_feed (fixture, "webcal://example.org/b.ics", NULL);

  resfri_sources_list_all_async (fixture->store, NULL, resfri_test_ready, &result);
  listings = resfri_sources_list_all_finish (fixture->store, resfri_test_wait (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (listings->len, ==, 2);

  listing = g_ptr_array_index (listings, 0);
  g_assert_cmpstr (listing->source->kind, ==, "url");
  g_assert_cmpstr (listing->source->name, ==, "A");
  g_assert_cmpuint (listing->calendars->len, ==, 1);
  calendar = g_ptr_array_index (listing->calendars, 0);
  g_assert_cmpstr (calendar->role, ==, "feed");
  g_assert_true (calendar->following);

  listing = g_ptr_array_index (listings, 1);
  g_assert_cmpstr (listing->source->url, ==, "webcal://example.org/b.ics");
  g_assert_cmpuint (listing->calendars->len, ==, 1);
}

static void
test_list_rooms (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) rooms = NULL;
  g_autoptr(GError) error = NULL;
  ResfriStoreCounts counts = { 0 };

  resfri_test_fixture_tear_down (fixture);
  resfri_test_fixture_set_up_demo (fixture, 60);
  g_assert_true (resfri_store_get_counts (fixture->store, &counts, &error));
  g_assert_cmpint (counts.rooms, >, 1);

  resfri_sources_list_rooms_async (fixture->store, NULL, resfri_test_ready, &result);
  rooms = resfri_sources_list_rooms_finish (fixture->store, resfri_test_wait (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rooms->len, ==, counts.rooms);
  for (guint i = 0; i < rooms->len; i++)
    {
      const ResfriRoomChoice *room = g_ptr_array_index (rooms, i);

      g_assert_nonnull (room->code);
      if (i > 0)
        g_assert_cmpint (g_utf8_collate (((ResfriRoomChoice *) g_ptr_array_index (rooms, i - 1))->name,
                                         room->name), <=, 0);
    }
}

/* Cancels @data once a client connects to the listening socket. */
static gboolean
on_connection_cb (GSocket      *socket,
                  GIOCondition  condition,
                  gpointer      data)
{
  g_cancellable_cancel (G_CANCELLABLE (data));
  return G_SOURCE_REMOVE;
}

static void
test_cancel_while_waiting (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GSocket) listener = NULL;
  g_autoptr(GSource) watch = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(ResfriSyncResult) sync = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;

  /* A server that accepts the connection (the kernel does) and never
   * answers. */
  listener = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP,
                           &error);
  g_assert_no_error (error);
  g_assert_true (g_socket_bind (listener, address, TRUE, &error));
  g_assert_true (g_socket_listen (listener, &error));
  g_assert_no_error (error);
  bound = g_socket_get_local_address (listener, &error);
  g_assert_no_error (error);
  url = g_strdup_printf ("http://127.0.0.1:%u/silent.ics",
                         g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound)));
  add_feed (fixture, url, "Silent");

  watch = g_socket_create_source (listener, G_IO_IN, NULL);
  g_source_set_callback (watch, G_SOURCE_FUNC (on_connection_cb), cancellable, NULL);
  g_source_attach (watch, NULL);

  resfri_sync_run_async (fixture->store, NULL, cancellable, resfri_test_ready, &result);
  sync = resfri_sync_run_finish (fixture->store, resfri_test_wait (&result), &error);
  g_assert_true (g_cancellable_is_cancelled (cancellable));

  /* Cancelled: either the run as a whole, or the calendar's fetch, never
   * the timeout of a server that did not answer. */
  if (sync == NULL)
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  else
    {
      ResfriSyncSourceResult *source = g_ptr_array_index (sync->sources, 0);
      ResfriSyncCalendarResult *calendar;

      g_assert_cmpuint (source->calendars->len, <=, 1);
      if (source->calendars->len == 1)
        {
          calendar = g_ptr_array_index (source->calendars, 0);
          g_assert_cmpuint (calendar->added, ==, 0);
          if (calendar->error != NULL)
            g_assert_null (strstr (calendar->error, "did not answer"));
        }
    }
}

/* A feed server on the loopback: /N.ics answers an event of UID feed-N;
 * /hold.ics is held unanswered (its connection kept) until the test ends. */
typedef struct
{
  GSocketService *service;
  GPtrArray      *held;    /* GSocketConnection */
  guint16         port;
} FeedServer;

static const char feed_text[] =
  "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Resfri test//EN\r\n"
  "BEGIN:VEVENT\r\nUID:feed-%s\r\nDTSTAMP:20260101T000000Z\r\n"
  "DTSTART:20260302T080000Z\r\nDTEND:20260302T090000Z\r\nSUMMARY:Feed %s\r\n"
  "END:VEVENT\r\nEND:VCALENDAR\r\n";

static gboolean
on_incoming_cb (GSocketService    *service,
                GSocketConnection *connection,
                GObject           *source,
                gpointer           data)
{
  FeedServer *server = data;
  GInputStream *in = g_io_stream_get_input_stream (G_IO_STREAM (connection));
  GOutputStream *out = g_io_stream_get_output_stream (G_IO_STREAM (connection));
  g_autoptr(GString) request = g_string_new (NULL);
  g_autofree char *name = NULL;
  g_autofree char *body = NULL;
  g_autofree char *answer = NULL;
  char buffer[1024];
  const char *path;

  /* The request line and headers: small, sent at once. */
  while (strstr (request->str, "\r\n\r\n") == NULL)
    {
      gssize n = g_input_stream_read (in, buffer, sizeof buffer, NULL, NULL);

      if (n <= 0)
        return TRUE;
      g_string_append_len (request, buffer, n);
    }
  path = strchr (request->str, ' ');
  g_assert_nonnull (path);
  name = g_strndup (path + 2, strcspn (path + 2, ". "));
  if (g_str_equal (name, "hold"))
    {
      g_ptr_array_add (server->held, g_object_ref (connection));
      return TRUE;
    }

  body = g_strdup_printf (feed_text, name, name);
  answer = g_strdup_printf ("HTTP/1.1 200 OK\r\nContent-Type: text/calendar\r\n"
                            "Content-Length: %zu\r\nConnection: close\r\n\r\n%s",
                            strlen (body), body);
  g_output_stream_write_all (out, answer, strlen (answer), NULL, NULL, NULL);
  g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);
  return TRUE;
}

static void
feed_server_start (FeedServer *server)
{
  g_autoptr(GError) error = NULL;

  server->held = g_ptr_array_new_with_free_func (g_object_unref);
  server->service = g_socket_service_new ();
  server->port = g_socket_listener_add_any_inet_port (G_SOCKET_LISTENER (server->service),
                                                      NULL, &error);
  g_assert_no_error (error);
  g_signal_connect (server->service, "incoming", G_CALLBACK (on_incoming_cb), server);
  g_socket_service_start (server->service);
}

static void
feed_server_stop (FeedServer *server)
{
  g_socket_service_stop (server->service);
  g_socket_listener_close (G_SOCKET_LISTENER (server->service));
  g_clear_object (&server->service);
  g_clear_pointer (&server->held, g_ptr_array_unref);
}

static gint64
add_served_feed (Fixture    *fixture,
                 FeedServer *server,
                 const char *name)
{
  g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%u/%s.ics", server->port, name);

  return add_feed (fixture, url, name);
}

typedef struct
{
  GArray       *steps;        /* done, total, done, total… */
  GCancellable *cancel_at_1;  /* cancelled when one calendar is done */
} ProgressLog;

static void
on_progress_cb (guint    done,
                guint    total,
                gpointer data)
{
  ProgressLog *log = data;

  g_array_append_val (log->steps, done);
  g_array_append_val (log->steps, total);
  if (done == 1 && log->cancel_at_1 != NULL)
    g_cancellable_cancel (log->cancel_at_1);
}

static gboolean destroyed;

static void
on_progress_destroy_cb (gpointer data)
{
  destroyed = TRUE;
}

static gint64
count_meetings (Fixture    *fixture,
                const char *uid)
{
  return _resfri_store_query_int (fixture->store, uid != NULL
                                  ? "SELECT count(*) FROM meetings WHERE uid = 'feed-a'"
                                  : "SELECT count(*) FROM meetings", NULL);
}

static void
test_progress (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(ResfriSyncResult) sync = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) steps = g_array_new (FALSE, FALSE, sizeof (guint));
  ProgressLog log = { steps, NULL };
  FeedServer server = { 0 };
  guint expected[] = { 0, 2, 1, 2, 2, 2 };

  g_test_summary ("The progress of a sync on the caller's main context: 0 of 2, then after "
                  "each calendar; the data is freed once the sync is over");

  feed_server_start (&server);
  add_served_feed (fixture, &server, "a");
  add_served_feed (fixture, &server, "b");

  destroyed = FALSE;
  resfri_sync_run_with_progress_async (fixture->store, NULL, on_progress_cb, &log,
                                       on_progress_destroy_cb, NULL, resfri_test_ready, &result);
  sync = resfri_sync_run_finish (fixture->store, resfri_test_wait (&result), &error);
  g_assert_no_error (error);
  g_assert_false (resfri_sync_result_has_errors (sync));
  /* Every step was posted before the result: they have all run by now,
   * or run next. */
  while (steps->len < G_N_ELEMENTS (expected))
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpmem (steps->data, steps->len * sizeof (guint), expected, sizeof expected);
  g_assert_cmpint (count_meetings (fixture, NULL), ==, 2);
  /* The data goes with the job: once the result is let go and the worker
   * has let go of it too. */
  g_clear_object (&result);
  while (!destroyed)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }

  feed_server_stop (&server);
}

static void
test_cancel_between_calendars (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(ResfriSyncResult) sync = NULL;
  g_autoptr(GPtrArray) calendars = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) steps = g_array_new (FALSE, FALSE, sizeof (guint));
  ProgressLog log = { steps, cancellable };
  FeedServer server = { 0 };
  ResfriSourceCalendar *held;
  gint64 held_id;

  g_test_summary ("A sync cancelled after its first calendar, while the second one's "
                  "server has not answered: the first calendar is kept, nothing of the "
                  "second is written (no error either), and the run says it was cancelled");

  feed_server_start (&server);
  add_served_feed (fixture, &server, "a");
  held_id = add_served_feed (fixture, &server, "hold");

  resfri_sync_run_with_progress_async (fixture->store, NULL, on_progress_cb, &log, NULL,
                                       cancellable, resfri_test_ready, &result);
  sync = resfri_sync_run_finish (fixture->store, resfri_test_wait (&result), &error);
  g_assert_null (sync);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (count_meetings (fixture, "feed-a"), ==, 1);
  g_assert_cmpint (count_meetings (fixture, NULL), ==, 1);
  g_clear_error (&error);

  calendars = resfri_sources_list_calendars (fixture->store, held_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (calendars->len, ==, 1);
  held = g_ptr_array_index (calendars, 0);
  g_assert_null (held->last_error);

  feed_server_stop (&server);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/sync-async/list-all", Fixture, NULL,
              fixture_set_up, test_list_all, fixture_tear_down);
  g_test_add ("/sync-async/list-rooms", Fixture, NULL,
              fixture_set_up, test_list_rooms, fixture_tear_down);
  g_test_add ("/sync-async/cancel-while-waiting", Fixture, NULL,
              fixture_set_up, test_cancel_while_waiting, fixture_tear_down);
  g_test_add ("/sync-async/progress", Fixture, NULL,
              fixture_set_up, test_progress, fixture_tear_down);
  g_test_add ("/sync-async/cancel-between-calendars", Fixture, NULL,
              fixture_set_up, test_cancel_between_calendars, fixture_tear_down);

  return g_test_run ();
}

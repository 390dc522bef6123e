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
 * ends at once, cancelled, not after the 30 s timeout. */

#include "config.h"

#include <string.h>

#include <gio/gio.h>

#include "resfri-core.h"
#include "resfri-test-fixture.h"

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

static void
store_result_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static GAsyncResult *
wait_result (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
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

  resfri_sources_list_all_async (fixture->store, NULL, store_result_cb, &result);
  listings = resfri_sources_list_all_finish (fixture->store, wait_result (&result), &error);
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

  resfri_sources_list_rooms_async (fixture->store, NULL, store_result_cb, &result);
  rooms = resfri_sources_list_rooms_finish (fixture->store, wait_result (&result), &error);
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

  resfri_sync_run_async (fixture->store, NULL, cancellable, store_result_cb, &result);
  sync = resfri_sync_run_finish (fixture->store, wait_result (&result), &error);
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

  return g_test_run ();
}

/* http-thread.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The tests' local HTTP server on a thread (http-thread.h).
 */

#include "config.h"

#include "http-thread.h"

static gpointer
run (gpointer data)
{
  HttpThread *self = data;
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(SoupServer) server = NULL;
  g_autoptr(GError) error = NULL;
  GMainLoop *loop;
  GSList *uris;

  g_main_context_push_thread_default (context);
  server = soup_server_new ("tls-certificate", self->certificate, NULL);
  soup_server_add_handler (server, self->path, self->handler, self->data, NULL);
  g_assert_true (soup_server_listen_local (server, self->port,
                                           SOUP_SERVER_LISTEN_IPV4_ONLY |
                                           (self->certificate ? SOUP_SERVER_LISTEN_HTTPS : 0),
                                           &error));
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  loop = g_main_loop_new (context, FALSE);

  g_mutex_lock (&self->lock);
  self->port = g_uri_get_port (uris->data);
  self->loop = loop;
  g_cond_signal (&self->ready);
  g_mutex_unlock (&self->lock);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  g_main_loop_run (loop);
  soup_server_disconnect (server);
  g_main_context_pop_thread_default (context);
  return NULL;
}

void
http_thread_start (HttpThread         *self,
                   const char         *path,
                   SoupServerCallback  handler,
                   gpointer            data)
{
  g_mutex_init (&self->lock);
  g_cond_init (&self->ready);
  self->path = path;
  self->handler = handler;
  self->data = data;
  self->loop = NULL;

  g_mutex_lock (&self->lock);
  self->thread = g_thread_new ("http", run, self);
  while (self->loop == NULL)
    g_cond_wait (&self->ready, &self->lock);
  g_mutex_unlock (&self->lock);
}

static gboolean
quit (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

void
http_thread_stop (HttpThread *self)
{
  g_main_context_invoke (g_main_loop_get_context (self->loop), quit, self->loop);
  g_thread_join (g_steal_pointer (&self->thread));
  g_clear_pointer (&self->loop, g_main_loop_unref);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->ready);
}

/* fault-proxy.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The sync suite's faulty proxy (fault-proxy.h): its handler, run on the
 * proxy's thread, and the faults it makes.
 */

#include "config.h"

#include <string.h>

#include "fault-proxy.h"

static const char malformed[] =
  "<?xml version=\"1.0\" encoding=\"utf-8\"?>"
  "<d:multistatus xmlns:d=\"DAV:\"><d:response><d:href>/cut/short.ics</d:href><d:propstat>";

/* A 207 whose multistatus goes on and on: fault_size bytes, chunked. */
static void
answer_huge (SoupServerMessage *message,
             gsize              size)
{
  SoupMessageBody *body = soup_server_message_get_response_body (message);
  g_autofree char *filler = g_malloc (65536);
  static const char head[] = "<?xml version=\"1.0\" encoding=\"utf-8\"?><d:multistatus xmlns:d=\"DAV:\">";

  memset (filler, ' ', 65536);
  soup_server_message_set_status (message, 207, NULL);
  soup_message_headers_set_encoding (soup_server_message_get_response_headers (message),
                                     SOUP_ENCODING_CHUNKED);
  soup_message_headers_replace (soup_server_message_get_response_headers (message),
                                "Content-Type", "application/xml; charset=utf-8");
  soup_message_body_append (body, SOUP_MEMORY_STATIC, head, strlen (head));
  for (gsize sent = strlen (head); sent < size; sent += 65536)
    soup_message_body_append (body, SOUP_MEMORY_COPY, filler, MIN (65536, size - sent));
  soup_message_body_complete (body);
}

/* The fault for a request under fault_path; the lock is held. */
static void
answer_fault (FaultProxy        *proxy,
              SoupServerMessage *message)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (message);

  proxy->faulted++;
  switch (proxy->fault)
    {
    case FAULT_STATUS:
      if (proxy->fault_status == 429 || proxy->fault_status == 503)
        soup_message_headers_replace (headers, "Retry-After",
                                      proxy->retry_after ? proxy->retry_after : "1");
      soup_server_message_set_status (message, proxy->fault_status,
                                      proxy->fault_status == 429 ? "Too Many Requests" : NULL);
      break;
    case FAULT_HANG:
      soup_server_message_pause (message);
      g_ptr_array_add (proxy->held, g_object_ref (message));
      break;
    case FAULT_STALL:
      soup_server_message_set_status (message, 207, NULL);
      soup_message_headers_set_encoding (headers, SOUP_ENCODING_CHUNKED);
      soup_message_headers_replace (headers, "Content-Type", "application/xml; charset=utf-8");
      soup_message_body_append (soup_server_message_get_response_body (message), SOUP_MEMORY_STATIC,
                                malformed, strlen (malformed));
      g_ptr_array_add (proxy->held, g_object_ref (message));
      break;
    case FAULT_MALFORMED:
      soup_server_message_set_status (message, 207, NULL);
      soup_server_message_set_response (message, "application/xml; charset=utf-8", SOUP_MEMORY_STATIC,
                                        malformed, strlen (malformed));
      break;
    case FAULT_HUGE:
      answer_huge (message, proxy->fault_size);
      break;
    case FAULT_HUGE_DECLARED:
      /* Only a client that believes the header stops at once; one that
       * reads on waits for bytes that never come. */
      soup_server_message_set_status (message, 207, NULL);
      soup_message_headers_set_content_length (headers, proxy->fault_size);
      soup_message_headers_replace (headers, "Content-Type", "application/xml; charset=utf-8");
      soup_message_body_append (soup_server_message_get_response_body (message), SOUP_MEMORY_STATIC,
                                malformed, strlen (malformed));
      g_ptr_array_add (proxy->held, g_object_ref (message));
      break;
    case FAULT_NONE:
    default:
      g_assert_not_reached ();
    }
}

/* Passes the request on to the upstream server and its answer back. */
static void
forward (FaultProxy        *proxy,
         SoupServerMessage *message,
         const char        *method,
         GBytes            *body)
{
  g_autofree char *url = NULL;
  g_autoptr(SoupMessage) upstream = NULL;
  g_autoptr(GBytes) answer = NULL;
  SoupMessageHeadersIter iter;
  const char *name;
  const char *value;

  if (proxy->session == NULL)
    proxy->session = soup_session_new ();
  url = g_strconcat (proxy->upstream, g_uri_get_path (soup_server_message_get_uri (message)), NULL);
  upstream = soup_message_new (method, url);
  soup_message_headers_iter_init (&iter, soup_server_message_get_request_headers (message));
  while (soup_message_headers_iter_next (&iter, &name, &value))
    if (g_ascii_strcasecmp (name, "Host") != 0 && g_ascii_strcasecmp (name, "Content-Length") != 0)
      soup_message_headers_append (soup_message_get_request_headers (upstream), name, value);
  if (g_bytes_get_size (body) > 0)
    soup_message_set_request_body_from_bytes (upstream, NULL, body);
  answer = soup_session_send_and_read (proxy->session, upstream, NULL, NULL);

  soup_message_headers_iter_init (&iter, soup_message_get_response_headers (upstream));
  while (soup_message_headers_iter_next (&iter, &name, &value))
    if (g_ascii_strcasecmp (name, "Content-Length") != 0 &&
        g_ascii_strcasecmp (name, "Transfer-Encoding") != 0 &&
        g_ascii_strcasecmp (name, "Connection") != 0)
      soup_message_headers_append (soup_server_message_get_response_headers (message), name, value);
  soup_server_message_set_status (message, soup_message_get_status (upstream), NULL);
  if (answer != NULL && g_bytes_get_size (answer) > 0)
    soup_message_body_append_bytes (soup_server_message_get_response_body (message), answer);
}

static void
proxy_handler (SoupServer        *server,
               SoupServerMessage *message,
               const char        *path,
               GHashTable        *query,
               gpointer           user_data)
{
  FaultProxy *proxy = user_data;
  SoupMessageBody *request_body = soup_server_message_get_request_body (message);
  g_autoptr(GBytes) body = soup_message_body_flatten (request_body);
  const char *method = soup_server_message_get_method (message);

  g_mutex_lock (&proxy->lock);
  proxy->requests++;
  if (proxy->throttle > 0)
    {
      proxy->throttle--;
      g_mutex_unlock (&proxy->lock);
      soup_message_headers_replace (soup_server_message_get_response_headers (message),
                                    "Retry-After", "1");
      soup_server_message_set_status (message, 429, "Too Many Requests");
      return;
    }
  if (proxy->fault != FAULT_NONE && proxy->fault_path != NULL &&
      g_str_has_prefix (path, proxy->fault_path))
    {
      answer_fault (proxy, message);
      g_mutex_unlock (&proxy->lock);
      return;
    }
  if (proxy->no_sync_collection && strcmp (method, "REPORT") == 0 &&
      g_strstr_len (g_bytes_get_data (body, NULL), g_bytes_get_size (body), "sync-collection") != NULL)
    {
      g_mutex_unlock (&proxy->lock);
      soup_server_message_set_status (message, 501, NULL);
      return;
    }
  if (proxy->no_data_in_report && strcmp (method, "REPORT") == 0 &&
      g_strstr_len (g_bytes_get_data (body, NULL), g_bytes_get_size (body), "sync-collection") != NULL &&
      g_strstr_len (g_bytes_get_data (body, NULL), g_bytes_get_size (body), "calendar-data") != NULL)
    {
      proxy->faulted++;
      g_mutex_unlock (&proxy->lock);
      soup_server_message_set_status (message, 400, NULL);
      return;
    }
  g_mutex_unlock (&proxy->lock);

  forward (proxy, message, method, body);
}

void
fault_proxy_start (FaultProxy *proxy,
                   const char *upstream)
{
  g_mutex_init (&proxy->lock);
  g_free (proxy->upstream);
  proxy->upstream = g_strdup (upstream);
  proxy->held = g_ptr_array_new_with_free_func (g_object_unref);
  http_thread_start (&proxy->http, NULL, proxy_handler, proxy);
  g_free (proxy->url);
  proxy->url = g_strdup_printf ("http://127.0.0.1:%u", proxy->http.port);
}

void
fault_proxy_set_fault (FaultProxy *proxy,
                       const char *path,
                       FaultKind   fault,
                       guint       status)
{
  g_mutex_lock (&proxy->lock);
  g_free (proxy->fault_path);
  proxy->fault_path = g_strdup (path);
  proxy->fault = path != NULL ? fault : FAULT_NONE;
  proxy->fault_status = status;
  proxy->faulted = 0;
  g_mutex_unlock (&proxy->lock);
}

guint
fault_proxy_faulted (FaultProxy *proxy)
{
  guint faulted;

  g_mutex_lock (&proxy->lock);
  faulted = proxy->faulted;
  g_mutex_unlock (&proxy->lock);
  return faulted;
}

/* On the proxy's thread: the held requests get an answer at last. */
static gboolean
release_held (gpointer data)
{
  FaultProxy *proxy = data;

  g_mutex_lock (&proxy->lock);
  for (guint i = 0; i < proxy->held->len; i++)
    {
      SoupServerMessage *message = g_ptr_array_index (proxy->held, i);

      if (soup_server_message_get_status (message) == 207)
        soup_message_body_complete (soup_server_message_get_response_body (message));
      else
        {
          soup_server_message_set_status (message, 503, NULL);
          soup_server_message_unpause (message);
        }
    }
  g_ptr_array_set_size (proxy->held, 0);
  g_mutex_unlock (&proxy->lock);
  return G_SOURCE_REMOVE;
}

void
fault_proxy_stop (FaultProxy *proxy)
{
  g_main_context_invoke (g_main_loop_get_context (proxy->http.loop), release_held, proxy);
  http_thread_stop (&proxy->http);
  g_clear_object (&proxy->session);
  g_clear_pointer (&proxy->held, g_ptr_array_unref);
  g_clear_pointer (&proxy->fault_path, g_free);
  g_clear_pointer (&proxy->upstream, g_free);
  g_clear_pointer (&proxy->url, g_free);
  proxy->fault = FAULT_NONE;
  g_mutex_clear (&proxy->lock);
}

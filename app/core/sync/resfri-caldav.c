/* resfri-caldav.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The HTTP side of live calendars: one libsoup 3 session per source
 * (30 s timeouts, TLS verified against the system's CAs and the source's
 * --ca-file, Basic credentials sent with each request, redirects followed
 * by hand so that PROPFIND and REPORT keep their method, 429/503 retried
 * after their Retry-After a few times (the wait ends when the sync is
 * cancelled), answers read up to 64 MiB so that a hostile server cannot
 * exhaust memory), and the CalDAV requests the sync makes: discovery
 * (RFC 6764), the calendars of a home, sync-collection (RFC 6578), a
 * Depth 1 PROPFIND of ETags and calendar-multiget (RFC 4791). The
 * multistatus bodies are read by resfri-dav-xml.c. Secrets: the password
 * lives only in the session's Authorization header; no error or log line
 * holds it.
 *
 * Test-only (tests/sync), read when a client is made:
 * RESFRI_TEST_HTTP_TIMEOUT=SECONDS replaces the 30 s timeout, so that a
 * test of a server that stops answering need not wait half a minute;
 * RESFRI_TEST_MAX_ANSWER_MIB=N replaces the 64 MiB limit on an answer.
 */

#include "config.h"

#include <signal.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>

#include "resfri-caldav.h"
#include "resfri-error.h"

#define TIMEOUT_SECONDS 30
#define MAX_RETRIES 3
#define MAX_RETRY_WAIT 60
#define MAX_REDIRECTS 5
#define MAX_ANSWER_MIB 64

/* The system's CAs plus the source's own (--ca-file): a chain either
 * trusts is trusted. GLib's file database alone would replace the system's
 * CAs, and a municipality's server may use either. */
#define RESFRI_TYPE_TLS_DATABASE (resfri_tls_database_get_type ())
G_DECLARE_FINAL_TYPE (ResfriTlsDatabase, resfri_tls_database, RESFRI, TLS_DATABASE, GTlsDatabase)

struct _ResfriTlsDatabase
{
  GTlsDatabase  parent_instance;
  GTlsDatabase *extra;
  GTlsDatabase *system;
};

G_DEFINE_FINAL_TYPE (ResfriTlsDatabase, resfri_tls_database, G_TYPE_TLS_DATABASE)

static GTlsCertificateFlags
resfri_tls_database_verify_chain (GTlsDatabase             *database,
                                  GTlsCertificate          *chain,
                                  const char               *purpose,
                                  GSocketConnectable       *identity,
                                  GTlsInteraction          *interaction,
                                  GTlsDatabaseVerifyFlags   flags,
                                  GCancellable             *cancellable,
                                  GError                  **error)
{
  ResfriTlsDatabase *self = RESFRI_TLS_DATABASE (database);
  GTlsCertificateFlags result;

  result = g_tls_database_verify_chain (self->extra, chain, purpose, identity, interaction, flags,
                                        cancellable, error);
  if (result == 0 || (error != NULL && *error != NULL) || self->system == NULL)
    return result;
  if (g_tls_database_verify_chain (self->system, chain, purpose, identity, interaction, flags,
                                   cancellable, NULL) == 0)
    return 0;
  return result;
}

static void
resfri_tls_database_finalize (GObject *object)
{
  ResfriTlsDatabase *self = RESFRI_TLS_DATABASE (object);

  g_clear_object (&self->extra);
  g_clear_object (&self->system);
  G_OBJECT_CLASS (resfri_tls_database_parent_class)->finalize (object);
}

static void
resfri_tls_database_class_init (ResfriTlsDatabaseClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = resfri_tls_database_finalize;
  G_TLS_DATABASE_CLASS (klass)->verify_chain = resfri_tls_database_verify_chain;
}

static void
resfri_tls_database_init (ResfriTlsDatabase *self)
{
}

static GTlsDatabase *
resfri_tls_database_new (GTlsDatabase *extra)
{
  ResfriTlsDatabase *self = g_object_new (RESFRI_TYPE_TLS_DATABASE, NULL);

  self->extra = g_object_ref (extra);
  self->system = g_tls_backend_get_default_database (g_tls_backend_get_default ());
  return G_TLS_DATABASE (self);
}

struct _ResfriCaldav
{
  SoupSession *session;
  GUri        *base;
  char        *host;
  char        *user;
  char        *authorization;
  guint        requests;
  guint        last_status;  /* of the last answer */
  gboolean     too_large;    /* the last answer was refused for its size */
  gboolean     no_data_in_report;  /* sync-collection refused with calendar-data */
  guint        kill_after;   /* the test hook below; 0: none */
  guint        timeout;      /* seconds */
  gsize        max_answer;   /* bytes */
};

void
resfri_caldav_free (ResfriCaldav *self)
{
  if (self == NULL)
    return;
  g_clear_object (&self->session);
  g_clear_pointer (&self->base, g_uri_unref);
  g_free (self->host);
  g_free (self->user);
  if (self->authorization != NULL)
    memset (self->authorization, 0, strlen (self->authorization));
  g_free (self->authorization);
  g_free (self);
}

/* A test's value of @name (1 to 3600), else @value. */
static guint
test_override (const char *name,
               guint       value)
{
  const char *text = g_getenv (name);

  if (text != NULL && g_ascii_isdigit (*text))
    return (guint) CLAMP (g_ascii_strtoull (text, NULL, 10), 1, 3600);
  return value;
}

ResfriCaldav *
resfri_caldav_new (const char  *base_url,
                   const char  *user,
                   const char  *password,
                   const char  *ca_file,
                   GError     **error)
{
  g_autoptr(ResfriCaldav) self = g_new0 (ResfriCaldav, 1);
  g_autoptr(GError) local = NULL;
  g_autofree char *url = NULL;
  const char *scheme;
  const char *hook;

  /* webcal:// is https:// (published calendars). */
  if (g_ascii_strncasecmp (base_url, "webcal://", 9) == 0)
    url = g_strconcat ("https://", base_url + 9, NULL);
  else
    url = g_strdup (base_url);

  self->base = g_uri_parse (url, G_URI_FLAGS_ENCODED_PATH | G_URI_FLAGS_ENCODED_QUERY, &local);
  scheme = self->base ? g_uri_get_scheme (self->base) : NULL;
  if (self->base == NULL || g_uri_get_host (self->base) == NULL ||
      (g_ascii_strcasecmp (scheme, "http") != 0 && g_ascii_strcasecmp (scheme, "https") != 0))
    {
      g_set_error (error, RESFRI_ERROR, RESFRI_ERROR_INVALID_INPUT,
                   _("“%s” is not an http://, https:// or webcal:// address"), base_url);
      return NULL;
    }
  self->host = g_strdup (g_uri_get_host (self->base));
  self->user = g_strdup (user);
  self->timeout = test_override ("RESFRI_TEST_HTTP_TIMEOUT", TIMEOUT_SECONDS);
  self->max_answer = (gsize) test_override ("RESFRI_TEST_MAX_ANSWER_MIB", MAX_ANSWER_MIB) << 20;

  self->session = soup_session_new_with_options ("timeout", self->timeout,
                                                 "idle-timeout", self->timeout,
                                                 "user-agent", "Resfri/" PACKAGE_VERSION " ",
                                                 NULL);
  if (ca_file != NULL)
    {
      g_autoptr(GTlsDatabase) database = g_tls_file_database_new (ca_file, &local);
      g_autoptr(GTlsDatabase) combined = NULL;

      if (database == NULL)
        {
          g_set_error (error, RESFRI_ERROR, RESFRI_ERROR_INVALID_INPUT,
                       _("Cannot read the CA file %s: %s"), ca_file, local->message);
          return NULL;
        }
      combined = resfri_tls_database_new (database);
      soup_session_set_tls_database (self->session, combined);
    }

  if (user != NULL && password != NULL)
    {
      g_autofree char *pair = g_strconcat (user, ":", password, NULL);
      g_autofree char *encoded = g_base64_encode ((const guchar *) pair, strlen (pair));

      self->authorization = g_strconcat ("Basic ", encoded, NULL);
      memset (pair, 0, strlen (pair));
    }

  /* A test hook (tests/sync): the process kills itself right after its
   * Nth answer, so that a test can stop a sync at every step. */
  hook = g_getenv ("RESFRI_TEST_KILL_AFTER_REQUESTS");
  if (hook != NULL)
    self->kill_after = (guint) g_ascii_strtoull (hook, NULL, 10);

  return g_steal_pointer (&self);
}

guint
resfri_caldav_get_requests (ResfriCaldav *self)
{
  return self->requests;
}

char *
resfri_caldav_resolve (ResfriCaldav *self,
                       const char   *href)
{
  g_autoptr(GUri) uri = g_uri_parse_relative (self->base, href,
                                              G_URI_FLAGS_ENCODED_PATH | G_URI_FLAGS_ENCODED_QUERY,
                                              NULL);

  return uri ? g_uri_to_string (uri) : g_strdup (href);
}

char *
resfri_caldav_normalize_href (const char *base_url,
                              const char *href)
{
  g_autoptr(GUri) base = g_uri_parse (base_url, G_URI_FLAGS_ENCODED, NULL);
  g_autoptr(GUri) uri = NULL;
  g_autofree char *path = NULL;

  /* Not a URI reference, or one on another server (also "//host/x"):
   * kept as written, but in ASCII. */
  if (base == NULL ||
      (uri = g_uri_parse_relative (base, href, G_URI_FLAGS_ENCODED, NULL)) == NULL ||
      g_strcmp0 (g_uri_get_host (uri), g_uri_get_host (base)) != 0 ||
      g_uri_get_port (uri) != g_uri_get_port (base))
    return g_uri_escape_string (href, G_URI_RESERVED_CHARS_GENERIC_DELIMITERS
                                      G_URI_RESERVED_CHARS_SUBCOMPONENT_DELIMITERS "%", FALSE);
  /* An escaped "/" (or NUL) is kept as the server wrote it, and only what
   * is not ASCII is escaped around it, so that the stored href is ASCII
   * and normalising it again changes nothing. */
  if ((path = g_uri_unescape_string (g_uri_get_path (uri), "/")) == NULL)
    path = g_uri_escape_string (g_uri_get_path (uri), "/%", FALSE);
  else
    {
      char *escaped = g_uri_escape_string (path, "/", FALSE);

      g_free (path);
      path = escaped;
    }
  /* "//host/x" would name a host when read again: one leading slash. */
  if (g_str_has_prefix (path, "//"))
    {
      const char *rest = path;

      while (rest[1] == '/')
        rest++;
      return g_strdup (rest);
    }
  return g_steal_pointer (&path);
}

/* The error for an answer that is not a success. */
static void
set_status_error (ResfriCaldav  *self,
                  SoupMessage   *message,
                  const char    *url,
                  GError       **error)
{
  guint status = soup_message_get_status (message);
  const char *reason = soup_message_get_reason_phrase (message);

  switch (status)
    {
    case 401:
      if (self->user != NULL && self->authorization != NULL)
        g_set_error (error, RESFRI_ERROR, RESFRI_ERROR_FAILED,
                     _("the password for %s at %s was refused (check the password file or the keyring)"),
                     self->user, self->host);
      else
        g_set_error (error, RESFRI_ERROR, RESFRI_ERROR_FAILED,
                     _("%s asks for a user and a password (give --user and --password-file)"),
                     self->host);
      break;
    case 403:
      g_set_error (error, RESFRI_ERROR, RESFRI_ERROR_FAILED,
                   _("no access to %s (ask its owner to share it with %s)"), url,
                   self->user ? self->user : "?");
      break;
    case 404:
    case 410:
      g_set_error (error, RESFRI_ERROR, RESFRI_ERROR_NOT_FOUND,
                   _("%s was not found on the server (check the address, or stop following it)"),
                   url);
      break;
    default:
      g_set_error (error, RESFRI_ERROR, status >= 500 ? RESFRI_ERROR_FAILED : RESFRI_ERROR_INVALID_INPUT,
                   _("%s answered HTTP %u %s for %s (try again later)"), self->host, status,
                   reason ? reason : "", url);
      break;
    }
}

static void
set_transport_error (ResfriCaldav  *self,
                     const char    *url,
                     const GError  *local,
                     GError       **error)
{
  if (g_error_matches (local, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, local->message);
  else if (g_error_matches (local, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    g_set_error (error, RESFRI_ERROR, RESFRI_ERROR_FAILED,
                 _("the server %s did not answer in %d s (try again later)"), self->host,
                 (int) self->timeout);
  else if (local->domain == G_TLS_ERROR)
    g_set_error (error, RESFRI_ERROR, RESFRI_ERROR_FAILED,
                 _("the certificate of %s is not trusted: %s (give the organisation's CA with --ca-file)"),
                 self->host, local->message);
  else if (local->domain == G_RESOLVER_ERROR)
    g_set_error (error, RESFRI_ERROR, RESFRI_ERROR_FAILED,
                 _("the server %s is unknown (check the address): %s"), self->host, local->message);
  else
    g_set_error (error, RESFRI_ERROR, RESFRI_ERROR_FAILED,
                 _("cannot reach %s for %s: %s (check the address and the network)"), self->host,
                 url, local->message);
}

static void
set_too_large_error (ResfriCaldav  *self,
                     const char    *url,
                     GError       **error)
{
  self->too_large = TRUE;
  g_set_error (error, RESFRI_ERROR, RESFRI_ERROR_FAILED,
               _("%s sent an answer larger than %d MiB for %s (tell the server's administrator)"),
               self->host, (int) (self->max_answer >> 20), url);
}

/* The answer to @message, whole, up to self->max_answer: a longer one is
 * refused as soon as its Content-Length or its bytes say so. */
static GBytes *
read_answer (ResfriCaldav  *self,
             SoupMessage   *message,
             GInputStream  *stream,
             const char    *url,
             GCancellable  *cancellable,
             GError       **error)
{
  g_autoptr(GByteArray) data = g_byte_array_new ();
  SoupMessageHeaders *headers = soup_message_get_response_headers (message);
  guint8 buffer[16384];

  if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH &&
      soup_message_headers_get_content_length (headers) > (goffset) self->max_answer)
    {
      set_too_large_error (self, url, error);
      return NULL;
    }

  for (;;)
    {
      gssize n = g_input_stream_read (stream, buffer, sizeof buffer, cancellable, error);

      if (n < 0)
        return NULL;
      if (n == 0)
        break;
      if (data->len + (gsize) n > self->max_answer)
        {
          set_too_large_error (self, url, error);
          return NULL;
        }
      g_byte_array_append (data, buffer, n);
    }
  g_input_stream_close (stream, NULL, NULL);
  return g_byte_array_free_to_bytes (g_steal_pointer (&data));
}

/* Retry-After in seconds (RFC 9110: seconds or an HTTP date, counted
 * from @now), 1 to MAX_RETRY_WAIT; 1 when absent or unreadable. */
guint
resfri_caldav_retry_after_seconds (const char *value,
                                   GDateTime  *now)
{
  g_autoptr(GDateTime) when = NULL;
  gint64 seconds;

  if (value == NULL)
    return 1;
  while (g_ascii_isspace (*value))
    value++;
  if (g_ascii_isdigit (*value))
    seconds = (gint64) MIN (g_ascii_strtoull (value, NULL, 10), MAX_RETRY_WAIT);
  else if ((when = soup_date_time_new_from_http_string (value)) != NULL)
    seconds = g_date_time_difference (when, now) / G_TIME_SPAN_SECOND;
  else
    return 1;
  return (guint) CLAMP (seconds, 1, MAX_RETRY_WAIT);
}

static guint
retry_after (SoupMessage *message)
{
  const char *value = soup_message_headers_get_one (soup_message_get_response_headers (message),
                                                    "Retry-After");
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return resfri_caldav_retry_after_seconds (value, now);
}

/* Waits @seconds, or less when @cancellable is cancelled (FALSE then). */
static gboolean
wait_to_retry (guint          seconds,
               GCancellable  *cancellable,
               GError       **error)
{
  gint64 end = g_get_monotonic_time () + seconds * G_USEC_PER_SEC;
  GPollFD pollfd;

  if (cancellable == NULL || !g_cancellable_make_pollfd (cancellable, &pollfd))
    {
      g_usleep ((gulong) seconds * G_USEC_PER_SEC);
      return TRUE;
    }
  for (gint64 now = g_get_monotonic_time ();
       now < end && !g_cancellable_is_cancelled (cancellable);
       now = g_get_monotonic_time ())
    g_poll (&pollfd, 1, (int) ((end - now + 999) / 1000));
  g_cancellable_release_fd (cancellable);
  return !g_cancellable_set_error_if_cancelled (cancellable, error);
}

/* One request; with @allow_412 a 412 answer is returned (empty) and not
 * an error, for the conditional writes of resfri_caldav_write(). */
static GBytes *
send_full (ResfriCaldav  *self,
           const char    *method,
           const char    *url,
           const char    *depth,
           const char    *content_type,
           const char    *body,
           const char    *if_match,
           const char    *if_none_match,
           const char    *if_modified_since,
           gboolean       allow_412,
           guint         *status_out,
           char         **etag,
           char         **last_modified,
           char         **date,
           GCancellable  *cancellable,
           GError       **error)
{
  g_autofree char *current = g_strdup (url);
  guint redirects = 0;
  guint retries = 0;

  for (;;)
    {
      g_autoptr(SoupMessage) message = NULL;
      g_autoptr(GInputStream) stream = NULL;
      g_autoptr(GError) local = NULL;
      g_autoptr(GBytes) answer = NULL;
      SoupMessageHeaders *headers;
      guint status;

      message = soup_message_new (method, current);
      if (message == NULL)
        {
          g_set_error (error, RESFRI_ERROR, RESFRI_ERROR_INVALID_INPUT,
                       _("“%s” is not a valid address"), current);
          return NULL;
        }
      soup_message_set_flags (message, SOUP_MESSAGE_NO_REDIRECT);
      headers = soup_message_get_request_headers (message);
      if (self->authorization != NULL)
        soup_message_headers_replace (headers, "Authorization", self->authorization);
      if (depth != NULL)
        soup_message_headers_replace (headers, "Depth", depth);
      if (if_match != NULL)
        soup_message_headers_replace (headers, "If-Match", if_match);
      if (if_none_match != NULL)
        soup_message_headers_replace (headers, "If-None-Match", if_none_match);
      if (if_modified_since != NULL)
        soup_message_headers_replace (headers, "If-Modified-Since", if_modified_since);
      if (body != NULL)
        {
          g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));

          soup_message_set_request_body_from_bytes (message,
                                                    content_type ? content_type
                                                                 : "application/xml; charset=utf-8",
                                                    bytes);
        }

      self->requests++;
      self->last_status = 0;
      self->too_large = FALSE;
      stream = soup_session_send (self->session, message, cancellable, &local);
      if (stream != NULL)
        answer = read_answer (self, message, stream, current, cancellable, &local);

      if (self->kill_after != 0 && self->requests >= self->kill_after)
        kill (getpid (), SIGKILL);

      if (answer == NULL)
        {
          if (local->domain == RESFRI_ERROR)
            g_propagate_error (error, g_steal_pointer (&local));
          else
            set_transport_error (self, current, local, error);
          return NULL;
        }

      status = soup_message_get_status (message);
      self->last_status = status;
      if ((status == 429 || status == 503) && retries < MAX_RETRIES)
        {
          retries++;
          if (!wait_to_retry (retry_after (message), cancellable, error))
            return NULL;
          continue;
        }
      if (status == 429 || status == 503)
        {
          const char *reason = soup_message_get_reason_phrase (message);

          g_set_error (error, RESFRI_ERROR, RESFRI_ERROR_FAILED,
                       _("%s is busy (HTTP %u %s) for %s and still was after %u retries (try again later)"),
                       self->host, status, reason ? reason : "", current, retries);
          return NULL;
        }
      if ((status == 301 || status == 302 || status == 303 || status == 307 || status == 308) &&
          redirects < MAX_REDIRECTS)
        {
          const char *location = soup_message_headers_get_one (soup_message_get_response_headers (message),
                                                               "Location");
          g_autoptr(GUri) here = NULL;
          g_autoptr(GUri) next = NULL;

          if (location != NULL &&
              (here = g_uri_parse (current, G_URI_FLAGS_ENCODED, NULL)) != NULL &&
              (next = g_uri_parse_relative (here, location, G_URI_FLAGS_ENCODED, NULL)) != NULL)
            {
              redirects++;
              g_free (current);
              current = g_uri_to_string (next);
              continue;
            }
        }

      if ((status < 200 || status >= 300) && status != 304 && !(allow_412 && status == 412))
        {
          if (status_out != NULL)
            *status_out = status;
          set_status_error (self, message, current, error);
          return NULL;
        }

      if (status_out != NULL)
        *status_out = status;
      headers = soup_message_get_response_headers (message);
      if (etag != NULL)
        *etag = g_strdup (soup_message_headers_get_one (headers, "ETag"));
      if (last_modified != NULL)
        *last_modified = g_strdup (soup_message_headers_get_one (headers, "Last-Modified"));
      if (date != NULL)
        *date = g_strdup (soup_message_headers_get_one (headers, "Date"));
      return g_steal_pointer (&answer);
    }
}

GBytes *
resfri_caldav_send (ResfriCaldav  *self,
                    const char    *method,
                    const char    *url,
                    const char    *depth,
                    const char    *body,
                    const char    *if_none_match,
                    const char    *if_modified_since,
                    guint         *status_out,
                    char         **etag,
                    char         **last_modified,
                    GCancellable  *cancellable,
                    GError       **error)
{
  return send_full (self, method, url, depth, NULL, body, NULL, if_none_match, if_modified_since,
                    FALSE, status_out, etag, last_modified, NULL, cancellable, error);
}

GBytes *
resfri_caldav_write (ResfriCaldav  *self,
                     const char    *method,
                     const char    *url,
                     const char    *ical,
                     const char    *if_match,
                     const char    *if_none_match,
                     guint         *status,
                     char         **etag,
                     char         **last_modified,
                     char         **date,
                     GCancellable  *cancellable,
                     GError       **error)
{
  return send_full (self, method, url, NULL, ical ? "text/calendar; charset=utf-8" : NULL, ical,
                    if_match, if_none_match, NULL, TRUE, status, etag, last_modified, date,
                    cancellable, error);
}

static ResfriDavMultistatus *
request_multistatus (ResfriCaldav  *self,
                     const char    *method,
                     const char    *url,
                     const char    *depth,
                     const char    *body,
                     GCancellable  *cancellable,
                     GError       **error)
{
  g_autoptr(GBytes) answer = NULL;
  g_autoptr(GError) local = NULL;
  g_autofree char *base = NULL;
  ResfriDavMultistatus *result;
  gsize length;
  const char *data;

  answer = resfri_caldav_send (self, method, url, depth, body, NULL, NULL, NULL, NULL, NULL,
                               cancellable, error);
  if (answer == NULL)
    return NULL;
  data = g_bytes_get_data (answer, &length);
  if (!(result = resfri_dav_parse_multistatus (data, length, &local)))
    {
      g_set_error (error, RESFRI_ERROR, RESFRI_ERROR_INVALID_INPUT,
                   _("%s gave an answer Resfri cannot read for %s: %s (tell the server's administrator)"),
                   self->host, url,
                   local->message);
      return NULL;
    }

  /* One spelling of each href (a path, percent-encoded one way), however
   * the server wrote it in this answer or the last. */
  base = g_uri_to_string (self->base);
  for (guint i = 0; i < result->responses->len; i++)
    {
      ResfriDavResponse *response = g_ptr_array_index (result->responses, i);
      char *href = resfri_caldav_normalize_href (base, response->href);

      g_free (response->href);
      response->href = href;
    }
  return result;
}

/* Discovery */

/* Not the sync-token or ctag: a server may compute them from every item of
 * every calendar, and the sync asks for them anyway. */
static const char propfind_calendars[] =
  "<?xml version=\"1.0\" encoding=\"utf-8\"?>"
  "<d:propfind xmlns:d=\"DAV:\" xmlns:c=\"urn:ietf:params:xml:ns:caldav\"><d:prop>"
  "<d:resourcetype/><d:displayname/><c:supported-calendar-component-set/>"
  "</d:prop></d:propfind>";

static const char propfind_principal[] =
  "<?xml version=\"1.0\" encoding=\"utf-8\"?>"
  "<d:propfind xmlns:d=\"DAV:\" xmlns:c=\"urn:ietf:params:xml:ns:caldav\"><d:prop>"
  "<d:current-user-principal/><c:calendar-home-set/><d:resourcetype/>"
  "</d:prop></d:propfind>";

GPtrArray *
resfri_caldav_list_calendars (ResfriCaldav  *self,
                              const char    *url,
                              GCancellable  *cancellable,
                              GError       **error)
{
  g_autoptr(ResfriDavMultistatus) ms = NULL;
  g_autoptr(GPtrArray) calendars = NULL;

  if (!(ms = request_multistatus (self, "PROPFIND", url, "1", propfind_calendars, cancellable, error)))
    return NULL;

  calendars = g_ptr_array_new_with_free_func ((GDestroyNotify) resfri_dav_response_free);
  /* Keep the calendars: steal them from the multistatus. */
  for (guint i = 0; i < ms->responses->len; )
    {
      ResfriDavResponse *response = g_ptr_array_index (ms->responses, i);

      if (response->is_calendar && response->vevent && response->status == 0)
        g_ptr_array_add (calendars, g_ptr_array_steal_index (ms->responses, i));
      else
        i++;
    }
  return g_steal_pointer (&calendars);
}

/* The home that @url leads to (depth 0: a calendar, a home, a principal). */
static char *
find_home (ResfriCaldav  *self,
           const char    *url,
           gboolean      *is_calendar,
           GCancellable  *cancellable,
           GError       **error)
{
  g_autoptr(ResfriDavMultistatus) ms = NULL;
  ResfriDavResponse *response;

  if (!(ms = request_multistatus (self, "PROPFIND", url, "0", propfind_principal, cancellable, error)))
    return NULL;
  if (ms->responses->len == 0)
    return g_strdup (url);

  response = g_ptr_array_index (ms->responses, 0);
  *is_calendar = response->is_calendar;
  if (response->is_calendar)
    return g_strdup (url);
  if (response->home != NULL)
    return resfri_caldav_resolve (self, response->home);
  if (response->principal != NULL)
    {
      g_autofree char *principal = resfri_caldav_resolve (self, response->principal);
      g_autoptr(ResfriDavMultistatus) pms = NULL;

      pms = request_multistatus (self, "PROPFIND", principal, "0", propfind_principal,
                                 cancellable, error);
      if (pms == NULL)
        return NULL;
      for (guint i = 0; i < pms->responses->len; i++)
        {
          ResfriDavResponse *p = g_ptr_array_index (pms->responses, i);

          if (p->home != NULL)
            return resfri_caldav_resolve (self, p->home);
        }
      return g_steal_pointer (&principal);
    }

  return g_strdup (url);
}

GPtrArray *
resfri_caldav_discover (ResfriCaldav  *self,
                        GCancellable  *cancellable,
                        GError       **error)
{
  g_autoptr(GError) local = NULL;
  g_autofree char *base = g_uri_to_string (self->base);
  g_autofree char *home = NULL;
  gboolean is_calendar = FALSE;

  home = find_home (self, base, &is_calendar, cancellable, &local);
  if (home == NULL && (g_error_matches (local, RESFRI_ERROR, RESFRI_ERROR_NOT_FOUND) ||
                       g_error_matches (local, RESFRI_ERROR, RESFRI_ERROR_INVALID_INPUT)))
    {
      /* RFC 6764: the server's well-known address. */
      g_autofree char *well_known = resfri_caldav_resolve (self, "/.well-known/caldav");

      g_clear_error (&local);
      home = find_home (self, well_known, &is_calendar, cancellable, &local);
    }
  if (home == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }

  return resfri_caldav_list_calendars (self, home, cancellable, error);
}

/* Sync */

ResfriDavMultistatus *
resfri_caldav_sync_collection (ResfriCaldav  *self,
                               const char    *url,
                               const char    *token,
                               GCancellable  *cancellable,
                               GError       **error)
{
  g_autoptr(GError) local = NULL;
  g_autofree char *escaped = g_markup_escape_text (token ? token : "", -1);
  ResfriDavMultistatus *ms = NULL;
  gboolean refused_with_data = FALSE;

  /* With each changed resource's calendar-data: one request instead of
   * two. A server that does not give it in this report leaves the
   * resources to calendar-multiget; one that refuses the report so, or
   * whose answer is too large with it, is asked for the ETags alone (the
   * refusal is remembered for the session's other calendars). */
  for (guint with_data = self->no_data_in_report ? 0 : 1; ms == NULL; with_data--)
    {
      g_autofree char *body = NULL;

      g_clear_error (&local);
      body = g_strconcat ("<?xml version=\"1.0\" encoding=\"utf-8\"?>"
                          "<d:sync-collection xmlns:d=\"DAV:\""
                          " xmlns:c=\"urn:ietf:params:xml:ns:caldav\"><d:sync-token>", escaped,
                          "</d:sync-token><d:sync-level>1</d:sync-level><d:prop><d:getetag/>",
                          with_data ? "<c:calendar-data/>" : "",
                          "</d:prop></d:sync-collection>", NULL);
      ms = request_multistatus (self, "REPORT", url, NULL, body, cancellable, &local);
      if (ms != NULL)
        {
          if (!with_data && refused_with_data)
            self->no_data_in_report = TRUE;
          return ms;
        }
      refused_with_data = with_data && !self->too_large;
      if (!with_data ||
          !(self->too_large || self->last_status == 400 || self->last_status == 415 ||
            self->last_status == 422 || self->last_status == 501))
        break;
    }

  /* A refused token is 403 (valid-sync-token) or 409; a server without
   * the report says 400, 403, 405, 415 or 501. */
  if (token != NULL && (self->last_status == 403 || self->last_status == 409 ||
                        self->last_status == 400))
    g_set_error_literal (error, RESFRI_ERROR, RESFRI_ERROR_CONFLICT, local->message);
  else if (self->last_status == 400 || self->last_status == 405 || self->last_status == 415 ||
           self->last_status == 501 || self->last_status == 403)
    g_set_error_literal (error, RESFRI_ERROR, RESFRI_ERROR_INVALID_INPUT, local->message);
  else
    g_propagate_error (error, g_steal_pointer (&local));
  return NULL;
}

ResfriDavMultistatus *
resfri_caldav_list_etags (ResfriCaldav  *self,
                          const char    *url,
                          GCancellable  *cancellable,
                          GError       **error)
{
  static const char body[] =
    "<?xml version=\"1.0\" encoding=\"utf-8\"?>"
    "<d:propfind xmlns:d=\"DAV:\" xmlns:cs=\"http://calendarserver.org/ns/\"><d:prop>"
    "<d:getetag/><d:resourcetype/><cs:getctag/><d:sync-token/>"
    "</d:prop></d:propfind>";

  return request_multistatus (self, "PROPFIND", url, "1", body, cancellable, error);
}

ResfriDavMultistatus *
resfri_caldav_multiget (ResfriCaldav  *self,
                        const char    *url,
                        GPtrArray     *hrefs,
                        GCancellable  *cancellable,
                        GError       **error)
{
  g_autoptr(GString) body = g_string_new (NULL);

  g_string_append (body, "<?xml version=\"1.0\" encoding=\"utf-8\"?>"
                         "<c:calendar-multiget xmlns:d=\"DAV:\""
                         " xmlns:c=\"urn:ietf:params:xml:ns:caldav\">"
                         "<d:prop><d:getetag/><c:calendar-data/></d:prop>");
  for (guint i = 0; i < hrefs->len; i++)
    {
      g_autofree char *escaped = g_markup_escape_text (g_ptr_array_index (hrefs, i), -1);

      g_string_append_printf (body, "<d:href>%s</d:href>", escaped);
    }
  g_string_append (body, "</c:calendar-multiget>");

  return request_multistatus (self, "REPORT", url, "1", body->str, cancellable, error);
}

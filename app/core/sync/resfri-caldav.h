/* resfri-caldav.h
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "resfri-dav-xml.h"

G_BEGIN_DECLS

/* An HTTP(S) client for one source: a libsoup 3 session with a 30 s
 * timeout, verified TLS (plus the source's own CA), Basic credentials,
 * 429/503 retried after their Retry-After, and a count of requests. */
typedef struct _ResfriCaldav ResfriCaldav;

/* Errors (RESFRI_ERROR_FAILED unless said) name the host, the user and what
 * to do; the sync prefixes the source and calendar. */
ResfriCaldav         *resfri_caldav_new                (const char     *base_url,
                                                        const char     *user,
                                                        const char     *password,
                                                        const char     *ca_file,
                                                        GError        **error);
void                  resfri_caldav_free               (ResfriCaldav   *self);
/* Requests sent so far (every retry and redirect counts). */
guint                 resfri_caldav_get_requests       (ResfriCaldav   *self);
/* A Retry-After header's wait in seconds (a number or an HTTP date,
 * counted from @now), between 1 and 60; 1 when absent or unreadable. */
guint                 resfri_caldav_retry_after_seconds (const char  *value,
                                                         GDateTime   *now);
/* @href resolved against the base URL. */
char                 *resfri_caldav_resolve            (ResfriCaldav   *self,
                                                        const char     *href);

/* @href (a path, or a URL on the server of @base_url) as the sync stores
 * it: its path, percent-encoded one way (all but unreserved characters and
 * "/"). Another server's URL is kept as it is. */
char                 *resfri_caldav_normalize_href     (const char     *base_url,
                                                        const char     *href);

/* Sends @method to @url with @body (or none); returns the body of a 2xx
 * (or 304) answer and its status, headers in @etag / @last_modified when
 * given. Any other status is an error. */
GBytes               *resfri_caldav_send               (ResfriCaldav   *self,
                                                        const char     *method,
                                                        const char     *url,
                                                        const char     *depth,
                                                        const char     *body,
                                                        const char     *if_none_match,
                                                        const char     *if_modified_since,
                                                        guint          *status,
                                                        char          **etag,
                                                        char          **last_modified,
                                                        GCancellable   *cancellable,
                                                        GError        **error);

/* A conditional GET, PUT or DELETE of one resource (@ical: a PUT's body,
 * sent as text/calendar). A 412 (the precondition failed) is no error:
 * @status says it (and an error answer's status). @last_modified, @date:
 * the server's headers. 404 is RESFRI_ERROR_NOT_FOUND. */
GBytes               *resfri_caldav_write              (ResfriCaldav   *self,
                                                        const char     *method,
                                                        const char     *url,
                                                        const char     *ical,
                                                        const char     *if_match,
                                                        const char     *if_none_match,
                                                        guint          *status,
                                                        char          **etag,
                                                        char          **last_modified,
                                                        char          **date,
                                                        GCancellable   *cancellable,
                                                        GError        **error);

/* RFC 6764: the calendars (VEVENT collections) of the account, found from
 * the URL (a server's root, a principal or a calendar home, or through
 * /.well-known/caldav). Responses with hrefs as the server wrote them. */
GPtrArray            *resfri_caldav_discover           (ResfriCaldav   *self,
                                                        GCancellable   *cancellable,
                                                        GError        **error);
/* The calendars at @url: the calendar itself, or those of the home
 * collection there. RESFRI_ERROR_NOT_FOUND for 404. */
GPtrArray            *resfri_caldav_list_calendars     (ResfriCaldav   *self,
                                                        const char     *url,
                                                        GCancellable   *cancellable,
                                                        GError        **error);
/* RFC 6578 sync-collection from @token (NULL: from the start), with the
 * calendar-data of what changed where the server gives it.
 * RESFRI_ERROR_CONFLICT when the server refuses the token,
 * RESFRI_ERROR_INVALID_INPUT when it does not offer the report. */
ResfriDavMultistatus *resfri_caldav_sync_collection    (ResfriCaldav   *self,
                                                        const char     *url,
                                                        const char     *token,
                                                        GCancellable   *cancellable,
                                                        GError        **error);
/* Depth 1 PROPFIND of getetag and getctag. */
ResfriDavMultistatus *resfri_caldav_list_etags         (ResfriCaldav   *self,
                                                        const char     *url,
                                                        GCancellable   *cancellable,
                                                        GError        **error);
/* calendar-multiget of @hrefs (all in one request: the caller batches). */
ResfriDavMultistatus *resfri_caldav_multiget           (ResfriCaldav   *self,
                                                        const char     *url,
                                                        GPtrArray      *hrefs,
                                                        GCancellable   *cancellable,
                                                        GError        **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ResfriCaldav, resfri_caldav_free)

G_END_DECLS

/* resfri-dav-xml.h
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* One DAV:response of a multistatus, with the properties Resfri asks for
 * (only those of a propstat whose status is 2xx). */
typedef struct
{
  char     *href;
  guint     status;         /* the response's own DAV:status, else 0 */
  char     *etag;
  char     *displayname;
  char     *ctag;           /* CalendarServer's getctag */
  char     *sync_token;
  char     *calendar_data;
  char     *principal;      /* current-user-principal's href */
  char     *home;           /* calendar-home-set's href */
  gboolean  is_collection;
  gboolean  is_calendar;
  gboolean  has_components; /* supported-calendar-component-set given */
  gboolean  vevent;         /* … and it holds VEVENT */
} ResfriDavResponse;

typedef struct
{
  GPtrArray *responses;     /* ResfriDavResponse */
  char      *sync_token;    /* a sync-collection's new token */
} ResfriDavMultistatus;

/* Parses a WebDAV multistatus body (RFC 4918, 4791, 6578) with libxml2,
 * without network access or entity substitution; NULL with
 * RESFRI_ERROR_INVALID_INPUT when it is not one. */
ResfriDavMultistatus *resfri_dav_parse_multistatus (const char           *data,
                                                    gsize                 length,
                                                    GError              **error);
void                  resfri_dav_multistatus_free  (ResfriDavMultistatus *self);
void                  resfri_dav_response_free     (ResfriDavResponse    *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ResfriDavMultistatus, resfri_dav_multistatus_free)

G_END_DECLS

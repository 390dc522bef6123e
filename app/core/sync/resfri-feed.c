/* resfri-feed.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Published calendars (spec/sync.md, "Published feeds"): one conditional
 * GET with If-None-Match / If-Modified-Since, so that an unchanged feed
 * costs one request and no parsing. The sync stores a feed as one calendar
 * holding one resource (resfri-sync.c).
 */

#include "config.h"

#include "resfri-feed.h"

GBytes *
resfri_feed_fetch (ResfriCaldav   *client,
                   const char     *url,
                   const char     *etag,
                   const char     *last_modified,
                   gboolean       *unchanged,
                   char          **new_etag,
                   char          **new_last_modified,
                   GCancellable   *cancellable,
                   GError        **error)
{
  g_autofree char *target = NULL;
  g_autoptr(GBytes) body = NULL;
  guint status = 0;

  *unchanged = FALSE;
  if (g_ascii_strncasecmp (url, "webcal://", 9) == 0)
    target = g_strconcat ("https://", url + 9, NULL);
  else
    target = resfri_caldav_resolve (client, url);
  body = resfri_caldav_send (client, "GET", target, NULL, NULL, etag, last_modified, &status,
                             new_etag, new_last_modified, cancellable, error);
  if (body == NULL)
    return NULL;
  if (status == 304)
    {
      *unchanged = TRUE;
      return NULL;
    }
  return g_steal_pointer (&body);
}

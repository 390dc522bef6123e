/* resfri-feed.h
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "resfri-caldav.h"

G_BEGIN_DECLS

/* Fetches a published feed (https:// or webcal://) conditionally on the
 * @etag and @last_modified it had. NULL without error, @unchanged set, when
 * the server says 304; otherwise its text, with the new validators. */
GBytes *resfri_feed_fetch (ResfriCaldav   *client,
                           const char     *url,
                           const char     *etag,
                           const char     *last_modified,
                           gboolean       *unchanged,
                           char          **new_etag,
                           char          **new_last_modified,
                           GCancellable   *cancellable,
                           GError        **error);

G_END_DECLS

/* resfri-online-link.h
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A meeting's online link and the meeting services it may point at. The
 * policy settings add hosts to the built-in list (meeting_hosts); the
 * importer stores each meeting's link.
 */

#pragma once

#include <glib.h>
#include <libical/ical.h>

G_BEGIN_DECLS

/* The hosts of the meeting services known without settings (Teams, Zoom,
 * Google Meet, Jitsi, Webex, Skype, Whereby), NULL-terminated. */
const char * const *resfri_online_link_get_builtin_hosts (void);

/* Whether @host (lower case) is a known meeting service: a built-in host
 * or a subdomain of one, a self-hosted Jitsi (a label that starts with
 * "jitsi"), or one of @extra_hosts (NULL-terminated, any case) or its
 * subdomains. */
gboolean            resfri_online_link_is_meeting_host   (const char          *host,
                                                          const char * const  *extra_hosts);

/* The meeting's online link (spec/policy.md "Online link"), or NULL:
 * a CONFERENCE property (a web link first), then the X- properties of
 * Teams and Google, then the first meeting-service URL in URL, LOCATION or
 * DESCRIPTION. @extra_hosts: NULL-terminated hosts added in the settings;
 * each also matches its subdomains. */
char               *resfri_online_link_dup_url           (icalcomponent       *vevent,
                                                          const char * const  *extra_hosts);

G_END_DECLS

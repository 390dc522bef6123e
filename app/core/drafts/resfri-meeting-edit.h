/* resfri-meeting-edit.h
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Changing a stored meeting from the app: making it a web or hybrid
 * meeting by adding an online link, for the whole series or for one
 * occurrence (as an override), and undoing that.
 *
 * The stored VEVENT text is edited line by line, so everything else in it
 * stays as it was: the link goes in as RFC 7986
 * CONFERENCE;VALUE=URI;FEATURE=VIDEO (which spec/policy.md reads as an
 * online link whatever the host); a web meeting loses its LOCATION and its
 * CUTYPE=ROOM attendees (no venue: mode online), a hybrid one keeps them;
 * SEQUENCE goes up by one (1 when there was none). The result is stored
 * as an import stores it, so occurrences, attendees and the verdict follow.
 * Bookings are kept (a room booked for a meeting made a web meeting stays
 * booked until cancelled).
 */

#pragma once

#include <gio/gio.h>

#include "resfri-policy-settings.h"
#include "resfri-policy-check.h"
#include "resfri-store.h"

G_BEGIN_DECLS

#define RESFRI_TYPE_MEETING_VERSION (resfri_meeting_version_get_type ())

/**
 * ResfriMeetingVersion:
 * @uid: the meeting's UID
 * @recurrence_id: "" for the master or single event, else the override's
 * @ical: (nullable): the stored VEVENT text, %NULL when none was stored
 *   (an override the change created)
 *
 * A stored VEVENT as it was before a change, to restore it.
 */
typedef struct
{
  char *uid;
  char *recurrence_id;
  char *ical;
} ResfriMeetingVersion;

GType                 resfri_meeting_version_get_type   (void) G_GNUC_CONST;
ResfriMeetingVersion *resfri_meeting_version_copy       (const ResfriMeetingVersion *version);
void                  resfri_meeting_version_free       (ResfriMeetingVersion       *version);

char                 *resfri_meeting_suggest_link       (const ResfriPolicy   *policy);
gboolean              resfri_meeting_check_link         (const char           *url,
                                                         GError              **error);

char                 *resfri_meeting_text_add_link      (const char           *ical,
                                                         const char           *url,
                                                         ResfriMode            mode);
char                 *resfri_meeting_text_make_override (const char           *master_ical,
                                                         const char           *recurrence_id,
                                                         gint64                start,
                                                         gint64                end);

GPtrArray            *resfri_meeting_set_online_link    (ResfriStore          *store,
                                                         const char           *uid,
                                                         const char           *recurrence_id,
                                                         const char           *url,
                                                         ResfriMode            mode,
                                                         GError              **error);
GPtrArray            *resfri_meeting_set_online_link_full (ResfriStore        *store,
                                                           const char         *uid,
                                                           const char         *recurrence_id,
                                                           gboolean            this_and_future,
                                                           const char         *url,
                                                           ResfriMode          mode,
                                                           GError            **error);
gboolean              resfri_meeting_restore            (ResfriStore          *store,
                                                         GPtrArray            *versions,
                                                         GError              **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ResfriMeetingVersion, resfri_meeting_version_free)

G_END_DECLS

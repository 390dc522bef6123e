/* resfri-occurrence.h
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An occurrence of a stored meeting, and its meeting's attendees.
 */

#pragma once

#include <gio/gio.h>

#include "resfri-store.h"

G_BEGIN_DECLS

/* SQL: attendee row `a` is a person, not a room (CUTYPE=ROOM or RESOURCE,
 * or a room's address): the room is recognised, not listed as a guest. */
#define RESFRI_ATTENDEE_IS_PERSON \
  "upper (coalesce (a.cutype, '')) NOT IN ('ROOM', 'RESOURCE')" \
  " AND a.email NOT IN (SELECT email FROM rooms WHERE email IS NOT NULL)"

#define RESFRI_TYPE_OCCURRENCE (resfri_occurrence_get_type ())
#define RESFRI_TYPE_ATTENDEE (resfri_attendee_get_type ())

G_DECLARE_FINAL_TYPE (ResfriOccurrence, resfri_occurrence, RESFRI, OCCURRENCE, GObject)

/* One attendee of a meeting, with the home site from the people register
 * (NULL fields for people who are not in it). */
typedef struct
{
  char *email;
  char *name;        /* the register's name, else the CN, else NULL */
  char *partstat;    /* "ACCEPTED", "NEEDS-ACTION", …; NULL when absent */
  char *role;        /* "REQ-PARTICIPANT", …; NULL when absent */
  char *site_code;
  char *site_name;
  char *unit;        /* the unit's path */
} ResfriAttendee;

GType             resfri_attendee_get_type             (void) G_GNUC_CONST;
ResfriAttendee   *resfri_attendee_copy                 (const ResfriAttendee *attendee);
void              resfri_attendee_free                 (ResfriAttendee       *attendee);

gint64            resfri_occurrence_get_id             (ResfriOccurrence *self);
gint64            resfri_occurrence_get_meeting_id     (ResfriOccurrence *self);
const char       *resfri_occurrence_get_uid            (ResfriOccurrence *self);
const char       *resfri_occurrence_get_recurrence_id  (ResfriOccurrence *self);
gint64            resfri_occurrence_get_start          (ResfriOccurrence *self);
gint64            resfri_occurrence_get_end            (ResfriOccurrence *self);
gboolean          resfri_occurrence_get_all_day        (ResfriOccurrence *self);
const char       *resfri_occurrence_get_summary        (ResfriOccurrence *self);
const char       *resfri_occurrence_get_location       (ResfriOccurrence *self);
const char       *resfri_occurrence_get_organizer      (ResfriOccurrence *self);
const char       *resfri_occurrence_get_organizer_name (ResfriOccurrence *self);
const char       *resfri_occurrence_get_online_url     (ResfriOccurrence *self);
const char       *resfri_occurrence_get_status         (ResfriOccurrence *self);
guint             resfri_occurrence_get_n_attendees    (ResfriOccurrence *self);
gboolean          resfri_occurrence_matches            (ResfriOccurrence *self,
                                                        const char       *folded_text);

GPtrArray        *resfri_occurrence_load_attendees     (ResfriOccurrence *self,
                                                        ResfriStore      *store,
                                                        GError          **error);

/* For resfri-occurrence-list.c. */
ResfriOccurrence *_resfri_occurrence_new               (gint64            id,
                                                        gint64            meeting_id,
                                                        const char       *uid,
                                                        const char       *recurrence_id,
                                                        gint64            start,
                                                        gint64            end,
                                                        gboolean          all_day,
                                                        const char       *summary,
                                                        const char       *location,
                                                        const char       *organizer,
                                                        const char       *organizer_name,
                                                        const char       *online_url,
                                                        const char       *status,
                                                        guint             n_attendees);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ResfriAttendee, resfri_attendee_free)

G_END_DECLS

/* resfri-calendar-private.h
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the rest of the core reads of the calendar's tables (meetings,
 * occurrences, attendees, timezones): the reads are in
 * resfri-occurrence-list.c and, for a meeting's row and attendees,
 * resfri-meeting-reads.c, so that no other folder holds their SQL. Not for
 * the CLI or the UI.
 */

#pragma once

#include <gio/gio.h>
#include <sqlite3.h>

#include "resfri-store.h"

G_BEGIN_DECLS

/* Resets @stmt; FALSE with @error (prefixed with @what) unless @rc, its
 * last step's result, is SQLITE_DONE. */
gboolean _resfri_calendar_finish_query (ResfriStore   *store,
                                        sqlite3_stmt  *stmt,
                                        int            rc,
                                        const char    *what,
                                        GError       **error);

/* One row of the occurrences table; the strings are valid during a call. */
typedef struct
{
  gint64      id;
  gint64      meeting_id;
  const char *uid;
  const char *recurrence_id;   /* "" for a non-recurring event */
  gint64      start;
  gint64      end;
} ResfriStoredOccurrence;

/* Return FALSE to stop, with @error set when something failed. */
typedef gboolean (*ResfriStoredOccurrenceFunc) (const ResfriStoredOccurrence  *occurrence,
                                                gpointer                       user_data,
                                                GError                       **error);

/* One row of the meetings table (a master, a single event or an override);
 * the strings are valid during a call. */
typedef struct
{
  gint64      id;
  const char *recurrence_id;   /* "" for the master or a single event */
  const char *ical;            /* the VEVENT's text */
  const char *online_url;
} ResfriStoredMeeting;

typedef void     (*ResfriStoredMeetingFunc)    (const ResfriStoredMeeting     *meeting,
                                                gpointer                       user_data);

/* An attendee row as the policy check reads it; valid during a call. */
typedef gboolean (*ResfriStoredAttendeeFunc)   (const char                    *email,
                                                const char                    *cutype,
                                                const char                    *partstat,
                                                gpointer                       user_data,
                                                GError                       **error);

/* The attendees (ResfriAttendee) of meeting row @meeting_id, by name, with
 * their home site and unit from the people register (for
 * resfri_occurrence_load_attendees()). */
GPtrArray *_resfri_calendar_read_attendees     (ResfriStore                 *store,
                                                gint64                       meeting_id,
                                                GError                     **error);

/* The policy check */

/* How _resfri_calendar_foreach_occurrence() finds the meeting row in
 * force for an occurrence: its own row, but a RANGE=THISANDFUTURE
 * override's for an instance of a series' master at or after it. */
typedef enum
{
  _RESFRI_IN_FORCE_ASK,      /* asks once whether any override is stored (a
                              * scan of the meetings), then looks up each row */
  _RESFRI_IN_FORCE_LOOKUP,   /* looks up each row (a short window) */
  _RESFRI_IN_FORCE_OWN,      /* the caller knows no override is stored */
} ResfriInForce;

/* Every non-cancelled occurrence whose interval intersects [from, to) (a
 * zero-length one when from <= start < to; from = to = 0: every one), by
 * start, uid and recurrence id, streamed from one query, with the id of
 * the meeting row in force for it, found as @in_force says. @uid: only
 * the occurrences of that UID (with a window). @func may read the store
 * but not call this again. Checks @cancellable every 1024 rows. */
gboolean   _resfri_calendar_foreach_occurrence (ResfriStore                 *store,
                                                gint64                       from,
                                                gint64                       to,
                                                const char                  *uid,
                                                ResfriInForce                in_force,
                                                ResfriStoredOccurrenceFunc   func,
                                                gpointer                     user_data,
                                                GCancellable                *cancellable,
                                                GError                     **error);
/* The organizer, summary, location and online link of meeting row
 * @meeting_id (each NULL when SQL NULL; all NULL without such a row). */
gboolean   _resfri_calendar_read_meeting       (ResfriStore                 *store,
                                                gint64                       meeting_id,
                                                char                       **organizer,
                                                char                       **summary,
                                                char                       **location,
                                                char                       **online_url,
                                                GError                     **error);
/* The attendee rows of meeting row @meeting_id, in the table's order. */
gboolean   _resfri_calendar_foreach_attendee   (ResfriStore                 *store,
                                                gint64                       meeting_id,
                                                ResfriStoredAttendeeFunc     func,
                                                gpointer                     user_data,
                                                GError                     **error);

/* A meeting row as the policy check reads it; valid during a call. */
typedef gboolean (*ResfriStoredMeetingRowFunc) (gint64                         meeting_id,
                                                const char                    *organizer,
                                                const char                    *summary,
                                                const char                    *location,
                                                const char                    *online_url,
                                                gboolean                       this_and_future,
                                                gpointer                       user_data,
                                                GError                       **error);

/* Every meeting row whose id is in [@first_id, @last_id], by id, each
 * followed by its attendee rows in the table's order (as
 * _resfri_calendar_read_meeting() and _resfri_calendar_foreach_attendee()
 * give them), from two scans read in step: what a check of many
 * occurrences reads instead of two lookups per meeting, in two ranges at
 * once (resfri-policy-meetings.c)... Checks @cancellable every 1024
 * meetings. */
gboolean   _resfri_calendar_foreach_meeting_range (ResfriStore                *store,
                                                   gint64                      first_id,
                                                   gint64                      last_id,
                                                   ResfriStoredMeetingRowFunc  meeting_func,
                                                   ResfriStoredAttendeeFunc    attendee_func,
                                                   gpointer                    user_data,
                                                   GCancellable               *cancellable,
                                                   GError                    **error);
/* ...and the lowest and highest meeting row id (1 and 0 without any). */
gboolean   _resfri_calendar_meeting_id_bounds     (ResfriStore                *store,
                                                   gint64                     *first_id,
                                                   gint64                     *last_id,
                                                   GError                    **error);

/* The follow-up: whether an occurrence that is not cancelled starts in
 * [from, to). */
gboolean   _resfri_calendar_has_occurrences    (ResfriStore                 *store,
                                                gint64                       from,
                                                gint64                       to,
                                                gboolean                    *any,
                                                GError                     **error);

/* Edits of stored meetings (resfri-meeting-edit.c) */

/* The stored VEVENT text of @uid + @recurrence_id: TRUE with *ical NULL
 * when none is stored. */
gboolean   _resfri_calendar_dup_meeting_ical   (ResfriStore                 *store,
                                                const char                  *uid,
                                                const char                  *recurrence_id,
                                                char                       **ical,
                                                GError                     **error);
/* The id of the meeting row of @uid + @recurrence_id (NULL as ""), the
 * meeting's id in the audit log (its UID may hold an address); 0 when none
 * is stored, -1 with @error. */
gint64     _resfri_calendar_meeting_row_id     (ResfriStore                 *store,
                                                const char                  *uid,
                                                const char                  *recurrence_id,
                                                GError                     **error);
/* The recurrence ids of the meeting rows of @uid, sorted; an empty array
 * when there is none. */
GPtrArray *_resfri_calendar_list_recurrence_ids (ResfriStore                *store,
                                                const char                  *uid,
                                                GError                     **error);
/* The times of the occurrence @uid + @recurrence_id when it is stored and
 * not cancelled: TRUE with @found set (FALSE when it is not). */
gboolean   _resfri_calendar_lookup_occurrence  (ResfriStore                 *store,
                                                const char                  *uid,
                                                const char                  *recurrence_id,
                                                gboolean                    *found,
                                                gint64                      *start,
                                                gint64                      *end,
                                                GError                     **error);

/* Export (resfri-export.c) */

/* The uids of the meetings with an occurrence that intersects [from, to)
 * (see resfri_store_export_ical()), sorted; every stored meeting's for
 * G_MININT64, G_MAXINT64. */
GPtrArray *_resfri_calendar_list_uids          (ResfriStore                 *store,
                                                gint64                       from,
                                                gint64                       to,
                                                GError                     **error);
/* The start of the first stored occurrence: TRUE with @any FALSE when
 * there is none. */
gboolean   _resfri_calendar_first_start        (ResfriStore                 *store,
                                                gboolean                    *any,
                                                gint64                      *start,
                                                GError                     **error);
/* Whether a meeting @uid is stored and, when it has occurrences, the start
 * of its first (@earliest untouched otherwise). */
gboolean   _resfri_calendar_lookup_uid         (ResfriStore                 *store,
                                                const char                  *uid,
                                                gboolean                    *found,
                                                gint64                      *earliest,
                                                GError                     **error);
/* The meeting rows of @uid by recurrence id. */
gboolean   _resfri_calendar_foreach_meeting    (ResfriStore                 *store,
                                                const char                  *uid,
                                                ResfriStoredMeetingFunc      func,
                                                gpointer                     user_data,
                                                GError                     **error);
/* The occurrences of meeting row @meeting_id that are not cancelled, by
 * start. */
gboolean   _resfri_calendar_foreach_instance   (ResfriStore                 *store,
                                                gint64                       meeting_id,
                                                ResfriStoredOccurrenceFunc   func,
                                                gpointer                     user_data,
                                                GError                     **error);
/* The VTIMEZONE text an imported file had for @tzid: TRUE with *ical NULL
 * when none was kept. */
gboolean   _resfri_calendar_dup_timezone       (ResfriStore                 *store,
                                                const char                  *tzid,
                                                char                       **ical,
                                                GError                     **error);

/* Retention (privacy/resfri-retention.c) */

/* Whether an occurrence ended in [@since, @cutoff), or one of a meeting
 * row above @after_id ended before @since: whether a purge may be due. */
gboolean   _resfri_calendar_has_ended          (ResfriStore                 *store,
                                                gint64                       cutoff,
                                                gint64                       since,
                                                gint64                       after_id,
                                                gboolean                    *any,
                                                GError                     **error);
/* The meeting rows (gint64 ids, ascending) whose occurrences all ended
 * before @cutoff, among those with an occurrence that ended in [@since,
 * @cutoff) and those above @after_id (G_MININT64 and 0: all). */
GArray    *_resfri_calendar_list_ended_meetings (ResfriStore                *store,
                                                gint64                       cutoff,
                                                gint64                       since,
                                                gint64                       after_id,
                                                GError                     **error);
/* What purging meeting row @meeting_id takes: its occurrences, its
 * attendee rows and the bytes of its text (component, organiser, summary,
 * link). */
gboolean   _resfri_calendar_measure_meeting    (ResfriStore                 *store,
                                                gint64                       meeting_id,
                                                gint64                      *occurrences,
                                                gint64                      *attendees,
                                                gint64                      *bytes,
                                                GError                     **error);
/* The highest meeting row id, 0 without meetings; -1 with @error. */
gint64     _resfri_calendar_last_meeting_id    (ResfriStore                 *store,
                                                GError                     **error);
/* resfri-importer-store.c: meeting row @meeting_id loses its attendee
 * rows, organiser, summary, online link and component text (kept as "");
 * its occurrences stay. */
gboolean   _resfri_calendar_purge_meeting      (ResfriStore                 *store,
                                                gint64                       meeting_id,
                                                GError                     **error);
/* Access (spec/privacy.md): every meeting @email organises or attends,
 * with its first start and last end (0 without occurrences), by start. */
typedef void (*ResfriPersonMeetingFunc) (const char *uid,
                                         const char *recurrence_id,
                                         const char *summary,
                                         gboolean    organiser,
                                         gint64      first_start,
                                         gint64      last_end,
                                         guint       n_occurrences,
                                         gpointer    user_data);

gboolean _resfri_calendar_read_person_meetings (ResfriStore              *store,
                                                const char               *email,
                                                ResfriPersonMeetingFunc   func,
                                                gpointer                  user_data,
                                                GError                  **error);

G_END_DECLS

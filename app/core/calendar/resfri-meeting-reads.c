/* resfri-meeting-reads.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The reads of a meeting's own row and of its attendees that the rest of
 * the core makes (resfri-calendar-private.h): one meeting or attendee list
 * at a time for the detail and the exemption, and every meeting row with
 * its attendees in order of id, whole or in a range of ids, for the policy
 * check (which reads two ranges at once on two connections). The other
 * reads of the calendar's tables are in resfri-occurrence-list.c.
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "resfri-calendar-private.h"
#include "resfri-occurrence.h"
#include "resfri-store-private.h"

static char *
dup_nonempty_column (sqlite3_stmt *stmt,
                     int           column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);

  return text != NULL && text[0] != '\0' ? g_strdup (text) : NULL;
}

GPtrArray *
_resfri_calendar_read_attendees (ResfriStore  *store,
                                 gint64        meeting_id,
                                 GError      **error)
{
  g_autoptr(GPtrArray) attendees = NULL;
  sqlite3_stmt *stmt;
  int rc;

  stmt = _resfri_store_prepare (store,
                                "SELECT a.email, coalesce (p.name, a.name), a.partstat, a.role,"
                                "  s.code, s.name, u.path"
                                " FROM attendees a"
                                " LEFT JOIN people p ON p.email = a.email"
                                " LEFT JOIN sites s ON s.id = p.site_id"
                                " LEFT JOIN units u ON u.id = p.unit_id"
                                " WHERE a.meeting_id = ?1 AND " RESFRI_ATTENDEE_IS_PERSON
                                " ORDER BY coalesce (p.name, a.name, a.email) COLLATE NOCASE,"
                                "  a.email",
                                error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, meeting_id);

  attendees = g_ptr_array_new_with_free_func ((GDestroyNotify)resfri_attendee_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ResfriAttendee *attendee = g_new0 (ResfriAttendee, 1);

      attendee->email = dup_nonempty_column (stmt, 0);
      attendee->name = dup_nonempty_column (stmt, 1);
      attendee->partstat = dup_nonempty_column (stmt, 2);
      attendee->role = dup_nonempty_column (stmt, 3);
      attendee->site_code = dup_nonempty_column (stmt, 4);
      attendee->site_name = dup_nonempty_column (stmt, 5);
      attendee->unit = dup_nonempty_column (stmt, 6);
      g_ptr_array_add (attendees, attendee);
    }
  if (!_resfri_calendar_finish_query (store, stmt, rc, _("Cannot read the attendees"), error))
    return NULL;

  return g_steal_pointer (&attendees);
}

gboolean
_resfri_calendar_read_meeting (ResfriStore  *store,
                               gint64        meeting_id,
                               char        **organizer,
                               char        **summary,
                               char        **location,
                               char        **online_url,
                               GError      **error)
{
  sqlite3_stmt *stmt;
  int rc;

  *organizer = *summary = *location = *online_url = NULL;
  stmt = _resfri_store_prepare (store,
                                "SELECT organizer, summary, location, online_url FROM meetings"
                                " WHERE id = ?1",
                                error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, meeting_id);
  if ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      *organizer = _resfri_store_dup_column (stmt, 0);
      *summary = _resfri_store_dup_column (stmt, 1);
      *location = _resfri_store_dup_column (stmt, 2);
      *online_url = _resfri_store_dup_column (stmt, 3);
      rc = SQLITE_DONE;
    }

  return _resfri_calendar_finish_query (store, stmt, rc, _("Cannot read the meetings"), error);
}

gboolean
_resfri_calendar_foreach_attendee (ResfriStore               *store,
                                   gint64                     meeting_id,
                                   ResfriStoredAttendeeFunc   func,
                                   gpointer                   user_data,
                                   GError                   **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = _resfri_store_prepare (store,
                                "SELECT email, cutype, partstat FROM attendees WHERE meeting_id = ?1",
                                error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, meeting_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    if (!func ((const char *) sqlite3_column_text (stmt, 0),
               (const char *) sqlite3_column_text (stmt, 1),
               (const char *) sqlite3_column_text (stmt, 2),
               user_data, error))
      {
        sqlite3_reset (stmt);
        return FALSE;
      }

  return _resfri_calendar_finish_query (store, stmt, rc, _("Cannot read the attendees"), error);
}

gboolean
_resfri_calendar_meeting_id_bounds (ResfriStore  *store,
                                    gint64       *first_id,
                                    gint64       *last_id,
                                    GError      **error)
{
  sqlite3_stmt *stmt;
  int rc;

  *first_id = 1;
  *last_id = 0;
  if (!(stmt = _resfri_store_prepare (store, "SELECT min(id), max(id) FROM meetings", error)))
    return FALSE;
  if ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      if (sqlite3_column_type (stmt, 0) != SQLITE_NULL)
        {
          *first_id = sqlite3_column_int64 (stmt, 0);
          *last_id = sqlite3_column_int64 (stmt, 1);
        }
      rc = SQLITE_DONE;
    }

  return _resfri_calendar_finish_query (store, stmt, rc, _("Cannot read the meetings"), error);
}

gboolean
_resfri_calendar_foreach_meeting_range (ResfriStore                *store,
                                        gint64                      first_id,
                                        gint64                      last_id,
                                        ResfriStoredMeetingRowFunc  meeting_func,
                                        ResfriStoredAttendeeFunc    attendee_func,
                                        gpointer                    user_data,
                                        GCancellable               *cancellable,
                                        GError                    **error)
{
  sqlite3_stmt *meetings;
  sqlite3_stmt *attendees;
  gboolean ok = FALSE;
  guint count = 0;
  int rc;
  int arc;

  meetings = _resfri_store_prepare (store,
                                    "SELECT id, organizer, summary, location, online_url,"
                                    "  this_and_future"
                                    " FROM meetings WHERE id BETWEEN ?1 AND ?2 ORDER BY id",
                                    error);
  if (meetings == NULL)
    return FALSE;
  /* The primary key's order: by meeting, then as one meeting's rows. */
  attendees = _resfri_store_prepare (store,
                                     "SELECT meeting_id, email, cutype, partstat FROM attendees"
                                     " WHERE meeting_id BETWEEN ?1 AND ?2"
                                     " ORDER BY meeting_id, email",
                                     error);
  if (attendees == NULL)
    return FALSE;
  sqlite3_bind_int64 (meetings, 1, first_id);
  sqlite3_bind_int64 (meetings, 2, last_id);
  sqlite3_bind_int64 (attendees, 1, first_id);
  sqlite3_bind_int64 (attendees, 2, last_id);

  arc = sqlite3_step (attendees);
  while ((rc = sqlite3_step (meetings)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (meetings, 0);

      if ((++count & 0x3ff) == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        goto out;
      if (!meeting_func (id,
                         (const char *) sqlite3_column_text (meetings, 1),
                         (const char *) sqlite3_column_text (meetings, 2),
                         (const char *) sqlite3_column_text (meetings, 3),
                         (const char *) sqlite3_column_text (meetings, 4),
                         sqlite3_column_int (meetings, 5) != 0,
                         user_data, error))
        goto out;
      while (arc == SQLITE_ROW && sqlite3_column_int64 (attendees, 0) < id)
        arc = sqlite3_step (attendees);
      for (; arc == SQLITE_ROW && sqlite3_column_int64 (attendees, 0) == id;
           arc = sqlite3_step (attendees))
        if (!attendee_func ((const char *) sqlite3_column_text (attendees, 1),
                            (const char *) sqlite3_column_text (attendees, 2),
                            (const char *) sqlite3_column_text (attendees, 3),
                            user_data, error))
          goto out;
      if (arc != SQLITE_ROW && arc != SQLITE_DONE)
        break;
    }

  if (arc != SQLITE_ROW && arc != SQLITE_DONE)
    {
      _resfri_store_set_error (store, error, _("Cannot read the attendees"));
      goto out;
    }
  ok = _resfri_calendar_finish_query (store, meetings, rc, _("Cannot read the meetings"), error);
  meetings = NULL;

out:
  if (meetings != NULL)
    sqlite3_reset (meetings);
  sqlite3_reset (attendees);
  return ok;
}

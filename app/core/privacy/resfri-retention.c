/* resfri-retention.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Retention (spec/privacy.md "Retention"); owns the tables
 * retained_meetings, retained_attendees and retention_state.
 *
 * The unit is the meeting row: a meeting is purged once all of its
 * occurrences ended before the cut-off (retention_months before today, at
 * the start of the UTC day). The policy check resolves a meeting once for
 * all its occurrences (organiser's unit, mode, venue, travel, km, trips);
 * those facts are kept in retained_meetings, with the internal attendees
 * as counts per unit in retained_attendees, and the meeting row loses its
 * attendee rows, organiser, summary, online link and component text. Its
 * occurrences stay (times, uid and recurrence id, which the exemptions and
 * bookings name), so the check gives each the same verdict and figures as
 * before, and every follow-up of the period stays the same.
 *
 * A series whose master still has recent occurrences keeps its data whole
 * until its last occurrence is old: the attendees and text of its old
 * occurrences are the same rows as those of its recent ones, which the
 * policy check and the bookings still need. An override (its own meeting
 * row) is purged on its own. A meeting imported again (a sync, an import)
 * is a new row with its data, and is purged again when due.
 *
 * retention_state keeps the last purge's cut-off and highest meeting id:
 * a purge is due on open only when an occurrence ended between that
 * cut-off and today's, or a newer meeting row ended before today's, which
 * is one query of two index ranges; then only those meetings are looked
 * at. `purge` looks at every meeting.
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "resfri-audit-private.h"
#include "resfri-calendar-private.h"
#include "resfri-policy-settings.h"
#include "resfri-retention-private.h"
#include "resfri-store-private.h"

#define STATE_NONE_UNTIL G_MININT64

gint64
resfri_retention_cutoff (gint64 now,
                         int    months)
{
  g_autoptr(GDateTime) at = g_date_time_new_from_unix_utc (now);
  g_autoptr(GDateTime) day = NULL;
  g_autoptr(GDateTime) back = NULL;

  g_return_val_if_fail (at != NULL, 0);

  day = g_date_time_new_utc (g_date_time_get_year (at), g_date_time_get_month (at),
                             g_date_time_get_day_of_month (at), 0, 0, 0);
  back = g_date_time_add_months (day, -MAX (months, 1));

  return g_date_time_to_unix (back);
}

static gboolean
read_state (ResfriStore  *store,
            gint64       *purged_until,
            gint64       *last_meeting_id,
            GError      **error)
{
  sqlite3_stmt *stmt;
  int rc;

  *purged_until = STATE_NONE_UNTIL;
  *last_meeting_id = 0;
  stmt = _resfri_store_prepare (store,
                                "SELECT purged_until, last_meeting_id FROM retention_state"
                                " WHERE id = 1",
                                error);
  if (stmt == NULL)
    return FALSE;
  if ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      *purged_until = sqlite3_column_int64 (stmt, 0);
      *last_meeting_id = sqlite3_column_int64 (stmt, 1);
      rc = SQLITE_DONE;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _resfri_store_set_error (store, error, _("Cannot read the retention state"));
      return FALSE;
    }

  return TRUE;
}

static gboolean
write_state (ResfriStore  *store,
             gint64        purged_until,
             gint64        last_meeting_id,
             GError      **error)
{
  sqlite3_stmt *stmt;

  stmt = _resfri_store_prepare (store,
                                "INSERT OR REPLACE INTO retention_state"
                                " (id, purged_until, last_meeting_id) VALUES (1, ?1, ?2)",
                                error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, purged_until);
  sqlite3_bind_int64 (stmt, 2, last_meeting_id);

  return _resfri_store_step_done (store, stmt, _("Cannot store the retention state"), error);
}

static gboolean
is_retained (ResfriStore  *store,
             gint64        meeting_id,
             gboolean     *retained,
             GError      **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = _resfri_store_prepare (store,
                                "SELECT 1 FROM retained_meetings WHERE meeting_id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, meeting_id);
  rc = sqlite3_step (stmt);
  *retained = rc == SQLITE_ROW;
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      _resfri_store_set_error (store, error, _("Cannot read the retention state"));
      return FALSE;
    }

  return TRUE;
}

typedef struct
{
  ResfriStore *store;
  GError      *error;
} Keep;

static gboolean
insert_unit_count (ResfriStore  *store,
                   gint64        meeting_id,
                   gint64        unit_id,
                   guint         count,
                   GError      **error)
{
  sqlite3_stmt *stmt;

  stmt = _resfri_store_prepare (store,
                                "INSERT INTO retained_attendees (meeting_id, unit_id, attendees)"
                                " VALUES (?1, ?2, ?3)",
                                error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, meeting_id);
  sqlite3_bind_int64 (stmt, 2, unit_id);
  sqlite3_bind_int64 (stmt, 3, count);

  return _resfri_store_step_done (store, stmt, _("Cannot store the retained facts"), error);
}

/* The facts of one resolved meeting, then its personal data gone. */
static void
keep_meeting (gint64                          meeting_id,
              const ResfriResolvedOccurrence *facts,
              gpointer                        user_data)
{
  Keep *keep = user_data;
  g_autoptr(GHashTable) units = NULL;
  GHashTableIter iter;
  gpointer key, value;
  sqlite3_stmt *stmt;

  if (keep->error != NULL)
    return;

  stmt = _resfri_store_prepare (keep->store,
                                "INSERT INTO retained_meetings (meeting_id, organizer_unit_id,"
                                " mode, venue_site_id, venue_room_id, venue_room_vc, has_travel,"
                                " travel_km, avoided_km, trips_short, trips_long, unregistered)"
                                " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
                                &keep->error);
  if (stmt == NULL)
    return;
  sqlite3_bind_int64 (stmt, 1, meeting_id);
  sqlite3_bind_int64 (stmt, 2, facts->organizer_unit_id);
  sqlite3_bind_int (stmt, 3, facts->mode);
  sqlite3_bind_int64 (stmt, 4, facts->venue_site_id);
  sqlite3_bind_int64 (stmt, 5, facts->venue_room_id);
  sqlite3_bind_int (stmt, 6, facts->venue_room_vc ? 1 : 0);
  sqlite3_bind_int (stmt, 7, facts->verdict == RESFRI_VERDICT_NON_COMPLIANT ? 1 : 0);
  sqlite3_bind_double (stmt, 8, facts->travel_km);
  sqlite3_bind_double (stmt, 9, facts->avoided_km);
  sqlite3_bind_int64 (stmt, 10, facts->trips_short);
  sqlite3_bind_int64 (stmt, 11, facts->trips_long);
  /* The follow-up counts a meeting none of whose people is registered;
   * a purged meeting has no organiser or attendees left, so only such a
   * meeting keeps its count. */
  sqlite3_bind_int64 (stmt, 12, facts->organizer_id == 0 && facts->n_attendees == 0
                                ? facts->n_unregistered : 0);
  if (!_resfri_store_step_done (keep->store, stmt, _("Cannot store the retained facts"),
                                &keep->error))
    return;

  units = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  for (guint i = 0; i < facts->n_attendees; i++)
    {
      gint64 unit_id = facts->attendees[i].unit_id;
      guint count = GPOINTER_TO_UINT (g_hash_table_lookup (units, &unit_id));

      g_hash_table_replace (units, g_memdup2 (&unit_id, sizeof unit_id),
                            GUINT_TO_POINTER (count + 1));
    }
  g_hash_table_iter_init (&iter, units);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (!insert_unit_count (keep->store, meeting_id, *(gint64 *) key,
                            GPOINTER_TO_UINT (value), &keep->error))
      return;

  _resfri_calendar_purge_meeting (keep->store, meeting_id, &keep->error);
}

static gboolean
record_purge (ResfriStore                  *store,
              const ResfriRetentionSummary *summary,
              GError                      **error)
{
  g_autoptr(GDateTime) cutoff = g_date_time_new_from_unix_utc (summary->cutoff);
  g_autofree char *day = g_date_time_format (cutoff, "%Y-%m-%d");
  g_autofree char *detail = g_strdup_printf ("meetings=%" G_GINT64_FORMAT
                                             " occurrences=%" G_GINT64_FORMAT
                                             " attendees=%" G_GINT64_FORMAT
                                             " bytes=%" G_GINT64_FORMAT,
                                             summary->meetings, summary->occurrences,
                                             summary->attendees, summary->bytes);

  return _resfri_audit_record (store, "purge", "retention", day, detail, error);
}

/* The purge; @since and @after_id narrow the meetings looked at (see
 * _resfri_calendar_list_ended_meetings()). Inside a transaction unless
 * @dry_run. */
static gboolean
purge_in (ResfriStore             *store,
          gint64                   cutoff,
          gint64                   since,
          gint64                   after_id,
          gint64                   purged_until,
          gint64                   state_last_id,
          gboolean                 dry_run,
          ResfriRetentionSummary  *summary,
          GError                 **error)
{
  g_autoptr(GArray) ended = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 last_id;
  Keep keep = { store, NULL };

  if (!(ended = _resfri_calendar_list_ended_meetings (store, cutoff, since, after_id, error)))
    return FALSE;
  for (guint i = 0; i < ended->len; i++)
    {
      gint64 id = g_array_index (ended, gint64, i);
      gint64 occurrences, attendees, bytes;
      gboolean retained;

      if (!is_retained (store, id, &retained, error))
        return FALSE;
      if (retained)
        continue;
      if (!_resfri_calendar_measure_meeting (store, id, &occurrences, &attendees, &bytes, error))
        return FALSE;
      g_array_append_val (ids, id);
      summary->meetings++;
      summary->occurrences += occurrences;
      summary->attendees += attendees;
      summary->bytes += bytes;
    }
  if (dry_run)
    return TRUE;

  if (ids->len > 0)
    {
      if (!_resfri_policy_resolve_meetings (store, ids, keep_meeting, &keep, error))
        return FALSE;
      if (keep.error != NULL)
        {
          g_propagate_error (error, keep.error);
          return FALSE;
        }
      if (!record_purge (store, summary, error))
        return FALSE;
    }

  if ((last_id = _resfri_calendar_last_meeting_id (store, error)) < 0)
    return FALSE;
  /* Nothing written when nothing changes. */
  if (ids->len == 0 && purged_until >= cutoff && last_id <= state_last_id)
    return TRUE;

  return write_state (store, MAX (purged_until, cutoff), MAX (last_id, state_last_id), error);
}

static gboolean
purge (ResfriStore             *store,
       gint64                   now,
       gboolean                 dry_run,
       gboolean                 only_due,
       ResfriRetentionSummary  *summary,
       GError                 **error)
{
  g_autoptr(ResfriPolicy) policy = NULL;
  gint64 purged_until, last_id, cutoff, secure;
  gboolean due = TRUE;
  gboolean ok = TRUE;

  g_return_val_if_fail (RESFRI_IS_STORE (store), FALSE);
  g_return_val_if_fail (summary != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  memset (summary, 0, sizeof *summary);
  if (now == 0)
    now = g_get_real_time () / G_USEC_PER_SEC;
  if (!(policy = resfri_policy_load (store, error)))
    return FALSE;
  summary->cutoff = cutoff = resfri_retention_cutoff (now, policy->retention_months);

  if (!read_state (store, &purged_until, &last_id, error))
    return FALSE;
  if (only_due &&
      !_resfri_calendar_has_ended (store, cutoff, purged_until, last_id, &due, error))
    return FALSE;
  if (!due)
    return TRUE;

  if (dry_run)
    return purge_in (store, cutoff, only_due ? purged_until : STATE_NONE_UNTIL,
                     only_due ? last_id : 0, purged_until, last_id, TRUE, summary, error);

  /* What is deleted is overwritten, not only unlinked; then a checkpoint
   * empties the WAL of the pages as they were. */
  if ((secure = _resfri_store_query_int (store, "PRAGMA secure_delete", error)) < 0 ||
      !_resfri_store_exec (store, "PRAGMA secure_delete = ON", error))
    return FALSE;
  if (!_resfri_store_begin (store, error))
    ok = FALSE;
  else if (!purge_in (store, cutoff, only_due ? purged_until : STATE_NONE_UNTIL,
                      only_due ? last_id : 0, purged_until, last_id, FALSE, summary, error) ||
           !_resfri_store_commit (store, error))
    {
      _resfri_store_rollback (store);
      memset (summary, 0, sizeof *summary);
      ok = FALSE;
    }
  if (secure == 0)
    _resfri_store_exec (store, "PRAGMA secure_delete = OFF", NULL);
  /* A reader may keep the checkpoint from finishing: no error then, the
   * next one finishes it. */
  if (ok && summary->meetings > 0)
    _resfri_store_exec (store, "PRAGMA wal_checkpoint (TRUNCATE)", NULL);

  return ok;
}

gboolean
resfri_retention_purge (ResfriStore             *store,
                        gint64                   now,
                        gboolean                 dry_run,
                        ResfriRetentionSummary  *summary,
                        GError                 **error)
{
  return purge (store, now, dry_run, FALSE, summary, error);
}

gboolean
resfri_retention_purge_due (ResfriStore             *store,
                            gint64                   now,
                            ResfriRetentionSummary  *summary,
                            GError                 **error)
{
  ResfriRetentionSummary ignored;

  return purge (store, now, FALSE, TRUE, summary != NULL ? summary : &ignored, error);
}

gboolean
_resfri_retention_foreach_retained (ResfriStore              *store,
                                    gint64                    from,
                                    ResfriPolicyMeetingFunc   func,
                                    gpointer                  user_data,
                                    GError                  **error)
{
  gint64 purged_until, last_id;
  sqlite3_stmt *stmt;
  int rc;

  if (!read_state (store, &purged_until, &last_id, error))
    return FALSE;
  if (purged_until == STATE_NONE_UNTIL || (from != G_MININT64 && from >= purged_until))
    return TRUE;

  stmt = _resfri_store_prepare (store,
                                "SELECT meeting_id, organizer_unit_id, mode, venue_site_id,"
                                " venue_room_id, venue_room_vc, has_travel, travel_km,"
                                " avoided_km, trips_short, trips_long, unregistered"
                                " FROM retained_meetings",
                                error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ResfriResolvedOccurrence facts = { 0, };
      gboolean in_person;

      facts.organizer_unit_id = sqlite3_column_int64 (stmt, 1);
      facts.mode = sqlite3_column_int (stmt, 2);
      facts.venue_site_id = sqlite3_column_int64 (stmt, 3);
      facts.venue_room_id = sqlite3_column_int64 (stmt, 4);
      facts.venue_room_vc = sqlite3_column_int (stmt, 5) != 0;
      in_person = facts.mode == RESFRI_MODE_IN_PERSON;
      facts.verdict = (in_person && sqlite3_column_int (stmt, 6) != 0)
                      ? RESFRI_VERDICT_NON_COMPLIANT : RESFRI_VERDICT_LOCAL;
      facts.travel_km = sqlite3_column_double (stmt, 7);
      facts.avoided_km = sqlite3_column_double (stmt, 8);
      facts.trips_short = sqlite3_column_int64 (stmt, 9);
      facts.trips_long = sqlite3_column_int64 (stmt, 10);
      facts.n_unregistered = sqlite3_column_int64 (stmt, 11);
      func (sqlite3_column_int64 (stmt, 0), &facts, user_data);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _resfri_store_set_error (store, error, _("Cannot read the retained facts"));
      return FALSE;
    }

  return TRUE;
}

/* resfri-importer-store.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The importer's storing side, which writes the meetings, attendees,
 * occurrences and timezones rows: one VEVENT stored with its parsed
 * columns, attendees, exemption and occurrences (replacing a stored copy
 * by SEQUENCE), cancellations, replacing a meeting for the meeting
 * editor, the horizon of open-ended series moved with time.
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "resfri-calendar-private.h"
#include "resfri-email.h"
#include "resfri-exemption.h"
#include "resfri-expand.h"
#include "resfri-ical.h"
#include "resfri-ical-pseudonym.h"
#include "resfri-importer-private.h"
#include "resfri-online-link.h"
#include "resfri-store-private.h"

static void
bind_text_or_null (sqlite3_stmt *stmt,
                   int           index,
                   const char   *text)
{
  if (text != NULL && g_utf8_validate (text, -1, NULL))
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, index);
}

static const char *
get_text_property (icalcomponent     *vevent,
                   icalproperty_kind  kind)
{
  icalproperty *prop = icalcomponent_get_first_property (vevent, kind);

  if (prop == NULL)
    return NULL;

  return icalproperty_get_value_as_string (prop);
}

static const char *
get_dtstart_tzid (icalcomponent *vevent)
{
  icalproperty *prop = icalcomponent_get_first_property (vevent, ICAL_DTSTART_PROPERTY);
  icalparameter *param;

  if (prop == NULL)
    return NULL;

  param = icalproperty_get_first_parameter (prop, ICAL_TZID_PARAMETER);
  if (param != NULL)
    return icalparameter_get_tzid (param);

  if (icaltime_is_utc (icalproperty_get_dtstart (prop)))
    return "UTC";

  return NULL;
}

struct _ResfriImporterFresh
{
  GHashTable *stored;        /* "UID\x1fRECURRENCE-ID" of each meeting stored */
  gboolean    any_future;    /* a THISANDFUTURE override was stored */
};

ResfriImporterFresh *
_resfri_importer_fresh_new (ResfriStore *self)
{
  ResfriImporterFresh *fresh;

  if (_resfri_store_query_int (self, "SELECT EXISTS (SELECT 1 FROM meetings)", NULL) != 0)
    return NULL;
  fresh = g_new0 (ResfriImporterFresh, 1);
  fresh->stored = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  return fresh;
}

void
_resfri_importer_fresh_free (ResfriImporterFresh *fresh)
{
  if (fresh == NULL)
    return;
  g_hash_table_unref (fresh->stored);
  g_free (fresh);
}

static char *
fresh_key (const char *uid,
           const char *recurrence_id)
{
  return g_strconcat (uid, "\x1f", recurrence_id, NULL);
}

/* -1 when none is stored, else its id; @sequence is set. */
static gboolean
find_stored (ResfriStore  *self,
             const char   *uid,
             const char   *recurrence_id,
             gint64       *id,
             gint64       *sequence,
             gboolean     *this_and_future,
             GError      **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = _resfri_store_prepare (self,
                                "SELECT id, sequence, this_and_future FROM meetings"
                                " WHERE uid = ?1 AND recurrence_id = ?2",
                                error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, uid, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, recurrence_id, -1, SQLITE_STATIC);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *id = sqlite3_column_int64 (stmt, 0);
      *sequence = sqlite3_column_int64 (stmt, 1);
      *this_and_future = sqlite3_column_int (stmt, 2) != 0;
    }
  else if (rc == SQLITE_DONE)
    *id = -1;
  else
    {
      _resfri_store_set_error (self, error, _("Cannot look up a meeting"));
      sqlite3_reset (stmt);
      return FALSE;
    }

  sqlite3_reset (stmt);
  return TRUE;
}

static gboolean
delete_meeting (ResfriStore  *self,
                gint64        id,
                GError      **error)
{
  sqlite3_stmt *stmt;

  /* Attendees and occurrences go with it (ON DELETE CASCADE). */
  if (!(stmt = _resfri_store_prepare (self, "DELETE FROM meetings WHERE id = ?1", error)))
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, id);
  return _resfri_store_step_done (self, stmt, _("Cannot replace a meeting"), error);
}

/* A text as libical reads it, for one that has a NUL or bytes that are
 * not UTF-8: logical lines (unfolded as resfri_ical_document_parse() does)
 * cut at a NUL, as libical cuts them, and each byte that is not UTF-8
 * replaced by one '?', which libical reads the same way (a value keeps its
 * length). Lines end in CRLF. */
static char *
dup_as_read (const char *text,
             gsize       length)
{
  GString *out = g_string_sized_new (length + 64);
  g_autoptr(GString) logical = g_string_new (NULL);
  const char *p = text;
  const char *end = text + length;

  while (p <= end)
    {
      const char *eol = p;
      const char *next;

      while (eol < end && *eol != '\n' && *eol != '\r')
        eol++;
      next = eol;
      if (next < end && *next == '\r')
        next++;
      if (next < end && *next == '\n')
        next++;

      if (p < end && eol > p && (*p == ' ' || *p == '\t') && logical->len > 0)
        g_string_append_len (logical, p + 1, eol - p - 1);
      else
        {
          gsize cut = strnlen (logical->str, logical->len);

          if (cut > 0)
            {
              const char *q = logical->str;
              const char *q_end = logical->str + cut;

              while (q < q_end)
                {
                  const char *valid_end = NULL;

                  g_utf8_validate_len (q, q_end - q, &valid_end);
                  g_string_append_len (out, q, valid_end - q);
                  q = valid_end;
                  if (q < q_end)
                    {
                      g_string_append_c (out, '?');
                      q++;
                    }
                }
              g_string_append (out, "\r\n");
            }
          g_string_truncate (logical, 0);
          if (p < end)
            g_string_append_len (logical, p, eol - p);
        }

      if (p == end)
        break;
      p = next;
    }

  return g_string_free (out, FALSE);
}

/* libical's text of @comp, valid UTF-8, or NULL. */
static char *
dup_rendering (icalcomponent *comp)
{
  char *rendered = icalcomponent_as_ical_string_r (comp);
  char *text;

  if (rendered == NULL)
    return NULL;

  text = g_utf8_make_valid (rendered, -1);
  icalmemory_free_buffer (rendered);
  return text;
}

static gboolean
insert_meeting (ResfriStore    *self,
                icalcomponent  *vevent,
                const char     *original,
                gsize           original_length,
                gboolean        original_checked,
                const ResfriImporterAttendees *prepared,
                const char     *uid,
                const char     *recurrence_id,
                const char     *source,
                gint64          now,
                gint64         *id,
                GError        **error)
{
  sqlite3_stmt *stmt;
  g_autofree char *own_organizer = NULL;
  g_autofree char *own_online_url = NULL;
  const char *organizer_email;
  const char *online_url;
  char *ical = NULL;

  stmt = _resfri_store_prepare (self,
                                "INSERT INTO meetings (uid, recurrence_id, sequence, status, summary,"
                                "  location, organizer, online_url, tzid, source, ical, updated_at,"
                                "  this_and_future)"
                                " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
                                error);
  if (stmt == NULL)
    return FALSE;

  /* Worked out on a parse thread for a large import, else here. */
  if (!_resfri_importer_attendees_peek_links (prepared, &organizer_email, &online_url))
    {
      icalproperty *organizer = icalcomponent_get_first_property (vevent, ICAL_ORGANIZER_PROPERTY);
      g_auto(GStrv) extra_hosts = _resfri_policy_dup_extra_meeting_hosts (self);

      if (organizer != NULL)
        own_organizer = resfri_email_normalize (icalproperty_get_organizer (organizer));
      own_online_url = resfri_online_link_dup_url (vevent, (const char * const *) extra_hosts);
      organizer_email = own_organizer;
      online_url = own_online_url;
    }

  sqlite3_bind_text (stmt, 1, uid, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, recurrence_id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, icalcomponent_get_sequence (vevent));
  bind_text_or_null (stmt, 4, get_text_property (vevent, ICAL_STATUS_PROPERTY));
  bind_text_or_null (stmt, 5, icalcomponent_get_summary (vevent));
  bind_text_or_null (stmt, 6, icalcomponent_get_location (vevent));
  bind_text_or_null (stmt, 7, organizer_email);
  bind_text_or_null (stmt, 8, online_url);
  bind_text_or_null (stmt, 9, get_dtstart_tzid (vevent));
  bind_text_or_null (stmt, 10, source);
  /* The text as the file had it; one with a NUL or bytes that are not
   * UTF-8 as libical read it (dup_as_read()). libical's rendering for a
   * component built in memory or changed on the way (a cancellation). */
  if (original != NULL && (original_checked ||
                           (memchr (original, '\0', original_length) == NULL &&
                            g_utf8_validate_len (original, original_length, NULL))))
    sqlite3_bind_text (stmt, 11, original, (int) original_length, SQLITE_STATIC);
  else if (original != NULL)
    sqlite3_bind_text (stmt, 11, dup_as_read (original, original_length), -1, g_free);
  else if ((ical = dup_rendering (vevent)) != NULL)
    sqlite3_bind_text (stmt, 11, ical, -1, g_free);
  else
    {
      /* Keep the row: the text is what export needs, but a component that
       * libical cannot print still has its parsed columns. */
      sqlite3_bind_text (stmt, 11, "", 0, SQLITE_STATIC);
    }
  sqlite3_bind_int64 (stmt, 12, now);
  sqlite3_bind_int (stmt, 13, resfri_expand_is_this_and_future (vevent) ? 1 : 0);

  if (!_resfri_store_step_done (self, stmt, _("Cannot store a meeting"), error))
    return FALSE;

  *id = sqlite3_last_insert_rowid (_resfri_store_get_db (self));
  return TRUE;
}

static gboolean
cancel_series (ResfriStore         *self,
               const char          *uid,
               ResfriMeetingStats  *stats,
               GError             **error)
{
  sqlite3_stmt *stmt;

  stmt = _resfri_store_prepare (self,
                                "UPDATE occurrences SET cancelled = 1"
                                " WHERE uid = ?1 AND cancelled = 0",
                                error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, uid, -1, SQLITE_STATIC);
  if (!_resfri_store_step_done (self, stmt, _("Cannot cancel a meeting"), error))
    return FALSE;

  if (stats != NULL)
    stats->cancelled += sqlite3_changes (_resfri_store_get_db (self));

  return TRUE;
}

/* The stored THISANDFUTURE overrides of @uid, parsed. */
static GPtrArray *
load_futures (ResfriStore  *self,
              const char   *uid,
              GError      **error)
{
  g_autoptr(GPtrArray) futures = g_ptr_array_new_with_free_func ((GDestroyNotify) icalcomponent_free);
  sqlite3_stmt *stmt;
  int rc;

  stmt = _resfri_store_prepare (self,
                                "SELECT ical FROM meetings"
                                " WHERE uid = ?1 AND this_and_future = 1",
                                error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, uid, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      icalcomponent *future = icalcomponent_new_from_string ((const char *) sqlite3_column_text (stmt, 0));

      if (future != NULL && icalcomponent_isa (future) == ICAL_VEVENT_COMPONENT)
        g_ptr_array_add (futures, future);
      else if (future != NULL)
        icalcomponent_free (future);
    }
  if (rc != SQLITE_DONE)
    {
      _resfri_store_set_error (self, error, _("Cannot look up a meeting"));
      sqlite3_reset (stmt);
      return NULL;
    }
  sqlite3_reset (stmt);

  return g_steal_pointer (&futures);
}

/* Expands the stored master of @uid again, after a THISANDFUTURE override
 * came or went. Its text is read back without its VCALENDAR, so a TZID
 * that only a VTIMEZONE of the imported file named falls back to the home
 * zone. */
static gboolean
rebuild_master (ResfriStore  *self,
                const char   *uid,
                gint64        now,
                GError      **error)
{
  g_autoptr(icalcomponent) master = NULL;
  g_autoptr(GPtrArray) futures = NULL;
  g_autoptr(GArray) occurrences = NULL;
  sqlite3_stmt *stmt;
  gint64 master_id = -1;

  stmt = _resfri_store_prepare (self,
                                "SELECT id, ical FROM meetings WHERE uid = ?1 AND recurrence_id = ''",
                                error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, uid, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      master_id = sqlite3_column_int64 (stmt, 0);
      master = icalcomponent_new_from_string ((const char *) sqlite3_column_text (stmt, 1));
    }
  sqlite3_reset (stmt);

  if (master == NULL || icalcomponent_isa (master) != ICAL_VEVENT_COMPONENT)
    return TRUE;

  if (!(futures = load_futures (self, uid, error)))
    return FALSE;

  occurrences = g_array_new (FALSE, FALSE, sizeof (ResfriOccurrence));
  if (!resfri_expand_vevent_full (master, G_MININT64, resfri_expand_get_horizon (master, now),
                                  RESFRI_EXPAND_NONE, futures, occurrences, error))
    return FALSE;

  stmt = _resfri_store_prepare (self, "DELETE FROM occurrences WHERE meeting_id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, master_id);
  if (!_resfri_store_step_done (self, stmt, _("Cannot replace an occurrence"), error))
    return FALSE;

  return _resfri_importer_insert_occurrences (self, master_id, uid, FALSE, occurrences, NULL,
                                              error);
}

static gboolean
put_vevent (ResfriStore         *self,
            ResfriImporterFresh *fresh,
            icalcomponent       *vevent,
            const ResfriImporterAttendees *attendees,
            const char          *original,
            gsize                original_length,
            gboolean             original_checked,
            const char          *source,
            gint64               now,
            ResfriMeetingStats  *stats,
            GError             **error)
{
  g_autoptr(GArray) occurrences = NULL;
  g_autoptr(GPtrArray) futures = NULL;
  const char *uid;
  char recurrence_id[20];
  gboolean stored_this_and_future = FALSE;
  gint64 stored_id = -1;
  gint64 stored_sequence = 0;
  gint64 meeting_id;
  gboolean is_override;

  g_return_val_if_fail (RESFRI_IS_STORE (self), FALSE);
  g_return_val_if_fail (vevent != NULL, FALSE);
  g_return_val_if_fail (_resfri_store_in_transaction (self), FALSE);

  if (icalcomponent_isa (vevent) != ICAL_VEVENT_COMPONENT)
    {
      g_set_error_literal (error, RESFRI_ERROR, RESFRI_ERROR_INVALID_ICAL,
                           _("not a VEVENT"));
      return FALSE;
    }

  uid = icalcomponent_get_uid (vevent);
  if (uid == NULL || uid[0] == '\0' || !g_utf8_validate (uid, -1, NULL))
    {
      g_set_error_literal (error, RESFRI_ERROR, RESFRI_ERROR_INVALID_ICAL,
                           _("the VEVENT has no UID"));
      return FALSE;
    }

  is_override = icalcomponent_get_first_property (vevent, ICAL_RECURRENCEID_PROPERTY) != NULL;
  resfri_expand_get_recurrence_id (vevent, recurrence_id);
  if (is_override && recurrence_id[0] == '\0')
    {
      g_set_error_literal (error, RESFRI_ERROR, RESFRI_ERROR_INVALID_ICAL,
                           _("the RECURRENCE-ID cannot be understood"));
      return FALSE;
    }

  /* A master takes the stored THISANDFUTURE overrides of its series. */
  if (!is_override && fresh != NULL && !fresh->any_future)
    futures = g_ptr_array_new ();
  else if (!is_override && !(futures = load_futures (self, uid, error)))
    return FALSE;

  /* Expand first: a VEVENT we cannot expand changes nothing. */
  occurrences = g_array_new (FALSE, FALSE, sizeof (ResfriOccurrence));
  if (!resfri_expand_vevent_full (vevent, G_MININT64, resfri_expand_get_horizon (vevent, now),
                                  RESFRI_EXPAND_NONE, futures, occurrences, error))
    return FALSE;

  if (fresh != NULL)
    {
      /* The key stays: a meeting the import stored and then undid (a
       * skipped bad event) is only looked up for nothing. */
      char *key = fresh_key (uid, recurrence_id);

      if (!g_hash_table_add (fresh->stored, key) &&
          !find_stored (self, uid, recurrence_id, &stored_id, &stored_sequence,
                        &stored_this_and_future, error))
        return FALSE;
      if (!fresh->any_future && resfri_expand_is_this_and_future (vevent))
        fresh->any_future = TRUE;
    }
  else if (!find_stored (self, uid, recurrence_id, &stored_id, &stored_sequence,
                         &stored_this_and_future, error))
    return FALSE;

  if (stored_id >= 0)
    {
      if (icalcomponent_get_sequence (vevent) < stored_sequence)
        {
          if (stats != NULL)
            stats->skipped++;
          return TRUE;
        }

      if (!delete_meeting (self, stored_id, error))
        return FALSE;
    }

  if (!insert_meeting (self, vevent, original, original_length, original_checked, attendees, uid,
                       recurrence_id, source, now,
                       &meeting_id, error) ||
      !_resfri_importer_insert_attendees (self, vevent, attendees, meeting_id, error) ||
      !_resfri_exemption_put_vevent (self, vevent, uid, recurrence_id, now, error) ||
      !_resfri_importer_insert_occurrences (self, meeting_id, uid, is_override, occurrences,
                                           stats, error))
    return FALSE;

  if (!is_override && icalcomponent_get_status (vevent) == ICAL_STATUS_CANCELLED &&
      !cancel_series (self, uid, stats, error))
    return FALSE;

  /* A THISANDFUTURE override came or went: the master's later
   * occurrences move. */
  if (is_override && (stored_this_and_future || resfri_expand_is_this_and_future (vevent)) &&
      !rebuild_master (self, uid, now, error))
    return FALSE;

  if (stats != NULL)
    stats->meetings++;

  return TRUE;
}

gboolean
_resfri_importer_put_vevent (ResfriStore         *self,
                             icalcomponent       *vevent,
                             const char          *original,
                             gsize                original_length,
                             const char          *source,
                             gint64               now,
                             ResfriMeetingStats  *stats,
                             GError             **error)
{
  return put_vevent (self, NULL, vevent, NULL, original, original_length, FALSE, source, now, stats, error);
}

gboolean
_resfri_importer_put_checked_vevent (ResfriStore         *self,
                                     ResfriImporterFresh *fresh,
                                     icalcomponent       *vevent,
                                     const ResfriImporterAttendees *attendees,
                                     const char          *original,
                                     gsize                original_length,
                                     const char          *source,
                                     gint64               now,
                                     ResfriMeetingStats  *stats,
                                     GError             **error)
{
  return put_vevent (self, fresh, vevent, attendees, original, original_length, TRUE, source, now, stats, error);
}

/* Replaces the stored meeting @uid + @recurrence_id by @text (one VEVENT,
 * stored as it is, whatever its SEQUENCE), or removes it when @text is
 * NULL (an override: the master's instance comes back). The source is the
 * stored one's. In the caller's transaction. */
gboolean
_resfri_store_replace_vevent (ResfriStore  *self,
                              const char   *uid,
                              const char   *recurrence_id,
                              const char   *text,
                              GError      **error)
{
  g_autoptr(icalcomponent) vevent = NULL;
  g_autofree char *source = NULL;
  gboolean this_and_future = FALSE;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  gint64 stored_id = -1;
  gint64 sequence = 0;
  char parsed_rid[20];
  sqlite3_stmt *stmt;

  g_return_val_if_fail (_resfri_store_in_transaction (self), FALSE);

  if (text != NULL)
    {
      vevent = icalcomponent_new_from_string (text);
      if (vevent == NULL || icalcomponent_isa (vevent) != ICAL_VEVENT_COMPONENT ||
          g_strcmp0 (icalcomponent_get_uid (vevent), uid) != 0)
        {
          g_set_error_literal (error, RESFRI_ERROR, RESFRI_ERROR_INVALID_ICAL,
                               _("not a VEVENT of this meeting"));
          return FALSE;
        }
      resfri_expand_get_recurrence_id (vevent, parsed_rid);
      if (strcmp (parsed_rid, recurrence_id) != 0)
        {
          g_set_error_literal (error, RESFRI_ERROR, RESFRI_ERROR_INVALID_ICAL,
                               _("the RECURRENCE-ID does not match"));
          return FALSE;
        }
    }

  if (!find_stored (self, uid, recurrence_id, &stored_id, &sequence, &this_and_future, error))
    return FALSE;
  if (stored_id >= 0)
    {
      if (!(stmt = _resfri_store_prepare (self, "SELECT source FROM meetings WHERE id = ?1",
                                          error)))
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, stored_id);
      if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_text (stmt, 0) != NULL)
        source = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      sqlite3_reset (stmt);
      if (!delete_meeting (self, stored_id, error))
        return FALSE;
    }

  if (text != NULL)
    return _resfri_importer_put_vevent (self, vevent, text, strlen (text), source, now, NULL, error);

  return recurrence_id[0] == '\0' || rebuild_master (self, uid, now, error);
}

gboolean
resfri_store_put_vevent_at (ResfriStore         *self,
                            icalcomponent       *vevent,
                            const char          *source,
                            gint64               now,
                            ResfriMeetingStats  *stats,
                            GError             **error)
{
  return _resfri_importer_put_vevent (self, vevent, NULL, 0, source, now, stats, error);
}

gboolean
resfri_store_put_vevent (ResfriStore         *self,
                         icalcomponent       *vevent,
                         const char          *source,
                         ResfriMeetingStats  *stats,
                         GError             **error)
{
  return resfri_store_put_vevent_at (self, vevent, source, g_get_real_time () / G_USEC_PER_SEC,
                                     stats, error);
}

/* METHOD:CANCEL of a whole meeting: the stored component, cancelled. */
gboolean
_resfri_importer_cancel_meeting (ResfriStore         *self,
                                 icalcomponent       *cancel,
                                 const char          *source,
                                 ResfriMeetingStats  *stats,
                                 GError             **error)
{
  g_autoptr(icalcomponent) stored = NULL;
  const char *uid = icalcomponent_get_uid (cancel);
  sqlite3_stmt *stmt;
  gint64 stored_sequence = 0;
  int rc;

  stmt = _resfri_store_prepare (self,
                                "SELECT ical, sequence FROM meetings"
                                " WHERE uid = ?1 AND recurrence_id = ''",
                                error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, uid, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      stored = icalcomponent_new_from_string ((const char *) sqlite3_column_text (stmt, 0));
      stored_sequence = sqlite3_column_int64 (stmt, 1);
    }
  else if (rc != SQLITE_DONE)
    {
      _resfri_store_set_error (self, error, _("Cannot look up a meeting"));
      sqlite3_reset (stmt);
      return FALSE;
    }
  sqlite3_reset (stmt);

  if (stored == NULL || icalcomponent_isa (stored) != ICAL_VEVENT_COMPONENT)
    {
      /* Nothing (readable) to cancel: keep the cancellation itself when it
       * says when, so that a later copy with a lower SEQUENCE stays
       * cancelled. */
      g_clear_pointer (&stored, icalcomponent_free);
      if (icalcomponent_get_first_property (cancel, ICAL_DTSTART_PROPERTY) == NULL)
        {
          if (stats != NULL)
            stats->skipped++;
          return TRUE;
        }
      stored = icalcomponent_new_clone (cancel);
      stored_sequence = icalcomponent_get_sequence (cancel);
    }
  else if (icalcomponent_get_sequence (cancel) < stored_sequence)
    {
      if (stats != NULL)
        stats->skipped++;
      return TRUE;
    }

  icalcomponent_set_status (stored, ICAL_STATUS_CANCELLED);
  icalcomponent_set_sequence (stored, MAX (stored_sequence, icalcomponent_get_sequence (cancel)));

  return resfri_store_put_vevent (self, stored, source, stats, error);
}

/* METHOD:CANCEL of one occurrence: a cancelled override. The component
 * is changed in place: it belongs to the parsed file, and staying in its
 * VCALENDAR keeps the VTIMEZONEs its TZIDs name. */
gboolean
_resfri_importer_cancel_occurrence (ResfriStore         *self,
                                    icalcomponent       *cancel,
                                    const char          *source,
                                    ResfriMeetingStats  *stats,
                                    GError             **error)
{
  if (icalcomponent_get_first_property (cancel, ICAL_DTSTART_PROPERTY) == NULL)
    {
      icalproperty *rid = icalcomponent_get_first_property (cancel, ICAL_RECURRENCEID_PROPERTY);
      icalproperty *dtstart = icalproperty_new_dtstart (icalproperty_get_recurrenceid (rid));
      icalparameter *tzid = icalproperty_get_first_parameter (rid, ICAL_TZID_PARAMETER);

      if (tzid != NULL)
        icalproperty_add_parameter (dtstart, icalparameter_new_clone (tzid));
      icalcomponent_add_property (cancel, dtstart);

      /* Keep the length of the instance it cancels. */
      if (icalcomponent_get_first_property (cancel, ICAL_DTEND_PROPERTY) == NULL &&
          icalcomponent_get_first_property (cancel, ICAL_DURATION_PROPERTY) == NULL)
        {
          char recurrence_id[20];
          sqlite3_stmt *stmt;

          resfri_expand_get_recurrence_id (cancel, recurrence_id);
          stmt = _resfri_store_prepare (self,
                                        "SELECT end - start FROM occurrences"
                                        " WHERE uid = ?1 AND recurrence_id = ?2",
                                        error);
          if (stmt == NULL)
            return FALSE;
          sqlite3_bind_text (stmt, 1, icalcomponent_get_uid (cancel), -1, SQLITE_STATIC);
          sqlite3_bind_text (stmt, 2, recurrence_id, -1, SQLITE_STATIC);
          if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_int64 (stmt, 0) > 0 &&
              !icalproperty_get_recurrenceid (rid).is_date)
            {
              gint64 length = sqlite3_column_int64 (stmt, 0);

              icalcomponent_add_property (cancel,
                                          icalproperty_new_duration (icaldurationtype_from_int ((int) MIN (length, G_MAXINT))));
            }
          sqlite3_reset (stmt);
        }
    }

  icalcomponent_set_status (cancel, ICAL_STATUS_CANCELLED);
  return resfri_store_put_vevent (self, cancel, source, stats, error);
}

/* Keeps the text of a VTIMEZONE for export (resfri-export.h). */
gboolean
_resfri_importer_put_vtimezone (ResfriStore         *self,
                                ResfriIcalDocument  *doc,
                                icalcomponent       *vtimezone,
                                GError             **error)
{
  icalproperty *prop = icalcomponent_get_first_property (vtimezone, ICAL_TZID_PROPERTY);
  g_autofree char *text = NULL;
  const char *original;
  gsize length = 0;
  const char *tzid;
  sqlite3_stmt *stmt;

  tzid = prop != NULL ? icalproperty_get_tzid (prop) : NULL;
  /* Issue 16 (import helper): "" is kept too, the VTIMEZONE of TZID= that
   * resfri-ical.c names "" (Exchange), so that export writes it again. */
  if (tzid == NULL || !g_utf8_validate (tzid, -1, NULL))
    return TRUE;

  /* As the file had it, or as libical read it (see insert_meeting()). */
  original = resfri_ical_document_peek_text (doc, vtimezone, &length);
  if (original != NULL && memchr (original, '\0', length) == NULL &&
      g_utf8_validate_len (original, length, NULL))
    text = g_strndup (original, length);
  else if (original != NULL)
    text = dup_as_read (original, length);
  else
    text = dup_rendering (vtimezone);
  if (text == NULL)
    return TRUE;

  stmt = _resfri_store_prepare (self, "INSERT OR REPLACE INTO timezones (tzid, ical) VALUES (?1, ?2)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, tzid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, text, -1, SQLITE_STATIC);

  return _resfri_store_step_done (self, stmt, _("Cannot store a time zone"), error);
}
/* Bulk imports: the indexes an import does not read are built at its end;
 * not below 2000 events (the rebuild costs more), nor into a store holding
 * more meetings than come. Replacing a meeting uses occurrences_meeting. */
static const char * const bulk_indexes[] = {
  "attendees_email", "meetings_organizer", "occurrences_start", "occurrences_length", NULL,
};
#define BULK_MIN_EVENTS 2000

gboolean
_resfri_importer_begin_bulk (ResfriStore       *self,
                             guint              n_events,
                             ResfriStoreBulk  **bulk,
                             GError           **error)
{
  gint64 stored = 0;

  *bulk = NULL;
  if (n_events < BULK_MIN_EVENTS ||
      (stored = _resfri_store_query_int (self, "SELECT coalesce (max (id), 0) FROM meetings", error)) < 0 ||
      stored > n_events)
    return stored >= 0;
  *bulk = _resfri_store_bulk_drop_indexes (self, bulk_indexes, error);
  return *bulk != NULL;
}

/* A month apart: the horizon reaches RESFRI_EXPAND_HORIZON_MONTHS − 1 ahead. */
#define HORIZON_STEP_SECONDS (G_GINT64_CONSTANT (30) * 24 * 3600)

gboolean
resfri_store_extend_horizon (ResfriStore  *self,
                             gint64        now,
                             guint        *n_series,
                             GError      **error)
{
  g_autofree char *last_text = NULL;
  g_autofree char *now_text = NULL;
  g_autoptr(GPtrArray) uids = NULL;
  sqlite3_stmt *stmt;
  gint64 last = 0;
  int rc;

  g_return_val_if_fail (RESFRI_IS_STORE (self), FALSE);

  if (n_series != NULL)
    *n_series = 0;

  /* The first open after an import counts from the import's own "now". */
  last_text = resfri_store_dup_meta (self, "horizon-at");
  if (last_text != NULL)
    last = g_ascii_strtoll (last_text, NULL, 10);
  else
    {
      stmt = _resfri_store_prepare (self, "SELECT max (updated_at) FROM meetings", error);
      if (stmt == NULL)
        return FALSE;
      if (sqlite3_step (stmt) == SQLITE_ROW)
        last = sqlite3_column_int64 (stmt, 0);
      sqlite3_reset (stmt);
    }

  if (now - last < HORIZON_STEP_SECONDS)
    return TRUE;

  if (!_resfri_store_begin (self, error))
    return FALSE;

  /* Open-ended series: an RRULE with neither COUNT nor UNTIL. A text match
   * may take in a finite one too (an X- property quoting "RRULE"); expanding
   * that again changes nothing. */
  uids = g_ptr_array_new_with_free_func (g_free);
  stmt = _resfri_store_prepare (self,
                                "SELECT uid FROM meetings WHERE recurrence_id = ''"
                                " AND ical LIKE '%RRULE:%' AND ical NOT LIKE '%COUNT=%'"
                                " AND ical NOT LIKE '%UNTIL=%' ORDER BY uid",
                                error);
  if (stmt == NULL)
    goto failed;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (uids, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _resfri_store_set_error (self, error, _("Cannot read the meetings"));
      goto failed;
    }

  /* Nothing open-ended: the date alone, so the next month's opens skip this read. */
  now_text = g_strdup_printf ("%" G_GINT64_FORMAT, now);
  if (uids->len == 0)
    {
      if (!resfri_store_set_meta (self, "horizon-at", now_text, error) ||
          !_resfri_store_commit (self, error))
        goto failed;
      return TRUE;
    }

  for (guint i = 0; i < uids->len; i++)
    if (!rebuild_master (self, g_ptr_array_index (uids, i), now, error))
      goto failed;

  if (!resfri_store_set_meta (self, "horizon-at", now_text, error) ||
      !_resfri_store_commit (self, error))
    goto failed;

  if (n_series != NULL)
    *n_series = uids->len;
  return TRUE;

failed:
  _resfri_store_rollback (self);
  return FALSE;
}

/* Sync */

/* A calendar's copy of a VEVENT (sync/resfri-sync.c): stored in place of
 * the stored one whatever their SEQUENCEs (the sync chose it among the
 * copies it holds), otherwise exactly as an import stores it. */
gboolean
_resfri_importer_sync_put_vevent (ResfriStore         *self,
                                  icalcomponent       *vevent,
                                  const char          *original,
                                  gsize                original_length,
                                  const char          *source,
                                  gint64               now,
                                  ResfriMeetingStats  *stats,
                                  GError             **error)
{
  char recurrence_id[20];
  gboolean this_and_future = FALSE;
  gint64 stored_id = -1;
  gint64 sequence = 0;
  const char *uid = icalcomponent_get_uid (vevent);

  g_return_val_if_fail (_resfri_store_in_transaction (self), FALSE);

  if (uid != NULL && uid[0] != '\0')
    {
      resfri_expand_get_recurrence_id (vevent, recurrence_id);
      if (!find_stored (self, uid, recurrence_id, &stored_id, &sequence, &this_and_future, error))
        return FALSE;
      if (stored_id >= 0 && sequence > icalcomponent_get_sequence (vevent) &&
          !delete_meeting (self, stored_id, error))
        return FALSE;
    }

  return _resfri_importer_put_vevent (self, vevent, original, original_length, source, now,
                                      stats, error);
}

/* TRUE when the stored meeting @uid + @recurrence_id is @text already (a
 * meeting in several calendars comes once per calendar: stored once). */
gboolean
_resfri_importer_sync_is_stored (ResfriStore  *self,
                                 const char   *uid,
                                 const char   *recurrence_id,
                                 const char   *text,
                                 gsize         length)
{
  sqlite3_stmt *stmt;
  gboolean same = FALSE;

  stmt = _resfri_store_prepare (self,
                                "SELECT ical FROM meetings WHERE uid = ?1 AND recurrence_id = ?2",
                                NULL);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, uid, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, recurrence_id, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    same = (gsize) sqlite3_column_bytes (stmt, 0) == length &&
           memcmp (sqlite3_column_text (stmt, 0), text, length) == 0;
  sqlite3_reset (stmt);
  return same;
}

/* No followed calendar holds @uid + @recurrence_id any more: the meeting
 * goes (an override: the master's instance comes back). */
gboolean
_resfri_importer_sync_remove (ResfriStore  *self,
                              const char   *uid,
                              const char   *recurrence_id,
                              GError      **error)
{
  return _resfri_store_replace_vevent (self, uid, recurrence_id, NULL, error);
}

gboolean
_resfri_calendar_purge_meeting (ResfriStore  *store,
                                gint64        meeting_id,
                                GError      **error)
{
  sqlite3_stmt *stmt;

  if (!(stmt = _resfri_store_prepare (store, "DELETE FROM attendees WHERE meeting_id = ?1", error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, meeting_id);
  if (!_resfri_store_step_done (store, stmt, _("Cannot purge a meeting"), error))
    return FALSE;

  stmt = _resfri_store_prepare (store,
                                "UPDATE meetings SET organizer = NULL, summary = NULL,"
                                " online_url = NULL, ical = '' WHERE id = ?1",
                                error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, meeting_id);
  return _resfri_store_step_done (store, stmt, _("Cannot purge a meeting"), error);
}

/* Erasure (spec/privacy.md): in every meeting @email organises or attends,
 * their address and name become @pseudonym and @pseudonym_name, in the
 * columns and in the stored text; in the caller's transaction. The number
 * of meetings changed, or -1 with @error. */
gint64
_resfri_importer_pseudonymise_person (ResfriStore  *self,
                                      const char   *email,
                                      const char   *name,
                                      const char   *pseudonym,
                                      const char   *pseudonym_name,
                                      GError      **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;
  int rc;

  stmt = _resfri_store_prepare (self,
                                "SELECT id FROM meetings WHERE organizer = ?1 OR id IN"
                                " (SELECT meeting_id FROM attendees WHERE email = ?1)",
                                error);
  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, email, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _resfri_store_set_error (self, error, _("Cannot read the meetings"));
      return -1;
    }

  for (guint i = 0; i < ids->len; i++)
    {
      g_autofree char *ical = NULL;
      g_autofree char *summary = NULL;
      g_autofree char *location = NULL;
      const char *columns[3];

      if (!(stmt = _resfri_store_prepare (self,
                                          "SELECT ical, summary, location FROM meetings"
                                          " WHERE id = ?1", error)))
        return -1;
      sqlite3_bind_int64 (stmt, 1, g_array_index (ids, gint64, i));
      if (sqlite3_step (stmt) != SQLITE_ROW)
        {
          _resfri_store_set_error (self, error, _("Cannot read the meetings"));
          sqlite3_reset (stmt);
          return -1;
        }
      for (int c = 0; c < 3; c++)
        columns[c] = (const char *) sqlite3_column_text (stmt, c);
      ical = resfri_ical_pseudonymise (columns[0], email, name, pseudonym, pseudonym_name, TRUE);
      if (columns[1] != NULL)
        summary = resfri_ical_pseudonymise (columns[1], email, name, pseudonym, pseudonym_name,
                                            FALSE);
      if (columns[2] != NULL)
        location = resfri_ical_pseudonymise (columns[2], email, name, pseudonym, pseudonym_name,
                                             FALSE);
      sqlite3_reset (stmt);

      if (!(stmt = _resfri_store_prepare (self,
                                          "UPDATE meetings SET ical = coalesce (?2, ical),"
                                          "  summary = coalesce (?3, summary),"
                                          "  location = coalesce (?4, location),"
                                          "  organizer = CASE WHEN organizer = ?5 THEN ?6"
                                          "    ELSE organizer END"
                                          " WHERE id = ?1", error)))
        return -1;
      sqlite3_bind_int64 (stmt, 1, g_array_index (ids, gint64, i));
      sqlite3_bind_text (stmt, 2, ical, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, summary, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 4, location, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 5, email, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 6, pseudonym, -1, SQLITE_STATIC);
      if (!_resfri_store_step_done (self, stmt, _("Cannot change a meeting"), error))
        return -1;
    }

  if (!(stmt = _resfri_store_prepare (self,
                                      "UPDATE attendees SET email = ?2, name = ?3 WHERE email = ?1",
                                      error)))
    return -1;
  sqlite3_bind_text (stmt, 1, email, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, pseudonym, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, pseudonym_name, -1, SQLITE_STATIC);
  if (!_resfri_store_step_done (self, stmt, _("Cannot change a meeting"), error))
    return -1;

  return ids->len;
}

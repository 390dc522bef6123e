/* resfri-meeting-edit.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "resfri-audit-private.h"
#include "resfri-calendar-private.h"
#include "resfri-error.h"
#include "resfri-ical.h"
#include "resfri-importer.h"
#include "resfri-meeting-edit.h"
#include "resfri-store-private.h"
#include "resfri-timezone.h"

G_DEFINE_BOXED_TYPE (ResfriMeetingVersion, resfri_meeting_version, resfri_meeting_version_copy,
                     resfri_meeting_version_free)

ResfriMeetingVersion *
resfri_meeting_version_copy (const ResfriMeetingVersion *version)
{
  ResfriMeetingVersion *copy = g_new0 (ResfriMeetingVersion, 1);

  copy->uid = g_strdup (version->uid);
  copy->recurrence_id = g_strdup (version->recurrence_id);
  copy->ical = g_strdup (version->ical);

  return copy;
}

void
resfri_meeting_version_free (ResfriMeetingVersion *version)
{
  if (version == NULL)
    return;
  g_free (version->uid);
  g_free (version->recurrence_id);
  g_free (version->ical);
  g_free (version);
}

/**
 * resfri_meeting_suggest_link:
 *
 * Returns: (nullable): "https://HOST/" for the first meeting service added
 *   in the settings (the municipality's own), or %NULL when none is
 */
char *
resfri_meeting_suggest_link (const ResfriPolicy *policy)
{
  if (policy == NULL || policy->extra_meeting_hosts == NULL ||
      policy->extra_meeting_hosts[0] == NULL)
    return NULL;

  return g_strdup_printf ("https://%s/", policy->extra_meeting_hosts[0]);
}

/**
 * resfri_meeting_check_link:
 * @url: what the user typed
 *
 * Returns: whether @url is an http or https address with a host, else
 *   %FALSE with RESFRI_ERROR_INVALID_INPUT
 */
gboolean
resfri_meeting_check_link (const char  *url,
                           GError     **error)
{
  g_autoptr(GUri) uri = NULL;

  if (url != NULL && g_utf8_validate (url, -1, NULL) && strpbrk (url, " \t\r\n") == NULL)
    uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL ||
      (g_ascii_strcasecmp (g_uri_get_scheme (uri), "https") != 0 &&
       g_ascii_strcasecmp (g_uri_get_scheme (uri), "http") != 0) ||
      g_uri_get_host (uri) == NULL || g_uri_get_host (uri)[0] == '\0')
    {
      g_set_error (error, RESFRI_ERROR, RESFRI_ERROR_INVALID_INPUT,
                   _("“%s” is not a web address (such as https://meet.example.se/room)"),
                   url != NULL ? url : "");
      return FALSE;
    }

  return TRUE;
}

/* Text editing */

/* The logical lines of @text (folded lines joined), without line ends. */
static GPtrArray *
unfold (const char *text)
{
  GPtrArray *lines = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) physical = g_strsplit (text, "\n", -1);
  GString *line = NULL;

  for (guint i = 0; physical[i] != NULL; i++)
    {
      char *p = physical[i];
      gsize len = strlen (p);

      if (len > 0 && p[len - 1] == '\r')
        p[--len] = '\0';
      if ((p[0] == ' ' || p[0] == '\t') && line != NULL)
        g_string_append (line, p + 1);
      else
        {
          if (line != NULL)
            g_ptr_array_add (lines, g_string_free (line, FALSE));
          line = len > 0 ? g_string_new (p) : NULL;
        }
    }
  if (line != NULL)
    g_ptr_array_add (lines, g_string_free (line, FALSE));

  return lines;
}

/* @line folded at 75 octets (never inside a UTF-8 sequence), CRLF. */
static void
append_folded (GString    *out,
               const char *line)
{
  gsize len = strlen (line);
  gsize done = 0;
  gsize width = 75;

  while (len - done > width)
    {
      gsize cut = done + width;

      while (cut > done && ((guchar) line[cut] & 0xC0) == 0x80)
        cut--;
      g_string_append_len (out, line + done, cut - done);
      g_string_append (out, "\r\n ");
      done = cut;
      width = 74;
    }
  g_string_append (out, line + done);
  g_string_append (out, "\r\n");
}

/* Whether the property @line is named @name (case-insensitive). */
static gboolean
is_property (const char *line,
             const char *name)
{
  gsize len = strlen (name);

  return g_ascii_strncasecmp (line, name, len) == 0 && (line[len] == ':' || line[len] == ';');
}

/* Where the value of @line starts: after the first ':' outside quotes. */
static const char *
get_value (const char *line)
{
  gboolean quoted = FALSE;

  for (const char *p = line; *p != '\0'; p++)
    {
      if (*p == '"')
        quoted = !quoted;
      else if (*p == ':' && !quoted)
        return p + 1;
    }

  return line + strlen (line);
}

static gboolean
is_room_attendee (const char *line)
{
  g_autofree char *params = NULL;

  if (!is_property (line, "ATTENDEE"))
    return FALSE;
  params = g_ascii_strup (line, get_value (line) - line);

  return strstr (params, ";CUTYPE=ROOM") != NULL || strstr (params, ";CUTYPE=\"ROOM\"") != NULL;
}

/**
 * resfri_meeting_text_add_link:
 * @ical: one VEVENT's text
 * @url: the meeting's online link
 * @mode: RESFRI_MODE_ONLINE (web meeting: LOCATION and room attendees
 *   go) or RESFRI_MODE_HYBRID (they stay)
 *
 * The VEVENT with the link added as the header of this file says, every
 * other line unchanged (unfolded, refolded at 75 octets, CRLF).
 *
 * Returns: the new text
 */
char *
resfri_meeting_text_add_link (const char *ical,
                              const char *url,
                              ResfriMode  mode)
{
  g_autoptr(GPtrArray) lines = unfold (ical);
  g_autofree char *conference = g_strdup_printf ("CONFERENCE;VALUE=URI;FEATURE=VIDEO:%s", url);
  GString *out = g_string_sized_new (strlen (ical) + 256);
  gboolean sequence_seen = FALSE;
  gboolean added = FALSE;
  int depth = 0;

  for (guint i = 0; i < lines->len; i++)
    {
      const char *line = g_ptr_array_index (lines, i);
      gboolean begin = resfri_ical_line_is (line, "BEGIN");
      gboolean end = resfri_ical_line_is (line, "END");

      /* The new properties go before the first sub-component (VALARM) or
       * the end of the VEVENT. */
      if (depth == 1 && !added && (begin || end))
        {
          append_folded (out, conference);
          if (!sequence_seen)
            append_folded (out, "SEQUENCE:1");
          added = TRUE;
        }

      if (begin)
        depth++;
      else if (end)
        depth--;
      else if (depth == 1)
        {
          if (is_property (line, "SEQUENCE"))
            {
              g_autofree char *bumped = NULL;
              gint64 value = g_ascii_strtoll (get_value (line), NULL, 10);

              bumped = g_strdup_printf ("SEQUENCE:%" G_GINT64_FORMAT, MAX (value, 0) + 1);
              append_folded (out, bumped);
              sequence_seen = TRUE;
              continue;
            }
          if (is_property (line, "CONFERENCE") && strcmp (get_value (line), url) == 0)
            continue;
          if (mode == RESFRI_MODE_ONLINE &&
              (is_property (line, "LOCATION") || is_room_attendee (line)))
            continue;
        }
      append_folded (out, line);
    }

  return g_string_free (out, FALSE);
}

static char *
format_time (const char *name,
             const char *recurrence_id,
             gint64      t)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (t);
  g_autoptr(GTimeZone) zone = NULL;
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *value = NULL;
  gsize len = strlen (recurrence_id);

  if (len > 0 && recurrence_id[len - 1] == 'Z')
    {
      value = g_date_time_format (utc, "%Y%m%dT%H%M%SZ");
      return g_strdup_printf ("%s:%s", name, value);
    }

  zone = g_time_zone_new_identifier (RESFRI_ICAL_HOME_ZONE);
  if (zone == NULL)
    zone = g_time_zone_new_utc ();
  local = g_date_time_to_timezone (utc, zone);
  if (len == 8)
    {
      value = g_date_time_format (local, "%Y%m%d");
      return g_strdup_printf ("%s;VALUE=DATE:%s", name, value);
    }
  value = g_date_time_format (local, "%Y%m%dT%H%M%S");
  return g_strdup_printf ("%s:%s", name, value);
}

/**
 * resfri_meeting_text_make_override:
 * @master_ical: a series' master VEVENT
 * @recurrence_id: one of its occurrences, as the store names it
 * @start: the occurrence's start
 * @end: its end
 *
 * An override of one occurrence made from the master: its lines without
 * RRULE, RDATE, EXDATE, EXRULE, DTSTART, DTEND, DURATION and
 * X-RESFRI-EXEMPTION (the meeting's exemption still applies), with the
 * occurrence's DTSTART, DTEND and RECURRENCE-ID in the form of
 * @recurrence_id (UTC, a date, or floating local time).
 *
 * Returns: the override's text
 */
char *
resfri_meeting_text_make_override (const char *master_ical,
                                   const char *recurrence_id,
                                   gint64      start,
                                   gint64      end)
{
  static const char * const dropped[] = {
    "RRULE", "RDATE", "EXDATE", "EXRULE", "DTSTART", "DTEND", "DURATION", "RECURRENCE-ID",
    "X-RESFRI-EXEMPTION",
  };
  g_autoptr(GPtrArray) lines = unfold (master_ical);
  GString *out = g_string_sized_new (strlen (master_ical) + 256);
  int depth = 0;

  for (guint i = 0; i < lines->len; i++)
    {
      const char *line = g_ptr_array_index (lines, i);
      gboolean skip = FALSE;

      if (resfri_ical_line_is (line, "BEGIN"))
        {
          append_folded (out, line);
          if (++depth == 1)
            {
              g_autofree char *dtstart = format_time ("DTSTART", recurrence_id, start);
              g_autofree char *dtend = format_time ("DTEND", recurrence_id, end);
              g_autofree char *rid = NULL;

              if (strlen (recurrence_id) == 8)
                rid = g_strdup_printf ("RECURRENCE-ID;VALUE=DATE:%s", recurrence_id);
              else
                rid = g_strdup_printf ("RECURRENCE-ID:%s", recurrence_id);
              append_folded (out, rid);
              append_folded (out, dtstart);
              if (end > start)
                append_folded (out, dtend);
            }
          continue;
        }
      if (resfri_ical_line_is (line, "END"))
        depth--;
      else if (depth == 1)
        for (guint j = 0; j < G_N_ELEMENTS (dropped) && !skip; j++)
          skip = is_property (line, dropped[j]);
      if (!skip)
        append_folded (out, line);
    }

  return g_string_free (out, FALSE);
}

/* @text (a VEVENT) with RANGE=THISANDFUTURE on its RECURRENCE-ID, once. */
static char *
text_set_this_and_future (const char *text)
{
  g_autoptr(GPtrArray) lines = unfold (text);
  GString *out = g_string_sized_new (strlen (text) + 32);
  int depth = 0;

  for (guint i = 0; i < lines->len; i++)
    {
      const char *line = g_ptr_array_index (lines, i);

      if (resfri_ical_line_is (line, "BEGIN"))
        depth++;
      else if (resfri_ical_line_is (line, "END"))
        depth--;
      else if (depth == 1 && is_property (line, "RECURRENCE-ID"))
        {
          g_autofree char *params = g_ascii_strup (line, get_value (line) - line);
          g_autofree char *ranged = NULL;

          if (strstr (params, ";RANGE=") == NULL)
            {
              ranged = g_strdup_printf ("RECURRENCE-ID;RANGE=THISANDFUTURE%s",
                                        line + strlen ("RECURRENCE-ID"));
              append_folded (out, ranged);
              continue;
            }
        }
      append_folded (out, line);
    }

  return g_string_free (out, FALSE);
}

/* Store */

static GPtrArray *
set_link_in_transaction (ResfriStore  *store,
                         const char   *uid,
                         const char   *recurrence_id,
                         gboolean      this_and_future,
                         const char   *url,
                         ResfriMode    mode,
                         GError      **error)
{
  g_autoptr(GPtrArray) versions = g_ptr_array_new_with_free_func (
    (GDestroyNotify) resfri_meeting_version_free);
  g_autoptr(GPtrArray) targets = NULL;

  if (recurrence_id[0] == '\0')
    {
      /* The whole meeting: the master (or single event) and its overrides. */
      if (!(targets = _resfri_calendar_list_recurrence_ids (store, uid, error)))
        return NULL;
      if (targets->len == 0)
        {
          g_set_error (error, RESFRI_ERROR, RESFRI_ERROR_NOT_FOUND, _("No meeting “%s”"), uid);
          return NULL;
        }
    }
  else if (this_and_future)
    {
      g_autoptr(GPtrArray) stored = NULL;

      /* The occurrence (made a THISANDFUTURE override), then every stored
       * override after it, which keeps its own properties otherwise. */
      if (!(stored = _resfri_calendar_list_recurrence_ids (store, uid, error)))
        return NULL;
      targets = g_ptr_array_new_with_free_func (g_free);
      g_ptr_array_add (targets, g_strdup (recurrence_id));
      for (guint i = 0; i < stored->len; i++)
        {
          const char *rid = g_ptr_array_index (stored, i);

          if (*rid != '\0' && strcmp (rid, recurrence_id) > 0)
            g_ptr_array_add (targets, g_strdup (rid));
        }
    }
  else
    {
      targets = g_ptr_array_new_with_free_func (g_free);
      g_ptr_array_add (targets, g_strdup (recurrence_id));
    }

  for (guint i = 0; i < targets->len; i++)
    {
      const char *rid = g_ptr_array_index (targets, i);
      ResfriMeetingVersion *version = g_new0 (ResfriMeetingVersion, 1);
      g_autofree char *base = NULL;
      g_autofree char *text = NULL;

      version->uid = g_strdup (uid);
      version->recurrence_id = g_strdup (rid);
      g_ptr_array_add (versions, version);
      if (!_resfri_calendar_dup_meeting_ical (store, uid, rid, &version->ical, error))
        return NULL;

      if (version->ical != NULL)
        base = g_strdup (version->ical);
      else
        {
          g_autofree char *master = NULL;
          gint64 start = 0, end = 0;
          gboolean found = FALSE;

          if (!_resfri_calendar_lookup_occurrence (store, uid, rid, &found, &start, &end, error))
            return NULL;
          if (!found || !_resfri_calendar_dup_meeting_ical (store, uid, "", &master, error) ||
              master == NULL)
            {
              if (error == NULL || *error == NULL)
                g_set_error (error, RESFRI_ERROR, RESFRI_ERROR_NOT_FOUND,
                             _("No occurrence “%s” of meeting “%s” (or it is cancelled)"),
                             rid, uid);
              return NULL;
            }
          base = resfri_meeting_text_make_override (master, rid, start, end);
        }

      text = resfri_meeting_text_add_link (base, url, mode);
      if (this_and_future && i == 0)
        {
          g_autofree char *ranged = text_set_this_and_future (text);

          g_free (text);
          text = g_steal_pointer (&ranged);
        }
      if (!_resfri_store_replace_vevent (store, uid, rid, text, error))
        return NULL;
    }

  return g_steal_pointer (&versions);
}

/* A change of a stored meeting in the audit log, by the row of @uid +
 * @recurrence_id (the master's when that occurrence has none): its UID may
 * hold an address, its title is personal. */
static gboolean
record_change (ResfriStore  *store,
               const char   *action,
               const char   *uid,
               const char   *recurrence_id,
               const char   *detail,
               GError      **error)
{
  gint64 row = 0;

  if (recurrence_id != NULL && *recurrence_id != '\0' &&
      (row = _resfri_calendar_meeting_row_id (store, uid, recurrence_id, error)) < 0)
    return FALSE;
  if (row == 0 && (row = _resfri_calendar_meeting_row_id (store, uid, "", error)) < 0)
    return FALSE;

  return _resfri_audit_record_id (store, action, "meeting", row, detail, error);
}

/**
 * resfri_meeting_set_online_link:
 * @uid: a stored meeting's UID
 * @recurrence_id: (nullable): one occurrence (stored as an override, made
 *   from the master when there is none), or %NULL or "" for the whole
 *   meeting (the master or single event and every stored override)
 * @url: the online link, an http or https address
 * @mode: RESFRI_MODE_ONLINE (a web meeting) or RESFRI_MODE_HYBRID
 *
 * Adds the link as the header of this file says, in one transaction.
 *
 * Returns: (transfer container) (element-type ResfriMeetingVersion): what
 *   was stored before, for resfri_meeting_restore(), or %NULL with @error
 */
GPtrArray *
resfri_meeting_set_online_link (ResfriStore  *store,
                                const char   *uid,
                                const char   *recurrence_id,
                                const char   *url,
                                ResfriMode    mode,
                                GError      **error)
{
  return resfri_meeting_set_online_link_full (store, uid, recurrence_id, FALSE, url, mode, error);
}

/**
 * resfri_meeting_set_online_link_full:
 * @recurrence_id: (nullable): as for resfri_meeting_set_online_link()
 * @this_and_future: with @recurrence_id, the link holds from that
 *   occurrence on: it is stored as an override with
 *   RECURRENCE-ID;RANGE=THISANDFUTURE (the one stored there gains the
 *   RANGE), and every stored override after it gets the link too
 *
 * resfri_meeting_set_online_link() for the occurrences from one on.
 *
 * Returns: (transfer container) (element-type ResfriMeetingVersion): what
 *   was stored before, or %NULL with @error
 */
GPtrArray *
resfri_meeting_set_online_link_full (ResfriStore  *store,
                                     const char   *uid,
                                     const char   *recurrence_id,
                                     gboolean      this_and_future,
                                     const char   *url,
                                     ResfriMode    mode,
                                     GError      **error)
{
  GPtrArray *versions;

  g_return_val_if_fail (RESFRI_IS_STORE (store), NULL);
  g_return_val_if_fail (uid != NULL, NULL);
  g_return_val_if_fail (mode == RESFRI_MODE_ONLINE || mode == RESFRI_MODE_HYBRID, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!resfri_meeting_check_link (url, error) || !_resfri_store_begin (store, error))
    return NULL;

  versions = set_link_in_transaction (store, uid, recurrence_id ? recurrence_id : "",
                                      this_and_future, url, mode, error);
  if (versions != NULL && !record_change (store, "meeting-link", uid, recurrence_id,
                                          mode == RESFRI_MODE_ONLINE
                                          ? (this_and_future ? "online from here" : "online")
                                          : (this_and_future ? "hybrid from here" : "hybrid"),
                                          error))
    g_clear_pointer (&versions, g_ptr_array_unref);
  if (versions == NULL)
    {
      _resfri_store_rollback (store);
      return NULL;
    }
  if (!_resfri_store_commit (store, error))
    {
      g_ptr_array_unref (versions);
      return NULL;
    }

  return versions;
}

/**
 * resfri_meeting_restore:
 * @versions: (element-type ResfriMeetingVersion): what
 *   resfri_meeting_set_online_link() returned
 *
 * Puts the stored VEVENTs back as they were (an override the change made
 * is removed), in one transaction.
 *
 * Returns: whether it worked, else %FALSE with @error
 */
gboolean
resfri_meeting_restore (ResfriStore  *store,
                        GPtrArray    *versions,
                        GError      **error)
{
  g_return_val_if_fail (RESFRI_IS_STORE (store), FALSE);
  g_return_val_if_fail (versions != NULL, FALSE);

  if (!_resfri_store_begin (store, error))
    return FALSE;

  for (guint i = 0; i < versions->len; i++)
    {
      const ResfriMeetingVersion *version = g_ptr_array_index (versions, i);

      if (!_resfri_store_replace_vevent (store, version->uid, version->recurrence_id,
                                         version->ical, error))
        {
          _resfri_store_rollback (store);
          return FALSE;
        }
    }
  if (versions->len > 0)
    {
      const ResfriMeetingVersion *first = g_ptr_array_index (versions, 0);

      if (!record_change (store, "meeting-restore", first->uid, "", NULL, error))
        {
          _resfri_store_rollback (store);
          return FALSE;
        }
    }

  return _resfri_store_commit (store, error);
}

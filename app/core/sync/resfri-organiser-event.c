/* resfri-organiser-event.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The room's ATTENDEE on the organiser's own copy of a meeting (spec/sync.md,
 * "Bookings on the server"): when a room is booked for a meeting whose
 * organiser's copy the sync holds in a followed calendar (sync_copies with
 * organizer set), that resource is read, given
 * ATTENDEE;CUTYPE=ROOM;ROLE=NON-PARTICIPANT;PARTSTAT=ACCEPTED;CN=<name>:
 * mailto:<room's address> with libical, and written back with If-Match; a
 * 412 (changed meanwhile) reads it again, applies the change again and
 * retries. A single occurrence of a series booked alone gets an override
 * of its own (RECURRENCE-ID, the occurrence's time in the series' zone)
 * that carries the room, unless it has one. A cancellation removes it the
 * same way. A calendar that cannot be written (403, 405, …) is no error
 * for the booking. The next sync reads the new ETag as any change: the
 * meeting then reserves the room in the calendar, which never stands in
 * the way of its own occurrence.
 *
 * A write that fails otherwise (the server unreachable, 5xx, the copy
 * changed at every attempt) is owed: this file owns sync_organiser_rooms,
 * one row per meeting, room, master or override, the room to add or to
 * remove (the latest wish wins), written before the write is tried (a
 * client killed meanwhile owes it too) and deleted once it lands or is
 * moot. Every sync's reconcile tries the owed writes again
 * (_resfri_organiser_event_retry()); an addition is given up once its
 * bookings end or are cancelled, a removal once the room is booked again,
 * either when the copy is no longer followed or its calendar refuses the
 * write for good (a 4xx).
 */

#include "config.h"

#include <string.h>

#include <libical/ical.h>

#include "resfri-caldav.h"
#include "resfri-expand.h"
#include "resfri-organiser-event.h"
#include "resfri-registers-private.h"
#include "resfri-server-bookings.h"
#include "resfri-sources-private.h"
#include "resfri-store-private.h"
#include "resfri-sync-private.h"
#include "resfri-timezone.h"

#define MAX_ATTEMPTS 5

static const char *
strip_mailto (const char *value)
{
  if (value != NULL && g_ascii_strncasecmp (value, "mailto:", 7) == 0)
    return value + 7;
  return value;
}

/* Adds or removes the room's attendee on @vevent; whether it changed. */
static gboolean
apply (icalcomponent *vevent,
       const char    *email,
       const char    *name,
       gboolean       add)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new ();
  icalproperty *property;

  for (property = icalcomponent_get_first_property (vevent, ICAL_ATTENDEE_PROPERTY);
       property != NULL;
       property = icalcomponent_get_next_property (vevent, ICAL_ATTENDEE_PROPERTY))
    {
      const char *address = strip_mailto (icalproperty_get_attendee (property));

      if (address != NULL && g_ascii_strcasecmp (address, email) == 0)
        g_ptr_array_add (found, property);
    }

  if (add)
    {
      g_autofree char *mailto = NULL;

      if (found->len > 0)
        return FALSE;
      mailto = g_strconcat ("mailto:", email, NULL);
      property = icalproperty_new_attendee (mailto);
      icalproperty_add_parameter (property, icalparameter_new_cutype (ICAL_CUTYPE_ROOM));
      icalproperty_add_parameter (property, icalparameter_new_role (ICAL_ROLE_NONPARTICIPANT));
      icalproperty_add_parameter (property, icalparameter_new_partstat (ICAL_PARTSTAT_ACCEPTED));
      if (name != NULL)
        icalproperty_add_parameter (property, icalparameter_new_cn (name));
      icalcomponent_add_property (vevent, property);
      return TRUE;
    }

  for (guint i = 0; i < found->len; i++)
    {
      property = g_ptr_array_index (found, i);
      icalcomponent_remove_property (vevent, property);
      icalproperty_free (property);
    }
  return found->len > 0;
}

/* Whether the change is made on @vevent: the master when @master, an
 * override when its RECURRENCE-ID is one of @recurrence_ids (then that one
 * is added to @matched). */
static gboolean
wanted (icalcomponent *vevent,
        gboolean       master,
        GPtrArray     *recurrence_ids,
        GHashTable    *matched)
{
  char recurrence_id[20];

  resfri_expand_get_recurrence_id (vevent, recurrence_id);
  if (recurrence_id[0] == '\0')
    return master;
  for (guint i = 0; recurrence_ids != NULL && i < recurrence_ids->len; i++)
    if (g_strcmp0 (g_ptr_array_index (recurrence_ids, i), recurrence_id) == 0)
      {
        g_hash_table_add (matched, g_ptr_array_index (recurrence_ids, i));
        return TRUE;
      }
  return FALSE;
}

/* A date or date-time property @kind of value @t written as the series
 * writes its DTSTART: in its zone, with its TZID. */
static icalproperty *
time_property (icalproperty_kind    kind,
               struct icaltimetype  t,
               icalproperty        *like)
{
  icalparameter *tzid = icalproperty_get_first_parameter (like, ICAL_TZID_PARAMETER);
  icalproperty *property = icalproperty_new (kind);

  if (tzid != NULL)
    t.zone = NULL;
  icalproperty_set_value (property, t.is_date ? icalvalue_new_date (t) : icalvalue_new_datetime (t));
  if (tzid != NULL)
    icalproperty_add_parameter (property, icalparameter_new_clone (tzid));
  return property;
}

/* A new override of @series for its occurrence @recurrence_id (Resfri's
 * form: YYYYMMDD, YYYYMMDDTHHMMSS or a UTC YYYYMMDDTHHMMSSZ): the
 * series' properties without its rules, at that occurrence's time in the
 * series' zone, the length of the series' occurrences. NULL when the
 * series' times cannot be read. */
static icalcomponent *
new_override (icalcomponent *series,
              const char    *recurrence_id)
{
  static const icalproperty_kind rules[] = {
    ICAL_RRULE_PROPERTY, ICAL_RDATE_PROPERTY, ICAL_EXDATE_PROPERTY, ICAL_EXRULE_PROPERTY,
    ICAL_DTSTART_PROPERTY, ICAL_DTEND_PROPERTY,
  };
  icalproperty *dtstart = icalcomponent_get_first_property (series, ICAL_DTSTART_PROPERTY);
  icalproperty *dtend = icalcomponent_get_first_property (series, ICAL_DTEND_PROPERTY);
  struct icaltimetype first;
  struct icaltimetype start;
  icalcomponent *override;

  if (dtstart == NULL)
    return NULL;
  first = resfri_ical_property_get_time (dtstart, series);
  start = icaltime_from_string (recurrence_id);
  if (icaltime_is_null_time (first) || icaltime_is_null_time (start) ||
      start.is_date != first.is_date)
    return NULL;
  if (icaltime_is_utc (start) && first.zone != NULL && !icaltime_is_utc (first))
    start = icaltime_convert_to_zone (start, (icaltimezone *) first.zone);

  override = icalcomponent_new_clone (series);
  for (guint i = 0; i < G_N_ELEMENTS (rules); i++)
    {
      icalproperty *property;

      while ((property = icalcomponent_get_first_property (override, rules[i])) != NULL)
        {
          icalcomponent_remove_property (override, property);
          icalproperty_free (property);
        }
    }
  icalcomponent_add_property (override, time_property (ICAL_RECURRENCEID_PROPERTY, start, dtstart));
  icalcomponent_add_property (override, time_property (ICAL_DTSTART_PROPERTY, start, dtstart));
  if (dtend != NULL)
    {
      struct icaltimetype last = resfri_ical_property_get_time (dtend, series);
      gint64 length = resfri_ical_time_to_unix (last) - resfri_ical_time_to_unix (first);
      struct icaltimetype end = icaltime_add (start, icaldurationtype_from_int ((int) MAX (length, 0)));

      icalcomponent_add_property (override, time_property (ICAL_DTEND_PROPERTY, end, dtend));
    }
  return override;
}

/* The new text of @text with the change made, NULL when it needs none
 * (@parsed FALSE when it is no calendar). A room added to single
 * occurrences of a series that have no override of their own gets one
 * made for each: the series itself keeps its attendees. */
static char *
edit (const char  *text,
      const char  *uid,
      const char  *email,
      const char  *name,
      gboolean     master,
      GPtrArray   *recurrence_ids,
      gboolean     add,
      gboolean    *parsed)
{
  icalcomponent *root = icalparser_parse_string (text);
  g_autoptr(GHashTable) matched = g_hash_table_new (g_str_hash, g_str_equal);
  icalcomponent *series = NULL;
  gboolean changed = FALSE;
  char *result = NULL;

  *parsed = root != NULL;
  if (root == NULL)
    return NULL;
  for (icalcomponent *vevent = icalcomponent_isa (root) == ICAL_VEVENT_COMPONENT
                               ? root : icalcomponent_get_first_component (root, ICAL_VEVENT_COMPONENT);
       vevent != NULL;
       vevent = vevent == root ? NULL : icalcomponent_get_next_component (root, ICAL_VEVENT_COMPONENT))
    {
      if (g_strcmp0 (icalcomponent_get_uid (vevent), uid) != 0)
        continue;
      if (icalcomponent_get_first_property (vevent, ICAL_RECURRENCEID_PROPERTY) == NULL &&
          (icalcomponent_get_first_property (vevent, ICAL_RRULE_PROPERTY) != NULL ||
           icalcomponent_get_first_property (vevent, ICAL_RDATE_PROPERTY) != NULL))
        series = vevent;
      if (wanted (vevent, master, recurrence_ids, matched))
        changed |= apply (vevent, email, name, add);
    }
  if (add && !master && series != NULL && series != root)
    for (guint i = 0; recurrence_ids != NULL && i < recurrence_ids->len; i++)
      {
        const char *recurrence_id = g_ptr_array_index (recurrence_ids, i);
        icalcomponent *override;

        if (g_hash_table_contains (matched, recurrence_id) ||
            !(override = new_override (series, recurrence_id)))
          continue;
        apply (override, email, name, TRUE);
        icalcomponent_add_component (root, override);
        changed = TRUE;
      }
  if (changed)
    result = icalcomponent_as_ical_string_r (root);
  icalcomponent_free (root);
  return result;
}

/* What became of a write to the organiser's copy. */
typedef enum
{
  WRITE_DONE,      /* the copy holds what was asked */
  WRITE_NEVER,     /* no copy, no address, a copy not to be written: given up */
  WRITE_RETRY,     /* unreachable, 5xx, changed at every attempt: the next sync */
} WriteOutcome;

/* A 4xx but those worth waiting for (408, 412 at every attempt, 423,
 * 429): the calendar will not take the write (read only, gone, refused)
 * as it is. */
static gboolean
refused_for_good (guint status)
{
  return status >= 400 && status < 500 &&
         status != 408 && status != 412 && status != 423 && status != 429;
}

static WriteOutcome
write_copy (ResfriStore  *store,
            const char   *uid,
            const char   *room,
            gboolean      master,
            GPtrArray    *recurrence_ids,
            gboolean      add)
{
  g_auto(ResfriRegistersVenue) venue = { 0 };
  g_autoptr(ResfriSource) source = NULL;
  g_autoptr(ResfriCaldav) client = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *href = NULL;
  g_autofree char *url = NULL;
  gint64 source_id = 0;
  guint status = 0;
  int found = 0;

  if (!master && (recurrence_ids == NULL || recurrence_ids->len == 0))
    return WRITE_NEVER;
  if (!_resfri_sources_find_organiser_copy (store, uid, &source_id, &href, &error) ||
      (href != NULL && (found = _resfri_registers_read_venue (store, room, NULL, &venue, &error)) < 0))
    {
      g_debug ("%s: room %s on the organiser's copy waits: %s", uid, room, error->message);
      return WRITE_RETRY;
    }
  if (href == NULL || found != 1 || venue.email == NULL)
    {
      g_debug ("%s: no organiser's copy to give room %s, or the room has no address", uid, room);
      return WRITE_NEVER;
    }
  if (!(source = resfri_sources_get (store, source_id, &error)) ||
      !(client = _resfri_sync_open_client (source, NULL, &error)))
    {
      g_debug ("%s: %s", uid, error->message);
      return WRITE_RETRY;
    }
  url = resfri_caldav_resolve (client, href);

  for (guint attempt = 0; attempt < MAX_ATTEMPTS; attempt++)
    {
      g_autoptr(GBytes) got = NULL;
      g_autoptr(GBytes) put = NULL;
      g_autofree char *text = NULL;
      g_autofree char *etag = NULL;
      g_autofree char *changed = NULL;
      gboolean parsed;

      status = 0;
      if (!(got = resfri_caldav_write (client, "GET", url, NULL, NULL, NULL, &status, &etag, NULL,
                                       NULL, NULL, &error)))
        break;
      if (etag == NULL)
        return WRITE_NEVER;
      text = g_strndup (g_bytes_get_data (got, NULL), g_bytes_get_size (got));
      changed = edit (text, uid, venue.email, venue.name, master, recurrence_ids, add, &parsed);
      if (changed == NULL)
        return parsed ? WRITE_DONE : WRITE_NEVER;
      _resfri_server_bookings_test_stall ("organiser-put");
      status = 0;
      if (!(put = resfri_caldav_write (client, "PUT", url, changed, etag, NULL, &status, NULL, NULL,
                                       NULL, NULL, &error)))
        break;
      if (status != 412)
        return WRITE_DONE;
    }
  g_debug ("%s: the organiser's copy %s keeps room %s as it was: %s", uid, url, room,
           error ? error->message : "changed each time it was written");
  return refused_for_good (status) ? WRITE_NEVER : WRITE_RETRY;
}

/* The owed writes: sync_organiser_rooms */

/* Remembers (@remember) that room @room is to be added (@add) to or
 * removed from the master (when @master) and the overrides
 * @recurrence_ids of @uid's organiser's copy, an addition until @until (0:
 * no end); else forgets that write of those. */
static void
owe (ResfriStore *store,
     const char  *uid,
     const char  *room,
     gboolean     master,
     GPtrArray   *recurrence_ids,
     gboolean     add,
     gint64       until,
     gboolean     remember)
{
  g_autoptr(GError) error = NULL;
  gboolean own = !_resfri_store_in_transaction (store);
  sqlite3_stmt *stmt;
  guint n = recurrence_ids != NULL ? recurrence_ids->len : 0;

  if (!master && n == 0)
    return;
  if (own && !_resfri_store_begin (store, &error))
    goto failed;
  stmt = _resfri_store_prepare (store,
                                remember
                                ? "INSERT OR REPLACE INTO sync_organiser_rooms"
                                  " (uid, room, recurrence_id, add_room, until)"
                                  " VALUES (?1, ?2, ?3, ?4, nullif (?5, 0))"
                                : "DELETE FROM sync_organiser_rooms"
                                  " WHERE uid = ?1 AND room = ?2 AND recurrence_id = ?3"
                                  "   AND add_room = ?4",
                                &error);
  for (guint i = master ? 0 : 1; stmt != NULL && i <= n; i++)
    {
      sqlite3_bind_text (stmt, 1, uid, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, room, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 3, i == 0 ? "" : g_ptr_array_index (recurrence_ids, i - 1), -1,
                         SQLITE_TRANSIENT);
      sqlite3_bind_int (stmt, 4, add);
      if (remember)
        sqlite3_bind_int64 (stmt, 5, add ? until : 0);
      if (!_resfri_store_step_done (store, stmt, "sync_organiser_rooms", &error))
        stmt = NULL;
    }
  if (stmt != NULL && (!own || _resfri_store_commit (store, &error)))
    return;

failed:
  if (own && _resfri_store_in_transaction (store))
    _resfri_store_rollback (store);
  g_debug ("%s: the organiser's copy's room %s not %s: %s", uid, room,
           remember ? "remembered" : "forgotten", error ? error->message : "");
}

gboolean
_resfri_organiser_event_set_room (ResfriStore  *store,
                                  const char   *uid,
                                  const char   *room,
                                  gboolean      master,
                                  GPtrArray    *recurrence_ids,
                                  gboolean      add,
                                  gint64        until)
{
  g_autofree char *href = NULL;
  gint64 source_id = 0;
  WriteOutcome outcome;

  /* No organiser's copy followed: nothing to owe (a cheap read first). */
  if (_resfri_sources_find_organiser_copy (store, uid, &source_id, &href, NULL) && href == NULL)
    return FALSE;
  /* Owed before it is tried: a client killed on the way leaves it to the
   * next sync as a failed write does. */
  owe (store, uid, room, master, recurrence_ids, add, until, TRUE);
  outcome = write_copy (store, uid, room, master, recurrence_ids, add);
  if (outcome != WRITE_RETRY)
    owe (store, uid, room, master, recurrence_ids, add, until, FALSE);
  return outcome == WRITE_DONE;
}

typedef struct
{
  char      *uid;
  char      *room;
  gboolean   add;
  gboolean   master;
  GPtrArray *recurrence_ids;  /* char * */
} Owed;

static void
owed_free (Owed *owed)
{
  g_free (owed->uid);
  g_free (owed->room);
  g_ptr_array_unref (owed->recurrence_ids);
  g_free (owed);
}

/* The owed writes, one per meeting, room and direction; additions whose
 * bookings have ended forgotten first. */
static GPtrArray *
list_owed (ResfriStore  *store,
           gint64        now,
           GError      **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) owed_free);
  sqlite3_stmt *stmt;
  Owed *owed = NULL;
  int rc;

  if (!(stmt = _resfri_store_prepare (store,
                                      "DELETE FROM sync_organiser_rooms"
                                      " WHERE add_room = 1 AND until IS NOT NULL AND until <= ?1",
                                      error)))
    return NULL;
  sqlite3_bind_int64 (stmt, 1, now);
  if (!_resfri_store_step_done (store, stmt, "sync_organiser_rooms", error) ||
      !(stmt = _resfri_store_prepare (store,
                                      "SELECT uid, room, add_room, recurrence_id"
                                      "  FROM sync_organiser_rooms"
                                      " ORDER BY uid, room, add_room, recurrence_id", error)))
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *uid = (const char *) sqlite3_column_text (stmt, 0);
      const char *room = (const char *) sqlite3_column_text (stmt, 1);
      const char *recurrence_id = (const char *) sqlite3_column_text (stmt, 3);
      gboolean add = sqlite3_column_int (stmt, 2);

      if (owed == NULL || g_strcmp0 (owed->uid, uid) != 0 ||
          g_ascii_strcasecmp (owed->room, room) != 0 || owed->add != add)
        {
          owed = g_new0 (Owed, 1);
          owed->uid = g_strdup (uid);
          owed->room = g_strdup (room);
          owed->add = add;
          owed->recurrence_ids = g_ptr_array_new_with_free_func (g_free);
          g_ptr_array_add (list, owed);
        }
      if (recurrence_id[0] == '\0')
        owed->master = TRUE;
      else
        g_ptr_array_add (owed->recurrence_ids, g_strdup (recurrence_id));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _resfri_store_set_error (store, error, "sync_organiser_rooms");
      return NULL;
    }
  return g_steal_pointer (&list);
}

/* Whether the room still is to be added (@add: booked) or removed (no
 * longer booked) for the whole meeting (@recurrence_id NULL) or one
 * occurrence. */
static gboolean
still_wanted (ResfriStore *store,
              const char  *uid,
              const char  *recurrence_id,
              const char  *room,
              gboolean     add)
{
  gint64 n = _resfri_sources_count_room_bookings (store, uid, recurrence_id, room, NULL);

  return n < 0 || (n > 0) == add;
}

guint
_resfri_organiser_event_retry (ResfriStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) owed = list_owed (store, g_get_real_time () / G_USEC_PER_SEC, &error);
  guint written = 0;

  if (owed == NULL)
    {
      g_debug ("the organisers' copies owed a room wait: %s", error->message);
      return 0;
    }
  for (guint i = 0; i < owed->len; i++)
    {
      Owed *one = g_ptr_array_index (owed, i);
      g_autoptr(GPtrArray) gone = g_ptr_array_new ();
      gboolean master = one->master;
      WriteOutcome outcome;

      /* A booking cancelled, or booked again, since: that part is moot. */
      if (master && !still_wanted (store, one->uid, NULL, one->room, one->add))
        {
          owe (store, one->uid, one->room, TRUE, NULL, one->add, 0, FALSE);
          master = FALSE;
        }
      for (guint j = one->recurrence_ids->len; j-- > 0;)
        if (!still_wanted (store, one->uid, g_ptr_array_index (one->recurrence_ids, j), one->room,
                           one->add))
          g_ptr_array_add (gone, g_ptr_array_steal_index (one->recurrence_ids, j));
      owe (store, one->uid, one->room, FALSE, gone, one->add, 0, FALSE);
      g_ptr_array_set_free_func (gone, g_free);

      outcome = write_copy (store, one->uid, one->room, master, one->recurrence_ids, one->add);
      if (outcome != WRITE_RETRY)
        owe (store, one->uid, one->room, master, one->recurrence_ids, one->add, 0, FALSE);
      if (outcome == WRITE_DONE)
        written++;
    }
  return written;
}

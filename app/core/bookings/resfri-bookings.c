/* resfri-bookings.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The bookings table, and the folder's one file with SQL: it reads,
 * inserts and deletes bookings and reads what a booking names
 * (occurrences, rooms, items, people, sites) for the other files of the
 * folder and for the allocation (resfri-bookings-private.h), and the
 * reservations the calendar holds. Its own public calls: a meeting's
 * occurrences, the bookings of a window or an occurrence (resfri-booking.c).
 *
 * A booking id names its event on the server, where a cancelled one may
 * wait for its DELETE: it is never given twice. The id is AUTOINCREMENT
 * (schema 8): SQLite keeps the high-water mark for every writer at one
 * row update per insert, which a mark in meta would redo by hand.
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "resfri-bookings-private.h"

/* Every booking column the public struct needs, for the list, a cancel and
 * a new booking's read-back. */
#define BOOKING_SELECT \
  "SELECT b.id, b.room_id IS NOT NULL, coalesce (r.code, e.tag), t.name," \
  "       coalesce (rs.code, es.code), b.uid, b.recurrence_id," \
  "       coalesce ((SELECT m.summary FROM occurrences o JOIN meetings m ON m.id = o.meeting_id" \
  "                  WHERE o.uid = b.uid AND o.recurrence_id = b.recurrence_id)," \
  "                 (SELECT m.summary FROM meetings m" \
  "                  WHERE m.uid = b.uid AND m.recurrence_id = ''))," \
  "       p.email, b.start, b.end" \
  "  FROM bookings b" \
  "  LEFT JOIN rooms r ON r.id = b.room_id" \
  "  LEFT JOIN sites rs ON rs.id = r.site_id" \
  "  LEFT JOIN equipment e ON e.id = b.equipment_id" \
  "  LEFT JOIN equipment_types t ON t.id = e.type_id" \
  "  LEFT JOIN sites es ON es.id = e.site_id" \
  "  LEFT JOIN people p ON p.id = b.person_id"

/* Bookings, occurrences, rooms */

static ResfriBooking *
booking_from_row (sqlite3_stmt *stmt)
{
  ResfriBooking *booking = g_new0 (ResfriBooking, 1);

  booking->id = sqlite3_column_int64 (stmt, 0);
  booking->kind = sqlite3_column_int (stmt, 1) ? RESFRI_BOOKING_ROOM : RESFRI_BOOKING_ITEM;
  booking->resource = _resfri_store_dup_column (stmt, 2);
  booking->type = booking->kind == RESFRI_BOOKING_ITEM ? _resfri_store_dup_column (stmt, 3) : NULL;
  booking->site = _resfri_store_dup_column (stmt, 4);
  booking->uid = _resfri_store_dup_column (stmt, 5);
  booking->recurrence_id = _resfri_store_dup_column (stmt, 6);
  booking->summary = _resfri_store_dup_column (stmt, 7);
  booking->person = _resfri_store_dup_column (stmt, 8);
  booking->start = sqlite3_column_int64 (stmt, 9);
  booking->end = sqlite3_column_int64 (stmt, 10);

  return booking;
}

/* Every row of @stmt (a BOOKING_SELECT) as a booking, reset after. */
static GPtrArray *
read_rows (ResfriStore   *store,
           sqlite3_stmt  *stmt,
           GError       **error)
{
  g_autoptr(GPtrArray) bookings = g_ptr_array_new_with_free_func ((GDestroyNotify) resfri_booking_free);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (bookings, booking_from_row (stmt));
  if (rc != SQLITE_DONE)
    _resfri_store_set_error (store, error, _("Cannot read the bookings"));
  sqlite3_reset (stmt);

  return rc == SQLITE_DONE ? g_steal_pointer (&bookings) : NULL;
}

/* Every booking the person @person_id holds (spec/privacy.md), by id. */
GPtrArray *
_resfri_bookings_list_for_person (ResfriStore  *store,
                                  gint64        person_id,
                                  GError      **error)
{
  sqlite3_stmt *stmt = _resfri_store_prepare (store, BOOKING_SELECT
                                              " WHERE b.person_id = ?1 ORDER BY b.id", error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, person_id);

  return read_rows (store, stmt, error);
}

ResfriBooking *
_resfri_bookings_get (ResfriStore  *store,
                      gint64        id,
                      GError      **error)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *id_text = NULL;
  sqlite3_stmt *stmt;

  if (!(stmt = _resfri_store_prepare (store, BOOKING_SELECT " WHERE b.id = ?1", error)))
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);

  if (!(rows = read_rows (store, stmt, error)))
    return NULL;
  if (rows->len > 0)
    return g_ptr_array_steal_index (rows, 0);
  id_text = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  g_set_error (error, RESFRI_ERROR, RESFRI_ERROR_NOT_FOUND, _("No booking %s"), id_text);
  return NULL;
}

/* A room by its code, else by its name (case-insensitive) when that names
 * exactly one room. */
gboolean
_resfri_bookings_find_room (ResfriStore  *store,
                            const char   *room,
                            RoomKeys     *keys,
                            GError      **error)
{
  static const char sql[] =
    "SELECT id, code, capacity FROM rooms WHERE code = ?1"
    " UNION ALL SELECT id, code, capacity FROM rooms WHERE code <> ?1 AND name = ?1 COLLATE NOCASE"
    "   AND (SELECT count(*) FROM rooms WHERE name = ?1 COLLATE NOCASE) = 1"
    " LIMIT 1";
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = _resfri_store_prepare (store, sql, error)))
    return FALSE;
  sqlite3_bind_text (stmt, 1, room, -1, SQLITE_TRANSIENT);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      keys->id = sqlite3_column_int64 (stmt, 0);
      keys->code = _resfri_store_dup_column (stmt, 1);
      keys->capacity = sqlite3_column_int64 (stmt, 2);
      sqlite3_reset (stmt);
      return TRUE;
    }

  if (rc == SQLITE_DONE)
    g_set_error (error, RESFRI_ERROR, RESFRI_ERROR_NOT_FOUND, _("No room “%s”"), room);
  else
    _resfri_store_set_error (store, error, _("Cannot read the rooms"));
  sqlite3_reset (stmt);

  return FALSE;
}

static gboolean
check_site (ResfriStore  *store,
            const char   *site,
            GError      **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (site == NULL)
    return TRUE;

  if (!(stmt = _resfri_store_prepare (store, "SELECT 1 FROM sites WHERE code = ?1", error)))
    return FALSE;
  sqlite3_bind_text (stmt, 1, site, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);

  if (rc == SQLITE_ROW)
    return TRUE;
  if (rc == SQLITE_DONE)
    g_set_error (error, RESFRI_ERROR, RESFRI_ERROR_NOT_FOUND, _("No site “%s”"), site);
  else
    _resfri_store_set_error (store, error, _("Cannot read the sites"));

  return FALSE;
}

/* The person attendees of a meeting (internal and external): not DECLINED,
 * not a room. */
#define PERSON "upper (coalesce (a.partstat, '')) <> 'DECLINED'" \
               " AND upper (coalesce (a.cutype, '')) NOT IN ('ROOM', 'RESOURCE')" \
               " AND a.email NOT IN (SELECT email FROM rooms WHERE email IS NOT NULL)"

/* The non-cancelled occurrence @uid + @recurrence_id; @headcount
 * (optional) gets its people: its person attendees and its organiser. */
gboolean
_resfri_bookings_find_occurrence (ResfriStore  *store,
                                  const char   *uid,
                                  const char   *recurrence_id,
                                  gint64       *start,
                                  gint64       *end,
                                  gint64       *headcount,
                                  GError      **error)
{
  static const char sql[] =
    "SELECT start, end,"
    "       (SELECT count(*) FROM attendees a WHERE a.meeting_id = o.meeting_id AND " PERSON ")"
    "       + (SELECT count(*) FROM meetings m WHERE m.id = o.meeting_id AND m.organizer <> ''"
    "           AND NOT EXISTS (SELECT 1 FROM attendees a WHERE a.meeting_id = m.id"
    "                            AND a.email = m.organizer AND " PERSON "))"
    "  FROM occurrences o WHERE uid = ?1 AND recurrence_id = ?2 AND cancelled = 0";
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = _resfri_store_prepare (store, sql, error)))
    return FALSE;
  sqlite3_bind_text (stmt, 1, uid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, recurrence_id ? recurrence_id : "", -1, SQLITE_TRANSIENT);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *start = sqlite3_column_int64 (stmt, 0);
      *end = sqlite3_column_int64 (stmt, 1);
      if (headcount != NULL)
        *headcount = sqlite3_column_int64 (stmt, 2);
      sqlite3_reset (stmt);
      return TRUE;
    }

  if (rc == SQLITE_DONE)
    {
      if (recurrence_id != NULL && *recurrence_id != '\0')
        g_set_error (error, RESFRI_ERROR, RESFRI_ERROR_NOT_FOUND,
                     _("No occurrence “%s” of meeting “%s” (or it is cancelled)"),
                     recurrence_id, uid);
      else
        g_set_error (error, RESFRI_ERROR, RESFRI_ERROR_NOT_FOUND,
                     _("No meeting “%s” without a recurrence ID (or it is cancelled); "
                       "name an occurrence of a series with its recurrence ID"), uid);
    }
  else
    _resfri_store_set_error (store, error, _("Cannot read the occurrences"));
  sqlite3_reset (stmt);

  return FALSE;
}

/* Every non-cancelled occurrence of @uid, by start, as slots without a
 * booking. NOT_FOUND when there is none. */
GPtrArray *
_resfri_bookings_series_occurrences (ResfriStore  *store,
                                     const char   *uid,
                                     GError      **error)
{
  static const char sql[] =
    "SELECT recurrence_id, start, end FROM occurrences"
    " WHERE uid = ?1 AND cancelled = 0 ORDER BY start, recurrence_id";
  g_autoptr(GPtrArray) slots = NULL;
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = _resfri_store_prepare (store, sql, error)))
    return NULL;
  sqlite3_bind_text (stmt, 1, uid, -1, SQLITE_TRANSIENT);

  slots = g_ptr_array_new_with_free_func ((GDestroyNotify) resfri_booking_slot_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ResfriBookingSlot *slot = g_new0 (ResfriBookingSlot, 1);

      slot->recurrence_id = _resfri_store_dup_column (stmt, 0);
      slot->start = sqlite3_column_int64 (stmt, 1);
      slot->end = sqlite3_column_int64 (stmt, 2);
      g_ptr_array_add (slots, slot);
    }

  if (rc != SQLITE_DONE)
    {
      _resfri_store_set_error (store, error, _("Cannot read the occurrences"));
      sqlite3_reset (stmt);
      return NULL;
    }
  sqlite3_reset (stmt);

  if (slots->len == 0)
    {
      g_set_error (error, RESFRI_ERROR, RESFRI_ERROR_NOT_FOUND,
                   _("No meeting “%s” (or all its occurrences are cancelled)"), uid);
      return NULL;
    }

  return g_steal_pointer (&slots);
}

/* The first booking of the room (or item) @resource_id overlapping
 * [start, end), 0 when none, -1 on error. */
gint64
_resfri_bookings_find_overlap (ResfriStore  *store,
                               gboolean      room,
                               gint64        resource_id,
                               gint64        start,
                               gint64        end,
                               GError      **error)
{
  static const char room_sql[] =
    "SELECT id FROM bookings WHERE room_id = ?1 AND start < ?3 AND ?2 < end"
    " ORDER BY start, id LIMIT 1";
  static const char item_sql[] =
    "SELECT id FROM bookings WHERE equipment_id = ?1 AND start < ?3 AND ?2 < end"
    " ORDER BY start, id LIMIT 1";
  sqlite3_stmt *stmt;
  gint64 id = 0;
  int rc;

  if (!(stmt = _resfri_store_prepare (store, room ? room_sql : item_sql, error)))
    return -1;
  sqlite3_bind_int64 (stmt, 1, resource_id);
  sqlite3_bind_int64 (stmt, 2, start);
  sqlite3_bind_int64 (stmt, 3, end);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  else if (rc != SQLITE_DONE)
    {
      _resfri_store_set_error (store, error, _("Cannot read the bookings"));
      id = -1;
    }
  sqlite3_reset (stmt);

  return id;
}

/* Inserts one booking row; the triggers refuse an overlap. Returns the new
 * id, or 0 with @error. _resfri_bookings_insert() adds its audit row. */
gint64
_resfri_bookings_insert_row (ResfriStore  *store,
                             gint64        room_id,
                             gint64        equipment_id,
                             gint64        person_id,
                             const char   *uid,
                             const char   *recurrence_id,
                             gint64        start,
                             gint64        end,
                             GError      **error)
{
  static const char sql[] =
    "INSERT INTO bookings (uid, recurrence_id, room_id, equipment_id, person_id, start, end,"
    "                      created_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, CAST (strftime ('%s', 'now') AS INTEGER))";
  sqlite3_stmt *stmt;

  if (!(stmt = _resfri_store_prepare (store, sql, error)))
    return 0;

  sqlite3_bind_text (stmt, 1, uid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, recurrence_id ? recurrence_id : "", -1, SQLITE_TRANSIENT);
  if (room_id > 0)
    sqlite3_bind_int64 (stmt, 3, room_id);
  else
    sqlite3_bind_null (stmt, 3);
  if (equipment_id > 0)
    sqlite3_bind_int64 (stmt, 4, equipment_id);
  else
    sqlite3_bind_null (stmt, 4);
  if (person_id > 0)
    sqlite3_bind_int64 (stmt, 5, person_id);
  else
    sqlite3_bind_null (stmt, 5);
  sqlite3_bind_int64 (stmt, 6, start);
  sqlite3_bind_int64 (stmt, 7, end);

  if (!_resfri_store_step_done (store, stmt, _("Cannot store the booking"), error))
    return 0;

  return sqlite3_last_insert_rowid (_resfri_store_get_db (store));
}

/* Deletes the booking @id. */
gboolean
_resfri_bookings_delete (ResfriStore  *store,
                         gint64        id,
                         GError      **error)
{
  sqlite3_stmt *stmt;

  if (!(stmt = _resfri_store_prepare (store, "DELETE FROM bookings WHERE id = ?1", error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);

  return _resfri_store_step_done (store, stmt, _("Cannot cancel the booking"), error);
}

GPtrArray *
_resfri_bookings_query_rooms (ResfriStore  *store,
                              const char   *site,
                              gint64        min_capacity,
                              gboolean      vc_only,
                              gboolean      free_only,
                              gint64        start,
                              gint64        end,
                              GArray       *ids,
                              GError      **error)
{
  /* Fit: the smallest room that seats everyone first. */
  static const char sql[] =
    "SELECT r.id, r.code, r.name, s.code, r.capacity, r.vc FROM rooms r"
    "  JOIN sites s ON s.id = r.site_id"
    " WHERE (?1 IS NULL OR s.code = ?1) AND r.capacity >= ?2 AND (?3 = 0 OR r.vc = 1)"
    "   AND (?4 = 0 OR NOT EXISTS (SELECT 1 FROM bookings b"
    "          WHERE b.room_id = r.id AND b.start < ?6 AND ?5 < b.end))"
    " ORDER BY s.code, r.capacity, r.name, r.code";
  g_autoptr(GPtrArray) rooms = NULL;
  sqlite3_stmt *stmt;
  int rc;

  if (!check_site (store, site, error))
    return NULL;
  if (!(stmt = _resfri_store_prepare (store, sql, error)))
    return NULL;

  if (site != NULL)
    sqlite3_bind_text (stmt, 1, site, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, 1);
  sqlite3_bind_int64 (stmt, 2, MAX (min_capacity, 0));
  sqlite3_bind_int (stmt, 3, vc_only ? 1 : 0);
  sqlite3_bind_int (stmt, 4, free_only ? 1 : 0);
  sqlite3_bind_int64 (stmt, 5, start);
  sqlite3_bind_int64 (stmt, 6, end);

  rooms = g_ptr_array_new_with_free_func ((GDestroyNotify) resfri_room_availability_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ResfriRoomAvailability *room = g_new0 (ResfriRoomAvailability, 1);
      gint64 id = sqlite3_column_int64 (stmt, 0);

      room->room = _resfri_store_dup_column (stmt, 1);
      room->name = _resfri_store_dup_column (stmt, 2);
      room->site = _resfri_store_dup_column (stmt, 3);
      room->capacity = sqlite3_column_int64 (stmt, 4);
      room->vc = sqlite3_column_int (stmt, 5) != 0;
      room->taken = g_ptr_array_new_with_free_func ((GDestroyNotify) resfri_booking_slot_free);
      g_ptr_array_add (rooms, room);
      if (ids != NULL)
        g_array_append_val (ids, id);
    }

  if (rc != SQLITE_DONE)
    {
      _resfri_store_set_error (store, error, _("Cannot read the rooms"));
      sqlite3_reset (stmt);
      return NULL;
    }
  sqlite3_reset (stmt);

  return g_steal_pointer (&rooms);
}

/* Reads inside one transaction, so that the answer is one state of the
 * database; inside the caller's transaction when there is one. Returns
 * whether _resfri_bookings_end_read() has a transaction to end. */
gboolean
_resfri_bookings_begin_read (ResfriStore  *store,
                             gboolean     *owned,
                             GError      **error)
{
  *owned = FALSE;
  if (_resfri_store_in_transaction (store))
    return TRUE;
  if (!_resfri_store_exec (store, "BEGIN", error))
    return FALSE;
  *owned = TRUE;

  return TRUE;
}

void
_resfri_bookings_end_read (ResfriStore *store,
                           gboolean     owned)
{
  if (owned)
    sqlite3_exec (_resfri_store_get_db (store), "COMMIT", NULL, NULL, NULL);
}

/* Items, people, sites */

void
_resfri_bookings_item_row_clear (ItemRow *row)
{
  g_clear_pointer (&row->tag, g_free);
  g_clear_pointer (&row->type, g_free);
  g_clear_pointer (&row->state, g_free);
}

gboolean
_resfri_bookings_read_item (ResfriStore  *store,
                            const char   *tag,
                            gint64        id,
                            ItemRow      *row,
                            GError      **error)
{
  static const char sql[] =
    "SELECT e.id, e.tag, t.name, e.site_id, coalesce (e.owner_id, 0), e.state"
    "  FROM equipment e JOIN equipment_types t ON t.id = e.type_id"
    " WHERE (?1 IS NOT NULL AND e.tag = ?1) OR (?1 IS NULL AND e.id = ?2)";
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = _resfri_store_prepare (store, sql, error)))
    return FALSE;
  if (tag != NULL)
    sqlite3_bind_text (stmt, 1, tag, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, 1);
  sqlite3_bind_int64 (stmt, 2, id);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      row->id = sqlite3_column_int64 (stmt, 0);
      row->tag = _resfri_store_dup_column (stmt, 1);
      row->type = _resfri_store_dup_column (stmt, 2);
      row->site_id = sqlite3_column_int64 (stmt, 3);
      row->owner_id = sqlite3_column_int64 (stmt, 4);
      row->state = _resfri_store_dup_column (stmt, 5);
      sqlite3_reset (stmt);
      return TRUE;
    }

  if (rc == SQLITE_DONE)
    {
      if (tag != NULL)
        g_set_error (error, RESFRI_ERROR, RESFRI_ERROR_NOT_FOUND, _("No item with tag “%s”"), tag);
      else
        {
          g_autofree char *id_text = g_strdup_printf ("%" G_GINT64_FORMAT, id);

          g_set_error (error, RESFRI_ERROR, RESFRI_ERROR_NOT_FOUND, _("No item with id %s"),
                       id_text);
        }
    }
  else
    _resfri_store_set_error (store, error, _("Cannot read the inventory"));
  sqlite3_reset (stmt);

  return FALSE;
}

/* A person by id (@email NULL) or by email: their id and home site. */
gboolean
_resfri_bookings_read_person (ResfriStore  *store,
                              const char   *email,
                              gint64        id,
                              gint64       *person_id,
                              gint64       *site_id,
                              GError      **error)
{
  static const char sql[] =
    "SELECT id, site_id FROM people"
    " WHERE (?1 IS NOT NULL AND email = ?1) OR (?1 IS NULL AND id = ?2)";
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = _resfri_store_prepare (store, sql, error)))
    return FALSE;
  if (email != NULL)
    sqlite3_bind_text (stmt, 1, email, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, 1);
  sqlite3_bind_int64 (stmt, 2, id);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *person_id = sqlite3_column_int64 (stmt, 0);
      *site_id = sqlite3_column_int64 (stmt, 1);
      sqlite3_reset (stmt);
      return TRUE;
    }

  if (rc == SQLITE_DONE)
    {
      if (email != NULL)
        g_set_error (error, RESFRI_ERROR, RESFRI_ERROR_NOT_FOUND, _("No person with email “%s”"),
                     email);
      else
        {
          g_autofree char *id_text = g_strdup_printf ("%" G_GINT64_FORMAT, id);

          g_set_error (error, RESFRI_ERROR, RESFRI_ERROR_NOT_FOUND, _("No person with id %s"),
                       id_text);
        }
    }
  else
    _resfri_store_set_error (store, error, _("Cannot read the people"));
  sqlite3_reset (stmt);

  return FALSE;
}

/* Whether @person_id (0: anybody, as for the room's video kit) already has
 * an item of @type booked for the occurrence; -1 on error. */
int
_resfri_bookings_has_loan (ResfriStore  *store,
                           const char   *uid,
                           const char   *recurrence_id,
                           gint64        person_id,
                           const char   *type,
                           GError      **error)
{
  static const char sql[] =
    "SELECT 1 FROM bookings b"
    "  JOIN equipment e ON e.id = b.equipment_id"
    "  JOIN equipment_types t ON t.id = e.type_id"
    " WHERE b.uid = ?1 AND b.recurrence_id = ?2 AND (?3 = 0 OR b.person_id = ?3)"
    "   AND t.name = ?4"
    " LIMIT 1";
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = _resfri_store_prepare (store, sql, error)))
    return -1;
  sqlite3_bind_text (stmt, 1, uid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, recurrence_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, person_id);
  sqlite3_bind_text (stmt, 4, type, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      _resfri_store_set_error (store, error, _("Cannot read the bookings"));
      return -1;
    }

  return rc == SQLITE_ROW;
}

/* The first loan item (by tag) of the pool (@site_id, @type) that no
 * booking holds during [start, end): its id, 0 when none, -1 on error. */
gint64
_resfri_bookings_find_free_item (ResfriStore  *store,
                                 gint64        site_id,
                                 const char   *type,
                                 gint64        start,
                                 gint64        end,
                                 GError      **error)
{
  static const char sql[] =
    "SELECT e.id FROM equipment e JOIN equipment_types t ON t.id = e.type_id"
    " WHERE e.site_id = ?1 AND t.name = ?2 AND e.owner_id IS NULL AND e.state = 'ok'"
    "   AND NOT EXISTS (SELECT 1 FROM bookings b"
    "                    WHERE b.equipment_id = e.id AND b.start < ?4 AND ?3 < b.end)"
    " ORDER BY e.tag";
  g_autoptr(GArray) free_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = _resfri_store_prepare (store, sql, error)))
    return -1;
  sqlite3_bind_int64 (stmt, 1, site_id);
  sqlite3_bind_text (stmt, 2, type, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, start);
  sqlite3_bind_int64 (stmt, 4, end);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (free_ids, id);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _resfri_store_set_error (store, error, _("Cannot read the inventory"));
      return -1;
    }

  /* The first one no calendar reserves then. */
  for (guint i = 0; i < free_ids->len; i++)
    {
      gint64 id = g_array_index (free_ids, gint64, i);
      g_autoptr(GError) local = NULL;
      int reserved = _resfri_reservations_find_item (store, id, "", start, end, NULL, NULL, &local);

      if (reserved == 0)
        return id;
      if (reserved < 0)
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return -1;
        }
    }

  return 0;
}

gboolean
_resfri_bookings_read_site (ResfriStore  *store,
                            gint64        site_id,
                            char        **code,
                            char        **name,
                            GError      **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = _resfri_store_prepare (store, "SELECT code, name FROM sites WHERE id = ?1", error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, site_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *code = _resfri_store_dup_column (stmt, 0);
      *name = _resfri_store_dup_column (stmt, 1);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    {
      _resfri_store_set_error (store, error, _("Cannot read the sites"));
      return FALSE;
    }

  return TRUE;
}

/* Utilisation */

gboolean
_resfri_bookings_read_pools (ResfriStore  *store,
                             GPtrArray    *rows,
                             GArray       *keys,
                             GError      **error)
{
  static const char sql[] =
    "SELECT e.site_id, e.type_id, s.code, t.name, count(*) FROM equipment e"
    "  JOIN sites s ON s.id = e.site_id JOIN equipment_types t ON t.id = e.type_id"
    " WHERE e.owner_id IS NULL AND e.state = 'ok'"
    " GROUP BY e.site_id, e.type_id ORDER BY s.code, t.name";
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = _resfri_store_prepare (store, sql, error)))
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ResfriUtilisation *row = g_new0 (ResfriUtilisation, 1);
      gint64 site_id = sqlite3_column_int64 (stmt, 0);
      gint64 type_id = sqlite3_column_int64 (stmt, 1);

      row->kind = RESFRI_BOOKING_ITEM;
      row->site = _resfri_store_dup_column (stmt, 2);
      row->type = _resfri_store_dup_column (stmt, 3);
      row->items = sqlite3_column_int64 (stmt, 4);
      g_ptr_array_add (rows, row);
      g_array_append_val (keys, site_id);
      g_array_append_val (keys, type_id);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _resfri_store_set_error (store, error, _("Cannot read the inventory"));
      return FALSE;
    }

  return TRUE;
}

gboolean
_resfri_bookings_read_video_rooms (ResfriStore  *store,
                                   GPtrArray    *rows,
                                   GArray       *keys,
                                   GError      **error)
{
  static const char sql[] =
    "SELECT r.id, s.code, r.code, r.name FROM rooms r JOIN sites s ON s.id = r.site_id"
    " WHERE r.vc = 1 ORDER BY s.code, r.name, r.code";
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = _resfri_store_prepare (store, sql, error)))
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ResfriUtilisation *row = g_new0 (ResfriUtilisation, 1);
      gint64 room_id = sqlite3_column_int64 (stmt, 0);

      row->kind = RESFRI_BOOKING_ROOM;
      row->site = _resfri_store_dup_column (stmt, 1);
      row->room = _resfri_store_dup_column (stmt, 2);
      row->name = _resfri_store_dup_column (stmt, 3);
      row->items = 1;
      g_ptr_array_add (rows, row);
      g_array_append_val (keys, room_id);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _resfri_store_set_error (store, error, _("Cannot read the rooms"));
      return FALSE;
    }

  return TRUE;
}

GArray *
_resfri_bookings_read_intervals (ResfriStore  *store,
                                 gboolean      room,
                                 gint64        key,
                                 gint64        type_id,
                                 gint64        from,
                                 gint64        to,
                                 GError      **error)
{
  static const char pool_sql[] =
    "SELECT b.start, b.end FROM bookings b JOIN equipment e ON e.id = b.equipment_id"
    " WHERE e.site_id = ?1 AND e.type_id = ?2 AND e.owner_id IS NULL AND e.state = 'ok'"
    "   AND b.start < ?4 AND ?3 < b.end";
  static const char room_sql[] =
    "SELECT start, end FROM bookings WHERE room_id = ?1 AND start < ?3 AND ?2 < end";
  g_autoptr(GArray) intervals = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = _resfri_store_prepare (store, room ? room_sql : pool_sql, error)))
    return NULL;
  if (room)
    {
      sqlite3_bind_int64 (stmt, 1, key);
      sqlite3_bind_int64 (stmt, 2, from);
      sqlite3_bind_int64 (stmt, 3, to);
    }
  else
    {
      sqlite3_bind_int64 (stmt, 1, key);
      sqlite3_bind_int64 (stmt, 2, type_id);
      sqlite3_bind_int64 (stmt, 3, from);
      sqlite3_bind_int64 (stmt, 4, to);
    }

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 start = sqlite3_column_int64 (stmt, 0);
      gint64 end = sqlite3_column_int64 (stmt, 1);

      g_array_append_val (intervals, start);
      g_array_append_val (intervals, end);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _resfri_store_set_error (store, error, _("Cannot read the bookings"));
      return NULL;
    }

  return g_steal_pointer (&intervals);
}

/* Reads for allocation */

/* The bookings of the loan pools' items that intersect [from, to): only
 * the pools' items, since a booking of an item that broke or was handed
 * out serves nobody now. */
gboolean
_resfri_bookings_read_pool_loans (ResfriStore            *store,
                                  gint64                  from,
                                  gint64                  to,
                                  ResfriLoanBookingFunc   func,
                                  gpointer                user_data,
                                  GError                **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = _resfri_store_prepare (store,
                                      "SELECT b.equipment_id, b.start, b.end, coalesce (b.person_id, 0),"
                                      "       e.site_id, t.name, b.uid, b.recurrence_id"
                                      "  FROM bookings b"
                                      "  JOIN equipment e ON e.id = b.equipment_id"
                                      "  JOIN equipment_types t ON t.id = e.type_id"
                                      " WHERE b.equipment_id IS NOT NULL AND b.start < ?1 AND b.end > ?2"
                                      "   AND e.owner_id IS NULL AND e.state = 'ok'"
                                      " ORDER BY b.equipment_id, b.start",
                                      error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, to);
  sqlite3_bind_int64 (stmt, 2, from);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ResfriLoanBooking booking = {
        .equipment_id = sqlite3_column_int64 (stmt, 0),
        .start = sqlite3_column_int64 (stmt, 1),
        .end = sqlite3_column_int64 (stmt, 2),
        .person_id = sqlite3_column_int64 (stmt, 3),
        .site_id = sqlite3_column_int64 (stmt, 4),
        .type = (const char *) sqlite3_column_text (stmt, 5),
        .uid = (const char *) sqlite3_column_text (stmt, 6),
        .recurrence_id = (const char *) sqlite3_column_text (stmt, 7),
      };

      func (&booking, user_data);
    }
  if (rc != SQLITE_DONE)
    {
      _resfri_store_set_error (store, error, _("Could not read the bookings"));
      return FALSE;
    }

  return TRUE;
}

/* The public calls */

/**
 * resfri_bookings_get_occurrences:
 * @uid: a meeting's UID
 *
 * Returns: (transfer container) (element-type ResfriBookingSlot): the
 *   meeting's non-cancelled occurrences by start (booking 0), or %NULL with
 *   @error (NOT_FOUND when there is none)
 */
GPtrArray *
resfri_bookings_get_occurrences (ResfriStore  *store,
                                 const char   *uid,
                                 GError      **error)
{
  g_return_val_if_fail (RESFRI_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!_resfri_bookings_check_text (uid, _("The UID is empty"), error))
    return NULL;

  return _resfri_bookings_series_occurrences (store, uid, error);
}

/**
 * resfri_bookings_list:
 * @from: the window's start (G_MININT64 for no bound)
 * @to: its end, exclusive (G_MAXINT64 for no bound)
 *
 * The bookings whose interval intersects [@from, @to), by start then id,
 * and the reservations the calendar holds among them (source calendar),
 * each overlap of two occurrences in one room marked as a conflict.
 *
 * Returns: (transfer container) (element-type ResfriBooking): the bookings,
 *   or %NULL with @error
 */
GPtrArray *
resfri_bookings_list (ResfriStore  *store,
                      gint64        from,
                      gint64        to,
                      GError      **error)
{
  g_autoptr(GPtrArray) bookings = NULL;
  sqlite3_stmt *stmt;
  gboolean owned;

  g_return_val_if_fail (RESFRI_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!_resfri_bookings_begin_read (store, &owned, error))
    return NULL;

  if (!(stmt = _resfri_store_prepare (store, BOOKING_SELECT
                                      " WHERE b.start < ?2 AND ?1 < b.end"
                                      " ORDER BY b.start, b.id", error)))
    {
      _resfri_bookings_end_read (store, owned);
      return NULL;
    }
  sqlite3_bind_int64 (stmt, 1, from);
  sqlite3_bind_int64 (stmt, 2, to);

  if ((bookings = read_rows (store, stmt, error)) != NULL &&
      !_resfri_reservations_add_to_list (store, from, to, bookings, error))
    g_clear_pointer (&bookings, g_ptr_array_unref);
  _resfri_bookings_end_read (store, owned);

  return g_steal_pointer (&bookings);
}

/**
 * resfri_bookings_list_for_occurrence:
 * @uid: the occurrence's UID
 * @recurrence_id: (nullable): its RECURRENCE-ID ("" or %NULL when it does
 *   not recur)
 *
 * The rooms and items booked for one occurrence: rooms first, then items,
 * each by code or tag.
 *
 * Returns: (transfer container) (element-type ResfriBooking): the bookings,
 *   or %NULL with @error
 */
GPtrArray *
resfri_bookings_list_for_occurrence (ResfriStore  *store,
                                     const char   *uid,
                                     const char   *recurrence_id,
                                     GError      **error)
{
  g_autoptr(GPtrArray) bookings = NULL;
  sqlite3_stmt *stmt;
  gboolean owned;

  g_return_val_if_fail (RESFRI_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!_resfri_bookings_check_text (uid, _("The UID is empty"), error) ||
      !_resfri_bookings_begin_read (store, &owned, error))
    return NULL;

  if (!(stmt = _resfri_store_prepare (store, BOOKING_SELECT
                                      " WHERE b.uid = ?1 AND b.recurrence_id = ?2"
                                      " ORDER BY b.room_id IS NULL, 3, b.start, b.id", error)))
    {
      _resfri_bookings_end_read (store, owned);
      return NULL;
    }
  sqlite3_bind_text (stmt, 1, uid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, recurrence_id ? recurrence_id : "", -1, SQLITE_TRANSIENT);

  bookings = read_rows (store, stmt, error);
  _resfri_bookings_end_read (store, owned);

  return g_steal_pointer (&bookings);
}

/* Reservations the calendar holds */

gboolean
_resfri_bookings_read_reservation_rows (ResfriStore        *store,
                                        const char         *sql,
                                        ResfriBookingKind   kind,
                                        gint64              id,
                                        gint64              from,
                                        gint64              to,
                                        GPtrArray          *into,
                                        GArray             *ids,
                                        GError            **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = _resfri_store_prepare (store, sql, error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int64 (stmt, 2, from);
  sqlite3_bind_int64 (stmt, 3, to);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ResfriBooking *booking = g_new0 (ResfriBooking, 1);
      gint64 row_id = sqlite3_column_int64 (stmt, 0);

      booking->kind = kind;
      booking->source = RESFRI_BOOKING_SOURCE_CALENDAR;
      booking->resource = _resfri_store_dup_column (stmt, 1);
      booking->type = _resfri_store_dup_column (stmt, 2);
      booking->site = _resfri_store_dup_column (stmt, 3);
      booking->uid = _resfri_store_dup_column (stmt, 4);
      booking->recurrence_id = _resfri_store_dup_column (stmt, 5);
      booking->summary = _resfri_store_dup_column (stmt, 6);
      booking->start = sqlite3_column_int64 (stmt, 7);
      booking->end = sqlite3_column_int64 (stmt, 8);
      g_ptr_array_add (into, booking);
      if (ids != NULL)
        g_array_append_val (ids, row_id);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _resfri_store_set_error (store, error, _("Cannot read the calendar’s room reservations"));
      return FALSE;
    }

  return TRUE;
}

/* The occurrences, not cancelled and with a duration, of the meetings
 * whose ATTENDEE;CUTYPE=ROOM (or RESOURCE), not DECLINED, is a room's
 * email or alias (@kind ROOM) or an item's address: those of room or item
 * @id (0: every one) that intersect [from, to) are appended to @into as
 * bookings of source calendar with id 0, by start, and the room's or
 * item's row id to @ids (may be NULL). (What a followed calendar reserves:
 * sync/resfri-sources.c.) CROSS JOIN starts from the items with an
 * address: the planner walked every occurrence before @to instead. */
gboolean
_resfri_bookings_read_reservations (ResfriStore        *store,
                                    ResfriBookingKind   kind,
                                    gint64              id,
                                    gint64              from,
                                    gint64              to,
                                    GPtrArray          *into,
                                    GArray             *ids,
                                    GError            **error)
{
  static const char room_sql[] =
    "SELECT DISTINCT r.id, r.code, NULL, s.code, o.uid, o.recurrence_id, m.summary, o.start,"
    "       o.end"
    "  FROM (SELECT id AS room_id, email AS address FROM rooms WHERE email IS NOT NULL"
    "        UNION SELECT room_id, alias FROM room_aliases) ra"
    "  JOIN rooms r ON r.id = ra.room_id JOIN sites s ON s.id = r.site_id"
    "  JOIN attendees a ON a.email = ra.address"
    "  JOIN meetings m ON m.id = a.meeting_id"
    "  JOIN occurrences o ON o.meeting_id = a.meeting_id"
    " WHERE (?1 = 0 OR ra.room_id = ?1) AND o.start < ?3 AND ?2 < o.end"
    "   AND o.cancelled = 0 AND o.end > o.start"
    "   AND upper (coalesce (a.cutype, '')) IN ('ROOM', 'RESOURCE')"
    "   AND upper (coalesce (a.partstat, '')) <> 'DECLINED'"
    " ORDER BY o.start, r.code, o.uid, o.recurrence_id";
  static const char item_sql[] =
    "SELECT DISTINCT e.id, e.tag, t.name, s.code, o.uid, o.recurrence_id, m.summary, o.start,"
    "       o.end"
    "  FROM equipment e JOIN equipment_types t ON t.id = e.type_id"
    "  JOIN sites s ON s.id = e.site_id"
    "  CROSS JOIN attendees a ON a.email = e.email"
    "  JOIN meetings m ON m.id = a.meeting_id"
    "  JOIN occurrences o ON o.meeting_id = a.meeting_id"
    " WHERE e.email IS NOT NULL AND (?1 = 0 OR e.id = ?1) AND o.start < ?3 AND ?2 < o.end"
    "   AND o.cancelled = 0 AND o.end > o.start"
    "   AND upper (coalesce (a.cutype, '')) IN ('ROOM', 'RESOURCE')"
    "   AND upper (coalesce (a.partstat, '')) <> 'DECLINED'"
    " ORDER BY o.start, e.tag, o.uid, o.recurrence_id";

  return _resfri_bookings_read_reservation_rows (store,
                                                 kind == RESFRI_BOOKING_ROOM ? room_sql : item_sql,
                                                 kind, id, from, to, into, ids, error);
}

/* Bookings that follow their meeting */

/* Moves booking @id to [start, end); the triggers refuse an overlap. */
gboolean
_resfri_bookings_move (ResfriStore  *store,
                       gint64        id,
                       gint64        start,
                       gint64        end,
                       GError      **error)
{
  sqlite3_stmt *stmt;

  if (!(stmt = _resfri_store_prepare (store, "UPDATE bookings SET start = ?2, end = ?3"
                                             " WHERE id = ?1", error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int64 (stmt, 2, start);
  sqlite3_bind_int64 (stmt, 3, end);

  return _resfri_store_step_done (store, stmt, _("Cannot move the booking"), error);
}

/* Reads for export */

gboolean
_resfri_bookings_foreach_resource (ResfriStore               *store,
                                   const char                *uid,
                                   ResfriBookedResourceFunc   func,
                                   gpointer                   user_data,
                                   GError                   **error)
{
  static const char * const queries[] = {
    "SELECT b.room_id, b.recurrence_id, r.name, r.email, r.code FROM bookings b"
    " JOIN rooms r ON r.id = b.room_id WHERE b.uid = ?1 ORDER BY r.code, b.recurrence_id",
    "SELECT b.equipment_id, b.recurrence_id, e.tag, t.name, NULL FROM bookings b"
    " JOIN equipment e ON e.id = b.equipment_id JOIN equipment_types t ON t.id = e.type_id"
    " WHERE b.uid = ?1 ORDER BY e.tag, b.recurrence_id",
  };

  for (gsize q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      sqlite3_stmt *stmt = _resfri_store_prepare (store, queries[q], error);
      int rc;

      if (stmt == NULL)
        return FALSE;

      sqlite3_bind_text (stmt, 1, uid, -1, SQLITE_STATIC);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          ResfriBookedResource resource;

          resource.is_room = q == 0;
          resource.id = sqlite3_column_int64 (stmt, 0);
          resource.recurrence_id = (const char *) sqlite3_column_text (stmt, 1);
          resource.name = (const char *) sqlite3_column_text (stmt, 2);
          resource.detail = (const char *) sqlite3_column_text (stmt, 3);
          resource.code = (const char *) sqlite3_column_text (stmt, 4);
          func (&resource, user_data);
        }
      if (rc != SQLITE_DONE)
        {
          _resfri_store_set_error (store, error, _("Cannot read the meetings to export"));
          sqlite3_reset (stmt);
          return FALSE;
        }
      sqlite3_reset (stmt);
    }

  return TRUE;
}

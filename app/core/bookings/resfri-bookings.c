/* resfri-bookings.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Manual bookings of rooms and loan items, free rooms and utilisation.
 *
 * Rules decided here (for spec/cli.md):
 *
 * - A room is free for [start, end) when none of its bookings overlaps that
 *   interval (half-open). Free rooms sort by site code, then fit (the
 *   smallest capacity that is enough first), then name.
 * - `book item` lends a loan item (no owner) in state ok to a person for an
 *   occurrence. A headset, camera or any other personal-use type must be in
 *   the pool of the person's home site, as allocation assigns them
 *   (spec/allocation.md); a vc-kit serves a room rather than a person and
 *   may come from any site's pool. The interval is the occurrence's widened
 *   by the policy's loan_buffer_min on each side, as allocation's demands.
 * - resfri_bookings_add_item(), for allocate --book, checks only what must
 *   always hold (a loan item in state ok, an existing occurrence and
 *   person, end > start) and takes the interval as given.
 * - Utilisation counts working hours as weekdays 08:00–17:00
 *   Europe/Stockholm; public holidays are not known and count as working
 *   days. A pool is the site's loan items of one type in state ok as they
 *   are now; bookings of items that have since left the pool do not count.
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "resfri-bookings.h"
#include "resfri-inventory.h"
#include "resfri-policy-settings.h"
#include "resfri-policy-check.h"
#include "resfri-store-private.h"

#define HOME_ZONE "Europe/Stockholm"
#define WORKDAY_START_HOUR 8
#define WORKDAY_END_HOUR 17

G_DEFINE_BOXED_TYPE (ResfriBooking, resfri_booking, resfri_booking_copy, resfri_booking_free)
G_DEFINE_BOXED_TYPE (ResfriBookingSlot, resfri_booking_slot, resfri_booking_slot_copy,
                     resfri_booking_slot_free)
G_DEFINE_BOXED_TYPE (ResfriRoomAvailability, resfri_room_availability,
                     resfri_room_availability_copy, resfri_room_availability_free)
G_DEFINE_BOXED_TYPE (ResfriUtilisation, resfri_utilisation, resfri_utilisation_copy,
                     resfri_utilisation_free)
G_DEFINE_BOXED_TYPE (ResfriItemNeed, resfri_item_need, resfri_item_need_copy,
                     resfri_item_need_free)

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

static GTimeZone *
home_zone (void)
{
  static GTimeZone *zone = NULL;

  if (g_once_init_enter (&zone))
    {
      GTimeZone *tz = g_time_zone_new_identifier (HOME_ZONE);

      /* Without tzdata there is nothing better than UTC. */
      if (tz == NULL)
        tz = g_time_zone_new_utc ();
      g_once_init_leave (&zone, tz);
    }

  return zone;
}

static char *
format_local (gint64 t)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (t);
  g_autoptr(GDateTime) local = NULL;

  if (utc == NULL)
    return g_strdup ("?");
  local = g_date_time_to_timezone (utc, home_zone ());

  return g_date_time_format (local, "%Y-%m-%d %H:%M");
}

static gboolean
check_text (const char  *text,
            const char  *message,
            GError     **error)
{
  if (text == NULL || *text == '\0')
    {
      g_set_error_literal (error, RESFRI_ERROR, RESFRI_ERROR_INVALID_INPUT, message);
      return FALSE;
    }

  return TRUE;
}

/* Boxed types */

ResfriBooking *
resfri_booking_copy (const ResfriBooking *booking)
{
  ResfriBooking *copy;

  g_return_val_if_fail (booking != NULL, NULL);

  copy = g_new0 (ResfriBooking, 1);
  *copy = *booking;
  copy->resource = g_strdup (booking->resource);
  copy->type = g_strdup (booking->type);
  copy->site = g_strdup (booking->site);
  copy->uid = g_strdup (booking->uid);
  copy->recurrence_id = g_strdup (booking->recurrence_id);
  copy->summary = g_strdup (booking->summary);
  copy->person = g_strdup (booking->person);

  return copy;
}

void
resfri_booking_free (ResfriBooking *booking)
{
  if (booking == NULL)
    return;

  g_free (booking->resource);
  g_free (booking->type);
  g_free (booking->site);
  g_free (booking->uid);
  g_free (booking->recurrence_id);
  g_free (booking->summary);
  g_free (booking->person);
  g_free (booking);
}

ResfriBookingSlot *
resfri_booking_slot_copy (const ResfriBookingSlot *slot)
{
  ResfriBookingSlot *copy;

  g_return_val_if_fail (slot != NULL, NULL);

  copy = g_new0 (ResfriBookingSlot, 1);
  *copy = *slot;
  copy->recurrence_id = g_strdup (slot->recurrence_id);

  return copy;
}

void
resfri_booking_slot_free (ResfriBookingSlot *slot)
{
  if (slot == NULL)
    return;

  g_free (slot->recurrence_id);
  g_free (slot);
}

ResfriRoomAvailability *
resfri_room_availability_copy (const ResfriRoomAvailability *room)
{
  ResfriRoomAvailability *copy;

  g_return_val_if_fail (room != NULL, NULL);

  copy = g_new0 (ResfriRoomAvailability, 1);
  *copy = *room;
  copy->room = g_strdup (room->room);
  copy->name = g_strdup (room->name);
  copy->site = g_strdup (room->site);
  copy->taken = g_ptr_array_new_with_free_func ((GDestroyNotify) resfri_booking_slot_free);
  if (room->taken != NULL)
    for (guint i = 0; i < room->taken->len; i++)
      g_ptr_array_add (copy->taken, resfri_booking_slot_copy (g_ptr_array_index (room->taken, i)));

  return copy;
}

void
resfri_room_availability_free (ResfriRoomAvailability *room)
{
  if (room == NULL)
    return;

  g_free (room->room);
  g_free (room->name);
  g_free (room->site);
  g_clear_pointer (&room->taken, g_ptr_array_unref);
  g_free (room);
}

ResfriUtilisation *
resfri_utilisation_copy (const ResfriUtilisation *row)
{
  ResfriUtilisation *copy;

  g_return_val_if_fail (row != NULL, NULL);

  copy = g_new0 (ResfriUtilisation, 1);
  *copy = *row;
  copy->site = g_strdup (row->site);
  copy->type = g_strdup (row->type);
  copy->room = g_strdup (row->room);
  copy->name = g_strdup (row->name);

  return copy;
}

void
resfri_utilisation_free (ResfriUtilisation *row)
{
  if (row == NULL)
    return;

  g_free (row->site);
  g_free (row->type);
  g_free (row->room);
  g_free (row->name);
  g_free (row);
}

const char *
resfri_booking_kind_to_string (ResfriBookingKind kind)
{
  return kind == RESFRI_BOOKING_ROOM ? "room" : "item";
}

/* Reading rows */

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

static ResfriBooking *
get_booking (ResfriStore  *store,
             gint64        id,
             GError      **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = _resfri_store_prepare (store, BOOKING_SELECT " WHERE b.id = ?1", error)))
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      ResfriBooking *booking = booking_from_row (stmt);

      sqlite3_reset (stmt);
      return booking;
    }

  if (rc == SQLITE_DONE)
    {
      g_autofree char *id_text = g_strdup_printf ("%" G_GINT64_FORMAT, id);

      g_set_error (error, RESFRI_ERROR, RESFRI_ERROR_NOT_FOUND, _("No booking %s"), id_text);
    }
  else
    _resfri_store_set_error (store, error, _("Cannot read a booking"));
  sqlite3_reset (stmt);

  return NULL;
}

typedef struct
{
  gint64  id;
  char   *code;
} RoomKeys;

/* A room by its code, else by its name (case-insensitive) when that names
 * exactly one room. */
static gboolean
find_room (ResfriStore  *store,
           const char   *room,
           RoomKeys     *keys,
           GError      **error)
{
  static const char sql[] =
    "SELECT id, code FROM rooms WHERE code = ?1"
    " UNION ALL SELECT id, code FROM rooms WHERE code <> ?1 AND name = ?1 COLLATE NOCASE"
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

/* The non-cancelled occurrence @uid + @recurrence_id. */
static gboolean
find_occurrence (ResfriStore  *store,
                 const char   *uid,
                 const char   *recurrence_id,
                 gint64       *start,
                 gint64       *end,
                 GError      **error)
{
  static const char sql[] =
    "SELECT start, end FROM occurrences"
    " WHERE uid = ?1 AND recurrence_id = ?2 AND cancelled = 0";
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
static GPtrArray *
series_occurrences (ResfriStore  *store,
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
static gint64
find_overlap (ResfriStore  *store,
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

/* Replaces the triggers' terse refusal in @error by one that names the
 * booking in the way, when it can be found. */
static void
explain_conflict (ResfriStore  *store,
                  gboolean      room,
                  const char   *name,
                  gint64        resource_id,
                  gint64        start,
                  gint64        end,
                  GError      **error)
{
  g_autoptr(ResfriBooking) other = NULL;
  g_autofree char *id_text = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  gint64 other_id;

  if (error == NULL || *error == NULL ||
      !g_error_matches (*error, RESFRI_ERROR, RESFRI_ERROR_CONFLICT))
    return;

  other_id = find_overlap (store, room, resource_id, start, end, NULL);
  if (other_id <= 0 || !(other = get_booking (store, other_id, NULL)))
    return;

  id_text = g_strdup_printf ("%" G_GINT64_FORMAT, other->id);
  from = format_local (other->start);
  to = format_local (other->end);
  g_clear_error (error);

  if (room)
    /* Translators: the room's code, the other booking's start and end
     * (local time), its id, and the UID of its meeting. */
    g_set_error (error, RESFRI_ERROR, RESFRI_ERROR_CONFLICT,
                 _("Room %s is already booked from %s to %s (booking %s, meeting “%s”)"),
                 name, from, to, id_text, other->uid);
  else
    g_set_error (error, RESFRI_ERROR, RESFRI_ERROR_CONFLICT,
                 _("Item %s is already booked from %s to %s (booking %s, meeting “%s”)"),
                 name, from, to, id_text, other->uid);
}

/* Inserts one booking; the triggers refuse an overlap. Returns the new id,
 * or 0 with @error. */
static gint64
insert_booking (ResfriStore  *store,
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

static gboolean
check_duration (gint64       start,
                gint64       end,
                GError     **error)
{
  if (end > start)
    return TRUE;

  g_set_error_literal (error, RESFRI_ERROR, RESFRI_ERROR_INVALID_INPUT,
                       _("The occurrence has no duration and cannot be booked"));
  return FALSE;
}

/* Free rooms */

static GPtrArray *
query_rooms (ResfriStore  *store,
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
 * whether end_read() has a transaction to end. */
static gboolean
begin_read (ResfriStore  *store,
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

static void
end_read (ResfriStore *store,
          gboolean     owned)
{
  if (owned)
    sqlite3_exec (_resfri_store_get_db (store), "COMMIT", NULL, NULL, NULL);
}

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

  if (!check_text (uid, _("The UID is empty"), error))
    return NULL;

  return series_occurrences (store, uid, error);
}

/**
 * resfri_bookings_free_rooms_for_interval:
 * @site: (nullable): a site's code, or %NULL for every site
 * @start: the interval's start
 * @end: its end (exclusive)
 * @min_capacity: the least capacity wanted (0 for any)
 * @vc_only: only rooms with fixed video-conference equipment
 *
 * The rooms free for the whole of [@start, @end).
 *
 * Returns: (transfer container) (element-type ResfriRoomAvailability): the
 *   free rooms by site, fit and name, or %NULL with @error
 */
GPtrArray *
resfri_bookings_free_rooms_for_interval (ResfriStore  *store,
                                         const char   *site,
                                         gint64        start,
                                         gint64        end,
                                         gint64        min_capacity,
                                         gboolean      vc_only,
                                         GError      **error)
{
  GPtrArray *rooms;
  gboolean owned;

  g_return_val_if_fail (RESFRI_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (end < start)
    {
      g_set_error_literal (error, RESFRI_ERROR, RESFRI_ERROR_INVALID_INPUT,
                           _("The interval ends before it starts"));
      return NULL;
    }

  if (!begin_read (store, &owned, error))
    return NULL;
  rooms = query_rooms (store, site, min_capacity, vc_only, TRUE, start, end, NULL, error);
  end_read (store, owned);

  return rooms;
}

/**
 * resfri_bookings_free_rooms_for_occurrence:
 * @uid: the meeting's UID
 * @recurrence_id: (nullable): the occurrence; %NULL or "" for a
 *   non-recurring meeting
 * @site: (nullable): only rooms of this site
 * @min_capacity: the least capacity wanted
 * @vc_only: only rooms with fixed video-conference equipment
 *
 * The rooms free for the occurrence's interval. A room booked for this
 * very occurrence is not free.
 *
 * Returns: (transfer container) (element-type ResfriRoomAvailability): the
 *   free rooms, or %NULL with @error (NOT_FOUND for an unknown or
 *   cancelled occurrence)
 */
GPtrArray *
resfri_bookings_free_rooms_for_occurrence (ResfriStore  *store,
                                           const char   *uid,
                                           const char   *recurrence_id,
                                           const char   *site,
                                           gint64        min_capacity,
                                           gboolean      vc_only,
                                           GError      **error)
{
  GPtrArray *rooms = NULL;
  gint64 start, end;
  gboolean owned;

  g_return_val_if_fail (RESFRI_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_text (uid, _("The UID is empty"), error))
    return NULL;

  if (!begin_read (store, &owned, error))
    return NULL;
  if (find_occurrence (store, uid, recurrence_id, &start, &end, error))
    rooms = query_rooms (store, site, min_capacity, vc_only, TRUE, start, end, NULL, error);
  end_read (store, owned);

  return rooms;
}

/**
 * resfri_bookings_rooms_for_series:
 * @uid: the meeting's UID
 * @site: (nullable): only rooms of this site
 * @min_capacity: the least capacity wanted
 * @vc_only: only rooms with fixed video-conference equipment
 * @occurrences: (out) (optional) (element-type ResfriBookingSlot): the
 *   series' occurrences, by start
 *
 * Every room that meets the filters, each with the occurrences of the
 * series where it is taken (the booking in the way in each slot).
 *
 * Returns: (transfer container) (element-type ResfriRoomAvailability): the
 *   rooms by site, fit and name, or %NULL with @error
 */
GPtrArray *
resfri_bookings_rooms_for_series (ResfriStore  *store,
                                  const char   *uid,
                                  const char   *site,
                                  gint64        min_capacity,
                                  gboolean      vc_only,
                                  GPtrArray   **occurrences,
                                  GError      **error)
{
  g_autoptr(GPtrArray) slots = NULL;
  g_autoptr(GPtrArray) rooms = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gboolean owned;

  g_return_val_if_fail (RESFRI_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_text (uid, _("The UID is empty"), error))
    return NULL;

  if (!begin_read (store, &owned, error))
    return NULL;

  if (!(slots = series_occurrences (store, uid, error)) ||
      !(rooms = query_rooms (store, site, min_capacity, vc_only, FALSE, 0, 0, ids, error)))
    {
      end_read (store, owned);
      return NULL;
    }

  for (guint r = 0; r < rooms->len; r++)
    {
      ResfriRoomAvailability *room = g_ptr_array_index (rooms, r);

      for (guint o = 0; o < slots->len; o++)
        {
          const ResfriBookingSlot *slot = g_ptr_array_index (slots, o);
          gint64 other = find_overlap (store, TRUE, g_array_index (ids, gint64, r), slot->start,
                                       slot->end, error);
          ResfriBookingSlot *taken;

          if (other < 0)
            {
              end_read (store, owned);
              return NULL;
            }
          if (other == 0)
            continue;

          taken = resfri_booking_slot_copy (slot);
          taken->booking = other;
          g_ptr_array_add (room->taken, taken);
        }
    }
  end_read (store, owned);

  if (occurrences != NULL)
    *occurrences = g_steal_pointer (&slots);

  return g_steal_pointer (&rooms);
}

/* Booking */

static GPtrArray *
book_room_in_transaction (ResfriStore  *store,
                          const char   *room,
                          const char   *uid,
                          const char   *recurrence_id,
                          GPtrArray   **skipped,
                          GError      **error)
{
  g_autoptr(GPtrArray) booked = NULL;
  g_autoptr(GPtrArray) slots = NULL;
  g_autoptr(GPtrArray) skips = NULL;
  g_autofree char *code = NULL;
  RoomKeys keys = { 0 };
  gboolean single;

  if (!find_room (store, room, &keys, error))
    return NULL;
  code = keys.code;

  booked = g_ptr_array_new_with_free_func ((GDestroyNotify) resfri_booking_free);
  skips = g_ptr_array_new_with_free_func ((GDestroyNotify) resfri_booking_slot_free);

  if (recurrence_id != NULL)
    {
      ResfriBookingSlot *slot = g_new0 (ResfriBookingSlot, 1);

      slots = g_ptr_array_new_with_free_func ((GDestroyNotify) resfri_booking_slot_free);
      g_ptr_array_add (slots, slot);
      slot->recurrence_id = g_strdup (recurrence_id);
      if (!find_occurrence (store, uid, recurrence_id, &slot->start, &slot->end, error))
        return NULL;
      single = TRUE;
    }
  else
    {
      if (!(slots = series_occurrences (store, uid, error)))
        return NULL;
      /* A meeting that does not recur is one occurrence: a conflict is an
       * error, as for a named occurrence. */
      single = slots->len == 1 &&
               *((ResfriBookingSlot *) g_ptr_array_index (slots, 0))->recurrence_id == '\0';
    }

  for (guint i = 0; i < slots->len; i++)
    {
      const ResfriBookingSlot *slot = g_ptr_array_index (slots, i);
      g_autoptr(GError) local_error = NULL;
      gint64 id;

      if (single && !check_duration (slot->start, slot->end, error))
        return NULL;

      if (slot->end > slot->start &&
          (id = insert_booking (store, keys.id, 0, 0, uid, slot->recurrence_id, slot->start,
                                slot->end, &local_error)) > 0)
        {
          ResfriBooking *booking = get_booking (store, id, error);

          if (booking == NULL)
            return NULL;
          g_ptr_array_add (booked, booking);
          continue;
        }

      if (local_error != NULL &&
          !g_error_matches (local_error, RESFRI_ERROR, RESFRI_ERROR_CONFLICT))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }

      if (single)
        {
          explain_conflict (store, TRUE, code, keys.id, slot->start, slot->end, &local_error);
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }

      {
        ResfriBookingSlot *skip = resfri_booking_slot_copy (slot);

        if (slot->end > slot->start)
          skip->booking = find_overlap (store, TRUE, keys.id, slot->start, slot->end, NULL);
        skip->booking = MAX (skip->booking, 0);
        g_ptr_array_add (skips, skip);
      }
    }

  if (skipped != NULL)
    *skipped = g_steal_pointer (&skips);

  return g_steal_pointer (&booked);
}

/**
 * resfri_bookings_book_room:
 * @room: the room's code (or its name, when no other room has it)
 * @uid: the meeting's UID
 * @recurrence_id: (nullable): one occurrence ("" for a non-recurring
 *   meeting), or %NULL for every occurrence of the meeting
 * @skipped: (out) (optional) (element-type ResfriBookingSlot): for a
 *   series, the occurrences left unbooked because the room was taken
 *   (slot->booking names the booking in the way) or because they have no
 *   duration
 *
 * Books @room for one occurrence, or for a whole series where it is free
 * ("book the rest, skip the conflicts"). A single occurrence (named, or a
 * meeting that does not recur) that conflicts is refused with
 * RESFRI_ERROR_CONFLICT naming the booking in the way, and nothing is
 * written.
 *
 * Returns: (transfer container) (element-type ResfriBooking): the new
 *   bookings (possibly none for a series), or %NULL with @error
 */
GPtrArray *
resfri_bookings_book_room (ResfriStore  *store,
                           const char   *room,
                           const char   *uid,
                           const char   *recurrence_id,
                           GPtrArray   **skipped,
                           GError      **error)
{
  GPtrArray *booked;

  g_return_val_if_fail (RESFRI_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_text (room, _("The room is empty"), error) ||
      !check_text (uid, _("The UID is empty"), error))
    return NULL;

  if (!_resfri_store_begin (store, error))
    return NULL;

  booked = book_room_in_transaction (store, room, uid, recurrence_id, skipped, error);
  if (booked == NULL)
    {
      _resfri_store_rollback (store);
      return NULL;
    }
  if (!_resfri_store_commit (store, error))
    {
      g_ptr_array_unref (booked);
      if (skipped != NULL)
        g_clear_pointer (skipped, g_ptr_array_unref);
      return NULL;
    }

  return booked;
}

typedef struct
{
  gint64  id;
  char   *tag;
  char   *type;
  gint64  site_id;
  gint64  owner_id;
  char   *state;
} ItemRow;

static void
item_row_clear (ItemRow *row)
{
  g_clear_pointer (&row->tag, g_free);
  g_clear_pointer (&row->type, g_free);
  g_clear_pointer (&row->state, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ItemRow, item_row_clear)

static gboolean
read_item (ResfriStore  *store,
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
static gboolean
read_person (ResfriStore  *store,
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

static gboolean
check_loanable (const ItemRow  *item,
                GError        **error)
{
  ResfriItemState state;

  if (g_strcmp0 (item->state, "ok") != 0)
    {
      /* Translators: the asset tag, and the item's state (broken, retired). */
      g_set_error (error, RESFRI_ERROR, RESFRI_ERROR_CONFLICT,
                   _("Item %s cannot be lent: it is %s"), item->tag,
                   resfri_item_state_from_string (item->state, &state)
                   ? resfri_item_state_get_label (state) : item->state);
      return FALSE;
    }
  if (item->owner_id != 0)
    {
      g_set_error (error, RESFRI_ERROR, RESFRI_ERROR_CONFLICT,
                   _("Item %s cannot be lent: it is personal equipment, not a loan item"),
                   item->tag);
      return FALSE;
    }

  return TRUE;
}

static gint64
add_item_in_transaction (ResfriStore  *store,
                         const ItemRow *item,
                         const char   *uid,
                         const char   *recurrence_id,
                         gint64        person_id,
                         gint64        start,
                         gint64        end,
                         GError      **error)
{
  g_autoptr(GError) local_error = NULL;
  gint64 id;

  if (!check_loanable (item, error) || !check_duration (start, end, error))
    return 0;

  id = insert_booking (store, 0, item->id, person_id, uid, recurrence_id, start, end,
                       &local_error);
  if (id > 0)
    return id;

  explain_conflict (store, FALSE, item->tag, item->id, start, end, &local_error);
  g_propagate_error (error, g_steal_pointer (&local_error));
  return 0;
}

/**
 * resfri_bookings_add_item:
 * @equipment_id: the item's row id (equipment.id)
 * @uid: the occurrence's UID
 * @recurrence_id: (nullable): its RECURRENCE-ID ("" or %NULL when it does
 *   not recur)
 * @person_id: the borrower's row id (people.id), or 0 for none (a vc-kit)
 * @start: the loan's start (the caller adds any handover buffer)
 * @end: its end, after @start
 *
 * Books a loan item for an interval, for allocate --book. Checks that the
 * item is a loan item in state ok, that the occurrence exists and is not
 * cancelled and that the person exists; an overlap with another booking of
 * the item is refused with RESFRI_ERROR_CONFLICT naming it. Runs in the
 * caller's transaction when there is one (a refusal then leaves that
 * transaction open, with nothing of this call written), else in its own.
 *
 * Returns: the new booking's id, or 0 with @error
 */
gint64
resfri_bookings_add_item (ResfriStore  *store,
                          gint64        equipment_id,
                          const char   *uid,
                          const char   *recurrence_id,
                          gint64        person_id,
                          gint64        start,
                          gint64        end,
                          GError      **error)
{
  g_auto(ItemRow) item = { 0 };
  gboolean own_transaction;
  gint64 occurrence_start, occurrence_end;
  gint64 person, person_site;
  gint64 id = 0;

  g_return_val_if_fail (RESFRI_IS_STORE (store), 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  if (!check_text (uid, _("The UID is empty"), error))
    return 0;

  own_transaction = !_resfri_store_in_transaction (store);
  if (own_transaction && !_resfri_store_begin (store, error))
    return 0;

  if (read_item (store, NULL, equipment_id, &item, error) &&
      find_occurrence (store, uid, recurrence_id, &occurrence_start, &occurrence_end, error) &&
      (person_id == 0 || read_person (store, NULL, person_id, &person, &person_site, error)))
    id = add_item_in_transaction (store, &item, uid, recurrence_id, person_id, start, end, error);

  if (own_transaction)
    {
      if (id == 0)
        _resfri_store_rollback (store);
      else if (!_resfri_store_commit (store, error))
        return 0;
    }

  return id;
}

static ResfriBooking *
book_item_in_transaction (ResfriStore  *store,
                          const char   *tag,
                          const char   *uid,
                          const char   *recurrence_id,
                          const char   *email,
                          gint64        buffer,
                          GError      **error)
{
  g_auto(ItemRow) item = { 0 };
  gint64 start, end;
  gint64 person_id, person_site;
  gint64 id;

  if (!read_item (store, tag, 0, &item, error) ||
      !read_person (store, email, 0, &person_id, &person_site, error) ||
      !find_occurrence (store, uid, recurrence_id, &start, &end, error) ||
      !check_loanable (&item, error) ||
      !check_duration (start, end, error))
    return NULL;

  if (g_strcmp0 (item.type, "vc-kit") != 0 && item.site_id != person_site)
    {
      g_set_error (error, RESFRI_ERROR, RESFRI_ERROR_CONFLICT,
                   _("Item %s is in the loan pool of another site than the person’s home site"),
                   item.tag);
      return NULL;
    }

  id = add_item_in_transaction (store, &item, uid, recurrence_id, person_id, start - buffer,
                                end + buffer, error);
  if (id == 0)
    return NULL;

  return get_booking (store, id, error);
}

/**
 * resfri_bookings_book_item:
 * @tag: the item's asset tag
 * @uid: the occurrence's UID
 * @recurrence_id: (nullable): its RECURRENCE-ID ("" or %NULL when the
 *   meeting does not recur)
 * @person: the borrower's email
 *
 * Lends a loan item to a person for one occurrence (the rules are at the
 * top of this file): the interval is the occurrence's, widened by the
 * policy's loan_buffer_min. Refused with RESFRI_ERROR_CONFLICT when the item
 * is not ok, is personal, is at another site than the person's home site
 * (except a vc-kit) or is booked for an overlapping interval.
 *
 * Returns: (transfer full): the booking, or %NULL with @error
 */
ResfriBooking *
resfri_bookings_book_item (ResfriStore  *store,
                           const char   *tag,
                           const char   *uid,
                           const char   *recurrence_id,
                           const char   *person,
                           GError      **error)
{
  g_autoptr(ResfriPolicy) policy = NULL;
  ResfriBooking *booking;

  g_return_val_if_fail (RESFRI_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_text (tag, _("The asset tag is empty"), error) ||
      !check_text (uid, _("The UID is empty"), error) ||
      !check_text (person, _("The email is empty"), error))
    return NULL;

  if (!(policy = resfri_policy_load (store, error)))
    return NULL;

  if (!_resfri_store_begin (store, error))
    return NULL;

  booking = book_item_in_transaction (store, tag, uid, recurrence_id, person,
                                      (gint64) policy->loan_buffer_min * 60, error);
  if (booking == NULL)
    {
      _resfri_store_rollback (store);
      return NULL;
    }
  if (!_resfri_store_commit (store, error))
    {
      resfri_booking_free (booking);
      return NULL;
    }

  return booking;
}

/**
 * resfri_bookings_list:
 * @from: the window's start (G_MININT64 for no bound)
 * @to: its end, exclusive (G_MAXINT64 for no bound)
 *
 * The bookings whose interval intersects [@from, @to), by start then id.
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
  int rc;

  g_return_val_if_fail (RESFRI_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!begin_read (store, &owned, error))
    return NULL;

  if (!(stmt = _resfri_store_prepare (store, BOOKING_SELECT
                                      " WHERE b.start < ?2 AND ?1 < b.end"
                                      " ORDER BY b.start, b.id", error)))
    {
      end_read (store, owned);
      return NULL;
    }
  sqlite3_bind_int64 (stmt, 1, from);
  sqlite3_bind_int64 (stmt, 2, to);

  bookings = g_ptr_array_new_with_free_func ((GDestroyNotify) resfri_booking_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (bookings, booking_from_row (stmt));

  if (rc != SQLITE_DONE)
    {
      _resfri_store_set_error (store, error, _("Cannot read the bookings"));
      sqlite3_reset (stmt);
      end_read (store, owned);
      return NULL;
    }
  sqlite3_reset (stmt);
  end_read (store, owned);

  return g_steal_pointer (&bookings);
}

/**
 * resfri_bookings_cancel:
 * @id: a booking's id
 *
 * Removes a booking (RESFRI_ERROR_NOT_FOUND when there is none).
 *
 * Returns: (transfer full): the booking as it was, or %NULL with @error
 */
ResfriBooking *
resfri_bookings_cancel (ResfriStore  *store,
                        gint64        id,
                        GError      **error)
{
  g_autoptr(ResfriBooking) booking = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (RESFRI_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!_resfri_store_begin (store, error))
    return NULL;

  if (!(booking = get_booking (store, id, error)) ||
      !(stmt = _resfri_store_prepare (store, "DELETE FROM bookings WHERE id = ?1", error)))
    {
      _resfri_store_rollback (store);
      return NULL;
    }
  sqlite3_bind_int64 (stmt, 1, id);
  if (!_resfri_store_step_done (store, stmt, _("Cannot cancel the booking"), error))
    {
      _resfri_store_rollback (store);
      return NULL;
    }
  if (!_resfri_store_commit (store, error))
    return NULL;

  return g_steal_pointer (&booking);
}

/* Bookings of one occurrence, loans for its remote attendees, re-booking */

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
  int rc;

  g_return_val_if_fail (RESFRI_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_text (uid, _("The UID is empty"), error) || !begin_read (store, &owned, error))
    return NULL;

  if (!(stmt = _resfri_store_prepare (store, BOOKING_SELECT
                                      " WHERE b.uid = ?1 AND b.recurrence_id = ?2"
                                      " ORDER BY b.room_id IS NULL, 3, b.start, b.id", error)))
    {
      end_read (store, owned);
      return NULL;
    }
  sqlite3_bind_text (stmt, 1, uid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, recurrence_id ? recurrence_id : "", -1, SQLITE_TRANSIENT);

  bookings = g_ptr_array_new_with_free_func ((GDestroyNotify) resfri_booking_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (bookings, booking_from_row (stmt));
  sqlite3_reset (stmt);
  end_read (store, owned);

  if (rc != SQLITE_DONE)
    {
      _resfri_store_set_error (store, error, _("Cannot read the bookings"));
      return NULL;
    }

  return g_steal_pointer (&bookings);
}

ResfriItemNeed *
resfri_item_need_copy (const ResfriItemNeed *need)
{
  ResfriItemNeed *copy = g_new0 (ResfriItemNeed, 1);

  copy->person = g_strdup (need->person);
  copy->type = g_strdup (need->type);
  copy->site = g_strdup (need->site);
  copy->site_name = g_strdup (need->site_name);
  copy->booking = need->booking != NULL ? resfri_booking_copy (need->booking) : NULL;

  return copy;
}

void
resfri_item_need_free (ResfriItemNeed *need)
{
  if (need == NULL)
    return;
  g_free (need->person);
  g_free (need->type);
  g_free (need->site);
  g_free (need->site_name);
  g_clear_pointer (&need->booking, resfri_booking_free);
  g_free (need);
}

typedef struct
{
  gint64    person_id;
  char     *email;
  gint64    site_id;
  gboolean  has_headset;
  gboolean  has_camera;
} RemoteAttendee;

typedef struct
{
  const char *uid;
  const char *recurrence_id;
  gboolean    found;
  GArray     *remote;   /* RemoteAttendee */
  gint64      kit_site; /* a hybrid one's venue site when its room has no video, else 0 */
} RemoteData;

static void
remote_attendee_clear (gpointer data)
{
  RemoteAttendee *attendee = data;

  g_free (attendee->email);
}

/* The remote attendees of the occurrence (spec/allocation.md): every
 * internal attendee of an online one; for a hybrid one those whose home site
 * is not the venue's; an in-person or unknown one counts as if it were held
 * online (the policy scenario). */
static gboolean
collect_remote_cb (const ResfriResolvedOccurrence *occurrence,
                   gpointer                        user_data)
{
  RemoteData *data = user_data;

  if (strcmp (occurrence->uid, data->uid) != 0 ||
      strcmp (occurrence->recurrence_id, data->recurrence_id) != 0)
    return TRUE;

  data->found = TRUE;
  /* A hybrid meeting in a room without video equipment needs a video
   * kit from its site's pool (spec/allocation.md). */
  if (occurrence->mode == RESFRI_MODE_HYBRID && occurrence->venue_room_id != 0 &&
      !occurrence->venue_room_vc)
    data->kit_site = occurrence->venue_site_id;
  for (guint i = 0; i < occurrence->n_attendees; i++)
    {
      const ResfriResolvedAttendee *resolved = &occurrence->attendees[i];
      RemoteAttendee attendee = { 0 };

      if (occurrence->mode == RESFRI_MODE_HYBRID &&
          resolved->home_site_id == occurrence->venue_site_id)
        continue;

      attendee.person_id = resolved->person_id;
      attendee.email = g_strdup (resolved->email);
      attendee.site_id = resolved->home_site_id;
      attendee.has_headset = resolved->has_headset;
      attendee.has_camera = resolved->has_camera;
      g_array_append_val (data->remote, attendee);
    }

  return FALSE;
}

/* Whether @person_id (0: anybody, as for the room's video kit) already has
 * an item of @type booked for the occurrence; -1 on error. */
static int
has_loan (ResfriStore  *store,
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
static gint64
find_free_item (ResfriStore  *store,
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
    " ORDER BY e.tag LIMIT 1";
  sqlite3_stmt *stmt;
  gint64 id = 0;
  int rc;

  if (!(stmt = _resfri_store_prepare (store, sql, error)))
    return -1;
  sqlite3_bind_int64 (stmt, 1, site_id);
  sqlite3_bind_text (stmt, 2, type, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, start);
  sqlite3_bind_int64 (stmt, 4, end);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  else if (rc != SQLITE_DONE)
    {
      _resfri_store_set_error (store, error, _("Cannot read the inventory"));
      id = -1;
    }
  sqlite3_reset (stmt);

  return id;
}

static gboolean
read_site (ResfriStore  *store,
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

/* Lends the first free item of the pool (@site_id, @type) for [start, end)
 * to @person (NULL: to the meeting's room); the need says what was lent,
 * its booking NULL when the pool had none free. NULL on error. */
static ResfriItemNeed *
lend_item (ResfriStore  *store,
           const char   *uid,
           const char   *recurrence_id,
           const char   *person,
           gint64        person_id,
           gint64        site_id,
           const char   *type,
           gint64        start,
           gint64        end,
           GError      **error)
{
  g_autoptr(ResfriItemNeed) need = g_new0 (ResfriItemNeed, 1);
  gint64 item_id;

  need->person = g_strdup (person);
  need->type = g_strdup (type);
  if (!read_site (store, site_id, &need->site, &need->site_name, error))
    return NULL;

  if ((item_id = find_free_item (store, site_id, type, start, end, error)) < 0)
    return NULL;
  if (item_id > 0)
    {
      g_auto(ItemRow) item = { 0 };
      gint64 id;

      if (!read_item (store, NULL, item_id, &item, error))
        return NULL;
      id = add_item_in_transaction (store, &item, uid, recurrence_id, person_id, start, end,
                                    error);
      if (id == 0 || !(need->booking = get_booking (store, id, error)))
        return NULL;
    }

  return g_steal_pointer (&need);
}

static GPtrArray *
book_missing_in_transaction (ResfriStore  *store,
                             const char   *uid,
                             const char   *recurrence_id,
                             gint64        buffer,
                             GError      **error)
{
  static const char * const types[] = { "headset", "camera" };
  g_autoptr(GPtrArray) needs = NULL;
  g_autoptr(GArray) remote = NULL;
  RemoteData data = { uid, recurrence_id, FALSE, NULL, 0 };
  gint64 start, end;

  if (!find_occurrence (store, uid, recurrence_id, &start, &end, error))
    return NULL;

  remote = g_array_new (FALSE, TRUE, sizeof (RemoteAttendee));
  g_array_set_clear_func (remote, remote_attendee_clear);
  data.remote = remote;
  if (!resfri_policy_check_occurrences (store, NULL, start, start + 1, collect_remote_cb, &data,
                                   NULL, error))
    return NULL;

  needs = g_ptr_array_new_with_free_func ((GDestroyNotify) resfri_item_need_free);
  for (guint i = 0; i < remote->len; i++)
    {
      const RemoteAttendee *attendee = &g_array_index (remote, RemoteAttendee, i);

      for (guint t = 0; t < G_N_ELEMENTS (types); t++)
        {
          gboolean owns = t == 0 ? attendee->has_headset : attendee->has_camera;
          g_autoptr(ResfriItemNeed) need = NULL;
          int booked;

          if (owns)
            continue;
          booked = has_loan (store, uid, recurrence_id, attendee->person_id, types[t], error);
          if (booked < 0)
            return NULL;
          if (booked)
            continue;

          if (!(need = lend_item (store, uid, recurrence_id, attendee->email,
                                  attendee->person_id, attendee->site_id, types[t],
                                  start - buffer, end + buffer, error)))
            return NULL;
          g_ptr_array_add (needs, g_steal_pointer (&need));
        }
    }

  if (data.kit_site != 0)
    {
      g_autoptr(ResfriItemNeed) need = NULL;
      int booked = has_loan (store, uid, recurrence_id, 0, "vc-kit", error);

      if (booked < 0)
        return NULL;
      if (!booked)
        {
          if (!(need = lend_item (store, uid, recurrence_id, NULL, 0, data.kit_site, "vc-kit",
                                  start - buffer, end + buffer, error)))
            return NULL;
          g_ptr_array_add (needs, g_steal_pointer (&need));
        }
    }

  return g_steal_pointer (&needs);
}

/**
 * resfri_bookings_book_missing_items:
 * @uid: the occurrence's UID
 * @recurrence_id: (nullable): its RECURRENCE-ID ("" or %NULL when it does
 *   not recur)
 *
 * Lends a headset and a camera to each remote attendee of one occurrence
 * who owns no working one of that type and has none booked for it yet,
 * and, when the occurrence is hybrid in a room without video equipment and
 * has no video kit booked, a video kit from the pool of its site (the
 * vc-kit demand of spec/allocation.md).
 * Remote attendees are those of spec/allocation.md; an in-person (or
 * unknown) occurrence counts as if it were held online, as the policy
 * scenario does. Each loan takes the first item (by tag) of the pool of
 * the attendee's home site that no booking holds during the occurrence
 * widened by loan_buffer_min, as resfri_bookings_book_item() does. One
 * transaction: on an error nothing is booked.
 *
 * Returns: (transfer container) (element-type ResfriItemNeed): each lacking
 *   attendee and type, by attendee, then the room's video kit, with the
 *   booking made or %NULL when the pool had no free item; empty when
 *   nothing is lacking; %NULL with @error
 */
GPtrArray *
resfri_bookings_book_missing_items (ResfriStore  *store,
                                    const char   *uid,
                                    const char   *recurrence_id,
                                    GError      **error)
{
  g_autoptr(ResfriPolicy) policy = NULL;
  g_autoptr(GPtrArray) needs = NULL;

  g_return_val_if_fail (RESFRI_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_text (uid, _("The UID is empty"), error))
    return NULL;
  if (!(policy = resfri_policy_load (store, error)))
    return NULL;
  if (!_resfri_store_begin (store, error))
    return NULL;

  needs = book_missing_in_transaction (store, uid, recurrence_id ? recurrence_id : "",
                                       (gint64) policy->loan_buffer_min * 60, error);
  if (needs == NULL)
    {
      _resfri_store_rollback (store);
      return NULL;
    }
  if (!_resfri_store_commit (store, error))
    return NULL;

  return g_steal_pointer (&needs);
}

/**
 * resfri_bookings_rebook:
 * @booking: a booking as resfri_bookings_cancel() returned it
 *
 * Books the same room or item again for the same occurrence, interval and
 * borrower (the undo of a cancellation). Refused with
 * RESFRI_ERROR_CONFLICT naming the booking in the way when the room or
 * item was taken meanwhile, RESFRI_ERROR_NOT_FOUND when the room, item,
 * person or occurrence is gone.
 *
 * Returns: (transfer full): the new booking (with a new id), or %NULL with
 *   @error
 */
ResfriBooking *
resfri_bookings_rebook (ResfriStore          *store,
                        const ResfriBooking  *booking,
                        GError              **error)
{
  g_autoptr(GError) local_error = NULL;
  ResfriBooking *result = NULL;
  gint64 start, end;
  gint64 id = 0;

  g_return_val_if_fail (RESFRI_IS_STORE (store), NULL);
  g_return_val_if_fail (booking != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!_resfri_store_begin (store, error))
    return NULL;

  if (find_occurrence (store, booking->uid, booking->recurrence_id, &start, &end, &local_error))
    {
      if (booking->kind == RESFRI_BOOKING_ROOM)
        {
          RoomKeys room = { 0 };

          if (find_room (store, booking->resource, &room, &local_error))
            {
              id = insert_booking (store, room.id, 0, 0, booking->uid, booking->recurrence_id,
                                   booking->start, booking->end, &local_error);
              if (id == 0)
                explain_conflict (store, TRUE, room.code, room.id, booking->start, booking->end,
                                  &local_error);
              g_free (room.code);
            }
        }
      else
        {
          g_auto(ItemRow) item = { 0 };
          gint64 person_id = 0, person_site;

          if (read_item (store, booking->resource, 0, &item, &local_error) &&
              (booking->person == NULL ||
               read_person (store, booking->person, 0, &person_id, &person_site, &local_error)))
            id = add_item_in_transaction (store, &item, booking->uid, booking->recurrence_id,
                                          person_id, booking->start, booking->end, &local_error);
        }
    }

  if (id > 0)
    result = get_booking (store, id, &local_error);
  if (result == NULL)
    {
      _resfri_store_rollback (store);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (!_resfri_store_commit (store, error))
    {
      resfri_booking_free (result);
      return NULL;
    }

  return result;
}

/* Utilisation */

/* Seconds of [from, to) inside working hours: weekdays 08:00–17:00 in the
 * home zone (holidays are not known). */
static gint64
working_seconds (gint64 from,
                 gint64 to)
{
  g_autoptr(GDateTime) first = NULL;
  g_autoptr(GDateTime) day = NULL;
  gint64 total = 0;

  if (to <= from)
    return 0;

  if (!(first = g_date_time_new_from_unix_utc (from)))
    return 0;
  {
    g_autoptr(GDateTime) local = g_date_time_to_timezone (first, home_zone ());

    day = g_date_time_new (home_zone (), g_date_time_get_year (local),
                           g_date_time_get_month (local), g_date_time_get_day_of_month (local),
                           0, 0, 0);
  }

  while (day != NULL)
    {
      int y = g_date_time_get_year (day);
      int m = g_date_time_get_month (day);
      int d = g_date_time_get_day_of_month (day);
      g_autoptr(GDateTime) open = g_date_time_new (home_zone (), y, m, d, WORKDAY_START_HOUR, 0, 0);
      g_autoptr(GDateTime) close = g_date_time_new (home_zone (), y, m, d, WORKDAY_END_HOUR, 0, 0);
      gint64 a = g_date_time_to_unix (open);
      gint64 b = g_date_time_to_unix (close);
      GDateTime *next;

      if (a >= to)
        break;
      if (g_date_time_get_day_of_week (day) <= 5)
        total += MAX (0, MIN (b, to) - MAX (a, from));

      /* Noon keeps the step a calendar day across DST changes. */
      {
        g_autoptr(GDateTime) noon = g_date_time_new (home_zone (), y, m, d, 12, 0, 0);
        g_autoptr(GDateTime) tomorrow = g_date_time_add_days (noon, 1);

        next = tomorrow == NULL ? NULL :
               g_date_time_new (home_zone (), g_date_time_get_year (tomorrow),
                                g_date_time_get_month (tomorrow),
                                g_date_time_get_day_of_month (tomorrow), 0, 0, 0);
      }
      g_date_time_unref (day);
      day = next;
    }

  return total;
}

/**
 * resfri_bookings_working_hours:
 * @from: the period's start
 * @to: its end (exclusive)
 *
 * Returns: the working hours (weekdays 08:00–17:00 Europe/Stockholm,
 *   holidays not known) within [@from, @to)
 */
double
resfri_bookings_working_hours (gint64 from,
                               gint64 to)
{
  return working_seconds (from, to) / 3600.0;
}

/* Adds up the bookings @stmt returns (start, end) into @row, clipped to
 * [from, to). */
static gboolean
sum_bookings (ResfriStore        *store,
              sqlite3_stmt       *stmt,
              gint64              from,
              gint64              to,
              ResfriUtilisation  *row,
              GError            **error)
{
  gint64 booked = 0, working = 0;
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 start = MAX (sqlite3_column_int64 (stmt, 0), from);
      gint64 end = MIN (sqlite3_column_int64 (stmt, 1), to);

      if (end <= start)
        continue;
      booked += end - start;
      working += working_seconds (start, end);
    }

  if (rc != SQLITE_DONE)
    {
      _resfri_store_set_error (store, error, _("Cannot read the bookings"));
      sqlite3_reset (stmt);
      return FALSE;
    }
  sqlite3_reset (stmt);

  row->booked_hours = booked / 3600.0;
  row->booked_working_hours = working / 3600.0;
  row->share = row->working_hours > 0 ? row->booked_working_hours / row->working_hours : NAN;

  return TRUE;
}

static gboolean
utilisation_in_read (ResfriStore  *store,
                     gint64        from,
                     gint64        to,
                     GPtrArray    *rows,
                     GError      **error)
{
  static const char pools_sql[] =
    "SELECT e.site_id, e.type_id, s.code, t.name, count(*) FROM equipment e"
    "  JOIN sites s ON s.id = e.site_id JOIN equipment_types t ON t.id = e.type_id"
    " WHERE e.owner_id IS NULL AND e.state = 'ok'"
    " GROUP BY e.site_id, e.type_id ORDER BY s.code, t.name";
  static const char pool_bookings_sql[] =
    "SELECT b.start, b.end FROM bookings b JOIN equipment e ON e.id = b.equipment_id"
    " WHERE e.site_id = ?1 AND e.type_id = ?2 AND e.owner_id IS NULL AND e.state = 'ok'"
    "   AND b.start < ?4 AND ?3 < b.end";
  static const char rooms_sql[] =
    "SELECT r.id, s.code, r.code, r.name FROM rooms r JOIN sites s ON s.id = r.site_id"
    " WHERE r.vc = 1 ORDER BY s.code, r.name, r.code";
  static const char room_bookings_sql[] =
    "SELECT start, end FROM bookings WHERE room_id = ?1 AND start < ?3 AND ?2 < end";
  g_autoptr(GArray) keys = g_array_new (FALSE, FALSE, sizeof (gint64));
  double hours = resfri_bookings_working_hours (from, to);
  sqlite3_stmt *stmt;
  guint first_room;
  int rc;

  /* Collect the pools and rooms first: the sums use other statements. */
  if (!(stmt = _resfri_store_prepare (store, pools_sql, error)))
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
      row->working_hours = row->items * hours;
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

  first_room = rows->len;
  if (!(stmt = _resfri_store_prepare (store, rooms_sql, error)))
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
      row->working_hours = hours;
      g_ptr_array_add (rows, row);
      g_array_append_val (keys, room_id);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _resfri_store_set_error (store, error, _("Cannot read the rooms"));
      return FALSE;
    }

  for (guint i = 0; i < rows->len; i++)
    {
      ResfriUtilisation *row = g_ptr_array_index (rows, i);

      if (i < first_room)
        {
          if (!(stmt = _resfri_store_prepare (store, pool_bookings_sql, error)))
            return FALSE;
          sqlite3_bind_int64 (stmt, 1, g_array_index (keys, gint64, 2 * i));
          sqlite3_bind_int64 (stmt, 2, g_array_index (keys, gint64, 2 * i + 1));
          sqlite3_bind_int64 (stmt, 3, from);
          sqlite3_bind_int64 (stmt, 4, to);
        }
      else
        {
          if (!(stmt = _resfri_store_prepare (store, room_bookings_sql, error)))
            return FALSE;
          sqlite3_bind_int64 (stmt, 1, g_array_index (keys, gint64, first_room + i));
          sqlite3_bind_int64 (stmt, 2, from);
          sqlite3_bind_int64 (stmt, 3, to);
        }

      if (!sum_bookings (store, stmt, from, to, row, error))
        return FALSE;
    }

  return TRUE;
}

/**
 * resfri_bookings_get_utilisation:
 * @from: the period's start
 * @to: its end (exclusive)
 *
 * Booked hours and share of working hours per loan pool (site, type) and
 * per video room (a room with fixed video-conference equipment), for the
 * bookings within [@from, @to) (clipped to it). Pools come first, by site
 * and type, then rooms by site and name.
 *
 * Returns: (transfer container) (element-type ResfriUtilisation): the
 *   rows, or %NULL with @error
 */
GPtrArray *
resfri_bookings_get_utilisation (ResfriStore  *store,
                                 gint64        from,
                                 gint64        to,
                                 GError      **error)
{
  g_autoptr(GPtrArray) rows = NULL;
  gboolean owned;
  gboolean ok;

  g_return_val_if_fail (RESFRI_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (to < from)
    {
      g_set_error_literal (error, RESFRI_ERROR, RESFRI_ERROR_INVALID_INPUT,
                           _("The period ends before it starts"));
      return NULL;
    }

  rows = g_ptr_array_new_with_free_func ((GDestroyNotify) resfri_utilisation_free);
  if (!begin_read (store, &owned, error))
    return NULL;
  ok = utilisation_in_read (store, from, to, rows, error);
  end_read (store, owned);

  return ok ? g_steal_pointer (&rows) : NULL;
}

/* resfri-reservations.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reservations the calendar holds (spec/sync.md): a meeting whose
 * ATTENDEE;CUTYPE=ROOM (or RESOURCE) names a room's (or an item's) address,
 * not DECLINED, reserves the room (or item) for each of its occurrences
 * that is not cancelled; and
 * every event of a followed room's or item's calendar (`sources follow
 * --room R` or `--item TAG`) reserves that room or item: its meetings, and
 * the events that are no meetings, another installation's Resfri bookings.
 * A followed pool calendar's events each reserve one item of the pool
 * (resfri-pool-reservations.c).
 * They count wherever a booking counts; this file puts them there: a room
 * or item another occurrence reserves is not free and cannot be booked or
 * lent, the list of bookings shows them (source calendar) and marks each
 * overlap of two occurrences in one room or item as a conflict (never
 * refused: the calendar may hold it), utilisation counts their hours, and
 * the allocation takes reserved loan items as taken for those intervals.
 * An occurrence's own reservation never stands in its own way. No SQL
 * here: the rows come from resfri-bookings.c and sync/resfri-sources.c.
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "resfri-bookings-private.h"
#include "resfri-sources-private.h"

gboolean
_resfri_reservations_same_occurrence (const char *uid_a,
                                      const char *rid_a,
                                      const char *uid_b,
                                      const char *rid_b)
{
  return g_strcmp0 (uid_a, uid_b) == 0 &&
         g_strcmp0 (rid_a != NULL ? rid_a : "", rid_b != NULL ? rid_b : "") == 0;
}

static int
compare_reservations (gconstpointer a,
                      gconstpointer b)
{
  const ResfriBooking *x = *(ResfriBooking * const *) a;
  const ResfriBooking *y = *(ResfriBooking * const *) b;
  int cmp;

  if (x->start != y->start)
    return x->start < y->start ? -1 : 1;
  if ((cmp = g_strcmp0 (x->resource, y->resource)) != 0 ||
      (cmp = g_strcmp0 (x->uid, y->uid)) != 0 ||
      (cmp = g_strcmp0 (x->recurrence_id, y->recurrence_id)) != 0)
    return cmp;

  return (x->end > y->end) - (x->end < y->end);
}

/* What the calendar reserves of the rooms (@kind ROOM) or items: a room
 * or an item through its attendees and through its followed calendar;
 * each occurrence once (a meeting may name the room and be in its
 * calendar). Those of room or item @id (0: every one) that intersect
 * [from, to) are appended to @into, by start. */
static gboolean
read_reservations (ResfriStore        *store,
                   ResfriBookingKind   kind,
                   gint64              id,
                   gint64              from,
                   gint64              to,
                   GPtrArray          *into,
                   GError            **error)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func ((GDestroyNotify) resfri_booking_free);
  g_autofree ResfriBooking **rows = NULL;
  gsize n_rows = 0;

  if (!_resfri_bookings_read_reservations (store, kind, id, from, to, found, NULL, error))
    return FALSE;
  if (!_resfri_sources_read_reservations (store, kind == RESFRI_BOOKING_ROOM, id, from, to,
                                          found, NULL, error))
    return FALSE;

  g_ptr_array_sort (found, compare_reservations);
  rows = (ResfriBooking **) g_ptr_array_steal (found, &n_rows);
  for (gsize i = 0, kept = 0; i < n_rows; i++)
    if (i > 0 && compare_reservations (&rows[kept], &rows[i]) == 0)
      resfri_booking_free (rows[i]);
    else
      g_ptr_array_add (into, rows[kept = i]);

  return TRUE;
}

/* Whether the calendar reserves room or item @id (code or tag @code)
 * during [start, end) for an occurrence other than @uid + @recurrence_id
 * (@uid NULL: any occurrence): 1 with a CONFLICT in @error naming what
 * holds it and @held_by (optional) its UID, 0 when not, -1 with @error on
 * a read error. */
static int
find_reservation (ResfriStore        *store,
                  ResfriBookingKind   kind,
                  gint64              id,
                  const char         *code,
                  gint64              start,
                  gint64              end,
                  const char         *uid,
                  const char         *recurrence_id,
                  char              **held_by,
                  GError            **error)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func ((GDestroyNotify) resfri_booking_free);

  if (!read_reservations (store, kind, id, start, end, found, error))
    return -1;

  for (guint i = 0; i < found->len; i++)
    {
      const ResfriBooking *other = g_ptr_array_index (found, i);
      g_autofree char *from = NULL;
      g_autofree char *to = NULL;

      if (uid != NULL &&
          _resfri_reservations_same_occurrence (uid, recurrence_id, other->uid,
                                                other->recurrence_id))
        continue;

      from = _resfri_bookings_format_local (other->start);
      to = _resfri_bookings_format_local (other->end);
      if (kind == RESFRI_BOOKING_ROOM)
        /* Translators: the room's code, the meeting's start and end (local
         * time), its summary and its UID. */
        g_set_error (error, RESFRI_ERROR, RESFRI_ERROR_CONFLICT,
                     _("Room %s is reserved in the calendar from %s to %s by meeting “%s” (%s)"),
                     code, from, to, other->summary != NULL ? other->summary : "", other->uid);
      else
        /* Translators: the item's asset tag, the holder's start and end
         * (local time), its summary and its UID. */
        g_set_error (error, RESFRI_ERROR, RESFRI_ERROR_CONFLICT,
                     _("Item %s is reserved in the calendar from %s to %s by “%s” (%s)"),
                     code, from, to, other->summary != NULL ? other->summary : "", other->uid);
      if (held_by != NULL)
        *held_by = g_strdup (other->uid);
      return 1;
    }

  return 0;
}

/* Whether the calendar reserves room @room_id: find_reservation(). */
int
_resfri_reservations_find (ResfriStore  *store,
                           gint64        room_id,
                           const char   *code,
                           gint64        start,
                           gint64        end,
                           const char   *uid,
                           const char   *recurrence_id,
                           char        **held_by,
                           GError      **error)
{
  return find_reservation (store, RESFRI_BOOKING_ROOM, room_id, code, start, end, uid,
                           recurrence_id, held_by, error);
}

/* Whether the calendar reserves item @item_id (tag @tag) during
 * [start, end) for an occurrence other than @uid + @recurrence_id: as
 * _resfri_reservations_find(). */
int
_resfri_reservations_find_item (ResfriStore  *store,
                                gint64        item_id,
                                const char   *tag,
                                gint64        start,
                                gint64        end,
                                const char   *uid,
                                const char   *recurrence_id,
                                GError      **error)
{
  return find_reservation (store, RESFRI_BOOKING_ITEM, item_id, tag, start, end, uid,
                           recurrence_id, NULL, error);
}

/* Drops from @rooms (and their @ids) every room the calendar reserves
 * during [start, end) for an occurrence other than @uid + @recurrence_id. */
gboolean
_resfri_reservations_drop_reserved (ResfriStore  *store,
                                    GPtrArray    *rooms,
                                    GArray       *ids,
                                    gint64        start,
                                    gint64        end,
                                    const char   *uid,
                                    const char   *recurrence_id,
                                    GError      **error)
{
  /* An empty interval (the Rooms view's list of every room) meets none. */
  if (end <= start)
    return TRUE;

  for (guint i = rooms->len; i > 0; i--)
    {
      const ResfriRoomAvailability *room = g_ptr_array_index (rooms, i - 1);
      g_autoptr(GError) local_error = NULL;
      int reserved = _resfri_reservations_find (store, g_array_index (ids, gint64, i - 1),
                                                room->room, start, end, uid, recurrence_id,
                                                NULL, &local_error);

      if (reserved < 0)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      if (reserved == 1)
        {
          g_ptr_array_remove_index (rooms, i - 1);
          g_array_remove_index (ids, i - 1);
        }
    }

  return TRUE;
}

static int
compare_by_resource_then_start (gconstpointer a,
                                gconstpointer b)
{
  const ResfriBooking *x = *(ResfriBooking * const *) a;
  const ResfriBooking *y = *(ResfriBooking * const *) b;
  int by_resource = g_strcmp0 (x->resource, y->resource);

  if (x->kind != y->kind)
    return x->kind < y->kind ? -1 : 1;
  if (by_resource != 0)
    return by_resource;

  return x->start < y->start ? -1 : x->start > y->start;
}

static int
compare_by_start (gconstpointer a,
                  gconstpointer b)
{
  const ResfriBooking *x = *(ResfriBooking * const *) a;
  const ResfriBooking *y = *(ResfriBooking * const *) b;

  if (x->start != y->start)
    return x->start < y->start ? -1 : 1;
  /* Resfri's own bookings before the calendar's, each by id or room. */
  if (x->source != y->source)
    return x->source < y->source ? -1 : 1;
  if (x->id != y->id)
    return x->id < y->id ? -1 : 1;
  if (g_strcmp0 (x->resource, y->resource) != 0)
    return g_strcmp0 (x->resource, y->resource);

  return g_strcmp0 (x->uid, y->uid);
}

/* Marks "conflict" on every booking or reservation that overlaps one of
 * another occurrence in the same room or of the same item. */
static void
mark_conflicts (GPtrArray *bookings)
{
  g_autoptr(GPtrArray) sorted = g_ptr_array_sized_new (bookings->len);

  /* Not owned: a copy would free them with its own free function. */
  g_ptr_array_extend (sorted, bookings, NULL, NULL);
  g_ptr_array_sort (sorted, compare_by_resource_then_start);

  for (guint i = 0; i < sorted->len; i++)
    {
      ResfriBooking *b = g_ptr_array_index (sorted, i);

      for (guint j = i + 1; j < sorted->len; j++)
        {
          ResfriBooking *c = g_ptr_array_index (sorted, j);

          if (b->kind != c->kind || g_strcmp0 (b->resource, c->resource) != 0 ||
              c->start >= b->end)
            break;
          if (_resfri_reservations_same_occurrence (b->uid, b->recurrence_id, c->uid,
                                                    c->recurrence_id))
            continue;
          if (b->attention == NULL)
            b->attention = g_strdup ("conflict");
          if (c->attention == NULL)
            c->attention = g_strdup ("conflict");
        }
    }
}

/* Adds the calendar's reservations intersecting [from, to) to @bookings
 * (the Resfri bookings of that window), sorts the whole by start, and
 * marks the conflicts. */
gboolean
_resfri_reservations_add_to_list (ResfriStore  *store,
                                  gint64        from,
                                  gint64        to,
                                  GPtrArray    *bookings,
                                  GError      **error)
{
  if (!read_reservations (store, RESFRI_BOOKING_ROOM, 0, from, to, bookings, error) ||
      !read_reservations (store, RESFRI_BOOKING_ITEM, 0, from, to, bookings, error))
    return FALSE;
  /* A pool's reservations conflict only beyond the pool's size. */
  mark_conflicts (bookings);
  if (!_resfri_reservations_add_pools_to_list (store, from, to, bookings, error))
    return FALSE;
  g_ptr_array_sort (bookings, compare_by_start);

  return TRUE;
}

/* Appends the (start, end) pairs of room @room_id's calendar reservations
 * that intersect [from, to) to @intervals. */
gboolean
_resfri_reservations_add_intervals (ResfriStore  *store,
                                    gint64        room_id,
                                    gint64        from,
                                    gint64        to,
                                    GArray       *intervals,
                                    GError      **error)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func ((GDestroyNotify) resfri_booking_free);

  if (!read_reservations (store, RESFRI_BOOKING_ROOM, room_id, from, to, found, error))
    return FALSE;
  for (guint i = 0; i < found->len; i++)
    {
      const ResfriBooking *b = g_ptr_array_index (found, i);

      g_array_append_val (intervals, b->start);
      g_array_append_val (intervals, b->end);
    }

  return TRUE;
}

/* The allocation's supply: a loan item the calendar reserves is taken for
 * that interval, as by a booking (spec/allocation.md, "Existing manual
 * bookings are kept and their items are unavailable for their intervals");
 * so is one item of a pool whose calendar reserves it (equipment_id 0). */
gboolean
_resfri_reservations_read_pool_items (ResfriStore            *store,
                                      gint64                  from,
                                      gint64                  to,
                                      ResfriLoanBookingFunc   func,
                                      gpointer                user_data,
                                      GError                **error)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func ((GDestroyNotify) resfri_booking_free);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  /* An item's calendar and an attendee naming its address may hold one
   * occurrence both: it is taken once. */
  if (!_resfri_sources_read_reservations (store, FALSE, 0, from, to, found, ids, error) ||
      !_resfri_bookings_read_reservations (store, RESFRI_BOOKING_ITEM, 0, from, to, found, ids,
                                           error))
    return FALSE;
  for (guint i = 0; i < found->len; i++)
    {
      const ResfriBooking *reservation = g_ptr_array_index (found, i);
      g_auto(ItemRow) item = { 0 };
      ResfriLoanBooking booking = { 0 };
      char *key = g_strdup_printf ("%" G_GINT64_FORMAT "\x1f%s\x1f%s\x1f%" G_GINT64_FORMAT,
                                   g_array_index (ids, gint64, i), reservation->uid,
                                   reservation->recurrence_id, reservation->start);

      if (!g_hash_table_add (seen, key))
        continue;
      if (!_resfri_bookings_read_item (store, NULL, g_array_index (ids, gint64, i), &item, error))
        return FALSE;
      if (item.owner_id != 0 || g_strcmp0 (item.state, "ok") != 0)
        continue;
      booking.equipment_id = item.id;
      booking.start = reservation->start;
      booking.end = reservation->end;
      booking.site_id = item.site_id;
      booking.type = item.type;
      booking.uid = reservation->uid;
      booking.recurrence_id = reservation->recurrence_id;
      func (&booking, user_data);
    }

  /* A pool calendar's event takes one item of the pool, whichever. */
  g_ptr_array_set_size (found, 0);
  g_array_set_size (ids, 0);
  if (!_resfri_sources_read_pool_reservations (store, 0, from, to, found, ids, error))
    return FALSE;
  for (guint i = 0; i < found->len; i++)
    {
      const ResfriBooking *reservation = g_ptr_array_index (found, i);
      ResfriLoanBooking booking = { 0 };

      booking.start = reservation->start;
      booking.end = reservation->end;
      booking.site_id = g_array_index (ids, gint64, i);
      booking.type = reservation->type;
      booking.uid = reservation->uid;
      booking.recurrence_id = reservation->recurrence_id;
      func (&booking, user_data);
    }

  return TRUE;
}

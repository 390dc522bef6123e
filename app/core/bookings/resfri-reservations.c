/* resfri-reservations.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reservations the calendar holds (spec/sync.md): a meeting whose
 * ATTENDEE;CUTYPE=ROOM (or RESOURCE) names a room's address, not DECLINED,
 * reserves the room for each of its occurrences that is not cancelled.
 * They count wherever a booking counts; this file puts them there: a room
 * another occurrence reserves is not free and cannot be booked, the list
 * of bookings shows them (source calendar) and marks each overlap of two
 * occurrences in one room as a conflict (never refused: the calendar may
 * hold it), and utilisation counts their hours. An occurrence's own
 * reservation of a room never stands in its own way. No SQL here: the
 * rows come from resfri-bookings.c.
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "resfri-bookings-private.h"

static gboolean
same_occurrence (const char *uid_a,
                 const char *rid_a,
                 const char *uid_b,
                 const char *rid_b)
{
  return g_strcmp0 (uid_a, uid_b) == 0 &&
         g_strcmp0 (rid_a != NULL ? rid_a : "", rid_b != NULL ? rid_b : "") == 0;
}

/* Whether the calendar reserves room @room_id (code @code) during
 * [start, end) for an occurrence other than @uid + @recurrence_id (@uid
 * NULL: any occurrence): 1 with a CONFLICT in @error naming the meeting
 * that holds the room and @held_by (optional) its UID, 0 when not, -1 with
 * @error on a read error. */
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
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func ((GDestroyNotify) resfri_booking_free);

  if (!_resfri_bookings_read_reservations (store, room_id, start, end, found, error))
    return -1;

  for (guint i = 0; i < found->len; i++)
    {
      const ResfriBooking *other = g_ptr_array_index (found, i);
      g_autofree char *from = NULL;
      g_autofree char *to = NULL;

      if (uid != NULL && same_occurrence (uid, recurrence_id, other->uid, other->recurrence_id))
        continue;

      from = _resfri_bookings_format_local (other->start);
      to = _resfri_bookings_format_local (other->end);
      /* Translators: the room's code, the meeting's start and end (local
       * time), its summary and its UID. */
      g_set_error (error, RESFRI_ERROR, RESFRI_ERROR_CONFLICT,
                   _("Room %s is reserved in the calendar from %s to %s by meeting “%s” (%s)"),
                   code, from, to, other->summary != NULL ? other->summary : "", other->uid);
      if (held_by != NULL)
        *held_by = g_strdup (other->uid);
      return 1;
    }

  return 0;
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
compare_by_room_then_start (gconstpointer a,
                            gconstpointer b)
{
  const ResfriBooking *x = *(ResfriBooking * const *) a;
  const ResfriBooking *y = *(ResfriBooking * const *) b;
  int by_room = g_strcmp0 (x->resource, y->resource);

  if (by_room != 0)
    return by_room;

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

/* Marks "conflict" on every room booking or reservation that overlaps one
 * of another occurrence in the same room. */
static void
mark_conflicts (GPtrArray *bookings)
{
  g_autoptr(GPtrArray) rooms = g_ptr_array_new ();

  for (guint i = 0; i < bookings->len; i++)
    {
      ResfriBooking *b = g_ptr_array_index (bookings, i);

      if (b->kind == RESFRI_BOOKING_ROOM)
        g_ptr_array_add (rooms, b);
    }
  g_ptr_array_sort (rooms, compare_by_room_then_start);

  for (guint i = 0; i < rooms->len; i++)
    {
      ResfriBooking *b = g_ptr_array_index (rooms, i);

      for (guint j = i + 1; j < rooms->len; j++)
        {
          ResfriBooking *c = g_ptr_array_index (rooms, j);

          if (g_strcmp0 (b->resource, c->resource) != 0 || c->start >= b->end)
            break;
          if (same_occurrence (b->uid, b->recurrence_id, c->uid, c->recurrence_id))
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
  if (!_resfri_bookings_read_reservations (store, 0, from, to, bookings, error))
    return FALSE;
  g_ptr_array_sort (bookings, compare_by_start);
  mark_conflicts (bookings);

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

  if (!_resfri_bookings_read_reservations (store, room_id, from, to, found, error))
    return FALSE;
  for (guint i = 0; i < found->len; i++)
    {
      const ResfriBooking *b = g_ptr_array_index (found, i);

      g_array_append_val (intervals, b->start);
      g_array_append_val (intervals, b->end);
    }

  return TRUE;
}

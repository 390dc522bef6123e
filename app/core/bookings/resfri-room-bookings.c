/* resfri-room-bookings.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Booking a room for one occurrence, or for a whole series where it is
 * free ("book the rest, skip the conflicts"). A room is named by its code,
 * or by its name when no other room has it.
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "resfri-bookings-private.h"
#include "resfri-room-bookings.h"

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

  if (!_resfri_bookings_find_room (store, room, &keys, error))
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
      if (!_resfri_bookings_find_occurrence (store, uid, recurrence_id, &slot->start, &slot->end,
                                             error))
        return NULL;
      single = TRUE;
    }
  else
    {
      if (!(slots = _resfri_bookings_series_occurrences (store, uid, error)))
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

      if (single && !_resfri_bookings_check_duration (slot->start, slot->end, error))
        return NULL;

      if (slot->end > slot->start &&
          (id = _resfri_bookings_insert (store, keys.id, 0, 0, uid, slot->recurrence_id,
                                         slot->start, slot->end, &local_error)) > 0)
        {
          ResfriBooking *booking = _resfri_bookings_get (store, id, error);

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
          _resfri_bookings_explain_conflict (store, TRUE, code, keys.id, slot->start, slot->end,
                                             &local_error);
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }

      {
        ResfriBookingSlot *skip = resfri_booking_slot_copy (slot);

        if (slot->end > slot->start)
          skip->booking = _resfri_bookings_find_overlap (store, TRUE, keys.id, slot->start,
                                                         slot->end, NULL);
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

  if (!_resfri_bookings_check_text (room, _("The room is empty"), error) ||
      !_resfri_bookings_check_text (uid, _("The UID is empty"), error))
    return NULL;

  if (!_resfri_store_begin (store, error))
    return NULL;

  booked = book_room_in_transaction (store, room, uid, recurrence_id, skipped, error);
  if (booked == NULL)
    {
      _resfri_store_rollback (store);
      return NULL;
    }
  if (!_resfri_store_commit (store, error) ||
      !_resfri_bookings_after_book (store, booked, error))
    {
      g_ptr_array_unref (booked);
      if (skipped != NULL)
        g_clear_pointer (skipped, g_ptr_array_unref);
      return NULL;
    }

  return booked;
}

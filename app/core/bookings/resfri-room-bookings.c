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

/* INVALID_INPUT unless room @keys seats the people of every occurrence of
 * @slots. */
static gboolean
check_capacity (ResfriStore     *store,
                const RoomKeys  *keys,
                const char      *uid,
                GPtrArray       *slots,
                GError         **error)
{
  for (guint i = 0; i < slots->len; i++)
    {
      const ResfriBookingSlot *slot = g_ptr_array_index (slots, i);
      g_autofree char *seats = NULL;
      g_autofree char *people = NULL;
      gint64 start, end, headcount;

      if (!_resfri_bookings_find_occurrence (store, uid, slot->recurrence_id, &start, &end,
                                             &headcount, error))
        return FALSE;
      if (headcount <= keys->capacity)
        continue;

      seats = g_strdup_printf ("%" G_GINT64_FORMAT, keys->capacity);
      people = g_strdup_printf ("%" G_GINT64_FORMAT, headcount);
      /* Translators: the room's code, its seats, the meeting's people
       * (attendees not declined and the organiser), its UID. */
      g_set_error (error, RESFRI_ERROR, RESFRI_ERROR_INVALID_INPUT,
                   _("Room %s seats %s, fewer than the %s people of meeting “%s”"),
                   keys->code, seats, people, uid);
      return FALSE;
    }

  return TRUE;
}

static GPtrArray *
book_room_in_transaction (ResfriStore  *store,
                          const char   *room,
                          const char   *uid,
                          const char   *recurrence_id,
                          gboolean      force,
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
                                             NULL, error))
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

  if (!force && !check_capacity (store, &keys, uid, slots, error))
    return NULL;

  for (guint i = 0; i < slots->len; i++)
    {
      const ResfriBookingSlot *slot = g_ptr_array_index (slots, i);
      g_autoptr(GError) local_error = NULL;
      g_autofree char *held_by = NULL;
      int reserved = 0;
      gint64 id;

      if (single && !_resfri_bookings_check_duration (slot->start, slot->end, error))
        return NULL;

      /* A reservation the calendar holds for another meeting is in the
       * way as a booking is; the occurrence's own is not. */
      if (slot->end > slot->start &&
          (reserved = _resfri_reservations_find (store, keys.id, code, slot->start, slot->end, uid,
                                                 slot->recurrence_id, &held_by,
                                                 &local_error)) != 0)
        {
          if (reserved < 0 || single)
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return NULL;
            }
          g_ptr_array_add (skips, resfri_booking_slot_copy (slot));
          ((ResfriBookingSlot *) g_ptr_array_index (skips, skips->len - 1))->held_by =
            g_steal_pointer (&held_by);
          continue;
        }

      if (slot->end > slot->start &&
          (id = _resfri_bookings_insert (store, keys.id, 0, 0, keys.code, uid,
                                         slot->recurrence_id, slot->start, slot->end,
                                         &local_error)) > 0)
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
 * ("book the rest, skip the conflicts"), if it seats the people of every
 * occurrence it would book (see resfri_bookings_book_room_forced()). A
 * single occurrence (named, or a meeting that does not recur) that
 * conflicts is refused with
 * RESFRI_ERROR_CONFLICT naming the booking in the way, or the meeting whose
 * calendar reservation holds the room, and nothing is written.
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
  return resfri_bookings_book_room_forced (store, room, uid, recurrence_id, FALSE, skipped,
                                           error);
}

/**
 * resfri_bookings_book_room_forced:
 * @force: book the room even when it seats fewer than the meeting's people
 *
 * resfri_bookings_book_room(), which without @force refuses (INVALID_INPUT,
 * nothing written) a room with fewer seats than the people of an occurrence
 * it would book: its attendees, internal and external, that are not
 * DECLINED, and its organiser.
 *
 * Returns: (transfer container) (element-type ResfriBooking): the new
 *   bookings, or %NULL with @error
 */
GPtrArray *
resfri_bookings_book_room_forced (ResfriStore  *store,
                                  const char   *room,
                                  const char   *uid,
                                  const char   *recurrence_id,
                                  gboolean      force,
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

  booked = book_room_in_transaction (store, room, uid, recurrence_id, force, skipped, error);
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

/* resfri-booking.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One booking: its record, ResfriBooking (a room or a loan item reserved
 * for an occurrence, as the store reads it), and ResfriBookingSlot (an
 * occurrence of a series, taken or skipped); cancelling a booking and
 * booking it again (the undo of a cancellation).
 */

#include "config.h"

#include "resfri-booking.h"
#include "resfri-bookings-private.h"
#include "resfri-server-bookings.h"

G_DEFINE_BOXED_TYPE (ResfriBooking, resfri_booking, resfri_booking_copy, resfri_booking_free)
G_DEFINE_BOXED_TYPE (ResfriBookingSlot, resfri_booking_slot, resfri_booking_slot_copy,
                     resfri_booking_slot_free)

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

const char *
resfri_booking_kind_to_string (ResfriBookingKind kind)
{
  return kind == RESFRI_BOOKING_ROOM ? "room" : "item";
}

/* Cancelling and re-booking */

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

  g_return_val_if_fail (RESFRI_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!_resfri_store_begin (store, error))
    return NULL;

  if (!(booking = _resfri_bookings_get (store, id, error)) ||
      !_resfri_bookings_delete (store, id, error))
    {
      _resfri_store_rollback (store);
      return NULL;
    }
  if (!_resfri_store_commit (store, error))
    return NULL;
  _resfri_server_bookings_cancel (store, id, NULL);

  return g_steal_pointer (&booking);
}

gboolean
_resfri_bookings_after_book (ResfriStore  *store,
                             GPtrArray    *booked,
                             GError      **error)
{
  if (_resfri_server_bookings_push (store, booked, error))
    return TRUE;

  if (_resfri_store_begin (store, NULL))
    {
      for (guint i = 0; i < booked->len; i++)
        _resfri_bookings_delete (store, ((ResfriBooking *) g_ptr_array_index (booked, i))->id, NULL);
      if (!_resfri_store_commit (store, NULL))
        _resfri_store_rollback (store);
    }
  return FALSE;
}

gboolean
_resfri_bookings_after_book_one (ResfriStore    *store,
                                 ResfriBooking  *booking,
                                 GError        **error)
{
  g_autoptr(GPtrArray) booked = g_ptr_array_new ();

  g_ptr_array_add (booked, booking);
  return _resfri_bookings_after_book (store, booked, error);
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

  if (_resfri_bookings_find_occurrence (store, booking->uid, booking->recurrence_id, &start, &end,
                                        &local_error))
    {
      if (booking->kind == RESFRI_BOOKING_ROOM)
        {
          RoomKeys room = { 0 };

          if (_resfri_bookings_find_room (store, booking->resource, &room, &local_error))
            {
              id = _resfri_bookings_insert (store, room.id, 0, 0, booking->uid,
                                            booking->recurrence_id, booking->start, booking->end,
                                            &local_error);
              if (id == 0)
                _resfri_bookings_explain_conflict (store, TRUE, room.code, room.id, booking->start,
                                                   booking->end, &local_error);
              g_free (room.code);
            }
        }
      else
        {
          g_auto(ItemRow) item = { 0 };
          gint64 person_id = 0, person_site;

          if (_resfri_bookings_read_item (store, booking->resource, 0, &item, &local_error) &&
              (booking->person == NULL ||
               _resfri_bookings_read_person (store, booking->person, 0, &person_id, &person_site,
                                             &local_error)))
            id = _resfri_loans_add_in_transaction (store, &item, booking->uid,
                                                   booking->recurrence_id, person_id,
                                                   booking->start, booking->end, &local_error);
        }
    }

  if (id > 0)
    result = _resfri_bookings_get (store, id, &local_error);
  if (result == NULL)
    {
      _resfri_store_rollback (store);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (!_resfri_store_commit (store, error) ||
      !_resfri_bookings_after_book_one (store, result, error))
    {
      resfri_booking_free (result);
      return NULL;
    }

  return result;
}

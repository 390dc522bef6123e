/* resfri-booking.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One booking: its record, ResfriBooking (a room or a loan item reserved
 * for an occurrence, as the store reads it), and ResfriBookingSlot (an
 * occurrence of a series, taken or skipped); cancelling a booking and
 * booking it again (the undo of a cancellation); what the folder says of a
 * booking (local times, a conflict naming the booking in the way); and the
 * list of bookings on a worker thread.
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "resfri-audit-private.h"
#include "resfri-booking.h"
#include "resfri-bookings-private.h"
#include "resfri-server-bookings.h"

#define HOME_ZONE "Europe/Stockholm"

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
  copy->server_href = g_strdup (booking->server_href);
  copy->attention = g_strdup (booking->attention);
  copy->detail = g_strdup (booking->detail);

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
  g_free (booking->server_href);
  g_free (booking->attention);
  g_free (booking->detail);
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
  copy->held_by = g_strdup (slot->held_by);

  return copy;
}

void
resfri_booking_slot_free (ResfriBookingSlot *slot)
{
  if (slot == NULL)
    return;

  g_free (slot->recurrence_id);
  g_free (slot->held_by);
  g_free (slot);
}

const char *
resfri_booking_kind_to_string (ResfriBookingKind kind)
{
  return kind == RESFRI_BOOKING_ROOM ? "room" : "item";
}

const char *
resfri_booking_source_to_string (ResfriBookingSource source)
{
  return source == RESFRI_BOOKING_SOURCE_CALENDAR ? "calendar" : "resfri";
}

/**
 * resfri_booking_is_pool_reservation:
 *
 * Whether @booking is a pool calendar's reservation (`sources follow
 * --pool`): one item of the loan pool, whichever; its @resource is then
 * SITE/TYPE, not an asset tag.
 */
gboolean
resfri_booking_is_pool_reservation (const ResfriBooking *booking)
{
  gsize site;

  g_return_val_if_fail (booking != NULL, FALSE);

  if (booking->kind != RESFRI_BOOKING_ITEM || booking->source != RESFRI_BOOKING_SOURCE_CALENDAR ||
      booking->resource == NULL || booking->site == NULL || booking->type == NULL)
    return FALSE;
  site = strlen (booking->site);
  return g_ascii_strncasecmp (booking->resource, booking->site, site) == 0 &&
         booking->resource[site] == '/' &&
         g_ascii_strcasecmp (booking->resource + site + 1, booking->type) == 0;
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
      !_resfri_bookings_delete (store, id, error) ||
      !_resfri_audit_record_id (store, "cancel", "booking", id, booking->resource, error))
    {
      _resfri_store_rollback (store);
      return NULL;
    }
  if (!_resfri_store_commit (store, error))
    return NULL;
  _resfri_server_bookings_cancel (store, id, booking, NULL);

  return g_steal_pointer (&booking);
}

gint64
_resfri_bookings_insert (ResfriStore  *store,
                         gint64        room_id,
                         gint64        equipment_id,
                         gint64        person_id,
                         const char   *resource,
                         const char   *uid,
                         const char   *recurrence_id,
                         gint64        start,
                         gint64        end,
                         GError      **error)
{
  gint64 id;

  id = _resfri_bookings_insert_row (store, room_id, equipment_id, person_id, uid, recurrence_id,
                                    start, end, error);
  if (id > 0 &&
      !_resfri_audit_record_id (store, room_id > 0 ? "book" : "lend", "booking", id, resource,
                                error))
    return 0;

  return id;
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
        {
          const ResfriBooking *booking = g_ptr_array_index (booked, i);

          if (_resfri_bookings_delete (store, booking->id, NULL))
            _resfri_audit_record_id (store, "release", "booking", booking->id, booking->resource,
                                     NULL);
        }
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
                                        NULL, &local_error))
    {
      if (booking->kind == RESFRI_BOOKING_ROOM)
        {
          RoomKeys room = { 0 };

          if (_resfri_bookings_find_room (store, booking->resource, &room, &local_error))
            {
              id = _resfri_bookings_insert (store, room.id, 0, 0, room.code, booking->uid,
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

/* Messages */

/* For the local times in messages here and utilisation's working hours. */
GTimeZone *
_resfri_bookings_home_zone (void)
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

char *
_resfri_bookings_format_local (gint64 t)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (t);
  g_autoptr(GDateTime) local = NULL;

  if (utc == NULL)
    return g_strdup ("?");
  local = g_date_time_to_timezone (utc, _resfri_bookings_home_zone ());

  return g_date_time_format (local, "%Y-%m-%d %H:%M");
}

gboolean
_resfri_bookings_check_text (const char  *text,
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

/* Replaces the triggers' terse refusal in @error by one that names the
 * booking in the way, when it can be found. */
void
_resfri_bookings_explain_conflict (ResfriStore  *store,
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

  other_id = _resfri_bookings_find_overlap (store, room, resource_id, start, end, NULL);
  if (other_id <= 0 || !(other = _resfri_bookings_get (store, other_id, NULL)))
    return;

  id_text = g_strdup_printf ("%" G_GINT64_FORMAT, other->id);
  from = _resfri_bookings_format_local (other->start);
  to = _resfri_bookings_format_local (other->end);
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

gboolean
_resfri_bookings_check_duration (gint64       start,
                                 gint64       end,
                                 GError     **error)
{
  if (end > start)
    return TRUE;

  g_set_error_literal (error, RESFRI_ERROR, RESFRI_ERROR_INVALID_INPUT,
                       _("The occurrence has no duration and cannot be booked"));
  return FALSE;
}

/* The list on a worker thread */

typedef struct
{
  gint64 from;
  gint64 to;
} ListData;

static gpointer
list_work (ResfriStore   *worker,
           gpointer       data,
           GCancellable  *cancellable,
           GError       **error)
{
  ListData *window = data;
  g_autoptr(GPtrArray) bookings = NULL;

  if (!(bookings = resfri_bookings_list (worker, window->from, window->to, error)) ||
      g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  return g_steal_pointer (&bookings);
}

/**
 * resfri_bookings_list_async:
 * @from: the window's start (G_MININT64 for no bound)
 * @to: its end, exclusive (G_MAXINT64 for no bound)
 *
 * resfri_bookings_list() on a worker thread with a store of its own.
 */
void
resfri_bookings_list_async (ResfriStore         *store,
                            gint64               from,
                            gint64               to,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  ListData *data;

  g_return_if_fail (RESFRI_IS_STORE (store));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  data = g_new0 (ListData, 1);
  data->from = from;
  data->to = to;
  _resfri_store_run_async (store, resfri_bookings_list_async, list_work, data, g_free,
                           (GDestroyNotify) g_ptr_array_unref, cancellable, callback, user_data);
}

/**
 * resfri_bookings_list_finish:
 *
 * Returns: (transfer container) (element-type ResfriBooking): the bookings,
 *   or %NULL with @error (G_IO_ERROR_CANCELLED when cancelled)
 */
GPtrArray *
resfri_bookings_list_finish (ResfriStore   *store,
                             GAsyncResult  *result,
                             GError       **error)
{
  return _resfri_store_run_finish (store, result, error);
}

/* Erasure (spec/privacy.md): every booking @person_id holds is cancelled in
 * the caller's transaction, as resfri_bookings_cancel() does; @released
 * gets them, for _resfri_bookings_after_release() after the commit. */
gboolean
_resfri_bookings_release_person (ResfriStore  *store,
                                 gint64        person_id,
                                 GPtrArray    *released,
                                 GError      **error)
{
  g_autoptr(GPtrArray) bookings = NULL;

  if (!(bookings = _resfri_bookings_list_for_person (store, person_id, error)))
    return FALSE;
  for (guint i = 0; i < bookings->len; i++)
    {
      ResfriBooking *booking = g_ptr_array_index (bookings, i);

      if (!_resfri_bookings_delete (store, booking->id, error) ||
          !_resfri_audit_record_id (store, "cancel", "booking", booking->id, booking->resource,
                                    error))
        return FALSE;
      g_ptr_array_add (released, resfri_booking_copy (booking));
    }

  return TRUE;
}

/* After the commit of _resfri_bookings_release_person(): each booking's
 * copy on a server is deleted, as a cancellation's is; one that cannot be
 * keeps its sync_bookings row, which every sync's reconcile retries. */
void
_resfri_bookings_after_release (ResfriStore *store,
                                GPtrArray   *released)
{
  for (guint i = 0; i < released->len; i++)
    {
      const ResfriBooking *booking = g_ptr_array_index (released, i);

      _resfri_server_bookings_cancel (store, booking->id, booking, NULL);
    }
}

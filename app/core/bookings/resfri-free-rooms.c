/* resfri-free-rooms.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Which rooms are free: for an interval, for one occurrence, and room by
 * room for every occurrence of a series (where each room is taken), on the
 * calling thread or on a worker thread (_async/_finish).
 *
 * A room is free for [start, end) when none of its bookings overlaps that
 * interval (half-open), nor a reservation the calendar holds for another
 * occurrence (resfri-reservations.c). Free rooms sort by site code, then fit (the
 * smallest capacity that is enough first), then name.
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "resfri-bookings-private.h"
#include "resfri-free-rooms.h"

G_DEFINE_BOXED_TYPE (ResfriRoomAvailability, resfri_room_availability,
                     resfri_room_availability_copy, resfri_room_availability_free)

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
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
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

  if (!_resfri_bookings_begin_read (store, &owned, error))
    return NULL;
  rooms = _resfri_bookings_query_rooms (store, site, min_capacity, vc_only, TRUE, start, end, ids,
                                        error);
  if (rooms != NULL &&
      !_resfri_reservations_drop_reserved (store, rooms, ids, start, end, NULL, NULL, error))
    g_clear_pointer (&rooms, g_ptr_array_unref);
  _resfri_bookings_end_read (store, owned);

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
 * The rooms free for the occurrence's interval that seat its people (its
 * attendees that are not DECLINED and its organiser). A room booked for
 * this very occurrence is not free.
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
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  GPtrArray *rooms = NULL;
  gint64 start = 0, end = 0, headcount = 0;
  gboolean owned;

  g_return_val_if_fail (RESFRI_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!_resfri_bookings_check_text (uid, _("The UID is empty"), error))
    return NULL;

  if (!_resfri_bookings_begin_read (store, &owned, error))
    return NULL;
  /* A room too small for the occurrence's people is not offered. */
  if (_resfri_bookings_find_occurrence (store, uid, recurrence_id, &start, &end, &headcount,
                                        error))
    rooms = _resfri_bookings_query_rooms (store, site, MAX (min_capacity, headcount), vc_only,
                                          TRUE, start, end, ids, error);
  if (rooms != NULL &&
      !_resfri_reservations_drop_reserved (store, rooms, ids, start, end, uid, recurrence_id,
                                           error))
    g_clear_pointer (&rooms, g_ptr_array_unref);
  _resfri_bookings_end_read (store, owned);

  return rooms;
}

/**
 * resfri_bookings_occurrence_headcount:
 * @uid: the meeting's UID
 * @recurrence_id: (nullable): the occurrence; %NULL or "" for a
 *   non-recurring meeting
 *
 * The people a room for the occurrence must seat: its attendees that are
 * not DECLINED and its organiser, as resfri_bookings_free_rooms_for_occurrence()
 * counts them.
 *
 * Returns: the headcount, or -1 with @error (NOT_FOUND for an unknown or
 *   cancelled occurrence)
 */
gint64
resfri_bookings_occurrence_headcount (ResfriStore  *store,
                                      const char   *uid,
                                      const char   *recurrence_id,
                                      GError      **error)
{
  gint64 start = 0, end = 0, headcount = -1;
  gboolean owned;

  g_return_val_if_fail (RESFRI_IS_STORE (store), -1);
  g_return_val_if_fail (error == NULL || *error == NULL, -1);

  if (!_resfri_bookings_check_text (uid, _("The UID is empty"), error))
    return -1;
  if (!_resfri_bookings_begin_read (store, &owned, error))
    return -1;
  if (!_resfri_bookings_find_occurrence (store, uid, recurrence_id, &start, &end, &headcount,
                                         error))
    headcount = -1;
  _resfri_bookings_end_read (store, owned);

  return headcount;
}

/* The most people any occurrence of the series has; -1 on error. */
static gint64
series_headcount (ResfriStore  *store,
                  const char   *uid,
                  GPtrArray    *slots,
                  GError      **error)
{
  gint64 most = 0;

  for (guint i = 0; i < slots->len; i++)
    {
      const ResfriBookingSlot *slot = g_ptr_array_index (slots, i);
      gint64 start, end, headcount;

      if (!_resfri_bookings_find_occurrence (store, uid, slot->recurrence_id, &start, &end,
                                             &headcount, error))
        return -1;
      most = MAX (most, headcount);
    }

  return most;
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
 * Every room that meets the filters and seats the people of each
 * occurrence, each with the occurrences of the series where it is taken
 * (the booking in the way in each slot).
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
  gint64 most;

  g_return_val_if_fail (RESFRI_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!_resfri_bookings_check_text (uid, _("The UID is empty"), error))
    return NULL;

  if (!_resfri_bookings_begin_read (store, &owned, error))
    return NULL;

  if (!(slots = _resfri_bookings_series_occurrences (store, uid, error)) ||
      (most = series_headcount (store, uid, slots, error)) < 0 ||
      !(rooms = _resfri_bookings_query_rooms (store, site, MAX (min_capacity, most), vc_only,
                                              FALSE, 0, 0, ids, error)))
    {
      _resfri_bookings_end_read (store, owned);
      return NULL;
    }

  for (guint r = 0; r < rooms->len; r++)
    {
      ResfriRoomAvailability *room = g_ptr_array_index (rooms, r);

      for (guint o = 0; o < slots->len; o++)
        {
          const ResfriBookingSlot *slot = g_ptr_array_index (slots, o);
          gint64 other = _resfri_bookings_find_overlap (store, TRUE, g_array_index (ids, gint64, r),
                                                        slot->start, slot->end, error);
          ResfriBookingSlot *taken;

          if (other < 0)
            {
              _resfri_bookings_end_read (store, owned);
              return NULL;
            }
          if (other == 0)
            {
              g_autofree char *held_by = NULL;
              int reserved = _resfri_reservations_find (store, g_array_index (ids, gint64, r),
                                                        room->room, slot->start, slot->end, uid,
                                                        slot->recurrence_id, &held_by, NULL);

              if (reserved != 1)
                continue;
              taken = resfri_booking_slot_copy (slot);
              taken->held_by = g_steal_pointer (&held_by);
              g_ptr_array_add (room->taken, taken);
              continue;
            }

          taken = resfri_booking_slot_copy (slot);
          taken->booking = other;
          g_ptr_array_add (room->taken, taken);
        }
    }
  _resfri_bookings_end_read (store, owned);

  if (occurrences != NULL)
    *occurrences = g_steal_pointer (&slots);

  return g_steal_pointer (&rooms);
}

/* On a worker thread */

typedef struct
{
  char     *uid;            /* NULL: an interval */
  char     *recurrence_id;
  char     *site;
  gint64    start;
  gint64    end;
  gint64    min_capacity;
  gboolean  vc_only;
} FreeRoomsData;

static void
free_rooms_data_free (FreeRoomsData *data)
{
  g_free (data->uid);
  g_free (data->recurrence_id);
  g_free (data->site);
  g_free (data);
}

static gpointer
free_rooms_work (ResfriStore   *worker,
                 gpointer       user_data,
                 GCancellable  *cancellable,
                 GError       **error)
{
  FreeRoomsData *data = user_data;
  g_autoptr(GPtrArray) rooms = NULL;

  if (data->uid == NULL)
    rooms = resfri_bookings_free_rooms_for_interval (worker, data->site, data->start, data->end,
                                                     data->min_capacity, data->vc_only, error);
  else
    rooms = resfri_bookings_free_rooms_for_occurrence (worker, data->uid, data->recurrence_id,
                                                       data->site, data->min_capacity,
                                                       data->vc_only, error);
  if (rooms == NULL || g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  return g_steal_pointer (&rooms);
}

/**
 * resfri_bookings_free_rooms_for_interval_async:
 *
 * resfri_bookings_free_rooms_for_interval() on a worker thread with a store
 * of its own; resfri_bookings_free_rooms_for_interval_finish() gives the
 * rooms.
 */
void
resfri_bookings_free_rooms_for_interval_async (ResfriStore         *store,
                                               const char          *site,
                                               gint64               start,
                                               gint64               end,
                                               gint64               min_capacity,
                                               gboolean             vc_only,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data)
{
  FreeRoomsData *data;

  g_return_if_fail (RESFRI_IS_STORE (store));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  data = g_new0 (FreeRoomsData, 1);
  data->site = g_strdup (site);
  data->start = start;
  data->end = end;
  data->min_capacity = min_capacity;
  data->vc_only = vc_only;
  _resfri_store_run_async (store, resfri_bookings_free_rooms_for_interval_async, free_rooms_work,
                           data, (GDestroyNotify) free_rooms_data_free,
                           (GDestroyNotify) g_ptr_array_unref, cancellable, callback, user_data);
}

/**
 * resfri_bookings_free_rooms_for_interval_finish:
 *
 * Returns: (transfer container) (element-type ResfriRoomAvailability): the
 *   free rooms, or %NULL with @error (G_IO_ERROR_CANCELLED when cancelled)
 */
GPtrArray *
resfri_bookings_free_rooms_for_interval_finish (ResfriStore   *store,
                                                GAsyncResult  *result,
                                                GError       **error)
{
  g_return_val_if_fail (g_async_result_is_tagged (result,
                                                  resfri_bookings_free_rooms_for_interval_async),
                        NULL);

  return _resfri_store_run_finish (store, result, error);
}

/**
 * resfri_bookings_free_rooms_for_occurrence_async:
 *
 * resfri_bookings_free_rooms_for_occurrence() on a worker thread with a
 * store of its own; resfri_bookings_free_rooms_for_occurrence_finish()
 * gives the rooms.
 */
void
resfri_bookings_free_rooms_for_occurrence_async (ResfriStore         *store,
                                                 const char          *uid,
                                                 const char          *recurrence_id,
                                                 const char          *site,
                                                 gint64               min_capacity,
                                                 gboolean             vc_only,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data)
{
  FreeRoomsData *data;

  g_return_if_fail (RESFRI_IS_STORE (store));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  data = g_new0 (FreeRoomsData, 1);
  /* An empty UID is refused by the worker, as the synchronous call does. */
  data->uid = g_strdup (uid != NULL ? uid : "");
  data->recurrence_id = g_strdup (recurrence_id);
  data->site = g_strdup (site);
  data->min_capacity = min_capacity;
  data->vc_only = vc_only;
  _resfri_store_run_async (store, resfri_bookings_free_rooms_for_occurrence_async,
                           free_rooms_work, data, (GDestroyNotify) free_rooms_data_free,
                           (GDestroyNotify) g_ptr_array_unref, cancellable, callback, user_data);
}

/**
 * resfri_bookings_free_rooms_for_occurrence_finish:
 *
 * Returns: (transfer container) (element-type ResfriRoomAvailability): the
 *   free rooms, or %NULL with @error (NOT_FOUND for an unknown or cancelled
 *   occurrence, G_IO_ERROR_CANCELLED when cancelled)
 */
GPtrArray *
resfri_bookings_free_rooms_for_occurrence_finish (ResfriStore   *store,
                                                  GAsyncResult  *result,
                                                  GError       **error)
{
  g_return_val_if_fail (g_async_result_is_tagged (result,
                                                  resfri_bookings_free_rooms_for_occurrence_async),
                        NULL);

  return _resfri_store_run_finish (store, result, error);
}

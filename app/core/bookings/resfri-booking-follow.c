/* resfri-booking-follow.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Bookings follow their meeting (spec/sync.md). The importer calls
 * resfri_bookings_follow_occurrences() in its transaction after every
 * import: each Resfri booking whose occurrence (UID + RECURRENCE-ID) is
 * cancelled or gone is released; one whose occurrence moved moves by as
 * much (start by the start's shift, end by the end's, so that allocate's
 * buffers stay) where the room or item is free at the new time (no other
 * booking, and no calendar reservation of another occurrence), and is
 * released otherwise. Every release is kept with its reason
 * (resfri-booking-releases.c). No SQL here.
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "resfri-booking-follow.h"
#include "resfri-bookings-private.h"

/* Moves @booking to [start, end) as its occurrence @row moved: TRUE when it
 * moved; FALSE with @error CONFLICT (in words) when the room or item is
 * taken there or the occurrence has no duration, or another error. */
static gboolean
move_booking (ResfriStore          *store,
              const ResfriBooking  *booking,
              const FollowRow      *row,
              gint64                start,
              gint64                end,
              GError              **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;

  if (end <= start)
    {
      g_set_error_literal (error, RESFRI_ERROR, RESFRI_ERROR_CONFLICT,
                           _("The meeting has no duration any more"));
      return FALSE;
    }

  if (booking->kind == RESFRI_BOOKING_ROOM)
    {
      g_autofree char *code = NULL;
      RoomKeys keys = { 0 };

      if (!_resfri_bookings_find_room (store, booking->resource, &keys, error))
        return FALSE;
      code = keys.code;
      if (_resfri_reservations_find (store, keys.id, code, start, end, booking->uid,
                                     booking->recurrence_id, NULL, error) != 0)
        return FALSE;
    }
  else
    {
      g_auto(ItemRow) item = { 0 };

      if (!_resfri_bookings_read_item (store, booking->resource, 0, &item, error) ||
          _resfri_reservations_find_item (store, item.id, item.tag, start, end, booking->uid,
                                          booking->recurrence_id, error) != 0 ||
          _resfri_reservations_check_pool (store, &item, start, end, booking->uid,
                                           booking->recurrence_id, error) != 0)
        return FALSE;
    }

  if (_resfri_bookings_move (store, booking->id, start, end, &local_error))
    return _resfri_booking_releases_set_occurrence (store, booking->id, row->start, row->end,
                                                    error);

  if (!g_error_matches (local_error, RESFRI_ERROR, RESFRI_ERROR_CONFLICT))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  from = _resfri_bookings_format_local (start);
  to = _resfri_bookings_format_local (end);
  if (booking->kind == RESFRI_BOOKING_ROOM)
    /* Translators: a room's code, the new start and end (local time). */
    g_set_error (error, RESFRI_ERROR, RESFRI_ERROR_CONFLICT,
                 _("Room %s is already booked at the meeting’s new time, %s to %s"),
                 booking->resource, from, to);
  else
    g_set_error (error, RESFRI_ERROR, RESFRI_ERROR_CONFLICT,
                 _("Item %s is already booked at the meeting’s new time, %s to %s"),
                 booking->resource, from, to);

  return FALSE;
}

/**
 * resfri_booking_release_describe:
 * @released: a released booking (resfri_bookings_list_attention())
 *
 * Why it was released, for people, in the language of the caller (the
 * stored words of a "taken" release say what holds the room or item).
 *
 * Returns: (transfer none): the reason in words
 */
const char *
resfri_booking_release_describe (const ResfriBooking *released)
{
  g_return_val_if_fail (released != NULL, NULL);

  if (g_strcmp0 (released->attention, "cancelled") == 0)
    return _("The meeting was cancelled");
  if (g_strcmp0 (released->attention, "removed") == 0)
    return _("The meeting is no longer in the calendar");

  return released->detail != NULL ? released->detail : "";
}

/**
 * resfri_bookings_follow_occurrences:
 * @released: (out) (optional) (element-type ResfriBooking): the bookings
 *   released, each as it was with @attention its reason ("cancelled",
 *   "removed", "taken") and @detail in words
 *
 * Makes every booking follow its occurrence as the occurrences are now:
 * released when it is cancelled or gone, moved with it where still free,
 * released otherwise. Runs in the caller's transaction when there is one
 * (the importer's), else in its own.
 *
 * Returns: whether it worked; on an error nothing of it is kept
 */
gboolean
resfri_bookings_follow_occurrences (ResfriStore  *store,
                                    GPtrArray   **released,
                                    GError      **error)
{
  g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (FollowRow));
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) resfri_booking_free);
  gboolean owned = !_resfri_store_in_transaction (store);

  g_return_val_if_fail (RESFRI_IS_STORE (store), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (owned && !_resfri_store_begin (store, error))
    return FALSE;
  if (!_resfri_booking_releases_read_followers (store, rows, error))
    goto failed;

  for (guint i = 0; i < rows->len; i++)
    {
      const FollowRow *row = &g_array_index (rows, FollowRow, i);
      g_autoptr(ResfriBooking) booking = NULL;
      g_autoptr(GError) local_error = NULL;
      g_autofree char *detail = NULL;
      const char *reason;

      if (!(booking = _resfri_bookings_get (store, row->id, error)))
        goto failed;

      if (row->state == FOLLOW_CANCELLED)
        {
          reason = "cancelled";
          detail = g_strdup (_("The meeting was cancelled"));
        }
      else if (row->state == FOLLOW_REMOVED)
        {
          reason = "removed";
          detail = g_strdup (_("The meeting is no longer in the calendar"));
        }
      else if (move_booking (store, booking, row, booking->start + (row->start - row->was_start),
                             booking->end + (row->end - row->was_end), &local_error))
        continue;
      else if (g_error_matches (local_error, RESFRI_ERROR, RESFRI_ERROR_CONFLICT))
        {
          reason = "taken";
          detail = g_strdup (local_error->message);
        }
      else
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          goto failed;
        }

      if (!_resfri_booking_releases_add (store, booking, reason, detail, error) ||
          !_resfri_bookings_delete (store, booking->id, error))
        goto failed;
      booking->attention = g_strdup (reason);
      booking->detail = g_steal_pointer (&detail);
      g_ptr_array_add (out, g_steal_pointer (&booking));
    }

  if (owned && !_resfri_store_commit (store, error))
    return FALSE;
  if (released != NULL)
    *released = g_steal_pointer (&out);

  return TRUE;

failed:
  if (owned)
    _resfri_store_rollback (store);
  return FALSE;
}

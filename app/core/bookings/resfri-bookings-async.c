/* resfri-bookings-async.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The _async/_finish pairs of the bookings that change something: booking
 * a room, lending the missing items, cancelling a booking and booking it
 * again. Each may talk to the CalDAV server (a lease that may be waited for
 * up to ~45 s, resfri-server-bookings.c), so the desktop app never runs
 * them on its main thread: here each runs on a worker thread with a store
 * of its own on the same file (_resfri_store_run_async).
 *
 * Why that is safe with the app's own connection. The worker's connection
 * is another sqlite connection to the same WAL database, as resfri-cli's
 * would be: each booking is one BEGIN IMMEDIATE transaction (sqlite lets
 * one writer in, the other connection waits its busy timeout, 30 s on the
 * worker), the overlap triggers refuse a second booking of a room whoever
 * writes, the main thread's reads see the last commit and never a half of
 * one, and the server's lease is taken after that commit, outside any
 * transaction, so a long wait for it holds no lock on the database. The
 * file's locks are shared by the connections of one process
 * (resfri-store-locks.c). The main thread's connection is never touched
 * here: everything the worker needs is copied into its data first.
 *
 * Cancelling: a booking job runs to its end whatever @cancellable says (a
 * booking the user asked for is made, also when the window that asked
 * closes meanwhile; the app holds itself open until the job ends), and its
 * _finish then says G_IO_ERROR_CANCELLED: the caller no longer waits for
 * it, and the result is freed unread.
 */

#include "config.h"

#include "resfri-bookings.h"
#include "resfri-store-private.h"

/* Test-only: RESFRI_TEST_BOOKING_GATE=PATH holds every booking job until
 * PATH exists, as a long wait for the server's lease would, so that a UI
 * test sees the window while a booking runs, and can change the database
 * or close the window under it, without waiting a fixed time. */
static void
wait_for_gate (void)
{
  const char *gate = g_getenv ("RESFRI_TEST_BOOKING_GATE");

  while (gate != NULL && *gate != '\0' && !g_file_test (gate, G_FILE_TEST_EXISTS))
    g_usleep (G_USEC_PER_SEC / 20);
}

typedef enum
{
  JOB_BOOK_ROOM,
  JOB_BOOK_MISSING_ITEMS,
  JOB_CANCEL,
  JOB_REBOOK,
} JobKind;

typedef struct
{
  JobKind        kind;
  char          *room;
  char          *uid;
  char          *recurrence_id;
  gboolean       force;
  gint64         id;
  ResfriBooking *booking;
} Job;

static void
job_free (Job *job)
{
  g_free (job->room);
  g_free (job->uid);
  g_free (job->recurrence_id);
  g_clear_pointer (&job->booking, resfri_booking_free);
  g_free (job);
}

/* What booking a room gives: the bookings made and the occurrences left. */
typedef struct
{
  GPtrArray *booked;    /* ResfriBooking */
  GPtrArray *skipped;   /* ResfriBookingSlot, or NULL */
} RoomResult;

static void
room_result_free (RoomResult *result)
{
  g_clear_pointer (&result->booked, g_ptr_array_unref);
  g_clear_pointer (&result->skipped, g_ptr_array_unref);
  g_free (result);
}

static gpointer
book_room_work (ResfriStore   *worker,
                Job           *job,
                GError       **error)
{
  g_autoptr(GPtrArray) skipped = NULL;
  g_autoptr(GPtrArray) booked = NULL;
  RoomResult *result;

  booked = resfri_bookings_book_room_forced (worker, job->room, job->uid, job->recurrence_id,
                                             job->force, &skipped, error);
  if (booked == NULL)
    return NULL;

  result = g_new0 (RoomResult, 1);
  result->booked = g_steal_pointer (&booked);
  result->skipped = g_steal_pointer (&skipped);
  return result;
}

static gpointer
job_work (ResfriStore   *worker,
          gpointer       data,
          GCancellable  *cancellable,
          GError       **error)
{
  Job *job = data;

  wait_for_gate ();

  switch (job->kind)
    {
    case JOB_BOOK_ROOM:
      return book_room_work (worker, job, error);
    case JOB_BOOK_MISSING_ITEMS:
      return resfri_bookings_book_missing_items (worker, job->uid, job->recurrence_id, error);
    case JOB_CANCEL:
      return resfri_bookings_cancel (worker, job->id, error);
    case JOB_REBOOK:
      return resfri_bookings_rebook (worker, job->booking, error);
    default:
      g_assert_not_reached ();
    }
}

static void
run_job (ResfriStore         *store,
         gpointer             source_tag,
         Job                 *job,
         GDestroyNotify       result_destroy,
         GCancellable        *cancellable,
         GAsyncReadyCallback  callback,
         gpointer             user_data)
{
  _resfri_store_run_async (store, source_tag, job_work, job, (GDestroyNotify) job_free,
                           result_destroy, cancellable, callback, user_data);
}

/**
 * resfri_bookings_book_room_async:
 * @room: the room's code
 * @uid: the meeting's UID
 * @recurrence_id: (nullable): one occurrence, or %NULL for the whole series
 * @force: book a room too small for the meeting's people
 *
 * resfri_bookings_book_room_forced() on a worker thread with a store of
 * its own; resfri_bookings_book_room_finish() gives what it gives.
 */
void
resfri_bookings_book_room_async (ResfriStore         *store,
                                 const char          *room,
                                 const char          *uid,
                                 const char          *recurrence_id,
                                 gboolean             force,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  Job *job;

  g_return_if_fail (RESFRI_IS_STORE (store));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  job = g_new0 (Job, 1);
  job->kind = JOB_BOOK_ROOM;
  job->room = g_strdup (room);
  job->uid = g_strdup (uid);
  job->recurrence_id = g_strdup (recurrence_id);
  job->force = force;
  run_job (store, resfri_bookings_book_room_async, job, (GDestroyNotify) room_result_free,
           cancellable, callback, user_data);
}

/**
 * resfri_bookings_book_room_finish:
 * @skipped: (out) (optional) (element-type ResfriBookingSlot): as for
 *   resfri_bookings_book_room()
 *
 * Returns: (transfer container) (element-type ResfriBooking): the new
 *   bookings, or %NULL with @error (RESFRI_ERROR_CONFLICT naming who holds
 *   the room, here or on the server; G_IO_ERROR_CANCELLED when cancelled)
 */
GPtrArray *
resfri_bookings_book_room_finish (ResfriStore   *store,
                                  GAsyncResult  *result,
                                  GPtrArray    **skipped,
                                  GError       **error)
{
  RoomResult *value;
  GPtrArray *booked;

  g_return_val_if_fail (g_async_result_is_tagged (result, resfri_bookings_book_room_async), NULL);

  if (skipped != NULL)
    *skipped = NULL;
  if (!(value = _resfri_store_run_finish (store, result, error)))
    return NULL;

  booked = g_steal_pointer (&value->booked);
  if (skipped != NULL)
    *skipped = g_steal_pointer (&value->skipped);
  room_result_free (value);
  return booked;
}

/**
 * resfri_bookings_book_missing_items_async:
 *
 * resfri_bookings_book_missing_items() on a worker thread with a store of
 * its own; resfri_bookings_book_missing_items_finish() gives the needs.
 */
void
resfri_bookings_book_missing_items_async (ResfriStore         *store,
                                          const char          *uid,
                                          const char          *recurrence_id,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data)
{
  Job *job;

  g_return_if_fail (RESFRI_IS_STORE (store));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  job = g_new0 (Job, 1);
  job->kind = JOB_BOOK_MISSING_ITEMS;
  job->uid = g_strdup (uid);
  job->recurrence_id = g_strdup (recurrence_id);
  run_job (store, resfri_bookings_book_missing_items_async, job,
           (GDestroyNotify) g_ptr_array_unref, cancellable, callback, user_data);
}

/**
 * resfri_bookings_book_missing_items_finish:
 *
 * Returns: (transfer container) (element-type ResfriItemNeed): as
 *   resfri_bookings_book_missing_items() returns, or %NULL with @error
 */
GPtrArray *
resfri_bookings_book_missing_items_finish (ResfriStore   *store,
                                           GAsyncResult  *result,
                                           GError       **error)
{
  g_return_val_if_fail (g_async_result_is_tagged (result,
                                                  resfri_bookings_book_missing_items_async),
                        NULL);

  return _resfri_store_run_finish (store, result, error);
}

/**
 * resfri_bookings_cancel_async:
 * @id: the booking's id
 *
 * resfri_bookings_cancel() on a worker thread with a store of its own;
 * resfri_bookings_cancel_finish() gives the cancelled booking.
 */
void
resfri_bookings_cancel_async (ResfriStore         *store,
                              gint64               id,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  Job *job;

  g_return_if_fail (RESFRI_IS_STORE (store));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  job = g_new0 (Job, 1);
  job->kind = JOB_CANCEL;
  job->id = id;
  run_job (store, resfri_bookings_cancel_async, job, (GDestroyNotify) resfri_booking_free,
           cancellable, callback, user_data);
}

/**
 * resfri_bookings_cancel_finish:
 *
 * Returns: (transfer full): the booking as it was (for
 *   resfri_bookings_rebook_async()), or %NULL with @error
 */
ResfriBooking *
resfri_bookings_cancel_finish (ResfriStore   *store,
                               GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_async_result_is_tagged (result, resfri_bookings_cancel_async), NULL);

  return _resfri_store_run_finish (store, result, error);
}

/**
 * resfri_bookings_rebook_async:
 * @booking: a booking as resfri_bookings_cancel_finish() gave it (copied)
 *
 * resfri_bookings_rebook() on a worker thread with a store of its own;
 * resfri_bookings_rebook_finish() gives the new booking.
 */
void
resfri_bookings_rebook_async (ResfriStore         *store,
                              const ResfriBooking *booking,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  Job *job;

  g_return_if_fail (RESFRI_IS_STORE (store));
  g_return_if_fail (booking != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  job = g_new0 (Job, 1);
  job->kind = JOB_REBOOK;
  job->booking = resfri_booking_copy (booking);
  run_job (store, resfri_bookings_rebook_async, job, (GDestroyNotify) resfri_booking_free,
           cancellable, callback, user_data);
}

/**
 * resfri_bookings_rebook_finish:
 *
 * Returns: (transfer full): the new booking, or %NULL with @error
 *   (RESFRI_ERROR_CONFLICT when the room or item was taken meanwhile)
 */
ResfriBooking *
resfri_bookings_rebook_finish (ResfriStore   *store,
                               GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_async_result_is_tagged (result, resfri_bookings_rebook_async), NULL);

  return _resfri_store_run_finish (store, result, error);
}

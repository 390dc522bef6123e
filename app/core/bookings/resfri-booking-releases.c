/* resfri-booking-releases.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The tables with which bookings follow their meeting (resfri-store.c,
 * schema 3), and their SQL: booking_occurrences, the interval each
 * booking's occurrence had when it was booked (a trigger fills it), read
 * against the occurrences as they are now to find the bookings whose
 * occurrence moved, was cancelled or is gone; and booking_releases, what a
 * release removed and why, which `bookings --attention` and the app list.
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "resfri-bookings-private.h"

/* The bookings whose occurrence is no longer as it was when booked, by id,
 * as FollowRow into @rows. */
gboolean
_resfri_booking_releases_read_followers (ResfriStore  *store,
                                         GArray       *rows,
                                         GError      **error)
{
  static const char sql[] =
    "SELECT bo.booking_id, bo.start, bo.end,"
    "       CASE WHEN o.id IS NULL THEN 2 WHEN o.cancelled <> 0 THEN 1 ELSE 0 END,"
    "       coalesce (o.start, 0), coalesce (o.end, 0)"
    "  FROM booking_occurrences bo JOIN bookings b ON b.id = bo.booking_id"
    "  LEFT JOIN occurrences o ON o.uid = b.uid AND o.recurrence_id = b.recurrence_id"
    " WHERE o.id IS NULL OR o.cancelled <> 0 OR o.start <> bo.start OR o.end <> bo.end"
    " ORDER BY bo.booking_id";
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = _resfri_store_prepare (store, sql, error)))
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      FollowRow row = {
        sqlite3_column_int64 (stmt, 0), sqlite3_column_int64 (stmt, 1),
        sqlite3_column_int64 (stmt, 2), sqlite3_column_int (stmt, 3),
        sqlite3_column_int64 (stmt, 4), sqlite3_column_int64 (stmt, 5),
      };

      g_array_append_val (rows, row);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _resfri_store_set_error (store, error, _("Cannot read the bookings"));
      return FALSE;
    }

  return TRUE;
}

/* Records that booking @id's occurrence is now [start, end). */
gboolean
_resfri_booking_releases_set_occurrence (ResfriStore  *store,
                                         gint64        id,
                                         gint64        start,
                                         gint64        end,
                                         GError      **error)
{
  sqlite3_stmt *stmt;

  if (!(stmt = _resfri_store_prepare (store, "INSERT OR REPLACE INTO booking_occurrences"
                                             " (booking_id, start, end) VALUES (?1, ?2, ?3)",
                                      error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int64 (stmt, 2, start);
  sqlite3_bind_int64 (stmt, 3, end);

  return _resfri_store_step_done (store, stmt, _("Cannot move the booking"), error);
}

static void
bind_nullable (sqlite3_stmt *stmt,
               int           column,
               const char   *text)
{
  if (text != NULL)
    sqlite3_bind_text (stmt, column, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, column);
}

/* Keeps what @booking was and why it was released (@reason "cancelled",
 * "removed" or "taken"; @detail in words). */
gboolean
_resfri_booking_releases_add (ResfriStore          *store,
                              const ResfriBooking  *booking,
                              const char           *reason,
                              const char           *detail,
                              GError              **error)
{
  static const char sql[] =
    "INSERT INTO booking_releases (booking_id, kind, resource, type, site, person, uid,"
    "                              recurrence_id, summary, start, end, reason, detail,"
    "                              released_at)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13,"
    "         CAST (strftime ('%s', 'now') AS INTEGER))";
  sqlite3_stmt *stmt;

  if (!(stmt = _resfri_store_prepare (store, sql, error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, booking->id);
  sqlite3_bind_text (stmt, 2, resfri_booking_kind_to_string (booking->kind), -1, SQLITE_STATIC);
  bind_nullable (stmt, 3, booking->resource != NULL ? booking->resource : "");
  bind_nullable (stmt, 4, booking->type);
  bind_nullable (stmt, 5, booking->site);
  bind_nullable (stmt, 6, booking->person);
  bind_nullable (stmt, 7, booking->uid);
  bind_nullable (stmt, 8, booking->recurrence_id != NULL ? booking->recurrence_id : "");
  bind_nullable (stmt, 9, booking->summary);
  sqlite3_bind_int64 (stmt, 10, booking->start);
  sqlite3_bind_int64 (stmt, 11, booking->end);
  sqlite3_bind_text (stmt, 12, reason, -1, SQLITE_STATIC);
  bind_nullable (stmt, 13, detail);

  return _resfri_store_step_done (store, stmt, _("Cannot record the released booking"), error);
}

/**
 * resfri_bookings_list_attention:
 * @from: the window's start (G_MININT64 for no bound)
 * @to: its end, exclusive (G_MAXINT64 for no bound)
 *
 * The bookings released because their meeting was cancelled, removed, or
 * moved to where the room or item is taken, whose interval intersects
 * [@from, @to), by start then id: each as it was, with @attention the
 * reason ("cancelled", "removed", "taken") and @detail in words.
 *
 * Returns: (transfer container) (element-type ResfriBooking): the released
 *   bookings, or %NULL with @error
 */
GPtrArray *
resfri_bookings_list_attention (ResfriStore  *store,
                                gint64        from,
                                gint64        to,
                                GError      **error)
{
  static const char sql[] =
    "SELECT booking_id, kind, resource, type, site, person, uid, recurrence_id, summary,"
    "       start, end, reason, detail"
    "  FROM booking_releases WHERE start < ?2 AND ?1 < end ORDER BY start, booking_id, id";
  g_autoptr(GPtrArray) released = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (RESFRI_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!(stmt = _resfri_store_prepare (store, sql, error)))
    return NULL;
  sqlite3_bind_int64 (stmt, 1, from);
  sqlite3_bind_int64 (stmt, 2, to);

  released = g_ptr_array_new_with_free_func ((GDestroyNotify) resfri_booking_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ResfriBooking *b = g_new0 (ResfriBooking, 1);

      b->id = sqlite3_column_int64 (stmt, 0);
      b->kind = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 1), "item") == 0
                ? RESFRI_BOOKING_ITEM : RESFRI_BOOKING_ROOM;
      b->resource = _resfri_store_dup_column (stmt, 2);
      b->type = _resfri_store_dup_column (stmt, 3);
      b->site = _resfri_store_dup_column (stmt, 4);
      b->person = _resfri_store_dup_column (stmt, 5);
      b->uid = _resfri_store_dup_column (stmt, 6);
      b->recurrence_id = _resfri_store_dup_column (stmt, 7);
      b->summary = _resfri_store_dup_column (stmt, 8);
      b->start = sqlite3_column_int64 (stmt, 9);
      b->end = sqlite3_column_int64 (stmt, 10);
      b->attention = _resfri_store_dup_column (stmt, 11);
      b->detail = _resfri_store_dup_column (stmt, 12);
      g_ptr_array_add (released, b);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _resfri_store_set_error (store, error, _("Cannot read the released bookings"));
      return NULL;
    }

  return g_steal_pointer (&released);
}

typedef struct
{
  gint64 from;
  gint64 to;
} AttentionData;

static gpointer
attention_work (ResfriStore   *worker,
                gpointer       data,
                GCancellable  *cancellable,
                GError       **error)
{
  AttentionData *window = data;
  g_autoptr(GPtrArray) released = NULL;

  if (!(released = resfri_bookings_list_attention (worker, window->from, window->to, error)) ||
      g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  return g_steal_pointer (&released);
}

/**
 * resfri_bookings_list_attention_async:
 *
 * resfri_bookings_list_attention() on a worker thread with a store of its
 * own.
 */
void
resfri_bookings_list_attention_async (ResfriStore         *store,
                                      gint64               from,
                                      gint64               to,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  AttentionData *data;

  g_return_if_fail (RESFRI_IS_STORE (store));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  data = g_new0 (AttentionData, 1);
  data->from = from;
  data->to = to;
  _resfri_store_run_async (store, resfri_bookings_list_attention_async, attention_work, data,
                           g_free, (GDestroyNotify) g_ptr_array_unref, cancellable, callback,
                           user_data);
}

/**
 * resfri_bookings_list_attention_finish:
 *
 * Returns: (transfer container) (element-type ResfriBooking): the released
 *   bookings, or %NULL with @error (G_IO_ERROR_CANCELLED when cancelled)
 */
GPtrArray *
resfri_bookings_list_attention_finish (ResfriStore   *store,
                                       GAsyncResult  *result,
                                       GError       **error)
{
  return _resfri_store_run_finish (store, result, error);
}

gboolean
_resfri_booking_releases_forget_person (ResfriStore  *store,
                                        const char   *email,
                                        GError      **error)
{
  sqlite3_stmt *stmt;

  stmt = _resfri_store_prepare (store,
                                "UPDATE booking_releases SET person = NULL"
                                " WHERE person = ?1 COLLATE NOCASE",
                                error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, email, -1, SQLITE_TRANSIENT);

  return _resfri_store_step_done (store, stmt, _("Cannot cancel the booking"), error);
}

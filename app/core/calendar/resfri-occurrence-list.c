/* resfri-occurrence-list.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * ResfriOccurrenceList: the GListModel of the occurrences that start in a
 * range, loaded in one query (synchronously or on a worker thread); and
 * the reads of the calendar's tables that the rest of the core makes
 * (resfri-calendar-private.h) but for a meeting's own row and attendees
 * (resfri-meeting-reads.c), so that the calendar's SQL stays in this
 * folder, here, there and in resfri-importer-store.c.
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "resfri-calendar-private.h"
#include "resfri-occurrence-list.h"
#include "resfri-policy-reader-private.h"
#include "resfri-store-private.h"

/* A GListModel of the occurrences (ResfriOccurrence) that start in
 * [from, to), by start time. Cancelled occurrences are never listed. The
 * rows are read on a worker thread with its own connection, and replace
 * the model's items in one items-changed on the main thread. */
struct _ResfriOccurrenceList
{
  GObject    parent_instance;

  GPtrArray *items;
  gint64     from;
  gint64     to;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (ResfriOccurrenceList, resfri_occurrence_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

typedef struct
{
  char   *path;
  gint64  from;
  gint64  to;
} LoadRequest;

static void
load_request_free (LoadRequest *request)
{
  g_free (request->path);
  g_free (request);
}

static GType
get_item_type (GListModel *model)
{
  return RESFRI_TYPE_OCCURRENCE;
}

static guint
get_n_items (GListModel *model)
{
  return RESFRI_OCCURRENCE_LIST (model)->items->len;
}

static gpointer
get_item (GListModel *model,
          guint       position)
{
  ResfriOccurrenceList *self = RESFRI_OCCURRENCE_LIST (model);

  if (position >= self->items->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (self->items, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

static void
replace_items (ResfriOccurrenceList *self,
               GPtrArray            *items,
               gint64                from,
               gint64                to)
{
  guint removed = self->items->len;

  g_ptr_array_unref (self->items);
  self->items = g_ptr_array_ref (items);
  self->from = from;
  self->to = to;

  if (removed != 0 || items->len != 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, items->len);
}

/* The meeting in force for occurrence `o`: its own row, but for an
 * instance of a series' master, the latest RANGE=THISANDFUTURE override of
 * the series at or before it (RFC 5545: its properties hold for this and
 * the later instances), so a link added from an occurrence on changes the
 * verdicts of the later ones too. MEETING_IN_FORCE_LOOKUP looks it up for
 * each row; MEETING_IN_FORCE first asks whether any override exists (a
 * scan of the meetings SQLite runs once per query), and without one costs
 * nothing per occurrence. */
#define MEETING_IN_FORCE_LOOKUP \
  " coalesce ((SELECT f.id FROM meetings f" \
  "   WHERE f.uid = o.uid AND f.this_and_future = 1 AND f.recurrence_id <= o.recurrence_id" \
  "     AND f.id <> o.meeting_id" \
  "     AND (SELECT recurrence_id FROM meetings WHERE id = o.meeting_id) = ''" \
  "   ORDER BY f.recurrence_id DESC LIMIT 1), o.meeting_id)"
#define MEETING_IN_FORCE \
  "CASE WHEN EXISTS (SELECT 1 FROM meetings WHERE this_and_future = 1) THEN" \
  MEETING_IN_FORCE_LOOKUP \
  " ELSE o.meeting_id END"

/* Resets @stmt; FALSE with @error (prefixed with @what) unless @rc is
 * SQLITE_DONE. */
gboolean
_resfri_calendar_finish_query (ResfriStore   *store,
                               sqlite3_stmt  *stmt,
                               int            rc,
                               const char    *what,
                               GError       **error)
{
  if (rc != SQLITE_DONE)
    {
      _resfri_store_set_error (store, error, what);
      sqlite3_reset (stmt);
      return FALSE;
    }
  sqlite3_reset (stmt);
  return TRUE;
}

/* The longest occurrence's length, one lookup of occurrences_length. */
static gint64
longest_occurrence (ResfriStore  *store,
                    GError      **error)
{
  return _resfri_store_query_int (store, "SELECT coalesce (max (end - start), 0) FROM occurrences",
                                  error);
}

static GPtrArray *
read_occurrences (ResfriStore   *store,
                  gint64         from,
                  gint64         to,
                  GCancellable  *cancellable,
                  GError       **error)
{
  g_autoptr(GPtrArray) items = NULL;
  sqlite3_stmt *stmt;
  guint n = 0;
  int rc;

  stmt = _resfri_store_prepare (store,
                                "SELECT o.id, m.id, o.uid, o.recurrence_id, o.start,"
                                "  o.end, o.all_day, m.summary, m.location, m.organizer,"
                                "  p.name, m.online_url, m.status,"
                                "  (SELECT count (*) FROM attendees a WHERE a.meeting_id = m.id"
                                "     AND " RESFRI_ATTENDEE_IS_PERSON ")"
                                " FROM occurrences o"
                                " JOIN meetings m ON m.id = " MEETING_IN_FORCE
                                " LEFT JOIN people p ON p.email = m.organizer"
                                " WHERE o.start >= ?1 AND o.start < ?2 AND o.cancelled = 0"
                                " ORDER BY o.start, o.end, m.summary, o.id",
                                error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, from);
  sqlite3_bind_int64 (stmt, 2, to);

  items = g_ptr_array_new_with_free_func (g_object_unref);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      if (++n % 1024 == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          sqlite3_reset (stmt);
          return NULL;
        }

      g_ptr_array_add (items,
                       _resfri_occurrence_new (sqlite3_column_int64 (stmt, 0),
                                               sqlite3_column_int64 (stmt, 1),
                                               (const char *)sqlite3_column_text (stmt, 2),
                                               (const char *)sqlite3_column_text (stmt, 3),
                                               sqlite3_column_int64 (stmt, 4),
                                               sqlite3_column_int64 (stmt, 5),
                                               sqlite3_column_int (stmt, 6) != 0,
                                               (const char *)sqlite3_column_text (stmt, 7),
                                               (const char *)sqlite3_column_text (stmt, 8),
                                               (const char *)sqlite3_column_text (stmt, 9),
                                               (const char *)sqlite3_column_text (stmt, 10),
                                               (const char *)sqlite3_column_text (stmt, 11),
                                               (const char *)sqlite3_column_text (stmt, 12),
                                               sqlite3_column_int (stmt, 13)));
    }

  if (!_resfri_calendar_finish_query (store, stmt, rc, _("Cannot read the meetings"), error))
    return NULL;
  return g_steal_pointer (&items);
}

static void
resfri_occurrence_list_finalize (GObject *object)
{
  ResfriOccurrenceList *self = (ResfriOccurrenceList *)object;

  g_clear_pointer (&self->items, g_ptr_array_unref);

  G_OBJECT_CLASS (resfri_occurrence_list_parent_class)->finalize (object);
}

static void
resfri_occurrence_list_class_init (ResfriOccurrenceListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = resfri_occurrence_list_finalize;
}

static void
resfri_occurrence_list_init (ResfriOccurrenceList *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
}

ResfriOccurrenceList *
resfri_occurrence_list_new (void)
{
  return g_object_new (RESFRI_TYPE_OCCURRENCE_LIST, NULL);
}

/* The range of the last load, in UTC unix seconds; 0 before any. */
gint64
resfri_occurrence_list_get_from (ResfriOccurrenceList *self)
{
  g_return_val_if_fail (RESFRI_IS_OCCURRENCE_LIST (self), 0);
  return self->from;
}

gint64
resfri_occurrence_list_get_to (ResfriOccurrenceList *self)
{
  g_return_val_if_fail (RESFRI_IS_OCCURRENCE_LIST (self), 0);
  return self->to;
}

/**
 * resfri_occurrence_list_load:
 * @from: UTC unix seconds, included
 * @to: UTC unix seconds, excluded
 *
 * Replaces the items with the occurrences that start in [@from, @to), on
 * the calling thread. On error the items are left as they were.
 */
gboolean
resfri_occurrence_list_load (ResfriOccurrenceList  *self,
                             ResfriStore           *store,
                             gint64                 from,
                             gint64                 to,
                             GCancellable          *cancellable,
                             GError               **error)
{
  g_autoptr(GPtrArray) items = NULL;

  g_return_val_if_fail (RESFRI_IS_OCCURRENCE_LIST (self), FALSE);
  g_return_val_if_fail (RESFRI_IS_STORE (store), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!(items = read_occurrences (store, from, to, cancellable, error)))
    return FALSE;

  replace_items (self, items, from, to);
  return TRUE;
}

/* The worker opens its own connection: a store is used by one thread at a
 * time. */
static void
load_worker (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  LoadRequest *request = task_data;
  g_autoptr(ResfriStore) worker = NULL;
  GPtrArray *items = NULL;
  GError *error = NULL;

  if (!(worker = resfri_store_open (request->path, &error)) ||
      !(items = read_occurrences (worker, request->from, request->to, cancellable, &error)))
    {
      g_task_return_error (task, error);
      return;
    }

  g_task_return_pointer (task, items, (GDestroyNotify)g_ptr_array_unref);
}

/**
 * resfri_occurrence_list_load_async:
 *
 * Like resfri_occurrence_list_load(), reading on a worker thread with a
 * connection of its own; the items are replaced by
 * resfri_occurrence_list_load_finish().
 */
void
resfri_occurrence_list_load_async (ResfriOccurrenceList *self,
                                   ResfriStore          *store,
                                   gint64                from,
                                   gint64                to,
                                   GCancellable         *cancellable,
                                   GAsyncReadyCallback   callback,
                                   gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;
  LoadRequest *request;

  g_return_if_fail (RESFRI_IS_OCCURRENCE_LIST (self));
  g_return_if_fail (RESFRI_IS_STORE (store));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  request = g_new0 (LoadRequest, 1);
  request->path = g_strdup (resfri_store_get_path (store));
  request->from = from;
  request->to = to;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, resfri_occurrence_list_load_async);
  g_task_set_task_data (task, request, (GDestroyNotify)load_request_free);
  g_task_run_in_thread (task, load_worker);
}

/**
 * resfri_occurrence_list_load_finish:
 *
 * Replaces the items with what was read. A cancelled load changes nothing.
 */
gboolean
resfri_occurrence_list_load_finish (ResfriOccurrenceList  *self,
                                    GAsyncResult          *result,
                                    GError               **error)
{
  g_autoptr(GPtrArray) items = NULL;
  LoadRequest *request;

  g_return_val_if_fail (RESFRI_IS_OCCURRENCE_LIST (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  if (!(items = g_task_propagate_pointer (G_TASK (result), error)))
    return FALSE;

  request = g_task_get_task_data (G_TASK (result));
  replace_items (self, items, request->from, request->to);
  return TRUE;
}

/* Reads for the rest of the core (resfri-calendar-private.h) */

#define EXPORT_ERROR _("Cannot read the meetings to export")

static void
read_occurrence_row (sqlite3_stmt           *stmt,
                     ResfriStoredOccurrence *o)
{
  o->id = sqlite3_column_int64 (stmt, 0);
  o->uid = (const char *) sqlite3_column_text (stmt, 1);
  o->recurrence_id = (const char *) sqlite3_column_text (stmt, 2);
  o->start = sqlite3_column_int64 (stmt, 3);
  o->end = sqlite3_column_int64 (stmt, 4);
  o->meeting_id = sqlite3_column_int64 (stmt, 5);
}

/* Steps @stmt (columns as read_occurrence_row() reads them) to the end or
 * until @func stops, checking @cancellable every 1024 rows. */
static gboolean
stream_occurrences (ResfriStore                 *store,
                    sqlite3_stmt                *stmt,
                    const char                  *what,
                    ResfriStoredOccurrenceFunc   func,
                    gpointer                     user_data,
                    GCancellable                *cancellable,
                    GError                     **error)
{
  guint count = 0;
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ResfriStoredOccurrence o;
      GError *local_error = NULL;

      if ((++count & 0x3ff) == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          sqlite3_reset (stmt);
          return FALSE;
        }

      read_occurrence_row (stmt, &o);
      if (!func (&o, user_data, &local_error))
        {
          sqlite3_reset (stmt);
          if (local_error != NULL)
            {
              g_propagate_error (error, local_error);
              return FALSE;
            }
          return TRUE;
        }
    }

  return _resfri_calendar_finish_query (store, stmt, rc, what, error);
}

gboolean
_resfri_calendar_foreach_occurrence (ResfriStore                 *store,
                                     gint64                       from,
                                     gint64                       to,
                                     const char                  *uid,
                                     ResfriInForce                in_force,
                                     ResfriStoredOccurrenceFunc   func,
                                     gpointer                     user_data,
                                     GCancellable                *cancellable,
                                     GError                     **error)
{
  sqlite3_stmt *stmt;

  /* Each text in the ways of finding the meeting in force. */
  if (from == 0 && to == 0)
    {
#define EVERY(IN_FORCE) \
      "SELECT o.id, o.uid, o.recurrence_id, o.start, o.end, " IN_FORCE \
      " FROM occurrences o WHERE o.cancelled = 0" \
      " ORDER BY o.start, o.uid, o.recurrence_id"
      stmt = _resfri_store_prepare (store,
                                    in_force == _RESFRI_IN_FORCE_OWN ? EVERY ("o.meeting_id")
                                    : in_force == _RESFRI_IN_FORCE_ASK ? EVERY (MEETING_IN_FORCE)
                                    : EVERY (MEETING_IN_FORCE_LOOKUP),
                                    error);
#undef EVERY
    }
  else
    {
      gint64 longest;
      gint64 lower;

      /* A range of the start index: an occurrence that intersects the
       * window starts at most the longest occurrence's length before it. */
      if ((longest = longest_occurrence (store, error)) < 0)
        return FALSE;
      lower = from > G_MININT64 + longest ? from - longest : G_MININT64;
#define WINDOW(IN_FORCE, OF_UID) \
      "SELECT o.id, o.uid, o.recurrence_id, o.start, o.end, " IN_FORCE \
      " FROM occurrences o" \
      " WHERE o.start >= ?1 AND o.start < ?3 AND o.cancelled = 0" \
      "   AND (o.end > ?2 OR o.start >= ?2)" OF_UID \
      " ORDER BY o.start, o.uid, o.recurrence_id"
      if (uid != NULL)
        stmt = _resfri_store_prepare (store,
                                      in_force == _RESFRI_IN_FORCE_OWN
                                      ? WINDOW ("o.meeting_id", " AND o.uid = ?4")
                                      : WINDOW (MEETING_IN_FORCE_LOOKUP, " AND o.uid = ?4"),
                                      error);
      else
        stmt = _resfri_store_prepare (store,
                                      in_force == _RESFRI_IN_FORCE_OWN
                                      ? WINDOW ("o.meeting_id", "")
                                      : in_force == _RESFRI_IN_FORCE_ASK
                                      ? WINDOW (MEETING_IN_FORCE, "")
                                      : WINDOW (MEETING_IN_FORCE_LOOKUP, ""),
                                      error);
#undef WINDOW
      if (stmt != NULL)
        {
          sqlite3_bind_int64 (stmt, 1, lower);
          sqlite3_bind_int64 (stmt, 2, from);
          sqlite3_bind_int64 (stmt, 3, to);
          if (uid != NULL)
            sqlite3_bind_text (stmt, 4, uid, -1, SQLITE_TRANSIENT);
        }
    }
  if (stmt == NULL)
    return FALSE;

  return stream_occurrences (store, stmt, _("Cannot read the occurrences"), func, user_data,
                             cancellable, error);
}

gboolean
_resfri_calendar_scan_occurrences (ResfriStore                 *store,
                                   gint64                       from,
                                   gint64                       to,
                                   ResfriStoredOccurrenceFunc   func,
                                   gpointer                     user_data,
                                   GCancellable                *cancellable,
                                   GError                     **error)
{
  sqlite3_stmt *stmt;

  if (!(stmt = _resfri_store_prepare (store,
                                      "SELECT o.id, o.uid, o.recurrence_id, o.start, o.end, "
                                      MEETING_IN_FORCE " FROM occurrences o NOT INDEXED"
                                      " WHERE o.cancelled = 0 AND ((?1 = 0 AND ?2 = 0)"
                                      "   OR (o.start < ?2 AND (o.end > ?1 OR o.start >= ?1)))",
                                      error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, from);
  sqlite3_bind_int64 (stmt, 2, to);
  return stream_occurrences (store, stmt, _("Cannot read the occurrences"), func, user_data,
                             cancellable, error);
}

gboolean
_resfri_calendar_has_occurrences (ResfriStore  *store,
                                  gint64        from,
                                  gint64        to,
                                  gboolean     *any,
                                  GError      **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = _resfri_store_prepare (store,
                                "SELECT EXISTS (SELECT 1 FROM occurrences"
                                "  WHERE start >= ?1 AND start < ?2 AND cancelled = 0)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, from);
  sqlite3_bind_int64 (stmt, 2, to);
  if ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      *any = sqlite3_column_int (stmt, 0) != 0;
      rc = SQLITE_DONE;
    }
  return _resfri_calendar_finish_query (store, stmt, rc, _("Cannot read the occurrences"), error);
}

gboolean
_resfri_calendar_dup_meeting_ical (ResfriStore  *store,
                                   const char   *uid,
                                   const char   *recurrence_id,
                                   char        **ical,
                                   GError      **error)
{
  sqlite3_stmt *stmt;
  int rc;

  *ical = NULL;
  if (!(stmt = _resfri_store_prepare (store,
                                      "SELECT ical FROM meetings"
                                      " WHERE uid = ?1 AND recurrence_id = ?2", error)))
    return FALSE;
  sqlite3_bind_text (stmt, 1, uid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, recurrence_id, -1, SQLITE_TRANSIENT);
  if ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      *ical = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      rc = SQLITE_DONE;
    }

  return _resfri_calendar_finish_query (store, stmt, rc, _("Cannot look up a meeting"), error);
}

gint64
_resfri_calendar_meeting_row_id (ResfriStore  *store,
                                 const char   *uid,
                                 const char   *recurrence_id,
                                 GError      **error)
{
  sqlite3_stmt *stmt;
  gint64 id = 0;
  int rc;

  if (!(stmt = _resfri_store_prepare (store,
                                      "SELECT id FROM meetings"
                                      " WHERE uid = ?1 AND recurrence_id = ?2", error)))
    return -1;
  sqlite3_bind_text (stmt, 1, uid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, recurrence_id ? recurrence_id : "", -1, SQLITE_TRANSIENT);
  if ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      id = sqlite3_column_int64 (stmt, 0);
      rc = SQLITE_DONE;
    }

  return _resfri_calendar_finish_query (store, stmt, rc, _("Cannot look up a meeting"), error) ? id : -1;
}

GPtrArray *
_resfri_calendar_list_recurrence_ids (ResfriStore  *store,
                                      const char   *uid,
                                      GError      **error)
{
  g_autoptr(GPtrArray) rids = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = _resfri_store_prepare (store,
                                      "SELECT recurrence_id FROM meetings WHERE uid = ?1"
                                      " ORDER BY recurrence_id", error)))
    return NULL;
  sqlite3_bind_text (stmt, 1, uid, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (rids, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  if (!_resfri_calendar_finish_query (store, stmt, rc, _("Cannot look up a meeting"), error))
    return NULL;

  return g_steal_pointer (&rids);
}

gboolean
_resfri_calendar_lookup_occurrence (ResfriStore  *store,
                                    const char   *uid,
                                    const char   *recurrence_id,
                                    gboolean     *found,
                                    gint64       *start,
                                    gint64       *end,
                                    GError      **error)
{
  sqlite3_stmt *stmt;
  int rc;

  *found = FALSE;
  if (!(stmt = _resfri_store_prepare (store,
                                      "SELECT start, end FROM occurrences"
                                      " WHERE uid = ?1 AND recurrence_id = ?2"
                                      "   AND cancelled = 0", error)))
    return FALSE;
  sqlite3_bind_text (stmt, 1, uid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, recurrence_id, -1, SQLITE_TRANSIENT);
  if ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      *found = TRUE;
      *start = sqlite3_column_int64 (stmt, 0);
      *end = sqlite3_column_int64 (stmt, 1);
      rc = SQLITE_DONE;
    }

  return _resfri_calendar_finish_query (store, stmt, rc, _("Cannot look up a meeting"), error);
}

gboolean
resfri_occurrence_list_find_for_uid (ResfriStore  *store,
                                     const char   *uid,
                                     gint64        now,
                                     char        **recurrence_id,
                                     gint64       *start,
                                     GError      **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (RESFRI_IS_STORE (store), FALSE);
  g_return_val_if_fail (uid != NULL, FALSE);
  g_return_val_if_fail (recurrence_id != NULL && start != NULL, FALSE);

  *recurrence_id = NULL;
  if (!(stmt = _resfri_store_prepare (store,
                                      "SELECT recurrence_id, start FROM occurrences"
                                      " WHERE uid = ?1 AND cancelled = 0"
                                      " ORDER BY end <= ?2, CASE WHEN end <= ?2 THEN -start"
                                      " ELSE start END LIMIT 1", error)))
    return FALSE;
  sqlite3_bind_text (stmt, 1, uid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, now);
  if ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      *recurrence_id = _resfri_store_dup_column (stmt, 0);
      *start = sqlite3_column_int64 (stmt, 1);
      rc = SQLITE_DONE;
    }
  if (!_resfri_calendar_finish_query (store, stmt, rc, _("Cannot look up a meeting"), error))
    {
      g_clear_pointer (recurrence_id, g_free);
      return FALSE;
    }

  return *recurrence_id != NULL;
}

GPtrArray *
_resfri_calendar_list_uids (ResfriStore  *store,
                            gint64        from,
                            gint64        to,
                            GError      **error)
{
  g_autoptr(GPtrArray) uids = g_ptr_array_new_with_free_func (g_free);
  gboolean everything = from == G_MININT64 && to == G_MAXINT64;
  sqlite3_stmt *stmt;
  int rc;

  if (everything)
    stmt = _resfri_store_prepare (store, "SELECT DISTINCT uid FROM meetings ORDER BY uid", error);
  else
    stmt = _resfri_store_prepare (store,
                                  "SELECT DISTINCT uid FROM occurrences"
                                  " WHERE start < ?2 AND (end > ?1 OR (start = end AND start >= ?1))"
                                  " ORDER BY uid",
                                  error);
  if (stmt == NULL)
    return NULL;

  if (!everything)
    {
      sqlite3_bind_int64 (stmt, 1, from);
      sqlite3_bind_int64 (stmt, 2, to);
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (uids, _resfri_store_dup_column (stmt, 0));
  if (!_resfri_calendar_finish_query (store, stmt, rc, EXPORT_ERROR, error))
    return NULL;

  return g_steal_pointer (&uids);
}

gboolean
_resfri_calendar_first_start (ResfriStore  *store,
                              gboolean     *any,
                              gint64       *start,
                              GError      **error)
{
  sqlite3_stmt *stmt;
  int rc;

  *any = FALSE;
  if (!(stmt = _resfri_store_prepare (store, "SELECT min(start) FROM occurrences", error)))
    return FALSE;
  if ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      if (sqlite3_column_type (stmt, 0) != SQLITE_NULL)
        {
          *any = TRUE;
          *start = sqlite3_column_int64 (stmt, 0);
        }
      rc = SQLITE_DONE;
    }

  return _resfri_calendar_finish_query (store, stmt, rc, EXPORT_ERROR, error);
}

gboolean
_resfri_calendar_lookup_uid (ResfriStore  *store,
                             const char   *uid,
                             gboolean     *found,
                             gint64       *earliest,
                             GError      **error)
{
  sqlite3_stmt *stmt;
  int rc;

  *found = FALSE;
  stmt = _resfri_store_prepare (store,
                                "SELECT count(*) > 0, (SELECT min(start) FROM occurrences"
                                "                       WHERE uid = ?1)"
                                "  FROM meetings WHERE uid = ?1",
                                error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, uid, -1, SQLITE_TRANSIENT);
  if ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      *found = sqlite3_column_int (stmt, 0) != 0;
      if (sqlite3_column_type (stmt, 1) != SQLITE_NULL)
        *earliest = sqlite3_column_int64 (stmt, 1);
      rc = SQLITE_DONE;
    }

  return _resfri_calendar_finish_query (store, stmt, rc, EXPORT_ERROR, error);
}

gboolean
_resfri_calendar_foreach_meeting (ResfriStore              *store,
                                  const char               *uid,
                                  ResfriStoredMeetingFunc   func,
                                  gpointer                  user_data,
                                  GError                  **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = _resfri_store_prepare (store,
                                "SELECT id, recurrence_id, ical, online_url FROM meetings"
                                " WHERE uid = ?1 ORDER BY recurrence_id",
                                error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, uid, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ResfriStoredMeeting m;

      m.id = sqlite3_column_int64 (stmt, 0);
      m.recurrence_id = (const char *) sqlite3_column_text (stmt, 1);
      m.ical = (const char *) sqlite3_column_text (stmt, 2);
      m.online_url = (const char *) sqlite3_column_text (stmt, 3);
      func (&m, user_data);
    }

  return _resfri_calendar_finish_query (store, stmt, rc, EXPORT_ERROR, error);
}

gboolean
_resfri_calendar_foreach_instance (ResfriStore                 *store,
                                   gint64                       meeting_id,
                                   ResfriStoredOccurrenceFunc   func,
                                   gpointer                     user_data,
                                   GError                     **error)
{
  sqlite3_stmt *stmt;

  stmt = _resfri_store_prepare (store,
                                "SELECT id, uid, recurrence_id, start, end, meeting_id"
                                " FROM occurrences"
                                " WHERE meeting_id = ?1 AND cancelled = 0 ORDER BY start",
                                error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, meeting_id);

  return stream_occurrences (store, stmt, EXPORT_ERROR, func, user_data, NULL, error);
}

gboolean
_resfri_calendar_dup_timezone (ResfriStore  *store,
                               const char   *tzid,
                               char        **ical,
                               GError      **error)
{
  sqlite3_stmt *stmt;
  int rc;

  *ical = NULL;
  stmt = _resfri_store_prepare (store, "SELECT ical FROM timezones WHERE tzid = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, tzid, -1, SQLITE_STATIC);
  if ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      *ical = _resfri_store_dup_column (stmt, 0);
      rc = SQLITE_DONE;
    }

  return _resfri_calendar_finish_query (store, stmt, rc, EXPORT_ERROR, error);
}

gboolean
_resfri_calendar_has_ended (ResfriStore  *store,
                            gint64        cutoff,
                            gint64        since,
                            gint64        after_id,
                            gboolean     *any,
                            GError      **error)
{
  sqlite3_stmt *stmt;
  gint64 longest;
  int rc;

  *any = FALSE;
  if ((longest = longest_occurrence (store, error)) < 0)
    return FALSE;
  /* Both parts are ranges of an index: of starts (an occurrence that ended
   * after @since started at most the longest length before it) and of
   * meeting ids (the meetings stored since, whose occurrences ended before
   * @since; with @since G_MININT64 the first part has all: no range). */
  stmt = _resfri_store_prepare (store,
                                "SELECT EXISTS (SELECT 1 FROM occurrences"
                                "                WHERE start >= ?3 AND start < ?1"
                                "                  AND end >= ?2 AND end < ?1)"
                                "    OR EXISTS (SELECT 1 FROM occurrences"
                                "                WHERE meeting_id > ?4 AND end < ?2)",
                                error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, cutoff);
  sqlite3_bind_int64 (stmt, 2, since);
  sqlite3_bind_int64 (stmt, 3, since > G_MININT64 + longest ? since - longest : G_MININT64);
  sqlite3_bind_int64 (stmt, 4, since == G_MININT64 ? G_MAXINT64 : after_id);
  if ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      *any = sqlite3_column_int (stmt, 0) != 0;
      rc = SQLITE_DONE;
    }

  return _resfri_calendar_finish_query (store, stmt, rc, _("Cannot read the occurrences"), error);
}

GArray *
_resfri_calendar_list_ended_meetings (ResfriStore  *store,
                                      gint64        cutoff,
                                      gint64        since,
                                      gint64        after_id,
                                      GError      **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;
  gint64 longest;
  int rc;

  if ((longest = longest_occurrence (store, error)) < 0)
    return NULL;
  stmt = _resfri_store_prepare (store,
                                "SELECT c.meeting_id FROM"
                                " (SELECT meeting_id FROM occurrences"
                                "   WHERE start >= ?3 AND start < ?1 AND end >= ?2 AND end < ?1"
                                "  UNION"
                                "  SELECT meeting_id FROM occurrences"
                                "   WHERE meeting_id > ?4 AND end < ?2) c"
                                " WHERE (SELECT max (end) FROM occurrences o"
                                "         WHERE o.meeting_id = c.meeting_id) < ?1"
                                " ORDER BY c.meeting_id",
                                error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, cutoff);
  sqlite3_bind_int64 (stmt, 2, since);
  sqlite3_bind_int64 (stmt, 3, since > G_MININT64 + longest ? since - longest : G_MININT64);
  sqlite3_bind_int64 (stmt, 4, after_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  if (!_resfri_calendar_finish_query (store, stmt, rc, _("Cannot read the occurrences"), error))
    return NULL;

  return g_steal_pointer (&ids);
}

gboolean
_resfri_calendar_measure_meeting (ResfriStore  *store,
                                  gint64        meeting_id,
                                  gint64       *occurrences,
                                  gint64       *attendees,
                                  gint64       *bytes,
                                  GError      **error)
{
  sqlite3_stmt *stmt;
  int rc;

  *occurrences = *attendees = *bytes = 0;
  stmt = _resfri_store_prepare (store,
                                "SELECT (SELECT count (*) FROM occurrences WHERE meeting_id = ?1),"
                                "       (SELECT count (*) FROM attendees WHERE meeting_id = ?1),"
                                "       length (CAST (ical AS BLOB))"
                                "       + coalesce (length (CAST (organizer AS BLOB)), 0)"
                                "       + coalesce (length (CAST (summary AS BLOB)), 0)"
                                "       + coalesce (length (CAST (online_url AS BLOB)), 0)"
                                " FROM meetings WHERE id = ?1",
                                error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, meeting_id);
  if ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      *occurrences = sqlite3_column_int64 (stmt, 0);
      *attendees = sqlite3_column_int64 (stmt, 1);
      *bytes = sqlite3_column_int64 (stmt, 2);
      rc = SQLITE_DONE;
    }

  return _resfri_calendar_finish_query (store, stmt, rc, _("Cannot read the meetings"), error);
}

gint64
_resfri_calendar_last_meeting_id (ResfriStore  *store,
                                  GError      **error)
{
  return _resfri_store_query_int (store, "SELECT coalesce (max (id), 0) FROM meetings", error);
}

/* Access (spec/privacy.md): every meeting @email organises or attends. */
gboolean
_resfri_calendar_read_person_meetings (ResfriStore                  *store,
                                       const char                   *email,
                                       ResfriPersonMeetingFunc       func,
                                       gpointer                      user_data,
                                       GError                      **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = _resfri_store_prepare (store,
                                "SELECT m.uid, m.recurrence_id, m.summary, m.organizer = ?1,"
                                "  (SELECT min (o.start) FROM occurrences o WHERE o.meeting_id = m.id),"
                                "  (SELECT max (o.end) FROM occurrences o WHERE o.meeting_id = m.id),"
                                "  (SELECT count (*) FROM occurrences o WHERE o.meeting_id = m.id)"
                                " FROM meetings m WHERE m.organizer = ?1"
                                "  OR m.id IN (SELECT meeting_id FROM attendees WHERE email = ?1)"
                                " ORDER BY 5, m.uid, m.recurrence_id",
                                error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, email, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    func ((const char *) sqlite3_column_text (stmt, 0),
          (const char *) sqlite3_column_text (stmt, 1),
          (const char *) sqlite3_column_text (stmt, 2), sqlite3_column_int (stmt, 3) != 0,
          sqlite3_column_int64 (stmt, 4), sqlite3_column_int64 (stmt, 5),
          sqlite3_column_int (stmt, 6), user_data);
  return _resfri_calendar_finish_query (store, stmt, rc, _("Cannot read the meetings"), error);
}

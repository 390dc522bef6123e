/* resfri-occurrence-list.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * ResfriOccurrenceList: the GListModel of the occurrences that start in a
 * range, loaded in one query (synchronously or on a worker thread).
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "resfri-occurrence-list.h"
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
                                "SELECT o.id, o.meeting_id, o.uid, o.recurrence_id, o.start,"
                                "  o.end, o.all_day, m.summary, m.location, m.organizer,"
                                "  p.name, m.online_url, m.status,"
                                "  (SELECT count (*) FROM attendees a WHERE a.meeting_id = m.id"
                                "     AND " RESFRI_ATTENDEE_IS_PERSON ")"
                                " FROM occurrences o"
                                " JOIN meetings m ON m.id = o.meeting_id"
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

  if (rc != SQLITE_DONE)
    {
      _resfri_store_set_error (store, error, _("Cannot read the meetings"));
      sqlite3_reset (stmt);
      return NULL;
    }

  sqlite3_reset (stmt);

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

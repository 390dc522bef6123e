/* resfri-store-jobs.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Background work on the store: _resfri_store_run_async() runs a job on a
 * worker thread with its own connection to the same database (sqlite
 * connections are not shared between threads), and the _async/_finish
 * pair of the store's own counts is its first user. Every concept's
 * _async/_finish pairs are built on it.
 */

#include "config.h"

#include "resfri-store-private.h"

typedef struct
{
  char                *path;
  ResfriStoreWorkFunc  func;
  gpointer             data;
  GDestroyNotify       data_destroy;
  GDestroyNotify       result_destroy;
} Work;

static void
work_free (Work *work)
{
  if (work->data_destroy != NULL)
    work->data_destroy (work->data);
  g_free (work->path);
  g_free (work);
}

static void
run_worker (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  Work *work = task_data;
  g_autoptr(ResfriStore) worker = NULL;
  gpointer result = NULL;
  GError *error = NULL;

  if (!(worker = resfri_store_open (work->path, &error)) ||
      !(result = work->func (worker, work->data, cancellable, &error)))
    {
      g_task_return_error (task, error);
      return;
    }

  g_task_return_pointer (task, result, work->result_destroy);
}

void
_resfri_store_run_async (ResfriStore         *self,
                         gpointer             source_tag,
                         ResfriStoreWorkFunc  func,
                         gpointer             data,
                         GDestroyNotify       data_destroy,
                         GDestroyNotify       result_destroy,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Work *work = g_new0 (Work, 1);

  work->path = g_strdup (resfri_store_get_path (self));
  work->func = func;
  work->data = data;
  work->data_destroy = data_destroy;
  work->result_destroy = result_destroy;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, work, (GDestroyNotify) work_free);
  g_task_run_in_thread (task, run_worker);
}

gpointer
_resfri_store_run_finish (ResfriStore   *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static gpointer
get_counts_work (ResfriStore   *worker,
                 gpointer       data,
                 GCancellable  *cancellable,
                 GError       **error)
{
  g_autofree ResfriStoreCounts *counts = g_new0 (ResfriStoreCounts, 1);

  if (!resfri_store_get_counts (worker, counts, error))
    return NULL;

  return g_steal_pointer (&counts);
}

void
resfri_store_get_counts_async (ResfriStore         *self,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_return_if_fail (RESFRI_IS_STORE (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  _resfri_store_run_async (self, resfri_store_get_counts_async, get_counts_work, NULL, NULL,
                           g_free, cancellable, callback, user_data);
}

gboolean
resfri_store_get_counts_finish (ResfriStore        *self,
                                GAsyncResult       *result,
                                ResfriStoreCounts  *counts,
                                GError            **error)
{
  g_autofree ResfriStoreCounts *value = NULL;

  if (!(value = _resfri_store_run_finish (self, result, error)))
    return FALSE;

  *counts = *value;
  return TRUE;
}

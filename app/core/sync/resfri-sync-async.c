/* resfri-sync-async.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The _async/_finish pairs the app uses for live calendars (spec/sync.md):
 * listing the sources, testing one before it is added, adding (with its
 * password), following, removing and syncing (telling its progress on the
 * caller's main context), each on a worker thread with the worker's own
 * connection (_resfri_store_run_async).
 *
 * Where the password goes. The desktop app keeps it in the keyring
 * (libsecret). A session without a Secret Service (a bare desktop, a
 * container, CI under dbus-run-session) has no keyring: refusing to add the
 * account there would leave the app unable to follow any calendar, and
 * keeping the password in memory alone would lose it at the next start
 * (and the periodic sync with it). So the password then goes to a file of
 * its own, $XDG_DATA_HOME/resfri/passwords/HASH.password, in a folder of
 * mode 0700, the file of mode 0600 (what the CLI's --password-file asks
 * for), and the source keeps the file's path; the app says so. It is never
 * written to the database or a log. A keyring that is there but locked is
 * no reason for the file: adding the account then fails with an error that
 * says to unlock the keyring (resfri-secret.c).
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "resfri-error.h"
#include "resfri-feed.h"
#include "resfri-registers.h"
#include "resfri-secret.h"
#include "resfri-store-private.h"
#include "resfri-sync-async.h"
#include "resfri-sync-private.h"

void
resfri_source_listing_free (ResfriSourceListing *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->source, resfri_source_free);
  g_clear_pointer (&self->calendars, g_ptr_array_unref);
  g_free (self);
}

void
resfri_source_found_free (ResfriSourceFound *self)
{
  if (self == NULL)
    return;
  g_free (self->href);
  g_free (self->name);
  g_free (self);
}

/* Listing */

static gpointer
list_all_work (ResfriStore   *worker,
               gpointer       data,
               GCancellable  *cancellable,
               GError       **error)
{
  g_autoptr(GPtrArray) listings = g_ptr_array_new_with_free_func ((GDestroyNotify) resfri_source_listing_free);
  g_autoptr(GPtrArray) sources = NULL;

  if (!(sources = resfri_sources_list (worker, error)))
    return NULL;
  for (guint i = 0; i < sources->len; i++)
    {
      const ResfriSource *source = g_ptr_array_index (sources, i);
      g_autoptr(ResfriSourceListing) listing = g_new0 (ResfriSourceListing, 1);

      listing->source = resfri_source_copy (source);
      if (!(listing->calendars = resfri_sources_list_calendars (worker, source->id, error)))
        return NULL;
      g_ptr_array_add (listings, g_steal_pointer (&listing));
    }
  return g_steal_pointer (&listings);
}

void
resfri_sources_list_all_async (ResfriStore         *store,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_return_if_fail (RESFRI_IS_STORE (store));

  _resfri_store_run_async (store, resfri_sources_list_all_async, list_all_work, NULL, NULL,
                           (GDestroyNotify) g_ptr_array_unref, cancellable, callback, user_data);
}

GPtrArray *
resfri_sources_list_all_finish (ResfriStore   *store,
                                GAsyncResult  *result,
                                GError       **error)
{
  return _resfri_store_run_finish (store, result, error);
}

void
resfri_room_choice_free (ResfriRoomChoice *self)
{
  if (self == NULL)
    return;
  g_free (self->code);
  g_free (self->name);
  g_free (self);
}

static int
compare_room_choices (gconstpointer a,
                      gconstpointer b)
{
  const ResfriRoomChoice *x = *(ResfriRoomChoice **) a;
  const ResfriRoomChoice *y = *(ResfriRoomChoice **) b;

  return g_utf8_collate (x->name, y->name);
}

static gpointer
list_rooms_work (ResfriStore   *worker,
                 gpointer       data,
                 GCancellable  *cancellable,
                 GError       **error)
{
  g_autoptr(GPtrArray) rooms = g_ptr_array_new_with_free_func ((GDestroyNotify) resfri_room_choice_free);
  ResfriRegisters *registers;

  if (!(registers = resfri_registers_load (worker, 0, error)))
    return NULL;
  for (guint i = 0; i < resfri_registers_get_n_rooms (registers); i++)
    {
      const ResfriRegisterRoom *room = resfri_registers_get_nth_room (registers, i);
      ResfriRoomChoice *choice = g_new0 (ResfriRoomChoice, 1);

      choice->code = g_strdup (room->code);
      choice->name = g_strdup (room->name);
      g_ptr_array_add (rooms, choice);
    }
  resfri_registers_unref (registers);
  g_ptr_array_sort (rooms, compare_room_choices);
  return g_steal_pointer (&rooms);
}

void
resfri_sources_list_rooms_async (ResfriStore         *store,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_return_if_fail (RESFRI_IS_STORE (store));

  _resfri_store_run_async (store, resfri_sources_list_rooms_async, list_rooms_work, NULL, NULL,
                           (GDestroyNotify) g_ptr_array_unref, cancellable, callback, user_data);
}

GPtrArray *
resfri_sources_list_rooms_finish (ResfriStore   *store,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  return _resfri_store_run_finish (store, result, error);
}

/* Testing a source before it is added */

typedef struct
{
  ResfriSource *source;
  char         *password;
} TestData;

static void
test_data_free (TestData *data)
{
  resfri_source_free (data->source);
  resfri_secret_free (data->password);
  g_free (data);
}

static void
test_source_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  TestData *data = task_data;
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func ((GDestroyNotify) resfri_source_found_free);
  g_autoptr(ResfriCaldav) client = NULL;
  GError *error = NULL;

  if (!(client = resfri_caldav_new (data->source->url, data->source->user, data->password,
                                    data->source->ca_file, &error)))
    {
      g_task_return_error (task, error);
      return;
    }

  if (g_strcmp0 (data->source->kind, "caldav") == 0)
    {
      g_autoptr(GPtrArray) calendars = NULL;

      if (!(calendars = resfri_caldav_discover (client, cancellable, &error)))
        {
          g_task_return_error (task, error);
          return;
        }
      for (guint i = 0; i < calendars->len; i++)
        {
          ResfriDavResponse *calendar = g_ptr_array_index (calendars, i);
          ResfriSourceFound *item = g_new0 (ResfriSourceFound, 1);

          item->href = g_strdup (calendar->href);
          item->name = g_strdup (calendar->displayname);
          g_ptr_array_add (found, item);
        }
      if (found->len == 0)
        {
          g_task_return_new_error (task, RESFRI_ERROR, RESFRI_ERROR_NOT_FOUND,
                                   _("The account at %s has no calendar with events"),
                                   data->source->url);
          return;
        }
    }
  else
    {
      g_autoptr(GBytes) body = NULL;
      ResfriSourceFound *item;
      gboolean unchanged = FALSE;
      gsize length = 0;
      const char *text;

      if (!(body = resfri_feed_fetch (client, data->source->url, NULL, NULL, &unchanged, NULL,
                                      NULL, cancellable, &error)))
        {
          if (error == NULL)
            g_set_error (&error, RESFRI_ERROR, RESFRI_ERROR_INVALID_INPUT,
                         _("%s sent no calendar"), data->source->url);
          g_task_return_error (task, error);
          return;
        }
      text = g_bytes_get_data (body, &length);
      if (text == NULL || g_strstr_len (text, MIN (length, 4096), "BEGIN:VCALENDAR") == NULL)
        {
          g_task_return_new_error (task, RESFRI_ERROR, RESFRI_ERROR_INVALID_INPUT,
                                   _("%s is not an iCalendar feed (no BEGIN:VCALENDAR)"),
                                   data->source->url);
          return;
        }
      item = g_new0 (ResfriSourceFound, 1);
      item->href = g_strdup (data->source->url);
      item->name = g_strdup (data->source->name);
      g_ptr_array_add (found, item);
    }

  g_task_return_pointer (task, g_steal_pointer (&found), (GDestroyNotify) g_ptr_array_unref);
}

void
resfri_sync_test_source_async (const ResfriSource  *source,
                               const char          *password,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  TestData *data;

  g_return_if_fail (source != NULL && source->url != NULL && source->kind != NULL);

  data = g_new0 (TestData, 1);
  data->source = resfri_source_copy (source);
  data->password = g_strdup (password);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, resfri_sync_test_source_async);
  g_task_set_task_data (task, data, (GDestroyNotify) test_data_free);
  g_task_run_in_thread (task, test_source_thread);
}

GPtrArray *
resfri_sync_test_source_finish (GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Adding a source, its password kept first */

static char *
dup_password_file_path (const char *url,
                        const char *user)
{
  g_autofree char *key = g_strconcat (url, "\n", user, NULL);
  g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, key, -1);
  g_autofree char *name = g_strconcat (hash, ".password", NULL);

  return g_build_filename (g_get_user_data_dir (), "resfri", "passwords", name, NULL);
}

/* The fallback of the header comment: a 0600 file in a 0700 folder. */
static char *
write_password_file (const char  *url,
                     const char  *user,
                     const char  *password,
                     GError     **error)
{
  g_autofree char *path = dup_password_file_path (url, user);
  g_autofree char *folder = g_path_get_dirname (path);
  gsize length = strlen (password);
  int fd;

  if (g_mkdir_with_parents (folder, 0700) != 0 || g_chmod (folder, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, RESFRI_ERROR, RESFRI_ERROR_FAILED,
                   _("No keyring, and the folder %s cannot be made: %s"), folder,
                   g_strerror (saved));
      return NULL;
    }

  fd = g_open (path, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0600);
  if (fd < 0 || fchmod (fd, 0600) != 0 || write (fd, password, length) != (ssize_t) length ||
      write (fd, "\n", 1) != 1 || fsync (fd) != 0)
    {
      int saved = errno;

      if (fd >= 0)
        close (fd);
      g_unlink (path);
      g_set_error (error, RESFRI_ERROR, RESFRI_ERROR_FAILED,
                   _("No keyring, and the password cannot be written to %s: %s"), path,
                   g_strerror (saved));
      return NULL;
    }
  close (fd);
  return g_steal_pointer (&path);
}

typedef struct
{
  ResfriSource *source;
  char         *password;
} AddData;

typedef struct
{
  gint64     id;
  gboolean   in_file;
  GPtrArray *missing;
} AddResult;

static void
add_data_free (AddData *data)
{
  resfri_source_free (data->source);
  resfri_secret_free (data->password);
  g_free (data);
}

static void
add_result_free (AddResult *result)
{
  g_clear_pointer (&result->missing, g_ptr_array_unref);
  g_free (result);
}

static gpointer
add_work (ResfriStore   *worker,
          gpointer       data,
          GCancellable  *cancellable,
          GError       **error)
{
  AddData *add = data;
  g_autoptr(ResfriSource) source = resfri_source_copy (add->source);
  AddResult *result;
  gboolean in_keyring = FALSE;
  g_autofree char *file = NULL;
  gint64 id;

  if (add->password != NULL && source->user != NULL && source->password_file == NULL)
    {
      g_autoptr(GError) local = NULL;

      if (resfri_secret_store (source->url, source->user, add->password, cancellable, &local))
        in_keyring = TRUE;
      else if (resfri_secret_is_unavailable (local))
        {
          if (!(file = write_password_file (source->url, source->user, add->password, error)))
            return NULL;
          g_free (source->password_file);
          source->password_file = g_strdup (file);
        }
      else
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return NULL;
        }
    }

  result = g_new0 (AddResult, 1);
  result->missing = g_ptr_array_new_with_free_func (g_free);
  result->in_file = file != NULL;
  id = resfri_sync_add_source (worker, source, result->missing, cancellable, error);
  if (id < 0)
    {
      if (in_keyring)
        resfri_secret_clear (source->url, source->user, NULL, NULL);
      if (file != NULL)
        g_unlink (file);
      add_result_free (result);
      return NULL;
    }
  result->id = id;
  return result;
}

void
resfri_sync_add_source_async (ResfriStore         *store,
                              const ResfriSource  *source,
                              const char          *password,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  AddData *data;

  g_return_if_fail (RESFRI_IS_STORE (store));
  g_return_if_fail (source != NULL && source->url != NULL && source->kind != NULL);

  data = g_new0 (AddData, 1);
  data->source = resfri_source_copy (source);
  data->password = g_strdup (password);
  _resfri_store_run_async (store, resfri_sync_add_source_async, add_work, data,
                           (GDestroyNotify) add_data_free, (GDestroyNotify) add_result_free,
                           cancellable, callback, user_data);
}

gint64
resfri_sync_add_source_finish (ResfriStore   *store,
                               GAsyncResult  *result,
                               gboolean      *in_file,
                               GPtrArray    **missing,
                               GError       **error)
{
  AddResult *value;
  gint64 id;

  if (!(value = _resfri_store_run_finish (store, result, error)))
    return -1;
  id = value->id;
  if (in_file != NULL)
    *in_file = value->in_file;
  if (missing != NULL)
    *missing = g_steal_pointer (&value->missing);
  add_result_free (value);
  return id;
}

/* Following, removing */

typedef struct
{
  gint64    id;
  char     *href;
  char     *role;
  char     *target;
  gboolean  following;
} FollowData;

static void
follow_data_free (FollowData *data)
{
  g_free (data->href);
  g_free (data->role);
  g_free (data->target);
  g_free (data);
}

static gpointer
follow_work (ResfriStore   *worker,
             gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  FollowData *follow = data;

  if (!resfri_sync_follow (worker, follow->id, follow->href, follow->role, follow->target,
                           follow->following, error))
    return NULL;
  return GINT_TO_POINTER (TRUE);
}

void
resfri_sync_follow_async (ResfriStore         *store,
                          gint64               id,
                          const char          *href,
                          const char          *role,
                          const char          *target,
                          gboolean             following,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  FollowData *data;

  g_return_if_fail (RESFRI_IS_STORE (store));
  g_return_if_fail (href != NULL);

  data = g_new0 (FollowData, 1);
  data->id = id;
  data->href = g_strdup (href);
  data->role = g_strdup (role);
  data->target = g_strdup (target);
  data->following = following;
  _resfri_store_run_async (store, resfri_sync_follow_async, follow_work, data,
                           (GDestroyNotify) follow_data_free, NULL, cancellable, callback,
                           user_data);
}

gboolean
resfri_sync_follow_finish (ResfriStore   *store,
                           GAsyncResult  *result,
                           GError       **error)
{
  return _resfri_store_run_finish (store, result, error) != NULL;
}

static gpointer
remove_work (ResfriStore   *worker,
             gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  gint64 id = *(gint64 *) data;
  g_autoptr(ResfriSource) source = NULL;

  if (!(source = resfri_sources_get (worker, id, error)))
    return NULL;
  if (!resfri_sync_remove_source (worker, id, error))
    return NULL;

  /* The password goes with the source: the keyring's, or our own file
   * (never a --password-file the CLI was given). */
  if (source->user != NULL)
    {
      g_autofree char *ours = dup_password_file_path (source->url, source->user);

      if (source->password_file == NULL)
        resfri_secret_clear (source->url, source->user, NULL, NULL);
      else if (g_strcmp0 (source->password_file, ours) == 0)
        g_unlink (ours);
    }
  return GINT_TO_POINTER (TRUE);
}

void
resfri_sync_remove_source_async (ResfriStore         *store,
                                 gint64               id,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_return_if_fail (RESFRI_IS_STORE (store));

  _resfri_store_run_async (store, resfri_sync_remove_source_async, remove_work,
                           g_memdup2 (&id, sizeof id), g_free, NULL, cancellable, callback,
                           user_data);
}

gboolean
resfri_sync_remove_source_finish (ResfriStore   *store,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  return _resfri_store_run_finish (store, result, error) != NULL;
}

/* Syncing */

/* The progress of a sync, told on the caller's main context: the worker
 * posts each step there (g_main_context_invoke_full), and the caller's
 * function runs there alone. Shared by the job and its posted steps. */
typedef struct
{
  gatomicrefcount         ref;
  GMainContext           *context;
  ResfriSyncProgressFunc  func;
  gpointer                data;
  GDestroyNotify          destroy;
} Progress;

static Progress *
progress_ref (Progress *progress)
{
  g_atomic_ref_count_inc (&progress->ref);
  return progress;
}

/* The last reference may go on the worker: @destroy must be safe on any
 * thread (the window's is a GWeakRef's). */
static void
progress_unref (Progress *progress)
{
  if (!g_atomic_ref_count_dec (&progress->ref))
    return;
  if (progress->destroy != NULL)
    progress->destroy (progress->data);
  g_main_context_unref (progress->context);
  g_free (progress);
}

typedef struct
{
  Progress *progress;
  guint     done;
  guint     total;
} Step;

static void
step_free (gpointer data)
{
  Step *step = data;

  progress_unref (step->progress);
  g_free (step);
}

static gboolean
step_cb (gpointer data)
{
  Step *step = data;

  step->progress->func (step->done, step->total, step->progress->data);
  return G_SOURCE_REMOVE;
}

/* On the worker: post the step to the caller's context. */
static void
post_step (guint    done,
           guint    total,
           gpointer data)
{
  Progress *progress = data;
  Step *step = g_new0 (Step, 1);

  step->progress = progress_ref (progress);
  step->done = done;
  step->total = total;
  g_main_context_invoke_full (progress->context, G_PRIORITY_DEFAULT, step_cb, step, step_free);
}

typedef struct
{
  GArray   *ids;
  Progress *progress;
} RunData;

static void
run_data_free (RunData *data)
{
  g_clear_pointer (&data->ids, g_array_unref);
  g_clear_pointer (&data->progress, progress_unref);
  g_free (data);
}

static gpointer
run_work (ResfriStore   *worker,
          gpointer       data,
          GCancellable  *cancellable,
          GError       **error)
{
  RunData *run = data;

  return _resfri_sync_run_full (worker, run->ids, run->progress ? post_step : NULL,
                                run->progress, cancellable, error);
}

/**
 * resfri_sync_run_with_progress_async:
 * @ids: (nullable) (element-type gint64): the sources to sync, %NULL: all
 * @progress_func: (nullable): told how many followed calendars are done of
 *   how many, first with 0 done, then after each; on the thread-default
 *   main context of the caller
 * @progress_data: @progress_func's
 * @progress_destroy: (nullable): frees @progress_data, on any thread
 *
 * resfri_sync_run() on a worker with its own connection, telling its
 * progress. Cancelled with @cancellable, it stops between calendars (and
 * between requests, before the calendar's transaction): each calendar's
 * changes land whole or not at all. resfri_sync_run_finish() gives the
 * result, or G_IO_ERROR_CANCELLED.
 */
void
resfri_sync_run_with_progress_async (ResfriStore            *store,
                                     GArray                 *ids,
                                     ResfriSyncProgressFunc  progress_func,
                                     gpointer                progress_data,
                                     GDestroyNotify          progress_destroy,
                                     GCancellable           *cancellable,
                                     GAsyncReadyCallback     callback,
                                     gpointer                user_data)
{
  RunData *data;

  g_return_if_fail (RESFRI_IS_STORE (store));

  data = g_new0 (RunData, 1);
  data->ids = ids != NULL ? g_array_ref (ids) : NULL;
  if (progress_func != NULL)
    {
      data->progress = g_new0 (Progress, 1);
      g_atomic_ref_count_init (&data->progress->ref);
      data->progress->context = g_main_context_ref_thread_default ();
      data->progress->func = progress_func;
      data->progress->data = progress_data;
      data->progress->destroy = progress_destroy;
    }
  else if (progress_destroy != NULL)
    progress_destroy (progress_data);
  _resfri_store_run_async (store, resfri_sync_run_async, run_work, data,
                           (GDestroyNotify) run_data_free,
                           (GDestroyNotify) resfri_sync_result_free, cancellable, callback,
                           user_data);
}

void
resfri_sync_run_async (ResfriStore         *store,
                       GArray              *ids,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  resfri_sync_run_with_progress_async (store, ids, NULL, NULL, NULL, cancellable, callback,
                                       user_data);
}

ResfriSyncResult *
resfri_sync_run_finish (ResfriStore   *store,
                        GAsyncResult  *result,
                        GError       **error)
{
  return _resfri_store_run_finish (store, result, error);
}

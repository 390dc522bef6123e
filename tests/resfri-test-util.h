/* resfri-test-util.h
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Small helpers the core and sync tests share: a temporary folder's
 * removal, a run of resfri-cli (found in $RESFRI_CLI) on a database, and
 * the wait for an _async call's result.
 */

#pragma once

#include <sys/wait.h>

#include <gio/gio.h>
#include <glib/gstdio.h>

G_BEGIN_DECLS

static inline void
resfri_test_remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    while ((name = g_dir_read_name (dir)))
      {
        g_autofree char *child = g_build_filename (path, name, NULL);
        resfri_test_remove_tree (child);
      }
  g_remove (path);
}

/* Runs `resfri-cli --db DB_PATH ARGS…` (NULL-terminated) and returns its
 * exit status; @out and @err get what it printed. */
static inline int
resfri_test_run_cli (const char  *db_path,
                     char       **out,
                     char       **err,
                     const char  *first,
                     ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const char *cli = g_getenv ("RESFRI_CLI");
  int status = 0;
  va_list ap;

  g_assert_nonnull (cli);
  g_ptr_array_add (args, (char *) cli);
  g_ptr_array_add (args, (char *) "--db");
  g_ptr_array_add (args, (char *) db_path);

  va_start (ap, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (args, (char *) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);

  g_assert_true (g_spawn_sync (NULL, (char **) args->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               out, err, &status, &error));
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status));

  return WEXITSTATUS (status);
}

/* A GAsyncReadyCallback for resfri_test_wait(): keeps a reference
 * to the result in @user_data, a GAsyncResult * that was NULL. */
static inline void
resfri_test_ready (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

/* Iterates the thread-default main context until *@slot holds the result
 * (resfri_test_ready()); returns it, still owned by *@slot. */
static inline GAsyncResult *
resfri_test_wait (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

G_END_DECLS

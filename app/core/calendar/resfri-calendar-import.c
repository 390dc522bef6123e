/* resfri-calendar-import.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Importing an .ics file named by a GFile, for the desktop application: the
 * file chooser, drag and drop, and files given on its command line. The
 * import itself is resfri_store_import_ical(): one transaction per file.
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "resfri-calendar-import.h"
#include "resfri-error.h"
#include "resfri-input.h"
#include "resfri-store-private.h"

/* Errors name the file as people see it ("work.ics:12: …"), not its path. */
static char *
dup_display_name (GFile *file)
{
  g_autoptr(GFileInfo) info = NULL;

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_DISPLAY_NAME,
                            G_FILE_QUERY_INFO_NONE, NULL, NULL);
  if (info != NULL)
    return g_strdup (g_file_info_get_display_name (info));

  return g_file_get_basename (file);
}

/**
 * resfri_store_import_ical_file:
 * @file: an iCalendar file
 * @stats: (out) (optional): what was stored
 *
 * Imports @file in one transaction: all of it or, with @error set
 * ("NAME:LINE: what" for a malformed file), nothing.
 */
gboolean
resfri_store_import_ical_file (ResfriStore         *self,
                               GFile               *file,
                               ResfriMeetingStats  *stats,
                               GCancellable        *cancellable,
                               GError             **error)
{
  g_autofree char *contents = NULL;
  g_autofree char *name = NULL;
  gsize length = 0;

  g_return_val_if_fail (RESFRI_IS_STORE (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  name = dup_display_name (file);

  /* Whole, up to the input limit: a larger file is refused unread. */
  if (!resfri_input_load_file (file, name, &contents, &length, cancellable, error))
    return FALSE;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  return resfri_store_import_ical (self, contents, length, name, stats, error);
}

static gpointer
import_work (ResfriStore   *worker,
             gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  g_autofree ResfriMeetingStats *stats = g_new0 (ResfriMeetingStats, 1);

  if (!resfri_store_import_ical_file (worker, data, stats, cancellable, error))
    return NULL;

  return g_steal_pointer (&stats);
}

void
resfri_store_import_ical_file_async (ResfriStore         *self,
                                     GFile               *file,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_return_if_fail (RESFRI_IS_STORE (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  _resfri_store_run_async (self, resfri_store_import_ical_file_async, import_work,
                           g_object_ref (file), g_object_unref, g_free,
                           cancellable, callback, user_data);
}

gboolean
resfri_store_import_ical_file_finish (ResfriStore         *self,
                                      GAsyncResult        *result,
                                      ResfriMeetingStats  *stats,
                                      GError             **error)
{
  g_autofree ResfriMeetingStats *value = NULL;

  if (!(value = _resfri_store_run_finish (self, result, error)))
    return FALSE;

  if (stats != NULL)
    *stats = *value;
  return TRUE;
}

/* resfri-report-file.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Report files written whole or not at all: the PDF and XLSX writers write
 * PATH.partial and rename it over PATH when done, so that a failed or
 * interrupted export leaves the file that was there (or none), never half
 * a report.
 */

#include "config.h"

#include <errno.h>

#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "resfri-report-file.h"

char *
resfri_report_file_dup_partial (const char *path)
{
  g_return_val_if_fail (path != NULL, NULL);

  return g_strconcat (path, ".partial", NULL);
}

gboolean
resfri_report_file_finish (const char  *partial,
                           const char  *path,
                           gboolean     ok,
                           GError     **error)
{
  if (!ok)
    {
      g_unlink (partial);
      return FALSE;
    }

  if (g_rename (partial, path) != 0)
    {
      int saved = errno;

      g_unlink (partial);
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), _("Cannot write “%s”: %s"),
                   path, g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}

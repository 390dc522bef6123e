/* resfri-report-workbook.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The opening and closing of the reports' XLSX workbooks (the follow-up,
 * the gaps and the opportunities): the C numeric locale while they are
 * written, the partial file beside the report and the errors that name the
 * report's own path.
 */

#include "config.h"

#include <string.h>

#include <gio/gio.h>
#include <glib/gi18n-lib.h>

#include "resfri-report-file.h"
#include "resfri-report-workbook.h"

static void
restore_locale (ResfriReportWorkbook *self)
{
  uselocale (self->previous);
  freelocale (self->c_locale);
  self->c_locale = (locale_t) 0;
}

gboolean
resfri_report_workbook_open (ResfriReportWorkbook  *self,
                             const char            *path,
                             GError               **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  memset (self, 0, sizeof *self);

  /* libxlsxwriter prints numbers with printf: in a locale with a decimal
   * comma the file would be corrupt. The numbers are written in the C
   * locale and Excel shows them in the reader's. */
  self->c_locale = newlocale (LC_NUMERIC_MASK, "C", duplocale (LC_GLOBAL_LOCALE));
  self->previous = uselocale (self->c_locale);

  self->path = g_strdup (path);
  self->partial = resfri_report_file_dup_partial (path);
  self->workbook = workbook_new (self->partial);
  if (self->workbook == NULL)
    {
      resfri_report_file_finish (self->partial, path, FALSE, NULL);
      restore_locale (self);
      g_clear_pointer (&self->path, g_free);
      g_clear_pointer (&self->partial, g_free);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Cannot create “%s”"), path);
      return FALSE;
    }

  self->heading = workbook_add_format (self->workbook);
  format_set_bold (self->heading);
  format_set_text_wrap (self->heading);

  return TRUE;
}

gboolean
resfri_report_workbook_close (ResfriReportWorkbook  *self,
                              GError               **error)
{
  g_autofree char *path = NULL;
  g_autofree char *partial = NULL;
  lxw_error status;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (self->workbook != NULL, FALSE);

  status = workbook_close (self->workbook);
  restore_locale (self);
  path = g_steal_pointer (&self->path);
  partial = g_steal_pointer (&self->partial);
  memset (self, 0, sizeof *self);

  if (status != LXW_NO_ERROR)
    {
      resfri_report_file_finish (partial, path, FALSE, NULL);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Cannot write “%s”: %s"), path,
                   lxw_strerror (status));
      return FALSE;
    }

  return resfri_report_file_finish (partial, path, TRUE, error);
}

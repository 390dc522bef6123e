/* resfri-report-workbook.h
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An XLSX workbook being written: opened in the C numeric locale (as
 * libxlsxwriter needs) into PATH.partial, closed and renamed over PATH, or
 * removed, so that a report's workbook is written whole or not at all.
 */

#pragma once

#include <locale.h>

#include <glib.h>
#include <xlsxwriter.h>

G_BEGIN_DECLS

typedef struct
{
  lxw_workbook *workbook;
  /* Bold, wrapped: the first format of every report's workbook. */
  lxw_format   *heading;

  /*< private >*/
  char         *path;
  char         *partial;
  locale_t      c_locale;
  locale_t      previous;
} ResfriReportWorkbook;

gboolean resfri_report_workbook_open  (ResfriReportWorkbook  *self,
                                       const char            *path,
                                       GError               **error);
/* Writes the workbook; FALSE with @error when it cannot be written. @self
 * is cleared either way. */
gboolean resfri_report_workbook_close (ResfriReportWorkbook  *self,
                                       GError               **error);

G_END_DECLS

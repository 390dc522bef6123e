/* resfri-report-xlsx.h
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The follow-up report as an Excel workbook (libxlsxwriter): a summary
 * sheet, a sheet per unit and one per month, every figure a number (so that
 * the reader's Excel shows it with its own decimal comma) and headings in the
 * user's language.
 */

#pragma once

#include <glib.h>

#include "resfri-core.h"
#include "resfri-followup.h"

G_BEGIN_DECLS

gboolean resfri_report_followup_write_xlsx (const ResfriFollowup  *followup,
                                            const char            *municipality,
                                            const char            *path,
                                            GError               **error);

G_END_DECLS

/* resfri-report-gaps.h
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The gaps and the order list (spec/allocation.md) as the machine formats
 * that resfri-cli and the Gaps view both write: CSV and an Excel workbook.
 */

#pragma once

#include <glib.h>

#include "resfri-core.h"

G_BEGIN_DECLS

char    *resfri_report_gaps_to_csv     (const ResfriGaps  *gaps);
char    *resfri_report_format_ore      (gint64             ore);
char    *resfri_report_gaps_by_unit_to_csv (const ResfriGaps *gaps);
char    *resfri_report_gaps_transfers_to_csv (const ResfriGaps *gaps);
char    *resfri_report_gaps_people_to_csv (const ResfriGaps *gaps);
gboolean resfri_report_gaps_write_xlsx (const ResfriGaps  *gaps,
                                        const char        *path,
                                        GError           **error);

G_END_DECLS

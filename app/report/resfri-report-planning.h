/* resfri-report-planning.h
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The opportunities (spec/planning.md) as the machine formats that
 * resfri-cli and the Planning view both write: CSV and an Excel workbook.
 */

#pragma once

#include <glib.h>

#include "resfri-core.h"

G_BEGIN_DECLS

/* The needs of a candidate in one line: "KOM headset 2 (1 short), …";
 * "" without needs. */
char    *resfri_report_candidate_needs_to_string (const ResfriCandidate  *candidate);

char    *resfri_report_opportunities_to_csv     (const ResfriCandidates *candidates);
gboolean resfri_report_opportunities_write_xlsx (const ResfriCandidates *candidates,
                                                 const char             *path,
                                                 GError                **error);

G_END_DECLS

/* resfri-report-pdf.h
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The follow-up report as a PDF a politician can put in council papers:
 * A4, a summary page (headline figure, key figures, the travel-free share
 * per month against the year before, exemptions by reason), then the tables
 * per unit and per month over as many pages as they need. In the user's
 * language; numbers as the locale writes them, dates in ISO form.
 */

#pragma once

#include <glib.h>

#include "resfri-core.h"
#include "resfri-followup.h"

G_BEGIN_DECLS

/* @municipality: (nullable): the meta key `municipality`, for the title.
 * @n_pages: (out) (optional): the number of pages written. */
gboolean resfri_report_followup_write_pdf (const ResfriFollowup  *followup,
                                           const char            *municipality,
                                           const char            *path,
                                           guint                 *n_pages,
                                           GError               **error);
/* The same with a last page for the what-if at the target share
 * (spec/planning.md), when @whatif is not %NULL. The caller solves it for
 * the report's period and unit: at the policy's target share when one is
 * set. */
gboolean resfri_report_followup_write_pdf_with_whatif (const ResfriFollowup  *followup,
                                                       const ResfriWhatif    *whatif,
                                                       const char            *municipality,
                                                       const char            *path,
                                                       guint                 *n_pages,
                                                       GError               **error);

/* Called on the writer's thread after each page of the file: its number
 * and the number of pages. FALSE stops the writing: nothing is written and
 * the writer fails with G_IO_ERROR_CANCELLED. */
typedef gboolean (*ResfriReportPageFunc) (guint    page,
                                          guint    n_pages,
                                          gpointer user_data);
/* The same, saying how far it is to @page_func. */
gboolean resfri_report_followup_write_pdf_full        (const ResfriFollowup  *followup,
                                                       const ResfriWhatif    *whatif,
                                                       const char            *municipality,
                                                       const char            *path,
                                                       ResfriReportPageFunc   page_func,
                                                       gpointer               user_data,
                                                       guint                 *n_pages,
                                                       GError               **error);

/* The what-if the PDF's last page shows: solved in @store at the report's
 * target share (followup->total, resfri_policy_get_target_share()) for its
 * period and unit within @time_limit seconds. %NULL without an error when
 * no target is set: then the PDF has no such page. */
#define RESFRI_REPORT_WHATIF_TIME_LIMIT 10.0
ResfriWhatif *resfri_report_followup_compute_whatif (ResfriStore           *store,
                                                     const ResfriFollowup  *followup,
                                                     double                 time_limit,
                                                     GCancellable          *cancellable,
                                                     GError               **error);

G_END_DECLS

/* resfri-followup-summary.h
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "resfri-core.h"

G_BEGIN_DECLS

#define RESFRI_TYPE_FOLLOWUP_SUMMARY (resfri_followup_summary_get_type ())

G_DECLARE_FINAL_TYPE (ResfriFollowupSummary, resfri_followup_summary, RESFRI, FOLLOWUP_SUMMARY,
                      AdwBin)

/* @followup is read at once and not kept. */
void  resfri_followup_summary_set_followup   (ResfriFollowupSummary *self,
                                              const ResfriFollowup  *followup);
/* The headline, its caption and every figure as one paragraph, for the
 * printed page. */
char *resfri_followup_summary_dup_print_text (ResfriFollowupSummary *self);

G_END_DECLS

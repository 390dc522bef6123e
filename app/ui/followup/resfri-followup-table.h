/* resfri-followup-table.h
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "resfri-core.h"
#include "resfri-followup-chart.h"

G_BEGIN_DECLS

#define RESFRI_TYPE_FOLLOWUP_TABLE (resfri_followup_table_get_type ())

G_DECLARE_FINAL_TYPE (ResfriFollowupTable, resfri_followup_table, RESFRI, FOLLOWUP_TABLE, AdwBin)

/* The figures of the chart of @kind for @followup (nullable; read at once,
 * not kept). */
void resfri_followup_table_set_followup (ResfriFollowupTable     *self,
                                         ResfriFollowupChartKind  kind,
                                         const ResfriFollowup    *followup);

G_END_DECLS

/* resfri-overview.h
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "resfri-store.h"

G_BEGIN_DECLS

#define RESFRI_TYPE_OVERVIEW (resfri_overview_get_type ())

G_DECLARE_FINAL_TYPE (ResfriOverview, resfri_overview, RESFRI, OVERVIEW, AdwBin)

void     resfri_overview_set_counts (ResfriOverview          *self,
                                     const ResfriStoreCounts *counts);
gboolean resfri_overview_is_empty   (ResfriOverview          *self);

G_END_DECLS

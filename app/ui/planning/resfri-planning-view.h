/* resfri-planning-view.h
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * ResfriPlanningView: where travel can be avoided, and the what-if's
 * target slider.
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define RESFRI_TYPE_PLANNING_VIEW (resfri_planning_view_get_type ())

G_DECLARE_FINAL_TYPE (ResfriPlanningView, resfri_planning_view, RESFRI, PLANNING_VIEW, AdwBin)

G_END_DECLS

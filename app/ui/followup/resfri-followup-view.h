/* resfri-followup-view.h
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * ResfriFollowupView: the politicians' follow-up of the travel policy
 * per period and unit, with its charts, tables, exports and print.
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define RESFRI_TYPE_FOLLOWUP_VIEW (resfri_followup_view_get_type ())

G_DECLARE_FINAL_TYPE (ResfriFollowupView, resfri_followup_view, RESFRI, FOLLOWUP_VIEW, AdwBin)

G_END_DECLS

/* resfri-gaps-view.h
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define RESFRI_TYPE_GAPS_VIEW (resfri_gaps_view_get_type ())

G_DECLARE_FINAL_TYPE (ResfriGapsView, resfri_gaps_view, RESFRI, GAPS_VIEW, AdwBin)

G_END_DECLS

/* resfri-gaps-view.h
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "resfri-store.h"

G_BEGIN_DECLS

#define RESFRI_TYPE_GAPS_VIEW (resfri_gaps_view_get_type ())

G_DECLARE_FINAL_TYPE (ResfriGapsView, resfri_gaps_view, RESFRI, GAPS_VIEW, AdwBin)

void resfri_gaps_view_set_store (ResfriGapsView *self,
                                 ResfriStore    *store);
void resfri_gaps_view_reload    (ResfriGapsView *self);

G_END_DECLS

/* resfri-equipment-view.h
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "resfri-store.h"

G_BEGIN_DECLS

#define RESFRI_TYPE_EQUIPMENT_VIEW (resfri_equipment_view_get_type ())

G_DECLARE_FINAL_TYPE (ResfriEquipmentView, resfri_equipment_view, RESFRI, EQUIPMENT_VIEW, AdwBin)

void resfri_equipment_view_set_store    (ResfriEquipmentView *self,
                                         ResfriStore         *store);
void resfri_equipment_view_reload       (ResfriEquipmentView *self);
void resfri_equipment_view_focus_search (ResfriEquipmentView *self);
void resfri_equipment_view_show_search  (ResfriEquipmentView *self,
                                         const char          *text);

G_END_DECLS

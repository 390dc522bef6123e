/* resfri-equipment-item.h
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "resfri-inventory.h"

G_BEGIN_DECLS

#define RESFRI_TYPE_EQUIPMENT_ITEM (resfri_equipment_item_get_type ())

G_DECLARE_FINAL_TYPE (ResfriEquipmentItem, resfri_equipment_item, RESFRI, EQUIPMENT_ITEM, GObject)

const char      *resfri_equipment_item_get_tag        (ResfriEquipmentItem *self);
const char      *resfri_equipment_item_get_kind       (ResfriEquipmentItem *self);
const char      *resfri_equipment_item_get_model      (ResfriEquipmentItem *self);
const char      *resfri_equipment_item_get_site_code  (ResfriEquipmentItem *self);
const char      *resfri_equipment_item_get_site_name  (ResfriEquipmentItem *self);
const char      *resfri_equipment_item_get_owner      (ResfriEquipmentItem *self);
const char      *resfri_equipment_item_get_owner_name (ResfriEquipmentItem *self);
ResfriItemState  resfri_equipment_item_get_state      (ResfriEquipmentItem *self);
double           resfri_equipment_item_get_cost       (ResfriEquipmentItem *self);
gboolean         resfri_equipment_item_is_personal    (ResfriEquipmentItem *self);
gboolean         resfri_equipment_item_matches        (ResfriEquipmentItem *self,
                                                       const char          *folded_text);

/* For resfri-item-list.c: the values of one row of the listing query. */
ResfriEquipmentItem *_resfri_equipment_item_new       (void);
gboolean             _resfri_equipment_item_set       (ResfriEquipmentItem *self,
                                                       const char          *tag,
                                                       const char          *kind,
                                                       const char          *model,
                                                       const char          *site_code,
                                                       const char          *site_name,
                                                       const char          *owner,
                                                       const char          *owner_name,
                                                       ResfriItemState      state,
                                                       double               cost);

G_END_DECLS

/* resfri-item-dialog.h
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "resfri-inventory.h"

G_BEGIN_DECLS

#define RESFRI_TYPE_ITEM_DIALOG (resfri_item_dialog_get_type ())

G_DECLARE_FINAL_TYPE (ResfriItemDialog, resfri_item_dialog, RESFRI, ITEM_DIALOG, AdwMessageDialog)

/* The fields of the dialog; the holder is only asked when adding. */
typedef enum
{
  RESFRI_ITEM_FIELD_TAG,
  RESFRI_ITEM_FIELD_TYPE,
  RESFRI_ITEM_FIELD_SITE,
  RESFRI_ITEM_FIELD_OWNER,
  RESFRI_ITEM_FIELD_MODEL,
  RESFRI_ITEM_FIELD_COST,
} ResfriItemField;

/* Add an Item: answers "add" or "cancel". */
GtkWidget  *resfri_item_dialog_new_add    (GtkWindow        *parent);
/* Edit @item: answers "save" or "cancel". */
GtkWidget  *resfri_item_dialog_new_edit   (GtkWindow        *parent,
                                           const ResfriItem *item);
/* The tag of the item being edited (NULL when adding). */
const char *resfri_item_dialog_get_tag    (ResfriItemDialog *self);
/* The text of @field, or NULL when it is empty. */
const char *resfri_item_dialog_get_field  (ResfriItemDialog *self,
                                           ResfriItemField   field);
/* The cost as typed ("1299", "1299,50", "1299.50"); NAN when empty. FALSE
 * when the text is not a cost. */
gboolean    resfri_item_dialog_get_cost   (ResfriItemDialog *self,
                                           double           *cost);

G_END_DECLS

/* resfri-equipment-item.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "resfri-equipment-item.h"

/* One inventory item as the equipment view lists it. The item list
 * updates it in place after an action (and then emits items-changed for
 * its position), so that a selection on it survives. */
struct _ResfriEquipmentItem
{
  GObject          parent_instance;

  char            *tag;
  char            *kind;
  char            *model;
  char            *site_code;
  char            *site_name;
  char            *owner;
  char            *owner_name;
  /* Case-folded tag, model, holder and site, for the search filter. */
  char            *search_key;
  double           cost;
  ResfriItemState  state;
};

G_DEFINE_FINAL_TYPE (ResfriEquipmentItem, resfri_equipment_item, G_TYPE_OBJECT)

static void
clear_fields (ResfriEquipmentItem *self)
{
  g_clear_pointer (&self->tag, g_free);
  g_clear_pointer (&self->kind, g_free);
  g_clear_pointer (&self->model, g_free);
  g_clear_pointer (&self->site_code, g_free);
  g_clear_pointer (&self->site_name, g_free);
  g_clear_pointer (&self->owner, g_free);
  g_clear_pointer (&self->owner_name, g_free);
  g_clear_pointer (&self->search_key, g_free);
}

static void
resfri_equipment_item_finalize (GObject *object)
{
  clear_fields (RESFRI_EQUIPMENT_ITEM (object));

  G_OBJECT_CLASS (resfri_equipment_item_parent_class)->finalize (object);
}

static void
resfri_equipment_item_class_init (ResfriEquipmentItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = resfri_equipment_item_finalize;
}

static void
resfri_equipment_item_init (ResfriEquipmentItem *self)
{
}

static const char *
nonempty (const char *text)
{
  return text != NULL && text[0] != '\0' ? text : NULL;
}

static char *
dup_nonempty (const char *text)
{
  return g_strdup (nonempty (text));
}

ResfriEquipmentItem *
_resfri_equipment_item_new (void)
{
  return g_object_new (RESFRI_TYPE_EQUIPMENT_ITEM, NULL);
}

/* Returns whether anything changed. */
gboolean
_resfri_equipment_item_set (ResfriEquipmentItem *self,
                            const char          *tag,
                            const char          *kind,
                            const char          *model,
                            const char          *site_code,
                            const char          *site_name,
                            const char          *owner,
                            const char          *owner_name,
                            ResfriItemState      state,
                            double               cost)
{
  g_autofree char *key = NULL;

  if (self->tag != NULL &&
      g_strcmp0 (self->tag, tag) == 0 &&
      g_strcmp0 (self->kind, kind) == 0 &&
      g_strcmp0 (self->model, nonempty (model)) == 0 &&
      g_strcmp0 (self->site_code, site_code) == 0 &&
      g_strcmp0 (self->site_name, nonempty (site_name)) == 0 &&
      g_strcmp0 (self->owner, nonempty (owner)) == 0 &&
      g_strcmp0 (self->owner_name, nonempty (owner) != NULL ? nonempty (owner_name) : NULL) == 0 &&
      self->state == state && self->cost == cost)
    return FALSE;

  clear_fields (self);
  self->tag = g_strdup (tag);
  self->kind = g_strdup (kind);
  self->model = dup_nonempty (model);
  self->site_code = g_strdup (site_code);
  self->site_name = dup_nonempty (site_name);
  self->owner = dup_nonempty (owner);
  self->owner_name = self->owner != NULL ? dup_nonempty (owner_name) : NULL;
  self->state = state;
  self->cost = cost;

  key = g_strjoin ("\n",
                   self->tag != NULL ? self->tag : "",
                   self->model != NULL ? self->model : "",
                   self->owner != NULL ? self->owner : "",
                   self->owner_name != NULL ? self->owner_name : "",
                   self->site_code != NULL ? self->site_code : "",
                   self->site_name != NULL ? self->site_name : "",
                   NULL);
  self->search_key = g_utf8_casefold (key, -1);

  return TRUE;
}

const char *
resfri_equipment_item_get_tag (ResfriEquipmentItem *self)
{
  g_return_val_if_fail (RESFRI_IS_EQUIPMENT_ITEM (self), NULL);
  return self->tag;
}

/* The equipment type's name ("headset", "camera", …). */
const char *
resfri_equipment_item_get_kind (ResfriEquipmentItem *self)
{
  g_return_val_if_fail (RESFRI_IS_EQUIPMENT_ITEM (self), NULL);
  return self->kind;
}

/* NULL when the register has none. */
const char *
resfri_equipment_item_get_model (ResfriEquipmentItem *self)
{
  g_return_val_if_fail (RESFRI_IS_EQUIPMENT_ITEM (self), NULL);
  return self->model;
}

const char *
resfri_equipment_item_get_site_code (ResfriEquipmentItem *self)
{
  g_return_val_if_fail (RESFRI_IS_EQUIPMENT_ITEM (self), NULL);
  return self->site_code;
}

const char *
resfri_equipment_item_get_site_name (ResfriEquipmentItem *self)
{
  g_return_val_if_fail (RESFRI_IS_EQUIPMENT_ITEM (self), NULL);
  return self->site_name;
}

/* The holder's address; NULL for an item in its site's loan pool. */
const char *
resfri_equipment_item_get_owner (ResfriEquipmentItem *self)
{
  g_return_val_if_fail (RESFRI_IS_EQUIPMENT_ITEM (self), NULL);
  return self->owner;
}

const char *
resfri_equipment_item_get_owner_name (ResfriEquipmentItem *self)
{
  g_return_val_if_fail (RESFRI_IS_EQUIPMENT_ITEM (self), NULL);
  return self->owner_name;
}

ResfriItemState
resfri_equipment_item_get_state (ResfriEquipmentItem *self)
{
  g_return_val_if_fail (RESFRI_IS_EQUIPMENT_ITEM (self), RESFRI_ITEM_STATE_OK);
  return self->state;
}

/* In SEK; 0 when unknown. */
double
resfri_equipment_item_get_cost (ResfriEquipmentItem *self)
{
  g_return_val_if_fail (RESFRI_IS_EQUIPMENT_ITEM (self), 0);
  return self->cost;
}

/* Whether the item is someone's (personal), not in a loan pool. */
gboolean
resfri_equipment_item_is_personal (ResfriEquipmentItem *self)
{
  g_return_val_if_fail (RESFRI_IS_EQUIPMENT_ITEM (self), FALSE);
  return self->owner != NULL;
}

/**
 * resfri_equipment_item_matches:
 * @folded_text: (nullable): a search text folded with g_utf8_casefold()
 *
 * Returns: whether the tag, model, holder (address or name) or site
 *   contains @folded_text; always for an empty text
 */
gboolean
resfri_equipment_item_matches (ResfriEquipmentItem *self,
                               const char          *folded_text)
{
  g_return_val_if_fail (RESFRI_IS_EQUIPMENT_ITEM (self), FALSE);

  if (folded_text == NULL || folded_text[0] == '\0')
    return TRUE;

  return self->search_key != NULL && strstr (self->search_key, folded_text) != NULL;
}

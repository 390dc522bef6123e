/* resfri-equipment-view-private.h
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What resfri-equipment-view.c (the view) and
 * resfri-equipment-view-actions.c (its actions on items) share.
 */

#pragma once

#include <adwaita.h>

#include "resfri-equipment-item.h"
#include "resfri-equipment-view.h"
#include "resfri-item-list.h"
#include "resfri-store.h"

G_BEGIN_DECLS

/* The equipment view: the inventory (a GtkColumnView over
 * GtkSingleSelection > GtkFilterListModel > ResfriItemList) with search and
 * filters, actions on the selected item through resfri-inventory.h, adding
 * and importing items, and the people without a personal headset or camera
 * per unit. The inventory is read the first time the view is shown. The
 * dialogs are classes of their own: resfri-item-dialog (add, edit),
 * resfri-assign-dialog and resfri-history-dialog. */
struct _ResfriEquipmentView
{
  AdwBin              parent_instance;

  /* Template widgets */
  GtkStack           *section_stack;
  GtkSearchEntry     *search_entry;
  GtkDropDown        *type_dropdown;
  GtkDropDown        *state_dropdown;
  GtkDropDown        *pool_dropdown;
  GtkStack           *items_stack;
  GtkSpinner         *spinner;
  GtkColumnView      *items_view;
  GtkActionBar       *action_bar;
  GtkLabel           *item_label;
  GtkLabel           *item_tag_label;
  GtkToggleButton    *ok_button;
  GtkToggleButton    *broken_button;
  GtkToggleButton    *retired_button;
  GtkStack           *gaps_stack;
  GtkColumnView      *gaps_view;

  ResfriStore        *store;
  ResfriItemList     *items;
  GtkCustomFilter    *filter;
  GtkFilterListModel *filter_model;
  GtkSingleSelection *selection;
  GtkStringList      *types;          /* "All types", then the kinds, sorted */
  GPtrArray          *kinds;          /* the raw kinds, for types[1..] */
  GtkNoSelection     *gaps_selection;
  GtkListStore       *completions;    /* "Name <email>", email */
  GCancellable       *cancellable;
  char               *search_folded;
  guint               loaded : 1;
  guint               loading : 1;
  guint               updating_state : 1;
};

void                 _resfri_equipment_view_toast_error         (ResfriEquipmentView *self,
                                                                 const char          *format,
                                                                 const GError        *error);
ResfriEquipmentItem *_resfri_equipment_view_get_selected        (ResfriEquipmentView *self);
void                 _resfri_equipment_view_item_changed        (ResfriEquipmentView *self,
                                                                 const char          *tag);
void                 _resfri_equipment_view_load_items          (ResfriEquipmentView *self);
void                 _resfri_equipment_view_load_gaps           (ResfriEquipmentView *self);
void                 _resfri_equipment_view_people_loaded_cb    (GObject             *object,
                                                                 GAsyncResult        *result,
                                                                 gpointer             user_data);
void                 _resfri_equipment_view_class_actions_init  (GtkWidgetClass      *widget_class);

G_END_DECLS

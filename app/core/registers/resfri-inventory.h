/* resfri-inventory.h
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * IT's one-item-at-a-time inventory work: add an item, hand it to a person,
 * take it back into the loan pool, change its state, read its history.
 * Each call is one transaction. The history is written by the database's
 * triggers (resfri-store.c), never by this code.
 */

#pragma once

#include <gio/gio.h>

#include "resfri-store.h"

G_BEGIN_DECLS

typedef enum
{
  RESFRI_ITEM_STATE_OK,
  RESFRI_ITEM_STATE_BROKEN,
  RESFRI_ITEM_STATE_RETIRED,
} ResfriItemState;

typedef enum
{
  RESFRI_ITEM_ACTION_ADDED,
  RESFRI_ITEM_ACTION_ASSIGNED,
  RESFRI_ITEM_ACTION_RETURNED,
  RESFRI_ITEM_ACTION_STATE,
  RESFRI_ITEM_ACTION_MOVED,
  RESFRI_ITEM_ACTION_EDITED,
} ResfriItemAction;

#define RESFRI_TYPE_ITEM (resfri_item_get_type ())
#define RESFRI_TYPE_ITEM_EVENT (resfri_item_event_get_type ())

/**
 * ResfriItem:
 * @tag: the asset tag
 * @type: the equipment type's name ("headset")
 * @site: the code of the site the item is at
 * @owner: (nullable): the holder's email; %NULL for a loan item
 * @model: (nullable): the model
 * @cost: the purchase cost in SEK, or NAN when unknown
 * @state: ok, broken or retired
 * @email: (nullable): the item's own address, which a meeting's
 *   ATTENDEE;CUTYPE=RESOURCE names to reserve it
 *
 * One equipment item as stored.
 */
typedef struct
{
  char            *tag;
  char            *type;
  char            *site;
  char            *owner;
  char            *model;
  double           cost;
  ResfriItemState  state;
  char            *email;
} ResfriItem;

/**
 * ResfriItemEvent:
 * @at: when, in UTC
 * @action: what happened
 * @holder: (nullable): the holder's email after the change
 * @site: (nullable): the code of the item's site after the change
 * @state: the item's state after the change
 * @detail: (nullable): added: the model; assigned, returned: the former
 *   holder's email; state: the former state; moved: the former site's
 *   code; edited: "field: old → new" for each field that changed, joined
 *   by "; "
 *
 * One entry of an item's history.
 */
typedef struct
{
  GDateTime        *at;
  ResfriItemAction  action;
  char             *holder;
  char             *site;
  ResfriItemState   state;
  char             *detail;
} ResfriItemEvent;

GType             resfri_item_get_type              (void) G_GNUC_CONST;
ResfriItem       *resfri_item_copy                  (const ResfriItem  *item);
void              resfri_item_free                  (ResfriItem        *item);

GType             resfri_item_event_get_type        (void) G_GNUC_CONST;
ResfriItemEvent  *resfri_item_event_copy            (const ResfriItemEvent *event);
void              resfri_item_event_free            (ResfriItemEvent   *event);

const char       *resfri_item_state_to_string       (ResfriItemState    state);
gboolean          resfri_item_state_from_string     (const char        *text,
                                                     ResfriItemState   *state);
const char       *resfri_item_state_get_label       (ResfriItemState    state);
const char       *resfri_item_action_to_string      (ResfriItemAction   action);
gboolean          resfri_item_action_from_string    (const char        *text,
                                                     ResfriItemAction  *action);
const char       *resfri_item_action_get_label      (ResfriItemAction   action);

ResfriItem       *resfri_inventory_get_item         (ResfriStore       *store,
                                                     const char        *tag,
                                                     GError           **error);
ResfriItem       *resfri_inventory_add              (ResfriStore       *store,
                                                     const char        *tag,
                                                     const char        *type,
                                                     const char        *site,
                                                     const char        *owner,
                                                     const char        *model,
                                                     double             cost,
                                                     GError           **error);
ResfriItem       *resfri_inventory_add_with_email   (ResfriStore       *store,
                                                     const char        *tag,
                                                     const char        *type,
                                                     const char        *site,
                                                     const char        *owner,
                                                     const char        *model,
                                                     double             cost,
                                                     const char        *email,
                                                     GError           **error);
ResfriItem       *resfri_inventory_edit             (ResfriStore       *store,
                                                     const char        *tag,
                                                     const char        *new_tag,
                                                     const char        *type,
                                                     const char        *site,
                                                     const char        *model,
                                                     double             cost,
                                                     GError           **error);
ResfriItem       *resfri_inventory_assign           (ResfriStore       *store,
                                                     const char        *tag,
                                                     const char        *email,
                                                     GError           **error);
ResfriItem       *resfri_inventory_return           (ResfriStore       *store,
                                                     const char        *tag,
                                                     GError           **error);
ResfriItem       *resfri_inventory_set_state        (ResfriStore       *store,
                                                     const char        *tag,
                                                     ResfriItemState    state,
                                                     GError           **error);
GPtrArray        *resfri_inventory_get_history      (ResfriStore       *store,
                                                     const char        *tag,
                                                     GError           **error);

/* The follow-up's equipment figures of one unit: its people, those who own
 * a working headset and camera, and the missing (person, type) pairs. */
typedef void (*ResfriUnitEquipmentFunc) (gint64    unit_id,
                                         guint     employees,
                                         guint     equipped,
                                         guint     open_gaps,
                                         gpointer  user_data);

/* The figures of every unit with people, from one query. */
gboolean _resfri_inventory_foreach_unit_equipment (ResfriStore              *store,
                                                   ResfriUnitEquipmentFunc   func,
                                                   gpointer                  user_data,
                                                   GError                  **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ResfriItem, resfri_item_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ResfriItemEvent, resfri_item_event_free)

G_END_DECLS

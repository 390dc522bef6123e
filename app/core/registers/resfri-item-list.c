/* resfri-item-list.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "resfri-error.h"
#include "resfri-inventory-private.h"
#include "resfri-item-list.h"

/* A GListModel of the whole inventory (ResfriEquipmentItem), by tag. A
 * full load reads on a worker thread with its own connection; after an
 * action on one item, resfri_item_list_refresh_item() reads that row
 * again and updates the same object, so selections stay where they are. */
struct _ResfriItemList
{
  GObject     parent_instance;

  GPtrArray  *items;
  /* tag -> position + 1 */
  GHashTable *positions;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (ResfriItemList, resfri_item_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static GType
get_item_type (GListModel *model)
{
  return RESFRI_TYPE_EQUIPMENT_ITEM;
}

static guint
get_n_items (GListModel *model)
{
  return RESFRI_ITEM_LIST (model)->items->len;
}

static gpointer
get_item (GListModel *model,
          guint       position)
{
  ResfriItemList *self = RESFRI_ITEM_LIST (model);

  if (position >= self->items->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (self->items, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

static gboolean
set_from_row (ResfriEquipmentItem      *item,
              const ResfriInventoryRow *row)
{
  ResfriItemState state = RESFRI_ITEM_STATE_OK;

  /* The schema's CHECK allows only the three known states. */
  resfri_item_state_from_string (row->state, &state);

  return _resfri_equipment_item_set (item, row->tag, row->type, row->model, row->site_code,
                                     row->site_name, row->owner_email, row->owner_name, state,
                                     row->cost);
}

static void
add_row (const ResfriInventoryRow *row,
         gpointer                  user_data)
{
  GPtrArray *items = user_data;
  ResfriEquipmentItem *item = _resfri_equipment_item_new ();

  set_from_row (item, row);
  g_ptr_array_add (items, item);
}

static GPtrArray *
read_items (ResfriStore   *store,
            GCancellable  *cancellable,
            GError       **error)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

  if (!_resfri_inventory_read_rows (store, NULL, add_row, items, NULL, cancellable, error))
    return NULL;

  return g_steal_pointer (&items);
}

static void
replace_items (ResfriItemList *self,
               GPtrArray      *items)
{
  guint removed = self->items->len;

  g_ptr_array_unref (self->items);
  self->items = g_ptr_array_ref (items);

  g_hash_table_remove_all (self->positions);
  for (guint i = 0; i < items->len; i++)
    g_hash_table_insert (self->positions,
                         (gpointer)resfri_equipment_item_get_tag (g_ptr_array_index (items, i)),
                         GUINT_TO_POINTER (i + 1));

  if (removed != 0 || items->len != 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, items->len);
}

static void
resfri_item_list_finalize (GObject *object)
{
  ResfriItemList *self = (ResfriItemList *)object;

  g_clear_pointer (&self->positions, g_hash_table_unref);
  g_clear_pointer (&self->items, g_ptr_array_unref);

  G_OBJECT_CLASS (resfri_item_list_parent_class)->finalize (object);
}

static void
resfri_item_list_class_init (ResfriItemListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = resfri_item_list_finalize;
}

static void
resfri_item_list_init (ResfriItemList *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
  self->positions = g_hash_table_new (g_str_hash, g_str_equal);
}

ResfriItemList *
resfri_item_list_new (void)
{
  return g_object_new (RESFRI_TYPE_ITEM_LIST, NULL);
}

/**
 * resfri_item_list_load:
 *
 * Replaces the items with the inventory, on the calling thread. On error
 * the items are left as they were.
 */
gboolean
resfri_item_list_load (ResfriItemList  *self,
                       ResfriStore     *store,
                       GCancellable    *cancellable,
                       GError         **error)
{
  g_autoptr(GPtrArray) items = NULL;

  g_return_val_if_fail (RESFRI_IS_ITEM_LIST (self), FALSE);
  g_return_val_if_fail (RESFRI_IS_STORE (store), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!(items = read_items (store, cancellable, error)))
    return FALSE;

  replace_items (self, items);
  return TRUE;
}

static void
load_worker (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  g_autoptr(ResfriStore) worker = NULL;
  GPtrArray *items = NULL;
  GError *error = NULL;

  if (!(worker = resfri_store_open (task_data, &error)) ||
      !(items = read_items (worker, cancellable, &error)))
    {
      g_task_return_error (task, error);
      return;
    }

  g_task_return_pointer (task, items, (GDestroyNotify)g_ptr_array_unref);
}

/**
 * resfri_item_list_load_async:
 *
 * Like resfri_item_list_load(), reading on a worker thread with a
 * connection of its own; the items are replaced by
 * resfri_item_list_load_finish().
 */
void
resfri_item_list_load_async (ResfriItemList      *self,
                             ResfriStore         *store,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (RESFRI_IS_ITEM_LIST (self));
  g_return_if_fail (RESFRI_IS_STORE (store));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, resfri_item_list_load_async);
  g_task_set_task_data (task, g_strdup (resfri_store_get_path (store)), g_free);
  g_task_run_in_thread (task, load_worker);
}

gboolean
resfri_item_list_load_finish (ResfriItemList  *self,
                              GAsyncResult    *result,
                              GError         **error)
{
  g_autoptr(GPtrArray) items = NULL;

  g_return_val_if_fail (RESFRI_IS_ITEM_LIST (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  if (!(items = g_task_propagate_pointer (G_TASK (result), error)))
    return FALSE;

  replace_items (self, items);
  return TRUE;
}

/**
 * resfri_item_list_find:
 * @position: (out) (optional): where the item is
 *
 * Returns: whether the item tagged @tag is in the list
 */
gboolean
resfri_item_list_find (ResfriItemList *self,
                       const char     *tag,
                       guint          *position)
{
  guint value;

  g_return_val_if_fail (RESFRI_IS_ITEM_LIST (self), FALSE);
  g_return_val_if_fail (tag != NULL, FALSE);

  value = GPOINTER_TO_UINT (g_hash_table_lookup (self->positions, tag));
  if (value == 0)
    return FALSE;

  if (position != NULL)
    *position = value - 1;
  return TRUE;
}

/**
 * resfri_item_list_refresh_item:
 *
 * Reads the item tagged @tag again and updates its object in the list,
 * emitting items-changed for its position when anything changed. An item
 * that is not in the list yet (just added) is not inserted: load the list
 * again for that.
 *
 * Returns: %FALSE and @error (%RESFRI_ERROR_NOT_FOUND when the item is
 *   neither in the list nor in the store)
 */
typedef struct
{
  ResfriItemList *self;
  guint           position;
  const char     *tag;
  gboolean        changed;
} Refresh;

static void
refresh_row (const ResfriInventoryRow *row,
             gpointer                  user_data)
{
  Refresh *refresh = user_data;
  ResfriEquipmentItem *item = g_ptr_array_index (refresh->self->items, refresh->position);

  /* The hash table's key is the item's tag string: the tag itself never
   * changes, but the string is replaced; re-key it. */
  g_hash_table_remove (refresh->self->positions, refresh->tag);
  refresh->changed = set_from_row (item, row);
  g_hash_table_insert (refresh->self->positions, (gpointer)resfri_equipment_item_get_tag (item),
                       GUINT_TO_POINTER (refresh->position + 1));
}

gboolean
resfri_item_list_refresh_item (ResfriItemList  *self,
                               ResfriStore     *store,
                               const char      *tag,
                               GError         **error)
{
  Refresh refresh = { self, 0, tag, FALSE };
  guint n_rows = 0;

  g_return_val_if_fail (RESFRI_IS_ITEM_LIST (self), FALSE);
  g_return_val_if_fail (RESFRI_IS_STORE (store), FALSE);
  g_return_val_if_fail (tag != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!resfri_item_list_find (self, tag, &refresh.position))
    {
      g_set_error (error, RESFRI_ERROR, RESFRI_ERROR_NOT_FOUND,
                   _("No item is tagged “%s”"), tag);
      return FALSE;
    }

  if (!_resfri_inventory_read_rows (store, tag, refresh_row, &refresh, &n_rows, NULL, error))
    return FALSE;

  if (n_rows == 0)
    {
      g_set_error (error, RESFRI_ERROR, RESFRI_ERROR_NOT_FOUND,
                   _("No item is tagged “%s”"), tag);
      return FALSE;
    }

  if (refresh.changed)
    g_list_model_items_changed (G_LIST_MODEL (self), refresh.position, 1, 1);
  return TRUE;
}

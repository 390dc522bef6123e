/* resfri-equipment-view.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "resfri-assign-dialog.h"
#include "resfri-equipment-view-private.h"
#include "resfri-history-dialog.h"
#include "resfri-inventory.h"
#include "resfri-item-dialog.h"
#include "resfri-item-labels.h"
#include "resfri-item-list.h"
#include "resfri-person.h"
#include "resfri-register.h"
#include "resfri-unit-gap.h"
#include "resfri-view.h"
#include "resfri-widget-util.h"


static void resfri_equipment_view_view_iface_init (ResfriViewInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (ResfriEquipmentView, resfri_equipment_view, ADW_TYPE_BIN,
                               G_IMPLEMENT_INTERFACE (RESFRI_TYPE_VIEW, resfri_equipment_view_view_iface_init))

/* ResfriView */

static void
view_set_store (ResfriView  *view,
                ResfriStore *store)
{
  resfri_equipment_view_set_store (RESFRI_EQUIPMENT_VIEW (view), store);
}

static void
view_reload (ResfriView *view)
{
  resfri_equipment_view_reload (RESFRI_EQUIPMENT_VIEW (view));
}

static gboolean
view_focus_search (ResfriView *view)
{
  resfri_equipment_view_focus_search (RESFRI_EQUIPMENT_VIEW (view));
  return TRUE;
}

static void
resfri_equipment_view_view_iface_init (ResfriViewInterface *iface)
{
  iface->set_store = view_set_store;
  iface->reload = view_reload;
  iface->focus_search = view_focus_search;
}

enum {
  POOL_ALL,
  POOL_PERSONAL,
  POOL_LOAN,
};

/* Helpers */

void
_resfri_equipment_view_toast_error (ResfriEquipmentView *self,
             const char          *format,
             const GError        *error)
{
  g_autofree char *markup = g_markup_printf_escaped (format, error->message);

  resfri_widget_add_toast (GTK_WIDGET (self), markup);
}

ResfriEquipmentItem *
_resfri_equipment_view_get_selected (ResfriEquipmentView *self)
{
  return gtk_single_selection_get_selected_item (self->selection);
}

static void
update_items_page (ResfriEquipmentView *self)
{
  if (!self->loaded)
    return;

  if (g_list_model_get_n_items (G_LIST_MODEL (self->items)) == 0)
    resfri_stack_show_page (self->items_stack, "empty");
  else if (g_list_model_get_n_items (G_LIST_MODEL (self->filter_model)) == 0 &&
           !gtk_filter_list_model_get_pending (self->filter_model))
    resfri_stack_show_page (self->items_stack, "no-results");
  else
    resfri_stack_show_page (self->items_stack, "list");
}

/* The action bar follows the selected item. */
static void
update_selected (ResfriEquipmentView *self)
{
  ResfriEquipmentItem *item = _resfri_equipment_view_get_selected (self);
  GtkToggleButton *state_button;

  gtk_action_bar_set_revealed (self->action_bar, item != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "equipment.assign",
                                 item != NULL &&
                                 resfri_equipment_item_get_state (item) != RESFRI_ITEM_STATE_RETIRED);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "equipment.return",
                                 item != NULL && resfri_equipment_item_is_personal (item));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "equipment.history", item != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "equipment.edit", item != NULL);

  if (item == NULL)
    return;

  {
    g_autofree char *text = NULL;

    /* Translators: the selected item in the action bar: tag and type, as in
     * "VBG-H-0042 · Headset" */
    text = g_strdup_printf (_("%s · %s"), resfri_equipment_item_get_tag (item),
                            resfri_item_kind_label (resfri_equipment_item_get_kind (item)));
    gtk_label_set_text (self->item_label, text);
    gtk_label_set_text (self->item_tag_label, resfri_equipment_item_get_tag (item));
  }

  switch (resfri_equipment_item_get_state (item))
    {
    case RESFRI_ITEM_STATE_BROKEN:
      state_button = self->broken_button;
      break;

    case RESFRI_ITEM_STATE_RETIRED:
      state_button = self->retired_button;
      break;

    case RESFRI_ITEM_STATE_OK:
    default:
      state_button = self->ok_button;
      break;
    }

  self->updating_state = TRUE;
  gtk_toggle_button_set_active (state_button, TRUE);
  self->updating_state = FALSE;
}

/* After an action on one item: read it again (its row follows), and the
 * people without equipment, which may have changed. */
void
_resfri_equipment_view_item_changed (ResfriEquipmentView *self,
              const char          *tag)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *owned_tag = g_strdup (tag);

  if (!resfri_item_list_refresh_item (self->items, self->store, owned_tag, &error))
    _resfri_equipment_view_toast_error (self, _("Cannot read the item again: %s"), error);

  update_selected (self);
  _resfri_equipment_view_load_gaps (self);
}

/* g_ptr_array_sort() passes pointers to the elements. */
static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(char * const *)a, *(char * const *)b);
}

static void
rebuild_types (ResfriEquipmentView *self)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) kinds = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *selected = NULL;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->items));
  guint position = 0;

  if (gtk_drop_down_get_selected (self->type_dropdown) > 0 &&
      gtk_drop_down_get_selected (self->type_dropdown) <= self->kinds->len)
    selected = g_strdup (g_ptr_array_index (self->kinds,
                                            gtk_drop_down_get_selected (self->type_dropdown) - 1));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ResfriEquipmentItem) item = g_list_model_get_item (G_LIST_MODEL (self->items), i);
      const char *kind = resfri_equipment_item_get_kind (item);

      if (!g_hash_table_contains (seen, kind))
        {
          g_ptr_array_add (kinds, g_strdup (kind));
          g_hash_table_add (seen, g_ptr_array_index (kinds, kinds->len - 1));
        }
    }
  g_ptr_array_sort (kinds, compare_strings);

  g_ptr_array_unref (self->kinds);
  self->kinds = g_steal_pointer (&kinds);

  {
    g_autoptr(GPtrArray) labels = g_ptr_array_new ();

    g_ptr_array_add (labels, (char *)_("All types"));
    for (guint i = 0; i < self->kinds->len; i++)
      {
        g_ptr_array_add (labels, (char *)resfri_item_kind_label (g_ptr_array_index (self->kinds, i)));
        if (g_strcmp0 (selected, g_ptr_array_index (self->kinds, i)) == 0)
          position = i + 1;
      }
    g_ptr_array_add (labels, NULL);

    gtk_string_list_splice (self->types, 0,
                            g_list_model_get_n_items (G_LIST_MODEL (self->types)),
                            (const char * const *)labels->pdata);
  }
  gtk_drop_down_set_selected (self->type_dropdown, position);
}

static gboolean
filter_item (gpointer item,
             gpointer user_data)
{
  ResfriEquipmentView *self = user_data;
  ResfriEquipmentItem *equipment = item;
  guint type = gtk_drop_down_get_selected (self->type_dropdown);
  guint state = gtk_drop_down_get_selected (self->state_dropdown);
  guint pool = gtk_drop_down_get_selected (self->pool_dropdown);

  if (type > 0 && type <= self->kinds->len &&
      g_strcmp0 (resfri_equipment_item_get_kind (equipment),
                 g_ptr_array_index (self->kinds, type - 1)) != 0)
    return FALSE;

  /* 0 is any state; then the states in ResfriItemState's order. */
  if (state > 0 && state != GTK_INVALID_LIST_POSITION &&
      resfri_equipment_item_get_state (equipment) != (ResfriItemState)(state - 1))
    return FALSE;

  if (pool == POOL_PERSONAL && !resfri_equipment_item_is_personal (equipment))
    return FALSE;
  if (pool == POOL_LOAN && resfri_equipment_item_is_personal (equipment))
    return FALSE;

  return resfri_equipment_item_matches (equipment, self->search_folded);
}

/* Loading */

static void
items_loaded_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(ResfriEquipmentView) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!resfri_item_list_load_finish (RESFRI_ITEM_LIST (object), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      _resfri_equipment_view_toast_error (self, _("Cannot read the inventory: %s"), error);
    }

  self->loading = FALSE;
  self->loaded = TRUE;
  gtk_spinner_stop (self->spinner);
  rebuild_types (self);
  update_items_page (self);
  update_selected (self);
}

void
_resfri_equipment_view_load_items (ResfriEquipmentView *self)
{
  if (self->store == NULL)
    return;

  if (!self->loaded)
    {
      gtk_spinner_start (self->spinner);
      resfri_stack_show_page (self->items_stack, "loading");
    }

  self->loading = TRUE;
  resfri_item_list_load_async (self->items, self->store, self->cancellable,
                               items_loaded_cb, g_object_ref (self));
}

static void
gaps_loaded_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(ResfriEquipmentView) self = user_data;
  g_autoptr(GListModel) gaps = NULL;
  g_autoptr(GError) error = NULL;

  if (!(gaps = resfri_unit_gap_list_finish (RESFRI_STORE (object), result, &error)))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        _resfri_equipment_view_toast_error (self, _("Cannot read who lacks equipment: %s"), error);
      return;
    }

  gtk_no_selection_set_model (self->gaps_selection, gaps);
  resfri_stack_show_page (self->gaps_stack, g_list_model_get_n_items (gaps) > 0 ? "list" : "empty");
}

void
_resfri_equipment_view_load_gaps (ResfriEquipmentView *self)
{
  if (self->store == NULL)
    return;

  resfri_unit_gap_list_async (self->store, self->cancellable, gaps_loaded_cb,
                              g_object_ref (self));
}

/* Callbacks */

static void
on_filters_changed_cb (ResfriEquipmentView *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  g_clear_pointer (&self->search_folded, g_free);
  if (text[0] != '\0')
    self->search_folded = g_utf8_casefold (text, -1);

  if (self->filter != NULL)
    gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
}

static void
on_stop_search_cb (ResfriEquipmentView *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
}

static void
on_section_changed_cb (ResfriEquipmentView *self)
{
  const char *name = gtk_stack_get_visible_child_name (self->section_stack);

  /* The stack switcher shows the page; screen readers should see only it. */
  if (name != NULL)
    resfri_stack_show_page (self->section_stack, name);
}

/* The toast's Undo: the item goes back to the state it had. */
static void
on_undo_retire_cb (ResfriEquipmentView *self,
                   AdwToast            *toast)
{
  const char *tag = g_object_get_data (G_OBJECT (toast), "tag");
  ResfriItemState state = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (toast), "state"));
  g_autoptr(ResfriItem) changed = NULL;
  g_autoptr(GError) error = NULL;

  if (self->store == NULL || tag == NULL)
    return;

  if (!(changed = resfri_inventory_set_state (self->store, tag, state, &error)))
    {
      _resfri_equipment_view_toast_error (self, _("Cannot change the item’s state: %s"), error);
      return;
    }

  _resfri_equipment_view_item_changed (self, changed->tag);
}

static void
on_state_toggled_cb (ResfriEquipmentView *self,
                     GtkToggleButton     *button)
{
  ResfriEquipmentItem *item = _resfri_equipment_view_get_selected (self);
  g_autoptr(ResfriItem) changed = NULL;
  g_autoptr(GError) error = NULL;
  ResfriItemState state;
  ResfriItemState previous;

  if (self->updating_state || item == NULL || !gtk_toggle_button_get_active (button))
    return;

  if (button == self->broken_button)
    state = RESFRI_ITEM_STATE_BROKEN;
  else if (button == self->retired_button)
    state = RESFRI_ITEM_STATE_RETIRED;
  else
    state = RESFRI_ITEM_STATE_OK;

  if (state == resfri_equipment_item_get_state (item))
    return;

  previous = resfri_equipment_item_get_state (item);
  if (!(changed = resfri_inventory_set_state (self->store, resfri_equipment_item_get_tag (item),
                                              state, &error)))
    {
      _resfri_equipment_view_toast_error (self, _("Cannot change the item’s state: %s"), error);
      update_selected (self);
      return;
    }

  _resfri_equipment_view_item_changed (self, changed->tag);

  /* Retiring takes an item out of use: it can be undone from the toast. */
  if (state == RESFRI_ITEM_STATE_RETIRED)
    {
      GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
      g_autofree char *markup = NULL;
      AdwToast *toast;

      /* Translators: %s is an asset tag */
      markup = g_markup_printf_escaped (_("Retired %s"), changed->tag);
      toast = adw_toast_new (markup);
      adw_toast_set_button_label (toast, _("_Undo"));
      adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
      g_object_set_data_full (G_OBJECT (toast), "tag", g_strdup (changed->tag), g_free);
      g_object_set_data (G_OBJECT (toast), "state", GINT_TO_POINTER (previous));
      g_signal_connect_object (toast, "button-clicked", G_CALLBACK (on_undo_retire_cb), self,
                               G_CONNECT_SWAPPED);
      if (overlay != NULL)
        adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
      else
        g_object_unref (toast);
    }
}

static void
on_filter_items_changed_cb (ResfriEquipmentView *self)
{
  update_items_page (self);
}

static void
on_map_cb (ResfriEquipmentView *self)
{
  if (!self->loaded && !self->loading)
    {
      _resfri_equipment_view_load_items (self);
      _resfri_equipment_view_load_gaps (self);
      if (self->completions == NULL)
        resfri_person_list_async (self->store, self->cancellable, _resfri_equipment_view_people_loaded_cb,
                                  g_object_ref (self));
    }
}

/* Columns */

typedef enum
{
  COLUMN_TAG,
  COLUMN_TYPE,
  COLUMN_MODEL,
  COLUMN_SITE,
  COLUMN_HOLDER,
  COLUMN_STATE,
  COLUMN_UNIT,
  COLUMN_PEOPLE,
  COLUMN_NO_HEADSET,
  COLUMN_NO_CAMERA,
} Column;

static void
setup_cell_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  user_data)
{
  Column column = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (factory), "column"));
  GtkWidget *inscription = gtk_inscription_new (NULL);

  gtk_inscription_set_text_overflow (GTK_INSCRIPTION (inscription),
                                     GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
  if (column >= COLUMN_PEOPLE)
    {
      gtk_inscription_set_xalign (GTK_INSCRIPTION (inscription), 1.0);
      gtk_widget_add_css_class (inscription, "numeric");
    }
  gtk_list_item_set_child (list_item, inscription);
}

static void
bind_cell_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              gpointer                  user_data)
{
  Column column = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (factory), "column"));
  GtkInscription *inscription = GTK_INSCRIPTION (gtk_list_item_get_child (list_item));
  gpointer object = gtk_list_item_get_item (list_item);
  g_autofree char *owned = NULL;
  const char *text = NULL;

  gtk_widget_remove_css_class (GTK_WIDGET (inscription), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (inscription), "dim-label");

  switch (column)
    {
    case COLUMN_TAG:
      text = resfri_equipment_item_get_tag (object);
      break;

    case COLUMN_TYPE:
      text = resfri_item_kind_label (resfri_equipment_item_get_kind (object));
      break;

    case COLUMN_MODEL:
      text = resfri_equipment_item_get_model (object);
      break;

    case COLUMN_SITE:
      if (resfri_equipment_item_get_site_name (object) != NULL)
        owned = g_strdup_printf ("%s (%s)", resfri_equipment_item_get_site_name (object),
                                 resfri_equipment_item_get_site_code (object));
      else
        text = resfri_equipment_item_get_site_code (object);
      break;

    case COLUMN_HOLDER:
      if (resfri_equipment_item_is_personal (object))
        {
          text = resfri_equipment_item_get_owner_name (object);
          if (text == NULL)
            text = resfri_equipment_item_get_owner (object);
        }
      else
        {
          text = _("Loan pool");
          gtk_widget_add_css_class (GTK_WIDGET (inscription), "dim-label");
        }
      break;

    case COLUMN_STATE:
      text = resfri_item_state_label (resfri_equipment_item_get_state (object));
      if (resfri_equipment_item_get_state (object) == RESFRI_ITEM_STATE_BROKEN)
        gtk_widget_add_css_class (GTK_WIDGET (inscription), "error");
      else if (resfri_equipment_item_get_state (object) == RESFRI_ITEM_STATE_RETIRED)
        gtk_widget_add_css_class (GTK_WIDGET (inscription), "dim-label");
      break;

    case COLUMN_UNIT:
      text = resfri_unit_gap_get_unit (object);
      break;

    case COLUMN_PEOPLE:
      owned = g_strdup_printf ("%u", resfri_unit_gap_get_n_people (object));
      break;

    case COLUMN_NO_HEADSET:
      owned = g_strdup_printf ("%u", resfri_unit_gap_get_no_headset (object));
      break;

    case COLUMN_NO_CAMERA:
      owned = g_strdup_printf ("%u", resfri_unit_gap_get_no_camera (object));
      break;

    default:
      g_assert_not_reached ();
    }

  gtk_inscription_set_text (inscription, owned != NULL ? owned : (text != NULL ? text : ""));
}

static void
add_column (GtkColumnView *view,
            Column         column,
            const char    *title,
            int            fixed_width,
            gboolean       expand)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkColumnViewColumn) view_column = NULL;

  g_object_set_data (G_OBJECT (factory), "column", GINT_TO_POINTER (column));
  g_signal_connect (factory, "setup", G_CALLBACK (setup_cell_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cell_cb), NULL);

  view_column = gtk_column_view_column_new (title, g_steal_pointer (&factory));
  gtk_column_view_column_set_resizable (view_column, TRUE);
  gtk_column_view_column_set_expand (view_column, expand);
  if (fixed_width > 0)
    gtk_column_view_column_set_fixed_width (view_column, fixed_width);
  gtk_column_view_append_column (view, view_column);
}

static void
resfri_equipment_view_dispose (GObject *object)
{
  ResfriEquipmentView *self = (ResfriEquipmentView *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  gtk_widget_dispose_template (GTK_WIDGET (self), RESFRI_TYPE_EQUIPMENT_VIEW);

  g_clear_object (&self->selection);
  g_clear_object (&self->filter_model);
  g_clear_object (&self->filter);
  g_clear_object (&self->items);
  g_clear_object (&self->types);
  g_clear_object (&self->gaps_selection);
  g_clear_object (&self->completions);

  G_OBJECT_CLASS (resfri_equipment_view_parent_class)->dispose (object);
}

static void
resfri_equipment_view_finalize (GObject *object)
{
  ResfriEquipmentView *self = (ResfriEquipmentView *)object;

  g_clear_object (&self->store);
  g_clear_pointer (&self->kinds, g_ptr_array_unref);
  g_clear_pointer (&self->search_folded, g_free);

  G_OBJECT_CLASS (resfri_equipment_view_parent_class)->finalize (object);
}

static void
resfri_equipment_view_class_init (ResfriEquipmentViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = resfri_equipment_view_dispose;
  object_class->finalize = resfri_equipment_view_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/se/resfri/Resfri/ui/resfri-equipment-view.ui");
  gtk_widget_class_bind_template_child (widget_class, ResfriEquipmentView, section_stack);
  gtk_widget_class_bind_template_child (widget_class, ResfriEquipmentView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, ResfriEquipmentView, type_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ResfriEquipmentView, state_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ResfriEquipmentView, pool_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ResfriEquipmentView, items_stack);
  gtk_widget_class_bind_template_child (widget_class, ResfriEquipmentView, spinner);
  gtk_widget_class_bind_template_child (widget_class, ResfriEquipmentView, items_view);
  gtk_widget_class_bind_template_child (widget_class, ResfriEquipmentView, action_bar);
  gtk_widget_class_bind_template_child (widget_class, ResfriEquipmentView, item_label);
  gtk_widget_class_bind_template_child (widget_class, ResfriEquipmentView, item_tag_label);
  gtk_widget_class_bind_template_child (widget_class, ResfriEquipmentView, ok_button);
  gtk_widget_class_bind_template_child (widget_class, ResfriEquipmentView, broken_button);
  gtk_widget_class_bind_template_child (widget_class, ResfriEquipmentView, retired_button);
  gtk_widget_class_bind_template_child (widget_class, ResfriEquipmentView, gaps_stack);
  gtk_widget_class_bind_template_child (widget_class, ResfriEquipmentView, gaps_view);
  gtk_widget_class_bind_template_callback (widget_class, on_filters_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_section_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_state_toggled_cb);

  _resfri_equipment_view_class_actions_init (widget_class);

}

static void
resfri_equipment_view_init (ResfriEquipmentView *self)
{
  static const char *states[] = { N_("Any state"), NULL, NULL, NULL, NULL };
  static const char *pools[] = { N_("Personal and loan pool"), N_("Personal"), N_("Loan pool"), NULL };
  const char *labels[5];

  gtk_widget_init_template (GTK_WIDGET (self));

  self->kinds = g_ptr_array_new_with_free_func (g_free);
  self->cancellable = g_cancellable_new ();

  self->types = gtk_string_list_new ((const char * const []) { _("All types"), NULL });
  gtk_drop_down_set_model (self->type_dropdown, G_LIST_MODEL (self->types));

  labels[0] = _(states[0]);
  labels[1] = resfri_item_state_label (RESFRI_ITEM_STATE_OK);
  labels[2] = resfri_item_state_label (RESFRI_ITEM_STATE_BROKEN);
  labels[3] = resfri_item_state_label (RESFRI_ITEM_STATE_RETIRED);
  labels[4] = NULL;
  {
    g_autoptr(GtkStringList) list = gtk_string_list_new (labels);
    gtk_drop_down_set_model (self->state_dropdown, G_LIST_MODEL (list));
  }
  labels[0] = _(pools[0]);
  labels[1] = _(pools[1]);
  labels[2] = _(pools[2]);
  labels[3] = NULL;
  {
    g_autoptr(GtkStringList) list = gtk_string_list_new (labels);
    gtk_drop_down_set_model (self->pool_dropdown, G_LIST_MODEL (list));
  }

  self->items = resfri_item_list_new ();
  self->filter = gtk_custom_filter_new (filter_item, self, NULL);
  self->filter_model = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->items)),
                                                  g_object_ref (GTK_FILTER (self->filter)));
  /* Not incremental: an incremental filter model removes a changed item
   * first and adds it back later, which loses the selection after every
   * action on the selected item. Filtering 100 000 items takes a few
   * milliseconds. */
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->filter_model)));
  g_signal_connect_object (self->filter_model, "items-changed",
                           G_CALLBACK (on_filter_items_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->filter_model, "notify::pending",
                           G_CALLBACK (on_filter_items_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->selection, "notify::selected-item",
                           G_CALLBACK (update_selected), self, G_CONNECT_SWAPPED);

  add_column (self->items_view, COLUMN_TAG, _("Tag"), 110, FALSE);
  add_column (self->items_view, COLUMN_TYPE, _("Type"), 120, FALSE);
  add_column (self->items_view, COLUMN_MODEL, _("Model"), -1, TRUE);
  add_column (self->items_view, COLUMN_SITE, _("Site"), 160, FALSE);
  add_column (self->items_view, COLUMN_HOLDER, _("Holder"), 170, FALSE);
  add_column (self->items_view, COLUMN_STATE, _("State"), 90, FALSE);
  gtk_column_view_set_model (self->items_view, GTK_SELECTION_MODEL (self->selection));

  self->gaps_selection = gtk_no_selection_new (NULL);
  add_column (self->gaps_view, COLUMN_UNIT, _("Unit"), -1, TRUE);
  add_column (self->gaps_view, COLUMN_PEOPLE, _("People"), 100, FALSE);
  add_column (self->gaps_view, COLUMN_NO_HEADSET, _("Without headset"), 150, FALSE);
  add_column (self->gaps_view, COLUMN_NO_CAMERA, _("Without camera"), 150, FALSE);
  gtk_column_view_set_model (self->gaps_view, GTK_SELECTION_MODEL (self->gaps_selection));

  g_signal_connect (self, "map", G_CALLBACK (on_map_cb), NULL);

  resfri_stack_show_page (self->items_stack, "loading");
  resfri_stack_show_page (self->gaps_stack, "list");
  on_section_changed_cb (self);
  update_selected (self);
}

/* Public API */

void
resfri_equipment_view_set_store (ResfriEquipmentView *self,
                                 ResfriStore         *store)
{
  g_return_if_fail (RESFRI_IS_EQUIPMENT_VIEW (self));
  g_return_if_fail (!store || RESFRI_IS_STORE (store));

  if (!g_set_object (&self->store, store))
    return;

  self->loaded = FALSE;
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    on_map_cb (self);
}

/* Reads the inventory again when it has been read before; otherwise it is
 * read when the view is first shown. */
void
resfri_equipment_view_reload (ResfriEquipmentView *self)
{
  g_return_if_fail (RESFRI_IS_EQUIPMENT_VIEW (self));

  if (self->loaded)
    {
      _resfri_equipment_view_load_items (self);
      _resfri_equipment_view_load_gaps (self);
    }
}

void
resfri_equipment_view_focus_search (ResfriEquipmentView *self)
{
  g_return_if_fail (RESFRI_IS_EQUIPMENT_VIEW (self));

  gtk_stack_set_visible_child_name (self->section_stack, "inventory");
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

/* The inventory filtered by @text: an item's tag or a person's address (a
 * search's result). */
void
resfri_equipment_view_show_search (ResfriEquipmentView *self,
                                   const char          *text)
{
  g_return_if_fail (RESFRI_IS_EQUIPMENT_VIEW (self));
  g_return_if_fail (text != NULL);

  gtk_stack_set_visible_child_name (self->section_stack, "inventory");
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text);
}

/* resfri-equipment-view-actions.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Equipment view's actions: assign, return, history, add, edit and
 * import, each through its dialog and resfri-inventory.h.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "resfri-assign-dialog.h"
#include "resfri-bookings.h"
#include "resfri-equipment-view-private.h"
#include "resfri-history-dialog.h"
#include "resfri-inventory.h"
#include "resfri-item-dialog.h"
#include "resfri-people-dialog.h"
#include "resfri-person.h"
#include "resfri-register.h"
#include "resfri-widget-util.h"

/* Assign */

void
_resfri_equipment_view_people_loaded_cb (GObject      *object,
                                         GAsyncResult *result,
                                         gpointer      user_data)
{
  g_autoptr(ResfriEquipmentView) self = user_data;
  g_autoptr(GListModel) people = NULL;
  g_autoptr(GError) error = NULL;
  GtkListStore *completions;
  guint n;

  if (!(people = resfri_person_list_finish (RESFRI_STORE (object), result, &error)))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        _resfri_equipment_view_toast_error (self, _("Cannot read the people register: %s"), error);
      return;
    }

  /* Filled before any completion uses it: a store attached to a
   * completion would refilter on every row. */
  completions = gtk_list_store_new (2, G_TYPE_STRING, G_TYPE_STRING);
  n = g_list_model_get_n_items (people);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ResfriPerson) person = g_list_model_get_item (people, i);
      g_autofree char *text = NULL;

      text = g_strdup_printf ("%s <%s>", resfri_person_get_name (person),
                              resfri_person_get_email (person));
      gtk_list_store_insert_with_values (completions, NULL, -1,
                                         0, text,
                                         1, resfri_person_get_email (person),
                                         -1);
    }

  g_clear_object (&self->completions);
  self->completions = completions;
}

static void
on_assign_response_cb (ResfriAssignDialog  *dialog,
                       const char          *response,
                       ResfriEquipmentView *self)
{
  g_autoptr(ResfriItem) changed = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *email = NULL;

  if (g_strcmp0 (response, "assign") != 0)
    return;

  email = resfri_assign_dialog_dup_email (dialog);
  if (!(changed = resfri_inventory_assign (self->store, resfri_assign_dialog_get_tag (dialog),
                                           email, &error)))
    {
      _resfri_equipment_view_toast_error (self, _("Cannot assign the item: %s"), error);
      return;
    }

  _resfri_equipment_view_item_changed (self, changed->tag);
}

static void
assign_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  ResfriEquipmentView *self = RESFRI_EQUIPMENT_VIEW (widget);
  ResfriEquipmentItem *item = _resfri_equipment_view_get_selected (self);
  GtkWidget *dialog;

  if (item == NULL)
    return;

  dialog = resfri_assign_dialog_new (resfri_widget_get_window (GTK_WIDGET (self)), resfri_equipment_item_get_tag (item),
                                     GTK_TREE_MODEL (self->completions));
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_assign_response_cb), self, 0);

  gtk_window_present (GTK_WINDOW (dialog));
}

/* Return */

static void
return_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  ResfriEquipmentView *self = RESFRI_EQUIPMENT_VIEW (widget);
  ResfriEquipmentItem *item = _resfri_equipment_view_get_selected (self);
  g_autoptr(ResfriItem) changed = NULL;
  g_autoptr(GError) error = NULL;

  if (item == NULL)
    return;

  if (!(changed = resfri_inventory_return (self->store, resfri_equipment_item_get_tag (item),
                                           &error)))
    {
      _resfri_equipment_view_toast_error (self, _("Cannot return the item: %s"), error);
      return;
    }

  _resfri_equipment_view_item_changed (self, changed->tag);
}

/* History */

typedef struct
{
  ResfriEquipmentView *view;
  char                *tag;
} HistoryData;

static void
history_data_free (HistoryData *data)
{
  g_object_unref (data->view);
  g_free (data->tag);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (HistoryData, history_data_free)

/* The bookings ahead have come (read on a worker: they include the
 * calendar's reservations): the history, then the dialog. */
static void
history_upcoming_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(HistoryData) data = user_data;
  ResfriEquipmentView *self = data->view;
  g_autoptr(GPtrArray) bookings = NULL;
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(GPtrArray) upcoming = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  GtkWidget *dialog;

  if (!(bookings = resfri_bookings_list_finish (RESFRI_STORE (object), result, &error)))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        _resfri_equipment_view_toast_error (self, _("Cannot read the item’s bookings: %s"), error);
      return;
    }
  if (self->store == NULL || gtk_widget_get_root (GTK_WIDGET (self)) == NULL)
    return;
  if (!(history = resfri_inventory_get_history (self->store, data->tag, &error)))
    {
      _resfri_equipment_view_toast_error (self, _("Cannot read the item’s history: %s"), error);
      return;
    }
  for (guint i = 0; i < bookings->len; i++)
    {
      ResfriBooking *booking = g_ptr_array_index (bookings, i);

      if (booking->kind == RESFRI_BOOKING_ITEM && g_strcmp0 (booking->resource, data->tag) == 0)
        g_ptr_array_add (upcoming, booking);
    }

  dialog = resfri_history_dialog_new (resfri_widget_get_window (GTK_WIDGET (self)), data->tag,
                                      history, upcoming);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
history_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  ResfriEquipmentView *self = RESFRI_EQUIPMENT_VIEW (widget);
  ResfriEquipmentItem *item = _resfri_equipment_view_get_selected (self);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) later = g_date_time_add_weeks (now, RESFRI_HISTORY_DIALOG_WEEKS);
  HistoryData *data;

  if (item == NULL || self->store == NULL)
    return;

  data = g_new0 (HistoryData, 1);
  data->view = g_object_ref (self);
  data->tag = g_strdup (resfri_equipment_item_get_tag (item));
  resfri_bookings_list_async (self->store, g_date_time_to_unix (now), g_date_time_to_unix (later),
                              self->cancellable, history_upcoming_cb, data);
}

/* Add */

static void
on_add_response_cb (ResfriItemDialog    *dialog,
                    const char          *response,
                    ResfriEquipmentView *self)
{
  g_autoptr(ResfriItem) added = NULL;
  g_autoptr(GError) error = NULL;
  const char *cost_text;
  double cost = 0;

  if (g_strcmp0 (response, "add") != 0)
    return;

  /* An empty cost is 0 here, not unknown. */
  cost_text = resfri_item_dialog_get_field (dialog, RESFRI_ITEM_FIELD_COST);
  if (!resfri_item_dialog_get_cost (dialog, &cost))
    {
      g_autofree char *markup = NULL;

      markup = g_markup_printf_escaped (_("Cannot add the item: “%s” is not a cost in SEK"),
                                        cost_text);
      resfri_widget_add_toast (GTK_WIDGET (self), markup);
      return;
    }
  if (cost_text == NULL)
    cost = 0;

  added = resfri_inventory_add (self->store,
                                resfri_item_dialog_get_field (dialog, RESFRI_ITEM_FIELD_TAG),
                                resfri_item_dialog_get_field (dialog, RESFRI_ITEM_FIELD_TYPE),
                                resfri_item_dialog_get_field (dialog, RESFRI_ITEM_FIELD_SITE),
                                resfri_item_dialog_get_field (dialog, RESFRI_ITEM_FIELD_OWNER),
                                resfri_item_dialog_get_field (dialog, RESFRI_ITEM_FIELD_MODEL),
                                cost,
                                &error);
  if (added == NULL)
    {
      _resfri_equipment_view_toast_error (self, _("Cannot add the item: %s"), error);
      return;
    }

  {
    g_autofree char *markup = NULL;

    /* Translators: %s is an asset tag */
    markup = g_markup_printf_escaped (_("Added %s"), added->tag);
    resfri_widget_add_toast (GTK_WIDGET (self), markup);
  }

  _resfri_equipment_view_load_items (self);
  _resfri_equipment_view_load_gaps (self);
}

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  ResfriEquipmentView *self = RESFRI_EQUIPMENT_VIEW (widget);
  GtkWidget *dialog;

  if (self->store == NULL)
    return;

  dialog = resfri_item_dialog_new_add (resfri_widget_get_window (GTK_WIDGET (self)));
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_add_response_cb), self, 0);

  gtk_window_present (GTK_WINDOW (dialog));
}

/* Edit */

static void
on_edit_response_cb (ResfriItemDialog    *dialog,
                     const char          *response,
                     ResfriEquipmentView *self)
{
  const char *tag = resfri_item_dialog_get_tag (dialog);
  const char *cost_text = resfri_item_dialog_get_field (dialog, RESFRI_ITEM_FIELD_COST);
  g_autoptr(ResfriItem) edited = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *markup = NULL;
  double cost;

  if (g_strcmp0 (response, "save") != 0 || self->store == NULL)
    return;

  if (!resfri_item_dialog_get_cost (dialog, &cost))
    {
      markup = g_markup_printf_escaped (_("Cannot change the item: “%s” is not a cost in SEK"),
                                        cost_text);
      resfri_widget_add_toast (GTK_WIDGET (self), markup);
      return;
    }

  edited = resfri_inventory_edit (self->store, tag,
                                  resfri_item_dialog_get_field (dialog, RESFRI_ITEM_FIELD_TAG),
                                  resfri_item_dialog_get_field (dialog, RESFRI_ITEM_FIELD_TYPE),
                                  resfri_item_dialog_get_field (dialog, RESFRI_ITEM_FIELD_SITE),
                                  resfri_item_dialog_get_field (dialog, RESFRI_ITEM_FIELD_MODEL),
                                  cost,
                                  &error);
  if (edited == NULL)
    {
      _resfri_equipment_view_toast_error (self, _("Cannot change the item: %s"), error);
      return;
    }

  /* Translators: %s is an asset tag */
  markup = g_markup_printf_escaped (_("Saved %s"), edited->tag);
  resfri_widget_add_toast (GTK_WIDGET (self), markup);

  /* A new tag is a new row; otherwise only the row changes. */
  if (g_strcmp0 (tag, edited->tag) == 0)
    _resfri_equipment_view_item_changed (self, edited->tag);
  else
    _resfri_equipment_view_load_items (self);
  _resfri_equipment_view_load_gaps (self);
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  ResfriEquipmentView *self = RESFRI_EQUIPMENT_VIEW (widget);
  ResfriEquipmentItem *selected = _resfri_equipment_view_get_selected (self);
  g_autoptr(ResfriItem) item = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *dialog;

  if (self->store == NULL || selected == NULL)
    return;

  if (!(item = resfri_inventory_get_item (self->store, resfri_equipment_item_get_tag (selected),
                                          &error)))
    {
      _resfri_equipment_view_toast_error (self, _("Cannot read the item again: %s"), error);
      return;
    }

  dialog = resfri_item_dialog_new_edit (resfri_widget_get_window (GTK_WIDGET (self)), item);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_edit_response_cb), self, 0);

  gtk_window_present (GTK_WINDOW (dialog));
}

/* Import */

static void
import_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(ResfriEquipmentView) self = user_data;
  g_autoptr(GError) error = NULL;
  ResfriRegisterStats stats = { 0 };
  g_autofree char *markup = NULL;

  if (!resfri_register_import_file_finish (RESFRI_STORE (object), result, &stats, &error))
    {
      /* The message names the file and line ("items.csv:12: …"). */
      _resfri_equipment_view_toast_error (self, _("Nothing was imported: %s"), error);
      return;
    }

  /* Translators: after a CSV import; the counts of rows */
  markup = g_markup_printf_escaped (_("Imported %u rows: %u new, %u updated, %u unchanged"),
                                    stats.rows, stats.inserted, stats.updated, stats.unchanged);
  resfri_widget_add_toast (GTK_WIDGET (self), markup);

  _resfri_equipment_view_load_items (self);
  _resfri_equipment_view_load_gaps (self);
}

static void
on_import_chooser_response_cb (GtkNativeDialog     *chooser,
                               int                  response,
                               ResfriEquipmentView *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (file != NULL && self->store != NULL)
        resfri_register_import_file_async (self->store, RESFRI_REGISTER_INVENTORY, file,
                                           self->cancellable, import_cb, g_object_ref (self));
    }

  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  ResfriEquipmentView *self = RESFRI_EQUIPMENT_VIEW (widget);
  g_autoptr(GtkFileFilter) csv = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();
  GtkFileChooserNative *chooser;

  if (self->store == NULL)
    return;

  chooser = gtk_file_chooser_native_new (_("Import Inventory"), resfri_widget_get_window (GTK_WIDGET (self)),
                                         GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Import"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);

  gtk_file_filter_set_name (csv, _("CSV files"));
  gtk_file_filter_add_mime_type (csv, "text/csv");
  gtk_file_filter_add_suffix (csv, "csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), csv);
  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), all);

  g_signal_connect_object (chooser, "response",
                           G_CALLBACK (on_import_chooser_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* People: access and erasure (spec/privacy.md) */

static void
on_person_erased_cb (ResfriEquipmentView *self)
{
  /* Their items are in the pool now, and the register has one fewer. */
  _resfri_equipment_view_load_items (self);
  _resfri_equipment_view_load_gaps (self);
  resfri_person_list_async (self->store, self->cancellable, _resfri_equipment_view_people_loaded_cb,
                            g_object_ref (self));
}

static void
people_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  ResfriEquipmentView *self = RESFRI_EQUIPMENT_VIEW (widget);
  GtkWidget *dialog;

  if (self->store == NULL)
    return;
  dialog = resfri_people_dialog_new (resfri_widget_get_window (widget), self->store);
  g_signal_connect_object (dialog, "person-erased", G_CALLBACK (on_person_erased_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
_resfri_equipment_view_class_actions_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "equipment.people", NULL, people_action);
  gtk_widget_class_install_action (widget_class, "equipment.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "equipment.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "equipment.assign", NULL, assign_action);
  gtk_widget_class_install_action (widget_class, "equipment.return", NULL, return_action);
  gtk_widget_class_install_action (widget_class, "equipment.history", NULL, history_action);
  gtk_widget_class_install_action (widget_class, "equipment.edit", NULL, edit_action);
}

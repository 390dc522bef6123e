/* resfri-registers-dialog.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Import Registers: a row per register of spec/cli.md (sites, people,
 * rooms, distances, inventory), each file chosen through
 * GtkFileChooserNative, and Import, which stores them all in one
 * transaction with the core's resfri_register_import_files() (the CLI's
 * import of each file, together). An error is shown as the CLI says it,
 * FILE:LINE: what, and nothing is written.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "resfri-register.h"
#include "resfri-registers-dialog.h"

/* The order of the import: what the later ones refer to comes first. */
static const ResfriRegister import_order[] = {
  RESFRI_REGISTER_SITES,
  RESFRI_REGISTER_PEOPLE,
  RESFRI_REGISTER_ROOMS,
  RESFRI_REGISTER_DISTANCES,
  RESFRI_REGISTER_INVENTORY,
};

struct _ResfriRegistersDialog
{
  AdwWindow             parent_instance;

  AdwPreferencesGroup  *files_group;
  GtkButton            *import_button;
  GtkButton            *cancel_button;
  GtkLabel             *error_label;

  ResfriStore          *store;
  GCancellable         *cancellable;
  AdwActionRow         *rows[RESFRI_N_REGISTERS];
  GFile                *files[RESFRI_N_REGISTERS];
};

G_DEFINE_FINAL_TYPE (ResfriRegistersDialog, resfri_registers_dialog, ADW_TYPE_WINDOW)

enum {
  IMPORTED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

static const char *
register_title (ResfriRegister kind)
{
  switch (kind)
    {
    case RESFRI_REGISTER_SITES:
      return _("Sites");
    case RESFRI_REGISTER_PEOPLE:
      return _("People");
    case RESFRI_REGISTER_ROOMS:
      return _("Rooms");
    case RESFRI_REGISTER_DISTANCES:
      return _("Distances");
    case RESFRI_REGISTER_INVENTORY:
    default:
      return _("Inventory");
    }
}

static void
update_import_button (ResfriRegistersDialog *self)
{
  gboolean any = FALSE;

  for (guint i = 0; i < RESFRI_N_REGISTERS; i++)
    any |= self->files[i] != NULL;
  gtk_widget_set_sensitive (GTK_WIDGET (self->import_button), any && self->cancellable == NULL);
}

static void
set_file (ResfriRegistersDialog *self,
          ResfriRegister         kind,
          GFile                 *file)
{
  g_autofree char *name = NULL;

  g_set_object (&self->files[kind], file);
  name = g_file_get_parse_name (file);
  adw_action_row_set_subtitle (self->rows[kind], name);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  update_import_button (self);
}

static void
on_chooser_response_cb (GtkNativeDialog       *dialog,
                        int                    response,
                        ResfriRegistersDialog *self)
{
  ResfriRegister kind = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (dialog), "register"));

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      if (file != NULL)
        set_file (self, kind, file);
    }

  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

static void
on_choose_clicked_cb (GtkButton             *button,
                      ResfriRegistersDialog *self)
{
  ResfriRegister kind = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "register"));
  g_autoptr(GtkFileFilter) csv = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();
  g_autofree char *title = NULL;
  GtkFileChooserNative *dialog;

  /* Translators: the title of the file chooser, with a register's name */
  title = g_strdup_printf (_("Choose the %s File"), register_title (kind));
  dialog = gtk_file_chooser_native_new (title, GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_OPEN,
                                        _("_Choose"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  gtk_file_filter_set_name (csv, _("CSV Files"));
  gtk_file_filter_add_mime_type (csv, "text/csv");
  gtk_file_filter_add_suffix (csv, "csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), csv);
  gtk_file_filter_set_name (all, _("All Files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), all);

  g_object_set_data (G_OBJECT (dialog), "register", GUINT_TO_POINTER (kind));
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_chooser_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
import_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(ResfriRegistersDialog) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!resfri_register_import_files_finish (RESFRI_STORE (object), result, NULL, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_clear_object (&self->cancellable);
      /* Translators: the error names FILE:LINE as resfri-cli does */
      g_autofree char *text = g_strdup_printf (_("Nothing was imported. %s"), error->message);
      gtk_label_set_text (self->error_label, text);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      update_import_button (self);
      return;
    }

  g_clear_object (&self->cancellable);
  g_signal_emit (self, signals[IMPORTED], 0);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
on_import_clicked_cb (ResfriRegistersDialog *self)
{
  ResfriRegister kinds[RESFRI_N_REGISTERS];
  GFile *files[RESFRI_N_REGISTERS];
  guint n = 0;

  for (guint i = 0; i < G_N_ELEMENTS (import_order); i++)
    if (self->files[import_order[i]] != NULL)
      {
        kinds[n] = import_order[i];
        files[n++] = self->files[import_order[i]];
      }
  if (n == 0 || self->cancellable != NULL)
    return;

  self->cancellable = g_cancellable_new ();
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  update_import_button (self);
  resfri_register_import_files_async (self->store, kinds, files, n, self->cancellable,
                                      import_cb, g_object_ref (self));
}

static void
add_rows (ResfriRegistersDialog *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (import_order); i++)
    {
      ResfriRegister kind = import_order[i];
      g_autofree char *name = NULL;
      AdwActionRow *row;
      GtkWidget *button;

      row = ADW_ACTION_ROW (adw_action_row_new ());
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), register_title (kind));
      adw_action_row_set_subtitle (row, _("No file chosen"));

      button = gtk_button_new_with_label (_("Choose…"));
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      /* Translators: the accessible name of a row's button, with a register's name */
      name = g_strdup_printf (_("Choose the %s File"), register_title (kind));
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      name, -1);
      g_object_set_data (G_OBJECT (button), "register", GUINT_TO_POINTER (kind));
      g_signal_connect_object (button, "clicked", G_CALLBACK (on_choose_clicked_cb), self, 0);
      adw_action_row_add_suffix (row, button);

      self->rows[kind] = row;
      adw_preferences_group_add (self->files_group, GTK_WIDGET (row));
    }
}

static void
resfri_registers_dialog_dispose (GObject *object)
{
  ResfriRegistersDialog *self = (ResfriRegistersDialog *)object;

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  for (guint i = 0; i < RESFRI_N_REGISTERS; i++)
    g_clear_object (&self->files[i]);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (resfri_registers_dialog_parent_class)->dispose (object);
}

static void
resfri_registers_dialog_class_init (ResfriRegistersDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = resfri_registers_dialog_dispose;

  signals[IMPORTED] = g_signal_new ("imported", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/se/resfri/Resfri/ui/resfri-registers-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, ResfriRegistersDialog, files_group);
  gtk_widget_class_bind_template_child (widget_class, ResfriRegistersDialog, import_button);
  gtk_widget_class_bind_template_child (widget_class, ResfriRegistersDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, ResfriRegistersDialog, error_label);
  gtk_widget_class_bind_template_callback (widget_class, on_import_clicked_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
resfri_registers_dialog_init (ResfriRegistersDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* GTK 4.8 names a button with a mnemonic after both its raw label and
   * the label inside it; keep the second. */
  gtk_accessible_reset_property (GTK_ACCESSIBLE (self->import_button),
                                 GTK_ACCESSIBLE_PROPERTY_LABEL);
  gtk_accessible_reset_property (GTK_ACCESSIBLE (self->cancel_button),
                                 GTK_ACCESSIBLE_PROPERTY_LABEL);
  add_rows (self);
}

GtkWidget *
resfri_registers_dialog_new (GtkWindow   *parent,
                             ResfriStore *store)
{
  ResfriRegistersDialog *self;

  g_return_val_if_fail (RESFRI_IS_STORE (store), NULL);

  self = g_object_new (RESFRI_TYPE_REGISTERS_DIALOG, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  return GTK_WIDGET (self);
}

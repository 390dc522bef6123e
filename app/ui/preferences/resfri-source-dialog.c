/* resfri-source-dialog.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* "Add Account": a CalDAV account (address, user, password, an optional
 * people template) or a published feed (address, name). Test asks the
 * server, on a worker thread, which calendars there are and lists them, or
 * says clearly what went wrong; only a tested source can be added. Add
 * keeps the password in the keyring (or, without one, in a file only the
 * user can read: resfri-sync-async.c), stores the source with its
 * calendars followed, emits ::added and closes. */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "resfri-sync-async.h"
#include "resfri-source-dialog.h"

struct _ResfriSourceDialog
{
  AdwWindow       parent_instance;

  /* Template widgets */
  GtkButton      *cancel_button;
  GtkButton      *add_button;
  GtkToggleButton *caldav_button;
  GtkLabel       *help_label;
  GtkEntry       *url_entry;
  GtkLabel       *user_label;
  GtkEntry       *user_entry;
  GtkLabel       *password_label;
  GtkPasswordEntry *password_entry;
  GtkLabel       *template_label;
  GtkEntry       *template_entry;
  GtkLabel       *name_label;
  GtkEntry       *name_entry;
  GtkButton      *test_button;
  GtkSpinner     *spinner;
  GtkLabel       *status_label;
  GtkListBox     *found_list;

  ResfriStore    *store;
  GCancellable   *cancellable;
  guint           tested : 1;
  guint           busy : 1;
};

G_DEFINE_FINAL_TYPE (ResfriSourceDialog, resfri_source_dialog, ADW_TYPE_WINDOW)

enum {
  ADDED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

static gboolean
is_caldav (ResfriSourceDialog *self)
{
  return gtk_toggle_button_get_active (self->caldav_button);
}

static const char *
get_text (GtkEntry *entry)
{
  return gtk_editable_get_text (GTK_EDITABLE (entry));
}

/* The source as typed (strings borrowed from the entries). */
static void
fill_source (ResfriSourceDialog *self,
             ResfriSource       *source)
{
  const char *template = get_text (self->template_entry);
  const char *name = get_text (self->name_entry);

  memset (source, 0, sizeof *source);
  source->url = (char *) get_text (self->url_entry);
  if (is_caldav (self))
    {
      source->kind = (char *) "caldav";
      source->user = (char *) get_text (self->user_entry);
      source->people_template = template[0] != '\0' ? (char *) template : NULL;
    }
  else
    {
      source->kind = (char *) "url";
      source->name = name[0] != '\0' ? (char *) name : NULL;
    }
}

static void
set_status (ResfriSourceDialog *self,
            const char         *text,
            const char         *style)
{
  gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "success");
  if (style != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->status_label), style);
  gtk_label_set_text (self->status_label, text != NULL ? text : "");
}

static void
update_buttons (ResfriSourceDialog *self)
{
  gboolean filled = get_text (self->url_entry)[0] != '\0' &&
                    (!is_caldav (self) || get_text (self->user_entry)[0] != '\0');

  gtk_widget_set_sensitive (GTK_WIDGET (self->test_button), filled && !self->busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->add_button), filled && self->tested && !self->busy);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), self->busy);
  gtk_spinner_set_spinning (self->spinner, self->busy);
}

static void
clear_found (ResfriSourceDialog *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->found_list))) != NULL)
    gtk_list_box_remove (self->found_list, child);
  gtk_widget_set_visible (GTK_WIDGET (self->found_list), FALSE);
}

static void
on_changed_cb (ResfriSourceDialog *self)
{
  /* What was tested is no longer what is typed. */
  if (self->tested)
    {
      self->tested = FALSE;
      clear_found (self);
      set_status (self, NULL, NULL);
    }
  update_buttons (self);
}

static void
update_kind (ResfriSourceDialog *self)
{
  gboolean caldav = is_caldav (self);

  gtk_widget_set_visible (GTK_WIDGET (self->user_label), caldav);
  gtk_widget_set_visible (GTK_WIDGET (self->user_entry), caldav);
  gtk_widget_set_visible (GTK_WIDGET (self->password_label), caldav);
  gtk_widget_set_visible (GTK_WIDGET (self->password_entry), caldav);
  gtk_widget_set_visible (GTK_WIDGET (self->template_label), caldav);
  gtk_widget_set_visible (GTK_WIDGET (self->template_entry), caldav);
  gtk_widget_set_visible (GTK_WIDGET (self->name_label), !caldav);
  gtk_widget_set_visible (GTK_WIDGET (self->name_entry), !caldav);
  gtk_entry_set_placeholder_text (self->url_entry, caldav ? "https://dav.example.org/"
                                                          : "webcal://example.org/calendar.ics");
  gtk_label_set_text (self->help_label,
                      caldav ? _("The server’s address or the account’s calendar home, as the "
                                 "provider gives it (Nextcloud: …/remote.php/dav/). Its calendars "
                                 "are followed; the password is kept in the keyring.")
                             : _("A published calendar (https:// or webcal://). It is read only: "
                                 "its meetings are fetched at every sync."));
  on_changed_cb (self);
}

static void
test_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(ResfriSourceDialog) self = user_data;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *status = NULL;

  found = resfri_sync_test_source_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->busy = FALSE;
  clear_found (self);
  if (found == NULL)
    {
      set_status (self, error->message, "error");
      update_buttons (self);
      return;
    }

  for (guint i = 0; i < found->len; i++)
    {
      const ResfriSourceFound *item = g_ptr_array_index (found, i);
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     item->name != NULL && item->name[0] != '\0' ? item->name
                                                                                 : item->href);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), item->href);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 1);
      gtk_list_box_append (self->found_list, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->found_list), TRUE);

  if (is_caldav (self))
    status = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "Found %u calendar; Add follows it",
                                           "Found %u calendars; Add follows them",
                                           found->len), found->len);
  else
    status = g_strdup (_("The feed is a calendar; Add follows it"));
  set_status (self, status, "success");
  self->tested = TRUE;
  update_buttons (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->add_button));
}

static void
on_test_clicked_cb (ResfriSourceDialog *self)
{
  g_autofree char *url = NULL;
  ResfriSource source;

  if (self->busy)
    return;
  fill_source (self, &source);
  source.url = url = g_strstrip (g_strdup (source.url));
  self->busy = TRUE;
  set_status (self, _("Asking the server…"), NULL);
  update_buttons (self);
  resfri_sync_test_source_async (&source,
                                 is_caldav (self) ? get_text (GTK_ENTRY (self->password_entry)) : NULL,
                                 self->cancellable, test_cb, g_object_ref (self));
}

static void
add_cb (GObject      *object,
        GAsyncResult *result,
        gpointer      user_data)
{
  g_autoptr(ResfriSourceDialog) self = user_data;
  g_autoptr(GPtrArray) missing = NULL;
  g_autoptr(GError) error = NULL;
  gboolean in_file = FALSE;
  gint64 id;

  id = resfri_sync_add_source_finish (RESFRI_STORE (object), result, &in_file, &missing, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->busy = FALSE;
  if (id < 0)
    {
      set_status (self, error->message, "error");
      update_buttons (self);
      return;
    }

  g_signal_emit (self, signals [ADDED], 0, id, in_file, missing != NULL ? missing->len : 0);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
on_add_clicked_cb (ResfriSourceDialog *self)
{
  g_autofree char *url = NULL;
  ResfriSource source;

  if (self->busy || !self->tested)
    return;
  fill_source (self, &source);
  source.url = url = g_strstrip (g_strdup (source.url));
  self->busy = TRUE;
  set_status (self, _("Adding the account…"), NULL);
  update_buttons (self);
  resfri_sync_add_source_async (self->store, &source,
                                is_caldav (self) ? get_text (GTK_ENTRY (self->password_entry)) : NULL,
                                self->cancellable, add_cb, g_object_ref (self));
}

static void
on_cancel_clicked_cb (ResfriSourceDialog *self)
{
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
resfri_source_dialog_dispose (GObject *object)
{
  ResfriSourceDialog *self = (ResfriSourceDialog *)object;

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), RESFRI_TYPE_SOURCE_DIALOG);

  G_OBJECT_CLASS (resfri_source_dialog_parent_class)->dispose (object);
}

static void
resfri_source_dialog_finalize (GObject *object)
{
  ResfriSourceDialog *self = (ResfriSourceDialog *)object;

  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (resfri_source_dialog_parent_class)->finalize (object);
}

static void
resfri_source_dialog_class_init (ResfriSourceDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = resfri_source_dialog_dispose;
  object_class->finalize = resfri_source_dialog_finalize;

  /**
   * ResfriSourceDialog::added:
   * @id: the new source
   * @in_file: its password is in a file, there being no keyring
   * @n_missing: people (of a people template) without a readable calendar
   */
  signals [ADDED] =
    g_signal_new ("added", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, G_TYPE_INT64, G_TYPE_BOOLEAN, G_TYPE_UINT);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/se/resfri/Resfri/ui/resfri-source-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, ResfriSourceDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, ResfriSourceDialog, add_button);
  gtk_widget_class_bind_template_child (widget_class, ResfriSourceDialog, caldav_button);
  gtk_widget_class_bind_template_child (widget_class, ResfriSourceDialog, help_label);
  gtk_widget_class_bind_template_child (widget_class, ResfriSourceDialog, url_entry);
  gtk_widget_class_bind_template_child (widget_class, ResfriSourceDialog, user_label);
  gtk_widget_class_bind_template_child (widget_class, ResfriSourceDialog, user_entry);
  gtk_widget_class_bind_template_child (widget_class, ResfriSourceDialog, password_label);
  gtk_widget_class_bind_template_child (widget_class, ResfriSourceDialog, password_entry);
  gtk_widget_class_bind_template_child (widget_class, ResfriSourceDialog, template_label);
  gtk_widget_class_bind_template_child (widget_class, ResfriSourceDialog, template_entry);
  gtk_widget_class_bind_template_child (widget_class, ResfriSourceDialog, name_label);
  gtk_widget_class_bind_template_child (widget_class, ResfriSourceDialog, name_entry);
  gtk_widget_class_bind_template_child (widget_class, ResfriSourceDialog, test_button);
  gtk_widget_class_bind_template_child (widget_class, ResfriSourceDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, ResfriSourceDialog, status_label);
  gtk_widget_class_bind_template_child (widget_class, ResfriSourceDialog, found_list);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, update_kind);
  gtk_widget_class_bind_template_callback (widget_class, on_test_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_add_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
resfri_source_dialog_init (ResfriSourceDialog *self)
{
  self->cancellable = g_cancellable_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  /* GTK 4.8 names a button with a mnemonic after both its raw label
   * ("_Test") and the label inside it ("Test"); keep the second. */
  gtk_accessible_reset_property (GTK_ACCESSIBLE (self->cancel_button), GTK_ACCESSIBLE_PROPERTY_LABEL);
  gtk_accessible_reset_property (GTK_ACCESSIBLE (self->add_button), GTK_ACCESSIBLE_PROPERTY_LABEL);
  gtk_accessible_reset_property (GTK_ACCESSIBLE (self->test_button), GTK_ACCESSIBLE_PROPERTY_LABEL);

  update_kind (self);
  gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->url_entry));
}

GtkWidget *
resfri_source_dialog_new (GtkWindow   *parent,
                          ResfriStore *store)
{
  ResfriSourceDialog *self;

  g_return_val_if_fail (RESFRI_IS_STORE (store), NULL);

  self = g_object_new (RESFRI_TYPE_SOURCE_DIALOG,
                       "transient-for", parent,
                       NULL);
  self->store = g_object_ref (store);
  return GTK_WIDGET (self);
}

/* resfri-audit-dialog.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Audit Log window (primary menu → Audit Log): the changes users made
 * (spec/privacy.md), newest first, one row each with the local time, what
 * was done, the acting user and the object; the period chooses how far
 * back. It reads the log on a worker (resfri_audit_list_async()) and only
 * shows: it changes nothing.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "resfri-audit.h"
#include "resfri-audit-dialog.h"

struct _ResfriAuditDialog
{
  AdwWindow       parent_instance;

  /* Template widgets */
  GtkDropDown    *period_dropdown;
  GtkStack       *stack;
  GtkSpinner     *spinner;
  AdwStatusPage  *error_page;
  GtkLabel       *summary_label;
  GtkListBox     *list;

  ResfriStore    *store;
  GCancellable   *cancellable;
};

G_DEFINE_FINAL_TYPE (ResfriAuditDialog, resfri_audit_dialog, ADW_TYPE_WINDOW)

/* The periods of the drop-down, in its order. */
enum
{
  PERIOD_WEEK,
  PERIOD_MONTH,
  PERIOD_YEAR,
  PERIOD_ALL,
};

static GtkWidget *
create_row (const ResfriAuditEntry *entry)
{
  g_autoptr(GDateTime) local = g_date_time_new_from_unix_local (entry->time);
  g_autofree char *when = local != NULL ? g_date_time_format (local, "%Y-%m-%d %H:%M") : NULL;
  g_autofree char *title = NULL;
  g_autoptr(GString) subtitle = g_string_new (NULL);
  g_autofree char *object = resfri_audit_describe_object (entry);
  g_autofree char *detail = resfri_audit_describe_detail (entry);
  GtkWidget *row = adw_action_row_new ();

  /* Translators: an audit log entry: a date and time, then what was done */
  title = g_strdup_printf (_("%s · %s"), when != NULL ? when : "?",
                           resfri_audit_describe_action (entry->action));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);

  /* Translators: who made a change, then the kind and id of what was
   * changed: "anna · item VBG-H-00012" */
  g_string_printf (subtitle, _("%s · %s %s"), entry->user,
                   resfri_audit_describe_kind (entry->object_kind), object);
  if (detail != NULL)
    g_string_append_printf (subtitle, " · %s", detail);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle->str);

  return row;
}

static void
clear_list (ResfriAuditDialog *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
}

static void
on_list_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(ResfriAuditDialog) self = user_data;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;

  entries = resfri_audit_list_finish (RESFRI_STORE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  gtk_spinner_stop (self->spinner);
  if (entries == NULL)
    {
      adw_status_page_set_description (self->error_page, error->message);
      gtk_stack_set_visible_child_name (self->stack, "error");
      return;
    }
  if (entries->len == 0)
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  clear_list (self);
  for (guint i = 0; i < entries->len; i++)
    gtk_list_box_append (self->list, create_row (g_ptr_array_index (entries, i)));

  if (entries->len >= RESFRI_AUDIT_DIALOG_LIMIT)
    {
      g_autofree char *text = NULL;

      /* Translators: %u is a number of changes, at least 2000 */
      text = g_strdup_printf (_("The latest %u changes; choose a shorter period, or use "
                                "resfri-cli audit for all of them."), entries->len);
      gtk_label_set_label (self->summary_label, text);
    }
  else
    {
      g_autofree char *text = NULL;

      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u change, newest first.",
                                           "%u changes, newest first.", entries->len),
                              entries->len);
      gtk_label_set_label (self->summary_label, text);
    }
  gtk_stack_set_visible_child_name (self->stack, "list");
}

static void
load (ResfriAuditDialog *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) since = NULL;
  gint64 from = G_MININT64;

  switch (gtk_drop_down_get_selected (self->period_dropdown))
    {
    case PERIOD_WEEK:
      since = g_date_time_add_days (now, -7);
      break;
    case PERIOD_MONTH:
      since = g_date_time_add_days (now, -30);
      break;
    case PERIOD_YEAR:
      since = g_date_time_add_months (now, -12);
      break;
    default:
      break;
    }
  if (since != NULL)
    from = g_date_time_to_unix (since);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  gtk_spinner_start (self->spinner);
  gtk_stack_set_visible_child_name (self->stack, "loading");
  resfri_audit_list_async (self->store, from, G_MAXINT64, TRUE, RESFRI_AUDIT_DIALOG_LIMIT,
                           self->cancellable, on_list_cb, g_object_ref (self));
}

static void
on_period_changed_cb (ResfriAuditDialog *self)
{
  if (self->store != NULL)
    load (self);
}

static void
on_reload_clicked_cb (ResfriAuditDialog *self)
{
  load (self);
}

static void
resfri_audit_dialog_dispose (GObject *object)
{
  ResfriAuditDialog *self = RESFRI_AUDIT_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (resfri_audit_dialog_parent_class)->dispose (object);
}

static void
resfri_audit_dialog_class_init (ResfriAuditDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = resfri_audit_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/se/resfri/Resfri/ui/resfri-audit-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, ResfriAuditDialog, period_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ResfriAuditDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, ResfriAuditDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, ResfriAuditDialog, error_page);
  gtk_widget_class_bind_template_child (widget_class, ResfriAuditDialog, summary_label);
  gtk_widget_class_bind_template_child (widget_class, ResfriAuditDialog, list);
  gtk_widget_class_bind_template_callback (widget_class, on_period_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_reload_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
resfri_audit_dialog_init (ResfriAuditDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
resfri_audit_dialog_new (GtkWindow   *parent,
                         ResfriStore *store)
{
  ResfriAuditDialog *self;

  g_return_val_if_fail (!parent || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (RESFRI_IS_STORE (store), NULL);

  self = g_object_new (RESFRI_TYPE_AUDIT_DIALOG,
                       "transient-for", parent,
                       NULL);
  self->store = g_object_ref (store);
  load (self);

  return GTK_WIDGET (self);
}

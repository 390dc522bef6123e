/* resfri-window-actions.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window's actions (win.*) and their shortcuts: reload, import
 * calendars, the audit log, new meeting, show a view, search, and step the
 * meetings' week.
 * The views are driven through ResfriView; only the week actions and the
 * search of the pages without one know the meetings view.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "resfri-audit-dialog.h"
#include "resfri-composer.h"
#include "resfri-rooms-view.h"
#include "resfri-window-private.h"

static void
resfri_window_reload_action (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *parameter)
{
  ResfriWindow *self = RESFRI_WINDOW (widget);

  _resfri_window_reload_counts (self);
  for (guint i = 0; i < self->views->len; i++)
    _resfri_window_reload_view (self, g_ptr_array_index (self->views, i));
}

static void
resfri_window_audit_log_action (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *parameter)
{
  ResfriWindow *self = RESFRI_WINDOW (widget);

  if (self->store == NULL)
    return;

  gtk_window_present (GTK_WINDOW (resfri_audit_dialog_new (GTK_WINDOW (self), self->store)));
}

static void
resfri_window_new_meeting_action (GtkWidget  *widget,
                                  const char *action_name,
                                  GVariant   *parameter)
{
  ResfriWindow *self = RESFRI_WINDOW (widget);

  if (self->store == NULL)
    return;

  gtk_window_present (GTK_WINDOW (resfri_composer_new (GTK_WINDOW (self), self->store)));
}

static void
on_import_response_cb (GtkNativeDialog *dialog,
                       int              response,
                       ResfriWindow    *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) list = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (dialog));
      g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);

      for (guint i = 0; i < g_list_model_get_n_items (list); i++)
        g_ptr_array_add (files, g_list_model_get_item (list, i));
      resfri_window_import_files (self, (GFile **) files->pdata, files->len);
    }

  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

static void
resfri_window_import_action (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *parameter)
{
  ResfriWindow *self = RESFRI_WINDOW (widget);
  GtkFileChooserNative *dialog;
  g_autoptr(GtkFileFilter) calendars = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  dialog = gtk_file_chooser_native_new (_("Import Calendars"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_OPEN,
                                        _("_Import"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (dialog), TRUE);

  gtk_file_filter_set_name (calendars, _("Calendars (.ics)"));
  gtk_file_filter_add_mime_type (calendars, "text/calendar");
  gtk_file_filter_add_suffix (calendars, "ics");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), calendars);
  gtk_file_filter_set_name (all, _("All Files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), all);

  g_signal_connect_object (dialog, "response", G_CALLBACK (on_import_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
resfri_window_show_view_action (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *parameter)
{
  ResfriWindow *self = RESFRI_WINDOW (widget);

  if (_resfri_window_has_views (self))
    adw_view_stack_set_visible_child_name (self->view_stack, g_variant_get_string (parameter, NULL));
}

static void
resfri_window_search_action (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *parameter)
{
  ResfriWindow *self = RESFRI_WINDOW (widget);
  GtkWidget *visible;

  if (!_resfri_window_has_views (self))
    return;

  visible = adw_view_stack_get_visible_child (self->view_stack);
  if (RESFRI_IS_VIEW (visible) && resfri_view_focus_search (RESFRI_VIEW (visible)))
    return;

  /* The overview and the views without a search have nothing to search:
   * search the meetings from there. */
  adw_view_stack_set_visible_child (self->view_stack, GTK_WIDGET (self->meetings_view));
  resfri_view_focus_search (RESFRI_VIEW (self->meetings_view));
}

/* Alt+Left/Right/Home step the meetings view's week, from any view but
 * Rooms, where they step Rooms' own day or week. */
static void
resfri_window_week_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  ResfriWindow *self = RESFRI_WINDOW (widget);
  GtkWidget *visible;

  if (!_resfri_window_has_views (self))
    return;

  visible = adw_view_stack_get_visible_child (self->view_stack);
  if (RESFRI_IS_ROOMS_VIEW (visible))
    {
      if (g_str_equal (action_name, "win.previous-week"))
        resfri_rooms_view_step (RESFRI_ROOMS_VIEW (visible), -1);
      else if (g_str_equal (action_name, "win.next-week"))
        resfri_rooms_view_step (RESFRI_ROOMS_VIEW (visible), 1);
      else
        resfri_rooms_view_show_today (RESFRI_ROOMS_VIEW (visible));
      return;
    }

  adw_view_stack_set_visible_child (self->view_stack, GTK_WIDGET (self->meetings_view));
  if (g_str_equal (action_name, "win.previous-week"))
    resfri_meetings_view_step_week (self->meetings_view, -1);
  else if (g_str_equal (action_name, "win.next-week"))
    resfri_meetings_view_step_week (self->meetings_view, 1);
  else
    resfri_meetings_view_show_today (self->meetings_view);
}

/* Go to Meeting (the Rooms view): the meeting's occurrence in Meetings. */
static void
resfri_window_show_meeting_action (GtkWidget  *widget,
                                   const char *action_name,
                                   GVariant   *parameter)
{
  ResfriWindow *self = RESFRI_WINDOW (widget);
  const char *uid;
  const char *recurrence_id;
  gint64 start;

  if (!_resfri_window_has_views (self))
    return;

  g_variant_get (parameter, "(&s&sx)", &uid, &recurrence_id, &start);
  adw_view_stack_set_visible_child (self->view_stack, GTK_WIDGET (self->meetings_view));
  resfri_meetings_view_show_occurrence (self->meetings_view, start, uid, recurrence_id);
}

void
_resfri_window_class_actions_init (ResfriWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_install_action (widget_class, "win.reload", NULL, resfri_window_reload_action);
  gtk_widget_class_install_action (widget_class, "win.import", NULL, resfri_window_import_action);
  gtk_widget_class_install_action (widget_class, "win.audit-log", NULL,
                                   resfri_window_audit_log_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "win.import", NULL);
  gtk_widget_class_install_action (widget_class, "win.new-meeting", NULL,
                                   resfri_window_new_meeting_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "win.new-meeting", NULL);
  gtk_widget_class_install_action (widget_class, "win.show-view", "s",
                                   resfri_window_show_view_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, resfri_window_search_action);
  gtk_widget_class_install_action (widget_class, "win.show-meeting", "(ssx)",
                                   resfri_window_show_meeting_action);
  gtk_widget_class_install_action (widget_class, "win.previous-week", NULL,
                                   resfri_window_week_action);
  gtk_widget_class_install_action (widget_class, "win.next-week", NULL,
                                   resfri_window_week_action);
  gtk_widget_class_install_action (widget_class, "win.this-week", NULL,
                                   resfri_window_week_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK,
                                       "win.previous-week", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, GDK_ALT_MASK,
                                       "win.next-week", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Home, GDK_ALT_MASK,
                                       "win.this-week", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1, GDK_ALT_MASK,
                                       "win.show-view", "s", "overview");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_2, GDK_ALT_MASK,
                                       "win.show-view", "s", "meetings");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_3, GDK_ALT_MASK,
                                       "win.show-view", "s", "equipment");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_6, GDK_ALT_MASK,
                                       "win.show-view", "s", "followup");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_4, GDK_ALT_MASK,
                                       "win.show-view", "s", "rooms");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_5, GDK_ALT_MASK,
                                       "win.show-view", "s", "gaps");
}

/* resfri-window-actions.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window's actions (win.*) and their shortcuts: reload, import
 * calendars, the audit log, new meeting, show a view or a search result
 * of GNOME Shell, search, and step the meetings' week; the first-run page's (try the demo, import registers,
 * add a calendar server), the shortcuts window (built the first time it
 * is asked for), and the notification of long work that ended while the
 * window was not focused.
 * The views are driven through ResfriView; only the week actions, the
 * search of the pages without one and the Shell's search results know the
 * views themselves.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "resfri-audit-dialog.h"
#include "resfri-composer.h"
#include "resfri-demo.h"
#include "resfri-equipment-view.h"
#include "resfri-occurrence-list.h"
#include "resfri-registers-dialog.h"
#include "resfri-rooms-view.h"
#include "resfri-source-dialog.h"
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

/* "Go to Meeting" from another view: (uid, recurrence-id, start). */
static void
resfri_window_show_occurrence_action (GtkWidget  *widget,
                                      const char *action_name,
                                      GVariant   *parameter)
{
  ResfriWindow *self = RESFRI_WINDOW (widget);
  ResfriMeetingsView *meetings;
  const char *uid;
  const char *recurrence_id;
  gint64 start;

  if (!_resfri_window_has_views (self))
    return;

  g_variant_get (parameter, "(&s&sx)", &uid, &recurrence_id, &start);
  meetings = _resfri_window_get_meetings_view (self);
  adw_view_stack_set_visible_child_name (self->view_stack, "meetings");
  resfri_meetings_view_show_occurrence (meetings, uid, recurrence_id, start);
}

/* A result of GNOME Shell's search ("meeting:UID", "person:ADDRESS",
 * "item:TAG", "room:CODE"): its view, showing it. */
static void
resfri_window_show_search_result_action (GtkWidget  *widget,
                                         const char *action_name,
                                         GVariant   *parameter)
{
  ResfriWindow *self = RESFRI_WINDOW (widget);
  const char *id = g_variant_get_string (parameter, NULL);
  const char *colon = strchr (id, ':');
  g_autofree char *kind = NULL;
  const char *key;

  /* A window just opened for it reads its counts first. */
  if (!self->loaded_once && self->store != NULL)
    {
      g_free (self->pending_result);
      self->pending_result = g_strdup (id);
      return;
    }
  if (!_resfri_window_has_views (self) || colon == NULL || self->store == NULL)
    return;
  kind = g_strndup (id, colon - id);
  key = colon + 1;

  if (g_str_equal (kind, "meeting"))
    {
      g_autofree char *recurrence_id = NULL;
      g_autoptr(GError) error = NULL;
      gint64 start = 0;

      if (resfri_occurrence_list_find_for_uid (self->store, key,
                                               g_get_real_time () / G_USEC_PER_SEC,
                                               &recurrence_id, &start, &error))
        gtk_widget_activate_action (widget, "win.show-occurrence", "(ssx)", key, recurrence_id,
                                    start);
      else
        adw_view_stack_set_visible_child_name (self->view_stack, "meetings");
    }
  else if (g_str_equal (kind, "person") || g_str_equal (kind, "item"))
    {
      ResfriView *view = _resfri_window_ensure_view (self, "equipment");

      adw_view_stack_set_visible_child_name (self->view_stack, "equipment");
      resfri_equipment_view_show_search (RESFRI_EQUIPMENT_VIEW (view), key);
    }
  else if (g_str_equal (kind, "room"))
    {
      ResfriView *view = _resfri_window_ensure_view (self, "rooms");

      adw_view_stack_set_visible_child_name (self->view_stack, "rooms");
      resfri_rooms_view_show_room (RESFRI_ROOMS_VIEW (view), key);
    }
}

static void
resfri_window_search_action (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *parameter)
{
  ResfriWindow *self = RESFRI_WINDOW (widget);
  ResfriMeetingsView *meetings;
  ResfriView *visible;

  if (!_resfri_window_has_views (self))
    return;

  visible = _resfri_window_get_visible_view (self);
  if (visible != NULL && resfri_view_focus_search (visible))
    return;

  /* The overview and the views without a search have nothing to search:
   * search the meetings from there. */
  meetings = _resfri_window_get_meetings_view (self);
  adw_view_stack_set_visible_child_name (self->view_stack, "meetings");
  resfri_view_focus_search (RESFRI_VIEW (meetings));
}

/* Alt+Left/Right/Home step the meetings view's week, from any view but
 * Rooms, where they step Rooms' own day or week. */
static void
resfri_window_week_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  ResfriWindow *self = RESFRI_WINDOW (widget);
  ResfriMeetingsView *meetings;
  ResfriView *visible;

  if (!_resfri_window_has_views (self))
    return;

  visible = _resfri_window_get_visible_view (self);
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

  meetings = _resfri_window_get_meetings_view (self);
  adw_view_stack_set_visible_child_name (self->view_stack, "meetings");
  if (g_str_equal (action_name, "win.previous-week"))
    resfri_meetings_view_step_week (meetings, -1);
  else if (g_str_equal (action_name, "win.next-week"))
    resfri_meetings_view_step_week (meetings, 1);
  else
    resfri_meetings_view_show_today (meetings);
}

void
_resfri_window_notify_done (ResfriWindow *self,
                            const char   *title,
                            const char   *body)
{
  GApplication *app = G_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
  g_autoptr(GNotification) notification = NULL;

  if (app == NULL || gtk_window_is_active (GTK_WINDOW (self)))
    return;

  notification = g_notification_new (title);
  if (body != NULL)
    {
      g_autofree char *text = NULL;

      /* The toasts' markup, as plain text. */
      if (pango_parse_markup (body, -1, 0, NULL, &text, NULL, NULL))
        g_notification_set_body (notification, text);
      else
        g_notification_set_body (notification, body);
    }
  /* No default action: clicking it activates the application, which
   * presents this window. */
  g_application_send_notification (app, "long-work-done", notification);
}

static void
demo_progress_cb (double      fraction,
                  const char *step,
                  gpointer    user_data)
{
  ResfriWindow *self = user_data;
  g_autofree char *text = NULL;

  /* Translators: the bar of the demo being made, with its current step */
  text = g_strdup_printf (_("Making the demo municipality: %s"), step);
  resfri_progress_bar_set_text (self->work_progress, text);
  resfri_progress_bar_set_fraction (self->work_progress, fraction);
}

static void
demo_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(ResfriWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean ok = resfri_demo_generate_finish (RESFRI_STORE (object), result, NULL, &error);

  /* The window is closing: touch nothing. */
  if (self->work_progress == NULL)
    return;

  if (!ok)
    {
      resfri_progress_bar_finish (self->work_progress);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.try-demo", TRUE);
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_autofree char *text = g_markup_printf_escaped (_("The demo could not be made: %s"),
                                                           error->message);

          adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));
        }
      return;
    }

  resfri_progress_bar_finish (self->work_progress);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.try-demo", TRUE);
  if (self->store != NULL)
    self->data_version = resfri_store_get_data_version (self->store);
  gtk_widget_activate_action (GTK_WIDGET (self), "win.reload", NULL);
  _resfri_window_notify_done (self, _("The Demo Municipality Is Ready"), NULL);
}

/* The demo on a worker, with progress; the window shows it when done. */
static void
resfri_window_try_demo_action (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *parameter)
{
  ResfriWindow *self = RESFRI_WINDOW (widget);
  ResfriDemoOptions options;
  GCancellable *cancellable;

  if (self->store == NULL || resfri_progress_bar_is_running (self->work_progress))
    return;

  resfri_demo_options_init (&options);
  gtk_widget_action_set_enabled (widget, "win.try-demo", FALSE);
  cancellable = resfri_progress_bar_start (self->work_progress,
                                           _("Making the demo municipality…"), _("Cancel Demo"));
  resfri_demo_generate_async (self->store, &options, demo_progress_cb, self, cancellable,
                              demo_cb, g_object_ref (self));
}

static void
on_registers_imported_cb (ResfriWindow *self)
{
  if (self->store != NULL)
    self->data_version = resfri_store_get_data_version (self->store);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (_("Registers imported")));
  gtk_widget_activate_action (GTK_WIDGET (self), "win.reload", NULL);
}

static void
resfri_window_import_registers_action (GtkWidget  *widget,
                                       const char *action_name,
                                       GVariant   *parameter)
{
  ResfriWindow *self = RESFRI_WINDOW (widget);
  GtkWidget *dialog;

  if (self->store == NULL)
    return;

  dialog = resfri_registers_dialog_new (GTK_WINDOW (self), self->store);
  g_signal_connect_object (dialog, "imported", G_CALLBACK (on_registers_imported_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_source_added_cb (ResfriSourceDialog *dialog,
                    gint64              id,
                    gboolean            in_file,
                    guint               n_missing,
                    ResfriWindow       *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "win.sync", NULL);
}

/* The Calendars page's Add Account dialog; what it adds is synced now. */
static void
resfri_window_add_calendar_server_action (GtkWidget  *widget,
                                          const char *action_name,
                                          GVariant   *parameter)
{
  ResfriWindow *self = RESFRI_WINDOW (widget);
  GtkWidget *dialog;

  if (self->store == NULL)
    return;

  dialog = resfri_source_dialog_new (GTK_WINDOW (self), self->store);
  g_signal_connect_object (dialog, "added", G_CALLBACK (on_source_added_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The shortcuts window is built when it is first asked for, not with the
 * window: GtkApplication would build it for every window before its first
 * frame from gtk/help-overlay.ui, which is why the file is not there. */
static void
resfri_window_show_help_overlay_action (GtkWidget  *widget,
                                        const char *action_name,
                                        GVariant   *parameter)
{
  GtkApplicationWindow *window = GTK_APPLICATION_WINDOW (widget);
  GtkShortcutsWindow *overlay = gtk_application_window_get_help_overlay (window);

  if (overlay == NULL)
    {
      g_autoptr(GtkBuilder) builder = NULL;

      builder = gtk_builder_new_from_resource ("/se/resfri/Resfri/ui/help-overlay.ui");
      overlay = GTK_SHORTCUTS_WINDOW (gtk_builder_get_object (builder, "help_overlay"));
      gtk_application_window_set_help_overlay (window, overlay);
    }

  gtk_window_present (GTK_WINDOW (overlay));
}

void
_resfri_window_class_actions_init (ResfriWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_install_action (widget_class, "win.try-demo", NULL,
                                   resfri_window_try_demo_action);
  gtk_widget_class_install_action (widget_class, "win.import-registers", NULL,
                                   resfri_window_import_registers_action);
  gtk_widget_class_install_action (widget_class, "win.add-calendar-server", NULL,
                                   resfri_window_add_calendar_server_action);

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
  gtk_widget_class_install_action (widget_class, "win.show-search-result", "s",
                                   resfri_window_show_search_result_action);
  gtk_widget_class_install_action (widget_class, "win.show-occurrence", "(ssx)",
                                   resfri_window_show_occurrence_action);
  gtk_widget_class_install_action (widget_class, "win.previous-week", NULL,
                                   resfri_window_week_action);
  gtk_widget_class_install_action (widget_class, "win.next-week", NULL,
                                   resfri_window_week_action);
  gtk_widget_class_install_action (widget_class, "win.this-week", NULL,
                                   resfri_window_week_action);
  gtk_widget_class_install_action (widget_class, "win.show-help-overlay", NULL,
                                   resfri_window_show_help_overlay_action);

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
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_7, GDK_ALT_MASK,
                                       "win.show-view", "s", "planning");
}

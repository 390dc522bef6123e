/* resfri-window-sync.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window's sync of the live calendars (spec/sync.md): when the window
 * opens and every sync-interval minutes (GSettings) while it is open, when
 * at least one source exists, and on win.sync (Sync Now). A sync runs on a
 * worker thread; the bar under the header bar says so, shows how many of
 * the followed calendars are done, and has Cancel (win.cancel-sync: it
 * stops between calendars, each of which lands whole or not at all). When it ends the views reload, as after an import, a
 * toast says what changed or names the source, calendar and error, and
 * ::sync-finished tells Preferences. A failed sync changes nothing: the
 * window keeps working from the local copy.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "resfri-sync-async.h"
#include "resfri-window-private.h"

enum {
  SYNC_FINISHED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

/* The settings, when their schema has sync-interval (an older installed
 * schema has not: then every 15 minutes). */
static GSettings *
get_settings (ResfriWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  g_autoptr(GSettingsSchema) schema = NULL;
  GSettings *settings;

  if (!RESFRI_IS_APPLICATION (app) ||
      !(settings = resfri_application_get_settings (RESFRI_APPLICATION (app))))
    return NULL;

  g_object_get (settings, "settings-schema", &schema, NULL);
  return g_settings_schema_has_key (schema, "sync-interval") ? settings : NULL;
}

static void
show_toast (ResfriWindow *self,
            const char   *text,
            guint         timeout)
{
  g_autofree char *markup = g_markup_escape_text (text, -1);
  AdwToast *toast = adw_toast_new (markup);

  adw_toast_set_timeout (toast, timeout);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
set_syncing (ResfriWindow *self,
             gboolean      syncing)
{
  self->syncing = syncing;
  /* The bar shows once there is something to sync (list_cb). */
  if (!syncing)
    gtk_revealer_set_reveal_child (self->sync_revealer, FALSE);
  gtk_spinner_set_spinning (self->sync_spinner, syncing);
  gtk_progress_bar_set_fraction (self->sync_progress, 0);
  gtk_progress_bar_set_text (self->sync_progress, "");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel-sync", syncing);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.sync", !syncing);
}

/* The first error of @result ("source N, calendar HREF: what"), and how
 * many there were. */
static const char *
first_error (const ResfriSyncResult *result,
             guint                  *n_errors)
{
  const char *first = NULL;

  *n_errors = 0;
  for (guint i = 0; i < result->sources->len; i++)
    {
      ResfriSyncSourceResult *source = g_ptr_array_index (result->sources, i);

      if (source->error != NULL)
        {
          (*n_errors)++;
          first = first ? first : source->error;
        }
      for (guint j = 0; j < source->calendars->len; j++)
        {
          ResfriSyncCalendarResult *calendar = g_ptr_array_index (source->calendars, j);

          if (calendar->error != NULL)
            {
              (*n_errors)++;
              first = first ? first : calendar->error;
            }
        }
    }
  return first;
}

static void
report (ResfriWindow           *self,
        const ResfriSyncResult *result)
{
  guint added = 0, changed = 0, removed = 0, skipped = 0, n_errors = 0;
  const char *error = first_error (result, &n_errors);
  g_autofree char *text = NULL;

  for (guint i = 0; i < result->sources->len; i++)
    {
      ResfriSyncSourceResult *source = g_ptr_array_index (result->sources, i);

      for (guint j = 0; j < source->calendars->len; j++)
        {
          ResfriSyncCalendarResult *calendar = g_ptr_array_index (source->calendars, j);

          added += calendar->added;
          changed += calendar->changed;
          removed += calendar->removed;
          skipped += calendar->skipped->len;
        }
    }

  if (error != NULL)
    {
      /* An automatic sync says the same error once, not every interval. */
      if (!self->sync_manual && g_strcmp0 (error, self->last_sync_error) == 0)
        return;
      g_free (self->last_sync_error);
      self->last_sync_error = g_strdup (error);
      if (n_errors > 1)
        /* Translators: the first error of a sync, then how many more */
        text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "Sync failed: %s (and %u more error; see "
                                             "Preferences → Calendars)",
                                             "Sync failed: %s (and %u more errors; see "
                                             "Preferences → Calendars)",
                                             n_errors - 1), error, n_errors - 1);
      else
        /* Translators: %s names the source, the calendar and what went wrong */
        text = g_strdup_printf (_("Sync failed: %s"), error);
      show_toast (self, text, 10);
      return;
    }

  g_clear_pointer (&self->last_sync_error, g_free);
  if (added + changed + removed + skipped == 0)
    {
      if (self->sync_manual)
        show_toast (self, _("Synced: nothing changed"), 3);
      return;
    }
  /* Translators: how many meetings (calendar resources) a sync added,
   * changed and removed */
  text = g_strdup_printf (_("Synced: %u added, %u changed, %u removed"), added, changed, removed);
  if (skipped > 0)
    {
      char *more = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                 "%s; %u could not be read",
                                                 "%s; %u could not be read", skipped),
                                    text, skipped);

      g_free (text);
      text = more;
    }
  show_toast (self, text, 5);
}

static void
run_cb (GObject      *object,
        GAsyncResult *result,
        gpointer      user_data)
{
  g_autoptr(ResfriWindow) self = user_data;
  g_autoptr(ResfriSyncResult) sync = NULL;
  g_autoptr(GError) error = NULL;

  sync = resfri_sync_run_finish (RESFRI_STORE (object), result, &error);

  /* The window is closing: touch nothing. */
  if (self->sync_cancellable == NULL)
    return;
  g_clear_object (&self->sync_cancellable);
  set_syncing (self, FALSE);

  if (self->sync_cancelled)
    show_toast (self, _("Sync cancelled; what was synced is kept"), 5);
  else if (sync == NULL)
    {
      g_autofree char *text = g_strdup_printf (_("Sync failed: %s"), error->message);

      show_toast (self, text, 10);
    }
  else
    report (self, sync);
  /* A sync someone asked for (not the periodic one) that ended unseen. */
  if (self->sync_manual && !self->sync_cancelled)
    _resfri_window_notify_done (self, _("Sync Finished"),
                                sync == NULL ? error->message : NULL);

  /* Our own sync changed the database: reload everything now, and let the
   * poll see only what others change from here on. */
  self->data_version = resfri_store_get_data_version (self->store);
  gtk_widget_activate_action (GTK_WIDGET (self), "win.reload", NULL);
  g_signal_emit (self, signals [SYNC_FINISHED], 0);
}

/* The window, weakly: a progress step may come after it is gone. */
static void
weak_ref_free (gpointer data)
{
  g_weak_ref_clear (data);
  g_free (data);
}

static void
on_progress_cb (guint    done,
                guint    total,
                gpointer data)
{
  g_autoptr(ResfriWindow) self = g_weak_ref_get (data);
  g_autofree char *text = NULL;

  if (self == NULL || self->sync_cancellable == NULL || self->sync_cancelled)
    return;

  gtk_progress_bar_set_fraction (self->sync_progress, total > 0 ? (double) done / total : 0);
  /* Translators: how many of the followed calendars a sync has done */
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u calendar", "%u of %u calendars",
                                       total),
                          done, total);
  gtk_progress_bar_set_text (self->sync_progress, text);
}

static void
list_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(ResfriWindow) self = user_data;
  g_autoptr(GPtrArray) sources = NULL;
  g_autoptr(GError) error = NULL;
  GWeakRef *weak;

  sources = resfri_sources_list_all_finish (RESFRI_STORE (object), result, &error);
  if (self->sync_cancellable == NULL)
    return;

  if (sources == NULL || sources->len == 0 || self->sync_cancelled)
    {
      g_clear_object (&self->sync_cancellable);
      set_syncing (self, FALSE);
      if (self->sync_manual && sources != NULL && sources->len == 0)
        show_toast (self, _("No live calendars yet: add an account in Preferences → Calendars"), 5);
      else if (sources == NULL && !self->sync_cancelled)
        show_toast (self, error->message, 10);
      return;
    }

  gtk_label_set_text (self->sync_label,
                      g_dngettext (GETTEXT_PACKAGE, "Syncing the live calendars of 1 account…",
                                   "Syncing the live calendars of all accounts…", sources->len));
  gtk_revealer_set_reveal_child (self->sync_revealer, TRUE);
  weak = g_new0 (GWeakRef, 1);
  g_weak_ref_init (weak, self);
  resfri_sync_run_with_progress_async (self->store, NULL, on_progress_cb, weak, weak_ref_free,
                                       self->sync_cancellable, run_cb, g_object_ref (self));
}

/* Asks the store for its sources first: without one there is nothing to
 * sync and no bar to show. */
static void
sync_now (ResfriWindow *self,
          gboolean      manual)
{
  if (self->store == NULL || self->syncing)
    return;

  self->sync_manual = manual;
  self->sync_cancelled = FALSE;
  self->sync_cancellable = g_cancellable_new ();
  set_syncing (self, TRUE);
  resfri_sources_list_all_async (self->store, self->sync_cancellable, list_cb, g_object_ref (self));
}

static gboolean
sync_timer_cb (gpointer user_data)
{
  sync_now (RESFRI_WINDOW (user_data), FALSE);
  return G_SOURCE_CONTINUE;
}

static gboolean
first_sync_cb (gpointer user_data)
{
  ResfriWindow *self = user_data;

  if (!self->sync_stopped)
    sync_now (self, FALSE);
  return G_SOURCE_REMOVE;
}

static void
schedule (ResfriWindow *self)
{
  GSettings *settings = get_settings (self);
  guint minutes = settings != NULL ? g_settings_get_uint (settings, "sync-interval") : 15;

  g_clear_handle_id (&self->sync_timer_id, g_source_remove);
  self->sync_timer_id = g_timeout_add_seconds (MAX (minutes, 1) * 60, sync_timer_cb, self);
}

static void
resfri_window_sync_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  ResfriWindow *self = RESFRI_WINDOW (widget);

  sync_now (self, TRUE);
  /* The next automatic sync counts from this one. */
  if (self->sync_timer_id != 0)
    schedule (self);
}

static void
resfri_window_cancel_sync_action (GtkWidget  *widget,
                                  const char *action_name,
                                  GVariant   *parameter)
{
  ResfriWindow *self = RESFRI_WINDOW (widget);

  if (self->sync_cancellable == NULL)
    return;
  self->sync_cancelled = TRUE;
  gtk_label_set_text (self->sync_label, _("Cancelling the sync…"));
  g_cancellable_cancel (self->sync_cancellable);
}

void
_resfri_window_sync_start (ResfriWindow *self)
{
  GSettings *settings = get_settings (self);

  if (self->store == NULL)
    return;

  if (settings != NULL)
    g_signal_connect_object (settings, "changed::sync-interval", G_CALLBACK (schedule), self,
                             G_CONNECT_SWAPPED);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel-sync", FALSE);
  schedule (self);
  /* Not before the window is on screen. */
  resfri_window_after_first_frame (self, first_sync_cb, g_object_ref (self), g_object_unref);
}

void
_resfri_window_sync_stop (ResfriWindow *self)
{
  g_clear_handle_id (&self->sync_timer_id, g_source_remove);
  self->sync_stopped = TRUE;
  if (self->sync_cancellable != NULL)
    {
      g_cancellable_cancel (self->sync_cancellable);
      g_clear_object (&self->sync_cancellable);
    }
  g_clear_pointer (&self->last_sync_error, g_free);
}

void
_resfri_window_class_sync_init (ResfriWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  /**
   * ResfriWindow::sync-finished:
   *
   * A sync of the live calendars ended (done, failed or cancelled).
   */
  signals [SYNC_FINISHED] =
    g_signal_new ("sync-finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 0);

  gtk_widget_class_install_action (widget_class, "win.sync", NULL, resfri_window_sync_action);
  gtk_widget_class_install_action (widget_class, "win.cancel-sync", NULL,
                                   resfri_window_cancel_sync_action);
}

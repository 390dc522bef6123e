/* resfri-window.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The main window of one database file: the views behind ResfriView (the
 * Overview first; the database's counts decide whether they are shown), and the pages for an empty database or one that
 * cannot be opened. It reads the counts, keeps the views up to date when
 * the database changes (our imports, or resfri-cli from a terminal), imports
 * calendars dropped on it (offering to leave out the bad events of a file
 * that has some), and keeps its size. Its actions are in
 * resfri-window-actions.c, the live calendars' sync in resfri-window-sync.c.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "resfri-importer.h"
#include "resfri-equipment-view.h"
#include "resfri-followup-view.h"
#include "resfri-error.h"
#include "resfri-gaps-view.h"
#include "resfri-planning-view.h"
#include "resfri-rooms-view.h"
#include "resfri-widget-util.h"
#include "resfri-composer.h"
#include "resfri-window-private.h"

#define POLL_SECONDS 2

G_DEFINE_FINAL_TYPE (ResfriWindow, resfri_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_PATH,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static GSettings *
get_settings (ResfriWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  if (!RESFRI_IS_APPLICATION (app))
    return NULL;

  return resfri_application_get_settings (RESFRI_APPLICATION (app));
}

/* The bottom switcher is for narrow windows, where the title has no room
 * for the switcher and shows the title instead. */
static void
update_switcher_bar (ResfriWindow *self)
{
  gboolean reveal = adw_view_switcher_title_get_view_switcher_enabled (self->window_title) &&
                    adw_view_switcher_title_get_title_visible (self->window_title);

  /* Its buttons are made when it is first needed: a wide window never
   * shows them, and they cost the first frame. */
  if (reveal && adw_view_switcher_bar_get_stack (self->switcher_bar) == NULL)
    adw_view_switcher_bar_set_stack (self->switcher_bar, self->view_stack);
  adw_view_switcher_bar_set_reveal (self->switcher_bar, reveal);
}

/* The views behind the overview, by their page's name. Each is built the
 * first time it is shown (or an action needs it), so that the window's
 * first frame waits for none of them. */
static const struct
{
  const char *name;
  GType     (*get_type) (void);
} lazy_views[] = {
  { "meetings", resfri_meetings_view_get_type },
  { "equipment", resfri_equipment_view_get_type },
  { "rooms", resfri_rooms_view_get_type },
  { "gaps", resfri_gaps_view_get_type },
  { "followup", resfri_followup_view_get_type },
  { "planning", resfri_planning_view_get_type },
};

/**
 * _resfri_window_ensure_view:
 * @name: a page of the view stack
 *
 * Builds the view of the page @name if it was not built yet, and gives it
 * the store.
 *
 * Returns: (transfer none) (nullable): the view, %NULL for a page that is
 *   no view
 */
ResfriView *
_resfri_window_ensure_view (ResfriWindow *self,
                            const char   *name)
{
  GtkWidget *page;
  GtkWidget *view;

  /* The overview is in the template: it reads its cards after the first
   * frame by itself. */
  if (g_strcmp0 (name, "overview") == 0)
    return RESFRI_VIEW (self->overview);

  for (guint i = 0; name != NULL && i < G_N_ELEMENTS (lazy_views); i++)
    {
      if (!g_str_equal (lazy_views[i].name, name))
        continue;

      page = adw_view_stack_get_child_by_name (self->view_stack, name);
      g_assert (ADW_IS_BIN (page));
      if ((view = adw_bin_get_child (ADW_BIN (page))) != NULL)
        return RESFRI_VIEW (view);

      /* The store first: the view reads it when it is mapped. */
      view = g_object_new (lazy_views[i].get_type (), NULL);
      if (self->store != NULL)
        resfri_view_set_store (RESFRI_VIEW (view), self->store);
      g_ptr_array_add (self->views, view);
      if (RESFRI_IS_MEETINGS_VIEW (view))
        self->meetings_view = RESFRI_MEETINGS_VIEW (view);
      adw_bin_set_child (ADW_BIN (page), view);
      return RESFRI_VIEW (view);
    }

  return NULL;
}

/**
 * _resfri_window_get_visible_view:
 *
 * Returns: (transfer none) (nullable): the view on screen
 */
ResfriView *
_resfri_window_get_visible_view (ResfriWindow *self)
{
  return _resfri_window_ensure_view (self, adw_view_stack_get_visible_child_name (self->view_stack));
}

/**
 * _resfri_window_get_meetings_view:
 *
 * Returns: (transfer none): the Meetings view, built if it was not yet
 */
ResfriMeetingsView *
_resfri_window_get_meetings_view (ResfriWindow *self)
{
  return RESFRI_MEETINGS_VIEW (_resfri_window_ensure_view (self, "meetings"));
}

/* As set_page() does for the outer stack: only the visible view is in the
 * accessibility tree. */
static void
on_visible_view_changed_cb (ResfriWindow *self)
{
  g_autoptr(GtkSelectionModel) pages = NULL;
  GtkWidget *visible = adw_view_stack_get_visible_child (self->view_stack);
  ResfriView *view = _resfri_window_get_visible_view (self);
  guint n_pages;

  /* A view the database changed under while it was not shown. */
  if (view != NULL && self->stale_views != NULL && g_hash_table_contains (self->stale_views, view))
    _resfri_window_reload_view (self, view);

  pages = adw_view_stack_get_pages (self->view_stack);
  n_pages = g_list_model_get_n_items (G_LIST_MODEL (pages));
  for (guint i = 0; i < n_pages; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (pages), i);
      AdwViewStackPage *page = ADW_VIEW_STACK_PAGE (item);
      GtkWidget *child = adw_view_stack_page_get_child (page);

      gtk_accessible_update_state (GTK_ACCESSIBLE (child),
                                   GTK_ACCESSIBLE_STATE_HIDDEN, child != visible,
                                   -1);
    }
}

/* The window's page: the views, or the page that says why there are none. */
static void
set_page (ResfriWindow *self,
          const char   *name)
{
  /* Before the first frame no page was seen, so none fades out: a
   * crossfade there painted the page shown first into offscreen textures
   * through their own shaders (on software GL, JIT-compiled before the
   * first frame), and that frame showed the page almost transparent. */
  if (!self->startup_painted)
    {
      GtkStackTransitionType type = gtk_stack_get_transition_type (self->stack);

      gtk_stack_set_transition_type (self->stack, GTK_STACK_TRANSITION_TYPE_NONE);
      resfri_stack_show_page (self->stack, name);
      gtk_stack_set_transition_type (self->stack, type);
    }
  else
    {
      resfri_stack_show_page (self->stack, name);
    }

  /* The views (and so the switcher) exist only for a readable, non-empty
   * database; otherwise the title shows the file's name. */
  adw_view_switcher_title_set_view_switcher_enabled (self->window_title,
                                                     g_strcmp0 (name, "views") == 0);
  /* New Meeting is for a database with its registers, not the first run's. */
  gtk_widget_set_visible (self->new_meeting_button, g_strcmp0 (name, "views") == 0);
  update_switcher_bar (self);
}

static void
show_counts (ResfriWindow            *self,
             const ResfriStoreCounts *counts)
{
  resfri_overview_set_counts (self->overview, counts);
  set_page (self, resfri_overview_is_empty (self->overview) ? "empty" : "views");
}

static void
show_error (ResfriWindow *self,
            const GError *error)
{
  g_autofree char *name = g_filename_display_basename (self->path);
  g_autofree char *text = NULL;
  g_autofree char *markup = NULL;
  const char *title;

  if (g_error_matches (error, RESFRI_ERROR, RESFRI_ERROR_NEWER_SCHEMA))
    {
      title = _("Made by a Newer Resfri");
      text = g_strdup_printf (_("“%s” was written by a newer version of Resfri, which this "
                                "version cannot read. Open it with the newer version. The "
                                "file was not changed."),
                              name);
    }
  else if (g_error_matches (error, RESFRI_ERROR, RESFRI_ERROR_NOT_RESFRI))
    {
      title = _("Not a Resfri Database");
      text = g_strdup_printf (_("“%s” belongs to another program or is not a database at "
                                "all. The file was not changed. Start Resfri with --db and "
                                "the path of a Resfri database, or of a new file."),
                              name);
    }
  else if (g_error_matches (error, RESFRI_ERROR, RESFRI_ERROR_DAMAGED))
    {
      title = _("The Database Is Damaged");
      text = g_strdup_printf (_("“%s” is damaged and cannot be read. Restore it from a "
                                "backup. The file was not changed."),
                              name);
    }
  else
    {
      title = _("Cannot Open the Database");
      text = g_strdup_printf (_("Resfri could not open “%s”: %s"), name, error->message);
    }

  /* The status page's description is Pango markup; file names and sqlite's
   * messages are not. */
  markup = g_markup_escape_text (text, -1);
  adw_status_page_set_title (self->error_page, title);
  adw_status_page_set_description (self->error_page, markup);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->error_page),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text,
                                  -1);
  set_page (self, "error");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.reload", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.new-meeting", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.audit-log", FALSE);
}

static void
get_counts_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(ResfriWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  ResfriStoreCounts counts = { 0 };

  if (!resfri_store_get_counts_finish (RESFRI_STORE (object), result, &counts, &error))
    {
      /* The window may be gone: touch nothing. */
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      gtk_spinner_stop (self->spinner);
      if (!self->loaded_once)
        {
          show_error (self, error);
        }
      else
        {
          g_autofree char *title = NULL;

          /* Toast titles are Pango markup in libadwaita 1.2: escape. */
          title = g_markup_printf_escaped (_("Cannot read the database: %s"), error->message);

          adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (title));
        }
      return;
    }

  gtk_spinner_stop (self->spinner);
  self->loaded_once = TRUE;
  show_counts (self, &counts);
  if (self->pending_result != NULL)
    {
      g_autofree char *id = g_steal_pointer (&self->pending_result);

      gtk_widget_activate_action (GTK_WIDGET (self), "win.show-search-result", "s", id);
    }
}

void
_resfri_window_reload_counts (ResfriWindow *self)
{
  if (self->store == NULL)
    return;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  if (!self->loaded_once)
    {
      gtk_spinner_start (self->spinner);
      set_page (self, "loading");
    }

  resfri_store_get_counts_async (self->store, self->cancellable,
                                 get_counts_cb, g_object_ref (self));
}

/**
 * _resfri_window_reload_view:
 *
 * Reads @view again, and forgets that it was stale.
 */
void
_resfri_window_reload_view (ResfriWindow *self,
                            ResfriView   *view)
{
  g_hash_table_remove (self->stale_views, view);
  resfri_view_reload (view);
}

/* The database changed under us: the counts and the view on screen are read
 * again now, the other views when they are shown. */
static void
reload_changed (ResfriWindow *self)
{
  ResfriView *visible = NULL;

  for (guint i = 0; i < self->views->len; i++)
    g_hash_table_add (self->stale_views, g_ptr_array_index (self->views, i));

  _resfri_window_reload_counts (self);
  if (_resfri_window_has_views (self))
    visible = _resfri_window_get_visible_view (self);
  if (visible != NULL && g_hash_table_contains (self->stale_views, visible))
    _resfri_window_reload_view (self, visible);
}

static gboolean
poll_data_version_cb (gpointer user_data)
{
  ResfriWindow *self = user_data;
  gint64 version;

  /* Not while hidden, before the first load, or while our own import runs
   * (it reloads everything when it ends). */
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)) || !self->loaded_once || self->importing ||
      self->syncing)
    return G_SOURCE_CONTINUE;

  version = resfri_store_get_data_version (self->store);
  if (version >= 0 && version != self->data_version)
    {
      self->data_version = version;
      reload_changed (self);
    }

  return G_SOURCE_CONTINUE;
}

static void import_next (ResfriWindow *self);

static void
add_toast (ResfriWindow *self,
           const char   *markup,
           guint         timeout)
{
  AdwToast *toast = adw_toast_new (markup);

  if (timeout > 0)
    adw_toast_set_timeout (toast, timeout);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* The file at the head of the queue is done with: the next one, or the
 * views reloaded once the last one is done. */
static void
import_done (ResfriWindow *self)
{
  g_autoptr(GFile) file = g_queue_pop_head (&self->imports);

  self->importing = FALSE;
  g_clear_pointer (&self->import_error, g_free);
  resfri_progress_bar_finish (self->work_progress);

  /* Our own import changed the database: reload everything now, and let
   * the poll see only what others change from here on. */
  if (self->store != NULL)
    self->data_version = resfri_store_get_data_version (self->store);

  if (g_queue_is_empty (&self->imports))
    gtk_widget_activate_action (GTK_WIDGET (self), "win.reload", NULL);
  else
    import_next (self);
}

static void
toast_refused (ResfriWindow *self,
               const char   *message)
{
  /* Toast titles are Pango markup in libadwaita 1.2: escape. */
  g_autofree char *title = g_markup_printf_escaped (_("Nothing was imported: %s"), message);

  add_toast (self, title, 10);
}

static void
import_valid_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(ResfriWindow) self = user_data;
  g_autoptr(GPtrArray) skipped = NULL;
  g_autoptr(GError) error = NULL;
  ResfriMeetingStats stats = { 0 };

  if (!resfri_store_import_ical_file_full_finish (RESFRI_STORE (object), result, &stats,
                                                  &skipped, &error))
    {
      /* The window is closing: touch nothing. */
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      toast_refused (self, error->message);
    }
  else
    {
      g_autofree char *title = NULL;

      /* Translators: what an import that left out the bad events did, as
       * the CLI's import --skip-invalid says it */
      title = g_markup_printf_escaped (g_dngettext (GETTEXT_PACKAGE,
                                                    "Imported %d event, skipped %u",
                                                    "Imported %d events, skipped %u",
                                                    (gulong) stats.meetings),
                                       (int) stats.meetings, skipped != NULL ? skipped->len : 0);
      add_toast (self, title, 0);
      _resfri_window_notify_done (self, _("Import Finished"), title);
    }
  import_done (self);
}

static void
on_skip_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     ResfriWindow     *self)
{
  GFile *file = g_queue_peek_head (&self->imports);

  if (g_strcmp0 (response, "import") != 0 || file == NULL || self->store == NULL)
    {
      import_done (self);
      return;
    }

  resfri_store_import_ical_file_full_async (self->store, file, RESFRI_IMPORT_SKIP_INVALID,
                                            self->import_cancellable, import_valid_cb,
                                            g_object_ref (self));
}

#define MAX_LISTED_SKIPS 5

/* libadwaita 1.2 names a response button by its label with the mnemonic's
 * underscore and its text again ("_Cancel Cancel"): each is named by its
 * label widget alone ("Cancel"). */
static void
name_response_buttons (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *label = GTK_IS_BUTTON (child) ? gtk_button_get_child (GTK_BUTTON (child)) : NULL;

      if (GTK_IS_LABEL (label))
        {
          gtk_accessible_reset_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL);
          gtk_accessible_update_relation (GTK_ACCESSIBLE (child),
                                          GTK_ACCESSIBLE_RELATION_LABELLED_BY, label, NULL,
                                          -1);
        }
      name_response_buttons (child);
    }
}

/* A file has bad events and @n_valid good ones: import the good ones, or
 * nothing? The dialog names the file and the first bad events. */
static void
ask_skip_invalid (ResfriWindow *self,
                  GFile        *file,
                  GPtrArray    *skipped,
                  gint64        n_valid)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autofree char *heading = NULL;
  g_autofree char *list = NULL;
  g_autoptr(GString) body = g_string_new (NULL);
  GtkWidget *dialog;

  for (guint i = 0; i < skipped->len && i < MAX_LISTED_SKIPS; i++)
    {
      const ResfriImportSkip *skip = g_ptr_array_index (skipped, i);

      g_string_append_printf (body, "%u: %s\n", skip->line, skip->message);
    }
  if (skipped->len > MAX_LISTED_SKIPS)
    {
      guint more = skipped->len - MAX_LISTED_SKIPS;

      /* Translators: after the first bad events of a file, how many more */
      g_string_append_printf (body, g_dngettext (GETTEXT_PACKAGE, "and %u more\n",
                                                 "and %u more\n", more), more);
    }
  list = g_string_free (g_steal_pointer (&body), FALSE);

  /* Translators: %s is a file's name */
  heading = g_strdup_printf (_("“%s” Has Events That Cannot Be Read"), name);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, NULL);
  /* Translators: the first %s lists the bad events of a file as "LINE:
   * what", one a line; %d is how many good events it has */
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  g_dngettext (GETTEXT_PACKAGE,
                                               "The file was not imported. These events cannot "
                                               "be read:\n\n%s\nThe other %d event can be "
                                               "imported without them.",
                                               "The file was not imported. These events cannot "
                                               "be read:\n\n%s\nThe other %d events can be "
                                               "imported without them.",
                                               (gulong) n_valid),
                                  list, (int) n_valid);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "import", _("_Import the Valid Events"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "import",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "import");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);
  name_response_buttons (dialog);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_skip_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
probe_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(ResfriWindow) self = user_data;
  g_autoptr(GPtrArray) skipped = NULL;
  g_autoptr(GError) error = NULL;
  ResfriMeetingStats stats = { 0 };
  gboolean ok;

  ok = resfri_store_import_ical_file_full_finish (RESFRI_STORE (object), result, &stats,
                                                  &skipped, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  /* Only bad events, or an error outside them (a broken VCALENDAR): the
   * file is refused as before. */
  if (!ok || skipped == NULL || skipped->len == 0 || stats.meetings == 0)
    {
      toast_refused (self, self->import_error);
      import_done (self);
      return;
    }
  ask_skip_invalid (self, g_queue_peek_head (&self->imports), skipped, stats.meetings);
}

static void
import_file_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(ResfriWindow) self = user_data;
  GFile *file = g_queue_peek_head (&self->imports);
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  ResfriMeetingStats stats = { 0 };

  if (!resfri_store_import_ical_file_full_finish (RESFRI_STORE (object), result, &stats, NULL,
                                                  &error))
    {
      /* The window is closing: touch nothing. */
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
          (self->import_cancellable == NULL || g_cancellable_is_cancelled (self->import_cancellable)))
        return;

      /* Cancel: this file and those after it are not imported. */
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_queue_clear_full (&self->imports, g_object_unref);
          g_queue_push_head (&self->imports, g_object_ref (file));
          add_toast (self, _("Import cancelled; nothing was imported from the file"), 0);
          import_done (self);
          return;
        }

      /* Bad events: what would the others give? The app offers to import
       * them without the bad ones, as import --skip-invalid does. */
      if (g_error_matches (error, RESFRI_ERROR, RESFRI_ERROR_INVALID_ICAL) && self->store != NULL)
        {
          /* The question about the bad events replaces the bar. */
          resfri_progress_bar_finish (self->work_progress);
          self->import_error = g_strdup (error->message);
          resfri_store_import_ical_file_full_async (self->store, file,
                                                    RESFRI_IMPORT_SKIP_INVALID |
                                                    RESFRI_IMPORT_DRY_RUN,
                                                    self->import_cancellable, probe_cb,
                                                    g_object_ref (self));
          return;
        }
      toast_refused (self, error->message);
    }
  else
    {
      g_autofree char *name = g_file_get_basename (file);

      title = g_markup_printf_escaped (g_dngettext (GETTEXT_PACKAGE,
                                                    "Imported %d meeting from “%s”",
                                                    "Imported %d meetings from “%s”",
                                                    (gulong) stats.meetings),
                                       (int) stats.meetings, name);
      add_toast (self, title, 0);
      _resfri_window_notify_done (self, _("Import Finished"), title);
    }
  import_done (self);
}

static void
on_import_progress_cb (double   fraction,
                       gpointer user_data)
{
  ResfriWindow *self = user_data;

  resfri_progress_bar_set_fraction (self->work_progress, fraction);
}

static void
import_next (ResfriWindow *self)
{
  GFile *file = g_queue_peek_head (&self->imports);
  g_autofree char *name = NULL;
  g_autofree char *text = NULL;
  GCancellable *cancellable;

  if (self->importing || file == NULL)
    return;

  self->importing = TRUE;
  if (self->import_cancellable == NULL)
    self->import_cancellable = g_cancellable_new ();
  name = g_file_get_basename (file);
  /* Translators: the bar of an import in progress, with the file's name */
  text = g_strdup_printf (_("Importing “%s”…"), name);
  cancellable = resfri_progress_bar_start (self->work_progress, text, _("Cancel Import"));
  resfri_store_import_ical_file_progress_async (self->store, file, RESFRI_IMPORT_NONE,
                                                on_import_progress_cb, self, cancellable,
                                                import_file_cb, g_object_ref (self));
}

/**
 * resfri_window_import_files:
 * @files: (array length=n_files): iCalendar files
 *
 * Imports @files one after the other on a worker thread, each in one
 * transaction, and says in a toast what each gave.
 */
void
resfri_window_import_files (ResfriWindow  *self,
                            GFile        **files,
                            guint          n_files)
{
  g_return_if_fail (RESFRI_IS_WINDOW (self));

  if (n_files == 0)
    return;

  if (self->store == NULL)
    {
      adw_toast_overlay_add_toast (self->toast_overlay,
                                   adw_toast_new (_("Calendars cannot be imported: the database "
                                                    "could not be opened")));
      return;
    }

  for (guint i = 0; i < n_files; i++)
    g_queue_push_tail (&self->imports, g_object_ref (files[i]));
  import_next (self);
}

static gboolean
on_drop_cb (GtkDropTarget *target,
            const GValue  *value,
            double         x,
            double         y,
            ResfriWindow  *self)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new ();
  GSList *list;

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;

  for (list = gdk_file_list_get_files (g_value_get_boxed (value)); list; list = list->next)
    g_ptr_array_add (files, list->data);
  resfri_window_import_files (self, (GFile **) files->pdata, files->len);

  return files->len > 0;
}

gboolean
_resfri_window_has_views (ResfriWindow *self)
{
  return g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "views") == 0;
}

/* Counts change when resfri-cli fills the database from a terminal: read
 * them again whenever the user comes back to the window. */
static void
on_is_active_changed_cb (ResfriWindow *self)
{
  if (self->loaded_once && gtk_window_is_active (GTK_WINDOW (self)))
    _resfri_window_reload_counts (self);
}

static void
save_window_state (ResfriWindow *self)
{
  GSettings *settings = get_settings (self);
  int width = 0;
  int height = 0;

  if (settings == NULL)
    return;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);

  g_settings_delay (settings);
  if (_resfri_window_has_views (self))
    g_settings_set_string (settings, "last-view",
                           adw_view_stack_get_visible_child_name (self->view_stack));
  g_settings_set_boolean (settings, "window-maximized",
                          gtk_window_is_maximized (GTK_WINDOW (self)));
  /* A maximized window's default size is its size before maximizing. */
  if (width > 0 && height > 0)
    {
      g_settings_set_int (settings, "window-width", MAX (width, 360));
      g_settings_set_int (settings, "window-height", MAX (height, 294));
    }
  g_settings_apply (settings);
}

static void
restore_window_state (ResfriWindow *self)
{
  GSettings *settings = get_settings (self);

  if (settings == NULL)
    {
      gtk_window_set_default_size (GTK_WINDOW (self), 1200, 800);
      return;
    }

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (settings, "window-width"),
                               g_settings_get_int (settings, "window-height"));
  if (g_settings_get_boolean (settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  {
    g_autofree char *view = g_settings_get_string (settings, "last-view");

    if (adw_view_stack_get_child_by_name (self->view_stack, view) != NULL)
      adw_view_stack_set_visible_child_name (self->view_stack, view);
  }
}

/* A New Meeting window of this one with changes asks first (Save, Discard,
 * Cancel), and this one stays open: closing it would take that one along. */
static gboolean
ask_composers (GtkWindow *window)
{
  g_autoptr(GPtrArray) asking = g_ptr_array_new_with_free_func (g_object_unref);
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) other = g_list_model_get_item (toplevels, i);

      if (RESFRI_IS_COMPOSER (other) && gtk_window_get_transient_for (other) == window &&
          resfri_composer_has_changes (RESFRI_COMPOSER (other)))
        g_ptr_array_add (asking, g_steal_pointer (&other));
    }
  for (guint i = 0; i < asking->len; i++)
    gtk_window_close (g_ptr_array_index (asking, i));

  return asking->len > 0;
}

static gboolean
resfri_window_close_request (GtkWindow *window)
{
  if (ask_composers (window))
    return TRUE;

  save_window_state (RESFRI_WINDOW (window));

  return GTK_WINDOW_CLASS (resfri_window_parent_class)->close_request (window);
}

/* The first frame is painted: the work that waited for it starts, and
 * RESFRI_DEBUG_STARTUP prints the time from main() to it and the page it
 * shows, and the time to the first frame after the counts were read. */
static void
on_after_paint_cb (GdkFrameClock *clock,
                   ResfriWindow  *self)
{
  gint64 elapsed = g_get_monotonic_time () - resfri_startup_time;
  gboolean debug = g_getenv ("RESFRI_DEBUG_STARTUP") != NULL;

  if (!self->startup_painted)
    {
      self->startup_painted = TRUE;
      if (debug)
        {
          g_printerr ("resfri: first frame after %.1f ms\n", elapsed / 1000.0);
          g_printerr ("resfri: first frame drawn by %s\n",
                      G_OBJECT_TYPE_NAME (gtk_native_get_renderer (GTK_NATIVE (self))));
          /* The page a crossfade would have left half drawn (ui-window). */
          g_printerr ("resfri: first frame shows the page '%s'%s\n",
                      gtk_stack_get_visible_child_name (self->stack),
                      gtk_stack_get_transition_running (self->stack) ? " in a transition" : "");
        }

      for (guint i = 0; i < self->after_first_frame->len; i++)
        g_source_attach (g_ptr_array_index (self->after_first_frame, i), NULL);
      g_ptr_array_set_size (self->after_first_frame, 0);
    }

  if (!debug || self->loaded_once)
    {
      if (debug)
        g_printerr ("resfri: first frame with the counts after %.1f ms\n", elapsed / 1000.0);
      g_signal_handlers_disconnect_by_func (clock, on_after_paint_cb, self);
    }
}

static void
on_realize_cb (ResfriWindow *self)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

  if (clock != NULL && !self->startup_painted)
    g_signal_connect_object (clock, "after-paint", G_CALLBACK (on_after_paint_cb), self, 0);
}

static void
resfri_window_constructed (GObject *object)
{
  ResfriWindow *self = (ResfriWindow *)object;
  g_autofree char *name = NULL;

  G_OBJECT_CLASS (resfri_window_parent_class)->constructed (object);

  name = g_filename_display_basename (self->path);
  adw_view_switcher_title_set_subtitle (self->window_title, name);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->window_title), self->path);

  g_signal_connect (self, "notify::is-active", G_CALLBACK (on_is_active_changed_cb), NULL);

  g_signal_connect_after (self, "realize", G_CALLBACK (on_realize_cb), NULL);

  if (self->store != NULL)
    {
      /* The views built so far; the others get it when they are built. */
      for (guint i = 0; i < self->views->len; i++)
        resfri_view_set_store (g_ptr_array_index (self->views, i), self->store);

      self->data_version = resfri_store_get_data_version (self->store);
      self->poll_id = g_timeout_add_seconds (POLL_SECONDS, poll_data_version_cb, self);
    }

  _resfri_window_reload_counts (self);
}

static void
resfri_window_dispose (GObject *object)
{
  ResfriWindow *self = (ResfriWindow *)object;

  g_clear_handle_id (&self->poll_id, g_source_remove);
  _resfri_window_sync_stop (self);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_cancellable_cancel (self->import_cancellable);
  g_clear_object (&self->import_cancellable);
  /* The file being imported: the progress bar holds its cancellable. */
  if (self->work_progress != NULL)
    resfri_progress_bar_cancel (self->work_progress);
  g_queue_clear_full (&self->imports, g_object_unref);
  g_clear_pointer (&self->import_error, g_free);
  /* Work that waited for a first frame that never came. */
  if (self->after_first_frame != NULL)
    g_ptr_array_set_size (self->after_first_frame, 0);
  /* The views go with the template: nothing reloads them from here on. */
  g_hash_table_remove_all (self->stale_views);
  g_ptr_array_set_size (self->views, 0);
  self->meetings_view = NULL;

  gtk_widget_dispose_template (GTK_WIDGET (self), RESFRI_TYPE_WINDOW);

  G_OBJECT_CLASS (resfri_window_parent_class)->dispose (object);
}

static void
resfri_window_finalize (GObject *object)
{
  ResfriWindow *self = (ResfriWindow *)object;

  g_clear_object (&self->store);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->pending_result, g_free);
  g_clear_pointer (&self->stale_views, g_hash_table_unref);
  g_clear_pointer (&self->views, g_ptr_array_unref);
  g_clear_pointer (&self->after_first_frame, g_ptr_array_unref);

  G_OBJECT_CLASS (resfri_window_parent_class)->finalize (object);
}

static void
resfri_window_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  ResfriWindow *self = RESFRI_WINDOW (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;

    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
resfri_window_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  ResfriWindow *self = RESFRI_WINDOW (object);

  switch (prop_id)
    {
    case PROP_PATH:
      self->path = g_value_dup_string (value);
      break;

    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
resfri_window_class_init (ResfriWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = resfri_window_constructed;
  object_class->dispose = resfri_window_dispose;
  object_class->finalize = resfri_window_finalize;
  object_class->get_property = resfri_window_get_property;
  object_class->set_property = resfri_window_set_property;

  window_class->close_request = resfri_window_close_request;

  properties [PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties [PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         RESFRI_TYPE_STORE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (RESFRI_TYPE_EQUIPMENT_VIEW);
  g_type_ensure (RESFRI_TYPE_FOLLOWUP_VIEW);
  g_type_ensure (RESFRI_TYPE_GAPS_VIEW);
  g_type_ensure (RESFRI_TYPE_PLANNING_VIEW);
  g_type_ensure (RESFRI_TYPE_ROOMS_VIEW);
  g_type_ensure (RESFRI_TYPE_MEETINGS_VIEW);
  g_type_ensure (RESFRI_TYPE_OVERVIEW);
  g_type_ensure (RESFRI_TYPE_FIRST_RUN);
  g_type_ensure (RESFRI_TYPE_PROGRESS_BAR);

  gtk_widget_class_set_template_from_resource (widget_class, "/se/resfri/Resfri/ui/resfri-window.ui");
  gtk_widget_class_bind_template_child (widget_class, ResfriWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, ResfriWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, ResfriWindow, switcher_bar);
  gtk_widget_class_bind_template_child (widget_class, ResfriWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, ResfriWindow, overview);
  gtk_widget_class_bind_template_child (widget_class, ResfriWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, ResfriWindow, spinner);
  gtk_widget_class_bind_template_child (widget_class, ResfriWindow, first_run);
  gtk_widget_class_bind_template_child (widget_class, ResfriWindow, work_progress);
  gtk_widget_class_bind_template_child (widget_class, ResfriWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, ResfriWindow, sync_revealer);
  gtk_widget_class_bind_template_child (widget_class, ResfriWindow, sync_spinner);
  gtk_widget_class_bind_template_child (widget_class, ResfriWindow, new_meeting_button);
  gtk_widget_class_bind_template_child (widget_class, ResfriWindow, sync_label);
  gtk_widget_class_bind_template_child (widget_class, ResfriWindow, sync_progress);

  _resfri_window_class_actions_init (klass);
  _resfri_window_class_sync_init (klass);
}

static void
resfri_window_init (ResfriWindow *self)
{
  self->stale_views = g_hash_table_new (NULL, NULL);
  self->views = g_ptr_array_new ();
  self->after_first_frame = g_ptr_array_new_with_free_func ((GDestroyNotify) g_source_unref);

  gtk_widget_init_template (GTK_WIDGET (self));
  g_ptr_array_add (self->views, self->overview);

  {
    GtkDropTarget *drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);

    g_signal_connect_object (drop, "drop", G_CALLBACK (on_drop_cb), self, 0);
    gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));
  }

  g_signal_connect_object (self->window_title, "notify::title-visible",
                           G_CALLBACK (update_switcher_bar), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->view_stack, "notify::visible-child",
                           G_CALLBACK (on_visible_view_changed_cb), self, G_CONNECT_SWAPPED);
  on_visible_view_changed_cb (self);
}

/**
 * resfri_window_new:
 * @application: the application
 * @path: the database file
 * @store: (nullable): the store opened on @path, or %NULL when it failed
 * @error: (nullable): why opening @path failed, when @store is %NULL
 *
 * Returns: (transfer none): a window showing what @store holds, or explaining
 *   @error
 */
ResfriWindow *
resfri_window_new (ResfriApplication *application,
                   const char        *path,
                   ResfriStore       *store,
                   const GError      *error)
{
  ResfriWindow *self;

  g_return_val_if_fail (RESFRI_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (store == NULL || RESFRI_IS_STORE (store), NULL);
  g_return_val_if_fail (store != NULL || error != NULL, NULL);

  self = g_object_new (RESFRI_TYPE_WINDOW,
                       "application", application,
                       "path", path,
                       "store", store,
                       NULL);

  /* Not in constructed(): "application" is not a construct property, so
   * it is set only after constructed() ran. */
  restore_window_state (self);

  if (store == NULL)
    show_error (self, error);
  else
    _resfri_window_sync_start (self);

  return self;
}

const char *
resfri_window_get_path (ResfriWindow *self)
{
  g_return_val_if_fail (RESFRI_IS_WINDOW (self), NULL);

  return self->path;
}

/**
 * resfri_window_after_first_frame:
 * @func: called once, at low priority, after the window's first frame
 *
 * Runs @func when the window has painted its first frame (at once, in an
 * idle, if it has), so that work not needed for the first screen does not
 * delay it. A window closed before it paints drops @func, calling @destroy.
 */
void
resfri_window_after_first_frame (ResfriWindow   *self,
                                 GSourceFunc     func,
                                 gpointer        user_data,
                                 GDestroyNotify  destroy)
{
  GSource *source;

  g_return_if_fail (RESFRI_IS_WINDOW (self));
  g_return_if_fail (func != NULL);

  source = g_idle_source_new ();
  g_source_set_priority (source, G_PRIORITY_LOW);
  g_source_set_callback (source, func, user_data, destroy);
  g_source_set_static_name (source, "[resfri] after the first frame");

  if (self->startup_painted)
    {
      g_source_attach (source, NULL);
      g_source_unref (source);
    }
  else
    g_ptr_array_add (self->after_first_frame, source);
}

/**
 * resfri_window_get_store:
 *
 * Returns: (transfer none) (nullable): the store, %NULL when it could not be
 *   opened
 */
ResfriStore *
resfri_window_get_store (ResfriWindow *self)
{
  g_return_val_if_fail (RESFRI_IS_WINDOW (self), NULL);

  return self->store;
}

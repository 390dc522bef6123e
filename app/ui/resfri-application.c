/* resfri-application.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The application: which database file to open (--db, $RESFRI_DB, the file
 * last chosen with Open Database… or the default), one window per file, the
 * app actions (about, preferences, open database, quit) and their
 * shortcuts, and the settings the windows keep their size in.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "resfri-application.h"
#include "resfri-importer.h"
#include "resfri-preferences-window.h"
#include "resfri-renderer.h"
#include "resfri-retention.h"
#include "resfri-search-provider.h"
#include "resfri-store.h"
#include "resfri-window.h"

/* How long a write of the window waits for another program's write lock. */
#define MAIN_THREAD_BUSY_TIMEOUT_MS 3000

struct _ResfriApplication
{
  AdwApplication  parent_instance;

  /* NULL when the schema is not installed (a build folder without
   * GSETTINGS_SCHEMA_DIR): the window then keeps its size for this run only
   * instead of aborting in g_settings_new(). */
  GSettings      *settings;

  ResfriSearchProvider *search_provider;
};

G_DEFINE_FINAL_TYPE (ResfriApplication, resfri_application, ADW_TYPE_APPLICATION)

static const GOptionEntry option_entries[] = {
  { "db", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("The database file (default: $RESFRI_DB, else resfri/resfri.db in your data folder)"),
    N_("PATH") },
  { NULL }
};

static char *
resolve_path (GApplicationCommandLine *cmdline,
              const char              *path)
{
  g_autoptr(GFile) file = NULL;

  if (cmdline != NULL)
    file = g_application_command_line_create_file_for_arg (cmdline, path);
  else
    file = g_file_new_for_commandline_arg (path);

  return g_file_get_path (file);
}

/* The same order as resfri-cli: --db PATH, else $RESFRI_DB, then the file
 * chosen last with Open Database… (the database-path setting), else the
 * default. The environment is the one of the process that was started,
 * which may not be the running primary instance. */
static char *
find_database_path (ResfriApplication       *self,
                    GApplicationCommandLine *cmdline)
{
  g_autofree char *chosen = NULL;
  GVariantDict *options = NULL;
  const char *db = NULL;
  const char *env;

  if (cmdline != NULL)
    options = g_application_command_line_get_options_dict (cmdline);

  if (options != NULL && g_variant_dict_lookup (options, "db", "^&ay", &db) && db[0] != '\0')
    return resolve_path (cmdline, db);

  if (cmdline != NULL)
    env = g_application_command_line_getenv (cmdline, "RESFRI_DB");
  else
    env = g_getenv ("RESFRI_DB");

  if (env != NULL && env[0] != '\0')
    return resolve_path (cmdline, env);

  if (self->settings != NULL)
    chosen = g_settings_get_string (self->settings, "database-path");
  if (chosen != NULL && chosen[0] != '\0')
    return g_steal_pointer (&chosen);

  return resfri_store_dup_default_path ();
}

/* One window per database file: asking again for a file that is open
 * presents its window. The store is opened here; a file that cannot be
 * opened gets a window that explains why. */

/* A failure is no reason not to show the database: it is said once. */
static void
extend_horizon_thread (GTask        *task,
                       gpointer      source_object,
                       gpointer      task_data,
                       GCancellable *cancellable)
{
  const char *path = task_data;
  g_autoptr(ResfriStore) store = NULL;
  g_autoptr(GError) error = NULL;

  store = resfri_store_open (path, &error);
  if (store == NULL ||
      !resfri_store_extend_horizon (store, g_get_real_time () / G_USEC_PER_SEC, NULL, &error))
    g_message ("Open-ended series were not expanded further: %s", error->message);
  g_clear_error (&error);
  /* Retention (spec/privacy.md): what became due since the last purge. */
  if (store != NULL && !resfri_retention_purge_due (store, 0, NULL, &error))
    g_message ("Old meetings were not purged: %s", error->message);
  g_task_return_boolean (task, TRUE);
}

static gboolean
extend_horizon_cb (gpointer user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, NULL, NULL, NULL);

  g_task_set_task_data (task, g_strdup (user_data), g_free);
  g_task_run_in_thread (task, extend_horizon_thread);

  return G_SOURCE_REMOVE;
}

static ResfriWindow *
open_database_window (ResfriApplication *self,
                      const char        *path)
{
  g_autoptr(ResfriStore) store = NULL;
  g_autoptr(GError) error = NULL;
  ResfriWindow *window;

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    {
      if (RESFRI_IS_WINDOW (l->data) &&
          g_strcmp0 (resfri_window_get_path (l->data), path) == 0)
        {
          gtk_window_present (GTK_WINDOW (l->data));
          return l->data;
        }
    }

  store = resfri_store_open (path, &error);
  /* The window's own writes (a booking, an exemption) run on the main
   * thread: behind a long import by resfri-cli they say after a few
   * seconds that the database is busy, rather than freeze the window. */
  if (store != NULL)
    resfri_store_set_busy_timeout (store, MAIN_THREAD_BUSY_TIMEOUT_MS);

  window = resfri_window_new (self, path, store, error);
  gtk_window_present (GTK_WINDOW (window));

  /* Open-ended series reach as far ahead as when they were imported. Once
   * a month has passed they are expanded further; finding them reads every
   * stored meeting (a quarter of a second on the 60,000-employee demo), so
   * it runs on a worker connection once the window's first frame is on
   * screen (not competing with it for the processor), and the window's
   * watch on the database (PRAGMA data_version) shows what it adds. */
  if (store != NULL)
    resfri_window_after_first_frame (window, extend_horizon_cb, g_strdup (path), g_free);

  return window;
}

static void
resfri_application_about_action (GSimpleAction *action,
                                 GVariant      *parameter,
                                 gpointer       user_data)
{
  ResfriApplication *self = user_data;
  static const char *developers[] = { "The Resfri authors", NULL };
  GtkWindow *window;
  GtkWidget *about;

  window = gtk_application_get_active_window (GTK_APPLICATION (self));
  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", window,
                        "modal", TRUE,
                        "application-icon", APP_ID,
                        "application-name", _("Resfri"),
                        "developer-name", _("The Resfri authors"),
                        "version", PACKAGE_VERSION,
                        "comments", _("Plan travel-free meetings: check meetings against the "
                                      "travel policy, book video rooms and loan equipment, "
                                      "and follow the policy up."),
                        "copyright", "© 2026 The Resfri authors",
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "developers", developers,
                        /* Translators: your names, one a line */
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static void
resfri_application_preferences_action (GSimpleAction *action,
                                       GVariant      *parameter,
                                       gpointer       user_data)
{
  ResfriApplication *self = user_data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));
  ResfriPreferencesWindow *preferences;

  /* The policy is the open database's: a window without one (the file
   * could not be opened) has none to show. */
  if (!RESFRI_IS_WINDOW (window) || resfri_window_get_store (RESFRI_WINDOW (window)) == NULL)
    return;

  preferences = resfri_preferences_window_new (window,
                                               resfri_window_get_store (RESFRI_WINDOW (window)));
  gtk_window_present (GTK_WINDOW (preferences));
}

static void
resfri_application_quit_action (GSimpleAction *action,
                                GVariant      *parameter,
                                gpointer       user_data)
{
  ResfriApplication *self = user_data;
  GList *windows;

  /* Closing (not destroying) lets every window save its size; the
   * application quits when the last one is gone. */
  windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (l->data);
  g_list_free (windows);
}

static void
on_open_database_response_cb (GtkNativeDialog   *dialog,
                              int                response,
                              ResfriApplication *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;
      GtkWindow *parent = gtk_native_dialog_get_transient_for (dialog);

      if (path != NULL)
        {
          ResfriWindow *window;

          /* Remembered: the next start opens it without --db or $RESFRI_DB. */
          if (self->settings != NULL)
            g_settings_set_string (self->settings, "database-path", path);
          window = open_database_window (self, path);
          /* The window that asked was for another file: this one replaces it. */
          if (parent != NULL && parent != GTK_WINDOW (window))
            gtk_window_close (parent);
        }
    }

  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

/* Another database file, through the portal's file chooser under Flatpak. */
static void
resfri_application_open_database_action (GSimpleAction *action,
                                         GVariant      *parameter,
                                         gpointer       user_data)
{
  ResfriApplication *self = user_data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));
  g_autoptr(GtkFileFilter) databases = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();
  GtkFileChooserNative *dialog;

  dialog = gtk_file_chooser_native_new (_("Open Database"), window, GTK_FILE_CHOOSER_ACTION_OPEN,
                                        _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  gtk_file_filter_set_name (databases, _("Resfri Databases (.db)"));
  gtk_file_filter_add_suffix (databases, "db");
  gtk_file_filter_add_mime_type (databases, "application/vnd.sqlite3");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), databases);
  gtk_file_filter_set_name (all, _("All Files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), all);

  g_signal_connect_object (dialog, "response", G_CALLBACK (on_open_database_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static const GActionEntry app_actions[] = {
  { "about", resfri_application_about_action },
  { "preferences", resfri_application_preferences_action },
  { "open-database", resfri_application_open_database_action },
  { "quit", resfri_application_quit_action },
};

static void
resfri_application_startup (GApplication *app)
{
  ResfriApplication *self = RESFRI_APPLICATION (app);
  g_autoptr(GSettingsSchema) schema = NULL;
  GSettingsSchemaSource *source;

  /* GTK loads the theme its settings name (Default) when it opens the
   * display, and libadwaita then replaces it with its own stylesheet and
   * the empty theme Adwaita-empty: parsing Default was a third of the work
   * before the first frame, for nothing. $GTK_THEME picks the theme GTK
   * loads, so main() names the empty theme there (while it is the only
   * thread) unless the user set one, and it is taken back once GTK has
   * opened the display, before libadwaita's style manager starts: with
   * $GTK_THEME set, libadwaita would not load its stylesheet at all.
   * Unsetting only moves the environment's pointers; it frees nothing a
   * thread could be reading. */
  if (resfri_startup_empty_theme)
    {
      gtk_init ();
      gtk_settings_get_default ();
      g_unsetenv ("GTK_THEME");
      resfri_startup_empty_theme = FALSE;
    }

  G_APPLICATION_CLASS (resfri_application_parent_class)->startup (app);

  /* Before any window: GTK makes a window's renderer when it is shown. */
  resfri_renderer_choose (gdk_display_get_default ());

  /* Follow the desktop's light or dark preference. */
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_DEFAULT);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences",
                                         (const char *[]) { "<Control>comma", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit",
                                         (const char *[]) { "<Control>q", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.reload",
                                         (const char *[]) { "<Control>r", "F5", NULL });
  /* Ctrl+R and F5 reload; the sync takes their Shift variants. */
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.sync",
                                         (const char *[]) { "<Control><Shift>r", "<Shift>F5", NULL });
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "window.close",
                                         (const char *[]) { "<Control>w", NULL });
  /* GtkApplication's own for a gtk/help-overlay.ui, which we build only when
   * it is asked for (resfri-window-actions.c). */
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.show-help-overlay",
                                         (const char *[]) { "<Control>question", NULL });

  source = g_settings_schema_source_get_default ();
  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
  if (schema != NULL)
    self->settings = g_settings_new_full (schema, NULL, NULL);
  else
    g_warning ("The settings schema %s is not installed; the window size will not be kept",
               APP_ID);
}

static int
resfri_application_command_line (GApplication            *app,
                                 GApplicationCommandLine *cmdline)
{
  g_autofree char *path = find_database_path (RESFRI_APPLICATION (app), cmdline);
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  g_auto(GStrv) argv = NULL;
  ResfriWindow *window;
  int argc;

  /* The arguments after the options are .ics files to import, resolved
   * from the caller's folder (the primary instance may run elsewhere). */
  argv = g_application_command_line_get_arguments (cmdline, &argc);
  for (int i = 1; i < argc; i++)
    g_ptr_array_add (files, g_application_command_line_create_file_for_arg (cmdline, argv[i]));

  window = open_database_window (RESFRI_APPLICATION (app), path);
  resfri_window_import_files (window, (GFile **) files->pdata, files->len);

  return EXIT_SUCCESS;
}

static void
resfri_application_activate (GApplication *app)
{
  g_autofree char *path = find_database_path (RESFRI_APPLICATION (app), NULL);

  open_database_window (RESFRI_APPLICATION (app), path);
}

static void
resfri_application_open (GApplication  *app,
                         GFile        **files,
                         int            n_files,
                         const char    *hint)
{
  g_autofree char *path = find_database_path (RESFRI_APPLICATION (app), NULL);
  ResfriWindow *window;

  /* Calendars opened from the file manager go into the default database. */
  window = open_database_window (RESFRI_APPLICATION (app), path);
  resfri_window_import_files (window, files, n_files);
}

static char *
search_path (GApplication *app)
{
  return find_database_path (RESFRI_APPLICATION (app), NULL);
}

/* A result of GNOME Shell's search: the window showing it on its view
 * (NULL: the window as it is). */
static void
search_activate (GApplication *app,
                 const char   *id)
{
  g_autofree char *path = search_path (app);
  ResfriWindow *window = open_database_window (RESFRI_APPLICATION (app), path);

  if (id != NULL)
    gtk_widget_activate_action (GTK_WIDGET (window), "win.show-search-result", "s", id);
}

static gboolean
resfri_application_dbus_register (GApplication     *app,
                                  GDBusConnection  *connection,
                                  const char       *object_path,
                                  GError          **error)
{
  ResfriApplication *self = RESFRI_APPLICATION (app);
  g_autofree char *path = g_strconcat (object_path, "/SearchProvider", NULL);

  if (!G_APPLICATION_CLASS (resfri_application_parent_class)->dbus_register (app, connection,
                                                                             object_path, error))
    return FALSE;

  self->search_provider = resfri_search_provider_new (app, search_path, search_activate,
                                                      connection, path, error);
  return self->search_provider != NULL;
}

static void
resfri_application_dbus_unregister (GApplication    *app,
                                    GDBusConnection *connection,
                                    const char      *object_path)
{
  ResfriApplication *self = RESFRI_APPLICATION (app);

  g_clear_pointer (&self->search_provider, resfri_search_provider_free);

  G_APPLICATION_CLASS (resfri_application_parent_class)->dbus_unregister (app, connection,
                                                                          object_path);
}

static void
resfri_application_dispose (GObject *object)
{
  ResfriApplication *self = (ResfriApplication *)object;

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (resfri_application_parent_class)->dispose (object);
}

static void
resfri_application_class_init (ResfriApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = resfri_application_dispose;

  app_class->startup = resfri_application_startup;
  app_class->command_line = resfri_application_command_line;
  app_class->activate = resfri_application_activate;
  app_class->open = resfri_application_open;
  app_class->dbus_register = resfri_application_dbus_register;
  app_class->dbus_unregister = resfri_application_dbus_unregister;
}

static void
resfri_application_init (ResfriApplication *self)
{
  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
  g_application_set_option_context_parameter_string (G_APPLICATION (self), _("[FILE.ics…]"));
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Plan travel-free meetings."));
}

ResfriApplication *
resfri_application_new (void)
{
  return g_object_new (RESFRI_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", (G_APPLICATION_HANDLES_COMMAND_LINE |
                                 G_APPLICATION_HANDLES_OPEN |
                                 G_APPLICATION_SEND_ENVIRONMENT),
                       "resource-base-path", "/se/resfri/Resfri",
                       NULL);
}

/**
 * resfri_application_get_settings:
 *
 * Returns: (transfer none) (nullable): the application's settings, or %NULL
 *   when the schema is not installed
 */
GSettings *
resfri_application_get_settings (ResfriApplication *self)
{
  g_return_val_if_fail (RESFRI_IS_APPLICATION (self), NULL);

  return self->settings;
}

/* resfri-general-page.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The General page of Preferences: who "I" am (an e-mail address kept in
 * GSettings' user-email, typed or chosen from the people register, read on
 * a worker when the chooser first opens), for the Overview's own meetings;
 * and the database: where it is stored and how many units, sites, people,
 * rooms, items, meetings, occurrences, bookings and exemptions it holds,
 * counted on a worker.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "resfri-application.h"
#include "resfri-general-page.h"
#include "resfri-person.h"

/* The chooser lists at most this many people matching the search. */
#define MAX_PEOPLE 50

/* What the page counts, in the order of the rows. */
static const struct
{
  const char *title;
  gsize       offset;
} count_rows[] = {
  { N_("Units"), G_STRUCT_OFFSET (ResfriStoreCounts, units) },
  { N_("Sites"), G_STRUCT_OFFSET (ResfriStoreCounts, sites) },
  { N_("People"), G_STRUCT_OFFSET (ResfriStoreCounts, people) },
  { N_("Rooms"), G_STRUCT_OFFSET (ResfriStoreCounts, rooms) },
  { N_("Equipment items"), G_STRUCT_OFFSET (ResfriStoreCounts, equipment) },
  { N_("Meetings"), G_STRUCT_OFFSET (ResfriStoreCounts, meetings) },
  { N_("Occurrences"), G_STRUCT_OFFSET (ResfriStoreCounts, occurrences) },
  { N_("Bookings"), G_STRUCT_OFFSET (ResfriStoreCounts, bookings) },
  { N_("Exemptions"), G_STRUCT_OFFSET (ResfriStoreCounts, exemptions) },
};

#define N_COUNTS G_N_ELEMENTS (count_rows)

struct _ResfriGeneralPage
{
  AdwPreferencesPage   parent_instance;

  ResfriStore         *store;
  GCancellable        *cancellable;
  GListModel          *people;    /* ResfriPerson, NULL until read */
  gboolean             loading_people;

  /* Template widgets */
  AdwEntryRow         *email_row;
  GtkMenuButton       *people_button;
  GtkPopover          *people_popover;
  GtkSearchEntry      *people_search;
  GtkStack            *people_stack;
  GtkSpinner          *people_spinner;
  GtkListBox          *people_list;
  AdwPreferencesGroup *counts_group;

  GtkWidget           *rows[N_COUNTS];
  GtkLabel            *count_labels[N_COUNTS];
};

G_DEFINE_FINAL_TYPE (ResfriGeneralPage, resfri_general_page, ADW_TYPE_PREFERENCES_PAGE)

static GSettings *
get_settings (void)
{
  GApplication *app = g_application_get_default ();

  return RESFRI_IS_APPLICATION (app) ? resfri_application_get_settings (RESFRI_APPLICATION (app))
                                     : NULL;
}

/* Who I am */

/* Applied as it is typed, as GNOME's preferences are. */
static void
on_email_changed_cb (ResfriGeneralPage *self)
{
  GSettings *settings = get_settings ();
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->email_row));
  g_autofree char *email = g_strstrip (g_strdup (text));
  g_autofree char *stored = NULL;

  if (settings == NULL)
    return;
  stored = g_settings_get_string (settings, "user-email");
  if (g_strcmp0 (email, stored) != 0)
    g_settings_set_string (settings, "user-email", email);
}

static GtkWidget *
person_row_new (ResfriPerson *person)
{
  GtkWidget *row = adw_action_row_new ();
  const char *name = resfri_person_get_name (person);
  const char *email = resfri_person_get_email (person);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name != NULL && *name ? name : email);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), email);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data_full (G_OBJECT (row), "email", g_strdup (email), g_free);
  return row;
}

static gboolean
person_matches (ResfriPerson *person,
                const char   *folded)
{
  g_autofree char *email = NULL;
  g_autofree char *name = NULL;

  if (folded[0] == '\0')
    return TRUE;
  email = g_utf8_casefold (resfri_person_get_email (person), -1);
  if (strstr (email, folded) != NULL)
    return TRUE;
  name = g_utf8_casefold (resfri_person_get_name (person) ? resfri_person_get_name (person) : "",
                         -1);
  return strstr (name, folded) != NULL;
}

static void
fill_people (ResfriGeneralPage *self)
{
  g_autofree char *folded = NULL;
  GtkWidget *child;
  guint n, shown = 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->people_list))) != NULL)
    gtk_list_box_remove (self->people_list, child);

  if (self->people == NULL)
    return;

  folded = g_utf8_casefold (gtk_editable_get_text (GTK_EDITABLE (self->people_search)), -1);
  g_strstrip (folded);
  n = g_list_model_get_n_items (self->people);
  for (guint i = 0; i < n && shown < MAX_PEOPLE; i++)
    {
      g_autoptr(ResfriPerson) person = g_list_model_get_item (self->people, i);

      if (!person_matches (person, folded))
        continue;
      gtk_list_box_append (self->people_list, person_row_new (person));
      shown++;
    }

  if (shown == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     n == 0 ? _("The people register is empty")
                                            : _("Nobody matches the search"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
      gtk_list_box_append (self->people_list, row);
    }
}

static void
people_loaded_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(ResfriGeneralPage) self = user_data;
  g_autoptr(GError) error = NULL;
  GListModel *people;

  people = resfri_person_list_finish (RESFRI_STORE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->loading_people = FALSE;
  gtk_spinner_stop (self->people_spinner);
  self->people = people != NULL ? people : G_LIST_MODEL (g_list_store_new (G_TYPE_OBJECT));
  fill_people (self);
  gtk_stack_set_visible_child_name (self->people_stack, "list");
}

static void
on_people_popover_show_cb (ResfriGeneralPage *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self->people_search));
  if (self->people != NULL || self->loading_people || self->store == NULL)
    return;

  self->loading_people = TRUE;
  gtk_spinner_start (self->people_spinner);
  gtk_stack_set_visible_child_name (self->people_stack, "loading");
  resfri_person_list_async (self->store, self->cancellable, people_loaded_cb, g_object_ref (self));
}

static void
on_people_search_changed_cb (ResfriGeneralPage *self)
{
  fill_people (self);
}

static void
choose_person (ResfriGeneralPage *self,
               GtkListBoxRow     *row)
{
  const char *email = row != NULL ? g_object_get_data (G_OBJECT (row), "email") : NULL;

  if (email == NULL)
    return;

  gtk_editable_set_text (GTK_EDITABLE (self->email_row), email);
  gtk_popover_popdown (self->people_popover);
}

static void
on_person_activated_cb (ResfriGeneralPage *self,
                        GtkListBoxRow     *row)
{
  choose_person (self, row);
}

/* Enter in the search takes the first person listed. */
static void
on_people_search_activate_cb (ResfriGeneralPage *self)
{
  choose_person (self, gtk_list_box_get_row_at_index (self->people_list, 0));
}

static void
on_user_email_changed_cb (GSettings         *settings,
                          const char        *key,
                          ResfriGeneralPage *self)
{
  g_autofree char *email = g_settings_get_string (settings, "user-email");
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->email_row));
  g_autofree char *shown = g_strstrip (g_strdup (text));

  if (g_strcmp0 (email, shown) != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->email_row), email);
}

/* The database */

/* @path for people: the home folder as "~", as GNOME's file chooser and
 * Files show it. */
static char *
display_home_path (const char *path)
{
  g_autofree char *display = g_filename_display_name (path);
  g_autofree char *home = g_filename_display_name (g_get_home_dir ());
  gsize length = strlen (home);

  if (length > 1 && g_str_has_prefix (display, home) && display[length] == G_DIR_SEPARATOR)
    return g_strconcat ("~", display + length, NULL);
  return g_steal_pointer (&display);
}

static void
build_count_rows (ResfriGeneralPage *self)
{
  for (guint i = 0; i < N_COUNTS; i++)
    {
      GtkWidget *row;
      GtkWidget *label;

      row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(count_rows[i].title));

      label = gtk_label_new ("–");
      gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (label, "numeric");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);

      adw_preferences_group_add (self->counts_group, row);
      self->rows[i] = row;
      self->count_labels[i] = GTK_LABEL (label);
    }
}

static void
counts_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(ResfriGeneralPage) self = user_data;
  g_autoptr(GError) error = NULL;
  ResfriStoreCounts counts = { 0 };

  if (!resfri_store_get_counts_finish (RESFRI_STORE (object), result, &counts, &error))
    return;

  for (guint i = 0; i < N_COUNTS; i++)
    {
      gint64 value = G_STRUCT_MEMBER (gint64, &counts, count_rows[i].offset);
      /* The ' flag groups thousands as the locale does ("1 234" in Swedish). */
      g_autofree char *text = g_strdup_printf ("%'" G_GINT64_FORMAT, value);

      gtk_label_set_text (self->count_labels[i], text);
      /* The row's name is its title; the count is its description. */
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->rows[i]),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text,
                                      -1);
    }
}

static void
show_database (ResfriGeneralPage *self)
{
  const char *path = resfri_store_get_path (self->store);

  if (path != NULL)
    {
      g_autofree char *display_path = display_home_path (path);
      /* The group's description is Pango markup: escape the path.
       * Translators: %s is the path of the database file */
      g_autofree char *description = g_markup_printf_escaped (_("Stored in %s"), display_path);

      adw_preferences_group_set_description (self->counts_group, description);
    }

  resfri_store_get_counts_async (self->store, self->cancellable, counts_cb, g_object_ref (self));
}

/* GObject */

static void
resfri_general_page_dispose (GObject *object)
{
  ResfriGeneralPage *self = RESFRI_GENERAL_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (object), RESFRI_TYPE_GENERAL_PAGE);

  G_OBJECT_CLASS (resfri_general_page_parent_class)->dispose (object);
}

static void
resfri_general_page_finalize (GObject *object)
{
  ResfriGeneralPage *self = RESFRI_GENERAL_PAGE (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->people);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (resfri_general_page_parent_class)->finalize (object);
}

static void
resfri_general_page_class_init (ResfriGeneralPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = resfri_general_page_dispose;
  object_class->finalize = resfri_general_page_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/se/resfri/Resfri/ui/resfri-general-page.ui");
  gtk_widget_class_bind_template_child (widget_class, ResfriGeneralPage, email_row);
  gtk_widget_class_bind_template_child (widget_class, ResfriGeneralPage, people_button);
  gtk_widget_class_bind_template_child (widget_class, ResfriGeneralPage, people_popover);
  gtk_widget_class_bind_template_child (widget_class, ResfriGeneralPage, people_search);
  gtk_widget_class_bind_template_child (widget_class, ResfriGeneralPage, people_stack);
  gtk_widget_class_bind_template_child (widget_class, ResfriGeneralPage, people_spinner);
  gtk_widget_class_bind_template_child (widget_class, ResfriGeneralPage, people_list);
  gtk_widget_class_bind_template_child (widget_class, ResfriGeneralPage, counts_group);
  gtk_widget_class_bind_template_callback (widget_class, on_email_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_people_popover_show_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_people_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_people_search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_person_activated_cb);
}

static void
resfri_general_page_init (ResfriGeneralPage *self)
{
  GSettings *settings = get_settings ();

  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  build_count_rows (self);

  if (settings != NULL)
    {
      g_signal_connect_object (settings, "changed::user-email",
                               G_CALLBACK (on_user_email_changed_cb), self, 0);
      on_user_email_changed_cb (settings, "user-email", self);
    }
}

/**
 * resfri_general_page_new:
 *
 * Returns: (transfer floating): the General page of Preferences on @store
 */
GtkWidget *
resfri_general_page_new (ResfriStore *store)
{
  ResfriGeneralPage *self;

  g_return_val_if_fail (RESFRI_IS_STORE (store), NULL);

  self = g_object_new (RESFRI_TYPE_GENERAL_PAGE, NULL);
  self->store = g_object_ref (store);
  show_database (self);

  return GTK_WIDGET (self);
}

/**
 * resfri_general_page_focus_email:
 *
 * Puts the focus in the e-mail address row (the Overview's "Choose Who You
 * Are…").
 */
void
resfri_general_page_focus_email (ResfriGeneralPage *self)
{
  g_return_if_fail (RESFRI_IS_GENERAL_PAGE (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->email_row));
}

/* resfri-gaps-people-dialog.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * "Without Headset or Camera" for IT (spec/privacy.md: people are named
 * here and in `gaps --people`, never in the follow-up): the people of one
 * unit who lack a working headset or camera of their own, with their
 * unit's name (its path in a tooltip), home site, what they lack and their
 * remote meetings in the horizon; "Assign from Pool…" gives one of them an
 * idle loan item through the Equipment view's assign dialog, and "Export
 * CSV…" writes them all as `gaps --people --format csv` does.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "resfri-assign-dialog.h"
#include "resfri-gaps-people-dialog.h"
#include "resfri-inventory.h"
#include "resfri-report-gaps.h"
#include "resfri-widget-util.h"

/* All units: at most this many people are listed (the CSV has them all). */
#define MAX_ALL_ROWS 200

enum
{
  LACKS_HEADSET = 1 << 0,
  LACKS_CAMERA = 1 << 1,
};

typedef struct
{
  char  *name;
  char  *email;
  char  *unit;
  char  *unit_name;
  char  *site;
  guint  lacks;
  guint  remote;
} Person;

typedef struct
{
  char *tag;
  char *site;
  char *type;
} IdleItem;

struct _ResfriGapsPeopleDialog
{
  AdwWindow     parent_instance;

  GtkDropDown  *unit_dropdown;
  GtkButton    *csv_button;
  GtkLabel     *summary_label;
  GtkListBox   *list;

  ResfriStore  *store;
  GPtrArray    *people;   /* Person, most remote meetings first */
  GPtrArray    *units;    /* unit paths, sorted; index + 1 in the dropdown */
  GPtrArray    *idle;     /* IdleItem */
  char         *csv;
};

G_DEFINE_FINAL_TYPE (ResfriGapsPeopleDialog, resfri_gaps_people_dialog, ADW_TYPE_WINDOW)

enum
{
  ASSIGNED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
person_free (gpointer data)
{
  Person *p = data;

  g_free (p->name);
  g_free (p->email);
  g_free (p->unit);
  g_free (p->unit_name);
  g_free (p->site);
  g_free (p);
}

static void
idle_item_free (gpointer data)
{
  IdleItem *i = data;

  g_free (i->tag);
  g_free (i->site);
  g_free (i->type);
  g_free (i);
}

static char *
format_lacks (guint lacks)
{
  if (lacks == (LACKS_HEADSET | LACKS_CAMERA))
    return g_strdup (_("no headset, no camera"));
  return g_strdup (lacks & LACKS_HEADSET ? _("no headset") : _("no camera"));
}

static const char *
selected_unit (ResfriGapsPeopleDialog *self)
{
  guint selected = gtk_drop_down_get_selected (self->unit_dropdown);

  if (selected == 0 || selected == GTK_INVALID_LIST_POSITION || selected > self->units->len)
    return NULL;
  return g_ptr_array_index (self->units, selected - 1);
}

/* The list */

static void on_assign_clicked_cb (GtkButton              *button,
                                  ResfriGapsPeopleDialog *self);

static GtkWidget *
person_row_new (ResfriGapsPeopleDialog *self,
                Person                 *p)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *count;
  GtkWidget *button;
  g_autofree char *title = g_markup_escape_text (p->name, -1);
  g_autofree char *lacks = format_lacks (p->lacks);
  g_autofree char *subtitle = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *remote = NULL;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  /* Translators: a person's unit · home site · what they lack */
  subtitle = g_strdup_printf (_("%s · %s · %s"), p->unit_name, p->site, lacks);
  escaped = g_markup_escape_text (subtitle, -1);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), escaped);
  gtk_widget_set_tooltip_text (row, p->unit);

  remote = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u remote meeting", "%u remote meetings",
                                         p->remote),
                            p->remote);
  count = gtk_label_new (remote);
  gtk_widget_add_css_class (count, "dim-label");
  gtk_widget_add_css_class (count, "numeric");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), count);

  button = gtk_button_new_with_label (_("Assign from Pool…"));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, _("Give the person an idle loan item of their own"));
  g_object_set_data (G_OBJECT (button), "person", p);
  g_signal_connect_object (button, "clicked", G_CALLBACK (on_assign_clicked_cb), self, 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);

  return row;
}

static void
fill_list (ResfriGapsPeopleDialog *self)
{
  const char *unit = selected_unit (self);
  GtkWidget *child;
  guint shown = 0;
  guint matching = 0;
  g_autofree char *summary = NULL;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);

  for (guint i = 0; i < self->people->len; i++)
    {
      Person *p = g_ptr_array_index (self->people, i);

      if (p->lacks == 0 || (unit != NULL && strcmp (p->unit, unit) != 0))
        continue;
      matching++;
      if (unit == NULL && shown >= MAX_ALL_ROWS)
        continue;
      gtk_list_box_append (self->list, person_row_new (self, p));
      shown++;
    }

  if (matching == 0)
    summary = g_strdup (_("Everyone has a headset and a camera."));
  else if (shown < matching)
    summary = g_strdup_printf (_("The %u of %u people with the most remote meetings; choose a unit, "
                                 "or export them all as CSV."),
                               shown, matching);
  else
    summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "%u person without a working headset or camera of their own, "
                                            "most remote meetings first.",
                                            "%u people without a working headset or camera of their own, "
                                            "most remote meetings first.",
                                            matching),
                               matching);
  gtk_label_set_text (self->summary_label, summary);
}

/* Assigning */

static IdleItem *
find_idle (ResfriGapsPeopleDialog *self,
           const char             *site,
           const char             *type)
{
  IdleItem *elsewhere = NULL;

  /* One at the person's site first; else one from another site, which
   * assigning moves to theirs. */
  for (guint i = 0; i < self->idle->len; i++)
    {
      IdleItem *item = g_ptr_array_index (self->idle, i);

      if (strcmp (item->type, type) != 0)
        continue;
      if (strcmp (item->site, site) == 0)
        return item;
      if (elsewhere == NULL)
        elsewhere = item;
    }

  return elsewhere;
}

static void
on_assign_response_cb (ResfriAssignDialog     *dialog,
                       const char             *response,
                       ResfriGapsPeopleDialog *self)
{
  g_autoptr(ResfriItem) changed = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *email = NULL;
  g_autofree char *markup = NULL;
  const char *tag = resfri_assign_dialog_get_tag (dialog);

  if (g_strcmp0 (response, "assign") != 0)
    return;

  email = resfri_assign_dialog_dup_email (dialog);
  if (!(changed = resfri_inventory_assign (self->store, tag, email, &error)))
    {
      markup = g_markup_printf_escaped (_("Cannot assign the item: %s"), error->message);
      resfri_widget_add_toast (GTK_WIDGET (self->list), markup);
      return;
    }

  /* The item is no longer idle; the person no longer lacks its type. */
  for (guint i = 0; i < self->idle->len; i++)
    {
      IdleItem *item = g_ptr_array_index (self->idle, i);

      if (strcmp (item->tag, tag) == 0)
        {
          guint type = strcmp (item->type, "headset") == 0 ? LACKS_HEADSET : LACKS_CAMERA;

          for (guint j = 0; j < self->people->len; j++)
            {
              Person *p = g_ptr_array_index (self->people, j);

              if (g_ascii_strcasecmp (p->email, email) == 0)
                p->lacks &= ~type;
            }
          g_ptr_array_remove_index (self->idle, i);
          break;
        }
    }
  fill_list (self);

  markup = g_markup_printf_escaped (_("Assigned %s to %s"), tag, email);
  resfri_widget_add_toast (GTK_WIDGET (self->list), markup);
  g_signal_emit (self, signals[ASSIGNED], 0);
}

static void
on_assign_clicked_cb (GtkButton              *button,
                      ResfriGapsPeopleDialog *self)
{
  Person *p = g_object_get_data (G_OBJECT (button), "person");
  const char *type = p->lacks & LACKS_HEADSET ? "headset" : "camera";
  IdleItem *item = find_idle (self, p->site, type);
  g_autofree char *person = NULL;
  GtkWidget *dialog;

  if (item == NULL)
    {
      g_autofree char *markup = NULL;

      markup = g_markup_printf_escaped (strcmp (type, "headset") == 0
                                        ? _("No idle headset in any loan pool: order one")
                                        : _("No idle camera in any loan pool: order one"));
      resfri_widget_add_toast (GTK_WIDGET (self->list), markup);
      return;
    }

  dialog = resfri_assign_dialog_new (GTK_WINDOW (self), item->tag, NULL);
  person = g_strdup_printf ("%s <%s>", p->name, p->email);
  resfri_assign_dialog_set_person (RESFRI_ASSIGN_DIALOG (dialog), person);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_assign_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Export */

static void
on_export_response_cb (GtkNativeDialog        *dialog,
                       int                     response,
                       ResfriGapsPeopleDialog *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *name = g_file_get_basename (file);
      g_autoptr(GError) error = NULL;
      g_autofree char *markup = NULL;

      if (g_file_replace_contents (file, self->csv, strlen (self->csv), NULL, FALSE,
                                   G_FILE_CREATE_PRIVATE, NULL, NULL, &error))
        markup = g_markup_printf_escaped (_("Saved “%s”"), name);
      else
        markup = g_markup_printf_escaped (_("Nothing was saved: %s"), error->message);
      resfri_widget_add_toast (GTK_WIDGET (self->list), markup);
    }

  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

static void
on_csv_clicked_cb (ResfriGapsPeopleDialog *self)
{
  GtkFileChooserNative *dialog;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  dialog = gtk_file_chooser_native_new (_("Export the People Without a Headset or Camera as CSV"),
                                        GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_SAVE,
                                        _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  gtk_file_filter_set_name (filter, _("CSV files (.csv)"));
  gtk_file_filter_add_mime_type (filter, "text/csv");
  gtk_file_filter_add_suffix (filter, "csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  /* Translators: a file name */
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), _("without-headset-or-camera.csv"));
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_export_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

/* The data */

static int
compare_paths (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

/**
 * resfri_gaps_people_dialog_set_gaps:
 * @gaps: the gaps (copied from)
 *
 * Shows the people of @gaps, keeping the unit shown.
 */
void
resfri_gaps_people_dialog_set_gaps (ResfriGapsPeopleDialog *self,
                                    const ResfriGaps       *gaps)
{
  g_autofree char *unit = g_strdup (selected_unit (self));
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);

  g_return_if_fail (RESFRI_IS_GAPS_PEOPLE_DIALOG (self));
  g_return_if_fail (gaps != NULL);

  g_ptr_array_set_size (self->people, 0);
  g_ptr_array_set_size (self->units, 0);
  g_ptr_array_set_size (self->idle, 0);

  for (guint i = 0; i < gaps->people_without->len; i++)
    {
      const ResfriPersonWithout *w = g_ptr_array_index (gaps->people_without, i);
      Person *p = self->people->len > 0 ? g_ptr_array_index (self->people, self->people->len - 1) : NULL;
      guint lacks = strcmp (w->type, "headset") == 0 ? LACKS_HEADSET : LACKS_CAMERA;

      /* A person's two rows are next to each other. */
      if (p == NULL || strcmp (p->email, w->person) != 0)
        {
          p = g_new0 (Person, 1);
          p->name = g_strdup (w->name != NULL ? w->name : w->person);
          p->email = g_strdup (w->person);
          p->unit = g_strdup (w->unit);
          p->unit_name = g_strdup (resfri_gaps_unit_name (w->unit_name, w->unit));
          p->site = g_strdup (w->site != NULL ? w->site : "");
          p->remote = w->remote_occurrences;
          g_ptr_array_add (self->people, p);
          if (g_hash_table_add (seen, p->unit))
            g_ptr_array_add (self->units, g_strdup (p->unit));
        }
      p->lacks |= lacks;
    }
  g_ptr_array_sort (self->units, compare_paths);

  for (guint i = 0; i < gaps->idle->len; i++)
    {
      const ResfriIdleItem *src = g_ptr_array_index (gaps->idle, i);
      IdleItem *item = g_new0 (IdleItem, 1);

      item->tag = g_strdup (src->tag);
      item->site = g_strdup (src->site);
      item->type = g_strdup (src->type);
      g_ptr_array_add (self->idle, item);
    }

  g_free (self->csv);
  self->csv = resfri_report_gaps_people_to_csv (gaps);

  gtk_string_list_append (names, _("All Units"));
  for (guint i = 0; i < self->units->len; i++)
    gtk_string_list_append (names, resfri_gaps_unit_name (NULL, g_ptr_array_index (self->units, i)));
  gtk_drop_down_set_model (self->unit_dropdown, G_LIST_MODEL (names));
  resfri_gaps_people_dialog_set_unit (self, unit);
}

/**
 * resfri_gaps_people_dialog_set_unit:
 * @unit: (nullable): a unit's path; %NULL: every unit
 */
void
resfri_gaps_people_dialog_set_unit (ResfriGapsPeopleDialog *self,
                                    const char             *unit)
{
  guint position = 0;

  g_return_if_fail (RESFRI_IS_GAPS_PEOPLE_DIALOG (self));

  for (guint i = 0; unit != NULL && i < self->units->len; i++)
    if (strcmp (g_ptr_array_index (self->units, i), unit) == 0)
      position = i + 1;
  if (gtk_drop_down_get_selected (self->unit_dropdown) == position)
    fill_list (self);
  else
    gtk_drop_down_set_selected (self->unit_dropdown, position);
}

static void
on_unit_changed_cb (ResfriGapsPeopleDialog *self)
{
  fill_list (self);
}

static void
resfri_gaps_people_dialog_finalize (GObject *object)
{
  ResfriGapsPeopleDialog *self = (ResfriGapsPeopleDialog *) object;

  g_clear_object (&self->store);
  g_clear_pointer (&self->people, g_ptr_array_unref);
  g_clear_pointer (&self->units, g_ptr_array_unref);
  g_clear_pointer (&self->idle, g_ptr_array_unref);
  g_clear_pointer (&self->csv, g_free);

  G_OBJECT_CLASS (resfri_gaps_people_dialog_parent_class)->finalize (object);
}

static void
resfri_gaps_people_dialog_class_init (ResfriGapsPeopleDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = resfri_gaps_people_dialog_finalize;

  /**
   * ResfriGapsPeopleDialog::assigned:
   *
   * An item was assigned: the gaps have changed.
   */
  signals[ASSIGNED] = g_signal_new ("assigned", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                    NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/se/resfri/Resfri/ui/resfri-gaps-people-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, ResfriGapsPeopleDialog, unit_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ResfriGapsPeopleDialog, csv_button);
  gtk_widget_class_bind_template_child (widget_class, ResfriGapsPeopleDialog, summary_label);
  gtk_widget_class_bind_template_child (widget_class, ResfriGapsPeopleDialog, list);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
resfri_gaps_people_dialog_init (ResfriGapsPeopleDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->people = g_ptr_array_new_with_free_func (person_free);
  self->units = g_ptr_array_new_with_free_func (g_free);
  self->idle = g_ptr_array_new_with_free_func (idle_item_free);

  g_signal_connect_object (self->unit_dropdown, "notify::selected",
                           G_CALLBACK (on_unit_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->csv_button, "clicked",
                           G_CALLBACK (on_csv_clicked_cb), self, G_CONNECT_SWAPPED);
}

/**
 * resfri_gaps_people_dialog_new:
 * @parent: (nullable): the window it belongs to
 * @store: the store to assign in
 * @gaps: the gaps whose people are shown
 * @unit: (nullable): the unit shown first; %NULL: every unit
 */
GtkWidget *
resfri_gaps_people_dialog_new (GtkWindow        *parent,
                               ResfriStore      *store,
                               const ResfriGaps *gaps,
                               const char       *unit)
{
  ResfriGapsPeopleDialog *self;

  g_return_val_if_fail (RESFRI_IS_STORE (store), NULL);

  self = g_object_new (RESFRI_TYPE_GAPS_PEOPLE_DIALOG, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  resfri_gaps_people_dialog_set_gaps (self, gaps);
  resfri_gaps_people_dialog_set_unit (self, unit);

  return GTK_WIDGET (self);
}

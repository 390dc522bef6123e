/* resfri-overview.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The overview, the window's first page: how many units, sites, people,
 * rooms, items, meetings, occurrences, bookings and exemptions the database
 * holds, and where it is stored. The window reads the counts (they also
 * decide whether it shows the views or the empty page) and hands them here.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "resfri-overview.h"

/* What the overview counts, in the order of the rows. */
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

struct _ResfriOverview
{
  AdwBin               parent_instance;

  /* Template widgets */
  AdwPreferencesGroup *counts_group;

  GtkWidget           *rows[N_COUNTS];
  GtkLabel            *count_labels[N_COUNTS];

  guint                empty : 1;
};

G_DEFINE_FINAL_TYPE (ResfriOverview, resfri_overview, ADW_TYPE_BIN)

static gint64
get_count (const ResfriStoreCounts *counts,
           guint                    i)
{
  return G_STRUCT_MEMBER (gint64, counts, count_rows[i].offset);
}

static void
build_count_rows (ResfriOverview *self)
{
  for (guint i = 0; i < N_COUNTS; i++)
    {
      const char *title = _(count_rows[i].title);
      GtkWidget *row;
      GtkWidget *label;

      row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);

      label = gtk_label_new ("–");
      gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (label, "numeric");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);

      adw_preferences_group_add (self->counts_group, row);
      self->rows[i] = row;
      self->count_labels[i] = GTK_LABEL (label);
    }
}

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
resfri_overview_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), RESFRI_TYPE_OVERVIEW);

  G_OBJECT_CLASS (resfri_overview_parent_class)->dispose (object);
}

static void
resfri_overview_class_init (ResfriOverviewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = resfri_overview_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/se/resfri/Resfri/ui/resfri-overview.ui");
  gtk_widget_class_bind_template_child (widget_class, ResfriOverview, counts_group);
}

static void
resfri_overview_init (ResfriOverview *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->empty = TRUE;
  build_count_rows (self);
}

/**
 * resfri_overview_set_path:
 * @path: the database file
 *
 * Says where the database is stored, under the counts.
 */
void
resfri_overview_set_path (ResfriOverview *self,
                          const char     *path)
{
  g_autofree char *display_path = NULL;
  g_autofree char *description = NULL;

  g_return_if_fail (RESFRI_IS_OVERVIEW (self));
  g_return_if_fail (path != NULL);

  display_path = display_home_path (path);
  /* The group's description is Pango markup: escape the path.
   * Translators: %s is the path of the database file */
  description = g_markup_printf_escaped (_("Stored in %s"), display_path);
  adw_preferences_group_set_description (self->counts_group, description);
}

/**
 * resfri_overview_set_counts:
 *
 * Shows @counts, grouping thousands as the locale does.
 */
void
resfri_overview_set_counts (ResfriOverview          *self,
                            const ResfriStoreCounts *counts)
{
  g_return_if_fail (RESFRI_IS_OVERVIEW (self));
  g_return_if_fail (counts != NULL);

  self->empty = TRUE;
  for (guint i = 0; i < N_COUNTS; i++)
    {
      g_autofree char *text = NULL;
      gint64 value = get_count (counts, i);

      /* The ' flag groups thousands as the locale does ("1 234" in Swedish). */
      text = g_strdup_printf ("%'" G_GINT64_FORMAT, value);
      gtk_label_set_text (self->count_labels[i], text);
      /* The row's name is its title; the count is its description. */
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->rows[i]),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text,
                                      -1);

      if (value != 0)
        self->empty = FALSE;
    }
}

/**
 * resfri_overview_is_empty:
 *
 * Returns: %TRUE when every count shown is zero (or none is shown yet)
 */
gboolean
resfri_overview_is_empty (ResfriOverview *self)
{
  g_return_val_if_fail (RESFRI_IS_OVERVIEW (self), TRUE);

  return self->empty;
}

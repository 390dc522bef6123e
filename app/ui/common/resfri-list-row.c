/* resfri-list-row.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One row of a long list (rooms, order lists, people without equipment)
 * as an item of a GListModel, and the factory that shows it in a
 * GtkListView: only the rows in view have widgets, so lists of thousands
 * of rows fill and scroll at once. A row's accessible name is its title
 * and its description its value (or the description it was given).
 */

#include "config.h"

#include "resfri-list-row.h"

struct _ResfriListRow
{
  GObject            parent_instance;

  ResfriListRowKind  kind;
  char              *title;
  char              *subtitle;
  char              *value;
  char              *badge;
  char              *badge_tooltip;
  char              *description;
  guint              dim : 1;
  guint              strong : 1;
};

G_DEFINE_FINAL_TYPE (ResfriListRow, resfri_list_row, G_TYPE_OBJECT)

static void
resfri_list_row_finalize (GObject *object)
{
  ResfriListRow *self = RESFRI_LIST_ROW (object);

  g_free (self->title);
  g_free (self->subtitle);
  g_free (self->value);
  g_free (self->badge);
  g_free (self->badge_tooltip);
  g_free (self->description);

  G_OBJECT_CLASS (resfri_list_row_parent_class)->finalize (object);
}

static void
resfri_list_row_class_init (ResfriListRowClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = resfri_list_row_finalize;
}

static void
resfri_list_row_init (ResfriListRow *self)
{
}

/**
 * resfri_list_row_new:
 * @kind: what the row is
 * @title: the row's title (plain text)
 * @subtitle: (nullable): a line under the title
 * @value: (nullable): the value shown at the end of the row
 *
 * Returns: (transfer full): a new row
 */
ResfriListRow *
resfri_list_row_new (ResfriListRowKind  kind,
                     const char        *title,
                     const char        *subtitle,
                     const char        *value)
{
  ResfriListRow *self = g_object_new (RESFRI_TYPE_LIST_ROW, NULL);

  self->kind = kind;
  self->title = g_strdup (title);
  self->subtitle = g_strdup (subtitle);
  self->value = g_strdup (value);

  return self;
}

/* A small accented label after the subtitle, as "Video". */
void
resfri_list_row_set_badge (ResfriListRow *self,
                           const char    *badge,
                           const char    *tooltip)
{
  g_return_if_fail (RESFRI_IS_LIST_ROW (self));

  g_free (self->badge);
  self->badge = g_strdup (badge);
  g_free (self->badge_tooltip);
  self->badge_tooltip = g_strdup (tooltip);
}

/* The accessible description; the value when not set. */
void
resfri_list_row_set_description (ResfriListRow *self,
                                 const char    *description)
{
  g_return_if_fail (RESFRI_IS_LIST_ROW (self));

  g_free (self->description);
  self->description = g_strdup (description);
}

/* Shown dimmed: nothing to do about it. */
void
resfri_list_row_set_dim (ResfriListRow *self,
                         gboolean       dim)
{
  g_return_if_fail (RESFRI_IS_LIST_ROW (self));

  self->dim = !!dim;
}

/* Shown in bold: a total. */
void
resfri_list_row_set_strong (ResfriListRow *self,
                            gboolean       strong)
{
  g_return_if_fail (RESFRI_IS_LIST_ROW (self));

  self->strong = !!strong;
}

ResfriListRowKind
resfri_list_row_get_kind (ResfriListRow *self)
{
  g_return_val_if_fail (RESFRI_IS_LIST_ROW (self), RESFRI_LIST_ROW_ITEM);

  return self->kind;
}

const char *
resfri_list_row_get_title (ResfriListRow *self)
{
  g_return_val_if_fail (RESFRI_IS_LIST_ROW (self), NULL);

  return self->title;
}

/* The factory */

typedef struct
{
  GtkWidget *title;
  GtkWidget *subtitle;
  GtkWidget *badge;
  GtkWidget *value;
} RowWidgets;

static void
setup_cb (GtkSignalListItemFactory *factory,
          GtkListItem              *list_item,
          gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  RowWidgets *widgets = g_new0 (RowWidgets, 1);

  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_set_hexpand (text, TRUE);
  gtk_widget_set_valign (text, GTK_ALIGN_CENTER);

  widgets->title = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (widgets->title), 0);
  gtk_label_set_wrap (GTK_LABEL (widgets->title), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (widgets->title), PANGO_WRAP_WORD_CHAR);
  gtk_box_append (GTK_BOX (text), widgets->title);

  widgets->subtitle = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (widgets->subtitle), 0);
  gtk_label_set_wrap (GTK_LABEL (widgets->subtitle), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (widgets->subtitle), PANGO_WRAP_WORD_CHAR);
  gtk_widget_add_css_class (widgets->subtitle, "dim-label");
  gtk_box_append (GTK_BOX (text), widgets->subtitle);
  gtk_box_append (GTK_BOX (box), text);

  widgets->badge = gtk_label_new (NULL);
  gtk_widget_set_valign (widgets->badge, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (widgets->badge, "caption");
  gtk_widget_add_css_class (widgets->badge, "accent");
  gtk_box_append (GTK_BOX (box), widgets->badge);

  widgets->value = gtk_label_new (NULL);
  gtk_widget_set_valign (widgets->value, GTK_ALIGN_CENTER);
  gtk_label_set_xalign (GTK_LABEL (widgets->value), 1);
  gtk_widget_add_css_class (widgets->value, "numeric");
  gtk_box_append (GTK_BOX (box), widgets->value);

  g_object_set_data_full (G_OBJECT (box), "resfri-row-widgets", widgets, g_free);
  gtk_list_item_set_child (list_item, box);
}

static void
set_label (GtkWidget  *label,
           const char *text)
{
  gtk_label_set_text (GTK_LABEL (label), text != NULL ? text : "");
  gtk_widget_set_visible (label, text != NULL && *text != '\0');
}

static void
set_class (GtkWidget  *widget,
           const char *css_class,
           gboolean    set)
{
  if (set)
    gtk_widget_add_css_class (widget, css_class);
  else
    gtk_widget_remove_css_class (widget, css_class);
}

static void
bind_cb (GtkSignalListItemFactory *factory,
         GtkListItem              *list_item,
         gpointer                  user_data)
{
  ResfriListRow *row = gtk_list_item_get_item (list_item);
  GtkWidget *box = gtk_list_item_get_child (list_item);
  RowWidgets *widgets = g_object_get_data (G_OBJECT (box), "resfri-row-widgets");
  const char *description = row->description != NULL ? row->description : row->value;
  gboolean heading = row->kind == RESFRI_LIST_ROW_HEADING;
  gboolean item = row->kind == RESFRI_LIST_ROW_ITEM;

  set_label (widgets->title, row->title);
  set_label (widgets->subtitle, row->subtitle);
  set_label (widgets->badge, row->badge);
  gtk_widget_set_tooltip_text (widgets->badge, row->badge_tooltip);
  set_label (widgets->value, row->value);

  set_class (widgets->title, "heading", heading || row->strong);
  set_class (widgets->value, "heading", row->strong);
  set_class (box, "dim-label", row->dim);
  /* A section starts with space above its title. */
  gtk_widget_set_margin_top (box, heading ? 18 : 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_label_set_selectable (GTK_LABEL (widgets->title), row->kind == RESFRI_LIST_ROW_PARAGRAPH);

  gtk_list_item_set_selectable (list_item, item);
  gtk_list_item_set_activatable (list_item, item);

  gtk_accessible_update_property (GTK_ACCESSIBLE (box),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, row->title,
                                  -1);
  if (description != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (box),
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                    -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (box), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
}

/**
 * resfri_list_row_factory_new:
 *
 * Returns: (transfer full): a factory showing #ResfriListRow items
 */
GtkListItemFactory *
resfri_list_row_factory_new (void)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cb), NULL);

  return factory;
}

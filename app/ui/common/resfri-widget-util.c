/* resfri-widget-util.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The helpers of resfri-widget-util.h.
 */

#include "config.h"

#include <string.h>

#include "resfri-application.h"
#include "resfri-widget-util.h"

/* Shows the page @name of @stack. GTK 4.8 keeps the pages of a GtkStack
 * that are not shown in the accessibility tree with the same states as the
 * one that is; they are marked hidden, so that screen readers (and the UI
 * tests) see only the page on screen. */
void
resfri_stack_show_page (GtkStack   *stack,
                        const char *name)
{
  g_autoptr(GtkSelectionModel) pages = NULL;
  guint n_pages;

  g_return_if_fail (GTK_IS_STACK (stack));

  gtk_stack_set_visible_child_name (stack, name);

  pages = gtk_stack_get_pages (stack);
  n_pages = g_list_model_get_n_items (G_LIST_MODEL (pages));
  for (guint i = 0; i < n_pages; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (pages), i);
      GtkStackPage *page = GTK_STACK_PAGE (item);

      gtk_accessible_update_state (GTK_ACCESSIBLE (gtk_stack_page_get_child (page)),
                                   GTK_ACCESSIBLE_STATE_HIDDEN,
                                   g_strcmp0 (gtk_stack_page_get_name (page), name) != 0,
                                   -1);
    }
}

/* A toast with @markup in the overlay @widget is in (none without one). */
void
resfri_widget_add_toast (GtkWidget  *widget,
                         const char *markup)
{
  GtkWidget *overlay;

  g_return_if_fail (GTK_IS_WIDGET (widget));

  if ((overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY)) != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (markup));
}

/* The window @widget is in, or NULL. */
GtkWindow *
resfri_widget_get_window (GtkWidget *widget)
{
  GtkRoot *root;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), NULL);

  root = gtk_widget_get_root (widget);
  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

void
resfri_settings_bind (gpointer    object,
                      const char *property,
                      const char *key)
{
  GApplication *app = g_application_get_default ();
  GSettings *settings;

  if (!RESFRI_IS_APPLICATION (app) ||
      (settings = resfri_application_get_settings (RESFRI_APPLICATION (app))) == NULL)
    return;

  g_settings_bind (settings, key, object, property, G_SETTINGS_BIND_DEFAULT);
}

/* The labels under @widget (an AdwActionRow's title and subtitle) wrap
 * without inserting hyphens: an e-mail address broken as "anna.svens-"
 * reads as another address. */
void
resfri_widget_no_hyphens (GtkWidget *widget)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  if (GTK_IS_LABEL (widget))
    {
      PangoAttrList *attributes = gtk_label_get_attributes (GTK_LABEL (widget));

      attributes = attributes != NULL ? pango_attr_list_copy (attributes) : pango_attr_list_new ();
      pango_attr_list_insert (attributes, pango_attr_insert_hyphens_new (FALSE));
      gtk_label_set_attributes (GTK_LABEL (widget), attributes);
      pango_attr_list_unref (attributes);
      return;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    resfri_widget_no_hyphens (child);
}

/**
 * resfri_unit_set_tooltip:
 * @widget: the row or label that shows the unit
 * @unit_path: (nullable): a unit's path, "Nämnd/Förvaltning/Enhet"
 *
 * A unit is shown by its own name, the last part of its path; the whole
 * path goes into @widget's tooltip when there is more than one part.
 *
 * Returns: (transfer none) (nullable): the unit's own name, within @unit_path
 */
const char *
resfri_unit_set_tooltip (GtkWidget  *widget,
                         const char *unit_path)
{
  const char *slash;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), unit_path);

  if (unit_path == NULL || (slash = strrchr (unit_path, '/')) == NULL)
    return unit_path;

  gtk_widget_set_tooltip_text (widget, unit_path);
  return slash + 1;
}

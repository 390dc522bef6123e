/* resfri-widget-util.h
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Small things every view does with its widgets: show one page of a stack
 * (and only that one to screen readers), put a toast in the window's
 * overlay, find the window, keep a property in the application's settings,
 * wrap addresses without hyphens, name a unit by its own name.
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

void       resfri_stack_show_page   (GtkStack   *stack,
                                     const char *name);
void       resfri_widget_add_toast  (GtkWidget  *widget,
                                     const char *markup);
GtkWindow *resfri_widget_get_window (GtkWidget  *widget);
/* Binds @property of @object to the application's setting @key; nothing
 * when the schema is not installed. */
void       resfri_settings_bind     (gpointer    object,
                                     const char *property,
                                     const char *key);
void       resfri_widget_no_hyphens (GtkWidget  *widget);
const char *resfri_unit_set_tooltip (GtkWidget  *widget,
                                     const char *unit_path);

G_END_DECLS

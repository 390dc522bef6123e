/* resfri-first-run.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The first-run page: an AdwStatusPage shown for an empty database, with
 * the four ways to fill it (the demo, the registers' CSV files, a calendar
 * server, another database file). Its buttons name the window's and the
 * application's actions (win.try-demo, win.import-registers,
 * win.add-calendar-server, app.open-database); the work is theirs.
 */

#include "config.h"

#include "resfri-first-run.h"

struct _ResfriFirstRun
{
  AdwBin     parent_instance;

  GtkWidget *demo_button;
  GtkWidget *registers_button;
  GtkWidget *server_button;
  GtkWidget *database_button;
};

G_DEFINE_FINAL_TYPE (ResfriFirstRun, resfri_first_run, ADW_TYPE_BIN)

static void
resfri_first_run_class_init (ResfriFirstRunClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class, "/se/resfri/Resfri/ui/resfri-first-run.ui");
  gtk_widget_class_bind_template_child (widget_class, ResfriFirstRun, demo_button);
  gtk_widget_class_bind_template_child (widget_class, ResfriFirstRun, registers_button);
  gtk_widget_class_bind_template_child (widget_class, ResfriFirstRun, server_button);
  gtk_widget_class_bind_template_child (widget_class, ResfriFirstRun, database_button);
}

static void
resfri_first_run_init (ResfriFirstRun *self)
{
  GtkWidget *buttons[] = { NULL, NULL, NULL, NULL };

  gtk_widget_init_template (GTK_WIDGET (self));

  /* GTK 4.8 names a button with a mnemonic after both its raw label
   * ("_Open Database…") and the label inside it; keep the second. */
  buttons[0] = self->demo_button;
  buttons[1] = self->registers_button;
  buttons[2] = self->server_button;
  buttons[3] = self->database_button;
  for (guint i = 0; i < G_N_ELEMENTS (buttons); i++)
    gtk_accessible_reset_property (GTK_ACCESSIBLE (buttons[i]), GTK_ACCESSIBLE_PROPERTY_LABEL);
}

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
  AdwBin parent_instance;
};

G_DEFINE_FINAL_TYPE (ResfriFirstRun, resfri_first_run, ADW_TYPE_BIN)

static void
resfri_first_run_class_init (ResfriFirstRunClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class, "/se/resfri/Resfri/ui/resfri-first-run.ui");
}

static void
resfri_first_run_init (ResfriFirstRun *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

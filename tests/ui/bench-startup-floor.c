/* bench-startup-floor.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The floor of the window's first frame (issue 15): a bare AdwApplication
 * with an AdwApplicationWindow of Resfri's default size (1200×800) holding
 * a header bar and a label. It prints "first frame after N ms" as Resfri
 * does under RESFRI_DEBUG_STARTUP: from the start of main() to the window
 * clock's first after-paint. GTK starts on the empty theme as Resfri's
 * main() and startup arrange it (GTK's Default theme is not parsed for
 * libadwaita to replace it), and it draws with the renderer Resfri chooses
 * (resfri-renderer.c), so the figure is what the toolkit alone takes on
 * this machine. bench-startup.py prints its median beside Resfri's.
 * Not a test: it asserts nothing.
 */

#include <adwaita.h>

#include "resfri-renderer.h"

static gint64 start_time;

static void
on_after_paint_cb (GdkFrameClock *clock,
                   gpointer       user_data)
{
  gint64 elapsed = g_get_monotonic_time () - start_time;

  g_printerr ("bench-startup-floor: first frame after %.1f ms\n", elapsed / 1000.0);
  g_signal_handlers_disconnect_by_func (clock, on_after_paint_cb, user_data);
}

static void
on_realize_cb (GtkWidget *window)
{
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                    G_CALLBACK (on_after_paint_cb), NULL);
}

static void
on_activate_cb (GApplication *app)
{
  GtkWidget *window;
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *label = gtk_label_new ("Resfri");

  resfri_renderer_choose (gdk_display_get_default ());
  window = adw_application_window_new (GTK_APPLICATION (app));
  gtk_widget_set_vexpand (label, TRUE);
  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  gtk_box_append (GTK_BOX (box), label);
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), box);
  gtk_window_set_title (GTK_WINDOW (window), "Resfri");
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  g_signal_connect (window, "realize", G_CALLBACK (on_realize_cb), NULL);
  gtk_window_present (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AdwApplication) app = NULL;

  start_time = g_get_monotonic_time ();

  /* As Resfri's main() and startup: GTK opens the display on the empty
   * theme, and $GTK_THEME is taken back before libadwaita's style manager
   * starts (with it set, libadwaita would load no stylesheet). */
  if (g_getenv ("GTK_THEME") == NULL && g_setenv ("GTK_THEME", "Adwaita-empty", TRUE))
    {
      gtk_init ();
      gtk_settings_get_default ();
      g_unsetenv ("GTK_THEME");
    }

  app = adw_application_new ("se.resfri.BenchStartupFloor", G_APPLICATION_NON_UNIQUE);
  g_signal_connect (app, "activate", G_CALLBACK (on_activate_cb), NULL);

  return g_application_run (G_APPLICATION (app), argc, argv);
}

/* main.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * main(): the translations, then the application.
 */

#include "config.h"

#include <locale.h>

#include <glib/gi18n.h>

#include "resfri-application.h"

/* g_get_monotonic_time() at the start of main(), for RESFRI_DEBUG_STARTUP. */
gint64 resfri_startup_time;

/* TRUE when main() set $GTK_THEME for GTK's start, and the application's
 * startup must take it back (see resfri_application_startup()). */
gboolean resfri_startup_empty_theme;

int
main (int   argc,
      char *argv[])
{
  g_autoptr(ResfriApplication) app = NULL;

  resfri_startup_time = g_get_monotonic_time ();

  setlocale (LC_ALL, "");
  /* RESFRI_LOCALEDIR: translations not installed yet (build-aux/screenshots). */
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("RESFRI_LOCALEDIR") != NULL
                                   ? g_getenv ("RESFRI_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* Set here, while no other thread can read the environment. */
  if (g_getenv ("GTK_THEME") == NULL)
    resfri_startup_empty_theme = g_setenv ("GTK_THEME", "Adwaita-empty", TRUE);

  app = resfri_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}

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

  app = resfri_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}

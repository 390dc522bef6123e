/* resfri-renderer.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Which of GTK's renderers draws the windows. On an OpenGL that Mesa runs
 * on the processor (llvmpipe, softpipe: a virtual machine or remote
 * desktop without a graphics card, Xvfb), GTK 4.8 still draws with its GL
 * renderer, and that is two to three times slower than its cairo renderer
 * there at the first frame (more so on a busy machine: llvmpipe's own
 * threads compete for the cores). GTK 4.14
 * brought new renderers and weighs llvmpipe itself (a hardware device
 * first, llvmpipe only as a fallback), so the choice is made here only
 * for GTK 4.8 to 4.12, and never over a $GSK_RENDERER the user set. It
 * goes through the display's "gsk-renderer", which GTK reads before
 * $GSK_RENDERER when it makes a window's renderer.
 */

#include "config.h"

#include <string.h>

#include <epoxy/gl.h>

#include "resfri-renderer.h"

/* Whether @gl_renderer, OpenGL's GL_RENDERER string, names one of Mesa's
 * renderers on the processor. */
gboolean
resfri_renderer_is_software_gl (const char *gl_renderer)
{
  if (gl_renderer == NULL)
    return FALSE;

  return strstr (gl_renderer, "llvmpipe") != NULL || strstr (gl_renderer, "softpipe") != NULL;
}

/* The GL_RENDERER of @display's OpenGL (NULL without one), read in a
 * context of its own. */
static char *
read_gl_renderer (GdkDisplay *display)
{
  g_autoptr(GdkGLContext) context = NULL;
  g_autoptr(GError) error = NULL;
  char *name;

  context = gdk_display_create_gl_context (display, &error);
  if (context == NULL || !gdk_gl_context_realize (context, &error))
    return NULL;

  gdk_gl_context_make_current (context);
  name = g_strdup ((const char *) glGetString (GL_RENDERER));
  gdk_gl_context_clear_current ();

  return name;
}

/* Picks cairo for @display's windows when GTK is older than 4.14, the user
 * chose no renderer, and @display's OpenGL runs on the processor. Called
 * once GTK has opened @display and before a window of it is shown. With
 * RESFRI_DEBUG_STARTUP set it says what it found. */
void
resfri_renderer_choose (GdkDisplay *display)
{
  g_autofree char *gl_renderer = NULL;
  gboolean software;

  g_return_if_fail (GDK_IS_DISPLAY (display));

  if (gtk_get_major_version () != 4 || gtk_get_minor_version () >= 14 ||
      g_getenv ("GSK_RENDERER") != NULL)
    return;

  gl_renderer = read_gl_renderer (display);
  software = resfri_renderer_is_software_gl (gl_renderer);
  if (software)
    g_object_set_data (G_OBJECT (display), "gsk-renderer", (gpointer) "cairo");

  if (g_getenv ("RESFRI_DEBUG_STARTUP") != NULL)
    g_printerr ("resfri: OpenGL renderer %s%s\n",
                gl_renderer != NULL ? gl_renderer : "(none)",
                software ? ", on the processor: drawing with cairo" : "");
}

/* test-renderer.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Which OpenGL renderers resfri-renderer.c takes for Mesa's on the
 * processor (it then draws with cairo). The choice on a real display is
 * ui-window's: under Xvfb the window says it draws with cairo, and with
 * $GSK_RENDERER set it keeps the user's renderer.
 */

#include <gtk/gtk.h>

#include "resfri-renderer.h"

static void
test_software (void)
{
  g_assert_true (resfri_renderer_is_software_gl ("llvmpipe (LLVM 15.0.6, 256 bits)"));
  g_assert_true (resfri_renderer_is_software_gl ("softpipe"));
  g_assert_true (resfri_renderer_is_software_gl ("virgl (llvmpipe (LLVM 15.0.6, 128 bits))"));
}

static void
test_hardware (void)
{
  g_assert_false (resfri_renderer_is_software_gl ("Mesa Intel(R) UHD Graphics 620 (KBL GT2)"));
  g_assert_false (resfri_renderer_is_software_gl ("AMD Radeon RX 6600 (navi23, LLVM 15.0.6, DRM 3.49, 6.1.0-13-amd64)"));
  g_assert_false (resfri_renderer_is_software_gl ("NVIDIA GeForce GTX 1050/PCIe/SSE2"));
  g_assert_false (resfri_renderer_is_software_gl ("SVGA3D; build: RELEASE;  LLVM;"));
  g_assert_false (resfri_renderer_is_software_gl ("virgl (Intel(R) Xe Graphics)"));
  g_assert_false (resfri_renderer_is_software_gl (""));
  g_assert_false (resfri_renderer_is_software_gl (NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/renderer/software", test_software);
  g_test_add_func ("/renderer/hardware", test_hardware);

  return g_test_run ();
}

/* fuzz-main.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A main() for fuzz targets built without libFuzzer: runs
 * LLVMFuzzerTestOneInput once on every file of the folders (or files) given,
 * so that the seed corpus is a regression test in every build.
 */

#include "config.h"

#include <stdint.h>
#include <stdio.h>

#include <glib.h>

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

static int
run_file (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length = 0;
  g_autoptr(GError) error = NULL;

  if (!g_file_get_contents (path, &contents, &length, &error))
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }

  LLVMFuzzerTestOneInput ((const uint8_t *) contents, length);
  return 0;
}

int
main (int   argc,
      char *argv[])
{
  guint runs = 0;
  int status = 0;

  for (int i = 1; i < argc; i++)
    {
      g_autoptr(GDir) dir = g_dir_open (argv[i], 0, NULL);
      const char *name;

      if (dir == NULL)
        {
          status |= run_file (argv[i]);
          runs++;
          continue;
        }

      while ((name = g_dir_read_name (dir)))
        {
          g_autofree char *path = g_build_filename (argv[i], name, NULL);

          status |= run_file (path);
          runs++;
        }
    }

  printf ("ran %u inputs\n", runs);
  return runs > 0 ? status : 1;
}

/* registers-fixture.h
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The register files in tests/data that test-registers and resfri-cli's
 * register test import: one file per register, read whole.
 */

#pragma once

#include "resfri-register.h"

static const char * const fixture_files[RESFRI_N_REGISTERS] = {
  "sites.csv", "people.csv", "rooms.csv", "inventory.csv", "distances.csv",
};

static inline char *
read_fixture (const char *name,
              gsize      *length)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", name, NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, length, &error);
  g_assert_no_error (error);
  return contents;
}

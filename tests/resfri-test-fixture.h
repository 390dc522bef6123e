/* resfri-test-fixture.h
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The one fixture the core tests share: a private temporary folder with a
 * new database in it, optionally filled from SQL or with a small demo
 * municipality. A test file whose fixture needs more embeds it first in
 * its own struct.
 */

#pragma once

#include "resfri-store.h"

G_BEGIN_DECLS

typedef struct
{
  char        *dir;    /* a temporary folder, removed with everything in it */
  char        *path;   /* dir/resfri.db */
  ResfriStore *store;  /* open on path; NULL once closed */
} ResfriTestFixture;

void         resfri_test_fixture_set_up       (ResfriTestFixture *fixture,
                                               const char        *sql);
void         resfri_test_fixture_set_up_demo  (ResfriTestFixture *fixture,
                                               guint              employees);
ResfriStore *resfri_test_fixture_open_other   (ResfriTestFixture *fixture,
                                               const char        *name);
void         resfri_test_fixture_tear_down    (ResfriTestFixture *fixture);

/* For g_test_add: an empty database, and its tear-down. */
static inline void
resfri_test_set_up_empty (ResfriTestFixture *fixture,
                          gconstpointer      user_data)
{
  resfri_test_fixture_set_up (fixture, NULL);
}

static inline void
resfri_test_tear_down (ResfriTestFixture *fixture,
                       gconstpointer      user_data)
{
  resfri_test_fixture_tear_down (fixture);
}

G_END_DECLS

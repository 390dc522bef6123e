/* inventory-fixture.h
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The store fixture of test-inventory and resfri-cli's inventory test:
 * two sites and two people, no equipment yet.
 */

#pragma once

#include "resfri-test-fixture.h"

typedef ResfriTestFixture Fixture;

/* Two sites; Anna lives at SKO, Bo at KOM. */
static const char fixture_sql[] =
  "INSERT INTO units (id, name, path) VALUES (1, 'IT', 'IT');"
  "INSERT INTO sites (id, code, name, latitude, longitude) VALUES"
  "  (1, 'KOM', 'Kommunhuset', 58.94, 11.17), (2, 'SKO', 'Skolan', 58.90, 11.20);"
  "INSERT INTO people (id, email, name, unit_id, site_id) VALUES"
  "  (1, 'anna@example.se', 'Anna', 1, 2), (2, 'bo@example.se', 'Bo', 1, 1);";

static inline void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  resfri_test_fixture_set_up (fixture, fixture_sql);
}

static inline void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  resfri_test_fixture_tear_down (fixture);
}

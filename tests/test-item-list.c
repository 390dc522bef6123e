/* test-item-list.c: the equipment view's models (ResfriItemList,
 * ResfriUnitGap)
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <sqlite3.h>

#include "resfri-demo.h"
#include "resfri-error.h"
#include "resfri-inventory.h"
#include "resfri-item-list.h"
#include "resfri-person.h"
#include "resfri-test-fixture.h"
#include "resfri-test-util.h"
#include "resfri-unit-gap.h"

typedef struct
{
  ResfriTestFixture base;
  sqlite3          *db;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  resfri_test_fixture_set_up_demo (&fixture->base, 60);
  g_assert_cmpint (sqlite3_open (fixture->base.path, &fixture->db), ==, SQLITE_OK);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  sqlite3_close (fixture->db);
  resfri_test_fixture_tear_down (&fixture->base);
}

static gint64
query_int (Fixture    *fixture,
           const char *sql,
           const char *text)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_prepare_v2 (fixture->db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (text != NULL)
    sqlite3_bind_text (stmt, 1, text, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);

  return value;
}

static void
test_load (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(ResfriItemList) list = resfri_item_list_new ();
  g_autoptr(GError) error = NULL;
  guint n;
  guint personal = 0;

  g_assert_true (resfri_item_list_load (list, fixture->base.store, NULL, &error));
  g_assert_no_error (error);
  n = g_list_model_get_n_items (G_LIST_MODEL (list));
  g_assert_cmpint (n, >, 0);
  g_assert_cmpint (n, ==, query_int (fixture, "SELECT count (*) FROM equipment", NULL));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ResfriEquipmentItem) item = g_list_model_get_item (G_LIST_MODEL (list), i);
      g_autoptr(ResfriItem) stored = NULL;
      guint position = G_MAXUINT;

      stored = resfri_inventory_get_item (fixture->base.store, resfri_equipment_item_get_tag (item),
                                          &error);
      g_assert_no_error (error);
      g_assert_cmpstr (stored->type, ==, resfri_equipment_item_get_kind (item));
      g_assert_cmpstr (stored->site, ==, resfri_equipment_item_get_site_code (item));
      g_assert_cmpstr (stored->owner, ==, resfri_equipment_item_get_owner (item));
      g_assert_cmpint (stored->state, ==, resfri_equipment_item_get_state (item));
      g_assert_true (resfri_item_list_find (list, stored->tag, &position));
      g_assert_cmpuint (position, ==, i);
      if (resfri_equipment_item_is_personal (item))
        {
          personal++;
          g_assert_nonnull (resfri_equipment_item_get_owner_name (item));
        }
    }

  g_assert_cmpint (personal, ==,
                   query_int (fixture, "SELECT count (*) FROM equipment WHERE owner_id IS NOT NULL",
                              NULL));
  g_assert_cmpint (personal, <, n);   /* the demo has loan pools */
  g_assert_false (resfri_item_list_find (list, "no-such-tag", NULL));
}

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  guint      *last)
{
  g_assert_cmpuint (removed, ==, 1);
  g_assert_cmpuint (added, ==, 1);
  *last = position;
}

static void
test_refresh (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(ResfriItemList) list = resfri_item_list_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(ResfriEquipmentItem) item = NULL;
  g_autoptr(ResfriEquipmentItem) again = NULL;
  g_autoptr(ResfriItem) changed = NULL;
  g_autofree char *tag = NULL;
  guint last = G_MAXUINT;
  guint position = 3;

  resfri_item_list_load (list, fixture->base.store, NULL, &error);
  g_assert_no_error (error);
  item = g_list_model_get_item (G_LIST_MODEL (list), position);
  tag = g_strdup (resfri_equipment_item_get_tag (item));
  g_signal_connect (list, "items-changed", G_CALLBACK (on_items_changed), &last);

  /* Nothing changed: no signal. */
  g_assert_true (resfri_item_list_refresh_item (list, fixture->base.store, tag, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (last, ==, G_MAXUINT);

  changed = resfri_inventory_set_state (fixture->base.store, tag,
                                        resfri_equipment_item_get_state (item) ==
                                        RESFRI_ITEM_STATE_BROKEN ?
                                        RESFRI_ITEM_STATE_OK : RESFRI_ITEM_STATE_BROKEN,
                                        &error);
  g_assert_no_error (error);
  g_assert_true (resfri_item_list_refresh_item (list, fixture->base.store, tag, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (last, ==, position);

  /* The same object, updated, still found by its tag. */
  again = g_list_model_get_item (G_LIST_MODEL (list), position);
  g_assert_true (again == item);
  g_assert_cmpint (resfri_equipment_item_get_state (item), ==, changed->state);
  g_assert_true (resfri_item_list_find (list, tag, &position));
  g_assert_cmpuint (position, ==, 3);

  g_assert_false (resfri_item_list_refresh_item (list, fixture->base.store, "no-such-tag", &error));
  g_assert_error (error, RESFRI_ERROR, RESFRI_ERROR_NOT_FOUND);
}

static void
test_search (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(ResfriItemList) list = resfri_item_list_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(ResfriEquipmentItem) item = NULL;
  g_autofree char *folded = NULL;

  resfri_item_list_load (list, fixture->base.store, NULL, &error);
  g_assert_no_error (error);
  item = g_list_model_get_item (G_LIST_MODEL (list), 0);
  folded = g_utf8_casefold (resfri_equipment_item_get_tag (item), -1);
  g_assert_true (resfri_equipment_item_matches (item, folded));
  g_assert_true (resfri_equipment_item_matches (item, NULL));
  g_assert_false (resfri_equipment_item_matches (item, "no such text ✗"));
}

static void
test_gaps (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(GListModel) gaps = NULL;
  g_autoptr(GError) error = NULL;
  guint n;
  gint64 lacking_headset = 0;

  gaps = resfri_unit_gap_list (fixture->base.store, NULL, &error);
  g_assert_no_error (error);
  n = g_list_model_get_n_items (gaps);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ResfriUnitGap) gap = g_list_model_get_item (gaps, i);
      const char *unit = resfri_unit_gap_get_unit (gap);

      g_assert_cmpint (resfri_unit_gap_get_n_people (gap), ==,
                       query_int (fixture, "SELECT count (*) FROM people p JOIN units u"
                                  " ON u.id = p.unit_id WHERE u.path = ?1", unit));
      g_assert_cmpint (resfri_unit_gap_get_no_camera (gap), ==,
                       query_int (fixture, "SELECT count (*) FROM people p JOIN units u"
                                  " ON u.id = p.unit_id WHERE u.path = ?1 AND NOT EXISTS"
                                  " (SELECT 1 FROM equipment e JOIN equipment_types t"
                                  " ON t.id = e.type_id WHERE e.owner_id = p.id"
                                  " AND t.name = 'camera' AND e.state = 'ok')", unit));
      g_assert_cmpint (resfri_unit_gap_get_no_headset (gap) +
                       resfri_unit_gap_get_no_camera (gap), >, 0);
      lacking_headset += resfri_unit_gap_get_no_headset (gap);
    }

  g_assert_cmpint (lacking_headset, ==,
                   query_int (fixture, "SELECT count (*) FROM people p WHERE NOT EXISTS"
                              " (SELECT 1 FROM equipment e JOIN equipment_types t"
                              " ON t.id = e.type_id WHERE e.owner_id = p.id"
                              " AND t.name = 'headset' AND e.state = 'ok')", NULL));
}

static void
test_people (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GListModel) people = NULL;
  g_autoptr(GError) error = NULL;
  guint n;

  people = resfri_person_list (fixture->base.store, NULL, &error);
  g_assert_no_error (error);
  n = g_list_model_get_n_items (people);
  g_assert_cmpint (n, ==, query_int (fixture, "SELECT count (*) FROM people", NULL));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ResfriPerson) person = g_list_model_get_item (people, i);

      g_assert_cmpint (query_int (fixture, "SELECT count (*) FROM people WHERE email = ?1",
                                  resfri_person_get_email (person)), ==, 1);
      g_assert_nonnull (resfri_person_get_name (person));
      g_assert_nonnull (resfri_person_get_unit (person));
      g_assert_nonnull (resfri_person_get_site_code (person));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_summary ("The inventory and who lacks equipment, as the equipment view lists them");

  g_test_add ("/item-list/load", Fixture, NULL, fixture_setup, test_load, fixture_teardown);
  g_test_add ("/item-list/refresh", Fixture, NULL, fixture_setup, test_refresh, fixture_teardown);
  g_test_add ("/item-list/search", Fixture, NULL, fixture_setup, test_search, fixture_teardown);
  g_test_add ("/item-list/gaps", Fixture, NULL, fixture_setup, test_gaps, fixture_teardown);

  g_test_add ("/item-list/people", Fixture, NULL, fixture_setup, test_people, fixture_teardown);

  return g_test_run ();
}

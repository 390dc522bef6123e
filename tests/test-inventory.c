/* test-inventory.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <json-glib/json-glib.h>

#include "resfri-inventory.h"
#include "resfri-store-private.h"
#include "resfri-test-fixture.h"
#include "resfri-test-util.h"

#include "inventory-fixture.h"

/* Every stored fact about equipment, as one string: equal before and after
 * a refused call means nothing changed. */
static char *
snapshot (ResfriStore *store)
{
  static const char sql[] =
    "SELECT coalesce ((SELECT group_concat (row, ';') FROM"
    "  (SELECT id || '|' || tag || '|' || type_id || '|' || site_id || '|'"
    "          || coalesce (owner_id, '') || '|' || state || '|' || coalesce (model, '')"
    "          || '|' || coalesce (cost, '') AS row FROM equipment ORDER BY id)), '')"
    " || '#' || (SELECT count(*) FROM equipment_history)"
    " || '#' || (SELECT count(*) FROM equipment_types)";
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (_resfri_store_get_db (store), sql, -1, &stmt, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);

  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

static gint64
history_rows (ResfriStore *store)
{
  return _resfri_store_query_int (store, "SELECT count(*) FROM equipment_history", NULL);
}

static ResfriItem *
add_loan_item (Fixture    *fixture,
               const char *tag,
               const char *site)
{
  g_autoptr(GError) error = NULL;
  ResfriItem *item;

  item = resfri_inventory_add (fixture->store, tag, "headset", site, NULL, NULL, NAN, &error);
  g_assert_no_error (error);
  g_assert_nonnull (item);

  return item;
}

static void
test_add (Fixture       *fixture,
          gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ResfriItem) item = NULL;
  g_autoptr(ResfriItem) personal = NULL;
  g_autoptr(ResfriItem) read = NULL;

  g_test_summary ("An item is added to a site's loan pool or to a person, with model and cost");

  item = resfri_inventory_add (fixture->store, "H-1", "headset", "KOM", NULL, "Jabra Evolve2 65",
                               1299.5, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (item->tag, ==, "H-1");
  g_assert_cmpstr (item->type, ==, "headset");
  g_assert_cmpstr (item->site, ==, "KOM");
  g_assert_null (item->owner);
  g_assert_cmpstr (item->model, ==, "Jabra Evolve2 65");
  g_assert_cmpfloat (item->cost, ==, 1299.5);
  g_assert_cmpint (item->state, ==, RESFRI_ITEM_STATE_OK);

  /* An owner's email matches whatever its case; the item keeps the site
   * it was given. */
  personal = resfri_inventory_add (fixture->store, "C-1", "camera", "KOM", "Anna@Example.se", "",
                                   NAN, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (personal->owner, ==, "anna@example.se");
  g_assert_cmpstr (personal->site, ==, "KOM");
  g_assert_null (personal->model);
  g_assert_true (isnan (personal->cost));

  read = resfri_inventory_get_item (fixture->store, "C-1", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (read->owner, ==, "anna@example.se");
  g_assert_cmpstr (read->type, ==, "camera");
  g_assert_cmpint (_resfri_store_query_int (fixture->store,
                                            "SELECT count(*) FROM equipment"
                                            " WHERE cost IS NULL AND model IS NULL",
                                            NULL), ==, 1);
  g_assert_cmpint (history_rows (fixture->store), ==, 2);
}

typedef struct
{
  const char *tag;
  const char *type;
  const char *site;
  const char *owner;
  double      cost;
  int         code;
  const char *message;   /* a part of the message */
} AddRefusal;

static void
test_add_refusals (Fixture       *fixture,
                   gconstpointer  user_data)
{
  const AddRefusal refusals[] = {
    { "H-1", "headset", "KOM", NULL, NAN, RESFRI_ERROR_CONFLICT, "“H-1” already exists" },
    { "H-2", "speakerphone", "KOM", NULL, NAN, RESFRI_ERROR_NOT_FOUND, "type “speakerphone”" },
    { "H-2", "speakerphone", "KOM", NULL, NAN, RESFRI_ERROR_NOT_FOUND, "headset, camera, vc-kit" },
    { "H-2", "headset", "NOWHERE", NULL, NAN, RESFRI_ERROR_NOT_FOUND, "site with the code “NOWHERE”" },
    { "H-2", "headset", "KOM", "nobody@example.se", NAN, RESFRI_ERROR_NOT_FOUND, "“nobody@example.se”" },
    { "H-2", "headset", "KOM", NULL, -1, RESFRI_ERROR_INVALID_INPUT, "0 or more" },
    { "H-2", "headset", "KOM", NULL, INFINITY, RESFRI_ERROR_INVALID_INPUT, "0 or more" },
    { "", "headset", "KOM", NULL, NAN, RESFRI_ERROR_INVALID_INPUT, "asset tag is empty" },
    { "H-2", "", "KOM", NULL, NAN, RESFRI_ERROR_INVALID_INPUT, "type is empty" },
    { "H-2", "headset", "", NULL, NAN, RESFRI_ERROR_INVALID_INPUT, "site code is empty" },
    { "H-\xff", "headset", "KOM", NULL, NAN, RESFRI_ERROR_INVALID_INPUT, "UTF-8" },
  };
  g_autoptr(ResfriItem) first = add_loan_item (fixture, "H-1", "KOM");
  g_autofree char *before = snapshot (fixture->store);

  g_test_summary ("A duplicate tag, an unknown type, site or person and a bad cost are refused "
                  "with a clear message, and nothing changes");

  for (guint i = 0; i < G_N_ELEMENTS (refusals); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(ResfriItem) item = NULL;
      g_autofree char *after = NULL;

      item = resfri_inventory_add (fixture->store, refusals[i].tag, refusals[i].type,
                                   refusals[i].site, refusals[i].owner, NULL, refusals[i].cost,
                                   &error);
      g_assert_null (item);
      g_assert_error (error, RESFRI_ERROR, refusals[i].code);
      if (strstr (error->message, refusals[i].message) == NULL)
        g_error ("refusal %u: “%s” lacks “%s”", i, error->message, refusals[i].message);

      after = snapshot (fixture->store);
      g_assert_cmpstr (after, ==, before);
      g_assert_false (_resfri_store_in_transaction (fixture->store));
    }
}

static void
test_assign (Fixture       *fixture,
             gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ResfriItem) item = add_loan_item (fixture, "H-1", "KOM");
  g_autoptr(ResfriItem) assigned = NULL;
  g_autoptr(ResfriItem) again = NULL;
  gint64 rows;

  g_test_summary ("Assigning makes the item personal and moves it to the holder's home site; "
                  "assigning it again to its holder changes nothing");

  assigned = resfri_inventory_assign (fixture->store, "H-1", "ANNA@example.se", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (assigned->owner, ==, "anna@example.se");
  g_assert_cmpstr (assigned->site, ==, "SKO");
  g_assert_cmpint (_resfri_store_query_int (fixture->store,
                                            "SELECT owner_id * 10 + site_id FROM equipment"
                                            " WHERE tag = 'H-1'",
                                            NULL), ==, 12);

  rows = history_rows (fixture->store);
  again = resfri_inventory_assign (fixture->store, "H-1", "anna@example.se", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (again->owner, ==, "anna@example.se");
  g_assert_cmpint (history_rows (fixture->store), ==, rows);

  /* A broken item can still be handed out (for example to be repaired). */
  g_clear_pointer (&again, resfri_item_free);
  again = resfri_inventory_set_state (fixture->store, "H-1", RESFRI_ITEM_STATE_BROKEN, &error);
  g_assert_no_error (error);
  g_clear_pointer (&again, resfri_item_free);
  again = resfri_inventory_return (fixture->store, "H-1", &error);
  g_assert_no_error (error);
  g_clear_pointer (&again, resfri_item_free);
  again = resfri_inventory_assign (fixture->store, "H-1", "bo@example.se", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (again->site, ==, "KOM");
  g_assert_cmpint (again->state, ==, RESFRI_ITEM_STATE_BROKEN);
}

static void
test_assign_refusals (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ResfriItem) held = add_loan_item (fixture, "H-1", "KOM");
  g_autoptr(ResfriItem) retired = add_loan_item (fixture, "H-2", "KOM");
  g_autoptr(ResfriItem) item = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  g_test_summary ("A retired item, someone else's item, an unknown tag or person is refused, "
                  "and nothing changes");

  item = resfri_inventory_assign (fixture->store, "H-1", "anna@example.se", &error);
  g_assert_no_error (error);
  g_clear_pointer (&item, resfri_item_free);
  item = resfri_inventory_set_state (fixture->store, "H-2", RESFRI_ITEM_STATE_RETIRED, &error);
  g_assert_no_error (error);
  g_clear_pointer (&item, resfri_item_free);

  before = snapshot (fixture->store);

  item = resfri_inventory_assign (fixture->store, "H-1", "bo@example.se", &error);
  g_assert_null (item);
  g_assert_error (error, RESFRI_ERROR, RESFRI_ERROR_CONFLICT);
  /* The user is told who must return it. */
  g_assert_nonnull (strstr (error->message, "anna@example.se"));
  g_assert_nonnull (strstr (error->message, "return"));
  g_clear_error (&error);

  item = resfri_inventory_assign (fixture->store, "H-2", "bo@example.se", &error);
  g_assert_error (error, RESFRI_ERROR, RESFRI_ERROR_CONFLICT);
  g_assert_nonnull (strstr (error->message, "retired"));
  g_clear_error (&error);

  item = resfri_inventory_assign (fixture->store, "H-9", "bo@example.se", &error);
  g_assert_error (error, RESFRI_ERROR, RESFRI_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "“H-9”"));
  g_clear_error (&error);

  item = resfri_inventory_assign (fixture->store, "H-1", "carl@example.se", &error);
  g_assert_error (error, RESFRI_ERROR, RESFRI_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "“carl@example.se”"));
  g_clear_error (&error);

  item = resfri_inventory_assign (fixture->store, "H-1", "", &error);
  g_assert_error (error, RESFRI_ERROR, RESFRI_ERROR_INVALID_INPUT);
  g_clear_error (&error);

  after = snapshot (fixture->store);
  g_assert_cmpstr (after, ==, before);
  g_assert_false (_resfri_store_in_transaction (fixture->store));
}

static void
test_return (Fixture       *fixture,
             gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ResfriItem) item = add_loan_item (fixture, "H-1", "KOM");
  g_autoptr(ResfriItem) returned = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  g_test_summary ("Returning puts a personal item in the loan pool where it is; "
                  "an item without a holder or an unknown tag is refused");

  before = snapshot (fixture->store);
  returned = resfri_inventory_return (fixture->store, "H-1", &error);
  g_assert_null (returned);
  g_assert_error (error, RESFRI_ERROR, RESFRI_ERROR_CONFLICT);
  g_assert_nonnull (strstr (error->message, "KOM"));
  g_clear_error (&error);
  returned = resfri_inventory_return (fixture->store, "H-9", &error);
  g_assert_error (error, RESFRI_ERROR, RESFRI_ERROR_NOT_FOUND);
  g_clear_error (&error);
  after = snapshot (fixture->store);
  g_assert_cmpstr (after, ==, before);

  g_clear_pointer (&item, resfri_item_free);
  item = resfri_inventory_assign (fixture->store, "H-1", "anna@example.se", &error);
  g_assert_no_error (error);

  returned = resfri_inventory_return (fixture->store, "H-1", &error);
  g_assert_no_error (error);
  g_assert_null (returned->owner);
  g_assert_cmpstr (returned->site, ==, "SKO");
  g_assert_cmpint (_resfri_store_query_int (fixture->store,
                                            "SELECT count(*) FROM equipment WHERE owner_id IS NULL"
                                            " AND site_id = 2", NULL), ==, 1);
}

static void
test_state (Fixture       *fixture,
            gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ResfriItem) item = add_loan_item (fixture, "H-1", "KOM");
  gint64 rows;

  g_test_summary ("The state changes freely; setting the current state changes nothing");

  for (ResfriItemState state = RESFRI_ITEM_STATE_BROKEN; ; state = RESFRI_ITEM_STATE_OK)
    {
      g_autoptr(ResfriItem) changed = NULL;

      changed = resfri_inventory_set_state (fixture->store, "H-1", state, &error);
      g_assert_no_error (error);
      g_assert_cmpint (changed->state, ==, state);
      if (state == RESFRI_ITEM_STATE_OK)
        break;
    }

  rows = history_rows (fixture->store);
  g_clear_pointer (&item, resfri_item_free);
  item = resfri_inventory_set_state (fixture->store, "H-1", RESFRI_ITEM_STATE_OK, &error);
  g_assert_no_error (error);
  g_assert_cmpint (history_rows (fixture->store), ==, rows);

  g_clear_pointer (&item, resfri_item_free);
  item = resfri_inventory_set_state (fixture->store, "H-9", RESFRI_ITEM_STATE_OK, &error);
  g_assert_null (item);
  g_assert_error (error, RESFRI_ERROR, RESFRI_ERROR_NOT_FOUND);
}

static void
test_edit (Fixture       *fixture,
           gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ResfriItem) item = NULL;
  g_autoptr(ResfriItem) read = NULL;
  g_autoptr(ResfriItem) other = add_loan_item (fixture, "H-2", "KOM");
  g_autoptr(GPtrArray) history = NULL;
  g_autofree char *before = NULL;
  const ResfriItemEvent *event;
  gint64 rows;

  g_test_summary ("An item's tag, type, model, cost and site are edited in one call that the "
                  "history records; a taken tag, an unknown type or site, a bad cost and "
                  "moving a personal item are refused and change nothing");

  item = resfri_inventory_add (fixture->store, "H-1", "headset", "KOM", NULL, "Jabra", 900, &error);
  g_assert_no_error (error);
  g_clear_pointer (&item, resfri_item_free);

  /* Writing the same details changes nothing, not even the history. */
  rows = history_rows (fixture->store);
  item = resfri_inventory_edit (fixture->store, "H-1", "H-1", "headset", "KOM", "Jabra", 900,
                                &error);
  g_assert_no_error (error);
  g_assert_cmpint (history_rows (fixture->store), ==, rows);
  g_clear_pointer (&item, resfri_item_free);

  item = resfri_inventory_edit (fixture->store, "H-1", "C-1", "camera", "SKO", "Logitech C920",
                                1200, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (item->tag, ==, "C-1");
  g_assert_cmpstr (item->type, ==, "camera");
  g_assert_cmpstr (item->site, ==, "SKO");
  g_assert_cmpstr (item->model, ==, "Logitech C920");
  g_assert_cmpfloat (item->cost, ==, 1200);
  g_assert_cmpint (item->state, ==, RESFRI_ITEM_STATE_OK);

  read = resfri_inventory_get_item (fixture->store, "C-1", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (read->site, ==, "SKO");
  g_assert_cmpstr (read->model, ==, "Logitech C920");
  g_clear_pointer (&read, resfri_item_free);
  read = resfri_inventory_get_item (fixture->store, "H-1", &error);
  g_assert_null (read);
  g_assert_error (error, RESFRI_ERROR, RESFRI_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* One "edited" naming every change, then "moved" from the old site. */
  history = resfri_inventory_get_history (fixture->store, "C-1", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (history->len, ==, 3);
  event = g_ptr_array_index (history, 1);
  g_assert_cmpint (event->action, ==, RESFRI_ITEM_ACTION_EDITED);
  g_assert_nonnull (strstr (event->detail, "tag: H-1 → C-1"));
  g_assert_nonnull (strstr (event->detail, "type: headset → camera"));
  g_assert_nonnull (strstr (event->detail, "model: Jabra → Logitech C920"));
  g_assert_nonnull (strstr (event->detail, "cost: 900"));
  event = g_ptr_array_index (history, 2);
  g_assert_cmpint (event->action, ==, RESFRI_ITEM_ACTION_MOVED);
  g_assert_cmpstr (event->site, ==, "SKO");
  g_assert_cmpstr (event->detail, ==, "KOM");

  /* No model and an unknown cost clear them. */
  g_clear_pointer (&item, resfri_item_free);
  item = resfri_inventory_edit (fixture->store, "C-1", "C-1", "camera", "SKO", "", NAN, &error);
  g_assert_no_error (error);
  g_assert_null (item->model);
  g_assert_true (isnan (item->cost));

  /* A personal item keeps its holder's site but its other details change. */
  g_clear_pointer (&item, resfri_item_free);
  item = resfri_inventory_assign (fixture->store, "C-1", "anna@example.se", &error);
  g_assert_no_error (error);
  g_clear_pointer (&item, resfri_item_free);
  item = resfri_inventory_edit (fixture->store, "C-1", "C-1", "camera", "SKO", "Logitech", 10,
                                &error);
  g_assert_no_error (error);
  g_assert_cmpstr (item->owner, ==, "anna@example.se");
  g_assert_cmpstr (item->model, ==, "Logitech");

  before = snapshot (fixture->store);
  {
    const struct
    {
      const char *tag;
      const char *new_tag;
      const char *type;
      const char *site;
      double      cost;
      int         code;
      const char *message;
    } refusals[] = {
      { "C-1", "H-2", "camera", "SKO", 1, RESFRI_ERROR_CONFLICT, "“H-2” already exists" },
      { "C-1", "C-1", "camera", "KOM", 1, RESFRI_ERROR_CONFLICT, "return it" },
      { "C-9", "C-9", "camera", "SKO", 1, RESFRI_ERROR_NOT_FOUND, "“C-9”" },
      { "C-1", "C-1", "speakerphone", "SKO", 1, RESFRI_ERROR_NOT_FOUND, "“speakerphone”" },
      { "H-2", "H-2", "headset", "NOWHERE", 1, RESFRI_ERROR_NOT_FOUND, "“NOWHERE”" },
      { "C-1", "C-1", "camera", "SKO", -5, RESFRI_ERROR_INVALID_INPUT, "0 or more" },
      { "C-1", "", "camera", "SKO", 1, RESFRI_ERROR_INVALID_INPUT, "asset tag is empty" },
      { "C-1", "C-1", "", "SKO", 1, RESFRI_ERROR_INVALID_INPUT, "type is empty" },
      { "C-1", "C-1", "camera", "", 1, RESFRI_ERROR_INVALID_INPUT, "site code is empty" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (refusals); i++)
      {
        g_autoptr(ResfriItem) refused = NULL;
        g_autofree char *after = NULL;

        refused = resfri_inventory_edit (fixture->store, refusals[i].tag, refusals[i].new_tag,
                                         refusals[i].type, refusals[i].site, NULL,
                                         refusals[i].cost, &error);
        g_assert_null (refused);
        g_assert_error (error, RESFRI_ERROR, refusals[i].code);
        if (strstr (error->message, refusals[i].message) == NULL)
          g_error ("refusal %u: “%s” lacks “%s”", i, error->message, refusals[i].message);
        g_clear_error (&error);

        after = snapshot (fixture->store);
        g_assert_cmpstr (after, ==, before);
        g_assert_false (_resfri_store_in_transaction (fixture->store));
      }
  }
}

typedef struct
{
  ResfriItemAction  action;
  const char       *holder;
  const char       *site;
  ResfriItemState   state;
  const char       *detail;
} Expected;

static void
assert_history (ResfriStore    *store,
                const char     *tag,
                const Expected *expected,
                guint           n_expected,
                gint64          not_before,
                gint64          not_after)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) history = NULL;

  history = resfri_inventory_get_history (store, tag, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (history->len, ==, n_expected);

  for (guint i = 0; i < n_expected; i++)
    {
      const ResfriItemEvent *event = g_ptr_array_index (history, i);

      g_assert_cmpstr (resfri_item_action_to_string (event->action), ==,
                       resfri_item_action_to_string (expected[i].action));
      g_assert_cmpstr (event->holder, ==, expected[i].holder);
      g_assert_cmpstr (event->site, ==, expected[i].site);
      g_assert_cmpstr (resfri_item_state_to_string (event->state), ==,
                       resfri_item_state_to_string (expected[i].state));
      g_assert_cmpstr (event->detail, ==, expected[i].detail);
      g_assert_cmpint (g_date_time_to_unix (event->at), >=, not_before);
      g_assert_cmpint (g_date_time_to_unix (event->at), <=, not_after);
      g_assert_cmpint (g_date_time_get_utc_offset (event->at), ==, 0);
    }
}

static void
test_history (Fixture       *fixture,
              gconstpointer  user_data)
{
  const Expected expected[] = {
    { RESFRI_ITEM_ACTION_ADDED, NULL, "KOM", RESFRI_ITEM_STATE_OK, "Jabra" },
    { RESFRI_ITEM_ACTION_ASSIGNED, "anna@example.se", "KOM", RESFRI_ITEM_STATE_OK, NULL },
    { RESFRI_ITEM_ACTION_MOVED, "anna@example.se", "SKO", RESFRI_ITEM_STATE_OK, "KOM" },
    { RESFRI_ITEM_ACTION_STATE, "anna@example.se", "SKO", RESFRI_ITEM_STATE_BROKEN, "ok" },
    { RESFRI_ITEM_ACTION_RETURNED, NULL, "SKO", RESFRI_ITEM_STATE_BROKEN, "anna@example.se" },
    { RESFRI_ITEM_ACTION_STATE, NULL, "SKO", RESFRI_ITEM_STATE_RETIRED, "broken" },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(ResfriItem) item = NULL;
  g_autoptr(GPtrArray) empty = NULL;
  gint64 start = g_get_real_time () / G_USEC_PER_SEC;

  g_test_summary ("add → assign → broken → return → retired reads back exactly, oldest first");

  item = resfri_inventory_add (fixture->store, "H-1", "headset", "KOM", NULL, "Jabra", 900, &error);
  g_assert_no_error (error);
  g_clear_pointer (&item, resfri_item_free);
  item = resfri_inventory_assign (fixture->store, "H-1", "anna@example.se", &error);
  g_assert_no_error (error);
  g_clear_pointer (&item, resfri_item_free);
  item = resfri_inventory_set_state (fixture->store, "H-1", RESFRI_ITEM_STATE_BROKEN, &error);
  g_assert_no_error (error);
  g_clear_pointer (&item, resfri_item_free);
  item = resfri_inventory_return (fixture->store, "H-1", &error);
  g_assert_no_error (error);
  g_clear_pointer (&item, resfri_item_free);
  item = resfri_inventory_set_state (fixture->store, "H-1", RESFRI_ITEM_STATE_RETIRED, &error);
  g_assert_no_error (error);

  /* Refusals leave no trace in the history. */
  g_clear_pointer (&item, resfri_item_free);
  item = resfri_inventory_assign (fixture->store, "H-1", "bo@example.se", &error);
  g_assert_error (error, RESFRI_ERROR, RESFRI_ERROR_CONFLICT);
  g_clear_error (&error);

  assert_history (fixture->store, "H-1", expected, G_N_ELEMENTS (expected),
                  start, g_get_real_time () / G_USEC_PER_SEC);

  empty = resfri_inventory_get_history (fixture->store, "H-9", &error);
  g_assert_null (empty);
  g_assert_error (error, RESFRI_ERROR, RESFRI_ERROR_NOT_FOUND);
}

static void
test_history_any_writer (Fixture       *fixture,
                         gconstpointer  user_data)
{
  const Expected expected[] = {
    { RESFRI_ITEM_ACTION_ADDED, "bo@example.se", "KOM", RESFRI_ITEM_STATE_OK, "Jabra" },
    { RESFRI_ITEM_ACTION_EDITED, "bo@example.se", "KOM", RESFRI_ITEM_STATE_OK,
      "tag: H-1 → H-7; type: headset → camera; model: Jabra → ; cost: 900.0 → 450.0" },
    { RESFRI_ITEM_ACTION_RETURNED, NULL, "KOM", RESFRI_ITEM_STATE_OK, "bo@example.se" },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(ResfriItem) item = NULL;
  gint64 start = g_get_real_time () / G_USEC_PER_SEC;

  g_test_summary ("Changes made outside this module are in the history too: an edit says what "
                  "changed, and deleting a person still records who held their items");

  item = resfri_inventory_add (fixture->store, "H-1", "headset", "KOM", "bo@example.se", "Jabra",
                               900, &error);
  g_assert_no_error (error);

  g_assert_true (_resfri_store_exec (fixture->store,
                                     "UPDATE equipment SET tag = 'H-7', model = NULL, cost = 450,"
                                     " type_id = (SELECT id FROM equipment_types"
                                     "            WHERE name = 'camera')"
                                     " WHERE tag = 'H-1'", &error));
  g_assert_no_error (error);
  g_assert_true (_resfri_store_exec (fixture->store,
                                     "DELETE FROM people WHERE email = 'bo@example.se'",
                                     &error));
  g_assert_no_error (error);

  assert_history (fixture->store, "H-7", expected, G_N_ELEMENTS (expected),
                  start, g_get_real_time () / G_USEC_PER_SEC);
}

static void
test_item_follows_holder (Fixture       *fixture,
                          gconstpointer  user_data)
{
  const Expected expected[] = {
    { RESFRI_ITEM_ACTION_ADDED, NULL, "KOM", RESFRI_ITEM_STATE_OK, NULL },
    { RESFRI_ITEM_ACTION_ASSIGNED, "anna@example.se", "KOM", RESFRI_ITEM_STATE_OK, NULL },
    { RESFRI_ITEM_ACTION_MOVED, "anna@example.se", "SKO", RESFRI_ITEM_STATE_OK, "KOM" },
    { RESFRI_ITEM_ACTION_MOVED, "anna@example.se", "KOM", RESFRI_ITEM_STATE_OK, "SKO" },
  };
  gint64 start = g_get_real_time () / G_USEC_PER_SEC;
  g_autoptr(GError) error = NULL;
  g_autoptr(ResfriItem) item = add_loan_item (fixture, "H-1", "KOM");
  g_autoptr(ResfriItem) loan = add_loan_item (fixture, "H-2", "SKO");
  g_autoptr(ResfriItem) read = NULL;

  g_test_summary ("When a holder's home site changes, their items move with them; "
                  "loan items stay where they are");

  g_clear_pointer (&item, resfri_item_free);
  item = resfri_inventory_assign (fixture->store, "H-1", "anna@example.se", &error);
  g_assert_no_error (error);
  g_assert_true (_resfri_store_exec (fixture->store,
                                     "UPDATE people SET site_id = 1"
                                     " WHERE email = 'anna@example.se'",
                                     &error));
  g_assert_no_error (error);

  read = resfri_inventory_get_item (fixture->store, "H-1", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (read->site, ==, "KOM");
  g_clear_pointer (&read, resfri_item_free);
  read = resfri_inventory_get_item (fixture->store, "H-2", &error);
  g_assert_cmpstr (read->site, ==, "SKO");

  assert_history (fixture->store, "H-1", expected, G_N_ELEMENTS (expected),
                  start, g_get_real_time () / G_USEC_PER_SEC);
}

static void
test_strings (void)
{
  g_test_summary ("States and actions convert to and from their stored names");

  for (ResfriItemState s = RESFRI_ITEM_STATE_OK; s <= RESFRI_ITEM_STATE_RETIRED; s++)
    {
      ResfriItemState back = 99;

      g_assert_true (resfri_item_state_from_string (resfri_item_state_to_string (s), &back));
      g_assert_cmpint (back, ==, s);
      g_assert_nonnull (resfri_item_state_get_label (s));
    }

  for (ResfriItemAction a = RESFRI_ITEM_ACTION_ADDED; a <= RESFRI_ITEM_ACTION_EDITED; a++)
    {
      ResfriItemAction back = 99;

      g_assert_true (resfri_item_action_from_string (resfri_item_action_to_string (a), &back));
      g_assert_cmpint (back, ==, a);
      g_assert_nonnull (resfri_item_action_get_label (a));
    }

  g_assert_false (resfri_item_state_from_string ("fixed", NULL));
  g_assert_false (resfri_item_state_from_string (NULL, NULL));
  g_assert_false (resfri_item_action_from_string ("deleted", NULL));
  g_assert_cmpstr (resfri_item_state_to_string (RESFRI_ITEM_STATE_BROKEN), ==, "broken");
  g_assert_cmpstr (resfri_item_action_to_string (RESFRI_ITEM_ACTION_STATE), ==, "state");
}

static void
test_boxed (Fixture       *fixture,
            gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ResfriItem) item = add_loan_item (fixture, "H-1", "KOM");
  g_autoptr(ResfriItem) copy = NULL;
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(ResfriItemEvent) event = NULL;
  const ResfriItemEvent *first;

  g_assert_true (G_TYPE_IS_BOXED (RESFRI_TYPE_ITEM));
  g_assert_true (G_TYPE_IS_BOXED (RESFRI_TYPE_ITEM_EVENT));

  copy = g_boxed_copy (RESFRI_TYPE_ITEM, item);
  g_assert_true (copy != item);
  g_assert_cmpstr (copy->tag, ==, item->tag);
  g_assert_cmpstr (copy->site, ==, item->site);

  history = resfri_inventory_get_history (fixture->store, "H-1", &error);
  g_assert_no_error (error);
  event = g_boxed_copy (RESFRI_TYPE_ITEM_EVENT, g_ptr_array_index (history, 0));
  g_assert_cmpint (event->action, ==, RESFRI_ITEM_ACTION_ADDED);
  first = g_ptr_array_index (history, 0);
  g_assert_true (g_date_time_equal (event->at, first->at));
}

/*
 * The CLI
 */

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add ("/resfri/inventory/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("add", test_add);
  ADD ("add-refusals", test_add_refusals);
  ADD ("assign", test_assign);
  ADD ("assign-refusals", test_assign_refusals);
  ADD ("return", test_return);
  ADD ("state", test_state);
  ADD ("edit", test_edit);
  ADD ("history", test_history);
  ADD ("history-any-writer", test_history_any_writer);
  ADD ("item-follows-holder", test_item_follows_holder);
  ADD ("boxed", test_boxed);
  g_test_add_func ("/resfri/inventory/strings", test_strings);

#undef ADD

  return g_test_run ();
}

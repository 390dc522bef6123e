/* test-occurrence-list.c: the meetings view's model (ResfriOccurrenceList)
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <sqlite3.h>

#include "resfri-demo.h"
#include "resfri-occurrence-list.h"
#include "resfri-test-fixture.h"
#include "resfri-test-util.h"

typedef struct
{
  ResfriTestFixture base;
  sqlite3          *db;        /* an independent connection to check against */
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
           gint64      a,
           gint64      b)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_prepare_v2 (fixture->db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, a);
  sqlite3_bind_int64 (stmt, 2, b);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);

  return value;
}

static gint64
query_text_int (Fixture    *fixture,
                const char *sql,
                const char *a,
                const char *b)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_prepare_v2 (fixture->db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, a, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, b, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);

  return value;
}

/* Monday 2026-03-16 00:00 in Stockholm (UTC+1), a week. */
#define WEEK_FROM G_GINT64_CONSTANT (1773615600)
#define WEEK_TO   (WEEK_FROM + 7 * 24 * 3600)

static void
check_week (Fixture              *fixture,
            ResfriOccurrenceList *list)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (list));
  gint64 expected;
  gint64 previous = G_MININT64;

  expected = query_int (fixture,
                        "SELECT count (*) FROM occurrences"
                        " WHERE start >= ?1 AND start < ?2 AND cancelled = 0",
                        WEEK_FROM, WEEK_TO);
  g_assert_cmpint (expected, >, 0);
  g_assert_cmpuint (n, ==, expected);
  g_assert_cmpint (resfri_occurrence_list_get_from (list), ==, WEEK_FROM);
  g_assert_cmpint (resfri_occurrence_list_get_to (list), ==, WEEK_TO);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (list)) == RESFRI_TYPE_OCCURRENCE);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (list), n));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ResfriOccurrence) occ = g_list_model_get_item (G_LIST_MODEL (list), i);
      gint64 start = resfri_occurrence_get_start (occ);

      g_assert_cmpint (start, >=, WEEK_FROM);
      g_assert_cmpint (start, <, WEEK_TO);
      g_assert_cmpint (start, >=, previous);
      g_assert_cmpint (resfri_occurrence_get_end (occ), >=, start);
      previous = start;

      g_assert_cmpint (resfri_occurrence_get_n_attendees (occ), ==,
                       query_int (fixture, "SELECT count (*) FROM attendees a WHERE meeting_id = ?1"
                                  " AND " RESFRI_ATTENDEE_IS_PERSON,
                                  resfri_occurrence_get_meeting_id (occ), 0));
      g_assert_cmpint (query_int (fixture,
                                  "SELECT count (*) FROM occurrences WHERE id = ?1"
                                  " AND meeting_id = ?2 AND cancelled = 0",
                                  resfri_occurrence_get_id (occ),
                                  resfri_occurrence_get_meeting_id (occ)), ==, 1);
      g_assert_nonnull (resfri_occurrence_get_uid (occ));
      g_assert_nonnull (resfri_occurrence_get_recurrence_id (occ));
    }
}

static void
test_load (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(ResfriOccurrenceList) list = resfri_occurrence_list_new ();
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);
  g_assert_true (resfri_occurrence_list_load (list, fixture->base.store, WEEK_FROM, WEEK_TO,
                                              NULL, &error));
  g_assert_no_error (error);
  check_week (fixture, list);

  /* An empty range empties the list. */
  g_assert_true (resfri_occurrence_list_load (list, fixture->base.store, 0, 1, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);
}

static void
test_cancelled_skipped (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(ResfriOccurrenceList) list = resfri_occurrence_list_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(ResfriOccurrence) first = NULL;
  guint before;
  char *errmsg = NULL;
  g_autofree char *sql = NULL;

  resfri_occurrence_list_load (list, fixture->base.store, WEEK_FROM, WEEK_TO, NULL, &error);
  g_assert_no_error (error);
  before = g_list_model_get_n_items (G_LIST_MODEL (list));
  first = g_list_model_get_item (G_LIST_MODEL (list), 0);

  sql = g_strdup_printf ("UPDATE occurrences SET cancelled = 1 WHERE id = %" G_GINT64_FORMAT,
                         resfri_occurrence_get_id (first));
  g_assert_cmpint (sqlite3_exec (fixture->db, sql, NULL, NULL, &errmsg), ==, SQLITE_OK);

  resfri_occurrence_list_load (list, fixture->base.store, WEEK_FROM, WEEK_TO, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, before - 1);
  for (guint i = 0; i < before - 1; i++)
    {
      g_autoptr(ResfriOccurrence) occ = g_list_model_get_item (G_LIST_MODEL (list), i);

      g_assert_cmpint (resfri_occurrence_get_id (occ), !=, resfri_occurrence_get_id (first));
    }
}

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  guint      *calls)
{
  g_assert_cmpuint (position, ==, 0);
  g_assert_cmpuint (added, ==, g_list_model_get_n_items (model));
  (*calls)++;
}

static void
on_loaded (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  GError **error = user_data;

  resfri_occurrence_list_load_finish (RESFRI_OCCURRENCE_LIST (object), result, error);
  if (*error == NULL)
    g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_EXISTS, "done");
}

static void
test_load_async (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(ResfriOccurrenceList) list = resfri_occurrence_list_new ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  GError *error = NULL;
  guint calls = 0;

  g_signal_connect (list, "items-changed", G_CALLBACK (on_items_changed), &calls);

  resfri_occurrence_list_load_async (list, fixture->base.store, WEEK_FROM, WEEK_TO, NULL,
                                     on_loaded, &error);
  while (error == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_clear_error (&error);
  g_assert_cmpuint (calls, ==, 1);
  check_week (fixture, list);

  /* A cancelled load changes nothing. */
  g_cancellable_cancel (cancellable);
  resfri_occurrence_list_load_async (list, fixture->base.store, 0, 1, cancellable, on_loaded, &error);
  while (error == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_assert_cmpuint (calls, ==, 1);
  check_week (fixture, list);
}

static void
test_search (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(ResfriOccurrenceList) list = resfri_occurrence_list_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(ResfriOccurrence) occ = NULL;
  g_autofree char *folded = NULL;
  g_autofree char *upper = NULL;
  const char *summary;

  resfri_occurrence_list_load (list, fixture->base.store, WEEK_FROM, WEEK_TO, NULL, &error);
  g_assert_no_error (error);
  occ = g_list_model_get_item (G_LIST_MODEL (list), 0);
  summary = resfri_occurrence_get_summary (occ);
  g_assert_nonnull (summary);

  upper = g_utf8_strup (summary, -1);
  folded = g_utf8_casefold (upper, -1);
  g_assert_true (resfri_occurrence_matches (occ, folded));
  g_assert_true (resfri_occurrence_matches (occ, ""));
  g_assert_true (resfri_occurrence_matches (occ, NULL));
  g_assert_false (resfri_occurrence_matches (occ, "no such text anywhere ✗"));

  if (resfri_occurrence_get_organizer (occ) != NULL)
    {
      g_autofree char *org = g_utf8_casefold (resfri_occurrence_get_organizer (occ), -1);
      g_assert_true (resfri_occurrence_matches (occ, org));
    }
}

static void
test_attendees (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(ResfriOccurrenceList) list = resfri_occurrence_list_new ();
  g_autoptr(GError) error = NULL;
  guint n;

  resfri_occurrence_list_load (list, fixture->base.store, WEEK_FROM, WEEK_TO, NULL, &error);
  g_assert_no_error (error);
  n = g_list_model_get_n_items (G_LIST_MODEL (list));

  for (guint i = 0; i < n; i += 7)
    {
      g_autoptr(ResfriOccurrence) occ = g_list_model_get_item (G_LIST_MODEL (list), i);
      g_autoptr(GPtrArray) attendees = NULL;
      guint with_site = 0;

      attendees = resfri_occurrence_load_attendees (occ, fixture->base.store, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (attendees->len, ==, resfri_occurrence_get_n_attendees (occ));

      for (guint j = 0; j < attendees->len; j++)
        {
          ResfriAttendee *a = g_ptr_array_index (attendees, j);

          g_assert_nonnull (a->email);
          if (a->site_code != NULL)
            {
              with_site++;
              /* The site is the person's own. */
              g_assert_cmpint (query_text_int (fixture,
                                               "SELECT count (*) FROM people p JOIN sites s"
                                               " ON s.id = p.site_id WHERE p.email = ?1"
                                               " AND s.code = ?2",
                                               a->email, a->site_code), ==, 1);
            }
        }

      g_assert_cmpuint (with_site, ==,
                        query_int (fixture,
                                   "SELECT count (*) FROM attendees a JOIN people p"
                                   " ON p.email = a.email WHERE a.meeting_id = ?1",
                                   resfri_occurrence_get_meeting_id (occ), 0));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_summary ("The occurrences of a range as the meetings view lists them");

  g_test_add ("/occurrence-list/load", Fixture, NULL, fixture_setup, test_load, fixture_teardown);
  g_test_add ("/occurrence-list/cancelled-skipped", Fixture, NULL, fixture_setup,
              test_cancelled_skipped, fixture_teardown);
  g_test_add ("/occurrence-list/load-async", Fixture, NULL, fixture_setup, test_load_async,
              fixture_teardown);
  g_test_add ("/occurrence-list/search", Fixture, NULL, fixture_setup, test_search,
              fixture_teardown);
  g_test_add ("/occurrence-list/attendees", Fixture, NULL, fixture_setup, test_attendees,
              fixture_teardown);

  return g_test_run ();
}

/* test-store.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <sys/stat.h>

#include <glib/gstdio.h>

#include "resfri-store-private.h"

typedef struct
{
  char *dir;
  char *path;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("resfri-test-store-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "sub", "resfri.db", NULL);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    while ((name = g_dir_read_name (dir)))
      {
        g_autofree char *child = g_build_filename (path, name, NULL);
        remove_tree (child);
      }
  g_remove (path);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
}

static char *
file_digest (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &contents, &length, NULL))
    return NULL;

  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
}

static void
test_store_create_and_reopen (Fixture       *fixture,
                              gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ResfriStore) store = NULL;
  ResfriStoreCounts counts = { -1 };
  GStatBuf st;

  g_test_summary ("A missing database is created, private, at the current schema, "
                  "and opens again without migrating");

  store = resfri_store_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  g_assert_cmpint (resfri_store_get_schema_version (store), ==, RESFRI_STORE_SCHEMA_VERSION);
  g_assert_cmpint (_resfri_store_query_int (store, "PRAGMA application_id", NULL), ==,
                   RESFRI_STORE_APPLICATION_ID);
  g_assert_cmpint (_resfri_store_query_int (store, "PRAGMA foreign_keys", NULL), ==, 1);

  g_assert_true (resfri_store_get_counts (store, &counts, &error));
  g_assert_no_error (error);
  g_assert_cmpint (counts.people, ==, 0);
  g_assert_cmpint (counts.meetings, ==, 0);

  /* The default equipment types come with the first migration. */
  g_assert_cmpint (_resfri_store_query_int (store, "SELECT count(*) FROM equipment_types", NULL), ==, 3);
  g_assert_cmpint (_resfri_store_query_int (store,
                                            "SELECT unit_price FROM equipment_types WHERE name = 'vc-kit'",
                                            NULL), ==, 15000);

  g_assert_no_errno (g_stat (fixture->path, &st));
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  {
    g_autofree char *wal = g_strconcat (fixture->path, "-wal", NULL);

    g_assert_cmpstr (resfri_store_get_path (store), ==, fixture->path);
    g_assert_true (resfri_store_set_meta (store, "demo-seed", "42", &error));
    g_assert_no_error (error);
    g_assert_no_errno (g_stat (wal, &st));
    g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  }

  g_clear_object (&store);

  store = resfri_store_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (resfri_store_get_schema_version (store), ==, RESFRI_STORE_SCHEMA_VERSION);
  g_assert_cmpint (_resfri_store_query_int (store, "SELECT count(*) FROM equipment_types", NULL), ==, 3);

  {
    g_autofree char *seed = resfri_store_dup_meta (store, "demo-seed");
    g_autofree char *none = resfri_store_dup_meta (store, "no-such-key");

    g_assert_cmpstr (seed, ==, "42");
    g_assert_null (none);
  }
}

static void
test_store_private_despite_umask (Fixture       *fixture,
                                  gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ResfriStore) store = NULL;
  mode_t old = umask (0);
  GStatBuf st;

  store = resfri_store_open (fixture->path, &error);
  umask (old);
  g_assert_no_error (error);

  g_assert_no_errno (g_stat (fixture->path, &st));
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
}

static void
test_store_refuses_newer_schema (Fixture       *fixture,
                                 gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ResfriStore) store = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  store = resfri_store_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_true (_resfri_store_exec (store, "PRAGMA user_version = 99", &error));
  g_assert_no_error (error);
  g_clear_object (&store);

  before = file_digest (fixture->path);
  store = resfri_store_open (fixture->path, &error);
  g_assert_error (error, RESFRI_ERROR, RESFRI_ERROR_NEWER_SCHEMA);
  g_assert_null (store);
  g_assert_nonnull (strstr (error->message, "newer"));
  after = file_digest (fixture->path);
  g_assert_cmpstr (before, ==, after);
}

/* A database of schema 1 (sessions 1-2) opens at the current schema with
 * its data, and gains the index of the occurrences' lengths, the live
 * calendars' tables, those with which bookings follow their meeting,
 * the audit log and the erased people's rows. */
static void
test_store_migrates_forward (Fixture       *fixture,
                             gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ResfriStore) store = NULL;

  store = resfri_store_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_true (resfri_store_set_meta (store, "municipality", "Vänersborg", &error));
  g_assert_true (_resfri_store_exec (store,
                                     "DROP INDEX occurrences_length; DROP TABLE sync_reservations;"
                                     " DROP TABLE sync_organiser_rooms;"
                                     " DROP TABLE sync_bookings;"
                                     " DROP TABLE sync_copies; DROP TABLE sync_resources;"
                                     " DROP TABLE sync_calendars; DROP TABLE sync_sources;"
                                     " DROP TRIGGER bookings_remember_occurrence;"
                                     " DROP TABLE booking_occurrences; DROP TABLE booking_releases;"
                                     " DROP INDEX equipment_email;"
                                     " ALTER TABLE equipment DROP COLUMN email;"
                                     " DROP TABLE audit_log;"
                                     " DROP TABLE retention_state; DROP TABLE retained_attendees;"
                                     " DROP TABLE retained_meetings;"
                                     " DROP TABLE former_people;"
                                     " PRAGMA user_version = 1",
                                     &error));
  g_assert_no_error (error);
  g_clear_object (&store);

  store = resfri_store_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (resfri_store_get_schema_version (store), ==, RESFRI_STORE_SCHEMA_VERSION);
  g_assert_cmpint (_resfri_store_query_int (store,
                                            "SELECT count(*) FROM sqlite_master"
                                            " WHERE type = 'index' AND name = 'occurrences_length'",
                                            NULL), ==, 1);
  /* Schema 4: where Resfri's bookings are on the server. */
  g_assert_cmpint (_resfri_store_query_int (store,
                                            "SELECT count(*) FROM sqlite_master"
                                            " WHERE type = 'table' AND name = 'sync_bookings'",
                                            NULL), ==, 1);
  /* Schema 3: the live calendars' tables (and schema 5's, 6's and 8's). */
  g_assert_cmpint (_resfri_store_query_int (store,
                                            "SELECT count(*) FROM sqlite_master"
                                            " WHERE type = 'table' AND name LIKE 'sync\\_%' ESCAPE '\\'",
                                            NULL), ==, 7);
  /* Schema 4: the bookings that follow their meeting. */
  g_assert_cmpint (_resfri_store_query_int (store,
                                            "SELECT count(*) FROM sqlite_master"
                                            " WHERE name IN ('booking_occurrences',"
                                            "   'booking_releases', 'bookings_remember_occurrence')",
                                            NULL), ==, 3);
  /* Schema 7: an item's own address, unique. */
  g_assert_cmpint (_resfri_store_query_int (store,
                                            "SELECT count(*) FROM pragma_table_info ('equipment')"
                                            " WHERE name = 'email'",
                                            NULL), ==, 1);
  g_assert_cmpint (_resfri_store_query_int (store,
                                            "SELECT count(*) FROM sqlite_master"
                                            " WHERE type = 'index' AND name = 'equipment_email'",
                                            NULL), ==, 1);
  /* Schema 8: the audit log, indexed by time, empty. */
  g_assert_cmpint (_resfri_store_query_int (store,
                                            "SELECT count(*) FROM sqlite_master"
                                            " WHERE name IN ('audit_log', 'audit_log_time')",
                                            NULL), ==, 2);
  g_assert_cmpint (_resfri_store_query_int (store, "SELECT count(*) FROM audit_log", NULL), ==, 0);
  /* Schema 11: the erased people's rows, empty. */
  g_assert_cmpint (_resfri_store_query_int (store, "SELECT count(*) FROM former_people", NULL),
                   ==, 0);
  {
    g_autofree char *name = resfri_store_dup_meta (store, "municipality");

    g_assert_cmpstr (name, ==, "Vänersborg");
  }
}

/* A database of schema 7, whose bookings' ids could be given again once
 * the newest booking was cancelled, migrates to AUTOINCREMENT ids with its
 * bookings, their occurrences' intervals, indexes and triggers kept, and
 * its next id above every id a row still names: a cancelled booking whose
 * server copy waits for its DELETE (sync_bookings), a released one; and
 * gains the table of the writes owed to organisers' copies. */
static void
test_store_migrates_booking_ids (Fixture       *fixture,
                                 gconstpointer  user_data)
{
  static const char data[] =
    "INSERT INTO units (id, name, path) VALUES (1, 'IT', 'IT');"
    "INSERT INTO sites (id, code, name, latitude, longitude) VALUES (1, 'KOM', 'K', 58, 11);"
    "INSERT INTO rooms (id, code, name, site_id, capacity, vc) VALUES (1, 'KOM-A', 'A', 1, 4, 0);"
    "INSERT INTO meetings (id, uid, summary, ical, updated_at) VALUES (1, 'm1', 'M', 'x', 0);"
    "INSERT INTO occurrences (meeting_id, uid, recurrence_id, start, end) VALUES"
    "  (1, 'm1', '', 1000, 2000);"
    "INSERT INTO bookings (id, uid, room_id, start, end, created_at) VALUES"
    "  (1, 'm1', 1, 1000, 2000, 0), (2, 'm1', 1, 3000, 4000, 0);"
    "INSERT INTO sync_sources (id, kind, url) VALUES (1, 'caldav', 'https://dav.example/');"
    "INSERT INTO sync_calendars (id, source_id, href) VALUES (1, 1, '/rooms/a/');"
    "INSERT INTO sync_bookings (booking_id, calendar_id, href) VALUES"
    "  (7, 1, '/rooms/a/resfri-booking-7-x.ics');"
    "INSERT INTO booking_releases (booking_id, kind, resource, uid, start, end, reason,"
    "                              released_at) VALUES (4, 'room', 'KOM-A', 'm1', 1, 2, 'taken', 0);";
  g_autoptr(GError) error = NULL;
  g_autoptr(ResfriStore) store = NULL;
  g_autofree char *dir = g_path_get_dirname (fixture->path);
  g_autofree char *set_up = NULL;
  sqlite3 *db = NULL;
  GString *sql = g_string_new ("BEGIN;");

  for (int version = 0; version < 7; version++)
    g_string_append (sql, _resfri_schema_get_migration (version));
  g_string_append (sql, data);
  g_string_append_printf (sql, "PRAGMA user_version = 7; PRAGMA application_id = %d; COMMIT;",
                          RESFRI_STORE_APPLICATION_ID);
  set_up = g_string_free (sql, FALSE);

  g_assert_no_errno (g_mkdir_with_parents (dir, 0700));
  g_assert_cmpint (sqlite3_open (fixture->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA foreign_keys = ON", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, set_up, NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);

  store = resfri_store_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (resfri_store_get_schema_version (store), ==, RESFRI_STORE_SCHEMA_VERSION);
  g_assert_cmpint (_resfri_store_query_int (store, "SELECT sum (id) FROM bookings", NULL), ==, 3);
  g_assert_cmpint (_resfri_store_query_int (store,
                                            "SELECT count(*) FROM booking_occurrences"
                                            " WHERE booking_id = 1 AND start = 1000", NULL), ==, 1);
  g_assert_cmpint (_resfri_store_query_int (store,
                                            "SELECT count(*) FROM sqlite_master WHERE tbl_name ="
                                            " 'bookings' AND type IN ('index', 'trigger')",
                                            NULL), ==, 8);
  g_assert_cmpint (_resfri_store_query_int (store,
                                            "SELECT count(*) FROM sqlite_master"
                                            " WHERE sql LIKE '%bookings_monotonic%'", NULL), ==, 0);
  /* And the owed writes to organisers' copies, empty. */
  g_assert_cmpint (_resfri_store_query_int (store, "SELECT count(*) FROM sync_organiser_rooms",
                                            &error), ==, 0);
  g_assert_no_error (error);

  /* The triggers still refuse an overlap and remember the occurrence. */
  g_assert_false (_resfri_store_exec (store,
                                      "INSERT INTO bookings (uid, room_id, start, end, created_at)"
                                      " VALUES ('m1', 1, 1500, 2500, 0)", &error));
  g_assert_error (error, RESFRI_ERROR, RESFRI_ERROR_CONFLICT);
  g_clear_error (&error);
  g_assert_true (_resfri_store_exec (store, "DELETE FROM bookings WHERE id = 1;"
                                     " INSERT INTO bookings (uid, room_id, start, end, created_at)"
                                     " VALUES ('m1', 1, 1000, 2000, 0)", &error));
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_last_insert_rowid (_resfri_store_get_db (store)), ==, 8);
  g_assert_cmpint (_resfri_store_query_int (store,
                                            "SELECT count(*) FROM booking_occurrences"
                                            " WHERE booking_id = 8 AND start = 1000", NULL), ==, 1);
}

/* A write behind another connection's write lock fails once the store's
 * busy timeout has passed, and says how long it waited (the desktop
 * application waits 3 s on its main thread, not 30); it works once the
 * lock is gone. */
static void
test_store_busy_timeout (Fixture       *fixture,
                         gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ResfriStore) holder = NULL;
  g_autoptr(ResfriStore) waiter = NULL;
  g_autofree char *value = NULL;

  holder = resfri_store_open (fixture->path, &error);
  g_assert_no_error (error);
  waiter = resfri_store_open (fixture->path, &error);
  g_assert_no_error (error);
  resfri_store_set_busy_timeout (waiter, 2000);

  g_assert_true (_resfri_store_begin (holder, &error));
  g_assert_true (resfri_store_set_meta (holder, "held", "yes", &error));
  g_assert_no_error (error);

  g_assert_false (resfri_store_set_meta (waiter, "municipality", "Åmål", &error));
  g_assert_error (error, RESFRI_ERROR, RESFRI_ERROR_DATABASE);
  g_assert_nonnull (strstr (error->message, "locked for 2 seconds"));
  g_clear_error (&error);

  _resfri_store_rollback (holder);
  g_assert_true (resfri_store_set_meta (waiter, "municipality", "Åmål", &error));
  g_assert_no_error (error);
  value = resfri_store_dup_meta (holder, "municipality");
  g_assert_cmpstr (value, ==, "Åmål");
}

static void
test_store_refuses_foreign_files (Fixture       *fixture,
                                  gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ResfriStore) store = NULL;
  g_autofree char *text_path = g_build_filename (fixture->dir, "notes.txt", NULL);
  g_autofree char *other_path = g_build_filename (fixture->dir, "other.db", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  sqlite3 *db = NULL;

  g_assert_true (g_file_set_contents (text_path, "These are not the tables you are looking for.\n"
                                      "Really not.\n", -1, NULL));
  before = file_digest (text_path);
  store = resfri_store_open (text_path, &error);
  g_assert_error (error, RESFRI_ERROR, RESFRI_ERROR_NOT_RESFRI);
  g_assert_null (store);
  after = file_digest (text_path);
  g_assert_cmpstr (before, ==, after);
  g_clear_error (&error);
  g_clear_pointer (&before, g_free);
  g_clear_pointer (&after, g_free);

  /* Another program's sqlite database is not adopted. */
  g_assert_cmpint (sqlite3_open (other_path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE t (x); INSERT INTO t VALUES (1);", NULL, NULL, NULL),
                   ==, SQLITE_OK);
  sqlite3_close (db);
  before = file_digest (other_path);
  store = resfri_store_open (other_path, &error);
  g_assert_error (error, RESFRI_ERROR, RESFRI_ERROR_NOT_RESFRI);
  g_assert_null (store);
  after = file_digest (other_path);
  g_assert_cmpstr (before, ==, after);
}

static gint64
insert_booking (ResfriStore  *store,
                const char   *column,
                gint64        id,
                gint64        start,
                gint64        end,
                GError      **error)
{
  g_autofree char *sql = g_strdup_printf ("INSERT INTO bookings (uid, %s, start, end, created_at)"
                                          " VALUES ('m1', ?1, ?2, ?3, 0)", column);
  g_autoptr(sqlite3_stmt) stmt = NULL;
  sqlite3 *db = _resfri_store_get_db (store);

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int64 (stmt, 2, start);
  sqlite3_bind_int64 (stmt, 3, end);
  if (!_resfri_store_step_done (store, stmt, "booking", error))
    return -1;

  return sqlite3_last_insert_rowid (db);
}

static void
test_store_no_double_booking (Fixture       *fixture,
                              gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ResfriStore) store = NULL;
  struct { const char *column; gint64 other; } kinds[] = {
    { "room_id", 2 },
    { "equipment_id", 2 },
  };

  g_test_summary ("The store itself refuses two bookings of one room or item for "
                  "overlapping intervals; touching intervals are fine");

  store = resfri_store_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_true (_resfri_store_exec (store,
    "INSERT INTO units (id, name, path) VALUES (1, 'IT', 'IT');"
    "INSERT INTO sites (id, code, name, latitude, longitude) VALUES (1, 'vbg', 'Vänersborg', 58.38, 12.32);"
    "INSERT INTO rooms (id, code, name, site_id, capacity) VALUES (1, 'r1', 'Rum 1', 1, 8), (2, 'r2', 'Rum 2', 1, 8);"
    "INSERT INTO equipment (id, tag, type_id, site_id) VALUES (1, 'H1', 1, 1), (2, 'H2', 1, 1);",
    &error));
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      gint64 id;

      id = insert_booking (store, kinds[i].column, 1, 1000, 2000, &error);
      g_assert_no_error (error);
      g_assert_cmpint (id, >, 0);

      /* Overlaps in every way are refused. */
      insert_booking (store, kinds[i].column, 1, 1500, 2500, &error);
      g_assert_error (error, RESFRI_ERROR, RESFRI_ERROR_CONFLICT);
      g_assert_nonnull (strstr (error->message, "already booked"));
      g_clear_error (&error);
      insert_booking (store, kinds[i].column, 1, 500, 1001, &error);
      g_assert_error (error, RESFRI_ERROR, RESFRI_ERROR_CONFLICT);
      g_clear_error (&error);
      insert_booking (store, kinds[i].column, 1, 1200, 1300, &error);
      g_assert_error (error, RESFRI_ERROR, RESFRI_ERROR_CONFLICT);
      g_clear_error (&error);
      insert_booking (store, kinds[i].column, 1, 0, 5000, &error);
      g_assert_error (error, RESFRI_ERROR, RESFRI_ERROR_CONFLICT);
      g_clear_error (&error);

      /* Half-open intervals: touching ones do not overlap. */
      insert_booking (store, kinds[i].column, 1, 2000, 3000, &error);
      g_assert_no_error (error);
      insert_booking (store, kinds[i].column, 1, 0, 1000, &error);
      g_assert_no_error (error);

      /* Another room or item is free. */
      insert_booking (store, kinds[i].column, kinds[i].other, 1500, 2500, &error);
      g_assert_no_error (error);

      /* Moving a booking onto another is refused too. */
      {
        g_autofree char *sql = g_strdup_printf ("UPDATE bookings SET start = 1500 WHERE %s = %d"
                                                " AND start = 2000", kinds[i].column, 1);
        g_assert_false (_resfri_store_exec (store, sql, &error));
        g_assert_error (error, RESFRI_ERROR, RESFRI_ERROR_CONFLICT);
        g_clear_error (&error);
      }
    }

  g_assert_cmpint (_resfri_store_query_int (store, "SELECT count(*) FROM bookings", NULL), ==, 8);

  /* A booking holds a room or an item, never both or neither. */
  g_assert_false (_resfri_store_exec (store,
    "INSERT INTO bookings (uid, room_id, equipment_id, start, end, created_at)"
    " VALUES ('m1', 1, 1, 9000, 9100, 0)", &error));
  g_assert_error (error, RESFRI_ERROR, RESFRI_ERROR_CONFLICT);
  g_clear_error (&error);
  g_assert_false (_resfri_store_exec (store,
    "INSERT INTO bookings (uid, start, end, created_at) VALUES ('m1', 9000, 9100, 0)", &error));
  g_assert_error (error, RESFRI_ERROR, RESFRI_ERROR_CONFLICT);
}

static void
test_store_history_by_trigger (Fixture       *fixture,
                               gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ResfriStore) store = NULL;

  store = resfri_store_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_true (_resfri_store_exec (store,
    "INSERT INTO units (id, name, path) VALUES (1, 'IT', 'IT');"
    "INSERT INTO sites (id, code, name, latitude, longitude) VALUES (1, 'vbg', 'Vänersborg', 58.38, 12.32);"
    "INSERT INTO people (id, email, name, unit_id, site_id) VALUES (1, 'a@x.se', 'A', 1, 1);"
    "INSERT INTO equipment (id, tag, type_id, site_id) VALUES (1, 'H1', 1, 1);"
    "UPDATE equipment SET owner_id = 1 WHERE id = 1;"
    "UPDATE equipment SET state = 'broken' WHERE id = 1;"
    "UPDATE equipment SET owner_id = NULL WHERE id = 1;",
    &error));
  g_assert_no_error (error);

  g_assert_cmpint (_resfri_store_query_int (store, "SELECT count(*) FROM equipment_history", NULL), ==, 4);
  g_assert_cmpint (_resfri_store_query_int (store,
    "SELECT count(*) FROM equipment_history WHERE action = 'assigned' AND owner_email = 'a@x.se'",
    NULL), ==, 1);
  g_assert_cmpint (_resfri_store_query_int (store,
    "SELECT count(*) FROM equipment_history WHERE action = 'returned' AND detail = 'a@x.se'"
    " AND state = 'broken'", NULL), ==, 1);
}

/* Statements are found by the caller's pointer first; a computed query
 * whose address is reused for another text must still get its own. */
static void
test_store_prepare_reused_address (Fixture       *fixture,
                                   gconstpointer  user_data)
{
  g_autoptr(ResfriStore) store = NULL;
  g_autoptr(GError) error = NULL;
  char sql[32];
  sqlite3_stmt *stmt;

  store = resfri_store_open (fixture->path, &error);
  g_assert_no_error (error);

  for (int round = 0; round < 2; round++)
    for (int value = 1; value <= 3; value++)
      {
        g_snprintf (sql, sizeof sql, "SELECT %d", value);
        stmt = _resfri_store_prepare (store, sql, &error);
        g_assert_no_error (error);
        g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
        g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, value);
        sqlite3_reset (stmt);
      }
}

static gpointer
query_on_other_thread (gpointer data)
{
  return GINT_TO_POINTER ((int) _resfri_store_query_int (data, "SELECT 7", NULL));
}

static gpointer
open_and_query (gpointer data)
{
  g_autoptr(ResfriStore) own = resfri_store_open (data, NULL);

  return GINT_TO_POINTER (own != NULL ? (int) _resfri_store_query_int (own, "SELECT 7", NULL) : -2);
}

static void
test_store_one_thread (Fixture       *fixture,
                       gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ResfriStore) store = NULL;

  g_test_summary ("A store is its opening thread's alone: sqlite takes no mutex for it, "
                  "another thread is refused its use, and opens a store of its own instead");

  store = resfri_store_open (fixture->path, &error);
  g_assert_no_error (error);
  /* NULL for a connection opened without one (SQLITE_OPEN_NOMUTEX). */
  g_assert_null (sqlite3_db_mutex (_resfri_store_get_db (store)));
  g_assert_cmpint (_resfri_store_query_int (store, "SELECT 7", NULL), ==, 7);
  g_assert_cmpint (GPOINTER_TO_INT (g_thread_join (g_thread_new ("own", open_and_query, fixture->path))),
                   ==, 7);

  if (g_test_subprocess ())
    {
      g_thread_join (g_thread_new ("other", query_on_other_thread, store));
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
  g_test_trap_assert_stderr ("*owner == g_thread_self ()*");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/store/prepare-reused-address", Fixture, NULL,
              fixture_set_up, test_store_prepare_reused_address, fixture_tear_down);
  g_test_add ("/store/create-and-reopen", Fixture, NULL,
              fixture_set_up, test_store_create_and_reopen, fixture_tear_down);
  g_test_add ("/store/private-despite-umask", Fixture, NULL,
              fixture_set_up, test_store_private_despite_umask, fixture_tear_down);
  g_test_add ("/store/refuses-newer-schema", Fixture, NULL,
              fixture_set_up, test_store_refuses_newer_schema, fixture_tear_down);
  g_test_add ("/store/migrates-forward", Fixture, NULL,
              fixture_set_up, test_store_migrates_forward, fixture_tear_down);
  g_test_add ("/store/migrates-booking-ids", Fixture, NULL,
              fixture_set_up, test_store_migrates_booking_ids, fixture_tear_down);
  g_test_add ("/store/busy-timeout", Fixture, NULL,
              fixture_set_up, test_store_busy_timeout, fixture_tear_down);
  g_test_add ("/store/refuses-foreign-files", Fixture, NULL,
              fixture_set_up, test_store_refuses_foreign_files, fixture_tear_down);
  g_test_add ("/store/no-double-booking", Fixture, NULL,
              fixture_set_up, test_store_no_double_booking, fixture_tear_down);
  g_test_add ("/store/history-by-trigger", Fixture, NULL,
              fixture_set_up, test_store_history_by_trigger, fixture_tear_down);
  g_test_add ("/store/one-thread", Fixture, NULL,
              fixture_set_up, test_store_one_thread, fixture_tear_down);

  return g_test_run ();
}

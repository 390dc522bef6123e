/* cli-db.h
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Looking into a database a resfri-cli run left behind, read-only and
 * through sqlite itself: a digest of every table, to show that a refused
 * command changed nothing, and one value of a query.
 */

#pragma once

#include <glib.h>
#include <sqlite3.h>

/* Every row of every table, in the order of the tables' names and rowids:
 * a digest of what the database holds. */
static inline char *
dump_tables (const char *path)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autoptr(GPtrArray) tables = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = NULL;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT name FROM sqlite_schema WHERE type = 'table'"
                                       " ORDER BY name", -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (tables, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);

  for (guint i = 0; i < tables->len; i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT * FROM \"%s\"", (char *) tables->pdata[i]);

      g_checksum_update (sum, tables->pdata[i], -1);
      g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        for (int c = 0; c < sqlite3_column_count (stmt); c++)
          {
            const void *blob = sqlite3_column_blob (stmt, c);
            int bytes = sqlite3_column_bytes (stmt, c);

            g_checksum_update (sum, (const guchar *) "|", 1);
            if (blob != NULL)
              g_checksum_update (sum, blob, bytes);
          }
      sqlite3_finalize (stmt);
    }

  sqlite3_close (db);
  return g_strdup (g_checksum_get_string (sum));
}

static inline char *
query_text (const char *path,
            const char *sql,
            const char *arg)
{
  sqlite3_stmt *stmt = NULL;
  sqlite3 *db = NULL;
  char *value = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, arg, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    value = g_strndup (sqlite3_column_blob (stmt, 0), sqlite3_column_bytes (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return value;
}

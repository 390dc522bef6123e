/* resfri-names.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "resfri-names.h"
#include "resfri-store-private.h"

struct _ResfriNames
{
  GHashTable *site_codes;   /* gint64 * → char * */
  GHashTable *site_names;
  GHashTable *room_codes;
  GHashTable *room_names;
  GHashTable *unit_paths;
};

static GHashTable *
new_table (void)
{
  return g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
}

void
resfri_names_free (ResfriNames *names)
{
  if (names == NULL)
    return;

  g_hash_table_unref (names->site_codes);
  g_hash_table_unref (names->site_names);
  g_hash_table_unref (names->room_codes);
  g_hash_table_unref (names->room_names);
  g_hash_table_unref (names->unit_paths);
  g_free (names);
}

static gboolean
load (ResfriStore  *store,
      const char   *sql,
      GHashTable   *first,
      GHashTable   *second,
      GError      **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = _resfri_store_prepare (store, sql, error)))
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_hash_table_insert (first, g_memdup2 (&id, sizeof id),
                           g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
      if (second != NULL)
        g_hash_table_insert (second, g_memdup2 (&id, sizeof id),
                             g_strdup ((const char *) sqlite3_column_text (stmt, 2)));
    }
  if (rc != SQLITE_DONE)
    {
      _resfri_store_set_error (store, error, _("Cannot read the registers"));
      sqlite3_reset (stmt);
      return FALSE;
    }
  sqlite3_reset (stmt);

  return TRUE;
}

ResfriNames *
resfri_names_load (ResfriStore  *store,
                   GError      **error)
{
  g_autoptr(ResfriNames) names = g_new0 (ResfriNames, 1);

  g_return_val_if_fail (RESFRI_IS_STORE (store), NULL);

  names->site_codes = new_table ();
  names->site_names = new_table ();
  names->room_codes = new_table ();
  names->room_names = new_table ();
  names->unit_paths = new_table ();

  if (!load (store, "SELECT id, code, name FROM sites", names->site_codes, names->site_names,
             error) ||
      !load (store, "SELECT id, code, name FROM rooms", names->room_codes, names->room_names,
             error) ||
      !load (store, "SELECT id, path FROM units", names->unit_paths, NULL, error))
    return NULL;

  return g_steal_pointer (&names);
}

static const char *
get (GHashTable *table,
     gint64      id)
{
  return g_hash_table_lookup (table, &id);
}

const char *
resfri_names_get_site_code (ResfriNames *names,
                            gint64       site_id)
{
  return get (names->site_codes, site_id);
}

const char *
resfri_names_get_site_name (ResfriNames *names,
                            gint64       site_id)
{
  return get (names->site_names, site_id);
}

const char *
resfri_names_get_room_code (ResfriNames *names,
                            gint64       room_id)
{
  return get (names->room_codes, room_id);
}

const char *
resfri_names_get_room_name (ResfriNames *names,
                            gint64       room_id)
{
  return get (names->room_names, room_id);
}

const char *
resfri_names_get_unit_path (ResfriNames *names,
                            gint64       unit_id)
{
  return get (names->unit_paths, unit_id);
}

/* resfri-register-rows.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One row of each register stored: an upsert by key that writes only what
 * changed (sites, people and their units, rooms and their aliases,
 * equipment with its history, distances); and each register's rows read
 * back, sorted by key, for the listing in resfri-register.c.
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "resfri-inventory.h"
#include "resfri-register-import.h"

/* Lookups */

static gboolean
lookup_site (Import  *imp,
             guint    column,
             gint64  *id,
             GError **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = _resfri_store_prepare (imp->store, "SELECT id FROM sites WHERE code = ?1", error)))
    return FALSE;

  sqlite3_bind_text (stmt, 1, imp->values[column], -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *id = sqlite3_column_int64 (stmt, 0);
      sqlite3_reset (stmt);
      return TRUE;
    }
  if (rc != SQLITE_DONE)
    {
      _resfri_register_db_error (imp, error);
      sqlite3_reset (stmt);
      return FALSE;
    }

  sqlite3_reset (stmt);
  return _resfri_register_row_error (imp, error, _("column “%s”: unknown site “%s” (import the sites first)"),
                    _resfri_register_column_name (imp, column), imp->values[column]);
}

/* Returns 1 when the query finds a row, 0 when not, -1 on error; binds
 * @key as ?1 and puts the first column in @id when given. */
static int
query_key (Import      *imp,
           const char  *sql,
           const char  *key,
           gint64      *id,
           GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = _resfri_store_prepare (imp->store, sql, error)))
    return -1;

  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW && id != NULL)
    *id = sqlite3_column_int64 (stmt, 0);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    _resfri_register_db_error (imp, error);
  sqlite3_reset (stmt);

  return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

/* Steps an upsert whose DO UPDATE only fires on a change, and counts the
 * row as inserted, updated or unchanged. @changed_elsewhere is for changes
 * the upsert does not see (room aliases). */
static gboolean
step_upsert (Import        *imp,
             sqlite3_stmt  *stmt,
             gboolean       existed,
             gboolean       changed_elsewhere,
             GError       **error)
{
  int rc = sqlite3_step (stmt);
  gboolean changed;

  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      _resfri_register_db_error (imp, error);
      sqlite3_reset (stmt);
      return FALSE;
    }

  changed = sqlite3_changes (_resfri_store_get_db (imp->store)) > 0 || changed_elsewhere;
  sqlite3_reset (stmt);

  if (!existed)
    imp->stats->inserted++;
  else if (changed)
    imp->stats->updated++;
  else
    imp->stats->unchanged++;

  return TRUE;
}

static void
bind_optional_text (sqlite3_stmt *stmt,
                    int           index,
                    const char   *value)
{
  if (value[0] == '\0')
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, value, -1, SQLITE_STATIC);
}

/* Sites */

gboolean
_resfri_register_import_site (Import  *imp,
             GError **error)
{
  sqlite3_stmt *stmt;
  double latitude, longitude;
  int existed;

  if (!_resfri_register_check_duplicate (imp, imp->seen, imp->values[SITE_ID], SITE_ID, error) ||
      !_resfri_register_parse_in_range (imp, SITE_LATITUDE, 90, &latitude, error) ||
      !_resfri_register_parse_in_range (imp, SITE_LONGITUDE, 180, &longitude, error))
    return FALSE;

  existed = query_key (imp, "SELECT 1 FROM sites WHERE code = ?1", imp->values[SITE_ID],
                       NULL, error);
  if (existed < 0)
    return FALSE;

  if (!(stmt = _resfri_store_prepare (imp->store,
                                      "INSERT INTO sites (code, name, latitude, longitude)"
                                      " VALUES (?1, ?2, ?3, ?4)"
                                      " ON CONFLICT (code) DO UPDATE SET name = excluded.name,"
                                      "  latitude = excluded.latitude, longitude = excluded.longitude"
                                      " WHERE name IS NOT excluded.name"
                                      "  OR latitude IS NOT excluded.latitude"
                                      "  OR longitude IS NOT excluded.longitude",
                                      error)))
    return FALSE;

  sqlite3_bind_text (stmt, 1, imp->values[SITE_ID], -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, imp->values[SITE_NAME], -1, SQLITE_STATIC);
  sqlite3_bind_double (stmt, 3, latitude);
  sqlite3_bind_double (stmt, 4, longitude);
  return step_upsert (imp, stmt, existed, FALSE, error);
}

/* People */

/* The id of the unit @path ("Parent/Child"), creating it and its parents
 * as needed. */
static gboolean
ensure_unit (Import  *imp,
             gint64  *id,
             GError **error)
{
  g_auto(GStrv) parts = g_strsplit (imp->values[PERSON_UNIT], "/", -1);
  g_autoptr(GString) path = g_string_new (NULL);
  gint64 parent = 0;

  for (guint i = 0; parts[i] != NULL; i++)
    {
      gint64 *cached;
      gint64 unit = 0;
      int found;

      g_strstrip (parts[i]);
      if (parts[i][0] == '\0')
        return _resfri_register_row_error (imp, error,
                          _("column “%s”: “%s” has an empty unit name (write Parent/Child)"),
                          _resfri_register_column_name (imp, PERSON_UNIT), imp->values[PERSON_UNIT]);

      if (i > 0)
        g_string_append_c (path, '/');
      g_string_append (path, parts[i]);

      if ((cached = g_hash_table_lookup (imp->units, path->str)))
        {
          parent = *cached;
          continue;
        }

      found = query_key (imp, "SELECT id FROM units WHERE path = ?1", path->str, &unit, error);
      if (found < 0)
        return FALSE;

      if (found == 0)
        {
          sqlite3_stmt *stmt;

          if (!(stmt = _resfri_store_prepare (imp->store,
                                              "INSERT INTO units (name, path, parent_id)"
                                              " VALUES (?1, ?2, ?3)", error)))
            return FALSE;

          sqlite3_bind_text (stmt, 1, parts[i], -1, SQLITE_STATIC);
          sqlite3_bind_text (stmt, 2, path->str, -1, SQLITE_STATIC);
          if (i > 0)
            sqlite3_bind_int64 (stmt, 3, parent);
          if (sqlite3_step (stmt) != SQLITE_DONE)
            {
              _resfri_register_db_error (imp, error);
              sqlite3_reset (stmt);
              return FALSE;
            }
          sqlite3_reset (stmt);
          unit = sqlite3_last_insert_rowid (_resfri_store_get_db (imp->store));
        }

      g_hash_table_insert (imp->units, g_strdup (path->str), g_memdup2 (&unit, sizeof unit));
      parent = unit;
    }

  *id = parent;
  return TRUE;
}

gboolean
_resfri_register_import_person (Import  *imp,
               GError **error)
{
  static const char * const roles[] = { "employee", "politician", NULL };
  g_autofree char *key = NULL;
  sqlite3_stmt *stmt;
  gint64 unit = 0, site = 0;
  int role = 0;
  int existed;

  if (!_resfri_register_check_email (imp, PERSON_EMAIL, error))
    return FALSE;

  /* Emails are keys without regard to case, as in the people table. */
  key = g_ascii_strdown (imp->values[PERSON_EMAIL], -1);
  if (!_resfri_register_check_duplicate (imp, imp->seen, key, PERSON_EMAIL, error))
    return FALSE;

  if (imp->values[PERSON_ROLE][0] != '\0' &&
      (role = _resfri_register_parse_choice (imp->values[PERSON_ROLE], roles)) < 0)
    return _resfri_register_row_error (imp, error, _("column “%s”: “%s” is not a role (use employee or politician)"),
                      _resfri_register_column_name (imp, PERSON_ROLE), imp->values[PERSON_ROLE]);

  if (!lookup_site (imp, PERSON_SITE, &site, error) ||
      !ensure_unit (imp, &unit, error))
    return FALSE;

  existed = query_key (imp, "SELECT 1 FROM people WHERE email = ?1", imp->values[PERSON_EMAIL],
                       NULL, error);
  if (existed < 0)
    return FALSE;

  if (!(stmt = _resfri_store_prepare (imp->store,
                                      "INSERT INTO people (email, name, unit_id, site_id, role)"
                                      " VALUES (?1, ?2, ?3, ?4, ?5)"
                                      " ON CONFLICT (email) DO UPDATE SET email = excluded.email,"
                                      "  name = excluded.name, unit_id = excluded.unit_id,"
                                      "  site_id = excluded.site_id, role = excluded.role"
                                      " WHERE email COLLATE BINARY IS NOT excluded.email"
                                      "  OR name IS NOT excluded.name"
                                      "  OR unit_id IS NOT excluded.unit_id"
                                      "  OR site_id IS NOT excluded.site_id"
                                      "  OR role IS NOT excluded.role",
                                      error)))
    return FALSE;

  sqlite3_bind_text (stmt, 1, imp->values[PERSON_EMAIL], -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, imp->values[PERSON_NAME], -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, unit);
  sqlite3_bind_int64 (stmt, 4, site);
  sqlite3_bind_text (stmt, 5, roles[role], -1, SQLITE_STATIC);
  return step_upsert (imp, stmt, existed, FALSE, error);
}

/* Rooms */

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* The aliases of the row: split at ';', trimmed, empty ones dropped, and
 * the same alias (ignoring case, as the table does) kept once. */
static GPtrArray *
split_aliases (const char *text)
{
  g_auto(GStrv) parts = g_strsplit (text, ";", -1);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GPtrArray *aliases = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      char *alias = g_strstrip (parts[i]);
      char *key;

      if (alias[0] == '\0')
        continue;

      key = g_ascii_strdown (alias, -1);
      if (!g_hash_table_add (seen, key))
        continue;

      g_ptr_array_add (aliases, g_strdup (alias));
    }

  g_ptr_array_sort (aliases, compare_strings);
  return aliases;
}

/* Replaces the room's aliases when they differ; sets @changed. */
static gboolean
update_aliases (Import     *imp,
                gint64      room,
                GPtrArray  *aliases,
                gboolean   *changed,
                GError    **error)
{
  g_autoptr(GPtrArray) old = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = _resfri_store_prepare (imp->store,
                                      "SELECT alias FROM room_aliases WHERE room_id = ?1", error)))
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, room);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (old, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _resfri_register_db_error (imp, error);

  g_ptr_array_sort (old, compare_strings);

  *changed = old->len != aliases->len;
  for (guint i = 0; !*changed && i < old->len; i++)
    *changed = strcmp (old->pdata[i], aliases->pdata[i]) != 0;

  if (!*changed)
    return TRUE;

  if (!(stmt = _resfri_store_prepare (imp->store,
                                      "DELETE FROM room_aliases WHERE room_id = ?1", error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, room);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      sqlite3_reset (stmt);
      return _resfri_register_db_error (imp, error);
    }
  sqlite3_reset (stmt);

  if (!(stmt = _resfri_store_prepare (imp->store,
                                      "INSERT INTO room_aliases (room_id, alias) VALUES (?1, ?2)",
                                      error)))
    return FALSE;

  for (guint i = 0; i < aliases->len; i++)
    {
      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, room);
      sqlite3_bind_text (stmt, 2, aliases->pdata[i], -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) != SQLITE_DONE)
        {
          sqlite3_reset (stmt);
          return _resfri_register_db_error (imp, error);
        }
    }
  sqlite3_reset (stmt);

  return TRUE;
}

gboolean
_resfri_register_import_room (Import  *imp,
             GError **error)
{
  static const char * const vc_values[] = { "no", "yes", NULL };
  g_autoptr(GPtrArray) aliases = NULL;
  const char *email = imp->values[ROOM_EMAIL];
  sqlite3_stmt *stmt;
  gboolean aliases_changed = FALSE;
  gint64 site = 0, capacity = 0, room = 0;
  int vc = 0;
  int existed;
  int rc;

  if (!_resfri_register_check_duplicate (imp, imp->seen, imp->values[ROOM_ID], ROOM_ID, error) ||
      !lookup_site (imp, ROOM_SITE, &site, error) ||
      !_resfri_register_parse_count (imp, ROOM_CAPACITY, &capacity, error))
    return FALSE;

  if (imp->values[ROOM_VC][0] != '\0' &&
      (vc = _resfri_register_parse_choice (imp->values[ROOM_VC], vc_values)) < 0)
    return _resfri_register_row_error (imp, error, _("column “%s”: “%s” is not yes or no"),
                      _resfri_register_column_name (imp, ROOM_VC), imp->values[ROOM_VC]);

  if (email[0] != '\0')
    {
      g_autofree char *key = g_ascii_strdown (email, -1);

      if (!_resfri_register_check_email (imp, ROOM_EMAIL, error) ||
          !_resfri_register_check_duplicate (imp, imp->seen_emails, key, ROOM_EMAIL, error))
        return FALSE;

      /* Say which room has it rather than "UNIQUE constraint failed". */
      if (!(stmt = _resfri_store_prepare (imp->store,
                                          "SELECT code FROM rooms WHERE email = ?1 AND code <> ?2",
                                          error)))
        return FALSE;
      sqlite3_bind_text (stmt, 1, email, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, imp->values[ROOM_ID], -1, SQLITE_STATIC);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          g_autofree char *other = g_strdup ((const char *) sqlite3_column_text (stmt, 0));

          sqlite3_reset (stmt);
          return _resfri_register_row_error (imp, error, _("column “%s”: “%s” is already the email of room “%s”"),
                            _resfri_register_column_name (imp, ROOM_EMAIL), email, other);
        }
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        return _resfri_register_db_error (imp, error);
    }

  existed = query_key (imp, "SELECT id FROM rooms WHERE code = ?1", imp->values[ROOM_ID],
                       &room, error);
  if (existed < 0)
    return FALSE;

  if (!(stmt = _resfri_store_prepare (imp->store,
                                      "INSERT INTO rooms (code, name, site_id, capacity, email, vc)"
                                      " VALUES (?1, ?2, ?3, ?4, ?5, ?6)"
                                      " ON CONFLICT (code) DO UPDATE SET name = excluded.name,"
                                      "  site_id = excluded.site_id, capacity = excluded.capacity,"
                                      "  email = excluded.email, vc = excluded.vc"
                                      " WHERE name IS NOT excluded.name"
                                      "  OR site_id IS NOT excluded.site_id"
                                      "  OR capacity IS NOT excluded.capacity"
                                      "  OR email COLLATE BINARY IS NOT excluded.email"
                                      "  OR vc IS NOT excluded.vc",
                                      error)))
    return FALSE;

  sqlite3_bind_text (stmt, 1, imp->values[ROOM_ID], -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, imp->values[ROOM_NAME], -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, site);
  sqlite3_bind_int64 (stmt, 4, capacity);
  bind_optional_text (stmt, 5, email);
  sqlite3_bind_int (stmt, 6, vc);

  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    {
      sqlite3_reset (stmt);
      return _resfri_register_db_error (imp, error);
    }
  sqlite3_reset (stmt);

  if (!existed)
    room = sqlite3_last_insert_rowid (_resfri_store_get_db (imp->store));

  /* Counted by hand: the aliases are a second table. */
  {
    gboolean room_changed = sqlite3_changes (_resfri_store_get_db (imp->store)) > 0;

    aliases = split_aliases (imp->values[ROOM_ALIASES]);
    if (!update_aliases (imp, room, aliases, &aliases_changed, error))
      return FALSE;

    if (!existed)
      imp->stats->inserted++;
    else if (room_changed || aliases_changed)
      imp->stats->updated++;
    else
      imp->stats->unchanged++;
  }

  return TRUE;
}

/* Inventory */

static char *
dup_known_types (ResfriStore *store)
{
  g_autoptr(GString) names = g_string_new (NULL);
  sqlite3_stmt *stmt;

  if (!(stmt = _resfri_store_prepare (store, "SELECT name FROM equipment_types ORDER BY name",
                                      NULL)))
    return g_strdup ("");

  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (names, "%s%s", names->len ? ", " : "",
                            (const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);

  return g_string_free (g_steal_pointer (&names), FALSE);
}

gboolean
_resfri_register_import_item (Import  *imp,
             GError **error)
{
  static const char * const states[] = { "ok", "broken", "retired", NULL };
  sqlite3_stmt *stmt;
  gint64 type = 0, site = 0, owner = 0;
  double cost = 0;
  int state = 0;
  int found;
  int existed;

  if (!_resfri_register_check_duplicate (imp, imp->seen, imp->values[ITEM_TAG], ITEM_TAG, error))
    return FALSE;

  found = query_key (imp, "SELECT id FROM equipment_types WHERE name = ?1 COLLATE NOCASE",
                     imp->values[ITEM_TYPE], &type, error);
  if (found < 0)
    return FALSE;
  if (found == 0)
    {
      g_autofree char *known = dup_known_types (imp->store);

      return _resfri_register_row_error (imp, error,
                        _("column “%s”: unknown type “%s” (known types: %s; add a type "
                          "with “policy set price.TYPE”)"),
                        _resfri_register_column_name (imp, ITEM_TYPE), imp->values[ITEM_TYPE], known);
    }

  if (!lookup_site (imp, ITEM_SITE, &site, error))
    return FALSE;

  if (imp->values[ITEM_OWNER][0] != '\0')
    {
      found = query_key (imp, "SELECT id FROM people WHERE email = ?1", imp->values[ITEM_OWNER],
                         &owner, error);
      if (found < 0)
        return FALSE;
      if (found == 0)
        return _resfri_register_row_error (imp, error,
                          _("column “%s”: unknown person “%s” (import the people first, or "
                            "leave it empty for the loan pool)"),
                          _resfri_register_column_name (imp, ITEM_OWNER), imp->values[ITEM_OWNER]);
    }

  if (imp->values[ITEM_STATE][0] != '\0' &&
      (state = _resfri_register_parse_choice (imp->values[ITEM_STATE], states)) < 0)
    return _resfri_register_row_error (imp, error, _("column “%s”: “%s” is not a state (use ok, broken or retired)"),
                      _resfri_register_column_name (imp, ITEM_STATE), imp->values[ITEM_STATE]);

  if (imp->values[ITEM_COST][0] != '\0' &&
      !_resfri_register_parse_non_negative (imp, ITEM_COST, &cost, error))
    return FALSE;

  if (imp->values[ITEM_EMAIL][0] != '\0')
    {
      g_autofree char *key = g_ascii_strdown (imp->values[ITEM_EMAIL], -1);
      g_autofree char *other = NULL;
      int rc;

      if (!_resfri_register_check_email (imp, ITEM_EMAIL, error) ||
          !_resfri_register_check_duplicate (imp, imp->seen_emails, key, ITEM_EMAIL, error))
        return FALSE;
      /* Say which item has it rather than "UNIQUE constraint failed". */
      if (!(stmt = _resfri_store_prepare (imp->store,
                                          "SELECT tag FROM equipment WHERE email = ?1 AND tag <> ?2",
                                          error)))
        return FALSE;
      sqlite3_bind_text (stmt, 1, imp->values[ITEM_EMAIL], -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, imp->values[ITEM_TAG], -1, SQLITE_STATIC);
      if ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        other = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      sqlite3_reset (stmt);
      if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return _resfri_register_db_error (imp, error);
      if (other != NULL)
        /* Translators: the column's name, an address and an asset tag. */
        return _resfri_register_row_error (imp, error,
                                           _("column “%s”: “%s” is already the address of item %s"),
                                           _resfri_register_column_name (imp, ITEM_EMAIL),
                                           imp->values[ITEM_EMAIL], other);
    }

  existed = query_key (imp, "SELECT 1 FROM equipment WHERE tag = ?1", imp->values[ITEM_TAG],
                       NULL, error);
  if (existed < 0)
    return FALSE;

  if (!(stmt = _resfri_store_prepare (imp->store,
                                      "INSERT INTO equipment (tag, type_id, site_id, owner_id,"
                                      "  state, model, cost, email)"
                                      " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"
                                      " ON CONFLICT (tag) DO UPDATE SET type_id = excluded.type_id,"
                                      "  site_id = excluded.site_id, owner_id = excluded.owner_id,"
                                      "  state = excluded.state, model = excluded.model,"
                                      "  cost = excluded.cost, email = excluded.email"
                                      " WHERE type_id IS NOT excluded.type_id"
                                      "  OR site_id IS NOT excluded.site_id"
                                      "  OR owner_id IS NOT excluded.owner_id"
                                      "  OR state IS NOT excluded.state"
                                      "  OR model IS NOT excluded.model"
                                      "  OR cost IS NOT excluded.cost"
                                      "  OR email IS NOT excluded.email",
                                      error)))
    return FALSE;

  sqlite3_bind_text (stmt, 1, imp->values[ITEM_TAG], -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, type);
  sqlite3_bind_int64 (stmt, 3, site);
  if (owner != 0)
    sqlite3_bind_int64 (stmt, 4, owner);
  sqlite3_bind_text (stmt, 5, states[state], -1, SQLITE_STATIC);
  bind_optional_text (stmt, 6, imp->values[ITEM_MODEL]);
  if (imp->values[ITEM_COST][0] != '\0')
    sqlite3_bind_double (stmt, 7, cost);
  bind_optional_text (stmt, 8, imp->values[ITEM_EMAIL]);
  return step_upsert (imp, stmt, existed, FALSE, error);
}

/* Distances */

gboolean
_resfri_register_import_distance (Import  *imp,
                 GError **error)
{
  const char *from = imp->values[DISTANCE_FROM];
  const char *to = imp->values[DISTANCE_TO];
  g_autofree char *key = NULL;
  sqlite3_stmt *stmt;
  gint64 from_id = 0, to_id = 0;
  double km;
  int existed;

  if (!lookup_site (imp, DISTANCE_FROM, &from_id, error) ||
      !lookup_site (imp, DISTANCE_TO, &to_id, error))
    return FALSE;

  if (from_id == to_id)
    return _resfri_register_row_error (imp, error, _("column “%s”: a distance from “%s” to itself"),
                      _resfri_register_column_name (imp, DISTANCE_TO), to);

  /* A pair is one key whichever way round it is written. */
  key = g_strdup_printf ("%" G_GINT64_FORMAT " %" G_GINT64_FORMAT,
                         MIN (from_id, to_id), MAX (from_id, to_id));
  {
    gpointer first = g_hash_table_lookup (imp->seen, key);

    if (first != NULL)
      return _resfri_register_row_error (imp, error, _("the distance between “%s” and “%s” appears twice "
                                      "(first on line %u)"),
                        from, to, GPOINTER_TO_UINT (first));
    g_hash_table_insert (imp->seen, g_steal_pointer (&key), GUINT_TO_POINTER (imp->line));
  }

  if (!_resfri_register_parse_non_negative (imp, DISTANCE_KM, &km, error))
    return FALSE;

  if (from_id > to_id)
    {
      gint64 swap = from_id;

      from_id = to_id;
      to_id = swap;
    }

  if (!(stmt = _resfri_store_prepare (imp->store,
                                      "SELECT 1 FROM distances WHERE from_site = ?1 AND to_site = ?2",
                                      error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, from_id);
  sqlite3_bind_int64 (stmt, 2, to_id);
  existed = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (existed != SQLITE_ROW && existed != SQLITE_DONE)
    return _resfri_register_db_error (imp, error);

  if (!(stmt = _resfri_store_prepare (imp->store,
                                      "INSERT INTO distances (from_site, to_site, km)"
                                      " VALUES (?1, ?2, ?3)"
                                      " ON CONFLICT (from_site, to_site) DO UPDATE"
                                      "  SET km = excluded.km WHERE km IS NOT excluded.km",
                                      error)))
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, from_id);
  sqlite3_bind_int64 (stmt, 2, to_id);
  sqlite3_bind_double (stmt, 3, km);
  return step_upsert (imp, stmt, existed == SQLITE_ROW, FALSE, error);
}

/* Listing */

/* Each query returns the register's columns in order, sorted by key. */
static const char * const list_sql[RESFRI_N_REGISTERS] = {
  [RESFRI_REGISTER_SITES] =
    "SELECT code, name, latitude, longitude FROM sites ORDER BY code",
  [RESFRI_REGISTER_PEOPLE] =
    "SELECT p.email, p.name, u.path, s.code, p.role FROM people p"
    " JOIN units u ON u.id = p.unit_id JOIN sites s ON s.id = p.site_id"
    " ORDER BY p.email COLLATE BINARY",
  [RESFRI_REGISTER_ROOMS] =
    "SELECT r.code, r.name, s.code, r.capacity, r.email,"
    "  (SELECT group_concat (alias, ';') FROM"
    "    (SELECT alias FROM room_aliases WHERE room_id = r.id ORDER BY alias)),"
    "  r.vc"
    " FROM rooms r JOIN sites s ON s.id = r.site_id ORDER BY r.code",
  [RESFRI_REGISTER_INVENTORY] =
    "SELECT e.tag, t.name, s.code, p.email, e.state, e.model, e.cost, e.email FROM equipment e"
    " JOIN equipment_types t ON t.id = e.type_id JOIN sites s ON s.id = e.site_id"
    " LEFT JOIN people p ON p.id = e.owner_id ORDER BY e.tag",
  [RESFRI_REGISTER_DISTANCES] =
    /* A pair is written with the smaller site id first, whatever the order
     * of the rows' ids: the listing does not depend on import order. */
    "SELECT min (a.code, b.code), max (a.code, b.code), d.km FROM distances d"
    " JOIN sites a ON a.id = d.from_site JOIN sites b ON b.id = d.to_site"
    " ORDER BY 1, 2",
};

/* Calls @func with each row of the register @kind, whose columns are
 * @columns, in the order of its key. */
gboolean
_resfri_register_list_rows (ResfriStore     *store,
                            ResfriRegister   kind,
                            const Column    *columns,
                            ListRowFunc      func,
                            gpointer         user_data,
                            GError         **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = _resfri_store_prepare (store, list_sql[kind], error)))
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ListValue values[MAX_COLUMNS] = { { 0 } };

      for (int c = 0; columns[c].name != NULL; c++)
        {
          int type = sqlite3_column_type (stmt, c);

          values[c].null = type == SQLITE_NULL;
          if (values[c].null)
            continue;
          values[c].empty = type == SQLITE_TEXT && sqlite3_column_bytes (stmt, c) == 0;
          switch (columns[c].type)
            {
            case TYPE_REAL:
              values[c].real = sqlite3_column_double (stmt, c);
              break;

            case TYPE_INT:
            case TYPE_BOOL:
              values[c].integer = sqlite3_column_int64 (stmt, c);
              break;

            case TYPE_TEXT:
            case TYPE_LIST:
            default:
              values[c].text = (const char *) sqlite3_column_text (stmt, c);
              break;
            }
        }
      func (values, columns, user_data);
    }

  if (rc != SQLITE_DONE)
    {
      _resfri_store_set_error (store, error, _("Cannot read the register"));
      sqlite3_reset (stmt);
      return FALSE;
    }

  sqlite3_reset (stmt);
  return TRUE;
}

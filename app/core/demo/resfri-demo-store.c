/* resfri-demo-store.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every row the demo writes itself: sites, units, people, rooms and their
 * aliases, equipment, and the counts of what it made. The other files of
 * the demo decide what to write and call these; the meetings go through
 * resfri_store_put_vevent_at() like an import (resfri-demo-ical.c). No
 * random draws here, so the order of the rows is the order of the calls.
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "resfri-demo-private.h"
#include "resfri-store-private.h"

static const char * const eq_type_names[N_EQ] = { "headset", "camera", "vc-kit" };
static const char eq_tag_letters[N_EQ] = { 'H', 'C', 'V' };

gboolean
_resfri_demo_check_empty (Demo    *d,
                          GError **error)
{
  gint64 rows;

  rows = _resfri_store_query_int (d->store,
                                  "SELECT (SELECT count(*) FROM people) + (SELECT count(*) FROM meetings)"
                                  " + (SELECT count(*) FROM units) + (SELECT count(*) FROM sites)"
                                  " + (SELECT count(*) FROM rooms) + (SELECT count(*) FROM equipment)",
                                  error);
  if (rows < 0)
    return FALSE;

  if (rows > 0)
    {
      g_set_error (error, RESFRI_ERROR, RESFRI_ERROR_CONFLICT,
                   _("The database is not empty (it already holds people, meetings, sites or "
                     "equipment); the demo only fills an empty database"));
      return FALSE;
    }

  return TRUE;
}

gboolean
_resfri_demo_add_sites (Demo    *d,
                        GError **error)
{
  for (guint i = 0; i < N_SITES; i++)
    {
      sqlite3_stmt *stmt;

      if (!(stmt = _resfri_store_prepare (d->store,
                                          "INSERT INTO sites (code, name, latitude, longitude)"
                                          " VALUES (?1, ?2, ?3, ?4)", error)))
        return FALSE;

      sqlite3_bind_text (stmt, 1, _resfri_demo_sites[i].code, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, _resfri_demo_sites[i].name, -1, SQLITE_STATIC);
      sqlite3_bind_double (stmt, 3, _resfri_demo_sites[i].latitude);
      sqlite3_bind_double (stmt, 4, _resfri_demo_sites[i].longitude);
      if (!_resfri_store_step_done (d->store, stmt, _("Cannot add a site"), error))
        return FALSE;

      d->site_ids[i] = sqlite3_last_insert_rowid (_resfri_store_get_db (d->store));
      d->summary.sites++;
    }

  return TRUE;
}

gboolean
_resfri_demo_add_units (Demo    *d,
                        GError **error)
{
  char *paths[N_UNITS] = { NULL };
  gboolean ok = TRUE;

  for (guint i = 0; i < N_UNITS && ok; i++)
    {
      const UnitDef *def = &_resfri_demo_units[i];
      sqlite3_stmt *stmt;

      /* Parents come before their children in _resfri_demo_units. */
      g_assert (def->parent < (int) i);
      paths[i] = def->parent < 0 ? g_strdup (def->name)
                                 : g_strdup_printf ("%s/%s", paths[def->parent], def->name);

      if (!(stmt = _resfri_store_prepare (d->store,
                                          "INSERT INTO units (name, path, parent_id) VALUES (?1, ?2, ?3)",
                                          error)))
        {
          ok = FALSE;
          break;
        }

      sqlite3_bind_text (stmt, 1, def->name, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, paths[i], -1, SQLITE_TRANSIENT);
      if (def->parent >= 0)
        sqlite3_bind_int64 (stmt, 3, d->unit_ids[def->parent]);
      else
        sqlite3_bind_null (stmt, 3);

      ok = _resfri_store_step_done (d->store, stmt, _("Cannot add a unit"), error);
      d->unit_ids[i] = sqlite3_last_insert_rowid (_resfri_store_get_db (d->store));
      d->summary.units++;
    }

  for (guint i = 0; i < N_UNITS; i++)
    g_free (paths[i]);

  return ok;
}

gboolean
_resfri_demo_insert_person (Demo    *d,
                            Person  *person,
                            GError **error)
{
  sqlite3_stmt *stmt;

  if (!(stmt = _resfri_store_prepare (d->store,
                                      "INSERT INTO people (email, name, unit_id, site_id, role)"
                                      " VALUES (?1, ?2, ?3, ?4, ?5)", error)))
    return FALSE;

  sqlite3_bind_text (stmt, 1, person->email, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, person->name, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, d->unit_ids[person->unit]);
  sqlite3_bind_int64 (stmt, 4, d->site_ids[person->site]);
  sqlite3_bind_text (stmt, 5, person->politician ? "politician" : "employee", -1, SQLITE_STATIC);
  if (!_resfri_store_step_done (d->store, stmt, _("Cannot add a person"), error))
    return FALSE;

  person->id = sqlite3_last_insert_rowid (_resfri_store_get_db (d->store));
  d->summary.people++;
  if (person->politician)
    d->summary.politicians++;
  return TRUE;
}

gboolean
_resfri_demo_insert_room (Demo        *d,
                                       const char  *code,
                                       const Room  *room,
                                       gint64      *room_id,
                                       GError     **error)
{
  sqlite3_stmt *stmt;

  if (!(stmt = _resfri_store_prepare (d->store,
                                      "INSERT INTO rooms (code, name, site_id, capacity, email, vc)"
                                      " VALUES (?1, ?2, ?3, ?4, ?5, ?6)", error)))
    return FALSE;

  sqlite3_bind_text (stmt, 1, code, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, room->name, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, d->site_ids[room->site]);
  sqlite3_bind_int (stmt, 4, (int) room->capacity);
  sqlite3_bind_text (stmt, 5, room->email, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 6, room->vc ? 1 : 0);
  if (!_resfri_store_step_done (d->store, stmt, _("Cannot add a room"), error))
    return FALSE;

  *room_id = sqlite3_last_insert_rowid (_resfri_store_get_db (d->store));
  d->summary.rooms++;
  return TRUE;
}

/* Some rooms are also known by another name in LOCATION. */
gboolean
_resfri_demo_insert_room_alias (Demo        *d,
                                             gint64       room_id,
                                             const char  *alias,
                                             GError     **error)
{
  sqlite3_stmt *stmt;

  if (!(stmt = _resfri_store_prepare (d->store,
                                      "INSERT INTO room_aliases (room_id, alias) VALUES (?1, ?2)",
                                      error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, room_id);
  sqlite3_bind_text (stmt, 2, alias, -1, SQLITE_STATIC);
  return _resfri_store_step_done (d->store, stmt, _("Cannot add a room"), error);
}

gboolean
_resfri_demo_lookup_types (Demo    *d,
                           GError **error)
{
  for (guint t = 0; t < N_EQ; t++)
    {
      sqlite3_stmt *stmt;

      if (!(stmt = _resfri_store_prepare (d->store,
                                          "SELECT id FROM equipment_types WHERE name = ?1", error)))
        return FALSE;

      sqlite3_bind_text (stmt, 1, eq_type_names[t], -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) != SQLITE_ROW)
        {
          sqlite3_reset (stmt);
          g_set_error (error, RESFRI_ERROR, RESFRI_ERROR_NOT_FOUND,
                       _("The equipment type “%s” is missing"), eq_type_names[t]);
          return FALSE;
        }
      d->type_ids[t] = sqlite3_column_int64 (stmt, 0);
      sqlite3_reset (stmt);
    }

  return TRUE;
}

gboolean
_resfri_demo_add_item (Demo           *d,
                       guint           type,
                       guint           site,
                       const Person   *owner,
                       const ModelDef *model,
                       const char     *state,
                       GError        **error)
{
  sqlite3_stmt *stmt;
  char tag[32];
  gint64 id;

  g_snprintf (tag, sizeof tag, "%s-%c-%05u", TAG_PREFIX, eq_tag_letters[type], ++d->tag_counters[type]);

  if (!(stmt = _resfri_store_prepare (d->store,
                                      "INSERT INTO equipment (tag, type_id, site_id, owner_id, state, model, cost)"
                                      " VALUES (?1, ?2, ?3, ?4, 'ok', ?5, ?6)", error)))
    return FALSE;

  sqlite3_bind_text (stmt, 1, tag, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, d->type_ids[type]);
  sqlite3_bind_int64 (stmt, 3, d->site_ids[site]);
  if (owner != NULL)
    sqlite3_bind_int64 (stmt, 4, owner->id);
  else
    sqlite3_bind_null (stmt, 4);
  sqlite3_bind_text (stmt, 5, model->model, -1, SQLITE_STATIC);
  sqlite3_bind_double (stmt, 6, model->cost);
  if (!_resfri_store_step_done (d->store, stmt, _("Cannot add an item"), error))
    return FALSE;

  id = sqlite3_last_insert_rowid (_resfri_store_get_db (d->store));
  d->summary.equipment++;
  if (owner == NULL)
    d->summary.loan_items++;

  /* Broken and retired items are changed after they were added, as in real
   * life, so that their history says so. */
  if (strcmp (state, "ok") != 0)
    {
      if (!(stmt = _resfri_store_prepare (d->store,
                                          "UPDATE equipment SET state = ?2 WHERE id = ?1", error)))
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_text (stmt, 2, state, -1, SQLITE_STATIC);
      if (!_resfri_store_step_done (d->store, stmt, _("Cannot add an item"), error))
        return FALSE;
    }

  return TRUE;
}

/* The stats count rows written; an override rewrites its instance. */
gboolean
_resfri_demo_count_rows (Demo    *d,
                                      GError **error)
{
  d->summary.occurrences = _resfri_store_query_int (d->store, "SELECT count(*) FROM occurrences", error);
  d->summary.meetings = _resfri_store_query_int (d->store, "SELECT count(*) FROM meetings", error);
  return d->summary.occurrences >= 0 && d->summary.meetings >= 0;
}

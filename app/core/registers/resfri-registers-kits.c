/* resfri-registers-kits.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every person with whether they own a headset and a camera in state ok,
 * by unit path then email (resfri-registers-private.h): two plain scans,
 * the people by id and the owned equipment, matched and sorted here. The
 * one query that did it all sorted every person in SQLite with a
 * correlated subquery per type each, three times the work. The scan of
 * the owned equipment is also the inventory's per unit. The same rows
 * from a snapshot of the registers read with names, with no query.
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "resfri-registers-private.h"
#include "resfri-store-private.h"

static const char *
column_text (sqlite3_stmt *stmt,
             int           column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);

  return text != NULL ? text : "";
}

/* The order of "ORDER BY u.path, p.email": BINARY (bytes, as strcmp)
 * then the email's NOCASE (ASCII letters folded, as g_ascii_strcasecmp). */
static int
kit_row_compare (gconstpointer a,
                 gconstpointer b)
{
  const ResfriRegistersKitRow *x = a;
  const ResfriRegistersKitRow *y = b;
  int cmp = x->unit == y->unit ? 0 : strcmp (x->unit, y->unit);

  if (cmp != 0)
    return cmp;
  cmp = g_ascii_strcasecmp (x->email, y->email);
  if (cmp != 0)
    return cmp;
  return (x->id > y->id) - (x->id < y->id);
}

static ResfriRegistersKitRow *
find_row (GArray *rows,
          gint64  id)
{
  guint lo = 0;
  guint hi = rows->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      ResfriRegistersKitRow *row = &g_array_index (rows, ResfriRegistersKitRow, mid);

      if (row->id == id)
        return row;
      if (row->id < id)
        lo = mid + 1;
      else
        hi = mid;
    }

  return NULL;
}

gboolean
_resfri_registers_foreach_owned_kit (ResfriStore                 *store,
                                     ResfriRegistersOwnedKitFunc  func,
                                     gpointer                     user_data,
                                     GError                     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  /* One scan of the equipment (CROSS JOIN keeps it outside): with the
   * types outside, SQLite scanned it once per type. */
  stmt = _resfri_store_prepare (store,
                                "SELECT e.owner_id, t.name = 'headset'"
                                "  FROM equipment e CROSS JOIN equipment_types t ON t.id = e.type_id"
                                " WHERE e.owner_id IS NOT NULL AND e.state = 'ok'"
                                "   AND t.name IN ('headset', 'camera')",
                                error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    func (sqlite3_column_int64 (stmt, 0), sqlite3_column_int (stmt, 1) != 0, user_data);

  return _resfri_store_end_rows (store, stmt, rc, _("Cannot read the registers"), error);
}

static void
mark_kit (gint64   owner_id,
          gboolean headset,
          gpointer user_data)
{
  ResfriRegistersKitRow *row = find_row (user_data, owner_id);

  if (row == NULL)
    return;
  if (headset)
    row->has_headset = TRUE;
  else
    row->has_camera = TRUE;
}

gboolean
_resfri_registers_read_kits (ResfriStore             *store,
                             ResfriRegistersKitFunc   func,
                             gpointer                 user_data,
                             GError                 **error)
{
  g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (ResfriRegistersKitRow));
  GStringChunk *strings = g_string_chunk_new (64 * 1024);
  sqlite3_stmt *stmt;
  gboolean ok = FALSE;
  int rc;

  /* By id, as the scan of the table goes: the equipment finds its owner
   * by bisection. */
  stmt = _resfri_store_prepare (store,
                                "SELECT p.id, p.email, p.name, u.path, u.id, u.name, s.code"
                                "  FROM people p JOIN units u ON u.id = p.unit_id"
                                "  JOIN sites s ON s.id = p.site_id"
                                " ORDER BY p.id",
                                error);
  if (stmt == NULL)
    goto out;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ResfriRegistersKitRow row = {
        sqlite3_column_int64 (stmt, 0),
        g_string_chunk_insert (strings, column_text (stmt, 1)),
        g_string_chunk_insert (strings, column_text (stmt, 2)),
        g_string_chunk_insert_const (strings, column_text (stmt, 3)),
        sqlite3_column_int64 (stmt, 4),
        g_string_chunk_insert_const (strings, column_text (stmt, 5)),
        g_string_chunk_insert_const (strings, column_text (stmt, 6)),
        FALSE, FALSE
      };

      g_array_append_val (rows, row);
    }
  if (!_resfri_store_end_rows (store, stmt, rc, _("Could not read the people"), error))
    goto out;

  if (!_resfri_registers_foreach_owned_kit (store, mark_kit, rows, error))
    goto out;

  g_array_sort (rows, kit_row_compare);
  for (guint i = 0; i < rows->len; i++)
    func (&g_array_index (rows, ResfriRegistersKitRow, i), user_data);
  ok = TRUE;

out:
  g_string_chunk_free (strings);
  return ok;
}

gboolean
_resfri_registers_snapshot_kits (ResfriRegisters        *registers,
                                 ResfriRegistersKitFunc  func,
                                 gpointer                user_data)
{
  g_autoptr(GPtrArray) people = _resfri_registers_dup_people (registers);
  g_autoptr(GArray) rows = NULL;

  if (people == NULL)
    return FALSE;
  rows = g_array_sized_new (FALSE, FALSE, sizeof (ResfriRegistersKitRow), people->len);
  for (guint i = 0; i < people->len; i++)
    {
      const ResfriRegisterPerson *p = g_ptr_array_index (people, i);
      const ResfriRegisterUnit *unit = resfri_registers_get_unit (registers, p->unit_id);
      const ResfriRegisterSite *site = resfri_registers_get_site (registers, p->site_id);
      ResfriRegistersKitRow row;

      /* As the query's joins: a person of no unit or site is none. */
      if (unit == NULL || site == NULL)
        continue;
      row = (ResfriRegistersKitRow) {
        p->id, p->address != NULL ? p->address : p->email, p->name,
        unit->path != NULL ? unit->path : "", unit->id,
        unit->name != NULL ? unit->name : "", site->code != NULL ? site->code : "",
        p->has_headset, p->has_camera
      };
      g_array_append_val (rows, row);
    }
  g_array_sort (rows, kit_row_compare);
  for (guint i = 0; i < rows->len; i++)
    func (&g_array_index (rows, ResfriRegistersKitRow, i), user_data);

  return TRUE;
}

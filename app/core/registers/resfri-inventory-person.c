/* resfri-inventory-person.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The inventory's rows about one person (spec/privacy.md), split from
 * resfri-inventory.c, the owner of the equipment tables, Text Editor's
 * way: the items they hold or held, their items returned to the pool (or
 * retired) when they are erased, and the history forgetting their
 * address. Each runs in the caller's transaction where it writes.
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "resfri-inventory-private.h"
#include "resfri-store-private.h"


gboolean
_resfri_inventory_read_person_tags (ResfriStore  *store,
                                    const char   *email,
                                    GPtrArray    *tags,
                                    GError      **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = _resfri_store_prepare (store,
        "SELECT e.tag FROM equipment e WHERE e.owner_id = (SELECT id FROM people WHERE email = ?1)"
        "   OR e.id IN (SELECT equipment_id FROM equipment_history"
        "                WHERE owner_email = ?1 COLLATE NOCASE OR detail = ?1 COLLATE NOCASE)"
        " ORDER BY e.tag", error)))
    return FALSE;
  sqlite3_bind_text (stmt, 1, email, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (tags, _resfri_store_dup_column (stmt, 0));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    _resfri_store_set_error (store, error, _("Cannot read the registers"));

  return rc == SQLITE_DONE;
}

gint64
_resfri_inventory_release_person (ResfriStore  *store,
                                  gint64        person_id,
                                  gboolean      retire,
                                  GError      **error)
{
  static const char * const sql[] = {
    "UPDATE equipment SET state = 'retired' WHERE owner_id = ?1",
    "UPDATE equipment SET owner_id = NULL WHERE owner_id = ?1",
  };
  gint64 n = 0;

  for (guint i = retire ? 0 : 1; i < G_N_ELEMENTS (sql); i++)
    {
      sqlite3_stmt *stmt = _resfri_store_prepare (store, sql[i], error);

      if (stmt == NULL)
        return -1;
      sqlite3_bind_int64 (stmt, 1, person_id);
      if (!_resfri_store_step_done (store, stmt, _("Cannot return the items"), error))
        return -1;
      n = sqlite3_changes (_resfri_store_get_db (store));
    }

  return n;
}

gboolean
_resfri_inventory_forget_person (ResfriStore  *store,
                                 const char   *email,
                                 GError      **error)
{
  static const char * const sql[] = {
    "UPDATE equipment_history SET owner_email = NULL WHERE owner_email = ?1 COLLATE NOCASE",
    "UPDATE equipment_history SET detail = NULL WHERE detail = ?1 COLLATE NOCASE",
  };

  for (guint i = 0; i < G_N_ELEMENTS (sql); i++)
    {
      sqlite3_stmt *stmt = _resfri_store_prepare (store, sql[i], error);

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, email, -1, SQLITE_TRANSIENT);
      if (!_resfri_store_step_done (store, stmt, _("Cannot change the history of an item"), error))
        return FALSE;
    }

  return TRUE;
}

/* resfri-sources-person.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The sync tables' rows about one person (spec/privacy.md), split from
 * resfri-sources.c, their owner, Text Editor's way: the calendars that
 * hold their calendar, whether a followed calendar holds a meeting they
 * organise (an erasure waits for it), and their address and name replaced
 * by a pseudonym in every stored resource's text. Each runs in the
 * caller's transaction where it writes.
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "resfri-ical-pseudonym.h"
#include "resfri-sources-private.h"
#include "resfri-store-private.h"

static gboolean
end_rows (ResfriStore   *store,
          sqlite3_stmt  *stmt,
          int            rc,
          GError       **error)
{
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _resfri_store_set_error (store, error, _("Cannot read the live calendars"));
      return FALSE;
    }

  return TRUE;
}

gboolean
_resfri_sources_read_person_calendars (ResfriStore               *store,
                                       const char                *email,
                                       ResfriPersonCalendarFunc   func,
                                       gpointer                   user_data,
                                       GError                   **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = _resfri_store_prepare (store,
                                "SELECT s.id, s.url, c.href, c.name, c.role, c.following"
                                " FROM sync_calendars c JOIN sync_sources s ON s.id = c.source_id"
                                " WHERE c.target = ?1 COLLATE NOCASE OR s.user = ?1 COLLATE NOCASE"
                                "  OR instr (lower (c.href), lower (?1)) > 0"
                                "  OR c.id IN (SELECT r.calendar_id FROM sync_resources r"
                                "   JOIN sync_copies k ON k.resource_id = r.id AND k.organizer = 1"
                                "   JOIN meetings m ON m.uid = k.uid AND m.organizer = ?1)"
                                " ORDER BY s.id, c.href",
                                error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, email, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    func (sqlite3_column_int64 (stmt, 0), (const char *) sqlite3_column_text (stmt, 1),
          (const char *) sqlite3_column_text (stmt, 2),
          (const char *) sqlite3_column_text (stmt, 3),
          (const char *) sqlite3_column_text (stmt, 4), sqlite3_column_int (stmt, 5) != 0,
          user_data);

  return end_rows (store, stmt, rc, error);
}

int
_resfri_sources_person_in_followed (ResfriStore  *store,
                                    const char   *email,
                                    char        **calendar,
                                    GError      **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = _resfri_store_prepare (store,
                                "SELECT coalesce (c.name, c.href) FROM sync_calendars c"
                                " WHERE c.following = 1 AND (c.target = ?1 COLLATE NOCASE"
                                "  OR c.id IN (SELECT r.calendar_id FROM sync_resources r"
                                "   JOIN sync_copies k ON k.resource_id = r.id"
                                "   JOIN meetings m ON m.uid = k.uid AND m.organizer = ?1))"
                                " ORDER BY c.id LIMIT 1",
                                error);
  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, email, -1, SQLITE_TRANSIENT);
  if ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      *calendar = _resfri_store_dup_column (stmt, 0);
      sqlite3_reset (stmt);
      return 1;
    }

  return end_rows (store, stmt, rc, error) ? 0 : -1;
}

gboolean
_resfri_sources_pseudonymise_person (ResfriStore  *store,
                                     const char   *email,
                                     const char   *name,
                                     const char   *pseudonym,
                                     const char   *pseudonym_name,
                                     GError      **error)
{
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;
  int rc;

  /* A folded line may cut the address: every text is read. */
  if (!(stmt = _resfri_store_prepare (store, "SELECT id, ical FROM sync_resources", error)))
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      char *text = resfri_ical_pseudonymise ((const char *) sqlite3_column_text (stmt, 1), email,
                                             name, pseudonym, pseudonym_name, TRUE);
      gint64 id = sqlite3_column_int64 (stmt, 0);

      if (text != NULL)
        {
          g_array_append_val (ids, id);
          g_ptr_array_add (texts, text);
        }
    }
  if (!end_rows (store, stmt, rc, error))
    return FALSE;

  for (guint i = 0; i < ids->len; i++)
    {
      /* The copies' places in the text are no longer known. */
      static const char * const sql[] = {
        "UPDATE sync_resources SET ical = ?2 WHERE id = ?1",
        "UPDATE sync_copies SET text_start = NULL, text_length = NULL WHERE resource_id = ?1",
      };

      for (guint j = 0; j < G_N_ELEMENTS (sql); j++)
        {
          if (!(stmt = _resfri_store_prepare (store, sql[j], error)))
            return FALSE;
          sqlite3_bind_int64 (stmt, 1, g_array_index (ids, gint64, i));
          if (j == 0)
            sqlite3_bind_text (stmt, 2, g_ptr_array_index (texts, i), -1, SQLITE_STATIC);
          if (!_resfri_store_step_done (store, stmt, _("Cannot change a live calendar"), error))
            return FALSE;
        }
    }

  /* A calendar listed but not followed is only a name the server gives;
   * one named after the person goes (the server lists it again). */
  stmt = _resfri_store_prepare (store,
                                "DELETE FROM sync_calendars WHERE following = 0"
                                " AND (target = ?1 COLLATE NOCASE"
                                "      OR instr (lower (href), lower (?1)) > 0)",
                                error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, email, -1, SQLITE_TRANSIENT);

  return _resfri_store_step_done (store, stmt, _("Cannot change a live calendar"), error);
}

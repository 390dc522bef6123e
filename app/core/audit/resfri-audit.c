/* resfri-audit.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The audit log (spec/privacy.md): the audit_log table and all its SQL.
 * The concepts record each change a user makes through
 * _resfri_audit_record() in the change's own transaction; the CLI's
 * `audit` and the window's Audit Log read it back with resfri_audit_list().
 * The actions' and object kinds' keys are stable (the CLI's JSON prints
 * them); their descriptions are for people.
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "resfri-audit-private.h"

static const struct
{
  const char *key;
  const char *description;
} actions[] = {
  { "book", N_("Booked a room") },
  { "lend", N_("Lent an item") },
  { "cancel", N_("Cancelled a booking") },
  { "release", N_("Released a booking the server holds for another") },
  { "exempt", N_("Recorded an exemption") },
  { "unexempt", N_("Removed an exemption") },
  { "item-add", N_("Added an item") },
  { "item-edit", N_("Edited an item") },
  { "item-assign", N_("Assigned an item") },
  { "item-return", N_("Returned an item to its pool") },
  { "item-state", N_("Changed an item’s state") },
  { "import-register", N_("Imported a register") },
  { "import-calendar", N_("Imported a calendar") },
  { "setting", N_("Changed a setting") },
  { "source-add", N_("Added a calendar source") },
  { "source-remove", N_("Removed a calendar source") },
  { "follow", N_("Followed a calendar") },
  { "unfollow", N_("Stopped following a calendar") },
  { "sync", N_("Synchronised a source") },
  { "meeting-add", N_("Saved a new meeting") },
  { "meeting-edit", N_("Changed a meeting") },
  { "meeting-link", N_("Added an online link to a meeting") },
  { "meeting-restore", N_("Undid a change of a meeting") },
  { "demo", N_("Filled the database with the demo") },
  { "erase", N_("Erased a person") },
  { "purge", N_("Purged the personal data of old meetings") },
};

static const struct
{
  const char *key;
  const char *description;
} kinds[] = {
  { "booking", N_("booking") },
  { "exemption", N_("exemption") },
  { "item", N_("item") },
  { "file", N_("file") },
  { "setting", N_("setting") },
  { "source", N_("source") },
  { "calendar", N_("calendar") },
  { "database", N_("database") },
  { "meeting", N_("meeting") },
  { "person", N_("person") },
  /* Its id is the cut-off day of a purge. */
  { "retention", N_("meetings that ended before") },
};

void
resfri_audit_entry_free (ResfriAuditEntry *entry)
{
  if (entry == NULL)
    return;

  g_free (entry->user);
  g_free (entry->action);
  g_free (entry->object_kind);
  g_free (entry->object_id);
  g_free (entry->detail);
  g_free (entry);
}

/**
 * resfri_audit_describe_action:
 * @action: an action's key
 *
 * Returns: the action for people ("Booked a room"), translated; the key
 *   itself when it is unknown (a newer version wrote it)
 */
const char *
resfri_audit_describe_action (const char *action)
{
  for (guint i = 0; action != NULL && i < G_N_ELEMENTS (actions); i++)
    if (strcmp (actions[i].key, action) == 0)
      return _(actions[i].description);

  return action;
}

/**
 * resfri_audit_describe_kind:
 * @object_kind: an object kind's key
 *
 * Returns: the kind for people ("booking"), translated; the key itself
 *   when it is unknown
 */
const char *
resfri_audit_describe_kind (const char *object_kind)
{
  for (guint i = 0; object_kind != NULL && i < G_N_ELEMENTS (kinds); i++)
    if (strcmp (kinds[i].key, object_kind) == 0)
      return _(kinds[i].description);

  return object_kind;
}

gboolean
_resfri_audit_record (ResfriStore  *store,
                      const char   *action,
                      const char   *object_kind,
                      const char   *object_id,
                      const char   *detail,
                      GError      **error)
{
  static const char sql[] =
    "INSERT INTO audit_log (time, user, action, object_kind, object_id, detail)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
  sqlite3_stmt *stmt;

  g_return_val_if_fail (RESFRI_IS_STORE (store), FALSE);
  g_return_val_if_fail (action != NULL && object_kind != NULL && object_id != NULL, FALSE);

  if (!(stmt = _resfri_store_prepare (store, sql, error)))
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, g_get_real_time () / G_USEC_PER_SEC);
  sqlite3_bind_text (stmt, 2, g_get_user_name (), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, action, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, object_kind, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, object_id, -1, SQLITE_TRANSIENT);
  if (detail != NULL && *detail != '\0')
    sqlite3_bind_text (stmt, 6, detail, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, 6);

  return _resfri_store_step_done (store, stmt, _("Cannot write the audit log"), error);
}

gboolean
_resfri_audit_record_id (ResfriStore  *store,
                         const char   *action,
                         const char   *object_kind,
                         gint64        object_id,
                         const char   *detail,
                         GError      **error)
{
  char id[24];

  g_snprintf (id, sizeof id, "%" G_GINT64_FORMAT, object_id);
  return _resfri_audit_record (store, action, object_kind, id, detail, error);
}

gboolean
_resfri_audit_begin (ResfriStore  *store,
                     gboolean     *owned,
                     GError      **error)
{
  *owned = !_resfri_store_in_transaction (store);
  return !*owned || _resfri_store_begin (store, error);
}

gboolean
_resfri_audit_end (ResfriStore  *store,
                   gboolean      owned,
                   gboolean      ok,
                   GError      **error)
{
  if (!owned)
    return ok;
  if (ok && _resfri_store_commit (store, error))
    return TRUE;
  if (_resfri_store_in_transaction (store))
    _resfri_store_rollback (store);
  return FALSE;
}

/**
 * resfri_audit_list:
 * @from: the first instant (UTC unix seconds), G_MININT64 for no bound
 * @to: the end, exclusive, G_MAXINT64 for no bound
 * @newest_first: the latest change first, else the earliest
 * @limit: at most this many rows (0: all)
 *
 * The changes made in [@from, @to), in the order of their making (by
 * time, then by id).
 *
 * Returns: (transfer container) (element-type ResfriAuditEntry): the
 *   entries, or %NULL with @error
 */
GPtrArray *
resfri_audit_list (ResfriStore  *store,
                   gint64        from,
                   gint64        to,
                   gboolean      newest_first,
                   guint         limit,
                   GError      **error)
{
  static const char oldest_sql[] =
    "SELECT id, time, user, action, object_kind, object_id, detail FROM audit_log"
    " WHERE time >= ?1 AND time < ?2 ORDER BY time, id LIMIT ?3";
  static const char newest_sql[] =
    "SELECT id, time, user, action, object_kind, object_id, detail FROM audit_log"
    " WHERE time >= ?1 AND time < ?2 ORDER BY time DESC, id DESC LIMIT ?3";
  g_autoptr(GPtrArray) entries = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (RESFRI_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!(stmt = _resfri_store_prepare (store, newest_first ? newest_sql : oldest_sql, error)))
    return NULL;
  sqlite3_bind_int64 (stmt, 1, from);
  sqlite3_bind_int64 (stmt, 2, to);
  sqlite3_bind_int64 (stmt, 3, limit > 0 ? (gint64) limit : -1);

  entries = g_ptr_array_new_with_free_func ((GDestroyNotify) resfri_audit_entry_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ResfriAuditEntry *entry = g_new0 (ResfriAuditEntry, 1);

      entry->id = sqlite3_column_int64 (stmt, 0);
      entry->time = sqlite3_column_int64 (stmt, 1);
      entry->user = _resfri_store_dup_column (stmt, 2);
      entry->action = _resfri_store_dup_column (stmt, 3);
      entry->object_kind = _resfri_store_dup_column (stmt, 4);
      entry->object_id = _resfri_store_dup_column (stmt, 5);
      entry->detail = _resfri_store_dup_column (stmt, 6);
      g_ptr_array_add (entries, entry);
    }
  if (rc != SQLITE_DONE)
    {
      _resfri_store_set_error (store, error, _("Cannot read the audit log"));
      sqlite3_reset (stmt);
      return NULL;
    }
  sqlite3_reset (stmt);

  return g_steal_pointer (&entries);
}

typedef struct
{
  gint64   from;
  gint64   to;
  gboolean newest_first;
  guint    limit;
} ListData;

static gpointer
list_work (ResfriStore   *worker,
           gpointer       data,
           GCancellable  *cancellable,
           GError       **error)
{
  ListData *list = data;

  return resfri_audit_list (worker, list->from, list->to, list->newest_first, list->limit, error);
}

void
resfri_audit_list_async (ResfriStore          *store,
                         gint64                from,
                         gint64                to,
                         gboolean              newest_first,
                         guint                 limit,
                         GCancellable         *cancellable,
                         GAsyncReadyCallback   callback,
                         gpointer              user_data)
{
  ListData *data;

  g_return_if_fail (RESFRI_IS_STORE (store));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  data = g_new0 (ListData, 1);
  data->from = from;
  data->to = to;
  data->newest_first = newest_first;
  data->limit = limit;
  _resfri_store_run_async (store, resfri_audit_list_async, list_work, data, g_free,
                           (GDestroyNotify) g_ptr_array_unref, cancellable, callback, user_data);
}

/**
 * resfri_audit_list_finish:
 *
 * Returns: (transfer container) (element-type ResfriAuditEntry): the
 *   entries, or %NULL with @error (G_IO_ERROR_CANCELLED when cancelled)
 */
GPtrArray *
resfri_audit_list_finish (ResfriStore   *store,
                          GAsyncResult  *result,
                          GError       **error)
{
  return _resfri_store_run_finish (store, result, error);
}

gboolean
_resfri_audit_forget_person (ResfriStore  *store,
                             const char   *email,
                             const char   *pseudonym,
                             GError      **error)
{
  sqlite3_stmt *stmt;

  stmt = _resfri_store_prepare (store,
                                "UPDATE audit_log SET object_id = ?2"
                                " WHERE object_id = ?1 COLLATE NOCASE",
                                error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, email, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, pseudonym, -1, SQLITE_TRANSIENT);
  if (!_resfri_store_step_done (store, stmt, _("Cannot write the audit log"), error))
    return FALSE;

  stmt = _resfri_store_prepare (store,
                                "UPDATE audit_log SET detail = replace (detail, ?1, ?2)"
                                " WHERE instr (lower (detail), lower (?1)) > 0",
                                error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, email, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, pseudonym, -1, SQLITE_TRANSIENT);

  return _resfri_store_step_done (store, stmt, _("Cannot write the audit log"), error);
}

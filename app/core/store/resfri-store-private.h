/* resfri-store-private.h
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the core's modules share about the store. Not for the CLI or the UI.
 *
 * Threads: a ResfriStore is one sqlite connection and is used by one thread
 * at a time. Work on another thread opens its own store on the same path
 * (WAL lets readers and one writer share the file; the busy timeout covers
 * the rest).
 */

#pragma once

#include <sqlite3.h>

#include "resfri-error.h"
#include "resfri-store.h"

G_BEGIN_DECLS

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

sqlite3      *_resfri_store_get_db          (ResfriStore  *self);

/* Keeps SQLite's locks when the process closes a descriptor of the database
 * somewhere else (resfri-store-locks.c); called before the first connection. */
void          _resfri_store_locks_init      (void);

/* A cached prepared statement, reset and with its bindings cleared. It stays
 * owned by the store: never finalize it. */
sqlite3_stmt *_resfri_store_prepare         (ResfriStore  *self,
                                             const char   *sql,
                                             GError      **error);
gboolean      _resfri_store_exec            (ResfriStore  *self,
                                             const char   *sql,
                                             GError      **error);

/* BEGIN IMMEDIATE / COMMIT / ROLLBACK. Transactions do not nest. */
gboolean      _resfri_store_begin           (ResfriStore  *self,
                                             GError      **error);
gboolean      _resfri_store_commit          (ResfriStore  *self,
                                             GError      **error);
void          _resfri_store_rollback        (ResfriStore  *self);
gboolean      _resfri_store_in_transaction  (ResfriStore  *self);

/* A savepoint inside the open transaction, for a part that may be taken
 * back alone (one event of an import, one resource of a sync): begun,
 * released (kept), or rolled back (taken back) and released. @name is a
 * fixed identifier of the caller's, never outside text. */
gboolean      _resfri_store_savepoint       (ResfriStore  *self,
                                             const char   *name,
                                             GError      **error);
gboolean      _resfri_store_release         (ResfriStore  *self,
                                             const char   *name,
                                             GError      **error);
gboolean      _resfri_store_rollback_to     (ResfriStore  *self,
                                             const char   *name,
                                             GError      **error);

/* Sets @error from the connection's last error, prefixed with @what. A
 * constraint failure becomes RESFRI_ERROR_CONFLICT, others DATABASE. */
void          _resfri_store_set_error       (ResfriStore  *self,
                                             GError      **error,
                                             const char   *what);

/* Step a statement that returns no rows; TRUE on SQLITE_DONE. */
gboolean      _resfri_store_step_done       (ResfriStore  *self,
                                             sqlite3_stmt *stmt,
                                             const char   *what,
                                             GError      **error);

/* Resets @stmt after its rows were stepped through; FALSE with @error,
 * prefixed with @what, unless @rc says they were read to the end. */
gboolean      _resfri_store_end_rows        (ResfriStore  *self,
                                             sqlite3_stmt *stmt,
                                             int           rc,
                                             const char   *what,
                                             GError      **error);

/* A copy of a text column, NULL for SQL NULL. */
char         *_resfri_store_dup_column      (sqlite3_stmt *stmt,
                                             int           column);

/* Single integer result of a one-row query; -1 and @error on failure. */
gint64        _resfri_store_query_int       (ResfriStore  *self,
                                             const char   *sql,
                                             GError      **error);

const char   *_resfri_schema_get_migration  (int           from_version);

/* Bulk writes: secondary indexes set aside in the open transaction and
 * built again at its end, one sort instead of a random insert per row
 * (an import of many events into a store that holds fewer). The set-aside
 * indexes' own CREATE statements are kept, so they come back exactly as
 * they were; a rollback brings them back too. Indexes that do not exist
 * are skipped. _resfri_store_bulk_restore() frees @bulk, also on error. */
typedef struct _ResfriStoreBulk ResfriStoreBulk;

ResfriStoreBulk *_resfri_store_bulk_drop_indexes (ResfriStore        *self,
                                                  const char * const *names,
                                                  GError            **error);
gboolean      _resfri_store_bulk_restore    (ResfriStore      *self,
                                             ResfriStoreBulk  *bulk,
                                             GError          **error);
void          _resfri_store_bulk_free       (ResfriStoreBulk  *bulk);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ResfriStoreBulk, _resfri_store_bulk_free)

/* Runs @func on a worker thread with a store of its own on @self's path (a
 * store is used by one thread at a time) and returns what it returns, or its
 * error, to @callback; _resfri_store_run_finish() gives it back. @data is
 * @func's, freed with @data_destroy; a result is freed with @result_destroy
 * when nobody takes it. */
typedef gpointer (*ResfriStoreWorkFunc) (ResfriStore   *worker,
                                         gpointer       data,
                                         GCancellable  *cancellable,
                                         GError       **error);

void          _resfri_store_run_async       (ResfriStore          *self,
                                             gpointer              source_tag,
                                             ResfriStoreWorkFunc   func,
                                             gpointer              data,
                                             GDestroyNotify        data_destroy,
                                             GDestroyNotify        result_destroy,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
gpointer      _resfri_store_run_finish      (ResfriStore          *self,
                                             GAsyncResult         *result,
                                             GError              **error);

/* resfri-policy-settings.c: the meeting_hosts setting alone, or NULL. */
char        **_resfri_policy_dup_extra_meeting_hosts (ResfriStore *store);
/* resfri-policy-settings.c: a setting stored without its audit row, in the
 * caller's transaction (the demo's, which records itself). */
gboolean      _resfri_policy_set_unaudited           (ResfriStore  *store,
                                                      const char   *key,
                                                      const char   *value,
                                                      GError      **error);

/* Erasure (spec/privacy.md): secure_delete on this connection, and the
 * WAL written back and truncated (and the file rebuilt with @vacuum). */
gboolean      _resfri_store_set_secure_delete (ResfriStore  *self,
                                               gboolean      on,
                                               GError      **error);
gboolean      _resfri_store_scrub           (ResfriStore  *self,
                                             gboolean      vacuum,
                                             GError      **error);

G_END_DECLS

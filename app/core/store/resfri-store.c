/* resfri-store.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The database: one sqlite file, private (0600), opened with its checks
 * and brought to the current schema (the migrations of
 * resfri-store-schema.c); prepared statements, transactions and savepoints, the busy
 * timeout, the meta table, errors worded for people. Every concept's
 * tables are read and written by the concept that owns them; background
 * jobs are resfri-store-jobs.c.
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "resfri-store-private.h"

struct _ResfriStore
{
  GObject     parent_instance;

  char       *path;
  sqlite3    *db;
  GHashTable *statements;   /* SQL text (static) -> sqlite3_stmt */
  GHashTable *by_pointer;   /* caller's SQL pointer -> sqlite3_stmt, checked on use */
  int         busy_timeout_ms;
  GThread    *owner;          /* the thread that opened it, the only one to use it */
  guint       in_transaction : 1;
};

G_DEFINE_FINAL_TYPE (ResfriStore, resfri_store, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PATH,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

/* How long a writer waits for another process (the GUI while the CLI
 * imports, say) before giving up with "database is locked". */
#define BUSY_TIMEOUT_MS 30000

static void
finalize_statement (gpointer data)
{
  sqlite3_finalize (data);
}

/* Creates the file with mode 0600 before sqlite sees it: sqlite would create
 * it with 0644 less the umask, and the file holds personal data. sqlite gives
 * the -wal and -shm files the mode of the database file. */
static gboolean
create_private_file (const char  *path,
                     GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  int fd;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Cannot create the folder “%s”: %s"), dir, g_strerror (saved_errno));
      return FALSE;
    }

  fd = g_open (path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int saved_errno = errno;

      if (saved_errno == EEXIST)
        return TRUE;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Cannot create the database “%s”: %s"), path, g_strerror (saved_errno));
      return FALSE;
    }

  /* Whatever the umask, the file is private. */
  if (fchmod (fd, 0600) != 0)
    g_warning ("Cannot set the database’s mode to 0600: %s", g_strerror (errno));

  close (fd);
  return TRUE;
}

static gboolean
migrate (ResfriStore  *self,
         GError      **error)
{
  gint64 version;

  if (!_resfri_store_begin (self, error))
    return FALSE;

  /* Read again inside the transaction: another process may have migrated
   * the file between our check and the lock. */
  version = _resfri_store_query_int (self, "PRAGMA user_version", error);
  if (version < 0)
    goto failed;

  for (; version < RESFRI_STORE_SCHEMA_VERSION; version++)
    {
      g_autofree char *set_version = NULL;

      if (!_resfri_store_exec (self, _resfri_schema_get_migration (version), error))
        goto failed;

      set_version = g_strdup_printf ("PRAGMA user_version = %" G_GINT64_FORMAT, version + 1);
      if (!_resfri_store_exec (self, set_version, error))
        goto failed;
    }

  if (!_resfri_store_exec (self, "PRAGMA application_id = " G_STRINGIFY (RESFRI_STORE_APPLICATION_ID), error))
    goto failed;

  return _resfri_store_commit (self, error);

failed:
  _resfri_store_rollback (self);
  return FALSE;
}

/* Refuses files that are not ours or that a newer Resfri wrote, before
 * anything is written to them. */
static gboolean
check_header (ResfriStore  *self,
              gboolean     *up_to_date,
              GError      **error)
{
  gint64 version;
  gint64 app_id;
  gint64 objects;

  objects = _resfri_store_query_int (self, "SELECT count(*) FROM sqlite_schema", NULL);
  if (objects < 0)
    {
      int code = sqlite3_extended_errcode (self->db);

      /* Not an sqlite file at all, or not one sqlite can read. A damaged
       * one (a truncated file), one we may not read, or a locked one is
       * said as it is. */
      if (code == SQLITE_NOTADB)
        g_set_error (error, RESFRI_ERROR, RESFRI_ERROR_NOT_RESFRI,
                     _("“%s” is not a Resfri database: %s"), self->path, sqlite3_errmsg (self->db));
      else
        _resfri_store_set_error (self, error, _("Cannot open the database"));
      return FALSE;
    }

  app_id = _resfri_store_query_int (self, "PRAGMA application_id", error);
  version = _resfri_store_query_int (self, "PRAGMA user_version", error);
  if (app_id < 0 || version < 0)
    return FALSE;

  if ((objects > 0 || app_id != 0) && app_id != RESFRI_STORE_APPLICATION_ID)
    {
      g_set_error (error, RESFRI_ERROR, RESFRI_ERROR_NOT_RESFRI,
                   _("“%s” is an sqlite database of another program; it was not changed"),
                   self->path);
      return FALSE;
    }

  if (version > RESFRI_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, RESFRI_ERROR, RESFRI_ERROR_NEWER_SCHEMA,
                   _("“%s” was written by a newer Resfri (schema %d, this version knows up to %d); "
                     "it was not changed"),
                   self->path, (int) version, RESFRI_STORE_SCHEMA_VERSION);
      return FALSE;
    }

  *up_to_date = app_id == RESFRI_STORE_APPLICATION_ID && version == RESFRI_STORE_SCHEMA_VERSION;
  return TRUE;
}

static gboolean
open_database (ResfriStore  *self,
               GError      **error)
{
  gboolean up_to_date = FALSE;
  int rc;

  if (!create_private_file (self->path, error))
    return FALSE;

  _resfri_store_locks_init ();
  /* A store is its thread's alone (its cache of statements takes no lock
   * either; every worker opens its own): sqlite takes no mutex for it,
   * which was a lock and an unlock for every value bound or read. */
  rc = sqlite3_open_v2 (self->path, &self->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, RESFRI_ERROR, RESFRI_ERROR_DATABASE,
                   _("Cannot open “%s”: %s"), self->path,
                   self->db ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc));
      g_clear_pointer (&self->db, sqlite3_close);
      return FALSE;
    }

  sqlite3_extended_result_codes (self->db, 1);
  self->busy_timeout_ms = BUSY_TIMEOUT_MS;
  sqlite3_busy_timeout (self->db, self->busy_timeout_ms);

  if (!check_header (self, &up_to_date, error))
    return FALSE;

  /* journal_mode and foreign_keys cannot change inside a transaction. */
  if (!_resfri_store_exec (self, "PRAGMA journal_mode = WAL", error) ||
      !_resfri_store_exec (self, "PRAGMA foreign_keys = ON", error) ||
      !_resfri_store_exec (self, "PRAGMA synchronous = NORMAL", error) ||
      /* 64 MB of page cache (default 2 MB): a demo import of 1.5 million
       * occurrences in one transaction took 24.6 s with the default and
       * 13.7 s with this (tests/bench-meetings.c). */
      !_resfri_store_exec (self, "PRAGMA cache_size = -65536", error))
    return FALSE;

  /* A file of the current schema is opened without writing anything: no
   * write lock to wait for behind another process's import, no change
   * that other connections would see (PRAGMA data_version), and a file
   * that is only readable can still be read. */
  if (up_to_date)
    return TRUE;

  return migrate (self, error);
}

static void
resfri_store_finalize (GObject *object)
{
  ResfriStore *self = (ResfriStore *)object;

  g_clear_pointer (&self->by_pointer, g_hash_table_unref);
  g_clear_pointer (&self->statements, g_hash_table_unref);
  if (self->db != NULL)
    {
      /* Lets the last connection checkpoint and remove the -wal file. */
      sqlite3_close (self->db);
      self->db = NULL;
    }
  g_clear_pointer (&self->path, g_free);

  G_OBJECT_CLASS (resfri_store_parent_class)->finalize (object);
}

static void
resfri_store_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  ResfriStore *self = RESFRI_STORE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
resfri_store_class_init (ResfriStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = resfri_store_finalize;
  object_class->get_property = resfri_store_get_property;

  properties [PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
resfri_store_init (ResfriStore *self)
{
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, finalize_statement);
  self->by_pointer = g_hash_table_new (NULL, NULL);
}

/* Private API */

sqlite3 *
_resfri_store_get_db (ResfriStore *self)
{
  g_return_val_if_fail (RESFRI_IS_STORE (self), NULL);

  return self->db;
}

/* What sqlite's failures mean for the user, with sqlite's words after it;
 * NULL when its own message says it (a constraint, a trigger). */
static char *
explain_failure (ResfriStore *self,
                 int          code,
                 const char  *msg,
                 int         *resfri_code)
{
  switch (code & 0xff)
    {
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      *resfri_code = RESFRI_ERROR_DAMAGED;
      return g_strdup_printf (_("“%s” is damaged (%s); restore it from a backup"),
                              self->path, msg);

    case SQLITE_FULL:
      return g_strdup_printf (_("the disk is full (%s); nothing was written to “%s”"),
                              msg, self->path);

    case SQLITE_IOERR:
      return g_strdup_printf (_("cannot read or write “%s” (%s); the disk may be full or "
                                "failing"),
                              self->path, msg);

    case SQLITE_READONLY:
      if (code == SQLITE_READONLY_DIRECTORY)
        return g_strdup_printf (_("the folder of “%s” is read-only, and the database "
                                  "needs to write files beside it (%s)"),
                                self->path, msg);
      return g_strdup_printf (_("“%s” is read-only (%s)"), self->path, msg);

    case SQLITE_CANTOPEN:
      return g_strdup_printf (_("cannot open “%s” or the files beside it (%s)"),
                              self->path, msg);

    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return g_strdup_printf (_("another program kept the database locked for %d seconds "
                                "(%s); try again when it is done"),
                              MAX (self->busy_timeout_ms / 1000, 1), msg);

    default:
      return NULL;
    }
}

void
_resfri_store_set_error (ResfriStore  *self,
                         GError      **error,
                         const char   *what)
{
  int code = sqlite3_extended_errcode (self->db);
  const char *msg = sqlite3_errmsg (self->db);
  int resfri_code = RESFRI_ERROR_DATABASE;
  g_autofree char *explained = NULL;

  if ((code & 0xff) == SQLITE_CONSTRAINT)
    resfri_code = RESFRI_ERROR_CONFLICT;

  explained = explain_failure (self, code, msg, &resfri_code);
  if (explained != NULL)
    msg = explained;

  /* Our triggers prefix their messages so that users see them as they are. */
  if (g_str_has_prefix (msg, "resfri: "))
    g_set_error (error, RESFRI_ERROR, resfri_code, "%s", msg + strlen ("resfri: "));
  else if (what != NULL)
    g_set_error (error, RESFRI_ERROR, resfri_code, "%s: %s", what, msg);
  else
    g_set_error (error, RESFRI_ERROR, resfri_code, "%s", msg);
}

sqlite3_stmt *
_resfri_store_prepare (ResfriStore  *self,
                       const char   *sql,
                       GError      **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (RESFRI_IS_STORE (self), NULL);
  g_return_val_if_fail (sql != NULL, NULL);
  g_return_val_if_fail (self->owner == g_thread_self (), NULL);

  /* Callers pass literals, so the same pointer comes back with the same
   * text: look it up by pointer first, which spares hashing a long text.
   * The text is compared all the same (a computed query may be freed and
   * its address reused for another), which is cheaper than the hash. */
  stmt = g_hash_table_lookup (self->by_pointer, sql);
  if (stmt == NULL || strcmp (sqlite3_sql (stmt), sql) != 0)
    {
      stmt = g_hash_table_lookup (self->statements, sql);
      if (stmt != NULL)
        {
          /* Computed queries would grow this without bound; start over. */
          if (g_hash_table_size (self->by_pointer) >= 512)
            g_hash_table_remove_all (self->by_pointer);
          g_hash_table_insert (self->by_pointer, (gpointer) sql, stmt);
        }
    }
  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }

  if (sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL) != SQLITE_OK)
    {
      _resfri_store_set_error (self, error, _("Cannot prepare a query"));
      return NULL;
    }

  /* Keyed by the caller's string, which is a literal in practice; copy it
   * anyway so that a computed query cannot leave a dangling key. */
  g_hash_table_insert (self->statements, (gpointer) g_intern_string (sql), stmt);
  return stmt;
}

char *
_resfri_store_dup_column (sqlite3_stmt *stmt,
                          int           column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

gboolean
_resfri_store_exec (ResfriStore  *self,
                    const char   *sql,
                    GError      **error)
{
  char *errmsg = NULL;

  g_return_val_if_fail (RESFRI_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->owner == g_thread_self (), FALSE);

  if (sqlite3_exec (self->db, sql, NULL, NULL, &errmsg) != SQLITE_OK)
    {
      _resfri_store_set_error (self, error, NULL);
      sqlite3_free (errmsg);
      return FALSE;
    }

  return TRUE;
}

gboolean
_resfri_store_begin (ResfriStore  *self,
                     GError      **error)
{
  g_return_val_if_fail (RESFRI_IS_STORE (self), FALSE);
  g_return_val_if_fail (!self->in_transaction, FALSE);

  if (!_resfri_store_exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;

  self->in_transaction = TRUE;
  return TRUE;
}

gboolean
_resfri_store_commit (ResfriStore  *self,
                      GError      **error)
{
  g_return_val_if_fail (RESFRI_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->in_transaction, FALSE);

  if (!_resfri_store_exec (self, "COMMIT", error))
    {
      _resfri_store_rollback (self);
      return FALSE;
    }

  self->in_transaction = FALSE;
  return TRUE;
}

void
_resfri_store_rollback (ResfriStore *self)
{
  g_return_if_fail (RESFRI_IS_STORE (self));

  if (!self->in_transaction)
    return;

  /* A ROLLBACK can only fail when sqlite already rolled back by itself. */
  sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  self->in_transaction = FALSE;
}

gboolean
_resfri_store_in_transaction (ResfriStore *self)
{
  g_return_val_if_fail (RESFRI_IS_STORE (self), FALSE);

  return self->in_transaction;
}

static gboolean
savepoint_exec (ResfriStore  *self,
                const char   *format,
                const char   *name,
                GError      **error)
{
  g_autofree char *sql = NULL;

  g_return_val_if_fail (RESFRI_IS_STORE (self), FALSE);
  g_return_val_if_fail (name != NULL && strspn (name, "abcdefghijklmnopqrstuvwxyz_") == strlen (name),
                        FALSE);

  sql = g_strdup_printf (format, name, name);
  return _resfri_store_exec (self, sql, error);
}

gboolean
_resfri_store_savepoint (ResfriStore  *self,
                         const char   *name,
                         GError      **error)
{
  return savepoint_exec (self, "SAVEPOINT %s", name, error);
}

gboolean
_resfri_store_release (ResfriStore  *self,
                       const char   *name,
                       GError      **error)
{
  return savepoint_exec (self, "RELEASE %s", name, error);
}

gboolean
_resfri_store_rollback_to (ResfriStore  *self,
                           const char   *name,
                           GError      **error)
{
  return savepoint_exec (self, "ROLLBACK TO %s; RELEASE %s", name, error);
}

gboolean
_resfri_store_step_done (ResfriStore   *self,
                         sqlite3_stmt  *stmt,
                         const char    *what,
                         GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_DONE || rc == SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      return TRUE;
    }

  _resfri_store_set_error (self, error, what);
  sqlite3_reset (stmt);
  return FALSE;
}

gboolean
_resfri_store_end_rows (ResfriStore   *self,
                        sqlite3_stmt  *stmt,
                        int            rc,
                        const char    *what,
                        GError       **error)
{
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _resfri_store_set_error (self, error, what);
      return FALSE;
    }

  return TRUE;
}

/* Bulk writes */

struct _ResfriStoreBulk
{
  GPtrArray *creates;   /* the CREATE INDEX statements of the indexes set aside */
};

void
_resfri_store_bulk_free (ResfriStoreBulk *bulk)
{
  if (bulk == NULL)
    return;

  g_ptr_array_unref (bulk->creates);
  g_free (bulk);
}

ResfriStoreBulk *
_resfri_store_bulk_drop_indexes (ResfriStore        *self,
                                 const char * const *names,
                                 GError            **error)
{
  g_autoptr(ResfriStoreBulk) bulk = g_new0 (ResfriStoreBulk, 1);
  GHashTableIter iter;
  gpointer stmt;

  g_return_val_if_fail (RESFRI_IS_STORE (self), NULL);
  g_return_val_if_fail (self->in_transaction, NULL);

  bulk->creates = g_ptr_array_new_with_free_func (g_free);

  /* A statement left stepping would make DROP INDEX fail (table locked). */
  g_hash_table_iter_init (&iter, self->statements);
  while (g_hash_table_iter_next (&iter, NULL, &stmt))
    sqlite3_reset (stmt);

  for (gsize i = 0; names[i] != NULL; i++)
    {
      g_autofree char *drop = NULL;
      g_autofree char *create = NULL;
      sqlite3_stmt *read;

      read = _resfri_store_prepare (self, "SELECT sql FROM sqlite_schema WHERE type = 'index' AND name = ?1",
                                    error);
      if (read == NULL)
        return NULL;
      sqlite3_bind_text (read, 1, names[i], -1, SQLITE_STATIC);
      if (sqlite3_step (read) == SQLITE_ROW)
        create = _resfri_store_dup_column (read, 0);
      sqlite3_reset (read);
      /* None, or one SQLite made itself (a UNIQUE constraint's). */
      if (create == NULL)
        continue;

      drop = g_strdup_printf ("DROP INDEX \"%s\"", names[i]);
      if (!_resfri_store_exec (self, drop, error))
        return NULL;
      g_ptr_array_add (bulk->creates, g_steal_pointer (&create));
    }

  return g_steal_pointer (&bulk);
}

gboolean
_resfri_store_bulk_restore (ResfriStore      *self,
                            ResfriStoreBulk  *bulk,
                            GError          **error)
{
  g_autoptr(ResfriStoreBulk) owned = bulk;

  g_return_val_if_fail (RESFRI_IS_STORE (self), FALSE);

  if (bulk == NULL)
    return TRUE;

  for (guint i = 0; i < bulk->creates->len; i++)
    if (!_resfri_store_exec (self, g_ptr_array_index (bulk->creates, i), error))
      return FALSE;

  return TRUE;
}

gint64
_resfri_store_query_int (ResfriStore  *self,
                         const char   *sql,
                         GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gint64 value;

  g_return_val_if_fail (self->owner == g_thread_self (), -1);

  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      _resfri_store_set_error (self, error, NULL);
      return -1;
    }

  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      _resfri_store_set_error (self, error, NULL);
      return -1;
    }

  value = sqlite3_column_int64 (stmt, 0);
  return value;
}

/* Public API */

/**
 * resfri_store_dup_default_path:
 *
 * Returns: `$XDG_DATA_HOME/resfri/resfri.db`
 */
char *
resfri_store_dup_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "resfri", "resfri.db", NULL);
}

/**
 * resfri_store_open:
 * @path: the database file; created (mode 0600) when missing
 *
 * Opens the database, refusing a file that is not a Resfri database or that
 * a newer version wrote, and migrates an older schema forward in one
 * transaction. Only the calling thread may use the store: another thread
 * opens a store of its own on the same file.
 *
 * Returns: (transfer full): the store, or %NULL with @error set
 */
ResfriStore *
resfri_store_open (const char  *path,
                   GError     **error)
{
  g_autoptr(ResfriStore) self = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (RESFRI_TYPE_STORE, NULL);
  self->path = g_strdup (path);
  self->owner = g_thread_self ();

  if (!open_database (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

const char *
resfri_store_get_path (ResfriStore *self)
{
  g_return_val_if_fail (RESFRI_IS_STORE (self), NULL);

  return self->path;
}

int
resfri_store_get_schema_version (ResfriStore *self)
{
  g_return_val_if_fail (RESFRI_IS_STORE (self), -1);

  return (int) _resfri_store_query_int (self, "PRAGMA user_version", NULL);
}

gboolean
resfri_store_get_counts (ResfriStore        *self,
                         ResfriStoreCounts  *counts,
                         GError            **error)
{
  static const char sql[] =
    "SELECT (SELECT count(*) FROM units), (SELECT count(*) FROM sites),"
    "       (SELECT count(*) FROM people), (SELECT count(*) FROM rooms),"
    "       (SELECT count(*) FROM equipment), (SELECT count(*) FROM meetings),"
    "       (SELECT count(*) FROM occurrences), (SELECT count(*) FROM bookings),"
    "       (SELECT count(*) FROM exemptions)";
  sqlite3_stmt *stmt;

  g_return_val_if_fail (RESFRI_IS_STORE (self), FALSE);
  g_return_val_if_fail (counts != NULL, FALSE);

  if (!(stmt = _resfri_store_prepare (self, sql, error)))
    return FALSE;

  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      _resfri_store_set_error (self, error, _("Cannot count the stored rows"));
      sqlite3_reset (stmt);
      return FALSE;
    }

  counts->units = sqlite3_column_int64 (stmt, 0);
  counts->sites = sqlite3_column_int64 (stmt, 1);
  counts->people = sqlite3_column_int64 (stmt, 2);
  counts->rooms = sqlite3_column_int64 (stmt, 3);
  counts->equipment = sqlite3_column_int64 (stmt, 4);
  counts->meetings = sqlite3_column_int64 (stmt, 5);
  counts->occurrences = sqlite3_column_int64 (stmt, 6);
  counts->bookings = sqlite3_column_int64 (stmt, 7);
  counts->exemptions = sqlite3_column_int64 (stmt, 8);
  sqlite3_reset (stmt);

  return TRUE;
}

/**
 * resfri_store_set_busy_timeout:
 * @milliseconds: how long a statement waits for another connection's write
 *   lock before it fails (30 s when the store is opened)
 *
 * The desktop application waits less on its main thread: a click during a
 * long import by resfri-cli says after a few seconds that the database is
 * busy, instead of freezing the window for 30.
 */
void
resfri_store_set_busy_timeout (ResfriStore *self,
                               guint        milliseconds)
{
  g_return_if_fail (RESFRI_IS_STORE (self));

  self->busy_timeout_ms = (int) MIN (milliseconds, (guint) G_MAXINT);
  sqlite3_busy_timeout (self->db, self->busy_timeout_ms);
}

/**
 * resfri_store_get_data_version:
 *
 * PRAGMA data_version: a number that changes when another connection (another
 * process, or a worker thread's store) commits a change to the file, and
 * not for this store's own changes. Cheap enough to poll: the desktop
 * application reads it every two seconds to notice what resfri-cli did.
 *
 * Returns: the version, or -1 when the database cannot be read
 */
gint64
resfri_store_get_data_version (ResfriStore *self)
{
  sqlite3_stmt *stmt;
  gint64 version = -1;

  g_return_val_if_fail (RESFRI_IS_STORE (self), -1);

  if (!(stmt = _resfri_store_prepare (self, "PRAGMA data_version", NULL)))
    return -1;

  if (sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  return version;
}

char *
resfri_store_dup_meta (ResfriStore *self,
                       const char  *key)
{
  sqlite3_stmt *stmt;
  char *value = NULL;

  g_return_val_if_fail (RESFRI_IS_STORE (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  if (!(stmt = _resfri_store_prepare (self, "SELECT value FROM meta WHERE key = ?1", NULL)))
    return NULL;

  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);

  return value;
}

gboolean
resfri_store_set_meta (ResfriStore  *self,
                       const char   *key,
                       const char   *value,
                       GError      **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (RESFRI_IS_STORE (self), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  if (!(stmt = _resfri_store_prepare (self,
                                      "INSERT INTO meta (key, value) VALUES (?1, ?2)"
                                      " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                                      error)))
    return FALSE;

  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, value, -1, SQLITE_TRANSIENT);
  return _resfri_store_step_done (self, stmt, _("Cannot save a setting"), error);
}

/* Erasure (spec/privacy.md): with secure_delete, what this connection
 * deletes or overwrites is zeroed in the pages, not only unlinked. */
gboolean
_resfri_store_set_secure_delete (ResfriStore  *self,
                                 gboolean      on,
                                 GError      **error)
{
  return _resfri_store_exec (self, on ? "PRAGMA secure_delete = ON" : "PRAGMA secure_delete = OFF",
                             error);
}

/* After an erasure's commit: the WAL's pages are written back into the
 * file and the WAL is truncated to nothing, so no earlier page image
 * (holding what was erased) is left in it; @vacuum rebuilds the file too. */
gboolean
_resfri_store_scrub (ResfriStore  *self,
                     gboolean      vacuum,
                     GError      **error)
{
  int rc;

  if (vacuum && !_resfri_store_exec (self, "VACUUM", error))
    return FALSE;
  rc = sqlite3_wal_checkpoint_v2 (self->db, NULL, SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      _resfri_store_set_error (self, error, _("Cannot write the journal back into the database"));
      return FALSE;
    }

  return TRUE;
}

void
resfri_search_hit_free (ResfriSearchHit *hit)
{
  if (hit == NULL)
    return;

  g_free (hit->id);
  g_free (hit->title);
  g_free (hit->detail);
  g_free (hit);
}

static gboolean
hit_matches (const char         *title,
             const char         *detail,
             const char * const *terms)
{
  g_autofree char *text = g_strconcat (title != NULL ? title : "", " ",
                                       detail != NULL ? detail : "", NULL);
  g_autofree char *folded = g_utf8_casefold (text, -1);

  for (guint i = 0; terms[i] != NULL; i++)
    {
      g_autofree char *term = g_utf8_casefold (terms[i], -1);

      if (strstr (folded, term) == NULL)
        return FALSE;
    }
  return TRUE;
}

/**
 * resfri_store_search:
 * @terms: (array zero-terminated=1): what was typed, word by word
 * @max: the most hits of each kind
 *
 * Like the counts, a read across the registers and the meetings: the
 * first term narrows each table in SQL (a substring in any case, when it is
 * ASCII), every term is then checked casefolded.
 *
 * Returns: (transfer full) (element-type ResfriSearchHit): the hits, the
 *   meetings first
 */
GPtrArray *
resfri_store_search (ResfriStore         *self,
                     const char * const  *terms,
                     guint                max,
                     GError             **error)
{
  static const char * const sql[] = {
    "SELECT 'meeting:' || uid, summary, COALESCE (location, '') FROM meetings"
    " WHERE recurrence_id = '' AND instr (lower (summary), lower (?1)) > 0"
    " ORDER BY updated_at DESC",
    "SELECT 'person:' || email, name, email FROM people"
    " WHERE instr (lower (name || ' ' || email), lower (?1)) > 0 ORDER BY name",
    "SELECT 'item:' || tag, tag, COALESCE (model, '') FROM equipment"
    " WHERE instr (lower (tag || ' ' || COALESCE (model, '')), lower (?1)) > 0 ORDER BY tag",
    "SELECT 'room:' || code, name, code FROM rooms"
    " WHERE instr (lower (name || ' ' || code), lower (?1)) > 0 ORDER BY name",
  };
  g_autoptr(GPtrArray) hits = g_ptr_array_new_with_free_func ((GDestroyNotify) resfri_search_hit_free);

  g_return_val_if_fail (RESFRI_IS_STORE (self), NULL);

  if (terms == NULL || terms[0] == NULL || terms[0][0] == '\0')
    return g_steal_pointer (&hits);

  for (guint k = 0; k < G_N_ELEMENTS (sql); k++)
    {
      sqlite3_stmt *stmt;
      guint found = 0;
      int rc;

      if (!(stmt = _resfri_store_prepare (self, sql[k], error)))
        return NULL;
      /* SQLite's lower() knows ASCII only: a term with other letters
       * narrows nothing, and the casefolded check below decides. */
      sqlite3_bind_text (stmt, 1, g_str_is_ascii (terms[0]) ? terms[0] : "", -1, SQLITE_TRANSIENT);
      while (found < max && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          const char *title = (const char *) sqlite3_column_text (stmt, 1);
          const char *detail = (const char *) sqlite3_column_text (stmt, 2);
          ResfriSearchHit *hit;

          if (title == NULL || !hit_matches (title, detail, terms))
            continue;
          hit = g_new0 (ResfriSearchHit, 1);
          hit->id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
          hit->title = g_strdup (title);
          hit->detail = g_strdup (detail);
          g_ptr_array_add (hits, hit);
          found++;
        }
      sqlite3_reset (stmt);
    }

  return g_steal_pointer (&hits);
}

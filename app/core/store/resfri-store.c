/* resfri-store.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The database: one sqlite file, private (0600), opened with its checks
 * and brought to the current schema (the migrations at the end of this
 * file); prepared statements, transactions and savepoints, the busy
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
  int         busy_timeout_ms;
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
  rc = sqlite3_open_v2 (self->path, &self->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_FULLMUTEX, NULL);
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

  stmt = g_hash_table_lookup (self->statements, sql);
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

gint64
_resfri_store_query_int (ResfriStore  *self,
                         const char   *sql,
                         GError      **error)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  gint64 value;

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
 * transaction.
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

/* The schema, as a list of forward migrations. Migration N takes a
 * database from user_version N to N + 1; migrate() runs every missing step
 * in one transaction. A released step is never edited again: add a new one. */

static const char migration_0_to_1[] =
  /* Organisational units form a tree; `path` is the full "Parent/Child" name
   * as written in people.csv and is what users refer to. */
  "CREATE TABLE units ("
  "  id        INTEGER PRIMARY KEY,"
  "  name      TEXT NOT NULL,"
  "  path      TEXT NOT NULL UNIQUE,"
  "  parent_id INTEGER REFERENCES units (id) ON DELETE RESTRICT"
  ");"
  "CREATE INDEX units_parent ON units (parent_id);"

  "CREATE TABLE sites ("
  "  id        INTEGER PRIMARY KEY,"
  "  code      TEXT NOT NULL UNIQUE,"
  "  name      TEXT NOT NULL,"
  "  latitude  REAL NOT NULL CHECK (latitude BETWEEN -90 AND 90),"
  "  longitude REAL NOT NULL CHECK (longitude BETWEEN -180 AND 180)"
  ");"

  /* A pair is stored once, with from_site < to_site. */
  "CREATE TABLE distances ("
  "  from_site INTEGER NOT NULL REFERENCES sites (id) ON DELETE CASCADE,"
  "  to_site   INTEGER NOT NULL REFERENCES sites (id) ON DELETE CASCADE,"
  "  km        REAL NOT NULL CHECK (km >= 0),"
  "  PRIMARY KEY (from_site, to_site),"
  "  CHECK (from_site < to_site)"
  ") WITHOUT ROWID;"

  "CREATE TABLE people ("
  "  id      INTEGER PRIMARY KEY,"
  "  email   TEXT NOT NULL UNIQUE COLLATE NOCASE,"
  "  name    TEXT NOT NULL,"
  "  unit_id INTEGER NOT NULL REFERENCES units (id) ON DELETE RESTRICT,"
  "  site_id INTEGER NOT NULL REFERENCES sites (id) ON DELETE RESTRICT,"
  "  role    TEXT NOT NULL DEFAULT 'employee' CHECK (role IN ('employee', 'politician'))"
  ");"
  "CREATE INDEX people_unit ON people (unit_id);"
  "CREATE INDEX people_site ON people (site_id);"

  "CREATE TABLE equipment_types ("
  "  id         INTEGER PRIMARY KEY,"
  "  name       TEXT NOT NULL UNIQUE,"
  "  unit_price REAL NOT NULL DEFAULT 0 CHECK (unit_price >= 0)"
  ");"
  "INSERT INTO equipment_types (name, unit_price) VALUES"
  "  ('headset', 900), ('camera', 1100), ('vc-kit', 15000);"

  "CREATE TABLE equipment ("
  "  id       INTEGER PRIMARY KEY,"
  "  tag      TEXT NOT NULL UNIQUE,"
  "  type_id  INTEGER NOT NULL REFERENCES equipment_types (id) ON DELETE RESTRICT,"
  "  site_id  INTEGER NOT NULL REFERENCES sites (id) ON DELETE RESTRICT,"
  "  owner_id INTEGER REFERENCES people (id) ON DELETE SET NULL,"
  "  state    TEXT NOT NULL DEFAULT 'ok' CHECK (state IN ('ok', 'broken', 'retired')),"
  "  model    TEXT,"
  "  cost     REAL CHECK (cost IS NULL OR cost >= 0)"
  ");"
  "CREATE INDEX equipment_owner ON equipment (owner_id);"
  "CREATE INDEX equipment_pool ON equipment (site_id, type_id);"

  /* Every change of an item is kept, whoever makes it (CLI, GUI, import or a
   * sqlite shell): the triggers below write the history, not the callers.
   * The holder's email is copied so the history outlives the person row. */
  "CREATE TABLE equipment_history ("
  "  id           INTEGER PRIMARY KEY,"
  "  equipment_id INTEGER NOT NULL REFERENCES equipment (id) ON DELETE CASCADE,"
  "  at           INTEGER NOT NULL,"
  "  action       TEXT NOT NULL,"
  "  owner_email  TEXT,"
  "  site_code    TEXT,"
  "  state        TEXT NOT NULL,"
  "  detail       TEXT"
  ");"
  "CREATE INDEX equipment_history_item ON equipment_history (equipment_id, id);"
  "CREATE TRIGGER equipment_added AFTER INSERT ON equipment BEGIN"
  "  INSERT INTO equipment_history (equipment_id, at, action, owner_email, site_code, state, detail)"
  "  VALUES (NEW.id, CAST (strftime ('%s', 'now') AS INTEGER), 'added',"
  "          (SELECT email FROM people WHERE id = NEW.owner_id),"
  "          (SELECT code FROM sites WHERE id = NEW.site_id), NEW.state, NEW.model);"
  "END;"
  "CREATE TRIGGER equipment_owner_changed AFTER UPDATE OF owner_id ON equipment"
  "  WHEN NEW.owner_id IS NOT OLD.owner_id BEGIN"
  "  INSERT INTO equipment_history (equipment_id, at, action, owner_email, site_code, state, detail)"
  "  VALUES (NEW.id, CAST (strftime ('%s', 'now') AS INTEGER),"
  "          CASE WHEN NEW.owner_id IS NULL THEN 'returned' ELSE 'assigned' END,"
  "          (SELECT email FROM people WHERE id = NEW.owner_id),"
  "          (SELECT code FROM sites WHERE id = NEW.site_id), NEW.state,"
  "          (SELECT email FROM people WHERE id = OLD.owner_id));"
  "END;"
  "CREATE TRIGGER equipment_state_changed AFTER UPDATE OF state ON equipment"
  "  WHEN NEW.state IS NOT OLD.state BEGIN"
  "  INSERT INTO equipment_history (equipment_id, at, action, owner_email, site_code, state, detail)"
  "  VALUES (NEW.id, CAST (strftime ('%s', 'now') AS INTEGER), 'state',"
  "          (SELECT email FROM people WHERE id = NEW.owner_id),"
  "          (SELECT code FROM sites WHERE id = NEW.site_id), NEW.state, OLD.state);"
  "END;"
  "CREATE TRIGGER equipment_site_changed AFTER UPDATE OF site_id ON equipment"
  "  WHEN NEW.site_id IS NOT OLD.site_id BEGIN"
  "  INSERT INTO equipment_history (equipment_id, at, action, owner_email, site_code, state, detail)"
  "  VALUES (NEW.id, CAST (strftime ('%s', 'now') AS INTEGER), 'moved',"
  "          (SELECT email FROM people WHERE id = NEW.owner_id),"
  "          (SELECT code FROM sites WHERE id = NEW.site_id), NEW.state,"
  "          (SELECT code FROM sites WHERE id = OLD.site_id));"
  "END;"
  /* An edit says what changed, old → new, so that the trail answers "what
   * was this item before" (the tag too: it is how people name the item). */
  "CREATE TRIGGER equipment_details_changed AFTER UPDATE OF tag, type_id, model, cost ON equipment"
  "  WHEN NEW.tag IS NOT OLD.tag OR NEW.type_id IS NOT OLD.type_id"
  "       OR NEW.model IS NOT OLD.model OR NEW.cost IS NOT OLD.cost BEGIN"
  "  INSERT INTO equipment_history (equipment_id, at, action, owner_email, site_code, state, detail)"
  "  VALUES (NEW.id, CAST (strftime ('%s', 'now') AS INTEGER), 'edited',"
  "          (SELECT email FROM people WHERE id = NEW.owner_id),"
  "          (SELECT code FROM sites WHERE id = NEW.site_id), NEW.state,"
  "          substr ("
  "            CASE WHEN NEW.tag IS NOT OLD.tag"
  "              THEN '; tag: ' || OLD.tag || ' → ' || NEW.tag ELSE '' END ||"
  "            CASE WHEN NEW.type_id IS NOT OLD.type_id"
  "              THEN '; type: ' || (SELECT name FROM equipment_types WHERE id = OLD.type_id)"
  "                   || ' → ' || (SELECT name FROM equipment_types WHERE id = NEW.type_id)"
  "              ELSE '' END ||"
  "            CASE WHEN NEW.model IS NOT OLD.model"
  "              THEN '; model: ' || coalesce (OLD.model, '') || ' → ' || coalesce (NEW.model, '')"
  "              ELSE '' END ||"
  "            CASE WHEN NEW.cost IS NOT OLD.cost"
  "              THEN '; cost: ' || coalesce (OLD.cost, '') || ' → ' || coalesce (NEW.cost, '')"
  "              ELSE '' END, 3));"
  "END;"
  /* Deleting a person would let ON DELETE SET NULL return their items after
   * the person row is gone, so the history would not say who held them.
   * Return them first, while the email can still be read. */
  "CREATE TRIGGER people_deleted_return_items BEFORE DELETE ON people BEGIN"
  "  UPDATE equipment SET owner_id = NULL WHERE owner_id = OLD.id;"
  "END;"
  /* A personal item follows its holder: when a person's home site changes
   * (a people import, the GUI), their items move with them, in the history
   * as "moved". */
  "CREATE TRIGGER people_site_changed_move_items AFTER UPDATE OF site_id ON people"
  "  WHEN NEW.site_id IS NOT OLD.site_id BEGIN"
  "  UPDATE equipment SET site_id = NEW.site_id WHERE owner_id = NEW.id;"
  "END;"

  "CREATE TABLE rooms ("
  "  id       INTEGER PRIMARY KEY,"
  "  code     TEXT NOT NULL UNIQUE,"
  "  name     TEXT NOT NULL,"
  "  site_id  INTEGER NOT NULL REFERENCES sites (id) ON DELETE RESTRICT,"
  "  capacity INTEGER NOT NULL CHECK (capacity >= 0),"
  "  email    TEXT UNIQUE COLLATE NOCASE,"
  "  vc       INTEGER NOT NULL DEFAULT 0 CHECK (vc IN (0, 1))"
  ");"
  "CREATE INDEX rooms_site ON rooms (site_id);"
  "CREATE TABLE room_aliases ("
  "  room_id INTEGER NOT NULL REFERENCES rooms (id) ON DELETE CASCADE,"
  "  alias   TEXT NOT NULL COLLATE NOCASE,"
  "  PRIMARY KEY (room_id, alias)"
  ") WITHOUT ROWID;"
  "CREATE INDEX room_aliases_alias ON room_aliases (alias);"

  /* A meeting is one VEVENT as it came in: the master of a series (or a
   * single event) has recurrence_id '', an override has its RECURRENCE-ID in
   * the form `expand` prints (YYYYMMDDTHHMMSSZ, floating, or YYYYMMDD).
   * `ical` is the component's original text, so that export keeps what we
   * do not model. The other columns are parsed from it for queries. */
  "CREATE TABLE meetings ("
  "  id            INTEGER PRIMARY KEY,"
  "  uid           TEXT NOT NULL,"
  "  recurrence_id TEXT NOT NULL DEFAULT '',"
  "  sequence      INTEGER NOT NULL DEFAULT 0,"
  "  status        TEXT,"
  "  summary       TEXT,"
  "  location      TEXT,"
  "  organizer     TEXT COLLATE NOCASE,"
  "  online_url    TEXT,"
  "  tzid          TEXT,"
  "  source        TEXT,"
  "  ical          TEXT NOT NULL,"
  "  updated_at    INTEGER NOT NULL,"
  /* 1 for an override with RECURRENCE-ID;RANGE=THISANDFUTURE, which also
   * moves the later occurrences of its series. */
  "  this_and_future INTEGER NOT NULL DEFAULT 0 CHECK (this_and_future IN (0, 1)),"
  "  UNIQUE (uid, recurrence_id)"
  ");"
  "CREATE INDEX meetings_organizer ON meetings (organizer);"

  "CREATE TABLE attendees ("
  "  meeting_id INTEGER NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,"
  "  email      TEXT NOT NULL COLLATE NOCASE,"
  "  name       TEXT,"
  "  cutype     TEXT,"
  "  role       TEXT,"
  "  partstat   TEXT,"
  "  PRIMARY KEY (meeting_id, email)"
  ") WITHOUT ROWID;"
  "CREATE INDEX attendees_email ON attendees (email);"

  /* Occurrences are the expansion of meetings over the horizon. start/end
   * are UTC unix seconds; floating and all-day times are placed in
   * Europe/Stockholm for these columns and flagged. */
  "CREATE TABLE occurrences ("
  "  id            INTEGER PRIMARY KEY,"
  "  meeting_id    INTEGER NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,"
  "  uid           TEXT NOT NULL,"
  "  recurrence_id TEXT NOT NULL DEFAULT '',"
  "  start         INTEGER NOT NULL,"
  "  end           INTEGER NOT NULL CHECK (end >= start),"
  "  all_day       INTEGER NOT NULL DEFAULT 0,"
  "  floating      INTEGER NOT NULL DEFAULT 0,"
  "  cancelled     INTEGER NOT NULL DEFAULT 0,"
  "  UNIQUE (uid, recurrence_id)"
  ");"
  "CREATE INDEX occurrences_start ON occurrences (start);"
  "CREATE INDEX occurrences_meeting ON occurrences (meeting_id);"

  /* A booking reserves a room or an item for an interval. It names its
   * occurrence by uid + recurrence_id (not by row id) so that it survives a
   * re-import that rebuilds the occurrences. Overlaps are refused by the
   * triggers below, whoever writes. */
  "CREATE TABLE bookings ("
  "  id            INTEGER PRIMARY KEY,"
  "  uid           TEXT NOT NULL,"
  "  recurrence_id TEXT NOT NULL DEFAULT '',"
  "  room_id       INTEGER REFERENCES rooms (id) ON DELETE CASCADE,"
  "  equipment_id  INTEGER REFERENCES equipment (id) ON DELETE CASCADE,"
  "  person_id     INTEGER REFERENCES people (id) ON DELETE SET NULL,"
  "  start         INTEGER NOT NULL,"
  "  end           INTEGER NOT NULL,"
  "  created_at    INTEGER NOT NULL,"
  "  CHECK (end > start),"
  "  CHECK ((room_id IS NULL) <> (equipment_id IS NULL))"
  ");"
  "CREATE INDEX bookings_room ON bookings (room_id, start) WHERE room_id IS NOT NULL;"
  "CREATE INDEX bookings_equipment ON bookings (equipment_id, start) WHERE equipment_id IS NOT NULL;"
  "CREATE INDEX bookings_occurrence ON bookings (uid, recurrence_id);"
  "CREATE TRIGGER bookings_room_overlap_insert BEFORE INSERT ON bookings"
  "  WHEN NEW.room_id IS NOT NULL AND EXISTS (SELECT 1 FROM bookings"
  "    WHERE room_id = NEW.room_id AND start < NEW.end AND NEW.start < end) BEGIN"
  "  SELECT RAISE (ABORT, 'resfri: room already booked for an overlapping interval');"
  "END;"
  "CREATE TRIGGER bookings_room_overlap_update BEFORE UPDATE OF room_id, start, end ON bookings"
  "  WHEN NEW.room_id IS NOT NULL AND EXISTS (SELECT 1 FROM bookings"
  "    WHERE room_id = NEW.room_id AND id <> NEW.id AND start < NEW.end AND NEW.start < end) BEGIN"
  "  SELECT RAISE (ABORT, 'resfri: room already booked for an overlapping interval');"
  "END;"
  "CREATE TRIGGER bookings_item_overlap_insert BEFORE INSERT ON bookings"
  "  WHEN NEW.equipment_id IS NOT NULL AND EXISTS (SELECT 1 FROM bookings"
  "    WHERE equipment_id = NEW.equipment_id AND start < NEW.end AND NEW.start < end) BEGIN"
  "  SELECT RAISE (ABORT, 'resfri: item already booked for an overlapping interval');"
  "END;"
  "CREATE TRIGGER bookings_item_overlap_update BEFORE UPDATE OF equipment_id, start, end ON bookings"
  "  WHEN NEW.equipment_id IS NOT NULL AND EXISTS (SELECT 1 FROM bookings"
  "    WHERE equipment_id = NEW.equipment_id AND id <> NEW.id AND start < NEW.end"
  "      AND NEW.start < end) BEGIN"
  "  SELECT RAISE (ABORT, 'resfri: item already booked for an overlapping interval');"
  "END;"

  /* The VTIMEZONEs of imported files by TZID, their text as the file had
   * it (the latest import wins), so that export writes the definitions the
   * occurrences were expanded with. */
  "CREATE TABLE timezones ("
  "  tzid TEXT PRIMARY KEY,"
  "  ical TEXT NOT NULL"
  ") WITHOUT ROWID;"

  /* recurrence_id '' = the whole meeting (every occurrence). */
  "CREATE TABLE exemptions ("
  "  id            INTEGER PRIMARY KEY,"
  "  uid           TEXT NOT NULL,"
  "  recurrence_id TEXT NOT NULL DEFAULT '',"
  "  reason        TEXT NOT NULL CHECK (reason IN ('physical-presence', 'confidential',"
  "                  'accessibility', 'external-requirement', 'relationship',"
  "                  'missing-equipment', 'other')),"
  "  note          TEXT,"
  "  created_at    INTEGER NOT NULL,"
  "  CHECK (reason <> 'other' OR length (trim (coalesce (note, ''))) > 0),"
  "  UNIQUE (uid, recurrence_id)"
  ");"

  /* Policy settings: key/value, values as text; defaults in resfri-policy-settings.c
   * (spec/policy.md), a row only where a setting was changed. */
  "CREATE TABLE policy ("
  "  key   TEXT PRIMARY KEY,"
  "  value TEXT NOT NULL"
  ") WITHOUT ROWID;"

  /* Free-form facts about the database itself (demo seed, municipality). */
  "CREATE TABLE meta ("
  "  key   TEXT PRIMARY KEY,"
  "  value TEXT"
  ") WITHOUT ROWID;";

/* The longest occurrence bounds the occurrences of a time window
 * (resfri-policy-check.c): an index makes max (end - start) one lookup
 * instead of a scan of every occurrence (120 ms on the 60,000-employee
 * demo, at every change in the New Meeting window). */
static const char migration_1_to_2[] =
  "CREATE INDEX occurrences_length ON occurrences (end - start);";

/* Live calendars (spec/sync.md; the owner is sync/resfri-sources.c). A
 * source is a CalDAV account or a published feed; no password is stored,
 * only the path of a --password-file (else the keyring holds it). A source
 * calendar is one collection (a feed is one calendar and one resource);
 * its sync token, or its ctag (a feed: its Last-Modified), is stored in
 * the same transaction as the changes it covers. A resource is one object
 * of a calendar with its ETag and text; sync_copies are the VEVENTs it
 * holds (by UID and RECURRENCE-ID), from which the sync chooses the one
 * copy the meetings table keeps. */
static const char migration_2_to_3[] =
  "CREATE TABLE sync_sources ("
  "  id              INTEGER PRIMARY KEY,"
  "  kind            TEXT NOT NULL CHECK (kind IN ('caldav', 'url')),"
  "  url             TEXT NOT NULL,"
  "  user            TEXT,"
  "  name            TEXT,"
  "  password_file   TEXT,"
  "  people_template TEXT,"
  "  ca_file         TEXT,"
  "  etag            TEXT,"
  "  last_sync       INTEGER,"
  "  last_error      TEXT"
  ");"
  "CREATE TABLE sync_calendars ("
  "  id         INTEGER PRIMARY KEY,"
  "  source_id  INTEGER NOT NULL REFERENCES sync_sources (id) ON DELETE CASCADE,"
  "  href       TEXT NOT NULL,"
  "  name       TEXT,"
  "  role       TEXT NOT NULL DEFAULT 'person'"
  "               CHECK (role IN ('person', 'room', 'pool', 'item', 'feed')),"
  "  target     TEXT,"
  "  following  INTEGER NOT NULL DEFAULT 0 CHECK (following IN (0, 1)),"
  "  sync_token TEXT,"
  "  ctag       TEXT,"
  "  last_error TEXT,"
  "  UNIQUE (source_id, href)"
  ");"
  "CREATE TABLE sync_resources ("
  "  id          INTEGER PRIMARY KEY,"
  "  calendar_id INTEGER NOT NULL REFERENCES sync_calendars (id) ON DELETE CASCADE,"
  "  href        TEXT NOT NULL,"
  "  etag        TEXT,"
  "  ical        TEXT NOT NULL,"
  "  UNIQUE (calendar_id, href)"
  ");"
  "CREATE TABLE sync_copies ("
  "  resource_id   INTEGER NOT NULL REFERENCES sync_resources (id) ON DELETE CASCADE,"
  "  uid           TEXT NOT NULL,"
  "  recurrence_id TEXT NOT NULL DEFAULT '',"
  "  organizer     INTEGER NOT NULL DEFAULT 0 CHECK (organizer IN (0, 1)),"
  "  sequence      INTEGER NOT NULL DEFAULT 0,"
  "  stamp         INTEGER NOT NULL DEFAULT 0,"
  "  PRIMARY KEY (resource_id, uid, recurrence_id)"
  ") WITHOUT ROWID;"
  "CREATE INDEX sync_copies_uid ON sync_copies (uid, recurrence_id);";

/* Bookings follow their meeting (spec/sync.md). booking_occurrences keeps
 * the interval the occurrence had when each booking was made, so that when
 * the occurrence moves the booking moves by as much (allocate's bookings
 * hold a buffer around it); the trigger fills it, whoever writes.
 * booking_releases keeps what a release removed and why ('cancelled',
 * 'removed', or 'taken' at the new time), for `bookings --attention`. */
static const char migration_3_to_4[] =
  "CREATE TABLE booking_occurrences ("
  "  booking_id INTEGER PRIMARY KEY REFERENCES bookings (id) ON DELETE CASCADE,"
  "  start      INTEGER NOT NULL,"
  "  end        INTEGER NOT NULL"
  ");"
  "INSERT INTO booking_occurrences (booking_id, start, end)"
  "  SELECT b.id, o.start, o.end FROM bookings b"
  "    JOIN occurrences o ON o.uid = b.uid AND o.recurrence_id = b.recurrence_id;"
  "CREATE TRIGGER bookings_remember_occurrence AFTER INSERT ON bookings BEGIN"
  "  INSERT OR REPLACE INTO booking_occurrences (booking_id, start, end)"
  "  SELECT NEW.id, start, end FROM occurrences"
  "   WHERE uid = NEW.uid AND recurrence_id = NEW.recurrence_id;"
  "END;"
  "CREATE TABLE booking_releases ("
  "  id            INTEGER PRIMARY KEY,"
  "  booking_id    INTEGER NOT NULL,"
  "  kind          TEXT NOT NULL CHECK (kind IN ('room', 'item')),"
  "  resource      TEXT NOT NULL,"
  "  type          TEXT,"
  "  site          TEXT,"
  "  person        TEXT,"
  "  uid           TEXT NOT NULL,"
  "  recurrence_id TEXT NOT NULL DEFAULT '',"
  "  summary       TEXT,"
  "  start         INTEGER NOT NULL,"
  "  end           INTEGER NOT NULL,"
  "  reason        TEXT NOT NULL CHECK (reason IN ('cancelled', 'removed', 'taken')),"
  "  detail        TEXT,"
  "  released_at   INTEGER NOT NULL"
  ");"
  "CREATE INDEX booking_releases_start ON booking_releases (start);";

/* Resfri's bookings written to a followed room's or item's calendar
 * (sync/resfri-server-bookings.c; the owner is sync/resfri-sources.c):
 * where each is and its ETag. No foreign key on bookings: a cancelled
 * booking keeps its row until the server's copy is deleted. */
static const char migration_4_to_5[] =
  "CREATE TABLE sync_bookings ("
  "  booking_id  INTEGER PRIMARY KEY,"
  "  calendar_id INTEGER NOT NULL REFERENCES sync_calendars (id) ON DELETE CASCADE,"
  "  href        TEXT NOT NULL,"
  "  etag        TEXT"
  ");";

/* The events of a followed room's or item's calendar that are no meetings,
 * another installation's Resfri bookings (sync/resfri-sync.c; the owner is
 * sync/resfri-sources.c): one row per occurrence, going with its resource.
 * They reserve the calendar's room or item as its meetings do. */
static const char migration_5_to_6[] =
  "CREATE TABLE sync_reservations ("
  "  resource_id   INTEGER NOT NULL REFERENCES sync_resources (id) ON DELETE CASCADE,"
  "  uid           TEXT NOT NULL,"
  "  recurrence_id TEXT NOT NULL DEFAULT '',"
  "  summary       TEXT,"
  "  start         INTEGER NOT NULL,"
  "  end           INTEGER NOT NULL CHECK (end > start)"
  ");"
  "CREATE INDEX sync_reservations_resource ON sync_reservations (resource_id);";

/* An equipment item's own address (an optional inventory column): a
 * meeting whose ATTENDEE;CUTYPE=RESOURCE (or ROOM) names it reserves the
 * item, as a room's address reserves the room (spec/sync.md). */
static const char migration_6_to_7[] =
  "ALTER TABLE equipment ADD COLUMN email TEXT COLLATE NOCASE;"
  "CREATE UNIQUE INDEX equipment_email ON equipment (email) WHERE email IS NOT NULL;";

static const char * const migrations[] = {
  migration_0_to_1,
  migration_1_to_2,
  migration_2_to_3,
  migration_3_to_4,
  migration_4_to_5,
  migration_5_to_6,
  migration_6_to_7,
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == RESFRI_STORE_SCHEMA_VERSION);

const char *
_resfri_schema_get_migration (int from_version)
{
  g_return_val_if_fail (from_version >= 0 && from_version < (int) G_N_ELEMENTS (migrations), NULL);

  return migrations[from_version];
}

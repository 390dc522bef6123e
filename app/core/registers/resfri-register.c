/* resfri-register.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Import is an upsert by key (site id, person email, room id, asset tag,
 * distance pair) so that a nightly export from HR can be imported again; a
 * file is one transaction and any bad row refuses the whole file with
 * "FILE:LINE: column “x”: what". Rows that are already in the database are
 * left alone, so re-importing the same file writes nothing (and in
 * particular no equipment history).
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "resfri-csv.h"
#include "resfri-input.h"
#include "resfri-register-private.h"
#include "resfri-store-private.h"

#define MAX_COLUMNS 8

typedef enum
{
  TYPE_TEXT,
  TYPE_REAL,
  TYPE_INT,
  TYPE_BOOL,
  TYPE_LIST,
} ColumnType;

typedef struct
{
  const char *name;
  gboolean    required;
  ColumnType  type;
} Column;

typedef struct _Import Import;
typedef gboolean (*ImportRowFunc) (Import  *imp,
                                   GError **error);

typedef struct
{
  const char    *name;
  const Column  *columns;
  const char    *list_sql;
  ImportRowFunc  import_row;
} RegisterInfo;

struct _Import
{
  ResfriStore         *store;
  const RegisterInfo  *info;
  const char          *filename;
  guint                n_columns;
  int                  map[MAX_COLUMNS];    /* column -> field index, or -1 */
  char                *values[MAX_COLUMNS]; /* trimmed, never NULL */
  guint                line;
  GHashTable          *seen;                /* key -> first line */
  GHashTable          *seen_emails;         /* rooms: email -> first line */
  GHashTable          *units;               /* path -> gint64 id */
  ResfriRegisterStats *stats;
};

/* Column positions, in the order of the tables below. */
enum { SITE_ID, SITE_NAME, SITE_LATITUDE, SITE_LONGITUDE };
enum { PERSON_EMAIL, PERSON_NAME, PERSON_UNIT, PERSON_SITE, PERSON_ROLE };
enum { ROOM_ID, ROOM_NAME, ROOM_SITE, ROOM_CAPACITY, ROOM_EMAIL, ROOM_ALIASES, ROOM_VC };
enum { ITEM_TAG, ITEM_TYPE, ITEM_SITE, ITEM_OWNER, ITEM_STATE, ITEM_MODEL, ITEM_COST };
enum { DISTANCE_FROM, DISTANCE_TO, DISTANCE_KM };

static const Column site_columns[] = {
  { "id", TRUE, TYPE_TEXT },
  { "name", TRUE, TYPE_TEXT },
  { "latitude", TRUE, TYPE_REAL },
  { "longitude", TRUE, TYPE_REAL },
  { NULL }
};

static const Column person_columns[] = {
  { "email", TRUE, TYPE_TEXT },
  { "name", TRUE, TYPE_TEXT },
  { "unit", TRUE, TYPE_TEXT },
  { "site", TRUE, TYPE_TEXT },
  { "role", FALSE, TYPE_TEXT },
  { NULL }
};

static const Column room_columns[] = {
  { "id", TRUE, TYPE_TEXT },
  { "name", TRUE, TYPE_TEXT },
  { "site", TRUE, TYPE_TEXT },
  { "capacity", TRUE, TYPE_INT },
  { "email", FALSE, TYPE_TEXT },
  { "aliases", FALSE, TYPE_LIST },
  { "vc", FALSE, TYPE_BOOL },
  { NULL }
};

static const Column item_columns[] = {
  { "asset_tag", TRUE, TYPE_TEXT },
  { "type", TRUE, TYPE_TEXT },
  { "site", TRUE, TYPE_TEXT },
  { "owner_email", FALSE, TYPE_TEXT },
  { "state", FALSE, TYPE_TEXT },
  { "model", FALSE, TYPE_TEXT },
  { "cost", FALSE, TYPE_REAL },
  { NULL }
};

static const Column distance_columns[] = {
  { "from", TRUE, TYPE_TEXT },
  { "to", TRUE, TYPE_TEXT },
  { "km", TRUE, TYPE_REAL },
  { NULL }
};

static gboolean import_site     (Import *imp, GError **error);
static gboolean import_person   (Import *imp, GError **error);
static gboolean import_room     (Import *imp, GError **error);
static gboolean import_item     (Import *imp, GError **error);
static gboolean import_distance (Import *imp, GError **error);

/* Each query returns the register's columns in order, sorted by key. */
static const RegisterInfo registers[RESFRI_N_REGISTERS] = {
  [RESFRI_REGISTER_SITES] = {
    "sites", site_columns,
    "SELECT code, name, latitude, longitude FROM sites ORDER BY code",
    import_site },
  [RESFRI_REGISTER_PEOPLE] = {
    "people", person_columns,
    "SELECT p.email, p.name, u.path, s.code, p.role FROM people p"
    " JOIN units u ON u.id = p.unit_id JOIN sites s ON s.id = p.site_id"
    " ORDER BY p.email COLLATE BINARY",
    import_person },
  [RESFRI_REGISTER_ROOMS] = {
    "rooms", room_columns,
    "SELECT r.code, r.name, s.code, r.capacity, r.email,"
    "  (SELECT group_concat (alias, ';') FROM"
    "    (SELECT alias FROM room_aliases WHERE room_id = r.id ORDER BY alias)),"
    "  r.vc"
    " FROM rooms r JOIN sites s ON s.id = r.site_id ORDER BY r.code",
    import_room },
  [RESFRI_REGISTER_INVENTORY] = {
    "inventory", item_columns,
    "SELECT e.tag, t.name, s.code, p.email, e.state, e.model, e.cost FROM equipment e"
    " JOIN equipment_types t ON t.id = e.type_id JOIN sites s ON s.id = e.site_id"
    " LEFT JOIN people p ON p.id = e.owner_id ORDER BY e.tag",
    import_item },
  [RESFRI_REGISTER_DISTANCES] = {
    "distances", distance_columns,
    /* A pair is written with the smaller site id first, whatever the order
     * of the rows' ids: the listing does not depend on import order. */
    "SELECT min (a.code, b.code), max (a.code, b.code), d.km FROM distances d"
    " JOIN sites a ON a.id = d.from_site JOIN sites b ON b.id = d.to_site"
    " ORDER BY 1, 2",
    import_distance },
};

/* Errors */

static gboolean
row_error (Import      *imp,
           GError     **error,
           const char  *format,
           ...) G_GNUC_PRINTF (3, 4);

static gboolean
row_error (Import      *imp,
           GError     **error,
           const char  *format,
           ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error (error, RESFRI_ERROR, RESFRI_ERROR_INVALID_INPUT,
               "%s:%u: %s", imp->filename, imp->line, message);
  return FALSE;
}

/* An sqlite failure during a row, with the row's place in front. */
static gboolean
db_error (Import  *imp,
          GError **error)
{
  GError *local_error = NULL;

  _resfri_store_set_error (imp->store, &local_error, NULL);
  g_prefix_error (&local_error, "%s:%u: ", imp->filename, imp->line);
  g_propagate_error (error, local_error);
  return FALSE;
}

/* Values */

static const char *
column_name (Import *imp,
             guint   column)
{
  return imp->info->columns[column].name;
}

static gboolean
parse_real (Import  *imp,
            guint    column,
            double  *out,
            GError **error)
{
  const char *text = imp->values[column];
  char *end = NULL;
  double value;

  /* g_ascii_strtod also takes "inf", "nan" and hexadecimal: not here. */
  if (text[0] == '\0' || strspn (text, "0123456789+-.eE") != strlen (text))
    goto invalid;

  value = g_ascii_strtod (text, &end);
  if (end == text || *end != '\0' || !isfinite (value))
    goto invalid;

  /* -0 is 0: it would list as "-0". */
  *out = value == 0 ? 0 : value;
  return TRUE;

invalid:
  return row_error (imp, error, _("column “%s”: “%s” is not a number"),
                    column_name (imp, column), text);
}

static gboolean
parse_non_negative (Import  *imp,
                    guint    column,
                    double  *out,
                    GError **error)
{
  if (!parse_real (imp, column, out, error))
    return FALSE;

  if (*out < 0)
    return row_error (imp, error, _("column “%s”: “%s” must not be negative"),
                      column_name (imp, column), imp->values[column]);

  return TRUE;
}

static gboolean
parse_in_range (Import  *imp,
                guint    column,
                double   limit,
                double  *out,
                GError **error)
{
  if (!parse_real (imp, column, out, error))
    return FALSE;

  if (*out < -limit || *out > limit)
    return row_error (imp, error, _("column “%s”: “%s” is out of range (-%g to %g)"),
                      column_name (imp, column), imp->values[column], limit, limit);

  return TRUE;
}

static gboolean
parse_count (Import  *imp,
             guint    column,
             gint64  *out,
             GError **error)
{
  const char *text = imp->values[column];
  gint64 value = 0;

  if (!g_ascii_string_to_signed (text, 10, G_MININT64, G_MAXINT64, &value, NULL))
    {
      double real;

      /* Say "not a whole number" for 12.5 and "not a number" for abc. */
      if (parse_real (imp, column, &real, error))
        return row_error (imp, error, _("column “%s”: “%s” is not a whole number"),
                          column_name (imp, column), text);
      return FALSE;
    }

  if (value < 0)
    return row_error (imp, error, _("column “%s”: “%s” must not be negative"),
                      column_name (imp, column), text);

  if (value > G_MAXINT32)
    return row_error (imp, error, _("column “%s”: “%s” is too large"),
                      column_name (imp, column), text);

  *out = value;
  return TRUE;
}

/* Loose on purpose: the address must only be usable as a key that
 * ATTENDEE mailto: values can match. */
static gboolean
check_email (Import  *imp,
             guint    column,
             GError **error)
{
  const char *text = imp->values[column];
  const char *at = strchr (text, '@');

  if (at == NULL || at == text || at[1] == '\0' || strchr (at + 1, '@') != NULL ||
      strpbrk (text, " \t\r\n,;<>\"") != NULL)
    return row_error (imp, error, _("column “%s”: “%s” is not an email address"),
                      column_name (imp, column), text);

  return TRUE;
}

/* Matches @text against @choices case-insensitively; returns the index. */
static int
parse_choice (const char         *text,
              const char * const *choices)
{
  for (int i = 0; choices[i] != NULL; i++)
    if (g_ascii_strcasecmp (text, choices[i]) == 0)
      return i;

  return -1;
}

/* Remembers @key as seen on this line; fails when an earlier row had it. */
static gboolean
check_duplicate (Import      *imp,
                 GHashTable  *seen,
                 const char  *key,
                 guint        column,
                 GError     **error)
{
  gpointer first = g_hash_table_lookup (seen, key);

  if (first != NULL)
    return row_error (imp, error, _("column “%s”: “%s” appears twice (first on line %u)"),
                      column_name (imp, column), imp->values[column],
                      GPOINTER_TO_UINT (first));

  g_hash_table_insert (seen, g_strdup (key), GUINT_TO_POINTER (imp->line));
  return TRUE;
}

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
      db_error (imp, error);
      sqlite3_reset (stmt);
      return FALSE;
    }

  sqlite3_reset (stmt);
  return row_error (imp, error, _("column “%s”: unknown site “%s” (import the sites first)"),
                    column_name (imp, column), imp->values[column]);
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
    db_error (imp, error);
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
      db_error (imp, error);
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

static gboolean
import_site (Import  *imp,
             GError **error)
{
  sqlite3_stmt *stmt;
  double latitude, longitude;
  int existed;

  if (!check_duplicate (imp, imp->seen, imp->values[SITE_ID], SITE_ID, error) ||
      !parse_in_range (imp, SITE_LATITUDE, 90, &latitude, error) ||
      !parse_in_range (imp, SITE_LONGITUDE, 180, &longitude, error))
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
        return row_error (imp, error,
                          _("column “%s”: “%s” has an empty unit name (write Parent/Child)"),
                          column_name (imp, PERSON_UNIT), imp->values[PERSON_UNIT]);

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
              db_error (imp, error);
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

static gboolean
import_person (Import  *imp,
               GError **error)
{
  static const char * const roles[] = { "employee", "politician", NULL };
  g_autofree char *key = NULL;
  sqlite3_stmt *stmt;
  gint64 unit = 0, site = 0;
  int role = 0;
  int existed;

  if (!check_email (imp, PERSON_EMAIL, error))
    return FALSE;

  /* Emails are keys without regard to case, as in the people table. */
  key = g_ascii_strdown (imp->values[PERSON_EMAIL], -1);
  if (!check_duplicate (imp, imp->seen, key, PERSON_EMAIL, error))
    return FALSE;

  if (imp->values[PERSON_ROLE][0] != '\0' &&
      (role = parse_choice (imp->values[PERSON_ROLE], roles)) < 0)
    return row_error (imp, error, _("column “%s”: “%s” is not a role (use employee or politician)"),
                      column_name (imp, PERSON_ROLE), imp->values[PERSON_ROLE]);

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
    return db_error (imp, error);

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
      return db_error (imp, error);
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
          return db_error (imp, error);
        }
    }
  sqlite3_reset (stmt);

  return TRUE;
}

static gboolean
import_room (Import  *imp,
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

  if (!check_duplicate (imp, imp->seen, imp->values[ROOM_ID], ROOM_ID, error) ||
      !lookup_site (imp, ROOM_SITE, &site, error) ||
      !parse_count (imp, ROOM_CAPACITY, &capacity, error))
    return FALSE;

  if (imp->values[ROOM_VC][0] != '\0' &&
      (vc = parse_choice (imp->values[ROOM_VC], vc_values)) < 0)
    return row_error (imp, error, _("column “%s”: “%s” is not yes or no"),
                      column_name (imp, ROOM_VC), imp->values[ROOM_VC]);

  if (email[0] != '\0')
    {
      g_autofree char *key = g_ascii_strdown (email, -1);

      if (!check_email (imp, ROOM_EMAIL, error) ||
          !check_duplicate (imp, imp->seen_emails, key, ROOM_EMAIL, error))
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
          return row_error (imp, error, _("column “%s”: “%s” is already the email of room “%s”"),
                            column_name (imp, ROOM_EMAIL), email, other);
        }
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        return db_error (imp, error);
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
      return db_error (imp, error);
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

static gboolean
import_item (Import  *imp,
             GError **error)
{
  static const char * const states[] = { "ok", "broken", "retired", NULL };
  sqlite3_stmt *stmt;
  gint64 type = 0, site = 0, owner = 0;
  double cost = 0;
  int state = 0;
  int found;
  int existed;

  if (!check_duplicate (imp, imp->seen, imp->values[ITEM_TAG], ITEM_TAG, error))
    return FALSE;

  found = query_key (imp, "SELECT id FROM equipment_types WHERE name = ?1 COLLATE NOCASE",
                     imp->values[ITEM_TYPE], &type, error);
  if (found < 0)
    return FALSE;
  if (found == 0)
    {
      g_autofree char *known = dup_known_types (imp->store);

      return row_error (imp, error,
                        _("column “%s”: unknown type “%s” (known types: %s; add a type "
                          "with “policy set price.TYPE”)"),
                        column_name (imp, ITEM_TYPE), imp->values[ITEM_TYPE], known);
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
        return row_error (imp, error,
                          _("column “%s”: unknown person “%s” (import the people first, or "
                            "leave it empty for the loan pool)"),
                          column_name (imp, ITEM_OWNER), imp->values[ITEM_OWNER]);
    }

  if (imp->values[ITEM_STATE][0] != '\0' &&
      (state = parse_choice (imp->values[ITEM_STATE], states)) < 0)
    return row_error (imp, error, _("column “%s”: “%s” is not a state (use ok, broken or retired)"),
                      column_name (imp, ITEM_STATE), imp->values[ITEM_STATE]);

  if (imp->values[ITEM_COST][0] != '\0' &&
      !parse_non_negative (imp, ITEM_COST, &cost, error))
    return FALSE;

  existed = query_key (imp, "SELECT 1 FROM equipment WHERE tag = ?1", imp->values[ITEM_TAG],
                       NULL, error);
  if (existed < 0)
    return FALSE;

  if (!(stmt = _resfri_store_prepare (imp->store,
                                      "INSERT INTO equipment (tag, type_id, site_id, owner_id,"
                                      "  state, model, cost)"
                                      " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"
                                      " ON CONFLICT (tag) DO UPDATE SET type_id = excluded.type_id,"
                                      "  site_id = excluded.site_id, owner_id = excluded.owner_id,"
                                      "  state = excluded.state, model = excluded.model,"
                                      "  cost = excluded.cost"
                                      " WHERE type_id IS NOT excluded.type_id"
                                      "  OR site_id IS NOT excluded.site_id"
                                      "  OR owner_id IS NOT excluded.owner_id"
                                      "  OR state IS NOT excluded.state"
                                      "  OR model IS NOT excluded.model"
                                      "  OR cost IS NOT excluded.cost",
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
  return step_upsert (imp, stmt, existed, FALSE, error);
}

/* Distances */

static gboolean
import_distance (Import  *imp,
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
    return row_error (imp, error, _("column “%s”: a distance from “%s” to itself"),
                      column_name (imp, DISTANCE_TO), to);

  /* A pair is one key whichever way round it is written. */
  key = g_strdup_printf ("%" G_GINT64_FORMAT " %" G_GINT64_FORMAT,
                         MIN (from_id, to_id), MAX (from_id, to_id));
  {
    gpointer first = g_hash_table_lookup (imp->seen, key);

    if (first != NULL)
      return row_error (imp, error, _("the distance between “%s” and “%s” appears twice "
                                      "(first on line %u)"),
                        from, to, GPOINTER_TO_UINT (first));
    g_hash_table_insert (imp->seen, g_steal_pointer (&key), GUINT_TO_POINTER (imp->line));
  }

  if (!parse_non_negative (imp, DISTANCE_KM, &km, error))
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
    return db_error (imp, error);

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

/* The import */

static gboolean
read_header (Import           *imp,
             ResfriCsvReader  *reader,
             GError          **error)
{
  const Column *columns = imp->info->columns;
  guint n_fields;
  GError *local_error = NULL;

  if (!resfri_csv_reader_next (reader, &local_error))
    {
      if (local_error != NULL)
        {
          g_propagate_error (error, local_error);
          return FALSE;
        }
      imp->line = 1;
      return row_error (imp, error, _("the file is empty (a header row is needed)"));
    }

  imp->line = resfri_csv_reader_get_line (reader);
  n_fields = resfri_csv_reader_get_n_fields (reader);

  for (guint f = 0; f < n_fields; f++)
    {
      g_autofree char *name = g_strstrip (g_strdup (resfri_csv_reader_get_field (reader, f)));

      for (guint c = 0; c < imp->n_columns; c++)
        {
          if (g_ascii_strcasecmp (name, columns[c].name) != 0)
            continue;
          if (imp->map[c] >= 0)
            return row_error (imp, error, _("column “%s” appears twice in the header"),
                              columns[c].name);
          imp->map[c] = f;
        }
    }

  for (guint c = 0; c < imp->n_columns; c++)
    if (columns[c].required && imp->map[c] < 0)
      return row_error (imp, error, _("missing column “%s”"), columns[c].name);

  return TRUE;
}

static void
clear_values (Import *imp)
{
  for (guint c = 0; c < MAX_COLUMNS; c++)
    g_clear_pointer (&imp->values[c], g_free);
}

static gboolean
import_rows (Import           *imp,
             ResfriCsvReader  *reader,
             GError          **error)
{
  guint n_header = resfri_csv_reader_get_n_fields (reader);
  GError *local_error = NULL;

  while (resfri_csv_reader_next (reader, &local_error))
    {
      const char * const *fields = resfri_csv_reader_get_fields (reader);
      guint n_fields = resfri_csv_reader_get_n_fields (reader);
      gboolean empty = TRUE;
      gboolean ok;

      imp->line = resfri_csv_reader_get_line (reader);

      /* Spreadsheets leave rows of empty cells (",,,") at the end. */
      for (guint f = 0; empty && f < n_fields; f++)
        for (const char *p = fields[f]; empty && *p; p++)
          empty = g_ascii_isspace (*p);
      if (empty)
        continue;

      if (n_fields != n_header)
        return row_error (imp, error, _("%u fields, but the header has %u"), n_fields, n_header);

      for (guint c = 0; c < imp->n_columns; c++)
        {
          const char *field = imp->map[c] >= 0 ? fields[imp->map[c]] : "";

          imp->values[c] = g_strstrip (g_strdup (field));
        }

      for (guint c = 0; c < imp->n_columns; c++)
        {
          if (imp->info->columns[c].required && imp->values[c][0] == '\0')
            {
              clear_values (imp);
              return row_error (imp, error, _("column “%s”: a value is needed"),
                                imp->info->columns[c].name);
            }

          /* No register value is more than one line: a line break or a
           * tab inside quotes is a mistake in the file. */
          for (const char *p = imp->values[c]; *p; p++)
            if ((guchar) *p < 0x20 || *p == 0x7f)
              {
                clear_values (imp);
                return row_error (imp, error,
                                  _("column “%s”: a line break or other control character "
                                    "inside the value"),
                                  imp->info->columns[c].name);
              }
        }

      ok = imp->info->import_row (imp, error);
      clear_values (imp);
      if (!ok)
        return FALSE;

      imp->stats->rows++;
    }

  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }

  return TRUE;
}

gboolean
_resfri_register_import_in_transaction (ResfriStore          *store,
                                        ResfriRegister        kind,
                                        const char           *filename,
                                        const char           *data,
                                        gsize                 length,
                                        ResfriRegisterStats  *stats,
                                        GError              **error)
{
  g_autoptr(ResfriCsvReader) reader = NULL;
  ResfriRegisterStats local_stats = { 0 };
  Import imp = { 0 };
  gboolean ok;

  g_return_val_if_fail (RESFRI_IS_STORE (store), FALSE);
  g_return_val_if_fail (kind < RESFRI_N_REGISTERS, FALSE);
  g_return_val_if_fail (data != NULL || length == 0, FALSE);

  imp.store = store;
  imp.info = &registers[kind];
  imp.filename = filename ? filename : "-";
  imp.stats = &local_stats;
  while (imp.info->columns[imp.n_columns].name != NULL)
    imp.n_columns++;
  g_assert (imp.n_columns <= MAX_COLUMNS);
  for (guint c = 0; c < MAX_COLUMNS; c++)
    imp.map[c] = -1;
  imp.seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  imp.seen_emails = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  imp.units = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  reader = resfri_csv_reader_new (imp.filename, data, length);
  ok = read_header (&imp, reader, error) && import_rows (&imp, reader, error);

  clear_values (&imp);
  g_hash_table_unref (imp.seen);
  g_hash_table_unref (imp.seen_emails);
  g_hash_table_unref (imp.units);

  if (ok && stats != NULL)
    *stats = local_stats;

  return ok;
}

/* Public API */

/* Returns: the register's name as in the CLI ("sites", "people", "rooms",
 * "inventory", "distances") */
const char *
resfri_register_get_name (ResfriRegister kind)
{
  g_return_val_if_fail (kind < RESFRI_N_REGISTERS, NULL);

  return registers[kind].name;
}

gboolean
resfri_register_from_name (const char     *name,
                           ResfriRegister *kind)
{
  g_return_val_if_fail (name != NULL, FALSE);

  for (guint i = 0; i < RESFRI_N_REGISTERS; i++)
    if (strcmp (registers[i].name, name) == 0)
      {
        if (kind != NULL)
          *kind = i;
        return TRUE;
      }

  return FALSE;
}

/**
 * resfri_register_get_columns:
 *
 * Returns: (array zero-terminated=1) (transfer none): the CSV columns of the
 *   register in the order listings print them
 */
const char * const *
resfri_register_get_columns (ResfriRegister kind)
{
  static const char *names[RESFRI_N_REGISTERS][MAX_COLUMNS + 1];
  static gsize initialised = 0;

  g_return_val_if_fail (kind < RESFRI_N_REGISTERS, NULL);

  if (g_once_init_enter (&initialised))
    {
      for (guint r = 0; r < RESFRI_N_REGISTERS; r++)
        for (guint c = 0; registers[r].columns[c].name != NULL; c++)
          names[r][c] = registers[r].columns[c].name;
      g_once_init_leave (&initialised, 1);
    }

  return names[kind];
}

gboolean
resfri_register_column_is_required (ResfriRegister  kind,
                                    const char     *column)
{
  g_return_val_if_fail (kind < RESFRI_N_REGISTERS, FALSE);
  g_return_val_if_fail (column != NULL, FALSE);

  for (const Column *c = registers[kind].columns; c->name != NULL; c++)
    if (strcmp (c->name, column) == 0)
      return c->required;

  return FALSE;
}

/**
 * resfri_register_import_data:
 * @store: the store
 * @kind: which register the CSV holds
 * @filename: the name for messages ("people.csv", or "-" for stdin)
 * @data: the CSV text (need not end in a NUL)
 * @length: its length in bytes
 * @stats: (out) (optional): what the import did
 * @error: RESFRI_ERROR_INVALID_INPUT ("FILE:LINE: what") for bad input
 *
 * Imports a CSV file of spec/cli.md in one transaction: an upsert by key,
 * and on any error nothing is written.
 *
 * Returns: %TRUE on success
 */
gboolean
resfri_register_import_data (ResfriStore          *store,
                             ResfriRegister        kind,
                             const char           *filename,
                             const char           *data,
                             gsize                 length,
                             ResfriRegisterStats  *stats,
                             GError              **error)
{
  g_return_val_if_fail (RESFRI_IS_STORE (store), FALSE);
  g_return_val_if_fail (kind < RESFRI_N_REGISTERS, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!_resfri_store_begin (store, error))
    return FALSE;

  if (!_resfri_register_import_in_transaction (store, kind, filename, data, length, stats, error))
    {
      _resfri_store_rollback (store);
      return FALSE;
    }

  return _resfri_store_commit (store, error);
}

/**
 * resfri_register_import_file:
 *
 * Like resfri_register_import_data() for the contents of @file; messages
 * name the file by its parse name (the path of a local file).
 */
gboolean
resfri_register_import_file (ResfriStore          *store,
                             ResfriRegister        kind,
                             GFile                *file,
                             ResfriRegisterStats  *stats,
                             GCancellable         *cancellable,
                             GError              **error)
{
  g_autofree char *contents = NULL;
  g_autofree char *name = NULL;
  gsize length = 0;

  g_return_val_if_fail (RESFRI_IS_STORE (store), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  name = g_file_get_parse_name (file);
  if (!resfri_input_load_file (file, name, &contents, &length, cancellable, error))
    return FALSE;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  return resfri_register_import_data (store, kind, name, contents, length, stats, error);
}

typedef struct
{
  ResfriRegister  kind;
  GFile          *file;
} ImportTaskData;

static void
import_task_data_free (gpointer data)
{
  ImportTaskData *task_data = data;

  g_clear_object (&task_data->file);
  g_free (task_data);
}

/* The worker opens its own connection (see resfri-store-private.h). */
static void
import_file_worker (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  ImportTaskData *data = task_data;
  g_autoptr(ResfriStore) worker = NULL;
  g_autofree ResfriRegisterStats *stats = g_new0 (ResfriRegisterStats, 1);
  GError *error = NULL;

  if (!(worker = resfri_store_open (resfri_store_get_path (source_object), &error)) ||
      !resfri_register_import_file (worker, data->kind, data->file, stats, cancellable, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  g_task_return_pointer (task, g_steal_pointer (&stats), g_free);
}

void
resfri_register_import_file_async (ResfriStore         *store,
                                   ResfriRegister       kind,
                                   GFile               *file,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ImportTaskData *data;

  g_return_if_fail (RESFRI_IS_STORE (store));
  g_return_if_fail (kind < RESFRI_N_REGISTERS);
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  data = g_new0 (ImportTaskData, 1);
  data->kind = kind;
  data->file = g_object_ref (file);

  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, resfri_register_import_file_async);
  g_task_set_task_data (task, data, import_task_data_free);
  g_task_run_in_thread (task, import_file_worker);
}

gboolean
resfri_register_import_file_finish (ResfriStore          *store,
                                    GAsyncResult         *result,
                                    ResfriRegisterStats  *stats,
                                    GError              **error)
{
  g_autofree ResfriRegisterStats *result_stats = NULL;

  g_return_val_if_fail (g_task_is_valid (result, store), FALSE);

  if (!(result_stats = g_task_propagate_pointer (G_TASK (result), error)))
    return FALSE;

  if (stats != NULL)
    *stats = *result_stats;

  return TRUE;
}

/* Listing */

/* The shortest text that reads back as the same double. */
static void
append_real (GString *out,
             double   value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  for (int precision = 15; precision <= 17; precision++)
    {
      char format[8];

      g_snprintf (format, sizeof format, "%%.%dg", precision);
      g_ascii_formatd (buffer, sizeof buffer, format, value);
      if (g_ascii_strtod (buffer, NULL) == value)
        break;
    }

  g_string_append (out, buffer);
}

typedef gboolean (*ListRowFunc) (sqlite3_stmt  *stmt,
                                 const Column  *columns,
                                 gpointer       user_data);

static gboolean
list_rows (ResfriStore     *store,
           ResfriRegister   kind,
           ListRowFunc      func,
           gpointer         user_data,
           GError         **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = _resfri_store_prepare (store, registers[kind].list_sql, error)))
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    func (stmt, registers[kind].columns, user_data);

  if (rc != SQLITE_DONE)
    {
      _resfri_store_set_error (store, error, _("Cannot read the register"));
      sqlite3_reset (stmt);
      return FALSE;
    }

  sqlite3_reset (stmt);
  return TRUE;
}

static gboolean
append_csv_row (sqlite3_stmt *stmt,
                const Column *columns,
                gpointer      user_data)
{
  GString *out = user_data;
  g_autoptr(GString) value = g_string_new (NULL);

  for (int c = 0; columns[c].name != NULL; c++)
    {
      if (c > 0)
        g_string_append_c (out, ',');

      if (sqlite3_column_type (stmt, c) == SQLITE_NULL)
        continue;

      g_string_truncate (value, 0);
      switch (columns[c].type)
        {
        case TYPE_REAL:
          append_real (value, sqlite3_column_double (stmt, c));
          break;

        case TYPE_INT:
          g_string_append_printf (value, "%" G_GINT64_FORMAT, (gint64) sqlite3_column_int64 (stmt, c));
          break;

        case TYPE_BOOL:
          g_string_append (value, sqlite3_column_int (stmt, c) ? "yes" : "no");
          break;

        case TYPE_TEXT:
        case TYPE_LIST:
        default:
          g_string_append (value, (const char *) sqlite3_column_text (stmt, c));
          break;
        }

      resfri_csv_append_field (out, value->str);
    }

  g_string_append (out, "\r\n");
  return TRUE;
}

/**
 * resfri_register_list_csv:
 * @length: (out) (optional): the length of the text
 *
 * The stored register as CSV with the columns of its import format, a
 * header row, sorted by key, CRLF line breaks: it imports again unchanged.
 *
 * Returns: (transfer full): the CSV text, or %NULL with @error set
 */
char *
resfri_register_list_csv (ResfriStore     *store,
                          ResfriRegister   kind,
                          gsize           *length,
                          GError         **error)
{
  g_autoptr(GString) out = g_string_new (NULL);
  const char * const *names;

  g_return_val_if_fail (RESFRI_IS_STORE (store), NULL);
  g_return_val_if_fail (kind < RESFRI_N_REGISTERS, NULL);

  names = resfri_register_get_columns (kind);
  resfri_csv_append_record (out, names, g_strv_length ((char **) names));

  if (!list_rows (store, kind, append_csv_row, out, error))
    return NULL;

  if (length != NULL)
    *length = out->len;

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static gboolean
add_json_row (sqlite3_stmt *stmt,
              const Column *columns,
              gpointer      user_data)
{
  JsonBuilder *builder = user_data;

  json_builder_begin_object (builder);

  for (int c = 0; columns[c].name != NULL; c++)
    {
      const char *text = (const char *) sqlite3_column_text (stmt, c);

      json_builder_set_member_name (builder, columns[c].name);

      if (columns[c].type == TYPE_LIST)
        {
          g_auto(GStrv) items = g_strsplit (text ? text : "", ";", -1);

          json_builder_begin_array (builder);
          for (guint i = 0; items[i] != NULL; i++)
            if (items[i][0] != '\0')
              json_builder_add_string_value (builder, items[i]);
          json_builder_end_array (builder);
          continue;
        }

      if (sqlite3_column_type (stmt, c) == SQLITE_NULL || (text != NULL && text[0] == '\0'))
        {
          json_builder_add_null_value (builder);
          continue;
        }

      switch (columns[c].type)
        {
        case TYPE_REAL:
          json_builder_add_double_value (builder, sqlite3_column_double (stmt, c));
          break;

        case TYPE_INT:
          json_builder_add_int_value (builder, sqlite3_column_int64 (stmt, c));
          break;

        case TYPE_BOOL:
          json_builder_add_boolean_value (builder, sqlite3_column_int (stmt, c) != 0);
          break;

        case TYPE_TEXT:
        case TYPE_LIST:
        default:
          json_builder_add_string_value (builder, text);
          break;
        }
    }

  json_builder_end_object (builder);
  return TRUE;
}

/**
 * resfri_register_list_json:
 *
 * The stored register as a JSON array of objects whose members are the
 * CSV columns, sorted by key: numbers as numbers, aliases as an array of
 * strings, vc as a boolean, an empty optional value as null.
 *
 * Returns: (transfer full): the array node, or %NULL with @error set
 */
JsonNode *
resfri_register_list_json (ResfriStore     *store,
                           ResfriRegister   kind,
                           GError         **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (RESFRI_IS_STORE (store), NULL);
  g_return_val_if_fail (kind < RESFRI_N_REGISTERS, NULL);

  json_builder_begin_array (builder);
  if (!list_rows (store, kind, add_json_row, builder, error))
    return NULL;
  json_builder_end_array (builder);

  return json_builder_get_root (builder);
}

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

#include "resfri-audit-private.h"
#include "resfri-csv.h"
#include "resfri-input.h"
#include "resfri-register-import.h"

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
  { "email", FALSE, TYPE_TEXT },
  { NULL }
};

static const Column distance_columns[] = {
  { "from", TRUE, TYPE_TEXT },
  { "to", TRUE, TYPE_TEXT },
  { "km", TRUE, TYPE_REAL },
  { NULL }
};

static const RegisterInfo registers[RESFRI_N_REGISTERS] = {
  [RESFRI_REGISTER_SITES] = { "sites", site_columns, _resfri_register_import_site },
  [RESFRI_REGISTER_PEOPLE] = { "people", person_columns, _resfri_register_import_person },
  [RESFRI_REGISTER_ROOMS] = { "rooms", room_columns, _resfri_register_import_room },
  [RESFRI_REGISTER_INVENTORY] = { "inventory", item_columns, _resfri_register_import_item },
  [RESFRI_REGISTER_DISTANCES] = { "distances", distance_columns, _resfri_register_import_distance },
};

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
      return _resfri_register_row_error (imp, error, _("the file is empty (a header row is needed)"));
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
            return _resfri_register_row_error (imp, error, _("column “%s” appears twice in the header"),
                              columns[c].name);
          imp->map[c] = f;
        }
    }

  for (guint c = 0; c < imp->n_columns; c++)
    if (columns[c].required && imp->map[c] < 0)
      return _resfri_register_row_error (imp, error, _("missing column “%s”"), columns[c].name);

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
        return _resfri_register_row_error (imp, error, _("%u fields, but the header has %u"), n_fields, n_header);

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
              return _resfri_register_row_error (imp, error, _("column “%s”: a value is needed"),
                                imp->info->columns[c].name);
            }

          /* No register value is more than one line: a line break or a
           * tab inside quotes is a mistake in the file. */
          for (const char *p = imp->values[c]; *p; p++)
            if ((guchar) *p < 0x20 || *p == 0x7f)
              {
                clear_values (imp);
                return _resfri_register_row_error (imp, error,
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
/* One file in the caller's transaction, with its row of the audit log. */
static gboolean
import_audited (ResfriStore          *store,
                ResfriRegister        kind,
                const char           *filename,
                const char           *data,
                gsize                 length,
                ResfriRegisterStats  *stats,
                GError              **error)
{
  g_autofree char *base = NULL;
  g_autofree char *detail = NULL;

  if (!_resfri_register_import_in_transaction (store, kind, filename, data, length, stats, error))
    return FALSE;

  /* The audit log names the file by its basename and counts the rows; an
   * import that changed nothing writes nothing, not even there. */
  base = g_path_get_basename (filename != NULL ? filename : "-");
  detail = g_strdup_printf ("register=%s rows=%u inserted=%u updated=%u", registers[kind].name,
                            stats->rows, stats->inserted, stats->updated);
  return stats->inserted + stats->updated == 0 ||
         _resfri_audit_record (store, "import-register", "file", base, detail, error);
}

gboolean
resfri_register_import_data (ResfriStore          *store,
                             ResfriRegister        kind,
                             const char           *filename,
                             const char           *data,
                             gsize                 length,
                             ResfriRegisterStats  *stats,
                             GError              **error)
{
  ResfriRegisterStats done = { 0 };

  g_return_val_if_fail (RESFRI_IS_STORE (store), FALSE);
  g_return_val_if_fail (kind < RESFRI_N_REGISTERS, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!_resfri_store_begin (store, error))
    return FALSE;

  if (!import_audited (store, kind, filename, data, length, &done, error))
    {
      _resfri_store_rollback (store);
      return FALSE;
    }
  if (!_resfri_store_commit (store, error))
    return FALSE;

  if (stats != NULL)
    *stats = done;
  return TRUE;
}

/**
 * resfri_register_import_files:
 * @kinds: (array length=n_files): the register of each file
 * @files: (array length=n_files): CSV files of spec/cli.md
 * @stats: (array length=n_files) (optional): what each file did
 *
 * Imports several registers' files in one transaction, in the order given
 * (sites before the people and rooms at them): all of them or, with @error
 * set ("FILE:LINE: what" as resfri_register_import_file() says it),
 * nothing. For the window's Import Registers.
 */
gboolean
resfri_register_import_files (ResfriStore           *store,
                              const ResfriRegister  *kinds,
                              GFile                **files,
                              guint                  n_files,
                              ResfriRegisterStats   *stats,
                              GCancellable          *cancellable,
                              GError               **error)
{
  g_return_val_if_fail (RESFRI_IS_STORE (store), FALSE);

  if (!_resfri_store_begin (store, error))
    return FALSE;

  for (guint i = 0; i < n_files; i++)
    {
      g_autofree char *contents = NULL;
      g_autofree char *name = g_file_get_parse_name (files[i]);
      ResfriRegisterStats done = { 0 };
      gsize length = 0;

      if (!resfri_input_load_file (files[i], name, &contents, &length, cancellable, error) ||
          g_cancellable_set_error_if_cancelled (cancellable, error) ||
          !import_audited (store, kinds[i], name, contents, length, &done, error))
        {
          _resfri_store_rollback (store);
          return FALSE;
        }
      if (stats != NULL)
        stats[i] = done;
    }

  return _resfri_store_commit (store, error);
}

typedef struct
{
  guint           n_files;
  ResfriRegister *kinds;
  GFile         **files;
} ImportFilesData;

static void
import_files_data_free (gpointer data)
{
  ImportFilesData *d = data;

  for (guint i = 0; i < d->n_files; i++)
    g_object_unref (d->files[i]);
  g_free (d->files);
  g_free (d->kinds);
  g_free (d);
}

static void
import_files_worker (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  ImportFilesData *data = task_data;
  g_autoptr(ResfriStore) worker = NULL;
  g_autofree ResfriRegisterStats *stats = g_new0 (ResfriRegisterStats, MAX (data->n_files, 1));
  GError *error = NULL;

  if (!(worker = resfri_store_open (resfri_store_get_path (source_object), &error)) ||
      !resfri_register_import_files (worker, data->kinds, data->files, data->n_files, stats,
                                     cancellable, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  g_task_return_pointer (task, g_steal_pointer (&stats), g_free);
}

void
resfri_register_import_files_async (ResfriStore           *store,
                                    const ResfriRegister  *kinds,
                                    GFile                **files,
                                    guint                  n_files,
                                    GCancellable          *cancellable,
                                    GAsyncReadyCallback    callback,
                                    gpointer               user_data)
{
  g_autoptr(GTask) task = NULL;
  ImportFilesData *data;

  g_return_if_fail (RESFRI_IS_STORE (store));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  data = g_new0 (ImportFilesData, 1);
  data->n_files = n_files;
  data->kinds = g_memdup2 (kinds, sizeof *kinds * n_files);
  data->files = g_new0 (GFile *, MAX (n_files, 1));
  for (guint i = 0; i < n_files; i++)
    data->files[i] = g_object_ref (files[i]);

  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, resfri_register_import_files_async);
  g_task_set_task_data (task, data, import_files_data_free);
  g_task_run_in_thread (task, import_files_worker);
}

/* @stats: (array) (optional): what each file did, as many as were given */
gboolean
resfri_register_import_files_finish (ResfriStore          *store,
                                     GAsyncResult         *result,
                                     ResfriRegisterStats  *stats,
                                     GError              **error)
{
  ImportFilesData *data;
  g_autofree ResfriRegisterStats *result_stats = NULL;

  g_return_val_if_fail (g_task_is_valid (result, store), FALSE);

  data = g_task_get_task_data (G_TASK (result));
  if (!(result_stats = g_task_propagate_pointer (G_TASK (result), error)))
    return FALSE;

  if (stats != NULL)
    memcpy (stats, result_stats, sizeof *stats * data->n_files);
  return TRUE;
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

static gboolean
append_csv_row (const ListValue *values,
                const Column    *columns,
                gpointer         user_data)
{
  GString *out = user_data;
  g_autoptr(GString) value = g_string_new (NULL);

  for (int c = 0; columns[c].name != NULL; c++)
    {
      if (c > 0)
        g_string_append_c (out, ',');

      if (values[c].null)
        continue;

      g_string_truncate (value, 0);
      switch (columns[c].type)
        {
        case TYPE_REAL:
          append_real (value, values[c].real);
          break;

        case TYPE_INT:
          g_string_append_printf (value, "%" G_GINT64_FORMAT, values[c].integer);
          break;

        case TYPE_BOOL:
          g_string_append (value, values[c].integer != 0 ? "yes" : "no");
          break;

        case TYPE_TEXT:
        case TYPE_LIST:
        default:
          g_string_append (value, values[c].text);
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

  if (!_resfri_register_list_rows (store, kind, registers[kind].columns, append_csv_row, out, error))
    return NULL;

  if (length != NULL)
    *length = out->len;

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static gboolean
add_json_row (const ListValue *values,
              const Column    *columns,
              gpointer         user_data)
{
  JsonBuilder *builder = user_data;

  json_builder_begin_object (builder);

  for (int c = 0; columns[c].name != NULL; c++)
    {
      const char *text = values[c].text;

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

      if (values[c].null || values[c].empty)
        {
          json_builder_add_null_value (builder);
          continue;
        }

      switch (columns[c].type)
        {
        case TYPE_REAL:
          json_builder_add_double_value (builder, values[c].real);
          break;

        case TYPE_INT:
          json_builder_add_int_value (builder, values[c].integer);
          break;

        case TYPE_BOOL:
          json_builder_add_boolean_value (builder, values[c].integer != 0);
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
  if (!_resfri_register_list_rows (store, kind, registers[kind].columns, add_json_row, builder, error))
    return NULL;
  json_builder_end_array (builder);

  return json_builder_get_root (builder);
}

/* fuzz-ical-import.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The calendar import and export: whatever the bytes, resfri_store_import_ical()
 * stores them or refuses them with "FILE:LINE: what"; the streaming path and
 * the whole-document path agree (the same error, the same occurrences);
 * with RESFRI_IMPORT_SKIP_INVALID the two paths store the same, each event
 * left out has a line and a one-line message, and a file that imports
 * whole leaves nothing out; and what imported exports to a calendar that
 * imports again. One store in a
 * temporary folder, emptied after every input.
 */

#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gstdio.h>

#include "resfri-core.h"
#include "resfri-store-private.h"

static ResfriStore *store;
static char *store_dir;

static void
remove_store (void)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_clear_object (&store);
  if (store_dir == NULL || !(dir = g_dir_open (store_dir, 0, NULL)))
    return;

  while ((name = g_dir_read_name (dir)))
    {
      g_autofree char *path = g_build_filename (store_dir, name, NULL);
      g_remove (path);
    }
  g_rmdir (store_dir);
}

static void
open_store (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  if (!(store_dir = g_dir_make_tmp ("resfri-fuzz-ical-import-XXXXXX", &error)))
    g_error ("%s", error->message);
  path = g_build_filename (store_dir, "fuzz.db", NULL);
  if (!(store = resfri_store_open (path, &error)))
    g_error ("%s", error->message);
  if (!_resfri_store_exec (store, "PRAGMA synchronous = OFF", &error))
    g_error ("%s", error->message);

  atexit (remove_store);
}

static void
empty_store (void)
{
  g_autoptr(GError) error = NULL;

  if (!_resfri_store_exec (store, "DELETE FROM meetings; DELETE FROM timezones;", &error))
    g_error ("%s", error->message);
}

static char *
dump_occurrences (void)
{
  GString *out = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (_resfri_store_get_db (store),
                          "SELECT uid, recurrence_id, start, end, cancelled FROM occurrences"
                          " ORDER BY uid, recurrence_id", -1, &stmt, NULL) != SQLITE_OK)
    abort ();
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (out, "%s|%s|%lld|%lld|%d\n",
                            (const char *) sqlite3_column_text (stmt, 0),
                            (const char *) sqlite3_column_text (stmt, 1),
                            (long long) sqlite3_column_int64 (stmt, 2),
                            (long long) sqlite3_column_int64 (stmt, 3),
                            sqlite3_column_int (stmt, 4));
  sqlite3_finalize (stmt);

  return g_string_free (out, FALSE);
}

/* Imports @data; returns the error message (NULL on success) and, on
 * success, the occurrences stored in @dump. */
static char *
import (const char  *data,
        gsize        size,
        gboolean     streaming,
        char       **dump)
{
  g_autoptr(GError) error = NULL;

  _resfri_importer_set_streaming (streaming);
  if (!resfri_store_import_ical (store, data, size, "fuzz.ics", NULL, &error))
    {
      if (!g_str_has_prefix (error->message, "fuzz.ics:") || strchr (error->message, '\n') != NULL)
        {
          g_printerr ("not a FILE:LINE error: %s\n", error->message);
          abort ();
        }
      *dump = NULL;
      return g_strdup (error->message);
    }

  *dump = dump_occurrences ();
  return NULL;
}

/* Imports @data with RESFRI_IMPORT_SKIP_INVALID; as import(), and
 * @n_skipped gets how many events were left out. */
static char *
import_skipping (const char  *data,
                 gsize        size,
                 gboolean     streaming,
                 char       **dump,
                 guint       *n_skipped)
{
  g_autoptr(GPtrArray) skipped = g_ptr_array_new_with_free_func ((GDestroyNotify) resfri_import_skip_free);
  g_autoptr(GError) error = NULL;

  _resfri_importer_set_streaming (streaming);
  *n_skipped = 0;
  if (!resfri_store_import_ical_full (store, data, size, "fuzz.ics", RESFRI_IMPORT_SKIP_INVALID,
                                      NULL, skipped, &error))
    {
      if (!g_str_has_prefix (error->message, "fuzz.ics:") || strchr (error->message, '\n') != NULL ||
          skipped->len != 0)
        {
          g_printerr ("not a FILE:LINE error, or events left out of a refused file: %s\n", error->message);
          abort ();
        }
      *dump = NULL;
      return g_strdup (error->message);
    }

  for (guint i = 0; i < skipped->len; i++)
    {
      const ResfriImportSkip *skip = g_ptr_array_index (skipped, i);

      if (skip->line == 0 || skip->message == NULL || strchr (skip->message, '\n') != NULL)
        {
          g_printerr ("an event left out without a line or with a broken message\n");
          abort ();
        }
    }

  *n_skipped = skipped->len;
  *dump = dump_occurrences ();
  return NULL;
}

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *copy = NULL;
  g_autofree char *whole_error = NULL;
  g_autofree char *whole_dump = NULL;
  g_autofree char *stream_error = NULL;
  g_autofree char *stream_dump = NULL;

  /* Bigger inputs only make the fuzzer slower, not wiser. */
  if (size > 64 * 1024)
    return 0;

  if (store == NULL)
    open_store ();

  /* Exactly sized, without a NUL (at least one byte, for malloc). */
  copy = g_malloc (MAX (size, 1));
  memcpy (copy, data, size);

  whole_error = import (copy, size, FALSE, &whole_dump);
  empty_store ();
  stream_error = import (copy, size, TRUE, &stream_dump);

  if (g_strcmp0 (whole_error, stream_error) != 0 || g_strcmp0 (whole_dump, stream_dump) != 0)
    {
      g_printerr ("the streaming import differs:\n%s\n%s\n---\n%s\n%s\n",
                  whole_error ? whole_error : "(ok)", whole_dump ? whole_dump : "",
                  stream_error ? stream_error : "(ok)", stream_dump ? stream_dump : "");
      abort ();
    }

  /* Leaving bad events out: both paths alike, and nothing left out of a
   * file that imports whole. */
  {
    g_autofree char *skip_whole_error = NULL;
    g_autofree char *skip_whole_dump = NULL;
    g_autofree char *skip_stream_error = NULL;
    g_autofree char *skip_stream_dump = NULL;
    guint n_whole = 0, n_stream = 0;

    empty_store ();
    skip_whole_error = import_skipping (copy, size, FALSE, &skip_whole_dump, &n_whole);
    empty_store ();
    skip_stream_error = import_skipping (copy, size, TRUE, &skip_stream_dump, &n_stream);

    if (g_strcmp0 (skip_whole_error, skip_stream_error) != 0 ||
        g_strcmp0 (skip_whole_dump, skip_stream_dump) != 0 || n_whole != n_stream ||
        (stream_error == NULL && (n_stream != 0 || g_strcmp0 (skip_stream_dump, stream_dump) != 0)))
      {
        g_printerr ("the import leaving bad events out differs:\n%s\n%s\n---\n%s\n%s\n",
                    skip_whole_error ? skip_whole_error : "(ok)", skip_whole_dump ? skip_whole_dump : "",
                    skip_stream_error ? skip_stream_error : "(ok)", skip_stream_dump ? skip_stream_dump : "");
        abort ();
      }
  }

  if (stream_error == NULL)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *text = NULL;
      gsize length = 0;

      text = resfri_store_export_ical (store, G_MININT64, G_MAXINT64, &length, NULL, &error);
      if (text == NULL)
        {
          g_printerr ("export failed: %s\n", error->message);
          abort ();
        }
      empty_store ();
      if (!resfri_store_import_ical (store, text, length, "export.ics", NULL, &error))
        {
          g_printerr ("the export does not import: %s\n%s\n", error->message, text);
          abort ();
        }
    }

  empty_store ();
  return 0;
}

/* resfri-input.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include <sys/stat.h>

#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "resfri-error.h"
#include "resfri-input.h"

#define CHUNK 65536

/**
 * resfri_input_get_max_bytes:
 *
 * Returns: the largest input file read, %RESFRI_INPUT_MAX_BYTES unless
 *   $RESFRI_MAX_INPUT_BYTES (a number of bytes, for tests) says otherwise
 */
guint64
resfri_input_get_max_bytes (void)
{
  const char *env = g_getenv ("RESFRI_MAX_INPUT_BYTES");
  guint64 value;

  if (env != NULL && g_ascii_string_to_unsigned (env, 10, 1, G_MAXSIZE - 1, &value, NULL))
    return value;

  return RESFRI_INPUT_MAX_BYTES;
}

static void
set_too_large (GError     **error,
               const char  *name,
               guint64      max)
{
  g_autofree char *limit = g_format_size_full (max, G_FORMAT_SIZE_IEC_UNITS);

  /* TRANSLATORS: FILE: the limit, as "256.0 MiB". */
  g_set_error (error, RESFRI_ERROR, RESFRI_ERROR_INVALID_INPUT,
               _("%s: the file is larger than %s, the most Resfri reads at once; "
                 "split it into smaller files"), name, limit);
}

static void
set_read_error (GError     **error,
                const char  *name,
                int          saved_errno)
{
  g_set_error (error, RESFRI_ERROR, RESFRI_ERROR_INVALID_INPUT,
               _("%s: cannot read the file: %s"), name, g_strerror (saved_errno));
}

/* Reads @fd to its end, refusing more than @max bytes. */
static gboolean
read_fd (int          fd,
         const char  *name,
         guint64      max,
         char       **contents,
         gsize       *length,
         GError     **error)
{
  g_autoptr(GString) data = g_string_new (NULL);

  for (;;)
    {
      gsize old_len = data->len;
      gssize n;

      g_string_set_size (data, old_len + CHUNK);
      n = read (fd, data->str + old_len, CHUNK);
      if (n < 0)
        {
          int saved_errno = errno;

          g_string_set_size (data, old_len);
          if (saved_errno == EINTR)
            continue;
          set_read_error (error, name, saved_errno);
          return FALSE;
        }
      g_string_set_size (data, old_len + n);
      if (n == 0)
        break;
      if (data->len > max)
        {
          set_too_large (error, name, max);
          return FALSE;
        }
    }

  *length = data->len;
  *contents = g_string_free (g_steal_pointer (&data), FALSE);
  return TRUE;
}

/**
 * resfri_input_read_path:
 * @path: a file, or "-" for standard input
 * @contents: (out): the bytes read, NUL-terminated
 * @length: (out): their number
 *
 * Reads @path whole; a regular file larger than
 * resfri_input_get_max_bytes() is refused before anything is read, and any
 * input is cut off there. Errors are RESFRI_ERROR_INVALID_INPUT, "PATH: what".
 */
gboolean
resfri_input_read_path (const char  *path,
                        char       **contents,
                        gsize       *length,
                        GError     **error)
{
  guint64 max = resfri_input_get_max_bytes ();
  struct stat st;
  gboolean ok;
  int fd;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (contents != NULL && length != NULL, FALSE);

  if (strcmp (path, "-") == 0)
    return read_fd (STDIN_FILENO, "-", max, contents, length, error);

  fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0)
    {
      set_read_error (error, path, errno);
      return FALSE;
    }

  if (fstat (fd, &st) != 0)
    {
      set_read_error (error, path, errno);
      close (fd);
      return FALSE;
    }

  if (S_ISDIR (st.st_mode))
    {
      set_read_error (error, path, EISDIR);
      close (fd);
      return FALSE;
    }

  if (S_ISREG (st.st_mode) && (guint64) st.st_size > max)
    {
      set_too_large (error, path, max);
      close (fd);
      return FALSE;
    }

  ok = read_fd (fd, path, max, contents, length, error);
  close (fd);
  return ok;
}

/**
 * resfri_input_load_file:
 * @name: the file's name in messages
 *
 * As resfri_input_read_path() for a #GFile (any GIO location).
 */
gboolean
resfri_input_load_file (GFile         *file,
                        const char    *name,
                        char         **contents,
                        gsize         *length,
                        GCancellable  *cancellable,
                        GError       **error)
{
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GString) data = NULL;
  g_autoptr(GError) local_error = NULL;
  guint64 max = resfri_input_get_max_bytes ();

  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                            G_FILE_QUERY_INFO_NONE, cancellable, NULL);
  if (info != NULL && g_file_info_get_file_type (info) == G_FILE_TYPE_REGULAR &&
      (guint64) g_file_info_get_size (info) > max)
    {
      set_too_large (error, name, max);
      return FALSE;
    }

  if (!(stream = g_file_read (file, cancellable, &local_error)))
    goto failed;

  data = g_string_new (NULL);
  for (;;)
    {
      gsize old_len = data->len;
      gsize n = 0;

      g_string_set_size (data, old_len + CHUNK);
      if (!g_input_stream_read_all (G_INPUT_STREAM (stream), data->str + old_len, CHUNK, &n,
                                    cancellable, &local_error))
        goto failed;
      g_string_set_size (data, old_len + n);
      if (data->len > max)
        {
          set_too_large (error, name, max);
          return FALSE;
        }
      if (n < CHUNK)
        break;
    }

  *length = data->len;
  *contents = g_string_free (g_steal_pointer (&data), FALSE);
  return TRUE;

failed:
  if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_propagate_error (error, g_steal_pointer (&local_error));
  else
    g_set_error (error, RESFRI_ERROR, RESFRI_ERROR_INVALID_INPUT,
                 _("%s: cannot read the file: %s"), name, local_error->message);
  return FALSE;
}

/* resfri-importer-check.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The importer's first look at a file's text: UTF-8 without control
 * characters but the tab, or an error that names the file and line; for
 * a large file on a thread of its own while the importer splits it.
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "resfri-error.h"
#include "resfri-importer-private.h"

/* RFC 5545 allows no control character in a value but the tab, and the
 * store holds UTF-8 text: a file with either is refused ("FILE:LINE: what")
 * rather than stored cut short at a NUL or with a summary libical dropped. */
gboolean
_resfri_importer_check_text (const char  *data,
                             gsize        length,
                             const char  *filename,
                             GError     **error)
{
  const char *end = NULL;
  guint line = 1;
  gsize bad;
  gsize i;

  if (g_utf8_validate_len (data, length, &end))
    bad = length;
  else
    bad = end - data;

  /* The lines are counted only for an error. */
  for (i = 0; i < bad; i++)
    {
      guchar c = data[i];

      if (G_UNLIKELY (c < 0x20 || c == 0x7f) && c != '\n' && c != '\t' && c != '\r')
        break;
    }
  if (i == length)
    return TRUE;
  for (const char *p = data; (p = memchr (p, '\n', data + i - p)) != NULL; p++)
    line++;

  if (i < bad)
    {
      g_set_error (error, RESFRI_ERROR, RESFRI_ERROR_INVALID_ICAL,
                   /* TRANSLATORS: FILE:LINE: the character, as U+001B */
                   _("%s:%u: a control character (U+%04X) in the text; a calendar holds "
                     "none but the tab"),
                   filename, line, (guint) (guchar) data[i]);
      return FALSE;
    }

  if (data[bad] == '\0')
    g_set_error (error, RESFRI_ERROR, RESFRI_ERROR_INVALID_ICAL,
                 _("%s:%u: the file contains a NUL byte (is it really a calendar file?)"),
                 filename, line);
  else
    g_set_error (error, RESFRI_ERROR, RESFRI_ERROR_INVALID_ICAL, "%s:%u: %s", filename, line,
                 _("invalid UTF-8 (save the file as UTF-8)"));
  return FALSE;
}

/* A check on a thread of its own. */
struct _ResfriTextCheck
{
  const char *data;
  gsize       length;
  const char *filename;
  GError     *error;
  gboolean    ok;
  GThread    *thread;
};

static gpointer
check_text_thread (gpointer user_data)
{
  ResfriTextCheck *check = user_data;

  check->ok = _resfri_importer_check_text (check->data, check->length, check->filename, &check->error);
  return NULL;
}

ResfriTextCheck *
_resfri_importer_check_text_begin (const char *data,
                                   gsize       length,
                                   const char *filename)
{
  ResfriTextCheck *check = g_new0 (ResfriTextCheck, 1);

  check->data = data;
  check->length = length;
  check->filename = filename;
  check->thread = g_thread_new ("resfri-import-check", check_text_thread, check);
  return check;
}

gboolean
_resfri_importer_check_text_end (ResfriTextCheck  *check,
                                 GError          **error)
{
  gboolean ok;

  g_thread_join (check->thread);
  ok = check->ok;
  if (!ok)
    g_propagate_error (error, check->error);
  g_free (check);
  return ok;
}

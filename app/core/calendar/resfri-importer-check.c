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

/* Eight bytes at a time: TRUE when every byte of @w is printable ASCII
 * (0x20..0x7e). Each test is exact for the word as a whole: a byte with
 * its high bit set, one below 0x20, one that is 0x7f. */
#define ONES G_GUINT64_CONSTANT (0x0101010101010101)
#define HIGHS G_GUINT64_CONSTANT (0x8080808080808080)

static inline gboolean
word_is_printable (guint64 w)
{
  guint64 del = w ^ (0x7f * ONES);

  return ((w | ((w - 0x20 * ONES) & ~w) | ((del - ONES) & ~del)) & HIGHS) == 0;
}

static inline gboolean
byte_is_text (guchar c)
{
  return (c >= 0x20 && c < 0x7f) || c == '\n' || c == '\t' || c == '\r';
}

/* From @i, the offset of the first byte of @data that is not printable
 * ASCII, a tab, CR or LF; @length when there is none. */
static gsize
skip_ascii_text (const char *data,
                 gsize       i,
                 gsize       length)
{
  while (i + 8 <= length)
    {
      guint64 w;
      gsize stop;

      memcpy (&w, data + i, sizeof w);
      if (G_LIKELY (word_is_printable (w)))
        {
          i += 8;
          continue;
        }
      /* A line's end, or a byte that is not ASCII, among these eight. */
      for (stop = i + 8; i < stop; i++)
        if (!byte_is_text (data[i]))
          return i;
    }
  for (; i < length; i++)
    if (!byte_is_text (data[i]))
      return i;

  return length;
}

/* RFC 5545 allows no control character in a value but the tab, and the
 * store holds UTF-8 text: a file with either is refused ("FILE:LINE: what")
 * rather than stored cut short at a NUL or with a summary libical dropped.
 * One pass: ASCII text eight bytes at a time, each run of bytes above 0x7f
 * validated as UTF-8 on its own (a character's bytes are all above 0x7f,
 * so a run is valid exactly when the whole text is valid there); the
 * first fault in the text is the one reported. */
gboolean
_resfri_importer_check_text (const char  *data,
                             gsize        length,
                             const char  *filename,
                             GError     **error)
{
  const char *end = NULL;
  guint line = 1;
  gsize i = 0;
  guchar c;

  for (;;)
    {
      gsize run;

      i = skip_ascii_text (data, i, length);
      if (i == length)
        return TRUE;
      if ((guchar) data[i] < 0x80)
        break;
      for (run = i; run < length && (guchar) data[run] >= 0x80; run++)
        ;
      if (!g_utf8_validate_len (data + i, run - i, &end))
        {
          i = end - data;
          break;
        }
      i = run;
    }

  /* The lines are counted only for an error. */
  for (const char *p = data; (p = memchr (p, '\n', data + i - p)) != NULL; p++)
    line++;

  c = data[i];
  if (c == '\0')
    g_set_error (error, RESFRI_ERROR, RESFRI_ERROR_INVALID_ICAL,
                 _("%s:%u: the file contains a NUL byte (is it really a calendar file?)"),
                 filename, line);
  else if (c < 0x80)
    g_set_error (error, RESFRI_ERROR, RESFRI_ERROR_INVALID_ICAL,
                 /* TRANSLATORS: FILE:LINE: the character, as U+001B */
                 _("%s:%u: a control character (U+%04X) in the text; a calendar holds "
                   "none but the tab"),
                 filename, line, (guint) c);
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

/* resfri-csv.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * RFC 4180 with the tolerances real exports need: LF as well as CRLF (and a
 * lone CR), a last record without a line break, a UTF-8 byte order mark,
 * blank lines, and spaces around a quoted field. Everything else that the
 * RFC does not allow is refused with the line it is on, because a silently
 * misread register is worse than a refused one.
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "resfri-csv.h"
#include "resfri-error.h"

struct _ResfriCsvReader
{
  char       *filename;
  const char *data;         /* borrowed */
  gsize       length;
  gsize       pos;
  guint       line;         /* physical line of data[pos], from 1 */
  guint       record_line;  /* physical line the current record starts on */
  GString    *buffer;       /* the current record's fields, NUL-separated */
  GArray     *offsets;      /* gsize: where each field starts in buffer */
  GPtrArray  *fields;       /* pointers into buffer, NULL-terminated */
  guint       validated : 1;
  guint       done : 1;
};

static inline gboolean
is_blank (char c)
{
  return c == ' ' || c == '\t';
}

/* The physical line of @offset: LF, CRLF and a lone CR each end a line. */
static guint
line_of_offset (const char *data,
                gsize       offset)
{
  guint line = 1;

  for (gsize i = 0; i < offset; i++)
    {
      if (data[i] == '\n')
        line++;
      else if (data[i] == '\r' && (i + 1 >= offset || data[i + 1] != '\n'))
        line++;
    }

  return line;
}

/* Steps over the line break at pos (CRLF, LF or CR). */
static void
skip_line_break (ResfriCsvReader *self)
{
  g_assert (self->pos < self->length);
  g_assert (self->data[self->pos] == '\r' || self->data[self->pos] == '\n');

  if (self->data[self->pos] == '\r' && self->pos + 1 < self->length &&
      self->data[self->pos + 1] == '\n')
    self->pos += 2;
  else
    self->pos += 1;

  self->line++;
}

static gboolean
fail (ResfriCsvReader  *self,
      guint             line,
      GError          **error,
      const char       *message)
{
  self->done = TRUE;
  g_ptr_array_set_size (self->fields, 0);
  g_ptr_array_add (self->fields, NULL);
  g_set_error (error, RESFRI_ERROR, RESFRI_ERROR_INVALID_INPUT,
               "%s:%u: %s", self->filename, line, message);
  return FALSE;
}

static gboolean
validate (ResfriCsvReader  *self,
          GError          **error)
{
  const char *end = NULL;

  self->validated = TRUE;

  if (g_utf8_validate_len (self->data, self->length, &end))
    return TRUE;

  if (*end == '\0')
    return fail (self, line_of_offset (self->data, end - self->data), error,
                 _("the file contains a NUL byte (is it really a CSV file?)"));

  return fail (self, line_of_offset (self->data, end - self->data), error,
               _("invalid UTF-8 (save the file as UTF-8)"));
}

/* Reads a quoted field; pos is just after the opening quote. */
static gboolean
read_quoted (ResfriCsvReader  *self,
             GError          **error)
{
  guint opening_line = self->line;

  for (;;)
    {
      gsize start = self->pos;
      char c = '\0';

      while (self->pos < self->length)
        {
          c = self->data[self->pos];
          if (c == '"' || c == '\r' || c == '\n')
            break;
          self->pos++;
        }
      g_string_append_len (self->buffer, self->data + start, self->pos - start);

      if (self->pos >= self->length)
        {
          g_autofree char *message =
            g_strdup_printf (_("the quoted field that starts on line %u never ends "
                               "(a quote is missing)"), opening_line);
          return fail (self, opening_line, error, message);
        }

      if (c == '"')
        {
          if (self->pos + 1 < self->length && self->data[self->pos + 1] == '"')
            {
              g_string_append_c (self->buffer, '"');
              self->pos += 2;
              continue;
            }
          self->pos++;
          break;
        }

      /* A line break inside the quotes is part of the value, kept as is. */
      start = self->pos;
      skip_line_break (self);
      g_string_append_len (self->buffer, self->data + start, self->pos - start);
    }

  while (self->pos < self->length && is_blank (self->data[self->pos]))
    self->pos++;

  if (self->pos < self->length)
    {
      char c = self->data[self->pos];

      if (c != ',' && c != '\r' && c != '\n')
        return fail (self, self->line, error,
                     _("text after the closing quote of a field (write a quote "
                       "inside a quoted field as two quotes)"));
    }

  return TRUE;
}

static gboolean
read_unquoted (ResfriCsvReader  *self,
               GError          **error)
{
  gsize start = self->pos;

  while (self->pos < self->length)
    {
      char c = self->data[self->pos];

      if (c == ',' || c == '\r' || c == '\n')
        break;
      if (c == '"')
        return fail (self, self->line, error,
                     _("a quote inside an unquoted field (quote the whole field "
                       "and write the quote as two quotes)"));
      self->pos++;
    }

  g_string_append_len (self->buffer, self->data + start, self->pos - start);
  return TRUE;
}

static gboolean
read_record (ResfriCsvReader  *self,
             GError          **error)
{
  g_string_truncate (self->buffer, 0);
  g_array_set_size (self->offsets, 0);
  g_ptr_array_set_size (self->fields, 0);

  for (;;)
    {
      gsize offset = self->buffer->len;
      gsize ahead = self->pos;

      g_array_append_val (self->offsets, offset);

      /* Spaces before an opening quote are not part of the field. */
      while (ahead < self->length && is_blank (self->data[ahead]))
        ahead++;

      if (ahead < self->length && self->data[ahead] == '"')
        {
          self->pos = ahead + 1;
          if (!read_quoted (self, error))
            return FALSE;
        }
      else if (!read_unquoted (self, error))
        return FALSE;

      g_string_append_c (self->buffer, '\0');

      if (self->pos >= self->length)
        break;

      if (self->data[self->pos] == ',')
        {
          self->pos++;
          continue;
        }

      skip_line_break (self);
      break;
    }

  for (guint i = 0; i < self->offsets->len; i++)
    g_ptr_array_add (self->fields, self->buffer->str + g_array_index (self->offsets, gsize, i));
  g_ptr_array_add (self->fields, NULL);

  return TRUE;
}

/**
 * resfri_csv_reader_new:
 * @filename: the name to put in front of error messages
 * @data: the CSV text; borrowed, it must outlive the reader
 * @length: its length in bytes (@data need not end in a NUL)
 *
 * Returns: (transfer full): a reader positioned before the first record
 */
ResfriCsvReader *
resfri_csv_reader_new (const char *filename,
                       const char *data,
                       gsize       length)
{
  ResfriCsvReader *self;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  self = g_new0 (ResfriCsvReader, 1);
  self->filename = g_strdup (filename ? filename : "-");
  self->data = data ? data : "";
  self->length = length;
  self->line = 1;
  self->buffer = g_string_sized_new (256);
  self->offsets = g_array_new (FALSE, FALSE, sizeof (gsize));
  self->fields = g_ptr_array_new ();
  g_ptr_array_add (self->fields, NULL);

  /* A byte order mark is not part of the first field. */
  if (length >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    self->pos = 3;

  return self;
}

void
resfri_csv_reader_free (ResfriCsvReader *self)
{
  if (self == NULL)
    return;

  g_free (self->filename);
  g_string_free (self->buffer, TRUE);
  g_array_unref (self->offsets);
  g_ptr_array_unref (self->fields);
  g_free (self);
}

/**
 * resfri_csv_reader_next:
 * @self: a reader
 * @error: set (RESFRI_ERROR_INVALID_INPUT, "FILE:LINE: what") on bad input
 *
 * Reads the next record, skipping blank lines (empty or only spaces and
 * tabs). The whole input is checked to be UTF-8 before the first record.
 *
 * Returns: %TRUE when a record was read; %FALSE at the end of the input or
 *   on an error (then @error is set, and later calls return %FALSE)
 */
gboolean
resfri_csv_reader_next (ResfriCsvReader  *self,
                        GError          **error)
{
  g_return_val_if_fail (self != NULL, FALSE);

  if (self->done)
    return FALSE;

  if (!self->validated && !validate (self, error))
    return FALSE;

  for (;;)
    {
      gsize ahead = self->pos;

      while (ahead < self->length && is_blank (self->data[ahead]))
        ahead++;

      if (ahead >= self->length)
        {
          self->pos = self->length;
          self->done = TRUE;
          g_ptr_array_set_size (self->fields, 0);
          g_ptr_array_add (self->fields, NULL);
          return FALSE;
        }

      if (self->data[ahead] == '\r' || self->data[ahead] == '\n')
        {
          self->pos = ahead;
          skip_line_break (self);
          continue;
        }

      break;
    }

  self->record_line = self->line;
  return read_record (self, error);
}

guint
resfri_csv_reader_get_n_fields (ResfriCsvReader *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->fields->len - 1;
}

/* Returns: (nullable): the field, or %NULL past the record's last field */
const char *
resfri_csv_reader_get_field (ResfriCsvReader *self,
                             guint            index)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (index + 1 >= self->fields->len)
    return NULL;

  return g_ptr_array_index (self->fields, index);
}

/* Returns: (array zero-terminated=1): the current record's fields, valid
 * until the next call to resfri_csv_reader_next() */
const char * const *
resfri_csv_reader_get_fields (ResfriCsvReader *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return (const char * const *) self->fields->pdata;
}

/* The physical line (from 1) the current record starts on. */
guint
resfri_csv_reader_get_line (ResfriCsvReader *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->record_line;
}

const char *
resfri_csv_reader_get_filename (ResfriCsvReader *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->filename;
}

/* Whether @value must be quoted: it holds a comma, a quote or a line break,
 * starts or ends with a space or tab (which readers may trim), or starts
 * with a byte order mark. */
gboolean
resfri_csv_field_needs_quotes (const char *value)
{
  gsize length;

  if (value == NULL || value[0] == '\0')
    return FALSE;

  if (strpbrk (value, ",\"\r\n") != NULL)
    return TRUE;

  /* A byte order mark at the start of a file would be taken for one. */
  if (g_str_has_prefix (value, "\xef\xbb\xbf"))
    return TRUE;

  length = strlen (value);
  return is_blank (value[0]) || is_blank (value[length - 1]);
}

/* Appends one field, quoted only when needed. %NULL is an empty field. */
void
resfri_csv_append_field (GString    *out,
                         const char *value)
{
  g_return_if_fail (out != NULL);

  if (value == NULL)
    return;

  if (!resfri_csv_field_needs_quotes (value))
    {
      g_string_append (out, value);
      return;
    }

  g_string_append_c (out, '"');
  for (const char *p = value; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

/* Appends a record and its CRLF line break (RFC 4180). A record of one
 * empty field is written as "" so that it does not read back as a blank
 * line. */
void
resfri_csv_append_record (GString            *out,
                          const char * const *values,
                          gsize               n_values)
{
  g_return_if_fail (out != NULL);
  g_return_if_fail (values != NULL || n_values == 0);

  if (n_values == 1 && (values[0] == NULL || values[0][0] == '\0'))
    g_string_append (out, "\"\"");
  else
    for (gsize i = 0; i < n_values; i++)
      {
        if (i > 0)
          g_string_append_c (out, ',');
        resfri_csv_append_field (out, values[i]);
      }

  g_string_append (out, "\r\n");
}

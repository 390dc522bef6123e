/* resfri-register-values.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The values of a register's row: numbers, counts, emails, choices and
 * keys seen twice, each refused with "FILE:LINE: column “x”: what".
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "resfri-register-import.h"

/* Errors */

gboolean
_resfri_register_row_error (Import      *imp,
           GError     **error,
           const char  *format,
           ...) G_GNUC_PRINTF (3, 4);

gboolean
_resfri_register_row_error (Import      *imp,
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
gboolean
_resfri_register_db_error (Import  *imp,
          GError **error)
{
  GError *local_error = NULL;

  _resfri_store_set_error (imp->store, &local_error, NULL);
  g_prefix_error (&local_error, "%s:%u: ", imp->filename, imp->line);
  g_propagate_error (error, local_error);
  return FALSE;
}

/* Values */

const char *
_resfri_register_column_name (Import *imp,
             guint   column)
{
  return imp->info->columns[column].name;
}

gboolean
_resfri_register_parse_real (Import  *imp,
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
  return _resfri_register_row_error (imp, error, _("column “%s”: “%s” is not a number"),
                    _resfri_register_column_name (imp, column), text);
}

gboolean
_resfri_register_parse_non_negative (Import  *imp,
                    guint    column,
                    double  *out,
                    GError **error)
{
  if (!_resfri_register_parse_real (imp, column, out, error))
    return FALSE;

  if (*out < 0)
    return _resfri_register_row_error (imp, error, _("column “%s”: “%s” must not be negative"),
                      _resfri_register_column_name (imp, column), imp->values[column]);

  return TRUE;
}

gboolean
_resfri_register_parse_in_range (Import  *imp,
                guint    column,
                double   limit,
                double  *out,
                GError **error)
{
  if (!_resfri_register_parse_real (imp, column, out, error))
    return FALSE;

  if (*out < -limit || *out > limit)
    return _resfri_register_row_error (imp, error, _("column “%s”: “%s” is out of range (-%g to %g)"),
                      _resfri_register_column_name (imp, column), imp->values[column], limit, limit);

  return TRUE;
}

gboolean
_resfri_register_parse_count (Import  *imp,
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
      if (_resfri_register_parse_real (imp, column, &real, error))
        return _resfri_register_row_error (imp, error, _("column “%s”: “%s” is not a whole number"),
                          _resfri_register_column_name (imp, column), text);
      return FALSE;
    }

  if (value < 0)
    return _resfri_register_row_error (imp, error, _("column “%s”: “%s” must not be negative"),
                      _resfri_register_column_name (imp, column), text);

  if (value > G_MAXINT32)
    return _resfri_register_row_error (imp, error, _("column “%s”: “%s” is too large"),
                      _resfri_register_column_name (imp, column), text);

  *out = value;
  return TRUE;
}

/* Loose on purpose: the address must only be usable as a key that
 * ATTENDEE mailto: values can match. */
gboolean
_resfri_register_check_email (Import  *imp,
             guint    column,
             GError **error)
{
  const char *text = imp->values[column];
  const char *at = strchr (text, '@');

  if (at == NULL || at == text || at[1] == '\0' || strchr (at + 1, '@') != NULL ||
      strpbrk (text, " \t\r\n,;<>\"") != NULL)
    return _resfri_register_row_error (imp, error, _("column “%s”: “%s” is not an email address"),
                      _resfri_register_column_name (imp, column), text);

  return TRUE;
}

/* Matches @text against @choices case-insensitively; returns the index. */
int
_resfri_register_parse_choice (const char         *text,
              const char * const *choices)
{
  for (int i = 0; choices[i] != NULL; i++)
    if (g_ascii_strcasecmp (text, choices[i]) == 0)
      return i;

  return -1;
}

/* Remembers @key as seen on this line; fails when an earlier row had it. */
gboolean
_resfri_register_check_duplicate (Import      *imp,
                 GHashTable  *seen,
                 const char  *key,
                 guint        column,
                 GError     **error)
{
  gpointer first = g_hash_table_lookup (seen, key);

  if (first != NULL)
    return _resfri_register_row_error (imp, error, _("column “%s”: “%s” appears twice (first on line %u)"),
                      _resfri_register_column_name (imp, column), imp->values[column],
                      GPOINTER_TO_UINT (first));

  g_hash_table_insert (seen, g_strdup (key), GUINT_TO_POINTER (imp->line));
  return TRUE;
}

/* resfri-json-stream.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * JSON strings and numbers written straight into a GString, as
 * json-glib's generator would write them (tests/test-json-stream.c holds
 * the two side by side), without building a JsonNode per value.
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "resfri-json-stream.h"

void
resfri_json_append_string (GString    *out,
                           const char *value)
{
  const char *run;
  const char *p;

  if (value == NULL)
    {
      g_string_append_len (out, "null", 4);
      return;
    }

  g_string_append_c (out, '"');
  /* Runs of bytes that need no escape are copied at once. json-glib
   * escapes '"', '\\', 0x01–0x1e and 0x7f (not 0x1f), byte by byte. */
  for (run = p = value; *p != '\0'; p++)
    {
      guchar c = (guchar) *p;
      const char *escape;
      char buffer[8];

      if (c >= 0x20 && c != '"' && c != '\\' && c != 0x7f)
        continue;
      if (c == 0x1f)
        continue;

      switch (c)
        {
        case '"':
          escape = "\\\"";
          break;
        case '\\':
          escape = "\\\\";
          break;
        case '\b':
          escape = "\\b";
          break;
        case '\f':
          escape = "\\f";
          break;
        case '\n':
          escape = "\\n";
          break;
        case '\r':
          escape = "\\r";
          break;
        case '\t':
          escape = "\\t";
          break;
        default:
          g_snprintf (buffer, sizeof buffer, "\\u00%02x", (guint) c);
          escape = buffer;
          break;
        }
      g_string_append_len (out, run, p - run);
      g_string_append (out, escape);
      run = p + 1;
    }
  g_string_append_len (out, run, p - run);
  g_string_append_c (out, '"');
}

/* @value as "%.15g" would write it when it is a whole number of
 * hundredths below 1e12 (then "%.15g" gives exactly that decimal, with
 * trailing zeros dropped), else FALSE. Most numbers written are. */
static gboolean
append_hundredths (GString *out,
                   double   value)
{
  gint64 n;
  guint64 whole;
  guint fraction;
  char buffer[32];
  char *p = buffer + sizeof buffer;

  if (!(value > -1e12 && value < 1e12) || (value == 0 && signbit (value)))
    return FALSE;
  n = llround (value * 100);
  if ((double) n / 100.0 != value)
    return FALSE;

  whole = (guint64) ABS (n) / 100;
  fraction = (guint) ((guint64) ABS (n) % 100);
  if (fraction == 0)
    {
      *--p = '0';
      *--p = '.';
    }
  else
    {
      if (fraction % 10 != 0)
        *--p = '0' + fraction % 10;
      *--p = '0' + fraction / 10;
      *--p = '.';
    }
  do
    *--p = '0' + whole % 10;
  while ((whole /= 10) != 0);
  if (n < 0)
    *--p = '-';
  g_string_append_len (out, p, buffer + sizeof buffer - p);

  return TRUE;
}

void
resfri_json_append_double (GString *out,
                           double   value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (append_hundredths (out, value))
    return;

  if (isfinite (value))
    {
      g_ascii_formatd (buffer, sizeof buffer, "%.15g", value);
      if (g_ascii_strtod (buffer, NULL) == value)
        {
          g_string_append (out, buffer);
          if (strpbrk (buffer, ".eEn") == NULL)
            g_string_append_len (out, ".0", 2);
          return;
        }
    }

  g_ascii_dtostr (buffer, sizeof buffer, value);
  g_string_append (out, buffer);
  if (strchr (buffer, '.') == NULL)
    g_string_append_len (out, ".0", 2);
}

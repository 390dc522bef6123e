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

/* Whether json-glib escapes byte c: '"', '\\', 0x01–0x1e and 0x7f, not
 * 0x1f; and the NUL that ends the string. */
static const guint8 stops[256] = {
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0,
  0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  [0x5c] = 1, [0x7f] = 1,
};

/* Room for @extra more bytes after @out's end. */
static inline char *
reserve (GString *out,
         gsize    extra)
{
  if (G_UNLIKELY (out->len + extra >= out->allocated_len))
    {
      gsize len = out->len;

      g_string_set_size (out, len + extra);
      g_string_truncate (out, len);
    }
  return out->str + out->len;
}

/* @n bytes at @bytes after @out's end. */
static inline void
put (GString    *out,
     const char *bytes,
     gsize       n)
{
  memcpy (reserve (out, n), bytes, n);
  out->len += n;
  out->str[out->len] = '\0';
}

static const char *
escape_of (guchar  c,
           char   *buffer,
           gsize   size)
{
  switch (c)
    {
    case '"':
      return "\\\"";
    case '\\':
      return "\\\\";
    case '\b':
      return "\\b";
    case '\f':
      return "\\f";
    case '\n':
      return "\\n";
    case '\r':
      return "\\r";
    case '\t':
      return "\\t";
    default:
      g_snprintf (buffer, size, "\\u00%02x", (guint) c);
      return buffer;
    }
}

void
resfri_json_append_string (GString    *out,
                           const char *value)
{
  const char *p = value;
  gboolean first = TRUE;

  if (value == NULL)
    {
      put (out, "null", 4);
      return;
    }

  /* Runs of bytes that need no escape are copied at once, the first
   * after the opening quote. */
  for (;;)
    {
      const char *run = p;
      char buffer[8];
      const char *escape;
      gsize n;
      char *to;

      while (!stops[(guchar) *p])
        p++;
      n = p - run;
      to = reserve (out, n + 2);
      if (first)
        *to++ = '"';
      memcpy (to, run, n);
      to += n;
      if (*p == '\0')
        {
          *to++ = '"';
          *to = '\0';
          out->len = to - out->str;
          return;
        }
      out->len = to - out->str;
      out->str[out->len] = '\0';
      first = FALSE;
      escape = escape_of ((guchar) *p, buffer, sizeof buffer);
      put (out, escape, strlen (escape));
      p++;
    }
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
  put (out, p, buffer + sizeof buffer - p);

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

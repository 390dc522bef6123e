/* resfri-ical-split.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The fast split of a large iCalendar file (resfri-ical-split.h): one pass
 * over its lines, BEGIN and END lines classified as libical would read
 * them, and nothing parsed. The importer parses each VEVENT on its own.
 */

#include "config.h"

#include <string.h>

#include "resfri-ical-split.h"

#define MAX_SPLIT_DEPTH 32

/* "BEGIN:NAME" or "END:NAME" (any case) with a plain NAME: 1 for BEGIN,
 * -1 for END, 0 for another line; @name/@name_len set. */
static int
classify_line (const char  *p,
               gsize        len,
               const char **name,
               gsize       *name_len)
{
  gsize skip;
  int kind;

  if (len > 6 && g_ascii_strncasecmp (p, "BEGIN", 5) == 0 && (p[5] == ':' || p[5] == ';'))
    kind = 1, skip = 6;
  else if (len > 4 && g_ascii_strncasecmp (p, "END", 3) == 0 && (p[3] == ':' || p[3] == ';'))
    kind = -1, skip = 4;
  else if ((len >= 5 && g_ascii_strncasecmp (p, "BEGIN", 5) == 0 &&
            (len == 5 || (!g_ascii_isalnum (p[5]) && p[5] != '-'))) ||
           (len >= 3 && g_ascii_strncasecmp (p, "END", 3) == 0 &&
            (len == 3 || (!g_ascii_isalnum (p[3]) && p[3] != '-'))))
    return 2;   /* "END :X" is an END line to libical: not for the fast path */
  else
    return 0;

  *name = p + skip;
  *name_len = len - skip;
  /* A parameter, or an odd name: not for the fast path. */
  if (p[skip - 1] != ':')
    return 2;
  for (gsize i = 0; i < *name_len; i++)
    if (!g_ascii_isalnum ((*name)[i]) && (*name)[i] != '-')
      return 2;

  return kind;
}

static gboolean
name_is (const char *name,
         gsize       len,
         const char *what)
{
  return len == strlen (what) && g_ascii_strncasecmp (name, what, len) == 0;
}

gboolean
resfri_ical_split_calendars (const char *data,
                             gsize       length,
                             GArray     *parts,
                             GString    *skeleton,
                             guint      *n_calendars)
{
  const char *p = data;
  const char *end = data + length;
  const char *stack[MAX_SPLIT_DEPTH];
  gsize stack_len[MAX_SPLIT_DEPTH];
  ResfriIcalPart part = { 0 };
  gsize copied = 0;
  guint lineno = 0;
  guint calendars = 0;
  int depth = 0;

  if (length >= 3 && memcmp (p, "\xEF\xBB\xBF", 3) == 0)
    p += 3;
  if (memchr (data, '\0', length) != NULL)
    return FALSE;

  while (p < end)
    {
      const char *eol = p;
      const char *next;
      const char *name = NULL;
      gsize name_len = 0;
      int kind;

      while (eol < end && *eol != '\n' && *eol != '\r')
        eol++;
      next = eol;
      if (next < end && *next == '\r')
        next++;
      if (next < end && *next == '\n')
        next++;
      lineno++;

      kind = classify_line (p, eol - p, &name, &name_len);
      if (kind == 2)
        return FALSE;
      if (kind != 0 && next < end && (*next == ' ' || *next == '\t'))
        return FALSE;   /* a folded BEGIN or END */

      if (kind == 1)
        {
          if (depth == MAX_SPLIT_DEPTH)
            return FALSE;
          if ((depth == 0) != name_is (name, name_len, "VCALENDAR"))
            return FALSE;
          if (depth == 0)
            calendars++;
          if (depth == 1 && name_is (name, name_len, "VEVENT"))
            {
              part.start = p - data;
              part.line = lineno;
              part.calendar = calendars - 1;
            }
          stack[depth] = name;
          stack_len[depth] = name_len;
          depth++;
        }
      else if (kind == -1)
        {
          if (depth == 0 || stack_len[depth - 1] != name_len ||
              g_ascii_strncasecmp (stack[depth - 1], name, name_len) != 0)
            return FALSE;
          depth--;
          if (depth == 1 && name_is (name, name_len, "VEVENT"))
            {
              part.end = next - data;
              g_array_append_val (parts, part);
              g_string_append_len (skeleton, data + copied, part.start - copied);
              copied = part.end;
            }
        }
      else if (depth == 0 && eol > p)
        return FALSE;   /* text outside the calendars */

      p = next;
    }

  if (depth != 0 || calendars == 0)
    return FALSE;

  g_string_append_len (skeleton, data + copied, length - copied);
  *n_calendars = calendars;
  return TRUE;
}

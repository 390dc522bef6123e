/* resfri-number-format.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Numbers as the window shows them: in the user's LC_NUMERIC locale, with
 * its decimal separator and digit grouping ("1,3" and "1 234,5" in
 * Swedish), while the store, the policy and the CLI keep C-locale numbers
 * ("1.3"). GLib only, so the core-free test links it alone. */

#include "config.h"

#include <locale.h>
#include <string.h>

#include "resfri-number-format.h"

/* @value with @digits decimals, grouped, in the LC_NUMERIC locale. */
char *
resfri_format_decimal (double value,
                       int    digits)
{
  return g_strdup_printf ("%'.*f", MAX (digits, 0), value);
}

static const char *
get_decimal_point (void)
{
  const struct lconv *conv = localeconv ();

  return conv->decimal_point != NULL && conv->decimal_point[0] != '\0' ? conv->decimal_point : ".";
}

/* A C-locale number as stored ("1.3", "12") with the locale's decimal
 * separator ("1,3"), keeping its decimals; other text is returned as is. */
char *
resfri_format_decimal_text (const char *c_number)
{
  const char *point;
  char *end = NULL;
  double value;

  if (c_number == NULL)
    return NULL;

  value = g_ascii_strtod (c_number, &end);
  if (end == c_number || *end != '\0')
    return g_strdup (c_number);

  point = strchr (c_number, '.');
  return g_strdup_printf ("%.*f", point != NULL ? (int) strlen (point + 1) : 0, value);
}

/* What a user typed ("1,3", "1.3", " 1 234,5 ") as a C-locale number
 * ("1.3", "1234.5") for the store; text that is no number is returned
 * trimmed, for the policy to refuse with its own message. */
char *
resfri_parse_decimal_text (const char *text)
{
  const char *point = get_decimal_point ();
  g_autoptr(GString) number = g_string_new (NULL);

  if (text == NULL)
    return NULL;

  for (const char *p = text; *p != '\0';)
    {
      gunichar c = g_utf8_get_char (p);

      if (strncmp (p, point, strlen (point)) == 0)
        {
          g_string_append_c (number, '.');
          p += strlen (point);
          continue;
        }
      if (c == ',' || c == '.')
        g_string_append_c (number, '.');
      else if (!g_unichar_isspace (c) && c != 0x202F && c != 0xA0)
        g_string_append_unichar (number, c);  /* not grouping (a no-break space in Swedish) */
      p = g_utf8_next_char (p);
    }
  return g_string_free (g_steal_pointer (&number), FALSE);
}

/* resfri-ical-pseudonym.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A person's address and name in iCalendar text replaced by a pseudonym,
 * for an erasure (spec/privacy.md): the text is unfolded first, since a
 * folded line may cut an address or a name in two, the replacement is
 * made without regard to case, and the lines are folded again at 75
 * octets, never inside a UTF-8 character.
 */

#include "config.h"

#include <string.h>

#include "resfri-ical-pseudonym.h"

/* @text without its folds ("\r\n" or "\n" followed by a space or a tab). */
static GString *
unfold (const char *text)
{
  GString *out = g_string_sized_new (strlen (text));

  for (const char *p = text; *p != '\0'; p++)
    {
      if (p[0] == '\r' && p[1] == '\n' && (p[2] == ' ' || p[2] == '\t'))
        p += 2;
      else if (p[0] == '\n' && (p[1] == ' ' || p[1] == '\t'))
        p += 1;
      else
        g_string_append_c (out, *p);
    }

  return out;
}

/* The length in bytes of @needle's match at @at in @haystack, comparing
 * characters without case; 0 when it does not match there. */
static gsize
match_length (const char *at,
              const char *needle)
{
  const char *h = at;
  const char *n = needle;

  while (*n != '\0')
    {
      gunichar a, b;

      if (*h == '\0')
        return 0;
      a = g_utf8_get_char_validated (h, -1);
      b = g_utf8_get_char (n);
      if (a == (gunichar) -1 || a == (gunichar) -2)
        {
          if (*h != *n)
            return 0;
          h++;
          n++;
          continue;
        }
      if (a != b && g_unichar_tolower (a) != g_unichar_tolower (b))
        return 0;
      h = g_utf8_next_char (h);
      n = g_utf8_next_char (n);
    }

  return h - at;
}

static GString *
replace (GString    *text,
         const char *needle,
         const char *replacement)
{
  GString *out;

  if (needle == NULL || *needle == '\0')
    return text;

  out = g_string_sized_new (text->len);
  for (const char *p = text->str; *p != '\0';)
    {
      gsize n = match_length (p, needle);

      if (n > 0)
        {
          g_string_append (out, replacement);
          p += n;
        }
      else
        {
          const char *next = g_utf8_next_char (p);

          /* An invalid byte moves one byte on. */
          if ((guchar) *p >= 0x80 && g_utf8_get_char_validated (p, -1) >= (gunichar) -2)
            next = p + 1;
          g_string_append_len (out, p, next - p);
          p = next;
        }
    }
  g_string_free (text, TRUE);

  return out;
}

/* @text folded again: every line longer than 75 octets continues on the
 * next with a space, with the line end the text already uses. */
static char *
fold (GString *text)
{
  const char *newline = strstr (text->str, "\r\n") != NULL ? "\r\n" : "\n";
  GString *out = g_string_sized_new (text->len + text->len / 32);
  gsize column = 0;

  for (const char *p = text->str; *p != '\0';)
    {
      const char *next = p + 1;

      if (*p == '\n' || (*p == '\r' && p[1] == '\n'))
        {
          next = *p == '\r' ? p + 2 : p + 1;
          g_string_append_len (out, p, next - p);
          column = 0;
          p = next;
          continue;
        }
      while (((guchar) *next & 0xc0) == 0x80)
        next++;
      if (column + (next - p) > 75)
        {
          g_string_append (out, newline);
          g_string_append_c (out, ' ');
          column = 1;
        }
      g_string_append_len (out, p, next - p);
      column += next - p;
      p = next;
    }
  g_string_free (text, TRUE);

  return g_string_free (out, FALSE);
}

/**
 * resfri_ical_pseudonymise:
 * @text: iCalendar text (a VEVENT, a whole calendar)
 * @email: the address to replace
 * @name: (nullable): the name to replace
 * @pseudonym: the address that replaces @email
 * @pseudonym_name: the name that replaces @name
 * @folded: whether @text is folded content lines (else a value, such as
 *   a summary, changed as it is)
 *
 * Returns: (transfer full) (nullable): the text with every @email and
 *   @name (in any case) replaced, folded again; %NULL when neither is in
 *   it
 */
char *
resfri_ical_pseudonymise (const char *text,
                          const char *email,
                          const char *name,
                          const char *pseudonym,
                          const char *pseudonym_name,
                          gboolean    folded)
{
  GString *flat;
  gsize before;
  g_autofree char *original = NULL;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (email != NULL && pseudonym != NULL && pseudonym_name != NULL, NULL);

  flat = folded ? unfold (text) : g_string_new (text);
  original = g_strdup (flat->str);
  before = flat->len;
  flat = replace (flat, email, pseudonym);
  flat = replace (flat, name, pseudonym_name);
  if (flat->len == before && strcmp (flat->str, original) == 0)
    {
      g_string_free (flat, TRUE);
      return NULL;
    }

  return folded ? fold (flat) : g_string_free (flat, FALSE);
}

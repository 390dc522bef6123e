/* resfri-email.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Email addresses: the "mailto:" of iCalendar values stripped, and the
 * case folding under which two addresses are the same person, room or
 * attendee, and the id in a former person's pseudonym. The import, the
 * export and the drafts all read them here.
 */

#include "config.h"

#include "resfri-email.h"
#include "resfri-registers-private.h"

char *
resfri_email_strip_mailto (const char *value)
{
  g_autofree char *trimmed = NULL;

  if (value == NULL)
    return NULL;

  if (g_ascii_strncasecmp (value, "mailto:", 7) == 0)
    value += 7;

  trimmed = g_strstrip (g_strdup (value));
  if (trimmed[0] == '\0')
    return NULL;

  return g_steal_pointer (&trimmed);
}

char *
resfri_email_normalize (const char *value)
{
  g_autofree char *trimmed = resfri_email_strip_mailto (value);

  if (trimmed == NULL || !g_utf8_validate (trimmed, -1, NULL))
    return NULL;

  /* Nearly every address is ASCII: no need for Unicode case tables. */
  for (const char *p = trimmed; *p != '\0'; p++)
    if ((guchar) *p >= 0x80)
      return g_utf8_strdown (trimmed, -1);

  for (char *p = trimmed; *p != '\0'; p++)
    *p = g_ascii_tolower (*p);

  return g_steal_pointer (&trimmed);
}

/* The id N of a pseudonym `former-N@invalid`, else 0. */
gint64
_resfri_registers_parse_former (const char *email)
{
  const char *digits;
  char *end = NULL;
  gint64 id;

  if (email == NULL || g_ascii_strncasecmp (email, "former-", 7) != 0)
    return 0;
  digits = email + 7;
  if (!g_ascii_isdigit (*digits))
    return 0;
  id = g_ascii_strtoll (digits, &end, 10);

  return end != NULL && g_ascii_strcasecmp (end, "@invalid") == 0 && id > 0 ? id : 0;
}

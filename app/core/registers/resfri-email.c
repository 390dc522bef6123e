/* resfri-email.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Email addresses: the "mailto:" of iCalendar values stripped, and the
 * case folding under which two addresses are the same person, room or
 * attendee. The import, the export and the drafts all read them here.
 */

#include "config.h"

#include "resfri-email.h"

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

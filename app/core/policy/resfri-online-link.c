/* resfri-online-link.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Finding a meeting's online link (spec/policy.md "Online link"): the
 * built-in list of meeting services, the hosts that count as one, and the
 * properties of a VEVENT searched in order of trust.
 */

#include "config.h"

#include <string.h>

#include "resfri-online-link.h"

/* Hosts of the meeting services spec/policy.md names. A URL's host matches
 * an entry when it is the entry or ends with "." and the entry. */
static const char * const builtin_meeting_hosts[] = {
  "teams.microsoft.com",   /* Microsoft Teams */
  "teams.live.com",
  "zoom.us",               /* Zoom */
  "zoom.com",
  "zoomgov.com",
  "meet.google.com",       /* Google Meet */
  "meet.jit.si",           /* Jitsi */
  "8x8.vc",
  "webex.com",             /* Webex */
  "skype.com",             /* Skype */
  "meet.lync.com",         /* Skype for Business */
  "whereby.com",           /* Whereby */
  NULL
};

/* Properties that carry nothing but the online link, in order of trust. */
static const char * const link_x_properties[] = {
  "X-MICROSOFT-SKYPETEAMSMEETINGURL",
  "X-GOOGLE-CONFERENCE",
  "X-MICROSOFT-ONLINEMEETINGCONFLINK",
};

const char * const *
resfri_online_link_get_builtin_hosts (void)
{
  return builtin_meeting_hosts;
}

gboolean
resfri_online_link_is_meeting_host (const char         *host,
                                    const char * const *extra_hosts)
{
  gsize host_len;

  if (host == NULL || host[0] == '\0')
    return FALSE;

  host_len = strlen (host);

  /* The built-in list is the one list of meeting services. */
  for (const char * const *known = builtin_meeting_hosts; *known; known++)
    {
      gsize known_len = strlen (*known);

      if (strcmp (host, *known) == 0)
        return TRUE;
      if (host_len > known_len && host[host_len - known_len - 1] == '.' &&
          strcmp (host + host_len - known_len, *known) == 0)
        return TRUE;
    }

  /* Self-hosted Jitsi: a label that starts with "jitsi". */
  for (const char *label = host; label != NULL; label = strchr (label, '.'))
    {
      if (*label == '.')
        label++;
      if (g_str_has_prefix (label, "jitsi"))
        return TRUE;
    }

  for (gsize i = 0; extra_hosts != NULL && extra_hosts[i] != NULL; i++)
    {
      const char *extra = extra_hosts[i];
      gsize extra_len = strlen (extra);

      if (extra_len == 0)
        continue;
      if (g_ascii_strcasecmp (host, extra) == 0)
        return TRUE;
      if (host_len > extra_len && host[host_len - extra_len - 1] == '.' &&
          g_ascii_strcasecmp (host + host_len - extra_len, extra) == 0)
        return TRUE;
    }

  return FALSE;
}

static gboolean
is_url_end (char c)
{
  return g_ascii_isspace (c) || c == '\0' || c == '<' || c == '>' || c == '"' ||
         c == '\'' || c == '`' || c == '|' || c == '\\' || c == '[' || c == ']' ||
         c == '{' || c == '}';
}

/* The first URL in @text whose host is a meeting service. */
static char *
find_meeting_url (const char         *text,
                  const char * const *extra_hosts)
{
  const char *p = text;

  if (text == NULL)
    return NULL;

  while ((p = strstr (p, "://")) != NULL)
    {
      const char *start = p;
      const char *host = p + 3;
      const char *host_end;
      const char *end;
      g_autofree char *host_lower = NULL;
      const char *at;

      /* Back up over the scheme; only http and https count. */
      while (start > text && g_ascii_isalpha (start[-1]))
        start--;
      p += 3;
      if (!((p - start == 7 + 0 && g_ascii_strncasecmp (start, "http://", 7) == 0) ||
            (p - start == 8 && g_ascii_strncasecmp (start, "https://", 8) == 0)))
        continue;

      end = host;
      while (!is_url_end (*end))
        end++;
      /* Punctuation that ends a sentence is not part of the link. */
      while (end > host && strchr (".,;:!?)", end[-1]) != NULL)
        end--;

      host_end = host;
      while (host_end < end && *host_end != '/' && *host_end != '?' && *host_end != '#')
        host_end++;
      at = memchr (host, '@', host_end - host);
      if (at != NULL)
        host = at + 1;
      host_lower = g_ascii_strdown (host, host_end - host);
      if (strchr (host_lower, ':') != NULL)
        *strchr (host_lower, ':') = '\0';

      if (resfri_online_link_is_meeting_host (host_lower, extra_hosts))
        return g_strndup (start, end - start);
    }

  return NULL;
}

static char *
dup_value_text (icalproperty *prop)
{
  const char *text = icalproperty_get_value_as_string (prop);
  g_autofree char *copy = NULL;

  if (text == NULL)
    return NULL;

  copy = g_strstrip (g_strdup (text));
  if (copy[0] == '\0')
    return NULL;

  return g_steal_pointer (&copy);
}

char *
resfri_online_link_dup_url (icalcomponent      *vevent,
                            const char * const *extra_hosts)
{
  static const icalproperty_kind text_kinds[] = {
    ICAL_URL_PROPERTY,
    ICAL_LOCATION_PROPERTY,
    ICAL_DESCRIPTION_PROPERTY,
  };
  icalproperty *prop;
  char *url;

  g_return_val_if_fail (vevent != NULL, NULL);

  /* RFC 7986 allows several (video, a phone dial-in): a web link first. */
  {
    g_autofree char *first = NULL;

    for (prop = icalcomponent_get_first_property (vevent, ICAL_CONFERENCE_PROPERTY);
         prop != NULL;
         prop = icalcomponent_get_next_property (vevent, ICAL_CONFERENCE_PROPERTY))
      {
        if ((url = dup_value_text (prop)) == NULL)
          continue;
        if (g_ascii_strncasecmp (url, "https://", 8) == 0 || g_ascii_strncasecmp (url, "http://", 7) == 0)
          return url;
        if (first == NULL)
          first = url;
        else
          g_free (url);
      }

    if (first != NULL)
      return g_steal_pointer (&first);
  }

  for (gsize i = 0; i < G_N_ELEMENTS (link_x_properties); i++)
    {
      for (prop = icalcomponent_get_first_property (vevent, ICAL_X_PROPERTY);
           prop != NULL;
           prop = icalcomponent_get_next_property (vevent, ICAL_X_PROPERTY))
        {
          const char *name = icalproperty_get_x_name (prop);

          if (name != NULL && g_ascii_strcasecmp (name, link_x_properties[i]) == 0 &&
              (url = dup_value_text (prop)) != NULL)
            return url;
        }
    }

  for (gsize i = 0; i < G_N_ELEMENTS (text_kinds); i++)
    {
      for (prop = icalcomponent_get_first_property (vevent, text_kinds[i]);
           prop != NULL;
           prop = icalcomponent_get_next_property (vevent, text_kinds[i]))
        {
          const char *text;

          if (text_kinds[i] == ICAL_URL_PROPERTY)
            text = icalproperty_get_url (prop);
          else
            text = icalvalue_get_text (icalproperty_get_value (prop));

          if ((url = find_meeting_url (text, extra_hosts)) != NULL)
            return url;
        }
    }

  return NULL;
}

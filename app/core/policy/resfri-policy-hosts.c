/* resfri-policy-hosts.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The meeting services of the policy: the meeting_hosts setting's value
 * read and checked (host names, IDNA, a URL refused with the host it
 * meant), and the hosts a link is recognised by, built-in and set. */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "resfri-error.h"
#include "resfri-online-link.h"
#include "resfri-policy-private.h"
#include "resfri-policy-settings.h"

static gboolean
is_host_name (const char *host)
{
  gsize length = strlen (host);
  const char *label = host;

  if (length == 0 || length > 253)
    return FALSE;

  for (const char *p = host; ; p++)
    {
      if (*p == '.' || *p == '\0')
        {
          gsize label_length = p - label;

          if (label_length == 0 || label_length > 63 || label[0] == '-' || p[-1] == '-')
            return FALSE;
          if (*p == '\0')
            return TRUE;
          label = p + 1;
        }
      else if (!g_ascii_isalnum (*p) && *p != '-')
        return FALSE;
    }
}

/* One entry of meeting_hosts, lower case and ASCII (IDNA), or NULL with
 * @error saying what is wrong and, for a URL, which host was meant. */
static char *
parse_host (const char  *entry,
            GError     **error)
{
  g_autofree char *shown = g_utf8_make_valid (entry, -1);
  g_autofree char *ascii = NULL;

  if (strchr (entry, '/') != NULL || strchr (entry, ':') != NULL)
    {
      g_autoptr(GUri) uri = g_uri_parse (entry, G_URI_FLAGS_NONE, NULL);
      const char *host = uri ? g_uri_get_host (uri) : NULL;

      if (host != NULL && *host != '\0' && g_utf8_validate (host, -1, NULL))
        g_set_error (error, RESFRI_ERROR, RESFRI_ERROR_INVALID_INPUT,
                     _("meeting_hosts: “%s” is a web address, not a host name; write only "
                       "its host: “%s”"),
                     shown, host);
      else
        g_set_error (error, RESFRI_ERROR, RESFRI_ERROR_INVALID_INPUT,
                     _("meeting_hosts: “%s” is not a host name (such as meet.example.se)"),
                     shown);
      return NULL;
    }

  if (g_utf8_validate (entry, -1, NULL) && g_hostname_is_non_ascii (entry))
    ascii = g_hostname_to_ascii (entry);
  else
    ascii = g_strdup (entry);

  if (ascii == NULL || !is_host_name (ascii))
    {
      g_set_error (error, RESFRI_ERROR, RESFRI_ERROR_INVALID_INPUT,
                   _("meeting_hosts: “%s” is not a host name (such as meet.example.se)"),
                   shown);
      return NULL;
    }

  return g_ascii_strdown (ascii, -1);
}

/* Comma-separated hosts; blanks around commas and empty entries are
 * ignored, duplicates dropped. The empty list is the empty string. */
char *
_resfri_policy_parse_hosts (const char  *text,
                            GError     **error)
{
  g_auto(GStrv) entries = g_strsplit (text, ",", -1);
  g_autoptr(GPtrArray) hosts = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; entries[i] != NULL; i++)
    {
      char *entry = g_strstrip (entries[i]);
      g_autofree char *host = NULL;
      gboolean seen = FALSE;

      if (*entry == '\0')
        continue;

      if (!(host = parse_host (entry, error)))
        return NULL;

      for (guint j = 0; j < hosts->len && !seen; j++)
        seen = strcmp (g_ptr_array_index (hosts, j), host) == 0;
      if (!seen)
        g_ptr_array_add (hosts, g_steal_pointer (&host));
    }

  g_ptr_array_add (hosts, NULL);
  return g_strjoinv (",", (char **) hosts->pdata);
}

/**
 * resfri_policy_get_builtin_meeting_hosts:
 *
 * Returns: (transfer none): the hosts of the meeting services Resfri knows
 *   without settings (Teams, Zoom, Google Meet, Jitsi, Webex, Skype,
 *   Whereby)
 */
const char * const *
resfri_policy_get_builtin_meeting_hosts (void)
{
  return resfri_online_link_get_builtin_hosts ();
}

/**
 * resfri_policy_dup_meeting_hosts:
 *
 * Returns: (transfer full): every meeting-service host: the built-in ones,
 *   then those of the meeting_hosts setting, each once
 */
char **
resfri_policy_dup_meeting_hosts (const ResfriPolicy *policy)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  const char * const *builtin_meeting_hosts = resfri_online_link_get_builtin_hosts ();

  g_return_val_if_fail (policy != NULL, NULL);

  for (guint i = 0; builtin_meeting_hosts[i] != NULL; i++)
    g_strv_builder_add (builder, builtin_meeting_hosts[i]);

  for (guint i = 0; policy->extra_meeting_hosts && policy->extra_meeting_hosts[i]; i++)
    if (!g_strv_contains (builtin_meeting_hosts, policy->extra_meeting_hosts[i]))
      g_strv_builder_add (builder, policy->extra_meeting_hosts[i]);

  return g_strv_builder_end (builder);
}

/**
 * resfri_policy_is_meeting_host:
 * @host: the host of a URL
 *
 * Returns: whether @host is one of the meeting-service hosts or a subdomain
 *   of one ("us02web.zoom.us"), ignoring case and a final dot
 */
gboolean
resfri_policy_is_meeting_host (const ResfriPolicy *policy,
                               const char         *host)
{
  g_autofree char *lower = NULL;
  gsize length;

  g_return_val_if_fail (policy != NULL, FALSE);

  if (host == NULL || *host == '\0')
    return FALSE;

  lower = g_ascii_strdown (host, -1);
  length = strlen (lower);
  if (length > 0 && lower[length - 1] == '.')
    lower[--length] = '\0';

  return resfri_online_link_is_meeting_host (lower, (const char * const *) policy->extra_meeting_hosts);
}

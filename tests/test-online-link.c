/* test-online-link.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A meeting's online link (policy/resfri-online-link.c): which property
 * wins, which hosts are meeting services, and the hosts the settings add.
 */

#include "config.h"

#include <string.h>

#include "resfri-core.h"

#define CAL_BEGIN "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Resfri//Test//EN\r\n"
#define CAL_END "END:VCALENDAR\r\n"

/* Online links */

typedef struct
{
  const char *name;
  const char *props;
  const char *expected;
} LinkCase;

static const LinkCase link_cases[] = {
  { "none", "LOCATION:Stadshuset\r\n", NULL },
  { "conference", "CONFERENCE;VALUE=URI:https://example.org/room/1\r\n", "https://example.org/room/1" },
  { "ms-teams-x", "X-MICROSOFT-SKYPETEAMSMEETINGURL:https://teams.microsoft.com/l/meetup-join/19%3a1\r\n",
    "https://teams.microsoft.com/l/meetup-join/19%3a1" },
  { "ms-conflink-x", "X-MICROSOFT-ONLINEMEETINGCONFLINK:conf:sip:anna@example.se;gruu\r\n",
    "conf:sip:anna@example.se;gruu" },
  { "google-x", "X-GOOGLE-CONFERENCE:https://meet.google.com/abc-defg-hij\r\n",
    "https://meet.google.com/abc-defg-hij" },
  { "url-zoom-subdomain", "URL:https://sweden.zoom.us/j/123456\r\n", "https://sweden.zoom.us/j/123456" },
  { "url-unknown-host", "URL:https://example.org/meeting\r\n", NULL },
  { "location-meet", "LOCATION:Online: https://meet.google.com/xyz-abcd-efg.\r\n",
    "https://meet.google.com/xyz-abcd-efg" },
  { "location-jitsi-self-hosted", "LOCATION:https://jitsi.sundsvall.se/Styrelsen\r\n",
    "https://jitsi.sundsvall.se/Styrelsen" },
  { "location-jit-si", "LOCATION:https://meet.jit.si/Resfri\r\n", "https://meet.jit.si/Resfri" },
  { "description-teams-angle",
    "DESCRIPTION:Join: <https://teams.microsoft.com/l/meetup-join/abc> or call\\n+46 8\r\n",
    "https://teams.microsoft.com/l/meetup-join/abc" },
  { "description-teams-live", "DESCRIPTION:https://teams.live.com/meet/9312\r\n",
    "https://teams.live.com/meet/9312" },
  { "description-webex", "DESCRIPTION:Webex https://sundsvall.webex.com/meet/x\r\n",
    "https://sundsvall.webex.com/meet/x" },
  { "description-skype", "DESCRIPTION:https://join.skype.com/AbCdEf\r\n", "https://join.skype.com/AbCdEf" },
  { "description-whereby", "DESCRIPTION:rummet https://whereby.com/resfri\r\n", "https://whereby.com/resfri" },
  { "lookalike-host", "DESCRIPTION:https://zoom.us.evil.example/j/1 and https://notzoom.us/j/2\r\n", NULL },
  { "conference-web-before-phone",
    "CONFERENCE;VALUE=URI;FEATURE=AUDIO:tel:+46-8-123456\r\n"
    "CONFERENCE;VALUE=URI;FEATURE=VIDEO:https://sundsvall.zoom.us/j/1\r\n",
    "https://sundsvall.zoom.us/j/1" },
  { "conference-phone-only", "CONFERENCE;VALUE=URI;FEATURE=AUDIO:tel:+46-8-123456\r\n", "tel:+46-8-123456" },
  { "conference-first", "DESCRIPTION:https://zoom.us/j/1\r\nCONFERENCE;VALUE=URI:https://meet.google.com/a\r\n",
    "https://meet.google.com/a" },
};

static void
test_link_case (gconstpointer data)
{
  const LinkCase *c = data;
  g_autofree char *ics = g_strconcat (CAL_BEGIN "BEGIN:VEVENT\r\nUID:l\r\nDTSTART:20260115T090000Z\r\n",
                                      c->props, "END:VEVENT\r\n" CAL_END, NULL);
  g_autoptr(ResfriIcalDocument) doc = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  icalcomponent *cal;

  doc = resfri_ical_document_parse (ics, -1, "link.ics", &error);
  g_assert_no_error (error);
  cal = g_ptr_array_index (resfri_ical_document_get_roots (doc), 0);
  url = resfri_online_link_dup_url (icalcomponent_get_first_component (cal, ICAL_VEVENT_COMPONENT), NULL);
  g_assert_cmpstr (url, ==, c->expected);
}

static void
test_extra_hosts (void)
{
  const char * const extra[] = { "video.sundsvall.se", NULL };

  g_assert_false (resfri_online_link_is_meeting_host ("video.sundsvall.se", NULL));
  g_assert_true (resfri_online_link_is_meeting_host ("video.sundsvall.se", extra));
  g_assert_true (resfri_online_link_is_meeting_host ("a.video.sundsvall.se", extra));
  g_assert_false (resfri_online_link_is_meeting_host ("xvideo.sundsvall.se", extra));
}


typedef struct
{
  const char *host;
  gboolean    expected;
} HostCase;

static const HostCase host_cases[] = {
  { "teams.microsoft.com", TRUE },
  { "us02web.zoom.us", TRUE },          /* a subdomain of a built-in host */
  { "zoom.us.evil.example", FALSE },
  { "notzoom.us", FALSE },
  { "meet.google.com", TRUE },
  { "google.com", FALSE },
  { "jitsi.sundsvall.se", TRUE },       /* self-hosted Jitsi */
  { "video.jitsi-server.example", TRUE },
  { "myjitsi.example", FALSE },
  { "example.org", FALSE },
  { "", FALSE },
  { NULL, FALSE },
};

static void
test_meeting_host (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (host_cases); i++)
    {
      g_test_message ("%s", host_cases[i].host ? host_cases[i].host : "(null)");
      g_assert_cmpint (resfri_online_link_is_meeting_host (host_cases[i].host, NULL), ==,
                       host_cases[i].expected);
    }
}

/* The built-in list is the policy's list (spec/policy.md), each host once. */
static void
test_builtin_hosts (void)
{
  const char * const *hosts = resfri_online_link_get_builtin_hosts ();
  guint n = 0;

  g_assert_true (hosts == resfri_policy_get_builtin_meeting_hosts ());
  for (; hosts[n] != NULL; n++)
    {
      g_assert_true (resfri_online_link_is_meeting_host (hosts[n], NULL));
      for (guint j = 0; j < n; j++)
        g_assert_cmpstr (hosts[j], !=, hosts[n]);
    }
  g_assert_cmpuint (n, ==, 12);
  g_assert_true (g_strv_contains (hosts, "zoom.us"));
  g_assert_true (g_strv_contains (hosts, "teams.microsoft.com"));
}

/* A host of the settings counts in any case, and only as itself or its
 * subdomains. */
static void
test_extra_hosts_case (void)
{
  const char * const extra[] = { "", "Video.Sundsvall.SE", NULL };

  g_assert_true (resfri_online_link_is_meeting_host ("video.sundsvall.se", extra));
  g_assert_true (resfri_online_link_is_meeting_host ("x.video.sundsvall.se", extra));
  g_assert_false (resfri_online_link_is_meeting_host ("sundsvall.se", extra));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (gsize i = 0; i < G_N_ELEMENTS (link_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/online-link/%s", link_cases[i].name);
      g_test_add_data_func (path, &link_cases[i], test_link_case);
    }
  g_test_add_func ("/online-link/extra-hosts", test_extra_hosts);
  g_test_add_func ("/online-link/extra-hosts-case", test_extra_hosts_case);
  g_test_add_func ("/online-link/meeting-host", test_meeting_host);
  g_test_add_func ("/online-link/builtin-hosts", test_builtin_hosts);

  return g_test_run ();
}

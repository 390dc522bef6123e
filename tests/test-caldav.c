/* test-caldav.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The HTTP client's reading of what a server says without a server
 * (sync/resfri-caldav.c): a Retry-After in seconds or as an HTTP date,
 * kept between one second and a minute, and hrefs stored one way
 * whatever the server's spelling.
 */

#include "config.h"

#include "resfri-caldav.h"

static void
test_retry_after_seconds (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 12, 4, 22, 0, 0);

  g_assert_cmpuint (resfri_caldav_retry_after_seconds ("5", now), ==, 5);
  g_assert_cmpuint (resfri_caldav_retry_after_seconds ("120", now), ==, 60);
  g_assert_cmpuint (resfri_caldav_retry_after_seconds ("0", now), ==, 1);
  g_assert_cmpuint (resfri_caldav_retry_after_seconds ("99999999999999999999", now), ==, 60);
  g_assert_cmpuint (resfri_caldav_retry_after_seconds (NULL, now), ==, 1);
  g_assert_cmpuint (resfri_caldav_retry_after_seconds ("", now), ==, 1);
  g_assert_cmpuint (resfri_caldav_retry_after_seconds ("soon", now), ==, 1);
  g_assert_cmpuint (resfri_caldav_retry_after_seconds ("-5", now), ==, 1);
}

/* RFC 9110's HTTP date, in its three forms: counted from now. */
static void
test_retry_after_date (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 12, 4, 22, 0, 0);

  /* IMF-fixdate */
  g_assert_cmpuint (resfri_caldav_retry_after_seconds ("Fri, 04 Dec 2026 22:00:30 GMT", now), ==, 30);
  /* obsolete RFC 850 and asctime forms */
  g_assert_cmpuint (resfri_caldav_retry_after_seconds ("Friday, 04-Dec-26 22:00:45 GMT", now), ==, 45);
  g_assert_cmpuint (resfri_caldav_retry_after_seconds ("Fri Dec  4 22:00:07 2026", now), ==, 7);
  /* later than a minute: a minute; past: a second */
  g_assert_cmpuint (resfri_caldav_retry_after_seconds ("Sat, 05 Dec 2026 22:00:00 GMT", now), ==, 60);
  g_assert_cmpuint (resfri_caldav_retry_after_seconds ("Fri, 04 Dec 2026 21:59:00 GMT", now), ==, 1);
  /* not a date */
  g_assert_cmpuint (resfri_caldav_retry_after_seconds ("Fri, 32 Foo 2026 25:61:00 GMT", now), ==, 1);
}

static void
test_normalize_href (void)
{
  static const struct { const char *href; const char *expected; } cases[] = {
    { "/dav/anna/kalender/", "/dav/anna/kalender/" },
    { "http://127.0.0.1:5232/dav/anna/m%C3%B6te.ics", "/dav/anna/m%C3%B6te.ics" },
    { "/dav/anna/möte.ics", "/dav/anna/m%C3%B6te.ics" },
    { "/dav/anna/a%20b.ics", "/dav/anna/a%20b.ics" },
    { "/dav/anna/a b.ics", "/dav/anna/a%20b.ics" },
    { "/dav/anna/%7Eme.ics", "/dav/anna/~me.ics" },
    { "https://elsewhere.example/cal/x.ics", "https://elsewhere.example/cal/x.ics" },
    /* Another server's, in ASCII too (fuzz-dav-xml found "//d/…möte.ics"
     * kept as written). */
    { "//d/../x/möte.ics", "//d/../x/m%C3%B6te.ics" },
    { "https://elsewhere.example/cal/a b.ics", "https://elsewhere.example/cal/a%20b.ics" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *got = resfri_caldav_normalize_href ("http://127.0.0.1:5232/dav/", cases[i].href);

      g_assert_cmpstr (got, ==, cases[i].expected);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/caldav/retry-after/seconds", test_retry_after_seconds);
  g_test_add_func ("/caldav/retry-after/date", test_retry_after_date);
  g_test_add_func ("/caldav/normalize-href", test_normalize_href);

  return g_test_run ();
}

/* test-period.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Follow-up periods: every form's boundaries as UTC instants of
 * Europe/Stockholm midnights (CET +01:00 in winter, CEST +02:00 from the
 * last Sunday of March to the last Sunday of October), the months they
 * cover, and what is refused.
 */

#include "config.h"

#include "resfri-core.h"
#include "resfri-period.h"

static gint64
utc (const char *rfc3339)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_iso8601 (rfc3339, NULL);

  g_assert_nonnull (dt);
  return g_date_time_to_unix (dt);
}

static void
assert_period (const char *text,
               const char *from,
               const char *to,
               guint       n_months,
               const char *first_month,
               const char *last_month)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ResfriPeriod) period = resfri_period_parse (text, &error);
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;
  g_autofree char *first_day = NULL;
  g_autofree char *last_day = NULL;
  g_autoptr(GDateTime) first_dt = NULL;
  g_autoptr(GDateTime) after_dt = NULL;
  g_autoptr(GTimeZone) zone = g_time_zone_new_identifier ("Europe/Stockholm");

  g_assert_no_error (error);
  g_assert_nonnull (period);
  g_assert_cmpstr (resfri_period_get_label (period), ==, text);
  g_assert_cmpint (resfri_period_get_from (period), ==, utc (from));
  g_assert_cmpint (resfri_period_get_to (period), ==, utc (to));
  g_assert_cmpuint (resfri_period_get_n_months (period), ==, n_months);
  first = resfri_period_dup_month_label (period, 0);
  last = resfri_period_dup_month_label (period, n_months - 1);
  g_assert_cmpstr (first, ==, first_month);
  g_assert_cmpstr (last, ==, last_month);

  /* The first and the last day are the Stockholm dates of from and of the
   * second before to. */
  first_day = resfri_period_dup_first_day (period);
  last_day = resfri_period_dup_last_day (period);
  if (zone != NULL)
    {
      g_autofree char *expected_first = NULL;
      g_autofree char *expected_last = NULL;

      first_dt = g_date_time_new_from_unix_utc (resfri_period_get_from (period));
      after_dt = g_date_time_new_from_unix_utc (resfri_period_get_to (period) - 1);
      {
        g_autoptr(GDateTime) a = g_date_time_to_timezone (first_dt, zone);
        g_autoptr(GDateTime) b = g_date_time_to_timezone (after_dt, zone);

        expected_first = g_date_time_format (a, "%Y-%m-%d");
        expected_last = g_date_time_format (b, "%Y-%m-%d");
      }
      g_assert_cmpstr (first_day, ==, expected_first);
      g_assert_cmpstr (last_day, ==, expected_last);
    }
}

static void
test_forms (void)
{
  /* Winter at both ends: +01:00. */
  assert_period ("2026", "2025-12-31T23:00:00Z", "2026-12-31T23:00:00Z", 12, "2026-01", "2026-12");
  /* Tertials: T1 ends on 1 May (summer time, +02:00). */
  assert_period ("2026-T1", "2025-12-31T23:00:00Z", "2026-04-30T22:00:00Z", 4, "2026-01", "2026-04");
  assert_period ("2026-T2", "2026-04-30T22:00:00Z", "2026-08-31T22:00:00Z", 4, "2026-05", "2026-08");
  assert_period ("2026-T3", "2026-08-31T22:00:00Z", "2026-12-31T23:00:00Z", 4, "2026-09", "2026-12");
  assert_period ("2026-H1", "2025-12-31T23:00:00Z", "2026-06-30T22:00:00Z", 6, "2026-01", "2026-06");
  assert_period ("2026-H2", "2026-06-30T22:00:00Z", "2026-12-31T23:00:00Z", 6, "2026-07", "2026-12");
  assert_period ("2026-Q1", "2025-12-31T23:00:00Z", "2026-03-31T22:00:00Z", 3, "2026-01", "2026-03");
  assert_period ("2026-Q2", "2026-03-31T22:00:00Z", "2026-06-30T22:00:00Z", 3, "2026-04", "2026-06");
  assert_period ("2026-Q3", "2026-06-30T22:00:00Z", "2026-09-30T22:00:00Z", 3, "2026-07", "2026-09");
  assert_period ("2026-Q4", "2026-09-30T22:00:00Z", "2026-12-31T23:00:00Z", 3, "2026-10", "2026-12");
  /* March 2026: DST starts on Sunday 29 March, so the month starts at
   * +01:00 and ends at +02:00. October 2026 the other way round (25th). */
  assert_period ("2026-03", "2026-02-28T23:00:00Z", "2026-03-31T22:00:00Z", 1, "2026-03", "2026-03");
  assert_period ("2026-10", "2026-09-30T22:00:00Z", "2026-10-31T23:00:00Z", 1, "2026-10", "2026-10");
  assert_period ("2026-12", "2026-11-30T23:00:00Z", "2026-12-31T23:00:00Z", 1, "2026-12", "2026-12");
  /* The interim report period: January–August. */
  assert_period ("2026-D", "2025-12-31T23:00:00Z", "2026-08-31T22:00:00Z", 8, "2026-01", "2026-08");
  /* Ranges include both days; across the DST change and a leap day. */
  assert_period ("2026-03-28..2026-03-30", "2026-03-27T23:00:00Z", "2026-03-30T22:00:00Z",
                 1, "2026-03", "2026-03");
  assert_period ("2026-03-02..2026-03-02", "2026-03-01T23:00:00Z", "2026-03-02T23:00:00Z",
                 1, "2026-03", "2026-03");
  assert_period ("2028-02-15..2028-04-01", "2028-02-14T23:00:00Z", "2028-04-01T22:00:00Z",
                 3, "2028-02", "2028-04");
  assert_period ("2028-02-29..2028-02-29", "2028-02-28T23:00:00Z", "2028-02-29T23:00:00Z",
                 1, "2028-02", "2028-02");
  assert_period ("2025-12-31..2026-01-01", "2025-12-30T23:00:00Z", "2026-01-01T23:00:00Z",
                 2, "2025-12", "2026-01");
}

/* Every boundary agrees with GLib's reading of the system's zone data. */
static void
test_against_tzdata (void)
{
  g_autoptr(GTimeZone) zone = g_time_zone_new_identifier ("Europe/Stockholm");

  if (zone == NULL)
    {
      g_test_skip ("no zone data for Europe/Stockholm");
      return;
    }

  for (int year = 2020; year <= 2030; year++)
    for (int month = 1; month <= 12; month++)
      {
        g_autofree char *text = g_strdup_printf ("%04d-%02d", year, month);
        g_autoptr(ResfriPeriod) period = resfri_period_parse (text, NULL);
        g_autoptr(GDateTime) first = g_date_time_new (zone, year, month, 1, 0, 0, 0);
        g_autoptr(GDateTime) after = g_date_time_add_months (first, 1);

        g_assert_nonnull (period);
        g_assert_cmpint (resfri_period_get_from (period), ==, g_date_time_to_unix (first));
        g_assert_cmpint (resfri_period_get_to (period), ==, g_date_time_to_unix (after));
      }
}

static void
test_find_month (void)
{
  g_autoptr(ResfriPeriod) period = resfri_period_parse ("2026-T1", NULL);
  int year, month;

  g_assert_nonnull (period);
  /* The first instant of the period, and the last second of it. */
  g_assert_cmpint (resfri_period_find_month (period, utc ("2025-12-31T23:00:00Z")), ==, 0);
  g_assert_cmpint (resfri_period_find_month (period, utc ("2026-04-30T21:59:59Z")), ==, 3);
  g_assert_cmpint (resfri_period_find_month (period, utc ("2026-04-30T22:00:00Z")), ==, -1);
  g_assert_cmpint (resfri_period_find_month (period, utc ("2025-12-31T22:59:59Z")), ==, -1);
  /* 00:30 on 1 March in Stockholm is still 28 February in UTC. */
  g_assert_cmpint (resfri_period_find_month (period, utc ("2026-02-28T23:30:00Z")), ==, 2);
  g_assert_cmpint (resfri_period_find_month (period, utc ("2026-02-28T22:59:59Z")), ==, 1);
  /* 1 April starts at 22:00 UTC (summer time). */
  g_assert_cmpint (resfri_period_find_month (period, utc ("2026-03-31T21:59:59Z")), ==, 2);
  g_assert_cmpint (resfri_period_find_month (period, utc ("2026-03-31T22:00:00Z")), ==, 3);

  resfri_period_get_month (period, 3, &year, &month);
  g_assert_cmpint (year, ==, 2026);
  g_assert_cmpint (month, ==, 4);
}

static void
test_previous_year (void)
{
  const struct { const char *text, *previous; } cases[] = {
    { "2026", "2025" },
    { "2026-T2", "2025-T2" },
    { "2026-D", "2025-D" },
    { "2026-03", "2025-03" },
    { "2026-Q4", "2025-Q4" },
    { "2028-02-01..2028-02-29", "2027-02-01..2027-02-28" },
    { "2028-02-29..2028-03-01", "2027-02-28..2027-03-01" },
    { "2026-01-01..2026-01-31", "2025-01-01..2025-01-31" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(ResfriPeriod) period = resfri_period_parse (cases[i].text, NULL);
      g_autoptr(ResfriPeriod) previous = NULL;
      g_autoptr(ResfriPeriod) expected = resfri_period_parse (cases[i].previous, NULL);

      g_assert_nonnull (period);
      g_assert_nonnull (expected);
      previous = resfri_period_previous_year (period);
      g_assert_cmpstr (resfri_period_get_label (previous), ==, cases[i].previous);
      g_assert_cmpint (resfri_period_get_from (previous), ==, resfri_period_get_from (expected));
      g_assert_cmpint (resfri_period_get_to (previous), ==, resfri_period_get_to (expected));
      g_assert_cmpuint (resfri_period_get_n_months (previous), ==,
                        resfri_period_get_n_months (expected));
    }
}

static void
test_invalid (void)
{
  const char *bad[] = {
    "", "26", "202", "20260", "2026-", "2026-T0", "2026-T4", "2026-H0", "2026-H3",
    "2026-Q0", "2026-Q5", "2026-00", "2026-13", "2026-1", "2026-t1", "2026-d", "2026-DD",
    "2026-T12", "2026-03-01", "2026-03-01..", "2026-03-02..2026-03-01",
    "2026-02-29..2026-03-01", "2026-04-31..2026-05-01", "2026-03-01...2026-03-02",
    "2026-3-1..2026-3-2", " 2026", "2026 ", "1969", "9999", "２０２６", "2026-T1x",
    "2026-03-01..2026-03-0x", "abcd", "2026/03",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(ResfriPeriod) period = resfri_period_parse (bad[i], &error);

      g_assert_null (period);
      g_assert_error (error, RESFRI_ERROR, RESFRI_ERROR_INVALID_INPUT);
      /* The message lists the forms. */
      g_assert_nonnull (strstr (error->message, "YYYY-Tn"));
      g_assert_nonnull (strstr (error->message, "YYYY-MM-DD..YYYY-MM-DD"));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/period/forms", test_forms);
  g_test_add_func ("/period/against-tzdata", test_against_tzdata);
  g_test_add_func ("/period/find-month", test_find_month);
  g_test_add_func ("/period/previous-year", test_previous_year);
  g_test_add_func ("/period/invalid", test_invalid);

  return g_test_run ();
}

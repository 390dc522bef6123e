/* test-timezone.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Zones and times (resfri-timezone.c): the home zone, resolving a TZID
 * through its fallback chain, the instants of wall-clock times at DST
 * changes (Europe/Stockholm and Europe/Madrid, checked against GLib's own
 * reading of the tz database), the spec/cli.md forms, the CLI's date
 * arguments, the VTIMEZONEs export writes, and a document's VTIMEZONEs
 * shared with the documents that carry the same one.
 */

#include "config.h"

#include <string.h>

#include "resfri-core.h"

#define CAL_BEGIN "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Resfri//Test//EN\r\n"
#define CAL_END "END:VCALENDAR\r\n"

/* Unix seconds of a wall-clock time in @zone, as GLib reads tzdata. */
static gint64
glib_unix (const char *zone,
           int         year,
           int         month,
           int         day,
           int         hour,
           int         minute)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier (zone);
  g_autoptr(GDateTime) dt = NULL;

  g_assert_nonnull (tz);
  dt = g_date_time_new (tz, year, month, day, hour, minute, 0);
  return g_date_time_to_unix (dt);
}

static void
test_home_zone (void)
{
  icaltimezone *home = resfri_ical_get_home_zone ();

  g_assert_nonnull (home);
  g_assert_cmpstr (icaltimezone_get_location (home), ==, RESFRI_ICAL_HOME_ZONE);
  g_assert_cmpstr (RESFRI_ICAL_HOME_ZONE, ==, "Europe/Stockholm");
  /* Once, the same zone. */
  g_assert_true (resfri_ical_get_home_zone () == home);
}

/* A date argument in another encoding is refused with a UTF-8 message
 * (found by fuzz-date-arg). */
static void
test_date_arg_invalid_utf8 (void)
{
  g_autoptr(GError) error = NULL;
  gint64 t = 0;

  g_assert_false (resfri_ical_parse_date_arg ("\xe5r-2026", &t, &error));
  g_assert_error (error, RESFRI_ERROR, RESFRI_ERROR_INVALID_INPUT);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  g_assert_nonnull (strstr (error->message, "r-2026"));
  g_clear_error (&error);

  g_assert_true (resfri_ical_parse_date_arg ("2026-03-29T01:30:00+01:00", &t, &error));
  g_assert_no_error (error);
  g_assert_cmpint (t, ==, 1774744200);
}

/* Dates are proleptic Gregorian: 0700 and 1700 were no leap years there,
 * though libical's Julian rule before 1753 says they were (found by
 * fuzz-date-arg in CI). */
static void
test_date_arg_gregorian (void)
{
  const char *refused[] = { "0700-02-29", "1700-02-29", "1900-02-29", "2026-02-29" };
  const char *accepted[] = { "0800-02-29", "1600-02-29", "2000-02-29", "2028-02-29" };
  gint64 t = 0;

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (resfri_ical_parse_date_arg (refused[i], &t, &error));
      g_assert_error (error, RESFRI_ERROR, RESFRI_ERROR_INVALID_INPUT);
    }
  for (guint i = 0; i < G_N_ELEMENTS (accepted); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_true (resfri_ical_parse_date_arg (accepted[i], &t, &error));
      g_assert_no_error (error);
    }
  /* 2028-02-29 00:00 CET */
  g_assert_cmpint (t, ==, 1835391600);
}

/* Resolving a TZID */

typedef struct
{
  const char *tzid;
  const char *location;   /* of the zone found; NULL: none */
} ResolveCase;

static const ResolveCase resolve_cases[] = {
  { "Europe/Stockholm", "Europe/Stockholm" },
  { "Europe/Madrid", "Europe/Madrid" },
  { "/mozilla.org/20050126_1/Europe/Stockholm", "Europe/Stockholm" },
  { "/freeassociation.sourceforge.net/Tzfile/Europe/Madrid", "Europe/Madrid" },
  { "W. Europe Standard Time", "Europe/Berlin" },
  { "w. europe standard time", "Europe/Berlin" },
  { "Pacific Standard Time", "America/Los_Angeles" },
  { "(UTC+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna", "Europe/Berlin" },
  { "(UTC+01:00) Brussels, Copenhagen, Madrid, Paris", "Europe/Paris" },
  { "Mars/Olympus_Mons", NULL },
  { "../../etc/passwd", NULL },
  { "", NULL },
  { NULL, NULL },
};

static void
test_resolve (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (resolve_cases); i++)
    {
      const ResolveCase *c = &resolve_cases[i];
      icaltimezone *zone;

      g_test_message ("%s", c->tzid ? c->tzid : "(null)");
      /* Twice: the second answer comes from the cache. */
      for (int pass = 0; pass < 2; pass++)
        {
          zone = resfri_ical_resolve_tzid (NULL, c->tzid);
          if (c->location == NULL)
            g_assert_null (zone);
          else
            {
              g_assert_nonnull (zone);
              g_assert_cmpstr (icaltimezone_get_location (zone), ==, c->location);
            }
        }
    }
}

/* The calendar's own VTIMEZONE comes first, even when it disagrees with
 * the tz database. */
static void
test_resolve_vtimezone_wins (void)
{
  const char *ics =
    CAL_BEGIN
    "BEGIN:VTIMEZONE\r\nTZID:Europe/Stockholm\r\n"
    "BEGIN:STANDARD\r\nDTSTART:19700101T000000\r\nTZOFFSETFROM:+0500\r\nTZOFFSETTO:+0500\r\n"
    "TZNAME:FAKE\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n"
    "BEGIN:VEVENT\r\nUID:z\r\nDTSTART;TZID=Europe/Stockholm:20260115T090000\r\nEND:VEVENT\r\n"
    CAL_END;
  g_autoptr(ResfriIcalDocument) doc = NULL;
  g_autoptr(GError) error = NULL;
  icalcomponent *vevent;
  icaltimezone *zone;
  icalproperty *dtstart;

  doc = resfri_ical_document_parse (ics, -1, "fake.ics", &error);
  g_assert_no_error (error);
  vevent = icalcomponent_get_first_component (g_ptr_array_index (resfri_ical_document_get_roots (doc), 0),
                                              ICAL_VEVENT_COMPONENT);
  zone = resfri_ical_resolve_tzid (vevent, "Europe/Stockholm");
  g_assert_nonnull (zone);
  g_assert_true (zone != icaltimezone_get_builtin_timezone ("Europe/Stockholm"));

  /* 09:00 at +05:00 is 04:00Z. */
  dtstart = icalcomponent_get_first_property (vevent, ICAL_DTSTART_PROPERTY);
  g_assert_cmpint (resfri_ical_time_to_unix (resfri_ical_property_get_time (dtstart, vevent)), ==,
                   glib_unix ("UTC", 2026, 1, 15, 4, 0));

  /* Without the calendar, the tz database. */
  g_assert_true (resfri_ical_resolve_tzid (NULL, "Europe/Stockholm") ==
                 icaltimezone_get_builtin_timezone ("Europe/Stockholm"));
}

/* The instant of 2026-01-15 09:00 in a document whose VTIMEZONE named
 * Europe/Stockholm is UTC@offset; its zone in @zone. */
static gint64
fake_stockholm_nine (const char          *offset,
                     ResfriIcalDocument **doc,
                     icaltimezone       **zone)
{
  g_autofree char *ics = g_strdup_printf (CAL_BEGIN
                                          "BEGIN:VTIMEZONE\r\nTZID:Europe/Stockholm\r\n"
                                          "BEGIN:STANDARD\r\nDTSTART:19700101T000000\r\n"
                                          "TZOFFSETFROM:%s\r\nTZOFFSETTO:%s\r\nTZNAME:FAKE\r\n"
                                          "END:STANDARD\r\nEND:VTIMEZONE\r\n"
                                          "BEGIN:VEVENT\r\nUID:z\r\n"
                                          "DTSTART;TZID=Europe/Stockholm:20260115T090000\r\n"
                                          "END:VEVENT\r\n" CAL_END, offset, offset);
  g_autoptr(GError) error = NULL;
  icalcomponent *vevent;

  *doc = resfri_ical_document_parse (ics, -1, "fake.ics", &error);
  g_assert_no_error (error);
  vevent = icalcomponent_get_first_component (g_ptr_array_index (resfri_ical_document_get_roots (*doc), 0),
                                              ICAL_VEVENT_COMPONENT);
  *zone = resfri_ical_resolve_tzid (vevent, "Europe/Stockholm");
  return resfri_ical_time_to_unix (resfri_ical_property_get_time (
    icalcomponent_get_first_property (vevent, ICAL_DTSTART_PROPERTY), vevent));
}

/* Documents with the same VTIMEZONE share one zone (worked out once, not
 * for each resource of a sync); another VTIMEZONE of the same name has its
 * own, also after documents come and go. */
static void
test_shared_vtimezone (void)
{
  ResfriIcalDocument *a, *b, *c, *d;
  icaltimezone *za, *zb, *zc, *zd;

  g_assert_cmpint (fake_stockholm_nine ("+0500", &a, &za), ==, glib_unix ("UTC", 2026, 1, 15, 4, 0));
  g_assert_cmpint (fake_stockholm_nine ("+0300", &b, &zb), ==, glib_unix ("UTC", 2026, 1, 15, 6, 0));
  g_assert_cmpint (fake_stockholm_nine ("+0500", &c, &zc), ==, glib_unix ("UTC", 2026, 1, 15, 4, 0));
  g_assert_true (za == zc);
  g_assert_true (za != zb);
  resfri_ical_document_free (a);
  resfri_ical_document_free (c);
  g_assert_cmpint (fake_stockholm_nine ("+0300", &d, &zd), ==, glib_unix ("UTC", 2026, 1, 15, 6, 0));
  g_assert_true (zd == zb);
  resfri_ical_document_free (d);
  g_assert_cmpint (fake_stockholm_nine ("+0500", &a, &za), ==, glib_unix ("UTC", 2026, 1, 15, 4, 0));
  resfri_ical_document_free (a);
  resfri_ical_document_free (b);
}

typedef struct
{
  const char *windows;
  const char *olson;
} WindowsCase;

static const WindowsCase windows_cases[] = {
  { "W. Europe Standard Time", "Europe/Berlin" },
  { "w. europe standard time", "Europe/Berlin" },
  { "GMT Standard Time", "Europe/London" },
  { "Romance Standard Time", "Europe/Paris" },
  { "Pacific Standard Time", "America/Los_Angeles" },
  { "Mars Standard Time", NULL },
  { "Europe/Stockholm", NULL },
  { NULL, NULL },
};

static void
test_windows_zone (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (windows_cases); i++)
    g_assert_cmpstr (resfri_ical_windows_zone_to_olson (windows_cases[i].windows), ==,
                     windows_cases[i].olson);
}

/* The time of a property */

typedef struct
{
  const char *name;
  const char *line;       /* a property of a VEVENT */
  gboolean    null_time;
  gboolean    is_date;
  const char *zone;       /* location of .zone, "UTC", or NULL */
  const char *form;       /* resfri_ical_format_time () */
  gint64      unix_time;
} PropertyCase;

static const PropertyCase property_cases[] = {
  { "utc", "DTSTART:20260115T090000Z", FALSE, FALSE, "UTC", "20260115T090000Z", 1768467600 },
  { "zoned", "DTSTART;TZID=Europe/Stockholm:20260115T090000", FALSE, FALSE, "Europe/Stockholm",
    "20260115T080000Z", 1768464000 },
  { "zoned-summer", "DTSTART;TZID=Europe/Stockholm:20260715T090000", FALSE, FALSE, "Europe/Stockholm",
    "20260715T070000Z", 1784098800 },
  { "unknown-tzid-in-home-zone", "DTSTART;TZID=Nowhere/Special:20260115T090000", FALSE, FALSE,
    "Europe/Stockholm", "20260115T080000Z", 1768464000 },
  { "floating", "DTSTART:20260115T090000", FALSE, FALSE, NULL, "20260115T090000", 1768464000 },
  { "date", "DTSTART;VALUE=DATE:20260115", FALSE, TRUE, NULL, "20260115", 1768431600 },
  { "period-start", "RDATE;VALUE=PERIOD:20260115T090000Z/PT1H", FALSE, FALSE, "UTC",
    "20260115T090000Z", 1768467600 },
  { "month-35", "DTSTART:15763595T000000Z", TRUE, FALSE, NULL, NULL, 0 },
  { "hour-25", "DTSTART:20260115T250000Z", TRUE, FALSE, NULL, NULL, 0 },
  { "february-30", "DTSTART;VALUE=DATE:20260230", TRUE, FALSE, NULL, NULL, 0 },
  { "not-a-time", "SUMMARY:20260115T090000Z", TRUE, FALSE, NULL, NULL, 0 },
};

static void
test_property_case (gconstpointer data)
{
  const PropertyCase *c = data;
  g_autofree char *ics = g_strconcat (CAL_BEGIN "BEGIN:VEVENT\r\nUID:p\r\n", c->line,
                                      "\r\nEND:VEVENT\r\n" CAL_END, NULL);
  g_autoptr(icalcomponent) cal = NULL;
  struct icaltimetype t;
  icalcomponent *vevent;
  icalproperty *prop;
  char form[20];

  /* libical's own parse: the property may be one the reader refuses. */
  resfri_ical_get_home_zone ();
  cal = icalparser_parse_string (ics);
  g_assert_nonnull (cal);
  vevent = icalcomponent_get_first_component (cal, ICAL_VEVENT_COMPONENT);
  g_assert_nonnull (vevent);
  for (prop = icalcomponent_get_first_property (vevent, ICAL_ANY_PROPERTY);
       prop != NULL && icalproperty_isa (prop) == ICAL_UID_PROPERTY;
       prop = icalcomponent_get_next_property (vevent, ICAL_ANY_PROPERTY))
    ;
  g_assert_nonnull (prop);

  t = resfri_ical_property_get_time (prop, vevent);
  g_assert_cmpint (icaltime_is_null_time (t), ==, c->null_time);
  g_assert_cmpint (resfri_ical_time_to_unix (t), ==, c->unix_time);
  if (c->null_time)
    return;

  g_assert_cmpint (t.is_date, ==, c->is_date);
  if (c->zone == NULL)
    g_assert_null (t.zone);
  else if (strcmp (c->zone, "UTC") == 0)
    g_assert_true (icaltime_is_utc (t));
  else
    g_assert_cmpstr (icaltimezone_get_location ((icaltimezone *) t.zone), ==, c->zone);

  resfri_ical_format_time (t, form);
  g_assert_cmpstr (form, ==, c->form);
}

/* Wall-clock times at DST changes (RFC 5545 3.3.5) */

typedef struct
{
  const char *zone;
  const char *wall;       /* local time */
  const char *utc;        /* the instant */
} DstCase;

static const DstCase dst_cases[] = {
  /* A time in the spring gap takes the offset from before it. */
  { "Europe/Stockholm", "20260329T023000", "20260329T013000Z" },
  { "Europe/Madrid", "20230326T023000", "20230326T013000Z" },
  /* Either side of the gap. */
  { "Europe/Madrid", "20230326T015959", "20230326T005959Z" },
  { "Europe/Madrid", "20230326T030000", "20230326T010000Z" },
  /* A time in the autumn overlap is the first of the two. */
  { "Europe/Stockholm", "20261025T023000", "20261025T003000Z" },
  { "Europe/Madrid", "20231029T023000", "20231029T003000Z" },
  /* Either side of the overlap. */
  { "Europe/Madrid", "20231029T015959", "20231028T235959Z" },
  { "Europe/Madrid", "20231029T030000", "20231029T020000Z" },
  /* Far from any change, and in a zone west of UTC. */
  { "Europe/Madrid", "20230615T120000", "20230615T100000Z" },
  { "America/New_York", "20230312T023000", "20230312T073000Z" },
  { "America/New_York", "20231105T013000", "20231105T053000Z" },
};

static void
test_dst (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (dst_cases); i++)
    {
      const DstCase *c = &dst_cases[i];
      struct icaltimetype t = icaltime_from_string (c->wall);
      char form[20];

      g_test_message ("%s %s", c->zone, c->wall);
      t.zone = icaltimezone_get_builtin_timezone (c->zone);
      g_assert_nonnull (t.zone);
      resfri_ical_format_time (t, form);
      g_assert_cmpstr (form, ==, c->utc);
    }

  /* Outside the changes, what GLib says. */
  {
    struct icaltimetype t = icaltime_from_string ("20230615T120000");

    t.zone = icaltimezone_get_builtin_timezone ("Europe/Madrid");
    g_assert_cmpint (resfri_ical_time_to_unix (t), ==, glib_unix ("Europe/Madrid", 2023, 6, 15, 12, 0));
  }
}

/* Dates and floating times are in the home zone; a null time is 0. */
static void
test_time_to_unix_home_zone (void)
{
  struct icaltimetype date = icaltime_from_string ("20260329");
  struct icaltimetype floating = icaltime_from_string ("20260329T120000");

  g_assert_true (date.is_date);
  g_assert_cmpint (resfri_ical_time_to_unix (date), ==, glib_unix ("Europe/Stockholm", 2026, 3, 29, 0, 0));
  g_assert_cmpint (resfri_ical_time_to_unix (floating), ==, glib_unix ("Europe/Stockholm", 2026, 3, 29, 12, 0));
  g_assert_cmpint (resfri_ical_time_to_unix (icaltime_null_time ()), ==, 0);
}

/* The spec/cli.md forms */

typedef struct
{
  gint64      t;
  const char *form;
} UnixCase;

static const UnixCase unix_cases[] = {
  { 0, "19700101T000000Z" },
  { -1, "19691231T235959Z" },
  { 1774744200, "20260329T003000Z" },
  { 951782400, "20000229T000000Z" },
  { G_GINT64_CONSTANT (253402300799), "99991231T235959Z" },
  { G_GINT64_CONSTANT (-62135596800), "00010101T000000Z" },
};

static void
test_format_unix_utc (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (unix_cases); i++)
    {
      char form[20];

      resfri_ical_format_unix_utc (unix_cases[i].t, form);
      g_assert_cmpstr (form, ==, unix_cases[i].form);
    }
}

/* resfri_civil_time_from_unix() against GDateTime: every day's midnight
 * and last second over 1600..2401 (leap centuries, the 400-year era's
 * edges), before 1970 too, and a few instants near the four-digit ends. */
static void
test_civil_time_from_unix (void)
{
  const gint64 first = G_GINT64_CONSTANT (-11676096000);    /* 1600-01-01 */
  const gint64 last = G_GINT64_CONSTANT (13601088000);      /* 2401-01-01 */
  const gint64 edges[] = { G_GINT64_CONSTANT (-30610224000), G_GINT64_CONSTANT (253402300799),
                           -1, 0, 86399, 86400, 951782400, 951868799 };

  for (gint64 day = first; day <= last; day += 86400)
    for (gint64 t = day; t <= day + 86399; t += 86399)
      {
        g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (t);
        ResfriCivilTime c;

        resfri_civil_time_from_unix (t, &c);
        g_assert_cmpint (c.year, ==, g_date_time_get_year (dt));
        g_assert_cmpint (c.month, ==, g_date_time_get_month (dt));
        g_assert_cmpint (c.day, ==, g_date_time_get_day_of_month (dt));
        g_assert_cmpint (c.seconds, ==, (gint64) g_date_time_get_hour (dt) * 3600 +
                         g_date_time_get_minute (dt) * 60 + g_date_time_get_second (dt));
      }
  for (gsize i = 0; i < G_N_ELEMENTS (edges); i++)
    {
      g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (edges[i]);
      ResfriCivilTime c;

      resfri_civil_time_from_unix (edges[i], &c);
      g_assert_cmpint (c.year, ==, g_date_time_get_year (dt));
      g_assert_cmpint (c.month, ==, g_date_time_get_month (dt));
      g_assert_cmpint (c.day, ==, g_date_time_get_day_of_month (dt));
      g_assert_cmpint (c.seconds, ==, (gint64) g_date_time_get_hour (dt) * 3600 +
                       g_date_time_get_minute (dt) * 60 + g_date_time_get_second (dt));
    }
}

static void
test_format_time (void)
{
  struct icaltimetype t;
  char form[20];

  t = icaltime_from_string ("20260115");
  resfri_ical_format_time (t, form);
  g_assert_cmpstr (form, ==, "20260115");

  t = icaltime_from_string ("20260115T090000");
  resfri_ical_format_time (t, form);
  g_assert_cmpstr (form, ==, "20260115T090000");

  t = icaltime_from_string ("20260115T090000Z");
  resfri_ical_format_time (t, form);
  g_assert_cmpstr (form, ==, "20260115T090000Z");

  /* A date keeps its form whatever zone it carries. */
  t = icaltime_from_string ("20260115");
  t.zone = icaltimezone_get_builtin_timezone ("America/New_York");
  resfri_ical_format_time (t, form);
  g_assert_cmpstr (form, ==, "20260115");
}

/* Date arguments */

typedef struct
{
  const char *text;
  gboolean    valid;
  gint64      unix_time;
} DateArgCase;

static const DateArgCase date_arg_cases[] = {
  { "2026-01-15", TRUE, 1768431600 },           /* midnight CET */
  { "2026-07-01", TRUE, 1782856800 },           /* midnight CEST */
  { "2026-03-29T01:30:00+01:00", TRUE, 1774744200 },
  { "2026-03-29T00:30:00Z", TRUE, 1774744200 },
  { "2026-03-29T02:30:00+02:00", TRUE, 1774744200 },
  { "2026-01-15T09:00", FALSE, 0 },             /* no offset */
  { "2026-01-15T09:00:00", FALSE, 0 },
  { "2026-1-15", FALSE, 0 },
  { "20260115", FALSE, 0 },
  { "2026-13-01", FALSE, 0 },
  { "2026-00-10", FALSE, 0 },
  { "2026-01-32", FALSE, 0 },
  { "2026-01-15x", FALSE, 0 },
  { "+026-01-15", FALSE, 0 },
  { "tomorrow", FALSE, 0 },
  { "", FALSE, 0 },
  { NULL, FALSE, 0 },
};

static void
test_date_arg (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (date_arg_cases); i++)
    {
      const DateArgCase *c = &date_arg_cases[i];
      g_autoptr(GError) error = NULL;
      gint64 t = -1;

      g_test_message ("%s", c->text ? c->text : "(null)");
      if (c->valid)
        {
          g_assert_true (resfri_ical_parse_date_arg (c->text, &t, &error));
          g_assert_no_error (error);
          g_assert_cmpint (t, ==, c->unix_time);
        }
      else
        {
          g_assert_false (resfri_ical_parse_date_arg (c->text, &t, &error));
          g_assert_error (error, RESFRI_ERROR, RESFRI_ERROR_INVALID_INPUT);
          g_assert_cmpint (t, ==, -1);
        }
    }

  /* A date is the home zone's midnight, as GLib reads tzdata. */
  {
    gint64 t = 0;

    g_assert_true (resfri_ical_parse_date_arg ("2026-10-25", &t, NULL));
    g_assert_cmpint (t, ==, glib_unix ("Europe/Stockholm", 2026, 10, 25, 0, 0));
  }
}

/* VTIMEZONEs for export */

static void
test_vtimezone (void)
{
  icaltimezone *zone = icaltimezone_get_builtin_timezone ("Europe/Stockholm");
  g_autoptr(icalcomponent) vtz = NULL;
  icalproperty *tzid;
  guint n_rules = 0;

  vtz = resfri_ical_dup_vtimezone (zone, "W. Europe Standard Time", 1767225600 /* 2026-01-01 */);
  g_assert_nonnull (vtz);
  g_assert_cmpint (icalcomponent_isa (vtz), ==, ICAL_VTIMEZONE_COMPONENT);

  /* Under the name the meetings use. */
  tzid = icalcomponent_get_first_property (vtz, ICAL_TZID_PROPERTY);
  g_assert_nonnull (tzid);
  g_assert_cmpstr (icalproperty_get_tzid (tzid), ==, "W. Europe Standard Time");

  /* The rules in force, open-ended: no RRULE with UNTIL is left. */
  for (icalcomponent *c = icalcomponent_get_first_component (vtz, ICAL_ANY_COMPONENT);
       c != NULL;
       c = icalcomponent_get_next_component (vtz, ICAL_ANY_COMPONENT))
    {
      icalproperty *rrule = icalcomponent_get_first_property (c, ICAL_RRULE_PROPERTY);

      g_assert_true (icalcomponent_isa (c) == ICAL_XSTANDARD_COMPONENT ||
                     icalcomponent_isa (c) == ICAL_XDAYLIGHT_COMPONENT);
      if (rrule == NULL)
        continue;
      n_rules++;
      g_assert_true (icaltime_is_null_time (icalproperty_get_rrule (rrule).until));
    }
  g_assert_cmpuint (n_rules, ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/timezone/home-zone", test_home_zone);
  g_test_add_func ("/timezone/resolve", test_resolve);
  g_test_add_func ("/timezone/resolve-vtimezone-wins", test_resolve_vtimezone_wins);
  g_test_add_func ("/timezone/shared-vtimezone", test_shared_vtimezone);
  g_test_add_func ("/timezone/windows-zone", test_windows_zone);
  for (gsize i = 0; i < G_N_ELEMENTS (property_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/timezone/property-time/%s", property_cases[i].name);
      g_test_add_data_func (path, &property_cases[i], test_property_case);
    }
  g_test_add_func ("/timezone/dst", test_dst);
  g_test_add_func ("/timezone/time-to-unix-home-zone", test_time_to_unix_home_zone);
  g_test_add_func ("/timezone/civil-time-from-unix", test_civil_time_from_unix);
  g_test_add_func ("/timezone/format-unix-utc", test_format_unix_utc);
  g_test_add_func ("/timezone/format-time", test_format_time);
  g_test_add_func ("/timezone/date-arg", test_date_arg);
  g_test_add_func ("/timezone/date-arg/invalid-utf8", test_date_arg_invalid_utf8);
  g_test_add_func ("/timezone/date-arg/gregorian", test_date_arg_gregorian);
  g_test_add_func ("/timezone/vtimezone", test_vtimezone);

  return g_test_run ();
}

/* resfri-demo-calendar.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The demo year's days, as julian day numbers: the Swedish public holidays
 * that fall on weekdays (and the eves offices close), the spring and autumn
 * terms, and the working days meetings are put on.
 */

#include "config.h"

#include <string.h>

#include "resfri-demo-private.h"

guint32
_resfri_demo_julian_for (int          year,
                         GDateMonth   month,
                         GDateDay     day)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, day, month, (GDateYear) year);
  return g_date_get_julian (&date);
}

GDateWeekday
_resfri_demo_weekday_of (guint32 julian)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_julian (&date, julian);
  return g_date_get_weekday (&date);
}

gboolean
_resfri_demo_is_holiday (Demo    *d,
                         guint32  julian)
{
  if (julian < d->year_first || julian >= d->year_first + d->days_in_year)
    return FALSE;
  return d->holiday[julian - d->year_first + 1];
}

gboolean
_resfri_demo_is_workday (Demo    *d,
                         guint32  julian)
{
  return _resfri_demo_weekday_of (julian) <= G_DATE_FRIDAY && !_resfri_demo_is_holiday (d, julian);
}

static void
mark_holiday (Demo    *d,
              guint32  julian)
{
  if (julian >= d->year_first && julian < d->year_first + d->days_in_year)
    d->holiday[julian - d->year_first + 1] = TRUE;
}

/* The Swedish public holidays on weekdays, and the eves offices close. */
void
_resfri_demo_setup_calendar (Demo *d)
{
  int y = d->year;
  int a = y % 19, b = y / 100, c = y % 100, dd = b / 4, e = b % 4;
  int f = (b + 8) / 25, g = (b - f + 1) / 3, h = (19 * a + b - dd - g + 15) % 30;
  int i = c / 4, k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7;
  int m = (a + 11 * h + 22 * l) / 451;
  int easter_month = (h + l - 7 * m + 114) / 31;
  int easter_day = ((h + l - 7 * m + 114) % 31) + 1;
  guint32 easter = _resfri_demo_julian_for (y, easter_month, easter_day);
  guint32 midsummer;

  d->year_first = _resfri_demo_julian_for (y, G_DATE_JANUARY, 1);
  d->days_in_year = g_date_is_leap_year ((GDateYear) y) ? 366 : 365;
  memset (d->holiday, 0, sizeof d->holiday);

  mark_holiday (d, _resfri_demo_julian_for (y, G_DATE_JANUARY, 1));
  mark_holiday (d, _resfri_demo_julian_for (y, G_DATE_JANUARY, 6));
  mark_holiday (d, easter - 2);             /* långfredagen */
  mark_holiday (d, easter + 1);             /* annandag påsk */
  mark_holiday (d, _resfri_demo_julian_for (y, G_DATE_MAY, 1));
  mark_holiday (d, easter + 39);            /* Kristi himmelsfärds dag */
  mark_holiday (d, _resfri_demo_julian_for (y, G_DATE_JUNE, 6));
  midsummer = _resfri_demo_julian_for (y, G_DATE_JUNE, 19);
  while (_resfri_demo_weekday_of (midsummer) != G_DATE_FRIDAY)
    midsummer++;
  mark_holiday (d, midsummer);              /* midsommarafton */
  mark_holiday (d, _resfri_demo_julian_for (y, G_DATE_DECEMBER, 24));
  mark_holiday (d, _resfri_demo_julian_for (y, G_DATE_DECEMBER, 25));
  mark_holiday (d, _resfri_demo_julian_for (y, G_DATE_DECEMBER, 26));
  mark_holiday (d, _resfri_demo_julian_for (y, G_DATE_DECEMBER, 31));

  /* Terms: from the Monday on or after 12 January to 12 June, and from the
   * Monday on or after 17 August to 16 December. */
  d->spring[0] = _resfri_demo_julian_for (y, G_DATE_JANUARY, 12);
  while (_resfri_demo_weekday_of (d->spring[0]) != G_DATE_MONDAY)
    d->spring[0]++;
  d->spring[1] = _resfri_demo_julian_for (y, G_DATE_JUNE, 12);
  d->autumn[0] = _resfri_demo_julian_for (y, G_DATE_AUGUST, 17);
  while (_resfri_demo_weekday_of (d->autumn[0]) != G_DATE_MONDAY)
    d->autumn[0]++;
  d->autumn[1] = _resfri_demo_julian_for (y, G_DATE_DECEMBER, 16);

  d->workdays = g_array_new (FALSE, FALSE, sizeof (guint32));
  for (guint32 j = d->year_first; j < d->year_first + d->days_in_year; j++)
    if (_resfri_demo_is_workday (d, j))
      g_array_append_val (d->workdays, j);
}

static guint
month_of (guint32 julian)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_julian (&date, julian);
  return g_date_get_month (&date);
}

/* A working day of the year; July only now and then. */
guint32
_resfri_demo_random_workday (Demo *d)
{
  for (;;)
    {
      guint32 day = g_array_index (d->workdays, guint32, rnd (d, d->workdays->len));

      if (month_of (day) != G_DATE_JULY || chance (d, 0.05))
        return day;
    }
}

guint32
_resfri_demo_first_weekday_from (guint32      day,
                                 GDateWeekday weekday)
{
  while (_resfri_demo_weekday_of (day) != weekday)
    day++;
  return day;
}

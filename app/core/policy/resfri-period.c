/* resfri-period.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "resfri-error.h"
#include "resfri-period.h"
#include "resfri-timezone.h"

#define MIN_YEAR 1970
#define MAX_YEAR 2199

struct _ResfriPeriod
{
  ResfriPeriodKind  kind;
  char             *label;
  /* The first day and the first day after, as civil dates. */
  int               first_year, first_month, first_day;
  int               after_year, after_month, after_day;
  gint64            from;
  gint64            to;
  guint             n_months;
  /* n_months + 1 instants: where each month starts within [from, to),
   * the last one being @to. */
  gint64           *month_starts;
};

static int
days_in_month (int year,
               int month)
{
  static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

  if (month == 2 && ((year % 4 == 0 && year % 100 != 0) || year % 400 == 0))
    return 29;

  return days[month - 1];
}

/* Midnight of a civil date in Europe/Stockholm, as UTC unix seconds. */
static gint64
home_midnight (int year,
               int month,
               int day)
{
  struct icaltimetype date = icaltime_null_time ();

  date.year = year;
  date.month = month;
  date.day = day;
  date.is_date = 1;

  return resfri_ical_time_to_unix (date);
}

/* Reads exactly @n digits at @p; -1 when they are not all digits. */
static int
read_digits (const char *p,
             guint       n)
{
  int value = 0;

  for (guint i = 0; i < n; i++)
    {
      if (!g_ascii_isdigit (p[i]))
        return -1;
      value = value * 10 + (p[i] - '0');
    }

  return value;
}

/* YYYY-MM-DD, exactly ten characters at @p. */
static gboolean
read_date (const char *p,
           int        *year,
           int        *month,
           int        *day)
{
  *year = read_digits (p, 4);
  if (*year < 0 || p[4] != '-')
    return FALSE;
  *month = read_digits (p + 5, 2);
  if (*month < 1 || *month > 12 || p[7] != '-')
    return FALSE;
  *day = read_digits (p + 8, 2);
  if (*day < 1 || *day > days_in_month (*year, *month))
    return FALSE;

  return *year >= MIN_YEAR && *year <= MAX_YEAR;
}

static void
next_day (int *year,
          int *month,
          int *day)
{
  if (++*day > days_in_month (*year, *month))
    {
      *day = 1;
      if (++*month > 12)
        {
          *month = 1;
          ++*year;
        }
    }
}

/* Fills in the instants and the months from the civil dates. */
static void
finish (ResfriPeriod *self)
{
  int year = self->first_year;
  int month = self->first_month;

  self->from = home_midnight (self->first_year, self->first_month, self->first_day);
  self->to = home_midnight (self->after_year, self->after_month, self->after_day);

  /* Months from the first day's up to the last day's (the day before
   * "after"). */
  self->n_months = (self->after_year - self->first_year) * 12 +
                   (self->after_month - self->first_month) + (self->after_day > 1 ? 1 : 0);
  self->month_starts = g_new (gint64, self->n_months + 1);
  self->month_starts[0] = self->from;
  for (guint i = 1; i < self->n_months; i++)
    {
      if (++month > 12)
        {
          month = 1;
          year++;
        }
      self->month_starts[i] = home_midnight (year, month, 1);
    }
  self->month_starts[self->n_months] = self->to;
}

static ResfriPeriod *
period_new_months (ResfriPeriodKind  kind,
                   const char       *label,
                   int               year,
                   int               first_month,
                   int               n_months)
{
  ResfriPeriod *self = g_new0 (ResfriPeriod, 1);

  self->kind = kind;
  self->label = g_strdup (label);
  self->first_year = year;
  self->first_month = first_month;
  self->first_day = 1;
  self->after_year = year + (first_month - 1 + n_months) / 12;
  self->after_month = (first_month - 1 + n_months) % 12 + 1;
  self->after_day = 1;
  finish (self);

  return self;
}

static ResfriPeriod *
parse (const char *text)
{
  gsize len = strlen (text);
  int year = read_digits (text, MIN (len, 4));

  if (len < 4 || year < MIN_YEAR || year > MAX_YEAR)
    return NULL;

  if (len == 4)
    return period_new_months (RESFRI_PERIOD_YEAR, text, year, 1, 12);

  if (text[4] != '-')
    return NULL;

  if (len == 6 && text[5] == 'D')
    return period_new_months (RESFRI_PERIOD_INTERIM, text, year, 1, 8);

  if (len == 7 && g_ascii_isdigit (text[6]))
    {
      int n = text[6] - '0';

      switch (text[5])
        {
        case 'T':
          if (n >= 1 && n <= 3)
            return period_new_months (RESFRI_PERIOD_TERTIAL, text, year, (n - 1) * 4 + 1, 4);
          return NULL;
        case 'H':
          if (n >= 1 && n <= 2)
            return period_new_months (RESFRI_PERIOD_HALF_YEAR, text, year, (n - 1) * 6 + 1, 6);
          return NULL;
        case 'Q':
          if (n >= 1 && n <= 4)
            return period_new_months (RESFRI_PERIOD_QUARTER, text, year, (n - 1) * 3 + 1, 3);
          return NULL;
        default:
          {
            int month = read_digits (text + 5, 2);

            if (month >= 1 && month <= 12)
              return period_new_months (RESFRI_PERIOD_MONTH, text, year, month, 1);
            return NULL;
          }
        }
    }

  if (len == 22 && text[10] == '.' && text[11] == '.')
    {
      ResfriPeriod *self;
      int y1, m1, d1, y2, m2, d2;

      if (!read_date (text, &y1, &m1, &d1) || !read_date (text + 12, &y2, &m2, &d2))
        return NULL;
      if (y1 > y2 || (y1 == y2 && (m1 > m2 || (m1 == m2 && d1 > d2))))
        return NULL;

      self = g_new0 (ResfriPeriod, 1);
      self->kind = RESFRI_PERIOD_RANGE;
      self->label = g_strdup (text);
      self->first_year = y1;
      self->first_month = m1;
      self->first_day = d1;
      next_day (&y2, &m2, &d2);
      self->after_year = y2;
      self->after_month = m2;
      self->after_day = d2;
      finish (self);

      return self;
    }

  return NULL;
}

ResfriPeriod *
resfri_period_parse (const char  *text,
                     GError     **error)
{
  ResfriPeriod *self = NULL;

  if (text != NULL && g_utf8_validate (text, -1, NULL))
    self = parse (text);

  if (self == NULL)
    {
      g_autofree char *shown = text ? g_utf8_make_valid (text, -1) : g_strdup ("");

      g_set_error (error, RESFRI_ERROR, RESFRI_ERROR_INVALID_INPUT,
                   /* TRANSLATORS: keep the forms as they are: they are what
                    * the user types */
                   _("“%s” is not a period: use YYYY (year), YYYY-Tn (tertial 1–3), "
                     "YYYY-Hn (half year 1–2), YYYY-Qn (quarter 1–4), YYYY-MM (month), "
                     "YYYY-D (interim report, January–August) or YYYY-MM-DD..YYYY-MM-DD, "
                     "in the years %d–%d"),
                   shown, MIN_YEAR, MAX_YEAR);
    }

  return self;
}

void
resfri_period_free (ResfriPeriod *self)
{
  if (self == NULL)
    return;

  g_free (self->label);
  g_free (self->month_starts);
  g_free (self);
}

ResfriPeriod *
resfri_period_previous_year (const ResfriPeriod *self)
{
  ResfriPeriod *previous;
  int y1, d1, ly, lm, ld;

  g_return_val_if_fail (self != NULL, NULL);

  /* The first and the last day a year earlier, 29 February as the 28th. */
  y1 = self->first_year - 1;
  d1 = MIN (self->first_day, days_in_month (y1, self->first_month));
  ly = self->after_year;
  lm = self->after_month;
  ld = self->after_day - 1;
  if (ld < 1)
    {
      if (--lm < 1)
        {
          lm = 12;
          ly--;
        }
      ld = days_in_month (ly, lm);
    }
  ly--;
  ld = MIN (ld, days_in_month (ly, lm));

  previous = g_new0 (ResfriPeriod, 1);
  previous->kind = self->kind;
  if (self->kind == RESFRI_PERIOD_RANGE)
    previous->label = g_strdup_printf ("%04d-%02d-%02d..%04d-%02d-%02d",
                                       y1, self->first_month, d1, ly, lm, ld);
  else
    previous->label = g_strdup_printf ("%04d%s", y1, self->label + 4);
  previous->first_year = y1;
  previous->first_month = self->first_month;
  previous->first_day = d1;
  next_day (&ly, &lm, &ld);
  previous->after_year = ly;
  previous->after_month = lm;
  previous->after_day = ld;
  finish (previous);

  return previous;
}

ResfriPeriodKind
resfri_period_get_kind (const ResfriPeriod *self)
{
  return self->kind;
}

const char *
resfri_period_get_label (const ResfriPeriod *self)
{
  return self->label;
}

gint64
resfri_period_get_from (const ResfriPeriod *self)
{
  return self->from;
}

gint64
resfri_period_get_to (const ResfriPeriod *self)
{
  return self->to;
}

char *
resfri_period_dup_first_day (const ResfriPeriod *self)
{
  return g_strdup_printf ("%04d-%02d-%02d", self->first_year, self->first_month, self->first_day);
}

char *
resfri_period_dup_last_day (const ResfriPeriod *self)
{
  int year = self->after_year;
  int month = self->after_month;
  int day = self->after_day - 1;

  if (day < 1)
    {
      if (--month < 1)
        {
          month = 12;
          year--;
        }
      day = days_in_month (year, month);
    }

  return g_strdup_printf ("%04d-%02d-%02d", year, month, day);
}

guint
resfri_period_get_n_months (const ResfriPeriod *self)
{
  return self->n_months;
}

void
resfri_period_get_month (const ResfriPeriod *self,
                         guint               index,
                         int                *year,
                         int                *month)
{
  int m;

  g_return_if_fail (index < self->n_months);

  m = self->first_month - 1 + (int) index;
  if (year != NULL)
    *year = self->first_year + m / 12;
  if (month != NULL)
    *month = m % 12 + 1;
}

char *
resfri_period_dup_month_label (const ResfriPeriod *self,
                               guint               index)
{
  int year, month;

  g_return_val_if_fail (index < self->n_months, NULL);

  resfri_period_get_month (self, index, &year, &month);

  return g_strdup_printf ("%04d-%02d", year, month);
}

int
resfri_period_find_month (const ResfriPeriod *self,
                          gint64              t)
{
  guint lo = 0;
  guint hi = self->n_months;

  if (t < self->from || t >= self->to)
    return -1;

  /* The last month start ≤ t. */
  while (hi - lo > 1)
    {
      guint mid = (lo + hi) / 2;

      if (self->month_starts[mid] <= t)
        lo = mid;
      else
        hi = mid;
    }

  return (int) lo;
}

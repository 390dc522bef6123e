/* resfri-expand.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The recurrence engine (resfri-expand.h): a VEVENT's RRULE, RDATE, EXDATE
 * and overrides turned into occurrences up to a horizon, with fast paths for
 * the common rules and libical's iterator for the rest. A whole document's
 * series are resfri-expand-document.c.
 *
 * Recurrence is expanded in the event's own zone: libical's iterator walks
 * wall-clock times with DTSTART's zone attached, and each instance is then
 * converted to UTC on its own, so a weekly 09:00 Europe/Stockholm meeting
 * stays at 09:00 local on both sides of a DST change.
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "resfri-error.h"
#include "resfri-expand.h"
#include "resfri-timezone.h"

typedef struct
{
  gboolean is_date;
  int      year;
  int      month;
  int      day;
  gint64   instant;
  /* An EXDATE in a zone other than DTSTART's also matches the instance
   * with the same wall-clock time (as python-recurring-ical-events does):
   * writers that put the wrong zone on an EXDATE mean that instance. */
  gboolean other_zone;
  int      hour;
  int      minute;
  int      second;
} Exclusion;

/* What a RECURRENCE-ID;RANGE=THISANDFUTURE override does to the instances
 * from its own on. */
typedef struct
{
  gint64   rid_start;   /* the original start it names */
  gint64   shift;       /* wall-clock seconds added to the start */
  gint64   duration;    /* seconds; days for dates */
  gboolean cancelled;
} FutureRange;

typedef struct
{
  icalcomponent      *vevent;
  const char         *uid;
  ResfriExpandFlags   flags;
  struct icaltimetype dtstart;
  gint64              dtstart_unix;
  gboolean            is_date;
  gboolean            floating;
  gboolean            cancelled;
  gint64              duration;      /* seconds; days for dates */
  GArray             *exclusions;    /* Exclusion */
  GArray             *ranges;        /* FutureRange, or NULL */
  gint64              from;          /* instances over before this are left out */
  GArray             *out;
  guint               first;         /* index of our first occurrence in out */
  guint               count;
} Expansion;

gint64
resfri_expand_get_horizon (icalcomponent *vevent,
                           gint64         now)
{
  g_autoptr(GDateTime) base = NULL;
  g_autoptr(GDateTime) horizon = NULL;
  icalproperty *prop = icalcomponent_get_first_property (vevent, ICAL_DTSTART_PROPERTY);
  gint64 start = resfri_ical_time_to_unix (resfri_ical_property_get_time (prop, vevent));

  base = g_date_time_new_from_unix_utc (CLAMP (MAX (start, now), 0, G_GINT64_CONSTANT (253402300799) - 86400 * 800));
  horizon = g_date_time_add_months (base, RESFRI_EXPAND_HORIZON_MONTHS);

  return g_date_time_to_unix (horizon);
}

void
resfri_expand_get_recurrence_id (icalcomponent *vevent,
                                 char          *buf)
{
  icalproperty *prop = icalcomponent_get_first_property (vevent, ICAL_RECURRENCEID_PROPERTY);
  struct icaltimetype t;

  buf[0] = '\0';
  if (prop == NULL)
    return;

  t = resfri_ical_property_get_time (prop, vevent);
  if (icaltime_is_null_time (t))
    return;

  resfri_ical_format_time (t, buf);
}

static gboolean
is_excluded (Expansion           *self,
             struct icaltimetype  t,
             gint64               instant)
{
  for (guint i = 0; i < self->exclusions->len; i++)
    {
      const Exclusion *ex = &g_array_index (self->exclusions, Exclusion, i);

      if (ex->is_date)
        {
          if (ex->year == t.year && ex->month == t.month && ex->day == t.day)
            return TRUE;
        }
      else if (ex->instant == instant)
        return TRUE;
      else if (ex->other_zone && !t.is_date && ex->year == t.year && ex->month == t.month &&
               ex->day == t.day && ex->hour == t.hour && ex->minute == t.minute &&
               ex->second == t.second)
        return TRUE;
    }

  return FALSE;
}

/* The THISANDFUTURE override in force at @start (the instance's original
 * start), or NULL. */
static const FutureRange *
find_range (Expansion *self,
            gint64     start)
{
  const FutureRange *found = NULL;

  for (guint i = 0; self->ranges != NULL && i < self->ranges->len; i++)
    {
      const FutureRange *range = &g_array_index (self->ranges, FutureRange, i);

      if (range->rid_start <= start && (found == NULL || range->rid_start > found->rid_start))
        found = range;
    }

  return found;
}

/* Adds the instance that starts at @t (in the event's zone, or floating, or
 * a date; @start is its unix time) and lasts @duration (seconds, or days
 * for a date). A @recurring one is named by its start and may be excluded
 * or moved. */
static void
add_instance_at (Expansion           *self,
                 struct icaltimetype  t,
                 gint64               start,
                 gint64               duration,
                 gboolean             recurring)
{
  ResfriOccurrence occ = { 0 };
  struct icaltimetype end_t;
  gboolean cancelled = self->cancelled;

  occ.uid = self->uid;

  if (recurring)
    {
      const FutureRange *range;

      if (is_excluded (self, t, start))
        return;

      /* The instance is named by its original start. */
      if (t.is_date || t.zone == NULL)
        resfri_ical_format_time (t, occ.recurrence_id);
      else
        resfri_ical_format_unix_utc (start, occ.recurrence_id);

      /* A THISANDFUTURE override moves it and gives it its length. */
      if ((range = find_range (self, start)) != NULL)
        {
          if (t.is_date)
            icaltime_adjust (&t, (int) (range->shift / 86400), 0, 0, 0);
          else
            icaltime_adjust (&t, 0, 0, 0, (int) range->shift);
          start = resfri_ical_time_to_unix (t);
          duration = range->duration;
          cancelled = cancelled || range->cancelled;
        }
    }

  occ.start = start;
  end_t = t;

  if (t.is_date)
    {
      icaltime_adjust (&end_t, (int) duration, 0, 0, 0);
      occ.end = resfri_ical_time_to_unix (end_t);
    }
  else if (t.zone == NULL)
    {
      /* Floating: wall-clock arithmetic, then placed in the home zone. */
      icaltime_adjust (&end_t, 0, 0, 0, (int) duration);
      occ.end = resfri_ical_time_to_unix (end_t);
    }
  else
    occ.end = occ.start + duration;

  if (occ.end < occ.start)
    occ.end = occ.start;

  /* Before the window: neither kept nor counted against the cap. */
  if (recurring && occ.end < self->from)
    return;

  occ.all_day = t.is_date ? 1 : 0;
  occ.floating = (!t.is_date && t.zone == NULL) ? 1 : 0;
  occ.cancelled = cancelled ? 1 : 0;

  if (self->flags & RESFRI_EXPAND_TEXT)
    {
      if (t.is_date || t.zone == NULL)
        {
          resfri_ical_format_time (t, occ.start_text);
          resfri_ical_format_time (end_t, occ.end_text);
        }
      else
        {
          resfri_ical_format_unix_utc (occ.start, occ.start_text);
          resfri_ical_format_unix_utc (occ.end, occ.end_text);
        }
    }

  g_array_append_val (self->out, occ);
  self->count++;
}

static void
add_instance (Expansion           *self,
              struct icaltimetype  t,
              gint64               duration,
              gboolean             recurring)
{
  add_instance_at (self, t, resfri_ical_time_to_unix (t), duration, recurring);
}

static gboolean
set_error (GError     **error,
           const char  *what)
{
  g_set_error_literal (error, RESFRI_ERROR, RESFRI_ERROR_INVALID_ICAL, what);
  return FALSE;
}

/* The length of the event: seconds, or whole days for a date. */
static gint64
compute_duration (Expansion *self)
{
  icalproperty *prop;

  if ((prop = icalcomponent_get_first_property (self->vevent, ICAL_DTEND_PROPERTY)) != NULL)
    {
      struct icaltimetype end = resfri_ical_property_get_time (prop, self->vevent);

      if (icaltime_is_null_time (end))
        return self->is_date ? 1 : 0;

      if (self->is_date)
        {
          struct icaltimetype s = self->dtstart;
          struct icaltimetype e = end;

          /* Whole days between the two dates (ignoring a time on DTEND). */
          e.is_date = s.is_date = 1;
          e.zone = s.zone = NULL;
          return (icaltime_as_timet (e) - icaltime_as_timet (s)) / 86400;
        }

      if (self->floating && end.zone == NULL && !end.is_date)
        return icaltime_as_timet (end) - icaltime_as_timet (self->dtstart);

      return resfri_ical_time_to_unix (end) - self->dtstart_unix;
    }

  if ((prop = icalcomponent_get_first_property (self->vevent, ICAL_DURATION_PROPERTY)) != NULL)
    {
      struct icaldurationtype d = icalproperty_get_duration (prop);
      gint64 secs;

      if (icaldurationtype_is_bad_duration (d))
        return self->is_date ? 1 : 0;

      secs = ((gint64) d.weeks * 7 + d.days) * 86400 +
             (gint64) d.hours * 3600 + (gint64) d.minutes * 60 + d.seconds;
      if (d.is_neg)
        secs = -secs;

      return self->is_date ? secs / 86400 : secs;
    }

  return self->is_date ? 1 : 0;
}

/* A value of RDATE/EXDATE in the event's terms: a floating value of a
 * zoned event is read in the event's zone. */
static struct icaltimetype
get_list_time (Expansion    *self,
               icalproperty *prop)
{
  struct icaltimetype t = resfri_ical_property_get_time (prop, self->vevent);

  if (!icaltime_is_null_time (t) && !t.is_date && t.zone == NULL && !self->floating)
    t.zone = self->dtstart.zone;

  return t;
}

static void
collect_exclusions (Expansion *self)
{
  icalproperty *prop;

  for (prop = icalcomponent_get_first_property (self->vevent, ICAL_EXDATE_PROPERTY);
       prop != NULL;
       prop = icalcomponent_get_next_property (self->vevent, ICAL_EXDATE_PROPERTY))
    {
      struct icaltimetype t = get_list_time (self, prop);
      Exclusion ex = { 0 };

      if (icaltime_is_null_time (t))
        continue;

      if (t.is_date)
        {
          ex.is_date = TRUE;
          ex.year = t.year;
          ex.month = t.month;
          ex.day = t.day;
        }
      else
        {
          ex.instant = resfri_ical_time_to_unix (t);
          if (t.zone != NULL && !icaltime_is_utc (t) && self->dtstart.zone != NULL &&
              t.zone != self->dtstart.zone)
            {
              ex.other_zone = TRUE;
              ex.year = t.year;
              ex.month = t.month;
              ex.day = t.day;
              ex.hour = t.hour;
              ex.minute = t.minute;
              ex.second = t.second;
            }
        }

      g_array_append_val (self->exclusions, ex);
    }
}

/* The simple rules that most meetings use (DAILY, or WEEKLY with plain
 * weekdays; INTERVAL, COUNT, UNTIL) are walked here instead of by libical,
 * whose iterator goes through an ICU calendar for every step and took half
 * of the importer's time. Anything else goes to libical. The test
 * /expand/fast-rules-match-libical compares the two on random
 * rules. */
static gboolean fast_rules_enabled = TRUE;

void
_resfri_expand_set_fast_rules (gboolean enabled)
{
  fast_rules_enabled = enabled;
}

static gboolean
array_is_empty (const short *array)
{
  return array[0] == ICAL_RECURRENCE_ARRAY_MAX;
}

/* Days since 1970-01-01 of a civil date (H. Hinnant's algorithm). */
static gint64
days_from_civil (int year,
                 int month,
                 int day)
{
  gint64 y = year - (month <= 2);
  gint64 era = (y >= 0 ? y : y - 399) / 400;
  gint64 yoe = y - era * 400;
  gint64 doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  gint64 doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

  return era * 146097 + doe - 719468;
}

static void
civil_from_days (gint64  z,
                 int    *year,
                 int    *month,
                 int    *day)
{
  gint64 era, doe, yoe, doy, mp;

  z += 719468;
  era = (z >= 0 ? z : z - 146096) / 146097;
  doe = z - era * 146097;
  yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  mp = (5 * doy + 2) / 153;
  *day = (int) (doy - (153 * mp + 2) / 5 + 1);
  *month = (int) (mp < 10 ? mp + 3 : mp - 9);
  *year = (int) (yoe + era * 400 + (*month <= 2));
}

/* 0 = Monday .. 6 = Sunday */
static int
weekday_of_days (gint64 days)
{
  /* 1970-01-01 was a Thursday. */
  return (int) (((days % 7) + 7 + 3) % 7);
}

static int
weekday_from_ical (icalrecurrencetype_weekday day)
{
  /* libical: 1 = Sunday .. 7 = Saturday */
  return ((int) day + 5) % 7;
}

/* Whether @recur is one of the simple rules; fills @weekdays (bit 0 =
 * Monday) with the days a WEEKLY rule takes. */
static gboolean
is_fast_rule (Expansion                       *self,
              const struct icalrecurrencetype *recur,
              guint                           *weekdays)
{
  gint64 start_days;

  if (!fast_rules_enabled)
    return FALSE;

  if ((recur->freq != ICAL_DAILY_RECURRENCE && recur->freq != ICAL_WEEKLY_RECURRENCE) ||
      recur->interval < 1 || recur->rscale != NULL ||
      !array_is_empty (recur->by_second) || !array_is_empty (recur->by_minute) ||
      !array_is_empty (recur->by_hour) || !array_is_empty (recur->by_month_day) ||
      !array_is_empty (recur->by_year_day) || !array_is_empty (recur->by_week_no) ||
      !array_is_empty (recur->by_month) || !array_is_empty (recur->by_set_pos))
    return FALSE;

  /* UNTIL compared the way libical does without surprises: UTC against a
   * zoned start, a date against a date. */
  if (!icaltime_is_null_time (recur->until))
    {
      if (self->is_date ? !recur->until.is_date
                        : (recur->until.is_date || !icaltime_is_utc (recur->until) || self->floating))
        return FALSE;
    }

  start_days = days_from_civil (self->dtstart.year, self->dtstart.month, self->dtstart.day);
  *weekdays = 0;

  if (recur->freq == ICAL_DAILY_RECURRENCE)
    return array_is_empty (recur->by_day);

  if (array_is_empty (recur->by_day))
    *weekdays = 1u << weekday_of_days (start_days);
  else
    {
      for (int i = 0; i < ICAL_BY_DAY_SIZE && recur->by_day[i] != ICAL_RECURRENCE_ARRAY_MAX; i++)
        {
          if (icalrecurrencetype_day_position (recur->by_day[i]) != 0)
            return FALSE;
          *weekdays |= 1u << weekday_from_ical (icalrecurrencetype_day_day_of_week (recur->by_day[i]));
        }
    }

  /* A DTSTART off the rule is where implementations differ: libical. */
  return (*weekdays & (1u << weekday_of_days (start_days))) != 0;
}

static void
add_fast_rule (Expansion                       *self,
               const struct icalrecurrencetype *recur,
               guint                            weekdays,
               gint64                           until)
{
  gint64 start_days = days_from_civil (self->dtstart.year, self->dtstart.month, self->dtstart.day);
  gint64 until_unix = 0;
  gint64 until_days = 0;
  gboolean has_until = !icaltime_is_null_time (recur->until);
  int count = 0;
  guint iterations = 0;

  if (has_until)
    {
      if (self->is_date)
        until_days = days_from_civil (recur->until.year, recur->until.month, recur->until.day);
      else
        until_unix = resfri_ical_time_to_unix (recur->until);
    }

  if (recur->freq == ICAL_DAILY_RECURRENCE)
    weekdays = 0x7f;

  for (gint64 period = 0; ; period++)
    {
      gint64 base;
      int first_day, last_day;

      if (recur->freq == ICAL_DAILY_RECURRENCE)
        {
          base = start_days + period * recur->interval;
          first_day = last_day = 0;
        }
      else
        {
          /* The week (from WKST) that holds DTSTART, every INTERVAL weeks. */
          int wkst = recur->week_start == ICAL_NO_WEEKDAY ? 0 : weekday_from_ical (recur->week_start);

          base = start_days - ((weekday_of_days (start_days) - wkst + 7) % 7) + period * 7 * recur->interval;
          first_day = 0;
          last_day = 6;
        }

      for (int offset = first_day; offset <= last_day; offset++)
        {
          gint64 days = base + offset;
          struct icaltimetype t = self->dtstart;
          gint64 start;

          if (days < start_days || !(weekdays & (1u << weekday_of_days (days))))
            continue;

          if (iterations++ >= RESFRI_EXPAND_MAX_ITERATIONS ||
              self->count >= RESFRI_EXPAND_MAX_OCCURRENCES ||
              (recur->count > 0 && count >= recur->count) ||
              (has_until && self->is_date && days > until_days))
            return;

          civil_from_days (days, &t.year, &t.month, &t.day);
          if (t.year > 9999)
            return;
          /* DTSTART itself is converted once. */
          if (t.year == self->dtstart.year && t.month == self->dtstart.month && t.day == self->dtstart.day)
            start = self->dtstart_unix;
          else
            start = resfri_ical_time_to_unix (t);
          if (start >= until || (has_until && !self->is_date && start > until_unix))
            return;

          count++;
          add_instance_at (self, t, start, self->duration, TRUE);
        }
    }
}

static gboolean
add_rule (Expansion     *self,
          icalproperty  *prop,
          gint64         until,
          GError       **error)
{
  struct icalrecurrencetype recur = icalproperty_get_rrule (prop);
  icalrecur_iterator *it;
  struct icaltimetype t;
  guint iterations = 0;
  gint64 start;
  guint weekdays;
  gboolean keep_time;

  if (recur.freq == ICAL_NO_RECURRENCE)
    return set_error (error, _("the RRULE cannot be understood"));

  if (is_fast_rule (self, &recur, &weekdays))
    {
      add_fast_rule (self, &recur, weekdays, until);
      return TRUE;
    }

  keep_time = recur.freq >= ICAL_DAILY_RECURRENCE &&
              array_is_empty (recur.by_hour) && array_is_empty (recur.by_minute) &&
              array_is_empty (recur.by_second);

  it = icalrecur_iterator_new (recur, self->dtstart);
  if (it == NULL)
    return set_error (error, _("the RRULE cannot be expanded from this DTSTART"));

  while (self->count < RESFRI_EXPAND_MAX_OCCURRENCES &&
         iterations++ < RESFRI_EXPAND_MAX_ITERATIONS)
    {
      t = icalrecur_iterator_next (it);
      if (icaltime_is_null_time (t))
        break;

      t.zone = self->dtstart.zone;
      t.is_date = self->is_date;
      /* libical's iterator can carry the hour a DST gap pushed an instance
       * to into the next ones; without BYHOUR/BYMINUTE/BYSECOND the time of
       * day is DTSTART's. */
      if (keep_time)
        {
          t.hour = self->dtstart.hour;
          t.minute = self->dtstart.minute;
          t.second = self->dtstart.second;
        }
      start = resfri_ical_time_to_unix (t);
      if (start >= until)
        break;

      add_instance_at (self, t, start, self->duration, TRUE);
    }

  icalrecur_iterator_free (it);
  return TRUE;
}

static void
add_rdates (Expansion *self,
            gint64     until)
{
  icalproperty *prop;

  for (prop = icalcomponent_get_first_property (self->vevent, ICAL_RDATE_PROPERTY);
       prop != NULL && self->count < RESFRI_EXPAND_MAX_OCCURRENCES;
       prop = icalcomponent_get_next_property (self->vevent, ICAL_RDATE_PROPERTY))
    {
      struct icaltimetype t = get_list_time (self, prop);
      struct icaldatetimeperiodtype dtp = icalproperty_get_rdate (prop);
      gint64 duration = self->duration;

      if (icaltime_is_null_time (t) || resfri_ical_time_to_unix (t) >= until)
        continue;

      /* A PERIOD brings its own length. */
      if (!icalperiodtype_is_null_period (dtp.period) && icaltime_is_null_time (dtp.time))
        {
          if (!icaltime_is_null_time (dtp.period.end))
            {
              struct icaltimetype end = dtp.period.end;

              if (!icaltime_is_utc (end) && !end.is_date)
                end.zone = t.zone;
              duration = resfri_ical_time_to_unix (end) - resfri_ical_time_to_unix (t);
            }
          else
            duration = icaldurationtype_as_int (dtp.period.duration);
        }
      else if (t.is_date != self->is_date)
        duration = t.is_date ? 1 : 0;

      add_instance (self, t, duration, TRUE);
    }
}

static int
compare_occurrence_start (gconstpointer a,
                          gconstpointer b)
{
  const ResfriOccurrence *oa = a;
  const ResfriOccurrence *ob = b;

  if (oa->start != ob->start)
    return oa->start < ob->start ? -1 : 1;

  return strcmp (oa->recurrence_id, ob->recurrence_id);
}

gboolean
resfri_expand_is_this_and_future (icalcomponent *vevent)
{
  icalproperty *rid = icalcomponent_get_first_property (vevent, ICAL_RECURRENCEID_PROPERTY);
  icalparameter *range;

  if (rid == NULL)
    return FALSE;

  range = icalproperty_get_first_parameter (rid, ICAL_RANGE_PARAMETER);
  return range != NULL && icalparameter_get_range (range) == ICAL_RANGE_THISANDFUTURE;
}

/* Wall-clock seconds of @t seen in @zone (NULL: as written). */
static gint64
wall_seconds (struct icaltimetype  t,
              icaltimezone        *zone)
{
  if (zone != NULL && !t.is_date && t.zone != NULL)
    t = icaltime_from_timet_with_zone ((time_t) resfri_ical_time_to_unix (t), 0, zone);

  t.zone = NULL;
  t.is_date = 0;
  return icaltime_as_timet (t);
}

static void
add_future_range (Expansion     *self,
                  icalcomponent *future)
{
  Expansion other = { 0 };
  FutureRange range = { 0 };
  struct icaltimetype rid;
  icalproperty *prop;

  rid = resfri_ical_property_get_time (icalcomponent_get_first_property (future, ICAL_RECURRENCEID_PROPERTY),
                                       future);
  prop = icalcomponent_get_first_property (future, ICAL_DTSTART_PROPERTY);
  if (icaltime_is_null_time (rid) || prop == NULL)
    return;

  other.vevent = future;
  other.dtstart = resfri_ical_property_get_time (prop, future);
  if (icaltime_is_null_time (other.dtstart))
    return;
  other.is_date = self->is_date;
  other.floating = !other.dtstart.is_date && other.dtstart.zone == NULL;
  other.dtstart_unix = resfri_ical_time_to_unix (other.dtstart);

  range.rid_start = resfri_ical_time_to_unix (rid);
  range.shift = wall_seconds (other.dtstart, (icaltimezone *) self->dtstart.zone) -
                wall_seconds (rid, (icaltimezone *) self->dtstart.zone);
  range.duration = MAX (compute_duration (&other), 0);
  range.cancelled = icalcomponent_get_status (future) == ICAL_STATUS_CANCELLED;

  g_array_append_val (self->ranges, range);
}

gboolean
resfri_expand_vevent (icalcomponent      *vevent,
                      gint64              until,
                      ResfriExpandFlags   flags,
                      GArray             *occurrences,
                      GError            **error)
{
  return resfri_expand_vevent_full (vevent, G_MININT64, until, flags, NULL, occurrences, error);
}

gboolean
resfri_expand_vevent_full (icalcomponent      *vevent,
                           gint64              from,
                           gint64              until,
                           ResfriExpandFlags   flags,
                           GPtrArray          *futures,
                           GArray             *occurrences,
                           GError            **error)
{
  g_autoptr(GArray) exclusions = NULL;
  g_autoptr(GArray) ranges = NULL;
  Expansion self = { 0 };
  icalproperty *prop;
  icalproperty *rid_prop;
  gboolean has_rule = FALSE;

  g_return_val_if_fail (vevent != NULL, FALSE);
  g_return_val_if_fail (occurrences != NULL, FALSE);

  self.vevent = vevent;
  self.from = from;
  self.uid = icalcomponent_get_uid (vevent);
  self.flags = flags;
  self.out = occurrences;
  self.first = occurrences->len;

  prop = icalcomponent_get_first_property (vevent, ICAL_DTSTART_PROPERTY);
  if (prop == NULL)
    return set_error (error, _("the VEVENT has no DTSTART"));

  self.dtstart = resfri_ical_property_get_time (prop, vevent);
  if (icaltime_is_null_time (self.dtstart))
    return set_error (error, _("the DTSTART cannot be understood"));

  self.is_date = self.dtstart.is_date;
  self.floating = !self.is_date && self.dtstart.zone == NULL;
  self.dtstart_unix = resfri_ical_time_to_unix (self.dtstart);
  self.cancelled = icalcomponent_get_status (vevent) == ICAL_STATUS_CANCELLED;
  self.duration = MAX (compute_duration (&self), 0);

  /* An override is one occurrence, named by its RECURRENCE-ID. */
  rid_prop = icalcomponent_get_first_property (vevent, ICAL_RECURRENCEID_PROPERTY);
  if (rid_prop != NULL)
    {
      ResfriOccurrence *occ;

      add_instance_at (&self, self.dtstart, self.dtstart_unix, self.duration, FALSE);
      occ = &g_array_index (occurrences, ResfriOccurrence, occurrences->len - 1);
      resfri_expand_get_recurrence_id (vevent, occ->recurrence_id);
      if (occ->recurrence_id[0] == '\0')
        return set_error (error, _("the RECURRENCE-ID cannot be understood"));
      return TRUE;
    }

  has_rule = icalcomponent_get_first_property (vevent, ICAL_RRULE_PROPERTY) != NULL ||
             icalcomponent_get_first_property (vevent, ICAL_RDATE_PROPERTY) != NULL;
  if (!has_rule)
    {
      add_instance_at (&self, self.dtstart, self.dtstart_unix, self.duration, FALSE);
      return TRUE;
    }

  exclusions = g_array_new (FALSE, FALSE, sizeof (Exclusion));
  self.exclusions = exclusions;
  collect_exclusions (&self);

  if (futures != NULL && futures->len > 0)
    {
      ranges = g_array_new (FALSE, FALSE, sizeof (FutureRange));
      self.ranges = ranges;
      for (guint i = 0; i < futures->len; i++)
        add_future_range (&self, g_ptr_array_index (futures, i));
    }

  for (prop = icalcomponent_get_first_property (vevent, ICAL_RRULE_PROPERTY);
       prop != NULL;
       prop = icalcomponent_get_next_property (vevent, ICAL_RRULE_PROPERTY))
    {
      if (!add_rule (&self, prop, until, error))
        {
          g_array_set_size (occurrences, self.first);
          return FALSE;
        }
    }

  add_rdates (&self, until);

  /* DTSTART is always the first instance (RFC 5545 3.8.5.3), even when
   * the rule would not give it. */
  if (self.dtstart_unix < until && self.count < RESFRI_EXPAND_MAX_OCCURRENCES)
    add_instance (&self, self.dtstart, self.duration, TRUE);

  /* Sort ours and drop instances given twice (RRULE and RDATE, DTSTART). */
  if (occurrences->len > self.first)
    {
      ResfriOccurrence *occ = &g_array_index (occurrences, ResfriOccurrence, self.first);
      guint n = occurrences->len - self.first;
      guint kept = 0;

      qsort (occ, n, sizeof (ResfriOccurrence), compare_occurrence_start);
      for (guint i = 0; i < n; i++)
        {
          if (kept > 0 && strcmp (occ[kept - 1].recurrence_id, occ[i].recurrence_id) == 0)
            continue;
          if (kept != i)
            occ[kept] = occ[i];
          kept++;
        }
      g_array_set_size (occurrences, self.first + kept);
    }

  return TRUE;
}

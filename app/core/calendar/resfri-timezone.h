/* resfri-timezone.h
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Time zones and times of iCalendar values: the home zone, resolving a
 * TZID, the unix time of a date or time, the forms spec/cli.md prints, the
 * CLI's date arguments, and a zone's VTIMEZONE for export. The functions keep the resfri_ical_ prefix of
 * the libical types they take and give.
 */

#pragma once

#include <glib.h>
#include <libical/ical.h>

G_BEGIN_DECLS

/* The zone of the municipality: floating times and all-day dates are placed
 * in it for the start/end columns, and `YYYY-MM-DD` arguments mean its
 * midnight. */
#define RESFRI_ICAL_HOME_ZONE "Europe/Stockholm"

/* Also makes libical's errors, malformed data's too, not fatal, once. */
icaltimezone       *resfri_ical_get_home_zone       (void);

/* Resolves a TZID: a VTIMEZONE of the VCALENDAR enclosing @comp first,
 * then libical's built-in zone for an Olson name (also behind a prefix such
 * as "/mozilla.org/20050126_1/"), then the Windows names Outlook writes
 * ("W. Europe Standard Time"). NULL when unknown. */
icaltimezone       *resfri_ical_resolve_tzid        (icalcomponent       *comp,
                                                     const char          *tzid);
/* While a parsed document lives: its VCALENDAR's VTIMEZONEs resolve to
 * zones shared with every other calendar that has the same VTIMEZONE (the
 * same instants, worked out once). */
void                resfri_ical_share_zones         (icalcomponent       *vcalendar);
void                resfri_ical_unshare_zones       (icalcomponent       *vcalendar);
/* The Olson name for a Windows zone name (CLDR windowsZones, territory
 * 001), or NULL. */
const char         *resfri_ical_windows_zone_to_olson (const char        *windows_name);

/* The value of a date or date-time property with its zone resolved:
 * .zone is the resolved zone, UTC for "Z" times, NULL for floating times and
 * dates. An unknown TZID is placed in the home zone. */
struct icaltimetype resfri_ical_property_get_time   (icalproperty        *prop,
                                                     icalcomponent       *comp);

/* UTC unix seconds of @t: zoned and UTC times as they are, floating times
 * and dates (midnight) in the home zone. */
gint64              resfri_ical_time_to_unix        (struct icaltimetype  t);

/* Writes @t as spec/cli.md prints it into @buf (at least 17 bytes):
 * YYYYMMDD for a date, YYYYMMDDTHHMMSS for a floating time, otherwise the
 * UTC instant YYYYMMDDTHHMMSSZ. */
void                resfri_ical_format_time         (struct icaltimetype  t,
                                                     char                *buf);
/* The proleptic Gregorian date and time of day of a unix time (UTC, or a
 * local time counted alike), without a GDateTime. */
typedef struct
{
  int year;
  int month;
  int day;
  int seconds;   /* of the day */
} ResfriCivilTime;

void                resfri_civil_time_from_unix     (gint64               t,
                                                     ResfriCivilTime     *civil);
/* The UTC form of a unix time, YYYYMMDDTHHMMSSZ. */
void                resfri_ical_format_unix_utc     (gint64               t,
                                                     char                *buf);

/* A date argument of spec/cli.md: `YYYY-MM-DD` (midnight in the home
 * zone) or an RFC 3339 instant with its offset. RESFRI_ERROR_INVALID_INPUT
 * when neither. */
gboolean            resfri_ical_parse_date_arg      (const char          *text,
                                                     gint64              *unix_time,
                                                     GError             **error);

/* libical's VTIMEZONE of @zone under the name @tzid, for export: only the
 * observances that apply from a year before @earliest (unix seconds) on,
 * and the rule in force split at 2037 joined into one open-ended RRULE
 * (python3-icalendar and khal cannot read a VTIMEZONE RRULE with UNTIL).
 * NULL when libical has no component for @zone. */
icalcomponent      *resfri_ical_dup_vtimezone       (icaltimezone        *zone,
                                                     const char          *tzid,
                                                     gint64               earliest);

G_END_DECLS

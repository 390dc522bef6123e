/* resfri-timezone.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Time zones and times of iCalendar values (resfri-timezone.h): the home
 * zone, the fallback chain that resolves a TZID (the calendar's VTIMEZONE,
 * libical's Olson zones, Windows and Outlook display names), the instant
 * of a date or time by RFC 5545's rules at DST changes, the forms
 * spec/cli.md prints, the date arguments of the CLI, and the VTIMEZONEs
 * export writes from libical's zones; and the sharing of a calendar's
 * VTIMEZONEs between documents that carry the same one.
 */

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "resfri-error.h"
#include "resfri-timezone.h"

/* Zones found by name (not those of a VTIMEZONE, which belong to their
 * calendar). Bounded so that hostile input cannot grow it without end. */
#define ZONE_CACHE_MAX 512

G_LOCK_DEFINE_STATIC (zone_cache);
static GHashTable *zone_cache;   /* tzid -> icaltimezone, or &zone_cache for "unknown" */

/* Shared VTIMEZONEs. libical works out a zone's changes from its
 * VTIMEZONE's rules on first use, from the rules' first year on, and keeps
 * them in that zone; each document (each resource of a sync, thousands of
 * them, nearly all with the same VTIMEZONE) has zones of its own, so
 * the work was done again for each. A parsed document's zones are shared
 * by their text: one zone per distinct VTIMEZONE, made once (bounded like
 * zone_cache), and a document's VCALENDAR maps its own zone to the shared
 * one for as long as the document lives. */
#define SHARED_ZONES_MAX 256

typedef struct
{
  icaltimezone  *own;        /* the calendar's, as libical has it */
  icalcomponent *component;  /* its VTIMEZONE */
  icaltimezone  *shared;
} SharedZone;

G_LOCK_DEFINE_STATIC (shared_zones);
static GHashTable *shared_by_text;    /* VTIMEZONE text -> icaltimezone */
static GHashTable *shared_by_calendar; /* VCALENDAR -> GArray of SharedZone */

/* Instants of wall-clock times (zoned_to_unix()), remembered for the zones
 * that live as long as the process: libical's builtin zones and the shared
 * ones, never freed. A calendar's own zone is freed with its document and
 * its address may come back as another zone, so its times are never
 * remembered. Direct-mapped: a slot holds the last time that hashed to it.
 * An import converts the same few thousand times (a grid of quarter hours
 * over a year) hundreds of thousands of times (issue #15). */
#define OFFSET_SLOTS 32768

typedef struct
{
  const icaltimezone *zone;
  guint64             key;
  gint64              instant;
} OffsetSlot;

G_LOCK_DEFINE_STATIC (offsets);
static GHashTable *lasting_zones;   /* icaltimezone set: those never freed */
static OffsetSlot *offset_slots;

/* @zone is never freed: its times may be remembered. */
static void
zone_lasts (icaltimezone *zone)
{
  if (zone == NULL)
    return;
  G_LOCK (offsets);
  if (lasting_zones == NULL)
    lasting_zones = g_hash_table_new (NULL, NULL);
  g_hash_table_add (lasting_zones, zone);
  G_UNLOCK (offsets);
}

/* The fields of @t packed into one key (41 bits), or FALSE when one is out
 * of its range (such a time is converted every time). */
static gboolean
pack_wall_time (struct icaltimetype  t,
                guint64             *key)
{
  if (t.year < 0 || t.year > 9999 || t.month < 1 || t.month > 12 || t.day < 1 || t.day > 31 ||
      t.hour < 0 || t.hour > 23 || t.minute < 0 || t.minute > 59 || t.second < 0 || t.second > 60 ||
      (t.is_daylight != 0 && t.is_daylight != 1))
    return FALSE;
  *key = ((((((guint64) t.year * 16 + t.month) * 32 + t.day) * 32 + t.hour) * 64 + t.minute) * 64 +
          t.second) * 2 + t.is_daylight;
  return TRUE;
}

static guint
offset_slot_of (const icaltimezone *zone,
                guint64             key)
{
  guint64 h = (key ^ ((guint64) (guintptr) zone >> 4)) * G_GUINT64_CONSTANT (0x9E3779B97F4A7C15);

  return (guint) (h >> 49) & (OFFSET_SLOTS - 1);
}

/* CLDR windowsZones.xml, territory "001" (the default for each name). */
static const struct
{
  const char *windows;
  const char *olson;
} windows_zones[] = {
  { "AUS Central Standard Time", "Australia/Darwin" },
  { "AUS Eastern Standard Time", "Australia/Sydney" },
  { "Afghanistan Standard Time", "Asia/Kabul" },
  { "Alaskan Standard Time", "America/Anchorage" },
  { "Aleutian Standard Time", "America/Adak" },
  { "Altai Standard Time", "Asia/Barnaul" },
  { "Arab Standard Time", "Asia/Riyadh" },
  { "Arabian Standard Time", "Asia/Dubai" },
  { "Arabic Standard Time", "Asia/Baghdad" },
  { "Argentina Standard Time", "America/Argentina/Buenos_Aires" },
  { "Astrakhan Standard Time", "Europe/Astrakhan" },
  { "Atlantic Standard Time", "America/Halifax" },
  { "Aus Central W. Standard Time", "Australia/Eucla" },
  { "Azerbaijan Standard Time", "Asia/Baku" },
  { "Azores Standard Time", "Atlantic/Azores" },
  { "Bahia Standard Time", "America/Bahia" },
  { "Bangladesh Standard Time", "Asia/Dhaka" },
  { "Belarus Standard Time", "Europe/Minsk" },
  { "Bougainville Standard Time", "Pacific/Bougainville" },
  { "Canada Central Standard Time", "America/Regina" },
  { "Cape Verde Standard Time", "Atlantic/Cape_Verde" },
  { "Caucasus Standard Time", "Asia/Yerevan" },
  { "Cen. Australia Standard Time", "Australia/Adelaide" },
  { "Central America Standard Time", "America/Guatemala" },
  { "Central Asia Standard Time", "Asia/Almaty" },
  { "Central Brazilian Standard Time", "America/Cuiaba" },
  { "Central Europe Standard Time", "Europe/Budapest" },
  { "Central European Standard Time", "Europe/Warsaw" },
  { "Central Pacific Standard Time", "Pacific/Guadalcanal" },
  { "Central Standard Time", "America/Chicago" },
  { "Central Standard Time (Mexico)", "America/Mexico_City" },
  { "Chatham Islands Standard Time", "Pacific/Chatham" },
  { "China Standard Time", "Asia/Shanghai" },
  { "Cuba Standard Time", "America/Havana" },
  { "Dateline Standard Time", "Etc/GMT+12" },
  { "E. Africa Standard Time", "Africa/Nairobi" },
  { "E. Australia Standard Time", "Australia/Brisbane" },
  { "E. Europe Standard Time", "Europe/Chisinau" },
  { "E. South America Standard Time", "America/Sao_Paulo" },
  { "Easter Island Standard Time", "Pacific/Easter" },
  { "Eastern Standard Time", "America/New_York" },
  { "Eastern Standard Time (Mexico)", "America/Cancun" },
  { "Egypt Standard Time", "Africa/Cairo" },
  { "Ekaterinburg Standard Time", "Asia/Yekaterinburg" },
  { "FLE Standard Time", "Europe/Kiev" },
  { "Fiji Standard Time", "Pacific/Fiji" },
  { "GMT Standard Time", "Europe/London" },
  { "GTB Standard Time", "Europe/Bucharest" },
  { "Georgian Standard Time", "Asia/Tbilisi" },
  { "Greenland Standard Time", "America/Godthab" },
  { "Greenwich Standard Time", "Atlantic/Reykjavik" },
  { "Haiti Standard Time", "America/Port-au-Prince" },
  { "Hawaiian Standard Time", "Pacific/Honolulu" },
  { "India Standard Time", "Asia/Kolkata" },
  { "Iran Standard Time", "Asia/Tehran" },
  { "Israel Standard Time", "Asia/Jerusalem" },
  { "Jordan Standard Time", "Asia/Amman" },
  { "Kaliningrad Standard Time", "Europe/Kaliningrad" },
  { "Kamchatka Standard Time", "Asia/Kamchatka" },
  { "Korea Standard Time", "Asia/Seoul" },
  { "Libya Standard Time", "Africa/Tripoli" },
  { "Line Islands Standard Time", "Pacific/Kiritimati" },
  { "Lord Howe Standard Time", "Australia/Lord_Howe" },
  { "Magadan Standard Time", "Asia/Magadan" },
  { "Magallanes Standard Time", "America/Punta_Arenas" },
  { "Marquesas Standard Time", "Pacific/Marquesas" },
  { "Mauritius Standard Time", "Indian/Mauritius" },
  { "Middle East Standard Time", "Asia/Beirut" },
  { "Montevideo Standard Time", "America/Montevideo" },
  { "Morocco Standard Time", "Africa/Casablanca" },
  { "Mountain Standard Time", "America/Denver" },
  { "Mountain Standard Time (Mexico)", "America/Mazatlan" },
  { "Myanmar Standard Time", "Asia/Yangon" },
  { "N. Central Asia Standard Time", "Asia/Novosibirsk" },
  { "Namibia Standard Time", "Africa/Windhoek" },
  { "Nepal Standard Time", "Asia/Kathmandu" },
  { "New Zealand Standard Time", "Pacific/Auckland" },
  { "Newfoundland Standard Time", "America/St_Johns" },
  { "Norfolk Standard Time", "Pacific/Norfolk" },
  { "North Asia East Standard Time", "Asia/Irkutsk" },
  { "North Asia Standard Time", "Asia/Krasnoyarsk" },
  { "North Korea Standard Time", "Asia/Pyongyang" },
  { "Omsk Standard Time", "Asia/Omsk" },
  { "Pacific SA Standard Time", "America/Santiago" },
  { "Pacific Standard Time", "America/Los_Angeles" },
  { "Pacific Standard Time (Mexico)", "America/Tijuana" },
  { "Pakistan Standard Time", "Asia/Karachi" },
  { "Paraguay Standard Time", "America/Asuncion" },
  { "Qyzylorda Standard Time", "Asia/Qyzylorda" },
  { "Romance Standard Time", "Europe/Paris" },
  { "Russia Time Zone 10", "Asia/Srednekolymsk" },
  { "Russia Time Zone 11", "Asia/Kamchatka" },
  { "Russia Time Zone 3", "Europe/Samara" },
  { "Russian Standard Time", "Europe/Moscow" },
  { "SA Eastern Standard Time", "America/Cayenne" },
  { "SA Pacific Standard Time", "America/Bogota" },
  { "SA Western Standard Time", "America/La_Paz" },
  { "SE Asia Standard Time", "Asia/Bangkok" },
  { "Saint Pierre Standard Time", "America/Miquelon" },
  { "Sakhalin Standard Time", "Asia/Sakhalin" },
  { "Samoa Standard Time", "Pacific/Apia" },
  { "Sao Tome Standard Time", "Africa/Sao_Tome" },
  { "Saratov Standard Time", "Europe/Saratov" },
  { "Singapore Standard Time", "Asia/Singapore" },
  { "South Africa Standard Time", "Africa/Johannesburg" },
  { "South Sudan Standard Time", "Africa/Juba" },
  { "Sri Lanka Standard Time", "Asia/Colombo" },
  { "Sudan Standard Time", "Africa/Khartoum" },
  { "Syria Standard Time", "Asia/Damascus" },
  { "Taipei Standard Time", "Asia/Taipei" },
  { "Tasmania Standard Time", "Australia/Hobart" },
  { "Tocantins Standard Time", "America/Araguaina" },
  { "Tokyo Standard Time", "Asia/Tokyo" },
  { "Tomsk Standard Time", "Asia/Tomsk" },
  { "Tonga Standard Time", "Pacific/Tongatapu" },
  { "Transbaikal Standard Time", "Asia/Chita" },
  { "Turkey Standard Time", "Europe/Istanbul" },
  { "Turks And Caicos Standard Time", "America/Grand_Turk" },
  { "US Eastern Standard Time", "America/Indiana/Indianapolis" },
  { "US Mountain Standard Time", "America/Phoenix" },
  { "UTC", "UTC" },
  { "UTC+12", "Etc/GMT-12" },
  { "UTC+13", "Etc/GMT-13" },
  { "UTC-02", "Etc/GMT+2" },
  { "UTC-08", "Etc/GMT+8" },
  { "UTC-09", "Etc/GMT+9" },
  { "UTC-11", "Etc/GMT+11" },
  { "Ulaanbaatar Standard Time", "Asia/Ulaanbaatar" },
  { "Venezuela Standard Time", "America/Caracas" },
  { "Vladivostok Standard Time", "Asia/Vladivostok" },
  { "Volgograd Standard Time", "Europe/Volgograd" },
  { "W. Australia Standard Time", "Australia/Perth" },
  { "W. Central Africa Standard Time", "Africa/Lagos" },
  { "W. Europe Standard Time", "Europe/Berlin" },
  { "W. Mongolia Standard Time", "Asia/Hovd" },
  { "West Asia Standard Time", "Asia/Tashkent" },
  { "West Bank Standard Time", "Asia/Hebron" },
  { "West Pacific Standard Time", "Pacific/Port_Moresby" },
  { "Yakutsk Standard Time", "Asia/Yakutsk" },
  { "Yukon Standard Time", "America/Whitehorse" },
};

/* Windows' display names without their "(UTC+01:00) " prefix, "&" as
 * Windows writes it (some writers spell it "and"), for the common zones. */
static const struct
{
  const char *display;
  const char *olson;
} windows_display_names[] = {
  { "International Date Line West", "Etc/GMT+12" },
  { "Coordinated Universal Time-11", "Etc/GMT+11" },
  { "Hawaii", "Pacific/Honolulu" },
  { "Alaska", "America/Anchorage" },
  { "Baja California", "America/Tijuana" },
  { "Pacific Time (US & Canada)", "America/Los_Angeles" },
  { "Arizona", "America/Phoenix" },
  { "Chihuahua, La Paz, Mazatlan", "America/Mazatlan" },
  { "Mountain Time (US & Canada)", "America/Denver" },
  { "Central America", "America/Guatemala" },
  { "Central Time (US & Canada)", "America/Chicago" },
  { "Guadalajara, Mexico City, Monterrey", "America/Mexico_City" },
  { "Saskatchewan", "America/Regina" },
  { "Bogota, Lima, Quito, Rio Branco", "America/Bogota" },
  { "Bogota, Lima, Quito", "America/Bogota" },
  { "Eastern Time (US & Canada)", "America/New_York" },
  { "Indiana (East)", "America/Indiana/Indianapolis" },
  { "Atlantic Time (Canada)", "America/Halifax" },
  { "Caracas", "America/Caracas" },
  { "Georgetown, La Paz, Manaus, San Juan", "America/La_Paz" },
  { "Santiago", "America/Santiago" },
  { "Newfoundland", "America/St_Johns" },
  { "Brasilia", "America/Sao_Paulo" },
  { "City of Buenos Aires", "America/Argentina/Buenos_Aires" },
  { "Buenos Aires", "America/Argentina/Buenos_Aires" },
  { "Greenland", "America/Godthab" },
  { "Coordinated Universal Time-02", "Etc/GMT+2" },
  { "Azores", "Atlantic/Azores" },
  { "Cabo Verde Is.", "Atlantic/Cape_Verde" },
  { "Cape Verde Is.", "Atlantic/Cape_Verde" },
  { "Coordinated Universal Time", "UTC" },
  { "Dublin, Edinburgh, Lisbon, London", "Europe/London" },
  { "Monrovia, Reykjavik", "Atlantic/Reykjavik" },
  { "Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna", "Europe/Berlin" },
  { "Belgrade, Bratislava, Budapest, Ljubljana, Prague", "Europe/Budapest" },
  { "Brussels, Copenhagen, Madrid, Paris", "Europe/Paris" },
  { "Sarajevo, Skopje, Warsaw, Zagreb", "Europe/Warsaw" },
  { "West Central Africa", "Africa/Lagos" },
  { "Athens, Bucharest", "Europe/Bucharest" },
  { "Cairo", "Africa/Cairo" },
  { "Harare, Pretoria", "Africa/Johannesburg" },
  { "Helsinki, Kyiv, Riga, Sofia, Tallinn, Vilnius", "Europe/Helsinki" },
  { "Helsinki, Kiev, Riga, Sofia, Tallinn, Vilnius", "Europe/Helsinki" },
  { "Jerusalem", "Asia/Jerusalem" },
  { "Kaliningrad", "Europe/Kaliningrad" },
  { "Istanbul", "Europe/Istanbul" },
  { "Kuwait, Riyadh", "Asia/Riyadh" },
  { "Minsk", "Europe/Minsk" },
  { "Moscow, St. Petersburg", "Europe/Moscow" },
  { "Moscow, St. Petersburg, Volgograd", "Europe/Moscow" },
  { "Nairobi", "Africa/Nairobi" },
  { "Tehran", "Asia/Tehran" },
  { "Abu Dhabi, Muscat", "Asia/Dubai" },
  { "Kabul", "Asia/Kabul" },
  { "Islamabad, Karachi", "Asia/Karachi" },
  { "Chennai, Kolkata, Mumbai, New Delhi", "Asia/Kolkata" },
  { "Kathmandu", "Asia/Kathmandu" },
  { "Dhaka", "Asia/Dhaka" },
  { "Bangkok, Hanoi, Jakarta", "Asia/Bangkok" },
  { "Beijing, Chongqing, Hong Kong, Urumqi", "Asia/Shanghai" },
  { "Kuala Lumpur, Singapore", "Asia/Singapore" },
  { "Perth", "Australia/Perth" },
  { "Taipei", "Asia/Taipei" },
  { "Osaka, Sapporo, Tokyo", "Asia/Tokyo" },
  { "Seoul", "Asia/Seoul" },
  { "Adelaide", "Australia/Adelaide" },
  { "Darwin", "Australia/Darwin" },
  { "Brisbane", "Australia/Brisbane" },
  { "Canberra, Melbourne, Sydney", "Australia/Sydney" },
  { "Hobart", "Australia/Hobart" },
  { "Auckland, Wellington", "Pacific/Auckland" },
  { "Fiji", "Pacific/Fiji" },
};

/* Older Outlook versions write the display name as TZID,
 * "(UTC+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna". */
static const struct
{
  const char *needle;
  const char *olson;
} display_zones[] = {
  { "Amsterdam, Berlin", "Europe/Berlin" },
  { "Stockholm", "Europe/Stockholm" },
  { "Brussels, Copenhagen", "Europe/Paris" },
  { "Belgrade, Bratislava", "Europe/Budapest" },
  { "Sarajevo, Skopje", "Europe/Warsaw" },
  { "Dublin, Edinburgh", "Europe/London" },
  { "Helsinki, Kyiv", "Europe/Helsinki" },
  { "Helsinki, Kiev", "Europe/Helsinki" },
  { "Athens, Bucharest", "Europe/Bucharest" },
  { "Moscow, St. Petersburg", "Europe/Moscow" },
  { "Coordinated Universal Time", "UTC" },
  { "Eastern Time (US & Canada)", "America/New_York" },
  { "Central Time (US & Canada)", "America/Chicago" },
  { "Mountain Time (US & Canada)", "America/Denver" },
  { "Pacific Time (US & Canada)", "America/Los_Angeles" },
};

icaltimezone *
resfri_ical_get_home_zone (void)
{
  static icaltimezone *home;

  if (g_once_init_enter (&home))
    {
      icaltimezone *zone;

      /* Malformed input must give errors, never abort(): set once for
       * the process, as every thread parses with it. */
      icalerror_set_errors_are_fatal (0);
      icalerror_set_error_state (ICAL_MALFORMEDDATA_ERROR, ICAL_ERROR_NONFATAL);

      zone = icaltimezone_get_builtin_timezone (RESFRI_ICAL_HOME_ZONE);
      if (zone == NULL)
        {
          g_warning ("libical has no zone %s; is tzdata installed?", RESFRI_ICAL_HOME_ZONE);
          zone = icaltimezone_get_utc_timezone ();
        }
      zone_lasts (zone);
      g_once_init_leave (&home, zone);
    }

  return home;
}

const char *
resfri_ical_windows_zone_to_olson (const char *windows_name)
{
  if (windows_name == NULL)
    return NULL;

  for (gsize i = 0; i < G_N_ELEMENTS (windows_zones); i++)
    if (g_ascii_strcasecmp (windows_zones[i].windows, windows_name) == 0)
      return windows_zones[i].olson;

  return NULL;
}

static icaltimezone *
get_builtin (const char *name)
{
  /* libical reads zone files by name: keep it inside the zone folder. */
  if (name[0] == '\0' || name[0] == '/' || strstr (name, "..") != NULL)
    return NULL;

  return icaltimezone_get_builtin_timezone (name);
}

/* A Windows display name, "(UTC-05:00) Eastern Time (US & Canada)" (or
 * "… (US and Canada)"): the zone of its name, else, for a name we do not
 * know, the fixed offset of its prefix when it is whole hours (better than
 * the home zone, though without summer time). */
static icaltimezone *
lookup_display_name (const char *tzid)
{
  g_autoptr(GString) name = NULL;
  int sign = 0, hours = 0, minutes = 0;
  const char *rest = tzid;
  char buf[16];

  if (g_str_has_prefix (tzid, "(UTC") || g_str_has_prefix (tzid, "(GMT"))
    {
      const char *close = strchr (tzid, ')');

      if (close == NULL)
        return NULL;
      if (tzid[4] == '+' || tzid[4] == '-')
        {
          sign = tzid[4] == '+' ? 1 : -1;
          if (sscanf (tzid + 5, "%2d:%2d", &hours, &minutes) != 2)
            sign = 0;
        }
      rest = close + 1;
      while (*rest == ' ')
        rest++;
    }
  else
    return NULL;

  name = g_string_new (rest);
  g_string_replace (name, " and ", " & ", 0);
  for (gsize i = 0; i < G_N_ELEMENTS (windows_display_names); i++)
    if (g_ascii_strcasecmp (windows_display_names[i].display, name->str) == 0)
      return get_builtin (windows_display_names[i].olson);

  for (gsize i = 0; i < G_N_ELEMENTS (display_zones); i++)
    if (strstr (name->str, display_zones[i].needle) != NULL)
      return get_builtin (display_zones[i].olson);

  if (sign == 0 || minutes != 0 || hours > 14)
    return NULL;
  if (hours == 0)
    return get_builtin ("UTC");
  /* POSIX's sign: Etc/GMT+5 is five hours behind UTC. */
  g_snprintf (buf, sizeof buf, "Etc/GMT%c%d", sign > 0 ? '-' : '+', hours);
  return get_builtin (buf);
}

static icaltimezone *
lookup_named_zone (const char *tzid)
{
  icaltimezone *zone;
  const char *olson;

  if ((zone = get_builtin (tzid)) != NULL)
    return zone;

  /* "/mozilla.org/20050126_1/Europe/Stockholm",
   * "/freeassociation.sourceforge.net/Tzfile/Europe/Stockholm". */
  for (const char *slash = strchr (tzid, '/'); slash != NULL; slash = strchr (slash + 1, '/'))
    if ((zone = get_builtin (slash + 1)) != NULL)
      return zone;

  if ((olson = resfri_ical_windows_zone_to_olson (tzid)) != NULL &&
      (zone = get_builtin (olson)) != NULL)
    return zone;

  if ((zone = lookup_display_name (tzid)) != NULL)
    return zone;

  for (gsize i = 0; i < G_N_ELEMENTS (display_zones); i++)
    if (strstr (tzid, display_zones[i].needle) != NULL)
      return get_builtin (display_zones[i].olson);

  return NULL;
}

/* The shared zone of @vtz, whose text is @text (taken); NULL when there
 * is none and no room for another. */
static icaltimezone *
shared_zone_of (icalcomponent *vtz,
                char          *text)
{
  icaltimezone *shared;
  icalcomponent *copy;

  if (shared_by_text == NULL)
    shared_by_text = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  if ((shared = g_hash_table_lookup (shared_by_text, text)) != NULL ||
      g_hash_table_size (shared_by_text) >= SHARED_ZONES_MAX)
    {
      g_free (text);
      return shared;
    }
  copy = icalcomponent_new_clone (vtz);
  shared = icaltimezone_new ();
  if (!icaltimezone_set_component (shared, copy))
    {
      icalcomponent_free (copy);
      icaltimezone_free (shared, TRUE);
      g_free (text);
      return NULL;
    }
  g_hash_table_insert (shared_by_text, text, shared);
  zone_lasts (shared);
  return shared;
}

void
resfri_ical_share_zones (icalcomponent *vcalendar)
{
  g_autoptr(GArray) zones = g_array_new (FALSE, FALSE, sizeof (SharedZone));

  if (icalcomponent_isa (vcalendar) != ICAL_VCALENDAR_COMPONENT)
    return;

  G_LOCK (shared_zones);
  for (icalcomponent *vtz = icalcomponent_get_first_component (vcalendar, ICAL_VTIMEZONE_COMPONENT);
       vtz != NULL;
       vtz = icalcomponent_get_next_component (vcalendar, ICAL_VTIMEZONE_COMPONENT))
    {
      icalproperty *prop = icalcomponent_get_first_property (vtz, ICAL_TZID_PROPERTY);
      const char *tzid = prop != NULL ? icalproperty_get_tzid (prop) : NULL;
      SharedZone zone = { 0 };

      if (tzid == NULL ||
          (zone.own = icalcomponent_get_timezone (vcalendar, tzid)) == NULL ||
          (zone.component = icaltimezone_get_component (zone.own)) != vtz ||
          (zone.shared = shared_zone_of (vtz, icalcomponent_as_ical_string_r (vtz))) == NULL)
        continue;
      g_array_append_val (zones, zone);
    }
  if (zones->len > 0)
    {
      if (shared_by_calendar == NULL)
        shared_by_calendar = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_array_unref);
      g_hash_table_insert (shared_by_calendar, vcalendar, g_steal_pointer (&zones));
    }
  G_UNLOCK (shared_zones);
}

void
resfri_ical_unshare_zones (icalcomponent *vcalendar)
{
  G_LOCK (shared_zones);
  if (shared_by_calendar != NULL)
    g_hash_table_remove (shared_by_calendar, vcalendar);
  G_UNLOCK (shared_zones);
}

/* The zone of @calendar's own VTIMEZONE named @tzid: its shared zone when
 * it has one (and the VTIMEZONE is still the one shared). */
static icaltimezone *
calendar_zone (icalcomponent *calendar,
               const char    *tzid)
{
  icaltimezone *own = icalcomponent_get_timezone (calendar, tzid);
  icaltimezone *result = own;
  GArray *zones;

  if (own == NULL)
    return NULL;
  G_LOCK (shared_zones);
  if (shared_by_calendar != NULL &&
      (zones = g_hash_table_lookup (shared_by_calendar, calendar)) != NULL)
    for (guint i = 0; i < zones->len; i++)
      {
        SharedZone *zone = &g_array_index (zones, SharedZone, i);

        if (zone->own == own && zone->component == icaltimezone_get_component (own))
          {
            result = zone->shared;
            break;
          }
      }
  G_UNLOCK (shared_zones);
  return result;
}

icaltimezone *
resfri_ical_resolve_tzid (icalcomponent *comp,
                          const char    *tzid)
{
  icaltimezone *zone = NULL;
  gpointer cached;

  if (tzid == NULL)
    return NULL;

  resfri_ical_get_home_zone ();

  for (icalcomponent *p = comp; p != NULL; p = icalcomponent_get_parent (p))
    {
      if (icalcomponent_isa (p) == ICAL_VCALENDAR_COMPONENT)
        {
          if ((zone = calendar_zone (p, tzid)) != NULL)
            return zone;
          break;
        }
    }

  /* An empty TZID names only a VTIMEZONE of the calendar with an empty
   * TZID (resfri-ical.c names it ""). */
  if (tzid[0] == '\0')
    return NULL;

  G_LOCK (zone_cache);
  if (zone_cache == NULL)
    zone_cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  if (g_hash_table_lookup_extended (zone_cache, tzid, NULL, &cached))
    {
      G_UNLOCK (zone_cache);
      return cached == (gpointer) &zone_cache ? NULL : cached;
    }

  zone = lookup_named_zone (tzid);
  zone_lasts (zone);
  if (g_hash_table_size (zone_cache) < ZONE_CACHE_MAX)
    g_hash_table_insert (zone_cache, g_strdup (tzid), zone != NULL ? (gpointer) zone : (gpointer) &zone_cache);
  G_UNLOCK (zone_cache);

  return zone;
}

/* Whether the wall-clock time @t comes before every observance of the
 * calendar's VTIMEZONE @zone (whose offsets then say nothing about it). */
static gboolean
is_before_observances (icaltimezone        *zone,
                       struct icaltimetype  t)
{
  icalcomponent *vtz = icaltimezone_get_component (zone);
  struct icaltimetype first = icaltime_null_time ();

  if (vtz == NULL)
    return FALSE;

  for (icalcomponent *c = icalcomponent_get_first_component (vtz, ICAL_ANY_COMPONENT);
       c != NULL;
       c = icalcomponent_get_next_component (vtz, ICAL_ANY_COMPONENT))
    {
      icalproperty *prop = icalcomponent_get_first_property (c, ICAL_DTSTART_PROPERTY);
      struct icaltimetype start;

      if (prop == NULL)
        continue;
      start = icalproperty_get_dtstart (prop);
      if (icaltime_is_null_time (start))
        continue;
      start.zone = NULL;
      if (icaltime_is_null_time (first) || icaltime_compare (start, first) < 0)
        first = start;
    }

  t.zone = NULL;
  return !icaltime_is_null_time (first) && icaltime_compare (t, first) < 0;
}

/* The zone of a zoned time: resfri_ical_resolve_tzid(), except that a time
 * before every observance of the calendar's VTIMEZONE takes the Olson zone
 * of the same name, when there is one (a VTIMEZONE that a feed cut to the
 * recent years; libical would apply its first offset to earlier dates). */
static icaltimezone *
resolve_zone_of_time (icalcomponent       *comp,
                      const char          *tzid,
                      struct icaltimetype  t)
{
  icaltimezone *zone = resfri_ical_resolve_tzid (comp, tzid);
  icalcomponent *calendar = comp;
  icaltimezone *named;

  while (calendar != NULL && icalcomponent_isa (calendar) != ICAL_VCALENDAR_COMPONENT)
    calendar = icalcomponent_get_parent (calendar);

  /* Only the calendar's own VTIMEZONEs (libical's zones reach far back). */
  if (zone == NULL || calendar == NULL || tzid == NULL || tzid[0] == '\0' ||
      calendar_zone (calendar, tzid) != zone || !is_before_observances (zone, t))
    return zone;

  named = resfri_ical_resolve_tzid (NULL, tzid);
  if (named != NULL && named != zone && !is_before_observances (named, t))
    return named;

  return zone;
}

struct icaltimetype
resfri_ical_property_get_time (icalproperty  *prop,
                               icalcomponent *comp)
{
  struct icaltimetype t = icaltime_null_time ();
  icalvalue *value;
  icalparameter *param;

  if (prop == NULL || (value = icalproperty_get_value (prop)) == NULL)
    return t;

  switch (icalvalue_isa (value))
    {
    case ICAL_DATETIME_VALUE:
    case ICAL_DATE_VALUE:
      t = icalvalue_get_datetime (value);
      break;

    case ICAL_DATETIMEPERIOD_VALUE:
      {
        struct icaldatetimeperiodtype dtp = icalvalue_get_datetimeperiod (value);

        t = icaltime_is_null_time (dtp.time) ? dtp.period.start : dtp.time;
      }
      break;

    case ICAL_PERIOD_VALUE:
      t = icalvalue_get_period (value).start;
      break;

    default:
      return t;
    }

  if (icaltime_is_null_time (t) || !icaltime_is_valid_time (t))
    return icaltime_null_time ();

  /* libical reads any two digits as a month or a day ("15763595" is day 95
   * of month 35 of 1576) and calls that valid; RFC 5545's grammar has none
   * of it, and such a time lands millions of years away (found by
   * fuzz-ical-import: the export's VTIMEZONE then had no valid DTSTART). */
  if (t.year < 1 || t.year > 9999 || t.month < 1 || t.month > 12 || t.day < 1 ||
      !g_date_valid_dmy ((GDateDay) t.day, (GDateMonth) t.month, (GDateYear) t.year) ||
      (!t.is_date && (t.hour < 0 || t.hour > 23 || t.minute < 0 || t.minute > 59 ||
                      t.second < 0 || t.second > 60)))
    return icaltime_null_time ();

  if (t.is_date)
    {
      t.hour = t.minute = t.second = 0;
      t.zone = NULL;
      return t;
    }

  if (icaltime_is_utc (t))
    return t;

  param = icalproperty_get_first_parameter (prop, ICAL_TZID_PARAMETER);
  if (param != NULL)
    {
      icaltimezone *zone = resolve_zone_of_time (comp, icalparameter_get_tzid (param), t);

      t.zone = zone != NULL ? zone : resfri_ical_get_home_zone ();
    }
  else
    t.zone = NULL;

  return t;
}

static int
offset_at (icaltimezone *zone,
           gint64        instant)
{
  struct icaltimetype utc = icaltime_from_timet_with_zone ((time_t) instant, 0, NULL);
  int is_daylight = 0;

  return icaltimezone_get_utc_offset_of_utc_time (zone, &utc, &is_daylight);
}

/* A wall-clock time in @zone as a unix time, by RFC 5545 3.3.5: a time
 * that occurs twice (autumn) is the first, a time that does not occur
 * (spring) takes the UTC offset from before the gap, so Stockholm
 * 02:30 on 2026-03-29 is 01:30Z (03:30 CEST). libical's conversion takes
 * the offset after the gap; this checks and corrects it. */
static gint64
zoned_to_unix (struct icaltimetype  t,
               icaltimezone        *zone)
{
  struct icaltimetype wall_t = t;
  gint64 wall;
  gint64 u;
  int offset;

  wall_t.zone = NULL;
  wall_t.is_date = 0;
  wall = icaltime_as_timet (wall_t);
  u = icaltime_as_timet_with_zone (t, zone);
  offset = offset_at (zone, u);

  if (u + offset == wall)
    {
      /* In an overlap, the earlier instant with the same wall time. */
      int earlier = offset_at (zone, u - 3 * 3600);

      if (earlier != offset && wall - earlier < u && offset_at (zone, wall - earlier) == earlier)
        return wall - earlier;
      return u;
    }

  /* A gap: the offset in force before it. */
  return wall - offset_at (zone, u - 3 * 3600);
}

/* zoned_to_unix() of @t in its zone, remembered when the zone lasts. */
static gint64
remembered_zoned_to_unix (struct icaltimetype t)
{
  OffsetSlot *slot;
  guint64 key;
  gint64 instant;

  if (!pack_wall_time (t, &key))
    return zoned_to_unix (t, (icaltimezone *) t.zone);

  G_LOCK (offsets);
  if (offset_slots != NULL)
    {
      slot = &offset_slots[offset_slot_of (t.zone, key)];
      if (slot->zone == t.zone && slot->key == key)
        {
          instant = slot->instant;
          G_UNLOCK (offsets);
          return instant;
        }
    }
  G_UNLOCK (offsets);

  instant = zoned_to_unix (t, (icaltimezone *) t.zone);

  G_LOCK (offsets);
  if (lasting_zones != NULL && g_hash_table_contains (lasting_zones, t.zone))
    {
      if (offset_slots == NULL)
        offset_slots = g_new0 (OffsetSlot, OFFSET_SLOTS);
      slot = &offset_slots[offset_slot_of (t.zone, key)];
      slot->zone = t.zone;
      slot->key = key;
      slot->instant = instant;
    }
  G_UNLOCK (offsets);

  return instant;
}

gint64
resfri_ical_time_to_unix (struct icaltimetype t)
{
  if (icaltime_is_null_time (t))
    return 0;

  if (t.is_date || t.zone == NULL)
    return icaltime_as_timet_with_zone (t, resfri_ical_get_home_zone ());

  if (icaltime_is_utc (t))
    return icaltime_as_timet_with_zone (t, NULL);

  return remembered_zoned_to_unix (t);
}

/* Days since 1970-01-01 to a civil date (H. Hinnant's algorithm). */
static void
civil_from_days (gint64  z,
                 int    *year,
                 int    *month,
                 int    *day)
{
  gint64 era;
  gint64 doe, yoe, doy, mp;

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

static inline char *
put_digits (char *p,
            int   value,
            int   width)
{
  for (int i = width - 1; i >= 0; i--)
    {
      p[i] = '0' + (value % 10);
      value /= 10;
    }
  return p + width;
}

void
resfri_civil_time_from_unix (gint64           t,
                             ResfriCivilTime *civil)
{
  gint64 days = t >= 0 ? t / 86400 : (t - 86399) / 86400;

  civil_from_days (days, &civil->year, &civil->month, &civil->day);
  civil->seconds = (int) (t - days * 86400);
}

void
resfri_ical_format_unix_utc (gint64  t,
                             char   *buf)
{
  ResfriCivilTime c;
  char *p = buf;

  resfri_civil_time_from_unix (t, &c);
  if (c.year < 0 || c.year > 9999)
    c.year = 0;
  p = put_digits (p, c.year, 4);
  p = put_digits (p, c.month, 2);
  p = put_digits (p, c.day, 2);
  *p++ = 'T';
  p = put_digits (p, c.seconds / 3600, 2);
  p = put_digits (p, c.seconds / 60 % 60, 2);
  p = put_digits (p, c.seconds % 60, 2);
  *p++ = 'Z';
  *p = '\0';
}

void
resfri_ical_format_time (struct icaltimetype  t,
                         char                *buf)
{
  char *p = buf;

  if (!t.is_date && t.zone != NULL)
    {
      resfri_ical_format_unix_utc (resfri_ical_time_to_unix (t), buf);
      return;
    }

  p = put_digits (p, CLAMP (t.year, 0, 9999), 4);
  p = put_digits (p, CLAMP (t.month, 0, 99), 2);
  p = put_digits (p, CLAMP (t.day, 0, 99), 2);
  if (!t.is_date)
    {
      *p++ = 'T';
      p = put_digits (p, CLAMP (t.hour, 0, 99), 2);
      p = put_digits (p, CLAMP (t.minute, 0, 99), 2);
      p = put_digits (p, CLAMP (t.second, 0, 99), 2);
    }
  *p = '\0';
}

gboolean
resfri_ical_parse_date_arg (const char  *text,
                            gint64      *unix_time,
                            GError     **error)
{
  g_autofree char *shown = NULL;
  gsize len;

  g_return_val_if_fail (unix_time != NULL, FALSE);

  len = text != NULL ? strlen (text) : 0;

  if (len == 10 && text[4] == '-' && text[7] == '-')
    {
      struct icaltimetype date = icaltime_null_time ();
      int year, month, day;
      char extra;

      if (sscanf (text, "%4d-%2d-%2d%c", &year, &month, &day, &extra) == 3 &&
          g_ascii_isdigit (text[0]) && g_ascii_isdigit (text[5]) && g_ascii_isdigit (text[8]) &&
          /* ISO 8601 dates are proleptic Gregorian, as GLib's are;
           * libical counts years before 1753 as Julian (0700-02-29 would
           * be a day there and not in GDate; found by fuzz-date-arg). */
          year >= 1 && month >= 1 && month <= 12 && day >= 1 &&
          g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
        {
          date.year = year;
          date.month = month;
          date.day = day;
          date.is_date = 1;
          *unix_time = resfri_ical_time_to_unix (date);
          return TRUE;
        }
    }
  else if (len > 10 && text[10] == 'T' &&
           (g_ascii_toupper (text[len - 1]) == 'Z' ||
            (len > 16 && (text[len - 6] == '+' || text[len - 6] == '-') && text[len - 3] == ':')))
    {
      g_autoptr(GDateTime) dt = g_date_time_new_from_iso8601 (text, NULL);

      if (dt != NULL)
        {
          *unix_time = g_date_time_to_unix (dt);
          return TRUE;
        }
    }

  /* The argument may come in any encoding; the message is UTF-8. */
  shown = text != NULL ? g_utf8_make_valid (text, -1) : g_strdup ("");
  g_set_error (error, RESFRI_ERROR, RESFRI_ERROR_INVALID_INPUT,
               _("“%s” is not a date (YYYY-MM-DD) or an RFC 3339 instant"), shown);
  return FALSE;
}

/* VTIMEZONEs */

static gboolean
same_offsets (icalcomponent *a,
              icalcomponent *b)
{
  icalproperty_kind kinds[] = { ICAL_TZOFFSETFROM_PROPERTY, ICAL_TZOFFSETTO_PROPERTY };

  for (gsize i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      icalproperty *pa = icalcomponent_get_first_property (a, kinds[i]);
      icalproperty *pb = icalcomponent_get_first_property (b, kinds[i]);

      if (pa == NULL || pb == NULL ||
          icalvalue_get_utcoffset (icalproperty_get_value (pa)) !=
          icalvalue_get_utcoffset (icalproperty_get_value (pb)))
        return FALSE;
    }

  return TRUE;
}

/* libical's zones come from tzdata: every transition since the 1800s, and
 * the rule in force today split in two at 2037 (an RRULE with UNTIL, then
 * the same RRULE open-ended). Calendar software reads that poorly (python3
 * icalendar 4.0, and so khal, cannot take a VTIMEZONE RRULE with UNTIL):
 * keep what applies from @earliest on and join the two halves. */
static void
simplify_vtimezone (icalcomponent *vtz,
                    gint64         earliest)
{
  g_autoptr(GPtrArray) observances = g_ptr_array_new ();
  struct icaltimetype start;

  /* A year's margin: overrides and EXDATEs reach before the first
   * occurrence. */
  earliest -= 366 * 86400;
  start = icaltime_from_timet_with_zone ((time_t) earliest, 0, icaltimezone_get_utc_timezone ());
  icaltimezone_truncate_vtimezone (vtz, start, icaltime_null_time (), 1);

  for (icalcomponent *c = icalcomponent_get_first_component (vtz, ICAL_ANY_COMPONENT);
       c != NULL;
       c = icalcomponent_get_next_component (vtz, ICAL_ANY_COMPONENT))
    g_ptr_array_add (observances, c);

  for (guint i = 0; i < observances->len; i++)
    {
      icalcomponent *a = g_ptr_array_index (observances, i);
      icalproperty *rule_a = a != NULL ? icalcomponent_get_first_property (a, ICAL_RRULE_PROPERTY) : NULL;
      struct icalrecurrencetype ra;

      if (rule_a == NULL)
        continue;
      ra = icalproperty_get_rrule (rule_a);
      if (icaltime_is_null_time (ra.until))
        continue;

      for (guint j = 0; j < observances->len; j++)
        {
          icalcomponent *b = g_ptr_array_index (observances, j);
          icalproperty *rule_b = b != NULL && b != a ? icalcomponent_get_first_property (b, ICAL_RRULE_PROPERTY) : NULL;
          struct icalrecurrencetype rb;

          if (rule_b == NULL || icalcomponent_isa (a) != icalcomponent_isa (b) || !same_offsets (a, b))
            continue;
          rb = icalproperty_get_rrule (rule_b);
          if (!icaltime_is_null_time (rb.until) || rb.count != 0 || rb.freq != ra.freq ||
              rb.interval != ra.interval || rb.by_day[0] != ra.by_day[0] ||
              rb.by_day[1] != ra.by_day[1] || rb.by_month[0] != ra.by_month[0] ||
              rb.by_month[1] != ra.by_month[1] ||
              icaltime_compare (icalcomponent_get_dtstart (b), ra.until) <= 0)
            continue;

          ra.until = icaltime_null_time ();
          icalproperty_set_rrule (rule_a, ra);
          icalcomponent_remove_component (vtz, b);
          icalcomponent_free (b);
          g_ptr_array_index (observances, j) = NULL;
          break;
        }
    }
}

icalcomponent *
resfri_ical_dup_vtimezone (icaltimezone *zone,
                           const char   *tzid,
                           gint64        earliest)
{
  icalcomponent *comp;
  icalproperty *prop;

  g_return_val_if_fail (zone != NULL, NULL);
  g_return_val_if_fail (tzid != NULL, NULL);

  if (icaltimezone_get_component (zone) == NULL)
    return NULL;

  comp = icalcomponent_new_clone (icaltimezone_get_component (zone));
  simplify_vtimezone (comp, earliest);
  prop = icalcomponent_get_first_property (comp, ICAL_TZID_PROPERTY);
  if (prop != NULL)
    icalproperty_set_tzid (prop, tzid);
  else
    icalcomponent_add_property (comp, icalproperty_new_tzid (tzid));

  return comp;
}

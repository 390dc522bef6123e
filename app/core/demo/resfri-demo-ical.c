/* resfri-demo-ical.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A demo meeting (a Spec) as the VEVENTs an import would store: the UID and
 * the join link in the shape Outlook, Google Meet, Zoom or Jitsi write them,
 * the attendees, and for a series the RRULE with its EXDATEs, one moved and
 * one cancelled instance as overrides. They are stored exactly the way an
 * import stores them, through resfri_store_put_vevent_at().
 */

#include "config.h"

#include <string.h>

#include "resfri-demo-private.h"
#include "resfri-exemption.h"

static void
random_hex (Demo  *d,
            char  *out,
            guint  n)
{
  static const char hex[] = "0123456789abcdef";

  for (guint i = 0; i < n; i++)
    out[i] = hex[rnd (d, 16)];
  out[n] = '\0';
}

static void
random_alnum (Demo  *d,
              char  *out,
              guint  n)
{
  static const char chars[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

  for (guint i = 0; i < n; i++)
    out[i] = chars[rnd (d, sizeof chars - 1)];
  out[n] = '\0';
}

static struct icaltimetype
local_time (guint32 julian,
            guint   minutes)
{
  struct icaltimetype t = icaltime_null_time ();
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_julian (&date, julian);
  t.year = g_date_get_year (&date);
  t.month = g_date_get_month (&date);
  t.day = g_date_get_day (&date);
  t.hour = (int) minutes / 60;
  t.minute = (int) minutes % 60;
  t.is_date = 0;
  return t;
}

static icalproperty *
with_tzid (icalproperty *prop)
{
  icalproperty_add_parameter (prop, icalparameter_new_tzid (TZID));
  return prop;
}

static const char *
person_email (Demo  *d,
              guint  index)
{
  return g_array_index (d->people, Person, index).email;
}

static void
make_uid (Demo    *d,
          Service  service,
          char    *out,
          gsize    size)
{
  char random[33];

  d->serial++;
  switch (service)
    {
    case SERVICE_TEAMS:
      /* Outlook's global object id shape. */
      random_hex (d, random, 24);
      g_snprintf (out, size, "040000008200E00074C5B7101A82E008000000%08X%s", d->serial, random);
      for (char *p = out; *p; p++)
        *p = g_ascii_toupper (*p);
      break;

    case SERVICE_MEET:
      random_alnum (d, random, 20);
      for (char *p = random; *p; p++)
        *p = g_ascii_tolower (*p);
      g_snprintf (out, size, "%s%06u@google.com", random, d->serial);
      break;

    default:
      random_hex (d, random, 8);
      g_snprintf (out, size, "demo-%06u-%s@" DOMAIN, d->serial, random);
      break;
    }
}

typedef struct
{
  char *url;          /* the join link */
  char *location;     /* LOCATION of an online meeting, or NULL */
  char *description;  /* the invitation text with the link */
} Link;

static void
link_clear (Link *link)
{
  g_clear_pointer (&link->url, g_free);
  g_clear_pointer (&link->location, g_free);
  g_clear_pointer (&link->description, g_free);
}

static void
make_link (Demo       *d,
           Service     service,
           const char *agenda,
           Link       *link)
{
  char a[33], b[33];
  const char *intro = agenda ? agenda : "";
  const char *sep = agenda ? "\n\n" : "";

  switch (service)
    {
    case SERVICE_TEAMS:
      {
        char object_id[37];
        guint id1 = 100 + rnd (d, 900), id2 = 100 + rnd (d, 900), id3 = 100 + rnd (d, 900);
        guint id4 = 100 + rnd (d, 900);

        random_alnum (d, a, 32);
        random_hex (d, b, 32);
        g_snprintf (object_id, sizeof object_id, "%.8s-%.4s-%.4s-%.4s-%.12s",
                    b, b + 8, b + 12, b + 16, b + 20);
        random_alnum (d, b, 6);
        link->url = g_strdup_printf ("https://teams.microsoft.com/l/meetup-join/19%%3ameeting_%s"
                                     "%%40thread.v2/0?context=%%7b%%22Tid%%22%%3a%%22%s%%22%%2c"
                                     "%%22Oid%%22%%3a%%22%s%%22%%7d",
                                     a, d->tenant, object_id);
        link->location = g_strdup ("Microsoft Teams-möte");
        link->description = g_strdup_printf (
          "%s%s"
          "________________________________________________________________________________\n"
          "Microsoft Teams-möte\n"
          "Anslut till mötet nu<%s>\n"
          "Mötes-ID: %u %u %u %u\n"
          "Lösenord: %s\n"
          "________________________________________________________________________________\n",
          intro, sep, link->url, id1, id2, id3, id4, b);
        break;
      }

    case SERVICE_MEET:
      {
        static const char letters[] = "abcdefghijklmnopqrstuvwxyz";
        char code[13];

        for (guint i = 0; i < 12; i++)
          code[i] = (i == 3 || i == 8) ? '-' : letters[rnd (d, 26)];
        code[12] = '\0';
        link->url = g_strdup_printf ("https://meet.google.com/%s", code);
        link->description = g_strdup_printf (
          "%s%s"
          "Anslut med Google Meet: %s\n"
          "Delta via telefon: (SE) +46 8-505 000 %02u PIN-kod: %u#\n"
          "Läs mer om Meet på: https://support.google.com/a/users/answer/9282720",
          intro, sep, link->url, rnd (d, 100), 100000000 + rnd (d, 900000000));
        break;
      }

    case SERVICE_ZOOM:
      {
        guint64 id = 80000000000ULL + (guint64) rnd (d, 1000000) * 10000 + rnd (d, 10000);

        random_alnum (d, a, 32);
        link->url = g_strdup_printf ("https://us02web.zoom.us/j/%" G_GUINT64_FORMAT "?pwd=%s", id, a);
        link->location = g_strdup (link->url);
        link->description = g_strdup_printf (
          "%s%s"
          "Anslut till Zoom-mötet\n%s\n\n"
          "Mötes-ID: %03u %04u %04u\n"
          "Lösenkod: %06u\n",
          intro, sep, link->url, (guint) (id / 100000000ULL), (guint) (id / 10000 % 10000),
          (guint) (id % 10000), rnd (d, 1000000));
        break;
      }

    case SERVICE_JITSI:
    default:
      {
        static const char * const words[] = {
          "Vaner", "Samverkan", "Planering", "Avstamning", "Dalbo", "Halle", "Hunne",
          "Fyrbodal", "Strategi", "Uppfoljning",
        };

        link->url = g_strdup_printf ("https://meet.jit.si/%s%s%u",
                                     words[rnd (d, G_N_ELEMENTS (words))],
                                     words[rnd (d, G_N_ELEMENTS (words))],
                                     1000 + rnd (d, 9000));
        link->location = g_strdup (link->url);
        link->description = g_strdup_printf ("%s%sLänk till mötet: %s\n", intro, sep, link->url);
        break;
      }
    }
}

static icalparameter_partstat
pick_partstat (Demo *d)
{
  double x = g_rand_double (d->rand);

  if (x < 0.06)
    return ICAL_PARTSTAT_DECLINED;
  if (x < 0.11)
    return ICAL_PARTSTAT_TENTATIVE;
  if (x < 0.20)
    return ICAL_PARTSTAT_NEEDSACTION;
  return ICAL_PARTSTAT_ACCEPTED;
}

/* Outlook leaves CUTYPE out and asks for an answer; Google and the others
 * write CUTYPE=INDIVIDUAL. */
static void
add_attendee (Demo          *d,
              icalcomponent *vevent,
              Service        service,
              const char    *email,
              const char    *name,
              gboolean       optional)
{
  g_autofree char *mailto = g_strconcat ("mailto:", email, NULL);
  icalproperty *prop = icalproperty_new_attendee (mailto);

  if (service != SERVICE_TEAMS)
    icalproperty_add_parameter (prop, icalparameter_new_cutype (ICAL_CUTYPE_INDIVIDUAL));
  icalproperty_add_parameter (prop, icalparameter_new_role (optional ? ICAL_ROLE_OPTPARTICIPANT
                                                                     : ICAL_ROLE_REQPARTICIPANT));
  icalproperty_add_parameter (prop, icalparameter_new_partstat (pick_partstat (d)));
  if (service == SERVICE_TEAMS)
    icalproperty_add_parameter (prop, icalparameter_new_rsvp (ICAL_RSVP_TRUE));
  icalproperty_add_parameter (prop, icalparameter_new_cn (name));
  icalcomponent_add_property (vevent, prop);
}

static void
add_x (icalcomponent *vevent,
       const char    *name,
       const char    *value)
{
  icalproperty *prop = icalproperty_new_x (value);

  icalproperty_set_x_name (prop, name);
  icalcomponent_add_property (vevent, prop);
}

/* One VEVENT of @spec: the master (recurrence_day 0) or an override of the
 * instance on @recurrence_day at the series' start time. */
static icalcomponent *
build_vevent (Demo       *d,
              const Spec *spec,
              const Link *link,
              const char *uid,
              guint32     day,
              guint       start,
              guint32     recurrence_day,
              gboolean    cancelled)
{
  icalcomponent *vevent = icalcomponent_new_vevent ();
  struct icaltimetype stamp = icaltime_null_time ();
  const Room *room = spec->room >= 0 ? &g_array_index (d->rooms, Room, spec->room) : NULL;
  g_autofree char *location = NULL;
  g_autofree char *summary = NULL;
  const char *description = spec->description;

  /* DTSTAMP from the year, never from the clock. */
  stamp.year = d->year - 1;
  stamp.month = 12;
  stamp.day = 1;
  stamp.hour = 8;
  stamp.zone = icaltimezone_get_utc_timezone ();

  icalcomponent_add_property (vevent, icalproperty_new_uid (uid));
  icalcomponent_add_property (vevent, icalproperty_new_dtstamp (stamp));
  if (recurrence_day != 0)
    icalcomponent_add_property (vevent,
                                with_tzid (icalproperty_new_recurrenceid (local_time (recurrence_day,
                                                                                      spec->start))));
  icalcomponent_add_property (vevent, with_tzid (icalproperty_new_dtstart (local_time (day, start))));
  icalcomponent_add_property (vevent,
                              with_tzid (icalproperty_new_dtend (local_time (day, start + spec->duration))));

  summary = cancelled ? g_strdup_printf ("Inställt: %s", spec->summary) : g_strdup (spec->summary);
  icalcomponent_add_property (vevent, icalproperty_new_summary (summary));
  icalcomponent_add_property (vevent, icalproperty_new_sequence (recurrence_day != 0 ? 1 : 0));
  icalcomponent_add_property (vevent, icalproperty_new_status (cancelled ? ICAL_STATUS_CANCELLED
                                                                         : ICAL_STATUS_CONFIRMED));
  icalcomponent_add_property (vevent, icalproperty_new_transp (ICAL_TRANSP_OPAQUE));

  /* Where: the room, a town, or the service's own words. */
  switch (spec->mode)
    {
    case MODE_ONLINE:
      location = g_strdup (link->location);
      break;

    case MODE_HYBRID:
      if (spec->service == SERVICE_TEAMS)
        location = g_strdup_printf ("%s; Microsoft Teams-möte", room->name);
      else
        location = g_strdup (room->name);
      break;

    case MODE_IN_PERSON:
    default:
      if (spec->venue_site >= 0)
        location = g_strdup_printf ("%s, %s", _resfri_demo_sites[spec->venue_site].name,
                                    _resfri_demo_sites[spec->venue_site].venue);
      else if (room != NULL)
        location = g_strdup (room->alias != NULL && spec->room_alias ? room->alias : room->name);
      break;
    }
  if (location != NULL)
    icalcomponent_add_property (vevent, icalproperty_new_location (location));

  if (spec->mode != MODE_IN_PERSON)
    description = link->description;
  if (description != NULL)
    icalcomponent_add_property (vevent, icalproperty_new_description (description));

  if (spec->mode != MODE_IN_PERSON)
    {
      if (spec->service == SERVICE_TEAMS)
        {
          add_x (vevent, "X-MICROSOFT-SKYPETEAMSMEETINGURL", link->url);
          add_x (vevent, "X-MICROSOFT-CDO-BUSYSTATUS", "BUSY");
          add_x (vevent, "X-MICROSOFT-CDO-IMPORTANCE", "1");
        }
      else if (spec->service == SERVICE_MEET)
        {
          icalproperty *conference = icalproperty_new_conference (link->url);

          icalproperty_add_parameter (conference, icalparameter_new_feature (ICAL_FEATURE_VIDEO));
          icalproperty_add_parameter (conference, icalparameter_new_label ("Google Meet"));
          icalcomponent_add_property (vevent, conference);
          add_x (vevent, "X-GOOGLE-CONFERENCE", link->url);
        }
    }

  /* Who. */
  {
    g_autofree char *mailto = NULL;
    const char *email, *name;
    icalproperty *organizer;

    if (spec->organizer >= 0)
      {
        email = person_email (d, spec->organizer);
        name = person_at (d, spec->organizer)->name;
      }
    else
      {
        email = spec->external_organizer->email;
        name = spec->external_organizer->name;
      }
    mailto = g_strconcat ("mailto:", email, NULL);
    organizer = icalproperty_new_organizer (mailto);
    icalproperty_add_parameter (organizer, icalparameter_new_cn (name));
    icalcomponent_add_property (vevent, organizer);

    /* Google lists the organiser among the attendees too. */
    if (spec->service == SERVICE_MEET && spec->mode != MODE_IN_PERSON)
      {
        g_autofree char *self_mailto = g_strconcat ("mailto:", email, NULL);
        icalproperty *self = icalproperty_new_attendee (self_mailto);

        icalproperty_add_parameter (self, icalparameter_new_cutype (ICAL_CUTYPE_INDIVIDUAL));
        icalproperty_add_parameter (self, icalparameter_new_role (ICAL_ROLE_REQPARTICIPANT));
        icalproperty_add_parameter (self, icalparameter_new_partstat (ICAL_PARTSTAT_ACCEPTED));
        icalproperty_add_parameter (self, icalparameter_new_cn (name));
        icalcomponent_add_property (vevent, self);
      }
  }

  for (guint i = 0; i < spec->members->len; i++)
    {
      const Person *person = person_at (d, g_array_index (spec->members, guint, i));

      add_attendee (d, vevent, spec->service, person->email, person->name,
                    i > 2 && chance (d, 0.05));
    }

  for (guint i = 0; i < spec->externals->len; i++)
    {
      const External *external = g_ptr_array_index (spec->externals, i);

      if (external != spec->external_organizer)
        add_attendee (d, vevent, spec->service, external->email, external->name, FALSE);
    }

  if (room != NULL && (spec->mode == MODE_HYBRID || spec->room_attendee))
    {
      g_autofree char *mailto = g_strconcat ("mailto:", room->email, NULL);
      icalproperty *prop = icalproperty_new_attendee (mailto);

      icalproperty_add_parameter (prop, icalparameter_new_cutype (ICAL_CUTYPE_ROOM));
      icalproperty_add_parameter (prop, icalparameter_new_role (ICAL_ROLE_NONPARTICIPANT));
      icalproperty_add_parameter (prop, icalparameter_new_partstat (ICAL_PARTSTAT_ACCEPTED));
      icalproperty_add_parameter (prop, icalparameter_new_cn (room->name));
      icalcomponent_add_property (vevent, prop);
    }

  return vevent;
}

static gboolean
store_vevent (Demo           *d,
              icalcomponent  *vevent,
              GError        **error)
{
  gboolean ok;

  /* "Now" is the start of the demo year, not the clock: the expansion
   * horizon and the stored timestamps then depend on the options only. */
  ok = resfri_store_put_vevent_at (d->store, vevent, SOURCE, d->now, &d->stats, error);
  icalcomponent_free (vevent);
  if (ok)
    d->summary.meetings++;
  return ok;
}

/* The instances of a series, as julian days, the way RRULE produces them
 * (EXDATEs not removed). */
static GArray *
series_instances (Demo       *d,
                  const Spec *spec)
{
  GArray *days = g_array_new (FALSE, FALSE, sizeof (guint32));

  if (spec->recur == RECUR_WEEKLY)
    {
      for (guint32 day = spec->day;
           spec->count ? days->len < spec->count : day <= spec->until_day;
           day += 7 * spec->interval)
        g_array_append_val (days, day);
    }
  else if (spec->recur == RECUR_MONTHLY)
    {
      GDateWeekday weekday = _resfri_demo_weekday_of (spec->day);

      for (guint month = 1; month <= 12; month++)
        {
          guint32 day;

          if (month == G_DATE_JULY)
            continue;
          day = _resfri_demo_julian_for (d->year, (GDateMonth) month, 1);
          while (_resfri_demo_weekday_of (day) != weekday)
            day++;
          day += 7 * (spec->nth - 1);
          if (day < spec->day || day > spec->until_day)
            continue;
          g_array_append_val (days, day);
        }
    }

  return days;
}

static int
ical_weekday (GDateWeekday weekday)
{
  /* GDate: Monday = 1 … Sunday = 7; libical: Sunday = 1 … Saturday = 7. */
  return weekday == G_DATE_SUNDAY ? ICAL_SUNDAY_WEEKDAY : (int) weekday + 1;
}

gboolean
_resfri_demo_emit (Demo        *d,
                   const Spec  *spec,
                   GError     **error)
{
  char uid[128];
  Link link = { NULL };
  icalcomponent *master;
  g_autoptr(GArray) instances = NULL;
  g_autoptr(GArray) skipped = g_array_new (FALSE, FALSE, sizeof (guint32));
  guint32 moved = 0, cancelled = 0;
  gboolean ok = TRUE;

  make_uid (d, spec->service, uid, sizeof uid);
  if (spec->mode != MODE_IN_PERSON)
    make_link (d, spec->service, spec->description, &link);

  master = build_vevent (d, spec, &link, uid, spec->day, spec->start, 0, FALSE);
  if (spec->exemption != NULL)
    {
      icalproperty *exemption = icalproperty_new_x (spec->exemption);

      icalproperty_set_x_name (exemption, RESFRI_EXEMPTION_PROPERTY);
      if (strcmp (spec->exemption, "other") == 0)
        {
          icalparameter *note = icalparameter_new_x ("Styrelsemöte hos extern part");

          icalparameter_set_xname (note, RESFRI_EXEMPTION_NOTE_PARAMETER);
          icalproperty_add_parameter (exemption, note);
        }
      icalcomponent_add_property (master, exemption);
    }

  if (spec->recur != RECUR_NONE)
    {
      struct icalrecurrencetype rule;
      gboolean exceptions = spec->force_exceptions;

      icalrecurrencetype_clear (&rule);
      rule.interval = (short) spec->interval;
      if (spec->count > 0)
        rule.count = (int) spec->count;
      else
        {
          rule.until = local_time (spec->until_day, 20 * 60);
          rule.until.zone = icaltimezone_get_utc_timezone ();
        }

      if (spec->recur == RECUR_WEEKLY)
        rule.freq = ICAL_WEEKLY_RECURRENCE;
      else
        {
          guint m = 0;

          GDateWeekday weekday = _resfri_demo_weekday_of (spec->day);

          rule.freq = ICAL_MONTHLY_RECURRENCE;
          rule.by_day[0] = (short) (spec->nth * 8 + ical_weekday (weekday));
          for (guint month = 1; month <= 12; month++)
            if (month != G_DATE_JULY)
              rule.by_month[m++] = (short) month;
        }
      icalcomponent_add_property (master, icalproperty_new_rrule (rule));

      instances = series_instances (d, spec);

      /* Holidays fall out, and now and then a week for other reasons. */
      for (guint i = 0; i < instances->len; i++)
        {
          guint32 day = g_array_index (instances, guint32, i);

          if (_resfri_demo_is_holiday (d, day) || (i > 0 && chance (d, 0.02)) ||
              (exceptions && i == 1))
            g_array_append_val (skipped, day);
        }

      /* One instance moved, one called off. */
      if (instances->len >= 4 && (exceptions || chance (d, 0.2)))
        {
          guint32 day = g_array_index (instances, guint32, 2 + rnd (d, instances->len - 3));

          if (!_resfri_demo_is_holiday (d, day))
            moved = day;
        }
      if (instances->len >= 4 && (exceptions || chance (d, 0.1)))
        {
          guint32 day = g_array_index (instances, guint32, 2 + rnd (d, instances->len - 3));

          if (!_resfri_demo_is_holiday (d, day) && day != moved)
            cancelled = day;
        }

      for (guint i = 0; i < skipped->len; i++)
        {
          guint32 day = g_array_index (skipped, guint32, i);

          if (day != moved && day != cancelled)
            icalcomponent_add_property (master,
                                        with_tzid (icalproperty_new_exdate (local_time (day, spec->start))));
        }
    }

  ok = store_vevent (d, master, error);

  if (ok && moved != 0)
    {
      guint32 day = moved;
      guint start = spec->start;

      /* Later the same day, or to the next working day. */
      if (chance (d, 0.4) && _resfri_demo_is_workday (d, day + 1))
        day++;
      else if (start + spec->duration + 90 <= 17 * 60)
        start += 60 + 30 * rnd (d, 2);
      else if (start >= 9 * 60 + 30)
        start -= 60;
      else if (_resfri_demo_is_workday (d, day + 1))
        day++;

      if (day != moved || start != spec->start)
        ok = store_vevent (d, build_vevent (d, spec, &link, uid, day, start, moved, FALSE), error);
    }

  if (ok && cancelled != 0)
    ok = store_vevent (d, build_vevent (d, spec, &link, uid, cancelled, spec->start, cancelled, TRUE),
                       error);

  for (guint i = 0; ok && i < spec->externals->len; i++)
    {
      const External *external = g_ptr_array_index (spec->externals, i);

      if (!g_hash_table_contains (d->externals_used, external->email))
        {
          g_hash_table_add (d->externals_used, (gpointer) external->email);
          d->summary.externals++;
        }
    }
  if (ok && spec->external_organizer != NULL &&
      !g_hash_table_contains (d->externals_used, spec->external_organizer->email))
    {
      g_hash_table_add (d->externals_used, (gpointer) spec->external_organizer->email);
      d->summary.externals++;
    }

  link_clear (&link);
  return ok;
}

/* The Teams tenant id of the municipality, in the shape of a GUID. */
void
_resfri_demo_make_tenant (Demo *d)
{
  random_hex (d, d->tenant, 8);
  d->tenant[8] = '-';
  random_hex (d, d->tenant + 9, 4);
  d->tenant[13] = '-';
  random_hex (d, d->tenant + 14, 4);
  d->tenant[18] = '-';
  random_hex (d, d->tenant + 19, 4);
  d->tenant[23] = '-';
  random_hex (d, d->tenant + 24, 12);
}

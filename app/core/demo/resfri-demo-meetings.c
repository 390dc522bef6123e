/* resfri-demo-meetings.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Who meets in the demo, when, where and how: weekly team meetings and
 * check-ins, monthly workplace meetings, the management groups, the boards
 * (nämnder), the Fyrbodal networks with their external attendees, project
 * groups across the towns and the one-off meetings. Each is described as a
 * Spec (members, room or town, online service, recurrence) and handed to
 * resfri-demo-ical.c.
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "resfri-demo-private.h"
#include "resfri-exemption.h"

/* How many single (non-recurring) meetings per employee and year. */
#define SINGLES_PER_EMPLOYEE 0.5
/* The same a year earlier, for the comparison (and the demo's time). */
#define PREVIOUS_SINGLES_PER_EMPLOYEE 0.2

/* One cross-unit project group (biweekly for a term) per this many
 * employees. */
#define EMPLOYEES_PER_PROJECT 12

/* Units whose management meets as a ledningsgrupp over its whole subtree. */
static const int administrations[] = { U_KLK, U_SERVF, U_KFF, U_SF, U_UTBF, U_SBF, U_AB };

/* Regional networks of the Fyrbodal municipalities. */
typedef struct
{
  const char *name;
  int         unit;
  gboolean    rotating;   /* held in turn at each municipality, else a Teams series */
} NetworkDef;

static const NetworkDef network_defs[] = {
  { "Fyrbodals kommundirektörsgrupp", U_KLK, TRUE },
  { "Fyrbodals HR-nätverk", U_KLK, FALSE },
  { "Fyrbodals IT-chefsnätverk", U_IT, FALSE },
  { "Fyrbodals upphandlingsnätverk", U_SERVF, FALSE },
  { "Fyrbodals socialchefsnätverk", U_SF, TRUE },
  { "Fyrbodals nätverk för äldreomsorg", U_ALDRE, FALSE },
  { "Fyrbodals skolchefsnätverk", U_UTBF, TRUE },
  { "Fyrbodals nätverk för samhällsbyggnad", U_SBF, TRUE },
  { "Fyrbodals kulturnätverk", U_KFF, FALSE },
};

static Service
pick_service (Demo *d)
{
  static const double weights[] = { 0.70, 0.08, 0.12, 0.10 };

  return (Service) pick_weighted (d, weights, G_N_ELEMENTS (weights));
}

static void
spec_init (Spec *spec)
{
  memset (spec, 0, sizeof *spec);
  spec->organizer = -1;
  spec->room = -1;
  spec->venue_site = -1;
  spec->interval = 1;
  spec->members = g_array_new (FALSE, FALSE, sizeof (guint));
  spec->externals = g_ptr_array_new ();
}

static void
spec_clear (Spec *spec)
{
  g_clear_pointer (&spec->members, g_array_unref);
  g_clear_pointer (&spec->externals, g_ptr_array_unref);
}

static gboolean
spec_has_member (const Spec *spec,
                 guint       person)
{
  if (spec->organizer == (int) person)
    return TRUE;
  for (guint i = 0; i < spec->members->len; i++)
    if (g_array_index (spec->members, guint, i) == person)
      return TRUE;
  return FALSE;
}

static void
spec_add_member (Spec  *spec,
                 guint  person)
{
  if (!spec_has_member (spec, person))
    g_array_append_val (spec->members, person);
}

/* A room at @site for @size people; with @vc, one with video equipment
 * when there is one. */
static int
pick_room (Demo     *d,
           guint     site,
           guint     size,
           gboolean  vc)
{
  GPtrArray *rooms = d->site_rooms[site];
  guint offset = rnd (d, rooms->len);
  int fallback = -1;

  for (guint i = 0; i < rooms->len; i++)
    {
      guint index = GPOINTER_TO_UINT (g_ptr_array_index (rooms, (offset + i) % rooms->len));
      const Room *room = &g_array_index (d->rooms, Room, index);

      /* The council chamber is for the big meetings only. */
      if (room->capacity < size || (room->capacity >= 60 && size <= 30))
        continue;
      if (!vc || room->vc)
        return (int) index;
      if (fallback < 0)
        fallback = (int) index;
    }

  if (fallback >= 0)
    return fallback;

  /* Nothing big enough: the biggest room of the site. */
  for (guint i = 0; i < rooms->len; i++)
    {
      guint index = GPOINTER_TO_UINT (g_ptr_array_index (rooms, i));

      if (fallback < 0 || g_array_index (d->rooms, Room, index).capacity >
                          g_array_index (d->rooms, Room, fallback).capacity)
        fallback = (int) index;
    }
  return fallback;
}

/* Sets mode, service and venue for a meeting held at @site. */
static void
choose_mode (Demo   *d,
             Spec   *spec,
             guint   site,
             double  online,
             double  hybrid,
             double  away)
{
  double x = g_rand_double (d->rand);
  guint size = spec->members->len + 1;

  spec->service = pick_service (d);
  if (x < online)
    {
      spec->mode = MODE_ONLINE;
      return;
    }

  if (x < online + hybrid)
    {
      spec->mode = MODE_HYBRID;
      spec->room = pick_room (d, site, MIN (size, 20), TRUE);
      return;
    }

  spec->mode = MODE_IN_PERSON;
  if (chance (d, away))
    {
      /* Out to one of the other towns: LOCATION is the town. */
      double weights[N_OWN_SITES];
      guint other;

      for (guint i = 0; i < N_OWN_SITES; i++)
        weights[i] = i == site ? 0 : _resfri_demo_sites[i].share;
      other = pick_weighted (d, weights, N_OWN_SITES);

      spec->venue_site = (int) other;
      return;
    }

  spec->room = pick_room (d, site, size, FALSE);
  spec->room_attendee = chance (d, 0.6);
  spec->room_alias = chance (d, 0.3);
}

static guint
random_start (Demo  *d,
              guint  duration)
{
  static const guint starts[] = {
    8 * 60, 8 * 60 + 30, 9 * 60, 9 * 60 + 30, 10 * 60, 10 * 60 + 15, 10 * 60 + 30,
    11 * 60, 13 * 60, 13 * 60 + 15, 13 * 60 + 30, 14 * 60, 14 * 60 + 30, 15 * 60,
  };
  guint start;

  do
    start = starts[rnd (d, G_N_ELEMENTS (starts))];
  while (start + duration > 17 * 60);

  return start;
}

static void
set_term_series (Demo       *d,
                 Spec       *spec,
                 const guint32 term[2],
                 GDateWeekday  weekday,
                 guint        interval)
{
  spec->recur = RECUR_WEEKLY;
  spec->interval = interval;
  spec->day = _resfri_demo_first_weekday_from (term[0], weekday);
  spec->until_day = term[1];
  spec->count = 0;

  /* Some calendars write COUNT instead of UNTIL. */
  if (chance (d, 0.4))
    {
      guint count = 0;

      for (guint32 day = spec->day; day <= term[1]; day += 7 * interval)
        count++;
      spec->count = MAX (count, 1);
    }
}

static const char * const team_summaries[] = {
  "Teammöte", "Veckomöte", "Arbetslagsmöte", "Måndagsmöte", "Planering", "Veckoavstämning",
};

static const char * const single_summaries[] = {
  "Avstämning", "Planeringsmöte", "Uppföljning", "Workshop", "Projektmöte", "Samverkansmöte",
  "Introduktion för nyanställd", "Genomgång", "Beredning", "Handledning", "Medarbetarsamtal",
  "Uppstart", "Utvärdering", "Styrgruppsmöte", "Referensgruppsmöte", "Upphandlingsmöte",
};

/* Weekly team meetings and the lead's biweekly check-ins with a few
 * members, spring and autumn term. */
gboolean
_resfri_demo_add_team_series (Demo    *d,
                              GError **error)
{
  for (guint t = 0; t < d->teams->len; t++)
    {
      const Team *team = &g_array_index (d->teams, Team, t);
      const UnitDef *unit = &_resfri_demo_units[team->unit];

      if (team->count < 3)
        continue;

      for (guint term = 0; term < 2; term++)
        {
          const guint32 *dates = term == 0 ? d->spring : d->autumn;
          g_autofree char *summary = NULL;
          g_autofree char *check_in = NULL;
          Spec spec;
          gboolean ok;

          spec_init (&spec);
          summary = g_strdup_printf ("%s %s", team_summaries[rnd (d, G_N_ELEMENTS (team_summaries))],
                                     unit->name);
          spec.summary = summary;
          spec.description = "Agenda:\n1. Läget i verksamheten\n2. Frågor från förra veckan\n3. Övrigt";
          spec.organizer = (int) team->first;
          for (guint i = 1; i < team->count; i++)
            spec_add_member (&spec, team->first + i);
          spec.duration = chance (d, 0.5) ? 60 : chance (d, 0.5) ? 45 : 30;
          spec.start = random_start (d, spec.duration);
          set_term_series (d, &spec, dates, G_DATE_MONDAY + rnd (d, 4), 1);
          spec.force_exceptions = !d->forced_exceptions;
          d->forced_exceptions = TRUE;
          choose_mode (d, &spec, team->site, 0.2, 0.3, 0.0);
          ok = _resfri_demo_emit (d, &spec, error);
          spec_clear (&spec);
          if (!ok)
            return FALSE;

          /* Check-in: the lead and two or three members, every other week,
           * in most teams. */
          if (!chance (d, 0.7))
            continue;

          spec_init (&spec);
          check_in = g_strdup_printf ("Avstämning %s", unit->topic);
          spec.summary = check_in;
          spec.organizer = (int) team->first;
          for (guint i = 0, n = 2 + rnd (d, 2); i < n && i + 1 < team->count; i++)
            spec_add_member (&spec, team->first + 1 + rnd (d, team->count - 1));
          spec.duration = 30;
          spec.start = random_start (d, spec.duration);
          set_term_series (d, &spec, dates, G_DATE_MONDAY + rnd (d, 5), 2);
          choose_mode (d, &spec, team->site, 0.6, 0.1, 0.0);
          ok = _resfri_demo_emit (d, &spec, error);
          spec_clear (&spec);
          if (!ok)
            return FALSE;
        }

      if ((t & 63) == 0)
        {
          if (check_cancelled (d, error))
            return FALSE;
          report_progress (d, 0.25 + 0.35 * t / d->teams->len, _("Meetings"));
        }
    }

  return TRUE;
}

static const char * const project_names[] = {
  "Digitalisering av %s", "Nytt verksamhetssystem för %s", "Lokalförsörjning %s",
  "Samverkan kring %s", "Kompetensförsörjning %s", "Klimatanpassning och %s",
  "Trygghet och %s", "Budgetprocess %s",
};

/* Project groups across units and towns, every other week for a term:
 * where most of the travel between the towns comes from. */
gboolean
_resfri_demo_add_project_groups (Demo    *d,
                                 GError **error)
{
  guint n_staff = d->unit_first[U_KS] > 0 ? d->unit_first[U_KS] : d->people->len;
  guint groups = d->options->employees / EMPLOYEES_PER_PROJECT;

  if (n_staff < 2)
    return TRUE;

  for (guint g = 0; g < groups; g++)
    {
      guint owner = rnd (d, n_staff);
      const Person *org = person_at (d, owner);
      guint size = 4 + rnd (d, 5);
      g_autofree char *summary = NULL;
      Spec spec;
      gboolean ok;

      spec_init (&spec);
      summary = g_strdup_printf (project_names[rnd (d, G_N_ELEMENTS (project_names))],
                                 _resfri_demo_units[org->unit].topic);
      spec.summary = summary;
      spec.description = "Projektgruppens möte. Underlag i projektets gemensamma mapp.";
      spec.organizer = (int) owner;
      for (guint tries = 0; spec.members->len + 1 < size && tries < size * 4; tries++)
        {
          guint person;

          if (chance (d, 0.5))
            person = d->unit_first[org->unit] + rnd (d, d->unit_count[org->unit]);
          else
            person = rnd (d, n_staff);
          spec_add_member (&spec, person);
        }
      spec.duration = chance (d, 0.5) ? 60 : 90;
      spec.start = random_start (d, spec.duration);
      set_term_series (d, &spec, chance (d, 0.5) ? d->spring : d->autumn,
                       G_DATE_MONDAY + rnd (d, 5), 2);
      choose_mode (d, &spec, org->site, 0.4, 0.3, 0.35);
      ok = _resfri_demo_emit (d, &spec, error);
      spec_clear (&spec);
      if (!ok)
        return FALSE;

      if ((g & 63) == 0 && check_cancelled (d, error))
        return FALSE;
    }

  return TRUE;
}

/* Monthly workplace meetings (arbetsplatsträff) for groups of up to five
 * teams of a unit: large, in person or hybrid. */
gboolean
_resfri_demo_add_workplace_meetings (Demo    *d,
                                     GError **error)
{
  for (guint t = 0; t < d->teams->len;)
    {
      const Team *first = &g_array_index (d->teams, Team, t);
      g_autofree char *summary = NULL;
      guint end = t + 1;
      Spec spec;
      gboolean ok;

      while (end < d->teams->len && end - t < 5 &&
             g_array_index (d->teams, Team, end).unit == first->unit)
        end++;

      spec_init (&spec);
      summary = g_strdup_printf ("APT %s", _resfri_demo_units[first->unit].name);
      spec.summary = summary;
      spec.description = "Arbetsplatsträff: information, arbetsmiljö och samverkan.";
      spec.organizer = (int) first->first;
      for (guint i = t; i < end; i++)
        {
          const Team *team = &g_array_index (d->teams, Team, i);

          for (guint p = 0; p < team->count; p++)
            spec_add_member (&spec, team->first + p);
        }
      spec.recur = RECUR_MONTHLY;
      spec.nth = 1 + rnd (d, 3);
      spec.start = 13 * 60 + 30 * rnd (d, 4);
      spec.duration = 90;
      {
        guint32 day = _resfri_demo_first_weekday_from (d->year_first + 7 * (spec.nth - 1),
                                                       G_DATE_TUESDAY + rnd (d, 3));

        spec.day = day;
      }
      spec.until_day = d->year_first + d->days_in_year - 10;
      choose_mode (d, &spec, first->site, 0.0, 0.5, 0.0);
      ok = _resfri_demo_emit (d, &spec, error);
      spec_clear (&spec);
      if (!ok)
        return FALSE;

      t = end;
    }

  return TRUE;
}

static gboolean
unit_within (guint unit,
             guint ancestor)
{
  for (int u = (int) unit; u >= 0; u = _resfri_demo_units[u].parent)
    if ((guint) u == ancestor)
      return TRUE;
  return FALSE;
}

/* Every other week the management of each administration meets at the
 * town hall: team leads from every town, so often with travel. */
gboolean
_resfri_demo_add_management_meetings (Demo    *d,
                                      GError **error)
{
  for (guint a = 0; a < G_N_ELEMENTS (administrations); a++)
    {
      guint admin = (guint) administrations[a];
      g_autoptr(GArray) leads = g_array_new (FALSE, FALSE, sizeof (guint));

      for (guint t = 0; t < d->teams->len; t++)
        {
          const Team *team = &g_array_index (d->teams, Team, t);

          if (unit_within (team->unit, admin))
            g_array_append_val (leads, team->first);
        }
      if (leads->len < 2)
        continue;

      for (guint term = 0; term < 2; term++)
        {
          g_autofree char *summary = g_strdup_printf ("Ledningsgrupp %s",
                                                      _resfri_demo_units[admin].name);
          Spec spec;
          gboolean ok;

          spec_init (&spec);
          spec.summary = summary;
          spec.description = "Ledningsgruppens möte. Dagordning skickas senast dagen före.";
          spec.organizer = (int) g_array_index (leads, guint, 0);
          for (guint i = 1; i < leads->len && spec.members->len < 11; i++)
            spec_add_member (&spec, g_array_index (leads, guint,
                                                   leads->len <= 12 ? i : 1 + rnd (d, leads->len - 1)));
          spec.start = 9 * 60;
          spec.duration = 120;
          set_term_series (d, &spec, term == 0 ? d->spring : d->autumn, G_DATE_TUESDAY, 2);
          choose_mode (d, &spec, MAIN_SITE, 0.15, 0.35, 0.0);
          if (spec.mode != MODE_ONLINE)
            spec.room = pick_room (d, MAIN_SITE, spec.members->len + 1, spec.mode == MODE_HYBRID);
          ok = _resfri_demo_emit (d, &spec, error);
          spec_clear (&spec);
          if (!ok)
            return FALSE;
        }
    }

  return TRUE;
}

/* A nämnd meets monthly in the Sessionssalen with its politicians, the head
 * of its administration and a secretary. */
gboolean
_resfri_demo_add_board_meetings (Demo    *d,
                                 GError **error)
{
  for (guint u = 0; u < N_UNITS; u++)
    {
      const UnitDef *def = &_resfri_demo_units[u];
      int admin = def->administration;
      g_autofree char *summary = NULL;
      Spec spec;
      gboolean ok;

      if (def->profile != PROFILE_BOARD || d->unit_count[u] == 0)
        continue;

      spec_init (&spec);
      summary = g_strdup_printf ("Sammanträde %s", def->name);
      spec.summary = summary;
      spec.description = "Kallelse och handlingar finns i nämndadministrationen.";
      spec.organizer = (int) d->unit_first[u];
      for (guint i = 1; i < d->unit_count[u]; i++)
        spec_add_member (&spec, d->unit_first[u] + i);
      if (admin >= 0 && d->unit_count[admin] > 0)
        {
          spec_add_member (&spec, d->unit_first[admin]);
          if (d->unit_count[admin] > 1)
            spec_add_member (&spec, d->unit_first[admin] + 1);
        }
      spec.recur = RECUR_MONTHLY;
      spec.nth = 3;
      spec.day = _resfri_demo_first_weekday_from (d->year_first + 14, G_DATE_WEDNESDAY + (u % 2));
      spec.until_day = d->year_first + d->days_in_year - 10;
      spec.start = 13 * 60;
      spec.duration = 210;
      spec.service = SERVICE_TEAMS;
      spec.mode = chance (d, 0.5) ? MODE_IN_PERSON : MODE_HYBRID;
      spec.room = pick_room (d, MAIN_SITE, 80, TRUE);
      spec.room_attendee = TRUE;
      ok = _resfri_demo_emit (d, &spec, error);
      spec_clear (&spec);
      if (!ok)
        return FALSE;
    }

  return TRUE;
}

/* Regional networks: colleagues of the neighbouring municipalities, as
 * external attendees. Some networks meet in turn at each member town,
 * others monthly on Teams, called by the regional association. */
gboolean
_resfri_demo_add_regional_meetings (Demo    *d,
                                    GError **error)
{
  g_autoptr(GPtrArray) owned = g_ptr_array_new_with_free_func (g_free);
  const External *coordinators[2];

  coordinators[0] = _resfri_demo_make_external (d, N_SITES, "fyrbodal.example");
  coordinators[1] = _resfri_demo_make_external (d, N_SITES, "fyrbodal.example");
  g_ptr_array_add (owned, (gpointer) coordinators[0]);
  g_ptr_array_add (owned, (gpointer) coordinators[1]);

  for (guint n = 0; n < G_N_ELEMENTS (network_defs); n++)
    {
      const NetworkDef *net = &network_defs[n];
      g_autoptr(GPtrArray) members = g_ptr_array_new ();
      g_autoptr(GArray) internal = g_array_new (FALSE, FALSE, sizeof (guint));
      guint unit = (guint) net->unit;

      if (d->unit_count[unit] == 0)
        continue;

      for (guint i = 0; i < MIN (d->unit_count[unit], 1 + rnd (d, 3)); i++)
        {
          guint person = d->unit_first[unit] + i;

          g_array_append_val (internal, person);
        }

      for (guint s = N_OWN_SITES; s < N_SITES; s++)
        {
          if (chance (d, 0.25))
            continue;
          for (guint k = 0, count = chance (d, 0.3) ? 2 : 1; k < count; k++)
            {
              const External *external = _resfri_demo_make_external (d, s,
                                                                     _resfri_demo_sites[s].domain);

              g_ptr_array_add (owned, (gpointer) external);
              g_ptr_array_add (members, (gpointer) external);
            }
        }

      if (!net->rotating)
        {
          Spec spec;
          gboolean ok;

          spec_init (&spec);
          spec.summary = net->name;
          spec.description = "Nätverksträff. Minnesanteckningar delas i nätverkets kanal.";
          spec.external_organizer = coordinators[n % 2];
          g_ptr_array_add (spec.externals, (gpointer) coordinators[n % 2]);
          for (guint i = 0; i < members->len; i++)
            g_ptr_array_add (spec.externals, g_ptr_array_index (members, i));
          for (guint i = 0; i < internal->len; i++)
            spec_add_member (&spec, g_array_index (internal, guint, i));
          spec.recur = RECUR_MONTHLY;
          spec.nth = 2;
          spec.day = _resfri_demo_first_weekday_from (d->year_first + 7,
                                                      G_DATE_MONDAY + rnd (d, 5));
          spec.until_day = d->year_first + d->days_in_year - 10;
          spec.start = 9 * 60;
          spec.duration = 90;
          spec.service = SERVICE_TEAMS;
          spec.mode = MODE_ONLINE;
          ok = _resfri_demo_emit (d, &spec, error);
          spec_clear (&spec);
          if (!ok)
            return FALSE;
          continue;
        }

      /* In turn: a single event per month, hosted by a member town or by
       * us; the host's own staff organise it. */
      for (guint month = 1; month <= 12; month++)
        {
          guint host_index;
          const External *host = NULL;
          guint32 day;
          Spec spec;
          gboolean ok;

          if (month == G_DATE_JULY || month == G_DATE_DECEMBER)
            continue;

          host_index = rnd (d, members->len + 1);
          day = _resfri_demo_julian_for (d->year, (GDateMonth) month, 15);
          day = _resfri_demo_first_weekday_from (day, G_DATE_THURSDAY);
          if (!_resfri_demo_is_workday (d, day))
            day++;

          spec_init (&spec);
          spec.summary = net->name;
          spec.description = "Nätverksträff med lunch. Anmäl specialkost till värdkommunen.";
          for (guint i = 0; i < members->len; i++)
            g_ptr_array_add (spec.externals, g_ptr_array_index (members, i));
          for (guint i = 0; i < internal->len; i++)
            spec_add_member (&spec, g_array_index (internal, guint, i));
          spec.day = day;
          spec.start = 9 * 60 + 30;
          spec.duration = 240;
          spec.service = SERVICE_TEAMS;

          if (host_index < members->len)
            {
              host = g_ptr_array_index (members, host_index);
              spec.external_organizer = host;
              spec.mode = chance (d, 0.75) ? MODE_IN_PERSON : MODE_ONLINE;
              if (spec.mode == MODE_IN_PERSON)
                spec.venue_site = host->site;
            }
          else
            {
              /* Our turn: hybrid from the town hall. */
              guint organizer = g_array_index (internal, guint, 0);

              g_array_remove_index (spec.members, 0);
              spec.organizer = (int) organizer;
              spec.mode = MODE_HYBRID;
              spec.room = pick_room (d, MAIN_SITE, spec.externals->len + internal->len, TRUE);
            }

          ok = _resfri_demo_emit (d, &spec, error);
          spec_clear (&spec);
          if (!ok)
            return FALSE;
        }
    }

  return TRUE;
}

/* @total one-off meetings: mostly within a team or unit, a few across
 * units, some with a supplier or consultant; @online, @hybrid and @away as
 * choose_mode() takes them. Every other one held away in another town (so
 * with travel) carries an exemption, the reasons of spec/policy.md in
 * turn: chosen by count, not drawn, so the meetings are those of a demo
 * without them. */
static gboolean
add_singles (Demo    *d,
             guint    total,
             double   online,
             double   hybrid,
             double   away,
             GError **error)
{
  static const guint sizes[] = { 2, 3, 4, 5, 6, 8, 10, 12, 25, 40 };
  static const double size_weights[] = { 25, 20, 15, 9, 7, 8, 6, 6, 2, 1 };
  static const char * const companies[] = {
    "itkonsult.example", "arkitektgruppen.example", "revision.example", "vvs-service.example",
  };
  const char * const *reasons = resfri_exemption_get_reasons ();
  guint n_reasons = g_strv_length ((char **) reasons);
  guint n_away = 0;
  guint n_staff = d->people->len;
  g_autoptr(GPtrArray) consultants = g_ptr_array_new_with_free_func (g_free);

  /* Staff are the first people; politicians come after them. */
  for (guint i = 0; i < d->people->len; i++)
    if (person_at (d, i)->politician)
      {
        n_staff = i;
        break;
      }
  if (n_staff == 0)
    return TRUE;

  for (guint i = 0; i < G_N_ELEMENTS (companies) * 3; i++)
    g_ptr_array_add (consultants, (gpointer) _resfri_demo_make_external (d, N_SITES,
                                                            companies[i % G_N_ELEMENTS (companies)]));

  for (guint m = 0; m < total; m++)
    {
      guint organizer = rnd (d, n_staff);
      const Person *org = person_at (d, organizer);
      const Team *team = &g_array_index (d->teams, Team, org->team);
      guint size = sizes[pick_weighted (d, size_weights, G_N_ELEMENTS (sizes))];
      g_autofree char *summary = NULL;
      Spec spec;
      gboolean ok;

      spec_init (&spec);
      spec.organizer = (int) organizer;
      for (guint tries = 0; spec.members->len + 1 < size && tries < size * 4; tries++)
        {
          double x = g_rand_double (d->rand);
          guint person;

          if (x < 0.6 && team->count > 1)
            person = team->first + rnd (d, team->count);
          else if (x < 0.9)
            person = d->unit_first[org->unit] + rnd (d, d->unit_count[org->unit]);
          else
            person = rnd (d, n_staff);
          spec_add_member (&spec, person);
        }

      if (chance (d, 0.04))
        {
          guint c = rnd (d, consultants->len);

          g_ptr_array_add (spec.externals, g_ptr_array_index (consultants, c));
          if (chance (d, 0.3))
            g_ptr_array_add (spec.externals,
                             g_ptr_array_index (consultants, (c + G_N_ELEMENTS (companies)) %
                                                             consultants->len));
        }

      summary = g_strdup_printf ("%s: %s", single_summaries[rnd (d, G_N_ELEMENTS (single_summaries))],
                                 _resfri_demo_units[org->unit].topic);
      spec.summary = summary;
      spec.duration = size > 12 ? 120 : (30 + 15 * rnd (d, 4)) * (chance (d, 0.15) ? 2 : 1);
      spec.start = random_start (d, spec.duration);
      spec.day = _resfri_demo_random_workday (d);
      choose_mode (d, &spec, org->site, online, hybrid, away);
      if (spec.mode == MODE_IN_PERSON && spec.venue_site >= 0 && n_away++ % 2 == 0)
        spec.exemption = reasons[(n_away / 2) % n_reasons];
      ok = _resfri_demo_emit (d, &spec, error);
      spec_clear (&spec);
      if (!ok)
        return FALSE;

      if ((m & 255) == 0)
        {
          if (check_cancelled (d, error))
            return FALSE;
          report_progress (d, 0.65 + 0.30 * m / total, _("Meetings"));
        }
    }

  return TRUE;
}

/* The one-off meetings of the year, then a few large ones. */
gboolean
_resfri_demo_add_single_meetings (Demo    *d,
                                  GError **error)
{
  if (!add_singles (d, (guint) (d->options->employees * SINGLES_PER_EMPLOYEE), 0.45, 0.15, 0.25,
                    error))
    return FALSE;

  /* A few large ones: the managers' forum each term and an information
   * meeting for everybody online. */
  for (guint i = 0; i < 4; i++)
    {
      Spec spec;
      gboolean ok;

      spec_init (&spec);
      spec.summary = i % 2 == 0 ? "Chefsforum" : "Information från kommundirektören";
      spec.organizer = (int) d->unit_first[U_KLK];
      if (d->unit_count[U_KLK] == 0)
        spec.organizer = 0;
      for (guint t = 0; t < d->teams->len && spec.members->len < 150; t++)
        {
          guint step = MAX (1, d->teams->len / 150);

          if (t % step == 0)
            spec_add_member (&spec, g_array_index (d->teams, Team, t).first);
        }
      spec.day = _resfri_demo_first_weekday_from (i < 2 ? d->spring[0] + 28 * (i + 1)
                                                        : d->autumn[0] + 28 * (i - 1),
                                                  G_DATE_THURSDAY);
      if (!_resfri_demo_is_workday (d, spec.day))
        spec.day -= 1;
      spec.start = 13 * 60;
      spec.duration = 150;
      spec.service = SERVICE_TEAMS;
      if (i % 2 == 0)
        {
          spec.mode = MODE_HYBRID;
          spec.room = pick_room (d, MAIN_SITE, 80, TRUE);
        }
      else
        spec.mode = MODE_ONLINE;
      ok = _resfri_demo_emit (d, &spec, error);
      spec_clear (&spec);
      if (!ok)
        return FALSE;
    }

  return TRUE;
}

/* The year before (so the follow-up compares each month with a year
 * earlier): fewer one-off meetings, more of them in person, on that year's
 * working days. */
gboolean
_resfri_demo_add_previous_year (Demo    *d,
                                GError **error)
{
  Demo saved = *d;
  gboolean ok;

  d->year = saved.year - 1;
  _resfri_demo_setup_calendar (d);
  ok = add_singles (d, (guint) (d->options->employees * PREVIOUS_SINGLES_PER_EMPLOYEE), 0.30,
                    0.12, 0.30, error);
  g_array_unref (d->workdays);

  d->year = saved.year;
  d->year_first = saved.year_first;
  d->days_in_year = saved.days_in_year;
  memcpy (d->holiday, saved.holiday, sizeof d->holiday);
  memcpy (d->spring, saved.spring, sizeof d->spring);
  memcpy (d->autumn, saved.autumn, sizeof d->autumn);
  d->workdays = saved.workdays;

  return ok;
}

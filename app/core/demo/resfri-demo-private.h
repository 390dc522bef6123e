/* resfri-demo-private.h
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the files of the demo share: the definitions of the sites and the
 * units, the generator's state (Demo) and what it has made so far (people,
 * teams, rooms), the Spec a meeting is described by, the random helpers,
 * and the steps each file provides to resfri-demo.c.
 *
 * Every random draw goes through d->rand, so the order of the calls is the
 * output: moving a call changes the municipality of a seed.
 */

#pragma once

#include <libical/ical.h>

#include "resfri-demo.h"
#include "resfri-importer.h"

G_BEGIN_DECLS

#define DOMAIN          "vanersborg.example"
#define TAG_PREFIX      "VBG"
#define TZID            "Europe/Stockholm"
#define SOURCE          "demo"

/* Sites. The first N_OWN_SITES are the municipality's own towns; the rest
 * are the neighbours of the Fyrbodal region, where regional meetings are
 * held and whose staff are external attendees. Coordinates are the town
 * centres (WGS84, 4 decimals). */
typedef struct
{
  const char *code;
  const char *name;
  const char *venue;     /* a building, for LOCATION "Brålanda, kommunhuset" */
  double      latitude;
  double      longitude;
  const char *domain;    /* email domain of the municipality's staff */
  double      share;     /* own towns: share of the spread-out staff */
} SiteDef;

#define N_SITES     13
#define N_OWN_SITES 4
#define MAIN_SITE   0

extern const SiteDef _resfri_demo_sites[N_SITES];

typedef enum
{
  PROFILE_OFFICE,   /* at the town hall, well equipped */
  PROFILE_CARE,     /* care homes and home help, spread out, less equipment */
  PROFILE_SCHOOL,   /* schools and preschools, spread out */
  PROFILE_BOARD,    /* a nämnd: politicians only */
} Profile;

typedef struct
{
  const char *name;
  int         parent;       /* index in _resfri_demo_units, -1 for a root */
  double      share;        /* of the employees */
  guint       politicians;  /* ordinary members, for a nämnd */
  Profile     profile;
  int         administration; /* for a nämnd: the unit that serves it */
  const char *topic;        /* for summaries: what the unit's meetings are about */
} UnitDef;

enum
{
  U_KS, U_KLK,
  U_SERVN, U_SERVF, U_IT,
  U_KFN, U_KFF,
  U_SN, U_SF, U_ALDRE, U_IFO, U_FUNK,
  U_BUN, U_UTBF, U_FSK, U_GRSK, U_GYVUX,
  U_SBN, U_SBF,
  U_AB,
  N_UNITS
};

extern const UnitDef _resfri_demo_units[N_UNITS];

typedef struct
{
  const char *model;
  double      cost;
} ModelDef;

enum { EQ_HEADSET, EQ_CAMERA, EQ_VC, N_EQ };

typedef enum { MODE_ONLINE, MODE_HYBRID, MODE_IN_PERSON } Mode;
typedef enum { SERVICE_TEAMS, SERVICE_MEET, SERVICE_ZOOM, SERVICE_JITSI } Service;
typedef enum { RECUR_NONE, RECUR_WEEKLY, RECUR_MONTHLY } RecurKind;

typedef struct
{
  const char *email;
  const char *name;
  gint64      id;
  guint       team;
  guint16     unit;
  guint8      site;
  guint8      politician : 1;
} Person;

typedef struct
{
  guint   first;   /* index in people; the first member leads the team */
  guint   count;
  guint16 unit;
  guint8  site;
} Team;

typedef struct
{
  const char *name;
  const char *email;
  const char *alias;     /* another name LOCATION may use, or NULL */
  guint       capacity;
  guint8      site;
  guint8      vc : 1;
} Room;

typedef struct
{
  const char *email;
  const char *name;
  guint8      site;   /* the municipality, or N_SITES for a company */
} External;

typedef struct
{
  const char       *summary;
  const char       *description;
  int               organizer;          /* person index, or -1 */
  const External   *external_organizer; /* when organizer is -1 */
  GArray           *members;            /* guint person indexes, organizer excluded */
  GPtrArray        *externals;          /* const External * */
  Mode              mode;
  Service           service;
  int               room;               /* index in rooms, or -1 */
  int               venue_site;         /* LOCATION "Site, building", or -1 */
  gboolean          room_attendee;      /* list the room as ATTENDEE;CUTYPE=ROOM */
  gboolean          room_alias;         /* LOCATION by the room's other name */
  guint32           day;                /* julian day of the (first) occurrence */
  guint             start;              /* minutes after local midnight */
  guint             duration;           /* minutes */
  RecurKind         recur;
  guint             interval;
  guint             count;              /* 0: UNTIL until_day */
  guint32           until_day;
  guint             nth;                /* monthly: the nth weekday */
  gboolean          force_exceptions;
  const char       *exemption;          /* X-RESFRI-EXEMPTION reason, or NULL */
} Spec;

typedef struct
{
  ResfriStore             *store;
  const ResfriDemoOptions *options;
  GCancellable            *cancellable;
  ResfriDemoProgressFunc   progress;
  gpointer                 progress_data;
  ResfriDemoSummary        summary;

  GRand                   *rand;
  GStringChunk            *strings;
  GHashTable              *email_counts;   /* lookups only: "first.last@domain" -> count */
  GHashTable              *externals_used; /* lookups only */

  gint64                   site_ids[N_SITES];
  gint64                   unit_ids[N_UNITS];
  gint64                   type_ids[N_EQ];
  guint                    tag_counters[N_EQ];

  GArray                  *people;    /* Person */
  GArray                  *teams;     /* Team */
  GArray                  *rooms;     /* Room */
  guint                    unit_first[N_UNITS];
  guint                    unit_count[N_UNITS];
  GPtrArray               *site_rooms[N_OWN_SITES]; /* GUINT_TO_POINTER (room index) */

  int                      year;
  guint32                  year_first;      /* julian day of 1 January */
  gint64                   now;             /* 1 January 00:00 UTC, unix seconds */
  guint                    days_in_year;
  gboolean                 holiday[367];    /* by day of year, 1-based */
  guint32                  spring[2];       /* julian first and last day of the terms */
  guint32                  autumn[2];
  GArray                  *workdays;        /* guint32 julian, weekdays without holidays */

  char                     tenant[37];      /* the Teams tenant id of the municipality */
  guint                    serial;          /* meetings made, for unique UIDs */
  gboolean                 forced_exceptions;
  ResfriMeetingStats       stats;
} Demo;

/* Random helpers */

static inline guint
rnd (Demo  *d,
     guint  n)
{
  g_assert (n > 0);
  return (guint) g_rand_int_range (d->rand, 0, (gint32) n);
}

static inline gboolean
chance (Demo   *d,
        double  p)
{
  return g_rand_double (d->rand) < p;
}

static inline guint
pick_weighted (Demo         *d,
               const double *weights,
               guint         n)
{
  double total = 0, x;

  for (guint i = 0; i < n; i++)
    total += weights[i];

  x = g_rand_double (d->rand) * total;
  for (guint i = 0; i < n; i++)
    {
      if (x < weights[i])
        return i;
      x -= weights[i];
    }

  return n - 1;
}

static inline gboolean
check_cancelled (Demo    *d,
                 GError **error)
{
  return g_cancellable_set_error_if_cancelled (d->cancellable, error);
}

static inline void
report_progress (Demo       *d,
                 double      fraction,
                 const char *step)
{
  if (d->progress != NULL)
    d->progress (CLAMP (fraction, 0.0, 1.0), step, d->progress_data);
}

static inline const Person *
person_at (Demo  *d,
           guint  index)
{
  return &g_array_index (d->people, Person, index);
}

/* resfri-demo-calendar.c: the demo year's days */
void            _resfri_demo_setup_calendar      (Demo          *d);
guint32         _resfri_demo_julian_for          (int            year,
                                                  GDateMonth     month,
                                                  GDateDay       day);
GDateWeekday    _resfri_demo_weekday_of          (guint32        julian);
gboolean        _resfri_demo_is_holiday          (Demo          *d,
                                                  guint32        julian);
gboolean        _resfri_demo_is_workday          (Demo          *d,
                                                  guint32        julian);
guint32         _resfri_demo_random_workday      (Demo          *d);
guint32         _resfri_demo_first_weekday_from  (guint32        day,
                                                  GDateWeekday   weekday);

/* resfri-demo-store.c: every row the demo writes */
gboolean        _resfri_demo_check_empty         (Demo          *d,
                                                  GError       **error);
gboolean        _resfri_demo_add_sites           (Demo          *d,
                                                  GError       **error);
gboolean        _resfri_demo_add_units           (Demo          *d,
                                                  GError       **error);
gboolean        _resfri_demo_insert_person       (Demo          *d,
                                                  Person        *person,
                                                  GError       **error);
gboolean        _resfri_demo_insert_room         (Demo          *d,
                                                  const char    *code,
                                                  const Room    *room,
                                                  gint64        *room_id,
                                                  GError       **error);
gboolean        _resfri_demo_insert_room_alias   (Demo          *d,
                                                  gint64         room_id,
                                                  const char    *alias,
                                                  GError       **error);
gboolean        _resfri_demo_lookup_types        (Demo          *d,
                                                  GError       **error);
gboolean        _resfri_demo_add_item            (Demo          *d,
                                                  guint          type,
                                                  guint          site,
                                                  const Person  *owner,
                                                  const ModelDef *model,
                                                  const char    *state,
                                                  GError       **error);
gboolean        _resfri_demo_count_rows          (Demo          *d,
                                                  GError       **error);

/* resfri-demo-registers.c: names, people and rooms */
const External *_resfri_demo_make_external       (Demo          *d,
                                                  guint          site,
                                                  const char    *domain);
gboolean        _resfri_demo_add_people          (Demo          *d,
                                                  GError       **error);
gboolean        _resfri_demo_add_rooms           (Demo          *d,
                                                  GError       **error);

/* resfri-demo-equipment.c: personal equipment and the loan pools */
gboolean        _resfri_demo_add_equipment       (Demo          *d,
                                                  GError       **error);

/* resfri-demo-ical.c: a Spec as the VEVENTs an import would store */
void            _resfri_demo_make_tenant         (Demo          *d);
gboolean        _resfri_demo_emit                (Demo          *d,
                                                  const Spec    *spec,
                                                  GError       **error);

/* resfri-demo-meetings.c: who meets, when, where and how */
gboolean        _resfri_demo_add_team_series     (Demo          *d,
                                                  GError       **error);
gboolean        _resfri_demo_add_workplace_meetings (Demo       *d,
                                                     GError    **error);
gboolean        _resfri_demo_add_management_meetings (Demo      *d,
                                                      GError   **error);
gboolean        _resfri_demo_add_board_meetings  (Demo          *d,
                                                  GError       **error);
gboolean        _resfri_demo_add_regional_meetings (Demo        *d,
                                                    GError     **error);
gboolean        _resfri_demo_add_project_groups  (Demo          *d,
                                                  GError       **error);
gboolean        _resfri_demo_add_single_meetings (Demo          *d,
                                                  GError       **error);
gboolean        _resfri_demo_add_previous_year   (Demo          *d,
                                                  GError       **error);

G_END_DECLS

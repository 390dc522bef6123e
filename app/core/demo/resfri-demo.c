/* resfri-demo.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The demo municipality. Everything that ends in the database comes from
 * GRand generators seeded from the options' seed (one per step, so that a
 * change in one step leaves the others as they were), never from the clock
 * or from the iteration order of a hash table. The people are fictional:
 * names are drawn from lists of common Swedish first names and surnames, and
 * email addresses use the reserved .example domain.
 *
 * Meetings are built as libical VEVENT components and stored exactly the
 * way an import stores them, through resfri_store_put_vevent().
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <libical/ical.h>

#include "resfri-demo.h"
#include "resfri-importer.h"
#include "resfri-store-private.h"

#define DOMAIN          "vanersborg.example"
#define TAG_PREFIX      "VBG"
#define TZID            "Europe/Stockholm"
#define SOURCE          "demo"

/* How many single (non-recurring) meetings per employee and year. */
#define SINGLES_PER_EMPLOYEE 0.5

/* One cross-unit project group (biweekly for a term) per this many
 * employees. */
#define EMPLOYEES_PER_PROJECT 12

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

static const SiteDef site_defs[] = {
  { "VBG", "Vänersborg",  "kommunhuset",      58.3800, 12.3236, DOMAIN,                0.55 },
  { "VAR", "Vargön",      "Vargöns skola",    58.3553, 12.3859, DOMAIN,                0.18 },
  { "BRA", "Brålanda",    "kommunhuset",      58.5614, 12.3617, DOMAIN,                0.17 },
  { "FRA", "Frändefors",  "Frändeforsskolan", 58.5000, 12.2844, DOMAIN,                0.10 },
  { "THN", "Trollhättan", "stadshuset",       58.2828, 12.2892, "trollhattan.example", 0 },
  { "UDD", "Uddevalla",   "stadshuset",       58.3492, 11.9381, "uddevalla.example",   0 },
  { "MEL", "Mellerud",    "kommunhuset",      58.6994, 12.4633, "mellerud.example",    0 },
  { "AML", "Åmål",        "kommunhuset",      59.0510, 12.7040, "amal.example",        0 },
  { "STR", "Strömstad",   "stadshuset",       58.9394, 11.1712, "stromstad.example",   0 },
  { "LYS", "Lysekil",     "stadshuset",       58.2743, 11.4358, "lysekil.example",     0 },
  { "FAR", "Färgelanda",  "kommunhuset",      58.5683, 11.9917, "fargelanda.example",  0 },
  { "MUN", "Munkedal",    "kommunhuset",      58.4719, 11.6783, "munkedal.example",    0 },
  { "BEN", "Bengtsfors",  "kommunhuset",      59.0295, 12.2268, "bengtsfors.example",  0 },
};

#define N_SITES     G_N_ELEMENTS (site_defs)
#define N_OWN_SITES 4
#define MAIN_SITE   0

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
  int         parent;       /* index in unit_defs, -1 for a root */
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

static const UnitDef unit_defs[N_UNITS] = {
  [U_KS]    = { "Kommunstyrelsen", -1, 0, 11, PROFILE_BOARD, U_KLK, NULL },
  [U_KLK]   = { "Kommunledningskontoret", U_KS, 0.040, 0, PROFILE_OFFICE, -1, "budget" },
  [U_SERVN] = { "Servicenämnden", -1, 0, 7, PROFILE_BOARD, U_SERVF, NULL },
  [U_SERVF] = { "Serviceförvaltningen", U_SERVN, 0.050, 0, PROFILE_OFFICE, -1, "lokalvård och måltider" },
  [U_IT]    = { "IT-avdelningen", U_SERVF, 0.015, 0, PROFILE_OFFICE, -1, "IT-drift" },
  [U_KFN]   = { "Kultur- och fritidsnämnden", -1, 0, 7, PROFILE_BOARD, U_KFF, NULL },
  [U_KFF]   = { "Kultur- och fritidsförvaltningen", U_KFN, 0.040, 0, PROFILE_SCHOOL, -1, "bibliotek och fritidsgårdar" },
  [U_SN]    = { "Socialnämnden", -1, 0, 9, PROFILE_BOARD, U_SF, NULL },
  [U_SF]    = { "Socialförvaltningen", U_SN, 0.015, 0, PROFILE_OFFICE, -1, "verksamhetsplan" },
  [U_ALDRE] = { "Äldreomsorg", U_SF, 0.180, 0, PROFILE_CARE, -1, "hemtjänst" },
  [U_IFO]   = { "Individ- och familjeomsorg", U_SF, 0.060, 0, PROFILE_OFFICE, -1, "ärendedragning" },
  [U_FUNK]  = { "Funktionsstöd", U_SF, 0.090, 0, PROFILE_CARE, -1, "boendestöd" },
  [U_BUN]   = { "Barn- och utbildningsnämnden", -1, 0, 9, PROFILE_BOARD, U_UTBF, NULL },
  [U_UTBF]  = { "Utbildningsförvaltningen", U_BUN, 0.015, 0, PROFILE_OFFICE, -1, "skolutveckling" },
  [U_FSK]   = { "Förskola", U_UTBF, 0.140, 0, PROFILE_SCHOOL, -1, "förskolans planering" },
  [U_GRSK]  = { "Grundskola", U_UTBF, 0.200, 0, PROFILE_SCHOOL, -1, "elevhälsa" },
  [U_GYVUX] = { "Gymnasie- och vuxenutbildning", U_UTBF, 0.070, 0, PROFILE_OFFICE, -1, "kursplanering" },
  [U_SBN]   = { "Samhällsbyggnadsnämnden", -1, 0, 7, PROFILE_BOARD, U_SBF, NULL },
  [U_SBF]   = { "Samhällsbyggnadsförvaltningen", U_SBN, 0.055, 0, PROFILE_OFFICE, -1, "detaljplaner" },
  [U_AB]    = { "Vänerbostäder AB", -1, 0.030, 0, PROFILE_OFFICE, -1, "fastighetsförvaltning" },
};

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

static const char * const female_names[] = {
  "Anna", "Eva", "Maria", "Karin", "Sara", "Kristina", "Lena", "Emma", "Kerstin", "Ingrid",
  "Marie", "Malin", "Jenny", "Hanna", "Linda", "Annika", "Susanne", "Elin", "Johanna", "Sofia",
  "Camilla", "Ida", "Julia", "Therese", "Helena", "Cecilia", "Åsa", "Frida", "Lisa", "Monica",
  "Ulrika", "Petra", "Anneli", "Louise", "Josefin", "Amanda", "Matilda", "Ebba", "Agnes", "Elsa",
  "Maja", "Nora", "Ingela", "Birgitta", "Gunilla", "Pernilla", "Jessica", "Rebecka", "Amira",
  "Fatima", "Leila", "Yasmin", "Ann-Sofie", "Lotta", "Mona", "Ylva", "Tove", "Klara",
};

static const char * const male_names[] = {
  "Lars", "Mikael", "Anders", "Johan", "Erik", "Per", "Karl", "Peter", "Jan", "Thomas",
  "Daniel", "Fredrik", "Hans", "Andreas", "Stefan", "Mats", "Magnus", "Marcus", "Jonas", "Niklas",
  "Patrik", "Mattias", "Björn", "Henrik", "Martin", "Oskar", "Gustav", "Viktor", "Emil", "Anton",
  "Axel", "Simon", "Sebastian", "Robert", "Ulf", "Göran", "Bengt", "Kjell", "Leif", "Tobias",
  "Joakim", "Kristoffer", "Ali", "Ahmed", "Mohammed", "Omar", "Hassan", "Nils", "Olof", "Sven",
  "Håkan", "Jörgen", "Rickard", "Pontus", "Linus", "Hampus", "Ludvig", "André",
};

/* Roughly by frequency: the first ones are drawn more often. */
static const char * const surnames[] = {
  "Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson", "Persson",
  "Svensson", "Gustafsson", "Pettersson", "Jonsson", "Jansson", "Hansson", "Bengtsson", "Jönsson",
  "Lindberg", "Jakobsson", "Magnusson", "Olofsson", "Lindström", "Lindqvist", "Lindgren", "Berg",
  "Axelsson", "Bergström", "Lundberg", "Lind", "Lundgren", "Lundqvist", "Mattsson", "Berglund",
  "Fredriksson", "Sandberg", "Henriksson", "Forsberg", "Sjöberg", "Wallin", "Engström", "Eklund",
  "Danielsson", "Lundin", "Håkansson", "Björk", "Bergman", "Gunnarsson", "Holm", "Wikström",
  "Samuelsson", "Isaksson", "Fransson", "Bergqvist", "Nyström", "Holmberg", "Arvidsson", "Löfgren",
  "Söderberg", "Nyberg", "Blomqvist", "Claesson", "Nordström", "Mårtensson", "Lundström", "Viklund",
  "Björklund", "Eliasson", "Pålsson", "Berggren", "Sandström", "Lund", "Nordin", "Ström",
  "Åberg", "Hermansson", "Ekström", "Holmgren", "Sundberg", "Hedlund", "Dahlberg", "Hellström",
  "Sjögren", "Abrahamsson", "Falk", "Öberg", "Andreasson", "Hussein", "Mohamed", "Yilmaz",
  "Nguyen", "Ahmadi", "Hosseini", "Karlberg", "Dalman", "Vänerlid", "Hallberg", "Brattström",
};

static const char * const room_themes[] = {
  "Vänern", "Hunneberg", "Halleberg", "Göta älv", "Dalbo", "Vassbotten", "Residenset",
  "Esplanaden", "Ugglan", "Tranan", "Älgen", "Räven", "Lodjuret", "Björken", "Eken", "Linden",
  "Asken", "Rönnen", "Granen", "Tallen", "Näckrosen", "Blåsippan", "Vitsippan", "Linnea",
  "Kastanjen", "Fyren", "Slussen", "Kanalen", "Hamnen", "Bryggan", "Udden", "Holmen", "Skären",
  "Strömmen", "Forsen", "Källan", "Bäcken", "Dungen", "Gläntan", "Ängen", "Lyckan", "Solrosen",
  "Lärkan", "Svalan", "Måsen", "Tärnan", "Gäddan", "Abborren", "Laxen", "Mården", "Bävern",
  "Uttern", "Haren", "Järven", "Hägern", "Storken", "Vildgåsen", "Svanen",
};

typedef struct
{
  const char *model;
  double      cost;
} ModelDef;

static const ModelDef headset_models[] = {
  { "Jabra Evolve2 40", 1190 }, { "Jabra Evolve2 65", 2190 },
  { "Poly Blackwire 3320", 590 }, { "EPOS Adapt 160", 690 },
};
static const ModelDef camera_models[] = {
  { "Logitech C920", 890 }, { "Logitech Brio 4K", 2190 }, { "Microsoft Modern Webcam", 790 },
};
static const ModelDef vc_models[] = {
  { "Logitech Rally Bar Mini", 39900 }, { "Poly Studio X30", 29900 }, { "Yealink UVC40", 14900 },
};

enum { EQ_HEADSET, EQ_CAMERA, EQ_VC, N_EQ };
static const char * const eq_type_names[N_EQ] = { "headset", "camera", "vc-kit" };
static const char eq_tag_letters[N_EQ] = { 'H', 'C', 'V' };

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

static guint
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

static void
reseed (Demo  *d,
        guint  step)
{
  guint32 seed[2] = { d->options->seed, step };

  g_clear_pointer (&d->rand, g_rand_free);
  d->rand = g_rand_new_with_seed_array (seed, G_N_ELEMENTS (seed));
}

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

static gboolean
check_cancelled (Demo    *d,
                 GError **error)
{
  return g_cancellable_set_error_if_cancelled (d->cancellable, error);
}

static void
report_progress (Demo       *d,
                 double      fraction,
                 const char *step)
{
  if (d->progress != NULL)
    d->progress (CLAMP (fraction, 0.0, 1.0), step, d->progress_data);
}

/* Names and addresses */

/* "Åsa Öberg-Lind" -> "asa", "oberg-lind": ASCII for the local part. */
static void
append_slug (GString    *out,
             const char *text)
{
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_unichar_tolower (g_utf8_get_char (p));

      switch (c)
        {
        case 0xe5: /* å */
        case 0xe4: /* ä */
        case 0xe1: /* á */
          g_string_append_c (out, 'a');
          break;
        case 0xf6: /* ö */
        case 0xf8: /* ø */
          g_string_append_c (out, 'o');
          break;
        case 0xe9: /* é */
          g_string_append_c (out, 'e');
          break;
        case 0xfc: /* ü */
          g_string_append_c (out, 'u');
          break;
        default:
          if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')
            g_string_append_c (out, (char) c);
          else if (c == ' ' || c == '.')
            g_string_append_c (out, '.');
          break;
        }
    }
}

static const char *
make_email (Demo       *d,
            const char *local,
            const char *domain)
{
  g_autoptr(GString) key = g_string_new (NULL);
  gpointer stored_key = NULL, value = NULL;
  guint count;

  append_slug (key, local);
  g_string_append_printf (key, "@%s", domain);

  if (g_hash_table_lookup_extended (d->email_counts, key->str, &stored_key, &value))
    {
      count = GPOINTER_TO_UINT (value) + 1;
      g_hash_table_insert (d->email_counts, stored_key, GUINT_TO_POINTER (count));
    }
  else
    {
      count = 1;
      stored_key = g_string_chunk_insert (d->strings, key->str);
      g_hash_table_insert (d->email_counts, stored_key, GUINT_TO_POINTER (count));
      return stored_key;
    }

  {
    g_autoptr(GString) numbered = g_string_new (NULL);

    append_slug (numbered, local);
    g_string_append_printf (numbered, "%u@%s", count, domain);
    return g_string_chunk_insert (d->strings, numbered->str);
  }
}

static void
make_name (Demo        *d,
           const char **first,
           const char **last)
{
  double u = g_rand_double (d->rand);

  if (chance (d, 0.5))
    *first = female_names[rnd (d, G_N_ELEMENTS (female_names))];
  else
    *first = male_names[rnd (d, G_N_ELEMENTS (male_names))];

  /* Skewed towards the common surnames at the top of the list. */
  *last = surnames[(guint) (G_N_ELEMENTS (surnames) * u * u)];
}

static const External *
make_external (Demo       *d,
               guint       site,
               const char *domain)
{
  External *external = g_new0 (External, 1);
  const char *first, *last;
  g_autofree char *local = NULL;
  g_autofree char *name = NULL;

  make_name (d, &first, &last);
  local = g_strdup_printf ("%s.%s", first, last);
  name = g_strdup_printf ("%s %s", first, last);
  external->email = make_email (d, local, domain);
  external->name = g_string_chunk_insert (d->strings, name);
  external->site = site;
  return external;
}

/* Calendar */

static guint32
julian_for (int          year,
            GDateMonth   month,
            GDateDay     day)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, day, month, (GDateYear) year);
  return g_date_get_julian (&date);
}

static GDateWeekday
weekday_of (guint32 julian)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_julian (&date, julian);
  return g_date_get_weekday (&date);
}

static gboolean
is_holiday (Demo    *d,
            guint32  julian)
{
  if (julian < d->year_first || julian >= d->year_first + d->days_in_year)
    return FALSE;
  return d->holiday[julian - d->year_first + 1];
}

static gboolean
is_workday (Demo    *d,
            guint32  julian)
{
  return weekday_of (julian) <= G_DATE_FRIDAY && !is_holiday (d, julian);
}

static void
mark_holiday (Demo    *d,
              guint32  julian)
{
  if (julian >= d->year_first && julian < d->year_first + d->days_in_year)
    d->holiday[julian - d->year_first + 1] = TRUE;
}

/* The Swedish public holidays on weekdays, and the eves offices close. */
static void
setup_calendar (Demo *d)
{
  int y = d->year;
  int a = y % 19, b = y / 100, c = y % 100, dd = b / 4, e = b % 4;
  int f = (b + 8) / 25, g = (b - f + 1) / 3, h = (19 * a + b - dd - g + 15) % 30;
  int i = c / 4, k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7;
  int m = (a + 11 * h + 22 * l) / 451;
  int easter_month = (h + l - 7 * m + 114) / 31;
  int easter_day = ((h + l - 7 * m + 114) % 31) + 1;
  guint32 easter = julian_for (y, easter_month, easter_day);
  guint32 midsummer;

  d->year_first = julian_for (y, G_DATE_JANUARY, 1);
  d->days_in_year = g_date_is_leap_year ((GDateYear) y) ? 366 : 365;
  memset (d->holiday, 0, sizeof d->holiday);

  mark_holiday (d, julian_for (y, G_DATE_JANUARY, 1));
  mark_holiday (d, julian_for (y, G_DATE_JANUARY, 6));
  mark_holiday (d, easter - 2);             /* långfredagen */
  mark_holiday (d, easter + 1);             /* annandag påsk */
  mark_holiday (d, julian_for (y, G_DATE_MAY, 1));
  mark_holiday (d, easter + 39);            /* Kristi himmelsfärds dag */
  mark_holiday (d, julian_for (y, G_DATE_JUNE, 6));
  midsummer = julian_for (y, G_DATE_JUNE, 19);
  while (weekday_of (midsummer) != G_DATE_FRIDAY)
    midsummer++;
  mark_holiday (d, midsummer);              /* midsommarafton */
  mark_holiday (d, julian_for (y, G_DATE_DECEMBER, 24));
  mark_holiday (d, julian_for (y, G_DATE_DECEMBER, 25));
  mark_holiday (d, julian_for (y, G_DATE_DECEMBER, 26));
  mark_holiday (d, julian_for (y, G_DATE_DECEMBER, 31));

  /* Terms: from the Monday on or after 12 January to 12 June, and from the
   * Monday on or after 17 August to 16 December. */
  d->spring[0] = julian_for (y, G_DATE_JANUARY, 12);
  while (weekday_of (d->spring[0]) != G_DATE_MONDAY)
    d->spring[0]++;
  d->spring[1] = julian_for (y, G_DATE_JUNE, 12);
  d->autumn[0] = julian_for (y, G_DATE_AUGUST, 17);
  while (weekday_of (d->autumn[0]) != G_DATE_MONDAY)
    d->autumn[0]++;
  d->autumn[1] = julian_for (y, G_DATE_DECEMBER, 16);

  d->workdays = g_array_new (FALSE, FALSE, sizeof (guint32));
  for (guint32 j = d->year_first; j < d->year_first + d->days_in_year; j++)
    if (is_workday (d, j))
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
static guint32
random_workday (Demo *d)
{
  for (;;)
    {
      guint32 day = g_array_index (d->workdays, guint32, rnd (d, d->workdays->len));

      if (month_of (day) != G_DATE_JULY || chance (d, 0.05))
        return day;
    }
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

/* Store */

static gboolean
check_empty (Demo    *d,
             GError **error)
{
  gint64 rows;

  rows = _resfri_store_query_int (d->store,
                                  "SELECT (SELECT count(*) FROM people) + (SELECT count(*) FROM meetings)"
                                  " + (SELECT count(*) FROM units) + (SELECT count(*) FROM sites)"
                                  " + (SELECT count(*) FROM rooms) + (SELECT count(*) FROM equipment)",
                                  error);
  if (rows < 0)
    return FALSE;

  if (rows > 0)
    {
      g_set_error (error, RESFRI_ERROR, RESFRI_ERROR_CONFLICT,
                   _("The database is not empty (it already holds people, meetings, sites or "
                     "equipment); the demo only fills an empty database"));
      return FALSE;
    }

  return TRUE;
}

static gboolean
add_sites (Demo    *d,
           GError **error)
{
  for (guint i = 0; i < N_SITES; i++)
    {
      sqlite3_stmt *stmt;

      if (!(stmt = _resfri_store_prepare (d->store,
                                          "INSERT INTO sites (code, name, latitude, longitude)"
                                          " VALUES (?1, ?2, ?3, ?4)", error)))
        return FALSE;

      sqlite3_bind_text (stmt, 1, site_defs[i].code, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, site_defs[i].name, -1, SQLITE_STATIC);
      sqlite3_bind_double (stmt, 3, site_defs[i].latitude);
      sqlite3_bind_double (stmt, 4, site_defs[i].longitude);
      if (!_resfri_store_step_done (d->store, stmt, _("Cannot add a site"), error))
        return FALSE;

      d->site_ids[i] = sqlite3_last_insert_rowid (_resfri_store_get_db (d->store));
      d->summary.sites++;
    }

  return TRUE;
}

static gboolean
add_units (Demo    *d,
           GError **error)
{
  char *paths[N_UNITS] = { NULL };
  gboolean ok = TRUE;

  for (guint i = 0; i < N_UNITS && ok; i++)
    {
      const UnitDef *def = &unit_defs[i];
      sqlite3_stmt *stmt;

      /* Parents come before their children in unit_defs. */
      g_assert (def->parent < (int) i);
      paths[i] = def->parent < 0 ? g_strdup (def->name)
                                 : g_strdup_printf ("%s/%s", paths[def->parent], def->name);

      if (!(stmt = _resfri_store_prepare (d->store,
                                          "INSERT INTO units (name, path, parent_id) VALUES (?1, ?2, ?3)",
                                          error)))
        {
          ok = FALSE;
          break;
        }

      sqlite3_bind_text (stmt, 1, def->name, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, paths[i], -1, SQLITE_TRANSIENT);
      if (def->parent >= 0)
        sqlite3_bind_int64 (stmt, 3, d->unit_ids[def->parent]);
      else
        sqlite3_bind_null (stmt, 3);

      ok = _resfri_store_step_done (d->store, stmt, _("Cannot add a unit"), error);
      d->unit_ids[i] = sqlite3_last_insert_rowid (_resfri_store_get_db (d->store));
      d->summary.units++;
    }

  for (guint i = 0; i < N_UNITS; i++)
    g_free (paths[i]);

  return ok;
}

static guint
pick_site (Demo    *d,
           Profile  profile)
{
  static const double central[N_OWN_SITES] = { 0.92, 0.04, 0.03, 0.01 };
  double spread[N_OWN_SITES];

  if (profile == PROFILE_OFFICE)
    return pick_weighted (d, central, N_OWN_SITES);

  for (guint i = 0; i < N_OWN_SITES; i++)
    spread[i] = site_defs[i].share;
  return pick_weighted (d, spread, N_OWN_SITES);
}

static gboolean
insert_person (Demo    *d,
               Person  *person,
               GError **error)
{
  sqlite3_stmt *stmt;

  if (!(stmt = _resfri_store_prepare (d->store,
                                      "INSERT INTO people (email, name, unit_id, site_id, role)"
                                      " VALUES (?1, ?2, ?3, ?4, ?5)", error)))
    return FALSE;

  sqlite3_bind_text (stmt, 1, person->email, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, person->name, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, d->unit_ids[person->unit]);
  sqlite3_bind_int64 (stmt, 4, d->site_ids[person->site]);
  sqlite3_bind_text (stmt, 5, person->politician ? "politician" : "employee", -1, SQLITE_STATIC);
  if (!_resfri_store_step_done (d->store, stmt, _("Cannot add a person"), error))
    return FALSE;

  person->id = sqlite3_last_insert_rowid (_resfri_store_get_db (d->store));
  d->summary.people++;
  if (person->politician)
    d->summary.politicians++;
  return TRUE;
}

static void
new_person (Demo    *d,
            guint    unit,
            guint    site,
            gboolean politician)
{
  Person person = { 0 };
  const char *first, *last;
  g_autofree char *local = NULL;
  g_autofree char *name = NULL;

  make_name (d, &first, &last);
  local = g_strdup_printf ("%s.%s", first, last);
  name = g_strdup_printf ("%s %s", first, last);
  person.email = make_email (d, local, DOMAIN);
  person.name = g_string_chunk_insert (d->strings, name);
  person.unit = (guint16) unit;
  person.site = (guint8) site;
  person.politician = politician;
  person.team = d->teams->len;
  g_array_append_val (d->people, person);
}

/* Staff by unit in teams of 6-16 that share a site (a few members work
 * elsewhere); then the politicians of each nämnd. */
static gboolean
add_people (Demo    *d,
            GError **error)
{
  guint employees = d->options->employees;
  guint allotted = 0;
  guint counts[N_UNITS] = { 0 };

  for (guint u = 0; u < N_UNITS; u++)
    {
      counts[u] = (guint) (unit_defs[u].share * employees);
      allotted += counts[u];
    }
  counts[U_GRSK] += employees - allotted;

  for (guint u = 0; u < N_UNITS; u++)
    {
      guint remaining = counts[u];

      d->unit_first[u] = d->people->len;
      while (remaining > 0)
        {
          /* Office teams of 6-12; work teams in care and schools of 8-16. */
          Profile profile = unit_defs[u].profile;
          guint size = profile == PROFILE_OFFICE ? 6 + rnd (d, 7) : 8 + rnd (d, 9);
          Team team = { 0 };

          if (size > remaining || remaining - size < 4)
            size = remaining;

          team.first = d->people->len;
          team.count = size;
          team.unit = (guint16) u;
          team.site = (guint8) pick_site (d, profile);

          for (guint i = 0; i < size; i++)
            {
              guint site = team.site;

              if (i > 0 && chance (d, 0.10))
                site = rnd (d, N_OWN_SITES);
              new_person (d, u, site, FALSE);
            }

          g_array_append_val (d->teams, team);
          remaining -= size;
        }
      d->unit_count[u] = d->people->len - d->unit_first[u];
    }

  /* A few politicians per nämnd, fewer in a small demo. They are not in
   * any team and live all over the municipality. */
  for (guint u = 0; u < N_UNITS; u++)
    {
      guint n = MIN (unit_defs[u].politicians, MAX (3, employees / 150));

      if (unit_defs[u].profile != PROFILE_BOARD)
        continue;

      d->unit_first[u] = d->people->len;
      for (guint i = 0; i < n; i++)
        new_person (d, u, pick_site (d, PROFILE_SCHOOL), TRUE);
      d->unit_count[u] = n;
    }

  for (guint i = 0; i < d->people->len; i++)
    {
      if (!insert_person (d, &g_array_index (d->people, Person, i), error))
        return FALSE;
      if ((i & 1023) == 0 && check_cancelled (d, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
add_rooms (Demo    *d,
           GError **error)
{
  guint staff[N_OWN_SITES] = { 0 };
  guint theme_uses[G_N_ELEMENTS (room_themes)] = { 0 };
  guint next_theme = 0;

  for (guint i = 0; i < d->people->len; i++)
    staff[g_array_index (d->people, Person, i).site]++;

  for (guint s = 0; s < N_OWN_SITES; s++)
    {
      guint n = MAX (3, staff[s] / 25);

      d->site_rooms[s] = g_ptr_array_new ();
      for (guint r = 0; r < n; r++)
        {
          static const guint capacities[] = { 4, 6, 8, 10, 12, 16, 20, 30 };
          static const double capacity_weights[] = { 3, 4, 4, 3, 2, 2, 1, 1 };
          Room room = { 0 };
          g_autoptr(GString) email = g_string_new ("rum.");
          g_autofree char *code = NULL;
          g_autofree char *name = NULL;
          const char *alias = NULL;
          sqlite3_stmt *stmt;
          gint64 room_id;

          if (s == MAIN_SITE && r == 0)
            {
              name = g_strdup ("Sessionssalen");
              room.capacity = 80;
              room.vc = TRUE;
            }
          else
            {
              guint theme = next_theme++ % G_N_ELEMENTS (room_themes);

              if (theme_uses[theme]++ == 0)
                name = g_strdup (room_themes[theme]);
              else
                name = g_strdup_printf ("%s %u", room_themes[theme], theme_uses[theme]);
              room.capacity = capacities[pick_weighted (d, capacity_weights, G_N_ELEMENTS (capacity_weights))];
              room.vc = chance (d, room.capacity >= 8 ? 0.55 : 0.25);
            }

          room.site = (guint8) s;
          room.name = g_string_chunk_insert (d->strings, name);
          append_slug (email, name);
          g_string_replace (email, ".", "", 0);
          g_string_insert_c (email, 3, '.');
          g_string_append (email, "@" DOMAIN);
          room.email = g_string_chunk_insert (d->strings, email->str);
          code = g_strdup_printf ("%s-R%03u", site_defs[s].code, r + 1);

          if (!(stmt = _resfri_store_prepare (d->store,
                                              "INSERT INTO rooms (code, name, site_id, capacity, email, vc)"
                                              " VALUES (?1, ?2, ?3, ?4, ?5, ?6)", error)))
            return FALSE;

          sqlite3_bind_text (stmt, 1, code, -1, SQLITE_TRANSIENT);
          sqlite3_bind_text (stmt, 2, room.name, -1, SQLITE_STATIC);
          sqlite3_bind_int64 (stmt, 3, d->site_ids[s]);
          sqlite3_bind_int (stmt, 4, (int) room.capacity);
          sqlite3_bind_text (stmt, 5, room.email, -1, SQLITE_STATIC);
          sqlite3_bind_int (stmt, 6, room.vc ? 1 : 0);
          if (!_resfri_store_step_done (d->store, stmt, _("Cannot add a room"), error))
            return FALSE;
          room_id = sqlite3_last_insert_rowid (_resfri_store_get_db (d->store));

          /* Some rooms are also known by another name in LOCATION. */
          if (chance (d, 0.3) || (s == MAIN_SITE && r == 0))
            {
              g_autofree char *text = NULL;

              if (s == MAIN_SITE && r == 0)
                text = g_strdup ("Kommunfullmäktiges sessionssal");
              else if (chance (d, 0.5))
                text = g_strdup_printf ("%s %s", site_defs[s].name, name);
              else
                text = g_strdup_printf ("Konferensrum %s", name);
              alias = g_string_chunk_insert (d->strings, text);
              room.alias = alias;

              if (!(stmt = _resfri_store_prepare (d->store,
                                                  "INSERT INTO room_aliases (room_id, alias) VALUES (?1, ?2)",
                                                  error)))
                return FALSE;
              sqlite3_bind_int64 (stmt, 1, room_id);
              sqlite3_bind_text (stmt, 2, alias, -1, SQLITE_STATIC);
              if (!_resfri_store_step_done (d->store, stmt, _("Cannot add a room"), error))
                return FALSE;
            }

          g_ptr_array_add (d->site_rooms[s], GUINT_TO_POINTER (d->rooms->len));
          g_array_append_val (d->rooms, room);
          d->summary.rooms++;
        }
    }

  return TRUE;
}

static gboolean
lookup_types (Demo    *d,
              GError **error)
{
  for (guint t = 0; t < N_EQ; t++)
    {
      sqlite3_stmt *stmt;

      if (!(stmt = _resfri_store_prepare (d->store,
                                          "SELECT id FROM equipment_types WHERE name = ?1", error)))
        return FALSE;

      sqlite3_bind_text (stmt, 1, eq_type_names[t], -1, SQLITE_STATIC);
      if (sqlite3_step (stmt) != SQLITE_ROW)
        {
          sqlite3_reset (stmt);
          g_set_error (error, RESFRI_ERROR, RESFRI_ERROR_NOT_FOUND,
                       _("The equipment type “%s” is missing"), eq_type_names[t]);
          return FALSE;
        }
      d->type_ids[t] = sqlite3_column_int64 (stmt, 0);
      sqlite3_reset (stmt);
    }

  return TRUE;
}

static gboolean
add_item (Demo           *d,
          guint           type,
          guint           site,
          const Person   *owner,
          const ModelDef *model,
          const char     *state,
          GError        **error)
{
  sqlite3_stmt *stmt;
  char tag[32];
  gint64 id;

  g_snprintf (tag, sizeof tag, "%s-%c-%05u", TAG_PREFIX, eq_tag_letters[type], ++d->tag_counters[type]);

  if (!(stmt = _resfri_store_prepare (d->store,
                                      "INSERT INTO equipment (tag, type_id, site_id, owner_id, state, model, cost)"
                                      " VALUES (?1, ?2, ?3, ?4, 'ok', ?5, ?6)", error)))
    return FALSE;

  sqlite3_bind_text (stmt, 1, tag, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, d->type_ids[type]);
  sqlite3_bind_int64 (stmt, 3, d->site_ids[site]);
  if (owner != NULL)
    sqlite3_bind_int64 (stmt, 4, owner->id);
  else
    sqlite3_bind_null (stmt, 4);
  sqlite3_bind_text (stmt, 5, model->model, -1, SQLITE_STATIC);
  sqlite3_bind_double (stmt, 6, model->cost);
  if (!_resfri_store_step_done (d->store, stmt, _("Cannot add an item"), error))
    return FALSE;

  id = sqlite3_last_insert_rowid (_resfri_store_get_db (d->store));
  d->summary.equipment++;
  if (owner == NULL)
    d->summary.loan_items++;

  /* Broken and retired items are changed after they were added, as in real
   * life, so that their history says so. */
  if (strcmp (state, "ok") != 0)
    {
      if (!(stmt = _resfri_store_prepare (d->store,
                                          "UPDATE equipment SET state = ?2 WHERE id = ?1", error)))
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_text (stmt, 2, state, -1, SQLITE_STATIC);
      if (!_resfri_store_step_done (d->store, stmt, _("Cannot add an item"), error))
        return FALSE;
    }

  return TRUE;
}

#define PICK_MODEL(d, models) (&(models)[rnd ((d), G_N_ELEMENTS (models))])

/* Personal equipment with holes (about a third of the staff lack a working
 * headset or camera, more in care and schools), and a loan pool per town. */
static gboolean
add_equipment (Demo    *d,
               GError **error)
{
  /* Chance to own a headset, a camera, by profile. */
  static const double has_headset[] = { 0.92, 0.78, 0.82, 0.70 };
  static const double has_camera[] = { 0.93, 0.80, 0.85, 0.75 };
  guint staff[N_OWN_SITES] = { 0 };

  if (!lookup_types (d, error))
    return FALSE;

  for (guint i = 0; i < d->people->len; i++)
    {
      const Person *person = &g_array_index (d->people, Person, i);
      Profile profile = person->politician ? PROFILE_BOARD : unit_defs[person->unit].profile;

      staff[person->site]++;

      /* A worn-out headset handed back before the current one, or before
       * nothing at all. */
      if (chance (d, 0.04))
        if (!add_item (d, EQ_HEADSET, person->site, person, PICK_MODEL (d, headset_models),
                       "retired", error))
          return FALSE;

      if (chance (d, has_headset[profile]))
        if (!add_item (d, EQ_HEADSET, person->site, person, PICK_MODEL (d, headset_models),
                       chance (d, 0.06) ? "broken" : "ok", error))
          return FALSE;

      if (chance (d, has_camera[profile]))
        if (!add_item (d, EQ_CAMERA, person->site, person, PICK_MODEL (d, camera_models),
                       chance (d, 0.05) ? "broken" : "ok", error))
          return FALSE;

      if ((i & 1023) == 0)
        {
          if (check_cancelled (d, error))
            return FALSE;
          report_progress (d, 0.10 + 0.15 * i / d->people->len, _("Equipment"));
        }
    }

  for (guint s = 0; s < N_OWN_SITES; s++)
    {
      guint headsets = MAX (2, staff[s] / 40);
      guint cameras = MAX (1, staff[s] / 60);
      guint kits = MAX (1, staff[s] / 400);

      for (guint i = 0; i < headsets; i++)
        if (!add_item (d, EQ_HEADSET, s, NULL, PICK_MODEL (d, headset_models),
                       chance (d, 0.08) ? "broken" : chance (d, 0.03) ? "retired" : "ok", error))
          return FALSE;
      for (guint i = 0; i < cameras; i++)
        if (!add_item (d, EQ_CAMERA, s, NULL, PICK_MODEL (d, camera_models),
                       chance (d, 0.08) ? "broken" : "ok", error))
          return FALSE;
      for (guint i = 0; i < kits; i++)
        if (!add_item (d, EQ_VC, s, NULL, PICK_MODEL (d, vc_models),
                       i == 1 ? "broken" : "ok", error))
          return FALSE;
    }

  return TRUE;
}

/* Meetings */

static const char *
person_email (Demo  *d,
              guint  index)
{
  return g_array_index (d->people, Person, index).email;
}

static const Person *
person_at (Demo  *d,
           guint  index)
{
  return &g_array_index (d->people, Person, index);
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

static Service
pick_service (Demo *d)
{
  static const double weights[] = { 0.70, 0.08, 0.12, 0.10 };

  return (Service) pick_weighted (d, weights, G_N_ELEMENTS (weights));
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
        location = g_strdup_printf ("%s, %s", site_defs[spec->venue_site].name,
                                    site_defs[spec->venue_site].venue);
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
      GDateWeekday weekday = weekday_of (spec->day);

      for (guint month = 1; month <= 12; month++)
        {
          guint32 day;

          if (month == G_DATE_JULY)
            continue;
          day = julian_for (d->year, (GDateMonth) month, 1);
          while (weekday_of (day) != weekday)
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

static gboolean
emit (Demo        *d,
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

          rule.freq = ICAL_MONTHLY_RECURRENCE;
          rule.by_day[0] = (short) (spec->nth * 8 + ical_weekday (weekday_of (spec->day)));
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

          if (is_holiday (d, day) || (i > 0 && chance (d, 0.02)) ||
              (exceptions && i == 1))
            g_array_append_val (skipped, day);
        }

      /* One instance moved, one called off. */
      if (instances->len >= 4 && (exceptions || chance (d, 0.2)))
        {
          guint32 day = g_array_index (instances, guint32, 2 + rnd (d, instances->len - 3));

          if (!is_holiday (d, day))
            moved = day;
        }
      if (instances->len >= 4 && (exceptions || chance (d, 0.1)))
        {
          guint32 day = g_array_index (instances, guint32, 2 + rnd (d, instances->len - 3));

          if (!is_holiday (d, day) && day != moved)
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
      if (chance (d, 0.4) && is_workday (d, day + 1))
        day++;
      else if (start + spec->duration + 90 <= 17 * 60)
        start += 60 + 30 * rnd (d, 2);
      else if (start >= 9 * 60 + 30)
        start -= 60;
      else if (is_workday (d, day + 1))
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
        weights[i] = i == site ? 0 : site_defs[i].share;
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

static guint32
first_weekday_from (guint32      day,
                    GDateWeekday weekday)
{
  while (weekday_of (day) != weekday)
    day++;
  return day;
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
  spec->day = first_weekday_from (term[0], weekday);
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
static gboolean
add_team_series (Demo    *d,
                 GError **error)
{
  for (guint t = 0; t < d->teams->len; t++)
    {
      const Team *team = &g_array_index (d->teams, Team, t);
      const UnitDef *unit = &unit_defs[team->unit];

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
          ok = emit (d, &spec, error);
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
          ok = emit (d, &spec, error);
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
static gboolean
add_project_groups (Demo    *d,
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
                                 unit_defs[org->unit].topic);
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
      ok = emit (d, &spec, error);
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
static gboolean
add_workplace_meetings (Demo    *d,
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
      summary = g_strdup_printf ("APT %s", unit_defs[first->unit].name);
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
        guint32 day = first_weekday_from (d->year_first + 7 * (spec.nth - 1),
                                          G_DATE_TUESDAY + rnd (d, 3));

        spec.day = day;
      }
      spec.until_day = d->year_first + d->days_in_year - 10;
      choose_mode (d, &spec, first->site, 0.0, 0.5, 0.0);
      ok = emit (d, &spec, error);
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
  for (int u = (int) unit; u >= 0; u = unit_defs[u].parent)
    if ((guint) u == ancestor)
      return TRUE;
  return FALSE;
}

/* Every other week the management of each administration meets at the
 * town hall: team leads from every town, so often with travel. */
static gboolean
add_management_meetings (Demo    *d,
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
          g_autofree char *summary = g_strdup_printf ("Ledningsgrupp %s", unit_defs[admin].name);
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
          ok = emit (d, &spec, error);
          spec_clear (&spec);
          if (!ok)
            return FALSE;
        }
    }

  return TRUE;
}

/* A nämnd meets monthly in the Sessionssalen with its politicians, the head
 * of its administration and a secretary. */
static gboolean
add_board_meetings (Demo    *d,
                    GError **error)
{
  for (guint u = 0; u < N_UNITS; u++)
    {
      const UnitDef *def = &unit_defs[u];
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
      spec.day = first_weekday_from (d->year_first + 14, G_DATE_WEDNESDAY + (u % 2));
      spec.until_day = d->year_first + d->days_in_year - 10;
      spec.start = 13 * 60;
      spec.duration = 210;
      spec.service = SERVICE_TEAMS;
      spec.mode = chance (d, 0.5) ? MODE_IN_PERSON : MODE_HYBRID;
      spec.room = pick_room (d, MAIN_SITE, 80, TRUE);
      spec.room_attendee = TRUE;
      ok = emit (d, &spec, error);
      spec_clear (&spec);
      if (!ok)
        return FALSE;
    }

  return TRUE;
}

/* Regional networks: colleagues of the neighbouring municipalities, as
 * external attendees. Some networks meet in turn at each member town,
 * others monthly on Teams, called by the regional association. */
static gboolean
add_regional_meetings (Demo    *d,
                       GError **error)
{
  g_autoptr(GPtrArray) owned = g_ptr_array_new_with_free_func (g_free);
  const External *coordinators[2];

  coordinators[0] = make_external (d, N_SITES, "fyrbodal.example");
  coordinators[1] = make_external (d, N_SITES, "fyrbodal.example");
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
              const External *external = make_external (d, s, site_defs[s].domain);

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
          spec.day = first_weekday_from (d->year_first + 7, G_DATE_MONDAY + rnd (d, 5));
          spec.until_day = d->year_first + d->days_in_year - 10;
          spec.start = 9 * 60;
          spec.duration = 90;
          spec.service = SERVICE_TEAMS;
          spec.mode = MODE_ONLINE;
          ok = emit (d, &spec, error);
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
          day = first_weekday_from (julian_for (d->year, (GDateMonth) month, 15), G_DATE_THURSDAY);
          if (!is_workday (d, day))
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

          ok = emit (d, &spec, error);
          spec_clear (&spec);
          if (!ok)
            return FALSE;
        }
    }

  return TRUE;
}

/* One-off meetings: mostly within a team or unit, a few across units, some
 * with a supplier or consultant. */
static gboolean
add_single_meetings (Demo    *d,
                     GError **error)
{
  static const guint sizes[] = { 2, 3, 4, 5, 6, 8, 10, 12, 25, 40 };
  static const double size_weights[] = { 25, 20, 15, 9, 7, 8, 6, 6, 2, 1 };
  static const char * const companies[] = {
    "itkonsult.example", "arkitektgruppen.example", "revision.example", "vvs-service.example",
  };
  guint total = (guint) (d->options->employees * SINGLES_PER_EMPLOYEE);
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
    g_ptr_array_add (consultants, (gpointer) make_external (d, N_SITES,
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
                                 unit_defs[org->unit].topic);
      spec.summary = summary;
      spec.duration = size > 12 ? 120 : (30 + 15 * rnd (d, 4)) * (chance (d, 0.15) ? 2 : 1);
      spec.start = random_start (d, spec.duration);
      spec.day = random_workday (d);
      choose_mode (d, &spec, org->site, 0.45, 0.15, 0.25);
      ok = emit (d, &spec, error);
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
      spec.day = first_weekday_from (i < 2 ? d->spring[0] + 28 * (i + 1) : d->autumn[0] + 28 * (i - 1),
                                     G_DATE_THURSDAY);
      if (!is_workday (d, spec.day))
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
      ok = emit (d, &spec, error);
      spec_clear (&spec);
      if (!ok)
        return FALSE;
    }

  return TRUE;
}

static gboolean
add_meetings (Demo    *d,
              GError **error)
{
  reseed (d, 4);
  random_hex (d, d->tenant, 8);
  d->tenant[8] = '-';
  random_hex (d, d->tenant + 9, 4);
  d->tenant[13] = '-';
  random_hex (d, d->tenant + 14, 4);
  d->tenant[18] = '-';
  random_hex (d, d->tenant + 19, 4);
  d->tenant[23] = '-';
  random_hex (d, d->tenant + 24, 12);

  report_progress (d, 0.25, _("Meetings"));
  if (!add_team_series (d, error))
    return FALSE;

  reseed (d, 5);
  if (!add_workplace_meetings (d, error) ||
      !add_management_meetings (d, error) ||
      !add_board_meetings (d, error))
    return FALSE;

  reseed (d, 6);
  if (!add_regional_meetings (d, error))
    return FALSE;

  reseed (d, 8);
  if (!add_project_groups (d, error))
    return FALSE;

  reseed (d, 7);
  return add_single_meetings (d, error);
}

static gboolean
add_meta (Demo    *d,
          GError **error)
{
  char number[32];

  if (!resfri_store_set_meta (d->store, "municipality", "Vänersborg", error) ||
      !resfri_store_set_meta (d->store, "email-domain", DOMAIN, error))
    return FALSE;

  g_snprintf (number, sizeof number, "%u", d->options->seed);
  if (!resfri_store_set_meta (d->store, "demo-seed", number, error))
    return FALSE;
  g_snprintf (number, sizeof number, "%d", d->options->year);
  if (!resfri_store_set_meta (d->store, "demo-year", number, error))
    return FALSE;
  g_snprintf (number, sizeof number, "%u", d->options->employees);
  return resfri_store_set_meta (d->store, "demo-employees", number, error);
}

static gboolean
generate (Demo    *d,
          GError **error)
{
  report_progress (d, 0.0, _("Sites and units"));
  if (!check_empty (d, error) ||
      !add_sites (d, error) ||
      !add_units (d, error))
    return FALSE;

  reseed (d, 1);
  report_progress (d, 0.02, _("People"));
  if (!add_people (d, error))
    return FALSE;

  reseed (d, 2);
  report_progress (d, 0.08, _("Rooms"));
  if (!add_rooms (d, error))
    return FALSE;

  reseed (d, 3);
  if (!add_equipment (d, error))
    return FALSE;

  if (!add_meetings (d, error))
    return FALSE;

  report_progress (d, 0.97, _("Saving"));

  /* The stats count rows written; an override rewrites its instance. */
  d->summary.occurrences = _resfri_store_query_int (d->store, "SELECT count(*) FROM occurrences", error);
  d->summary.meetings = _resfri_store_query_int (d->store, "SELECT count(*) FROM meetings", error);
  if (d->summary.occurrences < 0 || d->summary.meetings < 0)
    return FALSE;
  if (!add_meta (d, error))
    return FALSE;

  return TRUE;
}

/* Public API */

const char *
resfri_demo_get_municipality (void)
{
  return "Vänersborg";
}

void
resfri_demo_options_init (ResfriDemoOptions *options)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  g_return_if_fail (options != NULL);

  options->employees = RESFRI_DEMO_DEFAULT_EMPLOYEES;
  options->seed = RESFRI_DEMO_DEFAULT_SEED;
  options->year = g_date_time_get_year (now);
}

/**
 * resfri_demo_generate:
 * @store: an empty store
 * @options: what to make
 * @progress: (nullable): called now and then
 * @summary: (out) (optional): what was made
 *
 * Fills an empty database with the demo municipality in one transaction:
 * on error or cancellation nothing is written. A database that already
 * holds people, meetings, sites or equipment is refused with
 * %RESFRI_ERROR_CONFLICT.
 */
gboolean
resfri_demo_generate (ResfriStore             *store,
                      const ResfriDemoOptions *options,
                      ResfriDemoProgressFunc   progress,
                      gpointer                 progress_data,
                      ResfriDemoSummary       *summary,
                      GCancellable            *cancellable,
                      GError                 **error)
{
  Demo d = { 0 };
  gboolean ok;

  g_return_val_if_fail (RESFRI_IS_STORE (store), FALSE);
  g_return_val_if_fail (options != NULL, FALSE);
  g_return_val_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (options->employees < 1 || options->employees > RESFRI_DEMO_MAX_EMPLOYEES)
    {
      g_set_error (error, RESFRI_ERROR, RESFRI_ERROR_INVALID_INPUT,
                   _("The number of employees must be between 1 and %u"), RESFRI_DEMO_MAX_EMPLOYEES);
      return FALSE;
    }
  if (options->year < 1971 || options->year > 2199)
    {
      g_set_error (error, RESFRI_ERROR, RESFRI_ERROR_INVALID_INPUT,
                   _("The year must be between 1971 and 2199"));
      return FALSE;
    }

  d.store = store;
  d.options = options;
  d.cancellable = cancellable;
  d.progress = progress;
  d.progress_data = progress_data;
  d.year = options->year;
  {
    g_autoptr(GDateTime) first = g_date_time_new_utc (options->year, 1, 1, 0, 0, 0);

    d.now = g_date_time_to_unix (first);
  }
  d.strings = g_string_chunk_new (64 * 1024);
  d.email_counts = g_hash_table_new (g_str_hash, g_str_equal);
  d.externals_used = g_hash_table_new (g_str_hash, g_str_equal);
  d.people = g_array_sized_new (FALSE, FALSE, sizeof (Person), options->employees + 64);
  d.teams = g_array_new (FALSE, FALSE, sizeof (Team));
  d.rooms = g_array_new (FALSE, FALSE, sizeof (Room));
  setup_calendar (&d);
  reseed (&d, 0);

  ok = _resfri_store_begin (store, error);
  if (ok)
    {
      ok = generate (&d, error);
      if (ok)
        ok = _resfri_store_commit (store, error);
      else
        _resfri_store_rollback (store);
    }

  if (ok)
    report_progress (&d, 1.0, _("Done"));

  if (ok && summary != NULL)
    *summary = d.summary;

  g_clear_pointer (&d.rand, g_rand_free);
  g_string_chunk_free (d.strings);
  g_hash_table_unref (d.email_counts);
  g_hash_table_unref (d.externals_used);
  g_array_unref (d.people);
  g_array_unref (d.teams);
  g_array_unref (d.rooms);
  g_array_unref (d.workdays);
  for (guint s = 0; s < N_OWN_SITES; s++)
    g_clear_pointer (&d.site_rooms[s], g_ptr_array_unref);

  return ok;
}

typedef struct
{
  char                   *path;
  ResfriDemoOptions       options;
  ResfriDemoProgressFunc  progress;
  gpointer                progress_data;
  GMainContext           *context;     /* the caller's, for progress */
  int                     last_percent;
} GenerateData;

typedef struct
{
  GTask      *task;                    /* holds the GenerateData */
  double      fraction;
  const char *step;                    /* translated strings are static */
} ProgressMessage;

static void
progress_message_free (ProgressMessage *message)
{
  g_object_unref (message->task);
  g_free (message);
}

static void
generate_data_free (GenerateData *data)
{
  g_free (data->path);
  g_main_context_unref (data->context);
  g_free (data);
}

static gboolean
deliver_progress (gpointer user_data)
{
  ProgressMessage *message = user_data;
  GenerateData *data = g_task_get_task_data (message->task);

  data->progress (message->fraction, message->step, data->progress_data);
  return G_SOURCE_REMOVE;
}

/* Hands progress to the caller's context, at most once per percent. */
static void
forward_progress (double      fraction,
                  const char *step,
                  gpointer    user_data)
{
  GTask *task = user_data;
  GenerateData *data = g_task_get_task_data (task);
  ProgressMessage *message;
  int percent = (int) (fraction * 100);

  if (percent == data->last_percent && fraction < 1.0)
    return;
  data->last_percent = percent;

  message = g_new0 (ProgressMessage, 1);
  message->task = g_object_ref (task);
  message->fraction = fraction;
  message->step = step;
  g_main_context_invoke_full (data->context, G_PRIORITY_DEFAULT, deliver_progress, message,
                              (GDestroyNotify) progress_message_free);
}

static void
generate_worker (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  GenerateData *data = task_data;
  g_autoptr(ResfriStore) store = NULL;
  g_autofree ResfriDemoSummary *summary = g_new0 (ResfriDemoSummary, 1);
  GError *error = NULL;

  if (!(store = resfri_store_open (data->path, &error)) ||
      !resfri_demo_generate (store, &data->options, data->progress ? forward_progress : NULL, task,
                             summary, cancellable, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  g_task_return_pointer (task, g_steal_pointer (&summary), g_free);
}

void
resfri_demo_generate_async (ResfriStore             *store,
                            const ResfriDemoOptions *options,
                            ResfriDemoProgressFunc   progress,
                            gpointer                 progress_data,
                            GCancellable            *cancellable,
                            GAsyncReadyCallback      callback,
                            gpointer                 user_data)
{
  g_autoptr(GTask) task = NULL;
  GenerateData *data;

  g_return_if_fail (RESFRI_IS_STORE (store));
  g_return_if_fail (options != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  data = g_new0 (GenerateData, 1);
  data->path = g_strdup (resfri_store_get_path (store));
  data->options = *options;
  data->progress = progress;
  data->progress_data = progress_data;
  data->context = g_main_context_ref_thread_default ();
  data->last_percent = -1;

  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, resfri_demo_generate_async);
  g_task_set_task_data (task, data, (GDestroyNotify) generate_data_free);
  g_task_run_in_thread (task, generate_worker);
}

gboolean
resfri_demo_generate_finish (ResfriStore        *store,
                             GAsyncResult       *result,
                             ResfriDemoSummary  *summary,
                             GError            **error)
{
  g_autofree ResfriDemoSummary *value = NULL;

  g_return_val_if_fail (g_task_is_valid (result, store), FALSE);

  if (!(value = g_task_propagate_pointer (G_TASK (result), error)))
    return FALSE;

  if (summary != NULL)
    *summary = *value;
  return TRUE;
}

/* resfri-demo-registers.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The demo's registers: the sites (the municipality's four towns and its
 * Fyrbodal neighbours) and the units, the fictional people with their names
 * and email addresses (staff in teams, then the politicians), the external
 * attendees, and the meeting rooms of each town. The rows themselves are
 * written by resfri-demo-store.c.
 */

#include "config.h"

#include <string.h>

#include "resfri-demo-private.h"

const SiteDef _resfri_demo_sites[] = {
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

G_STATIC_ASSERT (G_N_ELEMENTS (_resfri_demo_sites) == N_SITES);

const UnitDef _resfri_demo_units[N_UNITS] = {
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

/* A fictional person's name and their address at @domain. */
static void
make_identity (Demo        *d,
               const char  *domain,
               const char **name,
               const char **email)
{
  const char *first, *last;
  g_autofree char *local = NULL;
  g_autofree char *full = NULL;

  make_name (d, &first, &last);
  local = g_strdup_printf ("%s.%s", first, last);
  full = g_strdup_printf ("%s %s", first, last);
  *email = make_email (d, local, domain);
  *name = g_string_chunk_insert (d->strings, full);
}

const External *
_resfri_demo_make_external (Demo       *d,
                            guint       site,
                            const char *domain)
{
  External *external = g_new0 (External, 1);

  make_identity (d, domain, &external->name, &external->email);
  external->site = site;
  return external;
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
    spread[i] = _resfri_demo_sites[i].share;
  return pick_weighted (d, spread, N_OWN_SITES);
}

static void
new_person (Demo    *d,
            guint    unit,
            guint    site,
            gboolean politician)
{
  Person person = { 0 };

  make_identity (d, DOMAIN, &person.name, &person.email);
  person.unit = (guint16) unit;
  person.site = (guint8) site;
  person.politician = politician;
  person.team = d->teams->len;
  g_array_append_val (d->people, person);
}

/* Staff by unit in teams of 6-16 that share a site (a few members work
 * elsewhere); then the politicians of each nämnd. */
gboolean
_resfri_demo_add_people (Demo    *d,
                         GError **error)
{
  guint employees = d->options->employees;
  guint allotted = 0;
  guint counts[N_UNITS] = { 0 };

  for (guint u = 0; u < N_UNITS; u++)
    {
      counts[u] = (guint) (_resfri_demo_units[u].share * employees);
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
          Profile profile = _resfri_demo_units[u].profile;
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
      guint n = MIN (_resfri_demo_units[u].politicians, MAX (3, employees / 150));

      if (_resfri_demo_units[u].profile != PROFILE_BOARD)
        continue;

      d->unit_first[u] = d->people->len;
      for (guint i = 0; i < n; i++)
        new_person (d, u, pick_site (d, PROFILE_SCHOOL), TRUE);
      d->unit_count[u] = n;
    }

  for (guint i = 0; i < d->people->len; i++)
    {
      if (!_resfri_demo_insert_person (d, &g_array_index (d->people, Person, i), error))
        return FALSE;
      if ((i & 1023) == 0 && check_cancelled (d, error))
        return FALSE;
    }

  return TRUE;
}

gboolean
_resfri_demo_add_rooms (Demo    *d,
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
          code = g_strdup_printf ("%s-R%03u", _resfri_demo_sites[s].code, r + 1);

          if (!_resfri_demo_insert_room (d, code, &room, &room_id, error))
            return FALSE;

          /* Some rooms are also known by another name in LOCATION. */
          if (chance (d, 0.3) || (s == MAIN_SITE && r == 0))
            {
              g_autofree char *text = NULL;

              if (s == MAIN_SITE && r == 0)
                text = g_strdup ("Kommunfullmäktiges sessionssal");
              else if (chance (d, 0.5))
                text = g_strdup_printf ("%s %s", _resfri_demo_sites[s].name, name);
              else
                text = g_strdup_printf ("Konferensrum %s", name);
              alias = g_string_chunk_insert (d->strings, text);
              room.alias = alias;

              if (!_resfri_demo_insert_room_alias (d, room_id, alias, error))
                return FALSE;
            }

          g_ptr_array_add (d->site_rooms[s], GUINT_TO_POINTER (d->rooms->len));
          g_array_append_val (d->rooms, room);
        }
    }

  return TRUE;
}

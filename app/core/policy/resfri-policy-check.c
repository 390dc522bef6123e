/* resfri-policy-check.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The registers (sites, rooms, people with their personal equipment,
 * exemptions) are read once per call; each meeting row is resolved once
 * and its result kept for all its occurrences, which are streamed with one
 * query. Distances are cached per site pair.
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "resfri-policy-check.h"
#include "resfri-store-private.h"

#define EARTH_RADIUS_KM 6371.0
#define LONG_TRIP_KM    100.0
#define LAZY_PEOPLE_SECONDS (24 * 3600)

typedef struct
{
  gint64  id;
  double  latitude;
  double  longitude;
  char   *folded_name;
} Site;

typedef struct
{
  gint64   id;
  gint64   site_id;
  gboolean vc;
} Room;

typedef struct
{
  gint64   id;
  gint64   site_id;
  gint64   unit_id;
  char    *email;
  gboolean has_headset;
  gboolean has_camera;
} Person;

typedef struct
{
  char       *summary;
  char       *organizer;
  gint64      organizer_id;
  gint64      organizer_unit_id;
  ResfriMode  mode;
  gint64      venue_site_id;
  gint64      venue_room_id;
  gboolean    venue_room_vc;
  char       *online_url;
  GArray     *attendees;       /* ResfriResolvedAttendee, emails owned by people */
  gboolean    has_travel;      /* some one-way distance exceeds local_km */
  double      travel_km;
  double      avoided_km;
  guint       trips_short;
  guint       trips_long;
} Meeting;

typedef struct
{
  ResfriStore        *store;
  const ResfriPolicy *policy;
  GArray             *sites;          /* Site */
  GHashTable         *site_index;     /* gint64 * id → index + 1 */
  double             *distances;      /* n × n, < 0 = not computed yet */
  GHashTable         *room_by_email;  /* lower-case email → Room * */
  GHashTable         *room_by_name;   /* casefolded name or alias → Room * */
  GPtrArray          *rooms;
  GHashTable         *people;         /* lower-case email → Person * */
  GHashTable         *not_people;     /* lower-case emails looked up and unknown */
  gboolean            lazy_people;    /* people are read as they are met */
  GHashTable         *exemptions;     /* "uid\nrecurrence-id" → reason */
  GHashTable         *exempt_uids;    /* uids with an exemption */
  GHashTable         *meetings;       /* gint64 * id → Meeting * */
} Resolver;

const char *
resfri_mode_to_string (ResfriMode mode)
{
  switch (mode)
    {
    case RESFRI_MODE_ONLINE:
      return "online";
    case RESFRI_MODE_HYBRID:
      return "hybrid";
    case RESFRI_MODE_IN_PERSON:
      return "in_person";
    case RESFRI_MODE_UNKNOWN:
    default:
      return "unknown";
    }
}

const char *
resfri_verdict_to_string (ResfriVerdict verdict)
{
  switch (verdict)
    {
    case RESFRI_VERDICT_TRAVEL_FREE:
      return "travel_free";
    case RESFRI_VERDICT_LOCAL:
      return "local";
    case RESFRI_VERDICT_EXEMPT:
      return "exempt";
    case RESFRI_VERDICT_NON_COMPLIANT:
      return "non_compliant";
    case RESFRI_VERDICT_UNKNOWN:
    default:
      return "unknown";
    }
}

const char *
resfri_verdict_get_label (ResfriVerdict verdict)
{
  switch (verdict)
    {
    case RESFRI_VERDICT_TRAVEL_FREE:
      return _("Travel-free");
    case RESFRI_VERDICT_LOCAL:
      return _("Local");
    case RESFRI_VERDICT_EXEMPT:
      return _("Exempt");
    case RESFRI_VERDICT_NON_COMPLIANT:
      return _("Non-compliant");
    case RESFRI_VERDICT_UNKNOWN:
    default:
      return _("Unknown");
    }
}

double
resfri_policy_great_circle (double lat_a,
                             double lon_a,
                             double lat_b,
                             double lon_b)
{
  double phi_a = lat_a * G_PI / 180.0;
  double phi_b = lat_b * G_PI / 180.0;
  double d_phi = (lat_b - lat_a) * G_PI / 180.0;
  double d_lambda = (lon_b - lon_a) * G_PI / 180.0;
  double h;

  /* Haversine: well conditioned for the short distances we meet. */
  h = sin (d_phi / 2) * sin (d_phi / 2) +
      cos (phi_a) * cos (phi_b) * sin (d_lambda / 2) * sin (d_lambda / 2);
  h = CLAMP (h, 0.0, 1.0);

  return 2.0 * EARTH_RADIUS_KM * asin (sqrt (h));
}

/* The distance table's km for a pair, or -1. */
static double
lookup_table_distance (ResfriStore *store,
                       gint64       a,
                       gint64       b)
{
  sqlite3_stmt *stmt;
  double km = -1;

  stmt = _resfri_store_prepare (store,
                                "SELECT km FROM distances WHERE from_site = ?1 AND to_site = ?2",
                                NULL);
  if (stmt == NULL)
    return -1;
  sqlite3_bind_int64 (stmt, 1, MIN (a, b));
  sqlite3_bind_int64 (stmt, 2, MAX (a, b));
  if (sqlite3_step (stmt) == SQLITE_ROW)
    km = sqlite3_column_double (stmt, 0);
  sqlite3_reset (stmt);

  return km;
}

static gboolean
lookup_site_position (ResfriStore *store,
                      gint64       id,
                      double      *latitude,
                      double      *longitude)
{
  sqlite3_stmt *stmt;
  gboolean found = FALSE;

  stmt = _resfri_store_prepare (store, "SELECT latitude, longitude FROM sites WHERE id = ?1", NULL);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      *latitude = sqlite3_column_double (stmt, 0);
      *longitude = sqlite3_column_double (stmt, 1);
      found = TRUE;
    }
  sqlite3_reset (stmt);

  return found;
}

double
resfri_policy_site_distance (ResfriStore        *store,
                              const ResfriPolicy *policy,
                              gint64              site_a,
                              gint64              site_b)
{
  g_autoptr(ResfriPolicy) loaded = NULL;
  double lat_a, lon_a, lat_b, lon_b;
  double km;

  g_return_val_if_fail (RESFRI_IS_STORE (store), 0);

  if (site_a == site_b)
    return 0;

  if ((km = lookup_table_distance (store, site_a, site_b)) >= 0)
    return km;

  if (!lookup_site_position (store, site_a, &lat_a, &lon_a) ||
      !lookup_site_position (store, site_b, &lat_b, &lon_b))
    return 0;

  if (policy == NULL)
    {
      if (!(loaded = resfri_policy_load (store, NULL)))
        loaded = resfri_policy_new_default ();
      policy = loaded;
    }

  return resfri_policy_great_circle (lat_a, lon_a, lat_b, lon_b) * policy->detour_factor;
}

/* Registers */

static void
site_clear (gpointer data)
{
  Site *site = data;

  g_free (site->folded_name);
}

static void
person_free (gpointer data)
{
  Person *person = data;

  g_free (person->email);
  g_free (person);
}

static void
meeting_free (gpointer data)
{
  Meeting *meeting = data;

  g_free (meeting->summary);
  g_free (meeting->organizer);
  g_free (meeting->online_url);
  g_array_unref (meeting->attendees);
  g_free (meeting);
}

static char *
fold (const char *text)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text));

  return g_utf8_casefold (trimmed, -1);
}

static gboolean
fail_query (ResfriStore   *store,
            sqlite3_stmt  *stmt,
            int            rc,
            GError       **error)
{
  if (rc != SQLITE_DONE)
    {
      _resfri_store_set_error (store, error, _("Cannot read the registers"));
      sqlite3_reset (stmt);
      return FALSE;
    }
  sqlite3_reset (stmt);
  return TRUE;
}

static const char *
column_text (sqlite3_stmt *stmt,
             int           column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);

  return (text != NULL && g_utf8_validate (text, -1, NULL)) ? text : NULL;
}

static gboolean
load_sites (Resolver  *r,
            GError   **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = _resfri_store_prepare (r->store,
                                "SELECT id, name, latitude, longitude FROM sites ORDER BY id",
                                error);
  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *name = column_text (stmt, 1);
      Site site = {
        .id = sqlite3_column_int64 (stmt, 0),
        .latitude = sqlite3_column_double (stmt, 2),
        .longitude = sqlite3_column_double (stmt, 3),
        .folded_name = name ? fold (name) : g_strdup (""),
      };

      g_array_append_val (r->sites, site);
    }
  if (!fail_query (r->store, stmt, rc, error))
    return FALSE;

  for (guint i = 0; i < r->sites->len; i++)
    g_hash_table_insert (r->site_index, &g_array_index (r->sites, Site, i).id,
                         GUINT_TO_POINTER (i + 1));

  r->distances = g_new (double, (gsize) r->sites->len * r->sites->len);
  for (gsize i = 0; i < (gsize) r->sites->len * r->sites->len; i++)
    r->distances[i] = -1;

  stmt = _resfri_store_prepare (r->store, "SELECT from_site, to_site, km FROM distances", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      guint a = GPOINTER_TO_UINT (g_hash_table_lookup (r->site_index,
                                                       &(gint64) { sqlite3_column_int64 (stmt, 0) }));
      guint b = GPOINTER_TO_UINT (g_hash_table_lookup (r->site_index,
                                                       &(gint64) { sqlite3_column_int64 (stmt, 1) }));
      double km = sqlite3_column_double (stmt, 2);

      if (a == 0 || b == 0)
        continue;
      r->distances[(a - 1) * r->sites->len + (b - 1)] = km;
      r->distances[(b - 1) * r->sites->len + (a - 1)] = km;
    }

  return fail_query (r->store, stmt, rc, error);
}

static double
resolver_distance (Resolver *r,
                   gint64    site_a,
                   gint64    site_b)
{
  guint a, b, n = r->sites->len;
  const Site *sa, *sb;
  double km;

  if (site_a == site_b)
    return 0;

  a = GPOINTER_TO_UINT (g_hash_table_lookup (r->site_index, &site_a));
  b = GPOINTER_TO_UINT (g_hash_table_lookup (r->site_index, &site_b));
  if (a == 0 || b == 0)
    return 0;
  a--;
  b--;

  if ((km = r->distances[a * n + b]) >= 0)
    return km;

  sa = &g_array_index (r->sites, Site, a);
  sb = &g_array_index (r->sites, Site, b);
  km = resfri_policy_great_circle (sa->latitude, sa->longitude, sb->latitude, sb->longitude) *
       r->policy->detour_factor;
  r->distances[a * n + b] = km;
  r->distances[b * n + a] = km;

  return km;
}

static gboolean
load_rooms (Resolver  *r,
            GError   **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = _resfri_store_prepare (r->store,
                                "SELECT id, site_id, vc, email, name FROM rooms ORDER BY id",
                                error);
  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Room *room = g_new0 (Room, 1);
      const char *email = column_text (stmt, 3);
      const char *name = column_text (stmt, 4);

      room->id = sqlite3_column_int64 (stmt, 0);
      room->site_id = sqlite3_column_int64 (stmt, 1);
      room->vc = sqlite3_column_int (stmt, 2) != 0;
      g_ptr_array_add (r->rooms, room);

      if (email != NULL && *email != '\0')
        {
          g_autofree char *key = g_strstrip (g_utf8_strdown (email, -1));

          if (!g_hash_table_contains (r->room_by_email, key))
            g_hash_table_insert (r->room_by_email, g_steal_pointer (&key), room);
        }
      if (name != NULL)
        {
          g_autofree char *key = fold (name);

          if (*key != '\0' && !g_hash_table_contains (r->room_by_name, key))
            g_hash_table_insert (r->room_by_name, g_steal_pointer (&key), room);
        }
    }
  if (!fail_query (r->store, stmt, rc, error))
    return FALSE;

  /* Names first (above), then aliases: a name wins over another room's
   * alias. */
  stmt = _resfri_store_prepare (r->store,
                                "SELECT a.alias, r.id FROM room_aliases a"
                                " JOIN rooms r ON r.id = a.room_id ORDER BY r.id, a.alias",
                                error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *alias = column_text (stmt, 0);
      gint64 room_id = sqlite3_column_int64 (stmt, 1);
      g_autofree char *key = NULL;

      if (alias == NULL)
        continue;
      key = fold (alias);
      if (*key == '\0' || g_hash_table_contains (r->room_by_name, key))
        continue;
      for (guint i = 0; i < r->rooms->len; i++)
        {
          Room *room = g_ptr_array_index (r->rooms, i);

          if (room->id == room_id)
            {
              g_hash_table_insert (r->room_by_name, g_steal_pointer (&key), room);
              break;
            }
        }
    }

  return fail_query (r->store, stmt, rc, error);
}

/* A working personal item of @type ("headset" or "camera"). */
static void
person_add_item (Person     *person,
                 const char *type)
{
  if (g_strcmp0 (type, "headset") == 0)
    person->has_headset = TRUE;
  else if (g_strcmp0 (type, "camera") == 0)
    person->has_camera = TRUE;
}

static gboolean
load_people (Resolver  *r,
             GError   **error)
{
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  sqlite3_stmt *stmt;
  int rc;

  stmt = _resfri_store_prepare (r->store,
                                "SELECT id, email, site_id, unit_id FROM people ORDER BY id",
                                error);
  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *email = column_text (stmt, 1);
      Person *person;
      Person *earlier;

      if (email == NULL)
        continue;
      person = g_new0 (Person, 1);
      person->id = sqlite3_column_int64 (stmt, 0);
      person->email = g_utf8_strdown (email, -1);
      person->site_id = sqlite3_column_int64 (stmt, 2);
      person->unit_id = sqlite3_column_int64 (stmt, 3);
      /* Two addresses that differ only in the case of a non-ASCII letter
       * (the NOCASE column lets both in) are one key: the later person
       * wins, and the earlier one, freed by the replace, must leave the
       * id index too. */
      if ((earlier = g_hash_table_lookup (r->people, person->email)) != NULL)
        g_hash_table_remove (by_id, &earlier->id);
      g_hash_table_replace (r->people, person->email, person);
      g_hash_table_insert (by_id, &person->id, person);
    }
  if (!fail_query (r->store, stmt, rc, error))
    return FALSE;

  stmt = _resfri_store_prepare (r->store,
                                "SELECT DISTINCT e.owner_id, t.name FROM equipment e"
                                " JOIN equipment_types t ON t.id = e.type_id"
                                " WHERE e.owner_id IS NOT NULL AND e.state = 'ok'"
                                "   AND t.name IN ('headset', 'camera')",
                                error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 owner = sqlite3_column_int64 (stmt, 0);
      const char *type = (const char *) sqlite3_column_text (stmt, 1);
      Person *person = g_hash_table_lookup (by_id, &owner);

      if (person != NULL)
        person_add_item (person, type);
    }

  return fail_query (r->store, stmt, rc, error);
}

/* One person, read when first met (Resolver.lazy_people): for a window of
 * a few hundred occurrences, a few indexed queries instead of reading every
 * person and personal item (60,000 of each on the largest demo; the New
 * Meeting window resolves its draft's hour at every change). The same
 * person as load_people() finds: the email compared as lower-case UTF-8,
 * the last of several matches (but for a stored email whose non-ASCII
 * letters lower-case to ASCII ones, such as the Kelvin sign, which an ASCII
 * key does not find through the NOCASE index). */
static gboolean
lookup_person_lazily (Resolver    *r,
                      const char  *key,
                      Person     **out,
                      GError     **error)
{
  Person *person = NULL;
  sqlite3_stmt *stmt;
  gboolean ascii = TRUE;
  int rc;

  *out = NULL;
  if (g_hash_table_contains (r->not_people, key))
    return TRUE;

  for (const char *c = key; *c != '\0'; c++)
    if ((guchar) *c >= 0x80)
      ascii = FALSE;

  /* The email column compares ASCII letters without case (NOCASE); other
   * letters only by a scan. */
  if (ascii)
    {
      stmt = _resfri_store_prepare (r->store,
                                    "SELECT id, email, site_id, unit_id FROM people"
                                    " WHERE email = ?1 ORDER BY id",
                                    error);
      if (stmt != NULL)
        sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
    }
  else
    stmt = _resfri_store_prepare (r->store,
                                  "SELECT id, email, site_id, unit_id FROM people ORDER BY id",
                                  error);
  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *email = column_text (stmt, 1);
      g_autofree char *folded = NULL;

      if (email == NULL || strcmp ((folded = g_utf8_strdown (email, -1)), key) != 0)
        continue;
      if (person == NULL)
        person = g_new0 (Person, 1);
      person->id = sqlite3_column_int64 (stmt, 0);
      person->site_id = sqlite3_column_int64 (stmt, 2);
      person->unit_id = sqlite3_column_int64 (stmt, 3);
    }
  if (!fail_query (r->store, stmt, rc, error))
    {
      g_free (person);
      return FALSE;
    }
  if (person == NULL)
    {
      g_hash_table_add (r->not_people, g_strdup (key));
      return TRUE;
    }
  person->email = g_strdup (key);
  g_hash_table_insert (r->people, person->email, person);

  stmt = _resfri_store_prepare (r->store,
                                "SELECT DISTINCT t.name FROM equipment e"
                                " JOIN equipment_types t ON t.id = e.type_id"
                                " WHERE e.owner_id = ?1 AND e.state = 'ok'"
                                "   AND t.name IN ('headset', 'camera')",
                                error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, person->id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      person_add_item (person, (const char *) sqlite3_column_text (stmt, 0));
    }
  if (!fail_query (r->store, stmt, rc, error))
    return FALSE;

  *out = person;
  return TRUE;
}

/* The person with the lower-case email @key, or NULL; FALSE on error. */
static gboolean
lookup_person (Resolver      *r,
               const char    *key,
               const Person **out,
               GError       **error)
{
  Person *person;

  if ((person = g_hash_table_lookup (r->people, key)) != NULL || !r->lazy_people)
    {
      *out = person;
      return TRUE;
    }
  if (!lookup_person_lazily (r, key, &person, error))
    return FALSE;
  *out = person;

  return TRUE;
}

static char *
exemption_key (const char *uid,
               const char *recurrence_id)
{
  return g_strconcat (uid, "\n", recurrence_id, NULL);
}

static gboolean
load_exemptions (Resolver  *r,
                 GError   **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = _resfri_store_prepare (r->store, "SELECT uid, recurrence_id, reason FROM exemptions",
                                error);
  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *uid = (const char *) sqlite3_column_text (stmt, 0);
      const char *recurrence_id = (const char *) sqlite3_column_text (stmt, 1);
      const char *reason = (const char *) sqlite3_column_text (stmt, 2);

      if (uid == NULL || recurrence_id == NULL || reason == NULL)
        continue;
      g_hash_table_replace (r->exemptions, exemption_key (uid, recurrence_id), g_strdup (reason));
      g_hash_table_add (r->exempt_uids, g_strdup (uid));
    }

  return fail_query (r->store, stmt, rc, error);
}

/* Meetings */

/* The site whose (casefolded) name @location equals or starts with,
 * followed by a character that is not a letter; the longest such name. */
static const Site *
match_site_prefix (Resolver   *r,
                   const char *location)
{
  const Site *best = NULL;
  gsize best_len = 0;

  for (guint i = 0; i < r->sites->len; i++)
    {
      const Site *site = &g_array_index (r->sites, Site, i);
      gsize len = strlen (site->folded_name);

      if (len == 0 || len <= best_len || strncmp (location, site->folded_name, len) != 0)
        continue;
      if (location[len] != '\0' && g_unichar_isalpha (g_utf8_get_char (location + len)))
        continue;
      best = site;
      best_len = len;
    }

  return best;
}

static void
resolve_venue (Resolver    *r,
               Meeting     *m,
               const char  *location,
               GPtrArray   *room_emails)
{
  g_autofree char *folded = NULL;
  const Site *site;
  const Room *room = NULL;

  for (guint i = 0; room == NULL && i < room_emails->len; i++)
    room = g_hash_table_lookup (r->room_by_email, g_ptr_array_index (room_emails, i));

  if (room == NULL && location != NULL)
    {
      folded = fold (location);
      room = g_hash_table_lookup (r->room_by_name, folded);
    }

  if (room != NULL)
    {
      m->venue_room_id = room->id;
      m->venue_site_id = room->site_id;
      m->venue_room_vc = room->vc;
      return;
    }

  if (folded != NULL && (site = match_site_prefix (r, folded)) != NULL)
    m->venue_site_id = site->id;
}

static void
add_attendee (Resolver      *r,
              Meeting       *m,
              const Person  *person)
{
  ResfriResolvedAttendee attendee = { 0, };

  for (guint i = 0; i < m->attendees->len; i++)
    if (g_array_index (m->attendees, ResfriResolvedAttendee, i).person_id == person->id)
      return;

  attendee.person_id = person->id;
  attendee.email = person->email;
  attendee.home_site_id = person->site_id;
  attendee.unit_id = person->unit_id;
  attendee.has_headset = person->has_headset;
  attendee.has_camera = person->has_camera;
  g_array_append_val (m->attendees, attendee);
}

/* Round trips of every attendee to @site, in km. */
static double
round_trips_to (Resolver *r,
                Meeting  *m,
                gint64    site)
{
  double km = 0;

  for (guint i = 0; i < m->attendees->len; i++)
    {
      const ResfriResolvedAttendee *a = &g_array_index (m->attendees, ResfriResolvedAttendee, i);

      if (a->home_site_id != site)
        km += 2 * resolver_distance (r, a->home_site_id, site);
    }

  return km;
}

static Meeting *
resolve_meeting (Resolver      *r,
                 gint64         meeting_id,
                 GError       **error)
{
  g_autoptr(GPtrArray) room_emails = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *location = NULL;
  g_autofree char *organizer = NULL;
  Meeting *m = g_new0 (Meeting, 1);
  const Person *organizer_person = NULL;
  sqlite3_stmt *stmt;
  int rc;

  m->attendees = g_array_new (FALSE, FALSE, sizeof (ResfriResolvedAttendee));
  g_hash_table_insert (r->meetings, g_memdup2 (&meeting_id, sizeof meeting_id), m);

  stmt = _resfri_store_prepare (r->store,
                                "SELECT organizer, summary, location, online_url FROM meetings"
                                " WHERE id = ?1",
                                error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, meeting_id);
  if ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *url = column_text (stmt, 3);

      organizer = g_strdup (column_text (stmt, 0));
      m->summary = g_strdup (column_text (stmt, 1));
      location = g_strdup (column_text (stmt, 2));
      m->online_url = (url != NULL && *url != '\0') ? g_strdup (url) : NULL;
      rc = SQLITE_DONE;
    }
  if (!fail_query (r->store, stmt, rc, error))
    return NULL;

  if (organizer != NULL && *organizer != '\0')
    {
      g_autofree char *key = g_utf8_strdown (organizer, -1);

      m->organizer = g_strdup (organizer);
      if (!lookup_person (r, key, &organizer_person, error))
        return NULL;
    }
  if (organizer_person != NULL)
    {
      m->organizer_id = organizer_person->id;
      m->organizer_unit_id = organizer_person->unit_id;
      add_attendee (r, m, organizer_person);
    }

  stmt = _resfri_store_prepare (r->store,
                                "SELECT email, cutype, partstat FROM attendees WHERE meeting_id = ?1",
                                error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, meeting_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *email = column_text (stmt, 0);
      const char *cutype = column_text (stmt, 1);
      const char *partstat = column_text (stmt, 2);
      g_autofree char *key = NULL;
      const Person *person;

      if (email == NULL)
        continue;
      key = g_utf8_strdown (email, -1);

      if (cutype != NULL && g_ascii_strcasecmp (cutype, "ROOM") == 0)
        {
          g_ptr_array_add (room_emails, g_steal_pointer (&key));
          continue;
        }
      if (cutype != NULL && *cutype != '\0' && g_ascii_strcasecmp (cutype, "INDIVIDUAL") != 0)
        continue;
      if (partstat != NULL && g_ascii_strcasecmp (partstat, "DECLINED") == 0)
        continue;
      if (!lookup_person (r, key, &person, error))
        {
          sqlite3_reset (stmt);
          return NULL;
        }
      if (person != NULL)
        add_attendee (r, m, person);
    }
  if (!fail_query (r->store, stmt, rc, error))
    return NULL;

  g_ptr_array_sort (room_emails, (GCompareFunc) g_strcmp0);
  resolve_venue (r, m, location, room_emails);

  if (m->online_url != NULL)
    m->mode = m->venue_site_id != 0 ? RESFRI_MODE_HYBRID : RESFRI_MODE_ONLINE;
  else
    m->mode = m->venue_site_id != 0 ? RESFRI_MODE_IN_PERSON : RESFRI_MODE_UNKNOWN;

  for (guint i = 0; i < m->attendees->len; i++)
    {
      ResfriResolvedAttendee *a = &g_array_index (m->attendees, ResfriResolvedAttendee, i);

      if (m->venue_site_id != 0)
        a->one_way_km = resolver_distance (r, a->home_site_id, m->venue_site_id);
      if (a->one_way_km > r->policy->local_km)
        m->has_travel = TRUE;
    }

  switch (m->mode)
    {
    case RESFRI_MODE_IN_PERSON:
      for (guint i = 0; i < m->attendees->len; i++)
        {
          const ResfriResolvedAttendee *a = &g_array_index (m->attendees,
                                                            ResfriResolvedAttendee, i);

          if (a->home_site_id == m->venue_site_id)
            continue;
          m->travel_km += 2 * a->one_way_km;
          if (a->one_way_km < LONG_TRIP_KM)
            m->trips_short++;
          else
            m->trips_long++;
        }
      break;

    case RESFRI_MODE_HYBRID:
      m->avoided_km = round_trips_to (r, m, m->venue_site_id);
      break;

    case RESFRI_MODE_ONLINE:
      if (organizer_person != NULL)
        m->avoided_km = round_trips_to (r, m, organizer_person->site_id);
      break;

    case RESFRI_MODE_UNKNOWN:
    default:
      break;
    }

  return m;
}

static void
resolver_clear (Resolver *r)
{
  g_clear_pointer (&r->sites, g_array_unref);
  g_clear_pointer (&r->site_index, g_hash_table_unref);
  g_clear_pointer (&r->distances, g_free);
  g_clear_pointer (&r->room_by_email, g_hash_table_unref);
  g_clear_pointer (&r->room_by_name, g_hash_table_unref);
  g_clear_pointer (&r->rooms, g_ptr_array_unref);
  g_clear_pointer (&r->people, g_hash_table_unref);
  g_clear_pointer (&r->not_people, g_hash_table_unref);
  g_clear_pointer (&r->exemptions, g_hash_table_unref);
  g_clear_pointer (&r->exempt_uids, g_hash_table_unref);
  g_clear_pointer (&r->meetings, g_hash_table_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Resolver, resolver_clear)

gboolean
resfri_policy_check_occurrences (ResfriStore         *store,
                            const ResfriPolicy  *policy,
                            gint64               from,
                            gint64               to,
                            ResfriPolicyCheckFunc    func,
                            gpointer             user_data,
                            GCancellable        *cancellable,
                            GError             **error)
{
  g_auto(Resolver) r = { 0, };
  g_autoptr(ResfriPolicy) loaded = NULL;
  sqlite3_stmt *stmt;
  gboolean everything = (from == 0 && to == 0);
  guint count = 0;
  int rc;

  g_return_val_if_fail (RESFRI_IS_STORE (store), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (policy == NULL)
    {
      if (!(loaded = resfri_policy_load (store, error)))
        return FALSE;
      policy = loaded;
    }

  r.store = store;
  r.policy = policy;
  r.sites = g_array_new (FALSE, FALSE, sizeof (Site));
  g_array_set_clear_func (r.sites, site_clear);
  r.site_index = g_hash_table_new (g_int64_hash, g_int64_equal);
  r.room_by_email = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  r.room_by_name = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  r.rooms = g_ptr_array_new_with_free_func (g_free);
  r.people = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, person_free);
  r.not_people = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  /* A window of up to a day (the New Meeting window's draft, a meeting's
   * detail) meets few people: they are read as they are met. */
  r.lazy_people = !everything && to > from && to - from <= LAZY_PEOPLE_SECONDS;
  r.exemptions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  r.exempt_uids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  r.meetings = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, meeting_free);

  if (!load_sites (&r, error) || !load_rooms (&r, error) ||
      (!r.lazy_people && !load_people (&r, error)) || !load_exemptions (&r, error))
    return FALSE;

  if (everything)
    stmt = _resfri_store_prepare (store,
                                  "SELECT id, uid, recurrence_id, start, end, meeting_id"
                                  " FROM occurrences WHERE cancelled = 0"
                                  " ORDER BY start, uid, recurrence_id",
                                  error);
  else
    {
      gint64 longest;
      gint64 lower;

      /* A range of the start index: an occurrence that intersects the
       * window starts at most the longest occurrence's length before it. */
      if ((longest = _resfri_store_query_int (store,
                                              "SELECT coalesce (max (end - start), 0)"
                                              " FROM occurrences",
                                              error)) < 0)
        return FALSE;
      lower = from > G_MININT64 + longest ? from - longest : G_MININT64;
      stmt = _resfri_store_prepare (store,
                                    "SELECT id, uid, recurrence_id, start, end, meeting_id"
                                    " FROM occurrences"
                                    " WHERE start >= ?1 AND start < ?3 AND cancelled = 0"
                                    "   AND (end > ?2 OR start >= ?2)"
                                    " ORDER BY start, uid, recurrence_id",
                                    error);
      if (stmt != NULL)
        {
          sqlite3_bind_int64 (stmt, 1, lower);
          sqlite3_bind_int64 (stmt, 2, from);
          sqlite3_bind_int64 (stmt, 3, to);
        }
    }
  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ResfriResolvedOccurrence o = { 0, };
      gint64 meeting_id = sqlite3_column_int64 (stmt, 5);
      const char *exemption = NULL;
      const Meeting *m;
      double km;

      if ((++count & 0x3ff) == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          sqlite3_reset (stmt);
          return FALSE;
        }

      o.occurrence_id = sqlite3_column_int64 (stmt, 0);
      o.uid = (const char *) sqlite3_column_text (stmt, 1);
      o.recurrence_id = (const char *) sqlite3_column_text (stmt, 2);
      o.start = sqlite3_column_int64 (stmt, 3);
      o.end = sqlite3_column_int64 (stmt, 4);

      if (!(m = g_hash_table_lookup (r.meetings, &meeting_id)) &&
          !(m = resolve_meeting (&r, meeting_id, error)))
        {
          sqlite3_reset (stmt);
          return FALSE;
        }

      if (o.uid != NULL && o.recurrence_id != NULL && g_hash_table_contains (r.exempt_uids, o.uid))
        {
          g_autofree char *own = exemption_key (o.uid, o.recurrence_id);

          if (!(exemption = g_hash_table_lookup (r.exemptions, own)) && *o.recurrence_id != '\0')
            {
              g_autofree char *whole = exemption_key (o.uid, "");

              exemption = g_hash_table_lookup (r.exemptions, whole);
            }
        }

      o.summary = m->summary;
      o.organizer = m->organizer;
      o.organizer_id = m->organizer_id;
      o.organizer_unit_id = m->organizer_unit_id;
      o.mode = m->mode;
      o.venue_site_id = m->venue_site_id;
      o.venue_room_id = m->venue_room_id;
      o.venue_room_vc = m->venue_room_vc;
      o.online_url = m->online_url;
      o.attendees = (const ResfriResolvedAttendee *) m->attendees->data;
      o.n_attendees = m->attendees->len;
      o.exemption = exemption;

      switch (m->mode)
        {
        case RESFRI_MODE_ONLINE:
        case RESFRI_MODE_HYBRID:
          o.verdict = RESFRI_VERDICT_TRAVEL_FREE;
          break;
        case RESFRI_MODE_IN_PERSON:
          if (!m->has_travel)
            o.verdict = RESFRI_VERDICT_LOCAL;
          else if (exemption != NULL)
            o.verdict = RESFRI_VERDICT_EXEMPT;
          else
            o.verdict = RESFRI_VERDICT_NON_COMPLIANT;
          break;
        case RESFRI_MODE_UNKNOWN:
        default:
          o.verdict = RESFRI_VERDICT_UNKNOWN;
          break;
        }

      km = m->travel_km;
      o.travel_km = km;
      o.travel_co2_kg = km * policy->co2_kg_per_km;
      o.travel_cost_sek = km * policy->cost_per_km;
      o.travel_hours = km / policy->speed_kmh;
      km = m->avoided_km;
      o.avoided_km = km;
      o.avoided_co2_kg = km * policy->co2_kg_per_km;
      o.avoided_cost_sek = km * policy->cost_per_km;
      o.avoided_hours = km / policy->speed_kmh;
      o.trips_short = m->trips_short;
      o.trips_long = m->trips_long;

      if (!func (&o, user_data))
        {
          sqlite3_reset (stmt);
          return TRUE;
        }
    }

  if (rc != SQLITE_DONE)
    {
      _resfri_store_set_error (store, error, _("Cannot read the occurrences"));
      sqlite3_reset (stmt);
      return FALSE;
    }
  sqlite3_reset (stmt);

  return TRUE;
}

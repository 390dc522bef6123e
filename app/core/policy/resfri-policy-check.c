/* resfri-policy-check.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The policy check of spec/policy.md: venue, link, mode, attendees and
 * verdict of every occurrence in a window. The registers' snapshot
 * (resfri-registers.h) and the exemptions are read once per call; each
 * meeting row is resolved once and its result kept for all its
 * occurrences, which are streamed with one query. A long window's
 * meetings are all resolved ahead (resfri-policy-meetings.c).
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "resfri-calendar-private.h"
#include "resfri-exemption.h"
#include "resfri-policy-check.h"
#include "resfri-policy-private.h"
#include "resfri-policy-reader-private.h"
#include "resfri-policy-resolver-private.h"
#include "resfri-registers.h"
#include "resfri-retention-private.h"
#include "resfri-store-private.h"

#define LONG_TRIP_KM    100.0
#define LAZY_PEOPLE_SECONDS (24 * 3600)
#define PRELOAD_SECONDS     (31 * 24 * 3600)

/* Meeting and Resolver: resfri-policy-resolver-private.h */

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

/* The distance table's km, else the great circle's times the detour
 * factor (spec/policy.md). For one pair; the check itself reads the
 * registers once and asks them. */
double
resfri_policy_site_distance (ResfriStore        *store,
                             const ResfriPolicy *policy,
                             gint64              site_a,
                             gint64              site_b)
{
  g_autoptr(ResfriPolicy) loaded = NULL;
  g_autoptr(ResfriRegisters) registers = NULL;

  g_return_val_if_fail (RESFRI_IS_STORE (store), 0);

  if (site_a == site_b || !(registers = resfri_registers_load (store, 0, NULL)))
    return 0;

  if (policy == NULL)
    {
      if (!(loaded = resfri_policy_load (store, NULL)))
        loaded = resfri_policy_new_default ();
      policy = loaded;
    }

  return resfri_registers_distance (registers, site_a, site_b, policy->detour_factor);
}

void
_resfri_policy_meeting_free (gpointer data)
{
  Meeting *meeting = data;

  if (meeting == NULL)
    return;
  g_free (meeting->summary);
  g_free (meeting->organizer);
  g_free (meeting->online_url);
  g_free (meeting->uid);
  g_array_unref (meeting->attendees);
  g_free (meeting);
}

/* @text when it is valid UTF-8, else NULL. */
static const char *
valid_text (const char *text)
{
  const char *p = text;

  if (text == NULL)
    return NULL;
  /* ASCII, most text, without a call */
  while ((guchar) *p - 1u < 0x7fu)
    p++;
  if (*p == '\0')
    return text;
  return g_utf8_validate (p, -1, NULL) ? text : NULL;
}

/* Frees *@text and sets it to NULL unless it is valid UTF-8. */
void
_resfri_policy_drop_invalid (char **text)
{
  if (*text != NULL && valid_text (*text) == NULL)
    g_clear_pointer (text, g_free);
}

/* Whether g_utf8_strdown() lowers the letters of Latin-1 (U+0000–U+00FF)
 * one for one, as it does but in a Turkic locale (a dotless 'ı' for 'I')
 * or a Lithuanian one (a dot kept above 'Ì'). */
static gboolean
latin1_down_is_simple (void)
{
  g_autofree char *i = g_utf8_strdown ("I", -1);
  g_autofree char *i_grave = g_utf8_strdown ("\xc3\x8c", -1);

  return strcmp (i, "i") == 0 && strcmp (i_grave, "\xc3\xac") == 0;
}

/* Valid UTF-8 @text (an address, the key of the people) as
 * g_utf8_strdown() lowers it; text in Latin-1, most addresses, without
 * its tables: A–Z and U+00C0–U+00DE but '×' gain 0x20. */
static char *
email_down (const Resolver *r,
            const char     *text)
{
  gsize len = strlen (text);
  char *down;

  if (!r->latin1_down)
    return g_utf8_strdown (text, -1);
  down = g_malloc (len + 1);
  for (gsize i = 0; i < len; i++)
    {
      guchar c = (guchar) text[i];
      guchar next;

      if (c < 0x80)
        {
          down[i] = (c >= 'A' && c <= 'Z') ? c + 0x20 : c;
          continue;
        }
      if (c != 0xc2 && c != 0xc3)
        {
          g_free (down);
          return g_utf8_strdown (text, -1);
        }
      next = (guchar) text[i + 1];
      down[i] = c;
      down[i + 1] = (c == 0xc3 && next <= 0x9e && next != 0x97) ? next + 0x20 : next;
      i++;
    }
  down[len] = '\0';

  return down;
}

static double
resolver_distance (Resolver *r,
                   gint64    site_a,
                   gint64    site_b)
{
  return resfri_registers_distance (r->registers, site_a, site_b, r->policy->detour_factor);
}

static char *
exemption_key (const char *uid,
               const char *recurrence_id)
{
  return g_strconcat (uid, "\n", recurrence_id, NULL);
}

/* The bits of a filter of the uids with an exemption: most uids a check
 * meets have none, and telling so from the filter is a few instructions
 * where the table's hash of the whole uid is many. */
#define EXEMPT_FILTER_BITS 65536

/* @uid's bit in the filter: a mix of its length and its first and last
 * eight bytes (a uid's domain alone is the same for many). */
static guint
uid_filter_bit (const char *uid)
{
  gsize len = strlen (uid);
  guint64 head = 0;
  guint64 tail = 0;
  guint64 h;

  memcpy (&head, uid, MIN (len, 8));
  memcpy (&tail, uid + (len > 8 ? len - 8 : 0), MIN (len, 8));
  h = head * G_GUINT64_CONSTANT (0x9E3779B97F4A7C15) ^
      tail * G_GUINT64_CONSTANT (0xC2B2AE3D27D4EB4F) ^ len;
  h ^= h >> 29;
  h *= G_GUINT64_CONSTANT (0xBF58476D1CE4E5B9);

  return (guint) (h >> 48) & (EXEMPT_FILTER_BITS - 1);
}

static void
add_exemption (const char *uid,
               const char *recurrence_id,
               const char *reason,
               const char *note,
               gpointer    user_data)
{
  Resolver *r = user_data;
  guint bit;

  if (uid == NULL || recurrence_id == NULL || reason == NULL)
    return;
  g_hash_table_replace (r->exemptions, exemption_key (uid, recurrence_id), g_strdup (reason));
  g_hash_table_add (r->exempt_uids, g_strdup (uid));
  if (r->exempt_filter == NULL)
    r->exempt_filter = g_new0 (guint64, EXEMPT_FILTER_BITS / 64);
  bit = uid_filter_bit (uid);
  r->exempt_filter[bit / 64] |= G_GUINT64_CONSTANT (1) << (bit % 64);
}

/* Meetings */

/* @m as meeting row @meeting_id's resolution, replacing any before. */
void
_resfri_policy_store_meeting (Resolver *r,
                              gint64    meeting_id,
                              Meeting  *m)
{
  if (r->by_id != NULL && meeting_id >= 0 && meeting_id < r->by_id->len)
    {
      g_clear_pointer (&g_ptr_array_index (r->by_id, meeting_id), _resfri_policy_meeting_free);
      g_ptr_array_index (r->by_id, meeting_id) = m;
    }
  else
    g_hash_table_replace (r->meetings, g_memdup2 (&meeting_id, sizeof meeting_id), m);
}

static Meeting *
lookup_meeting (Resolver *r,
                gint64    meeting_id)
{
  if (r->by_id != NULL && meeting_id >= 0 && meeting_id < r->by_id->len)
    return g_ptr_array_index (r->by_id, meeting_id);

  return g_hash_table_lookup (r->meetings, &meeting_id);
}

/* resfri_registers_fold() of @location, kept: many meetings share one. */
static const char *
fold_location (Resolver   *r,
               const char *location)
{
  char *folded;

  if (r->folded == NULL)
    r->folded = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  if ((folded = g_hash_table_lookup (r->folded, location)) == NULL)
    {
      folded = resfri_registers_fold (location);
      g_hash_table_insert (r->folded, g_strdup (location), folded);
    }

  return folded;
}

static void
resolve_venue (Resolver    *r,
               Meeting     *m,
               const char  *location,
               GPtrArray   *room_emails)
{
  const char *folded = NULL;
  const ResfriRegisterSite *site;
  const ResfriRegisterRoom *room = NULL;

  for (guint i = 0; room == NULL && i < room_emails->len; i++)
    room = resfri_registers_find_room_by_email (r->registers, g_ptr_array_index (room_emails, i));

  if (room == NULL && location != NULL)
    {
      folded = fold_location (r, location);
      room = resfri_registers_find_room_by_name (r->registers, folded);
    }

  if (room != NULL)
    {
      m->venue_room_id = room->id;
      m->venue_site_id = room->site_id;
      m->venue_room_vc = room->vc;
      return;
    }

  if (folded != NULL && (site = resfri_registers_match_site_prefix (r->registers, folded)) != NULL)
    m->venue_site_id = site->id;
}

static void
add_attendee (Resolver      *r,
              Meeting       *m,
              const ResfriRegisterPerson *person)
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

/* g_ptr_array_sort() passes pointers to the elements. */
static int
compare_emails (gconstpointer a,
                gconstpointer b)
{
  return g_strcmp0 (*(char * const *) a, *(char * const *) b);
}

/* AttendeeScan: resfri-policy-resolver-private.h */

/* A string's hash from eight bytes at a time (g_str_hash() takes one):
 * Resolver.attendees hashes every ATTENDEE row's address. */
static guint
address_hash (gconstpointer key)
{
  const char *p = key;
  gsize len = strlen (p);
  guint64 h = len * G_GUINT64_CONSTANT (0x9e3779b97f4a7c15);
  guint64 w;

  for (; len >= 8; p += 8, len -= 8)
    {
      memcpy (&w, p, 8);
      h = (h ^ w) * G_GUINT64_CONSTANT (0xff51afd7ed558ccd);
      h ^= h >> 32;
    }
  w = 0;
  memcpy (&w, p, len);
  h = (h ^ w) * G_GUINT64_CONSTANT (0xc4ceb9fe1a85ec53);

  return (guint) (h ^ (h >> 32));
}

/* Resolver.attendees' value for an address of nobody in the register. */
static const ResfriRegisterPerson no_person;

/* An ATTENDEE row: a room for the venue, or an internal attendee. */
gboolean
_resfri_policy_scan_attendee (const char  *raw_email,
                              const char  *raw_cutype,
                              const char  *raw_partstat,
                              gpointer     user_data,
                              GError     **error)
{
  AttendeeScan *scan = user_data;
  const char *email = valid_text (raw_email);
  const char *cutype = valid_text (raw_cutype);
  const char *partstat = valid_text (raw_partstat);
  Resolver *r = scan->r;
  g_autofree char *key = NULL;
  const ResfriRegisterPerson *person;

  if (email == NULL)
    return TRUE;

  if (cutype != NULL && g_ascii_strcasecmp (cutype, "ROOM") == 0)
    {
      g_ptr_array_add (scan->room_emails, email_down (r, email));
      return TRUE;
    }
  if (cutype != NULL && *cutype != '\0' && g_ascii_strcasecmp (cutype, "INDIVIDUAL") != 0)
    return TRUE;
  if (partstat != NULL && g_ascii_strcasecmp (partstat, "DECLINED") == 0)
    return TRUE;
  if (r->attendees == NULL)
    r->attendees = g_hash_table_new_full (address_hash, g_str_equal, g_free, NULL);
  if ((person = g_hash_table_lookup (r->attendees, email)) != NULL)
    person = person != &no_person ? person : NULL;
  else
    {
      key = email_down (r, email);
      if (!resfri_registers_find_person (r->registers, key, &person, error))
        return FALSE;
      g_hash_table_insert (r->attendees, g_strdup (email),
                           (gpointer) (person != NULL ? person : &no_person));
    }
  if (person != NULL)
    add_attendee (scan->r, scan->m, person);
  else
    scan->m->n_unregistered++;

  return TRUE;
}

/* A new Meeting for row @meeting_id, kept in r->meetings, with its
 * organiser (they count as an internal attendee) and summary and link;
 * its attendees follow, then _resfri_policy_resolve_finish(). */
Meeting *
_resfri_policy_resolve_begin (Resolver    *r,
                              gint64       meeting_id,
                              char        *organizer,
                              char        *summary,
                              char        *online_url,
                              GError     **error)
{
  Meeting *m = g_new0 (Meeting, 1);
  const ResfriRegisterPerson *organizer_person = NULL;

  m->attendees = g_array_new (FALSE, FALSE, sizeof (ResfriResolvedAttendee));
  _resfri_policy_store_meeting (r, meeting_id, m);

  _resfri_policy_drop_invalid (&organizer);
  _resfri_policy_drop_invalid (&summary);
  _resfri_policy_drop_invalid (&online_url);
  m->summary = summary;
  m->online_url = online_url;
  if (m->online_url != NULL && *m->online_url == '\0')
    g_clear_pointer (&m->online_url, g_free);

  if (organizer != NULL && *organizer != '\0')
    {
      g_autofree char *key = email_down (r, organizer);

      m->organizer = organizer;
      organizer = NULL;
      if (!resfri_registers_find_person (r->registers, key, &organizer_person, error))
        return NULL;
    }
  g_free (organizer);
  if (m->organizer == NULL)
    ;
  else if (organizer_person == NULL)
    m->n_unregistered++;
  else
    {
      m->organizer_id = organizer_person->id;
      m->organizer_unit_id = organizer_person->unit_id;
      m->organizer_site_id = organizer_person->site_id;
      add_attendee (r, m, organizer_person);
    }

  return m;
}

void
_resfri_policy_resolve_venue (Resolver    *r,
                              Meeting     *m,
                              const char  *location,
                              GPtrArray   *room_emails)
{
  g_ptr_array_sort (room_emails, compare_emails);
  resolve_venue (r, m, location, room_emails);

  if (m->online_url != NULL)
    m->mode = m->venue_site_id != 0 ? RESFRI_MODE_HYBRID : RESFRI_MODE_ONLINE;
  else
    m->mode = m->venue_site_id != 0 ? RESFRI_MODE_IN_PERSON : RESFRI_MODE_UNKNOWN;
}

void
_resfri_policy_resolve_travel (Resolver *r,
                               Meeting  *m)
{
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
      if (m->organizer_id != 0)
        m->avoided_km = round_trips_to (r, m, m->organizer_site_id);
      break;

    case RESFRI_MODE_UNKNOWN:
    default:
      break;
    }
}

void
_resfri_policy_resolve_finish (Resolver    *r,
                               Meeting     *m,
                               const char  *location,
                               GPtrArray   *room_emails)
{
  _resfri_policy_resolve_venue (r, m, location, room_emails);
  _resfri_policy_resolve_travel (r, m);
}

/* Meeting row @meeting_id, read and resolved on its own. */
static Meeting *
resolve_meeting (Resolver      *r,
                 gint64         meeting_id,
                 GError       **error)
{
  g_autoptr(GPtrArray) room_emails = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *location = NULL;
  char *organizer = NULL;
  char *summary = NULL;
  char *online_url = NULL;
  Meeting *m;
  AttendeeScan scan = { r, NULL, room_emails };

  /* A failed read leaves the strings NULL; _resfri_policy_resolve_begin()
   * takes them. */
  if (!_resfri_calendar_read_meeting (r->store, meeting_id, &organizer, &summary, &location,
                                      &online_url, error) ||
      !(m = _resfri_policy_resolve_begin (r, meeting_id, organizer, summary, online_url, error)))
    return NULL;
  _resfri_policy_drop_invalid (&location);
  scan.m = m;
  if (!_resfri_calendar_foreach_attendee (r->store, meeting_id, _resfri_policy_scan_attendee,
                                          &scan, error))
    return NULL;
  _resfri_policy_resolve_finish (r, m, location, room_emails);

  return m;
}

/* A purged meeting (privacy/resfri-retention.c): the facts kept for it
 * stand for its resolution; it has no organiser, summary or attendees. */
static void
add_retained_meeting (gint64                          meeting_id,
                      const ResfriResolvedOccurrence *facts,
                      gpointer                        user_data)
{
  Resolver *r = user_data;
  Meeting *m = g_new0 (Meeting, 1);

  m->attendees = g_array_new (FALSE, FALSE, sizeof (ResfriResolvedAttendee));
  m->organizer_unit_id = facts->organizer_unit_id;
  m->mode = facts->mode;
  m->venue_site_id = facts->venue_site_id;
  m->venue_room_id = facts->venue_room_id;
  m->venue_room_vc = facts->venue_room_vc;
  m->has_travel = facts->verdict != RESFRI_VERDICT_LOCAL;
  m->travel_km = facts->travel_km;
  m->avoided_km = facts->avoided_km;
  m->trips_short = facts->trips_short;
  m->trips_long = facts->trips_long;
  m->n_unregistered = facts->n_unregistered;
  _resfri_policy_store_meeting (r, meeting_id, m);
}

void
_resfri_policy_resolver_clear (Resolver *r)
{
  g_clear_pointer (&r->registers, resfri_registers_unref);
  g_clear_pointer (&r->exemptions, g_hash_table_unref);
  g_clear_pointer (&r->exempt_uids, g_hash_table_unref);
  g_clear_pointer (&r->exempt_filter, g_free);
  g_clear_pointer (&r->folded, g_hash_table_unref);
  g_clear_pointer (&r->attendees, g_hash_table_unref);
  g_clear_pointer (&r->meetings, g_hash_table_unref);
  g_clear_pointer (&r->by_id, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Resolver, _resfri_policy_resolver_clear)

static gpointer
clear_thread (gpointer data)
{
  Resolver *r = data;

  _resfri_policy_resolver_clear (r);
  g_free (r);

  return NULL;
}

/* @r cleared, its tables freed on a thread of their own: a long window's
 * resolved meetings are hundreds of thousands of blocks, whose freeing
 * the caller, who has what it needs of them, need not wait for. The
 * registers are let go here (their last reference may hold a store,
 * which is this thread's). */
static void
resolver_clear_later (Resolver *r)
{
  Resolver *copy;
  GThread *thread;

  g_clear_pointer (&r->registers, resfri_registers_unref);
  copy = g_memdup2 (r, sizeof *r);
  memset (r, 0, sizeof *r);
  if ((thread = g_thread_try_new ("resfri-check-free", clear_thread, copy, NULL)) != NULL)
    g_thread_unref (thread);
  else
    clear_thread (copy);
}

/* Whether an exemption names @uid, an occurrence's of @m: asked once
 * for the uid its occurrences share, not once per occurrence. */
static gboolean
has_exemption (Resolver   *r,
               Meeting    *m,
               const char *uid)
{
  if (g_hash_table_size (r->exempt_uids) == 0)
    return FALSE;
  /* Two threads would write the meeting's cache at once: the filter
   * first, where most uids are found to have no exemption. */
  if (r->shared)
    {
      guint bit = uid_filter_bit (uid);

      return (r->exempt_filter[bit / 64] & (G_GUINT64_CONSTANT (1) << (bit % 64))) != 0 &&
             g_hash_table_contains (r->exempt_uids, uid);
    }
  if (m->uid != NULL && strcmp (m->uid, uid) == 0)
    return m->uid_exempt;
  if (m->uid != NULL)
    return g_hash_table_contains (r->exempt_uids, uid);
  m->uid = g_strdup (uid);
  m->uid_exempt = g_hash_table_contains (r->exempt_uids, uid);

  return m->uid_exempt;
}

/* One stored occurrence: resolved (its meeting once) and given to the
 * caller's function. */
static gboolean
check_occurrence (const ResfriStoredOccurrence  *stored,
                  gpointer                       user_data,
                  GError                       **error)
{
  Resolver *r = user_data;
  const ResfriPolicy *policy = r->policy;
  ResfriResolvedOccurrence o = { 0, };
  gint64 meeting_id = stored->meeting_id;
  const char *exemption = NULL;
  Meeting *m;
  double km;

  o.occurrence_id = stored->id;
  o.meeting_id = meeting_id;
  o.uid = stored->uid;
  o.recurrence_id = stored->recurrence_id;
  o.start = stored->start;
  o.end = stored->end;

  if (!(m = lookup_meeting (r, meeting_id)) &&
      !(m = resolve_meeting (r, meeting_id, error)))
    return FALSE;

  if (o.uid != NULL && o.recurrence_id != NULL && has_exemption (r, m, o.uid))
    {
      g_autofree char *own = exemption_key (o.uid, o.recurrence_id);

      if (!(exemption = g_hash_table_lookup (r->exemptions, own)) && *o.recurrence_id != '\0')
        {
          g_autofree char *whole = exemption_key (o.uid, "");

          exemption = g_hash_table_lookup (r->exemptions, whole);
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
  o.n_unregistered = m->n_unregistered;
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

  return r->func (&o, r->user_data);
}

/* @stored's meeting resolved, if it was not (a meeting row stored after
 * the others were read): what a shared resolver's check_occurrence()
 * would otherwise change. Then, with r->shared, check_occurrence() only
 * reads the resolver, and two threads can check at once. */
static gboolean
prepare_occurrence (const ResfriStoredOccurrence  *stored,
                    gpointer                       user_data,
                    GError                       **error)
{
  Resolver *r = user_data;

  return lookup_meeting (r, stored->meeting_id) != NULL ||
         resolve_meeting (r, stored->meeting_id, error) != NULL;
}

/* Occurrences a turn of a check in turns: a turn's text in the CLI's
 * formats is about a megabyte. */
#define TURN_ROWS 2048

static guint turn_rows;   /* atomic, for tests, unless 0 */

void
_resfri_policy_set_turn_rows (guint rows)
{
  g_atomic_int_set (&turn_rows, rows);
}

/* The reader's turns: without @done, two halves (0). */
static guint
get_turn_rows (ResfriPolicyTurnDoneFunc done)
{
  guint set = (guint) g_atomic_int_get (&turn_rows);

  return done == NULL ? 0 : set != 0 ? set : TURN_ROWS;
}

/* A turn of a check in turns has had its rows: its function's. */
static gboolean
turn_done (gpointer user_data)
{
  Resolver *r = user_data;

  return r->turn_done (r->user_data);
}

/* The check of the occurrences in [from, to), of @uid's meetings only
 * unless it is %NULL; with @second_user_data, perhaps in two parts at
 * once: halves, or with @done turns (resfri_policy_check_occurrences_in_turns()). */
static gboolean
check_occurrences (ResfriStore            *store,
                   const ResfriPolicy     *policy,
                   const char             *uid,
                   gint64                  from,
                   gint64                  to,
                   ResfriPolicyCheckFunc   func,
                   gpointer                user_data,
                   gpointer                second_user_data,
                   ResfriPolicyTurnDoneFunc done,
                   ResfriPolicyRegistersFunc registers_func,
                   gpointer                registers_data,
                   GCancellable           *cancellable,
                   GError                **error)
{
  g_auto(Resolver) r = { 0, };
  g_autoptr(ResfriPolicy) loaded = NULL;
  gboolean everything = (from == 0 && to == 0);
  gboolean lazy_people;
  gboolean preload;
  ResfriPolicyReader *reader = NULL;

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
  r.latin1_down = latin1_down_is_simple ();
  r.func = func;
  r.user_data = user_data;
  r.turn_done = done;
  /* A window of up to a day (the New Meeting window's draft, a meeting's
   * detail) meets few people: they are read as they are met. */
  lazy_people = !everything && to > from && to - from <= LAZY_PEOPLE_SECONDS;
  preload = uid == NULL && (everything || to - from > PRELOAD_SECONDS);
  /* A long window meets most meetings: every one is resolved from one
   * read in step, before the retained facts replace those of purged ones,
   * while a second thread reads the registers, then the occurrences. */
  if (preload)
    reader = _resfri_policy_reader_start (store, from, to, TRUE, registers_func, registers_data,
                                          cancellable);
  /* Only a reader reads the registers with names. */
  if (reader == NULL && registers_func != NULL)
    registers_func (NULL, registers_data);
  if (reader == NULL &&
      !(r.registers = resfri_registers_load (store,
                                             lazy_people ? 0 : RESFRI_REGISTERS_ALL_PEOPLE,
                                             error)))
    return FALSE;
  r.exemptions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  r.exempt_uids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  r.meetings = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                      _resfri_policy_meeting_free);

  if (!_resfri_exemption_foreach (store, uid, add_exemption, &r, error) ||
      (preload && (!_resfri_policy_resolve_all_meetings (&r, reader, cancellable, error) ||
                   !_resfri_retention_foreach_retained (store, everything ? G_MININT64 : from,
                                                        add_retained_meeting, &r, error))))
    {
      if (reader != NULL)
        _resfri_policy_reader_finish (reader);
      return FALSE;
    }
  if (reader != NULL)
    {
      gboolean ok;

      if (second_user_data != NULL)
        {
          /* The second part's resolver: the same tables, only read,
           * another function's data; never cleared. */
          Resolver second;

          r.shared = TRUE;
          second = r;
          second.user_data = second_user_data;
          ok = _resfri_policy_reader_foreach_in_two (reader, check_occurrence, &r,
                                                     prepare_occurrence, &second,
                                                     get_turn_rows (done),
                                                     done != NULL ? turn_done : NULL,
                                                     cancellable, error);
        }
      else
        ok = _resfri_policy_reader_foreach (reader, check_occurrence, &r, cancellable, error);
      resolver_clear_later (&r);

      return ok;
    }
  if (!preload && !_resfri_retention_foreach_retained (store, everything ? G_MININT64 : from,
                                                       add_retained_meeting, &r, error))
    return FALSE;

  return _resfri_calendar_foreach_occurrence (store, from, to, uid,
                                              r.no_overrides ? _RESFRI_IN_FORCE_OWN
                                                             : _RESFRI_IN_FORCE_LOOKUP,
                                              check_occurrence, &r, cancellable, error);
}

gboolean
resfri_policy_check_occurrences (ResfriStore            *store,
                                 const ResfriPolicy     *policy,
                                 gint64                  from,
                                 gint64                  to,
                                 ResfriPolicyCheckFunc   func,
                                 gpointer                user_data,
                                 GCancellable           *cancellable,
                                 GError                **error)
{
  return check_occurrences (store, policy, NULL, from, to, func, user_data, NULL, NULL, NULL,
                            NULL, cancellable, error);
}

gboolean
resfri_policy_check_occurrences_in_turns (ResfriStore              *store,
                                          const ResfriPolicy       *policy,
                                          gint64                    from,
                                          gint64                    to,
                                          ResfriPolicyCheckFunc     func,
                                          gpointer                  user_data,
                                          gpointer                  second_user_data,
                                          ResfriPolicyTurnDoneFunc  turn_done,
                                          GCancellable             *cancellable,
                                          GError                  **error)
{
  g_return_val_if_fail (second_user_data != NULL, FALSE);
  g_return_val_if_fail (turn_done != NULL, FALSE);

  return check_occurrences (store, policy, NULL, from, to, func, user_data, second_user_data,
                            turn_done, NULL, NULL, cancellable, error);
}

gboolean
_resfri_policy_check_occurrences_in_two (ResfriStore                *store,
                                         const ResfriPolicy         *policy,
                                         gint64                      from,
                                         gint64                      to,
                                         ResfriPolicyCheckFunc       func,
                                         gpointer                    user_data,
                                         gpointer                    second_user_data,
                                         ResfriPolicyRegistersFunc   registers_func,
                                         gpointer                    registers_data,
                                         GCancellable               *cancellable,
                                         GError                    **error)
{
  g_return_val_if_fail (second_user_data != NULL, FALSE);

  return check_occurrences (store, policy, NULL, from, to, func, user_data, second_user_data,
                            NULL, registers_func, registers_data, cancellable, error);
}

gboolean
_resfri_policy_check_uid_occurrences (ResfriStore            *store,
                                      const ResfriPolicy     *policy,
                                      const char             *uid,
                                      gint64                  from,
                                      gint64                  to,
                                      ResfriPolicyCheckFunc   func,
                                      gpointer                user_data,
                                      GCancellable           *cancellable,
                                      GError                **error)
{
  g_return_val_if_fail (uid != NULL, FALSE);

  return check_occurrences (store, policy, uid, from, to, func, user_data, NULL, NULL, NULL,
                            NULL, cancellable, error);
}

/* The facts of one meeting, as check_occurrence() gives them to an
 * occurrence without an exemption. */
static void
meeting_facts (const Resolver           *r,
               const Meeting            *m,
               ResfriResolvedOccurrence *o)
{
  const ResfriPolicy *policy = r->policy;

  o->organizer = m->organizer;
  o->organizer_id = m->organizer_id;
  o->organizer_unit_id = m->organizer_unit_id;
  o->mode = m->mode;
  o->venue_site_id = m->venue_site_id;
  o->venue_room_id = m->venue_room_id;
  o->venue_room_vc = m->venue_room_vc;
  o->attendees = (const ResfriResolvedAttendee *) m->attendees->data;
  o->n_attendees = m->attendees->len;
  if (m->mode == RESFRI_MODE_ONLINE || m->mode == RESFRI_MODE_HYBRID)
    o->verdict = RESFRI_VERDICT_TRAVEL_FREE;
  else if (m->mode == RESFRI_MODE_IN_PERSON)
    o->verdict = m->has_travel ? RESFRI_VERDICT_NON_COMPLIANT : RESFRI_VERDICT_LOCAL;
  else
    o->verdict = RESFRI_VERDICT_UNKNOWN;
  o->travel_km = m->travel_km;
  o->travel_co2_kg = m->travel_km * policy->co2_kg_per_km;
  o->travel_cost_sek = m->travel_km * policy->cost_per_km;
  o->travel_hours = m->travel_km / policy->speed_kmh;
  o->avoided_km = m->avoided_km;
  o->trips_short = m->trips_short;
  o->trips_long = m->trips_long;
  o->n_unregistered = m->n_unregistered;
}

gboolean
_resfri_policy_resolve_meetings (ResfriStore             *store,
                                 GArray                  *meeting_ids,
                                 ResfriPolicyMeetingFunc  func,
                                 gpointer                 user_data,
                                 GError                 **error)
{
  g_auto(Resolver) r = { 0, };
  g_autoptr(ResfriPolicy) policy = NULL;

  if (!(policy = resfri_policy_load (store, error)))
    return FALSE;
  r.store = store;
  r.policy = policy;
  r.latin1_down = latin1_down_is_simple ();
  if (!(r.registers = resfri_registers_load (store, RESFRI_REGISTERS_ALL_PEOPLE, error)))
    return FALSE;
  r.meetings = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                      _resfri_policy_meeting_free);

  for (guint i = 0; i < meeting_ids->len; i++)
    {
      gint64 id = g_array_index (meeting_ids, gint64, i);
      ResfriResolvedOccurrence o = { 0, };
      const Meeting *m;

      if (!(m = resolve_meeting (&r, id, error)))
        return FALSE;
      meeting_facts (&r, m, &o);
      o.meeting_id = id;
      func (id, &o, user_data);
      /* One at a time: a purge may take every meeting of a large store. */
      g_hash_table_remove (r.meetings, &id);
    }

  return TRUE;
}

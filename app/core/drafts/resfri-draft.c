/* resfri-draft.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "resfri-audit-private.h"
#include "resfri-bookings.h"
#include "resfri-calendar-private.h"
#include "resfri-draft.h"
#include "resfri-email.h"
#include "resfri-export.h"
#include "resfri-importer.h"
#include "resfri-policy-private.h"
#include "resfri-registers-private.h"
#include "resfri-store-private.h"
#include "resfri-timezone.h"

#define DEFAULT_MEETING_HOST "meet.jit.si"

G_DEFINE_BOXED_TYPE (ResfriDraft, resfri_draft, resfri_draft_copy, resfri_draft_free)
G_DEFINE_BOXED_TYPE (ResfriDraftEvaluation, resfri_draft_evaluation,
                     resfri_draft_evaluation_copy, resfri_draft_evaluation_free)

/* ---- The draft ----------------------------------------------------------- */

ResfriDraft *
resfri_draft_new (void)
{
  ResfriDraft *draft = g_new0 (ResfriDraft, 1);

  draft->attendees = g_ptr_array_new_with_free_func (g_free);

  return draft;
}

ResfriDraft *
resfri_draft_copy (const ResfriDraft *draft)
{
  ResfriDraft *copy;

  g_return_val_if_fail (draft != NULL, NULL);

  copy = resfri_draft_new ();
  copy->uid = g_strdup (draft->uid);
  copy->sequence = draft->sequence;
  copy->summary = g_strdup (draft->summary);
  copy->start = draft->start != NULL ? g_date_time_ref (draft->start) : NULL;
  copy->end = draft->end != NULL ? g_date_time_ref (draft->end) : NULL;
  copy->organizer = g_strdup (draft->organizer);
  for (guint i = 0; draft->attendees != NULL && i < draft->attendees->len; i++)
    g_ptr_array_add (copy->attendees, g_strdup (g_ptr_array_index (draft->attendees, i)));
  copy->room = g_strdup (draft->room);
  copy->site = g_strdup (draft->site);
  copy->online_url = g_strdup (draft->online_url);

  return copy;
}

void
resfri_draft_free (ResfriDraft *draft)
{
  if (draft == NULL)
    return;

  g_free (draft->uid);
  g_free (draft->summary);
  g_clear_pointer (&draft->start, g_date_time_unref);
  g_clear_pointer (&draft->end, g_date_time_unref);
  g_free (draft->organizer);
  g_clear_pointer (&draft->attendees, g_ptr_array_unref);
  g_free (draft->room);
  g_free (draft->site);
  g_free (draft->online_url);
  g_free (draft);
}

void
resfri_draft_set_times (ResfriDraft *draft,
                        GDateTime   *start,
                        GDateTime   *end)
{
  g_return_if_fail (draft != NULL);

  if (start != NULL)
    g_date_time_ref (start);
  if (end != NULL)
    g_date_time_ref (end);
  g_clear_pointer (&draft->start, g_date_time_unref);
  g_clear_pointer (&draft->end, g_date_time_unref);
  draft->start = start;
  draft->end = end;
}

static int
find_attendee (const ResfriDraft *draft,
               const char        *email)
{
  for (guint i = 0; i < draft->attendees->len; i++)
    if (g_ascii_strcasecmp (g_ptr_array_index (draft->attendees, i), email) == 0)
      return (int) i;

  return -1;
}

gboolean
resfri_draft_add_attendee (ResfriDraft *draft,
                           const char  *email)
{
  g_autofree char *clean = resfri_email_strip_mailto (email);

  g_return_val_if_fail (draft != NULL, FALSE);

  if (clean == NULL || find_attendee (draft, clean) >= 0)
    return FALSE;

  g_ptr_array_add (draft->attendees, g_steal_pointer (&clean));

  return TRUE;
}

gboolean
resfri_draft_remove_attendee (ResfriDraft *draft,
                              const char  *email)
{
  g_autofree char *clean = resfri_email_strip_mailto (email);
  int i;

  g_return_val_if_fail (draft != NULL, FALSE);

  if (clean == NULL || (i = find_attendee (draft, clean)) < 0)
    return FALSE;

  g_ptr_array_remove_index (draft->attendees, (guint) i);

  return TRUE;
}

void
resfri_draft_set_venue (ResfriDraft *draft,
                        const char  *room,
                        const char  *site)
{
  g_return_if_fail (draft != NULL);

  g_clear_pointer (&draft->room, g_free);
  g_clear_pointer (&draft->site, g_free);
  if (room != NULL && *room != '\0')
    draft->room = g_strdup (room);
  else if (site != NULL && *site != '\0')
    draft->site = g_strdup (site);
}

static gboolean
has_text (const char *text)
{
  return text != NULL && *text != '\0';
}

ResfriMode
resfri_draft_get_mode (const ResfriDraft *draft)
{
  gboolean venue = has_text (draft->room) || has_text (draft->site);

  if (has_text (draft->online_url))
    return venue ? RESFRI_MODE_HYBRID : RESFRI_MODE_ONLINE;

  return venue ? RESFRI_MODE_IN_PERSON : RESFRI_MODE_UNKNOWN;
}

/* ---- Looking things up ---------------------------------------------------- */

/* The draft's venue; FALSE with @error for an unknown room or site. A
 * draft without a venue leaves @venue empty. */
static gboolean
lookup_venue (ResfriStore           *store,
              const ResfriDraft     *draft,
              ResfriRegistersVenue  *venue,
              GError               **error)
{
  int found;

  if (has_text (draft->room))
    found = _resfri_registers_read_venue (store, draft->room, NULL, venue, error);
  else if (has_text (draft->site))
    found = _resfri_registers_read_venue (store, NULL, draft->site, venue, error);
  else
    return TRUE;

  if (found < 0)
    return FALSE;
  if (found == 0)
    {
      if (has_text (draft->room))
        g_set_error (error, RESFRI_ERROR, RESFRI_ERROR_INVALID_INPUT,
                     _("No room has the code “%s”"), draft->room);
      else
        g_set_error (error, RESFRI_ERROR, RESFRI_ERROR_INVALID_INPUT,
                     _("No site has the code “%s”"), draft->site);
      return FALSE;
    }

  return TRUE;
}

/* The person with @email; FALSE (and @info empty) when unknown or on error. */
static gboolean
lookup_person (ResfriStore               *store,
               const char               *email,
               ResfriRegistersPersonRow *info,
               GError                  **error)
{
  return _resfri_registers_read_person_row (store, email, info, error) == 1;
}

/* ---- The VEVENT ----------------------------------------------------------- */

static icalproperty *
new_time_property (icalproperty_kind  kind,
                   GDateTime         *time)
{
  icaltimezone *zone = resfri_ical_get_home_zone ();
  struct icaltimetype t;
  icalproperty *prop;

  t = icaltime_from_timet_with_zone ((time_t) g_date_time_to_unix (time), 0, zone);
  /* The wall time, written with the TZID parameter below (libical would
   * otherwise write it as UTC). */
  t.zone = NULL;
  prop = icalproperty_new (kind);
  icalproperty_set_value (prop, icalvalue_new_datetime (t));
  icalproperty_add_parameter (prop, icalparameter_new_tzid (RESFRI_ICAL_HOME_ZONE));

  return prop;
}

static void
add_person_params (icalproperty *prop,
                   const char   *name)
{
  if (has_text (name))
    icalproperty_add_parameter (prop, icalparameter_new_cn (name));
}

static char *
new_uid (void)
{
  g_autofree char *uuid = g_uuid_string_random ();

  return g_strdup_printf ("%s@resfri", uuid);
}

icalcomponent *
resfri_draft_build_vevent (ResfriStore        *store,
                           const ResfriDraft  *draft,
                           const char         *uid,
                           GError            **error)
{
  g_autoptr(icalcomponent) vevent = NULL;
  g_autofree char *fresh_uid = NULL;
  g_autofree char *organizer = NULL;
  g_auto(ResfriRegistersVenue) venue = { 0 };
  icalproperty *prop;

  g_return_val_if_fail (RESFRI_IS_STORE (store), NULL);
  g_return_val_if_fail (draft != NULL, NULL);

  if (draft->start == NULL)
    {
      g_set_error (error, RESFRI_ERROR, RESFRI_ERROR_INVALID_INPUT,
                   _("The meeting has no start"));
      return NULL;
    }
  if (draft->end != NULL && g_date_time_compare (draft->end, draft->start) < 0)
    {
      g_set_error (error, RESFRI_ERROR, RESFRI_ERROR_INVALID_INPUT,
                   _("The meeting ends before it starts"));
      return NULL;
    }
  if (!lookup_venue (store, draft, &venue, error))
    return NULL;

  if (uid == NULL)
    uid = draft->uid;
  if (uid == NULL)
    uid = fresh_uid = new_uid ();

  vevent = icalcomponent_new_vevent ();
  icalcomponent_add_property (vevent, icalproperty_new_uid (uid));
  icalcomponent_add_property (vevent,
                              icalproperty_new_dtstamp (icaltime_from_timet_with_zone ((time_t) (g_get_real_time () / G_USEC_PER_SEC),
                                                                                       0,
                                                                                       icaltimezone_get_utc_timezone ())));
  icalcomponent_add_property (vevent, icalproperty_new_sequence (MAX (draft->sequence, 0)));
  if (has_text (draft->summary))
    icalcomponent_add_property (vevent, icalproperty_new_summary (draft->summary));
  icalcomponent_add_property (vevent, new_time_property (ICAL_DTSTART_PROPERTY, draft->start));
  icalcomponent_add_property (vevent,
                              new_time_property (ICAL_DTEND_PROPERTY,
                                                 draft->end != NULL ? draft->end : draft->start));

  if ((organizer = resfri_email_strip_mailto (draft->organizer)) != NULL)
    {
      g_auto(ResfriRegistersPersonRow) info = { 0 };
      g_autofree char *value = g_strconcat ("mailto:", organizer, NULL);

      if (!lookup_person (store, organizer, &info, error) && error != NULL && *error != NULL)
        return NULL;
      prop = icalproperty_new_organizer (value);
      add_person_params (prop, info.name);
      icalcomponent_add_property (vevent, prop);
    }

  for (guint i = 0; i < draft->attendees->len; i++)
    {
      const char *email = g_ptr_array_index (draft->attendees, i);
      g_auto(ResfriRegistersPersonRow) info = { 0 };
      g_autofree char *value = NULL;

      if (organizer != NULL && g_ascii_strcasecmp (email, organizer) == 0)
        continue;
      if (!lookup_person (store, email, &info, error) && error != NULL && *error != NULL)
        return NULL;
      value = g_strconcat ("mailto:", email, NULL);
      prop = icalproperty_new_attendee (value);
      icalproperty_add_parameter (prop, icalparameter_new_cutype (ICAL_CUTYPE_INDIVIDUAL));
      icalproperty_add_parameter (prop, icalparameter_new_role (ICAL_ROLE_REQPARTICIPANT));
      icalproperty_add_parameter (prop, icalparameter_new_partstat (ICAL_PARTSTAT_NEEDSACTION));
      icalproperty_add_parameter (prop, icalparameter_new_rsvp (ICAL_RSVP_TRUE));
      add_person_params (prop, info.name);
      icalcomponent_add_property (vevent, prop);
    }

  if (venue.name != NULL)
    {
      icalcomponent_add_property (vevent, icalproperty_new_location (venue.name));
      if (has_text (venue.email))
        {
          g_autofree char *value = g_strconcat ("mailto:", venue.email, NULL);

          prop = icalproperty_new_attendee (value);
          icalproperty_add_parameter (prop, icalparameter_new_cutype (ICAL_CUTYPE_ROOM));
          icalproperty_add_parameter (prop, icalparameter_new_role (ICAL_ROLE_NONPARTICIPANT));
          icalproperty_add_parameter (prop, icalparameter_new_cn (venue.name));
          icalcomponent_add_property (vevent, prop);
        }
    }
  else if (venue.site_name != NULL)
    icalcomponent_add_property (vevent, icalproperty_new_location (venue.site_name));
  else if (has_text (draft->online_url))
    icalcomponent_add_property (vevent, icalproperty_new_location (draft->online_url));

  if (has_text (draft->online_url))
    {
      g_autofree char *description = NULL;

      prop = icalproperty_new (ICAL_CONFERENCE_PROPERTY);
      icalproperty_set_value (prop, icalvalue_new_uri (draft->online_url));
      icalproperty_add_parameter (prop, icalparameter_new_value (ICAL_VALUE_URI));
      icalproperty_add_parameter (prop, icalparameter_new_feature (ICAL_FEATURE_VIDEO));
      icalcomponent_add_property (vevent, prop);

      /* For calendars that do not read CONFERENCE. */
      description = g_strdup_printf (_("Join online: %s"), draft->online_url);
      icalcomponent_add_property (vevent, icalproperty_new_description (description));
    }

  return g_steal_pointer (&vevent);
}

/* ---- Evaluation ----------------------------------------------------------- */

static void
attendee_free (gpointer data)
{
  ResfriDraftAttendee *a = data;

  g_free (a->email);
  g_free (a->name);
  g_free (a->site);
  g_free (a->site_name);
  g_free (a);
}

static ResfriDraftAttendee *
attendee_copy (const ResfriDraftAttendee *a)
{
  ResfriDraftAttendee *copy = g_memdup2 (a, sizeof *a);

  copy->email = g_strdup (a->email);
  copy->name = g_strdup (a->name);
  copy->site = g_strdup (a->site);
  copy->site_name = g_strdup (a->site_name);

  return copy;
}

ResfriDraftEvaluation *
resfri_draft_evaluation_copy (const ResfriDraftEvaluation *evaluation)
{
  ResfriDraftEvaluation *copy;

  g_return_val_if_fail (evaluation != NULL, NULL);

  copy = g_memdup2 (evaluation, sizeof *evaluation);
  copy->exemption = g_strdup (evaluation->exemption);
  copy->venue_site = g_strdup (evaluation->venue_site);
  copy->venue_site_name = g_strdup (evaluation->venue_site_name);
  copy->attendees = g_ptr_array_new_with_free_func (attendee_free);
  for (guint i = 0; i < evaluation->attendees->len; i++)
    g_ptr_array_add (copy->attendees, attendee_copy (g_ptr_array_index (evaluation->attendees, i)));

  return copy;
}

void
resfri_draft_evaluation_free (ResfriDraftEvaluation *evaluation)
{
  if (evaluation == NULL)
    return;

  g_free (evaluation->exemption);
  g_free (evaluation->venue_site);
  g_free (evaluation->venue_site_name);
  g_clear_pointer (&evaluation->attendees, g_ptr_array_unref);
  g_free (evaluation);
}

typedef struct
{
  const char             *uid;
  ResfriDraftEvaluation  *evaluation;
  GHashTable             *resolved;   /* lower-case email → ResfriResolvedAttendee copy */
  gboolean                found;
} Collect;

static gboolean
collect_cb (const ResfriResolvedOccurrence *o,
            gpointer                        user_data)
{
  Collect *c = user_data;
  ResfriDraftEvaluation *e = c->evaluation;

  if (g_strcmp0 (o->uid, c->uid) != 0)
    return TRUE;

  c->found = TRUE;
  e->mode = o->mode;
  e->verdict = o->verdict;
  e->exemption = g_strdup (o->exemption);
  e->venue_room_vc = o->venue_room_vc;
  e->travel_km = o->travel_km;
  e->travel_co2_kg = o->travel_co2_kg;
  e->travel_cost_sek = o->travel_cost_sek;
  e->travel_hours = o->travel_hours;
  e->avoided_km = o->avoided_km;
  e->avoided_co2_kg = o->avoided_co2_kg;
  e->avoided_cost_sek = o->avoided_cost_sek;
  e->avoided_hours = o->avoided_hours;

  for (guint i = 0; i < o->n_attendees; i++)
    {
      const ResfriResolvedAttendee *a = &o->attendees[i];
      ResfriResolvedAttendee *copy = g_memdup2 (a, sizeof *a);

      copy->email = NULL;
      g_hash_table_insert (c->resolved, g_utf8_strdown (a->email, -1), copy);
    }

  return FALSE;
}

static void
add_evaluated (ResfriStore            *store,
               ResfriDraftEvaluation  *e,
               GHashTable             *resolved,
               GHashTable             *seen,
               const char             *email,
               gboolean                organizer,
               gint64                  venue_site_id)
{
  g_autofree char *key = g_utf8_strdown (email, -1);
  g_auto(ResfriRegistersPersonRow) info = { 0 };
  ResfriDraftAttendee *a;
  const ResfriResolvedAttendee *r;

  if (!g_hash_table_add (seen, g_strdup (key)))
    return;

  a = g_new0 (ResfriDraftAttendee, 1);
  a->email = g_strdup (email);
  a->organizer = organizer;
  if (lookup_person (store, email, &info, NULL))
    {
      a->name = g_steal_pointer (&info.name);
      a->site = g_steal_pointer (&info.site);
      a->site_name = g_steal_pointer (&info.site_name);
    }
  if ((r = g_hash_table_lookup (resolved, key)) != NULL)
    {
      a->internal = TRUE;
      a->one_way_km = r->one_way_km;
      a->has_headset = r->has_headset;
      a->has_camera = r->has_camera;
      a->remote = e->mode == RESFRI_MODE_ONLINE ||
                  (e->mode == RESFRI_MODE_HYBRID && r->home_site_id != venue_site_id);
      if (!a->has_headset || !a->has_camera)
        e->n_lacking++;
    }
  g_ptr_array_add (e->attendees, a);
}

ResfriDraftEvaluation *
resfri_draft_evaluate (ResfriStore         *store,
                       const ResfriDraft   *draft,
                       const ResfriPolicy  *policy,
                       GCancellable        *cancellable,
                       GError             **error)
{
  g_autoptr(ResfriDraftEvaluation) e = NULL;
  g_autoptr(icalcomponent) vevent = NULL;
  g_autoptr(GHashTable) resolved = NULL;
  g_autoptr(GHashTable) seen = NULL;
  g_autofree char *organizer = NULL;
  g_autofree char *uid = NULL;
  g_auto(ResfriRegistersVenue) venue = { 0 };
  Collect c = { 0 };
  gint64 start;
  gint64 end;
  gboolean ok;

  g_return_val_if_fail (RESFRI_IS_STORE (store), NULL);
  g_return_val_if_fail (draft != NULL, NULL);
  g_return_val_if_fail (!_resfri_store_in_transaction (store), NULL);

  /* A saved draft is evaluated under its own UID: its exemptions apply. */
  uid = draft->uid != NULL ? g_strdup (draft->uid) : new_uid ();
  if (!(vevent = resfri_draft_build_vevent (store, draft, uid, error)))
    return NULL;
  if (!lookup_venue (store, draft, &venue, error))
    return NULL;

  start = g_date_time_to_unix (draft->start);
  end = draft->end != NULL ? g_date_time_to_unix (draft->end) : start;

  e = g_new0 (ResfriDraftEvaluation, 1);
  e->attendees = g_ptr_array_new_with_free_func (attendee_free);
  e->venue_site = g_strdup (venue.site);
  e->venue_site_name = g_strdup (venue.site_name);
  resolved = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  c.uid = uid;
  c.evaluation = e;
  c.resolved = resolved;

  if (!_resfri_store_begin (store, error))
    return NULL;
  ok = resfri_store_put_vevent_at (store, vevent, "composer", start, NULL, error) &&
       _resfri_policy_check_uid_occurrences (store, policy, uid, start, MAX (end, start + 1),
                                             collect_cb, &c, cancellable, error);
  /* Nothing of the draft is kept. */
  _resfri_store_rollback (store);
  if (!ok)
    return NULL;

  if (!c.found)
    {
      g_set_error (error, RESFRI_ERROR, RESFRI_ERROR_INVALID_INPUT,
                   _("The meeting has no occurrence to check"));
      return NULL;
    }

  seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  if ((organizer = resfri_email_strip_mailto (draft->organizer)) != NULL)
    add_evaluated (store, e, resolved, seen, organizer, TRUE, venue.site_id);
  for (guint i = 0; i < draft->attendees->len; i++)
    add_evaluated (store, e, resolved, seen, g_ptr_array_index (draft->attendees, i),
                   FALSE, venue.site_id);

  return g_steal_pointer (&e);
}

/* ---- Make it travel-free ---------------------------------------------------- */

char *
resfri_draft_dup_meeting_link (const ResfriPolicy *policy)
{
  const char *host = DEFAULT_MEETING_HOST;
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *token = NULL;

  if (policy != NULL && policy->extra_meeting_hosts != NULL &&
      policy->extra_meeting_hosts[0] != NULL && *policy->extra_meeting_hosts[0] != '\0')
    host = policy->extra_meeting_hosts[0];

  /* 12 hex digits: hard to guess, short enough to read out. */
  token = g_strndup (uuid, 8);
  return g_strdup_printf ("https://%s/Resfri-%s%.4s", host, token, uuid + 9);
}

gboolean
resfri_draft_make_travel_free (ResfriStore         *store,
                               ResfriDraft         *draft,
                               const ResfriPolicy  *policy,
                               GError             **error)
{
  g_autoptr(ResfriPolicy) loaded = NULL;
  g_auto(ResfriRegistersVenue) venue = { 0 };
  gboolean changed = FALSE;

  g_return_val_if_fail (RESFRI_IS_STORE (store), FALSE);
  g_return_val_if_fail (draft != NULL, FALSE);

  if (policy == NULL)
    {
      if (!(loaded = resfri_policy_load (store, error)))
        return FALSE;
      policy = loaded;
    }

  if (!lookup_venue (store, draft, &venue, error))
    return FALSE;

  if (!has_text (draft->online_url))
    {
      g_free (draft->online_url);
      draft->online_url = resfri_draft_dup_meeting_link (policy);
      changed = TRUE;
    }

  if (venue.site != NULL)
    {
      g_autofree char *organizer = resfri_email_strip_mailto (draft->organizer);
      gboolean someone_there = FALSE;

      if (organizer != NULL)
        {
          g_auto(ResfriRegistersPersonRow) info = { 0 };

          if (lookup_person (store, organizer, &info, NULL) && info.site_id == venue.site_id)
            someone_there = TRUE;
        }
      for (guint i = 0; !someone_there && i < draft->attendees->len; i++)
        {
          g_auto(ResfriRegistersPersonRow) info = { 0 };

          if (lookup_person (store, g_ptr_array_index (draft->attendees, i), &info, NULL) &&
              info.site_id == venue.site_id)
            someone_there = TRUE;
        }

      if (!someone_there)
        {
          resfri_draft_set_venue (draft, NULL, NULL);
          changed = TRUE;
        }
    }

  return changed;
}

/* ---- Saving, booking, exporting ------------------------------------------- */

gboolean
resfri_draft_save (ResfriStore  *store,
                   ResfriDraft  *draft,
                   GError      **error)
{
  g_autoptr(icalcomponent) vevent = NULL;
  g_autofree char *uid = NULL;
  ResfriMeetingStats stats = { 0 };
  gboolean first = draft->uid == NULL;
  gint64 row;

  g_return_val_if_fail (RESFRI_IS_STORE (store), FALSE);
  g_return_val_if_fail (draft != NULL, FALSE);

  uid = first ? new_uid () : g_strdup (draft->uid);
  if (!first)
    draft->sequence++;
  if (!(vevent = resfri_draft_build_vevent (store, draft, uid, error)))
    {
      if (!first)
        draft->sequence--;
      return FALSE;
    }

  if (!_resfri_store_begin (store, error))
    goto failed;
  /* The audit log names the meeting by its row, not its UID or title. */
  if (!resfri_store_put_vevent (store, vevent, "composer", &stats, error) ||
      (row = _resfri_calendar_meeting_row_id (store, uid, "", error)) < 0 ||
      !_resfri_audit_record_id (store, first ? "meeting-add" : "meeting-edit", "meeting", row,
                                NULL, error))
    {
      _resfri_store_rollback (store);
      goto failed;
    }
  if (!_resfri_store_commit (store, error))
    goto failed;

  if (first)
    draft->uid = g_steal_pointer (&uid);

  return TRUE;

failed:
  if (!first)
    draft->sequence--;
  return FALSE;
}

void
resfri_draft_bookings_free (ResfriDraftBookings *bookings)
{
  if (bookings == NULL)
    return;

  g_clear_pointer (&bookings->booked, g_ptr_array_unref);
  g_clear_pointer (&bookings->skipped, g_ptr_array_unref);
  g_free (bookings);
}

static int
compare_rooms (gconstpointer a,
               gconstpointer b)
{
  const ResfriRoomAvailability *ra = *(ResfriRoomAvailability * const *) a;
  const ResfriRoomAvailability *rb = *(ResfriRoomAvailability * const *) b;

  if (ra->capacity != rb->capacity)
    return ra->capacity < rb->capacity ? -1 : 1;

  return g_strcmp0 (ra->room, rb->room);
}

/* Books the room the meeting names, whether or not it has video (its
 * LOCATION and CUTYPE=ROOM attendee say that room: another would leave the
 * invitation naming a room nobody booked); for a meeting at a site without
 * a room, the smallest free room there for those present, with video when
 * the meeting is hybrid. FALSE only on a database error. */
static gboolean
book_room (ResfriStore                 *store,
           const ResfriDraft           *draft,
           const ResfriRegistersVenue  *venue,
           ResfriMode                   mode,
           guint                        n_present,
           ResfriDraftBookings         *result,
           GError                     **error)
{
  g_autoptr(GPtrArray) free_rooms = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GPtrArray) booked = NULL;
  const char *code = NULL;

  if (has_text (draft->room))
    code = draft->room;
  else
    {
      if (!(free_rooms = resfri_bookings_free_rooms_for_occurrence (store, draft->uid, "",
                                                                    venue->site, n_present,
                                                                    mode == RESFRI_MODE_HYBRID,
                                                                    error)))
        return FALSE;
      g_ptr_array_sort (free_rooms, compare_rooms);
      if (free_rooms->len > 0)
        code = ((const ResfriRoomAvailability *) g_ptr_array_index (free_rooms, 0))->room;
    }

  if (code == NULL)
    {
      if (mode == RESFRI_MODE_HYBRID)
        g_ptr_array_add (result->skipped,
                         g_strdup_printf (_("No room with video equipment is free at %s"),
                                          venue->site_name));
      else
        g_ptr_array_add (result->skipped,
                         g_strdup_printf (_("No room is free at %s"), venue->site_name));
      return TRUE;
    }

  if (!(booked = resfri_bookings_book_room (store, code, draft->uid, "", NULL, &local_error)))
    {
      if (!g_error_matches (local_error, RESFRI_ERROR, RESFRI_ERROR_CONFLICT))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      g_ptr_array_add (result->skipped,
                       g_strdup_printf (_("Room %s: %s"), code, local_error->message));
      return TRUE;
    }
  for (guint i = 0; i < booked->len; i++)
    g_ptr_array_add (result->booked, resfri_booking_copy (g_ptr_array_index (booked, i)));

  return TRUE;
}

ResfriDraftBookings *
resfri_draft_book (ResfriStore         *store,
                   const ResfriDraft   *draft,
                   const ResfriPolicy  *policy,
                   GError             **error)
{
  g_autoptr(ResfriDraftBookings) result = NULL;
  g_autoptr(ResfriDraftEvaluation) e = NULL;
  g_autoptr(ResfriPolicy) loaded = NULL;
  g_auto(ResfriRegistersVenue) venue = { 0 };

  g_return_val_if_fail (RESFRI_IS_STORE (store), NULL);
  g_return_val_if_fail (draft != NULL, NULL);

  if (draft->uid == NULL)
    {
      g_set_error (error, RESFRI_ERROR, RESFRI_ERROR_NOT_FOUND,
                   _("The meeting has not been saved"));
      return NULL;
    }
  if (policy == NULL)
    {
      if (!(loaded = resfri_policy_load (store, error)))
        return NULL;
      policy = loaded;
    }
  if (!(e = resfri_draft_evaluate (store, draft, policy, NULL, error)))
    return NULL;
  if (!lookup_venue (store, draft, &venue, error))
    return NULL;

  result = g_new0 (ResfriDraftBookings, 1);
  result->booked = g_ptr_array_new_with_free_func ((GDestroyNotify) resfri_booking_free);
  result->skipped = g_ptr_array_new_with_free_func (g_free);

  if (venue.site != NULL && (e->mode == RESFRI_MODE_HYBRID || e->mode == RESFRI_MODE_IN_PERSON))
    {
      guint n_present = 0;

      for (guint i = 0; i < e->attendees->len; i++)
        {
          const ResfriDraftAttendee *a = g_ptr_array_index (e->attendees, i);

          if (!a->remote)
            n_present++;
        }
      if (!book_room (store, draft, &venue, e->mode, n_present, result, error))
        return NULL;
    }

  /* Loans for the remote attendees who lack a headset or a camera, and a
   * video kit for a hybrid meeting in a room without video: the Meetings
   * view's "Book Loan Items". An in-person meeting has nobody remote, and
   * that function would count it as held online. */
  if (e->mode == RESFRI_MODE_ONLINE || e->mode == RESFRI_MODE_HYBRID)
    {
      g_autoptr(GPtrArray) needs = NULL;

      if (!(needs = resfri_bookings_book_missing_items (store, draft->uid, "", error)))
        return NULL;
      for (guint i = 0; i < needs->len; i++)
        {
          ResfriItemNeed *need = g_ptr_array_index (needs, i);

          if (need->booking != NULL)
            g_ptr_array_add (result->booked, g_steal_pointer (&need->booking));
          else if (g_str_equal (need->type, "headset"))
            g_ptr_array_add (result->skipped,
                             g_strdup_printf (_("No loan headset is free for %s"), need->person));
          else if (g_str_equal (need->type, "vc-kit"))
            g_ptr_array_add (result->skipped,
                             g_strdup_printf (_("No video kit is free at %s for the room"),
                                              need->site_name));
          else
            g_ptr_array_add (result->skipped,
                             g_strdup_printf (_("No loan camera is free for %s"), need->person));
        }
    }

  return g_steal_pointer (&result);
}

char *
resfri_draft_export_invitation (ResfriStore        *store,
                                const ResfriDraft  *draft,
                                gsize              *length,
                                GError            **error)
{
  g_return_val_if_fail (RESFRI_IS_STORE (store), NULL);
  g_return_val_if_fail (draft != NULL, NULL);

  if (draft->uid == NULL)
    {
      g_set_error (error, RESFRI_ERROR, RESFRI_ERROR_NOT_FOUND,
                   _("The meeting has not been saved"));
      return NULL;
    }

  return resfri_store_export_meeting_ical (store, draft->uid, "REQUEST", length, NULL, error);
}

void
resfri_draft_venue_free (ResfriDraftVenue *venue)
{
  if (venue == NULL)
    return;

  g_free (venue->room);
  g_free (venue->name);
  g_free (venue->site);
  g_free (venue->site_name);
  g_free (venue->email);
  g_free (venue);
}

GPtrArray *
resfri_draft_list_venues (ResfriStore  *store,
                          GError      **error)
{
  g_autoptr(GPtrArray) rows = NULL;
  GPtrArray *venues;

  g_return_val_if_fail (RESFRI_IS_STORE (store), NULL);

  if (!(rows = _resfri_registers_list_venues (store, error)))
    return NULL;

  venues = g_ptr_array_new_full (rows->len, (GDestroyNotify) resfri_draft_venue_free);
  for (guint i = 0; i < rows->len; i++)
    {
      ResfriRegistersVenue *row = g_ptr_array_index (rows, i);
      ResfriDraftVenue *venue = g_new0 (ResfriDraftVenue, 1);

      venue->room = g_steal_pointer (&row->room);
      venue->name = g_steal_pointer (&row->name);
      venue->site = g_steal_pointer (&row->site);
      venue->site_name = g_steal_pointer (&row->site_name);
      venue->capacity = row->capacity;
      venue->vc = row->vc;
      venue->email = g_steal_pointer (&row->email);
      g_ptr_array_add (venues, venue);
    }

  return venues;
}

/* ---- On a worker thread (resfri-draft.h documents the pairs) ----------------- */

static gpointer
evaluate_work (ResfriStore   *worker,
               gpointer       data,
               GCancellable  *cancellable,
               GError       **error)
{
  return resfri_draft_evaluate (worker, data, NULL, cancellable, error);
}

void
resfri_draft_evaluate_async (ResfriStore         *store,
                             const ResfriDraft   *draft,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_return_if_fail (RESFRI_IS_STORE (store));
  g_return_if_fail (draft != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  _resfri_store_run_async (store, resfri_draft_evaluate_async, evaluate_work,
                           resfri_draft_copy (draft), (GDestroyNotify) resfri_draft_free,
                           (GDestroyNotify) resfri_draft_evaluation_free,
                           cancellable, callback, user_data);
}

ResfriDraftEvaluation *
resfri_draft_evaluate_finish (ResfriStore   *store,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_async_result_is_tagged (result, resfri_draft_evaluate_async), NULL);

  return _resfri_store_run_finish (store, result, error);
}

typedef struct
{
  ResfriDraft         *draft;
  gboolean             book;
  ResfriDraftBookings *bookings;     /* the result: what booking gave */
  GError              *book_error;
} SaveJob;

static void
save_job_free (SaveJob *job)
{
  resfri_draft_free (job->draft);
  g_clear_pointer (&job->bookings, resfri_draft_bookings_free);
  g_clear_error (&job->book_error);
  g_free (job);
}

static gpointer
save_work (ResfriStore   *worker,
           gpointer       data,
           GCancellable  *cancellable,
           GError       **error)
{
  SaveJob *job = data;
  SaveJob *result;

  if (!resfri_draft_save (worker, job->draft, error))
    return NULL;
  result = g_new0 (SaveJob, 1);
  result->draft = resfri_draft_copy (job->draft);
  /* Saved, but booking failed: the save stands; the result says why. */
  if (job->book)
    result->bookings = resfri_draft_book (worker, job->draft, NULL, &result->book_error);

  return result;
}

void
resfri_draft_save_async (ResfriStore         *store,
                         const ResfriDraft   *draft,
                         gboolean             book,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  SaveJob *job;

  g_return_if_fail (RESFRI_IS_STORE (store));
  g_return_if_fail (draft != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  job = g_new0 (SaveJob, 1);
  job->draft = resfri_draft_copy (draft);
  job->book = book;
  _resfri_store_run_async (store, resfri_draft_save_async, save_work,
                           job, (GDestroyNotify) save_job_free, (GDestroyNotify) save_job_free,
                           cancellable, callback, user_data);
}

gboolean
resfri_draft_save_finish (ResfriStore          *store,
                          GAsyncResult         *result,
                          ResfriDraft          *draft,
                          ResfriDraftBookings **bookings,
                          GError              **book_error,
                          GError              **error)
{
  SaveJob *saved;

  g_return_val_if_fail (g_async_result_is_tagged (result, resfri_draft_save_async), FALSE);
  g_return_val_if_fail (draft != NULL, FALSE);

  if (!(saved = _resfri_store_run_finish (store, result, error)))
    return FALSE;

  if (draft->uid == NULL)
    draft->uid = g_strdup (saved->draft->uid);
  draft->sequence = saved->draft->sequence;
  if (bookings != NULL)
    *bookings = g_steal_pointer (&saved->bookings);
  if (saved->book_error != NULL)
    g_propagate_error (book_error, g_steal_pointer (&saved->book_error));
  save_job_free (saved);
  return TRUE;
}

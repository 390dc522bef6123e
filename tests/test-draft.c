/* test-draft.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The composer's drafts on the fixture of test-resolve (resolve-fixture.h:
 * real Fyrbodal coordinates; Vänersborg–Uddevalla 29.5524 km one way after
 * the 1.3 detour, Uddevalla–Strömstad 102.9251 km, Vänersborg–Strömstad
 * 95.0 km from the distance table). Every meeting is on 2027-03-15
 * 10:00–11:00 Europe/Stockholm (09:00Z), a day the fixture leaves free.
 */

#include "config.h"

#include <string.h>

#include "resfri-core.h"
#include "resfri-test-fixture.h"
#include "resfri-test-util.h"
#include "resolve-fixture.h"

#define EPSILON 1e-3

typedef ResfriTestFixture Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  resfri_test_fixture_set_up (fixture, NULL);
  fixture_fill (fixture->store);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  resfri_test_fixture_tear_down (fixture);
}

static ResfriDraft *
new_draft (const char *organizer,
           const char *attendee,
           const char *room,
           const char *site)
{
  g_autoptr(GTimeZone) zone = g_time_zone_new_identifier ("Europe/Stockholm");
  g_autoptr(GDateTime) start = g_date_time_new (zone, 2027, 3, 15, 10, 0, 0);
  g_autoptr(GDateTime) end = g_date_time_new (zone, 2027, 3, 15, 11, 0, 0);
  ResfriDraft *draft = resfri_draft_new ();

  draft->summary = g_strdup ("Planering Vänersborg–Uddevalla");
  draft->organizer = g_strdup (organizer);
  resfri_draft_set_times (draft, start, end);
  if (attendee != NULL)
    g_assert_true (resfri_draft_add_attendee (draft, attendee));
  resfri_draft_set_venue (draft, room, site);

  return draft;
}

static gint64
count_meetings (ResfriStore *store)
{
  g_autoptr(GError) error = NULL;
  ResfriStoreCounts counts = { 0 };

  g_assert_true (resfri_store_get_counts (store, &counts, &error));
  g_assert_no_error (error);

  return counts.meetings;
}

static const ResfriDraftAttendee *
find_attendee (const ResfriDraftEvaluation *e,
               const char                  *email)
{
  for (guint i = 0; i < e->attendees->len; i++)
    {
      const ResfriDraftAttendee *a = g_ptr_array_index (e->attendees, i);

      if (g_ascii_strcasecmp (a->email, email) == 0)
        return a;
    }
  g_assert_not_reached ();
}

/* Anna (Vänersborg; headset and camera) meets Cecilia (Uddevalla; nothing)
 * in Lilla rummet, Uddevalla: Anna travels 2 × 29.5524 = 59.1048 km; more
 * than local_km 5 one way, no exemption: non_compliant. CO2 59.1048 × 0.12
 * = 7.0926 kg, cost × 2.5 = 147.762 kr, time / 70 = 0.8444 h. */
static void
test_evaluate_in_person (Fixture       *fixture,
                         gconstpointer  user_data)
{
  g_autoptr(ResfriDraft) draft = new_draft ("anna@vbg.se", "cecilia@udd.se", "R2", NULL);
  g_autoptr(ResfriDraftEvaluation) e = NULL;
  g_autoptr(GError) error = NULL;
  const ResfriDraftAttendee *anna;
  const ResfriDraftAttendee *cecilia;
  const ResfriDraftAttendee *guest;
  gint64 before = count_meetings (fixture->store);

  g_assert_true (resfri_draft_add_attendee (draft, "guest@example.com"));
  g_assert_false (resfri_draft_add_attendee (draft, "mailto:Cecilia@UDD.se "));
  g_assert_cmpuint (draft->attendees->len, ==, 2);

  e = resfri_draft_evaluate (fixture->store, draft, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (e);

  g_assert_cmpint (e->mode, ==, RESFRI_MODE_IN_PERSON);
  g_assert_cmpint (e->verdict, ==, RESFRI_VERDICT_NON_COMPLIANT);
  g_assert_cmpstr (e->venue_site, ==, "UDD");
  g_assert_cmpstr (e->venue_site_name, ==, "Uddevalla");
  g_assert_false (e->venue_room_vc);
  g_assert_cmpfloat_with_epsilon (e->travel_km, 2 * KM_VBG_UDD, EPSILON);
  g_assert_cmpfloat_with_epsilon (e->travel_co2_kg, 7.092576, EPSILON);
  g_assert_cmpfloat_with_epsilon (e->travel_cost_sek, 147.762, EPSILON);
  g_assert_cmpfloat_with_epsilon (e->travel_hours, 59.1048 / 70.0, EPSILON);
  g_assert_cmpfloat (e->avoided_km, ==, 0);

  /* Organizer first, then the attendees; the guest is external. */
  g_assert_cmpuint (e->attendees->len, ==, 3);
  anna = g_ptr_array_index (e->attendees, 0);
  g_assert_cmpstr (anna->email, ==, "anna@vbg.se");
  g_assert_true (anna->organizer);
  g_assert_cmpstr (anna->name, ==, "Anna");
  g_assert_cmpstr (anna->site, ==, "VBG");
  g_assert_true (anna->internal);
  g_assert_true (anna->has_headset);
  g_assert_true (anna->has_camera);
  g_assert_false (anna->remote);
  g_assert_cmpfloat_with_epsilon (anna->one_way_km, KM_VBG_UDD, EPSILON);

  cecilia = find_attendee (e, "cecilia@udd.se");
  g_assert_false (cecilia->organizer);
  g_assert_true (cecilia->internal);
  g_assert_cmpstr (cecilia->site_name, ==, "Uddevalla");
  g_assert_false (cecilia->has_headset);  /* her headset is retired */
  g_assert_false (cecilia->has_camera);
  g_assert_cmpfloat (cecilia->one_way_km, ==, 0);

  guest = find_attendee (e, "guest@example.com");
  g_assert_false (guest->internal);
  g_assert_null (guest->name);
  g_assert_null (guest->site);
  g_assert_cmpuint (e->n_lacking, ==, 1);

  /* Nothing was written. */
  g_assert_cmpint (count_meetings (fixture->store), ==, before);
}

/* Cecilia works in Uddevalla, the venue's site: the meeting stays there and
 * becomes hybrid; Anna joins online. Travel 0; avoided = what it would have
 * cost at the venue, 59.1048 km. */
static void
test_travel_free_hybrid (Fixture       *fixture,
                         gconstpointer  user_data)
{
  g_autoptr(ResfriDraft) draft = new_draft ("anna@vbg.se", "cecilia@udd.se", "R2", NULL);
  g_autoptr(ResfriDraftEvaluation) e = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *host = NULL;

  g_assert_true (resfri_draft_make_travel_free (fixture->store, draft, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (draft->room, ==, "R2");
  g_assert_nonnull (draft->online_url);
  g_assert_true (g_str_has_prefix (draft->online_url, "https://meet.jit.si/Resfri-"));
  g_assert_cmpint (resfri_draft_get_mode (draft), ==, RESFRI_MODE_HYBRID);

  /* A second click changes nothing. */
  g_assert_false (resfri_draft_make_travel_free (fixture->store, draft, NULL, &error));
  g_assert_no_error (error);

  e = resfri_draft_evaluate (fixture->store, draft, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (e->mode, ==, RESFRI_MODE_HYBRID);
  g_assert_cmpint (e->verdict, ==, RESFRI_VERDICT_TRAVEL_FREE);
  g_assert_cmpfloat (e->travel_km, ==, 0);
  g_assert_cmpfloat_with_epsilon (e->avoided_km, 2 * KM_VBG_UDD, EPSILON);
  g_assert_true (find_attendee (e, "anna@vbg.se")->remote);
  g_assert_false (find_attendee (e, "cecilia@udd.se")->remote);
}

/* Cecilia (Uddevalla) and David (Strömstad) in Sessionssalen, Vänersborg:
 * 2 × 29.5524 + 2 × 95.0 = 249.1048 km, non_compliant. Nobody works in
 * Vänersborg: make it travel-free drops the venue, and the online meeting
 * avoids the trips to the organizer's site, Uddevalla: David's
 * 2 × 102.9251 = 205.8502 km. */
static void
test_travel_free_online (Fixture       *fixture,
                         gconstpointer  user_data)
{
  g_autoptr(ResfriDraft) draft = new_draft ("cecilia@udd.se", "david@str.se", "R1", NULL);
  g_autoptr(ResfriDraftEvaluation) before = NULL;
  g_autoptr(ResfriDraftEvaluation) after = NULL;
  g_autoptr(GError) error = NULL;
  const ResfriDraftAttendee *david;

  before = resfri_draft_evaluate (fixture->store, draft, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (before->verdict, ==, RESFRI_VERDICT_NON_COMPLIANT);
  g_assert_true (before->venue_room_vc);
  g_assert_cmpfloat_with_epsilon (before->travel_km, 2 * KM_VBG_UDD + 2 * KM_VBG_STR, EPSILON);

  g_assert_true (resfri_draft_make_travel_free (fixture->store, draft, NULL, &error));
  g_assert_no_error (error);
  g_assert_null (draft->room);
  g_assert_null (draft->site);

  after = resfri_draft_evaluate (fixture->store, draft, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (after->mode, ==, RESFRI_MODE_ONLINE);
  g_assert_cmpint (after->verdict, ==, RESFRI_VERDICT_TRAVEL_FREE);
  g_assert_cmpfloat (after->travel_km, ==, 0);
  g_assert_cmpfloat_with_epsilon (after->avoided_km, 2 * KM_UDD_STR, EPSILON);
  g_assert_null (after->venue_site);

  /* David owns a camera, no headset; both join online. */
  david = find_attendee (after, "david@str.se");
  g_assert_true (david->remote);
  g_assert_false (david->has_headset);
  g_assert_true (david->has_camera);
  g_assert_true (find_attendee (after, "cecilia@udd.se")->remote);
  g_assert_cmpuint (after->n_lacking, ==, 2);
}

/* The policy's own meeting service comes first. */
static void
test_meeting_link (void)
{
  g_autoptr(ResfriPolicy) policy = resfri_policy_new_default ();
  g_autofree char *jitsi = resfri_draft_dup_meeting_link (policy);
  g_autofree char *again = resfri_draft_dup_meeting_link (policy);
  g_autofree char *own = NULL;
  const char * const hosts[] = { "meet.vanersborg.se", NULL };

  g_assert_true (g_str_has_prefix (jitsi, "https://meet.jit.si/Resfri-"));
  g_assert_cmpuint (strlen (jitsi), ==, strlen ("https://meet.jit.si/Resfri-") + 12);
  g_assert_cmpstr (jitsi, !=, again);

  g_strfreev (policy->extra_meeting_hosts);
  policy->extra_meeting_hosts = g_strdupv ((char **) hosts);
  own = resfri_draft_dup_meeting_link (policy);
  g_assert_true (g_str_has_prefix (own, "https://meet.vanersborg.se/Resfri-"));
  g_assert_true (resfri_policy_is_meeting_host (policy, "meet.vanersborg.se"));
}

typedef struct
{
  const char *uid;
  guint       n;
  ResfriMode  mode;
  ResfriVerdict verdict;
  double      travel_km;
  double      avoided_km;
  gint64      start;
  gint64      end;
  guint       n_attendees;
} Stored;

static gboolean
stored_cb (const ResfriResolvedOccurrence *o,
           gpointer                        user_data)
{
  Stored *s = user_data;

  if (g_strcmp0 (o->uid, s->uid) != 0)
    return TRUE;
  s->n++;
  s->mode = o->mode;
  s->verdict = o->verdict;
  s->travel_km = o->travel_km;
  s->avoided_km = o->avoided_km;
  s->start = o->start;
  s->end = o->end;
  s->n_attendees = o->n_attendees;

  return TRUE;
}

static void
read_stored (ResfriStore *store,
             Stored      *stored)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (resfri_policy_check_occurrences (store, NULL, 0, 0, stored_cb, stored, NULL, &error));
  g_assert_no_error (error);
}

static void
assert_same (const Stored                *stored,
             const ResfriDraft           *draft,
             const ResfriDraftEvaluation *e)
{
  g_assert_cmpuint (stored->n, ==, 1);
  g_assert_cmpint (stored->mode, ==, e->mode);
  g_assert_cmpint (stored->verdict, ==, e->verdict);
  g_assert_cmpfloat_with_epsilon (stored->travel_km, e->travel_km, 1e-9);
  g_assert_cmpfloat_with_epsilon (stored->avoided_km, e->avoided_km, 1e-9);
  g_assert_cmpint (stored->start, ==, g_date_time_to_unix (draft->start));
  g_assert_cmpint (stored->end, ==, g_date_time_to_unix (draft->end));
}

/* Saved, the meeting is what the draft was: `check` (the resolver) gives
 * the verdict the composer showed, at the same instants (09:00Z–10:00Z).
 * Saved again, it replaces itself (SEQUENCE 1). The invitation is
 * METHOD:REQUEST with a VTIMEZONE and re-imports into another database to
 * the same verdict. */
static void
test_save_and_export (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autoptr(ResfriDraft) draft = new_draft ("anna@vbg.se", "cecilia@udd.se", "R2", NULL);
  g_autoptr(ResfriDraftEvaluation) e = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(icalcomponent) calendar = NULL;
  g_autoptr(ResfriStore) other = NULL;
  g_autofree char *ics = NULL;
  g_autofree char *other_path = NULL;
  Stored stored = { 0 };
  Stored reimported = { 0 };
  icalcomponent *vevent;
  icalproperty *prop;
  gint64 before = count_meetings (fixture->store);
  gsize length = 0;
  guint n_attendees = 0;
  guint n_rooms = 0;

  g_assert_true (resfri_draft_make_travel_free (fixture->store, draft, NULL, &error));
  e = resfri_draft_evaluate (fixture->store, draft, NULL, NULL, &error);
  g_assert_no_error (error);

  /* Not saved yet: nothing to export. */
  g_assert_null (resfri_draft_export_invitation (fixture->store, draft, NULL, &error));
  g_assert_error (error, RESFRI_ERROR, RESFRI_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_true (resfri_draft_save (fixture->store, draft, &error));
  g_assert_no_error (error);
  g_assert_nonnull (draft->uid);
  g_assert_cmpint (count_meetings (fixture->store), ==, before + 1);
  g_assert_cmpint (g_date_time_to_unix (draft->start), ==, 1805101200);  /* 2027-03-15T09:00Z */

  stored.uid = draft->uid;
  read_stored (fixture->store, &stored);
  assert_same (&stored, draft, e);
  g_assert_cmpuint (stored.n_attendees, ==, 2);

  /* Saved again after a change: the same meeting, replaced. */
  g_free (draft->summary);
  draft->summary = g_strdup ("Planering, andra versionen");
  g_assert_true (resfri_draft_save (fixture->store, draft, &error));
  g_assert_no_error (error);
  g_assert_cmpint (draft->sequence, ==, 1);
  g_assert_cmpint (count_meetings (fixture->store), ==, before + 1);

  ics = resfri_draft_export_invitation (fixture->store, draft, &length, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (length, ==, strlen (ics));
  g_assert_nonnull (strstr (ics, "METHOD:REQUEST\r\n"));
  g_assert_nonnull (strstr (ics, "BEGIN:VTIMEZONE\r\nTZID:Europe/Stockholm\r\n"));
  g_assert_nonnull (strstr (ics, "DTSTART;TZID=Europe/Stockholm:20270315T100000\r\n"));
  g_assert_nonnull (strstr (ics, "DTEND;TZID=Europe/Stockholm:20270315T110000\r\n"));
  g_assert_nonnull (strstr (ics, "SEQUENCE:1\r\n"));

  calendar = icalparser_parse_string (ics);
  g_assert_nonnull (calendar);
  vevent = icalcomponent_get_first_component (calendar, ICAL_VEVENT_COMPONENT);
  g_assert_nonnull (vevent);
  g_assert_cmpstr (icalcomponent_get_uid (vevent), ==, draft->uid);
  g_assert_cmpstr (icalcomponent_get_summary (vevent), ==, "Planering, andra versionen");
  g_assert_cmpstr (icalcomponent_get_location (vevent), ==, "Lilla rummet");
  g_assert_cmpstr (icalproperty_get_organizer (icalcomponent_get_first_property (vevent, ICAL_ORGANIZER_PROPERTY)),
                   ==, "mailto:anna@vbg.se");
  for (prop = icalcomponent_get_first_property (vevent, ICAL_ATTENDEE_PROPERTY); prop != NULL;
       prop = icalcomponent_get_next_property (vevent, ICAL_ATTENDEE_PROPERTY))
    {
      icalparameter *cutype = icalproperty_get_first_parameter (prop, ICAL_CUTYPE_PARAMETER);

      if (cutype != NULL && icalparameter_get_cutype (cutype) == ICAL_CUTYPE_ROOM)
        {
          g_assert_cmpstr (icalproperty_get_attendee (prop), ==, "mailto:lilla@udd.se");
          n_rooms++;
        }
      else
        {
          g_assert_cmpstr (icalproperty_get_attendee (prop), ==, "mailto:cecilia@udd.se");
          g_assert_cmpstr (icalproperty_get_parameter_as_string (prop, "CN"), ==, "Cecilia");
          n_attendees++;
        }
    }
  g_assert_cmpuint (n_attendees, ==, 1);
  g_assert_cmpuint (n_rooms, ==, 1);
  prop = icalcomponent_get_first_property (vevent, ICAL_CONFERENCE_PROPERTY);
  g_assert_nonnull (prop);
  g_assert_cmpstr (icalproperty_get_value_as_string (prop), ==, draft->online_url);

  /* Another database with the same registers reads it to the same verdict. */
  other_path = g_build_filename (fixture->dir, "other.db", NULL);
  other = resfri_store_open (other_path, &error);
  g_assert_no_error (error);
  fixture_fill (other);
  g_assert_true (resfri_store_import_ical (other, ics, length, "invitation.ics", NULL, &error));
  g_assert_no_error (error);
  reimported.uid = draft->uid;
  read_stored (other, &reimported);
  assert_same (&reimported, draft, e);
}

/* Hybrid in Sessionssalen (Vänersborg, video): Anna and Frida are there,
 * Cecilia joins from Uddevalla with nothing and Uddevalla has no loan pool:
 * the room is booked, her headset and camera are skipped. */
static void
test_book_room (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(ResfriDraft) draft = new_draft ("anna@vbg.se", "frida@vbg.se", "R1", NULL);
  g_autoptr(ResfriDraftBookings) bookings = NULL;
  g_autoptr(GError) error = NULL;
  const ResfriBooking *booking;

  g_assert_true (resfri_draft_add_attendee (draft, "cecilia@udd.se"));
  g_assert_true (resfri_draft_make_travel_free (fixture->store, draft, NULL, &error));
  g_assert_cmpstr (draft->room, ==, "R1");

  g_assert_null (resfri_draft_book (fixture->store, draft, NULL, &error));
  g_assert_error (error, RESFRI_ERROR, RESFRI_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_true (resfri_draft_save (fixture->store, draft, &error));
  bookings = resfri_draft_book (fixture->store, draft, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (bookings->booked->len, ==, 1);
  booking = g_ptr_array_index (bookings->booked, 0);
  g_assert_cmpint (booking->kind, ==, RESFRI_BOOKING_ROOM);
  g_assert_cmpstr (booking->resource, ==, "R1");
  g_assert_cmpstr (booking->uid, ==, draft->uid);
  g_assert_cmpuint (bookings->skipped->len, ==, 2);

  /* Booked once: a second try finds the room taken by this very meeting. */
  g_clear_pointer (&bookings, resfri_draft_bookings_free);
  bookings = resfri_draft_book (fixture->store, draft, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (bookings->booked->len, ==, 0);
  g_assert_cmpuint (bookings->skipped->len, ==, 3);
}

/* Save and Book books the room the meeting names, with video or not, and
 * never another in its place; a meeting at a site gets the smallest free
 * room there (with video when hybrid). */
static void
test_book_named_room (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autoptr(ResfriDraft) lilla = new_draft ("cecilia@udd.se", NULL, "R2", NULL);
  g_autoptr(ResfriDraft) taken = new_draft ("cecilia@udd.se", NULL, "R2", NULL);
  g_autoptr(ResfriDraft) at_vbg = new_draft ("anna@vbg.se", "frida@vbg.se", NULL, "VBG");
  g_autoptr(ResfriDraft) hybrid_udd = new_draft ("cecilia@udd.se", NULL, NULL, "UDD");
  g_autoptr(ResfriDraftBookings) bookings = NULL;
  g_autoptr(GError) error = NULL;
  const ResfriBooking *booking;

  /* In person in Lilla rummet (Uddevalla, no video): that room. */
  g_assert_true (resfri_draft_save (fixture->store, lilla, &error));
  bookings = resfri_draft_book (fixture->store, lilla, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (bookings->booked->len, ==, 1);
  booking = g_ptr_array_index (bookings->booked, 0);
  g_assert_cmpint (booking->kind, ==, RESFRI_BOOKING_ROOM);
  g_assert_cmpstr (booking->resource, ==, "R2");
  g_clear_pointer (&bookings, resfri_draft_bookings_free);

  /* A second meeting at the same time in the same room: taken, said, and
   * no other room is booked. */
  g_assert_true (resfri_draft_save (fixture->store, taken, &error));
  bookings = resfri_draft_book (fixture->store, taken, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (bookings->booked->len, ==, 0);
  g_assert_cmpuint (bookings->skipped->len, ==, 1);
  g_assert_nonnull (strstr (g_ptr_array_index (bookings->skipped, 0), "R2"));
  g_clear_pointer (&bookings, resfri_draft_bookings_free);

  /* In person at the site Vänersborg: its only room, Sessionssalen. */
  g_assert_true (resfri_draft_save (fixture->store, at_vbg, &error));
  bookings = resfri_draft_book (fixture->store, at_vbg, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (bookings->booked->len, ==, 1);
  booking = g_ptr_array_index (bookings->booked, 0);
  g_assert_cmpstr (booking->resource, ==, "R1");
  g_clear_pointer (&bookings, resfri_draft_bookings_free);

  /* Hybrid at the site Uddevalla: Lilla rummet has no video. */
  g_assert_true (resfri_draft_add_attendee (hybrid_udd, "anna@vbg.se"));
  g_assert_true (resfri_draft_make_travel_free (fixture->store, hybrid_udd, NULL, &error));
  g_assert_cmpint (resfri_draft_get_mode (hybrid_udd), ==, RESFRI_MODE_HYBRID);
  g_assert_true (resfri_draft_save (fixture->store, hybrid_udd, &error));
  bookings = resfri_draft_book (fixture->store, hybrid_udd, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < bookings->booked->len; i++)
    g_assert_cmpint (((ResfriBooking *) g_ptr_array_index (bookings->booked, i))->kind, !=,
                     RESFRI_BOOKING_ROOM);
  g_assert_nonnull (strstr (g_ptr_array_index (bookings->skipped, 0), "video"));
}

/* Online, organised by Cecilia: Frida (Vänersborg) has a headset and a
 * broken camera; the Vänersborg pool's camera C5 is lent to her. Cecilia's
 * headset and camera have no pool in Uddevalla. */
static void
test_book_items (Fixture       *fixture,
                 gconstpointer  user_data)
{
  g_autoptr(ResfriDraft) draft = new_draft ("cecilia@udd.se", "frida@vbg.se", NULL, NULL);
  g_autoptr(ResfriDraftBookings) bookings = NULL;
  g_autoptr(ResfriItem) item = NULL;
  g_autoptr(GError) error = NULL;
  const ResfriBooking *booking;

  g_assert_true (resfri_draft_make_travel_free (fixture->store, draft, NULL, &error));
  g_assert_cmpint (resfri_draft_get_mode (draft), ==, RESFRI_MODE_ONLINE);
  g_assert_true (resfri_draft_save (fixture->store, draft, &error));
  g_assert_no_error (error);

  bookings = resfri_draft_book (fixture->store, draft, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (bookings->booked->len, ==, 1);
  booking = g_ptr_array_index (bookings->booked, 0);
  g_assert_cmpint (booking->kind, ==, RESFRI_BOOKING_ITEM);
  g_assert_cmpstr (booking->resource, ==, "C5");
  g_assert_cmpstr (booking->person, ==, "frida@vbg.se");
  g_assert_cmpuint (bookings->skipped->len, ==, 2);

  /* Save and Book again, with a second free camera in the pool: Frida
   * has her loan, nothing more is lent. */
  item = resfri_inventory_add (fixture->store, "C6", "camera", "VBG", NULL, NULL, 0, &error);
  g_assert_no_error (error);
  g_clear_pointer (&bookings, resfri_draft_bookings_free);
  bookings = resfri_draft_book (fixture->store, draft, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (bookings->booked->len, ==, 0);
}

static void
test_invalid (Fixture       *fixture,
              gconstpointer  user_data)
{
  g_autoptr(ResfriDraft) draft = new_draft ("anna@vbg.se", NULL, "NOPE", NULL);
  g_autoptr(ResfriDraftEvaluation) e = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) early = NULL;

  e = resfri_draft_evaluate (fixture->store, draft, NULL, NULL, &error);
  g_assert_null (e);
  g_assert_error (error, RESFRI_ERROR, RESFRI_ERROR_INVALID_INPUT);
  g_clear_error (&error);

  /* An end before the start. */
  resfri_draft_set_venue (draft, NULL, "VBG");
  early = g_date_time_add_hours (draft->start, -2);
  g_date_time_unref (draft->end);
  draft->end = g_date_time_ref (early);
  g_assert_false (resfri_draft_save (fixture->store, draft, &error));
  g_assert_error (error, RESFRI_ERROR, RESFRI_ERROR_INVALID_INPUT);
  g_assert_null (draft->uid);
  g_clear_error (&error);

  /* A site venue: only Anna, who works there: local, no travel. */
  g_date_time_unref (draft->end);
  draft->end = g_date_time_add_hours (draft->start, 1);
  e = resfri_draft_evaluate (fixture->store, draft, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (e->verdict, ==, RESFRI_VERDICT_LOCAL);
  g_assert_cmpstr (e->venue_site, ==, "VBG");
}

/* Rooms first (by site name, then name), each with its address, then the
 * sites. */
static void
test_venues (Fixture       *fixture,
             gconstpointer  user_data)
{
  g_autoptr(GPtrArray) venues = NULL;
  g_autoptr(GError) error = NULL;
  const ResfriDraftVenue *v;

  venues = resfri_draft_list_venues (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (venues->len, ==, 2 + 4);
  v = g_ptr_array_index (venues, 0);
  g_assert_cmpstr (v->room, ==, "R2");          /* Uddevalla before Vänersborg */
  g_assert_cmpstr (v->site_name, ==, "Uddevalla");
  g_assert_false (v->vc);
  g_assert_cmpstr (v->email, ==, "lilla@udd.se");  /* the composer shows it as the room */
  v = g_ptr_array_index (venues, 1);
  g_assert_cmpstr (v->room, ==, "R1");
  g_assert_cmpint (v->capacity, ==, 40);
  g_assert_true (v->vc);
  g_assert_cmpstr (v->email, ==, "sessionssalen@vbg.se");
  v = g_ptr_array_index (venues, 2);
  g_assert_null (v->room);
  g_assert_null (v->email);
  g_assert_cmpstr (v->site, ==, "STR");          /* byte order: Åmål last */
}

/* The New Meeting window's work on a worker thread: the evaluation is the
 * synchronous one's; a save gives the draft its UID, a second one SEQUENCE
 * 1; Save and Book lends Frida the camera C5; a save that fails leaves the
 * draft as it was. */
static void
test_async (Fixture       *fixture,
            gconstpointer  user_data)
{
  g_autoptr(ResfriDraft) draft = new_draft ("anna@vbg.se", "cecilia@udd.se", "R2", NULL);
  g_autoptr(ResfriDraft) online = new_draft ("cecilia@udd.se", "frida@vbg.se", NULL, NULL);
  g_autoptr(ResfriDraftEvaluation) e = NULL;
  g_autoptr(ResfriDraftBookings) bookings = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) book_error = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) early = NULL;
  gint64 before = count_meetings (fixture->store);
  const ResfriBooking *booking;

  resfri_draft_evaluate_async (fixture->store, draft, NULL, resfri_test_ready, &result);
  e = resfri_draft_evaluate_finish (fixture->store, resfri_test_wait (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpint (e->verdict, ==, RESFRI_VERDICT_NON_COMPLIANT);
  g_assert_cmpfloat_with_epsilon (e->travel_km, 59.1048, EPSILON);
  g_assert_cmpint (count_meetings (fixture->store), ==, before);
  g_clear_object (&result);

  resfri_draft_save_async (fixture->store, draft, FALSE, NULL, resfri_test_ready, &result);
  g_assert_true (resfri_draft_save_finish (fixture->store, resfri_test_wait (&result), draft,
                                           &bookings, &book_error, &error));
  g_assert_no_error (error);
  g_assert_no_error (book_error);
  g_assert_null (bookings);
  g_assert_nonnull (draft->uid);
  g_assert_cmpint (draft->sequence, ==, 0);
  g_assert_cmpint (count_meetings (fixture->store), ==, before + 1);
  g_clear_object (&result);

  resfri_draft_save_async (fixture->store, draft, FALSE, NULL, resfri_test_ready, &result);
  g_assert_true (resfri_draft_save_finish (fixture->store, resfri_test_wait (&result), draft,
                                           NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (draft->sequence, ==, 1);
  g_assert_cmpint (count_meetings (fixture->store), ==, before + 1);
  g_clear_object (&result);

  g_assert_true (resfri_draft_make_travel_free (fixture->store, online, NULL, &error));
  resfri_draft_save_async (fixture->store, online, TRUE, NULL, resfri_test_ready, &result);
  g_assert_true (resfri_draft_save_finish (fixture->store, resfri_test_wait (&result), online,
                                           &bookings, &book_error, &error));
  g_assert_no_error (error);
  g_assert_no_error (book_error);
  g_assert_nonnull (online->uid);
  g_assert_cmpuint (bookings->booked->len, ==, 1);
  booking = g_ptr_array_index (bookings->booked, 0);
  g_assert_cmpstr (booking->resource, ==, "C5");
  g_assert_cmpstr (booking->person, ==, "frida@vbg.se");
  g_clear_object (&result);
  g_clear_pointer (&bookings, resfri_draft_bookings_free);

  /* An end before the start: not saved, the draft unchanged. */
  g_clear_pointer (&online->uid, g_free);
  early = g_date_time_add_hours (online->start, -2);
  g_date_time_unref (online->end);
  online->end = g_date_time_ref (early);
  resfri_draft_save_async (fixture->store, online, TRUE, NULL, resfri_test_ready, &result);
  g_assert_false (resfri_draft_save_finish (fixture->store, resfri_test_wait (&result), online,
                                            &bookings, &book_error, &error));
  g_assert_error (error, RESFRI_ERROR, RESFRI_ERROR_INVALID_INPUT);
  g_assert_null (bookings);
  g_assert_null (online->uid);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/draft/evaluate-in-person", test_evaluate_in_person);
  ADD ("/draft/travel-free-hybrid", test_travel_free_hybrid);
  ADD ("/draft/travel-free-online", test_travel_free_online);
  g_test_add_func ("/draft/meeting-link", test_meeting_link);
  ADD ("/draft/save-and-export", test_save_and_export);
  ADD ("/draft/book-room", test_book_room);
  ADD ("/draft/book-named-room", test_book_named_room);
  ADD ("/draft/book-items", test_book_items);
  ADD ("/draft/invalid", test_invalid);
  ADD ("/draft/venues", test_venues);
  ADD ("/draft/async", test_async);

  return g_test_run ();
}

/* resfri-draft.h
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A meeting being composed (the GUI's New Meeting window): checked against
 * the travel policy as it is typed, turned travel-free in one step, saved
 * as a VEVENT like an imported one, booked, and exported as an invitation.
 *
 * Evaluating a draft stores its VEVENT inside a transaction, resolves it
 * with resfri_policy_check_occurrences() (the same path as stored meetings, so
 * the verdict is the one `check` will give once it is saved) and rolls the
 * transaction back: nothing is written.
 *
 * The VEVENT of a draft (spec/policy.md reads it back):
 *   UID, DTSTAMP, SEQUENCE, SUMMARY,
 *   DTSTART/DTEND;TZID=Europe/Stockholm,
 *   ORGANIZER;CN=name:mailto:email,
 *   ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;
 *     RSVP=TRUE;CN=name:mailto:email for each attendee (not the organizer),
 *   a room venue: LOCATION:room name and, when the room has an email,
 *     ATTENDEE;CUTYPE=ROOM;ROLE=NON-PARTICIPANT;CN=name:mailto:room email,
 *   a site venue: LOCATION:site name,
 *   an online link: CONFERENCE;VALUE=URI;FEATURE=VIDEO:url, and in
 *     DESCRIPTION; LOCATION is the link when there is no venue.
 */

#pragma once

#include <gio/gio.h>

#include "resfri-ical.h"
#include "resfri-policy-settings.h"
#include "resfri-policy-check.h"
#include "resfri-store.h"

G_BEGIN_DECLS

#define RESFRI_TYPE_DRAFT (resfri_draft_get_type ())
#define RESFRI_TYPE_DRAFT_EVALUATION (resfri_draft_evaluation_get_type ())

/**
 * ResfriDraft:
 * @uid: (nullable): the meeting's UID: %NULL until it is first saved
 * @sequence: the SEQUENCE written by the next save
 * @summary: (nullable): the title
 * @start: (nullable): the start (any zone; written in Europe/Stockholm)
 * @end: (nullable): the end
 * @organizer: (nullable): the organizer's email
 * @attendees: (element-type utf8): the attendees' emails, each once, in the
 *   order added; the organizer need not be among them
 * @room: (nullable): the venue room's code
 * @site: (nullable): the venue site's code, when the venue is not a room
 * @online_url: (nullable): the online link
 *
 * Change the fields directly (g_free() / g_strdup()) or with the setters.
 */
typedef struct
{
  char      *uid;
  gint       sequence;
  char      *summary;
  GDateTime *start;
  GDateTime *end;
  char      *organizer;
  GPtrArray *attendees;
  char      *room;
  char      *site;
  char      *online_url;
} ResfriDraft;

/**
 * ResfriDraftAttendee:
 * @email: the address as the draft has it
 * @name: (nullable): the person's name from the people register
 * @site: (nullable): the code of the person's home site
 * @site_name: (nullable): its name
 * @organizer: whether this is the organizer
 * @internal: whether the policy counts the person (spec/policy.md
 *   "Internal attendees"); %FALSE for someone not in the people register
 * @one_way_km: the distance from the home site to the venue (0 without)
 * @remote: whether the person would join online (internal, and the
 *   meeting is online, or hybrid and the home site is not the venue's)
 * @has_headset: owns a working headset
 * @has_camera: owns a working camera
 */
typedef struct
{
  char     *email;
  char     *name;
  char     *site;
  char     *site_name;
  gboolean  organizer;
  gboolean  internal;
  double    one_way_km;
  gboolean  remote;
  gboolean  has_headset;
  gboolean  has_camera;
} ResfriDraftAttendee;

/**
 * ResfriDraftEvaluation:
 * @mode: the meeting's mode
 * @verdict: the policy's verdict
 * @exemption: (nullable): a recorded exemption of the (saved) meeting
 * @venue_site: (nullable): the code of the venue's site
 * @venue_site_name: (nullable): its name
 * @venue_room_vc: the venue is a room with fixed video equipment
 * @travel_km ... @avoided_hours: as spec/policy.md defines them
 * @attendees: (element-type ResfriDraftAttendee): the organizer first,
 *   then the attendees, each once
 * @n_lacking: internal attendees who lack a working headset or camera
 */
typedef struct
{
  ResfriMode     mode;
  ResfriVerdict  verdict;
  char          *exemption;
  char          *venue_site;
  char          *venue_site_name;
  gboolean       venue_room_vc;
  double         travel_km;
  double         travel_co2_kg;
  double         travel_cost_sek;
  double         travel_hours;
  double         avoided_km;
  double         avoided_co2_kg;
  double         avoided_cost_sek;
  double         avoided_hours;
  GPtrArray     *attendees;
  guint          n_lacking;
} ResfriDraftEvaluation;

GType                  resfri_draft_get_type            (void) G_GNUC_CONST;
ResfriDraft           *resfri_draft_new                 (void);
ResfriDraft           *resfri_draft_copy                (const ResfriDraft      *draft);
void                   resfri_draft_free                (ResfriDraft            *draft);

void                   resfri_draft_set_times           (ResfriDraft            *draft,
                                                         GDateTime              *start,
                                                         GDateTime              *end);
/* Adds @email (trimmed, without "mailto:") unless it is there already
 * (case-insensitive); FALSE when it was. */
gboolean               resfri_draft_add_attendee        (ResfriDraft            *draft,
                                                         const char             *email);
gboolean               resfri_draft_remove_attendee     (ResfriDraft            *draft,
                                                         const char             *email);
/* Sets the venue to a room (clears the site) or a site (clears the room);
 * both NULL: no venue. */
void                   resfri_draft_set_venue           (ResfriDraft            *draft,
                                                         const char             *room,
                                                         const char             *site);
ResfriMode             resfri_draft_get_mode            (const ResfriDraft      *draft);

/* The VEVENT the draft is saved as (see above), with @uid in place of the
 * draft's (NULL: the draft's, or a fresh one). Looks up names, the room and
 * the site in @store. RESFRI_ERROR_INVALID_INPUT without a start, with an
 * end before the start, or with an unknown room or site. */
icalcomponent         *resfri_draft_build_vevent        (ResfriStore            *store,
                                                         const ResfriDraft      *draft,
                                                         const char             *uid,
                                                         GError                **error);

GType                  resfri_draft_evaluation_get_type (void) G_GNUC_CONST;
ResfriDraftEvaluation *resfri_draft_evaluation_copy     (const ResfriDraftEvaluation *evaluation);
void                   resfri_draft_evaluation_free     (ResfriDraftEvaluation  *evaluation);

/* Evaluates the draft without storing it (see above). @policy NULL: the
 * store's. Must not be called inside a transaction of @store. */
ResfriDraftEvaluation *resfri_draft_evaluate            (ResfriStore            *store,
                                                         const ResfriDraft      *draft,
                                                         const ResfriPolicy     *policy,
                                                         GCancellable           *cancellable,
                                                         GError                **error);

/* The link "make it travel-free" sets: https://HOST/Resfri-RANDOM on the
 * first meeting host added in the settings (the organisation's own
 * service), else on meet.jit.si (Jitsi: any room name is a meeting). */
char                  *resfri_draft_dup_meeting_link    (const ResfriPolicy     *policy);

/* Makes the draft travel-free in one step: gives it an online link (unless
 * it has one) and keeps the venue only when some internal attendee works at
 * the venue's site (they meet in the room: hybrid); otherwise the venue is
 * dropped (online). Returns whether anything changed. */
gboolean               resfri_draft_make_travel_free    (ResfriStore            *store,
                                                         ResfriDraft            *draft,
                                                         const ResfriPolicy     *policy,
                                                         GError                **error);

/* Stores the draft as a meeting in one transaction (source "composer"):
 * a fresh UID the first time (set in @draft), SEQUENCE incremented on each
 * later save. */
gboolean               resfri_draft_save                (ResfriStore            *store,
                                                         ResfriDraft            *draft,
                                                         GError                **error);

/**
 * ResfriDraftBookings:
 * @booked: (element-type ResfriBooking): what was booked
 * @skipped: (element-type utf8): what was not, in words (translated)
 */
typedef struct
{
  GPtrArray *booked;
  GPtrArray *skipped;
} ResfriDraftBookings;

void                   resfri_draft_bookings_free       (ResfriDraftBookings    *bookings);

/* Books what the saved meeting needs: for a hybrid or in-person meeting
 * the room it names (with video or not; when it is taken, that is said in
 * @skipped and no other room is booked in its place), or, for a meeting at
 * a site without a room, the smallest free room there with room for those
 * present, with video equipment when the meeting is hybrid; for every
 * remote attendee who lacks
 * a working headset or camera a free loan item of that type at their home
 * site. What cannot be booked is listed in @skipped, not an error. */
ResfriDraftBookings   *resfri_draft_book                (ResfriStore            *store,
                                                         const ResfriDraft      *draft,
                                                         const ResfriPolicy     *policy,
                                                         GError                **error);

/* The saved meeting as an invitation: METHOD:REQUEST with the VTIMEZONE of
 * Europe/Stockholm and what was booked (resfri_store_export_meeting_ical()).
 * RESFRI_ERROR_NOT_FOUND when the draft has not been saved. */
char                  *resfri_draft_export_invitation   (ResfriStore            *store,
                                                         const ResfriDraft      *draft,
                                                         gsize                  *length,
                                                         GError                **error);

/**
 * ResfriDraftVenue:
 * @room: (nullable): the room's code; %NULL for a whole site
 * @name: the room's or the site's name
 * @site: the site's code
 * @site_name: the site's name
 * @capacity: the room's capacity (0 for a site)
 * @vc: the room has fixed video equipment
 * @email: (nullable): the room's address in the rooms register (%NULL for
 *   a site or a room without one)
 */
typedef struct
{
  char     *room;
  char     *name;
  char     *site;
  char     *site_name;
  gint64    capacity;
  gboolean  vc;
  char     *email;
} ResfriDraftVenue;

void                   resfri_draft_venue_free          (ResfriDraftVenue       *venue);
/* (element-type ResfriDraftVenue) Every room (by site name, then room
 * name), then every site, for the venue picker. */
GPtrArray             *resfri_draft_list_venues         (ResfriStore            *store,
                                                         GError                **error);

/* resfri_draft_evaluate() of a copy of @draft with the store's policy, on a
 * worker thread with a connection of its own. */
void                   resfri_draft_evaluate_async      (ResfriStore            *store,
                                                         const ResfriDraft      *draft,
                                                         GCancellable           *cancellable,
                                                         GAsyncReadyCallback     callback,
                                                         gpointer                user_data);
ResfriDraftEvaluation *resfri_draft_evaluate_finish     (ResfriStore            *store,
                                                         GAsyncResult           *result,
                                                         GError                **error);

/* resfri_draft_save() of a copy of @draft on a worker thread with a
 * connection of its own, and with @book resfri_draft_book() (the store's
 * policy) once it is saved. The finish gives @draft the UID and SEQUENCE of
 * the save, as resfri_draft_save() does, and @bookings (optional) what was
 * booked; FALSE and @error when the meeting was not saved. Booking can fail
 * after the save, which stands: then @bookings is NULL and @book_error says
 * why. */
void                   resfri_draft_save_async          (ResfriStore            *store,
                                                         const ResfriDraft      *draft,
                                                         gboolean                book,
                                                         GCancellable           *cancellable,
                                                         GAsyncReadyCallback     callback,
                                                         gpointer                user_data);
gboolean               resfri_draft_save_finish         (ResfriStore            *store,
                                                         GAsyncResult           *result,
                                                         ResfriDraft            *draft,
                                                         ResfriDraftBookings   **bookings,
                                                         GError                **book_error,
                                                         GError                **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ResfriDraft, resfri_draft_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ResfriDraftEvaluation, resfri_draft_evaluation_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ResfriDraftBookings, resfri_draft_bookings_free)

G_END_DECLS

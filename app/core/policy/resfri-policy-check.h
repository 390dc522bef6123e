/* resfri-policy-check.h
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Resolving meeting occurrences against the registers and the travel
 * policy (spec/policy.md): venue, online link, mode, internal attendees,
 * distances, travel and travel avoided, verdict.
 */

#pragma once

#include "resfri-policy-settings.h"
#include "resfri-store.h"

G_BEGIN_DECLS

typedef enum
{
  RESFRI_MODE_UNKNOWN,
  RESFRI_MODE_ONLINE,
  RESFRI_MODE_HYBRID,
  RESFRI_MODE_IN_PERSON,
} ResfriMode;

typedef enum
{
  RESFRI_VERDICT_UNKNOWN,
  RESFRI_VERDICT_TRAVEL_FREE,
  RESFRI_VERDICT_LOCAL,
  RESFRI_VERDICT_EXEMPT,
  RESFRI_VERDICT_NON_COMPLIANT,
} ResfriVerdict;

/* "online", "hybrid", "in_person", "unknown" */
const char *resfri_mode_to_string    (ResfriMode    mode);
/* "travel_free", "local", "exempt", "non_compliant", "unknown" */
const char *resfri_verdict_to_string (ResfriVerdict verdict);
/* The verdict in words for people, translated: "Travel-free", "Local",
 * "Exempt", "Non-compliant", "Unknown" (the CLI's text output, the badges
 * of the Meetings view and the composer). */
const char *resfri_verdict_get_label (ResfriVerdict verdict);

typedef struct
{
  gint64      person_id;     /* people.id */
  const char *email;
  gint64      home_site_id;  /* people.site_id */
  gint64      unit_id;
  double      one_way_km;    /* d(home site, venue site); 0 without a venue */
  gboolean    has_headset;   /* owns an item of that type in state ok */
  gboolean    has_camera;
} ResfriResolvedAttendee;

typedef struct
{
  gint64        occurrence_id;
  const char   *uid;
  const char   *recurrence_id;   /* "" for a non-recurring event */
  gint64        start;           /* UTC unix seconds */
  gint64        end;
  const char   *summary;
  const char   *organizer;       /* email or NULL */
  gint64        organizer_id;    /* people.id, 0 when external/none */
  gint64        organizer_unit_id;   /* 0 when external ("(none)" in reports) */
  ResfriMode    mode;
  gint64        venue_site_id;   /* 0 = no venue */
  gint64        venue_room_id;   /* 0 = venue is a site, not a room */
  gboolean      venue_room_vc;   /* the room has fixed video equipment */
  const char   *online_url;      /* or NULL */
  const ResfriResolvedAttendee *attendees;  /* internal attendees (spec/policy.md
                                             * "Internal attendees"), each once */
  guint         n_attendees;
  guint         n_unregistered;  /* the organiser and individual attendees
                                  * (not declined) not in the people register */
  ResfriVerdict verdict;
  const char   *exemption;       /* reason id or NULL */
  double        travel_km;       /* spec/policy.md "Travel of an occurrence" */
  double        travel_co2_kg;
  double        travel_cost_sek;
  double        travel_hours;
  double        avoided_km;
  double        avoided_co2_kg;
  double        avoided_cost_sek;
  double        avoided_hours;
  guint         trips_short;     /* person round trips with one-way < 100 km */
  guint         trips_long;      /* ... >= 100 km */
  gint64        meeting_id;      /* the meeting row in force: the occurrences of
                                  * one share every field but the five above
                                  * summary and, by their exemption, verdict
                                  * and exemption */
} ResfriResolvedOccurrence;

/* Called once per occurrence, ordered by start then uid then recurrence_id.
 * Everything the struct points to is valid only during the call. Return
 * FALSE to stop early. The callback may read and write the store, but must
 * not call resfri_policy_check_occurrences() on it again (the outer query is one
 * of the store's cached statements). */
typedef gboolean (*ResfriPolicyCheckFunc) (const ResfriResolvedOccurrence *occurrence,
                                           gpointer                        user_data);

/* Resolves every non-cancelled occurrence whose interval intersects
 * [from, to) (a zero-length one when from <= start < to; from = to = 0:
 * every stored occurrence) with @policy (NULL: the store's settings).
 *
 * @exemption is the recorded exemption that applies to the occurrence (its
 * own, else its meeting's), whatever the verdict; the verdict is `exempt`
 * only for an in-person occurrence with travel.
 *
 * Details the spec leaves open: of several CUTYPE=ROOM attendees that are
 * known rooms, the one with the smallest email is the venue; a room's name
 * wins over another room's alias; of several site names LOCATION starts
 * with, the longest wins; the ORGANIZER, when a known person, is internal
 * whatever their own ATTENDEE line says; trips_short/trips_long count the
 * internal attendees of an in-person occurrence whose home site is not the
 * venue's (a one-way distance of exactly 100 km is long). */
gboolean resfri_policy_check_occurrences (ResfriStore            *store,
                                          const ResfriPolicy     *policy,
                                          gint64                  from,
                                          gint64                  to,
                                          ResfriPolicyCheckFunc   func,
                                          gpointer                user_data,
                                          GCancellable           *cancellable,
                                          GError                **error);

/* Called after each turn of a check in turns, with that turn's data, in
 * the order of the turns; return FALSE to stop. */
typedef gboolean (*ResfriPolicyTurnDoneFunc) (gpointer user_data);

/* resfri_policy_check_occurrences(), but where a long window's
 * occurrences are many, they come in turns of a few thousand on two
 * threads at once: the first, third… turn to @func with @user_data here,
 * the others with @second_user_data on a thread. Each part has its
 * occurrences in order, the two at once, so @func must bear that and must
 * not use the store. After each turn, once the turn before has had it,
 * @turn_done is called with that turn's data: one at a time, in order,
 * so that it can write what the turn made. Otherwise every occurrence goes
 * to @user_data, @turn_done is not called and @second_user_data gets
 * none. Once @func or @turn_done stops in a turn, no later turn goes on
 * (the earlier ones end, as one pass would have had them). */
gboolean resfri_policy_check_occurrences_in_turns (ResfriStore              *store,
                                                   const ResfriPolicy       *policy,
                                                   gint64                    from,
                                                   gint64                    to,
                                                   ResfriPolicyCheckFunc     func,
                                                   gpointer                  user_data,
                                                   gpointer                  second_user_data,
                                                   ResfriPolicyTurnDoneFunc  turn_done,
                                                   GCancellable             *cancellable,
                                                   GError                  **error);

/* Great-circle distance × detour factor, or the distance table
 * (spec/policy.md); 0 for the same site, and for an unknown site. */
double   resfri_policy_site_distance     (ResfriStore            *store,
                                          const ResfriPolicy     *policy,
                                          gint64                  site_a,
                                          gint64                  site_b);

G_END_DECLS

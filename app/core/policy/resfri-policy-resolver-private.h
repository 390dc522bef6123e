/* resfri-policy-resolver-private.h
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The policy check's resolution of one meeting row, shared between the
 * check of the occurrences (resfri-policy-check.c) and the resolution of
 * every meeting row ahead, in two ranges at once where it can
 * (resfri-policy-meetings.c).
 */

#pragma once

#include "resfri-policy-check.h"
#include "resfri-policy-reader-private.h"
#include "resfri-registers.h"

G_BEGIN_DECLS

typedef struct
{
  char       *summary;
  char       *organizer;
  gint64      organizer_id;
  gint64      organizer_unit_id;
  gint64      organizer_site_id;
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
  guint       n_unregistered;  /* organiser and attendees not in the register */
  char       *uid;             /* the uid of its first occurrence checked, and */
  gboolean    uid_exempt;      /* whether any exemption names that uid */
} Meeting;

typedef struct
{
  ResfriStore        *store;
  const ResfriPolicy *policy;
  ResfriRegisters    *registers;
  GHashTable         *exemptions;     /* "uid\nrecurrence-id" → reason */
  GHashTable         *exempt_uids;    /* uids with an exemption */
  guint64            *exempt_filter;  /* (nullable) EXEMPT_FILTER_BITS bits, one set
                                       * by each of @exempt_uids (uid_filter_bit()) */
  GHashTable         *meetings;       /* gint64 * id → Meeting * */
  gboolean            no_overrides;   /* no RANGE=THISANDFUTURE override is stored */
  GPtrArray          *by_id;          /* Meeting * by id, when all are resolved ahead;
                                       * NULL where r->meetings holds them */
  gboolean            latin1_down;    /* latin1_down_is_simple() */
  GHashTable         *folded;         /* LOCATION → resfri_registers_fold() of it */
  GHashTable         *attendees;      /* ATTENDEE address as stored → its person,
                                       * or &no_person: each is lowered once */
  ResfriPolicyCheckFunc func;
  gpointer            user_data;
  ResfriPolicyTurnDoneFunc turn_done; /* of a check in turns, with user_data */
  gboolean            shared;         /* checked on two threads at once: meetings
                                       * are only read, none resolved */
} Resolver;

typedef struct
{
  Resolver  *r;
  Meeting   *m;
  GPtrArray *room_emails;
} AttendeeScan;

void      _resfri_policy_meeting_free   (gpointer       data);
/* Frees what @r holds (registers, caches, meetings); @r itself stays. */
void      _resfri_policy_resolver_clear (Resolver      *r);
/* Frees *@text and sets it to NULL unless it is valid UTF-8. */
void      _resfri_policy_drop_invalid   (char         **text);
/* @m as meeting row @meeting_id's resolution, replacing any before. */
void      _resfri_policy_store_meeting  (Resolver      *r,
                                         gint64         meeting_id,
                                         Meeting       *m);
/* A new Meeting for row @meeting_id, kept in @r, with its organiser,
 * summary and link (taking the strings); its attendees follow
 * (_resfri_policy_scan_attendee() with an AttendeeScan), then
 * _resfri_policy_resolve_finish(). */
Meeting  *_resfri_policy_resolve_begin  (Resolver      *r,
                                         gint64         meeting_id,
                                         char          *organizer,
                                         char          *summary,
                                         char          *online_url,
                                         GError       **error);
/* An ATTENDEE row (a ResfriStoredAttendeeFunc with an AttendeeScan). */
gboolean  _resfri_policy_scan_attendee  (const char    *raw_email,
                                         const char    *raw_cutype,
                                         const char    *raw_partstat,
                                         gpointer       user_data,
                                         GError       **error);
/* The venue (from @room_emails, sorted here, and @location) and the mode
 * of @m once its attendees are in: lookups in the registers only, which
 * several threads may make at once in one snapshot of every person... */
void      _resfri_policy_resolve_venue  (Resolver      *r,
                                         Meeting       *m,
                                         const char    *location,
                                         GPtrArray     *room_emails);
/* ...then the distances and the travel of @m: the registers' distances
 * fill a cache, so one thread at a time. */
void      _resfri_policy_resolve_travel (Resolver      *r,
                                         Meeting       *m);
/* Both of the above. */
void      _resfri_policy_resolve_finish (Resolver      *r,
                                         Meeting       *m,
                                         const char    *location,
                                         GPtrArray     *room_emails);

/* Every meeting row resolved ahead into r->by_id (and r->meetings where
 * the ids are sparse), r->no_overrides set; with the registers @reader
 * reads where it is not %NULL (then in two ranges of ids, on two threads,
 * where there are many rows), else r->registers
 * (resfri-policy-meetings.c). */
gboolean  _resfri_policy_resolve_all_meetings (Resolver            *r,
                                               ResfriPolicyReader  *reader,
                                               GCancellable        *cancellable,
                                               GError             **error);

/* For tests: the reading of every meeting row ahead splits at meeting id
 * @first_id (the second thread reads from it on) whatever the number of
 * rows, where @first_id > 0; never, where it is 0; by the number of rows,
 * where it is -1 (the default). */
void      _resfri_policy_split_meetings_at    (gint64               first_id);

G_END_DECLS

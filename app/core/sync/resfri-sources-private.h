/* resfri-sources-private.h
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the sync (resfri-sync.c) asks of the owner of the sync tables
 * (resfri-sources.c). Each runs in the caller's transaction where it writes.
 * A key is "UID\x1fRECURRENCE-ID" (resfri_sync_key()).
 */

#pragma once

#include "resfri-sources.h"

G_BEGIN_DECLS

#define RESFRI_SYNC_KEY_SEPARATOR '\x1f'

/* One VEVENT a resource holds. */
typedef struct
{
  char     *uid;
  char      recurrence_id[20];
  gboolean  organizer;
  gint64    sequence;
  gint64    stamp;
  gint64    text_start;   /* the VEVENT's bytes in the resource; -1: unknown */
  gint64    text_length;
} ResfriSyncCopy;

void        _resfri_sync_copy_clear          (gpointer             copy);

/* One occurrence of an event of a room's or item's calendar that is no
 * meeting (another installation's Resfri booking): it reserves the
 * calendar's room or item (sync_reservations). */
typedef struct
{
  char     *uid;
  char      recurrence_id[20];
  char     *summary;
  gint64    start;
  gint64    end;
} ResfriSyncReservation;

void        _resfri_sync_reservation_clear   (gpointer             reservation);

/* href → ETag of the resources of @calendar_id. */
GHashTable *_resfri_sources_dup_etags         (ResfriStore         *store,
                                               gint64               calendar_id,
                                               GError             **error);
/* Stores (or replaces) a resource, its copies and its reservations (of
 * ResfriSyncReservation, may be NULL); the keys it held before and holds
 * now are added to @touched; its new id in @resource_id. */
gboolean    _resfri_sources_put_resource      (ResfriStore         *store,
                                               gint64               calendar_id,
                                               const char          *href,
                                               const char          *etag,
                                               const char          *ical,
                                               GArray              *copies,
                                               GArray              *reservations,
                                               GHashTable          *touched,
                                               gint64              *resource_id,
                                               GError             **error);
/* Removes a resource; the keys it held are added to @touched. */
gboolean    _resfri_sources_delete_resource   (ResfriStore         *store,
                                               gint64               calendar_id,
                                               const char          *href,
                                               GHashTable          *touched,
                                               GError             **error);
/* Removes every resource of @calendar_id (unfollowed), or of every
 * calendar of @source_id when @calendar_id is -1; keys into @touched. */
gboolean    _resfri_sources_clear_resources   (ResfriStore         *store,
                                               gint64               source_id,
                                               gint64               calendar_id,
                                               GHashTable          *touched,
                                               GError             **error);
/* The copy of @uid + @recurrence_id that wins among the followed
 * calendars: the organiser's, else the highest SEQUENCE, then the latest
 * LAST-MODIFIED/DTSTAMP; its resource's text in @ical, the copy's VEVENT
 * at @text_start for @text_length bytes (-1 when not known). FALSE
 * without error when none holds it. */
gboolean    _resfri_sources_find_winner       (ResfriStore         *store,
                                               const char          *uid,
                                               const char          *recurrence_id,
                                               gint64              *resource_id,
                                               char               **href,
                                               char               **ical,
                                               gint64              *text_start,
                                               gint64              *text_length,
                                               GError             **error);
gboolean    _resfri_sources_set_calendar_state (ResfriStore        *store,
                                               gint64               calendar_id,
                                               const char          *sync_token,
                                               const char          *ctag,
                                               const char          *last_error,
                                               GError             **error);
gboolean    _resfri_sources_set_source_state  (ResfriStore         *store,
                                               gint64               source_id,
                                               const char          *etag,
                                               gint64               last_sync,
                                               const char          *last_error,
                                               GError             **error);
gboolean    _resfri_sources_set_following     (ResfriStore         *store,
                                               gint64               source_id,
                                               const char          *href,
                                               const char          *role,
                                               const char          *target,
                                               gboolean             following,
                                               gint64              *calendar_id,
                                               GError             **error);
gboolean    _resfri_sources_delete            (ResfriStore         *store,
                                               gint64               source_id,
                                               GError             **error);

/* The followed CalDAV calendar of a room or item (@role "room" or "item",
 * @target its code or tag); *@calendar_id -1 when there is none. */
gboolean    _resfri_sources_find_resource_calendar (ResfriStore  *store,
                                               const char          *role,
                                               const char          *target,
                                               gint64              *source_id,
                                               gint64              *calendar_id,
                                               char               **href,
                                               GError             **error);
/* Where Resfri's booking @booking_id is on the server. */
gboolean    _resfri_sources_put_booking       (ResfriStore         *store,
                                               gint64               booking_id,
                                               gint64               calendar_id,
                                               const char          *href,
                                               const char          *etag,
                                               GError             **error);
gboolean    _resfri_sources_get_booking       (ResfriStore         *store,
                                               gint64               booking_id,
                                               gint64              *source_id,
                                               char               **calendar_href,
                                               char               **href,
                                               char               **etag,
                                               GError             **error);
/* NULL when the booking is not on a server. */
char       *_resfri_sources_dup_booking_href  (ResfriStore         *store,
                                               gint64               booking_id);
gboolean    _resfri_sources_delete_booking    (ResfriStore         *store,
                                               gint64               booking_id,
                                               GError             **error);

/* Reconciling (resfri-server-bookings.c): the bookings not yet ended
 * (end after @now) of a room or item whose calendar is followed that are
 * not on the server; the rows of bookings that no longer exist. Ids into
 * @ids (gint64). */
gboolean    _resfri_sources_list_unpushed_bookings (ResfriStore  *store,
                                               gint64               now,
                                               GArray              *ids,
                                               GError             **error);
gboolean    _resfri_sources_list_orphan_bookings (ResfriStore    *store,
                                               GArray              *ids,
                                               GError             **error);
/* The role ("room", "item") and target of the calendar holding booking
 * @booking_id; both NULL when it is not on a server. */
gboolean    _resfri_sources_get_booking_target (ResfriStore      *store,
                                               gint64               booking_id,
                                               char               **role,
                                               char               **target,
                                               GError             **error);
/* The organiser's copy of meeting @uid in a followed CalDAV calendar (the
 * resource holding the master first): its source and href; @href NULL
 * when the sync holds none. */
gboolean    _resfri_sources_find_organiser_copy (ResfriStore     *store,
                                               const char          *uid,
                                               gint64              *source_id,
                                               char               **href,
                                               GError             **error);
/* How many bookings room @room (its code) has for meeting @uid, of
 * occurrence @recurrence_id (NULL: any); -1 with @error. */
gint64      _resfri_sources_count_room_bookings (ResfriStore     *store,
                                               const char          *uid,
                                               const char          *recurrence_id,
                                               const char          *room,
                                               GError             **error);
/* What the followed room calendars (@room TRUE) or item calendars
 * reserve, for bookings/ (spec/sync.md, "Reservations that the calendar
 * already holds"): every occurrence of a meeting such a calendar holds
 * that is not cancelled and has a duration, and every other event of it
 * (sync_reservations). Those of room or item @id (0: every one) that
 * intersect [from, to) are appended to @into as bookings of source
 * calendar with id 0, by start, and their room's or item's row id to @ids
 * (may be NULL). */
gboolean    _resfri_sources_read_reservations (ResfriStore         *store,
                                               gboolean             room,
                                               gint64               id,
                                               gint64               from,
                                               gint64               to,
                                               GPtrArray           *into,
                                               GArray              *ids,
                                               GError             **error);
/* What the followed pool calendars (`sources follow --pool SITE/TYPE`)
 * reserve, as _resfri_sources_read_reservations(): each occurrence one
 * item of the pool, as a booking of kind item whose resource is
 * "SITE/TYPE" and type the type; those of site @site_id (0: every site),
 * their site's row id to @site_ids (may be NULL). */
gboolean    _resfri_sources_read_pool_reservations (ResfriStore  *store,
                                               gint64               site_id,
                                               gint64               from,
                                               gint64               to,
                                               GPtrArray           *into,
                                               GArray              *site_ids,
                                               GError             **error);

/* One person's rows (spec/privacy.md; resfri-sources-person.c). The
 * calendars that hold their calendar: theirs by target, account or href,
 * or holding the organiser's copy of a meeting they organise. */
typedef void (*ResfriPersonCalendarFunc) (gint64      source_id,
                                          const char *source_url,
                                          const char *href,
                                          const char *name,
                                          const char *role,
                                          gboolean    following,
                                          gpointer    user_data);

gboolean    _resfri_sources_read_person_calendars (ResfriStore               *store,
                                                   const char                *email,
                                                   ResfriPersonCalendarFunc   func,
                                                   gpointer                   user_data,
                                                   GError                   **error);
/* 1 (@calendar: its name) when a followed calendar is @email's own or
 * holds a meeting they organise, 0 when none, -1 and @error. */
int         _resfri_sources_person_in_followed    (ResfriStore               *store,
                                                   const char                *email,
                                                   char                     **calendar,
                                                   GError                   **error);
/* @email and @name become @pseudonym and @pseudonym_name in every stored
 * resource; unfollowed calendars named after them go. */
gboolean    _resfri_sources_pseudonymise_person   (ResfriStore               *store,
                                                   const char                *email,
                                                   const char                *name,
                                                   const char                *pseudonym,
                                                   const char                *pseudonym_name,
                                                   GError                   **error);

G_END_DECLS

/* resfri-bookings-private.h
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the files of the bookings folder share. resfri-bookings.c owns the
 * bookings table and is the folder's one file with SQL: it reads and writes
 * bookings and reads what a booking names (rooms, items, people, sites,
 * occurrences); free rooms, room bookings, loans and utilisation call it,
 * and the allocation reads the loan pools' bookings through it. Not for
 * the CLI or the UI.
 */

#pragma once

#include "resfri-bookings.h"
#include "resfri-store-private.h"

G_BEGIN_DECLS

/* A room's row id, code and seats. */
typedef struct
{
  gint64  id;
  char   *code;
  gint64  capacity;
} RoomKeys;

/* An equipment item as the loan rules need it. */
typedef struct
{
  gint64  id;
  char   *tag;
  char   *type;
  gint64  site_id;
  gint64  owner_id;
  char   *state;
} ItemRow;

void           _resfri_bookings_item_row_clear     (ItemRow       *row);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ItemRow, _resfri_bookings_item_row_clear)

/* Europe/Stockholm (UTC without tzdata): working hours and the local times
 * of messages. */
GTimeZone     *_resfri_bookings_home_zone          (void);
/* @t as a local "YYYY-MM-DD HH:MM" for messages. */
char          *_resfri_bookings_format_local       (gint64         t);

/* INVALID_INPUT with @message when @text is NULL or empty. */
gboolean       _resfri_bookings_check_text         (const char    *text,
                                                    const char    *message,
                                                    GError       **error);
/* INVALID_INPUT unless @end > @start. */
gboolean       _resfri_bookings_check_duration     (gint64         start,
                                                    gint64         end,
                                                    GError       **error);

/* Reads inside one transaction, so that the answer is one state of the
 * database; inside the caller's transaction when there is one. */
gboolean       _resfri_bookings_begin_read         (ResfriStore   *store,
                                                    gboolean      *owned,
                                                    GError       **error);
void           _resfri_bookings_end_read           (ResfriStore   *store,
                                                    gboolean       owned);

/* Bookings */
ResfriBooking *_resfri_bookings_get                (ResfriStore   *store,
                                                    gint64         id,
                                                    GError       **error);
gint64         _resfri_bookings_insert_row         (ResfriStore   *store,
                                                    gint64         room_id,
                                                    gint64         equipment_id,
                                                    gint64         person_id,
                                                    const char    *uid,
                                                    const char    *recurrence_id,
                                                    gint64         start,
                                                    gint64         end,
                                                    GError       **error);
/* resfri-booking.c: inserts one booking with its row of the audit log,
 * which names the booking and @resource (the room's code or the item's
 * tag), never the borrower; the new id, or 0 with @error. Every booking
 * is made here. */
gint64         _resfri_bookings_insert             (ResfriStore   *store,
                                                    gint64         room_id,
                                                    gint64         equipment_id,
                                                    gint64         person_id,
                                                    const char    *resource,
                                                    const char    *uid,
                                                    const char    *recurrence_id,
                                                    gint64         start,
                                                    gint64         end,
                                                    GError       **error);
gboolean       _resfri_bookings_delete             (ResfriStore   *store,
                                                    gint64         id,
                                                    GError       **error);
/* After the commit of new bookings: writes them to their resource
 * calendars (sync/resfri-server-bookings.c); when that fails (a conflict
 * on the server) they are removed again and FALSE returned. */
gboolean       _resfri_bookings_after_book         (ResfriStore   *store,
                                                    GPtrArray     *booked,
                                                    GError       **error);
gboolean       _resfri_bookings_after_book_one     (ResfriStore   *store,
                                                    ResfriBooking *booking,
                                                    GError       **error);
gint64         _resfri_bookings_find_overlap       (ResfriStore   *store,
                                                    gboolean       room,
                                                    gint64         resource_id,
                                                    gint64         start,
                                                    gint64         end,
                                                    GError       **error);
void           _resfri_bookings_explain_conflict   (ResfriStore   *store,
                                                    gboolean       room,
                                                    const char    *name,
                                                    gint64         resource_id,
                                                    gint64         start,
                                                    gint64         end,
                                                    GError       **error);
int            _resfri_bookings_has_loan           (ResfriStore   *store,
                                                    const char    *uid,
                                                    const char    *recurrence_id,
                                                    gint64         person_id,
                                                    const char    *type,
                                                    GError       **error);

/* Occurrences */
gboolean       _resfri_bookings_find_occurrence    (ResfriStore   *store,
                                                    const char    *uid,
                                                    const char    *recurrence_id,
                                                    gint64        *start,
                                                    gint64        *end,
                                                    gint64        *headcount,
                                                    GError       **error);
GPtrArray     *_resfri_bookings_series_occurrences (ResfriStore   *store,
                                                    const char    *uid,
                                                    GError       **error);

/* Rooms, items, people, sites */
gboolean       _resfri_bookings_find_room          (ResfriStore   *store,
                                                    const char    *room,
                                                    RoomKeys      *keys,
                                                    GError       **error);
GPtrArray     *_resfri_bookings_query_rooms        (ResfriStore   *store,
                                                    const char    *site,
                                                    gint64         min_capacity,
                                                    gboolean       vc_only,
                                                    gboolean       free_only,
                                                    gint64         start,
                                                    gint64         end,
                                                    GArray        *ids,
                                                    GError       **error);
gboolean       _resfri_bookings_read_item          (ResfriStore   *store,
                                                    const char    *tag,
                                                    gint64         id,
                                                    ItemRow       *row,
                                                    GError       **error);
gint64         _resfri_bookings_find_free_item     (ResfriStore   *store,
                                                    gint64         site_id,
                                                    const char    *type,
                                                    gint64         start,
                                                    gint64         end,
                                                    GError       **error);
gboolean       _resfri_bookings_read_person        (ResfriStore   *store,
                                                    const char    *email,
                                                    gint64         id,
                                                    gint64        *person_id,
                                                    gint64        *site_id,
                                                    GError       **error);
gboolean       _resfri_bookings_read_site          (ResfriStore   *store,
                                                    gint64         site_id,
                                                    char         **code,
                                                    char         **name,
                                                    GError       **error);

/* Utilisation: the loan pools (site, type, size) and the video rooms as they
 * are now, as rows without hours; @keys gets each pool's site id and type id
 * (two per row), or each room's id. */
gboolean       _resfri_bookings_read_pools         (ResfriStore   *store,
                                                    GPtrArray     *rows,
                                                    GArray        *keys,
                                                    GError       **error);
gboolean       _resfri_bookings_read_video_rooms   (ResfriStore   *store,
                                                    GPtrArray     *rows,
                                                    GArray        *keys,
                                                    GError       **error);
/* The (start, end) pairs of the bookings of a pool's items (@room FALSE:
 * @key and @type_id name the pool) or of a room (@room TRUE, @key its id)
 * that intersect [from, to). */
GArray        *_resfri_bookings_read_intervals     (ResfriStore   *store,
                                                    gboolean       room,
                                                    gint64         key,
                                                    gint64         type_id,
                                                    gint64         from,
                                                    gint64         to,
                                                    GError       **error);

/* Reservations the calendar holds (resfri-bookings.c reads those of room
 * and item attendees, sync/resfri-sources.c those of followed room, item
 * and pool calendars; resfri-reservations.c puts them where bookings count). */
gboolean       _resfri_bookings_read_reservations  (ResfriStore   *store,
                                                    ResfriBookingKind kind,
                                                    gint64         id,
                                                    gint64         from,
                                                    gint64         to,
                                                    GPtrArray     *into,
                                                    GArray        *ids,
                                                    GError       **error);
/* The rows of @sql (id, code or tag, type, site code, uid, recurrence-id,
 * summary, start, end; ?1 the id or 0, [?2, ?3) the window) as bookings
 * of kind @kind and source calendar appended to @into, their ids to @ids
 * (may be NULL): the reservations' SQL is its tables' owners'. */
gboolean       _resfri_bookings_read_reservation_rows (ResfriStore *store,
                                                    const char    *sql,
                                                    ResfriBookingKind kind,
                                                    gint64         id,
                                                    gint64         from,
                                                    gint64         to,
                                                    GPtrArray     *into,
                                                    GArray        *ids,
                                                    GError       **error);
int            _resfri_reservations_find           (ResfriStore   *store,
                                                    gint64         room_id,
                                                    const char    *code,
                                                    gint64         start,
                                                    gint64         end,
                                                    const char    *uid,
                                                    const char    *recurrence_id,
                                                    char         **held_by,
                                                    GError       **error);
int            _resfri_reservations_find_item      (ResfriStore   *store,
                                                    gint64         item_id,
                                                    const char    *tag,
                                                    gint64         start,
                                                    gint64         end,
                                                    const char    *uid,
                                                    const char    *recurrence_id,
                                                    GError       **error);
/* Whether two UIDs and RECURRENCE-IDs (NULL as "") are one occurrence. */
gboolean       _resfri_reservations_same_occurrence (const char   *uid_a,
                                                    const char    *rid_a,
                                                    const char    *uid_b,
                                                    const char    *rid_b);
/* resfri-pool-reservations.c: a loan of @item that would take more units
 * of its pool than it has with what the pool's calendar reserves (1 with
 * a CONFLICT, 0, -1 on a read error); the pool calendars' reservations
 * appended to a list of bookings, with their conflicts. */
int            _resfri_reservations_check_pool     (ResfriStore   *store,
                                                    const ItemRow *item,
                                                    gint64         start,
                                                    gint64         end,
                                                    const char    *uid,
                                                    const char    *recurrence_id,
                                                    GError       **error);
gboolean       _resfri_reservations_add_pools_to_list (ResfriStore *store,
                                                    gint64         from,
                                                    gint64         to,
                                                    GPtrArray     *bookings,
                                                    GError       **error);
gboolean       _resfri_reservations_add_to_list    (ResfriStore   *store,
                                                    gint64         from,
                                                    gint64         to,
                                                    GPtrArray     *bookings,
                                                    GError       **error);
gboolean       _resfri_reservations_drop_reserved  (ResfriStore   *store,
                                                    GPtrArray     *rooms,
                                                    GArray        *ids,
                                                    gint64         start,
                                                    gint64         end,
                                                    const char    *uid,
                                                    const char    *recurrence_id,
                                                    GError       **error);
gboolean       _resfri_reservations_add_intervals  (ResfriStore   *store,
                                                    gint64         room_id,
                                                    gint64         from,
                                                    gint64         to,
                                                    GArray        *intervals,
                                                    GError       **error);

/* Bookings that follow their meeting: a booking whose occurrence is no
 * longer where it was when booked (resfri-booking-releases.c reads them,
 * resfri-booking-follow.c acts). */
typedef enum
{
  FOLLOW_MOVED,
  FOLLOW_CANCELLED,
  FOLLOW_REMOVED,
} FollowState;

typedef struct
{
  gint64      id;         /* the booking */
  gint64      was_start;  /* the occurrence when it was booked */
  gint64      was_end;
  FollowState state;
  gint64      start;      /* the occurrence now (FOLLOW_MOVED) */
  gint64      end;
} FollowRow;

gboolean       _resfri_bookings_move               (ResfriStore   *store,
                                                    gint64         id,
                                                    gint64         start,
                                                    gint64         end,
                                                    GError       **error);
gboolean       _resfri_booking_releases_read_followers (ResfriStore *store,
                                                        GArray      *rows,
                                                        GError     **error);
gboolean       _resfri_booking_releases_set_occurrence (ResfriStore *store,
                                                        gint64       id,
                                                        gint64       start,
                                                        gint64       end,
                                                        GError     **error);
gboolean       _resfri_booking_releases_add        (ResfriStore          *store,
                                                    const ResfriBooking  *booking,
                                                    const char           *reason,
                                                    const char           *detail,
                                                    GError              **error);

/* resfri-loans.c: books a loan item for [start, end) in the caller's
 * transaction after checking that it can be lent; the new id, or 0 with
 * @error (a conflict names the booking in the way). */
gint64         _resfri_loans_add_in_transaction    (ResfriStore   *store,
                                                    const ItemRow *item,
                                                    const char    *uid,
                                                    const char    *recurrence_id,
                                                    gint64         person_id,
                                                    gint64         start,
                                                    gint64         end,
                                                    GError       **error);

/* Reads for allocation */

/* A booking of a loan item, as the allocation keeps it; valid during the
 * call. */
typedef struct
{
  gint64      equipment_id;
  gint64      start;
  gint64      end;
  gint64      person_id;      /* 0: none (a room's video kit) */
  gint64      site_id;        /* the item's */
  const char *type;           /* the item's type's name */
  const char *uid;
  const char *recurrence_id;
} ResfriLoanBooking;

typedef void (*ResfriLoanBookingFunc) (const ResfriLoanBooking *booking,
                                       gpointer                 user_data);

/* The bookings of the loan pools' items (no owner, state ok) that
 * intersect [from, to), by item, then start. */
gboolean       _resfri_bookings_read_pool_loans    (ResfriStore            *store,
                                                    gint64                  from,
                                                    gint64                  to,
                                                    ResfriLoanBookingFunc   func,
                                                    gpointer                user_data,
                                                    GError                **error);
/* What the followed item calendars reserve of the loan pools' items
 * (resfri-reservations.c), then what the followed pool calendars reserve
 * of the pools (equipment_id 0: one item of pool site_id/type, whichever),
 * intersecting [from, to): the holder's UID, no person. */
gboolean       _resfri_reservations_read_pool_items (ResfriStore           *store,
                                                     gint64                 from,
                                                     gint64                 to,
                                                     ResfriLoanBookingFunc  func,
                                                     gpointer               user_data,
                                                     GError               **error);

/* Erasure (spec/privacy.md): every booking @person_id holds, by id
 * (resfri-bookings.c); cancelled in the caller's transaction, added to
 * @released (element-type ResfriBooking) (resfri-booking.c); after the
 * commit their server copies go as a cancellation's do. */
GPtrArray     *_resfri_bookings_list_for_person    (ResfriStore   *store,
                                                    gint64         person_id,
                                                    GError       **error);
gboolean       _resfri_bookings_release_person     (ResfriStore   *store,
                                                    gint64         person_id,
                                                    GPtrArray     *released,
                                                    GError       **error);
void           _resfri_bookings_after_release      (ResfriStore   *store,
                                                    GPtrArray     *released);
/* The released bookings' list keeps the release, no longer who
 * (resfri-booking-releases.c). */
gboolean       _resfri_booking_releases_forget_person (ResfriStore   *store,
                                                       const char    *email,
                                                       GError       **error);

G_END_DECLS

/* resfri-bookings.h
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Rooms and loan items reserved for meeting occurrences: which rooms are
 * free, manual bookings of a room or an item, the list of bookings, their
 * cancellation, and the utilisation of loan pools and video rooms.
 *
 * Intervals are half-open [start, end) in UTC unix seconds: a booking
 * ending at 10:00 and one starting at 10:00 do not overlap. Two bookings of
 * one room or one item never overlap: the database's triggers refuse it,
 * whoever writes (resfri-schema.c); this code relies on them and turns
 * their refusal into RESFRI_ERROR_CONFLICT naming the booking in the way.
 *
 * Occurrences are named by UID + RECURRENCE-ID as `expand` prints it ("" or
 * NULL for a non-recurring event); cancelled occurrences are never booked
 * nor offered.
 *
 * Each call is one transaction. resfri_bookings_add_item() also joins a
 * transaction the caller already holds (allocate --book writes all its
 * bookings at once).
 */

#pragma once

#include <gio/gio.h>

#include "resfri-store.h"

G_BEGIN_DECLS

typedef enum
{
  RESFRI_BOOKING_ROOM,
  RESFRI_BOOKING_ITEM,
} ResfriBookingKind;

#define RESFRI_TYPE_BOOKING (resfri_booking_get_type ())
#define RESFRI_TYPE_BOOKING_SLOT (resfri_booking_slot_get_type ())
#define RESFRI_TYPE_ROOM_AVAILABILITY (resfri_room_availability_get_type ())
#define RESFRI_TYPE_UTILISATION (resfri_utilisation_get_type ())
#define RESFRI_TYPE_ITEM_NEED (resfri_item_need_get_type ())

/**
 * ResfriBooking:
 * @id: the booking's id (what `bookings cancel` takes)
 * @kind: a room or an item
 * @resource: the room's code or the item's asset tag
 * @type: (nullable): the item's equipment type; %NULL for a room
 * @site: the code of the room's or the item's site
 * @uid: the occurrence's UID
 * @recurrence_id: the occurrence's RECURRENCE-ID, "" for a non-recurring event
 * @summary: (nullable): the meeting's SUMMARY, when it is still stored
 * @person: (nullable): the borrower's email (items); %NULL for a room
 * @start: start of the reserved interval, UTC unix seconds
 * @end: end of the reserved interval (exclusive)
 */
typedef struct
{
  gint64             id;
  ResfriBookingKind  kind;
  char              *resource;
  char              *type;
  char              *site;
  char              *uid;
  char              *recurrence_id;
  char              *summary;
  char              *person;
  gint64             start;
  gint64             end;
} ResfriBooking;

/**
 * ResfriBookingSlot:
 * @recurrence_id: the occurrence's RECURRENCE-ID ("" when not recurring)
 * @start: the occurrence's start
 * @end: the occurrence's end
 * @booking: the id of the booking in the way, or 0 when none (the
 *   occurrence cannot be booked for another reason: it has no duration)
 *
 * An occurrence of a series where a room is taken, or that a series
 * booking skipped.
 */
typedef struct
{
  char   *recurrence_id;
  gint64  start;
  gint64  end;
  gint64  booking;
} ResfriBookingSlot;

/**
 * ResfriRoomAvailability:
 * @room: the room's code
 * @name: the room's name
 * @site: the code of its site
 * @capacity: seats
 * @vc: whether it has fixed video-conference equipment
 * @taken: (element-type ResfriBookingSlot): for a series, the occurrences
 *   where the room is taken; empty when it is free for all of them (and
 *   always empty for one occurrence or an interval)
 */
typedef struct
{
  char      *room;
  char      *name;
  char      *site;
  gint64     capacity;
  gboolean   vc;
  GPtrArray *taken;
} ResfriRoomAvailability;

/**
 * ResfriUtilisation:
 * @kind: RESFRI_BOOKING_ITEM for a loan pool, RESFRI_BOOKING_ROOM for a
 *   video room
 * @site: the site's code
 * @type: (nullable): the pool's equipment type; %NULL for a room
 * @room: (nullable): the room's code; %NULL for a pool
 * @name: (nullable): the room's name; %NULL for a pool
 * @items: the pool's size (loan items in state ok); 1 for a room
 * @booked_hours: hours booked within the period, at any time of day
 * @booked_working_hours: the part of @booked_hours inside working hours
 * @working_hours: @items × the period's working hours
 * @share: @booked_working_hours / @working_hours, NAN when that is 0
 */
typedef struct
{
  ResfriBookingKind  kind;
  char              *site;
  char              *type;
  char              *room;
  char              *name;
  gint64             items;
  double             booked_hours;
  double             booked_working_hours;
  double             working_hours;
  double             share;
} ResfriUtilisation;

/**
 * ResfriItemNeed:
 * @person: (nullable): the remote attendee's email; %NULL for the video kit
 *   of a hybrid meeting's room
 * @type: "headset", "camera" or "vc-kit"
 * @site: the code of the pool's site: the attendee's home site, or the
 *   meeting's site for a video kit
 * @site_name: that site's name
 * @booking: (nullable): the loan booked, %NULL when the pool had no free item
 *
 * One piece of equipment a remote attendee (or a hybrid meeting's room)
 * lacked, and what resfri_bookings_book_missing_items() did about it.
 */
typedef struct
{
  char          *person;
  char          *type;
  char          *site;
  char          *site_name;
  ResfriBooking *booking;
} ResfriItemNeed;

GType                    resfri_booking_get_type                (void) G_GNUC_CONST;
ResfriBooking           *resfri_booking_copy                    (const ResfriBooking  *booking);
void                     resfri_booking_free                    (ResfriBooking        *booking);

GType                    resfri_booking_slot_get_type           (void) G_GNUC_CONST;
ResfriBookingSlot       *resfri_booking_slot_copy               (const ResfriBookingSlot *slot);
void                     resfri_booking_slot_free               (ResfriBookingSlot    *slot);

GType                    resfri_room_availability_get_type      (void) G_GNUC_CONST;
ResfriRoomAvailability  *resfri_room_availability_copy          (const ResfriRoomAvailability *room);
void                     resfri_room_availability_free          (ResfriRoomAvailability *room);

GType                    resfri_utilisation_get_type            (void) G_GNUC_CONST;
ResfriUtilisation       *resfri_utilisation_copy                (const ResfriUtilisation *row);
void                     resfri_utilisation_free                (ResfriUtilisation    *row);

GType                    resfri_item_need_get_type              (void) G_GNUC_CONST;
ResfriItemNeed          *resfri_item_need_copy                  (const ResfriItemNeed *need);
void                     resfri_item_need_free                  (ResfriItemNeed       *need);

const char              *resfri_booking_kind_to_string          (ResfriBookingKind     kind);

GPtrArray               *resfri_bookings_get_occurrences        (ResfriStore          *store,
                                                                 const char           *uid,
                                                                 GError              **error);
GPtrArray               *resfri_bookings_free_rooms_for_interval (ResfriStore         *store,
                                                                  const char          *site,
                                                                  gint64               start,
                                                                  gint64               end,
                                                                  gint64               min_capacity,
                                                                  gboolean             vc_only,
                                                                  GError             **error);
GPtrArray               *resfri_bookings_free_rooms_for_occurrence (ResfriStore       *store,
                                                                    const char        *uid,
                                                                    const char        *recurrence_id,
                                                                    const char        *site,
                                                                    gint64             min_capacity,
                                                                    gboolean           vc_only,
                                                                    GError           **error);
GPtrArray               *resfri_bookings_rooms_for_series       (ResfriStore          *store,
                                                                 const char           *uid,
                                                                 const char           *site,
                                                                 gint64                min_capacity,
                                                                 gboolean              vc_only,
                                                                 GPtrArray           **occurrences,
                                                                 GError              **error);

GPtrArray               *resfri_bookings_book_room              (ResfriStore          *store,
                                                                 const char           *room,
                                                                 const char           *uid,
                                                                 const char           *recurrence_id,
                                                                 GPtrArray           **skipped,
                                                                 GError              **error);
ResfriBooking           *resfri_bookings_book_item              (ResfriStore          *store,
                                                                 const char           *tag,
                                                                 const char           *uid,
                                                                 const char           *recurrence_id,
                                                                 const char           *person,
                                                                 GError              **error);
gint64                   resfri_bookings_add_item               (ResfriStore          *store,
                                                                 gint64                equipment_id,
                                                                 const char           *uid,
                                                                 const char           *recurrence_id,
                                                                 gint64                person_id,
                                                                 gint64                start,
                                                                 gint64                end,
                                                                 GError              **error);

GPtrArray               *resfri_bookings_list                   (ResfriStore          *store,
                                                                 gint64                from,
                                                                 gint64                to,
                                                                 GError              **error);
GPtrArray               *resfri_bookings_list_for_occurrence    (ResfriStore          *store,
                                                                 const char           *uid,
                                                                 const char           *recurrence_id,
                                                                 GError              **error);
GPtrArray               *resfri_bookings_book_missing_items     (ResfriStore          *store,
                                                                 const char           *uid,
                                                                 const char           *recurrence_id,
                                                                 GError              **error);
ResfriBooking           *resfri_bookings_rebook                 (ResfriStore          *store,
                                                                 const ResfriBooking  *booking,
                                                                 GError              **error);
ResfriBooking           *resfri_bookings_cancel                 (ResfriStore          *store,
                                                                 gint64                id,
                                                                 GError              **error);

double                   resfri_bookings_working_hours          (gint64                from,
                                                                 gint64                to);
GPtrArray               *resfri_bookings_get_utilisation        (ResfriStore          *store,
                                                                 gint64                from,
                                                                 gint64                to,
                                                                 GError              **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ResfriBooking, resfri_booking_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ResfriBookingSlot, resfri_booking_slot_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ResfriRoomAvailability, resfri_room_availability_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ResfriUtilisation, resfri_utilisation_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ResfriItemNeed, resfri_item_need_free)

G_END_DECLS

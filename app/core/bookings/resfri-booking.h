/* resfri-booking.h
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One booking: its record (a room or a loan item reserved for an
 * occurrence, as the store reads it), an occurrence slot of a series
 * (taken, or skipped by a series booking), cancelling a booking and booking
 * it again.
 *
 * Intervals are half-open [start, end) in UTC unix seconds: a booking
 * ending at 10:00 and one starting at 10:00 do not overlap.
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

typedef enum
{
  RESFRI_BOOKING_SOURCE_RESFRI,
  RESFRI_BOOKING_SOURCE_CALENDAR,
} ResfriBookingSource;

#define RESFRI_TYPE_BOOKING (resfri_booking_get_type ())
#define RESFRI_TYPE_BOOKING_SLOT (resfri_booking_slot_get_type ())

/**
 * ResfriBooking:
 * @id: the booking's id (what `bookings cancel` takes)
 * @kind: a room or an item
 * @resource: the room's code or the item's asset tag; SITE/TYPE for a
 *   pool calendar's reservation (resfri_booking_is_pool_reservation())
 * @type: (nullable): the item's equipment type; %NULL for a room
 * @site: the code of the room's or the item's site
 * @uid: the occurrence's UID
 * @recurrence_id: the occurrence's RECURRENCE-ID, "" for a non-recurring event
 * @summary: (nullable): the meeting's SUMMARY, when it is still stored
 * @person: (nullable): the borrower's email (items); %NULL for a room
 * @start: start of the reserved interval, UTC unix seconds
 * @end: end of the reserved interval (exclusive)
 * @source: a booking Resfri made, or a reservation the calendar holds (an
 *   ATTENDEE;CUTYPE=ROOM of the meeting naming the room; its @id is 0)
 * @server_href: (nullable): where the booking is on the server; %NULL
 *   while it is only in this database
 * @attention: (nullable): why the booking needs attention: "conflict" when
 *   another occurrence holds the same room for an overlapping interval; for
 *   a released booking (resfri_bookings_list_attention()) why it was
 *   released: "cancelled", "removed" or "taken"
 * @detail: (nullable): a released booking's reason in words
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
  ResfriBookingSource source;
  char              *server_href;
  char              *attention;
  char              *detail;
} ResfriBooking;

/**
 * ResfriBookingSlot:
 * @recurrence_id: the occurrence's RECURRENCE-ID ("" when not recurring)
 * @start: the occurrence's start
 * @end: the occurrence's end
 * @booking: the id of the booking in the way, or 0 when none (the
 *   occurrence cannot be booked for another reason: it has no duration,
 *   or the calendar reserves the room for another meeting, @held_by)
 * @held_by: (nullable): the UID of the meeting whose calendar reservation
 *   holds the room, when that is what is in the way
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
  char   *held_by;
} ResfriBookingSlot;

GType                    resfri_booking_get_type                (void) G_GNUC_CONST;
ResfriBooking           *resfri_booking_copy                    (const ResfriBooking  *booking);
void                     resfri_booking_free                    (ResfriBooking        *booking);

GType                    resfri_booking_slot_get_type           (void) G_GNUC_CONST;
ResfriBookingSlot       *resfri_booking_slot_copy               (const ResfriBookingSlot *slot);
void                     resfri_booking_slot_free               (ResfriBookingSlot    *slot);

const char              *resfri_booking_kind_to_string          (ResfriBookingKind     kind);
const char              *resfri_booking_source_to_string        (ResfriBookingSource   source);
gboolean                 resfri_booking_is_pool_reservation     (const ResfriBooking  *booking);

ResfriBooking           *resfri_bookings_rebook                 (ResfriStore          *store,
                                                                 const ResfriBooking  *booking,
                                                                 GError              **error);
ResfriBooking           *resfri_bookings_cancel                 (ResfriStore          *store,
                                                                 gint64                id,
                                                                 GError              **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ResfriBooking, resfri_booking_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ResfriBookingSlot, resfri_booking_slot_free)

G_END_DECLS

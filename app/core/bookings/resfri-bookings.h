/* resfri-bookings.h
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Rooms and loan items reserved for meeting occurrences. This header
 * declares the bookings table's own calls (the occurrences of a meeting,
 * the list of bookings) and includes the rest of the folder: one booking,
 * its cancellation and re-booking (resfri-booking.h), free rooms
 * (resfri-free-rooms.h), room bookings (resfri-room-bookings.h), loans
 * (resfri-loans.h), utilisation (resfri-utilisation.h), and bookings that
 * follow their meeting (resfri-booking-follow.h).
 *
 * Intervals are half-open [start, end) in UTC unix seconds: a booking
 * ending at 10:00 and one starting at 10:00 do not overlap. Two bookings of
 * one room or one item never overlap: the database's triggers refuse it,
 * whoever writes (resfri-store.c); this code relies on them and turns
 * their refusal into RESFRI_ERROR_CONFLICT naming the booking in the way.
 *
 * Occurrences are named by UID + RECURRENCE-ID as `expand` prints it ("" or
 * NULL for a non-recurring event); cancelled occurrences are never booked
 * nor offered.
 *
 * Each call is one transaction. resfri_bookings_add_item() also joins a
 * transaction the caller already holds (allocate --book writes all its
 * bookings at once).
 *
 * Booking, lending, cancelling and re-booking may wait for the server's
 * lease (resfri-server-bookings.c): the desktop app calls their
 * _async/_finish pairs below (resfri-bookings-async.c), which run them on a
 * worker thread with a store of their own.
 */

#pragma once

#include <gio/gio.h>

#include "resfri-booking.h"
#include "resfri-booking-follow.h"
#include "resfri-free-rooms.h"
#include "resfri-loans.h"
#include "resfri-room-bookings.h"
#include "resfri-store.h"
#include "resfri-utilisation.h"

G_BEGIN_DECLS

GPtrArray               *resfri_bookings_get_occurrences        (ResfriStore          *store,
                                                                 const char           *uid,
                                                                 GError              **error);

GPtrArray               *resfri_bookings_list                   (ResfriStore          *store,
                                                                 gint64                from,
                                                                 gint64                to,
                                                                 GError              **error);
GPtrArray               *resfri_bookings_list_for_occurrence    (ResfriStore          *store,
                                                                 const char           *uid,
                                                                 const char           *recurrence_id,
                                                                 GError              **error);

void                     resfri_bookings_list_async             (ResfriStore          *store,
                                                                 gint64                from,
                                                                 gint64                to,
                                                                 GCancellable         *cancellable,
                                                                 GAsyncReadyCallback   callback,
                                                                 gpointer              user_data);
GPtrArray               *resfri_bookings_list_finish            (ResfriStore          *store,
                                                                 GAsyncResult         *result,
                                                                 GError              **error);

/* resfri-bookings-async.c */
void                     resfri_bookings_book_room_async        (ResfriStore          *store,
                                                                 const char           *room,
                                                                 const char           *uid,
                                                                 const char           *recurrence_id,
                                                                 gboolean              force,
                                                                 GCancellable         *cancellable,
                                                                 GAsyncReadyCallback   callback,
                                                                 gpointer              user_data);
GPtrArray               *resfri_bookings_book_room_finish       (ResfriStore          *store,
                                                                 GAsyncResult         *result,
                                                                 GPtrArray           **skipped,
                                                                 GError              **error);
void                     resfri_bookings_book_missing_items_async (ResfriStore        *store,
                                                                 const char           *uid,
                                                                 const char           *recurrence_id,
                                                                 GCancellable         *cancellable,
                                                                 GAsyncReadyCallback   callback,
                                                                 gpointer              user_data);
GPtrArray               *resfri_bookings_book_missing_items_finish (ResfriStore       *store,
                                                                 GAsyncResult         *result,
                                                                 GError              **error);
void                     resfri_bookings_cancel_async           (ResfriStore          *store,
                                                                 gint64                id,
                                                                 GCancellable         *cancellable,
                                                                 GAsyncReadyCallback   callback,
                                                                 gpointer              user_data);
ResfriBooking           *resfri_bookings_cancel_finish          (ResfriStore          *store,
                                                                 GAsyncResult         *result,
                                                                 GError              **error);
void                     resfri_bookings_rebook_async           (ResfriStore          *store,
                                                                 const ResfriBooking  *booking,
                                                                 GCancellable         *cancellable,
                                                                 GAsyncReadyCallback   callback,
                                                                 gpointer              user_data);
ResfriBooking           *resfri_bookings_rebook_finish          (ResfriStore          *store,
                                                                 GAsyncResult         *result,
                                                                 GError              **error);

/* Reads for export (resfri-export.c): a room or item booked for an
 * occurrence of a meeting; the strings are valid during the call. */
typedef struct
{
  gboolean    is_room;
  gint64      id;              /* rooms.id or equipment.id */
  const char *recurrence_id;   /* the occurrence booked */
  const char *name;            /* the room's name, or the item's tag */
  const char *detail;          /* the room's email, or the item's type */
  const char *code;            /* the room's code; NULL for an item */
} ResfriBookedResource;

typedef void (*ResfriBookedResourceFunc) (const ResfriBookedResource *resource,
                                          gpointer                    user_data);

/* The rooms booked for occurrences of @uid by code, then the items by tag
 * (each by recurrence id), from two queries. */
gboolean _resfri_bookings_foreach_resource (ResfriStore               *store,
                                            const char                *uid,
                                            ResfriBookedResourceFunc   func,
                                            gpointer                   user_data,
                                            GError                   **error);

G_END_DECLS

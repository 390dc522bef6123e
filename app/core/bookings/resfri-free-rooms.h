/* resfri-free-rooms.h
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Which rooms are free: for an interval, for one occurrence, and room by
 * room for every occurrence of a series; on the calling thread or, with
 * the _async/_finish pairs, on a worker thread with a store of its own.
 */

#pragma once

#include <gio/gio.h>

#include "resfri-booking.h"
#include "resfri-store.h"

G_BEGIN_DECLS

#define RESFRI_TYPE_ROOM_AVAILABILITY (resfri_room_availability_get_type ())

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

GType                    resfri_room_availability_get_type      (void) G_GNUC_CONST;
ResfriRoomAvailability  *resfri_room_availability_copy          (const ResfriRoomAvailability *room);
void                     resfri_room_availability_free          (ResfriRoomAvailability *room);

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
gint64                   resfri_bookings_occurrence_headcount  (ResfriStore       *store,
                                                                    const char        *uid,
                                                                    const char        *recurrence_id,
                                                                    GError           **error);
GPtrArray               *resfri_bookings_rooms_for_series       (ResfriStore          *store,
                                                                 const char           *uid,
                                                                 const char           *site,
                                                                 gint64                min_capacity,
                                                                 gboolean              vc_only,
                                                                 GPtrArray           **occurrences,
                                                                 GError              **error);

void       resfri_bookings_free_rooms_for_interval_async    (ResfriStore          *store,
                                                            const char           *site,
                                                            gint64                start,
                                                            gint64                end,
                                                            gint64                min_capacity,
                                                            gboolean              vc_only,
                                                            GCancellable         *cancellable,
                                                            GAsyncReadyCallback   callback,
                                                            gpointer              user_data);
GPtrArray *resfri_bookings_free_rooms_for_interval_finish   (ResfriStore          *store,
                                                            GAsyncResult         *result,
                                                            GError              **error);
void       resfri_bookings_free_rooms_for_occurrence_async  (ResfriStore          *store,
                                                            const char           *uid,
                                                            const char           *recurrence_id,
                                                            const char           *site,
                                                            gint64                min_capacity,
                                                            gboolean              vc_only,
                                                            GCancellable         *cancellable,
                                                            GAsyncReadyCallback   callback,
                                                            gpointer              user_data);
GPtrArray *resfri_bookings_free_rooms_for_occurrence_finish (ResfriStore          *store,
                                                            GAsyncResult         *result,
                                                            GError              **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ResfriRoomAvailability, resfri_room_availability_free)

G_END_DECLS

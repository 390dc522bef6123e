/* resfri-room-timeline.h
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "resfri-free-rooms.h"

G_BEGIN_DECLS

#define RESFRI_TYPE_ROOM_TIMELINE (resfri_room_timeline_get_type ())

G_DECLARE_FINAL_TYPE (ResfriRoomTimeline, resfri_room_timeline, RESFRI, ROOM_TIMELINE, GtkWidget)

GtkWidget *resfri_room_timeline_new      (void);
void       resfri_room_timeline_set_data (ResfriRoomTimeline *self,
                                          GPtrArray          *rooms,
                                          GPtrArray          *bookings,
                                          gint64              from,
                                          guint               n_days);
void       resfri_room_timeline_set_cursor (ResfriRoomTimeline *self,
                                            const char         *room,
                                            gint64              start);
const ResfriRoomAvailability *
           resfri_room_timeline_get_cursor (ResfriRoomTimeline *self,
                                            gint64             *start,
                                            gint64             *end);

G_END_DECLS

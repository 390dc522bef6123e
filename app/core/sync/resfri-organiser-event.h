/* resfri-organiser-event.h
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "resfri-store.h"

G_BEGIN_DECLS

/* Adds (@add) or removes room @room's (its code)
 * ATTENDEE;CUTYPE=ROOM to or from the organiser's copy of meeting @uid in
 * a followed calendar: on the master when @master, and on each override
 * whose RECURRENCE-ID is in @recurrence_ids (char *, the form of
 * bookings; NULL for none). A 412 re-reads, re-applies and retries.
 * Never an error for the booking: FALSE (and a debug message) when the
 * copy could not be written (read-only calendar, no such copy, the room
 * has no address); TRUE when the copy holds what was asked. */
gboolean _resfri_organiser_event_set_room (ResfriStore  *store,
                                           const char   *uid,
                                           const char   *room,
                                           gboolean      master,
                                           GPtrArray    *recurrence_ids,
                                           gboolean      add);

G_END_DECLS

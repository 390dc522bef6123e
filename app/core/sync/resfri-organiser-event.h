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
 * bookings; NULL for none). A 412 re-reads, re-applies and retries; a
 * write that fails otherwise (the server unreachable, 5xx, the copy changed
 * at every attempt) is owed, retried by _resfri_organiser_event_retry(),
 * an addition until @until (the bookings' end, 0: none). Never an error for
 * the booking: FALSE (and a debug message) when the copy could not be
 * written (read-only calendar, no such copy, the room has no address);
 * TRUE when the copy holds what was asked. */
gboolean _resfri_organiser_event_set_room (ResfriStore  *store,
                                           const char   *uid,
                                           const char   *room,
                                           gboolean      master,
                                           GPtrArray    *recurrence_ids,
                                           gboolean      add,
                                           gint64        until);

/* The owed writes tried again (at the end of every sync): each lands, or
 * waits for the next sync, or is given up once moot (its bookings ended,
 * cancelled, or booked again; no copy, a calendar that refuses it).
 * Returns how many landed. */
guint    _resfri_organiser_event_retry    (ResfriStore  *store);

G_END_DECLS

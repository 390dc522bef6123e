/* resfri-meeting-write.h
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "resfri-store.h"

G_BEGIN_DECLS

/**
 * ResfriMeetingWrite:
 * @RESFRI_MEETING_WRITE_NONE: no followed calendar holds the meeting's
 *   organiser's copy: the change stays in this database
 * @RESFRI_MEETING_WRITE_DONE: the copy on the server holds the change
 * @RESFRI_MEETING_WRITE_REFUSED: the calendar would not take it (read only,
 *   gone, changed at every attempt, unreachable): see the error
 *
 * What became of writing a changed meeting back to its calendar.
 */
typedef enum
{
  RESFRI_MEETING_WRITE_NONE,
  RESFRI_MEETING_WRITE_DONE,
  RESFRI_MEETING_WRITE_REFUSED,
} ResfriMeetingWrite;

ResfriMeetingWrite _resfri_meeting_write_back (ResfriStore  *store,
                                               const char   *uid,
                                               GError      **error);

G_END_DECLS

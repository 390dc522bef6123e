/* resfri-convert.h
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Converting a series (spec/planning.md "Acting on it"): a meeting made a
 * web or hybrid meeting in one step, for the whole series or from one
 * occurrence on, with the loan items it then needs booked where the pools
 * allow and the change written to its calendar where that is followed.
 */

#pragma once

#include <gio/gio.h>

#include "resfri-meeting-write.h"
#include "resfri-store.h"

G_BEGIN_DECLS

/**
 * ResfriConvertNeed:
 * @person: (nullable): whose need (a vc-kit has none)
 * @type: the equipment type
 * @site: the pool's site code
 * @start: the first occurrence it is needed for
 *
 * A loan item the converted meeting needs that no pool can lend.
 */
typedef struct
{
  char   *person;
  char   *type;
  char   *site;
  gint64  start;
} ResfriConvertNeed;

/**
 * ResfriConvertResult:
 * @uid: the meeting
 * @from: (nullable): the occurrence it was converted from, %NULL for the
 *   whole series
 * @hybrid: whether the venue was kept
 * @occurrences: the occurrences converted (stored, not cancelled)
 * @non_compliant_before: of those, the non-compliant ones before
 * @non_compliant_after: and after
 * @booked: loan bookings made for it
 * @unserved: (element-type ResfriConvertNeed): what the pools cannot lend
 * @written: what became of writing it to its calendar
 * @write_error: (nullable): why the calendar did not take it
 * @versions: (element-type ResfriMeetingVersion): what was stored before,
 *   for resfri_meeting_restore()
 */
typedef struct
{
  char               *uid;
  char               *from;
  gboolean            hybrid;
  guint               occurrences;
  guint               non_compliant_before;
  guint               non_compliant_after;
  guint               booked;
  GPtrArray          *unserved;
  ResfriMeetingWrite  written;
  char               *write_error;
  GPtrArray          *versions;
} ResfriConvertResult;

ResfriConvertResult *resfri_convert_series        (ResfriStore          *store,
                                                   const char           *uid,
                                                   const char           *from,
                                                   const char           *url,
                                                   gboolean              hybrid,
                                                   gint64                now,
                                                   GCancellable         *cancellable,
                                                   GError              **error);
void                 resfri_convert_series_async  (ResfriStore          *store,
                                                   const char           *uid,
                                                   const char           *from,
                                                   const char           *url,
                                                   gboolean              hybrid,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
ResfriConvertResult *resfri_convert_series_finish (ResfriStore          *store,
                                                   GAsyncResult         *result,
                                                   GError              **error);
void                 resfri_convert_result_free   (ResfriConvertResult  *result);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ResfriConvertResult, resfri_convert_result_free)

G_END_DECLS

/* resfri-occurrence-list.h
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A GListModel of the occurrences (ResfriOccurrence) in a range of time.
 */

#pragma once

#include <gio/gio.h>

#include "resfri-occurrence.h"
#include "resfri-store.h"

G_BEGIN_DECLS

#define RESFRI_TYPE_OCCURRENCE_LIST (resfri_occurrence_list_get_type ())

G_DECLARE_FINAL_TYPE (ResfriOccurrenceList, resfri_occurrence_list, RESFRI, OCCURRENCE_LIST, GObject)

ResfriOccurrenceList *resfri_occurrence_list_new         (void);
gint64                resfri_occurrence_list_get_from    (ResfriOccurrenceList *self);
gint64                resfri_occurrence_list_get_to      (ResfriOccurrenceList *self);
gboolean              resfri_occurrence_list_load        (ResfriOccurrenceList *self,
                                                          ResfriStore          *store,
                                                          gint64                from,
                                                          gint64                to,
                                                          GCancellable         *cancellable,
                                                          GError              **error);
void                  resfri_occurrence_list_load_async  (ResfriOccurrenceList *self,
                                                          ResfriStore          *store,
                                                          gint64                from,
                                                          gint64                to,
                                                          GCancellable         *cancellable,
                                                          GAsyncReadyCallback   callback,
                                                          gpointer              user_data);
gboolean              resfri_occurrence_list_load_finish (ResfriOccurrenceList *self,
                                                          GAsyncResult         *result,
                                                          GError              **error);
/* The occurrence that stands for the meeting @uid (a search's result): its
 * first not ended at @now, else its last. FALSE with no error when it has
 * none. */
gboolean              resfri_occurrence_list_find_for_uid (ResfriStore         *store,
                                                           const char          *uid,
                                                           gint64               now,
                                                           char               **recurrence_id,
                                                           gint64              *start,
                                                           GError             **error);

G_END_DECLS

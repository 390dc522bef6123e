/* resfri-policy-verdicts.h
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The policy check of a range of occurrences, kept: what
 * resfri_policy_check_occurrences() says of each occurrence, copied out of
 * its callback, found again by UID and RECURRENCE-ID, with the names of
 * the sites, rooms and units it refers to. Made on a worker thread by
 * resfri_policy_verdicts_load_async() (the Meetings view's week).
 */

#pragma once

#include <gio/gio.h>

#include "resfri-names.h"
#include "resfri-policy-check.h"
#include "resfri-store.h"

G_BEGIN_DECLS

#define RESFRI_TYPE_POLICY_VERDICTS (resfri_policy_verdicts_get_type ())

typedef struct _ResfriPolicyVerdicts ResfriPolicyVerdicts;

GType                 resfri_policy_verdicts_get_type   (void) G_GNUC_CONST;

ResfriPolicyVerdicts *resfri_policy_verdicts_ref        (ResfriPolicyVerdicts *self);
void                  resfri_policy_verdicts_unref      (ResfriPolicyVerdicts *self);

/* resfri_policy_check_occurrences() of [from, to) with @policy (NULL: the
 * store's settings), and resfri_names_load(), on @store. */
ResfriPolicyVerdicts *resfri_policy_verdicts_load       (ResfriStore          *store,
                                                         const ResfriPolicy   *policy,
                                                         gint64                from,
                                                         gint64                to,
                                                         GCancellable         *cancellable,
                                                         GError              **error);
/* The same with the store's settings, on a worker thread with a
 * connection of its own. */
void                  resfri_policy_verdicts_load_async (ResfriStore          *store,
                                                         gint64                from,
                                                         gint64                to,
                                                         GCancellable         *cancellable,
                                                         GAsyncReadyCallback   callback,
                                                         gpointer              user_data);
ResfriPolicyVerdicts *resfri_policy_verdicts_load_finish (ResfriStore         *store,
                                                          GAsyncResult        *result,
                                                          GError             **error);

/* The occurrences in the check's order (start, uid, recurrence id). What
 * they point to lives as long as @self. */
guint                 resfri_policy_verdicts_get_n_occurrences (ResfriPolicyVerdicts *self);
const ResfriResolvedOccurrence *
                      resfri_policy_verdicts_get_occurrence    (ResfriPolicyVerdicts *self,
                                                                guint                 position);
/* The occurrence @uid / @recurrence_id (NULL or "" for a non-recurring
 * event), or NULL when the range has none. */
const ResfriResolvedOccurrence *
                      resfri_policy_verdicts_lookup            (ResfriPolicyVerdicts *self,
                                                                const char           *uid,
                                                                const char           *recurrence_id);
/* The names of the registers, read with the check. */
ResfriNames          *resfri_policy_verdicts_get_names         (ResfriPolicyVerdicts *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ResfriPolicyVerdicts, resfri_policy_verdicts_unref)

G_END_DECLS

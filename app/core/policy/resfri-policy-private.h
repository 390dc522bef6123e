/* resfri-policy-private.h
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the policy check gives other core modules besides its public API:
 * the resolution of whole meetings, for the facts retention keeps
 * (privacy/resfri-retention.c); the check of one meeting's occurrences
 * (drafts/); the check in two parts at once (allocation/); and, between the settings' files, the
 * meeting_hosts value read (resfri-policy-hosts.c).
 */

#pragma once

#include "resfri-policy-check.h"
#include "resfri-registers.h"

G_BEGIN_DECLS

/* @facts: the meeting's resolution as its occurrences get it, without
 * times or an exemption: the verdict is local or non_compliant for an
 * in-person meeting, by whether anyone travels beyond local_km. */
typedef void (*ResfriPolicyMeetingFunc) (gint64                          meeting_id,
                                         const ResfriResolvedOccurrence *facts,
                                         gpointer                        user_data);

/* Resolves each meeting row of @meeting_ids (gint64) with the store's
 * policy and registers, and calls @func for it. */
gboolean _resfri_policy_resolve_meetings (ResfriStore             *store,
                                          GArray                  *meeting_ids,
                                          ResfriPolicyMeetingFunc  func,
                                          gpointer                 user_data,
                                          GError                 **error);

/* resfri_policy_check_occurrences() of the occurrences of @uid's meetings
 * only (the New Meeting window's draft among the stored meetings): the
 * same resolution of each, without resolving the others in the window. */
gboolean _resfri_policy_check_uid_occurrences (ResfriStore            *store,
                                               const ResfriPolicy     *policy,
                                               const char             *uid,
                                               gint64                  from,
                                               gint64                  to,
                                               ResfriPolicyCheckFunc   func,
                                               gpointer                user_data,
                                               GCancellable           *cancellable,
                                               GError                **error);

/* Given the registers a check reads (a new reference), or %NULL where
 * it has none to give; see _resfri_policy_check_occurrences_in_two(). */
typedef void (*ResfriPolicyRegistersFunc) (ResfriRegisters *registers,
                                           gpointer         user_data);

/* For the tests: occurrences a turn of
 * resfri_policy_check_occurrences_in_turns(); 0, the default. */
void     _resfri_policy_set_turn_rows (guint rows);

/* resfri_policy_check_occurrences(), but where a long window's rows are
 * many, @func takes the first half of them with @user_data while a
 * thread gives it the rest with @second_user_data: each part in order,
 * the two at once (so @func must bear that), the first part the
 * earlier. Otherwise every occurrence goes to @user_data. With
 * @registers_func, the check calls it once, on any thread, as soon as it
 * has read every person's registers with their names
 * (RESFRI_REGISTERS_NAMES), or with %NULL where it reads none so. */
gboolean _resfri_policy_check_occurrences_in_two (ResfriStore                *store,
                                                  const ResfriPolicy         *policy,
                                                  gint64                      from,
                                                  gint64                      to,
                                                  ResfriPolicyCheckFunc       func,
                                                  gpointer                    user_data,
                                                  gpointer                    second_user_data,
                                                  ResfriPolicyRegistersFunc   registers_func,
                                                  gpointer                    registers_data,
                                                  GCancellable               *cancellable,
                                                  GError                    **error);

/* The meeting_hosts setting's @text (comma-separated; blanks and empty
 * entries ignored, duplicates dropped) as stored, lower case and ASCII,
 * or %NULL with @error naming the entry that is not a host name. */
char    *_resfri_policy_parse_hosts       (const char              *text,
                                          GError                 **error);

G_END_DECLS

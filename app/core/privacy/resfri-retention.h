/* resfri-retention.h
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Retention of spec/privacy.md: meetings that ended more than the policy's
 * retention_months ago lose their personal data and keep only what the
 * follow-up reports.
 */

#pragma once

#include "resfri-store.h"

G_BEGIN_DECLS

/**
 * ResfriRetentionSummary:
 * @cutoff: meetings whose occurrences all ended before this (UTC unix
 *   seconds, the start of a UTC day) are purged
 * @meetings: meeting rows purged (or that would be)
 * @occurrences: their occurrences, kept as facts for the follow-up
 * @attendees: attendee rows removed
 * @bytes: bytes of text removed (component text, organiser, summary, link)
 *
 * What a purge took, or with a dry run would take.
 */
typedef struct
{
  gint64 cutoff;
  gint64 meetings;
  gint64 occurrences;
  gint64 attendees;
  gint64 bytes;
} ResfriRetentionSummary;

/* The cut-off for @now (UTC unix seconds): the start of the UTC day
 * @months months before it. */
gint64   resfri_retention_cutoff   (gint64                   now,
                                    int                      months);

/* Purges every meeting whose occurrences all ended before the cut-off of
 * @now (0: the current time) in one transaction, with an audit entry when
 * anything went; with @dry_run only says what would go and writes
 * nothing. */
gboolean resfri_retention_purge    (ResfriStore             *store,
                                    gint64                   now,
                                    gboolean                 dry_run,
                                    ResfriRetentionSummary  *summary,
                                    GError                 **error);

/* What to run after opening the store: purges what became due since the
 * last purge (the meetings that ended since, and those stored since). When
 * nothing is due it costs one indexed query and writes nothing. @summary
 * may be NULL. */
gboolean resfri_retention_purge_due (ResfriStore            *store,
                                     gint64                  now,
                                     ResfriRetentionSummary *summary,
                                     GError                **error);

G_END_DECLS

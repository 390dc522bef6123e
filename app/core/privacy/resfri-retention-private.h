/* resfri-retention-private.h
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What retention gives the policy check: the facts kept for purged
 * meetings.
 */

#pragma once

#include "resfri-policy-private.h"
#include "resfri-retention.h"

G_BEGIN_DECLS

/* Calls @func with the facts of every purged meeting (verdict local or
 * non_compliant for an in-person one, by whether anyone travelled), unless
 * @from (G_MININT64: from the start) is at or after the last purge's
 * cut-off, when no purged meeting can be in the window. */
gboolean _resfri_retention_foreach_retained (ResfriStore              *store,
                                             gint64                    from,
                                             ResfriPolicyMeetingFunc   func,
                                             gpointer                  user_data,
                                             GError                  **error);

G_END_DECLS

/* resfri-meetings-utils.h
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "resfri-occurrence.h"
#include "resfri-policy-check.h"
#include "resfri-policy-verdicts.h"

G_BEGIN_DECLS

GTimeZone  *resfri_meetings_dup_time_zone     (void);
char       *resfri_meetings_format_time_range (GTimeZone                      *tz,
                                               ResfriOccurrence               *occurrence,
                                               gboolean                        with_date);
const ResfriResolvedOccurrence *
            resfri_meetings_lookup_verdict    (ResfriPolicyVerdicts           *verdicts,
                                               ResfriOccurrence               *occurrence);
const char *resfri_meetings_get_mode_label    (ResfriMode                      mode);
void        resfri_meetings_set_badge         (GtkLabel                       *label,
                                               const ResfriResolvedOccurrence *info);
char       *resfri_meetings_dup_key           (const char                     *uid,
                                               const char                     *recurrence_id);
const char *resfri_meetings_get_rid           (ResfriOccurrence               *occurrence);
void        resfri_meetings_set_button_busy   (GtkButton                      *button,
                                               const char                     *label);
void        resfri_meetings_set_button_idle   (GtkButton                      *button,
                                               gboolean                        sensitive);

G_END_DECLS

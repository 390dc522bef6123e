/* resfri-meeting-detail.h
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "resfri-occurrence.h"
#include "resfri-policy-verdicts.h"
#include "resfri-store.h"

G_BEGIN_DECLS

#define RESFRI_TYPE_MEETING_DETAIL (resfri_meeting_detail_get_type ())

G_DECLARE_FINAL_TYPE (ResfriMeetingDetail, resfri_meeting_detail, RESFRI, MEETING_DETAIL, AdwBin)

void resfri_meeting_detail_set_store       (ResfriMeetingDetail  *self,
                                            ResfriStore          *store);
void resfri_meeting_detail_set_verdicts    (ResfriMeetingDetail  *self,
                                            ResfriPolicyVerdicts *verdicts);
void resfri_meeting_detail_show_occurrence (ResfriMeetingDetail  *self,
                                            ResfriOccurrence     *occurrence);

G_END_DECLS

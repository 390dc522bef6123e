/* resfri-core.h
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The public API of the core library, for the CLI, the report renderer and
 * the desktop application. Never includes GTK or cairo.
 */

#pragma once

#include "resfri-allocation.h"
#include "resfri-audit.h"
#include "resfri-bookings.h"
#include "resfri-candidates.h"
#include "resfri-convert.h"
#include "resfri-csv.h"
#include "resfri-demo.h"
#include "resfri-draft.h"
#include "resfri-email.h"
#include "resfri-error.h"
#include "resfri-erasure.h"
#include "resfri-exemption.h"
#include "resfri-expand.h"
#include "resfri-export.h"
#include "resfri-followup.h"
#include "resfri-ical.h"
#include "resfri-importer.h"
#include "resfri-input.h"
#include "resfri-inventory.h"
#include "resfri-meeting-edit.h"
#include "resfri-names.h"
#include "resfri-online-link.h"
#include "resfri-period.h"
#include "resfri-person-data.h"
#include "resfri-policy-settings.h"
#include "resfri-register.h"
#include "resfri-registers.h"
#include "resfri-policy-check.h"
#include "resfri-policy-verdicts.h"
#include "resfri-retention.h"
#include "resfri-secret.h"
#include "resfri-sources.h"
#include "resfri-store.h"
#include "resfri-sync.h"
#include "resfri-sync-async.h"
#include "resfri-timezone.h"
#include "resfri-whatif.h"

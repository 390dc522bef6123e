/* resfri-first-run.h
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The page of an empty database: the ways to fill it without a terminal.
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define RESFRI_TYPE_FIRST_RUN (resfri_first_run_get_type ())

G_DECLARE_FINAL_TYPE (ResfriFirstRun, resfri_first_run, RESFRI, FIRST_RUN, AdwBin)

G_END_DECLS

/* resfri-error.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "resfri-error.h"

G_DEFINE_QUARK (resfri-error-quark, resfri_error)

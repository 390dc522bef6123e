/* resfri-ical-pseudonym.h
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *resfri_ical_pseudonymise (const char *text,
                                const char *email,
                                const char *name,
                                const char *pseudonym,
                                const char *pseudonym_name,
                                gboolean    folded);

G_END_DECLS

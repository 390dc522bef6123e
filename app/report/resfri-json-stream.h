/* resfri-json-stream.h
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * JSON values appended to a GString as they are written, byte for byte as
 * json-glib's JsonGenerator (not pretty) writes them, for output too long
 * to hold as one tree: `check --format json` writes one object per
 * occurrence this way.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* @value as a JSON string, escaped as json-glib does; %NULL: `null`. */
void resfri_json_append_string (GString    *out,
                                const char *value);

/* @value as json-glib writes a double ("%.17g", ".0" added when it has no
 * point), in the shortest form of "%.15g" that reads back as the same
 * double when there is one: 249.1 rather than 249.09999999999999, 3.0
 * rather than 3. */
void resfri_json_append_double (GString    *out,
                                double      value);

G_END_DECLS

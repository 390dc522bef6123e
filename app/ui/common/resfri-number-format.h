/* resfri-number-format.h
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *resfri_format_decimal       (double      value,
                                   int         digits);
char *resfri_format_decimal_text  (const char *c_number);
char *resfri_parse_decimal_text   (const char *text);

G_END_DECLS

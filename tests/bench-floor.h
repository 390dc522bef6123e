/* bench-floor.h
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The scan floor of the speed benchmarks (issue "Speed"): one pass of
 * sqlite over what every answer about a year must read at least once.
 * Benchmarks print their figures as a ratio to it, measured in the same
 * run, since absolute times differ from machine to machine.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

double bench_scan_floor       (const char *db_path,
                               int         year);
void   bench_print_ratio      (const char *figure,
                               double      seconds,
                               double      floor_seconds);

G_END_DECLS

/* resfri-input.h
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reading an input file (a calendar, a register) whole, with a limit: the
 * imports parse a file in memory, so a file larger than the limit is
 * refused before it is read, and a stream that does not end (standard
 * input, /dev/zero, a pipe) is cut off at the limit.
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* 256 MiB: a year of a large municipality's calendars (100,000 meetings)
 * is about 40 MB of iCalendar. */
#define RESFRI_INPUT_MAX_BYTES (G_GUINT64_CONSTANT (256) * 1024 * 1024)

guint64  resfri_input_get_max_bytes (void);
gboolean resfri_input_read_path     (const char    *path,
                                     char         **contents,
                                     gsize         *length,
                                     GError       **error);
gboolean resfri_input_load_file     (GFile         *file,
                                     const char    *name,
                                     char         **contents,
                                     gsize         *length,
                                     GCancellable  *cancellable,
                                     GError       **error);

G_END_DECLS

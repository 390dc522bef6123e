/* resfri-report-file.h
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A report file written whole or not at all: into PATH.partial beside it,
 * renamed over PATH once complete, removed on failure.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

char     *resfri_report_file_dup_partial (const char  *path);
/* @ok: the writer's outcome. Renames @partial to @path, or removes it;
 * FALSE with @error when the rename fails. */
gboolean  resfri_report_file_finish      (const char  *partial,
                                          const char  *path,
                                          gboolean     ok,
                                          GError     **error);

G_END_DECLS

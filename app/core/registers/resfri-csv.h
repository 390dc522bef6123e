/* resfri-csv.h
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * RFC 4180 CSV: a reader over a buffer in memory and a writer into a
 * GString.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _ResfriCsvReader ResfriCsvReader;

ResfriCsvReader    *resfri_csv_reader_new              (const char       *filename,
                                                        const char       *data,
                                                        gsize             length);
void                resfri_csv_reader_free             (ResfriCsvReader  *self);
gboolean            resfri_csv_reader_next             (ResfriCsvReader  *self,
                                                        GError          **error);
guint               resfri_csv_reader_get_n_fields     (ResfriCsvReader  *self);
const char         *resfri_csv_reader_get_field        (ResfriCsvReader  *self,
                                                        guint             index);
const char * const *resfri_csv_reader_get_fields       (ResfriCsvReader  *self);
guint               resfri_csv_reader_get_line         (ResfriCsvReader  *self);
const char         *resfri_csv_reader_get_filename     (ResfriCsvReader  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ResfriCsvReader, resfri_csv_reader_free)

gboolean            resfri_csv_field_needs_quotes      (const char       *value);
void                resfri_csv_append_field            (GString          *out,
                                                        const char       *value);
void                resfri_csv_append_record           (GString          *out,
                                                        const char * const *values,
                                                        gsize             n_values);

G_END_DECLS

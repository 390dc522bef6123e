/* fuzz-csv.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The CSV reader alone. Besides not crashing, every record it reads must
 * come back the same through the writer and the reader again.
 */

#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "resfri-csv.h"

static void
check_round_trip (const char * const *fields,
                  guint               n_fields)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(ResfriCsvReader) again = NULL;
  g_autoptr(GError) error = NULL;

  resfri_csv_append_record (out, fields, n_fields);
  again = resfri_csv_reader_new ("again.csv", out->str, out->len);

  if (!resfri_csv_reader_next (again, &error) ||
      resfri_csv_reader_get_n_fields (again) != n_fields)
    abort ();

  for (guint i = 0; i < n_fields; i++)
    if (strcmp (resfri_csv_reader_get_field (again, i), fields[i]) != 0)
      abort ();

  if (resfri_csv_reader_next (again, &error) || error != NULL)
    abort ();
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  /* An exactly sized copy, so that an over-read is caught. */
  g_autofree char *copy = g_malloc (MAX (size, 1));
  g_autoptr(ResfriCsvReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  guint last_line = 0;

  if (size > 0)
    memcpy (copy, data, size);
  reader = resfri_csv_reader_new ("fuzz.csv", copy, size);

  while (resfri_csv_reader_next (reader, &error))
    {
      const char * const *fields = resfri_csv_reader_get_fields (reader);
      guint n_fields = resfri_csv_reader_get_n_fields (reader);
      guint line = resfri_csv_reader_get_line (reader);

      /* Records go forward through the lines. */
      if (line <= last_line || n_fields == 0 || fields[n_fields] != NULL)
        abort ();
      last_line = line;

      for (guint i = 0; i < n_fields; i++)
        if (!g_utf8_validate (fields[i], -1, NULL))
          abort ();

      check_round_trip (fields, n_fields);
    }

  if (error != NULL && !g_str_has_prefix (error->message, "fuzz.csv:"))
    abort ();

  return 0;
}

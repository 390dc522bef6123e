/* fuzz-ical.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The iCalendar reader and the recurrence engine: whatever the bytes, they
 * give occurrences or an error, never a crash or a hang.
 */

#include "config.h"

#include <stdint.h>

#include "resfri-core.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(ResfriIcalDocument) doc = NULL;
  g_autoptr(GArray) occurrences = NULL;
  g_autoptr(GError) error = NULL;

  /* Bigger inputs only make the fuzzer slower, not wiser. */
  if (size > 256 * 1024)
    return 0;

  doc = resfri_ical_document_parse ((const char *) data, size, "fuzz.ics", &error);
  if (doc == NULL)
    {
      g_assert_nonnull (error);
      g_assert_true (g_str_has_prefix (error->message, "fuzz.ics:"));
      return 0;
    }

  /* 2020-01-01 .. 2030-01-01 */
  occurrences = resfri_expand_document (doc, G_GINT64_CONSTANT (1577836800),
                                        G_GINT64_CONSTANT (1893456000), &error);
  if (occurrences == NULL)
    {
      g_assert_nonnull (error);
      return 0;
    }

  for (guint i = 0; i < occurrences->len; i++)
    {
      ResfriOccurrence *occ = &g_array_index (occurrences, ResfriOccurrence, i);

      g_assert_cmpint (occ->end, >=, occ->start);
    }

  return 0;
}

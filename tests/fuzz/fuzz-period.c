/* fuzz-period.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The follow-up period parser. Besides not crashing, it checks what the
 * report relies on: an accepted period is canonical (its label parses to
 * the same interval), is not empty, its months tile [from, to) in order, and
 * its previous year is a valid period of the same kind; a refused one is
 * INVALID_INPUT with a UTF-8 message.
 */

#include "config.h"

#include <stdint.h>
#include <string.h>

#include "resfri-core.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = g_strndup ((const char *) data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(ResfriPeriod) period = NULL;
  g_autoptr(ResfriPeriod) again = NULL;
  g_autoptr(ResfriPeriod) previous = NULL;
  gint64 last = G_MININT64;

  /* A command-line argument holds no NUL. */
  if (memchr (data, '\0', size) != NULL)
    return 0;

  period = resfri_period_parse (text, &error);
  if (period == NULL)
    {
      g_assert_error (error, RESFRI_ERROR, RESFRI_ERROR_INVALID_INPUT);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
      return 0;
    }

  g_assert_no_error (error);
  g_assert_cmpint (resfri_period_get_from (period), <, resfri_period_get_to (period));
  g_assert_cmpuint (resfri_period_get_n_months (period), >=, 1);

  again = resfri_period_parse (resfri_period_get_label (period), NULL);
  g_assert_nonnull (again);
  g_assert_cmpint (resfri_period_get_from (again), ==, resfri_period_get_from (period));
  g_assert_cmpint (resfri_period_get_to (again), ==, resfri_period_get_to (period));

  g_assert_cmpint (resfri_period_find_month (period, resfri_period_get_from (period)), ==, 0);
  g_assert_cmpint (resfri_period_find_month (period, resfri_period_get_to (period) - 1), ==,
                   (int) resfri_period_get_n_months (period) - 1);
  g_assert_cmpint (resfri_period_find_month (period, resfri_period_get_to (period)), ==, -1);
  for (guint i = 0; i < resfri_period_get_n_months (period); i++)
    {
      int year, month;

      resfri_period_get_month (period, i, &year, &month);
      g_assert_cmpint (year * 12 + month, >, last);
      last = year * 12 + month;
    }

  previous = resfri_period_previous_year (period);
  g_assert_cmpint (resfri_period_get_kind (previous), ==, resfri_period_get_kind (period));
  g_assert_cmpint (resfri_period_get_from (previous), <, resfri_period_get_from (period));
  g_assert_cmpint (resfri_period_get_from (previous), <, resfri_period_get_to (previous));

  return 0;
}

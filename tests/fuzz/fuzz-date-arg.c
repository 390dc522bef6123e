/* fuzz-date-arg.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The date arguments of resfri-cli (--from, --to, --start, --end; spec/cli.md):
 * resfri_ical_parse_date_arg(). Besides not crashing, it checks what the
 * commands rely on: a refused argument is INVALID_INPUT with a UTF-8
 * message (it goes to stderr as it is); an accepted `YYYY-MM-DD` is the
 * Europe/Stockholm midnight of that day; an accepted RFC 3339 instant is the
 * instant GLib reads from the same text.
 */

#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "resfri-core.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

static GTimeZone *
home_zone (void)
{
  static GTimeZone *zone = NULL;

  if (zone == NULL)
    zone = g_time_zone_new_identifier ("Europe/Stockholm");
  g_assert_nonnull (zone);

  return zone;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  gint64 t = 0;

  /* A command-line argument holds no NUL. */
  if (memchr (data, '\0', size) != NULL)
    return 0;
  text = g_strndup ((const char *) data, size);

  if (!resfri_ical_parse_date_arg (text, &t, &error))
    {
      g_assert_error (error, RESFRI_ERROR, RESFRI_ERROR_INVALID_INPUT);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
      return 0;
    }
  g_assert_no_error (error);

  if (size == 10)
    {
      int year = 0, month = 0, day = 0;
      g_autoptr(GDateTime) local = NULL;

      /* Only the digits of YYYY-MM-DD reach this far. */
      for (guint i = 0; i < 10; i++)
        g_assert_true (i == 4 || i == 7 ? text[i] == '-' : g_ascii_isdigit (text[i]));
      year = atoi (text);
      month = atoi (text + 5);
      day = atoi (text + 8);
      g_assert_true (g_date_valid_dmy (day, month, year));

      /* libical's zone and GLib's agree where both read the same rules. */
      if (year >= 1980 && year < 2037)
        {
          g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (t);

          local = g_date_time_to_timezone (utc, home_zone ());
          g_assert_cmpint (g_date_time_get_year (local), ==, year);
          g_assert_cmpint (g_date_time_get_month (local), ==, month);
          g_assert_cmpint (g_date_time_get_day_of_month (local), ==, day);
          g_assert_cmpint (g_date_time_get_hour (local), ==, 0);
          g_assert_cmpint (g_date_time_get_minute (local), ==, 0);
        }
    }
  else
    {
      g_autoptr(GDateTime) dt = g_date_time_new_from_iso8601 (text, NULL);

      g_assert_nonnull (dt);
      g_assert_cmpint (g_date_time_to_unix (dt), ==, t);
    }

  return 0;
}

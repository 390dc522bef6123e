/* test-number-format.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The window's numbers (app/ui/common/resfri-number-format.c): a decimal
 * comma in Swedish ("1,3", "0,0 kg"), a point in C.UTF-8, and what a user
 * types read back as the C-locale number the store keeps. */

#include "config.h"

#include <locale.h>

#include "resfri-number-format.h"

static gboolean
use_locale (const char *name)
{
  return setlocale (LC_NUMERIC, name) != NULL;
}

static void
test_c_locale (void)
{
  g_autofree char *one = NULL;
  g_autofree char *text = NULL;
  g_autofree char *parsed = NULL;

  g_assert_true (use_locale ("C.UTF-8"));
  one = resfri_format_decimal (1.25, 1);
  g_assert_true (g_str_equal (one, "1.2") || g_str_equal (one, "1.3"));
  text = resfri_format_decimal_text ("1.3");
  g_assert_cmpstr (text, ==, "1.3");
  parsed = resfri_parse_decimal_text ("1.3");
  g_assert_cmpstr (parsed, ==, "1.3");
}

static void
test_swedish (void)
{
  g_autofree char *zero = NULL;
  g_autofree char *text = NULL;
  g_autofree char *whole = NULL;
  g_autofree char *parsed = NULL;
  g_autofree char *grouped = NULL;
  g_autofree char *odd = NULL;

  if (!use_locale ("sv_SE.UTF-8"))
    {
      g_test_skip ("the sv_SE.UTF-8 locale is not installed");
      return;
    }

  zero = resfri_format_decimal (0.0, 1);
  g_assert_cmpstr (zero, ==, "0,0");
  text = resfri_format_decimal_text ("1.3");
  g_assert_cmpstr (text, ==, "1,3");
  whole = resfri_format_decimal_text ("12");
  g_assert_cmpstr (whole, ==, "12");
  parsed = resfri_parse_decimal_text ("1,3");
  g_assert_cmpstr (parsed, ==, "1.3");
  grouped = resfri_parse_decimal_text (" 1\u00a0234,5 ");
  g_assert_cmpstr (grouped, ==, "1234.5");
  odd = resfri_format_decimal_text ("meet.example.se");
  g_assert_cmpstr (odd, ==, "meet.example.se");

  setlocale (LC_NUMERIC, "C.UTF-8");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/resfri/number-format/c-locale", test_c_locale);
  g_test_add_func ("/resfri/number-format/swedish", test_swedish);

  return g_test_run ();
}

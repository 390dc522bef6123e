/* test-json-stream.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * report/resfri-json-stream.c beside json-glib: every string escape and
 * every kind of number written as JsonGenerator writes them (numbers then
 * shortened as `check --format json` always has: the shortest "%.15g" that
 * reads back).
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <json-glib/json-glib.h>

#include "resfri-json-stream.h"

static char *
generated (JsonNode *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();

  json_generator_set_root (generator, node);
  return json_generator_to_data (generator, NULL);
}

static void
check_string (const char *value)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_VALUE);
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *expected = NULL;

  json_node_set_string (node, value);
  expected = generated (node);
  resfri_json_append_string (out, value);
  g_assert_cmpstr (out->str, ==, expected);
}

static void
test_strings (void)
{
  g_autoptr(GString) out = g_string_new (NULL);
  char one[2] = { 0, 0 };

  for (guint c = 1; c < 256; c++)
    {
      g_autofree char *framed = NULL;

      one[0] = (char) c;
      check_string (one);
      framed = g_strdup_printf ("ab%cc\"d%c", c, c);
      check_string (framed);
    }
  check_string ("");
  check_string ("Planeringsmöte: elevhälsa – \"Vänersborg\" \\ C:\\temp\n\t\r\b\f\x1f\x7f");
  check_string ("\xff\xfe invalid \xc3");

  resfri_json_append_string (out, NULL);
  g_assert_cmpstr (out->str, ==, "null");
}

/* What `check --format json` did with json-glib's number: every number
 * with a fraction or exponent in its shortest "%.15g" that reads back. */
static char *
tidy_number (const char *token)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];
  double value;

  if (strpbrk (token, ".eE") == NULL || !g_ascii_isdigit (token[token[0] == '-']))
    return g_strdup (token);
  value = g_ascii_strtod (token, NULL);
  g_ascii_formatd (buffer, sizeof buffer, "%.15g", value);
  if (g_ascii_strtod (buffer, NULL) != value)
    return g_strdup (token);
  if (strpbrk (buffer, ".eEn") == NULL)
    return g_strconcat (buffer, ".0", NULL);
  return g_strdup (buffer);
}

static void
check_double (double value)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_VALUE);
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *text = NULL;
  g_autofree char *expected = NULL;

  json_node_set_double (node, value);
  text = generated (node);
  expected = tidy_number (text);
  resfri_json_append_double (out, value);
  g_assert_cmpstr (out->str, ==, expected);
}

static void
test_doubles (void)
{
  static const double values[] = {
    0.0, -0.0, 1.0, -1.0, 0.1, 0.2 + 0.1, 249.1, 59.7, 7.16, 903.8, 108.46, 1e20, 1e-7,
    123456789012345.67, 999999999999.99, 1e12, -0.5, 0.05, 1.0 / 3.0, 2.0 / 3.0, 1e300, -5e-324, 4503599627370497.0,
  };

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    check_double (values[i]);

  /* Every rounding `check` makes: a tenth and a hundredth of many sizes. */
  for (guint i = 0; i < 200000; i += 7)
    {
      check_double (round (i * 1.37) / 10.0);
      check_double (round (i * 13.7) / 100.0);
      check_double (round (i * 1234.567) / 100.0);
      check_double (-round (i * 13.7) / 100.0);
      check_double (round (i * 1.37e7) / 100.0);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/json-stream/strings", test_strings);
  g_test_add_func ("/json-stream/doubles", test_doubles);

  return g_test_run ();
}

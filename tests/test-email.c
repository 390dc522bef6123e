/* test-email.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Email addresses as calendars write them: "mailto:" stripped in any case,
 * white space trimmed, nothing left giving NULL, and the case folding under
 * which the import and the export compare them.
 */

#include "config.h"

#include "resfri-core.h"

typedef struct
{
  const char *value;
  const char *stripped;    /* resfri_email_strip_mailto() */
  const char *normalized;  /* resfri_email_normalize() */
} EmailCase;

static const EmailCase cases[] = {
  { NULL, NULL, NULL },
  { "", NULL, NULL },
  { "   ", NULL, NULL },
  { "mailto:", NULL, NULL },
  { "MAILTO:  ", NULL, NULL },
  { "anna@example.se", "anna@example.se", "anna@example.se" },
  { "mailto:Anna@Example.se", "Anna@Example.se", "anna@example.se" },
  { "MailTo:Anna@Example.se ", "Anna@Example.se", "anna@example.se" },
  /* The scheme is looked for before the white space is trimmed. */
  { " \tmailto:anna@example.se\r\n", "mailto:anna@example.se", "mailto:anna@example.se" },
  { "mailto: Anna@Example.se", "Anna@Example.se", "anna@example.se" },
  { "mailto:mailto:anna@example.se", "mailto:anna@example.se", "mailto:anna@example.se" },
  { "mail:anna@example.se", "mail:anna@example.se", "mail:anna@example.se" },
  { "urn:x-resfri:room:VBG-R001", "urn:x-resfri:room:VBG-R001", "urn:x-resfri:room:vbg-r001" },
  { "mailto:ÅSA.Öberg@Vänersborg.example", "ÅSA.Öberg@Vänersborg.example",
    "åsa.öberg@vänersborg.example" },
  { "mailto:bad\xff@example.se", "bad\xff@example.se", NULL },
};

static void
test_email_strip_mailto (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *stripped = resfri_email_strip_mailto (cases[i].value);
      /* Escaped: a case with invalid UTF-8 must not break the TAP output. */
      g_autofree char *shown = cases[i].value ? g_strescape (cases[i].value, NULL) : NULL;

      g_test_message ("strip_mailto (\"%s\")", shown ? shown : "(null)");
      g_assert_cmpstr (stripped, ==, cases[i].stripped);
    }
}

static void
test_email_normalize (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *normalized = resfri_email_normalize (cases[i].value);
      /* Escaped: a case with invalid UTF-8 must not break the TAP output. */
      g_autofree char *shown = cases[i].value ? g_strescape (cases[i].value, NULL) : NULL;

      g_test_message ("normalize (\"%s\")", shown ? shown : "(null)");
      g_assert_cmpstr (normalized, ==, cases[i].normalized);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/resfri/email/strip-mailto", test_email_strip_mailto);
  g_test_add_func ("/resfri/email/normalize", test_email_normalize);

  return g_test_run ();
}

/* test-report-planning.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The planning's report formats on the planning fixture: the what-if's
 * page of the follow-up PDF (one page more, only with a what-if) and the
 * opportunities' workbook.
 */

#include "config.h"

#include <string.h>

#include "planning-fixture.h"
#include "resfri-report-pdf.h"
#include "resfri-report-planning.h"

static void
test_pdf_whatif_page (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ResfriPeriod) period = resfri_period_parse ("2026-03", &error);
  g_autoptr(ResfriFollowup) followup = NULL;
  g_autoptr(ResfriWhatif) whatif = NULL;
  g_autofree char *plain = g_build_filename (fixture->dir, "plain.pdf", NULL);
  g_autofree char *with = g_build_filename (fixture->dir, "whatif.pdf", NULL);
  g_autofree char *data = NULL;
  gsize length;
  guint n_plain = 0;
  guint n_with = 0;

  followup = resfri_followup_compute (fixture->store, NULL, period, NULL, NULL, &error);
  g_assert_no_error (error);
  whatif = resfri_whatif_compute (fixture->store, NULL, period, NULL, 0.85, 0, NULL, &error);
  g_assert_no_error (error);

  g_assert_true (resfri_report_followup_write_pdf (followup, "Testby", plain, &n_plain, &error));
  g_assert_no_error (error);
  g_assert_true (resfri_report_followup_write_pdf_with_whatif (followup, whatif, "Testby", with,
                                                               &n_with, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_with, ==, n_plain + 1);
  g_assert_true (g_file_get_contents (with, &data, &length, &error));
  g_assert_true (length > 5 && memcmp (data, "%PDF-", 5) == 0);
}

static void
test_xlsx (Fixture       *fixture,
           gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ResfriPeriod) period = resfri_period_parse ("2026-03", &error);
  g_autoptr(ResfriCandidates) candidates = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "o.xlsx", NULL);
  g_autofree char *bad = g_build_filename (fixture->dir, "no", "such", "o.xlsx", NULL);
  g_autofree char *data = NULL;
  gsize length;

  candidates = resfri_candidates_compute (fixture->store, NULL, period, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (resfri_report_opportunities_write_xlsx (candidates, path, &error));
  g_assert_no_error (error);
  /* A workbook is a zip file. */
  g_assert_true (g_file_get_contents (path, &data, &length, &error));
  g_assert_true (length > 4 && memcmp (data, "PK\003\004", 4) == 0);

  g_assert_false (resfri_report_opportunities_write_xlsx (candidates, bad, &error));
  g_assert_nonnull (error);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/report/planning/pdf-whatif-page", Fixture, NULL, fixture_set_up,
              test_pdf_whatif_page, fixture_tear_down);
  g_test_add ("/report/planning/xlsx", Fixture, NULL, fixture_set_up, test_xlsx,
              fixture_tear_down);

  return g_test_run ();
}

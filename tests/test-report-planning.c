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

#include <glib/gstdio.h>

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

typedef struct
{
  guint    calls;
  guint    last_page;
  guint    n_pages;
  guint    stop_at;      /* 0: never */
  gboolean partial_seen;
  char    *partial;
} Pages;

static gboolean
count_page_cb (guint    page,
               guint    n_pages,
               gpointer user_data)
{
  Pages *pages = user_data;

  pages->calls++;
  g_assert_cmpuint (page, ==, pages->last_page + 1);
  pages->last_page = page;
  pages->n_pages = n_pages;
  pages->partial_seen |= g_file_test (pages->partial, G_FILE_TEST_EXISTS);

  return page != pages->stop_at;
}

static void
test_pdf_pages_stop (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ResfriPeriod) period = resfri_period_parse ("2026-03", &error);
  g_autoptr(ResfriFollowup) followup = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, "pages.pdf", NULL);
  g_autofree char *partial = g_strconcat (path, ".partial", NULL);
  Pages pages = { 0 };
  guint n_pages = 0;

  g_test_summary ("The follow-up PDF says each page to its callback, and stops when told: "
                  "neither the file nor its partial file is left");

  followup = resfri_followup_compute (fixture->store, NULL, period, NULL, NULL, &error);
  g_assert_no_error (error);

  pages.partial = partial;
  g_assert_true (resfri_report_followup_write_pdf_full (followup, NULL, "Testby", path,
                                                        count_page_cb, &pages, &n_pages,
                                                        &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_pages, >=, 2);
  g_assert_cmpuint (pages.calls, ==, n_pages);
  g_assert_cmpuint (pages.n_pages, ==, n_pages);
  g_assert_true (pages.partial_seen);
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (partial, G_FILE_TEST_EXISTS));

  /* Stopped after the first page: cancelled, nothing written. */
  g_assert_cmpint (g_unlink (path), ==, 0);
  memset (&pages, 0, sizeof pages);
  pages.partial = partial;
  pages.stop_at = 1;
  g_assert_false (resfri_report_followup_write_pdf_full (followup, NULL, "Testby", path,
                                                         count_page_cb, &pages, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (pages.calls, ==, 1);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (partial, G_FILE_TEST_EXISTS));
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
  g_test_add ("/report/planning/pdf-pages-stop", Fixture, NULL, fixture_set_up,
              test_pdf_pages_stop, fixture_tear_down);
  g_test_add ("/report/planning/xlsx", Fixture, NULL, fixture_set_up, test_xlsx,
              fixture_tear_down);

  return g_test_run ();
}

/* test-report.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The charts of app/report drawn into image surfaces: bars and columns
 * scaled as they should be, and the follow-up's two charts the same
 * pixels as its series drawn by hand.
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gstdio.h>

#include "resfri-report-file.h"
#include "resfri-report.h"

/* The share of a row's pixels (at its vertical centre, right of the labels)
 * painted in the bar colour. */
static double
bar_fill (cairo_surface_t *surface,
          int              row,
          int              n_rows,
          int              width,
          int              height)
{
  unsigned char *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);
  int y = (int) ((row + 0.5) * height / n_rows);
  int x0 = (int) (width * 0.35);
  int filled = 0;

  cairo_surface_flush (surface);
  for (int x = x0; x < width; x++)
    {
      guint32 pixel = *(guint32 *) (data + y * stride + x * 4);
      guint8 r = (pixel >> 16) & 0xff, g = (pixel >> 8) & 0xff, b = pixel & 0xff;

      /* The bar is blue: far more blue than red. */
      if (b > 180 && r < 90 && g > 100 && g < 160)
        filled++;
    }

  return (double) filled / (width - x0);
}

static void
test_report_bars_scale (void)
{
  const char *labels[] = { "Socialförvaltningen", "Utbildningsförvaltningen", "IT" };
  const double values[] = { 50, 100, 0 };
  const int width = 600, height = 150;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cairo_t *cr = cairo_create (surface);
  double half, full, none;

  g_test_summary ("Bars are scaled to the largest value: half the value, half the bar");

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  resfri_report_draw_bars (cr, width, height, labels, values, G_N_ELEMENTS (values));
  cairo_destroy (cr);

  half = bar_fill (surface, 0, 3, width, height);
  full = bar_fill (surface, 1, 3, width, height);
  none = bar_fill (surface, 2, 3, width, height);

  g_assert_cmpfloat (full, >, 0.5);
  g_assert_cmpfloat_with_epsilon (half / full, 0.5, 0.03);
  g_assert_cmpfloat (none, ==, 0.0);

  cairo_surface_destroy (surface);
}

static void
test_report_bars_empty (void)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 10, 10);
  cairo_t *cr = cairo_create (surface);
  const double zero[] = { 0 };
  const char *label[] = { "—" };

  /* Nothing to draw and all-zero values must neither crash nor divide by 0. */
  resfri_report_draw_bars (cr, 10, 10, NULL, NULL, 0);
  resfri_report_draw_bars (cr, 10, 10, label, zero, 1);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);

  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

static gboolean
is_colour (cairo_surface_t *surface,
           int              x,
           int              y,
           gboolean         blue)
{
  unsigned char *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);
  guint32 pixel = *(guint32 *) (data + y * stride + x * 4);
  guint8 r = (pixel >> 16) & 0xff, g = (pixel >> 8) & 0xff, b = pixel & 0xff;

  if (blue)
    return b > 180 && r < 90 && g > 100 && g < 160;

  /* The previous year's grey (0.72). */
  return r == g && g == b && r >= 180 && r <= 188;
}

/* The heights of the runs of @blue (or grey) columns crossing the row @y,
 * measured at each run's centre. */
static GArray *
column_heights (cairo_surface_t *surface,
                int              y,
                gboolean         blue)
{
  GArray *heights = g_array_new (FALSE, FALSE, sizeof (int));
  int width = cairo_image_surface_get_width (surface);
  int start = -1;

  cairo_surface_flush (surface);
  for (int x = 0; x <= width; x++)
    {
      gboolean inside = x < width && is_colour (surface, x, y, blue);

      if (inside && start < 0)
        start = x;
      else if (!inside && start >= 0)
        {
          int centre = (start + x) / 2;
          int h = 0;

          int height = cairo_image_surface_get_height (surface);

          while (y - h >= 0 && is_colour (surface, centre, y - h, blue))
            h++;
          for (int down = y + 1; down < height && is_colour (surface, centre, down, blue); down++)
            h++;
          g_array_append_val (heights, h);
          start = -1;
        }
    }

  return heights;
}

static void
test_report_columns (void)
{
  const char *labels[] = { "jan", "feb", "mar", "apr" };
  const double values[] = { 50, 100, NAN, 25 };
  const double previous[] = { 100, NAN, 50, 50 };
  const int width = 480, height = 240;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cairo_t *cr = cairo_create (surface);
  g_autoptr(GArray) blue = NULL;
  g_autoptr(GArray) grey = NULL;
  int baseline = -1;

  g_test_summary ("Columns are scaled to the maximum, a NAN draws none, the previous year "
                  "stands beside the current one");

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  resfri_report_draw_columns (cr, width, height, labels, values, previous, G_N_ELEMENTS (values),
                              100, "%.0f %%", "%.0f");
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  /* The lowest row that has blue in it is the columns' foot. */
  for (int y = height - 1; y >= 0 && baseline < 0; y--)
    for (int x = 0; x < width; x++)
      if (is_colour (surface, x, y, TRUE))
        {
          baseline = y;
          break;
        }
  g_assert_cmpint (baseline, >, height / 2);

  baseline -= 3;
  blue = column_heights (surface, baseline, TRUE);
  grey = column_heights (surface, baseline, FALSE);
  /* jan, feb and apr this year; jan, mar and apr the year before. */
  g_assert_cmpuint (blue->len, ==, 3);
  g_assert_cmpuint (grey->len, ==, 3);
  g_assert_cmpint (ABS (g_array_index (blue, int, 0) * 2 - g_array_index (blue, int, 1)), <=, 3);
  g_assert_cmpint (ABS (g_array_index (blue, int, 2) * 4 - g_array_index (blue, int, 1)), <=, 5);
  g_assert_cmpint (ABS (g_array_index (grey, int, 0) - g_array_index (blue, int, 1)), <=, 2);
  g_assert_cmpint (ABS (g_array_index (grey, int, 1) - g_array_index (blue, int, 0)), <=, 2);

  cairo_surface_destroy (surface);
}

static ResfriFollowupRow *
share_row (guint travel_free,
           guint exempt,
           guint non_compliant)
{
  ResfriFollowupRow *row = g_new0 (ResfriFollowupRow, 1);

  row->travel_free = travel_free;
  row->exempt_total = exempt;
  row->non_compliant = non_compliant;
  row->target_share = NAN;
  return row;
}

/* A follow-up of 2026-T1 made by hand: 50 %, 100 %, nothing, 25 %; a year
 * earlier 100 %, nothing, 50 %, 50 %; exemptions 2, 0, 5, 0, 0, 1, 0. */
static ResfriFollowup *
make_followup (void)
{
  ResfriFollowup *followup = g_new0 (ResfriFollowup, 1);
  const guint exempt[RESFRI_FOLLOWUP_N_REASONS] = { 2, 0, 5, 0, 0, 1, 0 };

  followup->period = resfri_period_parse ("2026-T1", NULL);
  followup->previous_period = resfri_period_parse ("2025-T1", NULL);
  followup->months = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (followup->months, share_row (1, 0, 1));
  g_ptr_array_add (followup->months, share_row (2, 0, 0));
  g_ptr_array_add (followup->months, share_row (0, 0, 0));
  g_ptr_array_add (followup->months, share_row (1, 3, 0));
  followup->previous_months = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (followup->previous_months, share_row (4, 0, 0));
  g_ptr_array_add (followup->previous_months, share_row (0, 0, 0));
  g_ptr_array_add (followup->previous_months, share_row (1, 1, 0));
  g_ptr_array_add (followup->previous_months, share_row (1, 0, 1));
  followup->total = share_row (0, 8, 0);
  memcpy (followup->total->exempt, exempt, sizeof exempt);

  return followup;
}

static void
free_followup (ResfriFollowup *followup)
{
  resfri_period_free (followup->period);
  resfri_period_free (followup->previous_period);
  g_ptr_array_unref (followup->months);
  g_ptr_array_unref (followup->previous_months);
  g_free (followup->total);
  g_free (followup);
}

static cairo_surface_t *
white_surface (int width,
               int height)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cairo_t *cr = cairo_create (surface);

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_destroy (cr);
  return surface;
}

static void
assert_same_pixels (cairo_surface_t *a,
                    cairo_surface_t *b)
{
  int stride = cairo_image_surface_get_stride (a);
  int height = cairo_image_surface_get_height (a);

  cairo_surface_flush (a);
  cairo_surface_flush (b);
  g_assert_cmpint (stride, ==, cairo_image_surface_get_stride (b));
  g_assert_true (memcmp (cairo_image_surface_get_data (a), cairo_image_surface_get_data (b),
                         (gsize) stride * height) == 0);
}

/* Whether two surfaces differ anywhere. */
static gboolean
differ (cairo_surface_t *a,
        cairo_surface_t *b)
{
  cairo_surface_flush (a);
  cairo_surface_flush (b);
  return memcmp (cairo_image_surface_get_data (a), cairo_image_surface_get_data (b),
                 (gsize) cairo_image_surface_get_stride (a) * cairo_image_surface_get_height (a)) != 0;
}

/* Pixel (@x, @y) as 0xRRGGBB. */
static guint32
pixel (cairo_surface_t *surface,
       int              x,
       int              y)
{
  const guint32 *row;

  cairo_surface_flush (surface);
  row = (const guint32 *) (cairo_image_surface_get_data (surface) +
                           y * cairo_image_surface_get_stride (surface));
  return row[x] & 0xffffff;
}

/* The target draws a line across the plot at its height; the dark palette
 * draws in other colours than paper's. */
static void
test_report_share_chart_target (void)
{
  ResfriFollowup *followup = make_followup ();
  const int width = 480, height = 240;
  cairo_surface_t *plain = white_surface (width, height);
  cairo_surface_t *target = white_surface (width, height);
  cairo_surface_t *dark = white_surface (width, height);
  gboolean found = FALSE;
  cairo_t *cr;

  cr = cairo_create (plain);
  resfri_report_draw_share_chart (cr, followup, width, height);
  cairo_destroy (cr);

  followup->total->target_share = 0.8;
  cr = cairo_create (target);
  resfri_report_draw_share_chart (cr, followup, width, height);
  cairo_destroy (cr);
  g_assert_true (differ (plain, target));
  /* Somewhere along the plot's width a dash of the target's orange (the
   * columns are blue and grey, the text dark). */
  for (int y = 0; y < height && !found; y++)
    for (int x = width / 2; x < width / 2 + 10 && !found; x++)
      {
        guint32 p = pixel (target, x, y);

        found = (int) (p >> 16) - (int) (p & 0xff) > 0x60;
      }
  g_assert_true (found);

  cr = cairo_create (dark);
  resfri_report_draw_share_chart_full (cr, followup, width, height, resfri_report_palette_dark ());
  cairo_destroy (cr);
  g_assert_true (differ (target, dark));

  cairo_surface_destroy (plain);
  cairo_surface_destroy (target);
  cairo_surface_destroy (dark);
  free_followup (followup);
}

static void
test_report_share_chart (void)
{
  ResfriFollowup *followup = make_followup ();
  const char *labels[] = { "Jan", "Feb", "Mar", "Apr" };
  const double values[] = { 50, 100, NAN, 25 };
  const double previous[] = { 100, NAN, 50, 50 };
  const int width = 480, height = 240;
  cairo_surface_t *chart = white_surface (width, height);
  cairo_surface_t *by_hand = white_surface (width, height);
  cairo_t *cr;

  g_test_summary ("The month chart is the share series as columns on a 0-100 % scale, "
                  "the year before in grey");

  cr = cairo_create (chart);
  resfri_report_draw_share_chart (cr, followup, width, height);
  cairo_destroy (cr);
  cr = cairo_create (by_hand);
  resfri_report_draw_columns (cr, width, height, labels, values, previous, 4, 100, "%.0f %%",
                              "%.0f");
  cairo_destroy (cr);
  assert_same_pixels (chart, by_hand);

  cairo_surface_destroy (chart);
  cairo_surface_destroy (by_hand);
  free_followup (followup);
}

static void
test_report_reason_chart (void)
{
  ResfriFollowup *followup = make_followup ();
  const char * const *reasons = resfri_followup_get_reasons ();
  const char *labels[RESFRI_FOLLOWUP_N_REASONS];
  const double values[RESFRI_FOLLOWUP_N_REASONS] = { 2, 0, 5, 0, 0, 1, 0 };
  const int width = 600, height = 15 * RESFRI_FOLLOWUP_N_REASONS;
  cairo_surface_t *chart = white_surface (width, height);
  cairo_surface_t *by_hand = white_surface (width, height);
  cairo_t *cr;

  g_test_summary ("The reason chart is the exemptions per reason as bars");

  for (guint i = 0; i < RESFRI_FOLLOWUP_N_REASONS; i++)
    labels[i] = resfri_followup_reason_label (reasons[i]);
  cr = cairo_create (chart);
  resfri_report_draw_reason_chart (cr, followup, width, height);
  cairo_destroy (cr);
  cr = cairo_create (by_hand);
  resfri_report_draw_bars (cr, width, height, labels, values, RESFRI_FOLLOWUP_N_REASONS);
  cairo_destroy (cr);
  assert_same_pixels (chart, by_hand);
  /* The largest value, "accessibility", fills its row the most. */
  g_assert_cmpfloat (bar_fill (chart, 2, RESFRI_FOLLOWUP_N_REASONS, width, height), >,
                     bar_fill (chart, 0, RESFRI_FOLLOWUP_N_REASONS, width, height));

  cairo_surface_destroy (chart);
  cairo_surface_destroy (by_hand);
  free_followup (followup);
}

static void
test_report_file_whole (void)
{
  g_autofree char *dir = g_dir_make_tmp ("resfri-report-file-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "report.pdf", NULL);
  g_autofree char *partial = resfri_report_file_dup_partial (path);
  g_autofree char *contents = NULL;
  g_autofree char *sub = NULL;
  g_autoptr(GError) error = NULL;

  g_test_summary ("A report is written whole or not at all: a failed export leaves the "
                  "file that was there and no partial file");

  g_assert_true (g_file_set_contents (path, "old", -1, NULL));

  /* Failed (or cancelled) half-way: the old file stays. */
  g_assert_true (g_file_set_contents (partial, "half", -1, NULL));
  g_assert_false (resfri_report_file_finish (partial, path, FALSE, NULL));
  g_assert_false (g_file_test (partial, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "old");
  g_clear_pointer (&contents, g_free);

  /* Done: the new file replaces it. */
  g_assert_true (g_file_set_contents (partial, "new", -1, NULL));
  g_assert_true (resfri_report_file_finish (partial, path, TRUE, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (partial, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "new");

  /* A rename that fails (PATH is a folder): an error, no partial file. */
  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_cmpint (g_mkdir (path, 0700), ==, 0);
  sub = g_build_filename (path, "x", NULL);
  g_assert_cmpint (g_mkdir (sub, 0700), ==, 0);
  g_assert_true (g_file_set_contents (partial, "new", -1, NULL));
  g_assert_false (resfri_report_file_finish (partial, path, TRUE, &error));
  g_assert_nonnull (error);
  g_assert_false (g_file_test (partial, G_FILE_TEST_EXISTS));

  g_rmdir (sub);
  g_rmdir (path);
  g_rmdir (dir);
}


int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/report/bars/scale", test_report_bars_scale);
  g_test_add_func ("/report/bars/empty", test_report_bars_empty);
  g_test_add_func ("/report/columns", test_report_columns);
  g_test_add_func ("/report/file/whole", test_report_file_whole);
  g_test_add_func ("/report/share-chart", test_report_share_chart);
  g_test_add_func ("/report/share-chart-target", test_report_share_chart_target);
  g_test_add_func ("/report/reason-chart", test_report_reason_chart);

  return g_test_run ();
}

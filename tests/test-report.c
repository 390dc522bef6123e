/* test-report.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

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

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/report/bars/scale", test_report_bars_scale);
  g_test_add_func ("/report/bars/empty", test_report_bars_empty);
  g_test_add_func ("/report/columns", test_report_columns);

  return g_test_run ();
}

/* test-input.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reading an input file whole (store/resfri-input.c): the bytes as they
 * are, the size limit (refused unread for a regular file, cut off for a
 * stream that does not end), and the errors for a missing file or a
 * folder, by path and by GFile.
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "resfri-core.h"
#include "resfri-test-util.h"

typedef struct
{
  char *dir;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  g_unsetenv ("RESFRI_MAX_INPUT_BYTES");
  fixture->dir = g_dir_make_tmp ("resfri-input-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_unsetenv ("RESFRI_MAX_INPUT_BYTES");
  resfri_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

static char *
write_file (Fixture    *fixture,
            const char *name,
            const char *contents,
            gssize      length)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (fixture->dir, name, NULL);

  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);
  return path;
}

/* A NUL, CR LF and bytes that are not UTF-8 come back as they were. */
static void
test_read_path (Fixture       *fixture,
                gconstpointer  user_data)
{
  static const char data[] = "BEGIN:VCALENDAR\r\n\0\xff\xfe\nEND:VCALENDAR\r\n";
  g_autofree char *path = write_file (fixture, "any.ics", data, sizeof data - 1);
  g_autofree char *empty = write_file (fixture, "empty.ics", "", 0);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *nothing = NULL;
  gsize length = 0;

  g_assert_true (resfri_input_read_path (path, &contents, &length, &error));
  g_assert_no_error (error);
  g_assert_cmpmem (contents, length, data, sizeof data - 1);
  g_assert_cmpint (contents[length], ==, '\0');

  g_assert_true (resfri_input_read_path (empty, &nothing, &length, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (length, ==, 0);
  g_assert_cmpstr (nothing, ==, "");
}

static void
test_read_path_missing (Fixture       *fixture,
                        gconstpointer  user_data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "nowhere.ics", NULL);
  g_autofree char *prefix = g_strconcat (path, ": cannot read the file: ", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_assert_false (resfri_input_read_path (path, &contents, &length, &error));
  g_assert_error (error, RESFRI_ERROR, RESFRI_ERROR_INVALID_INPUT);
  g_assert_true (g_str_has_prefix (error->message, prefix));
  g_assert_nonnull (strstr (error->message, g_strerror (ENOENT)));
  g_assert_null (contents);
  g_clear_error (&error);

  /* A folder is no file either. */
  g_assert_false (resfri_input_read_path (fixture->dir, &contents, &length, &error));
  g_assert_error (error, RESFRI_ERROR, RESFRI_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error->message, g_strerror (EISDIR)));
}

typedef struct
{
  const char *env;
  guint64     expected;
} MaxCase;

static const MaxCase max_cases[] = {
  { NULL, RESFRI_INPUT_MAX_BYTES },
  { "1234", 1234 },
  { "1", 1 },
  { "0", RESFRI_INPUT_MAX_BYTES },      /* at least a byte */
  { "-5", RESFRI_INPUT_MAX_BYTES },
  { "12kB", RESFRI_INPUT_MAX_BYTES },
  { "", RESFRI_INPUT_MAX_BYTES },
};

static void
test_max_bytes (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_assert_cmpuint (RESFRI_INPUT_MAX_BYTES, ==, 256 * 1024 * 1024);

  for (gsize i = 0; i < G_N_ELEMENTS (max_cases); i++)
    {
      if (max_cases[i].env != NULL)
        g_setenv ("RESFRI_MAX_INPUT_BYTES", max_cases[i].env, TRUE);
      else
        g_unsetenv ("RESFRI_MAX_INPUT_BYTES");
      g_assert_cmpuint (resfri_input_get_max_bytes (), ==, max_cases[i].expected);
    }
}

/* At the limit a file is read; a byte more and it is refused. */
static void
test_size_limit (Fixture       *fixture,
                 gconstpointer  user_data)
{
  g_autofree char *fits = write_file (fixture, "fits.ics", "0123456789", 10);
  g_autofree char *over = write_file (fixture, "over.ics", "0123456789A", 11);
  g_autoptr(GFile) fits_file = g_file_new_for_path (fits);
  g_autoptr(GFile) over_file = g_file_new_for_path (over);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_setenv ("RESFRI_MAX_INPUT_BYTES", "10", TRUE);

  g_assert_true (resfri_input_read_path (fits, &contents, &length, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (length, ==, 10);
  g_clear_pointer (&contents, g_free);

  g_assert_false (resfri_input_read_path (over, &contents, &length, &error));
  g_assert_error (error, RESFRI_ERROR, RESFRI_ERROR_INVALID_INPUT);
  g_assert_true (g_str_has_prefix (error->message, over));
  g_assert_nonnull (strstr (error->message, "larger than 10 bytes"));
  g_clear_error (&error);

  g_assert_true (resfri_input_load_file (fits_file, "fits.ics", &contents, &length, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpmem (contents, length, "0123456789", 10);
  g_clear_pointer (&contents, g_free);

  g_assert_false (resfri_input_load_file (over_file, "Över.ics", &contents, &length, NULL, &error));
  g_assert_error (error, RESFRI_ERROR, RESFRI_ERROR_INVALID_INPUT);
  g_assert_true (g_str_has_prefix (error->message, "Över.ics: the file is larger than 10 bytes"));
}

/* A stream without an end is cut off at the limit. */
static void
test_stream_cut_off (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autoptr(GFile) zero = g_file_new_for_path ("/dev/zero");
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (!g_file_test ("/dev/zero", G_FILE_TEST_EXISTS))
    {
      g_test_skip ("no /dev/zero");
      return;
    }

  g_setenv ("RESFRI_MAX_INPUT_BYTES", "100000", TRUE);

  g_assert_false (resfri_input_read_path ("/dev/zero", &contents, &length, &error));
  g_assert_error (error, RESFRI_ERROR, RESFRI_ERROR_INVALID_INPUT);
  g_assert_true (g_str_has_prefix (error->message, "/dev/zero: the file is larger than"));
  g_clear_error (&error);

  g_assert_false (resfri_input_load_file (zero, "zero", &contents, &length, NULL, &error));
  g_assert_error (error, RESFRI_ERROR, RESFRI_ERROR_INVALID_INPUT);
  g_assert_true (g_str_has_prefix (error->message, "zero: the file is larger than"));
}

/* Reads of many chunks, and of exactly one, give the file whole. */
static void
test_load_file (Fixture       *fixture,
                gconstpointer  user_data)
{
  const gsize sizes[] = { 0, 1, 65535, 65536, 65537, 3 * 65536 + 17 };

  for (gsize i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autofree char *data = g_malloc (sizes[i] + 1);
      g_autofree char *name = g_strdup_printf ("size-%" G_GSIZE_FORMAT ".ics", sizes[i]);
      g_autofree char *path = NULL;
      g_autoptr(GFile) file = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *by_file = NULL;
      g_autofree char *by_path = NULL;
      gsize file_length = 0;
      gsize path_length = 0;

      for (gsize j = 0; j < sizes[i]; j++)
        data[j] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ\r\n"[j % 28];
      path = write_file (fixture, name, data, sizes[i]);
      file = g_file_new_for_path (path);

      g_assert_true (resfri_input_load_file (file, name, &by_file, &file_length, NULL, &error));
      g_assert_no_error (error);
      g_assert_cmpmem (by_file, file_length, data, sizes[i]);
      g_assert_true (resfri_input_read_path (path, &by_path, &path_length, &error));
      g_assert_no_error (error);
      g_assert_cmpmem (by_path, path_length, data, sizes[i]);
    }
}

static void
test_load_file_missing (Fixture       *fixture,
                        gconstpointer  user_data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "nowhere.ics", NULL);
  g_autofree char *ok_path = write_file (fixture, "here.ics", "x", 1);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) ok_file = g_file_new_for_path (ok_path);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_assert_false (resfri_input_load_file (file, "nowhere.ics", &contents, &length, NULL, &error));
  g_assert_error (error, RESFRI_ERROR, RESFRI_ERROR_INVALID_INPUT);
  g_assert_true (g_str_has_prefix (error->message, "nowhere.ics: cannot read the file: "));
  g_clear_error (&error);

  /* Cancelled is cancelled, not a read error. */
  g_cancellable_cancel (cancellable);
  g_assert_false (resfri_input_load_file (ok_file, "here.ics", &contents, &length, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/input/read-path", Fixture, NULL, fixture_set_up, test_read_path, fixture_tear_down);
  g_test_add ("/input/read-path-missing", Fixture, NULL,
              fixture_set_up, test_read_path_missing, fixture_tear_down);
  g_test_add ("/input/max-bytes", Fixture, NULL, fixture_set_up, test_max_bytes, fixture_tear_down);
  g_test_add ("/input/size-limit", Fixture, NULL, fixture_set_up, test_size_limit, fixture_tear_down);
  g_test_add ("/input/stream-cut-off", Fixture, NULL,
              fixture_set_up, test_stream_cut_off, fixture_tear_down);
  g_test_add ("/input/load-file", Fixture, NULL, fixture_set_up, test_load_file, fixture_tear_down);
  g_test_add ("/input/load-file-missing", Fixture, NULL,
              fixture_set_up, test_load_file_missing, fixture_tear_down);

  return g_test_run ();
}

/* fuzz-policy.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The policy value parser, fed "KEY\nVALUE". Besides not crashing, it
 * checks what callers rely on: an accepted value is canonical (parsing it
 * again gives it back), stores, and loads back; a refused one is
 * INVALID_INPUT with a UTF-8 message.
 */

#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gstdio.h>

#include "resfri-core.h"

static char *db_dir;
static ResfriStore *store;

static void
remove_database (void)
{
  const char *names[] = { "fuzz.db", "fuzz.db-wal", "fuzz.db-shm" };

  g_clear_object (&store);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (db_dir, names[i], NULL);
      g_remove (path);
    }
  g_rmdir (db_dir);
  g_clear_pointer (&db_dir, g_free);
}

static ResfriStore *
get_store (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  if (store != NULL)
    return store;

  db_dir = g_dir_make_tmp ("resfri-fuzz-policy-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (db_dir, "fuzz.db", NULL);
  store = resfri_store_open (path, &error);
  g_assert_no_error (error);
  atexit (remove_database);

  return store;
}

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = NULL;
  g_autofree char *canonical = NULL;
  g_autofree char *again = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ResfriPolicy) policy = NULL;
  const char *key;
  const char *value;
  char *newline;

  /* Keys and values are C strings: a NUL ends them. */
  text = g_strndup ((const char *) data, size);
  newline = strchr (text, '\n');
  if (newline == NULL)
    return 0;
  *newline = '\0';
  key = text;
  value = newline + 1;

  canonical = resfri_policy_parse_value (key, value, &error);
  if (canonical == NULL)
    {
      g_assert_true (g_error_matches (error, RESFRI_ERROR, RESFRI_ERROR_INVALID_INPUT));
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
      return 0;
    }
  g_assert_no_error (error);
  g_assert_true (g_utf8_validate (canonical, -1, NULL));

  again = resfri_policy_parse_value (key, canonical, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (again, ==, canonical);

  g_assert_true (resfri_policy_set (get_store (), key, value, &error));
  g_assert_no_error (error);

  policy = resfri_policy_load (get_store (), &error);
  g_assert_no_error (error);
  g_assert_nonnull (policy);

  if (strcmp (key, "meeting_hosts") == 0)
    {
      g_autofree char *joined = g_strjoinv (",", policy->extra_meeting_hosts);

      g_assert_cmpstr (joined, ==, canonical);
    }
  else if (strcmp (key, "detour_factor") == 0)
    g_assert_cmpfloat (policy->detour_factor, ==, g_ascii_strtod (canonical, NULL));
  else if (strcmp (key, "loan_buffer_min") == 0)
    g_assert_cmpint (policy->loan_buffer_min, ==, atoi (canonical));

  return 0;
}

/* test-check-turns.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * `resfri-cli check` of a long window made in turns on two threads: the
 * same bytes as one thread writes, in every format, and a failed write
 * that stops both threads. The fixture of resolve-fixture.h with some
 * ten thousand occurrences more, enough for the turns.
 */

#include "config.h"

#include <string.h>

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "resfri-core.h"
#include "resfri-test-fixture.h"
#include "resfri-test-util.h"
#include "resolve-fixture.h"

typedef ResfriTestFixture Fixture;

/* Series a day apart (COUNT=40) from 5 January on, of the fixture's
 * people, in its rooms and sites, online and nowhere: every verdict. */
#define N_SERIES 260

static const char * const places[] = {
  "LOCATION:Lilla rummet\r\n",
  "LOCATION:Sessionssalen\r\n",
  "LOCATION:Strömstad\\, stadshuset\r\n",
  "LOCATION:https://teams.microsoft.com/l/meetup-join/19%3ameeting\r\n",
  "",
};

static const char * const people[] = {
  "anna@vbg.se", "bo@vbg.se", "cecilia@udd.se", "david@str.se", "eva@aml.se", "frida@vbg.se",
};

static char *
series_ics (void)
{
  GString *ics = g_string_new ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Resfri//test//EN\r\n");

  for (guint i = 0; i < N_SERIES; i++)
    {
      g_string_append_printf (ics,
                              "BEGIN:VEVENT\r\nUID:turn-%03u@example.se\r\n"
                              "DTSTAMP:20260101T000000Z\r\n"
                              "DTSTART:202601%02uT%02u%02u00Z\r\nDURATION:PT1H\r\n"
                              "RRULE:FREQ=DAILY;COUNT=40\r\n"
                              "SUMMARY:Möte %u \"%s\" \\; del\r\n%s"
                              "ORGANIZER:mailto:%s\r\n"
                              "ATTENDEE:mailto:%s\r\nATTENDEE:mailto:%s\r\n"
                              "ATTENDEE:mailto:guest%u@example.com\r\n"
                              "END:VEVENT\r\n",
                              i, 5 + i % 20, 7 + i % 9, (i % 4) * 15, i,
                              i % 3 == 0 ? "årsplan" : "back\\\\slash", places[i % G_N_ELEMENTS (places)],
                              people[i % G_N_ELEMENTS (people)],
                              people[(i + 1) % G_N_ELEMENTS (people)],
                              people[(i + 3) % G_N_ELEMENTS (people)], i % 7);
    }
  g_string_append (ics, "END:VCALENDAR\r\n");

  return g_string_free (ics, FALSE);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *ics = series_ics ();
  g_autofree char *path = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  resfri_test_fixture_set_up (fixture, NULL);
  fixture_fill (fixture->store);
  g_assert_finalize_object (g_steal_pointer (&fixture->store));

  path = g_build_filename (fixture->dir, "series.ics", NULL);
  g_assert_true (g_file_set_contents (path, ics, -1, NULL));
  g_assert_cmpint (resfri_test_run_cli (fixture->path, &out, &err, "import", path, NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  /* Exemptions of a whole series and of one occurrence of another. */
  g_assert_cmpint (resfri_test_run_cli (fixture->path, &out, &err, "exempt", "turn-001@example.se",
                                        "relationship", NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (resfri_test_run_cli (fixture->path, &out, &err, "exempt", "--recurrence-id",
                                        "20260201T133000Z", "turn-006@example.se", "confidential",
                                        NULL), ==, 0);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  resfri_test_fixture_tear_down (fixture);
}

/* `check` of 2026 in @format, in @parts parts; the turns it reports on
 * standard error (-1: none reported). */
static char *
check_year (Fixture    *fixture,
            const char *format,
            const char *parts,
            int        *turns)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  const char *line;

  g_setenv ("RESFRI_CHECK_PARTS", parts, TRUE);
  g_setenv ("G_MESSAGES_DEBUG", "resfri-cli", TRUE);
  g_assert_cmpint (resfri_test_run_cli (fixture->path, &out, &err, "check", "--from", "2026-01-01",
                                        "--to", "2027-01-01", "--format", format, NULL), ==, 0);
  *turns = -1;
  if ((line = strstr (err, " occurrences, ")) != NULL)
    *turns = (int) g_ascii_strtoll (line + strlen (" occurrences, "), NULL, 10);

  return g_steal_pointer (&out);
}

/* In turns on two threads, each format's bytes are one thread's: the
 * JSON one array (its first object opens it), the text's totals summed
 * in the same order, the CSV's header once. */
static void
test_same_bytes (Fixture       *fixture,
                 gconstpointer  data)
{
  static const char * const formats[] = { "json", "text", "csv" };

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_autofree char *one = NULL;
      g_autofree char *two = NULL;
      int turns;

      one = check_year (fixture, formats[i], "1", &turns);
      g_assert_cmpint (turns, ==, -1);
      two = check_year (fixture, formats[i], "2", &turns);
      g_assert_cmpint (turns, >, 1);
      g_assert_cmpstr (two, ==, one);
    }
}

/* The JSON in turns is one array of every occurrence, with the
 * exemptions and the verdicts of one thread. */
static void
test_json (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *two = NULL;
  JsonArray *array;
  guint exempt = 0;
  guint n;
  int turns;

  two = check_year (fixture, "json", "2", &turns);
  json_parser_load_from_data (parser, two, -1, &error);
  g_assert_no_error (error);
  array = json_node_get_array (json_parser_get_root (parser));
  n = json_array_get_length (array);
  g_assert_cmpuint (n, >=, N_SERIES * 40);
  /* Turns of 2048 occurrences (resfri-policy-check.c). */
  g_assert_cmpint (turns, ==, (n + 2047) / 2048);
  for (guint i = 0; i < n; i++)
    {
      JsonObject *o = json_array_get_object_element (array, i);

      if (g_str_has_prefix (json_object_get_string_member (o, "uid"), "turn-") &&
          !json_object_get_null_member (o, "exemption"))
        exempt++;
    }
  g_assert_cmpuint (exempt, ==, 40 + 1);
}

/* A write that fails (a full device) stops both threads: the command
 * ends, with its error, and does not wait for ever. */
static void
test_write_fails (Fixture       *fixture,
                  gconstpointer  data)
{
  static const char * const formats[] = { "json", "text", "csv" };

  if (!g_file_test ("/dev/full", G_FILE_TEST_EXISTS))
    {
      g_test_skip ("no /dev/full");
      return;
    }

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDERR_PIPE);
      g_autoptr(GSubprocess) process = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *err = NULL;

      g_subprocess_launcher_setenv (launcher, "RESFRI_CHECK_PARTS", "2", TRUE);
      g_subprocess_launcher_set_stdout_file_path (launcher, "/dev/full");
      process = g_subprocess_launcher_spawn (launcher, &error, g_getenv ("RESFRI_CLI"), "--db",
                                             fixture->path, "check", "--from", "2026-01-01",
                                             "--to", "2027-01-01", "--format", formats[i], NULL);
      g_assert_no_error (error);
      g_assert_true (g_subprocess_communicate_utf8 (process, NULL, NULL, NULL, &err, &error));
      g_assert_no_error (error);
      g_assert_true (g_subprocess_get_if_exited (process));
      g_assert_cmpint (g_subprocess_get_exit_status (process), !=, 0);
      g_assert_nonnull (strstr (err, "Cannot write the output"));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/check-turns/same-bytes", test_same_bytes);
  ADD ("/check-turns/json", test_json);
  ADD ("/check-turns/write-fails", test_write_fails);
#undef ADD

  return g_test_run ();
}

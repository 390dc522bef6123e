/* test-check.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * `resfri-cli check` in its three formats and `resfri-cli exempt` on the
 * hand-computed fixture of resolve-fixture.h, and X-RESFRI-EXEMPTION read
 * on import.
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <json-glib/json-glib.h>
#include <sqlite3.h>

#include "resfri-core.h"
#include "resfri-test-fixture.h"
#include "resfri-test-util.h"
#include "resolve-fixture.h"

/* The CLI runs on the database, which the fixture fills and closes. */
typedef ResfriTestFixture Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  resfri_test_fixture_set_up (fixture, NULL);
  fixture_fill (fixture->store);
  g_assert_finalize_object (g_steal_pointer (&fixture->store));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  resfri_test_fixture_tear_down (fixture);
}

static int
cli (Fixture     *fixture,
     char       **out,
     char       **err,
     const char  *first,
     ...)
{
  const char *args[16] = { NULL, };
  va_list ap;
  guint n = 0;

  va_start (ap, first);
  for (const char *arg = first; arg != NULL && n < G_N_ELEMENTS (args) - 1; arg = va_arg (ap, const char *))
    args[n++] = arg;
  va_end (ap);

  return resfri_test_run_cli (fixture->path, out, err, args[0], args[1], args[2], args[3], args[4],
                              args[5], args[6], args[7], args[8], args[9], args[10], args[11],
                              NULL);
}

static void
cli_ok (Fixture    *fixture,
        const char *a,
        const char *b,
        const char *c,
        const char *d,
        const char *e)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpint (cli (fixture, &out, &err, a, b, c, d, e, NULL), ==, 0);
  g_assert_cmpstr (err, ==, "");
}

static void
record_exemptions (Fixture *fixture)
{
  cli_ok (fixture, "exempt", "m6", "relationship", NULL, NULL);
  cli_ok (fixture, "exempt", "m6", "--recurrence-id", "20260309T080000Z", "confidential");
  cli_ok (fixture, "exempt", "--recurrence-id", "20260312T120000Z", "m8", "physical-presence");
}

static JsonArray *
check_json (Fixture    *fixture,
            const char *from,
            const char *to,
            char      **text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  JsonNode *root;
  int status;

  if (from != NULL)
    status = cli (fixture, &out, &err, "check", "--format", "json", "--from", from, "--to", to,
                  NULL);
  else
    status = cli (fixture, &out, &err, "check", "--format", "json", NULL);
  g_assert_cmpint (status, ==, 0);
  g_assert_cmpstr (err, ==, "");

  json_parser_load_from_data (parser, out, -1, &error);
  g_assert_no_error (error);
  root = json_parser_get_root (parser);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (root));
  if (text != NULL)
    *text = g_steal_pointer (&out);

  return json_array_ref (json_node_get_array (root));
}

static JsonObject *
find_object (JsonArray  *array,
             const char *uid,
             const char *recurrence_id)
{
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *o = json_array_get_object_element (array, i);

      if (g_strcmp0 (json_object_get_string_member (o, "uid"), uid) == 0 &&
          g_strcmp0 (json_object_get_string_member (o, "recurrence_id"), recurrence_id) == 0)
        return o;
    }

  g_error ("no occurrence %s %s", uid, recurrence_id);
  return NULL;
}

static void
assert_km (JsonObject *o,
           const char *member,
           double      expected)
{
  /* One decimal: the value is exactly the double of the rounded figure. */
  g_assert_cmpfloat (json_object_get_double_member (o, member), ==, round (expected * 10) / 10);
}

static void
test_json (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(JsonArray) array = NULL;
  g_autofree char *text = NULL;
  JsonObject *o;
  JsonArray *missing;
  const char * const members[] = {
    "uid", "recurrence_id", "start", "end", "summary", "organizer", "unit", "mode",
    "venue_site", "verdict", "exemption", "travel_km", "co2_kg", "cost_sek", "hours",
    "avoided_km", "avoided_co2_kg", "missing_equipment",
  };

  record_exemptions (fixture);
  array = check_json (fixture, NULL, NULL, &text);
  g_assert_cmpuint (json_array_get_length (array), ==, 10);
  /* Numbers are printed as rounded, not as 249.09999999999999. */
  g_assert_nonnull (strstr (text, "\"travel_km\":249.1,"));

  o = find_object (array, "m1", NULL);
  g_assert_cmpuint (json_object_get_size (o), ==, G_N_ELEMENTS (members));
  for (guint i = 0; i < G_N_ELEMENTS (members); i++)
    g_assert_true (json_object_has_member (o, members[i]));
  g_assert_true (json_object_get_null_member (o, "recurrence_id"));
  g_assert_cmpstr (json_object_get_string_member (o, "start"), ==, "2026-03-02T08:00:00Z");
  g_assert_cmpstr (json_object_get_string_member (o, "end"), ==, "2026-03-02T09:00:00Z");
  g_assert_cmpstr (json_object_get_string_member (o, "summary"), ==, "Budget");
  g_assert_cmpstr (json_object_get_string_member (o, "organizer"), ==, "anna@vbg.se");
  g_assert_cmpstr (json_object_get_string_member (o, "unit"), ==, "Kommunstyrelsen/IT");
  g_assert_cmpstr (json_object_get_string_member (o, "mode"), ==, "in_person");
  g_assert_cmpstr (json_object_get_string_member (o, "venue_site"), ==, "VBG");
  g_assert_cmpstr (json_object_get_string_member (o, "verdict"), ==, "non_compliant");
  g_assert_true (json_object_get_null_member (o, "exemption"));
  assert_km (o, "travel_km", 2 * KM_VBG_UDD + 2 * KM_VBG_STR);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (o, "co2_kg"),
                                  (2 * KM_VBG_UDD + 2 * KM_VBG_STR) * 0.12, 0.01);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (o, "cost_sek"),
                                  (2 * KM_VBG_UDD + 2 * KM_VBG_STR) * 2.5, 0.01);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (o, "hours"),
                                  (2 * KM_VBG_UDD + 2 * KM_VBG_STR) / 70, 0.01);
  assert_km (o, "avoided_km", 0);
  missing = json_object_get_array_member (o, "missing_equipment");
  g_assert_cmpuint (json_array_get_length (missing), ==, 3);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (missing, 0),
                                                  "person"), ==, "cecilia@udd.se");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (missing, 0),
                                                  "type"), ==, "headset");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (missing, 1),
                                                  "type"), ==, "camera");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (missing, 2),
                                                  "person"), ==, "david@str.se");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (missing, 2),
                                                  "type"), ==, "headset");

  o = find_object (array, "m2", NULL);
  g_assert_cmpstr (json_object_get_string_member (o, "verdict"), ==, "local");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (o, "missing_equipment")),
                    ==, 0);

  o = find_object (array, "m3", NULL);
  g_assert_cmpstr (json_object_get_string_member (o, "mode"), ==, "online");
  g_assert_true (json_object_get_null_member (o, "venue_site"));
  g_assert_cmpstr (json_object_get_string_member (o, "verdict"), ==, "travel_free");
  assert_km (o, "avoided_km", 2 * KM_VBG_UDD + 2 * KM_UDD_AML);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (o, "avoided_co2_kg"),
                                  (2 * KM_VBG_UDD + 2 * KM_UDD_AML) * 0.12, 0.01);

  o = find_object (array, "m4", NULL);
  g_assert_cmpstr (json_object_get_string_member (o, "mode"), ==, "hybrid");
  g_assert_cmpstr (json_object_get_string_member (o, "venue_site"), ==, "STR");
  assert_km (o, "avoided_km", 4 * KM_VBG_STR);

  o = find_object (array, "m5", NULL);
  g_assert_cmpstr (json_object_get_string_member (o, "verdict"), ==, "unknown");
  g_assert_true (json_object_get_null_member (o, "unit"));

  o = find_object (array, "m6", "20260309T080000Z");
  g_assert_cmpstr (json_object_get_string_member (o, "verdict"), ==, "exempt");
  g_assert_cmpstr (json_object_get_string_member (o, "exemption"), ==, "confidential");
  g_assert_cmpstr (json_object_get_string_member (o, "venue_site"), ==, "AML");
  assert_km (o, "travel_km", 2 * KM_VBG_AML);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (o, "missing_equipment")),
                    ==, 0);

  o = find_object (array, "m6", "20260316T080000Z");
  g_assert_cmpstr (json_object_get_string_member (o, "start"), ==, "2026-03-16T10:00:00Z");
  g_assert_cmpstr (json_object_get_string_member (o, "exemption"), ==, "relationship");
  g_assert_cmpstr (json_object_get_string_member (o, "venue_site"), ==, "UDD");
  assert_km (o, "travel_km", 2 * KM_VBG_UDD + 2 * KM_UDD_AML);

  o = find_object (array, "m7", NULL);
  g_assert_cmpstr (json_object_get_string_member (o, "mode"), ==, "unknown");

  o = find_object (array, "m8", "20260311T120000Z");
  g_assert_cmpstr (json_object_get_string_member (o, "verdict"), ==, "non_compliant");
  missing = json_object_get_array_member (o, "missing_equipment");
  g_assert_cmpuint (json_array_get_length (missing), ==, 3);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (missing, 2),
                                                  "person"), ==, "frida@vbg.se");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (missing, 2),
                                                  "type"), ==, "camera");
  o = find_object (array, "m8", "20260312T120000Z");
  g_assert_cmpstr (json_object_get_string_member (o, "verdict"), ==, "exempt");
}

static void
test_window (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(JsonArray) array = NULL;
  g_autoptr(JsonArray) instants = NULL;
  g_autoptr(JsonArray) none = NULL;

  /* Stockholm days: [2026-03-03 23:00Z, 2026-03-04 23:00Z). */
  array = check_json (fixture, "2026-03-04", "2026-03-05", NULL);
  g_assert_cmpuint (json_array_get_length (array), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (array, 0), "uid"),
                   ==, "m3");

  instants = check_json (fixture, "2026-03-09T08:30:00Z", "2026-03-16T10:00:00Z", NULL);
  /* m6 (started 08:00), m7, m8 twice; m6's override starts at the end. */
  g_assert_cmpuint (json_array_get_length (instants), ==, 4);

  none = check_json (fixture, "2027-01-01", "2027-02-01", NULL);
  g_assert_cmpuint (json_array_get_length (none), ==, 0);
}

static void
test_csv (Fixture       *fixture,
          gconstpointer  data)
{
  g_autoptr(ResfriCsvReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  const char * const *fields;
  guint rows = 0;
  gboolean seen_m1 = FALSE;

  record_exemptions (fixture);
  g_assert_cmpint (cli (fixture, &out, &err, "check", "--format", "csv", NULL), ==, 0);
  g_assert_cmpstr (err, ==, "");

  reader = resfri_csv_reader_new ("check.csv", out, strlen (out));
  g_assert_true (resfri_csv_reader_next (reader, &error));
  g_assert_no_error (error);
  fields = resfri_csv_reader_get_fields (reader);
  g_assert_cmpuint (resfri_csv_reader_get_n_fields (reader), ==, 18);
  g_assert_cmpstr (fields[0], ==, "uid");
  g_assert_cmpstr (fields[8], ==, "venue_site");
  g_assert_cmpstr (fields[17], ==, "missing_equipment");

  while (resfri_csv_reader_next (reader, &error))
    {
      fields = resfri_csv_reader_get_fields (reader);
      g_assert_cmpuint (resfri_csv_reader_get_n_fields (reader), ==, 18);
      rows++;
      if (strcmp (fields[0], "m1") == 0)
        {
          seen_m1 = TRUE;
          g_assert_cmpstr (fields[1], ==, "");
          g_assert_cmpstr (fields[2], ==, "2026-03-02T08:00:00Z");
          g_assert_cmpstr (fields[6], ==, "Kommunstyrelsen/IT");
          g_assert_cmpstr (fields[7], ==, "in_person");
          g_assert_cmpstr (fields[8], ==, "VBG");
          g_assert_cmpstr (fields[9], ==, "non_compliant");
          g_assert_cmpstr (fields[10], ==, "");
          g_assert_cmpstr (fields[11], ==, "249.1");
          g_assert_cmpstr (fields[17], ==,
                           "cecilia@udd.se:headset;cecilia@udd.se:camera;david@str.se:headset");
        }
      else if (strcmp (fields[0], "m6") == 0 && strcmp (fields[1], "20260316T080000Z") == 0)
        {
          g_assert_cmpstr (fields[9], ==, "exempt");
          g_assert_cmpstr (fields[10], ==, "relationship");
          g_assert_cmpstr (fields[11], ==, "292.1");
        }
      else if (strcmp (fields[0], "m3") == 0)
        {
          g_assert_cmpstr (fields[8], ==, "");
          g_assert_cmpstr (fields[15], ==, "292.1");
        }
    }
  g_assert_no_error (error);
  g_assert_cmpuint (rows, ==, 10);
  g_assert_true (seen_m1);
}

static void
test_text (Fixture       *fixture,
           gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  const GRegexMatchFlags flags = 0;

  record_exemptions (fixture);
  g_assert_cmpint (cli (fixture, &out, &err, "check", NULL), ==, 0);
  g_assert_cmpstr (err, ==, "");

  /* Local times in Europe/Stockholm (CET in March). */
  g_assert_nonnull (strstr (out, "2026-03-02 09:00–10:00  Budget\n"));
  g_assert_nonnull (strstr (out, "Travel: 249.1 km"));
  g_assert_nonnull (strstr (out, "cecilia@udd.se (headset and camera), david@str.se (headset)"));
  g_assert_true (g_regex_match_simple ("^Travel-free: +2$", out, G_REGEX_MULTILINE, flags));
  g_assert_true (g_regex_match_simple ("^Local: +1$", out, G_REGEX_MULTILINE, flags));
  g_assert_true (g_regex_match_simple ("^Exempt: +3$", out, G_REGEX_MULTILINE, flags));
  g_assert_true (g_regex_match_simple ("^Non-compliant: +2$", out, G_REGEX_MULTILINE, flags));
  g_assert_true (g_regex_match_simple ("^Unknown: +2$", out, G_REGEX_MULTILINE, flags));
  g_assert_true (g_regex_match_simple ("^10 occurrences: travel 861.4 km", out, G_REGEX_MULTILINE,
                                       flags));
}

static void
test_usage (Fixture       *fixture,
            gconstpointer  data)
{
  struct { const char *args[6]; int status; } cases[] = {
    { { "check", "--format", "xml" }, 2 },
    { { "check", "--from", "yesterday" }, 2 },
    { { "check", "--from", "2026-03-05", "--to", "2026-03-04" }, 2 },
    { { "check", "extra" }, 2 },
    { { "exempt", "m1" }, 2 },
    { { "exempt", "m1", "laziness" }, 2 },
    { { "exempt", "m1", "other" }, 2 },
    { { "exempt", "m1", "other", "--note", "  " }, 2 },
    { { "exempt", "nope", "confidential" }, 1 },
    { { "exempt", "m6", "--recurrence-id", "20260310T080000Z", "confidential" }, 1 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      const char * const *a = cases[i].args;

      g_assert_cmpint (cli (fixture, &out, &err, a[0], a[1], a[2], a[3], a[4], a[5], NULL), ==,
                       cases[i].status);
      g_assert_cmpstr (err, !=, "");
      if (cases[i].status == 1)
        g_assert_null (strchr (g_strchomp (err), '\n'));
    }
}

static void
test_exempt (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(JsonArray) array = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  JsonObject *o;

  g_assert_cmpint (cli (fixture, &out, &err, "exempt", "m1", "other", "--note", "Avtal med region",
                        NULL), ==, 0);
  g_assert_cmpstr (err, ==, "");
  g_assert_nonnull (strstr (out, "m1"));
  cli_ok (fixture, "exempt", "m8", "missing-equipment", NULL, NULL);

  array = check_json (fixture, NULL, NULL, NULL);
  o = find_object (array, "m1", NULL);
  g_assert_cmpstr (json_object_get_string_member (o, "verdict"), ==, "exempt");
  g_assert_cmpstr (json_object_get_string_member (o, "exemption"), ==, "other");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (o, "missing_equipment")),
                    ==, 0);
  o = find_object (array, "m8", "20260311T120000Z");
  g_assert_cmpstr (json_object_get_string_member (o, "exemption"), ==, "missing-equipment");
  /* An online meeting keeps its verdict; the exemption is still shown. */
  cli_ok (fixture, "exempt", "m3", "confidential", NULL, NULL);
  g_clear_pointer (&array, json_array_unref);
  array = check_json (fixture, NULL, NULL, NULL);
  o = find_object (array, "m3", NULL);
  g_assert_cmpstr (json_object_get_string_member (o, "verdict"), ==, "travel_free");
  g_assert_cmpstr (json_object_get_string_member (o, "exemption"), ==, "confidential");
}

static char *
read_note (Fixture    *fixture,
           const char *uid,
           const char *recurrence_id,
           char      **reason)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *note = NULL;

  g_assert_cmpint (sqlite3_open_v2 (fixture->path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT reason, note FROM exemptions"
                                           " WHERE uid = ?1 AND recurrence_id = ?2",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, uid, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, recurrence_id, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      *reason = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      note = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
    }
  else
    *reason = NULL;
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return note;
}

#define ICS_HEAD "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Resfri//test//EN\r\n"
#define ICS_TAIL "END:VCALENDAR\r\n"

static int
import_ics (Fixture    *fixture,
            const char *text,
            char      **err)
{
  g_autofree char *path = g_build_filename (fixture->dir, "x.ics", NULL);
  g_autofree char *out = NULL;

  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  return cli (fixture, &out, err, "import", path, NULL);
}

/* The text a meeting gives its occurrences is written once and copied
 * for the later ones: each occurrence still has its own times, uid line
 * and, when exempted alone, its own verdict, in JSON and in text. */
static void
test_series_kept (Fixture       *fixture,
                  gconstpointer  data)
{
  static const char ics[] =
    ICS_HEAD
    "BEGIN:VEVENT\r\nUID:daily\r\nDTSTAMP:20260101T000000Z\r\n"
    "DTSTART:20260401T120000Z\r\nDTEND:20260401T130000Z\r\nRRULE:FREQ=DAILY;COUNT=5\r\n"
    "SUMMARY:Dagligen \"s\"\r\nLOCATION:VÄNERSBORG\r\nORGANIZER:mailto:cecilia@udd.se\r\n"
    "ATTENDEE:mailto:frida@vbg.se\r\nEND:VEVENT\r\n"
    ICS_TAIL;
  static const char * const own[] = { "uid", "recurrence_id", "start", "end", "verdict",
                                      "exemption" };
  g_autoptr(JsonArray) array = NULL;
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *first = NULL;
  g_autofree char *text = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  const char *at;

  g_assert_cmpint (import_ics (fixture, ics, &err), ==, 0);
  cli_ok (fixture, "exempt", "--recurrence-id", "20260404T120000Z", "daily", "confidential");
  array = check_json (fixture, "2026-04-01", "2026-04-06", &text);
  g_assert_cmpuint (json_array_get_length (array), ==, 5);
  for (guint i = 0; i < 5; i++)
    {
      JsonObject *o = json_array_get_object_element (array, i);
      g_autofree char *start = g_strdup_printf ("2026-04-0%uT12:00:00Z", i + 1);
      g_autoptr(JsonNode) rest = NULL;
      g_autofree char *rest_text = NULL;

      g_assert_cmpstr (json_object_get_string_member (o, "start"), ==, start);
      g_assert_cmpstr (json_object_get_string_member (o, "verdict"), ==,
                       i == 3 ? "exempt" : "non_compliant");
      if (i == 3)
        g_assert_cmpstr (json_object_get_string_member (o, "exemption"), ==, "confidential");
      else
        g_assert_true (json_object_get_null_member (o, "exemption"));
      for (guint j = 0; j < G_N_ELEMENTS (own); j++)
        json_object_remove_member (o, own[j]);
      rest = json_node_init_object (json_node_alloc (), o);
      json_generator_set_root (generator, rest);
      rest_text = json_generator_to_data (generator, NULL);
      /* The exempted one lists no missing equipment. */
      if (i == 3)
        g_assert_nonnull (strstr (rest_text, "\"missing_equipment\":[]"));
      else if (first == NULL)
        first = g_steal_pointer (&rest_text);
      else
        g_assert_cmpstr (rest_text, ==, first);
    }
  g_assert_nonnull (strstr (first, "\"Dagligen \\\"s\\\"\""));

  g_clear_pointer (&err, g_free);
  g_assert_cmpint (cli (fixture, &out, &err, "check", "--from", "2026-04-01", "--to",
                        "2026-04-06", NULL), ==, 0);
  at = out;
  for (guint i = 0; i < 5; i++)
    {
      g_autofree char *head = g_strdup_printf ("2026-04-0%u 14:00–15:00  Dagligen \"s\"\n  %s",
                                               i + 1, i == 3 ? "Exempt" : "Non-compliant");
      g_autofree char *uid = g_strdup_printf ("UID daily 2026040%uT120000Z\n", i + 1);

      g_assert_nonnull ((at = strstr (at, head)));
      g_assert_nonnull ((at = strstr (at, uid)));
      g_assert_nonnull (strstr (at, "  Travel: "));
    }
  g_assert_nonnull (strstr (out, "exemption: confidential\n"));
}

static void
test_import (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(JsonArray) array = NULL;
  g_autofree char *err = NULL;
  g_autofree char *reason = NULL;
  g_autofree char *note = NULL;
  JsonObject *o;

  g_assert_cmpint (import_ics (fixture,
                               ICS_HEAD
                               "BEGIN:VEVENT\r\n"
                               "UID:m9\r\n"
                               "DTSTAMP:20260101T000000Z\r\n"
                               "DTSTART:20260401T080000Z\r\n"
                               "DTEND:20260401T090000Z\r\n"
                               "RRULE:FREQ=DAILY;COUNT=2\r\n"
                               "SUMMARY:Tillsyn\r\n"
                               "LOCATION:Åmål\\, reningsverket\r\n"
                               "X-RESFRI-EXEMPTION:physical-presence\r\n"
                               "ORGANIZER:mailto:bo@vbg.se\r\n"
                               "END:VEVENT\r\n"
                               "BEGIN:VEVENT\r\n"
                               "UID:m9\r\n"
                               "DTSTAMP:20260101T000000Z\r\n"
                               "RECURRENCE-ID:20260402T080000Z\r\n"
                               "DTSTART:20260402T080000Z\r\n"
                               "DTEND:20260402T090000Z\r\n"
                               "SUMMARY:Tillsyn\r\n"
                               "LOCATION:Åmål\\, reningsverket\r\n"
                               "X-RESFRI-EXEMPTION;X-RESFRI-NOTE=\"Krav i avtalet\":OTHER\r\n"
                               "ORGANIZER:mailto:bo@vbg.se\r\n"
                               "END:VEVENT\r\n"
                               ICS_TAIL, &err), ==, 0);

  array = check_json (fixture, "2026-04-01", "2026-04-03", NULL);
  g_assert_cmpuint (json_array_get_length (array), ==, 2);
  o = find_object (array, "m9", "20260401T080000Z");
  g_assert_cmpstr (json_object_get_string_member (o, "venue_site"), ==, "AML");
  g_assert_cmpstr (json_object_get_string_member (o, "verdict"), ==, "exempt");
  g_assert_cmpstr (json_object_get_string_member (o, "exemption"), ==, "physical-presence");
  assert_km (o, "travel_km", 2 * KM_VBG_AML);
  o = find_object (array, "m9", "20260402T080000Z");
  g_assert_cmpstr (json_object_get_string_member (o, "exemption"), ==, "other");
  note = read_note (fixture, "m9", "20260402T080000Z", &reason);
  g_assert_cmpstr (reason, ==, "other");
  g_assert_cmpstr (note, ==, "Krav i avtalet");

  /* A bad reason fails the whole import, naming file and line; nothing
   * of it is stored. */
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (import_ics (fixture,
                               ICS_HEAD
                               "BEGIN:VEVENT\r\n"
                               "UID:m10\r\n"
                               "DTSTAMP:20260101T000000Z\r\n"
                               "DTSTART:20260501T080000Z\r\n"
                               "DTEND:20260501T090000Z\r\n"
                               "END:VEVENT\r\n"
                               "BEGIN:VEVENT\r\n"
                               "UID:m11\r\n"
                               "DTSTAMP:20260101T000000Z\r\n"
                               "DTSTART:20260501T080000Z\r\n"
                               "DTEND:20260501T090000Z\r\n"
                               "X-RESFRI-EXEMPTION:laziness\r\n"
                               "END:VEVENT\r\n"
                               ICS_TAIL, &err), ==, 1);
  g_assert_nonnull (strstr (err, "x.ics:10: "));
  g_assert_nonnull (strstr (err, "laziness"));
  g_clear_pointer (&array, json_array_unref);
  array = check_json (fixture, "2026-05-01", "2026-05-02", NULL);
  g_assert_cmpuint (json_array_get_length (array), ==, 0);

  /* "other" without its note. */
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (import_ics (fixture,
                               ICS_HEAD
                               "BEGIN:VEVENT\r\n"
                               "UID:m12\r\n"
                               "DTSTAMP:20260101T000000Z\r\n"
                               "DTSTART:20260501T080000Z\r\n"
                               "DTEND:20260501T090000Z\r\n"
                               "X-RESFRI-EXEMPTION:other\r\n"
                               "END:VEVENT\r\n"
                               ICS_TAIL, &err), ==, 1);
  g_assert_nonnull (strstr (err, "x.ics:"));

  /* Re-importing m9 without the property keeps what was recorded. */
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (import_ics (fixture,
                               ICS_HEAD
                               "BEGIN:VEVENT\r\n"
                               "UID:m9\r\n"
                               "SEQUENCE:1\r\n"
                               "DTSTAMP:20260101T000000Z\r\n"
                               "DTSTART:20260401T080000Z\r\n"
                               "DTEND:20260401T090000Z\r\n"
                               "RRULE:FREQ=DAILY;COUNT=2\r\n"
                               "SUMMARY:Tillsyn\r\n"
                               "LOCATION:Åmål\r\n"
                               "ORGANIZER:mailto:bo@vbg.se\r\n"
                               "END:VEVENT\r\n"
                               ICS_TAIL, &err), ==, 0);
  g_clear_pointer (&reason, g_free);
  g_clear_pointer (&note, g_free);
  note = read_note (fixture, "m9", "", &reason);
  g_assert_cmpstr (reason, ==, "physical-presence");
  g_assert_null (note);
}

/* "%Y-%m-%d %H:%M" of @t in Stockholm, as GDateTime writes it; "%H:%M"
 * where @same_day_as is on its day. */
static char *
stockholm (gint64  t,
           gint64  same_day_as)
{
  g_autoptr(GTimeZone) zone = g_time_zone_new_identifier ("Europe/Stockholm");
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (t);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, zone);
  g_autoptr(GDateTime) other_utc = g_date_time_new_from_unix_utc (same_day_as);
  g_autoptr(GDateTime) other = g_date_time_to_timezone (other_utc, zone);

  if (same_day_as != t && g_date_time_get_year (local) == g_date_time_get_year (other) &&
      g_date_time_get_day_of_year (local) == g_date_time_get_day_of_year (other))
    return g_date_time_format (local, "%H:%M");
  return g_date_time_format (local, "%Y-%m-%d %H:%M");
}

/* The text output's local times, written without GDateTime, as GDateTime
 * writes them: across both changes of daylight saving time (also in 2038,
 * past the zone's listed changes), over midnight and over a year's end. */
static void
test_text_times (Fixture       *fixture,
                 gconstpointer  data)
{
  static const char * const events[][2] = {
    { "20260329T003000Z", "20260329T013000Z" },
    { "20260329T005959Z", "20260329T010000Z" },
    { "20261024T213000Z", "20261025T013000Z" },
    { "20261025T005900Z", "20261025T010100Z" },
    { "20261231T223000Z", "20270101T003000Z" },
    { "20380328T003000Z", "20380328T013000Z" },
  };
  g_autoptr(GString) ics = g_string_new (ICS_HEAD);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (events); i++)
    g_string_append_printf (ics, "BEGIN:VEVENT\r\nUID:t%u\r\nDTSTAMP:20260101T000000Z\r\n"
                            "DTSTART:%s\r\nDTEND:%s\r\nSUMMARY:Times %u\r\nEND:VEVENT\r\n",
                            i, events[i][0], events[i][1], i);
  g_string_append (ics, ICS_TAIL);
  g_assert_cmpint (import_ics (fixture, ics->str, &err), ==, 0);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (cli (fixture, &out, &err, "check", "--from", "2026-03-01", "--to", "2040-01-01",
                        NULL), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (events); i++)
    {
      g_autoptr(GDateTime) start = g_date_time_new_from_iso8601 (events[i][0], NULL);
      g_autoptr(GDateTime) end = g_date_time_new_from_iso8601 (events[i][1], NULL);
      gint64 s = g_date_time_to_unix (start);
      gint64 e = g_date_time_to_unix (end);
      g_autofree char *from = stockholm (s, s);
      g_autofree char *until = stockholm (e, s);
      g_autofree char *line = g_strdup_printf ("%s–%s  Times %u\n", from, until, i);

      g_assert_nonnull (strstr (out, line));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/check/json", test_json);
  ADD ("/check/window", test_window);
  ADD ("/check/csv", test_csv);
  ADD ("/check/text", test_text);
  ADD ("/check/text/times", test_text_times);
  ADD ("/check/usage", test_usage);
  ADD ("/check/exempt", test_exempt);
  ADD ("/check/import-exemption", test_import);
  ADD ("/check/series-kept", test_series_kept);
#undef ADD

  return g_test_run ();
}

/* test-report.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * resfri-cli report on the follow-up fixture (followup-fixture.h): JSON,
 * CSV and text, XLSX and PDF (read back with the tools that exist), usage
 * errors, and no person named in any format.
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <json-glib/json-glib.h>

#include "resfri-test-util.h"

#include "followup-fixture.h"

static JsonObject *
find_json_unit (JsonArray  *units,
                const char *unit)
{
  for (guint i = 0; i < json_array_get_length (units); i++)
    {
      JsonObject *row = json_array_get_object_element (units, i);

      if (g_strcmp0 (json_object_get_string_member (row, "unit"), unit) == 0)
        return row;
    }

  return NULL;
}

static void
test_cli_json (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *root, *total, *ks, *exempt, *ao, *month;
  JsonArray *units, *months;
  const char *members[] = {
    "unit", "employees", "occurrences", "travel_free", "local", "exempt", "non_compliant",
    "unknown", "travel_free_share", "trips_short", "trips_long", "travel_km", "travel_co2_kg",
    "avoided_km", "avoided_co2_kg", "avoided_cost_sek", "avoided_hours", "equipment_coverage",
    /* Added to spec R: */
    "open_gaps", "per_employee",
    /* spec/planning.md "Targets": */
    "planned", "unregistered", "target_share",
  };
  JsonObject *per_employee, *none;

  g_assert_cmpint (resfri_test_run_cli (fixture->path, &out, &err, "report", "--period", "2026",
                                        "--format", "json", NULL), ==, 0);
  g_assert_cmpstr (err, ==, "");
  g_assert_true (json_parser_load_from_data (parser, out, -1, &error));
  g_assert_no_error (error);

  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "period"), ==, "2026");
  g_assert_cmpstr (json_object_get_string_member (root, "from"), ==, "2025-12-31T23:00:00Z");
  g_assert_cmpstr (json_object_get_string_member (root, "to"), ==, "2026-12-31T23:00:00Z");

  total = json_object_get_object_member (root, "total");
  g_assert_cmpuint (json_object_get_size (total), ==, G_N_ELEMENTS (members));
  for (guint i = 0; i < G_N_ELEMENTS (members); i++)
    g_assert_true (json_object_has_member (total, members[i]));
  g_assert_true (json_object_get_null_member (total, "unit"));
  g_assert_cmpint (json_object_get_int_member (total, "occurrences"), ==, 6);
  g_assert_cmpint (json_object_get_int_member (total, "employees"), ==, 6);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (total, "travel_free_share"), 0.5,
                                  1e-9);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (total, "travel_km"), 494.4,
                                  0.05);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (total, "equipment_coverage"),
                                  2.0 / 6, 0.0001);
  exempt = json_object_get_object_member (total, "exempt");
  g_assert_cmpint (json_object_get_int_member (exempt, "physical-presence"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (exempt, "confidential"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (total, "open_gaps"), ==, 6);
  /* Per employee, 3 decimals: 494.4220 / 6, 261.2470 / 6, …, 3.7321 / 6. */
  per_employee = json_object_get_object_member (total, "per_employee");
  g_assert_cmpuint (json_object_get_size (per_employee), ==, 9);
  /* REMM's counts per employee: 2 travel-free, 1 short and 2 long trips,
   * 0.12 × 494.4220 kg of CO2, over 6 people. */
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (per_employee, "travel_free"),
                                  0.333, 1e-6);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (per_employee, "trips_short"),
                                  0.167, 1e-6);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (per_employee, "trips_long"),
                                  0.333, 1e-6);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (per_employee, "travel_co2_kg"),
                                  9.888, 1e-6);
  g_assert_cmpint (json_object_get_int_member (total, "planned"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (total, "unregistered"), ==, 0);
  g_assert_true (json_object_get_null_member (total, "target_share"));
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (per_employee, "travel_km"),
                                  82.404, 1e-6);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (per_employee, "avoided_km"),
                                  43.541, 1e-6);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (per_employee, "avoided_co2_kg"),
                                  5.225, 1e-6);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (per_employee,
                                                                 "avoided_cost_sek"),
                                  108.853, 1e-6);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (per_employee, "avoided_hours"),
                                  0.622, 1e-6);

  units = json_object_get_array_member (root, "units");
  g_assert_cmpuint (json_array_get_length (units), ==, 6);
  ks = find_json_unit (units, "Kommunstyrelsen");
  g_assert_nonnull (ks);
  g_assert_cmpint (json_object_get_int_member (ks, "occurrences"), ==, 3);
  g_assert_cmpint (json_object_get_int_member (ks, "trips_short"), ==, 1);
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (ks, "avoided_km"), 261.2, 0.05);
  ao = find_json_unit (units, "Socialnämnden/Socialförvaltningen/Äldreomsorg");
  g_assert_nonnull (ao);
  g_assert_true (json_object_get_null_member (ao, "travel_free_share"));
  g_assert_cmpint (json_object_get_int_member (ao, "open_gaps"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (ks, "open_gaps"), ==, 3);
  per_employee = json_object_get_object_member (ks, "per_employee");
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (per_employee, "avoided_km"),
                                  87.082, 1e-6);
  /* No people: every per-employee figure is null, the keys are there. */
  none = find_json_unit (units, "(none)");
  g_assert_nonnull (none);
  g_assert_cmpint (json_object_get_int_member (none, "open_gaps"), ==, 0);
  per_employee = json_object_get_object_member (none, "per_employee");
  g_assert_cmpuint (json_object_get_size (per_employee), ==, 9);
  g_assert_true (json_object_get_null_member (per_employee, "travel_km"));
  g_assert_true (json_object_get_null_member (per_employee, "avoided_hours"));

  months = json_object_get_array_member (root, "months");
  g_assert_cmpuint (json_array_get_length (months), ==, 12);
  month = json_array_get_object_element (months, 3);
  g_assert_cmpstr (json_object_get_string_member (month, "month"), ==, "2026-04");
  g_assert_cmpint (json_object_get_int_member (month, "travel_free"), ==, 1);
  g_assert_cmpuint (json_object_get_size (month), ==, G_N_ELEMENTS (members) + 1);
  g_assert_cmpint (json_object_get_int_member (month, "open_gaps"), ==, 6);
  per_employee = json_object_get_object_member (month, "per_employee");
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (per_employee, "avoided_km"),
                                  43.541, 1e-6);
}

/* The CSV layout documented at the top of cli-report.c. */
static const char csv_header[] =
  "kind,unit,month,employees,occurrences,travel_free,local,"
  "exempt_physical-presence,exempt_confidential,exempt_accessibility,"
  "exempt_external-requirement,exempt_relationship,exempt_missing-equipment,exempt_other,"
  "non_compliant,unknown,travel_free_share,trips_short,trips_long,travel_km,travel_co2_kg,"
  "avoided_km,avoided_co2_kg,avoided_cost_sek,avoided_hours,equipment_coverage,open_gaps,"
  "per_employee_travel_km,per_employee_avoided_km,per_employee_avoided_co2_kg,"
  "per_employee_avoided_cost_sek,per_employee_avoided_hours,per_employee_travel_free,"
  "per_employee_trips_short,per_employee_trips_long,per_employee_travel_co2_kg,"
  "planned,unregistered,target_share\r\n";

static void
test_cli_csv_text (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(ResfriCsvReader) reader = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  g_autofree char *saved = g_strdup (g_getenv ("LC_ALL"));
  guint units = 0, months = 0, totals = 0, n_columns = 0, record = 0;
  int unit_column = -1, occurrences_column = -1, kind_column = -1;
  /* The total of the first half of 2026 (all of m1–m6), from the figures
   * at the top: 0.12 × 494.4220 = 59.3 kg; 2 of 6 equipped = 0.3333; per
   * employee 82.404, 43.541, 5.225, 108.853, 0.622 (3 decimals). */
  const char *total_row =
    "total,,,6,6,2,1,1,0,0,0,0,0,0,1,1,0.5000,1,2,494.4,59.3,261.2,31.3,653.1,3.7,0.3333,6,"
    "82.404,43.541,5.225,108.853,0.622,"
    "0.333,0.167,0.333,9.888,0,0,";
  /* No people: coverage and the per-employee figures are empty. */
  const char *none_row =
    "unit,(none),,0,1,1,0,0,0,0,0,0,0,0,0,0,1.0000,0,0,0.0,0.0,0.0,0.0,0.0,0.0,,0,,,,,,,,,,0,0,";
  const char *kinds[] = { "unit", "unit", "unit", "unit", "unit", "unit",
                          "month", "month", "month", "month", "month", "month", "total" };

  /* Swedish writes 0,5: the CSV still has a decimal point. */
  g_setenv ("LC_ALL", "sv_SE.UTF-8", TRUE);
  g_assert_cmpint (resfri_test_run_cli (fixture->path, &out, &err, "report", "--period",
                                        "2026-H1", "--format", "csv", NULL), ==, 0);
  if (saved != NULL)
    g_setenv ("LC_ALL", saved, TRUE);
  else
    g_unsetenv ("LC_ALL");
  g_assert_true (g_str_has_prefix (out, csv_header));
  lines = g_strsplit (out, "\r\n", -1);
  /* Header, 6 units, 6 months, the total, and the empty string after the
   * last line break. */
  g_assert_cmpuint (g_strv_length (lines), ==, 15);
  g_assert_cmpstr (lines[13], ==, total_row);
  g_assert_cmpstr (lines[6], ==, none_row);
  g_assert_cmpstr (lines[14], ==, "");

  reader = resfri_csv_reader_new ("report.csv", out, strlen (out));
  g_assert_true (resfri_csv_reader_next (reader, &error));
  n_columns = resfri_csv_reader_get_n_fields (reader);
  g_assert_cmpuint (n_columns, ==, 39);
  for (guint i = 0; i < n_columns; i++)
    {
      const char *name = resfri_csv_reader_get_field (reader, i);

      if (strcmp (name, "kind") == 0)
        kind_column = i;
      else if (strcmp (name, "unit") == 0)
        unit_column = i;
      else if (strcmp (name, "occurrences") == 0)
        occurrences_column = i;
    }
  g_assert_cmpint (kind_column, ==, 0);
  g_assert_cmpint (unit_column, >=, 0);
  g_assert_cmpint (occurrences_column, >=, 0);

  /* Units, then months, then the total, each with every column. */
  while (resfri_csv_reader_next (reader, &error))
    {
      const char *kind = resfri_csv_reader_get_field (reader, kind_column);
      const char *occurrences = resfri_csv_reader_get_field (reader, occurrences_column);

      g_assert_cmpuint (resfri_csv_reader_get_n_fields (reader), ==, n_columns);
      g_assert_cmpuint (record, <, G_N_ELEMENTS (kinds));
      g_assert_cmpstr (kind, ==, kinds[record++]);
      if (strcmp (kind, "unit") == 0)
        {
          units++;
          if (strcmp (resfri_csv_reader_get_field (reader, unit_column), "Kommunstyrelsen") == 0)
            g_assert_cmpstr (occurrences, ==, "3");
        }
      else if (strcmp (kind, "month") == 0)
        months++;
      else if (strcmp (kind, "total") == 0)
        {
          totals++;
          g_assert_cmpstr (occurrences, ==, "6");
        }
    }
  g_assert_no_error (error);
  g_assert_cmpuint (units, ==, 6);
  g_assert_cmpuint (months, ==, 6);
  g_assert_cmpuint (totals, ==, 1);

  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (resfri_test_run_cli (fixture->path, &out, &err, "report", "--period", "2026",
                                        "--unit", "Socialnämnden", NULL), ==, 0);
  g_assert_nonnull (strstr (out, "Äldreomsorg"));
  g_assert_null (strstr (out, "Kommunstyrelsen"));
  g_assert_nonnull (strstr (out, "physical presence"));
}

static void
test_cli_usage (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  /* xlsx and pdf need -o. */
  g_assert_cmpint (resfri_test_run_cli (fixture->path, &out, &err, "report", "--period", "2026",
                                        "--format", "pdf", NULL), ==, 2);
  g_clear_pointer (&err, g_free);
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (resfri_test_run_cli (fixture->path, &out, &err, "report", "--period", "2026",
                                        "--format", "xlsx", NULL), ==, 2);
  g_clear_pointer (&err, g_free);
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (resfri_test_run_cli (fixture->path, &out, &err, "report", NULL), ==, 2);
  g_clear_pointer (&err, g_free);
  g_clear_pointer (&out, g_free);
  /* A bad period and an unknown unit are bad input: one line on stderr. */
  g_assert_cmpint (resfri_test_run_cli (fixture->path, &out, &err, "report", "--period",
                                        "2026-T4", NULL), ==, 1);
  g_assert_nonnull (strstr (err, "YYYY-Tn"));
  g_assert_cmpint (strchr (err, '\n') - err, ==, (int) strlen (err) - 1);
  g_clear_pointer (&err, g_free);
  g_clear_pointer (&out, g_free);
  g_assert_cmpint (resfri_test_run_cli (fixture->path, &out, &err, "report", "--period", "2026",
                                        "--unit", "Tekniska nämnden", NULL), ==, 1);
}

static gboolean
have_program (const char *program)
{
  g_autofree char *path = g_find_program_in_path (program);

  return path != NULL;
}

/* Writes the workbook with resfri-cli in @locale and reads it back with
 * openpyxl: the sheets, each unit's meetings and travel-free share (columns
 * B = employees, C = meetings, then travel-free, local, exempt, the seven
 * reasons, non-compliant, unknown, and P = the share), then after the
 * equipment coverage (Y) Z = open gaps and AA–AE the per-employee travel
 * km, avoided km, CO2 kg, cost and hours (printed with one decimal, "-"
 * for an empty cell), the months with April's open gaps and avoided km per
 * employee. */
static void
check_xlsx (Fixture    *fixture,
            const char *locale)
{
  g_autofree char *path = g_build_filename (fixture->dir, "report.xlsx", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *check_out = NULL;
  g_autofree char *check_err = NULL;
  g_autofree char *saved = g_strdup (g_getenv ("LC_ALL"));
  g_autoptr(GError) error = NULL;
  int status = 0;
  const char *script =
    "import sys, openpyxl\n"
    "def cell(v):\n"
    "    return '-' if v is None else '%.1f' % v\n"
    "wb = openpyxl.load_workbook(sys.argv[1])\n"
    "print(len(wb.sheetnames))\n"
    "units = wb.worksheets[1]\n"
    "print('header|' + '|'.join(c.value for c in units[1][25:31]))\n"
    "for row in units.iter_rows(min_row=2, values_only=True):\n"
    "    print('%s|%r|%r|%r|%s' % (row[0], row[2], row[15], row[25],\n"
    "                             ';'.join(cell(v) for v in row[26:31])))\n"
    "months = wb.worksheets[2]\n"
    "april = [c.value for c in months[5]]\n"
    "print('%s|%r|%s' % (april[0], april[25], cell(april[27])))\n"
    "print(months.max_row)\n";
  const char *argv[] = { "/usr/bin/python3", "-c", script, path, NULL };

  g_setenv ("LC_ALL", locale, TRUE);
  g_assert_cmpint (resfri_test_run_cli (fixture->path, &out, &err, "report", "--period", "2026",
                                        "--format", "xlsx", "-o", path, NULL), ==, 0);
  if (saved != NULL)
    g_setenv ("LC_ALL", saved, TRUE);
  else
    g_unsetenv ("LC_ALL");
  g_assert_cmpstr (err, ==, "");

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               &check_out, &check_err, &status, &error));
  g_assert_no_error (error);
  if (strstr (check_err, "No module named 'openpyxl'") != NULL)
    {
      g_test_skip ("python3-openpyxl is not installed");
      return;
    }
  g_assert_cmpstr (check_err, ==, "");
  g_assert_true (g_spawn_check_wait_status (status, NULL));

  /* Summary, units, months; numbers are numbers (int or float, never
   * text, whatever the locale's decimal separator), the share a fraction,
   * an unknown share an empty cell. */
  g_assert_true (g_str_has_prefix (check_out, "3\n"));
  /* Open gaps and per employee as worked out at the top of the file. */
  g_assert_nonnull (strstr (check_out, "Kommunstyrelsen|3|0.5|3|19.7;87.1;10.4;217.7;1.2\n"));
  g_assert_nonnull (strstr (check_out,
                            "Kommunstyrelsen/Kommunledningskontoret|2|0.5|1|29.6;130.6;15.7;326.6;1.9\n"));
  g_assert_nonnull (strstr (check_out, "Socialnämnden|2|0|3|145.1;0.0;0.0;0.0;0.0\n"));
  g_assert_nonnull (strstr (check_out, "Socialnämnden/Socialförvaltningen|2|0|1|217.7;0.0;0.0;0.0;0.0\n"));
  g_assert_nonnull (strstr (check_out,
                            "Socialnämnden/Socialförvaltningen/Äldreomsorg|1|None|0|0.0;0.0;0.0;0.0;0.0\n"));
  /* "(none)": no people, so no per-employee figures. */
  g_assert_nonnull (strstr (check_out, "|1|1|0|-;-;-;-;-\n"));
  g_assert_nonnull (strstr (check_out, "|6|0.5|6|82.4;43.5;5.2;108.9;0.6\n"));
  /* April: the report's 6 open gaps, 261.2470 / 6 avoided km. */
  g_assert_nonnull (strstr (check_out, "\n2026-04|6|43.5\n"));
  if (g_str_has_prefix (locale, "C"))
    g_assert_nonnull (strstr (check_out,
                              "header|Open gaps|Travel km per employee|Avoided km per employee|"
                              "Avoided CO₂ (kg) per employee|Avoided cost (kr) per employee|"
                              "Avoided travel time (hours) per employee\n"));
  /* A heading row, 12 months and the total. */
  g_assert_true (g_str_has_suffix (check_out, "\n14\n"));
}

static void
test_cli_xlsx (Fixture       *fixture,
               gconstpointer  data)
{
  if (!g_file_test ("/usr/bin/python3", G_FILE_TEST_IS_EXECUTABLE))
    {
      g_test_skip ("no /usr/bin/python3");
      return;
    }

  check_xlsx (fixture, "C.UTF-8");
  /* Swedish writes 0,5: the file must still hold 0.5. */
  check_xlsx (fixture, "sv_SE.UTF-8");
}

static guint
pdf_pages (const char *path)
{
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  const char *argv[] = { "pdfinfo", path, NULL };
  const char *pages;
  int status = 0;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out,
                               NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  pages = strstr (out, "Pages:");
  g_assert_nonnull (pages);

  return (guint) g_ascii_strtoull (pages + strlen ("Pages:"), NULL, 10);
}

static char *
pdf_text (const char *path)
{
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  const char *argv[] = { "pdftotext", "-layout", path, "-", NULL };
  int status = 0;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out,
                               NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));

  return g_steal_pointer (&out);
}

static void
test_cli_pdf (Fixture       *fixture,
              gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "report.pdf", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *text = NULL;
  g_autofree char *flat = NULL;
  gsize length = 0;

  g_assert_cmpint (resfri_test_run_cli (fixture->path, &out, &err, "report", "--period", "2026",
                                        "--format", "pdf", "-o", path, NULL), ==, 0);
  g_assert_cmpstr (err, ==, "");
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));

  if (!have_program ("pdfinfo") || !have_program ("pdftotext"))
    {
      g_test_skip ("poppler-utils is not installed");
      return;
    }

  /* A summary page, and the tables on the second and third (the figures
   * per unit and month, then the people and the figures per employee). */
  g_assert_cmpuint (pdf_pages (path), ==, 3);
  text = pdf_text (path);
  g_assert_nonnull (strstr (text, "Vänersborg"));
  g_assert_nonnull (strstr (text, "50.0 %"));
  g_assert_nonnull (strstr (text, "Äldreomsorg"));
  g_assert_nonnull (strstr (text, "Page 3 of 3"));
  /* The summary's line: 494.4220 / 6, 261.2470 / 6, 31.3496 / 6,
   * 653.1175 / 6, 3.7321 / 6; the 6 open gaps. */
  flat = g_strdelimit (g_strdup (text), "\n", ' ');
  g_assert_nonnull (strstr (flat, "Per employee (6 people): 82.4 km travelled; 43.5 km, 5.2 kg"));
  g_assert_nonnull (strstr (flat, "109 kr and 0.62 hours avoided. 6 open gaps"));
  g_assert_nonnull (strstr (text, "People, open gaps and travel per employee, per unit"));
  g_assert_nonnull (strstr (text, "Travel per employee, per month"));
  /* No target: no what-if page. */
  g_assert_null (strstr (flat, "What it takes to reach"));
}

/* With a target the PDF ends with the what-if at it, for the report's
 * period and, for a unit, at the unit's own target. */
static void
test_cli_pdf_whatif (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "target.pdf", NULL);
  g_autofree char *unit_path = g_build_filename (fixture->dir, "unit.pdf", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *text = NULL;
  g_autofree char *unit_text = NULL;

  if (!have_program ("pdfinfo") || !have_program ("pdftotext"))
    {
      g_test_skip ("poppler-utils is not installed");
      return;
    }

  g_assert_cmpint (resfri_test_run_cli (fixture->path, &out, &err, "policy", "set",
                                        "target_share", "0.8", NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (resfri_test_run_cli (fixture->path, &out, &err, "policy", "set",
                                        "target_share.Äldreomsorg", "0.6", NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  g_assert_cmpint (resfri_test_run_cli (fixture->path, &out, &err, "report", "--period", "2026",
                                        "--format", "pdf", "-o", path, NULL), ==, 0);
  g_assert_cmpstr (err, ==, "");
  g_assert_cmpuint (pdf_pages (path), ==, 4);
  text = g_strdelimit (pdf_text (path), "\n", ' ');
  g_assert_nonnull (strstr (text, "What it takes to reach 80.0 % travel-free"));
  g_assert_nonnull (strstr (text, "Page 4 of 4"));

  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (resfri_test_run_cli (fixture->path, &out, &err, "report", "--period", "2026",
                                        "--unit", "Äldreomsorg", "--format", "pdf",
                                        "-o", unit_path, NULL), ==, 0);
  g_assert_cmpstr (err, ==, "");
  unit_text = g_strdelimit (pdf_text (unit_path), "\n", ' ');
  g_assert_nonnull (strstr (unit_text, "What it takes to reach 60.0 % travel-free"));
}

/* Many units: the unit table breaks over pages, each unit once. */
static void
test_cli_pdf_many_units (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "many.pdf", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *text = NULL;
  g_autofree char *last_page = NULL;
  g_autoptr(GString) csv = g_string_new ("email,name,unit,site\n");
  g_autoptr(GError) error = NULL;
  guint pages;

  if (!have_program ("pdfinfo") || !have_program ("pdftotext"))
    {
      g_test_skip ("poppler-utils is not installed");
      return;
    }

  for (guint i = 0; i < 150; i++)
    g_string_append_printf (csv, "p%u@vbg.example,P,Förvaltning %03u/Enhet %03u,VBG\n", i,
                            i / 3, i);
  g_assert_true (resfri_register_import_data (fixture->store, RESFRI_REGISTER_PEOPLE, "many.csv",
                                              csv->str, csv->len, NULL, &error));
  g_assert_no_error (error);

  g_assert_cmpint (resfri_test_run_cli (fixture->path, &out, &err, "report", "--period", "2026",
                                        "--format", "pdf", "-o", path, NULL), ==, 0);
  pages = pdf_pages (path);
  /* 205 unit rows (twice) and the months do not fit on one page after
   * the summary: at least five more. */
  g_assert_cmpuint (pages, >=, 6);
  text = pdf_text (path);
  last_page = g_strdup_printf ("Page %u of %u", pages, pages);
  g_assert_nonnull (strstr (text, last_page));
  g_assert_nonnull (strstr (text, "(continued)"));
  for (guint i = 0; i < 150; i++)
    {
      g_autofree char *unit_cell = g_strdup_printf ("Enhet %03u ", i);
      const char *first = strstr (text, unit_cell);
      const char *second;

      /* Each unit once in each of the two unit tables (the figures, then
       * the people and the figures per employee). */
      g_assert_nonnull (first);
      second = strstr (first + 1, unit_cell);
      g_assert_nonnull (second);
      g_assert_null (strstr (second + 1, unit_cell));
    }
}

/* The target's headline, held vs planned with an injected "now", and the
 * new members in JSON (spec/planning.md "Targets"). */
static void
test_cli_targets (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *json = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *root, *total;

  g_assert_cmpint (resfri_test_run_cli (fixture->path, &out, &err, "policy", "set",
                                        "target_share", "0.8", NULL), ==, 0);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);

  /* On 2026-05-10 m1, m2, m3 are held (1 travel-free of 3), m4-m6 planned. */
  g_setenv ("RESFRI_NOW", "2026-05-10T00:00:00Z", TRUE);
  g_assert_cmpint (resfri_test_run_cli (fixture->path, &out, &err, "report", "--period", "2026",
                                        NULL), ==, 0);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (resfri_test_run_cli (fixture->path, &json, &err, "report", "--period", "2026",
                                        "--format", "json", NULL), ==, 0);
  g_unsetenv ("RESFRI_NOW");
  g_assert_nonnull (strstr (out, "Target: 33.3 % of the 80 % target\n"));
  g_assert_nonnull (strstr (out, "Planned: 3 more meetings in the period, not yet held"));
  g_assert_null (strstr (out, "Data quality"));

  g_assert_true (json_parser_load_from_data (parser, json, -1, &error));
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "now"), ==, "2026-05-10T00:00:00Z");
  total = json_object_get_object_member (root, "total");
  g_assert_cmpint (json_object_get_int_member (total, "occurrences"), ==, 3);
  g_assert_cmpint (json_object_get_int_member (total, "planned"), ==, 3);
  g_assert_cmpfloat (json_object_get_double_member (total, "target_share"), ==, 0.8);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/cli/report/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("json", test_cli_json);
  ADD ("csv-text", test_cli_csv_text);
  ADD ("usage", test_cli_usage);
  ADD ("xlsx", test_cli_xlsx);
  ADD ("pdf", test_cli_pdf);
  ADD ("pdf-many-units", test_cli_pdf_many_units);
  ADD ("pdf-whatif", test_cli_pdf_whatif);
  ADD ("targets", test_cli_targets);
#undef ADD

  return g_test_run ();
}

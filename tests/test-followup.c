/* test-followup.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The politicians' follow-up (ResfriFollowup) on the fixture worked out by
 * hand in followup-fixture.h; resfri-cli report is tests/cli/test-report.c.
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <json-glib/json-glib.h>

#include "resfri-core.h"
#include "resfri-store-private.h"
#include "resfri-test-fixture.h"
#include "resfri-test-util.h"

#include "followup-fixture.h"


static ResfriFollowup *
compute (Fixture    *fixture,
         const char *period_text,
         const char *unit)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ResfriPeriod) period = resfri_period_parse (period_text, &error);
  ResfriFollowup *followup;

  g_assert_no_error (error);
  followup = resfri_followup_compute (fixture->store, NULL, period, unit, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (followup);

  return followup;
}

static const ResfriFollowupRow *
find_unit (ResfriFollowup *followup,
           const char     *unit)
{
  for (guint i = 0; i < followup->units->len; i++)
    {
      const ResfriFollowupRow *row = g_ptr_array_index (followup->units, i);

      if (g_strcmp0 (row->unit, unit) == 0)
        return row;
    }

  return NULL;
}

static guint
reason (const char *id)
{
  const char * const *reasons = resfri_followup_get_reasons ();

  for (guint i = 0; i < RESFRI_FOLLOWUP_N_REASONS; i++)
    if (strcmp (reasons[i], id) == 0)
      return i;
  g_assert_not_reached ();
}

static void
assert_counts (const ResfriFollowupRow *row,
               guint                    occurrences,
               guint                    travel_free,
               guint                    local,
               guint                    exempt,
               guint                    non_compliant,
               guint                    unknown)
{
  g_assert_nonnull (row);
  g_assert_cmpuint (row->occurrences, ==, occurrences);
  g_assert_cmpuint (row->travel_free, ==, travel_free);
  g_assert_cmpuint (row->local, ==, local);
  g_assert_cmpuint (row->exempt_total, ==, exempt);
  g_assert_cmpuint (row->non_compliant, ==, non_compliant);
  g_assert_cmpuint (row->unknown, ==, unknown);
}

static void
assert_share (const ResfriFollowupRow *row,
              gboolean                 known,
              double                   expected)
{
  double share;

  g_assert_cmpint (resfri_followup_row_get_travel_free_share (row, &share), ==, known);
  if (known)
    g_assert_cmpfloat_with_epsilon (share, expected, 1e-9);
}

static void
assert_people (const ResfriFollowupRow *row,
               guint                    employees,
               guint                    equipped)
{
  double coverage;

  g_assert_cmpuint (row->employees, ==, employees);
  g_assert_cmpuint (row->equipped, ==, equipped);
  g_assert_true (resfri_followup_row_get_equipment_coverage (row, &coverage));
  g_assert_cmpfloat_with_epsilon (coverage, (double) equipped / employees, 1e-9);
}

static void
assert_per_employee (const ResfriFollowupRow *row,
                     double                   travel_km,
                     double                   avoided_km,
                     double                   avoided_co2_kg,
                     double                   avoided_cost_sek,
                     double                   avoided_hours)
{
  ResfriFollowupPerEmployee per;
  double values[RESFRI_FOLLOWUP_N_PER_EMPLOYEE];

  g_assert_nonnull (row);
  g_assert_true (resfri_followup_row_get_per_employee (row, &per));
  g_assert_cmpfloat_with_epsilon (per.travel_km, travel_km, 0.001);
  g_assert_cmpfloat_with_epsilon (per.avoided_km, avoided_km, 0.001);
  g_assert_cmpfloat_with_epsilon (per.avoided_co2_kg, avoided_co2_kg, 0.001);
  g_assert_cmpfloat_with_epsilon (per.avoided_cost_sek, avoided_cost_sek, 0.01);
  g_assert_cmpfloat_with_epsilon (per.avoided_hours, avoided_hours, 0.001);

  /* The array form is the same, in the keys' order. */
  g_assert_true (resfri_followup_row_get_per_employee_values (row, values));
  g_assert_cmpfloat (values[0], ==, per.travel_km);
  g_assert_cmpfloat (values[1], ==, per.avoided_km);
  g_assert_cmpfloat (values[2], ==, per.avoided_co2_kg);
  g_assert_cmpfloat (values[3], ==, per.avoided_cost_sek);
  g_assert_cmpfloat (values[4], ==, per.avoided_hours);
}

static void
test_units (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(ResfriFollowup) followup = compute (fixture, "2026", NULL);
  const char *order[] = {
    "Kommunstyrelsen", "Kommunstyrelsen/Kommunledningskontoret", "Socialnämnden",
    "Socialnämnden/Socialförvaltningen", "Socialnämnden/Socialförvaltningen/Äldreomsorg",
    RESFRI_FOLLOWUP_NO_UNIT,
  };
  const guint depths[] = { 0, 1, 0, 1, 2, 0 };
  const ResfriFollowupRow *ks, *klk, *sn, *sf, *ao, *none, *total;

  g_assert_null (followup->unit);
  g_assert_cmpuint (followup->units->len, ==, G_N_ELEMENTS (order));
  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    {
      const ResfriFollowupRow *row = g_ptr_array_index (followup->units, i);

      g_assert_cmpstr (row->unit, ==, order[i]);
      g_assert_cmpuint (row->depth, ==, depths[i]);
    }

  ks = find_unit (followup, "Kommunstyrelsen");
  assert_counts (ks, 3, 1, 1, 0, 1, 0);
  assert_share (ks, TRUE, 0.5);
  assert_people (ks, 3, 1);
  g_assert_cmpfloat_with_epsilon (ks->travel_km, 2 * KM_VBG_UDD, 0.001);
  g_assert_cmpfloat_with_epsilon (ks->travel_co2_kg, 0.12 * 2 * KM_VBG_UDD, 0.001);
  g_assert_cmpuint (ks->trips_short, ==, 1);
  g_assert_cmpuint (ks->trips_long, ==, 0);
  g_assert_cmpfloat_with_epsilon (ks->avoided_km, 2 * KM_VBG_UDD + 2 * KM_VBG_AML, 0.001);
  g_assert_cmpfloat_with_epsilon (ks->avoided_co2_kg, 31.3496, 0.001);
  g_assert_cmpfloat_with_epsilon (ks->avoided_cost_sek, 653.1175, 0.01);
  g_assert_cmpfloat_with_epsilon (ks->avoided_hours, 3.7321, 0.001);

  klk = find_unit (followup, "Kommunstyrelsen/Kommunledningskontoret");
  assert_counts (klk, 2, 1, 0, 0, 1, 0);
  assert_share (klk, TRUE, 0.5);
  assert_people (klk, 2, 1);
  g_assert_cmpfloat_with_epsilon (klk->travel_km, 59.1048, 0.001);

  sn = find_unit (followup, "Socialnämnden");
  assert_counts (sn, 2, 0, 0, 1, 0, 1);
  g_assert_cmpuint (sn->exempt[reason ("physical-presence")], ==, 1);
  assert_share (sn, TRUE, 0.0);
  assert_people (sn, 3, 1);
  g_assert_cmpfloat_with_epsilon (sn->travel_km, 2 * KM_UDD_AML + 2 * KM_VBG_AML, 0.001);
  g_assert_cmpuint (sn->trips_short, ==, 0);
  g_assert_cmpuint (sn->trips_long, ==, 2);
  g_assert_cmpfloat (sn->avoided_km, ==, 0);

  sf = find_unit (followup, "Socialnämnden/Socialförvaltningen");
  assert_counts (sf, 2, 0, 0, 1, 0, 1);
  assert_people (sf, 2, 1);

  ao = find_unit (followup, "Socialnämnden/Socialförvaltningen/Äldreomsorg");
  assert_counts (ao, 1, 0, 0, 0, 0, 1);
  assert_share (ao, FALSE, 0);
  assert_people (ao, 1, 1);

  none = find_unit (followup, RESFRI_FOLLOWUP_NO_UNIT);
  assert_counts (none, 1, 1, 0, 0, 0, 0);
  assert_share (none, TRUE, 1.0);
  g_assert_cmpuint (none->employees, ==, 0);
  g_assert_cmpfloat (none->avoided_km, ==, 0);

  total = followup->total;
  g_assert_null (total->unit);
  assert_counts (total, 6, 2, 1, 1, 1, 1);
  assert_share (total, TRUE, 0.5);
  assert_people (total, 6, 2);
  g_assert_cmpfloat_with_epsilon (total->travel_km, 494.4220, 0.001);
  g_assert_cmpfloat_with_epsilon (total->avoided_km, 261.2470, 0.001);
  g_assert_cmpuint (total->trips_short, ==, 1);
  g_assert_cmpuint (total->trips_long, ==, 2);
  g_assert_cmpuint (total->exempt[reason ("physical-presence")], ==, 1);

  /* A parent's row is the sum of its own meetings and its children's. */
  g_assert_cmpuint (ks->occurrences, ==, klk->occurrences + 1);
  g_assert_cmpuint (sn->occurrences, ==, sf->occurrences);
}

static void
test_open_gaps_per_employee (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(ResfriFollowup) followup = compute (fixture, "2026", NULL);
  const char * const *keys = resfri_followup_get_per_employee_keys ();
  const char *expected_keys[] = {
    "travel_km", "avoided_km", "avoided_co2_kg", "avoided_cost_sek", "avoided_hours",
    "travel_free", "trips_short", "trips_long", "travel_co2_kg", NULL,
  };
  const ResfriFollowupRow *none;
  ResfriFollowupPerEmployee per;

  g_assert_cmpstrv (keys, expected_keys);

  /* Open gaps, worked out at the top of the file. */
  g_assert_cmpuint (find_unit (followup, "Kommunstyrelsen")->open_gaps, ==, 3);
  g_assert_cmpuint (find_unit (followup, "Kommunstyrelsen/Kommunledningskontoret")->open_gaps,
                    ==, 1);
  g_assert_cmpuint (find_unit (followup, "Socialnämnden")->open_gaps, ==, 3);
  g_assert_cmpuint (find_unit (followup, "Socialnämnden/Socialförvaltningen")->open_gaps, ==, 1);
  g_assert_cmpuint (find_unit (followup,
                               "Socialnämnden/Socialförvaltningen/Äldreomsorg")->open_gaps, ==, 0);
  g_assert_cmpuint (find_unit (followup, RESFRI_FOLLOWUP_NO_UNIT)->open_gaps, ==, 0);
  g_assert_cmpuint (followup->total->open_gaps, ==, 6);
  for (guint i = 0; i < followup->months->len; i++)
    g_assert_cmpuint (((ResfriFollowupRow *) g_ptr_array_index (followup->months, i))->open_gaps,
                      ==, 6);

  /* Per employee. */
  assert_per_employee (find_unit (followup, "Kommunstyrelsen"),
                       19.7016, 87.0823, 10.4499, 217.7058, 1.2440);
  assert_per_employee (find_unit (followup, "Kommunstyrelsen/Kommunledningskontoret"),
                       29.5524, 130.6235, 15.6748, 326.5588, 1.8661);
  assert_per_employee (find_unit (followup, "Socialnämnden"), 145.1057, 0, 0, 0, 0);
  assert_per_employee (find_unit (followup, "Socialnämnden/Socialförvaltningen"),
                       217.6586, 0, 0, 0, 0);
  assert_per_employee (find_unit (followup, "Socialnämnden/Socialförvaltningen/Äldreomsorg"),
                       0, 0, 0, 0, 0);
  assert_per_employee (followup->total, 82.4037, 43.5412, 5.2249, 108.8529, 0.6220);
  /* Months: their own figures over the report's 6 people. */
  assert_per_employee (g_ptr_array_index (followup->months, 2), 9.8508, 0, 0, 0, 0);
  assert_per_employee (g_ptr_array_index (followup->months, 3), 0, 43.5412, 5.2249, 108.8529,
                       0.6220);
  assert_per_employee (g_ptr_array_index (followup->months, 4), 72.5529, 0, 0, 0, 0);

  /* No people: nothing to divide by. */
  none = find_unit (followup, RESFRI_FOLLOWUP_NO_UNIT);
  g_assert_false (resfri_followup_row_get_per_employee (none, &per));
  g_assert_cmpfloat (per.travel_km, ==, 0);
  g_assert_cmpfloat (per.avoided_hours, ==, 0);
}

static void
test_months (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(ResfriFollowup) followup = compute (fixture, "2026", NULL);
  const guint expected[12] = { 0, 0, 1, 1, 2, 2, 0, 0, 0, 0, 0, 0 };
  const ResfriFollowupRow *april, *may;
  guint sum = 0;

  g_assert_cmpuint (followup->months->len, ==, 12);
  for (guint i = 0; i < 12; i++)
    {
      const ResfriFollowupRow *row = g_ptr_array_index (followup->months, i);
      g_autofree char *label = g_strdup_printf ("2026-%02u", i + 1);

      g_assert_cmpstr (row->month, ==, label);
      g_assert_cmpuint (row->occurrences, ==, expected[i]);
      /* The months carry the whole organisation's people. */
      g_assert_cmpuint (row->employees, ==, 6);
      sum += row->occurrences;
    }
  g_assert_cmpuint (sum, ==, followup->total->occurrences);

  /* m2 starts on 31 March in UTC but on 1 April in Stockholm. */
  april = g_ptr_array_index (followup->months, 3);
  assert_counts (april, 1, 1, 0, 0, 0, 0);
  may = g_ptr_array_index (followup->months, 4);
  assert_counts (may, 2, 0, 1, 1, 0, 0);

  /* The year before holds m7 (May) and m8 (31 December). */
  g_assert_nonnull (followup->previous_months);
  g_assert_cmpstr (resfri_period_get_label (followup->previous_period), ==, "2025");
  for (guint i = 0; i < 12; i++)
    {
      const ResfriFollowupRow *row = g_ptr_array_index (followup->previous_months, i);

      g_assert_cmpuint (row->occurrences, ==, (i == 4 || i == 11) ? 1 : 0);
    }
}

static void
test_previous_year_absent (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(ResfriFollowup) followup = compute (fixture, "2026-T1", NULL);
  const ResfriFollowupRow *march;

  /* Nothing was stored for January–April 2025. */
  g_assert_null (followup->previous_months);
  g_assert_cmpuint (followup->months->len, ==, 4);
  march = g_ptr_array_index (followup->months, 2);
  assert_counts (march, 1, 0, 0, 0, 1, 0);
  /* m2 is in April, inside T1. */
  assert_counts (followup->total, 2, 1, 0, 0, 1, 0);
}

static void
test_empty_period (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(ResfriFollowup) followup = compute (fixture, "2026-02", NULL);

  assert_counts (followup->total, 0, 0, 0, 0, 0, 0);
  assert_share (followup->total, FALSE, 0);
  assert_people (followup->total, 6, 2);
  /* The people and their gaps do not depend on the period; per employee
   * everything is 0, not null (there are people). */
  g_assert_cmpuint (followup->total->open_gaps, ==, 6);
  assert_per_employee (followup->total, 0, 0, 0, 0, 0);
  /* Every unit is listed, with its people; "(none)" only when it has
   * meetings. */
  g_assert_cmpuint (followup->units->len, ==, 5);
  g_assert_null (find_unit (followup, RESFRI_FOLLOWUP_NO_UNIT));
  for (guint i = 0; i < followup->units->len; i++)
    assert_counts (g_ptr_array_index (followup->units, i), 0, 0, 0, 0, 0, 0);
  g_assert_cmpuint (followup->months->len, ==, 1);
}

/* Asserts @values (percent, NAN for none) against @expected, where a
 * negative expected value stands for NAN. */
static void
assert_series_values (const double *values,
                      const double *expected,
                      guint         n)
{
  for (guint i = 0; i < n; i++)
    {
      if (expected[i] < 0)
        g_assert_true (isnan (values[i]));
      else
        g_assert_cmpfloat_with_epsilon (values[i], expected[i], 1e-9);
    }
}

/* The chart of the travel-free share per month: March m1 non-compliant
 * (0 %), April m2 travel-free (100 %), May m3 exempt and m4 local (0 %),
 * June m5 travel-free and m6 unknown (100 %), the other months without a
 * meeting that needs travel; a year earlier m7 in May and m8 in December,
 * both travel-free. */
static void
test_share_series (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(ResfriFollowup) followup = compute (fixture, "2026", NULL);
  g_autoptr(ResfriFollowupSeries) series = resfri_followup_dup_share_series (followup);
  const char * const months[] = {
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
  };
  const double values[12] = { -1, -1, 0, 100, 0, 100, -1, -1, -1, -1, -1, -1 };
  const double previous[12] = { -1, -1, -1, -1, 100, -1, -1, -1, -1, -1, -1, 100 };

  g_assert_cmpuint (series->n_values, ==, 12);
  for (guint i = 0; i < 12; i++)
    g_assert_cmpstr (series->labels[i], ==, months[i]);
  g_assert_null (series->labels[12]);
  assert_series_values (series->values, values, 12);
  g_assert_nonnull (series->previous);
  assert_series_values (series->previous, previous, 12);
}

/* Without the year before, no grey columns; more than twelve months name
 * their year too. */
static void
test_share_series_forms (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(ResfriFollowup) term = compute (fixture, "2026-T1", NULL);
  g_autoptr(ResfriFollowupSeries) term_series = resfri_followup_dup_share_series (term);
  g_autoptr(ResfriFollowup) range = compute (fixture, "2025-12-01..2027-01-31", NULL);
  g_autoptr(ResfriFollowupSeries) range_series = resfri_followup_dup_share_series (range);
  const double term_values[4] = { -1, -1, 0, 100 };

  g_assert_cmpuint (term_series->n_values, ==, 4);
  g_assert_cmpstr (term_series->labels[0], ==, "Jan");
  g_assert_cmpstr (term_series->labels[3], ==, "Apr");
  g_assert_null (term_series->labels[4]);
  assert_series_values (term_series->values, term_values, 4);
  g_assert_null (term_series->previous);

  g_assert_cmpuint (range_series->n_values, ==, 14);
  g_assert_cmpstr (range_series->labels[0], ==, "Dec 25");
  g_assert_cmpstr (range_series->labels[4], ==, "Apr 26");
  g_assert_cmpstr (range_series->labels[13], ==, "Jan 27");
  g_assert_null (range_series->labels[14]);
  /* December 2025 holds m8, travel-free. */
  g_assert_cmpfloat_with_epsilon (range_series->values[0], 100, 1e-9);
  g_assert_cmpfloat_with_epsilon (range_series->values[4], 100, 1e-9);
}

/* The chart of the exemptions: m3 is the one exemption of 2026. */
static void
test_reason_series (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(ResfriFollowup) followup = compute (fixture, "2026", NULL);
  g_autoptr(ResfriFollowupSeries) series = resfri_followup_dup_reason_series (followup);
  const char * const *reasons = resfri_followup_get_reasons ();

  g_assert_cmpuint (series->n_values, ==, RESFRI_FOLLOWUP_N_REASONS);
  for (guint i = 0; i < RESFRI_FOLLOWUP_N_REASONS; i++)
    {
      g_assert_cmpstr (series->labels[i], ==, resfri_followup_reason_label (reasons[i]));
      g_assert_cmpfloat (series->values[i], ==, i == reason ("physical-presence") ? 1 : 0);
    }
  g_assert_null (series->labels[RESFRI_FOLLOWUP_N_REASONS]);
  g_assert_cmpstr (series->labels[0], ==, "Needs physical presence");
  g_assert_null (series->previous);
}

/* What a row's unit is called in the tables: its name, or its path in the
 * workbook; the total of the whole organisation and the external
 * organisers' row have names of their own. */
static void
test_unit_label (void)
{
  static const struct
  {
    const char *unit;
    const char *name;
    const char *path;
  } cases[] = {
    { NULL, "All units", "All units" },
    { RESFRI_FOLLOWUP_NO_UNIT, "(external organiser)", "(external organiser)" },
    { "Kommunstyrelsen", "Kommunstyrelsen", "Kommunstyrelsen" },
    { "Kommunstyrelsen/Kommunledningskontoret", "Kommunledningskontoret",
      "Kommunstyrelsen/Kommunledningskontoret" },
    { "Socialnämnden/Socialförvaltningen/Äldreomsorg", "Äldreomsorg",
      "Socialnämnden/Socialförvaltningen/Äldreomsorg" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      ResfriFollowupRow row = { .unit = (char *) cases[i].unit };

      g_assert_cmpstr (resfri_followup_row_get_unit_label (&row, FALSE), ==, cases[i].name);
      g_assert_cmpstr (resfri_followup_row_get_unit_label (&row, TRUE), ==, cases[i].path);
    }
}

/* Which meetings each period form holds, at its Stockholm boundaries. Two
 * more meetings for this test only (online, anna), each just after a
 * Stockholm midnight that is still the previous day in UTC:
 *   m9  2026-08-31T22:30Z = 1 September 00:30 CEST: T3, H2, Q3, not D
 *   m10 2026-10-31T23:30Z = 1 November 00:30 CET (winter time since 25
 *       October): November, not October
 * and the fixture's m2 (31 March 22:30Z = 1 April 00:30 CEST: Q2, not
 * Q1, not the range that ends on 31 March) and m8 (22:00Z = 23:00 CET on
 * 31 December 2025, ending in 2026: it counts in 2025). */
static void
test_period_forms (Fixture       *fixture,
                   gconstpointer  data)
{
  static const char more_ics[] =
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Resfri//test//EN\r\n"
    EVENT ("m9", "20260831T223000Z", "20260831T233000Z", ORG ("anna") ATT ("bo") TEAMS)
    EVENT ("m10", "20261031T233000Z", "20261101T003000Z", ORG ("anna") ATT ("bo") TEAMS)
    "END:VCALENDAR\r\n";
  const struct
  {
    const char *period;
    guint       occurrences;
  } expected[] = {
    { "2026", 8 },                      /* m1–m6, m9, m10 */
    { "2025", 2 },                      /* m7, m8 */
    { "2026-T1", 2 },                   /* m1, m2 */
    { "2026-T2", 4 },                   /* m3–m6 */
    { "2026-T3", 2 },                   /* m9, m10 */
    { "2026-H1", 6 },
    { "2026-H2", 2 },
    { "2026-Q1", 1 },                   /* m1; m2 is in April */
    { "2026-Q2", 5 },                   /* m2–m6 */
    { "2026-Q3", 1 },                   /* m9 */
    { "2026-Q4", 1 },                   /* m10 */
    { "2026-D", 6 },                    /* January–August: not m9 */
    { "2026-03", 1 },
    { "2026-04", 1 },
    { "2026-08", 0 },
    { "2026-09", 1 },
    { "2026-10", 0 },
    { "2026-11", 1 },
    { "2025-12", 1 },                   /* m8 */
    { "2026-01", 0 },
    { "2026-03-31..2026-03-31", 0 },    /* m2 is on 1 April */
    { "2026-04-01..2026-04-01", 1 },
    { "2026-01-01..2026-05-05", 3 },    /* m1, m2, m3 on the last day */
    { "2025-12-31..2026-01-01", 1 },    /* m8 */
    { "2026-10-31..2026-10-31", 0 },
  };
  g_autoptr(GError) error = NULL;

  g_assert_true (resfri_store_import_ical (fixture->store, more_ics, -1, "more.ics", NULL, &error));
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autoptr(ResfriFollowup) followup = compute (fixture, expected[i].period, NULL);
      guint sum = 0;

      g_test_message ("%s", expected[i].period);
      g_assert_cmpuint (followup->total->occurrences, ==, expected[i].occurrences);
      for (guint m = 0; m < followup->months->len; m++)
        sum += ((ResfriFollowupRow *) g_ptr_array_index (followup->months, m))->occurrences;
      g_assert_cmpuint (sum, ==, expected[i].occurrences);
      /* The people do not depend on the period. */
      g_assert_cmpuint (followup->total->employees, ==, 6);
      g_assert_cmpuint (followup->total->open_gaps, ==, 6);
    }
}

static void
test_unit_filter (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(ResfriFollowup) followup = compute (fixture, "2026", "Socialnämnden");
  g_autoptr(ResfriFollowup) by_name = compute (fixture, "2026", "Socialförvaltningen");
  g_autoptr(GError) error = NULL;
  g_autoptr(ResfriPeriod) period = resfri_period_parse ("2026", NULL);
  g_autoptr(ResfriFollowup) missing = NULL;
  const ResfriFollowupRow *may, *june;

  g_assert_cmpstr (followup->unit, ==, "Socialnämnden");
  g_assert_cmpuint (followup->units->len, ==, 3);
  g_assert_null (find_unit (followup, "Kommunstyrelsen"));
  g_assert_null (find_unit (followup, RESFRI_FOLLOWUP_NO_UNIT));
  g_assert_cmpstr (followup->total->unit, ==, "Socialnämnden");
  assert_counts (followup->total, 2, 0, 0, 1, 0, 1);
  assert_people (followup->total, 3, 1);
  /* fia 2 + eva 1 + dan 0; m3's 435.3172 km over Socialnämnden's 3. */
  g_assert_cmpuint (followup->total->open_gaps, ==, 3);
  assert_per_employee (followup->total, 145.1057, 0, 0, 0, 0);
  may = g_ptr_array_index (followup->months, 4);
  june = g_ptr_array_index (followup->months, 5);
  assert_counts (may, 1, 0, 0, 1, 0, 0);
  assert_counts (june, 1, 0, 0, 0, 0, 1);
  /* m7 and m8 were organised in Kommunstyrelsen. */
  g_assert_null (followup->previous_months);

  /* A unique name finds the unit; its subtree starts at depth 0. */
  g_assert_cmpstr (by_name->unit, ==, "Socialnämnden/Socialförvaltningen");
  g_assert_cmpuint (by_name->units->len, ==, 2);
  g_assert_cmpuint (((ResfriFollowupRow *) g_ptr_array_index (by_name->units, 0))->depth, ==, 0);
  assert_people (by_name->total, 2, 1);

  missing = resfri_followup_compute (fixture->store, NULL, period, "Tekniska nämnden", NULL,
                                     &error);
  g_assert_null (missing);
  g_assert_error (error, RESFRI_ERROR, RESFRI_ERROR_NOT_FOUND);
}

static void
computed_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  ResfriFollowup **followup = user_data;
  g_autoptr(GError) error = NULL;

  *followup = resfri_followup_compute_finish (RESFRI_STORE (source), result, &error);
  g_assert_no_error (error);
}

static void
test_async (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(ResfriPeriod) period = resfri_period_parse ("2026", NULL);
  g_autoptr(ResfriFollowup) sync = compute (fixture, "2026", "Kommunstyrelsen");
  g_autoptr(ResfriFollowup) followup = NULL;

  resfri_followup_compute_async (fixture->store, NULL, period, "Kommunstyrelsen", NULL,
                                 computed_cb, &followup);
  while (followup == NULL)
    g_main_context_iteration (NULL, TRUE);

  g_assert_cmpstr (followup->unit, ==, "Kommunstyrelsen");
  g_assert_cmpuint (followup->units->len, ==, sync->units->len);
  assert_counts (followup->total, 3, 1, 1, 0, 1, 0);
  g_assert_nonnull (followup->previous_months);
}

/* REMM's counts per employee (spec/planning.md "Targets"), from the
 * fixture's figures: Kommunstyrelsen (3 people) holds m2 travel-free, m1
 * with bo's one short trip (CO2 0.12 × 59.1048 = 7.0926 kg); Socialnämnden
 * (3 people) m3 with two long trips (CO2 0.12 × 435.3172 = 52.2381 kg). */
static void
test_remm_per_employee (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(ResfriFollowup) followup = compute (fixture, "2026", NULL);
  ResfriFollowupPerEmployee per;
  double values[RESFRI_FOLLOWUP_N_PER_EMPLOYEE];

  g_assert_true (resfri_followup_row_get_per_employee (find_unit (followup, "Kommunstyrelsen"),
                                                       &per));
  g_assert_cmpfloat_with_epsilon (per.travel_free, 1.0 / 3, 1e-6);
  g_assert_cmpfloat_with_epsilon (per.trips_short, 1.0 / 3, 1e-6);
  g_assert_cmpfloat_with_epsilon (per.trips_long, 0, 1e-9);
  g_assert_cmpfloat_with_epsilon (per.travel_co2_kg, 7.0926 / 3, 0.001);

  g_assert_true (resfri_followup_row_get_per_employee (find_unit (followup, "Socialnämnden"),
                                                       &per));
  g_assert_cmpfloat_with_epsilon (per.travel_free, 0, 1e-9);
  g_assert_cmpfloat_with_epsilon (per.trips_short, 0, 1e-9);
  g_assert_cmpfloat_with_epsilon (per.trips_long, 2.0 / 3, 1e-6);
  g_assert_cmpfloat_with_epsilon (per.travel_co2_kg, 52.2381 / 3, 0.001);

  /* The array form ends with the four, in the keys' order. */
  g_assert_true (resfri_followup_row_get_per_employee_values (find_unit (followup, "Socialnämnden"),
                                                              values));
  g_assert_cmpfloat (values[5], ==, per.travel_free);
  g_assert_cmpfloat (values[6], ==, per.trips_short);
  g_assert_cmpfloat (values[7], ==, per.trips_long);
  g_assert_cmpfloat (values[8], ==, per.travel_co2_kg);

  /* The total: 6 people, 2 travel-free, 1 short and 2 long trips. */
  g_assert_true (resfri_followup_row_get_per_employee (followup->total, &per));
  g_assert_cmpfloat_with_epsilon (per.travel_free, 2.0 / 6, 1e-6);
  g_assert_cmpfloat_with_epsilon (per.trips_short, 1.0 / 6, 1e-6);
  g_assert_cmpfloat_with_epsilon (per.trips_long, 2.0 / 6, 1e-6);
}

/* Only what has ended was held: with "now" on 2026-05-10, m1 (March), m2
 * (April) and m3 (5 May) are held; m4 (20 May), m5 and m6 (June) are
 * planned, counted apart and in nothing else. */
static void
test_held_planned (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(ResfriFollowup) followup = NULL;
  const ResfriFollowupRow *may;

  g_setenv ("RESFRI_NOW", "2026-05-10T00:00:00Z", TRUE);
  followup = compute (fixture, "2026", NULL);
  g_unsetenv ("RESFRI_NOW");

  g_assert_cmpint (followup->now, ==, 1778371200);
  /* m1 non-compliant, m2 travel-free, m3 exempt. */
  assert_counts (followup->total, 3, 1, 0, 1, 1, 0);
  g_assert_cmpuint (followup->total->planned, ==, 3);
  assert_share (followup->total, TRUE, 1.0 / 3);

  may = g_ptr_array_index (followup->months, 4);
  g_assert_cmpstr (may->month, ==, "2026-05");
  assert_counts (may, 1, 0, 0, 1, 0, 0);
  g_assert_cmpuint (may->planned, ==, 1);

  /* m5, organised from outside, is only planned: its row is still there. */
  g_assert_nonnull (find_unit (followup, RESFRI_FOLLOWUP_NO_UNIT));
  g_assert_cmpuint (find_unit (followup, RESFRI_FOLLOWUP_NO_UNIT)->planned, ==, 1);
  g_assert_cmpuint (find_unit (followup, RESFRI_FOLLOWUP_NO_UNIT)->occurrences, ==, 0);

  /* A date alone is midnight UTC; the clock otherwise. */
  g_setenv ("RESFRI_NOW", "2026-05-10", TRUE);
  g_assert_cmpint (resfri_followup_get_now (), ==, 1778371200);
  g_setenv ("RESFRI_NOW", "garbage", TRUE);
  g_assert_cmpint (resfri_followup_get_now (), >, 1778371200);
  g_unsetenv ("RESFRI_NOW");
}

/* The targets: the organisation's 0.8, Socialförvaltningen's own 0.6 (set
 * by name), which Äldreomsorg below it inherits. */
static void
test_targets (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(ResfriFollowup) none = compute (fixture, "2026", NULL);
  g_autoptr(ResfriFollowup) followup = NULL;
  g_autoptr(ResfriFollowup) unit = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *headline = NULL;
  g_autofree char *plain = NULL;
  double share, target;

  g_assert_true (isnan (none->total->target_share));
  g_assert_false (resfri_followup_row_get_target_progress (none->total, &share, &target));
  plain = resfri_followup_row_dup_headline (none->total);
  g_assert_cmpstr (plain, ==, "50.0 %");

  g_assert_true (resfri_policy_set (fixture->store, "target_share", "0.8", &error));
  g_assert_no_error (error);
  g_assert_true (resfri_policy_set (fixture->store, "target_share.Socialförvaltningen", "0.6",
                                    &error));
  g_assert_no_error (error);

  followup = compute (fixture, "2026", NULL);
  g_assert_true (resfri_followup_row_get_target_progress (followup->total, &share, &target));
  g_assert_cmpfloat_with_epsilon (share, 0.5, 1e-9);
  g_assert_cmpfloat_with_epsilon (target, 0.8, 1e-9);
  headline = resfri_followup_row_dup_headline (followup->total);
  g_assert_cmpstr (headline, ==, "50.0 % of the 80 % target");
  g_assert_cmpfloat (find_unit (followup, "Kommunstyrelsen")->target_share, ==, 0.8);
  g_assert_cmpfloat (find_unit (followup, "Socialnämnden")->target_share, ==, 0.8);
  g_assert_cmpfloat (find_unit (followup, "Socialnämnden/Socialförvaltningen")->target_share,
                     ==, 0.6);
  g_assert_cmpfloat (find_unit (followup,
                                "Socialnämnden/Socialförvaltningen/Äldreomsorg")->target_share,
                     ==, 0.6);
  g_assert_cmpfloat (((ResfriFollowupRow *) g_ptr_array_index (followup->months, 2))->target_share,
                     ==, 0.8);

  /* A report on the unit holds the unit's own target. */
  unit = compute (fixture, "2026", "Socialförvaltningen");
  g_assert_cmpfloat (unit->total->target_share, ==, 0.6);
}

/* Data quality: a meeting of people none of whom is in the register. */
static void
test_unregistered (Fixture       *fixture,
                   gconstpointer  data)
{
  static const char unknown_ics[] =
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Resfri//test//EN\r\n"
    EVENT ("u1", "20260902T070000Z", "20260902T080000Z",
           ORG ("nobody") ATT ("stranger") "LOCATION:Vänersborg\r\n")
    EVENT ("u2", "20260903T070000Z", "20260903T080000Z",
           ORG ("nobody") ATT ("anna") "LOCATION:Vänersborg\r\n")
    "END:VCALENDAR\r\n";
  g_autoptr(ResfriFollowup) before = compute (fixture, "2026", NULL);
  g_autoptr(ResfriFollowup) after = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (before->total->unregistered, ==, 0);

  g_assert_true (resfri_store_import_ical (fixture->store, unknown_ics, -1, "unknown.ics", NULL,
                                           &error));
  g_assert_no_error (error);
  after = compute (fixture, "2026", NULL);
  /* u1 only: u2 has anna, a registered attendee. */
  g_assert_cmpuint (after->total->unregistered, ==, 1);
  g_assert_false (resfri_followup_row_has_data_warning (before->total));
  /* 1 of 8 held: worth a note. */
  g_assert_true (resfri_followup_row_has_data_warning (after->total));
  g_assert_cmpuint (find_unit (after, RESFRI_FOLLOWUP_NO_UNIT)->unregistered, ==, 1);
}

/* Across the middle of 2026 (the later half is resolved on a worker when
 * there is a second core): 10:00–13:00Z on 2 July, online, anna. */
static const char middle_ics[] =
  "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Resfri//test//EN\r\n"
  EVENT ("middle", "20260702T100000Z", "20260702T130000Z", ORG ("anna") ATT ("bo") TEAMS)
  EVENT ("summer", "20260630T070000Z", "20260705T150000Z", ORG ("eva") ATT ("dan")
         "LOCATION:Åmål\r\n")
  "END:VCALENDAR\r\n";

static void
middle_fixture_set_up (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  series_fixture_set_up (fixture, data);
  g_assert_true (resfri_store_import_ical (fixture->store, middle_ics, -1, "middle.ics", NULL,
                                           &error));
  g_assert_no_error (error);
}

static void
assert_rows_equal (const ResfriFollowupRow *a,
                   const ResfriFollowupRow *b)
{
  g_assert_cmpstr (a->unit, ==, b->unit);
  g_assert_cmpstr (a->month, ==, b->month);
  g_assert_cmpint (a->unit_id, ==, b->unit_id);
  g_assert_cmpuint (a->depth, ==, b->depth);
  g_assert_cmpuint (a->employees, ==, b->employees);
  g_assert_cmpuint (a->equipped, ==, b->equipped);
  g_assert_cmpuint (a->open_gaps, ==, b->open_gaps);
  g_assert_cmpuint (a->occurrences, ==, b->occurrences);
  g_assert_cmpuint (a->planned, ==, b->planned);
  g_assert_cmpuint (a->unregistered, ==, b->unregistered);
  g_assert_true (a->target_share == b->target_share ||
                 (isnan (a->target_share) && isnan (b->target_share)));
  g_assert_cmpuint (a->travel_free, ==, b->travel_free);
  g_assert_cmpuint (a->local, ==, b->local);
  for (guint i = 0; i < RESFRI_FOLLOWUP_N_REASONS; i++)
    g_assert_cmpuint (a->exempt[i], ==, b->exempt[i]);
  g_assert_cmpuint (a->exempt_total, ==, b->exempt_total);
  g_assert_cmpuint (a->non_compliant, ==, b->non_compliant);
  g_assert_cmpuint (a->unknown, ==, b->unknown);
  g_assert_cmpuint (a->trips_short, ==, b->trips_short);
  g_assert_cmpuint (a->trips_long, ==, b->trips_long);
  /* The same sums in the same order: equal to the bit. */
  g_assert_true (a->travel_km == b->travel_km);
  g_assert_true (a->travel_co2_kg == b->travel_co2_kg);
  g_assert_true (a->avoided_km == b->avoided_km);
  g_assert_true (a->avoided_co2_kg == b->avoided_co2_kg);
  g_assert_true (a->avoided_cost_sek == b->avoided_cost_sek);
  g_assert_true (a->avoided_hours == b->avoided_hours);
}

static void
assert_row_arrays_equal (GPtrArray *a,
                         GPtrArray *b)
{
  g_assert_true ((a == NULL) == (b == NULL));
  if (a == NULL)
    return;
  g_assert_cmpuint (a->len, ==, b->len);
  for (guint i = 0; i < a->len; i++)
    assert_rows_equal (g_ptr_array_index (a, i), g_ptr_array_index (b, i));
}

/* In a transaction of the store's, the follow-up is one pass on its
 * connection (a worker's would not see the transaction); outside, the
 * later half of a long period may be resolved on a worker: both give the
 * same figures, for every form of period (the year before adjoining, apart
 * or overlapping). */
static void
test_one_pass_or_two (Fixture       *fixture,
                      gconstpointer  data)
{
  const char *periods[] = { "2026", "2026-H2", "2026-09", "2026-T1", "2025-06-01..2026-12-31" };
  g_autoptr(GError) error = NULL;

  g_setenv ("RESFRI_NOW", "2026-09-10T00:00:00Z", TRUE);
  /* Two threads whatever the machine's load. */
  g_setenv ("RESFRI_FOLLOWUP_THREADS", "2", TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (periods); i++)
    {
      g_autoptr(ResfriFollowup) split = compute (fixture, periods[i], NULL);
      g_autoptr(ResfriFollowup) single = NULL;
      g_autoptr(ResfriFollowup) unit = compute (fixture, periods[i], "Kommunstyrelsen");
      g_autoptr(ResfriFollowup) unit_single = NULL;

      g_test_message ("%s", periods[i]);
      g_assert_true (_resfri_store_begin (fixture->store, &error));
      g_assert_no_error (error);
      single = compute (fixture, periods[i], NULL);
      unit_single = compute (fixture, periods[i], "Kommunstyrelsen");
      _resfri_store_rollback (fixture->store);

      assert_row_arrays_equal (split->units, single->units);
      assert_row_arrays_equal (split->months, single->months);
      assert_rows_equal (split->total, single->total);
      assert_row_arrays_equal (split->previous_months, single->previous_months);
      assert_row_arrays_equal (unit->units, unit_single->units);
      assert_row_arrays_equal (unit->months, unit_single->months);
      assert_rows_equal (unit->total, unit_single->total);
      assert_row_arrays_equal (unit->previous_months, unit_single->previous_months);
    }
  g_unsetenv ("RESFRI_NOW");

  {
    g_autoptr(ResfriFollowup) year = compute (fixture, "2026", NULL);

    /* m1–m6, s1 four times, the one across the middle counted once, and
     * the one across the end of June in June. */
    g_assert_cmpuint (year->total->occurrences + year->total->planned, ==, 12);
    g_assert_cmpuint (((ResfriFollowupRow *) g_ptr_array_index (year->months, 5))->occurrences +
                      ((ResfriFollowupRow *) g_ptr_array_index (year->months, 5))->planned, ==, 3);
    g_assert_cmpuint (((ResfriFollowupRow *) g_ptr_array_index (year->months, 6))->occurrences +
                      ((ResfriFollowupRow *) g_ptr_array_index (year->months, 6))->planned, ==, 1);
    g_assert_cmpuint (((ResfriFollowupRow *) g_ptr_array_index (year->months, 8))->occurrences +
                      ((ResfriFollowupRow *) g_ptr_array_index (year->months, 8))->planned, ==, 4);
  }
}

/* Computed in a transaction, the follow-up sees what the transaction
 * wrote, in the later half of the year too. */
static void
test_in_transaction (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(ResfriFollowup) before = compute (fixture, "2026", NULL);
  g_autoptr(ResfriFollowup) during = NULL;
  g_autoptr(ResfriFollowup) after = NULL;
  g_autoptr(GError) error = NULL;

  g_setenv ("RESFRI_FOLLOWUP_THREADS", "2", TRUE);
  g_assert_cmpuint (before->total->occurrences + before->total->planned, ==, 12);
  g_assert_true (_resfri_store_begin (fixture->store, &error));
  g_assert_no_error (error);
  g_assert_true (_resfri_store_exec (fixture->store, "DELETE FROM occurrences WHERE uid = 's1'",
                                     &error));
  g_assert_no_error (error);
  during = compute (fixture, "2026", NULL);
  _resfri_store_rollback (fixture->store);
  g_assert_cmpuint (during->total->occurrences + during->total->planned, ==, 8);

  after = compute (fixture, "2026", NULL);
  g_assert_cmpuint (after->total->occurrences + after->total->planned, ==, 12);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/followup/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("units", test_units);
  ADD ("open-gaps-per-employee", test_open_gaps_per_employee);
  ADD ("period-forms", test_period_forms);
  ADD ("months", test_months);
  ADD ("share-series", test_share_series);
  ADD ("share-series-forms", test_share_series_forms);
  ADD ("reason-series", test_reason_series);
  ADD ("previous-year-absent", test_previous_year_absent);
  ADD ("empty-period", test_empty_period);
  ADD ("unit-filter", test_unit_filter);
  ADD ("async", test_async);
  ADD ("remm-per-employee", test_remm_per_employee);
  ADD ("held-planned", test_held_planned);
  ADD ("targets", test_targets);
  ADD ("unregistered", test_unregistered);
  g_test_add ("/followup/one-pass-or-two", Fixture, NULL, middle_fixture_set_up,
              test_one_pass_or_two, fixture_tear_down);
  g_test_add ("/followup/in-transaction", Fixture, NULL, middle_fixture_set_up,
              test_in_transaction, fixture_tear_down);

#undef ADD

  g_test_add_func ("/followup/unit-label", test_unit_label);

  return g_test_run ();
}

/* test-followup.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The politicians' follow-up (ResfriFollowup and `resfri-cli report`) on a
 * fixture worked out by hand.
 *
 * Sites, real coordinates; great-circle distance (R = 6371.0 km) × 1.3:
 *   VBG Vänersborg 58.3807 N 12.3234 E
 *   UDD Uddevalla  58.3498 N 11.9381 E
 *   AML Åmål       59.0514 N 12.7039 E
 *   d(VBG, UDD) = 22.7326 km × 1.3 =  29.5524 km
 *   d(VBG, AML) = 77.7470 km × 1.3 = 101.0711 km
 *   d(UDD, AML) = 89.6827 km × 1.3 = 116.5875 km
 *
 * Units (a tree) and people; "equipped" = owns a working headset and camera:
 *   Kommunstyrelsen                          cia  (VBG)  nothing
 *     Kommunledningskontoret                 anna (VBG)  headset + camera: equipped
 *                                            bo   (UDD)  headset, camera broken
 *   Socialnämnden                            fia  (VBG)  nothing (politician)
 *     Socialförvaltningen                    eva  (UDD)  headset only
 *       Äldreomsorg                          dan  (AML)  headset + camera: equipped
 *
 * Meetings (times UTC; the month is Stockholm's):
 *   m1 2026-03-10 in person at Vänersborg, anna organises, bo attends:
 *      bo travels 2 × 29.5524 = 59.1048 km (one-way 29.6 > 5 km: not
 *      local), no exemption → non_compliant; one short trip;
 *      CO2 0.12 × 59.1048 = 7.0926 kg.
 *   m2 2026-03-31T22:30Z = 1 April 00:30 in Stockholm (summer time): online,
 *      anna organises, bo and dan attend → travel_free, in April. Avoided at
 *      anna's site VBG: bo 2 × 29.5524 + dan 2 × 101.0711 = 261.2470 km,
 *      CO2 31.3496 kg, cost 2.5 × = 653.1175 kr, 261.2470 / 70 = 3.7321 h.
 *   m3 2026-05-05 in person at Åmål, eva organises, dan and fia attend,
 *      X-RESFRI-EXEMPTION physical-presence: eva 2 × 116.5875 = 233.1750,
 *      fia 2 × 101.0711 = 202.1422, dan 0 → 435.3172 km, two long trips
 *      (both one-way ≥ 100 km) → exempt.
 *   m4 2026-05-20 in person at Vänersborg, cia organises, anna and fia
 *      attend: everyone's home is VBG → local, 0 km.
 *   m5 2026-06-01 online, organised from outside → "(none)", travel_free,
 *      avoided 0 (external organiser).
 *   m6 2026-06-15 no place and no link, dan organises → unknown.
 *   m7 2025-05-05 online, anna: the year before.
 *   m8 2025-12-31T22:00Z–2026-01-01T00:30Z online, anna: starts on
 *      31 December in Stockholm, so it counts in 2025, not in 2026.
 *
 * 2026 per unit (rolled up):
 *   Kommunstyrelsen        m1 m2 m4: 3 meetings, 1 travel-free, 1 local,
 *                          1 non-compliant; share 1 / (1 + 0 + 1) = 0.5;
 *                          travel 59.1048, avoided 261.2470; 3 people, 1
 *                          equipped
 *   Kommunledningskontoret m1 m2: 2, 1 travel-free, 1 non-compliant, 0.5;
 *                          2 people, 1 equipped
 *   Socialnämnden          m3 m6: 2, 1 exempt, 1 unknown; share 0 / 1 = 0;
 *                          travel 435.3172; 3 people, 1 equipped
 *   Socialförvaltningen    m3 m6 (m6's unit is below it): the same; 2
 *                          people, 1 equipped
 *   Äldreomsorg            m6: 1 unknown, share null; 1 person, equipped
 *   (none)                 m5: 1 travel-free, share 1
 *   total                  6 meetings, 2 travel-free, 1 local, 1 exempt,
 *                          1 non-compliant, 1 unknown; share 2 / 4 = 0.5;
 *                          travel 494.4220, avoided 261.2470; 6 people,
 *                          2 equipped
 * Months: March m1, April m2, May m3 m4, June m5 m6.
 *
 * Open gaps = people without a working headset + people without a working
 * camera (the loan-pool camera C9 has no owner and does not count):
 *   anna 0, bo 1 (camera broken), cia 2, fia 2, eva 1 (no camera), dan 0
 *   Kommunledningskontoret 0 + 1 = 1      Kommunstyrelsen   2 + 1 = 3
 *   Äldreomsorg 0    Socialförvaltningen 1 + 0 = 1    Socialnämnden 2 + 1 = 3
 *   (none) 0 (no people)    total 6 = 2 headsets (cia, fia) + 4 cameras
 *   (bo, cia, fia, eva), as `gaps` equip_everyone counts them; every month
 *   row carries the total's 6.
 *
 * Per employee (figures above / employees) in 2026:
 *   Kommunstyrelsen (3)        travel 59.1048 / 3 = 19.7016 km,
 *                              avoided 261.2470 / 3 = 87.0823 km,
 *                              31.3496 / 3 = 10.4499 kg, 653.1175 / 3 =
 *                              217.7058 kr, 3.7321 / 3 = 1.2440 h
 *   Kommunledningskontoret (2) 29.5524 km, 130.6235 km, 15.6748 kg,
 *                              326.5588 kr, 1.8661 h
 *   Socialnämnden (3)          travel 435.3172 / 3 = 145.1057 km, avoided 0
 *   Socialförvaltningen (2)    travel 435.3172 / 2 = 217.6586 km
 *   Äldreomsorg (1)            0 everywhere (m6 is unknown: no travel)
 *   (none) (0 people)          none: null
 *   total (6)                  494.4220 / 6 = 82.4037 km, 261.2470 / 6 =
 *                              43.5412 km, 5.2249 kg, 108.8529 kr, 0.6220 h
 *   months over the total's 6: March 59.1048 / 6 = 9.8508 km travel,
 *                              April avoided 43.5412 km, May travel
 *                              435.3172 / 6 = 72.5529 km
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <json-glib/json-glib.h>

#include "resfri-core.h"
#include "resfri-test-fixture.h"
#include "resfri-test-util.h"

#define KM_VBG_UDD  29.5524
#define KM_VBG_AML 101.0711
#define KM_UDD_AML 116.5875

static const char sites_csv[] =
  "id,name,latitude,longitude\n"
  "VBG,Vänersborg,58.3807,12.3234\n"
  "UDD,Uddevalla,58.3498,11.9381\n"
  "AML,Åmål,59.0514,12.7039\n";

static const char people_csv[] =
  "email,name,unit,site,role\n"
  "anna@vbg.example,Anna,Kommunstyrelsen/Kommunledningskontoret,VBG,employee\n"
  "bo@vbg.example,Bo,Kommunstyrelsen/Kommunledningskontoret,UDD,employee\n"
  "cia@vbg.example,Cia,Kommunstyrelsen,VBG,employee\n"
  "fia@vbg.example,Fia,Socialnämnden,VBG,politician\n"
  "eva@vbg.example,Eva,Socialnämnden/Socialförvaltningen,UDD,employee\n"
  "dan@vbg.example,Dan,Socialnämnden/Socialförvaltningen/Äldreomsorg,AML,employee\n";

static const char inventory_csv[] =
  "asset_tag,type,site,owner_email,state\n"
  "H1,headset,VBG,anna@vbg.example,ok\n"
  "C1,camera,VBG,anna@vbg.example,ok\n"
  "H2,headset,UDD,bo@vbg.example,ok\n"
  "C2,camera,UDD,bo@vbg.example,broken\n"
  "H3,headset,UDD,eva@vbg.example,ok\n"
  "H4,headset,AML,dan@vbg.example,ok\n"
  "C4,camera,AML,dan@vbg.example,ok\n"
  "C9,camera,VBG,,ok\n";

#define EVENT(uid, start, end, extra) \
  "BEGIN:VEVENT\r\nUID:" uid "\r\nDTSTAMP:20260101T000000Z\r\nDTSTART:" start \
  "\r\nDTEND:" end "\r\nSUMMARY:" uid "\r\n" extra "END:VEVENT\r\n"
#define ORG(who) "ORGANIZER:mailto:" who "@vbg.example\r\n"
#define ATT(who) "ATTENDEE;CUTYPE=INDIVIDUAL;PARTSTAT=ACCEPTED:mailto:" who "@vbg.example\r\n"
#define TEAMS "URL:https://teams.microsoft.com/l/meetup-join/19%3ameeting\r\n"

static const char meetings_ics[] =
  "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Resfri//test//EN\r\n"
  EVENT ("m1", "20260310T090000Z", "20260310T100000Z",
         ORG ("anna") ATT ("bo") "LOCATION:Vänersborg\r\n")
  EVENT ("m2", "20260331T223000Z", "20260331T233000Z",
         ORG ("anna") ATT ("bo") ATT ("dan") TEAMS)
  EVENT ("m3", "20260505T070000Z", "20260505T090000Z",
         ORG ("eva") ATT ("dan") ATT ("fia") "LOCATION:Åmål\r\n"
         "X-RESFRI-EXEMPTION:physical-presence\r\n")
  EVENT ("m4", "20260520T070000Z", "20260520T080000Z",
         ORG ("cia") ATT ("anna") ATT ("fia") "LOCATION:Vänersborg\r\n")
  EVENT ("m5", "20260601T070000Z", "20260601T080000Z",
         "ORGANIZER:mailto:someone@region.example\r\n" ATT ("anna") TEAMS)
  EVENT ("m6", "20260615T070000Z", "20260615T080000Z", ORG ("dan") ATT ("eva"))
  EVENT ("m7", "20250505T070000Z", "20250505T080000Z", ORG ("anna") ATT ("bo") TEAMS)
  EVENT ("m8", "20251231T220000Z", "20260101T003000Z", ORG ("anna") ATT ("bo") TEAMS)
  "END:VCALENDAR\r\n";

typedef ResfriTestFixture Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  const struct { ResfriRegister kind; const char *csv; } registers[] = {
    { RESFRI_REGISTER_SITES, sites_csv },
    { RESFRI_REGISTER_PEOPLE, people_csv },
    { RESFRI_REGISTER_INVENTORY, inventory_csv },
  };
  g_autoptr(GError) error = NULL;

  resfri_test_fixture_set_up (fixture, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (registers); i++)
    g_assert_true (resfri_register_import_data (fixture->store, registers[i].kind, "fixture.csv",
                                                registers[i].csv, strlen (registers[i].csv),
                                                NULL, &error));
  g_assert_no_error (error);
  g_assert_true (resfri_store_import_ical (fixture->store, meetings_ics, -1, "fixture.ics", NULL,
                                           &error));
  g_assert_no_error (error);
  g_assert_true (resfri_store_set_meta (fixture->store, "municipality", "Vänersborg", &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  resfri_test_fixture_tear_down (fixture);
}

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
    "travel_km", "avoided_km", "avoided_co2_kg", "avoided_cost_sek", "avoided_hours", NULL,
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

/* resfri-cli report */

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
  g_assert_cmpuint (json_object_get_size (per_employee), ==, 5);
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
  g_assert_cmpuint (json_object_get_size (per_employee), ==, 5);
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
  "per_employee_avoided_cost_sek,per_employee_avoided_hours\r\n";

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
    "82.404,43.541,5.225,108.853,0.622";
  /* No people: coverage and the per-employee figures are empty. */
  const char *none_row =
    "unit,(none),,0,1,1,0,0,0,0,0,0,0,0,0,0,1.0000,0,0,0.0,0.0,0.0,0.0,0.0,0.0,,0,,,,,";
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
  g_assert_cmpuint (n_columns, ==, 32);
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
  ADD ("cli/json", test_cli_json);
  ADD ("cli/csv-text", test_cli_csv_text);
  ADD ("cli/usage", test_cli_usage);
  ADD ("cli/xlsx", test_cli_xlsx);
  ADD ("cli/pdf", test_cli_pdf);
  ADD ("cli/pdf-many-units", test_cli_pdf_many_units);

#undef ADD

  g_test_add_func ("/followup/unit-label", test_unit_label);

  return g_test_run ();
}

/* followup-fixture.h
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The fixture of test-followup and resfri-cli's report test, worked out by
 * hand.
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

#pragma once

#include <string.h>

#include "resfri-core.h"
#include "resfri-test-fixture.h"

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

static inline void
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

/* Converting a series (tests/test-convert.c, tests/cli/test-convert.c):
 *   s1 weekly on Tuesdays 2026-09-01, -08, -15, -22 at 09:00Z, in person at
 *   Vänersborg, anna organises, bo attends: bo travels 2 × 29.5524 km from
 *   Uddevalla → non_compliant, four times. */
static const char series_ics[] =
  "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Resfri//test//EN\r\n"
  EVENT ("s1", "20260901T090000Z", "20260901T100000Z",
         ORG ("anna") ATT ("bo") "LOCATION:Vänersborg\r\nRRULE:FREQ=WEEKLY;COUNT=4\r\n")
  "END:VCALENDAR\r\n";

static inline void
series_fixture_set_up (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture_set_up (fixture, data);
  g_assert_true (resfri_store_import_ical (fixture->store, series_ics, -1, "series.ics", NULL,
                                           &error));
  g_assert_no_error (error);
}

static inline void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  resfri_test_fixture_tear_down (fixture);
}

/* resolve-fixture.h
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The hand-computed fixture of test-resolve and test-check: four sites of
 * Fyrbodal with real coordinates, six people, two rooms, a distance-table
 * override and meetings of every mode and verdict.
 *
 * Great-circle distances (haversine, R = 6371.0 km), × 1.3 detour:
 *   Vänersborg–Uddevalla  22.7326 km → 29.5524 km
 *   Vänersborg–Strömstad  91.1089 km → 118.4415 km, but the distance
 *                         table says 95.0 km, which wins
 *   Vänersborg–Åmål       77.6905 km → 100.9976 km (a long trip)
 *   Uddevalla–Strömstad   79.1731 km → 102.9251 km
 *   Uddevalla–Åmål        89.6288 km → 116.5174 km
 *   Strömstad–Åmål        88.6456 km → 115.2393 km
 * computed as
 *   h = sin²(Δφ/2) + cos φ1 · cos φ2 · sin²(Δλ/2),  d = 2 R asin √h
 * e.g. Vänersborg–Uddevalla: Δφ = −0.0309°, Δλ = −0.3853°,
 * cos φ1 = 0.52427, cos φ2 = 0.52473, h = 3.18290e-6,
 * asin √h = 1.784068e-3, d = 2 · 6371 · 1.784068e-3 = 22.7326 km.
 */

#pragma once

#include "resfri-core.h"

#define KM_VBG_UDD 29.5524
#define KM_VBG_STR 95.0
#define KM_VBG_AML 100.9976
#define KM_UDD_STR 102.9251
#define KM_UDD_AML 116.5174
#define KM_STR_AML 115.2393

static const char fixture_sites[] =
  "id,name,latitude,longitude\n"
  "VBG,Vänersborg,58.3807,12.3234\n"
  "UDD,Uddevalla,58.3498,11.9381\n"
  "STR,Strömstad,58.9395,11.1712\n"
  "AML,Åmål,59.0509,12.7037\n";

static const char fixture_distances[] =
  "from,to,km\n"
  "STR,VBG,95.0\n";

static const char fixture_people[] =
  "email,name,unit,site\n"
  "anna@vbg.se,Anna,Kommunstyrelsen/IT,VBG\n"
  "bo@vbg.se,Bo,Kommunstyrelsen/IT,VBG\n"
  "Cecilia@udd.se,Cecilia,Bygg,UDD\n"
  "david@str.se,David,Bygg,STR\n"
  "eva@aml.se,Eva,Skola,AML\n"
  "frida@vbg.se,Frida,Skola,VBG\n";

static const char fixture_rooms[] =
  "id,name,site,capacity,email,aliases,vc\n"
  "R1,Sessionssalen,VBG,40,sessionssalen@vbg.se,Stadshuset sessionssal;KF-salen,yes\n"
  "R2,Lilla rummet,UDD,6,lilla@udd.se,,no\n";

/* anna: headset + camera; bo: headset; cecilia: nothing; david: camera;
 * eva: headset + camera; frida: headset, a broken camera, and a loan
 * camera in the pool does not count. */
static const char fixture_inventory[] =
  "asset_tag,type,site,owner_email,state\n"
  "H1,headset,VBG,anna@vbg.se,ok\n"
  "C1,camera,VBG,anna@vbg.se,ok\n"
  "H2,headset,VBG,bo@vbg.se,ok\n"
  "C2,camera,STR,david@str.se,ok\n"
  "H3,headset,AML,eva@aml.se,ok\n"
  "C3,camera,AML,eva@aml.se,ok\n"
  "H4,headset,VBG,frida@vbg.se,ok\n"
  "C4,camera,VBG,frida@vbg.se,broken\n"
  "C5,camera,VBG,,ok\n"
  "H5,headset,UDD,cecilia@udd.se,retired\n";

/* m1  in person in Sessionssalen (CUTYPE=ROOM wins over LOCATION), eva
 *     declined, bo is a RESOURCE, one external: anna 0, cecilia 29.5524,
 *     david 95.0 → travel 249.1048 km, 2 short trips, non_compliant.
 * m2  in person by the alias "kf-salen", everyone at Vänersborg (cecilia
 *     declined) → local.
 * m3  online (Teams), organiser cecilia at Uddevalla → avoided
 *     2·29.5524 + 2·116.5174 = 292.1396 km.
 * m4  hybrid at the site Strömstad ("Strömstad, stadshuset"), organiser
 *     david, anna and bo at Vänersborg → avoided 4·95.0 = 380 km.
 * m5  no venue, no link, external organiser → unknown.
 * m6  weekly ×3 at "Åmål": bo travels 2·100.9976 = 201.9952 km (long);
 *     exempt for the meeting (relationship) and occurrence 1 on its own
 *     (confidential); occurrence 2 moved to "Uddevalla" by an override:
 *     bo 2·29.5524 + eva 2·116.5174 = 292.1396 km; occurrence 3 cancelled.
 * m7  "Åmålsvägen 3" is not Åmål → unknown.
 * m8  daily ×2 at "VÄNERSBORG", cecilia organises, frida attends: travel
 *     59.1048 km; occurrence 2 exempt on its own (physical-presence). */
static const char fixture_ics[] =
  "BEGIN:VCALENDAR\r\n"
  "VERSION:2.0\r\n"
  "PRODID:-//Resfri//test//EN\r\n"
  "BEGIN:VEVENT\r\n"
  "UID:m1\r\n"
  "DTSTAMP:20260101T000000Z\r\n"
  "DTSTART:20260302T080000Z\r\n"
  "DTEND:20260302T090000Z\r\n"
  "SUMMARY:Budget\r\n"
  "LOCATION:Lilla rummet\r\n"
  "ORGANIZER:mailto:anna@vbg.se\r\n"
  "ATTENDEE;PARTSTAT=ACCEPTED:mailto:CECILIA@udd.se\r\n"
  "ATTENDEE:mailto:david@str.se\r\n"
  "ATTENDEE;PARTSTAT=DECLINED:mailto:eva@aml.se\r\n"
  "ATTENDEE;CUTYPE=RESOURCE:mailto:bo@vbg.se\r\n"
  "ATTENDEE;CUTYPE=INDIVIDUAL:mailto:guest@example.com\r\n"
  "ATTENDEE;CUTYPE=ROOM:mailto:sessionssalen@vbg.se\r\n"
  "END:VEVENT\r\n"
  "BEGIN:VEVENT\r\n"
  "UID:m2\r\n"
  "DTSTAMP:20260101T000000Z\r\n"
  "DTSTART:20260303T080000Z\r\n"
  "DTEND:20260303T090000Z\r\n"
  "SUMMARY:Team\r\n"
  "LOCATION:  kf-SALEN \r\n"
  "ORGANIZER:mailto:bo@vbg.se\r\n"
  "ATTENDEE:mailto:anna@vbg.se\r\n"
  "ATTENDEE;CUTYPE=INDIVIDUAL:mailto:frida@vbg.se\r\n"
  "ATTENDEE;PARTSTAT=DECLINED:mailto:cecilia@udd.se\r\n"
  "END:VEVENT\r\n"
  "BEGIN:VEVENT\r\n"
  "UID:m3\r\n"
  "DTSTAMP:20260101T000000Z\r\n"
  "DTSTART:20260304T080000Z\r\n"
  "DTEND:20260304T090000Z\r\n"
  "SUMMARY:Webbmöte\r\n"
  "X-MICROSOFT-SKYPETEAMSMEETINGURL:https://teams.microsoft.com/l/meetup-join/x\r\n"
  "ORGANIZER:mailto:cecilia@udd.se\r\n"
  "ATTENDEE:mailto:anna@vbg.se\r\n"
  "ATTENDEE:mailto:eva@aml.se\r\n"
  "END:VEVENT\r\n"
  "BEGIN:VEVENT\r\n"
  "UID:m4\r\n"
  "DTSTAMP:20260101T000000Z\r\n"
  "DTSTART:20260305T080000Z\r\n"
  "DTEND:20260305T090000Z\r\n"
  "SUMMARY:Hybrid\r\n"
  "LOCATION:Strömstad\\, stadshuset\r\n"
  "URL:https://zoom.us/j/123\r\n"
  "ORGANIZER:mailto:david@str.se\r\n"
  "ATTENDEE:mailto:anna@vbg.se\r\n"
  "ATTENDEE:mailto:bo@vbg.se\r\n"
  "END:VEVENT\r\n"
  "BEGIN:VEVENT\r\n"
  "UID:m5\r\n"
  "DTSTAMP:20260101T000000Z\r\n"
  "DTSTART:20260306T080000Z\r\n"
  "DTEND:20260306T090000Z\r\n"
  "SUMMARY:Okänt\r\n"
  "ORGANIZER:mailto:someone@example.com\r\n"
  "ATTENDEE:mailto:anna@vbg.se\r\n"
  "END:VEVENT\r\n"
  "BEGIN:VEVENT\r\n"
  "UID:m6\r\n"
  "DTSTAMP:20260101T000000Z\r\n"
  "DTSTART:20260309T080000Z\r\n"
  "DTEND:20260309T090000Z\r\n"
  "RRULE:FREQ=WEEKLY;COUNT=3\r\n"
  "SUMMARY:Samverkan\r\n"
  "LOCATION:Åmål\r\n"
  "ORGANIZER:mailto:eva@aml.se\r\n"
  "ATTENDEE:mailto:bo@vbg.se\r\n"
  "END:VEVENT\r\n"
  "BEGIN:VEVENT\r\n"
  "UID:m6\r\n"
  "DTSTAMP:20260101T000000Z\r\n"
  "RECURRENCE-ID:20260316T080000Z\r\n"
  "DTSTART:20260316T100000Z\r\n"
  "DTEND:20260316T110000Z\r\n"
  "SUMMARY:Samverkan i Uddevalla\r\n"
  "LOCATION:Uddevalla\r\n"
  "ORGANIZER:mailto:eva@aml.se\r\n"
  "ATTENDEE:mailto:bo@vbg.se\r\n"
  "END:VEVENT\r\n"
  "BEGIN:VEVENT\r\n"
  "UID:m6\r\n"
  "DTSTAMP:20260101T000000Z\r\n"
  "RECURRENCE-ID:20260323T080000Z\r\n"
  "DTSTART:20260323T080000Z\r\n"
  "DTEND:20260323T090000Z\r\n"
  "STATUS:CANCELLED\r\n"
  "SUMMARY:Samverkan\r\n"
  "LOCATION:Åmål\r\n"
  "ORGANIZER:mailto:eva@aml.se\r\n"
  "ATTENDEE:mailto:bo@vbg.se\r\n"
  "END:VEVENT\r\n"
  "BEGIN:VEVENT\r\n"
  "UID:m7\r\n"
  "DTSTAMP:20260101T000000Z\r\n"
  "DTSTART:20260310T080000Z\r\n"
  "DTEND:20260310T090000Z\r\n"
  "SUMMARY:Vägmöte\r\n"
  "LOCATION:Åmålsvägen 3\r\n"
  "ORGANIZER:mailto:anna@vbg.se\r\n"
  "ATTENDEE:mailto:eva@aml.se\r\n"
  "END:VEVENT\r\n"
  "BEGIN:VEVENT\r\n"
  "UID:m8\r\n"
  "DTSTAMP:20260101T000000Z\r\n"
  "DTSTART:20260311T120000Z\r\n"
  "DTEND:20260311T130000Z\r\n"
  "RRULE:FREQ=DAILY;COUNT=2\r\n"
  "SUMMARY:Bygglov\r\n"
  "LOCATION:VÄNERSBORG\r\n"
  "ORGANIZER:mailto:cecilia@udd.se\r\n"
  "ATTENDEE:mailto:frida@vbg.se\r\n"
  "END:VEVENT\r\n"
  "END:VCALENDAR\r\n";

static inline void
fixture_fill (ResfriStore *store)
{
  g_autoptr(GError) error = NULL;
  struct { ResfriRegister kind; const char *data; } csv[] = {
    { RESFRI_REGISTER_SITES, fixture_sites },
    { RESFRI_REGISTER_DISTANCES, fixture_distances },
    { RESFRI_REGISTER_PEOPLE, fixture_people },
    { RESFRI_REGISTER_ROOMS, fixture_rooms },
    { RESFRI_REGISTER_INVENTORY, fixture_inventory },
  };

  for (guint i = 0; i < G_N_ELEMENTS (csv); i++)
    {
      g_assert_true (resfri_register_import_data (store, csv[i].kind, "fixture.csv", csv[i].data,
                                                  strlen (csv[i].data), NULL, &error));
      g_assert_no_error (error);
    }

  g_assert_true (resfri_store_import_ical (store, fixture_ics, -1, "fixture.ics", NULL, &error));
  g_assert_no_error (error);
}

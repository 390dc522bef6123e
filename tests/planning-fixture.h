/* planning-fixture.h
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The fixture of test-planning and resfri-cli's planning test, worked out
 * by hand: five candidates in March 2026 sharing one loan headset.
 */

#pragma once

#include <stdarg.h>

#include "resfri-core.h"
#include "resfri-test-fixture.h"

typedef ResfriTestFixture Fixture;

/* Site A and site B are 50 km apart (the distance table), so each person
 * of A at a meeting in B's room travels 100 km: 250 SEK, 12 kg CO2,
 * 100/70 h. Everybody owns a working camera; the people of A but a6 lack
 * a headset, and A's loan pool has one headset: only A's headsets are
 * demanded. The organisers (b1, b2 of B) own everything. */
static const char fixture_sql[] =
  "INSERT INTO units (id, name, path) VALUES (1, 'U1', 'U1'), (2, 'U2', 'U2');"
  "INSERT INTO sites (id, code, name, latitude, longitude) VALUES"
  "  (1, 'A', 'Asite', 58.0, 11.0), (2, 'B', 'Bsite', 59.0, 12.0);"
  "INSERT INTO distances (from_site, to_site, km) VALUES (1, 2, 50);"
  "INSERT INTO people (id, email, name, unit_id, site_id) VALUES"
  "  (1, 'a1@x.se', 'A1', 1, 1), (2, 'a2@x.se', 'A2', 1, 1), (3, 'a3@x.se', 'A3', 1, 1),"
  "  (4, 'a4@x.se', 'A4', 1, 1), (5, 'a5@x.se', 'A5', 1, 1), (6, 'a6@x.se', 'A6', 1, 1),"
  "  (7, 'b1@x.se', 'B1', 2, 2), (8, 'b2@x.se', 'B2', 1, 2);"
  "INSERT INTO rooms (id, code, name, site_id, capacity, email, vc) VALUES"
  "  (1, 'RB', 'Bsalen', 2, 20, 'bsalen@x.se', 0);"
  "INSERT INTO equipment (tag, type_id, site_id, owner_id, state) VALUES"
  "  ('POOL-H', 1, 1, NULL, 'ok'),"
  "  ('C1', 2, 1, 1, 'ok'), ('C2', 2, 1, 2, 'ok'), ('C3', 2, 1, 3, 'ok'), ('C4', 2, 1, 4, 'ok'),"
  "  ('C5', 2, 1, 5, 'ok'), ('C6', 2, 1, 6, 'ok'), ('H6', 1, 1, 6, 'ok'),"
  "  ('B1-H', 1, 2, 7, 'ok'), ('B1-C', 2, 2, 7, 'ok'), ('B2-H', 1, 2, 8, 'ok'), ('B2-C', 2, 2, 8, 'ok');";

#define LINK "https://teams.microsoft.com/l/meetup-join/abc"

/* A VEVENT from 2026-03-02 HHMM to HHMM (UTC), @count daily occurrences
 * (1: no RRULE), in B's room or online, organised by @organizer with the
 * attendees that follow (NULL-terminated). */
static inline void
add_event (Fixture    *fixture,
           const char *uid,
           const char *start,
           const char *end,
           guint       count,
           gboolean    online,
           const char *exemption,
           const char *organizer,
           ...)
{
  g_autoptr(GString) ics = g_string_new ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n"
                                         "BEGIN:VEVENT\r\n");
  g_autoptr(GError) error = NULL;
  va_list ap;

  g_string_append_printf (ics, "UID:%s\r\nDTSTAMP:20260101T000000Z\r\n"
                          "DTSTART:20260302T%s00Z\r\nDTEND:20260302T%s00Z\r\nSUMMARY:%s\r\n",
                          uid, start, end, uid);
  if (count > 1)
    g_string_append_printf (ics, "RRULE:FREQ=DAILY;COUNT=%u\r\n", count);
  if (online)
    g_string_append (ics, "CONFERENCE;VALUE=URI;FEATURE=VIDEO:" LINK "\r\n");
  else
    g_string_append (ics, "LOCATION:Bsalen\r\n");
  if (exemption != NULL)
    g_string_append_printf (ics, "X-RESFRI-EXEMPTION:%s\r\n", exemption);
  g_string_append_printf (ics, "ORGANIZER:mailto:%s\r\n", organizer);
  va_start (ap, organizer);
  for (const char *a = va_arg (ap, const char *); a != NULL; a = va_arg (ap, const char *))
    g_string_append_printf (ics, "ATTENDEE;PARTSTAT=ACCEPTED:mailto:%s\r\n", a);
  va_end (ap);
  g_string_append (ics, "END:VEVENT\r\nEND:VCALENDAR\r\n");

  g_assert_true (resfri_store_import_ical (fixture->store, ics->str, ics->len, "test.ics", NULL,
                                           &error));
  g_assert_no_error (error);
}

/* The candidates, per day (each a daily series from 2026-03-02):
 *   c1 09:00-10:00 a1        2 days   avoids 2 × 250 = 500
 *   c2 09:30-10:30 a2        3 days            750
 *   c3 11:00-12:00 a3        1 day             250  (organised by b2 of U1)
 *   c4 09:00-10:00 a4, a5    1 day             500  (two headsets)
 *   c5 13:00-14:00 a6        1 day             250  (a6 owns a headset)
 * and today's plans: "online" 11:30-12:30 with a1, 3 days (a headset at
 * A), two online meetings of b1 alone, and an exempt in-person one.
 * travel_free 5, exempt 1, non-compliant 8: counted 14.
 *
 * A's headsets at each instant where one starts, day 1: 09:00 c1 + 2 c4;
 * 09:30 c1 + c2 + 2 c4; 11:00 c3; 11:30 c3 + 1 (today's). Day 2: c1,
 * c1 + c2; day 3: c2. One item: buy = max (0, c1 + c2 + 2 c4 - 1, c3). */
static inline void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  resfri_test_fixture_set_up (fixture, fixture_sql);
  add_event (fixture, "c1", "0900", "1000", 2, FALSE, NULL, "b1@x.se", "a1@x.se", NULL);
  add_event (fixture, "c2", "0930", "1030", 3, FALSE, NULL, "b1@x.se", "a2@x.se", NULL);
  add_event (fixture, "c3", "1100", "1200", 1, FALSE, NULL, "b2@x.se", "a3@x.se", NULL);
  add_event (fixture, "c4", "0900", "1000", 1, FALSE, NULL, "b1@x.se", "a4@x.se", "a5@x.se", NULL);
  add_event (fixture, "c5", "1300", "1400", 1, FALSE, NULL, "b1@x.se", "a6@x.se", NULL);
  add_event (fixture, "online", "1130", "1230", 3, TRUE, NULL, "b1@x.se", "a1@x.se", NULL);
  add_event (fixture, "solo1", "1500", "1600", 1, TRUE, NULL, "b1@x.se", NULL);
  add_event (fixture, "solo2", "1600", "1700", 1, TRUE, NULL, "b1@x.se", NULL);
  add_event (fixture, "exempt", "1400", "1500", 1, FALSE, "confidential", "b1@x.se", "a6@x.se",
             NULL);
}

static inline void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  resfri_test_fixture_tear_down (fixture);
}


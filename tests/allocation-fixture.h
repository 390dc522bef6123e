/* allocation-fixture.h
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The store fixture of test-allocation and test-gaps: three sites, four
 * people with and without equipment of their own, three rooms and the
 * loan pools, and meetings added one VEVENT at a time on 2026-03-02.
 */

#pragma once

#include <stdarg.h>

#include "resfri-core.h"
#include "resfri-store-private.h"
#include "resfri-test-fixture.h"
#include "resfri-test-util.h"

typedef ResfriTestFixture Fixture;

/* KOM and SKO are 4.6 km apart, FAR is far away. Anna and Dan own nothing;
 * Bo owns a working headset and a broken camera; Cilla owns both. Loan
 * items: KOM has headsets H1 (ok), H2 (broken), camera C1, vc-kit V1;
 * SKO has headset H3; FAR has a camera C9 that must never serve KOM. */
static const char fixture_sql[] =
  "INSERT INTO units (id, name, path) VALUES (1, 'IT', 'IT'), (2, 'Skola', 'Skola');"
  "INSERT INTO sites (id, code, name, latitude, longitude) VALUES"
  "  (1, 'KOM', 'Kommunhuset', 58.94, 11.17), (2, 'SKO', 'Skolan', 58.90, 11.20),"
  "  (3, 'FAR', 'Fjärran', 59.60, 13.50);"
  "INSERT INTO people (id, email, name, unit_id, site_id) VALUES"
  "  (1, 'anna@example.se', 'Anna', 1, 1), (2, 'bo@example.se', 'Bo', 1, 1),"
  "  (3, 'cilla@example.se', 'Cilla', 2, 2), (4, 'dan@example.se', 'Dan', 2, 2);"
  "INSERT INTO rooms (id, code, name, site_id, capacity, email, vc) VALUES"
  "  (1, 'R1', 'Lilla salen', 1, 10, 'lilla@example.se', 0),"
  "  (2, 'R2', 'Videorummet', 1, 10, 'video@example.se', 1),"
  "  (3, 'R3', 'Fjärrsalen', 3, 10, 'fjarr@example.se', 0);"
  "INSERT INTO equipment (id, tag, type_id, site_id, owner_id, state) VALUES"
  "  (1, 'H1', 1, 1, NULL, 'ok'), (2, 'H2', 1, 1, NULL, 'broken'),"
  "  (3, 'C1', 2, 1, NULL, 'ok'), (4, 'V1', 3, 1, NULL, 'ok'),"
  "  (5, 'H3', 1, 2, NULL, 'ok'), (6, 'C9', 2, 3, NULL, 'ok'),"
  "  (7, 'BO-H', 1, 1, 2, 'ok'), (8, 'BO-C', 2, 1, 2, 'broken'),"
  "  (9, 'CI-H', 1, 2, 3, 'ok'), (10, 'CI-C', 2, 2, 3, 'ok');";

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  resfri_test_fixture_set_up (fixture, fixture_sql);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  resfri_test_fixture_tear_down (fixture);
}

#define LINK "https://teams.microsoft.com/l/meetup-join/abc"

/* Adds a VEVENT on 2026-03-02 from HHMM to HHMM (UTC). @location: a room
 * or site name or NULL; @online: with a meeting link; attendees: the
 * emails, the first being the organiser. */
static void
add_meeting (Fixture    *fixture,
             const char *uid,
             const char *start,
             const char *end,
             const char *location,
             gboolean    online,
             const char *first_attendee,
             ...)
{
  g_autoptr(GString) ics = g_string_new ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n"
                                         "BEGIN:VEVENT\r\n");
  g_autoptr(GError) error = NULL;
  va_list ap;

  g_string_append_printf (ics, "UID:%s\r\nDTSTAMP:20260101T000000Z\r\n"
                          "DTSTART:20260302T%s00Z\r\nDTEND:20260302T%s00Z\r\nSUMMARY:Test\r\n",
                          uid, start, end);
  if (location != NULL)
    g_string_append_printf (ics, "LOCATION:%s\r\n", location);
  if (online)
    g_string_append (ics, "CONFERENCE;VALUE=URI;FEATURE=VIDEO:" LINK "\r\n");
  g_string_append_printf (ics, "ORGANIZER:mailto:%s\r\n", first_attendee);
  va_start (ap, first_attendee);
  for (const char *a = first_attendee; a != NULL; a = va_arg (ap, const char *))
    g_string_append_printf (ics, "ATTENDEE;PARTSTAT=ACCEPTED:mailto:%s\r\n", a);
  va_end (ap);
  g_string_append (ics, "END:VEVENT\r\nEND:VCALENDAR\r\n");

  g_assert_true (resfri_store_import_ical (fixture->store, ics->str, ics->len, "test.ics", NULL, &error));
  g_assert_no_error (error);
}

static inline gint64
at (const char *hhmm)
{
  g_autofree char *text = g_strdup_printf ("2026-03-02T%c%c:%c%c:00Z", hhmm[0], hhmm[1], hhmm[2], hhmm[3]);
  g_autoptr(GDateTime) dt = g_date_time_new_from_iso8601 (text, NULL);

  return g_date_time_to_unix (dt);
}

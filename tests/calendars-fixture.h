/* calendars-fixture.h
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Small calendars the importer's tests and resfri-cli's import test share:
 * a weekly series and its moved instance as stored, and calendars with bad
 * events (some good, some bad, one file broken outside any event).
 */

#pragma once

#define CAL_BEGIN "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Resfri//Test//EN\r\n"
#define CAL_END "END:VCALENDAR\r\n"

#define SERIES \
  "BEGIN:VEVENT\r\nUID:s1\r\nDTSTART;TZID=Europe/Stockholm:20260322T090000\r\n" \
  "DURATION:PT1H\r\nRRULE:FREQ=WEEKLY;COUNT=3\r\nSUMMARY:Veckomöte\r\nEND:VEVENT\r\n"
#define OVERRIDE \
  "BEGIN:VEVENT\r\nUID:s1\r\nRECURRENCE-ID;TZID=Europe/Stockholm:20260329T090000\r\n" \
  "DTSTART;TZID=Europe/Stockholm:20260329T130000\r\nDURATION:PT1H\r\nEND:VEVENT\r\n"
#define SERIES_EXPECTED \
  "20260322T080000Z 20260322T080000Z 20260322T090000Z\n" \
  "20260329T070000Z 20260329T110000Z 20260329T120000Z\n" \
  "20260405T070000Z 20260405T070000Z 20260405T080000Z\n"

/* Line 12: a DTSTART libical cannot read; line 15: a VEVENT without
 * DTSTART; line 19: a line that is no property at all. */
#define MIXED_ICS \
  "BEGIN:VCALENDAR\r\n" \
  "VERSION:2.0\r\n" \
  "PRODID:-//test//EN\r\n" \
  "BEGIN:VEVENT\r\n" \
  "UID:good1@test\r\n" \
  "DTSTART:20260310T120000Z\r\n" \
  "DTEND:20260310T130000Z\r\n" \
  "SUMMARY:Good\r\n" \
  "END:VEVENT\r\n" \
  "BEGIN:VEVENT\r\n" \
  "UID:bad-date@test\r\n" \
  "DTSTART:2026031\r\n" \
  "END:VEVENT\r\n" \
  "BEGIN:VEVENT\r\n" \
  "UID:no-start@test\r\n" \
  "SUMMARY:No start\r\n" \
  "END:VEVENT\r\n" \
  "BEGIN:VEVENT\r\n" \
  "UID:bad-line@test\r\n" \
  "DTSTART:20260312T120000Z\r\n" \
  "this is no property\r\n" \
  "END:VEVENT\r\n" \
  "BEGIN:VEVENT\r\n" \
  "UID:good2@test\r\n" \
  "DTSTART:20260311T120000Z\r\n" \
  "RRULE:FREQ=DAILY;COUNT=3\r\n" \
  "SUMMARY:Good too\r\n" \
  "END:VEVENT\r\n" \
  "END:VCALENDAR\r\n"

#define ALL_BAD_ICS \
  "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n" \
  "BEGIN:VEVENT\r\nUID:x@test\r\nSUMMARY:No start\r\nEND:VEVENT\r\n" \
  "END:VCALENDAR\r\n"

/* Not an event's fault: the file ends inside its VCALENDAR. */
#define BROKEN_ICS \
  "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n" \
  "BEGIN:VEVENT\r\nUID:y@test\r\nDTSTART:20260311T120000Z\r\nEND:VEVENT\r\n"

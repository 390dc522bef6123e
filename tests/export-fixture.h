/* export-fixture.h
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The calendar test-export.c and resfri-cli's export test
 * (tests/cli/test-export.c) import and write out again.
 */

#pragma once

#define CAL_BEGIN "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Resfri//Test//EN\r\n"
#define CAL_END "END:VCALENDAR\r\n"

/* A weekly series of three over the spring DST change, its second
 * occurrence moved, a single event with an Outlook zone name, an all-day
 * event, and properties and a sub-component Resfri does not model. */
#define FIXTURE \
  CAL_BEGIN \
  "BEGIN:VEVENT\r\nUID:series\r\nDTSTART;TZID=Europe/Stockholm:20260322T090000\r\n" \
  "DTEND;TZID=Europe/Stockholm:20260322T100000\r\nRRULE:FREQ=WEEKLY;COUNT=3\r\n" \
  "SUMMARY:Veckomöte\r\nLOCATION:Stadshuset\r\nORGANIZER:mailto:anna@example.se\r\n" \
  "ATTENDEE;PARTSTAT=ACCEPTED:mailto:bo@example.se\r\n" \
  "X-MICROSOFT-SKYPETEAMSMEETINGURL:https://teams.microsoft.com/l/meetup-join/1\r\n" \
  "X-UNKNOWN;X-P=1:kept\r\n" \
  "BEGIN:X-RESFRI-TEST\r\nX-INSIDE:also kept\r\nEND:X-RESFRI-TEST\r\n" \
  "BEGIN:VALARM\r\nACTION:DISPLAY\r\nDESCRIPTION:x\r\nTRIGGER:-PT5M\r\nEND:VALARM\r\n" \
  "END:VEVENT\r\n" \
  "BEGIN:VEVENT\r\nUID:series\r\nRECURRENCE-ID;TZID=Europe/Stockholm:20260329T090000\r\n" \
  "DTSTART;TZID=Europe/Stockholm:20260329T110000\r\nDTEND;TZID=Europe/Stockholm:20260329T120000\r\n" \
  "SUMMARY:Veckomöte (flyttat)\r\nORGANIZER:mailto:anna@example.se\r\nEND:VEVENT\r\n" \
  "BEGIN:VEVENT\r\nUID:single\r\nDTSTART;TZID=W. Europe Standard Time:20261025T023000\r\n" \
  "DURATION:PT1H\r\nSUMMARY:En lång rubrik som är längre än sjuttiofem oktetter för att vikas om två gånger\r\n" \
  "END:VEVENT\r\n" \
  "BEGIN:VEVENT\r\nUID:allday\r\nDTSTART;VALUE=DATE:20260601\r\nSUMMARY:Heldag\r\nEND:VEVENT\r\n" \
  CAL_END

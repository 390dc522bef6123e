/* resfri-export.h
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Exporting stored meetings as one iCalendar stream (`resfri-cli export`).
 *
 * Each VEVENT is written from the text stored at import (so properties and
 * sub-components we do not model survive), unfolded, refolded at 75 octets
 * and with CRLF line ends, plus what Resfri knows about it:
 *
 *   rooms       ATTENDEE;CUTYPE=ROOM;ROLE=NON-PARTICIPANT;CN=name:mailto:email
 *               (urn:x-resfri:room:CODE for a room without an email)
 *   equipment   ATTENDEE;CUTYPE=RESOURCE;ROLE=NON-PARTICIPANT;CN=TAG (type):
 *               urn:x-resfri:item:TAG (the tag percent-encoded)
 *   online link CONFERENCE;VALUE=URI;FEATURE=VIDEO:url, when no CONFERENCE
 *               has it yet
 *   exemption   X-RESFRI-EXEMPTION;X-RESFRI-NOTE="note":REASON (the note's quotes
 *               and line breaks in RFC 6868 form, ^' and ^n); any
 *               X-RESFRI-EXEMPTION of the stored text is replaced by the
 *               one the database holds
 *
 * A room or an item booked for every (not cancelled) occurrence of a series
 * goes on the master; one booked for some occurrences goes on each of their
 * overrides, created from the master (RRULE, RDATE, EXDATE left out,
 * DTSTART and DTEND of the occurrence, RECURRENCE-ID) where none is stored.
 * An exemption of a whole meeting goes on the master, one of an occurrence
 * on its override. An attendee whose address the VEVENT already lists is
 * not added again.
 *
 * Every TZID the VEVENTs use gets a VTIMEZONE: the one the last imported
 * file that defined the name had (table timezones), else libical's built-in
 * definition of the zone resfri_ical_resolve_tzid() finds for the name
 * (Olson names, Windows names), written under the name the events use and
 * trimmed to the years from a year before the first stored occurrence on
 * (with the rule in force written open-ended, as other software reads it
 * best). A name no zone is known for gets the home zone's definition,
 * which is where the importer places such times.
 *
 * Known limit: two imported files that define the same TZID differently
 * share the later definition.
 */

#pragma once

#include "resfri-store.h"

G_BEGIN_DECLS

/* The calendar address of an exported equipment item: this prefix and the
 * asset tag (percent-encoded). */
#define RESFRI_EXPORT_ITEM_URN_PREFIX "urn:x-resfri:item:"
/* The address of a booked room that has no email: this prefix and its id. */
#define RESFRI_EXPORT_ROOM_URN_PREFIX "urn:x-resfri:room:"

typedef struct
{
  gint64 meetings;   /* stored meetings written */
  gint64 created;    /* overrides created for a booking or exemption of one occurrence */
  gint64 zones;      /* VTIMEZONEs written */
} ResfriExportStats;

/* A VCALENDAR (METHOD:PUBLISH) with every stored meeting of each UID that
 * has an occurrence intersecting [@from, @to) (a zero-length one when
 * from <= start < to); G_MININT64 and G_MAXINT64 leave a side open, and
 * with both open every stored meeting is written. Returns the text
 * (@length set when not NULL) or NULL with RESFRI_ERROR_DATABASE. */
char *resfri_store_export_ical (ResfriStore        *self,
                                gint64              from,
                                gint64              to,
                                gsize              *length,
                                ResfriExportStats  *stats,
                                GError            **error);

/* One stored meeting (@uid: its master and overrides, bookings and
 * exemptions) as a calendar with METHOD:@method ("PUBLISH", or "REQUEST"
 * for an invitation), written as resfri_store_export_ical() writes it, with
 * the VTIMEZONEs it uses. RESFRI_ERROR_NOT_FOUND when no meeting has @uid. */
char *resfri_store_export_meeting_ical (ResfriStore        *self,
                                        const char         *uid,
                                        const char         *method,
                                        gsize              *length,
                                        ResfriExportStats  *stats,
                                        GError            **error);

G_END_DECLS

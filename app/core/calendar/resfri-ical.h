/* resfri-ical.h
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * iCalendar helpers shared by the importer, `resfri-cli expand` and the
 * demo: reading a stream with line numbers, resolving zones, formatting
 * times the way spec/cli.md prints them and finding a meeting's online link.
 */

#pragma once

#include <glib.h>
#include <libical/ical.h>

G_BEGIN_DECLS

G_DEFINE_AUTOPTR_CLEANUP_FUNC (icalcomponent, icalcomponent_free)

/* The zone of the municipality: floating times and all-day dates are placed
 * in it for the start/end columns, and `YYYY-MM-DD` arguments mean its
 * midnight. */
#define RESFRI_ICAL_HOME_ZONE "Europe/Stockholm"

typedef struct _ResfriIcalDocument ResfriIcalDocument;

/* A parsed iCalendar stream: every top-level component (usually one
 * VCALENDAR) and the line where each component began. */
ResfriIcalDocument *resfri_ical_document_parse      (const char          *data,
                                                     gssize               length,
                                                     const char          *filename,
                                                     GError             **error);
/* Like resfri_ical_document_parse() for a part of a file that begins on
 * its line @first_line (1 for the first): lines are numbered as in the
 * file. @data is borrowed: it must outlive the document. */
ResfriIcalDocument *resfri_ical_document_parse_part (const char          *data,
                                                     gsize                length,
                                                     const char          *filename,
                                                     guint                first_line,
                                                     GError             **error);
void                resfri_ical_document_free       (ResfriIcalDocument  *self);
/* (transfer none) the top-level components, in file order */
GPtrArray          *resfri_ical_document_get_roots  (ResfriIcalDocument  *self);
/* The line of @comp's BEGIN, 0 when unknown. */
guint               resfri_ical_document_get_line   (ResfriIcalDocument  *self,
                                                     icalcomponent       *comp);
const char         *resfri_ical_document_get_filename (ResfriIcalDocument *self);
/* The text of @comp as the file had it, from its BEGIN line to its END line
 * (line breaks as they were); NULL when unknown. */
char               *resfri_ical_document_dup_text   (ResfriIcalDocument  *self,
                                                     icalcomponent       *comp);
/* The same text without a copy: @length bytes (not NUL-terminated) inside
 * the document's data; NULL when unknown. */
const char         *resfri_ical_document_peek_text  (ResfriIcalDocument  *self,
                                                     icalcomponent       *comp,
                                                     gsize               *length);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ResfriIcalDocument, resfri_ical_document_free)

/* Also calls icalerror_set_errors_are_fatal (0) once. */
icaltimezone       *resfri_ical_get_home_zone       (void);

/* Resolves a TZID: a VTIMEZONE of the VCALENDAR enclosing @comp first,
 * then libical's built-in zone for an Olson name (also behind a prefix such
 * as "/mozilla.org/20050126_1/"), then the Windows names Outlook writes
 * ("W. Europe Standard Time"). NULL when unknown. */
icaltimezone       *resfri_ical_resolve_tzid        (icalcomponent       *comp,
                                                     const char          *tzid);
/* The Olson name for a Windows zone name (CLDR windowsZones, territory
 * 001), or NULL. */
const char         *resfri_ical_windows_zone_to_olson (const char        *windows_name);

/* The value of a date or date-time property with its zone resolved:
 * .zone is the resolved zone, UTC for "Z" times, NULL for floating times and
 * dates. An unknown TZID is placed in the home zone. */
struct icaltimetype resfri_ical_property_get_time   (icalproperty        *prop,
                                                     icalcomponent       *comp);

/* UTC unix seconds of @t: zoned and UTC times as they are, floating times
 * and dates (midnight) in the home zone. */
gint64              resfri_ical_time_to_unix        (struct icaltimetype  t);

/* Writes @t as spec/cli.md prints it into @buf (at least 17 bytes):
 * YYYYMMDD for a date, YYYYMMDDTHHMMSS for a floating time, otherwise the
 * UTC instant YYYYMMDDTHHMMSSZ. */
void                resfri_ical_format_time         (struct icaltimetype  t,
                                                     char                *buf);
/* The UTC form of a unix time, YYYYMMDDTHHMMSSZ. */
void                resfri_ical_format_unix_utc     (gint64               t,
                                                     char                *buf);

/* A date argument of spec/cli.md: `YYYY-MM-DD` (midnight in the home
 * zone) or an RFC 3339 instant with its offset. RESFRI_ERROR_INVALID_INPUT
 * when neither. */
gboolean            resfri_ical_parse_date_arg      (const char          *text,
                                                     gint64              *unix_time,
                                                     GError             **error);

/* The meeting's online link (spec/policy.md "Online link"), or NULL.
 * @extra_hosts: NULL-terminated hosts added in the settings; each also
 * matches its subdomains. */
char               *resfri_ical_dup_online_url      (icalcomponent       *vevent,
                                                     const char * const  *extra_hosts);
/* Whether @host (lower case) is a known meeting service. */
gboolean            resfri_ical_line_is             (const char          *line,
                                                     const char          *keyword);
gboolean            resfri_ical_is_meeting_host     (const char          *host,
                                                     const char * const  *extra_hosts);

G_END_DECLS

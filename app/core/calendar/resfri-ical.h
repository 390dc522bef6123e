/* resfri-ical.h
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Reading an iCalendar document, shared by the importer, `resfri-cli
 * expand`, export and the meeting editor: libical's components with the
 * line and the original text of each, and errors as "FILE:LINE: what".
 * Zones and times are resfri-timezone.h; a meeting's online link is
 * resfri-online-link.h.
 */

#pragma once

#include <glib.h>
#include <libical/ical.h>

G_BEGIN_DECLS

G_DEFINE_AUTOPTR_CLEANUP_FUNC (icalcomponent, icalcomponent_free)

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
typedef enum
{
  RESFRI_ICAL_PARSE_NONE            = 0,
  /* An error inside a VEVENT does not refuse the document: the VEVENT is
   * kept with its first error (resfri_ical_document_get_event_error()).
   * Errors elsewhere still refuse it. */
  RESFRI_ICAL_PARSE_KEEP_BAD_EVENTS = 1 << 0,
  /* @data is borrowed, as resfri_ical_document_parse_part() borrows it. */
  RESFRI_ICAL_PARSE_BORROW          = 1 << 1,
} ResfriIcalParseFlags;

/* resfri_ical_document_parse() or _parse_part() with @flags. */
ResfriIcalDocument *resfri_ical_document_parse_full (const char          *data,
                                                     gssize               length,
                                                     const char          *filename,
                                                     guint                first_line,
                                                     ResfriIcalParseFlags flags,
                                                     GError             **error);
/* With RESFRI_ICAL_PARSE_KEEP_BAD_EVENTS: the first error inside @vevent
 * (one line, without FILE:LINE) and its @line, or NULL when it has none. */
const char         *resfri_ical_document_get_event_error (ResfriIcalDocument *self,
                                                          icalcomponent      *vevent,
                                                          guint              *line);
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
/* Where that text lies in the data the document was parsed from: its byte
 * offset in @start; FALSE when unknown. */
gboolean            resfri_ical_document_get_span   (ResfriIcalDocument  *self,
                                                     icalcomponent       *comp,
                                                     gsize               *start,
                                                     gsize               *length);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ResfriIcalDocument, resfri_ical_document_free)

/* The UID given to a VEVENT that has none, derived from its content so
 * that importing the same file again gives the same UID:
 * "resfri-derived-" and 32 hex digits of the SHA-256 of its DTSTART,
 * SUMMARY and ORGANIZER values and of its text (@text, @length bytes, or
 * libical's rendering when NULL) unfolded, without line-end differences,
 * trailing white space, and the properties that change with every export
 * (DTSTAMP, LAST-MODIFIED, CREATED, SEQUENCE). */
char               *resfri_ical_dup_derived_uid     (icalcomponent       *vevent,
                                                     const char          *text,
                                                     gsize                length);

/* Two VEVENTs of one file with the same UID, neither with a RECURRENCE-ID
 * (RFC 5545 allows one such "master" per UID): what the later one is. By
 * RFC 5546's rules for revisions, a higher SEQUENCE, or the same SEQUENCE
 * and a later DTSTAMP, is a newer revision that replaces the earlier one
 * (NEWER), the reverse an older one that is ignored (OLDER); the same
 * text is the same event (SAME); the same SEQUENCE and DTSTAMP with other
 * content is another event that reuses the UID (OTHER): both are kept, the
 * later one under its derived UID (resfri_ical_dup_derived_uid()). */
typedef enum
{
  RESFRI_ICAL_COPY_NEWER,
  RESFRI_ICAL_COPY_OLDER,
  RESFRI_ICAL_COPY_SAME,
  RESFRI_ICAL_COPY_OTHER,
} ResfriIcalCopyVerdict;

/* What is compared of a copy: its text is borrowed (the imported data,
 * which outlives the comparisons) and only read when two copies meet. */
typedef struct
{
  int          sequence;
  gint64       dtstamp;   /* unix seconds, 0 for none */
  const char  *text;      /* NULL when unknown: never the SAME */
  gsize        length;
} ResfriIcalCopy;

void                  resfri_ical_copy_init    (ResfriIcalCopy       *copy,
                                                icalcomponent        *vevent,
                                                const char           *text,
                                                gsize                 length);
void                  resfri_ical_copy_clear   (ResfriIcalCopy       *copy);
ResfriIcalCopyVerdict resfri_ical_copy_compare (const ResfriIcalCopy *first,
                                                const ResfriIcalCopy *later);

/* Whether the unfolded @line opens ("BEGIN") or closes ("END") a
 * component as libical reads it. */
gboolean            resfri_ical_line_is             (const char          *line,
                                                     const char          *keyword);

G_END_DECLS

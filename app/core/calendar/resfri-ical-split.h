/* resfri-ical-split.h
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The fast split of a large iCalendar file for the importer's streaming
 * path: the VEVENTs directly inside top-level VCALENDARs, found by their
 * BEGIN and END lines without parsing, and the rest of the file (the
 * VCALENDARs with their VTIMEZONEs and properties) as a skeleton; and
 * the reader that parses those VEVENTs one by one, on a thread of its own
 * for a large file.
 */

#pragma once

#include <glib.h>

#include "resfri-ical.h"

G_BEGIN_DECLS

typedef struct
{
  gsize start;      /* byte offsets of the BEGIN:VEVENT line and after END:VEVENT */
  gsize end;
  guint line;       /* of the BEGIN:VEVENT */
  guint calendar;   /* index of its VCALENDAR */
} ResfriIcalPart;

/* Appends the VEVENTs directly inside the top-level VCALENDARs of @data to
 * @parts (ResfriIcalPart, in file order) and copies the rest to @skeleton.
 * FALSE when the file is not that simple (a NUL, text outside the
 * calendars, a folded BEGIN or END, a parameter on one, nesting deeper
 * than 32, unbalanced components): the caller then parses it whole. The
 * lines are counted as resfri_ical_document_parse() counts them. */
gboolean resfri_ical_split_calendars (const char *data,
                                      gsize       length,
                                      GArray     *parts,
                                      GString    *skeleton,
                                      guint      *n_calendars);

/* The parts' VEVENTs parsed in file order (resfri_ical_document_parse_full()
 * of each with its line), each document the caller's. With @threaded, a
 * second thread parses up to a few hundred parts ahead while the caller
 * stores the ones it has: the import's parsing and writing on both cores.
 * @data, @parts and @filename must outlive the reader. */
typedef struct _ResfriIcalPartReader ResfriIcalPartReader;

ResfriIcalPartReader *resfri_ical_part_reader_new  (const char            *data,
                                                    GArray                *parts,
                                                    const char            *filename,
                                                    ResfriIcalParseFlags   flags,
                                                    gboolean               threaded);
/* Called on the reader's thread for each part it parsed: what the caller
 * will want of it, worked out ahead (handed over with the part by
 * resfri_ical_part_reader_next_prepared(); freed with @prepared_free).
 * Without a thread it is not called (the caller works it out itself). */
typedef gpointer (*ResfriIcalPartPrepare) (ResfriIcalDocument *doc,
                                           gpointer            user_data);
ResfriIcalPartReader *resfri_ical_part_reader_new_full (const char            *data,
                                                        GArray                *parts,
                                                        const char            *filename,
                                                        ResfriIcalParseFlags   flags,
                                                        gboolean               threaded,
                                                        ResfriIcalPartPrepare  prepare,
                                                        GDestroyNotify         prepared_free,
                                                        gpointer               prepare_data);
/* The next part's document, or NULL with @error (that part's parse error). */
ResfriIcalDocument   *resfri_ical_part_reader_next (ResfriIcalPartReader  *reader,
                                                    GError               **error);
/* The same, and in @prepared what the prepare function made of it (NULL
 * without a thread, or for an error). */
ResfriIcalDocument   *resfri_ical_part_reader_next_prepared (ResfriIcalPartReader  *reader,
                                                             gpointer              *prepared,
                                                             GError               **error);
/* Frees @doc, a document of resfri_ical_part_reader_next(), on the
 * reader's thread when it has one; with @prepared, what was made of it. */
void                  resfri_ical_part_reader_recycle (ResfriIcalPartReader *reader,
                                                       ResfriIcalDocument   *doc);
void                  resfri_ical_part_reader_recycle_prepared (ResfriIcalPartReader *reader,
                                                                ResfriIcalDocument   *doc,
                                                                gpointer              prepared);
/* Stops (and waits for) the reader's thread and frees what it parsed
 * ahead; the CPU seconds its thread spent, 0 without one. */
double                resfri_ical_part_reader_free (ResfriIcalPartReader  *reader);

G_END_DECLS

/* resfri-ical-split.h
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The fast split of a large iCalendar file for the importer's streaming
 * path: the VEVENTs directly inside top-level VCALENDARs, found by their
 * BEGIN and END lines without parsing, and the rest of the file (the
 * VCALENDARs with their VTIMEZONEs and properties) as a skeleton.
 */

#pragma once

#include <glib.h>

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

G_END_DECLS

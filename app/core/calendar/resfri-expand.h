/* resfri-expand.h
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The one recurrence engine: the importer (resfri_store_put_vevent) and
 * `resfri-cli expand` both turn VEVENTs into occurrences here.
 */

#pragma once

#include <glib.h>
#include <libical/ical.h>

#include "resfri-ical.h"

G_BEGIN_DECLS

/* An infinite series is expanded up to this many months after the later of
 * its DTSTART and now (importer); `expand` stops at --to instead. */
#define RESFRI_EXPAND_HORIZON_MONTHS 24

/* At most this many occurrences are kept per series, and at most this many
 * instances of a rule are looked at, so that FREQ=SECONDLY cannot explode.
 * A series cut short by either is truncated, not rejected. */
#define RESFRI_EXPAND_MAX_OCCURRENCES 10000
#define RESFRI_EXPAND_MAX_ITERATIONS  1000000

typedef struct
{
  const char *uid;              /* borrowed from the component */
  gint64      start;            /* UTC unix seconds; floating and dates in the home zone */
  gint64      end;              /* >= start */
  char        recurrence_id[20];/* "" for a single event, else the spec/cli.md form */
  char        start_text[20];   /* spec/cli.md form (only with RESFRI_EXPAND_TEXT) */
  char        end_text[20];
  guint8      all_day;
  guint8      floating;
  guint8      cancelled;        /* STATUS:CANCELLED */
} ResfriOccurrence;

typedef enum
{
  RESFRI_EXPAND_NONE = 0,
  RESFRI_EXPAND_TEXT = 1 << 0,  /* fill start_text and end_text */
} ResfriExpandFlags;

/* The end of the importer's horizon for @vevent (unix seconds). */
gint64   resfri_expand_get_horizon        (icalcomponent       *vevent,
                                           gint64               now);

/* The RECURRENCE-ID of an override in the spec/cli.md form, "" when @vevent
 * has none. @buf holds at least 20 bytes. */
void     resfri_expand_get_recurrence_id  (icalcomponent       *vevent,
                                           char                *buf);

/* Appends the occurrences of one VEVENT to @occurrences (of
 * ResfriOccurrence), sorted by start: a single event or an override gives
 * one; a master with RRULE/RDATE gives its instances (EXDATE removed)
 * starting before @until. Errors (RESFRI_ERROR_INVALID_ICAL) have no
 * FILE:LINE prefix. */
gboolean resfri_expand_vevent             (icalcomponent       *vevent,
                                           gint64               until,
                                           ResfriExpandFlags    flags,
                                           GArray              *occurrences,
                                           GError             **error);

/* Like resfri_expand_vevent() for a master, leaving out the instances
 * that end before @from (G_MININT64: none), with the overrides of its
 * series that have RECURRENCE-ID;RANGE=THISANDFUTURE (@futures, of
 * icalcomponent, may be NULL): each moves the instances from its own on by
 * its wall-clock shift and gives them its length and status. */
gboolean resfri_expand_vevent_full        (icalcomponent       *vevent,
                                           gint64               from,
                                           gint64               until,
                                           ResfriExpandFlags    flags,
                                           GPtrArray           *futures,
                                           GArray              *occurrences,
                                           GError             **error);

/* An override whose RECURRENCE-ID names no instance of @master as it is,
 * but exactly one by its date (a DATE against DATE-TIMEs, or the reverse)
 * or by its wall-clock time in the master's zone (a RECURRENCE-ID written
 * floating, in UTC or in another zone): TRUE, with that instance's
 * recurrence id in @rid (20 bytes). FALSE when it names one as it is, or
 * none, or several. */
gboolean resfri_expand_match_override     (icalcomponent       *master,
                                           icalcomponent       *override,
                                           char                *rid);
/* Whether two date or date-time properties (DTSTART, RECURRENCE-ID) are
 * written alike: both dates, both UTC, both floating, or the same TZID. */
gboolean resfri_expand_same_form          (icalproperty        *a,
                                           icalproperty        *b);
/* Writes @rid (the spec/cli.md form) as @override's RECURRENCE-ID, keeping
 * its RANGE. */
void     resfri_expand_set_recurrence_id  (icalcomponent       *override,
                                           const char          *rid);

/* Whether @vevent has RECURRENCE-ID;RANGE=THISANDFUTURE. */
gboolean resfri_expand_is_this_and_future (icalcomponent       *vevent);

/* Every occurrence of every VEVENT in @doc whose interval intersects
 * [@from, @to) (a zero-length one when from <= start < to): overrides
 * replace their instance of the master, the highest SEQUENCE wins among
 * copies, cancelled ones are left out. Sorted by start, then UID, then
 * RECURRENCE-ID. Text forms are filled. Errors carry FILE:LINE. */
GArray  *resfri_expand_document           (ResfriIcalDocument  *doc,
                                           gint64               from,
                                           gint64               to,
                                           GError             **error);

/* For tests: FALSE sends every rule through libical's iterator. */
void     _resfri_expand_set_fast_rules    (gboolean             enabled);

G_END_DECLS

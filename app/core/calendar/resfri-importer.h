/* resfri-importer.h
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The importer: an iCalendar file or stream read and stored in one
 * transaction (resfri-importer.c; large files split first by
 * resfri-ical-split.c), and the meetings (VEVENTs) it stores with their
 * occurrences (resfri-importer-store.c).
 *
 * Occurrences: a master (recurrence_id '') is expanded with
 * resfri_expand_vevent() up to RESFRI_EXPAND_HORIZON_MONTHS after the later
 * of its DTSTART and now, at most RESFRI_EXPAND_MAX_OCCURRENCES per series.
 * An override (RECURRENCE-ID) replaces the master's instance with the same
 * recurrence id, whichever of the two is stored first.
 *
 * Cancelled: a STATUS:CANCELLED event or override keeps its occurrence rows
 * with cancelled = 1 (so that a cancelled instance of a series is not
 * brought back by the master); a cancelled master marks every occurrence of
 * its UID cancelled. Whoever counts occurrences (policy check, reports,
 * allocation) must filter on `cancelled = 0`.
 */

#pragma once

#include <gio/gio.h>
#include <libical/ical.h>

#include "resfri-store.h"

G_BEGIN_DECLS

typedef struct
{
  gint64 meetings;      /* VEVENTs stored (new or replacing) */
  gint64 occurrences;   /* occurrence rows written */
  gint64 cancelled;     /* of which cancelled */
  gint64 skipped;       /* VEVENTs not stored: a stored copy has a higher SEQUENCE */
} ResfriMeetingStats;

/* Stores one VEVENT (a single event, the master of a series, or an override
 * with RECURRENCE-ID) the way imported ones are: its original text, the
 * parsed columns, its attendees, and its occurrences. The caller holds the
 * transaction (_resfri_store_begin). A VEVENT with the same UID +
 * RECURRENCE-ID as a stored one replaces it unless its SEQUENCE is lower
 * (then it is skipped). @source names where it came from ("demo", a file).
 * Errors: RESFRI_ERROR_INVALID_ICAL (no UID, no DTSTART, a bad RRULE),
 * RESFRI_ERROR_DATABASE. */
gboolean resfri_store_put_vevent (ResfriStore        *self,
                                  icalcomponent      *vevent,
                                  const char         *source,
                                  ResfriMeetingStats *stats,
                                  GError            **error);

/* Like resfri_store_put_vevent() with the time taken as "now" for the
 * horizon of infinite series (unix seconds); for tests and the demo. */
gboolean resfri_store_put_vevent_at (ResfriStore        *self,
                                     icalcomponent      *vevent,
                                     const char         *source,
                                     gint64              now,
                                     ResfriMeetingStats *stats,
                                     GError            **error);

/* Series without an end are stored up to a horizon (RESFRI_EXPAND_HORIZON_MONTHS
 * after "now" at import). This moves that horizon with time: when @now is a
 * month or more past the last extension, every open-ended series is expanded
 * again up to @now's horizon, in one transaction. Cheap when nothing is due
 * (one lookup). @n_series (optional) gets how many series were expanded. */
gboolean resfri_store_extend_horizon (ResfriStore  *self,
                                      gint64        now,
                                      guint        *n_series,
                                      GError      **error);

/* Imports an iCalendar stream in one transaction: every VEVENT as
 * resfri_store_put_vevent() stores it. In a METHOD:CANCEL calendar a VEVENT
 * cancels what it names: with RECURRENCE-ID that occurrence (kept as a
 * cancelled override), without it the whole stored meeting (unless the
 * stored SEQUENCE is higher). A VEVENT without a UID is stored under its
 * derived one (resfri_ical_dup_derived_uid()); a second master of a UID in
 * the file is a revision or another event (resfri_ical_copy_compare()); an
 * override that names its instance another way than its master's DTSTART,
 * after that master in the file, takes that instance's RECURRENCE-ID
 * (resfri_expand_match_override()). Errors are "FILE:LINE: what"
 * (RESFRI_ERROR_INVALID_ICAL) and leave the database as it was. */
gboolean resfri_store_import_ical (ResfriStore        *self,
                                   const char         *data,
                                   gssize              length,
                                   const char         *filename,
                                   ResfriMeetingStats *stats,
                                   GError            **error);

typedef enum
{
  RESFRI_IMPORT_NONE         = 0,
  /* A bad event (one libical cannot read, or that cannot be stored: no
   * DTSTART, an RRULE that cannot be expanded…) is left out and listed
   * instead of refusing the file; errors outside events (a broken
   * VCALENDAR, a missing END line, bytes that are not UTF-8) still refuse
   * it. */
  RESFRI_IMPORT_SKIP_INVALID = 1 << 0,
  /* Everything is done but the commit: the transaction is rolled back, so
   * that the stats and the events left out say what an import would do
   * (the app asks whether to leave out a file's bad events). */
  RESFRI_IMPORT_DRY_RUN      = 1 << 1,
} ResfriImportFlags;

/* An event left out by RESFRI_IMPORT_SKIP_INVALID: the line of the error
 * (or of its BEGIN:VEVENT) and what was wrong, one line without FILE:LINE. */
typedef struct
{
  guint  line;
  char  *message;
} ResfriImportSkip;

void     resfri_import_skip_free       (ResfriImportSkip    *skip);

/* The share of an import done, 0 .. 1. */
typedef void (*ResfriImportProgressFunc) (double   fraction,
                                          gpointer user_data);

/* resfri_store_import_ical() with @flags; each event left out is appended
 * to @skipped (optional, of ResfriImportSkip, the caller's, with
 * resfri_import_skip_free() as its free function). With @error set nothing
 * was stored and @skipped is as it was. */
gboolean resfri_store_import_ical_full (ResfriStore        *self,
                                        const char         *data,
                                        gssize              length,
                                        const char         *filename,
                                        ResfriImportFlags   flags,
                                        ResfriMeetingStats *stats,
                                        GPtrArray          *skipped,
                                        GError            **error);

/* resfri_store_import_ical_full() that looks at @cancellable every few
 * events (cancelled: nothing is stored, G_IO_ERROR_CANCELLED) and calls
 * @progress (nullable) on this thread now and then. */
gboolean resfri_store_import_ical_cancellable (ResfriStore              *self,
                                               const char               *data,
                                               gssize                    length,
                                               const char               *filename,
                                               ResfriImportFlags         flags,
                                               ResfriMeetingStats       *stats,
                                               GPtrArray                *skipped,
                                               GCancellable             *cancellable,
                                               ResfriImportProgressFunc  progress,
                                               gpointer                  progress_data,
                                               GError                  **error);

/* Imports @file as resfri_store_import_ical() imports its text: all of it
 * or, with @error set ("NAME:LINE: what" for a malformed file, NAME being
 * its display name), nothing. A file over the input limit (resfri-input.h)
 * is refused unread. For the desktop application: the file chooser, drag
 * and drop, and files given on its command line. */
gboolean resfri_store_import_ical_file        (ResfriStore          *self,
                                               GFile                *file,
                                               ResfriMeetingStats   *stats,
                                               GCancellable         *cancellable,
                                               GError              **error);
void     resfri_store_import_ical_file_async  (ResfriStore          *self,
                                               GFile                *file,
                                               GCancellable         *cancellable,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data);
gboolean resfri_store_import_ical_file_finish (ResfriStore          *self,
                                               GAsyncResult         *result,
                                               ResfriMeetingStats   *stats,
                                               GError             **error);

/* The same with @flags and the events left out (resfri_store_import_ical_full());
 * _finish gives @skipped (transfer full, of ResfriImportSkip) when it
 * returns TRUE. */
gboolean resfri_store_import_ical_file_full        (ResfriStore          *self,
                                                    GFile                *file,
                                                    ResfriImportFlags     flags,
                                                    ResfriMeetingStats   *stats,
                                                    GPtrArray            *skipped,
                                                    GCancellable         *cancellable,
                                                    GError              **error);
void     resfri_store_import_ical_file_full_async  (ResfriStore          *self,
                                                    GFile                *file,
                                                    ResfriImportFlags     flags,
                                                    GCancellable         *cancellable,
                                                    GAsyncReadyCallback   callback,
                                                    gpointer              user_data);
gboolean resfri_store_import_ical_file_full_finish (ResfriStore          *self,
                                                    GAsyncResult         *result,
                                                    ResfriMeetingStats   *stats,
                                                    GPtrArray           **skipped,
                                                    GError              **error);

/* resfri_store_import_ical_file_full_async() with @progress called in the
 * caller's thread-default main context (at most once per percent, never
 * after the callback); finished by resfri_store_import_ical_file_full_finish(). */
void     resfri_store_import_ical_file_progress_async (ResfriStore              *self,
                                                       GFile                    *file,
                                                       ResfriImportFlags         flags,
                                                       ResfriImportProgressFunc  progress,
                                                       gpointer                  progress_data,
                                                       GCancellable             *cancellable,
                                                       GAsyncReadyCallback       callback,
                                                       gpointer                  user_data);

/* For resfri-meeting-edit.c: replaces (or with @text NULL removes) one
 * stored VEVENT whatever its SEQUENCE, in the caller's transaction. */
gboolean _resfri_store_replace_vevent (ResfriStore  *self,
                                       const char   *uid,
                                       const char   *recurrence_id,
                                       const char   *text,
                                       GError      **error);

/* For tests and the benchmark: FALSE sends every import through the
 * whole-document path (no streaming of VEVENTs). */
void     _resfri_importer_set_streaming (gboolean enabled);
/* For tests and the benchmark: a large file's VEVENTs parsed on a thread of
 * their own (TRUE) or on the importing thread (FALSE), rather than on their
 * own thread only when the load average leaves a core idle. */
void     _resfri_importer_set_threads   (gboolean enabled);

/* For the benchmark: where an import's time went, in CPU seconds of the
 * thread that did it, counted from _resfri_importer_set_timing (TRUE) on:
 * parsing the VEVENTs (on the reader's thread for a large file), storing
 * them, building the indexes a bulk import set aside, and the rest
 * (following bookings, committing). */
typedef struct
{
  double parse;
  double store;
  double indexes;
  double finish;
  gboolean threaded;   /* the last import parsed on a thread of its own */
} ResfriImportTiming;

void     _resfri_importer_set_timing    (gboolean            enabled);
void     _resfri_importer_get_timing    (ResfriImportTiming *timing);

G_END_DECLS

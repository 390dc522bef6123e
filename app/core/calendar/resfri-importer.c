/* resfri-importer.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The importer's reading side: an iCalendar stream or file checked, parsed
 * (whole, or split into its VEVENTs when it is large and simple) and stored
 * in one transaction, with errors that name the file and line; the GFile
 * import and its _async/_finish pair for the desktop application. What
 * storing a VEVENT writes is resfri-importer-store.c.
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <glib/gi18n-lib.h>

#include "resfri-audit-private.h"
#include "resfri-booking-follow.h"
#include "resfri-error.h"
#include "resfri-expand.h"
#include "resfri-ical-split.h"
#include "resfri-ical.h"
#include "resfri-importer-private.h"
#include "resfri-input.h"
#include "resfri-store-private.h"

/* One import: where it goes, how it treats a bad event, what it did. */
typedef struct
{
  ResfriStore         *store;
  ResfriImportFlags    flags;
  ResfriMeetingStats   stats;
  GPtrArray           *skipped;   /* ResfriImportSkip, or NULL */
  GHashTable          *masters;   /* UID -> ResfriIcalCopy: the file's masters */
  GHashTable          *series;    /* UID -> MasterText: its recurring masters */
  GCancellable        *cancellable;
  ResfriImportProgressFunc progress;
  gpointer             progress_data;
  const char          *data;      /* the text, checked by _resfri_importer_check_text() */
  gsize                length;    /* of the data, for the share done */
  guint                n_lines;   /* of the data, for the whole-document path */
  guint                n_events;  /* VEVENTs seen, to check @cancellable now and then */
  ResfriImporterFresh *fresh;     /* a streaming import into a store without meetings, or NULL */
} ImportRun;

/* How many VEVENTs between two looks at the cancellable and the progress. */
#define CHECK_EVERY 64

/* From how many VEVENTs a file's are parsed on a second thread. */
#define THREAD_MIN_EVENTS 256

/* Now and then: cancelled (the caller rolls back), and the share done. */
static gboolean
check_cancelled (ImportRun  *run,
                 double      fraction,
                 GError    **error)
{
  if (run->n_events++ % CHECK_EVERY != 0)
    return TRUE;
  if (g_cancellable_set_error_if_cancelled (run->cancellable, error))
    return FALSE;
  if (run->progress != NULL)
    run->progress (CLAMP (fraction, 0.0, 1.0), run->progress_data);
  return TRUE;
}

/* A recurring master of the file, for its overrides: its text (in the
 * imported data, which outlives the import) and its DTSTART. */
typedef struct
{
  const char   *text;
  gsize         length;
  icalproperty *dtstart;
} MasterText;

static void
master_text_free (gpointer data)
{
  MasterText *m = data;

  icalproperty_free (m->dtstart);
  g_free (m);
}

static void
remember_master (ImportRun     *run,
                 icalcomponent *vevent,
                 const char    *text,
                 gsize          length)
{
  icalproperty *dtstart = icalcomponent_get_first_property (vevent, ICAL_DTSTART_PROPERTY);
  MasterText *m;

  if (text == NULL || dtstart == NULL ||
      (icalcomponent_get_first_property (vevent, ICAL_RRULE_PROPERTY) == NULL &&
       icalcomponent_get_first_property (vevent, ICAL_RDATE_PROPERTY) == NULL))
    return;

  m = g_new0 (MasterText, 1);
  m->text = text;
  m->length = length;
  m->dtstart = icalproperty_new_clone (dtstart);
  g_hash_table_insert (run->series, g_strdup (icalcomponent_get_uid (vevent)), m);
}

/* An override of a master earlier in the file that names its instance
 * another way (resfri_expand_match_override()) gets that instance's
 * RECURRENCE-ID; TRUE when it was changed. */
static gboolean
match_override (ImportRun           *run,
                ResfriIcalDocument  *doc,
                icalcomponent       *override)
{
  MasterText *m = g_hash_table_lookup (run->series, icalcomponent_get_uid (override));
  icalproperty *rid = icalcomponent_get_first_property (override, ICAL_RECURRENCEID_PROPERTY);
  icalcomponent *calendar = icalcomponent_get_parent (override);
  g_autoptr(ResfriIcalDocument) master_doc = NULL;
  icalcomponent *master;
  gboolean matched;
  char key[20];

  if (m == NULL || rid == NULL || resfri_expand_same_form (m->dtstart, rid))
    return FALSE;

  master_doc = resfri_ical_document_parse_full (m->text, m->length, resfri_ical_document_get_filename (doc),
                                                1, RESFRI_ICAL_PARSE_BORROW, NULL);
  if (master_doc == NULL || resfri_ical_document_get_roots (master_doc)->len != 1)
    return FALSE;
  master = g_ptr_array_index (resfri_ical_document_get_roots (master_doc), 0);
  if (icalcomponent_isa (master) != ICAL_VEVENT_COMPONENT)
    return FALSE;

  /* In the override's VCALENDAR, for its VTIMEZONEs. */
  if (calendar != NULL)
    icalcomponent_add_component (calendar, master);
  matched = resfri_expand_match_override (master, override, key);
  if (calendar != NULL)
    icalcomponent_remove_component (calendar, master);

  if (matched)
    resfri_expand_set_recurrence_id (override, key);
  return matched;
}

static void
copy_free (gpointer data)
{
  resfri_ical_copy_clear (data);
  g_free (data);
}

/* A master whose UID an earlier master of this file had: TRUE to store it
 * (under a derived UID when it is another event, with @original cleared
 * then), FALSE when it is an older revision (counted as skipped). */
static gboolean
check_second_master (ImportRun           *run,
                     icalcomponent       *vevent,
                     const char         **original,
                     gsize               *length,
                     ResfriMeetingStats  *stats)
{
  const char *uid = icalcomponent_get_uid (vevent);
  ResfriIcalCopy *first = g_hash_table_lookup (run->masters, uid);
  g_autofree ResfriIcalCopy *copy = g_new0 (ResfriIcalCopy, 1);

  resfri_ical_copy_init (copy, vevent, *original, *length);
  if (first == NULL)
    {
      g_hash_table_insert (run->masters, g_strdup (uid), g_steal_pointer (&copy));
      return TRUE;
    }

  switch (resfri_ical_copy_compare (first, copy))
    {
    case RESFRI_ICAL_COPY_NEWER:
    case RESFRI_ICAL_COPY_SAME:
      g_hash_table_insert (run->masters, g_strdup (uid), g_steal_pointer (&copy));
      return TRUE;

    case RESFRI_ICAL_COPY_OLDER:
      resfri_ical_copy_clear (copy);
      stats->skipped++;
      return FALSE;

    case RESFRI_ICAL_COPY_OTHER:
    default:
      {
        g_autofree char *derived = resfri_ical_dup_derived_uid (vevent, *original, *length);

        /* libical's rendering is stored: it holds the new UID. */
        icalcomponent_set_uid (vevent, derived);
        resfri_ical_copy_clear (copy);
        *original = NULL;
        *length = 0;
        return TRUE;
      }
    }
}

void
resfri_import_skip_free (ResfriImportSkip *skip)
{
  if (skip == NULL)
    return;

  g_free (skip->message);
  g_free (skip);
}

static void
add_skip (ImportRun  *run,
          guint       line,
          const char *message)
{
  ResfriImportSkip *skip = g_new0 (ResfriImportSkip, 1);

  skip->line = MAX (line, 1);
  skip->message = g_strdup (message);
  /* One line, whatever the message quotes. */
  for (char *p = skip->message; *p != '\0'; p++)
    if ((guchar) *p < 0x20)
      *p = ' ';
  if (run->skipped != NULL)
    g_ptr_array_add (run->skipped, skip);
  else
    resfri_import_skip_free (skip);
}

static void
add_stats (ResfriMeetingStats       *to,
           const ResfriMeetingStats *from)
{
  to->meetings += from->meetings;
  to->occurrences += from->occurrences;
  to->cancelled += from->cancelled;
  to->skipped += from->skipped;
}

/* Stores one VEVENT of @doc or, in a METHOD:CANCEL calendar, cancels what
 * it names. */
static gboolean
store_vevent (ImportRun                      *run,
              ResfriIcalDocument             *doc,
              icalcomponent                  *vevent,
              const ResfriImporterAttendees  *attendees,
              gboolean                        cancel,
              ResfriMeetingStats  *stats,
              GError             **error)
{
  const char *filename = resfri_ical_document_get_filename (doc);
  const char *uid = icalcomponent_get_uid (vevent);
  gboolean has_uid = uid != NULL && uid[0] != '\0';

  if (!cancel)
    {
      g_autofree char *with_uid = NULL;
      gsize length = 0;
      const char *original = resfri_ical_document_peek_text (doc, vevent, &length);

      /* No UID: one derived from the content, written into the text that
       * is stored, so that the stored meeting reads back the same. An
       * override without one names no series: it is kept as what it says,
       * as an override that names no instance is. */
      if (!has_uid)
        {
          g_autofree char *derived = resfri_ical_dup_derived_uid (vevent, original, length);

          icalcomponent_set_uid (vevent, derived);
          if (original != NULL)
            {
              const char *eol = memchr (original, '\n', length);

              if (eol != NULL)
                {
                  gsize head = eol + 1 - original;

                  with_uid = g_strdup_printf ("%.*sUID:%s%s%.*s", (int) head, original, derived,
                                              head >= 2 && original[head - 2] == '\r' ? "\r\n" : "\n",
                                              (int) (length - head), original + head);
                  original = with_uid;
                  length = strlen (with_uid);
                }
              else
                original = NULL;
            }
        }
      else if (icalcomponent_get_first_property (vevent, ICAL_RECURRENCEID_PROPERTY) == NULL)
        {
          if (!check_second_master (run, vevent, &original, &length, stats))
            return TRUE;
          remember_master (run, vevent, original, length);
        }
      else if (match_override (run, doc, vevent))
        {
          /* libical's rendering is stored: it holds the new RECURRENCE-ID. */
          original = NULL;
          length = 0;
        }

      /* A slice of the file's text needs no second check. */
      if (original != NULL && (guintptr) original >= (guintptr) run->data &&
          (guintptr) original + length <= (guintptr) run->data + run->length)
        return _resfri_importer_put_checked_vevent (run->store, run->fresh, vevent, attendees, original,
                                                    length, filename,
                                                    g_get_real_time () / G_USEC_PER_SEC, stats,
                                                    error);
      /* Stored another way: from here on every meeting is looked up. */
      g_clear_pointer (&run->fresh, _resfri_importer_fresh_free);
      return _resfri_importer_put_vevent (run->store, vevent, original, length, filename,
                                          g_get_real_time () / G_USEC_PER_SEC, stats, error);
    }

  g_clear_pointer (&run->fresh, _resfri_importer_fresh_free);

  if (!has_uid)
    {
      g_set_error_literal (error, RESFRI_ERROR, RESFRI_ERROR_INVALID_ICAL,
                           _("the VEVENT has no UID"));
      return FALSE;
    }
  if (icalcomponent_get_first_property (vevent, ICAL_RECURRENCEID_PROPERTY) != NULL)
    return _resfri_importer_cancel_occurrence (run->store, vevent, filename, stats, error);

  return _resfri_importer_cancel_meeting (run->store, vevent, filename, stats, error);
}

/* store_vevent(); an error in the event becomes "FILE:LINE: what" or, with
 * RESFRI_IMPORT_SKIP_INVALID, a skipped event (its writes undone). */
static gboolean
import_vevent (ImportRun                      *run,
               ResfriIcalDocument             *doc,
               icalcomponent                  *vevent,
               const ResfriImporterAttendees  *attendees,
               gboolean                        cancel,
               GError             **error)
{
  gboolean skip_invalid = (run->flags & RESFRI_IMPORT_SKIP_INVALID) != 0;
  ResfriMeetingStats stats = { 0 };
  const char *bad;
  GError *local = NULL;
  guint line = 0;

  if (skip_invalid && (bad = resfri_ical_document_get_event_error (doc, vevent, &line)) != NULL)
    {
      add_skip (run, line, bad);
      return TRUE;
    }

  if (skip_invalid && !_resfri_store_savepoint (run->store, "resfri_import_vevent", error))
    return FALSE;

  if (store_vevent (run, doc, vevent, attendees, cancel, &stats, &local))
    {
      if (skip_invalid && !_resfri_store_release (run->store, "resfri_import_vevent", error))
        return FALSE;
      add_stats (&run->stats, &stats);
      return TRUE;
    }

  line = MAX (resfri_ical_document_get_line (doc, vevent), 1);
  if (skip_invalid && g_error_matches (local, RESFRI_ERROR, RESFRI_ERROR_INVALID_ICAL))
    {
      add_skip (run, line, local->message);
      g_clear_error (&local);
      return _resfri_store_rollback_to (run->store, "resfri_import_vevent", error);
    }

  if (g_error_matches (local, RESFRI_ERROR, RESFRI_ERROR_INVALID_ICAL))
    {
      /* One line, whatever the message quotes. */
      for (char *p = local->message; *p != '\0'; p++)
        if ((guchar) *p < 0x20)
          *p = ' ';
      g_set_error (error, RESFRI_ERROR, RESFRI_ERROR_INVALID_ICAL, "%s:%u: %s",
                   resfri_ical_document_get_filename (doc), line, local->message);
      g_clear_error (&local);
    }
  else
    g_propagate_error (error, local);

  return FALSE;
}

/* The VEVENTs of a VCALENDAR, of the XROOT that holds several, or a bare
 * VEVENT; other components (VTODO, VJOURNAL…) are not meetings. */
static gboolean
import_component (ImportRun           *run,
                  ResfriIcalDocument  *doc,
                  icalcomponent       *comp,
                  gboolean             cancel,
                  GError             **error)
{
  icalcomponent *child;

  switch (icalcomponent_isa (comp))
    {
    case ICAL_VEVENT_COMPONENT:
      if (!check_cancelled (run, run->n_lines > 0 ?
                                 (double) resfri_ical_document_get_line (doc, comp) / run->n_lines : 0,
                            error))
        return FALSE;
      return import_vevent (run, doc, comp, NULL, cancel, error);

    case ICAL_VCALENDAR_COMPONENT:
      cancel = icalcomponent_get_method (comp) == ICAL_METHOD_CANCEL;
      G_GNUC_FALLTHROUGH;

    case ICAL_XROOT_COMPONENT:
      for (child = icalcomponent_get_first_component (comp, ICAL_ANY_COMPONENT);
           child != NULL;
           child = icalcomponent_get_next_component (comp, ICAL_ANY_COMPONENT))
        {
          icalcomponent_kind kind = icalcomponent_isa (child);

          if ((kind == ICAL_VEVENT_COMPONENT || kind == ICAL_VCALENDAR_COMPONENT) &&
              !import_component (run, doc, child, cancel, error))
            return FALSE;
          if (kind == ICAL_VTIMEZONE_COMPONENT && !_resfri_importer_put_vtimezone (run->store, doc, child, error))
            return FALSE;
        }
      return TRUE;

    default:
      return TRUE;
    }
}

/* Streaming import. A large file is mostly VEVENTs directly inside a
 * VCALENDAR: libical's tree of the whole file costs more than storing it
 * (allocating and freeing millions of nodes). So the file is split at the
 * BEGIN:VEVENT / END:VEVENT lines of those VEVENTs; the rest (the
 * VCALENDARs with their VTIMEZONEs and properties) is parsed as a skeleton,
 * and each VEVENT is parsed on its own, in place (no copy), with the line
 * numbers of the file, stored while attached to its VCALENDAR (for its
 * VTIMEZONEs) and freed. A file that is not that simple, and any error,
 * goes to the whole-document path, which gives the exact first error. */

static gboolean streaming = TRUE;

void
_resfri_importer_set_streaming (gboolean enabled)
{
  streaming = enabled;
}

static int threads = -1;   /* -1: when a core is idle */

void
_resfri_importer_set_threads (gboolean enabled)
{
  threads = enabled ? 1 : 0;
}

/* A second thread for the parse of @n_events VEVENTs: worth it for many,
 * and only with a core to spare (on a busy machine it takes time from
 * the writing thread: measured 30% more CPU and no gain by the clock).
 * The load average counts this import too: alone on 2 cores it is 1. */
static gboolean
use_threads (guint n_events)
{
  guint n_cores = g_get_num_processors ();
  double load[1];

  if (threads >= 0 || n_events < THREAD_MIN_EVENTS || n_cores < 2)
    return threads > 0 && n_events >= THREAD_MIN_EVENTS;

  return getloadavg (load, 1) == 1 && load[0] < n_cores - 0.5;
}

static gboolean timing;
static ResfriImportTiming timing_sums;

void
_resfri_importer_set_timing (gboolean enabled)
{
  timing = enabled;
  memset (&timing_sums, 0, sizeof timing_sums);
}

void
_resfri_importer_get_timing (ResfriImportTiming *out)
{
  *out = timing_sums;
}

/* CPU seconds of this thread when timing, else 0. */
static double
timing_now (void)
{
  struct timespec ts;

  if (!timing)
    return 0;
  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Adds the time since *@since to @sum and restarts *@since. */
static void
timing_add (double *sum,
            double *since)
{
  double now;

  if (!timing)
    return;
  now = timing_now ();
  *sum += now - *since;
  *since = now;
}

/* The streaming import's parsed skeleton @doc: each VCALENDAR's own
 * components, then its VEVENTs from @reader, stored while attached to it. */
static gboolean
import_parsed_parts (ImportRun             *run,
                     ResfriIcalDocument    *doc,
                     ResfriIcalPartReader  *reader,
                     GArray                *parts,
                     guint                  n_calendars,
                     GError               **error)
{
  guint next_part = 0;
  GPtrArray *roots;

  roots = resfri_ical_document_get_roots (doc);
  if (roots->len != n_calendars)
    {
      g_set_error_literal (error, RESFRI_ERROR, RESFRI_ERROR_INVALID_ICAL, "split");
      return FALSE;
    }

  for (guint k = 0; k < roots->len; k++)
    {
      icalcomponent *vcal = g_ptr_array_index (roots, k);
      gboolean cancel;

      if (icalcomponent_isa (vcal) != ICAL_VCALENDAR_COMPONENT)
        {
          g_set_error_literal (error, RESFRI_ERROR, RESFRI_ERROR_INVALID_ICAL, "split");
          return FALSE;
        }
      cancel = icalcomponent_get_method (vcal) == ICAL_METHOD_CANCEL;

      /* Its own components: VTIMEZONEs (and nothing else we read). */
      if (!import_component (run, doc, vcal, FALSE, error))
        return FALSE;

      for (; next_part < parts->len && g_array_index (parts, ResfriIcalPart, next_part).calendar == k; next_part++)
        {
          const ResfriIcalPart *part = &g_array_index (parts, ResfriIcalPart, next_part);
          ResfriIcalDocument *part_doc;
          gpointer attendees;
          icalcomponent *vevent;
          double since;
          gboolean ok;

          if (!check_cancelled (run, run->length > 0 ? (double) part->start / run->length : 0, error))
            return FALSE;
          since = timing_now ();
          part_doc = resfri_ical_part_reader_next_prepared (reader, &attendees, error);
          timing_add (&timing_sums.parse, &since);
          if (part_doc == NULL)
            return FALSE;
          roots = resfri_ical_document_get_roots (part_doc);
          if (roots->len != 1 || icalcomponent_isa (g_ptr_array_index (roots, 0)) != ICAL_VEVENT_COMPONENT)
            {
              resfri_ical_part_reader_recycle_prepared (reader, part_doc, attendees);
              g_set_error_literal (error, RESFRI_ERROR, RESFRI_ERROR_INVALID_ICAL, "split");
              return FALSE;
            }

          vevent = g_ptr_array_index (roots, 0);
          icalcomponent_add_component (vcal, vevent);
          ok = import_vevent (run, part_doc, vevent, attendees, cancel, error);
          icalcomponent_remove_component (vcal, vevent);
          resfri_ical_part_reader_recycle_prepared (reader, part_doc, attendees);
          timing_add (&timing_sums.store, &since);
          if (!ok)
            return FALSE;
        }
      roots = resfri_ical_document_get_roots (doc);
    }

  return TRUE;
}

/* On the parse thread: the attendees' columns of a part's VEVENT, its
 * organizer and its online link, found with @user_data, the extra meeting
 * hosts read once (a GStrv, or NULL): the storing thread only binds them.
 * The storing thread is the busier of the two (issue #15): it alone
 * builds the indexes set aside and commits, after the last parse. */
static gpointer
prepare_part (ResfriIcalDocument *doc,
              gpointer            user_data)
{
  GPtrArray *roots = resfri_ical_document_get_roots (doc);

  if (roots->len != 1 || icalcomponent_isa (g_ptr_array_index (roots, 0)) != ICAL_VEVENT_COMPONENT)
    return NULL;
  return _resfri_importer_attendees_new_full (g_ptr_array_index (roots, 0), user_data);
}

static gboolean end_transaction (ResfriStore               *self,
                                 ResfriImportFlags          flags,
                                 const char                *filename,
                                 const ResfriMeetingStats  *stats,
                                 GError                   **error);

/* The streaming import in the open transaction, to its commit. A large
 * file's VEVENTs are parsed on a second thread while this one stores them.
 * A large import sets aside the indexes it does not read and builds them
 * once at its end (_resfri_importer_begin_bulk()); on error the caller's
 * rollback brings them back. */
static gboolean
import_streamed (ImportRun    *run,
                 const char   *data,
                 GArray       *parts,
                 GString      *skeleton,
                 guint         n_calendars,
                 const char   *filename,
                 GError      **error)
{
  ResfriIcalParseFlags part_flags = RESFRI_ICAL_PARSE_BORROW;
  g_autoptr(ResfriStoreBulk) bulk = NULL;
  g_autoptr(ResfriIcalDocument) doc = NULL;
  g_auto(GStrv) extra_hosts = NULL;
  ResfriIcalPartReader *reader;
  double since;
  double reader_cpu;
  gboolean threaded;
  gboolean ok;

  doc = resfri_ical_document_parse (skeleton->str, skeleton->len, filename, error);
  if (doc == NULL || !_resfri_importer_begin_bulk (run->store, parts->len, &bulk, error))
    return FALSE;

  if (run->flags & RESFRI_IMPORT_SKIP_INVALID)
    part_flags |= RESFRI_ICAL_PARSE_KEEP_BAD_EVENTS;
  threaded = use_threads (parts->len);
  if (timing)
    timing_sums.threaded = threaded;
  /* Read once: nothing in an import changes the settings. */
  extra_hosts = _resfri_policy_dup_extra_meeting_hosts (run->store);
  reader = resfri_ical_part_reader_new_full (data, parts, filename, part_flags, threaded, prepare_part,
                                             (GDestroyNotify) _resfri_importer_attendees_free,
                                             extra_hosts);
  run->fresh = _resfri_importer_fresh_new (run->store);
  ok = import_parsed_parts (run, doc, reader, parts, n_calendars, error);
  g_clear_pointer (&run->fresh, _resfri_importer_fresh_free);
  reader_cpu = resfri_ical_part_reader_free (reader);
  if (timing)
    timing_sums.parse += reader_cpu;
  if (!ok || g_cancellable_set_error_if_cancelled (run->cancellable, error))
    return FALSE;

  since = timing_now ();
  if (bulk != NULL)
    {
      if (!_resfri_store_bulk_restore (run->store, g_steal_pointer (&bulk), error))
        return FALSE;
      timing_add (&timing_sums.indexes, &since);
    }

  if (!resfri_bookings_follow_occurrences (run->store, NULL, error) ||
      g_cancellable_set_error_if_cancelled (run->cancellable, error) ||
      !end_transaction (run->store, run->flags, filename, &run->stats, error))
    return FALSE;
  timing_add (&timing_sums.finish, &since);

  return TRUE;
}

/* From how many bytes a file is checked on a second thread. */
#define THREAD_MIN_BYTES (1024 * 1024)

/* Commits the import's transaction with its row of the audit log (the
 * file's basename and what was stored; none when nothing was), or rolls it
 * back for a dry run. */
static gboolean
end_transaction (ResfriStore               *self,
                 ResfriImportFlags          flags,
                 const char                *filename,
                 const ResfriMeetingStats  *stats,
                 GError                   **error)
{
  g_autofree char *base = NULL;
  g_autofree char *detail = NULL;

  if (flags & RESFRI_IMPORT_DRY_RUN)
    {
      _resfri_store_rollback (self);
      return TRUE;
    }
  base = g_path_get_basename (filename);
  detail = g_strdup_printf ("meetings=%" G_GINT64_FORMAT " occurrences=%" G_GINT64_FORMAT
                            " cancelled=%" G_GINT64_FORMAT, stats->meetings, stats->occurrences,
                            stats->cancelled);
  return (stats->meetings == 0 ||
          _resfri_audit_record (self, "import-calendar", "file", base, detail, error)) &&
         _resfri_store_commit (self, error);
}

gboolean
resfri_store_import_ical_full (ResfriStore         *self,
                               const char          *data,
                               gssize               length,
                               const char          *filename,
                               ResfriImportFlags    flags,
                               ResfriMeetingStats  *stats,
                               GPtrArray           *skipped,
                               GError             **error)
{
  return resfri_store_import_ical_cancellable (self, data, length, filename, flags, stats,
                                               skipped, NULL, NULL, NULL, error);
}

/**
 * resfri_store_import_ical_cancellable:
 * @cancellable: (nullable): looked at every few events; once cancelled the
 *   transaction is rolled back and @error is G_IO_ERROR_CANCELLED
 * @progress: (nullable): called now and then on this thread with the share
 *   of the data done
 *
 * resfri_store_import_ical_full() that can be cancelled and says how far
 * it is.
 */
gboolean
resfri_store_import_ical_cancellable (ResfriStore              *self,
                                      const char               *data,
                                      gssize                    length,
                                      const char               *filename,
                                      ResfriImportFlags         flags,
                                      ResfriMeetingStats       *stats,
                                      GPtrArray                *skipped,
                                      GCancellable             *cancellable,
                                      ResfriImportProgressFunc  progress,
                                      gpointer                  progress_data,
                                      GError                  **error)
{
  g_autoptr(ResfriIcalDocument) doc = NULL;
  g_autoptr(GHashTable) masters = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, copy_free);
  g_autoptr(GHashTable) series = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, master_text_free);
  ImportRun run = { self, flags, { 0 }, skipped, masters, series, cancellable, progress, progress_data };
  ResfriIcalParseFlags parse_flags = RESFRI_ICAL_PARSE_NONE;
  guint n_skipped = skipped != NULL ? skipped->len : 0;
  GPtrArray *roots;

  g_return_val_if_fail (RESFRI_IS_STORE (self), FALSE);
  g_return_val_if_fail (data != NULL || length == 0, FALSE);

  if (length < 0)
    length = strlen (data);
  if (filename == NULL)
    filename = "-";

  run.data = data;
  run.length = length;

  /* The streaming path; on any error the whole-document path below says
   * which is the first. A large file is checked while it is split. */
  if (streaming)
    {
      g_autoptr(GArray) parts = g_array_new (FALSE, FALSE, sizeof (ResfriIcalPart));
      g_autoptr(GString) skeleton = g_string_new (NULL);
      ResfriTextCheck *check = NULL;
      guint n_calendars = 0;
      gboolean split;

      if (length >= THREAD_MIN_BYTES && use_threads (THREAD_MIN_EVENTS))
        check = _resfri_importer_check_text_begin (data, length, filename);
      else if (!_resfri_importer_check_text (data, length, filename, error))
        return FALSE;
      split = resfri_ical_split_calendars (data, length, parts, skeleton, &n_calendars);
      if (check != NULL && !_resfri_importer_check_text_end (check, error))
        return FALSE;

      if (split)
        {
          g_autoptr(GError) local = NULL;

          if (!_resfri_store_begin (self, error))
            return FALSE;
          if (import_streamed (&run, data, parts, skeleton, n_calendars, filename, &local))
            goto done;
          if (_resfri_store_in_transaction (self))
            _resfri_store_rollback (self);
          /* Cancelled: no second try on the whole-document path. */
          if (g_error_matches (local, G_IO_ERROR, G_IO_ERROR_CANCELLED))
            {
              if (skipped != NULL)
                g_ptr_array_set_size (skipped, n_skipped);
              g_propagate_error (error, g_steal_pointer (&local));
              return FALSE;
            }
          run.n_events = 0;
          memset (&run.stats, 0, sizeof run.stats);
          g_hash_table_remove_all (masters);
          g_hash_table_remove_all (series);
          if (skipped != NULL)
            g_ptr_array_set_size (skipped, n_skipped);
        }
    }

  else if (!_resfri_importer_check_text (data, length, filename, error))
    return FALSE;

  if (flags & RESFRI_IMPORT_SKIP_INVALID)
    parse_flags |= RESFRI_ICAL_PARSE_KEEP_BAD_EVENTS;
  doc = resfri_ical_document_parse_full (data, length, filename, 1, parse_flags, error);
  if (doc == NULL)
    return FALSE;

  if (!_resfri_store_begin (self, error))
    return FALSE;

  if (progress != NULL)
    for (const char *p = data; (p = memchr (p, '\n', data + length - p)) != NULL; p++)
      run.n_lines++;
  roots = resfri_ical_document_get_roots (doc);
  for (guint i = 0; i < roots->len; i++)
    if (!import_component (&run, doc, g_ptr_array_index (roots, i), FALSE, error))
      goto failed;
  if (!resfri_bookings_follow_occurrences (self, NULL, error) ||
      g_cancellable_set_error_if_cancelled (cancellable, error))
    goto failed;

  if (!end_transaction (self, flags, filename, &run.stats, error))
    goto failed;

done:
  if (stats != NULL)
    add_stats (stats, &run.stats);

  return TRUE;

failed:
  if (_resfri_store_in_transaction (self))
    _resfri_store_rollback (self);
  if (skipped != NULL)
    g_ptr_array_set_size (skipped, n_skipped);
  return FALSE;
}

gboolean
resfri_store_import_ical (ResfriStore         *self,
                          const char          *data,
                          gssize               length,
                          const char          *filename,
                          ResfriMeetingStats  *stats,
                          GError             **error)
{
  return resfri_store_import_ical_full (self, data, length, filename, RESFRI_IMPORT_NONE,
                                        stats, NULL, error);
}

/* Files */

/* Errors name the file as people see it ("work.ics:12: …"), not its path. */
static char *
dup_display_name (GFile *file)
{
  g_autoptr(GFileInfo) info = NULL;

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_DISPLAY_NAME,
                            G_FILE_QUERY_INFO_NONE, NULL, NULL);
  if (info != NULL)
    return g_strdup (g_file_info_get_display_name (info));

  return g_file_get_basename (file);
}

static gboolean import_file (ResfriStore               *self,
                             GFile                     *file,
                             ResfriImportFlags          flags,
                             ResfriMeetingStats        *stats,
                             GPtrArray                 *skipped,
                             GCancellable              *cancellable,
                             ResfriImportProgressFunc   progress,
                             gpointer                   progress_data,
                             GError                   **error);

/**
 * resfri_store_import_ical_file_full:
 * @file: an iCalendar file
 * @flags: RESFRI_IMPORT_SKIP_INVALID to store the good events of a file
 *   with bad ones
 * @stats: (out) (optional): what was stored
 * @skipped: (optional): gets a ResfriImportSkip for each bad event left out
 *
 * Imports @file in one transaction: all of it (or all its good events) or,
 * with @error set ("NAME:LINE: what" for a malformed file), nothing.
 */
gboolean
resfri_store_import_ical_file_full (ResfriStore         *self,
                                    GFile               *file,
                                    ResfriImportFlags    flags,
                                    ResfriMeetingStats  *stats,
                                    GPtrArray           *skipped,
                                    GCancellable        *cancellable,
                                    GError             **error)
{
  return import_file (self, file, flags, stats, skipped, cancellable, NULL, NULL, error);
}

static gboolean
import_file (ResfriStore               *self,
             GFile                     *file,
             ResfriImportFlags          flags,
             ResfriMeetingStats        *stats,
             GPtrArray                 *skipped,
             GCancellable              *cancellable,
             ResfriImportProgressFunc   progress,
             gpointer                   progress_data,
             GError                   **error)
{
  g_autofree char *contents = NULL;
  g_autofree char *name = NULL;
  gsize length = 0;

  g_return_val_if_fail (RESFRI_IS_STORE (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  name = dup_display_name (file);

  /* Whole, up to the input limit: a larger file is refused unread. */
  if (!resfri_input_load_file (file, name, &contents, &length, cancellable, error))
    return FALSE;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  return resfri_store_import_ical_cancellable (self, contents, length, name, flags, stats, skipped,
                                               cancellable, progress, progress_data, error);
}

gboolean
resfri_store_import_ical_file (ResfriStore         *self,
                               GFile               *file,
                               ResfriMeetingStats  *stats,
                               GCancellable        *cancellable,
                               GError             **error)
{
  return resfri_store_import_ical_file_full (self, file, RESFRI_IMPORT_NONE, stats, NULL,
                                             cancellable, error);
}

/* The progress of an import on a worker, handed to the caller's main
 * context; dropped once the import's _finish has run. */
typedef struct
{
  ResfriImportProgressFunc  func;
  gpointer                  data;
  GMainContext             *context;
  int                       last_percent;
  int                       finished;   /* atomic: the import's task is gone */
} ProgressRelay;

typedef struct
{
  ProgressRelay *relay;
  double         fraction;
} ProgressMessage;

static void
progress_relay_clear (ProgressRelay *relay)
{
  g_main_context_unref (relay->context);
}

static void
progress_relay_unref (ProgressRelay *relay)
{
  g_atomic_rc_box_release_full (relay, (GDestroyNotify) progress_relay_clear);
}

static void
progress_message_free (ProgressMessage *message)
{
  progress_relay_unref (message->relay);
  g_free (message);
}

static gboolean
deliver_progress (gpointer user_data)
{
  ProgressMessage *message = user_data;

  if (!g_atomic_int_get (&message->relay->finished))
    message->relay->func (message->fraction, message->relay->data);
  return G_SOURCE_REMOVE;
}

/* On the worker: at most once per percent. */
static void
forward_progress (double   fraction,
                  gpointer user_data)
{
  ProgressRelay *relay = user_data;
  ProgressMessage *message;
  int percent = (int) (fraction * 100);

  if (percent == relay->last_percent)
    return;
  relay->last_percent = percent;

  message = g_new0 (ProgressMessage, 1);
  message->relay = g_atomic_rc_box_acquire (relay);
  message->fraction = fraction;
  g_main_context_invoke_full (relay->context, G_PRIORITY_DEFAULT, deliver_progress, message,
                              (GDestroyNotify) progress_message_free);
}

typedef struct
{
  GFile             *file;
  ResfriImportFlags  flags;
  ProgressRelay     *relay;   /* NULL without progress */
} ImportWork;

typedef struct
{
  ResfriMeetingStats  stats;
  GPtrArray          *skipped;
} ImportResult;

static void
import_work_free (gpointer data)
{
  ImportWork *work = data;

  g_object_unref (work->file);
  /* Messages sent before the import returned are dispatched before its
   * callback (same context, same priority, sent earlier); any left are
   * dropped. */
  if (work->relay != NULL)
    {
      g_atomic_int_set (&work->relay->finished, TRUE);
      progress_relay_unref (work->relay);
    }
  g_free (work);
}

static void
import_result_free (gpointer data)
{
  ImportResult *result = data;

  g_clear_pointer (&result->skipped, g_ptr_array_unref);
  g_free (result);
}

static gpointer
import_work (ResfriStore   *worker,
             gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  ImportWork *work = data;
  ImportResult *result = g_new0 (ImportResult, 1);

  result->skipped = g_ptr_array_new_with_free_func ((GDestroyNotify) resfri_import_skip_free);
  if (!import_file (worker, work->file, work->flags, &result->stats, result->skipped, cancellable,
                    work->relay != NULL ? forward_progress : NULL, work->relay, error))
    {
      import_result_free (result);
      return NULL;
    }

  return result;
}

void
resfri_store_import_ical_file_full_async (ResfriStore         *self,
                                          GFile               *file,
                                          ResfriImportFlags    flags,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data)
{
  resfri_store_import_ical_file_progress_async (self, file, flags, NULL, NULL, cancellable,
                                                callback, user_data);
}

/**
 * resfri_store_import_ical_file_progress_async:
 * @progress: (nullable): called in the caller's thread-default main context
 *   with the share done, at most once per percent, never after _finish
 * @progress_data: passed to @progress
 *
 * resfri_store_import_ical_file_full_async() that says how far it is;
 * finish it with resfri_store_import_ical_file_full_finish(). Cancelled,
 * it writes nothing.
 */
void
resfri_store_import_ical_file_progress_async (ResfriStore              *self,
                                              GFile                    *file,
                                              ResfriImportFlags         flags,
                                              ResfriImportProgressFunc  progress,
                                              gpointer                  progress_data,
                                              GCancellable             *cancellable,
                                              GAsyncReadyCallback       callback,
                                              gpointer                  user_data)
{
  ImportWork *work;

  g_return_if_fail (RESFRI_IS_STORE (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  work = g_new0 (ImportWork, 1);
  work->file = g_object_ref (file);
  work->flags = flags;
  if (progress != NULL)
    {
      work->relay = g_atomic_rc_box_new0 (ProgressRelay);
      work->relay->func = progress;
      work->relay->data = progress_data;
      work->relay->context = g_main_context_ref_thread_default ();
      work->relay->last_percent = -1;
    }
  _resfri_store_run_async (self, resfri_store_import_ical_file_full_async, import_work,
                           work, import_work_free, import_result_free,
                           cancellable, callback, user_data);
}

gboolean
resfri_store_import_ical_file_full_finish (ResfriStore         *self,
                                           GAsyncResult        *result,
                                           ResfriMeetingStats  *stats,
                                           GPtrArray          **skipped,
                                           GError             **error)
{
  ImportResult *value;

  if (!(value = _resfri_store_run_finish (self, result, error)))
    return FALSE;

  if (stats != NULL)
    *stats = value->stats;
  if (skipped != NULL)
    *skipped = g_steal_pointer (&value->skipped);
  import_result_free (value);
  return TRUE;
}

void
resfri_store_import_ical_file_async (ResfriStore         *self,
                                     GFile               *file,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  resfri_store_import_ical_file_full_async (self, file, RESFRI_IMPORT_NONE, cancellable,
                                            callback, user_data);
}

gboolean
resfri_store_import_ical_file_finish (ResfriStore         *self,
                                      GAsyncResult        *result,
                                      ResfriMeetingStats  *stats,
                                      GError             **error)
{
  return resfri_store_import_ical_file_full_finish (self, result, stats, NULL, error);
}

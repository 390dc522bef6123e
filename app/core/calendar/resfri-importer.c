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

#include <string.h>

#include <glib/gi18n-lib.h>

#include "resfri-booking-follow.h"
#include "resfri-error.h"
#include "resfri-ical-split.h"
#include "resfri-ical.h"
#include "resfri-importer-private.h"
#include "resfri-input.h"
#include "resfri-store-private.h"

/* Stores one VEVENT of @doc or, in a METHOD:CANCEL calendar, cancels what
 * it names; an error in it becomes "FILE:LINE: what". */
static gboolean
import_vevent (ResfriStore         *self,
               ResfriIcalDocument  *doc,
               icalcomponent       *vevent,
               gboolean             cancel,
               ResfriMeetingStats  *stats,
               GError             **error)
{
  const char *filename = resfri_ical_document_get_filename (doc);
  GError *local = NULL;
  gboolean ok;

  if (!cancel)
    {
      gsize length = 0;
      const char *original = resfri_ical_document_peek_text (doc, vevent, &length);

      ok = _resfri_importer_put_vevent (self, vevent, original, length, filename,
                                        g_get_real_time () / G_USEC_PER_SEC, stats, &local);
    }
  else if (icalcomponent_get_uid (vevent) == NULL || icalcomponent_get_uid (vevent)[0] == '\0')
    {
      g_set_error_literal (&local, RESFRI_ERROR, RESFRI_ERROR_INVALID_ICAL,
                           _("the VEVENT has no UID"));
      ok = FALSE;
    }
  else if (icalcomponent_get_first_property (vevent, ICAL_RECURRENCEID_PROPERTY) != NULL)
    ok = _resfri_importer_cancel_occurrence (self, vevent, filename, stats, &local);
  else
    ok = _resfri_importer_cancel_meeting (self, vevent, filename, stats, &local);

  if (!ok)
    {
      if (g_error_matches (local, RESFRI_ERROR, RESFRI_ERROR_INVALID_ICAL))
        {
          /* One line, whatever the message quotes. */
          for (char *p = local->message; *p != '\0'; p++)
            if ((guchar) *p < 0x20)
              *p = ' ';
          g_set_error (error, RESFRI_ERROR, RESFRI_ERROR_INVALID_ICAL, "%s:%u: %s", filename,
                       MAX (resfri_ical_document_get_line (doc, vevent), 1), local->message);
        }
      else
        g_propagate_error (error, g_steal_pointer (&local));
      g_clear_error (&local);
      return FALSE;
    }

  return TRUE;
}

/* The VEVENTs of a VCALENDAR, of the XROOT that holds several, or a bare
 * VEVENT; other components (VTODO, VJOURNAL…) are not meetings. */
static gboolean
import_component (ResfriStore         *self,
                  ResfriIcalDocument  *doc,
                  icalcomponent       *comp,
                  gboolean             cancel,
                  ResfriMeetingStats  *stats,
                  GError             **error)
{
  icalcomponent *child;

  switch (icalcomponent_isa (comp))
    {
    case ICAL_VEVENT_COMPONENT:
      return import_vevent (self, doc, comp, cancel, stats, error);

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
              !import_component (self, doc, child, cancel, stats, error))
            return FALSE;
          if (kind == ICAL_VTIMEZONE_COMPONENT && !_resfri_importer_put_vtimezone (self, doc, child, error))
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
static gboolean
import_parts (ResfriStore         *self,
              const char          *data,
              GArray              *parts,
              GString             *skeleton,
              guint                n_calendars,
              const char          *filename,
              ResfriMeetingStats  *stats,
              GError             **error)
{
  g_autoptr(ResfriIcalDocument) doc = NULL;
  GPtrArray *roots;
  guint next_part = 0;

  doc = resfri_ical_document_parse (skeleton->str, skeleton->len, filename, error);
  if (doc == NULL)
    return FALSE;

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
      if (!import_component (self, doc, vcal, FALSE, stats, error))
        return FALSE;

      for (; next_part < parts->len && g_array_index (parts, ResfriIcalPart, next_part).calendar == k; next_part++)
        {
          const ResfriIcalPart *part = &g_array_index (parts, ResfriIcalPart, next_part);
          g_autoptr(ResfriIcalDocument) part_doc = NULL;
          icalcomponent *vevent;
          gboolean ok;

          part_doc = resfri_ical_document_parse_part (data + part->start, part->end - part->start,
                                                      filename, part->line, error);
          if (part_doc == NULL)
            return FALSE;
          roots = resfri_ical_document_get_roots (part_doc);
          if (roots->len != 1 || icalcomponent_isa (g_ptr_array_index (roots, 0)) != ICAL_VEVENT_COMPONENT)
            {
              g_set_error_literal (error, RESFRI_ERROR, RESFRI_ERROR_INVALID_ICAL, "split");
              return FALSE;
            }

          vevent = g_ptr_array_index (roots, 0);
          icalcomponent_add_component (vcal, vevent);
          ok = import_vevent (self, part_doc, vevent, cancel, stats, error);
          icalcomponent_remove_component (vcal, vevent);
          if (!ok)
            return FALSE;
        }
      roots = resfri_ical_document_get_roots (doc);
    }

  return TRUE;
}

/* RFC 5545 allows no control character in a value but the tab, and the
 * store holds UTF-8 text: a file with either is refused ("FILE:LINE: what")
 * rather than stored cut short at a NUL or with a summary libical dropped. */
static gboolean
check_text (const char  *data,
            gsize        length,
            const char  *filename,
            GError     **error)
{
  const char *end = NULL;
  guint line = 1;
  gsize bad;

  if (g_utf8_validate_len (data, length, &end))
    bad = length;
  else
    bad = end - data;

  for (gsize i = 0; i < bad; i++)
    {
      guchar c = data[i];

      if (c == '\n')
        line++;
      else if ((c < 0x20 && c != '\t' && c != '\r') || c == 0x7f)
        {
          g_set_error (error, RESFRI_ERROR, RESFRI_ERROR_INVALID_ICAL,
                       /* TRANSLATORS: FILE:LINE: the character, as U+001B */
                       _("%s:%u: a control character (U+%04X) in the text; a calendar holds "
                         "none but the tab"),
                       filename, line, (guint) c);
          return FALSE;
        }
    }

  if (bad == length)
    return TRUE;

  if (data[bad] == '\0')
    g_set_error (error, RESFRI_ERROR, RESFRI_ERROR_INVALID_ICAL,
                 _("%s:%u: the file contains a NUL byte (is it really a calendar file?)"),
                 filename, line);
  else
    g_set_error (error, RESFRI_ERROR, RESFRI_ERROR_INVALID_ICAL, "%s:%u: %s", filename, line,
                 _("invalid UTF-8 (save the file as UTF-8)"));
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
  g_autoptr(ResfriIcalDocument) doc = NULL;
  ResfriMeetingStats local_stats = { 0 };
  GPtrArray *roots;

  g_return_val_if_fail (RESFRI_IS_STORE (self), FALSE);
  g_return_val_if_fail (data != NULL || length == 0, FALSE);

  if (length < 0)
    length = strlen (data);
  if (filename == NULL)
    filename = "-";

  if (!check_text (data, length, filename, error))
    return FALSE;

  /* The streaming path; on any error the whole-document path below says
   * which is the first. */
  if (streaming)
    {
      g_autoptr(GArray) parts = g_array_new (FALSE, FALSE, sizeof (ResfriIcalPart));
      g_autoptr(GString) skeleton = g_string_new (NULL);
      guint n_calendars = 0;

      if (resfri_ical_split_calendars (data, length, parts, skeleton, &n_calendars))
        {
          g_autoptr(GError) local = NULL;

          if (!_resfri_store_begin (self, error))
            return FALSE;
          if (import_parts (self, data, parts, skeleton, n_calendars, filename, &local_stats, &local) &&
              resfri_bookings_follow_occurrences (self, NULL, &local) &&
              _resfri_store_commit (self, &local))
            goto done;
          if (_resfri_store_in_transaction (self))
            _resfri_store_rollback (self);
          memset (&local_stats, 0, sizeof local_stats);
        }
    }

  doc = resfri_ical_document_parse (data, length, filename, error);
  if (doc == NULL)
    return FALSE;

  if (!_resfri_store_begin (self, error))
    return FALSE;

  roots = resfri_ical_document_get_roots (doc);
  for (guint i = 0; i < roots->len; i++)
    if (!import_component (self, doc, g_ptr_array_index (roots, i), FALSE, &local_stats, error))
      goto failed;
  if (!resfri_bookings_follow_occurrences (self, NULL, error))
    goto failed;

  if (!_resfri_store_commit (self, error))
    return FALSE;

done:
  if (stats != NULL)
    {
      stats->meetings += local_stats.meetings;
      stats->occurrences += local_stats.occurrences;
      stats->cancelled += local_stats.cancelled;
      stats->skipped += local_stats.skipped;
    }

  return TRUE;

failed:
  _resfri_store_rollback (self);
  return FALSE;
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

/**
 * resfri_store_import_ical_file:
 * @file: an iCalendar file
 * @stats: (out) (optional): what was stored
 *
 * Imports @file in one transaction: all of it or, with @error set
 * ("NAME:LINE: what" for a malformed file), nothing.
 */
gboolean
resfri_store_import_ical_file (ResfriStore         *self,
                               GFile               *file,
                               ResfriMeetingStats  *stats,
                               GCancellable        *cancellable,
                               GError             **error)
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

  return resfri_store_import_ical (self, contents, length, name, stats, error);
}

static gpointer
import_work (ResfriStore   *worker,
             gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  g_autofree ResfriMeetingStats *stats = g_new0 (ResfriMeetingStats, 1);

  if (!resfri_store_import_ical_file (worker, data, stats, cancellable, error))
    return NULL;

  return g_steal_pointer (&stats);
}

void
resfri_store_import_ical_file_async (ResfriStore         *self,
                                     GFile               *file,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_return_if_fail (RESFRI_IS_STORE (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  _resfri_store_run_async (self, resfri_store_import_ical_file_async, import_work,
                           g_object_ref (file), g_object_unref, g_free,
                           cancellable, callback, user_data);
}

gboolean
resfri_store_import_ical_file_finish (ResfriStore         *self,
                                      GAsyncResult        *result,
                                      ResfriMeetingStats  *stats,
                                      GError             **error)
{
  g_autofree ResfriMeetingStats *value = NULL;

  if (!(value = _resfri_store_run_finish (self, result, error)))
    return FALSE;

  if (stats != NULL)
    *stats = *value;
  return TRUE;
}

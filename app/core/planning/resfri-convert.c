/* resfri-convert.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Converting a series (spec/planning.md "Acting on it"): the link goes to
 * the series' master, or from a chosen occurrence on to an override with
 * RECURRENCE-ID;RANGE=THISANDFUTURE (drafts/resfri-meeting-edit.c, stored
 * as an import stores it, so the verdicts change at once; the calendar's
 * reads take such an override's properties for the later instances);
 * then the allocation of the planned scenario over the converted
 * occurrences still ahead books the loan items the meeting's remote
 * attendees now need where the pools allow (other meetings' demands
 * compete as they would in `allocate`, but only this meeting's are
 * booked), and lists the rest; then the meeting is written to its
 * organiser's copy where a followed calendar holds it
 * (sync/resfri-meeting-write.c). The link and the bookings are recorded in
 * the audit log by the code that makes them.
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "resfri-allocation.h"
#include "resfri-calendar-private.h"
#include "resfri-convert.h"
#include "resfri-error.h"
#include "resfri-meeting-edit.h"
#include "resfri-policy-check.h"

static void
need_free (ResfriConvertNeed *need)
{
  g_free (need->person);
  g_free (need->type);
  g_free (need->site);
  g_free (need);
}

void
resfri_convert_result_free (ResfriConvertResult *result)
{
  if (result == NULL)
    return;

  g_free (result->uid);
  g_free (result->from);
  g_clear_pointer (&result->unserved, g_ptr_array_unref);
  g_free (result->write_error);
  g_clear_pointer (&result->versions, g_ptr_array_unref);
  g_free (result);
}

typedef struct
{
  gint64 first;
  gint64 last;
} Span;

static gboolean
widen_span (const ResfriStoredOccurrence  *occurrence,
            gpointer                       user_data,
            GError                       **error)
{
  Span *span = user_data;

  span->first = MIN (span->first, occurrence->start);
  span->last = MAX (span->last, occurrence->end);

  return TRUE;
}

/* From the first start to the last end of @uid's stored occurrences;
 * FALSE with RESFRI_ERROR_NOT_FOUND when it has none. */
static gboolean
series_span (ResfriStore  *store,
             const char   *uid,
             Span         *span,
             GError      **error)
{
  g_autoptr(GPtrArray) rids = NULL;

  span->first = G_MAXINT64;
  span->last = G_MININT64;
  if (!(rids = _resfri_calendar_list_recurrence_ids (store, uid, error)))
    return FALSE;
  for (guint i = 0; i < rids->len; i++)
    {
      gint64 row = _resfri_calendar_meeting_row_id (store, uid, g_ptr_array_index (rids, i), error);

      if (row < 0 ||
          (row > 0 && !_resfri_calendar_foreach_instance (store, row, widen_span, span, error)))
        return FALSE;
    }
  if (span->first > span->last)
    {
      g_set_error (error, RESFRI_ERROR, RESFRI_ERROR_NOT_FOUND, _("No meeting “%s”"), uid);
      return FALSE;
    }

  return TRUE;
}

typedef struct
{
  const char *uid;
  const char *from;
  guint       occurrences;
  guint       non_compliant;
  gint64      first;      /* of the converted ones */
  gint64      last;
} Count;

static gboolean
count_occurrence (const ResfriResolvedOccurrence *occurrence,
                  gpointer                        user_data)
{
  Count *count = user_data;

  if (strcmp (occurrence->uid, count->uid) != 0 ||
      (count->from != NULL && strcmp (occurrence->recurrence_id, count->from) < 0))
    return TRUE;

  count->occurrences++;
  if (occurrence->verdict == RESFRI_VERDICT_NON_COMPLIANT)
    count->non_compliant++;
  count->first = MIN (count->first, occurrence->start);
  count->last = MAX (count->last, occurrence->end);

  return TRUE;
}

static gboolean
count_verdicts (ResfriStore   *store,
                const Span    *span,
                Count         *count,
                GCancellable  *cancellable,
                GError       **error)
{
  count->occurrences = count->non_compliant = 0;
  count->first = G_MAXINT64;
  count->last = G_MININT64;

  return resfri_policy_check_occurrences (store, NULL, span->first, span->last + 1,
                                          count_occurrence, count, cancellable, error);
}

/* Whether @demand stands for an occurrence of @uid. */
static gboolean
is_ours (const ResfriAllocation *allocation,
         const ResfriDemand     *demand,
         const char             *uid,
         const char             *from)
{
  for (guint i = 0; i < demand->n_members; i++)
    {
      const ResfriDemandOccurrence *o = resfri_allocation_get_occurrence (allocation, demand, i);

      if (strcmp (o->uid, uid) == 0 && (from == NULL || strcmp (o->recurrence_id, from) >= 0))
        return TRUE;
    }

  return FALSE;
}

/* Books the loan items of the converted occurrences ahead of @now. */
static gboolean
book_loans (ResfriStore          *store,
            ResfriConvertResult  *result,
            const Count          *count,
            gint64                now,
            GCancellable         *cancellable,
            GError              **error)
{
  g_autoptr(ResfriAllocation) allocation = NULL;
  gint64 from = MAX (now, count->first);

  if (count->occurrences == 0 || from >= count->last)
    return TRUE;

  if (!(allocation = resfri_allocation_compute (store, NULL, from, count->last,
                                                RESFRI_SCENARIO_PLANNED, cancellable, error)))
    return FALSE;

  for (guint d = 0; d < allocation->demands->len; d++)
    {
      ResfriDemand *demand = &g_array_index (allocation->demands, ResfriDemand, d);

      if (!is_ours (allocation, demand, result->uid, result->from))
        demand->item_id = 0;    /* someone else's: not booked here */
      else if (demand->item_id == 0)
        {
          ResfriConvertNeed *need = g_new0 (ResfriConvertNeed, 1);

          need->person = g_strdup (demand->person);
          need->type = g_strdup (demand->type);
          need->site = g_strdup (demand->site);
          need->start = demand->start;
          g_ptr_array_add (result->unserved, need);
        }
    }

  return resfri_allocation_book (store, allocation, &result->booked, error);
}

/**
 * resfri_convert_series:
 * @uid: a stored meeting's UID
 * @from: (nullable): the recurrence id of the occurrence to convert from
 *   (this and the following ones), %NULL for the whole series
 * @url: the meeting link, http or https
 * @hybrid: keep the venue (the attendees there stay in the room)
 * @now: the instant before which nothing is booked
 *
 * Converts the meeting as the header of this file says. The link is one
 * transaction and the bookings another: bookings that fail leave the link
 * (and @error says why).
 *
 * Returns: (transfer full): what it did, or %NULL with @error
 */
ResfriConvertResult *
resfri_convert_series (ResfriStore   *store,
                       const char    *uid,
                       const char    *from,
                       const char    *url,
                       gboolean       hybrid,
                       gint64         now,
                       GCancellable  *cancellable,
                       GError       **error)
{
  g_autoptr(ResfriConvertResult) result = NULL;
  g_autoptr(GError) write_error = NULL;
  Count count = { 0 };
  Span span;

  g_return_val_if_fail (RESFRI_IS_STORE (store), NULL);
  g_return_val_if_fail (uid != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (from != NULL && *from == '\0')
    from = NULL;
  if (!resfri_meeting_check_link (url, error) || !series_span (store, uid, &span, error))
    return NULL;
  if (from != NULL)
    {
      gboolean found = FALSE;
      gint64 start, end;

      if (!_resfri_calendar_lookup_occurrence (store, uid, from, &found, &start, &end, error))
        return NULL;
      if (!found)
        {
          g_set_error (error, RESFRI_ERROR, RESFRI_ERROR_NOT_FOUND,
                       _("No occurrence “%s” of meeting “%s” (or it is cancelled)"), from, uid);
          return NULL;
        }
    }

  result = g_new0 (ResfriConvertResult, 1);
  result->uid = g_strdup (uid);
  result->from = g_strdup (from);
  result->hybrid = hybrid;
  result->unserved = g_ptr_array_new_with_free_func ((GDestroyNotify) need_free);

  count.uid = uid;
  count.from = from;
  if (!count_verdicts (store, &span, &count, cancellable, error))
    return NULL;
  result->non_compliant_before = count.non_compliant;

  if (!(result->versions = resfri_meeting_set_online_link_full (store, uid, from, from != NULL,
                                                                url,
                                                                hybrid ? RESFRI_MODE_HYBRID
                                                                       : RESFRI_MODE_ONLINE,
                                                                error)))
    return NULL;

  /* A THISANDFUTURE override may move the later occurrences: count anew. */
  if (!series_span (store, uid, &span, error) ||
      !count_verdicts (store, &span, &count, cancellable, error))
    return NULL;
  result->occurrences = count.occurrences;
  result->non_compliant_after = count.non_compliant;

  if (!book_loans (store, result, &count, now, cancellable, error))
    return NULL;

  result->written = _resfri_meeting_write_back (store, uid, &write_error);
  if (write_error != NULL)
    result->write_error = g_strdup (write_error->message);

  return g_steal_pointer (&result);
}

typedef struct
{
  char     *uid;
  char     *from;
  char     *url;
  gboolean  hybrid;
} ConvertData;

static void
convert_data_free (gpointer data)
{
  ConvertData *convert = data;

  g_free (convert->uid);
  g_free (convert->from);
  g_free (convert->url);
  g_free (convert);
}

/* The worker opens its own connection: a store is used by one thread at a
 * time (see resfri-store-private.h). */
static void
convert_worker (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  ResfriStore *store = source_object;
  ConvertData *data = task_data;
  g_autoptr(ResfriStore) worker = NULL;
  ResfriConvertResult *result;
  GError *error = NULL;

  if (!(worker = resfri_store_open (resfri_store_get_path (store), &error)) ||
      !(result = resfri_convert_series (worker, data->uid, data->from, data->url, data->hybrid,
                                        g_get_real_time () / G_USEC_PER_SEC, cancellable,
                                        &error)))
    {
      g_task_return_error (task, error);
      return;
    }

  g_task_return_pointer (task, result, (GDestroyNotify) resfri_convert_result_free);
}

/* resfri_convert_series() on a worker thread, "now" the clock's (for the
 * GUI and the planning view). */
void
resfri_convert_series_async (ResfriStore         *store,
                             const char          *uid,
                             const char          *from,
                             const char          *url,
                             gboolean             hybrid,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ConvertData *data;

  g_return_if_fail (RESFRI_IS_STORE (store));
  g_return_if_fail (uid != NULL);

  data = g_new0 (ConvertData, 1);
  data->uid = g_strdup (uid);
  data->from = g_strdup (from);
  data->url = g_strdup (url);
  data->hybrid = hybrid;

  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, resfri_convert_series_async);
  g_task_set_task_data (task, data, convert_data_free);
  g_task_run_in_thread (task, convert_worker);
}

ResfriConvertResult *
resfri_convert_series_finish (ResfriStore   *store,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, store), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

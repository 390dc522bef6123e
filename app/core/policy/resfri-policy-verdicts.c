/* resfri-policy-verdicts.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The kept result of a policy check: each ResfriResolvedOccurrence copied
 * with its attendees, its strings in one string chunk, and an index by
 * "UID\x1fRECURRENCE-ID". Immutable once loaded, so it may be handed from
 * the worker thread to the main thread and shared by reference.
 */

#include "config.h"

#include "resfri-policy-verdicts.h"
#include "resfri-store-private.h"

struct _ResfriPolicyVerdicts
{
  gatomicrefcount  ref_count;
  GStringChunk    *strings;       /* every string the occurrences point to */
  GPtrArray       *occurrences;   /* ResfriResolvedOccurrence, in the check's order */
  GHashTable      *by_key;        /* "UID\x1fRECURRENCE-ID" → an occurrence (borrowed) */
  ResfriNames     *names;
};

G_DEFINE_BOXED_TYPE (ResfriPolicyVerdicts, resfri_policy_verdicts,
                     resfri_policy_verdicts_ref, resfri_policy_verdicts_unref)

static char *
make_key (const char *uid,
          const char *recurrence_id)
{
  return g_strconcat (uid, "\x1f", recurrence_id != NULL ? recurrence_id : "", NULL);
}

static void
resolved_occurrence_free (gpointer data)
{
  ResfriResolvedOccurrence *occurrence = data;

  g_free ((gpointer) occurrence->attendees);
  g_free (occurrence);
}

static ResfriPolicyVerdicts *
resfri_policy_verdicts_new (void)
{
  ResfriPolicyVerdicts *self = g_new0 (ResfriPolicyVerdicts, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->strings = g_string_chunk_new (4096);
  self->occurrences = g_ptr_array_new_with_free_func (resolved_occurrence_free);
  self->by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  return self;
}

ResfriPolicyVerdicts *
resfri_policy_verdicts_ref (ResfriPolicyVerdicts *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
resfri_policy_verdicts_unref (ResfriPolicyVerdicts *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  g_clear_pointer (&self->by_key, g_hash_table_unref);
  g_clear_pointer (&self->occurrences, g_ptr_array_unref);
  g_clear_pointer (&self->strings, g_string_chunk_free);
  g_clear_pointer (&self->names, resfri_names_free);
  g_free (self);
}

static const char *
keep_string (ResfriPolicyVerdicts *self,
             const char           *text)
{
  return text != NULL ? g_string_chunk_insert_const (self->strings, text) : NULL;
}

typedef struct
{
  ResfriPolicyVerdicts *self;
  GCancellable         *cancellable;
} Collect;

static gboolean
keep_occurrence_cb (const ResfriResolvedOccurrence *occurrence,
                    gpointer                        user_data)
{
  Collect *collect = user_data;
  ResfriPolicyVerdicts *self = collect->self;
  ResfriResolvedOccurrence *kept = g_memdup2 (occurrence, sizeof *occurrence);
  ResfriResolvedAttendee *attendees = NULL;

  kept->uid = keep_string (self, occurrence->uid);
  kept->recurrence_id = keep_string (self, occurrence->recurrence_id != NULL
                                           ? occurrence->recurrence_id : "");
  kept->summary = keep_string (self, occurrence->summary);
  kept->organizer = keep_string (self, occurrence->organizer);
  kept->online_url = keep_string (self, occurrence->online_url);
  kept->exemption = keep_string (self, occurrence->exemption);

  if (occurrence->n_attendees > 0)
    attendees = g_memdup2 (occurrence->attendees,
                           occurrence->n_attendees * sizeof (ResfriResolvedAttendee));
  for (guint i = 0; i < occurrence->n_attendees; i++)
    attendees[i].email = keep_string (self, occurrence->attendees[i].email);
  kept->attendees = attendees;

  g_ptr_array_add (self->occurrences, kept);
  /* A later occurrence of the same key (never, in a consistent store) wins,
   * as it did in the view's own table. */
  g_hash_table_replace (self->by_key, make_key (kept->uid, kept->recurrence_id), kept);

  return !g_cancellable_is_cancelled (collect->cancellable);
}

ResfriPolicyVerdicts *
resfri_policy_verdicts_load (ResfriStore         *store,
                             const ResfriPolicy  *policy,
                             gint64               from,
                             gint64               to,
                             GCancellable        *cancellable,
                             GError             **error)
{
  g_autoptr(ResfriPolicyVerdicts) self = NULL;
  Collect collect;

  g_return_val_if_fail (RESFRI_IS_STORE (store), NULL);
  g_return_val_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = resfri_policy_verdicts_new ();
  collect.self = self;
  collect.cancellable = cancellable;

  if (!resfri_policy_check_occurrences (store, policy, from, to, keep_occurrence_cb, &collect,
                                        cancellable, error) ||
      !(self->names = resfri_names_load (store, error)))
    return NULL;

  /* The callback stops the check early when cancelled: what it kept is
   * not the whole range. */
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  return g_steal_pointer (&self);
}

typedef struct
{
  gint64 from;
  gint64 to;
} Range;

static gpointer
load_work (ResfriStore   *worker,
           gpointer       data,
           GCancellable  *cancellable,
           GError       **error)
{
  Range *range = data;

  return resfri_policy_verdicts_load (worker, NULL, range->from, range->to, cancellable, error);
}

void
resfri_policy_verdicts_load_async (ResfriStore         *store,
                                   gint64               from,
                                   gint64               to,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  Range *range;

  g_return_if_fail (RESFRI_IS_STORE (store));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  range = g_new0 (Range, 1);
  range->from = from;
  range->to = to;

  _resfri_store_run_async (store, resfri_policy_verdicts_load_async, load_work,
                           range, g_free, (GDestroyNotify) resfri_policy_verdicts_unref,
                           cancellable, callback, user_data);
}

ResfriPolicyVerdicts *
resfri_policy_verdicts_load_finish (ResfriStore   *store,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  g_return_val_if_fail (RESFRI_IS_STORE (store), NULL);
  g_return_val_if_fail (g_async_result_is_tagged (result, resfri_policy_verdicts_load_async),
                        NULL);

  return _resfri_store_run_finish (store, result, error);
}

guint
resfri_policy_verdicts_get_n_occurrences (ResfriPolicyVerdicts *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->occurrences->len;
}

const ResfriResolvedOccurrence *
resfri_policy_verdicts_get_occurrence (ResfriPolicyVerdicts *self,
                                       guint                 position)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (position < self->occurrences->len, NULL);

  return g_ptr_array_index (self->occurrences, position);
}

const ResfriResolvedOccurrence *
resfri_policy_verdicts_lookup (ResfriPolicyVerdicts *self,
                               const char           *uid,
                               const char           *recurrence_id)
{
  g_autofree char *key = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  if (uid == NULL)
    return NULL;

  key = make_key (uid, recurrence_id);
  return g_hash_table_lookup (self->by_key, key);
}

ResfriNames *
resfri_policy_verdicts_get_names (ResfriPolicyVerdicts *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->names;
}

/* resfri-policy-meetings.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every meeting row resolved ahead, for a policy check that meets most
 * of them (a long window): one read of the meetings and their attendees
 * in step, instead of two lookups of each. Where there are many, the
 * rows are read in two ranges of ids at once, the second on a thread of
 * its own with its own connection, and its meetings joined to the
 * first's: each meeting is resolved alike on either thread, so the check
 * gives the same answer.
 */

#include "config.h"

#include <gio/gio.h>

#include "resfri-policy-resolver-private.h"
#include "resfri-store-private.h"

/* The page cache of a connection that reads a range of meeting rows:
 * each page is read once, so a small one reads no page twice, and the
 * store's 64 MB would raise the peak RSS by as much per connection. */
#define RANGE_CACHE_SQL "PRAGMA cache_size = -2048"

/* Fewer meeting rows than this are read on one thread: a second one,
 * with its connection, would cost more than it saves. */
#define SPLIT_MIN_ROWS 4096

static gint64 split_at = -1;   /* for tests */

/* A meeting row read before the registers were in: a long window's
 * registers are read first on the occurrences' reader thread
 * (resfri-policy-reader.c) while this one reads the meetings' rows; those
 * read before they are in are resolved, in the order they came, as soon
 * as they are. */
typedef struct
{
  gint64    meeting_id;
  char     *organizer;
  char     *summary;
  char     *location;
  char     *online_url;
  gboolean  this_and_future;
  guint     attendees_end;    /* its attendees end here in the pending ones */
} PendingMeeting;

typedef struct
{
  const char *email;          /* in the chunk, or NULL */
  const char *cutype;
  const char *partstat;
} PendingAttendee;

/* Every meeting row resolved ahead, from one read of the meetings and
 * attendees in step (_resfri_calendar_foreach_meeting_range()): for a check
 * that meets most meetings, instead of two lookups of each. */
typedef struct
{
  AttendeeScan   scan;
  char          *location;
  gint64         count;
  gboolean       any_override;   /* a RANGE=THISANDFUTURE override's row */
  ResfriPolicyReader *reader;   /* reading the registers, while pending */
  gboolean       second;         /* the second thread's: the registers shared,
                                  * the travel left to the first one */
  GArray        *pending;        /* PendingMeeting, while load is */
  GArray        *pending_attendees;  /* PendingAttendee */
  GStringChunk  *pending_text;   /* the pending attendees' text */
} Preload;

static void
preload_finish (Preload *preload)
{
  if (preload->scan.m != NULL && preload->second)
    _resfri_policy_resolve_venue (preload->scan.r, preload->scan.m, preload->location,
                                  preload->scan.room_emails);
  else if (preload->scan.m != NULL)
    _resfri_policy_resolve_finish (preload->scan.r, preload->scan.m, preload->location,
                                   preload->scan.room_emails);
  preload->scan.m = NULL;
  g_clear_pointer (&preload->location, g_free);
  g_ptr_array_set_size (preload->scan.room_emails, 0);
}

/* _resfri_policy_resolve_begin() of a meeting row, taking the strings. */
static gboolean
preload_begin (Preload     *preload,
               gint64       meeting_id,
               char        *organizer,
               char        *summary,
               char        *location,
               char        *online_url,
               gboolean     this_and_future,
               GError     **error)
{
  preload_finish (preload);
  /* Rows come by id: the array grows with them, unless the ids are too
   * sparse for it (those few then go to the hash table). */
  preload->count++;
  if (meeting_id >= preload->scan.r->by_id->len && meeting_id < 2 * (preload->count + 1024))
    g_ptr_array_set_size (preload->scan.r->by_id, meeting_id + 1);
  preload->any_override |= this_and_future;
  preload->location = location;
  _resfri_policy_drop_invalid (&preload->location);
  preload->scan.m = _resfri_policy_resolve_begin (preload->scan.r, meeting_id, organizer,
                                                  summary, online_url, error);

  return preload->scan.m != NULL;
}

static void
pending_clear (Preload *preload)
{
  if (preload->pending == NULL)
    return;
  for (guint i = 0; i < preload->pending->len; i++)
    {
      PendingMeeting *p = &g_array_index (preload->pending, PendingMeeting, i);

      g_free (p->organizer);
      g_free (p->summary);
      g_free (p->location);
      g_free (p->online_url);
    }
  g_clear_pointer (&preload->pending, g_array_unref);
  g_clear_pointer (&preload->pending_attendees, g_array_unref);
  g_clear_pointer (&preload->pending_text, g_string_chunk_free);
}

/* The registers, once in, and the rows that waited for them resolved. */
static gboolean
pending_resolve (Preload  *preload,
                 GError  **error)
{
  Resolver *r = preload->scan.r;
  guint a = 0;

  if (preload->second && !(r->registers = _resfri_policy_reader_ref_registers (preload->reader)))
    {
      /* The first thread reads the registers on its own connection, and
       * these rows again. */
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, "no shared registers");
      return FALSE;
    }
  if (!preload->second &&
      !(r->registers = _resfri_policy_reader_take_registers (preload->reader, r->store, error)))
    return FALSE;
  for (guint i = 0; i < preload->pending->len; i++)
    {
      PendingMeeting *p = &g_array_index (preload->pending, PendingMeeting, i);

      if (!preload_begin (preload, p->meeting_id, g_steal_pointer (&p->organizer),
                          g_steal_pointer (&p->summary), g_steal_pointer (&p->location),
                          g_steal_pointer (&p->online_url), p->this_and_future, error))
        return FALSE;
      for (; a < p->attendees_end; a++)
        {
          const PendingAttendee *pa = &g_array_index (preload->pending_attendees,
                                                      PendingAttendee, a);

          if (!_resfri_policy_scan_attendee (pa->email, pa->cutype, pa->partstat,
                                             &preload->scan, error))
            return FALSE;
        }
    }
  pending_clear (preload);

  return TRUE;
}

static gboolean
preload_meeting (gint64       meeting_id,
                 const char  *organizer,
                 const char  *summary,
                 const char  *location,
                 const char  *online_url,
                 gboolean     this_and_future,
                 gpointer     user_data,
                 GError     **error)
{
  Preload *preload = user_data;

  if (preload->pending != NULL && _resfri_policy_reader_has_registers (preload->reader) &&
      !pending_resolve (preload, error))
    return FALSE;
  if (preload->pending != NULL)
    {
      PendingMeeting p = { meeting_id, g_strdup (organizer), g_strdup (summary),
                           g_strdup (location), g_strdup (online_url), this_and_future,
                           preload->pending_attendees->len };

      g_array_append_val (preload->pending, p);
      return TRUE;
    }

  return preload_begin (preload, meeting_id, g_strdup (organizer), g_strdup (summary),
                        g_strdup (location), g_strdup (online_url), this_and_future, error);
}

static const char *
pending_text (Preload    *preload,
              const char *text)
{
  return text != NULL ? g_string_chunk_insert (preload->pending_text, text) : NULL;
}

static gboolean
preload_attendee (const char  *email,
                  const char  *cutype,
                  const char  *partstat,
                  gpointer     user_data,
                  GError     **error)
{
  Preload *preload = user_data;

  if (preload->pending != NULL)
    {
      PendingAttendee pa = { pending_text (preload, email), pending_text (preload, cutype),
                             pending_text (preload, partstat) };

      g_array_append_val (preload->pending_attendees, pa);
      if (preload->pending->len > 0)
        g_array_index (preload->pending, PendingMeeting,
                       preload->pending->len - 1).attendees_end = preload->pending_attendees->len;
      return TRUE;
    }

  return _resfri_policy_scan_attendee (email, cutype, partstat, &preload->scan, error);
}

/* The meeting rows with an id in [@first_id, @last_id], read from
 * @store, resolved into @r; with the registers @reader reads where it is
 * not %NULL, else r->registers. */
static gboolean
resolve_range (Resolver            *r,
               ResfriStore         *store,
               ResfriPolicyReader  *reader,
               gboolean             second,
               gint64               first_id,
               gint64               last_id,
               gboolean            *any_override,
               GCancellable        *cancellable,
               GError             **error)
{
  g_autoptr(GPtrArray) room_emails = g_ptr_array_new_with_free_func (g_free);
  Preload preload = { { r, NULL, room_emails }, NULL, 0, FALSE, reader, second, NULL, NULL, NULL };
  gboolean ok;

  /* The ids before the range count as rows, for the array of meetings
   * by id to grow as it would with them (preload_begin()). */
  if (first_id > 0)
    preload.count = first_id;
  if (reader != NULL)
    {
      preload.pending = g_array_new (FALSE, FALSE, sizeof (PendingMeeting));
      preload.pending_attendees = g_array_new (FALSE, FALSE, sizeof (PendingAttendee));
      preload.pending_text = g_string_chunk_new (256 * 1024);
    }

  ok = _resfri_calendar_foreach_meeting_range (store, first_id, last_id, preload_meeting,
                                               preload_attendee, &preload, cancellable, error);
  if (ok && preload.pending != NULL)
    ok = pending_resolve (&preload, error);
  if (ok)
    preload_finish (&preload);
  g_free (preload.location);
  pending_clear (&preload);
  *any_override |= preload.any_override;

  return ok;
}

/* The second range's reading: its own resolver (its own caches and
 * meetings, the policy shared, the registers shared once they are in)
 * on its own connection. */
typedef struct
{
  Resolver            r;
  ResfriPolicyReader *reader;
  gint64              first_id;
  gboolean            any_override;
  gboolean            ok;
  GCancellable       *cancellable;
  GThread            *thread;
} Second;

/* A connection of the calling thread's own to @reader's file, with a
 * range's small page cache; NULL when it cannot be had (the caller then
 * reads on a store it has, or leaves the rows to one that does). */
static ResfriStore *
open_range_store (ResfriPolicyReader *reader)
{
  g_autoptr(ResfriStore) store = NULL;

  store = resfri_store_open (_resfri_policy_reader_get_path (reader), NULL);
  if (store == NULL || !_resfri_store_exec (store, RANGE_CACHE_SQL, NULL))
    return NULL;

  return g_steal_pointer (&store);
}

static gpointer
second_thread (gpointer data)
{
  Second *second = data;
  g_autoptr(ResfriStore) store = NULL;

  /* Any error is the first thread's to find again, reading these rows. */
  if (!(store = open_range_store (second->reader)))
    return NULL;
  second->r.store = store;
  second->ok = resolve_range (&second->r, store, second->reader, TRUE, second->first_id, G_MAXINT64,
                              &second->any_override, second->cancellable, NULL);
  second->r.store = NULL;

  return NULL;
}

static void
second_start (Second             *second,
              Resolver           *r,
              ResfriPolicyReader *reader,
              gint64              first_id,
              GCancellable       *cancellable)
{
  second->r.policy = r->policy;
  second->r.latin1_down = r->latin1_down;
  second->r.by_id = g_ptr_array_new_with_free_func (_resfri_policy_meeting_free);
  second->r.meetings = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                              _resfri_policy_meeting_free);
  second->reader = reader;
  second->first_id = first_id;
  second->cancellable = cancellable;
  second->thread = g_thread_new ("resfri-check-meetings", second_thread, second);
}

/* The second range's meetings, their travel added here, moved into @r. */
static void
second_join (Second   *second,
             Resolver *r)
{
  GPtrArray *by_id = second->r.by_id;
  GHashTableIter iter;
  gpointer key;
  gpointer value;

  /* The first range's array of meetings by id grows to take the
   * second's, where none of its meetings went to the hash table: one
   * there would be hidden behind a NULL in the array. */
  if (by_id->len > r->by_id->len && g_hash_table_size (r->meetings) == 0)
    g_ptr_array_set_size (r->by_id, by_id->len);
  for (guint i = 0; i < by_id->len; i++)
    {
      Meeting *m = g_ptr_array_index (by_id, i);

      if (m == NULL)
        continue;
      g_ptr_array_index (by_id, i) = NULL;
      _resfri_policy_resolve_travel (r, m);
      _resfri_policy_store_meeting (r, i, m);
    }
  g_hash_table_iter_init (&iter, second->r.meetings);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      _resfri_policy_resolve_travel (r, value);
      _resfri_policy_store_meeting (r, *(gint64 *) key, value);
      g_hash_table_iter_steal (&iter);
      g_free (key);
    }
}

/* Where the second range starts: 0 for one range. */
static gint64
split_point (Resolver           *r,
             ResfriPolicyReader *reader)
{
  gint64 first_id;
  gint64 last_id;

  if (reader == NULL || split_at == 0)
    return 0;
  if (split_at > 0)
    return split_at;
  /* An error here is the read's to find again. */
  if (g_get_num_processors () < 2 ||
      !_resfri_calendar_meeting_id_bounds (r->store, &first_id, &last_id, NULL) ||
      last_id - first_id < SPLIT_MIN_ROWS)
    return 0;

  return first_id + (last_id - first_id + 1) / 2;
}

gboolean
_resfri_policy_resolve_all_meetings (Resolver            *r,
                                     ResfriPolicyReader  *reader,
                                     GCancellable        *cancellable,
                                     GError             **error)
{
  gint64 second_id = split_point (r, reader);
  ResfriStore *own = NULL;
  Second second = { { 0, }, };
  gboolean any_override = FALSE;
  gboolean ok;

  r->by_id = g_ptr_array_new_with_free_func (_resfri_policy_meeting_free);
  if (second_id > 0)
    second_start (&second, r, reader, second_id, cancellable);
  /* The rows are read on a connection of this thread's own with a range's
   * page cache, where there can be one (as the reader's). */
  if (reader != NULL)
    own = open_range_store (reader);
  ok = resolve_range (r, own != NULL ? own : r->store, reader, FALSE, G_MININT64,
                      second_id > 0 ? second_id - 1 : G_MAXINT64, &any_override, cancellable,
                      error);
  g_clear_object (&own);
  if (second_id > 0)
    {
      g_thread_join (second.thread);
      if (ok && second.ok)
        {
          second_join (&second, r);
          any_override |= second.any_override;
        }
      else if (ok)
        ok = resolve_range (r, r->store, NULL, FALSE, second_id, G_MAXINT64, &any_override,
                            cancellable, error);
      _resfri_policy_resolver_clear (&second.r);
    }
  r->no_overrides = ok && !any_override;

  return ok;
}

void
_resfri_policy_split_meetings_at (gint64 first_id)
{
  split_at = first_id;
}

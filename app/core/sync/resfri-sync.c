/* resfri-sync.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The sync of live calendars (spec/sync.md, "Sync"). Per followed
 * calendar: what changed on the server (RFC 6578 sync-collection from the
 * stored token, asking for the changed resources' calendar-data too; without
 * one, a Depth 1 PROPFIND of ETags compared with the stored ones), the
 * changed resources the answer did not bring fetched with calendar-multiget
 * in batches, then ONE transaction that applies the removals and the changed
 * resources and stores the new token or ctag: a sync killed at any moment
 * leaves the calendar as it was before it (the old token) or after it,
 * never between, and the next sync starts from what was committed.
 *
 * A resource's VEVENTs are its copies (resfri-sources.c). The meetings
 * table keeps one meeting per UID and RECURRENCE-ID: after a change, each
 * key it touched is resolved (resfri-sync-resolve.c): the winning copy
 * among the followed calendars (the organiser's, else the highest
 * SEQUENCE, then the latest LAST-MODIFIED/DTSTAMP) is stored through the
 * importer's own path, and a key no followed calendar holds any more is
 * removed; the resource just applied is resolved from its own parse.
 * Resfri's bookings on the server are no meetings: this database's own (UID resfri-booking-N@ITS-INSTALLATION-ID)
 * are skipped; another installation's, in a followed room's, item's or
 * pool's calendar, are stored with their resource as reservations of that
 * room, item or pool (resfri-sources.c). A resource that cannot be read is skipped
 * (SAVEPOINT) and reported with its href and line; an HTTP error stops
 * only its calendar.
 *
 * A published feed is one calendar holding one resource, its whole text,
 * fetched conditionally (resfri-feed.c).
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "resfri-booking-follow.h"
#include "resfri-error.h"
#include "resfri-feed.h"
#include "resfri-ical.h"
#include "resfri-expand.h"
#include "resfri-secret.h"
#include "resfri-server-bookings.h"
#include "resfri-sources-private.h"
#include "resfri-store-private.h"
#include "resfri-sync-private.h"
#include "resfri-sync-resolve.h"

#define MULTIGET_BATCH 100

/* Results */

static void
skip_free (gpointer data)
{
  ResfriSyncSkip *skip = data;

  g_free (skip->href);
  g_free (skip->message);
  g_free (skip);
}

static void
calendar_result_free (gpointer data)
{
  ResfriSyncCalendarResult *result = data;

  g_free (result->href);
  g_ptr_array_unref (result->skipped);
  g_free (result->error);
  g_free (result);
}

static void
source_result_free (gpointer data)
{
  ResfriSyncSourceResult *result = data;

  g_ptr_array_unref (result->calendars);
  g_free (result->error);
  g_free (result);
}

void
resfri_sync_result_free (ResfriSyncResult *self)
{
  if (self == NULL)
    return;
  g_ptr_array_unref (self->sources);
  g_clear_pointer (&self->released, g_ptr_array_unref);
  g_free (self);
}

gboolean
resfri_sync_result_has_errors (const ResfriSyncResult *self)
{
  for (guint i = 0; i < self->sources->len; i++)
    {
      ResfriSyncSourceResult *source = g_ptr_array_index (self->sources, i);

      if (source->error != NULL)
        return TRUE;
      for (guint j = 0; j < source->calendars->len; j++)
        if (((ResfriSyncCalendarResult *) g_ptr_array_index (source->calendars, j))->error != NULL)
          return TRUE;
    }
  return FALSE;
}

/* Applying a resource */

typedef struct
{
  const ResfriSourceCalendar *calendar;
  GArray                     *copies;
  ResfriIcalDocument         *doc;
  guint                       line;     /* of a VEVENT without UID */
  const char                 *installation;  /* this database's, or NULL */
  GPtrArray                  *bookings;      /* another installation's (not owned) */
} CopyCollector;

static gint64
get_stamp (icalcomponent *vevent)
{
  icalproperty *prop = icalcomponent_get_first_property (vevent, ICAL_LASTMODIFIED_PROPERTY);
  struct icaltimetype t;

  if (prop != NULL)
    t = icalproperty_get_lastmodified (prop);
  else if ((prop = icalcomponent_get_first_property (vevent, ICAL_DTSTAMP_PROPERTY)) != NULL)
    t = icalproperty_get_dtstamp (prop);
  else
    return 0;
  if (icaltime_is_null_time (t))
    return 0;
  return icaltime_as_timet_with_zone (t, icaltimezone_get_utc_timezone ());
}

static gboolean
is_organizer_copy (const ResfriSourceCalendar *calendar,
                   icalcomponent              *vevent)
{
  icalproperty *prop;
  const char *organizer;

  if (g_strcmp0 (calendar->role, "person") != 0 || calendar->target == NULL)
    return FALSE;
  prop = icalcomponent_get_first_property (vevent, ICAL_ORGANIZER_PROPERTY);
  if (prop == NULL || (organizer = icalproperty_get_organizer (prop)) == NULL)
    return FALSE;
  if (g_ascii_strncasecmp (organizer, "mailto:", 7) == 0)
    organizer += 7;
  return g_ascii_strcasecmp (organizer, calendar->target) == 0;
}

static gboolean
collect_copy (icalcomponent *vevent,
              icalcomponent *vcalendar,
              gpointer       user_data)
{
  CopyCollector *collector = user_data;
  const char *uid = icalcomponent_get_uid (vevent);
  ResfriSyncCopy copy = { 0 };
  gsize start;
  gsize length;

  if (uid == NULL || uid[0] == '\0')
    return FALSE;
  /* Resfri's bookings and locks (resfri-server-bookings.c) are no
   * meetings. This database's own bookings are its bookings already;
   * another installation's, in a room's or an item's calendar, reserve that
   * room or item (spec/sync.md). */
  if (strcmp (uid, "resfri-lease") == 0)
    return TRUE;
  if (g_str_has_prefix (uid, "resfri-booking-"))
    {
      const char *host = strrchr (uid, '@');

      if (collector->bookings != NULL &&
          (host == NULL || g_strcmp0 (host + 1, collector->installation) != 0))
        g_ptr_array_add (collector->bookings, vevent);
      return TRUE;
    }
  copy.uid = g_strdup (uid);
  resfri_expand_get_recurrence_id (vevent, copy.recurrence_id);
  copy.organizer = is_organizer_copy (collector->calendar, vevent);
  copy.sequence = icalcomponent_get_sequence (vevent);
  copy.stamp = get_stamp (vevent);
  copy.text_start = copy.text_length = -1;
  if (resfri_ical_document_get_span (collector->doc, vevent, &start, &length))
    {
      copy.text_start = start;
      copy.text_length = length;
    }
  g_array_append_val (collector->copies, copy);
  return TRUE;
}

/* The occurrences of another installation's bookings @vevents, not
 * cancelled and with a duration, into @reservations: an override replaces
 * its instance of the master. FALSE with @error (and *@line) when one
 * cannot be expanded. */
static gboolean
expand_bookings (ResfriIcalDocument  *doc,
                 GPtrArray           *vevents,
                 GArray              *reservations,
                 guint               *line,
                 GError             **error)
{
  g_autoptr(GHashTable) overridden = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  /* Overrides first, then the masters without the instances they replace. */
  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < vevents->len; i++)
      {
        icalcomponent *vevent = g_ptr_array_index (vevents, i);
        g_autoptr(GArray) occurrences = g_array_new (FALSE, FALSE, sizeof (ResfriOccurrence));
        char recurrence_id[20];

        resfri_expand_get_recurrence_id (vevent, recurrence_id);
        if ((pass == 0) != (recurrence_id[0] != '\0'))
          continue;
        if (!resfri_expand_vevent (vevent, resfri_expand_get_horizon (vevent, now),
                                   RESFRI_EXPAND_NONE, occurrences, error))
          {
            *line = MAX (resfri_ical_document_get_line (doc, vevent), 1);
            return FALSE;
          }
        for (guint j = 0; j < occurrences->len; j++)
          {
            const ResfriOccurrence *o = &g_array_index (occurrences, ResfriOccurrence, j);
            ResfriSyncReservation reservation = { 0 };

            if (pass == 0)
              g_hash_table_add (overridden, _resfri_sync_make_key (o->uid, o->recurrence_id));
            else
              {
                g_autofree char *key = _resfri_sync_make_key (o->uid, o->recurrence_id);

                if (g_hash_table_contains (overridden, key))
                  continue;
              }
            if (o->cancelled || o->end <= o->start)
              continue;
            reservation.uid = g_strdup (o->uid);
            memcpy (reservation.recurrence_id, o->recurrence_id, sizeof reservation.recurrence_id);
            reservation.summary = g_strdup (icalcomponent_get_summary (vevent));
            reservation.start = o->start;
            reservation.end = o->end;
            g_array_append_val (reservations, reservation);
          }
      }
  return TRUE;
}

static void
add_skip (ResfriSyncCalendarResult *result,
          const char               *href,
          guint                     line,
          const char               *message)
{
  ResfriSyncSkip *skip = g_new0 (ResfriSyncSkip, 1);

  skip->href = g_strdup (href);
  skip->line = line;
  skip->message = g_strdup (message);
  g_strdelimit (skip->message, "\r\n", ' ');
  g_ptr_array_add (result->skipped, skip);
}

/* "HREF:LINE: what" (resfri-ical.c's form) → LINE and "what". */
static void
add_skip_from_error (ResfriSyncCalendarResult *result,
                     const char               *href,
                     const GError             *error)
{
  const char *message = error->message;
  guint line = 0;

  if (g_str_has_prefix (message, href) && message[strlen (href)] == ':')
    {
      char *end = NULL;

      message += strlen (href) + 1;
      line = (guint) g_ascii_strtoull (message, &end, 10);
      if (end != NULL && end[0] == ':' && end[1] == ' ')
        message = end + 2;
    }
  add_skip (result, href, line, message);
}

/* Stores one resource (@data NULL: removes it) and resolves what it
 * touched, inside a SAVEPOINT: a resource that cannot be read or stored
 * changes nothing and is reported. @old_keys / @new_keys, when given, get
 * the keys it held before and holds now. FALSE only for a database error. */
static gboolean
apply_resource (ResfriSyncResolver         *resolver,
                const ResfriSourceCalendar *calendar,
                const char                 *href,
                const char                 *etag,
                const char                 *data,
                GHashTable                 *old_keys,
                GHashTable                 *new_keys,
                ResfriSyncCalendarResult   *result,
                GError                    **error)
{
  g_autoptr(GHashTable) touched = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) after = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GArray) copies = g_array_new (FALSE, TRUE, sizeof (ResfriSyncCopy));
  g_autoptr(GArray) reservations = g_array_new (FALSE, TRUE, sizeof (ResfriSyncReservation));
  g_autoptr(GPtrArray) bookings = NULL;
  g_autoptr(ResfriIcalDocument) doc = NULL;
  g_autoptr(GError) local = NULL;
  g_autofree char *installation = NULL;
  CopyCollector collector = { calendar, copies, NULL, 0, NULL, NULL };
  GHashTableIter iter;
  gpointer key;

  g_array_set_clear_func (copies, _resfri_sync_copy_clear);
  g_array_set_clear_func (reservations, _resfri_sync_reservation_clear);
  /* A room's, an item's or a pool's calendar: another installation's
   * bookings in it are reservations (this database's id:
   * resfri-server-bookings.c). */
  if (g_strcmp0 (calendar->role, "room") == 0 || g_strcmp0 (calendar->role, "item") == 0 ||
      g_strcmp0 (calendar->role, "pool") == 0)
    {
      collector.installation = installation = resfri_store_dup_meta (resolver->store,
                                                                     "installation-id");
      collector.bookings = bookings = g_ptr_array_new ();
    }

  if (data != NULL)
    {
      guint line = 0;

      if (!(doc = resfri_ical_document_parse (data, strlen (data), href, &local)))
        {
          add_skip_from_error (result, href, local);
          return TRUE;
        }
      collector.doc = doc;
      if (!_resfri_sync_foreach_vevent (doc, collect_copy, &collector))
        {
          add_skip (result, href, 0, _("the VEVENT has no UID"));
          return TRUE;
        }
      if (bookings != NULL && bookings->len > 0 &&
          !expand_bookings (doc, bookings, reservations, &line, &local))
        {
          add_skip (result, href, line, local->message);
          return TRUE;
        }
    }

  if (!_resfri_store_savepoint (resolver->store, "sync_resource", error))
    return FALSE;

  if (!_resfri_sources_delete_resource (resolver->store, calendar->id, href, touched, error))
    goto failed;
  if (old_keys != NULL)
    {
      g_hash_table_iter_init (&iter, touched);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        g_hash_table_add (old_keys, g_strdup (key));
    }
  if (data != NULL)
    {
      gint64 resource_id;

      if (!_resfri_sources_put_resource (resolver->store, calendar->id, href, etag, data, copies,
                                         reservations, after, &resource_id, error))
        goto failed;
      /* The keys are resolved from the stored text, which is @data: its
       * parse is the one at hand. A new resource may take a removed one's
       * id, so the cache's entry for that id is always replaced. */
      _resfri_sync_resolver_add (resolver, resource_id, g_steal_pointer (&doc));
    }
  g_hash_table_iter_init (&iter, after);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      if (new_keys != NULL)
        g_hash_table_add (new_keys, g_strdup (key));
      g_hash_table_add (touched, g_strdup (key));
    }

  resolver->line = 0;
  if (!_resfri_sync_resolver_resolve (resolver, touched, &local))
    {
      if (!g_error_matches (local, RESFRI_ERROR, RESFRI_ERROR_INVALID_ICAL))
        {
          g_propagate_error (error, g_steal_pointer (&local));
          goto failed;
        }
      /* Another resource's copy may be parsed in the cache with rows that
       * the rollback takes back: start the cache afresh. */
      _resfri_sync_resolver_forget (resolver);
      if (!_resfri_store_rollback_to (resolver->store, "sync_resource", error))
        return FALSE;
      if (old_keys != NULL)
        g_hash_table_remove_all (old_keys);
      if (new_keys != NULL)
        g_hash_table_remove_all (new_keys);
      add_skip (result, href, resolver->line, local->message);
      return TRUE;
    }

  return _resfri_store_release (resolver->store, "sync_resource", error);

failed:
  _resfri_sync_resolver_forget (resolver);
  _resfri_store_rollback_to (resolver->store, "sync_resource", NULL);
  return FALSE;
}

/* Bookings follow their meeting (spec/sync.md) as after a file import: in
 * the calendar's transaction, so that a release is kept exactly when the
 * change that caused it is. */
static gboolean
follow_bookings (ResfriStore  *store,
                 GPtrArray    *into,
                 GError      **error)
{
  GPtrArray *released = NULL;

  if (!resfri_bookings_follow_occurrences (store, &released, error))
    return FALSE;
  if (released != NULL)
    g_ptr_array_extend_and_steal (into, released);

  return TRUE;
}

/* A calendar */

typedef struct
{
  char *href;
  char *etag;
  char *data;
} Fetched;

static void
fetched_free (gpointer data)
{
  Fetched *fetched = data;

  g_free (fetched->href);
  g_free (fetched->etag);
  g_free (fetched->data);
  g_free (fetched);
}

static Fetched *
fetched_new (const ResfriDavResponse *response)
{
  Fetched *item = g_new0 (Fetched, 1);

  item->href = g_strdup (response->href);
  item->etag = g_strdup (response->etag);
  item->data = g_strdup (response->calendar_data);
  return item;
}

/* What changed since the stored token (or ETags): in @fetched what the
 * answer brought whole, @changed hrefs still to fetch, @removed hrefs
 * that are gone. */
static gboolean
list_changes (ResfriCaldav               *client,
              const ResfriSourceCalendar *calendar,
              const char                 *url,
              GHashTable                 *stored,
              GPtrArray                  *fetched,
              GPtrArray                  *changed,
              GPtrArray                  *removed,
              char                      **new_token,
              char                      **new_ctag,
              GCancellable               *cancellable,
              GError                    **error)
{
  g_autoptr(ResfriDavMultistatus) ms = NULL;
  g_autoptr(GHashTable) listed = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GError) local = NULL;
  gboolean full = calendar->sync_token == NULL;
  gboolean by_etags = FALSE;

  /* A ctag without a token: the server did not offer sync-collection
   * before, so the ETags at once (one request). */
  if (calendar->sync_token == NULL && calendar->ctag != NULL)
    g_set_error_literal (&local, RESFRI_ERROR, RESFRI_ERROR_INVALID_INPUT, "no sync-collection");
  else
    ms = resfri_caldav_sync_collection (client, url, calendar->sync_token, cancellable, &local);
  if (ms == NULL && g_error_matches (local, RESFRI_ERROR, RESFRI_ERROR_CONFLICT))
    {
      /* The server forgot the token: everything, compared with what is stored. */
      g_clear_error (&local);
      full = TRUE;
      ms = resfri_caldav_sync_collection (client, url, NULL, cancellable, &local);
    }
  if (ms == NULL && g_error_matches (local, RESFRI_ERROR, RESFRI_ERROR_INVALID_INPUT))
    {
      g_clear_error (&local);
      full = TRUE;
      by_etags = TRUE;
      ms = resfri_caldav_list_etags (client, url, cancellable, &local);
    }
  if (ms == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }

  /* By ETags, the ctag (or "" when the server gives none) says so for
   * the next sync. */
  if (!by_etags)
    *new_token = g_strdup (ms->sync_token);
  else
    for (guint i = 0; i < ms->responses->len && *new_ctag == NULL; i++)
      {
        ResfriDavResponse *response = g_ptr_array_index (ms->responses, i);

        if (response->is_collection)
          *new_ctag = g_strdup (response->ctag ? response->ctag : "");
      }
  if (by_etags && *new_ctag == NULL)
    *new_ctag = g_strdup ("");

  for (guint i = 0; i < ms->responses->len; i++)
    {
      ResfriDavResponse *response = g_ptr_array_index (ms->responses, i);
      const char *etag;

      if (response->is_collection)
        continue;
      if (response->status == 404 || response->status == 410)
        {
          if (g_hash_table_contains (stored, response->href))
            g_ptr_array_add (removed, g_strdup (response->href));
          continue;
        }
      g_hash_table_add (listed, response->href);
      etag = g_hash_table_lookup (stored, response->href);
      if (etag != NULL && response->etag != NULL && strcmp (etag, response->etag) == 0)
        continue;
      if (response->calendar_data != NULL)
        g_ptr_array_add (fetched, fetched_new (response));
      else
        g_ptr_array_add (changed, g_strdup (response->href));
    }

  if (full)
    {
      GHashTableIter iter;
      gpointer href;

      g_hash_table_iter_init (&iter, stored);
      while (g_hash_table_iter_next (&iter, &href, NULL))
        if (!g_hash_table_contains (listed, href))
          g_ptr_array_add (removed, g_strdup (href));
    }

  return TRUE;
}

static gboolean
fetch_changed (ResfriCaldav  *client,
               const char    *url,
               GPtrArray     *changed,
               GPtrArray     *fetched,
               GPtrArray     *removed,
               GCancellable  *cancellable,
               GError       **error)
{
  for (guint start = 0; start < changed->len; start += MULTIGET_BATCH)
    {
      g_autoptr(GPtrArray) batch = g_ptr_array_new ();
      g_autoptr(ResfriDavMultistatus) ms = NULL;

      for (guint i = start; i < changed->len && i < start + MULTIGET_BATCH; i++)
        g_ptr_array_add (batch, g_ptr_array_index (changed, i));
      if (!(ms = resfri_caldav_multiget (client, url, batch, cancellable, error)))
        return FALSE;
      for (guint i = 0; i < ms->responses->len; i++)
        {
          ResfriDavResponse *response = g_ptr_array_index (ms->responses, i);

          if (response->status == 404 || response->status == 410)
            {
              g_ptr_array_add (removed, g_strdup (response->href));
              continue;
            }
          if (response->calendar_data == NULL)
            continue;
          g_ptr_array_add (fetched, fetched_new (response));
        }
    }
  return TRUE;
}

static void
set_error (char       **field,
           gint64       source_id,
           const char  *href,
           const char  *message)
{
  g_free (*field);
  if (href != NULL)
    *field = g_strdup_printf (_("source %lld, calendar %s: %s"), (long long) source_id, href,
                              message);
  else
    *field = g_strdup_printf (_("source %lld: %s"), (long long) source_id, message);
  g_strdelimit (*field, "\r\n", ' ');
}

/* FALSE only for a database error; a calendar's own error is in @result. */
/* Whether @local is the sync's cancellation, then moved to @error: a
 * cancelled sync stops, and records no error on the calendar it was in. */
static gboolean
cancelled (GError **local,
           GError **error)
{
  if (!g_error_matches (*local, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return FALSE;
  g_propagate_error (error, g_steal_pointer (local));
  return TRUE;
}

static gboolean
sync_calendar (ResfriStore                *store,
               ResfriCaldav               *client,
               const ResfriSourceCalendar *calendar,
               ResfriSyncCalendarResult   *result,
               GPtrArray                  *released,
               GCancellable               *cancellable,
               GError                    **error)
{
  g_autoptr(GHashTable) stored = NULL;
  g_autoptr(GPtrArray) changed = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) removed = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) fetched = g_ptr_array_new_with_free_func (fetched_free);
  g_autofree char *url = resfri_caldav_resolve (client, calendar->href);
  g_autofree char *token = NULL;
  g_autofree char *ctag = NULL;
  g_autoptr(GError) local = NULL;
  ResfriSyncResolver resolver = { 0 };

  if (!(stored = _resfri_sources_dup_etags (store, calendar->id, error)))
    return FALSE;

  if (!list_changes (client, calendar, url, stored, fetched, changed, removed, &token, &ctag,
                     cancellable, &local) ||
      !fetch_changed (client, url, changed, fetched, removed, cancellable, &local))
    {
      if (cancelled (&local, error))
        return FALSE;
      set_error (&result->error, calendar->source_id, calendar->href, local->message);
      return _resfri_sources_set_calendar_state (store, calendar->id, calendar->sync_token,
                                                 calendar->ctag, result->error, error);
    }

  /* Nothing changed: nothing to write (most calendars, most syncs). */
  if (removed->len == 0 && fetched->len == 0 && calendar->last_error == NULL &&
      g_strcmp0 (token, calendar->sync_token) == 0 && g_strcmp0 (ctag, calendar->ctag) == 0)
    return TRUE;

  _resfri_sync_resolver_init (&resolver, store);
  if (!_resfri_store_begin (store, error))
    goto failed;
  for (guint i = 0; i < removed->len; i++)
    if (!apply_resource (&resolver, calendar, g_ptr_array_index (removed, i), NULL, NULL, NULL,
                         NULL, result, error))
      goto failed;
  result->removed = removed->len;
  for (guint i = 0; i < fetched->len; i++)
    {
      Fetched *item = g_ptr_array_index (fetched, i);
      guint skipped = result->skipped->len;

      if (!apply_resource (&resolver, calendar, item->href, item->etag, item->data, NULL, NULL,
                           result, error))
        goto failed;
      if (result->skipped->len == skipped)
        {
          if (g_hash_table_contains (stored, item->href))
            result->changed++;
          else
            result->added++;
        }
    }
  if (!follow_bookings (store, released, error) ||
      !_resfri_sources_set_calendar_state (store, calendar->id, token, ctag, NULL, error) ||
      !_resfri_store_commit (store, error))
    goto failed;

  _resfri_sync_resolver_clear (&resolver);
  return TRUE;

failed:
  if (_resfri_store_in_transaction (store))
    _resfri_store_rollback (store);
  _resfri_sync_resolver_clear (&resolver);
  return FALSE;
}

/* A published feed: one calendar, one resource. */
static gboolean
sync_feed (ResfriStore                *store,
           ResfriCaldav               *client,
           const ResfriSourceCalendar *calendar,
           ResfriSyncCalendarResult   *result,
           GPtrArray                  *released,
           GCancellable               *cancellable,
           GError                    **error)
{
  g_autoptr(GHashTable) stored = NULL;
  g_autoptr(GHashTable) old_keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) new_keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) local = NULL;
  g_autofree char *etag = NULL;
  g_autofree char *last_modified = NULL;
  g_autofree char *text = NULL;
  ResfriSyncResolver resolver = { 0 };
  gboolean unchanged = FALSE;
  const char *stored_etag;
  GHashTableIter iter;
  gpointer key;

  if (!(stored = _resfri_sources_dup_etags (store, calendar->id, error)))
    return FALSE;

  stored_etag = g_hash_table_lookup (stored, calendar->href);
  if (stored_etag != NULL && stored_etag[0] == '\0')
    stored_etag = NULL;
  body = resfri_feed_fetch (client, calendar->href, stored_etag,
                            calendar->ctag, &unchanged, &etag, &last_modified, cancellable, &local);
  if (body == NULL && !unchanged)
    {
      if (cancelled (&local, error))
        return FALSE;
      set_error (&result->error, calendar->source_id, calendar->href, local->message);
      return _resfri_sources_set_calendar_state (store, calendar->id, NULL, calendar->ctag,
                                                 result->error, error);
    }
  if (unchanged)
    return _resfri_sources_set_calendar_state (store, calendar->id, NULL, calendar->ctag, NULL,
                                               error);

  text = g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
  if (!g_utf8_validate (text, -1, NULL) || strlen (text) != g_bytes_get_size (body))
    {
      add_skip (result, calendar->href, 0, _("the feed is not UTF-8 text"));
      return TRUE;
    }

  _resfri_sync_resolver_init (&resolver, store);
  if (!_resfri_store_begin (store, error) ||
      !apply_resource (&resolver, calendar, calendar->href, etag ? etag : "", text, old_keys,
                       new_keys, result, error) ||
      !follow_bookings (store, released, error) ||
      !_resfri_sources_set_calendar_state (store, calendar->id, NULL, last_modified, NULL, error) ||
      !_resfri_store_commit (store, error))
    {
      if (_resfri_store_in_transaction (store))
        _resfri_store_rollback (store);
      _resfri_sync_resolver_clear (&resolver);
      return FALSE;
    }
  _resfri_sync_resolver_clear (&resolver);

  /* A feed counts its events. */
  g_hash_table_iter_init (&iter, new_keys);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (g_hash_table_contains (old_keys, key))
      result->changed++;
    else
      result->added++;
  g_hash_table_iter_init (&iter, old_keys);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!g_hash_table_contains (new_keys, key))
      result->removed++;
  return TRUE;
}

ResfriCaldav *
_resfri_sync_open_client (const ResfriSource  *source,
                          GCancellable        *cancellable,
                          GError             **error)
{
  g_autoptr(GError) local = NULL;
  char *password;
  ResfriCaldav *client;

  password = resfri_secret_get_password (source, cancellable, &local);
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }
  client = resfri_caldav_new (source->url, source->user, password, source->ca_file, error);
  resfri_secret_free (password);
  return client;
}

/* The calendars done of those to sync, told after each (the app's
 * progress bar). */
typedef struct
{
  ResfriSyncProgressFunc func;
  gpointer               data;
  guint                  done;
  guint                  total;
} Progress;

static void
progress_step (Progress *progress)
{
  progress->done++;
  if (progress->func != NULL)
    progress->func (progress->done, MAX (progress->total, progress->done), progress->data);
}

static gboolean
sync_source (ResfriStore             *store,
             const ResfriSource      *source,
             ResfriSyncResult        *result,
             Progress                *progress,
             GCancellable            *cancellable,
             GError                 **error)
{
  ResfriSyncSourceResult *source_result = g_new0 (ResfriSyncSourceResult, 1);
  g_autoptr(GPtrArray) calendars = NULL;
  g_autoptr(ResfriCaldav) client = NULL;
  g_autoptr(GError) local = NULL;
  const char *first_error = NULL;

  source_result->id = source->id;
  source_result->calendars = g_ptr_array_new_with_free_func (calendar_result_free);
  g_ptr_array_add (result->sources, source_result);

  if (!(calendars = resfri_sources_list_calendars (store, source->id, error)))
    return FALSE;

  client = _resfri_sync_open_client (source, cancellable, &local);
  if (client == NULL && cancelled (&local, error))
    return FALSE;
  if (client == NULL)
    set_error (&source_result->error, source->id, NULL, local->message);

  for (guint i = 0; i < calendars->len; i++)
    {
      ResfriSourceCalendar *calendar = g_ptr_array_index (calendars, i);
      ResfriSyncCalendarResult *calendar_result;
      gboolean ok;

      if (!calendar->following)
        continue;
      /* Cancelled: what is not synced yet keeps its state, no error. */
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      calendar_result = g_new0 (ResfriSyncCalendarResult, 1);
      calendar_result->href = g_strdup (calendar->href);
      calendar_result->skipped = g_ptr_array_new_with_free_func (skip_free);
      g_ptr_array_add (source_result->calendars, calendar_result);

      if (client == NULL)
        {
          set_error (&calendar_result->error, source->id, calendar->href, local->message);
          if (!_resfri_sources_set_calendar_state (store, calendar->id, calendar->sync_token,
                                                   calendar->ctag, calendar_result->error, error))
            return FALSE;
          progress_step (progress);
          continue;
        }
      if (g_strcmp0 (calendar->role, "feed") == 0)
        ok = sync_feed (store, client, calendar, calendar_result, result->released, cancellable,
                        error);
      else
        ok = sync_calendar (store, client, calendar, calendar_result, result->released,
                            cancellable, error);
      if (!ok || g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      progress_step (progress);
      if (first_error == NULL)
        first_error = calendar_result->error;
    }

  if (client != NULL)
    result->requests += resfri_caldav_get_requests (client);

  return _resfri_sync_finish_source (store, source_result,
                                     source_result->error ? source_result->error : first_error,
                                     error);
}

/* The followed calendars of @sources: what the progress counts to. */
static guint
count_followed (ResfriStore *store,
                GPtrArray   *sources)
{
  guint total = 0;

  for (guint i = 0; i < sources->len; i++)
    {
      const ResfriSource *source = g_ptr_array_index (sources, i);
      g_autoptr(GPtrArray) calendars = resfri_sources_list_calendars (store, source->id, NULL);

      for (guint j = 0; calendars != NULL && j < calendars->len; j++)
        total += ((ResfriSourceCalendar *) g_ptr_array_index (calendars, j))->following ? 1 : 0;
    }
  return total;
}

ResfriSyncResult *
resfri_sync_run (ResfriStore   *store,
                 GArray        *ids,
                 GCancellable  *cancellable,
                 GError       **error)
{
  return _resfri_sync_run_full (store, ids, NULL, NULL, cancellable, error);
}

ResfriSyncResult *
_resfri_sync_run_full (ResfriStore             *store,
                       GArray                  *ids,
                       ResfriSyncProgressFunc   progress_func,
                       gpointer                 progress_data,
                       GCancellable            *cancellable,
                       GError                 **error)
{
  g_autoptr(ResfriSyncResult) result = g_new0 (ResfriSyncResult, 1);
  g_autoptr(GPtrArray) sources = NULL;
  gint64 started = g_get_monotonic_time ();
  Progress progress = { progress_func, progress_data, 0, 0 };

  g_return_val_if_fail (RESFRI_IS_STORE (store), NULL);

  result->sources = g_ptr_array_new_with_free_func (source_result_free);
  result->released = g_ptr_array_new_with_free_func ((GDestroyNotify) resfri_booking_free);

  if (ids != NULL)
    {
      sources = g_ptr_array_new_with_free_func ((GDestroyNotify) resfri_source_free);
      for (guint i = 0; i < ids->len; i++)
        {
          ResfriSource *source = resfri_sources_get (store, g_array_index (ids, gint64, i), error);

          if (source == NULL)
            return NULL;
          g_ptr_array_add (sources, source);
        }
    }
  else if (!(sources = resfri_sources_list (store, error)))
    return NULL;

  if (progress_func != NULL)
    {
      progress.total = count_followed (store, sources);
      progress_func (0, progress.total, progress_data);
    }
  for (guint i = 0; i < sources->len; i++)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;
      if (!sync_source (store, g_ptr_array_index (sources, i), result, &progress, cancellable,
                        error))
        {
          _resfri_sync_audit_stopped (store, g_ptr_array_index (result->sources,
                                                                result->sources->len - 1));
          return NULL;
        }
    }

  if (!_resfri_server_bookings_reconcile (store, result, error))
    return NULL;
  result->seconds = (g_get_monotonic_time () - started) / (double) G_USEC_PER_SEC;
  return g_steal_pointer (&result);
}

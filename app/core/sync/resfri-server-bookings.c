/* resfri-server-bookings.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Resfri's bookings on the server (spec/sync.md, "Bookings on the
 * server"): a booking of a room or item whose resource calendar is followed
 * is written there as an event (UID resfri-booking-N@INSTALLATION, SUMMARY,
 * the interval in UTC, ORGANIZER the booker when known, RELATED-TO the
 * meeting, X-RESFRI-BOOKING N), created with If-None-Match: *, deleted with
 * If-Match; where it is lives in sync_bookings (resfri-sources.c).
 *
 * The guarantee across machines, on a plain CalDAV server, is a lease per
 * resource calendar, the resource "resfri-lease.ics" in that calendar:
 *
 *  1. Take: PUT the lease (a unique nonce in it, so its ETag is new) with
 *     If-None-Match: *. On 412 GET it: when it has expired, PUT ours with
 *     If-Match: <its ETag> (of several takers only one such PUT succeeds);
 *     else poll until it is released or expires. Expiry is judged on the
 *     server's clock alone: the GET's Date header minus the lease's
 *     Last-Modified, against the duration the holder wrote in it
 *     (X-RESFRI-LEASE-SECONDS; 45 s, RESFRI_TEST_LEASE_SECONDS for the
 *     tests). Assumption: the server's clock runs on (clients' clocks are
 *     never compared); without Last-Modified the lease's DTSTAMP and our
 *     clock are used.
 *  2. Read the whole calendar and refuse (RESFRI_ERROR_CONFLICT, naming
 *     the holder) when an event other than ours overlaps the booking.
 *  3. Check the lease's ETag is still ours, then PUT the booking.
 *  4. Check the lease's ETag again. Still ours: the booking stays. Not ours
 *     (we stalled past expiry and were taken over): DELETE our booking and
 *     report the conflict.
 *  5. Release: DELETE the lease with If-Match: <our ETag>.
 *
 * Why it is safe. The tie-break is step 4: a booking is kept only by a
 * client whose lease ETag was unchanged from step 1 to step 4, i.e. which
 * held the lease alone over that whole stretch (every take or takeover
 * changes the ETag). Two such stretches cannot overlap in time, so the
 * later one's read (step 2) comes after the earlier one's write and sees
 * it, and refuses. A client taken over removes its own booking, so two
 * clients can never both keep theirs; and the one holding a current lease
 * never removes its own, so two racing clients cannot both lose, as long as
 * neither stalls beyond the lease's duration (then both may report the
 * conflict, which is safe). A client killed while holding the lease leaves
 * it to expire; one killed after step 3 leaves its booking, written under a
 * lease that was current just before, which later readers see and respect.
 * A resource already at our booking's URL (the name holds this database's
 * id and the booking's, never given twice: bookings/resfri-bookings.c) is
 * ours: a reconcile pushed it while the booking waited for the lease; it
 * is replaced with If-Match, not reported as a conflict.
 *
 * Reconciling, at the end of every sync and usable on its own
 * (_resfri_server_bookings_reconcile()): a client killed between its local
 * commit and step 3 keeps a local booking the server does not hold; every
 * booking not yet ended of a room or item whose calendar is followed and
 * that has no sync_bookings row is pushed through steps 1 to 5. One the
 * server now holds for another (step 2) is released, kept in
 * booking_releases as "taken" with the holder named, so that
 * `bookings --attention` lists it; other failures (server unreachable,
 * lock held) wait for the next sync. A cancellation whose DELETE failed
 * leaves its sync_bookings row (the booking is gone locally): its DELETE
 * is retried.
 *
 * The organiser's copy (resfri-organiser-event.c): after a room's
 * bookings are written, the organiser's copy of their meeting, when the
 * sync holds one in a followed calendar, gets the room's ATTENDEE: on the
 * master for a meeting that does not recur or whose several occurrences
 * were booked together, on the override of each booked occurrence that
 * has one; a single occurrence of a series without an override is left as
 * it is (the master would claim the room for every occurrence). A
 * cancellation removes the ATTENDEE from the override of its occurrence,
 * and from the master once the room has no booking of the meeting left;
 * it knows the meeting from the cancelled booking, or, for one already
 * gone locally (the reconcile's retried DELETE), from the server's copy,
 * which carries RELATED-TO and X-RESFRI-RECURRENCE-ID for that. Only rooms
 * whose calendar is followed take part.
 *
 * A write to the organiser's copy that fails for another reason than a
 * 412 (the server unreachable, 5xx, the copy changed at every one of 5
 * attempts) does not touch the booking; it is owed and retried at the end
 * of every sync's reconcile until it lands, or the booking ends or is
 * cancelled (resfri-organiser-event.c).
 *
 * Left open: a client stalled between steps 3 and 4 past expiry and then
 * killed leaves a booking that a taker may not have seen. The lease is
 * also waited for synchronously: the caller must not be a UI thread.
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <libical/ical.h>
#include <libsoup/soup.h>

#include "resfri-booking.h"
#include "resfri-bookings-private.h"
#include "resfri-caldav.h"
#include "resfri-error.h"
#include "resfri-organiser-event.h"
#include "resfri-server-bookings.h"
#include "resfri-sources-private.h"
#include "resfri-store-private.h"
#include "resfri-sync-private.h"

#define DEFAULT_LEASE_SECONDS 45
#define INSTALLATION_KEY "installation-id"

typedef struct
{
  ResfriCaldav *client;
  char         *calendar_url;
  char         *lease_url;
  char         *etag;         /* our lease's, or NULL */
  guint         seconds;
} Lease;

static void
lease_clear (Lease *lease)
{
  g_clear_pointer (&lease->client, resfri_caldav_free);
  g_clear_pointer (&lease->calendar_url, g_free);
  g_clear_pointer (&lease->lease_url, g_free);
  g_clear_pointer (&lease->etag, g_free);
}

static guint
lease_seconds (void)
{
  /* Test-only: a short lease so that the tests need not wait a minute. */
  const char *value = g_getenv ("RESFRI_TEST_LEASE_SECONDS");

  if (value != NULL && g_ascii_isdigit (*value))
    return (guint) CLAMP (g_ascii_strtoull (value, NULL, 10), 1, 3600);
  return DEFAULT_LEASE_SECONDS;
}

/* Test-only (tests/sync): RESFRI_TEST_STALL=WHERE:SECONDS makes the
 * booking stall at WHERE ("before-push", after the local commit;
 * "before-write" or "after-write", so that a test can let the lease expire
 * under it; "before-delete" of a cancellation; "organiser-put", between
 * reading and writing the organiser's copy). With RESFRI_TEST_STALL_FILE
 * it stalls only the first time: it creates that file there and goes on as
 * soon as the test removes it (at the latest after SECONDS). */
void
_resfri_server_bookings_test_stall (const char *where)
{
  const char *value = g_getenv ("RESFRI_TEST_STALL");
  const char *file = g_getenv ("RESFRI_TEST_STALL_FILE");
  gsize length = strlen (where);
  static gint stalled = 0;
  gint64 deadline;

  if (value == NULL || strncmp (value, where, length) != 0 || value[length] != ':' ||
      (file != NULL && !g_atomic_int_compare_and_exchange (&stalled, 0, 1)))
    return;
  deadline = g_get_monotonic_time () +
             (gint64) g_ascii_strtoull (value + length + 1, NULL, 10) * G_USEC_PER_SEC;
  if (file == NULL || !g_file_set_contents (file, where, -1, NULL))
    {
      g_usleep (MAX (deadline - g_get_monotonic_time (), 0));
      return;
    }
  while (g_file_test (file, G_FILE_TEST_EXISTS) && g_get_monotonic_time () < deadline)
    g_usleep (10 * 1000);
}

/* A stable id of this database, made on first use. */
static char *
dup_installation (ResfriStore *store)
{
  char *id = resfri_store_dup_meta (store, INSTALLATION_KEY);

  if (id == NULL)
    {
      id = g_uuid_string_random ();
      resfri_store_set_meta (store, INSTALLATION_KEY, id, NULL);
    }
  return id;
}

static char *
lease_text (const char *holder,
            guint       seconds)
{
  g_autofree char *nonce = g_uuid_string_random ();
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%dT%H%M%SZ");

  return g_strdup_printf ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Resfri//lease//EN\r\n"
                          "BEGIN:VEVENT\r\nUID:resfri-lease\r\nDTSTAMP:%s\r\n"
                          "DTSTART:19700101T000000Z\r\nDTEND:19700101T000001Z\r\n"
                          "SUMMARY:Resfri lease\r\nX-RESFRI-HOLDER:%s %s\r\n"
                          "X-RESFRI-LEASE-SECONDS:%u\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
                          stamp, holder, nonce, seconds);
}

static gint64
http_time (const char *value)
{
  g_autoptr(GDateTime) time = value ? soup_date_time_new_from_http_string (value) : NULL;

  return time ? g_date_time_to_unix (time) : 0;
}

/* The value of @name in a lease's text, or NULL. */
static char *
lease_field (const char *text,
             const char *name)
{
  const char *at = strstr (text, name);
  const char *end;

  if (at == NULL || at[strlen (name)] != ':')
    return NULL;
  at += strlen (name) + 1;
  end = strpbrk (at, "\r\n");
  return g_strndup (at, end ? (gsize) (end - at) : strlen (at));
}

static gboolean
lease_expired (const char *text,
               const char *last_modified,
               const char *date)
{
  g_autofree char *seconds_text = lease_field (text, "X-RESFRI-LEASE-SECONDS");
  g_autofree char *stamp = lease_field (text, "DTSTAMP");
  gint64 seconds = seconds_text ? g_ascii_strtoll (seconds_text, NULL, 10) : DEFAULT_LEASE_SECONDS;
  gint64 taken = http_time (last_modified);
  gint64 now = http_time (date);

  if (taken == 0 || now == 0)
    {
      struct icaltimetype t = stamp ? icaltime_from_string (stamp) : icaltime_null_time ();

      taken = icaltime_is_null_time (t) ? 0 : icaltime_as_timet_with_zone (t, icaltimezone_get_utc_timezone ());
      now = g_get_real_time () / G_USEC_PER_SEC;
    }
  return now - taken >= seconds;
}

static gboolean
is_success (guint status)
{
  return status >= 200 && status < 300;
}

/* Step 1 of the protocol (the file's comment). */
static gboolean
lease_take (Lease        *lease,
            const char   *holder,
            GError      **error)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) (lease->seconds + 30) * G_USEC_PER_SEC;

  for (;;)
    {
      g_autofree char *text = lease_text (holder, lease->seconds);
      g_autofree char *etag = NULL;
      g_autofree char *last_modified = NULL;
      g_autofree char *date = NULL;
      g_autoptr(GBytes) answer = NULL;
      g_autoptr(GError) local = NULL;
      guint status = 0;

      if (!(answer = resfri_caldav_write (lease->client, "PUT", lease->lease_url, text, NULL, "*",
                                          &status, &etag, NULL, NULL, NULL, error)))
        return FALSE;
      if (is_success (status) && etag != NULL)
        {
          lease->etag = g_steal_pointer (&etag);
          return TRUE;
        }
      g_clear_pointer (&answer, g_bytes_unref);
      g_clear_pointer (&etag, g_free);
      answer = resfri_caldav_write (lease->client, "GET", lease->lease_url, NULL, NULL, NULL,
                                    &status, &etag, &last_modified, &date, NULL, &local);
      if (answer == NULL && !g_error_matches (local, RESFRI_ERROR, RESFRI_ERROR_NOT_FOUND))
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return FALSE;
        }
      if (answer != NULL && etag != NULL)
        {
          g_autofree char *held = g_strndup (g_bytes_get_data (answer, NULL), g_bytes_get_size (answer));

          if (lease_expired (held, last_modified, date))
            {
              g_autoptr(GBytes) put = NULL;
              g_autofree char *new_etag = NULL;

              g_free (text);
              text = lease_text (holder, lease->seconds);
              if (!(put = resfri_caldav_write (lease->client, "PUT", lease->lease_url, text, etag,
                                               NULL, &status, &new_etag, NULL, NULL, NULL, error)))
                return FALSE;
              if (is_success (status) && new_etag != NULL)
                {
                  lease->etag = g_steal_pointer (&new_etag);
                  return TRUE;
                }
              continue;
            }
          if (g_get_monotonic_time () > deadline)
            {
              g_autofree char *who = lease_field (held, "X-RESFRI-HOLDER");

              g_set_error (error, RESFRI_ERROR, RESFRI_ERROR_FAILED,
                           _("%s stays locked by another Resfri (%s); try again later"),
                           lease->calendar_url, who ? who : "?");
              return FALSE;
            }
          g_usleep (g_random_int_range (50, 250) * 1000);
        }
    }
}

/* Whether the lease on the server is still ours. */
static gboolean
lease_is_ours (Lease     *lease,
               gboolean  *ours,
               GError   **error)
{
  g_autofree char *etag = NULL;
  g_autoptr(GBytes) answer = NULL;
  g_autoptr(GError) local = NULL;
  guint status = 0;

  answer = resfri_caldav_write (lease->client, "GET", lease->lease_url, NULL, NULL, NULL, &status,
                                &etag, NULL, NULL, NULL, &local);
  if (answer == NULL && !g_error_matches (local, RESFRI_ERROR, RESFRI_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  *ours = answer != NULL && g_strcmp0 (etag, lease->etag) == 0;
  return TRUE;
}

static void
lease_release (Lease *lease)
{
  g_autoptr(GBytes) answer = NULL;
  guint status = 0;

  if (lease->etag != NULL)
    answer = resfri_caldav_write (lease->client, "DELETE", lease->lease_url, NULL, lease->etag,
                                  NULL, &status, NULL, NULL, NULL, NULL, NULL);
  g_clear_pointer (&lease->etag, g_free);
}

/* The UTC interval of @vevent, FALSE when it has none. */
static gboolean
vevent_interval (icalcomponent *vevent,
                 gint64        *start,
                 gint64        *end)
{
  struct icaltimetype dtstart = icalcomponent_get_dtstart (vevent);
  struct icaltimetype dtend = icalcomponent_get_dtend (vevent);
  icalproperty *property = icalcomponent_get_first_property (vevent, ICAL_DTSTART_PROPERTY);
  icalparameter *tzid = property ? icalproperty_get_first_parameter (property, ICAL_TZID_PARAMETER) : NULL;
  icaltimezone *zone = icaltimezone_get_utc_timezone ();

  if (icaltime_is_null_time (dtstart))
    return FALSE;
  if (dtstart.zone != NULL)
    zone = (icaltimezone *) dtstart.zone;
  else if (tzid != NULL && icaltimezone_get_builtin_timezone (icalparameter_get_tzid (tzid)))
    zone = icaltimezone_get_builtin_timezone (icalparameter_get_tzid (tzid));
  else if (!icaltime_is_utc (dtstart))
    zone = icaltimezone_get_builtin_timezone ("Europe/Stockholm");
  *start = icaltime_as_timet_with_zone (dtstart, zone);
  *end = icaltime_is_null_time (dtend) ? *start + (dtstart.is_date ? 86400 : 0)
                                       : icaltime_as_timet_with_zone (dtend, zone);
  return *end > *start;
}

typedef struct
{
  gint64   start;
  gint64   end;
  gboolean hit;
} Window;

static void
check_occurrence (icalcomponent         *vevent,
                  struct icaltime_span  *span,
                  void                  *data)
{
  Window *window = data;

  if (span->start < window->end && span->end > window->start)
    window->hit = TRUE;
}

/* Whether @vevent (or one of its occurrences, when it recurs) overlaps
 * [@start, @end). */
static gboolean
vevent_overlaps (icalcomponent *vevent,
                 gint64         start,
                 gint64         end)
{
  icaltimezone *utc = icaltimezone_get_utc_timezone ();
  Window window = { start, end, FALSE };
  gint64 s, e;

  if (!vevent_interval (vevent, &s, &e))
    return FALSE;
  if (icalcomponent_get_first_property (vevent, ICAL_RRULE_PROPERTY) == NULL)
    return s < end && e > start;
  icalcomponent_foreach_recurrence (vevent,
                                    icaltime_from_timet_with_zone (start - (e - s), 0, utc),
                                    icaltime_from_timet_with_zone (end, 0, utc),
                                    check_occurrence, &window);
  return window.hit;
}

/* Step 2: the first event of the calendar but @own_uid overlapping
 * [@start, @end), as "SUMMARY (ORGANIZER)" in @holder. */
static gboolean
find_overlap (Lease       *lease,
              const char  *own_uid,
              gint64       start,
              gint64       end,
              char       **holder,
              GError     **error)
{
  g_autoptr(ResfriDavMultistatus) list = NULL;
  g_autoptr(ResfriDavMultistatus) got = NULL;
  g_autoptr(GPtrArray) hrefs = g_ptr_array_new_with_free_func (g_free);

  *holder = NULL;
  if (!(list = resfri_caldav_list_etags (lease->client, lease->calendar_url, NULL, error)))
    return FALSE;
  for (guint i = 0; i < list->responses->len; i++)
    {
      ResfriDavResponse *response = g_ptr_array_index (list->responses, i);

      if (!response->is_collection && response->etag != NULL &&
          !g_str_has_suffix (response->href, "/resfri-lease.ics"))
        g_ptr_array_add (hrefs, g_strdup (response->href));
    }
  if (hrefs->len == 0)
    return TRUE;
  if (!(got = resfri_caldav_multiget (lease->client, lease->calendar_url, hrefs, NULL, error)))
    return FALSE;
  for (guint i = 0; i < got->responses->len && *holder == NULL; i++)
    {
      ResfriDavResponse *response = g_ptr_array_index (got->responses, i);
      icalcomponent *root;

      if (response->calendar_data == NULL ||
          !(root = icalparser_parse_string (response->calendar_data)))
        continue;
      for (icalcomponent *vevent = icalcomponent_isa (root) == ICAL_VEVENT_COMPONENT
                                   ? root : icalcomponent_get_first_component (root, ICAL_VEVENT_COMPONENT);
           vevent != NULL && *holder == NULL;
           vevent = vevent == root ? NULL : icalcomponent_get_next_component (root, ICAL_VEVENT_COMPONENT))
        {
          const char *uid = icalcomponent_get_uid (vevent);
          const char *summary = icalcomponent_get_summary (vevent);
          icalproperty *organizer = icalcomponent_get_first_property (vevent, ICAL_ORGANIZER_PROPERTY);

          if (g_strcmp0 (uid, own_uid) == 0 || g_strcmp0 (uid, "resfri-lease") == 0 ||
              icalcomponent_get_status (vevent) == ICAL_STATUS_CANCELLED ||
              !vevent_overlaps (vevent, start, end))
            continue;
          *holder = g_strdup_printf ("“%s” (%s)", summary ? summary : uid ? uid : "?",
                                     organizer ? icalproperty_get_organizer (organizer) : response->href);
        }
      icalcomponent_free (root);
    }
  return TRUE;
}

static char *
booking_text (const ResfriBooking *booking,
              const char          *uid)
{
  icalcomponent *calendar = icalcomponent_new (ICAL_VCALENDAR_COMPONENT);
  icalcomponent *vevent = icalcomponent_new (ICAL_VEVENT_COMPONENT);
  icaltimezone *utc = icaltimezone_get_utc_timezone ();
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, booking->id);
  icalproperty *property;
  char *text;

  icalcomponent_add_property (calendar, icalproperty_new_version ("2.0"));
  icalcomponent_add_property (calendar, icalproperty_new_prodid ("-//Resfri//booking//EN"));
  icalcomponent_set_uid (vevent, uid);
  icalcomponent_set_dtstamp (vevent, icaltime_from_timet_with_zone (time (NULL), 0, utc));
  icalcomponent_set_dtstart (vevent, icaltime_from_timet_with_zone (booking->start, 0, utc));
  icalcomponent_set_dtend (vevent, icaltime_from_timet_with_zone (booking->end, 0, utc));
  icalcomponent_set_summary (vevent, booking->summary ? booking->summary : booking->uid);
  if (booking->person != NULL)
    {
      g_autofree char *mailto = g_strconcat ("mailto:", booking->person, NULL);

      icalcomponent_add_property (vevent, icalproperty_new_organizer (mailto));
    }
  icalcomponent_add_property (vevent, icalproperty_new_relatedto (booking->uid));
  property = icalproperty_new_x (id);
  icalproperty_set_x_name (property, "X-RESFRI-BOOKING");
  icalcomponent_add_property (vevent, property);
  if (booking->recurrence_id != NULL && booking->recurrence_id[0] != '\0')
    {
      property = icalproperty_new_x (booking->recurrence_id);
      icalproperty_set_x_name (property, "X-RESFRI-RECURRENCE-ID");
      icalcomponent_add_property (vevent, property);
    }
  icalcomponent_add_component (calendar, vevent);
  text = icalcomponent_as_ical_string_r (calendar);
  icalcomponent_free (calendar);
  return text;
}

static gboolean
open_lease (ResfriStore          *store,
            gint64                source_id,
            const char           *calendar_href,
            Lease                *lease,
            GError              **error)
{
  g_autoptr(ResfriSource) source = NULL;

  if (!(source = resfri_sources_get (store, source_id, error)) ||
      !(lease->client = _resfri_sync_open_client (source, NULL, error)))
    return FALSE;
  lease->calendar_url = resfri_caldav_resolve (lease->client, calendar_href);
  if (!g_str_has_suffix (lease->calendar_url, "/"))
    {
      char *with_slash = g_strconcat (lease->calendar_url, "/", NULL);

      g_free (lease->calendar_url);
      lease->calendar_url = with_slash;
    }
  lease->lease_url = g_strconcat (lease->calendar_url, "resfri-lease.ics", NULL);
  lease->seconds = lease_seconds ();
  return TRUE;
}

static gboolean
delete_resource (ResfriCaldav *client,
                 const char   *url,
                 const char   *etag)
{
  g_autoptr(GBytes) answer = NULL;
  g_autoptr(GError) local = NULL;
  guint status = 0;

  answer = resfri_caldav_write (client, "DELETE", url, NULL, etag, NULL, &status, NULL, NULL,
                                NULL, NULL, &local);
  return (answer != NULL && is_success (status)) ||
         g_error_matches (local, RESFRI_ERROR, RESFRI_ERROR_NOT_FOUND);
}

/* Our resource at @url exists already (written before for this booking
 * id, by a sync that pushed it while this booking waited for the lease;
 * ids are never given twice): it is ours to replace. */
static GBytes *
replace_own (Lease       *lease,
             const char  *url,
             const char  *text,
             guint       *status,
             char       **etag,
             GError     **error)
{
  g_autoptr(GBytes) got = NULL;
  g_autofree char *current = NULL;

  if (!(got = resfri_caldav_write (lease->client, "GET", url, NULL, NULL, NULL, status, &current,
                                   NULL, NULL, NULL, error)))
    return NULL;
  g_clear_pointer (etag, g_free);
  return resfri_caldav_write (lease->client, "PUT", url, text, current, NULL, status, etag, NULL,
                              NULL, NULL, error);
}

/* Steps 1 to 5 for one booking: *@written when it is on the server now
 * (FALSE when its room or item has no followed calendar), *@taken when it
 * failed because the server holds another booking or reservation then. */
static gboolean
push_one (ResfriStore         *store,
          const ResfriBooking *booking,
          gboolean            *written,
          gboolean            *taken,
          GError             **error)
{
  g_autofree char *calendar_href = NULL;
  g_autofree char *href = NULL;
  g_autofree char *host = NULL;
  g_autofree char *uid = NULL;
  g_autofree char *url = NULL;
  g_autofree char *text = NULL;
  g_autofree char *holder = NULL;
  g_autofree char *etag = NULL;
  g_autoptr(GBytes) answer = NULL;
  gint64 source_id = 0;
  gint64 calendar_id = -1;
  Lease lease = { 0 };
  gboolean ours = FALSE;
  guint status = 0;

  *written = *taken = FALSE;
  if (!_resfri_sources_find_resource_calendar (store,
                                               booking->kind == RESFRI_BOOKING_ROOM ? "room" : "item",
                                               booking->resource, &source_id, &calendar_id,
                                               &calendar_href, error))
    return FALSE;
  if (calendar_id < 0)
    return TRUE;

  _resfri_server_bookings_test_stall ("before-push");
  host = dup_installation (store);
  uid = g_strdup_printf ("resfri-booking-%" G_GINT64_FORMAT "@%s", booking->id, host);
  if (!open_lease (store, source_id, calendar_href, &lease, error))
    goto fail;
  url = g_strdup_printf ("%sresfri-booking-%" G_GINT64_FORMAT "-%s.ics", lease.calendar_url,
                         booking->id, host);

  if (!lease_take (&lease, host, error) ||
      !find_overlap (&lease, uid, booking->start, booking->end, &holder, error))
    goto fail;
  _resfri_server_bookings_test_stall ("before-write");
  if (holder == NULL && !lease_is_ours (&lease, &ours, error))
    goto fail;
  *taken = holder != NULL;
  if (holder == NULL && !ours)
    holder = g_strdup (_("another Resfri that took over the lock"));
  if (holder != NULL)
    {
      g_set_error (error, RESFRI_ERROR, RESFRI_ERROR_CONFLICT,
                   _("%s is already taken on the server for that time by %s"),
                   booking->resource, holder);
      goto fail;
    }

  text = booking_text (booking, uid);
  if (!(answer = resfri_caldav_write (lease.client, "PUT", url, text, NULL, "*", &status, &etag,
                                      NULL, NULL, NULL, error)))
    goto fail;
  if (status == 412)
    {
      g_clear_pointer (&answer, g_bytes_unref);
      if (!(answer = replace_own (&lease, url, text, &status, &etag, error)))
        goto fail;
    }
  if (!is_success (status))
    {
      g_set_error (error, RESFRI_ERROR, RESFRI_ERROR_CONFLICT,
                   _("%s already holds a booking at %s"), lease.calendar_url, url);
      goto fail;
    }
  href = g_strdup_printf ("%s%sresfri-booking-%" G_GINT64_FORMAT "-%s.ics", calendar_href,
                          g_str_has_suffix (calendar_href, "/") ? "" : "/", booking->id, host);
  if (!_resfri_sources_put_booking (store, booking->id, calendar_id, href, etag, error))
    {
      delete_resource (lease.client, url, etag);
      goto fail;
    }
  _resfri_server_bookings_test_stall ("after-write");
  /* Step 4: kept only when the lease was ours all along. */
  if (!lease_is_ours (&lease, &ours, error) || !ours)
    {
      delete_resource (lease.client, url, etag);
      _resfri_sources_delete_booking (store, booking->id, NULL);
      if (error != NULL && *error == NULL)
        g_set_error (error, RESFRI_ERROR, RESFRI_ERROR_CONFLICT,
                     _("%s: another Resfri took over the lock while booking; try again"),
                     booking->resource);
      goto fail;
    }
  lease_release (&lease);
  lease_clear (&lease);
  *written = TRUE;
  return TRUE;

fail:
  if (lease.client != NULL)
    lease_release (&lease);
  lease_clear (&lease);
  return FALSE;
}

/* The room's ATTENDEE on the organiser's copies of the meetings of
 * @bookings (written to the server): on the master for a meeting that does
 * not recur or whose several occurrences were booked, on the override of
 * each occurrence booked. */
static void
add_rooms_to_meetings (ResfriStore *store,
                       GPtrArray   *bookings)
{
  g_autoptr(GHashTable) done = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < bookings->len; i++)
    {
      const ResfriBooking *booking = g_ptr_array_index (bookings, i);
      g_autoptr(GPtrArray) recurrence_ids = g_ptr_array_new ();
      char *key;
      gboolean master = FALSE;
      gint64 until = booking->end;

      if (booking->kind != RESFRI_BOOKING_ROOM)
        continue;
      key = g_strconcat (booking->uid, "\x1f", booking->resource, NULL);
      if (!g_hash_table_add (done, key))
        continue;
      for (guint j = i; j < bookings->len; j++)
        {
          const ResfriBooking *other = g_ptr_array_index (bookings, j);

          if (other->kind != RESFRI_BOOKING_ROOM || g_strcmp0 (other->uid, booking->uid) != 0 ||
              g_strcmp0 (other->resource, booking->resource) != 0)
            continue;
          if (other->recurrence_id == NULL || other->recurrence_id[0] == '\0')
            master = TRUE;
          else
            g_ptr_array_add (recurrence_ids, other->recurrence_id);
          until = MAX (until, other->end);
        }
      _resfri_organiser_event_set_room (store, booking->uid, booking->resource,
                                        master || recurrence_ids->len > 1, recurrence_ids, TRUE,
                                        until);
    }
}

gboolean
_resfri_server_bookings_push (ResfriStore  *store,
                              GPtrArray    *booked,
                              GError      **error)
{
  g_autoptr(GPtrArray) written = g_ptr_array_new ();

  for (guint i = 0; i < booked->len; i++)
    {
      ResfriBooking *booking = g_ptr_array_index (booked, i);
      gboolean on_server, taken;

      if (!push_one (store, booking, &on_server, &taken, error))
        {
          for (guint j = 0; j < i; j++)
            {
              const ResfriBooking *pushed = g_ptr_array_index (booked, j);

              _resfri_server_bookings_cancel (store, pushed->id, pushed, NULL);
            }
          return FALSE;
        }
      if (on_server)
        g_ptr_array_add (written, booking);
    }
  add_rooms_to_meetings (store, written);
  return TRUE;
}

/* The meeting and occurrence of our booking at @url (its RELATED-TO and
 * X-RESFRI-RECURRENCE-ID), read before it is deleted, for a booking no
 * longer held locally. */
static gboolean
read_occurrence (ResfriCaldav  *client,
                 const char    *url,
                 char         **uid,
                 char         **recurrence_id)
{
  g_autoptr(GBytes) answer = NULL;
  g_autofree char *text = NULL;
  icalcomponent *root;
  icalcomponent *vevent;
  icalproperty *property;
  guint status = 0;

  if (!(answer = resfri_caldav_write (client, "GET", url, NULL, NULL, NULL, &status, NULL, NULL,
                                      NULL, NULL, NULL)))
    return FALSE;
  text = g_strndup (g_bytes_get_data (answer, NULL), g_bytes_get_size (answer));
  if (!(root = icalparser_parse_string (text)))
    return FALSE;
  vevent = icalcomponent_isa (root) == ICAL_VEVENT_COMPONENT
           ? root : icalcomponent_get_first_component (root, ICAL_VEVENT_COMPONENT);
  if (vevent != NULL &&
      (property = icalcomponent_get_first_property (vevent, ICAL_RELATEDTO_PROPERTY)) != NULL)
    *uid = g_strdup (icalproperty_get_relatedto (property));
  for (property = vevent ? icalcomponent_get_first_property (vevent, ICAL_X_PROPERTY) : NULL;
       property != NULL;
       property = icalcomponent_get_next_property (vevent, ICAL_X_PROPERTY))
    if (g_strcmp0 (icalproperty_get_x_name (property), "X-RESFRI-RECURRENCE-ID") == 0)
      *recurrence_id = g_strdup (icalproperty_get_x (property));
  icalcomponent_free (root);
  return *uid != NULL;
}

/* After the cancellation of a booking of room @room for @uid +
 * @recurrence_id: its ATTENDEE goes from the override of that occurrence,
 * and from the master once the room has no booking of the meeting left. */
static void
remove_room_from_meeting (ResfriStore *store,
                          const char  *uid,
                          const char  *recurrence_id,
                          const char  *room)
{
  g_autoptr(GPtrArray) recurrence_ids = g_ptr_array_new ();
  gint64 left = _resfri_sources_count_room_bookings (store, uid, NULL, room, NULL);

  if (recurrence_id != NULL && recurrence_id[0] != '\0' &&
      _resfri_sources_count_room_bookings (store, uid, recurrence_id, room, NULL) == 0)
    g_ptr_array_add (recurrence_ids, (char *) recurrence_id);
  if (left >= 0)
    _resfri_organiser_event_set_room (store, uid, room, left == 0, recurrence_ids, FALSE, 0);
}

/* @booking: the booking as it was, when the caller still has it (its
 * meeting and occurrence then need no GET of the server's copy); NULL for
 * one already gone, as the reconcile finds it. */
gboolean
_resfri_server_bookings_cancel (ResfriStore          *store,
                                gint64                id,
                                const ResfriBooking  *booking,
                                GError              **error)
{
  g_autofree char *calendar_href = NULL;
  g_autofree char *href = NULL;
  g_autofree char *etag = NULL;
  g_autofree char *host = NULL;
  g_autofree char *url = NULL;
  g_autofree char *role = NULL;
  g_autofree char *room = NULL;
  g_autofree char *uid = NULL;
  g_autofree char *recurrence_id = NULL;
  g_autoptr(GError) local = NULL;
  gint64 source_id = 0;
  Lease lease = { 0 };
  gboolean done;

  if (!_resfri_sources_get_booking (store, id, &source_id, &calendar_href, &href, &etag, &local))
    {
      if (g_error_matches (local, RESFRI_ERROR, RESFRI_ERROR_NOT_FOUND))
        return TRUE;
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  if (!_resfri_sources_get_booking_target (store, id, &role, &room, error) ||
      !open_lease (store, source_id, calendar_href, &lease, error))
    {
      lease_clear (&lease);
      return FALSE;
    }
  host = dup_installation (store);
  url = g_strdup_printf ("%sresfri-booking-%" G_GINT64_FORMAT "-%s.ics", lease.calendar_url, id,
                         host);
  if (g_strcmp0 (role, "room") == 0 && booking != NULL)
    {
      uid = g_strdup (booking->uid);
      recurrence_id = g_strdup (booking->recurrence_id);
    }
  else if (g_strcmp0 (role, "room") == 0)
    read_occurrence (lease.client, url, &uid, &recurrence_id);
  _resfri_server_bookings_test_stall ("before-delete");
  /* Another's change (412) is overridden: the booking is ours to cancel. */
  done = delete_resource (lease.client, url, etag) || delete_resource (lease.client, url, NULL);
  lease_clear (&lease);
  if (!done)
    {
      g_autofree char *id_text = g_strdup_printf ("%" G_GINT64_FORMAT, id);

      g_set_error (error, RESFRI_ERROR, RESFRI_ERROR_FAILED,
                   _("Cannot delete booking %s from the server"), id_text);
      return FALSE;
    }
  if (!_resfri_sources_delete_booking (store, id, error))
    return FALSE;
  if (uid != NULL)
    remove_room_from_meeting (store, uid, recurrence_id, room);
  return TRUE;
}

/* Reconciling */

/* Releases @booking, which the server holds for another (@why), and keeps
 * why for `bookings --attention`. */
static gboolean
release_taken (ResfriStore          *store,
               const ResfriBooking  *booking,
               const char           *why,
               GError              **error)
{
  if (!_resfri_store_begin (store, error))
    return FALSE;
  if (!_resfri_booking_releases_add (store, booking, "taken", why, error) ||
      !_resfri_bookings_delete (store, booking->id, error))
    {
      _resfri_store_rollback (store);
      return FALSE;
    }
  return _resfri_store_commit (store, error);
}

gboolean
_resfri_server_bookings_reconcile (ResfriStore       *store,
                                   ResfriSyncResult  *result,
                                   GError           **error)
{
  g_autoptr(GArray) orphans = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) unpushed = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) written = g_ptr_array_new_with_free_func ((GDestroyNotify) resfri_booking_free);

  if (!_resfri_sources_list_orphan_bookings (store, orphans, error))
    return FALSE;
  for (guint i = 0; i < orphans->len; i++)
    {
      g_autoptr(GError) local = NULL;

      if (_resfri_server_bookings_cancel (store, g_array_index (orphans, gint64, i), NULL, &local))
        result->deleted++;
      else
        g_debug ("reconcile: %s", local->message);
    }

  if (!_resfri_sources_list_unpushed_bookings (store, g_get_real_time () / G_USEC_PER_SEC,
                                               unpushed, error))
    return FALSE;
  for (guint i = 0; i < unpushed->len; i++)
    {
      g_autoptr(ResfriBooking) booking = NULL;
      g_autoptr(GError) local = NULL;
      gboolean on_server, taken;

      if (!(booking = _resfri_bookings_get (store, g_array_index (unpushed, gint64, i), &local)))
        {
          if (g_error_matches (local, RESFRI_ERROR, RESFRI_ERROR_NOT_FOUND))
            continue;
          g_propagate_error (error, g_steal_pointer (&local));
          return FALSE;
        }
      if (push_one (store, booking, &on_server, &taken, &local))
        {
          if (on_server)
            {
              result->pushed++;
              g_ptr_array_add (written, g_steal_pointer (&booking));
            }
          continue;
        }
      /* Anything else (the server unreachable, the lock held) waits for the
       * next sync. */
      if (!taken)
        {
          g_debug ("reconcile: %s", local->message);
          continue;
        }
      if (!release_taken (store, booking, local->message, error))
        return FALSE;
      booking->attention = g_strdup ("taken");
      booking->detail = g_strdup (local->message);
      g_ptr_array_add (result->released, g_steal_pointer (&booking));
    }
  add_rooms_to_meetings (store, written);
  _resfri_organiser_event_retry (store);
  return TRUE;
}

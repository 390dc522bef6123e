/* resfri-organiser-event.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The room's ATTENDEE on the organiser's own copy of a meeting (spec/sync.md,
 * "Bookings on the server"): when a room is booked for a meeting whose
 * organiser's copy the sync holds in a followed calendar (sync_copies with
 * organizer set), that resource is read, given
 * ATTENDEE;CUTYPE=ROOM;ROLE=NON-PARTICIPANT;PARTSTAT=ACCEPTED;CN=<name>:
 * mailto:<room's address> with libical, and written back with If-Match; a
 * 412 (changed meanwhile) reads it again, applies the change again and
 * retries. A cancellation removes it the same way. A calendar that cannot
 * be written (403, 405, …) is no error for the booking. The next sync reads
 * the new ETag as any change: the meeting then reserves the room in the
 * calendar, which never stands in the way of its own occurrence.
 */

#include "config.h"

#include <string.h>

#include <libical/ical.h>

#include "resfri-caldav.h"
#include "resfri-expand.h"
#include "resfri-organiser-event.h"
#include "resfri-registers-private.h"
#include "resfri-server-bookings.h"
#include "resfri-sources-private.h"
#include "resfri-sync-private.h"

#define MAX_ATTEMPTS 5

static const char *
strip_mailto (const char *value)
{
  if (value != NULL && g_ascii_strncasecmp (value, "mailto:", 7) == 0)
    return value + 7;
  return value;
}

/* Adds or removes the room's attendee on @vevent; whether it changed. */
static gboolean
apply (icalcomponent *vevent,
       const char    *email,
       const char    *name,
       gboolean       add)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new ();
  icalproperty *property;

  for (property = icalcomponent_get_first_property (vevent, ICAL_ATTENDEE_PROPERTY);
       property != NULL;
       property = icalcomponent_get_next_property (vevent, ICAL_ATTENDEE_PROPERTY))
    {
      const char *address = strip_mailto (icalproperty_get_attendee (property));

      if (address != NULL && g_ascii_strcasecmp (address, email) == 0)
        g_ptr_array_add (found, property);
    }

  if (add)
    {
      g_autofree char *mailto = NULL;

      if (found->len > 0)
        return FALSE;
      mailto = g_strconcat ("mailto:", email, NULL);
      property = icalproperty_new_attendee (mailto);
      icalproperty_add_parameter (property, icalparameter_new_cutype (ICAL_CUTYPE_ROOM));
      icalproperty_add_parameter (property, icalparameter_new_role (ICAL_ROLE_NONPARTICIPANT));
      icalproperty_add_parameter (property, icalparameter_new_partstat (ICAL_PARTSTAT_ACCEPTED));
      if (name != NULL)
        icalproperty_add_parameter (property, icalparameter_new_cn (name));
      icalcomponent_add_property (vevent, property);
      return TRUE;
    }

  for (guint i = 0; i < found->len; i++)
    {
      property = g_ptr_array_index (found, i);
      icalcomponent_remove_property (vevent, property);
      icalproperty_free (property);
    }
  return found->len > 0;
}

static gboolean
wanted (icalcomponent *vevent,
        gboolean       master,
        GPtrArray     *recurrence_ids)
{
  char recurrence_id[20];

  resfri_expand_get_recurrence_id (vevent, recurrence_id);
  if (recurrence_id[0] == '\0')
    return master;
  for (guint i = 0; recurrence_ids != NULL && i < recurrence_ids->len; i++)
    if (g_strcmp0 (g_ptr_array_index (recurrence_ids, i), recurrence_id) == 0)
      return TRUE;
  return FALSE;
}

/* The new text of @text with the change made, NULL when it needs none
 * (@parsed FALSE when it is no calendar). */
static char *
edit (const char  *text,
      const char  *uid,
      const char  *email,
      const char  *name,
      gboolean     master,
      GPtrArray   *recurrence_ids,
      gboolean     add,
      gboolean    *parsed)
{
  icalcomponent *root = icalparser_parse_string (text);
  gboolean changed = FALSE;
  char *result = NULL;

  *parsed = root != NULL;
  if (root == NULL)
    return NULL;
  for (icalcomponent *vevent = icalcomponent_isa (root) == ICAL_VEVENT_COMPONENT
                               ? root : icalcomponent_get_first_component (root, ICAL_VEVENT_COMPONENT);
       vevent != NULL;
       vevent = vevent == root ? NULL : icalcomponent_get_next_component (root, ICAL_VEVENT_COMPONENT))
    if (g_strcmp0 (icalcomponent_get_uid (vevent), uid) == 0 &&
        wanted (vevent, master, recurrence_ids))
      changed |= apply (vevent, email, name, add);
  if (changed)
    result = icalcomponent_as_ical_string_r (root);
  icalcomponent_free (root);
  return result;
}

gboolean
_resfri_organiser_event_set_room (ResfriStore  *store,
                                  const char   *uid,
                                  const char   *room,
                                  gboolean      master,
                                  GPtrArray    *recurrence_ids,
                                  gboolean      add)
{
  g_auto(ResfriRegistersVenue) venue = { 0 };
  g_autoptr(ResfriSource) source = NULL;
  g_autoptr(ResfriCaldav) client = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *href = NULL;
  g_autofree char *url = NULL;
  gint64 source_id = 0;

  if (!master && (recurrence_ids == NULL || recurrence_ids->len == 0))
    return FALSE;
  if (!_resfri_sources_find_organiser_copy (store, uid, &source_id, &href, &error) || href == NULL ||
      _resfri_registers_read_venue (store, room, NULL, &venue, &error) != 1 ||
      venue.email == NULL)
    {
      g_debug ("%s: no organiser's copy to give room %s: %s", uid, room,
               error ? error->message : "none, or the room has no address");
      return FALSE;
    }
  if (!(source = resfri_sources_get (store, source_id, &error)) ||
      !(client = _resfri_sync_open_client (source, NULL, &error)))
    {
      g_debug ("%s: %s", uid, error->message);
      return FALSE;
    }
  url = resfri_caldav_resolve (client, href);

  for (guint attempt = 0; attempt < MAX_ATTEMPTS; attempt++)
    {
      g_autoptr(GBytes) got = NULL;
      g_autoptr(GBytes) put = NULL;
      g_autofree char *text = NULL;
      g_autofree char *etag = NULL;
      g_autofree char *changed = NULL;
      gboolean parsed;
      guint status = 0;

      if (!(got = resfri_caldav_write (client, "GET", url, NULL, NULL, NULL, &status, &etag, NULL,
                                       NULL, NULL, &error)) || etag == NULL)
        break;
      text = g_strndup (g_bytes_get_data (got, NULL), g_bytes_get_size (got));
      changed = edit (text, uid, venue.email, venue.name, master, recurrence_ids, add, &parsed);
      if (changed == NULL)
        return parsed;
      _resfri_server_bookings_test_stall ("organiser-put");
      if (!(put = resfri_caldav_write (client, "PUT", url, changed, etag, NULL, &status, NULL, NULL,
                                       NULL, NULL, &error)))
        break;
      if (status != 412)
        return TRUE;
    }
  g_debug ("%s: the organiser's copy %s keeps room %s as it was: %s", uid, url, room,
           error ? error->message : "changed each time it was written");
  return FALSE;
}

/* resfri-meeting-write.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A meeting changed in this database (a series converted to a web or
 * hybrid meeting, planning/resfri-convert.c) written back to the
 * organiser's copy in a followed CalDAV calendar: the resource is read,
 * its VEVENTs of the meeting's UID replaced by the stored ones (the master
 * and every override, a RANGE=THISANDFUTURE one included) with libical,
 * its other components (VTIMEZONE, other UIDs) kept, and written back with
 * If-Match; a 412 (changed meanwhile) reads it again and retries. The next
 * sync reads the new ETag as any change. Nothing is owed: a write that
 * fails is reported, and the change stays local until made again.
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <libical/ical.h>

#include "resfri-calendar-private.h"
#include "resfri-caldav.h"
#include "resfri-error.h"
#include "resfri-meeting-write.h"
#include "resfri-sources-private.h"
#include "resfri-store-private.h"
#include "resfri-sync-private.h"

#define MAX_ATTEMPTS 5

/* The stored VEVENTs of @uid, parsed; NULL with @error. */
static GPtrArray *
stored_vevents (ResfriStore  *store,
                const char   *uid,
                GError      **error)
{
  g_autoptr(GPtrArray) rids = NULL;
  g_autoptr(GPtrArray) vevents = g_ptr_array_new_with_free_func ((GDestroyNotify) icalcomponent_free);

  if (!(rids = _resfri_calendar_list_recurrence_ids (store, uid, error)))
    return NULL;
  for (guint i = 0; i < rids->len; i++)
    {
      g_autofree char *text = NULL;
      icalcomponent *vevent;

      if (!_resfri_calendar_dup_meeting_ical (store, uid, g_ptr_array_index (rids, i), &text,
                                              error))
        return NULL;
      if (text != NULL && (vevent = icalcomponent_new_from_string (text)) != NULL)
        g_ptr_array_add (vevents, vevent);
    }

  return g_steal_pointer (&vevents);
}

/* The copy's text with @uid's VEVENTs replaced by @vevents; NULL when it
 * is no calendar. */
static char *
replace_vevents (const char *text,
                 const char *uid,
                 GPtrArray  *vevents)
{
  icalcomponent *root = icalparser_parse_string (text);
  g_autoptr(GPtrArray) old = g_ptr_array_new ();
  char *result;

  if (root == NULL || icalcomponent_isa (root) != ICAL_VCALENDAR_COMPONENT)
    {
      g_clear_pointer (&root, icalcomponent_free);
      return NULL;
    }

  for (icalcomponent *vevent = icalcomponent_get_first_component (root, ICAL_VEVENT_COMPONENT);
       vevent != NULL;
       vevent = icalcomponent_get_next_component (root, ICAL_VEVENT_COMPONENT))
    if (g_strcmp0 (icalcomponent_get_uid (vevent), uid) == 0)
      g_ptr_array_add (old, vevent);
  for (guint i = 0; i < old->len; i++)
    {
      icalcomponent_remove_component (root, g_ptr_array_index (old, i));
      icalcomponent_free (g_ptr_array_index (old, i));
    }
  for (guint i = 0; i < vevents->len; i++)
    icalcomponent_add_component (root, icalcomponent_new_clone (g_ptr_array_index (vevents, i)));

  result = icalcomponent_as_ical_string_r (root);
  icalcomponent_free (root);

  return result;
}

/**
 * _resfri_meeting_write_back:
 * @uid: a stored meeting's UID
 *
 * Writes the stored meeting to its organiser's copy, as the header of this
 * file says. Not in a transaction: it waits for the server.
 *
 * Returns: what became of it; %RESFRI_MEETING_WRITE_REFUSED with @error
 */
ResfriMeetingWrite
_resfri_meeting_write_back (ResfriStore  *store,
                            const char   *uid,
                            GError      **error)
{
  g_autoptr(ResfriSource) source = NULL;
  g_autoptr(ResfriCaldav) client = NULL;
  g_autoptr(GPtrArray) vevents = NULL;
  g_autofree char *href = NULL;
  g_autofree char *url = NULL;
  gint64 source_id = 0;
  guint status = 0;

  g_return_val_if_fail (RESFRI_IS_STORE (store), RESFRI_MEETING_WRITE_REFUSED);
  g_return_val_if_fail (uid != NULL, RESFRI_MEETING_WRITE_REFUSED);

  if (!_resfri_sources_find_organiser_copy (store, uid, &source_id, &href, error))
    return RESFRI_MEETING_WRITE_REFUSED;
  if (href == NULL)
    return RESFRI_MEETING_WRITE_NONE;
  if (!(vevents = stored_vevents (store, uid, error)) ||
      !(source = resfri_sources_get (store, source_id, error)) ||
      !(client = _resfri_sync_open_client (source, NULL, error)))
    return RESFRI_MEETING_WRITE_REFUSED;
  url = resfri_caldav_resolve (client, href);

  for (guint attempt = 0; attempt < MAX_ATTEMPTS; attempt++)
    {
      g_autoptr(GBytes) got = NULL;
      g_autoptr(GBytes) put = NULL;
      g_autofree char *text = NULL;
      g_autofree char *etag = NULL;
      g_autofree char *changed = NULL;

      status = 0;
      if (!(got = resfri_caldav_write (client, "GET", url, NULL, NULL, NULL, &status, &etag, NULL,
                                       NULL, NULL, error)))
        return RESFRI_MEETING_WRITE_REFUSED;
      text = g_strndup (g_bytes_get_data (got, NULL), g_bytes_get_size (got));
      if (etag == NULL || !(changed = replace_vevents (text, uid, vevents)))
        break;
      status = 0;
      if (!(put = resfri_caldav_write (client, "PUT", url, changed, etag, NULL, &status, NULL, NULL,
                                       NULL, NULL, error)))
        return RESFRI_MEETING_WRITE_REFUSED;
      if (status >= 200 && status < 300)
        return RESFRI_MEETING_WRITE_DONE;
      if (status != 412)
        break;
    }

  g_set_error (error, RESFRI_ERROR, RESFRI_ERROR_CONFLICT,
               _("The calendar did not take the change (HTTP %u)"), status);
  return RESFRI_MEETING_WRITE_REFUSED;
}

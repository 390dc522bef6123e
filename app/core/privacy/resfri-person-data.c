/* resfri-person-data.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Access (spec/privacy.md, art. 15): everything the database holds about
 * one person, as one JSON object that `person show` prints and the window
 * exports: the register row, the equipment they hold or held and its
 * history, the bookings they hold, the meetings they organise or attend
 * (summary, times and each occurrence's verdict; never the other
 * attendees' addresses), what is known of exemptions they recorded, and
 * the live calendars that hold their calendar. Each concept reads its own
 * tables; this file only gathers.
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "resfri-booking.h"
#include "resfri-bookings-private.h"
#include "resfri-calendar-private.h"
#include "resfri-error.h"
#include "resfri-inventory-private.h"
#include "resfri-inventory.h"
#include "resfri-person-data.h"
#include "resfri-policy-check.h"
#include "resfri-registers-private.h"
#include "resfri-sources-private.h"
#include "resfri-store-private.h"

static char *
format_time (gint64 t)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (t);

  return dt != NULL ? g_date_time_format (dt, "%Y-%m-%dT%H:%M:%SZ") : g_strdup ("");
}

static void
add_time (JsonBuilder *b,
          const char  *member,
          gint64       t)
{
  g_autofree char *text = format_time (t);

  json_builder_set_member_name (b, member);
  json_builder_add_string_value (b, text);
}

static void
add_nullable (JsonBuilder *b,
              const char  *member,
              const char  *value)
{
  json_builder_set_member_name (b, member);
  if (value != NULL)
    json_builder_add_string_value (b, value);
  else
    json_builder_add_null_value (b);
}

static gboolean
add_equipment (JsonBuilder  *b,
               ResfriStore  *store,
               const char   *email,
               GError      **error)
{
  g_autoptr(GPtrArray) tags = g_ptr_array_new_with_free_func (g_free);

  if (!_resfri_inventory_read_person_tags (store, email, tags, error))
    return FALSE;

  json_builder_set_member_name (b, "equipment");
  json_builder_begin_array (b);
  for (guint i = 0; i < tags->len; i++)
    {
      const char *tag = g_ptr_array_index (tags, i);
      g_autoptr(ResfriItem) item = NULL;
      g_autoptr(GPtrArray) history = NULL;

      if (!(item = resfri_inventory_get_item (store, tag, error)) ||
          !(history = resfri_inventory_get_history (store, tag, error)))
        return FALSE;
      json_builder_begin_object (b);
      add_nullable (b, "tag", item->tag);
      add_nullable (b, "type", item->type);
      add_nullable (b, "site", item->site);
      add_nullable (b, "state", resfri_item_state_to_string (item->state));
      add_nullable (b, "model", item->model);
      json_builder_set_member_name (b, "owned");
      json_builder_add_boolean_value (b, item->owner != NULL &&
                                         g_ascii_strcasecmp (item->owner, email) == 0);
      json_builder_set_member_name (b, "history");
      json_builder_begin_array (b);
      for (guint j = 0; j < history->len; j++)
        {
          const ResfriItemEvent *event = g_ptr_array_index (history, j);
          g_autofree char *at = g_date_time_format (event->at, "%Y-%m-%dT%H:%M:%SZ");

          json_builder_begin_object (b);
          add_nullable (b, "at", at);
          add_nullable (b, "action", resfri_item_action_to_string (event->action));
          add_nullable (b, "holder", event->holder);
          add_nullable (b, "site", event->site);
          add_nullable (b, "state", resfri_item_state_to_string (event->state));
          add_nullable (b, "detail", event->detail);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  return TRUE;
}

static gboolean
add_bookings (JsonBuilder  *b,
              ResfriStore  *store,
              gint64        person_id,
              GError      **error)
{
  g_autoptr(GPtrArray) bookings = _resfri_bookings_list_for_person (store, person_id, error);

  if (bookings == NULL)
    return FALSE;
  json_builder_set_member_name (b, "bookings");
  json_builder_begin_array (b);
  for (guint i = 0; i < bookings->len; i++)
    {
      const ResfriBooking *booking = g_ptr_array_index (bookings, i);

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "id");
      json_builder_add_int_value (b, booking->id);
      add_nullable (b, "kind", resfri_booking_kind_to_string (booking->kind));
      add_nullable (b, "resource", booking->resource);
      add_nullable (b, "site", booking->site);
      add_nullable (b, "uid", booking->uid);
      add_nullable (b, "recurrence_id", booking->recurrence_id);
      add_nullable (b, "summary", booking->summary);
      add_time (b, "start", booking->start);
      add_time (b, "end", booking->end);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);

  return TRUE;
}

typedef struct
{
  JsonBuilder *b;
  gint64       from;
  gint64       to;
  guint        n;
} MeetingScan;

static void
add_meeting (const char *uid,
             const char *recurrence_id,
             const char *summary,
             gboolean    organiser,
             gint64      first_start,
             gint64      last_end,
             guint       n_occurrences,
             gpointer    user_data)
{
  MeetingScan *scan = user_data;
  JsonBuilder *b = scan->b;

  json_builder_begin_object (b);
  add_nullable (b, "uid", uid);
  add_nullable (b, "recurrence_id", recurrence_id);
  add_nullable (b, "summary", summary);
  add_nullable (b, "role", organiser ? "organiser" : "attendee");
  json_builder_set_member_name (b, "occurrences");
  json_builder_add_int_value (b, n_occurrences);
  if (n_occurrences > 0)
    {
      add_time (b, "first_start", first_start);
      add_time (b, "last_end", last_end);
      if (scan->n++ == 0 || first_start < scan->from)
        scan->from = first_start;
      scan->to = MAX (scan->to, last_end + 1);
    }
  json_builder_end_object (b);
}

typedef struct
{
  JsonBuilder *b;
  const char  *email;
} OccurrenceScan;

/* An occurrence is theirs when they organise it or are among its internal
 * attendees. */
static gboolean
add_occurrence (const ResfriResolvedOccurrence *o,
                gpointer                        user_data)
{
  OccurrenceScan *scan = user_data;
  gboolean theirs = o->organizer != NULL && g_ascii_strcasecmp (o->organizer, scan->email) == 0;

  for (guint i = 0; !theirs && i < o->n_attendees; i++)
    theirs = g_ascii_strcasecmp (o->attendees[i].email, scan->email) == 0;
  if (!theirs)
    return TRUE;

  json_builder_begin_object (scan->b);
  add_nullable (scan->b, "uid", o->uid);
  add_nullable (scan->b, "recurrence_id", o->recurrence_id);
  add_nullable (scan->b, "summary", o->summary);
  add_time (scan->b, "start", o->start);
  add_time (scan->b, "end", o->end);
  add_nullable (scan->b, "verdict", resfri_verdict_to_string (o->verdict));
  json_builder_end_object (scan->b);

  return TRUE;
}

static void
add_calendar (gint64      source_id,
              const char *source_url,
              const char *href,
              const char *name,
              const char *role,
              gboolean    following,
              gpointer    user_data)
{
  JsonBuilder *b = user_data;

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "source_id");
  json_builder_add_int_value (b, source_id);
  add_nullable (b, "source", source_url);
  add_nullable (b, "href", href);
  add_nullable (b, "name", name);
  add_nullable (b, "role", role);
  json_builder_set_member_name (b, "following");
  json_builder_add_boolean_value (b, following);
  json_builder_end_object (b);
}

static gboolean
add_meetings (JsonBuilder  *b,
              ResfriStore  *store,
              const char   *email,
              GError      **error)
{
  MeetingScan meetings = { b, 0, 0, 0 };
  OccurrenceScan occurrences = { b, email };

  json_builder_set_member_name (b, "meetings");
  json_builder_begin_array (b);
  if (!_resfri_calendar_read_person_meetings (store, email, add_meeting, &meetings, error))
    return FALSE;
  json_builder_end_array (b);

  json_builder_set_member_name (b, "occurrences");
  json_builder_begin_array (b);
  if (meetings.n > 0 &&
      !resfri_policy_check_occurrences (store, NULL, meetings.from, meetings.to, add_occurrence,
                                        &occurrences, NULL, error))
    return FALSE;
  json_builder_end_array (b);

  return TRUE;
}

/**
 * resfri_person_data_collect:
 * @email: the person's address (ASCII letters in any case)
 *
 * Everything the database holds about the person (spec/privacy.md
 * "Access"), as a JSON object; the members are documented in spec/cli.md
 * (`person show`).
 *
 * Returns: (transfer full): the object, or %NULL with @error
 *   (RESFRI_ERROR_NOT_FOUND when nobody in the register has @email)
 */
JsonNode *
resfri_person_data_collect (ResfriStore  *store,
                            const char   *email,
                            GError      **error)
{
  g_auto(ResfriRegistersPersonRecord) record = { 0 };
  g_autoptr(JsonBuilder) b = json_builder_new ();
  int found;

  g_return_val_if_fail (RESFRI_IS_STORE (store), NULL);
  g_return_val_if_fail (email != NULL, NULL);

  if ((found = _resfri_registers_read_person_record (store, email, &record, error)) < 0)
    return NULL;
  if (found == 0)
    {
      g_set_error (error, RESFRI_ERROR, RESFRI_ERROR_NOT_FOUND,
                   _("Nobody in the register has the address “%s”"), email);
      return NULL;
    }

  json_builder_begin_object (b);
  add_nullable (b, "email", record.email);
  add_nullable (b, "name", record.name);
  add_nullable (b, "unit", record.unit);
  add_nullable (b, "site", record.site);
  add_nullable (b, "site_name", record.site_name);
  add_nullable (b, "role", record.role);
  if (!add_equipment (b, store, record.email, error) ||
      !add_bookings (b, store, record.id, error) ||
      !add_meetings (b, store, record.email, error))
    return NULL;

  /* The exemptions table keeps the reason and the note, not who recorded
   * one; the audit log names only the operating-system user. */
  json_builder_set_member_name (b, "exemptions_recorded");
  json_builder_add_null_value (b);
  add_nullable (b, "exemptions_note",
                "The database does not record who records an exemption; the audit log names "
                "only the operating-system user who made each change.");

  json_builder_set_member_name (b, "calendars");
  json_builder_begin_array (b);
  if (!_resfri_sources_read_person_calendars (store, record.email, add_calendar, b, error))
    return NULL;
  json_builder_end_array (b);
  json_builder_end_object (b);

  return json_builder_get_root (b);
}

static gpointer
collect_in_worker (ResfriStore   *worker,
                   gpointer       data,
                   GCancellable  *cancellable,
                   GError       **error)
{
  return resfri_person_data_collect (worker, data, error);
}

void
resfri_person_data_collect_async (ResfriStore          *store,
                                  const char           *email,
                                  GCancellable         *cancellable,
                                  GAsyncReadyCallback   callback,
                                  gpointer              user_data)
{
  g_return_if_fail (RESFRI_IS_STORE (store));
  g_return_if_fail (email != NULL);

  _resfri_store_run_async (store, resfri_person_data_collect_async, collect_in_worker,
                           g_strdup (email), g_free, (GDestroyNotify) json_node_unref,
                           cancellable, callback, user_data);
}

JsonNode *
resfri_person_data_collect_finish (ResfriStore   *store,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  return _resfri_store_run_finish (store, result, error);
}

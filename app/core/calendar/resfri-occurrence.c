/* resfri-occurrence.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * ResfriOccurrence, one stored occurrence of a meeting as the views show
 * it (times, summary, organiser, online link, status), with its search key,
 * and ResfriAttendee, its meeting's attendees read on demand with their
 * site and unit from the people register.
 */

#include "config.h"

#include "resfri-calendar-private.h"
#include "resfri-occurrence.h"

/* One occurrence of a meeting as the meetings view lists it: the columns
 * of the occurrence and of its meeting, read once; immutable. */
struct _ResfriOccurrence
{
  GObject   parent_instance;

  gint64    id;
  gint64    meeting_id;
  gint64    start;
  gint64    end;
  char     *uid;
  char     *recurrence_id;
  char     *summary;
  char     *location;
  char     *organizer;
  char     *organizer_name;
  char     *online_url;
  char     *status;
  /* Case-folded summary, organiser and location, for the search filter. */
  char     *search_key;
  guint     n_attendees;
  guint     all_day : 1;
};

G_DEFINE_FINAL_TYPE (ResfriOccurrence, resfri_occurrence, G_TYPE_OBJECT)

G_DEFINE_BOXED_TYPE (ResfriAttendee, resfri_attendee, resfri_attendee_copy, resfri_attendee_free)

ResfriAttendee *
resfri_attendee_copy (const ResfriAttendee *attendee)
{
  ResfriAttendee *copy;

  g_return_val_if_fail (attendee != NULL, NULL);

  copy = g_new0 (ResfriAttendee, 1);
  copy->email = g_strdup (attendee->email);
  copy->name = g_strdup (attendee->name);
  copy->partstat = g_strdup (attendee->partstat);
  copy->role = g_strdup (attendee->role);
  copy->site_code = g_strdup (attendee->site_code);
  copy->site_name = g_strdup (attendee->site_name);
  copy->unit = g_strdup (attendee->unit);

  return copy;
}

void
resfri_attendee_free (ResfriAttendee *attendee)
{
  if (attendee == NULL)
    return;

  g_free (attendee->email);
  g_free (attendee->name);
  g_free (attendee->partstat);
  g_free (attendee->role);
  g_free (attendee->site_code);
  g_free (attendee->site_name);
  g_free (attendee->unit);
  g_free (attendee);
}

static void
resfri_occurrence_finalize (GObject *object)
{
  ResfriOccurrence *self = (ResfriOccurrence *)object;

  g_free (self->uid);
  g_free (self->recurrence_id);
  g_free (self->summary);
  g_free (self->location);
  g_free (self->organizer);
  g_free (self->organizer_name);
  g_free (self->online_url);
  g_free (self->status);
  g_free (self->search_key);

  G_OBJECT_CLASS (resfri_occurrence_parent_class)->finalize (object);
}

static void
resfri_occurrence_class_init (ResfriOccurrenceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = resfri_occurrence_finalize;
}

static void
resfri_occurrence_init (ResfriOccurrence *self)
{
}

static char *
dup_nonempty (const char *text)
{
  return text != NULL && text[0] != '\0' ? g_strdup (text) : NULL;
}

ResfriOccurrence *
_resfri_occurrence_new (gint64      id,
                        gint64      meeting_id,
                        const char *uid,
                        const char *recurrence_id,
                        gint64      start,
                        gint64      end,
                        gboolean    all_day,
                        const char *summary,
                        const char *location,
                        const char *organizer,
                        const char *organizer_name,
                        const char *online_url,
                        const char *status,
                        guint       n_attendees)
{
  ResfriOccurrence *self = g_object_new (RESFRI_TYPE_OCCURRENCE, NULL);
  g_autofree char *key = NULL;

  self->id = id;
  self->meeting_id = meeting_id;
  self->uid = g_strdup (uid);
  self->recurrence_id = g_strdup (recurrence_id != NULL ? recurrence_id : "");
  self->start = start;
  self->end = end;
  self->all_day = !!all_day;
  self->summary = dup_nonempty (summary);
  self->location = dup_nonempty (location);
  self->organizer = dup_nonempty (organizer);
  self->organizer_name = dup_nonempty (organizer_name);
  self->online_url = dup_nonempty (online_url);
  self->status = dup_nonempty (status);
  self->n_attendees = n_attendees;

  key = g_strjoin ("\n",
                   self->summary != NULL ? self->summary : "",
                   self->organizer != NULL ? self->organizer : "",
                   self->organizer_name != NULL ? self->organizer_name : "",
                   self->location != NULL ? self->location : "",
                   NULL);
  self->search_key = g_utf8_casefold (key, -1);

  return self;
}

gint64
resfri_occurrence_get_id (ResfriOccurrence *self)
{
  g_return_val_if_fail (RESFRI_IS_OCCURRENCE (self), 0);
  return self->id;
}

gint64
resfri_occurrence_get_meeting_id (ResfriOccurrence *self)
{
  g_return_val_if_fail (RESFRI_IS_OCCURRENCE (self), 0);
  return self->meeting_id;
}

const char *
resfri_occurrence_get_uid (ResfriOccurrence *self)
{
  g_return_val_if_fail (RESFRI_IS_OCCURRENCE (self), NULL);
  return self->uid;
}

/**
 * resfri_occurrence_get_recurrence_id:
 *
 * Returns: the RECURRENCE-ID as stored, "" for a single event
 */
const char *
resfri_occurrence_get_recurrence_id (ResfriOccurrence *self)
{
  g_return_val_if_fail (RESFRI_IS_OCCURRENCE (self), NULL);
  return self->recurrence_id;
}

/**
 * resfri_occurrence_get_start:
 *
 * Returns: the start in UTC unix seconds (all-day and floating times are
 *   placed in Europe/Stockholm, as the store does)
 */
gint64
resfri_occurrence_get_start (ResfriOccurrence *self)
{
  g_return_val_if_fail (RESFRI_IS_OCCURRENCE (self), 0);
  return self->start;
}

gint64
resfri_occurrence_get_end (ResfriOccurrence *self)
{
  g_return_val_if_fail (RESFRI_IS_OCCURRENCE (self), 0);
  return self->end;
}

gboolean
resfri_occurrence_get_all_day (ResfriOccurrence *self)
{
  g_return_val_if_fail (RESFRI_IS_OCCURRENCE (self), FALSE);
  return self->all_day;
}

/* The text getters return NULL for a value that is absent or empty. */
const char *
resfri_occurrence_get_summary (ResfriOccurrence *self)
{
  g_return_val_if_fail (RESFRI_IS_OCCURRENCE (self), NULL);
  return self->summary;
}

const char *
resfri_occurrence_get_location (ResfriOccurrence *self)
{
  g_return_val_if_fail (RESFRI_IS_OCCURRENCE (self), NULL);
  return self->location;
}

const char *
resfri_occurrence_get_organizer (ResfriOccurrence *self)
{
  g_return_val_if_fail (RESFRI_IS_OCCURRENCE (self), NULL);
  return self->organizer;
}

/* The organiser's name in the people register, else NULL. */
const char *
resfri_occurrence_get_organizer_name (ResfriOccurrence *self)
{
  g_return_val_if_fail (RESFRI_IS_OCCURRENCE (self), NULL);
  return self->organizer_name;
}

const char *
resfri_occurrence_get_online_url (ResfriOccurrence *self)
{
  g_return_val_if_fail (RESFRI_IS_OCCURRENCE (self), NULL);
  return self->online_url;
}

const char *
resfri_occurrence_get_status (ResfriOccurrence *self)
{
  g_return_val_if_fail (RESFRI_IS_OCCURRENCE (self), NULL);
  return self->status;
}

guint
resfri_occurrence_get_n_attendees (ResfriOccurrence *self)
{
  g_return_val_if_fail (RESFRI_IS_OCCURRENCE (self), 0);
  return self->n_attendees;
}

/**
 * resfri_occurrence_matches:
 * @folded_text: (nullable): a search text folded with g_utf8_casefold()
 *
 * Returns: whether the summary, the organiser (address or name) or the
 *   location contains @folded_text; always for an empty text
 */
gboolean
resfri_occurrence_matches (ResfriOccurrence *self,
                           const char       *folded_text)
{
  g_return_val_if_fail (RESFRI_IS_OCCURRENCE (self), FALSE);

  if (folded_text == NULL || folded_text[0] == '\0')
    return TRUE;

  return strstr (self->search_key, folded_text) != NULL;
}

/**
 * resfri_occurrence_load_attendees:
 *
 * The attendees of the occurrence's meeting, by name, with their home site
 * and unit from the people register; a room attendee (CUTYPE=ROOM or
 * RESOURCE, or a room's address) is the room, not a person, and is left out.
 *
 * Returns: (transfer container) (element-type ResfriAttendee): the
 *   attendees, or %NULL and @error
 */
GPtrArray *
resfri_occurrence_load_attendees (ResfriOccurrence *self,
                                  ResfriStore      *store,
                                  GError          **error)
{
  g_return_val_if_fail (RESFRI_IS_OCCURRENCE (self), NULL);
  g_return_val_if_fail (RESFRI_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return _resfri_calendar_read_attendees (store, self->meeting_id, error);
}

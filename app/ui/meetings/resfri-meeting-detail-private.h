/* resfri-meeting-detail-private.h
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* What resfri-meeting-detail.c (the pane: the occurrence, its verdict,
 * bookings and attendees) shares with resfri-meeting-detail-actions.c
 * (its buttons: exemption, room, loan items, link, export). */

#pragma once

#include "resfri-meeting-detail.h"

G_BEGIN_DECLS

struct _ResfriMeetingDetail
{
  AdwBin                parent_instance;

  /* Template widgets */
  GtkStack             *detail_stack;
  GtkLabel             *verdict_badge;
  GtkLabel             *summary_label;
  AdwActionRow         *time_row;
  AdwActionRow         *location_row;
  AdwActionRow         *link_row;
  AdwActionRow         *organizer_row;
  AdwPreferencesGroup  *policy_group;
  AdwActionRow         *verdict_row;
  AdwActionRow         *mode_row;
  AdwActionRow         *venue_row;
  AdwActionRow         *travel_row;
  GtkButton            *exempt_button;
  GtkButton            *room_button;
  GtkButton            *items_button;
  GtkButton            *link_add_button;
  GtkButton            *convert_button;
  GtkButton            *export_button;
  AdwPreferencesGroup  *bookings_group;
  GtkListBox           *bookings_list;
  AdwPreferencesGroup  *attendees_group;
  GtkListBox           *attendees_list;

  ResfriStore          *store;
  ResfriPolicyVerdicts *verdicts;     /* the shown week's policy check, or NULL */
  ResfriOccurrence     *occurrence;   /* the shown occurrence, or NULL */
  GTimeZone            *tz;

  /* Bookings run on a worker thread (resfri-bookings-async.c): cancelled
   * when the pane goes, so that their callbacks touch nothing. */
  GCancellable         *cancellable;
  guint                 booking_room : 1;
  guint                 booking_items : 1;
};

/* One booking job of the pane: the pane by a weak reference, and the
 * application held until the job ends (a booking is finished, not cut off,
 * when the window closes meanwhile). */
typedef struct
{
  GWeakRef  self;
  char     *name;      /* the room or item the job is about, or NULL */
  gpointer  data;      /* the job's own, freed with data_destroy */
  GDestroyNotify data_destroy;
} ResfriDetailJob;

ResfriDetailJob     *_resfri_meeting_detail_job_new   (ResfriMeetingDetail *self,
                                                       const char          *name);
void                 _resfri_meeting_detail_job_free  (ResfriDetailJob     *job);
/* The pane, when it is still there to hear the job's end (@error is not
 * G_IO_ERROR_CANCELLED), or NULL. */
ResfriMeetingDetail *_resfri_meeting_detail_job_dup_self (ResfriDetailJob  *job,
                                                       const GError        *error);
/* The actions on the shown occurrence, but those still running. */
void                 _resfri_meeting_detail_update_actions (ResfriMeetingDetail *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ResfriDetailJob, _resfri_meeting_detail_job_free)

void        _resfri_meeting_detail_add_toast_object     (ResfriMeetingDetail *self,
                                                         AdwToast            *toast);
void        _resfri_meeting_detail_toast_error          (ResfriMeetingDetail *self,
                                                         const char          *format,
                                                         const GError        *error);
const char *_resfri_meeting_detail_get_type_label       (const char          *type);
void        _resfri_meeting_detail_emit_policy_changed  (ResfriMeetingDetail *self);
void        _resfri_meeting_detail_emit_meeting_changed (ResfriMeetingDetail *self,
                                                         const char          *key);

/* resfri-meeting-detail-actions.c: binds the buttons' callbacks. */
void        _resfri_meeting_detail_class_actions_init   (GtkWidgetClass      *widget_class);

G_END_DECLS

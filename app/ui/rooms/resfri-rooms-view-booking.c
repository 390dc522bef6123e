/* resfri-rooms-view-booking.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Booking from the Rooms timeline: a booking's block opens its dialog
 * (ResfriBookingDialog: Cancel Booking, Go to Meeting), a free hour the
 * meetings at that time without a room (ResfriSlotDialog), booked through
 * the core's resfri_bookings_book_room_async() as the meeting detail's
 * Book Room… does. Bookings may wait for the server's lease, so they run
 * on a worker; the view is read again when they are done. */

#include "config.h"

#include <glib/gi18n.h>

#include "resfri-booking-dialog.h"
#include "resfri-occurrence-list.h"
#include "resfri-rooms-view-private.h"
#include "resfri-slot-dialog.h"
#include "resfri-widget-util.h"

typedef struct
{
  ResfriRoomsView      *self;
  ResfriOccurrenceList *occurrences;
  char                 *room;
  char                 *name;
  gint64                capacity;
  gint64                start;
  gint64                end;
} SlotJob;

static void
slot_job_free (SlotJob *job)
{
  g_object_unref (job->self);
  g_clear_object (&job->occurrences);
  g_free (job->room);
  g_free (job->name);
  g_free (job);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SlotJob, slot_job_free)

static SlotJob *
slot_job_new (ResfriRoomsView *self,
              const char      *room,
              gint64           start,
              gint64           end)
{
  SlotJob *job = g_new0 (SlotJob, 1);

  job->self = g_object_ref (self);
  job->room = g_strdup (room);
  job->start = start;
  job->end = end;
  for (guint i = 0; self->rooms != NULL && i < self->rooms->len; i++)
    {
      const ResfriRoomAvailability *r = g_ptr_array_index (self->rooms, i);

      if (g_strcmp0 (r->room, room) == 0)
        {
          job->name = g_strdup (r->name);
          job->capacity = r->capacity;
        }
    }
  if (job->name == NULL)
    job->name = g_strdup (room);

  return job;
}

static const char *
get_room_name (ResfriRoomsView *self,
               const char      *room)
{
  for (guint i = 0; self->rooms != NULL && i < self->rooms->len; i++)
    {
      const ResfriRoomAvailability *r = g_ptr_array_index (self->rooms, i);

      if (g_strcmp0 (r->room, room) == 0 && r->name != NULL)
        return r->name;
    }
  return room;
}

static void
toast_error (ResfriRoomsView *self,
             const char      *format,
             const GError    *error)
{
  g_autofree char *markup = g_markup_printf_escaped (format, error->message);

  resfri_widget_add_toast (GTK_WIDGET (self), markup);
}

/* A booking or a cancellation changes every view: read them again. */
static void
changed (ResfriRoomsView *self)
{
  if (gtk_widget_activate_action (GTK_WIDGET (self), "win.reload", NULL))
    return;
  _resfri_rooms_view_load (self);
}

/*
 * A booking's block
 */

static void
cancel_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(ResfriRoomsView) self = user_data;
  g_autoptr(ResfriBooking) cancelled = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *markup = NULL;

  if (!(cancelled = resfri_bookings_cancel_finish (RESFRI_STORE (object), result, &error)))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        toast_error (self, _("Cannot cancel the booking: %s"), error);
      return;
    }

  /* Translators: %s is a room's name */
  markup = g_markup_printf_escaped (_("Booking of %s cancelled"),
                                    get_room_name (self, cancelled->resource));
  resfri_widget_add_toast (GTK_WIDGET (self), markup);
  changed (self);
}

static void
on_booking_response_cb (ResfriBookingDialog *dialog,
                        const char          *response,
                        ResfriRoomsView     *self)
{
  const ResfriBooking *booking = resfri_booking_dialog_get_booking (dialog);

  if (g_str_equal (response, "cancel-booking") && self->store != NULL)
    resfri_bookings_cancel_async (self->store, booking->id, self->slot_cancellable,
                                  cancel_cb, g_object_ref (self));
  else if (g_str_equal (response, "meeting") && booking->uid != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.show-occurrence", "(ssx)",
                                booking->uid,
                                booking->recurrence_id != NULL ? booking->recurrence_id : "",
                                booking->start);
}

static void
on_booking_activated_cb (ResfriRoomTimeline  *timeline,
                         const ResfriBooking *booking,
                         ResfriRoomsView     *self)
{
  GtkWidget *dialog;

  dialog = resfri_booking_dialog_new (resfri_widget_get_window (GTK_WIDGET (self)), booking,
                                      get_room_name (self, booking->resource));
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_booking_response_cb), self, 0);
  g_signal_connect_object (dialog, "destroy", G_CALLBACK (gtk_widget_grab_focus), self->timeline,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/*
 * A free hour
 */

static void
book_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(SlotJob) job = user_data;
  ResfriRoomsView *self = job->self;
  g_autoptr(GPtrArray) booked = NULL;
  g_autoptr(GPtrArray) skipped = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *markup = NULL;

  booked = resfri_bookings_book_room_finish (RESFRI_STORE (object), result, &skipped, &error);
  if (booked == NULL)
    {
      /* A conflict names who holds the room, here or on the server. */
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        toast_error (self, _("Cannot book the room: %s"), error);
      return;
    }

  /* Translators: %s is a room's name */
  markup = g_markup_printf_escaped (_("Booked %s"), job->name);
  resfri_widget_add_toast (GTK_WIDGET (self), markup);
  changed (self);
}

static void
on_slot_book_cb (ResfriSlotDialog *dialog,
                 ResfriOccurrence *occurrence,
                 SlotJob          *job)
{
  ResfriRoomsView *self = job->self;
  const char *recurrence_id = resfri_occurrence_get_recurrence_id (occurrence);
  SlotJob *book = slot_job_new (self, job->room, job->start, job->end);

  if (self->store == NULL)
    {
      slot_job_free (book);
      return;
    }
  /* This occurrence only ("" for a meeting that does not recur). */
  resfri_bookings_book_room_async (self->store, job->room, resfri_occurrence_get_uid (occurrence),
                                   recurrence_id != NULL ? recurrence_id : "", FALSE,
                                   self->slot_cancellable, book_cb, book);
  gtk_window_destroy (GTK_WINDOW (dialog));
  /* The keyboard stays on the timeline, now on the new booking. */
  gtk_widget_grab_focus (GTK_WIDGET (self->timeline));
}

/* Has the occurrence a room booked in the shown period? */
static gboolean
has_room (ResfriRoomsView  *self,
          ResfriOccurrence *occurrence)
{
  const char *rid = resfri_occurrence_get_recurrence_id (occurrence);

  for (guint i = 0; self->bookings != NULL && i < self->bookings->len; i++)
    {
      const ResfriBooking *b = g_ptr_array_index (self->bookings, i);

      if (g_strcmp0 (b->uid, resfri_occurrence_get_uid (occurrence)) == 0 &&
          g_strcmp0 (b->recurrence_id != NULL ? b->recurrence_id : "", rid != NULL ? rid : "") == 0)
        return TRUE;
    }
  return FALSE;
}

static void
occurrences_loaded_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(SlotJob) job = user_data;
  ResfriRoomsView *self = job->self;
  g_autoptr(GPtrArray) shown = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  GListModel *model = G_LIST_MODEL (object);
  GtkWidget *dialog;

  if (!resfri_occurrence_list_load_finish (RESFRI_OCCURRENCE_LIST (object), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        toast_error (self, _("Cannot read the meetings: %s"), error);
      return;
    }

  /* The meetings overlapping the hour that have no room, are held and
   * fit in the room (the core refuses a room too small). */
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(ResfriOccurrence) occurrence = g_list_model_get_item (model, i);

      if (resfri_occurrence_get_start (occurrence) >= job->end ||
          resfri_occurrence_get_end (occurrence) <= job->start ||
          resfri_occurrence_get_all_day (occurrence) ||
          g_strcmp0 (resfri_occurrence_get_status (occurrence), "CANCELLED") == 0 ||
          resfri_occurrence_get_n_attendees (occurrence) > (guint) MAX (job->capacity, 0) ||
          has_room (self, occurrence))
        continue;
      g_ptr_array_add (shown, g_steal_pointer (&occurrence));
    }

  dialog = resfri_slot_dialog_new (resfri_widget_get_window (GTK_WIDGET (self)), job->room,
                                   job->name, job->start, job->end, shown);
  g_signal_connect_object (dialog, "destroy", G_CALLBACK (gtk_widget_grab_focus), self->timeline,
                           G_CONNECT_SWAPPED);
  g_signal_connect_data (dialog, "book", G_CALLBACK (on_slot_book_cb),
                         g_steal_pointer (&job), (GClosureNotify) (void (*) (void)) slot_job_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_slot_activated_cb (ResfriRoomTimeline *timeline,
                      const char         *room,
                      gint64              start,
                      gint64              end,
                      ResfriRoomsView    *self)
{
  SlotJob *job;

  if (self->store == NULL)
    return;

  job = slot_job_new (self, room, start, end);
  job->occurrences = resfri_occurrence_list_new ();
  /* Meetings that started before the hour and still run count too. */
  resfri_occurrence_list_load_async (job->occurrences, self->store, start - 24 * 3600, end,
                                     self->slot_cancellable, occurrences_loaded_cb, job);
}

void
_resfri_rooms_view_booking_init (ResfriRoomsView *self)
{
  self->slot_cancellable = g_cancellable_new ();
  g_signal_connect_object (self->timeline, "booking-activated",
                           G_CALLBACK (on_booking_activated_cb), self, 0);
  g_signal_connect_object (self->timeline, "slot-activated",
                           G_CALLBACK (on_slot_activated_cb), self, 0);
}

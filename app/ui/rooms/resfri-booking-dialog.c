/* resfri-booking-dialog.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* One room booking of the Rooms timeline, opened by a click or Enter on
 * its block: the meeting, the room and the time, with Cancel Booking and
 * Go to Meeting (the responses "cancel-booking" and "meeting", which the
 * Rooms view carries out). */

#include "config.h"

#include <glib/gi18n.h>

#include "resfri-booking-dialog.h"

struct _ResfriBookingDialog
{
  AdwMessageDialog  parent_instance;

  ResfriBooking    *booking;
};

G_DEFINE_FINAL_TYPE (ResfriBookingDialog, resfri_booking_dialog, ADW_TYPE_MESSAGE_DIALOG)

static void
resfri_booking_dialog_finalize (GObject *object)
{
  ResfriBookingDialog *self = RESFRI_BOOKING_DIALOG (object);

  g_clear_pointer (&self->booking, resfri_booking_free);

  G_OBJECT_CLASS (resfri_booking_dialog_parent_class)->finalize (object);
}

static void
resfri_booking_dialog_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), RESFRI_TYPE_BOOKING_DIALOG);

  G_OBJECT_CLASS (resfri_booking_dialog_parent_class)->dispose (object);
}

static void
resfri_booking_dialog_class_init (ResfriBookingDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = resfri_booking_dialog_dispose;
  object_class->finalize = resfri_booking_dialog_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/se/resfri/Resfri/ui/resfri-booking-dialog.ui");
}

static void
resfri_booking_dialog_init (ResfriBookingDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
resfri_booking_dialog_new (GtkWindow           *parent,
                           const ResfriBooking *booking,
                           const char          *room_name)
{
  ResfriBookingDialog *self;
  g_autoptr(GDateTime) start = NULL;
  g_autoptr(GDateTime) end = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *body = NULL;

  g_return_val_if_fail (!parent || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (booking != NULL, NULL);

  self = g_object_new (RESFRI_TYPE_BOOKING_DIALOG, "transient-for", parent, NULL);
  self->booking = resfri_booking_copy (booking);

  start = g_date_time_new_from_unix_local (booking->start);
  end = g_date_time_new_from_unix_local (booking->end);
  from = g_date_time_format (start, "%Y-%m-%d %H:%M");
  to = g_date_time_format (end, "%H:%M");
  /* Translators: a room booking: the room, its date and times, as in
   * "Linden · 2026-03-02 09:00–10:00" */
  body = g_strdup_printf (_("%s · %s–%s"), room_name != NULL ? room_name : booking->resource,
                          from, to);
  if (booking->attention != NULL)
    {
      g_autofree char *plain = g_steal_pointer (&body);

      body = g_strconcat (plain, _(" (conflict)"), NULL);
    }

  adw_message_dialog_set_heading (ADW_MESSAGE_DIALOG (self),
                                  booking->summary != NULL ? booking->summary : _("Booking"));
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (self), body);
  /* Only a booking of a meeting has one to go to. */
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "meeting",
                                           booking->uid != NULL);
  /* The calendar's own reservations are not Resfri's to cancel. */
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "cancel-booking",
                                           booking->id > 0 &&
                                           booking->source == RESFRI_BOOKING_SOURCE_RESFRI);

  return GTK_WIDGET (self);
}

const ResfriBooking *
resfri_booking_dialog_get_booking (ResfriBookingDialog *self)
{
  g_return_val_if_fail (RESFRI_IS_BOOKING_DIALOG (self), NULL);

  return self->booking;
}

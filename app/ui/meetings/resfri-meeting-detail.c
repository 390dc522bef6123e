/* resfri-meeting-detail.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The Meetings view's detail pane: one occurrence's time, place, link and
 * organiser; its verdict from the week's policy check (a badge, the mode,
 * the venue, the travel); the rooms and items booked for it, each with a
 * Cancel button; and its attendees with their home sites, distances and
 * equipment. Its buttons are in resfri-meeting-detail-actions.c. It says
 * ::policy-changed when the verdicts must be checked again, and
 * ::meeting-changed when the meeting itself changed. */

#include "config.h"

#include <glib/gi18n.h>

#include "resfri-bookings.h"
#include "resfri-error.h"
#include "resfri-meeting-detail-private.h"
#include "resfri-meetings-utils.h"
#include "resfri-names.h"
#include "resfri-widget-util.h"

G_DEFINE_FINAL_TYPE (ResfriMeetingDetail, resfri_meeting_detail, ADW_TYPE_BIN)

enum {
  POLICY_CHANGED,
  MEETING_CHANGED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

static const char *
get_partstat_label (const char *partstat)
{
  if (partstat == NULL || g_ascii_strcasecmp (partstat, "NEEDS-ACTION") == 0)
    return _("Not answered");
  if (g_ascii_strcasecmp (partstat, "ACCEPTED") == 0)
    return _("Accepted");
  if (g_ascii_strcasecmp (partstat, "DECLINED") == 0)
    return _("Declined");
  if (g_ascii_strcasecmp (partstat, "TENTATIVE") == 0)
    return _("Tentative");
  if (g_ascii_strcasecmp (partstat, "DELEGATED") == 0)
    return _("Delegated");
  return partstat;
}

static char *
format_travel (double km,
               double co2_kg,
               double cost_sek,
               double hours)
{
  /* Translators: travel of a meeting: km, kg of CO2, cost in SEK (with
   * grouped thousands, as in "1 234 kr") and hours, as in
   * "123.4 km · 5.6 kg CO₂ · 1 234 kr · 2.5 h" */
  return g_strdup_printf (_("%.1f km · %.1f kg CO₂ · SEK %'.0f · %.1f h"),
                          km, co2_kg, cost_sek, hours);
}

static const ResfriResolvedAttendee *
find_policy_attendee (const ResfriResolvedOccurrence *info,
                      const char                     *email)
{
  for (guint i = 0; info != NULL && email != NULL && i < info->n_attendees; i++)
    if (info->attendees[i].email != NULL &&
        g_ascii_strcasecmp (info->attendees[i].email, email) == 0)
      return &info->attendees[i];
  return NULL;
}

static const char *
get_equipment_label (const ResfriResolvedAttendee *attendee)
{
  if (attendee->has_headset && attendee->has_camera)
    return _("Headset and camera");
  if (attendee->has_headset)
    return _("Headset, no camera");
  if (attendee->has_camera)
    return _("Camera, no headset");
  return _("No headset or camera");
}

static GtkWidget *
create_attendee_row (const ResfriAttendee *attendee)
{
  g_autofree char *subtitle = NULL;
  GtkWidget *row;
  GtkWidget *label;

  row = adw_action_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                 attendee->name != NULL ? attendee->name : attendee->email);

  if (attendee->site_name != NULL)
    /* Translators: an attendee's address and home site, as in
     * "anna@example.se · Rådhuset (RH)" */
    subtitle = g_strdup_printf (_("%s · %s (%s)"), attendee->email, attendee->site_name,
                                attendee->site_code);
  else
    /* Translators: %s is the address of an attendee who is not in the
     * people register (an external guest) */
    subtitle = g_strdup_printf (_("%s · not in the people register"), attendee->email);
  /* AdwActionRow subtitles are markup unless told otherwise. */
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  label = gtk_label_new (get_partstat_label (attendee->partstat));
  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (label, "dim-label");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
  /* Addresses wrap at their dots and @, never with a hyphen. */
  resfri_widget_no_hyphens (row);

  return row;
}

static void
clear_attendees (ResfriMeetingDetail *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->attendees_list))) != NULL)
    gtk_list_box_remove (self->attendees_list, child);
}

static void
set_row_text (AdwActionRow *row,
              const char   *text)
{
  gtk_widget_set_visible (GTK_WIDGET (row), text != NULL);
  if (text != NULL)
    {
      g_autofree char *escaped = g_markup_escape_text (text, -1);

      adw_action_row_set_subtitle (row, escaped);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text,
                                      -1);
    }
}

static ResfriNames *
get_names (ResfriMeetingDetail *self)
{
  return self->verdicts != NULL ? resfri_policy_verdicts_get_names (self->verdicts) : NULL;
}

/* The verdict of the selected occurrence: a badge next to the summary and
 * the policy rows of the detail pane. */
static void
show_verdict (ResfriMeetingDetail *self,
              ResfriOccurrence    *occurrence)
{
  const ResfriResolvedOccurrence *info =
    resfri_meetings_lookup_verdict (self->verdicts, occurrence);
  ResfriNames *names = get_names (self);
  g_autofree char *venue = NULL;
  g_autofree char *travel = NULL;
  const char *travel_title = _("Travel");

  gtk_widget_set_visible (GTK_WIDGET (self->policy_group), info != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->verdict_badge), info != NULL);
  resfri_meetings_set_badge (self->verdict_badge, info);
  if (info == NULL)
    return;

  if (info->exemption != NULL)
    {
      g_autofree char *text = NULL;

      /* Translators: a verdict and the recorded exemption's reason, as in
       * "Exempt (confidential)" */
      text = g_strdup_printf (_("%s (%s)"), resfri_verdict_get_label (info->verdict), info->exemption);
      set_row_text (self->verdict_row, text);
    }
  else
    set_row_text (self->verdict_row, resfri_verdict_get_label (info->verdict));
  set_row_text (self->mode_row, resfri_meetings_get_mode_label (info->mode));

  if (info->venue_room_id != 0 && names != NULL)
    /* Translators: a room and its site, as in "Sal 1 (RH)" */
    venue = g_strdup_printf (_("%s (%s)"),
                             resfri_names_get_room_name (names, info->venue_room_id),
                             resfri_names_get_site_code (names, info->venue_site_id));
  else if (info->venue_site_id != 0 && names != NULL)
    venue = g_strdup (resfri_names_get_site_name (names, info->venue_site_id));
  set_row_text (self->venue_row, venue != NULL ? venue : _("No venue"));

  if (info->travel_km > 0 || info->mode == RESFRI_MODE_IN_PERSON)
    travel = format_travel (info->travel_km, info->travel_co2_kg, info->travel_cost_sek,
                            info->travel_hours);
  else
    {
      travel_title = _("Travel Avoided");
      travel = format_travel (info->avoided_km, info->avoided_co2_kg, info->avoided_cost_sek,
                              info->avoided_hours);
    }
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->travel_row), travel_title);
  set_row_text (self->travel_row, travel);
}

/* The tags of the items lent to @email for the occurrence, as in
 * "H-12, C-3", or NULL. */
static char *
dup_loan_tags (GPtrArray  *bookings,
               const char *email)
{
  g_autoptr(GString) tags = g_string_new (NULL);

  for (guint j = 0; bookings != NULL && email != NULL && j < bookings->len; j++)
    {
      const ResfriBooking *booking = g_ptr_array_index (bookings, j);

      if (booking->kind != RESFRI_BOOKING_ITEM || booking->person == NULL ||
          g_ascii_strcasecmp (booking->person, email) != 0)
        continue;
      if (tags->len > 0)
        g_string_append (tags, ", ");
      g_string_append (tags, booking->resource);
    }

  return tags->len > 0 ? g_string_free (g_steal_pointer (&tags), FALSE) : NULL;
}

/* Each attendee's home site, one-way distance to the venue and equipment. */
static void
show_travel (ResfriMeetingDetail *self,
             ResfriOccurrence    *occurrence,
             GPtrArray           *attendees,
             GPtrArray           *bookings)
{
  const ResfriResolvedOccurrence *info =
    resfri_meetings_lookup_verdict (self->verdicts, occurrence);
  GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->attendees_list));

  for (guint i = 0; info != NULL && attendees != NULL && i < attendees->len && row != NULL;
       i++, row = gtk_widget_get_next_sibling (row))
    {
      const ResfriAttendee *attendee = g_ptr_array_index (attendees, i);
      const ResfriResolvedAttendee *resolved = find_policy_attendee (info, attendee->email);
      g_autofree char *subtitle = NULL;
      g_autofree char *escaped = NULL;
      g_autofree char *loans = NULL;
      g_autofree char *equipment = NULL;
      GtkWidget *label;

      if (resolved == NULL || !ADW_IS_ACTION_ROW (row))
        continue;

      /* Translators: an attendee's address, home site and one-way
       * distance to the venue, as in "anna@example.se · Rådhuset (RH) · 12.3 km" */
      subtitle = g_strdup_printf (_("%s · %s (%s) · %.1f km"), attendee->email,
                                  attendee->site_name != NULL ? attendee->site_name : "",
                                  attendee->site_code != NULL ? attendee->site_code : "",
                                  resolved->one_way_km);
      escaped = g_markup_escape_text (subtitle, -1);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), escaped);

      loans = dup_loan_tags (bookings, attendee->email);
      if (loans != NULL)
        {
          /* Translators: an attendee's own equipment, and the asset tags
           * of the items lent to them, as in "Headset, no camera\nLoan: C-3" */
          equipment = g_strdup_printf (_("%s\nLoan: %s"), get_equipment_label (resolved), loans);
          label = gtk_label_new (equipment);
        }
      else
        label = gtk_label_new (get_equipment_label (resolved));
      gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 12);
      if (!resolved->has_headset || !resolved->has_camera)
        gtk_widget_add_css_class (label, "warning");
      else
        gtk_widget_add_css_class (label, "dim-label");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
    }
}

/* The actions on the selected occurrence; a booking that runs keeps its
 * button busy (resfri-meeting-detail-actions.c). */
void
_resfri_meeting_detail_update_actions (ResfriMeetingDetail *self)
{
  gboolean can = self->occurrence != NULL && self->store != NULL;

  gtk_widget_set_sensitive (GTK_WIDGET (self->exempt_button), can);
  gtk_widget_set_sensitive (GTK_WIDGET (self->room_button), can && !self->booking_room);
  gtk_widget_set_sensitive (GTK_WIDGET (self->items_button), can && !self->booking_items);
  gtk_widget_set_sensitive (GTK_WIDGET (self->link_add_button), can);
  gtk_widget_set_sensitive (GTK_WIDGET (self->convert_button), can);
  gtk_widget_set_sensitive (GTK_WIDGET (self->export_button), can);
}

/* Booking jobs */

ResfriDetailJob *
_resfri_meeting_detail_job_new (ResfriMeetingDetail *self,
                                const char          *name)
{
  ResfriDetailJob *job = g_new0 (ResfriDetailJob, 1);
  GApplication *app = g_application_get_default ();

  g_weak_ref_init (&job->self, self);
  job->name = g_strdup (name);
  if (app != NULL)
    g_application_hold (app);
  return job;
}

void
_resfri_meeting_detail_job_free (ResfriDetailJob *job)
{
  GApplication *app = g_application_get_default ();

  g_weak_ref_clear (&job->self);
  g_free (job->name);
  if (job->data_destroy != NULL)
    job->data_destroy (job->data);
  g_free (job);
  if (app != NULL)
    g_application_release (app);
}

ResfriMeetingDetail *
_resfri_meeting_detail_job_dup_self (ResfriDetailJob *job,
                                     const GError    *error)
{
  g_autoptr(ResfriMeetingDetail) self = g_weak_ref_get (&job->self);

  /* Cancelled: the pane was disposed (or is going). */
  if (self == NULL || self->cancellable == NULL ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return NULL;
  return g_steal_pointer (&self);
}

void
_resfri_meeting_detail_add_toast_object (ResfriMeetingDetail *self,
                                         AdwToast            *toast)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
  else
    g_object_unref (toast);
}

void
_resfri_meeting_detail_toast_error (ResfriMeetingDetail *self,
                                    const char          *format,
                                    const GError        *error)
{
  g_autofree char *markup = g_markup_printf_escaped (format, error->message);

  resfri_widget_add_toast (GTK_WIDGET (self), markup);
}

/* Bookings of the occurrence, loan items */

const char *
_resfri_meeting_detail_get_type_label (const char *type)
{
  if (g_strcmp0 (type, "headset") == 0)
    return _("headset");
  if (g_strcmp0 (type, "camera") == 0)
    return _("camera");
  if (g_strcmp0 (type, "vc-kit") == 0)
    return _("video kit");
  return type;
}

/* "KOM-A" for a room, "H-12 (headset)" for an item. */
static char *
describe_booking (const ResfriBooking *booking)
{
  if (booking->kind == RESFRI_BOOKING_ROOM)
    return g_strdup (booking->resource);
  /* Translators: an item's asset tag and type, as in "H-12 (headset)" */
  return g_strdup_printf (_("%s (%s)"), booking->resource,
                          _resfri_meeting_detail_get_type_label (booking->type));
}

typedef struct
{
  ResfriMeetingDetail *self;
  ResfriBooking      *booking;
} BookingUndo;

static void
booking_undo_free (gpointer data)
{
  BookingUndo *undo = data;

  g_clear_object (&undo->self);
  g_clear_pointer (&undo->booking, resfri_booking_free);
  g_free (undo);
}

static void
rebook_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(ResfriDetailJob) job = user_data;
  g_autoptr(ResfriMeetingDetail) self = NULL;
  g_autoptr(ResfriBooking) booking = NULL;
  g_autoptr(GError) error = NULL;

  booking = resfri_bookings_rebook_finish (RESFRI_STORE (object), result, &error);
  if (!(self = _resfri_meeting_detail_job_dup_self (job, error)))
    return;

  if (booking == NULL)
    {
      g_autofree char *markup = NULL;

      if (g_error_matches (error, RESFRI_ERROR, RESFRI_ERROR_CONFLICT))
        /* Translators: %s is a room or an item; the second %s says which
         * booking took it */
        markup = g_markup_printf_escaped (_("Cannot book %s again: it was taken meanwhile. %s"),
                                          job->name, error->message);
      else
        markup = g_markup_printf_escaped (_("Cannot undo the cancellation: %s"), error->message);
      resfri_widget_add_toast (GTK_WIDGET (self), markup);
    }
  resfri_meeting_detail_show_occurrence (self, self->occurrence);
}

static void
on_booking_undo_cb (AdwToast    *toast,
                    BookingUndo *undo)
{
  ResfriMeetingDetail *self = undo->self;
  g_autofree char *name = describe_booking (undo->booking);

  if (self->store == NULL || self->cancellable == NULL)
    return;

  resfri_bookings_rebook_async (self->store, undo->booking, self->cancellable, rebook_cb,
                                _resfri_meeting_detail_job_new (self, name));
}

static void
cancel_booking_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(ResfriDetailJob) job = user_data;
  g_autoptr(ResfriMeetingDetail) self = NULL;
  g_autoptr(ResfriBooking) booking = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *markup = NULL;
  BookingUndo *undo;
  AdwToast *toast;

  booking = resfri_bookings_cancel_finish (RESFRI_STORE (object), result, &error);
  if (!(self = _resfri_meeting_detail_job_dup_self (job, error)))
    return;

  if (booking == NULL)
    {
      _resfri_meeting_detail_toast_error (self, _("Cannot cancel the booking: %s"), error);
      resfri_meeting_detail_show_occurrence (self, self->occurrence);
      return;
    }

  name = describe_booking (booking);
  /* Translators: %s is a room or an item, as in "H-12 (headset)" */
  markup = g_markup_printf_escaped (_("Booking of %s cancelled"), name);
  undo = g_new0 (BookingUndo, 1);
  undo->self = g_object_ref (self);
  undo->booking = g_steal_pointer (&booking);

  toast = adw_toast_new (markup);
  adw_toast_set_button_label (toast, _("_Undo"));
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (on_booking_undo_cb), undo,
                         (GClosureNotify) (void (*) (void)) booking_undo_free, 0);
  _resfri_meeting_detail_add_toast_object (self, toast);
  resfri_meeting_detail_show_occurrence (self, self->occurrence);
}

static void
on_cancel_booking_clicked_cb (GtkButton           *button,
                              ResfriMeetingDetail *self)
{
  gint64 id = *(gint64 *) g_object_get_data (G_OBJECT (button), "booking-id");

  if (self->store == NULL || self->cancellable == NULL)
    return;

  /* The row goes when the pane shows the occurrence again. */
  /* Translators: a Cancel button of a booking while the booking is cancelled */
  resfri_meetings_set_button_busy (button, C_("booking", "Cancelling…"));
  resfri_bookings_cancel_async (self->store, id, self->cancellable, cancel_booking_cb,
                                _resfri_meeting_detail_job_new (self, NULL));
}

static void
clear_bookings (ResfriMeetingDetail *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->bookings_list))) != NULL)
    gtk_list_box_remove (self->bookings_list, child);
}

/* The rooms and items booked for the occurrence, each with a Cancel
 * button. Returns the bookings (for the attendees' loans). */
static GPtrArray *
show_bookings (ResfriMeetingDetail *self,
               ResfriOccurrence    *occurrence)
{
  g_autoptr(GPtrArray) bookings = NULL;
  g_autoptr(GError) error = NULL;

  clear_bookings (self);
  if (self->store == NULL)
    return NULL;

  bookings = resfri_bookings_list_for_occurrence (self->store,
                                                  resfri_occurrence_get_uid (occurrence),
                                                  resfri_meetings_get_rid (occurrence), &error);
  if (bookings == NULL)
    {
      _resfri_meeting_detail_toast_error (self, _("Cannot read the bookings: %s"), error);
      return NULL;
    }

  for (guint i = 0; i < bookings->len; i++)
    {
      const ResfriBooking *booking = g_ptr_array_index (bookings, i);
      g_autofree char *title = describe_booking (booking);
      g_autofree char *subtitle = NULL;
      g_autofree char *escaped = NULL;
      g_autofree char *label = NULL;
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *button;

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      if (booking->kind == RESFRI_BOOKING_ROOM)
        /* Translators: a booked room's site, as in "Room · RH" */
        subtitle = g_strdup_printf (_("Room · %s"), booking->site);
      else
        /* Translators: a loan's site and borrower, as in "Loan · RH · anna@example.se" */
        subtitle = g_strdup_printf (_("Loan · %s · %s"), booking->site,
                                    booking->person != NULL ? booking->person : "");
      escaped = g_markup_escape_text (subtitle, -1);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), escaped);

      /* Translators: the button that cancels a booking */
      button = gtk_button_new_with_label (C_("booking", "Cancel"));
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      /* Translators: %s is a room or an item, as in "H-12 (headset)" */
      label = g_strdup_printf (_("Cancel the Booking of %s"), title);
      gtk_widget_set_tooltip_text (button, label);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                      -1);
      g_object_set_data_full (G_OBJECT (button), "booking-id",
                              g_memdup2 (&booking->id, sizeof booking->id), g_free);
      g_signal_connect_object (button, "clicked", G_CALLBACK (on_cancel_booking_clicked_cb),
                               self, 0);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      gtk_list_box_append (self->bookings_list, row);
    }

  return g_steal_pointer (&bookings);
}

/* The tags of the items lent to each attendee, before the policy check
 * has given show_travel() the attendees' equipment. */
static void
show_loans (ResfriMeetingDetail *self,
            GPtrArray           *attendees,
            GPtrArray           *bookings)
{
  GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->attendees_list));

  for (guint i = 0; attendees != NULL && i < attendees->len && row != NULL;
       i++, row = gtk_widget_get_next_sibling (row))
    {
      const ResfriAttendee *attendee = g_ptr_array_index (attendees, i);
      g_autofree char *tags = dup_loan_tags (bookings, attendee->email);
      g_autofree char *text = NULL;
      GtkWidget *label;

      if (tags == NULL || !ADW_IS_ACTION_ROW (row))
        continue;

      /* Translators: %s lists the asset tags of the items lent to an
       * attendee, as in "Loan: H-12, C-3" */
      text = g_strdup_printf (_("Loan: %s"), tags);
      label = gtk_label_new (text);
      gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 12);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
    }
}

void
_resfri_meeting_detail_emit_policy_changed (ResfriMeetingDetail *self)
{
  g_signal_emit (self, signals [POLICY_CHANGED], 0);
}

void
_resfri_meeting_detail_emit_meeting_changed (ResfriMeetingDetail *self,
                                             const char          *key)
{
  g_signal_emit (self, signals [MEETING_CHANGED], 0, key);
}

static void
resfri_meeting_detail_dispose (GObject *object)
{
  ResfriMeetingDetail *self = RESFRI_MEETING_DETAIL (object);

  /* The stack is both AdwBin's child and a template child: AdwBin lets go
   * of it first, or it would unparent it again after the template did. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), RESFRI_TYPE_MEETING_DETAIL);
  /* The bookings that run end without us: their callbacks touch nothing. */
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->occurrence);
  g_clear_object (&self->store);
  g_clear_pointer (&self->verdicts, resfri_policy_verdicts_unref);

  G_OBJECT_CLASS (resfri_meeting_detail_parent_class)->dispose (object);
}

static void
resfri_meeting_detail_finalize (GObject *object)
{
  ResfriMeetingDetail *self = RESFRI_MEETING_DETAIL (object);

  g_clear_pointer (&self->tz, g_time_zone_unref);

  G_OBJECT_CLASS (resfri_meeting_detail_parent_class)->finalize (object);
}

static void
resfri_meeting_detail_class_init (ResfriMeetingDetailClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = resfri_meeting_detail_dispose;
  object_class->finalize = resfri_meeting_detail_finalize;

  /**
   * ResfriMeetingDetail::policy-changed:
   *
   * An exemption or a booking was recorded or undone: the verdicts are to
   * be checked again.
   */
  signals [POLICY_CHANGED] = g_signal_new ("policy-changed", G_TYPE_FROM_CLASS (klass),
                                           G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                           G_TYPE_NONE, 0);

  /**
   * ResfriMeetingDetail::meeting-changed:
   * @key: the occurrence's "UID\x1fRECURRENCE-ID"
   *
   * The meeting was changed (a link added or taken back): the week is to be
   * read again, and the occurrence @key selected.
   */
  signals [MEETING_CHANGED] = g_signal_new ("meeting-changed", G_TYPE_FROM_CLASS (klass),
                                            G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                            G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/se/resfri/Resfri/ui/resfri-meeting-detail.ui");
  gtk_widget_class_bind_template_child (widget_class, ResfriMeetingDetail, detail_stack);
  gtk_widget_class_bind_template_child (widget_class, ResfriMeetingDetail, verdict_badge);
  gtk_widget_class_bind_template_child (widget_class, ResfriMeetingDetail, summary_label);
  gtk_widget_class_bind_template_child (widget_class, ResfriMeetingDetail, time_row);
  gtk_widget_class_bind_template_child (widget_class, ResfriMeetingDetail, location_row);
  gtk_widget_class_bind_template_child (widget_class, ResfriMeetingDetail, link_row);
  gtk_widget_class_bind_template_child (widget_class, ResfriMeetingDetail, organizer_row);
  gtk_widget_class_bind_template_child (widget_class, ResfriMeetingDetail, policy_group);
  gtk_widget_class_bind_template_child (widget_class, ResfriMeetingDetail, verdict_row);
  gtk_widget_class_bind_template_child (widget_class, ResfriMeetingDetail, mode_row);
  gtk_widget_class_bind_template_child (widget_class, ResfriMeetingDetail, venue_row);
  gtk_widget_class_bind_template_child (widget_class, ResfriMeetingDetail, travel_row);
  gtk_widget_class_bind_template_child (widget_class, ResfriMeetingDetail, exempt_button);
  gtk_widget_class_bind_template_child (widget_class, ResfriMeetingDetail, room_button);
  gtk_widget_class_bind_template_child (widget_class, ResfriMeetingDetail, items_button);
  gtk_widget_class_bind_template_child (widget_class, ResfriMeetingDetail, link_add_button);
  gtk_widget_class_bind_template_child (widget_class, ResfriMeetingDetail, convert_button);
  gtk_widget_class_bind_template_child (widget_class, ResfriMeetingDetail, export_button);
  gtk_widget_class_bind_template_child (widget_class, ResfriMeetingDetail, bookings_group);
  gtk_widget_class_bind_template_child (widget_class, ResfriMeetingDetail, bookings_list);
  gtk_widget_class_bind_template_child (widget_class, ResfriMeetingDetail, attendees_group);
  gtk_widget_class_bind_template_child (widget_class, ResfriMeetingDetail, attendees_list);

  _resfri_meeting_detail_class_actions_init (widget_class);
}

static void
resfri_meeting_detail_init (ResfriMeetingDetail *self)
{
  GtkWidget *placeholder;

  gtk_widget_init_template (GTK_WIDGET (self));

  placeholder = gtk_label_new (_("Nothing booked"));
  gtk_widget_add_css_class (placeholder, "dim-label");
  gtk_widget_set_margin_top (placeholder, 12);
  gtk_widget_set_margin_bottom (placeholder, 12);
  gtk_list_box_set_placeholder (self->bookings_list, placeholder);

  self->tz = resfri_meetings_dup_time_zone ();
  self->cancellable = g_cancellable_new ();
  resfri_stack_show_page (self->detail_stack, "none");
}

/* Public API */

void
resfri_meeting_detail_set_store (ResfriMeetingDetail *self,
                                 ResfriStore         *store)
{
  g_return_if_fail (RESFRI_IS_MEETING_DETAIL (self));
  g_return_if_fail (!store || RESFRI_IS_STORE (store));

  g_set_object (&self->store, store);
}

/* The verdicts the pane shows; the caller shows the occurrence again. */
void
resfri_meeting_detail_set_verdicts (ResfriMeetingDetail  *self,
                                    ResfriPolicyVerdicts *verdicts)
{
  g_return_if_fail (RESFRI_IS_MEETING_DETAIL (self));

  if (verdicts == self->verdicts)
    return;

  g_clear_pointer (&self->verdicts, resfri_policy_verdicts_unref);
  if (verdicts != NULL)
    self->verdicts = resfri_policy_verdicts_ref (verdicts);
}

/* Shows @occurrence (NULL: none) afresh: its attendees and bookings are
 * read again. */
void
resfri_meeting_detail_show_occurrence (ResfriMeetingDetail *self,
                                       ResfriOccurrence    *occurrence)
{
  g_autoptr(GPtrArray) attendees = NULL;
  g_autoptr(GPtrArray) bookings = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *time = NULL;
  g_autofree char *organizer = NULL;
  g_autofree char *organizer_loans = NULL;
  g_autofree char *title = NULL;
  const char *summary;

  g_return_if_fail (RESFRI_IS_MEETING_DETAIL (self));
  g_return_if_fail (!occurrence || RESFRI_IS_OCCURRENCE (occurrence));

  g_set_object (&self->occurrence, occurrence);
  clear_attendees (self);
  clear_bookings (self);

  if (occurrence == NULL)
    {
      resfri_stack_show_page (self->detail_stack, "none");
      return;
    }

  summary = resfri_occurrence_get_summary (occurrence);
  gtk_label_set_text (self->summary_label, summary != NULL ? summary : _("Untitled meeting"));

  time = resfri_meetings_format_time_range (self->tz, occurrence, TRUE);
  set_row_text (self->time_row, time);
  set_row_text (self->location_row, resfri_occurrence_get_location (occurrence));
  set_row_text (self->link_row, resfri_occurrence_get_online_url (occurrence));

  if (resfri_occurrence_get_organizer_name (occurrence) != NULL)
    organizer = g_strdup_printf ("%s <%s>", resfri_occurrence_get_organizer_name (occurrence),
                                 resfri_occurrence_get_organizer (occurrence));
  else
    organizer = g_strdup (resfri_occurrence_get_organizer (occurrence));
  set_row_text (self->organizer_row, organizer);

  if (self->store != NULL)
    attendees = resfri_occurrence_load_attendees (occurrence, self->store, &error);
  if (error != NULL)
    {
      g_autofree char *markup = NULL;

      markup = g_markup_printf_escaped (_("Cannot read the attendees: %s"), error->message);
      resfri_widget_add_toast (GTK_WIDGET (self), markup);
    }

  title = g_strdup_printf (ngettext ("%u Attendee", "%u Attendees",
                                     attendees != NULL ? attendees->len : 0),
                           attendees != NULL ? attendees->len : 0);
  adw_preferences_group_set_title (self->attendees_group, title);
  gtk_widget_set_visible (GTK_WIDGET (self->attendees_list),
                          attendees != NULL && attendees->len > 0);

  for (guint i = 0; attendees != NULL && i < attendees->len; i++)
    gtk_list_box_append (self->attendees_list,
                         create_attendee_row (g_ptr_array_index (attendees, i)));

  show_verdict (self, occurrence);
  bookings = show_bookings (self, occurrence);
  organizer_loans = dup_loan_tags (bookings, resfri_occurrence_get_organizer (occurrence));
  if (organizer_loans != NULL && organizer != NULL)
    {
      g_autofree char *text = NULL;

      /* Translators: the organiser, and the asset tags of the items lent
       * to them, as in "Anna <anna@example.se> · Loan: H-12" */
      text = g_strdup_printf (_("%s · Loan: %s"), organizer, organizer_loans);
      set_row_text (self->organizer_row, text);
    }
  if (resfri_meetings_lookup_verdict (self->verdicts, occurrence) != NULL)
    show_travel (self, occurrence, attendees, bookings);
  else
    show_loans (self, attendees, bookings);
  _resfri_meeting_detail_update_actions (self);

  resfri_stack_show_page (self->detail_stack, "detail");
}

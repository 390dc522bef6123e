/* resfri-meeting-detail-actions.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The buttons of the Meetings view's detail pane: Record Exemption… and
 * Book Room… (each with its dialog), Book Loan Items, Add Meeting Link…
 * (its dialog), Export as .ics… and the link's Open button. Each acts on
 * the shown occurrence and offers an Undo where it can. Bookings run on a
 * worker thread (they may wait for the server's lease): the button says
 * "Booking…" meanwhile, and the result comes as a toast. */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "resfri-bookings.h"
#include "resfri-convert-dialog.h"
#include "resfri-exemption-dialog.h"
#include "resfri-exemption.h"
#include "resfri-export.h"
#include "resfri-link-dialog.h"
#include "resfri-meeting-detail-private.h"
#include "resfri-meeting-edit.h"
#include "resfri-meetings-utils.h"
#include "resfri-room-dialog.h"
#include "resfri-widget-util.h"

/* Exemptions */

typedef struct
{
  ResfriMeetingDetail *self;
  char *uid;
  char *recurrence_id;
  char *previous_reason;   /* what was recorded before, or NULL */
  char *previous_note;
} ExemptionUndo;

static void
exemption_undo_free (gpointer data)
{
  ExemptionUndo *undo = data;

  g_clear_object (&undo->self);
  g_free (undo->uid);
  g_free (undo->recurrence_id);
  g_free (undo->previous_reason);
  g_free (undo->previous_note);
  g_free (undo);
}

static void
on_exemption_undo_cb (AdwToast      *toast,
                      ExemptionUndo *undo)
{
  ResfriMeetingDetail *self = undo->self;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (self->store == NULL)
    return;

  if (undo->previous_reason != NULL)
    ok = resfri_store_set_exemption (self->store, undo->uid, undo->recurrence_id,
                                     undo->previous_reason, undo->previous_note, &error);
  else
    ok = resfri_store_remove_exemption (self->store, undo->uid, undo->recurrence_id, NULL,
                                        &error);
  if (!ok)
    _resfri_meeting_detail_toast_error (self, _("Cannot undo the exemption: %s"), error);
  _resfri_meeting_detail_emit_policy_changed (self);
}

static void
on_exemption_response_cb (ResfriExemptionDialog *dialog,
                          const char            *response,
                          ResfriMeetingDetail   *self)
{
  ResfriOccurrence *occurrence = resfri_exemption_dialog_get_occurrence (dialog);
  const char *uid = resfri_occurrence_get_uid (occurrence);
  const char *recurrence_id = resfri_meetings_get_rid (occurrence);
  const char *reason = resfri_exemption_dialog_get_reason (dialog);
  g_autofree char *note = NULL;
  g_autoptr(GError) error = NULL;
  ExemptionUndo *undo;
  AdwToast *toast;

  if (g_strcmp0 (response, "record") != 0 || reason == NULL || self->store == NULL)
    return;

  if (resfri_exemption_dialog_get_whole_meeting (dialog))
    recurrence_id = "";
  note = resfri_exemption_dialog_dup_note (dialog);

  undo = g_new0 (ExemptionUndo, 1);
  undo->self = g_object_ref (self);
  undo->uid = g_strdup (uid);
  undo->recurrence_id = g_strdup (recurrence_id);
  resfri_store_lookup_exemption (self->store, uid, recurrence_id, &undo->previous_reason,
                                 &undo->previous_note, NULL);

  if (!resfri_store_set_exemption (self->store, uid, recurrence_id, reason,
                                   note[0] != '\0' ? note : NULL, &error))
    {
      exemption_undo_free (undo);
      _resfri_meeting_detail_toast_error (self, _("Cannot record the exemption: %s"), error);
      return;
    }

  _resfri_meeting_detail_emit_policy_changed (self);

  toast = adw_toast_new (_("Exemption recorded"));
  adw_toast_set_button_label (toast, _("_Undo"));
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (on_exemption_undo_cb), undo,
                         (GClosureNotify) (void (*) (void)) exemption_undo_free, 0);
  _resfri_meeting_detail_add_toast_object (self, toast);
}

static void
on_exempt_clicked_cb (ResfriMeetingDetail *self)
{
  const ResfriResolvedOccurrence *info = NULL;
  GtkWidget *dialog;

  if (self->occurrence == NULL || self->store == NULL)
    return;

  info = resfri_meetings_lookup_verdict (self->verdicts, self->occurrence);
  dialog = resfri_exemption_dialog_new (resfri_widget_get_window (GTK_WIDGET (self)), self->occurrence,
                                        info != NULL ? info->exemption : NULL);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_exemption_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Rooms */

static void
book_room_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(ResfriDetailJob) job = user_data;
  g_autoptr(ResfriMeetingDetail) self = NULL;
  g_autoptr(GPtrArray) booked = NULL;
  g_autoptr(GPtrArray) skipped = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *markup = NULL;
  gboolean whole = GPOINTER_TO_INT (job->data);

  booked = resfri_bookings_book_room_finish (RESFRI_STORE (object), result, &skipped, &error);
  if (!(self = _resfri_meeting_detail_job_dup_self (job, error)))
    return;

  self->booking_room = FALSE;
  resfri_meetings_set_button_idle (self->room_button, TRUE);
  _resfri_meeting_detail_update_actions (self);
  if (booked == NULL)
    {
      /* A conflict names who holds the room, here or on the server. */
      _resfri_meeting_detail_toast_error (self, _("Cannot book the room: %s"), error);
      resfri_meeting_detail_show_occurrence (self, self->occurrence);
      return;
    }

  if (whole)
    /* Translators: the first %u is a number of occurrences, %s a room,
     * the second %u the occurrences skipped because the room was taken */
    markup = g_markup_printf_escaped (ngettext ("Booked %2$s for %1$u occurrence, %3$u skipped",
                                                "Booked %2$s for %1$u occurrences, %3$u skipped",
                                                booked->len),
                                      booked->len, job->name,
                                      skipped != NULL ? skipped->len : 0);
  else
    /* Translators: %s is a room's name */
    markup = g_markup_printf_escaped (_("Booked %s"), job->name);
  resfri_widget_add_toast (GTK_WIDGET (self), markup);
  _resfri_meeting_detail_emit_policy_changed (self);
}

static void
on_book_room_cb (ResfriRoomDialog    *dialog,
                 const char          *room,
                 const char          *name,
                 ResfriMeetingDetail *self)
{
  ResfriOccurrence *occurrence = resfri_room_dialog_get_occurrence (dialog);
  gboolean whole = resfri_room_dialog_get_whole_series (dialog);
  ResfriDetailJob *job;

  if (self->store == NULL || self->cancellable == NULL || self->booking_room)
    return;

  /* The booking may wait for the server's lease: it runs on a worker, the
   * dialog closes at once and Book Room… says it is booking. */
  job = _resfri_meeting_detail_job_new (self, name);
  job->data = GINT_TO_POINTER (whole);
  resfri_bookings_book_room_async (self->store, room, resfri_occurrence_get_uid (occurrence),
                                   whole ? NULL : resfri_meetings_get_rid (occurrence), FALSE,
                                   self->cancellable, book_room_cb, job);
  gtk_window_destroy (GTK_WINDOW (dialog));
  self->booking_room = TRUE;
  /* Translators: Book Room… while the room is being booked */
  resfri_meetings_set_button_busy (self->room_button, _("Booking…"));
}

/* Book Room… starts at the meeting's own site (its venue's, else the
 * organiser's home site) and the seats its people need. */
static void
on_room_clicked_cb (ResfriMeetingDetail *self)
{
  const ResfriResolvedOccurrence *info;
  g_autoptr(GError) error = NULL;
  GtkWidget *dialog;
  gint64 headcount;

  if (self->occurrence == NULL || self->store == NULL)
    return;

  headcount = resfri_bookings_occurrence_headcount (self->store,
                                                    resfri_occurrence_get_uid (self->occurrence),
                                                    resfri_meetings_get_rid (self->occurrence),
                                                    &error);
  if (headcount < 0)
    {
      _resfri_meeting_detail_toast_error (self, _("Cannot find free rooms: %s"), error);
      return;
    }
  info = resfri_meetings_lookup_verdict (self->verdicts, self->occurrence);

  dialog = resfri_room_dialog_new (resfri_widget_get_window (GTK_WIDGET (self)), self->store,
                                   self->occurrence, info != NULL ? info->venue_site_id : 0,
                                   headcount);
  g_signal_connect_object (dialog, "book-room", G_CALLBACK (on_book_room_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
book_items_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(ResfriDetailJob) job = user_data;
  g_autoptr(ResfriMeetingDetail) self = NULL;
  g_autoptr(GPtrArray) needs = NULL;
  g_autoptr(GPtrArray) reasons = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *booked_text = NULL;
  g_autofree char *text = NULL;
  g_autofree char *markup = NULL;
  AdwToast *toast;
  guint booked = 0;

  needs = resfri_bookings_book_missing_items_finish (RESFRI_STORE (object), result, &error);
  if (!(self = _resfri_meeting_detail_job_dup_self (job, error)))
    return;

  self->booking_items = FALSE;
  resfri_meetings_set_button_idle (self->items_button, TRUE);
  _resfri_meeting_detail_update_actions (self);
  if (needs == NULL)
    {
      _resfri_meeting_detail_toast_error (self, _("Cannot book loan items: %s"), error);
      return;
    }

  reasons = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < needs->len; i++)
    {
      const ResfriItemNeed *need = g_ptr_array_index (needs, i);
      g_autofree char *reason = NULL;
      gboolean seen = FALSE;

      if (need->booking != NULL)
        {
          booked++;
          continue;
        }
      /* Translators: an equipment type and a site, as in "no free camera
       * in Trollhättan" */
      reason = g_strdup_printf (_("no free %s in %s"),
                                _resfri_meeting_detail_get_type_label (need->type),
                                need->site_name != NULL ? need->site_name : need->site);
      for (guint j = 0; j < reasons->len && !seen; j++)
        seen = strcmp (g_ptr_array_index (reasons, j), reason) == 0;
      if (!seen)
        g_ptr_array_add (reasons, g_steal_pointer (&reason));
    }

  if (needs->len == 0)
    text = g_strdup (_("Every remote attendee has a headset and a camera"));
  else
    {
      guint missing = needs->len - booked;

      booked_text = g_strdup_printf (ngettext ("%u item booked", "%u items booked", booked),
                                     booked);
      if (missing == 0)
        text = g_steal_pointer (&booked_text);
      else
        {
          g_autofree char *list = NULL;

          g_ptr_array_add (reasons, NULL);
          list = g_strjoinv (", ", (char **) reasons->pdata);
          /* Translators: "2 items booked", the number of items that could
           * not be booked, and why, as in "2 items booked, 1 missing (no
           * free camera in Trollhättan)" */
          text = g_strdup_printf (ngettext ("%s, %u missing (%s)", "%s, %u missing (%s)",
                                            missing),
                                  booked_text, missing, list);
        }
    }

  markup = g_markup_escape_text (text, -1);
  toast = adw_toast_new (markup);
  /* Long enough to read which pools had nothing free. */
  adw_toast_set_timeout (toast, 10);
  _resfri_meeting_detail_add_toast_object (self, toast);
  resfri_meeting_detail_show_occurrence (self, self->occurrence);
}

static void
on_items_clicked_cb (ResfriMeetingDetail *self)
{
  ResfriOccurrence *occurrence = self->occurrence;

  if (occurrence == NULL || self->store == NULL || self->cancellable == NULL ||
      self->booking_items)
    return;

  resfri_bookings_book_missing_items_async (self->store, resfri_occurrence_get_uid (occurrence),
                                            resfri_meetings_get_rid (occurrence),
                                            self->cancellable, book_items_cb,
                                            _resfri_meeting_detail_job_new (self, NULL));
  self->booking_items = TRUE;
  /* Translators: Book Loan Items while the items are being booked */
  resfri_meetings_set_button_busy (self->items_button, _("Booking…"));
}

/* Online link */

typedef struct
{
  ResfriMeetingDetail *self;
  GPtrArray          *versions;
  char               *key;
} LinkUndo;

static void
link_undo_free (gpointer data)
{
  LinkUndo *undo = data;

  g_clear_object (&undo->self);
  g_clear_pointer (&undo->versions, g_ptr_array_unref);
  g_free (undo->key);
  g_free (undo);
}

static void
on_link_undo_cb (AdwToast *toast,
                 LinkUndo *undo)
{
  ResfriMeetingDetail *self = undo->self;
  g_autoptr(GError) error = NULL;

  if (self->store == NULL)
    return;

  if (!resfri_meeting_restore (self->store, undo->versions, &error))
    _resfri_meeting_detail_toast_error (self, _("Cannot undo the meeting link: %s"), error);
  _resfri_meeting_detail_emit_meeting_changed (self, undo->key);
}

static void
on_link_response_cb (ResfriLinkDialog    *dialog,
                     const char          *response,
                     ResfriMeetingDetail *self)
{
  ResfriOccurrence *occurrence = resfri_link_dialog_get_occurrence (dialog);
  const char *uid = resfri_occurrence_get_uid (occurrence);
  const char *recurrence_id = resfri_meetings_get_rid (occurrence);
  ResfriMode mode = resfri_link_dialog_get_mode (dialog);
  g_autoptr(GPtrArray) versions = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  LinkUndo *undo;
  AdwToast *toast;

  if (g_strcmp0 (response, "add") != 0 || self->store == NULL)
    return;

  url = resfri_link_dialog_dup_url (dialog);
  versions = resfri_meeting_set_online_link (self->store, uid,
                                             resfri_link_dialog_get_whole_meeting (dialog)
                                             ? NULL : recurrence_id,
                                             url, mode, &error);
  if (versions == NULL)
    {
      _resfri_meeting_detail_toast_error (self, _("Cannot add the meeting link: %s"), error);
      return;
    }

  undo = g_new0 (LinkUndo, 1);
  undo->self = g_object_ref (self);
  undo->versions = g_steal_pointer (&versions);
  undo->key = resfri_meetings_dup_key (uid, recurrence_id);
  _resfri_meeting_detail_emit_meeting_changed (self, undo->key);

  toast = adw_toast_new (mode == RESFRI_MODE_HYBRID ? _("It is now a hybrid meeting")
                                                    : _("It is now a web meeting"));
  adw_toast_set_button_label (toast, _("_Undo"));
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (on_link_undo_cb), undo,
                         (GClosureNotify) (void (*) (void)) link_undo_free, 0);
  _resfri_meeting_detail_add_toast_object (self, toast);
}

static void
on_link_add_clicked_cb (ResfriMeetingDetail *self)
{
  g_autoptr(ResfriPolicy) policy = NULL;
  g_autofree char *suggestion = NULL;
  GtkWidget *dialog;

  if (self->occurrence == NULL || self->store == NULL)
    return;

  policy = resfri_policy_load (self->store, NULL);
  if (resfri_occurrence_get_online_url (self->occurrence) != NULL)
    suggestion = g_strdup (resfri_occurrence_get_online_url (self->occurrence));
  else
    suggestion = resfri_meeting_suggest_link (policy);

  dialog = resfri_link_dialog_new (resfri_widget_get_window (GTK_WIDGET (self)), self->occurrence,
                                   suggestion);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_link_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Convert Series */

static void
converted_cb (ResfriConvertResult *result,
              const GError        *error,
              gpointer             user_data)
{
  ResfriDetailJob *job = user_data;
  g_autoptr(ResfriMeetingDetail) self = _resfri_meeting_detail_job_dup_self (job, error);
  g_autofree char *text = NULL;
  g_autofree char *key = NULL;

  if (self == NULL)
    return;
  if (result == NULL)
    {
      _resfri_meeting_detail_toast_error (self, _("Cannot convert the series: %s"), error);
      return;
    }

  text = resfri_convert_dialog_describe (result);
  _resfri_meeting_detail_add_toast_object (self, adw_toast_new (text));
  key = resfri_meetings_dup_key (result->uid, job->name);
  _resfri_meeting_detail_emit_meeting_changed (self, key);
}

static void
on_convert_clicked_cb (ResfriMeetingDetail *self)
{
  g_autoptr(ResfriPolicy) policy = NULL;
  g_autofree char *suggestion = NULL;
  const char *recurrence_id;

  if (self->occurrence == NULL || self->store == NULL)
    return;

  policy = resfri_policy_load (self->store, NULL);
  if (resfri_occurrence_get_online_url (self->occurrence) != NULL)
    suggestion = g_strdup (resfri_occurrence_get_online_url (self->occurrence));
  else
    suggestion = resfri_meeting_suggest_link (policy);
  recurrence_id = resfri_meetings_get_rid (self->occurrence);

  resfri_convert_dialog_run (resfri_widget_get_window (GTK_WIDGET (self)), self->store,
                             resfri_occurrence_get_uid (self->occurrence), recurrence_id,
                             suggestion, converted_cb,
                             _resfri_meeting_detail_job_new (self, recurrence_id),
                             (GDestroyNotify) _resfri_meeting_detail_job_free);
}

/* Export */

static void
write_meeting_export (ResfriMeetingDetail *self,
                      const char          *uid,
                      GFile               *file)
{
  g_autofree char *text = NULL;
  g_autofree char *basename = NULL;
  g_autofree char *markup = NULL;
  g_autoptr(GError) error = NULL;
  gsize length = 0;

  if (self->store == NULL)
    return;

  text = resfri_store_export_meeting_ical (self->store, uid, "PUBLISH", &length, NULL, &error);
  if (text == NULL ||
      !g_file_replace_contents (file, text, length, NULL, FALSE, G_FILE_CREATE_NONE, NULL, NULL,
                                &error))
    {
      _resfri_meeting_detail_toast_error (self, _("Cannot export the meeting: %s"), error);
      return;
    }

  basename = g_file_get_basename (file);
  /* Translators: %s is a file name */
  markup = g_markup_printf_escaped (_("Exported to %s"), basename);
  resfri_widget_add_toast (GTK_WIDGET (self), markup);
}

static void
export_response_cb (GtkNativeDialog *dialog,
                    int              response,
                    gpointer         user_data)
{
  g_autoptr(ResfriMeetingDetail) self = user_data;
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT &&
      (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog))) != NULL)
    write_meeting_export (self, g_object_get_data (G_OBJECT (dialog), "uid"), file);
  g_object_unref (dialog);
}

/* A file name from the meeting's summary: letters, digits, spaces and
 * dashes kept, the rest dropped. */
static char *
dup_export_name (ResfriOccurrence *occurrence)
{
  const char *summary = resfri_occurrence_get_summary (occurrence);
  g_autoptr(GString) name = g_string_new (NULL);

  for (const char *p = summary; p != NULL && *p != '\0' && name->len < 60;
       p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isalnum (c) || c == ' ' || c == '-' || c == '_')
        g_string_append_unichar (name, c);
    }
  g_strstrip (name->str);
  if (name->str[0] == '\0')
    return g_strdup ("meeting.ics");

  return g_strdup_printf ("%s.ics", name->str);
}

static void
on_export_clicked_cb (ResfriMeetingDetail *self)
{
  ResfriOccurrence *occurrence = self->occurrence;
  g_autofree char *name = NULL;
  GtkFileChooserNative *dialog;
  GtkFileFilter *filter;
  const char *test_dir;

  if (occurrence == NULL || self->store == NULL)
    return;

  name = dup_export_name (occurrence);
  /* The UI tests cannot drive a file chooser under Xvfb reliably: they name
   * a folder to export to without asking. */
  test_dir = g_getenv ("RESFRI_TEST_EXPORT_DIR");
  if (test_dir != NULL && *test_dir != '\0')
    {
      g_autofree char *path = g_build_filename (test_dir, name, NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);

      write_meeting_export (self, resfri_occurrence_get_uid (occurrence), file);
      return;
    }

  dialog = gtk_file_chooser_native_new (_("Export Meeting"),
                                        resfri_widget_get_window (GTK_WIDGET (self)),
                                        GTK_FILE_CHOOSER_ACTION_SAVE,
                                        _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, _("iCalendar files"));
  gtk_file_filter_add_mime_type (filter, "text/calendar");
  gtk_file_filter_add_suffix (filter, "ics");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  g_object_unref (filter);
  g_object_set_data_full (G_OBJECT (dialog), "uid",
                          g_strdup (resfri_occurrence_get_uid (occurrence)), g_free);
  g_signal_connect (dialog, "response", G_CALLBACK (export_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
on_link_clicked_cb (ResfriMeetingDetail *self)
{
  ResfriOccurrence *occurrence = self->occurrence;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (occurrence != NULL && resfri_occurrence_get_online_url (occurrence) != NULL)
    gtk_show_uri (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                  resfri_occurrence_get_online_url (occurrence), GDK_CURRENT_TIME);
}

void
_resfri_meeting_detail_class_actions_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_callback (widget_class, on_exempt_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_room_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_items_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_link_add_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_convert_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_export_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_link_clicked_cb);
}

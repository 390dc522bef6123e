/* resfri-composer-actions.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The New Meeting window's actions (composer.make-travel-free, .save,
 * .save-and-book, .export) and its work on a worker thread: 150 ms after the
 * last change the draft is evaluated with resfri_draft_evaluate_async() (on
 * the 60,000-employee demo an evaluation reads every person and takes about
 * a third of a second); a save is resfri_draft_save_async(). One job runs at
 * a time; a change made meanwhile is evaluated right after, and a save asked
 * for meanwhile runs next.
 *
 * Also what keeps a filled-in meeting from being lost: closing a window
 * whose form differs from the one it opened with (or last saved) asks to
 * save, discard or cancel (the "Save" of that dialog closes only once the
 * save succeeded), and Make It Travel-Free offers an Undo.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "resfri-bookings.h"
#include "resfri-composer-private.h"

#define EVALUATE_DELAY_MS 150

typedef enum
{
  JOB_EVALUATE,
  JOB_SAVE,
  JOB_SAVE_AND_BOOK,
} JobKind;

static void start_evaluation (ResfriComposer *self);
static void evaluated_cb     (GObject        *object,
                              GAsyncResult   *result,
                              gpointer        user_data);
static void saved_cb         (GObject        *object,
                              GAsyncResult   *result,
                              gpointer        user_data);
static void booked_cb        (GObject        *object,
                              GAsyncResult   *result,
                              gpointer        user_data);
static void close_later      (ResfriComposer *self);

/* ---- Work on a worker thread --------------------------------------------- */

static void
run_job (ResfriComposer *self,
         JobKind         kind)
{
  self->busy = TRUE;
  gtk_spinner_start (self->spinner);
  _resfri_composer_update_actions (self);

  if (kind != JOB_EVALUATE)
    {
      g_free (self->saving_state);
      self->saving_state = _resfri_composer_dup_state (self);
    }

  if (kind == JOB_EVALUATE)
    resfri_draft_evaluate_async (self->store, self->draft, self->cancellable,
                                 evaluated_cb, g_object_ref (self));
  else
    resfri_draft_save_async (self->store, self->draft, kind == JOB_SAVE_AND_BOOK,
                             self->cancellable,
                             kind == JOB_SAVE_AND_BOOK ? booked_cb : saved_cb,
                             g_object_ref (self));
}

/* A job is done (not cancelled): the next one, if any. */
static void
job_done (ResfriComposer *self)
{
  if (self->pending >= 0)
    {
      JobKind next = (JobKind) self->pending;

      self->pending = -1;
      run_job (self, next);
    }
  else if (self->dirty)
    {
      self->dirty = FALSE;
      start_evaluation (self);
    }
}

static void
job_stopped (ResfriComposer *self)
{
  self->busy = FALSE;
  gtk_spinner_stop (self->spinner);
  _resfri_composer_update_actions (self);
}

static void
evaluated_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(ResfriComposer) self = user_data;
  g_autoptr(ResfriDraftEvaluation) evaluation = NULL;
  g_autoptr(GError) error = NULL;

  evaluation = resfri_draft_evaluate_finish (RESFRI_STORE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  job_stopped (self);
  if (evaluation != NULL)
    _resfri_composer_show_evaluation (self, evaluation);
  else
    _resfri_composer_show_incomplete (self, error->message);

  job_done (self);
}

static void
report_bookings (ResfriComposer            *self,
                 const ResfriDraftBookings *bookings,
                 const char                *failure)
{
  g_autoptr(GString) text = g_string_new (NULL);

  if (bookings != NULL)
    {
      for (guint i = 0; i < bookings->booked->len; i++)
        {
          const ResfriBooking *b = g_ptr_array_index (bookings->booked, i);

          if (text->len > 0)
            g_string_append_c (text, '\n');
          if (b->kind == RESFRI_BOOKING_ROOM)
            {
              const char *room = g_hash_table_lookup (self->room_titles, b->resource);

              g_string_append_printf (text, _("Booked the room %s"), room != NULL ? room : b->resource);
            }
          else
            {
              g_autofree char *key = b->person != NULL ? g_utf8_strdown (b->person, -1) : NULL;
              ResfriComposerChoice *person = key != NULL ? g_hash_table_lookup (self->people, key) : NULL;

              /* Translators: "Lent C5 (camera) to Frida Berg" */
              g_string_append_printf (text, _("Lent %s (%s) to %s"), b->resource,
                                      g_strcmp0 (b->type, "headset") == 0 ? _("headset") :
                                      g_strcmp0 (b->type, "camera") == 0 ? _("camera") : b->type,
                                      person != NULL
                                      ? resfri_composer_choice_get_title (person) : b->person);
            }
        }
      for (guint i = 0; i < bookings->skipped->len; i++)
        {
          if (text->len > 0)
            g_string_append_c (text, '\n');
          g_string_append_printf (text, _("Not booked: %s"),
                                  (const char *) g_ptr_array_index (bookings->skipped, i));
        }
      if (text->len == 0)
        g_string_append (text, _("Nothing needed booking."));
    }
  if (failure != NULL)
    {
      if (text->len > 0)
        g_string_append_c (text, '\n');
      g_string_append_printf (text, _("Booking failed: %s"), failure);
    }

  gtk_label_set_text (self->bookings_label, text->str);
  gtk_widget_set_visible (GTK_WIDGET (self->bookings_label), text->len > 0);
}

static void
save_done (ResfriComposer *self,
           GAsyncResult   *result,
           JobKind         kind)
{
  g_autoptr(ResfriDraftBookings) bookings = NULL;
  g_autoptr(GError) book_error = NULL;
  g_autoptr(GError) error = NULL;

  if (!resfri_draft_save_finish (self->store, result, self->draft, &bookings, &book_error, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          /* The window closed while a save was under way: it may have been
           * stored all the same; the views show what the database holds. */
          if (self->parent != NULL)
            gtk_widget_activate_action (GTK_WIDGET (self->parent), "win.reload", NULL);
          return;
        }

      job_stopped (self);
      self->close_after_save = FALSE;   /* the window stays: nothing is lost */
      {
        g_autofree char *text = g_strdup_printf (_("The meeting was not saved: %s"), error->message);

        _resfri_composer_toast (self, text);
      }
    }
  else
    {
      /* Saved, but booking failed: the save stands; say why booking did not. */
      const char *failure = book_error != NULL ? book_error->message : NULL;
      g_autofree char *text = NULL;
      guint n_booked = bookings != NULL ? bookings->booked->len : 0;
      guint n_skipped = bookings != NULL ? bookings->skipped->len : 0;

      job_stopped (self);
      self->unsaved = FALSE;
      g_free (self->clean_state);
      self->clean_state = g_steal_pointer (&self->saving_state);

      if (kind == JOB_SAVE_AND_BOOK)
        {
          g_autofree char *booked = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                                  "%u booking made",
                                                                  "%u bookings made",
                                                                  n_booked),
                                                     n_booked);
          g_autofree char *skipped = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                                   "%u not possible",
                                                                   "%u not possible",
                                                                   n_skipped),
                                                      n_skipped);

          /* Translators: "Saved: 2 bookings made, 1 not possible" */
          text = g_strdup_printf (_("Saved: %s, %s"), booked, skipped);
          report_bookings (self, bookings, failure);
        }
      else
        text = g_strdup (_("Meeting saved"));
      _resfri_composer_toast (self, text);

      /* The views show the new meeting. */
      if (self->parent != NULL)
        gtk_widget_activate_action (GTK_WIDGET (self->parent), "win.reload", NULL);

      if (self->close_after_save)
        {
          /* Saved from the close dialog: nothing more to check. */
          self->pending = -1;
          self->dirty = FALSE;
          close_later (self);
          return;
        }
    }

  job_done (self);
}

static void
saved_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(ResfriComposer) self = user_data;

  save_done (self, result, JOB_SAVE);
}

static void
booked_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(ResfriComposer) self = user_data;

  save_done (self, result, JOB_SAVE_AND_BOOK);
}

static void
start_evaluation (ResfriComposer *self)
{
  if (self->busy)
    {
      self->dirty = TRUE;
      return;
    }
  if (!self->times_valid)
    {
      _resfri_composer_show_incomplete (self, _("Give a date, a start and an end."));
      return;
    }
  if (self->draft->organizer == NULL)
    {
      _resfri_composer_show_incomplete (self, _("Add the attendees: the first one organises the meeting."));
      return;
    }
  run_job (self, JOB_EVALUATE);
}

static gboolean
evaluate_timeout_cb (gpointer user_data)
{
  ResfriComposer *self = user_data;

  self->evaluate_id = 0;
  start_evaluation (self);

  return G_SOURCE_REMOVE;
}

void
_resfri_composer_schedule_evaluation (ResfriComposer *self)
{
  g_clear_handle_id (&self->evaluate_id, g_source_remove);
  self->evaluate_id = g_timeout_add (EVALUATE_DELAY_MS, evaluate_timeout_cb, self);
}

/* ---- Actions ---------------------------------------------------------------- */

/* What Make It Travel-Free changes (the venue and the link), as it was. */
typedef struct
{
  ResfriComposer *self;   /* the toast lives in its overlay: never outlives it */
  char           *room;
  char           *site;
  char           *online_url;
  char           *venue_text;
  char           *venue_label;
} TravelFreeUndo;

static void
travel_free_undo_free (gpointer data)
{
  TravelFreeUndo *undo = data;

  g_free (undo->room);
  g_free (undo->site);
  g_free (undo->online_url);
  g_free (undo->venue_text);
  g_free (undo->venue_label);
  g_free (undo);
}

/* Only what the action changed goes back: the title, the times and the
 * attendees stay as they are now, and so does the UID of a save since. */
static void
on_travel_free_undo_cb (AdwToast       *toast,
                        TravelFreeUndo *undo)
{
  ResfriComposer *self = undo->self;

  resfri_draft_set_venue (self->draft, undo->room, undo->site);
  g_free (self->draft->online_url);
  self->draft->online_url = g_strdup (undo->online_url);

  self->syncing = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->link_entry),
                         undo->online_url != NULL ? undo->online_url : "");
  gtk_editable_set_text (GTK_EDITABLE (self->venue_entry), undo->venue_text);
  gtk_label_set_text (self->venue_label, undo->venue_label);
  self->syncing = FALSE;

  _resfri_composer_changed (self);
}

static void
make_travel_free_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  ResfriComposer *self = RESFRI_COMPOSER (widget);
  g_autoptr(GError) error = NULL;
  TravelFreeUndo *undo;
  g_autofree char *markup = NULL;
  AdwToast *toast;

  undo = g_new0 (TravelFreeUndo, 1);
  undo->self = self;
  undo->room = g_strdup (self->draft->room);
  undo->site = g_strdup (self->draft->site);
  undo->online_url = g_strdup (self->draft->online_url);
  undo->venue_text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->venue_entry)));
  undo->venue_label = g_strdup (gtk_label_get_text (self->venue_label));

  if (!resfri_draft_make_travel_free (self->store, self->draft, NULL, &error))
    {
      travel_free_undo_free (undo);
      if (error != NULL)
        _resfri_composer_toast (self, error->message);
      return;
    }

  self->syncing = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->link_entry),
                         self->draft->online_url != NULL ? self->draft->online_url : "");
  if (self->draft->room == NULL && self->draft->site == NULL)
    {
      gtk_editable_set_text (GTK_EDITABLE (self->venue_entry), "");
      _resfri_composer_show_venue (self, NULL);
      markup = g_markup_escape_text (_("Now online: everyone joins by the link"), -1);
    }
  else
    markup = g_markup_escape_text (_("Now hybrid: the others join by the link"), -1);
  self->syncing = FALSE;
  _resfri_composer_changed (self);

  toast = adw_toast_new (markup);
  adw_toast_set_timeout (toast, 8);
  adw_toast_set_button_label (toast, _("_Undo"));
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (on_travel_free_undo_cb), undo,
                         (GClosureNotify) (void (*) (void)) travel_free_undo_free, 0);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  ResfriComposer *self = RESFRI_COMPOSER (widget);
  JobKind kind = g_str_equal (action_name, "composer.save-and-book") ? JOB_SAVE_AND_BOOK : JOB_SAVE;

  g_clear_handle_id (&self->evaluate_id, g_source_remove);
  self->dirty = TRUE;   /* re-check once saved (exemptions now apply) */
  if (self->busy)
    {
      /* After the evaluation under way. */
      if (self->pending != JOB_SAVE_AND_BOOK)
        self->pending = kind;
      return;
    }
  run_job (self, kind);
}

static void
on_export_response_cb (GtkNativeDialog *chooser,
                       int              response,
                       ResfriComposer  *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autoptr(GError) error = NULL;
      g_autofree char *ics = NULL;
      g_autofree char *text = NULL;
      gsize length = 0;

      if (file != NULL &&
          (ics = resfri_draft_export_invitation (self->store, self->draft, &length, &error)) != NULL &&
          g_file_replace_contents (file, ics, length, NULL, FALSE, G_FILE_CREATE_NONE, NULL,
                                   NULL, &error))
        {
          g_autofree char *name = g_file_get_basename (file);

          text = g_strdup_printf (_("Saved “%s”"), name);
        }
      else if (error != NULL)
        text = g_strdup_printf (_("The invitation was not exported: %s"), error->message);
      if (text != NULL)
        _resfri_composer_toast (self, text);
    }

  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  ResfriComposer *self = RESFRI_COMPOSER (widget);
  g_autoptr(GtkFileFilter) ics = gtk_file_filter_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  GtkFileChooserNative *chooser;

  /* The invitation is of the saved meeting: save what is shown first. */
  if (self->draft->uid == NULL || self->unsaved)
    {
      if (!resfri_draft_save (self->store, self->draft, &error))
        {
          g_autofree char *text = g_strdup_printf (_("The meeting was not saved: %s"), error->message);

          _resfri_composer_toast (self, text);
          return;
        }
      self->unsaved = FALSE;
      g_free (self->clean_state);
      self->clean_state = _resfri_composer_dup_state (self);
      if (self->parent != NULL)
        gtk_widget_activate_action (GTK_WIDGET (self->parent), "win.reload", NULL);
    }

  chooser = gtk_file_chooser_native_new (_("Export Invitation"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_filter_set_name (ics, _("Calendar files"));
  gtk_file_filter_add_mime_type (ics, "text/calendar");
  gtk_file_filter_add_suffix (ics, "ics");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), ics);
  name = g_strdup_printf ("%s.ics", self->draft->summary != NULL ? self->draft->summary : _("meeting"));
  g_strdelimit (name, "/\\:", '-');
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);

  g_signal_connect_object (chooser, "response", G_CALLBACK (on_export_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* ---- Closing ------------------------------------------------------------- */

static gboolean
close_idle_cb (gpointer data)
{
  gtk_window_close (GTK_WINDOW (data));

  return G_SOURCE_REMOVE;
}

/* Not from inside the dialog's response: the dialog, transient for the
 * window, closes itself after it and must not outlive the window. */
static void
close_later (ResfriComposer *self)
{
  self->closing = TRUE;
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, close_idle_cb, g_object_ref (self), g_object_unref);
}

static void
on_close_response_cb (AdwMessageDialog *dialog,
                      const char       *response,
                      ResfriComposer   *self)
{
  if (g_strcmp0 (response, "save") == 0)
    {
      /* Closes once saved; a failed save leaves the window open and says why. */
      self->close_after_save = TRUE;
      gtk_widget_activate_action (GTK_WIDGET (self), "composer.save", NULL);
    }
  else if (g_strcmp0 (response, "discard") == 0)
    close_later (self);
}

gboolean
resfri_composer_has_changes (ResfriComposer *self)
{
  g_autofree char *state = NULL;

  g_return_val_if_fail (RESFRI_IS_COMPOSER (self), FALSE);

  state = _resfri_composer_dup_state (self);
  return g_strcmp0 (state, self->clean_state) != 0;
}

static gboolean
resfri_composer_close_request (GtkWindow *window)
{
  ResfriComposer *self = RESFRI_COMPOSER (window);
  gboolean can_save;
  AdwMessageDialog *dialog;

  if (self->closing)
    return FALSE;
  if (self->close_dialog != NULL)
    return TRUE;

  if (!resfri_composer_has_changes (self))
    return FALSE;

  can_save = self->times_valid && self->draft->organizer != NULL;
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (window, _("Save Changes?"),
                                                       can_save
                                                       ? _("The meeting has changes that are not "
                                                           "saved. Changes which are not saved will "
                                                           "be permanently lost.")
                                                       : _("The meeting cannot be saved before it "
                                                           "has a date, a start, an end and "
                                                           "attendees. Changes which are not saved "
                                                           "will be permanently lost.")));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "discard", _("_Discard"),
                                    "save", _("_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (dialog, "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_enabled (dialog, "save", can_save);
  adw_message_dialog_set_default_response (dialog, can_save ? "save" : "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);

  self->close_dialog = dialog;
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->close_dialog);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_close_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));

  return TRUE;
}

void
_resfri_composer_class_actions_init (ResfriComposerClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  /* Escape, Ctrl+W and the close button all come here. */
  window_class->close_request = resfri_composer_close_request;

  gtk_widget_class_install_action (widget_class, "composer.make-travel-free", NULL,
                                   make_travel_free_action);
  gtk_widget_class_install_action (widget_class, "composer.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "composer.save-and-book", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "composer.export", NULL, export_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "composer.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_t, GDK_CONTROL_MASK,
                                       "composer.make-travel-free", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

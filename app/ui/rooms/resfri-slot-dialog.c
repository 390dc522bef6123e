/* resfri-slot-dialog.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A free hour of a room on the Rooms timeline, opened by a click or Enter
 * on it: the meetings at that time that have no room yet, each with a Book
 * button (::book, which the Rooms view carries out as the meeting detail's
 * Book Room… does). */

#include "config.h"

#include <glib/gi18n.h>

#include "resfri-occurrence.h"
#include "resfri-slot-dialog.h"

struct _ResfriSlotDialog
{
  AdwMessageDialog  parent_instance;

  /* Template widgets */
  GtkListBox       *meetings_list;

  char             *room;
};

G_DEFINE_FINAL_TYPE (ResfriSlotDialog, resfri_slot_dialog, ADW_TYPE_MESSAGE_DIALOG)

enum {
  BOOK,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

static void
on_book_clicked_cb (GtkButton        *button,
                    ResfriSlotDialog *self)
{
  g_signal_emit (self, signals [BOOK], 0, g_object_get_data (G_OBJECT (button), "occurrence"));
}

static char *
format_times (gint64 start,
              gint64 end)
{
  g_autoptr(GDateTime) from = g_date_time_new_from_unix_local (start);
  g_autoptr(GDateTime) to = g_date_time_new_from_unix_local (end);
  g_autofree char *from_text = g_date_time_format (from, "%H:%M");
  g_autofree char *to_text = g_date_time_format (to, "%H:%M");

  return g_strdup_printf ("%s–%s", from_text, to_text);
}

static GtkWidget *
create_meeting_row (ResfriSlotDialog *self,
                    ResfriOccurrence *occurrence)
{
  const char *summary = resfri_occurrence_get_summary (occurrence);
  const char *organizer = resfri_occurrence_get_organizer_name (occurrence);
  g_autofree char *times = format_times (resfri_occurrence_get_start (occurrence),
                                         resfri_occurrence_get_end (occurrence));
  g_autofree char *subtitle = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *book_name = NULL;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button;

  if (summary == NULL)
    summary = _("Untitled meeting");
  if (organizer == NULL)
    organizer = resfri_occurrence_get_organizer (occurrence);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), summary);
  /* Translators: a meeting's times and organiser, as in
   * "09:00–10:00 · Anna Berg" */
  subtitle = g_strdup_printf (_("%s · %s"), times, organizer != NULL ? organizer : "");
  escaped = g_markup_escape_text (subtitle, -1);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), escaped);

  button = gtk_button_new_with_mnemonic (_("_Book"));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  /* Translators: %s is a meeting's title */
  book_name = g_strdup_printf (_("Book for %s"), summary);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, book_name,
                                  -1);
  g_object_set_data_full (G_OBJECT (button), "occurrence", g_object_ref (occurrence),
                          g_object_unref);
  g_signal_connect_object (button, "clicked", G_CALLBACK (on_book_clicked_cb), self, 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), button);

  return row;
}

static void
resfri_slot_dialog_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), RESFRI_TYPE_SLOT_DIALOG);

  G_OBJECT_CLASS (resfri_slot_dialog_parent_class)->dispose (object);
}

static void
resfri_slot_dialog_finalize (GObject *object)
{
  g_free (RESFRI_SLOT_DIALOG (object)->room);

  G_OBJECT_CLASS (resfri_slot_dialog_parent_class)->finalize (object);
}

static void
resfri_slot_dialog_class_init (ResfriSlotDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = resfri_slot_dialog_dispose;
  object_class->finalize = resfri_slot_dialog_finalize;

  /**
   * ResfriSlotDialog::book:
   * @occurrence: the meeting's occurrence to book the room for
   */
  signals [BOOK] = g_signal_new ("book", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                 0, NULL, NULL, NULL, G_TYPE_NONE, 1, RESFRI_TYPE_OCCURRENCE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/se/resfri/Resfri/ui/resfri-slot-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, ResfriSlotDialog, meetings_list);
}

static void
resfri_slot_dialog_init (ResfriSlotDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * resfri_slot_dialog_new:
 * @occurrences: (element-type ResfriOccurrence): the meetings at that
 *   time without a room
 */
GtkWidget *
resfri_slot_dialog_new (GtkWindow  *parent,
                        const char *room,
                        const char *room_name,
                        gint64      start,
                        gint64      end,
                        GPtrArray  *occurrences)
{
  ResfriSlotDialog *self;
  g_autoptr(GDateTime) day = NULL;
  g_autofree char *date = NULL;
  g_autofree char *times = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;

  g_return_val_if_fail (!parent || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (room != NULL, NULL);

  self = g_object_new (RESFRI_TYPE_SLOT_DIALOG, "transient-for", parent, NULL);
  self->room = g_strdup (room);

  day = g_date_time_new_from_unix_local (start);
  date = g_date_time_format (day, "%Y-%m-%d");
  times = format_times (start, end);
  /* Translators: %s is a room's name */
  heading = g_strdup_printf (_("Book %s"), room_name != NULL ? room_name : room);
  if (occurrences != NULL && occurrences->len > 0)
    /* Translators: a free hour of a room: its date and times */
    body = g_strdup_printf (_("Free on %s, %s. The meetings at that time without a room:"),
                            date, times);
  else
    body = g_strdup_printf (_("Free on %s, %s. No meeting at that time lacks a room."),
                            date, times);
  adw_message_dialog_set_heading (ADW_MESSAGE_DIALOG (self), heading);
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (self), body);

  for (guint i = 0; occurrences != NULL && i < occurrences->len; i++)
    gtk_list_box_append (self->meetings_list,
                         create_meeting_row (self, g_ptr_array_index (occurrences, i)));
  gtk_widget_set_visible (gtk_widget_get_parent (GTK_WIDGET (self->meetings_list)),
                          occurrences != NULL && occurrences->len > 0);

  return GTK_WIDGET (self);
}

const char *
resfri_slot_dialog_get_room (ResfriSlotDialog *self)
{
  g_return_val_if_fail (RESFRI_IS_SLOT_DIALOG (self), NULL);

  return self->room;
}

/* resfri-room-dialog.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* "Book a Room": the rooms free at an occurrence's time, each with a Book
 * button, and for a series the choice to book every occurrence. A Book
 * button emits ::book-room; the caller books and closes the dialog. */

#include "config.h"

#include <glib/gi18n.h>

#include "resfri-bookings.h"
#include "resfri-room-dialog.h"

struct _ResfriRoomDialog
{
  AdwMessageDialog  parent_instance;

  /* Template widgets */
  GtkCheckButton   *series_button;
  GtkListBox       *rooms_list;

  ResfriOccurrence *occurrence;
};

G_DEFINE_FINAL_TYPE (ResfriRoomDialog, resfri_room_dialog, ADW_TYPE_MESSAGE_DIALOG)

enum {
  BOOK_ROOM,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

static void
on_book_clicked_cb (GtkButton        *button,
                    ResfriRoomDialog *self)
{
  g_signal_emit (self, signals [BOOK_ROOM], 0,
                 g_object_get_data (G_OBJECT (button), "room"),
                 g_object_get_data (G_OBJECT (button), "name"));
}

static GtkWidget *
create_room_row (ResfriRoomDialog             *self,
                 const ResfriRoomAvailability *room)
{
  g_autofree char *subtitle = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *book_name = NULL;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), room->name);
  /* Translators: a room's site and seats, and whether it has video
   * equipment, as in "RH · 12 seats · video" */
  subtitle = g_strdup_printf (ngettext ("%s · %d seat%s", "%s · %d seats%s",
                                        (gulong) room->capacity),
                              room->site, (int) room->capacity,
                              room->vc ? _(" · video") : "");
  escaped = g_markup_escape_text (subtitle, -1);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), escaped);

  button = gtk_button_new_with_mnemonic (_("_Book"));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  /* Translators: %s is a room's name */
  book_name = g_strdup_printf (_("Book %s"), room->name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, book_name,
                                  -1);
  g_object_set_data_full (G_OBJECT (button), "room", g_strdup (room->room), g_free);
  g_object_set_data_full (G_OBJECT (button), "name", g_strdup (room->name), g_free);
  g_signal_connect_object (button, "clicked", G_CALLBACK (on_book_clicked_cb), self, 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);

  return row;
}

static void
resfri_room_dialog_dispose (GObject *object)
{
  ResfriRoomDialog *self = RESFRI_ROOM_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), RESFRI_TYPE_ROOM_DIALOG);
  g_clear_object (&self->occurrence);

  G_OBJECT_CLASS (resfri_room_dialog_parent_class)->dispose (object);
}

static void
resfri_room_dialog_class_init (ResfriRoomDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = resfri_room_dialog_dispose;

  /**
   * ResfriRoomDialog::book-room:
   * @room: the room's code
   * @name: the room's name
   *
   * A room's Book button was clicked.
   */
  signals [BOOK_ROOM] = g_signal_new ("book-room", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                      0, NULL, NULL, NULL, G_TYPE_NONE, 2,
                                      G_TYPE_STRING, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/se/resfri/Resfri/ui/resfri-room-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, ResfriRoomDialog, series_button);
  gtk_widget_class_bind_template_child (widget_class, ResfriRoomDialog, rooms_list);
}

static void
resfri_room_dialog_init (ResfriRoomDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
resfri_room_dialog_new (GtkWindow        *parent,
                        ResfriOccurrence *occurrence,
                        GPtrArray        *rooms)
{
  ResfriRoomDialog *self;
  const char *recurrence_id;

  g_return_val_if_fail (!parent || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (RESFRI_IS_OCCURRENCE (occurrence), NULL);
  g_return_val_if_fail (rooms != NULL, NULL);

  self = g_object_new (RESFRI_TYPE_ROOM_DIALOG, "transient-for", parent, NULL);
  self->occurrence = g_object_ref (occurrence);

  recurrence_id = resfri_occurrence_get_recurrence_id (occurrence);
  gtk_widget_set_visible (GTK_WIDGET (self->series_button),
                          recurrence_id != NULL && recurrence_id[0] != '\0');

  for (guint i = 0; i < rooms->len; i++)
    gtk_list_box_append (self->rooms_list, create_room_row (self, g_ptr_array_index (rooms, i)));

  return GTK_WIDGET (self);
}

ResfriOccurrence *
resfri_room_dialog_get_occurrence (ResfriRoomDialog *self)
{
  g_return_val_if_fail (RESFRI_IS_ROOM_DIALOG (self), NULL);

  return self->occurrence;
}

/* For a series: TRUE to book every occurrence, skipping the conflicts. */
gboolean
resfri_room_dialog_get_whole_series (ResfriRoomDialog *self)
{
  g_return_val_if_fail (RESFRI_IS_ROOM_DIALOG (self), FALSE);

  return gtk_widget_get_visible (GTK_WIDGET (self->series_button)) &&
         gtk_check_button_get_active (self->series_button);
}

/* resfri-room-dialog.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* "Book a Room": the rooms free at an occurrence's time, each with a Book
 * button, and for a series the choice to book every occurrence. It starts
 * at the meeting's own site (its venue's, else the organiser's home site)
 * and the seats its people need; both can be changed. A Book button emits
 * ::book-room; the caller books and closes the dialog. */

#include "config.h"

#include <glib/gi18n.h>

#include "resfri-bookings.h"
#include "resfri-meetings-utils.h"
#include "resfri-registers.h"
#include "resfri-room-dialog.h"

struct _ResfriRoomDialog
{
  AdwMessageDialog  parent_instance;

  /* Template widgets */
  GtkDropDown      *site_dropdown;
  GtkSpinButton    *capacity_spin;
  GtkLabel         *status_label;
  GtkCheckButton   *series_button;
  GtkListBox       *rooms_list;

  ResfriStore      *store;
  ResfriOccurrence *occurrence;
  GtkStringList    *sites;      /* "All Sites", then the site codes */
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

/* The rooms free for the chosen site and seats. */
static void
show_rooms (ResfriRoomDialog *self)
{
  g_autoptr(GPtrArray) rooms = NULL;
  g_autoptr(GError) error = NULL;
  guint selected = gtk_drop_down_get_selected (self->site_dropdown);
  const char *site = NULL;
  GtkWidget *child;

  if (self->store == NULL || self->occurrence == NULL)
    return;

  /* The first entry is "All Sites". */
  if (selected != 0 && selected != GTK_INVALID_LIST_POSITION)
    site = gtk_string_list_get_string (self->sites, selected);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->rooms_list))) != NULL)
    gtk_list_box_remove (self->rooms_list, child);

  rooms = resfri_bookings_free_rooms_for_occurrence (self->store,
                                                     resfri_occurrence_get_uid (self->occurrence),
                                                     resfri_meetings_get_rid (self->occurrence),
                                                     site,
                                                     gtk_spin_button_get_value_as_int (self->capacity_spin),
                                                     FALSE, &error);
  if (rooms == NULL)
    {
      g_autofree char *text = g_strdup_printf (_("Cannot find free rooms: %s"), error->message);

      gtk_label_set_text (self->status_label, text);
    }
  else
    {
      for (guint i = 0; i < rooms->len; i++)
        gtk_list_box_append (self->rooms_list, create_room_row (self, g_ptr_array_index (rooms, i)));
      gtk_label_set_text (self->status_label, _("No room is free at this time"));
    }
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), rooms == NULL || rooms->len == 0);
  gtk_widget_set_visible (GTK_WIDGET (self->rooms_list), rooms != NULL && rooms->len > 0);
}

/* Fills the site list and selects @venue_site_id's site, else the
 * organiser's home site. */
static void
fill_sites (ResfriRoomDialog *self,
            gint64            venue_site_id)
{
  g_autoptr(ResfriRegisters) registers = NULL;
  g_autoptr(GError) error = NULL;
  const ResfriRegisterSite *preselect = NULL;
  const char *organizer = resfri_occurrence_get_organizer (self->occurrence);
  guint n;

  gtk_string_list_append (self->sites, _("All Sites"));
  if (!(registers = resfri_registers_load (self->store, 0, &error)))
    {
      g_warning ("Cannot read the registers: %s", error->message);
      return;
    }

  if (venue_site_id != 0)
    preselect = resfri_registers_get_site (registers, venue_site_id);
  if (preselect == NULL && organizer != NULL)
    {
      g_autofree char *key = g_utf8_strdown (organizer, -1);
      const ResfriRegisterPerson *person = NULL;

      if (resfri_registers_find_person (registers, key, &person, NULL) && person != NULL)
        preselect = resfri_registers_get_site (registers, person->site_id);
    }

  n = resfri_registers_get_n_sites (registers);
  for (guint i = 0; i < n; i++)
    {
      const ResfriRegisterSite *site = resfri_registers_get_nth_site (registers, i);

      gtk_string_list_append (self->sites, site->code);
      if (site == preselect)
        gtk_drop_down_set_selected (self->site_dropdown, i + 1);
    }
}

static void
resfri_room_dialog_dispose (GObject *object)
{
  ResfriRoomDialog *self = RESFRI_ROOM_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), RESFRI_TYPE_ROOM_DIALOG);
  g_clear_object (&self->occurrence);
  g_clear_object (&self->store);
  g_clear_object (&self->sites);

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
  gtk_widget_class_bind_template_child (widget_class, ResfriRoomDialog, site_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ResfriRoomDialog, capacity_spin);
  gtk_widget_class_bind_template_child (widget_class, ResfriRoomDialog, status_label);
  gtk_widget_class_bind_template_child (widget_class, ResfriRoomDialog, series_button);
  gtk_widget_class_bind_template_child (widget_class, ResfriRoomDialog, rooms_list);
}

static void
resfri_room_dialog_init (ResfriRoomDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->sites = gtk_string_list_new (NULL);
  gtk_drop_down_set_model (self->site_dropdown, G_LIST_MODEL (self->sites));
}

GtkWidget *
resfri_room_dialog_new (GtkWindow        *parent,
                        ResfriStore      *store,
                        ResfriOccurrence *occurrence,
                        gint64            venue_site_id,
                        gint64            capacity)
{
  ResfriRoomDialog *self;
  const char *recurrence_id;

  g_return_val_if_fail (!parent || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (RESFRI_IS_STORE (store), NULL);
  g_return_val_if_fail (RESFRI_IS_OCCURRENCE (occurrence), NULL);

  self = g_object_new (RESFRI_TYPE_ROOM_DIALOG, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  self->occurrence = g_object_ref (occurrence);

  recurrence_id = resfri_occurrence_get_recurrence_id (occurrence);
  gtk_widget_set_visible (GTK_WIDGET (self->series_button),
                          recurrence_id != NULL && recurrence_id[0] != '\0');

  fill_sites (self, venue_site_id);
  gtk_spin_button_set_value (self->capacity_spin, MAX (capacity, 1));
  show_rooms (self);
  g_signal_connect_object (self->site_dropdown, "notify::selected",
                           G_CALLBACK (show_rooms), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->capacity_spin, "value-changed",
                           G_CALLBACK (show_rooms), self, G_CONNECT_SWAPPED);

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

/* resfri-history-dialog.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Equipment view's History dialog: what happened to one item, one row
 * per entry in the order the inventory gives them, then what is ahead of
 * it: its loans and the calendar's reservations of it (spec/sync.md) in
 * the next weeks, a conflict marked. It only shows; Close is its one
 * response.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "resfri-booking.h"
#include "resfri-history-dialog.h"
#include "resfri-inventory.h"
#include "resfri-item-labels.h"

struct _ResfriHistoryDialog
{
  AdwMessageDialog  parent_instance;

  /* Template widgets */
  GtkListBox       *list;
  GtkListBox       *upcoming_list;
};

G_DEFINE_FINAL_TYPE (ResfriHistoryDialog, resfri_history_dialog, ADW_TYPE_MESSAGE_DIALOG)

static GtkWidget *
create_row (const ResfriItemEvent *event)
{
  g_autoptr(GDateTime) local = g_date_time_to_local (event->at);
  g_autofree char *when = g_date_time_format (local, "%Y-%m-%d %H:%M");
  g_autofree char *title = NULL;
  g_autoptr(GString) subtitle = g_string_new (NULL);
  g_autofree char *escaped = NULL;
  GtkWidget *row = adw_action_row_new ();

  /* Translators: a history entry: a date and time, then what happened */
  title = g_strdup_printf (_("%s · %s"), when, resfri_item_action_label (event->action));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);

  g_string_append (subtitle, event->holder != NULL ? event->holder : _("Loan pool"));
  if (event->site != NULL)
    g_string_append_printf (subtitle, " · %s", event->site);
  g_string_append_printf (subtitle, " · %s", resfri_item_state_label (event->state));
  if (event->detail != NULL && event->detail[0] != '\0')
    g_string_append_printf (subtitle, " · %s", event->detail);
  escaped = g_markup_escape_text (subtitle->str, -1);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), escaped);

  return row;
}

/* A loan or a reservation ahead: when, what, and whose. */
static GtkWidget *
create_upcoming_row (const ResfriBooking *booking)
{
  g_autoptr(GDateTime) start = g_date_time_new_from_unix_local (booking->start);
  g_autoptr(GDateTime) end = g_date_time_new_from_unix_local (booking->end);
  g_autofree char *from = g_date_time_format (start, "%Y-%m-%d %H:%M");
  g_autofree char *until = g_date_time_format (end, "%H:%M");
  g_autofree char *when = NULL;
  g_autofree char *title = NULL;
  g_autoptr(GString) subtitle = g_string_new (NULL);
  g_autofree char *escaped = NULL;
  GtkWidget *row = adw_action_row_new ();

  /* Translators: a start date and time, and the end time: 2026-12-07 09:00–10:00 */
  when = g_strdup_printf (_("%s–%s"), from, until);
  /* Translators: a history entry: a date and time, then what happened */
  title = g_strdup_printf (_("%s · %s"), when,
                           booking->summary != NULL ? booking->summary : _("Reserved"));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);

  if (booking->source == RESFRI_BOOKING_SOURCE_CALENDAR)
    g_string_append (subtitle, _("Reserved in the calendar"));
  else if (booking->person != NULL)
    /* Translators: %s is the person an item is lent to */
    g_string_append_printf (subtitle, _("Lent to %s"), booking->person);
  else
    g_string_append (subtitle, _("Booked in Resfri"));
  if (g_strcmp0 (booking->attention, "conflict") == 0)
    g_string_append_printf (subtitle, " · %s", _("Conflict: another occurrence holds it too"));
  escaped = g_markup_escape_text (subtitle->str, -1);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), escaped);

  return row;
}

static void
resfri_history_dialog_class_init (ResfriHistoryDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/se/resfri/Resfri/ui/resfri-history-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, ResfriHistoryDialog, list);
  gtk_widget_class_bind_template_child (widget_class, ResfriHistoryDialog, upcoming_list);
}

static void
resfri_history_dialog_init (ResfriHistoryDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
resfri_history_dialog_new (GtkWindow  *parent,
                           const char *tag,
                           GPtrArray  *history,
                           GPtrArray  *upcoming)
{
  ResfriHistoryDialog *self;

  g_return_val_if_fail (!parent || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (tag != NULL, NULL);
  g_return_val_if_fail (history != NULL, NULL);
  g_return_val_if_fail (upcoming != NULL, NULL);

  self = g_object_new (RESFRI_TYPE_HISTORY_DIALOG,
                       "transient-for", parent,
                       NULL);

  /* Translators: %s is an asset tag */
  adw_message_dialog_format_heading (ADW_MESSAGE_DIALOG (self), _("History of %s"), tag);

  for (guint i = 0; i < history->len; i++)
    gtk_list_box_append (self->list, create_row (g_ptr_array_index (history, i)));
  for (guint i = 0; i < upcoming->len; i++)
    gtk_list_box_append (self->upcoming_list, create_upcoming_row (g_ptr_array_index (upcoming, i)));
  if (upcoming->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     _("Nothing is booked or reserved in the next 8 weeks"));
      gtk_list_box_append (self->upcoming_list, row);
    }

  return GTK_WIDGET (self);
}

/* resfri-exemption-dialog.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* "Record an Exemption": the reasons of resfri-exemption.h as radio
 * buttons, a note (required for "other"), and for a series the choice
 * between this occurrence and the whole meeting. The "record" response is
 * enabled once the choice is complete; the caller records it. */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "resfri-exemption-dialog.h"
#include "resfri-exemption.h"

struct _ResfriExemptionDialog
{
  AdwMessageDialog  parent_instance;

  /* Template widgets */
  GtkBox           *box;
  GtkEntry         *note_entry;
  GtkCheckButton   *one_button;
  GtkCheckButton   *whole_button;

  GPtrArray        *reasons;      /* GtkCheckButton, each with its "reason" */
  ResfriOccurrence *occurrence;
};

G_DEFINE_FINAL_TYPE (ResfriExemptionDialog, resfri_exemption_dialog, ADW_TYPE_MESSAGE_DIALOG)

static void
update_response (ResfriExemptionDialog *self)
{
  const char *reason;
  g_autofree char *note = NULL;

  /* Buttons and the entry go away one by one while the dialog closes. */
  if (gtk_widget_in_destruction (GTK_WIDGET (self)) || self->reasons == NULL)
    return;

  reason = resfri_exemption_dialog_get_reason (self);
  note = resfri_exemption_dialog_dup_note (self);

  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "record",
                                           reason != NULL &&
                                           (strcmp (reason, "other") != 0 || note[0] != '\0'));
}

static void
add_reasons (ResfriExemptionDialog *self,
             const char            *recorded_reason)
{
  const char * const *reasons = resfri_exemption_get_reasons ();
  GtkCheckButton *group = NULL;
  GtkWidget *previous = NULL;

  for (guint i = 0; reasons[i] != NULL; i++)
    {
      const char *description = resfri_exemption_describe_reason (reasons[i]);
      GtkWidget *check = gtk_check_button_new_with_label (description != NULL ? description
                                                                              : reasons[i]);
      GtkWidget *label = gtk_widget_get_last_child (check);

      if (GTK_IS_LABEL (label))
        {
          gtk_label_set_wrap (GTK_LABEL (label), TRUE);
          gtk_label_set_xalign (GTK_LABEL (label), 0);
        }
      g_object_set_data_full (G_OBJECT (check), "reason", g_strdup (reasons[i]), g_free);
      if (group != NULL)
        gtk_check_button_set_group (GTK_CHECK_BUTTON (check), group);
      else
        group = GTK_CHECK_BUTTON (check);
      if (g_strcmp0 (recorded_reason, reasons[i]) == 0)
        gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
      g_signal_connect_object (check, "toggled", G_CALLBACK (update_response), self,
                               G_CONNECT_SWAPPED);
      g_ptr_array_add (self->reasons, g_object_ref (check));
      gtk_box_insert_child_after (self->box, check, previous);
      previous = check;
    }
}

/* The reason is chosen first: arrow keys move between the reasons and
 * Space picks one. */
static void
resfri_exemption_dialog_show (GtkWidget *widget)
{
  ResfriExemptionDialog *self = RESFRI_EXEMPTION_DIALOG (widget);

  GTK_WIDGET_CLASS (resfri_exemption_dialog_parent_class)->show (widget);

  if (self->reasons->len > 0)
    gtk_widget_grab_focus (g_ptr_array_index (self->reasons, 0));
}

static void
resfri_exemption_dialog_dispose (GObject *object)
{
  ResfriExemptionDialog *self = RESFRI_EXEMPTION_DIALOG (object);

  g_clear_pointer (&self->reasons, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), RESFRI_TYPE_EXEMPTION_DIALOG);
  g_clear_object (&self->occurrence);

  G_OBJECT_CLASS (resfri_exemption_dialog_parent_class)->dispose (object);
}

static void
resfri_exemption_dialog_class_init (ResfriExemptionDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = resfri_exemption_dialog_dispose;
  widget_class->show = resfri_exemption_dialog_show;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/se/resfri/Resfri/ui/resfri-exemption-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, ResfriExemptionDialog, box);
  gtk_widget_class_bind_template_child (widget_class, ResfriExemptionDialog, note_entry);
  gtk_widget_class_bind_template_child (widget_class, ResfriExemptionDialog, one_button);
  gtk_widget_class_bind_template_child (widget_class, ResfriExemptionDialog, whole_button);
  gtk_widget_class_bind_template_callback (widget_class, update_response);
}

static void
resfri_exemption_dialog_init (ResfriExemptionDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* @recorded_reason: the reason recorded before, chosen at the start, or
 * NULL. */
GtkWidget *
resfri_exemption_dialog_new (GtkWindow        *parent,
                             ResfriOccurrence *occurrence,
                             const char       *recorded_reason)
{
  ResfriExemptionDialog *self;
  const char *recurrence_id;

  g_return_val_if_fail (!parent || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (RESFRI_IS_OCCURRENCE (occurrence), NULL);

  self = g_object_new (RESFRI_TYPE_EXEMPTION_DIALOG, "transient-for", parent, NULL);
  self->occurrence = g_object_ref (occurrence);
  self->reasons = g_ptr_array_new_with_free_func (g_object_unref);
  add_reasons (self, recorded_reason);

  recurrence_id = resfri_occurrence_get_recurrence_id (occurrence);
  gtk_widget_set_visible (GTK_WIDGET (self->one_button),
                          recurrence_id != NULL && recurrence_id[0] != '\0');
  gtk_widget_set_visible (GTK_WIDGET (self->whole_button),
                          recurrence_id != NULL && recurrence_id[0] != '\0');
  update_response (self);

  return GTK_WIDGET (self);
}

ResfriOccurrence *
resfri_exemption_dialog_get_occurrence (ResfriExemptionDialog *self)
{
  g_return_val_if_fail (RESFRI_IS_EXEMPTION_DIALOG (self), NULL);

  return self->occurrence;
}

/* For a series: TRUE when the whole meeting is chosen, not the occurrence. */
gboolean
resfri_exemption_dialog_get_whole_meeting (ResfriExemptionDialog *self)
{
  g_return_val_if_fail (RESFRI_IS_EXEMPTION_DIALOG (self), FALSE);

  return gtk_widget_get_visible (GTK_WIDGET (self->whole_button)) &&
         gtk_check_button_get_active (self->whole_button);
}

/* The chosen reason's id, or NULL. */
const char *
resfri_exemption_dialog_get_reason (ResfriExemptionDialog *self)
{
  g_return_val_if_fail (RESFRI_IS_EXEMPTION_DIALOG (self), NULL);

  for (guint i = 0; self->reasons != NULL && i < self->reasons->len; i++)
    if (gtk_check_button_get_active (g_ptr_array_index (self->reasons, i)))
      return g_object_get_data (g_ptr_array_index (self->reasons, i), "reason");
  return NULL;
}

/* The note without surrounding blanks ("" for none). */
char *
resfri_exemption_dialog_dup_note (ResfriExemptionDialog *self)
{
  g_return_val_if_fail (RESFRI_IS_EXEMPTION_DIALOG (self), NULL);

  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->note_entry))));
}

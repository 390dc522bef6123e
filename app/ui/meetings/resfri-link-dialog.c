/* resfri-link-dialog.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* "Add a Meeting Link": the link (the "add" response is enabled while it
 * is one resfri_meeting_check_link() accepts), a web or hybrid meeting,
 * and for a series the choice between this occurrence and the whole
 * meeting. The caller stores it. */

#include "config.h"

#include <glib/gi18n.h>

#include "resfri-link-dialog.h"
#include "resfri-meeting-edit.h"

struct _ResfriLinkDialog
{
  AdwMessageDialog  parent_instance;

  /* Template widgets */
  GtkEntry         *url_entry;
  GtkCheckButton   *hybrid_button;
  GtkCheckButton   *whole_button;
  GtkCheckButton   *one_button;

  ResfriOccurrence *occurrence;
};

G_DEFINE_FINAL_TYPE (ResfriLinkDialog, resfri_link_dialog, ADW_TYPE_MESSAGE_DIALOG)

static void
update_response (ResfriLinkDialog *self)
{
  g_autofree char *url = NULL;

  if (gtk_widget_in_destruction (GTK_WIDGET (self)) || self->url_entry == NULL)
    return;

  url = resfri_link_dialog_dup_url (self);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "add",
                                           resfri_meeting_check_link (url, NULL));
}

/* The link is what one came for: focus it. */
static void
resfri_link_dialog_show (GtkWidget *widget)
{
  ResfriLinkDialog *self = RESFRI_LINK_DIALOG (widget);

  GTK_WIDGET_CLASS (resfri_link_dialog_parent_class)->show (widget);

  gtk_widget_grab_focus (GTK_WIDGET (self->url_entry));
}

static void
resfri_link_dialog_dispose (GObject *object)
{
  ResfriLinkDialog *self = RESFRI_LINK_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), RESFRI_TYPE_LINK_DIALOG);
  g_clear_object (&self->occurrence);

  G_OBJECT_CLASS (resfri_link_dialog_parent_class)->dispose (object);
}

static void
resfri_link_dialog_class_init (ResfriLinkDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = resfri_link_dialog_dispose;
  widget_class->show = resfri_link_dialog_show;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/se/resfri/Resfri/ui/resfri-link-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, ResfriLinkDialog, url_entry);
  gtk_widget_class_bind_template_child (widget_class, ResfriLinkDialog, hybrid_button);
  gtk_widget_class_bind_template_child (widget_class, ResfriLinkDialog, one_button);
  gtk_widget_class_bind_template_child (widget_class, ResfriLinkDialog, whole_button);
  gtk_widget_class_bind_template_callback (widget_class, update_response);
}

static void
resfri_link_dialog_init (ResfriLinkDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* @suggestion: the link the entry starts with, or NULL. */
GtkWidget *
resfri_link_dialog_new (GtkWindow        *parent,
                        ResfriOccurrence *occurrence,
                        const char       *suggestion)
{
  ResfriLinkDialog *self;
  const char *recurrence_id;

  g_return_val_if_fail (!parent || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (RESFRI_IS_OCCURRENCE (occurrence), NULL);

  self = g_object_new (RESFRI_TYPE_LINK_DIALOG, "transient-for", parent, NULL);
  self->occurrence = g_object_ref (occurrence);
  if (suggestion != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->url_entry), suggestion);

  recurrence_id = resfri_occurrence_get_recurrence_id (occurrence);
  gtk_widget_set_visible (GTK_WIDGET (self->one_button),
                          recurrence_id != NULL && recurrence_id[0] != '\0');
  gtk_widget_set_visible (GTK_WIDGET (self->whole_button),
                          recurrence_id != NULL && recurrence_id[0] != '\0');
  update_response (self);

  return GTK_WIDGET (self);
}

ResfriOccurrence *
resfri_link_dialog_get_occurrence (ResfriLinkDialog *self)
{
  g_return_val_if_fail (RESFRI_IS_LINK_DIALOG (self), NULL);

  return self->occurrence;
}

/* For a series: TRUE when the whole meeting is chosen, not the occurrence. */
gboolean
resfri_link_dialog_get_whole_meeting (ResfriLinkDialog *self)
{
  g_return_val_if_fail (RESFRI_IS_LINK_DIALOG (self), FALSE);

  return gtk_widget_get_visible (GTK_WIDGET (self->whole_button)) &&
         gtk_check_button_get_active (self->whole_button);
}

/* The link without surrounding blanks. */
char *
resfri_link_dialog_dup_url (ResfriLinkDialog *self)
{
  g_return_val_if_fail (RESFRI_IS_LINK_DIALOG (self), NULL);

  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->url_entry))));
}

/* RESFRI_MODE_ONLINE (a web meeting) or RESFRI_MODE_HYBRID. */
ResfriMode
resfri_link_dialog_get_mode (ResfriLinkDialog *self)
{
  g_return_val_if_fail (RESFRI_IS_LINK_DIALOG (self), RESFRI_MODE_ONLINE);

  return gtk_check_button_get_active (self->hybrid_button) ? RESFRI_MODE_HYBRID
                                                           : RESFRI_MODE_ONLINE;
}

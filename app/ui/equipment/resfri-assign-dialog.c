/* resfri-assign-dialog.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Equipment view's Assign dialog: the person an item is given to,
 * typed as a name (completed from the people register) or an address.
 * Assign is enabled once the text holds an address; the view does the
 * assigning when the dialog answers "assign".
 */

#include "config.h"

#include <glib/gi18n.h>

#include "resfri-assign-dialog.h"

struct _ResfriAssignDialog
{
  AdwMessageDialog  parent_instance;

  /* Template widgets */
  GtkEntry         *entry;

  char             *tag;
};

G_DEFINE_FINAL_TYPE (ResfriAssignDialog, resfri_assign_dialog, ADW_TYPE_MESSAGE_DIALOG)

/* "Name <email>" or an address alone. */
static char *
extract_email (const char *text)
{
  const char *open = strrchr (text, '<');
  const char *close = open != NULL ? strchr (open, '>') : NULL;

  if (open != NULL && close != NULL)
    return g_strstrip (g_strndup (open + 1, close - open - 1));
  return g_strstrip (g_strdup (text));
}

static gboolean
completion_match_func (GtkEntryCompletion *completion,
                       const char         *key,
                       GtkTreeIter        *iter,
                       gpointer            user_data)
{
  GtkTreeModel *model = gtk_entry_completion_get_model (completion);
  g_autofree char *text = NULL;
  g_autofree char *folded = NULL;
  g_autofree char *folded_key = NULL;

  gtk_tree_model_get (model, iter, 0, &text, -1);
  if (text == NULL)
    return FALSE;

  folded = g_utf8_casefold (text, -1);
  folded_key = g_utf8_casefold (key, -1);
  return strstr (folded, folded_key) != NULL;
}

/*
 * Callbacks
 */

static gboolean
on_completion_match_selected_cb (GtkEntryCompletion *completion,
                                 GtkTreeModel       *model,
                                 GtkTreeIter        *iter,
                                 GtkEntry           *entry)
{
  g_autofree char *email = NULL;

  gtk_tree_model_get (model, iter, 1, &email, -1);
  gtk_editable_set_text (GTK_EDITABLE (entry), email);
  gtk_editable_set_position (GTK_EDITABLE (entry), -1);
  return TRUE;
}

static void
on_entry_changed_cb (ResfriAssignDialog *self)
{
  g_autofree char *email = resfri_assign_dialog_dup_email (self);

  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "assign",
                                           strchr (email, '@') != NULL);
}

static void
resfri_assign_dialog_finalize (GObject *object)
{
  ResfriAssignDialog *self = (ResfriAssignDialog *)object;

  g_clear_pointer (&self->tag, g_free);

  G_OBJECT_CLASS (resfri_assign_dialog_parent_class)->finalize (object);
}

static void
resfri_assign_dialog_class_init (ResfriAssignDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = resfri_assign_dialog_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/se/resfri/Resfri/ui/resfri-assign-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, ResfriAssignDialog, entry);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_changed_cb);
}

static void
resfri_assign_dialog_init (ResfriAssignDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
resfri_assign_dialog_new (GtkWindow    *parent,
                          const char   *tag,
                          GtkTreeModel *completions)
{
  g_autoptr(GtkEntryCompletion) completion = NULL;
  ResfriAssignDialog *self;

  g_return_val_if_fail (!parent || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (tag != NULL, NULL);
  g_return_val_if_fail (!completions || GTK_IS_TREE_MODEL (completions), NULL);

  self = g_object_new (RESFRI_TYPE_ASSIGN_DIALOG,
                       "transient-for", parent,
                       NULL);
  self->tag = g_strdup (tag);

  /* Translators: %s is an asset tag */
  adw_message_dialog_format_heading (ADW_MESSAGE_DIALOG (self), _("Assign %s"), tag);

  /* The people register is read when the view is first shown; until it
   * is there, addresses are typed in full. */
  completion = gtk_entry_completion_new ();
  if (completions != NULL)
    gtk_entry_completion_set_model (completion, completions);
  gtk_entry_completion_set_text_column (completion, 0);
  gtk_entry_completion_set_minimum_key_length (completion, 2);
  /* Whole names: the popup is as wide as its longest row, not the entry. */
  gtk_entry_completion_set_popup_set_width (completion, FALSE);
  gtk_entry_completion_set_match_func (completion, completion_match_func, NULL, NULL);
  g_signal_connect (completion, "match-selected",
                    G_CALLBACK (on_completion_match_selected_cb), self->entry);
  gtk_entry_set_completion (self->entry, completion);

  return GTK_WIDGET (self);
}

/* The asset tag of the item being assigned. */
const char *
resfri_assign_dialog_get_tag (ResfriAssignDialog *self)
{
  g_return_val_if_fail (RESFRI_IS_ASSIGN_DIALOG (self), NULL);

  return self->tag;
}

/* The address typed, or the one in "Name <email>", trimmed. */
char *
resfri_assign_dialog_dup_email (ResfriAssignDialog *self)
{
  g_return_val_if_fail (RESFRI_IS_ASSIGN_DIALOG (self), NULL);

  return extract_email (gtk_editable_get_text (GTK_EDITABLE (self->entry)));
}

/* Fills in the person: "Name <email>" or an address. */
void
resfri_assign_dialog_set_person (ResfriAssignDialog *self,
                                 const char         *person)
{
  g_return_if_fail (RESFRI_IS_ASSIGN_DIALOG (self));

  gtk_editable_set_text (GTK_EDITABLE (self->entry), person != NULL ? person : "");
}

/* resfri-item-dialog.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Equipment view's Add an Item and Edit dialogs: one form of entry
 * rows (tag, type, site, holder, model, cost). Adding asks for the holder;
 * editing does not (assigning changes the holder) and shows the item's
 * values. The answer is enabled while the tag, the type and the site are
 * filled in; the view adds or saves when the dialog answers.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "resfri-item-dialog.h"

#define N_FIELDS (RESFRI_ITEM_FIELD_COST + 1)

struct _ResfriItemDialog
{
  AdwMessageDialog  parent_instance;

  /* Template widgets */
  AdwEntryRow      *tag_row;
  AdwEntryRow      *type_row;
  AdwEntryRow      *site_row;
  AdwEntryRow      *owner_row;
  AdwEntryRow      *model_row;
  AdwEntryRow      *cost_row;

  char             *tag;       /* the item edited; NULL when adding */
  const char       *response;  /* "add" or "save" */
};

G_DEFINE_FINAL_TYPE (ResfriItemDialog, resfri_item_dialog, ADW_TYPE_MESSAGE_DIALOG)

static GtkEditable *
get_row (ResfriItemDialog *self,
         ResfriItemField   field)
{
  GtkEditable *rows[N_FIELDS] = {
    [RESFRI_ITEM_FIELD_TAG] = GTK_EDITABLE (self->tag_row),
    [RESFRI_ITEM_FIELD_TYPE] = GTK_EDITABLE (self->type_row),
    [RESFRI_ITEM_FIELD_SITE] = GTK_EDITABLE (self->site_row),
    [RESFRI_ITEM_FIELD_OWNER] = GTK_EDITABLE (self->owner_row),
    [RESFRI_ITEM_FIELD_MODEL] = GTK_EDITABLE (self->model_row),
    [RESFRI_ITEM_FIELD_COST] = GTK_EDITABLE (self->cost_row),
  };

  g_assert (field < N_FIELDS);

  return rows[field];
}

/*
 * Callbacks
 */

static void
on_field_changed_cb (ResfriItemDialog *self)
{
  gboolean complete;

  if (self->response == NULL)
    return;

  complete = resfri_item_dialog_get_field (self, RESFRI_ITEM_FIELD_TAG) != NULL &&
             resfri_item_dialog_get_field (self, RESFRI_ITEM_FIELD_TYPE) != NULL &&
             resfri_item_dialog_get_field (self, RESFRI_ITEM_FIELD_SITE) != NULL;
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), self->response, complete);
}

static void
resfri_item_dialog_finalize (GObject *object)
{
  ResfriItemDialog *self = (ResfriItemDialog *)object;

  g_clear_pointer (&self->tag, g_free);

  G_OBJECT_CLASS (resfri_item_dialog_parent_class)->finalize (object);
}

static void
resfri_item_dialog_class_init (ResfriItemDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = resfri_item_dialog_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/se/resfri/Resfri/ui/resfri-item-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, ResfriItemDialog, tag_row);
  gtk_widget_class_bind_template_child (widget_class, ResfriItemDialog, type_row);
  gtk_widget_class_bind_template_child (widget_class, ResfriItemDialog, site_row);
  gtk_widget_class_bind_template_child (widget_class, ResfriItemDialog, owner_row);
  gtk_widget_class_bind_template_child (widget_class, ResfriItemDialog, model_row);
  gtk_widget_class_bind_template_child (widget_class, ResfriItemDialog, cost_row);
  gtk_widget_class_bind_template_callback (widget_class, on_field_changed_cb);
}

static void
resfri_item_dialog_init (ResfriItemDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
resfri_item_dialog_new_add (GtkWindow *parent)
{
  ResfriItemDialog *self;

  g_return_val_if_fail (!parent || GTK_IS_WINDOW (parent), NULL);

  self = g_object_new (RESFRI_TYPE_ITEM_DIALOG,
                       "transient-for", parent,
                       "heading", _("Add an Item"),
                       NULL);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (self), "add", _("_Add"));
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (self), "add",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "add", FALSE);
  self->response = "add";

  return GTK_WIDGET (self);
}

GtkWidget *
resfri_item_dialog_new_edit (GtkWindow        *parent,
                             const ResfriItem *item)
{
  AdwEntryRow *rows[] = { NULL, NULL, NULL, NULL, NULL };
  ResfriItemDialog *self;
  g_autofree char *cost = NULL;

  g_return_val_if_fail (!parent || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (item != NULL, NULL);

  self = g_object_new (RESFRI_TYPE_ITEM_DIALOG,
                       "transient-for", parent,
                       NULL);
  self->tag = g_strdup (item->tag);

  /* Translators: %s is an asset tag */
  adw_message_dialog_format_heading (ADW_MESSAGE_DIALOG (self), _("Edit %s"), item->tag);
  if (item->owner != NULL)
    adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (self),
                                 _("A personal item is at its holder’s site."));
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (self), "save", _("_Save"));
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (self), "save",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (self), "save");

  /* The holder changes by assigning, not here. */
  gtk_widget_set_visible (GTK_WIDGET (self->owner_row), FALSE);

  if (!isnan (item->cost))
    cost = g_strdup_printf ("%.15g", item->cost);
  gtk_editable_set_text (GTK_EDITABLE (self->tag_row), item->tag != NULL ? item->tag : "");
  gtk_editable_set_text (GTK_EDITABLE (self->type_row), item->type != NULL ? item->type : "");
  gtk_editable_set_text (GTK_EDITABLE (self->site_row), item->site != NULL ? item->site : "");
  gtk_editable_set_text (GTK_EDITABLE (self->model_row), item->model != NULL ? item->model : "");
  gtk_editable_set_text (GTK_EDITABLE (self->cost_row), cost != NULL ? cost : "");

  /* A personal item's site follows its holder. */
  if (item->owner != NULL)
    gtk_widget_set_sensitive (GTK_WIDGET (self->site_row), FALSE);

  rows[0] = self->tag_row;
  rows[1] = self->type_row;
  rows[2] = self->site_row;
  rows[3] = self->model_row;
  rows[4] = self->cost_row;
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    adw_entry_row_set_activates_default (rows[i], TRUE);

  /* Set last: filling the rows in does not change what is enabled. */
  self->response = "save";

  return GTK_WIDGET (self);
}

const char *
resfri_item_dialog_get_tag (ResfriItemDialog *self)
{
  g_return_val_if_fail (RESFRI_IS_ITEM_DIALOG (self), NULL);

  return self->tag;
}

/* The cost as typed: "1299", "1299,50" or "1299.50"; empty is unknown
 * (NAN). FALSE when it is not a cost. */
gboolean
resfri_item_dialog_get_cost (ResfriItemDialog *self,
                             double           *cost)
{
  const char *text;
  g_autofree char *dotted = NULL;
  char *end = NULL;

  g_return_val_if_fail (RESFRI_IS_ITEM_DIALOG (self), FALSE);
  g_return_val_if_fail (cost != NULL, FALSE);

  if (!(text = resfri_item_dialog_get_field (self, RESFRI_ITEM_FIELD_COST)))
    {
      *cost = NAN;
      return TRUE;
    }

  dotted = g_strdelimit (g_strdup (text), ",", '.');
  *cost = g_ascii_strtod (dotted, &end);
  return end != dotted && *end == '\0' && *cost >= 0;
}

const char *
resfri_item_dialog_get_field (ResfriItemDialog *self,
                              ResfriItemField   field)
{
  const char *text;

  g_return_val_if_fail (RESFRI_IS_ITEM_DIALOG (self), NULL);
  g_return_val_if_fail (field < N_FIELDS, NULL);

  text = gtk_editable_get_text (get_row (self, field));

  return text[0] != '\0' ? text : NULL;
}

/* resfri-convert-dialog.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * "Convert Series" (spec/planning.md "Acting on it"): the link (the
 * "convert" response is enabled while resfri_meeting_check_link() accepts
 * it), hybrid or not, and from the chosen occurrence on or the whole
 * series; on "convert" the series is converted on a worker and the caller
 * hears the result. The meeting's detail pane and the planning view both
 * open it with resfri_convert_dialog_run().
 */

#include "config.h"

#include <glib/gi18n.h>

#include "resfri-convert-dialog.h"
#include "resfri-view.h"
#include "resfri-widget-util.h"

struct _ResfriConvertDialog
{
  AdwMessageDialog       parent_instance;

  /* Template widgets */
  GtkEntry              *url_entry;
  GtkSwitch             *hybrid_switch;
  GtkCheckButton        *following_button;
  GtkCheckButton        *whole_button;

  ResfriStore           *store;
  char                  *uid;
  char                  *recurrence_id;
  ResfriConvertDoneFunc  done;
  gpointer               user_data;
  GDestroyNotify         destroy;
};

G_DEFINE_FINAL_TYPE (ResfriConvertDialog, resfri_convert_dialog, ADW_TYPE_MESSAGE_DIALOG)

static char *
dup_url (ResfriConvertDialog *self)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->url_entry))));
}

static void
update_response (ResfriConvertDialog *self)
{
  g_autofree char *url = NULL;

  if (gtk_widget_in_destruction (GTK_WIDGET (self)) || self->url_entry == NULL)
    return;
  url = dup_url (self);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "convert",
                                           resfri_meeting_check_link (url, NULL));
}

typedef struct
{
  ResfriConvertDoneFunc done;
  gpointer              user_data;
  GDestroyNotify        destroy;
} Done;

static void
converted_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autofree Done *done = user_data;
  g_autoptr(ResfriConvertResult) converted = NULL;
  g_autoptr(GError) error = NULL;

  converted = resfri_convert_series_finish (RESFRI_STORE (object), result, &error);
  if (done->done != NULL)
    done->done (converted, error, done->user_data);
  if (done->destroy != NULL)
    done->destroy (done->user_data);
}

static void
on_response_cb (ResfriConvertDialog *self,
                const char          *response)
{
  g_autofree char *url = NULL;
  Done *done;

  if (g_strcmp0 (response, "convert") != 0)
    return;

  url = dup_url (self);
  done = g_new0 (Done, 1);
  done->done = self->done;
  done->user_data = g_steal_pointer (&self->user_data);
  done->destroy = self->destroy;
  resfri_convert_series_async (self->store, self->uid,
                               gtk_check_button_get_active (self->whole_button)
                                 ? NULL : self->recurrence_id,
                               url, gtk_switch_get_active (self->hybrid_switch), NULL,
                               converted_cb, done);
}

/* The link is what one came for: focus it. */
static void
resfri_convert_dialog_show (GtkWidget *widget)
{
  ResfriConvertDialog *self = RESFRI_CONVERT_DIALOG (widget);

  GTK_WIDGET_CLASS (resfri_convert_dialog_parent_class)->show (widget);
  gtk_widget_grab_focus (GTK_WIDGET (self->url_entry));
}

static void
resfri_convert_dialog_dispose (GObject *object)
{
  ResfriConvertDialog *self = RESFRI_CONVERT_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), RESFRI_TYPE_CONVERT_DIALOG);
  g_clear_object (&self->store);
  g_clear_pointer (&self->uid, g_free);
  g_clear_pointer (&self->recurrence_id, g_free);
  if (self->destroy != NULL && self->user_data != NULL)
    self->destroy (g_steal_pointer (&self->user_data));

  G_OBJECT_CLASS (resfri_convert_dialog_parent_class)->dispose (object);
}

static void
resfri_convert_dialog_class_init (ResfriConvertDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = resfri_convert_dialog_dispose;
  widget_class->show = resfri_convert_dialog_show;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/se/resfri/Resfri/ui/resfri-convert-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, ResfriConvertDialog, url_entry);
  gtk_widget_class_bind_template_child (widget_class, ResfriConvertDialog, hybrid_switch);
  gtk_widget_class_bind_template_child (widget_class, ResfriConvertDialog, following_button);
  gtk_widget_class_bind_template_child (widget_class, ResfriConvertDialog, whole_button);
  gtk_widget_class_bind_template_callback (widget_class, update_response);
}

static void
resfri_convert_dialog_init (ResfriConvertDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect (self, "response", G_CALLBACK (on_response_cb), NULL);
}

void
resfri_convert_dialog_run (GtkWindow             *parent,
                           ResfriStore           *store,
                           const char            *uid,
                           const char            *recurrence_id,
                           const char            *suggestion,
                           ResfriConvertDoneFunc  done,
                           gpointer               user_data,
                           GDestroyNotify         destroy)
{
  ResfriConvertDialog *self;
  gboolean series = recurrence_id != NULL && recurrence_id[0] != '\0';

  g_return_if_fail (!parent || GTK_IS_WINDOW (parent));
  g_return_if_fail (RESFRI_IS_STORE (store));
  g_return_if_fail (uid != NULL);

  self = g_object_new (RESFRI_TYPE_CONVERT_DIALOG, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  self->uid = g_strdup (uid);
  self->recurrence_id = g_strdup (series ? recurrence_id : NULL);
  self->done = done;
  self->user_data = user_data;
  self->destroy = destroy;
  if (suggestion != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->url_entry), suggestion);
  gtk_widget_set_visible (GTK_WIDGET (self->following_button), series);
  gtk_widget_set_visible (GTK_WIDGET (self->whole_button), series);
  gtk_check_button_set_active (self->whole_button, !series);
  update_response (self);
  gtk_window_present (GTK_WINDOW (self));
}

char *
resfri_convert_dialog_describe (const ResfriConvertResult *result)
{
  g_autofree char *booked = NULL;
  g_autofree char *what = NULL;

  g_return_val_if_fail (result != NULL, NULL);

  what = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u occurrence converted",
                                       "%u occurrences converted", result->occurrences),
                          result->occurrences);
  if (result->unserved->len > 0)
    booked = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "%u loan item booked, %u the pools cannot lend",
                                           "%u loan items booked, %u the pools cannot lend",
                                           result->booked),
                              result->booked, result->unserved->len);
  else
    booked = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u loan item booked",
                                           "%u loan items booked", result->booked),
                              result->booked);

  /* TRANSLATORS: "12 occurrences converted; 3 loan items booked" */
  return g_strdup_printf (_("%s; %s"), what, booked);
}

/* A view's conversion done: a toast, and the view read again. */
static void
view_converted_cb (ResfriConvertResult *result,
                   const GError        *error,
                   gpointer             user_data)
{
  ResfriView *view = user_data;
  g_autofree char *description = NULL;
  g_autofree char *text = NULL;

  if (result == NULL)
    {
      text = g_markup_printf_escaped (_("Cannot convert the series: %s"), error->message);
      resfri_widget_add_toast (GTK_WIDGET (view), text);
      return;
    }

  description = resfri_convert_dialog_describe (result);
  text = g_markup_escape_text (description, -1);
  resfri_widget_add_toast (GTK_WIDGET (view), text);
  /* The converted occurrences need travel no more. */
  resfri_view_reload (view);
}

/**
 * resfri_convert_dialog_run_for_view:
 * @view: the view that offered Convert…
 * @recurrence_id: (nullable): from this occurrence on; %NULL or "" for the
 *   whole meeting
 *
 * resfri_convert_dialog_run() with the policy's suggested link; then a
 * toast in @view says what was done, and @view is read again.
 */
void
resfri_convert_dialog_run_for_view (ResfriView  *view,
                                    ResfriStore *store,
                                    const char  *uid,
                                    const char  *recurrence_id)
{
  g_autoptr(ResfriPolicy) policy = NULL;
  g_autofree char *suggestion = NULL;

  g_return_if_fail (RESFRI_IS_VIEW (view));
  g_return_if_fail (uid != NULL);

  policy = resfri_policy_load (store, NULL);
  suggestion = resfri_meeting_suggest_link (policy);
  resfri_convert_dialog_run (resfri_widget_get_window (GTK_WIDGET (view)), store, uid,
                             recurrence_id != NULL && recurrence_id[0] != '\0' ? recurrence_id : NULL,
                             suggestion, view_converted_cb, g_object_ref (view), g_object_unref);
}

/* resfri-progress-bar.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The bar of long work: a label, a GtkProgressBar and Cancel in a
 * GtkRevealer, and the GCancellable that Cancel cancels. The work reports
 * its share with resfri_progress_bar_set_fraction() and hides the bar with
 * resfri_progress_bar_finish() whatever the outcome.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "resfri-progress-bar.h"

#define PULSE_MS 150

struct _ResfriProgressBar
{
  GtkWidget       parent_instance;

  GtkRevealer    *revealer;
  GtkLabel       *label;
  GtkProgressBar *progress;
  GtkButton      *cancel_button;

  GCancellable   *cancellable;
  guint           pulse_id;
};

G_DEFINE_FINAL_TYPE (ResfriProgressBar, resfri_progress_bar, GTK_TYPE_WIDGET)

static gboolean
pulse_cb (gpointer user_data)
{
  ResfriProgressBar *self = user_data;

  gtk_progress_bar_pulse (self->progress);
  return G_SOURCE_CONTINUE;
}

static void
stop_pulse (ResfriProgressBar *self)
{
  g_clear_handle_id (&self->pulse_id, g_source_remove);
}

static void
on_cancel_clicked_cb (ResfriProgressBar *self)
{
  resfri_progress_bar_cancel (self);
}

static void
resfri_progress_bar_dispose (GObject *object)
{
  ResfriProgressBar *self = (ResfriProgressBar *)object;

  stop_pulse (self);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), RESFRI_TYPE_PROGRESS_BAR);

  G_OBJECT_CLASS (resfri_progress_bar_parent_class)->dispose (object);
}

static void
resfri_progress_bar_class_init (ResfriProgressBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = resfri_progress_bar_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/se/resfri/Resfri/ui/resfri-progress-bar.ui");
  gtk_widget_class_bind_template_child (widget_class, ResfriProgressBar, revealer);
  gtk_widget_class_bind_template_child (widget_class, ResfriProgressBar, label);
  gtk_widget_class_bind_template_child (widget_class, ResfriProgressBar, progress);
  gtk_widget_class_bind_template_child (widget_class, ResfriProgressBar, cancel_button);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
resfri_progress_bar_init (ResfriProgressBar *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
  g_signal_connect_swapped (self->cancel_button, "clicked", G_CALLBACK (on_cancel_clicked_cb), self);
}

GtkWidget *
resfri_progress_bar_new (void)
{
  return g_object_new (RESFRI_TYPE_PROGRESS_BAR, NULL);
}

GCancellable *
resfri_progress_bar_start (ResfriProgressBar *self,
                           const char        *text,
                           const char        *cancel_name)
{
  g_return_val_if_fail (RESFRI_IS_PROGRESS_BAR (self), NULL);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  gtk_label_set_text (self->label, text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->cancel_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  cancel_name != NULL ? cancel_name : _("Cancel"),
                                  -1);
  gtk_widget_set_sensitive (GTK_WIDGET (self->cancel_button), TRUE);
  resfri_progress_bar_set_fraction (self, -1);
  gtk_widget_set_visible (GTK_WIDGET (self), TRUE);
  gtk_revealer_set_reveal_child (self->revealer, TRUE);

  return self->cancellable;
}

void
resfri_progress_bar_set_text (ResfriProgressBar *self,
                              const char        *text)
{
  g_return_if_fail (RESFRI_IS_PROGRESS_BAR (self));

  gtk_label_set_text (self->label, text);
}

void
resfri_progress_bar_set_fraction (ResfriProgressBar *self,
                                  double             fraction)
{
  g_autofree char *text = NULL;

  g_return_if_fail (RESFRI_IS_PROGRESS_BAR (self));

  if (fraction < 0)
    {
      gtk_progress_bar_set_text (self->progress, "");
      if (self->pulse_id == 0)
        self->pulse_id = g_timeout_add (PULSE_MS, pulse_cb, self);
      return;
    }

  stop_pulse (self);
  fraction = MIN (fraction, 1.0);
  gtk_progress_bar_set_fraction (self->progress, fraction);
  /* Translators: the share of long work done, as "42 %" */
  text = g_strdup_printf (_("%d %%"), (int) (fraction * 100));
  gtk_progress_bar_set_text (self->progress, text);
}

void
resfri_progress_bar_cancel (ResfriProgressBar *self)
{
  g_return_if_fail (RESFRI_IS_PROGRESS_BAR (self));

  if (self->cancellable == NULL)
    return;

  gtk_label_set_text (self->label, _("Cancelling…"));
  gtk_widget_set_sensitive (GTK_WIDGET (self->cancel_button), FALSE);
  g_cancellable_cancel (self->cancellable);
}

void
resfri_progress_bar_finish (ResfriProgressBar *self)
{
  g_return_if_fail (RESFRI_IS_PROGRESS_BAR (self));

  stop_pulse (self);
  g_clear_object (&self->cancellable);
  gtk_revealer_set_reveal_child (self->revealer, FALSE);
  /* Hidden at once, for screen readers too (a closed revealer's child is
   * still in GTK 4.8's accessibility tree). */
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

gboolean
resfri_progress_bar_is_running (ResfriProgressBar *self)
{
  g_return_val_if_fail (RESFRI_IS_PROGRESS_BAR (self), FALSE);

  return self->cancellable != NULL;
}

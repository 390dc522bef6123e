/* resfri-planning-view.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Planning view (spec/planning.md): for a period, the what-if's
 * target slider, whose answer (share before and after, conversions, the
 * order list, cost, what it avoids, payback) is solved on a worker every
 * time it moves, the previous run cancelled; and "Where travel can be
 * avoided", the opportunities most avoided cost first, each with a button
 * to its meeting and one to convert its series (the list then reloads).
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "resfri-convert-dialog.h"
#include "resfri-core.h"
#include "resfri-item-labels.h"
#include "resfri-period-picker.h"
#include "resfri-planning-view.h"
#include "resfri-view.h"
#include "resfri-widget-util.h"

/* The list shows the opportunities with the most avoided cost: a year of
 * a large municipality has thousands. */
#define MAX_ROWS 100

struct _ResfriPlanningView
{
  AdwBin            parent_instance;

  ResfriStore      *store;
  ResfriCandidates *candidates;
  GCancellable     *cancellable;         /* the candidates' computation */
  GCancellable     *solve_cancellable;   /* the slider's last solve */
  gboolean          dirty;

  /* Template widgets */
  ResfriPeriodPicker    period;
  GtkSpinner           *spinner;
  GtkScale             *target_scale;
  GtkLabel             *target_label;
  GtkSpinner           *solve_spinner;
  GtkLabel             *result_label;
  GtkLabel             *order_label;
  AdwPreferencesGroup  *opportunities_group;
  GtkListBox           *opportunities_list;
};

static void resfri_planning_view_view_iface_init (ResfriViewInterface *iface);
static void resfri_planning_view_reload          (ResfriView          *view);

G_DEFINE_FINAL_TYPE_WITH_CODE (ResfriPlanningView, resfri_planning_view, ADW_TYPE_BIN,
                               G_IMPLEMENT_INTERFACE (RESFRI_TYPE_VIEW,
                                                      resfri_planning_view_view_iface_init))

/* Helpers */

static char *
format_percent (double share)
{
  /* TRANSLATORS: a percentage, "62.5 %"; Swedish puts a space before % */
  return g_strdup_printf (_("%.1f %%"), share * 100);
}

static double
get_target (ResfriPlanningView *self)
{
  return gtk_range_get_value (GTK_RANGE (self->target_scale)) / 100;
}

static void
update_inputs (ResfriPlanningView *self)
{
  g_autofree char *target = g_strdup_printf (_("%.0f %%"), get_target (self) * 100);

  resfri_period_picker_update (&self->period);
  gtk_label_set_text (self->target_label, target);
}

/* The what-if */

static void
show_whatif (ResfriPlanningView *self,
             const ResfriWhatif *w)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GString) order = g_string_new (NULL);
  g_autofree char *before = format_percent (w->share_before);
  g_autofree char *after = format_percent (w->share_after);

  /* TRANSLATORS: the target the answer below is for, "85 %" */
  g_string_append_printf (text, _("Target %.0f %%:"), w->target_share * 100);
  g_string_append_c (text, ' ');
  if (!w->has_share)
    g_string_append (text, _("No meeting in the period counts towards the share."));
  else if (w->reachable)
    /* TRANSLATORS: the share now and with the conversions */
    g_string_append_printf (text, _("Travel-free share: %s now, %s with the conversions."),
                            before, after);
  else
    g_string_append_printf (text, _("The target cannot be reached: converting every meeting "
                                    "gives %s (now %s)."), after, before);
  g_string_append_c (text, '\n');
  g_string_append_printf (text, g_dngettext (NULL, "%u meeting to hold online",
                                             "%u meetings to hold online", w->conversions->len),
                          w->conversions->len);
  g_string_append_c (text, '\n');
  g_string_append_printf (text, _("Cost: SEK %'.0f · avoids SEK %'.0f, %'.0f km, %'.0f kg CO₂ and "
                                  "%'.0f hours of travel"),
                          w->total_cost, w->avoided_cost_sek, w->avoided_km, w->avoided_co2_kg,
                          w->avoided_hours);
  g_string_append_c (text, '\n');
  if (w->has_payback)
    g_string_append_printf (text, _("Payback: %.1f months"), w->payback_months);
  else
    g_string_append (text, _("Payback: never"));
  g_string_append_c (text, '\n');
  if (w->optimal)
    g_string_append (text, _("The least cost (proven)"));
  else
    g_string_append_printf (text, _("The best found in the time allowed: at most %.1f %% above "
                                    "the least cost"), w->gap * 100);
  gtk_label_set_text (self->result_label, text->str);

  if (w->order->len == 0)
    g_string_append (order, _("Nothing to order."));
  else
    g_string_append (order, _("To order:"));
  for (guint i = 0; i < w->order->len; i++)
    {
      const ResfriWhatifOrder *o = g_ptr_array_index (w->order, i);

      g_string_append_c (order, '\n');
      /* TRANSLATORS: site, equipment type, count, unit price, cost:
       * "VBG · Headset: 3 × 900 kr = 2,700 kr" */
      g_string_append_printf (order, _("%s · %s: %u × SEK %'.0f = SEK %'.0f"), o->site,
                              resfri_item_kind_label (o->type), o->to_order, o->unit_cost,
                              o->cost);
    }
  gtk_label_set_text (self->order_label, order->str);
}

static void
solved_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(ResfriPlanningView) self = user_data;
  g_autoptr(ResfriWhatif) whatif = NULL;
  g_autoptr(GError) error = NULL;

  whatif = resfri_whatif_solve_finish (result, &error);
  /* A newer run replaced this one: it shows its own answer. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  gtk_spinner_stop (self->solve_spinner);
  if (whatif == NULL)
    {
      g_autofree char *text = g_strdup_printf (_("Cannot solve the what-if: %s"), error->message);

      gtk_label_set_text (self->result_label, text);
      gtk_label_set_text (self->order_label, "");
      return;
    }
  show_whatif (self, whatif);
}

static void
solve (ResfriPlanningView *self)
{
  g_cancellable_cancel (self->solve_cancellable);
  g_clear_object (&self->solve_cancellable);
  if (self->candidates == NULL)
    return;

  self->solve_cancellable = g_cancellable_new ();
  gtk_spinner_start (self->solve_spinner);
  resfri_whatif_solve_async (self->candidates, get_target (self), 0, self->solve_cancellable,
                             solved_cb, g_object_ref (self));
}

/* The opportunities */

static void
on_go_to_meeting_cb (GtkButton          *button,
                     ResfriPlanningView *self)
{
  const ResfriCandidate *c = g_object_get_data (G_OBJECT (button), "candidate");

  if (c == NULL)
    return;
  gtk_widget_activate_action (GTK_WIDGET (self), "win.show-occurrence", "(ssx)", c->uid,
                              c->first_recurrence_id != NULL ? c->first_recurrence_id : "",
                              c->first_start);
}

/* Converting a series: the dialog of the meeting's detail pane, from the
 * first non-compliant occurrence (that one and the following, or the
 * whole series), then the list again. */
static void
on_convert_cb (GtkButton          *button,
               ResfriPlanningView *self)
{
  const ResfriCandidate *c = g_object_get_data (G_OBJECT (button), "candidate");

  if (c != NULL && self->store != NULL)
    resfri_convert_dialog_run_for_view (RESFRI_VIEW (self), self->store, c->uid,
                                        c->first_recurrence_id);
}

/* @button's "candidate" data: @candidate, kept alive with its list (the
 * view's list may be replaced while the button is still shown). */
static void
set_candidate (GtkWidget             *button,
               ResfriCandidates      *candidates,
               const ResfriCandidate *candidate)
{
  g_object_set_data_full (G_OBJECT (button), "candidates", resfri_candidates_ref (candidates),
                          (GDestroyNotify) resfri_candidates_unref);
  g_object_set_data (G_OBJECT (button), "candidate", (gpointer) candidate);
}

/* The row's actions, "Go to Meeting" and "Convert…", each taking the
 * candidate from the button's "candidate" data. */
static void
add_row_actions (ResfriPlanningView    *self,
                 AdwActionRow          *row,
                 const ResfriCandidate *candidate)
{
  GtkWidget *go = gtk_button_new_with_label (_("Go to Meeting"));
  GtkWidget *convert = gtk_button_new_with_label (_("Convert…"));
  g_autofree char *name = g_strdup_printf (_("Go to Meeting: %s"), candidate->summary);
  /* TRANSLATORS: the accessible name of an opportunity's button; %s is the
   * meeting's summary */
  g_autofree char *convert_name = g_strdup_printf (_("Convert Series…: %s"), candidate->summary);

  gtk_widget_set_valign (go, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (go), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  set_candidate (go, self->candidates, candidate);
  g_signal_connect_object (go, "clicked", G_CALLBACK (on_go_to_meeting_cb), self, 0);
  adw_action_row_add_suffix (row, go);

  gtk_widget_set_valign (convert, GTK_ALIGN_CENTER);
  /* Two series may share a summary: the row's subtitle tells them apart. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (convert), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  convert_name, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  adw_action_row_get_subtitle (row), -1);
  set_candidate (convert, self->candidates, candidate);
  g_signal_connect_object (convert, "clicked", G_CALLBACK (on_convert_cb), self, 0);
  adw_action_row_add_suffix (row, convert);
}

static GtkWidget *
opportunity_row_new (ResfriPlanningView    *self,
                     const ResfriCandidate *c)
{
  AdwActionRow *row = ADW_ACTION_ROW (adw_action_row_new ());
  g_autofree char *subtitle = NULL;
  g_autofree char *occurrences = NULL;
  const char *unit = resfri_unit_set_tooltip (GTK_WIDGET (row), c->unit);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), c->summary[0] ? c->summary : c->uid);
  occurrences = g_strdup_printf (g_dngettext (NULL, "%u occurrence", "%u occurrences",
                                              c->occurrences),
                                 c->occurrences);
  /* TRANSLATORS: an opportunity: organiser's unit · occurrences · what it
   * avoids · whether the loan pools can serve it */
  subtitle = g_strdup_printf (_("%s · %s · avoids SEK %'.0f, %'.0f km, %'.0f kg CO₂ · %s"),
                              unit != NULL ? unit : _("external organiser"), occurrences,
                              c->avoided_cost_sek, c->avoided_km, c->avoided_co2_kg,
                              c->served ? _("equipment available") : _("equipment short"));
  adw_action_row_set_subtitle (row, subtitle);
  add_row_actions (self, row, c);

  return GTK_WIDGET (row);
}

static void
clear_candidates (ResfriPlanningView *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->opportunities_list))) != NULL)
    gtk_list_box_remove (self->opportunities_list, child);
  /* An empty boxed list is a bare line. */
  gtk_widget_set_visible (GTK_WIDGET (self->opportunities_list), FALSE);
}

static void
show_candidates (ResfriPlanningView *self)
{
  guint n = self->candidates->candidates->len;
  g_autofree char *description = NULL;

  clear_candidates (self);

  for (guint i = 0; i < MIN (n, MAX_ROWS); i++)
    gtk_list_box_append (self->opportunities_list,
                         opportunity_row_new (self, g_ptr_array_index (self->candidates->candidates, i)));
  gtk_widget_set_visible (GTK_WIDGET (self->opportunities_list), n > 0);

  if (n == 0)
    description = g_strdup (_("No meeting in the period needs travel that a web meeting could "
                              "avoid."));
  else if (n > MAX_ROWS)
    description = g_strdup_printf (_("The %u of %u meetings that would avoid the most travel "
                                     "cost, with the equipment they need."), MAX_ROWS, n);
  else
    description = g_strdup_printf (g_dngettext (NULL,
                                                "%u meeting with travel a web meeting would "
                                                "avoid, most avoided cost first.",
                                                "%u meetings with travel a web meeting would "
                                                "avoid, most avoided cost first.", n), n);
  adw_preferences_group_set_description (self->opportunities_group, description);
}

static void
computed_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(ResfriPlanningView) self = user_data;
  g_autoptr(ResfriCandidates) candidates = NULL;
  g_autoptr(GError) error = NULL;

  candidates = resfri_candidates_compute_finish (RESFRI_STORE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  gtk_spinner_stop (self->spinner);
  g_clear_pointer (&self->candidates, resfri_candidates_unref);
  if (candidates == NULL)
    {
      g_autofree char *text = g_strdup_printf (_("Cannot find the opportunities: %s"),
                                               error->message);

      /* Nothing of the list before stays, nor its what-if: the error
       * above says why there is none. */
      clear_candidates (self);
      gtk_widget_set_visible (GTK_WIDGET (self->opportunities_group), FALSE);
      gtk_label_set_text (self->result_label, text);
      gtk_label_set_text (self->order_label, "");
      return;
    }

  self->candidates = g_steal_pointer (&candidates);
  gtk_widget_set_visible (GTK_WIDGET (self->opportunities_group), TRUE);
  show_candidates (self);
  solve (self);
}

static void
compute (ResfriPlanningView *self)
{
  g_autofree char *text = resfri_period_picker_dup_text (&self->period);
  g_autoptr(ResfriPeriod) period = NULL;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_cancellable_cancel (self->solve_cancellable);
  self->dirty = FALSE;
  if (self->store == NULL || !(period = resfri_period_parse (text, NULL)))
    return;

  self->cancellable = g_cancellable_new ();
  gtk_spinner_start (self->spinner);
  resfri_candidates_compute_async (self->store, NULL, period, NULL, self->cancellable,
                                   computed_cb, g_object_ref (self));
}

/* Callbacks */

static void
input_changed_cb (ResfriPlanningView *self)
{
  update_inputs (self);
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    compute (self);
  else
    self->dirty = TRUE;
}

static void
target_changed_cb (ResfriPlanningView *self)
{
  update_inputs (self);
  solve (self);
}

static void
map_cb (ResfriPlanningView *self)
{
  if (self->dirty)
    compute (self);
}

/* GObject */

static void
resfri_planning_view_dispose (GObject *object)
{
  ResfriPlanningView *self = RESFRI_PLANNING_VIEW (object);

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->solve_cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), RESFRI_TYPE_PLANNING_VIEW);

  G_OBJECT_CLASS (resfri_planning_view_parent_class)->dispose (object);
}

static void
resfri_planning_view_finalize (GObject *object)
{
  ResfriPlanningView *self = RESFRI_PLANNING_VIEW (object);

  g_clear_object (&self->store);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->solve_cancellable);
  g_clear_pointer (&self->candidates, resfri_candidates_unref);

  G_OBJECT_CLASS (resfri_planning_view_parent_class)->finalize (object);
}

static void
resfri_planning_view_class_init (ResfriPlanningViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = resfri_planning_view_dispose;
  object_class->finalize = resfri_planning_view_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/se/resfri/Resfri/ui/resfri-planning-view.ui");
  resfri_period_picker_bind_template (widget_class, G_STRUCT_OFFSET (ResfriPlanningView, period),
                                      FALSE);
  gtk_widget_class_bind_template_child (widget_class, ResfriPlanningView, spinner);
  gtk_widget_class_bind_template_child (widget_class, ResfriPlanningView, target_scale);
  gtk_widget_class_bind_template_child (widget_class, ResfriPlanningView, target_label);
  gtk_widget_class_bind_template_child (widget_class, ResfriPlanningView, solve_spinner);
  gtk_widget_class_bind_template_child (widget_class, ResfriPlanningView, result_label);
  gtk_widget_class_bind_template_child (widget_class, ResfriPlanningView, order_label);
  gtk_widget_class_bind_template_child (widget_class, ResfriPlanningView, opportunities_group);
  gtk_widget_class_bind_template_child (widget_class, ResfriPlanningView, opportunities_list);
}

static void
resfri_planning_view_init (ResfriPlanningView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  resfri_period_picker_setup (&self->period);
  gtk_scale_add_mark (self->target_scale, 50, GTK_POS_BOTTOM, NULL);
  gtk_scale_add_mark (self->target_scale, 80, GTK_POS_BOTTOM, NULL);
  update_inputs (self);

  resfri_period_picker_connect (&self->period, G_CALLBACK (input_changed_cb), self);
  g_signal_connect_swapped (self->target_scale, "value-changed",
                            G_CALLBACK (target_changed_cb), self);
  g_signal_connect_swapped (self, "map", G_CALLBACK (map_cb), self);
}

/* ResfriView */

static void
resfri_planning_view_set_store (ResfriView  *view,
                                ResfriStore *store)
{
  ResfriPlanningView *self = RESFRI_PLANNING_VIEW (view);

  if (!g_set_object (&self->store, store))
    return;

  resfri_period_picker_set_store_year (&self->period, store);

  resfri_planning_view_reload (view);
}

static void
resfri_planning_view_reload (ResfriView *view)
{
  ResfriPlanningView *self = RESFRI_PLANNING_VIEW (view);

  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    compute (self);
  else
    self->dirty = TRUE;
}

static void
resfri_planning_view_view_iface_init (ResfriViewInterface *iface)
{
  iface->set_store = resfri_planning_view_set_store;
  iface->reload = resfri_planning_view_reload;
}

/* resfri-followup-summary.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The top of the follow-up view, weighted for a politician's eye: the
 * travel-free share first, against its target ("68.9 %" over "of the 80 %
 * target", spec/planning.md "Targets"); then three cards, travel avoided,
 * CO2 avoided and cost avoided; everything else (meetings held and
 * planned, exemptions, equipment, the figures per employee with REMM's
 * counts) under a Details toggle; above them a note when many meetings have
 * nobody in the people register (resfri_followup_row_has_data_warning()).
 */

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "resfri-followup-summary.h"

struct _ResfriFollowupSummary
{
  AdwBin       parent_instance;

  GtkLabel    *data_quality_label;
  GtkLabel    *share_label;
  GtkLabel    *target_label;
  GtkLabel    *share_caption;
  GtkFlowBox  *figures_box;
  GtkToggleButton *details_button;
  GtkFlowBox  *details_box;
};

G_DEFINE_FINAL_TYPE (ResfriFollowupSummary, resfri_followup_summary, ADW_TYPE_BIN)

static char *
format_number (double value)
{
  return g_strdup_printf ("%'.0f", value);
}

static char *
format_each (gboolean known,
             double   value,
             int      decimals)
{
  return known ? g_strdup_printf ("%'.*f", decimals, value) : g_strdup ("–");
}

static char *
format_sek (double value)
{
  /* TRANSLATORS: an amount of Swedish crowns with grouped thousands; Swedish "%'.0f kr" */
  return g_strdup_printf (_("SEK %'.0f"), value);
}

/* A card: @value (taken) large over @caption; @large for the headline
 * figures. */
static void
add_figure (GtkFlowBox *box,
            char       *value,
            const char *caption,
            gboolean    large)
{
  g_autofree char *owned = value;
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *value_label = gtk_label_new (value);
  GtkWidget *caption_label = gtk_label_new (caption);
  g_autofree char *description = g_strdup_printf ("%s: %s", caption, value);

  gtk_widget_add_css_class (card, "card");
  gtk_widget_set_margin_top (value_label, 12);
  gtk_widget_set_margin_start (value_label, 12);
  gtk_widget_set_margin_end (value_label, 12);
  gtk_widget_add_css_class (value_label, large ? "title-2" : "title-4");
  gtk_widget_add_css_class (value_label, "numeric");
  gtk_label_set_xalign (GTK_LABEL (value_label), 0);
  gtk_widget_set_margin_bottom (caption_label, 12);
  gtk_widget_set_margin_start (caption_label, 12);
  gtk_widget_set_margin_end (caption_label, 12);
  gtk_widget_add_css_class (caption_label, "dim-label");
  gtk_label_set_xalign (GTK_LABEL (caption_label), 0);
  gtk_label_set_wrap (GTK_LABEL (caption_label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (caption_label), PANGO_WRAP_WORD_CHAR);
  /* Long captions wrap rather than widen every card (the box is
   * homogeneous): more cards fit on a line. */
  gtk_label_set_max_width_chars (GTK_LABEL (caption_label), 16);
  gtk_box_append (GTK_BOX (card), value_label);
  gtk_box_append (GTK_BOX (card), caption_label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (card),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, caption,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
  gtk_flow_box_append (box, card);
}

static void
clear (GtkFlowBox *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (box))) != NULL)
    gtk_flow_box_remove (box, child);
}

static void
show_headline (ResfriFollowupSummary *self,
               const ResfriFollowupRow *total)
{
  g_autofree char *share = NULL;
  g_autofree char *caption = NULL;
  g_autofree char *warning = resfri_followup_row_dup_data_warning (total);
  double value;

  if (resfri_followup_row_get_travel_free_share (total, &value))
    {
      /* TRANSLATORS: a percentage, "62.5 %"; Swedish puts a space before % */
      share = g_strdup_printf (_("%.1f %%"), value * 100);
      /* TRANSLATORS: under the headline share: travel-free, then all meetings counted */
      caption = g_strdup_printf (_("of the meetings were travel-free: %'u of %'u (travel-free, "
                                   "exempt and non-compliant; local meetings are not trips)"),
                                 total->travel_free,
                                 total->travel_free + total->exempt_total + total->non_compliant);
    }
  else
    {
      share = g_strdup ("–");
      caption = g_strdup (_("No meeting that needs travel took place in the period"));
    }
  gtk_label_set_text (self->share_label, share);
  gtk_label_set_text (self->share_caption, caption);

  if (!isnan (total->target_share))
    {
      /* TRANSLATORS: beside the large share: "of the 80 % target" */
      g_autofree char *target = g_strdup_printf (_("of the %g %% target"),
                                                 total->target_share * 100);

      gtk_label_set_text (self->target_label, target);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->target_label), !isnan (total->target_share));
  /* Read as "68.9 %, Travel-free share", then the target beside it. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->share_label),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, _("Travel-free share"),
                                  -1);

  if (warning != NULL)
    gtk_label_set_text (self->data_quality_label, warning);
  gtk_widget_set_visible (GTK_WIDGET (self->data_quality_label), warning != NULL);
}

void
resfri_followup_summary_set_followup (ResfriFollowupSummary *self,
                                      const ResfriFollowup  *followup)
{
  const ResfriFollowupRow *total;
  ResfriFollowupPerEmployee per;
  double coverage;
  gboolean known;

  g_return_if_fail (RESFRI_IS_FOLLOWUP_SUMMARY (self));

  clear (self->figures_box);
  clear (self->details_box);
  if (followup == NULL)
    return;

  total = followup->total;
  known = resfri_followup_row_get_per_employee (total, &per);
  show_headline (self, total);

  add_figure (self->figures_box, format_number (total->avoided_km), _("Travel avoided (km)"), TRUE);
  add_figure (self->figures_box, format_number (total->avoided_co2_kg), _("CO₂ avoided (kg)"),
              TRUE);
  add_figure (self->figures_box, format_sek (total->avoided_cost_sek), _("Travel cost avoided"),
              TRUE);

  add_figure (self->details_box, format_number (total->occurrences), _("Meetings held"), FALSE);
  add_figure (self->details_box, format_number (total->planned),
              _("Meetings planned, not yet held"), FALSE);
  add_figure (self->details_box, format_number (total->exempt_total), _("Exempt"), FALSE);
  add_figure (self->details_box, format_number (total->non_compliant), _("Non-compliant"), FALSE);
  add_figure (self->details_box, format_number (total->avoided_hours), _("Travel hours avoided"),
              FALSE);
  add_figure (self->details_box,
              resfri_followup_row_get_equipment_coverage (total, &coverage)
                ? g_strdup_printf (_("%.1f %%"), coverage * 100) : g_strdup ("–"),
              _("Equipment coverage"), FALSE);
  add_figure (self->details_box, format_number (total->open_gaps),
              _("Open gaps: missing headsets and cameras"), FALSE);
  add_figure (self->details_box, format_each (known, per.travel_free, 2),
              _("Travel-free meetings per employee"), FALSE);
  add_figure (self->details_box, format_each (known, per.trips_short, 2),
              _("Trips under 100 km per employee"), FALSE);
  add_figure (self->details_box, format_each (known, per.trips_long, 2),
              _("Trips of 100 km or more per employee"), FALSE);
  add_figure (self->details_box, format_each (known, per.travel_co2_kg, 1),
              _("Travel CO₂ per employee (kg)"), FALSE);
  add_figure (self->details_box, format_each (known, per.avoided_km, 1),
              _("Travel avoided per employee (km)"), FALSE);
  add_figure (self->details_box, format_each (known, per.avoided_co2_kg, 1),
              _("CO₂ avoided per employee (kg)"), FALSE);
  add_figure (self->details_box, known ? format_sek (per.avoided_cost_sek) : g_strdup ("–"),
              _("Travel cost avoided per employee"), FALSE);
  add_figure (self->details_box, format_each (known, per.avoided_hours, 2),
              _("Travel hours avoided per employee"), FALSE);
}

static void
append_figures (GString    *out,
                GtkFlowBox *box)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (box));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *card = gtk_flow_box_child_get_child (GTK_FLOW_BOX_CHILD (child));
      GtkWidget *value = gtk_widget_get_first_child (card);
      GtkWidget *caption = gtk_widget_get_next_sibling (value);

      if (out->len > 0)
        g_string_append (out, " · ");
      /* TRANSLATORS: a key figure on the printed page: its name, then its value */
      g_string_append_printf (out, _("%s: %s"), gtk_label_get_text (GTK_LABEL (caption)),
                              gtk_label_get_text (GTK_LABEL (value)));
    }
}

char *
resfri_followup_summary_dup_print_text (ResfriFollowupSummary *self)
{
  GString *out = g_string_new (NULL);
  GString *figures = g_string_new (NULL);

  g_return_val_if_fail (RESFRI_IS_FOLLOWUP_SUMMARY (self), NULL);

  g_string_append (out, gtk_label_get_text (self->share_label));
  if (gtk_widget_get_visible (GTK_WIDGET (self->target_label)))
    g_string_append_printf (out, " %s", gtk_label_get_text (self->target_label));
  g_string_append_printf (out, "\n%s\n\n", gtk_label_get_text (self->share_caption));
  append_figures (figures, self->figures_box);
  append_figures (figures, self->details_box);
  g_string_append (out, figures->str);
  g_string_free (figures, TRUE);

  return g_string_free (out, FALSE);
}

static void
resfri_followup_summary_class_init (ResfriFollowupSummaryClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/se/resfri/Resfri/ui/resfri-followup-summary.ui");
  gtk_widget_class_bind_template_child (widget_class, ResfriFollowupSummary, data_quality_label);
  gtk_widget_class_bind_template_child (widget_class, ResfriFollowupSummary, share_label);
  gtk_widget_class_bind_template_child (widget_class, ResfriFollowupSummary, target_label);
  gtk_widget_class_bind_template_child (widget_class, ResfriFollowupSummary, share_caption);
  gtk_widget_class_bind_template_child (widget_class, ResfriFollowupSummary, figures_box);
  gtk_widget_class_bind_template_child (widget_class, ResfriFollowupSummary, details_button);
  gtk_widget_class_bind_template_child (widget_class, ResfriFollowupSummary, details_box);
}

static void
resfri_followup_summary_init (ResfriFollowupSummary *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* resfri-followup-table.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A chart's figures as a table, under the chart, for screen readers and for
 * anyone who wants the numbers: a "Show as Table" toggle showing a grid
 * of labels, one row per month (the share, a year earlier, the target) or
 * per exemption reason (the count), from the same series the chart draws
 * (resfri_followup_dup_share_series(), _reason_series()).
 */

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "resfri-followup-table.h"

struct _ResfriFollowupTable
{
  AdwBin       parent_instance;

  GtkToggleButton *button;
  GtkGrid     *grid;
};

G_DEFINE_FINAL_TYPE (ResfriFollowupTable, resfri_followup_table, ADW_TYPE_BIN)

static void
put (ResfriFollowupTable *self,
     int                  column,
     int                  row,
     const char          *text,
     gboolean             heading)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), column == 0 ? 0.0 : 1.0);
  if (heading)
    gtk_widget_add_css_class (label, "heading");
  else if (column > 0)
    gtk_widget_add_css_class (label, "numeric");
  gtk_grid_attach (self->grid, label, column, row, 1, 1);
}

static char *
format_share (double percent)
{
  /* TRANSLATORS: a percentage, "62.5 %"; Swedish puts a space before % */
  return isnan (percent) ? g_strdup ("–") : g_strdup_printf (_("%.1f %%"), percent);
}

void
resfri_followup_table_set_followup (ResfriFollowupTable     *self,
                                    ResfriFollowupChartKind  kind,
                                    const ResfriFollowup    *followup)
{
  g_autoptr(ResfriFollowupSeries) series = NULL;
  GtkWidget *child;
  gboolean target;

  g_return_if_fail (RESFRI_IS_FOLLOWUP_TABLE (self));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->grid))) != NULL)
    gtk_grid_remove (self->grid, child);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self->button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  kind == RESFRI_FOLLOWUP_CHART_SHARE
                                    ? _("Travel-free share per month as a table")
                                    : _("Exemptions by reason as a table"),
                                  -1);
  if (followup == NULL)
    return;

  if (kind == RESFRI_FOLLOWUP_CHART_REASONS)
    {
      series = resfri_followup_dup_reason_series (followup);
      put (self, 0, 0, _("Reason"), TRUE);
      put (self, 1, 0, _("Exemptions"), TRUE);
      for (guint i = 0; i < series->n_values; i++)
        {
          g_autofree char *count = g_strdup_printf ("%'.0f", series->values[i]);

          put (self, 0, i + 1, series->labels[i], FALSE);
          put (self, 1, i + 1, count, FALSE);
        }
      return;
    }

  series = resfri_followup_dup_share_series (followup);
  target = !isnan (followup->total->target_share);
  put (self, 0, 0, _("Month"), TRUE);
  put (self, 1, 0, resfri_period_get_label (followup->period), TRUE);
  if (series->previous != NULL)
    put (self, 2, 0, resfri_period_get_label (followup->previous_period), TRUE);
  if (target)
    put (self, 3, 0, _("Target"), TRUE);
  for (guint i = 0; i < series->n_values; i++)
    {
      g_autofree char *value = format_share (series->values[i]);

      put (self, 0, i + 1, series->labels[i], FALSE);
      put (self, 1, i + 1, value, FALSE);
      if (series->previous != NULL)
        {
          g_autofree char *previous = format_share (series->previous[i]);

          put (self, 2, i + 1, previous, FALSE);
        }
      if (target)
        {
          g_autofree char *goal = format_share (followup->total->target_share * 100);

          put (self, 3, i + 1, goal, FALSE);
        }
    }
}

static void
resfri_followup_table_class_init (ResfriFollowupTableClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/se/resfri/Resfri/ui/resfri-followup-table.ui");
  gtk_widget_class_bind_template_child (widget_class, ResfriFollowupTable, button);
  gtk_widget_class_bind_template_child (widget_class, ResfriFollowupTable, grid);
}

static void
resfri_followup_table_init (ResfriFollowupTable *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

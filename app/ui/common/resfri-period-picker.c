/* resfri-period-picker.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The period picker shared by the Follow-up and Planning views: its
 * choices, which of its widgets are shown, and the period it stands for.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "resfri-period-picker.h"

void
resfri_period_picker_bind_template (GtkWidgetClass *widget_class,
                                    gssize          offset,
                                    gboolean        with_range)
{
  static const struct
  {
    const char *name;
    gssize      field;
  } children[] = {
    { "kind_dropdown", G_STRUCT_OFFSET (ResfriPeriodPicker, kind) },
    { "year_spin", G_STRUCT_OFFSET (ResfriPeriodPicker, year) },
    { "month_dropdown", G_STRUCT_OFFSET (ResfriPeriodPicker, month) },
    { "tertial_dropdown", G_STRUCT_OFFSET (ResfriPeriodPicker, tertial) },
    { "from_entry", G_STRUCT_OFFSET (ResfriPeriodPicker, from) },
    { "to_entry", G_STRUCT_OFFSET (ResfriPeriodPicker, to) },
  };
  guint n = with_range ? G_N_ELEMENTS (children) : G_N_ELEMENTS (children) - 2;

  for (guint i = 0; i < n; i++)
    gtk_widget_class_bind_template_child_full (widget_class, children[i].name, FALSE,
                                               offset + children[i].field);
}

void
resfri_period_picker_setup (const ResfriPeriodPicker *picker)
{
  const char *kinds[] = {
    _("Month"), _("Tertial"), _("Interim report Jan–Aug"), _("Year"), _("Range"), NULL,
  };
  const char *tertials[] = {
    _("Tertial 1 (Jan–Apr)"), _("Tertial 2 (May–Aug)"), _("Tertial 3 (Sep–Dec)"), NULL,
  };
  g_autoptr(GtkStringList) kind_list = NULL;
  g_autoptr(GtkStringList) tertial_list = gtk_string_list_new (tertials);
  g_autoptr(GtkStringList) month_list = gtk_string_list_new (NULL);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  g_return_if_fail (picker != NULL);

  /* Without the range's entries there is no Range. */
  if (picker->from == NULL)
    kinds[RESFRI_PERIOD_PICKER_RANGE] = NULL;
  kind_list = gtk_string_list_new (kinds);

  for (int m = 1; m <= 12; m++)
    {
      g_autoptr(GDateTime) month = g_date_time_new_utc (2001, m, 1, 0, 0, 0);
      g_autofree char *name = g_date_time_format (month, "%B");

      gtk_string_list_append (month_list, name);
    }
  gtk_drop_down_set_model (picker->kind, G_LIST_MODEL (kind_list));
  gtk_drop_down_set_model (picker->tertial, G_LIST_MODEL (tertial_list));
  gtk_drop_down_set_model (picker->month, G_LIST_MODEL (month_list));
  gtk_drop_down_set_selected (picker->kind, RESFRI_PERIOD_PICKER_YEAR);
  gtk_drop_down_set_selected (picker->month, g_date_time_get_month (now) - 1);
  gtk_spin_button_set_value (picker->year, g_date_time_get_year (now));
  resfri_period_picker_update (picker);
}

void
resfri_period_picker_connect (const ResfriPeriodPicker *picker,
                              GCallback                 changed,
                              gpointer                  data)
{
  g_return_if_fail (picker != NULL);

  g_signal_connect_swapped (picker->kind, "notify::selected", changed, data);
  g_signal_connect_swapped (picker->month, "notify::selected", changed, data);
  g_signal_connect_swapped (picker->tertial, "notify::selected", changed, data);
  g_signal_connect_swapped (picker->year, "value-changed", changed, data);
  if (picker->from == NULL)
    return;

  /* A range is taken when a day is entered, or when the focus leaves it. */
  for (guint i = 0; i < 2; i++)
    {
      GtkEntry *entry = i == 0 ? picker->from : picker->to;
      GtkEventController *focus = gtk_event_controller_focus_new ();

      g_signal_connect_swapped (entry, "activate", changed, data);
      g_signal_connect_swapped (focus, "leave", changed, data);
      gtk_widget_add_controller (GTK_WIDGET (entry), focus);
    }
}

void
resfri_period_picker_update (const ResfriPeriodPicker *picker)
{
  guint kind;

  g_return_if_fail (picker != NULL);

  kind = gtk_drop_down_get_selected (picker->kind);
  gtk_widget_set_visible (GTK_WIDGET (picker->year), kind != RESFRI_PERIOD_PICKER_RANGE);
  gtk_widget_set_visible (GTK_WIDGET (picker->month), kind == RESFRI_PERIOD_PICKER_MONTH);
  gtk_widget_set_visible (GTK_WIDGET (picker->tertial), kind == RESFRI_PERIOD_PICKER_TERTIAL);
  if (picker->from == NULL)
    return;
  gtk_widget_set_visible (GTK_WIDGET (picker->from), kind == RESFRI_PERIOD_PICKER_RANGE);
  gtk_widget_set_visible (GTK_WIDGET (picker->to), kind == RESFRI_PERIOD_PICKER_RANGE);
}

char *
resfri_period_picker_dup_text (const ResfriPeriodPicker *picker)
{
  int year;

  g_return_val_if_fail (picker != NULL, NULL);

  year = gtk_spin_button_get_value_as_int (picker->year);
  switch (gtk_drop_down_get_selected (picker->kind))
    {
    case RESFRI_PERIOD_PICKER_MONTH:
      return g_strdup_printf ("%04d-%02u", year, gtk_drop_down_get_selected (picker->month) + 1);
    case RESFRI_PERIOD_PICKER_TERTIAL:
      return g_strdup_printf ("%04d-T%u", year, gtk_drop_down_get_selected (picker->tertial) + 1);
    case RESFRI_PERIOD_PICKER_INTERIM:
      return g_strdup_printf ("%04d-D", year);
    case RESFRI_PERIOD_PICKER_RANGE:
      if (picker->from != NULL)
        {
          const char *from = gtk_editable_get_text (GTK_EDITABLE (picker->from));
          const char *to = gtk_editable_get_text (GTK_EDITABLE (picker->to));

          if (*from == '\0' || *to == '\0')
            return NULL;
          return g_strdup_printf ("%s..%s", from, to);
        }
      G_GNUC_FALLTHROUGH;
    case RESFRI_PERIOD_PICKER_YEAR:
    default:
      return g_strdup_printf ("%04d", year);
    }
}

void
resfri_period_picker_set_store_year (const ResfriPeriodPicker *picker,
                                     ResfriStore              *store)
{
  g_autofree char *demo_year = NULL;

  g_return_if_fail (picker != NULL);

  demo_year = store ? resfri_store_dup_meta (store, "demo-year") : NULL;
  if (demo_year != NULL && g_ascii_strtoll (demo_year, NULL, 10) >= 1970)
    gtk_spin_button_set_value (picker->year, g_ascii_strtoll (demo_year, NULL, 10));
}

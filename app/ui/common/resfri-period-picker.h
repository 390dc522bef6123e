/* resfri-period-picker.h
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The period picker of the Follow-up and Planning views: a kind (month,
 * tertial, interim report, year and, where the view offers it, a range of
 * days), a year, a month, a tertial and the range's two days. The widgets
 * are the view's template children; this fills them, shows the ones the
 * kind needs and reads the period as resfri_period_parse() takes it.
 */

#pragma once

#include <adwaita.h>

#include "resfri-core.h"

G_BEGIN_DECLS

/* The kinds, in the kind drop-down's order. */
typedef enum
{
  RESFRI_PERIOD_PICKER_MONTH,
  RESFRI_PERIOD_PICKER_TERTIAL,
  RESFRI_PERIOD_PICKER_INTERIM,
  RESFRI_PERIOD_PICKER_YEAR,
  RESFRI_PERIOD_PICKER_RANGE,
} ResfriPeriodPickerKind;

typedef struct
{
  GtkDropDown   *kind;
  GtkSpinButton *year;
  GtkDropDown   *month;
  GtkDropDown   *tertial;
  /* Both NULL when the view offers no range. */
  GtkEntry      *from;
  GtkEntry      *to;
} ResfriPeriodPicker;

/* Binds the template children "kind_dropdown", "year_spin",
 * "month_dropdown", "tertial_dropdown" and, @with_range, "from_entry" and
 * "to_entry" to the picker at @offset in the instance. */
void  resfri_period_picker_bind_template  (GtkWidgetClass           *widget_class,
                                           gssize                    offset,
                                           gboolean                  with_range);
/* Fills the drop-downs and chooses this year, and this month for a month. */
void  resfri_period_picker_setup          (const ResfriPeriodPicker *picker);
/* Calls @changed (swapped: with @data alone) when the period may have
 * changed: a kind, a year, a month, a tertial, or a day entered or left. */
void  resfri_period_picker_connect        (const ResfriPeriodPicker *picker,
                                           GCallback                 changed,
                                           gpointer                  data);
/* Shows the widgets the chosen kind needs. */
void  resfri_period_picker_update         (const ResfriPeriodPicker *picker);
/* The period chosen; NULL while a range is not complete. */
char *resfri_period_picker_dup_text       (const ResfriPeriodPicker *picker);
/* The demo municipality's meetings lie in its own year: chooses it. */
void  resfri_period_picker_set_store_year (const ResfriPeriodPicker *picker,
                                           ResfriStore              *store);

G_END_DECLS

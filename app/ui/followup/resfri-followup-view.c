/* resfri-followup-view.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The politicians' follow-up: a period and a unit, the headline figures,
 * the charts of the PDF report drawn live (ResfriFollowupChart),
 * a table per unit, and export to PDF and XLSX or print. The figures are
 * computed off the main thread (resfri_followup_compute_async); a new
 * choice cancels the computation under way. Nothing is computed before the
 * view is first shown.
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <pango/pangocairo.h>

#include "resfri-followup.h"
#include "resfri-followup-chart.h"
#include "resfri-followup-summary.h"
#include "resfri-followup-table.h"
#include "resfri-followup-view.h"
#include "resfri-period-picker.h"
#include "resfri-progress-bar.h"
#include "resfri-report.h"
#include "resfri-report-pdf.h"
#include "resfri-report-xlsx.h"
#include "resfri-view.h"
#include "resfri-widget-util.h"

enum
{
  COLUMN_UNIT,
  COLUMN_OCCURRENCES,
  COLUMN_SHARE,
  COLUMN_EXEMPT,
  COLUMN_NON_COMPLIANT,
  COLUMN_TRAVEL_KM,
  COLUMN_AVOIDED_KM,
  COLUMN_COVERAGE,
  N_UNIT_COLUMNS,
  /* The second table: people, open gaps and the figures per employee. */
  COLUMN_EMPLOYEES = N_UNIT_COLUMNS,
  COLUMN_OPEN_GAPS,
  COLUMN_TRAVEL_KM_PER_EMPLOYEE,
  COLUMN_AVOIDED_KM_PER_EMPLOYEE,
  COLUMN_AVOIDED_CO2_PER_EMPLOYEE,
  COLUMN_AVOIDED_COST_PER_EMPLOYEE,
  COLUMN_AVOIDED_HOURS_PER_EMPLOYEE,
  N_TABLE_COLUMNS,
};

static const char *column_titles[N_TABLE_COLUMNS] = {
  N_("Unit"),
  N_("Occurrences"),
  N_("Travel-free share"),
  N_("Exempt"),
  N_("Non-compliant"),
  N_("Travel km"),
  N_("Avoided km"),
  N_("Equipment coverage"),
  N_("Employees"),
  N_("Open gaps"),
  /* TRANSLATORS: the columns of the per-employee table, whose heading
   * says "per employee" */
  N_("Travel km"),
  N_("Avoided km"),
  N_("Avoided CO₂ (kg)"),
  N_("Avoided cost"),
  N_("Avoided hours"),
};

struct _ResfriFollowupView
{
  AdwBin               parent_instance;

  ResfriStore         *store;
  ResfriFollowup      *followup;
  GCancellable        *cancellable;
  GPtrArray           *unit_paths;     /* NULL for the whole organisation first */
  GtkStringList       *unit_names;
  GtkStringList       *rows;           /* the index of each unit row, as text */
  gboolean             dirty;
  gboolean             filling_units;
  guint                n_exports;      /* exports being written */
  GPtrArray           *retired;        /* results replaced while exporting */

  /* Template widgets */
  ResfriPeriodPicker   period;
  ResfriProgressBar   *export_progress;
  GtkDropDown         *unit_dropdown;
  GtkSpinner          *spinner;
  GtkStack            *stack;
  AdwStatusPage       *error_page;
  GtkLabel            *title_label;
  ResfriFollowupSummary *summary;
  ResfriFollowupChart *month_chart;
  GtkLabel            *legend_label;
  ResfriFollowupTable *month_table;
  ResfriFollowupChart *reason_chart;
  ResfriFollowupTable *reason_table;
  GtkColumnView       *unit_view;
  GtkColumnView       *people_view;
};

static void resfri_followup_view_view_iface_init (ResfriViewInterface *iface);
static void resfri_followup_view_reload          (ResfriView          *view);

G_DEFINE_FINAL_TYPE_WITH_CODE (ResfriFollowupView, resfri_followup_view, ADW_TYPE_BIN,
                               G_IMPLEMENT_INTERFACE (RESFRI_TYPE_VIEW, resfri_followup_view_view_iface_init))

static void compute (ResfriFollowupView *self);

/* Helpers */

static char *
format_percent (double share)
{
  /* TRANSLATORS: a percentage, "62.5 %"; Swedish puts a space before % */
  return g_strdup_printf (_("%.1f %%"), share * 100);
}

static char *
format_row_share (const ResfriFollowupRow *row,
                  gboolean                 coverage)
{
  double share;
  gboolean known = coverage ? resfri_followup_row_get_equipment_coverage (row, &share)
                            : resfri_followup_row_get_travel_free_share (row, &share);

  return known ? format_percent (share) : g_strdup ("–");
}

static char *
format_number (double value)
{
  return g_strdup_printf ("%'.0f", value);
}

/* A figure per employee, with @decimals; "–" without employees. */
static char *
format_per_employee (gboolean known,
                     double   value,
                     int      decimals)
{
  return known ? g_strdup_printf ("%'.*f", decimals, value) : g_strdup ("–");
}

static const char *
get_unit_path (ResfriFollowupView *self)
{
  guint selected = gtk_drop_down_get_selected (self->unit_dropdown);

  if (selected == GTK_INVALID_LIST_POSITION || selected >= self->unit_paths->len)
    return NULL;

  return g_ptr_array_index (self->unit_paths, selected);
}

static void
update_actions (ResfriFollowupView *self)
{
  gboolean ready = self->followup != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "followup.export-pdf", ready);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "followup.export-xlsx", ready);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "followup.print", ready);
}

/* Draws @text wrapped within @width; returns its height. */
static double
draw_text (cairo_t    *cr,
           double      x,
           double      y,
           double      width,
           const char *text,
           double      size,
           gboolean    bold)
{
  g_autoptr(PangoLayout) layout = pango_cairo_create_layout (cr);
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string ("Sans");
  int w, h;

  pango_font_description_set_size (font, (int) (size * PANGO_SCALE));
  if (bold)
    pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_text (layout, text, -1);
  pango_layout_get_pixel_size (layout, &w, &h);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);

  return h;
}

/* The table per unit */

static const ResfriFollowupRow *
get_row (ResfriFollowupView *self,
         GtkListItem        *item)
{
  GtkStringObject *object = gtk_list_item_get_item (item);
  guint64 index;

  if (self->followup == NULL || object == NULL)
    return NULL;
  index = g_ascii_strtoull (gtk_string_object_get_string (object), NULL, 10);
  if (index >= self->followup->units->len)
    return NULL;

  return g_ptr_array_index (self->followup->units, index);
}

static void
setup_cell_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  guint column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (factory), "column"));
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), column == COLUMN_UNIT ? 0.0 : 1.0);
  /* A long Swedish unit name wraps within the column rather than losing
   * its end; the tooltip has the whole path. */
  if (column == COLUMN_UNIT)
    {
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
    }
  else
    gtk_widget_add_css_class (label, "numeric");
  gtk_list_item_set_child (item, label);
}

static void
bind_cell_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  ResfriFollowupView *self = user_data;
  guint column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (factory), "column"));
  GtkWidget *label = gtk_list_item_get_child (item);
  const ResfriFollowupRow *row = get_row (self, item);
  g_autofree char *text = NULL;
  ResfriFollowupPerEmployee per;
  gboolean known;

  if (row == NULL)
    return;

  known = resfri_followup_row_get_per_employee (row, &per);

  gtk_widget_set_margin_start (label, column == COLUMN_UNIT ? 12 * row->depth : 0);
  switch (column)
    {
    case COLUMN_UNIT:
      text = g_strdup (resfri_followup_row_get_unit_label (row, FALSE));
      gtk_widget_set_tooltip_text (label, row->unit);
      break;
    case COLUMN_OCCURRENCES:
      text = format_number (row->occurrences);
      break;
    case COLUMN_SHARE:
      text = format_row_share (row, FALSE);
      break;
    case COLUMN_EXEMPT:
      text = format_number (row->exempt_total);
      break;
    case COLUMN_NON_COMPLIANT:
      text = format_number (row->non_compliant);
      break;
    case COLUMN_TRAVEL_KM:
      text = format_number (row->travel_km);
      break;
    case COLUMN_AVOIDED_KM:
      text = format_number (row->avoided_km);
      break;
    case COLUMN_EMPLOYEES:
      text = format_number (row->employees);
      break;
    case COLUMN_OPEN_GAPS:
      text = format_number (row->open_gaps);
      break;
    case COLUMN_TRAVEL_KM_PER_EMPLOYEE:
      text = format_per_employee (known, per.travel_km, 1);
      break;
    case COLUMN_AVOIDED_KM_PER_EMPLOYEE:
      text = format_per_employee (known, per.avoided_km, 1);
      break;
    case COLUMN_AVOIDED_CO2_PER_EMPLOYEE:
      text = format_per_employee (known, per.avoided_co2_kg, 1);
      break;
    case COLUMN_AVOIDED_COST_PER_EMPLOYEE:
      /* TRANSLATORS: an amount of Swedish crowns with grouped thousands; Swedish "%'.0f kr" */
      text = known ? g_strdup_printf (_("SEK %'.0f"), per.avoided_cost_sek) : g_strdup ("–");
      break;
    case COLUMN_AVOIDED_HOURS_PER_EMPLOYEE:
      text = format_per_employee (known, per.avoided_hours, 2);
      break;
    case COLUMN_COVERAGE:
    default:
      text = format_row_share (row, TRUE);
      break;
    }
  gtk_label_set_text (GTK_LABEL (label), text);
}

static void
add_column (ResfriFollowupView *self,
            GtkColumnView      *view,
            guint               id)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *column;

  g_object_set_data (G_OBJECT (factory), "column", GUINT_TO_POINTER (id));
  g_signal_connect (factory, "setup", G_CALLBACK (setup_cell_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cell_cb), self);
  column = gtk_column_view_column_new (_(column_titles[id]), factory);
  gtk_column_view_column_set_resizable (column, TRUE);
  /* The unit's name stays readable: a narrow window scrolls the table
   * sideways rather than shortening every name to "…". */
  if (id == COLUMN_UNIT)
    {
      gtk_column_view_column_set_expand (column, TRUE);
      gtk_column_view_column_set_fixed_width (column, 220);
    }
  gtk_column_view_append_column (view, column);
  g_object_unref (column);
}

/* The unit column, then the columns from @first up to @end. */
static void
add_columns (ResfriFollowupView *self,
             GtkColumnView      *view,
             guint               first,
             guint               end)
{
  add_column (self, view, COLUMN_UNIT);
  for (guint id = first; id < end; id++)
    add_column (self, view, id);
}

/* Showing a result */

static void
fill_units (ResfriFollowupView *self)
{
  GPtrArray *units = self->followup->units;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

  self->filling_units = TRUE;
  g_ptr_array_set_size (self->unit_paths, 0);
  g_ptr_array_add (self->unit_paths, NULL);
  g_ptr_array_add (names, g_strdup (_("The whole organisation")));
  for (guint i = 0; i < units->len; i++)
    {
      const ResfriFollowupRow *row = g_ptr_array_index (units, i);

      if (row->unit == NULL || strcmp (row->unit, RESFRI_FOLLOWUP_NO_UNIT) == 0)
        continue;
      g_ptr_array_add (self->unit_paths, g_strdup (row->unit));
      g_ptr_array_add (names, g_strdup (row->unit));
    }
  g_ptr_array_add (names, NULL);
  gtk_string_list_splice (self->unit_names, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->unit_names)),
                          (const char * const *) names->pdata);
  gtk_drop_down_set_selected (self->unit_dropdown, 0);
  self->filling_units = FALSE;
}

static void
show_followup (ResfriFollowupView *self)
{
  const ResfriFollowup *followup = self->followup;
  g_autofree char *first_day = resfri_period_dup_first_day (followup->period);
  g_autofree char *last_day = resfri_period_dup_last_day (followup->period);
  g_autofree char *title = NULL;
  g_autofree char *legend = NULL;
  g_autoptr(GPtrArray) indices = g_ptr_array_new_with_free_func (g_free);

  /* TRANSLATORS: the title: the period, its first and last day, the unit */
  title = g_strdup_printf (_("Follow-up %s (%s – %s), %s"),
                           resfri_period_get_label (followup->period), first_day, last_day,
                           followup->unit ? followup->unit : _("the whole organisation"));
  gtk_label_set_text (self->title_label, title);

  resfri_followup_summary_set_followup (self->summary, followup);

  if (followup->previous_months != NULL)
    /* TRANSLATORS: the legend of the month chart: this period, the one a year earlier */
    legend = g_strdup_printf (_("Blue: %s · grey: %s"),
                              resfri_period_get_label (followup->period),
                              resfri_period_get_label (followup->previous_period));
  else
    legend = g_strdup (_("No meetings stored for the same months a year earlier"));
  gtk_label_set_text (self->legend_label, legend);
  resfri_followup_chart_set_followup (self->month_chart, followup);
  resfri_followup_chart_set_followup (self->reason_chart, followup);
  resfri_followup_table_set_followup (self->month_table, RESFRI_FOLLOWUP_CHART_SHARE, followup);
  resfri_followup_table_set_followup (self->reason_table, RESFRI_FOLLOWUP_CHART_REASONS,
                                      followup);

  for (guint i = 0; i < followup->units->len; i++)
    g_ptr_array_add (indices, g_strdup_printf ("%u", i));
  g_ptr_array_add (indices, NULL);
  gtk_string_list_splice (self->rows, 0, g_list_model_get_n_items (G_LIST_MODEL (self->rows)),
                          (const char * const *) indices->pdata);

  resfri_stack_show_page (self->stack, "report");
}

static void
computed_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(ResfriFollowupView) self = user_data;
  g_autoptr(GError) error = NULL;
  ResfriFollowup *followup;

  followup = resfri_followup_compute_finish (RESFRI_STORE (object), result, &error);
  if (followup == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  gtk_spinner_stop (self->spinner);
  g_clear_object (&self->cancellable);

  if (followup == NULL)
    {
      if (self->n_exports > 0 && self->followup != NULL)
        g_ptr_array_add (self->retired, g_steal_pointer (&self->followup));
      g_clear_pointer (&self->followup, resfri_followup_free);
      resfri_followup_chart_set_followup (self->month_chart, NULL);
      resfri_followup_chart_set_followup (self->reason_chart, NULL);
      update_actions (self);
      adw_status_page_set_description (self->error_page, error->message);
      resfri_stack_show_page (self->stack, "error");
      return;
    }

  if (self->n_exports > 0 && self->followup != NULL)
    g_ptr_array_add (self->retired, g_steal_pointer (&self->followup));
  g_clear_pointer (&self->followup, resfri_followup_free);
  self->followup = followup;
  if (followup->unit == NULL && self->unit_paths->len <= 1)
    fill_units (self);
  update_actions (self);
  show_followup (self);
}

static void
compute (ResfriFollowupView *self)
{
  g_autofree char *text = NULL;
  g_autoptr(ResfriPeriod) period = NULL;
  g_autoptr(GError) error = NULL;

  if (self->store == NULL)
    return;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->dirty = FALSE;

  text = resfri_period_picker_dup_text (&self->period);
  gtk_widget_remove_css_class (GTK_WIDGET (self->period.from), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->period.to), "error");
  if (text == NULL)
    {
      gtk_spinner_stop (self->spinner);
      return;
    }
  period = resfri_period_parse (text, &error);
  if (period == NULL)
    {
      /* Only a range can be wrong: the other inputs are chosen from lists. */
      gtk_widget_add_css_class (GTK_WIDGET (self->period.from), "error");
      gtk_widget_add_css_class (GTK_WIDGET (self->period.to), "error");
      gtk_spinner_stop (self->spinner);
      return;
    }

  self->cancellable = g_cancellable_new ();
  gtk_spinner_start (self->spinner);
  if (self->followup == NULL)
    resfri_stack_show_page (self->stack, "loading");
  resfri_followup_compute_async (self->store, NULL, period, get_unit_path (self),
                                 self->cancellable, computed_cb, g_object_ref (self));
}

static void
input_changed_cb (ResfriFollowupView *self)
{
  resfri_period_picker_update (&self->period);
  if (self->filling_units)
    return;
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    compute (self);
  else
    self->dirty = TRUE;
}

static void
map_cb (ResfriFollowupView *self)
{
  if (self->dirty)
    compute (self);
}

/* Export and print */

static char *
dup_municipality (ResfriFollowupView *self)
{
  return self->store ? resfri_store_dup_meta (self->store, "municipality") : NULL;
}

/* An export is written on a worker thread, with the view's progress bar
 * and its Cancel: the result it writes stays alive (in self->retired when a
 * newer one replaces it) until it is done. A cancelled export leaves no
 * file (the writer's PATH.partial is removed). */
typedef struct
{
  const ResfriFollowup *followup;
  char                 *store_path;
  char                 *municipality;
  char                 *path;
  gboolean              pdf;
  GCancellable         *cancellable;   /* the progress bar's */
  ResfriProgressBar    *progress;
} Export;

static void
export_free (Export *export)
{
  g_free (export->store_path);
  g_free (export->municipality);
  g_free (export->path);
  g_clear_object (&export->cancellable);
  g_clear_object (&export->progress);
  g_free (export);
}

typedef struct
{
  ResfriProgressBar *progress;
  GCancellable      *cancellable;
  double             fraction;
} ExportProgress;

static gboolean
show_export_progress_cb (gpointer user_data)
{
  ExportProgress *report = user_data;

  /* Only while the bar is this export's. */
  if (!g_cancellable_is_cancelled (report->cancellable) &&
      resfri_progress_bar_is_running (report->progress))
    resfri_progress_bar_set_fraction (report->progress, report->fraction);
  g_object_unref (report->progress);
  g_object_unref (report->cancellable);
  g_free (report);

  return G_SOURCE_REMOVE;
}

static gboolean
export_page_cb (guint    page,
                guint    n_pages,
                gpointer user_data)
{
  Export *export = user_data;
  ExportProgress *report = g_new0 (ExportProgress, 1);
  const char *hold = g_getenv ("RESFRI_TEST_EXPORT_HOLD");

  report->progress = g_object_ref (export->progress);
  report->cancellable = g_object_ref (export->cancellable);
  report->fraction = n_pages > 0 ? (double) page / n_pages : -1;
  g_idle_add (show_export_progress_cb, report);

  /* The UI tests hold the export after a page while the file they name
   * exists, so that Cancel comes while it is being written. */
  while (hold != NULL && *hold != '\0' && g_file_test (hold, G_FILE_TEST_EXISTS) &&
         !g_cancellable_is_cancelled (export->cancellable))
    g_usleep (G_USEC_PER_SEC / 50);

  return !g_cancellable_is_cancelled (export->cancellable);
}

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  Export *export = task_data;
  GError *error = NULL;
  gboolean ok;

  if (export->pdf)
    {
      /* The what-if page, at the target: on the worker's own connection. */
      g_autoptr(ResfriStore) worker = NULL;
      g_autoptr(ResfriWhatif) whatif = NULL;

      ok = (worker = resfri_store_open (export->store_path, &error)) != NULL;
      if (ok)
        {
          whatif = resfri_report_followup_compute_whatif (worker, export->followup,
                                                          RESFRI_REPORT_WHATIF_TIME_LIMIT,
                                                          cancellable, &error);
          ok = error == NULL;
        }
      if (ok)
        ok = resfri_report_followup_write_pdf_full (export->followup, whatif,
                                                    export->municipality, export->path,
                                                    export_page_cb, export, NULL, &error);
    }
  else
    ok = !g_cancellable_set_error_if_cancelled (cancellable, &error) &&
         resfri_report_followup_write_xlsx (export->followup, export->municipality,
                                            export->path, &error);
  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
export_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  ResfriFollowupView *self = RESFRI_FOLLOWUP_VIEW (object);
  Export *export = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_filename_display_basename (export->path);
  g_autofree char *markup = NULL;

  if (--self->n_exports == 0)
    g_ptr_array_set_size (self->retired, 0);

  /* The view is gone (its window closed): say nothing. */
  if (self->export_progress == NULL)
    return;

  resfri_progress_bar_finish (self->export_progress);
  if (g_task_propagate_boolean (G_TASK (result), &error))
    /* TRANSLATORS: a toast; %s is a file name */
    markup = g_markup_printf_escaped (_("Exported “%s”"), name);
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    /* TRANSLATORS: a toast; %s is a file name */
    markup = g_markup_printf_escaped (_("Export of “%s” cancelled; nothing was written"), name);
  else
    markup = g_markup_printf_escaped (_("Cannot export the report: %s"), error->message);
  resfri_widget_add_toast (GTK_WIDGET (self), markup);
}

static void
write_export (ResfriFollowupView *self,
              const char         *path,
              gboolean            pdf)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *name = NULL;
  g_autofree char *text = NULL;
  GCancellable *cancellable;
  Export *export;

  /* One export at a time: the bar is its. */
  if (self->followup == NULL || self->store == NULL ||
      resfri_progress_bar_is_running (self->export_progress))
    return;

  name = g_filename_display_basename (path);
  /* TRANSLATORS: the bar of an export in progress, with the file's name */
  text = g_strdup_printf (_("Exporting “%s”…"), name);
  cancellable = resfri_progress_bar_start (self->export_progress, text, _("Cancel Export"));
  resfri_progress_bar_set_fraction (self->export_progress, -1);

  export = g_new0 (Export, 1);
  export->followup = self->followup;
  export->store_path = g_strdup (resfri_store_get_path (self->store));
  export->municipality = dup_municipality (self);
  export->path = g_strdup (path);
  export->pdf = pdf;
  export->cancellable = g_object_ref (cancellable);
  export->progress = g_object_ref (self->export_progress);
  self->n_exports++;

  task = g_task_new (self, cancellable, export_done_cb, NULL);
  g_task_set_source_tag (task, write_export);
  g_task_set_task_data (task, export, (GDestroyNotify) export_free);
  g_task_run_in_thread (task, export_thread);
}

static char *
dup_export_name (ResfriFollowupView *self,
                 gboolean            pdf)
{
  /* TRANSLATORS: the file name offered for an export; %s is the period */
  return g_strdup_printf (_("follow-up-%s.%s"), resfri_period_get_label (self->followup->period),
                          pdf ? "pdf" : "xlsx");
}

static void
export_response_cb (GtkNativeDialog *dialog,
                    int              response,
                    gpointer         user_data)
{
  ResfriFollowupView *self = user_data;
  gboolean pdf = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "pdf"));

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = file ? g_file_get_path (file) : NULL;

      if (path != NULL)
        write_export (self, path, pdf);
    }
  g_object_unref (dialog);
  g_object_unref (self);
}

static void
export (ResfriFollowupView *self,
        gboolean            pdf)
{
  g_autofree char *name = NULL;
  const char *test_dir;
  GtkFileChooserNative *dialog;
  GtkFileFilter *filter;

  if (self->followup == NULL)
    return;
  name = dup_export_name (self, pdf);

  /* The UI tests cannot drive a file chooser under Xvfb reliably: they name
   * a folder to export to without asking. */
  test_dir = g_getenv ("RESFRI_TEST_EXPORT_DIR");
  if (test_dir != NULL && *test_dir != '\0')
    {
      g_autofree char *path = g_build_filename (test_dir, name, NULL);

      write_export (self, path, pdf);
      return;
    }

  dialog = gtk_file_chooser_native_new (pdf ? _("Export as PDF") : _("Export as XLSX"),
                                        resfri_widget_get_window (GTK_WIDGET (self)), GTK_FILE_CHOOSER_ACTION_SAVE,
                                        _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  filter = gtk_file_filter_new ();
  if (pdf)
    {
      gtk_file_filter_set_name (filter, _("PDF documents"));
      gtk_file_filter_add_mime_type (filter, "application/pdf");
    }
  else
    {
      gtk_file_filter_set_name (filter, _("Excel workbooks"));
      gtk_file_filter_add_suffix (filter, "xlsx");
    }
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  g_object_unref (filter);
  g_object_set_data (G_OBJECT (dialog), "pdf", GINT_TO_POINTER (pdf));
  g_signal_connect (dialog, "response", G_CALLBACK (export_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  export (RESFRI_FOLLOWUP_VIEW (widget), g_str_equal (action_name, "followup.export-pdf"));
}

/* The printed page: the PDF's summary, drawn with the same chart code. */
static void
draw_page_cb (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page_nr,
              gpointer           user_data)
{
  ResfriFollowupView *self = user_data;
  const ResfriFollowup *followup = self->followup;
  cairo_t *cr = gtk_print_context_get_cairo_context (context);
  double width = gtk_print_context_get_width (context);
  const char *title = gtk_label_get_text (self->title_label);
  g_autofree char *summary = NULL;
  g_autofree char *municipality = dup_municipality (self);
  double y = 0;

  if (followup == NULL)
    return;

  cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
  if (municipality != NULL)
    y += draw_text (cr, 0, y, width, municipality, 10, FALSE) + 4;
  y += draw_text (cr, 0, y, width, title, 14, TRUE) + 12;
  summary = resfri_followup_summary_dup_print_text (self->summary);
  y += draw_text (cr, 0, y, width, summary, 9, FALSE) + 18;

  y += draw_text (cr, 0, y, width, _("Travel-free share per month"), 12, TRUE) + 6;
  cairo_save (cr);
  cairo_translate (cr, 0, y);
  resfri_followup_chart_render (RESFRI_FOLLOWUP_CHART_SHARE, followup, cr, width, 180,
                                resfri_report_palette_paper ());
  cairo_restore (cr);
  y += 190;
  cairo_set_source_rgb (cr, 0.3, 0.3, 0.3);
  y += draw_text (cr, 0, y, width, gtk_label_get_text (self->legend_label), 8, FALSE) + 18;

  cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
  y += draw_text (cr, 0, y, width, _("Exemptions by reason"), 12, TRUE) + 6;
  cairo_save (cr);
  cairo_translate (cr, 0, y);
  resfri_followup_chart_render (RESFRI_FOLLOWUP_CHART_REASONS, followup, cr, width,
                                15 * RESFRI_FOLLOWUP_N_REASONS, resfri_report_palette_paper ());
  cairo_restore (cr);
}

static void
print_done_cb (GtkPrintOperation       *operation,
               GtkPrintOperationResult  result,
               gpointer                 user_data)
{
  ResfriFollowupView *self = user_data;

  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *markup = NULL;

      gtk_print_operation_get_error (operation, &error);
      markup = g_markup_printf_escaped (_("Cannot print: %s"),
                                        error ? error->message : _("unknown error"));
      resfri_widget_add_toast (GTK_WIDGET (self), markup);
    }
  g_object_unref (operation);
  g_object_unref (self);
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  ResfriFollowupView *self = RESFRI_FOLLOWUP_VIEW (widget);
  GtkPrintOperation *operation;
  g_autoptr(GError) error = NULL;
  GtkPrintOperationResult result;
  GtkPrintOperationAction action = GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG;
  const char *test_dir;

  if (self->followup == NULL)
    return;

  operation = gtk_print_operation_new ();
  gtk_print_operation_set_n_pages (operation, 1);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_allow_async (operation, TRUE);
  gtk_print_operation_set_job_name (operation, gtk_label_get_text (self->title_label));
  g_signal_connect (operation, "draw-page", G_CALLBACK (draw_page_cb), self);
  g_signal_connect (operation, "done", G_CALLBACK (print_done_cb), g_object_ref (self));
  /* The UI tests print to a PDF file in their folder, without the dialog. */
  test_dir = g_getenv ("RESFRI_TEST_EXPORT_DIR");
  if (test_dir != NULL && *test_dir != '\0')
    {
      g_autofree char *path = g_build_filename (test_dir, "print.pdf", NULL);

      gtk_print_operation_set_export_filename (operation, path);
      action = GTK_PRINT_OPERATION_ACTION_EXPORT;
    }
  result = gtk_print_operation_run (operation, action, resfri_widget_get_window (GTK_WIDGET (self)), &error);
  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      g_autofree char *markup = g_markup_printf_escaped (_("Cannot print: %s"), error->message);

      resfri_widget_add_toast (GTK_WIDGET (self), markup);
    }
}

/* GObject */

static void
resfri_followup_view_dispose (GObject *object)
{
  ResfriFollowupView *self = RESFRI_FOLLOWUP_VIEW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  /* An export being written: nothing is left of it. */
  if (self->export_progress != NULL)
    resfri_progress_bar_cancel (self->export_progress);
  gtk_widget_dispose_template (GTK_WIDGET (self), RESFRI_TYPE_FOLLOWUP_VIEW);

  G_OBJECT_CLASS (resfri_followup_view_parent_class)->dispose (object);
}

static void
resfri_followup_view_finalize (GObject *object)
{
  ResfriFollowupView *self = RESFRI_FOLLOWUP_VIEW (object);

  g_clear_pointer (&self->followup, resfri_followup_free);
  g_clear_pointer (&self->unit_paths, g_ptr_array_unref);
  g_clear_pointer (&self->retired, g_ptr_array_unref);
  g_clear_object (&self->unit_names);
  g_clear_object (&self->rows);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (resfri_followup_view_parent_class)->finalize (object);
}

static void
resfri_followup_view_class_init (ResfriFollowupViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = resfri_followup_view_dispose;
  object_class->finalize = resfri_followup_view_finalize;

  g_type_ensure (RESFRI_TYPE_PROGRESS_BAR);
  g_type_ensure (RESFRI_TYPE_FOLLOWUP_CHART);
  g_type_ensure (RESFRI_TYPE_FOLLOWUP_SUMMARY);
  g_type_ensure (RESFRI_TYPE_FOLLOWUP_TABLE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/se/resfri/Resfri/ui/resfri-followup-view.ui");
  resfri_period_picker_bind_template (widget_class, G_STRUCT_OFFSET (ResfriFollowupView, period),
                                      TRUE);
  gtk_widget_class_bind_template_child (widget_class, ResfriFollowupView, export_progress);
  gtk_widget_class_bind_template_child (widget_class, ResfriFollowupView, unit_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ResfriFollowupView, spinner);
  gtk_widget_class_bind_template_child (widget_class, ResfriFollowupView, stack);
  gtk_widget_class_bind_template_child (widget_class, ResfriFollowupView, error_page);
  gtk_widget_class_bind_template_child (widget_class, ResfriFollowupView, title_label);
  gtk_widget_class_bind_template_child (widget_class, ResfriFollowupView, summary);
  gtk_widget_class_bind_template_child (widget_class, ResfriFollowupView, month_chart);
  gtk_widget_class_bind_template_child (widget_class, ResfriFollowupView, legend_label);
  gtk_widget_class_bind_template_child (widget_class, ResfriFollowupView, month_table);
  gtk_widget_class_bind_template_child (widget_class, ResfriFollowupView, reason_table);
  gtk_widget_class_bind_template_child (widget_class, ResfriFollowupView, reason_chart);
  gtk_widget_class_bind_template_child (widget_class, ResfriFollowupView, unit_view);
  gtk_widget_class_bind_template_child (widget_class, ResfriFollowupView, people_view);

  gtk_widget_class_install_action (widget_class, "followup.export-pdf", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "followup.export-xlsx", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "followup.print", NULL, print_action);
}

static void
resfri_followup_view_init (ResfriFollowupView *self)
{
  GtkNoSelection *selection;

  gtk_widget_init_template (GTK_WIDGET (self));

  resfri_period_picker_setup (&self->period);
  resfri_settings_bind (self->period.kind, "selected", "followup-period");

  self->unit_paths = g_ptr_array_new_with_free_func (g_free);
  self->retired = g_ptr_array_new_with_free_func ((GDestroyNotify) resfri_followup_free);
  g_ptr_array_add (self->unit_paths, NULL);
  self->unit_names = gtk_string_list_new (NULL);
  gtk_string_list_append (self->unit_names, _("The whole organisation"));
  gtk_drop_down_set_model (self->unit_dropdown, G_LIST_MODEL (self->unit_names));
  {
    g_autoptr(GtkExpression) expression =
      gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");

    gtk_drop_down_set_expression (self->unit_dropdown, expression);
  }

  self->rows = gtk_string_list_new (NULL);
  selection = gtk_no_selection_new (G_LIST_MODEL (g_object_ref (self->rows)));
  gtk_column_view_set_model (self->unit_view, GTK_SELECTION_MODEL (selection));
  /* The second table shows the same rows. */
  gtk_column_view_set_model (self->people_view, GTK_SELECTION_MODEL (selection));
  g_object_unref (selection);
  add_columns (self, self->unit_view, COLUMN_OCCURRENCES, N_UNIT_COLUMNS);
  add_columns (self, self->people_view, COLUMN_EMPLOYEES, N_TABLE_COLUMNS);

  resfri_followup_chart_set_kind (self->month_chart, RESFRI_FOLLOWUP_CHART_SHARE);
  resfri_followup_chart_set_kind (self->reason_chart, RESFRI_FOLLOWUP_CHART_REASONS);

  resfri_period_picker_update (&self->period);
  update_actions (self);
  resfri_stack_show_page (self->stack, "loading");

  resfri_period_picker_connect (&self->period, G_CALLBACK (input_changed_cb), self);
  g_signal_connect_swapped (self->unit_dropdown, "notify::selected",
                            G_CALLBACK (input_changed_cb), self);
  g_signal_connect_swapped (self, "map", G_CALLBACK (map_cb), self);
}

static void
resfri_followup_view_set_store (ResfriView  *view,
                                ResfriStore *store)
{
  ResfriFollowupView *self = RESFRI_FOLLOWUP_VIEW (view);

  if (!g_set_object (&self->store, store))
    return;

  self->filling_units = TRUE;
  resfri_period_picker_set_store_year (&self->period, store);
  self->filling_units = FALSE;

  resfri_followup_view_reload (view);
}

static void
resfri_followup_view_reload (ResfriView *view)
{
  ResfriFollowupView *self = RESFRI_FOLLOWUP_VIEW (view);

  /* The unit tree may have changed: read it again with the next result. */
  self->filling_units = TRUE;
  g_ptr_array_set_size (self->unit_paths, 1);
  gtk_string_list_splice (self->unit_names, 1,
                          g_list_model_get_n_items (G_LIST_MODEL (self->unit_names)) - 1, NULL);
  gtk_drop_down_set_selected (self->unit_dropdown, 0);
  self->filling_units = FALSE;

  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    compute (self);
  else
    self->dirty = TRUE;
}

static void
resfri_followup_view_view_iface_init (ResfriViewInterface *iface)
{
  iface->set_store = resfri_followup_view_set_store;
  iface->reload = resfri_followup_view_reload;
}

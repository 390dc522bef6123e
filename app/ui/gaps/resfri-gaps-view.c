/* resfri-gaps-view.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Gaps & orders: the order list of both scenarios (spec/allocation.md),
 * the transfers proposed before purchases and who pays per unit
 * (spec/planning.md), the idle loan items, equipping everyone per unit,
 * the payback of the policy scenario's order and, per unit, how many
 * people lack a headset or camera, drilling down to them (for IT,
 * resfri-gaps-people-dialog.c). The gaps are computed by
 * resfri_gaps_compute_async() (a worker thread with its own store
 * connection); a new horizon or a reload cancels the one under way.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "resfri-allocation.h"
#include "resfri-gaps-people-dialog.h"
#include "resfri-gaps-view.h"
#include "resfri-list-row.h"
#include "resfri-report-gaps.h"
#include "resfri-view.h"
#include "resfri-widget-util.h"

typedef enum
{
  HORIZON_REST_OF_YEAR,
  HORIZON_MONTH,
  HORIZON_TERTIAL,
  HORIZON_YEAR,
} Horizon;

struct _ResfriGapsView
{
  AdwBin          parent_instance;

  GtkDropDown    *horizon_dropdown;
  GtkLabel       *horizon_label;
  GtkToggleButton *planned_button;
  GtkToggleButton *policy_button;
  GtkSpinner     *spinner;
  GtkButton      *cancel_button;
  GtkButton      *people_button;
  GtkButton      *csv_button;
  GtkButton      *xlsx_button;
  GtkStack       *stack;
  AdwStatusPage  *error_page;
  GtkListView    *content_list;
  GListStore     *rows;          /* (element-type ResfriListRow) */
  GPtrArray      *building;      /* the rows show_gaps() is making */

  ResfriStore    *store;
  GCancellable   *cancellable;
  ResfriGaps     *gaps;
  GtkWidget      *people_dialog;  /* (weak) (nullable) */
  int             demo_year;     /* 0 when not a demo */
  gint64          from;
  gint64          to;
  guint           shown_once : 1;
};

static void resfri_gaps_view_view_iface_init (ResfriViewInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (ResfriGapsView, resfri_gaps_view, ADW_TYPE_BIN,
                               G_IMPLEMENT_INTERFACE (RESFRI_TYPE_VIEW, resfri_gaps_view_view_iface_init))

/* Helpers */

/* Whole kronor with the locale's grouping: "SEK 1,234", "1 234 kr". */
static char *
format_sek (double value)
{
  /* Translators: an amount in whole Swedish kronor; Swedish: "%'.0f kr" */
  return g_strdup_printf (_("SEK %'.0f"), value);
}

static char *
format_number (double value)
{
  return g_strdup_printf ("%'.0f", value);
}

static const char *
get_type_label (const char *type)
{
  if (g_strcmp0 (type, "headset") == 0)
    return _("Headset");
  if (g_strcmp0 (type, "camera") == 0)
    return _("Camera");
  if (g_strcmp0 (type, "vc-kit") == 0)
    return _("Video-conference kit");
  return type;
}

static char *
format_date (gint64 instant)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_local (instant);

  return g_date_time_format (time, "%Y-%m-%d");
}

static gint64
local_midnight (int year,
                int month,
                int day)
{
  g_autoptr(GDateTime) time = NULL;

  /* Months past December roll over to the next year. */
  while (month > 12)
    {
      month -= 12;
      year++;
    }
  time = g_date_time_new_local (year, month, day, 0, 0, 0);
  return g_date_time_to_unix (time);
}

static void
compute_horizon (ResfriGapsView *self,
                 Horizon         horizon)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  int year = g_date_time_get_year (now);
  int month = g_date_time_get_month (now);
  int day = g_date_time_get_day_of_month (now);
  int first;

  /* In a demo, the horizons fall in the demo's year: today's date when
   * that is in it, its first day otherwise. */
  if (self->demo_year != 0 && self->demo_year != year)
    {
      year = self->demo_year;
      month = 1;
      day = 1;
    }

  switch (horizon)
    {
    case HORIZON_MONTH:
      self->from = local_midnight (year, month, 1);
      self->to = local_midnight (year, month + 1, 1);
      break;

    case HORIZON_TERTIAL:
      first = (month - 1) / 4 * 4 + 1;
      self->from = local_midnight (year, first, 1);
      self->to = local_midnight (year, first + 4, 1);
      break;

    case HORIZON_YEAR:
      self->from = local_midnight (year, 1, 1);
      self->to = local_midnight (year + 1, 1, 1);
      break;

    case HORIZON_REST_OF_YEAR:
    default:
      /* The demo's year is all ahead of its planners. */
      if (self->demo_year != 0)
        self->from = local_midnight (self->demo_year, 1, 1);
      else
        self->from = local_midnight (year, month, day);
      self->to = local_midnight (year + 1, 1, 1);
      break;
    }
}

static void
update_horizon_label (ResfriGapsView *self)
{
  g_autofree char *from = format_date (self->from);
  g_autofree char *last = format_date (self->to - 12 * 3600);
  g_autofree char *text = NULL;

  /* Translators: the horizon's first and last day */
  text = g_strdup_printf (_("%s – %s"), from, last);
  gtk_label_set_text (self->horizon_label, text);
  /* A narrow window hides the label: the days stay in the drop-down's
   * tooltip. */
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->horizon_label), text);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->horizon_dropdown), text);
}

/* Building the content */

/* The content is one list of rows, headings and paragraphs: the people
 * without equipment are thousands in a large municipality. */
static void
add_group (ResfriGapsView *self,
           const char     *title,
           const char     *description)
{
  g_ptr_array_add (self->building,
                   resfri_list_row_new (RESFRI_LIST_ROW_HEADING, title, description, NULL));
}

/* The row's name is its title; its value is its description. */
static ResfriListRow *
add_row (ResfriGapsView *self,
         const char     *title,
         const char     *subtitle,
         const char     *value)
{
  ResfriListRow *row = resfri_list_row_new (RESFRI_LIST_ROW_ITEM, title, subtitle, value);

  g_ptr_array_add (self->building, row);

  return row;
}

static void
add_paragraph (ResfriGapsView *self,
               const char     *text)
{
  g_ptr_array_add (self->building,
                   resfri_list_row_new (RESFRI_LIST_ROW_PARAGRAPH, text, NULL, NULL));
}

static void
add_payback (ResfriGapsView *self,
             double          purchase)
{
  double years = (self->to - self->from) / (365.25 * 86400.0);
  double sek_per_year = years > 0 ? self->gaps->payback_cost_sek / years : 0;
  double co2_per_year = years > 0 ? self->gaps->payback_co2_kg / years : 0;
  g_autofree char *km = format_number (self->gaps->payback_km);
  g_autofree char *sek = format_sek (self->gaps->payback_cost_sek);
  g_autofree char *co2 = format_number (self->gaps->payback_co2_kg);
  g_autofree char *co2_year = format_number (co2_per_year);
  g_autofree char *avoided = NULL;
  g_autofree char *pays = NULL;
  g_autofree char *text = NULL;


  avoided = g_strdup_printf (_("Holding the non-compliant meetings of the horizon online "
                               "would avoid %s km of travel, %s and %s kg CO2."),
                             km, sek, co2);

  if (purchase <= 0)
    {
      pays = g_strdup (_("Nothing needs to be bought: the pools already cover the policy."));
    }
  else if (sek_per_year <= 0)
    {
      pays = g_strdup (_("The order avoids no travel cost, so it does not pay for itself."));
    }
  else
    {
      double months = purchase / sek_per_year * 12;

      if (months < 1)
        pays = g_strdup_printf (_("The order pays for itself in less than a month and "
                                  "avoids %s kg CO2 a year."), co2_year);
      else
        pays = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "The order pays for itself in %d month and "
                                             "avoids %s kg CO2 a year.",
                                             "The order pays for itself in %d months and "
                                             "avoids %s kg CO2 a year.",
                                             (gulong) ceil (months)),
                                (int) ceil (months), co2_year);
    }

  text = g_strdup_printf ("%s %s", avoided, pays);
  add_paragraph (self, text);
}

/* A row named after a unit: its name, its path in the subtitle when the
 * name is not all of it. */
static ResfriListRow *
add_unit_row (ResfriGapsView *self,
              const char     *unit,
              const char     *subtitle,
              const char     *value)
{
  const char *name = resfri_gaps_unit_name (NULL, unit);
  g_autofree char *full = NULL;

  if (*unit == '\0')
    name = _("No unit");
  else if (strcmp (name, unit) != 0)
    /* Translators: a unit's full path, then what is said of it */
    full = g_strdup_printf (_("%s · %s"), unit, subtitle);

  return add_row (self, name, full != NULL ? full : subtitle, value);
}

static void
add_transfers (ResfriGapsView           *self,
               const ResfriGapsScenario *s)
{
  g_autofree char *after = NULL;

  if (s->transfers->len == 0)
    return;
  add_group (self, _("Move Before You Buy"),
             _("Loan items that no demand of the horizon needs where they are, moved to "
               "where they are missing, before anything is bought"));
  for (guint i = 0; i < s->transfers->len; i++)
    {
      const ResfriTransfer *t = g_ptr_array_index (s->transfers, i);
      g_autofree char *title = NULL;
      g_autofree char *saves = format_sek (t->saves_sek);
      g_autofree char *value = NULL;

      /* Translators: "Move 3 × Headset from VBG to VAR" */
      title = g_strdup_printf (_("Move %u × %s from %s to %s"), t->count, get_type_label (t->type),
                               t->from_site, t->to_site);
      /* Translators: what a transfer saves, "saves SEK 2,700" */
      value = g_strdup_printf (_("saves %s"), saves);
      add_row (self, title, NULL, value);
    }
  after = format_sek (s->total_cost_after_transfers);
  resfri_list_row_set_strong (add_row (self, _("To Buy After the Transfers"), NULL, after), TRUE);
}

static void
add_who_pays (ResfriGapsView           *self,
              const ResfriGapsScenario *s)
{
  if (s->by_unit->len == 0)
    return;
  add_group (self, _("Who Pays, per Unit"),
             _("Each pool's purchase shared by the units whose people make up its peak, "
               "in proportion to their demands at that time"));
  for (guint i = 0, end; i < s->by_unit->len; i = end)
    {
      const ResfriUnitShare *u = g_ptr_array_index (s->by_unit, i);
      g_autoptr(GString) pools = g_string_new (NULL);
      g_autofree char *cost = NULL;
      gint64 total = 0;

      for (end = i; end < s->by_unit->len; end++)
        {
          const ResfriUnitShare *v = g_ptr_array_index (s->by_unit, end);

          if (strcmp (v->unit, u->unit) != 0)
            break;
          total += v->cost_ore;
          if (pools->len > 0)
            g_string_append (pools, ", ");
          /* Translators: a unit's part of a pool's peak: "VBG · Headset 3 of 12" */
          g_string_append_printf (pools, _("%s · %s %u of %u"), v->site, get_type_label (v->type),
                                  v->demands, v->peak_demand);
        }
      /* Translators: an amount in kronor and öre; Swedish: "%'.2f kr" */
      cost = g_strdup_printf (_("SEK %'.2f"), total / 100.0);
      add_unit_row (self, u->unit, pools->str, cost);
    }
}

static void
add_idle (ResfriGapsView *self)
{
  const GPtrArray *idle = self->gaps->idle;

  add_group (self, _("Idle Loan Items"),
             _("No booking or reservation in the horizon: candidates to move or retire"));
  for (guint i = 0, end; i < idle->len; i = end)
    {
      const ResfriIdleItem *item = g_ptr_array_index (idle, i);
      g_autoptr(GString) tags = g_string_new (NULL);
      g_autofree char *title = NULL;
      g_autofree char *count = NULL;

      for (end = i; end < idle->len; end++)
        {
          const ResfriIdleItem *next = g_ptr_array_index (idle, end);

          if (strcmp (next->site, item->site) != 0 || strcmp (next->type, item->type) != 0)
            break;
          if (end - i < 6)
            g_string_append_printf (tags, "%s%s", end > i ? ", " : "", next->tag);
          else if (end - i == 6)
            g_string_append (tags, ", …");
        }
      title = g_strdup_printf (_("%s · %s"), item->site, get_type_label (item->type));
      count = g_strdup_printf ("%u", end - i);
      add_row (self, title, tags->str, count);
    }
  if (idle->len == 0)
    add_row (self, _("Every loan item is used in this horizon"), NULL, NULL);
}

static int
compare_strings (const void *a,
                 const void *b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

typedef struct
{
  guint people;
  guint headsets;
  guint cameras;
} WithoutCount;

/* Per unit, how many people lack what; each row opens the people. */
static void
add_without (ResfriGapsView *self)
{
  const GPtrArray *people = self->gaps->people_without;
  g_autoptr(GHashTable) counts = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  g_autofree gpointer *units = NULL;
  guint n_units;
  const char *last = NULL;

  add_group (self, _("Without Headset or Camera"),
             _("Per unit, the people without a working headset or camera of their own; "
               "activate a unit to see them and assign loan items"));
  for (guint i = 0; i < people->len; i++)
    {
      const ResfriPersonWithout *p = g_ptr_array_index (people, i);
      WithoutCount *count = g_hash_table_lookup (counts, p->unit);

      if (count == NULL)
        g_hash_table_insert (counts, p->unit, (count = g_new0 (WithoutCount, 1)));
      if (last == NULL || strcmp (last, p->person) != 0)
        count->people++;
      last = p->person;
      if (strcmp (p->type, "headset") == 0)
        count->headsets++;
      else
        count->cameras++;
    }

  units = g_hash_table_get_keys_as_array (counts, &n_units);
  qsort (units, n_units, sizeof (gpointer), compare_strings);
  for (guint i = 0; i < n_units; i++)
    {
      const WithoutCount *count = g_hash_table_lookup (counts, units[i]);
      g_autofree char *subtitle = NULL;
      g_autofree char *value = NULL;
      ResfriListRow *row;

      subtitle = g_strdup_printf (_("%u without a headset, %u without a camera"),
                                  count->headsets, count->cameras);
      value = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u person", "%u people", count->people),
                               count->people);
      row = add_unit_row (self, units[i], subtitle, value);
      g_object_set_data_full (G_OBJECT (row), "unit", g_strdup (units[i]), g_free);
    }
  if (n_units == 0)
    add_row (self, _("Everyone has a headset and a camera"), NULL, NULL);
}

static void
show_gaps (ResfriGapsView *self)
{
  ResfriScenario scenario = gtk_toggle_button_get_active (self->policy_button)
                            ? RESFRI_SCENARIO_POLICY : RESFRI_SCENARIO_PLANNED;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  const ResfriGapsScenario *s;
  g_autofree char *total = NULL;
  guint n_ordered = 0;

  if (self->gaps == NULL)
    {
      g_list_store_remove_all (self->rows);
      return;
    }

  self->building = rows;
  s = &self->gaps->scenarios[scenario];
  for (guint i = 0; i < s->shortfall->len; i++)
    n_ordered += ((const ResfriShortfall *) g_ptr_array_index (s->shortfall, i))->to_order;

  /* What to buy, and for the policy what it brings, above the details. */
  add_group (self,
             scenario == RESFRI_SCENARIO_POLICY
             ? _("To Order, Policy Followed") : _("To Order, Planned"),
             scenario == RESFRI_SCENARIO_POLICY
             ? _("Loan items to buy so that every meeting the policy would hold online "
                 "has the equipment it needs")
             : _("Loan items to buy so that every online and hybrid meeting as planned "
                 "has the equipment it needs"));
  {
    g_autofree char *count = g_strdup_printf ("%u", n_ordered);

    add_row (self, _("Loan items"), NULL, count);
  }
  total = format_sek (s->total_cost);
  resfri_list_row_set_strong (add_row (self, _("Total"), NULL, total), TRUE);

  if (scenario == RESFRI_SCENARIO_POLICY)
    add_payback (self, s->total_cost);

  add_group (self,
             scenario == RESFRI_SCENARIO_POLICY
             ? _("Order List, Policy Followed") : _("Order List, Planned"),
             _("Per site and type: the pool of loan items, the most demands at one "
               "time, and what is missing"));

  for (guint i = 0; i < s->shortfall->len; i++)
    {
      const ResfriShortfall *r = g_ptr_array_index (s->shortfall, i);
      g_autofree char *title = NULL;
      g_autofree char *subtitle = NULL;
      g_autofree char *unit_cost = format_sek (r->unit_cost);
      g_autofree char *cost = format_sek (r->cost);

      /* Translators: a loan pool: site code · equipment type */
      title = g_strdup_printf (_("%s · %s"), r->site, get_type_label (r->type));
      if (r->to_buy < r->to_order)
        subtitle = g_strdup_printf (_("Pool %u, peak demand %u, to order %u at %s each, "
                                      "%u of them moved from other sites"),
                                    r->pool, r->peak_demand, r->to_order, unit_cost,
                                    r->to_order - r->to_buy);
      else
        subtitle = g_strdup_printf (_("Pool %u, peak demand %u, to order %u at %s each"),
                                    r->pool, r->peak_demand, r->to_order, unit_cost);
      resfri_list_row_set_dim (add_row (self, title, subtitle, cost), r->to_order == 0);
    }
  if (s->shortfall->len == 0)
    add_row (self, _("No meetings need loan items in this horizon"), NULL, NULL);

  add_transfers (self, s);
  add_who_pays (self, s);
  add_idle (self);

  add_group (self, _("Equip Everyone, per Unit"),
             _("A headset and a camera of their own for every person who lacks one"));
  for (guint i = 0; i < self->gaps->equip_everyone->len; i++)
    {
      const ResfriEquipUnit *u = g_ptr_array_index (self->gaps->equip_everyone, i);
      g_autofree char *subtitle = NULL;
      g_autofree char *cost = format_sek (u->cost);

      subtitle = g_strdup_printf (_("%u people: %u headsets, %u cameras"),
                                  u->people, u->headsets, u->cameras);
      add_unit_row (self, u->unit, subtitle, cost);
    }
  if (self->gaps->equip_everyone->len == 0)
    add_row (self, _("Everyone has a headset and a camera"), NULL, NULL);

  add_without (self);

  self->building = NULL;
  /* One change for the whole list. */
  g_list_store_splice (self->rows, 0, g_list_model_get_n_items (G_LIST_MODEL (self->rows)),
                       rows->pdata, rows->len);
}

/* Computing */

static void
set_busy (ResfriGapsView *self,
          gboolean        busy)
{
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_widget_set_visible (GTK_WIDGET (self->cancel_button), busy);
  /* The spinner and Cancel take the place of the buttons that cannot be
   * used meanwhile: the toolbar, and so the window, does not grow (past
   * the screen of a small laptop, in Swedish) while the gaps are computed. */
  gtk_widget_set_visible (GTK_WIDGET (self->people_button), !busy);
  gtk_widget_set_visible (GTK_WIDGET (self->csv_button), !busy);
  gtk_widget_set_visible (GTK_WIDGET (self->xlsx_button), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->csv_button), !busy && self->gaps != NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->people_button), !busy && self->gaps != NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->xlsx_button), !busy && self->gaps != NULL);
}

static void
compute_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(ResfriGapsView) self = user_data;
  g_autoptr(GError) error = NULL;
  ResfriGaps *gaps;

  gaps = resfri_gaps_compute_finish (RESFRI_STORE (object), result, &error);
  if (gaps == NULL)
    {
      /* A newer computation replaced this one, or the view is gone. */
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          if (g_task_get_cancellable (G_TASK (result)) == self->cancellable)
            {
              set_busy (self, FALSE);
              gtk_stack_set_visible_child_name (self->stack, self->gaps != NULL ? "content" : "error");
              if (self->gaps == NULL)
                adw_status_page_set_description (self->error_page,
                                                 _("Cancelled. Choose a horizon to compute again."));
            }
          return;
        }

      {
        g_autofree char *markup = g_markup_escape_text (error->message, -1);

        g_clear_pointer (&self->gaps, resfri_gaps_free);
        set_busy (self, FALSE);
        adw_status_page_set_description (self->error_page, markup);
        gtk_stack_set_visible_child_name (self->stack, "error");
      }
      return;
    }

  g_clear_pointer (&self->gaps, resfri_gaps_free);
  self->gaps = gaps;
  set_busy (self, FALSE);
  show_gaps (self);
  if (self->people_dialog != NULL)
    resfri_gaps_people_dialog_set_gaps (RESFRI_GAPS_PEOPLE_DIALOG (self->people_dialog), gaps);
  gtk_stack_set_visible_child_name (self->stack, "content");
}

static void
compute (ResfriGapsView *self)
{
  if (self->store == NULL)
    return;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  compute_horizon (self, gtk_drop_down_get_selected (self->horizon_dropdown));
  update_horizon_label (self);

  set_busy (self, TRUE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->csv_button), FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->xlsx_button), FALSE);
  if (self->gaps == NULL)
    gtk_stack_set_visible_child_name (self->stack, "loading");

  resfri_gaps_compute_async (self->store, NULL, self->from, self->to, self->cancellable,
                             compute_cb, g_object_ref (self));
}

/* Export */

static void
on_export_response_cb (GtkNativeDialog *dialog,
                       int              response,
                       ResfriGapsView  *self)
{
  gboolean xlsx = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "xlsx"));

  if (response == GTK_RESPONSE_ACCEPT && self->gaps != NULL)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = g_file_get_path (file);
      g_autofree char *name = g_file_get_basename (file);
      g_autoptr(GError) error = NULL;
      g_autofree char *markup = NULL;
      gboolean ok;

      if (path == NULL)
        {
          ok = FALSE;
          g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                               _("choose a local file"));
        }
      else if (xlsx)
        {
          ok = resfri_report_gaps_write_xlsx (self->gaps, path, &error);
        }
      else
        {
          g_autofree char *csv = resfri_report_gaps_to_csv (self->gaps);

          ok = g_file_set_contents (path, csv, -1, &error);
        }

      if (ok)
        markup = g_markup_printf_escaped (_("Saved “%s”"), name);
      else
        markup = g_markup_printf_escaped (_("Nothing was saved: %s"), error->message);
      resfri_widget_add_toast (GTK_WIDGET (self), markup);
    }

  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

static void
export (ResfriGapsView *self,
        gboolean        xlsx)
{
  GtkFileChooserNative *dialog;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *from = format_date (self->from);
  g_autofree char *name = NULL;

  dialog = gtk_file_chooser_native_new (xlsx ? _("Export the Gaps as XLSX")
                                             : _("Export the Order Lists as CSV"),
                                        GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                        GTK_FILE_CHOOSER_ACTION_SAVE,
                                        _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);

  if (xlsx)
    {
      gtk_file_filter_set_name (filter, _("Excel workbooks (.xlsx)"));
      gtk_file_filter_add_suffix (filter, "xlsx");
    }
  else
    {
      gtk_file_filter_set_name (filter, _("CSV files (.csv)"));
      gtk_file_filter_add_mime_type (filter, "text/csv");
      gtk_file_filter_add_suffix (filter, "csv");
    }
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);

  /* Translators: a file name; %s is the horizon's first day */
  name = g_strdup_printf (_("gaps-%s.%s"), from, xlsx ? "xlsx" : "csv");
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);

  g_object_set_data (G_OBJECT (dialog), "xlsx", GINT_TO_POINTER (xlsx));
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_export_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

/* The people without a headset or camera */

static void
on_people_assigned_cb (ResfriGapsView *self)
{
  compute (self);
}

static void
show_people (ResfriGapsView *self,
             const char     *unit)
{
  if (self->gaps == NULL || self->store == NULL)
    return;

  if (self->people_dialog == NULL)
    {
      self->people_dialog = resfri_gaps_people_dialog_new (resfri_widget_get_window (GTK_WIDGET (self)),
                                                           self->store, self->gaps, unit);
      g_object_add_weak_pointer (G_OBJECT (self->people_dialog), (gpointer *) &self->people_dialog);
      g_signal_connect_object (self->people_dialog, "assigned",
                               G_CALLBACK (on_people_assigned_cb), self, G_CONNECT_SWAPPED);
    }
  else
    resfri_gaps_people_dialog_set_unit (RESFRI_GAPS_PEOPLE_DIALOG (self->people_dialog), unit);
  gtk_window_present (GTK_WINDOW (self->people_dialog));
}

static void
on_people_clicked_cb (ResfriGapsView *self)
{
  show_people (self, NULL);
}

/* A unit's row of "Without Headset or Camera" opens its people. */
static void
on_content_activate_cb (ResfriGapsView *self,
                        guint           position)
{
  g_autoptr(GObject) row = g_list_model_get_item (G_LIST_MODEL (self->rows), position);
  const char *unit = row != NULL ? g_object_get_data (row, "unit") : NULL;

  if (unit != NULL)
    show_people (self, unit);
}

static void
on_csv_clicked_cb (ResfriGapsView *self)
{
  export (self, FALSE);
}

static void
on_xlsx_clicked_cb (ResfriGapsView *self)
{
  export (self, TRUE);
}

static void
on_cancel_clicked_cb (ResfriGapsView *self)
{
  g_cancellable_cancel (self->cancellable);
}

static void
on_scenario_toggled_cb (ResfriGapsView *self)
{
  show_gaps (self);
}

static void
on_horizon_changed_cb (ResfriGapsView *self)
{
  if (self->shown_once)
    compute (self);
}

/* The allocation is computed when the view is first shown, not at startup. */
static void
resfri_gaps_view_map (GtkWidget *widget)
{
  ResfriGapsView *self = RESFRI_GAPS_VIEW (widget);

  GTK_WIDGET_CLASS (resfri_gaps_view_parent_class)->map (widget);

  if (!self->shown_once && self->store != NULL)
    {
      self->shown_once = TRUE;
      compute (self);
    }
}

/**
 * resfri_gaps_view_set_store:
 *
 * Sets the store the view reads; the demo's year, when the store holds a
 * demo, sets the default horizon.
 */
static void
resfri_gaps_view_set_store (ResfriView  *view,
                            ResfriStore *store)
{
  ResfriGapsView *self = RESFRI_GAPS_VIEW (view);
  g_autofree char *year = NULL;

  if (!g_set_object (&self->store, store))
    return;

  year = store != NULL ? resfri_store_dup_meta (store, "demo-year") : NULL;
  self->demo_year = year != NULL ? atoi (year) : 0;
  if (self->demo_year < 1970 || self->demo_year > 2199)
    self->demo_year = 0;

  if (self->demo_year != 0)
    {
      GtkStringList *list = GTK_STRING_LIST (gtk_drop_down_get_model (self->horizon_dropdown));
      g_autofree char *title = NULL;
      const char *items[2] = { NULL, NULL };

      /* Translators: %d is the demo database's year */
      title = g_strdup_printf (_("Demo Year %d"), self->demo_year);
      items[0] = title;
      gtk_string_list_splice (list, 0, 1, items);
      gtk_drop_down_set_selected (self->horizon_dropdown, HORIZON_REST_OF_YEAR);
    }

  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->shown_once = TRUE;
      compute (self);
    }
}

/**
 * resfri_gaps_view_reload:
 *
 * Computes the gaps again (the bookings or the inventory changed).
 */
static void
resfri_gaps_view_reload (ResfriView *view)
{
  ResfriGapsView *self = RESFRI_GAPS_VIEW (view);

  if (self->shown_once)
    compute (self);
}

static void
resfri_gaps_view_view_iface_init (ResfriViewInterface *iface)
{
  iface->set_store = resfri_gaps_view_set_store;
  iface->reload = resfri_gaps_view_reload;
}

static void
resfri_gaps_view_dispose (GObject *object)
{
  ResfriGapsView *self = (ResfriGapsView *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->people_dialog != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (self->people_dialog), (gpointer *) &self->people_dialog);
      gtk_window_destroy (GTK_WINDOW (g_steal_pointer (&self->people_dialog)));
    }
  gtk_widget_dispose_template (GTK_WIDGET (self), RESFRI_TYPE_GAPS_VIEW);

  G_OBJECT_CLASS (resfri_gaps_view_parent_class)->dispose (object);
}

static void
resfri_gaps_view_finalize (GObject *object)
{
  ResfriGapsView *self = (ResfriGapsView *)object;

  g_clear_pointer (&self->gaps, resfri_gaps_free);
  g_clear_object (&self->rows);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (resfri_gaps_view_parent_class)->finalize (object);
}

static void
resfri_gaps_view_class_init (ResfriGapsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = resfri_gaps_view_dispose;
  object_class->finalize = resfri_gaps_view_finalize;
  widget_class->map = resfri_gaps_view_map;

  gtk_widget_class_set_template_from_resource (widget_class, "/se/resfri/Resfri/ui/resfri-gaps-view.ui");
  gtk_widget_class_bind_template_child (widget_class, ResfriGapsView, horizon_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ResfriGapsView, horizon_label);
  gtk_widget_class_bind_template_child (widget_class, ResfriGapsView, planned_button);
  gtk_widget_class_bind_template_child (widget_class, ResfriGapsView, policy_button);
  gtk_widget_class_bind_template_child (widget_class, ResfriGapsView, spinner);
  gtk_widget_class_bind_template_child (widget_class, ResfriGapsView, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, ResfriGapsView, people_button);
  gtk_widget_class_bind_template_child (widget_class, ResfriGapsView, csv_button);
  gtk_widget_class_bind_template_child (widget_class, ResfriGapsView, xlsx_button);
  gtk_widget_class_bind_template_child (widget_class, ResfriGapsView, stack);
  gtk_widget_class_bind_template_child (widget_class, ResfriGapsView, error_page);
  gtk_widget_class_bind_template_child (widget_class, ResfriGapsView, content_list);
}

static void
resfri_gaps_view_init (ResfriGapsView *self)
{
  g_autoptr(GtkListItemFactory) factory = resfri_list_row_factory_new ();
  g_autoptr(GtkNoSelection) selection = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->rows = g_list_store_new (RESFRI_TYPE_LIST_ROW);
  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->rows)));
  gtk_list_view_set_model (self->content_list, GTK_SELECTION_MODEL (selection));
  gtk_list_view_set_factory (self->content_list, factory);

  g_signal_connect_object (self->horizon_dropdown, "notify::selected",
                           G_CALLBACK (on_horizon_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->policy_button, "toggled",
                           G_CALLBACK (on_scenario_toggled_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->people_button, "clicked",
                           G_CALLBACK (on_people_clicked_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->content_list, "activate",
                           G_CALLBACK (on_content_activate_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->csv_button, "clicked",
                           G_CALLBACK (on_csv_clicked_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->xlsx_button, "clicked",
                           G_CALLBACK (on_xlsx_clicked_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->cancel_button, "clicked",
                           G_CALLBACK (on_cancel_clicked_cb), self, G_CONNECT_SWAPPED);
}

/* resfri-meetings-view.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The Meetings view: the occurrences of one ISO week with a search and
 * the policy filters, the week's policy check on a worker thread, and the
 * detail pane (resfri-meeting-detail.c) of the selected occurrence. The
 * list's columns are in resfri-meetings-view-columns.c. */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "resfri-meeting-detail.h"
#include "resfri-meetings-utils.h"
#include "resfri-meetings-view-private.h"
#include "resfri-names.h"
#include "resfri-occurrence-list.h"
#include "resfri-policy-check.h"
#include "resfri-policy-verdicts.h"
#include "resfri-view.h"
#include "resfri-verdict-style.h"
#include "resfri-widget-util.h"

/* The order of the verdict and mode filters' entries (after "All"). */
static const ResfriVerdict verdict_order[] = {
  RESFRI_VERDICT_TRAVEL_FREE,
  RESFRI_VERDICT_LOCAL,
  RESFRI_VERDICT_EXEMPT,
  RESFRI_VERDICT_NON_COMPLIANT,
  RESFRI_VERDICT_UNKNOWN,
};

static const ResfriMode mode_order[] = {
  RESFRI_MODE_ONLINE,
  RESFRI_MODE_HYBRID,
  RESFRI_MODE_IN_PERSON,
  RESFRI_MODE_UNKNOWN,
};

static void resfri_meetings_view_view_iface_init (ResfriViewInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (ResfriMeetingsView, resfri_meetings_view, ADW_TYPE_BIN,
                               G_IMPLEMENT_INTERFACE (RESFRI_TYPE_VIEW, resfri_meetings_view_view_iface_init))

/* ResfriView */

static void
view_set_store (ResfriView  *view,
                ResfriStore *store)
{
  resfri_meetings_view_set_store (RESFRI_MEETINGS_VIEW (view), store);
}

static void
view_reload (ResfriView *view)
{
  resfri_meetings_view_reload (RESFRI_MEETINGS_VIEW (view));
}

static gboolean
view_focus_search (ResfriView *view)
{
  resfri_meetings_view_focus_search (RESFRI_MEETINGS_VIEW (view));
  return TRUE;
}

static void
resfri_meetings_view_view_iface_init (ResfriViewInterface *iface)
{
  iface->set_store = view_set_store;
  iface->reload = view_reload;
  iface->focus_search = view_focus_search;
}

/* Helpers */

GDateTime *
_resfri_meetings_view_local_time (ResfriMeetingsView *self,
                                  gint64              unix_time)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (unix_time);

  return g_date_time_to_timezone (utc, self->tz);
}

/* Monday 00:00 of the ISO week holding the day. */
static GDateTime *
monday_of (ResfriMeetingsView *self,
           int                 year,
           int                 month,
           int                 day)
{
  g_autoptr(GDateTime) date = g_date_time_new (self->tz, year, month, day, 12, 0, 0);
  g_autoptr(GDateTime) monday = NULL;

  monday = g_date_time_add_days (date, 1 - g_date_time_get_day_of_week (date));
  return g_date_time_new (self->tz,
                          g_date_time_get_year (monday),
                          g_date_time_get_month (monday),
                          g_date_time_get_day_of_month (monday),
                          0, 0, 0);
}

static char *
format_week (GDateTime *monday)
{
  g_autoptr(GDateTime) sunday = g_date_time_add_days (monday, 6);
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;
  g_autofree char *range = NULL;

  /* Translators: the last day of a week's range of dates, as in
   * "16–22 March 2026"; a g_date_time_format() string */
  last = g_date_time_format (sunday, _("%-d %B %Y"));

  if (g_date_time_get_month (monday) == g_date_time_get_month (sunday))
    /* Translators: the first day of a week within one month, as in "16" */
    first = g_date_time_format (monday, _("%-d"));
  else if (g_date_time_get_year (monday) == g_date_time_get_year (sunday))
    /* Translators: the first day of a week that ends in another month, as
     * in "30 March" */
    first = g_date_time_format (monday, _("%-d %B"));
  else
    first = g_date_time_format (monday, _("%-d %B %Y"));

  if (g_date_time_get_month (monday) == g_date_time_get_month (sunday))
    range = g_strdup_printf ("%s–%s", first, last);
  else
    range = g_strdup_printf ("%s – %s", first, last);

  /* Translators: %d is the ISO week number, %s the dates, as in
   * "Week 12, 16–22 March 2026" */
  return g_strdup_printf (_("Week %d, %s"), g_date_time_get_week_of_year (monday), range);
}

static void
update_list_page (ResfriMeetingsView *self)
{
  if (!self->loaded)
    return;

  gtk_spinner_stop (self->spinner);

  if (g_list_model_get_n_items (G_LIST_MODEL (self->occurrences)) == 0)
    resfri_stack_show_page (self->list_stack, "empty");
  else if (g_list_model_get_n_items (G_LIST_MODEL (self->filter_model)) == 0 &&
           !gtk_filter_list_model_get_pending (self->filter_model))
    resfri_stack_show_page (self->list_stack, "no-results");
  else
    resfri_stack_show_page (self->list_stack, "list");
}

/* The policy: verdicts of the shown week */

const ResfriResolvedOccurrence *
_resfri_meetings_view_lookup_policy (ResfriMeetingsView *self,
                                     ResfriOccurrence   *occurrence)
{
  return resfri_meetings_lookup_verdict (self->verdicts, occurrence);
}

/* The selected occurrence; NULL when none is, or a day's header. */
static ResfriOccurrence *
get_selected_occurrence (ResfriMeetingsView *self)
{
  gpointer item = gtk_single_selection_get_selected_item (self->selection);

  return RESFRI_IS_OCCURRENCE (item) ? item : NULL;
}

static ResfriNames *
get_names (ResfriMeetingsView *self)
{
  return self->verdicts != NULL ? resfri_policy_verdicts_get_names (self->verdicts) : NULL;
}

static void refilter (ResfriMeetingsView *self);
static void show_occurrence (ResfriMeetingsView *self,
                             ResfriOccurrence   *occurrence);

static gboolean
policy_filter_active (ResfriMeetingsView *self)
{
  return gtk_drop_down_get_selected (self->verdict_dropdown) > 0 ||
         gtk_drop_down_get_selected (self->mode_dropdown) > 0 ||
         self->unit_filter >= 0;
}

static int
compare_unit_paths (gconstpointer a,
                    gconstpointer b,
                    gpointer      user_data)
{
  ResfriNames *names = user_data;
  const char *path_a = resfri_names_get_unit_path (names, *(const gint64 *) a);
  const char *path_b = resfri_names_get_unit_path (names, *(const gint64 *) b);

  return g_utf8_collate (path_a != NULL ? path_a : "", path_b != NULL ? path_b : "");
}

/* The unit filter offers the organisers' units of the shown week; the
 * chosen one stays chosen while it is there. */
static void
update_unit_choices (ResfriMeetingsView *self)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  ResfriNames *names = get_names (self);
  guint selected = 0;
  gboolean external = FALSE;

  for (guint i = 0; i < resfri_policy_verdicts_get_n_occurrences (self->verdicts); i++)
    {
      const ResfriResolvedOccurrence *info =
        resfri_policy_verdicts_get_occurrence (self->verdicts, i);

      if (info->organizer_unit_id == 0)
        external = TRUE;
      else if (!g_hash_table_contains (seen, &info->organizer_unit_id))
        {
          g_hash_table_add (seen, g_memdup2 (&info->organizer_unit_id, sizeof (gint64)));
          g_array_append_val (ids, info->organizer_unit_id);
        }
    }
  g_array_sort_with_data (ids, compare_unit_paths, names);
  if (external)
    {
      gint64 none = 0;

      g_array_append_val (ids, none);
    }

  g_ptr_array_add (labels, (gpointer) _("All units"));
  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);
      const char *path = id != 0 ? resfri_names_get_unit_path (names, id) : NULL;

      g_ptr_array_add (labels, (gpointer) (path != NULL ? path : _("No unit (external organiser)")));
      if (id == self->unit_filter)
        selected = i + 1;
    }
  g_ptr_array_add (labels, NULL);

  self->updating_units = TRUE;
  gtk_string_list_splice (self->unit_strings, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->unit_strings)),
                          (const char * const *) labels->pdata);
  g_array_set_size (self->unit_ids, 0);
  g_array_append_vals (self->unit_ids, ids->data, ids->len);
  gtk_drop_down_set_selected (self->unit_dropdown, selected);
  self->updating_units = FALSE;
  if (selected == 0)
    self->unit_filter = -1;
}

static void
policy_loaded_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(ResfriMeetingsView) self = user_data;
  g_autoptr(GError) error = NULL;
  ResfriPolicyVerdicts *loaded;
  GHashTableIter iter;
  gpointer key;

  if (!(loaded = resfri_policy_verdicts_load_finish (RESFRI_STORE (object), result, &error)))
    {
      g_autofree char *markup = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      markup = g_markup_printf_escaped (_("Cannot check the meetings against the policy: %s"),
                                        error->message);
      resfri_widget_add_toast (GTK_WIDGET (self), markup);
      return;
    }

  g_clear_pointer (&self->verdicts, resfri_policy_verdicts_unref);
  self->verdicts = loaded;
  resfri_meeting_detail_set_verdicts (self->detail, self->verdicts);

  update_unit_choices (self);

  g_hash_table_iter_init (&iter, self->bound_items);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    _resfri_meetings_view_update_policy_cell (self, key);

  if (policy_filter_active (self))
    refilter (self);
  _resfri_meetings_view_policy_sorters_changed (self);

  show_occurrence (self, get_selected_occurrence (self));
}

/* Resolves the shown week again on a worker connection: after the week
 * changed, and after an exemption or a booking. */
static void
load_policy (ResfriMeetingsView *self)
{
  g_autoptr(GDateTime) next = NULL;

  if (self->store == NULL || self->week_start == NULL)
    return;

  g_cancellable_cancel (self->policy_cancellable);
  g_clear_object (&self->policy_cancellable);
  self->policy_cancellable = g_cancellable_new ();

  next = g_date_time_add_weeks (self->week_start, 1);
  resfri_policy_verdicts_load_async (self->store,
                                     g_date_time_to_unix (self->week_start),
                                     g_date_time_to_unix (next),
                                     self->policy_cancellable,
                                     policy_loaded_cb,
                                     g_object_ref (self));
}

static void load_week (ResfriMeetingsView *self);

/* Reads the week again and selects the occurrence @key afterwards. */
static void
reload_and_select (ResfriMeetingsView *self,
                   const char         *key)
{
  g_free (self->reselect_key);
  self->reselect_key = g_strdup (key);
  load_week (self);
}

static void
show_occurrence (ResfriMeetingsView *self,
                 ResfriOccurrence   *occurrence)
{
  resfri_meeting_detail_show_occurrence (self->detail, occurrence);
}

static void
update_week_label (ResfriMeetingsView *self)
{
  g_autofree char *text = format_week (self->week_start);

  gtk_label_set_text (self->week_label, text);

  /* The calendar opens on the shown week. */
  self->updating_calendar = TRUE;
  gtk_calendar_select_day (self->calendar, self->week_start);
  self->updating_calendar = FALSE;

  gtk_accessible_update_property (GTK_ACCESSIBLE (self->week_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, text,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, _("Choose a week"),
                                  -1);
}

/* Selects the occurrence "UID\x1fRECURRENCE-ID" when the list shows it. */
static gboolean
select_key (ResfriMeetingsView *self,
            const char         *key)
{
  GListModel *model = G_LIST_MODEL (self->day_rows);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);
      g_autofree char *item_key = NULL;

      if (!RESFRI_IS_OCCURRENCE (item))
        continue;
      item_key = resfri_meetings_dup_key (resfri_occurrence_get_uid (RESFRI_OCCURRENCE (item)),
                                          resfri_meetings_get_rid (RESFRI_OCCURRENCE (item)));
      if (strcmp (item_key, key) == 0)
        {
          gtk_single_selection_set_selected (self->selection, i);
          return TRUE;
        }
    }

  return FALSE;
}

/* Filters the list again, keeping the selected occurrence selected when it
 * is still shown (the filter is incremental: on_filter_items_changed_cb()
 * selects it once it is back). */
static void
refilter (ResfriMeetingsView *self)
{
  ResfriOccurrence *selected = get_selected_occurrence (self);

  if (selected != NULL && self->pending_key == NULL)
    self->pending_key = resfri_meetings_dup_key (resfri_occurrence_get_uid (selected),
                                                 resfri_meetings_get_rid (selected));
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  if (self->pending_key != NULL && select_key (self, self->pending_key))
    g_clear_pointer (&self->pending_key, g_free);
}

static void
occurrences_loaded_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(ResfriMeetingsView) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!resfri_occurrence_list_load_finish (RESFRI_OCCURRENCE_LIST (object), result, &error))
    {
      g_autofree char *markup = NULL;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      markup = g_markup_printf_escaped (_("Cannot read the meetings: %s"), error->message);
      resfri_widget_add_toast (GTK_WIDGET (self), markup);
    }

  self->loaded = TRUE;
  update_list_page (self);
  if (self->reselect_key != NULL)
    {
      g_free (self->pending_key);
      self->pending_key = g_steal_pointer (&self->reselect_key);
      if (select_key (self, self->pending_key))
        g_clear_pointer (&self->pending_key, g_free);
    }
  load_policy (self);
}

static void
load_week (ResfriMeetingsView *self)
{
  g_autoptr(GDateTime) next = NULL;

  update_week_label (self);

  if (self->store == NULL)
    return;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  /* The week's policy is checked once its occurrences are read, never
   * while they are being read. */
  g_cancellable_cancel (self->policy_cancellable);

  if (!self->loaded)
    {
      gtk_spinner_start (self->spinner);
      resfri_stack_show_page (self->list_stack, "loading");
    }

  next = g_date_time_add_weeks (self->week_start, 1);
  resfri_occurrence_list_load_async (self->occurrences, self->store,
                                     g_date_time_to_unix (self->week_start),
                                     g_date_time_to_unix (next),
                                     self->cancellable,
                                     occurrences_loaded_cb,
                                     g_object_ref (self));
}

static void
set_week (ResfriMeetingsView *self,
          GDateTime          *day)
{
  g_autoptr(GDateTime) monday = NULL;

  monday = monday_of (self,
                      g_date_time_get_year (day),
                      g_date_time_get_month (day),
                      g_date_time_get_day_of_month (day));

  if (self->week_start != NULL && g_date_time_equal (monday, self->week_start) && self->loaded)
    return;

  g_clear_pointer (&self->week_start, g_date_time_unref);
  self->week_start = g_steal_pointer (&monday);
  load_week (self);
}

/* Callbacks */

static void
on_calendar_day_selected_cb (ResfriMeetingsView *self)
{
  g_autoptr(GDateTime) date = NULL;

  if (self->updating_calendar)
    return;

  date = gtk_calendar_get_date (self->calendar);
  gtk_popover_popdown (self->calendar_popover);
  set_week (self, date);
}

static void
on_search_changed_cb (ResfriMeetingsView *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  g_clear_pointer (&self->search_folded, g_free);
  if (text[0] != '\0')
    self->search_folded = g_utf8_casefold (text, -1);

  refilter (self);
}

static void
on_stop_search_cb (ResfriMeetingsView *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
}

/* Never inside the filter's items-changed: the selection and the column
 * view are still handling it. */
static gboolean
reselect_idle_cb (gpointer data)
{
  ResfriMeetingsView *self = data;

  self->reselect_idle = 0;
  if (self->pending_key != NULL &&
      (select_key (self, self->pending_key) ||
       gtk_filter_list_model_get_pending (self->filter_model) == 0))
    g_clear_pointer (&self->pending_key, g_free);

  return G_SOURCE_REMOVE;
}

static void
on_filter_items_changed_cb (ResfriMeetingsView *self)
{
  update_list_page (self);
  if (self->pending_key != NULL && self->reselect_idle == 0)
    self->reselect_idle = g_idle_add (reselect_idle_cb, self);
}

/* A day's header was selected (by the keyboard, or as the first row):
 * the meeting next to it in the direction of travel is. Never inside the
 * model's items-changed. */
static gboolean
step_over_header_cb (gpointer data)
{
  ResfriMeetingsView *self = data;
  guint position = gtk_single_selection_get_selected (self->selection);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->day_rows));
  guint target = position;

  self->header_idle = 0;
  if (position == GTK_INVALID_LIST_POSITION || get_selected_occurrence (self) != NULL)
    return G_SOURCE_REMOVE;

  if (self->last_selected != GTK_INVALID_LIST_POSITION && self->last_selected > position &&
      position > 0)
    target = position - 1;
  else if (position + 1 < n)
    target = position + 1;
  if (target != position)
    {
      gtk_single_selection_set_selected (self->selection, target);
      /* Keep the keyboard focus on the selected row. */
      gtk_widget_activate_action (GTK_WIDGET (self->column_view), "list.scroll-to-item", "u", target);
    }

  return G_SOURCE_REMOVE;
}

static void
on_selected_item_changed_cb (ResfriMeetingsView *self)
{
  ResfriOccurrence *occurrence = get_selected_occurrence (self);

  if (occurrence == NULL && gtk_single_selection_get_selected_item (self->selection) != NULL)
    {
      if (self->header_idle == 0)
        self->header_idle = g_idle_add (step_over_header_cb, self);
      return;
    }
  self->last_selected = gtk_single_selection_get_selected (self->selection);
  show_occurrence (self, occurrence);
}

static void
on_column_view_activate_cb (ResfriMeetingsView *self,
                            guint               position)
{
  g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (self->day_rows), position);

  if (!RESFRI_IS_OCCURRENCE (item))
    return;
  gtk_single_selection_set_selected (self->selection, position);
  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_set_visible_child (self->leaflet, self->detail_box);
}

static void
on_back_clicked_cb (ResfriMeetingsView *self)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
on_folded_changed_cb (ResfriMeetingsView *self)
{
  gtk_widget_set_visible (self->back_box, adw_leaflet_get_folded (self->leaflet));
}

/* An exemption or a booking: the week's verdicts again. */
static void
on_policy_changed_cb (ResfriMeetingsView *self)
{
  load_policy (self);
}

/* A meeting link: the week again, with the occurrence selected. */
static void
on_meeting_changed_cb (ResfriMeetingsView *self,
                       const char         *key)
{
  reload_and_select (self, key);
}

/* The week is read the first time the view is shown, not at start-up. */
static void
on_map_cb (ResfriMeetingsView *self)
{
  if (!self->loaded && self->cancellable == NULL)
    load_week (self);
}

/* The local day of an occurrence's start, as days since 1970. */
static gint64
local_day (ResfriMeetingsView *self,
           ResfriOccurrence   *occurrence)
{
  gint64 start = resfri_occurrence_get_start (occurrence);
  int interval = g_time_zone_find_interval (self->tz, G_TIME_TYPE_UNIVERSAL, start);
  gint64 local = start + g_time_zone_get_offset (self->tz, interval);

  return local >= 0 ? local / 86400 : (local - 86399) / 86400;
}

/* The list keeps each day's occurrences together under their header:
 * days first, then the column the user sorts by (or the week's order). */
static int
compare_days_cb (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  gint64 day_a = local_day (user_data, RESFRI_OCCURRENCE ((gpointer) a));
  gint64 day_b = local_day (user_data, RESFRI_OCCURRENCE ((gpointer) b));

  return day_a < day_b ? GTK_ORDERING_SMALLER : day_a > day_b ? GTK_ORDERING_LARGER : GTK_ORDERING_EQUAL;
}

static gboolean
filter_occurrence (gpointer item,
                   gpointer user_data)
{
  ResfriMeetingsView *self = user_data;

  guint verdict = gtk_drop_down_get_selected (self->verdict_dropdown);
  guint mode = gtk_drop_down_get_selected (self->mode_dropdown);
  const ResfriResolvedOccurrence *info;

  if (!resfri_occurrence_matches (item, self->search_folded))
    return FALSE;
  if (!policy_filter_active (self))
    return TRUE;

  /* Until the week is checked, a policy filter shows nothing. */
  if (!(info = _resfri_meetings_view_lookup_policy (self, item)))
    return FALSE;
  if (verdict > 0 && verdict <= G_N_ELEMENTS (verdict_order) &&
      info->verdict != verdict_order[verdict - 1])
    return FALSE;
  if (mode > 0 && mode <= G_N_ELEMENTS (mode_order) && info->mode != mode_order[mode - 1])
    return FALSE;
  if (self->unit_filter >= 0 && info->organizer_unit_id != self->unit_filter)
    return FALSE;
  return TRUE;
}

static void
on_policy_filter_changed_cb (ResfriMeetingsView *self)
{
  refilter (self);
}

static void
on_unit_filter_changed_cb (ResfriMeetingsView *self)
{
  guint selected = gtk_drop_down_get_selected (self->unit_dropdown);

  if (self->updating_units)
    return;

  if (selected == 0 || selected == GTK_INVALID_LIST_POSITION || selected > self->unit_ids->len)
    self->unit_filter = -1;
  else
    self->unit_filter = g_array_index (self->unit_ids, gint64, selected - 1);
  refilter (self);
}

/* Actions */

static void
previous_week_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  resfri_meetings_view_step_week (RESFRI_MEETINGS_VIEW (widget), -1);
}

static void
next_week_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  resfri_meetings_view_step_week (RESFRI_MEETINGS_VIEW (widget), 1);
}

static void
this_week_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  resfri_meetings_view_show_today (RESFRI_MEETINGS_VIEW (widget));
}

static GtkDropDown *
create_filter (ResfriMeetingsView *self,
               const char         *accessible_name,
               const char * const *entries,
               GCallback           callback)
{
  GtkDropDown *dropdown = GTK_DROP_DOWN (gtk_drop_down_new_from_strings (entries));

  gtk_widget_set_tooltip_text (GTK_WIDGET (dropdown), accessible_name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (dropdown),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible_name,
                                  -1);
  g_signal_connect_object (dropdown, "notify::selected", callback, self, G_CONNECT_SWAPPED);
  gtk_box_append (self->filter_box, GTK_WIDGET (dropdown));

  return dropdown;
}

static void
create_filters (ResfriMeetingsView *self)
{
  const char *verdicts[G_N_ELEMENTS (verdict_order) + 2] = { _("All verdicts"), };
  const char *modes[G_N_ELEMENTS (mode_order) + 2] = { _("All modes"), };
  const char *units[] = { _("All units"), NULL };

  for (guint i = 0; i < G_N_ELEMENTS (verdict_order); i++)
    verdicts[i + 1] = resfri_verdict_get_label (verdict_order[i]);
  for (guint i = 0; i < G_N_ELEMENTS (mode_order); i++)
    modes[i + 1] = resfri_meetings_get_mode_label (mode_order[i]);

  self->verdict_dropdown = create_filter (self, _("Verdict"), verdicts,
                                          G_CALLBACK (on_policy_filter_changed_cb));
  self->mode_dropdown = create_filter (self, _("Mode"), modes,
                                       G_CALLBACK (on_policy_filter_changed_cb));
  self->unit_dropdown = create_filter (self, _("Organiser’s Unit"), units,
                                       G_CALLBACK (on_unit_filter_changed_cb));
  self->unit_strings = g_object_ref (GTK_STRING_LIST (gtk_drop_down_get_model (self->unit_dropdown)));
}

static void
resfri_meetings_view_dispose (GObject *object)
{
  ResfriMeetingsView *self = (ResfriMeetingsView *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_cancellable_cancel (self->policy_cancellable);
  g_clear_object (&self->policy_cancellable);
  g_clear_handle_id (&self->reselect_idle, g_source_remove);
  g_clear_handle_id (&self->header_idle, g_source_remove);

  gtk_widget_dispose_template (GTK_WIDGET (self), RESFRI_TYPE_MEETINGS_VIEW);

  /* The selection may outlive us (an accessible holds it): dropping the
   * models below changes its item, which must not call back into us. */
  if (self->selection != NULL)
    g_signal_handlers_disconnect_by_data (self->selection, self);
  g_clear_object (&self->selection);
  g_clear_object (&self->day_rows);
  g_clear_object (&self->sort_model);
  g_clear_pointer (&self->policy_sorters, g_ptr_array_unref);
  g_clear_object (&self->filter_model);
  g_clear_object (&self->filter);
  g_clear_object (&self->occurrences);
  g_clear_object (&self->unit_strings);
  _resfri_meetings_view_forget_cells (self);

  G_OBJECT_CLASS (resfri_meetings_view_parent_class)->dispose (object);
}

static void
resfri_meetings_view_finalize (GObject *object)
{
  ResfriMeetingsView *self = (ResfriMeetingsView *)object;

  g_clear_object (&self->store);
  g_clear_pointer (&self->week_start, g_date_time_unref);
  g_clear_pointer (&self->tz, g_time_zone_unref);
  g_clear_pointer (&self->search_folded, g_free);
  g_clear_pointer (&self->verdicts, resfri_policy_verdicts_unref);
  g_clear_pointer (&self->unit_ids, g_array_unref);
  g_clear_pointer (&self->reselect_key, g_free);
  g_clear_pointer (&self->pending_key, g_free);

  G_OBJECT_CLASS (resfri_meetings_view_parent_class)->finalize (object);
}

static void
resfri_meetings_view_class_init (ResfriMeetingsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = resfri_meetings_view_dispose;
  object_class->finalize = resfri_meetings_view_finalize;

  g_type_ensure (RESFRI_TYPE_MEETING_DETAIL);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/se/resfri/Resfri/ui/resfri-meetings-view.ui");
  gtk_widget_class_bind_template_child (widget_class, ResfriMeetingsView, previous_button);
  gtk_widget_class_bind_template_child (widget_class, ResfriMeetingsView, next_button);
  gtk_widget_class_bind_template_child (widget_class, ResfriMeetingsView, week_button);
  gtk_widget_class_bind_template_child (widget_class, ResfriMeetingsView, calendar_popover);
  gtk_widget_class_bind_template_child (widget_class, ResfriMeetingsView, calendar);
  gtk_widget_class_bind_template_child (widget_class, ResfriMeetingsView, week_label);
  gtk_widget_class_bind_template_child (widget_class, ResfriMeetingsView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, ResfriMeetingsView, leaflet);
  gtk_widget_class_bind_template_child (widget_class, ResfriMeetingsView, list_stack);
  gtk_widget_class_bind_template_child (widget_class, ResfriMeetingsView, spinner);
  gtk_widget_class_bind_template_child (widget_class, ResfriMeetingsView, column_view);
  gtk_widget_class_bind_template_child (widget_class, ResfriMeetingsView, empty_page);
  gtk_widget_class_bind_template_child (widget_class, ResfriMeetingsView, back_box);
  gtk_widget_class_bind_template_child (widget_class, ResfriMeetingsView, detail_box);
  gtk_widget_class_bind_template_child (widget_class, ResfriMeetingsView, detail);
  gtk_widget_class_bind_template_child (widget_class, ResfriMeetingsView, filter_box);
  gtk_widget_class_bind_template_callback (widget_class, on_calendar_day_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_column_view_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_back_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_folded_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_policy_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_meeting_changed_cb);

  gtk_widget_class_install_action (widget_class, "meetings.previous-week", NULL,
                                   previous_week_action);
  gtk_widget_class_install_action (widget_class, "meetings.next-week", NULL, next_week_action);
  gtk_widget_class_install_action (widget_class, "meetings.this-week", NULL, this_week_action);
}

static void
resfri_meetings_view_init (ResfriMeetingsView *self)
{
  g_autoptr(GDateTime) now = NULL;
  GtkMultiSorter *sorter;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->tz = resfri_meetings_dup_time_zone ();

  self->bound_items = g_hash_table_new (NULL, NULL);
  self->unit_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->unit_filter = -1;
  create_filters (self);

  self->occurrences = resfri_occurrence_list_new ();
  self->filter = gtk_custom_filter_new (filter_occurrence, self, NULL);
  self->filter_model = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->occurrences)),
                                                  g_object_ref (GTK_FILTER (self->filter)));
  gtk_filter_list_model_set_incremental (self->filter_model, TRUE);

  self->policy_sorters = g_ptr_array_new_with_free_func (g_object_unref);
  _resfri_meetings_view_add_columns (self);
  sorter = gtk_multi_sorter_new ();
  gtk_multi_sorter_append (sorter, GTK_SORTER (gtk_custom_sorter_new (compare_days_cb, self, NULL)));
  gtk_multi_sorter_append (sorter, g_object_ref (gtk_column_view_get_sorter (self->column_view)));
  self->sort_model = gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (self->filter_model)),
                                              GTK_SORTER (sorter));
  self->day_rows = resfri_meetings_day_rows_new (g_object_ref (G_LIST_MODEL (self->sort_model)),
                                                 self->tz);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->day_rows)));
  gtk_single_selection_set_autoselect (self->selection, TRUE);
  self->last_selected = GTK_INVALID_LIST_POSITION;

  g_signal_connect_object (self->filter_model, "items-changed",
                           G_CALLBACK (on_filter_items_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->filter_model, "notify::pending",
                           G_CALLBACK (on_filter_items_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->selection, "notify::selected-item",
                           G_CALLBACK (on_selected_item_changed_cb), self, G_CONNECT_SWAPPED);

  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));

  now = g_date_time_new_now (self->tz);
  self->week_start = monday_of (self,
                                g_date_time_get_year (now),
                                g_date_time_get_month (now),
                                g_date_time_get_day_of_month (now));
  g_signal_connect (self, "map", G_CALLBACK (on_map_cb), NULL);

  update_week_label (self);
  resfri_stack_show_page (self->list_stack, "loading");
  on_folded_changed_cb (self);
}

/* Public API */

void
resfri_meetings_view_set_store (ResfriMeetingsView *self,
                                ResfriStore        *store)
{
  g_return_if_fail (RESFRI_IS_MEETINGS_VIEW (self));
  g_return_if_fail (!store || RESFRI_IS_STORE (store));

  if (!g_set_object (&self->store, store))
    return;

  resfri_meeting_detail_set_store (self->detail, store);

  self->loaded = FALSE;
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    load_week (self);
}

/* Reads the shown week again (after a change from elsewhere), if it has
 * been read, keeping the selected occurrence selected (a meeting saved in
 * the New Meeting window must not move the selection); otherwise it is read
 * when the view is first shown. */
void
resfri_meetings_view_reload (ResfriMeetingsView *self)
{
  ResfriOccurrence *selected;

  g_return_if_fail (RESFRI_IS_MEETINGS_VIEW (self));

  if (!self->loaded)
    return;

  /* One still to be selected again (a reload under way) is the one. */
  selected = get_selected_occurrence (self);
  if (self->reselect_key == NULL && self->pending_key != NULL)
    self->reselect_key = g_strdup (self->pending_key);
  else if (self->reselect_key == NULL && selected != NULL)
    self->reselect_key = resfri_meetings_dup_key (resfri_occurrence_get_uid (selected),
                                                  resfri_meetings_get_rid (selected));
  load_week (self);
}

void
resfri_meetings_view_step_week (ResfriMeetingsView *self,
                                int                 weeks)
{
  g_autoptr(GDateTime) day = NULL;

  g_return_if_fail (RESFRI_IS_MEETINGS_VIEW (self));

  /* Noon of Wednesday: far from any DST change at midnight. */
  day = g_date_time_add_days (self->week_start, 7 * weeks + 2);
  set_week (self, day);
}

void
resfri_meetings_view_show_today (ResfriMeetingsView *self)
{
  g_autoptr(GDateTime) now = NULL;

  g_return_if_fail (RESFRI_IS_MEETINGS_VIEW (self));

  now = g_date_time_new_now (self->tz);
  set_week (self, now);
}

/* Shows the week of @start (UTC unix seconds) and selects the occurrence
 * @uid/@recurrence_id there, the search cleared: other views' "Go to
 * Meeting". */
void
resfri_meetings_view_show_occurrence (ResfriMeetingsView *self,
                                      const char         *uid,
                                      const char         *recurrence_id,
                                      gint64              start)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) day = NULL;
  g_autoptr(GDateTime) monday = NULL;
  g_autofree char *key = NULL;

  g_return_if_fail (RESFRI_IS_MEETINGS_VIEW (self));
  g_return_if_fail (uid != NULL);

  key = resfri_meetings_dup_key (uid, recurrence_id != NULL ? recurrence_id : "");
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  utc = g_date_time_new_from_unix_utc (start);
  day = g_date_time_to_timezone (utc, self->tz);
  monday = monday_of (self, g_date_time_get_year (day), g_date_time_get_month (day),
                      g_date_time_get_day_of_month (day));
  if (self->loaded && self->week_start != NULL && g_date_time_equal (monday, self->week_start))
    {
      /* The week is shown: select it now, or once the filter shows it. */
      if (!select_key (self, key))
        {
          g_free (self->pending_key);
          self->pending_key = g_steal_pointer (&key);
        }
      return;
    }

  g_free (self->reselect_key);
  self->reselect_key = g_steal_pointer (&key);
  set_week (self, day);
}

void
resfri_meetings_view_focus_search (ResfriMeetingsView *self)
{
  g_return_if_fail (RESFRI_IS_MEETINGS_VIEW (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

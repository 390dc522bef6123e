/* resfri-meetings-view.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "resfri-meetings-view.h"
#include "resfri-verdict-style.h"
#include "resfri-bookings.h"
#include "resfri-error.h"
#include "resfri-exemption.h"
#include "resfri-export.h"
#include "resfri-meeting-edit.h"
#include "resfri-names.h"
#include "resfri-occurrence-list.h"
#include "resfri-policy-check.h"
#include "resfri-policy-verdicts.h"
#include "resfri-view.h"

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

/* The meetings view: the occurrences of one ISO week (Monday to Sunday in
 * Europe/Stockholm, the zone the store places floating times in), a search
 * filter, and a detail pane for the selected occurrence. The list is a
 * GtkColumnView over GtkSingleSelection > GtkFilterListModel >
 * ResfriOccurrenceList, so only the visible rows have widgets. */
struct _ResfriMeetingsView
{
  AdwBin                parent_instance;

  /* Template widgets */
  GtkButton            *previous_button;
  GtkButton            *next_button;
  GtkMenuButton        *week_button;
  GtkPopover           *calendar_popover;
  GtkCalendar          *calendar;
  GtkLabel             *week_label;
  GtkSearchEntry       *search_entry;
  AdwLeaflet           *leaflet;
  GtkStack             *list_stack;
  GtkSpinner           *spinner;
  GtkColumnView        *column_view;
  AdwStatusPage        *empty_page;
  GtkWidget            *back_box;
  GtkWidget            *detail_box;
  GtkStack             *detail_stack;
  GtkLabel             *summary_label;
  AdwActionRow         *time_row;
  AdwActionRow         *location_row;
  AdwActionRow         *link_row;
  AdwActionRow         *organizer_row;
  AdwPreferencesGroup  *attendees_group;
  GtkListBox           *attendees_list;
  GtkBox               *filter_box;
  AdwPreferencesGroup  *policy_group;
  GtkLabel             *verdict_badge;
  AdwActionRow         *verdict_row;
  AdwActionRow         *mode_row;
  AdwActionRow         *venue_row;
  AdwActionRow         *travel_row;
  GtkButton            *exempt_button;
  GtkButton            *room_button;
  GtkButton            *items_button;
  GtkButton            *link_add_button;
  GtkButton            *export_button;
  AdwPreferencesGroup  *bookings_group;
  GtkListBox           *bookings_list;
  char                 *reselect_key;      /* select this occurrence after the reload */
  char                 *pending_key;       /* ... once the (incremental) filter shows it */
  guint                 reselect_idle;
  GtkDropDown          *verdict_dropdown;
  GtkDropDown          *mode_dropdown;
  GtkDropDown          *unit_dropdown;
  GtkStringList        *unit_strings;
  GArray               *unit_ids;          /* gint64, parallel to unit_strings after "All" */
  gint64                unit_filter;       /* -1: all units */
  GHashTable           *bound_items;       /* GtkListItem set: cells that show the policy */
  ResfriPolicyVerdicts *verdicts;          /* the shown week's policy check */
  GCancellable         *policy_cancellable;

  ResfriStore          *store;
  ResfriOccurrenceList *occurrences;
  GtkFilterListModel   *filter_model;
  GtkCustomFilter      *filter;
  GtkSingleSelection   *selection;
  GCancellable         *cancellable;
  GTimeZone            *tz;
  GDateTime            *week_start;
  char                 *search_folded;
  guint                 loaded : 1;
  guint                 updating_calendar : 1;
  guint                 updating_units : 1;
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

static void
add_toast (ResfriMeetingsView *self,
           const char         *markup)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (markup));
}

static GDateTime *
local_time (ResfriMeetingsView *self,
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

static char *
format_time_range (ResfriMeetingsView *self,
                   ResfriOccurrence   *occurrence,
                   gboolean            with_date)
{
  g_autoptr(GDateTime) start = local_time (self, resfri_occurrence_get_start (occurrence));
  g_autoptr(GDateTime) end = local_time (self, resfri_occurrence_get_end (occurrence));
  g_autofree char *date = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;

  /* Translators: a weekday and an ISO date, as in "Monday 2026-03-16" */
  date = g_date_time_format (start, _("%A %Y-%m-%d"));

  if (resfri_occurrence_get_all_day (occurrence))
    {
      if (!with_date)
        return g_strdup (_("All day"));
      /* Translators: %s is a date, as in "Monday 2026-03-16" */
      return g_strdup_printf (_("%s, all day"), date);
    }

  from = g_date_time_format (start, "%H:%M");

  if (g_date_time_get_year (start) != g_date_time_get_year (end) ||
      g_date_time_get_day_of_year (start) != g_date_time_get_day_of_year (end))
    {
      g_autofree char *end_text = NULL;

      /* Translators: an ISO date and a 24-hour time, as in "2026-03-17 10:00" */
      end_text = g_date_time_format (end, _("%Y-%m-%d %H:%M"));
      if (!with_date)
        return g_strdup_printf ("%s – %s", from, end_text);
      return g_strdup_printf ("%s %s – %s", date, from, end_text);
    }

  to = g_date_time_format (end, "%H:%M");
  if (!with_date)
    return g_strdup_printf ("%s–%s", from, to);
  /* Translators: a date and a span of time, as in "Monday 2026-03-16, 09:00–10:00" */
  return g_strdup_printf (_("%s, %s–%s"), date, from, to);
}

static const char *
get_partstat_label (const char *partstat)
{
  if (partstat == NULL || g_ascii_strcasecmp (partstat, "NEEDS-ACTION") == 0)
    return _("Not answered");
  if (g_ascii_strcasecmp (partstat, "ACCEPTED") == 0)
    return _("Accepted");
  if (g_ascii_strcasecmp (partstat, "DECLINED") == 0)
    return _("Declined");
  if (g_ascii_strcasecmp (partstat, "TENTATIVE") == 0)
    return _("Tentative");
  if (g_ascii_strcasecmp (partstat, "DELEGATED") == 0)
    return _("Delegated");
  return partstat;
}

/* GTK 4.8 keeps the pages of a GtkStack that are not shown in the
 * accessibility tree as if they were; mark them hidden (as the window does). */
static void
set_stack_page (GtkStack   *stack,
                const char *name)
{
  g_autoptr(GtkSelectionModel) pages = NULL;
  guint n_pages;

  gtk_stack_set_visible_child_name (stack, name);

  pages = gtk_stack_get_pages (stack);
  n_pages = g_list_model_get_n_items (G_LIST_MODEL (pages));
  for (guint i = 0; i < n_pages; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (pages), i);
      GtkStackPage *page = GTK_STACK_PAGE (item);

      gtk_accessible_update_state (GTK_ACCESSIBLE (gtk_stack_page_get_child (page)),
                                   GTK_ACCESSIBLE_STATE_HIDDEN,
                                   g_strcmp0 (gtk_stack_page_get_name (page), name) != 0,
                                   -1);
    }
}

static void
update_list_page (ResfriMeetingsView *self)
{
  if (!self->loaded)
    return;

  gtk_spinner_stop (self->spinner);

  if (g_list_model_get_n_items (G_LIST_MODEL (self->occurrences)) == 0)
    set_stack_page (self->list_stack, "empty");
  else if (g_list_model_get_n_items (G_LIST_MODEL (self->filter_model)) == 0 &&
           !gtk_filter_list_model_get_pending (self->filter_model))
    set_stack_page (self->list_stack, "no-results");
  else
    set_stack_page (self->list_stack, "list");
}

/* The policy: verdicts of the shown week */

static char *
policy_key (const char *uid,
            const char *recurrence_id)
{
  return g_strconcat (uid, "\x1f", recurrence_id != NULL ? recurrence_id : "", NULL);
}

static const ResfriResolvedOccurrence *
lookup_policy (ResfriMeetingsView *self,
               ResfriOccurrence   *occurrence)
{
  if (self->verdicts == NULL || occurrence == NULL)
    return NULL;

  return resfri_policy_verdicts_lookup (self->verdicts, resfri_occurrence_get_uid (occurrence),
                                        resfri_occurrence_get_recurrence_id (occurrence));
}

static ResfriNames *
get_names (ResfriMeetingsView *self)
{
  return self->verdicts != NULL ? resfri_policy_verdicts_get_names (self->verdicts) : NULL;
}

static const char *
get_mode_label (ResfriMode mode)
{
  switch (mode)
    {
    case RESFRI_MODE_ONLINE:
      return _("Online");
    case RESFRI_MODE_HYBRID:
      return _("Hybrid");
    case RESFRI_MODE_IN_PERSON:
      return _("In person");
    case RESFRI_MODE_UNKNOWN:
    default:
      return _("Unknown");
    }
}

/* A badge: a label with the verdict's words and colour. */
static void
set_badge (GtkLabel                       *label,
           const ResfriResolvedOccurrence *info)
{
  if (info == NULL)
    {
      resfri_verdict_style_clear (GTK_WIDGET (label));
      gtk_label_set_text (label, "");
      return;
    }

  gtk_label_set_text (label, resfri_verdict_get_label (info->verdict));
  resfri_verdict_style_apply (GTK_WIDGET (label), info->verdict);
}

static void refilter (ResfriMeetingsView *self);
static void show_occurrence (ResfriMeetingsView *self,
                             ResfriOccurrence   *occurrence);
static void update_policy_cell (ResfriMeetingsView *self,
                                GtkWidget          *child);

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
      const ResfriResolvedOccurrence *info = resfri_policy_verdicts_get_occurrence (self->verdicts, i);

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
      add_toast (self, markup);
      return;
    }

  g_clear_pointer (&self->verdicts, resfri_policy_verdicts_unref);
  self->verdicts = loaded;

  update_unit_choices (self);

  g_hash_table_iter_init (&iter, self->bound_items);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    update_policy_cell (self, key);

  if (policy_filter_active (self))
    refilter (self);

  show_occurrence (self, gtk_single_selection_get_selected_item (self->selection));
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

static char *
format_travel (double km,
               double co2_kg,
               double cost_sek,
               double hours)
{
  /* Translators: travel of a meeting: km, kg of CO2, cost in SEK (with
   * grouped thousands, as in "1 234 kr") and hours, as in
   * "123.4 km · 5.6 kg CO₂ · 1 234 kr · 2.5 h" */
  return g_strdup_printf (_("%.1f km · %.1f kg CO₂ · SEK %'.0f · %.1f h"),
                          km, co2_kg, cost_sek, hours);
}

static const ResfriResolvedAttendee *
find_policy_attendee (const ResfriResolvedOccurrence *info,
                      const char                     *email)
{
  for (guint i = 0; info != NULL && email != NULL && i < info->n_attendees; i++)
    if (info->attendees[i].email != NULL &&
        g_ascii_strcasecmp (info->attendees[i].email, email) == 0)
      return &info->attendees[i];
  return NULL;
}

static const char *
get_equipment_label (const ResfriResolvedAttendee *attendee)
{
  if (attendee->has_headset && attendee->has_camera)
    return _("Headset and camera");
  if (attendee->has_headset)
    return _("Headset, no camera");
  if (attendee->has_camera)
    return _("Camera, no headset");
  return _("No headset or camera");
}

static GtkWidget *
create_attendee_row (const ResfriAttendee *attendee)
{
  g_autofree char *subtitle = NULL;
  GtkWidget *row;
  GtkWidget *label;

  row = adw_action_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                 attendee->name != NULL ? attendee->name : attendee->email);

  if (attendee->site_name != NULL)
    /* Translators: an attendee's address and home site, as in
     * "anna@example.se · Rådhuset (RH)" */
    subtitle = g_strdup_printf (_("%s · %s (%s)"), attendee->email, attendee->site_name,
                                attendee->site_code);
  else
    /* Translators: %s is the address of an attendee who is not in the
     * people register (an external guest) */
    subtitle = g_strdup_printf (_("%s · not in the people register"), attendee->email);
  /* AdwActionRow subtitles are markup unless told otherwise. */
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  label = gtk_label_new (get_partstat_label (attendee->partstat));
  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (label, "dim-label");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);

  return row;
}

static void
clear_attendees (ResfriMeetingsView *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->attendees_list))) != NULL)
    gtk_list_box_remove (self->attendees_list, child);
}

static void
set_row_text (AdwActionRow *row,
              const char   *text)
{
  gtk_widget_set_visible (GTK_WIDGET (row), text != NULL);
  if (text != NULL)
    {
      g_autofree char *escaped = g_markup_escape_text (text, -1);

      adw_action_row_set_subtitle (row, escaped);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text,
                                      -1);
    }
}

/* The verdict of the selected occurrence: a badge next to the summary and
 * the policy rows of the detail pane. */
static void
show_verdict (ResfriMeetingsView *self,
              ResfriOccurrence   *occurrence)
{
  const ResfriResolvedOccurrence *info = lookup_policy (self, occurrence);
  ResfriNames *names = get_names (self);
  g_autofree char *venue = NULL;
  g_autofree char *travel = NULL;
  const char *travel_title = _("Travel");

  gtk_widget_set_visible (GTK_WIDGET (self->policy_group), info != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->verdict_badge), info != NULL);
  set_badge (self->verdict_badge, info);
  if (info == NULL)
    return;

  if (info->exemption != NULL)
    {
      g_autofree char *text = NULL;

      /* Translators: a verdict and the recorded exemption's reason, as in
       * "Exempt (confidential)" */
      text = g_strdup_printf (_("%s (%s)"), resfri_verdict_get_label (info->verdict), info->exemption);
      set_row_text (self->verdict_row, text);
    }
  else
    set_row_text (self->verdict_row, resfri_verdict_get_label (info->verdict));
  set_row_text (self->mode_row, get_mode_label (info->mode));

  if (info->venue_room_id != 0 && names != NULL)
    /* Translators: a room and its site, as in "Sal 1 (RH)" */
    venue = g_strdup_printf (_("%s (%s)"),
                             resfri_names_get_room_name (names, info->venue_room_id),
                             resfri_names_get_site_code (names, info->venue_site_id));
  else if (info->venue_site_id != 0 && names != NULL)
    venue = g_strdup (resfri_names_get_site_name (names, info->venue_site_id));
  set_row_text (self->venue_row, venue != NULL ? venue : _("No venue"));

  if (info->travel_km > 0 || info->mode == RESFRI_MODE_IN_PERSON)
    travel = format_travel (info->travel_km, info->travel_co2_kg, info->travel_cost_sek,
                            info->travel_hours);
  else
    {
      travel_title = _("Travel Avoided");
      travel = format_travel (info->avoided_km, info->avoided_co2_kg, info->avoided_cost_sek,
                              info->avoided_hours);
    }
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->travel_row), travel_title);
  set_row_text (self->travel_row, travel);
}

/* The tags of the items lent to @email for the occurrence, as in
 * "H-12, C-3", or NULL. */
static char *
dup_loan_tags (GPtrArray  *bookings,
               const char *email)
{
  g_autoptr(GString) tags = g_string_new (NULL);

  for (guint j = 0; bookings != NULL && email != NULL && j < bookings->len; j++)
    {
      const ResfriBooking *booking = g_ptr_array_index (bookings, j);

      if (booking->kind != RESFRI_BOOKING_ITEM || booking->person == NULL ||
          g_ascii_strcasecmp (booking->person, email) != 0)
        continue;
      if (tags->len > 0)
        g_string_append (tags, ", ");
      g_string_append (tags, booking->resource);
    }

  return tags->len > 0 ? g_string_free (g_steal_pointer (&tags), FALSE) : NULL;
}

/* Each attendee's home site, one-way distance to the venue and equipment. */
static void
show_travel (ResfriMeetingsView *self,
             ResfriOccurrence   *occurrence,
             GPtrArray          *attendees,
             GPtrArray          *bookings)
{
  const ResfriResolvedOccurrence *info = lookup_policy (self, occurrence);
  GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->attendees_list));

  for (guint i = 0; info != NULL && attendees != NULL && i < attendees->len && row != NULL;
       i++, row = gtk_widget_get_next_sibling (row))
    {
      const ResfriAttendee *attendee = g_ptr_array_index (attendees, i);
      const ResfriResolvedAttendee *resolved = find_policy_attendee (info, attendee->email);
      g_autofree char *subtitle = NULL;
      g_autofree char *escaped = NULL;
      g_autofree char *loans = NULL;
      g_autofree char *equipment = NULL;
      GtkWidget *label;

      if (resolved == NULL || !ADW_IS_ACTION_ROW (row))
        continue;

      /* Translators: an attendee's address, home site and one-way
       * distance to the venue, as in "anna@example.se · Rådhuset (RH) · 12.3 km" */
      subtitle = g_strdup_printf (_("%s · %s (%s) · %.1f km"), attendee->email,
                                  attendee->site_name != NULL ? attendee->site_name : "",
                                  attendee->site_code != NULL ? attendee->site_code : "",
                                  resolved->one_way_km);
      escaped = g_markup_escape_text (subtitle, -1);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), escaped);

      loans = dup_loan_tags (bookings, attendee->email);
      if (loans != NULL)
        {
          /* Translators: an attendee's own equipment, and the asset tags
           * of the items lent to them, as in "Headset, no camera\nLoan: C-3" */
          equipment = g_strdup_printf (_("%s\nLoan: %s"), get_equipment_label (resolved), loans);
          label = gtk_label_new (equipment);
        }
      else
        label = gtk_label_new (get_equipment_label (resolved));
      gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 12);
      if (!resolved->has_headset || !resolved->has_camera)
        gtk_widget_add_css_class (label, "warning");
      else
        gtk_widget_add_css_class (label, "dim-label");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
    }
}

/* The actions on the selected occurrence. */
static void
update_actions (ResfriMeetingsView *self,
                ResfriOccurrence   *occurrence)
{
  gboolean can = occurrence != NULL && self->store != NULL;

  gtk_widget_set_sensitive (GTK_WIDGET (self->exempt_button), can);
  gtk_widget_set_sensitive (GTK_WIDGET (self->room_button), can);
  gtk_widget_set_sensitive (GTK_WIDGET (self->items_button), can);
  gtk_widget_set_sensitive (GTK_WIDGET (self->link_add_button), can);
  gtk_widget_set_sensitive (GTK_WIDGET (self->export_button), can);
}

static GtkWindow *
get_window (ResfriMeetingsView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static void
add_toast_object (ResfriMeetingsView *self,
                  AdwToast           *toast)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
  else
    g_object_unref (toast);
}

static void
toast_error (ResfriMeetingsView *self,
             const char         *format,
             const GError       *error)
{
  g_autofree char *markup = g_markup_printf_escaped (format, error->message);

  add_toast (self, markup);
}

/* Exemptions */

typedef struct
{
  ResfriMeetingsView *self;
  char *uid;
  char *recurrence_id;
  char *previous_reason;   /* what was recorded before, or NULL */
  char *previous_note;
} ExemptionUndo;

static void
exemption_undo_free (gpointer data)
{
  ExemptionUndo *undo = data;

  g_clear_object (&undo->self);
  g_free (undo->uid);
  g_free (undo->recurrence_id);
  g_free (undo->previous_reason);
  g_free (undo->previous_note);
  g_free (undo);
}

static void
on_exemption_undo_cb (AdwToast      *toast,
                      ExemptionUndo *undo)
{
  ResfriMeetingsView *self = undo->self;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (self->store == NULL)
    return;

  if (undo->previous_reason != NULL)
    ok = resfri_store_set_exemption (self->store, undo->uid, undo->recurrence_id,
                                     undo->previous_reason, undo->previous_note, &error);
  else
    ok = resfri_store_remove_exemption (self->store, undo->uid, undo->recurrence_id, NULL,
                                        &error);
  if (!ok)
    toast_error (self, _("Cannot undo the exemption: %s"), error);
  load_policy (self);
}

static const char *
get_chosen_reason (AdwMessageDialog *dialog)
{
  GPtrArray *buttons = g_object_get_data (G_OBJECT (dialog), "reasons");

  for (guint i = 0; buttons != NULL && i < buttons->len; i++)
    if (gtk_check_button_get_active (g_ptr_array_index (buttons, i)))
      return g_object_get_data (g_ptr_array_index (buttons, i), "reason");
  return NULL;
}

static void
update_exemption_response (AdwMessageDialog *dialog)
{
  GtkEditable *note = g_object_get_data (G_OBJECT (dialog), "note");
  const char *reason;
  g_autofree char *text = NULL;

  /* Buttons and the entry go away one by one while the dialog closes. */
  if (gtk_widget_in_destruction (GTK_WIDGET (dialog)) || note == NULL)
    return;

  reason = get_chosen_reason (dialog);
  text = g_strstrip (g_strdup (gtk_editable_get_text (note)));

  adw_message_dialog_set_response_enabled (dialog, "record",
                                           reason != NULL &&
                                           (strcmp (reason, "other") != 0 || text[0] != '\0'));
}

static void
on_exemption_response_cb (AdwMessageDialog   *dialog,
                          const char         *response,
                          ResfriMeetingsView *self)
{
  GtkEditable *note_entry = g_object_get_data (G_OBJECT (dialog), "note");
  GtkCheckButton *whole = g_object_get_data (G_OBJECT (dialog), "whole");
  const char *uid = g_object_get_data (G_OBJECT (dialog), "uid");
  const char *recurrence_id = g_object_get_data (G_OBJECT (dialog), "recurrence-id");
  const char *reason = get_chosen_reason (dialog);
  g_autofree char *note = NULL;
  g_autoptr(GError) error = NULL;
  ExemptionUndo *undo;
  AdwToast *toast;

  if (g_strcmp0 (response, "record") != 0 || reason == NULL || self->store == NULL)
    return;

  if (whole != NULL && gtk_check_button_get_active (whole))
    recurrence_id = "";
  note = g_strstrip (g_strdup (gtk_editable_get_text (note_entry)));

  undo = g_new0 (ExemptionUndo, 1);
  undo->self = g_object_ref (self);
  undo->uid = g_strdup (uid);
  undo->recurrence_id = g_strdup (recurrence_id);
  resfri_store_lookup_exemption (self->store, uid, recurrence_id, &undo->previous_reason,
                                 &undo->previous_note, NULL);

  if (!resfri_store_set_exemption (self->store, uid, recurrence_id, reason,
                                   note[0] != '\0' ? note : NULL, &error))
    {
      exemption_undo_free (undo);
      toast_error (self, _("Cannot record the exemption: %s"), error);
      return;
    }

  load_policy (self);

  toast = adw_toast_new (_("Exemption recorded"));
  adw_toast_set_button_label (toast, _("_Undo"));
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (on_exemption_undo_cb), undo,
                         (GClosureNotify) (void (*) (void)) exemption_undo_free, 0);
  add_toast_object (self, toast);
}

/* The end of a dialog about one occurrence: for a series, the choice
 * between this occurrence and the whole meeting ("whole" is the second
 * button); the dialog keeps "uid" and "recurrence-id". */
static void
finish_occurrence_dialog (GtkWidget        *dialog,
                          GtkWidget        *box,
                          ResfriOccurrence *occurrence)
{
  const char *recurrence_id = resfri_occurrence_get_recurrence_id (occurrence);

  if (recurrence_id == NULL)
    recurrence_id = "";
  if (recurrence_id[0] != '\0')
    {
      GtkWidget *one = gtk_check_button_new_with_label (_("This occurrence only"));
      GtkWidget *whole = gtk_check_button_new_with_label (_("Every occurrence of the meeting"));

      gtk_check_button_set_group (GTK_CHECK_BUTTON (whole), GTK_CHECK_BUTTON (one));
      gtk_check_button_set_active (GTK_CHECK_BUTTON (one), TRUE);
      gtk_widget_set_margin_top (one, 6);
      gtk_box_append (GTK_BOX (box), one);
      gtk_box_append (GTK_BOX (box), whole);
      g_object_set_data (G_OBJECT (dialog), "whole", whole);
    }

  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);
  g_object_set_data_full (G_OBJECT (dialog), "uid",
                          g_strdup (resfri_occurrence_get_uid (occurrence)), g_free);
  g_object_set_data_full (G_OBJECT (dialog), "recurrence-id", g_strdup (recurrence_id), g_free);
}

static void
on_exempt_clicked_cb (ResfriMeetingsView *self)
{
  ResfriOccurrence *occurrence = gtk_single_selection_get_selected_item (self->selection);
  const char * const *reasons = resfri_exemption_get_reasons ();
  const ResfriResolvedOccurrence *info = lookup_policy (self, occurrence);
  GPtrArray *buttons;
  GtkCheckButton *group = NULL;
  GtkWidget *dialog;
  GtkWidget *box;
  GtkWidget *entry;
  const char *recurrence_id;

  if (occurrence == NULL || self->store == NULL)
    return;

  recurrence_id = resfri_occurrence_get_recurrence_id (occurrence);
  if (recurrence_id == NULL)
    recurrence_id = "";

  dialog = adw_message_dialog_new (get_window (self), _("Record an Exemption"), NULL);
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (dialog),
                               _("Why must this meeting be held in person? The reason is "
                                 "kept with the meeting and shown in the follow-up."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "record", _("_Record"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "record",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "record");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  buttons = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; reasons[i] != NULL; i++)
    {
      const char *description = resfri_exemption_describe_reason (reasons[i]);
      GtkWidget *check = gtk_check_button_new_with_label (description != NULL ? description
                                                                              : reasons[i]);
      GtkWidget *label = gtk_widget_get_last_child (check);

      if (GTK_IS_LABEL (label))
        {
          gtk_label_set_wrap (GTK_LABEL (label), TRUE);
          gtk_label_set_xalign (GTK_LABEL (label), 0);
        }
      g_object_set_data_full (G_OBJECT (check), "reason", g_strdup (reasons[i]), g_free);
      if (group != NULL)
        gtk_check_button_set_group (GTK_CHECK_BUTTON (check), group);
      else
        group = GTK_CHECK_BUTTON (check);
      if (info != NULL && g_strcmp0 (info->exemption, reasons[i]) == 0)
        gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
      g_signal_connect_swapped (check, "toggled", G_CALLBACK (update_exemption_response),
                                dialog);
      g_ptr_array_add (buttons, g_object_ref (check));
      gtk_box_append (GTK_BOX (box), check);
    }
  g_object_set_data_full (G_OBJECT (dialog), "reasons", buttons,
                          (GDestroyNotify) g_ptr_array_unref);

  entry = gtk_entry_new ();
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Note (required for other reasons)"));
  gtk_widget_set_margin_top (entry, 6);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Note"),
                                  -1);
  g_signal_connect_swapped (entry, "changed", G_CALLBACK (update_exemption_response), dialog);
  gtk_box_append (GTK_BOX (box), entry);
  g_object_set_data_full (G_OBJECT (dialog), "note", g_object_ref (entry), g_object_unref);

  finish_occurrence_dialog (dialog, box, occurrence);
  update_exemption_response (ADW_MESSAGE_DIALOG (dialog));
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_exemption_response_cb), self, 0);

  gtk_window_present (GTK_WINDOW (dialog));
  /* The reason is chosen first: arrow keys move between the reasons and
   * Space picks one. */
  gtk_widget_grab_focus (g_ptr_array_index (buttons, 0));
}

/* Rooms */

static void
on_book_room_clicked_cb (GtkButton          *button,
                         ResfriMeetingsView *self)
{
  GtkWidget *dialog = gtk_widget_get_ancestor (GTK_WIDGET (button), ADW_TYPE_MESSAGE_DIALOG);
  GtkCheckButton *series = g_object_get_data (G_OBJECT (dialog), "series");
  /* Copied: closing the dialog below frees what it holds. */
  g_autofree char *uid = g_strdup (g_object_get_data (G_OBJECT (dialog), "uid"));
  g_autofree char *recurrence_id = g_strdup (g_object_get_data (G_OBJECT (dialog), "recurrence-id"));
  g_autofree char *room = g_strdup (g_object_get_data (G_OBJECT (button), "room"));
  g_autofree char *name = g_strdup (g_object_get_data (G_OBJECT (button), "name"));
  g_autoptr(GPtrArray) booked = NULL;
  g_autoptr(GPtrArray) skipped = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *markup = NULL;
  gboolean whole = series != NULL && gtk_check_button_get_active (series);

  if (self->store == NULL)
    return;

  booked = resfri_bookings_book_room (self->store, room, uid, whole ? NULL : recurrence_id,
                                      &skipped, &error);
  gtk_window_destroy (GTK_WINDOW (dialog));
  if (booked == NULL)
    {
      toast_error (self, _("Cannot book the room: %s"), error);
      return;
    }

  if (whole)
    /* Translators: the first %u is a number of occurrences, %s a room,
     * the second %u the occurrences skipped because the room was taken */
    markup = g_markup_printf_escaped (ngettext ("Booked %2$s for %1$u occurrence, %3$u skipped",
                                                "Booked %2$s for %1$u occurrences, %3$u skipped",
                                                booked->len),
                                      booked->len, name,
                                      skipped != NULL ? skipped->len : 0);
  else
    /* Translators: %s is a room's name */
    markup = g_markup_printf_escaped (_("Booked %s"), name);
  add_toast (self, markup);
  load_policy (self);
}

static void
on_room_clicked_cb (ResfriMeetingsView *self)
{
  ResfriOccurrence *occurrence = gtk_single_selection_get_selected_item (self->selection);
  g_autoptr(GPtrArray) rooms = NULL;
  g_autoptr(GError) error = NULL;
  const char *recurrence_id;
  GtkWidget *dialog;
  GtkWidget *box;
  GtkWidget *scrolled;
  GtkWidget *list;

  if (occurrence == NULL || self->store == NULL)
    return;

  recurrence_id = resfri_occurrence_get_recurrence_id (occurrence);
  if (recurrence_id == NULL)
    recurrence_id = "";

  rooms = resfri_bookings_free_rooms_for_occurrence (self->store,
                                                     resfri_occurrence_get_uid (occurrence),
                                                     recurrence_id, NULL, 0, FALSE, &error);
  if (rooms == NULL)
    {
      toast_error (self, _("Cannot find free rooms: %s"), error);
      return;
    }
  if (rooms->len == 0)
    {
      add_toast (self, _("No room is free at this time"));
      return;
    }

  dialog = adw_message_dialog_new (get_window (self), _("Book a Room"), NULL);
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (dialog),
                               _("The rooms free at the meeting’s time."));
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"));
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  if (recurrence_id[0] != '\0')
    {
      GtkWidget *series = gtk_check_button_new_with_label (
        _("Every occurrence of the series (book the rest, skip the conflicts)"));

      gtk_box_append (GTK_BOX (box), series);
      g_object_set_data (G_OBJECT (dialog), "series", series);
    }

  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (list),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Free Rooms"),
                                  -1);
  for (guint i = 0; i < rooms->len; i++)
    {
      const ResfriRoomAvailability *room = g_ptr_array_index (rooms, i);
      g_autofree char *subtitle = NULL;
      g_autofree char *escaped = NULL;
      g_autofree char *book_name = NULL;
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *button;

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), room->name);
      /* Translators: a room's site and seats, and whether it has video
       * equipment, as in "RH · 12 seats · video" */
      subtitle = g_strdup_printf (ngettext ("%s · %d seat%s", "%s · %d seats%s",
                                            (gulong) room->capacity),
                                  room->site, (int) room->capacity,
                                  room->vc ? _(" · video") : "");
      escaped = g_markup_escape_text (subtitle, -1);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), escaped);

      button = gtk_button_new_with_mnemonic (_("_Book"));
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      /* Translators: %s is a room's name */
      book_name = g_strdup_printf (_("Book %s"), room->name);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, book_name,
                                      -1);
      g_object_set_data_full (G_OBJECT (button), "room", g_strdup (room->room), g_free);
      g_object_set_data_full (G_OBJECT (button), "name", g_strdup (room->name), g_free);
      g_signal_connect_object (button, "clicked", G_CALLBACK (on_book_room_clicked_cb), self, 0);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      gtk_list_box_append (GTK_LIST_BOX (list), row);
    }

  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 320);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), list);
  gtk_box_append (GTK_BOX (box), scrolled);

  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);
  g_object_set_data_full (G_OBJECT (dialog), "uid",
                          g_strdup (resfri_occurrence_get_uid (occurrence)), g_free);
  g_object_set_data_full (G_OBJECT (dialog), "recurrence-id", g_strdup (recurrence_id), g_free);

  gtk_window_present (GTK_WINDOW (dialog));
}

/* Bookings of the occurrence, loan items */

static const char *
get_rid (ResfriOccurrence *occurrence)
{
  const char *recurrence_id = resfri_occurrence_get_recurrence_id (occurrence);

  return recurrence_id != NULL ? recurrence_id : "";
}

static const char *
get_type_label (const char *type)
{
  if (g_strcmp0 (type, "headset") == 0)
    return _("headset");
  if (g_strcmp0 (type, "camera") == 0)
    return _("camera");
  if (g_strcmp0 (type, "vc-kit") == 0)
    return _("video kit");
  return type;
}

/* "KOM-A" for a room, "H-12 (headset)" for an item. */
static char *
describe_booking (const ResfriBooking *booking)
{
  if (booking->kind == RESFRI_BOOKING_ROOM)
    return g_strdup (booking->resource);
  /* Translators: an item's asset tag and type, as in "H-12 (headset)" */
  return g_strdup_printf (_("%s (%s)"), booking->resource, get_type_label (booking->type));
}

static void
refresh_detail (ResfriMeetingsView *self)
{
  show_occurrence (self, gtk_single_selection_get_selected_item (self->selection));
}

typedef struct
{
  ResfriMeetingsView *self;
  ResfriBooking      *booking;
} BookingUndo;

static void
booking_undo_free (gpointer data)
{
  BookingUndo *undo = data;

  g_clear_object (&undo->self);
  g_clear_pointer (&undo->booking, resfri_booking_free);
  g_free (undo);
}

static void
on_booking_undo_cb (AdwToast    *toast,
                    BookingUndo *undo)
{
  ResfriMeetingsView *self = undo->self;
  g_autoptr(ResfriBooking) booking = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = describe_booking (undo->booking);

  if (self->store == NULL)
    return;

  booking = resfri_bookings_rebook (self->store, undo->booking, &error);
  if (booking == NULL)
    {
      g_autofree char *markup = NULL;

      if (g_error_matches (error, RESFRI_ERROR, RESFRI_ERROR_CONFLICT))
        /* Translators: %s is a room or an item; the second %s says which
         * booking took it */
        markup = g_markup_printf_escaped (_("Cannot book %s again: it was taken meanwhile. %s"),
                                          name, error->message);
      else
        markup = g_markup_printf_escaped (_("Cannot undo the cancellation: %s"), error->message);
      add_toast (self, markup);
    }
  refresh_detail (self);
}

static void
on_cancel_booking_clicked_cb (GtkButton          *button,
                              ResfriMeetingsView *self)
{
  gint64 id = *(gint64 *) g_object_get_data (G_OBJECT (button), "booking-id");
  g_autoptr(ResfriBooking) booking = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *markup = NULL;
  BookingUndo *undo;
  AdwToast *toast;

  if (self->store == NULL)
    return;

  booking = resfri_bookings_cancel (self->store, id, &error);
  if (booking == NULL)
    {
      toast_error (self, _("Cannot cancel the booking: %s"), error);
      refresh_detail (self);
      return;
    }

  name = describe_booking (booking);
  /* Translators: %s is a room or an item, as in "H-12 (headset)" */
  markup = g_markup_printf_escaped (_("Booking of %s cancelled"), name);
  undo = g_new0 (BookingUndo, 1);
  undo->self = g_object_ref (self);
  undo->booking = g_steal_pointer (&booking);

  toast = adw_toast_new (markup);
  adw_toast_set_button_label (toast, _("_Undo"));
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (on_booking_undo_cb), undo,
                         (GClosureNotify) (void (*) (void)) booking_undo_free, 0);
  add_toast_object (self, toast);
  refresh_detail (self);
}

static void
clear_bookings (ResfriMeetingsView *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->bookings_list))) != NULL)
    gtk_list_box_remove (self->bookings_list, child);
}

/* The rooms and items booked for the occurrence, each with a Cancel
 * button. Returns the bookings (for the attendees' loans). */
static GPtrArray *
show_bookings (ResfriMeetingsView *self,
               ResfriOccurrence   *occurrence)
{
  g_autoptr(GPtrArray) bookings = NULL;
  g_autoptr(GError) error = NULL;

  clear_bookings (self);
  if (self->store == NULL)
    return NULL;

  bookings = resfri_bookings_list_for_occurrence (self->store,
                                                  resfri_occurrence_get_uid (occurrence),
                                                  get_rid (occurrence), &error);
  if (bookings == NULL)
    {
      toast_error (self, _("Cannot read the bookings: %s"), error);
      return NULL;
    }

  for (guint i = 0; i < bookings->len; i++)
    {
      const ResfriBooking *booking = g_ptr_array_index (bookings, i);
      g_autofree char *title = describe_booking (booking);
      g_autofree char *subtitle = NULL;
      g_autofree char *escaped = NULL;
      g_autofree char *label = NULL;
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *button;

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      if (booking->kind == RESFRI_BOOKING_ROOM)
        /* Translators: a booked room's site, as in "Room · RH" */
        subtitle = g_strdup_printf (_("Room · %s"), booking->site);
      else
        /* Translators: a loan's site and borrower, as in "Loan · RH · anna@example.se" */
        subtitle = g_strdup_printf (_("Loan · %s · %s"), booking->site,
                                    booking->person != NULL ? booking->person : "");
      escaped = g_markup_escape_text (subtitle, -1);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), escaped);

      /* Translators: the button that cancels a booking */
      button = gtk_button_new_with_label (C_("booking", "Cancel"));
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      /* Translators: %s is a room or an item, as in "H-12 (headset)" */
      label = g_strdup_printf (_("Cancel the Booking of %s"), title);
      gtk_widget_set_tooltip_text (button, label);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                      -1);
      g_object_set_data_full (G_OBJECT (button), "booking-id",
                              g_memdup2 (&booking->id, sizeof booking->id), g_free);
      g_signal_connect_object (button, "clicked", G_CALLBACK (on_cancel_booking_clicked_cb),
                               self, 0);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      gtk_list_box_append (self->bookings_list, row);
    }

  return g_steal_pointer (&bookings);
}

/* The tags of the items lent to each attendee, before the policy check
 * has given show_travel() the attendees' equipment. */
static void
show_loans (ResfriMeetingsView *self,
            GPtrArray          *attendees,
            GPtrArray          *bookings)
{
  GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->attendees_list));

  for (guint i = 0; attendees != NULL && i < attendees->len && row != NULL;
       i++, row = gtk_widget_get_next_sibling (row))
    {
      const ResfriAttendee *attendee = g_ptr_array_index (attendees, i);
      g_autofree char *tags = dup_loan_tags (bookings, attendee->email);
      g_autofree char *text = NULL;
      GtkWidget *label;

      if (tags == NULL || !ADW_IS_ACTION_ROW (row))
        continue;

      /* Translators: %s lists the asset tags of the items lent to an
       * attendee, as in "Loan: H-12, C-3" */
      text = g_strdup_printf (_("Loan: %s"), tags);
      label = gtk_label_new (text);
      gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 12);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
    }
}

static void
on_items_clicked_cb (ResfriMeetingsView *self)
{
  ResfriOccurrence *occurrence = gtk_single_selection_get_selected_item (self->selection);
  g_autoptr(GPtrArray) needs = NULL;
  g_autoptr(GPtrArray) reasons = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *booked_text = NULL;
  g_autofree char *text = NULL;
  g_autofree char *markup = NULL;
  AdwToast *toast;
  guint booked = 0;

  if (occurrence == NULL || self->store == NULL)
    return;

  needs = resfri_bookings_book_missing_items (self->store, resfri_occurrence_get_uid (occurrence),
                                              get_rid (occurrence), &error);
  if (needs == NULL)
    {
      toast_error (self, _("Cannot book loan items: %s"), error);
      return;
    }

  reasons = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < needs->len; i++)
    {
      const ResfriItemNeed *need = g_ptr_array_index (needs, i);
      g_autofree char *reason = NULL;
      gboolean seen = FALSE;

      if (need->booking != NULL)
        {
          booked++;
          continue;
        }
      /* Translators: an equipment type and a site, as in "no free camera
       * in Trollhättan" */
      reason = g_strdup_printf (_("no free %s in %s"), get_type_label (need->type),
                                need->site_name != NULL ? need->site_name : need->site);
      for (guint j = 0; j < reasons->len && !seen; j++)
        seen = strcmp (g_ptr_array_index (reasons, j), reason) == 0;
      if (!seen)
        g_ptr_array_add (reasons, g_steal_pointer (&reason));
    }

  if (needs->len == 0)
    text = g_strdup (_("Every remote attendee has a headset and a camera"));
  else
    {
      guint missing = needs->len - booked;

      booked_text = g_strdup_printf (ngettext ("%u item booked", "%u items booked", booked),
                                     booked);
      if (missing == 0)
        text = g_steal_pointer (&booked_text);
      else
        {
          g_autofree char *list = NULL;

          g_ptr_array_add (reasons, NULL);
          list = g_strjoinv (", ", (char **) reasons->pdata);
          /* Translators: "2 items booked", the number of items that could
           * not be booked, and why, as in "2 items booked, 1 missing (no
           * free camera in Trollhättan)" */
          text = g_strdup_printf (ngettext ("%s, %u missing (%s)", "%s, %u missing (%s)",
                                            missing),
                                  booked_text, missing, list);
        }
    }

  markup = g_markup_escape_text (text, -1);
  toast = adw_toast_new (markup);
  /* Long enough to read which pools had nothing free. */
  adw_toast_set_timeout (toast, 10);
  add_toast_object (self, toast);
  refresh_detail (self);
}

/* Online link */

typedef struct
{
  ResfriMeetingsView *self;
  GPtrArray          *versions;
  char               *key;
} LinkUndo;

static void
link_undo_free (gpointer data)
{
  LinkUndo *undo = data;

  g_clear_object (&undo->self);
  g_clear_pointer (&undo->versions, g_ptr_array_unref);
  g_free (undo->key);
  g_free (undo);
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
on_link_undo_cb (AdwToast *toast,
                 LinkUndo *undo)
{
  ResfriMeetingsView *self = undo->self;
  g_autoptr(GError) error = NULL;

  if (self->store == NULL)
    return;

  if (!resfri_meeting_restore (self->store, undo->versions, &error))
    toast_error (self, _("Cannot undo the meeting link: %s"), error);
  reload_and_select (self, undo->key);
}

static ResfriMode
get_chosen_mode (AdwMessageDialog *dialog)
{
  GtkCheckButton *hybrid = g_object_get_data (G_OBJECT (dialog), "hybrid");

  return hybrid != NULL && gtk_check_button_get_active (hybrid) ? RESFRI_MODE_HYBRID
                                                                 : RESFRI_MODE_ONLINE;
}

static void
update_link_response (AdwMessageDialog *dialog)
{
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), "url");
  g_autofree char *text = NULL;

  if (gtk_widget_in_destruction (GTK_WIDGET (dialog)) || entry == NULL)
    return;

  text = g_strstrip (g_strdup (gtk_editable_get_text (entry)));
  adw_message_dialog_set_response_enabled (dialog, "add", resfri_meeting_check_link (text, NULL));
}

static void
on_link_response_cb (AdwMessageDialog   *dialog,
                     const char         *response,
                     ResfriMeetingsView *self)
{
  GtkEditable *entry = g_object_get_data (G_OBJECT (dialog), "url");
  GtkCheckButton *whole = g_object_get_data (G_OBJECT (dialog), "whole");
  const char *uid = g_object_get_data (G_OBJECT (dialog), "uid");
  const char *recurrence_id = g_object_get_data (G_OBJECT (dialog), "recurrence-id");
  ResfriMode mode = get_chosen_mode (dialog);
  g_autoptr(GPtrArray) versions = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  LinkUndo *undo;
  AdwToast *toast;

  if (g_strcmp0 (response, "add") != 0 || self->store == NULL)
    return;

  url = g_strstrip (g_strdup (gtk_editable_get_text (entry)));
  versions = resfri_meeting_set_online_link (self->store, uid,
                                             whole != NULL && gtk_check_button_get_active (whole)
                                             ? NULL : recurrence_id,
                                             url, mode, &error);
  if (versions == NULL)
    {
      toast_error (self, _("Cannot add the meeting link: %s"), error);
      return;
    }

  undo = g_new0 (LinkUndo, 1);
  undo->self = g_object_ref (self);
  undo->versions = g_steal_pointer (&versions);
  undo->key = policy_key (uid, recurrence_id);
  reload_and_select (self, undo->key);

  toast = adw_toast_new (mode == RESFRI_MODE_HYBRID ? _("It is now a hybrid meeting")
                                                    : _("It is now a web meeting"));
  adw_toast_set_button_label (toast, _("_Undo"));
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (on_link_undo_cb), undo,
                         (GClosureNotify) (void (*) (void)) link_undo_free, 0);
  add_toast_object (self, toast);
}

static void
on_link_add_clicked_cb (ResfriMeetingsView *self)
{
  ResfriOccurrence *occurrence = gtk_single_selection_get_selected_item (self->selection);
  g_autoptr(ResfriPolicy) policy = NULL;
  g_autofree char *suggestion = NULL;
  GtkWidget *dialog;
  GtkWidget *box;
  GtkWidget *entry;
  GtkWidget *web;
  GtkWidget *hybrid;

  if (occurrence == NULL || self->store == NULL)
    return;

  policy = resfri_policy_load (self->store, NULL);
  if (resfri_occurrence_get_online_url (occurrence) != NULL)
    suggestion = g_strdup (resfri_occurrence_get_online_url (occurrence));
  else
    suggestion = resfri_meeting_suggest_link (policy);

  dialog = adw_message_dialog_new (get_window (self), _("Add a Meeting Link"), NULL);
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (dialog),
                               _("Attendees join with the link. A web meeting has no room; "
                                 "a hybrid meeting keeps its room for those on site."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "add", _("_Add Link"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "add",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "add");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  entry = gtk_entry_new ();
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_entry_set_input_purpose (GTK_ENTRY (entry), GTK_INPUT_PURPOSE_URL);
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), "https://");
  if (suggestion != NULL)
    gtk_editable_set_text (GTK_EDITABLE (entry), suggestion);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Meeting Link"),
                                  -1);
  g_signal_connect_swapped (entry, "changed", G_CALLBACK (update_link_response), dialog);
  gtk_box_append (GTK_BOX (box), entry);
  g_object_set_data_full (G_OBJECT (dialog), "url", g_object_ref (entry), g_object_unref);

  web = gtk_check_button_new_with_label (_("Web meeting (no room)"));
  hybrid = gtk_check_button_new_with_label (_("Hybrid meeting (keep the room)"));
  gtk_check_button_set_group (GTK_CHECK_BUTTON (hybrid), GTK_CHECK_BUTTON (web));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (web), TRUE);
  gtk_widget_set_margin_top (web, 6);
  gtk_box_append (GTK_BOX (box), web);
  gtk_box_append (GTK_BOX (box), hybrid);
  g_object_set_data (G_OBJECT (dialog), "hybrid", hybrid);

  finish_occurrence_dialog (dialog, box, occurrence);
  update_link_response (ADW_MESSAGE_DIALOG (dialog));
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_link_response_cb), self, 0);

  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (entry);
}

/* Export */

static void
write_meeting_export (ResfriMeetingsView *self,
                      const char         *uid,
                      GFile              *file)
{
  g_autofree char *text = NULL;
  g_autofree char *basename = NULL;
  g_autofree char *markup = NULL;
  g_autoptr(GError) error = NULL;
  gsize length = 0;

  if (self->store == NULL)
    return;

  text = resfri_store_export_meeting_ical (self->store, uid, "PUBLISH", &length, NULL, &error);
  if (text == NULL ||
      !g_file_replace_contents (file, text, length, NULL, FALSE, G_FILE_CREATE_NONE, NULL, NULL,
                                &error))
    {
      toast_error (self, _("Cannot export the meeting: %s"), error);
      return;
    }

  basename = g_file_get_basename (file);
  /* Translators: %s is a file name */
  markup = g_markup_printf_escaped (_("Exported to %s"), basename);
  add_toast (self, markup);
}

static void
export_response_cb (GtkNativeDialog *dialog,
                    int              response,
                    gpointer         user_data)
{
  g_autoptr(ResfriMeetingsView) self = user_data;
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT &&
      (file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog))) != NULL)
    write_meeting_export (self, g_object_get_data (G_OBJECT (dialog), "uid"), file);
  g_object_unref (dialog);
}

/* A file name from the meeting's summary: letters, digits, spaces and
 * dashes kept, the rest dropped. */
static char *
dup_export_name (ResfriOccurrence *occurrence)
{
  const char *summary = resfri_occurrence_get_summary (occurrence);
  g_autoptr(GString) name = g_string_new (NULL);

  for (const char *p = summary; p != NULL && *p != '\0' && name->len < 60;
       p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isalnum (c) || c == ' ' || c == '-' || c == '_')
        g_string_append_unichar (name, c);
    }
  g_strstrip (name->str);
  if (name->str[0] == '\0')
    return g_strdup ("meeting.ics");

  return g_strdup_printf ("%s.ics", name->str);
}

static void
on_export_clicked_cb (ResfriMeetingsView *self)
{
  ResfriOccurrence *occurrence = gtk_single_selection_get_selected_item (self->selection);
  g_autofree char *name = NULL;
  GtkFileChooserNative *dialog;
  GtkFileFilter *filter;
  const char *test_dir;

  if (occurrence == NULL || self->store == NULL)
    return;

  name = dup_export_name (occurrence);
  /* The UI tests cannot drive a file chooser under Xvfb reliably: they name
   * a folder to export to without asking. */
  test_dir = g_getenv ("RESFRI_TEST_EXPORT_DIR");
  if (test_dir != NULL && *test_dir != '\0')
    {
      g_autofree char *path = g_build_filename (test_dir, name, NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);

      write_meeting_export (self, resfri_occurrence_get_uid (occurrence), file);
      return;
    }

  dialog = gtk_file_chooser_native_new (_("Export Meeting"), get_window (self),
                                        GTK_FILE_CHOOSER_ACTION_SAVE,
                                        _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, _("iCalendar files"));
  gtk_file_filter_add_mime_type (filter, "text/calendar");
  gtk_file_filter_add_suffix (filter, "ics");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  g_object_unref (filter);
  g_object_set_data_full (G_OBJECT (dialog), "uid",
                          g_strdup (resfri_occurrence_get_uid (occurrence)), g_free);
  g_signal_connect (dialog, "response", G_CALLBACK (export_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
show_occurrence (ResfriMeetingsView *self,
                 ResfriOccurrence   *occurrence)
{
  g_autoptr(GPtrArray) attendees = NULL;
  g_autoptr(GPtrArray) bookings = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *time = NULL;
  g_autofree char *organizer = NULL;
  g_autofree char *organizer_loans = NULL;
  g_autofree char *title = NULL;
  const char *summary;

  clear_attendees (self);
  clear_bookings (self);

  if (occurrence == NULL)
    {
      set_stack_page (self->detail_stack, "none");
      return;
    }

  summary = resfri_occurrence_get_summary (occurrence);
  gtk_label_set_text (self->summary_label, summary != NULL ? summary : _("Untitled meeting"));

  time = format_time_range (self, occurrence, TRUE);
  set_row_text (self->time_row, time);
  set_row_text (self->location_row, resfri_occurrence_get_location (occurrence));
  set_row_text (self->link_row, resfri_occurrence_get_online_url (occurrence));

  if (resfri_occurrence_get_organizer_name (occurrence) != NULL)
    organizer = g_strdup_printf ("%s <%s>", resfri_occurrence_get_organizer_name (occurrence),
                                 resfri_occurrence_get_organizer (occurrence));
  else
    organizer = g_strdup (resfri_occurrence_get_organizer (occurrence));
  set_row_text (self->organizer_row, organizer);

  if (self->store != NULL)
    attendees = resfri_occurrence_load_attendees (occurrence, self->store, &error);
  if (error != NULL)
    {
      g_autofree char *markup = NULL;

      markup = g_markup_printf_escaped (_("Cannot read the attendees: %s"), error->message);
      add_toast (self, markup);
    }

  title = g_strdup_printf (ngettext ("%u Attendee", "%u Attendees",
                                     attendees != NULL ? attendees->len : 0),
                           attendees != NULL ? attendees->len : 0);
  adw_preferences_group_set_title (self->attendees_group, title);
  gtk_widget_set_visible (GTK_WIDGET (self->attendees_list),
                          attendees != NULL && attendees->len > 0);

  for (guint i = 0; attendees != NULL && i < attendees->len; i++)
    gtk_list_box_append (self->attendees_list,
                         create_attendee_row (g_ptr_array_index (attendees, i)));

  show_verdict (self, occurrence);
  bookings = show_bookings (self, occurrence);
  organizer_loans = dup_loan_tags (bookings, resfri_occurrence_get_organizer (occurrence));
  if (organizer_loans != NULL && organizer != NULL)
    {
      g_autofree char *text = NULL;

      /* Translators: the organiser, and the asset tags of the items lent
       * to them, as in "Anna <anna@example.se> · Loan: H-12" */
      text = g_strdup_printf (_("%s · Loan: %s"), organizer, organizer_loans);
      set_row_text (self->organizer_row, text);
    }
  if (lookup_policy (self, occurrence) != NULL)
    show_travel (self, occurrence, attendees, bookings);
  else
    show_loans (self, attendees, bookings);
  update_actions (self, occurrence);

  set_stack_page (self->detail_stack, "detail");
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
  GListModel *model = G_LIST_MODEL (self->filter_model);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(ResfriOccurrence) item = g_list_model_get_item (model, i);
      g_autofree char *item_key = policy_key (resfri_occurrence_get_uid (item), get_rid (item));

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
  ResfriOccurrence *selected = gtk_single_selection_get_selected_item (self->selection);

  if (selected != NULL && self->pending_key == NULL)
    self->pending_key = policy_key (resfri_occurrence_get_uid (selected), get_rid (selected));
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
      add_toast (self, markup);
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
      set_stack_page (self->list_stack, "loading");
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

static void
on_selected_item_changed_cb (ResfriMeetingsView *self)
{
  show_occurrence (self, gtk_single_selection_get_selected_item (self->selection));
}

static void
on_column_view_activate_cb (ResfriMeetingsView *self,
                            guint               position)
{
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

static void
on_link_clicked_cb (ResfriMeetingsView *self)
{
  ResfriOccurrence *occurrence = gtk_single_selection_get_selected_item (self->selection);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (occurrence != NULL && resfri_occurrence_get_online_url (occurrence) != NULL)
    gtk_show_uri (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                  resfri_occurrence_get_online_url (occurrence), GDK_CURRENT_TIME);
}

/* The week is read the first time the view is shown, not at start-up. */
static void
on_map_cb (ResfriMeetingsView *self)
{
  if (!self->loaded && self->cancellable == NULL)
    load_week (self);
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
  if (!(info = lookup_policy (self, item)))
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

/* Columns */

typedef enum
{
  COLUMN_DATE,
  COLUMN_TIME,
  COLUMN_SUMMARY,
  COLUMN_ORGANIZER,
  COLUMN_LOCATION,
  COLUMN_VERDICT,
  COLUMN_MODE,
} Column;

/* The cells that show the policy are kept in self->bound_items (the
 * cell's widget, holding its occurrence) until their widget goes. */
static void
update_policy_cell (ResfriMeetingsView *self,
                    GtkWidget          *child)
{
  Column column = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (child), "column"));
  ResfriOccurrence *occurrence = g_object_get_data (G_OBJECT (child), "occurrence");
  const ResfriResolvedOccurrence *info = lookup_policy (self, occurrence);

  if (column == COLUMN_VERDICT)
    set_badge (GTK_LABEL (child), info);
  else if (column == COLUMN_MODE)
    gtk_inscription_set_text (GTK_INSCRIPTION (child),
                              info != NULL ? get_mode_label (info->mode) : "");
}

static void
policy_cell_gone_cb (gpointer  data,
                     GObject  *where_the_object_was)
{
  ResfriMeetingsView *self = data;

  if (self->bound_items != NULL)
    g_hash_table_remove (self->bound_items, where_the_object_was);
}

static void
unbind_cell_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                ResfriMeetingsView       *self)
{
  GtkWidget *child = gtk_list_item_get_child (list_item);

  if (child != NULL)
    g_object_set_data (G_OBJECT (child), "occurrence", NULL);
}

static void
setup_cell_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  user_data)
{
  Column column = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (factory), "column"));
  GtkWidget *inscription;

  g_object_set_data (G_OBJECT (list_item), "column", GINT_TO_POINTER (column));

  if (column == COLUMN_VERDICT)
    {
      GtkWidget *badge = gtk_label_new (NULL);

      gtk_widget_set_halign (badge, GTK_ALIGN_START);
      gtk_widget_add_css_class (badge, "verdict");
      gtk_list_item_set_child (list_item, badge);
      return;
    }

  inscription = gtk_inscription_new (NULL);

  gtk_inscription_set_text_overflow (GTK_INSCRIPTION (inscription),
                                     GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
  if (column == COLUMN_DATE || column == COLUMN_TIME)
    gtk_widget_add_css_class (inscription, "numeric");

  gtk_list_item_set_child (list_item, inscription);
}

/* The Location column: the LOCATION text, but a link written there (as
 * web meetings often do) is shown as its service, "Online (meet.jit.si)",
 * and a meeting with only a link as "Online". */
static char *
format_location (ResfriOccurrence *occurrence)
{
  const char *location = resfri_occurrence_get_location (occurrence);
  const char *url = location;

  if (location == NULL || *location == '\0')
    {
      url = resfri_occurrence_get_online_url (occurrence);
      if (url == NULL)
        return NULL;
    }
  if (g_str_has_prefix (url, "https://") || g_str_has_prefix (url, "http://"))
    {
      g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);

      if (uri != NULL && g_uri_get_host (uri) != NULL)
        /* Translators: the Location column of a web meeting: its service's host */
        return g_strdup_printf (_("Online (%s)"), g_uri_get_host (uri));
      return g_strdup (_("Online"));
    }
  if (url != location)
    return g_strdup (_("Online"));
  return g_strdup (location);
}

static void
bind_cell_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              ResfriMeetingsView       *self)
{
  Column column = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (factory), "column"));
  ResfriOccurrence *occurrence = gtk_list_item_get_item (list_item);
  GtkInscription *inscription;
  g_autofree char *owned = NULL;
  const char *text = NULL;

  if (column == COLUMN_VERDICT || column == COLUMN_MODE)
    {
      GtkWidget *child = gtk_list_item_get_child (list_item);

      g_object_set_data (G_OBJECT (child), "column", GINT_TO_POINTER (column));
      g_object_set_data_full (G_OBJECT (child), "occurrence",
                              g_object_ref (gtk_list_item_get_item (list_item)), g_object_unref);
      if (!g_hash_table_contains (self->bound_items, child))
        {
          g_hash_table_add (self->bound_items, child);
          g_object_weak_ref (G_OBJECT (child), policy_cell_gone_cb, self);
        }
      update_policy_cell (self, child);
      return;
    }

  inscription = GTK_INSCRIPTION (gtk_list_item_get_child (list_item));

  switch (column)
    {
    case COLUMN_DATE:
      {
        g_autoptr(GDateTime) start = local_time (self, resfri_occurrence_get_start (occurrence));

        /* Translators: a short weekday and an ISO date, as in "Mon 2026-03-16" */
        owned = g_date_time_format (start, _("%a %Y-%m-%d"));
      }
      break;

    case COLUMN_TIME:
      owned = format_time_range (self, occurrence, FALSE);
      break;

    case COLUMN_SUMMARY:
      text = resfri_occurrence_get_summary (occurrence);
      break;

    case COLUMN_ORGANIZER:
      text = resfri_occurrence_get_organizer_name (occurrence);
      if (text == NULL)
        text = resfri_occurrence_get_organizer (occurrence);
      break;

    case COLUMN_LOCATION:
      owned = format_location (occurrence);
      break;

    default:
      g_assert_not_reached ();
    }

  gtk_inscription_set_text (inscription, owned != NULL ? owned : (text != NULL ? text : ""));
}

static void
add_column (ResfriMeetingsView *self,
            Column              column,
            const char         *title,
            int                 fixed_width,
            gboolean            expand)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkColumnViewColumn) view_column = NULL;

  g_object_set_data (G_OBJECT (factory), "column", GINT_TO_POINTER (column));
  g_signal_connect (factory, "setup", G_CALLBACK (setup_cell_cb), NULL);
  g_signal_connect_object (factory, "bind", G_CALLBACK (bind_cell_cb), self, 0);
  g_signal_connect_object (factory, "unbind", G_CALLBACK (unbind_cell_cb), self, 0);

  view_column = gtk_column_view_column_new (title, g_steal_pointer (&factory));
  gtk_column_view_column_set_resizable (view_column, TRUE);
  gtk_column_view_column_set_expand (view_column, expand);
  if (fixed_width > 0)
    gtk_column_view_column_set_fixed_width (view_column, fixed_width);
  gtk_column_view_append_column (self->column_view, view_column);
}

/* Wide enough for the longest verdict badge in the current language
 * ("Följer inte policyn"): the badge's smaller bold text, its padding and
 * the cell's margins. */
static int
verdict_column_width (ResfriMeetingsView *self)
{
  static const ResfriVerdict verdicts[] = {
    RESFRI_VERDICT_TRAVEL_FREE, RESFRI_VERDICT_LOCAL, RESFRI_VERDICT_EXEMPT,
    RESFRI_VERDICT_NON_COMPLIANT, RESFRI_VERDICT_UNKNOWN,
  };
  PangoAttrList *attributes = pango_attr_list_new ();
  int widest = 0;

  pango_attr_list_insert (attributes, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
  pango_attr_list_insert (attributes, pango_attr_scale_new (PANGO_SCALE_SMALL));
  for (guint i = 0; i < G_N_ELEMENTS (verdicts); i++)
    {
      g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (self),
                                                                     resfri_verdict_get_label (verdicts[i]));
      int width;

      pango_layout_set_attributes (layout, attributes);
      pango_layout_get_pixel_size (layout, &width, NULL);
      widest = MAX (widest, width);
    }
  pango_attr_list_unref (attributes);

  return MAX (120, widest + 16 + 24);
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
    modes[i + 1] = get_mode_label (mode_order[i]);

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

  gtk_widget_dispose_template (GTK_WIDGET (self), RESFRI_TYPE_MEETINGS_VIEW);

  g_clear_object (&self->selection);
  g_clear_object (&self->filter_model);
  g_clear_object (&self->filter);
  g_clear_object (&self->occurrences);
  g_clear_object (&self->unit_strings);
  if (self->bound_items != NULL)
    {
      GHashTableIter iter;
      gpointer child;

      g_hash_table_iter_init (&iter, self->bound_items);
      while (g_hash_table_iter_next (&iter, &child, NULL))
        g_object_weak_unref (child, policy_cell_gone_cb, self);
      g_clear_pointer (&self->bound_items, g_hash_table_unref);
    }

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
  gtk_widget_class_bind_template_child (widget_class, ResfriMeetingsView, detail_stack);
  gtk_widget_class_bind_template_child (widget_class, ResfriMeetingsView, summary_label);
  gtk_widget_class_bind_template_child (widget_class, ResfriMeetingsView, time_row);
  gtk_widget_class_bind_template_child (widget_class, ResfriMeetingsView, location_row);
  gtk_widget_class_bind_template_child (widget_class, ResfriMeetingsView, link_row);
  gtk_widget_class_bind_template_child (widget_class, ResfriMeetingsView, organizer_row);
  gtk_widget_class_bind_template_child (widget_class, ResfriMeetingsView, attendees_group);
  gtk_widget_class_bind_template_child (widget_class, ResfriMeetingsView, attendees_list);
  gtk_widget_class_bind_template_child (widget_class, ResfriMeetingsView, filter_box);
  gtk_widget_class_bind_template_child (widget_class, ResfriMeetingsView, policy_group);
  gtk_widget_class_bind_template_child (widget_class, ResfriMeetingsView, verdict_badge);
  gtk_widget_class_bind_template_child (widget_class, ResfriMeetingsView, verdict_row);
  gtk_widget_class_bind_template_child (widget_class, ResfriMeetingsView, mode_row);
  gtk_widget_class_bind_template_child (widget_class, ResfriMeetingsView, venue_row);
  gtk_widget_class_bind_template_child (widget_class, ResfriMeetingsView, travel_row);
  gtk_widget_class_bind_template_child (widget_class, ResfriMeetingsView, exempt_button);
  gtk_widget_class_bind_template_child (widget_class, ResfriMeetingsView, room_button);
  gtk_widget_class_bind_template_child (widget_class, ResfriMeetingsView, items_button);
  gtk_widget_class_bind_template_child (widget_class, ResfriMeetingsView, link_add_button);
  gtk_widget_class_bind_template_child (widget_class, ResfriMeetingsView, export_button);
  gtk_widget_class_bind_template_child (widget_class, ResfriMeetingsView, bookings_group);
  gtk_widget_class_bind_template_child (widget_class, ResfriMeetingsView, bookings_list);
  gtk_widget_class_bind_template_callback (widget_class, on_items_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_link_add_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_export_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_exempt_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_room_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_calendar_day_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_column_view_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_back_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_folded_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_link_clicked_cb);

  gtk_widget_class_install_action (widget_class, "meetings.previous-week", NULL,
                                   previous_week_action);
  gtk_widget_class_install_action (widget_class, "meetings.next-week", NULL, next_week_action);
  gtk_widget_class_install_action (widget_class, "meetings.this-week", NULL, this_week_action);
}

static void
resfri_meetings_view_init (ResfriMeetingsView *self)
{
  g_autoptr(GDateTime) now = NULL;
  GtkWidget *placeholder;

  gtk_widget_init_template (GTK_WIDGET (self));

  placeholder = gtk_label_new (_("Nothing booked"));
  gtk_widget_add_css_class (placeholder, "dim-label");
  gtk_widget_set_margin_top (placeholder, 12);
  gtk_widget_set_margin_bottom (placeholder, 12);
  gtk_list_box_set_placeholder (self->bookings_list, placeholder);

  self->tz = g_time_zone_new_identifier ("Europe/Stockholm");
  if (self->tz == NULL)
    self->tz = g_time_zone_new_local ();

  self->bound_items = g_hash_table_new (NULL, NULL);
  self->unit_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->unit_filter = -1;
  create_filters (self);

  self->occurrences = resfri_occurrence_list_new ();
  self->filter = gtk_custom_filter_new (filter_occurrence, self, NULL);
  self->filter_model = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->occurrences)),
                                                  g_object_ref (GTK_FILTER (self->filter)));
  gtk_filter_list_model_set_incremental (self->filter_model, TRUE);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->filter_model)));
  gtk_single_selection_set_autoselect (self->selection, TRUE);

  g_signal_connect_object (self->filter_model, "items-changed",
                           G_CALLBACK (on_filter_items_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->filter_model, "notify::pending",
                           G_CALLBACK (on_filter_items_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->selection, "notify::selected-item",
                           G_CALLBACK (on_selected_item_changed_cb), self, G_CONNECT_SWAPPED);

  /* The meeting's title gets what the fixed columns leave; the attendees
   * are in the detail pane. */
  add_column (self, COLUMN_DATE, _("Date"), 120, FALSE);
  add_column (self, COLUMN_TIME, _("Time"), 95, FALSE);
  add_column (self, COLUMN_VERDICT, _("Verdict"), verdict_column_width (self), FALSE);
  add_column (self, COLUMN_SUMMARY, _("Meeting"), -1, TRUE);
  add_column (self, COLUMN_MODE, _("Mode"), 85, FALSE);
  add_column (self, COLUMN_ORGANIZER, _("Organiser"), 130, FALSE);
  add_column (self, COLUMN_LOCATION, _("Location"), 130, FALSE);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));

  now = g_date_time_new_now (self->tz);
  self->week_start = monday_of (self,
                                g_date_time_get_year (now),
                                g_date_time_get_month (now),
                                g_date_time_get_day_of_month (now));
  g_signal_connect (self, "map", G_CALLBACK (on_map_cb), NULL);

  update_week_label (self);
  set_stack_page (self->detail_stack, "none");
  set_stack_page (self->list_stack, "loading");
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

  self->loaded = FALSE;
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    load_week (self);
}

/* Reads the shown week again (after a change from elsewhere), if it has
 * been read; otherwise it is read when the view is first shown. */
void
resfri_meetings_view_reload (ResfriMeetingsView *self)
{
  g_return_if_fail (RESFRI_IS_MEETINGS_VIEW (self));

  if (self->loaded)
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

void
resfri_meetings_view_focus_search (ResfriMeetingsView *self)
{
  g_return_if_fail (RESFRI_IS_MEETINGS_VIEW (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

/* resfri-meetings-view.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "resfri-meetings-view.h"
#include "resfri-occurrence-list.h"

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
};

G_DEFINE_FINAL_TYPE (ResfriMeetingsView, resfri_meetings_view, ADW_TYPE_BIN)

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

/* Where the policy verdict (resfri-resolve.h, "travel-free", "needs a
 * room", …) will be shown for the selected occurrence: a badge next to the
 * summary and a row in the detail pane. Nothing is shown until the policy
 * check is in the core. */
static void
show_verdict (ResfriMeetingsView *self,
              ResfriOccurrence   *occurrence)
{
}

/* Where each attendee's travel (km and CO2 to the meeting's site) will be
 * added to the attendee rows, once the travel figures are in the core. */
static void
show_travel (ResfriMeetingsView *self,
             ResfriOccurrence   *occurrence,
             GPtrArray          *attendees)
{
}

/* Where the actions on the selected occurrence (record an exemption, make
 * it a web meeting, book a room or loan items, export as .ics) will be
 * enabled, once allocation and bookings are in the core. */
static void
update_actions (ResfriMeetingsView *self,
                ResfriOccurrence   *occurrence)
{
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

static void
show_occurrence (ResfriMeetingsView *self,
                 ResfriOccurrence   *occurrence)
{
  g_autoptr(GPtrArray) attendees = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *time = NULL;
  g_autofree char *organizer = NULL;
  g_autofree char *title = NULL;
  const char *summary;

  clear_attendees (self);

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
  show_travel (self, occurrence, attendees);
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

  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
}

static void
on_stop_search_cb (ResfriMeetingsView *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
}

static void
on_filter_items_changed_cb (ResfriMeetingsView *self)
{
  update_list_page (self);
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

  return resfri_occurrence_matches (item, self->search_folded);
}

/* Columns */

typedef enum
{
  COLUMN_DATE,
  COLUMN_TIME,
  COLUMN_SUMMARY,
  COLUMN_ORGANIZER,
  COLUMN_LOCATION,
  COLUMN_ATTENDEES,
} Column;

static void
setup_cell_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  user_data)
{
  Column column = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (factory), "column"));
  GtkWidget *inscription = gtk_inscription_new (NULL);

  gtk_inscription_set_text_overflow (GTK_INSCRIPTION (inscription),
                                     GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
  if (column == COLUMN_ATTENDEES)
    {
      gtk_inscription_set_xalign (GTK_INSCRIPTION (inscription), 1.0);
      gtk_widget_add_css_class (inscription, "numeric");
    }
  if (column == COLUMN_DATE || column == COLUMN_TIME)
    gtk_widget_add_css_class (inscription, "numeric");

  gtk_list_item_set_child (list_item, inscription);
}

static void
bind_cell_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              ResfriMeetingsView       *self)
{
  Column column = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (factory), "column"));
  ResfriOccurrence *occurrence = gtk_list_item_get_item (list_item);
  GtkInscription *inscription = GTK_INSCRIPTION (gtk_list_item_get_child (list_item));
  g_autofree char *owned = NULL;
  const char *text = NULL;

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
      text = resfri_occurrence_get_location (occurrence);
      if (text == NULL && resfri_occurrence_get_online_url (occurrence) != NULL)
        text = _("Online");
      break;

    case COLUMN_ATTENDEES:
      owned = g_strdup_printf ("%u", resfri_occurrence_get_n_attendees (occurrence));
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

  view_column = gtk_column_view_column_new (title, g_steal_pointer (&factory));
  gtk_column_view_column_set_resizable (view_column, TRUE);
  gtk_column_view_column_set_expand (view_column, expand);
  if (fixed_width > 0)
    gtk_column_view_column_set_fixed_width (view_column, fixed_width);
  gtk_column_view_append_column (self->column_view, view_column);
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

static void
resfri_meetings_view_dispose (GObject *object)
{
  ResfriMeetingsView *self = (ResfriMeetingsView *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  gtk_widget_dispose_template (GTK_WIDGET (self), RESFRI_TYPE_MEETINGS_VIEW);

  g_clear_object (&self->selection);
  g_clear_object (&self->filter_model);
  g_clear_object (&self->filter);
  g_clear_object (&self->occurrences);

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

  gtk_widget_init_template (GTK_WIDGET (self));

  self->tz = g_time_zone_new_identifier ("Europe/Stockholm");
  if (self->tz == NULL)
    self->tz = g_time_zone_new_local ();

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

  add_column (self, COLUMN_DATE, _("Date"), 130, FALSE);
  add_column (self, COLUMN_TIME, _("Time"), 100, FALSE);
  add_column (self, COLUMN_SUMMARY, _("Meeting"), -1, TRUE);
  add_column (self, COLUMN_ORGANIZER, _("Organiser"), 160, FALSE);
  add_column (self, COLUMN_LOCATION, _("Location"), 150, FALSE);
  add_column (self, COLUMN_ATTENDEES, _("Attendees"), 90, FALSE);
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

/* resfri-overview.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Overview, the window's first view: what each role has to act on,
 * each card leading to the view that acts on it. For an employee (who "I"
 * am: GSettings' user-email, chosen in Preferences), their own meetings of
 * the next four weeks that need travel, with Go to Meeting and Convert…;
 * for IT, the pools that will run short and the people without equipment
 * in the next four weeks (the gaps), today's loans and the broken items;
 * for politicians, this year's travel-free share against the target, the
 * trend against the same months a year earlier, and the three biggest
 * opportunities; and, when many meetings have people outside the people
 * register, how many and what to do. Every figure is read on a worker
 * once the view is on screen (after its first frame), each card showing a
 * spinner until its figures arrive.
 *
 * The window still hands it the database's counts, which decide between
 * the views and the first-run page; Preferences shows them.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "resfri-application.h"
#include "resfri-convert-dialog.h"
#include "resfri-core.h"
#include "resfri-equipment-item.h"
#include "resfri-item-labels.h"
#include "resfri-item-list.h"
#include "resfri-overview.h"
#include "resfri-preferences-window.h"
#include "resfri-view.h"
#include "resfri-widget-util.h"

/* The employee's and IT's horizon. */
#define HORIZON_DAYS 28
/* The employee card lists this many meetings, the politicians' three
 * opportunities. */
#define MAX_MEETINGS 5
#define N_OPPORTUNITIES 3
/* The cards stand side by side from this width of the view on. */
#define TWO_COLUMNS_WIDTH 960

/* A row with a figure: a spinner until it is known. */
typedef struct
{
  AdwActionRow *row;
  GtkSpinner   *spinner;
  GtkLabel     *value;
} ValueRow;

enum
{
  IT_SHORT,
  IT_GAPS,
  IT_LOANS,
  IT_BROKEN,
  N_IT_ROWS
};

enum
{
  SHARE_NOW,
  SHARE_TREND,
  N_SHARE_ROWS
};

struct _ResfriOverview
{
  AdwBin                parent_instance;

  ResfriStore          *store;
  GCancellable         *cancellable;
  ResfriPolicyVerdicts *verdicts;    /* the next four weeks, for the employee */
  GdkFrameClock        *paint_clock;   /* borrowed, while paint_id is set */
  gulong                paint_id;
  guint                 columns_id;
  gboolean              dirty;
  gboolean              empty;

  /* Template widgets */
  AdwPreferencesGroup  *quality_group;
  GtkListBox           *quality_list;
  GtkBox               *left_column;
  GtkBox               *right_column;
  AdwPreferencesGroup  *employee_group;
  AdwPreferencesGroup  *politician_group;
  GtkListBox           *employee_list;
  GtkListBox           *share_list;
  GtkListBox           *opportunities_list;
  GtkListBox           *it_list;

  ValueRow              it_rows[N_IT_ROWS];
  ValueRow              share_rows[N_SHARE_ROWS];
};

static void resfri_overview_view_iface_init (ResfriViewInterface *iface);
static void resfri_overview_reload          (ResfriView          *view);

G_DEFINE_FINAL_TYPE_WITH_CODE (ResfriOverview, resfri_overview, ADW_TYPE_BIN,
                               G_IMPLEMENT_INTERFACE (RESFRI_TYPE_VIEW,
                                                      resfri_overview_view_iface_init))

/* Helpers */

static GSettings *
get_settings (void)
{
  GApplication *app = g_application_get_default ();

  return RESFRI_IS_APPLICATION (app) ? resfri_application_get_settings (RESFRI_APPLICATION (app))
                                     : NULL;
}

static char *
dup_user_email (void)
{
  GSettings *settings = get_settings ();
  g_autofree char *email = settings ? g_settings_get_string (settings, "user-email") : NULL;

  if (email == NULL || g_strstrip (email)[0] == '\0')
    return NULL;
  return g_steal_pointer (&email);
}

static void
list_clear (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

/* The narrowest a wrapping label of the cards is measured at, in
 * characters. */
#define MIN_WRAP_CHARS 12

/* GtkLabel measures a wrapping label's minimum width by laying its text
 * out at a width of 0, which with libadwaita's word-char wrapping breaks
 * it after every character; pango 1.50 shapes the rest of the text again
 * for each of those lines, and the cards' layout asks for it again and
 * again: about 12,000 shapings before the cards' first frame (a third of
 * the window's instructions). Measured at MIN_WRAP_CHARS instead, a card
 * in the narrowest window looks the same. */
static void
limit_wrapping (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget))
    {
      if (gtk_label_get_wrap (GTK_LABEL (widget)) &&
          gtk_label_get_width_chars (GTK_LABEL (widget)) < 0)
        gtk_label_set_width_chars (GTK_LABEL (widget), MIN_WRAP_CHARS);
      return;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    limit_wrapping (child);
}

static AdwActionRow *
text_row_new (const char *title,
              const char *subtitle)
{
  AdwActionRow *row = ADW_ACTION_ROW (adw_action_row_new ());

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (row, subtitle);
  resfri_widget_no_hyphens (GTK_WIDGET (row));
  limit_wrapping (GTK_WIDGET (row));
  return row;
}

static void
on_row_activates_cb (AdwActionRow *row,
                     GtkWidget    *button)
{
  gtk_widget_activate (button);
}

/* Activating @row clicks @button. (Not the row's activatable widget: that
 * would add the row's title to the button's accessible name.) */
static void
row_activates (AdwActionRow *row,
               GtkWidget    *button)
{
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_signal_connect_object (row, "activated", G_CALLBACK (on_row_activates_cb), button, 0);
}

/* A list that waits for its figures: one row with a spinner. */
static void
list_set_loading (GtkListBox *list)
{
  AdwActionRow *row = text_row_new (_("Loading"), NULL);
  GtkWidget *spinner = gtk_spinner_new ();

  list_clear (list);
  gtk_spinner_start (GTK_SPINNER (spinner));
  gtk_accessible_update_property (GTK_ACCESSIBLE (spinner), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Loading"), -1);
  adw_action_row_add_prefix (row, spinner);
  gtk_list_box_append (list, GTK_WIDGET (row));
}

static void
list_set_message (GtkListBox *list,
                  const char *title,
                  const char *subtitle)
{
  list_clear (list);
  gtk_list_box_append (list, GTK_WIDGET (text_row_new (title, subtitle)));
}

static void
on_row_activated_cb (AdwActionRow   *row,
                     ResfriOverview *self)
{
  const char *view = g_object_get_data (G_OBJECT (row), "view");

  gtk_widget_activate_action (GTK_WIDGET (self), "win.show-view", "s", view);
}

/* A row of a figure that leads to @view (activating the row goes there). */
static void
value_row_init (ResfriOverview *self,
                ValueRow       *value_row,
                GtkListBox     *list,
                const char     *title,
                const char     *view)
{
  AdwActionRow *row = text_row_new (title, NULL);
  GtkWidget *spinner = gtk_spinner_new ();
  GtkWidget *label = gtk_label_new (NULL);

  gtk_accessible_update_property (GTK_ACCESSIBLE (spinner), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Loading"), -1);
  adw_action_row_add_suffix (row, spinner);
  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  gtk_label_set_xalign (GTK_LABEL (label), 1.0);
  gtk_widget_add_css_class (label, "numeric");
  adw_action_row_add_suffix (row, label);
  if (view != NULL)
    {
      GtkWidget *arrow = gtk_image_new_from_icon_name ("go-next-symbolic");

      adw_action_row_add_suffix (row, arrow);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data (G_OBJECT (row), "view", (gpointer) view);
      g_signal_connect_object (row, "activated", G_CALLBACK (on_row_activated_cb), self, 0);
    }
  gtk_list_box_append (list, GTK_WIDGET (row));

  value_row->row = row;
  value_row->spinner = GTK_SPINNER (spinner);
  value_row->value = GTK_LABEL (label);
}

static void
value_row_set_loading (ValueRow *value_row)
{
  gtk_widget_set_visible (GTK_WIDGET (value_row->spinner), TRUE);
  gtk_spinner_start (value_row->spinner);
  gtk_label_set_text (value_row->value, "");
  adw_action_row_set_subtitle (value_row->row, "");
  gtk_accessible_reset_property (GTK_ACCESSIBLE (value_row->row),
                                 GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
}

/* The figure @value and what it means, @subtitle; the row's accessible
 * description says both. */
static void
value_row_set (ValueRow   *value_row,
               const char *value,
               const char *subtitle)
{
  g_autofree char *description = NULL;

  gtk_spinner_stop (value_row->spinner);
  gtk_widget_set_visible (GTK_WIDGET (value_row->spinner), FALSE);
  gtk_label_set_text (value_row->value, value);
  adw_action_row_set_subtitle (value_row->row, subtitle != NULL ? subtitle : "");
  description = subtitle != NULL && *subtitle ? g_strdup_printf ("%s · %s", value, subtitle)
                                              : g_strdup (value);
  gtk_accessible_update_property (GTK_ACCESSIBLE (value_row->row),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description, -1);
}

static char *
format_count (guint n)
{
  return g_strdup_printf ("%'u", n);
}

static char *
format_percent (double share)
{
  /* TRANSLATORS: a percentage, "62.5 %"; Swedish puts a space before % */
  return g_strdup_printf (_("%.1f %%"), share * 100);
}

static gint64
local_midnight (gint64 instant,
                int    days_later)
{
  g_autoptr(GDateTime) time = g_date_time_new_from_unix_local (instant);
  g_autoptr(GDateTime) midnight = g_date_time_new_local (g_date_time_get_year (time),
                                                         g_date_time_get_month (time),
                                                         g_date_time_get_day_of_month (time),
                                                         0, 0, 0);
  g_autoptr(GDateTime) later = g_date_time_add_days (midnight, days_later);

  return g_date_time_to_unix (later);
}

/* The employee's own meetings */

static void
on_convert_cb (GtkButton      *button,
               ResfriOverview *self)
{
  const char *uid = g_object_get_data (G_OBJECT (button), "uid");

  /* From this occurrence on, or the whole meeting when it is not a series. */
  if (uid != NULL && self->store != NULL)
    resfri_convert_dialog_run_for_view (RESFRI_VIEW (self), self->store, uid,
                                        g_object_get_data (G_OBJECT (button), "recurrence-id"));
}

static void
on_go_to_meeting_cb (GtkButton      *button,
                     ResfriOverview *self)
{
  const char *uid = g_object_get_data (G_OBJECT (button), "uid");
  const char *recurrence_id = g_object_get_data (G_OBJECT (button), "recurrence-id");
  const gint64 *start = g_object_get_data (G_OBJECT (button), "start");

  gtk_widget_activate_action (GTK_WIDGET (self), "win.show-occurrence", "(ssx)", uid,
                              recurrence_id != NULL ? recurrence_id : "",
                              start != NULL ? *start : 0);
}

static void
set_occurrence_data (GtkWidget                      *button,
                     const ResfriResolvedOccurrence *occurrence)
{
  g_object_set_data_full (G_OBJECT (button), "uid", g_strdup (occurrence->uid), g_free);
  g_object_set_data_full (G_OBJECT (button), "recurrence-id",
                          g_strdup (occurrence->recurrence_id ? occurrence->recurrence_id : ""),
                          g_free);
  g_object_set_data_full (G_OBJECT (button), "start",
                          g_memdup2 (&occurrence->start, sizeof occurrence->start), g_free);
}

static GtkWidget *
meeting_row_new (ResfriOverview                 *self,
                 const ResfriResolvedOccurrence *occurrence,
                 gboolean                        organiser)
{
  const char *summary = occurrence->summary != NULL && occurrence->summary[0]
                          ? occurrence->summary : occurrence->uid;
  g_autoptr(GDateTime) start = g_date_time_new_from_unix_local (occurrence->start);
  g_autofree char *when = g_date_time_format (start, "%a %Y-%m-%d %H:%M");
  g_autofree char *subtitle = NULL;
  g_autofree char *go_name = NULL;
  g_autofree char *convert_name = NULL;
  AdwActionRow *row;
  GtkWidget *go;
  GtkWidget *convert;

  /* TRANSLATORS: one of your meetings: when · your part · its travel */
  subtitle = g_strdup_printf (_("%s · %s · %'.0f km of travel"), when,
                              organiser ? _("you organise it") : _("you attend"),
                              occurrence->travel_km);
  row = text_row_new (summary, subtitle);

  go = gtk_button_new_from_icon_name ("go-next-symbolic");
  gtk_widget_set_valign (go, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (go, "flat");
  gtk_widget_set_tooltip_text (go, _("Go to Meeting"));
  go_name = g_strdup_printf (_("Go to Meeting: %s"), summary);
  gtk_accessible_update_property (GTK_ACCESSIBLE (go), GTK_ACCESSIBLE_PROPERTY_LABEL, go_name,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, subtitle, -1);
  set_occurrence_data (go, occurrence);
  g_signal_connect_object (go, "clicked", G_CALLBACK (on_go_to_meeting_cb), self, 0);

  convert = gtk_button_new_with_label (_("Convert…"));
  gtk_widget_set_valign (convert, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (convert, _("Hold it as a web meeting from now on"));
  /* TRANSLATORS: the accessible name of the button that converts one of
   * your meetings to a web meeting; %s is its summary */
  convert_name = g_strdup_printf (_("Make Travel-Free…: %s"), summary);
  gtk_accessible_update_property (GTK_ACCESSIBLE (convert), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  convert_name, GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, subtitle, -1);
  set_occurrence_data (convert, occurrence);
  g_signal_connect_object (convert, "clicked", G_CALLBACK (on_convert_cb), self, 0);

  adw_action_row_add_suffix (row, convert);
  adw_action_row_add_suffix (row, go);
  row_activates (row, go);

  return GTK_WIDGET (row);
}

static gboolean
is_mine (const ResfriResolvedOccurrence *occurrence,
         const char                     *folded_email,
         gboolean                       *organiser)
{
  if (occurrence->organizer != NULL)
    {
      g_autofree char *folded = g_utf8_casefold (occurrence->organizer, -1);

      if (g_str_equal (folded, folded_email))
        {
          *organiser = TRUE;
          return TRUE;
        }
    }

  for (guint i = 0; i < occurrence->n_attendees; i++)
    {
      const char *email = occurrence->attendees[i].email;

      if (email != NULL && g_ascii_strcasecmp (email, folded_email) == 0)
        {
          *organiser = FALSE;
          return TRUE;
        }
    }

  return FALSE;
}

static void
show_employee (ResfriOverview *self)
{
  g_autofree char *email = dup_user_email ();
  g_autofree char *folded = NULL;
  g_autofree char *description = NULL;
  guint n, found = 0;

  if (email == NULL)
    {
      GtkWidget *choose = gtk_button_new_with_label (_("Choose…"));
      AdwActionRow *row;

      list_clear (self->employee_list);
      row = text_row_new (_("Who are you?"),
                          _("Choose your e-mail address to see your meetings that need travel."));
      gtk_widget_set_valign (choose, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (choose, "suggested-action");
      gtk_accessible_update_property (GTK_ACCESSIBLE (choose), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Choose Who You Are…"), -1);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (choose), "overview.choose-email");
      adw_action_row_add_suffix (row, choose);
      row_activates (row, choose);
      gtk_list_box_append (self->employee_list, GTK_WIDGET (row));
      adw_preferences_group_set_description (self->employee_group,
                                             _("Your meetings in the next four weeks that need "
                                               "travel a web meeting would avoid."));
      return;
    }

  if (self->verdicts == NULL)
    return;

  folded = g_utf8_casefold (email, -1);
  list_clear (self->employee_list);
  n = resfri_policy_verdicts_get_n_occurrences (self->verdicts);
  for (guint i = 0; i < n; i++)
    {
      const ResfriResolvedOccurrence *occurrence;
      gboolean organiser = FALSE;

      occurrence = resfri_policy_verdicts_get_occurrence (self->verdicts, i);
      if (occurrence->verdict != RESFRI_VERDICT_NON_COMPLIANT ||
          !is_mine (occurrence, folded, &organiser))
        continue;
      if (found < MAX_MEETINGS)
        gtk_list_box_append (self->employee_list, meeting_row_new (self, occurrence, organiser));
      found++;
    }

  if (found == 0)
    list_set_message (self->employee_list, _("Nothing to act on"),
                      _("None of your meetings in the next four weeks needs travel that a web "
                        "meeting would avoid."));

  /* TRANSLATORS: the employee card's description; %s is your e-mail address */
  if (found > MAX_MEETINGS)
    description = g_strdup_printf (_("%s: the first %u of your %u meetings in the next four "
                                     "weeks that need travel."),
                                   email, MAX_MEETINGS, found);
  else
    description = g_strdup_printf (_("%s: your meetings in the next four weeks that need travel a "
                                     "web meeting would avoid."), email);
  {
    g_autofree char *markup = g_markup_escape_text (description, -1);

    adw_preferences_group_set_description (self->employee_group, markup);
  }
}

static void
verdicts_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(ResfriOverview) self = user_data;
  g_autoptr(GError) error = NULL;
  ResfriPolicyVerdicts *verdicts;

  verdicts = resfri_policy_verdicts_load_finish (RESFRI_STORE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_pointer (&self->verdicts, resfri_policy_verdicts_unref);
  if (verdicts == NULL)
    {
      list_set_message (self->employee_list, _("Cannot read your meetings"), error->message);
      return;
    }
  self->verdicts = verdicts;
  show_employee (self);
}

static void
on_user_email_changed_cb (ResfriOverview *self)
{
  if (self->verdicts != NULL || dup_user_email () == NULL)
    show_employee (self);
}

static void
choose_email_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  ResfriOverview *self = RESFRI_OVERVIEW (widget);
  ResfriPreferencesWindow *preferences;

  if (self->store == NULL)
    return;

  preferences = resfri_preferences_window_new (resfri_widget_get_window (widget), self->store);
  resfri_preferences_window_show_email (preferences);
  gtk_window_present (GTK_WINDOW (preferences));
}

static void
on_choose_email_cb (ResfriOverview *self)
{
  choose_email_action (GTK_WIDGET (self), NULL, NULL);
}

/* IT */

static void
gaps_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(ResfriOverview) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(ResfriGaps) gaps = NULL;
  g_autoptr(GString) pools = g_string_new (NULL);
  g_autofree char *n_short_text = NULL;
  g_autofree char *n_people_text = NULL;
  GPtrArray *shortfall;
  guint n_short = 0;

  gaps = resfri_gaps_compute_finish (RESFRI_STORE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (gaps == NULL)
    {
      value_row_set (&self->it_rows[IT_SHORT], "–", error->message);
      value_row_set (&self->it_rows[IT_GAPS], "–", error->message);
      return;
    }

  shortfall = gaps->scenarios[RESFRI_SCENARIO_PLANNED].shortfall;
  for (guint i = 0; i < shortfall->len; i++)
    {
      const ResfriShortfall *s = g_ptr_array_index (shortfall, i);

      if (s->to_order == 0)
        continue;
      if (n_short < 3)
        {
          g_autoptr(GDateTime) peak = g_date_time_new_from_unix_local (s->peak_start);
          g_autofree char *day = g_date_time_format (peak, "%Y-%m-%d");

          if (pools->len > 0)
            g_string_append (pools, ", ");
          /* TRANSLATORS: a pool that runs short: the equipment type, its
           * site, how many items it lacks, and the day of its peak */
          g_string_append_printf (pools, _("%s at %s: %u short on %s"), resfri_item_kind_label (s->type),
                                  s->site, s->to_order, day);
        }
      n_short++;
    }
  if (n_short > 3)
    g_string_append (pools, " …");

  n_short_text = format_count (n_short);
  value_row_set (&self->it_rows[IT_SHORT], n_short_text,
                 n_short > 0 ? pools->str
                             : _("Every loan pool can serve the planned meetings."));

  n_people_text = format_count (gaps->people_without->len);
  value_row_set (&self->it_rows[IT_GAPS], n_people_text,
                 _("People in web meetings without a working headset or camera of their own"));
}

static void
bookings_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(ResfriOverview) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) bookings = NULL;
  g_autoptr(GHashTable) people = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *text = NULL;
  g_autofree char *subtitle = NULL;
  guint n_items = 0;

  bookings = resfri_bookings_list_finish (RESFRI_STORE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (bookings == NULL)
    {
      value_row_set (&self->it_rows[IT_LOANS], "–", error->message);
      return;
    }

  for (guint i = 0; i < bookings->len; i++)
    {
      const ResfriBooking *booking = g_ptr_array_index (bookings, i);

      if (booking->kind != RESFRI_BOOKING_ITEM)
        continue;
      n_items++;
      if (booking->person != NULL)
        g_hash_table_add (people, booking->person);
    }

  text = format_count (n_items);
  subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "Loan items booked for today’s meetings, for %u person",
                                           "Loan items booked for today’s meetings, for %u people",
                                           g_hash_table_size (people)),
                              g_hash_table_size (people));
  value_row_set (&self->it_rows[IT_LOANS], text, subtitle);
}

static void
items_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(ResfriOverview) self = user_data;
  g_autoptr(GError) error = NULL;
  ResfriItemList *items = RESFRI_ITEM_LIST (object);
  g_autofree char *text = NULL;
  guint n, n_broken = 0;

  if (!resfri_item_list_load_finish (items, result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        value_row_set (&self->it_rows[IT_BROKEN], "–", error->message);
      return;
    }

  n = g_list_model_get_n_items (G_LIST_MODEL (items));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(ResfriEquipmentItem) item = g_list_model_get_item (G_LIST_MODEL (items), i);

      if (resfri_equipment_item_get_state (item) == RESFRI_ITEM_STATE_BROKEN)
        n_broken++;
    }

  text = format_count (n_broken);
  value_row_set (&self->it_rows[IT_BROKEN], text, _("Items to repair or replace"));
}

/* Politicians */

static void
on_opportunity_cb (GtkButton      *button,
                   ResfriOverview *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "win.show-view", "s", "planning");
}

static GtkWidget *
opportunity_row_new (ResfriOverview        *self,
                     const ResfriCandidate *c)
{
  const char *summary = c->summary[0] ? c->summary : c->uid;
  g_autofree char *subtitle = NULL;
  g_autofree char *name = NULL;
  const char *unit;
  AdwActionRow *row;
  GtkWidget *go;

  /* TRANSLATORS: an opportunity of the Overview: the organiser's unit and
   * what converting it would avoid in the year */
  row = text_row_new (summary, NULL);
  /* The unit by its own name, its path in the tooltip. */
  unit = resfri_unit_set_tooltip (GTK_WIDGET (row), c->unit);
  subtitle = g_strdup_printf (_("%s · avoids SEK %'.0f, %'.0f km, %'.0f kg CO₂"),
                              unit != NULL ? unit : _("external organiser"),
                              c->avoided_cost_sek, c->avoided_km, c->avoided_co2_kg);
  adw_action_row_set_subtitle (row, subtitle);

  go = gtk_button_new_from_icon_name ("go-next-symbolic");
  gtk_widget_set_valign (go, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (go, "flat");
  gtk_widget_set_tooltip_text (go, _("Open in Planning"));
  /* TRANSLATORS: the accessible name of an opportunity's button; %s is
   * the meeting's summary */
  name = g_strdup_printf (_("Open in Planning: %s"), summary);
  gtk_accessible_update_property (GTK_ACCESSIBLE (go), GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, subtitle, -1);
  g_signal_connect_object (go, "clicked", G_CALLBACK (on_opportunity_cb), self, 0);
  adw_action_row_add_suffix (row, go);
  row_activates (row, go);

  return GTK_WIDGET (row);
}

static void
candidates_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(ResfriOverview) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(ResfriCandidates) candidates = NULL;

  candidates = resfri_candidates_compute_finish (RESFRI_STORE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (candidates == NULL)
    {
      list_set_message (self->opportunities_list, _("Cannot find the opportunities"),
                        error->message);
      return;
    }

  list_clear (self->opportunities_list);
  for (guint i = 0; i < MIN (candidates->candidates->len, N_OPPORTUNITIES); i++)
    gtk_list_box_append (self->opportunities_list,
                         opportunity_row_new (self, g_ptr_array_index (candidates->candidates, i)));
  if (candidates->candidates->len == 0)
    list_set_message (self->opportunities_list, _("No opportunities"),
                      _("No meeting this year needs travel that a web meeting could avoid."));
}

/* The share of the months of @months up to @last, and whether any was
 * judged. */
static gboolean
sum_share (GPtrArray *months,
           int        last,
           double    *share)
{
  guint travel_free = 0, judged = 0;

  for (int i = 0; months != NULL && i <= last && i < (int) months->len; i++)
    {
      const ResfriFollowupRow *row = g_ptr_array_index (months, i);

      travel_free += row->travel_free;
      judged += row->travel_free + row->exempt_total + row->non_compliant;
    }
  *share = judged > 0 ? (double) travel_free / judged : 0;
  return judged > 0;
}

static void
show_quality (ResfriOverview    *self,
              const ResfriFollowupRow *total)
{
  g_autofree char *warning = resfri_followup_row_dup_data_warning (total);
  AdwActionRow *row;
  GtkWidget *button;
  GtkWidget *icon;

  gtk_widget_set_visible (GTK_WIDGET (self->quality_group), warning != NULL);
  list_clear (self->quality_list);
  if (warning == NULL)
    return;

  row = text_row_new (warning, NULL);
  icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
  gtk_widget_add_css_class (icon, "warning");
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Warning"), -1);
  adw_action_row_add_prefix (row, icon);
  button = gtk_button_new_with_mnemonic (_("_Import Registers…"));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Import Registers"), -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "win.import-registers");
  adw_action_row_add_suffix (row, button);
  gtk_list_box_append (self->quality_list, GTK_WIDGET (row));
}

static void
followup_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(ResfriOverview) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(ResfriFollowup) followup = NULL;
  g_autofree char *headline = NULL;
  g_autofree char *subtitle = NULL;
  double share = 0, previous = 0;
  int last;

  followup = resfri_followup_compute_finish (RESFRI_STORE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (followup == NULL)
    {
      value_row_set (&self->share_rows[SHARE_NOW], "–", error->message);
      value_row_set (&self->share_rows[SHARE_TREND], "–", error->message);
      return;
    }

  show_quality (self, followup->total);

  headline = resfri_followup_row_dup_headline (followup->total);
  /* TRANSLATORS: what the share counts; %s is the year */
  subtitle = g_strdup_printf (_("Meetings held in %s so far that needed no travel"),
                              resfri_period_get_label (followup->period));
  value_row_set (&self->share_rows[SHARE_NOW], headline != NULL ? headline : "–",
                 headline != NULL ? subtitle : _("No meeting held yet this year"));

  /* The months so far against the same months a year earlier. */
  last = resfri_period_find_month (followup->period, followup->now);
  if (last < 0)
    last = (int) followup->months->len - 1;
  if (sum_share (followup->months, last, &share) &&
      sum_share (followup->previous_months, last, &previous))
    {
      g_autofree char *previous_text = format_percent (previous);
      g_autofree char *points = NULL;
      g_autofree char *trend_subtitle = NULL;

      /* TRANSLATORS: the change of the share in percentage points, "+3.2 points" */
      points = g_strdup_printf (_("%+.1f points"), (share - previous) * 100);
      /* TRANSLATORS: the same months a year earlier: the year and its share */
      trend_subtitle = g_strdup_printf (_("The same months of %s: %s"),
                                        resfri_period_get_label (followup->previous_period),
                                        previous_text);
      value_row_set (&self->share_rows[SHARE_TREND], points, trend_subtitle);
    }
  else
    value_row_set (&self->share_rows[SHARE_TREND], "–",
                   _("No meetings stored for the same months a year earlier"));
}

/* Loading */

static void
load_all (ResfriOverview *self)
{
  g_autoptr(ResfriItemList) items = NULL;
  g_autoptr(ResfriPeriod) period = NULL;
  g_autoptr(GDateTime) now_time = NULL;
  g_autofree char *year = NULL;
  gint64 now, today, horizon;

  if (self->paint_id != 0)
    g_clear_signal_handler (&self->paint_id, self->paint_clock);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->dirty = FALSE;
  if (self->store == NULL)
    return;
  self->cancellable = g_cancellable_new ();

  now = resfri_followup_get_now ();
  today = local_midnight (now, 0);
  horizon = local_midnight (now, HORIZON_DAYS);
  now_time = g_date_time_new_from_unix_local (now);
  year = g_strdup_printf ("%d", g_date_time_get_year (now_time));
  period = resfri_period_parse (year, NULL);

  /* The employee */
  if (dup_user_email () != NULL)
    list_set_loading (self->employee_list);
  else
    show_employee (self);
  resfri_policy_verdicts_load_async (self->store, now, horizon, self->cancellable, verdicts_cb,
                                     g_object_ref (self));

  /* IT */
  for (guint i = 0; i < N_IT_ROWS; i++)
    value_row_set_loading (&self->it_rows[i]);
  resfri_gaps_compute_async (self->store, NULL, now, horizon, self->cancellable, gaps_cb,
                             g_object_ref (self));
  resfri_bookings_list_async (self->store, today, local_midnight (now, 1), self->cancellable,
                              bookings_cb, g_object_ref (self));
  items = resfri_item_list_new ();
  resfri_item_list_load_async (items, self->store, self->cancellable, items_cb,
                               g_object_ref (self));

  /* Politicians */
  for (guint i = 0; i < N_SHARE_ROWS; i++)
    value_row_set_loading (&self->share_rows[i]);
  list_set_loading (self->opportunities_list);
  if (period != NULL)
    {
      resfri_followup_compute_async (self->store, NULL, period, NULL, self->cancellable,
                                     followup_cb, g_object_ref (self));
      resfri_candidates_compute_async (self->store, NULL, period, NULL, self->cancellable,
                                       candidates_cb, g_object_ref (self));
    }
}

/* After the frame that shows the view: nothing is read before it. (An
 * idle would wait behind the spinners' frames on a busy machine.) */
static void
on_after_paint_cb (GdkFrameClock  *clock,
                   ResfriOverview *self)
{
  g_clear_signal_handler (&self->paint_id, clock);
  load_all (self);
}

static void
schedule_load (ResfriOverview *self)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

  if (self->paint_id != 0)
    return;
  if (clock == NULL)
    {
      load_all (self);
      return;
    }
  self->paint_clock = clock;
  self->paint_id = g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint_cb), self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
map_cb (ResfriOverview *self)
{
  if (self->dirty)
    schedule_load (self);
}

/* Two columns of cards in a wide view (the employee's and IT's on the
 * left, the politicians' on the right), one in a narrow one (libadwaita
 * 1.2 has no breakpoints): the viewport's width is the adjustment's page,
 * and the politicians' card moves once the allocation is done. */
static gboolean
set_columns_cb (gpointer user_data)
{
  ResfriOverview *self = user_data;
  GtkScrolledWindow *scrolled = GTK_SCROLLED_WINDOW (adw_bin_get_child (ADW_BIN (self)));
  GtkAdjustment *adjustment = gtk_scrolled_window_get_hadjustment (scrolled);
  gboolean two = gtk_adjustment_get_page_size (adjustment) >= TWO_COLUMNS_WIDTH;
  GtkWidget *card = GTK_WIDGET (self->politician_group);
  GtkBox *column = two ? self->right_column : self->left_column;

  self->columns_id = 0;
  if (gtk_widget_get_parent (card) == GTK_WIDGET (column))
    return G_SOURCE_REMOVE;

  g_object_ref (card);
  gtk_box_remove (GTK_BOX (gtk_widget_get_parent (card)), card);
  if (two)
    gtk_box_append (column, card);
  else
    gtk_box_insert_child_after (column, card, GTK_WIDGET (self->employee_group));
  g_object_unref (card);
  gtk_widget_set_visible (GTK_WIDGET (self->right_column), two);

  return G_SOURCE_REMOVE;
}

static void
on_width_changed_cb (ResfriOverview *self)
{
  if (self->columns_id == 0)
    self->columns_id = g_idle_add (set_columns_cb, self);
}

/* GObject */

static void
resfri_overview_dispose (GObject *object)
{
  ResfriOverview *self = RESFRI_OVERVIEW (object);

  if (self->paint_id != 0)
    g_clear_signal_handler (&self->paint_id, self->paint_clock);
  g_clear_handle_id (&self->columns_id, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (object), RESFRI_TYPE_OVERVIEW);

  G_OBJECT_CLASS (resfri_overview_parent_class)->dispose (object);
}

static void
resfri_overview_finalize (GObject *object)
{
  ResfriOverview *self = RESFRI_OVERVIEW (object);

  g_clear_object (&self->store);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->verdicts, resfri_policy_verdicts_unref);

  G_OBJECT_CLASS (resfri_overview_parent_class)->finalize (object);
}

static void
resfri_overview_class_init (ResfriOverviewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = resfri_overview_dispose;
  object_class->finalize = resfri_overview_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/se/resfri/Resfri/ui/resfri-overview.ui");
  gtk_widget_class_bind_template_child (widget_class, ResfriOverview, quality_group);
  gtk_widget_class_bind_template_child (widget_class, ResfriOverview, quality_list);
  gtk_widget_class_bind_template_child (widget_class, ResfriOverview, left_column);
  gtk_widget_class_bind_template_child (widget_class, ResfriOverview, right_column);
  gtk_widget_class_bind_template_child (widget_class, ResfriOverview, employee_group);
  gtk_widget_class_bind_template_child (widget_class, ResfriOverview, politician_group);
  gtk_widget_class_bind_template_child (widget_class, ResfriOverview, employee_list);
  gtk_widget_class_bind_template_child (widget_class, ResfriOverview, share_list);
  gtk_widget_class_bind_template_child (widget_class, ResfriOverview, opportunities_list);
  gtk_widget_class_bind_template_child (widget_class, ResfriOverview, it_list);
  gtk_widget_class_bind_template_callback (widget_class, on_choose_email_cb);

  gtk_widget_class_install_action (widget_class, "overview.choose-email", NULL,
                                   choose_email_action);
}

static void
resfri_overview_init (ResfriOverview *self)
{
  GSettings *settings = get_settings ();
  GtkScrolledWindow *scrolled;

  gtk_widget_init_template (GTK_WIDGET (self));
  /* The cards' titles and descriptions; the rows do it as they are made. */
  limit_wrapping (GTK_WIDGET (self));

  self->empty = TRUE;
  self->dirty = TRUE;

  /* (The scrolled window, the bin's child, is not a template child: the
   * template's disposal would unparent it behind AdwBin's back.) */
  scrolled = GTK_SCROLLED_WINDOW (adw_bin_get_child (ADW_BIN (self)));
  g_signal_connect_object (gtk_scrolled_window_get_hadjustment (scrolled), "changed",
                           G_CALLBACK (on_width_changed_cb), self, G_CONNECT_SWAPPED);

  value_row_init (self, &self->share_rows[SHARE_NOW], self->share_list,
                  _("Travel-free share"), "followup");
  value_row_init (self, &self->share_rows[SHARE_TREND], self->share_list,
                  _("Against last year"), "followup");
  value_row_init (self, &self->it_rows[IT_SHORT], self->it_list,
                  _("Pools short in the next four weeks"), "gaps");
  value_row_init (self, &self->it_rows[IT_GAPS], self->it_list, _("Open gaps"), "gaps");
  value_row_init (self, &self->it_rows[IT_LOANS], self->it_list, _("Loans today"), "equipment");
  value_row_init (self, &self->it_rows[IT_BROKEN], self->it_list, _("Broken items"),
                  "equipment");
  list_set_loading (self->employee_list);
  list_set_loading (self->opportunities_list);

  if (settings != NULL)
    g_signal_connect_object (settings, "changed::user-email",
                             G_CALLBACK (on_user_email_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_swapped (self, "map", G_CALLBACK (map_cb), self);
}

/* ResfriView */

static void
resfri_overview_set_store (ResfriView  *view,
                           ResfriStore *store)
{
  ResfriOverview *self = RESFRI_OVERVIEW (view);

  if (!g_set_object (&self->store, store))
    return;

  resfri_overview_reload (view);
}

static void
resfri_overview_reload (ResfriView *view)
{
  ResfriOverview *self = RESFRI_OVERVIEW (view);

  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    schedule_load (self);
  else
    self->dirty = TRUE;
}

static void
resfri_overview_view_iface_init (ResfriViewInterface *iface)
{
  iface->set_store = resfri_overview_set_store;
  iface->reload = resfri_overview_reload;
}

/* The window's counts */

/**
 * resfri_overview_set_counts:
 *
 * Takes the database's @counts, which say whether it holds anything
 * (Preferences shows them).
 */
void
resfri_overview_set_counts (ResfriOverview          *self,
                            const ResfriStoreCounts *counts)
{
  g_return_if_fail (RESFRI_IS_OVERVIEW (self));
  g_return_if_fail (counts != NULL);

  self->empty = counts->units == 0 && counts->sites == 0 && counts->people == 0 &&
                counts->rooms == 0 && counts->equipment == 0 && counts->meetings == 0 &&
                counts->occurrences == 0 && counts->bookings == 0 && counts->exemptions == 0;
}

/**
 * resfri_overview_is_empty:
 *
 * Returns: %TRUE when every count is zero (or none is known yet)
 */
gboolean
resfri_overview_is_empty (ResfriOverview *self)
{
  g_return_val_if_fail (RESFRI_IS_OVERVIEW (self), TRUE);

  return self->empty;
}

/* resfri-rooms-view.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Rooms: the rooms by site with capacity and video equipment, the bookings
 * of a day or a week on a timeline (the calendar's reservations too), the
 * bookings released since (their meeting cancelled, removed or moved to a
 * taken time) that need attention, and a form that finds the rooms free
 * for a time. Reads run on worker threads through core's _async calls
 * (resfri_bookings_free_rooms_for_interval_async (),
 * resfri_bookings_list_async (), resfri_bookings_list_attention_async ()).
 */

#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>

#include "resfri-bookings.h"
#include "resfri-list-row.h"
#include "resfri-room-timeline.h"
#include "resfri-rooms-view-private.h"
#include "resfri-widget-util.h"
#include "resfri-view.h"

static void resfri_rooms_view_view_iface_init (ResfriViewInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (ResfriRoomsView, resfri_rooms_view, ADW_TYPE_BIN,
                               G_IMPLEMENT_INTERFACE (RESFRI_TYPE_VIEW, resfri_rooms_view_view_iface_init))

/* One load: every room, then the room bookings of the shown period. */
typedef struct
{
  ResfriRoomsView *self;
  gint64           to;
  GPtrArray       *rooms;
} LoadJob;

static void
load_job_free (LoadJob *job)
{
  g_object_unref (job->self);
  g_clear_pointer (&job->rooms, g_ptr_array_unref);
  g_free (job);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LoadJob, load_job_free)

static void load (ResfriRoomsView *self);

/* Helpers */

static char *
format_seats (gint64 capacity)
{
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d seat", "%d seats", (gulong) capacity),
                          (int) capacity);
}

static const char *
get_selected_site (ResfriRoomsView *self,
                   GtkDropDown     *dropdown)
{
  guint selected = gtk_drop_down_get_selected (dropdown);

  /* The first entry is "All Sites". */
  if (selected == 0 || selected == GTK_INVALID_LIST_POSITION)
    return NULL;
  return gtk_string_list_get_string (self->sites, selected);
}

static ResfriListRow *
make_room_row (const ResfriRoomAvailability *room)
{
  g_autofree char *seats = format_seats (room->capacity);
  g_autofree char *subtitle = NULL;
  g_autofree char *description = NULL;
  ResfriListRow *row;

  /* Translators: a room's site code · "12 seats" */
  subtitle = g_strdup_printf (_("%s · %s"), room->site, seats);
  row = resfri_list_row_new (RESFRI_LIST_ROW_ITEM, room->name != NULL ? room->name : room->room,
                             subtitle, NULL);

  if (room->vc)
    {
      resfri_list_row_set_badge (row, _("Video"), _("Fixed video-conference equipment"));
      description = g_strdup_printf (_("%s, with video equipment"), subtitle);
    }
  else
    {
      description = g_strdup (subtitle);
    }
  resfri_list_row_set_description (row, description);

  return row;
}

/* Replaces the rows of the free rooms' list by one per room of @rooms, in
 * one change. */
static void
fill_find_rows (GListStore *store,
                GPtrArray  *rooms)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < rooms->len; i++)
    g_ptr_array_add (rows, make_room_row (g_ptr_array_index (rooms, i)));
  g_list_store_splice (store, 0, g_list_model_get_n_items (G_LIST_MODEL (store)),
                       rows->pdata, rows->len);
}

/* The rooms of @rooms to show: all of them when @site is %NULL, else
 * those of @site. */
static GPtrArray *
filter_rooms (GPtrArray  *rooms,
              const char *site)
{
  GPtrArray *shown = g_ptr_array_new ();

  for (guint i = 0; rooms != NULL && i < rooms->len; i++)
    {
      ResfriRoomAvailability *room = g_ptr_array_index (rooms, i);

      if (site == NULL || g_strcmp0 (room->site, site) == 0)
        g_ptr_array_add (shown, room);
    }

  return shown;
}

/* The period */

static void
update_period (ResfriRoomsView *self)
{
  gboolean week = gtk_toggle_button_get_active (self->week_button);
  g_autoptr(GDateTime) first = NULL;
  g_autoptr(GDateTime) last = NULL;
  g_autofree char *first_text = NULL;
  g_autofree char *text = NULL;

  if (week)
    {
      first = g_date_time_add_days (self->day, 1 - g_date_time_get_day_of_week (self->day));
      self->n_days = 7;
    }
  else
    {
      first = g_date_time_ref (self->day);
      self->n_days = 1;
    }
  self->from = g_date_time_to_unix (first);
  last = g_date_time_add_days (first, self->n_days - 1);

  first_text = g_date_time_format (first, "%Y-%m-%d");
  if (week)
    {
      g_autofree char *last_text = g_date_time_format (last, "%Y-%m-%d");

      /* Translators: ISO week number, first and last day */
      text = g_strdup_printf (_("Week %d, %s – %s"), g_date_time_get_week_of_year (first),
                              first_text, last_text);
    }
  else
    {
      /* Translators: weekday, ISO date, ISO week number */
      g_autofree char *weekday = g_date_time_format (first, "%A");

      text = g_strdup_printf (_("%s %s, week %d"), weekday, first_text,
                              g_date_time_get_week_of_year (first));
    }
  gtk_label_set_text (self->period_label, text);
}

static void
set_day (ResfriRoomsView *self,
         GDateTime       *day)
{
  g_autofree char *text = NULL;

  g_clear_pointer (&self->day, g_date_time_unref);
  self->day = g_date_time_new_local (g_date_time_get_year (day), g_date_time_get_month (day),
                                     g_date_time_get_day_of_month (day), 0, 0, 0);
  text = g_date_time_format (self->day, "%Y-%m-%d");
  gtk_editable_set_text (GTK_EDITABLE (self->find_date), text);
  update_period (self);
}

/* Showing */

/* A room asked for by resfri_rooms_view_show_room(): its site is chosen,
 * and the timeline's cursor is put on it at 09:00 of the first day. */
static void
show_pending_room (ResfriRoomsView *self)
{
  g_autofree char *code = g_steal_pointer (&self->pending_room);
  const char *site = NULL;

  for (guint i = 0; code != NULL && self->rooms != NULL && i < self->rooms->len; i++)
    {
      const ResfriRoomAvailability *room = g_ptr_array_index (self->rooms, i);

      if (g_strcmp0 (room->room, code) == 0)
        site = room->site;
    }
  if (site == NULL)
    return;

  for (guint i = 1; i < g_list_model_get_n_items (G_LIST_MODEL (self->sites)); i++)
    if (g_strcmp0 (gtk_string_list_get_string (self->sites, i), site) == 0 &&
        gtk_drop_down_get_selected (self->site_dropdown) != 0)
      gtk_drop_down_set_selected (self->site_dropdown, i);   /* shows the rooms again */
  resfri_room_timeline_set_cursor (self->timeline, code, self->from + 9 * 3600);
}

static void
show_rooms (ResfriRoomsView *self)
{
  const char *site = get_selected_site (self, self->site_dropdown);
  g_autoptr(GPtrArray) shown = NULL;

  shown = filter_rooms (self->rooms, site);
  if (self->rooms == NULL)
    return;

  resfri_room_timeline_set_data (self->timeline, shown, self->bookings, self->from, self->n_days);
  if (self->pending_room != NULL)
    show_pending_room (self);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

static void
update_sites (ResfriRoomsView *self)
{
  g_autofree char *selected = g_strdup (get_selected_site (self, self->site_dropdown));
  g_autoptr(GPtrArray) codes = g_ptr_array_new ();
  guint position = 0;

  for (guint i = 0; self->rooms != NULL && i < self->rooms->len; i++)
    {
      ResfriRoomAvailability *room = g_ptr_array_index (self->rooms, i);
      gboolean seen = FALSE;

      for (guint j = 0; j < codes->len && !seen; j++)
        seen = g_strcmp0 (g_ptr_array_index (codes, j), room->site) == 0;
      if (!seen)
        g_ptr_array_add (codes, room->site);
    }
  g_ptr_array_sort (codes, compare_strings);

  for (guint j = 0; j < codes->len; j++)
    if (g_strcmp0 (g_ptr_array_index (codes, j), selected) == 0)
      position = j + 1;

  /* A large municipality opens on its first site, not thousands of rooms. */
  if (!self->sites_filled && self->rooms != NULL && self->rooms->len > MAX_ALL_ROOMS &&
      codes->len > 0)
    position = 1;
  self->sites_filled = TRUE;

  g_ptr_array_insert (codes, 0, (gpointer) _("All Sites"));
  g_ptr_array_add (codes, NULL);
  g_signal_handlers_block_matched (self->site_dropdown, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);
  gtk_string_list_splice (self->sites, 0, g_list_model_get_n_items (G_LIST_MODEL (self->sites)),
                          (const char * const *) codes->pdata);
  gtk_drop_down_set_selected (self->site_dropdown, position);
  g_signal_handlers_unblock_matched (self->site_dropdown, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);
}

/* Loading */

static void
add_toast (ResfriRoomsView *self,
           const char      *format,
           const GError    *error)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  g_autofree char *markup = g_markup_printf_escaped (format, error->message);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (markup));
}

static void
load_failed (ResfriRoomsView *self,
             const GError    *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  gtk_spinner_stop (self->spinner);
  add_toast (self, _("Cannot read the rooms: %s"), error);
}

/* Bookings that need attention: released because their meeting was
 * cancelled, removed, or moved to where the room or item is taken. */

static GtkWidget *
make_attention_row (const ResfriBooking *b)
{
  g_autoptr(GDateTime) start = g_date_time_new_from_unix_local (b->start);
  g_autoptr(GDateTime) end = g_date_time_new_from_unix_local (b->end);
  g_autofree char *from = g_date_time_format (start, "%Y-%m-%d %H:%M");
  g_autofree char *to = g_date_time_format (end, "%H:%M");
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

  /* Translators: a released booking: the room or item, the meeting. */
  title = g_strdup_printf (_("%s · %s"), b->resource, b->summary != NULL ? b->summary : b->uid);
  /* Translators: a released booking's time (local), then why it was
   * released, as in "2026-03-02 08:00–09:00 · The meeting was cancelled". */
  subtitle = g_strdup_printf (_("%s–%s · %s"), from, to, resfri_booking_release_describe (b));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_widget_add_css_class (icon, "warning");
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);

  return row;
}

static void
attention_loaded_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(ResfriRoomsView) self = user_data;
  g_autoptr(GPtrArray) released = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *child;
  g_autofree char *title = NULL;

  if (!(released = resfri_bookings_list_attention_finish (RESFRI_STORE (object), result, &error)))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Cannot read the released bookings: %s", error->message);
      return;
    }

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->attention_list))))
    gtk_list_box_remove (self->attention_list, child);
  for (guint i = 0; i < released->len; i++)
    gtk_list_box_append (self->attention_list, make_attention_row (g_ptr_array_index (released, i)));

  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                        "%u booking was released and needs attention",
                                        "%u bookings were released and need attention",
                                        released->len), released->len);
  gtk_label_set_label (self->attention_title, title);
  gtk_revealer_set_reveal_child (self->attention_revealer, released->len > 0);
}

static void
bookings_loaded_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(LoadJob) job = user_data;
  ResfriRoomsView *self = job->self;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GError) error = NULL;

  if (!(all = resfri_bookings_list_finish (RESFRI_STORE (object), result, &error)))
    {
      load_failed (self, error);
      return;
    }

  gtk_spinner_stop (self->spinner);
  g_clear_pointer (&self->rooms, g_ptr_array_unref);
  g_clear_pointer (&self->bookings, g_ptr_array_unref);
  self->rooms = g_steal_pointer (&job->rooms);
  self->bookings = g_ptr_array_new_with_free_func ((GDestroyNotify) resfri_booking_free);
  for (guint i = 0; i < all->len; i++)
    {
      ResfriBooking *b = g_ptr_array_index (all, i);

      if (b->kind == RESFRI_BOOKING_ROOM)
        g_ptr_array_add (self->bookings, resfri_booking_copy (b));
    }
  update_sites (self);
  show_rooms (self);

  /* From the shown period on: what is past needs no action. */
  resfri_bookings_list_attention_async (RESFRI_STORE (object), self->from, G_MAXINT64,
                                        self->cancellable, attention_loaded_cb,
                                        g_object_ref (self));
}

static void
rooms_loaded_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(LoadJob) job = user_data;
  g_autoptr(GError) error = NULL;
  ResfriStore *store = RESFRI_STORE (object);
  ResfriRoomsView *self = job->self;
  gint64 to = job->to;

  if (!(job->rooms = resfri_bookings_free_rooms_for_interval_finish (store, result, &error)))
    {
      load_failed (self, error);
      return;
    }

  /* Read into locals first: C leaves the order of the arguments open. */
  resfri_bookings_list_async (store, self->from, to, self->cancellable, bookings_loaded_cb,
                              g_steal_pointer (&job));
}

static void
load (ResfriRoomsView *self)
{
  g_autoptr(GDateTime) first = NULL;
  g_autoptr(GDateTime) end = NULL;
  LoadJob *job;

  if (self->store == NULL)
    return;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  update_period (self);
  first = g_date_time_new_from_unix_local (self->from);
  end = g_date_time_add_days (first, self->n_days);

  job = g_new0 (LoadJob, 1);
  job->self = g_object_ref (self);
  job->to = g_date_time_to_unix (end);

  gtk_spinner_start (self->spinner);
  /* Every room: those free for the empty interval at 0. */
  resfri_bookings_free_rooms_for_interval_async (self->store, NULL, 0, 0, 0, FALSE,
                                                 self->cancellable, rooms_loaded_cb, job);
}

/* Finding a free room */

static void
find_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(ResfriRoomsView) self = user_data;
  g_autoptr(GPtrArray) rooms = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *status = NULL;

  if (!(rooms = resfri_bookings_free_rooms_for_interval_finish (RESFRI_STORE (object), result,
                                                                &error)))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      gtk_label_set_text (self->find_status, error->message);
      return;
    }

  fill_find_rows (self->find_rows, rooms);

  if (rooms->len == 0)
    status = g_strdup (_("No room is free for the whole time."));
  else
    status = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u room is free.",
                                           "%u rooms are free.", rooms->len),
                              rooms->len);
  gtk_label_set_text (self->find_status, status);
  gtk_widget_set_visible (GTK_WIDGET (self->find_results), rooms->len > 0);
}

static gboolean
parse_time (const char *date,
            const char *time,
            gint64     *instant)
{
  int y, mo, d, h, mi;
  char extra;
  g_autoptr(GDateTime) value = NULL;

  if (sscanf (date, "%4d-%2d-%2d%c", &y, &mo, &d, &extra) != 3 ||
      sscanf (time, "%2d:%2d%c", &h, &mi, &extra) != 2 ||
      h < 0 || h > 24 || mi < 0 || mi > 59)
    return FALSE;

  value = g_date_time_new_local (y, mo, d, h, mi, 0);
  if (value == NULL)
    return FALSE;
  *instant = g_date_time_to_unix (value);
  return TRUE;
}

static void
on_find_clicked_cb (ResfriRoomsView *self)
{
  const char *date = gtk_editable_get_text (GTK_EDITABLE (self->find_date));
  gint64 capacity = gtk_spin_button_get_value_as_int (self->find_capacity);
  gboolean vc = gtk_check_button_get_active (self->find_video);
  gint64 start, end;

  if (self->store == NULL)
    return;

  if (!parse_time (date, gtk_editable_get_text (GTK_EDITABLE (self->find_start)), &start) ||
      !parse_time (date, gtk_editable_get_text (GTK_EDITABLE (self->find_end)), &end))
    {
      gtk_label_set_text (self->find_status,
                          _("Write the date as 2026-03-02 and the times as 09:00."));
      return;
    }
  if (end <= start)
    {
      gtk_label_set_text (self->find_status, _("The end must be later than the start."));
      return;
    }

  g_cancellable_cancel (self->find_cancellable);
  g_clear_object (&self->find_cancellable);
  self->find_cancellable = g_cancellable_new ();

  gtk_label_set_text (self->find_status, _("Searching…"));
  resfri_bookings_free_rooms_for_interval_async (self->store,
                                                 get_selected_site (self, self->find_site),
                                                 start, end, capacity, vc, self->find_cancellable,
                                                 find_cb, g_object_ref (self));
}

/* The search starts where the user looks: at the site, seats and hour of
 * the room at the timeline's cursor (the booked meeting's own room and
 * hours when the cursor is on one), else at the view's site. */
static void
on_find_shown_cb (ResfriRoomsView *self)
{
  const ResfriRoomAvailability *room = NULL;
  const char *site;
  gint64 start = 0, end = 0;
  guint position = gtk_drop_down_get_selected (self->site_dropdown);

  if (self->rooms != NULL)
    room = resfri_room_timeline_get_cursor (self->timeline, &start, &end);
  site = room != NULL ? room->site : get_selected_site (self, self->site_dropdown);
  for (guint i = 1; site != NULL && i < g_list_model_get_n_items (G_LIST_MODEL (self->sites)); i++)
    if (g_strcmp0 (gtk_string_list_get_string (self->sites, i), site) == 0)
      position = i;
  gtk_drop_down_set_selected (self->find_site, position);

  if (room != NULL)
    {
      g_autoptr(GDateTime) from = g_date_time_new_from_unix_local (start);
      g_autoptr(GDateTime) to = g_date_time_new_from_unix_local (end);
      g_autofree char *date = g_date_time_format (from, "%Y-%m-%d");
      g_autofree char *from_text = g_date_time_format (from, "%H:%M");
      g_autofree char *to_text = g_date_time_format (to, "%H:%M");

      gtk_spin_button_set_value (self->find_capacity, MAX (room->capacity, 1));
      gtk_editable_set_text (GTK_EDITABLE (self->find_date), date);
      gtk_editable_set_text (GTK_EDITABLE (self->find_start), from_text);
      gtk_editable_set_text (GTK_EDITABLE (self->find_end), to_text);
    }
}

/* Signals */

static void
on_site_changed_cb (ResfriRoomsView *self)
{
  show_rooms (self);
}

static void
on_mode_toggled_cb (ResfriRoomsView *self)
{
  if (self->shown_once)
    load (self);
}

static void
step (ResfriRoomsView *self,
      int              direction)
{
  g_autoptr(GDateTime) day = NULL;
  int days = gtk_toggle_button_get_active (self->week_button) ? 7 : 1;

  day = g_date_time_add_days (self->day, direction * days);
  /* Days skip the weekend. */
  if (days == 1)
    while (g_date_time_get_day_of_week (day) > 5)
      {
        GDateTime *next = g_date_time_add_days (day, direction);

        g_date_time_unref (day);
        day = next;
      }
  set_day (self, day);
  load (self);
}

void
_resfri_rooms_view_load (ResfriRoomsView *self)
{
  load (self);
}

static void
on_previous_clicked_cb (ResfriRoomsView *self)
{
  step (self, -1);
}

static void
on_next_clicked_cb (ResfriRoomsView *self)
{
  step (self, 1);
}

static void
resfri_rooms_view_map (GtkWidget *widget)
{
  ResfriRoomsView *self = RESFRI_ROOMS_VIEW (widget);

  GTK_WIDGET_CLASS (resfri_rooms_view_parent_class)->map (widget);

  if (!self->shown_once && self->store != NULL)
    {
      self->shown_once = TRUE;
      load (self);
    }
}

/**
 * resfri_rooms_view_set_store:
 *
 * Sets the store the view reads. In a demo database the view opens on the
 * demo's year.
 */
static void
resfri_rooms_view_set_store (ResfriView  *view,
                             ResfriStore *store)
{
  ResfriRoomsView *self = RESFRI_ROOMS_VIEW (view);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) day = NULL;
  g_autofree char *demo = NULL;
  int year = g_date_time_get_year (now);

  if (!g_set_object (&self->store, store))
    return;

  demo = store != NULL ? resfri_store_dup_meta (store, "demo-year") : NULL;
  if (demo != NULL && atoi (demo) >= 1970 && atoi (demo) <= 2199 && atoi (demo) != year)
    {
      int month = g_date_time_get_month (now);
      int d = MIN (g_date_time_get_day_of_month (now), 28);

      day = g_date_time_new_local (atoi (demo), month, d, 0, 0, 0);
    }
  else
    {
      day = g_date_time_ref (now);
    }
  /* A weekday: rooms are seldom booked on weekends. */
  while (g_date_time_get_day_of_week (day) > 5)
    {
      GDateTime *next = g_date_time_add_days (day, 1);

      g_date_time_unref (day);
      day = next;
    }
  set_day (self, day);

  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->shown_once = TRUE;
      load (self);
    }
}

/**
 * resfri_rooms_view_reload:
 *
 * Reads the rooms and the bookings again.
 */
static void
resfri_rooms_view_reload (ResfriView *view)
{
  ResfriRoomsView *self = RESFRI_ROOMS_VIEW (view);

  if (self->shown_once)
    load (self);
}

static void
resfri_rooms_view_view_iface_init (ResfriViewInterface *iface)
{
  iface->set_store = resfri_rooms_view_set_store;
  iface->reload = resfri_rooms_view_reload;
}

static void
resfri_rooms_view_dispose (GObject *object)
{
  ResfriRoomsView *self = (ResfriRoomsView *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_cancellable_cancel (self->find_cancellable);
  g_clear_object (&self->find_cancellable);
  g_cancellable_cancel (self->slot_cancellable);
  g_clear_object (&self->slot_cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), RESFRI_TYPE_ROOMS_VIEW);

  G_OBJECT_CLASS (resfri_rooms_view_parent_class)->dispose (object);
}

static void
resfri_rooms_view_finalize (GObject *object)
{
  ResfriRoomsView *self = (ResfriRoomsView *)object;

  g_clear_pointer (&self->rooms, g_ptr_array_unref);
  g_clear_pointer (&self->bookings, g_ptr_array_unref);
  g_clear_pointer (&self->day, g_date_time_unref);
  g_clear_pointer (&self->pending_room, g_free);
  g_clear_object (&self->find_rows);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (resfri_rooms_view_parent_class)->finalize (object);
}

static void
resfri_rooms_view_class_init (ResfriRoomsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = resfri_rooms_view_dispose;
  object_class->finalize = resfri_rooms_view_finalize;
  widget_class->map = resfri_rooms_view_map;

  g_type_ensure (RESFRI_TYPE_ROOM_TIMELINE);

  gtk_widget_class_set_template_from_resource (widget_class, "/se/resfri/Resfri/ui/resfri-rooms-view.ui");
  gtk_widget_class_bind_template_child (widget_class, ResfriRoomsView, site_dropdown);
  gtk_widget_class_bind_template_child (widget_class, ResfriRoomsView, sites);
  gtk_widget_class_bind_template_child (widget_class, ResfriRoomsView, day_button);
  gtk_widget_class_bind_template_child (widget_class, ResfriRoomsView, week_button);
  gtk_widget_class_bind_template_child (widget_class, ResfriRoomsView, previous_button);
  gtk_widget_class_bind_template_child (widget_class, ResfriRoomsView, next_button);
  gtk_widget_class_bind_template_child (widget_class, ResfriRoomsView, period_label);
  gtk_widget_class_bind_template_child (widget_class, ResfriRoomsView, spinner);
  gtk_widget_class_bind_template_child (widget_class, ResfriRoomsView, find_button);
  gtk_widget_class_bind_template_child (widget_class, ResfriRoomsView, find_site);
  gtk_widget_class_bind_template_child (widget_class, ResfriRoomsView, find_date);
  gtk_widget_class_bind_template_child (widget_class, ResfriRoomsView, find_start);
  gtk_widget_class_bind_template_child (widget_class, ResfriRoomsView, find_end);
  gtk_widget_class_bind_template_child (widget_class, ResfriRoomsView, find_capacity);
  gtk_widget_class_bind_template_child (widget_class, ResfriRoomsView, find_video);
  gtk_widget_class_bind_template_child (widget_class, ResfriRoomsView, find_go);
  gtk_widget_class_bind_template_child (widget_class, ResfriRoomsView, find_status);
  gtk_widget_class_bind_template_child (widget_class, ResfriRoomsView, find_results);
  gtk_widget_class_bind_template_child (widget_class, ResfriRoomsView, timeline);
  gtk_widget_class_bind_template_child (widget_class, ResfriRoomsView, attention_revealer);
  gtk_widget_class_bind_template_child (widget_class, ResfriRoomsView, attention_title);
  gtk_widget_class_bind_template_child (widget_class, ResfriRoomsView, attention_list);
}

static void
resfri_rooms_view_init (ResfriRoomsView *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  const char *all[] = { _("All Sites"), NULL };

  gtk_widget_init_template (GTK_WIDGET (self));

  self->find_rows = g_list_store_new (RESFRI_TYPE_LIST_ROW);
  {
    g_autoptr(GtkListItemFactory) find_factory = resfri_list_row_factory_new ();
    GtkNoSelection *no_selection;

    no_selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->find_rows)));
    gtk_list_view_set_model (self->find_results, GTK_SELECTION_MODEL (no_selection));
    g_object_unref (no_selection);
    gtk_list_view_set_factory (self->find_results, find_factory);
  }

  gtk_string_list_splice (self->sites, 0, 0, all);
  gtk_drop_down_set_model (self->find_site, G_LIST_MODEL (self->sites));
  set_day (self, now);

  g_signal_connect_object (self->site_dropdown, "notify::selected",
                           G_CALLBACK (on_site_changed_cb), self, G_CONNECT_SWAPPED);
  resfri_settings_bind (self->week_button, "active", "rooms-week");
  g_signal_connect_object (self->week_button, "toggled",
                           G_CALLBACK (on_mode_toggled_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->previous_button, "clicked",
                           G_CALLBACK (on_previous_clicked_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->next_button, "clicked",
                           G_CALLBACK (on_next_clicked_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_menu_button_get_popover (self->find_button), "show",
                           G_CALLBACK (on_find_shown_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->find_go, "clicked",
                           G_CALLBACK (on_find_clicked_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->find_date, "activate",
                           G_CALLBACK (on_find_clicked_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->find_end, "activate",
                           G_CALLBACK (on_find_clicked_cb), self, G_CONNECT_SWAPPED);
  _resfri_rooms_view_booking_init (self);
}

/* Public API */

/* Alt+Left and Alt+Right while Rooms is shown: the previous or next day
 * (a weekday), or week. */
void
resfri_rooms_view_step (ResfriRoomsView *self,
                        int              direction)
{
  g_return_if_fail (RESFRI_IS_ROOMS_VIEW (self));

  step (self, direction);
}

/* Alt+Home while Rooms is shown: today. */
void
resfri_rooms_view_show_today (ResfriRoomsView *self)
{
  g_autoptr(GDateTime) now = NULL;

  g_return_if_fail (RESFRI_IS_ROOMS_VIEW (self));

  now = g_date_time_new_now_local ();
  set_day (self, now);
  load (self);
}

/**
 * resfri_rooms_view_show_room:
 * @code: a room's code
 *
 * Shows the room @code (a search's result): its site, and the timeline's
 * cursor on it, now or once the rooms are read.
 */
void
resfri_rooms_view_show_room (ResfriRoomsView *self,
                             const char      *code)
{
  g_return_if_fail (RESFRI_IS_ROOMS_VIEW (self));
  g_return_if_fail (code != NULL);

  g_free (self->pending_room);
  self->pending_room = g_strdup (code);
  if (self->rooms != NULL)
    show_rooms (self);
}

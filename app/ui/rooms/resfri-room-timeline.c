/* resfri-room-timeline.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The bookings of rooms over a day or a week, drawn with GtkSnapshot: one
 * row per room, the hours 07–18 of each day as columns, each booking a
 * rounded rectangle with the meeting’s summary where it fits (the
 * calendar’s own reservations too; a conflict in the error colour). What it
 * shows is also said in its accessible description.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "resfri-bookings.h"
#include "resfri-room-timeline.h"

#define FIRST_HOUR   7
#define LAST_HOUR    18
#define N_HOURS      (LAST_HOUR - FIRST_HOUR)
#define NAME_WIDTH   180
#define HEADER_HEIGHT 40
#define ROW_HEIGHT   32
#define MIN_HOUR_WIDTH_DAY 48
#define MIN_HOUR_WIDTH_WEEK 10
/* At most this many bookings are named in the accessible description. */
#define MAX_DESCRIBED 30

struct _ResfriRoomTimeline
{
  GtkWidget  parent_instance;

  GPtrArray *rooms;      /* (element-type ResfriRoomAvailability) */
  GPtrArray *bookings;   /* (element-type ResfriBooking), rooms only */
  gint64     from;       /* local midnight of the first day */
  guint      n_days;
  gint64    *day_starts; /* local midnight of each day, n_days + 1 */

  /* The scrolled window's adjustment: only the rows in view are drawn. */
  GtkAdjustment *vadjustment;
};

G_DEFINE_FINAL_TYPE (ResfriRoomTimeline, resfri_room_timeline, GTK_TYPE_WIDGET)

static guint
get_hour_min_width (ResfriRoomTimeline *self)
{
  return self->n_days > 1 ? MIN_HOUR_WIDTH_WEEK : MIN_HOUR_WIDTH_DAY;
}

static void
resfri_room_timeline_measure (GtkWidget      *widget,
                              GtkOrientation  orientation,
                              int             for_size,
                              int            *minimum,
                              int            *natural,
                              int            *minimum_baseline,
                              int            *natural_baseline)
{
  ResfriRoomTimeline *self = RESFRI_ROOM_TIMELINE (widget);
  guint n_rows = self->rooms != NULL ? self->rooms->len : 0;

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = NAME_WIDTH + self->n_days * N_HOURS * get_hour_min_width (self);
      *natural = NAME_WIDTH + self->n_days * N_HOURS * (self->n_days > 1 ? 14 : 72);
    }
  else
    {
      *minimum = *natural = HEADER_HEIGHT + MAX (n_rows, 1) * ROW_HEIGHT;
    }
}

static void
append_text (GtkSnapshot   *snapshot,
             GtkWidget     *widget,
             const char    *text,
             double         x,
             double         y,
             double         width,
             double         height,
             const GdkRGBA *color,
             gboolean       bold)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (widget, text);
  int text_height;

  if (bold)
    {
      PangoAttrList *attrs = pango_attr_list_new ();

      pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
      pango_layout_set_attributes (layout, attrs);
      pango_attr_list_unref (attrs);
    }
  pango_layout_set_width (layout, (int) (MAX (width, 0) * PANGO_SCALE));
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_get_pixel_size (layout, NULL, &text_height);

  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, y + (height - text_height) / 2));
  gtk_snapshot_append_layout (snapshot, layout, color);
  gtk_snapshot_restore (snapshot);
  g_object_unref (layout);
}

static gboolean
lookup_color (GtkWidget  *widget,
              const char *name,
              GdkRGBA    *color)
{
  GtkStyleContext *context = gtk_widget_get_style_context (widget);

  return gtk_style_context_lookup_color (context, name, color);
}

/* x of an instant on a day's column, clamped to the shown hours. */
static double
get_x (ResfriRoomTimeline *self,
       guint               day,
       gint64              instant,
       double              day_width)
{
  double hours = (instant - self->day_starts[day]) / 3600.0 - FIRST_HOUR;

  hours = CLAMP (hours, 0, N_HOURS);
  return NAME_WIDTH + day * day_width + hours / N_HOURS * day_width;
}

static void
resfri_room_timeline_snapshot (GtkWidget   *widget,
                               GtkSnapshot *snapshot)
{
  ResfriRoomTimeline *self = RESFRI_ROOM_TIMELINE (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  double day_width = self->n_days > 0 ? (double) (width - NAME_WIDTH) / self->n_days : 0;
  double hour_width = day_width / N_HOURS;
  GdkRGBA fg;
  GdkRGBA line;
  GdkRGBA faint;
  GdkRGBA accent;
  GdkRGBA accent_fg;
  GdkRGBA conflict;
  g_autoptr(GHashTable) rows = NULL;
  guint first_row = 0;
  guint last_row = G_MAXUINT;

  if (self->n_days == 0 || self->rooms == NULL)
    return;

  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
  line = fg;
  line.alpha = 0.15;
  faint = fg;
  faint.alpha = 0.6;
  if (!lookup_color (widget, "accent_bg_color", &accent))
    gdk_rgba_parse (&accent, "#3584e4");
  /* Two occurrences holding one room at once: a conflict to resolve. */
  if (!lookup_color (widget, "error_bg_color", &conflict))
    gdk_rgba_parse (&conflict, "#c01c28");
  if (!lookup_color (widget, "accent_fg_color", &accent_fg))
    gdk_rgba_parse (&accent_fg, "white");

  /* Header: the days (week) and the hours. */
  for (guint d = 0; d < self->n_days; d++)
    {
      double x0 = NAME_WIDTH + d * day_width;

      if (self->n_days > 1)
        {
          g_autoptr(GDateTime) day = g_date_time_new_from_unix_local (self->day_starts[d]);
          /* Translators: a day in the week timeline's header: weekday and
           * ISO date, or in a narrow window weekday and day of the month */
          g_autofree char *text = g_date_time_format (day, day_width >= 140 ? _("%a %Y-%m-%d")
                                                                            : _("%a %d"));

          append_text (snapshot, widget, text, x0 + 4, 0, day_width - 8, HEADER_HEIGHT / 2,
                       &fg, TRUE);
        }
      for (guint h = 0; h <= N_HOURS; h++)
        {
          double x = x0 + h * hour_width;
          gboolean day_edge = h == 0 || h == N_HOURS;

          gtk_snapshot_append_color (snapshot, day_edge ? &faint : &line,
                                     &GRAPHENE_RECT_INIT (x, self->n_days > 1 && !day_edge
                                                                ? HEADER_HEIGHT / 2 : 0,
                                                          1, height));
          /* In a week, only every third hour is named. */
          if (h < N_HOURS && (self->n_days == 1 || h % 3 == 0))
            {
              g_autofree char *text = g_strdup_printf ("%02u", FIRST_HOUR + h);

              append_text (snapshot, widget, text, x + 3, HEADER_HEIGHT / 2,
                           MAX (hour_width * (self->n_days == 1 ? 1 : 3) - 4, 20),
                           HEADER_HEIGHT / 2, &faint, FALSE);
            }
        }
    }

  /* The rows in view (a large municipality has thousands of rooms). */
  if (self->vadjustment != NULL)
    {
      graphene_point_t origin;
      GtkWidget *viewport = gtk_widget_get_parent (widget);

      if (viewport != NULL &&
          gtk_widget_compute_point (widget, viewport, &GRAPHENE_POINT_INIT (0, 0), &origin))
        {
          double top = -origin.y;
          double bottom = top + gtk_widget_get_height (viewport);

          first_row = (guint) MAX (0, (top - HEADER_HEIGHT) / ROW_HEIGHT);
          last_row = (guint) MAX (0, (bottom - HEADER_HEIGHT) / ROW_HEIGHT + 1);
        }
    }

  /* Rows: the rooms' names and lines between them. */
  rows = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint r = 0; r < self->rooms->len; r++)
    {
      const ResfriRoomAvailability *room = g_ptr_array_index (self->rooms, r);
      double y = HEADER_HEIGHT + r * ROW_HEIGHT;

      if (r < first_row || r > last_row)
        continue;
      g_hash_table_insert (rows, room->room, GUINT_TO_POINTER (r + 1));
      gtk_snapshot_append_color (snapshot, &line, &GRAPHENE_RECT_INIT (0, y, width, 1));
      append_text (snapshot, widget, room->name != NULL ? room->name : room->room,
                   8, y, NAME_WIDTH - 16, ROW_HEIGHT, &fg, FALSE);
    }

  /* An empty period says so, over the grid. */
  if (self->bookings->len == 0 && self->rooms->len > 0)
    {
      const char *text = self->n_days > 1 ? _("No room is booked this week")
                                          : _("No room is booked this day");

      append_text (snapshot, widget, text, NAME_WIDTH + 12, HEADER_HEIGHT,
                   width - NAME_WIDTH - 24, ROW_HEIGHT, &faint, FALSE);
    }

  /* The bookings, cut into days. */
  for (guint i = 0; i < self->bookings->len; i++)
    {
      const ResfriBooking *b = g_ptr_array_index (self->bookings, i);
      guint row = GPOINTER_TO_UINT (g_hash_table_lookup (rows, b->resource));

      if (row == 0)
        continue;

      for (guint d = 0; d < self->n_days; d++)
        {
          double x0, x1, y;
          GskRoundedRect rect;

          if (b->end <= self->day_starts[d] || b->start >= self->day_starts[d + 1])
            continue;
          x0 = get_x (self, d, MAX (b->start, self->day_starts[d]), day_width);
          x1 = get_x (self, d, MIN (b->end, self->day_starts[d + 1]), day_width);
          if (x1 - x0 < 1)
            continue;
          y = HEADER_HEIGHT + (row - 1) * ROW_HEIGHT + 3;

          gsk_rounded_rect_init_from_rect (&rect,
                                           &GRAPHENE_RECT_INIT (x0 + 1, y, x1 - x0 - 2,
                                                                ROW_HEIGHT - 6),
                                           4);
          gtk_snapshot_push_rounded_clip (snapshot, &rect);
          gtk_snapshot_append_color (snapshot, b->attention != NULL ? &conflict : &accent,
                                     &rect.bounds);
          if (x1 - x0 > 24 && b->summary != NULL)
            append_text (snapshot, widget, b->summary, x0 + 5, y, x1 - x0 - 10,
                         ROW_HEIGHT - 6, &accent_fg, FALSE);
          gtk_snapshot_pop (snapshot);
        }
    }
}

static void
update_description (ResfriRoomTimeline *self)
{
  GString *text = g_string_new (NULL);
  guint n_room_bookings = self->bookings != NULL ? self->bookings->len : 0;
  guint described = 0;

  g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE,
                                             "%u booking", "%u bookings", n_room_bookings),
                          n_room_bookings);
  g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE,
                                             " in %u room", " in %u rooms",
                                             self->rooms != NULL ? self->rooms->len : 0),
                          self->rooms != NULL ? self->rooms->len : 0);
  for (guint i = 0; i < n_room_bookings && described < MAX_DESCRIBED; i++, described++)
    {
      const ResfriBooking *b = g_ptr_array_index (self->bookings, i);
      g_autoptr(GDateTime) start = g_date_time_new_from_unix_local (b->start);
      g_autoptr(GDateTime) end = g_date_time_new_from_unix_local (b->end);
      g_autofree char *from = g_date_time_format (start, "%Y-%m-%d %H:%M");
      g_autofree char *to = g_date_time_format (end, "%H:%M");

      g_string_append (text, described == 0 ? ": " : "; ");
      /* Translators: a booking: room, start, end, meeting */
      g_string_append_printf (text, _("%s %s–%s %s"), b->resource, from, to,
                              b->summary != NULL ? b->summary : "");
      if (b->attention != NULL)
        g_string_append (text, _(" (conflict)"));
    }
  if (n_room_bookings > described)
    g_string_append (text, "; …");

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text->str,
                                  -1);
  g_string_free (text, TRUE);
}

/**
 * resfri_room_timeline_set_data:
 * @rooms: (element-type ResfriRoomAvailability): the rooms, one row each
 * @bookings: (element-type ResfriBooking): their bookings
 * @from: local midnight of the first day shown
 * @n_days: 1 (a day) or 7 (a week)
 */
void
resfri_room_timeline_set_data (ResfriRoomTimeline *self,
                               GPtrArray          *rooms,
                               GPtrArray          *bookings,
                               gint64              from,
                               guint               n_days)
{
  g_autoptr(GDateTime) first = NULL;

  g_return_if_fail (RESFRI_IS_ROOM_TIMELINE (self));

  g_clear_pointer (&self->rooms, g_ptr_array_unref);
  g_clear_pointer (&self->bookings, g_ptr_array_unref);
  self->rooms = rooms != NULL ? g_ptr_array_ref (rooms) : NULL;
  self->bookings = bookings != NULL ? g_ptr_array_ref (bookings) : g_ptr_array_new ();
  self->from = from;
  self->n_days = n_days;

  /* Days are not all 24 hours long (DST). */
  g_free (self->day_starts);
  self->day_starts = g_new (gint64, n_days + 1);
  first = g_date_time_new_from_unix_local (from);
  for (guint d = 0; d <= n_days; d++)
    {
      g_autoptr(GDateTime) day = g_date_time_add_days (first, d);

      self->day_starts[d] = g_date_time_to_unix (day);
    }

  update_description (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

static void
resfri_room_timeline_root (GtkWidget *widget)
{
  ResfriRoomTimeline *self = RESFRI_ROOM_TIMELINE (widget);
  GtkWidget *scrolled;

  GTK_WIDGET_CLASS (resfri_room_timeline_parent_class)->root (widget);

  /* Scrolling moves the rows in view: draw again. */
  scrolled = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);
  if (scrolled != NULL)
    {
      self->vadjustment = g_object_ref (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled)));
      g_signal_connect_object (self->vadjustment, "value-changed",
                               G_CALLBACK (gtk_widget_queue_draw), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->vadjustment, "notify::page-size",
                               G_CALLBACK (gtk_widget_queue_draw), self, G_CONNECT_SWAPPED);
    }
}

static void
resfri_room_timeline_unroot (GtkWidget *widget)
{
  ResfriRoomTimeline *self = RESFRI_ROOM_TIMELINE (widget);

  if (self->vadjustment != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->vadjustment, self);
      g_clear_object (&self->vadjustment);
    }

  GTK_WIDGET_CLASS (resfri_room_timeline_parent_class)->unroot (widget);
}

static void
resfri_room_timeline_finalize (GObject *object)
{
  ResfriRoomTimeline *self = RESFRI_ROOM_TIMELINE (object);

  g_clear_pointer (&self->rooms, g_ptr_array_unref);
  g_clear_pointer (&self->bookings, g_ptr_array_unref);
  g_clear_pointer (&self->day_starts, g_free);

  G_OBJECT_CLASS (resfri_room_timeline_parent_class)->finalize (object);
}

static void
resfri_room_timeline_class_init (ResfriRoomTimelineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = resfri_room_timeline_finalize;
  widget_class->measure = resfri_room_timeline_measure;
  widget_class->snapshot = resfri_room_timeline_snapshot;
  widget_class->root = resfri_room_timeline_root;
  widget_class->unroot = resfri_room_timeline_unroot;

  gtk_widget_class_set_css_name (widget_class, "roomtimeline");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
resfri_room_timeline_init (ResfriRoomTimeline *self)
{
  self->n_days = 1;
  self->day_starts = g_new0 (gint64, 2);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Room bookings"),
                                  -1);
}

GtkWidget *
resfri_room_timeline_new (void)
{
  return g_object_new (RESFRI_TYPE_ROOM_TIMELINE, NULL);
}

/* resfri-room-timeline.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The bookings of rooms over a day or a week, drawn with GtkSnapshot: one
 * row per room, headed by the room (its name, site, seats and whether it
 * has video), the hours 07–18 of each day as columns under a header that
 * stays in view, each booking a rounded rectangle with the meeting’s
 * summary on up to two lines (the calendar’s own reservations too; a
 * conflict in the error colour). What it shows is also said in its
 * accessible description.
 *
 * It is also where rooms are booked: a cursor on one room's hour (or the
 * booking there) moves with the arrow keys, follows a click, is named in
 * the accessible description and a tooltip, and Enter or a click
 * activates it: ::booking-activated for a booking, ::slot-activated for a
 * free hour.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "resfri-bookings.h"
#include "resfri-room-timeline.h"

#define FIRST_HOUR   7
#define LAST_HOUR    18
#define N_HOURS      (LAST_HOUR - FIRST_HOUR)
#define NAME_WIDTH   200
#define HEADER_HEIGHT 40
#define ROW_HEIGHT   46
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

  /* The cursor: a room (row), a day and an hour of it. */
  guint      cursor_row;
  guint      cursor_day;
  guint      cursor_hour;
};

enum {
  BOOKING_ACTIVATED,
  SLOT_ACTIVATED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

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

/* Draws @text in the box (@x, @y, @width, @height), centred vertically,
 * on at most @lines lines and ellipsised after them. */
static void
append_text_lines (GtkSnapshot   *snapshot,
                   GtkWidget     *widget,
                   const char    *text,
                   double         x,
                   double         y,
                   double         width,
                   double         height,
                   const GdkRGBA *color,
                   gboolean       bold,
                   int            lines)
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
  if (lines > 1)
    {
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
      pango_layout_set_height (layout, -lines);
    }
  pango_layout_get_pixel_size (layout, NULL, &text_height);

  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, y + (height - text_height) / 2));
  gtk_snapshot_append_layout (snapshot, layout, color);
  gtk_snapshot_restore (snapshot);
  g_object_unref (layout);
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
  append_text_lines (snapshot, widget, text, x, y, width, height, color, bold, 1);
}

static gboolean
lookup_color (GtkWidget  *widget,
              const char *name,
              GdkRGBA    *color)
{
  GtkStyleContext *context = gtk_widget_get_style_context (widget);

  return gtk_style_context_lookup_color (context, name, color);
}

/* Where the header is drawn: at the top of what is in view, so that the
 * hours stay named while the rooms scroll under them. */
static double
get_header_y (ResfriRoomTimeline *self)
{
  GtkWidget *viewport = gtk_widget_get_parent (GTK_WIDGET (self));
  graphene_point_t origin;

  if (self->vadjustment == NULL || viewport == NULL ||
      !gtk_widget_compute_point (GTK_WIDGET (self), viewport, &GRAPHENE_POINT_INIT (0, 0), &origin))
    return 0;
  return MAX (0, -origin.y);
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

/*
 * The cursor
 */

static const ResfriRoomAvailability *
get_cursor_room (ResfriRoomTimeline *self)
{
  if (self->rooms == NULL || self->cursor_row >= self->rooms->len)
    return NULL;
  return g_ptr_array_index (self->rooms, self->cursor_row);
}

static void
get_slot (ResfriRoomTimeline *self,
          guint               day,
          guint               hour,
          gint64             *start,
          gint64             *end)
{
  *start = self->day_starts[day] + (FIRST_HOUR + hour) * 3600;
  *end = *start + 3600;
}

/* The booking of @room that overlaps [@start, @end), or NULL. */
static const ResfriBooking *
find_booking (ResfriRoomTimeline *self,
              const char         *room,
              gint64              start,
              gint64              end)
{
  for (guint i = 0; room != NULL && self->bookings != NULL && i < self->bookings->len; i++)
    {
      const ResfriBooking *b = g_ptr_array_index (self->bookings, i);

      if (b->start < end && b->end > start && g_strcmp0 (b->resource, room) == 0)
        return b;
    }
  return NULL;
}

static const ResfriBooking *
get_cursor_booking (ResfriRoomTimeline *self)
{
  const ResfriRoomAvailability *room = get_cursor_room (self);
  gint64 start, end;

  if (room == NULL)
    return NULL;
  get_slot (self, self->cursor_day, self->cursor_hour, &start, &end);
  return find_booking (self, room->room, start, end);
}

/* "Room X, 09:00–10:00, Meeting title", or "…, free". */
static char *
describe_slot (ResfriRoomTimeline           *self,
               const ResfriRoomAvailability *room,
               guint                         day,
               guint                         hour)
{
  const ResfriBooking *b;
  g_autoptr(GDateTime) from = NULL;
  g_autoptr(GDateTime) to = NULL;
  g_autofree char *from_text = NULL;
  g_autofree char *to_text = NULL;
  gint64 start, end;

  get_slot (self, day, hour, &start, &end);
  b = find_booking (self, room->room, start, end);
  if (b != NULL)
    {
      start = b->start;
      end = b->end;
    }
  from = g_date_time_new_from_unix_local (start);
  to = g_date_time_new_from_unix_local (end);
  from_text = g_date_time_format (from, self->n_days > 1 ? "%a %H:%M" : "%H:%M");
  to_text = g_date_time_format (to, "%H:%M");

  if (b == NULL)
    /* Translators: a free hour of the rooms' timeline: the room, the
     * times, as in "Room Linden, 09:00–10:00, free" */
    return g_strdup_printf (_("Room %s, %s–%s, free"),
                            room->name != NULL ? room->name : room->room, from_text, to_text);
  /* Translators: a booking on the rooms' timeline: the room, the times,
   * the meeting, as in "Room Linden, 09:00–10:00, Budget meeting" */
  return g_strdup_printf (b->attention != NULL ? _("Room %s, %s–%s, %s (conflict)")
                                               : _("Room %s, %s–%s, %s"),
                          room->name != NULL ? room->name : room->room, from_text, to_text,
                          b->summary != NULL ? b->summary : _("booked"));
}

static void update_description (ResfriRoomTimeline *self);

/* Keeps the cursor's row in view. */
static void
scroll_to_cursor (ResfriRoomTimeline *self)
{
  GtkWidget *viewport = gtk_widget_get_parent (GTK_WIDGET (self));
  graphene_point_t origin;
  double value, page, top, bottom;

  if (self->vadjustment == NULL || viewport == NULL ||
      !gtk_widget_compute_point (GTK_WIDGET (self), viewport, &GRAPHENE_POINT_INIT (0, 0), &origin))
    return;

  value = gtk_adjustment_get_value (self->vadjustment);
  page = gtk_adjustment_get_page_size (self->vadjustment);
  top = origin.y + value + HEADER_HEIGHT + self->cursor_row * ROW_HEIGHT;
  bottom = top + ROW_HEIGHT;
  if (top - HEADER_HEIGHT < value)
    gtk_adjustment_set_value (self->vadjustment, top - HEADER_HEIGHT);
  else if (bottom > value + page)
    gtk_adjustment_set_value (self->vadjustment, bottom - page);
}

static void
set_cursor (ResfriRoomTimeline *self,
            guint               row,
            guint               day,
            guint               hour)
{
  guint n_rows = self->rooms != NULL ? self->rooms->len : 0;

  self->cursor_row = n_rows > 0 ? MIN (row, n_rows - 1) : 0;
  self->cursor_day = MIN (day, self->n_days - 1);
  self->cursor_hour = MIN (hour, N_HOURS - 1);
  update_description (self);
  scroll_to_cursor (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
activate_cursor (ResfriRoomTimeline *self)
{
  const ResfriRoomAvailability *room = get_cursor_room (self);
  const ResfriBooking *b;
  gint64 start, end;

  if (room == NULL)
    return;

  if ((b = get_cursor_booking (self)) != NULL)
    {
      g_signal_emit (self, signals[BOOKING_ACTIVATED], 0, b);
      return;
    }
  get_slot (self, self->cursor_day, self->cursor_hour, &start, &end);
  g_signal_emit (self, signals[SLOT_ACTIVATED], 0, room->room, start, end);
}

/* Left and Right step an hour, over a booking at once. */
static void
step_hour (ResfriRoomTimeline *self,
           int                 direction)
{
  const ResfriBooking *b = get_cursor_booking (self);
  int day = self->cursor_day;
  int hour = self->cursor_hour;

  if (b != NULL)
    {
      /* The hour after (or before) the booking's last (first) hour. */
      while (day >= 0 && day < (int) self->n_days && hour >= 0 && hour < N_HOURS)
        {
          gint64 start, end;

          get_slot (self, day, hour, &start, &end);
          if (find_booking (self, b->resource, start, end) != b)
            break;
          hour += direction;
        }
    }
  else
    hour += direction;

  if (hour < 0 && day > 0)
    day--, hour = N_HOURS - 1;
  else if (hour >= N_HOURS && day + 1 < (int) self->n_days)
    day++, hour = 0;
  set_cursor (self, self->cursor_row, CLAMP (day, 0, (int) self->n_days - 1),
              CLAMP (hour, 0, N_HOURS - 1));
}

static gboolean
on_key_pressed_cb (GtkEventControllerKey *controller,
                   guint                  keyval,
                   guint                  keycode,
                   GdkModifierType        state,
                   ResfriRoomTimeline    *self)
{
  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK)) != 0)
    return FALSE;

  switch (keyval)
    {
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
      step_hour (self, -1);
      return TRUE;

    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      step_hour (self, 1);
      return TRUE;

    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      if (self->cursor_row == 0)
        return FALSE;
      set_cursor (self, self->cursor_row - 1, self->cursor_day, self->cursor_hour);
      return TRUE;

    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      if (self->rooms == NULL || self->cursor_row + 1 >= self->rooms->len)
        return FALSE;
      set_cursor (self, self->cursor_row + 1, self->cursor_day, self->cursor_hour);
      return TRUE;

    case GDK_KEY_Home:
      set_cursor (self, self->cursor_row, 0, 0);
      return TRUE;

    case GDK_KEY_End:
      set_cursor (self, self->cursor_row, self->n_days - 1, N_HOURS - 1);
      return TRUE;

    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_ISO_Enter:
    case GDK_KEY_space:
      activate_cursor (self);
      return TRUE;

    default:
      return FALSE;
    }
}

/* The row, day and hour under a point; FALSE outside the grid. */
static gboolean
hit_test (ResfriRoomTimeline *self,
          double              x,
          double              y,
          guint              *row,
          guint              *day,
          guint              *hour)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  double day_width;

  if (self->rooms == NULL || self->n_days == 0 || x < NAME_WIDTH ||
      y < get_header_y (self) + HEADER_HEIGHT)
    return FALSE;
  day_width = (double) (width - NAME_WIDTH) / self->n_days;
  *row = (guint) ((y - HEADER_HEIGHT) / ROW_HEIGHT);
  *day = (guint) ((x - NAME_WIDTH) / day_width);
  *hour = (guint) ((x - NAME_WIDTH - *day * day_width) / (day_width / N_HOURS));
  return *row < self->rooms->len && *day < self->n_days && *hour < N_HOURS;
}

static void
on_click_released_cb (GtkGestureClick    *gesture,
                      int                 n_press,
                      double              x,
                      double              y,
                      ResfriRoomTimeline *self)
{
  guint row, day, hour;

  if (!hit_test (self, x, y, &row, &day, &hour))
    return;
  gtk_widget_grab_focus (GTK_WIDGET (self));
  set_cursor (self, row, day, hour);
  activate_cursor (self);
}

static gboolean
on_query_tooltip_cb (GtkWidget          *widget,
                     int                 x,
                     int                 y,
                     gboolean            keyboard,
                     GtkTooltip         *tooltip,
                     ResfriRoomTimeline *self)
{
  g_autofree char *text = NULL;
  guint row = self->cursor_row, day = self->cursor_day, hour = self->cursor_hour;

  if (!keyboard && !hit_test (self, x, y, &row, &day, &hour))
    return FALSE;
  if (self->rooms == NULL || row >= self->rooms->len)
    return FALSE;

  text = describe_slot (self, g_ptr_array_index (self->rooms, row), day, hour);
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

/* The cursor's outline, when the timeline has the focus. */
static void
append_cursor (ResfriRoomTimeline *self,
               GtkSnapshot        *snapshot,
               double              day_width,
               const GdkRGBA      *color)
{
  const ResfriBooking *b = get_cursor_booking (self);
  double hour_width = day_width / N_HOURS;
  double x0 = NAME_WIDTH + self->cursor_day * day_width + self->cursor_hour * hour_width;
  double x1 = x0 + hour_width;
  double y = HEADER_HEIGHT + self->cursor_row * ROW_HEIGHT + 1;
  GskRoundedRect rect;
  const GdkRGBA colors[4] = { *color, *color, *color, *color };
  const float widths[4] = { 2, 2, 2, 2 };

  if (get_cursor_room (self) == NULL)
    return;
  if (b != NULL)
    {
      x0 = get_x (self, self->cursor_day, MAX (b->start, self->day_starts[self->cursor_day]),
                  day_width);
      x1 = get_x (self, self->cursor_day, MIN (b->end, self->day_starts[self->cursor_day + 1]),
                  day_width);
    }
  gsk_rounded_rect_init_from_rect (&rect, &GRAPHENE_RECT_INIT (x0, y, MAX (x1 - x0, 4),
                                                               ROW_HEIGHT - 2), 5);
  gtk_snapshot_append_border (snapshot, &rect, widths, colors);
}

/* The lines of the hours (and, darker, of the days) from @top to @bottom. */
static void
append_hour_lines (ResfriRoomTimeline *self,
                   GtkSnapshot        *snapshot,
                   double              day_width,
                   double              top,
                   double              bottom,
                   gboolean            header,
                   const GdkRGBA      *line,
                   const GdkRGBA      *faint)
{
  double hour_width = day_width / N_HOURS;

  for (guint d = 0; d < self->n_days; d++)
    for (guint h = 0; h <= N_HOURS; h++)
      {
        double x = NAME_WIDTH + d * day_width + h * hour_width;
        gboolean day_edge = h == 0 || h == N_HOURS;
        /* In a week's header the hours start under the day's name. */
        double y = header && self->n_days > 1 && !day_edge ? top + HEADER_HEIGHT / 2 : top;

        gtk_snapshot_append_color (snapshot, day_edge ? faint : line,
                                   &GRAPHENE_RECT_INIT (x, y, 1, bottom - y));
      }
}

/* The header at @y: the days (in a week) and the hours, on the window's
 * background so that the rows scroll under it. */
static void
append_header (ResfriRoomTimeline *self,
               GtkSnapshot        *snapshot,
               double              y,
               double              day_width,
               const GdkRGBA      *fg,
               const GdkRGBA      *line,
               const GdkRGBA      *faint)
{
  GtkWidget *widget = GTK_WIDGET (self);
  int width = gtk_widget_get_width (widget);
  double hour_width = day_width / N_HOURS;
  GdkRGBA background;

  if (!lookup_color (widget, "window_bg_color", &background))
    gdk_rgba_parse (&background, "#fafafa");
  gtk_snapshot_append_color (snapshot, &background,
                             &GRAPHENE_RECT_INIT (0, y, width, HEADER_HEIGHT));
  append_hour_lines (self, snapshot, day_width, y, y + HEADER_HEIGHT, TRUE, line, faint);
  gtk_snapshot_append_color (snapshot, faint,
                             &GRAPHENE_RECT_INIT (0, y + HEADER_HEIGHT - 1, width, 1));

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

          append_text (snapshot, widget, text, x0 + 4, y, day_width - 8, HEADER_HEIGHT / 2,
                       fg, TRUE);
        }
      /* In a week, only every third hour is named. */
      for (guint h = 0; h < N_HOURS; h++)
        if (self->n_days == 1 || h % 3 == 0)
          {
            g_autofree char *text = g_strdup_printf ("%02u", FIRST_HOUR + h);

            append_text (snapshot, widget, text, x0 + h * hour_width + 3, y + HEADER_HEIGHT / 2,
                         MAX (hour_width * (self->n_days == 1 ? 1 : 3) - 4, 20),
                         HEADER_HEIGHT / 2, faint, FALSE);
          }
    }
}

/* A row's head: the room's name and, under it, its site and seats, with
 * "Video" (@video_width pixels wide) where it has fixed video equipment. */
static void
append_room_head (ResfriRoomTimeline           *self,
                  GtkSnapshot                  *snapshot,
                  const ResfriRoomAvailability *room,
                  double                        y,
                  int                           video_width,
                  const GdkRGBA                *fg,
                  const GdkRGBA                *faint,
                  const GdkRGBA                *accent)
{
  GtkWidget *widget = GTK_WIDGET (self);
  g_autofree char *seats = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d seat", "%d seats",
                                                         (gulong) room->capacity),
                                            (int) room->capacity);
  /* Translators: a room's site code · "12 seats" */
  g_autofree char *subtitle = g_strdup_printf (_("%s · %s"), room->site, seats);
  double name_width = NAME_WIDTH - 20;

  if (room->vc)
    {
      append_text (snapshot, widget, _("Video"), NAME_WIDTH - 12 - video_width, y + 4,
                   video_width + 1, ROW_HEIGHT / 2 - 2, accent, FALSE);
      name_width -= video_width + 6;
    }
  append_text (snapshot, widget, room->name != NULL ? room->name : room->room,
               8, y + 4, name_width, ROW_HEIGHT / 2 - 2, fg, FALSE);
  append_text (snapshot, widget, subtitle, 8, y + ROW_HEIGHT / 2, NAME_WIDTH - 20,
               ROW_HEIGHT / 2 - 4, faint, FALSE);
}

static void
resfri_room_timeline_snapshot (GtkWidget   *widget,
                               GtkSnapshot *snapshot)
{
  ResfriRoomTimeline *self = RESFRI_ROOM_TIMELINE (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  double day_width = self->n_days > 0 ? (double) (width - NAME_WIDTH) / self->n_days : 0;
  double header_y = get_header_y (self);
  GdkRGBA fg;
  GdkRGBA line;
  GdkRGBA faint;
  GdkRGBA accent;
  GdkRGBA accent_fg;
  GdkRGBA accent_text;
  GdkRGBA conflict;
  g_autoptr(GHashTable) rows = NULL;
  guint first_row = 0;
  guint last_row = G_MAXUINT;
  int video_width = 0;

  if (self->n_days == 0 || self->rooms == NULL)
    return;

  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
  line = fg;
  line.alpha = 0.15;
  faint = fg;
  faint.alpha = 0.6;
  if (!lookup_color (widget, "accent_bg_color", &accent))
    gdk_rgba_parse (&accent, "#3584e4");
  if (!lookup_color (widget, "accent_color", &accent_text))
    accent_text = accent;
  /* Two occurrences holding one room at once: a conflict to resolve. */
  if (!lookup_color (widget, "error_bg_color", &conflict))
    gdk_rgba_parse (&conflict, "#c01c28");
  if (!lookup_color (widget, "accent_fg_color", &accent_fg))
    gdk_rgba_parse (&accent_fg, "white");

  /* The rows in view (a large municipality has thousands of rooms). */
  if (self->vadjustment != NULL)
    {
      GtkWidget *viewport = gtk_widget_get_parent (widget);
      double bottom = header_y + (viewport != NULL ? gtk_widget_get_height (viewport) : height);

      first_row = (guint) MAX (0, (header_y - HEADER_HEIGHT) / ROW_HEIGHT);
      last_row = (guint) MAX (0, (bottom - HEADER_HEIGHT) / ROW_HEIGHT + 1);
    }

  /* "Video"'s width, measured once for every row that shows it. */
  {
    /* Translators: shown beside a room with fixed video-conference equipment; keep it short */
    PangoLayout *layout = gtk_widget_create_pango_layout (widget, _("Video"));

    pango_layout_get_pixel_size (layout, &video_width, NULL);
    g_object_unref (layout);
  }

  append_hour_lines (self, snapshot, day_width, 0, height, FALSE, &line, &faint);

  /* Rows: the rooms and lines between them. */
  rows = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint r = 0; r < self->rooms->len; r++)
    {
      const ResfriRoomAvailability *room = g_ptr_array_index (self->rooms, r);
      double y = HEADER_HEIGHT + r * ROW_HEIGHT;

      if (r < first_row || r > last_row)
        continue;
      g_hash_table_insert (rows, room->room, GUINT_TO_POINTER (r + 1));
      gtk_snapshot_append_color (snapshot, &line, &GRAPHENE_RECT_INIT (0, y, width, 1));
      append_room_head (self, snapshot, room, y, video_width, &fg, &faint, &accent_text);
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
            append_text_lines (snapshot, widget, b->summary, x0 + 5, y, x1 - x0 - 10,
                               ROW_HEIGHT - 6, &accent_fg, FALSE, 2);
          gtk_snapshot_pop (snapshot);
        }
    }

  if (gtk_widget_has_focus (widget))
    append_cursor (self, snapshot, day_width, &fg);

  append_header (self, snapshot, header_y, day_width, &fg, &line, &faint);
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
  if (get_cursor_room (self) != NULL)
    {
      g_autofree char *slot = describe_slot (self, get_cursor_room (self), self->cursor_day,
                                             self->cursor_hour);

      /* Translators: the rooms' timeline's cursor, after the count of
       * bookings: "; selected: Room Linden, 09:00–10:00, free" */
      g_string_append_printf (text, _("; selected: %s"), slot);
    }
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

  /* The cursor stays on its room's row and hour where it can. */
  self->cursor_day = MIN (self->cursor_day, n_days - 1);
  if (self->rooms != NULL && self->cursor_row >= self->rooms->len)
    self->cursor_row = self->rooms->len > 0 ? self->rooms->len - 1 : 0;

  update_description (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

/* Moves the cursor to @room's row at the hour holding @start (after the
 * view booked or cancelled there), when shown. */
void
resfri_room_timeline_set_cursor (ResfriRoomTimeline *self,
                                 const char         *room,
                                 gint64              start)
{
  g_return_if_fail (RESFRI_IS_ROOM_TIMELINE (self));

  for (guint r = 0; self->rooms != NULL && r < self->rooms->len; r++)
    {
      const ResfriRoomAvailability *a = g_ptr_array_index (self->rooms, r);

      if (g_strcmp0 (a->room, room) != 0)
        continue;
      for (guint d = 0; d < self->n_days; d++)
        if (start >= self->day_starts[d] && start < self->day_starts[d + 1])
          {
            int hour = (int) ((start - self->day_starts[d]) / 3600) - FIRST_HOUR;

            set_cursor (self, r, d, CLAMP (hour, 0, N_HOURS - 1));
            return;
          }
    }
}

/**
 * resfri_room_timeline_get_cursor:
 * @start: (out): the start of the booking at the cursor, or of its hour
 * @end: (out): its end
 *
 * Returns: (nullable): the room at the cursor, %NULL when none is shown
 */
const ResfriRoomAvailability *
resfri_room_timeline_get_cursor (ResfriRoomTimeline *self,
                                 gint64             *start,
                                 gint64             *end)
{
  const ResfriRoomAvailability *room;
  const ResfriBooking *b;

  g_return_val_if_fail (RESFRI_IS_ROOM_TIMELINE (self), NULL);

  if ((room = get_cursor_room (self)) == NULL)
    return NULL;
  if ((b = get_cursor_booking (self)) != NULL)
    {
      *start = b->start;
      *end = b->end;
    }
  else
    get_slot (self, self->cursor_day, self->cursor_hour, start, end);

  return room;
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

  /**
   * ResfriRoomTimeline::booking-activated:
   * @booking: (type ResfriBooking): the booking under the cursor
   */
  signals[BOOKING_ACTIVATED] = g_signal_new ("booking-activated", G_TYPE_FROM_CLASS (klass),
                                             G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                             G_TYPE_NONE, 1,
                                             RESFRI_TYPE_BOOKING | G_SIGNAL_TYPE_STATIC_SCOPE);
  /**
   * ResfriRoomTimeline::slot-activated:
   * @room: the room's code
   * @start: the free hour's start
   * @end: its end
   */
  signals[SLOT_ACTIVATED] = g_signal_new ("slot-activated", G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                          G_TYPE_NONE, 3, G_TYPE_STRING, G_TYPE_INT64,
                                          G_TYPE_INT64);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
resfri_room_timeline_init (ResfriRoomTimeline *self)
{
  GtkEventController *key;
  GtkGesture *click;

  self->n_days = 1;
  self->day_starts = g_new0 (gint64, 2);
  self->cursor_hour = 9 - FIRST_HOUR;

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (on_query_tooltip_cb), self);
  key = gtk_event_controller_key_new ();
  g_signal_connect (key, "key-pressed", G_CALLBACK (on_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), key);
  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect (click, "released", G_CALLBACK (on_click_released_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
  /* The cursor is drawn only with the focus. */
  g_signal_connect_swapped (self, "notify::has-focus", G_CALLBACK (gtk_widget_queue_draw), self);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Room bookings"),
                                  -1);
}

GtkWidget *
resfri_room_timeline_new (void)
{
  return g_object_new (RESFRI_TYPE_ROOM_TIMELINE, NULL);
}

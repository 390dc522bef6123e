/* resfri-utilisation.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The utilisation of loan pools and video rooms: booked hours and their
 * share of the working hours of a period.
 *
 * Working hours are weekdays 08:00–17:00 Europe/Stockholm; public holidays
 * are not known and count as working days. A pool is the site's loan items
 * of one type in state ok as they are now; bookings of items that have
 * since left the pool do not count.
 */

#include "config.h"

#include <math.h>
#include <stdlib.h>

#include <glib/gi18n-lib.h>

#include "resfri-bookings-private.h"
#include "resfri-utilisation.h"

#define WORKDAY_START_HOUR 8
#define WORKDAY_END_HOUR 17

G_DEFINE_BOXED_TYPE (ResfriUtilisation, resfri_utilisation, resfri_utilisation_copy,
                     resfri_utilisation_free)

ResfriUtilisation *
resfri_utilisation_copy (const ResfriUtilisation *row)
{
  ResfriUtilisation *copy;

  g_return_val_if_fail (row != NULL, NULL);

  copy = g_new0 (ResfriUtilisation, 1);
  *copy = *row;
  copy->site = g_strdup (row->site);
  copy->type = g_strdup (row->type);
  copy->room = g_strdup (row->room);
  copy->name = g_strdup (row->name);

  return copy;
}

void
resfri_utilisation_free (ResfriUtilisation *row)
{
  if (row == NULL)
    return;

  g_free (row->site);
  g_free (row->type);
  g_free (row->room);
  g_free (row->name);
  g_free (row);
}

/* Seconds of [from, to) inside working hours: weekdays 08:00–17:00 in the
 * home zone (holidays are not known). */
static gint64
working_seconds (gint64 from,
                 gint64 to)
{
  GTimeZone *zone = _resfri_bookings_home_zone ();
  g_autoptr(GDateTime) first = NULL;
  g_autoptr(GDateTime) day = NULL;
  gint64 total = 0;

  if (to <= from)
    return 0;

  if (!(first = g_date_time_new_from_unix_utc (from)))
    return 0;
  {
    g_autoptr(GDateTime) local = g_date_time_to_timezone (first, zone);

    day = g_date_time_new (zone, g_date_time_get_year (local), g_date_time_get_month (local),
                           g_date_time_get_day_of_month (local), 0, 0, 0);
  }

  while (day != NULL)
    {
      int y = g_date_time_get_year (day);
      int m = g_date_time_get_month (day);
      int d = g_date_time_get_day_of_month (day);
      g_autoptr(GDateTime) open = g_date_time_new (zone, y, m, d, WORKDAY_START_HOUR, 0, 0);
      g_autoptr(GDateTime) close = g_date_time_new (zone, y, m, d, WORKDAY_END_HOUR, 0, 0);
      gint64 a = g_date_time_to_unix (open);
      gint64 b = g_date_time_to_unix (close);
      GDateTime *next;

      if (a >= to)
        break;
      if (g_date_time_get_day_of_week (day) <= 5)
        total += MAX (0, MIN (b, to) - MAX (a, from));

      /* Noon keeps the step a calendar day across DST changes. */
      {
        g_autoptr(GDateTime) noon = g_date_time_new (zone, y, m, d, 12, 0, 0);
        g_autoptr(GDateTime) tomorrow = g_date_time_add_days (noon, 1);

        next = tomorrow == NULL ? NULL :
               g_date_time_new (zone, g_date_time_get_year (tomorrow),
                                g_date_time_get_month (tomorrow),
                                g_date_time_get_day_of_month (tomorrow), 0, 0, 0);
      }
      g_date_time_unref (day);
      day = next;
    }

  return total;
}

/**
 * resfri_bookings_working_hours:
 * @from: the period's start
 * @to: its end (exclusive)
 *
 * Returns: the working hours (weekdays 08:00–17:00 Europe/Stockholm,
 *   holidays not known) within [@from, @to)
 */
double
resfri_bookings_working_hours (gint64 from,
                               gint64 to)
{
  return working_seconds (from, to) / 3600.0;
}

/* Adds up @intervals (start, end pairs) into @row, clipped to [from, to). */
static void
sum_bookings (GArray            *intervals,
              gint64             from,
              gint64             to,
              ResfriUtilisation *row)
{
  gint64 booked = 0, working = 0;

  for (guint i = 0; i + 1 < intervals->len; i += 2)
    {
      gint64 start = MAX (g_array_index (intervals, gint64, i), from);
      gint64 end = MIN (g_array_index (intervals, gint64, i + 1), to);

      if (end <= start)
        continue;
      booked += end - start;
      working += working_seconds (start, end);
    }

  row->booked_hours = booked / 3600.0;
  row->booked_working_hours = working / 3600.0;
  row->share = row->working_hours > 0 ? row->booked_working_hours / row->working_hours : NAN;
}

static int
compare_start (gconstpointer a,
               gconstpointer b)
{
  gint64 x = *(const gint64 *) a;
  gint64 y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

/* Merges the overlapping (start, end) pairs of @intervals in place. */
static void
merge_intervals (GArray *intervals)
{
  guint n = intervals->len / 2, out = 0;
  gint64 *pairs = (gint64 *) (gpointer) intervals->data;

  /* A room nothing holds: no data to sort (qsort must not see NULL). */
  if (n == 0)
    return;

  /* Each pair sorts as one element by its start. */
  qsort (pairs, n, 2 * sizeof (gint64), compare_start);
  for (guint i = 0; i < n; i++)
    {
      if (out > 0 && pairs[2 * i] <= pairs[2 * out - 1])
        pairs[2 * out - 1] = MAX (pairs[2 * out - 1], pairs[2 * i + 1]);
      else
        {
          pairs[2 * out] = pairs[2 * i];
          pairs[2 * out + 1] = pairs[2 * i + 1];
          out++;
        }
    }
  g_array_set_size (intervals, 2 * out);
}

/* A reservation the calendar holds of a loan pool's item. */
typedef struct
{
  gint64  site_id;
  char   *type;
  gint64  start;
  gint64  end;
} PoolReservation;

static void
pool_reservation_clear (gpointer data)
{
  g_free (((PoolReservation *) data)->type);
}

static void
add_pool_reservation (const ResfriLoanBooking *booking,
                      gpointer                 user_data)
{
  PoolReservation reservation = { booking->site_id, g_strdup (booking->type), booking->start,
                                  booking->end };

  g_array_append_val ((GArray *) user_data, reservation);
}

/* Appends the (start, end) pairs of @reservations of pool @site_id/@type. */
static void
add_pool_intervals (GArray     *reservations,
                    gint64      site_id,
                    const char *type,
                    GArray     *intervals)
{
  for (guint i = 0; i < reservations->len; i++)
    {
      const PoolReservation *r = &g_array_index (reservations, PoolReservation, i);

      if (r->site_id == site_id && g_strcmp0 (r->type, type) == 0)
        {
          g_array_append_val (intervals, r->start);
          g_array_append_val (intervals, r->end);
        }
    }
}

static gboolean
utilisation_in_read (ResfriStore  *store,
                     gint64        from,
                     gint64        to,
                     GPtrArray    *rows,
                     GError      **error)
{
  g_autoptr(GArray) pool_keys = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) room_keys = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) reservations = g_array_new (FALSE, FALSE, sizeof (PoolReservation));
  double hours = resfri_bookings_working_hours (from, to);
  guint first_room;

  /* Collect the pools and rooms first: the sums read other rows. The
   * calendar's reservations of the pools' items count too. */
  g_array_set_clear_func (reservations, pool_reservation_clear);
  if (!_resfri_bookings_read_pools (store, rows, pool_keys, error) ||
      !_resfri_reservations_read_pool_items (store, from, to, add_pool_reservation, reservations,
                                             error))
    return FALSE;
  first_room = rows->len;
  if (!_resfri_bookings_read_video_rooms (store, rows, room_keys, error))
    return FALSE;

  for (guint i = 0; i < rows->len; i++)
    {
      ResfriUtilisation *row = g_ptr_array_index (rows, i);
      g_autoptr(GArray) intervals = NULL;

      row->working_hours = row->items * hours;
      if (i < first_room)
        {
          intervals = _resfri_bookings_read_intervals (store, FALSE,
                                                       g_array_index (pool_keys, gint64, 2 * i),
                                                       g_array_index (pool_keys, gint64, 2 * i + 1),
                                                       from, to, error);
          if (intervals != NULL)
            add_pool_intervals (reservations, g_array_index (pool_keys, gint64, 2 * i), row->type,
                                intervals);
        }
      else if ((intervals = _resfri_bookings_read_intervals (store, TRUE,
                                                            g_array_index (room_keys, gint64,
                                                                           i - first_room),
                                                            0, from, to, error)) != NULL)
        {
          /* The calendar's reservations count too; a room is used once at
           * a time, whoever holds it. */
          if (!_resfri_reservations_add_intervals (store,
                                                   g_array_index (room_keys, gint64,
                                                                  i - first_room),
                                                   from, to, intervals, error))
            return FALSE;
          merge_intervals (intervals);
        }
      if (intervals == NULL)
        return FALSE;
      sum_bookings (intervals, from, to, row);
    }

  return TRUE;
}

/**
 * resfri_bookings_get_utilisation:
 * @from: the period's start
 * @to: its end (exclusive)
 *
 * Booked hours and share of working hours per loan pool (site, type) and
 * per video room (a room with fixed video-conference equipment), for the
 * bookings within [@from, @to) (clipped to it). Pools come first, by site
 * and type, then rooms by site and name.
 *
 * Returns: (transfer container) (element-type ResfriUtilisation): the
 *   rows, or %NULL with @error
 */
GPtrArray *
resfri_bookings_get_utilisation (ResfriStore  *store,
                                 gint64        from,
                                 gint64        to,
                                 GError      **error)
{
  g_autoptr(GPtrArray) rows = NULL;
  gboolean owned;
  gboolean ok;

  g_return_val_if_fail (RESFRI_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (to < from)
    {
      g_set_error_literal (error, RESFRI_ERROR, RESFRI_ERROR_INVALID_INPUT,
                           _("The period ends before it starts"));
      return NULL;
    }

  rows = g_ptr_array_new_with_free_func ((GDestroyNotify) resfri_utilisation_free);
  if (!_resfri_bookings_begin_read (store, &owned, error))
    return NULL;
  ok = utilisation_in_read (store, from, to, rows, error);
  _resfri_bookings_end_read (store, owned);

  return ok ? g_steal_pointer (&rows) : NULL;
}

/* resfri-pool-reservations.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What a followed pool calendar reserves (`sources follow --pool
 * SITE/TYPE`, spec/sync.md): each of its events holds ONE item of that
 * loan pool (the site's items of that type with no owner, in state ok),
 * whichever, for its interval. This file counts the units of a pool taken
 * at once (Resfri's loans and the item calendars' reservations of its
 * items, each item once, plus the pool reservations), refuses a loan of
 * the pool's last free unit, and marks in the list of bookings each pool
 * reservation made when the pool is already full (a conflict, never
 * refused: the calendar may hold it). An occurrence's own pool reservation
 * never stands in its own way: its loans are the unit it stands for. The
 * allocation (resfri-allocation.c) and the gaps (resfri-gaps.c) take pool
 * reservations from _resfri_reservations_read_pool_items(). No SQL here.
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "resfri-bookings-private.h"
#include "resfri-sources-private.h"
#include "resfri-utilisation.h"

/* One unit of a pool taken for [start, end): by item @item, or by a pool
 * reservation (@item 0). */
typedef struct
{
  gint64      item;
  gint64      start;
  gint64      end;
  const char *uid;
  const char *recurrence_id;
} Taken;

/* The most units @taken holds at one instant of [start, end), each item
 * once; *@at that instant. The count changes only where an interval
 * starts, so those instants (and @start) are the ones to look at. */
static guint
peak_taken (GArray *taken,
            gint64  start,
            gint64  end,
            gint64 *at)
{
  g_autoptr(GHashTable) items = g_hash_table_new (g_int64_hash, g_int64_equal);
  guint peak = 0;

  *at = start;
  for (guint p = 0; p <= taken->len; p++)
    {
      gint64 t = p == 0 ? start : g_array_index (taken, Taken, p - 1).start;
      guint count = 0;

      if (t < start || t >= end)
        continue;
      g_hash_table_remove_all (items);
      for (guint i = 0; i < taken->len; i++)
        {
          Taken *unit = &g_array_index (taken, Taken, i);

          if (unit->start > t || unit->end <= t)
            continue;
          if (unit->item == 0)
            count++;
          else if (g_hash_table_add (items, &unit->item))
            count++;
        }
      if (count > peak)
        {
          peak = count;
          *at = t;
        }
    }

  return peak;
}

/* Drops from @taken each pool reservation of an occurrence that has an
 * item of the pool too: that item is the unit it reserves. */
static void
drop_own_units (GArray *taken)
{
  for (guint i = taken->len; i > 0; i--)
    {
      const Taken *unit = &g_array_index (taken, Taken, i - 1);

      if (unit->item != 0)
        continue;
      for (guint j = 0; j < taken->len; j++)
        {
          const Taken *other = &g_array_index (taken, Taken, j);

          if (other->item != 0 &&
              _resfri_reservations_same_occurrence (unit->uid, unit->recurrence_id, other->uid,
                                                    other->recurrence_id))
            {
              g_array_remove_index (taken, i - 1);
              break;
            }
        }
    }
}

/* The number of loan items of each pool, by "SITE/TYPE". */
static GHashTable *
read_pool_sizes (ResfriStore  *store,
                 GError      **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) resfri_utilisation_free);
  g_autoptr(GArray) keys = g_array_new (FALSE, FALSE, sizeof (gint64));
  GHashTable *sizes;

  if (!_resfri_bookings_read_pools (store, rows, keys, error))
    return NULL;
  sizes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < rows->len; i++)
    {
      const ResfriUtilisation *row = g_ptr_array_index (rows, i);

      g_hash_table_insert (sizes, g_strdup_printf ("%s/%s", row->site, row->type),
                           GUINT_TO_POINTER ((guint) row->items));
    }

  return sizes;
}

typedef struct
{
  gint64        site_id;
  const char   *type;
  gint64        item;     /* the item being lent: its own bookings are no other unit */
  GArray       *taken;
  GStringChunk *strings;
} PoolLoad;

static void
add_taken (const ResfriLoanBooking *booking,
           gpointer                 user_data)
{
  PoolLoad *load = user_data;
  Taken unit;

  if (booking->site_id != load->site_id || g_strcmp0 (booking->type, load->type) != 0 ||
      (booking->equipment_id != 0 && booking->equipment_id == load->item))
    return;
  unit.item = booking->equipment_id;
  unit.start = booking->start;
  unit.end = booking->end;
  unit.uid = g_string_chunk_insert_const (load->strings, booking->uid);
  unit.recurrence_id = g_string_chunk_insert_const (load->strings,
                                                    booking->recurrence_id != NULL
                                                    ? booking->recurrence_id : "");
  g_array_append_val (load->taken, unit);
}

/**
 * _resfri_reservations_check_pool:
 *
 * Whether lending @item (a loan item) during [start, end) for occurrence
 * @uid + @recurrence_id would take more units of its pool than it has,
 * with what a followed pool calendar reserves of it: 1 with a CONFLICT in
 * @error naming a pool reservation in the way, 0 when the unit is free, -1
 * with @error on a read error. A pool no pool calendar reserves during the
 * interval costs one read.
 */
int
_resfri_reservations_check_pool (ResfriStore    *store,
                                 const ItemRow  *item,
                                 gint64          start,
                                 gint64          end,
                                 const char     *uid,
                                 const char     *recurrence_id,
                                 GError        **error)
{
  g_autoptr(GPtrArray) pool = g_ptr_array_new_with_free_func ((GDestroyNotify) resfri_booking_free);
  g_autoptr(GArray) taken = g_array_new (FALSE, FALSE, sizeof (Taken));
  g_autoptr(GHashTable) sizes = NULL;
  g_autoptr(GStringChunk) strings = g_string_chunk_new (256);
  g_autofree char *key = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  const ResfriBooking *holder = NULL;
  PoolLoad load = { item->site_id, item->type, item->id, taken, strings };
  guint size;
  gint64 at;

  if (!_resfri_sources_read_pool_reservations (store, item->site_id, start, end, pool, NULL,
                                               error))
    return -1;
  for (guint i = 0; i < pool->len; i++)
    {
      const ResfriBooking *b = g_ptr_array_index (pool, i);

      if (g_strcmp0 (b->type, item->type) == 0 &&
          !_resfri_reservations_same_occurrence (b->uid, b->recurrence_id, uid, recurrence_id))
        {
          key = g_strdup (b->resource);
          break;
        }
    }
  if (key == NULL)
    return 0;

  /* Every unit taken: loans, the item calendars' and the pool calendars'
   * reservations (read_pool_items gives both), less this occurrence's own
   * pool reservations. */
  if (!_resfri_bookings_read_pool_loans (store, start, end, add_taken, &load, error) ||
      !_resfri_reservations_read_pool_items (store, start, end, add_taken, &load, error) ||
      !(sizes = read_pool_sizes (store, error)))
    return -1;
  for (guint i = taken->len; i > 0; i--)
    {
      const Taken *unit = &g_array_index (taken, Taken, i - 1);

      if (unit->item == 0 &&
          _resfri_reservations_same_occurrence (unit->uid, unit->recurrence_id, uid,
                                                recurrence_id))
        g_array_remove_index (taken, i - 1);
    }
  drop_own_units (taken);

  /* The item lent is one more unit: the others may take one less. */
  size = GPOINTER_TO_UINT (g_hash_table_lookup (sizes, key));
  if (peak_taken (taken, start, end, &at) < size)
    return 0;

  for (guint i = 0; i < pool->len && holder == NULL; i++)
    {
      const ResfriBooking *b = g_ptr_array_index (pool, i);

      if (g_strcmp0 (b->type, item->type) == 0 && b->start <= at && at < b->end &&
          !_resfri_reservations_same_occurrence (b->uid, b->recurrence_id, uid, recurrence_id))
        holder = b;
    }
  if (holder == NULL)
    holder = g_ptr_array_index (pool, 0);
  from = _resfri_bookings_format_local (holder->start);
  to = _resfri_bookings_format_local (holder->end);
  /* Translators: the item's asset tag, its pool (SITE/TYPE), then the
   * start and end (local time), summary and UID of a reservation of the
   * pool's calendar at that time. */
  g_set_error (error, RESFRI_ERROR, RESFRI_ERROR_CONFLICT,
               _("Item %s cannot be lent: every item of pool %s is taken, and the pool’s "
                 "calendar reserves one from %s to %s for “%s” (%s)"),
               item->tag, key, from, to, holder->summary != NULL ? holder->summary : "",
               holder->uid);

  return 1;
}

/**
 * _resfri_reservations_add_pools_to_list:
 *
 * Appends what the pool calendars reserve during [from, to) to @bookings
 * (the bookings and the other reservations of that window), each marked
 * "conflict" when, with it, more units of its pool are taken at once than
 * the pool has. Not sorted.
 */
gboolean
_resfri_reservations_add_pools_to_list (ResfriStore  *store,
                                        gint64        from,
                                        gint64        to,
                                        GPtrArray    *bookings,
                                        GError      **error)
{
  g_autoptr(GPtrArray) pool = g_ptr_array_new_with_free_func ((GDestroyNotify) resfri_booking_free);
  g_autoptr(GHashTable) sizes = NULL;
  g_autoptr(GHashTable) tags = g_hash_table_new (g_str_hash, g_str_equal);

  if (!_resfri_sources_read_pool_reservations (store, 0, from, to, pool, NULL, error))
    return FALSE;
  if (pool->len == 0)
    return TRUE;
  if (!(sizes = read_pool_sizes (store, error)))
    return FALSE;

  for (guint i = 0; i < pool->len; i++)
    {
      ResfriBooking *b = g_ptr_array_index (pool, i);
      g_autoptr(GArray) taken = g_array_new (FALSE, FALSE, sizeof (Taken));
      guint size = GPOINTER_TO_UINT (g_hash_table_lookup (sizes, b->resource));
      gint64 at;

      /* The pool's units: its items' bookings and reservations (by tag),
       * the pool's other reservations; this occurrence's are its own. */
      for (guint pass = 0; pass < 2; pass++)
        {
          GPtrArray *from_list = pass == 0 ? bookings : pool;

          for (guint j = 0; j < from_list->len; j++)
            {
              const ResfriBooking *c = g_ptr_array_index (from_list, j);
              Taken unit = { 0, c->start, c->end, c->uid, c->recurrence_id };

              if (c == b || c->kind != RESFRI_BOOKING_ITEM ||
                  g_strcmp0 (c->site, b->site) != 0 || g_strcmp0 (c->type, b->type) != 0 ||
                  c->start >= b->end || c->end <= b->start ||
                  _resfri_reservations_same_occurrence (c->uid, c->recurrence_id, b->uid,
                                                        b->recurrence_id))
                continue;
              /* An item by a number of its tag: one unit however often it
               * is held at once. */
              if (pass == 0)
                {
                  if (!g_hash_table_contains (tags, c->resource))
                    g_hash_table_insert (tags, c->resource,
                                         GUINT_TO_POINTER (g_hash_table_size (tags) + 1));
                  unit.item = GPOINTER_TO_UINT (g_hash_table_lookup (tags, c->resource));
                }
              g_array_append_val (taken, unit);
            }
        }
      drop_own_units (taken);
      if (peak_taken (taken, b->start, b->end, &at) >= size)
        b->attention = g_strdup ("conflict");
    }

  g_ptr_array_extend_and_steal (bookings, g_steal_pointer (&pool));

  return TRUE;
}

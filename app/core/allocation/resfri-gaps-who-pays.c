/* resfri-gaps-who-pays.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * "Who pays, and move before you buy" (spec/planning.md) on top of the
 * order list of resfri-gaps.c:
 *
 * - Who pays: a pool's purchase is attributed to the units whose demands
 *   make up the pool's peak, at the first instant the peak is reached, in
 *   proportion to how many of those demands are each unit's (a vc-kit's
 *   demand is its organiser's unit's). Costs are split in öre: each
 *   unit's share rounded down, the öre left over given one each to the
 *   largest remainders (ties by unit path), so the shares sum exactly to
 *   the pool's cost and units with as many demands get the same share but
 *   for at most one öre.
 * - Transfers: a pool's spare items are pool size − its peak demand over
 *   the whole horizon (moving at most that many leaves every demand of the
 *   pool servable at every instant: k identical items serve intervals whose
 *   overlap never exceeds k). Per type, each short pool (by site) takes
 *   from the pools with the most spare items first (then by site); what it
 *   still lacks is what it buys.
 * - Idle items: loan items that no booking and no item-calendar
 *   reservation names in the horizon, less one per item that the pool
 *   calendar reserves at its peak.
 */

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "resfri-allocation-private.h"
#include "resfri-bookings-private.h"

static void
unit_share_free (gpointer data)
{
  ResfriUnitShare *u = data;

  g_free (u->unit);
  g_free (u->unit_name);
  g_free (u->site);
  g_free (u->type);
  g_free (u);
}

static void
transfer_free (gpointer data)
{
  ResfriTransfer *t = data;

  g_free (t->type);
  g_free (t->from_site);
  g_free (t->to_site);
  g_free (t);
}

static void
idle_item_free (gpointer data)
{
  ResfriIdleItem *i = data;

  g_free (i->tag);
  g_free (i->site);
  g_free (i->type);
  g_free (i);
}

void
_resfri_gaps_who_pays_init (ResfriGaps *gaps)
{
  for (guint s = 0; s < G_N_ELEMENTS (gaps->scenarios); s++)
    {
      gaps->scenarios[s].by_unit = g_ptr_array_new_with_free_func (unit_share_free);
      gaps->scenarios[s].transfers = g_ptr_array_new_with_free_func (transfer_free);
    }
  gaps->idle = g_ptr_array_new_with_free_func (idle_item_free);
}

void
_resfri_gaps_who_pays_clear (ResfriGaps *gaps)
{
  for (guint s = 0; s < G_N_ELEMENTS (gaps->scenarios); s++)
    {
      g_clear_pointer (&gaps->scenarios[s].by_unit, g_ptr_array_unref);
      g_clear_pointer (&gaps->scenarios[s].transfers, g_ptr_array_unref);
    }
  g_clear_pointer (&gaps->idle, g_ptr_array_unref);
}

/**
 * resfri_gaps_unit_name:
 * @unit_name: (nullable): the unit's own name in the register
 * @unit: the unit's path ("A/B/C")
 *
 * Returns: the name to show for a unit: its own name, else the last part
 *   of its path
 */
const char *
resfri_gaps_unit_name (const char *unit_name,
                       const char *unit)
{
  const char *slash;

  if (unit_name != NULL && *unit_name != '\0')
    return unit_name;
  if (unit == NULL)
    return "";
  slash = strrchr (unit, '/');
  return slash != NULL ? slash + 1 : unit;
}

/* ---- Who pays ------------------------------------------------------------ */

typedef struct
{
  gint64      unit_id;
  const char *unit;
  guint       demands;
  gint64      floor_ore;
  gint64      remainder;
} Part;

static int
part_by_remainder (const void *a,
                   const void *b)
{
  const Part *x = a;
  const Part *y = b;

  if (x->remainder != y->remainder)
    return x->remainder > y->remainder ? -1 : 1;
  return strcmp (x->unit, y->unit);
}

/* Splits @total_ore over @parts in proportion to their demands (summing
 * to @total): rounded down, the rest one öre each to the largest
 * remainders. */
static void
split_ore (gint64  total_ore,
                        Part   *parts,
                        guint   n_parts,
                        guint   total)
{
  gint64 left = total_ore;

  for (guint i = 0; i < n_parts; i++)
    {
      parts[i].floor_ore = total_ore * parts[i].demands / total;
      parts[i].remainder = total_ore * parts[i].demands % total;
      left -= parts[i].floor_ore;
    }
  qsort (parts, n_parts, sizeof (Part), part_by_remainder);
  for (guint i = 0; left > 0; i = (i + 1) % n_parts, left--)
    parts[i].floor_ore++;
}

/* Attributes @shortfall's purchase to the units of the demands at its
 * peak (at its peak_start). @units holds each interval's unit id (0: none); @unit_names maps
 * a unit id to its UnitName. */
void
_resfri_gaps_attribute (ResfriGapsScenario    *scenario,
                        ResfriShortfall       *shortfall,
                        const ResfriInterval  *intervals,
                        const gint64          *units,
                        guint                  n,
                        GHashTable            *unit_names)
{
  g_autoptr(GHashTable) counts = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GArray) parts = g_array_new (FALSE, FALSE, sizeof (Part));
  gint64 at;
  guint total = 0;

  if (shortfall->to_order == 0 || n == 0)
    return;
  at = shortfall->peak_start;
  for (guint i = 0; i < n; i++)
    {
      Part *part;
      gpointer index;

      if (!(intervals[i].start <= at && at < intervals[i].end))
        continue;
      total++;
      if (!g_hash_table_lookup_extended (counts, &units[i], NULL, &index))
        {
          const UnitName *name = g_hash_table_lookup (unit_names, &units[i]);
          Part p = { units[i], name != NULL ? name->path : "", 0, 0, 0 };

          g_array_append_val (parts, p);
          index = GUINT_TO_POINTER (parts->len);
          g_hash_table_insert (counts, (gpointer) &units[i], index);
        }
      part = &g_array_index (parts, Part, GPOINTER_TO_UINT (index) - 1);
      part->demands++;
    }
  g_return_if_fail (total == shortfall->peak_demand);

  split_ore (llround (shortfall->cost * 100), (Part *) (gpointer) parts->data,
                          parts->len, total);
  for (guint i = 0; i < parts->len; i++)
    {
      const Part *part = &g_array_index (parts, Part, i);
      const UnitName *name = g_hash_table_lookup (unit_names, &part->unit_id);
      ResfriUnitShare *share = g_new0 (ResfriUnitShare, 1);

      share->unit = g_strdup (part->unit);
      share->unit_name = g_strdup (name != NULL ? name->name : "");
      share->site = g_strdup (shortfall->site);
      share->type = g_strdup (shortfall->type);
      share->demands = part->demands;
      share->peak_demand = shortfall->peak_demand;
      share->to_order = shortfall->to_order;
      share->cost_ore = part->floor_ore;
      g_ptr_array_add (scenario->by_unit, share);
    }
}

static int
unit_share_compare (gconstpointer a,
                    gconstpointer b)
{
  const ResfriUnitShare *x = *(ResfriUnitShare * const *) a;
  const ResfriUnitShare *y = *(ResfriUnitShare * const *) b;
  int cmp;

  if ((cmp = strcmp (x->unit, y->unit)) != 0)
    return cmp;
  if ((cmp = strcmp (x->site, y->site)) != 0)
    return cmp;
  return strcmp (x->type, y->type);
}

/* ---- Transfers ----------------------------------------------------------- */

static int
donor_compare (gconstpointer a,
               gconstpointer b)
{
  const ResfriShortfall *x = *(ResfriShortfall * const *) a;
  const ResfriShortfall *y = *(ResfriShortfall * const *) b;
  guint sx = x->pool - x->peak_demand;
  guint sy = y->pool - y->peak_demand;

  if (sx != sy)
    return sx > sy ? -1 : 1;
  return strcmp (x->site, y->site);
}

/* Transfers, then what remains to buy, of @scenario whose shortfall rows
 * (every pool, by site and type) are complete; and who pays in its order
 * (by unit path, site, type). */
void
_resfri_gaps_plan_transfers (ResfriGapsScenario *scenario)
{
  for (guint t = 0; t < N_TYPES; t++)
    {
      const char *type = _resfri_equipment_type_names[t];
      g_autoptr(GPtrArray) donors = g_ptr_array_new ();
      g_autofree guint *given = NULL;

      for (guint i = 0; i < scenario->shortfall->len; i++)
        {
          ResfriShortfall *row = g_ptr_array_index (scenario->shortfall, i);

          if (strcmp (row->type, type) == 0 && row->pool > row->peak_demand)
            g_ptr_array_add (donors, row);
        }
      g_ptr_array_sort (donors, donor_compare);
      given = g_new0 (guint, donors->len + 1);

      for (guint i = 0; i < scenario->shortfall->len; i++)
        {
          ResfriShortfall *row = g_ptr_array_index (scenario->shortfall, i);

          if (strcmp (row->type, type) != 0)
            continue;
          row->to_buy = row->to_order;
          for (guint d = 0; d < donors->len && row->to_buy > 0; d++)
            {
              const ResfriShortfall *donor = g_ptr_array_index (donors, d);
              guint spare = donor->pool - donor->peak_demand - given[d];
              ResfriTransfer *transfer;

              if (spare == 0)
                continue;
              transfer = g_new0 (ResfriTransfer, 1);
              transfer->type = g_strdup (type);
              transfer->from_site = g_strdup (donor->site);
              transfer->to_site = g_strdup (row->site);
              transfer->count = MIN (spare, row->to_buy);
              transfer->saves_sek = transfer->count * row->unit_cost;
              given[d] += transfer->count;
              row->to_buy -= transfer->count;
              g_ptr_array_add (scenario->transfers, transfer);
            }
          scenario->total_cost_after_transfers += row->to_buy * row->unit_cost;
        }
    }
  g_ptr_array_sort (scenario->by_unit, unit_share_compare);
}

/* ---- Idle items ---------------------------------------------------------- */

static void
add_used (const ResfriLoanBooking *booking,
          gpointer                 user_data)
{
  if (booking->equipment_id != 0)
    g_hash_table_add (user_data, g_memdup2 (&booking->equipment_id, sizeof (gint64)));
}

static int
idle_compare (gconstpointer a,
              gconstpointer b)
{
  const ResfriIdleItem *x = *(ResfriIdleItem * const *) a;
  const ResfriIdleItem *y = *(ResfriIdleItem * const *) b;
  int cmp;

  if ((cmp = strcmp (x->site, y->site)) != 0)
    return cmp;
  if ((cmp = strcmp (x->type, y->type)) != 0)
    return cmp;
  return strcmp (x->tag, y->tag);
}

/* The idle items of @supply's pools: @used holds the items item calendars
 * reserve (the bookings are added here); @pool_reserved maps a pool key to
 * how many of its items its calendar reserves at once at most. */
gboolean
_resfri_gaps_find_idle (ResfriStore   *store,
                        ResfriGaps    *gaps,
                        Supply        *supply,
                        GHashTable    *used,
                        GHashTable    *pool_reserved,
                        GError       **error)
{
  GHashTableIter iter;
  Pool *pool;

  if (!_resfri_bookings_read_pool_loans (store, gaps->from, gaps->to, add_used, used, error))
    return FALSE;

  g_hash_table_iter_init (&iter, supply->pools);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &pool))
    {
      guint reserved = GPOINTER_TO_UINT (g_hash_table_lookup (pool_reserved, &pool->key));

      for (guint i = 0; i < pool->items->len; i++)
        {
          const PoolItem *item = &g_array_index (pool->items, PoolItem, i);
          ResfriIdleItem *idle;

          if (g_hash_table_contains (used, &item->id))
            continue;
          /* One item less per item the pool calendar holds at once. */
          if (reserved > 0)
            {
              reserved--;
              continue;
            }
          idle = g_new0 (ResfriIdleItem, 1);
          idle->tag = g_strdup (item->tag);
          idle->site = g_strdup (_resfri_supply_site_code (supply, pool->site_id));
          idle->type = g_strdup (_resfri_equipment_type_names[pool->type]);
          g_ptr_array_add (gaps->idle, idle);
        }
    }
  g_ptr_array_sort (gaps->idle, idle_compare);

  return TRUE;
}

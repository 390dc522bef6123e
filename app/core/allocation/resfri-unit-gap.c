/* resfri-unit-gap.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Per unit, how many of its own people lack a personal headset or camera:
 * the Equipment view's list (a GListModel of ResfriUnitGap), and its
 * _async/_finish pair.
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "resfri-store-private.h"
#include "resfri-unit-gap.h"

/* How many people of one unit (its own members, not its sub-units') lack
 * a personal headset or camera: an item of that type that they hold and
 * that is in the "ok" state. Loan-pool items do not count. */
struct _ResfriUnitGap
{
  GObject  parent_instance;

  char    *unit;
  guint    n_people;
  guint    no_headset;
  guint    no_camera;
};

G_DEFINE_FINAL_TYPE (ResfriUnitGap, resfri_unit_gap, G_TYPE_OBJECT)

static void
resfri_unit_gap_finalize (GObject *object)
{
  ResfriUnitGap *self = (ResfriUnitGap *)object;

  g_free (self->unit);

  G_OBJECT_CLASS (resfri_unit_gap_parent_class)->finalize (object);
}

static void
resfri_unit_gap_class_init (ResfriUnitGapClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = resfri_unit_gap_finalize;
}

static void
resfri_unit_gap_init (ResfriUnitGap *self)
{
}

/* The unit's path ("Kommunstyrelsen/IT"). */
const char *
resfri_unit_gap_get_unit (ResfriUnitGap *self)
{
  g_return_val_if_fail (RESFRI_IS_UNIT_GAP (self), NULL);
  return self->unit;
}

guint
resfri_unit_gap_get_n_people (ResfriUnitGap *self)
{
  g_return_val_if_fail (RESFRI_IS_UNIT_GAP (self), 0);
  return self->n_people;
}

guint
resfri_unit_gap_get_no_headset (ResfriUnitGap *self)
{
  g_return_val_if_fail (RESFRI_IS_UNIT_GAP (self), 0);
  return self->no_headset;
}

guint
resfri_unit_gap_get_no_camera (ResfriUnitGap *self)
{
  g_return_val_if_fail (RESFRI_IS_UNIT_GAP (self), 0);
  return self->no_camera;
}

/**
 * resfri_unit_gap_list:
 *
 * The units where someone lacks a personal headset or camera, by path.
 *
 * Returns: (transfer full): a GListModel of ResfriUnitGap, or %NULL and
 *   @error
 */
GListModel *
resfri_unit_gap_list (ResfriStore   *store,
                      GCancellable  *cancellable,
                      GError       **error)
{
  g_autoptr(GListStore) list = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (RESFRI_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  stmt = _resfri_store_prepare (store,
                                "SELECT u.path, count (*), sum (h.id IS NULL), sum (c.id IS NULL)"
                                " FROM people p"
                                " JOIN units u ON u.id = p.unit_id"
                                " LEFT JOIN equipment_types ht ON ht.name = 'headset'"
                                " LEFT JOIN equipment_types ct ON ct.name = 'camera'"
                                " LEFT JOIN equipment h ON h.id = (SELECT e.id FROM equipment e"
                                "   WHERE e.owner_id = p.id AND e.type_id = ht.id"
                                "   AND e.state = 'ok' LIMIT 1)"
                                " LEFT JOIN equipment c ON c.id = (SELECT e.id FROM equipment e"
                                "   WHERE e.owner_id = p.id AND e.type_id = ct.id"
                                "   AND e.state = 'ok' LIMIT 1)"
                                " GROUP BY u.id"
                                " HAVING sum (h.id IS NULL) > 0 OR sum (c.id IS NULL) > 0"
                                " ORDER BY u.path",
                                error);
  if (stmt == NULL)
    return NULL;

  list = g_list_store_new (RESFRI_TYPE_UNIT_GAP);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(ResfriUnitGap) gap = g_object_new (RESFRI_TYPE_UNIT_GAP, NULL);

      gap->unit = g_strdup ((const char *)sqlite3_column_text (stmt, 0));
      gap->n_people = sqlite3_column_int (stmt, 1);
      gap->no_headset = sqlite3_column_int (stmt, 2);
      gap->no_camera = sqlite3_column_int (stmt, 3);
      g_list_store_append (list, gap);
    }

  if (rc != SQLITE_DONE)
    {
      _resfri_store_set_error (store, error, _("Cannot read who lacks equipment"));
      sqlite3_reset (stmt);
      return NULL;
    }

  sqlite3_reset (stmt);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  return G_LIST_MODEL (g_steal_pointer (&list));
}

static gpointer
list_work (ResfriStore   *worker,
           gpointer       data,
           GCancellable  *cancellable,
           GError       **error)
{
  return resfri_unit_gap_list (worker, cancellable, error);
}

/* resfri_unit_gap_list() on a worker thread with a connection of its own. */
void
resfri_unit_gap_list_async (ResfriStore         *store,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_return_if_fail (RESFRI_IS_STORE (store));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  _resfri_store_run_async (store, resfri_unit_gap_list_async, list_work, NULL, NULL, g_object_unref,
                           cancellable, callback, user_data);
}

GListModel *
resfri_unit_gap_list_finish (ResfriStore   *store,
                             GAsyncResult  *result,
                             GError       **error)
{
  return _resfri_store_run_finish (store, result, error);
}

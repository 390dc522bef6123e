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

#include "resfri-registers-private.h"
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

static void
add_unit (const char *unit,
          guint       n_people,
          guint       no_headset,
          guint       no_camera,
          gpointer    user_data)
{
  GListStore *list = user_data;
  g_autoptr(ResfriUnitGap) gap = g_object_new (RESFRI_TYPE_UNIT_GAP, NULL);

  gap->unit = g_strdup (unit);
  gap->n_people = n_people;
  gap->no_headset = no_headset;
  gap->no_camera = no_camera;
  g_list_store_append (list, gap);
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

  g_return_val_if_fail (RESFRI_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  list = g_list_store_new (RESFRI_TYPE_UNIT_GAP);
  if (!_resfri_registers_read_unit_kits (store, add_unit, list, error))
    return NULL;

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

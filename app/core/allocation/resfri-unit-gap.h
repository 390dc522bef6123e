/* resfri-unit-gap.h
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * ResfriUnitGap: per unit, how many of its own people lack a personal
 * headset or camera (the Equipment view's list).
 */

#pragma once

#include <gio/gio.h>

#include "resfri-store.h"

G_BEGIN_DECLS

#define RESFRI_TYPE_UNIT_GAP (resfri_unit_gap_get_type ())

G_DECLARE_FINAL_TYPE (ResfriUnitGap, resfri_unit_gap, RESFRI, UNIT_GAP, GObject)

const char *resfri_unit_gap_get_unit        (ResfriUnitGap        *self);
guint       resfri_unit_gap_get_n_people    (ResfriUnitGap        *self);
guint       resfri_unit_gap_get_no_headset  (ResfriUnitGap        *self);
guint       resfri_unit_gap_get_no_camera   (ResfriUnitGap        *self);

GListModel *resfri_unit_gap_list            (ResfriStore          *store,
                                             GCancellable         *cancellable,
                                             GError              **error);
void        resfri_unit_gap_list_async      (ResfriStore          *store,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
GListModel *resfri_unit_gap_list_finish     (ResfriStore          *store,
                                             GAsyncResult         *result,
                                             GError              **error);

G_END_DECLS

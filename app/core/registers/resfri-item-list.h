/* resfri-item-list.h
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "resfri-equipment-item.h"
#include "resfri-store.h"

G_BEGIN_DECLS

#define RESFRI_TYPE_ITEM_LIST (resfri_item_list_get_type ())

G_DECLARE_FINAL_TYPE (ResfriItemList, resfri_item_list, RESFRI, ITEM_LIST, GObject)

ResfriItemList *resfri_item_list_new          (void);
gboolean        resfri_item_list_load         (ResfriItemList       *self,
                                               ResfriStore          *store,
                                               GCancellable         *cancellable,
                                               GError              **error);
void            resfri_item_list_load_async   (ResfriItemList       *self,
                                               ResfriStore          *store,
                                               GCancellable         *cancellable,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data);
gboolean        resfri_item_list_load_finish  (ResfriItemList       *self,
                                               GAsyncResult         *result,
                                               GError              **error);
gboolean        resfri_item_list_find         (ResfriItemList       *self,
                                               const char           *tag,
                                               guint                *position);
gboolean        resfri_item_list_refresh_item (ResfriItemList       *self,
                                               ResfriStore          *store,
                                               const char           *tag,
                                               GError              **error);

G_END_DECLS

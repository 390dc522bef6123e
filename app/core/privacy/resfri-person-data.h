/* resfri-person-data.h
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "resfri-store.h"

G_BEGIN_DECLS

JsonNode *resfri_person_data_collect        (ResfriStore          *store,
                                             const char           *email,
                                             GError              **error);
void      resfri_person_data_collect_async  (ResfriStore          *store,
                                             const char           *email,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
JsonNode *resfri_person_data_collect_finish (ResfriStore          *store,
                                             GAsyncResult         *result,
                                             GError              **error);

G_END_DECLS

/* resfri-calendar-import.h
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "resfri-meetings.h"
#include "resfri-store.h"

G_BEGIN_DECLS

gboolean resfri_store_import_ical_file        (ResfriStore          *self,
                                               GFile                *file,
                                               ResfriMeetingStats   *stats,
                                               GCancellable         *cancellable,
                                               GError              **error);
void     resfri_store_import_ical_file_async  (ResfriStore          *self,
                                               GFile                *file,
                                               GCancellable         *cancellable,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data);
gboolean resfri_store_import_ical_file_finish (ResfriStore          *self,
                                               GAsyncResult         *result,
                                               ResfriMeetingStats   *stats,
                                               GError              **error);

G_END_DECLS

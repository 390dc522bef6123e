/* resfri-erasure.h
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "resfri-store.h"

G_BEGIN_DECLS

typedef enum
{
  RESFRI_ERASURE_NONE             = 0,
  /* The person's items are retired instead of going back to the pool. */
  RESFRI_ERASURE_RETIRE_EQUIPMENT = 1 << 0,
} ResfriErasureFlags;

/* What an erasure did: the pseudonym that names the person's place in
 * meetings now, and how many items, bookings and meetings it changed. */
typedef struct
{
  char  *pseudonym;
  guint  items;
  guint  bookings;
  guint  meetings;
} ResfriErasure;

void           resfri_erasure_free       (ResfriErasure         *erasure);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ResfriErasure, resfri_erasure_free)

ResfriErasure *resfri_erasure_run        (ResfriStore           *store,
                                          const char            *email,
                                          ResfriErasureFlags     flags,
                                          GError               **error);
void           resfri_erasure_run_async  (ResfriStore           *store,
                                          const char            *email,
                                          ResfriErasureFlags     flags,
                                          GCancellable          *cancellable,
                                          GAsyncReadyCallback    callback,
                                          gpointer               user_data);
ResfriErasure *resfri_erasure_run_finish (ResfriStore           *store,
                                          GAsyncResult          *result,
                                          GError               **error);

G_END_DECLS

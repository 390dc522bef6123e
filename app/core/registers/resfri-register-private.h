/* resfri-register-private.h
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "resfri-register.h"

G_BEGIN_DECLS

/* The import without its transaction: the caller has begun one and commits
 * or rolls back. The fuzz target rolls back every input, which keeps its
 * store small and every run alike. */
gboolean _resfri_register_import_in_transaction (ResfriStore          *store,
                                                 ResfriRegister        kind,
                                                 const char           *filename,
                                                 const char           *data,
                                                 gsize                 length,
                                                 ResfriRegisterStats  *stats,
                                                 GError              **error);

G_END_DECLS

/* resfri-register.h
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The registers an organisation keeps outside Resfri (sites, people, rooms,
 * inventory, distances): import from the CSV formats of spec/cli.md and
 * listing in the same columns, so that a listing imports again unchanged.
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "resfri-store.h"

G_BEGIN_DECLS

typedef enum
{
  RESFRI_REGISTER_SITES,
  RESFRI_REGISTER_PEOPLE,
  RESFRI_REGISTER_ROOMS,
  RESFRI_REGISTER_INVENTORY,
  RESFRI_REGISTER_DISTANCES,
} ResfriRegister;

#define RESFRI_N_REGISTERS 5

/* What an import did. Every row is either inserted (a new key), updated
 * (a known key with a changed value) or unchanged. */
typedef struct
{
  guint rows;
  guint inserted;
  guint updated;
  guint unchanged;
} ResfriRegisterStats;

const char         *resfri_register_get_name          (ResfriRegister        kind);
gboolean            resfri_register_from_name         (const char           *name,
                                                       ResfriRegister       *kind);
const char * const *resfri_register_get_columns       (ResfriRegister        kind);
gboolean            resfri_register_column_is_required (ResfriRegister       kind,
                                                       const char           *column);

gboolean            resfri_register_import_data       (ResfriStore          *store,
                                                       ResfriRegister        kind,
                                                       const char           *filename,
                                                       const char           *data,
                                                       gsize                 length,
                                                       ResfriRegisterStats  *stats,
                                                       GError              **error);
gboolean            resfri_register_import_file       (ResfriStore          *store,
                                                       ResfriRegister        kind,
                                                       GFile                *file,
                                                       ResfriRegisterStats  *stats,
                                                       GCancellable         *cancellable,
                                                       GError              **error);
void                resfri_register_import_file_async (ResfriStore          *store,
                                                       ResfriRegister        kind,
                                                       GFile                *file,
                                                       GCancellable         *cancellable,
                                                       GAsyncReadyCallback   callback,
                                                       gpointer              user_data);
gboolean            resfri_register_import_file_finish (ResfriStore         *store,
                                                       GAsyncResult         *result,
                                                       ResfriRegisterStats  *stats,
                                                       GError              **error);

/* Several registers' files in one transaction (sites first): all or nothing. */
gboolean            resfri_register_import_files      (ResfriStore           *store,
                                                       const ResfriRegister  *kinds,
                                                       GFile                **files,
                                                       guint                  n_files,
                                                       ResfriRegisterStats   *stats,
                                                       GCancellable          *cancellable,
                                                       GError               **error);
void                resfri_register_import_files_async (ResfriStore          *store,
                                                       const ResfriRegister  *kinds,
                                                       GFile                **files,
                                                       guint                  n_files,
                                                       GCancellable          *cancellable,
                                                       GAsyncReadyCallback    callback,
                                                       gpointer               user_data);
gboolean            resfri_register_import_files_finish (ResfriStore         *store,
                                                       GAsyncResult         *result,
                                                       ResfriRegisterStats  *stats,
                                                       GError              **error);

char               *resfri_register_list_csv          (ResfriStore          *store,
                                                       ResfriRegister        kind,
                                                       gsize                *length,
                                                       GError              **error);
JsonNode           *resfri_register_list_json         (ResfriStore          *store,
                                                       ResfriRegister        kind,
                                                       GError              **error);

G_END_DECLS

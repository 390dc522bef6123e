/* resfri-search-provider.h
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GNOME Shell's search (org.gnome.Shell.SearchProvider2) of the database.
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

typedef struct _ResfriSearchProvider ResfriSearchProvider;

/* Exports the provider on @connection; its searches read the file
 * @path_func gives (the one the application opens). Activating a result
 * calls @activate with its id ("meeting:UID"…). */
ResfriSearchProvider *resfri_search_provider_new      (GApplication     *app,
                                                       char           *(*path_func) (GApplication *app),
                                                       void            (*activate)  (GApplication *app,
                                                                                      const char   *id),
                                                       GDBusConnection  *connection,
                                                       const char       *object_path,
                                                       GError          **error);
void                  resfri_search_provider_free     (ResfriSearchProvider *self);

G_END_DECLS

/* resfri-names.h
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What users call the rows that resolved occurrences name by id: a site's
 * code ("VBG", the id column of sites.csv) and name, a room's code and
 * name, a unit's path ("Kommunstyrelsen/IT"). Loaded at once, for output.
 */

#pragma once

#include "resfri-store.h"

G_BEGIN_DECLS

typedef struct _ResfriNames ResfriNames;

ResfriNames *resfri_names_load           (ResfriStore  *store,
                                          GError      **error);
void         resfri_names_free           (ResfriNames  *names);

/* Each returns NULL for an unknown id (and for 0). */
const char  *resfri_names_get_site_code  (ResfriNames  *names,
                                          gint64        site_id);
const char  *resfri_names_get_site_name  (ResfriNames  *names,
                                          gint64        site_id);
const char  *resfri_names_get_room_code  (ResfriNames  *names,
                                          gint64        room_id);
const char  *resfri_names_get_room_name  (ResfriNames  *names,
                                          gint64        room_id);
const char  *resfri_names_get_unit_path  (ResfriNames  *names,
                                          gint64        unit_id);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ResfriNames, resfri_names_free)

G_END_DECLS

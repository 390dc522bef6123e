/* resfri-person.h
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "resfri-store.h"

G_BEGIN_DECLS

#define RESFRI_TYPE_PERSON (resfri_person_get_type ())

G_DECLARE_FINAL_TYPE (ResfriPerson, resfri_person, RESFRI, PERSON, GObject)

const char *resfri_person_get_email     (ResfriPerson         *self);
const char *resfri_person_get_name      (ResfriPerson         *self);
const char *resfri_person_get_unit      (ResfriPerson         *self);
const char *resfri_person_get_site_code (ResfriPerson         *self);

GListModel *resfri_person_list          (ResfriStore          *store,
                                         GCancellable         *cancellable,
                                         GError              **error);
void        resfri_person_list_async    (ResfriStore          *store,
                                         GCancellable         *cancellable,
                                         GAsyncReadyCallback   callback,
                                         gpointer              user_data);
GListModel *resfri_person_list_finish   (ResfriStore          *store,
                                         GAsyncResult         *result,
                                         GError              **error);

G_END_DECLS

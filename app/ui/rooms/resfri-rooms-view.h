/* resfri-rooms-view.h
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define RESFRI_TYPE_ROOMS_VIEW (resfri_rooms_view_get_type ())

G_DECLARE_FINAL_TYPE (ResfriRoomsView, resfri_rooms_view, RESFRI, ROOMS_VIEW, AdwBin)

void resfri_rooms_view_step       (ResfriRoomsView *self,
                                   int              direction);
void resfri_rooms_view_show_today (ResfriRoomsView *self);
void resfri_rooms_view_show_room  (ResfriRoomsView *self,
                                   const char      *code);

G_END_DECLS

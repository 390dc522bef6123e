/* resfri-calendars-page.h
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "resfri-store.h"

G_BEGIN_DECLS

#define RESFRI_TYPE_CALENDARS_PAGE (resfri_calendars_page_get_type ())

G_DECLARE_FINAL_TYPE (ResfriCalendarsPage, resfri_calendars_page, RESFRI, CALENDARS_PAGE, AdwPreferencesPage)

GtkWidget *resfri_calendars_page_new    (ResfriStore         *store);
/* Reads the sources again (after a sync: last sync, errors). */
void       resfri_calendars_page_reload (ResfriCalendarsPage *self);

G_END_DECLS

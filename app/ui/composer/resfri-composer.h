/* resfri-composer.h
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The New Meeting window: a draft checked against the travel policy as it
 * is typed (resfri-draft.h), made travel-free in one click, saved, booked
 * and exported as an invitation.
 */

#pragma once

#include <adwaita.h>

#include "resfri-store.h"

G_BEGIN_DECLS

#define RESFRI_TYPE_COMPOSER (resfri_composer_get_type ())

G_DECLARE_FINAL_TYPE (ResfriComposer, resfri_composer, RESFRI, COMPOSER, AdwWindow)

/* A modal window transient for @parent. Once a meeting is saved it
 * activates win.reload on @parent, so that the views show it. */
ResfriComposer *resfri_composer_new         (GtkWindow      *parent,
                                             ResfriStore    *store);
/* Whether the form differs from how it opened or was last saved: closing
 * the window then asks to save, discard or cancel. */
gboolean        resfri_composer_has_changes (ResfriComposer *self);

G_END_DECLS

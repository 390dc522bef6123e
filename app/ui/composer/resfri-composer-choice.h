/* resfri-composer-choice.h
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define RESFRI_TYPE_COMPOSER_CHOICE (resfri_composer_choice_get_type ())

G_DECLARE_FINAL_TYPE (ResfriComposerChoice, resfri_composer_choice, RESFRI, COMPOSER_CHOICE, GObject)

ResfriComposerChoice *resfri_composer_choice_new          (const char           *key,
                                                           const char           *site,
                                                           const char           *title,
                                                           const char           *subtitle);
const char           *resfri_composer_choice_get_key      (ResfriComposerChoice *self);
const char           *resfri_composer_choice_get_site     (ResfriComposerChoice *self);
const char           *resfri_composer_choice_get_title    (ResfriComposerChoice *self);
const char           *resfri_composer_choice_get_subtitle (ResfriComposerChoice *self);
gboolean              resfri_composer_choice_matches      (ResfriComposerChoice *self,
                                                           const char           *needle);

G_END_DECLS

/* resfri-item-labels.h
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "resfri-inventory.h"

G_BEGIN_DECLS

const char *resfri_item_kind_label   (const char       *kind);
const char *resfri_item_state_label  (ResfriItemState   state);
const char *resfri_item_action_label (ResfriItemAction  action);

G_END_DECLS

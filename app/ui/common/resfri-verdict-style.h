/* resfri-verdict-style.h
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "resfri-policy-check.h"

G_BEGIN_DECLS

void resfri_verdict_style_apply (GtkWidget     *widget,
                                 ResfriVerdict  verdict);
void resfri_verdict_style_clear (GtkWidget     *widget);

G_END_DECLS

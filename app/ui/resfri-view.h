/* resfri-view.h
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "resfri-store.h"

G_BEGIN_DECLS

#define RESFRI_TYPE_VIEW (resfri_view_get_type ())

G_DECLARE_INTERFACE (ResfriView, resfri_view, RESFRI, VIEW, GtkWidget)

struct _ResfriViewInterface
{
  GTypeInterface parent_iface;

  void     (*set_store)    (ResfriView  *self,
                            ResfriStore *store);
  void     (*reload)       (ResfriView  *self);
  gboolean (*focus_search) (ResfriView  *self);
};

void     resfri_view_set_store    (ResfriView  *self,
                                   ResfriStore *store);
void     resfri_view_reload       (ResfriView  *self);
gboolean resfri_view_focus_search (ResfriView  *self);

G_END_DECLS

/* resfri-view.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * ResfriView: what every page of the window's view stack does for the
 * window, so that the window drives them all the same way. A view reads
 * the store it is given, reads it again when asked (the database changed),
 * and may have a search entry to focus. Views read their data when they are
 * first shown, not when they get the store: startup reads only the counts.
 */

#include "config.h"

#include "resfri-view.h"

G_DEFINE_INTERFACE (ResfriView, resfri_view, GTK_TYPE_WIDGET)

/* A view without a search: the window searches elsewhere. */
static gboolean
resfri_view_real_focus_search (ResfriView *self)
{
  return FALSE;
}

static void
resfri_view_default_init (ResfriViewInterface *iface)
{
  iface->focus_search = resfri_view_real_focus_search;
}

/**
 * resfri_view_set_store:
 * @store: (nullable): the store to read
 *
 * Gives @self the store it reads. The view reads it now if it is on
 * screen, and otherwise when it is first shown.
 */
void
resfri_view_set_store (ResfriView  *self,
                       ResfriStore *store)
{
  g_return_if_fail (RESFRI_IS_VIEW (self));
  g_return_if_fail (store == NULL || RESFRI_IS_STORE (store));

  RESFRI_VIEW_GET_IFACE (self)->set_store (self, store);
}

/**
 * resfri_view_reload:
 *
 * Reads the store again: the database changed. A view that has not read it
 * yet reads it when it is first shown.
 */
void
resfri_view_reload (ResfriView *self)
{
  g_return_if_fail (RESFRI_IS_VIEW (self));

  RESFRI_VIEW_GET_IFACE (self)->reload (self);
}

/**
 * resfri_view_focus_search:
 *
 * Moves the keyboard focus to the view's search entry (Ctrl+F).
 *
 * Returns: %FALSE when the view has nothing to search
 */
gboolean
resfri_view_focus_search (ResfriView *self)
{
  g_return_val_if_fail (RESFRI_IS_VIEW (self), FALSE);

  return RESFRI_VIEW_GET_IFACE (self)->focus_search (self);
}

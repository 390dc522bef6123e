/* resfri-item-labels.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The words for an equipment item's type, state and history entries, one
 * place for the Equipment view and its History dialog.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "resfri-item-labels.h"

/* A known type in words; any other type as the data has it. */
const char *
resfri_item_kind_label (const char *kind)
{
  if (g_strcmp0 (kind, "headset") == 0)
    return _("Headset");
  if (g_strcmp0 (kind, "camera") == 0)
    return _("Camera");
  if (g_strcmp0 (kind, "vc-kit") == 0)
    return _("Video conferencing kit");
  return kind;
}

const char *
resfri_item_state_label (ResfriItemState state)
{
  switch (state)
    {
    case RESFRI_ITEM_STATE_BROKEN:
      return _("Broken");

    case RESFRI_ITEM_STATE_RETIRED:
      return _("Retired");

    case RESFRI_ITEM_STATE_OK:
    default:
      return _("OK");
    }
}

const char *
resfri_item_action_label (ResfriItemAction action)
{
  switch (action)
    {
    case RESFRI_ITEM_ACTION_ADDED:
      return _("Added");

    case RESFRI_ITEM_ACTION_ASSIGNED:
      return _("Assigned");

    case RESFRI_ITEM_ACTION_RETURNED:
      return _("Returned");

    case RESFRI_ITEM_ACTION_STATE:
      return _("State changed");

    case RESFRI_ITEM_ACTION_MOVED:
      return _("Moved");

    case RESFRI_ITEM_ACTION_EDITED:
    default:
      return _("Edited");
    }
}

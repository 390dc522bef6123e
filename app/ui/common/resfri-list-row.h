/* resfri-list-row.h
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/**
 * ResfriListRowKind:
 * @RESFRI_LIST_ROW_ITEM: a row: a title, a subtitle, a badge and a value
 * @RESFRI_LIST_ROW_HEADING: a section's title and description
 * @RESFRI_LIST_ROW_PARAGRAPH: a paragraph of text
 */
typedef enum
{
  RESFRI_LIST_ROW_ITEM,
  RESFRI_LIST_ROW_HEADING,
  RESFRI_LIST_ROW_PARAGRAPH,
} ResfriListRowKind;

#define RESFRI_TYPE_LIST_ROW (resfri_list_row_get_type ())

G_DECLARE_FINAL_TYPE (ResfriListRow, resfri_list_row, RESFRI, LIST_ROW, GObject)

ResfriListRow      *resfri_list_row_new             (ResfriListRowKind  kind,
                                                     const char        *title,
                                                     const char        *subtitle,
                                                     const char        *value);
void                resfri_list_row_set_badge       (ResfriListRow     *self,
                                                     const char        *badge,
                                                     const char        *tooltip);
void                resfri_list_row_set_description (ResfriListRow     *self,
                                                     const char        *description);
void                resfri_list_row_set_dim         (ResfriListRow     *self,
                                                     gboolean           dim);
void                resfri_list_row_set_strong      (ResfriListRow     *self,
                                                     gboolean           strong);
ResfriListRowKind   resfri_list_row_get_kind        (ResfriListRow     *self);
const char         *resfri_list_row_get_title       (ResfriListRow     *self);

GtkListItemFactory *resfri_list_row_factory_new     (void);

G_END_DECLS

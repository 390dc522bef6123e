/* resfri-inventory-private.h
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The inventory's reads that other core files share: the rows of the
 * Equipment view's list (resfri-item-list.c) and the loan items of the
 * allocation's pools (resfri-demands.c). resfri-inventory.c owns the
 * equipment tables and their SQL. Not for the CLI or the UI.
 */

#pragma once

#include <gio/gio.h>

#include "resfri-inventory.h"

G_BEGIN_DECLS

/* One item as the Equipment view lists it; valid during the callback. */
typedef struct
{
  const char *tag;
  const char *type;
  const char *model;        /* NULL when unknown */
  const char *site_code;
  const char *site_name;
  const char *owner_email;  /* NULL in the loan pool */
  const char *owner_name;
  const char *state;        /* "ok", "broken" or "retired" */
  double      cost;         /* 0 when unknown */
} ResfriInventoryRow;

typedef void (*ResfriInventoryRowFunc) (const ResfriInventoryRow *row,
                                        gpointer                  user_data);

/* Every item by tag (@tag NULL), else the item tagged @tag; @n_rows
 * (optional) gets how many @func was called with. */
gboolean _resfri_inventory_read_rows       (ResfriStore             *store,
                                            const char              *tag,
                                            ResfriInventoryRowFunc   func,
                                            gpointer                 user_data,
                                            guint                   *n_rows,
                                            GCancellable            *cancellable,
                                            GError                 **error);

/* One loan item (no owner, in state ok); @type is its type's name. */
typedef void (*ResfriLoanItemFunc)     (gint64                    id,
                                        const char               *tag,
                                        gint64                    site_id,
                                        const char               *type,
                                        gpointer                  user_data);

/* Every loan item, by id. */
gboolean _resfri_inventory_read_loan_items (ResfriStore             *store,
                                            ResfriLoanItemFunc       func,
                                            gpointer                 user_data,
                                            GError                 **error);

/* Personal data (spec/privacy.md, privacy/; resfri-inventory-person.c):
 * the tags of the items
 * @email holds or held (their history names them), by tag. */
gboolean _resfri_inventory_read_person_tags (ResfriStore            *store,
                                             const char             *email,
                                             GPtrArray              *tags,
                                             GError                **error);
/* Returns the items of @person_id to their site's loan pool (retired
 * first with @retire), in the caller's transaction: how many, or -1. */
gint64   _resfri_inventory_release_person   (ResfriStore            *store,
                                             gint64                  person_id,
                                             gboolean                retire,
                                             GError                **error);
/* The history keeps every change but no longer who: @email goes. */
gboolean _resfri_inventory_forget_person    (ResfriStore            *store,
                                             const char             *email,
                                             GError                **error);

G_END_DECLS

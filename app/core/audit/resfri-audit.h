/* resfri-audit.h
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The audit log of spec/privacy.md: every change a user makes, with the
 * time and the operating-system user. It holds no personal data beyond the
 * acting user and the object's id (a booking id, an asset tag, a source
 * id, a setting key, a file's basename): never an address, a person's
 * name, a meeting's title or a password.
 */

#pragma once

#include <gio/gio.h>

#include "resfri-store.h"

G_BEGIN_DECLS

/**
 * ResfriAuditEntry:
 * @id: the row's id (later changes have higher ids)
 * @time: when, in UTC unix seconds
 * @user: the operating-system user who made the change
 * @action: what was done, a stable key ("book", "item-assign", "sync"...)
 * @object_kind: what it was done to ("booking", "item", "setting"...)
 * @object_id: which one (a booking id, an asset tag, a setting key...)
 * @detail: (nullable): a short detail without personal data
 */
typedef struct
{
  gint64  id;
  gint64  time;
  char   *user;
  char   *action;
  char   *object_kind;
  char   *object_id;
  char   *detail;
} ResfriAuditEntry;

void        resfri_audit_entry_free        (ResfriAuditEntry     *entry);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ResfriAuditEntry, resfri_audit_entry_free)

GPtrArray  *resfri_audit_list              (ResfriStore          *store,
                                            gint64                from,
                                            gint64                to,
                                            gboolean              newest_first,
                                            guint                 limit,
                                            GError              **error);
void        resfri_audit_list_async        (ResfriStore          *store,
                                            gint64                from,
                                            gint64                to,
                                            gboolean              newest_first,
                                            guint                 limit,
                                            GCancellable         *cancellable,
                                            GAsyncReadyCallback   callback,
                                            gpointer              user_data);
GPtrArray  *resfri_audit_list_finish       (ResfriStore          *store,
                                            GAsyncResult         *result,
                                            GError              **error);

const char *resfri_audit_describe_action   (const char           *action);
const char *resfri_audit_describe_kind     (const char           *object_kind);

/* resfri-audit-detail.c: the object's id and the detail in words for
 * people, translated (a setting's title, an item's state, counts). */
char       *resfri_audit_describe_object   (const ResfriAuditEntry *entry);
char       *resfri_audit_describe_detail   (const ResfriAuditEntry *entry);

G_END_DECLS

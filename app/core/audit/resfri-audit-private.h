/* resfri-audit-private.h
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * How the core's concepts write the audit log (resfri-audit.c owns the
 * audit_log table). Each change records its row in the transaction that
 * makes the change, so a change taken back leaves no row. Not for the CLI
 * or the UI.
 */

#pragma once

#include "resfri-audit.h"
#include "resfri-store-private.h"

G_BEGIN_DECLS

/* Appends a row for a change made now by the operating-system user: the
 * stable @action key, the @object_kind and @object_id it was made to, and
 * an optional @detail. None may hold personal data (an address, a name, a
 * meeting's title, a password): the caller passes ids and codes only. */
gboolean _resfri_audit_record      (ResfriStore  *store,
                                    const char   *action,
                                    const char   *object_kind,
                                    const char   *object_id,
                                    const char   *detail,
                                    GError      **error);
/* The same with a numeric id (a booking's, a source's). */
gboolean _resfri_audit_record_id   (ResfriStore  *store,
                                    const char   *action,
                                    const char   *object_kind,
                                    gint64        object_id,
                                    const char   *detail,
                                    GError      **error);

/* A change of a single statement and its audit row are one transaction:
 * _resfri_audit_begin() begins one unless the caller holds one (@owned
 * says which); _resfri_audit_end() commits it when @ok, else rolls it
 * back, and returns whether all went well. */
gboolean _resfri_audit_begin       (ResfriStore  *store,
                                    gboolean     *owned,
                                    GError      **error);
gboolean _resfri_audit_end         (ResfriStore  *store,
                                    gboolean      owned,
                                    gboolean      ok,
                                    GError      **error);

/* An erasure (spec/privacy.md): entries naming @email name @pseudonym. */
gboolean _resfri_audit_forget_person (ResfriStore  *store,
                                      const char   *email,
                                      const char   *pseudonym,
                                      GError      **error);

G_END_DECLS

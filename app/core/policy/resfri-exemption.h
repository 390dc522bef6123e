/* resfri-exemption.h
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Exemptions from the travel policy (spec/policy.md "Exemptions"): a
 * reason recorded for a whole meeting (recurrence_id "") or for one of its
 * occurrences. An occurrence's own exemption wins over its meeting's.
 *
 * In iCalendar an exemption is the property
 *
 *   X-RESFRI-EXEMPTION;X-RESFRI-NOTE="free text":REASON
 *
 * on the master VEVENT (the whole meeting) or on an override (that
 * occurrence). X-RESFRI-NOTE is optional except for the reason `other`.
 */

#pragma once

#include <libical/ical.h>

#include "resfri-store.h"

G_BEGIN_DECLS

#define RESFRI_EXEMPTION_PROPERTY "X-RESFRI-EXEMPTION"
#define RESFRI_EXEMPTION_NOTE_PARAMETER "X-RESFRI-NOTE"

/* The reason ids, NULL-terminated, in the order of spec/policy.md. */
const char * const *resfri_exemption_get_reasons     (void);
gboolean            resfri_exemption_is_reason       (const char   *reason);
/* One translated line saying what @reason means, or NULL. */
const char         *resfri_exemption_describe_reason (const char   *reason);

/* Records (or replaces) the exemption of meeting @uid, or of its
 * occurrence @recurrence_id (NULL or "": the whole meeting).
 * RESFRI_ERROR_INVALID_INPUT for an unknown reason or `other` without a
 * note; RESFRI_ERROR_NOT_FOUND for an unknown meeting or occurrence. */
gboolean            resfri_store_set_exemption       (ResfriStore  *store,
                                                      const char   *uid,
                                                      const char   *recurrence_id,
                                                      const char   *reason,
                                                      const char   *note,
                                                      GError      **error);

/* Removes the exemption recorded for exactly (@uid, @recurrence_id) (NULL
 * or "": the whole meeting's), as an undo of resfri_store_set_exemption().
 * TRUE with @removed (may be NULL) set to whether there was one; FALSE with
 * @error on a database error. */
gboolean            resfri_store_remove_exemption    (ResfriStore  *store,
                                                      const char   *uid,
                                                      const char   *recurrence_id,
                                                      gboolean     *removed,
                                                      GError      **error);

/* The exemption recorded for exactly (@uid, @recurrence_id) (NULL or "":
 * the whole meeting's), for export: TRUE with @reason (and @note, NULL when
 * none) set when there is one, FALSE without touching @error when there is
 * none; FALSE with @error on a database error. */
gboolean            resfri_store_lookup_exemption    (ResfriStore  *store,
                                                      const char   *uid,
                                                      const char   *recurrence_id,
                                                      char        **reason,
                                                      char        **note,
                                                      GError      **error);

/* For resfri_store_put_vevent() (inside its transaction): records the
 * VEVENT's X-RESFRI-EXEMPTION, if it has one, for (@uid, @recurrence_id).
 * Without the property a recorded exemption stays as it is.
 * RESFRI_ERROR_INVALID_ICAL for an unknown reason or `other` without a note. */
gboolean            _resfri_exemption_put_vevent     (ResfriStore   *store,
                                                      icalcomponent *vevent,
                                                      const char    *uid,
                                                      const char    *recurrence_id,
                                                      gint64         now,
                                                      GError       **error);

/* Reads for the policy check and the export */

/* One recorded exemption; the strings are valid during the call. */
typedef void        (*ResfriExemptionFunc)           (const char   *uid,
                                                      const char   *recurrence_id,
                                                      const char   *reason,
                                                      const char   *note,
                                                      gpointer      user_data);

/* Every recorded exemption (@uid NULL), in no order, or those of meeting
 * @uid by recurrence id, from one query. */
gboolean            _resfri_exemption_foreach        (ResfriStore          *store,
                                                      const char           *uid,
                                                      ResfriExemptionFunc   func,
                                                      gpointer              user_data,
                                                      GError              **error);

G_END_DECLS

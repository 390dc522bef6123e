/* resfri-exemption.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "resfri-audit-private.h"
#include "resfri-exemption.h"
#include "resfri-store-private.h"

static const char * const reasons[] = {
  "physical-presence",
  "confidential",
  "accessibility",
  "external-requirement",
  "relationship",
  "missing-equipment",
  "other",
  NULL
};

static const char * const descriptions[] = {
  N_("the work needs presence (site visit, inspection)"),
  N_("the matter may not be handled over video"),
  N_("a participant’s needs rule out a web meeting"),
  N_("an external party requires a physical meeting"),
  N_("onboarding, team building, conflict resolution"),
  N_("the technology is lacking"),
  N_("another reason, given in a note"),
};

const char * const *
resfri_exemption_get_reasons (void)
{
  return reasons;
}

gboolean
resfri_exemption_is_reason (const char *reason)
{
  return reason != NULL && g_strv_contains (reasons, reason);
}

const char *
resfri_exemption_describe_reason (const char *reason)
{
  for (guint i = 0; reasons[i] != NULL; i++)
    if (g_strcmp0 (reasons[i], reason) == 0)
      return _(descriptions[i]);

  return NULL;
}

static gboolean
has_text (const char *note)
{
  if (note == NULL)
    return FALSE;
  for (; *note != '\0'; note++)
    if (!g_ascii_isspace (*note))
      return TRUE;
  return FALSE;
}

static gboolean
write_exemption (ResfriStore  *store,
                 const char   *uid,
                 const char   *recurrence_id,
                 const char   *reason,
                 const char   *note,
                 gint64        now,
                 GError      **error)
{
  sqlite3_stmt *stmt;

  stmt = _resfri_store_prepare (store,
                                "INSERT INTO exemptions (uid, recurrence_id, reason, note, created_at)"
                                " VALUES (?1, ?2, ?3, ?4, ?5)"
                                " ON CONFLICT (uid, recurrence_id) DO UPDATE"
                                " SET reason = excluded.reason, note = excluded.note,"
                                "     created_at = excluded.created_at",
                                error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, uid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, recurrence_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, reason, -1, SQLITE_TRANSIENT);
  if (has_text (note))
    sqlite3_bind_text (stmt, 4, note, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, 4);
  sqlite3_bind_int64 (stmt, 5, now);

  return _resfri_store_step_done (store, stmt, _("Cannot record an exemption"), error);
}

static gboolean
exists (ResfriStore  *store,
        const char   *sql,
        const char   *uid,
        const char   *recurrence_id,
        gboolean     *found,
        GError      **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = _resfri_store_prepare (store, sql, error)))
    return FALSE;
  sqlite3_bind_text (stmt, 1, uid, -1, SQLITE_TRANSIENT);
  if (recurrence_id != NULL)
    sqlite3_bind_text (stmt, 2, recurrence_id, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      _resfri_store_set_error (store, error, _("Cannot look up a meeting"));
      sqlite3_reset (stmt);
      return FALSE;
    }
  *found = rc == SQLITE_ROW;
  sqlite3_reset (stmt);

  return TRUE;
}

/* The id of the exemption of an occurrence, 0 when there is none, -1 with
 * @error. */
static gint64
find_id (ResfriStore  *store,
         const char   *uid,
         const char   *recurrence_id,
         GError      **error)
{
  sqlite3_stmt *stmt;
  gint64 id = 0;
  int rc;

  if (!(stmt = _resfri_store_prepare (store,
                                      "SELECT id FROM exemptions WHERE uid = ?1 AND recurrence_id = ?2",
                                      error)))
    return -1;
  sqlite3_bind_text (stmt, 1, uid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, recurrence_id ? recurrence_id : "", -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  else if (rc != SQLITE_DONE)
    {
      _resfri_store_set_error (store, error, _("Cannot look up an exemption"));
      id = -1;
    }
  sqlite3_reset (stmt);

  return id;
}

gboolean
resfri_store_set_exemption (ResfriStore  *store,
                            const char   *uid,
                            const char   *recurrence_id,
                            const char   *reason,
                            const char   *note,
                            GError      **error)
{
  gboolean found = FALSE;
  gboolean owned;
  gboolean ok;
  gint64 id = 0;

  g_return_val_if_fail (RESFRI_IS_STORE (store), FALSE);
  g_return_val_if_fail (uid != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (recurrence_id == NULL)
    recurrence_id = "";

  if (!resfri_exemption_is_reason (reason))
    {
      g_set_error (error, RESFRI_ERROR, RESFRI_ERROR_INVALID_INPUT,
                   _("unknown exemption reason “%s”"), reason ? reason : "");
      return FALSE;
    }
  if (strcmp (reason, "other") == 0 && !has_text (note))
    {
      g_set_error_literal (error, RESFRI_ERROR, RESFRI_ERROR_INVALID_INPUT,
                           _("the reason “other” needs a note"));
      return FALSE;
    }

  if (!exists (store, "SELECT 1 FROM meetings WHERE uid = ?1 LIMIT 1", uid, NULL, &found, error))
    return FALSE;
  if (!found)
    {
      g_set_error (error, RESFRI_ERROR, RESFRI_ERROR_NOT_FOUND, _("no meeting has the UID “%s”"),
                   uid);
      return FALSE;
    }
  if (*recurrence_id != '\0')
    {
      if (!exists (store, "SELECT 1 FROM occurrences WHERE uid = ?1 AND recurrence_id = ?2",
                   uid, recurrence_id, &found, error))
        return FALSE;
      if (!found)
        {
          g_set_error (error, RESFRI_ERROR, RESFRI_ERROR_NOT_FOUND,
                       _("the meeting “%s” has no occurrence “%s”"), uid, recurrence_id);
          return FALSE;
        }
    }

  /* The exemption and its row of the audit log (its id and reason, never
   * the note, which is free text) are one transaction. */
  if (!_resfri_audit_begin (store, &owned, error))
    return FALSE;
  ok = write_exemption (store, uid, recurrence_id, reason, note,
                        g_get_real_time () / G_USEC_PER_SEC, error) &&
       (id = find_id (store, uid, recurrence_id, error)) > 0 &&
       _resfri_audit_record_id (store, "exempt", "exemption", id, reason, error);

  return _resfri_audit_end (store, owned, ok, error);
}

gboolean
resfri_store_remove_exemption (ResfriStore  *store,
                               const char   *uid,
                               const char   *recurrence_id,
                               gboolean     *removed,
                               GError      **error)
{
  sqlite3_stmt *stmt;
  gboolean owned;
  gboolean ok;
  gint64 id;

  g_return_val_if_fail (RESFRI_IS_STORE (store), FALSE);
  g_return_val_if_fail (uid != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (removed != NULL)
    *removed = FALSE;
  if (!_resfri_audit_begin (store, &owned, error))
    return FALSE;
  if ((id = find_id (store, uid, recurrence_id, error)) <= 0)
    return _resfri_audit_end (store, owned, id == 0, error);

  stmt = _resfri_store_prepare (store, "DELETE FROM exemptions WHERE id = ?1", error);
  ok = stmt != NULL;
  if (ok)
    {
      sqlite3_bind_int64 (stmt, 1, id);
      ok = _resfri_store_step_done (store, stmt, _("Cannot remove an exemption"), error) &&
           _resfri_audit_record_id (store, "unexempt", "exemption", id, NULL, error);
    }
  if (!_resfri_audit_end (store, owned, ok, error))
    return FALSE;
  if (removed != NULL)
    *removed = TRUE;

  return TRUE;
}

gboolean
resfri_store_lookup_exemption (ResfriStore  *store,
                               const char   *uid,
                               const char   *recurrence_id,
                               char        **reason,
                               char        **note,
                               GError      **error)
{
  sqlite3_stmt *stmt;
  gboolean found = FALSE;
  int rc;

  g_return_val_if_fail (RESFRI_IS_STORE (store), FALSE);
  g_return_val_if_fail (uid != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  stmt = _resfri_store_prepare (store,
                                "SELECT reason, note FROM exemptions"
                                " WHERE uid = ?1 AND recurrence_id = ?2",
                                error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, uid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, recurrence_id ? recurrence_id : "", -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      found = TRUE;
      if (reason != NULL)
        *reason = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      if (note != NULL)
        *note = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
    }
  else if (rc != SQLITE_DONE)
    _resfri_store_set_error (store, error, _("Cannot look up an exemption"));
  sqlite3_reset (stmt);

  return found;
}

gboolean
_resfri_exemption_put_vevent (ResfriStore    *store,
                              icalcomponent  *vevent,
                              const char     *uid,
                              const char     *recurrence_id,
                              gint64          now,
                              GError        **error)
{
  icalproperty *prop;
  g_autofree char *reason = NULL;
  const char *note = NULL;

  for (prop = icalcomponent_get_first_property (vevent, ICAL_X_PROPERTY);
       prop != NULL;
       prop = icalcomponent_get_next_property (vevent, ICAL_X_PROPERTY))
    {
      const char *name = icalproperty_get_x_name (prop);

      if (name != NULL && g_ascii_strcasecmp (name, RESFRI_EXEMPTION_PROPERTY) == 0)
        break;
    }
  if (prop == NULL)
    return TRUE;

  reason = g_strstrip (g_ascii_strdown (icalproperty_get_x (prop) ? icalproperty_get_x (prop) : "",
                                        -1));
  for (icalparameter *param = icalproperty_get_first_parameter (prop, ICAL_X_PARAMETER);
       param != NULL;
       param = icalproperty_get_next_parameter (prop, ICAL_X_PARAMETER))
    {
      const char *name = icalparameter_get_xname (param);

      if (name != NULL && g_ascii_strcasecmp (name, RESFRI_EXEMPTION_NOTE_PARAMETER) == 0)
        {
          note = icalparameter_get_xvalue (param);
          break;
        }
    }
  if (note != NULL && !g_utf8_validate (note, -1, NULL))
    note = NULL;

  if (!resfri_exemption_is_reason (reason))
    {
      g_set_error (error, RESFRI_ERROR, RESFRI_ERROR_INVALID_ICAL,
                   _("%s: unknown exemption reason “%s”"), RESFRI_EXEMPTION_PROPERTY,
                   g_utf8_validate (reason, -1, NULL) ? reason : "?");
      return FALSE;
    }
  if (strcmp (reason, "other") == 0 && !has_text (note))
    {
      g_set_error (error, RESFRI_ERROR, RESFRI_ERROR_INVALID_ICAL,
                   _("%s: the reason “other” needs a note (%s)"), RESFRI_EXEMPTION_PROPERTY,
                   RESFRI_EXEMPTION_NOTE_PARAMETER);
      return FALSE;
    }

  return write_exemption (store, uid, recurrence_id, reason, note, now, error);
}

/* Reads for the policy check and the export */

gboolean
_resfri_exemption_foreach (ResfriStore          *store,
                           const char           *uid,
                           ResfriExemptionFunc   func,
                           gpointer              user_data,
                           GError              **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (uid == NULL)
    stmt = _resfri_store_prepare (store, "SELECT uid, recurrence_id, reason, note FROM exemptions",
                                  error);
  else
    stmt = _resfri_store_prepare (store,
                                  "SELECT uid, recurrence_id, reason, note FROM exemptions"
                                  " WHERE uid = ?1 ORDER BY recurrence_id",
                                  error);
  if (stmt == NULL)
    return FALSE;

  if (uid != NULL)
    sqlite3_bind_text (stmt, 1, uid, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    func ((const char *) sqlite3_column_text (stmt, 0),
          (const char *) sqlite3_column_text (stmt, 1),
          (const char *) sqlite3_column_text (stmt, 2),
          (const char *) sqlite3_column_text (stmt, 3),
          user_data);
  if (rc != SQLITE_DONE)
    {
      _resfri_store_set_error (store, error, _("Cannot look up an exemption"));
      sqlite3_reset (stmt);
      return FALSE;
    }
  sqlite3_reset (stmt);

  return TRUE;
}

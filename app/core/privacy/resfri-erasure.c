/* resfri-erasure.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Erasure (spec/privacy.md, art. 17): one person leaves the register in
 * one transaction. Their bookings are cancelled (the server's copies
 * deleted after the commit, as a cancellation's are, or owed to the next
 * sync), their items go back to the pool (or are retired), the register
 * keeps a former_people row with their unit, site and role, and every
 * stored meeting and live-calendar copy names them `former-N@invalid`
 * instead, so the verdicts and the follow-up of the past stay as they
 * were. The item history, the released bookings and the audit log forget
 * the address. secure_delete zeroes what goes, and the WAL is written
 * back and truncated, so no copy is left in the file, its WAL or its SHM.
 * Each concept changes its own tables; this file holds the order.
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "resfri-audit-private.h"
#include "resfri-booking.h"
#include "resfri-bookings-private.h"
#include "resfri-erasure.h"
#include "resfri-error.h"
#include "resfri-importer-private.h"
#include "resfri-inventory-private.h"
#include "resfri-registers-private.h"
#include "resfri-sources-private.h"
#include "resfri-store-private.h"

void
resfri_erasure_free (ResfriErasure *erasure)
{
  if (erasure == NULL)
    return;
  g_free (erasure->pseudonym);
  g_free (erasure);
}

/* The whole change, in the caller's transaction. */
static gboolean
erase_in_transaction (ResfriStore                        *store,
                      const ResfriRegistersPersonRecord  *record,
                      ResfriErasureFlags                  flags,
                      GPtrArray                          *released,
                      ResfriErasure                      *erasure,
                      GError                            **error)
{
  g_autofree char *pseudonym_name = NULL;
  g_autofree char *detail = NULL;
  gint64 items, meetings, former;

  if (!_resfri_bookings_release_person (store, record->id, released, error) ||
      (items = _resfri_inventory_release_person (store, record->id,
                                                 (flags & RESFRI_ERASURE_RETIRE_EQUIPMENT) != 0,
                                                 error)) < 0 ||
      (former = _resfri_registers_erase_person (store, record->id, error)) == 0)
    return FALSE;

  erasure->pseudonym = g_strdup_printf ("former-%" G_GINT64_FORMAT "@invalid", former);
  pseudonym_name = g_strdup_printf ("former-%" G_GINT64_FORMAT, former);
  if ((meetings = _resfri_importer_pseudonymise_person (store, record->email, record->name,
                                                        erasure->pseudonym, pseudonym_name,
                                                        error)) < 0 ||
      !_resfri_sources_pseudonymise_person (store, record->email, record->name,
                                            erasure->pseudonym, pseudonym_name, error) ||
      !_resfri_inventory_forget_person (store, record->email, error) ||
      !_resfri_booking_releases_forget_person (store, record->email, error) ||
      !_resfri_audit_forget_person (store, record->email, erasure->pseudonym, error))
    return FALSE;

  erasure->items = items;
  erasure->bookings = released->len;
  erasure->meetings = meetings;
  detail = g_strdup_printf ("items %u, bookings %u, meetings %u%s", erasure->items,
                            erasure->bookings, erasure->meetings,
                            (flags & RESFRI_ERASURE_RETIRE_EQUIPMENT) != 0 ? ", retired" : "");

  return _resfri_audit_record (store, "erase", "person", erasure->pseudonym, detail, error);
}

/**
 * resfri_erasure_run:
 * @email: the person's address (ASCII letters in any case)
 * @flags: #ResfriErasureFlags
 *
 * Erases the person (spec/privacy.md "Erasure"); nothing is changed when
 * it fails.
 *
 * Returns: (transfer full): what was done, or %NULL with @error:
 *   RESFRI_ERROR_NOT_FOUND when nobody in the register has @email (also
 *   when they were erased already), RESFRI_ERROR_CONFLICT when a followed
 *   calendar is theirs or holds a meeting they organise
 */
ResfriErasure *
resfri_erasure_run (ResfriStore         *store,
                    const char          *email,
                    ResfriErasureFlags   flags,
                    GError             **error)
{
  g_auto(ResfriRegistersPersonRecord) record = { 0 };
  g_autoptr(ResfriErasure) erasure = g_new0 (ResfriErasure, 1);
  g_autoptr(GPtrArray) released = g_ptr_array_new_with_free_func ((GDestroyNotify) resfri_booking_free);
  g_autofree char *calendar = NULL;
  gboolean ok;
  int found;

  g_return_val_if_fail (RESFRI_IS_STORE (store), NULL);
  g_return_val_if_fail (email != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!_resfri_store_set_secure_delete (store, TRUE, error) || !_resfri_store_begin (store, error))
    return NULL;

  if ((found = _resfri_registers_read_person_record (store, email, &record, error)) == 0)
    g_set_error (error, RESFRI_ERROR, RESFRI_ERROR_NOT_FOUND,
                 _("Nobody in the register has the address “%s” (erased already, or never "
                   "there); nothing was changed"), email);
  else if (found > 0 &&
           (found = _resfri_sources_person_in_followed (store, record.email, &calendar,
                                                        error)) > 0)
    g_set_error (error, RESFRI_ERROR, RESFRI_ERROR_CONFLICT,
                 _("“%s” organises meetings held in the followed calendar “%s”, which would "
                   "bring their address back at the next sync. Stop following that calendar "
                   "(sources unfollow), or wait until it no longer holds their meetings, and "
                   "erase them then; nothing was changed"), email, calendar);
  /* found: 0 when free of followed calendars, -1 after an error. */
  ok = found == 0 && calendar == NULL && record.email != NULL &&
       erase_in_transaction (store, &record, flags, released, erasure, error);
  if (!ok || !_resfri_store_commit (store, error))
    {
      _resfri_store_rollback (store);
      _resfri_store_set_secure_delete (store, FALSE, NULL);
      return NULL;
    }

  _resfri_bookings_after_release (store, released);
  ok = _resfri_store_scrub (store, FALSE, error);
  _resfri_store_set_secure_delete (store, FALSE, NULL);

  return ok ? g_steal_pointer (&erasure) : NULL;
}

typedef struct
{
  char               *email;
  ResfriErasureFlags  flags;
} Job;

static void
job_free (Job *job)
{
  g_free (job->email);
  g_free (job);
}

static gpointer
erase_in_worker (ResfriStore   *worker,
                 gpointer       data,
                 GCancellable  *cancellable,
                 GError       **error)
{
  Job *job = data;

  return resfri_erasure_run (worker, job->email, job->flags, error);
}

void
resfri_erasure_run_async (ResfriStore          *store,
                          const char           *email,
                          ResfriErasureFlags    flags,
                          GCancellable         *cancellable,
                          GAsyncReadyCallback   callback,
                          gpointer              user_data)
{
  Job *job;

  g_return_if_fail (RESFRI_IS_STORE (store));
  g_return_if_fail (email != NULL);

  job = g_new0 (Job, 1);
  job->email = g_strdup (email);
  job->flags = flags;
  _resfri_store_run_async (store, resfri_erasure_run_async, erase_in_worker, job,
                           (GDestroyNotify) job_free, (GDestroyNotify) resfri_erasure_free,
                           cancellable, callback, user_data);
}

ResfriErasure *
resfri_erasure_run_finish (ResfriStore   *store,
                           GAsyncResult  *result,
                           GError       **error)
{
  return _resfri_store_run_finish (store, result, error);
}

/* resfri-sync-setup.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Setting up live calendars: adding a source (a CalDAV account is asked
 * for its calendars first, so that a wrong address or password is refused
 * before anything is stored; with a --people-template, every person of the
 * register gets their calendar followed), asking the server again for new
 * calendars, following or not following a calendar, removing a source. A
 * change that drops calendars removes, in the same transaction, the
 * meetings no followed calendar holds any more.
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "resfri-audit-private.h"
#include "resfri-error.h"
#include "resfri-person.h"
#include "resfri-sources-private.h"
#include "resfri-store-private.h"
#include "resfri-sync-private.h"

/* A calendar found on the server, to be stored. */
typedef struct
{
  char     *href;
  char     *name;
  char     *target;
  gboolean  following;
} Found;

static void
found_free (gpointer data)
{
  Found *found = data;

  g_free (found->href);
  g_free (found->name);
  g_free (found->target);
  g_free (found);
}

static void
add_found (GPtrArray         *found,
           ResfriDavResponse *calendar,
           const char        *target)
{
  Found *item = g_new0 (Found, 1);

  item->href = g_strdup (calendar->href);
  item->name = g_strdup (calendar->displayname);
  item->target = g_strdup (target);
  item->following = TRUE;
  g_ptr_array_add (found, item);
}

/* {email} and {local} of @template for @email. */
static char *
expand_template (const char *template,
                 const char *email)
{
  g_autofree char *escaped = g_uri_escape_string (email, "@", FALSE);
  g_autofree char *local = g_strndup (email, strcspn (email, "@"));
  g_autofree char *escaped_local = g_uri_escape_string (local, NULL, FALSE);
  g_autoptr(GString) url = g_string_new (template);

  g_string_replace (url, "{email}", escaped, 0);
  g_string_replace (url, "{local}", escaped_local, 0);
  return g_string_free (g_steal_pointer (&url), FALSE);
}

/* The calendars of @source on the server. */
static GPtrArray *
find_calendars (ResfriStore         *store,
                const ResfriSource  *source,
                GPtrArray           *missing,
                GCancellable        *cancellable,
                GError             **error)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (found_free);
  g_autoptr(ResfriCaldav) client = NULL;
  g_autoptr(GListModel) people = NULL;
  g_autoptr(GPtrArray) own = NULL;
  guint n_people;
  guint n_reached = 0;
  g_autoptr(GError) first = NULL;

  if (!(client = _resfri_sync_open_client (source, cancellable, error)))
    return NULL;

  if (source->people_template == NULL)
    {
      if (!(own = resfri_caldav_discover (client, cancellable, error)))
        return NULL;
      for (guint i = 0; i < own->len; i++)
        add_found (found, g_ptr_array_index (own, i),
                   source->user && strchr (source->user, '@') ? source->user : NULL);
      return g_steal_pointer (&found);
    }

  if (!(people = resfri_person_list (store, cancellable, error)))
    return NULL;
  n_people = g_list_model_get_n_items (people);
  for (guint i = 0; i < n_people; i++)
    {
      g_autoptr(ResfriPerson) person = g_list_model_get_item (people, i);
      const char *email = resfri_person_get_email (person);
      g_autofree char *url = expand_template (source->people_template, email);
      g_autoptr(GPtrArray) calendars = NULL;
      g_autoptr(GError) local = NULL;

      calendars = resfri_caldav_list_calendars (client, url, cancellable, &local);
      if (calendars == NULL || calendars->len == 0)
        {
          if (g_error_matches (local, G_IO_ERROR, G_IO_ERROR_CANCELLED))
            {
              g_propagate_error (error, g_steal_pointer (&local));
              return NULL;
            }
          if (missing != NULL)
            g_ptr_array_add (missing, g_strdup_printf ("%s: %s", email,
                                                       local ? local->message
                                                             : _("no calendar there")));
          if (local != NULL && first == NULL)
            first = g_steal_pointer (&local);
          continue;
        }
      n_reached++;
      for (guint j = 0; j < calendars->len; j++)
        add_found (found, g_ptr_array_index (calendars, j), email);
    }

  /* Not one person reached and an error: the account itself is wrong. */
  if (n_reached == 0 && first != NULL && !g_error_matches (first, RESFRI_ERROR, RESFRI_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&first));
      return NULL;
    }

  return g_steal_pointer (&found);
}

static gboolean
store_found (ResfriStore  *store,
             gint64        source_id,
             GPtrArray    *found,
             GError      **error)
{
  for (guint i = 0; i < found->len; i++)
    {
      Found *item = g_ptr_array_index (found, i);

      if (!resfri_sources_put_calendar (store, source_id, item->href, item->name, "person",
                                        item->target, item->following, error))
        return FALSE;
    }
  return TRUE;
}

gint64
resfri_sync_add_source (ResfriStore         *store,
                        const ResfriSource  *source,
                        GPtrArray           *missing,
                        GCancellable        *cancellable,
                        GError             **error)
{
  g_autoptr(GPtrArray) found = NULL;
  gint64 id;

  g_return_val_if_fail (RESFRI_IS_STORE (store), -1);
  g_return_val_if_fail (source != NULL && source->url != NULL && source->kind != NULL, -1);

  if (strcmp (source->kind, "caldav") == 0)
    {
      if (!(found = find_calendars (store, source, missing, cancellable, error)))
        return -1;
    }
  else
    {
      g_autoptr(ResfriCaldav) client = NULL;

      /* Checks the address only; the first sync fetches it. */
      if (!(client = resfri_caldav_new (source->url, NULL, NULL, source->ca_file, error)))
        return -1;
    }

  if (!_resfri_store_begin (store, error))
    return -1;
  id = resfri_sources_add (store, source, error);
  if (id < 0)
    goto failed;
  if (found != NULL && !store_found (store, id, found, error))
    goto failed;
  if (found == NULL &&
      !resfri_sources_put_calendar (store, id, source->url, source->name, "feed", NULL, TRUE, error))
    goto failed;
  /* The audit log names the source by its id and kind: its address and
   * user may name a person. */
  if (!_resfri_audit_record_id (store, "source-add", "source", id, source->kind, error) ||
      !_resfri_store_commit (store, error))
    goto failed;
  return id;

failed:
  _resfri_store_rollback (store);
  return -1;
}

gboolean
resfri_sync_refresh_calendars (ResfriStore   *store,
                               gint64         id,
                               GPtrArray     *missing,
                               GCancellable  *cancellable,
                               GError       **error)
{
  g_autoptr(ResfriSource) source = NULL;
  g_autoptr(GPtrArray) found = NULL;

  if (!(source = resfri_sources_get (store, id, error)))
    return FALSE;
  if (strcmp (source->kind, "caldav") != 0)
    return TRUE;
  if (!(found = find_calendars (store, source, missing, cancellable, error)))
    return FALSE;

  if (!_resfri_store_begin (store, error))
    return FALSE;
  if (!store_found (store, id, found, error) || !_resfri_store_commit (store, error))
    {
      _resfri_store_rollback (store);
      return FALSE;
    }
  return TRUE;
}

gboolean
resfri_sync_follow (ResfriStore  *store,
                    gint64        id,
                    const char   *href,
                    const char   *role,
                    const char   *target,
                    gboolean      following,
                    GError      **error)
{
  g_autoptr(GHashTable) touched = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(ResfriSource) source = NULL;
  g_autofree char *normalized = NULL;
  g_autofree char *detail = NULL;
  gint64 calendar_id = -1;

  g_return_val_if_fail (RESFRI_IS_STORE (store), FALSE);

  if (!(source = resfri_sources_get (store, id, error)))
    return FALSE;
  /* As the server's answers are stored (a feed's href is its URL). */
  if (strcmp (source->kind, "caldav") == 0)
    href = normalized = resfri_caldav_normalize_href (source->url, href);
  if (!_resfri_store_begin (store, error))
    return FALSE;
  if (!_resfri_sources_set_following (store, id, href, role, target, following, &calendar_id, error))
    goto failed;
  if (!following &&
      (!_resfri_sources_clear_resources (store, id, calendar_id, touched, error) ||
       !_resfri_sync_resolve_keys (store, touched, error)))
    goto failed;
  /* The calendar by its id, not its href (a person's address, often). */
  detail = role != NULL ? g_strdup_printf ("source=%" G_GINT64_FORMAT " role=%s", id, role)
                        : g_strdup_printf ("source=%" G_GINT64_FORMAT, id);
  if (!_resfri_audit_record_id (store, following ? "follow" : "unfollow", "calendar", calendar_id,
                                detail, error) ||
      !_resfri_store_commit (store, error))
    goto failed;
  return TRUE;

failed:
  _resfri_store_rollback (store);
  return FALSE;
}

gboolean
resfri_sync_remove_source (ResfriStore  *store,
                           gint64        id,
                           GError      **error)
{
  g_autoptr(GHashTable) touched = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(ResfriSource) source = NULL;

  g_return_val_if_fail (RESFRI_IS_STORE (store), FALSE);

  if (!(source = resfri_sources_get (store, id, error)))
    return FALSE;
  if (!_resfri_store_begin (store, error))
    return FALSE;
  if (!_resfri_sources_clear_resources (store, id, -1, touched, error) ||
      !_resfri_sources_delete (store, id, error) ||
      !_resfri_sync_resolve_keys (store, touched, error) ||
      !_resfri_audit_record_id (store, "source-remove", "source", id, source->kind, error) ||
      !_resfri_store_commit (store, error))
    {
      _resfri_store_rollback (store);
      return FALSE;
    }
  return TRUE;
}

/* What a source's sync changed, for its row of the audit log: counts and
 * whether it failed or stopped, never an error's text (it may name a
 * calendar, so a person). */
static char *
describe_run (const ResfriSyncSourceResult *result,
              const char                   *outcome)
{
  guint added = 0, changed = 0, removed = 0;

  for (guint i = 0; i < result->calendars->len; i++)
    {
      const ResfriSyncCalendarResult *calendar = g_ptr_array_index (result->calendars, i);

      added += calendar->added;
      changed += calendar->changed;
      removed += calendar->removed;
    }
  return g_strdup_printf ("calendars=%u added=%u changed=%u removed=%u%s%s",
                          result->calendars->len, added, changed, removed,
                          outcome != NULL ? " " : "", outcome != NULL ? outcome : "");
}

/* Ends a source's sync: its state (the time, @last_error) and the run's
 * row of the audit log in one transaction. */
gboolean
_resfri_sync_finish_source (ResfriStore                   *store,
                            const ResfriSyncSourceResult  *result,
                            const char                    *last_error,
                            GError                       **error)
{
  g_autofree char *detail = describe_run (result, last_error != NULL ? "failed" : NULL);

  if (!_resfri_store_begin (store, error))
    return FALSE;
  if (!_resfri_sources_set_source_state (store, result->id, NULL,
                                         g_get_real_time () / G_USEC_PER_SEC, last_error, error) ||
      !_resfri_audit_record_id (store, "sync", "source", result->id, detail, error) ||
      !_resfri_store_commit (store, error))
    {
      _resfri_store_rollback (store);
      return FALSE;
    }
  return TRUE;
}

/* A source's sync stopped (cancelled, or a database error): the calendars
 * it synced before are committed, so the run has its row all the same. */
void
_resfri_sync_audit_stopped (ResfriStore                   *store,
                            const ResfriSyncSourceResult  *result)
{
  g_autofree char *detail = describe_run (result, "stopped");

  if (!_resfri_store_in_transaction (store))
    _resfri_audit_record_id (store, "sync", "source", result->id, detail, NULL);
}

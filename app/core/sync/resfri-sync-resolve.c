/* resfri-sync-resolve.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Resolving a meeting's keys (UID and RECURRENCE-ID) after a sync changed
 * its copies (resfri-sync.c): the winning copy among the followed
 * calendars is stored through the importer's own path, a key that no
 * followed calendar holds any more is removed. A key whose winner's text
 * is stored already is seen from the copy's span in its resource's text,
 * without a parse; resources that must be parsed are kept parsed for the
 * calendar's sync (the resolver's cache).
 */

#include "config.h"

#include <string.h>

#include "resfri-expand.h"
#include "resfri-importer-private.h"
#include "resfri-sources-private.h"
#include "resfri-store-private.h"
#include "resfri-sync-private.h"
#include "resfri-sync-resolve.h"

/* A parsed resource, with its VEVENTs by key. */
typedef struct
{
  ResfriIcalDocument *doc;
  GHashTable         *vevents;     /* key → icalcomponent (not owned) */
  gboolean            zones_stored;
} ParsedResource;

static void
parsed_resource_free (gpointer data)
{
  ParsedResource *parsed = data;

  resfri_ical_document_free (parsed->doc);
  g_hash_table_unref (parsed->vevents);
  g_free (parsed);
}

char *
_resfri_sync_make_key (const char *uid,
                       const char *recurrence_id)
{
  return g_strdup_printf ("%s%c%s", uid, RESFRI_SYNC_KEY_SEPARATOR, recurrence_id);
}

/* Calls @func for every VEVENT of @doc, with its VCALENDAR (or NULL). */
gboolean
_resfri_sync_foreach_vevent (ResfriIcalDocument  *doc,
                             ResfriSyncVeventFunc func,
                             gpointer             user_data)
{
  GPtrArray *roots = resfri_ical_document_get_roots (doc);

  for (guint i = 0; i < roots->len; i++)
    {
      icalcomponent *root = g_ptr_array_index (roots, i);

      if (icalcomponent_isa (root) == ICAL_VEVENT_COMPONENT)
        {
          if (!func (root, NULL, user_data))
            return FALSE;
          continue;
        }
      for (icalcomponent *cal = icalcomponent_isa (root) == ICAL_VCALENDAR_COMPONENT
                                ? root : icalcomponent_get_first_component (root, ICAL_VCALENDAR_COMPONENT);
           cal != NULL;
           cal = cal == root ? NULL : icalcomponent_get_next_component (root, ICAL_VCALENDAR_COMPONENT))
        for (icalcomponent *vevent = icalcomponent_get_first_component (cal, ICAL_VEVENT_COMPONENT);
             vevent != NULL;
             vevent = icalcomponent_get_next_component (cal, ICAL_VEVENT_COMPONENT))
          if (!func (vevent, cal, user_data))
            return FALSE;
    }
  return TRUE;
}

static gboolean
index_vevent (icalcomponent *vevent,
              icalcomponent *vcalendar,
              gpointer       user_data)
{
  GHashTable *vevents = user_data;
  const char *uid = icalcomponent_get_uid (vevent);
  char recurrence_id[20];

  if (uid == NULL)
    return TRUE;
  resfri_expand_get_recurrence_id (vevent, recurrence_id);
  g_hash_table_replace (vevents, _resfri_sync_make_key (uid, recurrence_id), vevent);
  return TRUE;
}


/* @doc, the text of resource @resource_id, in the cache (taken). */
static ParsedResource *
add_parsed (ResfriSyncResolver *resolver,
            gint64              resource_id,
            ResfriIcalDocument *doc)
{
  ParsedResource *parsed = g_new0 (ParsedResource, 1);
  gint64 *key = g_new (gint64, 1);

  parsed->doc = doc;
  parsed->vevents = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  _resfri_sync_foreach_vevent (parsed->doc, index_vevent, parsed->vevents);
  *key = resource_id;
  g_hash_table_replace (resolver->parsed, key, parsed);
  return parsed;
}

static ParsedResource *
get_parsed (ResfriSyncResolver *resolver,
            gint64              resource_id,
            const char         *href,
            const char         *ical,
            GError            **error)
{
  ParsedResource *parsed = g_hash_table_lookup (resolver->parsed, &resource_id);
  ResfriIcalDocument *doc;

  if (parsed != NULL)
    return parsed;
  if (!(doc = resfri_ical_document_parse (ical, strlen (ical), href, error)))
    return NULL;
  return add_parsed (resolver, resource_id, doc);
}

static gboolean
store_zones (ResfriStore    *store,
             ParsedResource *parsed,
             GError        **error)
{
  GPtrArray *roots = resfri_ical_document_get_roots (parsed->doc);

  if (parsed->zones_stored)
    return TRUE;
  parsed->zones_stored = TRUE;
  for (guint i = 0; i < roots->len; i++)
    {
      icalcomponent *root = g_ptr_array_index (roots, i);

      for (icalcomponent *zone = icalcomponent_get_first_component (root, ICAL_VTIMEZONE_COMPONENT);
           zone != NULL;
           zone = icalcomponent_get_next_component (root, ICAL_VTIMEZONE_COMPONENT))
        if (!_resfri_importer_put_vtimezone (store, parsed->doc, zone, error))
          return FALSE;
    }
  return TRUE;
}

static gboolean
resolve_key (ResfriSyncResolver *resolver,
             const char         *key,
             GError            **error)
{
  g_autofree char *uid = g_strdup (key);
  g_autofree char *href = NULL;
  g_autofree char *ical = NULL;
  char *recurrence_id = strchr (uid, RESFRI_SYNC_KEY_SEPARATOR);
  g_autoptr(GError) local = NULL;
  ParsedResource *parsed;
  icalcomponent *vevent;
  gint64 resource_id = -1;
  gint64 text_start = -1;
  gint64 text_length = -1;
  gsize length = 0;
  const char *original;

  g_assert (recurrence_id != NULL);
  *recurrence_id++ = '\0';

  if (!_resfri_sources_find_winner (resolver->store, uid, recurrence_id, &resource_id, &href,
                                    &ical, &text_start, &text_length, &local))
    {
      if (local != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return FALSE;
        }
      return _resfri_importer_sync_remove (resolver->store, uid, recurrence_id, error);
    }

  /* The winner's text already stored (another calendar's copy of the
   * same meeting, mostly): nothing to parse. */
  if (text_start >= 0 && text_length > 0 && (gsize) (text_start + text_length) <= strlen (ical) &&
      _resfri_importer_sync_is_stored (resolver->store, uid, recurrence_id, ical + text_start,
                                       text_length))
    return TRUE;

  if (!(parsed = get_parsed (resolver, resource_id, href, ical, error)))
    return FALSE;
  vevent = g_hash_table_lookup (parsed->vevents, key);
  if (vevent == NULL)
    return _resfri_importer_sync_remove (resolver->store, uid, recurrence_id, error);

  original = resfri_ical_document_peek_text (parsed->doc, vevent, &length);
  if (original != NULL &&
      _resfri_importer_sync_is_stored (resolver->store, uid, recurrence_id, original, length))
    return TRUE;
  if (!store_zones (resolver->store, parsed, error) ||
      !_resfri_importer_sync_put_vevent (resolver->store, vevent, original, length, href,
                                         resolver->now, NULL, &local))
    {
      if (local != NULL)
        {
          resolver->line = MAX (resfri_ical_document_get_line (parsed->doc, vevent), 1);
          g_propagate_error (error, g_steal_pointer (&local));
        }
      return FALSE;
    }
  return TRUE;
}

/* Masters ('' RECURRENCE-ID) before their overrides, as a file has them. */
static int
compare_keys (gconstpointer a,
              gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

gboolean
_resfri_sync_resolver_resolve (ResfriSyncResolver *resolver,
                               GHashTable         *touched,
                               GError            **error)
{
  g_autofree gpointer *keys = NULL;
  guint n_keys = 0;

  keys = g_hash_table_get_keys_as_array (touched, &n_keys);
  qsort (keys, n_keys, sizeof (gpointer), compare_keys);
  for (guint i = 0; i < n_keys; i++)
    if (!resolve_key (resolver, keys[i], error))
      return FALSE;
  return TRUE;
}

void
_resfri_sync_resolver_init (ResfriSyncResolver *resolver,
                            ResfriStore        *store)
{
  resolver->store = store;
  resolver->parsed = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                            parsed_resource_free);
  resolver->now = g_get_real_time () / G_USEC_PER_SEC;
  resolver->line = 0;
}

void
_resfri_sync_resolver_clear (ResfriSyncResolver *resolver)
{
  g_clear_pointer (&resolver->parsed, g_hash_table_unref);
}

gboolean
_resfri_sync_resolve_keys (ResfriStore *store,
                           GHashTable  *touched,
                           GError     **error)
{
  ResfriSyncResolver resolver = { 0 };
  gboolean ok;

  _resfri_sync_resolver_init (&resolver, store);
  ok = _resfri_sync_resolver_resolve (&resolver, touched, error);
  _resfri_sync_resolver_clear (&resolver);
  return ok;
}

void
_resfri_sync_resolver_forget (ResfriSyncResolver *resolver)
{
  g_hash_table_remove_all (resolver->parsed);
}

void
_resfri_sync_resolver_add (ResfriSyncResolver *resolver,
                           gint64              resource_id,
                           ResfriIcalDocument *doc)
{
  add_parsed (resolver, resource_id, doc);
}

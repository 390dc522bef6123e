/* resfri-sources.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The owner of the live-calendar tables (sync_sources, sync_calendars,
 * sync_resources, sync_copies, sync_reservations, sync_bookings;
 * store/resfri-store.c says what each holds): every SQL statement that
 * reads or writes them is here. The sync (resfri-sync.c) decides; this
 * file stores, and reads for bookings/ what the followed room and item
 * calendars reserve.
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "resfri-bookings-private.h"
#include "resfri-sources-private.h"
#include "resfri-store-private.h"

ResfriSource *
resfri_source_copy (const ResfriSource *self)
{
  ResfriSource *copy = g_new0 (ResfriSource, 1);

  copy->id = self->id;
  copy->kind = g_strdup (self->kind);
  copy->url = g_strdup (self->url);
  copy->user = g_strdup (self->user);
  copy->name = g_strdup (self->name);
  copy->password_file = g_strdup (self->password_file);
  copy->people_template = g_strdup (self->people_template);
  copy->ca_file = g_strdup (self->ca_file);
  copy->etag = g_strdup (self->etag);
  copy->last_sync = self->last_sync;
  copy->last_error = g_strdup (self->last_error);
  return copy;
}

void
resfri_source_free (ResfriSource *self)
{
  if (self == NULL)
    return;
  g_free (self->kind);
  g_free (self->url);
  g_free (self->user);
  g_free (self->name);
  g_free (self->password_file);
  g_free (self->people_template);
  g_free (self->ca_file);
  g_free (self->etag);
  g_free (self->last_error);
  g_free (self);
}

G_DEFINE_BOXED_TYPE (ResfriSource, resfri_source, resfri_source_copy, resfri_source_free)

ResfriSourceCalendar *
resfri_source_calendar_copy (const ResfriSourceCalendar *self)
{
  ResfriSourceCalendar *copy = g_memdup2 (self, sizeof *self);

  copy->href = g_strdup (self->href);
  copy->name = g_strdup (self->name);
  copy->role = g_strdup (self->role);
  copy->target = g_strdup (self->target);
  copy->sync_token = g_strdup (self->sync_token);
  copy->ctag = g_strdup (self->ctag);
  copy->last_error = g_strdup (self->last_error);
  return copy;
}

void
resfri_source_calendar_free (ResfriSourceCalendar *self)
{
  if (self == NULL)
    return;
  g_free (self->href);
  g_free (self->name);
  g_free (self->role);
  g_free (self->target);
  g_free (self->sync_token);
  g_free (self->ctag);
  g_free (self->last_error);
  g_free (self);
}

G_DEFINE_BOXED_TYPE (ResfriSourceCalendar, resfri_source_calendar,
                     resfri_source_calendar_copy, resfri_source_calendar_free)

void
_resfri_sync_copy_clear (gpointer data)
{
  ResfriSyncCopy *copy = data;

  g_clear_pointer (&copy->uid, g_free);
}

void
_resfri_sync_reservation_clear (gpointer data)
{
  ResfriSyncReservation *reservation = data;

  g_clear_pointer (&reservation->uid, g_free);
  g_clear_pointer (&reservation->summary, g_free);
}

static void
bind_text_or_null (sqlite3_stmt *stmt,
                   int           column,
                   const char   *text)
{
  if (text != NULL)
    sqlite3_bind_text (stmt, column, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, column);
}

/* Sources */

gint64
resfri_sources_add (ResfriStore         *store,
                    const ResfriSource  *source,
                    GError             **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (RESFRI_IS_STORE (store), -1);
  g_return_val_if_fail (source != NULL && source->url != NULL, -1);

  stmt = _resfri_store_prepare (store,
                                "INSERT INTO sync_sources (kind, url, user, name, password_file,"
                                "  people_template, ca_file) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                                error);
  if (stmt == NULL)
    return -1;
  bind_text_or_null (stmt, 1, source->kind);
  bind_text_or_null (stmt, 2, source->url);
  bind_text_or_null (stmt, 3, source->user);
  bind_text_or_null (stmt, 4, source->name);
  bind_text_or_null (stmt, 5, source->password_file);
  bind_text_or_null (stmt, 6, source->people_template);
  bind_text_or_null (stmt, 7, source->ca_file);
  if (!_resfri_store_step_done (store, stmt, _("Cannot add the source"), error))
    return -1;

  return sqlite3_last_insert_rowid (_resfri_store_get_db (store));
}

#define SOURCE_COLUMNS \
  "id, kind, url, user, name, password_file, people_template, ca_file, etag," \
  " last_sync, last_error FROM sync_sources"

static ResfriSource *
read_source (sqlite3_stmt *stmt)
{
  ResfriSource *source = g_new0 (ResfriSource, 1);

  source->id = sqlite3_column_int64 (stmt, 0);
  source->kind = _resfri_store_dup_column (stmt, 1);
  source->url = _resfri_store_dup_column (stmt, 2);
  source->user = _resfri_store_dup_column (stmt, 3);
  source->name = _resfri_store_dup_column (stmt, 4);
  source->password_file = _resfri_store_dup_column (stmt, 5);
  source->people_template = _resfri_store_dup_column (stmt, 6);
  source->ca_file = _resfri_store_dup_column (stmt, 7);
  source->etag = _resfri_store_dup_column (stmt, 8);
  source->last_sync = sqlite3_column_int64 (stmt, 9);
  source->last_error = _resfri_store_dup_column (stmt, 10);
  return source;
}

GPtrArray *
resfri_sources_list (ResfriStore  *store,
                     GError      **error)
{
  g_autoptr(GPtrArray) sources = g_ptr_array_new_with_free_func ((GDestroyNotify) resfri_source_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (RESFRI_IS_STORE (store), NULL);

  if (!(stmt = _resfri_store_prepare (store, "SELECT " SOURCE_COLUMNS " ORDER BY id", error)))
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (sources, read_source (stmt));
  if (rc != SQLITE_DONE)
    {
      _resfri_store_set_error (store, error, _("Cannot read the sources"));
      sqlite3_reset (stmt);
      return NULL;
    }
  sqlite3_reset (stmt);
  return g_steal_pointer (&sources);
}

ResfriSource *
resfri_sources_get (ResfriStore  *store,
                    gint64        id,
                    GError      **error)
{
  ResfriSource *source = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (RESFRI_IS_STORE (store), NULL);

  if (!(stmt = _resfri_store_prepare (store, "SELECT " SOURCE_COLUMNS " WHERE id = ?1", error)))
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    source = read_source (stmt);
  else if (rc == SQLITE_DONE)
    g_set_error (error, RESFRI_ERROR, RESFRI_ERROR_NOT_FOUND,
                 _("There is no source %lld (see “sources list”)"), (long long) id);
  else
    _resfri_store_set_error (store, error, _("Cannot read the sources"));
  sqlite3_reset (stmt);
  return source;
}

gboolean
_resfri_sources_set_source_state (ResfriStore  *store,
                                  gint64        source_id,
                                  const char   *etag,
                                  gint64        last_sync,
                                  const char   *last_error,
                                  GError      **error)
{
  sqlite3_stmt *stmt;

  stmt = _resfri_store_prepare (store,
                                "UPDATE sync_sources SET etag = ?2, last_sync = ?3, last_error = ?4"
                                " WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, source_id);
  bind_text_or_null (stmt, 2, etag);
  sqlite3_bind_int64 (stmt, 3, last_sync);
  bind_text_or_null (stmt, 4, last_error);
  return _resfri_store_step_done (store, stmt, _("Cannot store the state of a source"), error);
}

gboolean
_resfri_sources_delete (ResfriStore  *store,
                        gint64        source_id,
                        GError      **error)
{
  sqlite3_stmt *stmt;

  /* Its calendars, resources and copies go with it (ON DELETE CASCADE). */
  if (!(stmt = _resfri_store_prepare (store, "DELETE FROM sync_sources WHERE id = ?1", error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, source_id);
  return _resfri_store_step_done (store, stmt, _("Cannot remove the source"), error);
}

/* Calendars */

GPtrArray *
resfri_sources_list_calendars (ResfriStore  *store,
                               gint64        source_id,
                               GError      **error)
{
  g_autoptr(GPtrArray) calendars = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (RESFRI_IS_STORE (store), NULL);

  stmt = _resfri_store_prepare (store,
                                "SELECT id, source_id, href, name, role, target, following,"
                                "  sync_token, ctag, last_error,"
                                "  (SELECT count (*) FROM sync_resources r WHERE r.calendar_id = c.id)"
                                " FROM sync_calendars c WHERE source_id = ?1 ORDER BY href",
                                error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, source_id);

  calendars = g_ptr_array_new_with_free_func ((GDestroyNotify) resfri_source_calendar_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ResfriSourceCalendar *calendar = g_new0 (ResfriSourceCalendar, 1);

      calendar->id = sqlite3_column_int64 (stmt, 0);
      calendar->source_id = sqlite3_column_int64 (stmt, 1);
      calendar->href = _resfri_store_dup_column (stmt, 2);
      calendar->name = _resfri_store_dup_column (stmt, 3);
      calendar->role = _resfri_store_dup_column (stmt, 4);
      calendar->target = _resfri_store_dup_column (stmt, 5);
      calendar->following = sqlite3_column_int (stmt, 6) != 0;
      calendar->sync_token = _resfri_store_dup_column (stmt, 7);
      calendar->ctag = _resfri_store_dup_column (stmt, 8);
      calendar->last_error = _resfri_store_dup_column (stmt, 9);
      calendar->resources = sqlite3_column_int64 (stmt, 10);
      g_ptr_array_add (calendars, calendar);
    }
  if (rc != SQLITE_DONE)
    {
      _resfri_store_set_error (store, error, _("Cannot read the calendars of a source"));
      sqlite3_reset (stmt);
      return NULL;
    }
  sqlite3_reset (stmt);
  return g_steal_pointer (&calendars);
}

gboolean
resfri_sources_put_calendar (ResfriStore  *store,
                             gint64        source_id,
                             const char   *href,
                             const char   *name,
                             const char   *role,
                             const char   *target,
                             gboolean      following,
                             GError      **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (RESFRI_IS_STORE (store), FALSE);

  stmt = _resfri_store_prepare (store,
                                "INSERT INTO sync_calendars (source_id, href, name, role, target,"
                                "  following) VALUES (?1, ?2, ?3, ?4, ?5, ?6)"
                                " ON CONFLICT (source_id, href) DO UPDATE SET name = excluded.name",
                                error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, source_id);
  bind_text_or_null (stmt, 2, href);
  bind_text_or_null (stmt, 3, name);
  bind_text_or_null (stmt, 4, role);
  bind_text_or_null (stmt, 5, target);
  sqlite3_bind_int (stmt, 6, following ? 1 : 0);
  return _resfri_store_step_done (store, stmt, _("Cannot store a calendar of a source"), error);
}

gboolean
_resfri_sources_set_following (ResfriStore  *store,
                               gint64        source_id,
                               const char   *href,
                               const char   *role,
                               const char   *target,
                               gboolean      following,
                               gint64       *calendar_id,
                               GError      **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = _resfri_store_prepare (store,
                                "UPDATE sync_calendars SET following = ?3,"
                                "  role = coalesce (?4, role), target = CASE WHEN ?4 IS NULL"
                                "    THEN target ELSE ?5 END,"
                                "  sync_token = CASE WHEN ?3 THEN sync_token ELSE NULL END,"
                                "  ctag = CASE WHEN ?3 THEN ctag ELSE NULL END"
                                " WHERE source_id = ?1 AND href = ?2 RETURNING id",
                                error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, source_id);
  bind_text_or_null (stmt, 2, href);
  sqlite3_bind_int (stmt, 3, following ? 1 : 0);
  bind_text_or_null (stmt, 4, role);
  bind_text_or_null (stmt, 5, target);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *calendar_id = sqlite3_column_int64 (stmt, 0);
  else if (rc == SQLITE_DONE)
    g_set_error (error, RESFRI_ERROR, RESFRI_ERROR_NOT_FOUND,
                 _("Source %lld has no calendar “%s” (see “sources calendars %lld”)"),
                 (long long) source_id, href, (long long) source_id);
  else
    _resfri_store_set_error (store, error, _("Cannot change a calendar of a source"));
  /* RETURNING: step to the end before the reset. */
  while (rc == SQLITE_ROW)
    rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  return rc == SQLITE_DONE && *calendar_id > 0;
}

gboolean
_resfri_sources_set_calendar_state (ResfriStore  *store,
                                    gint64        calendar_id,
                                    const char   *sync_token,
                                    const char   *ctag,
                                    const char   *last_error,
                                    GError      **error)
{
  sqlite3_stmt *stmt;

  stmt = _resfri_store_prepare (store,
                                "UPDATE sync_calendars SET sync_token = ?2, ctag = ?3,"
                                "  last_error = ?4 WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, calendar_id);
  bind_text_or_null (stmt, 2, sync_token);
  bind_text_or_null (stmt, 3, ctag);
  bind_text_or_null (stmt, 4, last_error);
  return _resfri_store_step_done (store, stmt, _("Cannot store the state of a calendar"), error);
}

/* Resources */

GHashTable *
_resfri_sources_dup_etags (ResfriStore  *store,
                           gint64        calendar_id,
                           GError      **error)
{
  g_autoptr(GHashTable) etags = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  sqlite3_stmt *stmt;
  int rc;

  stmt = _resfri_store_prepare (store,
                                "SELECT href, coalesce (etag, '') FROM sync_resources"
                                " WHERE calendar_id = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, calendar_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_insert (etags, _resfri_store_dup_column (stmt, 0), _resfri_store_dup_column (stmt, 1));
  if (rc != SQLITE_DONE)
    {
      _resfri_store_set_error (store, error, _("Cannot read the resources of a calendar"));
      sqlite3_reset (stmt);
      return NULL;
    }
  sqlite3_reset (stmt);
  return g_steal_pointer (&etags);
}

static void
add_key (GHashTable *touched,
         const char *uid,
         const char *recurrence_id)
{
  g_hash_table_add (touched, g_strdup_printf ("%s%c%s", uid, RESFRI_SYNC_KEY_SEPARATOR,
                                              recurrence_id));
}

/* The keys of the copies of one resource (@resource_id), or of every
 * resource of a calendar or source, into @touched. */
static gboolean
collect_keys (ResfriStore  *store,
              const char   *sql,
              gint64        id,
              GHashTable   *touched,
              GError      **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = _resfri_store_prepare (store, sql, error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    add_key (touched, (const char *) sqlite3_column_text (stmt, 0),
             (const char *) sqlite3_column_text (stmt, 1));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _resfri_store_set_error (store, error, _("Cannot read the resources of a calendar"));
      return FALSE;
    }
  return TRUE;
}

gboolean
_resfri_sources_delete_resource (ResfriStore  *store,
                                 gint64        calendar_id,
                                 const char   *href,
                                 GHashTable   *touched,
                                 GError      **error)
{
  sqlite3_stmt *stmt;
  int rc;
  gint64 id = -1;

  stmt = _resfri_store_prepare (store,
                                "SELECT id FROM sync_resources WHERE calendar_id = ?1 AND href = ?2",
                                error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, calendar_id);
  bind_text_or_null (stmt, 2, href);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      _resfri_store_set_error (store, error, _("Cannot read the resources of a calendar"));
      return FALSE;
    }
  if (id < 0)
    return TRUE;

  if (!collect_keys (store, "SELECT uid, recurrence_id FROM sync_copies WHERE resource_id = ?1",
                     id, touched, error))
    return FALSE;

  /* Its copies go with it (ON DELETE CASCADE). */
  if (!(stmt = _resfri_store_prepare (store, "DELETE FROM sync_resources WHERE id = ?1", error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  return _resfri_store_step_done (store, stmt, _("Cannot remove a resource"), error);
}

gboolean
_resfri_sources_put_resource (ResfriStore  *store,
                              gint64        calendar_id,
                              const char   *href,
                              const char   *etag,
                              const char   *ical,
                              GArray       *copies,
                              GArray       *reservations,
                              GHashTable   *touched,
                              gint64       *resource_id,
                              GError      **error)
{
  sqlite3_stmt *stmt;
  gint64 id;

  if (!_resfri_sources_delete_resource (store, calendar_id, href, touched, error))
    return FALSE;

  stmt = _resfri_store_prepare (store,
                                "INSERT INTO sync_resources (calendar_id, href, etag, ical)"
                                " VALUES (?1, ?2, ?3, ?4)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, calendar_id);
  bind_text_or_null (stmt, 2, href);
  bind_text_or_null (stmt, 3, etag);
  sqlite3_bind_text (stmt, 4, ical, -1, SQLITE_STATIC);
  if (!_resfri_store_step_done (store, stmt, _("Cannot store a resource"), error))
    return FALSE;
  id = sqlite3_last_insert_rowid (_resfri_store_get_db (store));
  *resource_id = id;

  /* Two VEVENTs of one key in a resource: which one the text is, the
   * parse says (text NULL). */
  stmt = _resfri_store_prepare (store,
                                "INSERT INTO sync_copies (resource_id, uid, recurrence_id,"
                                "  organizer, sequence, stamp, text_start, text_length)"
                                " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"
                                " ON CONFLICT DO UPDATE SET sequence = max (sequence, excluded.sequence),"
                                "  text_start = NULL, text_length = NULL",
                                error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < copies->len; i++)
    {
      const ResfriSyncCopy *copy = &g_array_index (copies, ResfriSyncCopy, i);

      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_text (stmt, 2, copy->uid, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, copy->recurrence_id, -1, SQLITE_STATIC);
      sqlite3_bind_int (stmt, 4, copy->organizer ? 1 : 0);
      sqlite3_bind_int64 (stmt, 5, copy->sequence);
      sqlite3_bind_int64 (stmt, 6, copy->stamp);
      if (copy->text_start >= 0)
        {
          sqlite3_bind_int64 (stmt, 7, copy->text_start);
          sqlite3_bind_int64 (stmt, 8, copy->text_length);
        }
      else
        {
          sqlite3_bind_null (stmt, 7);
          sqlite3_bind_null (stmt, 8);
        }
      if (!_resfri_store_step_done (store, stmt, _("Cannot store a resource"), error))
        return FALSE;
      add_key (touched, copy->uid, copy->recurrence_id);
    }

  if (reservations == NULL || reservations->len == 0)
    return TRUE;
  stmt = _resfri_store_prepare (store,
                                "INSERT INTO sync_reservations (resource_id, uid, recurrence_id,"
                                "  summary, start, end) VALUES (?1, ?2, ?3, ?4, ?5, ?6)", error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < reservations->len; i++)
    {
      const ResfriSyncReservation *reservation = &g_array_index (reservations,
                                                                 ResfriSyncReservation, i);

      sqlite3_reset (stmt);
      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_text (stmt, 2, reservation->uid, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, reservation->recurrence_id, -1, SQLITE_STATIC);
      bind_text_or_null (stmt, 4, reservation->summary);
      sqlite3_bind_int64 (stmt, 5, reservation->start);
      sqlite3_bind_int64 (stmt, 6, reservation->end);
      if (!_resfri_store_step_done (store, stmt, _("Cannot store a resource"), error))
        return FALSE;
    }

  return TRUE;
}

gboolean
_resfri_sources_clear_resources (ResfriStore  *store,
                                 gint64        source_id,
                                 gint64        calendar_id,
                                 GHashTable   *touched,
                                 GError      **error)
{
  sqlite3_stmt *stmt;

  if (calendar_id >= 0)
    {
      if (!collect_keys (store,
                         "SELECT uid, recurrence_id FROM sync_copies JOIN sync_resources r"
                         " ON r.id = resource_id WHERE r.calendar_id = ?1",
                         calendar_id, touched, error))
        return FALSE;
      stmt = _resfri_store_prepare (store, "DELETE FROM sync_resources WHERE calendar_id = ?1",
                                    error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, calendar_id);
    }
  else
    {
      if (!collect_keys (store,
                         "SELECT uid, recurrence_id FROM sync_copies JOIN sync_resources r"
                         " ON r.id = resource_id JOIN sync_calendars c ON c.id = r.calendar_id"
                         " WHERE c.source_id = ?1",
                         source_id, touched, error))
        return FALSE;
      stmt = _resfri_store_prepare (store,
                                    "DELETE FROM sync_resources WHERE calendar_id IN"
                                    " (SELECT id FROM sync_calendars WHERE source_id = ?1)",
                                    error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, source_id);
    }

  return _resfri_store_step_done (store, stmt, _("Cannot remove the resources of a calendar"),
                                  error);
}

gboolean
_resfri_sources_find_winner (ResfriStore  *store,
                             const char   *uid,
                             const char   *recurrence_id,
                             gint64       *resource_id,
                             char        **href,
                             char        **ical,
                             gint64       *text_start,
                             gint64       *text_length,
                             GError      **error)
{
  sqlite3_stmt *stmt;
  gboolean found = FALSE;
  int best_organizer = 0;
  gint64 best_sequence = 0;
  gint64 best_stamp = 0;
  int rc;

  /* The copies (a handful) compared here rather than sorted by sqlite,
   * which would open a temporary b-tree a call; the winner's text read
   * after. */
  stmt = _resfri_store_prepare (store,
                                "SELECT p.resource_id, coalesce (p.text_start, -1),"
                                "  coalesce (p.text_length, -1), p.organizer, p.sequence, p.stamp"
                                " FROM sync_copies p"
                                " JOIN sync_resources r ON r.id = p.resource_id"
                                " JOIN sync_calendars c ON c.id = r.calendar_id"
                                " WHERE p.uid = ?1 AND p.recurrence_id = ?2 AND c.following", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, uid, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, recurrence_id, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      int organizer = sqlite3_column_int (stmt, 3);
      gint64 sequence = sqlite3_column_int64 (stmt, 4);
      gint64 stamp = sqlite3_column_int64 (stmt, 5);

      /* The organiser's, else the highest SEQUENCE, then the latest
       * stamp, then the oldest resource. */
      if (found && (organizer != best_organizer ? organizer < best_organizer :
                    sequence != best_sequence ? sequence < best_sequence :
                    stamp != best_stamp ? stamp < best_stamp : id > *resource_id))
        continue;
      found = TRUE;
      best_organizer = organizer;
      best_sequence = sequence;
      best_stamp = stamp;
      *resource_id = id;
      *text_start = sqlite3_column_int64 (stmt, 1);
      *text_length = sqlite3_column_int64 (stmt, 2);
    }
  if (rc == SQLITE_DONE && found)
    rc = SQLITE_ROW;
  if (rc == SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      if (!(stmt = _resfri_store_prepare (store, "SELECT href, ical FROM sync_resources"
                                                 " WHERE id = ?1", error)))
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, *resource_id);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          *href = _resfri_store_dup_column (stmt, 0);
          *ical = _resfri_store_dup_column (stmt, 1);
        }
    }
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    _resfri_store_set_error (store, error, _("Cannot read the copies of a meeting"));
  sqlite3_reset (stmt);
  return rc == SQLITE_ROW;
}

/* Resfri's bookings on the server (resfri-server-bookings.c) */

gboolean
_resfri_sources_find_resource_calendar (ResfriStore  *store,
                                        const char   *role,
                                        const char   *target,
                                        gint64       *source_id,
                                        gint64       *calendar_id,
                                        char        **href,
                                        GError      **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = _resfri_store_prepare (store,
                                "SELECT c.source_id, c.id, c.href FROM sync_calendars c"
                                " JOIN sync_sources s ON s.id = c.source_id"
                                " WHERE c.following = 1 AND s.kind = 'caldav' AND c.role = ?1"
                                "   AND c.target = ?2 COLLATE NOCASE ORDER BY c.id LIMIT 1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, role, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, target, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *source_id = sqlite3_column_int64 (stmt, 0);
      *calendar_id = sqlite3_column_int64 (stmt, 1);
      *href = _resfri_store_dup_column (stmt, 2);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      _resfri_store_set_error (store, error, _("Cannot read the calendars of the sources"));
      return FALSE;
    }
  *calendar_id = rc == SQLITE_ROW ? *calendar_id : -1;
  return TRUE;
}

gboolean
_resfri_sources_put_booking (ResfriStore  *store,
                             gint64        booking_id,
                             gint64        calendar_id,
                             const char   *href,
                             const char   *etag,
                             GError      **error)
{
  sqlite3_stmt *stmt;

  stmt = _resfri_store_prepare (store,
                                "INSERT OR REPLACE INTO sync_bookings (booking_id, calendar_id, href, etag)"
                                " VALUES (?1, ?2, ?3, ?4)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, booking_id);
  sqlite3_bind_int64 (stmt, 2, calendar_id);
  sqlite3_bind_text (stmt, 3, href, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, etag, -1, SQLITE_TRANSIENT);
  return _resfri_store_step_done (store, stmt, _("Cannot store where a booking is on the server"),
                                  error);
}

gboolean
_resfri_sources_get_booking (ResfriStore  *store,
                             gint64        booking_id,
                             gint64       *source_id,
                             char        **calendar_href,
                             char        **href,
                             char        **etag,
                             GError      **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = _resfri_store_prepare (store,
                                "SELECT c.source_id, c.href, b.href, b.etag FROM sync_bookings b"
                                " JOIN sync_calendars c ON c.id = b.calendar_id"
                                " WHERE b.booking_id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, booking_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *source_id = sqlite3_column_int64 (stmt, 0);
      *calendar_href = _resfri_store_dup_column (stmt, 1);
      *href = _resfri_store_dup_column (stmt, 2);
      *etag = _resfri_store_dup_column (stmt, 3);
    }
  sqlite3_reset (stmt);
  if (rc == SQLITE_ROW)
    return TRUE;
  if (rc == SQLITE_DONE)
    {
      g_autofree char *id_text = g_strdup_printf ("%" G_GINT64_FORMAT, booking_id);

      g_set_error (error, RESFRI_ERROR, RESFRI_ERROR_NOT_FOUND,
                   _("Booking %s is not on a server"), id_text);
    }
  else
    _resfri_store_set_error (store, error, _("Cannot read where a booking is on the server"));
  return FALSE;
}

char *
_resfri_sources_dup_booking_href (ResfriStore *store,
                                  gint64       booking_id)
{
  sqlite3_stmt *stmt;
  char *href = NULL;

  stmt = _resfri_store_prepare (store, "SELECT href FROM sync_bookings WHERE booking_id = ?1", NULL);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, booking_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    href = _resfri_store_dup_column (stmt, 0);
  sqlite3_reset (stmt);
  return href;
}

gboolean
_resfri_sources_delete_booking (ResfriStore  *store,
                                gint64        booking_id,
                                GError      **error)
{
  sqlite3_stmt *stmt;

  stmt = _resfri_store_prepare (store, "DELETE FROM sync_bookings WHERE booking_id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, booking_id);
  return _resfri_store_step_done (store, stmt, _("Cannot forget where a booking is on the server"),
                                  error);
}

gboolean
resfri_sources_fill_server_hrefs (ResfriStore  *store,
                                  GPtrArray    *bookings,
                                  GError      **error)
{
  g_autoptr(GHashTable) index = g_hash_table_new (g_int64_hash, g_int64_equal);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (RESFRI_IS_STORE (store), FALSE);
  g_return_val_if_fail (bookings != NULL, FALSE);

  for (guint i = 0; i < bookings->len; i++)
    {
      ResfriBooking *booking = g_ptr_array_index (bookings, i);

      if (booking->id > 0)
        g_hash_table_insert (index, &booking->id, booking);
    }
  if (g_hash_table_size (index) == 0)
    return TRUE;

  if (!(stmt = _resfri_store_prepare (store, "SELECT booking_id, href FROM sync_bookings", error)))
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      ResfriBooking *booking = g_hash_table_lookup (index, &id);

      if (booking != NULL)
        {
          g_free (booking->server_href);
          booking->server_href = _resfri_store_dup_column (stmt, 1);
        }
    }
  if (rc != SQLITE_DONE)
    {
      _resfri_store_set_error (store, error, _("Cannot read where a booking is on the server"));
      sqlite3_reset (stmt);
      return FALSE;
    }
  sqlite3_reset (stmt);

  return TRUE;
}

/* What the followed room, item and pool calendars reserve (bookings/) */

/* The meetings a followed calendar of role @ROLE holds (its copies), then
 * its other events (sync_reservations), of the room, item or pool of
 * @JOINS (@ID its row id: a pool's is its site's). The occurrences come
 * last (CROSS JOIN keeps that order): left to the planner it walked every
 * occurrence before ?3 first, 2 s of CPU on the 60,000-employee demo
 * without a followed calendar. */
#define RESERVATIONS_SQL(ROLE, ID, RESOURCE, TYPE, JOINS) \
  "SELECT " ID ", " RESOURCE ", " TYPE ", s.code, o.uid, o.recurrence_id, m.summary, o.start, o.end" \
  "  FROM sync_calendars c " JOINS \
  "  JOIN sync_resources sr ON sr.calendar_id = c.id" \
  "  JOIN sync_copies p ON p.resource_id = sr.id" \
  "  JOIN meetings m ON m.uid = p.uid AND m.recurrence_id = p.recurrence_id" \
  "  CROSS JOIN occurrences o ON o.meeting_id = m.id" \
  " WHERE c.following = 1 AND c.role = '" ROLE "' AND (?1 = 0 OR " ID " = ?1)" \
  "   AND o.start < ?3 AND ?2 < o.end AND o.cancelled = 0 AND o.end > o.start" \
  " UNION" \
  " SELECT " ID ", " RESOURCE ", " TYPE ", s.code, x.uid, x.recurrence_id, x.summary, x.start, x.end" \
  "  FROM sync_calendars c " JOINS \
  "  JOIN sync_resources sr ON sr.calendar_id = c.id" \
  "  JOIN sync_reservations x ON x.resource_id = sr.id" \
  " WHERE c.following = 1 AND c.role = '" ROLE "' AND (?1 = 0 OR " ID " = ?1)" \
  "   AND x.start < ?3 AND ?2 < x.end" \
  " ORDER BY 8, 2, 5, 6"

gboolean
_resfri_sources_read_reservations (ResfriStore  *store,
                                   gboolean      room,
                                   gint64        id,
                                   gint64        from,
                                   gint64        to,
                                   GPtrArray    *into,
                                   GArray       *ids,
                                   GError      **error)
{
  static const char room_sql[] =
    RESERVATIONS_SQL ("room", "r.id", "r.code", "NULL",
                      "JOIN rooms r ON r.code = c.target COLLATE NOCASE"
                      " JOIN sites s ON s.id = r.site_id");
  static const char item_sql[] =
    RESERVATIONS_SQL ("item", "r.id", "r.tag", "t.name",
                      "JOIN equipment r ON r.tag = c.target COLLATE NOCASE"
                      " JOIN equipment_types t ON t.id = r.type_id"
                      " JOIN sites s ON s.id = r.site_id");

  return _resfri_bookings_read_reservation_rows (store, room ? room_sql : item_sql,
                                                 room ? RESFRI_BOOKING_ROOM : RESFRI_BOOKING_ITEM,
                                                 id, from, to, into, ids, error);
}

gboolean
_resfri_sources_read_pool_reservations (ResfriStore  *store,
                                        gint64        site_id,
                                        gint64        from,
                                        gint64        to,
                                        GPtrArray    *into,
                                        GArray       *site_ids,
                                        GError      **error)
{
  /* The target is SITE/TYPE: the site's code and the type's name. */
  static const char pool_sql[] =
    RESERVATIONS_SQL ("pool", "s.id", "s.code || '/' || t.name", "t.name",
                      "JOIN sites s"
                      "  ON s.code = substr (c.target, 1, instr (c.target, '/') - 1) COLLATE NOCASE"
                      " JOIN equipment_types t"
                      "  ON t.name = substr (c.target, instr (c.target, '/') + 1) COLLATE NOCASE");

  return _resfri_bookings_read_reservation_rows (store, pool_sql, RESFRI_BOOKING_ITEM, site_id,
                                                 from, to, into, site_ids, error);
}

/* Reconciling Resfri's bookings with the server, and the organiser's copy
 * of a meeting (resfri-server-bookings.c, resfri-organiser-event.c) */

static gboolean
read_ids (ResfriStore   *store,
          sqlite3_stmt  *stmt,
          GArray        *ids,
          GError       **error)
{
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _resfri_store_set_error (store, error, _("Cannot read where a booking is on the server"));
      return FALSE;
    }
  return TRUE;
}

gboolean
_resfri_sources_list_unpushed_bookings (ResfriStore  *store,
                                        gint64        now,
                                        GArray       *ids,
                                        GError      **error)
{
  sqlite3_stmt *stmt;

  stmt = _resfri_store_prepare (store,
                                "SELECT DISTINCT b.id FROM bookings b"
                                "  LEFT JOIN rooms r ON r.id = b.room_id"
                                "  LEFT JOIN equipment e ON e.id = b.equipment_id"
                                "  JOIN sync_calendars c ON c.following = 1"
                                "   AND ((b.room_id IS NOT NULL AND c.role = 'room'"
                                "         AND c.target = r.code COLLATE NOCASE)"
                                "     OR (b.equipment_id IS NOT NULL AND c.role = 'item'"
                                "         AND c.target = e.tag COLLATE NOCASE))"
                                "  JOIN sync_sources s ON s.id = c.source_id AND s.kind = 'caldav'"
                                " WHERE b.end > ?1"
                                "   AND NOT EXISTS (SELECT 1 FROM sync_bookings sb"
                                "                    WHERE sb.booking_id = b.id)"
                                " ORDER BY b.id", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, now);
  return read_ids (store, stmt, ids, error);
}

gboolean
_resfri_sources_list_orphan_bookings (ResfriStore  *store,
                                      GArray       *ids,
                                      GError      **error)
{
  sqlite3_stmt *stmt;

  stmt = _resfri_store_prepare (store,
                                "SELECT sb.booking_id FROM sync_bookings sb"
                                " WHERE NOT EXISTS (SELECT 1 FROM bookings b WHERE b.id = sb.booking_id)"
                                " ORDER BY sb.booking_id", error);
  if (stmt == NULL)
    return FALSE;
  return read_ids (store, stmt, ids, error);
}

gboolean
_resfri_sources_get_booking_target (ResfriStore  *store,
                                    gint64        booking_id,
                                    char        **role,
                                    char        **target,
                                    GError      **error)
{
  sqlite3_stmt *stmt;
  int rc;

  *role = *target = NULL;
  stmt = _resfri_store_prepare (store,
                                "SELECT c.role, c.target FROM sync_bookings b"
                                " JOIN sync_calendars c ON c.id = b.calendar_id"
                                " WHERE b.booking_id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, booking_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *role = _resfri_store_dup_column (stmt, 0);
      *target = _resfri_store_dup_column (stmt, 1);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      _resfri_store_set_error (store, error, _("Cannot read where a booking is on the server"));
      return FALSE;
    }
  return TRUE;
}

gboolean
_resfri_sources_find_organiser_copy (ResfriStore  *store,
                                     const char   *uid,
                                     gint64       *source_id,
                                     char        **href,
                                     GError      **error)
{
  sqlite3_stmt *stmt;
  int rc;

  *href = NULL;
  stmt = _resfri_store_prepare (store,
                                "SELECT c.source_id, r.href FROM sync_copies p"
                                " JOIN sync_resources r ON r.id = p.resource_id"
                                " JOIN sync_calendars c ON c.id = r.calendar_id"
                                " JOIN sync_sources s ON s.id = c.source_id"
                                " WHERE p.uid = ?1 AND p.organizer = 1 AND c.following = 1"
                                "   AND s.kind = 'caldav'"
                                " ORDER BY p.recurrence_id = '' DESC, r.id LIMIT 1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, uid, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *source_id = sqlite3_column_int64 (stmt, 0);
      *href = _resfri_store_dup_column (stmt, 1);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      _resfri_store_set_error (store, error, _("Cannot read the copies of a meeting"));
      return FALSE;
    }
  return TRUE;
}

gint64
_resfri_sources_count_room_bookings (ResfriStore  *store,
                                     const char   *uid,
                                     const char   *recurrence_id,
                                     const char   *room,
                                     GError      **error)
{
  sqlite3_stmt *stmt;
  gint64 n = -1;

  stmt = _resfri_store_prepare (store,
                                "SELECT count (*) FROM bookings b JOIN rooms r ON r.id = b.room_id"
                                " WHERE b.uid = ?1 AND (?2 IS NULL OR b.recurrence_id = ?2)"
                                "   AND r.code = ?3 COLLATE NOCASE", error);
  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, uid, -1, SQLITE_TRANSIENT);
  if (recurrence_id != NULL)
    sqlite3_bind_text (stmt, 2, recurrence_id, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, 2);
  sqlite3_bind_text (stmt, 3, room, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  else
    _resfri_store_set_error (store, error, _("Cannot read the bookings"));
  sqlite3_reset (stmt);
  return n;
}

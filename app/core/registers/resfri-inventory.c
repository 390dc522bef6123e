/* resfri-inventory.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "resfri-audit-private.h"
#include "resfri-inventory-private.h"
#include "resfri-registers-private.h"
#include "resfri-store-private.h"

static const char * const state_names[] = { "ok", "broken", "retired" };
static const char * const state_labels[] = { N_("ok"), N_("broken"), N_("retired") };

static const char * const action_names[] = {
  "added", "assigned", "returned", "state", "moved", "edited",
};
static const char * const action_labels[] = {
  N_("added"), N_("assigned"), N_("returned"), N_("state changed"), N_("moved"), N_("edited"),
};

G_STATIC_ASSERT (G_N_ELEMENTS (state_names) == RESFRI_ITEM_STATE_RETIRED + 1);
G_STATIC_ASSERT (G_N_ELEMENTS (state_labels) == G_N_ELEMENTS (state_names));
G_STATIC_ASSERT (G_N_ELEMENTS (action_names) == RESFRI_ITEM_ACTION_EDITED + 1);
G_STATIC_ASSERT (G_N_ELEMENTS (action_labels) == G_N_ELEMENTS (action_names));

G_DEFINE_BOXED_TYPE (ResfriItem, resfri_item, resfri_item_copy, resfri_item_free)
G_DEFINE_BOXED_TYPE (ResfriItemEvent, resfri_item_event, resfri_item_event_copy,
                     resfri_item_event_free)

/* What the mutating calls need besides the public view of the row. */
typedef struct
{
  gint64 id;
  gint64 owner_id;   /* 0 when none */
  gint64 site_id;
} ItemKeys;

static const char *
column_text (sqlite3_stmt *stmt,
             int           column)
{
  return (const char *) sqlite3_column_text (stmt, column);
}

/* The row of @tag, or NULL with NOT_FOUND. */
static ResfriItem *
lookup_item (ResfriStore  *store,
             const char   *tag,
             ItemKeys     *keys,
             GError      **error)
{
  static const char sql[] =
    "SELECT e.id, e.owner_id, e.site_id, e.tag, t.name, s.code, p.email, e.model, e.cost, e.state,"
    "  e.email"
    " FROM equipment e"
    " JOIN equipment_types t ON t.id = e.type_id"
    " JOIN sites s ON s.id = e.site_id"
    " LEFT JOIN people p ON p.id = e.owner_id"
    " WHERE e.tag = ?1";
  sqlite3_stmt *stmt;
  g_autoptr(ResfriItem) item = NULL;
  int rc;

  if (!(stmt = _resfri_store_prepare (store, sql, error)))
    return NULL;

  sqlite3_bind_text (stmt, 1, tag, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      sqlite3_reset (stmt);
      g_set_error (error, RESFRI_ERROR, RESFRI_ERROR_NOT_FOUND,
                   _("There is no item with the asset tag “%s”"), tag);
      return NULL;
    }
  if (rc != SQLITE_ROW)
    {
      _resfri_store_set_error (store, error, _("Cannot read an item"));
      sqlite3_reset (stmt);
      return NULL;
    }

  item = g_new0 (ResfriItem, 1);
  if (keys != NULL)
    {
      keys->id = sqlite3_column_int64 (stmt, 0);
      keys->owner_id = sqlite3_column_int64 (stmt, 1);
      keys->site_id = sqlite3_column_int64 (stmt, 2);
    }
  item->tag = _resfri_store_dup_column (stmt, 3);
  item->type = _resfri_store_dup_column (stmt, 4);
  item->site = _resfri_store_dup_column (stmt, 5);
  item->owner = _resfri_store_dup_column (stmt, 6);
  item->model = _resfri_store_dup_column (stmt, 7);
  item->cost = sqlite3_column_type (stmt, 8) == SQLITE_NULL ? NAN : sqlite3_column_double (stmt, 8);
  if (!resfri_item_state_from_string (column_text (stmt, 9), &item->state))
    item->state = RESFRI_ITEM_STATE_OK;   /* the CHECK constraint rules this out */
  item->email = _resfri_store_dup_column (stmt, 10);
  sqlite3_reset (stmt);

  return g_steal_pointer (&item);
}

/* The id of a row found by one text key; 0 and @error when missing. */
static gint64
lookup_id (ResfriStore  *store,
           const char   *sql,
           const char   *key,
           gint64       *extra,
           GError      **error)
{
  sqlite3_stmt *stmt;
  gint64 id = 0;
  int rc;

  if (!(stmt = _resfri_store_prepare (store, sql, error)))
    return -1;

  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      id = sqlite3_column_int64 (stmt, 0);
      if (extra != NULL)
        *extra = sqlite3_column_int64 (stmt, 1);
    }
  else if (rc != SQLITE_DONE)
    {
      _resfri_store_set_error (store, error, NULL);
      id = -1;
    }
  sqlite3_reset (stmt);

  return id;
}

static gint64
lookup_type (ResfriStore  *store,
             const char   *type,
             GError      **error)
{
  g_autofree char *known = NULL;
  sqlite3_stmt *stmt;
  gint64 id;

  id = lookup_id (store, "SELECT id FROM equipment_types WHERE name = ?1", type, NULL, error);
  if (id != 0)
    return id;

  if (!(stmt = _resfri_store_prepare (store,
                                      "SELECT group_concat (name, ', ')"
                                      " FROM (SELECT name FROM equipment_types ORDER BY id)",
                                      error)))
    return -1;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    known = _resfri_store_dup_column (stmt, 0);
  sqlite3_reset (stmt);

  g_set_error (error, RESFRI_ERROR, RESFRI_ERROR_NOT_FOUND,
               _("There is no equipment type “%s” (known types: %s; a type is added by "
                 "giving it a unit price)"),
               type, known ? known : "");
  return -1;
}

static gint64
lookup_site (ResfriStore  *store,
             const char   *code,
             GError      **error)
{
  gint64 id = lookup_id (store, "SELECT id FROM sites WHERE code = ?1", code, NULL, error);

  if (id == 0)
    {
      g_set_error (error, RESFRI_ERROR, RESFRI_ERROR_NOT_FOUND,
                   _("There is no site with the code “%s”"), code);
      return -1;
    }

  return id;
}

/* The person's id and home site. */
static gint64
lookup_person (ResfriStore  *store,
               const char   *email,
               gint64       *home_site_id,
               GError      **error)
{
  gint64 id = lookup_id (store, "SELECT id, site_id FROM people WHERE email = ?1",
                         email, home_site_id, error);

  if (id == 0)
    {
      g_set_error (error, RESFRI_ERROR, RESFRI_ERROR_NOT_FOUND,
                   _("There is no person with the email “%s”"), email);
      return -1;
    }

  return id;
}

/* @empty_message is a full sentence: fragments do not translate. */
static gboolean
check_text (const char  *value,
            const char  *empty_message,
            GError     **error)
{
  if (value == NULL || *value == '\0')
    {
      g_set_error_literal (error, RESFRI_ERROR, RESFRI_ERROR_INVALID_INPUT, empty_message);
      return FALSE;
    }

  if (!g_utf8_validate (value, -1, NULL))
    {
      g_set_error_literal (error, RESFRI_ERROR, RESFRI_ERROR_INVALID_INPUT,
                           _("A value is not valid UTF-8 text"));
      return FALSE;
    }

  return TRUE;
}

static gboolean
update_item (ResfriStore  *store,
             const char   *sql,
             gint64        id,
             gint64        value,
             GError      **error)
{
  sqlite3_stmt *stmt;

  if (!(stmt = _resfri_store_prepare (store, sql, error)))
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, id);
  if (value > 0)
    sqlite3_bind_int64 (stmt, 2, value);
  else
    sqlite3_bind_null (stmt, 2);

  return _resfri_store_step_done (store, stmt, _("Cannot change an item"), error);
}

/* Runs in the transaction; on failure the caller rolls back. */
static ResfriItem *
add_in_transaction (ResfriStore  *store,
                    const char   *tag,
                    const char   *type,
                    const char   *site,
                    const char   *owner,
                    const char   *model,
                    double        cost,
                    const char   *email,
                    GError      **error)
{
  sqlite3_stmt *stmt;
  gint64 type_id;
  gint64 site_id;
  gint64 owner_id = 0;
  gint64 existing;

  existing = lookup_id (store, "SELECT id FROM equipment WHERE tag = ?1", tag, NULL, error);
  if (existing < 0)
    return NULL;
  if (existing > 0)
    {
      g_set_error (error, RESFRI_ERROR, RESFRI_ERROR_CONFLICT,
                   _("An item with the asset tag “%s” already exists"), tag);
      return NULL;
    }

  if ((type_id = lookup_type (store, type, error)) < 0 ||
      (site_id = lookup_site (store, site, error)) < 0)
    return NULL;

  if (owner != NULL && (owner_id = lookup_person (store, owner, NULL, error)) < 0)
    return NULL;

  if (email != NULL)
    {
      existing = lookup_id (store, "SELECT id FROM equipment WHERE email = ?1", email, NULL,
                            error);
      if (existing < 0)
        return NULL;
      if (existing > 0)
        {
          /* Translators: an item's email address. */
          g_set_error (error, RESFRI_ERROR, RESFRI_ERROR_CONFLICT,
                       _("Another item already has the address “%s”"), email);
          return NULL;
        }
    }

  if (!(stmt = _resfri_store_prepare (store,
                                      "INSERT INTO equipment"
                                      " (tag, type_id, site_id, owner_id, model, cost, email)"
                                      " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                                      error)))
    return NULL;

  sqlite3_bind_text (stmt, 1, tag, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, type_id);
  sqlite3_bind_int64 (stmt, 3, site_id);
  if (owner_id > 0)
    sqlite3_bind_int64 (stmt, 4, owner_id);
  if (model != NULL)
    sqlite3_bind_text (stmt, 5, model, -1, SQLITE_TRANSIENT);
  if (!isnan (cost))
    sqlite3_bind_double (stmt, 6, cost);
  if (email != NULL)
    sqlite3_bind_text (stmt, 7, email, -1, SQLITE_TRANSIENT);

  if (!_resfri_store_step_done (store, stmt, _("Cannot add the item"), error))
    return NULL;

  return lookup_item (store, tag, NULL, error);
}

static ResfriItem *
assign_in_transaction (ResfriStore  *store,
                       const char   *tag,
                       const char   *email,
                       GError      **error)
{
  g_autoptr(ResfriItem) item = NULL;
  ItemKeys keys = { 0 };
  gint64 person_id;
  gint64 home_site_id = 0;

  if (!(item = lookup_item (store, tag, &keys, error)))
    return NULL;

  if ((person_id = lookup_person (store, email, &home_site_id, error)) < 0)
    return NULL;

  if (item->state == RESFRI_ITEM_STATE_RETIRED)
    {
      g_set_error (error, RESFRI_ERROR, RESFRI_ERROR_CONFLICT,
                   _("Item “%s” is retired and cannot be assigned"), tag);
      return NULL;
    }

  if (keys.owner_id != 0 && keys.owner_id != person_id)
    {
      /* The message names the holder for the user; it is never logged. */
      g_set_error (error, RESFRI_ERROR, RESFRI_ERROR_CONFLICT,
                   _("Item “%s” belongs to %s, who must return it first"), tag, item->owner);
      return NULL;
    }

  /* Two statements, so that the history reads "assigned" then "moved":
   * the triggers of one UPDATE of both columns fire in no stated order. */
  if (keys.owner_id != person_id &&
      !update_item (store, "UPDATE equipment SET owner_id = ?2 WHERE id = ?1",
                    keys.id, person_id, error))
    return NULL;

  /* A personal item follows its holder. */
  if (keys.site_id != home_site_id &&
      !update_item (store, "UPDATE equipment SET site_id = ?2 WHERE id = ?1",
                    keys.id, home_site_id, error))
    return NULL;

  return lookup_item (store, tag, NULL, error);
}

static ResfriItem *
return_in_transaction (ResfriStore  *store,
                       const char   *tag,
                       GError      **error)
{
  g_autoptr(ResfriItem) item = NULL;
  ItemKeys keys = { 0 };

  if (!(item = lookup_item (store, tag, &keys, error)))
    return NULL;

  if (keys.owner_id == 0)
    {
      g_set_error (error, RESFRI_ERROR, RESFRI_ERROR_CONFLICT,
                   _("Item “%s” has no holder: it is already in the loan pool of site “%s”"),
                   tag, item->site);
      return NULL;
    }

  if (!update_item (store, "UPDATE equipment SET owner_id = ?2 WHERE id = ?1", keys.id, 0, error))
    return NULL;

  return lookup_item (store, tag, NULL, error);
}

static ResfriItem *
set_state_in_transaction (ResfriStore      *store,
                          const char       *tag,
                          ResfriItemState   state,
                          GError          **error)
{
  g_autoptr(ResfriItem) item = NULL;
  ItemKeys keys = { 0 };
  sqlite3_stmt *stmt;

  if (!(item = lookup_item (store, tag, &keys, error)))
    return NULL;

  if (item->state == state)
    return g_steal_pointer (&item);

  if (!(stmt = _resfri_store_prepare (store, "UPDATE equipment SET state = ?2 WHERE id = ?1",
                                      error)))
    return NULL;

  sqlite3_bind_int64 (stmt, 1, keys.id);
  sqlite3_bind_text (stmt, 2, state_names[state], -1, SQLITE_STATIC);
  if (!_resfri_store_step_done (store, stmt, _("Cannot change an item"), error))
    return NULL;

  return lookup_item (store, tag, NULL, error);
}

static ResfriItem *
edit_in_transaction (ResfriStore  *store,
                     const char   *tag,
                     const char   *new_tag,
                     const char   *type,
                     const char   *site,
                     const char   *model,
                     double        cost,
                     GError      **error)
{
  g_autoptr(ResfriItem) item = NULL;
  ItemKeys keys = { 0 };
  sqlite3_stmt *stmt;
  gint64 type_id;
  gint64 site_id;

  if (!(item = lookup_item (store, tag, &keys, error)))
    return NULL;

  if (g_strcmp0 (tag, new_tag) != 0)
    {
      gint64 existing = lookup_id (store, "SELECT id FROM equipment WHERE tag = ?1",
                                   new_tag, NULL, error);

      if (existing < 0)
        return NULL;
      if (existing > 0)
        {
          g_set_error (error, RESFRI_ERROR, RESFRI_ERROR_CONFLICT,
                       _("An item with the asset tag “%s” already exists"), new_tag);
          return NULL;
        }
    }

  if ((type_id = lookup_type (store, type, error)) < 0 ||
      (site_id = lookup_site (store, site, error)) < 0)
    return NULL;

  /* A personal item is where its holder is: it moves with them. */
  if (keys.owner_id != 0 && site_id != keys.site_id)
    {
      g_set_error (error, RESFRI_ERROR, RESFRI_ERROR_CONFLICT,
                   _("Item “%s” is personal equipment and is at its holder’s site; "
                     "return it before moving it"), tag);
      return NULL;
    }

  if (!(stmt = _resfri_store_prepare (store,
                                      "UPDATE equipment SET tag = ?2, type_id = ?3, model = ?4,"
                                      " cost = ?5 WHERE id = ?1",
                                      error)))
    return NULL;

  sqlite3_bind_int64 (stmt, 1, keys.id);
  sqlite3_bind_text (stmt, 2, new_tag, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, type_id);
  if (model != NULL)
    sqlite3_bind_text (stmt, 4, model, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, 4);
  if (!isnan (cost))
    sqlite3_bind_double (stmt, 5, cost);
  else
    sqlite3_bind_null (stmt, 5);
  if (!_resfri_store_step_done (store, stmt, _("Cannot change an item"), error))
    return NULL;

  /* A separate statement, so that the history reads "edited" then "moved". */
  if (site_id != keys.site_id &&
      !update_item (store, "UPDATE equipment SET site_id = ?2 WHERE id = ?1",
                    keys.id, site_id, error))
    return NULL;

  return lookup_item (store, new_tag, NULL, error);
}

/* Ends the transaction the caller began: records @action on the item in
 * the audit log (its tag; the detail its type, site or state, never its
 * holder) and commits when @result is an item, rolls back when it is NULL
 * (its producer then set @error) or the log cannot be written. */
static ResfriItem *
finish_transaction (ResfriStore  *store,
                    ResfriItem   *result,
                    const char   *action,
                    GError      **error)
{
  g_autoptr(ResfriItem) item = result;
  const char *detail = NULL;

  if (item != NULL)
    {
      if (strcmp (action, "item-add") == 0 || strcmp (action, "item-edit") == 0)
        detail = item->type;
      else if (strcmp (action, "item-state") == 0)
        detail = resfri_item_state_to_string (item->state);
      else
        detail = item->site;
    }
  if (item == NULL || !_resfri_audit_record (store, action, "item", item->tag, detail, error))
    {
      _resfri_store_rollback (store);
      return NULL;
    }

  if (!_resfri_store_commit (store, error))
    return NULL;

  return g_steal_pointer (&item);
}

/* Public API */

ResfriItem *
resfri_item_copy (const ResfriItem *item)
{
  ResfriItem *copy;

  g_return_val_if_fail (item != NULL, NULL);

  copy = g_new0 (ResfriItem, 1);
  copy->tag = g_strdup (item->tag);
  copy->type = g_strdup (item->type);
  copy->site = g_strdup (item->site);
  copy->owner = g_strdup (item->owner);
  copy->model = g_strdup (item->model);
  copy->email = g_strdup (item->email);
  copy->cost = item->cost;
  copy->state = item->state;

  return copy;
}

void
resfri_item_free (ResfriItem *item)
{
  if (item == NULL)
    return;

  g_free (item->tag);
  g_free (item->type);
  g_free (item->site);
  g_free (item->owner);
  g_free (item->model);
  g_free (item->email);
  g_free (item);
}

ResfriItemEvent *
resfri_item_event_copy (const ResfriItemEvent *event)
{
  ResfriItemEvent *copy;

  g_return_val_if_fail (event != NULL, NULL);

  copy = g_new0 (ResfriItemEvent, 1);
  copy->at = event->at ? g_date_time_ref (event->at) : NULL;
  copy->action = event->action;
  copy->holder = g_strdup (event->holder);
  copy->site = g_strdup (event->site);
  copy->state = event->state;
  copy->detail = g_strdup (event->detail);

  return copy;
}

void
resfri_item_event_free (ResfriItemEvent *event)
{
  if (event == NULL)
    return;

  g_clear_pointer (&event->at, g_date_time_unref);
  g_free (event->holder);
  g_free (event->site);
  g_free (event->detail);
  g_free (event);
}

/**
 * resfri_item_state_to_string:
 *
 * Returns: the stored and machine-readable name ("ok", "broken", "retired")
 */
const char *
resfri_item_state_to_string (ResfriItemState state)
{
  g_return_val_if_fail (state <= RESFRI_ITEM_STATE_RETIRED, NULL);

  return state_names[state];
}

gboolean
resfri_item_state_from_string (const char      *text,
                               ResfriItemState *state)
{
  for (guint i = 0; i < G_N_ELEMENTS (state_names); i++)
    if (g_strcmp0 (text, state_names[i]) == 0)
      {
        if (state != NULL)
          *state = (ResfriItemState) i;
        return TRUE;
      }

  return FALSE;
}

/**
 * resfri_item_state_get_label:
 *
 * Returns: the state's translated name, for people
 */
const char *
resfri_item_state_get_label (ResfriItemState state)
{
  g_return_val_if_fail (state <= RESFRI_ITEM_STATE_RETIRED, NULL);

  return _(state_labels[state]);
}

const char *
resfri_item_action_to_string (ResfriItemAction action)
{
  g_return_val_if_fail (action <= RESFRI_ITEM_ACTION_EDITED, NULL);

  return action_names[action];
}

gboolean
resfri_item_action_from_string (const char       *text,
                                ResfriItemAction *action)
{
  for (guint i = 0; i < G_N_ELEMENTS (action_names); i++)
    if (g_strcmp0 (text, action_names[i]) == 0)
      {
        if (action != NULL)
          *action = (ResfriItemAction) i;
        return TRUE;
      }

  return FALSE;
}

const char *
resfri_item_action_get_label (ResfriItemAction action)
{
  g_return_val_if_fail (action <= RESFRI_ITEM_ACTION_EDITED, NULL);

  return _(action_labels[action]);
}

/**
 * resfri_inventory_get_item:
 * @tag: an asset tag
 *
 * Returns: (transfer full): the item, or %NULL with RESFRI_ERROR_NOT_FOUND
 */
ResfriItem *
resfri_inventory_get_item (ResfriStore  *store,
                           const char   *tag,
                           GError      **error)
{
  g_return_val_if_fail (RESFRI_IS_STORE (store), NULL);
  g_return_val_if_fail (tag != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return lookup_item (store, tag, NULL, error);
}

/* A purchase cost: NAN (unknown), or a finite number of SEK, 0 or more. */
static gboolean
check_cost (double   cost,
            GError **error)
{
  if (!isnan (cost) && (!isfinite (cost) || cost < 0))
    {
      g_set_error (error, RESFRI_ERROR, RESFRI_ERROR_INVALID_INPUT,
                   _("The cost must be a number of SEK, 0 or more"));
      return FALSE;
    }

  return TRUE;
}

/**
 * resfri_inventory_add:
 * @tag: the asset tag, unique
 * @type: an equipment type's name
 * @site: the code of the site the item is at
 * @owner: (nullable): the holder's email; %NULL puts the item in the loan
 *   pool of @site
 * @model: (nullable): the model
 * @cost: the purchase cost in SEK (at least 0), or NAN when unknown
 *
 * Adds an item in state ok. A duplicate tag is RESFRI_ERROR_CONFLICT; an
 * unknown type, site or person is RESFRI_ERROR_NOT_FOUND; an empty tag or a
 * negative cost is RESFRI_ERROR_INVALID_INPUT.
 *
 * Returns: (transfer full): the stored item, or %NULL with @error set
 */
ResfriItem *
resfri_inventory_add (ResfriStore  *store,
                      const char   *tag,
                      const char   *type,
                      const char   *site,
                      const char   *owner,
                      const char   *model,
                      double        cost,
                      GError      **error)
{
  return resfri_inventory_add_with_email (store, tag, type, site, owner, model, cost, NULL, error);
}

/**
 * resfri_inventory_add_with_email:
 * @email: (nullable): the item's own address, which a meeting's
 *   ATTENDEE;CUTYPE=RESOURCE names to reserve it; %NULL or "" for none
 *
 * resfri_inventory_add() with the item's address; another item's address
 * is RESFRI_ERROR_CONFLICT, one that is no address INVALID_INPUT.
 *
 * Returns: (transfer full): the stored item, or %NULL with @error set
 */
ResfriItem *
resfri_inventory_add_with_email (ResfriStore  *store,
                                 const char   *tag,
                                 const char   *type,
                                 const char   *site,
                                 const char   *owner,
                                 const char   *model,
                                 double        cost,
                                 const char   *email,
                                 GError      **error)
{
  g_return_val_if_fail (RESFRI_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_text (tag, _("The asset tag is empty"), error) ||
      !check_text (type, _("The equipment type is empty"), error) ||
      !check_text (site, _("The site code is empty"), error))
    return NULL;

  if (owner != NULL && *owner == '\0')
    owner = NULL;
  if (model != NULL && *model == '\0')
    model = NULL;
  if ((owner != NULL && !check_text (owner, _("The email is empty"), error)) ||
      (model != NULL && !check_text (model, _("The model is empty"), error)))
    return NULL;
  if (email != NULL && *email == '\0')
    email = NULL;
  if (email != NULL &&
      (strchr (email, '@') == NULL || email[0] == '@' || strchr (email, '@')[1] == '\0' ||
       strpbrk (email, " \t\r\n,;<>\"") != NULL))
    {
      /* Translators: what was given as an item's email address. */
      g_set_error (error, RESFRI_ERROR, RESFRI_ERROR_INVALID_INPUT,
                   _("“%s” is not an email address"), email);
      return NULL;
    }

  if (!check_cost (cost, error))
    return NULL;

  if (!_resfri_store_begin (store, error))
    return NULL;

  return finish_transaction (store,
                             add_in_transaction (store, tag, type, site, owner, model, cost, email,
                                                 error),
                             "item-add", error);
}

/**
 * resfri_inventory_edit:
 * @tag: the asset tag of the item to change
 * @new_tag: its asset tag after the change (@tag to keep it)
 * @type: its equipment type
 * @site: the code of its site
 * @model: (nullable): its model; %NULL or "" for none
 * @cost: its purchase cost in SEK (at least 0), or NAN when unknown
 *
 * Sets the details of an item: every one is written, so pass the current
 * value of those that do not change. The history records one "edited"
 * event naming what changed (and "moved" when the site changed). The
 * holder and the state are not details: see resfri_inventory_assign(),
 * resfri_inventory_return() and resfri_inventory_set_state(). Moving a
 * personal item to another site is refused with RESFRI_ERROR_CONFLICT (it
 * is at its holder's site), as is a @new_tag another item has; an unknown
 * item, type or site is RESFRI_ERROR_NOT_FOUND; an empty tag, type or site
 * or a negative cost is RESFRI_ERROR_INVALID_INPUT. Nothing changes on an
 * error.
 *
 * Returns: (transfer full): the item after the change, or %NULL with @error
 */
ResfriItem *
resfri_inventory_edit (ResfriStore  *store,
                       const char   *tag,
                       const char   *new_tag,
                       const char   *type,
                       const char   *site,
                       const char   *model,
                       double        cost,
                       GError      **error)
{
  g_return_val_if_fail (RESFRI_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_text (tag, _("The asset tag is empty"), error) ||
      !check_text (new_tag, _("The asset tag is empty"), error) ||
      !check_text (type, _("The equipment type is empty"), error) ||
      !check_text (site, _("The site code is empty"), error))
    return NULL;

  if (model != NULL && *model == '\0')
    model = NULL;
  if (model != NULL && !check_text (model, _("The model is empty"), error))
    return NULL;

  if (!check_cost (cost, error))
    return NULL;

  if (!_resfri_store_begin (store, error))
    return NULL;

  return finish_transaction (store,
                             edit_in_transaction (store, tag, new_tag, type, site, model, cost,
                                                  error),
                             "item-edit", error);
}

/**
 * resfri_inventory_assign:
 * @tag: an asset tag
 * @email: the person who gets the item
 *
 * Makes the item @email's personal equipment and moves it to that person's
 * home site. A retired item, or one that another person holds, is refused
 * with RESFRI_ERROR_CONFLICT; nothing changes then. Assigning an item to
 * its holder only moves it to the holder's home site if it is elsewhere.
 *
 * Returns: (transfer full): the item after the change, or %NULL with @error
 */
ResfriItem *
resfri_inventory_assign (ResfriStore  *store,
                         const char   *tag,
                         const char   *email,
                         GError      **error)
{
  g_return_val_if_fail (RESFRI_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_text (tag, _("The asset tag is empty"), error) ||
      !check_text (email, _("The email is empty"), error))
    return NULL;

  if (!_resfri_store_begin (store, error))
    return NULL;

  return finish_transaction (store, assign_in_transaction (store, tag, email, error),
                             "item-assign", error);
}

/**
 * resfri_inventory_return:
 * @tag: an asset tag
 *
 * Takes the item back from its holder into the loan pool of the site it is
 * at. An item without a holder is refused with RESFRI_ERROR_CONFLICT.
 *
 * Returns: (transfer full): the item after the change, or %NULL with @error
 */
ResfriItem *
resfri_inventory_return (ResfriStore  *store,
                         const char   *tag,
                         GError      **error)
{
  g_return_val_if_fail (RESFRI_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_text (tag, _("The asset tag is empty"), error))
    return NULL;

  if (!_resfri_store_begin (store, error))
    return NULL;

  return finish_transaction (store, return_in_transaction (store, tag, error), "item-return",
                             error);
}

/**
 * resfri_inventory_set_state:
 * @tag: an asset tag
 * @state: the new state
 *
 * Sets the item's state; setting the state it has changes nothing.
 *
 * Returns: (transfer full): the item after the change, or %NULL with @error
 */
ResfriItem *
resfri_inventory_set_state (ResfriStore      *store,
                            const char       *tag,
                            ResfriItemState   state,
                            GError          **error)
{
  g_return_val_if_fail (RESFRI_IS_STORE (store), NULL);
  g_return_val_if_fail (state <= RESFRI_ITEM_STATE_RETIRED, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_text (tag, _("The asset tag is empty"), error))
    return NULL;

  if (!_resfri_store_begin (store, error))
    return NULL;

  return finish_transaction (store, set_state_in_transaction (store, tag, state, error),
                             "item-state", error);
}

/**
 * resfri_inventory_get_history:
 * @tag: an asset tag
 *
 * The item's history as the database's triggers wrote it, oldest first.
 *
 * Returns: (transfer container) (element-type ResfriItemEvent): the
 *   entries, or %NULL with @error set (RESFRI_ERROR_NOT_FOUND for an
 *   unknown tag)
 */
GPtrArray *
resfri_inventory_get_history (ResfriStore  *store,
                              const char   *tag,
                              GError      **error)
{
  static const char sql[] =
    "SELECT at, action, owner_email, site_code, state, detail"
    " FROM equipment_history WHERE equipment_id = ?1 ORDER BY id";
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(ResfriItem) item = NULL;
  ItemKeys keys = { 0 };
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (RESFRI_IS_STORE (store), NULL);
  g_return_val_if_fail (tag != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!(item = lookup_item (store, tag, &keys, error)))
    return NULL;

  if (!(stmt = _resfri_store_prepare (store, sql, error)))
    return NULL;

  events = g_ptr_array_new_with_free_func ((GDestroyNotify) resfri_item_event_free);
  sqlite3_bind_int64 (stmt, 1, keys.id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(ResfriItemEvent) event = g_new0 (ResfriItemEvent, 1);

      event->at = g_date_time_new_from_unix_utc (sqlite3_column_int64 (stmt, 0));
      if (event->at == NULL ||
          !resfri_item_action_from_string (column_text (stmt, 1), &event->action) ||
          !resfri_item_state_from_string (column_text (stmt, 4), &event->state))
        {
          /* Only a hand-edited database gets here. */
          g_set_error (error, RESFRI_ERROR, RESFRI_ERROR_DATABASE,
                       _("The history of item “%s” holds an entry this version cannot read"), tag);
          sqlite3_reset (stmt);
          return NULL;
        }
      event->holder = _resfri_store_dup_column (stmt, 2);
      event->site = _resfri_store_dup_column (stmt, 3);
      event->detail = _resfri_store_dup_column (stmt, 5);
      g_ptr_array_add (events, g_steal_pointer (&event));
    }

  if (rc != SQLITE_DONE)
    {
      _resfri_store_set_error (store, error, _("Cannot read the history of an item"));
      sqlite3_reset (stmt);
      return NULL;
    }
  sqlite3_reset (stmt);

  return g_steal_pointer (&events);
}

/* Reads for the item list and the allocation (resfri-inventory-private.h) */

#define SELECT_ROWS \
  "SELECT e.tag, t.name, e.model, s.code, s.name, p.email, p.name, e.state," \
  "  coalesce (e.cost, 0)" \
  " FROM equipment e" \
  " JOIN equipment_types t ON t.id = e.type_id" \
  " JOIN sites s ON s.id = e.site_id" \
  " LEFT JOIN people p ON p.id = e.owner_id"

gboolean
_resfri_inventory_read_rows (ResfriStore             *store,
                             const char              *tag,
                             ResfriInventoryRowFunc   func,
                             gpointer                 user_data,
                             guint                   *n_rows,
                             GCancellable            *cancellable,
                             GError                 **error)
{
  sqlite3_stmt *stmt;
  guint n = 0;
  int rc;

  if (tag == NULL)
    stmt = _resfri_store_prepare (store, SELECT_ROWS " ORDER BY e.tag", error);
  else if ((stmt = _resfri_store_prepare (store, SELECT_ROWS " WHERE e.tag = ?1", error)) != NULL)
    sqlite3_bind_text (stmt, 1, tag, -1, SQLITE_TRANSIENT);
  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ResfriInventoryRow row = {
        .tag = column_text (stmt, 0),
        .type = column_text (stmt, 1),
        .model = column_text (stmt, 2),
        .site_code = column_text (stmt, 3),
        .site_name = column_text (stmt, 4),
        .owner_email = column_text (stmt, 5),
        .owner_name = column_text (stmt, 6),
        .state = column_text (stmt, 7),
        .cost = sqlite3_column_double (stmt, 8),
      };

      if (++n % 1024 == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          sqlite3_reset (stmt);
          return FALSE;
        }
      func (&row, user_data);
    }

  if (rc != SQLITE_DONE)
    {
      _resfri_store_set_error (store, error, _("Cannot read the inventory"));
      sqlite3_reset (stmt);
      return FALSE;
    }

  sqlite3_reset (stmt);
  if (n_rows != NULL)
    *n_rows = n;

  return TRUE;
}

gboolean
_resfri_inventory_read_loan_items (ResfriStore         *store,
                                   ResfriLoanItemFunc   func,
                                   gpointer             user_data,
                                   GError             **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = _resfri_store_prepare (store,
                                      "SELECT e.id, e.tag, e.site_id, t.name"
                                      "  FROM equipment e JOIN equipment_types t ON t.id = e.type_id"
                                      " WHERE e.owner_id IS NULL AND e.state = 'ok'"
                                      " ORDER BY e.id",
                                      error)))
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    func (sqlite3_column_int64 (stmt, 0), column_text (stmt, 1), sqlite3_column_int64 (stmt, 2),
          column_text (stmt, 3), user_data);
  if (rc != SQLITE_DONE)
    {
      _resfri_store_set_error (store, error, _("Could not read the equipment"));
      return FALSE;
    }

  return TRUE;
}

/* Reads for the follow-up */

/* A person's unit, and their own headset (1) and camera (2) in state ok. */
typedef struct
{
  gint64 id;
  gint64 unit_id;
  guint  kit;
} UnitPerson;

static int
unit_person_compare (gconstpointer a,
                     gconstpointer b)
{
  return (((const UnitPerson *) a)->unit_id > ((const UnitPerson *) b)->unit_id) -
         (((const UnitPerson *) a)->unit_id < ((const UnitPerson *) b)->unit_id);
}

static int
unit_person_find (const void *key,
                  const void *element)
{
  gint64 id = *(const gint64 *) key;

  return (id > ((const UnitPerson *) element)->id) - (id < ((const UnitPerson *) element)->id);
}

static void
mark_kit (gint64   owner_id,
          gboolean headset,
          gpointer user_data)
{
  GArray *people = user_data;
  UnitPerson *person = bsearch (&owner_id, people->data, people->len, sizeof (UnitPerson),
                                unit_person_find);

  if (person != NULL)
    person->kit |= headset ? 1 : 2;
}

/* Open gaps: missing (person, type) pairs, as in resfri-unit-gap.c. Two
 * plain scans matched here (as resfri-registers-kits.c does): one query
 * with a subquery per person and type cost several times as much. */
gboolean
_resfri_inventory_foreach_unit_equipment (ResfriStore              *store,
                                          ResfriUnitEquipmentFunc   func,
                                          gpointer                  user_data,
                                          GError                  **error)
{
  g_autoptr(GArray) people = g_array_sized_new (FALSE, FALSE, sizeof (UnitPerson), 1024);
  sqlite3_stmt *stmt;
  int rc;

  stmt = _resfri_store_prepare (store, "SELECT id, unit_id FROM people ORDER BY id", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      UnitPerson person = { sqlite3_column_int64 (stmt, 0), sqlite3_column_int64 (stmt, 1), 0 };

      g_array_append_val (people, person);
    }
  if (!_resfri_store_end_rows (store, stmt, rc, _("Cannot read the registers"), error))
    return FALSE;
  if (!_resfri_registers_foreach_owned_kit (store, mark_kit, people, error))
    return FALSE;

  g_array_sort (people, unit_person_compare);
  for (guint i = 0, employees = 0, equipped = 0, open_gaps = 0; i < people->len; i++)
    {
      const UnitPerson *person = &g_array_index (people, UnitPerson, i);

      employees++;
      equipped += person->kit == 3;
      open_gaps += !(person->kit & 1) + !(person->kit & 2);
      if (i + 1 == people->len || person[1].unit_id != person->unit_id)
        {
          func (person->unit_id, employees, equipped, open_gaps, user_data);
          employees = equipped = open_gaps = 0;
        }
    }

  return TRUE;
}

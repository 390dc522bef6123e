/* resfri-person.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "resfri-person.h"
#include "resfri-registers-private.h"
#include "resfri-store-private.h"

/* One person of the people register, as the window completes names. */
struct _ResfriPerson
{
  GObject  parent_instance;

  char    *email;
  char    *name;
  char    *unit;
  char    *site_code;
};

G_DEFINE_FINAL_TYPE (ResfriPerson, resfri_person, G_TYPE_OBJECT)

static void
resfri_person_finalize (GObject *object)
{
  ResfriPerson *self = (ResfriPerson *)object;

  g_free (self->email);
  g_free (self->name);
  g_free (self->unit);
  g_free (self->site_code);

  G_OBJECT_CLASS (resfri_person_parent_class)->finalize (object);
}

static void
resfri_person_class_init (ResfriPersonClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = resfri_person_finalize;
}

static void
resfri_person_init (ResfriPerson *self)
{
}

const char *
resfri_person_get_email (ResfriPerson *self)
{
  g_return_val_if_fail (RESFRI_IS_PERSON (self), NULL);
  return self->email;
}

const char *
resfri_person_get_name (ResfriPerson *self)
{
  g_return_val_if_fail (RESFRI_IS_PERSON (self), NULL);
  return self->name;
}

/* The unit's path. */
const char *
resfri_person_get_unit (ResfriPerson *self)
{
  g_return_val_if_fail (RESFRI_IS_PERSON (self), NULL);
  return self->unit;
}

const char *
resfri_person_get_site_code (ResfriPerson *self)
{
  g_return_val_if_fail (RESFRI_IS_PERSON (self), NULL);
  return self->site_code;
}

static void
add_person (const char *email,
            const char *name,
            const char *unit,
            const char *site,
            gpointer    user_data)
{
  GPtrArray *people = user_data;
  ResfriPerson *person = g_object_new (RESFRI_TYPE_PERSON, NULL);

  person->email = g_strdup (email);
  person->name = g_strdup (name);
  person->unit = g_strdup (unit);
  person->site_code = g_strdup (site);
  g_ptr_array_add (people, person);
}

/**
 * resfri_person_list:
 *
 * Returns: (transfer full): a GListModel of every ResfriPerson, by name
 *   then address, or %NULL and @error
 */
GListModel *
resfri_person_list (ResfriStore   *store,
                    GCancellable  *cancellable,
                    GError       **error)
{
  g_autoptr(GPtrArray) people = NULL;
  g_autoptr(GListStore) list = NULL;

  g_return_val_if_fail (RESFRI_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  people = g_ptr_array_new_with_free_func (g_object_unref);
  if (!_resfri_registers_read_people (store, add_person, people, error))
    return NULL;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  list = g_list_store_new (RESFRI_TYPE_PERSON);
  g_list_store_splice (list, 0, 0, people->pdata, people->len);

  return G_LIST_MODEL (g_steal_pointer (&list));
}

static gpointer
list_work (ResfriStore   *worker,
           gpointer       data,
           GCancellable  *cancellable,
           GError       **error)
{
  return resfri_person_list (worker, cancellable, error);
}

/* resfri_person_list() on a worker thread with a connection of its own. */
void
resfri_person_list_async (ResfriStore         *store,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_return_if_fail (RESFRI_IS_STORE (store));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  _resfri_store_run_async (store, resfri_person_list_async, list_work, NULL, NULL, g_object_unref,
                           cancellable, callback, user_data);
}

GListModel *
resfri_person_list_finish (ResfriStore   *store,
                           GAsyncResult  *result,
                           GError       **error)
{
  return _resfri_store_run_finish (store, result, error);
}

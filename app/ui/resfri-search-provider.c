/* resfri-search-provider.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The GNOME Shell search provider: org.gnome.Shell.SearchProvider2 on the
 * application's own bus name, answered from resfri_store_search() on the
 * database the application opens (a connection of its own per search),
 * and the application's window shown on the chosen result.
 * data/se.resfri.Resfri.search-provider.ini tells the Shell about it.
 */

#include "config.h"

#include <glib/gi18n.h>

#include "resfri-search-provider.h"
#include "resfri-store.h"

#define MAX_PER_KIND 5

static const char introspection_xml[] =
  "<node>"
  "  <interface name='org.gnome.Shell.SearchProvider2'>"
  "    <method name='GetInitialResultSet'>"
  "      <arg type='as' name='terms' direction='in'/>"
  "      <arg type='as' name='results' direction='out'/>"
  "    </method>"
  "    <method name='GetSubsearchResultSet'>"
  "      <arg type='as' name='previous_results' direction='in'/>"
  "      <arg type='as' name='terms' direction='in'/>"
  "      <arg type='as' name='results' direction='out'/>"
  "    </method>"
  "    <method name='GetResultMetas'>"
  "      <arg type='as' name='identifiers' direction='in'/>"
  "      <arg type='aa{sv}' name='metas' direction='out'/>"
  "    </method>"
  "    <method name='ActivateResult'>"
  "      <arg type='s' name='identifier' direction='in'/>"
  "      <arg type='as' name='terms' direction='in'/>"
  "      <arg type='u' name='timestamp' direction='in'/>"
  "    </method>"
  "    <method name='LaunchSearch'>"
  "      <arg type='as' name='terms' direction='in'/>"
  "      <arg type='u' name='timestamp' direction='in'/>"
  "    </method>"
  "  </interface>"
  "</node>";

struct _ResfriSearchProvider
{
  GApplication     *app;                /* borrowed: it owns us */
  char           *(*path_func) (GApplication *app);
  void            (*activate)  (GApplication *app, const char *id);
  GDBusConnection  *connection;
  guint             registration_id;
  GHashTable       *hits;               /* id -> ResfriSearchHit, of the last searches */
};

static GVariant *
search (ResfriSearchProvider  *self,
        const char * const    *terms)
{
  g_autofree char *path = self->path_func (self->app);
  g_autoptr(ResfriStore) store = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GError) error = NULL;
  GVariantBuilder builder;

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("as"));

  /* Only a database that exists: a search creates no file. */
  if (path == NULL || !g_file_test (path, G_FILE_TEST_EXISTS) ||
      !(store = resfri_store_open (path, &error)) ||
      !(hits = resfri_store_search (store, terms, MAX_PER_KIND, &error)))
    {
      if (error != NULL)
        g_debug ("Search provider: %s", error->message);
      return g_variant_new ("(as)", &builder);
    }

  /* The hits go to the table, for GetResultMetas. */
  g_ptr_array_set_free_func (hits, NULL);
  for (guint i = 0; i < hits->len; i++)
    {
      ResfriSearchHit *hit = g_ptr_array_index (hits, i);

      g_variant_builder_add (&builder, "s", hit->id);
      g_hash_table_replace (self->hits, g_strdup (hit->id), hit);
    }
  return g_variant_new ("(as)", &builder);
}

static const char *
kind_label (const char *id)
{
  if (g_str_has_prefix (id, "meeting:"))
    return _("Meeting");
  if (g_str_has_prefix (id, "person:"))
    return _("Person");
  if (g_str_has_prefix (id, "item:"))
    return _("Equipment Item");
  return _("Room");
}

static GVariant *
get_metas (ResfriSearchProvider  *self,
           const char * const    *ids)
{
  GVariantBuilder builder;

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("aa{sv}"));
  for (guint i = 0; ids[i] != NULL; i++)
    {
      ResfriSearchHit *hit = g_hash_table_lookup (self->hits, ids[i]);
      g_autofree char *description = NULL;
      GVariantBuilder meta;

      if (hit == NULL)
        continue;
      description = hit->detail != NULL && hit->detail[0] != '\0'
                    ? g_strdup_printf ("%s · %s", kind_label (hit->id), hit->detail)
                    : g_strdup (kind_label (hit->id));
      g_variant_builder_init (&meta, G_VARIANT_TYPE ("a{sv}"));
      g_variant_builder_add (&meta, "{sv}", "id", g_variant_new_string (hit->id));
      g_variant_builder_add (&meta, "{sv}", "name", g_variant_new_string (hit->title));
      g_variant_builder_add (&meta, "{sv}", "description", g_variant_new_string (description));
      g_variant_builder_add (&meta, "{sv}", "gicon", g_variant_new_string (APP_ID));
      g_variant_builder_add (&builder, "a{sv}", &meta);
    }
  return g_variant_new ("(aa{sv})", &builder);
}

static void
method_call_cb (GDBusConnection       *connection,
                const char            *sender,
                const char            *object_path,
                const char            *interface_name,
                const char            *method_name,
                GVariant              *parameters,
                GDBusMethodInvocation *invocation,
                gpointer               user_data)
{
  ResfriSearchProvider *self = user_data;

  g_application_hold (self->app);

  if (g_str_equal (method_name, "GetInitialResultSet"))
    {
      g_autofree const char **terms = NULL;

      g_variant_get (parameters, "(^a&s)", &terms);
      g_dbus_method_invocation_return_value (invocation, search (self, terms));
    }
  else if (g_str_equal (method_name, "GetSubsearchResultSet"))
    {
      g_autofree const char **previous = NULL;
      g_autofree const char **terms = NULL;

      g_variant_get (parameters, "(^a&s^a&s)", &previous, &terms);
      g_dbus_method_invocation_return_value (invocation, search (self, terms));
    }
  else if (g_str_equal (method_name, "GetResultMetas"))
    {
      g_autofree const char **ids = NULL;

      g_variant_get (parameters, "(^a&s)", &ids);
      g_dbus_method_invocation_return_value (invocation, get_metas (self, ids));
    }
  else if (g_str_equal (method_name, "ActivateResult"))
    {
      const char *id = NULL;

      g_variant_get (parameters, "(&s^a&su)", &id, NULL, NULL);
      self->activate (self->app, id);
      g_dbus_method_invocation_return_value (invocation, NULL);
    }
  else if (g_str_equal (method_name, "LaunchSearch"))
    {
      self->activate (self->app, NULL);
      g_dbus_method_invocation_return_value (invocation, NULL);
    }
  else
    g_dbus_method_invocation_return_error (invocation, G_DBUS_ERROR, G_DBUS_ERROR_UNKNOWN_METHOD,
                                           "No method %s", method_name);

  g_application_release (self->app);
}

static const GDBusInterfaceVTable vtable = { method_call_cb, NULL, NULL, { 0 } };

ResfriSearchProvider *
resfri_search_provider_new (GApplication     *app,
                            char           *(*path_func) (GApplication *app),
                            void            (*activate)  (GApplication *app,
                                                           const char   *id),
                            GDBusConnection  *connection,
                            const char       *object_path,
                            GError          **error)
{
  g_autoptr(GDBusNodeInfo) info = g_dbus_node_info_new_for_xml (introspection_xml, error);
  ResfriSearchProvider *self;

  if (info == NULL)
    return NULL;

  self = g_new0 (ResfriSearchProvider, 1);
  self->app = app;
  self->path_func = path_func;
  self->activate = activate;
  self->connection = g_object_ref (connection);
  self->hits = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                      (GDestroyNotify) resfri_search_hit_free);
  self->registration_id = g_dbus_connection_register_object (connection, object_path,
                                                             info->interfaces[0], &vtable,
                                                             self, NULL, error);
  if (self->registration_id == 0)
    {
      resfri_search_provider_free (self);
      return NULL;
    }
  return self;
}

void
resfri_search_provider_free (ResfriSearchProvider *self)
{
  if (self == NULL)
    return;

  if (self->registration_id != 0)
    g_dbus_connection_unregister_object (self->connection, self->registration_id);
  g_clear_object (&self->connection);
  g_clear_pointer (&self->hits, g_hash_table_unref);
  g_free (self);
}

/* resfri-secret.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The passwords of live-calendar sources (spec/sync.md, "Secrets"): never in
 * the database, never printed, logged or on a command line. The desktop
 * app keeps them in the keyring (libsecret, by URL and user); the headless
 * CLI reads them from a --password-file that only its owner can read. A
 * password is wiped from memory when freed.
 *
 * A keyring that answers but is locked (the user dismissed the unlock
 * prompt, or no prompt can be shown) is an error that says so, for storing
 * and for reading alike: the user has a keyring and expects the password
 * there, so it is neither written elsewhere nor reported as missing. Only
 * a session without a Secret Service (resfri_secret_is_unavailable()) lets
 * the app fall back to a file. libsecret asks gnome-keyring to prompt; where
 * no prompter can be reached the prompt fails at once, so nothing waits.
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <libsecret/secret.h>

#include "resfri-error.h"
#include "resfri-secret.h"

#define MAX_PASSWORD_FILE 4096

static const SecretSchema *
get_schema (void)
{
  static const SecretSchema schema = {
    "se.resfri.Resfri.Source", SECRET_SCHEMA_NONE,
    {
      { "url", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "user", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    }
  };

  return &schema;
}

void
resfri_secret_free (char *password)
{
  if (password == NULL)
    return;
  memset (password, 0, strlen (password));
  g_free (password);
}

char *
resfri_secret_read_password_file (const char  *path,
                                  GError     **error)
{
  char buffer[MAX_PASSWORD_FILE + 1];
  struct stat st;
  ssize_t n;
  char *end;
  char *password;
  int fd;

  fd = g_open (path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW, 0);
  if (fd < 0)
    {
      int saved = errno;

      g_set_error (error, RESFRI_ERROR, RESFRI_ERROR_INVALID_INPUT,
                   _("Cannot read the password file %s: %s"), path, g_strerror (saved));
      return NULL;
    }
  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode))
    {
      close (fd);
      g_set_error (error, RESFRI_ERROR, RESFRI_ERROR_INVALID_INPUT,
                   _("The password file %s is not a regular file"), path);
      return NULL;
    }
  if ((st.st_mode & 077) != 0)
    {
      close (fd);
      g_set_error (error, RESFRI_ERROR, RESFRI_ERROR_INVALID_INPUT,
                   _("The password file %s can be read by others than its owner; refused "
                     "(chmod 600 %s)"), path, path);
      return NULL;
    }

  n = read (fd, buffer, MAX_PASSWORD_FILE);
  close (fd);
  if (n < 0)
    {
      g_set_error (error, RESFRI_ERROR, RESFRI_ERROR_INVALID_INPUT,
                   _("Cannot read the password file %s"), path);
      return NULL;
    }
  buffer[n] = '\0';
  if ((end = strpbrk (buffer, "\r\n")) != NULL)
    *end = '\0';
  if (buffer[0] == '\0' || !g_utf8_validate (buffer, -1, NULL))
    {
      memset (buffer, 0, sizeof buffer);
      g_set_error (error, RESFRI_ERROR, RESFRI_ERROR_INVALID_INPUT,
                   _("The password file %s holds no password on its first line"), path);
      return NULL;
    }

  password = g_strdup (buffer);
  memset (buffer, 0, sizeof buffer);
  return password;
}

gboolean
resfri_secret_is_unavailable (const GError *error)
{
  if (error->domain == G_IO_ERROR)
    return error->code != G_IO_ERROR_CANCELLED && error->code != G_IO_ERROR_TIMED_OUT;
  if (error->domain != G_DBUS_ERROR)
    return FALSE;
  switch (error->code)
    {
    case G_DBUS_ERROR_SERVICE_UNKNOWN:
    case G_DBUS_ERROR_NAME_HAS_NO_OWNER:
    case G_DBUS_ERROR_SPAWN_EXEC_FAILED:
    case G_DBUS_ERROR_SPAWN_FORK_FAILED:
    case G_DBUS_ERROR_SPAWN_CHILD_EXITED:
    case G_DBUS_ERROR_SPAWN_CHILD_SIGNALED:
    case G_DBUS_ERROR_SPAWN_FAILED:
    case G_DBUS_ERROR_SPAWN_SETUP_FAILED:
    case G_DBUS_ERROR_SPAWN_CONFIG_INVALID:
    case G_DBUS_ERROR_SPAWN_SERVICE_INVALID:
    case G_DBUS_ERROR_SPAWN_SERVICE_NOT_FOUND:
    case G_DBUS_ERROR_SPAWN_PERMISSIONS_INVALID:
    case G_DBUS_ERROR_SPAWN_FILE_INVALID:
    case G_DBUS_ERROR_SPAWN_NO_MEMORY:
      return TRUE;
    default:
      return FALSE;
    }
}

gboolean
resfri_secret_store (const char    *url,
                     const char    *user,
                     const char    *password,
                     GCancellable  *cancellable,
                     GError       **error)
{
  g_autofree char *label = g_strdup_printf (_("Resfri: %s at %s"), user, url);
  g_autoptr(GError) local = NULL;

  if (secret_password_store_sync (get_schema (), SECRET_COLLECTION_DEFAULT, label, password,
                                  cancellable, &local, "url", url, "user", user, NULL))
    return TRUE;

  /* No error at all: libsecret's unlock prompt was dismissed. An unknown
   * object (gnome-keyring says UnknownMethod): the default alias names a
   * keyring that was never made, its creation prompt dismissed. */
  if (local == NULL || g_error_matches (local, SECRET_ERROR, SECRET_ERROR_IS_LOCKED))
    g_set_error (error, RESFRI_ERROR, RESFRI_ERROR_FAILED,
                 _("The keyring is locked, so the password for %s at %s cannot be kept: unlock "
                   "the keyring, then try again"), user, url);
  else if (g_error_matches (local, G_DBUS_ERROR, G_DBUS_ERROR_UNKNOWN_OBJECT) ||
           g_error_matches (local, G_DBUS_ERROR, G_DBUS_ERROR_UNKNOWN_METHOD))
    g_set_error (error, RESFRI_ERROR, RESFRI_ERROR_FAILED,
                 _("There is no default keyring to keep the password for %s at %s in: create "
                   "one (Passwords and Keys), then try again"), user, url);
  else if (resfri_secret_is_unavailable (local) ||
           g_error_matches (local, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_propagate_error (error, g_steal_pointer (&local));
  else
    g_set_error (error, RESFRI_ERROR, RESFRI_ERROR_FAILED,
                 _("The keyring did not keep the password for %s at %s: %s"), user, url,
                 local->message);
  return FALSE;
}

/* TRUE when the keyring holds an item for @url and @user that is locked.
 * Searched without the schema: gnome-keyring matches a locked item's
 * attributes by their hashes but not its xdg:schema. Never prompts. */
static gboolean
has_locked_item (const char   *url,
                 const char   *user,
                 GCancellable *cancellable)
{
  g_autoptr(SecretService) service = NULL;
  g_autoptr(GHashTable) attributes = NULL;
  gboolean locked = FALSE;
  GList *items;

  if (!(service = secret_service_get_sync (SECRET_SERVICE_NONE, cancellable, NULL)))
    return FALSE;
  attributes = g_hash_table_new (g_str_hash, g_str_equal);
  g_hash_table_insert (attributes, (char *) "url", (char *) url);
  g_hash_table_insert (attributes, (char *) "user", (char *) user);
  items = secret_service_search_sync (service, NULL, attributes, SECRET_SEARCH_ALL, cancellable,
                                      NULL);
  for (GList *l = items; l != NULL; l = l->next)
    locked = locked || secret_item_get_locked (l->data);
  g_list_free_full (items, g_object_unref);
  return locked;
}

char *
resfri_secret_lookup (const char    *url,
                      const char    *user,
                      GCancellable  *cancellable,
                      GError       **error)
{
  g_autoptr(GError) local = NULL;
  char *secret;
  char *copy;

  secret = secret_password_lookup_sync (get_schema (), cancellable, &local,
                                        "url", url, "user", user, NULL);
  if (secret == NULL &&
      (g_error_matches (local, SECRET_ERROR, SECRET_ERROR_IS_LOCKED) ||
       (local == NULL && has_locked_item (url, user, cancellable))))
    {
      g_set_error (error, RESFRI_ERROR, RESFRI_ERROR_FAILED,
                   _("The keyring is locked, so the password for %s at %s cannot be read: unlock "
                     "the keyring, then sync again"), user, url);
      return NULL;
    }
  if (secret == NULL)
    {
      g_set_error (error, RESFRI_ERROR, RESFRI_ERROR_INVALID_INPUT,
                   _("no password for %s at %s: give --password-file, or store it in the app's "
                     "Preferences%s%s"), user, url, local ? ": " : "", local ? local->message : "");
      return NULL;
    }
  copy = g_strdup (secret);
  secret_password_free (secret);
  return copy;
}

gboolean
resfri_secret_clear (const char    *url,
                     const char    *user,
                     GCancellable  *cancellable,
                     GError       **error)
{
  g_autoptr(GError) local = NULL;

  if (!secret_password_clear_sync (get_schema (), cancellable, &local, "url", url, "user", user, NULL) &&
      local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  return TRUE;
}

char *
resfri_secret_get_password (const ResfriSource  *source,
                            GCancellable        *cancellable,
                            GError             **error)
{
  if (source->user == NULL)
    return NULL;
  if (source->password_file != NULL)
    return resfri_secret_read_password_file (source->password_file, error);
  return resfri_secret_lookup (source->url, source->user, cancellable, error);
}

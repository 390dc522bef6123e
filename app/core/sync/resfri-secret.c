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
resfri_secret_store (const char    *url,
                     const char    *user,
                     const char    *password,
                     GCancellable  *cancellable,
                     GError       **error)
{
  g_autofree char *label = g_strdup_printf (_("Resfri: %s at %s"), user, url);

  return secret_password_store_sync (get_schema (), SECRET_COLLECTION_DEFAULT, label, password,
                                     cancellable, error, "url", url, "user", user, NULL);
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

/* resfri-secret.h
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "resfri-sources.h"

G_BEGIN_DECLS

/* The first line of @path, which must be a regular file readable by its
 * owner alone (mode 0600 or 0400), else RESFRI_ERROR_INVALID_INPUT. */
char     *resfri_secret_read_password_file (const char          *path,
                                            GError             **error);
/* TRUE when @error, from the calls below, says the session has no Secret
 * Service at all (no session bus, nothing owns or can activate
 * org.freedesktop.secrets): then, and only then, a caller may keep the
 * password elsewhere. A locked keyring is no such error. */
gboolean  resfri_secret_is_unavailable     (const GError        *error);
/* The keyring (libsecret), by URL and user. A locked keyring (its unlock
 * prompt dismissed or impossible) is a RESFRI_ERROR saying so. */
gboolean  resfri_secret_store              (const char          *url,
                                            const char          *user,
                                            const char          *password,
                                            GCancellable        *cancellable,
                                            GError             **error);
char     *resfri_secret_lookup             (const char          *url,
                                            const char          *user,
                                            GCancellable        *cancellable,
                                            GError             **error);
gboolean  resfri_secret_clear              (const char          *url,
                                            const char          *user,
                                            GCancellable        *cancellable,
                                            GError             **error);
/* @source's password: its file, else the keyring; NULL without error
 * when the source has no user. Free it with resfri_secret_free(). */
char     *resfri_secret_get_password       (const ResfriSource  *source,
                                            GCancellable        *cancellable,
                                            GError             **error);
void      resfri_secret_free               (char                *password);

G_END_DECLS

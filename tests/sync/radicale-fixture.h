/* radicale-fixture.h
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A real Radicale (Debian's radicale) for the sync suite: started on
 * 127.0.0.1 on a free port with a plain htpasswd file (the service account
 * svc:secret, which may read everyone's calendars) and a temporary storage
 * folder, waited for until it answers, killed at tear-down. Calendars are
 * filled with plain HTTP (libsoup), as another client would.
 */

#pragma once

#include <gio/gio.h>
#include <libsoup/soup.h>

G_BEGIN_DECLS

typedef struct
{
  char        *dir;
  char        *url;          /* http://127.0.0.1:PORT */
  GSubprocess *process;
  SoupSession *session;
} RadicaleServer;

#define RADICALE_USER "svc"
#define RADICALE_PASSWORD "secret"

/* The rights file, DIR/rights: at the start every logged-in user may do
 * anything; a test may write rules before these (Radicale reads the file
 * on every request), e.g. to make a calendar read-only. */
#define RADICALE_RIGHTS_ALL "[all]\nuser: .+\ncollection: .*\npermissions: RrWw\n"

/* FALSE (and the test skipped) when radicale is not installed. */
gboolean radicale_start      (RadicaleServer *server,
                              const char     *dir);
void     radicale_stop       (RadicaleServer *server);
/* METHOD on PATH with BODY (or NULL) as svc; the HTTP status. */
guint    radicale_request    (RadicaleServer *server,
                              const char     *method,
                              const char     *path,
                              const char     *content_type,
                              const char     *body);
/* MKCOL /OWNER/ and MKCALENDAR /OWNER/cal/. */
void     radicale_make_calendar (RadicaleServer *server,
                                 const char     *owner);

G_END_DECLS

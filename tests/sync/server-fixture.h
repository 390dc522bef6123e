/* server-fixture.h
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the tests of Resfri's bookings on the server share
 * (test-server-bookings.c, test-server-reconcile.c): resfri-cli run as a
 * separate process (to be raced, stalled or killed), the database read
 * directly, and a resource read from Radicale with plain HTTP.
 */

#pragma once

#include <gio/gio.h>

#include "radicale-fixture.h"

G_BEGIN_DECLS

/* The room whose calendar both installations follow. */
#define ROOM "VBG-SESS"
#define ROOM_OWNER "room-sess"
#define ROOM_PATH "/" ROOM_OWNER "/cal/"

typedef struct
{
  GSubprocess *process;
  char        *out;
  char        *err;
  int          status;      /* -1: killed */
} Run;

/* RESFRI_TEST_STALL for the next run_start() (then reset), and
 * RESFRI_TEST_STALL_FILE with it when not NULL. */
extern const char *server_fixture_stall;
extern const char *server_fixture_stall_file;

void     run_clear       (Run                *run);
/* Starts `resfri-cli --db DB ARGS…` with @kill_after (the test hook) and a
 * lease of @lease seconds (test-only; NULL: 30 s, short enough for a test
 * yet long enough that a loaded machine's stalls do not outlast it). */
void     run_start_lease (Run                *run,
                          const char         *db,
                          const char         *kill_after,
                          const char         *lease,
                          const char * const *argv);
#define run_start(run, db, kill_after, argv) run_start_lease (run, db, kill_after, NULL, argv)
void     run_wait        (Run                *run);
/* Runs resfri-cli and asserts it succeeds. */
void     cli_ok          (const char         *db,
                          const char * const *argv);
/* The integer the query @sql gives in @db. */
gint64   count           (const char         *db,
                          const char         *sql);
/* DIR/password, svc's password (mode 0600). */
char    *server_fixture_password_file (const char *dir);
/* An installation in @db: the test sites and rooms (and people when
 * @people), source 1 the room's home on @server, following ROOM_PATH as
 * ROOM. */
void     server_fixture_install (RadicaleServer     *server,
                                 const char         *db,
                                 const char         *password_file,
                                 gboolean            people);
/* GET @path as svc: the body, the status in @status. */
char    *server_get      (RadicaleServer     *server,
                          const char         *path,
                          guint              *status);

G_END_DECLS

/* http-thread.h
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A local HTTP server (libsoup's SoupServer) on a thread of its own, on
 * 127.0.0.1 and a free port, so that a test can serve while the resfri-cli
 * it waits for makes requests: a published feed, a faulty proxy.
 */

#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

typedef struct
{
  GMutex              lock;
  GCond               ready;
  GMainLoop          *loop;
  GThread            *thread;
  const char         *path;       /* handled path, NULL for all */
  SoupServerCallback  handler;    /* runs on the server's thread */
  gpointer            data;
  GTlsCertificate    *certificate; /* set before start: HTTPS */
  guint16             port;       /* set before start: listen there; else a free one */
} HttpThread;

void http_thread_start (HttpThread         *self,
                        const char         *path,
                        SoupServerCallback  handler,
                        gpointer            data);
void http_thread_stop  (HttpThread         *self);

G_END_DECLS

/* fault-proxy.h
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A faulty proxy in front of Radicale for the sync suite, on a thread of
 * its own (http-thread.h): it passes requests on, except those under a
 * chosen path, which get a fault (an HTTP status, no answer at all, a
 * multistatus cut short, an answer too large to hold); it can also answer
 * the next requests 429 and refuse sync-collection like an older server.
 */

#pragma once

#include "http-thread.h"

G_BEGIN_DECLS

typedef enum
{
  FAULT_NONE,
  FAULT_STATUS,     /* fault_status; 429 and 503 with Retry-After: 1 */
  FAULT_HANG,       /* held open, never answered (until the proxy stops) */
  FAULT_STALL,      /* a 207 begun, then no more (until the proxy stops) */
  FAULT_MALFORMED,  /* 207 with a multistatus cut short */
  FAULT_HUGE,       /* 207 with fault_size bytes, chunked */
  FAULT_HUGE_DECLARED, /* 207 whose Content-Length says fault_size, then no
                        * more than its first bytes (until the proxy stops) */
} FaultKind;

typedef struct
{
  GMutex       lock;
  HttpThread   http;            /* http.port: set before start to listen there */
  SoupSession *session;         /* the server thread's own */
  char        *upstream;
  char        *url;             /* http://127.0.0.1:PORT */
  gboolean     no_sync_collection;
  gboolean     no_data_in_report;  /* sync-collection asking for calendar-data: 400 */
  guint        throttle;        /* the next N requests get 429 */
  char        *fault_path;      /* requests under it get the fault */
  FaultKind    fault;
  guint        fault_status;
  const char  *retry_after;     /* of FAULT_STATUS 429 and 503; NULL: "1" */
  gsize        fault_size;
  guint        requests;
  guint        faulted;         /* requests that got the fault */
  GPtrArray   *held;            /* FAULT_HANG's requests */
} FaultProxy;

/* @proxy zeroed, or stopped before (then on the same port). */
void  fault_proxy_start     (FaultProxy *proxy,
                             const char *upstream);
/* Requests under @path (NULL: none) get @fault from now on. */
void  fault_proxy_set_fault (FaultProxy *proxy,
                             const char *path,
                             FaultKind   fault,
                             guint       status);
/* Requests that got the fault since it was set. */
guint fault_proxy_faulted   (FaultProxy *proxy);
/* Answers what it holds, stops listening; the port is kept. */
void  fault_proxy_stop      (FaultProxy *proxy);

G_END_DECLS

/* resfri-demo.h
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A believable, entirely fictional Swedish municipality to try Resfri with:
 * units, sites with real coordinates, people, rooms, equipment and a year of
 * meetings, deterministic for a seed.
 */

#pragma once

#include <gio/gio.h>

#include "resfri-store.h"

G_BEGIN_DECLS

#define RESFRI_DEMO_DEFAULT_EMPLOYEES 600
#define RESFRI_DEMO_DEFAULT_SEED      1
#define RESFRI_DEMO_MAX_EMPLOYEES     200000

typedef struct
{
  guint   employees;  /* staff, politicians not included; 1 .. RESFRI_DEMO_MAX_EMPLOYEES */
  guint32 seed;
  int     year;       /* the year of the meetings, 1971 .. 2199 */
} ResfriDemoOptions;

typedef struct
{
  gint64 units;
  gint64 sites;
  gint64 people;
  gint64 politicians;
  gint64 rooms;
  gint64 equipment;
  gint64 loan_items;
  gint64 meetings;      /* VEVENT components: series, single events and overrides */
  gint64 occurrences;
  gint64 externals;     /* distinct external attendees (other domains) */
} ResfriDemoSummary;

/* Called now and then from resfri_demo_generate(), on its thread, with the
 * share done (0 .. 1) and a translated name of the current step. */
typedef void (*ResfriDemoProgressFunc) (double      fraction,
                                        const char *step,
                                        gpointer    user_data);

/* The municipality the demo describes ("Vänersborg"): a name, not translated. */
const char *resfri_demo_get_municipality (void);

/* Defaults: RESFRI_DEMO_DEFAULT_EMPLOYEES, RESFRI_DEMO_DEFAULT_SEED and the
 * current year (local time). */
void        resfri_demo_options_init     (ResfriDemoOptions       *options);

gboolean    resfri_demo_generate         (ResfriStore             *store,
                                          const ResfriDemoOptions *options,
                                          ResfriDemoProgressFunc   progress,
                                          gpointer                 progress_data,
                                          ResfriDemoSummary       *summary,
                                          GCancellable            *cancellable,
                                          GError                 **error);

/* Runs resfri_demo_generate() on a worker thread with its own connection to
 * @store's file. @progress (nullable) is called in the thread-default main
 * context of the caller; @progress_data must live until @callback runs. */
void        resfri_demo_generate_async   (ResfriStore             *store,
                                          const ResfriDemoOptions *options,
                                          ResfriDemoProgressFunc   progress,
                                          gpointer                 progress_data,
                                          GCancellable            *cancellable,
                                          GAsyncReadyCallback      callback,
                                          gpointer                 user_data);
gboolean    resfri_demo_generate_finish  (ResfriStore             *store,
                                          GAsyncResult            *result,
                                          ResfriDemoSummary       *summary,
                                          GError                 **error);

G_END_DECLS

/* resfri-window-private.h
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The window's struct and the internal API that resfri-window.c (the class)
 * and resfri-window-actions.c (its actions) share.
 */

#pragma once

#include "resfri-first-run.h"
#include "resfri-meetings-view.h"
#include "resfri-progress-bar.h"
#include "resfri-overview.h"
#include "resfri-view.h"
#include "resfri-window.h"

G_BEGIN_DECLS

struct _ResfriWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  AdwViewSwitcherTitle *window_title;
  AdwViewSwitcherBar   *switcher_bar;
  GtkStack             *stack;
  AdwViewStack         *view_stack;
  ResfriOverview       *overview;
  ResfriMeetingsView   *meetings_view;
  GtkSpinner           *spinner;
  ResfriFirstRun       *first_run;
  ResfriProgressBar    *work_progress;
  AdwStatusPage        *error_page;
  GtkRevealer          *sync_revealer;
  GtkSpinner           *sync_spinner;
  GtkLabel             *sync_label;
  GtkProgressBar       *sync_progress;

  /* The pages of the view stack that are views, in the stack's order.
   * Borrowed. */
  GPtrArray            *views;

  char                 *path;
  ResfriStore          *store;
  GCancellable         *cancellable;

  /* Calendars waiting to be imported, one file (one transaction) at a time. */
  GQueue                imports;
  GCancellable         *import_cancellable;
  char                 *import_error;   /* why the file at the head was refused */
  guint                 importing : 1;

  /* Another process (resfri-cli) changed the database: PRAGMA data_version
   * on our connection, read every POLL_SECONDS. Views that are not on
   * screen are reloaded when they are shown. */
  gint64                data_version;
  guint                 poll_id;
  GHashTable           *stale_views;   /* ResfriView */

  /* The live calendars' sync (resfri-window-sync.c). */
  GCancellable         *sync_cancellable;
  guint                 sync_timer_id;
  guint                 first_sync_id;
  char                 *last_sync_error;
  guint                 syncing : 1;
  guint                 sync_cancelled : 1;
  guint                 sync_manual : 1;

  guint                 loaded_once : 1;
  guint                 startup_painted : 1;
};

/* main.c: g_get_monotonic_time() at the start of main(). */
extern gint64 resfri_startup_time;

void     _resfri_window_class_actions_init (ResfriWindowClass *klass);
void     _resfri_window_class_sync_init    (ResfriWindowClass *klass);
/* Syncs now (when there are sources) and every sync-interval minutes. */
void     _resfri_window_sync_start         (ResfriWindow      *self);
void     _resfri_window_sync_stop          (ResfriWindow      *self);
gboolean _resfri_window_has_views          (ResfriWindow      *self);
void     _resfri_window_reload_counts      (ResfriWindow      *self);
void     _resfri_window_reload_view        (ResfriWindow      *self,
                                            ResfriView        *view);
/* Long work ended while the window was not focused: a notification says how. */
void     _resfri_window_notify_done        (ResfriWindow      *self,
                                            const char        *title,
                                            const char        *body);

G_END_DECLS

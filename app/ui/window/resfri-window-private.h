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
  ResfriMeetingsView   *meetings_view;   /* NULL until built: _resfri_window_get_meetings_view() */
  GtkSpinner           *spinner;
  ResfriFirstRun       *first_run;
  ResfriProgressBar    *work_progress;
  AdwStatusPage        *error_page;
  GtkRevealer          *sync_revealer;
  GtkSpinner           *sync_spinner;
  GtkWidget            *new_meeting_button;
  GtkLabel             *sync_label;
  GtkProgressBar       *sync_progress;

  /* The views built so far (the overview first; each other view is built
   * when first shown), in the order they were built. Borrowed. */
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
  char                 *last_sync_error;
  guint                 syncing : 1;
  guint                 sync_cancelled : 1;
  guint                 sync_manual : 1;
  guint                 sync_stopped : 1;   /* the window is closing */

  /* Work that waits for the first frame (resfri_window_after_first_frame()):
   * idle sources, attached once it is painted. */
  GPtrArray            *after_first_frame;

  /* A search result asked for before the counts were read. */
  char                 *pending_result;

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
ResfriView         *_resfri_window_ensure_view       (ResfriWindow *self,
                                                      const char   *name);
ResfriView         *_resfri_window_get_visible_view  (ResfriWindow *self);
ResfriMeetingsView *_resfri_window_get_meetings_view (ResfriWindow *self);
void     _resfri_window_reload_counts      (ResfriWindow      *self);
void     _resfri_window_reload_view        (ResfriWindow      *self,
                                            ResfriView        *view);
/* Long work ended while the window was not focused: a notification says how. */
void     _resfri_window_notify_done        (ResfriWindow      *self,
                                            const char        *title,
                                            const char        *body);

G_END_DECLS

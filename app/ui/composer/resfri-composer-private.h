/* resfri-composer-private.h
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What resfri-composer.c (the form, the completion popovers, the live
 * panel) and resfri-composer-actions.c (the actions and the work on a
 * worker thread) share about the New Meeting window.
 */

#pragma once

#include "resfri-composer.h"
#include "resfri-composer-choice.h"
#include "resfri-draft.h"

G_BEGIN_DECLS

/* One completion popover under an entry (the attendees', the venue's). */
typedef struct
{
  ResfriComposer     *self;
  GtkEntry           *entry;
  GtkPopover         *popover;
  GtkListView        *view;
  GtkFilterListModel *filtered;
  GtkSliceListModel  *matches;
  char               *needle;
  guint               n_shown;
  guint               focus_id;
  void              (*pick) (ResfriComposer       *self,
                             ResfriComposerChoice *choice);
} Completion;

struct _ResfriComposer
{
  AdwWindow       parent_instance;

  /* Template widgets */
  AdwToastOverlay *toast_overlay;
  GtkEntry        *title_entry;
  GtkEntry        *date_entry;
  GtkCalendar     *calendar;
  GtkMenuButton   *calendar_button;
  GtkEntry        *start_entry;
  GtkEntry        *end_entry;
  GtkEntry        *attendee_entry;
  GtkListBox      *attendee_list;
  GtkEntry        *venue_entry;
  GtkLabel        *venue_label;
  GtkEntry        *link_entry;
  GtkSpinner      *spinner;
  GtkLabel        *verdict_badge;
  GtkLabel        *mode_label;
  GtkGrid         *figures_grid;
  GtkListBox      *equipment_list;
  GtkBox          *panel;
  GtkButton       *travel_free_button;

  GtkLabel        *bookings_label;

  GtkWindow       *parent;
  ResfriStore     *store;
  GCancellable    *cancellable;

  ResfriDraft     *draft;
  GHashTable      *people;    /* lower-case email → ResfriComposerChoice */
  GHashTable      *site_names;  /* site code → name */
  GHashTable      *room_titles; /* room code → "name, site name" */
  GHashTable      *room_emails; /* a room's lower-case address → "name, site name" */
  Completion       attendees;
  Completion       venues;

  guint            evaluate_id;
  int              pending;        /* a job to run when the one under way is done, or -1 */
  guint            busy : 1;       /* a job is running on a worker thread */
  guint            dirty : 1;      /* evaluate again when it is done */
  guint            syncing : 1;    /* the form is being set from the draft */
  guint            times_valid : 1;
  guint            unsaved : 1;    /* changed since the last save */
  guint            close_after_save : 1; /* "Save" in the close dialog */
  guint            closing : 1;    /* closes without asking */

  char            *clean_state;    /* the form as it opened or was last saved */
  char            *saving_state;   /* the form as the save under way stores it */
  AdwMessageDialog *close_dialog;
};

/* resfri-composer.c */
void _resfri_composer_toast                (ResfriComposer              *self,
                                            const char                  *text);
void _resfri_composer_update_actions       (ResfriComposer              *self);
/* The draft changed: it is unsaved and evaluated again shortly. */
void _resfri_composer_changed              (ResfriComposer              *self);
void _resfri_composer_show_venue           (ResfriComposer              *self,
                                            ResfriComposerChoice        *choice);
void _resfri_composer_show_evaluation      (ResfriComposer              *self,
                                            const ResfriDraftEvaluation *e);
void _resfri_composer_show_incomplete      (ResfriComposer              *self,
                                            const char                  *why);
/* Everything the form holds, as one string: equal strings, the same form. */
char *_resfri_composer_dup_state           (ResfriComposer              *self);

/* resfri-composer-actions.c */
void _resfri_composer_class_actions_init   (ResfriComposerClass         *klass);
void _resfri_composer_schedule_evaluation  (ResfriComposer              *self);

G_END_DECLS

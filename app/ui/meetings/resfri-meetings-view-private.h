/* resfri-meetings-view-private.h
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* What resfri-meetings-view.c (the week, the filters, the selection) shares
 * with resfri-meetings-view-columns.c (the list's columns). */

#pragma once

#include "resfri-meeting-detail.h"
#include "resfri-meetings-day-rows.h"
#include "resfri-meetings-view.h"
#include "resfri-names.h"
#include "resfri-occurrence-list.h"
#include "resfri-policy-verdicts.h"

G_BEGIN_DECLS

/* The meetings view: the occurrences of one ISO week (Monday to Sunday in
 * Europe/Stockholm, the zone the store places floating times in), a search
 * filter, and a detail pane for the selected occurrence. The list is a
 * GtkColumnView over GtkSingleSelection > ResfriMeetingsDayRows (a header
 * row per day) > GtkSortListModel (by day, then the clicked column) >
 * GtkFilterListModel > ResfriOccurrenceList, so only the visible rows have
 * widgets. */
struct _ResfriMeetingsView
{
  AdwBin                parent_instance;

  /* Template widgets */
  GtkButton            *previous_button;
  GtkButton            *next_button;
  GtkMenuButton        *week_button;
  GtkPopover           *calendar_popover;
  GtkCalendar          *calendar;
  GtkLabel             *week_label;
  GtkSearchEntry       *search_entry;
  AdwLeaflet           *leaflet;
  GtkStack             *list_stack;
  GtkSpinner           *spinner;
  GtkColumnView        *column_view;
  AdwStatusPage        *empty_page;
  GtkWidget            *back_box;
  GtkWidget            *detail_box;
  ResfriMeetingDetail  *detail;
  GtkBox               *filter_box;
  char                 *reselect_key;      /* select this occurrence after the reload */
  char                 *pending_key;       /* ... once the (incremental) filter shows it */
  guint                 reselect_idle;
  GtkDropDown          *verdict_dropdown;
  GtkDropDown          *mode_dropdown;
  GtkDropDown          *unit_dropdown;
  GtkStringList        *unit_strings;
  GArray               *unit_ids;          /* gint64, parallel to unit_strings after "All" */
  gint64                unit_filter;       /* -1: all units */
  GHashTable           *bound_items;       /* GtkListItem set: cells that show the policy */
  ResfriPolicyVerdicts *verdicts;          /* the shown week's policy check */
  GCancellable         *policy_cancellable;

  ResfriStore          *store;
  ResfriOccurrenceList *occurrences;
  GtkFilterListModel   *filter_model;
  GtkCustomFilter      *filter;
  GtkSortListModel     *sort_model;
  ResfriMeetingsDayRows *day_rows;
  GPtrArray            *policy_sorters;    /* the verdict and mode columns' */
  GtkSingleSelection   *selection;
  guint                 last_selected;     /* to step over day headers */
  guint                 header_idle;
  GCancellable         *cancellable;
  GTimeZone            *tz;
  GDateTime            *week_start;
  char                 *search_folded;
  guint                 loaded : 1;
  guint                 updating_calendar : 1;
  guint                 updating_units : 1;
};

const ResfriResolvedOccurrence *
           _resfri_meetings_view_lookup_policy      (ResfriMeetingsView *self,
                                                     ResfriOccurrence   *occurrence);
GDateTime *_resfri_meetings_view_local_time         (ResfriMeetingsView *self,
                                                     gint64              unix_time);

/* resfri-meetings-view-columns.c */
void       _resfri_meetings_view_add_columns        (ResfriMeetingsView *self);
void       _resfri_meetings_view_update_policy_cell (ResfriMeetingsView *self,
                                                     GtkWidget          *child);
void       _resfri_meetings_view_forget_cells       (ResfriMeetingsView *self);
void       _resfri_meetings_view_policy_sorters_changed (ResfriMeetingsView *self);

G_END_DECLS

/* resfri-rooms-view-private.h
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* What resfri-rooms-view.c (the rooms, the period, the timeline, Find a
 * Free Room) shares with resfri-rooms-view-booking.c (booking and
 * cancelling from the timeline). */

#pragma once

#include "resfri-bookings.h"
#include "resfri-room-timeline.h"
#include "resfri-rooms-view.h"

G_BEGIN_DECLS

/* More rooms than this and the view opens on one site. */
#define MAX_ALL_ROOMS 200

struct _ResfriRoomsView
{
  AdwBin              parent_instance;

  GtkDropDown        *site_dropdown;
  GtkStringList      *sites;
  GtkToggleButton    *day_button;
  GtkToggleButton    *week_button;
  GtkButton          *previous_button;
  GtkButton          *next_button;
  GtkLabel           *period_label;
  GtkSpinner         *spinner;
  GtkMenuButton      *find_button;
  GtkDropDown        *find_site;
  GtkEntry           *find_date;
  GtkEntry           *find_start;
  GtkEntry           *find_end;
  GtkSpinButton      *find_capacity;
  GtkCheckButton     *find_video;
  GtkButton          *find_go;
  GtkLabel           *find_status;
  GtkListView        *find_results;
  GListStore         *find_rows;     /* (element-type ResfriListRow) */
  ResfriRoomTimeline *timeline;
  GtkRevealer        *attention_revealer;
  GtkLabel           *attention_title;
  GtkListBox         *attention_list;

  ResfriStore        *store;
  GCancellable       *cancellable;
  GCancellable       *find_cancellable;
  GPtrArray          *rooms;     /* every room */
  GPtrArray          *bookings;  /* room bookings of the shown period */
  GDateTime          *day;       /* the day shown, local midnight */
  gint64              from;
  guint               n_days;
  GCancellable       *slot_cancellable;
  char               *pending_room;   /* resfri_rooms_view_show_room() before the rooms are read */
  guint               shown_once : 1;
  guint               sites_filled : 1;
};

void _resfri_rooms_view_booking_init (ResfriRoomsView *self);
void _resfri_rooms_view_load          (ResfriRoomsView *self);

G_END_DECLS

/* resfri-utilisation.h
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The utilisation of loan pools and video rooms: booked hours and their
 * share of the working hours of a period.
 */

#pragma once

#include <gio/gio.h>

#include "resfri-booking.h"
#include "resfri-store.h"

G_BEGIN_DECLS

#define RESFRI_TYPE_UTILISATION (resfri_utilisation_get_type ())

/**
 * ResfriUtilisation:
 * @kind: RESFRI_BOOKING_ITEM for a loan pool, RESFRI_BOOKING_ROOM for a
 *   video room
 * @site: the site's code
 * @type: (nullable): the pool's equipment type; %NULL for a room
 * @room: (nullable): the room's code; %NULL for a pool
 * @name: (nullable): the room's name; %NULL for a pool
 * @items: the pool's size (loan items in state ok); 1 for a room
 * @booked_hours: hours booked within the period, at any time of day
 * @booked_working_hours: the part of @booked_hours inside working hours
 * @working_hours: @items × the period's working hours
 * @share: @booked_working_hours / @working_hours, NAN when that is 0
 */
typedef struct
{
  ResfriBookingKind  kind;
  char              *site;
  char              *type;
  char              *room;
  char              *name;
  gint64             items;
  double             booked_hours;
  double             booked_working_hours;
  double             working_hours;
  double             share;
} ResfriUtilisation;

GType                    resfri_utilisation_get_type            (void) G_GNUC_CONST;
ResfriUtilisation       *resfri_utilisation_copy                (const ResfriUtilisation *row);
void                     resfri_utilisation_free                (ResfriUtilisation    *row);

double                   resfri_bookings_working_hours          (gint64                from,
                                                                 gint64                to);
GPtrArray               *resfri_bookings_get_utilisation        (ResfriStore          *store,
                                                                 gint64                from,
                                                                 gint64                to,
                                                                 GError              **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ResfriUtilisation, resfri_utilisation_free)

G_END_DECLS

/* resfri-loans.h
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Loans of equipment items: lending one item to a person for an
 * occurrence, the loans allocate --book writes, and lending what an
 * occurrence's remote attendees (and a hybrid meeting's room) lack.
 */

#pragma once

#include <gio/gio.h>

#include "resfri-booking.h"
#include "resfri-store.h"

G_BEGIN_DECLS

#define RESFRI_TYPE_ITEM_NEED (resfri_item_need_get_type ())

/**
 * ResfriItemNeed:
 * @person: (nullable): the remote attendee's email; %NULL for the video kit
 *   of a hybrid meeting's room
 * @type: "headset", "camera" or "vc-kit"
 * @site: the code of the pool's site: the attendee's home site, or the
 *   meeting's site for a video kit
 * @site_name: that site's name
 * @booking: (nullable): the loan booked, %NULL when the pool had no free item
 *
 * One piece of equipment a remote attendee (or a hybrid meeting's room)
 * lacked, and what resfri_bookings_book_missing_items() did about it.
 */
typedef struct
{
  char          *person;
  char          *type;
  char          *site;
  char          *site_name;
  ResfriBooking *booking;
} ResfriItemNeed;

GType                    resfri_item_need_get_type              (void) G_GNUC_CONST;
ResfriItemNeed          *resfri_item_need_copy                  (const ResfriItemNeed *need);
void                     resfri_item_need_free                  (ResfriItemNeed       *need);

ResfriBooking           *resfri_bookings_book_item              (ResfriStore          *store,
                                                                 const char           *tag,
                                                                 const char           *uid,
                                                                 const char           *recurrence_id,
                                                                 const char           *person,
                                                                 GError              **error);
gint64                   resfri_bookings_add_item               (ResfriStore          *store,
                                                                 gint64                equipment_id,
                                                                 const char           *uid,
                                                                 const char           *recurrence_id,
                                                                 gint64                person_id,
                                                                 gint64                start,
                                                                 gint64                end,
                                                                 GError              **error);
GPtrArray               *resfri_bookings_book_missing_items     (ResfriStore          *store,
                                                                 const char           *uid,
                                                                 const char           *recurrence_id,
                                                                 GError              **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ResfriItemNeed, resfri_item_need_free)

G_END_DECLS

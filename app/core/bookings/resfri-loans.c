/* resfri-loans.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Loans of equipment items: lending one item to a person for an
 * occurrence, the loans allocate --book writes, and lending what the remote
 * attendees of an occurrence (and a hybrid meeting's room) lack.
 *
 * Rules decided here (for spec/cli.md):
 *
 * - `book item` lends a loan item (no owner) in state ok to a person for an
 *   occurrence. A headset, camera or any other personal-use type must be in
 *   the pool of the person's home site, as allocation assigns them
 *   (spec/allocation.md); a vc-kit serves a room rather than a person and
 *   may come from any site's pool. The interval is the occurrence's widened
 *   by the policy's loan_buffer_min on each side, as allocation's demands.
 * - resfri_bookings_add_item(), for allocate --book, checks only what must
 *   always hold (a loan item in state ok, an existing occurrence and
 *   person, end > start) and takes the interval as given.
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "resfri-bookings-private.h"
#include "resfri-inventory.h"
#include "resfri-loans.h"
#include "resfri-policy-check.h"
#include "resfri-policy-settings.h"

G_DEFINE_BOXED_TYPE (ResfriItemNeed, resfri_item_need, resfri_item_need_copy,
                     resfri_item_need_free)

ResfriItemNeed *
resfri_item_need_copy (const ResfriItemNeed *need)
{
  ResfriItemNeed *copy = g_new0 (ResfriItemNeed, 1);

  copy->person = g_strdup (need->person);
  copy->type = g_strdup (need->type);
  copy->site = g_strdup (need->site);
  copy->site_name = g_strdup (need->site_name);
  copy->booking = need->booking != NULL ? resfri_booking_copy (need->booking) : NULL;

  return copy;
}

void
resfri_item_need_free (ResfriItemNeed *need)
{
  if (need == NULL)
    return;
  g_free (need->person);
  g_free (need->type);
  g_free (need->site);
  g_free (need->site_name);
  g_clear_pointer (&need->booking, resfri_booking_free);
  g_free (need);
}

static gboolean
check_loanable (const ItemRow  *item,
                GError        **error)
{
  ResfriItemState state;

  if (g_strcmp0 (item->state, "ok") != 0)
    {
      /* Translators: the asset tag, and the item's state (broken, retired). */
      g_set_error (error, RESFRI_ERROR, RESFRI_ERROR_CONFLICT,
                   _("Item %s cannot be lent: it is %s"), item->tag,
                   resfri_item_state_from_string (item->state, &state)
                   ? resfri_item_state_get_label (state) : item->state);
      return FALSE;
    }
  if (item->owner_id != 0)
    {
      g_set_error (error, RESFRI_ERROR, RESFRI_ERROR_CONFLICT,
                   _("Item %s cannot be lent: it is personal equipment, not a loan item"),
                   item->tag);
      return FALSE;
    }

  return TRUE;
}

gint64
_resfri_loans_add_in_transaction (ResfriStore  *store,
                                  const ItemRow *item,
                                  const char   *uid,
                                  const char   *recurrence_id,
                                  gint64        person_id,
                                  gint64        start,
                                  gint64        end,
                                  GError      **error)
{
  g_autoptr(GError) local_error = NULL;
  gint64 id;

  if (!check_loanable (item, error) || !_resfri_bookings_check_duration (start, end, error))
    return 0;
  /* What the item's calendar reserves for another occurrence is taken. */
  if (_resfri_reservations_find_item (store, item->id, item->tag, start, end, uid, recurrence_id,
                                      error) != 0 ||
      _resfri_reservations_check_pool (store, item, start, end, uid, recurrence_id, error) != 0)
    return 0;

  id = _resfri_bookings_insert (store, 0, item->id, person_id, item->tag, uid, recurrence_id,
                                start, end, &local_error);
  if (id > 0)
    return id;

  _resfri_bookings_explain_conflict (store, FALSE, item->tag, item->id, start, end, &local_error);
  g_propagate_error (error, g_steal_pointer (&local_error));
  return 0;
}

/**
 * resfri_bookings_add_item:
 * @equipment_id: the item's row id (equipment.id)
 * @uid: the occurrence's UID
 * @recurrence_id: (nullable): its RECURRENCE-ID ("" or %NULL when it does
 *   not recur)
 * @person_id: the borrower's row id (people.id), or 0 for none (a vc-kit)
 * @start: the loan's start (the caller adds any handover buffer)
 * @end: its end, after @start
 *
 * Books a loan item for an interval, for allocate --book. Checks that the
 * item is a loan item in state ok, that the occurrence exists and is not
 * cancelled and that the person exists; an overlap with another booking of
 * the item is refused with RESFRI_ERROR_CONFLICT naming it. Runs in the
 * caller's transaction when there is one (a refusal then leaves that
 * transaction open, with nothing of this call written), else in its own.
 *
 * Returns: the new booking's id, or 0 with @error
 */
gint64
resfri_bookings_add_item (ResfriStore  *store,
                          gint64        equipment_id,
                          const char   *uid,
                          const char   *recurrence_id,
                          gint64        person_id,
                          gint64        start,
                          gint64        end,
                          GError      **error)
{
  g_auto(ItemRow) item = { 0 };
  gboolean own_transaction;
  gint64 occurrence_start, occurrence_end;
  gint64 person, person_site;
  gint64 id = 0;

  g_return_val_if_fail (RESFRI_IS_STORE (store), 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  if (!_resfri_bookings_check_text (uid, _("The UID is empty"), error))
    return 0;

  own_transaction = !_resfri_store_in_transaction (store);
  if (own_transaction && !_resfri_store_begin (store, error))
    return 0;

  if (_resfri_bookings_read_item (store, NULL, equipment_id, &item, error) &&
      _resfri_bookings_find_occurrence (store, uid, recurrence_id, &occurrence_start,
                                        &occurrence_end, NULL, error) &&
      (person_id == 0 ||
       _resfri_bookings_read_person (store, NULL, person_id, &person, &person_site, error)))
    id = _resfri_loans_add_in_transaction (store, &item, uid, recurrence_id, person_id, start, end,
                                           error);

  if (own_transaction)
    {
      if (id == 0)
        _resfri_store_rollback (store);
      else if (!_resfri_store_commit (store, error))
        return 0;
    }

  return id;
}

static ResfriBooking *
book_item_in_transaction (ResfriStore  *store,
                          const char   *tag,
                          const char   *uid,
                          const char   *recurrence_id,
                          const char   *email,
                          gint64        buffer,
                          GError      **error)
{
  g_auto(ItemRow) item = { 0 };
  gint64 start, end;
  gint64 person_id, person_site;
  gint64 id;

  if (!_resfri_bookings_read_item (store, tag, 0, &item, error) ||
      !_resfri_bookings_read_person (store, email, 0, &person_id, &person_site, error) ||
      !_resfri_bookings_find_occurrence (store, uid, recurrence_id, &start, &end, NULL, error) ||
      !check_loanable (&item, error) ||
      !_resfri_bookings_check_duration (start, end, error))
    return NULL;

  if (g_strcmp0 (item.type, "vc-kit") != 0 && item.site_id != person_site)
    {
      g_set_error (error, RESFRI_ERROR, RESFRI_ERROR_CONFLICT,
                   _("Item %s is in the loan pool of another site than the person’s home site"),
                   item.tag);
      return NULL;
    }

  id = _resfri_loans_add_in_transaction (store, &item, uid, recurrence_id, person_id,
                                         start - buffer, end + buffer, error);
  if (id == 0)
    return NULL;

  return _resfri_bookings_get (store, id, error);
}

/**
 * resfri_bookings_book_item:
 * @tag: the item's asset tag
 * @uid: the occurrence's UID
 * @recurrence_id: (nullable): its RECURRENCE-ID ("" or %NULL when the
 *   meeting does not recur)
 * @person: the borrower's email
 *
 * Lends a loan item to a person for one occurrence (the rules are at the
 * top of this file): the interval is the occurrence's, widened by the
 * policy's loan_buffer_min. Refused with RESFRI_ERROR_CONFLICT when the item
 * is not ok, is personal, is at another site than the person's home site
 * (except a vc-kit) or is booked for an overlapping interval.
 *
 * Returns: (transfer full): the booking, or %NULL with @error
 */
ResfriBooking *
resfri_bookings_book_item (ResfriStore  *store,
                           const char   *tag,
                           const char   *uid,
                           const char   *recurrence_id,
                           const char   *person,
                           GError      **error)
{
  g_autoptr(ResfriPolicy) policy = NULL;
  ResfriBooking *booking;

  g_return_val_if_fail (RESFRI_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!_resfri_bookings_check_text (tag, _("The asset tag is empty"), error) ||
      !_resfri_bookings_check_text (uid, _("The UID is empty"), error) ||
      !_resfri_bookings_check_text (person, _("The email is empty"), error))
    return NULL;

  if (!(policy = resfri_policy_load (store, error)))
    return NULL;

  if (!_resfri_store_begin (store, error))
    return NULL;

  booking = book_item_in_transaction (store, tag, uid, recurrence_id, person,
                                      (gint64) policy->loan_buffer_min * 60, error);
  if (booking == NULL)
    {
      _resfri_store_rollback (store);
      return NULL;
    }
  if (!_resfri_store_commit (store, error) ||
      !_resfri_bookings_after_book_one (store, booking, error))
    {
      resfri_booking_free (booking);
      return NULL;
    }

  return booking;
}

typedef struct
{
  gint64    person_id;
  char     *email;
  gint64    site_id;
  gboolean  has_headset;
  gboolean  has_camera;
} RemoteAttendee;

typedef struct
{
  const char *uid;
  const char *recurrence_id;
  gboolean    found;
  GArray     *remote;   /* RemoteAttendee */
  gint64      kit_site; /* a hybrid one's venue site when its room has no video, else 0 */
} RemoteData;

static void
remote_attendee_clear (gpointer data)
{
  RemoteAttendee *attendee = data;

  g_free (attendee->email);
}

/* The remote attendees of the occurrence (spec/allocation.md): every
 * internal attendee of an online one; for a hybrid one those whose home site
 * is not the venue's; an in-person or unknown one counts as if it were held
 * online (the policy scenario). */
static gboolean
collect_remote_cb (const ResfriResolvedOccurrence *occurrence,
                   gpointer                        user_data)
{
  RemoteData *data = user_data;

  if (strcmp (occurrence->uid, data->uid) != 0 ||
      strcmp (occurrence->recurrence_id, data->recurrence_id) != 0)
    return TRUE;

  data->found = TRUE;
  /* A hybrid meeting in a room without video equipment needs a video
   * kit from its site's pool (spec/allocation.md). */
  if (occurrence->mode == RESFRI_MODE_HYBRID && occurrence->venue_room_id != 0 &&
      !occurrence->venue_room_vc)
    data->kit_site = occurrence->venue_site_id;
  for (guint i = 0; i < occurrence->n_attendees; i++)
    {
      const ResfriResolvedAttendee *resolved = &occurrence->attendees[i];
      RemoteAttendee attendee = { 0 };

      if (occurrence->mode == RESFRI_MODE_HYBRID &&
          resolved->home_site_id == occurrence->venue_site_id)
        continue;

      attendee.person_id = resolved->person_id;
      attendee.email = g_strdup (resolved->email);
      attendee.site_id = resolved->home_site_id;
      attendee.has_headset = resolved->has_headset;
      attendee.has_camera = resolved->has_camera;
      g_array_append_val (data->remote, attendee);
    }

  return FALSE;
}

/* Lends the first free item of the pool (@site_id, @type) for [start, end)
 * to @person (NULL: to the meeting's room); the need says what was lent,
 * its booking NULL when the pool had none free. NULL on error. */
static ResfriItemNeed *
lend_item (ResfriStore  *store,
           const char   *uid,
           const char   *recurrence_id,
           const char   *person,
           gint64        person_id,
           gint64        site_id,
           const char   *type,
           gint64        start,
           gint64        end,
           GError      **error)
{
  g_autoptr(ResfriItemNeed) need = g_new0 (ResfriItemNeed, 1);
  gint64 item_id;

  need->person = g_strdup (person);
  need->type = g_strdup (type);
  if (!_resfri_bookings_read_site (store, site_id, &need->site, &need->site_name, error))
    return NULL;

  if ((item_id = _resfri_bookings_find_free_item (store, site_id, type, start, end, error)) < 0)
    return NULL;
  if (item_id > 0)
    {
      g_auto(ItemRow) item = { 0 };
      g_autoptr(GError) local = NULL;
      gint64 id;
      int full;

      if (!_resfri_bookings_read_item (store, NULL, item_id, &item, error))
        return NULL;
      /* The pool's calendar may reserve its last free item: none to lend. */
      full = _resfri_reservations_check_pool (store, &item, start, end, uid, recurrence_id,
                                              &local);
      if (full < 0)
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return NULL;
        }
      if (full > 0)
        return g_steal_pointer (&need);
      id = _resfri_loans_add_in_transaction (store, &item, uid, recurrence_id, person_id, start,
                                             end, error);
      if (id == 0 || !(need->booking = _resfri_bookings_get (store, id, error)))
        return NULL;
    }

  return g_steal_pointer (&need);
}

static GPtrArray *
book_missing_in_transaction (ResfriStore  *store,
                             const char   *uid,
                             const char   *recurrence_id,
                             gint64        buffer,
                             GError      **error)
{
  static const char * const types[] = { "headset", "camera" };
  g_autoptr(GPtrArray) needs = NULL;
  g_autoptr(GArray) remote = NULL;
  RemoteData data = { uid, recurrence_id, FALSE, NULL, 0 };
  gint64 start, end;

  if (!_resfri_bookings_find_occurrence (store, uid, recurrence_id, &start, &end, NULL, error))
    return NULL;

  remote = g_array_new (FALSE, TRUE, sizeof (RemoteAttendee));
  g_array_set_clear_func (remote, remote_attendee_clear);
  data.remote = remote;
  if (!resfri_policy_check_occurrences (store, NULL, start, start + 1, collect_remote_cb, &data,
                                   NULL, error))
    return NULL;

  needs = g_ptr_array_new_with_free_func ((GDestroyNotify) resfri_item_need_free);
  for (guint i = 0; i < remote->len; i++)
    {
      const RemoteAttendee *attendee = &g_array_index (remote, RemoteAttendee, i);

      for (guint t = 0; t < G_N_ELEMENTS (types); t++)
        {
          gboolean owns = t == 0 ? attendee->has_headset : attendee->has_camera;
          g_autoptr(ResfriItemNeed) need = NULL;
          int booked;

          if (owns)
            continue;
          booked = _resfri_bookings_has_loan (store, uid, recurrence_id, attendee->person_id,
                                              types[t], error);
          if (booked < 0)
            return NULL;
          if (booked)
            continue;

          if (!(need = lend_item (store, uid, recurrence_id, attendee->email,
                                  attendee->person_id, attendee->site_id, types[t],
                                  start - buffer, end + buffer, error)))
            return NULL;
          g_ptr_array_add (needs, g_steal_pointer (&need));
        }
    }

  if (data.kit_site != 0)
    {
      g_autoptr(ResfriItemNeed) need = NULL;
      int booked = _resfri_bookings_has_loan (store, uid, recurrence_id, 0, "vc-kit", error);

      if (booked < 0)
        return NULL;
      if (!booked)
        {
          if (!(need = lend_item (store, uid, recurrence_id, NULL, 0, data.kit_site, "vc-kit",
                                  start - buffer, end + buffer, error)))
            return NULL;
          g_ptr_array_add (needs, g_steal_pointer (&need));
        }
    }

  return g_steal_pointer (&needs);
}

/**
 * resfri_bookings_book_missing_items:
 * @uid: the occurrence's UID
 * @recurrence_id: (nullable): its RECURRENCE-ID ("" or %NULL when it does
 *   not recur)
 *
 * Lends a headset and a camera to each remote attendee of one occurrence
 * who owns no working one of that type and has none booked for it yet,
 * and, when the occurrence is hybrid in a room without video equipment and
 * has no video kit booked, a video kit from the pool of its site (the
 * vc-kit demand of spec/allocation.md).
 * Remote attendees are those of spec/allocation.md; an in-person (or
 * unknown) occurrence counts as if it were held online, as the policy
 * scenario does. Each loan takes the first item (by tag) of the pool of
 * the attendee's home site that no booking holds during the occurrence
 * widened by loan_buffer_min, as resfri_bookings_book_item() does. One
 * transaction: on an error nothing is booked.
 *
 * Returns: (transfer container) (element-type ResfriItemNeed): each lacking
 *   attendee and type, by attendee, then the room's video kit, with the
 *   booking made or %NULL when the pool had no free item; empty when
 *   nothing is lacking; %NULL with @error
 */
GPtrArray *
resfri_bookings_book_missing_items (ResfriStore  *store,
                                    const char   *uid,
                                    const char   *recurrence_id,
                                    GError      **error)
{
  g_autoptr(ResfriPolicy) policy = NULL;
  g_autoptr(GPtrArray) needs = NULL;

  g_return_val_if_fail (RESFRI_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!_resfri_bookings_check_text (uid, _("The UID is empty"), error))
    return NULL;
  if (!(policy = resfri_policy_load (store, error)))
    return NULL;
  if (!_resfri_store_begin (store, error))
    return NULL;

  needs = book_missing_in_transaction (store, uid, recurrence_id ? recurrence_id : "",
                                       (gint64) policy->loan_buffer_min * 60, error);
  if (needs == NULL)
    {
      _resfri_store_rollback (store);
      return NULL;
    }
  if (!_resfri_store_commit (store, error))
    return NULL;

  return g_steal_pointer (&needs);
}

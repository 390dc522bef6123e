/* resfri-demands.h
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The demands of spec/allocation.md: what loan equipment the remote
 * attendees of the horizon's occurrences need, per scenario.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  RESFRI_SCENARIO_PLANNED,
  RESFRI_SCENARIO_POLICY,
} ResfriScenario;

const char *resfri_scenario_to_string (ResfriScenario scenario);

/**
 * ResfriDemandOccurrence:
 * @uid: the occurrence's UID
 * @recurrence_id: its RECURRENCE-ID as stored ("" for a single event)
 * @start: the occurrence's start (UTC unix seconds)
 * @end: its end
 */
typedef struct
{
  const char *uid;
  const char *recurrence_id;
  gint64      start;
  gint64      end;
} ResfriDemandOccurrence;

/**
 * ResfriDemand:
 * @person_id: people.id, 0 for a vc-kit demand
 * @person: (nullable): the person's email, %NULL for a vc-kit demand
 * @type: "headset", "camera" or "vc-kit"
 * @site_id: sites.id of the pool that serves it
 * @site: that site's code
 * @start: the demand's interval, buffer included
 * @end: its end
 * @first_member: where its occurrences start in the allocation's @members
 * @n_members: how many occurrences it stands for (≥ 1)
 * @item_id: equipment.id of the item that serves it, 0 when unmet
 * @item: (nullable): that item's asset tag
 * @booked: the item was already booked for it before this allocation
 *
 * One (merged) demand of spec/allocation.md. Strings belong to the
 * allocation.
 */
typedef struct
{
  gint64      person_id;
  const char *person;
  const char *type;
  gint64      site_id;
  const char *site;
  gint64      start;
  gint64      end;
  guint       first_member;
  guint       n_members;
  gint64      item_id;
  const char *item;
  gboolean    booked;
} ResfriDemand;

G_END_DECLS

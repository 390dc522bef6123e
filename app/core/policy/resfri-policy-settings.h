/* resfri-policy-settings.h
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The policy settings of spec/policy.md and spec/allocation.md. Each has a
 * default in code; table `policy` holds a row only for a setting changed
 * from its default. Unit prices (`price.TYPE`) live in table
 * equipment_types, and setting the price of a new type creates the type.
 */

#pragma once

#include <gio/gio.h>

#include "resfri-store.h"

G_BEGIN_DECLS

#define RESFRI_TYPE_POLICY (resfri_policy_get_type ())
#define RESFRI_TYPE_POLICY_SETTING (resfri_policy_setting_get_type ())

/* The prefix of the unit-price keys: "price.headset". */
#define RESFRI_POLICY_PRICE_PREFIX "price."
/* The organisation's travel-free target, and the prefix of a unit's own:
 * "target_share.Socialförvaltningen" (spec/planning.md "Targets"). */
#define RESFRI_POLICY_TARGET_SHARE "target_share"
#define RESFRI_POLICY_TARGET_PREFIX "target_share."

/**
 * ResfriPolicy:
 * @detour_factor: road distance per great-circle distance (≥ 1)
 * @co2_kg_per_km: kg of CO2 per km travelled (≥ 0)
 * @cost_per_km: SEK per km travelled (≥ 0)
 * @speed_kmh: average travel speed (> 0)
 * @local_km: the largest one-way distance of a local meeting (≥ 0)
 * @loan_buffer_min: handover margin around a loan, in minutes (≥ 0)
 * @extra_meeting_hosts: host names of meeting services added in the
 *   settings, besides the built-in ones; never %NULL. Use
 *   resfri_policy_dup_meeting_hosts() for the full list.
 * @retention_months: months after its end that an occurrence keeps its
 *   personal data (≥ 1; privacy/resfri-retention.c)
 * @target_share: the organisation's target travel-free share (0..1), NAN
 *   when none is set
 * @unit_targets: "UNIT=SHARE" of each `target_share.UNIT` set, never
 *   %NULL; use resfri_policy_get_target_share()
 *
 * The policy settings, loaded at once with resfri_policy_load().
 */
typedef struct
{
  double   detour_factor;
  double   co2_kg_per_km;
  double   cost_per_km;
  double   speed_kmh;
  double   local_km;
  int      loan_buffer_min;
  char   **extra_meeting_hosts;
  int      retention_months;
  double   target_share;
  char   **unit_targets;
} ResfriPolicy;

typedef enum
{
  RESFRI_POLICY_VALUE_NUMBER,
  RESFRI_POLICY_VALUE_MINUTES,
  RESFRI_POLICY_VALUE_HOSTS,
  RESFRI_POLICY_VALUE_PRICE,
  RESFRI_POLICY_VALUE_SHARE,
} ResfriPolicyValueKind;

/**
 * ResfriPolicySetting:
 * @key: "detour_factor", "price.headset"
 * @kind: what the value is
 * @value: the current value as text, in the form resfri_policy_set() takes
 *   (numbers with a decimal point; hosts comma-separated; a share not set
 *   is the empty string)
 * @default_value: (nullable): the default as text; %NULL for the price of
 *   a type added as data and for a unit's target
 * @description: one translated line saying what the setting does
 *
 * One line of the settings listing (`policy show`, the preferences).
 */
typedef struct
{
  char                  *key;
  ResfriPolicyValueKind  kind;
  char                  *value;
  char                  *default_value;
  char                  *description;
} ResfriPolicySetting;

GType                resfri_policy_get_type                   (void) G_GNUC_CONST;
ResfriPolicy        *resfri_policy_new_default                (void);
ResfriPolicy        *resfri_policy_copy                       (const ResfriPolicy  *policy);
void                 resfri_policy_free                       (ResfriPolicy        *policy);
ResfriPolicy        *resfri_policy_load                       (ResfriStore         *store,
                                                               GError             **error);

const char * const  *resfri_policy_get_builtin_meeting_hosts  (void);
char               **resfri_policy_dup_meeting_hosts          (const ResfriPolicy  *policy);
gboolean             resfri_policy_is_meeting_host            (const ResfriPolicy  *policy,
                                                               const char          *host);

gboolean             resfri_policy_get_target_share           (const ResfriPolicy  *policy,
                                                               const char          *unit_path,
                                                               double              *share);

gboolean             resfri_policy_get_unit_price             (ResfriStore         *store,
                                                               const char          *type,
                                                               double              *price,
                                                               GError             **error);

char                *resfri_policy_parse_value                (const char          *key,
                                                               const char          *value,
                                                               GError             **error);
gboolean             resfri_policy_set                        (ResfriStore         *store,
                                                               const char          *key,
                                                               const char          *value,
                                                               GError             **error);

GType                resfri_policy_setting_get_type           (void) G_GNUC_CONST;
ResfriPolicySetting *resfri_policy_setting_copy               (const ResfriPolicySetting *setting);
void                 resfri_policy_setting_free               (ResfriPolicySetting *setting);
GPtrArray           *resfri_policy_list_settings              (ResfriStore         *store,
                                                               GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ResfriPolicy, resfri_policy_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ResfriPolicySetting, resfri_policy_setting_free)

/* The setting's short title for people, translated; the key when unknown. */
char           *resfri_policy_dup_setting_title (const char *key);

G_END_DECLS

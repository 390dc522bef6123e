/* resfri-audit-detail.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The audit log's objects and details in words for people (the window's
 * Audit Log): the codes the concepts record (a setting's key, an item's
 * state, an exemption's reason, a source's kind, a calendar's role, the
 * "key=value" counts of imports, syncs, the demo and purges) translated.
 * The log itself keeps the codes, which the CLI's JSON prints.
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "resfri-audit.h"
#include "resfri-exemption.h"
#include "resfri-inventory.h"
#include "resfri-policy-settings.h"

#define CONTEXT "audit detail"

typedef struct
{
  const char *code;
  const char *label;
} Label;

/* The keys of "key=value" details. */
static const Label keys[] = {
  { "register", NC_("audit detail", "register") },
  { "rows", NC_("audit detail", "rows") },
  { "inserted", NC_("audit detail", "added") },
  { "updated", NC_("audit detail", "updated") },
  { "meetings", NC_("audit detail", "meetings") },
  { "occurrences", NC_("audit detail", "occurrences") },
  { "cancelled", NC_("audit detail", "cancelled") },
  { "source", NC_("audit detail", "source") },
  { "role", NC_("audit detail", "role") },
  { "calendars", NC_("audit detail", "calendars") },
  { "added", NC_("audit detail", "added") },
  { "changed", NC_("audit detail", "changed") },
  { "removed", NC_("audit detail", "removed") },
  { "employees", NC_("audit detail", "employees") },
  { "seed", NC_("audit detail", "seed") },
  { "year", NC_("audit detail", "year") },
  { "attendees", NC_("audit detail", "attendee rows removed") },
  { "bytes", NC_("audit detail", "bytes of text removed") },
};

/* Codes that stand as values or alone. */
static const Label codes[] = {
  /* registers */
  { "units", NC_("audit detail", "units") },
  { "sites", NC_("audit detail", "sites") },
  { "people", NC_("audit detail", "people") },
  { "rooms", NC_("audit detail", "rooms") },
  { "distances", NC_("audit detail", "distances") },
  { "equipment", NC_("audit detail", "equipment") },
  /* a followed calendar's role */
  { "person", NC_("audit detail", "a person’s calendar") },
  { "room", NC_("audit detail", "a room") },
  { "pool", NC_("audit detail", "a loan pool") },
  { "item", NC_("audit detail", "an item") },
  { "feed", NC_("audit detail", "a published calendar") },
  /* a sync's outcome */
  { "failed", NC_("audit detail", "failed") },
  { "stopped", NC_("audit detail", "stopped") },
  /* a source's kind */
  { "caldav", NC_("audit detail", "CalDAV account") },
  { "url", NC_("audit detail", "published calendar") },
  /* an online link's mode */
  { "online", NC_("audit detail", "online meeting") },
  { "hybrid", NC_("audit detail", "hybrid meeting") },
  /* equipment types */
  { "headset", NC_("audit detail", "headset") },
  { "camera", NC_("audit detail", "camera") },
  { "vc-kit", NC_("audit detail", "video-conference kit") },
};

static const char *
lookup (const Label *labels,
        gsize        n_labels,
        const char  *code)
{
  for (gsize i = 0; i < n_labels; i++)
    if (strcmp (labels[i].code, code) == 0)
      return g_dpgettext2 (GETTEXT_PACKAGE, CONTEXT, labels[i].label);

  return NULL;
}

static const char *
code_label (const char *code)
{
  const char *label = lookup (codes, G_N_ELEMENTS (codes), code);

  return label != NULL ? label : code;
}

/* "meetings=3 occurrences=9 failed" → "meetings: 3, occurrences: 9, failed" */
static char *
describe_pairs (const char *detail)
{
  g_auto(GStrv) tokens = g_strsplit (detail, " ", -1);
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; tokens[i] != NULL; i++)
    {
      char *equals = strchr (tokens[i], '=');
      const char *key_label;

      if (*tokens[i] == '\0')
        continue;
      if (out->len > 0)
        g_string_append (out, ", ");
      if (equals == NULL)
        {
          g_string_append (out, code_label (tokens[i]));
          continue;
        }
      *equals = '\0';
      key_label = lookup (keys, G_N_ELEMENTS (keys), tokens[i]);
      /* Translators: one count or fact of an audit log entry's detail,
       * "meetings: 3" */
      g_string_append_printf (out, C_("audit detail", "%s: %s"),
                              key_label != NULL ? key_label : tokens[i],
                              code_label (equals + 1));
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/**
 * resfri_audit_describe_object:
 * @entry: an entry of the log
 *
 * Returns: (transfer full): the object's id for people: a setting's title
 *   ("Detour factor") instead of its key; the id itself otherwise
 */
char *
resfri_audit_describe_object (const ResfriAuditEntry *entry)
{
  g_return_val_if_fail (entry != NULL, NULL);

  if (g_strcmp0 (entry->object_kind, "setting") == 0 && entry->object_id != NULL)
    return resfri_policy_dup_setting_title (entry->object_id);

  return g_strdup (entry->object_id);
}

/**
 * resfri_audit_describe_detail:
 * @entry: an entry of the log
 *
 * Returns: (transfer full) (nullable): the detail for people, translated:
 *   an item's state ("Broken"), an exemption's reason in words, a source's
 *   kind, counts as "meetings: 3, occurrences: 9"; a setting's value, a
 *   booked resource or a site as they are; %NULL without a detail
 */
char *
resfri_audit_describe_detail (const ResfriAuditEntry *entry)
{
  const char *action;
  const char *detail;
  ResfriItemState state;

  g_return_val_if_fail (entry != NULL, NULL);

  action = entry->action != NULL ? entry->action : "";
  detail = entry->detail;
  if (detail == NULL || *detail == '\0')
    return NULL;

  if (strcmp (action, "item-state") == 0 && resfri_item_state_from_string (detail, &state))
    return g_strdup (resfri_item_state_get_label (state));
  if (strcmp (action, "exempt") == 0 && resfri_exemption_describe_reason (detail) != NULL)
    return g_strdup (resfri_exemption_describe_reason (detail));
  if (strcmp (action, "item-add") == 0 || strcmp (action, "item-edit") == 0 ||
      strcmp (action, "source-add") == 0 || strcmp (action, "source-remove") == 0 ||
      strcmp (action, "meeting-link") == 0)
    return g_strdup (code_label (detail));
  /* Values, resources and sites are data, said as they are. */
  if (strcmp (action, "setting") == 0 || strchr (detail, '=') == NULL)
    return g_strdup (detail);

  return describe_pairs (detail);
}

/* resfri-meetings-utils.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* What the Meetings view and its detail pane share: times in the zone the
 * store places floating times in, the mode's words and the verdict badge,
 * the key of an occurrence ("UID\x1fRECURRENCE-ID"), stack pages,
 * toasts, and buttons that show their action is running. */

#include "config.h"

#include <glib/gi18n.h>

#include "resfri-meetings-utils.h"
#include "resfri-verdict-style.h"

/* Europe/Stockholm, or the local zone without tzdata. */
GTimeZone *
resfri_meetings_dup_time_zone (void)
{
  GTimeZone *tz = g_time_zone_new_identifier ("Europe/Stockholm");

  return tz != NULL ? tz : g_time_zone_new_local ();
}

static GDateTime *
local_time (GTimeZone *tz,
            gint64     unix_time)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (unix_time);

  return g_date_time_to_timezone (utc, tz);
}

char *
resfri_meetings_format_time_range (GTimeZone        *tz,
                                   ResfriOccurrence *occurrence,
                                   gboolean          with_date)
{
  g_autoptr(GDateTime) start = local_time (tz, resfri_occurrence_get_start (occurrence));
  g_autoptr(GDateTime) end = local_time (tz, resfri_occurrence_get_end (occurrence));
  g_autofree char *date = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;

  /* Translators: a weekday and an ISO date, as in "Monday 2026-03-16" */
  date = g_date_time_format (start, _("%A %Y-%m-%d"));

  if (resfri_occurrence_get_all_day (occurrence))
    {
      if (!with_date)
        return g_strdup (_("All day"));
      /* Translators: %s is a date, as in "Monday 2026-03-16" */
      return g_strdup_printf (_("%s, all day"), date);
    }

  from = g_date_time_format (start, "%H:%M");

  if (g_date_time_get_year (start) != g_date_time_get_year (end) ||
      g_date_time_get_day_of_year (start) != g_date_time_get_day_of_year (end))
    {
      g_autofree char *end_text = NULL;

      /* Translators: an ISO date and a 24-hour time, as in "2026-03-17 10:00" */
      end_text = g_date_time_format (end, _("%Y-%m-%d %H:%M"));
      if (!with_date)
        return g_strdup_printf ("%s – %s", from, end_text);
      return g_strdup_printf ("%s %s – %s", date, from, end_text);
    }

  to = g_date_time_format (end, "%H:%M");
  if (!with_date)
    return g_strdup_printf ("%s–%s", from, to);
  /* Translators: a date and a span of time, as in "Monday 2026-03-16, 09:00–10:00" */
  return g_strdup_printf (_("%s, %s–%s"), date, from, to);
}

/* What the policy check said of @occurrence, or NULL (no check yet, or
 * none of the occurrence). */
const ResfriResolvedOccurrence *
resfri_meetings_lookup_verdict (ResfriPolicyVerdicts *verdicts,
                                ResfriOccurrence     *occurrence)
{
  if (verdicts == NULL || occurrence == NULL)
    return NULL;

  return resfri_policy_verdicts_lookup (verdicts, resfri_occurrence_get_uid (occurrence),
                                        resfri_occurrence_get_recurrence_id (occurrence));
}

const char *
resfri_meetings_get_mode_label (ResfriMode mode)
{
  switch (mode)
    {
    case RESFRI_MODE_ONLINE:
      return _("Online");
    case RESFRI_MODE_HYBRID:
      return _("Hybrid");
    case RESFRI_MODE_IN_PERSON:
      return _("In person");
    case RESFRI_MODE_UNKNOWN:
    default:
      return _("Unknown");
    }
}

/* A badge: a label with the verdict's words and colour. */
void
resfri_meetings_set_badge (GtkLabel                       *label,
                           const ResfriResolvedOccurrence *info)
{
  if (info == NULL)
    {
      resfri_verdict_style_clear (GTK_WIDGET (label));
      gtk_label_set_text (label, "");
      return;
    }

  gtk_label_set_text (label, resfri_verdict_get_label (info->verdict));
  resfri_verdict_style_apply (GTK_WIDGET (label), info->verdict);
}

/* The policy: verdicts of the shown week */

char *
resfri_meetings_dup_key (const char *uid,
                         const char *recurrence_id)
{
  return g_strconcat (uid, "\x1f", recurrence_id != NULL ? recurrence_id : "", NULL);
}

/* Bookings of the occurrence, loan items */

/* The occurrence's RECURRENCE-ID, "" for a non-recurring event. */
const char *
resfri_meetings_get_rid (ResfriOccurrence *occurrence)
{
  const char *recurrence_id = resfri_occurrence_get_recurrence_id (occurrence);

  return recurrence_id != NULL ? recurrence_id : "";
}

/* Buttons whose action runs on a worker thread */

#define IDLE_LABEL_KEY "resfri-idle-label"

/* Shows that @button's action runs: insensitive, and @label instead of its
 * own until resfri_meetings_set_button_idle(). The button keeps its label
 * widget (only the text changes): a child replaced while the button handles
 * its own click would leave AT-SPI's click without an answer in GTK 4.8. */
void
resfri_meetings_set_button_busy (GtkButton  *button,
                                 const char *label)
{
  g_return_if_fail (GTK_IS_BUTTON (button));

  if (g_object_get_data (G_OBJECT (button), IDLE_LABEL_KEY) == NULL)
    g_object_set_data_full (G_OBJECT (button), IDLE_LABEL_KEY,
                            g_strdup (gtk_button_get_label (button)), g_free);

  gtk_button_set_label (button, label);
  gtk_widget_set_sensitive (GTK_WIDGET (button), FALSE);
}

/* Gives @button back its own label; @sensitive as the caller says. */
void
resfri_meetings_set_button_idle (GtkButton *button,
                                 gboolean   sensitive)
{
  const char *label;

  g_return_if_fail (GTK_IS_BUTTON (button));

  label = g_object_get_data (G_OBJECT (button), IDLE_LABEL_KEY);
  if (label != NULL)
    {
      gtk_button_set_label (button, label);
      g_object_set_data (G_OBJECT (button), IDLE_LABEL_KEY, NULL);
    }
  gtk_widget_set_sensitive (GTK_WIDGET (button), sensitive);
}

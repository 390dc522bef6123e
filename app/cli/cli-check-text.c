/* cli-check-text.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * check --format text: each occurrence's lines and the closing summary
 * (spec/cli.md), written without printf where the translated formats
 * allow, and with what the occurrences of one meeting share kept.
 */

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>

#include "cli-check-private.h"

static const char *
verdict_label (ResfriVerdict verdict)
{
  static const char *labels[RESFRI_VERDICT_NON_COMPLIANT + 1];
  const char *label;

  if ((guint) verdict > RESFRI_VERDICT_NON_COMPLIANT)
    return resfri_verdict_get_label (verdict);
  /* Two parts of the output may ask at once: each finds the same text. */
  if ((label = g_atomic_pointer_get (&labels[verdict])) == NULL)
    g_atomic_pointer_set (&labels[verdict], (label = resfri_verdict_get_label (verdict)));
  return label;
}

static const char *
mode_label (ResfriMode mode)
{
  switch (mode)
    {
    case RESFRI_MODE_ONLINE:
      return ONCE (_("web meeting"));
    case RESFRI_MODE_HYBRID:
      return ONCE (_("hybrid meeting"));
    case RESFRI_MODE_IN_PERSON:
      return ONCE (_("in person"));
    case RESFRI_MODE_UNKNOWN:
    default:
      return ONCE (_("no venue and no meeting link"));
    }
}

static gboolean
same_day (GDateTime *a,
          GDateTime *b)
{
  return g_date_time_get_year (a) == g_date_time_get_year (b) &&
         g_date_time_get_day_of_year (a) == g_date_time_get_day_of_year (b);
}

/* g_date_time_format() of @dt with "%Y-%m-%d %H:%M" (@with_date) or
 * "%H:%M". */
static char *
format_local (GDateTime *dt,
              gboolean   with_date)
{
  int year;
  int month;
  int day;

  g_date_time_get_ymd (dt, &year, &month, &day);
  if (!with_date)
    return g_date_time_format (dt, "%H:%M");
  if (year < 1000 || year > 9999)
    return g_date_time_format (dt, "%Y-%m-%d %H:%M");
  return resfri_cli_format_date_time (year, month, day, g_date_time_get_hour (dt),
                        g_date_time_get_minute (dt), 0, ' ');
}

/* @t's civil time in the home zone as GDateTime gives it (the offset of
 * its interval added), a week or more inside years of four digits. */
static gboolean
local_civil (Check           *check,
             gint64           t,
             ResfriCivilTime *civil)
{
  gint interval;

  if (t < FOUR_DIGITS_FIRST + 7 * 86400 || t >= FOUR_DIGITS_END - 7 * 86400)
    return FALSE;
  interval = g_time_zone_find_interval (check->zone, G_TIME_TYPE_UNIVERSAL, t);
  resfri_civil_time_from_unix (t + g_time_zone_get_offset (check->zone, interval), civil);

  return TRUE;
}

/* text_times() without GDateTime, or FALSE where an instant is not
 * local_civil()'s. */
static gboolean
text_times_civil (Check                           *check,
                  const ResfriResolvedOccurrence  *o,
                  const char                     **when,
                  const char                     **until)
{
  TextTimes *times = &check->text_times;
  const ResfriCivilTime *start = &times->start_civil;
  const ResfriCivilTime *end = &times->end_civil;
  gboolean same;

  if (!times->has_start_civil || times->start_civil_t != o->start)
    {
      times->has_start_civil = FALSE;
      g_clear_pointer (&times->when_civil, g_free);
      g_clear_pointer (&times->until_civil, g_free);
      if (!local_civil (check, o->start, &times->start_civil))
        return FALSE;
      times->has_start_civil = TRUE;
      times->start_civil_t = o->start;
      times->when_civil = resfri_cli_format_date_time (start->year, start->month, start->day,
                                         start->seconds / 3600, start->seconds / 60 % 60, 0, ' ');
    }
  if (!times->has_end_civil || times->end_civil_t != o->end)
    {
      times->has_end_civil = FALSE;
      g_clear_pointer (&times->until_civil, g_free);
      if (!local_civil (check, o->end, &times->end_civil))
        return FALSE;
      times->has_end_civil = TRUE;
      times->end_civil_t = o->end;
    }
  same = start->year == end->year && start->month == end->month && start->day == end->day;
  if (times->until_civil == NULL || times->until_civil_same_day != same)
    {
      g_free (times->until_civil);
      times->until_civil = resfri_cli_format_date_time (end->year, end->month, end->day,
                                          end->seconds / 3600, end->seconds / 60 % 60, 0, ' ');
      if (same)
        memmove (times->until_civil, times->until_civil + 11, 6);   /* "HH:MM" */
      times->until_civil_same_day = same;
    }
  *when = times->when_civil;
  *until = times->until_civil;

  return TRUE;
}

/* The local times of @o's start and end as the text output writes them
 * ("2026-01-02 08:00", then "10:00" on the same day), or FALSE when either
 * is out of GDateTime's range. */
static gboolean
text_times (Check                           *check,
            const ResfriResolvedOccurrence  *o,
            const char                     **when,
            const char                     **until)
{
  TextTimes *times = &check->text_times;
  gboolean same;

  if (text_times_civil (check, o, when, until))
    return TRUE;

  if (times->start == NULL || times->start_t != o->start)
    {
      g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (o->start);

      g_clear_pointer (&times->start, g_date_time_unref);
      g_clear_pointer (&times->when, g_free);
      g_clear_pointer (&times->until, g_free);
      if (utc == NULL)
        return FALSE;
      times->start_t = o->start;
      times->start = g_date_time_to_timezone (utc, check->zone);
      times->when = format_local (times->start, TRUE);
    }
  if (times->end == NULL || times->end_t != o->end)
    {
      g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (o->end);

      g_clear_pointer (&times->end, g_date_time_unref);
      g_clear_pointer (&times->until, g_free);
      if (utc == NULL)
        return FALSE;
      times->end_t = o->end;
      times->end = g_date_time_to_timezone (utc, check->zone);
    }
  same = same_day (times->start, times->end);
  if (times->until == NULL || times->until_same_day != same)
    {
      g_free (times->until);
      times->until = format_local (times->end, !same);
      times->until_same_day = same;
    }
  *when = times->when;
  *until = times->until;

  return TRUE;
}

/* The four figures of a travel line, the key of its text. */
typedef struct
{
  double values[4];
} Figures;

/* The key's bytes (g_str_hash() would stop at a zero byte). */
static guint
figures_hash (gconstpointer key)
{
  const guchar *p = key;
  guint hash = 5381;

  for (gsize i = 0; i < sizeof (Figures); i++)
    hash = hash * 33 + p[i];
  return hash;
}

static gboolean
figures_equal (gconstpointer a,
               gconstpointer b)
{
  return memcmp (a, b, sizeof (Figures)) == 0;
}

/* @format (four numbers) with these figures: each text made once, since
 * the occurrences of one meeting share their figures. */
static void
append_figures (Check      *check,
                guint       which,
                const char *format,
                double      km,
                double      co2_kg,
                double      cost_sek,
                double      hours)
{
  Figures key = { { km, co2_kg, cost_sek, hours } };
  const char *text;

  if (check->figures[which] == NULL)
    check->figures[which] = g_hash_table_new_full (figures_hash, figures_equal, g_free, g_free);
  if ((text = g_hash_table_lookup (check->figures[which], &key)) == NULL)
    {
      char *made = g_strdup_printf (format, km, co2_kg, cost_sek, hours);

      g_hash_table_insert (check->figures[which], g_memdup2 (&key, sizeof key), made);
      text = made;
    }
  g_string_append (check->out, text);
}

/* A format of "%u" then three "%s" (and no other conversion) cut into
 * the five texts around them, or nothing: it is then printf's. */
typedef struct
{
  gboolean    plain;
  char       *texts[5];
  gsize       lengths[5];
} OwnLine;

static void
own_line_parse (OwnLine    *line,
                const char *format)
{
  static const char conversions[] = "usss";
  const char *text = format;
  guint n = 0;

  for (const char *p = format; *p != '\0'; p++)
    {
      if (*p != '%')
        continue;
      if (n == 4 || p[1] != conversions[n])
        return;
      line->texts[n] = g_strndup (text, p - text);
      line->lengths[n] = p - text;
      n++;
      text = ++p + 1;
    }
  if (n != 4)
    return;
  line->texts[4] = g_strdup (text);
  line->lengths[4] = strlen (text);
  line->plain = TRUE;
}

/* The line of @o's own: its attendees' count (its meeting's) and its uid;
 * without printf where its (translated) format allows. */
static void
append_own_line (GString                        *out,
                 const ResfriResolvedOccurrence *o)
{
  static OwnLine line;
  static gsize parsed;
  const char *format = ONCE (_("  Internal attendees: %u, UID %s%s%s\n"));
  const char *rid = o->recurrence_id ? o->recurrence_id : "";
  char digits[16];
  char *p = digits + sizeof digits;
  guint n = o->n_attendees;

  /* Once, whichever part of the output comes first. */
  if (g_once_init_enter (&parsed))
    {
      own_line_parse (&line, format);
      g_once_init_leave (&parsed, 1);
    }
  if (!line.plain || o->uid == NULL)
    {
      g_string_append_printf (out, format, o->n_attendees, o->uid,
                              o->recurrence_id && *o->recurrence_id ? " " : "", rid);
      return;
    }
  do
    *--p = '0' + n % 10;
  while ((n /= 10) != 0);
  append_bytes (out, line.texts[0], line.lengths[0]);
  append_bytes (out, p, digits + sizeof digits - p);
  append_bytes (out, line.texts[1], line.lengths[1]);
  append_string (out, o->uid);
  append_bytes (out, line.texts[2], line.lengths[2]);
  if (*rid != '\0')
    append_literal (out, " ");
  append_bytes (out, line.texts[3], line.lengths[3]);
  append_string (out, rid);
  append_bytes (out, line.texts[4], line.lengths[4]);
}

void
_resfri_cli_check_append_text (Check                          *check,
                               const ResfriResolvedOccurrence *o)
{
  const char *unit = resfri_names_get_unit_path (check->names, o->organizer_unit_id);
  const char *site = resfri_names_get_site_name (check->names, o->venue_site_id);
  const char *room = resfri_names_get_room_name (check->names, o->venue_room_id);
  GString *out = check->out;
  Fragment *slot = _resfri_cli_check_fragment_slot (check, o);
  gboolean first = TRUE;
  const char *summary;
  const char *when;
  const char *until;
  gsize at;
  gsize own;
  gsize own_end;

  if (!text_times (check, o, &when, &until))
    return;

  append_string (out, when);
  append_literal (out, "–");
  append_string (out, until);
  append_literal (out, "  ");
  if (slot != NULL && slot->text != NULL && slot->meeting_id == o->meeting_id)
    {
      append_bytes (out, slot->text, slot->split);
      append_own_line (out, o);
      append_bytes (out, slot->text + slot->split, slot->len - slot->split);
      return;
    }
  at = out->len;
  summary = o->summary && *o->summary ? o->summary : ONCE (_("(no title)"));
  append_string (out, summary);
  append_literal (out, "\n");

  /* "  %s · %s[ · %s, %s | · %s]" without printf. */
  append_literal (out, "  ");
  append_string (out, verdict_label (o->verdict));
  append_literal (out, " · ");
  append_string (out, mode_label (o->mode));
  if (room != NULL || site != NULL)
    append_literal (out, " · ");
  if (room != NULL)
    {
      append_string (out, room);
      append_literal (out, ", ");
    }
  if (site != NULL)
    append_string (out, site);
  if (o->exemption != NULL)
    {
      g_string_append (out, " · ");
      /* TRANSLATORS: %s is an exemption reason id such as "confidential" */
      g_string_append_printf (out, ONCE (_("exemption: %s")), o->exemption);
    }
  g_string_append_c (out, '\n');

  if (o->organizer != NULL)
    {
      if (unit != NULL)
        /* TRANSLATORS: the organiser's email, then their unit */
        g_string_append_printf (out, ONCE (_("  Organiser: %s (%s)\n")), o->organizer, unit);
      else
        g_string_append_printf (out, ONCE (_("  Organiser: %s (external)\n")), o->organizer);
    }
  own = out->len;
  append_own_line (out, o);
  own_end = out->len;

  if (o->travel_km > 0)
    /* TRANSLATORS: travel km, kg of CO2, cost in kronor, hours */
    append_figures (check, 0, ONCE (_("  Travel: %.1f km, %.1f kg CO2, %.0f kr, %.1f h\n")),
                    o->travel_km, o->travel_co2_kg, o->travel_cost_sek, o->travel_hours);
  if (o->avoided_km > 0)
    append_figures (check, 1, ONCE (_("  Travel avoided: %.1f km, %.1f kg CO2, %.0f kr, %.1f h\n")),
                    o->avoided_km, o->avoided_co2_kg, o->avoided_cost_sek, o->avoided_hours);

  if (o->verdict == RESFRI_VERDICT_NON_COMPLIANT)
    for (guint i = 0; i < o->n_attendees; i++)
      {
        const ResfriResolvedAttendee *a = &o->attendees[i];
        const char *what;

        if (a->has_headset && a->has_camera)
          continue;
        if (!a->has_headset && !a->has_camera)
          what = ONCE (_("headset and camera"));
        else if (!a->has_headset)
          what = ONCE (_("headset"));
        else
          what = ONCE (_("camera"));
        if (first)
          g_string_append (out, ONCE (_("  Would lack equipment online:")));
        /* "%s %s (%s)" without printf. */
        if (!first)
          append_literal (out, ",");
        append_literal (out, " ");
        append_string (out, a->email);
        append_literal (out, " (");
        append_string (out, what);
        append_literal (out, ")");
        first = FALSE;
      }
  if (!first)
    g_string_append_c (out, '\n');
  g_string_append_c (out, '\n');
  _resfri_cli_check_keep_fragment (check, slot, o, at, own, own_end);
}

void
_resfri_cli_check_append_summary (Check *check)
{
  static const ResfriVerdict order[] = {
    RESFRI_VERDICT_TRAVEL_FREE, RESFRI_VERDICT_LOCAL, RESFRI_VERDICT_EXEMPT,
    RESFRI_VERDICT_NON_COMPLIANT, RESFRI_VERDICT_UNKNOWN,
  };
  GString *out = check->out;
  glong width = 0;

  if (check->totals.count == 0)
    {
      g_string_append_printf (out, "%s\n", _("No occurrences."));
      return;
    }

  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    width = MAX (width, g_utf8_strlen (resfri_verdict_get_label (order[i]), -1));

  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    {
      const char *label = resfri_verdict_get_label (order[i]);

      g_string_append_printf (out, "%s:", label);
      for (glong n = g_utf8_strlen (label, -1); n < width + 1; n++)
        g_string_append_c (out, ' ');
      g_string_append_printf (out, "%7u\n", check->totals.verdicts[order[i]]);
    }
  g_string_append_printf (out, ngettext ("%u occurrence", "%u occurrences", check->totals.count),
                          check->totals.count);
  g_string_append (out, ": ");
  /* TRANSLATORS: totals of every occurrence checked */
  g_string_append_printf (out, _("travel %.1f km (%.1f kg CO2), travel avoided %.1f km (%.1f kg CO2)\n"),
                          check->totals.travel_km, check->totals.travel_co2_kg, check->totals.avoided_km,
                          check->totals.avoided_co2_kg);
}

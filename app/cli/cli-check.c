/* cli-check.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * check: the policy verdict of every occurrence (spec/policy.md), as text,
 * JSON or CSV (spec/cli.md), written as the occurrences come (a long
 * window's made in turns on two threads at once, written in order).
 * exempt: record an exemption.
 */

#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>

#include "cli-check-private.h"
#include "resfri-json-stream.h"

/* The fields of `check --format csv`, in the order of spec/cli.md. */
static const char * const csv_columns[] = {
  "uid", "recurrence_id", "start", "end", "summary", "organizer", "unit", "mode",
  "venue_site", "verdict", "exemption", "travel_km", "co2_kg", "cost_sek", "hours",
  "avoided_km", "avoided_co2_kg", "missing_equipment",
};

static void
check_clear (Check *check)
{
  for (guint i = 0; i < G_N_ELEMENTS (check->instants); i++)
    for (guint j = 0; j < N_INSTANTS; j++)
      {
        g_free (check->instants[i][j].text);
        if (check->instants[i][j].json != NULL)
          g_string_free (check->instants[i][j].json, TRUE);
      }
  if (check->uids != NULL)
    for (guint i = 0; i < N_UIDS; i++)
      g_free (check->uids[i].uid);
  g_clear_pointer (&check->uids, g_free);
  g_clear_pointer (&check->text_times.start, g_date_time_unref);
  g_free (check->text_times.when);
  g_clear_pointer (&check->text_times.end, g_date_time_unref);
  g_free (check->text_times.until);
  g_free (check->text_times.when_civil);
  g_free (check->text_times.until_civil);
  for (guint i = 0; i < G_N_ELEMENTS (check->figures); i++)
    g_clear_pointer (&check->figures[i], g_hash_table_unref);
  if (check->fragments != NULL)
    for (guint i = 0; i < N_FRAGMENTS; i++)
      g_free (check->fragments[i].text);
  g_clear_pointer (&check->fragments, g_free);
  g_clear_pointer (&check->turn_figures, g_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Check, check_clear)

static double
round_to (double value,
          double scale)
{
  return round (value * scale) / scale;
}

static void
flush_output (Check *check)
{
  if (check->out->len > 0 &&
      fwrite (check->out->str, 1, check->out->len, stdout) != check->out->len)
    check->write_failed = TRUE;
  g_string_truncate (check->out, 0);
}

/* A number of the JSON output, rounded to 1 / @scale as spec/cli.md says. */
static void
append_number (GString    *out,
               const char *member,
               double      value,
               double      scale)
{
  append_string (out, member);
  resfri_json_append_double (out, round_to (value, scale) + 0.0);
}

/* resfri_cli_format_instant() of @t: for a year of four digits, without
 * a GDateTime. */
static char *
format_utc_instant (gint64 t)
{
  ResfriCivilTime c;

  if (t < FOUR_DIGITS_FIRST || t >= FOUR_DIGITS_END)
    return resfri_cli_format_instant (t);

  resfri_civil_time_from_unix (t, &c);
  return resfri_cli_format_date_time (c.year, c.month, c.day, c.seconds / 3600, c.seconds / 60 % 60,
                        c.seconds % 60, 'T');
}

/* format_utc_instant() of @t in column @which, kept: the occurrences
 * come by start, and many share one. */
static InstantCache *
instant_cache (Check  *check,
               guint   which,
               gint64  t)
{
  InstantCache *cache = &check->instants[which][(guint64) (t / 900) % N_INSTANTS];

  if (cache->text == NULL || cache->t != t)
    {
      g_free (cache->text);
      cache->has_json = FALSE;
      cache->text = format_utc_instant (t);
      cache->t = t;
    }

  return cache;
}

static const char *
format_instant (Check  *check,
                guint   which,
                gint64  t)
{
  return instant_cache (check, which, t)->text;
}

/* format_instant() as a JSON string, appended to the output. */
static void
append_instant_json (Check  *check,
                     guint   which,
                     gint64  t)
{
  InstantCache *cache = instant_cache (check, which, t);

  if (!cache->has_json)
    {
      if (cache->json == NULL)
        cache->json = g_string_sized_new (32);
      g_string_truncate (cache->json, 0);
      resfri_json_append_string (cache->json, cache->text);
      cache->has_json = TRUE;
    }
  append_bytes (check->out, cache->json->str, cache->json->len);
}

/* @o's uid as a JSON string, appended to the output; that of its meeting
 * row's last occurrence kept. */
static void
append_uid_json (Check                          *check,
                 const ResfriResolvedOccurrence *o)
{
  UidCache *cache;
  gsize uid_len;
  gsize at;

  if (o->uid == NULL)
    {
      resfri_json_append_string (check->out, NULL);
      return;
    }
  if (check->uids == NULL)
    check->uids = g_new0 (UidCache, N_UIDS);
  cache = &check->uids[(guint64) o->meeting_id % N_UIDS];
  if (cache->uid != NULL && cache->meeting_id == o->meeting_id && strcmp (cache->uid, o->uid) == 0)
    {
      append_bytes (check->out, cache->json, cache->json_len);
      return;
    }
  at = check->out->len;
  resfri_json_append_string (check->out, o->uid);
  uid_len = strlen (o->uid) + 1;
  g_free (cache->uid);
  cache->meeting_id = o->meeting_id;
  cache->json_len = check->out->len - at;
  cache->uid = g_malloc (uid_len + cache->json_len);
  memcpy (cache->uid, o->uid, uid_len);
  cache->json = cache->uid + uid_len;
  memcpy (cache->json, check->out->str + at, cache->json_len);
}

static const char *
equipment_type (guint i)
{
  return i == 0 ? "headset" : "camera";
}

static gboolean
lacks (const ResfriResolvedAttendee *a,
       guint                         i)
{
  return i == 0 ? !a->has_headset : !a->has_camera;
}

Fragment *
_resfri_cli_check_fragment_slot (Check                          *check,
                                 const ResfriResolvedOccurrence *o)
{
  if (o->exemption != NULL)
    return NULL;
  if (check->fragments == NULL)
    check->fragments = g_new0 (Fragment, N_FRAGMENTS);
  return &check->fragments[(guint64) o->meeting_id % N_FRAGMENTS];
}

/* Appends the text kept for @o's meeting, if any. */
static gboolean
append_fragment (Check                          *check,
                 Fragment                       *slot,
                 const ResfriResolvedOccurrence *o)
{
  if (slot == NULL || slot->text == NULL || slot->meeting_id != o->meeting_id)
    return FALSE;
  append_bytes (check->out, slot->text, slot->len);
  return TRUE;
}

void
_resfri_cli_check_keep_fragment (Check                          *check,
                                 Fragment                       *slot,
                                 const ResfriResolvedOccurrence *o,
                                 gsize                           at,
                                 gsize                           own,
                                 gsize                           own_end)
{
  const char *str = check->out->str;

  if (slot == NULL)
    return;
  /* In turns, a meeting's occurrences are shared between two parts: each
   * keeps its text at once rather than make it twice. */
  if (check->turns == NULL && !(slot->seen && slot->meeting_id == o->meeting_id))
    {
      g_clear_pointer (&slot->text, g_free);
      slot->meeting_id = o->meeting_id;
      slot->seen = TRUE;
      return;
    }
  if (own == 0)
    own = own_end = check->out->len;
  g_free (slot->text);
  slot->meeting_id = o->meeting_id;
  slot->seen = TRUE;
  slot->split = own - at;
  slot->len = slot->split + check->out->len - own_end;
  slot->text = g_malloc (slot->len);
  memcpy (slot->text, str + at, slot->split);
  memcpy (slot->text + slot->split, str + own_end, check->out->len - own_end);
}

/* One occurrence as the JSON object of spec/cli.md, written as it comes
 * (resfri-json-stream.h: byte for byte what json-glib's generator wrote). */
static void
append_json (Check                          *check,
             const ResfriResolvedOccurrence *o)
{
  GString *out = check->out;
  Fragment *slot = _resfri_cli_check_fragment_slot (check, o);
  gboolean first = TRUE;
  gsize at;

  if (check->totals.count == 1 && check->turns == NULL)
    append_literal (out, "[\n{\"uid\":");
  else
    append_literal (out, ",\n{\"uid\":");
  append_uid_json (check, o);
  append_literal (out, ",\"recurrence_id\":");
  resfri_json_append_string (out, (o->recurrence_id && *o->recurrence_id) ? o->recurrence_id : NULL);
  append_literal (out, ",\"start\":");
  append_instant_json (check, 0, o->start);
  append_literal (out, ",\"end\":");
  append_instant_json (check, 1, o->end);
  if (append_fragment (check, slot, o))
    return;
  at = out->len;
  append_literal (out, ",\"summary\":");
  resfri_json_append_string (out, o->summary);
  append_literal (out, ",\"organizer\":");
  resfri_json_append_string (out, o->organizer);
  append_literal (out, ",\"unit\":");
  resfri_json_append_string (out, resfri_names_get_unit_path (check->names, o->organizer_unit_id));
  append_literal (out, ",\"mode\":");
  resfri_json_append_string (out, resfri_mode_to_string (o->mode));
  append_literal (out, ",\"venue_site\":");
  resfri_json_append_string (out, resfri_names_get_site_code (check->names, o->venue_site_id));
  append_literal (out, ",\"verdict\":");
  resfri_json_append_string (out, resfri_verdict_to_string (o->verdict));
  append_literal (out, ",\"exemption\":");
  resfri_json_append_string (out, o->exemption);
  append_number (out, ",\"travel_km\":", o->travel_km, 10);
  append_number (out, ",\"co2_kg\":", o->travel_co2_kg, 100);
  append_number (out, ",\"cost_sek\":", o->travel_cost_sek, 100);
  append_number (out, ",\"hours\":", o->travel_hours, 100);
  append_number (out, ",\"avoided_km\":", o->avoided_km, 10);
  append_number (out, ",\"avoided_co2_kg\":", o->avoided_co2_kg, 100);
  append_literal (out, ",\"missing_equipment\":[");
  if (o->verdict == RESFRI_VERDICT_NON_COMPLIANT)
    for (guint i = 0; i < o->n_attendees; i++)
      for (guint t = 0; t < 2; t++)
        if (lacks (&o->attendees[i], t))
          {
            if (first)
              append_literal (out, "{\"person\":");
            else
              append_literal (out, ",{\"person\":");
            resfri_json_append_string (out, o->attendees[i].email);
            append_literal (out, ",\"type\":");
            resfri_json_append_string (out, equipment_type (t));
            append_literal (out, "}");
            first = FALSE;
          }
  append_literal (out, "]}");
  _resfri_cli_check_keep_fragment (check, slot, o, at, 0, 0);
}

static char *
format_number (double value,
               int    decimals)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  return g_strdup (g_ascii_formatd (buffer, sizeof buffer, decimals == 1 ? "%.1f" : "%.2f",
                                    round_to (value, decimals == 1 ? 10 : 100) + 0.0));
}

static void
append_csv (Check                          *check,
            const ResfriResolvedOccurrence *o)
{
  g_autoptr(GString) missing = g_string_new (NULL);
  const char *start = format_instant (check, 0, o->start);
  const char *end = format_instant (check, 1, o->end);
  g_autofree char *travel = format_number (o->travel_km, 1);
  g_autofree char *co2 = format_number (o->travel_co2_kg, 2);
  g_autofree char *cost = format_number (o->travel_cost_sek, 2);
  g_autofree char *hours = format_number (o->travel_hours, 2);
  g_autofree char *avoided = format_number (o->avoided_km, 1);
  g_autofree char *avoided_co2 = format_number (o->avoided_co2_kg, 2);
  const char *unit = resfri_names_get_unit_path (check->names, o->organizer_unit_id);
  const char *site = resfri_names_get_site_code (check->names, o->venue_site_id);
  const char *values[G_N_ELEMENTS (csv_columns)];

  if (o->verdict == RESFRI_VERDICT_NON_COMPLIANT)
    for (guint i = 0; i < o->n_attendees; i++)
      for (guint t = 0; t < 2; t++)
        if (lacks (&o->attendees[i], t))
          g_string_append_printf (missing, "%s%s:%s", missing->len ? ";" : "",
                                  o->attendees[i].email, equipment_type (t));

  values[0] = o->uid;
  values[1] = o->recurrence_id ? o->recurrence_id : "";
  values[2] = start;
  values[3] = end;
  values[4] = o->summary ? o->summary : "";
  values[5] = o->organizer ? o->organizer : "";
  values[6] = unit ? unit : "";
  values[7] = resfri_mode_to_string (o->mode);
  values[8] = site ? site : "";
  values[9] = resfri_verdict_to_string (o->verdict);
  values[10] = o->exemption ? o->exemption : "";
  values[11] = travel;
  values[12] = co2;
  values[13] = cost;
  values[14] = hours;
  values[15] = avoided;
  values[16] = avoided_co2;
  values[17] = missing->str;

  resfri_csv_append_record (check->out, values, G_N_ELEMENTS (values));
}

/* What the parts of a check in turns share: how much of the output is
 * written (turns, and the counts and sums of their occurrences). The
 * turns are written one at a time, in order (resfri-policy-check.h). */
typedef struct _CheckTurns
{
  gint        written;       /* atomic: turns written */
  CheckTotals totals;
} CheckTurns;

/* What @check has made since it last wrote: its output written, its
 * counts and sums added to the totals (those in the order of the
 * occurrences: the same sums as one pass). */
static void
check_write (Check *check)
{
  CheckTurns *turns = check->turns;
  const double *figures;

  if (turns == NULL)
    {
      flush_output (check);
      return;
    }
  /* A turn's first object opens the array where none came before. */
  if (check->format == RESFRI_CLI_FORMAT_JSON && turns->totals.count == 0 && check->totals.count > 0)
    check->out->str[0] = '[';
  flush_output (check);

  turns->totals.count += check->totals.count;
  for (guint i = 0; i < G_N_ELEMENTS (check->totals.verdicts); i++)
    turns->totals.verdicts[i] += check->totals.verdicts[i];
  figures = (const double *) (gpointer) check->turn_figures->data;
  for (guint i = 0; i + 3 < check->turn_figures->len; i += 4)
    {
      turns->totals.travel_km += figures[i];
      turns->totals.avoided_km += figures[i + 1];
      turns->totals.travel_co2_kg += figures[i + 2];
      turns->totals.avoided_co2_kg += figures[i + 3];
    }
  memset (&check->totals, 0, sizeof check->totals);
  g_array_set_size (check->turn_figures, 0);
}

/* A turn of @user_data's done, every earlier one written: its output. */
static gboolean
turn_done (gpointer user_data)
{
  Check *check = user_data;

  check_write (check);
  check->turn += 2;
  g_atomic_int_inc (&check->turns->written);

  return !check->write_failed;
}

static gboolean
check_cb (const ResfriResolvedOccurrence *o,
          gpointer                        user_data)
{
  Check *check = user_data;

  check->totals.count++;
  check->totals.verdicts[o->verdict]++;
  if (check->turns != NULL)
    {
      double figures[4] = { o->travel_km, o->avoided_km, o->travel_co2_kg, o->avoided_co2_kg };

      /* Only the text's summary has the sums. */
      if (check->format == RESFRI_CLI_FORMAT_TEXT)
        g_array_append_vals (check->turn_figures, figures, G_N_ELEMENTS (figures));
    }
  else
    {
      check->totals.travel_km += o->travel_km;
      check->totals.avoided_km += o->avoided_km;
      check->totals.travel_co2_kg += o->travel_co2_kg;
      check->totals.avoided_co2_kg += o->avoided_co2_kg;
    }

  switch (check->format)
    {
    case RESFRI_CLI_FORMAT_JSON:
      append_json (check, o);
      break;
    case RESFRI_CLI_FORMAT_CSV:
      append_csv (check, o);
      break;
    case RESFRI_CLI_FORMAT_TEXT:
    default:
      _resfri_cli_check_append_text (check, o);
      break;
    }

  /* In turns, only once every earlier turn is written: then no other
   * part writes until this turn is done. */
  if (check->out->len > 1 << 20 &&
      (check->turns == NULL || g_atomic_int_get (&check->turns->written) == (gint) check->turn))
    check_write (check);

  return !check->write_failed;
}

/* Whether a second thread takes every other turn: $RESFRI_CHECK_PARTS
 * (1 or 2) decides, for tests; else a second processor, for the text and
 * CSV (the year of the 60,000-employee demo: 0.59 → 0.53 s and 1.02 →
 * 0.77 s). JSON is one part: its objects are mostly copies of what a
 * meeting's first occurrences made, and in turns it took 12 % more
 * processor time for the same wall time. */
static gboolean
check_in_turns (ResfriCliFormat format)
{
  const char *forced = g_getenv ("RESFRI_CHECK_PARTS");

  if (forced != NULL && *forced != '\0')
    return g_ascii_strtoull (forced, NULL, 10) > 1;
  return format != RESFRI_CLI_FORMAT_JSON && g_get_num_processors () >= 2;
}

/* After a check in turns: whatever is not written yet (all of it where
 * the occurrences were too few for turns), then the totals in @check. */
static void
turns_finish (Check      *check,
              Check      *second,
              CheckTurns *turns)
{
  check_write (check);
  check_write (second);
  g_debug ("check: %u occurrences, %d turns on two threads", turns->totals.count,
           g_atomic_int_get (&turns->written));

  check->turns = second->turns = NULL;
  check->totals = turns->totals;
  check->write_failed |= second->write_failed;
}

static int
run_check (ResfriCli  *cli,
           int         argc,
           char      **argv)
{
  g_autofree char *from_text = NULL;
  g_autofree char *to_text = NULL;
  g_autofree char *format_name = NULL;
  const GOptionEntry entries[] = {
    { "from", 0, 0, G_OPTION_ARG_STRING, &from_text,
      N_("First day (YYYY-MM-DD) or instant (RFC 3339)"), N_("D") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to_text,
      N_("End day, not included, or instant"), N_("D") },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format_name, N_("Output format: text, json or csv"),
      N_("FORMAT") },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(ResfriNames) names = NULL;
  g_autoptr(GTimeZone) zone = NULL;
  g_autoptr(GString) out = NULL;
  g_auto(Check) check = { 0, };
  g_auto(Check) second = { 0, };
  g_autoptr(GString) second_out = NULL;
  CheckTurns turns = { 0, };
  gint64 from = 0;
  gint64 to = 0;
  ResfriStore *store;

  if (!resfri_cli_parse_options (cli, entries, &argc, &argv))
    return RESFRI_CLI_EXIT_USAGE;
  if (argc > 1)
    return resfri_cli_usage_error (cli, _("unexpected argument “%s”"), argv[1]);
  if (!(check.format = resfri_cli_parse_format (cli, format_name,
                                                RESFRI_CLI_FORMAT_TEXT | RESFRI_CLI_FORMAT_JSON |
                                                RESFRI_CLI_FORMAT_CSV,
                                                RESFRI_CLI_FORMAT_TEXT)))
    return RESFRI_CLI_EXIT_USAGE;

  if (from_text != NULL || to_text != NULL)
    {
      from = G_MININT64;
      to = G_MAXINT64;
      if ((from_text != NULL && !resfri_ical_parse_date_arg (from_text, &from, &error)) ||
          (to_text != NULL && !resfri_ical_parse_date_arg (to_text, &to, &error)))
        return resfri_cli_usage_error (cli, "%s", error->message);
      if (to <= from)
        return resfri_cli_usage_error (cli, _("--to must be later than --from"));
    }

  if (!(store = resfri_cli_get_store (cli)))
    return RESFRI_CLI_EXIT_INPUT;
  if (!(names = resfri_names_load (store, &error)))
    return resfri_cli_fail (cli, error);

  zone = g_time_zone_new_identifier (RESFRI_ICAL_HOME_ZONE);
  if (zone == NULL)
    zone = g_time_zone_new_local ();
  out = g_string_sized_new (1 << 20);
  check.names = names;
  check.zone = zone;
  check.out = out;

  if (check.format == RESFRI_CLI_FORMAT_CSV)
    resfri_csv_append_record (out, csv_columns, G_N_ELEMENTS (csv_columns));

  if (!check_in_turns (check.format))
    {
      if (!resfri_policy_check_occurrences (store, NULL, from, to, check_cb, &check, NULL, &error))
        return resfri_cli_fail (cli, error);
    }
  else
    {
      /* The other turns' part: its own caches and output, the same settings. */
      second_out = g_string_sized_new (1 << 20);
      second.format = check.format;
      second.names = names;
      second.zone = zone;
      second.out = second_out;
      second.turn = 1;
      second.turn_figures = g_array_new (FALSE, FALSE, sizeof (double));
      check.turn_figures = g_array_new (FALSE, FALSE, sizeof (double));
      check.turns = second.turns = &turns;
      if (!resfri_policy_check_occurrences_in_turns (store, NULL, from, to, check_cb, &check,
                                                     &second, turn_done, NULL, &error))
        return resfri_cli_fail (cli, error);
      turns_finish (&check, &second, &turns);
    }

  if (check.format == RESFRI_CLI_FORMAT_JSON)
    g_string_append (out, check.totals.count == 0 ? "[]\n" : "\n]\n");
  else if (check.format == RESFRI_CLI_FORMAT_TEXT)
    _resfri_cli_check_append_summary (&check);

  flush_output (&check);
  if (check.write_failed || fflush (stdout) != 0)
    {
      g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Cannot write the output"));
      return resfri_cli_fail (cli, error);
    }

  return RESFRI_CLI_EXIT_OK;
}

static int
run_exempt (ResfriCli  *cli,
            int         argc,
            char      **argv)
{
  g_autofree char *recurrence_id = NULL;
  g_autofree char *note = NULL;
  const GOptionEntry entries[] = {
    { "recurrence-id", 0, 0, G_OPTION_ARG_STRING, &recurrence_id,
      N_("Only this occurrence (as `expand` prints it)"), N_("R") },
    { "note", 0, 0, G_OPTION_ARG_STRING, &note, N_("Free text (required for “other”)"),
      N_("TEXT") },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autofree char *reasons = NULL;
  const char *reason;
  ResfriStore *store;

  if (!resfri_cli_parse_options (cli, entries, &argc, &argv))
    return RESFRI_CLI_EXIT_USAGE;
  if (argc > 3)
    return resfri_cli_usage_error (cli, _("unexpected argument “%s”"), argv[3]);
  if (argc < 3)
    return resfri_cli_usage_error (cli, _("give a UID and a reason"));

  reason = argv[2];
  reasons = g_strjoinv (", ", (char **) resfri_exemption_get_reasons ());
  /* A reason outside the list, or "other" without its note, is wrong usage
   * (status 2), like a bad option value. */
  if (!resfri_exemption_is_reason (reason))
    return resfri_cli_usage_error (cli, _("unknown reason “%s” (one of: %s)"), reason, reasons);
  if (strcmp (reason, "other") == 0 && (note == NULL || *g_strstrip (note) == '\0'))
    return resfri_cli_usage_error (cli, _("the reason “other” needs --note"));

  if (!(store = resfri_cli_get_store (cli)))
    return RESFRI_CLI_EXIT_INPUT;

  if (!resfri_store_set_exemption (store, argv[1], recurrence_id, reason, note, &error))
    return resfri_cli_fail (cli, error);

  if (recurrence_id != NULL && *recurrence_id != '\0')
    /* TRANSLATORS: UID, RECURRENCE-ID, reason id */
    printf (_("Exemption recorded for %s, occurrence %s: %s — %s.\n"), argv[1], recurrence_id,
            reason, resfri_exemption_describe_reason (reason));
  else
    /* TRANSLATORS: UID, reason id, what the reason means */
    printf (_("Exemption recorded for every occurrence of %s: %s — %s.\n"), argv[1], reason,
            resfri_exemption_describe_reason (reason));

  return RESFRI_CLI_EXIT_OK;
}

const ResfriCliCommand resfri_cli_check_commands[] = {
  { "check", NULL, "[--from D] [--to D] [--format text|json|csv]",
    N_("Policy verdict of every occurrence"), run_check },
  { "exempt", NULL, "UID [--recurrence-id R] REASON [--note TEXT]",
    N_("Record an exemption from the travel policy"), run_exempt },
  { NULL }
};

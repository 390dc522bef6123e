/* cli-planning.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * `opportunities` and `whatif` (spec/planning.md): where travel can be
 * avoided, and the cheapest conversions that reach a target share.
 *
 * `opportunities --format json`: {period, unit, share_before (null without
 * occurrences), opportunities: [{uid, recurrence_ids (or null for the
 * whole series in the period), summary, organizer, unit, occurrences,
 * avoided_km, avoided_cost_sek, avoided_co2_kg, avoided_hours, served,
 * needs: [{site, type, demand, missing}]}]}, most avoided cost first.
 * `whatif --format json` is spec/planning.md's object exactly. Shares
 * have 4 decimals, km, kg, hours and months 1, kronor none.
 */

#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "resfri-cli.h"
#include "resfri-report-planning.h"

static double
round_to (double value,
          double scale)
{
  return round (value * scale) / scale;
}

static void
add_double (JsonBuilder *builder,
            const char  *name,
            double       value,
            double       scale)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_double_value (builder, round_to (value, scale));
}

/* @with_organizer: the opportunities name who to ask; the what-if, a
 * politician's figure, names nobody (spec/privacy.md): "organizer" is
 * null there. */
static void
add_candidate_members (JsonBuilder           *builder,
                       const ResfriCandidate *c,
                       gboolean               with_organizer)
{
  json_builder_set_member_name (builder, "uid");
  json_builder_add_string_value (builder, c->uid);
  json_builder_set_member_name (builder, "recurrence_ids");
  if (c->recurrence_ids == NULL)
    json_builder_add_null_value (builder);
  else
    {
      json_builder_begin_array (builder);
      for (guint i = 0; c->recurrence_ids[i] != NULL; i++)
        json_builder_add_string_value (builder, c->recurrence_ids[i]);
      json_builder_end_array (builder);
    }
  json_builder_set_member_name (builder, "summary");
  json_builder_add_string_value (builder, c->summary);
  resfri_cli_json_add_string (builder, "organizer", with_organizer ? c->organizer : NULL);
  resfri_cli_json_add_string (builder, "unit", c->unit);
  json_builder_set_member_name (builder, "occurrences");
  json_builder_add_int_value (builder, c->occurrences);
  add_double (builder, "avoided_km", c->avoided_km, 10);
  add_double (builder, "avoided_cost_sek", c->avoided_cost_sek, 1);
  add_double (builder, "avoided_co2_kg", c->avoided_co2_kg, 10);
  add_double (builder, "avoided_hours", c->avoided_hours, 10);
}

static gboolean
parse_period (ResfriCli     *cli,
              const char    *text,
              ResfriPeriod **period,
              int           *status)
{
  g_autoptr(GError) error = NULL;

  if (text == NULL)
    {
      *status = resfri_cli_usage_error (cli, _("--period is required"));
      return FALSE;
    }
  if (!(*period = resfri_period_parse (text, &error)))
    {
      *status = resfri_cli_fail (cli, error);
      return FALSE;
    }

  return TRUE;
}

/* ---- opportunities -------------------------------------------------------- */

static char *
opportunities_to_json (const ResfriCandidates *candidates)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  double share;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "period");
  json_builder_add_string_value (builder, candidates->period);
  resfri_cli_json_add_string (builder, "unit", candidates->unit);
  json_builder_set_member_name (builder, "share_before");
  if (resfri_candidates_get_share (candidates, &share))
    json_builder_add_double_value (builder, round_to (share, 1e4));
  else
    json_builder_add_null_value (builder);

  json_builder_set_member_name (builder, "opportunities");
  json_builder_begin_array (builder);
  for (guint i = 0; i < candidates->candidates->len; i++)
    {
      const ResfriCandidate *c = g_ptr_array_index (candidates->candidates, i);

      json_builder_begin_object (builder);
      add_candidate_members (builder, c, TRUE);
      json_builder_set_member_name (builder, "served");
      json_builder_add_boolean_value (builder, c->served);
      json_builder_set_member_name (builder, "needs");
      json_builder_begin_array (builder);
      for (guint n = 0; n < c->needs->len; n++)
        {
          const ResfriCandidateNeed *need = g_ptr_array_index (c->needs, n);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "site");
          json_builder_add_string_value (builder, need->site);
          json_builder_set_member_name (builder, "type");
          json_builder_add_string_value (builder, need->type);
          json_builder_set_member_name (builder, "demand");
          json_builder_add_int_value (builder, need->demand);
          json_builder_set_member_name (builder, "missing");
          json_builder_add_int_value (builder, need->missing);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  return resfri_cli_json_to_text (builder);
}

static char *
opportunities_to_text (const ResfriCandidates *candidates)
{
  GString *out = g_string_new (NULL);
  double share;

  g_string_append_printf (out, _("Opportunities, %s"), candidates->period);
  if (candidates->unit != NULL)
    g_string_append_printf (out, " — %s", candidates->unit);
  g_string_append_c (out, '\n');
  if (resfri_candidates_get_share (candidates, &share))
    g_string_append_printf (out, _("Travel-free share now: %.1f %%\n"), share * 100);
  if (candidates->candidates->len == 0)
    {
      g_string_append_printf (out, "%s\n", _("No meeting with non-compliant occurrences."));
      return g_string_free (out, FALSE);
    }

  for (guint i = 0; i < candidates->candidates->len; i++)
    {
      const ResfriCandidate *c = g_ptr_array_index (candidates->candidates, i);
      g_autofree char *needs = resfri_report_candidate_needs_to_string (c);

      g_string_append_printf (out, "\n%s\n", c->summary);
      g_string_append_printf (out, _("  Organiser: %s (%s)\n"),
                              c->organizer ? c->organizer : _("external"),
                              c->unit ? c->unit : _("no unit"));
      g_string_append_printf (out, _("  %u occurrences; avoids %.0f km, %.0f kr, %.1f kg CO2, %.1f h\n"),
                              c->occurrences, c->avoided_km, c->avoided_cost_sek,
                              c->avoided_co2_kg, c->avoided_hours);
      if (c->needs->len > 0)
        g_string_append_printf (out, _("  Needs: %s — %s\n"), needs,
                                c->served ? _("served") : _("short"));
    }

  return g_string_free (out, FALSE);
}

static int
run_opportunities (ResfriCli  *cli,
                   int         argc,
                   char      **argv)
{
  g_autofree char *period_text = NULL;
  g_autofree char *unit = NULL;
  g_autofree char *format_name = NULL;
  g_autofree char *output_path = NULL;
  const GOptionEntry entries[] = {
    { "period", 0, 0, G_OPTION_ARG_STRING, &period_text,
      N_("The period: YYYY, YYYY-Tn, YYYY-Hn, YYYY-Qn, YYYY-MM, YYYY-D or YYYY-MM-DD..YYYY-MM-DD"),
      N_("P") },
    { "unit", 0, 0, G_OPTION_ARG_STRING, &unit, N_("Only this unit and the units under it"),
      N_("UNIT") },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format_name,
      N_("Output format: text, json, csv or xlsx"), N_("FORMAT") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output_path,
      N_("Write to FILE instead of standard output (needed for xlsx)"), N_("FILE") },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(ResfriPeriod) period = NULL;
  g_autoptr(ResfriCandidates) candidates = NULL;
  g_autofree char *output = NULL;
  ResfriCliFormat format;
  ResfriStore *store;
  int status;

  if (!resfri_cli_parse_options (cli, entries, &argc, &argv))
    return RESFRI_CLI_EXIT_USAGE;
  if (argc > 1)
    return resfri_cli_usage_error (cli, _("unexpected argument “%s”"), argv[1]);
  if (!(format = resfri_cli_parse_format (cli, format_name,
                                          RESFRI_CLI_FORMAT_TEXT | RESFRI_CLI_FORMAT_JSON |
                                          RESFRI_CLI_FORMAT_CSV | RESFRI_CLI_FORMAT_XLSX,
                                          RESFRI_CLI_FORMAT_TEXT)))
    return RESFRI_CLI_EXIT_USAGE;
  if (format == RESFRI_CLI_FORMAT_XLSX && (output_path == NULL || strcmp (output_path, "-") == 0))
    return resfri_cli_usage_error (cli, _("--format xlsx needs -o FILE"));
  if (!parse_period (cli, period_text, &period, &status))
    return status;

  if (!(store = resfri_cli_get_store (cli)))
    return RESFRI_CLI_EXIT_INPUT;
  if (!(candidates = resfri_candidates_compute (store, NULL, period, unit, NULL, &error)))
    return resfri_cli_fail (cli, error);

  switch (format)
    {
    case RESFRI_CLI_FORMAT_XLSX:
      if (!resfri_report_opportunities_write_xlsx (candidates, output_path, &error))
        return resfri_cli_fail (cli, error);
      return RESFRI_CLI_EXIT_OK;
    case RESFRI_CLI_FORMAT_JSON:
      output = opportunities_to_json (candidates);
      break;
    case RESFRI_CLI_FORMAT_CSV:
      output = resfri_report_opportunities_to_csv (candidates);
      break;
    default:
      output = opportunities_to_text (candidates);
      break;
    }
  if (!resfri_cli_write_output (output_path, output, strlen (output), &error))
    return resfri_cli_fail (cli, error);

  return RESFRI_CLI_EXIT_OK;
}

/* ---- whatif --------------------------------------------------------------- */

static char *
whatif_to_json (const ResfriWhatif *w)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "period");
  json_builder_add_string_value (builder, w->candidates->period);
  resfri_cli_json_add_string (builder, "unit", w->candidates->unit);
  add_double (builder, "target_share", w->target_share, 1e4);
  add_double (builder, "share_before", w->share_before, 1e4);
  add_double (builder, "share_after", w->share_after, 1e4);
  json_builder_set_member_name (builder, "reachable");
  json_builder_add_boolean_value (builder, w->reachable);
  json_builder_set_member_name (builder, "optimal");
  json_builder_add_boolean_value (builder, w->optimal);
  json_builder_set_member_name (builder, "gap");
  if (w->optimal)
    json_builder_add_null_value (builder);
  else
    json_builder_add_double_value (builder, round_to (w->gap, 1e4));

  json_builder_set_member_name (builder, "conversions");
  json_builder_begin_array (builder);
  for (guint i = 0; i < w->conversions->len; i++)
    {
      json_builder_begin_object (builder);
      add_candidate_members (builder, g_ptr_array_index (w->conversions, i), FALSE);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "order");
  json_builder_begin_array (builder);
  for (guint i = 0; i < w->order->len; i++)
    {
      const ResfriWhatifOrder *o = g_ptr_array_index (w->order, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "site");
      json_builder_add_string_value (builder, o->site);
      json_builder_set_member_name (builder, "type");
      json_builder_add_string_value (builder, o->type);
      json_builder_set_member_name (builder, "to_order");
      json_builder_add_int_value (builder, o->to_order);
      add_double (builder, "unit_cost", o->unit_cost, 1);
      add_double (builder, "cost", o->cost, 1);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  add_double (builder, "total_cost", w->total_cost, 1);

  json_builder_set_member_name (builder, "avoided");
  json_builder_begin_object (builder);
  add_double (builder, "km", w->avoided_km, 10);
  add_double (builder, "cost_sek", w->avoided_cost_sek, 1);
  add_double (builder, "co2_kg", w->avoided_co2_kg, 10);
  add_double (builder, "hours", w->avoided_hours, 10);
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "payback_months");
  if (w->has_payback)
    json_builder_add_double_value (builder, round_to (w->payback_months, 10));
  else
    json_builder_add_null_value (builder);
  json_builder_end_object (builder);

  return resfri_cli_json_to_text (builder);
}

static char *
whatif_to_text (const ResfriWhatif *w)
{
  GString *out = g_string_new (NULL);

  g_string_append_printf (out, _("What-if, %s"), w->candidates->period);
  if (w->candidates->unit != NULL)
    g_string_append_printf (out, " — %s", w->candidates->unit);
  g_string_append_c (out, '\n');
  g_string_append_printf (out, _("Target share: %.1f %%\n"), w->target_share * 100);
  g_string_append_printf (out, _("Share now: %.1f %%; after the conversions: %.1f %%\n"),
                          w->share_before * 100, w->share_after * 100);
  if (!w->reachable)
    g_string_append_printf (out, _("The target cannot be reached: converting every candidate gives %.1f %%.\n"),
                            w->share_after * 100);
  if (w->optimal)
    g_string_append_printf (out, "%s\n", _("The cost is the least possible (optimal)."));
  else
    g_string_append_printf (out, _("Best found within the time limit; the least cost is at least %.0f kr (gap %.1f %%).\n"),
                            w->bound, w->gap * 100);

  g_string_append_c (out, '\n');
  g_string_append_printf (out, g_dngettext (NULL, "%u conversion:\n", "%u conversions:\n",
                                            w->conversions->len),
                          w->conversions->len);
  for (guint i = 0; i < w->conversions->len; i++)
    {
      const ResfriCandidate *c = g_ptr_array_index (w->conversions, i);

      g_string_append_printf (out, _("  %s (%s): %u occurrences, avoids %.0f kr\n"), c->summary,
                              c->unit ? c->unit : _("no unit"), c->occurrences,
                              c->avoided_cost_sek);
    }

  g_string_append_printf (out, "\n%s\n", _("To order:"));
  if (w->order->len == 0)
    g_string_append_printf (out, "  %s\n", _("nothing"));
  for (guint i = 0; i < w->order->len; i++)
    {
      const ResfriWhatifOrder *o = g_ptr_array_index (w->order, i);

      g_string_append_printf (out, _("  %s %s: %u × %.0f kr = %.0f kr\n"), o->site, o->type,
                              o->to_order, o->unit_cost, o->cost);
    }
  g_string_append_printf (out, _("Total cost: %.0f kr\n"), w->total_cost);
  g_string_append_printf (out, _("Avoided: %.0f km, %.0f kr, %.1f kg CO2, %.1f h\n"),
                          w->avoided_km, w->avoided_cost_sek, w->avoided_co2_kg, w->avoided_hours);
  if (w->has_payback)
    g_string_append_printf (out, _("Payback: %.1f months\n"), w->payback_months);
  else
    g_string_append_printf (out, "%s\n", _("Payback: never (nothing avoided)"));

  return g_string_free (out, FALSE);
}

static int
run_whatif (ResfriCli  *cli,
            int         argc,
            char      **argv)
{
  g_autofree char *period_text = NULL;
  g_autofree char *unit = NULL;
  g_autofree char *format_name = NULL;
  g_autofree char *share_text = NULL;
  double time_limit = RESFRI_WHATIF_DEFAULT_TIME_LIMIT;
  const GOptionEntry entries[] = {
    { "period", 0, 0, G_OPTION_ARG_STRING, &period_text,
      N_("The period: YYYY, YYYY-Tn, YYYY-Hn, YYYY-Qn, YYYY-MM, YYYY-D or YYYY-MM-DD..YYYY-MM-DD"),
      N_("P") },
    { "target-share", 0, 0, G_OPTION_ARG_STRING, &share_text,
      N_("The travel-free share to reach, 0 to 1"), N_("S") },
    { "unit", 0, 0, G_OPTION_ARG_STRING, &unit, N_("Only this unit and the units under it"),
      N_("UNIT") },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format_name, N_("Output format: text or json"),
      N_("FORMAT") },
    { "time-limit", 0, 0, G_OPTION_ARG_DOUBLE, &time_limit,
      N_("Stop the search after SEC seconds (default 10) with the best found"), N_("SEC") },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(ResfriPeriod) period = NULL;
  g_autoptr(ResfriWhatif) whatif = NULL;
  g_autofree char *output = NULL;
  /* The time limit is the command's: opening the store counts. */
  gint64 started = g_get_monotonic_time ();
  ResfriCliFormat format;
  ResfriStore *store;
  double share;
  char *end = NULL;
  int status;

  if (!resfri_cli_parse_options (cli, entries, &argc, &argv))
    return RESFRI_CLI_EXIT_USAGE;
  if (argc > 1)
    return resfri_cli_usage_error (cli, _("unexpected argument “%s”"), argv[1]);
  if (!(format = resfri_cli_parse_format (cli, format_name,
                                          RESFRI_CLI_FORMAT_TEXT | RESFRI_CLI_FORMAT_JSON,
                                          RESFRI_CLI_FORMAT_TEXT)))
    return RESFRI_CLI_EXIT_USAGE;
  if (share_text == NULL)
    return resfri_cli_usage_error (cli, _("--target-share is required"));
  share = g_ascii_strtod (share_text, &end);
  if (end == share_text || *end != '\0' || !isfinite (share) || share < 0 || share > 1)
    return resfri_cli_usage_error (cli, _("--target-share must be a number from 0 to 1, not “%s”"),
                                   share_text);
  if (!isfinite (time_limit) || time_limit <= 0)
    return resfri_cli_usage_error (cli, _("--time-limit must be a positive number of seconds"));
  if (!parse_period (cli, period_text, &period, &status))
    return status;

  if (!(store = resfri_cli_get_store (cli)))
    return RESFRI_CLI_EXIT_INPUT;
  if (!(whatif = resfri_whatif_compute_since (store, NULL, period, unit, share, time_limit, started,
                                              NULL, &error)))
    return resfri_cli_fail (cli, error);

  output = format == RESFRI_CLI_FORMAT_JSON ? whatif_to_json (whatif) : whatif_to_text (whatif);
  if (!resfri_cli_write_output (NULL, output, strlen (output), &error))
    return resfri_cli_fail (cli, error);

  return RESFRI_CLI_EXIT_OK;
}

const ResfriCliCommand resfri_cli_planning_commands[] = {
  { "opportunities", NULL, "--period P [--unit U] [--format text|json|csv|xlsx] [-o FILE]",
    N_("Where travel can be avoided: meetings with non-compliant occurrences, most avoided first"),
    run_opportunities },
  { "whatif", NULL, "--period P --target-share S [--unit U] [--format text|json] [--time-limit SEC]",
    N_("The cheapest conversions that reach a travel-free share, and what they cost"), run_whatif },
  { NULL }
};

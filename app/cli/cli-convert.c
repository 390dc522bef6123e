/* cli-convert.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * convert UID [--from RECURRENCE-ID] --link URL [--hybrid] [--format
 * text|json] (spec/planning.md "Acting on it"): a series made a web or
 * hybrid meeting, whole or from one occurrence on, its loan items booked
 * where the pools allow and the rest listed, written to its calendar
 * where that is followed.
 *
 * JSON (spec/planning.md names no layout; this one is stable):
 *   {uid, from (or null), mode ("online"|"hybrid"), occurrences,
 *    non_compliant_before, non_compliant_after, booked,
 *    unserved: [{person (or null), type, site, start}],
 *    written ("none"|"done"|"refused"), write_error (or null)}
 * Exit 0 when the meeting was converted, whatever the pools and the
 * calendar said (they are in the output).
 */

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "resfri-cli.h"

static const char *
written_name (ResfriMeetingWrite written)
{
  switch (written)
    {
    case RESFRI_MEETING_WRITE_DONE:
      return "done";
    case RESFRI_MEETING_WRITE_REFUSED:
      return "refused";
    case RESFRI_MEETING_WRITE_NONE:
    default:
      return "none";
    }
}

static char *
result_to_json (const ResfriConvertResult *result)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  resfri_cli_json_add_string (builder, "uid", result->uid);
  resfri_cli_json_add_string (builder, "from", result->from);
  resfri_cli_json_add_string (builder, "mode", result->hybrid ? "hybrid" : "online");
  json_builder_set_member_name (builder, "occurrences");
  json_builder_add_int_value (builder, result->occurrences);
  json_builder_set_member_name (builder, "non_compliant_before");
  json_builder_add_int_value (builder, result->non_compliant_before);
  json_builder_set_member_name (builder, "non_compliant_after");
  json_builder_add_int_value (builder, result->non_compliant_after);
  json_builder_set_member_name (builder, "booked");
  json_builder_add_int_value (builder, result->booked);
  json_builder_set_member_name (builder, "unserved");
  json_builder_begin_array (builder);
  for (guint i = 0; i < result->unserved->len; i++)
    {
      const ResfriConvertNeed *need = g_ptr_array_index (result->unserved, i);
      g_autofree char *start = resfri_cli_format_instant (need->start);

      json_builder_begin_object (builder);
      resfri_cli_json_add_string (builder, "person", need->person);
      resfri_cli_json_add_string (builder, "type", need->type);
      resfri_cli_json_add_string (builder, "site", need->site);
      resfri_cli_json_add_string (builder, "start", start);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  resfri_cli_json_add_string (builder, "written", written_name (result->written));
  resfri_cli_json_add_string (builder, "write_error", result->write_error);
  json_builder_end_object (builder);

  return resfri_cli_json_to_text (builder);
}

static char *
result_to_text (const ResfriConvertResult *result)
{
  GString *out = g_string_new (NULL);

  if (result->from != NULL)
    g_string_append_printf (out,
                            result->hybrid ? _("%s is now a hybrid meeting from %s on")
                                           : _("%s is now a web meeting from %s on"),
                            result->uid, result->from);
  else
    g_string_append_printf (out,
                            result->hybrid ? _("%s is now a hybrid meeting")
                                           : _("%s is now a web meeting"),
                            result->uid);
  g_string_append_c (out, '\n');
  g_string_append_printf (out,
                          g_dngettext (GETTEXT_PACKAGE,
                                       "%u occurrence converted; non-compliant before: %u, after: %u",
                                       "%u occurrences converted; non-compliant before: %u, after: %u",
                                       result->occurrences),
                          result->occurrences, result->non_compliant_before,
                          result->non_compliant_after);
  g_string_append_c (out, '\n');
  g_string_append_printf (out,
                          g_dngettext (GETTEXT_PACKAGE, "%u loan item booked",
                                       "%u loan items booked", result->booked),
                          result->booked);
  g_string_append_c (out, '\n');
  if (result->unserved->len > 0)
    {
      g_string_append_printf (out, "%s\n", _("The pools cannot lend:"));
      for (guint i = 0; i < result->unserved->len; i++)
        {
          const ResfriConvertNeed *need = g_ptr_array_index (result->unserved, i);
          g_autofree char *start = resfri_cli_format_instant (need->start);

          g_string_append_printf (out, "  %s %s %s %s\n", start, need->site, need->type,
                                  need->person ? need->person : "—");
        }
    }
  switch (result->written)
    {
    case RESFRI_MEETING_WRITE_DONE:
      g_string_append_printf (out, "%s\n", _("Written to its calendar"));
      break;
    case RESFRI_MEETING_WRITE_REFUSED:
      g_string_append_printf (out, _("Not written to its calendar: %s"),
                              result->write_error ? result->write_error : "");
      g_string_append_c (out, '\n');
      break;
    case RESFRI_MEETING_WRITE_NONE:
    default:
      g_string_append_printf (out, "%s\n", _("No followed calendar holds it: changed here only"));
      break;
    }

  return g_string_free (out, FALSE);
}

static int
run_convert (ResfriCli  *cli,
             int         argc,
             char      **argv)
{
  g_autofree char *from = NULL;
  g_autofree char *link = NULL;
  g_autofree char *format_name = NULL;
  gboolean hybrid = FALSE;
  const GOptionEntry entries[] = {
    { "from", 0, 0, G_OPTION_ARG_STRING, &from,
      N_("Convert this occurrence and the following ones (as `expand` prints it)"), N_("R") },
    { "link", 0, 0, G_OPTION_ARG_STRING, &link, N_("The meeting link (https://…)"), N_("URL") },
    { "hybrid", 0, 0, G_OPTION_ARG_NONE, &hybrid,
      N_("Keep the venue: the attendees there stay in the room"), NULL },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format_name, N_("Output format: text or json"),
      N_("FORMAT") },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(ResfriConvertResult) result = NULL;
  g_autofree char *output = NULL;
  ResfriCliFormat format;
  ResfriStore *store;

  if (!resfri_cli_parse_options (cli, entries, &argc, &argv))
    return RESFRI_CLI_EXIT_USAGE;
  if (argc > 2)
    return resfri_cli_usage_error (cli, _("unexpected argument “%s”"), argv[2]);
  if (argc < 2)
    return resfri_cli_usage_error (cli, _("give a UID"));
  if (link == NULL)
    return resfri_cli_usage_error (cli, _("--link is required"));
  if (!resfri_meeting_check_link (link, &error))
    return resfri_cli_usage_error (cli, "%s", error->message);
  if (!(format = resfri_cli_parse_format (cli, format_name,
                                          RESFRI_CLI_FORMAT_TEXT | RESFRI_CLI_FORMAT_JSON,
                                          RESFRI_CLI_FORMAT_TEXT)))
    return RESFRI_CLI_EXIT_USAGE;

  if (!(store = resfri_cli_get_store (cli)))
    return RESFRI_CLI_EXIT_INPUT;

  if (!(result = resfri_convert_series (store, argv[1], from, link, hybrid,
                                        resfri_followup_get_now (), NULL, &error)))
    return resfri_cli_fail (cli, error);

  output = format == RESFRI_CLI_FORMAT_JSON ? result_to_json (result) : result_to_text (result);
  if (!resfri_cli_write_output (NULL, output, strlen (output), &error))
    return resfri_cli_fail (cli, error);

  return RESFRI_CLI_EXIT_OK;
}

const ResfriCliCommand resfri_cli_convert_commands[] = {
  { "convert", NULL, "UID [--from RECURRENCE-ID] --link URL [--hybrid] [--format text|json]",
    N_("Make a series a web or hybrid meeting, whole or from one occurrence on"), run_convert },
  { NULL }
};

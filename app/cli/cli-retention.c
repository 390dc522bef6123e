/* cli-retention.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * resfri-cli purge: retention of spec/privacy.md, at once and for every
 * meeting (privacy/resfri-retention.c); with --dry-run it says what would
 * go and changes nothing. Every other command purges what became due
 * when it opens the database (resfri_cli_get_store()).
 */

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "resfri-cli.h"

static void
add_int (JsonBuilder *builder,
         const char  *name,
         gint64       value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_int_value (builder, value);
}

static char *
summary_to_json (const ResfriRetentionSummary *summary,
                 gboolean                      dry_run)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *cutoff = resfri_cli_format_instant (summary->cutoff);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "dry_run");
  json_builder_add_boolean_value (builder, dry_run);
  resfri_cli_json_add_string (builder, "ended_before", cutoff);
  add_int (builder, "meetings", summary->meetings);
  add_int (builder, "occurrences", summary->occurrences);
  add_int (builder, "attendees", summary->attendees);
  add_int (builder, "bytes", summary->bytes);
  json_builder_end_object (builder);

  return resfri_cli_json_to_text (builder);
}

static char *
summary_to_text (const ResfriRetentionSummary *summary,
                 gboolean                      dry_run)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (summary->cutoff);
  g_autofree char *day = utc != NULL ? g_date_time_format (utc, "%Y-%m-%d") : g_strdup ("?");
  g_autofree char *meetings = NULL;
  g_autofree char *occurrences = NULL;
  g_autofree char *attendees = NULL;
  g_autofree char *bytes = NULL;

  if (summary->meetings == 0)
    /* Translators: %s is a date, 2023-12-05 */
    return g_strdup_printf (_("No meeting that ended before %s holds personal data.\n"), day);

  meetings = g_strdup_printf ("%" G_GINT64_FORMAT, summary->meetings);
  occurrences = g_strdup_printf ("%" G_GINT64_FORMAT, summary->occurrences);
  attendees = g_strdup_printf ("%" G_GINT64_FORMAT, summary->attendees);
  bytes = g_strdup_printf ("%" G_GINT64_FORMAT, summary->bytes);
  if (dry_run)
    /* Translators: a dry run of `purge`: counts, then a date (2023-12-05) */
    return g_strdup_printf (_("Would purge %s meetings that ended before %s: %s occurrences kept "
                              "as figures, %s attendee rows and %s bytes of text removed.\n"),
                            meetings, day, occurrences, attendees, bytes);

  /* Translators: counts, then a date (2023-12-05) */
  return g_strdup_printf (_("Purged %s meetings that ended before %s: %s occurrences kept as "
                            "figures, %s attendee rows and %s bytes of text removed.\n"),
                          meetings, day, occurrences, attendees, bytes);
}

static int
run_purge (ResfriCli  *cli,
           int         argc,
           char      **argv)
{
  gboolean dry_run = FALSE;
  g_autofree char *format_text = NULL;
  const GOptionEntry entries[] = {
    { "dry-run", 0, 0, G_OPTION_ARG_NONE, &dry_run, N_("Say what would go; change nothing"),
      NULL },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format_text, N_("text or json"), N_("FORMAT") },
    { NULL }
  };
  ResfriRetentionSummary summary;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  ResfriCliFormat format;
  ResfriStore *store;

  if (!resfri_cli_parse_options (cli, entries, &argc, &argv))
    return RESFRI_CLI_EXIT_USAGE;
  if (argc > 1)
    return resfri_cli_usage_error (cli, _("unexpected argument “%s”"), argv[1]);
  if (!(format = resfri_cli_parse_format (cli, format_text,
                                          RESFRI_CLI_FORMAT_TEXT | RESFRI_CLI_FORMAT_JSON,
                                          RESFRI_CLI_FORMAT_TEXT)))
    return RESFRI_CLI_EXIT_USAGE;

  if (!(store = resfri_cli_get_store (cli)))
    return RESFRI_CLI_EXIT_INPUT;
  if (!resfri_retention_purge (store, 0, dry_run, &summary, &error))
    return resfri_cli_fail (cli, error);

  out = format == RESFRI_CLI_FORMAT_JSON ? summary_to_json (&summary, dry_run)
                                         : summary_to_text (&summary, dry_run);
  if (!resfri_cli_write_output (NULL, out, strlen (out), &error))
    return resfri_cli_fail (cli, error);

  return RESFRI_CLI_EXIT_OK;
}

const ResfriCliCommand resfri_cli_retention_commands[] = {
  { "purge", NULL, "[--dry-run] [--format text|json]",
    N_("Remove the personal data of meetings older than retention_months"), run_purge },
  { NULL }
};

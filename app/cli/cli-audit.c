/* cli-audit.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * resfri-cli audit: the audit log of spec/privacy.md, every change a user
 * made with the time and the operating-system user, oldest first, over the
 * days --from to --to (both included, Europe/Stockholm days). Text is one
 * line per change at the local time; JSON the log's own keys.
 */

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "resfri-cli.h"

static GTimeZone *
home_zone (void)
{
  GTimeZone *zone = g_time_zone_new_identifier (RESFRI_ICAL_HOME_ZONE);

  return zone != NULL ? zone : g_time_zone_new_local ();
}

/* The first instant of the day @text names ("YYYY-MM-DD" in @zone), or of
 * the day after it when @after; FALSE with @error when @text is no date. */
static gboolean
parse_day (const char  *text,
           GTimeZone   *zone,
           gboolean     after,
           gint64      *unix_time,
           GError     **error)
{
  g_autoptr(GDateTime) day = NULL;
  int year, month, day_of_month;
  char extra;

  if (strlen (text) != 10 || text[4] != '-' || text[7] != '-' ||
      !g_ascii_isdigit (text[0]) || !g_ascii_isdigit (text[5]) || !g_ascii_isdigit (text[8]) ||
      sscanf (text, "%4d-%2d-%2d%c", &year, &month, &day_of_month, &extra) != 3 ||
      year < 1 || month < 1 || month > 12 || day_of_month < 1 ||
      !g_date_valid_dmy ((GDateDay) day_of_month, (GDateMonth) month, (GDateYear) year) ||
      !(day = g_date_time_new (zone, year, month, day_of_month, 0, 0, 0)))
    {
      /* Translators: a date given to `audit --from` or `--to`. */
      g_set_error (error, RESFRI_ERROR, RESFRI_ERROR_INVALID_INPUT,
                   _("resfri-cli audit: “%s” is not a date (YYYY-MM-DD)"), text);
      return FALSE;
    }

  if (after)
    {
      g_autoptr(GDateTime) next = g_date_time_add_days (day, 1);

      *unix_time = g_date_time_to_unix (next);
    }
  else
    *unix_time = g_date_time_to_unix (day);

  return TRUE;
}

static char *
entries_to_json (GPtrArray *entries)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_array (builder);
  for (guint i = 0; i < entries->len; i++)
    {
      const ResfriAuditEntry *entry = g_ptr_array_index (entries, i);
      g_autofree char *time = resfri_cli_format_instant (entry->time);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_int_value (builder, entry->id);
      resfri_cli_json_add_string (builder, "time", time);
      resfri_cli_json_add_string (builder, "user", entry->user);
      resfri_cli_json_add_string (builder, "action", entry->action);
      resfri_cli_json_add_string (builder, "object_kind", entry->object_kind);
      resfri_cli_json_add_string (builder, "object_id", entry->object_id);
      resfri_cli_json_add_string (builder, "detail", entry->detail);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  return resfri_cli_json_to_text (builder);
}

static char *
entries_to_text (GPtrArray *entries,
                 GTimeZone *zone)
{
  GString *out = g_string_new (NULL);

  if (entries->len == 0)
    g_string_append_printf (out, "%s\n", _("No changes."));

  for (guint i = 0; i < entries->len; i++)
    {
      const ResfriAuditEntry *entry = g_ptr_array_index (entries, i);
      g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (entry->time);
      g_autoptr(GDateTime) local = utc != NULL ? g_date_time_to_timezone (utc, zone) : NULL;
      g_autofree char *time = local != NULL ? g_date_time_format (local, "%Y-%m-%dT%H:%M:%S%:z")
                                            : g_strdup ("?");

      g_string_append_printf (out, "%s  %s  %s: %s %s", time, entry->user,
                              resfri_audit_describe_action (entry->action),
                              resfri_audit_describe_kind (entry->object_kind), entry->object_id);
      if (entry->detail != NULL)
        g_string_append_printf (out, " (%s)", entry->detail);
      g_string_append_c (out, '\n');
    }

  return g_string_free (out, FALSE);
}

static int
run_audit (ResfriCli  *cli,
           int         argc,
           char      **argv)
{
  g_autofree char *from_text = NULL;
  g_autofree char *to_text = NULL;
  g_autofree char *format_text = NULL;
  const GOptionEntry entries[] = {
    { "from", 0, 0, G_OPTION_ARG_STRING, &from_text, N_("The first day"), N_("D") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to_text, N_("The last day (included)"), N_("D") },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format_text, N_("text or json"), N_("FORMAT") },
    { NULL }
  };
  g_autoptr(GTimeZone) zone = home_zone ();
  g_autoptr(GPtrArray) log = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  ResfriCliFormat format;
  ResfriStore *store;
  gint64 from = G_MININT64, to = G_MAXINT64;

  if (!resfri_cli_parse_options (cli, entries, &argc, &argv))
    return RESFRI_CLI_EXIT_USAGE;
  if (argc > 1)
    return resfri_cli_usage_error (cli, _("unexpected argument “%s”"), argv[1]);
  if (!(format = resfri_cli_parse_format (cli, format_text,
                                          RESFRI_CLI_FORMAT_TEXT | RESFRI_CLI_FORMAT_JSON,
                                          RESFRI_CLI_FORMAT_TEXT)))
    return RESFRI_CLI_EXIT_USAGE;
  /* A bad date is bad input (exit 1), as a bad file is. */
  if ((from_text != NULL && !parse_day (from_text, zone, FALSE, &from, &error)) ||
      (to_text != NULL && !parse_day (to_text, zone, TRUE, &to, &error)))
    return resfri_cli_fail (cli, error);
  if (to <= from)
    {
      g_set_error (&error, RESFRI_ERROR, RESFRI_ERROR_INVALID_INPUT,
                   _("resfri-cli audit: --to is before --from"));
      return resfri_cli_fail (cli, error);
    }

  if (!(store = resfri_cli_get_store (cli)))
    return RESFRI_CLI_EXIT_INPUT;
  if (!(log = resfri_audit_list (store, from, to, FALSE, 0, &error)))
    return resfri_cli_fail (cli, error);

  out = format == RESFRI_CLI_FORMAT_JSON ? entries_to_json (log) : entries_to_text (log, zone);
  if (!resfri_cli_write_output (NULL, out, strlen (out), &error))
    return resfri_cli_fail (cli, error);

  return RESFRI_CLI_EXIT_OK;
}

const ResfriCliCommand resfri_cli_audit_commands[] = {
  { "audit", NULL, "[--from D] [--to D] [--format text|json]",
    N_("The audit log: every change, when and by which user"), run_audit },
  { NULL }
};

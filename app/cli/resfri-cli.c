/* resfri-cli.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * resfri-cli: the headless interface of spec/cli.md. This file holds the
 * global options and the dispatch; the commands live in cli-*.c.
 */

#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>

#include "resfri-cli.h"

struct _ResfriCli
{
  char                   *db_path;
  ResfriStore            *store;
  const ResfriCliCommand *command;
  char                   *command_name;
};

static const ResfriCliCommand *command_tables[] = {
  resfri_cli_demo_commands,
  resfri_cli_calendar_commands,
  resfri_cli_csv_commands,
  resfri_cli_inventory_commands,
  resfri_cli_policy_commands,
  resfri_cli_check_commands,
  resfri_cli_convert_commands,
  resfri_cli_allocate_commands,
  resfri_cli_rooms_commands,
  resfri_cli_report_commands,
  resfri_cli_planning_commands,
  resfri_cli_sources_commands,
  resfri_cli_sync_commands,
  resfri_cli_audit_commands,
  resfri_cli_retention_commands,
  resfri_cli_person_commands,
};

static void
print_help (FILE *out)
{
  fprintf (out, "%s\n\n", _("Usage: resfri-cli [--db PATH] COMMAND [OPTIONS] [ARGS]"));
  fprintf (out, "%s\n\n", _("Plan and follow up travel-free meetings."));
  fprintf (out, "%s\n", _("Commands:"));

  for (guint t = 0; t < G_N_ELEMENTS (command_tables); t++)
    for (const ResfriCliCommand *c = command_tables[t]; c->group != NULL; c++)
      {
        g_autofree char *name = NULL;

        name = g_strjoin (" ", c->group, c->name ? c->name : c->synopsis,
                          c->name ? c->synopsis : NULL, NULL);
        g_strstrip (name);
        /* Pad by characters, not bytes: synopses hold "…". A long synopsis
         * gets its summary on a line of its own. */
        if (g_utf8_strlen (name, -1) > 44)
          fprintf (out, "  %s\n  %44s %s\n", name, "", _(c->summary));
        else
          fprintf (out, "  %s%*s %s\n", name, (int) (44 - g_utf8_strlen (name, -1)), "",
                   _(c->summary));
      }

  fprintf (out, "\n%s\n", _("The database is --db PATH, else $RESFRI_DB, else "
                            "$XDG_DATA_HOME/resfri/resfri.db; a missing one is created."));
}

/* A subcommand named exactly wins over a one-word command of the same
 * group ("bookings cancel 3" against "bookings --from D"), whatever the
 * order of the tables. */
static const ResfriCliCommand *
find_command (const char *group,
              const char *name)
{
  const ResfriCliCommand *one_word = NULL;

  for (guint t = 0; t < G_N_ELEMENTS (command_tables); t++)
    for (const ResfriCliCommand *c = command_tables[t]; c->group != NULL; c++)
      {
        if (g_strcmp0 (c->group, group) != 0)
          continue;
        if (c->name == NULL)
          one_word = one_word ? one_word : c;
        else if (g_strcmp0 (c->name, name) == 0)
          return c;
      }

  return one_word;
}

static gboolean
group_exists (const char *group)
{
  for (guint t = 0; t < G_N_ELEMENTS (command_tables); t++)
    for (const ResfriCliCommand *c = command_tables[t]; c->group != NULL; c++)
      if (g_strcmp0 (c->group, group) == 0)
        return TRUE;

  return FALSE;
}

ResfriStore *
resfri_cli_get_store (ResfriCli *cli)
{
  g_autoptr(GError) error = NULL;

  if (cli->store != NULL)
    return cli->store;

  if (cli->db_path == NULL)
    {
      const char *env = g_getenv ("RESFRI_DB");

      cli->db_path = (env && *env) ? g_strdup (env) : resfri_store_dup_default_path ();
    }

  if (!(cli->store = resfri_store_open (cli->db_path, &error)))
    {
      resfri_cli_fail (cli, error);
      return NULL;
    }

  /* Open-ended series reach as far ahead as when they were imported. A
   * failure here (a read-only file, say) must not stop a report; a damaged
   * file stops everything: nothing more is written to it. */
  if (!resfri_store_extend_horizon (cli->store, g_get_real_time () / G_USEC_PER_SEC, NULL, &error))
    {
      if (g_error_matches (error, RESFRI_ERROR, RESFRI_ERROR_DAMAGED))
        {
          resfri_cli_fail (cli, error);
          g_clear_object (&cli->store);
          return NULL;
        }
      fprintf (stderr, _("resfri-cli: warning: open-ended series were not expanded further: %s\n"),
               error->message);
      g_clear_error (&error);
    }

  /* Retention (spec/privacy.md), unless the command is `purge` itself: a
   * dry run must see what is due. */
  if (g_strcmp0 (cli->command->group, "purge") != 0 &&
      !resfri_retention_purge_due (cli->store, 0, NULL, &error))
    {
      fprintf (stderr, _("resfri-cli: warning: old meetings were not purged: %s\n"),
               error->message);
    }

  return cli->store;
}

gboolean
resfri_cli_parse_options (ResfriCli           *cli,
                          const GOptionEntry  *entries,
                          int                 *argc,
                          char              ***argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *parameter = NULL;

  parameter = g_strdup_printf ("%s", cli->command->synopsis ? cli->command->synopsis : "");
  context = g_option_context_new (parameter);
  g_option_context_set_summary (context, _(cli->command->summary));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (entries != NULL)
    g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);

  /* "--" ends the options; a lone "-" (stdin) stays an argument. */
  if (!g_option_context_parse (context, argc, argv, &error))
    {
      resfri_cli_usage_error (cli, "%s", error->message);
      return FALSE;
    }

  return TRUE;
}

int
resfri_cli_fail (ResfriCli    *cli,
                 const GError *error)
{
  g_autofree char *line = g_strdup (error->message);

  /* One line, whatever the message holds. */
  g_strdelimit (line, "\r\n", ' ');

  if (g_error_matches (error, RESFRI_ERROR, RESFRI_ERROR_INVALID_INPUT) ||
      g_error_matches (error, RESFRI_ERROR, RESFRI_ERROR_INVALID_ICAL))
    fprintf (stderr, "%s\n", line);
  else
    fprintf (stderr, "resfri-cli: %s\n", line);

  return RESFRI_CLI_EXIT_INPUT;
}

int
resfri_cli_usage_error (ResfriCli  *cli,
                        const char *format,
                        ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  fprintf (stderr, "resfri-cli %s: %s\n", cli->command_name ? cli->command_name : "", message);
  if (cli->command != NULL)
    fprintf (stderr, _("Usage: resfri-cli %s %s\n"), cli->command_name,
             cli->command->synopsis ? cli->command->synopsis : "");

  return RESFRI_CLI_EXIT_USAGE;
}

ResfriCliFormat
resfri_cli_parse_format (ResfriCli       *cli,
                         const char      *value,
                         ResfriCliFormat  allowed,
                         ResfriCliFormat  default_format)
{
  static const struct { const char *name; ResfriCliFormat format; } formats[] = {
    { "text", RESFRI_CLI_FORMAT_TEXT },
    { "csv", RESFRI_CLI_FORMAT_CSV },
    { "json", RESFRI_CLI_FORMAT_JSON },
    { "xlsx", RESFRI_CLI_FORMAT_XLSX },
    { "pdf", RESFRI_CLI_FORMAT_PDF },
  };
  g_autoptr(GString) names = g_string_new (NULL);

  if (value == NULL)
    return default_format;

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      if ((allowed & formats[i].format) == 0)
        continue;
      if (strcmp (value, formats[i].name) == 0)
        return formats[i].format;
      g_string_append_printf (names, "%s%s", names->len ? ", " : "", formats[i].name);
    }

  resfri_cli_usage_error (cli, _("unknown format “%s” (use one of: %s)"), value, names->str);
  return 0;
}

gboolean
resfri_cli_write_output (const char  *path,
                         const char  *data,
                         gsize        length,
                         GError     **error)
{
  if (path == NULL || strcmp (path, "-") == 0)
    {
      if (fwrite (data, 1, length, stdout) != length || fflush (stdout) != 0)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Cannot write to standard output"));
          return FALSE;
        }
      return TRUE;
    }

  return g_file_set_contents (path, data, length, error);
}

/* @n as @width digits at @p, zero-padded; the end. */
static char *
put_digits (char *p,
            guint n,
            guint width)
{
  for (guint i = width; i > 0; i--)
    {
      p[i - 1] = '0' + n % 10;
      n /= 10;
    }
  return p + width;
}

/* "YYYY-MM-DD" and " HH:MM" (@t_sep ' ') or "THH:MM:SSZ" (@t_sep 'T'), as g_date_time_format() writes "%Y-%m-%d
 * %H:%M" or "%Y-%m-%dT%H:%M:%SZ" for a year of four digits. */
char *
resfri_cli_format_date_time (guint year,
                             guint month,
                             guint day,
                             guint hour,
                             guint minute,
                             guint second,
                             char  t_sep)
{
  char text[24];
  char *p = text;

  p = put_digits (p, year, 4);
  *p++ = '-';
  p = put_digits (p, month, 2);
  *p++ = '-';
  p = put_digits (p, day, 2);
  *p++ = t_sep;
  p = put_digits (p, hour, 2);
  *p++ = ':';
  p = put_digits (p, minute, 2);
  if (t_sep == 'T')
    {
      *p++ = ':';
      p = put_digits (p, second, 2);
      *p++ = 'Z';
    }
  *p = '\0';

  return g_strdup (text);
}

char *
resfri_cli_format_instant (gint64 t)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (t);

  if (dt == NULL)
    return g_strdup ("");

  return g_date_time_format (dt, "%Y-%m-%dT%H:%M:%SZ");
}

char *
resfri_cli_json_to_text (JsonBuilder *builder)
{
  g_autoptr(JsonNode) root = json_builder_get_root (builder);

  return resfri_cli_json_node_to_text (root);
}

char *
resfri_cli_json_node_to_text (JsonNode *root)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);
  return g_strconcat (text, "\n", NULL);
}

void
resfri_cli_json_add_string (JsonBuilder *builder,
                            const char  *name,
                            const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

int
main (int    argc,
      char **argv)
{
  ResfriCli cli = { 0 };
  g_autofree char *db_path = NULL;
  gboolean show_help = FALSE;
  gboolean show_version = FALSE;
  const GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db_path, N_("The database file"), N_("PATH") },
    { "version", 0, 0, G_OPTION_ARG_NONE, &show_version, N_("Print the version"), NULL },
    { "help", 'h', 0, G_OPTION_ARG_NONE, &show_help, N_("Show this help"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  int command_argc;
  char **command_argv;
  int consumed;
  int status;

  setlocale (LC_ALL, "");
  /* Debug and info messages ($G_MESSAGES_DEBUG) on standard error: standard
   * output is the command's answer. */
  g_log_writer_default_set_use_stderr (TRUE);
  /* RESFRI_LOCALEDIR: translations not installed yet (the build tree's
   * po folder, as build-aux/screenshots uses it for the application). */
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("RESFRI_LOCALEDIR") != NULL
                                   ? g_getenv ("RESFRI_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* Only the global options before the command are ours; the rest belongs
   * to the command, so stop at the first non-option. */
  context = g_option_context_new (NULL);
  g_option_context_set_help_enabled (context, FALSE);
  g_option_context_set_strict_posix (context, TRUE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      fprintf (stderr, "resfri-cli: %s\n", error->message);
      print_help (stderr);
      return RESFRI_CLI_EXIT_USAGE;
    }

  if (show_version)
    {
      printf ("resfri-cli %s\n", PACKAGE_VERSION);
      return RESFRI_CLI_EXIT_OK;
    }

  if (show_help || argc < 2)
    {
      print_help (show_help ? stdout : stderr);
      return show_help ? RESFRI_CLI_EXIT_OK : RESFRI_CLI_EXIT_USAGE;
    }

  if (!group_exists (argv[1]))
    {
      fprintf (stderr, _("resfri-cli: unknown command “%s”\n"), argv[1]);
      print_help (stderr);
      return RESFRI_CLI_EXIT_USAGE;
    }

  cli.command = find_command (argv[1], argc > 2 ? argv[2] : NULL);
  if (cli.command == NULL)
    {
      fprintf (stderr, _("resfri-cli: “%s” needs a subcommand\n"), argv[1]);
      print_help (stderr);
      return RESFRI_CLI_EXIT_USAGE;
    }

  consumed = cli.command->name ? 2 : 1;
  name = cli.command->name ? g_strdup_printf ("%s %s", argv[1], argv[2]) : g_strdup (argv[1]);
  cli.command_name = name;
  cli.db_path = g_steal_pointer (&db_path);

  /* The command sees its full name as argv[0]. */
  command_argc = argc - consumed;
  command_argv = g_new0 (char *, command_argc + 1);
  command_argv[0] = name;
  for (int i = 1; i < command_argc; i++)
    command_argv[i] = argv[consumed + i];

  {
    /* g_option_context_parse rearranges the vector: keep the original to
     * free it. */
    char **owned = command_argv;
    char **view = g_memdup2 (command_argv, sizeof (char *) * (command_argc + 1));

    status = cli.command->run (&cli, command_argc, view);
    g_free (view);
    g_free (owned);
  }

  g_clear_object (&cli.store);
  g_free (cli.db_path);
  return status;
}

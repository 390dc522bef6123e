/* cli-csv.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * `REGISTER import FILE.csv` and `REGISTER list [--format csv|json]` for
 * the five registers of spec/cli.md ("CSV inputs").
 */

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>

#include "resfri-cli.h"

/* argv[0] is the command's full name: "people import". */
static ResfriRegister
register_of_command (const char *command)
{
  g_autofree char *group = g_strndup (command, strcspn (command, " "));
  ResfriRegister kind = RESFRI_REGISTER_SITES;

  if (!resfri_register_from_name (group, &kind))
    g_assert_not_reached ();

  return kind;
}

/* Reads FILE, or standard input for "-", up to the input limit; errors
 * are "FILE: what", as for any other bad input file. */
static gboolean
read_input (const char  *path,
            char       **contents,
            gsize       *length,
            GError     **error)
{
  return resfri_input_read_path (path, contents, length, error);
}

static int
run_import (ResfriCli  *cli,
            int         argc,
            char      **argv)
{
  ResfriRegister kind = register_of_command (argv[0]);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  ResfriRegisterStats stats = { 0 };
  ResfriStore *store;
  gsize length = 0;

  if (!resfri_cli_parse_options (cli, NULL, &argc, &argv))
    return RESFRI_CLI_EXIT_USAGE;

  if (argc != 2)
    return resfri_cli_usage_error (cli, _("expected one CSV file (or - for standard input)"));

  if (!read_input (argv[1], &contents, &length, &error))
    return resfri_cli_fail (cli, error);

  if (!(store = resfri_cli_get_store (cli)))
    return RESFRI_CLI_EXIT_INPUT;

  if (!resfri_register_import_data (store, kind, argv[1], contents, length, &stats, &error))
    return resfri_cli_fail (cli, error);

  /* TRANSLATORS: "people.csv: 412 rows imported (12 updated)" */
  printf (ngettext ("%s: %u row imported (%u updated)\n",
                    "%s: %u rows imported (%u updated)\n", stats.rows),
          argv[1], stats.rows, stats.updated);

  return RESFRI_CLI_EXIT_OK;
}

static int
run_list (ResfriCli  *cli,
          int         argc,
          char      **argv)
{
  ResfriRegister kind = register_of_command (argv[0]);
  g_autoptr(GError) error = NULL;
  g_autofree char *format_name = NULL;
  g_autofree char *output = NULL;
  ResfriCliFormat format;
  ResfriStore *store;
  gsize length = 0;
  const GOptionEntry entries[] = {
    { "format", 0, 0, G_OPTION_ARG_STRING, &format_name, N_("Output format: csv or json"),
      N_("FORMAT") },
    { NULL }
  };

  if (!resfri_cli_parse_options (cli, entries, &argc, &argv))
    return RESFRI_CLI_EXIT_USAGE;

  if (argc != 1)
    return resfri_cli_usage_error (cli, _("unexpected argument “%s”"), argv[1]);

  format = resfri_cli_parse_format (cli, format_name,
                                    RESFRI_CLI_FORMAT_CSV | RESFRI_CLI_FORMAT_JSON,
                                    RESFRI_CLI_FORMAT_CSV);
  if (format == 0)
    return RESFRI_CLI_EXIT_USAGE;

  if (!(store = resfri_cli_get_store (cli)))
    return RESFRI_CLI_EXIT_INPUT;

  if (format == RESFRI_CLI_FORMAT_JSON)
    {
      g_autoptr(JsonNode) root = NULL;
      g_autoptr(JsonGenerator) generator = NULL;
      g_autofree char *json = NULL;

      if (!(root = resfri_register_list_json (store, kind, &error)))
        return resfri_cli_fail (cli, error);

      generator = json_generator_new ();
      json_generator_set_pretty (generator, TRUE);
      json_generator_set_indent (generator, 2);
      json_generator_set_root (generator, root);
      json = json_generator_to_data (generator, NULL);
      output = g_strconcat (json, "\n", NULL);
      length = strlen (output);
    }
  else if (!(output = resfri_register_list_csv (store, kind, &length, &error)))
    return resfri_cli_fail (cli, error);

  if (!resfri_cli_write_output (NULL, output, length, &error))
    return resfri_cli_fail (cli, error);

  return RESFRI_CLI_EXIT_OK;
}

const ResfriCliCommand resfri_cli_csv_commands[] = {
  { "sites", "import", "FILE.csv", N_("Import sites (id, name, latitude, longitude)"), run_import },
  { "sites", "list", "[--format csv|json]", N_("List the stored sites"), run_list },
  { "people", "import", "FILE.csv", N_("Import people (email, name, unit, site, role)"), run_import },
  { "people", "list", "[--format csv|json]", N_("List the stored people"), run_list },
  { "rooms", "import", "FILE.csv",
    N_("Import rooms (id, name, site, capacity, email, aliases, vc)"), run_import },
  { "rooms", "list", "[--format csv|json]", N_("List the stored rooms"), run_list },
  { "inventory", "import", "FILE.csv",
    N_("Import equipment (asset_tag, type, site, owner_email, state, model, cost)"), run_import },
  { "inventory", "list", "[--format csv|json]", N_("List the stored equipment"), run_list },
  { "distances", "import", "FILE.csv", N_("Import distances between sites (from, to, km)"),
    run_import },
  { "distances", "list", "[--format csv|json]", N_("List the stored distances"), run_list },
  { NULL }
};

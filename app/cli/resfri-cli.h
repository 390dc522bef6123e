/* resfri-cli.h
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the command files of resfri-cli share. Each area of commands lives
 * in its own cli-AREA.c and exports a table ending in an all-NULL entry.
 */

#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "resfri-core.h"

G_BEGIN_DECLS

/* Exit statuses of spec/cli.md. */
#define RESFRI_CLI_EXIT_OK     0
#define RESFRI_CLI_EXIT_INPUT  1
#define RESFRI_CLI_EXIT_USAGE  2

typedef struct _ResfriCli ResfriCli;

typedef enum
{
  RESFRI_CLI_FORMAT_TEXT = 1 << 0,
  RESFRI_CLI_FORMAT_CSV  = 1 << 1,
  RESFRI_CLI_FORMAT_JSON = 1 << 2,
  RESFRI_CLI_FORMAT_XLSX = 1 << 3,
  RESFRI_CLI_FORMAT_PDF  = 1 << 4,
} ResfriCliFormat;

/* @argv[0] is the command's full name ("sites import"); option parsing with
 * resfri_cli_parse_options() leaves only the positional arguments. */
typedef int (*ResfriCliRunFunc) (ResfriCli  *cli,
                                 int         argc,
                                 char      **argv);

typedef struct
{
  const char       *group;        /* "sites", "demo" */
  const char       *name;         /* "import", or NULL for a one-word command */
  const char       *synopsis;     /* "FILE.csv" */
  const char       *summary;      /* one translatable line (N_()) */
  ResfriCliRunFunc  run;
} ResfriCliCommand;

extern const ResfriCliCommand resfri_cli_allocate_commands[];
extern const ResfriCliCommand resfri_cli_audit_commands[];
extern const ResfriCliCommand resfri_cli_calendar_commands[];
extern const ResfriCliCommand resfri_cli_check_commands[];
extern const ResfriCliCommand resfri_cli_convert_commands[];
extern const ResfriCliCommand resfri_cli_csv_commands[];
extern const ResfriCliCommand resfri_cli_demo_commands[];
extern const ResfriCliCommand resfri_cli_inventory_commands[];
extern const ResfriCliCommand resfri_cli_person_commands[];
extern const ResfriCliCommand resfri_cli_planning_commands[];
extern const ResfriCliCommand resfri_cli_policy_commands[];
extern const ResfriCliCommand resfri_cli_rooms_commands[];
extern const ResfriCliCommand resfri_cli_report_commands[];
extern const ResfriCliCommand resfri_cli_retention_commands[];
extern const ResfriCliCommand resfri_cli_sources_commands[];
extern const ResfriCliCommand resfri_cli_sync_commands[];

/* The store named by --db, $RESFRI_DB or the default path, opened on first
 * use. On failure prints the error and returns NULL; the command then
 * returns RESFRI_CLI_EXIT_INPUT. */
ResfriStore *resfri_cli_get_store       (ResfriCli           *cli);

/* Parses the command's options and leaves the positional arguments in
 * @argc/@argv (argv[0] stays the command name). On a usage error prints it
 * with the command's usage and returns FALSE: return RESFRI_CLI_EXIT_USAGE. */
gboolean     resfri_cli_parse_options   (ResfriCli           *cli,
                                         const GOptionEntry  *entries,
                                         int                 *argc,
                                         char              ***argv);

/* Prints one line for @error on stderr and returns the exit status it maps
 * to (always RESFRI_CLI_EXIT_INPUT: usage errors use resfri_cli_usage_error).
 * File errors are printed as they are ("FILE:LINE: what"). */
int          resfri_cli_fail            (ResfriCli           *cli,
                                         const GError        *error);

/* Prints "resfri-cli COMMAND: <message>" and the usage line; returns
 * RESFRI_CLI_EXIT_USAGE. */
int          resfri_cli_usage_error     (ResfriCli           *cli,
                                         const char          *format,
                                         ...) G_GNUC_PRINTF (2, 3);

/* Parses a --format value against the formats the command allows; NULL
 * gives @default_format. Prints a usage error and returns 0 when invalid. */
ResfriCliFormat resfri_cli_parse_format (ResfriCli           *cli,
                                         const char          *value,
                                         ResfriCliFormat      allowed,
                                         ResfriCliFormat      default_format);

/* Writes @data to @path, or to stdout when @path is NULL or "-". */
gboolean     resfri_cli_write_output    (const char          *path,
                                         const char          *data,
                                         gsize                length,
                                         GError             **error);

/* A unix time as the CLI prints instants: "2026-03-02T07:00:00Z" (UTC);
 * "" when out of range. */
char        *resfri_cli_format_instant  (gint64               t);
/* "YYYY-MM-DD HH:MM" (@t_sep ' ') or "YYYY-MM-DDTHH:MM:SSZ" (@t_sep 'T')
 * of a year of four digits, as g_date_time_format() writes them. */
char        *resfri_cli_format_date_time (guint               year,
                                          guint               month,
                                          guint               day,
                                          guint               hour,
                                          guint               minute,
                                          guint               second,
                                          char                t_sep);
/* What @builder built, as the CLI prints JSON: pretty, with a final
 * newline. */
char        *resfri_cli_json_to_text    (JsonBuilder         *builder);
/* The same for a JSON node already built. */
char        *resfri_cli_json_node_to_text (JsonNode          *root);
/* Member @name of the object being built: @value, or null for NULL. */
void         resfri_cli_json_add_string (JsonBuilder         *builder,
                                         const char          *name,
                                         const char          *value);

G_END_DECLS

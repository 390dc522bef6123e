/* cli-calendar.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Calendar commands: `expand` (no database), `import` and `export`.
 */

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>

#include "resfri-cli.h"

/* Reads FILE, or standard input for "-", up to the input limit. */
static gboolean
read_input (const char  *path,
            char       **contents,
            gsize       *length,
            GError     **error)
{
  return resfri_input_read_path (path, contents, length, error);
}

static int
run_expand (ResfriCli  *cli,
            int         argc,
            char      **argv)
{
  g_autofree char *from_text = NULL;
  g_autofree char *to_text = NULL;
  const GOptionEntry entries[] = {
    { "from", 0, 0, G_OPTION_ARG_STRING, &from_text, N_("Start of the window (inclusive)"), N_("DATE") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to_text, N_("End of the window (exclusive)"), N_("DATE") },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(ResfriIcalDocument) doc = NULL;
  g_autoptr(GArray) occurrences = NULL;
  g_autoptr(GString) out = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;
  gint64 from, to;

  if (!resfri_cli_parse_options (cli, entries, &argc, &argv))
    return RESFRI_CLI_EXIT_USAGE;

  if (argc != 2)
    return resfri_cli_usage_error (cli, _("give exactly one calendar file"));
  if (from_text == NULL || to_text == NULL)
    return resfri_cli_usage_error (cli, _("--from and --to are required"));
  if (!resfri_ical_parse_date_arg (from_text, &from, &error) ||
      !resfri_ical_parse_date_arg (to_text, &to, &error))
    return resfri_cli_usage_error (cli, "%s", error->message);
  if (to <= from)
    return resfri_cli_usage_error (cli, _("--to must be later than --from"));

  if (!read_input (argv[1], &contents, &length, &error))
    return resfri_cli_fail (cli, error);

  doc = resfri_ical_document_parse (contents, length, argv[1], &error);
  if (doc == NULL)
    return resfri_cli_fail (cli, error);

  occurrences = resfri_expand_document (doc, from, to, &error);
  if (occurrences == NULL)
    return resfri_cli_fail (cli, error);

  out = g_string_new (NULL);
  for (guint i = 0; i < occurrences->len; i++)
    {
      const ResfriOccurrence *occ = &g_array_index (occurrences, ResfriOccurrence, i);

      /* A tab or a line break in a UID would break the columns. */
      for (const char *p = occ->uid; *p != '\0'; p++)
        g_string_append_c (out, (*p == '\t' || *p == '\n' || *p == '\r') ? ' ' : *p);
      g_string_append_c (out, '\t');
      g_string_append (out, occ->recurrence_id);
      g_string_append_c (out, '\t');
      g_string_append (out, occ->start_text);
      g_string_append_c (out, '\t');
      g_string_append (out, occ->end_text);
      g_string_append_c (out, '\n');
    }

  if (!resfri_cli_write_output (NULL, out->str, out->len, &error))
    return resfri_cli_fail (cli, error);

  return RESFRI_CLI_EXIT_OK;
}

static int
run_import (ResfriCli  *cli,
            int         argc,
            char      **argv)
{
  gboolean skip_invalid = FALSE;
  const GOptionEntry entries[] = {
    { "skip-invalid", 0, 0, G_OPTION_ARG_NONE, &skip_invalid,
      N_("Store the good events of a file with bad ones, and list the bad ones"), NULL },
    { NULL }
  };
  ResfriMeetingStats total = { 0 };
  gint64 n_skipped = 0;
  ResfriStore *store;

  if (!resfri_cli_parse_options (cli, entries, &argc, &argv))
    return RESFRI_CLI_EXIT_USAGE;

  if (argc < 2)
    return resfri_cli_usage_error (cli, _("give at least one calendar file"));

  if (!(store = resfri_cli_get_store (cli)))
    return RESFRI_CLI_EXIT_INPUT;

  /* One transaction per file: a bad file changes nothing, and the files
   * before it stay imported. With --skip-invalid the bad events of a file
   * are left out (and a file that cannot be read at all is passed over). */
  for (int i = 1; i < argc; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) skipped = NULL;
      g_autofree char *contents = NULL;
      ResfriMeetingStats stats = { 0 };
      gsize length = 0;

      skipped = g_ptr_array_new_with_free_func ((GDestroyNotify) resfri_import_skip_free);
      if (!read_input (argv[i], &contents, &length, &error) ||
          !resfri_store_import_ical_full (store, contents, length, argv[i],
                                          skip_invalid ? RESFRI_IMPORT_SKIP_INVALID : RESFRI_IMPORT_NONE,
                                          &stats, skipped, &error))
        {
          if (!skip_invalid ||
              !g_error_matches (error, RESFRI_ERROR, RESFRI_ERROR_INVALID_ICAL))
            return resfri_cli_fail (cli, error);
          resfri_cli_fail (cli, error);
          n_skipped++;
          continue;
        }

      for (guint k = 0; k < skipped->len; k++)
        {
          const ResfriImportSkip *skip = g_ptr_array_index (skipped, k);

          fprintf (stderr, "%s:%u: %s\n", argv[i], skip->line, skip->message);
        }
      n_skipped += skipped->len;
      total.meetings += stats.meetings;

      /* TRANSLATORS: FILE: counts of what was stored. */
      printf (_("%s: meetings stored: %lld, occurrences: %lld (cancelled: %lld), "
                "skipped for an older SEQUENCE: %lld\n"),
              argv[i], (long long) stats.meetings, (long long) stats.occurrences,
              (long long) stats.cancelled, (long long) stats.skipped);
    }

  if (!skip_invalid)
    return RESFRI_CLI_EXIT_OK;

  /* TRANSLATORS: the last line of import --skip-invalid: events stored, events left out. */
  printf (_("imported %lld events, skipped %lld\n"), (long long) total.meetings, (long long) n_skipped);

  /* Something bad and nothing good: that is a failure. */
  return total.meetings == 0 && n_skipped > 0 ? RESFRI_CLI_EXIT_INPUT : RESFRI_CLI_EXIT_OK;
}

static int
run_export (ResfriCli  *cli,
            int         argc,
            char      **argv)
{
  g_autofree char *from_text = NULL;
  g_autofree char *to_text = NULL;
  const GOptionEntry entries[] = {
    { "from", 0, 0, G_OPTION_ARG_STRING, &from_text, N_("Start of the window (inclusive)"), N_("DATE") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to_text, N_("End of the window (exclusive)"), N_("DATE") },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  ResfriExportStats stats = { 0 };
  ResfriStore *store;
  gint64 from = G_MININT64;
  gint64 to = G_MAXINT64;
  gsize length = 0;

  if (!resfri_cli_parse_options (cli, entries, &argc, &argv))
    return RESFRI_CLI_EXIT_USAGE;

  if (argc != 2)
    return resfri_cli_usage_error (cli, _("give exactly one calendar file (- for standard output)"));
  if ((from_text != NULL && !resfri_ical_parse_date_arg (from_text, &from, &error)) ||
      (to_text != NULL && !resfri_ical_parse_date_arg (to_text, &to, &error)))
    return resfri_cli_usage_error (cli, "%s", error->message);
  if (to <= from)
    return resfri_cli_usage_error (cli, _("--to must be later than --from"));

  if (!(store = resfri_cli_get_store (cli)))
    return RESFRI_CLI_EXIT_INPUT;

  text = resfri_store_export_ical (store, from, to, &length, &stats, &error);
  if (text == NULL || !resfri_cli_write_output (argv[1], text, length, &error))
    return resfri_cli_fail (cli, error);

  if (strcmp (argv[1], "-") != 0)
    {
      /* TRANSLATORS: FILE: counts of what was written. */
      printf (_("%s: meetings exported: %lld, overrides added for bookings and exemptions: %lld, time zones: %lld\n"),
              argv[1], (long long) stats.meetings, (long long) stats.created, (long long) stats.zones);
    }

  return RESFRI_CLI_EXIT_OK;
}

const ResfriCliCommand resfri_cli_calendar_commands[] = {
  { "import", NULL, N_("[--skip-invalid] FILE.ics…"),
    N_("Import calendars (- reads standard input); re-importing updates by UID and SEQUENCE"),
    run_import },
  { "export", NULL, N_("[--from DATE] [--to DATE] FILE.ics"),
    N_("Export meetings with their rooms, equipment, online links and exemptions (- writes standard output)"),
    run_export },
  { "expand", NULL, N_("FILE.ics --from DATE --to DATE"),
    N_("Print the occurrences of a calendar file in a window (no database)"), run_expand },
  { NULL }
};

/* cli-demo.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * resfri-cli demo: fill an empty database with the demo municipality.
 */

#include "config.h"

#include <stdio.h>
#include <unistd.h>

#include <glib/gi18n.h>

#include "resfri-cli.h"

static void
progress_cb (double      fraction,
             const char *step,
             gpointer    user_data)
{
  fprintf (stderr, "\r%3d %% %-30s", (int) (fraction * 100 + 0.5), step);
  if (fraction >= 1.0)
    fputc ('\n', stderr);
  fflush (stderr);
}

static int
run_demo (ResfriCli  *cli,
          int         argc,
          char      **argv)
{
  ResfriDemoOptions options;
  ResfriDemoSummary summary = { 0 };
  g_autoptr(GError) error = NULL;
  gint64 employees = RESFRI_DEMO_DEFAULT_EMPLOYEES;
  gint64 seed = RESFRI_DEMO_DEFAULT_SEED;
  int year = 0;
  ResfriStore *store;
  const GOptionEntry entries[] = {
    { "employees", 0, 0, G_OPTION_ARG_INT64, &employees,
      N_("Number of employees (default 600)"), N_("N") },
    { "seed", 0, 0, G_OPTION_ARG_INT64, &seed,
      N_("Seed: the same seed makes the same municipality (default 1)"), N_("S") },
    { "year", 0, 0, G_OPTION_ARG_INT, &year,
      N_("Year of the meetings (default: this year)"), N_("YEAR") },
    { NULL }
  };

  if (!resfri_cli_parse_options (cli, entries, &argc, &argv))
    return RESFRI_CLI_EXIT_USAGE;

  if (argc > 1)
    return resfri_cli_usage_error (cli, _("unexpected argument “%s”"), argv[1]);

  resfri_demo_options_init (&options);
  if (employees < 1 || employees > RESFRI_DEMO_MAX_EMPLOYEES)
    return resfri_cli_usage_error (cli, _("--employees must be between 1 and %u"),
                                   RESFRI_DEMO_MAX_EMPLOYEES);
  if (seed < 0 || seed > G_MAXUINT32)
    return resfri_cli_usage_error (cli, _("--seed must be between 0 and %u"), G_MAXUINT32);
  if (year != 0 && (year < 1971 || year > 2199))
    return resfri_cli_usage_error (cli, _("--year must be between 1971 and 2199"));

  options.employees = (guint) employees;
  options.seed = (guint32) seed;
  if (year != 0)
    options.year = year;

  if (!(store = resfri_cli_get_store (cli)))
    return RESFRI_CLI_EXIT_INPUT;

  if (!resfri_demo_generate (store, &options, isatty (STDERR_FILENO) ? progress_cb : NULL, NULL,
                             &summary, NULL, &error))
    return resfri_cli_fail (cli, error);

  printf (_("Made the demo municipality %s for %d (seed %u):\n"),
          resfri_demo_get_municipality (), options.year, options.seed);
  printf ("  %-24s %" G_GINT64_FORMAT "\n", _("Units:"), summary.units);
  printf ("  %-24s %" G_GINT64_FORMAT "\n", _("Sites:"), summary.sites);
  printf ("  %-24s %" G_GINT64_FORMAT "\n", _("People:"), summary.people);
  printf ("  %-24s %" G_GINT64_FORMAT "\n", _("of whom politicians:"), summary.politicians);
  printf ("  %-24s %" G_GINT64_FORMAT "\n", _("Rooms:"), summary.rooms);
  printf ("  %-24s %" G_GINT64_FORMAT "\n", _("Equipment items:"), summary.equipment);
  printf ("  %-24s %" G_GINT64_FORMAT "\n", _("of which in loan pools:"), summary.loan_items);
  printf ("  %-24s %" G_GINT64_FORMAT "\n", _("Meetings:"), summary.meetings);
  printf ("  %-24s %" G_GINT64_FORMAT "\n", _("Occurrences:"), summary.occurrences);
  printf ("  %-24s %" G_GINT64_FORMAT "\n", _("External attendees:"), summary.externals);

  return RESFRI_CLI_EXIT_OK;
}

const ResfriCliCommand resfri_cli_demo_commands[] = {
  { "demo", NULL, "[--employees N] [--seed S] [--year Y]",
    N_("Fill an empty database with a demo municipality"), run_demo },
  { NULL }
};

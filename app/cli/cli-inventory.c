/* cli-inventory.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One item at a time: inventory add, assign, return, state and history.
 * (inventory import and list live in cli-csv.c.)
 */

#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "resfri-cli.h"

static int
expect_arguments (ResfriCli  *cli,
                  int         argc,
                  char      **argv,
                  int         wanted)
{
  if (argc > wanted)
    return resfri_cli_usage_error (cli, _("unexpected argument “%s”"), argv[wanted]);
  if (argc < wanted)
    return resfri_cli_usage_error (cli, _("missing arguments"));

  return RESFRI_CLI_EXIT_OK;
}

/* --cost: SEK, 0 or more, with a decimal point in every locale. */
static gboolean
parse_cost (const char *text,
            double     *cost)
{
  char *end = NULL;

  if (*text == '\0')
    return FALSE;

  for (const char *p = text; *p; p++)
    if (!g_ascii_isdigit (*p) && *p != '.' && *p != 'e' && *p != 'E' && *p != '+' && *p != '-')
      return FALSE;

  errno = 0;
  *cost = g_ascii_strtod (text, &end);

  return *end == '\0' && errno == 0 && isfinite (*cost) && *cost >= 0;
}

static int
run_add (ResfriCli  *cli,
         int         argc,
         char      **argv)
{
  g_autofree char *tag = NULL;
  g_autofree char *type = NULL;
  g_autofree char *site = NULL;
  g_autofree char *owner = NULL;
  g_autofree char *model = NULL;
  g_autofree char *cost_text = NULL;
  g_autofree char *email = NULL;
  const GOptionEntry entries[] = {
    { "tag", 0, 0, G_OPTION_ARG_STRING, &tag, N_("The asset tag"), N_("TAG") },
    { "type", 0, 0, G_OPTION_ARG_STRING, &type,
      N_("The equipment type (headset, camera, vc-kit, …)"), N_("TYPE") },
    { "site", 0, 0, G_OPTION_ARG_STRING, &site,
      N_("The code of the site the item is at"), N_("SITE") },
    { "owner", 0, 0, G_OPTION_ARG_STRING, &owner, N_("The holder’s email (default: the loan pool)"),
      N_("EMAIL") },
    { "model", 0, 0, G_OPTION_ARG_STRING, &model, N_("The model"), N_("MODEL") },
    { "cost", 0, 0, G_OPTION_ARG_STRING, &cost_text, N_("The purchase cost in SEK"), N_("SEK") },
    { "email", 0, 0, G_OPTION_ARG_STRING, &email,
      N_("The item’s own address, which a meeting names to reserve it"), N_("ADDR") },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(ResfriItem) item = NULL;
  ResfriStore *store;
  double cost = NAN;
  int status;

  if (!resfri_cli_parse_options (cli, entries, &argc, &argv))
    return RESFRI_CLI_EXIT_USAGE;
  if ((status = expect_arguments (cli, argc, argv, 1)) != RESFRI_CLI_EXIT_OK)
    return status;

  if (tag == NULL || *tag == '\0')
    return resfri_cli_usage_error (cli, _("--tag is required"));
  if (type == NULL || *type == '\0')
    return resfri_cli_usage_error (cli, _("--type is required"));
  if (site == NULL || *site == '\0')
    return resfri_cli_usage_error (cli, _("--site is required"));
  if (cost_text != NULL && !parse_cost (cost_text, &cost))
    return resfri_cli_usage_error (cli, _("--cost must be an amount of SEK, 0 or more, written "
                                          "with a decimal point (not “%s”)"),
                                   cost_text);

  if (!(store = resfri_cli_get_store (cli)))
    return RESFRI_CLI_EXIT_INPUT;

  if (!(item = resfri_inventory_add_with_email (store, tag, type, site, owner, model, cost, email,
                                                &error)))
    return resfri_cli_fail (cli, error);

  if (item->owner != NULL)
    printf (_("Added %s (%s) at site %s, held by %s.\n"), item->tag, item->type, item->site,
            item->owner);
  else
    printf (_("Added %s (%s) to the loan pool of site %s.\n"), item->tag, item->type, item->site);

  return RESFRI_CLI_EXIT_OK;
}

static int
run_assign (ResfriCli  *cli,
            int         argc,
            char      **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ResfriItem) item = NULL;
  ResfriStore *store;
  int status;

  if (!resfri_cli_parse_options (cli, NULL, &argc, &argv))
    return RESFRI_CLI_EXIT_USAGE;
  if ((status = expect_arguments (cli, argc, argv, 3)) != RESFRI_CLI_EXIT_OK)
    return status;

  if (!(store = resfri_cli_get_store (cli)))
    return RESFRI_CLI_EXIT_INPUT;

  if (!(item = resfri_inventory_assign (store, argv[1], argv[2], &error)))
    return resfri_cli_fail (cli, error);

  printf (_("%s is now held by %s, at site %s.\n"), item->tag, item->owner, item->site);
  return RESFRI_CLI_EXIT_OK;
}

static int
run_return (ResfriCli  *cli,
            int         argc,
            char      **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ResfriItem) item = NULL;
  ResfriStore *store;
  int status;

  if (!resfri_cli_parse_options (cli, NULL, &argc, &argv))
    return RESFRI_CLI_EXIT_USAGE;
  if ((status = expect_arguments (cli, argc, argv, 2)) != RESFRI_CLI_EXIT_OK)
    return status;

  if (!(store = resfri_cli_get_store (cli)))
    return RESFRI_CLI_EXIT_INPUT;

  if (!(item = resfri_inventory_return (store, argv[1], &error)))
    return resfri_cli_fail (cli, error);

  printf (_("%s is back in the loan pool of site %s.\n"), item->tag, item->site);
  return RESFRI_CLI_EXIT_OK;
}

static int
run_state (ResfriCli  *cli,
           int         argc,
           char      **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ResfriItem) item = NULL;
  ResfriItemState state;
  ResfriStore *store;
  int status;

  if (!resfri_cli_parse_options (cli, NULL, &argc, &argv))
    return RESFRI_CLI_EXIT_USAGE;
  if ((status = expect_arguments (cli, argc, argv, 3)) != RESFRI_CLI_EXIT_OK)
    return status;

  if (!resfri_item_state_from_string (argv[2], &state))
    return resfri_cli_usage_error (cli, _("unknown state “%s” (use one of: ok, broken, retired)"),
                                   argv[2]);

  if (!(store = resfri_cli_get_store (cli)))
    return RESFRI_CLI_EXIT_INPUT;

  if (!(item = resfri_inventory_set_state (store, argv[1], state, &error)))
    return resfri_cli_fail (cli, error);

  printf (_("%s is now %s.\n"), item->tag, resfri_item_state_get_label (item->state));
  return RESFRI_CLI_EXIT_OK;
}

/* The detail column for people: what the raw detail means for @event. */
static char *
describe_detail (const ResfriItemEvent *event)
{
  ResfriItemState former;

  if (event->detail == NULL || *event->detail == '\0')
    return g_strdup ("");

  switch (event->action)
    {
    case RESFRI_ITEM_ACTION_ADDED:
      return g_strdup_printf (_("model %s"), event->detail);

    case RESFRI_ITEM_ACTION_ASSIGNED:
    case RESFRI_ITEM_ACTION_RETURNED:
      return g_strdup_printf (_("from %s"), event->detail);

    case RESFRI_ITEM_ACTION_STATE:
      if (resfri_item_state_from_string (event->detail, &former))
        return g_strdup_printf (_("was %s"), resfri_item_state_get_label (former));
      return g_strdup (event->detail);

    case RESFRI_ITEM_ACTION_MOVED:
      return g_strdup_printf (_("from site %s"), event->detail);

    case RESFRI_ITEM_ACTION_EDITED:
    default:
      return g_strdup (event->detail);
    }
}

static void
append_padded (GString    *out,
               const char *text,
               glong       width)
{
  g_string_append (out, text);
  for (glong n = g_utf8_strlen (text, -1); n < width; n++)
    g_string_append_c (out, ' ');
}

static char *
history_to_text (GPtrArray *events)
{
  enum { N_COLUMNS = 6 };
  const char *headers[N_COLUMNS] = {
    _("Time"), _("Event"), _("Holder"), _("Site"), _("State"), _("Detail"),
  };
  g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);
  glong widths[N_COLUMNS] = { 0 };
  GString *out = g_string_new (NULL);
  guint rows = events->len + 1;

  for (guint c = 0; c < N_COLUMNS; c++)
    g_ptr_array_add (cells, g_strdup (headers[c]));

  for (guint i = 0; i < events->len; i++)
    {
      const ResfriItemEvent *event = g_ptr_array_index (events, i);
      g_autoptr(GDateTime) local = g_date_time_to_local (event->at);

      g_ptr_array_add (cells, g_date_time_format (local, "%Y-%m-%d %H:%M"));
      g_ptr_array_add (cells, g_strdup (resfri_item_action_get_label (event->action)));
      g_ptr_array_add (cells, g_strdup (event->holder ? event->holder : "—"));
      g_ptr_array_add (cells, g_strdup (event->site ? event->site : "—"));
      g_ptr_array_add (cells, g_strdup (resfri_item_state_get_label (event->state)));
      g_ptr_array_add (cells, describe_detail (event));
    }

  for (guint r = 0; r < rows; r++)
    for (guint c = 0; c < N_COLUMNS; c++)
      widths[c] = MAX (widths[c], g_utf8_strlen (g_ptr_array_index (cells, r * N_COLUMNS + c), -1));

  for (guint r = 0; r < rows; r++)
    {
      for (guint c = 0; c < N_COLUMNS - 1; c++)
        {
          append_padded (out, g_ptr_array_index (cells, r * N_COLUMNS + c), widths[c]);
          g_string_append (out, "  ");
        }
      g_string_append (out, g_ptr_array_index (cells, r * N_COLUMNS + N_COLUMNS - 1));

      /* No trailing blanks when the detail is empty. */
      while (out->len > 0 && out->str[out->len - 1] == ' ')
        g_string_truncate (out, out->len - 1);
      g_string_append_c (out, '\n');
    }

  return g_string_free (out, FALSE);
}

static char *
history_to_json (GPtrArray *events)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_array (builder);
  for (guint i = 0; i < events->len; i++)
    {
      const ResfriItemEvent *event = g_ptr_array_index (events, i);
      g_autofree char *at = g_date_time_format (event->at, "%Y-%m-%dT%H:%M:%SZ");

      json_builder_begin_object (builder);
      resfri_cli_json_add_string (builder, "at", at);
      resfri_cli_json_add_string (builder, "action", resfri_item_action_to_string (event->action));
      resfri_cli_json_add_string (builder, "holder", event->holder);
      resfri_cli_json_add_string (builder, "site", event->site);
      resfri_cli_json_add_string (builder, "state", resfri_item_state_to_string (event->state));
      resfri_cli_json_add_string (builder, "detail", event->detail);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  return resfri_cli_json_to_text (builder);
}

static int
run_history (ResfriCli  *cli,
             int         argc,
             char      **argv)
{
  g_autofree char *format_name = NULL;
  const GOptionEntry entries[] = {
    { "format", 0, 0, G_OPTION_ARG_STRING, &format_name, N_("Output format: text or json"),
      N_("FORMAT") },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autofree char *output = NULL;
  ResfriCliFormat format;
  ResfriStore *store;
  int status;

  if (!resfri_cli_parse_options (cli, entries, &argc, &argv))
    return RESFRI_CLI_EXIT_USAGE;
  if ((status = expect_arguments (cli, argc, argv, 2)) != RESFRI_CLI_EXIT_OK)
    return status;
  if (!(format = resfri_cli_parse_format (cli, format_name,
                                          RESFRI_CLI_FORMAT_TEXT | RESFRI_CLI_FORMAT_JSON,
                                          RESFRI_CLI_FORMAT_TEXT)))
    return RESFRI_CLI_EXIT_USAGE;

  if (!(store = resfri_cli_get_store (cli)))
    return RESFRI_CLI_EXIT_INPUT;

  if (!(events = resfri_inventory_get_history (store, argv[1], &error)))
    return resfri_cli_fail (cli, error);

  output = format == RESFRI_CLI_FORMAT_JSON ? history_to_json (events) : history_to_text (events);
  if (!resfri_cli_write_output (NULL, output, strlen (output), &error))
    return resfri_cli_fail (cli, error);

  return RESFRI_CLI_EXIT_OK;
}

const ResfriCliCommand resfri_cli_inventory_commands[] = {
  { "inventory", "add", "--tag T --type TYPE --site S [--owner EMAIL] [--model M] [--cost SEK] "
    "[--email ADDR]",
    N_("Add one equipment item"), run_add },
  { "inventory", "assign", "TAG EMAIL",
    N_("Make an item a person’s own equipment; it moves to their home site"), run_assign },
  { "inventory", "return", "TAG",
    N_("Take an item back into the loan pool of its site"), run_return },
  { "inventory", "state", "TAG ok|broken|retired",
    N_("Set an item’s state"), run_state },
  { "inventory", "history", "TAG [--format text|json]",
    N_("Show an item’s history: who held it, when, what changed"), run_history },
  { NULL }
};

/* cli-person.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * resfri-cli person: access and erasure of spec/privacy.md. `person show`
 * prints everything the database holds about one person (JSON: the
 * object resfri_person_data_collect() builds; text: the same for people);
 * `person erase` erases them, after a question on a terminal or with
 * --yes.
 */

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "resfri-cli.h"

static const char *
member (JsonObject *object,
        const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) ? json_node_get_string (node) : NULL;
}

static const char *
or_dash (const char *text)
{
  return text != NULL && *text != '\0' ? text : "–";
}

static void
append_equipment (GString    *out,
                  JsonObject *data)
{
  JsonArray *items = json_object_get_array_member (data, "equipment");

  g_string_append_printf (out, "\n%s\n", _("Equipment they hold or held:"));
  if (json_array_get_length (items) == 0)
    g_string_append_printf (out, "  %s\n", _("none"));
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *item = json_array_get_object_element (items, i);
      JsonArray *history = json_object_get_array_member (item, "history");

      g_string_append_printf (out, "  %s  %s, %s, %s (%s)\n", member (item, "tag"),
                              member (item, "type"), member (item, "site"), member (item, "state"),
                              json_object_get_boolean_member (item, "owned")
                                ? _("theirs now") : _("held earlier"));
      for (guint j = 0; j < json_array_get_length (history); j++)
        {
          JsonObject *event = json_array_get_object_element (history, j);

          g_string_append_printf (out, "    %s  %s  %s  %s  %s  %s\n", member (event, "at"),
                                  member (event, "action"), or_dash (member (event, "holder")),
                                  or_dash (member (event, "site")), member (event, "state"),
                                  or_dash (member (event, "detail")));
        }
    }
}

static char *
data_to_text (JsonObject *data)
{
  GString *out = g_string_new (NULL);
  JsonArray *bookings = json_object_get_array_member (data, "bookings");
  JsonArray *meetings = json_object_get_array_member (data, "meetings");
  JsonArray *occurrences = json_object_get_array_member (data, "occurrences");
  JsonArray *calendars = json_object_get_array_member (data, "calendars");

  g_string_append_printf (out, "%s: %s\n", _("Name"), member (data, "name"));
  g_string_append_printf (out, "%s: %s\n", _("Email"), member (data, "email"));
  g_string_append_printf (out, "%s: %s\n", _("Unit"), member (data, "unit"));
  g_string_append_printf (out, "%s: %s (%s)\n", _("Site"), member (data, "site"),
                          member (data, "site_name"));
  g_string_append_printf (out, "%s: %s\n", _("Role"), member (data, "role"));

  append_equipment (out, data);

  g_string_append_printf (out, "\n%s\n", _("Bookings they hold:"));
  if (json_array_get_length (bookings) == 0)
    g_string_append_printf (out, "  %s\n", _("none"));
  for (guint i = 0; i < json_array_get_length (bookings); i++)
    {
      JsonObject *b = json_array_get_object_element (bookings, i);

      g_string_append_printf (out, "  %" G_GINT64_FORMAT "  %s  %s – %s  %s\n",
                              json_object_get_int_member (b, "id"), member (b, "resource"),
                              member (b, "start"), member (b, "end"),
                              or_dash (member (b, "summary")));
    }

  g_string_append_printf (out, "\n%s\n", _("Meetings they organise or attend:"));
  if (json_array_get_length (meetings) == 0)
    g_string_append_printf (out, "  %s\n", _("none"));
  for (guint i = 0; i < json_array_get_length (meetings); i++)
    {
      JsonObject *m = json_array_get_object_element (meetings, i);
      gboolean organiser = g_strcmp0 (member (m, "role"), "organiser") == 0;

      g_string_append_printf (out, "  %s  %s  %s – %s  (%s)\n", or_dash (member (m, "summary")),
                              organiser ? _("organiser") : _("attendee"),
                              or_dash (member (m, "first_start")),
                              or_dash (member (m, "last_end")), member (m, "uid"));
    }

  g_string_append_printf (out, "\n%s\n", _("Their occurrences and verdicts:"));
  if (json_array_get_length (occurrences) == 0)
    g_string_append_printf (out, "  %s\n", _("none"));
  for (guint i = 0; i < json_array_get_length (occurrences); i++)
    {
      JsonObject *o = json_array_get_object_element (occurrences, i);

      g_string_append_printf (out, "  %s – %s  %s  %s\n", member (o, "start"), member (o, "end"),
                              member (o, "verdict"), or_dash (member (o, "summary")));
    }

  g_string_append_printf (out, "\n%s\n  %s\n", _("Exemptions they recorded:"),
                          _("The database does not record who records an exemption."));

  g_string_append_printf (out, "\n%s\n", _("Live calendars that hold their calendar:"));
  if (json_array_get_length (calendars) == 0)
    g_string_append_printf (out, "  %s\n", _("none"));
  for (guint i = 0; i < json_array_get_length (calendars); i++)
    {
      JsonObject *c = json_array_get_object_element (calendars, i);

      g_string_append_printf (out, "  %s %s  %s%s\n", member (c, "source"), member (c, "href"),
                              or_dash (member (c, "name")),
                              json_object_get_boolean_member (c, "following")
                                ? _(" (followed)") : "");
    }

  return g_string_free (out, FALSE);
}

static int
run_show (ResfriCli  *cli,
          int         argc,
          char      **argv)
{
  g_autofree char *format_text = NULL;
  const GOptionEntry entries[] = {
    { "format", 0, 0, G_OPTION_ARG_STRING, &format_text, N_("text or json"), N_("FORMAT") },
    { NULL }
  };
  g_autoptr(JsonNode) data = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  ResfriCliFormat format;
  ResfriStore *store;

  if (!resfri_cli_parse_options (cli, entries, &argc, &argv))
    return RESFRI_CLI_EXIT_USAGE;
  if (argc != 2)
    return resfri_cli_usage_error (cli, _("give one email address"));
  if (!(format = resfri_cli_parse_format (cli, format_text,
                                          RESFRI_CLI_FORMAT_TEXT | RESFRI_CLI_FORMAT_JSON,
                                          RESFRI_CLI_FORMAT_TEXT)))
    return RESFRI_CLI_EXIT_USAGE;

  if (!(store = resfri_cli_get_store (cli)))
    return RESFRI_CLI_EXIT_INPUT;
  if (!(data = resfri_person_data_collect (store, argv[1], &error)))
    return resfri_cli_fail (cli, error);

  out = format == RESFRI_CLI_FORMAT_JSON ? resfri_cli_json_node_to_text (data)
                                         : data_to_text (json_node_get_object (data));
  if (!resfri_cli_write_output (NULL, out, strlen (out), &error))
    return resfri_cli_fail (cli, error);

  return RESFRI_CLI_EXIT_OK;
}

/* Asks on the terminal; TRUE for yes. */
static gboolean
confirm (JsonObject *data,
         gboolean    retire)
{
  JsonArray *items = json_object_get_array_member (data, "equipment");
  guint owned = 0;
  char answer[16] = "";

  for (guint i = 0; i < json_array_get_length (items); i++)
    if (json_object_get_boolean_member (json_array_get_object_element (items, i), "owned"))
      owned++;

  fprintf (stderr, _("Erase %s <%s>? "), member (data, "name"), member (data, "email"));
  fprintf (stderr,
           retire ? _("Items retired: %u; bookings released: %u; meetings that will name them "
                      "by a pseudonym: %u. This cannot be undone. [y/N] ")
                  : _("Items back to the loan pool: %u; bookings released: %u; meetings that "
                      "will name them by a pseudonym: %u. This cannot be undone. [y/N] "),
           owned, json_array_get_length (json_object_get_array_member (data, "bookings")),
           json_array_get_length (json_object_get_array_member (data, "meetings")));
  fflush (stderr);
  if (fgets (answer, sizeof answer, stdin) == NULL)
    return FALSE;

  /* Translators: the first letter of the answer "yes" to the question above. */
  return answer[0] == 'y' || answer[0] == 'Y' || g_str_has_prefix (answer, C_("answer", "y"));
}

static int
run_erase (ResfriCli  *cli,
           int         argc,
           char      **argv)
{
  gboolean yes = FALSE;
  gboolean retire = FALSE;
  const GOptionEntry entries[] = {
    { "yes", 0, 0, G_OPTION_ARG_NONE, &yes, N_("Erase without asking"), NULL },
    { "retire-equipment", 0, 0, G_OPTION_ARG_NONE, &retire,
      N_("Retire the person’s items instead of returning them to the pool"), NULL },
    { NULL }
  };
  g_autoptr(ResfriErasure) erasure = NULL;
  g_autoptr(GError) error = NULL;
  ResfriStore *store;

  if (!resfri_cli_parse_options (cli, entries, &argc, &argv))
    return RESFRI_CLI_EXIT_USAGE;
  if (argc != 2)
    return resfri_cli_usage_error (cli, _("give one email address"));
  if (!yes && !isatty (STDIN_FILENO))
    return resfri_cli_usage_error (cli, _("erasing cannot be undone: pass --yes to erase "
                                          "without a question"));

  if (!(store = resfri_cli_get_store (cli)))
    return RESFRI_CLI_EXIT_INPUT;
  if (!yes)
    {
      g_autoptr(JsonNode) data = NULL;

      if (!(data = resfri_person_data_collect (store, argv[1], &error)))
        return resfri_cli_fail (cli, error);
      if (!confirm (json_node_get_object (data), retire))
        {
          fprintf (stderr, "%s\n", _("Nothing was erased."));
          return RESFRI_CLI_EXIT_INPUT;
        }
    }

  if (!(erasure = resfri_erasure_run (store, argv[1],
                                      retire ? RESFRI_ERASURE_RETIRE_EQUIPMENT
                                             : RESFRI_ERASURE_NONE, &error)))
    return resfri_cli_fail (cli, error);

  printf (retire ? _("Erased; their meetings name them %s. Items retired: %u; bookings "
                     "released: %u; meetings changed: %u.\n")
                 : _("Erased; their meetings name them %s. Items back in the loan pool: %u; "
                     "bookings released: %u; meetings changed: %u.\n"),
          erasure->pseudonym, erasure->items, erasure->bookings, erasure->meetings);

  return RESFRI_CLI_EXIT_OK;
}

const ResfriCliCommand resfri_cli_person_commands[] = {
  { "person", "show", "EMAIL [--format text|json]",
    N_("Everything the database holds about one person"), run_show },
  { "person", "erase", "EMAIL [--yes] [--retire-equipment]",
    N_("Erase a person: out of the register, a pseudonym in their meetings"), run_erase },
  { NULL }
};

/* cli-sources.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * resfri-cli sources add|list|calendars|follow|unfollow|remove: the live
 * calendars Resfri follows (spec/sync.md, "Sources"). No password is ever
 * an argument: a --password-file (mode 0600), else the keyring.
 */

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "resfri-cli.h"

static gboolean
parse_id (ResfriCli  *cli,
          const char *text,
          gint64     *id)
{
  guint64 value = 0;

  if (!g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT64, &value, NULL))
    {
      resfri_cli_usage_error (cli, _("“%s” is not a source id (see “sources list”)"), text);
      return FALSE;
    }
  *id = (gint64) value;
  return TRUE;
}

static void
print_missing (GPtrArray *missing)
{
  if (missing->len > 0)
    fprintf (stderr, _("No calendar for %u people:\n"), missing->len);
  for (guint i = 0; i < missing->len; i++)
    fprintf (stderr, "  %s\n", (const char *) g_ptr_array_index (missing, i));
}

/* sources add */

static int
run_add (ResfriCli  *cli,
         int         argc,
         char      **argv)
{
  g_autofree char *user = NULL;
  g_autofree char *password_file = NULL;
  g_autofree char *people_template = NULL;
  g_autofree char *ca_file = NULL;
  g_autofree char *name = NULL;
  const GOptionEntry entries[] = {
    { "user", 0, 0, G_OPTION_ARG_STRING, &user, N_("The CalDAV account’s user"), N_("USER") },
    { "password-file", 0, 0, G_OPTION_ARG_FILENAME, &password_file,
      N_("A file (mode 0600) whose first line is the password; else the keyring"), N_("FILE") },
    { "people-template", 0, 0, G_OPTION_ARG_STRING, &people_template,
      N_("Every person’s calendar: an address with {email} or {local}"), N_("TEMPLATE") },
    { "ca-file", 0, 0, G_OPTION_ARG_FILENAME, &ca_file,
      N_("The organisation’s own CA certificates (PEM)"), N_("FILE") },
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, N_("A name for the source"), N_("NAME") },
    { NULL }
  };
  g_autoptr(GPtrArray) missing = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  ResfriSource source = { 0 };
  ResfriStore *store;
  gint64 id;

  if (!resfri_cli_parse_options (cli, entries, &argc, &argv))
    return RESFRI_CLI_EXIT_USAGE;
  if (argc != 3 || (strcmp (argv[1], "caldav") != 0 && strcmp (argv[1], "url") != 0))
    return resfri_cli_usage_error (cli, _("give caldav URL or url URL"));

  source.kind = argv[1];
  source.url = argv[2];
  source.name = name;
  if (strcmp (argv[1], "caldav") == 0)
    {
      if (user == NULL)
        return resfri_cli_usage_error (cli, _("a CalDAV source needs --user"));
      source.user = user;
    }
  else if (user != NULL || password_file != NULL || people_template != NULL)
    return resfri_cli_usage_error (cli, _("a published feed takes no --user, --password-file or "
                                          "--people-template"));
  if (people_template != NULL && strstr (people_template, "{email}") == NULL &&
      strstr (people_template, "{local}") == NULL)
    return resfri_cli_usage_error (cli, _("--people-template must hold {email} or {local}"));

  /* The database keeps absolute paths: a cron job runs elsewhere. */
  if (password_file != NULL)
    {
      char *absolute = g_canonicalize_filename (password_file, NULL);

      g_free (password_file);
      password_file = absolute;
    }
  if (ca_file != NULL)
    {
      char *absolute = g_canonicalize_filename (ca_file, NULL);

      g_free (ca_file);
      ca_file = absolute;
    }
  source.password_file = password_file;
  source.people_template = people_template;
  source.ca_file = ca_file;

  if (!(store = resfri_cli_get_store (cli)))
    return RESFRI_CLI_EXIT_INPUT;

  id = resfri_sync_add_source (store, &source, missing, NULL, &error);
  if (id < 0)
    return resfri_cli_fail (cli, error);

  print_missing (missing);
  printf (_("Added source %lld.\n"), (long long) id);
  return RESFRI_CLI_EXIT_OK;
}

/* sources list, sources calendars */

static void
calendars_to_json (JsonBuilder *builder,
                   GPtrArray   *calendars)
{
  json_builder_begin_array (builder);
  for (guint i = 0; i < calendars->len; i++)
    {
      ResfriSourceCalendar *calendar = g_ptr_array_index (calendars, i);

      json_builder_begin_object (builder);
      resfri_cli_json_add_string (builder, "href", calendar->href);
      resfri_cli_json_add_string (builder, "name", calendar->name);
      resfri_cli_json_add_string (builder, "role", calendar->role);
      resfri_cli_json_add_string (builder, "target", calendar->target);
      json_builder_set_member_name (builder, "following");
      json_builder_add_boolean_value (builder, calendar->following);
      resfri_cli_json_add_string (builder, "sync_token", calendar->sync_token);
      json_builder_set_member_name (builder, "resources");
      json_builder_add_int_value (builder, calendar->resources);
      resfri_cli_json_add_string (builder, "last_error", calendar->last_error);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
calendars_to_text (GString   *out,
                   GPtrArray *calendars)
{
  for (guint i = 0; i < calendars->len; i++)
    {
      ResfriSourceCalendar *calendar = g_ptr_array_index (calendars, i);

      g_string_append_printf (out, "  %s  %s%s%s  %s  %" G_GINT64_FORMAT " %s", calendar->href,
                              calendar->role, calendar->target ? " " : "",
                              calendar->target ? calendar->target : "",
                              calendar->following ? _("following") : _("not following"),
                              calendar->resources, _("resources"));
      if (calendar->name != NULL)
        g_string_append_printf (out, "  “%s”", calendar->name);
      if (calendar->last_error != NULL)
        g_string_append_printf (out, "\n    %s %s", _("error:"), calendar->last_error);
      g_string_append_c (out, '\n');
    }
}

static int
run_list (ResfriCli  *cli,
          int         argc,
          char      **argv)
{
  g_autofree char *format_name = NULL;
  const GOptionEntry entries[] = {
    { "format", 0, 0, G_OPTION_ARG_STRING, &format_name, N_("Output format: text or json"),
      N_("FORMAT") },
    { NULL }
  };
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GPtrArray) sources = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  ResfriCliFormat format;
  ResfriStore *store;

  if (!resfri_cli_parse_options (cli, entries, &argc, &argv))
    return RESFRI_CLI_EXIT_USAGE;
  if (argc > 1)
    return resfri_cli_usage_error (cli, _("unexpected argument “%s”"), argv[1]);
  if (!(format = resfri_cli_parse_format (cli, format_name,
                                          RESFRI_CLI_FORMAT_TEXT | RESFRI_CLI_FORMAT_JSON,
                                          RESFRI_CLI_FORMAT_TEXT)))
    return RESFRI_CLI_EXIT_USAGE;
  if (!(store = resfri_cli_get_store (cli)))
    return RESFRI_CLI_EXIT_INPUT;
  if (!(sources = resfri_sources_list (store, &error)))
    return resfri_cli_fail (cli, error);

  json_builder_begin_array (builder);
  for (guint i = 0; i < sources->len; i++)
    {
      ResfriSource *source = g_ptr_array_index (sources, i);
      g_autoptr(GPtrArray) calendars = NULL;
      g_autofree char *last_sync = source->last_sync ? resfri_cli_format_instant (source->last_sync)
                                                     : NULL;

      if (!(calendars = resfri_sources_list_calendars (store, source->id, &error)))
        return resfri_cli_fail (cli, error);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_int_value (builder, source->id);
      resfri_cli_json_add_string (builder, "kind", source->kind);
      resfri_cli_json_add_string (builder, "url", source->url);
      resfri_cli_json_add_string (builder, "user", source->user);
      resfri_cli_json_add_string (builder, "name", source->name);
      resfri_cli_json_add_string (builder, "last_sync", last_sync);
      resfri_cli_json_add_string (builder, "last_error", source->last_error);
      json_builder_set_member_name (builder, "calendars");
      calendars_to_json (builder, calendars);
      json_builder_end_object (builder);

      g_string_append_printf (out, "%" G_GINT64_FORMAT "  %s  %s", source->id, source->kind,
                              source->url);
      if (source->user != NULL)
        g_string_append_printf (out, "  %s %s", _("user"), source->user);
      if (source->name != NULL)
        g_string_append_printf (out, "  “%s”", source->name);
      g_string_append_printf (out, "  %s %s\n", _("last sync"), last_sync ? last_sync : _("never"));
      if (source->last_error != NULL)
        g_string_append_printf (out, "  %s %s\n", _("error:"), source->last_error);
      calendars_to_text (out, calendars);
    }
  json_builder_end_array (builder);

  if (format == RESFRI_CLI_FORMAT_JSON)
    {
      json = resfri_cli_json_to_text (builder);
      fputs (json, stdout);
    }
  else
    fputs (out->str, stdout);
  return RESFRI_CLI_EXIT_OK;
}

static int
run_calendars (ResfriCli  *cli,
               int         argc,
               char      **argv)
{
  g_autofree char *format_name = NULL;
  const GOptionEntry entries[] = {
    { "format", 0, 0, G_OPTION_ARG_STRING, &format_name, N_("Output format: text or json"),
      N_("FORMAT") },
    { NULL }
  };
  g_autoptr(GPtrArray) missing = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GPtrArray) calendars = NULL;
  g_autoptr(GError) refresh_error = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  ResfriCliFormat format;
  ResfriStore *store;
  gint64 id;

  if (!resfri_cli_parse_options (cli, entries, &argc, &argv))
    return RESFRI_CLI_EXIT_USAGE;
  if (argc != 2)
    return resfri_cli_usage_error (cli, _("give one source id"));
  if (!parse_id (cli, argv[1], &id))
    return RESFRI_CLI_EXIT_USAGE;
  if (!(format = resfri_cli_parse_format (cli, format_name,
                                          RESFRI_CLI_FORMAT_TEXT | RESFRI_CLI_FORMAT_JSON,
                                          RESFRI_CLI_FORMAT_TEXT)))
    return RESFRI_CLI_EXIT_USAGE;
  if (!(store = resfri_cli_get_store (cli)))
    return RESFRI_CLI_EXIT_INPUT;

  /* What the server has now; offline, what was stored. */
  if (!resfri_sync_refresh_calendars (store, id, missing, NULL, &refresh_error) &&
      g_error_matches (refresh_error, RESFRI_ERROR, RESFRI_ERROR_NOT_FOUND))
    return resfri_cli_fail (cli, refresh_error);
  print_missing (missing);
  if (!(calendars = resfri_sources_list_calendars (store, id, &error)))
    return resfri_cli_fail (cli, error);

  if (format == RESFRI_CLI_FORMAT_JSON)
    {
      calendars_to_json (builder, calendars);
      json = resfri_cli_json_to_text (builder);
      fputs (json, stdout);
    }
  else
    {
      calendars_to_text (out, calendars);
      fputs (out->str, stdout);
    }

  if (refresh_error != NULL)
    return resfri_cli_fail (cli, refresh_error);
  return RESFRI_CLI_EXIT_OK;
}

/* sources follow, unfollow, remove */

static int
run_follow (ResfriCli  *cli,
            int         argc,
            char      **argv)
{
  g_autofree char *room = NULL;
  g_autofree char *pool = NULL;
  g_autofree char *item = NULL;
  const GOptionEntry entries[] = {
    { "room", 0, 0, G_OPTION_ARG_STRING, &room, N_("The calendar is this room’s"), N_("ROOM") },
    { "pool", 0, 0, G_OPTION_ARG_STRING, &pool, N_("The calendar is this loan pool’s"),
      N_("SITE/TYPE") },
    { "item", 0, 0, G_OPTION_ARG_STRING, &item, N_("The calendar is this item’s"), N_("TAG") },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  const char *role = NULL;
  const char *target = NULL;
  ResfriStore *store;
  gint64 id;

  if (!resfri_cli_parse_options (cli, entries, &argc, &argv))
    return RESFRI_CLI_EXIT_USAGE;
  if (argc != 3)
    return resfri_cli_usage_error (cli, _("give a source id and a calendar’s href"));
  if (!parse_id (cli, argv[1], &id))
    return RESFRI_CLI_EXIT_USAGE;
  if ((room != NULL) + (pool != NULL) + (item != NULL) > 1)
    return resfri_cli_usage_error (cli, _("give at most one of --room, --pool and --item"));
  if (pool != NULL && strchr (pool, '/') == NULL)
    return resfri_cli_usage_error (cli, _("--pool is SITE/TYPE, for example “HQ/headset”"));
  if (room != NULL)
    role = "room", target = room;
  else if (pool != NULL)
    role = "pool", target = pool;
  else if (item != NULL)
    role = "item", target = item;

  if (!(store = resfri_cli_get_store (cli)))
    return RESFRI_CLI_EXIT_INPUT;
  if (!resfri_sync_follow (store, id, argv[2], role, target, TRUE, &error))
    return resfri_cli_fail (cli, error);
  printf (_("Following %s; the next sync fetches it.\n"), argv[2]);
  return RESFRI_CLI_EXIT_OK;
}

static int
run_unfollow (ResfriCli  *cli,
              int         argc,
              char      **argv)
{
  g_autoptr(GError) error = NULL;
  ResfriStore *store;
  gint64 id;

  if (!resfri_cli_parse_options (cli, NULL, &argc, &argv))
    return RESFRI_CLI_EXIT_USAGE;
  if (argc != 3)
    return resfri_cli_usage_error (cli, _("give a source id and a calendar’s href"));
  if (!parse_id (cli, argv[1], &id))
    return RESFRI_CLI_EXIT_USAGE;
  if (!(store = resfri_cli_get_store (cli)))
    return RESFRI_CLI_EXIT_INPUT;
  if (!resfri_sync_follow (store, id, argv[2], NULL, NULL, FALSE, &error))
    return resfri_cli_fail (cli, error);
  printf (_("No longer following %s.\n"), argv[2]);
  return RESFRI_CLI_EXIT_OK;
}

static int
run_remove (ResfriCli  *cli,
            int         argc,
            char      **argv)
{
  g_autoptr(GError) error = NULL;
  ResfriStore *store;
  gint64 id;

  if (!resfri_cli_parse_options (cli, NULL, &argc, &argv))
    return RESFRI_CLI_EXIT_USAGE;
  if (argc != 2)
    return resfri_cli_usage_error (cli, _("give one source id"));
  if (!parse_id (cli, argv[1], &id))
    return RESFRI_CLI_EXIT_USAGE;
  if (!(store = resfri_cli_get_store (cli)))
    return RESFRI_CLI_EXIT_INPUT;
  if (!resfri_sync_remove_source (store, id, &error))
    return resfri_cli_fail (cli, error);
  printf (_("Removed source %lld.\n"), (long long) id);
  return RESFRI_CLI_EXIT_OK;
}

const ResfriCliCommand resfri_cli_sources_commands[] = {
  { "sources", "add", "caldav URL --user USER [--password-file F] [--people-template T] [--ca-file F] | url URL [--name N]",
    N_("Follow a CalDAV account or a published .ics feed"), run_add },
  { "sources", "list", "[--format text|json]",
    N_("List the sources, their calendars, last sync and last error"), run_list },
  { "sources", "calendars", "ID [--format text|json]",
    N_("Ask the server for a source’s calendars and list them"), run_calendars },
  { "sources", "follow", "ID HREF [--room R | --pool SITE/TYPE | --item TAG]",
    N_("Follow a calendar, and say whose it is"), run_follow },
  { "sources", "unfollow", "ID HREF",
    N_("Stop following a calendar; what only it held is removed"), run_unfollow },
  { "sources", "remove", "ID",
    N_("Stop following a source; meetings only it held are removed"), run_remove },
  { NULL }
};

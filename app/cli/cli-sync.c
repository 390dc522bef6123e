/* cli-sync.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * resfri-cli sync [ID…]: synchronise the live calendars now and print what
 * changed (spec/sync.md, "Sync" and "JSON"), and what the reconciling of
 * Resfri's bookings with the server wrote, deleted or released. An error of one calendar is
 * printed on stderr and makes the exit status 1; the others still sync.
 */

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "resfri-cli.h"

static char *
result_to_json (const ResfriSyncResult *result)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "sources");
  json_builder_begin_array (builder);
  for (guint i = 0; i < result->sources->len; i++)
    {
      ResfriSyncSourceResult *source = g_ptr_array_index (result->sources, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_int_value (builder, source->id);
      json_builder_set_member_name (builder, "calendars");
      json_builder_begin_array (builder);
      for (guint j = 0; j < source->calendars->len; j++)
        {
          ResfriSyncCalendarResult *calendar = g_ptr_array_index (source->calendars, j);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "href");
          json_builder_add_string_value (builder, calendar->href);
          json_builder_set_member_name (builder, "added");
          json_builder_add_int_value (builder, calendar->added);
          json_builder_set_member_name (builder, "changed");
          json_builder_add_int_value (builder, calendar->changed);
          json_builder_set_member_name (builder, "removed");
          json_builder_add_int_value (builder, calendar->removed);
          json_builder_set_member_name (builder, "skipped");
          json_builder_begin_array (builder);
          for (guint k = 0; k < calendar->skipped->len; k++)
            {
              ResfriSyncSkip *skip = g_ptr_array_index (calendar->skipped, k);

              json_builder_begin_object (builder);
              json_builder_set_member_name (builder, "href");
              json_builder_add_string_value (builder, skip->href);
              json_builder_set_member_name (builder, "line");
              json_builder_add_int_value (builder, skip->line);
              json_builder_set_member_name (builder, "message");
              json_builder_add_string_value (builder, skip->message);
              json_builder_end_object (builder);
            }
          json_builder_end_array (builder);
          json_builder_set_member_name (builder, "error");
          if (calendar->error != NULL)
            json_builder_add_string_value (builder, calendar->error);
          else
            json_builder_add_null_value (builder);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "released");
  json_builder_begin_array (builder);
  for (guint i = 0; i < result->released->len; i++)
    {
      const ResfriBooking *booking = g_ptr_array_index (result->released, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "booking");
      json_builder_add_int_value (builder, booking->id);
      json_builder_set_member_name (builder, "reason");
      json_builder_add_string_value (builder, resfri_booking_release_describe (booking));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "pushed");
  json_builder_add_int_value (builder, result->pushed);
  json_builder_set_member_name (builder, "deleted");
  json_builder_add_int_value (builder, result->deleted);
  json_builder_set_member_name (builder, "requests");
  json_builder_add_int_value (builder, result->requests);
  json_builder_set_member_name (builder, "seconds");
  json_builder_add_double_value (builder, result->seconds);
  json_builder_end_object (builder);

  return resfri_cli_json_to_text (builder);
}

static void
print_errors (const ResfriSyncResult *result)
{
  for (guint i = 0; i < result->sources->len; i++)
    {
      ResfriSyncSourceResult *source = g_ptr_array_index (result->sources, i);

      if (source->error != NULL && source->calendars->len == 0)
        fprintf (stderr, "resfri-cli: %s\n", source->error);
      for (guint j = 0; j < source->calendars->len; j++)
        {
          ResfriSyncCalendarResult *calendar = g_ptr_array_index (source->calendars, j);

          if (calendar->error != NULL)
            fprintf (stderr, "resfri-cli: %s\n", calendar->error);
        }
    }
}

static void
print_text (const ResfriSyncResult *result)
{
  for (guint i = 0; i < result->sources->len; i++)
    {
      ResfriSyncSourceResult *source = g_ptr_array_index (result->sources, i);

      for (guint j = 0; j < source->calendars->len; j++)
        {
          ResfriSyncCalendarResult *calendar = g_ptr_array_index (source->calendars, j);

          if (calendar->error != NULL)
            continue;
          printf (_("source %lld, calendar %s: %u added, %u changed, %u removed"),
                  (long long) source->id, calendar->href, calendar->added, calendar->changed, calendar->removed);
          if (calendar->skipped->len > 0)
            printf (_(", %u skipped"), calendar->skipped->len);
          putchar ('\n');
          for (guint k = 0; k < calendar->skipped->len; k++)
            {
              ResfriSyncSkip *skip = g_ptr_array_index (calendar->skipped, k);

              printf ("  %s:%u: %s\n", skip->href, skip->line, skip->message);
            }
        }
    }
  for (guint i = 0; i < result->released->len; i++)
    {
      const ResfriBooking *booking = g_ptr_array_index (result->released, i);

      /* Translators: a booking's id, its room or item, then why it was
       * released ("The meeting was cancelled"). */
      printf (_("booking %lld of %s released: %s\n"), (long long) booking->id,
              booking->resource, resfri_booking_release_describe (booking));
    }
  if (result->pushed > 0)
    /* Translators: bookings a crash or a failed request had kept off the
     * server, written there by this sync. */
    printf (ngettext ("%u booking written to the server\n",
                      "%u bookings written to the server\n", result->pushed), result->pushed);
  if (result->deleted > 0)
    printf (ngettext ("%u cancelled booking deleted from the server\n",
                      "%u cancelled bookings deleted from the server\n", result->deleted),
            result->deleted);
  printf (_("%u requests in %.1f s\n"), result->requests, result->seconds);
}

static int
run_sync (ResfriCli  *cli,
          int         argc,
          char      **argv)
{
  g_autofree char *format_name = NULL;
  const GOptionEntry entries[] = {
    { "format", 0, 0, G_OPTION_ARG_STRING, &format_name, N_("Output format: text or json"),
      N_("FORMAT") },
    { NULL }
  };
  g_autoptr(GArray) ids = NULL;
  g_autoptr(ResfriSyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  ResfriCliFormat format;
  ResfriStore *store;

  if (!resfri_cli_parse_options (cli, entries, &argc, &argv))
    return RESFRI_CLI_EXIT_USAGE;
  if (!(format = resfri_cli_parse_format (cli, format_name,
                                          RESFRI_CLI_FORMAT_TEXT | RESFRI_CLI_FORMAT_JSON,
                                          RESFRI_CLI_FORMAT_TEXT)))
    return RESFRI_CLI_EXIT_USAGE;

  if (argc > 1)
    {
      ids = g_array_new (FALSE, FALSE, sizeof (gint64));
      for (int i = 1; i < argc; i++)
        {
          guint64 value = 0;
          gint64 id;

          if (!g_ascii_string_to_unsigned (argv[i], 10, 1, G_MAXINT64, &value, NULL))
            return resfri_cli_usage_error (cli, _("“%s” is not a source id (see “sources list”)"),
                                           argv[i]);
          id = (gint64) value;
          g_array_append_val (ids, id);
        }
    }

  if (!(store = resfri_cli_get_store (cli)))
    return RESFRI_CLI_EXIT_INPUT;
  if (!(result = resfri_sync_run (store, ids, NULL, &error)))
    return resfri_cli_fail (cli, error);

  if (format == RESFRI_CLI_FORMAT_JSON)
    {
      g_autofree char *json = result_to_json (result);

      fputs (json, stdout);
    }
  else
    print_text (result);
  print_errors (result);

  return resfri_sync_result_has_errors (result) ? RESFRI_CLI_EXIT_INPUT : RESFRI_CLI_EXIT_OK;
}

const ResfriCliCommand resfri_cli_sync_commands[] = {
  { "sync", NULL, "[ID…] [--format text|json]",
    N_("Synchronise every live calendar (or the sources named) now"), run_sync },
  { NULL }
};

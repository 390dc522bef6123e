/* cli-policy.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * policy show and policy set: the settings of spec/policy.md.
 */

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "resfri-cli.h"

static void
add_value (JsonBuilder           *builder,
           ResfriPolicyValueKind  kind,
           const char            *value)
{
  if (value == NULL)
    {
      json_builder_add_null_value (builder);
      return;
    }

  switch (kind)
    {
    case RESFRI_POLICY_VALUE_HOSTS:
      {
        g_auto(GStrv) hosts = g_strsplit (value, ",", -1);

        json_builder_begin_array (builder);
        for (guint i = 0; hosts[i] != NULL; i++)
          if (*hosts[i] != '\0')
            json_builder_add_string_value (builder, hosts[i]);
        json_builder_end_array (builder);
      }
      break;

    case RESFRI_POLICY_VALUE_SHARE:
      if (*value == '\0')
        json_builder_add_null_value (builder);
      else
        json_builder_add_double_value (builder, g_ascii_strtod (value, NULL));
      break;

    case RESFRI_POLICY_VALUE_MINUTES:
      json_builder_add_int_value (builder, g_ascii_strtoll (value, NULL, 10));
      break;

    case RESFRI_POLICY_VALUE_NUMBER:
    case RESFRI_POLICY_VALUE_PRICE:
    default:
      {
        double number = g_ascii_strtod (value, NULL);

        /* Whole numbers as integers: 70, not 70.0. */
        if (number == (double) (gint64) number && ABS (number) < 1e15)
          json_builder_add_int_value (builder, (gint64) number);
        else
          json_builder_add_double_value (builder, number);
      }
      break;
    }
}

static char *
settings_to_json (GPtrArray *settings)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_array (builder);
  for (guint i = 0; i < settings->len; i++)
    {
      const ResfriPolicySetting *setting = g_ptr_array_index (settings, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "key");
      json_builder_add_string_value (builder, setting->key);
      json_builder_set_member_name (builder, "value");
      add_value (builder, setting->kind, setting->value);
      json_builder_set_member_name (builder, "default");
      add_value (builder, setting->kind, setting->default_value);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  return resfri_cli_json_to_text (builder);
}

static const char *
shown_value (const ResfriPolicySetting *setting,
             const char                *value)
{
  if ((setting->kind == RESFRI_POLICY_VALUE_HOSTS || setting->kind == RESFRI_POLICY_VALUE_SHARE) &&
      *value == '\0')
    return "—";

  return value;
}

static char *
settings_to_text (GPtrArray *settings)
{
  GString *out = g_string_new (NULL);
  g_autofree char *builtin = NULL;
  glong key_width = 0;
  glong value_width = 0;

  for (guint i = 0; i < settings->len; i++)
    {
      const ResfriPolicySetting *setting = g_ptr_array_index (settings, i);

      key_width = MAX (key_width, g_utf8_strlen (setting->key, -1));
      value_width = MAX (value_width, g_utf8_strlen (shown_value (setting, setting->value), -1));
    }

  for (guint i = 0; i < settings->len; i++)
    {
      const ResfriPolicySetting *setting = g_ptr_array_index (settings, i);
      const char *value = shown_value (setting, setting->value);

      g_string_append (out, setting->key);
      for (glong n = g_utf8_strlen (setting->key, -1); n < key_width + 2; n++)
        g_string_append_c (out, ' ');
      g_string_append (out, value);
      for (glong n = g_utf8_strlen (value, -1); n < value_width + 2; n++)
        g_string_append_c (out, ' ');
      g_string_append (out, setting->description);

      if (setting->default_value == NULL && setting->kind == RESFRI_POLICY_VALUE_SHARE)
        ; /* a unit's own target: its description says so */
      else if (setting->default_value == NULL)
        g_string_append_printf (out, " %s", _("(added type)"));
      else if (strcmp (setting->default_value, setting->value) != 0)
        /* TRANSLATORS: %s is a setting's default value */
        g_string_append_printf (out, _(" (default: %s)"),
                                shown_value (setting, setting->default_value));
      g_string_append_c (out, '\n');
    }

  builtin = g_strjoinv (", ", (char **) resfri_policy_get_builtin_meeting_hosts ());
  g_string_append_printf (out, "\n%s\n", _("Built-in meeting services:"));
  g_string_append_printf (out, "  %s\n", builtin);

  return g_string_free (out, FALSE);
}

static int
run_show (ResfriCli  *cli,
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
  g_autoptr(GPtrArray) settings = NULL;
  g_autofree char *output = NULL;
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

  if (!(settings = resfri_policy_list_settings (store, &error)))
    return resfri_cli_fail (cli, error);

  if (format == RESFRI_CLI_FORMAT_JSON)
    output = settings_to_json (settings);
  else
    output = settings_to_text (settings);
  if (!resfri_cli_write_output (NULL, output, strlen (output), &error))
    return resfri_cli_fail (cli, error);

  return RESFRI_CLI_EXIT_OK;
}

static int
run_set (ResfriCli  *cli,
         int         argc,
         char      **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *canonical = NULL;
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  gboolean new_type = FALSE;
  gboolean dashes_seen = FALSE;
  ResfriStore *store;
  const char *key;
  const char *value;

  /* No options, and a value may start with "-" ("-1" deserves "must be at
   * least 0", not "unknown option"), so the arguments are not given to
   * GOption. One "--" is still accepted among them. */
  for (int i = 1; i < argc; i++)
    {
      if (!dashes_seen && strcmp (argv[i], "--") == 0)
        {
          dashes_seen = TRUE;
          continue;
        }
      if (i == 1 && (strcmp (argv[i], "--help") == 0 || strcmp (argv[i], "-h") == 0))
        {
          printf (_("Usage: resfri-cli %s %s\n"), argv[0], "KEY VALUE");
          return RESFRI_CLI_EXIT_OK;
        }
      g_ptr_array_add (args, argv[i]);
    }

  if (args->len > 2)
    return resfri_cli_usage_error (cli, _("unexpected argument “%s”"),
                                   (const char *) g_ptr_array_index (args, 2));
  if (args->len < 2)
    return resfri_cli_usage_error (cli, _("missing arguments"));

  key = g_ptr_array_index (args, 0);
  value = g_ptr_array_index (args, 1);

  /* A bad key or value is wrong usage (status 2), not bad input. */
  if (!(canonical = resfri_policy_parse_value (key, value, &error)))
    return resfri_cli_usage_error (cli, "%s", error->message);

  if (!(store = resfri_cli_get_store (cli)))
    return RESFRI_CLI_EXIT_INPUT;

  if (g_str_has_prefix (key, RESFRI_POLICY_PRICE_PREFIX))
    {
      double price;

      if (!resfri_policy_get_unit_price (store, key + strlen (RESFRI_POLICY_PRICE_PREFIX), &price,
                                         &error))
        {
          if (!g_error_matches (error, RESFRI_ERROR, RESFRI_ERROR_NOT_FOUND))
            return resfri_cli_fail (cli, error);
          new_type = TRUE;
          g_clear_error (&error);
        }
    }

  if (!resfri_policy_set (store, key, value, &error))
    return resfri_cli_fail (cli, error);

  if (new_type)
    printf (_("%s is now %s: the equipment type “%s” was added.\n"), key, canonical,
            key + strlen (RESFRI_POLICY_PRICE_PREFIX));
  else if (*canonical == '\0')
    printf (_("%s is now empty.\n"), key);
  else
    printf (_("%s is now %s.\n"), key, canonical);

  return RESFRI_CLI_EXIT_OK;
}

const ResfriCliCommand resfri_cli_policy_commands[] = {
  { "policy", "show", "[--format text|json]",
    N_("Show the policy settings with their defaults"), run_show },
  { "policy", "set", "KEY VALUE",
    N_("Change a policy setting (price.TYPE adds an equipment type)"), run_set },
  { NULL }
};

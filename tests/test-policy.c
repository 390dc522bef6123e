/* test-policy.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <math.h>
#include <string.h>

#include <json-glib/json-glib.h>

#include "resfri-inventory.h"
#include "resfri-policy-settings.h"
#include "resfri-store-private.h"
#include "resfri-test-fixture.h"
#include "resfri-test-util.h"

typedef ResfriTestFixture Fixture;

/* The policy rows and the equipment types, as one string. */
static char *
snapshot (ResfriStore *store)
{
  static const char sql[] =
    "SELECT coalesce ((SELECT group_concat (key || '=' || value, ';') FROM"
    "  (SELECT key, value FROM policy ORDER BY key)), '') || '#' ||"
    " (SELECT group_concat (name || '=' || unit_price, ';') FROM"
    "  (SELECT name, unit_price FROM equipment_types ORDER BY id))";
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (_resfri_store_get_db (store), sql, -1, &stmt, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);

  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

static char *
stored_value (ResfriStore *store,
              const char  *key)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (_resfri_store_get_db (store),
                                       "SELECT value FROM policy WHERE key = ?1", -1, &stmt, NULL),
                   ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;

  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

static void
assert_defaults (const ResfriPolicy *policy)
{
  g_assert_cmpfloat (policy->detour_factor, ==, 1.3);
  g_assert_cmpfloat (policy->co2_kg_per_km, ==, 0.12);
  g_assert_cmpfloat (policy->cost_per_km, ==, 2.5);
  g_assert_cmpfloat (policy->speed_kmh, ==, 70);
  g_assert_cmpfloat (policy->local_km, ==, 5);
  g_assert_cmpint (policy->loan_buffer_min, ==, 0);
  g_assert_nonnull (policy->extra_meeting_hosts);
  g_assert_cmpuint (g_strv_length (policy->extra_meeting_hosts), ==, 0);
}

static void
test_defaults (Fixture       *fixture,
               gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ResfriPolicy) defaults = resfri_policy_new_default ();
  g_autoptr(ResfriPolicy) loaded = NULL;
  g_autoptr(ResfriPolicy) copy = NULL;
  double price = 0;

  g_test_summary ("A new database has the defaults of spec/policy.md and spec/allocation.md, "
                  "and no policy rows");

  assert_defaults (defaults);
  loaded = resfri_policy_load (fixture->store, &error);
  g_assert_no_error (error);
  assert_defaults (loaded);
  copy = g_boxed_copy (RESFRI_TYPE_POLICY, loaded);
  assert_defaults (copy);
  g_assert_true (copy->extra_meeting_hosts != loaded->extra_meeting_hosts);

  g_assert_cmpint (_resfri_store_query_int (fixture->store, "SELECT count(*) FROM policy", NULL),
                   ==, 0);

  g_assert_true (resfri_policy_get_unit_price (fixture->store, "headset", &price, &error));
  g_assert_cmpfloat (price, ==, 900);
  g_assert_true (resfri_policy_get_unit_price (fixture->store, "camera", &price, &error));
  g_assert_cmpfloat (price, ==, 1100);
  g_assert_true (resfri_policy_get_unit_price (fixture->store, "vc-kit", &price, &error));
  g_assert_cmpfloat (price, ==, 15000);
  g_assert_no_error (error);
  g_assert_false (resfri_policy_get_unit_price (fixture->store, "speakerphone", &price, &error));
  g_assert_error (error, RESFRI_ERROR, RESFRI_ERROR_NOT_FOUND);
}

static void
test_set_and_load (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ResfriPolicy) policy = NULL;
  g_autofree char *text = NULL;
  double price = 0;
  const struct
  {
    const char *key;
    const char *value;
    const char *stored;
  } changes[] = {
    { "detour_factor", " 1.45 ", "1.45" },
    { "co2_kg_per_km", "0.2", "0.2" },
    { "cost_per_km", "3", "3" },
    { "speed_kmh", "62.5", "62.5" },
    { "local_km", "0", "0" },
    { "loan_buffer_min", "15", "15" },
    { "meeting_hosts", " Meet.Kommun.se , ,video.example.org,meet.kommun.se", "meet.kommun.se,video.example.org" },
  };

  g_test_summary ("Each setting is stored in canonical form and loads back");

  for (guint i = 0; i < G_N_ELEMENTS (changes); i++)
    {
      g_autofree char *stored = NULL;

      g_assert_true (resfri_policy_set (fixture->store, changes[i].key, changes[i].value, &error));
      g_assert_no_error (error);
      stored = stored_value (fixture->store, changes[i].key);
      g_assert_cmpstr (stored, ==, changes[i].stored);
    }

  policy = resfri_policy_load (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (policy->detour_factor, ==, 1.45);
  g_assert_cmpfloat (policy->co2_kg_per_km, ==, 0.2);
  g_assert_cmpfloat (policy->cost_per_km, ==, 3);
  g_assert_cmpfloat (policy->speed_kmh, ==, 62.5);
  g_assert_cmpfloat (policy->local_km, ==, 0);
  g_assert_cmpint (policy->loan_buffer_min, ==, 15);
  text = g_strjoinv (",", policy->extra_meeting_hosts);
  g_assert_cmpstr (text, ==, "meet.kommun.se,video.example.org");

  /* Back to a default: the row goes. */
  g_assert_true (resfri_policy_set (fixture->store, "detour_factor", "1.30", &error));
  g_assert_true (resfri_policy_set (fixture->store, "meeting_hosts", "", &error));
  g_assert_true (resfri_policy_set (fixture->store, "loan_buffer_min", "0", &error));
  g_assert_no_error (error);
  g_assert_null (stored_value (fixture->store, "detour_factor"));
  g_assert_null (stored_value (fixture->store, "meeting_hosts"));
  g_assert_null (stored_value (fixture->store, "loan_buffer_min"));
  g_assert_cmpint (_resfri_store_query_int (fixture->store, "SELECT count(*) FROM policy", NULL),
                   ==, 4);

  /* Prices live with the equipment types. */
  g_assert_true (resfri_policy_set (fixture->store, "price.headset", "950.5", &error));
  g_assert_no_error (error);
  g_assert_true (resfri_policy_get_unit_price (fixture->store, "headset", &price, &error));
  g_assert_cmpfloat (price, ==, 950.5);
  g_assert_cmpint (_resfri_store_query_int (fixture->store, "SELECT count(*) FROM policy", NULL),
                   ==, 4);
}

static void
test_new_type (Fixture       *fixture,
               gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) settings = NULL;
  g_autoptr(ResfriItem) item = NULL;
  const ResfriPolicySetting *last;
  double price = 0;

  g_test_summary ("price.TYPE of a new type creates the type, which items can then have");

  g_assert_true (_resfri_store_exec (fixture->store,
                                     "INSERT INTO sites (code, name, latitude, longitude)"
                                     " VALUES ('KOM', 'Kommunhuset', 58.94, 11.17)", &error));
  item = resfri_inventory_add (fixture->store, "S-1", "speakerphone", "KOM", NULL, NULL, NAN,
                               &error);
  g_assert_error (error, RESFRI_ERROR, RESFRI_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_true (resfri_policy_set (fixture->store, "price.speakerphone", "2500", &error));
  g_assert_no_error (error);
  g_assert_true (resfri_policy_get_unit_price (fixture->store, "speakerphone", &price, &error));
  g_assert_cmpfloat (price, ==, 2500);
  g_assert_cmpint (_resfri_store_query_int (fixture->store, "SELECT count(*) FROM equipment_types",
                                            NULL),
                   ==, 4);

  item = resfri_inventory_add (fixture->store, "S-1", "speakerphone", "KOM", NULL, NULL, NAN,
                               &error);
  g_assert_no_error (error);
  g_assert_cmpstr (item->type, ==, "speakerphone");

  settings = resfri_policy_list_settings (fixture->store, &error);
  g_assert_no_error (error);
  last = g_ptr_array_index (settings, settings->len - 1);
  g_assert_cmpstr (last->key, ==, "price.speakerphone");
  g_assert_cmpstr (last->value, ==, "2500");
  g_assert_null (last->default_value);
  g_assert_nonnull (strstr (last->description, "speakerphone"));
  g_assert_cmpint (last->kind, ==, RESFRI_POLICY_VALUE_PRICE);

  /* Setting it again updates, never duplicates. */
  g_assert_true (resfri_policy_set (fixture->store, "price.speakerphone", "2400", &error));
  g_assert_cmpint (_resfri_store_query_int (fixture->store, "SELECT count(*) FROM equipment_types",
                                            NULL),
                   ==, 4);
}

typedef struct
{
  const char *key;
  const char *value;
  const char *message;   /* a part of the message */
} Refusal;

static void
test_validation (Fixture       *fixture,
                 gconstpointer  user_data)
{
  const Refusal refusals[] = {
    { "detour", "1.3", "detour_factor, co2_kg_per_km, cost_per_km, speed_kmh, local_km, "
                       "loan_buffer_min, meeting_hosts, retention_months, target_share, target_share.UNIT, price.TYPE" },
    { "DETOUR_FACTOR", "1.3", "no policy setting “DETOUR_FACTOR”" },
    { "retention_months", "0", "whole number of months from 1" },
    { "retention_months", "1.5", "not “1.5”" },
    { "retention_months", "-3", "whole number of months" },
    { "", "1", "no policy setting" },
    { "detour_factor", "1,3", "“1.3”" },
    { "detour_factor", "0.99", "at least 1" },
    { "detour_factor", "", "at least 1" },
    { "detour_factor", "abc", "not “abc”" },
    { "detour_factor", "inf", "at least 1" },
    { "detour_factor", "nan", "at least 1" },
    { "detour_factor", "1e999", "at least 1" },
    { "detour_factor", "0x2", "at least 1" },
    { "detour_factor", "1.3x", "at least 1" },
    { "detour_factor", "1 3", "at least 1" },
    { "co2_kg_per_km", "-0.1", "at least 0" },
    { "co2_kg_per_km", "0,12", "“0.12”" },
    { "cost_per_km", "-1", "at least 0" },
    { "speed_kmh", "0", "greater than 0" },
    { "speed_kmh", "-70", "greater than 0" },
    { "local_km", "-5", "at least 0" },
    { "loan_buffer_min", "-1", "whole number of minutes" },
    { "loan_buffer_min", "1.5", "whole number of minutes" },
    { "loan_buffer_min", "1441", "from 0 to 1440" },
    { "loan_buffer_min", "", "whole number of minutes" },
    { "loan_buffer_min", "99999999999999999999999", "whole number of minutes" },
    { "meeting_hosts", "https://meet.kommun.se/room", "“meet.kommun.se”" },
    { "meeting_hosts", "meet.kommun.se:443", "not a host name" },
    { "meeting_hosts", "bad_host", "“bad_host”" },
    { "meeting_hosts", "-bad.se", "not a host name" },
    { "meeting_hosts", "a..se", "not a host name" },
    { "meeting_hosts", "ok.se,still ok.se", "“still ok.se”" },
    { "meeting_hosts", "\xff\xfe", "not a host name" },
    { "price.headset", "-1", "price.headset must be a number of at least 0" },
    { "price.headset", "9,5", "“9.5”" },
    { "price.", "1", "not an equipment type name" },
    { "price.Speaker", "1", "“Speaker”" },
    { "price.1x", "1", "not an equipment type name" },
    { "price.a b", "1", "not an equipment type name" },
    { "price.aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "1", "up to 32" },
    { "target_share", "1.5", "a share from 0 to 1" },
    { "target_share", "-0.1", "at least 0" },
    { "target_share", "0,8", "“0.8”" },
    { "target_share", "abc", "not “abc”" },
    { "target_share.", "0.8", "not a unit" },
    { "target_share.A=B", "0.8", "not a unit" },
    { "target_share.Socialnämnden", "80", "a share from 0 to 1" },
  };
  g_autofree char *before = snapshot (fixture->store);

  g_test_summary ("Unknown keys and bad values are refused with INVALID_INPUT saying what is "
                  "allowed, and nothing is stored");

  for (guint i = 0; i < G_N_ELEMENTS (refusals); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GError) parse_error = NULL;
      g_autofree char *parsed = NULL;
      g_autofree char *after = NULL;

      g_assert_false (resfri_policy_set (fixture->store, refusals[i].key, refusals[i].value,
                                         &error));
      g_assert_error (error, RESFRI_ERROR, RESFRI_ERROR_INVALID_INPUT);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
      if (strstr (error->message, refusals[i].message) == NULL)
        g_error ("refusal %u: “%s” lacks “%s”", i, error->message, refusals[i].message);

      parsed = resfri_policy_parse_value (refusals[i].key, refusals[i].value, &parse_error);
      g_assert_null (parsed);
      g_assert_cmpstr (parse_error->message, ==, error->message);

      after = snapshot (fixture->store);
      g_assert_cmpstr (after, ==, before);
    }
}

/* Build machines often have only C.UTF-8: make sv_SE.UTF-8 in the fixture's
 * folder with localedef, and point glibc at it. */
static gboolean
compile_swedish_locale (Fixture *fixture)
{
  g_autofree char *localedef = g_find_program_in_path ("localedef");
  g_autofree char *dir = g_build_filename (fixture->dir, "locale", NULL);
  g_autofree char *target = g_build_filename (dir, "sv_SE.UTF-8", NULL);
  const char *argv[] = { localedef, "-i", "sv_SE", "-f", "UTF-8", target, NULL };
  int status = -1;

  if (localedef == NULL || g_mkdir_with_parents (dir, 0700) != 0)
    return FALSE;

  if (!g_spawn_sync (NULL, (char **) argv, NULL,
                     G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                     NULL, NULL, NULL, NULL, &status, NULL) ||
      !WIFEXITED (status) || WEXITSTATUS (status) > 1)
    return FALSE;

  g_setenv ("LOCPATH", dir, TRUE);
  return setlocale (LC_NUMERIC, "sv_SE.UTF-8") != NULL;
}

static void
test_numbers_ignore_locale (Fixture       *fixture,
                            gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ResfriPolicy) policy = NULL;
  g_autofree char *saved = g_strdup (setlocale (LC_NUMERIC, NULL));
  g_autofree char *stored = NULL;

  g_test_summary ("Numbers have a decimal point whatever LC_NUMERIC says");

  if (setlocale (LC_NUMERIC, "sv_SE.UTF-8") == NULL && !compile_swedish_locale (fixture))
    {
      g_test_skip ("No Swedish locale is installed and localedef cannot make one");
      return;
    }
  g_assert_cmpstr (localeconv ()->decimal_point, ==, ",");

  g_assert_true (resfri_policy_set (fixture->store, "detour_factor", "1.25", &error));
  g_assert_no_error (error);
  g_assert_false (resfri_policy_set (fixture->store, "detour_factor", "1,5", &error));
  g_assert_error (error, RESFRI_ERROR, RESFRI_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  stored = stored_value (fixture->store, "detour_factor");
  policy = resfri_policy_load (fixture->store, &error);
  setlocale (LC_NUMERIC, saved);
  g_unsetenv ("LOCPATH");

  g_assert_no_error (error);
  g_assert_cmpstr (stored, ==, "1.25");
  g_assert_cmpfloat (policy->detour_factor, ==, 1.25);
}

static void
test_meeting_hosts (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ResfriPolicy) policy = NULL;
  g_auto(GStrv) hosts = NULL;
  const char * const *builtin = resfri_policy_get_builtin_meeting_hosts ();
  guint n_builtin = g_strv_length ((char **) builtin);
  const char *services[] = {
    "teams.microsoft.com", "zoom.us", "meet.google.com", "meet.jit.si", "webex.com", "skype.com",
    "whereby.com",
  };

  g_test_summary ("The full host list is the built-in services plus the setting's hosts; "
                  "subdomains match, international names are stored as ASCII");

  for (guint i = 0; i < G_N_ELEMENTS (services); i++)
    g_assert_true (g_strv_contains (builtin, services[i]));

  g_assert_true (resfri_policy_set (fixture->store, "meeting_hosts",
                                    "möte.kommun.se, zoom.us,Video.Example.org",
                                    &error));
  g_assert_no_error (error);
  policy = resfri_policy_load (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (policy->extra_meeting_hosts), ==, 3);
  g_assert_cmpstr (policy->extra_meeting_hosts[0], ==, "xn--mte-sna.kommun.se");

  hosts = resfri_policy_dup_meeting_hosts (policy);
  /* zoom.us is built in already: listed once. */
  g_assert_cmpuint (g_strv_length (hosts), ==, n_builtin + 2);
  for (guint i = 0; i < n_builtin; i++)
    g_assert_cmpstr (hosts[i], ==, builtin[i]);
  g_assert_cmpstr (hosts[n_builtin], ==, "xn--mte-sna.kommun.se");
  g_assert_cmpstr (hosts[n_builtin + 1], ==, "video.example.org");

  g_assert_true (resfri_policy_is_meeting_host (policy, "teams.microsoft.com"));
  g_assert_true (resfri_policy_is_meeting_host (policy, "us02web.ZOOM.us"));
  g_assert_true (resfri_policy_is_meeting_host (policy, "video.example.org."));
  g_assert_true (resfri_policy_is_meeting_host (policy, "a.b.video.example.org"));
  g_assert_false (resfri_policy_is_meeting_host (policy, "notzoom.us"));
  g_assert_false (resfri_policy_is_meeting_host (policy, "zoom.us.evil.example"));
  g_assert_false (resfri_policy_is_meeting_host (policy, "example.org"));
  g_assert_false (resfri_policy_is_meeting_host (policy, ""));
  g_assert_false (resfri_policy_is_meeting_host (policy, NULL));
}

static void
test_list (Fixture       *fixture,
           gconstpointer  user_data)
{
  const char *keys[] = {
    "detour_factor", "co2_kg_per_km", "cost_per_km", "speed_kmh", "local_km", "loan_buffer_min",
    "meeting_hosts", "retention_months", "target_share", "price.headset", "price.camera",
    "price.vc-kit",
  };
  const char *defaults[] = { "1.3", "0.12", "2.5", "70", "5", "0", "", "36", "", "900", "1100",
                             "15000" };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) settings = NULL;

  g_test_summary ("The listing has every setting with its value, default and description");

  g_assert_true (resfri_policy_set (fixture->store, "local_km", "7.5", &error));
  g_assert_true (resfri_policy_set (fixture->store, "price.camera", "1200", &error));
  g_assert_no_error (error);

  settings = resfri_policy_list_settings (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (settings->len, ==, G_N_ELEMENTS (keys));

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      const ResfriPolicySetting *setting = g_ptr_array_index (settings, i);
      g_autoptr(ResfriPolicySetting) copy = resfri_policy_setting_copy (setting);
      g_autoptr(GError) parse_error = NULL;
      g_autofree char *reparsed = NULL;

      g_assert_cmpstr (setting->key, ==, keys[i]);
      g_assert_cmpstr (setting->default_value, ==, defaults[i]);
      g_assert_nonnull (setting->description);
      g_assert_cmpuint (strlen (setting->description), >, 10);
      g_assert_null (strchr (setting->description, '\n'));
      g_assert_cmpstr (copy->value, ==, setting->value);

      /* What is shown can be given back to set. */
      reparsed = resfri_policy_parse_value (setting->key, setting->value, &parse_error);
      g_assert_no_error (parse_error);
      g_assert_cmpstr (reparsed, ==, setting->value);

      if (strcmp (keys[i], "local_km") == 0)
        g_assert_cmpstr (setting->value, ==, "7.5");
      else if (strcmp (keys[i], "price.camera") == 0)
        g_assert_cmpstr (setting->value, ==, "1200");
      else
        g_assert_cmpstr (setting->value, ==, setting->default_value);
    }
}

static void
test_hand_edited (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ResfriPolicy) policy = NULL;
  g_autoptr(GPtrArray) settings = NULL;

  g_test_summary ("A bad value written behind our back is reported by load, named, and shown as "
                  "it is by the listing so that it can be fixed");

  g_assert_true (_resfri_store_exec (fixture->store,
                                     "INSERT INTO policy (key, value) VALUES ('speed_kmh', 'fast'),"
                                     " ('no_such_key', '1')", &error));
  g_assert_no_error (error);

  policy = resfri_policy_load (fixture->store, &error);
  g_assert_null (policy);
  g_assert_error (error, RESFRI_ERROR, RESFRI_ERROR_INVALID_INPUT);
  g_assert_nonnull (strstr (error->message, "speed_kmh"));
  g_clear_error (&error);

  settings = resfri_policy_list_settings (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (((ResfriPolicySetting *) g_ptr_array_index (settings, 3))->value, ==, "fast");

  g_assert_true (resfri_policy_set (fixture->store, "speed_kmh", "80", &error));
  policy = resfri_policy_load (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (policy->speed_kmh, ==, 80);
}

/*
 * The CLI
 */

/* target_share (none by default) and target_share.UNIT: set, loaded,
 * listed after the organisation's, and removed with "none" or "". */
static void
test_targets (Fixture       *fixture,
              gconstpointer  user_data)
{
  g_autoptr(ResfriPolicy) before = NULL;
  g_autoptr(ResfriPolicy) after = NULL;
  g_autoptr(ResfriPolicy) cleared = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  const ResfriPolicySetting *setting;
  double share;
  guint at = 0;

  before = resfri_policy_load (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_true (isnan (before->target_share));
  g_assert_false (resfri_policy_get_target_share (before, "A/B", &share));

  g_assert_true (resfri_policy_set (fixture->store, "target_share", " 0.80 ", &error));
  g_assert_true (resfri_policy_set (fixture->store, "target_share.Socialnämnden", "0.7", &error));
  g_assert_true (resfri_policy_set (fixture->store, "target_share.KS/KLK", "1", &error));
  g_assert_no_error (error);

  after = resfri_policy_load (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (after->target_share, ==, 0.8);
  g_assert_true (resfri_policy_get_target_share (after, NULL, &share));
  g_assert_cmpfloat (share, ==, 0.8);
  /* By name, by path, through an ancestor, else the organisation's. */
  g_assert_true (resfri_policy_get_target_share (after, "Socialnämnden", &share));
  g_assert_cmpfloat (share, ==, 0.7);
  g_assert_true (resfri_policy_get_target_share (after, "X/Socialnämnden/Äldreomsorg", &share));
  g_assert_cmpfloat (share, ==, 0.7);
  g_assert_true (resfri_policy_get_target_share (after, "KS/KLK/IT", &share));
  g_assert_cmpfloat (share, ==, 1);
  g_assert_true (resfri_policy_get_target_share (after, "KS", &share));
  g_assert_cmpfloat (share, ==, 0.8);

  list = resfri_policy_list_settings (fixture->store, &error);
  g_assert_no_error (error);
  for (at = 0; at < list->len; at++)
    if (strcmp (((ResfriPolicySetting *) g_ptr_array_index (list, at))->key, "target_share") == 0)
      break;
  g_assert_cmpuint (at + 2, <, list->len);
  setting = g_ptr_array_index (list, at);
  g_assert_cmpstr (setting->value, ==, "0.8");
  g_assert_cmpstr (setting->default_value, ==, "");
  setting = g_ptr_array_index (list, at + 1);
  g_assert_cmpstr (setting->key, ==, "target_share.KS/KLK");
  g_assert_null (setting->default_value);
  setting = g_ptr_array_index (list, at + 2);
  g_assert_cmpstr (setting->key, ==, "target_share.Socialnämnden");
  g_assert_cmpstr (setting->value, ==, "0.7");

  g_assert_true (resfri_policy_set (fixture->store, "target_share", "none", &error));
  g_assert_true (resfri_policy_set (fixture->store, "target_share.Socialnämnden", "", &error));
  g_assert_true (resfri_policy_set (fixture->store, "target_share.KS/KLK", "none", &error));
  g_assert_no_error (error);
  cleared = resfri_policy_load (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_true (isnan (cleared->target_share));
  g_assert_cmpuint (g_strv_length (cleared->unit_targets), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add ("/resfri/policy/" path, Fixture, NULL, resfri_test_set_up_empty, func, resfri_test_tear_down)

  ADD ("defaults", test_defaults);
  ADD ("set-and-load", test_set_and_load);
  ADD ("new-type", test_new_type);
  ADD ("validation", test_validation);
  ADD ("numbers-ignore-locale", test_numbers_ignore_locale);
  ADD ("meeting-hosts", test_meeting_hosts);
  ADD ("list", test_list);
  ADD ("hand-edited", test_hand_edited);
  ADD ("targets", test_targets);

#undef ADD

  return g_test_run ();
}

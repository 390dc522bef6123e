/* resfri-policy-settings.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "resfri-audit-private.h"
#include "resfri-policy-private.h"
#include "resfri-policy-settings.h"
#include "resfri-store-private.h"

/* The unit prices the first migration gives the built-in types. */
static const struct
{
  const char *type;
  double      price;
} default_prices[] = {
  { "headset", 900 },
  { "camera", 1100 },
  { "vc-kit", 15000 },
};

/* The loan buffer's upper bound: a day is already more than any handover
 * needs, and it keeps interval arithmetic far from overflow. */
#define MAX_LOAN_BUFFER_MIN 1440

/* A century of retention is more than any rule asks for, and keeps the
 * cut-off far from overflow. */
#define MAX_RETENTION_MONTHS 1200

/* The longest type name; types are short words ("speakerphone"). */
#define MAX_TYPE_NAME 32

typedef struct
{
  const char            *key;
  ResfriPolicyValueKind  kind;
  double                 minimum;
  gboolean               minimum_excluded;
  double                 default_number;
  gsize                  offset;       /* of the field in ResfriPolicy */
  const char            *description;
} SettingInfo;

static const SettingInfo settings[] = {
  { "detour_factor", RESFRI_POLICY_VALUE_NUMBER, 1, FALSE, 1.3,
    G_STRUCT_OFFSET (ResfriPolicy, detour_factor),
    N_("Road distance per straight-line distance between two sites") },
  { "co2_kg_per_km", RESFRI_POLICY_VALUE_NUMBER, 0, FALSE, 0.12,
    G_STRUCT_OFFSET (ResfriPolicy, co2_kg_per_km),
    N_("Kilograms of CO2 per kilometre travelled") },
  { "cost_per_km", RESFRI_POLICY_VALUE_NUMBER, 0, FALSE, 2.5,
    G_STRUCT_OFFSET (ResfriPolicy, cost_per_km),
    N_("Travel cost in SEK per kilometre") },
  { "speed_kmh", RESFRI_POLICY_VALUE_NUMBER, 0, TRUE, 70,
    G_STRUCT_OFFSET (ResfriPolicy, speed_kmh),
    N_("Average travel speed in km/h, for the time spent travelling") },
  { "local_km", RESFRI_POLICY_VALUE_NUMBER, 0, FALSE, 5,
    G_STRUCT_OFFSET (ResfriPolicy, local_km),
    N_("A meeting is local when nobody travels farther than this, one way, in km") },
  { "loan_buffer_min", RESFRI_POLICY_VALUE_MINUTES, 0, FALSE, 0,
    G_STRUCT_OFFSET (ResfriPolicy, loan_buffer_min),
    N_("Minutes a loan item is kept free before and after a meeting, for the handover") },
  { "meeting_hosts", RESFRI_POLICY_VALUE_HOSTS, 0, FALSE, 0,
    G_STRUCT_OFFSET (ResfriPolicy, extra_meeting_hosts),
    N_("Host names of further meeting services, comma-separated, besides the built-in ones") },
  { "retention_months", RESFRI_POLICY_VALUE_MINUTES, 1, FALSE, 36,
    G_STRUCT_OFFSET (ResfriPolicy, retention_months),
    N_("Months after its end that a meeting keeps its attendees and text; then only the "
       "follow-up’s figures remain") },
  { RESFRI_POLICY_TARGET_SHARE, RESFRI_POLICY_VALUE_SHARE, 0, FALSE, 0,
    G_STRUCT_OFFSET (ResfriPolicy, target_share),
    N_("The organisation's target travel-free share for a year, from 0 to 1 (none by default)") },
};

G_DEFINE_BOXED_TYPE (ResfriPolicy, resfri_policy, resfri_policy_copy, resfri_policy_free)
G_DEFINE_BOXED_TYPE (ResfriPolicySetting, resfri_policy_setting,
                     resfri_policy_setting_copy, resfri_policy_setting_free)

static const SettingInfo *
find_setting (const char *key)
{
  for (guint i = 0; i < G_N_ELEMENTS (settings); i++)
    if (strcmp (settings[i].key, key) == 0)
      return &settings[i];

  return NULL;
}

/* The shortest text that reads back as the same double. */
static char *
format_number (double value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  g_ascii_formatd (buffer, sizeof buffer, "%.15g", value);
  if (g_ascii_strtod (buffer, NULL) != value)
    g_ascii_formatd (buffer, sizeof buffer, "%.17g", value);

  /* -0 reads back as 0: say 0. */
  if (strcmp (buffer, "-0") == 0)
    return g_strdup ("0");

  return g_strdup (buffer);
}

/* Text safe to quote in a message, whatever the input held. */
static char *
quotable (const char *text)
{
  return g_utf8_make_valid (text, -1);
}

static gboolean
only_number_characters (const char *text)
{
  for (const char *p = text; *p; p++)
    if (!g_ascii_isdigit (*p) && strchr ("+-.eE", *p) == NULL)
      return FALSE;

  return TRUE;
}

/* A plain decimal number, read the same in every locale. */
static gboolean
read_number (const char *text,
             double     *value)
{
  char *end = NULL;

  if (*text == '\0' || !only_number_characters (text))
    return FALSE;

  errno = 0;
  *value = g_ascii_strtod (text, &end);

  return end != NULL && *end == '\0' && errno == 0 && isfinite (*value);
}

static char *
describe_number_range (const char *key,
                       double      minimum,
                       gboolean    minimum_excluded)
{
  g_autofree char *limit = format_number (minimum);

  if (minimum_excluded)
    return g_strdup_printf (_("%s must be a number greater than %s"), key, limit);

  return g_strdup_printf (_("%s must be a number of at least %s"), key, limit);
}

static char *
parse_number (const char  *key,
              const char  *text,
              double       minimum,
              gboolean     minimum_excluded,
              GError     **error)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text));
  g_autofree char *allowed = describe_number_range (key, minimum, minimum_excluded);
  g_autofree char *shown = quotable (text);
  double value;

  if (!read_number (stripped, &value))
    {
      g_autofree char *dotted = g_strdelimit (g_strdup (stripped), ",", '.');
      double ignored;

      /* "1,3" is how a Swede writes 1.3: say so. */
      if (strchr (stripped, ',') != NULL && read_number (dotted, &ignored))
        g_set_error (error, RESFRI_ERROR, RESFRI_ERROR_INVALID_INPUT,
                     _("%s: “%s” is not a number here; write it with a decimal point: “%s”"),
                     key, shown, dotted);
      else
        g_set_error (error, RESFRI_ERROR, RESFRI_ERROR_INVALID_INPUT,
                     _("%s, not “%s”"), allowed, shown);
      return NULL;
    }

  if (value < minimum || (minimum_excluded && value == minimum))
    {
      g_set_error (error, RESFRI_ERROR, RESFRI_ERROR_INVALID_INPUT,
                   _("%s, not “%s”"), allowed, shown);
      return NULL;
    }

  return format_number (value);
}

/* A whole number: the loan buffer's minutes, or retention_months. */
static char *
parse_minutes (const char  *key,
               const char  *text,
               GError     **error)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text));
  gboolean months = strcmp (key, "retention_months") == 0;
  guint64 value = 0;

  if (*stripped == '\0' ||
      !g_ascii_string_to_unsigned (stripped, 10, months ? 1 : 0,
                                   months ? MAX_RETENTION_MONTHS : MAX_LOAN_BUFFER_MIN,
                                   &value, NULL))
    {
      g_autofree char *shown = quotable (text);

      if (months)
        g_set_error (error, RESFRI_ERROR, RESFRI_ERROR_INVALID_INPUT,
                     _("%s must be a whole number of months from 1 to %d, not “%s”"),
                     key, MAX_RETENTION_MONTHS, shown);
      else
        g_set_error (error, RESFRI_ERROR, RESFRI_ERROR_INVALID_INPUT,
                     _("%s must be a whole number of minutes from 0 to %d, not “%s”"),
                     key, MAX_LOAN_BUFFER_MIN, shown);
      return NULL;
    }

  return g_strdup_printf ("%" G_GUINT64_FORMAT, value);
}

/* A target share: from 0 to 1, or "" (or "none") for no target. */
static char *
parse_share (const char  *key,
             const char  *text,
             GError     **error)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text));
  g_autofree char *value = NULL;

  if (*stripped == '\0' || g_ascii_strcasecmp (stripped, "none") == 0)
    return g_strdup ("");

  if (!(value = parse_number (key, stripped, 0, FALSE, error)))
    return NULL;

  if (g_ascii_strtod (value, NULL) > 1)
    {
      g_autofree char *shown = quotable (text);

      g_set_error (error, RESFRI_ERROR, RESFRI_ERROR_INVALID_INPUT,
                   _("%s must be a share from 0 to 1 (0.8 for 80 %%), not “%s”"), key, shown);
      return NULL;
    }

  return g_steal_pointer (&value);
}

/* The UNIT of target_share.UNIT: a unit's path or name, as text. */
static gboolean
is_unit_key (const char *unit)
{
  if (*unit == '\0' || strlen (unit) > 512 || !g_utf8_validate (unit, -1, NULL))
    return FALSE;

  for (const char *p = unit; *p; p++)
    if ((guchar) *p < 0x20 || *p == '=')
      return FALSE;

  return TRUE;
}

static gboolean
is_type_name (const char *name)
{
  gsize length = strlen (name);

  if (length == 0 || length > MAX_TYPE_NAME || !g_ascii_islower (name[0]))
    return FALSE;

  for (const char *p = name; *p; p++)
    if (!g_ascii_islower (*p) && !g_ascii_isdigit (*p) && *p != '-')
      return FALSE;

  return TRUE;
}

static const char *
known_keys (void)
{
  return "detour_factor, co2_kg_per_km, cost_per_km, speed_kmh, local_km, loan_buffer_min, "
         "meeting_hosts, retention_months, target_share, target_share.UNIT, price.TYPE";
}

static gboolean
default_price (const char *type,
               double     *price)
{
  for (guint i = 0; i < G_N_ELEMENTS (default_prices); i++)
    if (strcmp (default_prices[i].type, type) == 0)
      {
        *price = default_prices[i].price;
        return TRUE;
      }

  return FALSE;
}

static char *
default_text (const SettingInfo *info)
{
  switch (info->kind)
    {
    case RESFRI_POLICY_VALUE_HOSTS:
    case RESFRI_POLICY_VALUE_SHARE:
      return g_strdup ("");

    case RESFRI_POLICY_VALUE_MINUTES:
      return g_strdup_printf ("%d", (int) info->default_number);

    case RESFRI_POLICY_VALUE_NUMBER:
    case RESFRI_POLICY_VALUE_PRICE:
    default:
      return format_number (info->default_number);
    }
}

/* Puts a checked canonical value into @policy. */
static void
apply_value (ResfriPolicy      *policy,
             const SettingInfo *info,
             const char        *value)
{
  gpointer field = G_STRUCT_MEMBER_P (policy, info->offset);

  switch (info->kind)
    {
    case RESFRI_POLICY_VALUE_NUMBER:
      *(double *) field = g_ascii_strtod (value, NULL);
      break;

    case RESFRI_POLICY_VALUE_MINUTES:
      *(int *) field = (int) g_ascii_strtoll (value, NULL, 10);
      break;

    case RESFRI_POLICY_VALUE_HOSTS:
      g_strfreev (*(char ***) field);
      *(char ***) field = *value ? g_strsplit (value, ",", -1) : g_new0 (char *, 1);
      break;

    case RESFRI_POLICY_VALUE_SHARE:
      *(double *) field = *value ? g_ascii_strtod (value, NULL) : NAN;
      break;

    case RESFRI_POLICY_VALUE_PRICE:
    default:
      g_assert_not_reached ();
    }
}

static ResfriPolicySetting *
setting_new (const char            *key,
             ResfriPolicyValueKind  kind,
             const char            *value,
             const char            *default_value,
             const char            *description)
{
  ResfriPolicySetting *setting = g_new0 (ResfriPolicySetting, 1);

  setting->key = g_strdup (key);
  setting->kind = kind;
  setting->value = g_strdup (value);
  setting->default_value = g_strdup (default_value);
  setting->description = g_strdup (description);

  return setting;
}

/* The stored rows of table policy, key → value: the settings changed from
 * their defaults. */
static GHashTable *
read_stored_values (ResfriStore  *store,
                    GError      **error)
{
  g_autoptr(GHashTable) values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = _resfri_store_prepare (store, "SELECT key, value FROM policy", error)))
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_insert (values,
                         g_strdup ((const char *) sqlite3_column_text (stmt, 0)),
                         g_strdup ((const char *) sqlite3_column_text (stmt, 1)));

  if (rc != SQLITE_DONE)
    {
      _resfri_store_set_error (store, error, _("Cannot read the policy settings"));
      sqlite3_reset (stmt);
      return NULL;
    }
  sqlite3_reset (stmt);

  return g_steal_pointer (&values);
}

/* g_ptr_array_sort() passes pointers to the elements. */
static int
compare_keys (gconstpointer a,
              gconstpointer b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

/* The stored keys of the units' own targets, sorted. */
static GPtrArray *
unit_target_keys (GHashTable *stored)
{
  GPtrArray *keys = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, stored);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (g_str_has_prefix (key, RESFRI_POLICY_TARGET_PREFIX))
      g_ptr_array_add (keys, key);
  g_ptr_array_sort (keys, compare_keys);

  return keys;
}

static gboolean
load_unit_targets (ResfriPolicy  *policy,
                   GHashTable    *stored,
                   GError       **error)
{
  g_autoptr(GPtrArray) keys = unit_target_keys (stored);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; i < keys->len; i++)
    {
      const char *key = g_ptr_array_index (keys, i);
      g_autoptr(GError) local_error = NULL;
      g_autofree char *value = NULL;

      if (!(value = resfri_policy_parse_value (key, g_hash_table_lookup (stored, key),
                                               &local_error)))
        {
          g_set_error (error, RESFRI_ERROR, RESFRI_ERROR_INVALID_INPUT,
                       _("The stored policy setting %s is not valid (%s); set it again"),
                       key, local_error->message);
          return FALSE;
        }
      if (*value != '\0')
        {
          g_autofree char *entry = g_strdup_printf ("%s=%s",
                                                    key + strlen (RESFRI_POLICY_TARGET_PREFIX),
                                                    value);

          g_strv_builder_add (builder, entry);
        }
    }

  g_strfreev (policy->unit_targets);
  policy->unit_targets = g_strv_builder_end (builder);

  return TRUE;
}

/* Public API */

/**
 * resfri_policy_new_default:
 *
 * Returns: (transfer full): the settings as spec/policy.md sets them
 */
ResfriPolicy *
resfri_policy_new_default (void)
{
  ResfriPolicy *policy = g_new0 (ResfriPolicy, 1);

  for (guint i = 0; i < G_N_ELEMENTS (settings); i++)
    {
      g_autofree char *value = default_text (&settings[i]);

      apply_value (policy, &settings[i], value);
    }
  policy->unit_targets = g_new0 (char *, 1);

  return policy;
}

ResfriPolicy *
resfri_policy_copy (const ResfriPolicy *policy)
{
  ResfriPolicy *copy;

  g_return_val_if_fail (policy != NULL, NULL);

  copy = g_memdup2 (policy, sizeof *policy);
  copy->extra_meeting_hosts = g_strdupv (policy->extra_meeting_hosts);
  copy->unit_targets = g_strdupv (policy->unit_targets);

  return copy;
}

void
resfri_policy_free (ResfriPolicy *policy)
{
  if (policy == NULL)
    return;

  g_strfreev (policy->extra_meeting_hosts);
  g_strfreev (policy->unit_targets);
  g_free (policy);
}

/**
 * resfri_policy_load:
 *
 * Reads every setting: the stored value where one was changed, else the
 * default. A stored value that does not pass the checks of
 * resfri_policy_set() (only a hand-edited database has one) is
 * RESFRI_ERROR_INVALID_INPUT, naming the setting.
 *
 * Returns: (transfer full): the settings, or %NULL with @error set
 */
ResfriPolicy *
resfri_policy_load (ResfriStore  *store,
                    GError      **error)
{
  g_autoptr(ResfriPolicy) policy = NULL;
  g_autoptr(GHashTable) stored = NULL;

  g_return_val_if_fail (RESFRI_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!(stored = read_stored_values (store, error)))
    return NULL;

  policy = resfri_policy_new_default ();

  for (guint i = 0; i < G_N_ELEMENTS (settings); i++)
    {
      const char *text = g_hash_table_lookup (stored, settings[i].key);
      g_autoptr(GError) local_error = NULL;
      g_autofree char *value = NULL;

      if (text == NULL)
        continue;

      if (!(value = resfri_policy_parse_value (settings[i].key, text, &local_error)))
        {
          g_set_error (error, RESFRI_ERROR, RESFRI_ERROR_INVALID_INPUT,
                       _("The stored policy setting %s is not valid (%s); set it again"),
                       settings[i].key, local_error->message);
          return NULL;
        }

      apply_value (policy, &settings[i], value);
    }

  return load_unit_targets (policy, stored, error) ? g_steal_pointer (&policy) : NULL;
}

static gboolean
find_unit_target (const ResfriPolicy *policy,
                  const char         *unit,
                  gsize               length,
                  double             *share)
{
  for (guint i = 0; policy->unit_targets && policy->unit_targets[i]; i++)
    {
      const char *entry = policy->unit_targets[i];
      const char *equals = strrchr (entry, '=');

      if (equals != NULL && (gsize) (equals - entry) == length &&
          strncmp (entry, unit, length) == 0)
        {
          *share = g_ascii_strtod (equals + 1, NULL);
          return TRUE;
        }
    }

  return FALSE;
}

/**
 * resfri_policy_get_target_share:
 * @unit_path: (nullable): a unit's path ("Parent/Child"), %NULL for the
 *   whole organisation
 * @share: (out): the target share, 0..1
 *
 * The target that holds for a unit: its own `target_share.UNIT` (UNIT its
 * path or its name), else the nearest ancestor's, else the organisation's
 * `target_share`.
 *
 * Returns: %FALSE (and NAN) when no target is set
 */
gboolean
resfri_policy_get_target_share (const ResfriPolicy *policy,
                                const char         *unit_path,
                                double             *share)
{
  g_return_val_if_fail (policy != NULL, FALSE);
  g_return_val_if_fail (share != NULL, FALSE);

  if (unit_path != NULL)
    {
      gsize length = strlen (unit_path);

      while (length > 0)
        {
          const char *name = unit_path;

          /* The unit's name: the last part of the path so far. */
          for (gsize i = 0; i < length; i++)
            if (unit_path[i] == '/')
              name = unit_path + i + 1;
          if (find_unit_target (policy, unit_path, length, share) ||
              find_unit_target (policy, name, unit_path + length - name, share))
            return TRUE;

          while (length > 0 && unit_path[length - 1] != '/')
            length--;
          if (length > 0)
            length--;
        }
    }

  *share = policy->target_share;

  return !isnan (policy->target_share);
}

/**
 * resfri_policy_get_unit_price:
 * @type: an equipment type's name
 * @price: (out): its unit price in SEK
 *
 * Returns: %TRUE, or %FALSE with RESFRI_ERROR_NOT_FOUND for an unknown type
 */
gboolean
resfri_policy_get_unit_price (ResfriStore  *store,
                              const char   *type,
                              double       *price,
                              GError      **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (RESFRI_IS_STORE (store), FALSE);
  g_return_val_if_fail (type != NULL, FALSE);
  g_return_val_if_fail (price != NULL, FALSE);

  if (!(stmt = _resfri_store_prepare (store,
                                      "SELECT unit_price FROM equipment_types WHERE name = ?1",
                                      error)))
    return FALSE;

  sqlite3_bind_text (stmt, 1, type, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *price = sqlite3_column_double (stmt, 0);
  else if (rc == SQLITE_DONE)
    g_set_error (error, RESFRI_ERROR, RESFRI_ERROR_NOT_FOUND,
                 _("There is no equipment type “%s”"), type);
  else
    _resfri_store_set_error (store, error, _("Cannot read the unit prices"));
  sqlite3_reset (stmt);

  return rc == SQLITE_ROW;
}

/**
 * resfri_policy_parse_value:
 * @key: a setting's key ("detour_factor", "price.headset")
 * @value: its value as a person wrote it
 *
 * Checks a value without storing it. Numbers have a decimal point whatever
 * the locale ("1,3" is refused, suggesting "1.3") and are finite.
 *
 * Returns: (transfer full): the value in the form it is stored, or %NULL
 *   with RESFRI_ERROR_INVALID_INPUT saying which keys exist (unknown key)
 *   or which values are allowed (bad value)
 */
char *
resfri_policy_parse_value (const char  *key,
                           const char  *value,
                           GError     **error)
{
  const SettingInfo *info;

  g_return_val_if_fail (key != NULL, NULL);
  g_return_val_if_fail (value != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (g_str_has_prefix (key, RESFRI_POLICY_PRICE_PREFIX))
    {
      const char *type = key + strlen (RESFRI_POLICY_PRICE_PREFIX);

      if (!is_type_name (type))
        {
          g_autofree char *shown = quotable (type);

          g_set_error (error, RESFRI_ERROR, RESFRI_ERROR_INVALID_INPUT,
                       _("“%s” is not an equipment type name: use up to %d lowercase letters, "
                         "digits and hyphens, starting with a letter"),
                       shown, MAX_TYPE_NAME);
          return NULL;
        }

      return parse_number (key, value, 0, FALSE, error);
    }

  if (g_str_has_prefix (key, RESFRI_POLICY_TARGET_PREFIX))
    {
      const char *unit = key + strlen (RESFRI_POLICY_TARGET_PREFIX);

      if (!is_unit_key (unit))
        {
          g_autofree char *shown = quotable (unit);

          g_set_error (error, RESFRI_ERROR, RESFRI_ERROR_INVALID_INPUT,
                       _("“%s” is not a unit: write target_share.UNIT with a unit's name or path"),
                       shown);
          return NULL;
        }

      return parse_share (key, value, error);
    }

  if (!(info = find_setting (key)))
    {
      g_autofree char *shown = quotable (key);

      g_set_error (error, RESFRI_ERROR, RESFRI_ERROR_INVALID_INPUT,
                   _("There is no policy setting “%s”; the settings are: %s"),
                   shown, known_keys ());
      return NULL;
    }

  switch (info->kind)
    {
    case RESFRI_POLICY_VALUE_NUMBER:
      return parse_number (key, value, info->minimum, info->minimum_excluded, error);

    case RESFRI_POLICY_VALUE_MINUTES:
      return parse_minutes (key, value, error);

    case RESFRI_POLICY_VALUE_HOSTS:
      return _resfri_policy_parse_hosts (value, error);

    case RESFRI_POLICY_VALUE_SHARE:
      return parse_share (key, value, error);

    case RESFRI_POLICY_VALUE_PRICE:
    default:
      g_assert_not_reached ();
    }

  return NULL;
}

/**
 * resfri_policy_set:
 * @key: a setting's key
 * @value: its new value as a person wrote it
 *
 * Checks and stores one setting (see resfri_policy_parse_value()). A value
 * equal to the default removes the stored row. `price.TYPE` sets the unit
 * price of TYPE in equipment_types, creating the type when it is new.
 *
 * Returns: %TRUE, or %FALSE with @error set; nothing changes then
 */
static gboolean set_value (ResfriStore  *store,
                           const char   *key,
                           const char   *value,
                           gboolean      audited,
                           GError      **error);

gboolean
resfri_policy_set (ResfriStore  *store,
                   const char   *key,
                   const char   *value,
                   GError      **error)
{
  return set_value (store, key, value, TRUE, error);
}

/* resfri_policy_set() without its row in the audit log, for a change that
 * records its own (the demo, whose settings are part of it). In the
 * caller's transaction. */
gboolean
_resfri_policy_set_unaudited (ResfriStore  *store,
                              const char   *key,
                              const char   *value,
                              GError      **error)
{
  g_return_val_if_fail (_resfri_store_in_transaction (store), FALSE);

  return set_value (store, key, value, FALSE, error);
}

static gboolean
set_value (ResfriStore  *store,
           const char   *key,
           const char   *value,
           gboolean      audited,
           GError      **error)
{
  g_autofree char *canonical = NULL;
  g_autofree char *default_value = NULL;
  const SettingInfo *info;
  sqlite3_stmt *stmt;
  gboolean owned;
  gboolean ok;

  g_return_val_if_fail (RESFRI_IS_STORE (store), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);
  g_return_val_if_fail (value != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!(canonical = resfri_policy_parse_value (key, value, error)))
    return FALSE;

  /* Each branch is a single statement that changes a row only when the
   * value differs; a change and its row of the audit log (the key and the
   * new value) are one transaction. */
  if (g_str_has_prefix (key, RESFRI_POLICY_PRICE_PREFIX))
    {
      if (!(stmt = _resfri_store_prepare (store,
                                          "INSERT INTO equipment_types (name, unit_price)"
                                          " VALUES (?1, ?2) ON CONFLICT (name)"
                                          " DO UPDATE SET unit_price = excluded.unit_price"
                                          " WHERE unit_price IS NOT excluded.unit_price",
                                          error)))
        return FALSE;

      sqlite3_bind_text (stmt, 1, key + strlen (RESFRI_POLICY_PRICE_PREFIX), -1, SQLITE_TRANSIENT);
      sqlite3_bind_double (stmt, 2, g_ascii_strtod (canonical, NULL));
    }
  else
    {
      const char *stored_key = key;

      /* A unit's target has no default: no target is no row. */
      if (g_str_has_prefix (key, RESFRI_POLICY_TARGET_PREFIX))
        default_value = g_strdup ("");
      else
        {
          info = find_setting (key);
          g_assert (info != NULL);
          stored_key = info->key;
          default_value = default_text (info);
        }

      if (strcmp (canonical, default_value) == 0)
        {
          if (!(stmt = _resfri_store_prepare (store, "DELETE FROM policy WHERE key = ?1", error)))
            return FALSE;
          sqlite3_bind_text (stmt, 1, stored_key, -1, SQLITE_TRANSIENT);
        }
      else
        {
          if (!(stmt = _resfri_store_prepare (store,
                                              "INSERT INTO policy (key, value) VALUES (?1, ?2)"
                                              " ON CONFLICT (key) DO UPDATE SET value = excluded.value"
                                              " WHERE value IS NOT excluded.value",
                                              error)))
            return FALSE;
          sqlite3_bind_text (stmt, 1, stored_key, -1, SQLITE_TRANSIENT);
          sqlite3_bind_text (stmt, 2, canonical, -1, SQLITE_TRANSIENT);
        }
    }

  if (!_resfri_audit_begin (store, &owned, error))
    return FALSE;
  ok = _resfri_store_step_done (store, stmt,
                                default_value != NULL ? _("Cannot save a policy setting")
                                                      : _("Cannot save a unit price"),
                                error);
  if (ok && audited && sqlite3_changes (_resfri_store_get_db (store)) > 0)
    ok = _resfri_audit_record (store, "setting", "setting", key, canonical, error);

  return _resfri_audit_end (store, owned, ok, error);
}

ResfriPolicySetting *
resfri_policy_setting_copy (const ResfriPolicySetting *setting)
{
  g_return_val_if_fail (setting != NULL, NULL);

  return setting_new (setting->key, setting->kind, setting->value,
                      setting->default_value, setting->description);
}

void
resfri_policy_setting_free (ResfriPolicySetting *setting)
{
  if (setting == NULL)
    return;

  g_free (setting->key);
  g_free (setting->value);
  g_free (setting->default_value);
  g_free (setting->description);
  g_free (setting);
}

/**
 * resfri_policy_list_settings:
 *
 * Every setting with its value, its default and a translated description:
 * the settings of spec/policy.md in a fixed order, then the unit price of
 * every equipment type in the order the types were created.
 *
 * Returns: (transfer container) (element-type ResfriPolicySetting): the
 *   settings, or %NULL with @error set
 */
GPtrArray *
resfri_policy_list_settings (ResfriStore  *store,
                             GError      **error)
{
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GHashTable) stored = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (RESFRI_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!(stored = read_stored_values (store, error)))
    return NULL;

  list = g_ptr_array_new_with_free_func ((GDestroyNotify) resfri_policy_setting_free);

  for (guint i = 0; i < G_N_ELEMENTS (settings); i++)
    {
      const char *text = g_hash_table_lookup (stored, settings[i].key);
      g_autofree char *value = NULL;
      g_autofree char *default_value = default_text (&settings[i]);

      /* A hand-edited value is shown as it is, so that it can be fixed. */
      if (text != NULL)
        value = resfri_policy_parse_value (settings[i].key, text, NULL);
      if (value == NULL)
        value = g_strdup (text ? text : default_value);

      g_ptr_array_add (list, setting_new (settings[i].key, settings[i].kind, value,
                                          default_value, _(settings[i].description)));

      /* The units' own targets follow the organisation's. */
      if (settings[i].kind == RESFRI_POLICY_VALUE_SHARE)
        {
          g_autoptr(GPtrArray) keys = unit_target_keys (stored);

          for (guint k = 0; k < keys->len; k++)
            {
              const char *key = g_ptr_array_index (keys, k);
              const char *stored_value = g_hash_table_lookup (stored, key);
              g_autofree char *unit_value = resfri_policy_parse_value (key, stored_value, NULL);
              g_autofree char *description =
                g_strdup_printf (_("The target travel-free share of “%s”"),
                                 key + strlen (RESFRI_POLICY_TARGET_PREFIX));

              g_ptr_array_add (list, setting_new (key, RESFRI_POLICY_VALUE_SHARE,
                                                  unit_value ? unit_value : stored_value,
                                                  NULL, description));
            }
        }
    }

  if (!(stmt = _resfri_store_prepare (store,
                                      "SELECT name, unit_price FROM equipment_types ORDER BY id",
                                      error)))
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *type = (const char *) sqlite3_column_text (stmt, 0);
      g_autofree char *key = g_strconcat (RESFRI_POLICY_PRICE_PREFIX, type, NULL);
      g_autofree char *value = format_number (sqlite3_column_double (stmt, 1));
      g_autofree char *default_value = NULL;
      g_autofree char *description = NULL;
      double price;

      if (default_price (type, &price))
        default_value = format_number (price);
      description = g_strdup_printf (_("Unit price in SEK of one “%s”, for the order list"), type);

      g_ptr_array_add (list, setting_new (key, RESFRI_POLICY_VALUE_PRICE, value,
                                          default_value, description));
    }

  if (rc != SQLITE_DONE)
    {
      _resfri_store_set_error (store, error, _("Cannot read the unit prices"));
      sqlite3_reset (stmt);
      return NULL;
    }
  sqlite3_reset (stmt);

  return g_steal_pointer (&list);
}

/* The meeting_hosts setting alone, as stored (normalised, comma-separated),
 * for code that stores many meetings and must not load every setting for
 * each. Returns NULL when none is set. */
char **
_resfri_policy_dup_extra_meeting_hosts (ResfriStore *store)
{
  sqlite3_stmt *stmt;
  char **hosts = NULL;

  if (!(stmt = _resfri_store_prepare (store, "SELECT value FROM policy WHERE key = 'meeting_hosts'", NULL)))
    return NULL;

  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *value = (const char *) sqlite3_column_text (stmt, 0);

      if (value != NULL && *value != '\0')
        hosts = g_strsplit (value, ",", -1);
    }
  sqlite3_reset (stmt);

  return hosts;
}

/* Short titles for people (the preferences' rows, the audit log). */
static const struct
{
  const char *key;
  const char *title;
} setting_titles[] = {
  { "detour_factor", N_("Detour factor") },
  { "co2_kg_per_km", N_("CO₂ per kilometre (kg)") },
  { "cost_per_km", N_("Travel cost per kilometre (SEK)") },
  { "speed_kmh", N_("Travel speed (km/h)") },
  { "local_km", N_("Local distance (km)") },
  { "loan_buffer_min", N_("Loan handover time (minutes)") },
  { "meeting_hosts", N_("Further meeting services") },
  { "retention_months", N_("Keep meeting attendees (months)") },
};

/**
 * resfri_policy_dup_setting_title:
 * @key: a setting's key ("detour_factor", "price.headset")
 *
 * Returns: (transfer full): the setting's short title, translated
 *   ("Detour factor", "Price of a “headset” (SEK)"); the key itself when
 *   it is unknown
 */
char *
resfri_policy_dup_setting_title (const char *key)
{
  g_return_val_if_fail (key != NULL, NULL);

  if (g_str_has_prefix (key, RESFRI_POLICY_PRICE_PREFIX))
    {
      const char *kind = key + strlen (RESFRI_POLICY_PRICE_PREFIX);

      /* The types Resfri knows by name; another is shown as it is written. */
      if (strcmp (kind, "headset") == 0)
        return g_strdup (_("Price of a headset (SEK)"));
      if (strcmp (kind, "camera") == 0)
        return g_strdup (_("Price of a camera (SEK)"));
      if (strcmp (kind, "vc-kit") == 0)
        return g_strdup (_("Price of a video conferencing kit (SEK)"));
      /* Translators: %s is an equipment type ("headset") */
      return g_strdup_printf (_("Price of a “%s” (SEK)"), kind);
    }

  /* A unit's target by the unit's own name, the last part of its path. */
  if (g_str_has_prefix (key, "target_share.") && key[strlen ("target_share.")] != '\0')
    {
      const char *unit = strrchr (key, '/') ? strrchr (key, '/') + 1 : key + strlen ("target_share.");

      /* Translators: %s is a unit's name ("Socialförvaltningen") */
      return g_strdup_printf (_("Target share of %s"), unit);
    }

  for (guint i = 0; i < G_N_ELEMENTS (setting_titles); i++)
    if (strcmp (key, setting_titles[i].key) == 0)
      return g_strdup (_(setting_titles[i].title));

  return g_strdup (key);
}

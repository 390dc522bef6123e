/* cli-report.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * report: the politicians' follow-up of the travel policy (spec/cli.md,
 * spec/policy.md "Follow-up periods") as text, JSON, CSV, xlsx or PDF.
 *
 * JSON is spec/cli.md's {period, from, to, units: [R], months: [R +
 * {month}], total: R}, with two members added to every R after
 * equipment_coverage:
 *   open_gaps     the missing (person, type) pairs among the row's people:
 *                 people without a working headset plus people without a
 *                 working camera (ResfriFollowupRow.open_gaps); a month
 *                 row carries the total's value, as it carries employees
 *   per_employee  {travel_km, avoided_km, avoided_co2_kg, avoided_cost_sek,
 *                 avoided_hours, travel_free, trips_short, trips_long,
 *                 travel_co2_kg}: the row's figures divided by its
 *                 employees, 3 decimals; each null when employees is 0
 * and after per_employee (spec/planning.md "Targets"):
 *   planned       occurrences of the period not yet ended at the report's
 *                 "now"; every other count is of those held (ended)
 *   unregistered  held occurrences none of whose people is in the people
 *                 register (data quality)
 *   target_share  the target that holds for the row, null when none
 * The top level gains "now", the instant dividing held from planned
 * (RESFRI_NOW when set, else the clock).
 *
 * CSV (spec/cli.md gives no layout; this one is stable): RFC 4180, one
 * header row, then one row per unit (in the order of JSON "units"), one
 * per month, and the total, with these columns in this order:
 *   kind                unit | month | total
 *   unit                the unit's path, "(none)", or for month and total
 *                       rows the --unit asked for ("" for the whole
 *                       organisation)
 *   month               "2026-03" on month rows, else ""
 *   employees, occurrences, travel_free, local,
 *   exempt_REASON       one column per reason id of spec/policy.md, in its
 *                       order (exempt_physical-presence … exempt_other)
 *   non_compliant, unknown, travel_free_share, trips_short, trips_long,
 *   travel_km, travel_co2_kg, avoided_km, avoided_co2_kg, avoided_cost_sek,
 *   avoided_hours, equipment_coverage, open_gaps,
 *   per_employee_KEY    per_employee_travel_km, per_employee_avoided_km,
 *                       per_employee_avoided_co2_kg,
 *                       per_employee_avoided_cost_sek,
 *                       per_employee_avoided_hours,
 *                       per_employee_travel_free,
 *                       per_employee_trips_short,
 *                       per_employee_trips_long,
 *                       per_employee_travel_co2_kg
 *   planned, unregistered, target_share
 * Column names equal the JSON keys. Numbers use "." as the decimal mark
 * whatever the locale, without thousands separators: counts as integers,
 * shares with 4 decimals, km/kg/kr/hours with 1, per-employee figures with
 * 3; a null (no share, no employees) is an empty field.
 */

#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "resfri-cli.h"
#include "resfri-report-pdf.h"
#include "resfri-report-xlsx.h"

/* JSON and CSV */

static double
round_to (double value,
          double scale)
{
  return round (value * scale) / scale;
}

static void
add_row_members (JsonBuilder             *builder,
                 const ResfriFollowupRow *row)
{
  const char * const *reasons = resfri_followup_get_reasons ();
  const char * const *keys = resfri_followup_get_per_employee_keys ();
  double per_employee[RESFRI_FOLLOWUP_N_PER_EMPLOYEE];
  gboolean known;
  double share;

#define INT_MEMBER(name, value) \
  G_STMT_START { \
    json_builder_set_member_name (builder, name); \
    json_builder_add_int_value (builder, value); \
  } G_STMT_END
#define DOUBLE_MEMBER(name, value) \
  G_STMT_START { \
    json_builder_set_member_name (builder, name); \
    json_builder_add_double_value (builder, round_to (value, 10)); \
  } G_STMT_END

  json_builder_set_member_name (builder, "unit");
  if (row->unit != NULL)
    json_builder_add_string_value (builder, row->unit);
  else
    json_builder_add_null_value (builder);
  INT_MEMBER ("employees", row->employees);
  INT_MEMBER ("occurrences", row->occurrences);
  INT_MEMBER ("travel_free", row->travel_free);
  INT_MEMBER ("local", row->local);
  json_builder_set_member_name (builder, "exempt");
  json_builder_begin_object (builder);
  for (guint i = 0; i < RESFRI_FOLLOWUP_N_REASONS; i++)
    INT_MEMBER (reasons[i], row->exempt[i]);
  json_builder_end_object (builder);
  INT_MEMBER ("non_compliant", row->non_compliant);
  INT_MEMBER ("unknown", row->unknown);
  json_builder_set_member_name (builder, "travel_free_share");
  if (resfri_followup_row_get_travel_free_share (row, &share))
    json_builder_add_double_value (builder, round_to (share, 10000));
  else
    json_builder_add_null_value (builder);
  INT_MEMBER ("trips_short", row->trips_short);
  INT_MEMBER ("trips_long", row->trips_long);
  DOUBLE_MEMBER ("travel_km", row->travel_km);
  DOUBLE_MEMBER ("travel_co2_kg", row->travel_co2_kg);
  DOUBLE_MEMBER ("avoided_km", row->avoided_km);
  DOUBLE_MEMBER ("avoided_co2_kg", row->avoided_co2_kg);
  DOUBLE_MEMBER ("avoided_cost_sek", row->avoided_cost_sek);
  DOUBLE_MEMBER ("avoided_hours", row->avoided_hours);
  json_builder_set_member_name (builder, "equipment_coverage");
  if (resfri_followup_row_get_equipment_coverage (row, &share))
    json_builder_add_double_value (builder, round_to (share, 10000));
  else
    json_builder_add_null_value (builder);
  INT_MEMBER ("open_gaps", row->open_gaps);

  known = resfri_followup_row_get_per_employee_values (row, per_employee);
  json_builder_set_member_name (builder, "per_employee");
  json_builder_begin_object (builder);
  for (guint i = 0; i < RESFRI_FOLLOWUP_N_PER_EMPLOYEE; i++)
    {
      json_builder_set_member_name (builder, keys[i]);
      if (known)
        json_builder_add_double_value (builder, round_to (per_employee[i], 1000));
      else
        json_builder_add_null_value (builder);
    }
  json_builder_end_object (builder);
  INT_MEMBER ("planned", row->planned);
  INT_MEMBER ("unregistered", row->unregistered);
  json_builder_set_member_name (builder, "target_share");
  if (!isnan (row->target_share))
    json_builder_add_double_value (builder, round_to (row->target_share, 10000));
  else
    json_builder_add_null_value (builder);

#undef INT_MEMBER
#undef DOUBLE_MEMBER
}

static char *
followup_to_json (const ResfriFollowup *followup)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *from = resfri_cli_format_instant (resfri_period_get_from (followup->period));
  g_autofree char *to = resfri_cli_format_instant (resfri_period_get_to (followup->period));
  g_autofree char *now = resfri_cli_format_instant (followup->now);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "period");
  json_builder_add_string_value (builder, resfri_period_get_label (followup->period));
  json_builder_set_member_name (builder, "from");
  json_builder_add_string_value (builder, from);
  json_builder_set_member_name (builder, "to");
  json_builder_add_string_value (builder, to);
  json_builder_set_member_name (builder, "now");
  json_builder_add_string_value (builder, now);

  json_builder_set_member_name (builder, "units");
  json_builder_begin_array (builder);
  for (guint i = 0; i < followup->units->len; i++)
    {
      json_builder_begin_object (builder);
      add_row_members (builder, g_ptr_array_index (followup->units, i));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "months");
  json_builder_begin_array (builder);
  for (guint i = 0; i < followup->months->len; i++)
    {
      const ResfriFollowupRow *row = g_ptr_array_index (followup->months, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "month");
      json_builder_add_string_value (builder, row->month);
      add_row_members (builder, row);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "total");
  json_builder_begin_object (builder);
  add_row_members (builder, followup->total);
  json_builder_end_object (builder);
  json_builder_end_object (builder);

  return resfri_cli_json_to_text (builder);
}

static void
csv_number (GPtrArray *fields,
            double     value,
            int        decimals)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  char format[8];

  g_snprintf (format, sizeof format, "%%.%df", decimals);
  g_ptr_array_add (fields, g_strdup (g_ascii_formatd (buf, sizeof buf, format, value)));
}

static void
csv_row (GString                 *out,
         const char              *kind,
         const ResfriFollowupRow *row)
{
  g_autoptr(GPtrArray) fields = g_ptr_array_new_with_free_func (g_free);
  double per_employee[RESFRI_FOLLOWUP_N_PER_EMPLOYEE];
  double share;

  g_ptr_array_add (fields, g_strdup (kind));
  g_ptr_array_add (fields, g_strdup (row->unit ? row->unit : ""));
  g_ptr_array_add (fields, g_strdup (row->month ? row->month : ""));
  g_ptr_array_add (fields, g_strdup_printf ("%u", row->employees));
  g_ptr_array_add (fields, g_strdup_printf ("%u", row->occurrences));
  g_ptr_array_add (fields, g_strdup_printf ("%u", row->travel_free));
  g_ptr_array_add (fields, g_strdup_printf ("%u", row->local));
  for (guint i = 0; i < RESFRI_FOLLOWUP_N_REASONS; i++)
    g_ptr_array_add (fields, g_strdup_printf ("%u", row->exempt[i]));
  g_ptr_array_add (fields, g_strdup_printf ("%u", row->non_compliant));
  g_ptr_array_add (fields, g_strdup_printf ("%u", row->unknown));
  if (resfri_followup_row_get_travel_free_share (row, &share))
    csv_number (fields, share, 4);
  else
    g_ptr_array_add (fields, g_strdup (""));
  g_ptr_array_add (fields, g_strdup_printf ("%u", row->trips_short));
  g_ptr_array_add (fields, g_strdup_printf ("%u", row->trips_long));
  csv_number (fields, row->travel_km, 1);
  csv_number (fields, row->travel_co2_kg, 1);
  csv_number (fields, row->avoided_km, 1);
  csv_number (fields, row->avoided_co2_kg, 1);
  csv_number (fields, row->avoided_cost_sek, 1);
  csv_number (fields, row->avoided_hours, 1);
  if (resfri_followup_row_get_equipment_coverage (row, &share))
    csv_number (fields, share, 4);
  else
    g_ptr_array_add (fields, g_strdup (""));
  g_ptr_array_add (fields, g_strdup_printf ("%u", row->open_gaps));
  if (resfri_followup_row_get_per_employee_values (row, per_employee))
    for (guint i = 0; i < RESFRI_FOLLOWUP_N_PER_EMPLOYEE; i++)
      csv_number (fields, per_employee[i], 3);
  else
    for (guint i = 0; i < RESFRI_FOLLOWUP_N_PER_EMPLOYEE; i++)
      g_ptr_array_add (fields, g_strdup (""));
  g_ptr_array_add (fields, g_strdup_printf ("%u", row->planned));
  g_ptr_array_add (fields, g_strdup_printf ("%u", row->unregistered));
  if (!isnan (row->target_share))
    csv_number (fields, row->target_share, 4);
  else
    g_ptr_array_add (fields, g_strdup (""));

  resfri_csv_append_record (out, (const char * const *) fields->pdata, fields->len);
}

static char *
followup_to_csv (const ResfriFollowup *followup)
{
  const char * const *reasons = resfri_followup_get_reasons ();
  const char * const *keys = resfri_followup_get_per_employee_keys ();
  g_autoptr(GPtrArray) header = g_ptr_array_new_with_free_func (g_free);
  const char *columns_before[] = {
    "kind", "unit", "month", "employees", "occurrences", "travel_free", "local",
  };
  const char *columns_after[] = {
    "non_compliant", "unknown", "travel_free_share", "trips_short", "trips_long", "travel_km",
    "travel_co2_kg", "avoided_km", "avoided_co2_kg", "avoided_cost_sek", "avoided_hours",
    "equipment_coverage", "open_gaps",
  };
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (columns_before); i++)
    g_ptr_array_add (header, g_strdup (columns_before[i]));
  for (guint i = 0; i < RESFRI_FOLLOWUP_N_REASONS; i++)
    g_ptr_array_add (header, g_strconcat ("exempt_", reasons[i], NULL));
  for (guint i = 0; i < G_N_ELEMENTS (columns_after); i++)
    g_ptr_array_add (header, g_strdup (columns_after[i]));
  for (guint i = 0; i < RESFRI_FOLLOWUP_N_PER_EMPLOYEE; i++)
    g_ptr_array_add (header, g_strconcat ("per_employee_", keys[i], NULL));
  g_ptr_array_add (header, g_strdup ("planned"));
  g_ptr_array_add (header, g_strdup ("unregistered"));
  g_ptr_array_add (header, g_strdup ("target_share"));
  resfri_csv_append_record (out, (const char * const *) header->pdata, header->len);

  for (guint i = 0; i < followup->units->len; i++)
    csv_row (out, "unit", g_ptr_array_index (followup->units, i));
  for (guint i = 0; i < followup->months->len; i++)
    csv_row (out, "month", g_ptr_array_index (followup->months, i));
  csv_row (out, "total", followup->total);

  return g_string_free (out, FALSE);
}

/* Text, for people at a terminal */

static char *
format_share (const ResfriFollowupRow *row,
              gboolean                 coverage)
{
  double share;
  gboolean known = coverage ? resfri_followup_row_get_equipment_coverage (row, &share)
                            : resfri_followup_row_get_travel_free_share (row, &share);

  if (!known)
    return g_strdup ("–");

  /* TRANSLATORS: a percentage, "62.5 %"; Swedish puts a space before % */
  return g_strdup_printf (_("%.1f %%"), share * 100);
}

static char *
format_count (double value)
{
  /* Grouped thousands in the user's locale. */
  return g_strdup_printf ("%'.0f", value);
}

typedef struct
{
  GPtrArray *cells;   /* rows of GStrv */
  guint      n_columns;
} Table;

static void
table_add (Table *table,
           char  *first,
           ...)
{
  GStrvBuilder *builder = g_strv_builder_new ();
  va_list ap;
  char *cell;

  va_start (ap, first);
  for (cell = first; cell != NULL; cell = va_arg (ap, char *))
    {
      g_strv_builder_add (builder, cell);
      g_free (cell);
    }
  va_end (ap);

  g_ptr_array_add (table->cells, g_strv_builder_end (builder));
  g_strv_builder_unref (builder);
}

/* Left-aligns the first column, right-aligns the others. */
static void
table_print (Table   *table,
             GString *out)
{
  g_autofree glong *widths = g_new0 (glong, table->n_columns);

  for (guint r = 0; r < table->cells->len; r++)
    {
      char **row = g_ptr_array_index (table->cells, r);

      for (guint c = 0; c < table->n_columns && row[c]; c++)
        widths[c] = MAX (widths[c], g_utf8_strlen (row[c], -1));
    }

  for (guint r = 0; r < table->cells->len; r++)
    {
      char **row = g_ptr_array_index (table->cells, r);

      for (guint c = 0; c < table->n_columns && row[c]; c++)
        {
          glong pad = widths[c] - g_utf8_strlen (row[c], -1);

          if (c > 0)
            g_string_append (out, "  ");
          if (c > 0)
            for (glong i = 0; i < pad; i++)
              g_string_append_c (out, ' ');
          g_string_append (out, row[c]);
          if (c == 0 && c + 1 < table->n_columns)
            for (glong i = 0; i < pad; i++)
              g_string_append_c (out, ' ');
        }
      g_string_append_c (out, '\n');
    }
}

static void
table_add_row (Table                   *table,
               const char              *label,
               const ResfriFollowupRow *row)
{
  table_add (table, g_strdup (label),
             format_count (row->occurrences),
             format_count (row->travel_free),
             format_count (row->local),
             format_count (row->exempt_total),
             format_count (row->non_compliant),
             format_count (row->unknown),
             format_share (row, FALSE),
             format_count (row->travel_km),
             format_count (row->avoided_km),
             format_share (row, TRUE),
             format_count (row->open_gaps),
             NULL);
}

static char *
format_per_employee (gboolean known,
                     double   value,
                     int      decimals)
{
  if (!known)
    return g_strdup ("–");

  return g_strdup_printf ("%'.*f", decimals, value);
}

/* The figures per employee: a table of their own beside the wide one. */
static void
table_add_per_employee_row (Table                   *table,
                            const char              *label,
                            const ResfriFollowupRow *row)
{
  ResfriFollowupPerEmployee per;
  gboolean known = resfri_followup_row_get_per_employee (row, &per);

  table_add (table, g_strdup (label),
             format_count (row->employees),
             format_per_employee (known, per.travel_km, 1),
             format_per_employee (known, per.avoided_km, 1),
             format_per_employee (known, per.avoided_co2_kg, 1),
             format_per_employee (known, per.avoided_cost_sek, 1),
             format_per_employee (known, per.avoided_hours, 2),
             format_per_employee (known, per.travel_free, 2),
             format_per_employee (known, per.trips_short, 2),
             format_per_employee (known, per.trips_long, 2),
             format_per_employee (known, per.travel_co2_kg, 1),
             NULL);
}

static void
table_add_per_employee_header (Table      *table,
                               const char *first)
{
  table_add (table, g_strdup (first),
             /* TRANSLATORS: column headings of the per-employee table; short */
             g_strdup (_("Employees")),
             g_strdup (_("Travel km")),
             g_strdup (_("Avoided km")),
             g_strdup (_("Avoided CO₂ kg")),
             g_strdup (_("Avoided kr")),
             g_strdup (_("Avoided hours")),
             g_strdup (_("Travel-free")),
             /* TRANSLATORS: person round trips under / of at least 100 km */
             g_strdup (_("Trips <100 km")),
             g_strdup (_("Trips ≥100 km")),
             g_strdup (_("Travel CO₂ kg")),
             NULL);
}

static void
table_add_header (Table      *table,
                  const char *first)
{
  table_add (table, g_strdup (first),
             /* TRANSLATORS: column headings of the follow-up table; short */
             g_strdup (_("Meetings")),
             g_strdup (_("Travel-free")),
             g_strdup (_("Local")),
             g_strdup (_("Exempt")),
             g_strdup (_("Non-compliant")),
             g_strdup (_("Unknown")),
             g_strdup (_("Share")),
             g_strdup (_("Travel km")),
             g_strdup (_("Avoided km")),
             g_strdup (_("Equipped")),
             g_strdup (_("Open gaps")),
             NULL);
}

static char *
followup_to_text (const ResfriFollowup *followup)
{
  const ResfriFollowupRow *total = followup->total;
  const char * const *reasons = resfri_followup_get_reasons ();
  g_autofree char *first_day = resfri_period_dup_first_day (followup->period);
  g_autofree char *last_day = resfri_period_dup_last_day (followup->period);
  g_autofree char *share = format_share (total, FALSE);
  g_autofree char *coverage = format_share (total, TRUE);
  Table units = { g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev), 12 };
  Table months = { g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev), 12 };
  Table unit_people = { g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev), 11 };
  Table month_people = { g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev), 11 };
  g_autofree char *headline = resfri_followup_row_dup_headline (total);
  g_autofree char *planned = resfri_followup_row_dup_planned_note (total);
  g_autofree char *warning = resfri_followup_row_dup_data_warning (total);
  GString *out = g_string_new (NULL);
  guint judged = total->travel_free + total->exempt_total + total->non_compliant;

  g_string_append_printf (out, _("Follow-up of the travel policy, %s (%s – %s)"),
                          resfri_period_get_label (followup->period), first_day, last_day);
  g_string_append_c (out, '\n');
  if (followup->unit != NULL)
    g_string_append_printf (out, _("Unit: %s"), followup->unit);
  else
    g_string_append (out, _("Unit: the whole organisation"));
  g_string_append (out, "\n\n");

  if (judged > 0)
    g_string_append_printf (out,
                            /* TRANSLATORS: %s is a percentage ("62.5 %"), then two counts */
                            g_dngettext (GETTEXT_PACKAGE,
                                         "Travel-free share: %s (%u of %u meeting that could have meant travel)",
                                         "Travel-free share: %s (%u of %u meetings that could have meant travel)",
                                         judged),
                            share, total->travel_free, judged);
  else
    g_string_append (out, _("Travel-free share: – (no meeting that could have meant travel)"));
  g_string_append_c (out, '\n');
  if (!isnan (total->target_share) && headline != NULL)
    {
      /* TRANSLATORS: %s is "68.9 % of the 80 % target" */
      g_string_append_printf (out, _("Target: %s"), headline);
      g_string_append_c (out, '\n');
    }
  if (planned != NULL)
    g_string_append_printf (out, "%s\n", planned);
  if (warning != NULL)
    g_string_append_printf (out, "%s\n", warning);
  g_string_append_c (out, '\n');

  table_add_header (&units, _("Unit"));
  table_add_per_employee_header (&unit_people, _("Unit"));
  for (guint i = 0; i < followup->units->len; i++)
    {
      const ResfriFollowupRow *row = g_ptr_array_index (followup->units, i);
      g_autofree char *label = g_strdup_printf ("%*s%s", (int) row->depth * 2, "",
                                                resfri_followup_row_get_unit_label (row, FALSE));

      table_add_row (&units, label, row);
      table_add_per_employee_row (&unit_people, label, row);
    }
  table_add_row (&units, _("Total"), total);
  table_add_per_employee_row (&unit_people, _("Total"), total);
  table_print (&units, out);
  g_string_append_c (out, '\n');
  g_string_append_printf (out, "%s\n", _("Per employee:"));
  table_print (&unit_people, out);
  g_string_append_c (out, '\n');

  table_add_header (&months, _("Month"));
  table_add_per_employee_header (&month_people, _("Month"));
  for (guint i = 0; i < followup->months->len; i++)
    {
      const ResfriFollowupRow *row = g_ptr_array_index (followup->months, i);

      table_add_row (&months, row->month, row);
      table_add_per_employee_row (&month_people, row->month, row);
    }
  table_print (&months, out);
  g_string_append_c (out, '\n');
  /* TRANSLATORS: heading of the per-employee table of the months */
  g_string_append_printf (out, "%s\n", _("Per employee (each month over all the report's people):"));
  table_print (&month_people, out);
  g_string_append_c (out, '\n');

  g_string_append_printf (out, "%s\n", _("Exemptions by reason:"));
  if (total->exempt_total == 0)
    g_string_append_printf (out, "  %s\n", _("none"));
  for (guint i = 0; i < RESFRI_FOLLOWUP_N_REASONS; i++)
    if (total->exempt[i] > 0)
      {
        const char *label = resfri_followup_reason_label (reasons[i]);

        /* Padded by characters: the labels are translated. */
        g_string_append_printf (out, "  %s%*s %6u\n", label,
                                (int) MAX (0, 36 - g_utf8_strlen (label, -1)), "",
                                total->exempt[i]);
      }
  g_string_append_c (out, '\n');

  {
    g_autofree char *km = format_count (total->travel_km);
    g_autofree char *co2 = format_count (total->travel_co2_kg);
    g_autofree char *avoided_km = format_count (total->avoided_km);
    g_autofree char *avoided_co2 = format_count (total->avoided_co2_kg);
    g_autofree char *avoided_cost = format_count (total->avoided_cost_sek);
    g_autofree char *avoided_hours = format_count (total->avoided_hours);

    /* TRANSLATORS: km, kg of CO2, person round trips under and over 100 km */
    g_string_append_printf (out, _("Travel: %s km, %s kg CO₂ (%u round trips under 100 km, %u longer)"),
                            km, co2, total->trips_short, total->trips_long);
    g_string_append_c (out, '\n');
    /* TRANSLATORS: km, kg of CO2, SEK, hours */
    g_string_append_printf (out, _("Avoided by web meetings: %s km, %s kg CO₂, %s kr, %s hours"),
                            avoided_km, avoided_co2, avoided_cost, avoided_hours);
    g_string_append_c (out, '\n');
    g_string_append_printf (out,
                            g_dngettext (GETTEXT_PACKAGE,
                                         "Equipment: %s of %u person own a working headset and camera",
                                         "Equipment: %s of %u people own a working headset and camera",
                                         total->employees),
                            coverage, total->employees);
    g_string_append_c (out, '\n');
    g_string_append_printf (out,
                            /* TRANSLATORS: the missing (person, type) pairs */
                            g_dngettext (GETTEXT_PACKAGE,
                                         "Open gaps: %u (a missing headset or camera)",
                                         "Open gaps: %u (missing headsets plus missing cameras)",
                                         total->open_gaps),
                            total->open_gaps);
    g_string_append_c (out, '\n');
  }

  g_ptr_array_unref (units.cells);
  g_ptr_array_unref (months.cells);
  g_ptr_array_unref (unit_people.cells);
  g_ptr_array_unref (month_people.cells);

  return g_string_free (out, FALSE);
}

static int
run_report (ResfriCli  *cli,
            int         argc,
            char      **argv)
{
  g_autofree char *period_text = NULL;
  g_autofree char *unit = NULL;
  g_autofree char *format_name = NULL;
  g_autofree char *output_path = NULL;
  const GOptionEntry entries[] = {
    { "period", 0, 0, G_OPTION_ARG_STRING, &period_text,
      N_("The period: YYYY, YYYY-Tn, YYYY-Hn, YYYY-Qn, YYYY-MM, YYYY-D or YYYY-MM-DD..YYYY-MM-DD"),
      N_("P") },
    { "unit", 0, 0, G_OPTION_ARG_STRING, &unit, N_("Only this unit and the units under it"),
      N_("UNIT") },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format_name,
      N_("Output format: text, json, csv, xlsx or pdf"), N_("FORMAT") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output_path,
      N_("Write to FILE (needed for xlsx and pdf)"), N_("FILE") },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(ResfriPeriod) period = NULL;
  g_autoptr(ResfriFollowup) followup = NULL;
  g_autofree char *output = NULL;
  g_autofree char *municipality = NULL;
  ResfriCliFormat format;
  ResfriStore *store;

  if (!resfri_cli_parse_options (cli, entries, &argc, &argv))
    return RESFRI_CLI_EXIT_USAGE;
  if (argc > 1)
    return resfri_cli_usage_error (cli, _("unexpected argument “%s”"), argv[1]);
  if (period_text == NULL)
    return resfri_cli_usage_error (cli, _("--period is required"));
  if (!(format = resfri_cli_parse_format (cli, format_name,
                                          RESFRI_CLI_FORMAT_TEXT | RESFRI_CLI_FORMAT_JSON |
                                          RESFRI_CLI_FORMAT_CSV | RESFRI_CLI_FORMAT_XLSX |
                                          RESFRI_CLI_FORMAT_PDF,
                                          RESFRI_CLI_FORMAT_TEXT)))
    return RESFRI_CLI_EXIT_USAGE;
  if ((format == RESFRI_CLI_FORMAT_XLSX || format == RESFRI_CLI_FORMAT_PDF) &&
      (output_path == NULL || strcmp (output_path, "-") == 0))
    return resfri_cli_usage_error (cli, _("--format %s needs -o FILE"), format_name);

  if (!(period = resfri_period_parse (period_text, &error)))
    return resfri_cli_fail (cli, error);

  if (!(store = resfri_cli_get_store (cli)))
    return RESFRI_CLI_EXIT_INPUT;

  if (!(followup = resfri_followup_compute (store, NULL, period, unit, NULL, &error)))
    return resfri_cli_fail (cli, error);

  municipality = resfri_store_dup_meta (store, "municipality");

  switch (format)
    {
    case RESFRI_CLI_FORMAT_XLSX:
      if (!resfri_report_followup_write_xlsx (followup, municipality, output_path, &error))
        return resfri_cli_fail (cli, error);
      return RESFRI_CLI_EXIT_OK;

    case RESFRI_CLI_FORMAT_PDF:
      {
        g_autoptr(ResfriWhatif) whatif = NULL;

        whatif = resfri_report_followup_compute_whatif (store, followup,
                                                        RESFRI_REPORT_WHATIF_TIME_LIMIT, NULL,
                                                        &error);
        if (error != NULL ||
            !resfri_report_followup_write_pdf_with_whatif (followup, whatif, municipality,
                                                           output_path, NULL, &error))
          return resfri_cli_fail (cli, error);
        return RESFRI_CLI_EXIT_OK;
      }

    case RESFRI_CLI_FORMAT_JSON:
      output = followup_to_json (followup);
      break;

    case RESFRI_CLI_FORMAT_CSV:
      output = followup_to_csv (followup);
      break;

    case RESFRI_CLI_FORMAT_TEXT:
    default:
      output = followup_to_text (followup);
      break;
    }

  if (!resfri_cli_write_output (output_path, output, strlen (output), &error))
    return resfri_cli_fail (cli, error);

  return RESFRI_CLI_EXIT_OK;
}

const ResfriCliCommand resfri_cli_report_commands[] = {
  { "report", NULL, "--period P [--unit U] [--format text|json|csv|xlsx|pdf] [-o FILE]",
    N_("Follow-up report of the travel policy per unit and month"), run_report },
  { NULL }
};

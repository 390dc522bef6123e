/* cli-allocate.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * `allocate` and `gaps` (spec/cli.md, spec/allocation.md).
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "resfri-allocation.h"
#include "resfri-cli.h"
#include "resfri-json-stream.h"
#include "resfri-report-gaps.h"
#include "resfri-timezone.h"

/* 1000-01-01 and 10000-01-01 UTC: the local times whose year has four
 * digits, which format_local() writes without a GDateTime. */
#define FOUR_DIGITS_FIRST G_GINT64_CONSTANT (-30610224000)
#define FOUR_DIGITS_END   G_GINT64_CONSTANT (253402300800)

/* The UTC offset of one UTC day, when the zone has one all day. */
typedef struct
{
  gint64 day;      /* days since 1970-01-01, or G_MININT64 for none */
  gint   interval; /* the zone's interval all day, or -1 */
} LocalDay;

/* The zone's interval of the UTC instant @t, as g_date_time_to_timezone()
 * finds it (-1: none); the search walks every transition, so the answer
 * of a day that lies in one interval is kept for its other instants. */
static gint
find_interval (GTimeZone *zone,
               LocalDay  *cache,
               gint64     t)
{
  gint64 day = t >= 0 ? t / 86400 : (t - 86399) / 86400;
  gint first, last;

  if (cache->day == day && cache->interval >= 0)
    return cache->interval;
  first = g_time_zone_find_interval (zone, G_TIME_TYPE_UNIVERSAL, day * 86400);
  last = g_time_zone_find_interval (zone, G_TIME_TYPE_UNIVERSAL, day * 86400 + 86399);
  cache->day = day;
  cache->interval = first == last ? first : -1;
  if (first == last)
    return first;

  return g_time_zone_find_interval (zone, G_TIME_TYPE_UNIVERSAL, t);
}

/* g_date_time_format() of @t in @zone with "%Y-%m-%d %H:%M": the offset is
 * the one g_date_time_to_timezone() takes (the zone's interval of the UTC
 * instant), and a year of four digits is written from the UTC form of the
 * local time, without a GDateTime (30 times cheaper). */
static char *
format_local (GTimeZone *zone,
              LocalDay  *cache,
              gint64     t)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;
  gint interval = find_interval (zone, cache, t);
  gint64 local_t = t;

  if (interval >= 0)
    local_t += g_time_zone_get_offset (zone, interval);
  if (interval >= 0 && local_t >= FOUR_DIGITS_FIRST && local_t < FOUR_DIGITS_END)
    {
      ResfriCivilTime c;

      resfri_civil_time_from_unix (local_t, &c);
      return resfri_cli_format_date_time (c.year, c.month, c.day, c.seconds / 3600,
                                          c.seconds / 60 % 60, 0, ' ');
    }

  utc = g_date_time_new_from_unix_utc (t);
  if (utc == NULL || !(local = g_date_time_to_timezone (utc, zone)))
    return g_strdup ("");

  return g_date_time_format (local, "%Y-%m-%d %H:%M");
}

/* To one decimal, as the nearest double to the decimal number (so that
 * JSON prints 12.3, not 12.300000000000001). */
static double
round_1 (double value)
{
  return round (value * 10) / 10;
}

/* A whole number with spaces between thousands: "15 000". */
static char *
format_sek (double value)
{
  g_autofree char *digits = g_strdup_printf ("%.0f", fabs (round (value)));
  GString *out = g_string_new (value <= -0.5 ? "-" : "");
  gsize n = strlen (digits);

  for (gsize i = 0; i < n; i++)
    {
      if (i > 0 && (n - i) % 3 == 0)
        g_string_append_c (out, ' ');
      g_string_append_c (out, digits[i]);
    }

  return g_string_free (out, FALSE);
}

static gboolean
parse_horizon (ResfriCli   *cli,
               const char  *from_text,
               const char  *to_text,
               gint64      *from,
               gint64      *to,
               int         *status)
{
  g_autoptr(GError) error = NULL;

  if (from_text == NULL || to_text == NULL)
    {
      *status = resfri_cli_usage_error (cli, _("--from and --to are required"));
      return FALSE;
    }
  if (!resfri_ical_parse_date_arg (from_text, from, &error) ||
      !resfri_ical_parse_date_arg (to_text, to, &error))
    {
      *status = resfri_cli_usage_error (cli, "%s", error->message);
      return FALSE;
    }
  if (*to <= *from)
    {
      *status = resfri_cli_usage_error (cli, _("--to must be later than --from"));
      return FALSE;
    }

  return TRUE;
}

static void
add_instant (JsonBuilder *builder,
             const char  *member,
             gint64       t)
{
  g_autofree char *text = resfri_cli_format_instant (t);

  json_builder_set_member_name (builder, member);
  json_builder_add_string_value (builder, text);
}

/* ---- allocate ------------------------------------------------------------- */

/* JSON written as it goes, byte for byte as json-glib's pretty generator
 * writes the tree (two spaces a level, " : " after a name, "[]" when
 * empty; resfri-json-stream.h for strings): the gaps' people without
 * equipment are tens of thousands of objects. */
typedef struct
{
  GString *out;
  guint    level;
  gboolean first;      /* nothing yet in the innermost container */
  gint64   instants[3];     /* the last instant of each kind, and its text */
  char    *texts[3];
} Pretty;

static void
pretty_clear (Pretty *p)
{
  for (guint i = 0; i < G_N_ELEMENTS (p->texts); i++)
    g_clear_pointer (&p->texts[i], g_free);
}

static void
pretty_member (Pretty     *p,
               const char *name)
{
  g_string_append_len (p->out, p->first ? "\n" : ",\n", p->first ? 1 : 2);
  p->first = FALSE;
  for (guint i = 0; i < p->level; i++)
    g_string_append_len (p->out, "  ", 2);
  if (name != NULL)
    {
      g_string_append_c (p->out, '"');
      g_string_append (p->out, name);
      g_string_append_len (p->out, "\" : ", 4);
    }
}

static void
pretty_open (Pretty     *p,
             const char *name,
             char        open)
{
  if (p->level > 0)
    pretty_member (p, name);
  g_string_append_c (p->out, open);
  p->level++;
  p->first = TRUE;
}

static void
pretty_close (Pretty *p,
              char    close)
{
  p->level--;
  if (!p->first)
    {
      g_string_append_c (p->out, '\n');
      for (guint i = 0; i < p->level; i++)
        g_string_append_len (p->out, "  ", 2);
    }
  g_string_append_c (p->out, close);
  p->first = FALSE;
}

static void
pretty_string (Pretty     *p,
               const char *name,
               const char *value)
{
  pretty_member (p, name);
  resfri_json_append_string (p->out, value);
}

static void
pretty_int (Pretty     *p,
            const char *name,
            gint64      value)
{
  pretty_member (p, name);
  g_string_append_printf (p->out, "%" G_GINT64_FORMAT, value);
}

/* As json-glib writes a double: "%.17g", ".0" added without a point (not
 * resfri_json_append_double ()'s shorter form, which check's output has). */
static void
pretty_double (Pretty     *p,
               const char *name,
               double      value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  pretty_member (p, name);
  g_ascii_dtostr (buffer, sizeof buffer, value);
  g_string_append (p->out, buffer);
  if (strchr (buffer, '.') == NULL)
    g_string_append_len (p->out, ".0", 2);
}

/* "name" : "instant", those of kind @which coming mostly in runs. */
static void
pretty_instant (Pretty     *p,
                const char *name,
                guint       which,
                gint64      t)
{
  if (p->texts[which] == NULL || p->instants[which] != t)
    {
      g_free (p->texts[which]);
      p->texts[which] = resfri_cli_format_instant (t);
      p->instants[which] = t;
    }
  pretty_string (p, name, p->texts[which]);
}

/* The JSON of `allocate`, handed out in pieces of about a megabyte: the
 * year of the 60,000-employee demo is some 200 MB of text, which a
 * json-glib tree held as 1.3 GB. */
static void
append_demand (Pretty                 *p,
               const ResfriAllocation *allocation,
               const ResfriDemand     *demand,
               gboolean                with_item)
{
  pretty_open (p, NULL, '{');
  pretty_string (p, "person", demand->person);
  pretty_string (p, "type", demand->type);
  pretty_string (p, "site", demand->site);
  pretty_instant (p, "start", 0, demand->start);
  pretty_instant (p, "end", 1, demand->end);
  pretty_open (p, "occurrences", '[');
  for (guint i = 0; i < demand->n_members; i++)
    {
      const ResfriDemandOccurrence *o = resfri_allocation_get_occurrence (allocation, demand, i);

      pretty_open (p, NULL, '{');
      pretty_string (p, "uid", o->uid);
      pretty_instant (p, "start", 2, o->start);
      pretty_close (p, '}');
    }
  pretty_close (p, ']');
  if (with_item)
    pretty_string (p, "item", demand->item);
  pretty_close (p, '}');
}

/* Writes @allocation's JSON to standard output. */
static gboolean
write_allocation_json (const ResfriAllocation  *allocation,
                       GError                 **error)
{
  Pretty pretty = { g_string_sized_new (1 << 20), 0, TRUE, { 0 }, { NULL } };
  Pretty *p = &pretty;
  GError *local_error = NULL;

  pretty_open (p, NULL, '{');
  pretty_instant (p, "from", 0, allocation->from);
  pretty_instant (p, "to", 0, allocation->to);
  pretty_string (p, "scenario", resfri_scenario_to_string (allocation->scenario));
  pretty_int (p, "demands", allocation->demands->len);
  pretty_int (p, "served", allocation->served);
  for (guint pass = 0; pass < 2; pass++)
    {
      pretty_open (p, pass == 0 ? "assignments" : "unmet", '[');
      for (guint d = 0; d < allocation->demands->len; d++)
        {
          const ResfriDemand *demand = &g_array_index (allocation->demands, ResfriDemand, d);

          if ((demand->item_id != 0) != (pass == 0))
            continue;
          append_demand (p, allocation, demand, pass == 0);
          if (p->out->len > (1 << 20))
            {
              if (local_error == NULL)
                resfri_cli_write_output (NULL, p->out->str, p->out->len, &local_error);
              g_string_truncate (p->out, 0);
            }
        }
      pretty_close (p, ']');
    }
  pretty_close (p, '}');
  g_string_append_c (p->out, '\n');
  if (local_error == NULL)
    resfri_cli_write_output (NULL, p->out->str, p->out->len, &local_error);

  pretty_clear (p);
  g_string_free (p->out, TRUE);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }

  return TRUE;
}

/* @text as printf's "%-Ns " writes it: padded with spaces to @width
 * bytes, then a space. */
static void
append_left (GString    *out,
             const char *text,
             gsize       width)
{
  gsize n = strlen (text);

  g_string_append_len (out, text, n);
  for (; n < width; n++)
    g_string_append_c (out, ' ');
  g_string_append_c (out, ' ');
}

static char *
allocation_to_text (const ResfriAllocation *allocation,
                    gboolean                booked,
                    guint                   n_booked)
{
  GString *out = g_string_new (NULL);
  g_autoptr(GTimeZone) zone = g_time_zone_new_identifier ("Europe/Stockholm");
  const char *room = _("(room)");
  const char *unmet = _("unmet");
  char *start = NULL;
  char *end = NULL;
  gint64 start_t = 0;
  gint64 end_t = 0;
  LocalDay day = { G_MININT64, -1 };

  /* Read once: a zone is parsed from its file at every new (). */
  if (zone == NULL)
    zone = g_time_zone_new_utc ();

  g_string_append_printf (out, _("Scenario: %s\n"),
                          allocation->scenario == RESFRI_SCENARIO_POLICY
                          ? _("policy (non-compliant meetings held online)")
                          : _("planned"));
  g_string_append_printf (out, _("Demands: %u, served: %u, unmet: %u\n"),
                          allocation->demands->len, allocation->served,
                          allocation->demands->len - allocation->served);
  if (!allocation->proven)
    g_string_append (out, _("Note: a pool with existing bookings was too large to prove "
                            "the allocation maximal.\n"));
  if (booked)
    g_string_append_printf (out, g_dngettext (NULL, "Stored %u booking.\n",
                                              "Stored %u bookings.\n", n_booked),
                            n_booked);

  /* The demands come by start, then end: most share the last one's. */
  for (guint d = 0; d < allocation->demands->len; d++)
    {
      const ResfriDemand *demand = &g_array_index (allocation->demands, ResfriDemand, d);

      if (start == NULL || start_t != demand->start)
        {
          g_free (start);
          start = format_local (zone, &day, demand->start);
          start_t = demand->start;
        }
      if (end == NULL || end_t != demand->end)
        {
          g_free (end);
          end = format_local (zone, &day, demand->end);
          end_t = demand->end;
        }
      /* "%s – %s  %-6s %-8s %-32s %s\n", without a format per line. */
      g_string_append (out, start);
      g_string_append (out, " – ");
      g_string_append (out, strlen (end) > 11 ? end + 11 : "");
      g_string_append_len (out, "  ", 2);
      append_left (out, demand->site, 6);
      append_left (out, demand->type, 8);
      append_left (out, demand->person != NULL ? demand->person : room, 32);
      g_string_append (out, demand->item != NULL ? demand->item : unmet);
      g_string_append_c (out, '\n');
    }
  g_free (start);
  g_free (end);

  return g_string_free (out, FALSE);
}

static int
run_allocate (ResfriCli  *cli,
              int         argc,
              char      **argv)
{
  g_autofree char *from_text = NULL;
  g_autofree char *to_text = NULL;
  g_autofree char *scenario_name = NULL;
  g_autofree char *format_name = NULL;
  gboolean book = FALSE;
  const GOptionEntry entries[] = {
    { "from", 0, 0, G_OPTION_ARG_STRING, &from_text, N_("Start of the horizon (inclusive)"), N_("DATE") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to_text, N_("End of the horizon (exclusive)"), N_("DATE") },
    { "scenario", 0, 0, G_OPTION_ARG_STRING, &scenario_name,
      N_("planned (online and hybrid meetings) or policy (also non-compliant ones)"), N_("SCENARIO") },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format_name, N_("Output format: text or json"),
      N_("FORMAT") },
    { "book", 0, 0, G_OPTION_ARG_NONE, &book, N_("Store the assignments as bookings"), NULL },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(ResfriAllocation) allocation = NULL;
  g_autofree char *output = NULL;
  ResfriScenario scenario = RESFRI_SCENARIO_PLANNED;
  ResfriCliFormat format;
  ResfriStore *store;
  guint n_booked = 0;
  gint64 from, to;
  int status;

  if (!resfri_cli_parse_options (cli, entries, &argc, &argv))
    return RESFRI_CLI_EXIT_USAGE;
  if (argc != 1)
    return resfri_cli_usage_error (cli, _("unexpected argument “%s”"), argv[1]);
  if (!parse_horizon (cli, from_text, to_text, &from, &to, &status))
    return status;
  if (scenario_name != NULL)
    {
      if (strcmp (scenario_name, "policy") == 0)
        scenario = RESFRI_SCENARIO_POLICY;
      else if (strcmp (scenario_name, "planned") != 0)
        return resfri_cli_usage_error (cli, _("unknown scenario “%s” (planned or policy)"),
                                       scenario_name);
    }
  if (!(format = resfri_cli_parse_format (cli, format_name,
                                          RESFRI_CLI_FORMAT_TEXT | RESFRI_CLI_FORMAT_JSON,
                                          RESFRI_CLI_FORMAT_TEXT)))
    return RESFRI_CLI_EXIT_USAGE;

  if (!(store = resfri_cli_get_store (cli)))
    return RESFRI_CLI_EXIT_INPUT;

  if (!(allocation = resfri_allocation_compute (store, NULL, from, to, scenario, NULL, &error)))
    return resfri_cli_fail (cli, error);
  if (book && !resfri_allocation_book (store, allocation, &n_booked, &error))
    return resfri_cli_fail (cli, error);

  if (format == RESFRI_CLI_FORMAT_JSON)
    {
      if (!write_allocation_json (allocation, &error))
        return resfri_cli_fail (cli, error);
      return RESFRI_CLI_EXIT_OK;
    }
  output = allocation_to_text (allocation, book, n_booked);
  if (!resfri_cli_write_output (NULL, output, strlen (output), &error))
    return resfri_cli_fail (cli, error);

  return RESFRI_CLI_EXIT_OK;
}

/* ---- gaps ----------------------------------------------------------------- */

static const char * const scenario_keys[] = { "planned", "policy" };

/* @text padded with spaces to @width characters (not bytes), then a
 * space. */
static void
append_padded (GString    *out,
               const char *text,
               glong       width)
{
  glong n = g_utf8_strlen (text, -1);

  g_string_append (out, text);
  for (; n < width; n++)
    g_string_append_c (out, ' ');
  g_string_append_c (out, ' ');
}

/* The people of gaps->people_without, one per person: @first..@end. */
static guint
person_end (const ResfriGaps *gaps,
            guint             first,
            GString          *lacks)
{
  const ResfriPersonWithout *p = g_ptr_array_index (gaps->people_without, first);
  guint end = first + 1;

  g_string_assign (lacks, p->type);
  for (; end < gaps->people_without->len; end++)
    {
      const ResfriPersonWithout *q = g_ptr_array_index (gaps->people_without, end);

      if (strcmp (q->person, p->person) != 0)
        break;
      g_string_append_printf (lacks, " %s", q->type);
    }

  return end;
}

/* gaps --people --format json: for IT only (spec/privacy.md). */
static char *
gaps_people_to_json (const ResfriGaps *gaps)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GString) lacks = g_string_new (NULL);

  json_builder_begin_object (builder);
  add_instant (builder, "from", gaps->from);
  add_instant (builder, "to", gaps->to);
  json_builder_set_member_name (builder, "people");
  json_builder_begin_array (builder);
  for (guint i = 0, end; i < gaps->people_without->len; i = end)
    {
      const ResfriPersonWithout *p = g_ptr_array_index (gaps->people_without, i);
      g_auto(GStrv) types = NULL;

      end = person_end (gaps, i, lacks);
      types = g_strsplit (lacks->str, " ", -1);
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, p->name);
      json_builder_set_member_name (builder, "email");
      json_builder_add_string_value (builder, p->person);
      json_builder_set_member_name (builder, "unit");
      json_builder_add_string_value (builder, resfri_gaps_unit_name (p->unit_name, p->unit));
      json_builder_set_member_name (builder, "unit_path");
      json_builder_add_string_value (builder, p->unit);
      json_builder_set_member_name (builder, "site");
      json_builder_add_string_value (builder, p->site);
      json_builder_set_member_name (builder, "lacks");
      json_builder_begin_array (builder);
      for (guint t = 0; types[t] != NULL; t++)
        json_builder_add_string_value (builder, types[t]);
      json_builder_end_array (builder);
      json_builder_set_member_name (builder, "remote_meetings");
      json_builder_add_int_value (builder, p->remote_occurrences);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  return resfri_cli_json_to_text (builder);
}

static char *
gaps_people_to_text (const ResfriGaps *gaps)
{
  GString *out = g_string_new (NULL);
  g_autoptr(GString) lacks = g_string_new (NULL);

  g_string_append_printf (out, "%s\n", _("People without a working headset or camera of their own "
                                         "(most remote meetings first)"));
  g_string_append (out, "  ");
  append_padded (out, _("Name"), 30);
  append_padded (out, _("Unit"), 32);
  append_padded (out, _("Site"), 8);
  append_padded (out, _("Lacks"), 16);
  g_string_append_printf (out, "%s\n", _("Remote meetings"));
  for (guint i = 0, end; i < gaps->people_without->len; i = end)
    {
      const ResfriPersonWithout *p = g_ptr_array_index (gaps->people_without, i);

      end = person_end (gaps, i, lacks);
      g_string_append (out, "  ");
      append_padded (out, p->name, 30);
      append_padded (out, resfri_gaps_unit_name (p->unit_name, p->unit), 32);
      append_padded (out, p->site, 8);
      append_padded (out, lacks->str, 16);
      g_string_append_printf (out, "%u\n", p->remote_occurrences);
    }

  return g_string_free (out, FALSE);
}

static void
add_by_unit_json (Pretty                   *p,
                  const ResfriGapsScenario *scenario)
{
  pretty_open (p, "by_unit", '[');
  for (guint i = 0, end; i < scenario->by_unit->len; i = end)
    {
      const ResfriUnitShare *u = g_ptr_array_index (scenario->by_unit, i);
      gint64 total = 0;

      pretty_open (p, NULL, '{');
      pretty_string (p, "unit", u->unit);
      pretty_string (p, "unit_name", resfri_gaps_unit_name (u->unit_name, u->unit));
      pretty_open (p, "pools", '[');
      for (end = i; end < scenario->by_unit->len; end++)
        {
          const ResfriUnitShare *v = g_ptr_array_index (scenario->by_unit, end);

          if (strcmp (v->unit, u->unit) != 0)
            break;
          total += v->cost_ore;
          pretty_open (p, NULL, '{');
          pretty_string (p, "site", v->site);
          pretty_string (p, "type", v->type);
          pretty_int (p, "demands_at_peak", v->demands);
          pretty_int (p, "peak_demand", v->peak_demand);
          pretty_int (p, "to_order", v->to_order);
          pretty_int (p, "cost_ore", v->cost_ore);
          pretty_double (p, "cost_sek", v->cost_ore / 100.0);
          pretty_close (p, '}');
        }
      pretty_close (p, ']');
      pretty_int (p, "cost_ore", total);
      pretty_double (p, "cost_sek", total / 100.0);
      pretty_close (p, '}');
    }
  pretty_close (p, ']');
}

static void
add_transfers_json (Pretty                   *p,
                    const ResfriGapsScenario *scenario)
{
  pretty_open (p, "transfers", '[');
  for (guint i = 0; i < scenario->transfers->len; i++)
    {
      const ResfriTransfer *t = g_ptr_array_index (scenario->transfers, i);

      pretty_open (p, NULL, '{');
      pretty_string (p, "type", t->type);
      pretty_string (p, "from_site", t->from_site);
      pretty_string (p, "to_site", t->to_site);
      pretty_int (p, "count", t->count);
      pretty_double (p, "saves_sek", t->saves_sek);
      pretty_close (p, '}');
    }
  pretty_close (p, ']');
  pretty_double (p, "total_cost_after_transfers", scenario->total_cost_after_transfers);
}

static char *
gaps_to_json (const ResfriGaps *gaps,
              gboolean          by_unit)
{
  Pretty pretty = { g_string_sized_new (1 << 16), 0, TRUE, { 0 }, { NULL } };
  Pretty *p = &pretty;

  pretty_open (p, NULL, '{');
  pretty_instant (p, "from", 0, gaps->from);
  pretty_instant (p, "to", 0, gaps->to);

  pretty_open (p, "scenarios", '{');
  for (guint s = 0; s < G_N_ELEMENTS (gaps->scenarios); s++)
    {
      const ResfriGapsScenario *scenario = &gaps->scenarios[s];

      pretty_open (p, scenario_keys[s], '{');
      pretty_open (p, "shortfall", '[');
      for (guint i = 0; i < scenario->shortfall->len; i++)
        {
          const ResfriShortfall *row = g_ptr_array_index (scenario->shortfall, i);

          pretty_open (p, NULL, '{');
          pretty_string (p, "site", row->site);
          pretty_string (p, "type", row->type);
          pretty_int (p, "pool", row->pool);
          pretty_int (p, "peak_demand", row->peak_demand);
          pretty_int (p, "to_order", row->to_order);
          pretty_double (p, "unit_cost", row->unit_cost);
          pretty_double (p, "cost", row->cost);
          pretty_int (p, "to_buy", row->to_buy);
          pretty_close (p, '}');
        }
      pretty_close (p, ']');
      pretty_double (p, "total_cost", scenario->total_cost);
      add_transfers_json (p, scenario);
      if (by_unit)
        add_by_unit_json (p, scenario);
      if (s == RESFRI_SCENARIO_POLICY)
        {
          pretty_open (p, "payback", '{');
          pretty_double (p, "avoided_km", round_1 (gaps->payback_km));
          pretty_double (p, "avoided_cost_sek", round (gaps->payback_cost_sek));
          pretty_double (p, "avoided_co2_kg", round_1 (gaps->payback_co2_kg));
          pretty_close (p, '}');
        }
      pretty_close (p, '}');
    }
  pretty_close (p, '}');

  pretty_open (p, "people_without", '[');
  for (guint i = 0; i < gaps->people_without->len; i++)
    {
      const ResfriPersonWithout *pw = g_ptr_array_index (gaps->people_without, i);

      /* No "person": only `gaps --people` names them (spec/privacy.md). */
      pretty_open (p, NULL, '{');
      pretty_string (p, "unit", pw->unit);
      pretty_string (p, "type", pw->type);
      pretty_int (p, "remote_occurrences", pw->remote_occurrences);
      pretty_close (p, '}');
    }
  pretty_close (p, ']');

  pretty_open (p, "equip_everyone", '[');
  for (guint i = 0; i < gaps->equip_everyone->len; i++)
    {
      const ResfriEquipUnit *u = g_ptr_array_index (gaps->equip_everyone, i);

      pretty_open (p, NULL, '{');
      pretty_string (p, "unit", u->unit);
      pretty_int (p, "people", u->people);
      pretty_int (p, "headsets", u->headsets);
      pretty_int (p, "cameras", u->cameras);
      pretty_double (p, "cost", u->cost);
      pretty_close (p, '}');
    }
  pretty_close (p, ']');

  pretty_open (p, "idle", '[');
  for (guint i = 0; i < gaps->idle->len; i++)
    {
      const ResfriIdleItem *item = g_ptr_array_index (gaps->idle, i);

      pretty_open (p, NULL, '{');
      pretty_string (p, "tag", item->tag);
      pretty_string (p, "site", item->site);
      pretty_string (p, "type", item->type);
      pretty_close (p, '}');
    }
  pretty_close (p, ']');
  pretty_close (p, '}');
  g_string_append_c (p->out, '\n');
  pretty_clear (p);

  return g_string_free (p->out, FALSE);
}


/* The transfers of @scenario and what remains to buy. */
static void
append_transfers_text (GString                  *out,
                       const ResfriGapsScenario *scenario)
{
  g_autofree char *after = NULL;

  if (scenario->transfers->len == 0)
    return;
  for (guint i = 0; i < scenario->transfers->len; i++)
    {
      const ResfriTransfer *t = g_ptr_array_index (scenario->transfers, i);
      g_autofree char *saves = format_sek (t->saves_sek);

      /* TRANSLATORS: "Move 3 headset from VBG to VAR (saves SEK 2 700)" */
      g_string_append_printf (out, _("  Move %u %s from %s to %s (saves SEK %s)\n"), t->count,
                              t->type, t->from_site, t->to_site, saves);
    }
  after = format_sek (scenario->total_cost_after_transfers);
  g_string_append_printf (out, _("  To buy after the transfers: SEK %s\n"), after);
}

static void
append_idle_text (GString          *out,
                  const ResfriGaps *gaps)
{
  g_string_append_printf (out, "%s\n", _("Idle loan items (no booking or reservation in the period): "
                                         "candidates to move or retire"));
  for (guint i = 0, end; i < gaps->idle->len; i = end)
    {
      const ResfriIdleItem *item = g_ptr_array_index (gaps->idle, i);
      g_autoptr(GString) tags = g_string_new (NULL);

      for (end = i; end < gaps->idle->len; end++)
        {
          const ResfriIdleItem *next = g_ptr_array_index (gaps->idle, end);

          if (strcmp (next->site, item->site) != 0 || strcmp (next->type, item->type) != 0)
            break;
          if (end - i < 8)
            g_string_append_printf (tags, "%s%s", end > i ? ", " : "", next->tag);
          else if (end - i == 8)
            g_string_append (tags, ", …");
        }
      g_string_append_printf (out, "  %-8s %-8s %5u  %s\n", item->site, item->type, end - i, tags->str);
    }
  g_string_append_c (out, '\n');
}

static void
append_by_unit_text (GString          *out,
                     const ResfriGaps *gaps)
{
  const char *titles[] = { N_("Who pays: planned meetings, per unit (SEK)"),
                           N_("Who pays: policy followed, per unit (SEK)") };

  for (guint s = 0; s < G_N_ELEMENTS (gaps->scenarios); s++)
    {
      const GPtrArray *by_unit = gaps->scenarios[s].by_unit;

      g_string_append_printf (out, "%s\n", _(titles[s]));
      for (guint i = 0, end; i < by_unit->len; i = end)
        {
          const ResfriUnitShare *u = g_ptr_array_index (by_unit, i);
          g_autoptr(GString) pools = g_string_new (NULL);
          g_autofree char *total_text = NULL;
          gint64 total = 0;

          for (end = i; end < by_unit->len; end++)
            {
              const ResfriUnitShare *v = g_ptr_array_index (by_unit, end);
              g_autofree char *cost = NULL;

              if (strcmp (v->unit, u->unit) != 0)
                break;
              total += v->cost_ore;
              cost = resfri_report_format_ore (v->cost_ore);
              g_string_append_printf (pools, _("    %-8s %-8s %u of %u at the peak: %s\n"), v->site,
                                      v->type, v->demands, v->peak_demand, cost);
            }
          total_text = resfri_report_format_ore (total);
          g_string_append (out, "  ");
          append_padded (out, *u->unit != '\0' ? resfri_gaps_unit_name (u->unit_name, u->unit)
                                               : _("(no unit)"), 40);
          g_string_append_printf (out, "%14s\n", total_text);
          g_string_append (out, pools->str);
        }
      g_string_append_c (out, '\n');
    }
}

static char *
gaps_to_text (const ResfriGaps *gaps,
              gboolean          by_unit)
{
  GString *out = g_string_new (NULL);
  const char *titles[] = { N_("Planned meetings (online and hybrid)"),
                           N_("Policy followed (non-compliant meetings held online)") };
  guint without_headset = 0;
  guint without_camera = 0;

  for (guint s = 0; s < G_N_ELEMENTS (gaps->scenarios); s++)
    {
      const ResfriGapsScenario *scenario = &gaps->scenarios[s];
      g_autofree char *total = format_sek (scenario->total_cost);

      g_string_append_printf (out, "%s\n", _(titles[s]));
      g_string_append_printf (out, "  %-8s %-8s %6s %6s %8s %10s\n", _("Site"), _("Type"),
                              _("Pool"), _("Peak"), _("Order"), _("Cost"));
      for (guint i = 0; i < scenario->shortfall->len; i++)
        {
          const ResfriShortfall *row = g_ptr_array_index (scenario->shortfall, i);
          g_autofree char *cost = NULL;

          if (row->to_order == 0)
            continue;
          cost = format_sek (row->cost);
          g_string_append_printf (out, "  %-8s %-8s %6u %6u %8u %10s\n", row->site, row->type,
                                  row->pool, row->peak_demand, row->to_order, cost);
        }
      g_string_append_printf (out, _("  Total: SEK %s\n"), total);
      append_transfers_text (out, scenario);
      if (s == RESFRI_SCENARIO_POLICY)
        {
          g_autofree char *km = format_sek (gaps->payback_km);
          g_autofree char *sek = format_sek (gaps->payback_cost_sek);
          g_autofree char *co2 = format_sek (gaps->payback_co2_kg);

          g_string_append_printf (out, _("  Holding the non-compliant meetings online would avoid "
                                         "%s km, SEK %s and %s kg CO2.\n"),
                                  km, sek, co2);
        }
      g_string_append_c (out, '\n');
    }

  if (by_unit)
    append_by_unit_text (out, gaps);
  append_idle_text (out, gaps);

  /* Named only by `gaps --people`, for IT (spec/privacy.md). */
  for (guint i = 0; i < gaps->people_without->len; i++)
    {
      const ResfriPersonWithout *p = g_ptr_array_index (gaps->people_without, i);

      if (g_str_equal (p->type, "headset"))
        without_headset++;
      else
        without_camera++;
    }
  g_string_append_printf (out, _("People without their own headset: %u, without their own camera: %u "
                                 "(gaps --people lists them, for IT)\n\n"),
                          without_headset, without_camera);

  g_string_append_printf (out, "%s\n", _("Equipping everyone, per unit"));
  for (guint i = 0; i < gaps->equip_everyone->len; i++)
    {
      const ResfriEquipUnit *u = g_ptr_array_index (gaps->equip_everyone, i);
      g_autofree char *cost = format_sek (u->cost);

      g_string_append_printf (out, _("  %-40s %5u people, %5u headsets, %5u cameras: SEK %s\n"),
                              u->unit, u->people, u->headsets, u->cameras, cost);
    }

  return g_string_free (out, FALSE);
}

static int
run_gaps (ResfriCli  *cli,
          int         argc,
          char      **argv)
{
  g_autofree char *from_text = NULL;
  g_autofree char *to_text = NULL;
  g_autofree char *format_name = NULL;
  g_autofree char *output_path = NULL;
  gboolean by_unit = FALSE;
  gboolean people = FALSE;
  gboolean transfers = FALSE;
  const GOptionEntry entries[] = {
    { "by-unit", 0, 0, G_OPTION_ARG_NONE, &by_unit,
      N_("Who pays: each pool's purchase per unit (the CSV: that table)"), NULL },
    { "people", 0, 0, G_OPTION_ARG_NONE, &people,
      N_("Only the people without a working headset or camera (for IT)"), NULL },
    { "transfers", 0, 0, G_OPTION_ARG_NONE, &transfers,
      N_("The CSV: the transfers and the idle items"), NULL },
    { "from", 0, 0, G_OPTION_ARG_STRING, &from_text, N_("Start of the horizon (inclusive)"), N_("DATE") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to_text, N_("End of the horizon (exclusive)"), N_("DATE") },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format_name, N_("Output format: text, json, csv or xlsx"),
      N_("FORMAT") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output_path,
      N_("Write to FILE instead of standard output (needed for xlsx)"), N_("FILE") },
    { NULL }
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(ResfriGaps) gaps = NULL;
  g_autofree char *output = NULL;
  ResfriCliFormat format;
  ResfriStore *store;
  gint64 from, to;
  int status;

  if (!resfri_cli_parse_options (cli, entries, &argc, &argv))
    return RESFRI_CLI_EXIT_USAGE;
  if (argc != 1)
    return resfri_cli_usage_error (cli, _("unexpected argument “%s”"), argv[1]);
  if (!parse_horizon (cli, from_text, to_text, &from, &to, &status))
    return status;
  if (!(format = resfri_cli_parse_format (cli, format_name,
                                          RESFRI_CLI_FORMAT_TEXT | RESFRI_CLI_FORMAT_JSON |
                                          RESFRI_CLI_FORMAT_CSV | RESFRI_CLI_FORMAT_XLSX,
                                          RESFRI_CLI_FORMAT_TEXT)))
    return RESFRI_CLI_EXIT_USAGE;
  if (format == RESFRI_CLI_FORMAT_XLSX && (output_path == NULL || strcmp (output_path, "-") == 0))
    return resfri_cli_usage_error (cli, _("--format xlsx needs -o FILE"));
  if (by_unit + people + transfers > 1)
    return resfri_cli_usage_error (cli, _("--by-unit, --people and --transfers exclude each other"));
  if (people && format == RESFRI_CLI_FORMAT_XLSX)
    return resfri_cli_usage_error (cli, _("--people is written as text, json or csv"));

  if (!(store = resfri_cli_get_store (cli)))
    return RESFRI_CLI_EXIT_INPUT;

  if (!(gaps = resfri_gaps_compute (store, NULL, from, to, NULL, &error)))
    return resfri_cli_fail (cli, error);

  switch (format)
    {
    case RESFRI_CLI_FORMAT_XLSX:
      if (!resfri_report_gaps_write_xlsx (gaps, output_path, &error))
        return resfri_cli_fail (cli, error);
      return RESFRI_CLI_EXIT_OK;
    case RESFRI_CLI_FORMAT_JSON:
      output = people ? gaps_people_to_json (gaps) : gaps_to_json (gaps, by_unit);
      break;
    case RESFRI_CLI_FORMAT_CSV:
      output = people ? resfri_report_gaps_people_to_csv (gaps)
               : by_unit ? resfri_report_gaps_by_unit_to_csv (gaps)
               : transfers ? resfri_report_gaps_transfers_to_csv (gaps)
               : resfri_report_gaps_to_csv (gaps);
      break;
    default:
      output = people ? gaps_people_to_text (gaps) : gaps_to_text (gaps, by_unit);
      break;
    }
  if (!resfri_cli_write_output (output_path, output, strlen (output), &error))
    return resfri_cli_fail (cli, error);

  return RESFRI_CLI_EXIT_OK;
}

const ResfriCliCommand resfri_cli_allocate_commands[] = {
  { "allocate", NULL, "--from D --to D [--scenario planned|policy] [--format text|json] [--book]",
    N_("Allocate loan equipment to remote attendees; --book stores it"), run_allocate },
  { "gaps", NULL, "--from D --to D [--by-unit|--people|--transfers] [--format text|json|csv|xlsx] [-o FILE]",
    N_("Gaps and the order list that closes them"), run_gaps },
  { NULL }
};

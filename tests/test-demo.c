/* test-demo.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <sys/wait.h>

#include <glib/gstdio.h>

#include "resfri-demo.h"
#include "resfri-policy-settings.h"
#include "resfri-store-private.h"
#include "resfri-test-util.h"

#define YEAR 2026

static GThread *main_thread;

typedef struct
{
  char *dir;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("resfri-test-demo-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    while ((name = g_dir_read_name (dir)))
      {
        g_autofree char *child = g_build_filename (path, name, NULL);
        remove_tree (child);
      }
  g_remove (path);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  remove_tree (fixture->dir);
  g_free (fixture->dir);
}

static ResfriStore *
open_store (Fixture    *fixture,
            const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
  ResfriStore *store = resfri_store_open (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);
  return store;
}

static ResfriStore *
make_demo (Fixture           *fixture,
           const char        *name,
           guint              employees,
           guint32            seed,
           ResfriDemoSummary *summary)
{
  g_autoptr(GError) error = NULL;
  ResfriDemoOptions options;
  ResfriStore *store = open_store (fixture, name);
  gboolean ok;

  resfri_demo_options_init (&options);
  options.employees = employees;
  options.seed = seed;
  options.year = YEAR;
  ok = resfri_demo_generate (store, &options, NULL, NULL, summary, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  return store;
}

static gint64
query_int (ResfriStore *store,
           const char  *sql)
{
  g_autoptr(GError) error = NULL;
  gint64 value = _resfri_store_query_int (store, sql, &error);

  g_assert_no_error (error);
  return value;
}

static double
query_double (ResfriStore *store,
              const char  *sql)
{
  g_autoptr(sqlite3_stmt) stmt = NULL;
  double value;

  g_assert_cmpint (sqlite3_prepare_v2 (_resfri_store_get_db (store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_double (stmt, 0);
  return value;
}

/* Columns that hold the wall clock, not content. */
static gboolean
is_clock_column (const char *table,
                 const char *column)
{
  static const char * const clock_columns[][2] = {
    { "equipment_history", "at" },
    { "meetings", "updated_at" },
    { "bookings", "created_at" },
    { "exemptions", "created_at" },
    { "audit_log", "time" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (clock_columns); i++)
    if (strcmp (clock_columns[i][0], table) == 0 && strcmp (clock_columns[i][1], column) == 0)
      return TRUE;
  return FALSE;
}

/* Every table, every row sorted, every column but the clock ones. */
static char *
dump_content (ResfriStore *store)
{
  sqlite3 *db = _resfri_store_get_db (store);
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GPtrArray) tables = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(sqlite3_stmt) list = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT name FROM sqlite_schema WHERE type = 'table'"
                                           " AND name NOT LIKE 'sqlite_%' ORDER BY name",
                                       -1, &list, NULL), ==, SQLITE_OK);
  while (sqlite3_step (list) == SQLITE_ROW)
    g_ptr_array_add (tables, g_strdup ((const char *) sqlite3_column_text (list, 0)));

  for (guint t = 0; t < tables->len; t++)
    {
      const char *table = g_ptr_array_index (tables, t);
      g_autoptr(GString) columns = g_string_new (NULL);
      g_autoptr(sqlite3_stmt) info = NULL;
      g_autoptr(sqlite3_stmt) rows = NULL;
      g_autofree char *info_sql = g_strdup_printf ("PRAGMA table_info (\"%s\")", table);
      g_autofree char *sql = NULL;
      int n;

      g_assert_cmpint (sqlite3_prepare_v2 (db, info_sql, -1, &info, NULL), ==, SQLITE_OK);
      while (sqlite3_step (info) == SQLITE_ROW)
        {
          const char *column = (const char *) sqlite3_column_text (info, 1);

          if (!is_clock_column (table, column))
            g_string_append_printf (columns, "%s\"%s\"", columns->len ? ", " : "", column);
        }

      sql = g_strdup_printf ("SELECT %s FROM \"%s\" ORDER BY %s", columns->str, table, columns->str);
      g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &rows, NULL), ==, SQLITE_OK);
      n = sqlite3_column_count (rows);
      g_string_append_printf (out, "## %s\n", table);
      while (sqlite3_step (rows) == SQLITE_ROW)
        {
          for (int c = 0; c < n; c++)
            {
              const char *text = (const char *) sqlite3_column_text (rows, c);

              g_string_append_printf (out, "%s%s", c ? "|" : "", text ? text : "NULL");
            }
          g_string_append_c (out, '\n');
        }
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
test_demo_deterministic (Fixture       *fixture,
                         gconstpointer  user_data)
{
  g_autoptr(ResfriStore) first = NULL;
  g_autoptr(ResfriStore) second = NULL;
  g_autoptr(ResfriStore) other = NULL;
  g_autofree char *first_dump = NULL;
  g_autofree char *second_dump = NULL;
  g_autofree char *other_dump = NULL;
  ResfriDemoSummary a = { 0 }, b = { 0 };

  g_test_summary ("The same seed gives the same content, table by table; another seed "
                  "gives other content");

  first = make_demo (fixture, "a.db", 200, 7, &a);
  second = make_demo (fixture, "b.db", 200, 7, &b);
  other = make_demo (fixture, "c.db", 200, 8, NULL);

  first_dump = dump_content (first);
  second_dump = dump_content (second);
  other_dump = dump_content (other);

  g_assert_cmpuint (strlen (first_dump), >, 100000);
  g_assert_cmpstr (first_dump, ==, second_dump);
  g_assert_cmpstr (first_dump, !=, other_dump);
  g_assert_cmpmem (&a, sizeof a, &b, sizeof b);
}

static void
test_demo_content (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(ResfriStore) store = NULL;
  g_autofree char *municipality = NULL;
  g_autofree char *seed = NULL;
  g_autofree char *year = NULL;
  g_autofree char *employees = NULL;
  ResfriDemoSummary summary = { 0 };
  ResfriStoreCounts counts = { 0 };
  g_autoptr(GError) error = NULL;
  double lacking;

  g_test_summary ("The demo holds what its summary says: units in a tree, sites with "
                  "coordinates, people in valid units and sites, rooms, equipment with holes");

  store = make_demo (fixture, "demo.db", 200, 1, &summary);
  resfri_store_get_counts (store, &counts, &error);
  g_assert_no_error (error);

  g_assert_cmpint (counts.units, ==, summary.units);
  g_assert_cmpint (counts.sites, ==, summary.sites);
  g_assert_cmpint (counts.people, ==, summary.people);
  g_assert_cmpint (counts.rooms, ==, summary.rooms);
  g_assert_cmpint (counts.equipment, ==, summary.equipment);
  g_assert_cmpint (counts.meetings, ==, summary.meetings);
  g_assert_cmpint (counts.occurrences, ==, summary.occurrences);
  g_assert_cmpint (counts.people, ==, 200 + summary.politicians);
  g_assert_cmpint (summary.politicians, >=, 3);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM people WHERE role = 'politician'"), ==,
                   summary.politicians);

  /* Units: a tree whose paths follow the parents. */
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM units WHERE parent_id IS NULL"), >=, 6);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM units c JOIN units p ON p.id = c.parent_id"
                                     " WHERE c.path <> p.path || '/' || c.name"), ==, 0);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM units WHERE path IN ("
                                     " 'Servicenämnden/Serviceförvaltningen/IT-avdelningen',"
                                     " 'Socialnämnden/Socialförvaltningen',"
                                     " 'Barn- och utbildningsnämnden/Utbildningsförvaltningen',"
                                     " 'Kommunstyrelsen/Kommunledningskontoret')"), ==, 4);

  /* The biggest administrations are the biggest. */
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM people p JOIN units u ON u.id = p.unit_id"
                                     " WHERE u.path LIKE 'Barn- och utbildningsnämnden/%'"), >,
                   query_int (store, "SELECT count(*) FROM people p JOIN units u ON u.id = p.unit_id"
                                     " WHERE u.path LIKE 'Samhällsbyggnadsnämnden/%'"));

  /* Sites: real towns in Fyrbodal, the own towns have the people. */
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM sites WHERE latitude NOT BETWEEN 58.2 AND 59.1"
                                     " OR longitude NOT BETWEEN 11.1 AND 12.8"), ==, 0);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM sites WHERE name IN"
                                     " ('Vänersborg', 'Vargön', 'Brålanda', 'Frändefors', 'Trollhättan',"
                                     "  'Uddevalla')"), ==, 6);
  g_assert_cmpint (query_int (store, "SELECT count(DISTINCT site_id) FROM people"), ==, 4);

  /* Every person in a valid unit and site, with an .example address. */
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM people WHERE unit_id NOT IN (SELECT id FROM units)"
                                     " OR site_id NOT IN (SELECT id FROM sites)"), ==, 0);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM people WHERE email NOT LIKE '%_@vanersborg.example'"),
                   ==, 0);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM pragma_foreign_key_check"), ==, 0);

  /* Rooms: some with video, some without, some with aliases, emails. */
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM rooms WHERE vc = 1"), >, 0);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM rooms WHERE vc = 0"), >, 0);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM room_aliases"), >, 0);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM rooms WHERE email NOT LIKE 'rum.%@vanersborg.example'"),
                   ==, 0);

  /* About a third of the people lack a working headset or camera. */
  lacking = query_double (store,
                          "SELECT avg (NOT (EXISTS (SELECT 1 FROM equipment e JOIN equipment_types t"
                          "                         ON t.id = e.type_id WHERE e.owner_id = p.id"
                          "                         AND t.name = 'headset' AND e.state = 'ok')"
                          "             AND EXISTS (SELECT 1 FROM equipment e JOIN equipment_types t"
                          "                         ON t.id = e.type_id WHERE e.owner_id = p.id"
                          "                         AND t.name = 'camera' AND e.state = 'ok')))"
                          " FROM people p");
  g_assert_cmpfloat (lacking, >=, 0.20);
  g_assert_cmpfloat (lacking, <=, 0.45);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM equipment WHERE state = 'broken'"), >, 0);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM equipment WHERE state = 'retired'"), >, 0);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM equipment WHERE cost IS NULL OR model IS NULL"), ==, 0);

  /* Loan pools in each own town: headsets, cameras, vc-kits. */
  g_assert_cmpint (query_int (store, "SELECT count(DISTINCT e.site_id || '/' || t.name) FROM equipment e"
                                     " JOIN equipment_types t ON t.id = e.type_id WHERE e.owner_id IS NULL"),
                   ==, 4 * 3);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM equipment WHERE tag NOT GLOB 'VBG-[HCV]-[0-9][0-9][0-9][0-9][0-9]'"),
                   ==, 0);

  municipality = resfri_store_dup_meta (store, "municipality");
  seed = resfri_store_dup_meta (store, "demo-seed");
  year = resfri_store_dup_meta (store, "demo-year");
  employees = resfri_store_dup_meta (store, "demo-employees");
  g_assert_cmpstr (municipality, ==, "Vänersborg");
  g_assert_cmpstr (seed, ==, "1");
  g_assert_cmpstr (year, ==, "2026");
  g_assert_cmpstr (employees, ==, "200");
}

static void
test_demo_meetings (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autoptr(ResfriStore) store = NULL;
  ResfriDemoSummary summary = { 0 };
  double per_week;

  g_test_summary ("The meetings cover every mode, online service, series with exceptions, "
                  "declines, travel between towns and regional meetings with externals");

  store = make_demo (fixture, "demo.db", 200, 1, &summary);

  /* Online: a link and no room; hybrid: a link and a room; in person. */
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM meetings m WHERE online_url IS NOT NULL"
                                     " AND NOT EXISTS (SELECT 1 FROM attendees a WHERE a.meeting_id = m.id"
                                     "                 AND a.cutype = 'ROOM')"), >, 0);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM meetings m WHERE online_url IS NOT NULL"
                                     " AND EXISTS (SELECT 1 FROM attendees a JOIN rooms r ON r.email = a.email"
                                     "             WHERE a.meeting_id = m.id AND a.cutype = 'ROOM')"), >, 0);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM meetings WHERE online_url IS NULL"
                                     " AND location IN (SELECT name FROM rooms)"), >, 0);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM meetings WHERE online_url IS NULL"
                                     " AND location IN (SELECT alias FROM room_aliases)"), >, 0);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM meetings WHERE online_url IS NULL"
                                     " AND location IN ('Brålanda, kommunhuset', 'Vänersborg, kommunhuset',"
                                     "  'Vargön, Vargöns skola', 'Frändefors, Frändeforsskolan')"), >, 0);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM meetings WHERE online_url IS NULL"
                                     " AND location = 'Trollhättan, stadshuset' OR location LIKE '%, stadshuset'"), >, 0);

  /* Each service the way it writes itself. */
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM meetings WHERE ical LIKE '%X-MICROSOFT-SKYPETEAMSMEETINGURL:%'"
                                     " AND location LIKE '%Microsoft Teams-möte'"), >, 0);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM meetings WHERE ical LIKE '%CONFERENCE;%meet.google.com%'"
                                     " OR ical LIKE '%CONFERENCE;%meet.goo%'"), >, 0);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM meetings WHERE location LIKE 'https://meet.jit.si/%'"), >, 0);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM meetings WHERE location LIKE 'https://%zoom.us/j/%'"), >, 0);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM meetings WHERE ical NOT LIKE '%TZID=Europe/Stockholm%'"),
                   ==, 0);

  /* Series: weekly, biweekly and monthly, with EXDATE, moved and cancelled
   * instances. */
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM meetings WHERE ical LIKE '%RRULE:FREQ=WEEKLY;%'"
                                     " AND ical NOT LIKE '%INTERVAL=2%'"), >, 0);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM meetings WHERE ical LIKE '%RRULE:FREQ=WEEKLY;%INTERVAL=2%'"), >, 0);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM meetings WHERE ical LIKE '%RRULE:FREQ=MONTHLY;%'"), >, 0);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM meetings WHERE ical LIKE '%RRULE:%COUNT=%'"), >, 0);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM meetings WHERE ical LIKE '%RRULE:%UNTIL=%'"), >, 0);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM meetings WHERE ical LIKE '%EXDATE;TZID=%'"), >, 0);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM meetings o JOIN meetings m ON m.uid = o.uid"
                                     " AND m.recurrence_id = '' WHERE o.recurrence_id <> ''"
                                     " AND (o.status IS NULL OR o.status <> 'CANCELLED')"), >, 0);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM meetings WHERE recurrence_id <> ''"
                                     " AND status = 'CANCELLED'"), >, 0);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM occurrences WHERE cancelled = 1"), >, 0);

  /* Declines, externals (not in people) and an external organiser. */
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM attendees WHERE partstat = 'DECLINED'"), >, 0);
  g_assert_cmpint (summary.externals, >, 10);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM (SELECT email FROM attendees"
                                     " UNION SELECT organizer FROM meetings)"
                                     " WHERE email NOT LIKE '%@vanersborg.example'"
                                     " AND email NOT IN (SELECT email FROM people)"), ==, summary.externals);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM people WHERE email NOT LIKE '%@vanersborg.example'"), ==, 0);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM meetings WHERE organizer LIKE '%@fyrbodal.example'"), >, 0);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM attendees WHERE email LIKE '%@trollhattan.example'"
                                     " OR email LIKE '%@uddevalla.example'"), >, 0);

  /* Office hours on weekdays of the year, and one-off meetings of the year
   * before (for the follow-up's comparison), hardly any in July; sizes. */
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM occurrences WHERE strftime ('%Y', start, 'unixepoch')"
                                     " NOT IN ('2025', '2026')"), ==, 0);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM occurrences WHERE strftime ('%Y', start, 'unixepoch')"
                                     " = '2025'"), >, 20);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM occurrences o JOIN meetings m ON m.id = o.meeting_id"
                                     " WHERE strftime ('%Y', o.start, 'unixepoch') = '2025'"
                                     " AND m.ical LIKE '%RRULE%'"), ==, 0);

  /* Exemptions of every reason of spec/policy.md, and the targets
   * (spec/planning.md "Targets"). */
  g_assert_cmpint (query_int (store, "SELECT count(DISTINCT reason) FROM exemptions"), ==, 7);
  /* The targets are part of the demo, which the audit log records once. */
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM audit_log WHERE action = 'setting'"),
                   ==, 0);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM exemptions WHERE reason = 'other'"
                                     " AND note <> ''"), >, 0);
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(ResfriPolicy) policy = resfri_policy_load (store, &error);
    double share;

    g_assert_no_error (error);
    g_assert_cmpfloat (policy->target_share, ==, 0.8);
    g_assert_true (resfri_policy_get_target_share (policy, "Socialnämnden/Socialförvaltningen",
                                                   &share));
    g_assert_cmpfloat (share, ==, 0.7);
  }
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM occurrences WHERE strftime ('%w', start, 'unixepoch')"
                                     " IN ('0', '6')"), ==, 0);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM occurrences WHERE"
                                     " strftime ('%H', start, 'unixepoch') < '06'"
                                     " OR strftime ('%H%M', end, 'unixepoch') > '1600'"), ==, 0);
  /* No meetings on the public holidays of 2026 (Easter Sunday is 5 April). */
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM occurrences WHERE cancelled = 0 AND"
                                     " date (start, 'unixepoch') IN ('2026-01-01', '2026-01-06', '2026-04-03',"
                                     "  '2026-04-06', '2026-05-01', '2026-05-14', '2026-06-19', '2026-12-24',"
                                     "  '2026-12-25', '2026-12-31')"), ==, 0);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM meetings WHERE ical LIKE"
                                     " '%EXDATE;TZID=Europe/Stockholm:20260514T%'"), >, 0);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM occurrences WHERE strftime ('%m', start, 'unixepoch') = '07'"),
                   <, summary.occurrences / 50);
  g_assert_cmpint (query_int (store, "SELECT max (n) FROM (SELECT count(*) AS n FROM attendees GROUP BY meeting_id)"),
                   >, 20);
  g_assert_cmpint (query_int (store, "SELECT min (n) FROM (SELECT count(*) AS n FROM attendees GROUP BY meeting_id)"),
                   >=, 1);

  /* One to three meetings per employee and week (46 working weeks). */
  per_week = query_double (store,
                           "SELECT sum (1 + (SELECT count(*) FROM attendees a WHERE a.meeting_id = o.meeting_id"
                           "                 AND a.email IN (SELECT email FROM people)"
                           "                 AND a.email <> (SELECT organizer FROM meetings m WHERE m.id = o.meeting_id)))"
                           " * 1.0 / (SELECT count(*) FROM people) / 46"
                           " FROM occurrences o WHERE o.cancelled = 0");
  g_assert_cmpfloat (per_week, >=, 1.0);
  g_assert_cmpfloat (per_week, <=, 3.0);
}

static void
test_demo_refuses_non_empty (Fixture       *fixture,
                             gconstpointer  user_data)
{
  g_autoptr(ResfriStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  ResfriDemoOptions options;

  g_test_summary ("A database with people or meetings is refused and left as it was");

  store = make_demo (fixture, "demo.db", 60, 1, NULL);
  before = dump_content (store);

  resfri_demo_options_init (&options);
  options.employees = 60;
  options.seed = 2;
  g_assert_false (resfri_demo_generate (store, &options, NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, RESFRI_ERROR, RESFRI_ERROR_CONFLICT);
  g_assert_false (_resfri_store_in_transaction (store));

  after = dump_content (store);
  g_assert_cmpstr (before, ==, after);
}

static void
test_demo_cancel (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autoptr(ResfriStore) store = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  ResfriDemoOptions options;

  g_test_summary ("A cancelled demo writes nothing");

  store = open_store (fixture, "demo.db");
  resfri_demo_options_init (&options);
  options.employees = 300;
  g_cancellable_cancel (cancellable);
  g_assert_false (resfri_demo_generate (store, &options, NULL, NULL, NULL, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (query_int (store, "SELECT (SELECT count(*) FROM people) + (SELECT count(*) FROM sites)"
                                     " + (SELECT count(*) FROM meetings) + (SELECT count(*) FROM meta)"), ==, 0);
}

static void
test_demo_invalid_options (Fixture       *fixture,
                           gconstpointer  user_data)
{
  g_autoptr(ResfriStore) store = NULL;
  g_autoptr(GError) error = NULL;
  ResfriDemoOptions options;

  g_test_summary ("Out-of-range options are refused before anything is written");

  store = open_store (fixture, "demo.db");
  resfri_demo_options_init (&options);
  g_assert_cmpuint (options.employees, ==, RESFRI_DEMO_DEFAULT_EMPLOYEES);
  g_assert_cmpuint (options.seed, ==, RESFRI_DEMO_DEFAULT_SEED);
  g_assert_cmpint (options.year, >=, 2026);

  options.employees = 0;
  g_assert_false (resfri_demo_generate (store, &options, NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, RESFRI_ERROR, RESFRI_ERROR_INVALID_INPUT);
  g_clear_error (&error);

  options.employees = 10;
  options.year = 1900;
  g_assert_false (resfri_demo_generate (store, &options, NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, RESFRI_ERROR, RESFRI_ERROR_INVALID_INPUT);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM sites"), ==, 0);
}

static void
test_demo_tiny (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(ResfriStore) store = NULL;
  g_autoptr(GError) error = NULL;
  ResfriDemoOptions options;
  ResfriDemoSummary summary = { 0 };

  g_test_summary ("A municipality of a handful of employees in a leap year still works");

  store = open_store (fixture, "demo.db");
  resfri_demo_options_init (&options);
  options.employees = 5;
  options.year = 2024;
  g_assert_true (resfri_demo_generate (store, &options, NULL, NULL, &summary, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (summary.people, >=, 5);
  g_assert_cmpint (summary.meetings, >, 0);
  g_assert_cmpint (summary.occurrences, >, 0);
}

static void
progress_cb (double      fraction,
             const char *step,
             gpointer    user_data)
{
  double *last = user_data;

  g_assert_true (g_thread_self () == main_thread);
  g_assert_nonnull (step);
  g_assert_cmpfloat (fraction, >=, *last);
  g_assert_cmpfloat (fraction, <=, 1.0);
  *last = fraction;
}

static void
test_demo_progress (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autoptr(ResfriStore) store = NULL;
  g_autoptr(GError) error = NULL;
  ResfriDemoOptions options;
  double last = 0;

  g_test_summary ("Progress only goes forward and ends at 1");

  store = open_store (fixture, "demo.db");
  resfri_demo_options_init (&options);
  options.employees = 100;
  g_assert_true (resfri_demo_generate (store, &options, progress_cb, &last, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (last, ==, 1.0);
}

static void
test_demo_async (Fixture       *fixture,
                 gconstpointer  user_data)
{
  g_autoptr(ResfriStore) store = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  ResfriDemoOptions options;
  ResfriDemoSummary summary = { 0 };
  double last = 0;

  g_test_summary ("The async variant works on its own connection and reports progress in "
                  "the caller's context");

  store = open_store (fixture, "demo.db");
  resfri_demo_options_init (&options);
  options.employees = 50;
  resfri_demo_generate_async (store, &options, progress_cb, &last, NULL, resfri_test_ready,
                              &result);
  resfri_test_wait (&result);
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpfloat (last, ==, 1.0);

  g_assert_true (resfri_demo_generate_finish (store, result, &summary, &error));
  g_assert_no_error (error);
  g_assert_cmpint (summary.people, >, 50);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM people"), ==, summary.people);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  main_thread = g_thread_self ();

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/demo/deterministic", test_demo_deterministic);
  ADD ("/demo/content", test_demo_content);
  ADD ("/demo/meetings", test_demo_meetings);
  ADD ("/demo/refuses-non-empty", test_demo_refuses_non_empty);
  ADD ("/demo/cancel", test_demo_cancel);
  ADD ("/demo/invalid-options", test_demo_invalid_options);
  ADD ("/demo/tiny", test_demo_tiny);
  ADD ("/demo/progress", test_demo_progress);
  ADD ("/demo/async", test_demo_async);

#undef ADD

  return g_test_run ();
}

/* test-retention.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Retention (spec/privacy.md, privacy/resfri-retention.c) on the demo of
 * 2026 with retention_months 3 at 2026-12-05: the meetings that ended
 * before 2026-09-05 lose their attendees and text, the policy check and
 * the follow-up of every period give exactly what they gave before, an
 * address only those meetings held is in no byte of the file or its WAL,
 * a dry run and a purge with nothing due write nothing, a series still
 * running keeps its data, the purge on open catches up with what became
 * due, and the audit log records the purge with the acting user.
 */

#define _GNU_SOURCE   /* memmem */

#include "config.h"

#include <string.h>

#include "resfri-core.h"
#include "resfri-store-private.h"
#include "resfri-test-fixture.h"

typedef ResfriTestFixture Fixture;

/* 2026-12-05T12:00:00Z: the cut-off of 3 months is 2026-09-05. */
#define NOW          G_GINT64_CONSTANT (1796472000)
#define CUTOFF       G_GINT64_CONSTANT (1788566400)
/* 2027-06-01T00:00:00Z: the cut-off is 2027-03-01, after every meeting. */
#define LATER        G_GINT64_CONSTANT (1811808000)

static void
set_up (Fixture       *fixture,
        gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  resfri_test_fixture_set_up_demo (fixture, 300);
  g_assert_true (resfri_policy_set (fixture->store, "retention_months", "3", &error));
  g_assert_no_error (error);
}

static void
tear_down (Fixture       *fixture,
           gconstpointer  user_data)
{
  resfri_test_fixture_tear_down (fixture);
}

static gboolean
dump_occurrence (const ResfriResolvedOccurrence *o,
                 gpointer                        user_data)
{
  g_string_append_printf (user_data,
                          "%" G_GINT64_FORMAT " %s %s %" G_GINT64_FORMAT " %s %" G_GINT64_FORMAT
                          " %" G_GINT64_FORMAT " %d %.17g %.17g %.17g %.17g %.17g %.17g %.17g"
                          " %.17g %u %u\n",
                          o->occurrence_id, resfri_verdict_to_string (o->verdict),
                          o->exemption ? o->exemption : "-", o->organizer_unit_id,
                          resfri_mode_to_string (o->mode), o->venue_site_id, o->venue_room_id,
                          o->venue_room_vc, o->travel_km, o->travel_co2_kg, o->travel_cost_sek,
                          o->travel_hours, o->avoided_km, o->avoided_co2_kg,
                          o->avoided_cost_sek, o->avoided_hours, o->trips_short, o->trips_long);
  return TRUE;
}

static void
dump_row (GString                 *out,
          const ResfriFollowupRow *row)
{
  g_string_append_printf (out, "%s|%s|%u %u %u %u %u %u %u %u %u %u %u", row->unit ? row->unit : "",
                          row->month ? row->month : "", row->employees, row->equipped,
                          row->open_gaps, row->occurrences, row->travel_free, row->local,
                          row->exempt_total, row->non_compliant, row->unknown, row->trips_short,
                          row->trips_long);
  /* The data-quality count (meetings none of whose people is registered). */
  g_string_append_printf (out, " u%u", row->unregistered);
  for (guint i = 0; i < RESFRI_FOLLOWUP_N_REASONS; i++)
    g_string_append_printf (out, " %u", row->exempt[i]);
  g_string_append_printf (out, " %.17g %.17g %.17g %.17g %.17g %.17g\n", row->travel_km,
                          row->travel_co2_kg, row->avoided_km, row->avoided_co2_kg,
                          row->avoided_cost_sek, row->avoided_hours);
}

/* Every resolved occurrence of the year and every figure of the
 * follow-up of some periods, at full precision. */
static char *
dump_figures (ResfriStore *store)
{
  const char *periods[] = { "2026", "2026-Q1", "2026-Q3", "2026-09", "2026-T2", "2027" };
  g_autoptr(GError) error = NULL;
  GString *out = g_string_new (NULL);

  g_assert_true (resfri_policy_check_occurrences (store, NULL, 0, 0, dump_occurrence, out, NULL,
                                                  &error));
  g_assert_no_error (error);

  for (guint p = 0; p < G_N_ELEMENTS (periods); p++)
    {
      g_autoptr(ResfriPeriod) period = resfri_period_parse (periods[p], &error);
      ResfriFollowup *followup;

      g_assert_no_error (error);
      followup = resfri_followup_compute (store, NULL, period, NULL, NULL, &error);
      g_assert_no_error (error);
      for (guint i = 0; i < followup->units->len; i++)
        dump_row (out, g_ptr_array_index (followup->units, i));
      for (guint i = 0; i < followup->months->len; i++)
        dump_row (out, g_ptr_array_index (followup->months, i));
      dump_row (out, followup->total);
      resfri_followup_free (followup);
    }

  return g_string_free (out, FALSE);
}

static gint64
query (ResfriStore *store,
       const char  *sql)
{
  g_autoptr(GError) error = NULL;
  gint64 value = _resfri_store_query_int (store, sql, &error);

  g_assert_no_error (error);
  return value;
}

/* The bytes of the database file and its WAL. */
static char *
file_digest (Fixture *fixture)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  const char *suffixes[] = { "", "-wal" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *path = g_strconcat (fixture->path, suffixes[i], NULL);
      g_autofree char *contents = NULL;
      gsize length = 0;

      if (g_file_get_contents (path, &contents, &length, NULL))
        g_checksum_update (checksum, (const guchar *) contents, length);
      g_checksum_update (checksum, (const guchar *) "|", 1);
    }

  return g_strdup (g_checksum_get_string (checksum));
}

static void
test_cutoff (void)
{
  g_test_summary ("The cut-off is the start of the UTC day, the months before");

  g_assert_cmpint (resfri_retention_cutoff (NOW, 3), ==, CUTOFF);
  g_assert_cmpint (resfri_retention_cutoff (LATER, 3), ==, G_GINT64_CONSTANT (1803859200));
  g_assert_cmpint (resfri_retention_cutoff (NOW, 36), ==, G_GINT64_CONSTANT (1701734400));
}

static void
test_keeps_figures (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *digest = NULL;
  g_autofree char *digest_after = NULL;
  ResfriRetentionSummary dry, done;
  gint64 meetings = query (fixture->store, "SELECT count (*) FROM meetings");
  gint64 spanning;

  g_test_summary ("A purge keeps the verdict and figures of every occurrence and the follow-up "
                  "of every period; its dry run says the same and writes nothing");

  spanning = query (fixture->store,
                    "SELECT count (*) FROM (SELECT meeting_id FROM occurrences"
                    " GROUP BY meeting_id HAVING min (end) < 1788566400"
                    " AND max (end) >= 1788566400)");
  g_assert_cmpint (spanning, >, 0);
  before = dump_figures (fixture->store);

  _resfri_store_exec (fixture->store, "PRAGMA wal_checkpoint (TRUNCATE)", NULL);
  digest = file_digest (fixture);
  g_assert_true (resfri_retention_purge (fixture->store, NOW, TRUE, &dry, &error));
  g_assert_no_error (error);
  digest_after = file_digest (fixture);
  g_assert_cmpstr (digest, ==, digest_after);
  g_assert_cmpint (dry.cutoff, ==, CUTOFF);
  g_assert_cmpint (dry.meetings, >, 0);
  g_assert_cmpint (dry.meetings, <, meetings);
  g_assert_cmpint (dry.occurrences, >=, dry.meetings);
  g_assert_cmpint (dry.attendees, >, 0);
  g_assert_cmpint (dry.bytes, >, 0);
  g_assert_cmpint (query (fixture->store, "SELECT count (*) FROM retained_meetings"), ==, 0);

  g_assert_true (resfri_retention_purge (fixture->store, NOW, FALSE, &done, &error));
  g_assert_no_error (error);
  g_assert_cmpmem (&dry, sizeof dry, &done, sizeof done);

  g_assert_cmpint (query (fixture->store, "SELECT count (*) FROM retained_meetings"), ==,
                   done.meetings);
  g_assert_cmpint (query (fixture->store,
                          "SELECT count (*) FROM attendees WHERE meeting_id IN"
                          " (SELECT meeting_id FROM retained_meetings)"), ==, 0);
  g_assert_cmpint (query (fixture->store,
                          "SELECT count (*) FROM meetings WHERE ical = ''"
                          " OR organizer IS NULL AND summary IS NULL"), >=, done.meetings);
  g_assert_cmpint (query (fixture->store,
                          "SELECT count (*) FROM meetings m JOIN retained_meetings r"
                          " ON r.meeting_id = m.id WHERE m.ical <> '' OR m.organizer IS NOT NULL"
                          " OR m.summary IS NOT NULL"), ==, 0);
  /* A series still running keeps its data. */
  g_assert_cmpint (query (fixture->store,
                          "SELECT count (*) FROM (SELECT meeting_id FROM occurrences"
                          " GROUP BY meeting_id HAVING min (end) < 1788566400"
                          " AND max (end) >= 1788566400) s JOIN meetings m ON m.id = s.meeting_id"
                          " WHERE m.ical <> ''"), ==, spanning);
  /* The internal attendees are counted per unit. */
  g_assert_cmpint (query (fixture->store, "SELECT coalesce (sum (attendees), 0)"
                                          " FROM retained_attendees"), >, 0);

  after = dump_figures (fixture->store);
  g_assert_cmpstr (before, ==, after);
}

static void
test_nothing_due (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *digest = NULL;
  g_autofree char *digest_after = NULL;
  ResfriRetentionSummary summary;

  g_test_summary ("With nothing due, neither the purge on open nor purge writes anything");

  /* The default of 36 months: the demo's meetings are all recent. */
  g_assert_true (resfri_policy_set (fixture->store, "retention_months", "36", &error));
  _resfri_store_exec (fixture->store, "PRAGMA wal_checkpoint (TRUNCATE)", NULL);
  digest = file_digest (fixture);
  g_assert_true (resfri_retention_purge_due (fixture->store, NOW, &summary, &error));
  g_assert_no_error (error);
  g_assert_cmpint (summary.meetings, ==, 0);
  g_assert_cmpstr (digest, ==, (digest_after = file_digest (fixture)));

  /* After a purge, the same day again. */
  g_assert_true (resfri_policy_set (fixture->store, "retention_months", "3", &error));
  g_assert_true (resfri_retention_purge (fixture->store, NOW, FALSE, &summary, &error));
  g_assert_no_error (error);
  g_assert_cmpint (summary.meetings, >, 0);
  _resfri_store_exec (fixture->store, "PRAGMA wal_checkpoint (TRUNCATE)", NULL);
  g_clear_pointer (&digest, g_free);
  g_clear_pointer (&digest_after, g_free);
  digest = file_digest (fixture);
  g_assert_true (resfri_retention_purge_due (fixture->store, NOW + 3600, &summary, &error));
  g_assert_no_error (error);
  g_assert_cmpint (summary.meetings, ==, 0);
  g_assert_true (resfri_retention_purge (fixture->store, NOW + 3600, FALSE, &summary, &error));
  g_assert_no_error (error);
  g_assert_cmpint (summary.meetings, ==, 0);
  g_assert_cmpstr (digest, ==, (digest_after = file_digest (fixture)));
}

static void
test_due_on_open (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  ResfriRetentionSummary summary, rest;

  g_test_summary ("The purge on open takes what became due since the last purge, all of it");

  before = dump_figures (fixture->store);
  g_assert_true (resfri_retention_purge_due (fixture->store, NOW, &summary, &error));
  g_assert_no_error (error);
  g_assert_cmpint (summary.meetings, >, 0);

  /* Months later: the rest has ended, and the check on open finds it. */
  g_assert_true (resfri_retention_purge (fixture->store, LATER, TRUE, &rest, &error));
  g_assert_cmpint (rest.meetings, >, 0);
  g_assert_true (resfri_retention_purge_due (fixture->store, LATER, &summary, &error));
  g_assert_no_error (error);
  g_assert_cmpint (summary.meetings, ==, rest.meetings);
  g_assert_true (resfri_retention_purge (fixture->store, LATER, TRUE, &rest, &error));
  g_assert_cmpint (rest.meetings, ==, 0);
  g_assert_cmpint (query (fixture->store, "SELECT count (*) FROM attendees"), ==, 0);

  after = dump_figures (fixture->store);
  g_assert_cmpstr (before, ==, after);
}

static gboolean
file_contains (const char *path,
               const char *needle)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (!g_file_get_contents (path, &contents, &length, NULL))
    return FALSE;

  return memmem (contents, length, needle, strlen (needle)) != NULL;
}

static void
test_leaves_no_trace (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *email = NULL;
  g_autofree char *name = NULL;
  const char *suffixes[] = { "", "-wal", "-shm" };
  ResfriRetentionSummary summary;
  sqlite3_stmt *stmt;

  g_test_summary ("An address and a name only old meetings held are in no byte of the "
                  "database, its WAL or its shared memory after a purge");

  /* An outside attendee (not in the register) of old meetings alone. */
  stmt = _resfri_store_prepare (fixture->store,
                                "SELECT a.email, a.name FROM attendees a"
                                " WHERE a.name IS NOT NULL"
                                "   AND (a.cutype IS NULL OR a.cutype = 'INDIVIDUAL')"
                                "   AND a.email NOT IN (SELECT email FROM people)"
                                "   AND a.email NOT IN (SELECT email FROM rooms)"
                                " GROUP BY a.email HAVING max ((SELECT max (end) FROM occurrences o"
                                "                               WHERE o.meeting_id = a.meeting_id))"
                                "   < 1788566400"
                                " ORDER BY count (*) DESC LIMIT 1",
                                &error);
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  email = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  name = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  sqlite3_reset (stmt);
  g_assert_cmpint (query (fixture->store, "SELECT count (*) FROM people"), >, 0);

  _resfri_store_exec (fixture->store, "PRAGMA wal_checkpoint (TRUNCATE)", NULL);
  g_assert_true (file_contains (fixture->path, email));

  g_assert_true (resfri_retention_purge (fixture->store, NOW, FALSE, &summary, &error));
  g_assert_no_error (error);
  g_assert_cmpint (summary.meetings, >, 0);

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *path = g_strconcat (fixture->path, suffixes[i], NULL);

      g_assert_false (file_contains (path, email));
      g_assert_false (file_contains (path, name));
    }
}

static void
test_imported_later (Fixture       *fixture,
                     gconstpointer  user_data)
{
  static const char ical[] =
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n"
    "BEGIN:VEVENT\r\nUID:old-after-purge@test.example\r\nDTSTAMP:20260101T000000Z\r\n"
    "DTSTART:20260301T090000Z\r\nDTEND:20260301T100000Z\r\nSUMMARY:Late arrival\r\n"
    "ORGANIZER:mailto:late.organiser@elsewhere.example\r\n"
    "ATTENDEE;CN=Late Guest:mailto:late.guest@elsewhere.example\r\n"
    "END:VEVENT\r\nEND:VCALENDAR\r\n";
  g_autoptr(GError) error = NULL;
  ResfriRetentionSummary summary;
  ResfriMeetingStats stats;

  g_test_summary ("A meeting stored after a purge that ended before it is purged on open");

  g_assert_true (resfri_retention_purge_due (fixture->store, NOW, &summary, &error));
  g_assert_no_error (error);
  g_assert_cmpint (summary.meetings, >, 0);

  g_assert_true (resfri_store_import_ical (fixture->store, ical, -1, "late.ics", &stats, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query (fixture->store, "SELECT count (*) FROM attendees"
                                          " WHERE email = 'late.guest@elsewhere.example'"), ==, 1);

  g_assert_true (resfri_retention_purge_due (fixture->store, NOW, &summary, &error));
  g_assert_no_error (error);
  g_assert_cmpint (summary.meetings, ==, 1);
  g_assert_cmpint (summary.attendees, ==, 1);
  g_assert_cmpint (query (fixture->store, "SELECT count (*) FROM attendees"
                                          " WHERE email = 'late.guest@elsewhere.example'"), ==, 0);
  g_assert_cmpint (query (fixture->store, "SELECT count (*) FROM meetings"
                                          " WHERE organizer = 'late.organiser@elsewhere.example'"),
                   ==, 0);
}

static void
test_audit (Fixture       *fixture,
            gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  ResfriRetentionSummary summary;
  const ResfriAuditEntry *entry;
  gint64 rows;

  g_test_summary ("The purge is one audit entry with the acting user; a dry run none");

  rows = query (fixture->store, "SELECT count (*) FROM audit_log");
  g_assert_true (resfri_retention_purge (fixture->store, NOW, TRUE, &summary, &error));
  g_assert_cmpint (query (fixture->store, "SELECT count (*) FROM audit_log"), ==, rows);
  g_assert_true (resfri_retention_purge (fixture->store, NOW, FALSE, &summary, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query (fixture->store, "SELECT count (*) FROM audit_log"), ==, rows + 1);

  entries = resfri_audit_list (fixture->store, G_MININT64, G_MAXINT64, TRUE, 1, &error);
  g_assert_no_error (error);
  entry = g_ptr_array_index (entries, 0);
  g_assert_cmpstr (entry->action, ==, "purge");
  g_assert_cmpstr (entry->object_kind, ==, "retention");
  g_assert_cmpstr (entry->object_id, ==, "2026-09-05");
  g_assert_cmpstr (entry->user, ==, g_get_user_name ());
  g_assert_nonnull (strstr (entry->detail, "meetings="));
  g_assert_null (strchr (entry->detail, '@'));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  /* What has ended by "now" is held: the same "now" before and after. */
  g_setenv ("RESFRI_NOW", "2026-12-05T00:00:00Z", TRUE);

  g_test_add_func ("/retention/cutoff", test_cutoff);
  g_test_add ("/retention/keeps-figures", Fixture, NULL, set_up, test_keeps_figures, tear_down);
  g_test_add ("/retention/nothing-due", Fixture, NULL, set_up, test_nothing_due, tear_down);
  g_test_add ("/retention/due-on-open", Fixture, NULL, set_up, test_due_on_open, tear_down);
  g_test_add ("/retention/no-trace", Fixture, NULL, set_up, test_leaves_no_trace, tear_down);
  g_test_add ("/retention/imported-later", Fixture, NULL, set_up, test_imported_later,
              tear_down);
  g_test_add ("/retention/audit", Fixture, NULL, set_up, test_audit, tear_down);

  return g_test_run ();
}

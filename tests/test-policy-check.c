/* test-resolve.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Resolving occurrences on the hand-computed fixture of resolve-fixture.h.
 */

#include "config.h"

#include <string.h>

#include <sqlite3.h>

#include "resfri-core.h"
#include "resfri-policy-private.h"
#include "resfri-policy-reader-private.h"
#include "resfri-store-private.h"
#include "resfri-test-fixture.h"
#include "resfri-test-util.h"
#include "resolve-fixture.h"

typedef ResfriTestFixture Fixture;

typedef struct
{
  char          *key;           /* "uid/recurrence-id" */
  char          *summary;
  char          *exemption;
  gint64         start;
  gint64         organizer_unit_id;
  ResfriMode     mode;
  ResfriVerdict  verdict;
  gint64         venue_site_id;
  gint64         venue_room_id;
  gboolean       venue_room_vc;
  gboolean       has_url;
  double         travel_km;
  double         co2_kg;
  double         cost_sek;
  double         hours;
  double         avoided_km;
  double         avoided_co2_kg;
  guint          trips_short;
  guint          trips_long;
  GString       *attendees;     /* "email:one_way:headset:camera " sorted by email */
} Seen;

static void
seen_free (gpointer data)
{
  Seen *seen = data;

  g_free (seen->key);
  g_free (seen->summary);
  g_free (seen->exemption);
  g_string_free (seen->attendees, TRUE);
  g_free (seen);
}

static int
compare_emails (gconstpointer a,
                gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static gboolean
collect (const ResfriResolvedOccurrence *o,
         gpointer                        user_data)
{
  GPtrArray *list = user_data;
  Seen *seen = g_new0 (Seen, 1);
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

  seen->key = g_strdup_printf ("%s/%s", o->uid, o->recurrence_id);
  seen->summary = g_strdup (o->summary);
  seen->exemption = g_strdup (o->exemption);
  seen->start = o->start;
  seen->organizer_unit_id = o->organizer_unit_id;
  seen->mode = o->mode;
  seen->verdict = o->verdict;
  seen->venue_site_id = o->venue_site_id;
  seen->venue_room_id = o->venue_room_id;
  seen->venue_room_vc = o->venue_room_vc;
  seen->has_url = o->online_url != NULL;
  seen->travel_km = o->travel_km;
  seen->co2_kg = o->travel_co2_kg;
  seen->cost_sek = o->travel_cost_sek;
  seen->hours = o->travel_hours;
  seen->avoided_km = o->avoided_km;
  seen->avoided_co2_kg = o->avoided_co2_kg;
  seen->trips_short = o->trips_short;
  seen->trips_long = o->trips_long;

  for (guint i = 0; i < o->n_attendees; i++)
    g_ptr_array_add (parts, g_strdup_printf ("%s:%.1f:%d:%d", o->attendees[i].email,
                                             o->attendees[i].one_way_km,
                                             o->attendees[i].has_headset,
                                             o->attendees[i].has_camera));
  g_ptr_array_sort (parts, compare_emails);
  seen->attendees = g_string_new (NULL);
  for (guint i = 0; i < parts->len; i++)
    g_string_append_printf (seen->attendees, "%s%s", i ? " " : "",
                            (const char *) g_ptr_array_index (parts, i));

  g_ptr_array_add (list, seen);
  return TRUE;
}

static GPtrArray *
resolve (ResfriStore        *store,
         const ResfriPolicy *policy,
         gint64              from,
         gint64              to)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *list = g_ptr_array_new_with_free_func (seen_free);

  g_assert_true (resfri_policy_check_occurrences (store, policy, from, to, collect, list, NULL, &error));
  g_assert_no_error (error);

  return list;
}

static Seen *
find (GPtrArray  *list,
      const char *key)
{
  for (guint i = 0; i < list->len; i++)
    {
      Seen *seen = g_ptr_array_index (list, i);

      if (strcmp (seen->key, key) == 0)
        return seen;
    }

  g_error ("no occurrence %s", key);
  return NULL;
}

static gint64
query_id (ResfriStore *store,
          const char  *table,
          const char  *code)
{
  /* Ids through the JSON listing would do; sqlite directly is simpler. */
  g_autofree char *sql = g_strdup_printf ("SELECT id FROM %s WHERE code = ?", table);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 id = 0;

  g_assert_cmpint (sqlite3_open_v2 (resfri_store_get_path (store), &db, SQLITE_OPEN_READONLY, NULL),
                   ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, code, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  id = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return id;
}

static gint64
query_unit (ResfriStore *store,
            const char  *path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 id = 0;

  g_assert_cmpint (sqlite3_open_v2 (resfri_store_get_path (store), &db, SQLITE_OPEN_READONLY, NULL),
                   ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT id FROM units WHERE path = ?", -1, &stmt, NULL),
                   ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, path, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  id = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return id;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  resfri_test_fixture_set_up (fixture, NULL);
  fixture_fill (fixture->store);

  g_assert_true (resfri_store_set_exemption (fixture->store, "m6", NULL, "relationship", NULL,
                                             &error));
  g_assert_no_error (error);
  g_assert_true (resfri_store_set_exemption (fixture->store, "m6", "20260309T080000Z",
                                             "confidential", NULL, &error));
  g_assert_no_error (error);
  g_assert_true (resfri_store_set_exemption (fixture->store, "m8", "20260312T120000Z",
                                             "physical-presence", NULL, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  resfri_test_fixture_tear_down (fixture);
}

static void
test_distance (Fixture       *fixture,
               gconstpointer  data)
{
  ResfriStore *store = fixture->store;
  gint64 vbg = query_id (store, "sites", "VBG");
  gint64 udd = query_id (store, "sites", "UDD");
  gint64 str = query_id (store, "sites", "STR");
  gint64 aml = query_id (store, "sites", "AML");
  g_autoptr(ResfriPolicy) policy = resfri_policy_new_default ();

  /* The great circle alone (see resolve-fixture.h). */
  g_assert_cmpfloat_with_epsilon (resfri_registers_great_circle (58.3807, 12.3234, 58.3498, 11.9381),
                                  22.7326, 0.1);
  g_assert_cmpfloat_with_epsilon (resfri_registers_great_circle (58.3807, 12.3234, 58.9395, 11.1712),
                                  91.1089, 0.1);

  g_assert_cmpfloat_with_epsilon (resfri_policy_site_distance (store, NULL, vbg, udd), KM_VBG_UDD, 0.1);
  g_assert_cmpfloat_with_epsilon (resfri_policy_site_distance (store, NULL, udd, vbg), KM_VBG_UDD, 0.1);
  g_assert_cmpfloat_with_epsilon (resfri_policy_site_distance (store, NULL, vbg, aml), KM_VBG_AML, 0.1);
  g_assert_cmpfloat_with_epsilon (resfri_policy_site_distance (store, NULL, udd, str), KM_UDD_STR, 0.1);
  g_assert_cmpfloat_with_epsilon (resfri_policy_site_distance (store, NULL, udd, aml), KM_UDD_AML, 0.1);
  g_assert_cmpfloat_with_epsilon (resfri_policy_site_distance (store, NULL, str, aml), KM_STR_AML, 0.1);
  /* The table wins, in either order. */
  g_assert_cmpfloat_with_epsilon (resfri_policy_site_distance (store, NULL, vbg, str), KM_VBG_STR, 0.001);
  g_assert_cmpfloat_with_epsilon (resfri_policy_site_distance (store, NULL, str, vbg), KM_VBG_STR, 0.001);
  g_assert_cmpfloat (resfri_policy_site_distance (store, NULL, aml, aml), ==, 0);

  /* The detour factor applies to the great circle only. */
  policy->detour_factor = 1.0;
  g_assert_cmpfloat_with_epsilon (resfri_policy_site_distance (store, policy, vbg, udd), 22.7326, 0.1);
  g_assert_cmpfloat_with_epsilon (resfri_policy_site_distance (store, policy, vbg, str), KM_VBG_STR, 0.001);
}

static void
test_every_occurrence (Fixture       *fixture,
                       gconstpointer  data)
{
  ResfriStore *store = fixture->store;
  g_autoptr(GPtrArray) list = resolve (store, NULL, 0, 0);
  gint64 vbg = query_id (store, "sites", "VBG");
  gint64 udd = query_id (store, "sites", "UDD");
  gint64 str = query_id (store, "sites", "STR");
  gint64 aml = query_id (store, "sites", "AML");
  gint64 r1 = query_id (store, "rooms", "R1");
  gint64 it = query_unit (store, "Kommunstyrelsen/IT");
  gint64 bygg = query_unit (store, "Bygg");
  Seen *s;

  /* m6's third occurrence is cancelled. */
  g_assert_cmpuint (list->len, ==, 10);
  for (guint i = 1; i < list->len; i++)
    g_assert_cmpint (((Seen *) list->pdata[i - 1])->start, <=, ((Seen *) list->pdata[i])->start);

  s = find (list, "m1/");
  g_assert_cmpstr (s->summary, ==, "Budget");
  g_assert_cmpint (s->mode, ==, RESFRI_MODE_IN_PERSON);
  g_assert_cmpint (s->venue_site_id, ==, vbg);
  g_assert_cmpint (s->venue_room_id, ==, r1);
  g_assert_true (s->venue_room_vc);
  g_assert_cmpint (s->organizer_unit_id, ==, it);
  g_assert_cmpint (s->verdict, ==, RESFRI_VERDICT_NON_COMPLIANT);
  g_assert_null (s->exemption);
  g_assert_cmpstr (s->attendees->str, ==,
                   "anna@vbg.se:0.0:1:1 cecilia@udd.se:29.6:0:0 david@str.se:95.0:0:1");
  g_assert_cmpfloat_with_epsilon (s->travel_km, 2 * KM_VBG_UDD + 2 * KM_VBG_STR, 0.1);
  g_assert_cmpfloat_with_epsilon (s->co2_kg, 249.1048 * 0.12, 0.01);
  g_assert_cmpfloat_with_epsilon (s->cost_sek, 249.1048 * 2.5, 0.1);
  g_assert_cmpfloat_with_epsilon (s->hours, 249.1048 / 70, 0.01);
  g_assert_cmpfloat (s->avoided_km, ==, 0);
  g_assert_cmpuint (s->trips_short, ==, 2);
  g_assert_cmpuint (s->trips_long, ==, 0);

  s = find (list, "m2/");
  g_assert_cmpint (s->mode, ==, RESFRI_MODE_IN_PERSON);
  g_assert_cmpint (s->venue_room_id, ==, r1);
  g_assert_cmpint (s->verdict, ==, RESFRI_VERDICT_LOCAL);
  g_assert_cmpstr (s->attendees->str, ==,
                   "anna@vbg.se:0.0:1:1 bo@vbg.se:0.0:1:0 frida@vbg.se:0.0:1:0");
  g_assert_cmpfloat (s->travel_km, ==, 0);
  g_assert_cmpuint (s->trips_short + s->trips_long, ==, 0);

  s = find (list, "m3/");
  g_assert_cmpint (s->mode, ==, RESFRI_MODE_ONLINE);
  g_assert_true (s->has_url);
  g_assert_cmpint (s->venue_site_id, ==, 0);
  g_assert_cmpint (s->verdict, ==, RESFRI_VERDICT_TRAVEL_FREE);
  g_assert_cmpint (s->organizer_unit_id, ==, bygg);
  g_assert_cmpfloat (s->travel_km, ==, 0);
  g_assert_cmpfloat_with_epsilon (s->avoided_km, 2 * KM_VBG_UDD + 2 * KM_UDD_AML, 0.1);
  g_assert_cmpfloat_with_epsilon (s->avoided_co2_kg, 292.1396 * 0.12, 0.01);
  g_assert_cmpstr (s->attendees->str, ==,
                   "anna@vbg.se:0.0:1:1 cecilia@udd.se:0.0:0:0 eva@aml.se:0.0:1:1");

  s = find (list, "m4/");
  g_assert_cmpint (s->mode, ==, RESFRI_MODE_HYBRID);
  g_assert_cmpint (s->venue_site_id, ==, str);
  g_assert_cmpint (s->venue_room_id, ==, 0);
  g_assert_cmpint (s->verdict, ==, RESFRI_VERDICT_TRAVEL_FREE);
  g_assert_cmpfloat (s->travel_km, ==, 0);
  g_assert_cmpfloat_with_epsilon (s->avoided_km, 4 * KM_VBG_STR, 0.1);

  s = find (list, "m5/");
  g_assert_cmpint (s->mode, ==, RESFRI_MODE_UNKNOWN);
  g_assert_cmpint (s->verdict, ==, RESFRI_VERDICT_UNKNOWN);
  g_assert_cmpint (s->organizer_unit_id, ==, 0);
  g_assert_cmpstr (s->attendees->str, ==, "anna@vbg.se:0.0:1:1");
  g_assert_cmpfloat (s->avoided_km, ==, 0);

  /* The occurrence's own exemption wins over its meeting's. */
  s = find (list, "m6/20260309T080000Z");
  g_assert_cmpint (s->mode, ==, RESFRI_MODE_IN_PERSON);
  g_assert_cmpint (s->venue_site_id, ==, aml);
  g_assert_cmpint (s->verdict, ==, RESFRI_VERDICT_EXEMPT);
  g_assert_cmpstr (s->exemption, ==, "confidential");
  g_assert_cmpfloat_with_epsilon (s->travel_km, 2 * KM_VBG_AML, 0.1);
  g_assert_cmpuint (s->trips_short, ==, 0);
  g_assert_cmpuint (s->trips_long, ==, 1);

  /* The override is resolved from its own row. */
  s = find (list, "m6/20260316T080000Z");
  g_assert_cmpstr (s->summary, ==, "Samverkan i Uddevalla");
  g_assert_cmpint (s->venue_site_id, ==, udd);
  g_assert_cmpint (s->verdict, ==, RESFRI_VERDICT_EXEMPT);
  g_assert_cmpstr (s->exemption, ==, "relationship");
  g_assert_cmpfloat_with_epsilon (s->travel_km, 2 * KM_VBG_UDD + 2 * KM_UDD_AML, 0.1);
  g_assert_cmpuint (s->trips_short, ==, 1);
  g_assert_cmpuint (s->trips_long, ==, 1);

  /* "Åmålsvägen 3" is not at Åmål. */
  s = find (list, "m7/");
  g_assert_cmpint (s->mode, ==, RESFRI_MODE_UNKNOWN);
  g_assert_cmpint (s->venue_site_id, ==, 0);

  s = find (list, "m8/20260311T120000Z");
  g_assert_cmpint (s->venue_site_id, ==, vbg);
  g_assert_cmpint (s->verdict, ==, RESFRI_VERDICT_NON_COMPLIANT);
  g_assert_null (s->exemption);
  g_assert_cmpfloat_with_epsilon (s->travel_km, 2 * KM_VBG_UDD, 0.1);
  s = find (list, "m8/20260312T120000Z");
  g_assert_cmpint (s->verdict, ==, RESFRI_VERDICT_EXEMPT);
  g_assert_cmpstr (s->exemption, ==, "physical-presence");
}

static void
test_window_and_policy (Fixture       *fixture,
                        gconstpointer  data)
{
  ResfriStore *store = fixture->store;
  g_autoptr(ResfriPolicy) policy = resfri_policy_new_default ();
  g_autoptr(GPtrArray) window = NULL;
  g_autoptr(GPtrArray) all = NULL;
  Seen *s;

  /* [2026-03-04 08:30Z, 2026-03-05 08:00Z): m3 intersects, m4 starts at
   * the end and does not. */
  window = resolve (store, NULL, 1772613000, 1772697600);
  g_assert_cmpuint (window->len, ==, 1);
  g_assert_cmpstr (((Seen *) window->pdata[0])->key, ==, "m3/");

  /* local_km 30: cecilia's 29.6 km is local now, david's 95 km is not. */
  policy->local_km = 30;
  policy->co2_kg_per_km = 0.2;
  all = resolve (store, policy, 0, 0);
  s = find (all, "m8/20260311T120000Z");
  g_assert_cmpint (s->verdict, ==, RESFRI_VERDICT_LOCAL);
  g_assert_cmpfloat_with_epsilon (s->travel_km, 2 * KM_VBG_UDD, 0.1);
  g_assert_cmpfloat_with_epsilon (s->co2_kg, 2 * KM_VBG_UDD * 0.2, 0.01);
  s = find (all, "m1/");
  g_assert_cmpint (s->verdict, ==, RESFRI_VERDICT_NON_COMPLIANT);
}

static gboolean
stop_after_two (const ResfriResolvedOccurrence *o,
                gpointer                        user_data)
{
  guint *count = user_data;

  return ++*count < 2;
}

/* A year's check reads the occurrences on a second thread, in batches of
 * a few thousand: every one comes once and in order, and stopping or
 * cancelling in the middle of them ends both threads. */
typedef struct
{
  guint          count;
  guint          stop_at;
  gint64         last_start;
  GCancellable  *cancel;
} Many;

static gboolean
count_many (const ResfriResolvedOccurrence *o,
            gpointer                        user_data)
{
  Many *many = user_data;

  g_assert_cmpint (o->start, >=, many->last_start);
  many->last_start = o->start;
  if (++many->count == many->stop_at)
    {
      if (many->cancel == NULL)
        return FALSE;
      g_cancellable_cancel (many->cancel);
    }
  return TRUE;
}

static void
test_many_in_batches (Fixture       *fixture,
                      gconstpointer  data)
{
  static const char ics[] =
    "BEGIN:VCALENDAR\r\n"
    "VERSION:2.0\r\n"
    "PRODID:-//Resfri//test//EN\r\n"
    "BEGIN:VEVENT\r\n"
    "UID:m-hourly-1\r\n"
    "DTSTAMP:20260101T000000Z\r\n"
    "DTSTART:20260101T001000Z\r\n"
    "DTEND:20260101T001500Z\r\n"
    "RRULE:FREQ=HOURLY;COUNT=9000\r\n"
    "SUMMARY:Hourly\r\n"
    "LOCATION:Lilla rummet\r\n"
    "END:VEVENT\r\n"
    "BEGIN:VEVENT\r\n"
    "UID:m-hourly-2\r\n"
    "DTSTAMP:20260101T000000Z\r\n"
    "DTSTART:20260101T002000Z\r\n"
    "DTEND:20260101T002500Z\r\n"
    "RRULE:FREQ=HOURLY;COUNT=9000\r\n"
    "SUMMARY:Hourly\r\n"
    "LOCATION:Lilla rummet\r\n"
    "END:VEVENT\r\n"
    "BEGIN:VEVENT\r\n"
    "UID:m-hourly-3\r\n"
    "DTSTAMP:20260101T000000Z\r\n"
    "DTSTART:20260101T003000Z\r\n"
    "DTEND:20260101T003500Z\r\n"
    "RRULE:FREQ=HOURLY;COUNT=9000\r\n"
    "SUMMARY:Hourly\r\n"
    "LOCATION:Lilla rummet\r\n"
    "END:VEVENT\r\n"
    "END:VCALENDAR\r\n";
  ResfriStore *store = fixture->store;
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancel = g_cancellable_new ();
  Many whole = { 0, 0, G_MININT64, NULL };
  Many stopped = { 0, 5000, G_MININT64, NULL };
  Many cancelled = { 0, 3000, G_MININT64, cancel };
  guint hourly;

  g_assert_true (resfri_store_import_ical (store, ics, -1, "hourly.ics", NULL, &error));
  g_assert_no_error (error);
  hourly = (guint) _resfri_store_query_int (store, "SELECT count (*) FROM occurrences"
                                                   " WHERE uid LIKE 'm-hourly-%'", NULL);
  g_assert_cmpuint (hourly, >, 4 * 4096);

  g_assert_true (resfri_policy_check_occurrences (store, NULL, 0, 0, count_many, &whole, NULL,
                                                  &error));
  g_assert_no_error (error);
  g_assert_cmpuint (whole.count, ==,
                    (guint) _resfri_store_query_int (store, "SELECT count (*) FROM occurrences"
                                                            " WHERE cancelled = 0", NULL));

  g_assert_true (resfri_policy_check_occurrences (store, NULL, 0, 0, count_many, &stopped, NULL,
                                                  &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stopped.count, ==, 5000);

  g_assert_false (resfri_policy_check_occurrences (store, NULL, 0, 0, count_many, &cancelled,
                                                   cancel, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (cancelled.count, <, whole.count);
}

/* The reader scans the occurrences in rowid order and sorts them: those
 * that share a start still come by uid and recurrence id, as the query by
 * start gave them, though stored in the reverse order. */
typedef struct
{
  gint64  start;
  char   *uid;
  char   *recurrence_id;
  guint   count;
} Tie;

static gboolean
check_tie_order (const ResfriResolvedOccurrence *o,
                 gpointer                        user_data)
{
  Tie *tie = user_data;

  if (tie->uid != NULL && o->start == tie->start)
    {
      int cmp = strcmp (tie->uid, o->uid);

      g_assert_true (cmp < 0 || (cmp == 0 && strcmp (tie->recurrence_id, o->recurrence_id) < 0));
    }
  else
    g_assert_cmpint (o->start, >=, tie->start);
  tie->start = o->start;
  g_free (tie->uid);
  tie->uid = g_strdup (o->uid);
  g_free (tie->recurrence_id);
  tie->recurrence_id = g_strdup (o->recurrence_id);
  tie->count++;
  return TRUE;
}

static void
test_ties_sorted (Fixture       *fixture,
                  gconstpointer  data)
{
  static const char *const uids[] = { "m-tie-c", "m-tie-a", "m-tie-b" };
  ResfriStore *store = fixture->store;
  g_autoptr(GError) error = NULL;
  gint64 from = 1767225600;   /* 2026-01-01 */

  for (guint i = 0; i < G_N_ELEMENTS (uids); i++)
    {
      g_autofree char *ics = g_strdup_printf ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"
                                              "PRODID:-//Resfri//test//EN\r\n"
                                              "BEGIN:VEVENT\r\nUID:%s\r\n"
                                              "DTSTAMP:20260101T000000Z\r\n"
                                              "DTSTART:20260105T090000Z\r\n"
                                              "DTEND:20260105T100000Z\r\n"
                                              "RRULE:FREQ=DAILY;COUNT=40\r\n"
                                              "SUMMARY:Tie\r\nEND:VEVENT\r\n"
                                              "END:VCALENDAR\r\n", uids[i]);

      g_assert_true (resfri_store_import_ical (store, ics, -1, "tie.ics", NULL, &error));
      g_assert_no_error (error);
    }

  for (guint w = 0; w < 2; w++)
    {
      Tie tie = { G_MININT64, NULL, NULL, 0 };

      g_assert_true (resfri_policy_check_occurrences (store, NULL, w == 0 ? 0 : from,
                                                      w == 0 ? 0 : from + 365 * 24 * 3600,
                                                      check_tie_order, &tie, NULL, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (tie.count, >=, 3 * 40);
      g_free (tie.uid);
      g_free (tie.recurrence_id);
    }
}

static void
test_stop (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  guint count = 0;

  g_assert_true (resfri_policy_check_occurrences (fixture->store, NULL, 0, 0, stop_after_two, &count,
                                             NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count, ==, 2);
}

static void
test_exemption_errors (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (resfri_store_set_exemption (fixture->store, "nope", NULL, "confidential", NULL,
                                              &error));
  g_assert_error (error, RESFRI_ERROR, RESFRI_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (resfri_store_set_exemption (fixture->store, "m6", "20990101T000000Z",
                                              "confidential", NULL, &error));
  g_assert_error (error, RESFRI_ERROR, RESFRI_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (resfri_store_set_exemption (fixture->store, "m1", NULL, "laziness", NULL,
                                              &error));
  g_assert_error (error, RESFRI_ERROR, RESFRI_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_false (resfri_store_set_exemption (fixture->store, "m1", NULL, "other", "  ", &error));
  g_assert_error (error, RESFRI_ERROR, RESFRI_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_true (resfri_store_set_exemption (fixture->store, "m1", NULL, "other", "Avtal", &error));
  g_assert_no_error (error);

  {
    g_autofree char *reason = NULL;
    g_autofree char *note = NULL;

    g_assert_true (resfri_store_lookup_exemption (fixture->store, "m1", "", &reason, &note, &error));
    g_assert_no_error (error);
    g_assert_cmpstr (reason, ==, "other");
    g_assert_cmpstr (note, ==, "Avtal");
    g_clear_pointer (&reason, g_free);
    g_clear_pointer (&note, g_free);
    g_assert_true (resfri_store_lookup_exemption (fixture->store, "m6", "20260309T080000Z", &reason,
                                                  &note, &error));
    g_assert_cmpstr (reason, ==, "confidential");
    g_assert_null (note);
    g_assert_false (resfri_store_lookup_exemption (fixture->store, "m6", "20260316T080000Z", NULL,
                                                   NULL, &error));
    g_assert_no_error (error);
  }
  g_assert_nonnull (resfri_exemption_describe_reason ("other"));
  g_assert_null (resfri_exemption_describe_reason ("laziness"));
}

static void
assert_same (const Seen *a,
             const Seen *b)
{
  g_assert_cmpstr (a->key, ==, b->key);
  g_assert_cmpstr (a->summary, ==, b->summary);
  g_assert_cmpstr (a->exemption, ==, b->exemption);
  g_assert_cmpint (a->start, ==, b->start);
  g_assert_cmpint (a->organizer_unit_id, ==, b->organizer_unit_id);
  g_assert_cmpint (a->mode, ==, b->mode);
  g_assert_cmpint (a->verdict, ==, b->verdict);
  g_assert_cmpint (a->venue_site_id, ==, b->venue_site_id);
  g_assert_cmpint (a->venue_room_id, ==, b->venue_room_id);
  g_assert_cmpint (a->venue_room_vc, ==, b->venue_room_vc);
  g_assert_cmpint (a->has_url, ==, b->has_url);
  g_assert_cmpfloat (a->travel_km, ==, b->travel_km);
  g_assert_cmpfloat (a->avoided_km, ==, b->avoided_km);
  g_assert_cmpuint (a->trips_short, ==, b->trips_short);
  g_assert_cmpuint (a->trips_long, ==, b->trips_long);
  g_assert_cmpstr (a->attendees->str, ==, b->attendees->str);
}

/* A window of up to a day reads people as it meets them, a longer one
 * reads them all first: every occurrence resolved alone in its own hour is
 * the same as in the whole run. Emails are compared as lower-case UTF-8
 * either way: CECILIA@udd.se is Cecilia@udd.se, ÖSTEN@VBG.SE is
 * Östen@vbg.se (not an ASCII letter: the NOCASE index does not find it). */
static void
test_day_window_reads_people_alike (Fixture       *fixture,
                                    gconstpointer  data)
{
  static const char people[] =
    "email,name,unit,site\n"
    "Östen@vbg.se,Östen,Bygg,VBG\n";
  static const char inventory[] =
    "asset_tag,type,site,owner_email,state\n"
    "H9,headset,VBG,Östen@vbg.se,ok\n";
  static const char ics[] =
    "BEGIN:VCALENDAR\r\n"
    "VERSION:2.0\r\n"
    "PRODID:-//Resfri//test//EN\r\n"
    "BEGIN:VEVENT\r\n"
    "UID:m-osten\r\n"
    "DTSTAMP:20260101T000000Z\r\n"
    "DTSTART:20260320T080000Z\r\n"
    "DTEND:20260320T090000Z\r\n"
    "SUMMARY:Bygglov\r\n"
    "LOCATION:Lilla rummet\r\n"
    "ORGANIZER:mailto:ÖSTEN@VBG.SE\r\n"
    "ATTENDEE:mailto:CECILIA@udd.se\r\n"
    "ATTENDEE:mailto:nobody@example.com\r\n"
    "END:VEVENT\r\n"
    "END:VCALENDAR\r\n";
  ResfriStore *store = fixture->store;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) whole = NULL;
  gboolean seen_osten = FALSE;

  g_assert_true (resfri_register_import_data (store, RESFRI_REGISTER_PEOPLE, "more.csv", people,
                                              strlen (people), NULL, &error));
  g_assert_no_error (error);
  g_assert_true (resfri_register_import_data (store, RESFRI_REGISTER_INVENTORY, "more.csv",
                                              inventory, strlen (inventory), NULL, &error));
  g_assert_no_error (error);
  g_assert_true (resfri_store_import_ical (store, ics, -1, "more.ics", NULL, &error));
  g_assert_no_error (error);

  whole = resolve (store, NULL, 0, 0);
  g_assert_cmpuint (whole->len, >, 10);
  for (guint i = 0; i < whole->len; i++)
    {
      const Seen *all = g_ptr_array_index (whole, i);
      g_autoptr(GPtrArray) alone = resolve (store, NULL, all->start, all->start + 3600);

      assert_same (all, find (alone, all->key));
      if (g_str_has_prefix (all->key, "m-osten/"))
        {
          seen_osten = TRUE;
          /* Östen is internal and has his headset; the guest is not. */
          g_assert_nonnull (strstr (all->attendees->str, "östen@vbg.se:"));
          g_assert_nonnull (strstr (all->attendees->str, ":1:0"));
          g_assert_null (strstr (all->attendees->str, "nobody"));
          g_assert_cmpint (all->organizer_unit_id, !=, 0);
        }
    }
  g_assert_true (seen_osten);
}

/* A window longer than a month resolves every meeting ahead from one
 * read of the meetings and attendees in step; a shorter one reads each
 * meeting as it meets it: the same resolution either way, attendees in
 * the same order (the order of `check`'s missing equipment). */
static gboolean
collect_attendee_order (const ResfriResolvedOccurrence *o,
                        gpointer                        user_data)
{
  GHashTable *orders = user_data;
  GString *order = g_string_new (NULL);

  for (guint i = 0; i < o->n_attendees; i++)
    g_string_append_printf (order, "%s ", o->attendees[i].email);
  g_hash_table_replace (orders, g_strdup_printf ("%s/%s", o->uid, o->recurrence_id),
                        g_string_free (order, FALSE));

  return TRUE;
}

static void
test_preloaded_alike (Fixture       *fixture,
                      gconstpointer  data)
{
  ResfriStore *store = fixture->store;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) whole = resolve (store, NULL, 0, 0);
  g_autoptr(GHashTable) whole_orders = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                              g_free);
  g_autoptr(GHashTable) short_orders = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                              g_free);
  gint64 first = G_MAXINT64;
  gint64 last = G_MININT64;
  guint n = 0;

  g_assert_cmpuint (whole->len, >=, 10);
  for (guint i = 0; i < whole->len; i++)
    {
      const Seen *all = g_ptr_array_index (whole, i);

      first = MIN (first, all->start);
      last = MAX (last, all->start);
    }
  g_assert_true (resfri_policy_check_occurrences (store, NULL, 0, 0, collect_attendee_order,
                                                  whole_orders, NULL, &error));
  g_assert_no_error (error);

  /* Windows of a week: each meeting read alone, every person read first. */
  for (gint64 from = first; from <= last; from += 7 * 24 * 3600)
    {
      g_autoptr(GPtrArray) week = resolve (store, NULL, from, from + 7 * 24 * 3600);

      for (guint i = 0; i < week->len; i++)
        {
          const Seen *one = g_ptr_array_index (week, i);

          if (one->start < from)
            continue;
          assert_same (find (whole, one->key), one);
          n++;
        }
      g_assert_true (resfri_policy_check_occurrences (store, NULL, from, from + 7 * 24 * 3600,
                                                      collect_attendee_order, short_orders, NULL,
                                                      &error));
      g_assert_no_error (error);
    }
  g_assert_cmpuint (n, ==, whole->len);

  g_assert_cmpuint (g_hash_table_size (short_orders), ==, g_hash_table_size (whole_orders));
  {
    GHashTableIter iter;
    gpointer key;
    gpointer value;

    g_hash_table_iter_init (&iter, whole_orders);
    while (g_hash_table_iter_next (&iter, &key, &value))
      g_assert_cmpstr (g_hash_table_lookup (short_orders, key), ==, value);
  }
}

/* The check of the whole store, with the occurrences' attendee orders in
 * @orders. */
static GPtrArray *
resolve_whole (ResfriStore *store,
               GHashTable  *orders)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *list = resolve (store, NULL, 0, 0);

  g_assert_true (resfri_policy_check_occurrences (store, NULL, 0, 0, collect_attendee_order,
                                                  orders, NULL, &error));
  g_assert_no_error (error);

  return list;
}

/* A long window's registers are read on the reader's thread while the
 * meetings' rows are read: rows that come before the registers are in
 * wait for them. Whether they come first, last (held until every row is
 * read) or not on a second thread at all (a transaction under way, which
 * a second connection would not see), every occurrence and its
 * attendees' order are resolved alike. */
static void
test_registers_late_alike (Fixture       *fixture,
                           gconstpointer  data)
{
  ResfriStore *store = fixture->store;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) alone = NULL;
  g_autoptr(GPtrArray) early = NULL;
  g_autoptr(GPtrArray) late = NULL;
  g_autoptr(GHashTable) alone_orders = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                              g_free);
  g_autoptr(GHashTable) early_orders = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                              g_free);
  g_autoptr(GHashTable) late_orders = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                             g_free);
  GPtrArray *lists[] = { NULL, NULL };
  GHashTable *orders[] = { early_orders, late_orders };

  g_assert_true (_resfri_store_begin (store, &error));
  g_assert_no_error (error);
  alone = resolve_whole (store, alone_orders);
  _resfri_store_rollback (store);

  early = resolve_whole (store, early_orders);
  _resfri_policy_reader_hold_registers (TRUE);
  late = resolve_whole (store, late_orders);
  _resfri_policy_reader_hold_registers (FALSE);
  lists[0] = early;
  lists[1] = late;

  g_assert_cmpuint (alone->len, >=, 10);
  for (guint k = 0; k < G_N_ELEMENTS (lists); k++)
    {
      GHashTableIter iter;
      gpointer key;
      gpointer value;

      g_assert_cmpuint (lists[k]->len, ==, alone->len);
      for (guint i = 0; i < alone->len; i++)
        {
          const Seen *a = g_ptr_array_index (alone, i);
          const Seen *b = g_ptr_array_index (lists[k], i);

          g_assert_cmpstr (a->key, ==, b->key);
          assert_same (a, b);
        }
      g_assert_cmpuint (g_hash_table_size (orders[k]), ==, g_hash_table_size (alone_orders));
      g_hash_table_iter_init (&iter, alone_orders);
      while (g_hash_table_iter_next (&iter, &key, &value))
        g_assert_cmpstr (g_hash_table_lookup (orders[k], key), ==, value);
    }
}

/* The check of one UID's occurrences (the New Meeting window's draft)
 * resolves each as the check of the whole window does, and gives no
 * other. */
static void
test_one_uid_alike (Fixture       *fixture,
                    gconstpointer  data)
{
  ResfriStore *store = fixture->store;
  g_autoptr(GPtrArray) whole = resolve (store, NULL, 0, 0);

  g_assert_cmpuint (whole->len, >=, 10);
  for (guint i = 0; i < whole->len; i++)
    {
      const Seen *all = g_ptr_array_index (whole, i);
      g_autoptr(GPtrArray) window = resolve (store, NULL, all->start, all->start + 3600);
      g_autoptr(GPtrArray) alone = g_ptr_array_new_with_free_func (seen_free);
      g_autofree char *uid = g_strndup (all->key, strrchr (all->key, '/') - all->key);
      g_autoptr(GError) error = NULL;
      guint n = 0;

      g_assert_true (_resfri_policy_check_uid_occurrences (store, NULL, uid, all->start,
                                                           all->start + 3600, collect, alone,
                                                           NULL, &error));
      g_assert_no_error (error);
      for (guint j = 0; j < window->len; j++)
        {
          const Seen *w = g_ptr_array_index (window, j);

          if (g_str_has_prefix (w->key, uid) && w->key[strlen (uid)] == '/')
            {
              assert_same (w, find (alone, w->key));
              n++;
            }
        }
      g_assert_cmpuint (alone->len, ==, n);
      g_assert_cmpuint (n, >, 0);
    }
}

/* Östen@vbg.se and östen@vbg.se are two people to the register (its NOCASE
 * column folds ASCII letters only) and one address to the resolver: the
 * later one wins, read all at once (a year) or one by one (an hour), and
 * the earlier one's headset is not his (reading them all once freed the
 * earlier person and then looked its items up; AddressSanitizer run). */
static void
test_case_twins (Fixture       *fixture,
                 gconstpointer  data)
{
  static const char people[] =
    "email,name,unit,site\n"
    "Östen@vbg.se,Östen,Bygg,VBG\n"
    "östen@vbg.se,Östen i Åmål,Skola,AML\n";
  static const char inventory[] =
    "asset_tag,type,site,owner_email,state\n"
    "H9,headset,VBG,Östen@vbg.se,ok\n";
  static const char ics[] =
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Resfri//test//EN\r\n"
    "BEGIN:VEVENT\r\nUID:twins\r\nDTSTAMP:20260101T000000Z\r\n"
    "DTSTART:20260320T080000Z\r\nDTEND:20260320T090000Z\r\nSUMMARY:Tvillingar\r\n"
    "LOCATION:Lilla rummet\r\nORGANIZER:mailto:anna@vbg.se\r\n"
    "ATTENDEE:mailto:ÖSTEN@VBG.SE\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
  ResfriStore *store = fixture->store;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) whole = NULL;
  g_autoptr(GPtrArray) alone = NULL;
  const Seen *all;

  g_assert_true (resfri_register_import_data (store, RESFRI_REGISTER_PEOPLE, "twins.csv", people,
                                              strlen (people), NULL, &error));
  g_assert_no_error (error);
  g_assert_true (resfri_register_import_data (store, RESFRI_REGISTER_INVENTORY, "twins.csv",
                                              inventory, strlen (inventory), NULL, &error));
  g_assert_no_error (error);
  g_assert_true (resfri_store_import_ical (store, ics, -1, "twins.ics", NULL, &error));
  g_assert_no_error (error);

  whole = resolve (store, NULL, 0, 0);
  all = find (whole, "twins/");
  alone = resolve (store, NULL, all->start, all->start + 3600);
  assert_same (all, find (alone, "twins/"));
  /* Anna (VBG) and the Åmål Östen, without the VBG Östen's headset. */
  g_assert_nonnull (strstr (all->attendees->str, "östen@vbg.se:"));
  g_assert_nonnull (strstr (all->attendees->str, ":0:0"));
}

/* Addresses are lowered as g_utf8_strdown() lowers them, whether in
 * ASCII, in Latin-1 (lowered without GLib's tables) or beyond it; '×'
 * (U+00D7, between Latin-1's capitals) has no lower case. */
static void
test_addresses_lowered (Fixture       *fixture,
                        gconstpointer  data)
{
  static const char people[] =
    "email,name,unit,site\n"
    "asa.berg@vbg.se,Åsa,Bygg,VBG\n"
    "åsa.öberg@vbg.se,Åsa Ö,Bygg,VBG\n"
    "łukasz@vbg.se,Łukasz,Bygg,VBG\n"
    "a×b@vbg.se,Times,Bygg,VBG\n";
  static const char ics[] =
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Resfri//test//EN\r\n"
    "BEGIN:VEVENT\r\nUID:lowered\r\nDTSTAMP:20260101T000000Z\r\n"
    "DTSTART:20260320T080000Z\r\nDTEND:20260320T090000Z\r\nSUMMARY:Gemener\r\n"
    "ORGANIZER:mailto:ASA.Berg@VBG.se\r\n"
    "ATTENDEE:mailto:ÅSA.ÖBERG@VBG.SE\r\nATTENDEE:mailto:ŁUKASZ@VBG.SE\r\n"
    "ATTENDEE:mailto:A×B@VBG.SE\r\nATTENDEE:mailto:nobody@VBG.SE\r\n"
    "END:VEVENT\r\nEND:VCALENDAR\r\n";
  ResfriStore *store = fixture->store;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) whole = NULL;
  const Seen *seen;

  g_assert_true (resfri_register_import_data (store, RESFRI_REGISTER_PEOPLE, "lowered.csv",
                                              people, strlen (people), NULL, &error));
  g_assert_no_error (error);
  g_assert_true (resfri_store_import_ical (store, ics, -1, "lowered.ics", NULL, &error));
  g_assert_no_error (error);

  whole = resolve (store, NULL, 0, 0);
  seen = find (whole, "lowered/");
  g_assert_nonnull (strstr (seen->attendees->str, "asa.berg@vbg.se:"));
  g_assert_nonnull (strstr (seen->attendees->str, "åsa.öberg@vbg.se:"));
  g_assert_nonnull (strstr (seen->attendees->str, "łukasz@vbg.se:"));
  g_assert_nonnull (strstr (seen->attendees->str, "a×b@vbg.se:"));
  g_assert_null (strstr (seen->attendees->str, "nobody"));
}

/* Of several CUTYPE=ROOM attendees that are known rooms, the one with the
 * smallest email is the venue, whatever their order in the file (the sort
 * compared the pointers to the emails, so the venue hung on where malloc
 * put them; a re-imported export that named the booked room beside the
 * LOCATION's came back at the other site). */
static void
test_smallest_room_email (Fixture       *fixture,
                          gconstpointer  data)
{
  static const char rooms[] =
    "id,name,site,capacity,email\n"
    "R3,Zeta,STR,10,zeta@str.se\n"
    "R4,Alfa,AML,10,alfa@aml.se\n"
    "R5,Mitt,UDD,10,mitt@udd.se\n";
  static const char *const orders[][3] = {
    { "zeta@str.se", "mitt@udd.se", "alfa@aml.se" },
    { "alfa@aml.se", "zeta@str.se", "mitt@udd.se" },
    { "mitt@udd.se", "alfa@aml.se", "zeta@str.se" },
    { "zeta@str.se", "alfa@aml.se", "mitt@udd.se" },
  };
  ResfriStore *store = fixture->store;
  g_autoptr(GString) ics = g_string_new ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"
                                         "PRODID:-//Resfri//test//EN\r\n");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) seen = NULL;
  gint64 aml = query_id (store, "sites", "AML");

  g_assert_true (resfri_register_import_data (store, RESFRI_REGISTER_ROOMS, "rooms.csv", rooms,
                                              strlen (rooms), NULL, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (orders); i++)
    {
      g_string_append_printf (ics,
                              "BEGIN:VEVENT\r\nUID:rooms-%u\r\nDTSTAMP:20260101T000000Z\r\n"
                              "DTSTART:20260323T080000Z\r\nDTEND:20260323T090000Z\r\n"
                              "SUMMARY:Rum\r\nLOCATION:Lilla rummet\r\n"
                              "ORGANIZER:mailto:anna@vbg.se\r\n", i);
      for (guint j = 0; j < 3; j++)
        g_string_append_printf (ics, "ATTENDEE;CUTYPE=ROOM:mailto:%s\r\n", orders[i][j]);
      g_string_append (ics, "END:VEVENT\r\n");
    }
  g_string_append (ics, "END:VCALENDAR\r\n");
  g_assert_true (resfri_store_import_ical (store, ics->str, -1, "rooms.ics", NULL, &error));
  g_assert_no_error (error);

  seen = resolve (store, NULL, 0, 0);
  for (guint i = 0; i < G_N_ELEMENTS (orders); i++)
    {
      g_autofree char *key = g_strdup_printf ("rooms-%u/", i);

      g_assert_cmpint (find (seen, key)->venue_site_id, ==, aml);
    }
}

/* The policy check kept: resfri_policy_verdicts_load_async() on a worker
 * thread gives what the callback sees, found again by key. */

static ResfriPolicyVerdicts *
load_verdicts (ResfriStore   *store,
               gint64         from,
               gint64         to,
               GCancellable  *cancellable,
               GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  resfri_policy_verdicts_load_async (store, from, to, cancellable, resfri_test_ready, &result);
  resfri_test_wait (&result);

  return resfri_policy_verdicts_load_finish (store, result, error);
}

static void
test_verdicts_async (Fixture       *fixture,
                     gconstpointer  data)
{
  ResfriStore *store = fixture->store;
  g_autoptr(GPtrArray) list = resolve (store, NULL, 0, 0);
  g_autoptr(GPtrArray) kept = g_ptr_array_new_with_free_func (seen_free);
  g_autoptr(ResfriPolicyVerdicts) verdicts = NULL;
  g_autoptr(GError) error = NULL;
  const ResfriResolvedOccurrence *o;
  gint64 r1 = query_id (store, "rooms", "R1");
  gint64 it = query_unit (store, "Kommunstyrelsen/IT");

  verdicts = load_verdicts (store, 0, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (verdicts);

  /* Everything the callback saw, in its order. */
  g_assert_cmpuint (resfri_policy_verdicts_get_n_occurrences (verdicts), ==, list->len);
  for (guint i = 0; i < list->len; i++)
    {
      collect (resfri_policy_verdicts_get_occurrence (verdicts, i), kept);
      assert_same (g_ptr_array_index (kept, i), g_ptr_array_index (list, i));
    }

  /* Found by key; a non-recurring event's recurrence id is NULL or "". */
  o = resfri_policy_verdicts_lookup (verdicts, "m1", NULL);
  g_assert_nonnull (o);
  g_assert_true (o == resfri_policy_verdicts_lookup (verdicts, "m1", ""));
  g_assert_cmpstr (o->summary, ==, "Budget");
  g_assert_cmpstr (o->recurrence_id, ==, "");
  g_assert_cmpuint (o->n_attendees, ==, 3);
  g_assert_cmpint (o->venue_room_id, ==, r1);
  g_assert_null (resfri_policy_verdicts_lookup (verdicts, "m1", "20260309T080000Z"));
  g_assert_null (resfri_policy_verdicts_lookup (verdicts, "no-such-meeting", NULL));
  g_assert_null (resfri_policy_verdicts_lookup (verdicts, NULL, NULL));

  o = resfri_policy_verdicts_lookup (verdicts, "m6", "20260309T080000Z");
  g_assert_nonnull (o);
  g_assert_cmpstr (o->exemption, ==, "confidential");

  /* The names the Meetings view shows with the verdicts. */
  g_assert_nonnull (resfri_policy_verdicts_get_names (verdicts));
  g_assert_nonnull (resfri_names_get_room_name (resfri_policy_verdicts_get_names (verdicts), r1));
  g_assert_cmpstr (resfri_names_get_unit_path (resfri_policy_verdicts_get_names (verdicts), it),
                   ==, "Kommunstyrelsen/IT");

  /* The kept verdicts are a boxed type, shared by reference. */
  g_assert_true (G_TYPE_IS_BOXED (RESFRI_TYPE_POLICY_VERDICTS));
  resfri_policy_verdicts_unref (resfri_policy_verdicts_ref (verdicts));
  g_assert_cmpuint (resfri_policy_verdicts_get_n_occurrences (verdicts), ==, list->len);
}

static void
test_verdicts_window (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GPtrArray) all = resolve (fixture->store, NULL, 0, 0);
  g_autoptr(ResfriPolicyVerdicts) verdicts = NULL;
  g_autoptr(GError) error = NULL;
  const Seen *first = g_ptr_array_index (all, 0);
  g_autoptr(GPtrArray) window = NULL;

  /* The window of the first occurrence's minute: what the check gives. */
  window = resolve (fixture->store, NULL, first->start, first->start + 60);
  verdicts = resfri_policy_verdicts_load (fixture->store, NULL, first->start, first->start + 60,
                                          NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (window->len, >, 0);
  g_assert_cmpuint (resfri_policy_verdicts_get_n_occurrences (verdicts), ==, window->len);
}

static void
test_verdicts_cancelled (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(ResfriPolicyVerdicts) verdicts = NULL;
  g_autoptr(GError) error = NULL;

  g_cancellable_cancel (cancellable);
  verdicts = load_verdicts (fixture->store, 0, 0, cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (verdicts);
  g_clear_error (&error);

  verdicts = resfri_policy_verdicts_load (fixture->store, NULL, 0, 0, cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (verdicts);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/resolve/distance", test_distance);
  ADD ("/resolve/every-occurrence", test_every_occurrence);
  ADD ("/resolve/window-and-policy", test_window_and_policy);
  ADD ("/resolve/stop", test_stop);
  ADD ("/resolve/exemption-errors", test_exemption_errors);
  ADD ("/resolve/day-window-reads-people-alike", test_day_window_reads_people_alike);
  ADD ("/resolve/case-twins", test_case_twins);
  ADD ("/resolve/addresses-lowered", test_addresses_lowered);
  ADD ("/resolve/preloaded-alike", test_preloaded_alike);
  ADD ("/resolve/registers-late-alike", test_registers_late_alike);
  ADD ("/resolve/one-uid-alike", test_one_uid_alike);
  ADD ("/resolve/many-in-batches", test_many_in_batches);
  ADD ("/resolve/ties-sorted", test_ties_sorted);
  ADD ("/resolve/smallest-room-email", test_smallest_room_email);
  ADD ("/resolve/verdicts-async", test_verdicts_async);
  ADD ("/resolve/verdicts-window", test_verdicts_window);
  ADD ("/resolve/verdicts-cancelled", test_verdicts_cancelled);
#undef ADD

  return g_test_run ();
}

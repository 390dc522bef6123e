/* test-policy-split.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The policy check of a long window reads the meeting rows in two ranges
 * of ids at once (resfri-policy-meetings.c): wherever the ranges meet,
 * it gives every occurrence, in the same order and resolved alike, as the
 * check that reads them in one range. The reader of the occurrences on
 * its own thread sorts them as sqlite would, on one thread or two; and
 * the check in two parts at once gives the same occurrences, in order,
 * split between the parts.
 */

#include "config.h"

#include <sqlite3.h>

#include "resfri-core.h"
#include "resfri-policy-private.h"
#include "resfri-policy-reader-private.h"
#include "resfri-policy-resolver-private.h"
#include "resfri-registers-private.h"
#include "resfri-store-private.h"
#include "resfri-test-fixture.h"

typedef ResfriTestFixture Fixture;

/* Everything the check gives of an occurrence, as one line. */
static gboolean
describe (const ResfriResolvedOccurrence *o,
          gpointer                        user_data)
{
  GPtrArray *lines = user_data;
  GString *line = g_string_new (NULL);

  g_string_append_printf (line, "%" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %s/%s %"
                          G_GINT64_FORMAT "-%" G_GINT64_FORMAT " [%s] [%s] %" G_GINT64_FORMAT
                          " %" G_GINT64_FORMAT " %d %" G_GINT64_FORMAT " %" G_GINT64_FORMAT
                          " %d [%s] %u [%s] %d %.17g %.17g %.17g %.17g %.17g %.17g %.17g %.17g"
                          " %u %u:",
                          o->occurrence_id, o->meeting_id, o->uid, o->recurrence_id, o->start,
                          o->end, o->summary, o->organizer, o->organizer_id, o->organizer_unit_id,
                          o->mode, o->venue_site_id, o->venue_room_id, o->venue_room_vc,
                          o->online_url, o->n_unregistered, o->exemption, o->verdict,
                          o->travel_km, o->travel_co2_kg, o->travel_cost_sek, o->travel_hours,
                          o->avoided_km, o->avoided_co2_kg, o->avoided_cost_sek,
                          o->avoided_hours, o->trips_short, o->trips_long);
  for (guint i = 0; i < o->n_attendees; i++)
    g_string_append_printf (line, " %" G_GINT64_FORMAT "/%s/%" G_GINT64_FORMAT "/%"
                            G_GINT64_FORMAT "/%.17g/%d/%d",
                            o->attendees[i].person_id, o->attendees[i].email,
                            o->attendees[i].home_site_id, o->attendees[i].unit_id,
                            o->attendees[i].one_way_km, o->attendees[i].has_headset,
                            o->attendees[i].has_camera);
  g_ptr_array_add (lines, g_string_free (line, FALSE));

  return TRUE;
}

/* The check of the whole store (a long window: every meeting resolved
 * ahead), its second range of meeting rows from @split_at on. */
static GPtrArray *
check_split_at (ResfriStore *store,
                gint64       split_at)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *lines = g_ptr_array_new_with_free_func (g_free);

  _resfri_policy_split_meetings_at (split_at);
  g_assert_true (resfri_policy_check_occurrences (store, NULL, 0, 0, describe, lines, NULL,
                                                  &error));
  _resfri_policy_split_meetings_at (-1);
  g_assert_no_error (error);

  return lines;
}

static void
assert_same_lines (GPtrArray *expected,
                   GPtrArray *lines)
{
  g_assert_cmpuint (lines->len, ==, expected->len);
  for (guint i = 0; i < expected->len; i++)
    g_assert_cmpstr (g_ptr_array_index (lines, i), ==, g_ptr_array_index (expected, i));
}

static void
meeting_id_bounds (ResfriStore *store,
                   gint64      *first_id,
                   gint64      *last_id)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (_resfri_calendar_meeting_id_bounds (store, first_id, last_id, &error));
  g_assert_no_error (error);
}

/* Wherever the second range starts (before every row, at the first, in
 * the middle, at the last, past the last; by the number of rows), and
 * whether the registers come before the rows or after them all, the
 * check is the one of a single range. */
static void
test_demo_alike (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GPtrArray) single = NULL;
  gint64 first_id;
  gint64 last_id;

  resfri_test_fixture_set_up_demo (fixture, 120);
  meeting_id_bounds (fixture->store, &first_id, &last_id);
  g_assert_cmpint (last_id - first_id, >=, 20);

  single = check_split_at (fixture->store, 0);
  g_assert_cmpuint (single->len, >=, 100);
  {
    gint64 splits[] = { 1, first_id, first_id + 1, (first_id + last_id) / 2, last_id - 1,
                        last_id, last_id + 1, last_id + 1000, -1 };

    for (guint i = 0; i < G_N_ELEMENTS (splits); i++)
      {
        g_autoptr(GPtrArray) split = NULL;

        if (splits[i] == 0)
          continue;
        g_test_message ("second range from %" G_GINT64_FORMAT, splits[i]);
        split = check_split_at (fixture->store, splits[i]);
        assert_same_lines (single, split);

        _resfri_policy_reader_hold_registers (TRUE);
        g_clear_pointer (&split, g_ptr_array_unref);
        split = check_split_at (fixture->store, splits[i]);
        _resfri_policy_reader_hold_registers (FALSE);
        assert_same_lines (single, split);
      }
  }
}

/* No meeting row: nothing, in either range. */
static void
test_no_meeting (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GPtrArray) single = NULL;
  g_autoptr(GPtrArray) split = NULL;

  resfri_test_fixture_set_up (fixture, NULL);
  single = check_split_at (fixture->store, 0);
  split = check_split_at (fixture->store, 1);
  g_assert_cmpuint (single->len, ==, 0);
  g_assert_cmpuint (split->len, ==, 0);
}

static const char one_meeting_ics[] =
  "BEGIN:VCALENDAR\r\n"
  "VERSION:2.0\r\n"
  "PRODID:-//Resfri//test//EN\r\n"
  "BEGIN:VEVENT\r\n"
  "UID:one@example.org\r\n"
  "DTSTAMP:20260101T000000Z\r\n"
  "DTSTART:20260302T090000Z\r\n"
  "DTEND:20260302T100000Z\r\n"
  "RRULE:FREQ=WEEKLY;COUNT=3\r\n"
  "SUMMARY:One\r\n"
  "LOCATION:Somewhere\r\n"
  "ORGANIZER:mailto:Organiser@example.org\r\n"
  "ATTENDEE;PARTSTAT=ACCEPTED:mailto:a@example.org\r\n"
  "ATTENDEE;CUTYPE=ROOM:mailto:room@example.org\r\n"
  "END:VEVENT\r\n"
  "END:VCALENDAR\r\n";

/* One meeting row, in the first range or in the second. */
static void
test_one_meeting (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GPtrArray) single = NULL;
  g_autoptr(GError) error = NULL;
  gint64 first_id;
  gint64 last_id;

  resfri_test_fixture_set_up (fixture, NULL);
  g_assert_true (resfri_store_import_ical (fixture->store, one_meeting_ics, -1, "one.ics", NULL,
                                           &error));
  g_assert_no_error (error);
  meeting_id_bounds (fixture->store, &first_id, &last_id);
  g_assert_cmpint (first_id, ==, last_id);

  single = check_split_at (fixture->store, 0);
  g_assert_cmpuint (single->len, ==, 3);
  {
    gint64 splits[] = { 1, first_id, first_id + 1 };

    for (guint i = 0; i < G_N_ELEMENTS (splits); i++)
      {
        g_autoptr(GPtrArray) split = check_split_at (fixture->store, splits[i]);

        assert_same_lines (single, split);
      }
  }
}

/* The reader's sort (a radix sort of the starts, then the uids and
 * recurrence ids of each start's run) gives sqlite's order of the
 * occurrences: before 1970, far apart, and many at one start. */
static void
test_reader_order (Fixture       *fixture,
                   gconstpointer  data)
{
  static const char *const events[][3] = {
    { "b-tie", "20260105T090000Z", "DAILY;COUNT=30" },
    { "a-tie", "20260105T090000Z", "DAILY;COUNT=30" },
    { "c-tie", "20260105T090000Z", "WEEKLY;COUNT=5" },
    { "old", "19500301T120000Z", "YEARLY;COUNT=3" },
    { "far", "22500301T120000Z", "YEARLY;COUNT=3" },
    { "one", "20260105T083000Z", "DAILY;COUNT=1" },
  };
  ResfriStore *store;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) sorted = NULL;
  g_autoptr(GPtrArray) read = NULL;

  resfri_test_fixture_set_up (fixture, NULL);
  store = fixture->store;
  for (guint i = 0; i < G_N_ELEMENTS (events); i++)
    {
      g_autofree char *ics = g_strdup_printf ("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"
                                              "PRODID:-//Resfri//test//EN\r\n"
                                              "BEGIN:VEVENT\r\nUID:%s\r\n"
                                              "DTSTAMP:20260101T000000Z\r\n"
                                              "DTSTART:%s\r\nDURATION:PT1H\r\n"
                                              "RRULE:FREQ=%s\r\n"
                                              "SUMMARY:Order\r\nEND:VEVENT\r\n"
                                              "END:VCALENDAR\r\n",
                                              events[i][0], events[i][1], events[i][2]);

      g_assert_true (resfri_store_import_ical (store, ics, -1, "order.ics", NULL, &error));
      g_assert_no_error (error);
    }

  sorted = check_split_at (store, 0);
  /* In a transaction a second connection would not see it: no reader,
   * the occurrences come in sqlite's order. */
  g_assert_true (_resfri_store_begin (store, &error));
  g_assert_no_error (error);
  read = check_split_at (store, 0);
  _resfri_store_rollback (store);
  g_assert_cmpuint (read->len, >=, 30 + 30 + 5 + 1);
  assert_same_lines (read, sorted);

  /* The runs of one start sorted on two threads, the half of the rows
   * where they part in the middle of the run of 09:00 on 5 January. */
  _resfri_policy_reader_set_split_rows (2);
  g_clear_pointer (&sorted, g_ptr_array_unref);
  sorted = check_split_at (store, 0);
  _resfri_policy_reader_set_split_rows (0);
  assert_same_lines (read, sorted);
}

/* The check of the whole store in two parts at once, with the reader's
 * rows split from @rows on: the lines of each part. */
static void
check_in_two (ResfriStore  *store,
              guint         rows,
              GPtrArray   **first,
              GPtrArray   **second)
{
  g_autoptr(GError) error = NULL;

  *first = g_ptr_array_new_with_free_func (g_free);
  *second = g_ptr_array_new_with_free_func (g_free);
  _resfri_policy_reader_set_split_rows (rows);
  g_assert_true (_resfri_policy_check_occurrences_in_two (store, NULL, 0, 0, describe, *first,
                                                          *second, NULL, NULL, NULL, &error));
  _resfri_policy_reader_set_split_rows (0);
  g_assert_no_error (error);
}

static gboolean
count_exempt (const ResfriResolvedOccurrence *o,
              gpointer                        user_data)
{
  guint *count = user_data;

  *count += o->exemption != NULL;
  return TRUE;
}

/* The check in two parts at once: the first half of the occurrences to
 * the first part and the rest to the second, each in order, resolved as
 * one check on one thread resolves them (exemptions too); with too few
 * rows, all of them to the first. */
static void
test_in_two (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GPtrArray) single = NULL;
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GPtrArray) second = NULL;
  g_autoptr(GPtrArray) joined = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  guint exempt = 0;

  resfri_test_fixture_set_up_demo (fixture, 120);
  single = check_split_at (fixture->store, 0);
  g_assert_cmpuint (single->len, >=, 100);
  /* Exemptions are looked up otherwise in two parts: there are some. */
  g_assert_true (resfri_policy_check_occurrences (fixture->store, NULL, 0, 0, count_exempt,
                                                  &exempt, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (exempt, >, 0);

  check_in_two (fixture->store, 2, &first, &second);
  g_assert_cmpuint (first->len, ==, single->len / 2);
  g_assert_cmpuint (second->len, ==, single->len - single->len / 2);
  g_ptr_array_extend (joined, first, NULL, NULL);
  g_ptr_array_extend (joined, second, NULL, NULL);
  assert_same_lines (single, joined);

  g_clear_pointer (&first, g_ptr_array_unref);
  g_clear_pointer (&second, g_ptr_array_unref);
  check_in_two (fixture->store, G_MAXUINT, &first, &second);
  assert_same_lines (single, first);
  g_assert_cmpuint (second->len, ==, 0);
}

static void
keep_registers (ResfriRegisters *registers,
                gpointer         user_data)
{
  GPtrArray *given = user_data;

  g_ptr_array_add (given, registers);
}

static void
describe_kit_row (const ResfriRegistersKitRow *row,
                  gpointer                     user_data)
{
  g_ptr_array_add (user_data, g_strdup_printf ("%" G_GINT64_FORMAT " %s %s %s %" G_GINT64_FORMAT
                                               " %s %s %d %d", row->id, row->email, row->name,
                                               row->unit, row->unit_id, row->unit_name, row->site,
                                               row->has_headset, row->has_camera));
}

/* A check asked for its registers gives them once, with names: every
 * person, unit and site in them as the gaps' query of the people reads
 * them, in its order; a check with no reader (a transaction under way)
 * gives none. */
static void
test_registers_given (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GPtrArray) given = g_ptr_array_new_with_free_func ((GDestroyNotify) resfri_registers_unref);
  g_autoptr(GPtrArray) queried = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) snapshot = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) first = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) second = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;

  resfri_test_fixture_set_up_demo (fixture, 120);
  g_assert_true (_resfri_policy_check_occurrences_in_two (fixture->store, NULL, 0, 0, describe,
                                                          first, second, keep_registers, given,
                                                          NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (given->len, ==, 1);
  g_assert_nonnull (g_ptr_array_index (given, 0));

  g_assert_true (_resfri_registers_read_kits (fixture->store, describe_kit_row, queried, &error));
  g_assert_no_error (error);
  g_assert_true (_resfri_registers_snapshot_kits (g_ptr_array_index (given, 0), describe_kit_row,
                                                  snapshot));
  g_assert_cmpuint (queried->len, >=, 120);
  assert_same_lines (queried, snapshot);

  /* Without names, the snapshot gives no rows. */
  {
    g_autoptr(ResfriRegisters) plain = resfri_registers_load (fixture->store,
                                                              RESFRI_REGISTERS_ALL_PEOPLE, &error);

    g_assert_no_error (error);
    g_ptr_array_set_size (snapshot, 0);
    g_assert_false (_resfri_registers_snapshot_kits (plain, describe_kit_row, snapshot));
    g_assert_cmpuint (snapshot->len, ==, 0);
  }

  /* Two emails one when lowered (the NOCASE column folds ASCII only):
   * the snapshot holds one of those people, so it gives no rows, and the
   * gaps read the people themselves. */
  g_assert_true (_resfri_store_exec (fixture->store,
                                     "INSERT INTO people (email, name, unit_id, site_id)"
                                     " SELECT 'Ärla@example.se', 'Ärla A', unit_id, site_id"
                                     "   FROM people LIMIT 1;"
                                     "INSERT INTO people (email, name, unit_id, site_id)"
                                     " SELECT 'ärla@example.se', 'Ärla B', unit_id, site_id"
                                     "   FROM people LIMIT 1", &error));
  g_assert_no_error (error);
  {
    g_autoptr(ResfriRegisters) named = NULL;
    g_autoptr(ResfriGaps) gaps = NULL;
    guint found = 0;

    named = resfri_registers_load (fixture->store,
                                   RESFRI_REGISTERS_ALL_PEOPLE | RESFRI_REGISTERS_NAMES, &error);
    g_assert_no_error (error);
    g_ptr_array_set_size (snapshot, 0);
    g_assert_false (_resfri_registers_snapshot_kits (named, describe_kit_row, snapshot));
    g_assert_cmpuint (snapshot->len, ==, 0);

    gaps = resfri_gaps_compute (fixture->store, NULL, 0, G_MAXINT32, NULL, &error);
    g_assert_no_error (error);
    for (guint i = 0; i < gaps->people_without->len; i++)
      {
        const ResfriPersonWithout *p = g_ptr_array_index (gaps->people_without, i);

        found += g_str_has_suffix (p->person, "rla@example.se");
      }
    /* Each lacks a headset and a camera. */
    g_assert_cmpuint (found, ==, 4);
  }

  g_ptr_array_set_size (given, 0);
  g_assert_true (_resfri_store_begin (fixture->store, &error));
  g_assert_no_error (error);
  g_assert_true (_resfri_policy_check_occurrences_in_two (fixture->store, NULL, 0, 0, describe,
                                                          first, second, keep_registers, given,
                                                          NULL, &error));
  _resfri_store_rollback (fixture->store);
  g_assert_no_error (error);
  g_assert_cmpuint (given->len, ==, 1);
  g_assert_null (g_ptr_array_index (given, 0));
}

typedef struct
{
  gint64   stop_id;   /* the occurrence it stops at, or -1 */
  gboolean stopped;
  guint    calls;     /* every call, also after it stopped */
} StopAt;

static gboolean
stop_at (const ResfriResolvedOccurrence *o,
         gpointer                        user_data)
{
  StopAt *stop = user_data;

  stop->calls++;
  if (stop->stopped || o->occurrence_id == stop->stop_id)
    stop->stopped = TRUE;
  return !stop->stopped;
}

/* A part whose function stops is called no more, and the other part is
 * stopped too, whichever part stops first: the check ends without an
 * error, as one on one thread does. */
static void
test_in_two_stops (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GPtrArray) single = NULL;
  guint early = 3;
  guint late;

  resfri_test_fixture_set_up_demo (fixture, 120);
  single = check_split_at (fixture->store, 0);
  g_assert_cmpuint (single->len, >=, 100);
  late = single->len - 3;

  for (guint k = 0; k < 4; k++)
    {
      StopAt first = { k == 0 || k == 2 ? g_ascii_strtoll (g_ptr_array_index (single, early),
                                                           NULL, 10) : -1, };
      StopAt second = { k == 1 || k == 2 ? g_ascii_strtoll (g_ptr_array_index (single, late),
                                                            NULL, 10) : -1, };
      g_autoptr(GError) error = NULL;

      _resfri_policy_reader_set_split_rows (2);
      g_assert_true (_resfri_policy_check_occurrences_in_two (fixture->store, NULL, 0, 0,
                                                              stop_at, &first, &second, NULL, NULL,
                                                              NULL, &error));
      _resfri_policy_reader_set_split_rows (0);
      g_assert_no_error (error);
      /* The first part's rows are the first half; the second's the rest. */
      g_assert_cmpuint (first.calls, ==, first.stop_id >= 0 ? early + 1 : single->len / 2);
      if (second.stop_id >= 0)
        g_assert_cmpuint (second.calls, ==, late + 1 - single->len / 2);
      else if (first.stop_id < 0)
        g_assert_cmpuint (second.calls, ==, single->len - single->len / 2);
      else
        g_assert_cmpuint (second.calls, <=, single->len - single->len / 2);
    }
}

/* A check in turns: each part's lines since its last turn, handed on at
 * each turn's end in the order the turns are done. */
typedef struct
{
  GPtrArray *written;     /* the lines, in the order turn_done had them */
  GArray    *order;       /* guint: the part of each turn_done */
  guint      stop_after;  /* turn_done returns FALSE at this call (from 1), or 0 */
  guint      calls;       /* of either part's function */
} TurnsLog;

typedef struct
{
  TurnsLog  *log;
  guint      index;
  GPtrArray *lines;
} TurnPartLog;

static gboolean
describe_in_turn (const ResfriResolvedOccurrence *o,
                  gpointer                        user_data)
{
  TurnPartLog *part = user_data;

  g_atomic_int_inc (&part->log->calls);
  return describe (o, part->lines);
}

static gboolean
log_turn (gpointer user_data)
{
  TurnPartLog *part = user_data;
  TurnsLog *log = part->log;

  g_array_append_val (log->order, part->index);
  for (guint i = 0; i < part->lines->len; i++)
    g_ptr_array_add (log->written, g_strdup (g_ptr_array_index (part->lines, i)));
  g_ptr_array_set_size (part->lines, 0);

  return log->order->len != log->stop_after;
}

/* The check in turns of @rows occurrences (the reader's rows split from
 * 2 on), turn_done stopping at its @stop_after-th call (0: never). */
static void
check_in_turns (ResfriStore *store,
                guint        rows,
                guint        stop_after,
                TurnsLog    *log)
{
  g_autoptr(GPtrArray) first_lines = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) second_lines = g_ptr_array_new_with_free_func (g_free);
  TurnPartLog first = { log, 0, first_lines };
  TurnPartLog second = { log, 1, second_lines };
  g_autoptr(GError) error = NULL;

  log->written = g_ptr_array_new_with_free_func (g_free);
  log->order = g_array_new (FALSE, FALSE, sizeof (guint));
  log->stop_after = stop_after;
  log->calls = 0;
  _resfri_policy_reader_set_split_rows (2);
  _resfri_policy_set_turn_rows (rows);
  g_assert_true (resfri_policy_check_occurrences_in_turns (store, NULL, 0, 0, describe_in_turn,
                                                           &first, &second, log_turn, NULL,
                                                           &error));
  _resfri_policy_set_turn_rows (0);
  _resfri_policy_reader_set_split_rows (0);
  g_assert_no_error (error);
  /* What the last turn_done did not take is what came after a stop. */
  if (stop_after == 0)
    {
      g_assert_cmpuint (first_lines->len, ==, 0);
      g_assert_cmpuint (second_lines->len, ==, 0);
    }
}

static void
turns_log_clear (TurnsLog *log)
{
  g_clear_pointer (&log->written, g_ptr_array_unref);
  g_clear_pointer (&log->order, g_array_unref);
}

/* The check in turns: every occurrence once, resolved as on one thread,
 * the turns taken by the two parts in turn and handed on in order, so
 * that the lines turn_done has are the check's lines in their order.
 * turn_done stopping ends the check after that turn, without an error,
 * whichever part's turn it was. */
static void
test_in_turns (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GPtrArray) single = NULL;
  TurnsLog log = { 0, };
  guint n_turns;

  resfri_test_fixture_set_up_demo (fixture, 120);
  single = check_split_at (fixture->store, 0);
  g_assert_cmpuint (single->len, >=, 100);

  check_in_turns (fixture->store, 7, 0, &log);
  assert_same_lines (single, log.written);
  n_turns = (single->len + 6) / 7;
  g_assert_cmpuint (log.order->len, ==, n_turns);
  for (guint i = 0; i < log.order->len; i++)
    g_assert_cmpuint (g_array_index (log.order, guint, i), ==, i % 2);
  turns_log_clear (&log);

  /* One turn holds them all: the thread has none. */
  check_in_turns (fixture->store, single->len, 0, &log);
  assert_same_lines (single, log.written);
  g_assert_cmpuint (log.order->len, ==, 1);
  turns_log_clear (&log);

  for (guint stop_after = 1; stop_after <= 4; stop_after++)
    {
      check_in_turns (fixture->store, 7, stop_after, &log);
      g_assert_cmpuint (log.order->len, ==, stop_after);
      g_assert_cmpuint (log.written->len, ==, 7 * stop_after);
      for (guint i = 0; i < log.written->len; i++)
        g_assert_cmpstr (g_ptr_array_index (log.written, i), ==, g_ptr_array_index (single, i));
      /* The parts went no further than the turn after the next. */
      g_assert_cmpuint (log.calls, <=, 7 * (stop_after + 2));
      turns_log_clear (&log);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/policy-split/demo-alike", Fixture, NULL, NULL, test_demo_alike,
              resfri_test_tear_down);
  g_test_add ("/policy-split/no-meeting", Fixture, NULL, NULL, test_no_meeting,
              resfri_test_tear_down);
  g_test_add ("/policy-split/one-meeting", Fixture, NULL, NULL, test_one_meeting,
              resfri_test_tear_down);
  g_test_add ("/policy-split/reader-order", Fixture, NULL, NULL, test_reader_order,
              resfri_test_tear_down);
  g_test_add ("/policy-split/in-two", Fixture, NULL, NULL, test_in_two, resfri_test_tear_down);
  g_test_add ("/policy-split/in-two-stops", Fixture, NULL, NULL, test_in_two_stops,
              resfri_test_tear_down);
  g_test_add ("/policy-split/in-turns", Fixture, NULL, NULL, test_in_turns,
              resfri_test_tear_down);
  g_test_add ("/policy-split/registers-given", Fixture, NULL, NULL, test_registers_given,
              resfri_test_tear_down);

  return g_test_run ();
}

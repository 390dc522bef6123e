/* test-person.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Access and erasure of spec/privacy.md on the demo municipality: what
 * `person show` collects; that after an erasure no byte of the database
 * file, its WAL or its SHM holds the person's address or name (in any
 * case form the iCalendar text had them, folded or not), that every
 * verdict and every follow-up figure of the meetings is what it was (the
 * pseudonym keeps the unit and site), that their items are in the pool
 * (or retired), their loans released and the history keeps the change,
 * not who; and the refusals, which change nothing.
 */

#include "config.h"

#include <string.h>

#include "resfri-core.h"
#include "resfri-store-private.h"
#include "resfri-test-fixture.h"

typedef struct
{
  ResfriTestFixture  base;
  char              *email;
  char              *name;
  char              *unit;
} Fixture;

/* One text cell of @sql (with ?1 = @arg), or NULL. */
static char *
query_text (ResfriStore *store,
            const char  *sql,
            const char  *arg)
{
  sqlite3_stmt *stmt = NULL;
  char *text = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (_resfri_store_get_db (store), sql, -1, &stmt, NULL), ==,
                   SQLITE_OK);
  if (arg != NULL)
    sqlite3_bind_text (stmt, 1, arg, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_text (stmt, 0) != NULL)
    text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);

  return text;
}

static gint64
query_int (ResfriStore *store,
           const char  *sql,
           const char  *arg)
{
  g_autofree char *text = query_text (store, sql, arg);

  return text != NULL ? g_ascii_strtoll (text, NULL, 10) : 0;
}

/* A calendar where the person attends in other case forms: address and
 * name upper-case, the name also in a description, lines folded. */
static const char extra_ics[] =
  "BEGIN:VCALENDAR\r\n"
  "VERSION:2.0\r\n"
  "PRODID:-//test//person//EN\r\n"
  "BEGIN:VEVENT\r\n"
  "UID:person-test-1@example\r\n"
  "DTSTAMP:20260101T000000Z\r\n"
  "DTSTART:20260915T080000Z\r\n"
  "DTEND:20260915T090000Z\r\n"
  "SUMMARY:Samtal\r\n"
  "DESCRIPTION:Med %s och %s om budgeten för nästa år\\, med en lång rad som\r\n"
  "  viks\r\n"
  "ORGANIZER;CN=\"Test Organiser\":mailto:organiser.test@vanersborg.example\r\n"
  "ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;CN=\"%s\":MAI\r\n"
  " LTO:%s\r\n"
  "END:VEVENT\r\n"
  "END:VCALENDAR\r\n";

static void
set_up (Fixture       *fixture,
        gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *upper_name = NULL;
  g_autofree char *upper_email = NULL;
  g_autofree char *ics = NULL;

  resfri_test_fixture_set_up_demo (&fixture->base, 200);

  /* Someone who organises meetings and owns equipment, whose name nobody
   * else has (a byte search for it then means them). */
  fixture->email = query_text (fixture->base.store,
                               "SELECT p.email FROM people p"
                               " WHERE (SELECT count (*) FROM people q WHERE q.name = p.name) = 1"
                               "   AND EXISTS (SELECT 1 FROM equipment e WHERE e.owner_id = p.id)"
                               "   AND EXISTS (SELECT 1 FROM meetings m WHERE m.organizer = p.email)"
                               "   AND NOT EXISTS (SELECT 1 FROM people q WHERE q.id <> p.id"
                               "     AND instr (lower (q.name), lower (p.name)) > 0)"
                               " ORDER BY p.id LIMIT 1", NULL);
  g_assert_nonnull (fixture->email);
  fixture->name = query_text (fixture->base.store, "SELECT name FROM people WHERE email = ?1",
                              fixture->email);
  fixture->unit = query_text (fixture->base.store,
                              "SELECT u.path FROM people p JOIN units u ON u.id = p.unit_id"
                              " WHERE p.email = ?1", fixture->email);

  upper_name = g_utf8_strup (fixture->name, -1);
  upper_email = g_ascii_strup (fixture->email, -1);
  ics = g_strdup_printf (extra_ics, fixture->name, upper_name, upper_name, upper_email);
  resfri_store_import_ical (fixture->base.store, ics, -1, "person.ics", NULL, &error);
  g_assert_no_error (error);
}

static void
tear_down (Fixture       *fixture,
           gconstpointer  user_data)
{
  g_free (fixture->email);
  g_free (fixture->name);
  g_free (fixture->unit);
  resfri_test_fixture_tear_down (&fixture->base);
}

/* Every occurrence's verdict and figures, with each attendee's unit and
 * site: what the follow-up is made of. The organiser's address is left
 * out (it is the pseudonym afterwards), not their unit. */
static gboolean
dump_occurrence (const ResfriResolvedOccurrence *o,
                 gpointer                        user_data)
{
  GString *out = user_data;

  g_string_append_printf (out, "%s|%s|%s|%" G_GINT64_FORMAT "|%d|%d|%g|%g|%g|%g|%u|%u|",
                          o->uid, o->recurrence_id, o->organizer != NULL ? "o" : "-",
                          o->organizer_unit_id, o->verdict, o->mode, o->travel_km, o->avoided_km,
                          o->avoided_cost_sek, o->avoided_hours, o->trips_short, o->n_attendees);
  for (guint i = 0; i < o->n_attendees; i++)
    g_string_append_printf (out, "%" G_GINT64_FORMAT "/%" G_GINT64_FORMAT "/%g,",
                            o->attendees[i].unit_id, o->attendees[i].home_site_id,
                            o->attendees[i].one_way_km);
  g_string_append_c (out, '\n');

  return TRUE;
}

static char *
dump_check (ResfriStore *store)
{
  g_autoptr(GError) error = NULL;
  GString *out = g_string_new (NULL);

  resfri_policy_check_occurrences (store, NULL, 0, 0, dump_occurrence, out, NULL, &error);
  g_assert_no_error (error);

  return g_string_free (out, FALSE);
}

static void
dump_row (GString                 *out,
          const ResfriFollowupRow *row)
{
  g_string_append_printf (out, "%s|%s|%u|%u|%u|%u|%u|%u|%u|%u|%.6f|%.6f|%.6f|%.6f|%.6f|%.6f|",
                          row->unit != NULL ? row->unit : "-", row->month != NULL ? row->month : "-",
                          row->occurrences, row->travel_free, row->local, row->exempt_total,
                          row->non_compliant, row->unknown, row->trips_short, row->trips_long,
                          row->travel_km, row->travel_co2_kg, row->avoided_km,
                          row->avoided_co2_kg, row->avoided_cost_sek, row->avoided_hours);
  for (guint i = 0; i < RESFRI_FOLLOWUP_N_REASONS; i++)
    g_string_append_printf (out, "%u,", row->exempt[i]);
  g_string_append_c (out, '\n');
}

/* Every figure of the follow-up of 2026 that comes from the meetings;
 * the register's (people, equipped, open gaps) in @people. */
static char *
dump_followup (ResfriStore *store,
               GString     *people)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ResfriPeriod) period = resfri_period_parse ("2026", &error);
  ResfriFollowup *followup;
  GString *out = g_string_new (NULL);

  followup = resfri_followup_compute (store, NULL, period, NULL, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < followup->units->len; i++)
    {
      const ResfriFollowupRow *row = g_ptr_array_index (followup->units, i);

      dump_row (out, row);
      if (people != NULL)
        g_string_append_printf (people, "%s|%u\n", row->unit != NULL ? row->unit : "-",
                                row->employees);
    }
  for (guint i = 0; i < followup->months->len; i++)
    dump_row (out, g_ptr_array_index (followup->months, i));
  dump_row (out, followup->total);
  resfri_followup_free (followup);

  return g_string_free (out, FALSE);
}

static gboolean
contains (const char *data,
          gsize       length,
          const char *needle)
{
  gsize n = strlen (needle);

  for (gsize i = 0; n > 0 && i + n <= length; i++)
    if (memcmp (data + i, needle, n) == 0)
      return TRUE;

  return FALSE;
}

/* Whether the file (the database, its WAL or SHM) holds @text in any
 * case: as it is, lower- and upper-case, and its ASCII letters in any
 * case (the bytes folded). */
static gboolean
file_holds (const char *path,
            const char *text)
{
  g_autofree char *data = NULL;
  g_autofree char *folded_data = NULL;
  g_autofree char *lower = g_utf8_strdown (text, -1);
  g_autofree char *upper = g_utf8_strup (text, -1);
  g_autofree char *ascii = g_ascii_strdown (text, -1);
  gsize length = 0;

  if (!g_file_get_contents (path, &data, &length, NULL))
    return FALSE;
  folded_data = g_ascii_strdown (data, length);

  return contains (data, length, text) || contains (data, length, lower) ||
         contains (data, length, upper) || contains (folded_data, length, ascii);
}

static gboolean
store_holds (Fixture    *fixture,
             const char *text)
{
  static const char * const suffixes[] = { "", "-wal", "-shm" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *path = g_strconcat (fixture->base.path, suffixes[i], NULL);

      if (file_holds (path, text))
        return TRUE;
    }

  return FALSE;
}

static void
test_show (Fixture       *fixture,
           gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) data = NULL;
  g_autofree char *upper = g_ascii_strup (fixture->email, -1);
  JsonObject *object;
  JsonArray *meetings;

  g_test_summary ("person show collects the register row, the equipment with its history, the "
                  "meetings with their verdicts, and says what is not known");

  data = resfri_person_data_collect (fixture->base.store, upper, &error);
  g_assert_no_error (error);
  object = json_node_get_object (data);
  g_assert_cmpstr (json_object_get_string_member (object, "email"), ==, fixture->email);
  g_assert_cmpstr (json_object_get_string_member (object, "name"), ==, fixture->name);
  g_assert_cmpstr (json_object_get_string_member (object, "unit"), ==, fixture->unit);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "equipment")),
                    >, 0);
  meetings = json_object_get_array_member (object, "meetings");
  g_assert_cmpuint (json_array_get_length (meetings), ==,
                    query_int (fixture->base.store,
                               "SELECT count (*) FROM meetings WHERE organizer = ?1 OR id IN"
                               " (SELECT meeting_id FROM attendees WHERE email = ?1)",
                               fixture->email));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "occurrences")),
                    >, 0);
  g_assert_true (json_object_has_member (object, "exemptions_note"));
  g_assert_true (json_object_has_member (object, "calendars"));
  g_assert_cmpstr (json_object_get_string_member (
                     json_array_get_object_element (
                       json_object_get_array_member (object, "occurrences"), 0), "verdict"),
                   !=, NULL);
}

static void
test_erase (Fixture       *fixture,
            gconstpointer  user_data)
{
  ResfriStore *store = fixture->base.store;
  g_autoptr(GError) error = NULL;
  g_autoptr(ResfriErasure) erasure = NULL;
  g_autoptr(ResfriBooking) loan = NULL;
  g_autoptr(GString) people_before = g_string_new (NULL);
  g_autoptr(GString) people_after = g_string_new (NULL);
  g_autofree char *check_before = NULL;
  g_autofree char *followup_before = NULL;
  g_autofree char *check_after = NULL;
  g_autofree char *followup_after = NULL;
  g_autofree char *pool_tag = NULL;
  g_autofree char *owned_tags = NULL;
  gint64 owned;

  g_test_summary ("After an erasure no byte of the file, WAL or SHM holds the address or the "
                  "name, and the follow-up's meeting figures are exactly what they were");

  /* A loan they hold, of a pool item at their site. */
  pool_tag = query_text (store,
                         "SELECT e.tag FROM equipment e JOIN people p ON p.site_id = e.site_id"
                         " JOIN equipment_types t ON t.id = e.type_id"
                         " WHERE p.email = ?1 AND e.owner_id IS NULL AND e.state = 'ok'"
                         "   AND t.name = 'headset' ORDER BY e.tag LIMIT 1", fixture->email);
  g_assert_nonnull (pool_tag);
  loan = resfri_bookings_book_item (store, pool_tag, "person-test-1@example", NULL,
                                    fixture->email, &error);
  g_assert_no_error (error);

  owned = query_int (store, "SELECT count (*) FROM equipment e JOIN people p"
                            " ON p.id = e.owner_id WHERE p.email = ?1", fixture->email);
  owned_tags = query_text (store, "SELECT group_concat (e.tag) FROM equipment e JOIN people p"
                                  " ON p.id = e.owner_id WHERE p.email = ?1", fixture->email);
  g_assert_cmpint (owned, >, 0);
  g_assert_true (store_holds (fixture, fixture->email));
  g_assert_true (store_holds (fixture, fixture->name));

  check_before = dump_check (store);
  followup_before = dump_followup (store, people_before);

  erasure = resfri_erasure_run (store, fixture->email, RESFRI_ERASURE_NONE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (erasure);
  g_assert_true (g_str_has_prefix (erasure->pseudonym, "former-"));
  g_assert_true (g_str_has_suffix (erasure->pseudonym, "@invalid"));
  g_assert_cmpuint (erasure->items, ==, owned);
  g_assert_cmpuint (erasure->bookings, ==, 1);
  g_assert_cmpuint (erasure->meetings, >, 1);

  /* Not in any form, anywhere: the file, its WAL, its SHM. */
  g_assert_false (store_holds (fixture, fixture->email));
  g_assert_false (store_holds (fixture, fixture->name));
  {
    /* The local part alone, as a sync copy's folding might cut it. */
    g_autofree char *local = g_strndup (fixture->email, strchr (fixture->email, '@') -
                                                        fixture->email);

    g_assert_false (store_holds (fixture, local));
  }

  /* Every verdict and figure of every occurrence, and the follow-up's. */
  check_after = dump_check (store);
  g_assert_cmpstr (check_after, ==, check_before);
  followup_after = dump_followup (store, people_after);
  g_assert_cmpstr (followup_after, ==, followup_before);
  /* The register has one person fewer, in their unit (and the units
   * above it): that is what leaving the register is. */
  g_assert_cmpstr (people_after->str, !=, people_before->str);
  {
    g_auto(GStrv) before = g_strsplit (people_before->str, "\n", -1);
    g_auto(GStrv) after = g_strsplit (people_after->str, "\n", -1);

    g_assert_cmpuint (g_strv_length (before), ==, g_strv_length (after));
    for (guint i = 0; before[i] != NULL; i++)
      if (strcmp (before[i], after[i]) != 0)
        {
          g_autofree char *unit = g_strndup (before[i], strrchr (before[i], '|') - before[i]);
          guint n_before = atoi (strrchr (before[i], '|') + 1);
          guint n_after = atoi (strrchr (after[i], '|') + 1);

          g_assert_cmpuint (n_after + 1, ==, n_before);
          g_assert_true (g_str_has_prefix (fixture->unit, unit));
        }
  }

  /* Their items are in the pool, in state ok; the loan is gone; the
   * history keeps the return, not who. */
  g_assert_cmpint (query_int (store, "SELECT count (*) FROM equipment WHERE owner_id IS NULL"
                                     " AND state = 'ok' AND instr (',' || ?1 || ',', ',' || tag || ',') > 0",
                   owned_tags), ==, owned);
  g_assert_cmpint (query_int (store, "SELECT count (*) FROM bookings WHERE person_id IS NOT NULL"
                                     " AND uid = ?1", "person-test-1@example"), ==, 0);
  g_assert_cmpint (query_int (store, "SELECT count (*) FROM equipment_history h"
                                     " JOIN equipment e ON e.id = h.equipment_id"
                                     " WHERE h.action = 'returned'"
                                     "   AND instr (',' || ?1 || ',', ',' || e.tag || ',') > 0",
                              owned_tags), ==, owned);

  /* The pseudonym in the meetings, and the audit log's entry. */
  g_assert_cmpint (query_int (store, "SELECT count (*) FROM meetings WHERE organizer = ?1",
                              erasure->pseudonym), >, 0);
  g_assert_cmpint (query_int (store, "SELECT count (*) FROM audit_log WHERE action = 'erase'"
                                     " AND object_kind = 'person' AND object_id = ?1",
                              erasure->pseudonym), ==, 1);

  /* Then they are unknown: show and erase say so. */
  g_clear_pointer (&erasure, resfri_erasure_free);
  erasure = resfri_erasure_run (store, fixture->email, RESFRI_ERASURE_NONE, &error);
  g_assert_error (error, RESFRI_ERROR, RESFRI_ERROR_NOT_FOUND);
  g_assert_null (erasure);
  g_assert_nonnull (strstr (error->message, "erased already"));
  g_clear_error (&error);
  g_assert_null (resfri_person_data_collect (store, fixture->email, &error));
  g_assert_error (error, RESFRI_ERROR, RESFRI_ERROR_NOT_FOUND);
}

static void
test_retire (Fixture       *fixture,
             gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ResfriErasure) erasure = NULL;
  g_autofree char *tags = query_text (fixture->base.store,
                                      "SELECT group_concat (e.tag) FROM equipment e JOIN people p"
                                      " ON p.id = e.owner_id WHERE p.email = ?1", fixture->email);

  g_test_summary ("With --retire-equipment the person's items are retired, held by nobody");

  erasure = resfri_erasure_run (fixture->base.store, fixture->email,
                                RESFRI_ERASURE_RETIRE_EQUIPMENT, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (erasure->items, >, 0);
  g_assert_cmpint (query_int (fixture->base.store,
                              "SELECT count (*) FROM equipment WHERE owner_id IS NULL"
                              " AND state = 'retired'"
                              " AND instr (',' || ?1 || ',', ',' || tag || ',') > 0", tags),
                   ==, erasure->items);
}

/* Everything a refusal must leave as it was. */
static char *
snapshot (ResfriStore *store)
{
  g_autofree char *organizers = query_text (store, "SELECT group_concat (organizer) FROM meetings",
                                            NULL);

  return g_strdup_printf ("%" G_GINT64_FORMAT "|%" G_GINT64_FORMAT "|%" G_GINT64_FORMAT "|%"
                          G_GINT64_FORMAT "|%s",
                          query_int (store, "SELECT count (*) FROM people", NULL),
                          query_int (store, "SELECT count (*) FROM audit_log", NULL),
                          query_int (store, "SELECT count (*) FROM equipment WHERE owner_id IS NULL",
                                     NULL),
                          query_int (store, "SELECT count (*) FROM former_people", NULL),
                          organizers);
}

static void
test_unknown (Fixture       *fixture,
              gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = snapshot (fixture->base.store);
  g_autofree char *after = NULL;

  g_test_summary ("An unknown address: a clear NOT_FOUND from show and erase, nothing changed");

  g_assert_null (resfri_person_data_collect (fixture->base.store, "nobody@example.org", &error));
  g_assert_error (error, RESFRI_ERROR, RESFRI_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "nobody@example.org"));
  g_clear_error (&error);
  g_assert_null (resfri_erasure_run (fixture->base.store, "nobody@example.org",
                                     RESFRI_ERASURE_NONE, &error));
  g_assert_error (error, RESFRI_ERROR, RESFRI_ERROR_NOT_FOUND);
  after = snapshot (fixture->base.store);
  g_assert_cmpstr (after, ==, before);
}

static void
test_followed_organiser (Fixture       *fixture,
                         gconstpointer  user_data)
{
  ResfriStore *store = fixture->base.store;
  g_autoptr(GError) error = NULL;
  g_autofree char *uid = query_text (store, "SELECT uid FROM meetings WHERE organizer = ?1"
                                            " ORDER BY id LIMIT 1", fixture->email);
  char *sql;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  g_test_summary ("A person who organises a meeting a followed calendar holds is refused with "
                  "what to do, and nothing changes");

  /* A followed calendar holding the organiser's copy of their meeting. */
  sql = sqlite3_mprintf ("INSERT INTO sync_sources (id, kind, url) VALUES (1, 'caldav', 'https://dav.example/');"
                         "INSERT INTO sync_calendars (id, source_id, href, name, following)"
                         "  VALUES (1, 1, '/cal/', 'Kalender', 1);"
                         "INSERT INTO sync_resources (id, calendar_id, href, ical)"
                         "  VALUES (1, 1, '/cal/1.ics', 'BEGIN:VCALENDAR');"
                         "INSERT INTO sync_copies (resource_id, uid, organizer) VALUES (1, %Q, 1);",
                         uid);
  g_assert_true (_resfri_store_exec (store, sql, &error));
  g_assert_no_error (error);
  sqlite3_free (sql);
  before = snapshot (store);

  g_assert_null (resfri_erasure_run (store, fixture->email, RESFRI_ERASURE_NONE, &error));
  g_assert_error (error, RESFRI_ERROR, RESFRI_ERROR_CONFLICT);
  g_assert_nonnull (strstr (error->message, "Kalender"));
  g_assert_nonnull (strstr (error->message, "unfollow"));
  after = snapshot (store);
  g_assert_cmpstr (after, ==, before);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  /* What has ended by "now" is held: the same "now" before and after. */
  g_setenv ("RESFRI_NOW", "2026-12-05T00:00:00Z", TRUE);

  g_test_add ("/person/show", Fixture, NULL, set_up, test_show, tear_down);
  g_test_add ("/person/erase", Fixture, NULL, set_up, test_erase, tear_down);
  g_test_add ("/person/retire", Fixture, NULL, set_up, test_retire, tear_down);
  g_test_add ("/person/unknown", Fixture, NULL, set_up, test_unknown, tear_down);
  g_test_add ("/person/followed-organiser", Fixture, NULL, set_up, test_followed_organiser,
              tear_down);

  return g_test_run ();
}

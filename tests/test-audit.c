/* test-audit.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The audit log (spec/privacy.md): each kind of change a user makes leaves
 * one row with the acting operating-system user and the object's id, and
 * no personal data (no address, no person's name, no meeting title, no
 * note); a change refused or rolled back leaves none; the log reads back
 * by period and newest first.
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "resfri-core.h"
#include "resfri-store-private.h"
#include "resfri-test-fixture.h"

#include "bookings-fixture.h"

/* Every row of the log as "action|kind|id|detail|user" lines, oldest
 * first. */
static char *
dump_log (ResfriStore *store)
{
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  GString *text = g_string_new (NULL);

  entries = resfri_audit_list (store, G_MININT64, G_MAXINT64, FALSE, 0, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < entries->len; i++)
    {
      const ResfriAuditEntry *entry = g_ptr_array_index (entries, i);

      g_string_append_printf (text, "%s|%s|%s|%s|%s\n", entry->action, entry->object_kind,
                              entry->object_id, entry->detail ? entry->detail : "", entry->user);
    }
  return g_string_free (text, FALSE);
}

static gint64
count_rows (ResfriStore *store)
{
  return _resfri_store_query_int (store, "SELECT count(*) FROM audit_log", NULL);
}

/* The last row: its action, object kind and id, and the acting user is the
 * one running the test. */
static void
assert_last (ResfriStore *store,
             const char  *action,
             const char  *object_kind,
             const char  *object_id)
{
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  const ResfriAuditEntry *entry;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  entries = resfri_audit_list (store, G_MININT64, G_MAXINT64, TRUE, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 1);
  entry = g_ptr_array_index (entries, 0);
  g_assert_cmpstr (entry->action, ==, action);
  g_assert_cmpstr (entry->object_kind, ==, object_kind);
  if (object_id != NULL)
    g_assert_cmpstr (entry->object_id, ==, object_id);
  g_assert_cmpstr (entry->user, ==, g_get_user_name ());
  g_assert_cmpint (entry->time, <=, now);
  g_assert_cmpint (entry->time, >=, now - 60);
}

/* No row holds an address, a person's name, a meeting's title or a note. */
static void
assert_no_personal_data (ResfriStore *store)
{
  static const char * const personal[] = {
    "@", "anna", "Carl", "Carlsson", "Bo ", "Single", "Hemlig", "knee", "mailto", NULL
  };
  g_autofree char *log = dump_log (store);
  g_autofree char *fold = g_utf8_casefold (log, -1);

  for (guint i = 0; personal[i] != NULL; i++)
    {
      g_autofree char *needle = g_utf8_casefold (personal[i], -1);

      if (strstr (fold, needle) != NULL)
        g_error ("the audit log holds “%s”:\n%s", personal[i], log);
    }
}

static void
test_audit_bookings (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) booked = NULL;
  g_autoptr(GPtrArray) refused = NULL;
  g_autoptr(ResfriBooking) loan = NULL;
  g_autoptr(ResfriBooking) cancelled = NULL;
  g_autofree char *id = NULL;
  gint64 rows;

  g_test_summary ("A room booking, a loan and a cancellation each leave a row naming the "
                  "booking and the room or item; a refused booking leaves none");

  booked = resfri_bookings_book_room (fixture->store, "KOM-A", "single", NULL, NULL, &error);
  g_assert_no_error (error);
  id = g_strdup_printf ("%" G_GINT64_FORMAT, ((ResfriBooking *) g_ptr_array_index (booked, 0))->id);
  assert_last (fixture->store, "book", "booking", id);

  /* The overlapping meeting cannot have the room: no booking, no row. */
  rows = count_rows (fixture->store);
  refused = resfri_bookings_book_room (fixture->store, "KOM-A", "overlap", NULL, NULL, &error);
  g_assert_error (error, RESFRI_ERROR, RESFRI_ERROR_CONFLICT);
  g_assert_null (refused);
  g_clear_error (&error);
  g_assert_cmpint (count_rows (fixture->store), ==, rows);

  loan = resfri_bookings_book_item (fixture->store, "H-1", "single", NULL, "anna@example.se",
                                    &error);
  g_assert_no_error (error);
  g_free (id);
  id = g_strdup_printf ("%" G_GINT64_FORMAT, loan->id);
  assert_last (fixture->store, "lend", "booking", id);

  cancelled = resfri_bookings_cancel (fixture->store, loan->id, &error);
  g_assert_no_error (error);
  assert_last (fixture->store, "cancel", "booking", id);

  /* A booking that does not exist: nothing to cancel, no row. */
  rows = count_rows (fixture->store);
  g_assert_null (resfri_bookings_cancel (fixture->store, 999, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_cmpint (count_rows (fixture->store), ==, rows);

  {
    g_autofree char *log = dump_log (fixture->store);

    g_assert_nonnull (strstr (log, "book|booking|1|KOM-A|"));
    g_assert_nonnull (strstr (log, "lend|booking|2|H-1|"));
    g_assert_nonnull (strstr (log, "cancel|booking|2|H-1|"));
  }
  assert_no_personal_data (fixture->store);
}

static void
test_audit_exemptions (Fixture       *fixture,
                       gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  gboolean removed = FALSE;
  gint64 rows;

  g_test_summary ("An exemption and its removal leave a row with its id and reason, never "
                  "its note; a refused one leaves none");

  g_assert_true (resfri_store_set_exemption (fixture->store, "single", NULL, "other",
                                             "Anna's knee", &error));
  g_assert_no_error (error);
  assert_last (fixture->store, "exempt", "exemption", "1");

  rows = count_rows (fixture->store);
  g_assert_false (resfri_store_set_exemption (fixture->store, "single", NULL, "other", " ",
                                              &error));
  g_assert_error (error, RESFRI_ERROR, RESFRI_ERROR_INVALID_INPUT);
  g_clear_error (&error);
  g_assert_false (resfri_store_set_exemption (fixture->store, "nothing", NULL, "confidential",
                                              NULL, &error));
  g_assert_error (error, RESFRI_ERROR, RESFRI_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (count_rows (fixture->store), ==, rows);

  g_assert_true (resfri_store_remove_exemption (fixture->store, "single", NULL, &removed, &error));
  g_assert_no_error (error);
  g_assert_true (removed);
  assert_last (fixture->store, "unexempt", "exemption", "1");

  /* Nothing left to remove: no change, no row. */
  rows = count_rows (fixture->store);
  g_assert_true (resfri_store_remove_exemption (fixture->store, "single", NULL, &removed, &error));
  g_assert_false (removed);
  g_assert_cmpint (count_rows (fixture->store), ==, rows);

  {
    g_autofree char *log = dump_log (fixture->store);

    g_assert_nonnull (strstr (log, "exempt|exemption|1|other|"));
  }
  assert_no_personal_data (fixture->store);
}

static void
test_audit_inventory (Fixture       *fixture,
                      gconstpointer  user_data)
{
  static const char csv[] =
    "asset_tag,type,site,owner_email\n"
    "H-9,headset,KOM,bo@example.se\n";
  static const char bad_csv[] = "asset_tag,type,site\nX-1,headset,NOPE\n";
  static const char people[] = "email,name,unit,site\ncarl@example.se,Carl Carlsson,IT,KOM\n";
  g_autoptr(GError) error = NULL;
  ResfriRegisterStats stats = { 0 };
  ResfriItem *item;
  gint64 rows;

  g_test_summary ("Adding, assigning, returning, retiring and importing items leave a row "
                  "each with the asset tag or the file, never the holder");

  item = resfri_inventory_add (fixture->store, "H-7", "headset", "KOM", "anna@example.se", NULL,
                               NAN, &error);
  g_assert_no_error (error);
  resfri_item_free (item);
  assert_last (fixture->store, "item-add", "item", "H-7");

  item = resfri_inventory_assign (fixture->store, "H-2", "anna@example.se", &error);
  g_assert_no_error (error);
  resfri_item_free (item);
  assert_last (fixture->store, "item-assign", "item", "H-2");

  item = resfri_inventory_return (fixture->store, "H-4", &error);
  g_assert_no_error (error);
  resfri_item_free (item);
  assert_last (fixture->store, "item-return", "item", "H-4");

  item = resfri_inventory_set_state (fixture->store, "H-3", RESFRI_ITEM_STATE_RETIRED, &error);
  g_assert_no_error (error);
  resfri_item_free (item);
  assert_last (fixture->store, "item-state", "item", "H-3");

  g_assert_true (resfri_register_import_data (fixture->store, RESFRI_REGISTER_INVENTORY,
                                              "/somewhere/it/items.csv", csv, strlen (csv),
                                              &stats, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (stats.inserted, ==, 1);
  assert_last (fixture->store, "import-register", "file", "items.csv");

  /* The people register: the file and the counts, not who. */
  g_assert_true (resfri_register_import_data (fixture->store, RESFRI_REGISTER_PEOPLE,
                                              "personal.csv", people, strlen (people), &stats,
                                              &error));
  g_assert_no_error (error);
  assert_last (fixture->store, "import-register", "file", "personal.csv");
  /* The same file again changes nothing: no row. */
  rows = count_rows (fixture->store);
  g_assert_true (resfri_register_import_data (fixture->store, RESFRI_REGISTER_PEOPLE,
                                              "personal.csv", people, strlen (people), &stats,
                                              &error));
  g_assert_cmpuint (stats.unchanged, ==, 1);
  g_assert_cmpint (count_rows (fixture->store), ==, rows);

  /* Refused: a tag that is taken, an item a person already holds, a file
   * with an unknown site. Nothing changes, no row. */
  rows = count_rows (fixture->store);
  g_assert_null (resfri_inventory_add (fixture->store, "H-7", "headset", "KOM", NULL, NULL, NAN,
                                       &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_null (resfri_inventory_assign (fixture->store, "H-2", "bo@example.se", &error));
  g_assert_error (error, RESFRI_ERROR, RESFRI_ERROR_CONFLICT);
  g_clear_error (&error);
  g_assert_false (resfri_register_import_data (fixture->store, RESFRI_REGISTER_INVENTORY,
                                               "bad.csv", bad_csv, strlen (bad_csv), NULL,
                                               &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_cmpint (count_rows (fixture->store), ==, rows);

  {
    g_autofree char *log = dump_log (fixture->store);

    g_assert_nonnull (strstr (log, "item-state|item|H-3|retired|"));
    g_assert_nonnull (strstr (log, "register=inventory rows=1 inserted=1 updated=0"));
    g_assert_nonnull (strstr (log, "register=people rows=1 inserted=1 updated=0"));
  }
  assert_no_personal_data (fixture->store);
}

static void
test_audit_settings (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  gint64 rows;

  g_test_summary ("A setting that changes leaves a row with its key and value; the same "
                  "value again, a bad value, or a change rolled back by the caller leaves none");

  g_assert_true (resfri_policy_set (fixture->store, "local_km", "7", &error));
  g_assert_no_error (error);
  assert_last (fixture->store, "setting", "setting", "local_km");

  rows = count_rows (fixture->store);
  g_assert_true (resfri_policy_set (fixture->store, "local_km", "7", &error));
  g_assert_false (resfri_policy_set (fixture->store, "local_km", "many", &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_cmpint (count_rows (fixture->store), ==, rows);

  /* In the caller's transaction, taken back with it. */
  g_assert_true (_resfri_store_begin (fixture->store, &error));
  g_assert_true (resfri_policy_set (fixture->store, "price.headset", "1250", &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_rows (fixture->store), ==, rows + 1);
  _resfri_store_rollback (fixture->store);
  g_assert_cmpint (count_rows (fixture->store), ==, rows);

  g_assert_true (resfri_policy_set (fixture->store, "price.headset", "1250", &error));
  assert_last (fixture->store, "setting", "setting", "price.headset");
  assert_no_personal_data (fixture->store);
}

static void
test_audit_calendar_import (Fixture       *fixture,
                            gconstpointer  user_data)
{
  static const char ics[] =
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n"
    "BEGIN:VEVENT\r\nUID:hemlig-1\r\nDTSTAMP:20260101T000000Z\r\n"
    "DTSTART:20260305T080000Z\r\nDTEND:20260305T090000Z\r\n"
    "SUMMARY:Hemligt möte\r\nORGANIZER;CN=Anna:mailto:anna@example.se\r\n"
    "ATTENDEE;CN=Bo Bosson:mailto:bo@example.se\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
  g_autoptr(GError) error = NULL;
  gint64 rows;

  g_test_summary ("A calendar import leaves one row with the file's basename and counts; a "
                  "file refused leaves none, as does one that stores nothing");

  g_assert_true (resfri_store_import_ical (fixture->store, ics, -1, "/home/anna/kalender.ics",
                                           NULL, &error));
  g_assert_no_error (error);
  assert_last (fixture->store, "import-calendar", "file", "kalender.ics");

  rows = count_rows (fixture->store);
  g_assert_false (resfri_store_import_ical (fixture->store, "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\n",
                                            -1, "broken.ics", NULL, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_cmpint (count_rows (fixture->store), ==, rows);

  {
    g_autofree char *log = dump_log (fixture->store);

    g_assert_nonnull (strstr (log, "import-calendar|file|kalender.ics|meetings=1 occurrences=1"));
  }
  assert_no_personal_data (fixture->store);
}

static void
test_audit_meetings (Fixture       *fixture,
                     gconstpointer  user_data)
{
  g_autoptr(GTimeZone) zone = g_time_zone_new_identifier ("Europe/Stockholm");
  g_autoptr(GDateTime) start = g_date_time_new (zone, 2027, 3, 15, 10, 0, 0);
  g_autoptr(GDateTime) end = g_date_time_new (zone, 2027, 3, 15, 11, 0, 0);
  g_autoptr(ResfriDraft) draft = resfri_draft_new ();
  g_autoptr(GPtrArray) versions = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *row = NULL;

  g_test_summary ("A meeting saved from the New Meeting window, saved again, given a link "
                  "and that undone leave a row each naming its row, never its UID or title");

  draft->summary = g_strdup ("Hemlig planering");
  draft->organizer = g_strdup ("anna@example.se");
  resfri_draft_set_times (draft, start, end);
  g_assert_true (resfri_draft_add_attendee (draft, "bo@example.se"));

  g_assert_true (resfri_draft_save (fixture->store, draft, &error));
  g_assert_no_error (error);
  row = g_strdup_printf ("%" G_GINT64_FORMAT,
                         _resfri_store_query_int (fixture->store,
                                                  "SELECT max (id) FROM meetings", NULL));
  assert_last (fixture->store, "meeting-add", "meeting", row);

  g_assert_true (resfri_draft_save (fixture->store, draft, &error));
  g_assert_no_error (error);
  assert_last (fixture->store, "meeting-edit", "meeting", NULL);

  versions = resfri_meeting_set_online_link (fixture->store, draft->uid, NULL,
                                             "https://meet.example.se/abc", RESFRI_MODE_ONLINE,
                                             &error);
  g_assert_no_error (error);
  assert_last (fixture->store, "meeting-link", "meeting", NULL);
  g_assert_true (resfri_meeting_restore (fixture->store, versions, &error));
  g_assert_no_error (error);
  assert_last (fixture->store, "meeting-restore", "meeting", NULL);

  {
    g_autofree char *log = dump_log (fixture->store);

    g_assert_nonnull (strstr (log, "meeting-link|meeting|"));
    g_assert_nonnull (strstr (log, "|online|"));
    g_assert_null (strstr (log, "resfri"));
    g_assert_null (strstr (log, "meet.example"));
  }
  assert_no_personal_data (fixture->store);
}

static void
test_audit_sources (Fixture       *fixture,
                    gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ResfriSyncResult) result = NULL;
  g_autoptr(GPtrArray) calendars = NULL;
  ResfriSource source = { 0 };
  const ResfriSourceCalendar *calendar;
  g_autofree char *calendar_id = NULL;
  g_autofree char *log = NULL;
  gint64 id;

  g_test_summary ("Adding, following, syncing, unfollowing and removing a source leave a row "
                  "each with the source's or calendar's id, never its address");

  /* A feed that answers nothing (a closed port): the sync fails, and says
   * so in the log without the error's text. */
  source.kind = (char *) "url";
  source.url = (char *) "http://anna:secret@127.0.0.1:9/anna@example.se.ics";
  id = resfri_sync_add_source (fixture->store, &source, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  {
    g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, id);

    assert_last (fixture->store, "source-add", "source", text);
  }

  calendars = resfri_sources_list_calendars (fixture->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (calendars->len, ==, 1);
  calendar = g_ptr_array_index (calendars, 0);
  calendar_id = g_strdup_printf ("%" G_GINT64_FORMAT, calendar->id);

  g_assert_true (resfri_sync_follow (fixture->store, id, calendar->href, "room", "KOM-A", TRUE,
                                     &error));
  g_assert_no_error (error);
  assert_last (fixture->store, "follow", "calendar", calendar_id);

  result = resfri_sync_run (fixture->store, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (resfri_sync_result_has_errors (result));
  assert_last (fixture->store, "sync", "source", NULL);

  g_assert_true (resfri_sync_follow (fixture->store, id, calendar->href, NULL, NULL, FALSE,
                                     &error));
  g_assert_no_error (error);
  assert_last (fixture->store, "unfollow", "calendar", calendar_id);

  g_assert_true (resfri_sync_remove_source (fixture->store, id, &error));
  g_assert_no_error (error);
  assert_last (fixture->store, "source-remove", "source", NULL);

  log = dump_log (fixture->store);
  g_assert_nonnull (strstr (log, "follow|calendar|"));
  g_assert_nonnull (strstr (log, " role=room|"));
  g_assert_nonnull (strstr (log, "sync|source|"));
  g_assert_nonnull (strstr (log, " failed|"));
  g_assert_null (strstr (log, "secret"));
  g_assert_null (strstr (log, "127.0.0.1"));
  assert_no_personal_data (fixture->store);
}

static void
test_audit_list (Fixture       *fixture,
                 gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) march = NULL;
  g_autoptr(GPtrArray) newest = NULL;
  const char *keys[] = { "local_km", "speed_kmh", "cost_per_km" };

  g_test_summary ("The log reads back over [from, to), oldest or newest first, at most a limit");

  g_assert_true (resfri_policy_set (fixture->store, keys[0], "3", &error));
  g_assert_true (resfri_policy_set (fixture->store, keys[1], "60", &error));
  g_assert_true (resfri_policy_set (fixture->store, keys[2], "3", &error));
  g_assert_no_error (error);
  /* Back-dated: 1 and 31 March and 1 April 2026. */
  g_assert_true (_resfri_store_exec (fixture->store,
                                     "UPDATE audit_log SET time = CASE object_id"
                                     "  WHEN 'local_km' THEN 1772323200"
                                     "  WHEN 'speed_kmh' THEN 1774958399"
                                     "  ELSE 1775001600 END",
                                     &error));

  all = resfri_audit_list (fixture->store, G_MININT64, G_MAXINT64, FALSE, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 3);
  for (guint i = 0; i < 3; i++)
    g_assert_cmpstr (((ResfriAuditEntry *) g_ptr_array_index (all, i))->object_id, ==, keys[i]);

  march = resfri_audit_list (fixture->store, utc ("2026-03-01T00:00:00Z"),
                             utc ("2026-04-01T00:00:00Z"), FALSE, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (march->len, ==, 2);

  newest = resfri_audit_list (fixture->store, G_MININT64, G_MAXINT64, TRUE, 2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (newest->len, ==, 2);
  g_assert_cmpstr (((ResfriAuditEntry *) g_ptr_array_index (newest, 0))->object_id, ==, keys[2]);
  g_assert_cmpstr (((ResfriAuditEntry *) g_ptr_array_index (newest, 1))->object_id, ==, keys[1]);

  g_assert_cmpstr (resfri_audit_describe_action ("book"), ==, "Booked a room");
  g_assert_cmpstr (resfri_audit_describe_action ("from-the-future"), ==, "from-the-future");
}

/* The window's words for an entry's object and detail. */
static char *
describe (const char *action,
          const char *kind,
          const char *id,
          const char *detail,
          char      **object)
{
  ResfriAuditEntry entry = { 0, 0, (char *) "anna", (char *) action, (char *) kind, (char *) id,
                             (char *) detail };

  if (object != NULL)
    *object = resfri_audit_describe_object (&entry);
  return resfri_audit_describe_detail (&entry);
}

static void
test_audit_describe (void)
{
  struct
  {
    const char *action;
    const char *kind;
    const char *detail;
    const char *expected;
  } cases[] = {
    { "item-state", "item", "broken", "broken" },
    { "item-state", "item", "retired", "retired" },
    { "item-add", "item", "vc-kit", "video-conference kit" },
    { "item-assign", "item", "VBG", "VBG" },
    { "exempt", "exemption", "physical-presence", NULL },
    { "source-add", "source", "caldav", "CalDAV account" },
    { "source-remove", "source", "url", "published calendar" },
    { "meeting-link", "meeting", "hybrid", "hybrid meeting" },
    { "follow", "calendar", "source=3 role=room", "source: 3, role: a room" },
    { "sync", "source", "calendars=2 added=1 changed=0 removed=4 failed",
      "calendars: 2, added: 1, changed: 0, removed: 4, failed" },
    { "import-register", "file", "register=people rows=5 inserted=4 updated=1",
      "register: people, rows: 5, added: 4, updated: 1" },
    { "import-calendar", "file", "meetings=3 occurrences=9 cancelled=0",
      "meetings: 3, occurrences: 9, cancelled: 0" },
    { "demo", "database", "employees=600 seed=1 year=2026",
      "employees: 600, seed: 1, year: 2026" },
    { "purge", "retention", "meetings=2 occurrences=5 attendees=7 bytes=900",
      "meetings: 2, occurrences: 5, attendee rows removed: 7, bytes of text removed: 900" },
    { "setting", "setting", "1.4", "1.4" },
    { "book", "booking", "Rum Raven", "Rum Raven" },
  };
  g_autofree char *object = NULL;
  g_autofree char *none = NULL;

  g_test_summary ("The Audit Log shows codes in words: states, reasons, kinds, roles, counts");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = describe (cases[i].action, cases[i].kind, "x", cases[i].detail,
                                        NULL);

      if (cases[i].expected != NULL)
        g_assert_cmpstr (text, ==, cases[i].expected);
      else
        {
          g_assert_cmpstr (text, ==, resfri_exemption_describe_reason (cases[i].detail));
          g_assert_cmpstr (text, !=, cases[i].detail);
        }
    }

  none = describe ("setting", "setting", "detour_factor", "1.4", &object);
  g_assert_cmpstr (object, ==, "Detour factor");
  g_clear_pointer (&object, g_free);
  g_clear_pointer (&none, g_free);
  none = describe ("setting", "setting", "price.headset", NULL, &object);
  g_assert_null (none);
  g_assert_cmpstr (object, ==, "Price of a headset (SEK)");
  g_clear_pointer (&object, g_free);
  g_clear_pointer (&none, g_free);
  none = describe ("setting", "setting", "price.projector", NULL, &object);
  g_assert_null (none);
  g_assert_cmpstr (object, ==, "Price of a “projector” (SEK)");
  g_clear_pointer (&object, g_free);
  g_clear_pointer (&none, g_free);
  none = describe ("item-state", "item", "VBG-H-1", "", &object);
  g_assert_null (none);
  g_assert_cmpstr (object, ==, "VBG-H-1");
}

int
main (int   argc,
      char *argv[])
{
  /* The sync's request goes to a closed local port: no proxy (the tests'
   * settings schemas do not have the desktop's proxy settings). */
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/audit/bookings", Fixture, NULL, fixture_set_up, test_audit_bookings,
              fixture_tear_down);
  g_test_add ("/audit/exemptions", Fixture, NULL, fixture_set_up, test_audit_exemptions,
              fixture_tear_down);
  g_test_add ("/audit/inventory", Fixture, NULL, fixture_set_up, test_audit_inventory,
              fixture_tear_down);
  g_test_add ("/audit/settings", Fixture, NULL, fixture_set_up, test_audit_settings,
              fixture_tear_down);
  g_test_add ("/audit/calendar-import", Fixture, NULL, fixture_set_up,
              test_audit_calendar_import, fixture_tear_down);
  g_test_add ("/audit/meetings", Fixture, NULL, fixture_set_up, test_audit_meetings,
              fixture_tear_down);
  g_test_add ("/audit/sources", Fixture, NULL, fixture_set_up, test_audit_sources,
              fixture_tear_down);
  g_test_add ("/audit/list", Fixture, NULL, fixture_set_up, test_audit_list, fixture_tear_down);

  g_test_add_func ("/audit/describe", test_audit_describe);

  return g_test_run ();
}

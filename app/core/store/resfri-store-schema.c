/* resfri-store-schema.c
 *
 * Copyright 2026 The Resfri authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The schema of the database: every table, index and trigger, written as
 * forward migrations that resfri-store.c runs when it opens a database
 * (_resfri_schema_get_migration()). The concepts own their tables' rows;
 * this file owns their shape.
 */

#include "config.h"

#include "resfri-store-private.h"

/* The schema, as a list of forward migrations. Migration N takes a
 * database from user_version N to N + 1; migrate() runs every missing step
 * in one transaction. A released step is never edited again: add a new one. */

static const char migration_0_to_1[] =
  /* Organisational units form a tree; `path` is the full "Parent/Child" name
   * as written in people.csv and is what users refer to. */
  "CREATE TABLE units ("
  "  id        INTEGER PRIMARY KEY,"
  "  name      TEXT NOT NULL,"
  "  path      TEXT NOT NULL UNIQUE,"
  "  parent_id INTEGER REFERENCES units (id) ON DELETE RESTRICT"
  ");"
  "CREATE INDEX units_parent ON units (parent_id);"

  "CREATE TABLE sites ("
  "  id        INTEGER PRIMARY KEY,"
  "  code      TEXT NOT NULL UNIQUE,"
  "  name      TEXT NOT NULL,"
  "  latitude  REAL NOT NULL CHECK (latitude BETWEEN -90 AND 90),"
  "  longitude REAL NOT NULL CHECK (longitude BETWEEN -180 AND 180)"
  ");"

  /* A pair is stored once, with from_site < to_site. */
  "CREATE TABLE distances ("
  "  from_site INTEGER NOT NULL REFERENCES sites (id) ON DELETE CASCADE,"
  "  to_site   INTEGER NOT NULL REFERENCES sites (id) ON DELETE CASCADE,"
  "  km        REAL NOT NULL CHECK (km >= 0),"
  "  PRIMARY KEY (from_site, to_site),"
  "  CHECK (from_site < to_site)"
  ") WITHOUT ROWID;"

  "CREATE TABLE people ("
  "  id      INTEGER PRIMARY KEY,"
  "  email   TEXT NOT NULL UNIQUE COLLATE NOCASE,"
  "  name    TEXT NOT NULL,"
  "  unit_id INTEGER NOT NULL REFERENCES units (id) ON DELETE RESTRICT,"
  "  site_id INTEGER NOT NULL REFERENCES sites (id) ON DELETE RESTRICT,"
  "  role    TEXT NOT NULL DEFAULT 'employee' CHECK (role IN ('employee', 'politician'))"
  ");"
  "CREATE INDEX people_unit ON people (unit_id);"
  "CREATE INDEX people_site ON people (site_id);"

  "CREATE TABLE equipment_types ("
  "  id         INTEGER PRIMARY KEY,"
  "  name       TEXT NOT NULL UNIQUE,"
  "  unit_price REAL NOT NULL DEFAULT 0 CHECK (unit_price >= 0)"
  ");"
  "INSERT INTO equipment_types (name, unit_price) VALUES"
  "  ('headset', 900), ('camera', 1100), ('vc-kit', 15000);"

  "CREATE TABLE equipment ("
  "  id       INTEGER PRIMARY KEY,"
  "  tag      TEXT NOT NULL UNIQUE,"
  "  type_id  INTEGER NOT NULL REFERENCES equipment_types (id) ON DELETE RESTRICT,"
  "  site_id  INTEGER NOT NULL REFERENCES sites (id) ON DELETE RESTRICT,"
  "  owner_id INTEGER REFERENCES people (id) ON DELETE SET NULL,"
  "  state    TEXT NOT NULL DEFAULT 'ok' CHECK (state IN ('ok', 'broken', 'retired')),"
  "  model    TEXT,"
  "  cost     REAL CHECK (cost IS NULL OR cost >= 0)"
  ");"
  "CREATE INDEX equipment_owner ON equipment (owner_id);"
  "CREATE INDEX equipment_pool ON equipment (site_id, type_id);"

  /* Every change of an item is kept, whoever makes it (CLI, GUI, import or a
   * sqlite shell): the triggers below write the history, not the callers.
   * The holder's email is copied so the history outlives the person row. */
  "CREATE TABLE equipment_history ("
  "  id           INTEGER PRIMARY KEY,"
  "  equipment_id INTEGER NOT NULL REFERENCES equipment (id) ON DELETE CASCADE,"
  "  at           INTEGER NOT NULL,"
  "  action       TEXT NOT NULL,"
  "  owner_email  TEXT,"
  "  site_code    TEXT,"
  "  state        TEXT NOT NULL,"
  "  detail       TEXT"
  ");"
  "CREATE INDEX equipment_history_item ON equipment_history (equipment_id, id);"
  "CREATE TRIGGER equipment_added AFTER INSERT ON equipment BEGIN"
  "  INSERT INTO equipment_history (equipment_id, at, action, owner_email, site_code, state, detail)"
  "  VALUES (NEW.id, CAST (strftime ('%s', 'now') AS INTEGER), 'added',"
  "          (SELECT email FROM people WHERE id = NEW.owner_id),"
  "          (SELECT code FROM sites WHERE id = NEW.site_id), NEW.state, NEW.model);"
  "END;"
  "CREATE TRIGGER equipment_owner_changed AFTER UPDATE OF owner_id ON equipment"
  "  WHEN NEW.owner_id IS NOT OLD.owner_id BEGIN"
  "  INSERT INTO equipment_history (equipment_id, at, action, owner_email, site_code, state, detail)"
  "  VALUES (NEW.id, CAST (strftime ('%s', 'now') AS INTEGER),"
  "          CASE WHEN NEW.owner_id IS NULL THEN 'returned' ELSE 'assigned' END,"
  "          (SELECT email FROM people WHERE id = NEW.owner_id),"
  "          (SELECT code FROM sites WHERE id = NEW.site_id), NEW.state,"
  "          (SELECT email FROM people WHERE id = OLD.owner_id));"
  "END;"
  "CREATE TRIGGER equipment_state_changed AFTER UPDATE OF state ON equipment"
  "  WHEN NEW.state IS NOT OLD.state BEGIN"
  "  INSERT INTO equipment_history (equipment_id, at, action, owner_email, site_code, state, detail)"
  "  VALUES (NEW.id, CAST (strftime ('%s', 'now') AS INTEGER), 'state',"
  "          (SELECT email FROM people WHERE id = NEW.owner_id),"
  "          (SELECT code FROM sites WHERE id = NEW.site_id), NEW.state, OLD.state);"
  "END;"
  "CREATE TRIGGER equipment_site_changed AFTER UPDATE OF site_id ON equipment"
  "  WHEN NEW.site_id IS NOT OLD.site_id BEGIN"
  "  INSERT INTO equipment_history (equipment_id, at, action, owner_email, site_code, state, detail)"
  "  VALUES (NEW.id, CAST (strftime ('%s', 'now') AS INTEGER), 'moved',"
  "          (SELECT email FROM people WHERE id = NEW.owner_id),"
  "          (SELECT code FROM sites WHERE id = NEW.site_id), NEW.state,"
  "          (SELECT code FROM sites WHERE id = OLD.site_id));"
  "END;"
  /* An edit says what changed, old → new, so that the trail answers "what
   * was this item before" (the tag too: it is how people name the item). */
  "CREATE TRIGGER equipment_details_changed AFTER UPDATE OF tag, type_id, model, cost ON equipment"
  "  WHEN NEW.tag IS NOT OLD.tag OR NEW.type_id IS NOT OLD.type_id"
  "       OR NEW.model IS NOT OLD.model OR NEW.cost IS NOT OLD.cost BEGIN"
  "  INSERT INTO equipment_history (equipment_id, at, action, owner_email, site_code, state, detail)"
  "  VALUES (NEW.id, CAST (strftime ('%s', 'now') AS INTEGER), 'edited',"
  "          (SELECT email FROM people WHERE id = NEW.owner_id),"
  "          (SELECT code FROM sites WHERE id = NEW.site_id), NEW.state,"
  "          substr ("
  "            CASE WHEN NEW.tag IS NOT OLD.tag"
  "              THEN '; tag: ' || OLD.tag || ' → ' || NEW.tag ELSE '' END ||"
  "            CASE WHEN NEW.type_id IS NOT OLD.type_id"
  "              THEN '; type: ' || (SELECT name FROM equipment_types WHERE id = OLD.type_id)"
  "                   || ' → ' || (SELECT name FROM equipment_types WHERE id = NEW.type_id)"
  "              ELSE '' END ||"
  "            CASE WHEN NEW.model IS NOT OLD.model"
  "              THEN '; model: ' || coalesce (OLD.model, '') || ' → ' || coalesce (NEW.model, '')"
  "              ELSE '' END ||"
  "            CASE WHEN NEW.cost IS NOT OLD.cost"
  "              THEN '; cost: ' || coalesce (OLD.cost, '') || ' → ' || coalesce (NEW.cost, '')"
  "              ELSE '' END, 3));"
  "END;"
  /* Deleting a person would let ON DELETE SET NULL return their items after
   * the person row is gone, so the history would not say who held them.
   * Return them first, while the email can still be read. */
  "CREATE TRIGGER people_deleted_return_items BEFORE DELETE ON people BEGIN"
  "  UPDATE equipment SET owner_id = NULL WHERE owner_id = OLD.id;"
  "END;"
  /* A personal item follows its holder: when a person's home site changes
   * (a people import, the GUI), their items move with them, in the history
   * as "moved". */
  "CREATE TRIGGER people_site_changed_move_items AFTER UPDATE OF site_id ON people"
  "  WHEN NEW.site_id IS NOT OLD.site_id BEGIN"
  "  UPDATE equipment SET site_id = NEW.site_id WHERE owner_id = NEW.id;"
  "END;"

  "CREATE TABLE rooms ("
  "  id       INTEGER PRIMARY KEY,"
  "  code     TEXT NOT NULL UNIQUE,"
  "  name     TEXT NOT NULL,"
  "  site_id  INTEGER NOT NULL REFERENCES sites (id) ON DELETE RESTRICT,"
  "  capacity INTEGER NOT NULL CHECK (capacity >= 0),"
  "  email    TEXT UNIQUE COLLATE NOCASE,"
  "  vc       INTEGER NOT NULL DEFAULT 0 CHECK (vc IN (0, 1))"
  ");"
  "CREATE INDEX rooms_site ON rooms (site_id);"
  "CREATE TABLE room_aliases ("
  "  room_id INTEGER NOT NULL REFERENCES rooms (id) ON DELETE CASCADE,"
  "  alias   TEXT NOT NULL COLLATE NOCASE,"
  "  PRIMARY KEY (room_id, alias)"
  ") WITHOUT ROWID;"
  "CREATE INDEX room_aliases_alias ON room_aliases (alias);"

  /* A meeting is one VEVENT as it came in: the master of a series (or a
   * single event) has recurrence_id '', an override has its RECURRENCE-ID in
   * the form `expand` prints (YYYYMMDDTHHMMSSZ, floating, or YYYYMMDD).
   * `ical` is the component's original text, so that export keeps what we
   * do not model. The other columns are parsed from it for queries. */
  "CREATE TABLE meetings ("
  "  id            INTEGER PRIMARY KEY,"
  "  uid           TEXT NOT NULL,"
  "  recurrence_id TEXT NOT NULL DEFAULT '',"
  "  sequence      INTEGER NOT NULL DEFAULT 0,"
  "  status        TEXT,"
  "  summary       TEXT,"
  "  location      TEXT,"
  "  organizer     TEXT COLLATE NOCASE,"
  "  online_url    TEXT,"
  "  tzid          TEXT,"
  "  source        TEXT,"
  "  ical          TEXT NOT NULL,"
  "  updated_at    INTEGER NOT NULL,"
  /* 1 for an override with RECURRENCE-ID;RANGE=THISANDFUTURE, which also
   * moves the later occurrences of its series. */
  "  this_and_future INTEGER NOT NULL DEFAULT 0 CHECK (this_and_future IN (0, 1)),"
  "  UNIQUE (uid, recurrence_id)"
  ");"
  "CREATE INDEX meetings_organizer ON meetings (organizer);"

  "CREATE TABLE attendees ("
  "  meeting_id INTEGER NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,"
  "  email      TEXT NOT NULL COLLATE NOCASE,"
  "  name       TEXT,"
  "  cutype     TEXT,"
  "  role       TEXT,"
  "  partstat   TEXT,"
  "  PRIMARY KEY (meeting_id, email)"
  ") WITHOUT ROWID;"
  "CREATE INDEX attendees_email ON attendees (email);"

  /* Occurrences are the expansion of meetings over the horizon. start/end
   * are UTC unix seconds; floating and all-day times are placed in
   * Europe/Stockholm for these columns and flagged. */
  "CREATE TABLE occurrences ("
  "  id            INTEGER PRIMARY KEY,"
  "  meeting_id    INTEGER NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,"
  "  uid           TEXT NOT NULL,"
  "  recurrence_id TEXT NOT NULL DEFAULT '',"
  "  start         INTEGER NOT NULL,"
  "  end           INTEGER NOT NULL CHECK (end >= start),"
  "  all_day       INTEGER NOT NULL DEFAULT 0,"
  "  floating      INTEGER NOT NULL DEFAULT 0,"
  "  cancelled     INTEGER NOT NULL DEFAULT 0,"
  "  UNIQUE (uid, recurrence_id)"
  ");"
  "CREATE INDEX occurrences_start ON occurrences (start);"
  "CREATE INDEX occurrences_meeting ON occurrences (meeting_id);"

  /* A booking reserves a room or an item for an interval. It names its
   * occurrence by uid + recurrence_id (not by row id) so that it survives a
   * re-import that rebuilds the occurrences. Overlaps are refused by the
   * triggers below, whoever writes. */
  "CREATE TABLE bookings ("
  "  id            INTEGER PRIMARY KEY,"
  "  uid           TEXT NOT NULL,"
  "  recurrence_id TEXT NOT NULL DEFAULT '',"
  "  room_id       INTEGER REFERENCES rooms (id) ON DELETE CASCADE,"
  "  equipment_id  INTEGER REFERENCES equipment (id) ON DELETE CASCADE,"
  "  person_id     INTEGER REFERENCES people (id) ON DELETE SET NULL,"
  "  start         INTEGER NOT NULL,"
  "  end           INTEGER NOT NULL,"
  "  created_at    INTEGER NOT NULL,"
  "  CHECK (end > start),"
  "  CHECK ((room_id IS NULL) <> (equipment_id IS NULL))"
  ");"
  "CREATE INDEX bookings_room ON bookings (room_id, start) WHERE room_id IS NOT NULL;"
  "CREATE INDEX bookings_equipment ON bookings (equipment_id, start) WHERE equipment_id IS NOT NULL;"
  "CREATE INDEX bookings_occurrence ON bookings (uid, recurrence_id);"
  "CREATE TRIGGER bookings_room_overlap_insert BEFORE INSERT ON bookings"
  "  WHEN NEW.room_id IS NOT NULL AND EXISTS (SELECT 1 FROM bookings"
  "    WHERE room_id = NEW.room_id AND start < NEW.end AND NEW.start < end) BEGIN"
  "  SELECT RAISE (ABORT, 'resfri: room already booked for an overlapping interval');"
  "END;"
  "CREATE TRIGGER bookings_room_overlap_update BEFORE UPDATE OF room_id, start, end ON bookings"
  "  WHEN NEW.room_id IS NOT NULL AND EXISTS (SELECT 1 FROM bookings"
  "    WHERE room_id = NEW.room_id AND id <> NEW.id AND start < NEW.end AND NEW.start < end) BEGIN"
  "  SELECT RAISE (ABORT, 'resfri: room already booked for an overlapping interval');"
  "END;"
  "CREATE TRIGGER bookings_item_overlap_insert BEFORE INSERT ON bookings"
  "  WHEN NEW.equipment_id IS NOT NULL AND EXISTS (SELECT 1 FROM bookings"
  "    WHERE equipment_id = NEW.equipment_id AND start < NEW.end AND NEW.start < end) BEGIN"
  "  SELECT RAISE (ABORT, 'resfri: item already booked for an overlapping interval');"
  "END;"
  "CREATE TRIGGER bookings_item_overlap_update BEFORE UPDATE OF equipment_id, start, end ON bookings"
  "  WHEN NEW.equipment_id IS NOT NULL AND EXISTS (SELECT 1 FROM bookings"
  "    WHERE equipment_id = NEW.equipment_id AND id <> NEW.id AND start < NEW.end"
  "      AND NEW.start < end) BEGIN"
  "  SELECT RAISE (ABORT, 'resfri: item already booked for an overlapping interval');"
  "END;"

  /* The VTIMEZONEs of imported files by TZID, their text as the file had
   * it (the latest import wins), so that export writes the definitions the
   * occurrences were expanded with. */
  "CREATE TABLE timezones ("
  "  tzid TEXT PRIMARY KEY,"
  "  ical TEXT NOT NULL"
  ") WITHOUT ROWID;"

  /* recurrence_id '' = the whole meeting (every occurrence). */
  "CREATE TABLE exemptions ("
  "  id            INTEGER PRIMARY KEY,"
  "  uid           TEXT NOT NULL,"
  "  recurrence_id TEXT NOT NULL DEFAULT '',"
  "  reason        TEXT NOT NULL CHECK (reason IN ('physical-presence', 'confidential',"
  "                  'accessibility', 'external-requirement', 'relationship',"
  "                  'missing-equipment', 'other')),"
  "  note          TEXT,"
  "  created_at    INTEGER NOT NULL,"
  "  CHECK (reason <> 'other' OR length (trim (coalesce (note, ''))) > 0),"
  "  UNIQUE (uid, recurrence_id)"
  ");"

  /* Policy settings: key/value, values as text; defaults in resfri-policy-settings.c
   * (spec/policy.md), a row only where a setting was changed. */
  "CREATE TABLE policy ("
  "  key   TEXT PRIMARY KEY,"
  "  value TEXT NOT NULL"
  ") WITHOUT ROWID;"

  /* Free-form facts about the database itself (demo seed, municipality). */
  "CREATE TABLE meta ("
  "  key   TEXT PRIMARY KEY,"
  "  value TEXT"
  ") WITHOUT ROWID;";

/* The longest occurrence bounds the occurrences of a time window
 * (resfri-policy-check.c): an index makes max (end - start) one lookup
 * instead of a scan of every occurrence (120 ms on the 60,000-employee
 * demo, at every change in the New Meeting window). */
static const char migration_1_to_2[] =
  "CREATE INDEX occurrences_length ON occurrences (end - start);";

/* Live calendars (spec/sync.md; the owner is sync/resfri-sources.c). A
 * source is a CalDAV account or a published feed; no password is stored,
 * only the path of a --password-file (else the keyring holds it). A source
 * calendar is one collection (a feed is one calendar and one resource);
 * its sync token, or its ctag (a feed: its Last-Modified), is stored in
 * the same transaction as the changes it covers. A resource is one object
 * of a calendar with its ETag and text; sync_copies are the VEVENTs it
 * holds (by UID and RECURRENCE-ID), from which the sync chooses the one
 * copy the meetings table keeps. */
static const char migration_2_to_3[] =
  "CREATE TABLE sync_sources ("
  "  id              INTEGER PRIMARY KEY,"
  "  kind            TEXT NOT NULL CHECK (kind IN ('caldav', 'url')),"
  "  url             TEXT NOT NULL,"
  "  user            TEXT,"
  "  name            TEXT,"
  "  password_file   TEXT,"
  "  people_template TEXT,"
  "  ca_file         TEXT,"
  "  etag            TEXT,"
  "  last_sync       INTEGER,"
  "  last_error      TEXT"
  ");"
  "CREATE TABLE sync_calendars ("
  "  id         INTEGER PRIMARY KEY,"
  "  source_id  INTEGER NOT NULL REFERENCES sync_sources (id) ON DELETE CASCADE,"
  "  href       TEXT NOT NULL,"
  "  name       TEXT,"
  "  role       TEXT NOT NULL DEFAULT 'person'"
  "               CHECK (role IN ('person', 'room', 'pool', 'item', 'feed')),"
  "  target     TEXT,"
  "  following  INTEGER NOT NULL DEFAULT 0 CHECK (following IN (0, 1)),"
  "  sync_token TEXT,"
  "  ctag       TEXT,"
  "  last_error TEXT,"
  "  UNIQUE (source_id, href)"
  ");"
  "CREATE TABLE sync_resources ("
  "  id          INTEGER PRIMARY KEY,"
  "  calendar_id INTEGER NOT NULL REFERENCES sync_calendars (id) ON DELETE CASCADE,"
  "  href        TEXT NOT NULL,"
  "  etag        TEXT,"
  "  ical        TEXT NOT NULL,"
  "  UNIQUE (calendar_id, href)"
  ");"
  "CREATE TABLE sync_copies ("
  "  resource_id   INTEGER NOT NULL REFERENCES sync_resources (id) ON DELETE CASCADE,"
  "  uid           TEXT NOT NULL,"
  "  recurrence_id TEXT NOT NULL DEFAULT '',"
  "  organizer     INTEGER NOT NULL DEFAULT 0 CHECK (organizer IN (0, 1)),"
  "  sequence      INTEGER NOT NULL DEFAULT 0,"
  "  stamp         INTEGER NOT NULL DEFAULT 0,"
  "  PRIMARY KEY (resource_id, uid, recurrence_id)"
  ") WITHOUT ROWID;"
  "CREATE INDEX sync_copies_uid ON sync_copies (uid, recurrence_id);";

/* Bookings follow their meeting (spec/sync.md). booking_occurrences keeps
 * the interval the occurrence had when each booking was made, so that when
 * the occurrence moves the booking moves by as much (allocate's bookings
 * hold a buffer around it); the trigger fills it, whoever writes.
 * booking_releases keeps what a release removed and why ('cancelled',
 * 'removed', or 'taken' at the new time), for `bookings --attention`. */
static const char migration_3_to_4[] =
  "CREATE TABLE booking_occurrences ("
  "  booking_id INTEGER PRIMARY KEY REFERENCES bookings (id) ON DELETE CASCADE,"
  "  start      INTEGER NOT NULL,"
  "  end        INTEGER NOT NULL"
  ");"
  "INSERT INTO booking_occurrences (booking_id, start, end)"
  "  SELECT b.id, o.start, o.end FROM bookings b"
  "    JOIN occurrences o ON o.uid = b.uid AND o.recurrence_id = b.recurrence_id;"
  "CREATE TRIGGER bookings_remember_occurrence AFTER INSERT ON bookings BEGIN"
  "  INSERT OR REPLACE INTO booking_occurrences (booking_id, start, end)"
  "  SELECT NEW.id, start, end FROM occurrences"
  "   WHERE uid = NEW.uid AND recurrence_id = NEW.recurrence_id;"
  "END;"
  "CREATE TABLE booking_releases ("
  "  id            INTEGER PRIMARY KEY,"
  "  booking_id    INTEGER NOT NULL,"
  "  kind          TEXT NOT NULL CHECK (kind IN ('room', 'item')),"
  "  resource      TEXT NOT NULL,"
  "  type          TEXT,"
  "  site          TEXT,"
  "  person        TEXT,"
  "  uid           TEXT NOT NULL,"
  "  recurrence_id TEXT NOT NULL DEFAULT '',"
  "  summary       TEXT,"
  "  start         INTEGER NOT NULL,"
  "  end           INTEGER NOT NULL,"
  "  reason        TEXT NOT NULL CHECK (reason IN ('cancelled', 'removed', 'taken')),"
  "  detail        TEXT,"
  "  released_at   INTEGER NOT NULL"
  ");"
  "CREATE INDEX booking_releases_start ON booking_releases (start);";

/* Resfri's bookings written to a followed room's or item's calendar
 * (sync/resfri-server-bookings.c; the owner is sync/resfri-sources.c):
 * where each is and its ETag. No foreign key on bookings: a cancelled
 * booking keeps its row until the server's copy is deleted. */
static const char migration_4_to_5[] =
  "CREATE TABLE sync_bookings ("
  "  booking_id  INTEGER PRIMARY KEY,"
  "  calendar_id INTEGER NOT NULL REFERENCES sync_calendars (id) ON DELETE CASCADE,"
  "  href        TEXT NOT NULL,"
  "  etag        TEXT"
  ");";

/* The events of a followed room's or item's calendar that are no meetings,
 * another installation's Resfri bookings (sync/resfri-sync.c; the owner is
 * sync/resfri-sources.c): one row per occurrence, going with its resource.
 * They reserve the calendar's room or item as its meetings do. */
static const char migration_5_to_6[] =
  "CREATE TABLE sync_reservations ("
  "  resource_id   INTEGER NOT NULL REFERENCES sync_resources (id) ON DELETE CASCADE,"
  "  uid           TEXT NOT NULL,"
  "  recurrence_id TEXT NOT NULL DEFAULT '',"
  "  summary       TEXT,"
  "  start         INTEGER NOT NULL,"
  "  end           INTEGER NOT NULL CHECK (end > start)"
  ");"
  "CREATE INDEX sync_reservations_resource ON sync_reservations (resource_id);";

/* An equipment item's own address (an optional inventory column): a
 * meeting whose ATTENDEE;CUTYPE=RESOURCE (or ROOM) names it reserves the
 * item, as a room's address reserves the room (spec/sync.md). */
static const char migration_6_to_7[] =
  "ALTER TABLE equipment ADD COLUMN email TEXT COLLATE NOCASE;"
  "CREATE UNIQUE INDEX equipment_email ON equipment (email) WHERE email IS NOT NULL;";

/* Where each copy's VEVENT lies in its resource's text (byte offset and
 * length, NULL when not known): a sync sees whether the stored meeting
 * is already that text without parsing the resource again. */
static const char migration_7_to_8[] =
  "ALTER TABLE sync_copies ADD COLUMN text_start INTEGER;"
  "ALTER TABLE sync_copies ADD COLUMN text_length INTEGER;";

/* Booking ids are never given twice (bookings/resfri-bookings.c): a
 * booking's id names its event on the server (resfri-booking-N@…), so a
 * new booking must not take the id of a cancelled one whose server copy
 * may still be there or be deleted later. The table is rebuilt with
 * AUTOINCREMENT, whose sqlite_sequence starts above every id this
 * database has handed out that a row still names: its bookings, their
 * server copies (a cancellation's pending DELETE) and their releases.
 * Dropping the old table cascades to booking_occurrences, which is kept
 * aside and put back; the table's indexes and triggers are made again.
 *
 * And the writes of a room's ATTENDEE to the organiser's copy of a meeting
 * that did not land (sync/resfri-organiser-event.c, their owner): the
 * room (its code) to add or remove on the master (recurrence_id '') or an
 * override, retried by every sync until it lands; an addition is given up
 * once its bookings end (until) or are gone. */
static const char migration_8_to_9[] =
  "CREATE TEMP TABLE booking_occurrences_kept AS SELECT * FROM booking_occurrences;"
  "CREATE TABLE bookings_monotonic ("
  "  id            INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  uid           TEXT NOT NULL,"
  "  recurrence_id TEXT NOT NULL DEFAULT '',"
  "  room_id       INTEGER REFERENCES rooms (id) ON DELETE CASCADE,"
  "  equipment_id  INTEGER REFERENCES equipment (id) ON DELETE CASCADE,"
  "  person_id     INTEGER REFERENCES people (id) ON DELETE SET NULL,"
  "  start         INTEGER NOT NULL,"
  "  end           INTEGER NOT NULL,"
  "  created_at    INTEGER NOT NULL,"
  "  CHECK (end > start),"
  "  CHECK ((room_id IS NULL) <> (equipment_id IS NULL))"
  ");"
  "INSERT INTO bookings_monotonic (id, uid, recurrence_id, room_id, equipment_id, person_id,"
  "                                start, end, created_at)"
  "  SELECT id, uid, recurrence_id, room_id, equipment_id, person_id, start, end, created_at"
  "    FROM bookings;"
  "DROP TABLE bookings;"
  "ALTER TABLE bookings_monotonic RENAME TO bookings;"
  "INSERT INTO booking_occurrences SELECT * FROM booking_occurrences_kept;"
  "DROP TABLE booking_occurrences_kept;"
  "DELETE FROM sqlite_sequence WHERE name = 'bookings';"
  "INSERT INTO sqlite_sequence (name, seq)"
  "  SELECT 'bookings', max (coalesce ((SELECT max (id) FROM bookings), 0),"
  "                          coalesce ((SELECT max (booking_id) FROM sync_bookings), 0),"
  "                          coalesce ((SELECT max (booking_id) FROM booking_releases), 0));"
  "CREATE INDEX bookings_room ON bookings (room_id, start) WHERE room_id IS NOT NULL;"
  "CREATE INDEX bookings_equipment ON bookings (equipment_id, start) WHERE equipment_id IS NOT NULL;"
  "CREATE INDEX bookings_occurrence ON bookings (uid, recurrence_id);"
  "CREATE TRIGGER bookings_room_overlap_insert BEFORE INSERT ON bookings"
  "  WHEN NEW.room_id IS NOT NULL AND EXISTS (SELECT 1 FROM bookings"
  "    WHERE room_id = NEW.room_id AND start < NEW.end AND NEW.start < end) BEGIN"
  "  SELECT RAISE (ABORT, 'resfri: room already booked for an overlapping interval');"
  "END;"
  "CREATE TRIGGER bookings_room_overlap_update BEFORE UPDATE OF room_id, start, end ON bookings"
  "  WHEN NEW.room_id IS NOT NULL AND EXISTS (SELECT 1 FROM bookings"
  "    WHERE room_id = NEW.room_id AND id <> NEW.id AND start < NEW.end AND NEW.start < end) BEGIN"
  "  SELECT RAISE (ABORT, 'resfri: room already booked for an overlapping interval');"
  "END;"
  "CREATE TRIGGER bookings_item_overlap_insert BEFORE INSERT ON bookings"
  "  WHEN NEW.equipment_id IS NOT NULL AND EXISTS (SELECT 1 FROM bookings"
  "    WHERE equipment_id = NEW.equipment_id AND start < NEW.end AND NEW.start < end) BEGIN"
  "  SELECT RAISE (ABORT, 'resfri: item already booked for an overlapping interval');"
  "END;"
  "CREATE TRIGGER bookings_item_overlap_update BEFORE UPDATE OF equipment_id, start, end ON bookings"
  "  WHEN NEW.equipment_id IS NOT NULL AND EXISTS (SELECT 1 FROM bookings"
  "    WHERE equipment_id = NEW.equipment_id AND id <> NEW.id AND start < NEW.end"
  "      AND NEW.start < end) BEGIN"
  "  SELECT RAISE (ABORT, 'resfri: item already booked for an overlapping interval');"
  "END;"
  "CREATE TRIGGER bookings_remember_occurrence AFTER INSERT ON bookings BEGIN"
  "  INSERT OR REPLACE INTO booking_occurrences (booking_id, start, end)"
  "  SELECT NEW.id, start, end FROM occurrences"
  "   WHERE uid = NEW.uid AND recurrence_id = NEW.recurrence_id;"
  "END;"
  "CREATE TABLE sync_organiser_rooms ("
  "  uid           TEXT NOT NULL,"
  "  room          TEXT NOT NULL COLLATE NOCASE,"
  "  recurrence_id TEXT NOT NULL DEFAULT '',"
  "  add_room      INTEGER NOT NULL CHECK (add_room IN (0, 1)),"
  "  until         INTEGER,"
  "  PRIMARY KEY (uid, room, recurrence_id)"
  ") WITHOUT ROWID;";

/* The audit log of spec/privacy.md (the owner is audit/resfri-audit.c):
 * one row per change a user made, with the time (UTC), the operating-system
 * user, the action, and the kind and id of the object changed; no personal
 * data beyond the user and the object's id. */
static const char migration_9_to_10[] =
  "CREATE TABLE audit_log ("
  "  id          INTEGER PRIMARY KEY,"
  "  time        INTEGER NOT NULL,"
  "  user        TEXT NOT NULL,"
  "  action      TEXT NOT NULL,"
  "  object_kind TEXT NOT NULL,"
  "  object_id   TEXT NOT NULL,"
  "  detail      TEXT"
  ");"
  "CREATE INDEX audit_log_time ON audit_log (time);";

/* Retention (spec/privacy.md; the owner is privacy/resfri-retention.c): a
 * meeting whose occurrences all ended more than retention_months ago keeps
 * only the follow-up's facts, resolved once at the purge: the organiser's
 * unit, the mode, the venue, whether anyone travelled beyond local_km, the
 * km travelled and avoided, the trips and how many of its people are not
 * in the people register; its internal attendees as counts
 * per unit. retention_state holds how far the last purge went, so that
 * the check on open is one range of the start index. */
static const char migration_10_to_11[] =
  "CREATE TABLE retained_meetings ("
  "  meeting_id        INTEGER PRIMARY KEY REFERENCES meetings (id) ON DELETE CASCADE,"
  "  organizer_unit_id INTEGER NOT NULL DEFAULT 0,"
  "  mode              INTEGER NOT NULL DEFAULT 0,"
  "  venue_site_id     INTEGER NOT NULL DEFAULT 0,"
  "  venue_room_id     INTEGER NOT NULL DEFAULT 0,"
  "  venue_room_vc     INTEGER NOT NULL DEFAULT 0,"
  "  has_travel        INTEGER NOT NULL DEFAULT 0,"
  "  travel_km         REAL NOT NULL DEFAULT 0,"
  "  avoided_km        REAL NOT NULL DEFAULT 0,"
  "  trips_short       INTEGER NOT NULL DEFAULT 0,"
  "  trips_long        INTEGER NOT NULL DEFAULT 0,"
  "  unregistered      INTEGER NOT NULL DEFAULT 0"
  ");"
  "CREATE TABLE retained_attendees ("
  "  meeting_id INTEGER NOT NULL REFERENCES retained_meetings (meeting_id) ON DELETE CASCADE,"
  "  unit_id    INTEGER NOT NULL,"
  "  attendees  INTEGER NOT NULL,"
  "  PRIMARY KEY (meeting_id, unit_id)"
  ") WITHOUT ROWID;"
  "CREATE TABLE retention_state ("
  "  id              INTEGER PRIMARY KEY CHECK (id = 1),"
  "  purged_until    INTEGER NOT NULL,"
  "  last_meeting_id INTEGER NOT NULL"
  ");";

/* A person erased from the register (spec/privacy.md; the owner is
 * registers/resfri-registers.c) leaves a row without name or address:
 * their meetings name them `former-ID@invalid`, and this row keeps the
 * unit, site and role those meetings are attributed by, so the follow-up
 * of the past is unchanged. AUTOINCREMENT: a pseudonym is never given
 * twice. */
static const char migration_11_to_12[] =
  "CREATE TABLE former_people ("
  "  id      INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  unit_id INTEGER NOT NULL REFERENCES units (id) ON DELETE RESTRICT,"
  "  site_id INTEGER NOT NULL REFERENCES sites (id) ON DELETE RESTRICT,"
  "  role    TEXT NOT NULL DEFAULT 'employee'"
  ");";

static const char * const migrations[] = {
  migration_0_to_1,
  migration_1_to_2,
  migration_2_to_3,
  migration_3_to_4,
  migration_4_to_5,
  migration_5_to_6,
  migration_6_to_7,
  migration_7_to_8,
  migration_8_to_9,
  migration_9_to_10,
  migration_10_to_11,
  migration_11_to_12,
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == RESFRI_STORE_SCHEMA_VERSION);

const char *
_resfri_schema_get_migration (int from_version)
{
  g_return_val_if_fail (from_version >= 0 && from_version < (int) G_N_ELEMENTS (migrations), NULL);

  return migrations[from_version];
}

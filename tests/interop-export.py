#!/usr/bin/python3
# interop-export.py
#
# Copyright 2026 The Resfri authors
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Does other calendar software accept what `resfri-cli export` writes?
#
#   interop-export.py icalendar   Debian's python3-icalendar parses the
#                                 export; events, attendees, CONFERENCE,
#                                 X-RESFRI-EXEMPTION and VTIMEZONEs checked
#   interop-export.py khal        khal imports it (--batch) into a temporary
#                                 vdir and `khal list` shows the events
#
# Two exports each: the demo municipality (60 employees) with bookings and
# exemptions added, and the hand-written tests/data/export-fixture.ics.
# Exits 77 (skipped) only when the tool is missing. Needs $RESFRI_CLI.

import datetime
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile

SKIP = 77


def run(args, **kwargs):
    result = subprocess.run(args, capture_output=True, text=True, **kwargs)
    if result.returncode != 0:
        sys.exit('%s failed (%d): %s%s' % (' '.join(args), result.returncode,
                                          result.stdout, result.stderr))
    return result.stdout


def cli(db, *args):
    return run([os.environ['RESFRI_CLI'], '--db', db] + list(args))


def fixture_path():
    here = os.environ.get('G_TEST_SRCDIR', os.path.dirname(os.path.abspath(__file__)))
    return os.path.join(here, 'data', 'export-fixture.ics')


class Expected:
    """What the export must contain, read from the database."""

    def __init__(self, db):
        self.db = db
        con = sqlite3.connect(db)
        self.meetings = con.execute('SELECT count(*) FROM meetings').fetchone()[0]
        self.uids = {row[0] for row in con.execute('SELECT uid FROM meetings')}
        self.online = {(uid, rid): url for uid, rid, url in con.execute(
            'SELECT uid, recurrence_id, online_url FROM meetings WHERE online_url IS NOT NULL')}
        self.room_on_master = None
        self.override = None
        self.created = 0
        con.close()

    def occurrences(self, start, end):
        """UIDs with an occurrence (not cancelled) starting in [start, end)."""
        con = sqlite3.connect(self.db)
        rows = con.execute('SELECT DISTINCT uid FROM occurrences WHERE cancelled = 0'
                           ' AND start >= ? AND start < ?',
                           (int(start.timestamp()), int(end.timestamp()))).fetchall()
        con.close()
        return {row[0] for row in rows}


def add_bookings(db, expected):
    """A room booked for every occurrence of one series, a room and a loan
    item for one occurrence of another, exemptions of both."""
    con = sqlite3.connect(db)
    series = con.execute(
        "SELECT m.id, m.uid FROM meetings m WHERE m.recurrence_id = ''"
        " AND (SELECT count(*) FROM occurrences o WHERE o.meeting_id = m.id AND o.cancelled = 0) >= 3"
        " AND NOT EXISTS (SELECT 1 FROM meetings x WHERE x.uid = m.uid AND x.recurrence_id <> '')"
        " ORDER BY m.uid LIMIT 2").fetchall()
    assert len(series) == 2, 'the demo has no two plain series'
    rooms = con.execute('SELECT id, name, email FROM rooms WHERE email IS NOT NULL ORDER BY id LIMIT 2').fetchall()
    item = con.execute('SELECT e.id, e.tag, t.name FROM equipment e JOIN equipment_types t ON t.id = e.type_id'
                       ' WHERE e.owner_id IS NULL ORDER BY e.tag LIMIT 1').fetchone()
    person = con.execute('SELECT id FROM people ORDER BY id LIMIT 1').fetchone()[0]

    (first_id, first_uid), (second_id, second_uid) = series
    con.execute('INSERT INTO bookings (uid, recurrence_id, room_id, start, end, created_at)'
                ' SELECT uid, recurrence_id, ?, start, end, 0 FROM occurrences'
                ' WHERE meeting_id = ? AND cancelled = 0', (rooms[0][0], first_id))
    rid, = con.execute('SELECT recurrence_id FROM occurrences WHERE meeting_id = ? AND cancelled = 0'
                       ' ORDER BY start LIMIT 1 OFFSET 1', (second_id,)).fetchone()
    con.execute('INSERT INTO bookings (uid, recurrence_id, room_id, start, end, created_at)'
                ' SELECT uid, recurrence_id, ?, start, end, 0 FROM occurrences'
                ' WHERE meeting_id = ? AND recurrence_id = ?', (rooms[1][0], second_id, rid))
    con.execute('INSERT INTO bookings (uid, recurrence_id, equipment_id, person_id, start, end, created_at)'
                ' SELECT uid, recurrence_id, ?, ?, start, end, 0 FROM occurrences'
                ' WHERE meeting_id = ? AND recurrence_id = ?', (item[0], person, second_id, rid))
    con.execute("INSERT INTO exemptions (uid, recurrence_id, reason, note, created_at)"
                " VALUES (?, '', 'physical-presence', NULL, 0)", (first_uid,))
    con.execute("INSERT INTO exemptions (uid, recurrence_id, reason, note, created_at)"
                " VALUES (?, ?, 'other', 'Avtalet kräver \"på plats\"', 0)", (second_uid, rid))
    con.commit()
    con.close()

    expected.room_on_master = (first_uid, 'mailto:' + rooms[0][2], rooms[0][1])
    expected.override = (second_uid, rid, 'mailto:' + rooms[1][2],
                         'urn:x-resfri:item:' + item[1], '%s (%s)' % (item[1], item[2]))
    expected.created = 1


def make_exports(tmp):
    """[(export path, Expected)] for the demo and the fixture."""
    exports = []

    demo_db = os.path.join(tmp, 'demo.db')
    cli(demo_db, 'demo', '--employees', '60')
    demo = Expected(demo_db)
    add_bookings(demo_db, demo)
    path = os.path.join(tmp, 'demo.ics')
    cli(demo_db, 'export', path)
    exports.append((path, demo))

    fixture_db = os.path.join(tmp, 'fixture.db')
    cli(fixture_db, 'import', fixture_path())
    path = os.path.join(tmp, 'fixture.ics')
    cli(fixture_db, 'export', path)
    exports.append((path, Expected(fixture_db)))

    return exports


def rid_of(event):
    """The RECURRENCE-ID of an event as spec/cli.md writes it, '' if none."""
    if 'RECURRENCE-ID' not in event:
        return ''
    value = event.decoded('RECURRENCE-ID')
    if isinstance(value, datetime.datetime):
        if value.tzinfo is None:
            return value.strftime('%Y%m%dT%H%M%S')
        return value.astimezone(datetime.timezone.utc).strftime('%Y%m%dT%H%M%SZ')
    return value.strftime('%Y%m%d')


def as_list(value):
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def check_icalendar(exports):
    try:
        import icalendar
    except ImportError:
        print('python3-icalendar is not installed')
        sys.exit(SKIP)

    for path, expected in exports:
        with open(path, 'rb') as f:
            data = f.read()
        assert b'\n' not in data.replace(b'\r\n', b''), 'a line does not end in CRLF'
        assert all(len(line) <= 75 for line in data.split(b'\r\n')), 'a line is longer than 75 octets'

        cal = icalendar.Calendar.from_ical(data)
        assert str(cal['VERSION']) == '2.0'
        assert str(cal['METHOD']) == 'PUBLISH'
        assert 'PRODID' in cal

        events = cal.walk('VEVENT')
        assert len(events) == expected.meetings + expected.created, \
            '%s: %d events, expected %d' % (path, len(events), expected.meetings + expected.created)
        assert {str(e['UID']) for e in events} == expected.uids

        zones = {str(z['TZID']) for z in cal.walk('VTIMEZONE')}
        by_key = {}
        for event in events:
            by_key[(str(event['UID']), rid_of(event))] = event
            start = event.decoded('DTSTART')
            assert isinstance(start, (datetime.date, datetime.datetime))
            for name in ('DTSTART', 'DTEND', 'RECURRENCE-ID'):
                if name in event and 'TZID' in event[name].params:
                    assert event[name].params['TZID'] in zones, 'no VTIMEZONE for ' + event[name].params['TZID']
                    assert event.decoded(name).tzinfo is not None

        for (uid, rid), url in expected.online.items():
            event = by_key[(uid, rid)]
            conferences = [str(c) for c in as_list(event.get('CONFERENCE'))]
            assert url in conferences, '%s: CONFERENCE %s missing' % (uid, url)
            if url.startswith('https://') and url not in ('tel:+46-8-123456',):
                video = [c for c in as_list(event.get('CONFERENCE')) if str(c) == url]
                assert video[0].params.get('VALUE') == 'URI'

        if expected.room_on_master is not None:
            uid, room, name = expected.room_on_master
            master = by_key[(uid, '')]
            rooms = [a for a in as_list(master.get('ATTENDEE')) if a.params.get('CUTYPE') == 'ROOM']
            assert [str(a) for a in rooms] == [room], rooms
            assert rooms[0].params.get('ROLE') == 'NON-PARTICIPANT'
            assert rooms[0].params.get('CN') == name
            assert str(master['X-RESFRI-EXEMPTION']) == 'physical-presence'
            # every other meeting of that UID is an override: none here
            assert 'RRULE' in master

            uid, rid, room, item, item_cn = expected.override
            override = by_key[(uid, rid)]
            assert 'RRULE' not in override
            attendees = as_list(override.get('ATTENDEE'))
            assert room in [str(a) for a in attendees if a.params.get('CUTYPE') == 'ROOM']
            resources = [a for a in attendees if a.params.get('CUTYPE') == 'RESOURCE']
            assert [str(a) for a in resources] == [item], resources
            assert resources[0].params.get('CN') == item_cn
            exemption = override['X-RESFRI-EXEMPTION']
            assert str(exemption) == 'other'
            assert 'på plats' in exemption.params.get('X-RESFRI-NOTE')
            master = by_key[(uid, '')]
            assert 'X-RESFRI-EXEMPTION' not in master
            assert room not in [str(a) for a in as_list(master.get('ATTENDEE'))]
        else:
            series = by_key[('fixture-series@resfri.test', '')]
            assert 'W. Europe Standard Time' in zones and 'Customized Time Zone' in zones
            assert str(series['X-UNMODELLED']) == 'survives export'
            assert [c.name for c in series.subcomponents] == ['X-VENDOR-DATA', 'VALARM']
            moved = by_key[('fixture-series@resfri.test', '20260323T080000Z')]
            assert moved.decoded('DTSTART').hour == 13
        print('%s: %d events, %d zones accepted by python3-icalendar %s' %
              (os.path.basename(path), len(events), len(zones), icalendar.__version__))


KHAL_CONFIG = '''[calendars]
[[resfri]]
path = {vdir}
type = calendar
[locale]
timeformat = %H:%M
dateformat = %Y-%m-%d
longdateformat = %Y-%m-%d
datetimeformat = %Y-%m-%d %H:%M
longdatetimeformat = %Y-%m-%d %H:%M
local_timezone = Europe/Stockholm
default_timezone = Europe/Stockholm
[sqlite]
path = {db}
'''


def check_khal(exports, tmp):
    khal = shutil.which('khal')
    if khal is None:
        print('khal is not installed')
        sys.exit(SKIP)

    from zoneinfo import ZoneInfo
    stockholm = ZoneInfo('Europe/Stockholm')

    for n, (path, expected) in enumerate(exports):
        vdir = os.path.join(tmp, 'vdir%d' % n)
        os.mkdir(vdir)
        config = os.path.join(tmp, 'khal%d.conf' % n)
        with open(config, 'w') as f:
            f.write(KHAL_CONFIG.format(vdir=vdir, db=os.path.join(tmp, 'khal%d.db' % n)))
        env = dict(os.environ, HOME=tmp, XDG_CONFIG_HOME=tmp, XDG_DATA_HOME=tmp,
                   TZ='Europe/Stockholm', LC_ALL='C.UTF-8')

        run([khal, '-c', config, 'import', '--batch', '-a', 'resfri', path], env=env)
        files = [f for f in os.listdir(vdir) if f.endswith('.ics')]
        assert len(files) == len(expected.uids), '%d files in the vdir, %d UIDs' % (len(files), len(expected.uids))

        # Weeks with occurrences: khal lists every UID that starts in them.
        days = [datetime.datetime(2026, 3, 2), datetime.datetime(2026, 3, 16),
                datetime.datetime(2026, 6, 1), datetime.datetime(2026, 10, 19)]
        listed_total = 0
        for day in days:
            start = day.replace(tzinfo=stockholm)
            end = start + datetime.timedelta(days=7)
            want = expected.occurrences(start, end)
            out = run([khal, '-c', config, 'list', '--format', '{uid}|{start}|{title}',
                       start.strftime('%Y-%m-%d'), (end - datetime.timedelta(days=1)).strftime('%Y-%m-%d')],
                      env=env)
            listed = {line.split('|', 1)[0] for line in out.splitlines() if '|' in line}
            missing = want - listed
            assert not missing, 'khal does not list %s in the week of %s' % (sorted(missing), day.date())
            assert listed <= expected.uids, 'khal lists unknown UIDs %s' % sorted(listed - expected.uids)
            listed_total += len(want)

        if expected.room_on_master is None:
            out = run([khal, '-c', config, 'list', '--format', '{uid}|{start}|{title}',
                       '2026-03-23', '2026-03-23'], env=env)
            assert 'fixture-series@resfri.test|2026-03-23 13:00|Ledningsgrupp (flyttad)' in out, out
            out = run([khal, '-c', config, 'list', '--format', '{uid}|{start}|{title}',
                       '2026-10-25', '2026-10-25'], env=env)
            assert 'fixture-custom-zone@resfri.test|2026-10-25 02:30|' in out, out
        else:
            uid = expected.room_on_master[0]
            stored = [f for f in files if open(os.path.join(vdir, f), encoding='utf-8').read().count(uid)]
            text = open(os.path.join(vdir, stored[0]), encoding='utf-8').read()
            assert 'CUTYPE=ROOM' in text and 'X-RESFRI-EXEMPTION' in text
        print('%s: %d UIDs imported by khal, %d listed in %d weeks' %
              (os.path.basename(path), len(files), listed_total, len(days)))


def main():
    if len(sys.argv) != 2 or sys.argv[1] not in ('icalendar', 'khal'):
        sys.exit('usage: interop-export.py icalendar|khal')
    tool = sys.argv[1]

    # Skip before any work when the tool is missing.
    if tool == 'icalendar':
        try:
            import icalendar  # noqa: F401
        except ImportError:
            print('python3-icalendar is not installed')
            return SKIP
    elif shutil.which('khal') is None:
        print('khal is not installed')
        return SKIP

    tmp = tempfile.mkdtemp(prefix='resfri-interop-')
    try:
        exports = make_exports(tmp)
        if tool == 'icalendar':
            check_icalendar(exports)
        else:
            check_khal(exports, tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == '__main__':
    sys.exit(main())

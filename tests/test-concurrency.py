#!/usr/bin/python3
# tests/test-concurrency.py: several resfri-cli processes on one database at
# the same moment.
#
# Copyright 2026 The Resfri authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
#   test-concurrency.py [ROUNDS]
#
# RESFRI_CLI names the program.
#  1. Booking race: two processes book the same loan item for two meetings
#     that overlap, started together, ROUNDS times: exactly one wins, the
#     other exits 1 naming the booking in the way; never "database is
#     locked".
#  2. A long import (one transaction of a few seconds) while other processes
#     add items, book, read and import small calendars: every one of them
#     waits for the lock and succeeds; nothing is lost.

import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time

FAILURES = []
# The long import holds the write lock for its whole transaction; the
# other commands wait up to the store's busy timeout (30 s) for it. How
# long an import of N events takes depends on the build (a sanitizer or
# valgrind is several times slower) and on what else the machine does, so
# the test first times an import on this machine, now, and sizes the long
# one to hold the lock for about LOCK_SECONDS: a sixth of the timeout.
BUSY_TIMEOUT = 30.0
LOCK_SECONDS = BUSY_TIMEOUT / 6
CALIBRATION_EVENTS = 400


def fail(message):
    print(f"not ok - {message}")
    FAILURES.append(message)


def run(cli, db, *args):
    return subprocess.run([cli, "--db", db] + list(args), capture_output=True, text=True)


def query(db, sql, *args):
    conn = sqlite3.connect(db, timeout=60)
    try:
        return conn.execute(sql, args).fetchall()
    finally:
        conn.close()


def write_pairs(path, rounds):
    """Meetings a-N and b-N overlap by half an hour, a day apart per N."""
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Resfri//concurrency test//EN"]
    for n in range(rounds):
        month, day = 3 + n // 28, 1 + n % 28
        for name, start, end in (("a", "100000", "110000"), ("b", "103000", "113000")):
            lines += ["BEGIN:VEVENT", f"UID:race-{name}-{n}@conc.example",
                      "DTSTAMP:20260101T080000Z",
                      f"DTSTART:2026{month:02d}{day:02d}T{start}Z",
                      f"DTEND:2026{month:02d}{day:02d}T{end}Z",
                      f"SUMMARY:Race {name} {n}", "END:VEVENT"]
    lines.append("END:VCALENDAR")
    with open(path, "w", newline="") as f:
        f.write("\r\n".join(lines) + "\r\n")


def write_big(path, prefix, events, weeks):
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Resfri//concurrency test//EN"]
    for i in range(events):
        lines += ["BEGIN:VEVENT", f"UID:{prefix}-{i}@conc.example", "DTSTAMP:20260101T080000Z",
                  f"DTSTART:202601{1 + i % 28:02d}T{8 + i % 9:02d}0000Z",
                  f"DTEND:202601{1 + i % 28:02d}T{8 + i % 9:02d}3000Z",
                  f"RRULE:FREQ=WEEKLY;COUNT={weeks}", f"SUMMARY:Stor {i}", "END:VEVENT"]
    lines.append("END:VCALENDAR")
    with open(path, "w", newline="") as f:
        f.write("\r\n".join(lines) + "\r\n")


def booking_race(cli, db, folder, rounds):
    tag, site_id = query(db, "SELECT e.tag, e.site_id FROM equipment e"
                             " JOIN equipment_types t ON t.id = e.type_id"
                             " WHERE e.owner_id IS NULL AND e.state = 'ok' ORDER BY e.tag")[0]
    person = query(db, "SELECT email FROM people WHERE site_id = ? ORDER BY email", site_id)[0][0]
    ics = os.path.join(folder, "race.ics")
    write_pairs(ics, rounds)
    done = run(cli, db, "import", ics)
    if done.returncode != 0:
        fail(f"importing the race meetings: {done.stderr.strip()}")
        return

    wins = {"a": 0, "b": 0}
    for n in range(rounds):
        # Both start before either has opened the database.
        processes = {name: subprocess.Popen([cli, "--db", db, "book", "item", tag,
                                             "--uid", f"race-{name}-{n}@conc.example",
                                             "--person", person],
                                            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                            text=True)
                     for name in ("a", "b")}
        results = {name: (p.wait(), p.stdout.read(), p.stderr.read())
                   for name, p in processes.items()}
        for p in processes.values():
            p.stdout.close()
            p.stderr.close()
        winners = [name for name, r in results.items() if r[0] == 0]
        losers = [name for name, r in results.items() if r[0] != 0]
        if len(winners) != 1:
            fail(f"race {n}: {len(winners)} winners: {results}")
            continue
        status, _, stderr = results[losers[0]]
        if status != 1 or "already booked" not in stderr or "locked" in stderr \
           or len(stderr.strip().splitlines()) != 1:
            fail(f"race {n}: the loser exited {status} with “{stderr.strip()}”")
            continue
        stored = query(db, "SELECT uid FROM bookings b JOIN equipment e ON e.id = b.equipment_id"
                           " WHERE e.tag = ? AND uid IN (?, ?)", tag,
                       f"race-a-{n}@conc.example", f"race-b-{n}@conc.example")
        if [row[0] for row in stored] != [f"race-{winners[0]}-{n}@conc.example"]:
            fail(f"race {n}: {winners[0]} won but the bookings are {stored}")
            continue
        wins[winners[0]] += 1
        print(f"ok - race {n}: {winners[0]} won, the other: {stderr.strip()}")
    print(f"# booking races: {rounds}, won by the first started {wins['a']}, "
          f"by the second {wins['b']}")


def events_for_lock_seconds(cli, db, folder):
    """How many events an import stores in LOCK_SECONDS here and now,
    timed on a copy of the database (between 200 and 8,000)."""
    copy = os.path.join(folder, "calibration.db")
    conn = sqlite3.connect(db, timeout=60)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    shutil.copyfile(db, copy)
    os.chmod(copy, 0o600)
    path = os.path.join(folder, "calibration.ics")
    write_big(path, "calibration", CALIBRATION_EVENTS, 40)
    started = time.monotonic()
    done = run(cli, copy, "import", path)
    seconds = max(time.monotonic() - started, 0.001)
    if done.returncode != 0:
        fail(f"the timing import exited {done.returncode}: {done.stderr.strip()}")
    events = int(CALIBRATION_EVENTS * LOCK_SECONDS / seconds)
    print(f"# {CALIBRATION_EVENTS} events import in {seconds:.2f} s here: "
          f"the long import gets {min(max(events, 200), 8000)}")
    return min(max(events, 200), 8000)


def import_under_load(cli, db, folder):
    big = os.path.join(folder, "big.ics")
    big_events = events_for_lock_seconds(cli, db, folder)
    write_big(big, "big", big_events, 40)
    site = query(db, "SELECT code FROM sites ORDER BY code")[0][0]
    results = []
    lock = threading.Lock()
    stop = threading.Event()

    def note(what, done):
        with lock:
            results.append((what, done.returncode, done.stderr.strip()))

    def writer():
        n = 0
        while not stop.is_set():
            note(f"inventory add LOAD-{n}",
                 run(cli, db, "inventory", "add", "--tag", f"LOAD-{n}", "--type", "headset",
                     "--site", site))
            n += 1

    def reader():
        while not stop.is_set():
            note("bookings", run(cli, db, "bookings", "--format", "json"))

    def small_imports():
        n = 0
        while not stop.is_set():
            path = os.path.join(folder, f"small-{n}.ics")
            write_big(path, f"small{n}", 5, 2)
            note(f"import small-{n}", run(cli, db, "import", path))
            n += 1

    threads = [threading.Thread(target=f) for f in (writer, reader, small_imports)]
    started = time.monotonic()
    importer = subprocess.Popen([cli, "--db", db, "import", big],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    for t in threads:
        t.start()
    status = importer.wait()
    import_seconds = time.monotonic() - started
    stderr = importer.stderr.read()
    importer.stdout.close()
    importer.stderr.close()
    # Let the others run once more after the import.
    time.sleep(0.5)
    stop.set()
    for t in threads:
        t.join()

    if status != 0:
        fail(f"the long import exited {status}: {stderr.strip()}")
    bad = [r for r in results if r[1] != 0]
    for what, code, message in bad:
        fail(f"{what} during the import exited {code}: {message}")
    locked = [r for r in results if "locked" in r[2] or "busy" in r[2]]
    if locked:
        fail(f"{len(locked)} commands said the database was locked")

    # Nothing lost: every item added, every calendar imported.
    added = {f"LOAD-{i}" for i in range(sum(1 for r in results if r[0].startswith("inventory")))}
    stored = {row[0] for row in query(db, "SELECT tag FROM equipment WHERE tag LIKE 'LOAD-%'")}
    if added != stored:
        fail(f"items lost: {sorted(added - stored)}")
    n_small = sum(1 for r in results if r[0].startswith("import"))
    meetings = query(db, "SELECT count(*) FROM meetings WHERE uid LIKE 'big-%'")[0][0]
    small = query(db, "SELECT count(*) FROM meetings WHERE uid LIKE 'small%'")[0][0]
    if meetings != big_events:
        fail(f"the long import stored {meetings} of {big_events} meetings")
    if small != 5 * n_small:
        fail(f"the small imports stored {small} of {5 * n_small} meetings")
    integrity = query(db, "PRAGMA integrity_check")
    if integrity != [("ok",)]:
        fail(f"integrity_check: {integrity}")
    counts = {}
    for what, _, _ in results:
        kind = what.split(" ")[0] + (" " + what.split(" ")[1] if what.startswith("inventory") else "")
        counts[kind] = counts.get(kind, 0) + 1
    print(f"ok - a long import ({import_seconds:.1f} s) alongside "
          + ", ".join(f"{v}× {k}" for k, v in sorted(counts.items()))
          + f": {len(bad)} failed, {len(locked)} locked")


def main():
    cli = os.environ["RESFRI_CLI"]
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    with tempfile.TemporaryDirectory(prefix="resfri-conc-") as folder:
        db = os.path.join(folder, "resfri.db")
        done = run(cli, db, "demo", "--employees", "50")
        if done.returncode != 0:
            fail(f"demo: {done.stderr}")
            sys.exit(1)
        booking_race(cli, db, folder, rounds)
        import_under_load(cli, db, folder)
    sys.exit(1 if FAILURES else 0)


if __name__ == "__main__":
    main()

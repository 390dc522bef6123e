#!/usr/bin/python3
# tests/test-crash-safety.py: `resfri-cli import` killed with SIGKILL at
# random moments leaves a sound database in which every file is either
# wholly imported or not at all.
#
# Copyright 2026 The Resfri authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
#   test-crash-safety.py [KILLS]
#
# RESFRI_CLI names the program; RESFRI_CRASH_SEED repeats a run (the seed is
# printed). Each round writes FILES new calendars (UIDs of their own), starts
# one `resfri-cli import` of all of them, kills it after a random delay of up
# to the length of a whole run and then checks, with sqlite itself:
#  - PRAGMA integrity_check is "ok" and PRAGMA foreign_key_check is empty;
#  - each file's meetings and occurrences are all there or all absent;
#  - the files were imported in order (a later file never without an earlier).
# The next round's import opens the killed database (recovering its WAL);
# every ten rounds start again on a new database. Then KILLS/4 new
# databases are killed while `demo` fills them: each opens afterwards with
# all of the demo or none of it.

import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time

FILES = 4
EVENTS = 700         # per file
WEEKS = 20           # occurrences per event


def write_calendar(path, prefix):
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Resfri//crash test//EN"]
    for i in range(EVENTS):
        day = 1 + i % 28
        hour = 8 + i % 9
        lines += [
            "BEGIN:VEVENT",
            f"UID:{prefix}-{i:05d}@crash.example",
            "DTSTAMP:20260101T080000Z",
            f"DTSTART:202602{day:02d}T{hour:02d}0000Z",
            f"DTEND:202602{day:02d}T{hour:02d}4500Z",
            f"RRULE:FREQ=WEEKLY;COUNT={WEEKS}",
            f"SUMMARY:Avstämning {i}",
            "ORGANIZER:mailto:anna@example.se",
            "ATTENDEE:mailto:bo@example.se",
            "ATTENDEE:mailto:cecilia@example.se",
            "LOCATION:Rådhuset",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write("\r\n".join(lines) + "\r\n")


def file_state(conn, prefix):
    """'all', 'none' or a description of the damage."""
    meetings = conn.execute("SELECT count(*) FROM meetings WHERE uid LIKE ?",
                            (prefix + "-%",)).fetchone()[0]
    occurrences = conn.execute("SELECT count(*) FROM occurrences WHERE uid LIKE ?",
                               (prefix + "-%",)).fetchone()[0]
    if meetings == 0 and occurrences == 0:
        return "none"
    if meetings == EVENTS and occurrences == EVENTS * WEEKS:
        return "all"
    return f"partial ({meetings} meetings, {occurrences} occurrences)"


def check(db, prefixes):
    conn = sqlite3.connect(db)
    try:
        integrity = [row[0] for row in conn.execute("PRAGMA integrity_check")]
        if integrity != ["ok"]:
            raise AssertionError(f"integrity_check: {integrity[:5]}")
        fk = conn.execute("PRAGMA foreign_key_check").fetchall()
        if fk:
            raise AssertionError(f"foreign_key_check: {fk[:5]}")
        states = [file_state(conn, p) for p in prefixes]
    finally:
        conn.close()
    for s in states:
        if s not in ("all", "none"):
            raise AssertionError(f"a file was half imported: {states}")
    # One transaction per file, in order: "all" never follows a "none".
    if "none" in states and "all" in states[states.index("none"):]:
        raise AssertionError(f"files imported out of order: {states}")
    return states


def main():
    cli = os.environ["RESFRI_CLI"]
    kills = int(sys.argv[1]) if len(sys.argv) > 1 else 40
    seed = int(os.environ.get("RESFRI_CRASH_SEED") or random.SystemRandom().randrange(1 << 32))
    print(f"# seed {seed} (RESFRI_CRASH_SEED={seed} repeats this run)")
    rng = random.Random(seed)

    with tempfile.TemporaryDirectory(prefix="resfri-crash-") as folder:
        db = os.path.join(folder, "resfri.db")

        def round_files(r):
            prefixes = [f"r{r:03d}f{k}" for k in range(FILES)]
            paths = []
            for p in prefixes:
                path = os.path.join(folder, p + ".ics")
                write_calendar(path, p)
                paths.append(path)
            return prefixes, paths

        def remove(paths):
            for path in paths:
                os.unlink(path)

        def whole_round(r):
            """A round that runs to the end: how long a whole import takes
            (longer as the database grows)."""
            prefixes, paths = round_files(r)
            started = time.monotonic()
            done = subprocess.run([cli, "--db", db, "import"] + paths,
                                  capture_output=True, text=True)
            duration = time.monotonic() - started
            remove(paths)
            if done.returncode != 0:
                print(done.stderr)
                raise AssertionError(f"the import failed with {done.returncode}")
            if check(db, prefixes) != ["all"] * FILES:
                raise AssertionError("a whole import did not store everything")
            print(f"# a whole import of {FILES} files ({FILES * EVENTS} meetings, "
                  f"{FILES * EVENTS * WEEKS} occurrences) takes {duration * 1000:.0f} ms")
            return duration

        outcomes = {}
        killed = 0
        for r in range(1, kills + 1):
            # A new database every ten rounds keeps the imports short.
            if r % 10 == 1:
                for suffix in ("", "-wal", "-shm"):
                    if os.path.exists(db + suffix):
                        os.unlink(db + suffix)
                duration = whole_round(1000 + r)
            prefixes, paths = round_files(r)
            delay = rng.uniform(0, duration * 1.1)
            process = subprocess.Popen([cli, "--db", db, "import"] + paths,
                                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            time.sleep(delay)
            if process.poll() is None:
                process.send_signal(signal.SIGKILL)
                killed += 1
            status = process.wait()
            stderr = process.stderr.read().decode("utf-8", "replace")
            process.stderr.close()
            if status not in (0, -signal.SIGKILL):
                raise AssertionError(f"round {r}: the import exited with {status}: {stderr}")
            states = check(db, prefixes)
            n = states.count("all")
            outcomes[n] = outcomes.get(n, 0) + 1
            print(f"ok {r} - killed after {delay * 1000:.0f} ms"
                  f"{'' if status == -signal.SIGKILL else ' (had finished)'}: "
                  f"{n} of {FILES} files stored, the rest absent")
            remove(paths)

        # The killed database still works: a last import runs to the end.
        whole_round(2000)

        summary = ", ".join(f"{outcomes[n]}× {n} files" for n in sorted(outcomes))
        print(f"# {killed} kills in {kills} rounds; stored per round: {summary}")

        # A new database killed while it is made (schema, then the demo in
        # one transaction): it opens afterwards, with all of the demo or none.
        demo_kills = max(kills // 4, 1)
        states = {"none": 0, "all": 0}

        def people_in(path):
            opened = subprocess.run([cli, "--db", path, "people", "list", "--format", "csv"],
                                    capture_output=True, text=True)
            if opened.returncode != 0:
                raise AssertionError(f"a killed new database does not open: {opened.stderr}")
            return len(opened.stdout.splitlines()) - 1

        whole = os.path.join(folder, "whole.db")
        subprocess.run([cli, "--db", whole, "demo", "--employees", "200"],
                       stdout=subprocess.DEVNULL, check=True)
        demo_people = people_in(whole)
        for r in range(demo_kills):
            path = os.path.join(folder, f"new-{r}.db")
            process = subprocess.Popen([cli, "--db", path, "demo", "--employees", "200"],
                                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            time.sleep(rng.uniform(0, 0.25))
            process.kill()
            process.wait()
            people = people_in(path)
            conn = sqlite3.connect(path)
            try:
                integrity = [row[0] for row in conn.execute("PRAGMA integrity_check")]
            finally:
                conn.close()
            if integrity != ["ok"] or people not in (0, demo_people):
                raise AssertionError(f"a killed demo left {people} people, {integrity[:3]}")
            states["all" if people else "none"] += 1
            print(f"ok {kills + r + 1} - demo killed: {'all' if people else 'none'} of it stored")
        print(f"# {demo_kills} demos killed: {states['all']} whole, {states['none']} empty")
        print(f"1..{kills + demo_kills}")


if __name__ == "__main__":
    main()

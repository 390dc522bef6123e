#!/usr/bin/python3
# tests/ui/test-concurrent.py: the window notices what resfri-cli changes
# in its database while it is open, without a restart and without an error.
#
# Copyright 2026 The Resfri authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
#   test-concurrent.py PATH/TO/resfri
#
# The window reads PRAGMA data_version every two seconds; on a change it
# reloads the counts and the view on screen, and the other views when they
# are shown. A damaged database gets an error page of its own. Runs under `xvfb-run -a dbus-run-session` (build-aux/test);
# exits 77 when AT-SPI cannot work (see resfri_ui.py).

import datetime
import os
import sqlite3
import subprocess
import sys

from resfri_ui import *  # noqa: E402,F401,F403 (skips when AT-SPI cannot work)

ERRORS = ("Cannot read the database", "Nothing was imported", "database is locked")


def count_of(window, title):
    """The number Preferences' General page shows for @title, as the row's
    description says."""
    description = preferences_counts(window, [title])[title][0]
    return int(description.replace(",", "").replace("\u00a0", "").replace(" ", ""))


def check_no_error(window):
    for text in shown_labels(window.frame):
        if any(e in (text or "") for e in ERRORS):
            raise Failure(f"an error is shown: “{text}”")


def calendar(path, prefix, n, summary, when):
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Resfri UI test//EN"]
    for i in range(n):
        start = when + datetime.timedelta(hours=i)
        lines += ["BEGIN:VEVENT", f"UID:{prefix}-{i}@ui.test", "DTSTAMP:20260101T080000Z",
                  start.strftime("DTSTART:%Y%m%dT%H%M%SZ"),
                  (start + datetime.timedelta(minutes=45)).strftime("DTEND:%Y%m%dT%H%M%SZ"),
                  f"SUMMARY:{summary} {i}", "END:VEVENT"]
    lines.append("END:VCALENDAR")
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write("\r\n".join(lines) + "\r\n")


def cli(program, db, *args):
    result = subprocess.run([find_cli(program), "--db", db] + list(args),
                            capture_output=True, text=True)
    if result.returncode != 0:
        raise Failure(f"resfri-cli {' '.join(args)} failed: {result.stderr.strip()}")
    return result.stdout


def test_concurrent(program, folder):
    from dogtail import rawinput

    db = os.path.join(folder, "demo.db")
    cli(program, db, "demo", "--employees", "20")
    site = db_value(db, "SELECT code FROM sites ORDER BY code")

    started = time.monotonic()
    window = Resfri(program, db)
    try:
        # 1. An import made from a terminal: the counts (in Preferences)
        # have its meetings.
        window.wait_shown("label", "Your Meetings")
        before = count_of(window, "Meetings")
        ics = os.path.join(folder, "fran-terminalen.ics")
        calendar(ics, "terminal", 3, "Terminalmöte",
                 datetime.datetime(2026, 11, 2, 9, 0, tzinfo=datetime.timezone.utc))
        cli(program, db, "import", ics)
        wait_for(f"the Meetings count to reach {before + 3}",
                 lambda: count_of(window, "Meetings") == before + 3)
        check_no_error(window)
        print(f"# {time.monotonic() - started:.0f} s")
        print("ok 1 - the counts show the meetings resfri-cli imported")

        # 2. The view on screen: an item added from a terminal appears in
        # the equipment list, filtered by its search (a short list to read).
        items = count_of(window, "Equipment items")
        click(window.wait_shown("page tab", "Equipment"))
        wait_for("the equipment list", lambda: find(window.frame, "label", "Tag"))
        rawinput.keyCombo("<Control>f")
        wait_focus(window.frame, "the equipment search")
        rawinput.typeText("aaa-00001")
        cli(program, db, "inventory", "add", "--tag", "AAA-00001", "--type", "headset",
            "--site", site)
        wait_for("the new item in the list", lambda: [
            n for n in shown_labels(window.frame) if n.startswith("AAA-00001")])
        check_no_error(window)
        print(f"# {time.monotonic() - started:.0f} s")
        print("ok 2 - the equipment view shows the item resfri-cli added")

        # 3. A view that was not on screen: a meeting imported while the
        # equipment view was shown is found in the meetings view.
        summary = "Zebrafinkssamråd"
        now = datetime.datetime.now(datetime.timezone.utc).replace(hour=9, minute=0, second=0,
                                                                   microsecond=0)
        ics = os.path.join(folder, "zebrafink.ics")
        calendar(ics, "zebra", 1, summary, now)
        cli(program, db, "import", ics)
        click(window.wait_shown("page tab", "Overview"))
        wait_for("the Equipment items count", lambda: count_of(window, "Equipment items") == items + 1)
        wait_for("the Meetings count", lambda: count_of(window, "Meetings") == before + 4)
        click(window.wait_shown("page tab", "Meetings"))
        rawinput.keyCombo("<Control>f")
        wait_focus(window.frame, "the meetings search")
        rawinput.typeText("zebrafink")
        wait_for(f"“{summary}” in the meetings view", lambda: [
            n for n in shown_labels(window.frame) if n.startswith(summary)])
        check_no_error(window)
        print(f"# {time.monotonic() - started:.0f} s")
        print("ok 3 - the meetings view, shown later, has the meeting imported meanwhile")

        # 4. A booking of the window while another program holds the write
        # lock (as a long import does): it runs on a worker, so the window
        # is not frozen: the button says Booking…, the other actions stay
        # usable, and once the lock is gone the booking ends with its toast.
        def buttons(prefix):
            return [n for n in walk(window.frame) if n.roleName == "push button"
                    and n.name.startswith(prefix) and is_shown(n)]
        holder = sqlite3.connect(db, isolation_level=None, timeout=TIMEOUT)
        holder.execute("BEGIN IMMEDIATE")
        try:
            click(window.wait_shown("push button", "Book Loan Items"))
            wait_for("Book Loan Items to say it is booking",
                     lambda: [n for n in buttons("Booking…") if not n.sensitive])
            wait_for("the other actions usable",
                     lambda: [n for n in buttons("Add Meeting Link…") if n.sensitive])
            if not [n for n in buttons("Booking…") if not n.sensitive]:
                raise Failure("the booking ended while the database was locked")
        finally:
            holder.execute("ROLLBACK")
            holder.close()
        wait_for("Book Loan Items back",
                 lambda: [n for n in buttons("Book Loan Items") if n.sensitive])
        print("ok 4 - a booking behind another program's lock: the window stays usable, the"
              " booking ends once the lock is gone")

        window.close()
    finally:
        window.kill()


def test_damaged(program, folder):
    """A damaged database (cut short) is explained, and not changed."""
    db = os.path.join(folder, "cut.db")
    cli(program, db, "demo", "--employees", "20")
    with open(db, "rb") as f:
        data = f.read()
    with open(db, "wb") as f:
        f.write(data[:len(data) // 3])
    before = open(db, "rb").read()

    window = Resfri(program, db)
    try:
        window.wait_shown("label", "The Database Is Damaged")
        wait_for("the explanation", lambda: [
            n for n in shown_labels(window.frame)
            if n.startswith("“cut.db” is damaged") and "not changed" in n])
        window.check_not_shown("list item", "People")
        window.close()
    finally:
        window.kill()

    if open(db, "rb").read() != before:
        raise Failure("the damaged file was changed")
    print("ok 5 - a damaged database: explained, not changed")


def main():
    return run_tests(5, [test_concurrent, test_damaged],
                     "resfri-ui-concurrent-")


if __name__ == "__main__":
    sys.exit(main())

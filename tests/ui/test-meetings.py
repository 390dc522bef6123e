#!/usr/bin/python3
# tests/ui/test-meetings.py: the travel policy in the Meetings view, driven
# through AT-SPI (dogtail): verdict badges and filter, an exemption, a room.
#
# Copyright 2026 The Resfri authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
#   test-meetings.py PATH/TO/resfri
#
# Runs under `xvfb-run -a dbus-run-session` (build-aux/test). What GTK 4 and
# dogtail need there:
#  - a display (Xvfb) and a session bus (dbus-run-session);
#  - the accessibility bus: GTK 4 asks the session bus for org.a11y.Bus,
#    which dbus activates from at-spi2-core (at-spi-bus-launcher, then
#    at-spi2-registryd on the a11y bus);
#  - GTK_A11Y unset (GTK_A11Y=none turns GTK 4's AT-SPI backend off); it is
#    removed from the application's environment below;
#  - GTK 4 does not read org.gnome.desktop.interface toolkit-accessibility
#    (only GTK 3's atk-bridge does), but dogtail checks that key at import
#    and exits when it is false, as it is on a fresh machine and with the
#    memory GSettings backend the tests use. The check is turned off.
#
# Exit status 77 (a skip for meson) only when AT-SPI truly cannot work: no
# display, no session bus, no dogtail, or no accessibility bus; the reason is
# printed. Everything after that is a pass or a failure.

import json
import os
import re
import sqlite3
import subprocess
import sys

from resfri_ui import *  # noqa: E402,F401,F403 (skips when AT-SPI cannot work)


# resfri_exemption_describe_reason ("confidential")
CONFIDENTIAL = "the matter may not be handled over video"

VERDICTS = ("Travel-free", "Local", "Exempt", "Non-compliant", "Unknown")


def badges(window):
    """The verdict badges of the rows on screen."""
    return [n.name for n in walk(window.frame)
            if n.roleName == "label" and n.name in VERDICTS and is_shown(n)
            and n.parent is not None and n.parent.roleName == "table cell"]


def detail_summary(window):
    """The selected meeting's title, just above its time."""
    labels = shown_labels(window.frame)
    if "Time" not in labels:
        return None
    return labels[labels.index("Time") - 1]


def test_policy(program, folder):
    """The policy in the Meetings view of a small demo: verdict badges, the
    verdict filter, an exemption recorded (and undone), a room booked."""
    from dogtail import rawinput

    db = os.path.join(folder, "demo.db")
    result = subprocess.run([find_cli(program), "--db", db, "demo", "--employees", "60"],
                            capture_output=True, text=True)
    if result.returncode != 0:
        raise Failure(f"resfri-cli demo failed: {result.stderr.strip()}")

    window = Resfri(program, db)
    try:
        click(window.wait_shown("page tab", "Meetings"))
        wait_for("the week", lambda: [n for n in shown_labels(window.frame)
                                      if n.startswith("Week ")])

        # A week with a non-compliant meeting: the demo's year, a week at a
        # time (Alt+Right; Alt+Left when the year has ended).
        go_to_week_with(window, badges, "Non-compliant")

        # The list is grouped by day: a header row per day ("Monday 16
        # March"), no date column.
        day = re.compile(r"^(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday) "
                         r"\d{1,2} [A-Z][a-z]+$")
        wait_for("a day's header in the list", lambda: [
            n for n in walk(window.frame)
            if n.roleName == "label" and day.match(n.name or "") and is_shown(n)])

        # The verdict filter: Non-compliant is the 4th entry after "All".
        choose(window, "Verdict", 4)

        def only_non_compliant():
            shown = badges(window)
            return shown and all(b == "Non-compliant" for b in shown)
        wait_for("only non-compliant meetings", only_non_compliant)
        print("ok 1 - the verdict filter shows only non-compliant meetings", flush=True)

        # The first one is selected (autoselect): record an exemption.
        summary = wait_for("the selected meeting", lambda: detail_summary(window))
        counted = db_value(db, "SELECT count(*) FROM exemptions")
        confidential = db_value(db, "SELECT count(*) FROM exemptions WHERE reason = 'confidential'")
        click(window.wait_shown("push button", "Record Exemption…"))

        def dialog():
            for child in window.app.children:
                if child is not None and find(child, "check box", CONFIDENTIAL) is not None:
                    return child
            return None
        exemption = wait_for("the exemption dialog", dialog)
        reason = find(exemption, "check box", CONFIDENTIAL)
        # GTK 4.8's check buttons have no AT-SPI action: the keyboard. The
        # dialog opens on the first reason; confidential is the second.
        wait_focus(exemption, "the reasons", roles=("check box", "radio button"))
        rawinput.pressKey("Down")
        rawinput.pressKey("space")
        wait_for("the reason chosen",
                 lambda: reason.getState().contains(pyatspi.STATE_CHECKED))
        # libadwaita 1.2 names its response buttons "_Record Record".
        click(wait_for("the record button", lambda: [
            n for n in walk(exemption)
            if n.roleName == "push button" and n.name.endswith("Record")][0]))
        wait_for("the exemption toast", lambda: find_toast(
            window, "label", lambda name: name == "Exemption recorded"))
        # The demo records exemptions of every reason: one more now.
        if db_value(db, "SELECT count(*) FROM exemptions WHERE reason = 'confidential'") != \
           confidential + 1:
            raise Failure("the exemptions table has no new row with the reason confidential")
        if db_value(db, "SELECT count(*) FROM exemptions") != counted + 1:
            raise Failure("not exactly one exemption was added")

        # The verdict is now Exempt: the detail's verdict says so; the
        # filter still asks for Non-compliant, so choose Exempt to see it.
        choose(window, "Verdict", -1)
        window.wait_shown("label", "Exempt (confidential)")
        wait_for("an Exempt badge", lambda: "Exempt" in badges(window))
        if detail_summary(window) != summary:
            print(f"# note: the exempt meeting shown is “{detail_summary(window)}”", flush=True)
        print("ok 2 - an exemption is recorded: the badge says Exempt, the table has the row", flush=True)

        # Book a room for the selected occurrence.
        bookings = db_value(db, "SELECT count(*) FROM bookings WHERE room_id IS NOT NULL")
        click(window.wait_shown("push button", "Book Room…"))

        def room_dialog():
            for child in window.app.children:
                if child is None:
                    continue
                for node in walk(child):
                    if node.roleName == "push button" and node.name.startswith("Book ") \
                       and node.name not in ("Book Room…", "Book Loan Items"):
                        return node
            return None
        book = wait_for("a free room", room_dialog)

        # GTK 4.8 adds the mnemonic label to the accessible name:
        # "Seats at least Seats at least".
        def find_in_app(role, name):
            for child in window.app.children:
                for node in walk(child) if child is not None else []:
                    if node.roleName == role and (node.name or "").startswith(name) and is_shown(node):
                        return node
            return None

        # It starts at the meeting's own site and the seats its people
        # need (its attendees not declined, and the organiser).
        def starts():
            site = find_in_app("combo box", "Site of the free room")
            seats = find_in_app("spin button", "Seats at least")
            if site is None or seats is None or not combo_value(site):
                return None
            return combo_value(site)[0], int(seats.queryValue().currentValue)
        shown = wait_for("the room dialog's site and seats", starts)
        expected = set()
        check = json.loads(subprocess.run([find_cli(program), "--db", db, "check", "--format", "json"],
                                          capture_output=True, text=True, check=True).stdout)
        for o in check:
            if o["summary"] != summary or not o["venue_site"]:
                continue
            person = ("upper (coalesce (a.partstat, '')) <> 'DECLINED'"
                      " AND upper (coalesce (a.cutype, '')) NOT IN ('ROOM', 'RESOURCE')"
                      " AND a.email NOT IN (SELECT email FROM rooms WHERE email IS NOT NULL)")
            heads = db_value(db, "SELECT (SELECT count(*) FROM attendees a WHERE a.meeting_id = m.id AND "
                             + person + ") + (m.organizer <> '' AND NOT EXISTS (SELECT 1 FROM attendees a"
                             " WHERE a.meeting_id = m.id AND a.email = m.organizer AND " + person + "))"
                             " FROM meetings m WHERE m.uid = ? AND m.recurrence_id = ''", o["uid"])
            expected.add((o["venue_site"], heads))
        if shown not in expected:
            raise Failure(f"the room dialog starts at {shown}, not the meeting's site and seats {expected}")
        print(f"ok 2b - Book Room… starts at the meeting's site and seats {shown}", flush=True)

        # GTK 4.8 adds the visible label to the accessible name: "Book X Book".
        room = book.name[len("Book "):]
        if room.endswith(" Book"):
            room = room[:-len(" Book")]
        click(book)
        wait_toast(window, f"Booked {room}")
        if db_value(db, "SELECT count(*) FROM bookings WHERE room_id IS NOT NULL") != bookings + 1:
            raise Failure("the bookings table has no new room booking")
        print("ok 3 - a room is booked for the occurrence", flush=True)

        window.close()
    finally:
        window.kill()


DAY = re.compile(r"^(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday) "
                 r"\d{1,2} [A-Z][a-z]+$")


def rows_by_day(window):
    """The meetings' titles of the list on screen, in their order, per day
    header: [(day, [title, …]), …]. The cells are named by their text
    (AT-SPI reads no GtkInscription); a row's first cell holds its title."""
    days = []
    for row in walk(window.frame):
        cells = [c for c in row.children if c is not None and c.roleName == "table cell"] \
            if row.roleName != "table cell" else []
        if not cells or not is_shown(row):
            continue
        names = [n.name for n in walk(cells[0]) if n.name and is_shown(n)
                 and n.roleName == "label"]
        if not names:
            continue
        if DAY.match(names[0]):
            days.append((names[0], []))
        elif days:
            days[-1][1].append(names[0])
    return days


def test_sort(program, folder):
    """Sorting the Meetings list by its title column: within each day, A to
    Z, then Z to A."""
    from dogtail import rawinput

    db = os.path.join(folder, "sort.db")
    result = subprocess.run([find_cli(program), "--db", db, "demo", "--employees", "60"],
                            capture_output=True, text=True)
    if result.returncode != 0:
        raise Failure(f"resfri-cli demo failed: {result.stderr.strip()}")

    window = Resfri(program, db)
    try:
        click(window.wait_shown("page tab", "Meetings"))
        # A week of the demo's year with a day of several meetings.
        go_to_week_with(window, lambda w: (lambda days: (
            ["many"] if any(len(set(t)) > 2 for _, t in days) else
            ["few"] if days else []))(rows_by_day(w)), "many")
        def click_header():
            # The header's label, found afresh: GTK may replace the header's
            # accessible objects while the list changes.
            for _ in range(20):
                header = wait_for("the Meeting column's header", lambda: next(
                    (n for n in walk(window.frame) if n.name == "Meeting" and is_shown(n)
                     and n.roleName == "label" and n.parent is not None
                     and n.parent.parent is not None
                     and n.parent.parent.name == "GtkColumnViewTitle"), None))
                # A header has no accessible action: the mouse, at its middle
                # (the window is at the screen's origin under Xvfb without a
                # window manager).
                try:
                    x, y = header.position
                    width, height = header.size
                except Exception:  # the node went away: find it again
                    continue
                rawinput.click(x + width // 2, y + height // 2)
                return
            raise Failure("the Meeting column's header cannot be clicked")

        def sorted_days(reverse):
            days = [(d, t) for d, t in rows_by_day(window) if len(t) > 1]
            if not days:
                return False
            # g_utf8_collate() in the tests' C.UTF-8: code point order.
            return all(t == sorted(t, reverse=reverse) for _, t in days) \
                and any(len(set(t)) > 1 for _, t in days)
        click_header()
        wait_for("the titles from A to Z in each day", lambda: sorted_days(False))
        click_header()
        wait_for("the titles from Z to A in each day", lambda: sorted_days(True))
        window.check_running("after sorting")
        print("ok 4 - the Meetings list sorted by title within each day, both ways", flush=True)
        window.close()
    finally:
        window.kill()


def main():
    return run_tests(4, [test_policy, test_sort],
                     "resfri ui & <meetings>-")


if __name__ == "__main__":
    sys.exit(main())

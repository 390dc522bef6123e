#!/usr/bin/python3
# tests/ui/test-rooms.py: the Rooms view as a booking view, driven through
# AT-SPI (dogtail) and the keyboard: Alt+Right steps Rooms' own day (not
# the Meetings view's week); a free hour of the timeline is booked for a
# meeting without a room (focus, arrows, Enter, Book); Enter on the new
# block opens its details and Cancel Booking removes it; Find a Free Room…
# starts at the cursor's room's site and seats.
#
# Copyright 2026 The Resfri authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
#   test-rooms.py PATH/TO/resfri
#
# Runs under `xvfb-run -a dbus-run-session` (build-aux/test); see
# test-meetings.py for what AT-SPI needs there. Exit status 77 when it
# cannot work.

import os
import re
import subprocess
import sys

from resfri_ui import *  # noqa: E402,F401,F403 (skips when AT-SPI cannot work)

SELECTED = re.compile(r"; selected: Room (.+?), (\d\d:\d\d)–(\d\d:\d\d), (.+?)(?::|$)")


def timeline(window):
    return find(window.frame, "image", "Room bookings")


def selected(window):
    """(room, from, to, what) of the timeline's cursor, from its accessible
    description ("…; selected: Room Linden, 09:00–10:00, free: …")."""
    node = timeline(window)
    match = SELECTED.search(node.description or "") if node is not None else None
    return match.groups() if match else None


def period(window):
    for label in shown_labels(window.frame):
        if re.search(r", week \d+$", label) or label.startswith("Week "):
            return label
    return None


def dialog_with(window, predicate):
    def look():
        for child in window.app.children:
            if child is None or child.roleName == "frame" and child.name == "Resfri":
                continue
            for node in walk(child):
                if node.roleName == "push button" and predicate(node.name or ""):
                    return child
        return None
    return look


def close_dialogs(window):
    from dogtail import rawinput

    for _ in range(3):
        if len([c for c in window.app.children if c is not None]) <= 1:
            return
        rawinput.pressKey("Escape")
        wait_for("the dialog to close", lambda: len(
            [c for c in window.app.children if c is not None]) <= 1)


def focus_timeline(window):
    """Moves the keyboard focus to the timeline with Tab, unless it is
    there (after a dialog, the view gives it back)."""
    from dogtail import rawinput

    def has_focus():
        node = timeline(window)
        return node is not None and node.getState().contains(pyatspi.STATE_FOCUSED)
    try:
        wait_for("the timeline's focus", has_focus, timeout=3)
        return
    except Failure:
        pass
    for _ in range(60):
        rawinput.pressKey("Tab")
        try:
            wait_for("the timeline's focus", has_focus, timeout=0.5)
            return
        except Failure:
            pass
    raise Failure("Tab never reaches the timeline")


def test_rooms(program, folder):
    from dogtail import rawinput

    db = os.path.join(folder, "demo.db")
    result = subprocess.run([find_cli(program), "--db", db, "demo", "--employees", "60"],
                            capture_output=True, text=True)
    if result.returncode != 0:
        raise Failure(f"resfri-cli demo failed: {result.stderr.strip()}")

    window = Resfri(program, db)
    try:
        click(window.wait_shown("page tab", "Meetings"))
        week = wait_for("the Meetings week", lambda: shown_week(window))

        click(window.wait_shown("page tab", "Rooms"))
        wait_for("the timeline", lambda: selected(window))
        day = wait_for("Rooms' day", lambda: [
            n for n in shown_labels(window.frame) if re.search(r", week \d+$", n)])[0]

        # Alt+Right in Rooms: Rooms' next day, Rooms stays shown.
        rawinput.keyCombo("<Alt>Right")
        wait_for("Rooms' next day", lambda: [
            n for n in shown_labels(window.frame)
            if re.search(r", week \d+$", n) and n != day])
        if timeline(window) is None:
            raise Failure("Alt+Right left the Rooms view")
        click(window.wait_shown("page tab", "Meetings"))
        if wait_for("the Meetings week", lambda: shown_week(window)) != week:
            raise Failure("Alt+Right in Rooms changed the Meetings view's week")
        print("ok 1 - Alt+Right in Rooms steps Rooms' day, not the Meetings week", flush=True)

        # Focus the timeline with the keyboard (Tab), then look for a free
        # hour that a meeting without a room could take: Enter on free
        # hours, an hour at a time, a day at a time.
        click(window.wait_shown("page tab", "Rooms"))
        wait_for("the timeline", lambda: selected(window))
        focus_timeline(window)

        bookings = db_value(db, "SELECT count(*) FROM bookings WHERE room_id IS NOT NULL")
        book = None
        for attempt in range(60):
            room, start, end, what = wait_for("the cursor", lambda: selected(window))
            if what == "free":
                rawinput.pressKey("Return")
                slot = wait_for("the free hour's dialog", dialog_with(
                    window, lambda name: name.startswith("Book for ") or "Cancel" in name))
                book = next((n for n in walk(slot) if n.roleName == "push button"
                             and (n.name or "").startswith("Book for ")), None)
                if book is not None:
                    break
                close_dialogs(window)
            # The next hour; after the day's last, the next room.
            rawinput.pressKey("Right")
            if attempt % 10 == 9:
                rawinput.pressKey("Down")
                rawinput.pressKey("Home")
        if book is None:
            raise Failure("no free hour had a meeting without a room")
        # GTK 4.8 adds the row's title (or the label) to the given name.
        name = book.name
        click(book)
        wait_toast(window, f"Booked {room}")
        if db_value(db, "SELECT count(*) FROM bookings WHERE room_id IS NOT NULL") != bookings + 1:
            raise Failure("the bookings table has no new room booking")
        cursor = wait_for("the block on the timeline", lambda: (
            lambda s: s if s is not None and s[0] == room and s[3] != "free"
            and name.startswith("Book for " + s[3]) else None)(selected(window)))
        title = cursor[3]
        print(f"ok 2 - {room} booked from the timeline by keyboard for “{title}”", flush=True)

        # Enter on the block: its details; Cancel Booking removes it.
        focus_timeline(window)
        if selected(window) != cursor:
            raise Failure(f"the cursor moved from the booking to {selected(window)}")
        rawinput.pressKey("Return")
        details = wait_for("the booking's dialog", dialog_with(
            window, lambda name: name.endswith("Booking") and "Cancel" in name))
        click(next(n for n in walk(details) if n.roleName == "push button"
                   and "Cancel" in (n.name or "") and (n.name or "").endswith("Booking")))
        wait_toast(window, f"Booking of {room} cancelled")
        if db_value(db, "SELECT count(*) FROM bookings WHERE room_id IS NOT NULL") != bookings:
            raise Failure("the booking is still in the bookings table")
        wait_for("the hour free again", lambda: (
            lambda s: s is not None and s[0] == room and s[3] == "free")(selected(window)))
        print("ok 3 - the block's details cancel the booking: it is gone", flush=True)

        # Find a Free Room… starts at the cursor's room: its site and seats
        # (and hour), not at the defaults (all sites, two seats).
        site = db_value(db, "SELECT s.code FROM rooms r JOIN sites s ON s.id = r.site_id"
                            " WHERE r.name = ?", room)
        seats = db_value(db, "SELECT capacity FROM rooms WHERE name = ?", room)
        click(wait_for("Find a Free Room…", lambda: find_in_app(
            window, "toggle button", lambda n: (n.name or "").startswith("Find a Free Room")
            and is_shown(n)) or find_in_app(
            window, "push button", lambda n: (n.name or "").startswith("Find a Free Room")
            and is_shown(n))))
        # GTK 4.8 adds the label's text to the given names.
        spin = wait_for("the seats", lambda: find_in_app(
            window, "spin button", lambda n: (n.name or "").startswith("Seats at least")
            and is_shown(n)))
        wait_for(f"{seats} seats", lambda: spin.value == max(seats, 1))
        combo = find_in_app(window, "combo box", lambda n: (n.name or "").startswith(
            "Site of the free room") and is_shown(n))
        if combo is None or combo_value(combo) != [site]:
            raise Failure(f"the search's site is {combo_value(combo) if combo else None}, "
                          f"not {site}")
        rawinput.pressKey("Escape")
        print(f"ok 4 - Find a Free Room… starts at {room}'s site {site} and {seats} seats",
              flush=True)

        window.close()
    finally:
        window.kill()


def main():
    return run_tests(4, [test_rooms], "resfri ui & <rooms>-")


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/python3
# tests/ui/test-equipment.py: the Equipment view's Edit dialog, and its
# History dialog with what the calendar reserves of the item (a meeting
# whose resource attendee is the item's address), driven through AT-SPI. (The Undo of retiring is in a toast, which GTK 4.8 does
# not put on the AT-SPI tree when it is added after the window is shown.)
#
# Copyright 2026 The Resfri authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
#   test-equipment.py PATH/TO/resfri
#
# Runs under `xvfb-run -a dbus-run-session` (build-aux/test); see
# resfri_ui.py for what AT-SPI needs there. Exit status 77 (a skip) only when
# AT-SPI cannot work.

import datetime
import os
import sqlite3
import subprocess
import sys

from resfri_ui import *  # noqa: E402,F401,F403 (skips when AT-SPI cannot work)


def item(db, tag):
    with sqlite3.connect(db) as conn:
        row = conn.execute("SELECT e.model, e.cost, e.state, t.name FROM equipment e"
                           " JOIN equipment_types t ON t.id = e.type_id WHERE e.tag = ?",
                           (tag,)).fetchone()
    conn.close()
    return row


CAMERA = "AAA-CAM-1"   # sorts first: the view selects it
CAMERA_EMAIL = "kamera.aaa@vanersborg.example"
RESERVED = "Kamerareserverat möte"


def reserving_meeting(start):
    """A meeting tomorrow whose resource attendee is the camera's address."""
    fmt = "%Y%m%dT%H%M%SZ"
    return "\r\n".join([
        "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Resfri UI test//EN",
        "BEGIN:VEVENT", "UID:ui-equipment-reserved@example.org", "DTSTAMP:20260101T000000Z",
        f"DTSTART:{start.strftime(fmt)}",
        f"DTEND:{(start + datetime.timedelta(hours=1)).strftime(fmt)}",
        f"SUMMARY:{RESERVED}",
        f"ATTENDEE;CUTYPE=RESOURCE;PARTSTAT=ACCEPTED:mailto:{CAMERA_EMAIL}",
        "END:VEVENT", "END:VCALENDAR", ""])


def test_equipment(program, folder):
    db = os.path.join(folder, "demo.db")
    cli = find_cli(program)
    start = datetime.datetime.now(datetime.timezone.utc).replace(
        minute=0, second=0, microsecond=0) + datetime.timedelta(days=1)
    ics = os.path.join(folder, "reserved.ics")
    with open(ics, "w") as f:
        f.write(reserving_meeting(start))
    for args in (["demo", "--employees", "60"],
                 ["inventory", "add", "--tag", CAMERA, "--type", "camera", "--site", "VBG",
                  "--email", CAMERA_EMAIL],
                 ["import", ics]):
        result = subprocess.run([cli, "--db", db] + args, capture_output=True, text=True)
        if result.returncode != 0:
            raise Failure(f"resfri-cli {args[0]} failed: {result.stderr.strip()}")

    window = Resfri(program, db)
    try:
        click(window.wait_shown("page tab", "Equipment"))
        selected = wait_for("the selected item", lambda: [
            n for n in shown_labels(window.frame) if " · " in n and n.split(" · ")[0].isupper()])
        tag = selected[0].split(" · ")[0]
        model, cost, state, kind = item(db, tag)

        # Edit: a new model and cost; the type and the tag stay.
        click(window.wait_shown("push button", "Edit…"))

        def dialog():
            for child in window.app.children:
                if child is not None and child.name == f"Edit {tag}":
                    return child
            return None
        edit = wait_for(f"the dialog “Edit {tag}”", dialog)
        set_field(edit, "Model (optional)", "Jabra Test 42")
        set_field(edit, "Cost in SEK (optional)", "1234,5")
        click(wait_for("the Save button", lambda: find_button(edit, "Save")))
        wait_for(f"{tag} edited", lambda: item(db, tag)[:2] == ("Jabra Test 42", 1234.5))
        if item(db, tag)[3] != kind:
            raise Failure(f"the edit changed the type of {tag}")
        window.wait_shown("label", "Jabra Test 42")   # the model column follows
        edited = db_value(db, "SELECT h.detail FROM equipment_history h JOIN equipment e"
                          " ON e.id = h.equipment_id WHERE e.tag = ? AND h.action = 'edited'",
                          tag)
        if not edited or "Jabra Test 42" not in edited:
            raise Failure(f"the history of {tag} does not record the edit: {edited}")
        print(f"ok 1 - {tag} edited from the dialog: {edited}", flush=True)

        # History: the edit, and ahead of it the calendar's reservation.
        if tag != CAMERA:
            raise Failure(f"the view selected {tag}, not {CAMERA}")
        click(window.wait_shown("push button", "History"))
        history = wait_for(f"the dialog “History of {tag}”",
                           lambda: find_window(window.app, f"History of {tag}"))
        ahead = wait_for("the list of what is booked and reserved",
                         lambda: find(history, "list", "Booked and Reserved"))
        when = start.astimezone().strftime("%Y-%m-%d %H:%M")
        wait_for("the reservation's row", lambda: [
            n for n in shown_labels(ahead) if n.startswith(when) and RESERVED in n])
        wait_for("whose it is", lambda: [
            n for n in shown_labels(ahead) if n == "Reserved in the calendar"])
        print(f"ok 2 - the History of {tag} shows the meeting that reserves it in the calendar",
              flush=True)
        click(wait_for("the Close button", lambda: find_button(history, "Close")))
        wait_for("the History dialog to close",
                 lambda: find_window(window.app, f"History of {tag}") is None)

        window.close()
    finally:
        window.kill()


def main():
    return run_tests(2, [test_equipment],
                     "resfri ui equipment-")


if __name__ == "__main__":
    sys.exit(main())

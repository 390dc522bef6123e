#!/usr/bin/python3
# tests/ui/test-import.py: the window's import of a calendar with a bad
# event (spec/sync.md, "Import of files": the app offers the choice of
# import --skip-invalid), driven through AT-SPI (dogtail): the dialog names
# the file and the bad event as LINE: what, "Import the Valid Events"
# imports the good one, the toast says "Imported 1 event, skipped 1", and
# the meeting is in Meetings.
#
# Copyright 2026 The Resfri authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
#   test-import.py PATH/TO/resfri
#
# Exit status 77 (a skip for meson) only when AT-SPI cannot work (see
# resfri_ui.py); everything after that is a pass or a failure.

import datetime
import os
import re
import sys

from resfri_ui import *  # noqa: E402,F401,F403 (skips when AT-SPI cannot work)

SUMMARY = "Budget & <avstämning>"


def mixed_ics():
    """One good event today (the week Meetings opens on), one bad one."""
    day = datetime.datetime.now(datetime.timezone.utc).strftime("%Y%m%d")
    return (f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Resfri UI test//EN\r\n"
            f"BEGIN:VEVENT\r\nUID:good@ui.test\r\nDTSTAMP:{day}T000000Z\r\n"
            f"DTSTART:{day}T100000Z\r\nDTEND:{day}T110000Z\r\nSUMMARY:{SUMMARY}\r\n"
            f"END:VEVENT\r\n"
            f"BEGIN:VEVENT\r\nUID:bad@ui.test\r\nDTSTAMP:{day}T000000Z\r\n"
            f"DTSTART:2026112\r\nSUMMARY:Trasig\r\nEND:VEVENT\r\n"
            f"END:VCALENDAR\r\n")


def find_in_app(window, role, predicate):
    for child in window.app.children:
        if child is None:
            continue
        for node in walk(child):
            if node.roleName == role and predicate(node):
                return node
    return None


def dialog_of(window, button):
    """The window of @window's application that has the push button @button."""
    for child in window.app.children:
        if child is not None and find(child, "push button", button) is not None:
            return child
    return None


def test_skip_invalid(program, folder):
    db = os.path.join(folder, "import.db")
    path = os.path.join(folder, "Blandat & <fel>.ics")
    with open(path, "w", encoding="utf-8") as f:
        f.write(mixed_ics())

    window = Resfri(program, db, files=[path])
    try:
        dialog = wait_for("the dialog about the bad event",
                          lambda: dialog_of(window, "Import the Valid Events"))
        if find(dialog, "push button", "Cancel") is None:
            raise Failure("the dialog has no Cancel button named “Cancel”")
        labels = [n.name for n in walk(dialog) if n.roleName == "label"]
        if not any("Blandat & <fel>.ics" in label for label in labels):
            raise Failure(f"the dialog does not name the file: {labels}")
        if not any(re.search(r"^\d+: .+", label, re.M) for label in labels):
            raise Failure(f"the dialog does not list the bad event as LINE: what: {labels}")
        if db_value(db, "SELECT count(*) FROM meetings") != 0:
            raise Failure("something was stored before the choice was made")
        print("ok 1 - the dialog names the file and the bad event; nothing is stored yet",
              flush=True)

        click(find(dialog, "push button", "Import the Valid Events"))
        wait_toast(window, "Imported 1 event, skipped 1")
        if db_value(db, "SELECT count(*) FROM meetings WHERE uid = 'good@ui.test'") != 1:
            raise Failure("the good event was not stored")
        if db_value(db, "SELECT count(*) FROM meetings WHERE uid = 'bad@ui.test'") != 0:
            raise Failure("the bad event was stored")
        print("ok 2 - Import the Valid Events: the toast says 1 imported, 1 skipped", flush=True)

        click(window.wait_shown("page tab", "Meetings"))
        wait_for(f"“{SUMMARY}” in Meetings", lambda: find_in_app(
            window, "label", lambda n: n.name == SUMMARY and is_shown(n)))
        print("ok 3 - the good meeting is in Meetings", flush=True)

        window.close()
    finally:
        window.kill()


def main():
    return run_tests(3, [test_skip_invalid], "resfri ui import & <test>-")


if __name__ == "__main__":
    sys.exit(main())

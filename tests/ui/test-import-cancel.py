#!/usr/bin/python3
# tests/ui/test-import-cancel.py: a long calendar import (100,000 series
# of 12 occurrences: half a minute's work even on a fast machine)
# shows its progress bar, and its Cancel leaves nothing behind: no meeting,
# no occurrence, no row of the audit log (issue 12, item 3).
#
# Copyright 2026 The Resfri authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
#   test-import-cancel.py PATH/TO/resfri
#
# Exit status 77 (a skip for meson) only when AT-SPI cannot work (see
# resfri_ui.py); everything after that is a pass or a failure.

import os
import sys

from resfri_ui import *  # noqa: E402,F401,F403 (skips when AT-SPI cannot work)

EVENTS = 100000


def write_big_ics(path):
    with open(path, "w", encoding="utf-8") as f:
        f.write("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Resfri UI test//EN\r\n")
        for i in range(EVENTS):
            day = 1 + i % 28
            hour = 7 + i % 10
            f.write(f"BEGIN:VEVENT\r\nUID:big-{i}@ui.test\r\nDTSTAMP:20260101T000000Z\r\n"
                    f"DTSTART:202603{day:02d}T{hour:02d}0000Z\r\n"
                    f"DTEND:202603{day:02d}T{hour:02d}3000Z\r\n"
                    f"RRULE:FREQ=DAILY;COUNT=12\r\nSUMMARY:Möte {i}\r\nEND:VEVENT\r\n")
        f.write("END:VCALENDAR\r\n")


def test_cancel(program, folder):
    db = os.path.join(folder, "cancel.db")
    path = os.path.join(folder, "big.ics")
    write_big_ics(path)

    window = Resfri(program, db, files=[path])
    try:
        cancel = window.wait_shown("push button", "Cancel Import")
        window.wait_shown("progress bar", "Progress")
        print("ok 1 - the import shows a progress bar and Cancel", flush=True)

        click(cancel)
        wait_toast(window, "Import cancelled; nothing was imported from the file")
        for table in ("meetings", "occurrences", "audit_log"):
            n = db_value(db, f"SELECT count(*) FROM {table}")
            if n != 0:
                raise Failure(f"the cancelled import left {n} rows in {table}")
        wait_for("the progress bar to hide",
                 lambda: find(window.frame, "push button", "Cancel Import") is None)
        print("ok 2 - Cancel: nothing is left behind, the bar is gone", flush=True)
        window.close()
    finally:
        window.kill()


def main():
    return run_tests(2, [test_cancel], "resfri-ui-import-cancel-")


if __name__ == "__main__":
    sys.exit(main())

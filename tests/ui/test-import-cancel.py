#!/usr/bin/python3
# tests/ui/test-import-cancel.py: a long calendar import (100,000 series
# of 12 occurrences, or more on a machine that stores them too soon)
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

def test_cancel(program, folder):
    # 100,000 series; a machine fast enough to store them before Cancel is
    # seen or clicked gets a file three times larger (as in test-notify.py).
    events = 100000
    for attempt in range(3):
        db = os.path.join(folder, f"cancel-{attempt}.db")
        path = os.path.join(folder, f"big-{attempt}.ics")
        write_series_ics(path, events, "big-")
        window = Resfri(program, db, files=[path])
        try:
            cancel = wait_for("the import running (its progress bar and Cancel Import "
                              "button) or stored",
                              lambda: "stored" if import_stored(db) else
                              find(window.frame, "progress bar", "Progress") and
                              find(window.frame, "push button", "Cancel Import"))
            if cancel == "stored":
                events *= 3
                continue

            click(cancel)
            text = "Import cancelled; nothing was imported from the file"
            outcome = wait_for(f"the toast “{text}” or the import stored",
                               lambda: "stored" if import_stored(db) else
                               find_toast(window, "label", lambda name: name == text))
            if outcome == "stored":
                # Stored before the click reached it: a larger file.
                events *= 3
                continue
            print(f"ok 1 - the import of {events} series shows a progress bar and Cancel",
                  flush=True)
            for table in ("meetings", "occurrences", "audit_log"):
                n = db_value(db, f"SELECT count(*) FROM {table}")
                if n != 0:
                    raise Failure(f"the cancelled import left {n} rows in {table}")
            wait_for("the progress bar to hide",
                     lambda: find(window.frame, "push button", "Cancel Import") is None)
            print("ok 2 - Cancel: nothing is left behind, the bar is gone", flush=True)
            window.close()
            return
        finally:
            window.kill()
    raise Failure(f"every import, up to {events // 3} series, was stored before its Cancel")


def main():
    return run_tests(2, [test_cancel], "resfri-ui-import-cancel-")


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/python3
# tests/ui/test-notify.py: a long calendar import that finishes while the
# window is not focused (the About window is) says so in a notification
# (issue 12, item 10), seen by a notification server of the test's own
# session bus (fake_notifications.py); one that finishes while the window
# is focused sends none.
#
# Copyright 2026 The Resfri authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
#   test-notify.py PATH/TO/resfri
#
# Exit status 77 (a skip for meson) only when AT-SPI cannot work (see
# resfri_ui.py); everything after that is a pass or a failure.

import json
import os
import subprocess
import sys

from resfri_ui import *  # noqa: E402,F401,F403 (skips when AT-SPI cannot work)


def notifications(path):
    if not os.path.exists(path):
        return []
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def is_active(node):
    return node.getState().contains(pyatspi.STATE_ACTIVE)


def activate_action(name):
    subprocess.run(["gdbus", "call", "--session", "--dest", "se.resfri.Resfri",
                    "--object-path", "/se/resfri/Resfri", "--method",
                    "org.gtk.Actions.Activate", name, "[]", "{}"],
                   check=True, capture_output=True, timeout=60)


def test_notify(program, folder):
    log = os.path.join(folder, "notifications.jsonl")
    server = subprocess.Popen([sys.executable, os.path.join(os.path.dirname(__file__),
                                                            "fake_notifications.py"), log],
                              stdout=subprocess.PIPE, text=True)
    try:
        if server.stdout.readline().strip() != "ready":
            raise Failure("the notification server did not start")

        # Large enough that the import still runs once the About window has
        # the focus; a machine that is faster still gets a larger file.
        events = 20000
        for attempt in range(4):
            db = os.path.join(folder, f"notify-{attempt}.db")
            path = os.path.join(folder, f"notify-{attempt}.ics")
            write_series_ics(path, events, f"n{events}-")
            window = Resfri(program, db, files=[path])
            try:
                # The import may end before its button is ever seen (it is
                # fast on an idle machine): then a larger file.
                running = wait_for("the import running (its Cancel Import button) or stored",
                                   lambda: "stored" if import_stored(db) else
                                   find(window.frame, "push button", "Cancel Import"))
                if running == "stored":
                    events *= 3
                    window.kill()
                    continue
                activate_action("about")
                about = wait_for("the About window", lambda: next(
                    (c for c in window.app.children if c is not None
                     and c.roleName != "frame" or c is not None and c.name != "Resfri"), None))
                wait_for("the About window focused", lambda: is_active(about) and
                         not is_active(window.frame))
                if read_tree("whether the import still runs", lambda: find(
                        window.frame, "push button", "Cancel Import")) is None:
                    # It finished before the focus moved: a larger file.
                    events *= 3
                    window.kill()
                    continue
                wait_for("the notification", lambda: [
                    n for n in notifications(log) if n["summary"] == "Import Finished"
                    and n["body"].startswith("Imported ")
                    and f"notify-{attempt}.ics" in n["body"]])
                window.check_running("after the notification")
                print(f"ok 1 - an import of {events} series that ends behind the About window "
                      "is notified", flush=True)
                seen = len(notifications(log))

                # Focused: the toast says it, no notification.
                from dogtail import rawinput
                rawinput.pressKey("Escape")
                wait_for("the About window closed", lambda: len(
                    [c for c in window.app.children if c is not None]) <= 1)
                # Without a window manager nothing gives the focus back:
                # starting resfri on the database again presents its window.
                subprocess.run([program, "--db", db], check=True, timeout=120,
                               capture_output=True)
                wait_for("the window focused again", lambda: is_active(window.frame))
                small = os.path.join(folder, "small.ics")
                write_series_ics(small, 3, "n3-")
                subprocess.run([program, "--db", db, small], check=True, timeout=120,
                               capture_output=True)
                wait_toast(window, "Imported 3 meetings from “small.ics”")
                if not is_active(window.frame):
                    raise Failure("the window lost the focus during the small import")
                if len(notifications(log)) != seen:
                    raise Failure(f"a focused window notified: {notifications(log)[seen:]}")
                print("ok 2 - an import that ends in the focused window is not notified",
                      flush=True)
                window.close()
                return
            finally:
                window.kill()
        raise Failure("every import ended before the About window had the focus")
    finally:
        server.terminate()
        server.wait()


def main():
    return run_tests(2, [test_notify], "resfri-ui-notify-")


if __name__ == "__main__":
    sys.exit(main())

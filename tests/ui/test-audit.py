#!/usr/bin/python3
# tests/ui/test-audit.py: the Audit Log window, opened from the primary
# menu, driven through AT-SPI: a change made in the window (an item edited
# in the Equipment view) is there with the acting user, newest first; the
# period hides an older change (made with resfri-cli, dated back) until
# All Changes is chosen.
#
# Copyright 2026 The Resfri authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
#   test-audit.py PATH/TO/resfri
#
# Runs under `xvfb-run -a dbus-run-session` (build-aux/test); see
# resfri_ui.py for what AT-SPI needs there. Exit status 77 (a skip) only when
# AT-SPI cannot work.

import getpass
import os
import sqlite3
import subprocess
import sys

from resfri_ui import *  # noqa: E402,F401,F403 (skips when AT-SPI cannot work)


class Dialog:
    """A window of the application other than the main one, as choose()
    in resfri_ui.py needs it."""

    def __init__(self, app, frame):
        self.app = app
        self.frame = frame

    def wait_shown(self, role, name):
        return wait_for(f"{role} “{name}”", lambda: find(self.frame, role, name))


def rows(log):
    """The rows of the Audit Log as (title, subtitle) pairs, top first."""
    changes = find(log, "list", "Changes")
    if changes is None:
        return []
    labels = shown_labels(changes)
    return list(zip(labels[0::2], labels[1::2]))


def test_audit(program, folder):
    db = os.path.join(folder, "demo.db")
    cli = find_cli(program)
    user = getpass.getuser()
    for args in (["demo", "--employees", "60"], ["policy", "set", "local_km", "7"]):
        result = subprocess.run([cli, "--db", db] + args, capture_output=True, text=True)
        if result.returncode != 0:
            raise Failure(f"resfri-cli {args[0]} failed: {result.stderr.strip()}")
    # The setting was changed 60 days ago, as far as the log knows.
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE audit_log SET time = time - 60 * 86400 WHERE action = 'setting'")
    conn.close()

    window = Resfri(program, db)
    try:
        # A change made in the window: an item's model.
        click(window.wait_shown("page tab", "Equipment"))
        selected = wait_for("the selected item", lambda: [
            n for n in shown_labels(window.frame) if " · " in n and n.split(" · ")[0].isupper()])
        tag = selected[0].split(" · ")[0]
        click(window.wait_shown("push button", "Edit…"))
        edit = wait_for(f"the dialog “Edit {tag}”", lambda: find_window(window.app, f"Edit {tag}"))
        set_field(edit, "Model (optional)", "Jabra Granskad 1")
        click(wait_for("the Save button", lambda: find_button(edit, "Save")))
        wait_for(f"{tag} edited", lambda: db_value(
            db, "SELECT count(*) FROM audit_log WHERE action = 'item-edit' AND object_id = ?",
            tag) == 1)
        wait_for("the Edit dialog to close", lambda: find_window(window.app, f"Edit {tag}") is None)

        # Primary menu → Audit Log. GTK 4.8 names both the menu button and
        # the toggle button inside it "Main Menu"; only the inner one clicks.
        menu_button = window.wait_shown("push button", "Main Menu")
        click(wait_for("the menu button's toggle", lambda: [
            n for n in walk(menu_button)
            if n is not menu_button and n.roleName == "push button"
            and n.name == "Main Menu"])[0])
        item = wait_for("the menu item “Audit Log”", lambda: find(window.app, "menu item",
                                                                   "Audit Log"))
        click(item)
        log = wait_for("the Audit Log", lambda: find_window(window.app, "Audit Log"))
        for role, name in (("combo box", "Period"), ("push button", "Reload the Audit Log"),
                           ("list", "Changes")):
            wait_for(f"the {role} “{name}”", lambda: find(log, role, name))

        # Newest first: the edit, by this user; the demo below it; the
        # setting (60 days ago) not in the last 30 days.
        shown = wait_for("the edit's row", lambda: (lambda r: r if r and "Edited an item" in r[0][0]
                                                   else None)(rows(log)))
        title, subtitle = shown[0]
        if not subtitle.startswith(f"{user} · item {tag} · "):
            raise Failure(f"the edit's row says “{subtitle}”, not who and which item")
        if not any("Filled the database with the demo" in t for t, _ in shown):
            raise Failure(f"the demo is not in the log: {shown}")
        if any("Changed a setting" in t for t, _ in shown):
            raise Failure("a change 60 days old is shown in the last 30 days")
        print(f"ok 1 - the Audit Log from the primary menu shows the edit of {tag} by {user}",
              flush=True)

        # All Changes: the setting too, last (the oldest).
        choose(Dialog(window.app, log), "Period", 2)
        everything = wait_for("the setting's row", lambda: (
            lambda r: r if r and "Changed a setting" in r[-1][0] else None)(rows(log)))
        # The setting by its title, not its key.
        if everything[-1][1] != f"{user} · setting Local distance (km) · 7":
            raise Failure(f"the setting's row says “{everything[-1][1]}”")
        if "Edited an item" not in everything[0][0]:
            raise Failure(f"the newest change is not first: {everything[0]}")
        print("ok 2 - All Changes shows the older change made with resfri-cli, oldest last",
              flush=True)

        click(wait_for("the Audit Log's Close button", lambda: find(log, "push button", "Close")))
        wait_for("the Audit Log to close", lambda: find_window(window.app, "Audit Log") is None)
        window.close()
    finally:
        window.kill()


def main():
    return run_tests(2, [test_audit], "resfri ui audit-")


if __name__ == "__main__":
    sys.exit(main())

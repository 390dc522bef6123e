#!/usr/bin/python3
# tests/ui/test-shortcuts.py: the shortcuts window lists every key the
# window and the New Meeting window answer to (Ctrl+O of Import, a widget
# binding the application does not know; F10; the composer's Ctrl+S,
# Ctrl+T, Escape and Ctrl+W), and opening it prints no warning (GTK's
# "GtkLabel reported min width -3" came from shortcuts without a key).
#
# Copyright 2026 The Resfri authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
#   test-shortcuts.py PATH/TO/resfri
#
# Runs under `xvfb-run -a dbus-run-session` (build-aux/test).

import os
import subprocess
import sys

from resfri_ui import *  # noqa: E402,F401,F403 (skips when AT-SPI cannot work)

# Each listed shortcut: its title, and the keys shown beside it.
EXPECTED = {
    "Import Calendars": ["Ctrl", "O"],
    "New Meeting": ["Ctrl", "N"],
    "Open the Main Menu": ["F10"],
    "Save the Meeting": ["Ctrl", "S"],
    "Make It Travel-Free": ["Ctrl", "T"],
    "Close the New Meeting Window": ["Escape", "Ctrl", "W"],
    "Close a Dialog": ["Escape"],
    "Reload the Database": ["Ctrl", "R", "F5"],
    "Quit": ["Ctrl", "Q"],
}


def shortcut_keys(root, title):
    """The key labels beside the shortcut titled @title, or None."""
    for node in walk(root):
        if node.roleName == "label" and node.name == title and is_shown(node):
            row = node.parent
            while row is not None and len([n for n in walk(row) if n.roleName == "label"]) < 2:
                row = row.parent
            if row is None:
                return None
            return [n.name for n in walk(row)
                    if n.roleName == "label" and n.name and n.name != title]
    return None


def test_shortcuts(program, folder):
    from dogtail import rawinput

    db = os.path.join(folder, "demo.db")
    subprocess.run([find_cli(program), "--db", db, "demo", "--employees", "60"],
                   check=True, capture_output=True)
    window = Resfri(program, db)
    try:
        window.wait_shown("page tab", "Meetings")
        wait_focus(window.app, "the window", roles=("page tab", "entry", "text", "list item",
                                                    "table cell", "push button", "toggle button"))
        rawinput.pressKey("F10")
        item = wait_for("the main menu's Keyboard Shortcuts",
                        lambda: find(window.app, "menu item", "Keyboard Shortcuts"))
        print("ok 1 - F10 opens the main menu", flush=True)
        click(item)
        shortcuts = wait_for("the shortcuts window",
                             lambda: find(window.app, "label", "Import Calendars"))
        root = shortcuts
        while root.parent is not None and root.roleName not in ("frame", "dialog", "window"):
            root = root.parent
        for title, keys in EXPECTED.items():
            shown = wait_for(f"the keys of “{title}”", lambda: shortcut_keys(root, title))
            missing = [k for k in keys if k not in shown]
            if missing:
                raise Failure(f"“{title}” shows {shown}, not {keys}")
        print("ok 2 - the shortcuts window lists Ctrl+O, F10 and the New Meeting keys",
              flush=True)

        rawinput.pressKey("Escape")
        wait_for("the shortcuts window to close",
                 lambda: find(window.app, "label", "Import Calendars") is None)
        window.check_running("after the shortcuts window")
        log = window.log()
        if "min width" in log or "Gtk-WARNING" in log or "Gtk-CRITICAL" in log:
            raise Failure("opening the shortcuts window printed warnings:\n" + log)
        print("ok 3 - opening the shortcuts window prints no warning", flush=True)
        window.close()
    finally:
        window.kill()


def main():
    return run_tests(3, [test_shortcuts], "resfri ui shortcuts-")


if __name__ == "__main__":
    sys.exit(main())

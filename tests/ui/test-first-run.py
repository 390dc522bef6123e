#!/usr/bin/python3
# tests/ui/test-first-run.py: the first run without a terminal (issue 12,
# item 1), driven through AT-SPI (dogtail). An empty database shows the
# first-run page; "Try the Demo Municipality" fills it on a worker and the
# Meetings view lists its meetings. On another empty database "Import
# Registers…" takes the CSV files through the file chooser (a typed path):
# a people file with an error shows FILE:LINE and nothing, not even the
# sites chosen with it, is written; the corrected file imports both.
#
# Copyright 2026 The Resfri authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
#   test-first-run.py PATH/TO/resfri
#
# Exit status 77 (a skip for meson) only when AT-SPI cannot work (see
# resfri_ui.py); everything after that is a pass or a failure.

import os
import sqlite3
import sys

from resfri_ui import *  # noqa: E402,F401,F403 (skips when AT-SPI cannot work)
from dogtail import rawinput  # noqa: E402

SITES = "id,name,latitude,longitude\nVBG,Vänersborg,58.3807,12.3234\n"
BAD_PEOPLE = ("name,email,site,unit\n"
              "Anna Svensson,anna.svensson@vanersborg.se,VBG,Kommunstyrelsen\n"
              "Berit Ek,berit.ek@vanersborg.se,NOWHERE,Kommunstyrelsen\n")
PEOPLE = ("name,email,site,unit\n"
          "Anna Svensson,anna.svensson@vanersborg.se,VBG,Kommunstyrelsen\n")


def count(db, table):
    if not os.path.exists(db):
        return 0
    try:
        return db_value(db, f"SELECT count(*) FROM {table}")
    except sqlite3.OperationalError:
        return 0


def summaries(db):
    with sqlite3.connect(db) as conn:
        return {row[0] for row in conn.execute("SELECT summary FROM meetings")
                if row[0]}


def find_in_app(window, role, predicate):
    for child in window.app.children:
        if child is None:
            continue
        for node in walk(child):
            if node.roleName == role and predicate(node):
                return node
    return None


def choose_file(window, dialog, register, path):
    """Chooses @path for @register's row through the file chooser."""
    title = f"Choose the {register} File"
    click(find(dialog, "push button", title))
    chooser = wait_for("the file chooser", lambda: find_window(window.app, title))
    # The chooser takes the keys once a widget of it has the focus (its
    # file list); a typed "/" opens its location entry.
    wait_for("the file chooser to take the focus", lambda: any(
        n.getState().contains(pyatspi.STATE_FOCUSED) for n in walk(chooser)))
    rawinput.typeText(path)
    wait_for("the file chooser's location entry", lambda: any(
        n.roleName in ("text", "entry") and is_shown(n) for n in walk(chooser)))
    rawinput.pressKey("Return")
    wait_for("the file chooser to close", lambda: find_window(window.app, title) is None)
    wait_for(f"the {register} row to name the file",
             lambda: find_in_app(window, "label", lambda n: n.name == path and is_shown(n)))


def test_demo(program, folder):
    db = os.path.join(folder, "demo.db")
    window = Resfri(program, db)
    try:
        button = window.wait_shown("push button", "Try the Demo Municipality")
        for name in ("Import Registers…", "Add a Calendar Server…", "Open Database…"):
            window.wait_shown("push button", name)
        if count(db, "meetings") != 0:
            raise Failure("the database is not empty at the start")
        print("ok 1 - an empty database shows the first-run page and its four buttons",
              flush=True)

        click(button)
        tab = window.wait_shown("page tab", "Meetings")
        known = summaries(db)
        if not known:
            raise Failure("the demo stored no meetings")
        click(tab)
        wait_for("the Meetings view to list the demo's meetings", lambda: find_in_app(
            window, "label", lambda n: n.name in known and is_shown(n)))
        print(f"ok 2 - Try the Demo Municipality: {len(known)} meetings, listed in Meetings",
              flush=True)
        window.close()
    finally:
        window.kill()


def test_registers(program, folder):
    db = os.path.join(folder, "registers.db")
    sites = os.path.join(folder, "sites.csv")
    bad = os.path.join(folder, "people-bad.csv")
    people = os.path.join(folder, "people.csv")
    for path, text in ((sites, SITES), (bad, BAD_PEOPLE), (people, PEOPLE)):
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)

    window = Resfri(program, db)
    try:
        click(window.wait_shown("push button", "Import Registers…"))
        dialog = wait_for("the Import Registers dialog",
                          lambda: find_window(window.app, "Import Registers"))
        choose_file(window, dialog, "Sites", sites)
        choose_file(window, dialog, "People", bad)
        click(find(dialog, "push button", "Import"))
        error = wait_for("the error", lambda: find_in_app(
            window, "label", lambda n: "people-bad.csv:3:" in n.name and is_shown(n)))
        if count(db, "sites") != 0 or count(db, "people") != 0:
            raise Failure("a refused import wrote something")
        print("ok 3 - a people file with an error: the dialog says “" + error.name
              + "”; nothing is written, not even the sites", flush=True)

        choose_file(window, dialog, "People", people)
        click(find(dialog, "push button", "Import"))
        wait_for("the dialog to close", lambda: find_window(window.app, "Import Registers") is None)
        wait_for("the registers in the database",
                 lambda: count(db, "sites") == 1 and count(db, "people") == 1)
        window.wait_shown("page tab", "Meetings")
        print("ok 4 - the corrected file imports with the sites; the window shows its views",
              flush=True)
        window.close()
    finally:
        window.kill()


def main():
    return run_tests(4, [test_demo, test_registers], "resfri-ui-first-run-")


if __name__ == "__main__":
    sys.exit(main())

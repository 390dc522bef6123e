#!/usr/bin/python3
# tests/ui/test-search-provider.py: GNOME Shell's search provider (issue 12,
# item 10), called over D-Bus as the Shell calls it (gdbus): a meeting's
# title, a person, an asset tag and a room of a small demo are found,
# their metas name them, and ActivateResult shows the result: the room on
# the Rooms timeline, the meeting selected, the item in the inventory.
#
# Copyright 2026 The Resfri authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
#   test-search-provider.py PATH/TO/resfri
#
# Exit status 77 (a skip for meson) only when AT-SPI cannot work (see
# resfri_ui.py); everything after that is a pass or a failure.

import os
import re
import subprocess
import sys

from resfri_ui import *  # noqa: E402,F401,F403 (skips when AT-SPI cannot work)

BUS = "se.resfri.Resfri"
PATH = "/se/resfri/Resfri/SearchProvider"
IFACE = "org.gnome.Shell.SearchProvider2"


def call(method, *args):
    result = subprocess.run(["gdbus", "call", "--session", "--dest", BUS, "--object-path", PATH,
                             "--method", f"{IFACE}.{method}", *args],
                            capture_output=True, text=True, timeout=60)
    if result.returncode != 0:
        raise Failure(f"{method} failed: {result.stderr.strip()}")
    return result.stdout


def ids(output):
    return re.findall(r"'([a-z]+:[^']*)'", output)


def test_search(program, folder):
    db = os.path.join(folder, "demo.db")
    result = subprocess.run([find_cli(program), "--db", db, "demo", "--employees", "60"],
                            capture_output=True, text=True)
    if result.returncode != 0:
        raise Failure(f"resfri-cli demo failed: {result.stderr.strip()}")
    summary = db_value(db, "SELECT summary FROM meetings WHERE recurrence_id = ''"
                           " AND summary IS NOT NULL ORDER BY id LIMIT 1")
    person = db_value(db, "SELECT name FROM people ORDER BY id LIMIT 1")
    tag = db_value(db, "SELECT tag FROM equipment ORDER BY id LIMIT 1")
    room = db_value(db, "SELECT name FROM rooms ORDER BY id LIMIT 1")

    # The provider searches the file the application opens: $RESFRI_DB here.
    window = Resfri(program, db, extra_env={"RESFRI_DB": db})
    try:
        for kind, text in (("meeting", summary), ("person", person), ("item", tag),
                           ("room", room)):
            terms = "[" + ", ".join(repr(w) for w in text.split()[:2]) + "]"
            found = ids(call("GetInitialResultSet", terms))
            hits = [i for i in found if i.startswith(kind + ":")]
            if not hits:
                raise Failure(f"searching {terms} found no {kind}: {found}")
            metas = call("GetResultMetas", "[" + repr(hits[0]) + "]")
            if text not in metas and kind != "item":
                raise Failure(f"the meta of {hits[0]} does not name “{text}”: {metas}")
            sub = ids(call("GetSubsearchResultSet", repr(found), terms))
            if hits[0] not in sub:
                raise Failure(f"the subsearch lost {hits[0]}: {sub}")
        if ids(call("GetInitialResultSet", "['zzqxnothing']")):
            raise Failure("a search for nothing found something")
        print("ok 1 - a meeting, a person, an asset tag and a room are found, with their metas",
              flush=True)

        room_id = [i for i in ids(call("GetInitialResultSet", repr([room]))) if i.startswith("room:")][0]
        call("ActivateResult", repr(room_id), repr([room]), "0")
        wait_for("the Rooms view to be selected", lambda: find(window.frame, "page tab", "Rooms")
                 .getState().contains(pyatspi.STATE_SELECTED))
        # The timeline's cursor on the room ("…; selected: Room NAME, 09:00–…").
        wait_for(f"the cursor on {room}", lambda: f"selected: Room {room}," in (
            (find(window.frame, "image", "Room bookings") or window.frame).description or ""))
        window.check_running("after ActivateResult")
        print("ok 2 - ActivateResult shows the room on the Rooms timeline", flush=True)

        # A meeting: the Meetings view on its next (or last) occurrence,
        # selected, its title in the detail.
        meeting_id = [i for i in ids(call("GetInitialResultSet", repr(summary.split()[:2])))
                      if i.startswith("meeting:")][0]
        call("ActivateResult", repr(meeting_id), repr(summary.split()[:2]), "0")
        wait_for("the Meetings view to be selected", lambda: find(
            window.frame, "page tab", "Meetings").getState().contains(pyatspi.STATE_SELECTED))

        def selected_row_names_it():
            # The list's cells are named by their text (resfri-meetings-view-columns.c).
            for node in walk(window.frame):
                if node.roleName != "page tab" and is_shown(node) and \
                        node.getState().contains(pyatspi.STATE_SELECTED) and \
                        any(n.name == summary for n in walk(node)):
                    return True
            return False
        wait_for(f"“{summary}” selected", selected_row_names_it)
        print("ok 3 - ActivateResult selects the meeting in the Meetings view", flush=True)

        # An item: the Equipment view's inventory filtered to it.
        item_id = [i for i in ids(call("GetInitialResultSet", repr([tag])))
                   if i.startswith("item:")][0]
        call("ActivateResult", repr(item_id), repr([tag]), "0")
        wait_for("the Equipment view to be selected", lambda: find(
            window.frame, "page tab", "Equipment").getState().contains(pyatspi.STATE_SELECTED))
        wait_for(f"{tag} alone in the inventory", lambda: (
            lambda shown: shown == [tag])(
                sorted({n.split(" · ")[0] for n in shown_labels(window.frame)
                        if " · " in n and n.split(" · ")[0].isupper()})))
        window.check_running("after ActivateResult")
        print("ok 4 - ActivateResult shows the item in the Equipment view", flush=True)
        window.close()
    finally:
        window.kill()


def main():
    return run_tests(4, [test_search], "resfri-ui-search-")


if __name__ == "__main__":
    sys.exit(main())

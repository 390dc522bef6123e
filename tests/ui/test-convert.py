#!/usr/bin/python3
# tests/ui/test-convert.py: Convert Series… in a meeting's detail (spec/
# planning.md "Acting on it"), driven through AT-SPI (dogtail): a
# non-compliant meeting of the demo converted from the selected occurrence
# on, the toast saying what was done, and `check` seeing the new verdicts.
#
# Copyright 2026 The Resfri authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
#   test-convert.py PATH/TO/resfri
#
# Exit status 77 (a skip for meson) only when AT-SPI cannot work (see
# resfri_ui.py); everything after that is a pass or a failure.

import json
import os
import sqlite3
import subprocess
import sys

from resfri_ui import *  # noqa: E402,F401,F403 (skips when AT-SPI cannot work)

VERDICTS = ("Travel-free", "Local", "Exempt", "Non-compliant", "Unknown")
LINK = "https://meet.example.se/ui-convert"


def badges(window):
    return [n.name for n in walk(window.frame)
            if n.roleName == "label" and n.name in VERDICTS and is_shown(n)
            and n.parent is not None and n.parent.roleName == "table cell"]


def find_in_app(window, role, predicate):
    for child in window.app.children:
        if child is None:
            continue
        for node in walk(child):
            if node.roleName == role and predicate(node):
                return node
    return None


def linked(db):
    with sqlite3.connect(db) as conn:
        rows = conn.execute("SELECT uid, recurrence_id FROM meetings WHERE ical LIKE ?",
                            (f"%{LINK}%",)).fetchall()
    conn.close()
    return rows


def test_convert(program, folder):
    db = os.path.join(folder, "demo.db")
    cli = find_cli(program)
    result = subprocess.run([cli, "--db", db, "demo", "--employees", "60"],
                            capture_output=True, text=True)
    if result.returncode != 0:
        raise Failure(f"resfri-cli demo failed: {result.stderr.strip()}")

    window = Resfri(program, db)
    try:
        click(window.wait_shown("page tab", "Meetings"))
        wait_for("the week", lambda: [n for n in shown_labels(window.frame)
                                      if n.startswith("Week ")])
        go_to_week_with(window, badges, "Non-compliant")
        choose(window, "Verdict", 4)
        wait_for("only non-compliant meetings",
                 lambda: badges(window) and all(b == "Non-compliant" for b in badges(window)))

        click(window.wait_shown("push button", "Convert Series…"))
        entry = wait_for("the link entry", lambda: find_in_app(
            window, "text", lambda n: n.name == "Meeting Link"))
        if not entry.queryEditableText().setTextContents(LINK):
            raise Failure("cannot write the meeting link")
        convert = wait_for("the Convert button", lambda: find_in_app(
            window, "push button", lambda n: (n.name or "").endswith("Convert") and n.sensitive))
        click(convert)
        toast = wait_for("the conversion's toast", lambda: find_toast(
            window, "label", lambda name: "converted" in name)).name
        print(f"ok 1 - converted: “{toast}”", flush=True)

        rows = wait_for("the link stored", lambda: linked(db))
        uid, rid = rows[0]
        result = subprocess.run([cli, "--db", db, "check", "--format", "json"],
                                capture_output=True, text=True)
        if result.returncode != 0:
            raise Failure(f"resfri-cli check failed: {result.stderr.strip()}")
        after = [r for r in json.loads(result.stdout) if r["uid"] == uid and
                 (not rid or (r["recurrence_id"] or "") >= rid)]
        if not after or any(r["verdict"] != "travel_free" for r in after):
            raise Failure(f"after the conversion {uid} from {rid!r}: "
                          f"{[(r['recurrence_id'], r['verdict']) for r in after]}")
        action = db_value(db, "SELECT count(*) FROM audit_log WHERE action = 'meeting-link'")
        if action != 1:
            raise Failure(f"{action} audit rows for the link, not 1")
        print(f"ok 2 - {len(after)} occurrences of the series travel-free in `check`, "
              "and the change in the audit log", flush=True)
        window.close()
    except Exception:
        print(f"# resfri: status {window.poll()}", flush=True)
        raise
    finally:
        window.kill()


def main():
    return run_tests(2, [test_convert], "resfri ui convert-")


if __name__ == "__main__":
    sys.exit(main())

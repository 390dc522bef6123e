#!/usr/bin/python3
# tests/ui/test-planning.py: the Planning view, driven through AT-SPI (dogtail).
#
# Copyright 2026 The Resfri authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
#   test-planning.py PATH/TO/resfri
#
# Opens Planning on a small demo, moves the target slider with the keyboard
# (Alt+T focuses it, End takes it to 100 %) and waits for the what-if's
# answer to follow, as `resfri-cli whatif` computes it; then "Convert…" on
# the first opportunity converts its series through the dialog and the list
# loses it; "Go to Meeting" on the next shows it in Meetings. A list that
# cannot be read again (a stored setting another program broke) leaves
# no row of the list before; mended, the list is back. See
# test-followup.py for what AT-SPI needs under Xvfb.

import json
import os
import sqlite3
import subprocess
import sys

from resfri_ui import *  # noqa: E402,F401,F403 (skips when AT-SPI cannot work)
from gi.repository import GLib  # noqa: E402


def result_text(window):
    """The what-if's answer: the label described as the what-if result."""
    for node in walk(window.frame):
        try:
            if node.roleName == "label" and node.description == "What-if result" and \
               is_shown(node):
                return node.name
        except GLib.GError:  # dropped while we read it
            pass
    return None


def buttons(window, prefix):
    return [n for n in walk(window.frame)
            if n.roleName == "push button" and (n.name or "").startswith(prefix) and is_shown(n)]


def cli_whatif(program, db, year, share):
    result = subprocess.run([find_cli(program), "--db", db, "whatif", "--period", str(year),
                             "--target-share", share, "--format", "json"],
                            capture_output=True, text=True)
    if result.returncode != 0:
        raise Failure(f"resfri-cli whatif failed: {result.stderr.strip()}")
    return json.loads(result.stdout)


def wait_answer(window, program, db, year, target):
    """Waits until the answer is the one for @target (0..100) and checks
    its share against resfri-cli's."""
    expected = cli_whatif(program, db, year, f"{target / 100:.2f}")
    share = f"{expected['share_after'] * 100:.1f} %"
    text = wait_for(f"the answer for {target} %",
                    lambda: (lambda t: t if t and t.startswith(f"Target {target} %:") else None)(
                        result_text(window)))
    if share not in text:
        raise Failure(f"the answer for {target} % says {text!r}; resfri-cli's share is {share}")
    return text


# The order list names a type by its title, not by its code ("camera").
TYPE_TITLES = {"headset": "Headset", "camera": "Camera", "vc-kit": "Video conferencing kit"}


def check_order(window, expected):
    """The order list shows resfri-cli's order, each line as "SITE · Type:
    COUNT × …"."""
    text = wait_for("the order list", lambda: next(
        (n.name for n in walk(window.frame) if n.roleName == "label" and
         (n.name or "").startswith(("To order:", "Nothing to order.")) and is_shown(n)), None))
    lines = text.splitlines()[1:]
    wanted = [f"{o['site']} · {TYPE_TITLES.get(o['type'], o['type'])}: {o['to_order']} × "
              for o in expected["order"]]
    if len(lines) != len(wanted) or \
       any(not line.startswith(start) for line, start in zip(lines, wanted)):
        raise Failure(f"the order list says {text!r}; resfri-cli's order is {wanted}")


def set_setting(db, value):
    """Stores co2_kg_per_km as another program would (None: removes it)."""
    with sqlite3.connect(db) as conn:
        if value is None:
            conn.execute("DELETE FROM policy WHERE key = 'co2_kg_per_km'")
        else:
            conn.execute("INSERT OR REPLACE INTO policy (key, value) VALUES ('co2_kg_per_km', ?)",
                         (value,))
    conn.close()


def test_planning(program, folder):
    from dogtail import rawinput

    db = os.path.join(folder, "demo.db")
    result = subprocess.run([find_cli(program), "--db", db, "demo", "--employees", "60"],
                            capture_output=True, text=True)
    if result.returncode != 0:
        raise Failure(f"resfri-cli demo failed: {result.stderr.strip()}")
    year = int(db_value(db, "SELECT value FROM meta WHERE key = 'demo-year'"))

    window = Resfri(program, db)
    try:
        click(window.wait_shown("page tab", "Planning"))
        window.wait_shown("slider", "Target share")
        wait_answer(window, program, db, year, 85)
        print("ok 1 - the what-if at 85 %, as resfri-cli computes it")

        # The keyboard: the mnemonic focuses the slider, End moves it.
        rawinput.keyCombo("<Alt>t")
        rawinput.pressKey("End")
        wait_for("the target at 100 %", lambda: find(window.frame, "label", "100 %"))
        wait_answer(window, program, db, year, 100)
        check_order(window, cli_whatif(program, db, year, "1.00"))
        rawinput.pressKey("Page_Down")
        wait_answer(window, program, db, year, 95)
        print("ok 2 - the answer follows the slider moved with the keyboard, its order list "
              "in type names")

        prefix = "Convert Series…: "
        converts = wait_for("an opportunity to convert", lambda: buttons(window, prefix))
        # The name (the summary) and the description (the row's subtitle).
        name, description = converts[0].name, converts[0].description
        before = len([n for n in converts if (n.name, n.description) == (name, description)])
        click(converts[0])
        entry = wait_for("the link entry", lambda: find_in_app(
            window, "text", lambda n: n.name == "Meeting Link"))
        if not entry.queryEditableText().setTextContents("https://meet.example.se/ui-planning"):
            raise Failure("cannot write the meeting link")
        convert = wait_for("the Convert button", lambda: find_in_app(
            window, "push button", lambda n: (n.name or "").endswith("Convert") and n.sensitive))
        click(convert)
        wait_for("the conversion's toast", lambda: find_toast(
            window, "label", lambda text: "converted" in text))
        wait_for(f"the list without “{name[len(prefix):]}”",
                 lambda: len([n for n in buttons(window, prefix)
                              if (n.name, n.description) == (name, description)]) < before)
        print(f"ok 3 - Convert… converts “{name[len(prefix):]}” and the list loses it")

        rows = wait_for("an opportunity", lambda: buttons(window, "Go to Meeting: "))
        summary = rows[0].name[len("Go to Meeting: "):]
        # The list is read again when the window sees the conversion's
        # write: the button found above may be gone by the time it is
        # clicked.
        click(rows[0])
        click_until("the meeting in Meetings",
                    lambda: next(iter(buttons(window, f"Go to Meeting: {summary}")), None),
                    lambda: find(window.frame, "slider", "Target share") is None and
                    summary in shown_labels(window.frame))
        print("ok 4 - Go to Meeting shows it in Meetings")

        # Another program stores a setting the policy cannot read: the
        # window sees the write and Planning finds no opportunities. Its
        # rows from before (whose buttons held the list just freed) go.
        click(window.wait_shown("page tab", "Planning"))
        wait_for("the opportunities again", lambda: buttons(window, "Go to Meeting: "))
        set_setting(db, "not a number")
        wait_for("the error and no row of the list before",
                 lambda: not buttons(window, "Go to Meeting: ") and
                 any((t or "").startswith("Cannot find the opportunities:")
                     for t in shown_labels(window.frame)))
        set_setting(db, None)
        wait_for("the opportunities once the setting is mended",
                 lambda: buttons(window, "Go to Meeting: "))
        print("ok 5 - a list that cannot be read leaves none of the rows before")
        window.close()
    finally:
        window.kill()


def main():
    return run_tests(5, [test_planning], "resfri planning & <test>-")


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/python3
# tests/ui/test-gaps.py: the Gaps & orders and Rooms views, driven through AT-SPI;
# the people without a headset or camera, drilled down to and given a loan item.
#
# Copyright 2026 The Resfri authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
#   test-gaps.py PATH/TO/resfri
#
# Runs under `xvfb-run -a dbus-run-session` (build-aux/test). What GTK 4 and
# dogtail need there:
#  - a display (Xvfb) and a session bus (dbus-run-session);
#  - the accessibility bus: GTK 4 asks the session bus for org.a11y.Bus,
#    which dbus activates from at-spi2-core (at-spi-bus-launcher, then
#    at-spi2-registryd on the a11y bus);
#  - GTK_A11Y unset (GTK_A11Y=none turns GTK 4's AT-SPI backend off); it is
#    removed from the application's environment below;
#  - GTK 4 does not read org.gnome.desktop.interface toolkit-accessibility
#    (only GTK 3's atk-bridge does), but dogtail checks that key at import
#    and exits when it is false, as it is on a fresh machine and with the
#    memory GSettings backend the tests use. The check is turned off.
#
# Exit status 77 (a skip for meson) only when AT-SPI truly cannot work: no
# display, no session bus, no dogtail, or no accessibility bus; the reason is
# printed. Everything after that is a pass or a failure.

import json
import os
import re
import sqlite3
import subprocess
import sys

from resfri_ui import *  # noqa: E402,F401,F403 (skips when AT-SPI cannot work)


def cli(program, db, *args):
    result = subprocess.run([find_cli(program), "--db", db] + list(args),
                            capture_output=True, text=True)
    if result.returncode != 0:
        raise Failure(f"resfri-cli {' '.join(args)} failed: {result.stderr.strip()}")
    return result.stdout


def amount(text):
    """The whole kronor of a shown amount ("SEK 12,345", "12 345 kr")."""
    digits = re.sub(r"\D", "", text or "")
    return int(digits) if digits else None


def shown_value(window, name):
    """The value of a shown row of the gaps view: its title is its name and
    the amount its description."""
    for node in walk(window.frame):
        if node.name == name and node.description and is_shown(node):
            return node.description
    return None


def save_through_chooser(window, button, title, path, toasts):
    """Clicks @button, types @path in the file chooser titled @title and
    waits for the file and the toast (in @toasts) that says it was saved."""
    from dogtail import rawinput

    click(button)
    chooser = wait_for("the file chooser", lambda: find_window(window.app, title))
    wait_focus(chooser, "the file chooser's name")
    rawinput.keyCombo("<Control>a")
    rawinput.typeText(path)
    rawinput.pressKey("Return")
    wait_for("the exported file", lambda: os.path.exists(path) and os.path.getsize(path) > 0)
    wait_for("the file chooser to close", lambda: find_window(window.app, title) is None)
    wait_toast(toasts, f"Saved “{os.path.basename(path)}”")


def type_label(kind):
    return {"headset": "Headset", "camera": "Camera", "vc-kit": "Video-conference kit"}.get(kind, kind)


def check_scenario(window, gaps, key):
    """Every pool of the scenario is shown with the CLI's cost, and the
    total is the CLI's total_cost."""
    scenario = gaps["scenarios"][key]
    want = round(scenario["total_cost"])
    total = wait_for(f"the {key} total of SEK {want}",
                     lambda: (lambda v: v if amount(v) == want else None)(
                         shown_value(window, "Total")))
    for row in scenario["shortfall"]:
        name = f"{row['site']} · {type_label(row['type'])}"
        value = shown_value(window, name)
        if amount(value) != round(row["cost"]):
            raise Failure(f"{key}: {name} shows “{value}”, the CLI says {row['cost']}")
    return total


def test_gaps(program, folder):
    """Gaps & orders on a small demo: both scenarios as the CLI computes
    them, before and after booking the allocation; then Rooms."""
    from dogtail import rawinput

    db = os.path.join(folder, "demo.db")
    cli(program, db, "demo", "--employees", "60")
    year = int(db_value(db, "SELECT value FROM meta WHERE key = 'demo-year'"))
    horizon = ["--from", f"{year}-01-01", "--to", f"{year + 1}-01-01"]
    gaps = json.loads(cli(program, db, "gaps", *horizon, "--format", "json"))

    window = Resfri(program, db)
    try:
        # GTK 4.8 shows toggle buttons as push buttons on AT-SPI.
        click(window.wait_shown("page tab", "Gaps & Orders"))
        window.wait_shown("label", "Order List, Planned")
        window.wait_shown("label", f"{year}-01-01 – {year}-12-31")
        check_scenario(window, gaps, "planned")

        click(window.wait_shown("push button", "Policy Followed"))
        window.wait_shown("label", "Order List, Policy Followed")
        total = check_scenario(window, gaps, "policy")
        if not [n for n in shown_labels(window.frame) if n.startswith("Holding the non-compliant")]:
            raise Failure("the policy scenario shows no payback")
        print(f"ok 1 - the policy scenario's total {total} is the CLI's")


        # Book the planned allocation from a terminal, reload: the order
        # list is the CLI's new one.
        cli(program, db, "allocate", *horizon, "--book")
        booked = db_value(db, "SELECT count(*) FROM bookings")
        if not booked:
            raise Failure("allocate --book booked nothing on the demo")
        after = json.loads(cli(program, db, "gaps", *horizon, "--format", "json"))
        click(window.wait_shown("push button", "Planned"))
        window.wait_shown("label", "Order List, Planned")
        rawinput.keyCombo("<Control>r")
        check_scenario(window, after, "planned")
        print(f"ok 2 - after {booked} bookings the planned order list is the CLI's")

        # Rooms: a week, a day, and the free rooms of a morning hour.
        click(window.wait_shown("page tab", "Rooms"))
        window.wait_shown("image", "Room bookings")
        click(window.wait_shown("push button", "Week"))
        wait_for("a week", lambda: [n for n in shown_labels(window.frame) if n.startswith("Week ")])
        window.wait_shown("image", "Room bookings")

        def described():
            node = find(window.frame, "image", "Room bookings")
            return re.match(r"\d+ bookings? in \d+ rooms?", node.description or "")
        wait_for("the timeline's description of the bookings", described)
        click(window.wait_shown("push button", "Day"))
        wait_for("a day", lambda: [n for n in shown_labels(window.frame) if ", week " in n])
        click(window.wait_shown("push button", "Find a Free Room…"))
        click(window.wait_shown("push button", "Find"))
        status = wait_for("free rooms", lambda: [
            n for n in shown_labels(window.frame) if re.match(r"\d+ rooms? (is|are) free", n)])
        results = window.wait_shown("list", "Free rooms")
        if results.childCount < 1:
            raise Failure("no free room is listed")
        print(f"ok 3 - rooms: a week, a day, {status[0]}")
        rawinput.pressKey("Escape")

        # A meeting with a booking still to come is cancelled by an
        # import: after a reload the Rooms view lists the released booking.
        uid, rid = sqlite3.connect(db).execute(
            "SELECT uid, recurrence_id FROM bookings WHERE start > strftime ('%s', 'now')"
            " ORDER BY start LIMIT 1").fetchone()
        cancel = os.path.join(folder, "cancel.ics")
        with open(cancel, "w") as f:
            f.write("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n"
                    "METHOD:CANCEL\r\nBEGIN:VEVENT\r\n"
                    f"UID:{uid}\r\nDTSTAMP:20260101T000000Z\r\nSEQUENCE:99\r\n"
                    + (f"RECURRENCE-ID:{rid}\r\nDTSTART:{rid}\r\n" if rid else
                       "DTSTART:20260101T000000Z\r\n")
                    + "END:VEVENT\r\nEND:VCALENDAR\r\n")
        cli(program, db, "import", cancel)
        released = json.loads(cli(program, db, "bookings", "--attention", "--format", "json"))
        if not released:
            raise Failure("the cancelled meeting's booking was not released")
        rawinput.keyCombo("<Control>r")
        attention = wait_for("the released bookings", lambda: [
            n for n in [find(window.frame, "list", "Released bookings")]
            if n is not None and n.childCount >= 1])
        print(f"ok 4 - rooms: {attention[0].childCount} released booking(s) listed")

        # Export CSV (last: after the file chooser, GTK 4.8 no longer
        # reports the timeline's description on AT-SPI): the chooser takes
        # a path typed in its name entry; the file is the CLI's CSV and a
        # toast says it was saved.
        click(window.wait_shown("page tab", "Gaps & Orders"))
        path = os.path.join(folder, "orders.csv")
        save_through_chooser(window, window.wait_shown("push button", "Export CSV"),
                             "Export the Order Lists as CSV", path, window)
        with open(path, "rb") as f:
            exported = f.read()
        expected = subprocess.run([find_cli(program), "--db", db, "gaps", *horizon, "--format", "csv"],
                                  capture_output=True).stdout
        if exported != expected:
            raise Failure("the exported CSV is not the CLI's")
        print("ok 5 - the exported CSV is the CLI's")
        window.close()
    finally:
        window.kill()


def find_row_button(root, label, button):
    """The button @button of the row whose label is @label."""
    for node in walk(root):
        if node.roleName == "label" and node.name == label and is_shown(node):
            parent = node.parent
            while parent is not None and parent.roleName != "frame":
                found = find(parent, "push button", button)
                if found is not None:
                    return found
                parent = parent.parent
    return None


def find_dialog(app, label):
    """The window of @app that shows the label @label."""
    for child in app.children:
        if child is not None and find(child, "label", label) is not None:
            return child
    return None


def test_people(program, folder):
    """"Without Headset or Camera…": the people of the CLI's gaps --people,
    one of them given an idle loan item with "Assign from Pool…", who then
    leaves the list (and the CLI's)."""
    db = os.path.join(folder, "people.db")
    cli(program, db, "demo", "--employees", "60")
    year = int(db_value(db, "SELECT value FROM meta WHERE key = 'demo-year'"))
    horizon = ["--from", f"{year}-01-01", "--to", f"{year + 1}-01-01"]
    people = json.loads(cli(program, db, "gaps", *horizon, "--people", "--format", "json"))["people"]
    gaps = json.loads(cli(program, db, "gaps", *horizon, "--format", "json"))
    person = next(p for p in people if p["lacks"] == ["headset"] or p["lacks"] == ["camera"])
    kind = person["lacks"][0]
    idle = [i for i in gaps["idle"] if i["type"] == kind]
    tag = next((i["tag"] for i in idle if i["site"] == person["site"]), idle[0]["tag"])

    window = Resfri(program, db)
    try:
        click(window.wait_shown("page tab", "Gaps & Orders"))
        window.wait_shown("label", "Without Headset or Camera")
        window.wait_shown("label", "Who Pays, per Unit")
        click(window.wait_shown("push button", "Without Headset or Camera…"))
        dialog = wait_for("the people", lambda: find_dialog(window.app, person["name"]))
        if find(dialog, "label", f"{person['unit']} · {person['site']} · no {kind}") is None:
            raise Failure(f"{person['name']}'s row does not say their unit's name, site and what they lack")
        print(f"ok 6 - {len(people)} people without a headset or camera, {person['name']} among them")

        # Export CSV…: the CLI's gaps --people CSV.
        path = os.path.join(folder, "people.csv")
        save_through_chooser(window, wait_for("Export CSV…", lambda: find(dialog, "push button", "Export CSV…")),
                             "Export the People Without a Headset or Camera as CSV", path, dialog)
        expected = subprocess.run([find_cli(program), "--db", db, "gaps", *horizon, "--people",
                                   "--format", "csv"], capture_output=True).stdout
        with open(path, "rb") as f:
            if f.read() != expected:
                raise Failure("the exported people CSV is not the CLI's")

        click(wait_for("Assign from Pool…",
                       lambda: find_row_button(dialog, person["name"], "Assign from Pool…")))
        assign = wait_for("the assign dialog", lambda: find_dialog(window.app, f"Assign {tag}"))
        click(wait_for("Assign", lambda: find_button(assign, "Assign")))
        wait_for(f"{person['name']} to leave the list",
                 lambda: find(dialog, "label", person["name"]) is None)
        owner = db_value(db, "SELECT p.email FROM equipment e JOIN people p ON p.id = e.owner_id"
                             " WHERE e.tag = ?", tag)
        if owner != person["email"]:
            raise Failure(f"{tag} belongs to {owner}, not {person['email']}")
        after = json.loads(cli(program, db, "gaps", *horizon, "--people", "--format", "json"))["people"]
        if [p for p in after if p["email"] == person["email"]]:
            raise Failure(f"the CLI still lists {person['email']}")
        print(f"ok 7 - the CSV exported, {tag} assigned from the pool to {person['name']}, "
              "who left the list")
        window.close()
    finally:
        window.kill()


def main():
    return run_tests(7, [test_gaps, test_people],
                     "resfri ui gaps-")


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/python3
# tests/ui/test-composer.py: the New Meeting window, driven through AT-SPI
# (dogtail): attendees completed from the people register, a venue, the
# live verdict, Make It Travel-Free, Save (the CLI's check sees it), and the
# invitation exported and parsed.
#
# Copyright 2026 The Resfri authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
#   test-composer.py PATH/TO/resfri
#
# Runs under `xvfb-run -a dbus-run-session` (build-aux/test); see
# test-meetings.py for what AT-SPI needs. RESFRI_UI_SHOTS=DIR saves
# screenshots of the steps there (for looking at the window).

import json
import os
import subprocess
import sys
import time

from resfri_ui import *  # noqa: E402,F401,F403 (skips when AT-SPI cannot work)


def cli(program, db, *args):
    result = subprocess.run([find_cli(program), "--db", db, *args], capture_output=True, text=True)
    if result.returncode != 0:
        raise Failure(f"resfri-cli {' '.join(args)} failed: {result.stderr.strip()}")
    return result.stdout


def shot(name):
    folder = os.environ.get("RESFRI_UI_SHOTS")
    if folder:
        time.sleep(0.5)
        subprocess.run(["import", "-window", "root", os.path.join(folder, name + ".png")])


def type_into(composer, mnemonic, text):
    """Focuses an entry by its label's mnemonic (GTK 4.8 has no AT-SPI
    grabFocus) and types. The keys arrive in order: the entry has the focus
    when the text comes, once the composer has it."""
    from dogtail import rawinput

    wait_focus(composer, "the composer")
    rawinput.keyCombo("<Alt>" + mnemonic)
    rawinput.keyCombo("<Control>a")
    rawinput.typeText(text)


def verdict(frame):
    """The verdict badge's text: the label described as "Verdict: …"."""
    for node in walk(frame):
        if node.roleName == "label" and (node.description or "").startswith("Verdict: ") and is_shown(node):
            return node.name
    return None


def pick_people(program, db):
    """Two people of different sites far enough apart for travel to count,
    and a room at the first one's site."""
    people = json.loads(cli(program, db, "people", "list", "--format", "json"))
    rooms = json.loads(cli(program, db, "rooms", "list", "--format", "json"))
    sites = {s["id"]: s["name"] for s in json.loads(cli(program, db, "sites", "list", "--format", "json"))}
    with_rooms = {r["site"] for r in rooms}
    first = next(p for p in people if p["site"] in with_rooms)
    second = next(p for p in people if p["site"] != first["site"])
    room = next(r for r in rooms if r["site"] == first["site"])
    return first, second, room, sites


def meetings_count(window):
    """The number of meetings Preferences' General page shows."""
    description = preferences_counts(window, ["Meetings"])["Meetings"][0]
    return int(description.replace(" ", "").replace("\u202f", "").replace(",", ""))


def test_composer(program, folder):
    from dogtail import rawinput

    db = os.path.join(folder, "demo.db")
    cli(program, db, "demo", "--employees", "60")
    first, second, room, sites = pick_people(program, db)
    before = len(json.loads(cli(program, db, "check", "--format", "json")))

    window = Resfri(program, db)
    try:
        window.wait_shown("page tab", "Meetings")
        # The database's count of meetings (Preferences → General).
        counted = meetings_count(window)
        rawinput.keyCombo("<Control>n")
        composer = wait_for("the composer", lambda: find(window.app, "frame", "New Meeting"))
        title = "Planering " + first["site"] + " " + second["site"]

        wait_for("the title", lambda: find(composer, "text", "Title"))
        type_into(composer, "t", title)

        # Two attendees through the completion: type, then Enter picks the
        # first match (the address is unique).
        for person in (first, second):
            type_into(composer, "a", person["email"])
            wait_for("the match of " + person["name"],
                     lambda: find(window.app, "label", person["name"]))
            shot("composer-completion")
            rawinput.pressKey("Return")
            wait_for(person["name"] + " in the attendees",
                     lambda: find(composer, "push button", "Remove " + person["name"]))
        # The first is the organiser (a filled star); the second's empty
        # star makes them the organiser instead.
        click(composer_button(composer, "Make " + second["name"] + " the Organiser"))
        composer_button(composer, "Make " + first["name"] + " the Organiser")
        print("ok 1 - two attendees added from the people register; the second made organiser",
              flush=True)

        # A room's address typed as an attendee is shown as the room, not
        # as a guest missing from the people register.
        room_title = room["name"] + ", " + sites[room["site"]]
        type_into(composer, "a", room["email"])
        rawinput.pressKey("Return")
        wait_for("the room among the attendees", lambda: find(
            composer, "push button", "Remove " + room["email"]))
        wait_for("the room's row says it is the room", lambda: find(
            composer, "label", room["email"] + " \u00b7 Room: " + room_title))
        if find(composer, "label", room["email"] + " \u00b7 not in the people register"):
            raise Failure("the room's address is shown as a person not in the people register")
        click(composer_button(composer, "Remove " + room["email"]))
        wait_for("the room removed", lambda: not find(
            composer, "push button", "Remove " + room["email"]))
        print("ok 1b - a room's address among the attendees is shown as the room", flush=True)

        # A room at the first one's site: the second travels.
        venue_title = room["name"] + ", " + sites[room["site"]]
        type_into(composer, "v", venue_title)
        wait_for("the room's match", lambda: find(window.app, "label", venue_title))
        rawinput.pressKey("Return")
        wait_for("a non-compliant verdict", lambda: verdict(composer) == "Non-compliant")
        shot("composer-non-compliant")
        print("ok 2 - in person in " + room["name"] + ": Non-compliant", flush=True)

        click(composer_button(composer, "Make It Travel-Free"))
        wait_for("a travel-free verdict", lambda: verdict(composer) == "Travel-free")
        labels = shown_labels(composer)
        if not any(label.startswith("Hybrid: in ") for label in labels):
            raise Failure("the meeting is not hybrid after Make It Travel-Free: " + repr(labels))
        shot("composer-travel-free")
        print("ok 3 - Make It Travel-Free: Travel-free, hybrid", flush=True)

        click(composer_button(composer, "Save"))
        wait_for("the saved toast", lambda: find_toast(
            composer, "label", lambda name: name == "Meeting saved"))

        def saved():
            rows = json.loads(cli(program, db, "check", "--format", "json"))
            return [r for r in rows if r["summary"] == title] if len(rows) == before + 1 else None
        rows = wait_for("the meeting in the database", saved)
        row = rows[0]
        if row["verdict"] != "travel_free" or row["mode"] != "hybrid" or row["venue_site"] != room["site"]:
            raise Failure("the saved meeting is not what the composer showed: " + repr(row))
        if row["organizer"].lower() != second["email"].lower():
            raise Failure("the organiser is not the one chosen: " + repr(row))
        # The database counts the new meeting (Preferences → General).
        wait_for("Preferences to count the new meeting",
                 lambda: meetings_count(window) == counted + 1)
        print("ok 4 - saved: check says travel_free, hybrid at " + room["site"]
              + "; the database counts it", flush=True)

        # Export the invitation: the chooser takes a typed path.
        path = os.path.join(folder, "invitation.ics")
        click(composer_button(composer, "Export Invitation…"))
        chooser = wait_for("the file chooser", lambda: find_window(window.app, "Export Invitation"))
        wait_focus(chooser, "the file chooser's name")
        rawinput.keyCombo("<Control>a")
        rawinput.typeText(path)
        rawinput.pressKey("Return")
        wait_for("the invitation", lambda: os.path.exists(path) and os.path.getsize(path) > 0)
        wait_for("the file chooser to close",
                 lambda: find_window(window.app, "Export Invitation") is None)
        with open(path, encoding="utf-8") as f:
            ics = f.read()
        for needle in ("METHOD:REQUEST", "BEGIN:VTIMEZONE", "TZID:Europe/Stockholm",
                       "UID:" + row["uid"], "CONFERENCE;"):
            if needle not in ics.replace("\r\n ", ""):
                raise Failure("the invitation lacks " + needle)
        other = os.path.join(folder, "other.db")
        cli(program, other, "import", path)
        imported = json.loads(cli(program, other, "check", "--format", "json"))
        if len(imported) != 1 or imported[0]["uid"] != row["uid"] or imported[0]["summary"] != title:
            raise Failure("the invitation does not import as the meeting: " + repr(imported))
        print("ok 5 - the invitation is METHOD:REQUEST and imports as the meeting", flush=True)

        # The file chooser showed the database's folder: GLib opened and
        # closed demo.db, its -wal and -shm file to guess their types, which
        # drops a process's POSIX locks on them. The window must still hold
        # SQLite's locks, or the next program to open the database truncates
        # the -shm file the window maps (SIGBUS) or removes its -wal file.
        check_locks(db, "after the file chooser showed its folder")
        cli(program, db, "check", "--format", "json")
        window.check_running("after resfri-cli opened the database")
        check_locks(db, "after resfri-cli opened the database")
        print("ok 6 - the window keeps its locks on the database after the file chooser",
              flush=True)

        # Save and Book: what the panel lists is what the database holds.
        click(composer_button(composer, "Save and Book"))

        def booking_lines():
            for node in walk(composer):
                if node.roleName == "label" and node.description == "Bookings" and node.name:
                    return node.name.split("\n")
            return None
        lines = wait_for("the bookings", booking_lines)
        made = [line for line in lines if line.startswith(("Booked the room ", "Lent "))]
        stored = db_value(db, "SELECT count(*) FROM bookings WHERE uid = ?", row["uid"])
        if stored != len(made) or not all(line.startswith(("Booked", "Lent", "Not booked", "Nothing"))
                                          for line in lines):
            raise Failure(f"the panel lists {lines}, the database has {stored} bookings")
        print(f"ok 7 - Save and Book: {len(made)} booked, as the database says", flush=True)

        rawinput.keyCombo("<Control>w")
        wait_for("the composer to close", lambda: find(window.app, "frame", "New Meeting") is None)
        window.close()
    finally:
        window.kill()


def composer_button(frame, name):
    return wait_for(f"push button “{name}”", lambda: find(frame, "push button", name))


def main():
    return run_tests(7, [test_composer],
                     "resfri ui composer-")


if __name__ == "__main__":
    sys.exit(main())

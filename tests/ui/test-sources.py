#!/usr/bin/python3
# tests/ui/test-sources.py: live calendars in the app (spec/sync.md), driven
# through AT-SPI (dogtail) against a real Radicale: Preferences → Calendars
# → Add Account…, Test, Add, the calendar followed, Sync Now, the meeting
# from the server in Meetings (and its room reservation in Rooms), and
# Remove… with its confirmation.
#
# Copyright 2026 The Resfri authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
#   test-sources.py PATH/TO/resfri
#
# Runs under `xvfb-run -a dbus-run-session` (build-aux/test); see
# resfri_ui.py for what AT-SPI needs there. Radicale (Debian `radicale`) is
# started on 127.0.0.1 on a free port with an htpasswd user and a scratch
# storage folder, and stopped afterwards; without it the test is skipped.
#
# The keyring. With gnome-keyring-daemon on PATH the test starts one of its
# own, unlocked, on the test's session bus before the window
# (resfri_ui.Keyring): then the password must be in the keyring (found by
# the source's URL and user), the source must have no password file, and
# removing the source must clear the item. Without it nothing on the bus
# provides a Secret Service and the app keeps the password in a file of
# mode 0600 under $XDG_DATA_HOME/resfri/passwords/ (resfri-sync-async.c);
# the test gives the app its own XDG_DATA_HOME and checks the file's mode.
# Either way the password is in neither the database nor the app's output.
# The test never lets dbus-run-session activate the system's keyring: its
# unlock prompt would wait on Xvfb for ever.

import datetime
import json
import os
import stat
import subprocess
import sys

from resfri_ui import *  # noqa: E402,F401,F403 (skips when AT-SPI cannot work)
from radicale_server import Radicale

USER = "planner"
PASSWORD = "s3cret-Lösen-4711"
CALENDAR = "meetings"
SUMMARY = "Radicale Synkmöte"


def event(room_email, organizer, start):
    """A meeting this week in @room_email's room, organised by @organizer."""
    end = start + datetime.timedelta(hours=1)
    fmt = "%Y%m%dT%H%M%SZ"
    stamp = datetime.datetime.now(datetime.timezone.utc).strftime(fmt)
    return "\r\n".join([
        "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Resfri UI test//EN",
        "BEGIN:VEVENT",
        "UID:resfri-ui-sources-1@example.org",
        f"DTSTAMP:{stamp}",
        f"DTSTART:{start.strftime(fmt)}",
        f"DTEND:{end.strftime(fmt)}",
        f"SUMMARY:{SUMMARY}",
        f"ORGANIZER:mailto:{organizer}",
        f"ATTENDEE;CUTYPE=INDIVIDUAL;PARTSTAT=ACCEPTED:mailto:{organizer}",
        f"ATTENDEE;CUTYPE=ROOM;PARTSTAT=ACCEPTED;ROLE=NON-PARTICIPANT:mailto:{room_email}",
        f"LOCATION:{room_email}",
        "END:VEVENT", "END:VCALENDAR", ""])


def this_wednesday():
    """10:00 UTC on Wednesday of this week: in the week the Meetings view
    opens on, whatever the day."""
    today = datetime.datetime.now(datetime.timezone.utc)
    monday = today - datetime.timedelta(days=today.weekday())
    return (monday + datetime.timedelta(days=2)).replace(hour=10, minute=0, second=0,
                                                           microsecond=0)


def find_any(root, roles, name):
    for node in walk(root):
        if node.roleName in roles and node.name == name and is_shown(node):
            return node
    return None


def type_at(mnemonic, text):
    """Focuses an entry by its label's mnemonic (GTK 4.8 has no AT-SPI
    grabFocus) and types."""
    from dogtail import rawinput

    rawinput.keyCombo("<Alt>" + mnemonic)
    rawinput.keyCombo("<Control>a")
    rawinput.typeText(text)


def test_sources(program, folder):
    from dogtail import rawinput

    db = os.path.join(folder, "demo.db")
    cli = find_cli(program)
    result = subprocess.run([cli, "--db", db, "demo", "--employees", "60"],
                            capture_output=True, text=True)
    if result.returncode != 0:
        raise Failure(f"resfri-cli demo failed: {result.stderr.strip()}")
    room_email, room_name = None, None
    with sqlite3.connect(db) as conn:
        room_email, room_name = conn.execute(
            "SELECT email, name FROM rooms WHERE email IS NOT NULL ORDER BY id LIMIT 1").fetchone()
        organizer = conn.execute("SELECT email FROM people ORDER BY id LIMIT 1").fetchone()[0]
    conn.close()

    server = Radicale(folder, USER, PASSWORD)
    data_home = os.path.join(folder, "data")
    os.makedirs(data_home)
    window = None
    keyring = None
    try:
        keyring = Keyring.start(folder)
        server.make_calendar(f"/{USER}/{CALENDAR}/", "Planeringsmöten")
        server.request("PUT", f"/{USER}/{CALENDAR}/meeting-1.ics",
                       event(room_email, organizer, this_wednesday()),
                       {"Content-Type": "text/calendar; charset=utf-8"})

        window = Resfri(program, db, extra_env={"XDG_DATA_HOME": data_home})
        window.wait_shown("page tab", "Meetings")

        # Preferences → Calendars.
        rawinput.keyCombo("<Control>comma")
        prefs = wait_for("the preferences", lambda: find_window(window.app, "Preferences"))
        tab = wait_for("the Calendars page", lambda: find_any(
            prefs, ("page tab", "push button", "toggle button", "radio button"), "Calendars"))
        click(tab)
        wait_for("no accounts yet", lambda: find(prefs, "label", "No accounts yet"))
        click(wait_for("Add Account…", lambda: find(prefs, "push button", "Add Account…")))

        dialog = wait_for("the Add Account dialog", lambda: find_window(window.app, "Add Account"))
        wait_focus(dialog, "the address")
        type_at("a", server.url)
        type_at("u", USER)
        type_at("p", "wrong-" + PASSWORD)
        click(wait_for("Test", lambda: find(dialog, "push button", "Test")))
        # A wrong password: a clear error, and Add stays off.
        wait_for("the refused password", lambda: [
            n for n in shown_labels(dialog) if "refused" in n or "password" in n.lower()])
        if find(dialog, "push button", "Add").getState().contains(pyatspi.STATE_SENSITIVE):
            raise Failure("Add can be pressed after a failed test")
        type_at("p", PASSWORD)
        click(wait_for("Test", lambda: find(dialog, "push button", "Test")))
        wait_for("the calendar found", lambda: find(dialog, "label", "Found 1 calendar; Add follows it"))
        wait_for("the calendar's name", lambda: find(dialog, "label", "Planeringsmöten"))
        add = find(dialog, "push button", "Add")
        wait_for("Add to be sensitive", lambda: add.getState().contains(pyatspi.STATE_SENSITIVE))
        click(add)
        wait_for("the dialog to close", lambda: find_window(window.app, "Add Account") is None)
        print("ok 1 - Add Account: a wrong password is refused clearly; Test finds the calendar; "
              "Add adds it", flush=True)

        # The source and its calendar, followed.
        follow = wait_for("the calendar's Follow switch",
                          lambda: find_any(prefs, ("switch", "toggle button", "check box"),
                                           "Follow Planeringsmöten"))
        if not follow.getState().contains(pyatspi.STATE_CHECKED):
            click(follow)
            wait_for("the calendar followed",
                     lambda: follow.getState().contains(pyatspi.STATE_CHECKED))
        if db_value(db, "SELECT count(*) FROM sync_calendars WHERE following = 1") != 1:
            raise Failure("the database does not follow exactly one calendar")

        # The password: not in the database (nor its WAL), in the keyring or
        # a 0600 file.
        for path in (db, db + "-wal"):
            if os.path.exists(path):
                with open(path, "rb") as f:
                    if PASSWORD.encode() in f.read():
                        raise Failure(f"the password is in {os.path.basename(path)}")
        password_file = db_value(db, "SELECT password_file FROM sync_sources")
        keyed = {"url": db_value(db, "SELECT url FROM sync_sources"),
                 "user": db_value(db, "SELECT user FROM sync_sources")}
        if keyring is not None:
            if password_file is not None:
                raise Failure(f"a keyring runs, but the password went to {password_file}")
            if keyring.lookup(keyed) != PASSWORD:
                raise Failure(f"the keyring has no password for {keyed}")
            print("# the password is in the test's gnome-keyring", flush=True)
        elif password_file is None:
            print("# another Secret Service on this bus kept the password", flush=True)
        else:
            if not password_file.startswith(os.path.join(data_home, "resfri", "passwords")):
                raise Failure(f"the password went to {password_file}")
            mode = stat.S_IMODE(os.stat(password_file).st_mode)
            if mode != 0o600:
                raise Failure(f"the password file has mode {mode:o}, not 600")
            print("# no keyring in this session: the password is in a 0600 file", flush=True)

        # Sync Now, from the page: the window's bar, then its toast.
        click(wait_for("Sync Now", lambda: find(prefs, "push button", "Sync Now")))
        wait_for("the sync's toast", lambda: find_toast(
            window, "label", lambda name: name.startswith("Synced: 1 added")))
        wait_for("the last sync shown", lambda: [
            n for n in walk(prefs) if n.roleName == "label" and "last sync 2" in (n.name or "")])
        print("ok 2 - Sync Now syncs the followed calendar and says what it added", flush=True)

        click(wait_for("the preferences' close button", lambda: find(prefs, "push button", "Close")))
        wait_for("the preferences to close", lambda: find_window(window.app, "Preferences") is None)

        # Meetings: search for the meeting from the server.
        click(window.wait_shown("page tab", "Meetings"))
        wait_for("the week", lambda: [n for n in shown_labels(window.frame)
                                      if n.startswith("Week ")])
        rawinput.keyCombo("<Control>f")
        wait_focus(window.frame, "the search")
        rawinput.typeText("synkmöte")
        window.wait_shown("label", SUMMARY)
        print("ok 3 - Meetings shows the meeting from the server", flush=True)

        # Rooms: its room reservation (spec/sync.md, "Reservations that the
        # calendar already holds"), when the core has them.
        bookings = subprocess.run([cli, "--db", db, "bookings", "--format", "json"],
                                  capture_output=True, text=True)
        try:
            entries = json.loads(bookings.stdout) if bookings.returncode == 0 else []
        except ValueError:
            entries = []
        if isinstance(entries, dict):
            entries = entries.get("bookings", [])
        if not any(isinstance(e, dict) and "source" in e for e in entries):
            print("ok 4 # SKIP the core has no calendar reservations yet (bookings has no "
                  "“source”); enable this check when they are merged", flush=True)
        else:
            # The timeline's description names the week's bookings: room,
            # times and meeting.
            # On a Saturday or a Sunday Rooms opens on the next Monday: its
            # week is then the one after the meeting's.
            click(window.wait_shown("page tab", "Rooms"))
            click(window.wait_shown("push button", "Week"))
            if datetime.datetime.now().weekday() >= 5:
                shown = wait_for("Rooms' week", lambda: [
                    n for n in shown_labels(window.frame) if n.startswith("Week ")])[0]
                click(window.wait_shown("push button", "Previous"))
                wait_for("the week before", lambda: [
                    n for n in shown_labels(window.frame)
                    if n.startswith("Week ") and n != shown])

            def reserved():
                node = find(window.frame, "image", "Room bookings")
                return node is not None and SUMMARY in (node.description or "")
            try:
                wait_for(f"{room_name} reserved in Rooms", reserved)
            except Failure:
                node = find(window.frame, "image", "Room bookings")
                raise Failure(f"Rooms does not show {SUMMARY} in {room_name}: "
                              f"{node.description if node is not None else 'no timeline'}")
            print("ok 4 - Rooms shows the room reservation", flush=True)

        # Remove…: a confirmation that says what happens, then the source,
        # its password file and the meeting only it held are gone.
        rawinput.keyCombo("<Control>comma")
        prefs = wait_for("the preferences", lambda: find_window(window.app, "Preferences"))
        click(wait_for("the Calendars page", lambda: find_any(
            prefs, ("page tab", "push button", "toggle button", "radio button"), "Calendars")))
        click(wait_for("Remove", lambda: find(prefs, "push button", f"Remove {server.url}")))

        def confirmation():
            for child in window.app.children:
                if child is not None and find(child, "label", "Remove the Account?") is not None:
                    return child
            return None
        confirm = wait_for("the confirmation", confirmation)
        wait_for("what happens", lambda: [n for n in shown_labels(confirm)
                                          if "meetings only its calendars held are removed" in n])
        # libadwaita 1.2 names its response buttons "_Remove Remove".
        click(wait_for("the remove button", lambda: [
            n for n in walk(confirm)
            if n.roleName == "push button" and n.name.endswith("Remove")][0]))
        wait_for("no accounts", lambda: find(prefs, "label", "No accounts yet"))
        if db_value(db, "SELECT count(*) FROM sync_sources") != 0:
            raise Failure("the source is still in the database")
        if db_value(db, "SELECT count(*) FROM meetings WHERE uid = ?",
                    "resfri-ui-sources-1@example.org") != 0:
            raise Failure("the meeting only the source held is still there")
        if password_file is not None and os.path.exists(password_file):
            raise Failure("the password file is still there")
        if keyring is not None and keyring.lookup(keyed) is not None:
            raise Failure("the password is still in the keyring")
        click(wait_for("the preferences' close button", lambda: find(prefs, "push button", "Close")))
        wait_for("the preferences to close", lambda: find_window(window.app, "Preferences") is None)
        print("ok 5 - Remove… asks, then the source, its password and its meeting are gone",
              flush=True)

        if PASSWORD in window.log():
            raise Failure("the password is in the app's output")
        window.close()
    finally:
        if window is not None:
            window.kill()
        if keyring is not None:
            keyring.stop()
        server.stop()


def main():
    return run_tests(5, [test_sources], "resfri ui & <sources>-")


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/python3
# tests/ui/test-meeting-actions.py: the actions of the Meetings view, driven
# through AT-SPI (dogtail): loan items booked for the remote attendees of a
# non-compliant occurrence, a booking cancelled and the cancellation undone,
# a meeting made a web meeting, the meeting exported as .ics, a room whose
# booking meets another one made meanwhile (the conflict toast names it),
# and the window closed while a booking runs.
#
# Bookings run on a worker thread (they may wait for the server's lease).
# RESFRI_TEST_BOOKING_GATE holds each booking job until a file exists, so
# the test sees the button say "Booking…" and the window answer meanwhile,
# then opens the gate: states, never a fixed wait.
#
# Copyright 2026 The Resfri authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
#   test-meeting-actions.py PATH/TO/resfri
#
# Exit status 77 (a skip for meson) only when AT-SPI cannot work (see
# resfri_ui.py); everything after that is a pass or a failure.

import glob
import os
import re
import sqlite3
import subprocess
import sys

from resfri_ui import *  # noqa: E402,F401,F403 (skips when AT-SPI cannot work)

VERDICTS = ("Travel-free", "Local", "Exempt", "Non-compliant", "Unknown")
BOOKED = re.compile(r"^(\d+) items? booked")


def badges(window):
    return [n.name for n in walk(window.frame)
            if n.roleName == "label" and n.name in VERDICTS and is_shown(n)
            and n.parent is not None and n.parent.roleName == "table cell"]


def selected_summary(window):
    """The selected meeting's title, just above its time."""
    labels = shown_labels(window.frame)
    return labels[labels.index("Time") - 1] if "Time" in labels else None


def shown_buttons(root, prefix):
    return [n for n in walk(root)
            if n.roleName == "push button" and n.name.startswith(prefix) and is_shown(n)]


def find_in_app(window, role, predicate):
    for child in window.app.children:
        if child is None:
            continue
        for node in walk(child):
            if node.roleName == role and predicate(node):
                return node
    return None


def busy_button(window, prefix):
    """The insensitive button whose name starts with @prefix ("Booking…")."""
    return [n for n in shown_buttons(window.frame, prefix) if not n.sensitive]


def idle_button(window, name):
    """The button @name, back and sensitive."""
    return [n for n in shown_buttons(window.frame, name) if n.name == name and n.sensitive]


def open_gate(gate):
    with open(gate, "w"):
        pass


def close_gate(gate):
    if os.path.exists(gate):
        os.unlink(gate)


def item_bookings(db):
    with sqlite3.connect(db) as conn:
        rows = conn.execute("SELECT b.id, b.uid, b.recurrence_id, e.tag FROM bookings b"
                            " JOIN equipment e ON e.id = b.equipment_id ORDER BY b.id").fetchall()
    conn.close()
    return rows


def test_actions(program, folder):
    db = os.path.join(folder, "demo.db")
    cli = find_cli(program)
    result = subprocess.run([cli, "--db", db, "demo", "--employees", "60"],
                            capture_output=True, text=True)
    if result.returncode != 0:
        raise Failure(f"resfri-cli demo failed: {result.stderr.strip()}")
    # Two more loan headsets at every site: whoever lacks one gets one.
    with sqlite3.connect(db) as conn:
        sites = [row[0] for row in conn.execute("SELECT code FROM sites ORDER BY code")]
    conn.close()
    for site in sites:
        for n in (1, 2):
            result = subprocess.run([cli, "--db", db, "inventory", "add", "--tag",
                                     f"UI-{site}-{n}", "--type", "headset", "--site", site],
                                    capture_output=True, text=True)
            if result.returncode != 0:
                raise Failure(f"inventory add failed: {result.stderr.strip()}")

    export_dir = os.path.join(folder, "export")
    os.mkdir(export_dir)
    gate = os.path.join(folder, "booking-gate")
    window = Resfri(program, db, extra_env={"RESFRI_TEST_EXPORT_DIR": export_dir,
                                            "RESFRI_TEST_BOOKING_GATE": gate})
    try:
        click(window.wait_shown("page tab", "Meetings"))
        wait_for("the week", lambda: [n for n in shown_labels(window.frame)
                                      if n.startswith("Week ")])

        go_to_week_with(window, badges, "Non-compliant")

        # Only the non-compliant meetings; the first is selected.
        choose(window, "Verdict", 4)
        wait_for("only non-compliant meetings",
                 lambda: badges(window) and all(b == "Non-compliant" for b in badges(window)))

        # 1. Loan items for the remote attendees.
        before = item_bookings(db)
        click(window.wait_shown("push button", "Book Loan Items"))
        # The job waits at the gate: the button says so, and the window
        # answers meanwhile (AT-SPI is answered on its main thread): the
        # other actions are there to use.
        wait_for("Book Loan Items to say it is booking", lambda: busy_button(window, "Booking…"))
        wait_for("the other actions usable", lambda: idle_button(window, "Add Meeting Link…")
                 and idle_button(window, "Book Room…"))
        if item_bookings(db) != before:
            raise Failure("loans were booked before the gate opened")
        open_gate(gate)
        wait_for("Book Loan Items back", lambda: idle_button(window, "Book Loan Items"))
        new = wait_for("new loans in the database",
                       lambda: [row for row in item_bookings(db) if row not in before])
        toast = wait_for("the loan toast", lambda: find_toast(
            window, "label",
            lambda name: BOOKED.match(name) or name.startswith("Every remote attendee"))).name
        match = BOOKED.match(toast)
        if match is None or int(match.group(1)) == 0:
            raise Failure(f"no loan item booked: “{toast}”")
        if len(new) != int(match.group(1)):
            raise Failure(f"the toast says “{toast}” but {len(new)} bookings were added")
        uid, rid = new[0][1], new[0][2]
        tag = new[0][3]
        # The organiser has no attendee row: some loan is on an attendee's.
        tags = [row[3] for row in new]
        wait_for("a loan on an attendee row", lambda: [
            l for l in shown_labels(window.frame)
            if "Loan: " in l and any(t in l for t in tags)])
        cancel = wait_for("the booking listed", lambda: shown_buttons(
            window.frame, f"Cancel the Booking of {tag} "))[0]
        print(f"ok 1 - {toast}; {tag} is listed with a Cancel button", flush=True)

        # 2. Cancel it, then Undo. The detail pane rebuilds its bookings
        # when the window reads the database again after the loans were
        # written: the Cancel button found above may be gone by now.
        def idle_cancel():
            return next((n for n in shown_buttons(window.frame, f"Cancel the Booking of {tag} ")
                         if n.sensitive), None)
        click(cancel)
        click_until("the booking cancelled in the database", idle_cancel,
                    lambda: not any(row[3] == tag and row[1] == uid for row in item_bookings(db)))
        # The toast lasts 5 s: its text and its Undo button are read at once,
        # and the button is clicked straight away.
        def cancel_toast():
            said = find_toast(window, "label", lambda name: name.startswith(f"Booking of {tag} ")
                              and name.endswith("cancelled"))
            return said and find_toast(window, "push button", lambda name: "Undo" in name)
        click(wait_for("the cancel toast and its Undo button", cancel_toast))
        wait_for("the booking back in the database",
                 lambda: any(row[3] == tag and row[1] == uid for row in item_bookings(db)))
        wait_for("the booking listed again", lambda: shown_buttons(
            window.frame, f"Cancel the Booking of {tag} "))
        if not any(row[3] == tag and row[1] == uid and row[2] == rid
                   for row in item_bookings(db)):
            raise Failure("the undo did not book the item again")
        print("ok 2 - the booking is cancelled and the Undo books it again", flush=True)

        # 3. A web meeting: the verdict changes. All verdicts first, so that
        # the occurrence stays in the list.
        selected = wait_for("the selected meeting", lambda: selected_summary(window))
        choose(window, "Verdict", -4)
        wait_for(f"“{selected}” still selected", lambda: selected_summary(window) == selected)
        click(window.wait_shown("push button", "Add Meeting Link…"))
        entry = wait_for("the link entry", lambda: find_in_app(
            window, "text", lambda n: n.name == "Meeting Link"))
        # Written through AT-SPI, as the click below: the click cannot
        # overtake the text, as it could overtake typed keys.
        if not entry.queryEditableText().setTextContents("https://meet.example.se/ui-test"):
            raise Failure("cannot write the meeting link")
        add = wait_for("the Add Link button", lambda: find_in_app(
            window, "push button", lambda n: n.name.endswith("Add Link")))
        click(add)
        wait_for("the web meeting toast", lambda: find_toast(
            window, "label", lambda name: name == "It is now a web meeting"))
        url = db_value(db, "SELECT online_url FROM meetings WHERE uid = ? AND recurrence_id = ?",
                       uid, rid)
        if url != "https://meet.example.se/ui-test":
            with sqlite3.connect(db) as conn:
                linked = conn.execute("SELECT uid, recurrence_id FROM meetings"
                                      " WHERE online_url LIKE '%ui-test%'").fetchall()
            conn.close()
            raise Failure(f"the stored occurrence {uid} {rid} has online link {url!r};"
                          f" linked: {linked}")
        window.wait_shown("label", "Travel-free")
        wait_for("the Travel-free verdict in the detail", lambda: [
            n for n in walk(window.frame) if n.roleName == "label" and n.name == "Travel-free"
            and is_shown(n) and (n.parent is None or n.parent.roleName != "table cell")])
        print("ok 3 - the meeting is now a web meeting and travel-free", flush=True)

        # 4. Export as .ics (RESFRI_TEST_EXPORT_DIR: no file chooser).
        click(window.wait_shown("push button", "Export as .ics…"))
        wait_for("the export toast", lambda: find_toast(
            window, "label", lambda name: name.startswith("Exported to ")))
        files = glob.glob(os.path.join(export_dir, "*.ics"))
        if len(files) != 1:
            raise Failure(f"expected one .ics file, found {files}")
        result = subprocess.run([cli, "expand", files[0], "--from", "2000-01-01",
                                 "--to", "2100-01-01"], capture_output=True, text=True)
        if result.returncode != 0:
            raise Failure(f"the export does not parse: {result.stderr.strip()}")
        lines = [l.split("\t") for l in result.stdout.splitlines()]
        if not lines or any(l[0] != uid for l in lines):
            raise Failure("the export holds other meetings or none")
        if not any(l[1] == rid for l in lines):
            raise Failure("the export lacks the occurrence")
        with open(files[0], encoding="utf-8") as f:
            text = f.read()
        if "meet.example.se/ui-test" not in text.replace("\r\n ", ""):
            raise Failure("the export lacks the meeting link")
        print(f"ok 4 - the meeting is exported ({len(lines)} occurrences) and parses", flush=True)

        # 5. A room, taken by resfri-cli while our booking waits: the
        # conflict toast names the booking in the way.
        close_gate(gate)
        click(window.wait_shown("push button", "Book Room…"))
        book = wait_for("a free room", lambda: find_in_app(
            window, "push button", lambda n: n.name.startswith("Book ")
            and n.name not in ("Book Room…", "Book Loan Items") and not n.name.startswith("Booking")))
        # GTK 4.8 adds the visible label to the accessible name: "Book X Book".
        room = book.name[len("Book "):]
        if room.endswith(" Book"):
            room = room[:-len(" Book")]
        click(book)
        wait_for("Book Room… to say it is booking", lambda: busy_button(window, "Booking…"))
        args = [cli, "--db", db, "book", "room", room, "--uid", uid] + \
            (["--recurrence-id", rid] if rid else [])
        result = subprocess.run(args, capture_output=True, text=True)
        if result.returncode != 0:
            raise Failure(f"resfri-cli book room failed: {result.stderr.strip()}")
        taken = db_value(db, "SELECT b.id FROM bookings b JOIN rooms r ON r.id = b.room_id"
                         " WHERE b.uid = ? AND b.recurrence_id = ?", uid, rid)
        open_gate(gate)
        toast = wait_for("the conflict toast", lambda: find_toast(
            window, "label", lambda name: name.startswith("Cannot book the room: "))).name
        if f"booking {taken}" not in toast:
            raise Failure(f"the conflict toast does not name booking {taken}: “{toast}”")
        wait_for("Book Room… back", lambda: idle_button(window, "Book Room…"))
        if db_value(db, "SELECT count(*) FROM bookings WHERE room_id IS NOT NULL"
                    " AND uid = ? AND recurrence_id = ?", uid, rid) != 1:
            raise Failure("the room is booked twice, or not at all")
        print(f"ok 5 - a room booked meanwhile by resfri-cli: “{toast}”", flush=True)

        # 6. The window closed while a booking job runs: the application
        # waits for the job (it stays while the job is held at the gate)
        # and then exits cleanly; nothing touches the closed window.
        close_gate(gate)
        click(window.wait_shown("push button", "Book Loan Items"))
        wait_for("Book Loan Items to say it is booking", lambda: busy_button(window, "Booking…"))
        click(window.wait_shown("push button", "Close"))
        wait_for("the window gone", lambda: find(window.app, "frame", "Resfri") is None)
        window.check_running("while its booking job waits")
        open_gate(gate)
        try:
            status = window.wait(TIMEOUT)
        except subprocess.TimeoutExpired:
            raise Failure("resfri did not exit once its booking job was done")
        if status != 0:
            raise Failure(f"resfri exited with status {status} after its window closed")
        print("ok 6 - the window closed while a booking job ran: resfri waited for it and exited"
              " cleanly",
              flush=True)
    except Exception:
        print(f"# resfri: status {window.poll()}", flush=True)
        if os.environ.get("RESFRI_TEST_SHOT"):
            subprocess.run(["import", "-window", "root", os.environ["RESFRI_TEST_SHOT"]])
        raise
    finally:
        window.kill()


def main():
    return run_tests(6, [test_actions],
                     "resfri ui meeting-actions-")


if __name__ == "__main__":
    sys.exit(main())

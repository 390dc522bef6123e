#!/usr/bin/python3
# tests/ui/test-composer-close.py: a filled-in New Meeting window is never
# lost. Escape on an untouched window closes it; on one with a title it asks
# "Save Changes?", and so does its close button (Cancel keeps the window and
# its title, Discard closes it, nothing stored); Make It Travel-Free's Undo restores the room and drops
# the link; Save from the dialog stores the meeting as the form shows it and
# closes the window; the Meetings view keeps its selected meeting; quitting
# asks too, and the main window stays open meanwhile.
#
# Copyright 2026 The Resfri authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
#   test-composer-close.py PATH/TO/resfri
#
# Runs under `xvfb-run -a dbus-run-session` (build-aux/test).
# RESFRI_UI_SHOTS=DIR saves a screenshot of the dialog there.

import datetime
import importlib.util
import json
import os
import re
import subprocess
import sys

from resfri_ui import *  # noqa: E402,F401,F403 (skips when AT-SPI cannot work)


def load(name, path):
    spec = importlib.util.spec_from_file_location(
        name, os.path.join(os.path.dirname(os.path.abspath(__file__)), path))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# The other tests' helpers: the composer's (cli, type_into, verdict,
# pick_people), the Meetings view's (badges).
steps = load("composer_steps", "test-composer.py")
meetings = load("meetings_steps", "test-meetings.py")


def any_badges(window):
    return ["any"] if meetings.badges(window) else []


def detail(window):
    """The selected meeting's title and the date of its time row."""
    labels = shown_labels(window.frame)
    if "Time" not in labels:
        return None
    i = labels.index("Time")
    for label in labels[i + 1:i + 4]:
        m = re.search(r"\d{4}-\d{2}-\d{2}", label or "")
        if m:
            return labels[i - 1], m.group(0)
    return None


def close_dialog(app):
    """The "Save Changes?" dialog, or None."""
    for child in app.children:
        if child is not None and find(child, "label", "Save Changes?") is not None:
            return child
    return None


def response(dialog, word):
    # libadwaita 1.2 names its response buttons "_Save Save".
    return wait_for(f"the {word} button", lambda: [
        n for n in walk(dialog) if n.roleName == "push button" and n.name.endswith(word)][0])


def shot(name):
    folder = os.environ.get("RESFRI_UI_SHOTS")
    if folder:
        subprocess.run(["import", "-window", "root", os.path.join(folder, name + ".png")])


def entry_text(frame, name):
    """The text of the entry named @name (AT-SPI's Text interface)."""
    node = find(frame, "text", name)
    if node is None:
        return None
    text = node.queryText()
    return text.getText(0, text.characterCount)


def open_composer(window):
    from dogtail import rawinput

    rawinput.keyCombo("<Control>n")
    composer = wait_for("the composer", lambda: find(window.app, "frame", "New Meeting"))
    wait_for("the title entry", lambda: find(composer, "text", "Title"))
    wait_focus(composer, "the composer")
    return composer


def test_close(program, folder):
    from dogtail import rawinput

    db = os.path.join(folder, "demo.db")
    steps.cli(program, db, "demo", "--employees", "60")
    first, second, room, sites = steps.pick_people(program, db)

    window = Resfri(program, db)
    try:
        click(window.wait_shown("page tab", "Meetings"))
        wait_for("the week", lambda: shown_week(window))
        go_to_week_with(window, any_badges, "any")
        # The first meeting of the week is selected (autoselect).
        selected, day = wait_for("the selected meeting", lambda: detail(window))
        monday = datetime.date.fromisoformat(day)
        monday -= datetime.timedelta(days=monday.weekday())

        # An untouched window closes on Escape without asking.
        composer = open_composer(window)
        rawinput.pressKey("Escape")
        wait_for("the untouched composer to close",
                 lambda: find(window.app, "frame", "New Meeting") is None)
        if close_dialog(window.app) is not None:
            raise Failure("closing an untouched New Meeting window asked to save")
        print("ok 1 - an untouched New Meeting window closes on Escape without a dialog",
              flush=True)

        # A title typed: Escape asks; Cancel keeps the window and the title.
        title = "Avstämning " + first["site"]
        composer = open_composer(window)
        steps.type_into(composer, "t", title)
        wait_for("the typed title", lambda: entry_text(composer, "Title") == title)
        rawinput.pressKey("Escape")
        dialog = wait_for("the Save Changes? dialog", lambda: close_dialog(window.app))
        shot("composer-close-dialog")
        click(response(dialog, "Cancel"))
        wait_for("the dialog to close", lambda: close_dialog(window.app) is None)
        if find(window.app, "frame", title) is None or entry_text(composer, "Title") != title:
            raise Failure("Cancel did not keep the New Meeting window with its title")
        print("ok 2 - Escape with a title asks; Cancel keeps the window and the title",
              flush=True)

        # The window's close button asks too (the keyboard focus does not
        # come back on Xvfb without a window manager); Discard: closed,
        # nothing stored.
        click(wait_for("the close button", lambda: find(composer, "push button", "Close")))
        dialog = wait_for("the Save Changes? dialog", lambda: close_dialog(window.app))
        click(response(dialog, "Discard"))
        wait_for("the composer to close", lambda: find(window.app, "frame", title) is None)
        if any(r["summary"] == title for r in json.loads(steps.cli(program, db, "check",
                                                                   "--format", "json"))):
            raise Failure("Discard stored the meeting")
        print("ok 3 - the close button asks; Discard closes the window and stores nothing", flush=True)

        # A meeting on the shown week's Monday, first of the week: in person
        # in a room at the first one's site; the second travels.
        title = "Planering " + first["site"] + " " + second["site"]
        composer = open_composer(window)
        steps.type_into(composer, "t", title)
        steps.type_into(composer, "d", monday.isoformat())
        rawinput.pressKey("Tab")   # the date picker's button
        rawinput.pressKey("Tab")   # the start
        rawinput.keyCombo("<Control>a")
        rawinput.typeText("00:05")
        rawinput.pressKey("Tab")   # the end
        rawinput.keyCombo("<Control>a")
        rawinput.typeText("00:35")
        wait_for("the times typed", lambda: entry_text(composer, "Start Time") == "00:05"
                 and entry_text(composer, "End Time") == "00:35")
        for person in (first, second):
            steps.type_into(composer, "a", person["email"])
            wait_for("the match of " + person["name"],
                     lambda: find(window.app, "label", person["name"]))
            rawinput.pressKey("Return")
            wait_for(person["name"] + " in the attendees",
                     lambda: find(composer, "push button", "Remove " + person["name"]))
        venue_title = room["name"] + ", " + sites[room["site"]]
        steps.type_into(composer, "v", venue_title)
        wait_for("the room's match", lambda: find(window.app, "label", venue_title))
        rawinput.pressKey("Return")
        wait_for("a non-compliant verdict", lambda: steps.verdict(composer) == "Non-compliant")

        # Make It Travel-Free, then Undo: the room is back, the link gone.
        click(wait_for("Make It Travel-Free", lambda: find(composer, "push button",
                                                          "Make It Travel-Free")))
        wait_for("a travel-free verdict", lambda: steps.verdict(composer) == "Travel-free")
        if not entry_text(composer, "Online Link"):
            raise Failure("Make It Travel-Free gave no link")
        undo = wait_for("the Undo button", lambda: find_toast(
            composer, "push button", lambda name: name.endswith("Undo")))
        click(undo)
        wait_for("the verdict as before", lambda: steps.verdict(composer) == "Non-compliant")
        if entry_text(composer, "Online Link") != "" or entry_text(composer, "Venue") != venue_title:
            raise Failure("Undo did not restore the venue and the link: venue "
                          f"{entry_text(composer, 'Venue')!r}, link "
                          f"{entry_text(composer, 'Online Link')!r}")
        print("ok 4 - Undo of Make It Travel-Free restores the room and drops the link",
              flush=True)

        # Ctrl+W asks too; Save stores the meeting as it is and closes.
        wait_focus(composer, "the composer")
        rawinput.keyCombo("<Control>w")
        dialog = wait_for("the Save Changes? dialog", lambda: close_dialog(window.app))
        click(response(dialog, "Save"))
        wait_for("the composer to close", lambda: find(window.app, "frame", title) is None)
        rows = [r for r in json.loads(steps.cli(program, db, "check", "--format", "json"))
                if r["summary"] == title]
        if len(rows) != 1 or rows[0]["mode"] != "in_person" or rows[0]["venue_site"] != room["site"]:
            raise Failure("Save from the dialog did not store the meeting as shown: " + repr(rows))
        print("ok 5 - Ctrl+W asks; Save stores the meeting (in person, as undone) and closes",
              flush=True)

        # The main window shows the new meeting, and its selection stayed.
        wait_for("the new meeting in the Meetings list",
                 lambda: find(window.frame, "label", title) is not None)
        now = wait_for("the selected meeting", lambda: detail(window))
        if now[0] != selected:
            raise Failure(f"the Meetings view selected “{now[0]}” after the save, not “{selected}”")
        print("ok 6 - the Meetings view keeps its selected meeting after the save", flush=True)

        # Quitting with a filled-in New Meeting window asks too, and the
        # main window (which would take it along) stays open meanwhile.
        title = "Uppföljning " + first["site"]
        composer = open_composer(window)
        steps.type_into(composer, "t", title)
        wait_for("the typed title", lambda: entry_text(composer, "Title") == title)
        rawinput.keyCombo("<Control>q")
        dialog = wait_for("the Save Changes? dialog", lambda: close_dialog(window.app))
        window.check_running("after Ctrl+Q with a filled-in New Meeting window")
        if find(window.app, "frame", "Resfri") is None:
            raise Failure("the main window closed while the New Meeting window asked")
        click(response(dialog, "Discard"))
        wait_for("the composer to close", lambda: find(window.app, "frame", title) is None)
        print("ok 7 - Ctrl+Q asks first; the main window stays open meanwhile", flush=True)
        window.close()
    finally:
        window.kill()


def main():
    return run_tests(7, [test_close], "resfri ui composer-close-")


if __name__ == "__main__":
    sys.exit(main())

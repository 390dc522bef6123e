#!/usr/bin/python3
# tests/ui/test-window.py: drives the resfri window through AT-SPI (dogtail).
#
# Copyright 2026 The Resfri authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
#   test-window.py PATH/TO/resfri
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

import os
import re
import sqlite3
import subprocess
import sys

from resfri_ui import *  # noqa: E402,F401,F403 (skips when AT-SPI cannot work)


def fill_database(db):
    """A few rows, written straight into the schema the application made."""
    with sqlite3.connect(db) as conn:
        conn.execute("PRAGMA foreign_keys = ON")
        conn.executemany("INSERT INTO units (id, name, path, parent_id) VALUES (?, ?, ?, ?)",
                         [(1, "Kommunstyrelsen", "Kommunstyrelsen", None),
                          (2, "IT", "Kommunstyrelsen/IT", 1)])
        conn.executemany("INSERT INTO sites (id, code, name, latitude, longitude)"
                         " VALUES (?, ?, ?, ?, ?)",
                         [(1, "RH", "Rådhuset", 59.33, 18.06),
                          (2, "FS", "Förvaltningshuset", 59.86, 17.64)])
        conn.executemany("INSERT INTO people (email, name, unit_id, site_id, role)"
                         " VALUES (?, ?, ?, ?, ?)",
                         [("anna@example.se", "Anna", 1, 1, "employee"),
                          ("bo@example.se", "Bo", 2, 2, "employee"),
                          ("cecilia@example.se", "Cecilia", 1, 2, "politician")])
    conn.close()


def test_empty(program, folder):
    db = os.path.join(folder, "resfri.db")
    window = Resfri(program, db)
    try:
        title = window.wait_shown("label", "Welcome to Resfri")
        subtitle = window.wait_shown("label", "resfri.db")  # the subtitle
        # libadwaita's stylesheet draws a status page's title twice as large
        # as its subtitle; without it (as when $GTK_THEME was left set while
        # libadwaita started) both are the same plain text.
        wait_for("the title drawn larger than its subtitle (libadwaita's stylesheet)",
                 lambda: title.size[1] >= 1.5 * subtitle.size[1] > 0)
        window.wait_shown("push button", "Main Menu")
        # The first-run page sends nobody to a terminal (tests/ui/test-first-run.py
        # drives its buttons).
        window.wait_shown("push button", "Try the Demo Municipality")
        if [n for n in walk(window.frame)
                if n.roleName == "label" and "resfri-cli" in n.name and is_shown(n)]:
            raise Failure("the first-run page still sends people to resfri-cli")
        window.check_not_shown("list item", "People")
        window.close()
    finally:
        window.kill()

    if not os.path.exists(db):
        raise Failure("the database was not created")
    print("ok 1 - empty database: window, empty page, close")


def test_counts(program, folder):
    db = os.path.join(folder, "resfri.db")
    fill_database(db)

    window = Resfri(program, db, extra_env={"RESFRI_DEBUG_STARTUP": "1"})
    try:
        # The Overview, then the counts on Preferences' General page.
        window.wait_shown("label", "Your Meetings")
        window.check_not_shown("label", "Welcome to Resfri")
        # The counts came before the first frame (or after it, on a slow
        # run): either way that frame shows a page whole, not the start of
        # a crossfade that left the content area empty.
        first = wait_for("the first frame's page in resfri's log",
                         lambda: re.search(r"first frame shows the page '(\w+)'(.*)", window.log()))
        if first.group(2):
            raise Failure(f"the first frame showed the page {first.group(1)}{first.group(2)}")
        expected = {"Units": "2", "Sites": "2", "People": "3", "Rooms": "0",
                    "Equipment items": "0", "Meetings": "0", "Occurrences": "0",
                    "Bookings": "0", "Exemptions": "0"}
        counts = preferences_counts(window, list(expected))
        for title, count in expected.items():
            description, labels = counts[title]
            if description != count or labels != [count]:
                raise Failure(f"the {title} row shows {description!r}, {labels}, not {count!r}")
        if f"Stored in {db}" not in counts["Stored in"]:
            raise Failure(f"the database's path reads {counts['Stored in']}")
        window.close()
    finally:
        window.kill()
    print("ok 2 - filled database: the Overview, and the counts in Preferences")


def test_foreign_file(program, folder):
    db = os.path.join(folder, "other & <notes>.db")
    with sqlite3.connect(db) as conn:
        conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)")
    conn.close()
    before = open(db, "rb").read()

    window = Resfri(program, db)
    try:
        window.wait_shown("label", "Not a Resfri Database")
        wait_for("the explanation", lambda: [
            n for n in walk(window.frame) if n.roleName == "label"
            and n.name.startswith("“other & <notes>.db” belongs to another program")
            and is_shown(n)])
        window.check_not_shown("list item", "People")
        window.close()
    finally:
        window.kill()

    if open(db, "rb").read() != before:
        raise Failure("the foreign file was changed")
    print("ok 3 - a foreign sqlite file: explained, not changed")


def test_newer_schema(program, folder):
    db = os.path.join(folder, "resfri.db")   # made by test_empty
    with sqlite3.connect(db) as conn:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        conn.execute(f"PRAGMA user_version = {version + 1}")
    conn.close()

    window = Resfri(program, db)
    try:
        window.wait_shown("label", "Made by a Newer Resfri")
        window.check_not_shown("list item", "People")
        window.close()
    finally:
        window.kill()

    with sqlite3.connect(db) as conn:
        after = conn.execute("PRAGMA user_version").fetchone()[0]
        conn.execute(f"PRAGMA user_version = {version}")
    conn.close()
    if after != version + 1:
        raise Failure("the newer database was changed")
    print("ok 4 - a database of a newer Resfri: explained, not changed")


def test_database_choice(program, folder):
    """--db, else $RESFRI_DB, as resfri-cli does."""
    from_env = os.path.join(folder, "from-env.db")
    from_option = os.path.join(folder, "from-option.db")

    window = Resfri(program, from_option, {"RESFRI_DB": from_env})
    try:
        window.wait_shown("label", "from-option.db")
        window.close()
    finally:
        window.kill()
    if os.path.exists(from_env):
        raise Failure("--db did not take precedence over $RESFRI_DB")

    window = Resfri(program, None, {"RESFRI_DB": from_env})
    try:
        window.wait_shown("label", "from-env.db")
        window.close()
    finally:
        window.kill()
    if not os.path.exists(from_env):
        raise Failure("$RESFRI_DB was not used")
    print("ok 5 - --db, then $RESFRI_DB")


def read_keyfile(path):
    values = {}
    if os.path.exists(path):
        for line in open(path, encoding="utf-8"):
            if "=" in line:
                key, value = line.strip().split("=", 1)
                values[key] = value
    return values


def test_window_size(program, folder):
    """The size is saved on close and restored at start (GSettings keyfile
    backend in a private folder, so nothing of the user's is touched)."""
    config_home = os.path.join(folder, "config")
    keyfile = os.path.join(config_home, "glib-2.0", "settings", "keyfile")
    env = {"GSETTINGS_BACKEND": "keyfile", "XDG_CONFIG_HOME": config_home}
    db = os.path.join(folder, "resfri.db")

    window = Resfri(program, db, env)
    try:
        window.close()
    finally:
        window.kill()
    saved = read_keyfile(keyfile)
    if saved.get("window-width") != "1200" or saved.get("window-height") != "800":
        raise Failure(f"the default size was not saved: {saved}")

    with open(keyfile, "w", encoding="utf-8") as f:
        f.write("[se/resfri/Resfri]\nwindow-width=900\nwindow-height=650\n"
                "window-maximized=false\n")
    window = Resfri(program, db, env)
    try:
        # The frame excludes the few pixels of the client-side border.
        width, height = wait_for("the restored size",
                                 lambda: (lambda s: s if abs(s[0] - 900) <= 20 and
                                          abs(s[1] - 650) <= 20 else None)(window.frame.size))
        window.close()
    finally:
        window.kill()
    saved = read_keyfile(keyfile)
    if saved.get("window-width") != "900" or saved.get("window-height") != "650":
        raise Failure(f"the size was not kept: {saved}")
    print("ok 6 - the window size is saved and restored")


def test_demo(program, folder):
    """The views on a small demo: meetings (a week forward, search),
    equipment (an item broken and back), preferences."""
    from dogtail import rawinput

    db = os.path.join(folder, "demo.db")
    result = subprocess.run([find_cli(program), "--db", db, "demo", "--employees", "60"],
                            capture_output=True, text=True)
    if result.returncode != 0:
        raise Failure(f"resfri-cli demo failed: {result.stderr.strip()}")

    window = Resfri(program, db)
    try:
        # Meetings: the week, then the next one.
        click(window.wait_shown("page tab", "Meetings"))
        week = wait_for("the week", lambda: [n for n in shown_labels(window.frame)
                                             if n.startswith("Week ")])[0]
        number = int(week.split()[1].rstrip(","))
        click(window.wait_shown("push button", "Next Week"))
        wait_for(f"the week after {week}", lambda: [
            n for n in shown_labels(window.frame)
            if n.startswith("Week ") and int(n.split()[1].rstrip(",")) in (number + 1, 1)])
        window.wait_shown("label", "Time")          # a meeting is shown in the detail pane

        # Search: a word of the shown meeting's title finds it; nonsense
        # finds nothing. Ctrl+F focuses the search entry.
        labels = shown_labels(window.frame)
        summary = labels[labels.index("Time") - 1]
        words = [w for w in summary.split() if w.isascii() and w.isalpha() and len(w) >= 4]
        if not words:
            raise Failure(f"no plain word to search for in “{summary}”")
        word = max(words, key=len)
        rawinput.keyCombo("<Control>f")
        wait_focus(window.frame, "the search")
        rawinput.typeText("qqqzzz")
        window.wait_shown("label", "No Matching Meetings")
        rawinput.pressKey("Escape")                 # clears the search
        wait_for("the meetings again",
                 lambda: find(window.frame, "label", "No Matching Meetings") is None)
        rawinput.keyCombo("<Control>f")
        wait_focus(window.frame, "the search")
        rawinput.typeText(word.lower())

        def detail_matches():
            labels = shown_labels(window.frame)
            if "Time" not in labels or "No Matching Meetings" in labels:
                return None
            shown = labels[labels.index("Time") - 1:]
            return any(word.lower() in text.lower() for text in shown[:8])
        wait_for(f"a meeting matching “{word}”", detail_matches)

        # Alt+Left goes back a week.
        rawinput.keyCombo("<Alt>Left")
        wait_for(f"{week} again", lambda: week in shown_labels(window.frame))

        # Equipment: the first item, broken and back to OK.
        click(window.wait_shown("page tab", "Equipment"))
        selected = wait_for("the selected item", lambda: [
            n for n in shown_labels(window.frame) if " · " in n and n.split(" · ")[0].isupper()])
        tag = selected[0].split(" · ")[0]
        if db_value(db, "SELECT state FROM equipment WHERE tag = ?", tag) != "ok":
            raise Failure(f"{tag} is not ok at the start")
        click(window.wait_shown("push button", "Broken"))
        wait_for(f"{tag} broken", lambda: db_value(
            db, "SELECT state FROM equipment WHERE tag = ?", tag) == "broken")
        window.wait_shown("label", "Broken")          # the state column
        click(window.wait_shown("push button", "OK"))
        wait_for(f"{tag} ok again", lambda: db_value(
            db, "SELECT state FROM equipment WHERE tag = ?", tag) == "ok")
        actions = db_value(db, "SELECT group_concat (state, ',') FROM (SELECT h.state"
                           " FROM equipment_history h JOIN equipment e ON e.id = h.equipment_id"
                           " WHERE e.tag = ? AND h.action = 'state' ORDER BY h.id)", tag)
        if actions != "broken,ok":
            raise Failure(f"the history of {tag} has the states {actions}, not broken,ok")

        # The people without equipment.
        # GTK 4.8 gives toggle buttons the push button role; the stack
        # switcher's buttons are page tabs.
        click(window.wait_shown("page tab", "Without Headset or Camera"))
        window.wait_shown("label", "Without headset")

        # Preferences (Ctrl+comma): the policy settings.
        rawinput.keyCombo("<Control>comma")

        def preferences():
            for child in window.app.children:
                if child is not None and child.name == "Preferences":
                    return child
            return None
        prefs = wait_for("the preferences", preferences)
        wait_for("the detour factor's entry", lambda: find(prefs, "text", "Detour factor"))
        wait_for("the unit prices", lambda: find(prefs, "label", "Unit Prices"))
        click(wait_for("the preferences' close button",
                       lambda: find(prefs, "push button", "Close")))
        wait_for("the preferences to close", lambda: preferences() is None)

        window.close()
    finally:
        window.kill()
    print("ok 7 - demo: meetings week and search, an item broken and back, preferences")


GOOD_ICS = """BEGIN:VCALENDAR\r
VERSION:2.0\r
PRODID:-//Resfri UI test//EN\r
BEGIN:VEVENT\r
UID:ledning@ui.test\r
DTSTART;TZID=Europe/Stockholm:20261123T090000\r
DTEND;TZID=Europe/Stockholm:20261123T100000\r
RRULE:FREQ=WEEKLY;COUNT=10\r
SUMMARY:Ledningsgrupp\r
LOCATION:Microsoft Teams-möte\r
X-MICROSOFT-SKYPETEAMSMEETINGURL:https://teams.microsoft.com/l/meetup-join/abc\r
END:VEVENT\r
END:VCALENDAR\r
"""

BAD_ICS = """BEGIN:VCALENDAR\r
VERSION:2.0\r
PRODID:-//Resfri UI test//EN\r
BEGIN:VEVENT\r
UID:half@ui.test\r
DTSTART:20261123T090000Z\r
END:VEVENT\r
BEGIN:VEVENT\r
UID:broken@ui.test\r
DTSTART:2026112\r
END:VEVENT\r
END:VCALENDAR\r
"""


def test_import_arguments(program, folder):
    """Calendars named on the command line are imported, each in one
    transaction; a malformed one is refused with FILE:LINE and changes
    nothing."""
    db = os.path.join(folder, "import.db")
    good = os.path.join(folder, "Ledning & <co>.ics")
    bad = os.path.join(folder, "trasig.ics")
    with open(good, "w", encoding="utf-8") as f:
        f.write(GOOD_ICS)
    with open(bad, "w", encoding="utf-8") as f:
        f.write(BAD_ICS)

    window = Resfri(program, db, files=[good, bad])
    try:
        wait_toast(window, "Imported 1 meeting from “Ledning & <co>.ics”")
        # A file with a bad event: the window asks whether to import the
        # others (test-import.py takes them); Cancel imports nothing.
        def dialog():
            for child in window.app.children:
                if child is not None and find(child, "push button", "Import the Valid Events"):
                    return child
            return None
        asked = wait_for("the dialog about trasig.ics", dialog)
        labels = [n.name for n in walk(asked) if n.roleName == "label"]
        if not any("trasig.ics" in label for label in labels) or \
           not any(re.search(r"^\d+: ", label, re.M) for label in labels):
            raise Failure(f"the dialog does not name the file and LINE: what: {labels}")
        click(find(asked, "push button", "Cancel"))
        wait_for("the dialog closed", lambda: dialog() is None)
        wait_for("the Meetings count",
                 lambda: preferences_counts(window, ["Meetings"])["Meetings"][1] == ["1"])
        window.close()
    finally:
        window.kill()

    if db_value(db, "SELECT count(*) FROM occurrences WHERE uid = 'ledning@ui.test'") != 10:
        raise Failure("the weekly meeting's 10 occurrences were not stored")
    if db_value(db, "SELECT count(*) FROM meetings WHERE uid = 'half@ui.test'") != 0:
        raise Failure("half of the malformed file was stored")
    print("ok 8 - calendars on the command line: imported, and one with a bad event not"
          " imported when the dialog is cancelled")


def test_renderer(program, folder):
    """On Mesa's OpenGL on the processor (llvmpipe: Xvfb here), GTK 4.8's GL
    renderer is the slower one and the window draws with cairo; a
    $GSK_RENDERER the user set is kept (resfri-renderer.c)."""
    db = os.path.join(folder, "demo.db")   # test_demo's

    def start(extra_env):
        window = Resfri(program, db, extra_env=dict(extra_env, RESFRI_DEBUG_STARTUP="1"))
        try:
            window.wait_shown("label", "Your Meetings")
            drawn = wait_for("the first frame's renderer in resfri's log",
                             lambda: re.search(r"first frame drawn by (\w+)", window.log()))
            log = window.log()
            window.close()
        finally:
            window.kill()
        return drawn.group(1), log

    drawn, log = start({})
    gl = re.search(r"OpenGL renderer (.*)", log)
    if gl is None:
        raise Failure(f"resfri did not say which OpenGL renderer it found:\n{log}")
    software = gl.group(1).endswith("on the processor: drawing with cairo")
    if software and drawn != "GskCairoRenderer":
        raise Failure(f"OpenGL is {gl.group(1)}, yet the window is drawn by {drawn}")
    if not software and "llvmpipe" in gl.group(1):
        raise Failure(f"llvmpipe was not taken for OpenGL on the processor: {gl.group(1)}")

    drawn_gl, log = start({"GSK_RENDERER": "gl"})
    if "OpenGL renderer" in log:
        raise Failure("resfri looked for a renderer of its own with $GSK_RENDERER set")
    if gl.group(1) != "(none)" and drawn_gl != "GskGLRenderer":
        raise Failure(f"with GSK_RENDERER=gl the window is drawn by {drawn_gl}")
    print(f"ok 9 - OpenGL {gl.group(1)}: drawn by {drawn}; with GSK_RENDERER=gl by {drawn_gl}")


# Markup characters and a space in every path: file names must reach
# the screen as they are, never as Pango markup.
def main():
    return run_tests(9, [test_empty, test_counts, test_foreign_file, test_newer_schema,
                         test_database_choice, test_window_size, test_demo,
                         test_import_arguments, test_renderer],
                     "resfri ui & <test>-")


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/python3
# tests/ui/test-person.py: the Equipment view's People dialog (spec/privacy.md),
# driven through AT-SPI: a person found by the search, Export Personal Data…
# writes their JSON (RESFRI_TEST_EXPORT_DIR stands in for the file chooser),
# Erase Person… says what will happen and, confirmed, takes them out of the
# register and the list.
#
# Copyright 2026 The Resfri authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
#   test-person.py PATH/TO/resfri
#
# Runs under `xvfb-run -a dbus-run-session` (build-aux/test); see
# resfri_ui.py for what AT-SPI needs there. Exit status 77 (a skip) only when
# AT-SPI cannot work.

import json
import os
import subprocess
import sys

from resfri_ui import *  # noqa: E402,F401,F403 (skips when AT-SPI cannot work)


def test_person(program, folder):
    db = os.path.join(folder, "demo.db")
    exports = os.path.join(folder, "exports")
    os.mkdir(exports)
    cli = find_cli(program)
    result = subprocess.run([cli, "--db", db, "demo", "--employees", "60"],
                            capture_output=True, text=True)
    if result.returncode != 0:
        raise Failure(f"resfri-cli demo failed: {result.stderr.strip()}")
    email = db_value(db, "SELECT p.email FROM people p WHERE EXISTS (SELECT 1 FROM equipment e"
                         " WHERE e.owner_id = p.id) ORDER BY p.id LIMIT 1")
    name = db_value(db, "SELECT name FROM people WHERE email = ?", email)
    owned = db_value(db, "SELECT count(*) FROM equipment e JOIN people p ON p.id = e.owner_id"
                         " WHERE p.email = ?", email)

    window = Resfri(program, db, {"RESFRI_TEST_EXPORT_DIR": exports})
    try:
        click(window.wait_shown("page tab", "Equipment"))
        click(window.wait_shown("push button", "People…"))
        people = wait_for("the People dialog", lambda: find_window(window.app, "People"))
        for role, label in (("list", "People"), ("push button", "Export Personal Data…"),
                            ("push button", "Erase Person…")):
            wait_for(f"the {role} “{label}”", lambda: find(people, role, label))

        # The search leaves one person, whom the list selects.
        # A GtkSearchEntry: its text child takes the text.
        search = wait_for("the field “Search People”", lambda: [
            n for n in walk(people) if n.name == "Search People"])[0]
        if not search.queryEditableText().setTextContents(email):
            raise Failure("cannot write in “Search People”")
        wait_for(f"{email} alone in the list", lambda: [
            n for n in shown_labels(find(people, "list", "People")) if f"<{email}>" in n]
            and len([n for n in shown_labels(find(people, "list", "People")) if "<" in n]) == 1)

        click(find(people, "push button", "Export Personal Data…"))
        path = os.path.join(exports, "personal-data.json")
        wait_for("the exported file", lambda: os.path.exists(path) and os.path.getsize(path) > 0)
        with open(path) as f:
            data = json.load(f)
        if data["email"] != email or data["name"] != name:
            raise Failure(f"the export is someone else's: {data['email']}")
        for member in ("equipment", "bookings", "meetings", "occurrences", "calendars"):
            if not isinstance(data.get(member), list):
                raise Failure(f"the export has no list “{member}”")
        if sum(1 for item in data["equipment"] if item["owned"]) != owned:
            raise Failure("the export does not list the person's items")
        print(f"ok 1 - Export Personal Data… wrote the JSON of {email}", flush=True)

        click(wait_for("Erase Person… again sensitive", lambda: (
            lambda b: b if b is not None and b.getState().contains(pyatspi.STATE_SENSITIVE)
            else None)(find(people, "push button", "Erase Person…"))))
        # The message dialog is named by its heading, which names the person.
        confirm = wait_for("the confirmation", lambda: find_window(window.app, f"Erase {name}?"))
        texts = wait_for("the confirmation's text", lambda: [
            n for n in shown_labels(confirm) if "site’s loan pool" in n])
        if not texts[0].startswith(f"{owned} item"):
            raise Failure(f"the confirmation says “{texts[0]}”")
        click(wait_for("the Erase button", lambda: find_button(confirm, "Erase")))
        wait_for(f"{email} out of the register", lambda: db_value(
            db, "SELECT count(*) FROM people WHERE email = ?", email) == 0)
        wait_for(f"{email} out of the list", lambda: not [
            n for n in shown_labels(find(people, "list", "People")) if f"<{email}>" in n])
        if db_value(db, "SELECT count(*) FROM audit_log WHERE action = 'erase'") != 1:
            raise Failure("the erasure is not in the audit log")
        print(f"ok 2 - Erase Person… confirmed: {email} left the register and the list",
              flush=True)
        window.close()
    finally:
        window.kill()


def main():
    return run_tests(2, [test_person], "resfri ui person-")


if __name__ == "__main__":
    sys.exit(main())

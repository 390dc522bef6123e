#!/usr/bin/python3
# tests/ui/test-overview.py: the Overview, driven through AT-SPI (dogtail).
#
# Copyright 2026 The Resfri authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
#   test-overview.py PATH/TO/resfri
#
# A small demo with "now" fixed in its March (RESFRI_NOW): the employee
# card asks who I am; Choose Who You Are… opens Preferences at the e-mail
# address, set to the demo person with the most meetings that need travel
# in the next four weeks (as `resfri-cli check` says); the card then lists
# their meetings and Go to Meeting shows one in Meetings. The politicians'
# card shows the share against the target as `resfri-cli report` computes
# it and the first three opportunities of `resfri-cli opportunities`, and
# one of them leads to Planning; IT's card leads to Gaps & Orders. See
# test-followup.py for what AT-SPI needs under Xvfb.

import collections
import datetime
import json
import os
import subprocess
import sys

from resfri_ui import *  # noqa: E402,F401,F403 (skips when AT-SPI cannot work)
from gi.repository import GLib  # noqa: E402


def cli_json(program, db, env, *args):
    result = subprocess.run([find_cli(program), "--db", db] + list(args) + ["--format", "json"],
                            capture_output=True, text=True, env=dict(os.environ, **env))
    if result.returncode != 0:
        raise Failure(f"resfri-cli {' '.join(args)} failed: {result.stderr.strip()}")
    return json.loads(result.stdout)


def buttons(root, prefix):
    found = []
    for n in walk(root):
        try:
            if n.roleName == "push button" and (n.name or "").startswith(prefix) and is_shown(n):
                found.append(n)
        except GLib.GError:  # dropped while we read it
            pass
    return found


def test_overview(program, folder):
    db = os.path.join(folder, "demo.db")
    result = subprocess.run([find_cli(program), "--db", db, "demo", "--employees", "60"],
                            capture_output=True, text=True)
    if result.returncode != 0:
        raise Failure(f"resfri-cli demo failed: {result.stderr.strip()}")
    year = int(db_value(db, "SELECT value FROM meta WHERE key = 'demo-year'"))
    env = {"RESFRI_NOW": f"{year}-03-02T06:00:00Z", "TZ": "Europe/Stockholm"}

    # The person with the most meetings of the next four weeks that need
    # travel, as organiser.
    start = datetime.datetime(year, 3, 2, 6, 0, tzinfo=datetime.timezone.utc)
    end = start + datetime.timedelta(days=27)
    checked = cli_json(program, db, env, "check", "--from", start.strftime("%Y-%m-%d"),
                       "--to", end.strftime("%Y-%m-%d"))
    mine = collections.defaultdict(set)
    for o in checked:
        when = datetime.datetime.fromisoformat(o["start"].replace("Z", "+00:00"))
        if o["verdict"] == "non_compliant" and o["organizer"] and when >= start:
            mine[o["organizer"]].add(o["summary"])
    if not mine:
        raise Failure("the demo has no meeting that needs travel in the four weeks")
    email = max(mine, key=lambda e: (len(mine[e]), e))

    report = cli_json(program, db, env, "report", "--period", str(year))["total"]
    headline = (f"{report['travel_free_share'] * 100:.1f} % of the "
                f"{report['target_share'] * 100:g} % target")
    opportunities = cli_json(program, db, env, "opportunities", "--period", str(year))
    if isinstance(opportunities, dict):
        opportunities = opportunities.get("opportunities") or opportunities.get("candidates")
    first_three = [o["summary"] for o in opportunities[:3]]

    window = Resfri(program, db, env)
    try:
        # 1. Nobody chosen: the card asks; Preferences opens at the address.
        window.wait_shown("label", "Who are you?")
        click(buttons(window.frame, "Choose Who You Are…")[0])
        prefs = wait_for("the preferences", lambda: find_window(window.app, "Preferences"))
        entry = wait_for("the e-mail address", lambda: find(prefs, "text", "Your E-mail Address"))
        if not entry.queryEditableText().setTextContents(email):
            raise Failure("cannot write the e-mail address")
        click(wait_for("the preferences' close button", lambda: find(prefs, "push button", "Close")))
        wait_for("the preferences to close", lambda: find_window(window.app, "Preferences") is None)
        print(f"ok 1 - who I am: {email}, set in Preferences from the Overview")

        # 2. Their meetings, and Go to Meeting.
        prefix = "Go to Meeting: "
        rows = wait_for("one of their meetings", lambda: [
            b for b in buttons(window.frame, prefix) if b.name[len(prefix):] in mine[email]])
        summary = rows[0].name[len(prefix):]
        if not buttons(window.frame, f"Make Travel-Free…: {summary}"):
            raise Failure(f"“{summary}” has no Convert… button")
        click(rows[0])
        wait_for(f"“{summary}” in Meetings",
                 lambda: not buttons(window.frame, prefix) and
                 summary in shown_labels(window.frame))
        print(f"ok 2 - the employee card lists “{summary}”, and Go to Meeting shows it")

        # 3. The politicians: the share against the target, and the three
        # biggest opportunities, one of them followed to Planning.
        click(window.wait_shown("page tab", "Overview"))
        window.wait_shown("label", headline)
        prefix = "Open in Planning: "
        shown = wait_for("the three opportunities", lambda: (
            lambda b: b if len(b) == len(first_three) else None)(buttons(window.frame, prefix)))
        names = [b.name[len(prefix):] for b in shown]
        if names != first_three:
            raise Failure(f"the opportunities are {names}, resfri-cli's first three {first_three}")
        click(shown[0])
        window.wait_shown("slider", "Target share")
        print(f"ok 3 - the share ({headline}) and the three opportunities; one leads to Planning")

        # 4. IT: to Gaps & Orders.
        click(window.wait_shown("page tab", "Overview"))
        window.wait_shown("label", "Pools short in the next four weeks")
        click(window.wait_shown("push button", "Open Gaps & Orders"))
        window.wait_shown("label", "Order List, Planned")
        print("ok 4 - the IT card leads to Gaps & Orders")
        window.close()
    finally:
        window.kill()


def main():
    return run_tests(4, [test_overview], "resfri overview & <test>-")


if __name__ == "__main__":
    sys.exit(main())

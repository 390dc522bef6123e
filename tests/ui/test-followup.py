#!/usr/bin/python3
# tests/ui/test-followup.py: the Follow-up view, driven through AT-SPI (dogtail).
#
# Copyright 2026 The Resfri authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
#   test-followup.py PATH/TO/resfri
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
import shutil
import sqlite3
import subprocess
import sys
import time

from resfri_ui import *  # noqa: E402,F401,F403 (skips when AT-SPI cannot work)


SHARE = re.compile(r"^\d+\.\d %$")


def shown_share(window):
    """The headline share label ("62.5 %"): the one label of the view that
    is a bare percentage and is described as the travel-free share."""
    for node in walk(window.frame):
        if node.roleName == "label" and SHARE.match(node.name or "") and \
           node.description == "Travel-free share" and is_shown(node):
            return node.name
    return None


def title_period(window):
    """The period of the shown report, from its title "Follow-up 2026 (…)"."""
    for name in shown_labels(window.frame):
        match = re.match(r"^Follow-up (\S+) \(", name or "")
        if match:
            return match.group(1)
    return None


def cli_total(program, db, period):
    result = subprocess.run([find_cli(program), "--db", db, "report", "--period", period,
                             "--format", "json"], capture_output=True, text=True)
    if result.returncode != 0:
        raise Failure(f"resfri-cli report failed: {result.stderr.strip()}")
    return json.loads(result.stdout)["total"]


def cli_months(program, db, period):
    result = subprocess.run([find_cli(program), "--db", db, "report", "--period", period,
                             "--format", "json"], capture_output=True, text=True)
    if result.returncode != 0:
        raise Failure(f"resfri-cli report failed: {result.stderr.strip()}")
    return json.loads(result.stdout)["months"]


def cli_share(program, db, period):
    share = cli_total(program, db, period)["travel_free_share"]
    if share is None:
        raise Failure(f"the demo has no travel-free share for {period}")
    return f"{share * 100:.1f} %"


def wait_share(window, program, db, period):
    """Waits for the report of @period and checks its headline share
    against resfri-cli's."""
    wait_for(f"the report of {period}", lambda: title_period(window) == period)
    expected = cli_share(program, db, period)
    shown = None
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        shown = shown_share(window)
        if shown == expected:
            return shown
        time.sleep(0.2)
    raise Failure(f"the share for {period} is {shown!r}, resfri-cli says {expected!r}")


def set_year(window, year):
    """Sets the year field through its AT-SPI value (GTK 4.8 neither grabs
    focus for AT-SPI nor reports screen positions to click at)."""
    spin = window.wait_shown("spin button", "Year")
    spin.queryValue().currentValue = float(year)


def choose_kind(window, kind):
    """Opens the kind-of-period drop-down and picks @kind with the keyboard:
    the list opens on its first entry, Month."""
    from dogtail import rawinput

    combo = window.wait_shown("combo box", "Kind of period")
    button = wait_for("the drop-down's button",
                      lambda: [n for n in walk(combo) if n.roleName == "push button"])[0]
    click(button)
    kinds = ["Month", "Tertial", "Interim report Jan–Aug", "Year", "Range"]
    wait_for("the list of kinds", lambda: find(window.app, "label", "Interim report Jan–Aug"))
    rawinput.pressKey("Home")
    for _ in range(kinds.index(kind)):
        rawinput.pressKey("Down")
    rawinput.pressKey("Return")
    wait_for(f"“{kind}” chosen",
             lambda: find(combo, "label", kind) is not None and
             find(window.app, "label", "Interim report Jan–Aug") is None)


def test_followup(program, folder):
    db = os.path.join(folder, "demo.db")
    exports = os.path.join(folder, "exports")
    os.mkdir(exports)
    result = subprocess.run([find_cli(program), "--db", db, "demo", "--employees", "60"],
                            capture_output=True, text=True)
    if result.returncode != 0:
        raise Failure(f"resfri-cli demo failed: {result.stderr.strip()}")
    demo_year = int(db_value(db, "SELECT value FROM meta WHERE key = 'demo-year'"))

    # RESFRI_TEST_EXPORT_DIR: exports go there without the file chooser,
    # which cannot be driven reliably under Xvfb.
    # RESFRI_TEST_EXPORT_HOLD: while that file exists, an export waits
    # after each page, for Cancel to come while it is being written.
    hold = os.path.join(folder, "hold-export")
    window = Resfri(program, db, {"RESFRI_TEST_EXPORT_DIR": exports,
                                  "RESFRI_TEST_EXPORT_HOLD": hold})
    try:
        click(window.wait_shown("page tab", "Follow-up"))
        # The demo's year is the one shown first.
        wait_share(window, program, db, str(demo_year))
        table = window.wait_shown("tree table", "Figures per unit")
        for name in ["Unit", "Occurrences", "Travel-free share", "Equipment coverage"]:
            wait_for(f"the column “{name}”", lambda: find(table, "label", name))
        people = window.wait_shown("tree table", "People and travel per employee, per unit")
        for name in ["Unit", "Employees", "Open gaps", "Travel km", "Avoided hours"]:
            wait_for(f"the column “{name}”", lambda: find(people, "label", name))
        # The share against the demo's target (0.8), first.
        window.wait_shown("label", "of the 80 % target")
        # The rest of the figures under Details; the open gaps' card, as
        # resfri-cli counts them.
        click(window.wait_shown("push button", "Details"))
        caption = window.wait_shown("label", "Open gaps: missing headsets and cameras")
        expected = str(cli_total(program, db, str(demo_year))["open_gaps"])
        shown = [child.name for child in caption.parent if child.roleName == "label"]
        if expected not in shown:
            raise Failure(f"the open gaps card shows {shown!r}, resfri-cli says {expected}")
        window.wait_shown("label", "Travel avoided per employee (km)")
        window.wait_shown("label", "Trips under 100 km per employee")
        window.wait_shown("label", "Meetings planned, not yet held")
        print("ok 1 - the follow-up of the demo year, as resfri-cli computes it")

        # The month chart as a table for screen readers: a row per month,
        # the share as resfri-cli has it, and the target.
        click(window.wait_shown("push button", "Travel-free share per month as a table"))
        months = cli_months(program, db, str(demo_year))
        first = next((m for m in months if m["travel_free_share"] is not None), None)
        if first is None:
            raise Failure("the demo year has no month with a share")
        cell = f"{first['travel_free_share'] * 100:.1f} %"
        wait_for(f"the table's cell {cell}", lambda: cell in shown_labels(window.frame))
        wait_for("the target column", lambda: "80.0 %" in shown_labels(window.frame))
        click(window.wait_shown("push button", "Exemptions by reason as a table"))
        window.wait_shown("label", "Needs physical presence")
        print("ok 2 - the charts' figures as tables")

        # Another year (no meetings), then the demo year picked again.
        set_year(window, demo_year - 1)
        wait_for("the year before", lambda: title_period(window) == str(demo_year - 1))
        set_year(window, demo_year)
        wait_share(window, program, db, str(demo_year))
        print("ok 3 - the demo year picked in the year field")

        choose_kind(window, "Month")
        period = wait_for("a month's report",
                          lambda: (lambda p: p if p and re.match(r"^\d{4}-\d\d$", p) else None)(
                              title_period(window)))
        if not period.startswith(f"{demo_year}-"):
            raise Failure(f"the month {period} is not in the demo year {demo_year}")
        wait_share(window, program, db, period)
        print(f"ok 4 - a month ({period}), as resfri-cli computes it")

        click(window.wait_shown("push button", "Export PDF…"))
        path = os.path.join(exports, f"follow-up-{period}.pdf")
        wait_toast(window, f"Exported “follow-up-{period}.pdf”")
        with open(path, "rb") as f:
            if f.read(5) != b"%PDF-":
                raise Failure(f"{path} is not a PDF")
        # The demo's target: the PDF ends with the what-if at it.
        if shutil.which("pdftotext") is not None:
            text = subprocess.run(["pdftotext", "-enc", "UTF-8", path, "-"], capture_output=True,
                                  text=True, check=True).stdout.replace("\n", " ")
            if "What it takes to reach 80.0 % travel-free" not in text:
                raise Failure(f"{path} has no what-if page at the demo's 80 % target")
        print("ok 5 - the month exported as PDF, with the what-if at the target")

        # Cancel on the export's bar while the PDF is being written: neither
        # the file nor its PATH.partial is left.
        os.remove(path)
        partial = path + ".partial"
        with open(hold, "w"):
            pass
        click(window.wait_shown("push button", "Export PDF…"))
        cancel = wait_for("the export's bar", lambda: find(window.frame, "push button",
                                                           "Cancel Export"))
        wait_for("the PDF being written", lambda: os.path.exists(partial))
        click(cancel)
        wait_toast(window, f"Export of “follow-up-{period}.pdf” cancelled; nothing was written")
        os.remove(hold)
        if os.path.exists(path) or os.path.exists(partial):
            raise Failure(f"the cancelled export left {os.listdir(exports)}")
        print("ok 6 - an export cancelled on its bar leaves no file")

        # Print: with RESFRI_TEST_EXPORT_DIR the page goes to print.pdf.
        click(window.wait_shown("push button", "Print"))
        printed = os.path.join(exports, "print.pdf")
        wait_for("the printed page", lambda: os.path.exists(printed) and
                 open(printed, "rb").read(5) == b"%PDF-")
        print("ok 7 - printed (to a PDF file)")
        window.close()
    finally:
        window.kill()


def main():
    return run_tests(7, [test_followup],
                     "resfri followup & <test>-")


if __name__ == "__main__":
    sys.exit(main())

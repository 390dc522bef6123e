#!/usr/bin/python3
# tests/ui/test-sync-cancel.py: Cancel on the window's sync bar (spec/sync.md,
# "progress with Cancel"), driven through AT-SPI (dogtail) against a real
# Radicale behind a small proxy that holds one calendar's requests
# unanswered, like a server that stopped answering: Sync Now, the first
# calendar lands, the bar waits on the second; Cancel
# Sync ends the wait at once, keeps what was synced, records no error on
# the calendar and leaves the window working; Sync Now, once the server
# answers again, brings the rest.
#
# Copyright 2026 The Resfri authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
#   test-sync-cancel.py PATH/TO/resfri
#
# Runs under `xvfb-run -a dbus-run-session` (build-aux/test); see
# resfri_ui.py. Without Radicale the test is skipped.

import datetime
import json
import os
import subprocess
import sys

from resfri_ui import *  # noqa: E402,F401,F403 (skips when AT-SPI cannot work)
from radicale_server import HangingProxy, Radicale

USER = "planner"
PASSWORD = "Avbryt-4711"
FIRST = f"/{USER}/a-first/"
HANGS = f"/{USER}/b-hangs/"


def event(uid, summary, start):
    end = start + datetime.timedelta(hours=1)
    fmt = "%Y%m%dT%H%M%SZ"
    return "\r\n".join([
        "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Resfri UI test//EN",
        "BEGIN:VEVENT", f"UID:{uid}", "DTSTAMP:20260101T000000Z",
        f"DTSTART:{start.strftime(fmt)}", f"DTEND:{end.strftime(fmt)}",
        f"SUMMARY:{summary}", "END:VEVENT", "END:VCALENDAR", ""])


def cli_run(cli, db, *args):
    result = subprocess.run([cli, "--db", db] + list(args), capture_output=True, text=True)
    if result.returncode != 0:
        raise Failure(f"resfri-cli {args[0]} failed: {result.stderr.strip()}")
    return result.stdout


def meetings(db, uid):
    return db_value(db, "SELECT count(*) FROM meetings WHERE uid = ?", uid)


def test_cancel(program, folder):
    from dogtail import rawinput

    db = os.path.join(folder, "cancel.db")
    cli = find_cli(program)
    # No registers: a small window, whose accessible tree is quick to walk.
    start = datetime.datetime.now(datetime.timezone.utc).replace(
        hour=9, minute=0, second=0, microsecond=0) + datetime.timedelta(days=1)

    server = Radicale(folder, USER, PASSWORD)
    proxy = HangingProxy(server.port)
    window = None
    try:
        server.make_calendar(FIRST, "Först")
        server.make_calendar(HANGS, "Hänger")
        server.put(FIRST + "a.ics", event("cancel-a@test", "Före avbrottet", start))
        server.put(HANGS + "b.ics", event("cancel-b@test", "Efter avbrottet", start))

        password_file = os.path.join(folder, "password")
        with open(os.open(password_file, os.O_WRONLY | os.O_CREAT, 0o600), "w") as f:
            f.write(PASSWORD + "\n")
        cli_run(cli, db, "sources", "add", "caldav", proxy.url, "--user", USER,
                "--password-file", password_file)
        listed = json.loads(cli_run(cli, db, "sources", "calendars", "1", "--format", "json"))
        hrefs = [c["href"] for c in (listed.get("calendars", listed) if isinstance(listed, dict)
                                     else listed)]
        for href in (FIRST, HANGS):
            if href not in hrefs:
                raise Failure(f"{href} is not among the account's calendars: {hrefs}")
            # `sources add` follows an account's own calendars: not yet.
            cli_run(cli, db, "sources", "unfollow", "1", href)

        # The window opens on the account without a followed calendar: its
        # sync at start has nothing to wait on. The bar's controls are
        # looked up now, while the window is idle: once a sync waits, the
        # spinner's frames leave a loaded machine's window slow to answer
        # a walk of its whole tree (a minute), not a question to one node.
        window = Resfri(program, db, extra_env={
            "XDG_DATA_HOME": os.path.join(folder, "data"),
            # however loaded the machine, the wait ends by Cancel only
            "RESFRI_TEST_HTTP_TIMEOUT": "3600"})
        cancel = wait_for("Cancel Sync", lambda: find(window.frame, "push button", "Cancel Sync",
                                                      shown=False))
        progress = wait_for("the sync progress", lambda: find(window.frame, "progress bar",
                                                              "Sync progress", shown=False))
        wait_for("Cancel Sync to be off while nothing syncs", lambda: not cancel.sensitive)

        # Both calendars followed; the second never answers. Sync Now.
        for href in (FIRST, HANGS):
            cli_run(cli, db, "sources", "follow", "1", href)
        proxy.hang(HANGS)
        rawinput.keyCombo("<Shift><Control>r")
        wait_for("the sync to wait on the second calendar", lambda: proxy.held > 0)
        wait_for("Cancel Sync to be on", lambda: cancel.sensitive)
        wait_for("the bar to show one of two calendars done",
                 lambda: progress.queryValue().currentValue > 0)
        if meetings(db, "cancel-a@test") != 1:
            raise Failure("the first calendar did not land before the second")

        click(cancel)
        wait_for("the cancellation's toast", lambda: find_toast(
            window, "label", lambda name: name == "Sync cancelled; what was synced is kept"))
        # The bar folds away (GTK 4.8's revealer keeps its child VISIBLE to
        # AT-SPI) and its Cancel turns off with win.cancel-sync.
        wait_for("Cancel Sync to turn off", lambda: not cancel.sensitive)
        if meetings(db, "cancel-a@test") != 1 or meetings(db, "cancel-b@test") != 0:
            raise Failure("the cancelled sync did not keep exactly what it had synced: "
                          f"{meetings(db, 'cancel-a@test')} and {meetings(db, 'cancel-b@test')}")
        errors = db_value(db, "SELECT count(*) FROM sync_calendars WHERE last_error IS NOT NULL")
        if errors != 0:
            raise Failure(f"a cancelled sync recorded {errors} calendar errors")
        # The audit log has the run, with what it synced before it stopped.
        logged = db_value(db, "SELECT detail FROM audit_log WHERE action = 'sync'"
                              " ORDER BY id DESC LIMIT 1")
        if logged != "calendars=2 added=1 changed=0 removed=0 stopped":
            raise Failure(f"the audit log's row of the cancelled sync says “{logged}”")
        window.check_running("after Cancel Sync")
        print("ok 1 - Cancel Sync ends a sync waiting on a silent server, keeps what it synced, "
              "records no error", flush=True)

        # The server answers again: Sync Now brings the rest.
        proxy.release()
        rawinput.keyCombo("<Shift><Control>r")
        wait_for("the sync's toast", lambda: find_toast(
            window, "label", lambda name: name.startswith("Synced: 1 added")))
        if meetings(db, "cancel-b@test") != 1:
            raise Failure("Sync Now after the cancellation did not bring the second calendar")
        print("ok 2 - Sync Now after a cancelled sync brings what it had not reached", flush=True)
        window.close()
    finally:
        if window is not None:
            window.kill()
        proxy.stop()
        server.stop()


def main():
    return run_tests(2, [test_cancel], "resfri ui & <sync-cancel>-")


if __name__ == "__main__":
    sys.exit(main())

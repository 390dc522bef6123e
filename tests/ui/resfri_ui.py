#!/usr/bin/python3
# tests/ui/resfri_ui.py: what the UI tests share: driving resfri through
# AT-SPI with dogtail.
#
# Copyright 2026 The Resfri authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The tests run under `xvfb-run -a dbus-run-session` (build-aux/test). What
# GTK 4 and dogtail need there:
#  - a display (Xvfb) and a session bus (dbus-run-session);
#  - the accessibility bus: GTK 4 asks the session bus for org.a11y.Bus,
#    which dbus activates from at-spi2-core (at-spi-bus-launcher, then
#    at-spi2-registryd on the a11y bus);
#  - GTK_A11Y unset (GTK_A11Y=none turns GTK 4's AT-SPI backend off); it is
#    removed from the application's environment by Resfri below;
#  - GTK 4 does not read org.gnome.desktop.interface toolkit-accessibility
#    (only GTK 3's atk-bridge does), but dogtail checks that key at import
#    and exits when it is false, as it is on a fresh machine and with the
#    memory GSettings backend the tests use. The check is turned off.
#
# Importing this module exits with status 77 (a skip for meson) when AT-SPI
# truly cannot work: no display, no session bus, no dogtail, or no
# accessibility bus; the reason is printed.

import os
import shutil
import subprocess
import sqlite3
import sys
import tempfile
import time

SKIP = 77
TIMEOUT = 30


def skip(reason):
    print(f"SKIP: {reason}")
    sys.exit(SKIP)


def check_environment():
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        skip("no display (neither DISPLAY nor WAYLAND_DISPLAY); run under xvfb-run")

    try:
        import gi
        gi.require_version("Atspi", "2.0")
        from gi.repository import Gio, GLib  # noqa: F401
        import pyatspi  # noqa: F401
        import dogtail  # noqa: F401
    except (ImportError, ValueError) as e:
        skip(f"dogtail or AT-SPI bindings are missing ({e}); install python3-dogtail and "
             "gir1.2-atspi-2.0")

    from gi.repository import Gio, GLib
    try:
        bus = Gio.bus_get_sync(Gio.BusType.SESSION, None)
    except GLib.Error as e:
        skip(f"cannot connect to the session bus: {e.message}")

    # Another Resfri on this bus would receive our command line instead.
    owner = bus.call_sync("org.freedesktop.DBus", "/org/freedesktop/DBus",
                          "org.freedesktop.DBus", "NameHasOwner",
                          GLib.Variant("(s)", ("se.resfri.Resfri",)),
                          GLib.VariantType("(b)"), Gio.DBusCallFlags.NONE, -1, None)
    if owner.unpack()[0]:
        skip("another Resfri is running on this session bus; run under dbus-run-session")

    try:
        address = bus.call_sync("org.a11y.Bus", "/org/a11y/bus", "org.a11y.Bus",
                                "GetAddress", None, GLib.VariantType("(s)"),
                                Gio.DBusCallFlags.NONE, 10000, None).unpack()[0]
    except GLib.Error as e:
        skip(f"no accessibility bus (org.a11y.Bus): {e.message}; install at-spi2-core")
    if not address:
        skip("the accessibility bus has no address")


check_environment()

import pyatspi  # noqa: E402
from gi.repository import GLib  # noqa: E402
from dogtail.config import config  # noqa: E402

config.checkForA11y = False
config.logDebugToFile = False
config.logDebugToStdOut = False
from dogtail import tree  # noqa: E402


class Failure(Exception):
    pass


def wait_for(what, function, timeout=TIMEOUT):
    """Calls function until it returns a true value; the a11y tree changes
    under us while the window loads, so errors count as "not yet"."""
    deadline = time.monotonic() + timeout
    last_error = None
    while time.monotonic() < deadline:
        try:
            value = function()
            if value:
                return value
        except Exception as e:  # the tree changed while we read it
            last_error = e
        time.sleep(0.2)
    raise Failure(f"timed out waiting for {what}" + (f" ({last_error})" if last_error else ""))


def walk(node):
    """Every node under @node. A node GTK drops while we read the tree
    (AT-SPI then says "The application no longer exists") is skipped with
    its children, not an error: the views rebuild rows as data arrive."""
    yield node
    try:
        children = node.children
    except GLib.GError:
        return
    for child in children:
        if child is not None:
            yield from walk(child)


def is_shown(node):
    """GTK 4.8 never sets SHOWING; a node is on screen when it and every
    ancestor up to the application are VISIBLE."""
    while node is not None and node.roleName != "application":
        if not node.getState().contains(pyatspi.STATE_VISIBLE):
            return False
        node = node.parent
    return True


def find(root, role, name, shown=True):
    for node in walk(root):
        if node.roleName == role and node.name == name and (not shown or is_shown(node)):
            return node
    return None


def find_application(process):
    def look():
        if process.poll() is not None:
            raise Failure(f"resfri exited with status {process.returncode}")
        for app in tree.root.applications():
            if app.get_process_id() == process.pid:
                return app
        return None

    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        try:
            app = look()
        except Failure:
            raise
        except Exception:
            app = None
        if app is not None:
            return app
        time.sleep(0.2)
    raise Failure("resfri did not appear on the accessibility bus")


class Resfri:
    def __init__(self, program, db, extra_env=None, files=()):
        env = dict(os.environ)
        env.pop("GTK_A11Y", None)
        env.pop("RESFRI_DB", None)
        env.update(extra_env or {})
        # A critical warning is a bug: make it a crash the test sees.
        env["G_DEBUG"] = ",".join(filter(None, [env.get("G_DEBUG"), "fatal-criticals"]))
        self.db = db
        args = [program] + (["--db", db] if db is not None else []) + list(files)
        self.process = subprocess.Popen(args, env=env)
        self.app = find_application(self.process)
        self.frame = wait_for("the window", lambda: find(self.app, "frame", "Resfri"))

    def wait_shown(self, role, name):
        return wait_for(f"{role} “{name}”", lambda: find(self.frame, role, name))

    def check_not_shown(self, role, name):
        if find(self.frame, role, name) is not None:
            raise Failure(f"{role} “{name}” should not be on screen")

    def check_running(self, when):
        status = self.process.poll()
        if status is not None:
            how = f"signal {-status}" if status < 0 else f"status {status}"
            raise Failure(f"resfri exited with {how} {when} (its stderr is above)")

    def close(self):
        self.check_running("before its window was closed")
        try:
            button = self.wait_shown("push button", "Close")
        except Failure:
            # A crash is the test's failure; a live window whose AT-SPI
            # object was dropped and made anew (GTK 4.8 does this after a
            # native file chooser now and then) is found again.
            self.check_running("before its window was closed")
            self.app = find_application(self.process)
            self.frame = wait_for("the window", lambda: find(self.app, "frame", "Resfri"))
            button = self.wait_shown("push button", "Close")
        button.doActionNamed("click")
        try:
            status = self.process.wait(timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            raise Failure("resfri did not exit after its window was closed")
        if status != 0:
            raise Failure(f"resfri exited with status {status}")

    def kill(self):
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()


def find_cli(program):
    cli = os.environ.get("RESFRI_CLI")
    if cli:
        return cli
    return os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(program))),
                        "cli", "resfri-cli")


def shown_labels(root):
    labels = []
    for n in walk(root):
        try:
            if n.roleName == "label" and is_shown(n):
                labels.append(n.name)
        except GLib.GError:  # dropped while we read it: see walk()
            pass
    return labels


def click(node):
    node.doActionNamed("click")


def db_value(db, sql, *args):
    with sqlite3.connect(db) as conn:
        row = conn.execute(sql, args).fetchone()
    conn.close()
    return row[0] if row else None


def run_tests(plan, tests, prefix):
    """The main() of a UI test: `SCRIPT PATH/TO/resfri`. Prints the TAP plan,
    runs each of @tests with the program and a scratch folder named with
    @prefix (removed after), and prints "not ok" for the first failure.
    Returns the exit status."""
    if len(sys.argv) != 2:
        print(f"usage: {os.path.basename(sys.argv[0])} PATH/TO/resfri", file=sys.stderr)
        return 2

    folder = tempfile.mkdtemp(prefix=prefix)
    try:
        print(f"1..{plan}", flush=True)
        for test in tests:
            test(sys.argv[1], folder)
    except Failure as e:
        print(f"not ok - {e}", flush=True)
        return 1
    except Exception as e:  # dogtail's own, when the tree changes under it
        print(f"not ok - {type(e).__name__}: {e}", flush=True)
        return 1
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return 0

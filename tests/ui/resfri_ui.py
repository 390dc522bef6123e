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

# No test waits a fixed time for something to happen: it waits for a state,
# and TIMEOUT only bounds a hung test. A loaded machine (CI's two cores
# shared with other work) can be many times slower than a quiet one, so the
# bound is generous; RESFRI_TEST_TIMEOUT_SCALE multiplies it.
TIMEOUT_SCALE = float(os.environ.get("RESFRI_TEST_TIMEOUT_SCALE") or 1)
TIMEOUT = 120 * TIMEOUT_SCALE


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
    dropped = 0
    tries = 0
    while time.monotonic() < deadline:
        tries += 1
        try:
            if tries % 50 == 0:  # about 10 s: a dropped window can read as empty, not as an error
                reattach_windows()
            value = function()
            if value:
                return value
            dropped = 0
        except Exception as e:  # the tree changed while we read it
            last_error = e
            dropped = dropped + 1 if "no longer exists" in str(e) else 0
            if dropped % 25 == 24:  # about 5 s of nothing but that
                reattach_windows()
        time.sleep(0.2)
    # A short wait that may time out (a check that something stays away)
    # is no failure yet: only the long ones say what was on screen.
    if timeout >= TIMEOUT:
        describe_screen()
    raise Failure(f"timed out waiting for {what}" + (f" ({last_error})" if last_error else ""))


def click_until(what, find_button, done, every=10):
    """Clicks the button find_button() gives until done() is true, and
    returns done()'s value. A view that rebuilds its rows (the window reads
    the database again when another connection wrote to it) can drop the
    button between the test finding it and clicking it, and a click on a
    dropped button does nothing: after @every seconds with nothing done,
    the button shown then is clicked again."""
    clicked = [None]

    def attempt():
        value = done()
        if value:
            return value
        if clicked[0] is None or time.monotonic() - clicked[0] >= every:
            button = find_button()
            if button is not None:
                click(button)
                clicked[0] = time.monotonic()
        return None

    return wait_for(what, attempt)


def describe_screen():
    """What a timed-out wait saw, for the log: each running window's shown
    labels and buttons, read afresh from the bus (a window GTK dropped and
    made anew is found again first)."""
    try:
        reattach_windows()
        for window in launched:
            if window.poll() is not None:
                continue
            names = []
            for node in walk(window.frame):
                try:
                    if node.roleName in ("label", "push button", "page tab") and is_shown(node):
                        names.append(f"{node.roleName}: {node.name!r}")
                except GLib.GError:
                    pass
            print(f"# on screen ({len(names)}): " + "; ".join(names[:80]).replace("\n", " "))
    except Exception as e:  # only a description: never the test's error
        print(f"# cannot describe the screen: {e}")


def read_tree(what, function, timeout=TIMEOUT):
    """function()'s value, true or not, once the a11y tree could be read:
    as in wait_for, an error while the tree changes under us means "read
    again" (a single read can meet a window GTK has just dropped)."""
    value = []

    def attempt():
        value[:] = [function()]
        return True

    wait_for(what, attempt, timeout)
    return value[0]


def reattach_windows():
    """On a loaded machine GTK 4.8 now and then drops a live window's AT-SPI
    objects and makes them anew (also after a native file chooser); every
    old reference then says "The application no longer exists" for good,
    and waiting longer cannot help. Each window whose process still runs is
    found again on the bus, so that the next try reads the new objects."""
    for window in launched:
        if window.poll() is not None:
            continue
        pid = window.app_pid()
        for app in tree.root.applications():
            try:
                if pid is None or app.get_process_id() != pid:
                    continue
                frame = find(app, "frame", "Resfri")
            except Exception:
                continue
            if frame is not None and frame != window.frame:
                print("# resfri's window was dropped from the accessibility bus and found again")
                window.app, window.frame = app, frame


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


def focused(root, roles=("entry", "text", "password text", "list item")):
    """The node under @root that has the keyboard focus, if it has one of
    @roles; hidden subtrees are skipped."""
    def visit(node):
        try:
            states = node.getState()
            if not states.contains(pyatspi.STATE_VISIBLE) and node.roleName != "application":
                return None
            if node.roleName in roles and states.contains(pyatspi.STATE_FOCUSED):
                return node
            children = node.children
        except GLib.GError:
            return None
        for child in children:
            if child is not None:
                found = visit(child)
                if found is not None:
                    return found
        return None
    return visit(root)


def wait_focus(root, what, roles=("entry", "text", "password text")):
    """Waits for the keyboard focus to be in @what (an entry, by default):
    keys pressed before it is there would go elsewhere."""
    return wait_for(f"the keyboard focus in {what}", lambda: focused(root, roles))


def find_window(app, name):
    """A window of @app (a dialog, a file chooser) by its title."""
    for child in app.children:
        if child is not None and child.name == name:
            return child
    return None


def find_in_app(window, role, predicate):
    """A node of @role for which @predicate holds, in any of the app's
    windows (a dialog is one of them)."""
    for child in window.app.children:
        if child is None:
            continue
        for node in walk(child):
            if node.roleName == role and predicate(node):
                return node
    return None


def find_toast(window, role, predicate):
    """Toasts are the last children of the toast overlay: a depth-first
    walk from the last child finds them long before they time out.
    @window: a Resfri, or the frame of another window."""
    def visit(node):
        if node.roleName == role and predicate(node.name):
            return node
        for i in range(node.childCount - 1, -1, -1):
            child = node.getChildAtIndex(i)
            if child is not None:
                found = visit(child)
                if found is not None:
                    return found
        return None
    return visit(getattr(window, "frame", window))


def wait_toast(window, text):
    """Waits for the toast that says @text."""
    return wait_for(f"the toast “{text}”",
                    lambda: find_toast(window, "label", lambda name: name == text))


def check_locks(db, when):
    """Raises a Failure when no process holds SQLite's locks on @db and its
    -shm file while a window has it open: then the next program to open it
    would take itself for the first and truncate the -shm file under the
    window (SIGBUS), or remove the -wal file the window writes."""
    import fcntl
    import struct

    def unlocked(path, start, length):
        lock = struct.pack("hhqqi4x", fcntl.F_WRLCK, os.SEEK_SET, start, length, 0)
        with open(path, "rb") as f:
            # F_OFD_GETLK (36): not blind to this process's own locks, and
            # closing f does not drop anyone's.
            return struct.unpack("hhqqi4x", fcntl.fcntl(f, 36, lock))[0] == fcntl.F_UNLCK

    # SQLite: a reader holds the shared bytes of the database (from
    # 0x40000002, 510 bytes) and the -shm file's "DMS" byte (128).
    if unlocked(db, 0x40000002, 510):
        raise Failure(f"no program holds a lock on the database {when}")
    if unlocked(db + "-shm", 128, 1):
        raise Failure(f"no program holds a lock on the database's -shm file {when}")


def combo_value(combo):
    """What a drop-down shows as chosen."""
    return [label for label in shown_labels(combo) if label != "(None)"]


def choose(window, combo_name, steps):
    """Opens a drop-down, moves @steps entries down (up when negative) from
    the chosen one and waits for the drop-down to show the new choice
    (GTK 4.8's popover list has no AT-SPI actions; the keyboard works, and
    keys arrive in order once the list has the focus)."""
    from dogtail import rawinput

    combo = window.wait_shown("combo box", combo_name)
    before = wait_for(f"the choice of “{combo_name}”", lambda: combo_value(combo))
    click(combo.children[0])
    wait_focus(window.app, f"the list of “{combo_name}”", roles=("list item",))
    for _ in range(abs(steps)):
        rawinput.pressKey("Down" if steps > 0 else "Up")
    rawinput.pressKey("Return")
    return wait_for(f"“{combo_name}” to change from {before}",
                    lambda: (lambda value: value if value and value != before else None)(
                        combo_value(combo)))


def shown_week(window):
    """The Meetings view's week ("Week 12, …")."""
    for label in shown_labels(window.frame):
        if label.startswith("Week "):
            return label
    return None


def go_to_week_with(window, badges, verdict):
    """Moves the Meetings view a week at a time (Alt+Right; Alt+Left once
    the demo's year has ended) to a week with a meeting of @verdict, as
    @badges (a function of the window) lists them."""
    from dogtail import rawinput

    def loaded():
        shown = badges(window)
        if shown:
            return ("meetings", shown)
        if find(window.frame, "label", "No Meetings This Week") is not None:
            return ("none", [])
        return None

    key = "<Alt>Right"
    for attempt in range(60):
        kind, shown = wait_for("the week's meetings", loaded)
        if verdict in shown:
            return
        if kind == "none" and attempt > 2:
            key = "<Alt>Left"
        week = wait_for("the week", lambda: shown_week(window))
        rawinput.keyCombo(key)
        wait_for(f"the week after {week}", lambda: shown_week(window) not in (None, week))
    raise Failure(f"no week of the demo has a meeting that is {verdict}")


def find_application(window):
    def look():
        window.check_running("before its window was shown")
        pid = window.app_pid()
        for app in tree.root.applications():
            try:
                if pid is not None and app.get_process_id() == pid:
                    return app
            except Exception:
                # An application that is going away (the window of the test
                # before) is no reason to miss the one that is coming.
                pass
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
    seen = []
    for app in tree.root.applications():
        try:
            seen.append(f"{app.name} ({app.get_process_id()})")
        except Exception as e:
            seen.append(f"? ({e})")
    raise Failure(f"resfri (process {window.app_pid()}) did not appear on the accessibility bus;"
                  f" there: {', '.join(seen) or 'nothing'}")


# Under gdb, a crash of the window prints every thread's backtrace; gdb
# then quits with 128 + the signal (or the program's exit status).
GDB_SCRIPT = """set pagination off
set confirm off
set print thread-events off
set print inferior-events off
handle SIGPIPE SIGUSR1 SIGUSR2 SIGHUP SIGTERM SIGINT SIGALRM nostop noprint pass
run
if $_isvoid($_exitcode)
  echo \\n# resfri crashed; its threads:\\n
  thread apply all bt
  quit 128 + $_siginfo.si_signo
else
  quit $_exitcode
end
"""

# Every window started by the running test: on a failure, its stderr (and a
# crash's backtrace) goes to the test's log.
launched = []


class Resfri:
    """resfri, run under gdb when there is one (RESFRI_TEST_GDB=0: never),
    its stderr kept for the log."""

    def __init__(self, program, db, extra_env=None, files=()):
        env = dict(os.environ)
        env.pop("GTK_A11Y", None)
        env.pop("RESFRI_DB", None)
        env.update(extra_env or {})
        check_keyring_safe(db)
        # A critical warning is a bug: make it a crash the test sees.
        env["G_DEBUG"] = ",".join(filter(None, [env.get("G_DEBUG"), "fatal-criticals"]))
        self.db = db
        self.program = os.path.realpath(program)
        args = [program] + (["--db", db] if db is not None else []) + list(files)
        self.stderr = tempfile.TemporaryFile()
        self.gdb = os.environ.get("RESFRI_TEST_GDB", "1") != "0" and shutil.which("gdb")
        self._app_pid = None
        if self.gdb:
            self.script = tempfile.NamedTemporaryFile("w", suffix=".gdb")
            self.script.write(GDB_SCRIPT)
            self.script.flush()
            args = [self.gdb, "-q", "-nx", "-batch", "-x", self.script.name, "--args"] + args
        self.process = subprocess.Popen(args, env=env, stdin=subprocess.DEVNULL,
                                        stdout=self.stderr, stderr=subprocess.STDOUT)
        launched.append(self)
        self.app = find_application(self)
        self.frame = wait_for("the window", lambda: find(self.app, "frame", "Resfri"))

    def app_pid(self):
        """resfri's process id: under gdb, the child of gdb that runs the
        program. gdb starts other short-lived children too (a shell, its
        own helpers), so a child counts only once it runs the program, and
        only then is it remembered."""
        if not self.gdb:
            return self.process.pid
        if self._app_pid is None:
            try:
                with open(f"/proc/{self.process.pid}/task/{self.process.pid}/children") as f:
                    children = f.read().split()
            except OSError:
                return None
            for child in children:
                try:
                    exe = os.path.realpath(f"/proc/{child}/exe")
                except OSError:
                    continue
                if exe == self.program:
                    self._app_pid = int(child)
                    break
        return self._app_pid

    def poll(self):
        """None while resfri runs, else as Popen.poll(): the exit status, or
        minus the signal that ended it."""
        status = self.process.poll()
        if status is not None and self.gdb and status >= 128:
            return -(status - 128)
        return status

    def wait(self, timeout):
        self.process.wait(timeout=timeout)
        return self.poll()

    def log(self):
        """What resfri (and gdb) wrote, for the test's log."""
        self.stderr.seek(0)
        return self.stderr.read().decode("utf-8", "replace")

    def wait_shown(self, role, name):
        return wait_for(f"{role} “{name}”", lambda: find(self.frame, role, name))

    def check_not_shown(self, role, name):
        if find(self.frame, role, name) is not None:
            raise Failure(f"{role} “{name}” should not be on screen")

    def check_running(self, when):
        status = self.poll()
        if status is not None:
            how = f"signal {-status}" if status < 0 else f"status {status}"
            raise Failure(f"resfri exited with {how} {when} (its output is below)")

    def close(self, button_name="Close"):
        """Closes the window with its close button (@button_name: its name
        in the window's language) and waits for resfri to exit."""
        self.check_running("before its window was closed")
        try:
            button = self.wait_shown("push button", button_name)
        except Failure:
            # A crash is the test's failure; a live window whose AT-SPI
            # object was dropped and made anew (GTK 4.8 does this after a
            # native file chooser now and then) is found again.
            self.check_running("before its window was closed")
            self.app = find_application(self)
            self.frame = wait_for("the window", lambda: find(self.app, "frame", "Resfri"))
            button = self.wait_shown("push button", button_name)
        button.doActionNamed("click")
        try:
            status = self.wait(TIMEOUT)
        except subprocess.TimeoutExpired:
            raise Failure("resfri did not exit after its window was closed")
        if status != 0:
            how = f"signal {-status}" if status < 0 else f"status {status}"
            raise Failure(f"resfri exited with {how} (its output is below)")

    def kill(self):
        if self.process.poll() is None:
            pid = self.app_pid() if self.gdb else None
            if pid is not None:
                try:
                    os.kill(pid, 9)
                except OSError:
                    pass
            self.process.kill()
            self.process.wait()


class Keyring:
    """A gnome-keyring-daemon of the test's own on the test's session bus
    (--unlock --components=secrets, the login password on its stdin, its
    keyrings in @folder), started before the window and waited for until
    it owns org.freedesktop.secrets. A test whose window may call libsecret
    (a source added, or in the database at start-up) needs one whenever
    gnome-keyring is installed: dbus-run-session's bus would otherwise
    activate the system's gnome-keyring, whose default keyring is locked or
    missing, and its unlock prompt would wait on Xvfb for ever.
    Keyring.start(folder) is None when gnome-keyring-daemon is not on PATH;
    then nothing on the bus provides a keyring either."""

    PASSWORD = "resfri-ui-login-keyring"

    def __init__(self, program, folder):
        from gi.repository import Gio

        base = os.path.join(folder, "keyring")
        env = dict(os.environ)
        for name in ("data", "runtime", "home"):
            os.makedirs(os.path.join(base, name), mode=0o700, exist_ok=True)
        env["XDG_DATA_HOME"] = os.path.join(base, "data")
        env["XDG_RUNTIME_DIR"] = os.path.join(base, "runtime")
        env["HOME"] = os.path.join(base, "home")
        self.log = tempfile.TemporaryFile()
        self.process = subprocess.Popen(
            [program, "--foreground", "--unlock", "--components=secrets"], env=env,
            stdin=subprocess.PIPE, stdout=self.log, stderr=subprocess.STDOUT)
        self.process.stdin.write(self.PASSWORD.encode())
        self.process.stdin.close()
        bus = Gio.bus_get_sync(Gio.BusType.SESSION, None)

        def owner():
            if self.process.poll() is not None:
                return "exited"
            pid = bus.call_sync("org.freedesktop.DBus", "/org/freedesktop/DBus",
                                "org.freedesktop.DBus", "GetConnectionUnixProcessID",
                                GLib.Variant("(s)", ("org.freedesktop.secrets",)),
                                GLib.VariantType("(u)"), Gio.DBusCallFlags.NONE, -1,
                                None).unpack()[0]
            return "ours" if pid == self.process.pid else f"process {pid}"
        try:
            state = wait_for("gnome-keyring-daemon to own org.freedesktop.secrets", owner)
        except Failure:
            self.stop()
            raise
        if state != "ours":
            self.stop()
            raise Failure(f"org.freedesktop.secrets is not our gnome-keyring's ({state}): "
                          f"{self.output()}")
        keyrings.append(self)

    @classmethod
    def start(cls, folder):
        program = shutil.which("gnome-keyring-daemon")
        return cls(program, folder) if program else None

    def output(self):
        self.log.seek(0)
        return self.log.read().decode("utf-8", "replace")

    def lookup(self, attributes):
        """The password stored with @attributes, or None: through
        gi.repository.Secret, else secret-tool."""
        try:
            import gi
            gi.require_version("Secret", "1")
            from gi.repository import Secret
        except (ImportError, ValueError):
            Secret = None
        if Secret is not None:
            service = Secret.Service.get_sync(Secret.ServiceFlags.NONE, None)
            items = service.search_sync(None, attributes,
                                        Secret.SearchFlags.ALL | Secret.SearchFlags.LOAD_SECRETS,
                                        None)
            for item in items:
                secret = item.get_secret()
                if secret is not None:
                    return secret.get_text()
            return None
        if shutil.which("secret-tool") is None:
            raise Failure("neither gi.repository.Secret (gir1.2-secret-1) nor secret-tool "
                          "(libsecret-tools) can read the keyring")
        args = ["secret-tool", "lookup"]
        for key, value in attributes.items():
            args += [key, value]
        result = subprocess.run(args, capture_output=True, text=True, timeout=TIMEOUT)
        return result.stdout if result.returncode == 0 else None

    def stop(self):
        if self in keyrings:
            keyrings.remove(self)
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=TIMEOUT)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


# The Keyrings running now.
keyrings = []


def check_keyring_safe(db):
    """Raises a Failure before a window opens @db when it would ask the
    keyring (a source whose password is kept there syncs at start-up)
    while gnome-keyring is installed and no Keyring of the test runs."""
    if db is None or not os.path.exists(db) or keyrings:
        return
    if shutil.which("gnome-keyring-daemon") is None:
        return
    try:
        keyed = db_value(db, "SELECT count(*) FROM sync_sources "
                             "WHERE user IS NOT NULL AND password_file IS NULL")
    except sqlite3.Error:
        return
    if keyed:
        raise Failure("the database has a source whose password is in the keyring: start a "
                      "resfri_ui.Keyring before the window, else dbus-run-session activates "
                      "the system's gnome-keyring, whose prompt waits for ever")


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


def set_field(dialog, name, text):
    entry = wait_for(f"the field “{name}”", lambda: find(dialog, "text", name))
    # GTK 4.8 takes no focus through AT-SPI, but its entries are editable
    # (their text does not read back: the database tells what was saved).
    if not entry.queryEditableText().setTextContents(text):
        raise Failure(f"cannot write in “{name}”")


def find_button(root, word):
    """A button with a mnemonic: libadwaita 1.2 names a dialog's response
    button "_Save Save" and a toast's "_Undo Undo"."""
    for node in walk(root):
        if node.roleName == "push button" and word in (node.name or "").split():
            return node
    return None


def db_value(db, sql, *args):
    with sqlite3.connect(db) as conn:
        row = conn.execute(sql, args).fetchone()
    conn.close()
    return row[0] if row else None


def write_series_ics(path, events, uid_prefix):
    """A calendar of @events daily series of 12 occurrences each in March
    2026 (UIDs @uid_prefix0@ui.test, ...): an import that takes a while."""
    with open(path, "w", encoding="utf-8") as f:
        f.write("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Resfri UI test//EN\r\n")
        for i in range(events):
            day = 1 + i % 28
            hour = 7 + i % 10
            f.write(f"BEGIN:VEVENT\r\nUID:{uid_prefix}{i}@ui.test\r\nDTSTAMP:20260101T000000Z\r\n"
                    f"DTSTART:202603{day:02d}T{hour:02d}0000Z\r\n"
                    f"DTEND:202603{day:02d}T{hour:02d}3000Z\r\n"
                    f"RRULE:FREQ=DAILY;COUNT=12\r\nSUMMARY:Möte {i}\r\nEND:VEVENT\r\n")
        f.write("END:VCALENDAR\r\n")


def import_stored(db):
    """Whether an import's one transaction is in @db (a meeting is): a
    database still being made, or busy, counts as not yet (wait_for reads
    it again)."""
    if not os.path.exists(db):
        return False
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1) as conn:
        stored = conn.execute("SELECT count(*) FROM meetings").fetchone()[0] > 0
    conn.close()
    return stored


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
            del launched[:]
            test(sys.argv[1], folder)
    except Failure as e:
        print(f"not ok - {e}", flush=True)
        print_logs()
        return 1
    except Exception as e:  # dogtail's own, when the tree changes under it
        print(f"not ok - {type(e).__name__}: {e}", flush=True)
        print_logs()
        return 1
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return 0


def print_logs():
    """The output of the failed test's windows, as TAP comments."""
    for window in launched:
        window.kill()
        status = window.poll()
        print(f"# resfri (process {window.app_pid()}): "
              + ("still running, killed" if status is None else f"exit status {status}"))
        for line in window.log().splitlines():
            print("#   " + line)
    sys.stdout.flush()


def preferences_counts(window, titles):
    """The database's counts on Preferences' General page (opened from the
    main menu, closed again): {title: (row description, the row's other
    labels)}, once each row has its count; "Stored in": the labels saying
    so."""
    # The menu button is named "Main Menu", and so is the toggle button
    # inside it; only the inner one clicks.
    menu_button = window.wait_shown("push button", "Main Menu")
    click(wait_for("the menu button's toggle", lambda: [
        n for n in walk(menu_button)
        if n is not menu_button and n.roleName == "push button" and n.name == "Main Menu"])[0])
    click(wait_for("the menu item “Preferences”",
                   lambda: find(window.app, "menu item", "Preferences")))
    prefs = wait_for("the preferences", lambda: find_window(window.app, "Preferences"))
    counts = {}
    for title in titles:
        row = wait_for(f"the {title} count", lambda: (
            lambda r: r if r is not None and r.description else None)(
                find(prefs, "list item", title)))
        counts[title] = (row.description,
                         [n.name for n in walk(row) if n.roleName == "label" and n.name != title])
    counts["Stored in"] = [n.name for n in walk(prefs)
                           if n.roleName == "label" and (n.name or "").startswith("Stored in ")]
    click(wait_for("the preferences' close button", lambda: find(prefs, "push button", "Close")))
    wait_for("the preferences to close", lambda: find_window(window.app, "Preferences") is None)
    return counts

#!/usr/bin/python3
# tests/ui/test-narrow.py: the window fits an 800×600 screen in Swedish.
#
# Copyright 2026 The Resfri authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
#   test-narrow.py PATH/TO/resfri
#
# Swedish words are longer than English ones: a label that does not wrap or
# ellipsise gives its view a minimum width larger than a small screen, and
# GTK then makes the window larger than asked (the screen cuts it). The
# window starts at 800×600 (the keyfile settings backend holds its size),
# in Swedish (the catalogue built from po/sv.po), on a 600-employee demo;
# each view is shown, with its content, and the window's size must stay
# 800×600; the first-run page of an empty database too. Skipped when the
# sv_SE.UTF-8 locale is missing (build-aux/deps.sh installs `locales`). See
# test-window.py for what AT-SPI needs under Xvfb.

import os
import subprocess
import sys

from resfri_ui import *  # noqa: E402,F401,F403 (skips when AT-SPI cannot work)

WIDTH, HEIGHT = 800, 600

# The views' tabs in Swedish, in the switcher's order.
VIEWS = ["Översikt", "Möten", "Utrustning", "Rum", "Luckor & inköp", "Uppföljning",
         "Planering"]


def settled(window):
    """No busy spinner is shown: the view's reads are done and its content
    laid out."""
    return not [n for n in walk(window.frame) if n.roleName == "spinner" and is_shown(n)]


def swedish_env(program, folder):
    locales = subprocess.run(["locale", "-a"], capture_output=True, text=True).stdout.lower()
    if "sv_se.utf8" not in locales and "sv_se.utf-8" not in locales:
        skip("no sv_SE.UTF-8 locale (localedef -i sv_SE -f UTF-8 sv_SE.UTF-8)")
    build = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(program))))
    localedir = os.path.join(build, "po")
    if not os.path.exists(os.path.join(localedir, "sv", "LC_MESSAGES", "resfri.mo")):
        raise Failure(f"no Swedish catalogue in {localedir} (ninja builds it from po/sv.po)")
    config = os.path.join(folder, "config")
    return {"LANGUAGE": "sv", "LC_ALL": "sv_SE.UTF-8", "LANG": "sv_SE.UTF-8",
            "RESFRI_LOCALEDIR": localedir, "GSETTINGS_BACKEND": "keyfile",
            "XDG_CONFIG_HOME": config}


def write_size(env):
    """The window's size, written before each start (the last window
    keeps its own)."""
    folder = os.path.join(env["XDG_CONFIG_HOME"], "glib-2.0", "settings")
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, "keyfile"), "w") as f:
        f.write(f"[se/resfri/Resfri]\nwindow-width={WIDTH}\nwindow-height={HEIGHT}\n"
                "window-maximized=false\n")


def window_size(window):
    extents = window.frame.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
    return extents.width, extents.height


def check_size(window, where):
    """The window is no larger than it was asked to be (AT-SPI gives the
    size inside its frame: a few pixels less than the asked size)."""
    width, height = window_size(window)
    if width > WIDTH or height > HEIGHT:
        raise Failure(f"{where} needs {width}×{height}: more than {WIDTH}×{HEIGHT}")


def test_views(program, folder):
    env = swedish_env(program, folder)
    db = os.path.join(folder, "demo.db")
    result = subprocess.run([find_cli(program), "--db", db, "demo", "--employees", "600",
                             "--seed", "1"], capture_output=True, text=True)
    if result.returncode != 0:
        raise Failure(f"resfri-cli demo failed: {result.stderr.strip()}")

    write_size(env)
    window = Resfri(program, db, extra_env=env)
    try:
        check_size(window, "the window at its start")
        for tab in VIEWS[1:] + VIEWS[:1]:
            node = window.wait_shown("page tab", tab)
            click(node)
            wait_for(f"{tab} shown", lambda: node.getState().contains(pyatspi.STATE_SELECTED))
            wait_for(f"{tab}'s content", lambda: settled(window))
            check_size(window, tab)
        print(f"ok 1 - every view fits {WIDTH}×{HEIGHT} in Swedish", flush=True)
    finally:
        window.close("Stäng")


def test_first_run(program, folder):
    env = swedish_env(program, folder)
    write_size(env)
    window = Resfri(program, os.path.join(folder, "empty.db"), extra_env=env)
    try:
        window.wait_shown("label", "Välkommen till Resfri")
        check_size(window, "the first-run page")
        print(f"ok 2 - the first-run page fits {WIDTH}×{HEIGHT} in Swedish", flush=True)
    finally:
        window.close("Stäng")


if __name__ == "__main__":
    sys.exit(run_tests(2, [test_views, test_first_run], "resfri-narrow-"))

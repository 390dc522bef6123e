#!/usr/bin/python3
# bench-startup.py
#
# Copyright 2026 The Resfri authors
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The window's first frame (issue 15): the time from main() to the first
# frame painted, as RESFRI_DEBUG_STARTUP=1 prints it, the median of N starts
# under an Xvfb and a session bus of the benchmark's own. Each start opens a
# 600-employee demo made by resfri-cli (and, given --db-60000 PATH, a copy
# of that database: the original is never opened). Given --before BINARY,
# that binary is measured the same way, one start of each after the other,
# so both see the same machine. The floor, a bare libadwaita window of the
# same size timed the same way (bench-startup-floor.c, found beside the
# build's tests or given with --floor BINARY), is started in the same turns
# on the first database, and its median printed beside: how much of the
# first frame the toolkit alone takes on this machine.
#
#   bench-startup.py RESFRI [--runs N] [--before RESFRI] [--db-60000 PATH]
#                    [--floor BINARY]
#
# Exits 77 (skipped) without Xvfb or dbus-daemon.

import argparse
import os
import re
import select
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time

FIRST_FRAME = re.compile(rb'first frame after ([0-9.]+) ms')
# Only ends a start that never paints, on a machine however loaded.
HUNG_SECONDS = 120


def start_xvfb():
    read_fd, write_fd = os.pipe()
    xvfb = subprocess.Popen(['Xvfb', '-displayfd', str(write_fd), '-screen', '0', '1400x900x24',
                             '-nolisten', 'tcp'], pass_fds=[write_fd],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write_fd)
    display = b''
    with os.fdopen(read_fd, 'rb') as pipe:
        while not display.endswith(b'\n'):
            chunk = pipe.read(1)
            if not chunk:
                raise RuntimeError('Xvfb did not start')
            display += chunk
    return xvfb, ':' + display.decode().strip()


def start_bus():
    bus = subprocess.Popen(['dbus-daemon', '--session', '--nofork', '--print-address=1'],
                           stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    address = bus.stdout.readline().decode().strip()
    if not address:
        raise RuntimeError('dbus-daemon did not start')
    return bus, address


def first_frame_ms(binary, db, env):
    """Starts BINARY on DB (None: without one), waits for its first frame and ends it."""
    argv = [binary] if db is None else [binary, '--db', db]
    app = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL,
                           stderr=subprocess.PIPE)
    output = b''
    deadline = time.monotonic() + HUNG_SECONDS
    try:
        while True:
            match = FIRST_FRAME.search(output)
            if match:
                return float(match.group(1))
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise RuntimeError('%s painted nothing; it said:\n%s' % (binary, output.decode()))
            ready, _, _ = select.select([app.stderr], [], [], remaining)
            chunk = os.read(app.stderr.fileno(), 4096) if ready else b''
            if ready and not chunk:
                raise RuntimeError('%s ended before its first frame:\n%s'
                                   % (binary, output.decode()))
            output += chunk
    finally:
        app.send_signal(signal.SIGTERM)
        try:
            app.wait(timeout=HUNG_SECONDS)
        except subprocess.TimeoutExpired:
            app.kill()
            app.wait()
        app.stderr.close()


def measure(binaries, db, runs, env, floor=None):
    """The median first frame of each binary (and of FLOOR, without DB), started in turns."""
    starts = {name: (binary, db) for name, binary in binaries.items()}
    if floor:
        starts['floor'] = (floor, None)
    times = {name: [] for name in starts}
    for binary, database in starts.values():     # a warm start for each: the files in the page cache
        first_frame_ms(binary, database, env)
    for _ in range(runs):
        for name, (binary, database) in starts.items():
            times[name].append(first_frame_ms(binary, database, env))
    return {name: (statistics.median(values), min(values), max(values))
            for name, values in times.items()}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('resfri')
    parser.add_argument('--runs', type=int, default=9)
    parser.add_argument('--before')
    parser.add_argument('--db-60000')
    parser.add_argument('--floor')
    args = parser.parse_args()

    if shutil.which('Xvfb') is None or shutil.which('dbus-daemon') is None:
        print('Xvfb or dbus-daemon missing: skipped')
        return 77

    cli = os.environ.get('RESFRI_CLI',
                         os.path.join(os.path.dirname(args.resfri), '..', 'cli', 'resfri-cli'))
    floor = args.floor
    if floor is None:
        beside = os.path.join(os.path.dirname(args.resfri), '..', '..', 'tests', 'ui',
                              'bench-startup-floor')
        floor = beside if os.access(beside, os.X_OK) else None
    binaries = {'after': args.resfri}
    if args.before:
        binaries = {'before': args.before, 'after': args.resfri}

    with tempfile.TemporaryDirectory(prefix='resfri-bench-startup-') as tmp:
        dbs = {}
        dbs['600'] = os.path.join(tmp, 'demo-600.db')
        subprocess.run([cli, '--db', dbs['600'], 'demo', '--employees', '600'], check=True,
                       stdout=subprocess.DEVNULL)
        if args.db_60000:
            # A copy: the start may write (retention, the horizon), and the
            # shared file stays as it was.
            dbs['60000'] = os.path.join(tmp, 'demo-60000.db')
            shutil.copyfile(args.db_60000, dbs['60000'])

        xvfb, display = start_xvfb()
        bus, address = start_bus()
        try:
            env = dict(os.environ)
            env.update({'DISPLAY': display, 'DBUS_SESSION_BUS_ADDRESS': address,
                        'RESFRI_DEBUG_STARTUP': '1', 'GSETTINGS_BACKEND': 'memory',
                        'XDG_CONFIG_HOME': os.path.join(tmp, 'config'),
                        'XDG_DATA_HOME': os.path.join(tmp, 'data'),
                        'XDG_CACHE_HOME': os.path.join(tmp, 'cache')})
            env.pop('WAYLAND_DISPLAY', None)
            env.pop('RESFRI_DB', None)
            for size, db in dbs.items():
                results = measure(binaries, db, args.runs, env, floor)
                floor = None     # once is enough: it opens no database
                for name, (median, low, high) in results.items():
                    if name == 'floor':
                        print('floor: bare libadwaita window %.1f ms (median, %d runs, %.1f–%.1f)'
                              % (median, args.runs, low, high))
                        continue
                    print('first frame, %s employees, %s: median %.1f ms (%d runs, %.1f–%.1f)'
                          % (size, name, median, args.runs, low, high))
                if 'before' in results:
                    print('first frame, %s employees: after/before %.2f'
                          % (size, results['after'][0] / results['before'][0]))
        finally:
            bus.terminate()
            bus.wait()
            xvfb.terminate()
            xvfb.wait()
    return 0


if __name__ == '__main__':
    sys.exit(main())

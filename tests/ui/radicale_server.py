# tests/ui/radicale_server.py: the real CalDAV server the UI tests of live
# calendars use (Debian's radicale, on 127.0.0.1 on a free port, one
# htpasswd user, a scratch storage folder), and a small proxy in front of
# it that passes requests on or holds those under a path unanswered, like
# a server that stopped answering.
#
# Copyright 2026 The Resfri authors
# SPDX-License-Identifier: GPL-3.0-or-later

import base64
import http.client
import http.server
import os
import socket
import subprocess
import threading
import urllib.error
import urllib.request

from resfri_ui import Failure, skip, wait_for

MKCALENDAR = """<?xml version="1.0" encoding="utf-8"?>
<C:mkcalendar xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">
  <D:set><D:prop>
    <D:displayname>{name}</D:displayname>
    <C:supported-calendar-component-set><C:comp name="VEVENT"/></C:supported-calendar-component-set>
  </D:prop></D:set>
</C:mkcalendar>
"""


def radicale_command():
    for command in (["/usr/bin/python3", "-m", "radicale"], ["/usr/bin/radicale"]):
        try:
            if subprocess.run(command + ["--version"], capture_output=True).returncode == 0:
                return command
        except OSError:
            pass
    return None


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Radicale:
    """A real Radicale on 127.0.0.1, one user (plain htpasswd); skips the
    test when Radicale is not installed."""

    def __init__(self, folder, user, password):
        command = radicale_command()
        if command is None:
            skip("Radicale is not installed (Debian package radicale)")
        self.user, self.password = user, password
        os.makedirs(os.path.join(folder, "radicale", "collections"), exist_ok=True)
        users = os.path.join(folder, "radicale", "users")
        with open(users, "w") as f:
            f.write(f"{user}:{password}\n")
        self.port = free_port()
        config = os.path.join(folder, "radicale", "config")
        with open(config, "w") as f:
            f.write(f"""[server]
hosts = 127.0.0.1:{self.port}
[auth]
type = htpasswd
htpasswd_filename = {users}
htpasswd_encryption = plain
delay = 0
[storage]
filesystem_folder = {os.path.join(folder, "radicale", "collections")}
[rights]
type = owner_only
[logging]
level = warning
""")
        self.log = open(os.path.join(folder, "radicale", "log"), "w+")
        self.process = subprocess.Popen(command + ["--config", config], stdin=subprocess.DEVNULL,
                                        stdout=self.log, stderr=subprocess.STDOUT)
        self.url = f"http://127.0.0.1:{self.port}/"

        def answers():
            if self.process.poll() is not None:
                self.log.seek(0)
                raise Failure(f"Radicale exited with {self.process.returncode}: {self.log.read()}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                    return True
            except OSError:
                return False
        wait_for("Radicale to answer", answers)

    def request(self, method, path, body=None, headers=None):
        auth = base64.b64encode(f"{self.user}:{self.password}".encode()).decode()
        request = urllib.request.Request(self.url + path.lstrip("/"), method=method,
                                         data=body.encode() if body is not None else None)
        request.add_header("Authorization", "Basic " + auth)
        for key, value in (headers or {}).items():
            request.add_header(key, value)
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return response.status
        except urllib.error.HTTPError as e:
            raise Failure(f"Radicale answered {method} {path} with {e.code}: {e.read()[:300]}")

    def make_calendar(self, path, name):
        self.request("MKCALENDAR", path, MKCALENDAR.format(name=name),
                     {"Content-Type": "application/xml; charset=utf-8"})

    def put(self, path, text):
        self.request("PUT", path, text, {"Content-Type": "text/calendar; charset=utf-8"})

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()


class HangingProxy:
    """Passes every request on to @upstream, except those whose path starts
    with .hang_prefix: it holds them unanswered until release() (then a
    503). .held counts the requests it holds or has held."""

    def __init__(self, upstream_port):
        proxy = self
        self.hang_prefix = None
        self.held = 0
        self.lock = threading.Lock()
        self.released = threading.Event()

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def handle_any(self):
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else None
                with proxy.lock:
                    hang = proxy.hang_prefix is not None and self.path.startswith(proxy.hang_prefix)
                    if hang:
                        proxy.held += 1
                if hang:
                    proxy.released.wait()
                    self.send_response(503)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                upstream = http.client.HTTPConnection("127.0.0.1", upstream_port, timeout=60)
                headers = {k: v for k, v in self.headers.items()
                           if k.lower() not in ("host", "content-length", "connection")}
                upstream.request(self.command, self.path, body=body, headers=headers)
                answer = upstream.getresponse()
                data = answer.read()
                self.send_response(answer.status, answer.reason)
                for key, value in answer.getheaders():
                    if key.lower() not in ("content-length", "transfer-encoding", "connection"):
                        self.send_header(key, value)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)
                upstream.close()

            do_GET = do_PUT = do_DELETE = do_OPTIONS = do_PROPFIND = do_REPORT = handle_any
            do_HEAD = do_MKCALENDAR = do_PROPPATCH = do_POST = handle_any

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def hang(self, prefix):
        with self.lock:
            self.hang_prefix = prefix

    def release(self):
        with self.lock:
            self.hang_prefix = None
        self.released.set()

    def stop(self):
        self.release()
        self.server.shutdown()
        self.server.server_close()

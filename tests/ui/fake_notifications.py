#!/usr/bin/python3
# tests/ui/fake_notifications.py: a notification server of the UI tests'
# own session bus (org.freedesktop.Notifications, which GLib's GNotification
# speaks outside a sandbox when no org.gtk.Notifications is running). Each
# Notify call is appended to FILE as one JSON line {"summary", "body"}.
#
# Copyright 2026 The Resfri authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
#   fake_notifications.py FILE

import json
import sys

from gi.repository import Gio, GLib

XML = """
<node>
  <interface name="org.freedesktop.Notifications">
    <method name="Notify">
      <arg type="s" direction="in"/><arg type="u" direction="in"/>
      <arg type="s" direction="in"/><arg type="s" direction="in"/>
      <arg type="s" direction="in"/><arg type="as" direction="in"/>
      <arg type="a{sv}" direction="in"/><arg type="i" direction="in"/>
      <arg type="u" direction="out"/>
    </method>
    <method name="CloseNotification"><arg type="u" direction="in"/></method>
    <method name="GetCapabilities"><arg type="as" direction="out"/></method>
    <method name="GetServerInformation">
      <arg type="s" direction="out"/><arg type="s" direction="out"/>
      <arg type="s" direction="out"/><arg type="s" direction="out"/>
    </method>
    <signal name="NotificationClosed"><arg type="u"/><arg type="u"/></signal>
    <signal name="ActionInvoked"><arg type="u"/><arg type="s"/></signal>
  </interface>
</node>
"""


def main():
    path = sys.argv[1]
    info = Gio.DBusNodeInfo.new_for_xml(XML)
    count = [0]

    def method_call(connection, sender, object_path, interface, method, params, invocation):
        if method == "Notify":
            count[0] += 1
            _, _, _, summary, body, _, _, _ = params.unpack()
            with open(path, "a", encoding="utf-8") as f:
                f.write(json.dumps({"summary": summary, "body": body}) + "\n")
            invocation.return_value(GLib.Variant("(u)", (count[0],)))
        elif method == "GetCapabilities":
            invocation.return_value(GLib.Variant("(as)", (["body"],)))
        elif method == "GetServerInformation":
            invocation.return_value(GLib.Variant("(ssss)", ("fake", "resfri", "1", "1.2")))
        else:
            invocation.return_value(None)

    def bus_acquired(connection, name):
        connection.register_object("/org/freedesktop/Notifications", info.interfaces[0],
                                   method_call, None, None)

    def name_acquired(connection, name):
        # The test waits for this line before it starts the application.
        print("ready", flush=True)

    Gio.bus_own_name(Gio.BusType.SESSION, "org.freedesktop.Notifications",
                     Gio.BusNameOwnerFlags.NONE, bus_acquired, name_acquired,
                     lambda *args: sys.exit(1))
    GLib.MainLoop().run()


if __name__ == "__main__":
    main()

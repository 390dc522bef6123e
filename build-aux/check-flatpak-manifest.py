#!/usr/bin/python3
# Checks the Flatpak manifest without flatpak-builder: that it is JSON and
# that it asks for what Resfri needs (a maintained GNOME runtime, 47 or
# later: GNOME 43, the GTK 4.8 / libadwaita 1.2 / GLib 2.74 of Debian 12,
# is end-of-life; the code is built against those versions' API with
# GDK_VERSION_MIN_REQUIRED and friends, so the newer runtime's deprecations
# do not break it; libical and libxlsxwriter pinned to a commit; the tests
# run with the UI built).
#
#   check-flatpak-manifest.py flatpak/se.resfri.Resfri.json

import json
import re
import sys


def fail(message):
    print(f"{sys.argv[1]}: {message}", file=sys.stderr)
    sys.exit(1)


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        try:
            manifest = json.load(f)
        except json.JSONDecodeError as e:
            fail(f"{e.lineno}: {e.msg}")

    expected = {
        "app-id": "se.resfri.Resfri",
        "runtime": "org.gnome.Platform",
        "sdk": "org.gnome.Sdk",
        "command": "resfri",
    }
    for key, value in expected.items():
        if manifest.get(key) != value:
            fail(f"“{key}” should be “{value}”, not “{manifest.get(key)}”")

    # The oldest GNOME runtime still maintained (flathub's EOL list).
    version = str(manifest.get("runtime-version", ""))
    if not re.fullmatch(r"[0-9]+", version) or int(version) < 47:
        fail(f"“runtime-version” should be a maintained GNOME runtime (47 or later), not “{version}”")

    for arg in ["--share=ipc", "--socket=fallback-x11", "--socket=wayland", "--device=dri"]:
        if arg not in manifest.get("finish-args", []):
            fail(f"finish-args lacks {arg}")
    # The database lives in the sandbox's own XDG data folder: no access to
    # the host's files is needed.
    for arg in manifest.get("finish-args", []):
        if arg.startswith("--filesystem="):
            fail(f"finish-args should not need {arg}")

    modules = {m["name"]: m for m in manifest.get("modules", [])}
    if list(modules)[-1:] != ["resfri"]:
        fail("the last module should be resfri")

    libical = modules.get("libical")
    if libical is None or libical.get("buildsystem") != "cmake-ninja":
        fail("libical should be built with cmake-ninja")
    for source in libical["sources"]:
        if source.get("type") == "git":
            if not re.fullmatch(r"[0-9a-f]{40}", source.get("commit", "")):
                fail("the libical git source should name its commit")
            if not source.get("tag"):
                fail("the libical git source should name its tag")
        elif "sha256" not in source:
            fail("every libical source should be pinned")

    # The libraries the runtime lacks (libxlsxwriter for the reports' Excel
    # workbooks, …) are pinned like libical.
    for name, module in modules.items():
        if name == "resfri":
            continue
        for source in module.get("sources", []):
            if source.get("type") == "git":
                if not re.fullmatch(r"[0-9a-f]{40}", source.get("commit", "")) or not source.get("tag"):
                    fail(f"the {name} git source should name its tag and commit")
            elif "sha256" not in source:
                fail(f"every {name} source should be pinned")
    if "libxlsxwriter" not in modules:
        fail("libxlsxwriter (not in the GNOME runtime) should be built as a module")
    if "glpk" not in modules:
        fail("glpk (not in the GNOME runtime) should be built as a module")

    resfri = modules["resfri"]
    if resfri.get("buildsystem") != "meson" or resfri.get("run-tests") is not True:
        fail("resfri should be a meson module with run-tests")
    if "-Dui=true" not in resfri.get("config-opts", []):
        fail("resfri should be built with -Dui=true")


if __name__ == "__main__":
    main()

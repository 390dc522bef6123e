#!/usr/bin/python3
# Checks that the Swedish translation is whole: every source file with a
# translatable string is in po/POTFILES.in (and every file named there
# exists), and every message xgettext finds in them, with the keywords of
# the po folder's GLib preset, is translated in po/sv.po, none fuzzy. A
# file missing from POTFILES.in would leave its strings untranslated
# without a word. Outside a git checkout the sources are not listed.
#
#   check-translations.py SOURCE_ROOT

import os
import re
import subprocess
import sys
import tempfile

TRANSLATABLE = re.compile(rb'(^|[^A-Za-z0-9_])(_|N_|C_|NC_|ngettext|g_dngettext|g_dpgettext2) ?\('
                          rb'|translatable="yes"')
KEYWORDS = ["-k_", "-kN_", "-kC_:1c,2", "-kNC_:1c,2", "-kg_dngettext:2,3", "-kngettext:1,2",
            "-kg_dpgettext2:2c,3"]


def main():
    root = sys.argv[1]
    failures = []
    with open(os.path.join(root, "po", "POTFILES.in"), encoding="utf-8") as f:
        listed = [line.strip() for line in f if line.strip() and not line.startswith("#")]
    for number, path in enumerate(listed, 1):
        if not os.path.exists(os.path.join(root, path)):
            failures.append(f"po/POTFILES.in:{number}: {path} does not exist")

    sources = subprocess.run(["git", "-C", root, "ls-files", "app/*.c", "app/*.ui"],
                             capture_output=True, text=True)
    if sources.returncode == 0:
        for path in sources.stdout.split():
            with open(os.path.join(root, path), "rb") as f:
                if TRANSLATABLE.search(f.read()) and path not in listed:
                    failures.append(f"{path}: has translatable strings but is not in "
                                    "po/POTFILES.in")

    with tempfile.TemporaryDirectory() as tmp:
        pot = os.path.join(tmp, "resfri.pot")
        subprocess.run(["xgettext", "--from-code=UTF-8", "-f", os.path.join(root, "po", "POTFILES.in"),
                        "-D", root, *KEYWORDS, "-o", pot], check=True)
        merged = os.path.join(tmp, "sv.po")
        subprocess.run(["msgmerge", "-q", "--no-fuzzy-matching", "-o", merged,
                        os.path.join(root, "po", "sv.po"), pot], check=True)
        for kind in ("--untranslated", "--only-fuzzy"):
            left = subprocess.run(["msgattrib", kind, "--no-obsolete", merged],
                                  capture_output=True, text=True, check=True).stdout
            for msgid in re.findall(r'^msgid "(.+)"$', left, re.M):
                failures.append(f"po/sv.po: {'untranslated' if kind == '--untranslated' else 'fuzzy'}: "
                                f"“{msgid}”")
        subprocess.run(["msgfmt", "-c", "-o", os.devnull, os.path.join(root, "po", "sv.po")],
                       check=True)

    for failure in failures:
        print(failure, file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/python3
# tests/test-report-privacy.py: the politicians' reports never name a
# person (spec/privacy.md "Reports"). On the demo, the follow-up in every
# format (text, JSON, CSV, XLSX, PDF) is read back (the PDF through
# pdftotext, the XLSX's cells through openpyxl and every XML part of it as
# text) and must hold no e-mail address and no name of the people register
# or of an attendee. So must the gaps (every format, by unit, transfers):
# only `gaps --people`, for IT, names people; and the what-if.
#
# RESFRI_CLI names the program. Prints TAP.

import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import zipfile

EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")
CLI = os.environ.get("RESFRI_CLI", "resfri-cli")
YEAR = "2026"


def cli(db, *args):
    result = subprocess.run([CLI, "--db", db] + list(args), capture_output=True)
    if result.returncode != 0:
        raise SystemExit("resfri-cli %s failed: %s" % (" ".join(args), result.stderr.decode()))
    return result.stdout


def xlsx_text(path):
    parts = []
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            if name.endswith(".xml") or name.endswith(".rels"):
                parts.append(archive.read(name).decode("utf-8"))
    try:
        import openpyxl
    except ImportError:
        return "\n".join(parts)
    book = openpyxl.load_workbook(path, read_only=True)
    for sheet in book.worksheets:
        parts.append(sheet.title)
        for row in sheet.iter_rows(values_only=True):
            parts.extend(str(value) for value in row if value is not None)
    return "\n".join(parts)


def pdf_text(path):
    return subprocess.run(["pdftotext", "-enc", "UTF-8", path, "-"], capture_output=True,
                          check=True).stdout.decode("utf-8")


def names_of_people(db):
    connection = sqlite3.connect(db)
    names = set()
    for (name,) in connection.execute("SELECT name FROM people WHERE name IS NOT NULL"
                                      " UNION SELECT name FROM attendees"
                                      " WHERE name IS NOT NULL AND cutype IS NOT 'ROOM'"
                                      "   AND email NOT IN (SELECT email FROM rooms)"):
        names.add(name)
    connection.close()
    return names


def leaks(text, names):
    found = EMAIL.findall(text)
    # A name is matched as a whole: "Anna Berg", not "Berg" inside a word.
    found += [name for name in names if re.search(r"(?<!\w)%s(?!\w)" % re.escape(name), text)]
    return found


def main():
    if shutil.which("pdftotext") is None:
        print("1..0 # SKIP pdftotext is missing")
        return 0
    directory = tempfile.mkdtemp(prefix="resfri-privacy-")
    db = os.path.join(directory, "demo.db")
    cli(db, "demo", "--year", YEAR)
    names = names_of_people(db)
    assert len(names) > 500, len(names)

    outputs = []
    for fmt in ["text", "json", "csv"]:
        outputs.append(("report " + fmt, cli(db, "report", "--period", YEAR, "--format",
                                              fmt).decode("utf-8")))
    for fmt, reader in [("xlsx", xlsx_text), ("pdf", pdf_text)]:
        path = os.path.join(directory, "report." + fmt)
        cli(db, "report", "--period", YEAR, "--format", fmt, "-o", path)
        outputs.append(("report " + fmt, reader(path)))

    horizon = ["--from", YEAR + "-01-01", "--to", str(int(YEAR) + 1) + "-01-01"]
    for extra in [[], ["--by-unit"], ["--transfers"]]:
        for fmt in ["text", "json", "csv"]:
            outputs.append((" ".join(["gaps"] + extra + [fmt]),
                            cli(db, "gaps", *horizon, *extra, "--format", fmt).decode("utf-8")))
    path = os.path.join(directory, "gaps.xlsx")
    cli(db, "gaps", *horizon, "--format", "xlsx", "-o", path)
    outputs.append(("gaps xlsx", xlsx_text(path)))
    outputs.append(("whatif text", cli(db, "whatif", "--period", YEAR, "--target-share", "0.9")
                    .decode("utf-8")))
    # A meeting's UID often looks like an address ("…@google.com"): it
    # names the meeting, not a person, so the check reads every other value.
    whatif = json.loads(cli(db, "whatif", "--period", YEAR, "--target-share", "0.9",
                            "--format", "json"))
    for conversion in whatif["conversions"]:
        del conversion["uid"]
    outputs.append(("whatif json", json.dumps(whatif, ensure_ascii=False)))

    print("1..%d" % len(outputs))
    failed = 0
    for number, (what, text) in enumerate(outputs, 1):
        found = leaks(text, names)
        # The check must see the report: it is not empty.
        if len(text) < 100:
            found.append("(almost nothing read: %d characters)" % len(text))
        if found:
            failed += 1
            print("not ok %d %s names %s" % (number, what, ", ".join(sorted(set(found))[:5])))
        else:
            print("ok %d %s holds no address and no name (%d characters)"
                  % (number, what, len(text)))
    shutil.rmtree(directory)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

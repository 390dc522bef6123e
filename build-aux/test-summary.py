#!/usr/bin/env python3
# Reads meson test logs (testlog*.json) and prints one closing line:
# "Summary: N passed, N failed, N skipped".
#
#   test-summary.py LOG                  one run
#   test-summary.py LABEL=LOG ...        several runs (build-aux/test: the
#                                        main build, ASan/UBSan, valgrind,
#                                        fuzzing): a labelled line for each,
#                                        then the Summary line over all
#
# Exit status 1 when a test failed, a log is missing or nothing ran.
import json
import sys


def count(path):
    passed = failed = skipped = 0
    with open(path, encoding="utf-8") as log:
        for line in log:
            line = line.strip()
            if not line:
                continue
            result = json.loads(line).get("result", "")
            if result in ("OK", "EXPECTEDFAIL"):
                passed += 1
            elif result == "SKIP":
                skipped += 1
            else:
                failed += 1
    return passed, failed, skipped


runs = []
for arg in sys.argv[1:]:
    label, sep, path = arg.partition("=")
    runs.append((label, path) if sep else (None, arg))

total = [0, 0, 0]
missing = False
for label, path in runs:
    try:
        passed, failed, skipped = count(path)
    except OSError as error:
        print(f"build-aux/test: no test log{' for ' + label if label else ''}: {error}",
              file=sys.stderr)
        if label:
            print(f"  {label}: no test log (not built?), counted as 1 failed")
        total[1] += 1
        missing = True
        continue
    if label:
        print(f"  {label}: {passed} passed, {failed} failed, {skipped} skipped")
    total[0] += passed
    total[1] += failed
    total[2] += skipped

print(f"Summary: {total[0]} passed, {total[1]} failed, {total[2]} skipped")
sys.exit(0 if total[0] + total[1] > 0 and total[1] == 0 and not missing else 1)

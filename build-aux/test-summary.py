#!/usr/bin/env python3
# Reads meson's testlog.json and prints one closing line:
# "Summary: N passed, N failed, N skipped" (exit 1 when nothing ran).
import json
import sys

passed = failed = skipped = 0
try:
    with open(sys.argv[1], encoding="utf-8") as log:
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
except OSError as error:
    print(f"build-aux/test: no test log: {error}", file=sys.stderr)
    sys.exit(1)

print(f"Summary: {passed} passed, {failed} failed, {skipped} skipped")
sys.exit(0 if passed + failed > 0 else 1)

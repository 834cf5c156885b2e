#!/usr/bin/env sh
# Exercism's test runner (https://exercism.org/docs/building/tooling/test-runners/interface):
#
#     bin/run.sh <exercise slug> <input directory> <output directory>
#
# grades the solution in the input directory (a folder holding model.ts) with the assignment the
# slug names, and writes results.json, version 3, to the output directory. It exits 0 whenever it
# ran, whatever the tests' status; a solution that cannot be graded (or a slug that names no
# assignment) is a results.json with status "error" and the reason.
set -u
if [ "$#" -ne 3 ]; then
  echo "usage: bin/run.sh <exercise slug> <input directory> <output directory>" >&2
  exit 2
fi
slug="$1"
input="${2%/}"
output="${3%/}"
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/gradecheck-exercism-XXXXXX")"
trap 'rm -rf "$work"' EXIT
mkdir -p "$output"
node "$root/bin/gradecheck.mjs" grade "$input" --assignment "$slug" --format exercism \
  --out "$work/report.json" --quiet 2> "$work/stderr.txt"
if [ -f "$work/report.exercism.json" ]; then
  cp "$work/report.exercism.json" "$output/results.json"
else
  node -e '
    const fs = require("node:fs");
    const why = fs.readFileSync(process.argv[1], "utf8").trim() || "the test runner failed";
    const results = { version: 3, status: "error", message: why.slice(0, 65535), tests: [] };
    fs.writeFileSync(process.argv[2], `${JSON.stringify(results, null, 2)}\n`);
  ' "$work/stderr.txt" "$output/results.json"
fi
exit 0

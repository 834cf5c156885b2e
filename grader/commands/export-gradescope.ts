/**
 * `gradecheck export gradescope --out autograder.zip`: the Gradescope autograder bundle. Gradescope
 * unpacks it into /autograder/source of a fresh container per submission, runs `setup.sh` once
 * when the image is built, then `run_autograder` for each submission, which grades
 * /autograder/submission and writes /autograder/results/results.json. The bundle holds the whole
 * package, reference included: it is the instructor's grader, never given to learners.
 */
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { strToU8, type Zippable, zipSync } from "fflate";
import { ExitError } from "./errors.ts";
import { ensureFolderOf } from "./folders.ts";

export interface ExportOptions {
  root: string;
  out: string;
  assignment: string;
}

/** What the bundle carries of the package (relative to its root): the instructor's whole grader. */
export const PACKAGE_FILES = [
  "assignments",
  "reference",
  "grader",
  "bin",
  "package.json",
  "package-lock.json",
  "tsconfig.json",
];

const SETUP = `#!/usr/bin/env bash
# Runs once when Gradescope builds the autograder image: Node.js 20 and the grader's dependencies.
set -euo pipefail
if ! command -v node >/dev/null || [ "$(node -p 'process.versions.node.split(".")[0]')" -lt 20 ]; then
  apt-get update
  apt-get install -y ca-certificates curl gnupg
  curl -fsSL https://deb.nodesource.com/setup_20.x | bash -
  apt-get install -y nodejs
fi
cd /autograder/source
npm ci --omit=dev --no-audit --no-fund
`;

/** The per-submission script; GRADECHECK_AUTOGRADER_ROOT stands in for /autograder in tests. */
function runAutograder(assignment: string): string {
  return `#!/usr/bin/env bash
# Runs for each submission: grades /autograder/submission into /autograder/results/results.json.
set -u
ROOT="\${GRADECHECK_AUTOGRADER_ROOT:-/autograder}"
mkdir -p "$ROOT/results"
cd "$ROOT/source"
# A fresh seed for every submission (Gradescope passes none): hidden inputs differ from learner
# to learner and from try to try, and the report records the seed that replays them.
SEED="$(od -An -N4 -tu4 /dev/urandom | tr -d ' \n')"
node bin/gradecheck.mjs grade "$ROOT/submission" --assignment ${assignment} --seed "$SEED" \\
  --out "$ROOT/results/report.json" --format gradescope --quiet 2> "$ROOT/results/stderr.txt"
if [ -f "$ROOT/results/report.gradescope.json" ]; then
  mv "$ROOT/results/report.gradescope.json" "$ROOT/results/results.json"
else
  # gradecheck could not grade at all (no model.ts, say): tell the learner why, with 0 points.
  node -e 'const fs = require("fs"); const why = fs.readFileSync(process.argv[1], "utf8").slice(0, 2000);
    fs.writeFileSync(process.argv[2], JSON.stringify({ score: 0, output: "gradecheck could not grade this submission:\\n" + why, tests: [] }));' \\
    "$ROOT/results/stderr.txt" "$ROOT/results/results.json"
fi
`;
}

function addTree(zip: Zippable, root: string, path: string): void {
  const full = join(root, path);
  if (statSync(full).isDirectory()) {
    for (const entry of readdirSync(full)) addTree(zip, root, join(path, entry));
  } else {
    zip[relative(root, full)] = new Uint8Array(readFileSync(full));
  }
}

/** The bundle's files, by path (pure apart from reading the package). */
export function gradescopeBundle({ root, assignment }: Omit<ExportOptions, "out">): Zippable {
  if (!existsSync(join(root, "assignments", assignment, "assignment.json"))) {
    throw new ExitError(2, `unknown assignment "${assignment}"`);
  }
  const zip: Zippable = {
    "setup.sh": [strToU8(SETUP), { os: 3, attrs: 0o755 << 16 }],
    run_autograder: [strToU8(runAutograder(assignment)), { os: 3, attrs: 0o755 << 16 }],
  };
  for (const path of PACKAGE_FILES) if (existsSync(join(root, path))) addTree(zip, root, path);
  return zip;
}

export function runExportGradescope(options: ExportOptions, print: (line: string) => void): void {
  ensureFolderOf(options.out);
  writeFileSync(options.out, zipSync(gradescopeBundle(options)));
  print(`wrote the Gradescope autograder to ${options.out}`);
}

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
import { loadManifest, type Manifest, plannedTests } from "../core/manifest.ts";
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

/** Node.js on Gradescope: the current LTS line, pinned; 22 (the previous LTS) is accepted as found. */
export const GRADESCOPE_NODE = "24.22.3";

/**
 * What the grading may take in Gradescope's default container (10 minutes, 768 MB): the whole run
 * within 540 s (a minute is left to start Node and write the results), and the learner's process
 * a 256 MB heap (with the grader's own ~200 MB, the two stay well inside 768 MB).
 */
export const GRADESCOPE_LIMITS = { runSeconds: 540, heapMb: 256 };

/**
 * Runs once when Gradescope builds the autograder image (Ubuntu, as root): Node.js unless 22 or
 * later is there, from nodejs.org at the pinned version, checked against its published SHA-256;
 * then the grader's dependencies, TypeScript included (each submission's types are checked).
 * GRADECHECK_AUTOGRADER_ROOT stands in for /autograder, and GRADECHECK_NODE_PREFIX for
 * /usr/local, in tests.
 */
const SETUP = `#!/usr/bin/env bash
set -euo pipefail
ROOT="\${GRADECHECK_AUTOGRADER_ROOT:-/autograder}"
PREFIX="\${GRADECHECK_NODE_PREFIX:-/usr/local}"
NODE_VERSION=${GRADESCOPE_NODE}
major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }
if ! command -v node >/dev/null || [ "$(major)" -lt 22 ]; then
  case "$(uname -m)" in
    x86_64) ARCH=x64 ;;
    aarch64 | arm64) ARCH=arm64 ;;
    *) echo "no Node.js build for $(uname -m)" >&2; exit 1 ;;
  esac
  apt-get update -qq
  apt-get install -y -qq ca-certificates curl xz-utils
  TARBALL="node-v$NODE_VERSION-linux-$ARCH.tar.xz"
  WORK="$(mktemp -d)"
  cd "$WORK"
  curl -fsSLO "https://nodejs.org/dist/v$NODE_VERSION/$TARBALL"
  curl -fsSLO "https://nodejs.org/dist/v$NODE_VERSION/SHASUMS256.txt"
  grep " $TARBALL\\$" SHASUMS256.txt | sha256sum -c -
  tar -xJf "$TARBALL" -C "$PREFIX" --strip-components=1
  cd /
  rm -rf "$WORK"
fi
cd "$ROOT/source"
npm ci --no-audit --no-fund
`;

/**
 * The per-submission script: grades /autograder/submission (found as every command finds a
 * submission) into /autograder/results/results.json, within the container's limits, and prints
 * the summary to the autograder's output, which Gradescope shows instructors (the results hide it
 * from learners). GRADECHECK_AUTOGRADER_ROOT stands in for /autograder in tests.
 */
function runAutograder(assignment: string): string {
  return `#!/usr/bin/env bash
set -u
ROOT="\${GRADECHECK_AUTOGRADER_ROOT:-/autograder}"
mkdir -p "$ROOT/results"
cd "$ROOT/source"
# A fresh seed for every submission (Gradescope passes none): hidden inputs differ from learner
# to learner and from try to try, and the report records the seed that replays them.
SEED="$(od -An -N4 -tu4 /dev/urandom | tr -d ' \\n')"
node bin/gradecheck.mjs grade "$ROOT/submission" --assignment ${assignment} --seed "$SEED" \\
  --run-seconds ${GRADESCOPE_LIMITS.runSeconds} --heap-mb ${GRADESCOPE_LIMITS.heapMb} \\
  --out "$ROOT/results/report.json" --format gradescope 2>&1 | tee "$ROOT/results/output.txt"
if [ -f "$ROOT/results/report.gradescope.json" ]; then
  mv "$ROOT/results/report.gradescope.json" "$ROOT/results/results.json"
else
  # gradecheck could not grade at all: tell the learner why, with 0 points.
  node -e 'const fs = require("fs"); const why = fs.readFileSync(process.argv[1], "utf8").slice(0, 2000);
    fs.writeFileSync(process.argv[2], JSON.stringify({ score: 0, output: "gradecheck could not grade this submission:\\n" + why, output_format: "text", visibility: "visible", stdout_visibility: "hidden", tests: [] }));' \\
    "$ROOT/results/output.txt" "$ROOT/results/results.json"
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
  const manifest = loadManifest(
    join(options.root, "assignments", options.assignment, "assignment.json"),
  );
  const total = totalPoints(manifest);
  print(`wrote the Gradescope autograder to ${options.out}`);
  print(
    `on Gradescope: set the assignment's total to ${total} points (every test, hidden ones included); the autograder needs no more than the default container (10 minutes, 768 MB)`,
  );
}

/** The points of every test of the manifest, hidden ones included: what results.json's score is out of. */
export function totalPoints(manifest: Manifest): number {
  const sum = plannedTests(manifest).reduce((total, { test }) => total + test.points, 0);
  return Number(sum.toFixed(6));
}

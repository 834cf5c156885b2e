/**
 * `gradecheck release --out <folder>`: the folder a learner gets (a GitHub Classroom template or a
 * zip). It holds the assignments (stubs, manifests without their hidden tests, READMEs, visible
 * expected values, generators), the array module and the grader, and the package files; never
 * `reference/`, hidden test cases or their seeds, or the project's own tests.
 */
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { ExitError } from "../errors.ts";
import { BEGIN_MARKER, generateStub } from "../stubs.ts";

export interface ReleaseOptions {
  root: string;
  out: string;
}

/** What a learner's copy holds, relative to the package root. */
const COPIED = ["assignments", "grader", "bin", "package-lock.json", "tsconfig.json", "biome.json"];

/** The learner's .gitignore: dependencies, and every file gradecheck writes. */
export const LEARNER_GITIGNORE = [
  "node_modules/",
  "gradecheck-report.*",
  "gradecheck-batch/",
  "*.log",
  "",
].join("\n");

/** The manifest without its hidden tests: their cases and seeds stay with the instructor. */
export function visibleManifest(manifest: { functions: { tests: { visibility: string }[] }[] }) {
  return {
    ...manifest,
    functions: manifest.functions.map((f) => ({
      ...f,
      tests: f.tests.filter((t) => t.visibility === "visible"),
    })),
  };
}

/** The learner's package.json: the same dependencies, the commands a learner runs. */
function learnerPackage(root: string): string {
  const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as Record<
    string,
    unknown
  >;
  const scripts = pkg.scripts as Record<string, string>;
  const keep = ["grade", "gradcheck", "typecheck"];
  return `${JSON.stringify({ ...pkg, scripts: Object.fromEntries(keep.filter((k) => scripts[k]).map((k) => [k, scripts[k]])) }, null, 2)}\n`;
}

/** Files under `dir` with a line that is exactly `line` once trimmed (a solution marker, say). */
export function filesWithLine(dir: string, line: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    if (path.includes("node_modules")) continue;
    if (
      readFileSync(path, "utf8")
        .split("\n")
        .some((l) => l.trim() === line)
    )
      found.push(path);
  }
  return found;
}

export function runRelease({ root, out }: ReleaseOptions, print: (line: string) => void): void {
  if (existsSync(out) && readdirSync(out).length > 0) {
    throw new ExitError(2, `${out} is not empty: name a new or empty folder for the release`);
  }
  mkdirSync(out, { recursive: true });
  for (const name of COPIED) {
    if (existsSync(join(root, name)))
      cpSync(join(root, name), join(out, name), { recursive: true });
  }
  writeFileSync(join(out, "package.json"), learnerPackage(root));
  writeFileSync(join(out, ".gitignore"), LEARNER_GITIGNORE);
  // The learner's repository grades itself on every push and pull request.
  mkdirSync(join(out, ".github", "workflows"), { recursive: true });
  cpSync(join(root, "grader/templates/github-grade.yml"), join(out, ".github/workflows/grade.yml"));
  const assignments = join(out, "assignments");
  for (const id of readdirSync(assignments)) {
    const manifestPath = join(assignments, id, "assignment.json");
    if (!existsSync(manifestPath)) continue;
    const manifest = JSON.parse(readFileSync(manifestPath, "utf8"));
    writeFileSync(manifestPath, `${JSON.stringify(visibleManifest(manifest), null, 2)}\n`);
    // The stub is written afresh from the reference, never copied: the instructor's working
    // copy may hold their own answers.
    const reference = join(root, "reference", id, "model.ts");
    if (existsSync(reference)) {
      writeFileSync(
        join(assignments, id, "model.ts"),
        generateStub(readFileSync(reference, "utf8"), reference),
      );
    }
  }
  writeFileSync(
    join(out, "README.md"),
    [
      "# Your assignments",
      "",
      "```sh",
      "npm install && npm run grade",
      "```",
      "",
      "grades your `assignments/planar-classifier/model.ts`; `npm run gradcheck` checks your backward pass",
      "against numeric gradients. Each assignment's text is in `assignments/<name>/README.md`.",
      "",
    ].join("\n"),
  );
  const leaked = filesWithLine(out, BEGIN_MARKER);
  if (leaked.length > 0 || existsSync(join(out, "reference"))) {
    rmSync(out, { recursive: true, force: true });
    throw new Error(
      `gradecheck bug: the release would contain solution code (${leaked.join(", ")})`,
    );
  }
  print(`wrote the learner release to ${out}`);
}

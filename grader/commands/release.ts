/**
 * `gradecheck release --out <folder>`: the folder a learner gets (a GitHub Classroom template or a
 * zip). It holds the assignments (stubs, manifests without their hidden tests, READMEs, visible
 * expected values, generators), the array module and the grader, and the package files; never
 * `reference/`, hidden test cases or their seeds, or the project's own tests.
 */
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { BEGIN_MARKER, END_MARKER, generateStub } from "../pipeline/stubs.ts";
import { COURSE_FILE } from "./choose-assignment.ts";
import { ExitError } from "./errors.ts";
import { ensureFolder } from "./folders.ts";
import { referenceModels } from "./stubs.ts";

export interface ReleaseOptions {
  root: string;
  out: string;
  /**
   * The assignment released: one per learner repository (a later assignment's given helpers may
   * be an earlier one's answer, as the deep network's sigmoid is).
   */
  assignment: string;
}

/** What a learner's copy holds, relative to the package root. */
const COPIED = ["assignments", "grader", "bin", "package-lock.json", "tsconfig.json", "biome.json"];

/** The learner's .gitignore: dependencies, and every file gradecheck writes. */
export const LEARNER_GITIGNORE = [
  "node_modules/",
  "dist/",
  "dist.*/",
  "gradecheck-report.*",
  "gradecheck-train.*",
  "gradecheck-batch/",
  "*.log",
  "",
].join("\n");

/** The learner's visible tests as a vitest suite, graded by gradecheck itself (vitest-suite.ts). */
const LEARNER_SUITE = `/**
 * Your visible tests, one vitest test per gradecheck test, graded by gradecheck itself:
 * \`npx vitest\` runs them again each time you save, \`npx vitest -t sigmoid\` runs one function's.
 */
import { defineLearnerSuite } from "./grader/commands/vitest-suite.ts";

await defineLearnerSuite(import.meta.dirname);
`;

const LEARNER_VITEST_CONFIG = `import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["gradecheck.test.ts"],
    // Your model is graded in a child process, not imported: saving it must run the tests again.
    forceRerunTriggers: ["**/assignments/**/*.ts", "**/assignments/**/*.json"],
    testTimeout: 120_000,
  },
});
`;

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

/**
 * The learner's package.json: the same dependencies, the commands a learner runs (`train` only
 * for an assignment that has a trainer).
 */
function learnerPackage(root: string, trains: boolean): string {
  const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as Record<
    string,
    unknown
  >;
  const scripts = pkg.scripts as Record<string, string>;
  // `prepare` builds the command (bin/bundle.mjs) when the learner installs.
  const keep = ["prepare", "grade", "gradcheck", ...(trains ? ["train"] : []), "typecheck"];
  const learnerScripts = {
    ...Object.fromEntries(keep.filter((k) => scripts[k]).map((k) => [k, scripts[k]])),
    // A learner's tests: their code type-checks, and is graded against the visible tests.
    test: "npm run typecheck && npm run grade",
  };
  return `${JSON.stringify({ ...pkg, scripts: learnerScripts }, null, 2)}\n`;
}

/** Shortest statement, once normalized, that the leak scan looks for: shorter ones are idioms. */
const MIN_STATEMENT = 20;

/**
 * Text without white space (and, with `dropComments`, without comments), with the line each
 * remaining character came from. The scanned files keep their comments: a solution pasted into
 * a comment is a leak too.
 */
function normalized(text: string, dropComments: boolean): { text: string; lines: number[] } {
  let out = "";
  const lines: number[] = [];
  text.split("\n").forEach((raw, index) => {
    const line = dropComments ? raw.replace(/\/\*.*?\*\//g, "").replace(/\/\/.*$/, "") : raw;
    for (const char of line) {
      if (/\s/.test(char)) continue;
      out += char;
      lines.push(index + 1);
    }
  });
  return { text: out, lines };
}

/**
 * Every statement of a reference's solution regions (between the markers), normalized: white
 * space and comments ignored, split at semicolons, without its `const x =` or `return`, those of
 * at least MIN_STATEMENT characters that compute with arrays.
 */
export function solutionStatements(source: string): string[] {
  const regions: string[] = [];
  let inside = false;
  for (const line of source.split("\n")) {
    if (line.trim() === BEGIN_MARKER) inside = true;
    else if (line.trim() === END_MARKER) inside = false;
    else if (inside) regions.push(line);
  }
  const statements = normalized(regions.join("\n"), true)
    .text.split(";")
    // What a statement computes: `const x = <this>` or `return <this>` may stand elsewhere as
    // an arrow function's body or an object's field.
    .map((statement) => statement.replace(/^(return|(const|let|var)[^=]*=(?!=))/, ""))
    // Computation, not glue: a call of the assignment's own functions with its own names is its
    // documented interface (the README shows `forwardPropagation(X, parameters)`).
    .filter((statement) => statement.length >= MIN_STATEMENT && /np\.|\.shape\b/.test(statement));
  return [...new Set(statements)];
}

/**
 * Where a file under `dir` holds one of `statements`, or a solution marker line: "path:line", in
 * one walk over the files.
 */
export function solutionLeaks(dir: string, statements: string[]): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    if (path.includes("node_modules")) continue;
    const bytes = readFileSync(path);
    if (bytes.includes(0)) continue;
    const source = bytes.toString("utf8");
    const shown = relative(dir, path);
    source.split("\n").forEach((line, k) => {
      if (line.trim() === BEGIN_MARKER) found.push(`${shown}:${k + 1} (a solution marker)`);
    });
    const { text, lines } = normalized(source, false);
    for (const statement of statements) {
      const at = text.indexOf(statement);
      if (at >= 0) found.push(`${shown}:${lines[at]}`);
    }
  }
  return found;
}

export function runRelease(
  { root, out, assignment }: ReleaseOptions,
  print: (line: string) => void,
): void {
  if (existsSync(out) && readdirSync(out).length > 0) {
    throw new ExitError(2, `${out} is not empty: name a new or empty folder for the release`);
  }
  ensureFolder(out);
  for (const name of COPIED) {
    if (existsSync(join(root, name)))
      cpSync(join(root, name), join(out, name), { recursive: true });
  }
  const { functions, train } = JSON.parse(
    readFileSync(join(root, "assignments", assignment, "assignment.json"), "utf8"),
  ) as { functions: { name: string; tests: { name: string }[] }[]; train?: string };
  writeFileSync(join(out, "package.json"), learnerPackage(root, train !== undefined));
  writeFileSync(join(out, ".gitignore"), LEARNER_GITIGNORE);
  writeFileSync(join(out, "gradecheck.test.ts"), LEARNER_SUITE);
  writeFileSync(join(out, "vitest.config.ts"), LEARNER_VITEST_CONFIG);
  // The learner's repository grades itself on every push and pull request.
  ensureFolder(join(out, ".github", "workflows"));
  cpSync(join(root, "grader/templates/github-grade.yml"), join(out, ".github/workflows/grade.yml"));
  // GitHub Classroom's autograding, which records the points in Classroom.
  cpSync(
    join(root, "grader/templates/github-classroom.yml"),
    join(out, ".github/workflows/classroom.yml"),
  );
  const assignments = join(out, "assignments");
  for (const id of readdirSync(assignments)) {
    const manifestPath = join(assignments, id, "assignment.json");
    if (!existsSync(manifestPath)) continue;
    if (id !== assignment) {
      rmSync(join(assignments, id), { recursive: true, force: true });
      continue;
    }
    const manifest = JSON.parse(readFileSync(manifestPath, "utf8"));
    writeFileSync(manifestPath, `${JSON.stringify(visibleManifest(manifest), null, 2)}\n`);
  }
  writeFileSync(join(out, COURSE_FILE), `${JSON.stringify({ current: assignment }, null, 2)}\n`);
  // Each stub is written afresh from its reference, never copied: the instructor's working copy
  // may hold their own answers.
  const references = referenceModels(root).filter(({ stub }) =>
    relative(root, stub).startsWith(`assignments/${assignment}/`),
  );
  for (const { reference, stub } of references) {
    writeFileSync(
      join(out, relative(root, stub)),
      generateStub(readFileSync(reference, "utf8"), relative(root, reference)),
    );
  }
  const graded = `\`assignments/${assignment}/model.ts\``;
  // The vitest example names the assignment's first function and its first test.
  const [first] = functions;
  const example = first ? `${first.name} › ${first.tests[0]?.name ?? ""}` : "";
  writeFileSync(
    join(out, "README.md"),
    [
      "# Your assignment",
      "",
      "```sh",
      "npm install && npm run grade",
      "```",
      "",
      `grades your ${graded}; \`npm run gradcheck\` checks your backward pass`,
      // Only an assignment with a trainer has anything to train (gradient checking has none).
      train
        ? "against numeric gradients; `npm run train` trains your network on the assignment's data and\nprints its accuracy; `npm run typecheck` checks your types; and `npm test` type-checks your"
        : "against numeric gradients; `npm run typecheck` checks your types; and `npm test` type-checks your",
      `code, then grades it. The assignment's text is in \`assignments/${assignment}/README.md\`.`,
      "",
      "While you work, `npx vitest` runs your visible tests again each time you save, one vitest test",
      `per gradecheck test (\`${example}\`), failing with gradecheck's own message;`,
      `\`npx vitest -t ${first?.name}\` runs one function's tests, and a vitest extension for your`,
      "editor shows the results next to your code.",
      "",
    ].join("\n"),
  );
  // Last, the proof: no reference folder, and no marker or statement of any solution region
  // anywhere in what was written (a working copy, a helper that computes the answers...).
  const statements = references.flatMap(({ reference }) =>
    solutionStatements(readFileSync(reference, "utf8")),
  );
  const leaked = [
    ...(existsSync(join(out, "reference")) ? ["reference/"] : []),
    ...solutionLeaks(out, statements),
  ];
  if (leaked.length > 0) {
    rmSync(out, { recursive: true, force: true });
    throw new ExitError(
      1,
      `the release would contain solution code, so nothing was written:\n${leaked.map((l) => `  ${l}`).join("\n")}`,
    );
  }
  print(`wrote the learner release to ${out}`);
}

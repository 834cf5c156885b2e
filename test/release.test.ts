import { spawnSync } from "node:child_process";
import {
  copyFileSync,
  cpSync,
  existsSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ExitError } from "../grader/commands/errors.ts";
import { PACKAGE_FILES } from "../grader/commands/export-gradescope.ts";
import { runRelease, solutionLeaks } from "../grader/commands/release.ts";
import { PACKAGE_ROOT } from "../grader/core/paths.ts";
import { reportProblems } from "../grader/render/json.ts";
import { tempDir, thrown } from "./helpers.ts";

const PLANAR = "planar-classifier";

const manifest = JSON.parse(
  readFileSync(join(PACKAGE_ROOT, "assignments/planar-classifier/assignment.json"), "utf8"),
) as {
  functions: { tests: { id: string; visibility: string; points: number; check?: string }[] }[];
};
const tests = manifest.functions.flatMap((f) => f.tests);

/** A copy of the instructor's repository, to change before releasing it. */
function instructorCopy(): string {
  const root = join(tempDir("gradecheck-release-root-"), "root");
  // What the instructor's package is: the Gradescope bundle carries the same.
  for (const name of PACKAGE_FILES)
    cpSync(join(PACKAGE_ROOT, name), join(root, name), { recursive: true });
  return root;
}

describe("gradecheck release", () => {
  it("holds no reference, no solution, no hidden test; grades the stubs to 0 and the reference to full visible marks", () => {
    const out = join(tempDir("gradecheck-release-"), "release");
    runRelease({ root: PACKAGE_ROOT, out, assignment: PLANAR }, () => {});
    expect(existsSync(join(out, "reference"))).toBe(false);
    expect(existsSync(join(out, "test"))).toBe(false);
    expect(solutionLeaks(out, [])).toEqual([]);
    const workflow = readFileSync(join(out, ".github/workflows/grade.yml"), "utf8");
    expect(workflow).toContain("on:\n  push:\n  pull_request:");
    expect(workflow.match(/FAIL_UNDER: /g)).toHaveLength(1);
    expect(workflow).toContain('--fail-under "$FAIL_UNDER"');
    expect(workflow).toContain('>> "$GITHUB_STEP_SUMMARY"');
    expect(workflow).toContain("actions/upload-artifact");
    // GitHub Classroom's autograding, which records the points in Classroom.
    expect(readFileSync(join(out, ".github/workflows/classroom.yml"), "utf8")).toContain(
      "classroom-resources/autograding-grading-reporter@v1",
    );
    const read = (file: string) =>
      JSON.parse(readFileSync(join(out, "assignments/planar-classifier", file), "utf8"));
    const shipped = read("assignment.json") as typeof manifest;
    const visibleIds = tests.filter((t) => t.visibility === "visible").map((t) => t.id);
    expect(shipped.functions.flatMap((f) => f.tests.map((t) => t.id))).toEqual(visibleIds);
    const fixtureIds = Object.keys(read("expected.json").tests);
    for (const t of tests.filter((x) => x.visibility === "hidden"))
      expect(fixtureIds).not.toContain(t.id);
    expect(readFileSync(join(out, "assignments/planar-classifier/model.ts"), "utf8")).toContain(
      'throw new NotImplementedError("sigmoid")',
    );

    // The release installs what its own package.json names; here the same packages are linked in.
    symlinkSync(join(PACKAGE_ROOT, "node_modules"), join(out, "node_modules"));
    const gradeIt = () => {
      const result = spawnSync(
        process.execPath,
        [join(out, "bin/gradecheck.mjs"), "grade", "--json", "--out", join(out, "r.json")],
        { cwd: out, encoding: "utf8" },
      );
      expect(result.status, result.stderr).toBe(0);
      const report = JSON.parse(result.stdout);
      expect(reportProblems(report)).toEqual([]);
      return report as { score: number; maxScore: number; hidden: { ran: boolean; tests: number } };
    };
    const stubs = gradeIt();
    // Visible tests only, and not the one that judges with the reference.
    const visibleMax = tests
      .filter((t) => t.visibility === "visible" && t.check !== "trainingAccuracy")
      .reduce((s, t) => s + t.points, 0);
    expect(stubs).toMatchObject({
      score: 0,
      maxScore: visibleMax,
      hidden: { ran: false, tests: 0 },
    });
    copyFileSync(
      join(PACKAGE_ROOT, "reference/planar-classifier/model.ts"),
      join(out, "assignments/planar-classifier/model.ts"),
    );
    expect(gradeIt()).toMatchObject({ score: visibleMax, maxScore: visibleMax });
  }, 60_000);

  it("refuses a folder that is not empty", () => {
    const out = tempDir("gradecheck-release-full-");
    runRelease({ root: PACKAGE_ROOT, out: join(out, "a"), assignment: PLANAR }, () => {});
    expect(() =>
      runRelease({ root: PACKAGE_ROOT, out: join(out, "a"), assignment: PLANAR }, () => {}),
    ).toThrow("is not empty");
  });

  it("writes each stub afresh from the reference, whatever the instructor's working copy holds", () => {
    // An instructor who tried the assignment: their working copy is the solution.
    const root = instructorCopy();
    const solution = readFileSync(join(root, "reference/planar-classifier/model.ts"), "utf8");
    writeFileSync(join(root, "assignments/planar-classifier/model.ts"), solution);
    const out = join(root, "..", "release");
    runRelease({ root, out, assignment: PLANAR }, () => {});
    const shipped = readFileSync(join(out, "assignments/planar-classifier/model.ts"), "utf8");
    expect(shipped).toBe(
      readFileSync(join(PACKAGE_ROOT, "assignments/planar-classifier/model.ts"), "utf8"),
    );
    expect(shipped).not.toContain("np.divide(1, np.add(1, np.exp(np.negative(z))))");
  });

  it("ignores every file gradecheck writes in the learner's repository", () => {
    const out = join(tempDir("gradecheck-release-git-"), "release");
    runRelease({ root: PACKAGE_ROOT, out, assignment: PLANAR }, () => {});
    spawnSync("git", ["init", "-q"], { cwd: out });
    const outputs = [
      "gradecheck-report.json",
      "gradecheck-report.junit.xml",
      "gradecheck-report.md",
      "gradecheck-report.gradescope.json",
      "gradecheck-report.exercism.json",
      "gradecheck-batch/grades.csv",
      "node_modules/x.js",
    ];
    const ignored = spawnSync("git", ["check-ignore", ...outputs], { cwd: out, encoding: "utf8" });
    expect(ignored.stdout.trim().split("\n")).toEqual(outputs);
    const kept = spawnSync("git", ["check-ignore", "assignments/planar-classifier/model.ts"], {
      cwd: out,
    });
    expect(kept.status).toBe(1);
  });

  it("refuses, exit 1 and nothing written, when any statement of a solution would ship, however it is written", () => {
    const root = instructorCopy();
    // Reference code in a file the release ships, formatted otherwise than the solution.
    writeFileSync(
      join(root, "assignments/planar-classifier/helpers.ts"),
      [
        'import { type NDArray, np } from "../lib/np.ts";',
        "export const sigmoid = (z: NDArray) =>",
        "  np.divide( 1, np.add(1, np.exp(np.negative(z))) );",
        "export const db1 = (dZ1: NDArray, m: number) => ({",
        "  db1: np.divide(np.sum(dZ1, 1, true), m), // the bias gradient",
        "});",
        "// BEGIN SOLUTION",
        "",
      ].join("\n"),
    );
    const out = join(root, "..", "release");
    const error = thrown(() => runRelease({ root, out, assignment: PLANAR }, () => {}));
    expect(error).toBeInstanceOf(ExitError);
    expect((error as ExitError).exitCode).toBe(1);
    expect(error.message).toContain("assignments/planar-classifier/helpers.ts:3");
    expect(error.message).toContain("assignments/planar-classifier/helpers.ts:5");
    expect(error.message).toContain(
      "assignments/planar-classifier/helpers.ts:7 (a solution marker)",
    );
    expect(existsSync(out)).toBe(false);
  });
});

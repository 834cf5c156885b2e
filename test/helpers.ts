/** Assertions shared by the tests: arrays compared type, then shape, then values. */
import {
  appendFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, expect, onTestFinished, vi } from "vitest";
import { NDArray } from "../assignments/lib/np.ts";
import { type BatchOptions, runBatch } from "../grader/commands/batch.ts";
import type { Report } from "../grader/core/report.ts";
import { type GradeOptions, grade } from "../grader/pipeline/grade.ts";
import { type AssignmentParts, loadAssignment } from "../grader/pipeline/load.ts";
import { runningChildren, runningChildrenDescribed } from "../grader/sandbox/sandbox.ts";

/**
 * Type, then shape, then every entry within `tolerance`, with the worst entry and its index in the
 * failure message. NaN matches only NaN and an infinity only the same infinity. With `relative`,
 * an entry's error is divided by max(1, |expected|).
 */
export function expectArray(
  actual: unknown,
  expected: number[][],
  tolerance = 0,
  { relative = false } = {},
): void {
  expect(actual).toBeInstanceOf(NDArray);
  const a = actual as NDArray;
  expect(a.shape, "shape").toEqual([expected.length, expected[0]?.length ?? 0]);
  let worst = { error: 0, at: "" };
  expected.forEach((row, i) => {
    row.forEach((e, j) => {
      const v = a.get(i, j);
      const same = v === e || (Number.isNaN(v) && Number.isNaN(e));
      const diff = Number.isFinite(v - e) ? Math.abs(v - e) : Number.POSITIVE_INFINITY;
      const error = same ? 0 : relative ? diff / Math.max(1, Math.abs(e)) : diff;
      if (error > worst.error) worst = { error, at: `[${i}, ${j}]: expected ${e}, got ${v}` };
    });
  });
  expect(worst.error, `worst entry ${worst.at} (tolerance ${tolerance})`).toBeLessThanOrEqual(
    tolerance,
  );
}

/** The error `f` throws (fails the test if it does not throw). */
export function thrown(f: () => unknown): Error {
  try {
    f();
  } catch (error) {
    return error as Error;
  }
  throw new Error("expected a throw, got none");
}

/**
 * Captures what the code under test writes to stdout and stderr (console.log included) during
 * each test of the calling file; read it with `stdout()` and `stderr()`.
 */
export function captureTerminal(): { stdout: () => string; stderr: () => string } {
  let out: string[] = [];
  let err: string[] = [];
  beforeEach(() => {
    out = [];
    err = [];
    vi.spyOn(process.stdout, "write").mockImplementation((chunk) => {
      out.push(String(chunk));
      return true;
    });
    vi.spyOn(process.stderr, "write").mockImplementation((chunk) => {
      err.push(String(chunk));
      return true;
    });
    vi.spyOn(console, "log").mockImplementation((line) => {
      out.push(`${line}\n`);
    });
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });
  return { stdout: () => out.join(""), stderr: () => err.join("") };
}

/** A fresh temporary folder, removed when the test that asked for it finishes. */
/** A promise and what settles it, for a test that decides when (Promise.withResolvers, Node 22+). */
export function deferred<T>(): {
  promise: Promise<T>;
  resolve: (value: T) => void;
  reject: (reason: Error) => void;
} {
  let resolve: (value: T) => void = () => undefined;
  let reject: (reason: Error) => void = () => undefined;
  const promise = new Promise<T>((settle, fail) => {
    resolve = settle;
    reject = fail;
  });
  return { promise, resolve, reject };
}

export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Points and hidden-test count of the planar manifest, so that tests follow it as it grows. */
export function planarManifest(): { maxScore: number; hidden: number; tests: number } {
  const manifest = JSON.parse(
    readFileSync(
      join(import.meta.dirname, "../assignments/planar-classifier/assignment.json"),
      "utf8",
    ),
  ) as { functions: { tests: { points: number; visibility: string }[] }[] };
  const tests = manifest.functions.flatMap((f) => f.tests);
  return {
    maxScore: Math.round(tests.reduce((sum, t) => sum + t.points, 0) * 1e6) / 1e6,
    hidden: tests.filter((t) => t.visibility === "hidden").length,
    tests: tests.length,
  };
}

/**
 * Grades `source` as a learner's model.ts in a folder of its own, against the planar assignment
 * with its reference (hidden tests on, seed 0, no type check, unless `options` says otherwise).
 */
export function gradeSource(source: string, options: Partial<GradeOptions> = {}): Promise<Report> {
  return gradeFiles({ "model.ts": source }, options);
}

/** Each test's verdict: what two grades that must agree are compared by (not their times). */
export function verdicts(report: Report) {
  return report.tests.map(({ id, status, score, message }) => ({ id, status, score, message }));
}

/**
 * Grades a learner's folder holding `files` (a model.ts and its helpers) as `gradeSource` does;
 * `withoutReference`: as a learner's own run, the visible tests from the committed fixture;
 * `assignment`: another assignment than the planar one; `parts`: an assignment as given.
 */
export async function gradeFiles(
  files: Record<string, string>,
  options: Partial<GradeOptions> = {},
  {
    withoutReference = false,
    assignment = "planar-classifier",
    parts: given,
  }: { withoutReference?: boolean; assignment?: string; parts?: AssignmentParts } = {},
): Promise<Report> {
  const folder = join(tempDir("gradecheck-source-"), "learner");
  mkdirSync(folder);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(folder, name), text);
  const parts = given ?? (await assignmentParts(assignment));
  return grade(withoutReference ? { ...parts, reference: undefined } : parts, {
    submission: join(folder, "model.ts"),
    displayRoot: folder,
    seed: 0,
    hidden: true,
    timeoutMs: undefined,
    toolVersion: "test",
    typeCheck: false,
    ...options,
  });
}

const loadedParts = new Map<string, Promise<AssignmentParts>>();

/** An assignment of this repository with its reference, loaded once per test file. */
export function assignmentParts(id: string): Promise<AssignmentParts> {
  let parts = loadedParts.get(id);
  if (!parts) {
    parts = loadAssignment(join(import.meta.dirname, ".."), id, true);
    loadedParts.set(id, parts);
  }
  return parts;
}

/** A class graded as `batch` grades one, quietly: the planar assignment, visible tests, seed 0. */
export function batchOf(folder: string, out: string, extra: Partial<BatchOptions> = {}) {
  return runBatch(
    {
      root: join(import.meta.dirname, ".."),
      folder,
      out,
      jobs: 2,
      force: false,
      assignment: "planar-classifier",
      seed: 0,
      hidden: false,
      timeoutMs: undefined,
      toolVersion: "test",
      tty: false,
      ...extra,
    },
    () => {},
  );
}

/**
 * Waits until this process runs `count` sandboxed children, none by default: a child goes a
 * little after it is stopped. When they do not, the failure says what each child alive went
 * through (started, told to import, said ready, killed…, and when).
 */
export async function childrenRunning(count = 0): Promise<void> {
  await vi.waitFor(
    () =>
      expect(runningChildren(), `children alive:\n${runningChildrenDescribed().join("\n")}`).toBe(
        count,
      ),
    { timeout: 5000 },
  );
}

/**
 * Makes the chunk of a build (`dist`) that holds `library` say so on stderr as it loads, and
 * returns what it says: whether a command loads the library at all. esbuild heads each bundled
 * module with its path (node_modules/fflate/esm/index.mjs), which finds the chunk.
 */
export function markLoading(dist: string, library: string): string {
  const chunks = join(dist, "chunks");
  const heading = new RegExp(`^// \\S*node_modules/${library}/`, "m");
  const holding = readdirSync(chunks).filter((name) =>
    heading.test(readFileSync(join(chunks, name), "utf8")),
  );
  expect(holding, `the chunks holding ${library}`).toHaveLength(1);
  const said = `gradecheck-test: ${library} loaded`;
  appendFileSync(
    join(chunks, holding[0] as string),
    `\nprocess.stderr.write(${JSON.stringify(`${said}\n`)});\n`,
  );
  return said;
}

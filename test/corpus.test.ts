/**
 * The grader against its corpus: buggy submissions made from the reference (test/corpus/bugs.ts)
 * and hand-written broken ones (test/corpus/broken/), each graded for real in the sandbox, with
 * the verdict each must get. Every report is validated against the report schema.
 *
 * Each grade takes 2-3 s (nnModel trains for real), so the tests run concurrently, with at most
 * as many grades at a time as the machine has cores (more would only slow every grade down and
 * bring the calibrated time limits closer).
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PACKAGE_ROOT } from "../grader/core/paths.ts";
import type { Report, TestReport } from "../grader/core/report.ts";
import type { CaseData } from "../grader/pipeline/expected.ts";
import { grade } from "../grader/pipeline/grade.ts";
import { type AssignmentParts, loadAssignment } from "../grader/pipeline/load.ts";
import { reportProblems, reportToJson } from "../grader/render/json.ts";
import { brokenFromReference } from "./corpus/broken.ts";
import {
  applyBug,
  type Bug,
  bugNamed,
  bugs,
  END_TO_END,
  FUNCTIONS,
  occurrences,
  REFERENCE_PATH,
  referenceSource,
} from "./corpus/bugs.ts";
import { verdicts } from "./helpers.ts";

/**
 * The function a test calls first: its own, except for the self-consistency check, which starts
 * by calling the learner's forwardPropagation, and the end-to-end test, which calls nnModel. (The
 * laws of backwardPropagation and predict build their inputs with the reference's forward pass.)
 */
function firstCalled(t: { id: string; function: string }): string {
  if (t.id === "backwardPropagation.consistency") return "forwardPropagation";
  return t.function === END_TO_END ? "nnModel" : t.function;
}

const GRADE_TIMEOUT = 120_000;
const BROKEN = join(PACKAGE_ROOT, "test/corpus/broken");
const STUB_PATH = join(PACKAGE_ROOT, "assignments/planar-classifier/model.ts");

let parts: AssignmentParts;
let workDir: string;

beforeAll(async () => {
  parts = await loadAssignment(PACKAGE_ROOT, "planar-classifier", true);
  workDir = mkdtempSync(join(tmpdir(), "gradecheck-corpus-"));
});

afterAll(() => {
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

/** At most `limit` grades at a time; the others wait their turn (a freed slot is handed over). */
function limiter(limit: number) {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async <T>(task: () => Promise<T>): Promise<T> => {
    if (running < limit) running++;
    else await new Promise<void>((resolve) => waiting.push(resolve));
    try {
      return await task();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else running--;
    }
  };
}

/** The reference's runs, shared by every grade here as by a class in `gradecheck batch`. */
const caseCache = new Map<string, Promise<CaseData>>();

const gradeSlot = limiter(Math.max(1, Math.min(availableParallelism(), 4)));

/** Where the submission named `name` lies: a learner's folder of its own, with a model.ts. */
function submissionPath(name: string): string {
  return join(workDir, name.replace(/[^A-Za-z0-9]+/g, "-"), "model.ts");
}

/** Writes `text` as the model.ts of the submission named `name`. */
function writeSubmission(name: string, text: string): string {
  const file = submissionPath(name);
  mkdirSync(join(file, ".."), { recursive: true });
  writeFileSync(file, text);
  return file;
}

interface GradeRun {
  report: Report;
  /** The report as parsed from the JSON that `gradecheck grade` would write. */
  json: unknown;
}

/**
 * Grades a submission (file names in messages relative to its own folder, like a learner grading
 * in place) and serializes the report, which throws when the report fails its own schema.
 */
async function gradeFile(
  submission: string,
  {
    seed = 0,
    timeoutMs,
    displayRoot,
    withoutReference = false,
    ownCallees = true,
  }: {
    seed?: number;
    timeoutMs?: number;
    displayRoot?: string;
    /** As a learner's own run: the visible tests, from the committed fixture. */
    withoutReference?: boolean;
    /** Whether the learner's own functions may answer the calls of a function judged alone. */
    ownCallees?: boolean;
  } = {},
): Promise<GradeRun> {
  const report = await gradeSlot(() =>
    grade(withoutReference ? { ...parts, reference: undefined } : parts, {
      caseCache,
      submission,
      displayRoot: displayRoot ?? join(submission, ".."),
      seed,
      hidden: true,
      timeoutMs,
      toolVersion: "test",
      ownCallees,
    }),
  );
  return { report, json: JSON.parse(reportToJson(report)) };
}

const bugRuns = new Map<string, Promise<GradeRun>>();

/** The graded report of a corpus bug (graded once, shared by the tests that look at it). */
function gradeBug(bug: Bug): Promise<GradeRun> {
  let run = bugRuns.get(bug.name);
  if (!run) {
    run = gradeFile(writeSubmission(bug.name, applyBug(referenceSource(), bug)));
    bugRuns.set(bug.name, run);
  }
  return run;
}

/** Points of the whole assignment, from its manifest. */
function maxScore(): number {
  return parts.manifest.functions.flatMap((f) => f.tests).reduce((sum, t) => sum + t.points, 0);
}

/** Tests of the whole assignment (visible and hidden), from its manifest. */
function testCount(): number {
  return parts.manifest.functions.flatMap((f) => f.tests).length;
}

/** The functions that scored below their maximum. */
function losingFunctions(report: Report): string[] {
  return report.functions.filter((f) => f.score < f.maxScore).map((f) => f.name);
}

function testsOf(report: Report, fn: string): TestReport[] {
  return report.tests.filter((t) => t.function === fn);
}

function firstFailure(report: Report, fn: string): TestReport | undefined {
  return testsOf(report, fn).find((t) => t.status !== "passed");
}

function testById(report: Report, id: string): TestReport {
  const found = report.tests.find((t) => t.id === id);
  if (!found) throw new Error(`no test ${id} in the report`);
  return found;
}

/** The line (1-based) of the only line of `text` that contains `needle`. */
function lineOf(text: string, needle: string): number {
  const lines = text.split("\n");
  const found = lines.flatMap((line, i) => (line.includes(needle) ? [i + 1] : []));
  if (found.length !== 1) throw new Error(`${JSON.stringify(needle)} is on ${found.length} lines`);
  return found[0] as number;
}

/** "(at model.ts:<line>:<column>, in `<the learner's line>`)": where, and the line itself. */
function atLine(file: string, line: number): RegExp {
  const text = (readFileSync(file, "utf8").split("\n")[line - 1] ?? "").trim();
  const escaped = text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`\\(at model\\.ts:${line}:\\d+, in \`${escaped}\`\\)`);
}

/** The broken submission `name`, made from the reference or copied from broken/, as model.ts. */
function brokenSubmission(name: string): string {
  const file = submissionPath(`broken ${name}`);
  mkdirSync(join(file, ".."), { recursive: true });
  const replace = brokenFromReference[name];
  if (replace) writeFileSync(file, applyBug(referenceSource(), { name, replace }));
  else copyFileSync(join(BROKEN, name), file);
  return file;
}

/** The report without what may differ between two runs: times and time limits. */
function withoutTimes(report: Report): unknown {
  return {
    ...report,
    startedAt: "(time)",
    durationMs: 0,
    // Calibrated limits are 20 times the reference's measured run time, so they are times too.
    tests: report.tests.map((t) => ({ ...t, durationMs: 0, timeLimitMs: 0 })),
  };
}

describe("the corpus table", () => {
  it("has at least 16 bugs with distinct names", () => {
    expect(bugs.length).toBeGreaterThanOrEqual(16);
    expect(new Set(bugs.map((b) => b.name)).size).toBe(bugs.length);
  });

  it.each(bugs.map((bug) => [bug.name, bug] as const))(
    "%s: substitutions that each occur exactly once in the reference",
    (_name, bug) => {
      const source = referenceSource();
      for (const [from, to] of bug.replace) {
        expect(occurrences(source, from), `${JSON.stringify(from)} in ${REFERENCE_PATH}`).toBe(1);
        expect(to).not.toBe(from);
      }
      expect(applyBug(source, bug)).not.toBe(source);
      // One function loses points, and the end-to-end test may: a mistake spills nowhere else.
      expect(bug.losing.filter((fn) => fn !== END_TO_END)).toHaveLength(1);
      for (const fn of bug.losing) {
        expect([...FUNCTIONS, END_TO_END]).toContain(fn);
        expect(bug.messages[fn], `messages for ${fn}`).toBeDefined();
      }
      expect(Object.keys(bug.messages).sort()).toEqual([...bug.losing].sort());
    },
  );

  it("refuses a substitution that is not in the reference exactly once", () => {
    const bug: Bug = {
      name: "tanh replaced",
      description: "a substitution to test the table's own check",
      replace: [["np.tanh", "np.sinh"]],
      losing: ["forwardPropagation"],
      messages: { forwardPropagation: [] },
    };
    expect(() => applyBug("no such text", bug)).toThrow(/occurs 0 times/);
    expect(() => applyBug("np.tanh np.tanh", bug)).toThrow(/occurs 2 times/);
  });
});

describe.concurrent("buggy submissions made from the reference", () => {
  for (const bug of bugs) {
    it(
      `${bug.name}: ${bug.losing.join(", ")} lose points`,
      async ({ expect }) => {
        const { report, json } = await gradeBug(bug);
        expect(reportProblems(json)).toEqual([]);
        expect(report.status).toBe("graded");
        expect(report.hidden.ran).toBe(true);
        expect([...losingFunctions(report)].sort()).toEqual([...bug.losing].sort());
        for (const fn of bug.losing) {
          const failure = firstFailure(report, fn);
          expect(failure, `a failing test of ${fn}`).toBeDefined();
          // The end-to-end test names, as data too, the functions that fail their own tests.
          if (fn === END_TO_END)
            expect(failure?.notes).toContainEqual({
              code: "pipeline",
              pipeline: expect.any(Array),
              culprits: bug.losing.filter((l) => l !== END_TO_END),
            });
          for (const part of bug.messages[fn] ?? []) {
            expect(failure?.message, `${failure?.id}`).toContain(part);
          }
        }
        for (const total of report.functions) {
          if (bug.losing.includes(total.name as (typeof bug.losing)[number])) continue;
          expect(total.score, `${total.name} keeps full points`).toBe(total.maxScore);
          // Passed, or the self-consistency check, which is not graded while forward or cost fail.
          for (const t of testsOf(report, total.name)) {
            if (t.status !== "passed") {
              expect(t.message, t.id).toMatch(/^Not graded, so it costs nothing: /);
              expect(t.notes, t.id).toContainEqual(expect.objectContaining({ code: "not-graded" }));
            }
          }
        }
        for (const [id, status] of Object.entries(bug.statuses ?? {})) {
          expect(testById(report, id).status, id).toBe(status);
        }
      },
      GRADE_TIMEOUT,
    );
  }
});

/**
 * The learner's own functions answer a judged function's calls where their tests vouch for them,
 * a shortcut past the grader's round trips (grader/pipeline/own-callees.ts): the grade must be the
 * one the rules give, with the reference answering every call. Test by test, for every bug.
 */
describe.concurrent("the own-callees shortcut", () => {
  for (const bug of bugs) {
    it(
      `${bug.name}: the same grade with the reference answering every call`,
      async ({ expect }) => {
        const [shortcut, reference] = await Promise.all([
          gradeBug(bug),
          gradeFile(
            writeSubmission(`${bug.name} (reference answering)`, applyBug(referenceSource(), bug)),
            {
              ownCallees: false,
            },
          ),
        ]);
        expect(verdicts(shortcut.report)).toEqual(verdicts(reference.report));
      },
      GRADE_TIMEOUT,
    );
  }
});

describe.concurrent("broken submissions", () => {
  it(
    "a syntax error in a function: its tests fail with the error and its place, the others are graded",
    async ({ expect }) => {
      const name = "syntax-error.model.ts.txt";
      const source = readFileSync(join(BROKEN, name), "utf8");
      const line = lineOf(source, "return -np.sum(logprobs / m;");
      const { report, json } = await gradeFile(brokenSubmission(name));
      expect(reportProblems(json)).toEqual([]);
      expect(report.status).toBe("graded");
      for (const t of report.tests.filter((t) => t.function === "computeCost")) {
        expect(t.status, t.id).toBe("error");
        // A law's message quotes it after the input it failed for.
        expect(t.message, t.id).toContain(`computeCost threw SyntaxError: model.ts:${line}:`);
      }
      // Every other function keeps its points; the end-to-end test runs computeCost too.
      for (const f of report.functions.filter(
        (f) => !["computeCost", "end-to-end"].includes(f.name),
      ))
        expect(f.score, f.name).toBe(f.maxScore);
      expect(report.warnings).toContainEqual(
        expect.stringMatching(new RegExp(`^syntax error in computeCost, .*model\\.ts:${line}:`)),
      );
    },
    GRADE_TIMEOUT,
  );

  it(
    "a syntax error outside every function: status error, file:line:column and a code frame, score 0, every test an error",
    async ({ expect }) => {
      // The same error, moved out of computeCost to the top level, where it cannot be fenced.
      const inFunction = readFileSync(join(BROKEN, "syntax-error.model.ts.txt"), "utf8");
      const source = `${inFunction.replace("return -np.sum(logprobs / m;", "return -np.sum(logprobs) / m;")}
export const logprobs = 1;
  return -np.sum(logprobs / m;
`;
      const line = lineOf(source, "return -np.sum(logprobs / m;");
      const { report, json } = await gradeFile(writeSubmission("syntax error outside", source));
      expect(reportProblems(json)).toEqual([]);
      expect(report.status).toBe("error");
      expect(report.score).toBe(0);
      expect(report.maxScore).toBe(maxScore());
      const where = new RegExp(`^model\\.ts:${line}:(\\d+): `).exec(report.message);
      expect(where, report.message).not.toBeNull();
      const column = Number(where?.[1]);
      // The code frame: the line itself, then a caret under the column.
      const frame = report.message.split("\n");
      const at = frame.indexOf(`> ${line} |   return -np.sum(logprobs / m;`);
      expect(at, report.message).toBeGreaterThan(0);
      const caret = frame[at + 1] ?? "";
      expect(caret).toMatch(/^ +\| +\^$/);
      expect(caret.indexOf("^") - caret.indexOf("|") - 2).toBe(column - 1);
      expect(report.message).not.toMatch(/\n\s+at /);
      const build = testById(report, "build");
      expect(build.kind).toBe("build");
      expect(build.details).toMatchObject({ type: "build", file: "model.ts", line });
      for (const t of report.tests) {
        expect(t.status, t.id).toBe("error");
        expect(t.score, t.id).toBe(0);
      }
      expect(report.tests.length).toBe(1 + testCount());
    },
    GRADE_TIMEOUT,
  );

  it(
    "a function that throws a TypeError: only its tests are errors, named with a model.ts line",
    async ({ expect }) => {
      const name = "throws-type-error.ts";
      const file = brokenSubmission(name);
      const line = lineOf(readFileSync(file, "utf8"), '.astype("int")');
      const { report, json } = await gradeFile(file);
      expect(reportProblems(json)).toEqual([]);
      expect(report.status).toBe("graded");
      expect(losingFunctions(report)).toEqual(["predict"]);
      for (const t of report.tests) {
        expect(t.status, t.id).toBe(t.function === "predict" ? "error" : "passed");
      }
      const message = firstFailure(report, "predict")?.message ?? "";
      expect(message).toContain("predict threw TypeError:");
      expect(message).toContain("astype is not a function");
      expect(message).toMatch(atLine(file, line));
      // A law whose check hit the throw says which function threw, and what, as data.
      const law = testById(report, "predict.binary.property");
      expect(law.details).toMatchObject({
        type: "property",
        outcome: "failed",
        thrown: { fn: "predict", name: "TypeError" },
      });
      expect(law.message).toContain("predict threw TypeError:");
    },
    GRADE_TIMEOUT,
  );

  it(
    "an endless loop in predict: only predict times out, once per test, each in a fresh child",
    async ({ expect }) => {
      const { report, json } = await gradeFile(brokenSubmission("infinite-loop.ts"), {
        timeoutMs: 1500,
      });
      expect(reportProblems(json)).toEqual([]);
      expect(report.status).toBe("graded");
      expect([...losingFunctions(report)].sort()).toEqual(["predict"]);
      for (const t of report.tests) {
        expect(t.status, t.id).toBe(t.function === "predict" ? "timeout" : "passed");
      }
      // --timeout replaces the calibrated limits; a limit the manifest sets (full training) wins.
      expect(report.tests.find((t) => t.id === "sigmoid.mixed-signs")?.timeLimitMs).toBe(1500);
      expect(report.tests.find((t) => t.id === "end-to-end.accuracy")?.timeLimitMs).toBe(120000);
      expect(firstFailure(report, "predict")?.message).toBe(
        "predict did not return within 1500 ms (an endless loop, or far too slow).",
      );
    },
    GRADE_TIMEOUT,
  );

  it(
    "a module that exports nothing: every test missing, 'does not export'",
    async ({ expect }) => {
      const { report, json } = await gradeFile(brokenSubmission("exports-nothing.ts"));
      expect(reportProblems(json)).toEqual([]);
      expect(report.status).toBe("graded");
      expect(report.score).toBe(0);
      for (const t of report.tests) {
        expect(t.status, t.id).toBe("missing");
        expect(t.message, t.id).toBe(
          `the submission does not export a function named ${firstCalled(t)}.`,
        );
      }
    },
    GRADE_TIMEOUT,
  );

  it(
    "console output: captured in each test's output, capped at 4096 characters with a mark",
    async ({ expect }) => {
      const mark = "\n[output truncated at 4096 characters]";
      const { report, json } = await gradeFile(brokenSubmission("console-output.ts"));
      expect(reportProblems(json)).toEqual([]);
      expect(report.score).toBe(report.maxScore);
      // sigmoid prints one line per call; the grader calls it twice (the determinism check).
      expect(testById(report, "sigmoid.mixed-signs").output).toBe(
        "sigmoid got shape (3,4)\n".repeat(2),
      );
      expect(testById(report, "sigmoid.row").output).toBe("sigmoid got shape (1,50)\n".repeat(2));
      // layerSizes prints 200 lines of 50 characters: only the first 4096 are kept.
      for (const t of testsOf(report, "layerSizes")) {
        expect(t.output.endsWith(mark), t.id).toBe(true);
        expect(t.output.length, t.id).toBe(4096 + mark.length);
        expect(t.output.startsWith(`000 ${"x".repeat(46)}\n001 `), t.id).toBe(true);
      }
      // Output belongs to the test that printed it: nothing leaks into the next test.
      for (const t of testsOf(report, "initializeParameters")) expect(t.output, t.id).toBe("");
      expect(testById(report, "computeCost.single-output").output).toBe("");
    },
    GRADE_TIMEOUT,
  );
});

describe.concurrent("reference, stubs and determinism", () => {
  it(
    "the untouched stubs get 0, every test missing (not implemented)",
    async ({ expect }) => {
      const { report, json } = await gradeFile(STUB_PATH, { displayRoot: PACKAGE_ROOT });
      expect(reportProblems(json)).toEqual([]);
      expect(report.status).toBe("graded");
      expect(report.score).toBe(0);
      expect(report.maxScore).toBe(maxScore());
      expect(report.submission.path).toBe("assignments/planar-classifier/model.ts");
      expect(report.tests.length).toBe(testCount());
      for (const t of report.tests) {
        expect(t.status, t.id).toBe("missing");
        expect(t.message, t.id).toBe(`${firstCalled(t)} is not implemented yet.`);
      }
    },
    GRADE_TIMEOUT,
  );

  it(
    "the reference gets full marks",
    async ({ expect }) => {
      const { report, json } = await gradeFile(REFERENCE_PATH, { displayRoot: PACKAGE_ROOT });
      expect(reportProblems(json)).toEqual([]);
      expect(report.status).toBe("graded");
      expect(report.score).toBe(report.maxScore);
      expect(report.maxScore).toBe(maxScore());
      expect(report.message).toBe(`${maxScore()} of ${maxScore()} points`);
      expect(report.functions.map((f) => f.name)).toEqual([...FUNCTIONS, END_TO_END]);
      for (const t of report.tests) expect(t.status, `${t.id}: ${t.message}`).toBe("passed");
    },
    GRADE_TIMEOUT,
  );

  it(
    "the same submission and seed give the same report apart from times; another seed changes only the hidden tests' seeds",
    async ({ expect }) => {
      // A buggy submission, so that messages with values and hints are compared too.
      const file = writeSubmission(
        "determinism",
        applyBug(referenceSource(), bugNamed("update goes up the gradient")),
      );
      const [first, second, other] = await Promise.all([
        gradeFile(file, { seed: 7 }),
        gradeFile(file, { seed: 7 }),
        gradeFile(file, { seed: 8 }),
      ]);
      for (const run of [first, second, other]) expect(reportProblems(run.json)).toEqual([]);
      expect(withoutTimes(second.report)).toEqual(withoutTimes(first.report));
      const seeds = (r: Report) => r.tests.map((t) => [t.id, t.visibility, t.seed] as const);
      expect(seeds(second.report)).toEqual(seeds(first.report));

      expect(other.report.seed).toBe(8);
      expect(other.report.tests.map((t) => t.id)).toEqual(first.report.tests.map((t) => t.id));
      const hidden = first.report.tests.filter((t) => t.visibility === "hidden");
      expect(hidden.length).toBe(first.report.hidden.tests);
      expect(hidden.length).toBeGreaterThan(0);
      for (const t of first.report.tests) {
        const again = testById(other.report, t.id);
        if (t.visibility === "visible") expect(again.seed, t.id).toBe(t.seed);
        else expect(again.seed, t.id).not.toBe(t.seed);
      }
    },
    GRADE_TIMEOUT,
  );
});

/**
 * Grader bugs the corpus exposed: these fail until the grader is fixed (see the report that came
 * with the corpus).
 */
describe.concurrent("feedback points at the learner's code", () => {
  it(
    "a ShapeError thrown inside the array module names the learner's line, not the module's",
    async ({ expect }) => {
      const bug = bugNamed("element-wise W2ᵀ ∗ dZ2");
      const { report } = await gradeBug(bug);
      const source = readFileSync(submissionPath(bug.name), "utf8");
      const line = lineOf(source, "np.multiply(np.multiply(W2.T, dZ2), ");
      const message = testById(report, "backwardPropagation.multi-output").message;
      expect(message).toMatch(atLine(submissionPath(bug.name), line));
      expect(message).not.toContain("assignments/lib/");
    },
    GRADE_TIMEOUT,
  );

  it(
    "its stack names the array module's sources, not the child's runtime files or their folder",
    async ({ expect }) => {
      const { report } = await gradeBug(bugNamed("element-wise W2ᵀ ∗ dZ2"));
      const details = testById(report, "backwardPropagation.multi-output").details;
      if (details.type !== "error") throw new Error(`not an error: ${details.type}`);
      const frames = details.stack.split("\n").slice(1);
      // Where the shape check threw, then the operation the learner called.
      expect(frames[0]).toMatch(/^ {4}at broadcastShapes \(assignments\/lib\/shape\.ts:\d+:\d+\)$/);
      expect(frames[2]).toMatch(/^ {4}at Object\.multiply \(assignments\/lib\/np\.ts:\d+:\d+\)$/);
      expect(details.stack).toMatch(/\(grader\/sandbox\/child\.ts:\d+:\d+\)/);
      expect(details.stack).not.toMatch(/gradecheck-[\w-]+\.mjs|gradecheck-run-/);
    },
    GRADE_TIMEOUT,
  );

  it(
    "without the reference, predict calls the learner's forwardPropagation: its failure says so, and names no mistake of predict's",
    async ({ expect }) => {
      // Both submissions have the reference's predict; their forwardPropagation moves one output
      // of predict.random across 0.5, which happens to be what thresholding Z2 would do too.
      for (const name of ["sigmoid in the hidden layer", "bias dropped in the hidden layer"]) {
        const submission = writeSubmission(
          `${name} alone`,
          applyBug(referenceSource(), bugNamed(name)),
        );
        const { report } = await gradeFile(submission, { withoutReference: true });
        const message = testById(report, "predict.random").message;
        expect(message, name).toContain(
          "Note: predict calls your forwardPropagation, which fails its own tests: fix that first.",
        );
        expect(message, name).not.toContain("not Z2");
        // With the reference, predict is judged alone and loses nothing.
        expect(testById((await gradeBug(bugNamed(name))).report, "predict.random").status).toBe(
          "passed",
        );
      }
    },
    GRADE_TIMEOUT,
  );
});

/**
 * The grading pipeline: build the submission -> start the sandbox -> for each test, make the
 * inputs, get the expected output from the reference (or the committed fixture), call the
 * learner's function in the sandbox, judge -> score -> report. A failed step is recorded and the
 * run goes on; only a bug of gradecheck (or an unusable manifest) throws.
 */
import { createHash } from "node:crypto";
import { rmSync } from "node:fs";
import { relative } from "node:path";
import { pathToFileURL } from "node:url";
import { judge, judgeFailedCall, RUN_TIME_UP } from "../checks/judge.ts";
import { runProperty } from "../checks/property.ts";
import { makeLearner, runSession } from "../checks/session.ts";
import {
  type AssignmentCases,
  type Functions,
  isNamedCheck,
  param,
  type Reference,
} from "../core/assignment.ts";
import { type Manifest, type PlannedTest, plannedTests, type TestSpec } from "../core/manifest.ts";
import { PACKAGE_ROOT } from "../core/paths.ts";
import { type Details, type Report, SCHEMA_VERSION, type TestReport } from "../core/report.ts";
import {
  describeIsolation,
  type Isolation,
  isolation,
  memoryLimitMb,
} from "../sandbox/isolation.ts";
import { Sandbox } from "../sandbox/sandbox.ts";
import { wordMessage } from "../words/messages.ts";
import {
  type BuildResult,
  buildAlone,
  buildFiles,
  removeBuild,
  type StagedSubmission,
} from "./build.ts";
import { type CaseData, caseData, type Expected } from "./expected.ts";
import { type Oracle, referenceFunctions, referenceOracle, standInNames } from "./oracle.ts";
import { totals } from "./score.ts";
import {
  type ReadSubmission,
  readSubmission,
  type SubmissionSource,
  submissionAt,
} from "./submission.ts";
import { typeCheck, typeWarnings } from "./typecheck.ts";

export interface GradeInputs {
  manifest: Manifest;
  cases: AssignmentCases;
  /** The reference solution, when present (instructor grading); hidden tests need it. */
  reference: Reference | undefined;
  /** Committed inputs and expected outputs of the visible tests, for grading without the reference. */
  expected: Expected | undefined;
}

export interface GradeOptions {
  /**
   * The learner's submission: a folder holding model.ts, or one file alone (a path is taken as
   * `submissionAt` reads it: a model.ts comes with its folder).
   */
  submission: SubmissionSource | string;
  /** Its files, when the caller has read them already (a batch, for its resume key). */
  files?: ReadSubmission;
  /** File names in the report are relative to this folder. */
  displayRoot: string;
  seed: number;
  hidden: boolean;
  /** Per-call time limit; undefined: calibrated from the reference's own time. */
  timeoutMs: number | undefined;
  toolVersion: string;
  /** Injected clock, so that tests can pin the times. */
  now?: () => Date;
  /** Run only the tests this accepts (all by default); the others are left out of the report. */
  select?: (test: TestSpec) => boolean;
  /** Wall-clock limit of the whole run; the manifest's `limits.runSeconds` by default. */
  runTimeoutMs?: number;
  /** The sandbox's protections; what the platform offers by default. */
  protections?: Isolation;
  /** Whether to type-check the submission for warnings (default true). */
  typeCheck?: boolean;
  /**
   * Inputs and expected values already made, by test and seed: grading a class, each test's
   * reference run happens once, not once per learner. Shared only between grades of the same
   * assignment, reference and run seed.
   */
  caseCache?: Map<string, Promise<CaseData>>;
  /** Told when each test starts and ends (the command line shows a test that takes long). */
  progress?: (event: { test: TestSpec; fn: string; state: "started" | "finished" }) => void;
}

/** A hidden test's seed: its manifest seed mixed with the run's seed (FNV-1a over both). */
export function caseSeed(test: TestSpec, runSeed: number): number {
  if (test.visibility === "visible") return test.seed;
  let hash = 0x811c9dc5;
  for (const value of [test.seed, runSeed]) {
    for (let shift = 0; shift < 32; shift += 8) {
      hash ^= (value >>> shift) & 0xff;
      hash = Math.imul(hash, 0x01000193) >>> 0;
    }
  }
  return hash;
}

/** The test's inputs and expected data: from the reference when present, else from the fixture. */
async function prepare(
  test: TestSpec,
  fn: string,
  seed: number,
  inputs: GradeInputs,
  cache: Map<string, Promise<CaseData>> | undefined,
): Promise<CaseData | string> {
  const { reference, cases, manifest, expected } = inputs;
  if (reference) {
    const key = `${test.id}@${seed}`;
    const made = cache?.get(key) ?? caseData(test, fn, seed, manifest, cases, reference);
    cache?.set(key, made);
    return made;
  }
  const fixture = expected?.tests[test.id];
  if (!fixture) return "its expected values need the reference solution, which is not here";
  // Without the reference there is no timing to calibrate from: the floor (or the test's own limit).
  return { args: fixture.args, expected: fixture.expected, referenceMs: 0 };
}

function timeLimit(
  test: TestSpec,
  referenceMs: number,
  manifest: Manifest,
  override: number | undefined,
): number {
  // The instructor's limit for this test wins: it is there because the test is known to be long.
  if (test.timeoutMs !== undefined) return test.timeoutMs;
  if (override !== undefined) return override;
  const { timeoutFloorMs, timeoutFactor } = manifest.limits;
  return Math.max(timeoutFloorMs, Math.ceil(timeoutFactor * referenceMs));
}

/**
 * The function each report's message is about (a session check or a property may fail in a
 * function it calls): the grader's own bookkeeping, kept out of the report.
 */
const aboutOf = new WeakMap<TestReport, string>();

function testReport(
  { test, fn, group }: PlannedTest,
  fields: Partial<TestReport> & { details: Details; status: TestReport["status"] },
  /** The function the message is about, when another than the test's own failed. */
  about = fn,
): TestReport {
  const report: TestReport = {
    id: test.id,
    function: group,
    kind: test.kind,
    name: test.name,
    score: fields.status === "passed" ? test.points : 0,
    maxScore: test.points,
    visibility: test.visibility,
    seed: null,
    timeLimitMs: null,
    durationMs: 0,
    output: "",
    ...fields,
    message: wordMessage(about, fields.details),
  };
  aboutOf.set(report, about);
  return report;
}

export async function grade(inputs: GradeInputs, options: GradeOptions): Promise<Report> {
  const now = options.now ?? (() => new Date());
  const startedAt = now();
  const started = performance.now();
  const { manifest } = inputs;
  const runLimitMs = options.runTimeoutMs ?? manifest.limits.runSeconds * 1000;
  const deadline = started + runLimitMs;
  const protections = options.protections ?? isolation();
  const source =
    typeof options.submission === "string"
      ? submissionAt(options.submission, false)
      : options.submission;
  const read = options.files ?? readSubmission(source, options.displayRoot);
  const runHidden = options.hidden && inputs.reference !== undefined;
  const hiddenCount = plannedTests(manifest).filter(
    ({ test }) => test.visibility === "hidden",
  ).length;

  /** Visible tests left out because they need the reference solution. */
  const needReference: string[] = [];
  const build: BuildResult =
    read.status === "read"
      ? await buildFiles(read, options.displayRoot)
      : { status: "failed", message: read.message, location: null };
  // Each function judged alone: the others it calls are the reference's (answered by the grader).
  const standIns = inputs.reference ? standInNames(inputs.cases) : [];
  const alone =
    build.status === "built" && standIns.length > 0 ? await buildAlone(build, standIns) : undefined;
  const judgedAlone =
    inputs.reference && alone && "dir" in alone
      ? {
          bundle: alone,
          oracle: referenceOracle(inputs.reference, standIns),
          // What the laws and checks of a function judged alone use for the others.
          others: referenceFunctions(inputs.reference, standIns),
        }
      : undefined;
  // Alongside the grading: it only warns, and it takes a compiler process's time.
  const types =
    build.status === "built" && options.typeCheck !== false ? typeCheck(build.staged) : undefined;
  // Visible tests first, then the hidden ones in a child of their own: nothing learner code
  // prints after a hidden test's inputs reached it can show up in a visible test's output.
  const planned = plannedTests(manifest)
    .filter(({ test }) => !(test.visibility === "hidden" && !runHidden))
    .filter(({ test }) => !options.select || options.select(test));
  const phases = [
    planned.filter(({ test }) => test.visibility === "visible"),
    planned.filter(({ test }) => test.visibility === "hidden"),
  ];
  const graded = new Map<TestSpec, TestReport>();
  /** What a child did between calls (no test was running to charge it to). */
  const incidents: string[] = [];
  /** Functions that did not return within a test's limit: their later tests are not run. */
  const hung = new Map<string, { test: string; limitMs: number }>();
  try {
    for (const phase of phases) {
      if (phase.length === 0) continue;
      const sandboxOf = (bundle: { dir: string; entry: string }, answers?: Oracle) =>
        new Sandbox({
          dir: bundle.dir,
          entry: bundle.entry,
          heapMb: manifest.limits.heapMb,
          importTimeoutMs: manifest.limits.importTimeoutMs,
          cpuSeconds: manifest.limits.childCpuSeconds,
          deadline,
          protections,
          ...(answers ? { oracle: answers } : {}),
        });
      // A child is started only when a test calls: an unused sandbox costs nothing.
      const whole = build.status === "built" ? sandboxOf(build) : undefined;
      const single = judgedAlone ? sandboxOf(judgedAlone.bundle, judgedAlone.oracle) : whole;
      const sandboxes = [...new Set([whole, single])];
      try {
        for (const item of phase) {
          const { fn, test } = item;
          const sandbox = item.endToEnd ? whole : single;
          const stuck = hung.get(fn);
          if (stuck) {
            graded.set(
              test,
              testReport(item, {
                status: "timeout",
                seed: caseSeed(test, options.seed),
                details: {
                  type: "not-run",
                  reason: `it did not return within ${stuck.limitMs} ms in test ${stuck.test}, so its other tests were not run`,
                },
              }),
            );
            continue;
          }
          options.progress?.({ test, fn, state: "started" });
          const result = await gradeOne(
            item,
            sandbox && build.status === "built"
              ? {
                  sandbox,
                  staged: build.staged,
                  others: item.endToEnd ? undefined : judgedAlone?.others,
                }
              : {
                  notRun:
                    read.status === "unreadable"
                      ? "the submission could not be read"
                      : "the submission does not compile",
                },
            deadline,
            inputs,
            options,
            needReference,
          );
          options.progress?.({ test, fn, state: "finished" });
          if (result) graded.set(test, result);
          if (result?.details.type === "timeout") {
            const about = aboutOf.get(result) ?? fn;
            if (!hung.has(about))
              hung.set(about, { test: test.id, limitMs: result.details.limitMs });
          }
        }
      } finally {
        for (const sandbox of sandboxes) {
          sandbox?.close();
          if (sandbox) incidents.push(...sandbox.incidents);
        }
      }
    }
  } finally {
    // The type check reads the copy the build made: the copy goes once the check has settled.
    await types?.catch(() => undefined);
    if (build.status === "built") removeBuild(build);
    if (judgedAlone) rmSync(judgedAlone.bundle.dir, { recursive: true, force: true });
  }
  // In the manifest's order, whatever order they ran in.
  const tests = [
    ...(build.status === "failed" ? [buildFailureTest(build.message, build.location)] : []),
    ...planned.flatMap(({ test }) => {
      const result = graded.get(test);
      return result ? [result] : [];
    }),
  ];

  const warnings = [
    ...(alone && "unavailable" in alone
      ? [
          `each function could not be judged alone (${alone.unavailable}): a mistake in one function may cost points in the functions that call it too`,
        ]
      : []),
    ...(types ? typeWarnings(await types) : []),
    ...[...new Set(incidents)].map(
      (what) => `between two tests, the submission's code ${what} (no test lost points for it)`,
    ),
  ];
  // Judged alone, a function's failures are its own; otherwise one may start in a function it calls.
  const blamed = nameFailingFunctions(
    settlePoints(
      explainCheckPairs(
        judgedAlone ? tests : blameCallees(tests, inputs.cases),
        manifest,
        inputs.cases,
      ),
      manifest,
    ),
    manifest,
    inputs.cases,
  );
  const { score, maxScore, functions } = totals(blamed);
  return {
    schemaVersion: SCHEMA_VERSION,
    tool: { name: "gradecheck", version: options.toolVersion },
    assignment: { id: manifest.id, version: manifest.version, title: manifest.title },
    submission: {
      path: relative(options.displayRoot, source.entry) || source.entry,
      sha256: createHash("sha256")
        .update(read.status === "read" ? (read.files.get(read.entry) ?? "") : "")
        .digest("hex"),
    },
    seed: options.seed,
    startedAt: startedAt.toISOString(),
    durationMs: Math.round(performance.now() - started),
    status: build.status === "failed" ? "error" : "graded",
    message: build.status === "failed" ? build.message : `${score} of ${maxScore} points`,
    warnings,
    score,
    maxScore,
    hidden: {
      ran: runHidden,
      tests: hiddenCount,
      note: runHidden
        ? build.status === "failed"
          ? `${hiddenCount} hidden tests did not run: the submission could not be ${read.status === "read" ? "built" : "read"}`
          : `${hiddenCount} hidden tests ran; their inputs are not shown to learners`
        : inputs.reference
          ? `${hiddenCount} hidden tests were skipped (--no-hidden)`
          : (hiddenCount === 0
              ? "no hidden tests here"
              : `${hiddenCount} hidden tests need the reference solution and did not run; the score covers the visible tests only`) +
            (needReference.length > 0
              ? ` (${needReference.join(", ")} also needs the reference and did not run)`
              : ""),
    },
    sandbox: {
      summary: describeIsolation(protections, {
        heapMb: manifest.limits.heapMb,
        cpuSeconds: manifest.limits.childCpuSeconds,
        runSeconds: runLimitMs / 1000,
      }),
      permissionModel: true,
      heapMb: manifest.limits.heapMb,
      cpuSeconds: protections.resourceLimits ? manifest.limits.childCpuSeconds : null,
      memoryMb: protections.resourceLimits ? memoryLimitMb(manifest.limits.heapMb) : null,
      runSeconds: runLimitMs / 1000,
      unprivilegedUser: protections.unprivilegedUser !== undefined,
      processGroup: protections.processGroup,
      network: protections.namespaces ? "cut off" : "open",
      pidNamespace: protections.namespaces,
      node: process.versions.node,
    },
    functions,
    tests: blamed,
  };
}

/** The report's line for a submission that could not be read or built. */
function buildFailureTest(message: string, location: BuildFailureLocation): TestReport {
  return {
    id: "build",
    function: "(build)",
    kind: "build",
    name: "the submission compiles",
    status: "error",
    score: 0,
    maxScore: 0,
    visibility: "visible",
    seed: null,
    timeLimitMs: null,
    message,
    details: {
      type: "build",
      file: location?.file ?? null,
      line: location?.line ?? null,
      column: location?.column ?? null,
    },
    durationMs: 0,
    output: "",
  };
}

type BuildFailureLocation = Extract<BuildResult, { status: "failed" }>["location"];

/**
 * One test's report, or undefined when it is left out (a named check without the reference,
 * listed in `needReference`). Never throws: a fault of gradecheck's own costs this test only.
 */
async function gradeOne(
  planned: PlannedTest,
  /** Where to run it, or why nothing can run. */
  run: { sandbox: Sandbox; staged: StagedSubmission; others?: Functions } | { notRun: string },
  deadline: number,
  inputs: GradeInputs,
  options: GradeOptions,
  needReference: string[],
): Promise<TestReport | undefined> {
  const { test } = planned;
  // A named check judges with the reference: without it, the test cannot run at all.
  if (!inputs.reference && isNamedCheck(test, inputs.cases)) {
    needReference.push(test.id);
    return undefined;
  }
  const seed = caseSeed(test, options.seed);
  if (performance.now() >= deadline) {
    return testReport(planned, {
      status: "timeout",
      seed,
      details: { type: "not-run", reason: RUN_TIME_UP },
    });
  }
  if ("notRun" in run) {
    return testReport(planned, {
      status: "error",
      seed,
      details: { type: "not-run", reason: run.notRun },
    });
  }
  try {
    return await runTest(planned, seed, run, inputs, options);
  } catch (error) {
    // A bug of gradecheck's own (a check tripping over a value it did not expect) costs
    // this test, never the run: the report still comes, and says whose fault it is.
    return testReport(planned, {
      status: "error",
      seed,
      details: { type: "not-run", reason: graderFault(error) },
    });
  }
}

/** Runs one test whose inputs can be made: a property, a session check, or a call and judgement. */
async function runTest(
  planned: PlannedTest,
  seed: number,
  { sandbox, staged, others }: { sandbox: Sandbox; staged: StagedSubmission; others?: Functions },
  inputs: GradeInputs,
  options: GradeOptions,
): Promise<TestReport> {
  const { manifest } = inputs;
  const { test, fn } = planned;
  if (test.kind === "property") {
    return propertyTest(planned, seed, inputs.cases, sandbox, others, manifest, options.timeoutMs);
  }
  const prepared = await prepare(test, fn, seed, inputs, options.caseCache);
  if (typeof prepared === "string") {
    return testReport(planned, {
      status: "error",
      seed,
      details: { type: "not-run", reason: prepared },
    });
  }
  const limit = timeLimit(test, prepared.referenceMs, manifest, options.timeoutMs);
  const callStart = performance.now();
  const session = test.check === undefined ? undefined : inputs.cases.sessionChecks[test.check];
  if (session) {
    const result = await runSession(session, fn, sandbox, prepared, test.case, limit, others);
    return testReport(
      planned,
      {
        status: result.judgement.status,
        details: locateError(result.judgement.details, staged),
        seed,
        timeLimitMs: limit,
        durationMs: Math.round(performance.now() - callStart),
        output: result.output,
      },
      result.fn,
    );
  }
  const repeat = inputs.cases.functions[fn]?.repeat ?? true;
  const outcome = await sandbox.call(fn, prepared.args, limit, repeat);
  const durationMs = Math.round(performance.now() - callStart);
  const judgement = judge({
    fn,
    outcome,
    args: prepared.args,
    expected: prepared.expected,
    tolerance: test.tolerance ?? manifest.tolerance,
    check: test.check,
    params: test.case,
    cases: inputs.cases,
    reference: inputs.reference,
    argNames: inputs.cases.functions[fn]?.argNames ?? [],
  });
  return testReport(planned, {
    status: judgement.status,
    details: locateError(judgement.details, staged),
    seed,
    timeLimitMs: limit,
    durationMs,
    output: "output" in outcome ? outcome.output : "",
  });
}

/** What a test says when gradecheck itself failed on it. */
function graderFault(error: unknown): string {
  const what = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return `gradecheck itself failed on this test (${what}); this is a bug in gradecheck, not in your code: please report it`;
}

/** Runs a property test: fast-check in the grader, the learner's function in the sandbox. */
async function propertyTest(
  planned: PlannedTest,
  seed: number,
  cases: AssignmentCases,
  sandbox: Sandbox,
  others: Functions | undefined,
  manifest: Manifest,
  timeoutMs: number | undefined,
): Promise<TestReport> {
  const { test } = planned;
  const spec = test.check === undefined ? undefined : cases.properties[test.check];
  if (!spec) {
    return testReport(planned, {
      status: "error",
      seed,
      details: { type: "not-run", reason: `the assignment has no property "${test.check}"` },
    });
  }
  const callLimit = timeoutMs ?? manifest.limits.timeoutFloorMs;
  const timeLimitMs = test.timeoutMs ?? PROPERTY_TIME_LIMIT_MS;
  const { learner, output } = makeLearner(sandbox, callLimit, others);
  const start = performance.now();
  const outcome = await runProperty(spec, learner, {
    seed,
    numRuns: param(test.case, "numRuns", 50),
    timeLimitMs,
  });
  if (outcome.status === "call-failed") {
    const { fn: called, outcome: failed } = outcome.failure;
    if (failed.status === "returned" || failed.status === "batch") throw outcome.failure;
    const judgement = judgeFailedCall(called, failed);
    return testReport(
      planned,
      { ...judgement, seed, timeLimitMs: callLimit, output: output() },
      called,
    );
  }
  const common = { law: spec.law, seed: outcome.seed, runs: outcome.runs };
  const details: Details =
    outcome.status === "failed"
      ? {
          type: "property",
          ...common,
          outcome: "failed",
          path: outcome.path,
          shrinks: outcome.shrinks,
          counterexample: outcome.counterexample,
          reason: outcome.reason,
        }
      : outcome.status === "interrupted"
        ? { type: "property", ...common, outcome: "interrupted", timeLimitMs }
        : { type: "property", ...common, outcome: "passed" };
  const status =
    outcome.status === "passed"
      ? "passed"
      : outcome.status === "interrupted"
        ? "timeout"
        : outcome.threw
          ? "error"
          : "failed";
  return testReport(planned, {
    status,
    details,
    seed,
    timeLimitMs: callLimit,
    durationMs: Math.round(performance.now() - start),
    output: output(),
  });
}

/** How long one property may run in all, unless its test sets a limit. */
const PROPERTY_TIME_LIMIT_MS = 20_000;

/**
 * A failing session check whose partner check (same function) passed says what that combination
 * means: "right for the reference's cost, but not for your own" points at forward or cost.
 */
export function explainCheckPairs(
  tests: TestReport[],
  manifest: Manifest,
  cases: AssignmentCases,
): TestReport[] {
  const checkOf = new Map(manifest.functions.flatMap((f) => f.tests).map((t) => [t.id, t.check]));
  const key = (t: TestReport) => `${t.function}/${checkOf.get(t.id)}`;
  // A partner check counts as passed only when every test of it passed: with one of two failing,
  // "right for the reference's forward pass" would contradict that test's own failure.
  const failing = new Set(tests.filter((t) => t.status !== "passed").map(key));
  const passed = new Set(
    tests.filter((t) => t.status === "passed" && !failing.has(key(t))).map(key),
  );
  return tests.map((test) => {
    const check = checkOf.get(test.id);
    const pair = check === undefined ? undefined : cases.sessionChecks[check]?.whenOthersPass;
    if (test.status !== "failed" || !pair || !passed.has(`${test.function}/${pair.check}`))
      return test;
    return { ...test, message: `${test.message} ${pair.meaning}.` };
  });
}

/**
 * What each test pays, beyond passing:
 * - Gated tests (every property, and those the manifest marks `gated`) pay only when every
 *   comparison test of their function that ran has passed: a function that returns constants
 *   satisfies many laws (sigma in (0, 1), a non-negative cost, an update unchanged by zero
 *   gradients) and is consistent with itself, which proves nothing about it.
 * - A test that `needs` the learner's own other functions (the self-consistency check) is not
 *   graded while one of them fails a test of its own: it says so, and costs nothing.
 */
export function settlePoints(tests: TestReport[], manifest: Manifest): TestReport[] {
  const specs = new Map(plannedTests(manifest).map(({ test }) => [test.id, test]));
  const unpaid = new Set(
    tests.filter((t) => t.kind === "compare" && t.status !== "passed").map((t) => t.function),
  );
  const failing = new Set(tests.filter((t) => t.status !== "passed").map((t) => t.function));
  return tests.map((test) => {
    const spec = specs.get(test.id);
    const gatedOut =
      spec !== undefined &&
      (spec.kind === "property" || spec.gated === true) &&
      unpaid.has(test.function);
    const needs = spec?.needs ?? [];
    const unmet = needs.filter((fn) => failing.has(fn));
    // Only where the check is the function's one failure: otherwise it would pay nothing anyway.
    if (unmet.length > 0 && test.status !== "passed" && !gatedOut) {
      const fail = unmet.length > 1 ? "fail their" : "fails its";
      return {
        ...test,
        score: test.maxScore,
        message: `Not graded, so it costs nothing: this check uses your own ${needs.join(" and ")}, and ${unmet.join(" and ")} ${fail} own tests. What it found: ${test.message}`,
      };
    }
    if (test.status === "passed" && test.score > 0 && gatedOut)
      return {
        ...test,
        score: 0,
        message: `passed, but unpaid: this test's points are paid once ${test.function}'s comparison tests pass (a function returning constants can pass it too).`,
      };
    return test;
  });
}

/**
 * A failing end-to-end test names the learner's functions in the pipeline that lose points in
 * their own tests: where to look first.
 */
export function nameFailingFunctions(
  tests: TestReport[],
  manifest: Manifest,
  cases: AssignmentCases,
): TestReport[] {
  const failing = new Set(tests.filter((t) => t.score < t.maxScore).map((t) => t.function));
  const runs = new Map(manifest.functions.map((f) => [f.name, f.runs]));
  return tests.map((test) => {
    const entry = runs.get(test.function);
    if (
      entry === undefined ||
      test.status === "passed" ||
      test.status === "missing" ||
      test.details.type === "not-run" ||
      test.details.type === "import-failed"
    )
      return test;
    const pipeline = callTree(entry, cases);
    const culprits = pipeline.filter((fn) => failing.has(fn));
    const note =
      culprits.length === 0
        ? `Each of your ${pipeline.join(", ")} passes its own tests: the problem is in how they work together.`
        : `Your ${culprits.join(", ")} ${culprits.length > 1 ? "fail their" : "fails its"} own tests: fix ${culprits.length > 1 ? "those" : "that"} first.`;
    return {
      ...test,
      ...(culprits.length > 0 ? { failingCallees: culprits } : {}),
      message: `${test.message} ${note}`,
    };
  });
}

/** A function and every function it calls, directly or not, in the order they are met. */
function callTree(fn: string, cases: AssignmentCases): string[] {
  const seen: string[] = [];
  const visit = (name: string) => {
    if (seen.includes(name)) return;
    seen.push(name);
    for (const callee of cases.functions[name]?.calls ?? []) visit(callee);
  };
  visit(fn);
  return seen;
}

/**
 * A failing test of a function that calls another failing function says so: "predict calls your
 * forwardPropagation, which fails its own tests". The learner fixes the cause first.
 */
export function blameCallees(tests: TestReport[], cases: AssignmentCases): TestReport[] {
  const failing = new Set(tests.filter((t) => t.status !== "passed").map((t) => t.function));
  return tests.map((test) => {
    // A test that never ran (the build failed, time ran out) has nothing to blame on a callee.
    if (test.status === "passed" || test.status === "missing" || test.details.type === "not-run")
      return test;
    const callees = (cases.functions[test.function]?.calls ?? []).filter((fn) => failing.has(fn));
    if (callees.length === 0) return test;
    const list = callees.join(", ");
    return {
      ...test,
      failingCallees: callees,
      message: `${test.message} Note: ${test.function} calls your ${list}, which ${callees.length > 1 ? "fail their" : "fails its"} own tests: fix ${callees.length > 1 ? "those" : "that"} first.`,
    };
  });
}

/**
 * Stack traces with the submission's files by the names the learner knows (not the copy that was
 * bundled), the grader's own files relative to its package, and the first frame in the
 * submission's entry file: where the learner should look, even when the error was raised deep in
 * the array module.
 */
export function locateError(details: Details, staged: StagedSubmission): Details {
  if (details.type !== "error") return details;
  let stack = details.stack;
  for (const [path, shown] of staged.shown) {
    stack = stack.replaceAll(pathToFileURL(path).href, shown).replaceAll(path, shown);
  }
  const own = PACKAGE_ROOT.endsWith("/") ? PACKAGE_ROOT : `${PACKAGE_ROOT}/`;
  stack = stack.replaceAll(pathToFileURL(own).href, "").replaceAll(own, "");
  const file = staged.shown.get(staged.entry);
  const frame = stack
    .split("\n")
    .slice(1)
    .map((line) => /\(?([^()\s]+):(\d+):(\d+)\)?\s*$/.exec(line))
    .find((match) => match !== null && match[1] === file);
  return { ...details, stack, ...(frame ? { at: `${file}:${frame[2]}:${frame[3]}` } : {}) };
}

/**
 * Run stage: every planned test, visible ones first, then the hidden ones in a child of their own.
 * Each test's inputs are made (from the reference, or the committed fixture), the learner's
 * function is called in the sandbox, and the result judged; a test never throws. The reference's
 * share is made ahead (`prepareAhead`), while the submission builds and the children start.
 */

import { judge, judgeFailedCall } from "../checks/judge.ts";
import { propertyJudgement, runProperty } from "../checks/property.ts";
import { makeLearner, runSession } from "../checks/session.ts";
import {
  type CaseData,
  type Check,
  checkOf,
  type Functions,
  isNamedCheck,
  param,
} from "../core/assignment.ts";
import { type Manifest, type PlannedTest, plannedTests, type TestSpec } from "../core/manifest.ts";
import type { Details, NotRunReason, TestReport } from "../core/report.ts";
import { shapeNotation } from "../core/values.ts";
import { Sandbox } from "../sandbox/sandbox.ts";
import { wordMessage } from "../words/en/messages.ts";
import { locateError } from "./annotate.ts";
import type { StagedSubmission } from "./build.ts";
import type { Bundles } from "./bundles.ts";
import type { GradeContext, GradeInputs } from "./context.ts";
import { caseData } from "./expected.ts";
import type { Oracle } from "./oracle.ts";

/** Where a test runs: the sandbox, the copy it was built from, and the other functions' source. */
interface Where {
  sandbox: Sandbox;
  staged: StagedSubmission;
  others?: Functions;
}

export interface Ran {
  /** In the manifest's order, whatever order they ran in; a test left out is not there. */
  tests: TestReport[];
  /** What a child did between calls (no test was running to charge it to). */
  incidents: string[];
  /** Visible tests left out because they need the reference solution. */
  needReference: string[];
}

/** What the tests of a run share as they go. */
interface RunState {
  graded: Map<TestSpec, TestReport>;
  /** What a child did between calls (no test was running to charge it to). */
  incidents: string[];
  /** Visible tests left out because they need the reference solution. */
  needReference: string[];
  /** Functions that did not return within a test's limit: their later tests are not run. */
  hung: Map<string, { test: string; limitMs: number }>;
}

/** The tests this run grades, in the manifest's order. */
function plannedOf({ manifest, options, runHidden }: GradeContext): PlannedTest[] {
  return plannedTests(manifest)
    .filter(({ test }) => !(test.visibility === "hidden" && !runHidden))
    .filter(({ test }) => !options.select || options.select(test));
}

/**
 * Makes the inputs and expected data of every test that needs the reference, in the order the
 * tests run, one test per turn of the event loop: the reference runs in this process, so its work
 * overlaps what the other processes do meanwhile (esbuild bundling the submission, the children
 * starting, the learner's code running) instead of waiting for it, and a test finds its data made.
 * `stop` ends it when the tests are over (a test left out by a hang needs none).
 */
export function prepareAhead(ctx: GradeContext): { stop: () => void } {
  const { reference, cases } = ctx.inputs;
  let stopped = false;
  const ahead = async () => {
    for (const { test, fn } of plannedOf(ctx)) {
      if (!reference || checkOf(test, cases).kind === "property") continue;
      await new Promise((resolve) => setImmediate(resolve));
      if (stopped || performance.now() >= ctx.deadline) return;
      // Its failure is the test's to report when it runs, not an unhandled rejection now.
      prepare(test, fn, caseSeed(test, ctx.options.seed), ctx.inputs, ctx.caseCache).catch(
        () => undefined,
      );
    }
  };
  void ahead();
  return {
    stop: () => {
      stopped = true;
    },
  };
}

export async function runTests(ctx: GradeContext, bundles: Bundles): Promise<Ran> {
  const planned = plannedOf(ctx);
  const state: RunState = { graded: new Map(), incidents: [], needReference: [], hung: new Map() };
  // Visible tests first, then the hidden ones in a child of their own: nothing learner code
  // prints after a hidden test's inputs reached it can show up in a visible test's output.
  const phases = (["visible", "hidden"] as const)
    .map((visibility) => planned.filter(({ test }) => test.visibility === visibility))
    .filter((phase) => phase.length > 0)
    .map((phase) => ({ phase, children: phaseChildren(ctx, bundles, phase) }));
  // Every phase's children start now: the hidden phase's while the visible tests run.
  for (const { children } of phases) children.warm();
  try {
    for (const { phase, children } of phases) await runPhase(ctx, bundles, phase, children, state);
  } finally {
    // Each phase closed its own as it ended; this also stops those of a phase that never ran.
    for (const { children } of phases) {
      for (const sandbox of children.sandboxes) {
        sandbox.close();
        state.incidents.push(...sandbox.incidents);
      }
    }
  }
  return {
    tests: planned.flatMap(({ test }) => {
      const result = state.graded.get(test);
      return result ? [result] : [];
    }),
    incidents: state.incidents,
    needReference: state.needReference,
  };
}

/** A phase's sandboxes: one for the whole submission, one that judges each function alone. */
interface PhaseChildren {
  whole: Sandbox | undefined;
  single: Sandbox | undefined;
  /** Both, once each (they are one when no function is judged alone). */
  sandboxes: Sandbox[];
  /** Starts the children the phase's tests will call. */
  warm: () => void;
}

function phaseChildren(
  ctx: GradeContext,
  { build, judgedAlone }: Bundles,
  phase: PlannedTest[],
): PhaseChildren {
  const { manifest, deadline, protections } = ctx;
  const sandboxOf = (bundle: { dir: string; entry: string }, answers?: Oracle) =>
    new Sandbox({
      dir: bundle.dir,
      entry: bundle.entry,
      heapMb: manifest.limits.heapMb,
      importTimeoutMs: manifest.limits.importTimeoutMs,
      cpuSeconds: manifest.limits.childCpuSeconds,
      deadline,
      protections,
      contention: ctx.options.contention ?? 1,
      ...(answers ? { oracle: answers } : {}),
    });
  // A sandbox starts no child until it is warmed or called: an unused one costs nothing.
  const whole = build.status === "built" ? sandboxOf(build) : undefined;
  const single = judgedAlone ? sandboxOf(judgedAlone.bundle, judgedAlone.oracle) : whole;
  return {
    whole,
    single,
    sandboxes: [...new Set([whole, single])].filter((s) => s !== undefined),
    warm: () => {
      if (phase.some((item) => item.endToEnd)) whole?.warm();
      if (phase.some((item) => !item.endToEnd)) single?.warm();
    },
  };
}

/** One phase's tests, in the phase's sandboxes. */
async function runPhase(
  ctx: GradeContext,
  { read, build, judgedAlone }: Bundles,
  phase: PlannedTest[],
  children: PhaseChildren,
  state: RunState,
): Promise<void> {
  const { whole, single } = children;
  const whereOf = (item: PlannedTest): Where | { notRun: NotRunReason } => {
    const sandbox = item.endToEnd ? whole : single;
    return sandbox && build.status === "built"
      ? { sandbox, staged: build.staged, others: item.endToEnd ? undefined : judgedAlone?.others }
      : { notRun: { code: read.status === "unreadable" ? "unreadable" : "unbuilt" } };
  };
  const inTurn = async (items: PlannedTest[]) => {
    for (const item of items) await runOne(ctx, item, whereOf(item), state);
  };
  try {
    // The end-to-end tests (a whole training: the longest by far) have a child of their own when
    // the others are judged alone, and run alongside them: the grade takes about as long as the
    // longer of the two, not their sum. One child answers one call at a time, so with a single
    // child everything runs in turn.
    if (whole !== single)
      await Promise.all([
        inTurn(phase.filter((item) => item.endToEnd)),
        inTurn(phase.filter((item) => !item.endToEnd)),
      ]);
    else await inTurn(phase);
  } finally {
    // A phase's children go when it ends (closing again later does nothing).
    for (const sandbox of children.sandboxes) sandbox.close();
  }
}

/** One test, unless its function hung in an earlier one; a hang is remembered for the next. */
async function runOne(
  ctx: GradeContext,
  item: PlannedTest,
  where: Where | { notRun: NotRunReason },
  state: RunState,
): Promise<void> {
  const { fn, test } = item;
  const { options } = ctx;
  const stuck = state.hung.get(fn);
  if (stuck) {
    state.graded.set(
      test,
      testReport(item, {
        status: "timeout",
        seed: caseSeed(test, options.seed),
        details: {
          type: "not-run",
          reason: { code: "hung", limitMs: stuck.limitMs, test: stuck.test },
        },
      }),
    );
    return;
  }
  options.progress?.({ test, fn, state: "started" });
  const result = await gradeOne(ctx, item, where, state.needReference);
  options.progress?.({ test, fn, state: "finished" });
  if (result) state.graded.set(test, result);
  if (result?.details.type === "timeout") {
    const about = aboutOf.get(result) ?? fn;
    if (!state.hung.has(about))
      state.hung.set(about, { test: test.id, limitMs: result.details.limitMs });
  }
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
  cache: Map<string, Promise<CaseData>>,
): Promise<CaseData | NotRunReason> {
  const { reference, cases, manifest, expected } = inputs;
  if (reference) {
    const key = `${test.id}@${seed}`;
    const made = cache.get(key) ?? caseData(test, fn, seed, manifest, cases, reference);
    cache.set(key, made);
    return made;
  }
  const fixture = expected?.tests[test.id];
  if (!fixture) return { code: "no-fixture" };
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

export function testReport(
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

/**
 * One test's report, or undefined when it is left out (a named check without the reference,
 * listed in `needReference`). Never throws: a fault of gradecheck's own costs this test only.
 */
async function gradeOne(
  ctx: GradeContext,
  planned: PlannedTest,
  /** Where to run it, or why nothing can run. */
  run: Where | { notRun: NotRunReason },
  needReference: string[],
): Promise<TestReport | undefined> {
  const { inputs, options, deadline } = ctx;
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
      details: { type: "not-run", reason: { code: "run-time-up" } },
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
    return await runTest(ctx, planned, seed, run);
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
  { inputs, options, manifest, caseCache }: GradeContext,
  planned: PlannedTest,
  seed: number,
  { sandbox, staged, others }: Where,
): Promise<TestReport> {
  const { test, fn } = planned;
  const check = checkOf(test, inputs.cases);
  if (check.kind === "property") {
    const callLimit = options.timeoutMs ?? manifest.limits.timeoutFloorMs;
    return propertyTest(planned, seed, check, { sandbox, others }, callLimit);
  }
  const prepared = await prepare(test, fn, seed, inputs, caseCache);
  if ("code" in prepared) {
    return testReport(planned, {
      status: "error",
      seed,
      details: { type: "not-run", reason: prepared },
    });
  }
  const limit = timeLimit(test, prepared.referenceMs, manifest, options.timeoutMs);
  const callStart = performance.now();
  if (check.kind === "session") {
    const { session } = check;
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
  const argNames = inputs.cases.functions[fn]?.argNames ?? [];
  const durationMs = Math.round(performance.now() - callStart);
  const judgement = judge({
    fn,
    outcome,
    args: prepared.args,
    expected: prepared.expected,
    tolerance: test.tolerance ?? manifest.tolerance,
    check,
    params: test.case,
    cases: inputs.cases,
    reference: inputs.reference,
    argNames,
  });
  return testReport(planned, {
    status: judgement.status,
    details: locateError(judgement.details, staged),
    seed,
    timeLimitMs: limit,
    inputs: Object.fromEntries(
      prepared.args.map((arg, i) => [argNames[i] ?? `argument ${i + 1}`, shapeNotation(arg)]),
    ),
    durationMs,
    output: "output" in outcome ? outcome.output : "",
  });
}

/** What a test says when gradecheck itself failed on it. */
function graderFault(error: unknown): NotRunReason {
  const what = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return { code: "grader-fault", what };
}

/** Runs a property test: fast-check in the grader, the learner's function in the sandbox. */
async function propertyTest(
  planned: PlannedTest,
  seed: number,
  { name, spec }: Extract<Check, { kind: "property" }>,
  { sandbox, others }: Omit<Where, "staged">,
  /** Each call's limit. */
  callLimit: number,
): Promise<TestReport> {
  const { test } = planned;
  if (!spec) {
    return testReport(planned, {
      status: "error",
      seed,
      details: { type: "not-run", reason: { code: "no-property", name } },
    });
  }
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
  return testReport(planned, {
    ...propertyJudgement(spec.law, outcome, timeLimitMs),
    seed,
    timeLimitMs: callLimit,
    durationMs: Math.round(performance.now() - start),
    output: output(),
  });
}

/** How long one property may run in all, unless its test sets a limit. */
const PROPERTY_TIME_LIMIT_MS = 20_000;

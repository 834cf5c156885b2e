/**
 * Run stage: every planned test, visible ones first, then the hidden ones.
 * Each test's inputs are made (from the reference, or the committed fixture), the learner's
 * function is called in the sandbox, and the result judged; a test never throws. The reference's
 * share is made ahead (`prepareAhead`), while the children start.
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
  type ReferenceAnswer,
} from "../core/assignment.ts";
import { type Manifest, type PlannedTest, plannedTests, type TestSpec } from "../core/manifest.ts";
import type { Caller, CallLimit } from "../core/outcomes.ts";
import type { Details, NotRunReason, TestReport } from "../core/report.ts";
import { shapeNotation } from "../core/values.ts";
import type { OwnAnswer } from "../sandbox/protocol.ts";
import { Sandbox } from "../sandbox/sandbox.ts";
import { wordMessage } from "../words/en/messages.ts";
import { locateError } from "./annotate.ts";
import { ALONE_MODULE_COPIES, entryStubs, type StagedSubmission } from "./build.ts";
import type { BundleFolder } from "./bundle-folder.ts";
import { type Alone, type Folders, makesAlone, type Submitted } from "./bundles.ts";
import type { GradeContext, GradeInputs } from "./context.ts";
import { caseData, madeCase, withAnswer, withKnownAnswer } from "./expected.ts";
import type { Oracle } from "./oracle.ts";
import {
  answeredAsReference,
  calleesOf,
  noting,
  type OwnAnswering,
  vouchedFor,
  vouchedFunctions,
} from "./own-callees.ts";
import { answeringStubs, type Throws } from "./untouched-stubs.ts";

/** Where a test runs: the sandbox, the copy it was built from, and the other functions' source. */
interface Where {
  sandbox: Caller;
  staged: StagedSubmission;
  others?: Functions;
  /** The same child with the learner's own functions answering the calls (judged alone only). */
  own?: OwnAnswering;
  /** Functions left as their stubs, whose calls the grader answers itself. */
  stubs?: ReadonlyMap<string, Throws>;
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
  /**
   * Functions that have returned a value in a test: the reference's answer to their next calls
   * is worth working out while they run. One that never has (a stub) is never waited on for it.
   */
  returning: Set<string>;
  /**
   * Functions a test has called on its own inputs (where `returning` is recorded too): one called
   * that has never returned is not chained from (`makeLearner`'s `chains`, session.ts).
   */
  called: Set<string>;
  /** Every test of the run, in the manifest's order: whose verdicts vouch for a function. */
  planned: readonly PlannedTest[];
  /** Passes with the learner's own functions answering, until their tests are all in. */
  provisional: Provisional[];
  /** Whether every test has run: a test not graded now never will be. */
  over: boolean;
}

/** A pass with the learner's own callees answering (`own-callees.ts`), and where to grade it again. */
interface Provisional {
  item: PlannedTest;
  where: Where;
  callees: string[];
}

/** The tests this run grades, in the manifest's order. */
function plannedOf({ manifest, options, runHidden }: GradeContext): PlannedTest[] {
  return plannedTests(manifest)
    .filter(({ test }) => !(test.visibility === "hidden" && !runHidden))
    .filter(({ test }) => !options.select || options.select(test));
}

/**
 * Makes the inputs and expected data of every test that needs the reference, in the order the
 * tests run, one test per turn of the event loop, once `after` has settled: the reference runs in
 * this process, so its work overlaps what the other processes do meanwhile (the children
 * starting, the learner's code running) instead of waiting for it, and a test finds its data made.
 * The grade starts it once the bundles are made: esbuild asks this process to resolve each import
 * of a bundle, one turn of the event loop each, and a long test's data made on each turn would
 * hold every bundle back. `stop` ends it when the tests are over (a test left out by a hang needs
 * none).
 */
export function prepareAhead(
  ctx: GradeContext,
  after: Promise<unknown> = Promise.resolve(),
): { stop: () => void } {
  const { reference, cases } = ctx.inputs;
  let stopped = false;
  const ahead = async () => {
    await after.catch(() => undefined);
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

/** Each phase's tests and children. */
export type Phases = { phase: PlannedTest[]; children: PhaseChildren }[];

/**
 * Starts the run's children, before the bundles they import are made (`building`, then `alone`,
 * the second bundle, where `folders` has one): visible tests first, then, once every visible test
 * is over, the hidden ones, so that nothing learner code prints after a hidden test's inputs
 * reached it can show up in a visible test's output. The visible phase's children start now; the
 * hidden phase takes them over when it starts (`continueFrom`): a child's start and warm-up, some
 * 100 ms of CPU, once per grade rather than twice.
 */
export function startChildren(
  ctx: GradeContext,
  folders: Folders,
  building: Promise<Submitted>,
  alone: Promise<Alone> = Promise.resolve({}),
): Phases {
  const planned = plannedOf(ctx);
  return (["visible", "hidden"] as const)
    .map((visibility) => planned.filter(({ test }) => test.visibility === visibility))
    .filter((phase) => phase.length > 0)
    .map((phase, index) => ({
      phase,
      children: new PhaseChildren(ctx, folders, building, alone, phase, index === 0),
    }));
}

/** Runs every phase's tests in its children (`startChildren`), and stops them all. */
export async function runTests(
  ctx: GradeContext,
  { read, build }: Submitted,
  folders: Folders,
  phases: Phases,
): Promise<Ran> {
  const planned = plannedOf(ctx);
  const state: RunState = {
    graded: new Map(),
    incidents: [],
    needReference: [],
    hung: new Map(),
    returning: new Set(),
    called: new Set(),
    planned,
    provisional: [],
    over: false,
  };
  const aloneComing = makesAlone(build, folders);
  try {
    let before: Phases[number] | undefined;
    for (const current of phases) {
      if (before) {
        current.children.continueFrom(before.children);
        closePhase(before, state);
      }
      await runPhase(ctx, { read, build }, aloneComing, current.phase, current.children, state);
      before = current;
    }
    if (before) closePhase(before, state);
    state.over = true;
    await settleProvisional(ctx, state);
  } finally {
    // Each phase closed its own as it ended; this also stops those of a phase that never ran.
    for (const { children } of phases) {
      children.close();
      state.incidents.push(...children.incidents());
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

/**
 * The child a test is called in, with the reference's functions its laws use for the others, and
 * (judged alone) the same child with the learner's own functions answering the calls.
 */
interface Child {
  sandbox: Sandbox;
  others?: Functions;
  own?: OwnAnswering;
  stubs?: ReadonlyMap<string, Throws>;
}

/**
 * A phase's children: the whole submission's, which runs the end-to-end tests (and every test
 * when no function is judged alone), and the one that judges each function alone. The first
 * phase's start before their bundles are made (each imports its own once it is written): Node's
 * start and the runtime's loading then overlap the bundling. The end-to-end tests' child runs a
 * whole training, the longest test by far, while the second bundle is made. A later phase takes
 * over the children the phase before it leaves between calls (`continueFrom`), started and warm,
 * and starts its own only where there are none. A sandbox starts no child until it is warmed or
 * called: an unused one costs nothing.
 */
class PhaseChildren {
  readonly whole: Sandbox;
  /** The child that judges each function alone (the whole submission's when there is none). */
  readonly single: Promise<Child>;
  readonly #alone: Sandbox | undefined;
  /** `single`'s sandbox, once it has settled with a bundle made (none: nothing to start). */
  #single: Sandbox | undefined;
  /**
   * Whether every function of the assignment is left as its stub: the grader answers each call,
   * and no child is started for them.
   */
  #answered = false;
  /**
   * Whether the functions the phase's end-to-end tests run (none: none) are left as their stubs:
   * the grader answers those tests, here and in the hidden phase.
   */
  #endToEndAnswered = false;
  /** Whether the phase's end-to-end tests, the whole child's lane when judging alone, are over. */
  #endToEndOver = false;
  /** The assignment's functions (not its end-to-end groups). */
  readonly #functions: string[];
  /** The functions the phase's end-to-end tests run. */
  readonly #endToEndFunctions: string[];
  readonly #endToEnd: boolean;
  readonly #others: boolean;
  readonly #made: Sandbox[] = [];
  #started = false;
  #closed = false;

  constructor(
    ctx: GradeContext,
    folders: Folders,
    building: Promise<Submitted>,
    alone: Promise<Alone>,
    phase: PlannedTest[],
    /** Whether the children start now; otherwise once the phase does (`continueFrom`). */
    startNow: boolean,
  ) {
    this.#endToEndFunctions = phase.flatMap((item) => (item.endToEnd ? [item.fn] : []));
    this.#endToEnd = this.#endToEndFunctions.length > 0;
    this.#others = phase.some((item) => !item.endToEnd);
    this.#functions = ctx.manifest.functions.flatMap(({ name, runs }) => (runs ? [] : [name]));
    const built = building.then(({ build }) => {
      if (build.status !== "built") throw new Error("no bundle");
    });
    this.whole = this.#sandbox(ctx, folders.whole, built);
    const judging = folders.alone;
    const aloneSandbox =
      judging &&
      this.#sandbox(
        ctx,
        judging.folder,
        alone.then(({ judgedAlone }) => {
          if (!judgedAlone) throw new Error("no second bundle");
        }),
        judging.judging.oracle,
      );
    this.#alone = aloneSandbox;
    if (startNow) {
      this.#started = true;
      for (const sandbox of this.#used(aloneSandbox)) sandbox.warm();
    }
    this.single = Promise.all([building, alone]).then(async ([{ build }, { judgedAlone }]) => {
      const sandbox = judgedAlone && aloneSandbox ? aloneSandbox : this.whole;
      // A submission that did not build has no folder left to start a child in.
      const made = build.status === "built";
      if (made) this.#single = sandbox;
      if (sandbox !== aloneSandbox) aloneSandbox?.close();
      const stubs = judgedAlone ? judgedAlone.stubs : made ? await entryStubs(build) : undefined;
      // A call of a stub left untouched is answered by the grader (unless an input is not as its
      // kept lines read it): with every function so, the children started for them are not
      // needed, and go, most before they have loaded their bundle; so does the whole child once
      // it has run the end-to-end tests of stubs alone. A call that comes after all starts one.
      const answered = (names: string[]) => stubs !== undefined && names.every((n) => stubs.has(n));
      this.#answered = answered(this.#functions);
      this.#endToEndAnswered = answered(this.#endToEndFunctions);
      this.#stopWholeIfIdle();
      if (this.#answered) aloneSandbox?.close();
      else if (this.#started && !this.#closed && this.#others && made) sandbox.warm();
      if (!judgedAlone) return { sandbox, ...(stubs ? { stubs } : {}) };
      const own: OwnAnswering = {
        caller: (functions, answered) =>
          sandbox.withOwnCallees({
            limits: { ...judgedAlone.ownCallees, functions },
            answered,
          }),
        oracle: judgedAlone.oracle,
      };
      return {
        sandbox,
        others: judgedAlone.others,
        ...(ctx.options.ownCallees === false ? {} : { own }),
        stubs: judgedAlone.stubs,
      };
    });
    // A phase that never runs never asks: its failure is the phase's that does, not unhandled.
    this.single.catch(() => undefined);
  }

  /** The end-to-end tests of the phase, judging each function alone, are over. */
  endToEndOver(): void {
    this.#endToEndOver = true;
    this.#stopWholeIfIdle();
  }

  /**
   * The whole child goes once no call to come needs it: with no second bundle (or a failed one,
   * the others then running in it too), when every function is a stub; judging alone, where it
   * runs the end-to-end tests only, once they are over and their functions are stubs (not
   * before: a call the grader cannot answer after all may be running in it).
   */
  #stopWholeIfIdle(): void {
    const judgingAlone = this.#alone !== undefined && this.#single !== this.whole;
    const idle = judgingAlone ? this.#endToEndOver && this.#endToEndAnswered : this.#answered;
    if (idle) this.whole.close();
  }

  /**
   * Starts this phase with the children `previous` left between calls: each sandbox takes over
   * its counterpart's child, and starts one of its own only where there is none to take. So the
   * hidden tests run in the children the visible ones ran in, after every visible test is over:
   * nothing they print can reach a visible test's output. `previous` keeps no child; a visible
   * test graded again later (`settleProvisional`) runs in a fresh one.
   */
  continueFrom(previous: PhaseChildren): void {
    this.#started = true;
    const single = this.#single;
    // No bundle was made: there is nothing to start a child of (each test says so).
    if (!single || this.#closed) return;
    // Every call answered by the grader: no child to start.
    if (this.#answered) return;
    for (const sandbox of this.#used(single)) {
      const from = sandbox === this.whole ? previous.whole : previous.#alone;
      if (!from || !sandbox.takeChildOf(from)) sandbox.warm();
    }
  }

  /**
   * The sandboxes this phase's tests run in, once each: the whole submission's for the end-to-end
   * tests, `single` for the others (the same sandbox without a second bundle).
   */
  #used(single: Sandbox | undefined): Set<Sandbox> {
    const used = new Set<Sandbox>();
    if (this.#endToEnd) used.add(this.whole);
    if (this.#others && single) used.add(single);
    return used;
  }

  #sandbox(
    ctx: GradeContext,
    folder: BundleFolder,
    written: Promise<unknown>,
    oracle?: Oracle,
  ): Sandbox {
    const { manifest, deadline, protections } = ctx;
    const sandbox = new Sandbox({
      ...folder,
      written,
      heapMb: manifest.limits.heapMb,
      importTimeoutMs: manifest.limits.importTimeoutMs,
      cpuSeconds: manifest.limits.childCpuSeconds,
      deadline,
      protections,
      contention: ctx.options.contention ?? 1,
      // The child that judges each function alone runs many short tests (tiering.ts), and
      // imports the learner's module twice (the second copy answers for the learner's own).
      ...(oracle ? { oracle, optimiseLater: true, moduleCopies: ALONE_MODULE_COPIES } : {}),
    });
    this.#made.push(sandbox);
    return sandbox;
  }

  /** Stops every child of the phase but `kept` (closing again does nothing); none starts after. */
  close(kept?: Caller): void {
    this.#closed = true;
    for (const sandbox of this.#made) if (sandbox !== kept) sandbox.close();
  }

  /** What the phase's children did between calls. */
  incidents(): string[] {
    return this.#made.flatMap((sandbox) => sandbox.incidents);
  }
}

/** One phase's tests, in the phase's children. */
async function runPhase(
  ctx: GradeContext,
  { read, build }: Submitted,
  /** Whether a second bundle is being made (the end-to-end tests then have a child of their own). */
  aloneComing: boolean,
  phase: PlannedTest[],
  children: PhaseChildren,
  state: RunState,
): Promise<void> {
  const whereOf = (
    item: PlannedTest,
    { sandbox, others, own, stubs }: Child,
  ): Where | { notRun: NotRunReason } =>
    sandbox && build.status === "built"
      ? {
          sandbox,
          staged: build.staged,
          ...(item.endToEnd ? { stubs } : { others, own, stubs }),
        }
      : { notRun: { code: read.status === "unreadable" ? "unreadable" : "unbuilt" } };
  const inTurn = async (items: PlannedTest[], child: Child) => {
    for (const item of items) await runOne(ctx, item, whereOf(item, child), state);
  };
  // With the stubs the entry leaves, once it is read (at once where it names no stub's class).
  const whole = async (): Promise<Child> => ({
    sandbox: children.whole,
    ...(build.status === "built" ? { stubs: await entryStubs(build) } : {}),
  });
  // The end-to-end tests (a whole training: the longest by far) start at once in their own child
  // and run alongside the others, which wait for the second bundle: the grade takes about as
  // long as the longer of the two, not their sum. Should that bundle fail, both lanes share the
  // whole submission's child, which answers one call at a time. With one child for everything
  // from the start, the tests run in turn.
  if (aloneComing)
    await Promise.all([
      whole()
        .then((child) =>
          inTurn(
            phase.filter((item) => item.endToEnd),
            child,
          ),
        )
        .then(() => children.endToEndOver()),
      children.single.then((single) =>
        inTurn(
          phase.filter((item) => !item.endToEnd),
          single,
        ),
      ),
    ]);
  else await inTurn(phase, await children.single);
}

/**
 * A phase's children go once it is over and the next phase has taken what it could of them
 * (closing again later does nothing), but the one that may have to grade a provisional pass
 * again: it goes once every test is in.
 */
function closePhase({ phase, children }: Phases[number], state: RunState): void {
  const kept = state.provisional.find(({ item }) => phase.includes(item));
  children.close(kept?.where.sandbox);
}

/**
 * Grades again each provisional pass whose callees failed a test after all (the reference then
 * answers for those): a test graded again may fail now, and so unsettle another's callees.
 */
async function settleProvisional(ctx: GradeContext, state: RunState): Promise<void> {
  for (;;) {
    const { planned, graded, over } = state;
    const unsettled = state.provisional.find(
      ({ callees }) => !vouchedFor(callees, planned, graded, over),
    );
    if (!unsettled) return;
    state.provisional.splice(state.provisional.indexOf(unsettled), 1);
    await runOne(ctx, unsettled.item, unsettled.where, state);
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
  const result = await gradeFirstWithOwnCallees(ctx, item, where, state);
  options.progress?.({ test, fn, state: "finished" });
  if (result) state.graded.set(test, result);
  if (result?.details.type === "timeout") {
    const about = result.about ?? fn;
    if (!state.hung.has(about))
      state.hung.set(about, { test: test.id, limitMs: result.details.limitMs });
  }
}

/**
 * One test, with the learner's own functions answering its calls of those whose tests vouch for
 * them (`own-callees.ts`), the reference the others. A pass so answered is provisional; anything
 * else is graded again with the reference answering every call. A test none of whose calls the
 * learner's own answered ran as it would have with the reference answering: it stands.
 */
async function gradeFirstWithOwnCallees(
  ctx: GradeContext,
  item: PlannedTest,
  where: Where | { notRun: NotRunReason },
  state: RunState,
): Promise<TestReport | undefined> {
  if ("notRun" in where || !where.own) return gradeOne(ctx, item, where, state);
  const { cases } = ctx.inputs;
  const trusted = vouchedFunctions(cases, state.planned, state.graded, state.over);
  const called = new Set<string>();
  const answered: OwnAnswer[] = [];
  const sandbox = noting(where.own.caller(trusted, answered), called);
  const own = await gradeOne(ctx, item, { ...where, sandbox }, state);
  const ownAnswered = calleesOf(called, cases).filter((fn) => trusted.includes(fn));
  if (ownAnswered.length === 0) return own;
  const kept =
    own?.status === "passed" &&
    answeredAsReference(answered, where.own.oracle, ctx.manifest.tolerance);
  if (!kept) return gradeOne(ctx, item, where, state);
  state.provisional.push({ item, where, callees: ownAnswered });
  return own;
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

/**
 * The test's inputs and the reference's answer. A visible test's inputs are the committed ones
 * (expected.json), which learners grade with too: the same either way, and some take a while to
 * make (a trained network's parameters). Without the reference, the answer is the committed one;
 * so it is with the reference where the build verified it is the reference's (`verified.ts`),
 * the reference then running only if a call needs its time.
 */
async function prepare(
  test: TestSpec,
  fn: string,
  seed: number,
  inputs: GradeInputs,
  cache: Map<string, Promise<CaseData>>,
): Promise<CaseData | NotRunReason> {
  const { reference, cases, manifest, expected } = inputs;
  const fixture = test.visibility === "visible" ? expected?.tests[test.id] : undefined;
  if (reference) {
    const key = `${test.id}@${seed}`;
    let made = cache.get(key);
    if (!made) {
      if (fixture) {
        const answered = withAnswer(test, fn, fixture.args, cases, reference);
        made = Promise.resolve(
          expected?.verified ? withKnownAnswer(answered, fixture.expected) : answered,
        );
      } else made = caseData(test, fn, seed, manifest, cases, reference);
      cache.set(key, made);
    }
    return made;
  }
  if (!fixture) return { code: "no-fixture" };
  // Without the reference there is no timing to calibrate from: the floor (or the test's own limit).
  return madeCase(fixture.args, { expected: fixture.expected, referenceMs: 0 });
}

/**
 * A call's time limit: the instructor's for this test (there because the test is known to be
 * long), else the command's, else `timeoutFactor` times the reference's own time on the inputs,
 * never below the floor. That time is known only once the reference has answered, which a call
 * that fails at once never waits for: such a limit is the floor until the call runs that long.
 */
function callLimit(
  test: TestSpec,
  prepared: CaseData,
  manifest: Manifest,
  override: number | undefined,
): CallLimit {
  if (test.timeoutMs !== undefined) return test.timeoutMs;
  if (override !== undefined) return override;
  const { timeoutFloorMs, timeoutFactor } = manifest.limits;
  const calibrated = ({ referenceMs }: ReferenceAnswer) =>
    Math.max(timeoutFloorMs, Math.ceil(timeoutFactor * referenceMs));
  const known = prepared.answered();
  if (known) return calibrated(known);
  return { floor: timeoutFloorMs, settle: async () => calibrated(await prepared.answer()) };
}

/** The limit a call was held to: a limit not worked out by the time the call ended was its floor. */
function heldTo(limit: CallLimit): number {
  return typeof limit === "number" ? limit : limit.floor;
}

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
    ...(about !== group ? { about } : {}),
    message: wordMessage(about, fields.details),
  };
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
  { needReference, returning, called }: Pick<RunState, "needReference" | "returning" | "called">,
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
    return await runTest(ctx, planned, seed, run, { returning, called });
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
  { sandbox: child, staged, others, stubs }: Where,
  { returning, called }: Pick<RunState, "returning" | "called">,
): Promise<TestReport> {
  const { test, fn } = planned;
  const sandbox = stubs ? answeringStubs(child, stubs) : child;
  const check = checkOf(test, inputs.cases);
  const chains = (name: string) => returning.has(name) || !called.has(name);
  if (check.kind === "property") {
    const callLimit = options.timeoutMs ?? manifest.limits.timeoutFloorMs;
    const calls = { sandbox, others, chains };
    return propertyTest(planned, seed, check, calls, callLimit, returning.has(fn));
  }
  const prepared = await prepare(test, fn, seed, inputs, caseCache);
  if ("code" in prepared) {
    return testReport(planned, {
      status: "error",
      seed,
      details: { type: "not-run", reason: prepared },
    });
  }
  const limit = callLimit(test, prepared, manifest, options.timeoutMs);
  // What the report gives: the limit as known once the call has ended (see `heldTo`).
  const heldLimit = () => heldTo(callLimit(test, prepared, manifest, options.timeoutMs));
  const callStart = performance.now();
  if (check.kind === "session") {
    const { session } = check;
    const result = await runSession(
      session,
      fn,
      sandbox,
      prepared,
      test.case,
      limit,
      others,
      chains,
    );
    return testReport(
      planned,
      {
        status: result.judgement.status,
        details: locateError(result.judgement.details, staged),
        seed,
        timeLimitMs: heldLimit(),
        durationMs: Math.round(performance.now() - callStart),
        output: result.output,
      },
      result.fn,
    );
  }
  const repeat = inputs.cases.functions[fn]?.repeat ?? true;
  const call = sandbox.call(fn, prepared.args, limit, repeat);
  const outcome = returning.has(fn)
    ? await meanwhile(call, ANSWER_GRACE_MS, prepared.expected)
    : await call;
  called.add(fn);
  if (outcome.status === "returned") returning.add(fn);
  const argNames = inputs.cases.functions[fn]?.argNames ?? [];
  const durationMs = Math.round(performance.now() - callStart);
  // Only a value is judged against the reference's answer: a call that failed needs none.
  const expected = outcome.status === "returned" ? await prepared.expected() : undefined;
  const judgement = judge({
    fn,
    outcome,
    args: prepared.args,
    expected,
    tolerance: test.tolerance ?? manifest.tolerance,
    check,
    params: test.case,
    cases: inputs.cases,
    reference: inputs.reference,
    argNames,
    mistakeOutputs: prepared.mistakeOutputs,
  });
  return testReport(planned, {
    status: judgement.status,
    details: locateError(
      judgement.details,
      staged,
      prepared.args.map((value, i) => ({ name: argNames[i] ?? "", value })),
    ),
    seed,
    timeLimitMs: heldLimit(),
    inputs: Object.fromEntries(
      prepared.args.map((arg, i) => [argNames[i] ?? `argument ${i + 1}`, shapeNotation(arg)]),
    ),
    durationMs,
    output: "output" in outcome ? outcome.output : "",
  });
}

/**
 * How long a call of a function that returns values may take before the grader starts on the
 * reference's answer to it, which then overlaps the learner's code running in its child: a call
 * that ends sooner has it worked out after (a round trip takes about a millisecond).
 */
const ANSWER_GRACE_MS = 5;

/**
 * `call`'s outcome; `work` runs meanwhile if the call has not ended within `graceMs` (a
 * failure of `work` is left for whoever asks for its result again).
 */
async function meanwhile<T>(
  call: Promise<T>,
  graceMs: number,
  work: () => Promise<unknown>,
): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const grace = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, graceMs);
  });
  const ended = await Promise.race([call.then(() => true), grace.then(() => false)]);
  clearTimeout(timer);
  // A failure is asked for again when the result is needed, and reported then.
  if (!ended) work().catch(() => {});
  return call;
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
  { sandbox, others, chains }: Omit<Where, "staged"> & { chains: (fn: string) => boolean },
  /** Each call's limit. */
  callLimit: number,
  /** Whether the function has returned a value before: its inputs are then checked together. */
  together: boolean,
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
  const { learner, output } = makeLearner(sandbox, callLimit, others, chains);
  const start = performance.now();
  const outcome = await runProperty(spec, learner, {
    seed,
    numRuns: param(test.case, "numRuns", 50),
    timeLimitMs,
    together,
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

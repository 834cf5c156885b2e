/**
 * Annotate stage: what the tests found, read together. Pure: reports in, reports out.
 * - A failing session check whose partner passed says what that combination means.
 * - Points are settled: gated tests pay only once their function's comparisons pass, and a test
 *   that needs the learner's own other functions costs nothing while one of them fails.
 * - A failing end-to-end test names the functions of the pipeline that lose points.
 * - Without stand-ins, a failing test names the failing functions it calls.
 */
import { pathToFileURL } from "node:url";
import { computedReadHint, floorDivisionHint, nearKeyHint } from "../checks/error-hints.ts";
import { type AssignmentCases, callTree, checkOf } from "../core/assignment.ts";
import { type Manifest, plannedTests } from "../core/manifest.ts";
import { PACKAGE_ROOT } from "../core/paths.ts";
import { phraseOf, textOf } from "../core/phrase.ts";
import type { Details, Note, TestReport } from "../core/report.ts";
import { cutText, type Wire } from "../core/values.ts";
import { wordMessage } from "../words/en/messages.ts";
import { wordNote } from "../words/en/pipeline.ts";
import type { StagedSubmission } from "./build.ts";
import { runtimeFrames } from "./runtime.ts";
import { functionLines } from "./syntax-fence.ts";

/** Every annotation, in order; `judgedAlone`: whether the functions were judged alone. */
export function annotate(
  tests: TestReport[],
  manifest: Manifest,
  cases: AssignmentCases,
  judgedAlone: boolean,
): TestReport[] {
  // Judged alone, a function's failures are its own; otherwise one may start in a function it calls.
  const blamed = judgedAlone ? tests : blameCallees(tests, cases);
  return nameFailingFunctions(
    settlePoints(explainCheckPairs(blamed, manifest, cases), manifest),
    manifest,
    cases,
  );
}

/**
 * A failing session check whose partner check (same function) passed says what that combination
 * means: "right for the reference's cost, but not for your own" points at forward or cost.
 */
export function explainCheckPairs(
  tests: TestReport[],
  manifest: Manifest,
  cases: AssignmentCases,
): TestReport[] {
  const checks = new Map(plannedTests(manifest).map(({ test }) => [test.id, checkOf(test, cases)]));
  const nameOf = (t: TestReport) => {
    const check = checks.get(t.id);
    return check && check.kind !== "compare" ? check.name : "compare";
  };
  const key = (t: TestReport) => `${t.function}/${nameOf(t)}`;
  // A partner check counts as passed only when every test of it passed: with one of two failing,
  // "right for the reference's forward pass" would contradict that test's own failure.
  const failing = new Set(tests.filter((t) => t.status !== "passed").map(key));
  const passed = new Set(
    tests.filter((t) => t.status === "passed" && !failing.has(key(t))).map(key),
  );
  return tests.map((test) => {
    const check = checks.get(test.id);
    const pair = check?.kind === "session" ? check.session.whenOthersPass : undefined;
    if (test.status !== "failed" || !pair || !passed.has(`${test.function}/${pair.check}`))
      return test;
    const phrase = phraseOf(pair.meaning);
    return noted(test, {
      code: "meaning",
      meaning: textOf(pair.meaning),
      ...(phrase ? { phrase } : {}),
    });
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
    if (unmet.length > 0 && test.status !== "passed" && !gatedOut)
      return noted(
        { ...test, score: test.maxScore },
        { code: "not-graded", needs: [...needs], unmet },
      );
    if (test.status === "passed" && test.score > 0 && gatedOut)
      return noted({ ...test, score: 0 }, { code: "unpaid", fn: test.function });
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
    if (culprits.length === 0) return noted(test, { code: "pipeline", pipeline, culprits });
    return noted(
      { ...withoutGuess(test), failingCallees: culprits },
      { code: "pipeline", pipeline, culprits },
    );
  });
}

/**
 * A check's hint guesses at a cause from the result alone ("does nnModel use the learning rate it
 * is given?"); where functions of the pipeline fail their own tests the cause is known, and the
 * guess, which the passing tests of the function it names may contradict, is left out.
 */
function withoutGuess(test: TestReport): TestReport {
  const { details } = test;
  if (details.type !== "check" || details.hint === undefined) return test;
  const { hint: _, phrases, ...rest } = details;
  const known: Details = {
    ...rest,
    ...(phrases?.message ? { phrases: { message: phrases.message } } : {}),
  };
  const message = (test.notes ?? []).reduce(
    (text, note) => wordNote(note, text, test.function),
    wordMessage(test.about ?? test.function, known),
  );
  return { ...test, details: known, message };
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
    return noted({ ...test, failingCallees: callees }, { code: "callees", callees });
  });
}

/** A test with a note added: as data, and worded into its message. */
function noted(test: TestReport, note: Note): TestReport {
  return {
    ...test,
    notes: [...(test.notes ?? []), note],
    message: wordNote(note, test.message, test.function),
  };
}

/**
 * Stack traces with the submission's files by the names the learner knows (not the copy that was
 * bundled), the grader's own files relative to its package (the child's runtime at its sources),
 * and the first frame in the submission's entry file with the learner's line there: where the
 * learner should look, even when the error was raised deep in the array module. Where the error
 * has no hint yet, the function's lines up to there are read for a near miss of an input's key
 * (`inputs`: the test's arguments by name; checks/error-hints.ts's nearKeyHint), or for Python's
 * floor division, which TypeScript reads as a comment.
 */
export function locateError(
  details: Details,
  staged: StagedSubmission,
  inputs: readonly { name: string; value: Wire }[] = [],
): Details {
  if (details.type === "import-failed" && details.failure.code === "threw") {
    const { error } = details.failure;
    const failure = {
      ...details.failure,
      error: { ...error, stack: shownStack(error.stack, staged) },
    };
    return { ...details, failure };
  }
  if (details.type !== "error") return details;
  const stack = shownStack(details.stack, staged);
  const file = staged.shown.get(staged.entry);
  const frame = stack
    .split("\n")
    .slice(1)
    // From where a word starts only: on a made-up line of 8,000 characters with no space, a
    // search from every character took 50 ms of each test (each test's stack is the learner's).
    .map((line) => /(?<![^\s(])\(?([^()\s]+):(\d+):(\d+)\)?\s*$/.exec(line))
    .find((match) => match !== null && match[1] === file);
  if (!frame) return { ...details, stack };
  const index = Number(frame[2]) - 1;
  const line = staged.entryLines[index]?.trim();
  const hint = details.hint ?? sourceHint(details, staged.entryLines, index, inputs);
  return {
    ...details,
    stack,
    at: `${file}:${frame[2]}:${frame[3]}`,
    ...(line ? { line: cutText(line, LINE_LIMIT) } : {}),
    ...(hint ? { hint } : {}),
  };
}

/**
 * What the lines of the function that threw suggest: a near miss of a key, a read by a computed
 * key or index (the statement that threw first, then the lines above it, nearest first), a floor
 * division.
 */
function sourceHint(
  error: { message: string },
  lines: readonly string[],
  index: number,
  inputs: readonly { name: string; value: Wire }[],
) {
  const own = functionLines(lines, index);
  // No lines of a function there (a stack may name any line): nothing after it either.
  const statement = own.length === 0 ? [] : [...own.slice(-1), ...continuation(lines, index)];
  const above = own.slice(-1 - LINES_ABOVE, -1).reverse();
  return (
    nearKeyHint(error, own, inputs) ??
    computedReadHint(error, [...statement, ...above], inputs) ??
    floorDivisionHint(own)
  );
}

/** Lines above the one that threw read for a computed read: the loop around it, not a file's worth. */
const LINES_ABOVE = 40;

/** Lines a statement continues on after the one a stack names (a call's arguments, one a line). */
const CONTINUED_LINES = 8;

/** The lines after `index` that the statement on it goes on to, up to the one that ends it. */
function continuation(lines: readonly string[], index: number): string[] {
  const ends = (line: string) => /[;{}]\s*$/.test(line);
  const after: string[] = [];
  for (let k = index; k < lines.length - 1 && after.length < CONTINUED_LINES; k++) {
    if (ends(lines[k] as string)) break;
    after.push(lines[k + 1] as string);
  }
  return after;
}

/** A stack with every file by the name the learner knows it by (see `locateError`). */
function shownStack(raw: string, staged: StagedSubmission): string {
  let stack = runtimeFrames(raw);
  for (const [path, shown] of staged.shown) {
    stack = stack.replaceAll(pathToFileURL(path).href, shown).replaceAll(path, shown);
  }
  const own = PACKAGE_ROOT.endsWith("/") ? PACKAGE_ROOT : `${PACKAGE_ROOT}/`;
  return stack.replaceAll(pathToFileURL(own).href, "").replaceAll(own, "");
}

/** Characters of the learner's line shown with an error: a line, not a minified file. */
const LINE_LIMIT = 160;

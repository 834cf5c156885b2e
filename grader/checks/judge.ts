/**
 * Judges one call: from what the sandbox reported (and what the reference expected) to a status
 * and structured details. Pure: a learner's fault is a result here, never an exception.
 *
 * Size before work: what a learner's function returned is measured against the test's own data
 * (`sizeRefusal`) before any of the grader's code (a comparison, a mistake's replay, a named check
 * that runs the reference on it) sees it. This is the one place that rule lives; the session
 * checks and properties (session.ts) apply it to every call they make.
 */
import type {
  AssignmentCases,
  CaseParams,
  Check,
  CheckFailure,
  MistakeOutputs,
  Reference,
} from "../core/assignment.ts";
import type { Tolerance } from "../core/manifest.ts";
import type { CallOutcome } from "../core/outcomes.ts";
import { phraseOf, textOf } from "../core/phrase.ts";
import type { Details, GradientRow, Shown, TestStatus } from "../core/report.ts";
import { decode, entriesOf, isWireArray, type Wire } from "../core/values.ts";
import { said } from "../words/en/phrases.ts";
import { at, compare, identical } from "./compare.ts";
import { errorHint } from "./error-hints.ts";
import { misnamedHint } from "./form-hints.ts";
import { patternHint } from "./hints.ts";
import { arrayError, nameArrayError, nameMistake } from "./mistakes.ts";

export interface Judgement {
  status: TestStatus;
  details: Details;
}

export interface JudgeInput {
  fn: string;
  outcome: CallOutcome;
  args: Wire[];
  /** The reference's output; undefined for named checks, which judge without one. */
  expected: Wire | undefined;
  tolerance: Tolerance;
  /** How the result is judged: compared with `expected`, or by a named check. */
  check: Extract<Check, { kind: "compare" | "named" }>;
  params: CaseParams;
  cases: AssignmentCases;
  /** Absent when grading without the reference (then mistakes and named checks that need it are skipped). */
  reference: Reference | undefined;
  /** Names of the arguments, for "changed its argument parameters in place". */
  argNames: string[];
  /** The library's mistakes' outputs on these inputs, kept from other judgements of them. */
  mistakeOutputs?: MistakeOutputs;
}

export function judge(input: JudgeInput): Judgement {
  const { outcome } = input;
  if (outcome.status === "returned") return judgeReturned(input, outcome);
  if (outcome.status === "batch")
    throw new Error("gradecheck bug: a batch result for a single call");
  const judgement = judgeFailedCall(input.fn, outcome);
  return outcome.status === "threw" ? withThrowingMistake(input, judgement) : judgement;
}

/**
 * An error of the array module named by the mistake of the library that throws it on these inputs,
 * in place of what the shapes alone suggest: the error comes from the learner's own array
 * operation, or from the reference's function standing in for a callee, which their code gave the
 * wrong arrays. Only on the tests whose wrong values are searched for mistakes (compared with the
 * reference's): a named check's inputs may be a whole training, each mistake another.
 */
function withThrowingMistake(input: JudgeInput, judgement: Judgement): Judgement {
  const { details } = judgement;
  const fn = input.cases.functions[input.fn];
  if (details.type !== "error" || !fn || !input.reference || input.check.kind !== "compare")
    return judgement;
  const reason =
    details.phrase?.code === "standIn.reference-failed" && details.phrase.params?.reason;
  const thrown = arrayError(typeof reason === "string" ? { message: reason } : details);
  if (thrown === undefined) return judgement;
  const hint = nameArrayError({
    args: input.args,
    fn,
    reference: input.reference,
    arrayError: thrown,
    ...(input.mistakeOutputs ? { outputs: input.mistakeOutputs } : {}),
  });
  return hint ? { ...judgement, details: { ...details, hint } } : judgement;
}

/**
 * How much a learner's function may return, in values (`entriesOf`: numbers, strings, array
 * entries, list entries and keys): `factor` times what the test's inputs and expected answer hold,
 * and never less than `floor`. A right answer is about the size of the expected one; a function
 * returning far more is refused before the grader spends time or memory on it.
 */
export const RETURN_BUDGET = { floor: 65_536, factor: 16 };

export interface SizeRefusal {
  /** Values returned. */
  returned: number;
  /** Values in the test's inputs and expected answer. */
  held: number;
  /** The most that would have been accepted. */
  limit: number;
}

/** Whether the values `sent` back are too many for a test whose data is `held`; null if not. */
export function sizeRefusal(
  sent: (Wire | undefined)[],
  held: (Wire | undefined)[],
): SizeRefusal | null {
  const count = (values: (Wire | undefined)[]) =>
    values.reduce((sum: number, value) => sum + (value === undefined ? 0 : entriesOf(value)), 0);
  const heldCount = count(held);
  const limit = Math.max(RETURN_BUDGET.floor, RETURN_BUDGET.factor * heldCount);
  const returned = count(sent);
  return returned > limit ? { returned, held: heldCount, limit } : null;
}

/**
 * A check's verdict as a judgement: passed (with the values worth reporting, if any), or failed
 * with its message, hint and values.
 */
export function checkJudgement(
  failure: CheckFailure | null,
  values: Record<string, number | string> = failure?.details ?? {},
  gradients?: GradientRow[],
): Judgement {
  const rows = gradients ? { gradients } : {};
  if (!failure)
    return {
      status: "passed",
      details: {
        type: "passed",
        ...(Object.keys(values).length > 0 ? { values } : {}),
        ...rows,
      },
    };
  const phrases = { message: phraseOf(failure.message), hint: phraseOf(failure.hint) };
  return {
    status: "failed",
    details: {
      type: "check",
      message: textOf(failure.message),
      ...(failure.hint ? { hint: textOf(failure.hint) } : {}),
      ...(phrases.message || phrases.hint ? { phrases: definedOf(phrases) } : {}),
      ...rows,
      values,
    },
  };
}

/** The fields that are defined (a report has no `undefined` in it). */
export const definedOf = <T extends object>(o: T): T =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;

/** A refused result as a failed test: the message says what was refused, and why. */
export function refusedJudgement(refusal: SizeRefusal, grew = false): Judgement {
  const { returned, held, limit } = refusal;
  return checkJudgement({
    message: said("refused", { grew, returned, held, limit }),
    details: { returned, held, limit },
  });
}

/** A call that did not return a value: missing, not implemented, threw, timed out, crashed. */
export function judgeFailedCall(
  fn: string,
  outcome: Exclude<CallOutcome, { status: "returned" | "batch" }>,
): Judgement {
  switch (outcome.status) {
    case "refused":
      return refusedJudgement(outcome);
    case "import-failed":
      return { status: "error", details: { type: "import-failed", failure: outcome.failure } };
    case "missing":
      return { status: "missing", details: { type: "missing", reason: "not-exported" } };
    case "timeout":
      return outcome.run
        ? { status: "timeout", details: { type: "not-run", reason: { code: "run-time-up" } } }
        : { status: "timeout", details: { type: "timeout", limitMs: outcome.limitMs } };
    case "crashed":
      return { status: "error", details: { type: "crashed", reason: outcome.reason } };
    case "threw":
      // Not implemented means this function's own stub; another stub it calls is an error here.
      if (
        outcome.error.name === "NotImplementedError" &&
        outcome.error.message === `${fn} is not implemented yet`
      ) {
        return { status: "missing", details: { type: "missing", reason: "not-implemented" } };
      }
      {
        const hint = errorHint(outcome.error);
        return {
          status: "error",
          details: { type: "error", ...outcome.error, ...(hint ? { hint } : {}) },
        };
      }
  }
}

function judgeReturned(
  input: JudgeInput,
  outcome: Extract<CallOutcome, { status: "returned" }>,
): Judgement {
  const { args } = input;
  // Before anything else looks at them: what came back is checked for size against what went in.
  const held = [...args, input.expected];
  const tooMany = sizeRefusal([outcome.value, outcome.second], held);
  if (tooMany) return refusedJudgement(tooMany);
  const inputsGrew = sizeRefusal(outcome.argsAfter, held);
  if (inputsGrew) return refusedJudgement(inputsGrew, true);
  for (let i = 0; i < args.length; i++) {
    const before = args[i] as Wire;
    const after = outcome.argsAfter[i] as Wire;
    // A random generator is there to be drawn from: its state is meant to change.
    if (isRandom(before)) continue;
    if (!identical(before, after)) {
      const found = compare(before, after, { rtol: 0, atol: 0 });
      const name = input.argNames[i] ?? `argument ${i + 1}`;
      return {
        status: "failed",
        details: {
          type: "mutated-input",
          argument: name,
          path: found?.path ? `${name}.${found.path}` : name,
        },
      };
    }
  }
  const { check } = input;
  if (check.kind === "named") {
    if (!check.named || !input.reference) {
      return {
        status: "error",
        details: { type: "not-run", reason: { code: "needs-reference", check: check.name } },
      };
    }
    const failure = check.named.judge(
      decode(outcome.value),
      args.map(decode),
      input.params,
      input.reference,
    );
    return checkJudgement(failure);
  }
  const expected = input.expected as Wire;
  const mismatch = compare(expected, outcome.value, input.tolerance);
  const varies = outcome.second !== undefined && !identical(outcome.value, outcome.second);
  if (mismatch) {
    const inputShapes = shapes(args);
    const context = {
      // Column counts of the input arrays: what m (the number of examples) may be.
      examples: [...new Set(inputShapes.map(([, cols]) => cols))],
      shapes: inputShapes,
      sums: sums(input.reference?.[input.fn]),
      tolerance: input.tolerance,
    };
    const fn = input.cases.functions[input.fn];
    // A result that changes from call to call explains any pattern in its difference.
    const hint =
      (fn && input.reference
        ? nameMistake({
            args,
            expected,
            actual: outcome.value,
            tolerance: input.tolerance,
            fn,
            reference: input.reference,
            context,
            ...(input.mistakeOutputs ? { outputs: input.mistakeOutputs } : {}),
          })
        : undefined) ??
      (varies ? ({ code: "varies" } as const) : undefined) ??
      misnamedHint(mismatch, expected, outcome.value, context) ??
      patternHint(mismatch, at(expected, mismatch.path), at(outcome.value, mismatch.path), context);
    const shown = showable(at(expected, mismatch.path), at(outcome.value, mismatch.path));
    return {
      status: "failed",
      details: {
        type: "mismatch",
        ...mismatch,
        ...(hint ? { hint } : {}),
        ...(shown ? { shown } : {}),
      },
    };
  }
  if (varies) {
    const found = compare(outcome.value, outcome.second as Wire, { rtol: 0, atol: 0 });
    return { status: "failed", details: { type: "nondeterministic", path: found?.path ?? "" } };
  }
  return { status: "passed", details: { type: "passed" } };
}

/**
 * Whether the reference function sums (np.sum, np.mean, x.sum()): only then can a row where a
 * column was expected be a missing keepdims. Undefined without the reference.
 */
function sums(reference: ((...args: never[]) => unknown) | undefined): boolean | undefined {
  return reference === undefined ? undefined : /\b(sum|mean)\s*\(/.test(String(reference));
}

/** Entries of an array small enough to show whole beside the message. */
const SHOWN_ENTRIES = 48;

/** The expected and actual values at a mismatch, when both are numbers or small arrays. */
function showable(
  expected: Wire | undefined,
  actual: Wire | undefined,
): { expected: Shown; actual: Shown } | undefined {
  const shown = (value: Wire | undefined): Shown | undefined => {
    if (typeof value === "number") return value;
    if (!isWireArray(value) || value.data.length > SHOWN_ENTRIES) return undefined;
    const [rows, cols] = value.$array;
    return Array.from({ length: rows }, (_, i) =>
      Array.from(value.data.subarray(i * cols, (i + 1) * cols)),
    );
  };
  const e = shown(expected);
  const a = shown(actual);
  return e !== undefined && a !== undefined ? { expected: e, actual: a } : undefined;
}

function isRandom(value: Wire): boolean {
  return value !== null && typeof value === "object" && "$random" in value;
}

/** The shapes of the arrays in a call's inputs, at any depth. */
function shapes(args: Wire[]): [number, number][] {
  const found: [number, number][] = [];
  const visit = (value: Wire) => {
    if (value === null || typeof value !== "object") return;
    if (isWireArray(value)) {
      found.push([value.$array[0], value.$array[1]]);
      return;
    }
    for (const item of Array.isArray(value) ? value : Object.values(value)) visit(item as Wire);
  };
  args.forEach(visit);
  return found;
}

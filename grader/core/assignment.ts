/**
 * What an assignment provides in code, next to its manifest (`assignments/<id>/cases.ts`): an input
 * generator per function, shared by all of that function's cases, the classic mistakes whose
 * outputs identify a bug, and any named checks of integration tests. The grader knows nothing
 * else about the assignment.
 */

import type fc from "fast-check";
import type { NDArray, RandomState } from "../../assignments/lib/np.ts";
import type { Manifest } from "./manifest.ts";

export type { ThrownCall } from "./outcomes.ts";

import type { CallOutcome, Then, ThrownCall } from "./outcomes.ts";
import { type Catalog, type Lang, type Said, type Text, textOf } from "./phrase.ts";
import type { GradientRow } from "./report.ts";
import type { Wire } from "./values.ts";

export type CaseParams = Record<string, number | boolean | string>;

/** The reference solution's module: exported functions by name. */
export type Reference = Record<string, (...args: never[]) => unknown>;

export interface CaseContext {
  params: CaseParams;
  /** Seeded for this case alone. */
  rng: RandomState;
  /** The seed `rng` was made from, for inputs that are themselves generators. */
  seed: number;
  hyperparameters: Manifest["hyperparameters"];
  reference: Reference;
}

/**
 * A known mistake in one function: a variant of the reference function (same inputs), a short
 * name and the sentence that tells the learner what to change. When a learner's output is wrong,
 * the grader evaluates the mistakes of that function on the same inputs and names the one whose
 * output matches. A mistake with an `output` of its own stands alone; one without is a fault the
 * function's `variant` switches on, and faults of one function are also tried two at a time.
 */
export interface Mistake {
  /** Short, and the same in every report ("dW1 without 1/m"): the class summary counts by it. */
  name: string;
  /** What to change, told to the learner when their output is this mistake's. */
  hint: string;
  /** What a function with this mistake returns for the (decoded) inputs. */
  output?(args: unknown[], reference: Reference): unknown;
}

/** What the manifest declares of a function (see `declaredFunctions`). */
export interface LearnerFunction {
  /** Parameter names, for messages such as "changed its argument parameters in place". */
  argNames: string[];
  /** Call twice and require the same result (default true; off for long-running functions). */
  repeat?: boolean;
  /**
   * Other functions of the submission this one calls: when one of them fails too, the failure
   * may start there, and the message says so.
   */
  calls?: string[];
}

/** What the instructor's side adds (reference/<id>/cases.ts): it may compute with the reference. */
export interface ReferenceFunction {
  /** The call's arguments as wire data (arrays encoded, `{ $random: seed }` for a generator). */
  inputs(context: CaseContext): Wire[];
  mistakes?: Mistake[];
  /**
   * The reference function with the named faults switched on (the names of the mistakes that
   * have no `output`): what the function returns with those mistakes made together.
   */
  variant?(faults: ReadonlySet<string>, args: unknown[], reference: Reference): unknown;
}

/** A function's cases as the grader sees them: the instructor's part only where it is present. */
export type FunctionCases = LearnerFunction & Partial<ReferenceFunction>;

export interface CheckFailure {
  message: Text;
  hint?: Text;
  details: Record<string, number | string>;
}

/** A judgement other than "same as the reference": null when passed, else what is wrong. */
export interface NamedCheck {
  judge(
    actual: unknown,
    args: unknown[],
    params: CaseParams,
    reference: Reference,
  ): CheckFailure | null;
}

/** What a session check found: a failure or none, and values worth reporting either way. */
export interface SessionOutcome {
  failure: CheckFailure | null;
  values: Record<string, number | string>;
  /** A gradient check's verdict per parameter. */
  gradients?: GradientRow[];
}

/** A call of the learner's code that did not return normally; the grader words it. */
export class LearnerCallFailed extends Error {
  override name = "LearnerCallFailed";
  constructor(
    readonly fn: string,
    readonly outcome: CallOutcome,
  ) {
    super(`${fn}: ${outcome.status}`);
  }
}

/** The learner's module as a session check sees it: every call goes through the sandbox. */
export interface Functions {
  /** The decoded return value; throws LearnerCallFailed when the call did not return. */
  call(fn: string, args: unknown[]): Promise<unknown>;
  /** Many calls in one round trip; throws LearnerCallFailed when any of them did not return. */
  callMany(fn: string, batch: unknown[][]): Promise<unknown[]>;
  /**
   * `fn` on each argument list of `batch` cut at `then.from`, then `then.fn` on the result's
   * `then.key` and the rest of the list: the second function's values, in one round trip, without
   * the first's crossing (a forward pass's cache, to be sent back for its cost). Throws like
   * `callMany`, for the function that failed. Where it is missing, call the two in turn.
   */
  callChained?(fn: string, batch: unknown[][], then: Then): Promise<unknown[]>;
  /**
   * The function itself, where it runs in the grader's own process (the reference's): a check
   * may call it directly, through the array module's forward mode, say.
   */
  local?(fn: string): ((...args: unknown[]) => unknown) | undefined;
}

export interface Learner extends Functions {
  /**
   * The decoded return value and what the call printed, for a check that judges what the
   * learner's function says (a gradient checker's verdict); throws like `call`.
   */
  callPrinting(fn: string, args: unknown[]): Promise<{ value: unknown; printed: string }>;
  /**
   * The assignment's other functions as the function under test is judged with them: the
   * reference's where the grader has it (each function is judged alone), else the learner's own.
   * A law of backwardPropagation builds its cache with these, not with the learner's forward.
   */
  others: Functions;
}

/**
 * A check that makes calls of its own (a gradient check evaluates the learner's cost many times):
 * inputs are made up front by the instructor's side, and its reference data when first asked for
 * (both recorded for grading without the reference); `run`, the learner's side, calls the learner
 * and judges, in the grader process.
 */
export interface LearnerSessionCheck {
  run(
    learner: Learner,
    args: unknown[],
    /**
     * The reference's data, worked out on the first ask: ask once the learner's calls have
     * returned, so that a stub's check never waits for it.
     */
    expected: () => Promise<unknown>,
    params: CaseParams,
  ): Promise<SessionOutcome>;
  /**
   * What it means when this check fails while another check of the same function passes
   * (`check` names it): added to the failure's message.
   */
  whenOthersPass?: { check: string; meaning: Text };
}

export interface ReferenceSessionCheck {
  inputs(context: CaseContext): Wire[];
  /** What the reference says, as wire-able data; absent when the check needs none. */
  expected?(args: unknown[], reference: Reference): Promise<unknown> | unknown;
}

export type SessionCheck = LearnerSessionCheck & Partial<ReferenceSessionCheck>;

/** The learner's side of an assignment's cases: `assignments/<id>/cases.ts`. */
export interface LearnerCases {
  /** Laws of the functions, by id: the `check` of a test of kind "property". */
  properties: Record<string, PropertySpec<unknown>>;
  sessionChecks: Record<string, LearnerSessionCheck>;
  /** Its words in the other languages. */
  words?: AssignmentWords;
  /**
   * Arrays its learners' files build (a dataset), by name: expected.json names an input that is
   * one of them instead of copying it.
   */
  data?: () => Record<string, NDArray>;
}

/** The instructor's side: `reference/<id>/cases.ts`, never shipped to learners. */
export interface ReferenceCases {
  functions: Record<string, ReferenceFunction>;
  /** Named checks, which judge with the reference. */
  checks: Record<string, NamedCheck>;
  sessionChecks: Record<string, ReferenceSessionCheck>;
  /** The words of its mistakes and named checks in the other languages. */
  words?: AssignmentWords;
}

/**
 * An assignment's words in a language other than English (English is what its code and manifest
 * say): what a renderer of that language shows instead.
 */
export interface AssignmentLocale {
  title?: string;
  /** Test names, by test id. */
  tests?: Record<string, string>;
  /** Its phrases, by code: the same codes as the English catalog its code says them with. */
  phrases?: Catalog;
  /** Named mistakes, by their English name. */
  mistakes?: Readonly<Record<string, { name: string; sentence: string }>>;
}

export type AssignmentWords = Partial<Record<Lang, AssignmentLocale>>;

export interface AssignmentCases {
  functions: Record<string, FunctionCases>;
  properties: Record<string, PropertySpec<unknown>>;
  checks: Record<string, NamedCheck>;
  sessionChecks: Record<string, SessionCheck>;
  words: AssignmentWords;
}

/** Both sides' words, language by language. */
function mergeWords(own: AssignmentWords = {}, added: AssignmentWords = {}): AssignmentWords {
  const langs = [...new Set([...Object.keys(own), ...Object.keys(added)])] as Lang[];
  return Object.fromEntries(
    langs.map((lang) => {
      const [a, b] = [own[lang] ?? {}, added[lang] ?? {}];
      return [
        lang,
        {
          ...a,
          ...b,
          tests: { ...a.tests, ...b.tests },
          phrases: { ...a.phrases, ...b.phrases },
          mistakes: { ...a.mistakes, ...b.mistakes },
        },
      ];
    }),
  );
}

/** The functions the manifest declares: their argument names, what they call, whether to repeat. */
export function declaredFunctions(manifest: Manifest): Record<string, LearnerFunction> {
  return Object.fromEntries(
    manifest.functions
      .filter((f) => f.runs === undefined)
      .map(({ name, args, calls, repeat }) => [
        name,
        {
          argNames: args ?? [],
          ...(calls ? { calls } : {}),
          ...(repeat !== undefined ? { repeat } : {}),
        },
      ]),
  );
}

/** A function and every function it calls, directly or not, in the order they are met. */
export function callTree(fn: string, cases: Pick<AssignmentCases, "functions">): string[] {
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
 * The manifest's declarations and both sides of the cases as one, or without the reference the
 * learner's alone (no inputs, mistakes or named checks).
 */
export function mergeCases(
  manifest: Manifest,
  learner: LearnerCases,
  reference?: ReferenceCases,
): AssignmentCases {
  const merge = <L, R>(own: Record<string, L>, added: Record<string, R> | undefined) =>
    Object.fromEntries(
      [...new Set([...Object.keys(own), ...Object.keys(added ?? {})])].map((name) => [
        name,
        { ...own[name], ...added?.[name] },
      ]),
    ) as Record<string, L & Partial<R>>;
  return {
    functions: merge(declaredFunctions(manifest), reference?.functions),
    properties: learner.properties,
    checks: reference?.checks ?? {},
    sessionChecks: merge(learner.sessionChecks, reference?.sessionChecks),
    words: mergeWords(learner.words, reference?.words),
  };
}

/**
 * How a test is judged, from its kind and its `check` (one name, looked up in one place): the
 * default comparison with the reference's output; a law (kind "property"); a session check, which
 * makes calls of its own; or a named check, which judges one call's result with the reference.
 * A name the assignment does not define comes with `undefined`.
 */
export type Check =
  | { kind: "compare" }
  | { kind: "property"; name: string; spec: PropertySpec<unknown> | undefined }
  | { kind: "session"; name: string; session: SessionCheck }
  | { kind: "named"; name: string; named: NamedCheck | undefined };

export function checkOf(
  test: { kind: string; check?: string | undefined },
  cases: Pick<AssignmentCases, "properties" | "sessionChecks" | "checks">,
): Check {
  const name = test.check;
  if (test.kind === "property")
    return { kind: "property", name: name ?? "", spec: name ? cases.properties[name] : undefined };
  if (name === undefined || name === "compare") return { kind: "compare" };
  const session = cases.sessionChecks[name];
  if (session) return { kind: "session", name, session };
  return { kind: "named", name, named: cases.checks[name] };
}

/** Whether a test is judged by a named check, which needs the reference. */
export function isNamedCheck(
  test: { kind: string; check?: string | undefined },
  cases: Pick<AssignmentCases, "properties" | "sessionChecks" | "checks">,
): boolean {
  return checkOf(test, cases).kind === "named";
}

/** Reads a numeric case parameter, with a default; a wrong type is the manifest's mistake. */
export function param(params: CaseParams, name: string, fallback?: number): number {
  const value = params[name] ?? fallback;
  if (typeof value !== "number") {
    throw new Error(`case parameter "${name}" must be a number, got ${JSON.stringify(value)}`);
  }
  return value;
}

/** Thrown by a property's check when the law does not hold: the reason is learner feedback. */
export class PropertyFailure extends Error {
  override name = "PropertyFailure";
  /**
   * "law": the values break the law (the message says how); "threw": the learner's function threw
   * on this input (`thrown` says which, and what).
   */
  constructor(
    readonly reason: Text,
    readonly kind: "law" | "threw" = "law",
    readonly thrown?: ThrownCall,
  ) {
    super(textOf(reason));
  }
}

export interface PropertySpec<T> {
  /** The law, as a learner reads it: "σ(−z) = 1 − σ(z)". */
  law: Text;
  arbitrary: fc.Arbitrary<T>;
  /** Throws PropertyFailure when the law does not hold for `input`; calls the learner as needed. */
  check(learner: Learner, input: T): Promise<void>;
  /** The input for a learner: shapes and the (few, small, shrunk) values involved. */
  describe(input: T): Text;
}
/** What the reference makes of a test's inputs, and how long it took. */
export interface ReferenceAnswer {
  expected: Wire | undefined;
  referenceMs: number;
}

/**
 * A test's inputs, and the reference's answer to them: worked out on the first ask (and kept),
 * so that a learner's call that fails, as a stub's does, never waits for it. Asynchronous, as a
 * session check's reference data is (a gradient check's numeric derivatives).
 */
export interface CaseData {
  args: Wire[];
  /** The reference's answer, run and timed (a call's time limit is worked out from its time). */
  answer(): Promise<ReferenceAnswer>;
  /** The answer if it has been worked out already. */
  answered(): ReferenceAnswer | undefined;
  /**
   * What the learner's value is judged against: the reference's answer, or the committed one
   * where the build found it is the reference's (grader/pipeline/verified.ts), which needs no run.
   */
  expected(): Promise<Wire | undefined>;
  /**
   * What the library's mistakes give on these inputs, kept as the judge works them out
   * (`grader/checks/mistakes.ts`): they depend on the inputs alone, so every submission of a class
   * judged on them shares them.
   */
  mistakeOutputs: MistakeOutputs;
}

/**
 * What the reference function with some mistakes made gives on one test's inputs: a value, or the
 * array module's error it threw (its message, the same in the learner's process and in the
 * grader's), or null for anything else it threw, whose words may depend on the build.
 */
export type MistakeOutput = { value: Wire } | { arrayError: string | null };

/** Outputs of the library's mistakes on one test's inputs. */
export interface MistakeOutputs {
  /** By the mistakes made (their places in the library). */
  readonly byMistakes: Map<string, MistakeOutput>;
  /** Array entries kept in them, which the judge keeps within a bound. */
  entries: number;
}

/** What `gradecheck train` was asked for; a setting left out is the assignment's default. */
export interface TrainSettings {
  /** How the model is named in messages (a path relative to where the user is). */
  modelName: string;
  hiddenSize?: number;
  iterations?: number;
  learningRate?: number;
  seed?: number;
  /** Print nothing while training (a sweep's runs, the reference trained for comparison). */
  quiet?: boolean;
}

/** The settings of `gradecheck train` a trainer may read. */
export type TrainSetting = "hiddenSize" | "iterations" | "learningRate" | "seed";

export interface TrainResult {
  accuracy: number;
  correct: number;
  examples: number;
  finalCost: number;
  seconds: number;
  /** The costs the model recorded, one every `costEvery` iterations. */
  costs: number[];
  /** Iterations between two recorded costs (1 when left out: a cost at each iteration). */
  costEvery?: number;
  /** For data in the plane: the examples and what the trained model predicts around them. */
  boundary?: Boundary;
}

/** Examples in the plane with their labels, and the model's prediction on a grid over them. */
export interface Boundary {
  points: { x: number; y: number; label: number }[];
  /** Cell centres of a regular grid, `step` apart, with the prediction there. */
  grid: { x: number; y: number; prediction: number }[];
  step: number;
}

/** An assignment's trainer (its manifest's `train` module exports it as `trainer`). */
export interface Trainer {
  /** The functions the model must export. */
  uses: string[];
  /** The settings it reads (`train` refuses the others); every one when left out. */
  takes?: TrainSetting[];
  /** Trains `model`; `print` gets what it says as it goes (nothing when undefined). */
  train(
    model: Record<string, unknown>,
    settings: TrainSettings,
    hyperparameters: Record<string, number>,
    print: (line: Said) => void,
  ): TrainResult;
}

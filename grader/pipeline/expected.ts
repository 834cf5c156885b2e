/**
 * The committed inputs and expected outputs of an assignment's visible tests
 * (`assignments/<id>/expected.json`), so that a copy of the repository without `reference/` can
 * still grade the visible tests. Written by `gradecheck expected`, checked in sync by the tests.
 */
import { RandomState } from "../../assignments/lib/np.ts";
import {
  type AssignmentCases,
  type CaseData,
  type Check,
  checkOf,
  type MistakeOutputs,
  type Reference,
  type ReferenceAnswer,
} from "../core/assignment.ts";
import { type Manifest, plannedTests, type TestSpec } from "../core/manifest.ts";

export type { CaseData };

import type { NDArray } from "../../assignments/lib/np.ts";
import {
  decode,
  encode,
  isWireArray,
  type Wire,
  type WireArray,
  wireFromJson,
  wireToJson,
} from "../core/values.ts";

/**
 * Arrays the assignment ships as code (a dataset its learners' files build), by name: an input
 * that is one of them is written to expected.json as `{ "$data": name }` and rebuilt when read,
 * not copied (the picture dataset alone is 4 MB of JSON per test).
 */
export type NamedData = () => Record<string, NDArray>;

const sameArray = (a: WireArray, b: WireArray) =>
  a.$array[0] === b.$array[0] &&
  a.$array[1] === b.$array[1] &&
  a.data.length === b.data.length &&
  a.data.every((v, i) => Object.is(v, b.data[i]));

/** An input as expected.json holds it: by name when it is named data, else as JSON wire. */
function argToJson(arg: Wire, named: [string, WireArray][]): unknown {
  const name = isWireArray(arg) ? named.find(([, data]) => sameArray(arg, data))?.[0] : undefined;
  return name === undefined ? wireToJson(arg) : { $data: name };
}

function argFromJson(raw: unknown, named: (name: string) => Wire | undefined, id: string): Wire {
  const name = (raw as { $data?: unknown } | null)?.$data;
  if (typeof name !== "string") return wireFromJson(raw);
  const wire = named(name);
  if (!wire)
    throw new Error(
      `expected.json: test ${id} names data "${name}", which the assignment does not build`,
    );
  return wire;
}

export interface Expected {
  assignment: { id: string; version: string };
  tests: Record<string, { args: Wire[]; expected: Wire | undefined }>;
  /**
   * Whether the build found these values to be its reference's answers to these inputs, and the
   * file is unchanged since (`verified.ts`): with the reference, visible tests are judged against
   * them without running it.
   */
  verified?: boolean;
}

/**
 * Makes a test's inputs from its parameters and seed, with the reference's answer to them
 * (`withAnswer`).
 */
export async function caseData(
  test: TestSpec,
  fn: string,
  seed: number,
  manifest: Manifest,
  cases: AssignmentCases,
  reference: Reference,
): Promise<CaseData> {
  const context = {
    params: test.case,
    rng: new RandomState(seed),
    seed,
    hyperparameters: manifest.hyperparameters,
    reference,
  };
  const check = checkOf(test, cases);
  const made = check.kind === "session" ? check.session : cases.functions[fn];
  if (!made?.inputs)
    throw new Error(
      check.kind === "session"
        ? `check ${check.name} has no input generator here`
        : `the assignment has no input generator for ${fn}`,
    );
  return withAnswer(test, fn, made.inputs(context), cases, reference);
}

/**
 * A test's inputs with the reference's answer to them, made when first asked for: the expected
 * output (a compare test), its reference data (a session check), or nothing (a named check judges
 * without it).
 */
export function withAnswer(
  test: TestSpec,
  fn: string,
  args: Wire[],
  cases: AssignmentCases,
  reference: Reference,
): CaseData {
  const check = checkOf(test, cases);
  const work = answerWork(check, fn, reference);
  if (!work) return madeCase(args, { expected: undefined, referenceMs: 0 });
  let made: ReferenceAnswer | undefined;
  let making: Promise<ReferenceAnswer> | undefined;
  // The reference's function runs at once, in the first ask (while the learner's call runs, say);
  // only a session's data awaits along the way (its numeric derivatives go through Functions).
  const make = async () => {
    const start = performance.now();
    const expected = encode(await work(args.map(decode)));
    made = { expected, referenceMs: performance.now() - start };
    return made;
  };
  const answer = () => {
    making ??= make();
    return making;
  };
  return {
    args,
    answer,
    answered: () => made,
    expected: async () => (await answer()).expected,
    mistakeOutputs: noMistakeOutputs(),
  };
}

/**
 * A case whose expected value is known already, the reference's on its inputs (a verified
 * expected.json's): judging needs no run of the reference, which runs only if its time is asked
 * for (a call that outlasts its limit's floor).
 */
export function withKnownAnswer(made: CaseData, expected: Wire | undefined): CaseData {
  return { ...made, expected: async () => expected };
}

/** What works out a test's answer from its decoded inputs; undefined when it has none. */
function answerWork(
  check: Check,
  fn: string,
  reference: Reference,
): ((args: unknown[]) => unknown) | undefined {
  if (check.kind === "session") {
    const { expected } = check.session;
    return expected && ((args) => expected(args, reference));
  }
  if (check.kind !== "compare") return undefined;
  const run = reference[fn] as (...a: unknown[]) => unknown;
  return (args) => run(...args);
}

/** A case whose answer is already known (a session's, a fixture's). */
export function madeCase(args: Wire[], answer: ReferenceAnswer): CaseData {
  return {
    args,
    answer: async () => answer,
    answered: () => answer,
    expected: async () => answer.expected,
    mistakeOutputs: noMistakeOutputs(),
  };
}

const noMistakeOutputs = (): MistakeOutputs => ({ byMistakes: new Map(), entries: 0 });

/** Runs the reference on every visible test's inputs. */
export async function computeExpected(
  manifest: Manifest,
  cases: AssignmentCases,
  reference: Reference,
): Promise<Expected> {
  const tests: Expected["tests"] = {};
  for (const { fn, test } of plannedTests(manifest)) {
    if (test.visibility !== "visible") continue;
    const { args, answer } = await caseData(test, fn, test.seed, manifest, cases, reference);
    tests[test.id] = { args, expected: (await answer()).expected };
  }
  return { assignment: { id: manifest.id, version: manifest.version }, tests };
}

export function expectedToJson(expected: Expected, data?: NamedData): string {
  const named = Object.entries(data?.() ?? {}).map(
    ([name, array]) => [name, encode(array) as WireArray] as [string, WireArray],
  );
  const tests = Object.fromEntries(
    Object.entries(expected.tests).map(([id, t]) => [
      id,
      {
        args: t.args.map((arg) => argToJson(arg, named)),
        expected: t.expected === undefined ? null : wireToJson(t.expected),
      },
    ]),
  );
  return `${JSON.stringify({ assignment: expected.assignment, tests })}\n`;
}

export function expectedFromJson(text: string, data?: NamedData): Expected {
  const raw = JSON.parse(text) as {
    assignment: Expected["assignment"];
    tests: Record<string, { args: unknown[]; expected: unknown }>;
  };
  // The data are built and encoded once, however many tests name them: the wire is only read
  // (decoding copies it).
  let built: Record<string, NDArray> | undefined;
  const wires = new Map<string, Wire>();
  const named = (name: string) => {
    built ??= data?.() ?? {};
    const array = built[name];
    if (!array) return undefined;
    if (!wires.has(name)) wires.set(name, encode(array));
    return wires.get(name);
  };
  const tests: Expected["tests"] = {};
  for (const [id, t] of Object.entries(raw.tests)) {
    tests[id] = {
      args: t.args.map((arg) => argFromJson(arg, named, id)),
      expected: t.expected === null ? undefined : wireFromJson(t.expected),
    };
  }
  return { assignment: raw.assignment, tests };
}

/**
 * Names the mistake a wrong answer is. The assignment's library of known mistakes (instructor
 * code: variants of the reference function) is evaluated on the test's own inputs, in the grader
 * process, and a mistake is named only when its output reproduces the learner's (within the test's
 * tolerance, and no looser than rounding: `CLAIM`), and no other mistake of the library does too:
 * a named mistake is a claim, never a guess. Tried in this order:
 *   1. each mistake alone;
 *   2. two faults of the function made together (a missing 1/m and a missing keepdims);
 *   3. a mistake whose output then went through one of the generic patterns (transposed, sign,
 *      1 − x, a factor m...), which must then reproduce the learner's output too, and must not
 *      merely give back the right value where the mistake changed it.
 * Called only for wrong outputs: a right answer costs nothing here.
 */
import type {
  FunctionCases,
  Mistake,
  MistakeOutput,
  MistakeOutputs,
  Reference,
} from "../core/assignment.ts";
import type { Tolerance } from "../core/manifest.ts";
import type { ErrorHint, Hint, NamedMistake, PatternHint } from "../core/report.ts";
import { decode, encode, entriesOf, type Wire } from "../core/values.ts";
import { at, compare } from "./compare.ts";
import { applyPattern, type HintContext, patternHint } from "./hints.ts";

/** The library and the test's inputs: what a search needs whatever the learner's answer. */
interface LibrarySearch {
  /** The test's inputs, as wire data (decoded afresh for each mistake: a generator is stateful). */
  args: Wire[];
  fn: Pick<FunctionCases, "mistakes" | "variant">;
  reference: Reference;
  /**
   * The mistakes' outputs on these inputs from earlier searches, added to as this one works them
   * out: they do not depend on the learner's answer, and a mistake of the training loop
   * (nnModel's) is a whole training to work out again.
   */
  outputs?: MistakeOutputs;
}

export interface MistakeSearch extends LibrarySearch {
  expected: Wire;
  actual: Wire;
  tolerance: Tolerance;
  context: HintContext;
}

/** A learner's call that threw the array module's error with this message (`arrayError`). */
export interface ArrayErrorSearch extends LibrarySearch {
  arrayError: string;
}

/**
 * An error's message where it is the array module's own: a shape error, or an argument it refused,
 * worded "operation: what is wrong" ("np.dot: shapes (4,2) and (4,400) not aligned", "np.concatenate:
 * expected a non-empty list of arrays, got []"), the same words in the learner's build and the
 * grader's. Other errors (V8's "Cannot destructure property 'A1' of 'cache2'") may name what a
 * build renamed, and are never compared. Without a name (what a stand-in's refusal quotes), the
 * words alone say it.
 */
export function arrayError(error: { name?: string; message: string }): string | undefined {
  const named = error.name === undefined || ARRAY_ERRORS.has(error.name);
  return named && /^[\w.]+: /.test(error.message) ? error.message : undefined;
}

const ARRAY_ERRORS = new Set(["ShapeError", "TypeError", "RangeError"]);

/** A mistake changes so few entries of the right answer that matching it may be a coincidence. */
const MIN_DIAGNOSTIC_ENTRIES = 3;

/** Pairs of faults tried at most, whatever the size of the library. */
const MAX_PAIRS = 500;

/** Patterns that can follow a mistake: each says exactly what it does to the mistake's output. */
const AFTER_A_MISTAKE = new Set<PatternHint["code"]>([
  "transposed",
  "transposed-shape",
  "row-for-column",
  "sign",
  "m-times",
  "m-times-smaller",
  "twice",
  "half",
  "one-minus",
  "array-for-number",
]);

export function nameMistake(search: MistakeSearch): Hint | undefined {
  const mistakes = search.fn.mistakes ?? [];
  if (mistakes.length === 0) return undefined;
  const singles: { mistake: Mistake; output: Wire }[] = [];
  const alone: Mistake[] = [];
  for (const mistake of mistakes) {
    const output = returned(evaluate(search, [mistake]));
    if (output === undefined || !recognisable(search, output)) continue;
    if (matches(search, output)) alone.push(mistake);
    else singles.push({ mistake, output });
  }
  // Two mistakes that give the same output on these inputs (a doubled gradApprox and a halved
  // one, where the claimed gradient has the true one's norm) leave the claim unproven: neither
  // is named here, and another test's inputs, where they differ, name the one it is.
  if (alone.length > 0) return alone.length === 1 ? named(alone) : undefined;
  const pairs = [...faultPairs(mistakes)].filter((pair) => {
    const output = returned(evaluate(search, pair));
    return output !== undefined && recognisable(search, output) && matches(search, output);
  });
  if (pairs.length > 0) return pairs.length === 1 ? named(pairs[0] as Mistake[]) : undefined;
  for (const { mistake, output } of singles) {
    const then = patternAfter(search, output);
    if (then) return named([mistake], then);
  }
  return undefined;
}

/**
 * Names the mistake a learner's error of the array module is: the one mistake of the library that
 * throws the very same error on the test's inputs (the module's message names the operation and
 * the shapes or the argument). A claim about the error, never a guess: where no mistake or several
 * throw it, nothing is named. A mistake that some tests' inputs make throw (1 − A2² where A1 was
 * meant, with more than one output and fewer or more than the hidden units) is named there as
 * well as where it gives a wrong value.
 */
export function nameArrayError(
  search: ArrayErrorSearch,
): Extract<ErrorHint, { code: "mistake" }> | undefined {
  const throwing = (search.fn.mistakes ?? []).filter((mistake) => {
    const output = evaluate(search, [mistake]);
    return (
      output !== undefined && "arrayError" in output && output.arrayError === search.arrayError
    );
  });
  return throwing.length === 1 ? { code: "mistake", mistakes: namesOf(throwing) } : undefined;
}

const namesOf = (mistakes: Mistake[]): NamedMistake[] =>
  mistakes.map(({ name, hint }) => ({ name, sentence: hint }));

function named(mistakes: Mistake[], then?: PatternHint): Hint {
  return { code: "mistake", mistakes: namesOf(mistakes), ...(then ? { then } : {}) };
}

const returned = (output: MistakeOutput | undefined): Wire | undefined =>
  output !== undefined && "value" in output ? output.value : undefined;

/**
 * Array entries kept in one test's `outputs` at most (2 MiB of numbers: a class keeps them for
 * every test); beyond, mistakes are worked out each time.
 */
export const KEPT_ENTRIES = 1 << 18;

/** What the function gives with these mistakes made; undefined where the library cannot make them. */
function evaluate(search: LibrarySearch, mistakes: Mistake[]): MistakeOutput | undefined {
  const { outputs } = search;
  if (!outputs) return workOut(search, mistakes);
  // By place in the library: several mistakes may share a name (the seeds of "seeded inside").
  const library = search.fn.mistakes ?? [];
  const key = mistakes.map((m) => library.indexOf(m)).join(" ");
  if (outputs.byMistakes.has(key)) return outputs.byMistakes.get(key);
  const output = workOut(search, mistakes);
  if (output === undefined) return undefined;
  const entries = outputs.entries + ("value" in output ? entriesOf(output.value) : 0);
  if (entries <= KEPT_ENTRIES) {
    outputs.byMistakes.set(key, output);
    outputs.entries = entries;
  }
  return output;
}

/** `evaluate`, without the outputs kept. */
function workOut(search: LibrarySearch, mistakes: Mistake[]): MistakeOutput | undefined {
  const { reference } = search;
  const { variant } = search.fn;
  const [only] = mistakes;
  const faults = new Set(mistakes.map((m) => m.name));
  const run =
    mistakes.length === 1 && only?.output
      ? only.output
      : variant && ((args: unknown[]) => variant(faults, args, reference));
  if (!run) return undefined;
  try {
    return { value: encode(run(search.args.map(decode), reference)) };
  } catch (error) {
    return { arrayError: (error instanceof Error && arrayError(error)) || null };
  }
}

/** Every pair of faults (mistakes the variant makes), in the library's order. */
function* faultPairs(mistakes: Mistake[]): Generator<[Mistake, Mistake]> {
  const faults = mistakes.filter((m) => !m.output);
  let tried = 0;
  for (let i = 0; i < faults.length; i++)
    for (let j = i + 1; j < faults.length; j++) {
      if (tried++ >= MAX_PAIRS) return;
      yield [faults[i] as Mistake, faults[j] as Mistake];
    }
}

/**
 * A mistake is recognisable on these inputs when it differs from the right answer in its structure
 * or in several entries (thresholding Z2 instead of A2 may flip a single prediction, which a wrong
 * forward pass can flip too).
 */
function recognisable(search: MistakeSearch, output: Wire): boolean {
  const difference = compare(search.expected, output, search.tolerance);
  return (
    difference !== null &&
    (difference.problem !== "value" ||
      difference.wrong >= Math.min(MIN_DIAGNOSTIC_ENTRIES, difference.total))
  );
}

/**
 * How close a learner's output must be to a mistake's for the mistake to be named: the test's
 * tolerance, but no looser than rounding explains. A test's tolerance is sized for right answers
 * written in other ways (a gradient check's, 1e-4, for the noise of finite differences); the
 * learner who made a mistake gets its output to about as many digits as the reference gets its
 * own, and a claim that their output is exactly the mistake's must not take in outputs that
 * another fault only brings near it: a difference of 0.999996 from an ε left out of the division
 * alone is not the 1 that θ + ε written for θ − ε always gives.
 */
const CLAIM: Tolerance = { rtol: 1e-7, atol: 1e-12 };

/**
 * Whether a mistake's output is the learner's: equal both ways, so that an output with fewer keys
 * (a network with a layer left out) is not taken for one that has them all.
 */
function matches(search: MistakeSearch, output: Wire): boolean {
  const { rtol, atol } = search.tolerance;
  const claimed = { rtol: Math.min(rtol, CLAIM.rtol), atol: Math.min(atol, CLAIM.atol) };
  return (
    compare(output, search.actual, claimed) === null &&
    compare(search.actual, output, claimed) === null
  );
}

/** The pattern that turns the mistake's output into the learner's, where one exactly does. */
function patternAfter(search: MistakeSearch, output: Wire): PatternHint | undefined {
  const mismatch = compare(output, search.actual, search.tolerance);
  if (!mismatch) return undefined;
  const part = at(output, mismatch.path);
  if (part === undefined) return undefined;
  const hint = patternHint(mismatch, part, at(search.actual, mismatch.path), search.context);
  if (!hint || !AFTER_A_MISTAKE.has(hint.code)) return undefined;
  const changed = applyPattern(hint, part);
  if (changed === undefined) return undefined;
  // A pattern that gives back the right value where the mistake changed it would say that the
  // learner made the mistake and then undid it there: they made less than the mistake, which is
  // not named (a learner who transposed one weight alone is not told both were, then one again).
  const right = at(search.expected, mismatch.path);
  if (right !== undefined && compare(right, changed, search.tolerance) === null) return undefined;
  return matches(search, replaceAt(output, mismatch.path, changed)) ? hint : undefined;
}

/** A copy of `value` with the part at `path` (as `at` reads it) replaced. */
function replaceAt(value: Wire, path: string, part: Wire): Wire {
  if (path === "") return part;
  const [head, ...rest] = path.split(/\.|(?=\[)/);
  const index = /^\[(\d+)\]$/.exec(head as string);
  const inner = rest.join(".").replace(/\.\[/g, "[");
  if (index && Array.isArray(value)) {
    const copy = [...value];
    copy[Number(index[1])] = replaceAt(copy[Number(index[1])] as Wire, inner, part);
    return copy;
  }
  const record = value as Record<string, Wire>;
  return { ...record, [head as string]: replaceAt(record[head as string] as Wire, inner, part) };
}

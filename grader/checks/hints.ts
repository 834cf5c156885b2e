/**
 * Hints from the pattern of an error alone, for any function, numbers and arrays alike: a constant
 * ratio (a missing or extra 1/m, a factor of 2), a flipped sign, 1 − x, a transposed result, a row
 * where a column was expected (keepdims, where the function sums), a (1,1) array where a number
 * was expected, all zeros. Function-specific mistakes (1 − A1 for tanh', sigmoid in the hidden
 * layer...) come from the assignment's library instead (mistakes.ts).
 * Pure: wire values in, a hint (a code and its parameters) or undefined out.
 */
import type { Tolerance } from "../core/manifest.ts";
import type { PatternHint } from "../core/report.ts";
import { isWireArray, type Wire, type WireArray } from "../core/values.ts";
import { compare, type Mismatch } from "./compare.ts";

export interface HintContext {
  /** Column counts of the call's input arrays: the candidates for m, the number of examples. */
  examples: number[];
  /**
   * Whether the function sums (so a row for a column may be a missing keepdims); undefined when
   * not known.
   */
  sums?: boolean | undefined;
  /** The test's tolerance: whether a result of the wrong form holds the right values. */
  tolerance?: Tolerance | undefined;
}

function close(a: number, b: number, rel = 1e-6): boolean {
  return Math.abs(a - b) <= rel * Math.max(Math.abs(a), Math.abs(b));
}

/** ⟨a, e⟩ / ⟨e, e⟩ and the cosine between a and e. */
export function ratioAndCosine(actual: ArrayLike<number>, expected: ArrayLike<number>) {
  let ae = 0;
  let ee = 0;
  let aa = 0;
  for (let k = 0; k < expected.length; k++) {
    const a = actual[k] as number;
    const e = expected[k] as number;
    ae += a * e;
    ee += e * e;
    aa += a * a;
  }
  return { alpha: ae / ee, cosine: ae / Math.sqrt(aa * ee) };
}

function transposeData(x: WireArray): Float64Array {
  const [rows, cols] = x.$array;
  const out = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++)
    for (let j = 0; j < cols; j++) out[j * rows + i] = x.data[i * cols + j] as number;
  return out;
}

function sameValues(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  if (a.length !== b.length) return false;
  for (let k = 0; k < a.length; k++) {
    const x = a[k] as number;
    const y = b[k] as number;
    if (x === y) continue;
    // Every comparison with a NaN is false: written so that one is never the same as a number.
    if (!(close(x, y, 1e-9) || Math.abs(x - y) <= 1e-12)) return false;
  }
  return true;
}

/** What a constant ratio between a wrong and a right answer usually means. */
export function ratioHint(alpha: number, context: HintContext): PatternHint {
  if (close(alpha, -1)) return { code: "sign" };
  const m = context.examples.find((n) => n > 2 && close(alpha, n));
  if (m !== undefined) return { code: "m-times", m };
  const mInverse = context.examples.find((n) => n > 2 && close(alpha, 1 / n));
  if (mInverse !== undefined) return { code: "m-times-smaller", m: mInverse };
  if (close(alpha, 2)) return { code: "twice" };
  if (close(alpha, 0.5)) return { code: "half" };
  return { code: "factor", factor: alpha };
}

export function patternHint(
  mismatch: Mismatch,
  expected: Wire | undefined,
  actual: Wire | undefined,
  context: HintContext,
): PatternHint | undefined {
  const form = formHint(mismatch, expected, actual, context);
  if (form) return form;
  if (mismatch.problem === "length" && Array.isArray(expected) && Array.isArray(actual))
    return sampledHint(expected, actual, context);
  if (
    mismatch.problem === "value" &&
    Number.isNaN(mismatch.actual) &&
    Number.isFinite(mismatch.expected)
  )
    return { code: "nan" };
  if (
    mismatch.problem === "type" &&
    typeof expected === "number" &&
    isWireArray(actual) &&
    actual.data.length === 1
  ) {
    return { code: "array-for-number" };
  }
  if (typeof expected === "number" && typeof actual === "number")
    return mismatch.problem === "value" ? valueHint([actual], [expected], context) : undefined;
  if (!isWireArray(expected) || !isWireArray(actual)) return undefined;
  const [er, ec] = expected.$array;
  const [ar, ac] = actual.$array;
  if (mismatch.problem === "shape") {
    if (ec === 1 && ar === 1 && ac === er && context.sums !== false) {
      return {
        code: "row-for-column",
        ...(context.sums === undefined ? {} : { keepdims: context.sums }),
      };
    }
    if (ar === ec && ac === er && sameValues(transposeData(actual), expected.data)) {
      return { code: "transposed-shape", actual: [ar, ac], expected: [er, ec] };
    }
    if (ec === 1 && ar === er && ac === er && er > 1) {
      return {
        code: "square-for-column",
        ...(context.sums === undefined ? {} : { keepdims: context.sums }),
      };
    }
    return undefined;
  }
  if (mismatch.problem !== "value") return undefined;
  if (actual.data.every((v) => v === 0) && expected.data.some((v) => v !== 0))
    return { code: "all-zeros" };
  if (er === ec && er > 1 && sameValues(transposeData(actual), expected.data))
    return { code: "transposed" };
  return valueHint(actual.data, expected.data, context);
}

/** Typed arrays, whose entries a result of that class holds without their shape (x.data). */
const TYPED_ARRAY =
  /^an object of class (Float64Array|Float32Array|Int8Array|Uint8Array|Uint8ClampedArray|Int16Array|Uint16Array|Int32Array|Uint32Array)$/;

/** A plain object's entries, or undefined for anything else (an array, a list, a marker). */
function recordOf(value: Wire | undefined): Record<string, Wire> | undefined {
  if (typeof value !== "object" || value === null || Array.isArray(value) || isWireArray(value))
    return undefined;
  if ("$unsupported" in value || "$undefined" in value || "$random" in value) return undefined;
  return value as Record<string, Wire>;
}

/** Whether `actual` is `expected` within the tolerance (no tolerance: not known, so no). */
function holds(actual: Wire | undefined, expected: Wire | undefined, context: HintContext) {
  return (
    actual !== undefined &&
    expected !== undefined &&
    context.tolerance !== undefined &&
    compare(expected, actual, context.tolerance) === null
  );
}

/** Whether two values have one form: arrays of one shape, objects of the same keys, lists of one length, numbers. */
function sameForm(a: Wire, e: Wire): boolean {
  if (isWireArray(e))
    return isWireArray(a) && a.$array[0] === e.$array[0] && a.$array[1] === e.$array[1];
  const record = recordOf(e);
  if (record) {
    const other = recordOf(a);
    const keys = Object.keys(record);
    return (
      other !== undefined &&
      Object.keys(other).length === keys.length &&
      keys.every((k) => Object.hasOwn(other, k))
    );
  }
  if (Array.isArray(e)) return Array.isArray(a) && a.length === e.length;
  return typeof a === typeof e && typeof e === "number";
}

/**
 * A result of the wrong form that Python's habits or a loop over `.data` explain: a list for an
 * object (a tuple), an array's entries for the array, one value of an object for the whole, an
 * inner object's values at the top level.
 */
function formHint(
  mismatch: Mismatch,
  expected: Wire | undefined,
  actual: Wire | undefined,
  context: HintContext,
): PatternHint | undefined {
  if (mismatch.problem !== "type" && mismatch.problem !== "missing-key") return undefined;
  if (expected === undefined || actual === undefined) return undefined;
  const whole = recordOf(expected);
  if (mismatch.problem === "type" && whole && Array.isArray(actual)) {
    const keys = Object.keys(whole);
    const inOrder =
      actual.length === keys.length && keys.every((k, i) => holds(actual[i], whole[k], context));
    return { code: "tuple-for-object", keys, inOrder };
  }
  if (mismatch.problem === "type" && isWireArray(expected)) {
    const entries = entriesOf(actual, expected, context);
    if (entries) return entries;
  }
  const found = recordOf(actual);
  if (mismatch.problem === "missing-key" && !mismatch.other && whole && found) {
    const { key } = mismatch;
    const keys = Object.keys(recordOf(whole[key]) ?? {});
    const has = (k: string) => Object.hasOwn(found, k);
    // Beside the inner values, a sibling of theirs: without one, the result is the inner object.
    const sibling = Object.keys(whole).some((k) => k !== key && has(k));
    if (sibling && keys.length > 0 && keys.every(has)) return { code: "flattened", key, keys };
  }
  if (whole && !(mismatch.problem === "missing-key" && mismatch.other)) {
    const parts = Object.keys(whole).filter((k) => sameForm(actual, whole[k] as Wire));
    const [part] = parts;
    if (parts.length === 1 && part !== undefined)
      return { code: "part-for-whole", part, keys: Object.keys(whole) };
  }
  return undefined;
}

/** An array's entries, as a list, a list of rows or a typed array, where the array was expected. */
function entriesOf(
  actual: Wire,
  expected: WireArray,
  context: HintContext,
): PatternHint | undefined {
  const shape: [number, number] = [expected.$array[0], expected.$array[1]];
  const base = { code: "entries-for-array", shape } as const;
  if (typeof actual === "object" && actual !== null && "$unsupported" in actual) {
    const what = actual.$unsupported;
    return typeof what === "string" && TYPED_ARRAY.test(what)
      ? { ...base, from: "typed" }
      : undefined;
  }
  if (!Array.isArray(actual)) return undefined;
  const rows = actual.every(Array.isArray);
  const entries = rows ? (actual as Wire[][]).flat() : actual;
  if (actual.length === 0 || !entries.every((v) => typeof v === "number")) return undefined;
  const from = rows ? "rows" : "list";
  // Rows are the array's only where they are as many, and as long, as the array's.
  const laidOut =
    !rows ||
    (actual.length === shape[0] && actual.every((row) => (row as Wire[]).length === shape[1]));
  if (!laidOut || entries.length !== expected.data.length) return { ...base, from };
  const asArray = { $array: shape, data: Float64Array.from(entries as number[]) };
  return { ...base, from, same: holds(asArray, expected, context) };
}

/**
 * Two lists of numbers of which the shorter holds every k-th entry of the longer (0, k, 2k, …):
 * a cost recorded every 100th iteration where each was expected, or the other way round.
 */
function sampledHint(
  expected: Wire[],
  actual: Wire[],
  context: HintContext,
): PatternHint | undefined {
  const of = actual.length < expected.length ? "expected" : "yours";
  const [short, long] = of === "expected" ? [actual, expected] : [expected, actual];
  if (short.length === 0 || ![...short, ...long].every((v) => typeof v === "number"))
    return undefined;
  const at = (k: number) => short.every((v, i) => holds(v, long[i * k], context));
  // One entry is every k-th for any k from the long list's length on: which k is not known.
  if (short.length === 1)
    return of === "expected" && at(1) ? { code: "every-kth", k: null, of } : undefined;
  for (let k = 2; (short.length - 1) * k < long.length; k++)
    if (Math.ceil(long.length / k) === short.length && at(k)) return { code: "every-kth", k, of };
  return undefined;
}

/** A relation between the values of a wrong answer and the right one: 1 − x, or a constant ratio. */
function valueHint(
  actual: ArrayLike<number>,
  expected: ArrayLike<number>,
  context: HintContext,
): PatternHint | undefined {
  if (
    sameValues(
      actual,
      Array.from(expected, (e) => 1 - e),
    )
  )
    return { code: "one-minus" };
  const { alpha, cosine } = ratioAndCosine(actual, expected);
  if (!Number.isFinite(alpha) || Math.abs(cosine) <= 1 - 1e-9) return undefined;
  const hint = ratioHint(alpha, context);
  // Any two numbers have a ratio: for one value only a ratio with a meaning says anything.
  return hint.code === "factor" && expected.length === 1 ? undefined : hint;
}

/**
 * What `expected` becomes under the pattern `hint` names, or undefined for a pattern that does not
 * say (a shape alone, a factor that is not exact): a hint claims only what this reproduces.
 */
export function applyPattern(hint: PatternHint, expected: Wire): Wire | undefined {
  if (typeof expected === "number")
    return hint.code === "array-for-number"
      ? { $array: [1, 1], data: Float64Array.of(expected) }
      : scale(hint, [expected])?.[0];
  if (!isWireArray(expected)) return undefined;
  const [rows, cols] = expected.$array;
  switch (hint.code) {
    case "transposed":
    case "transposed-shape":
    case "row-for-column":
      return { $array: [cols, rows], data: transposeData(expected) };
    case "all-zeros":
      return { $array: [rows, cols], data: new Float64Array(rows * cols) };
    default: {
      const data = scale(hint, expected.data);
      return data ? { $array: [rows, cols], data: Float64Array.from(data) } : undefined;
    }
  }
}

function scale(hint: PatternHint, values: ArrayLike<number>): number[] | undefined {
  const by = (k: number) => Array.from(values, (v) => v * k);
  switch (hint.code) {
    case "sign":
      return by(-1);
    case "m-times":
      return by(hint.m);
    case "m-times-smaller":
      return by(1 / hint.m);
    case "twice":
      return by(2);
    case "half":
      return by(0.5);
    case "one-minus":
      return Array.from(values, (v) => 1 - v);
    default:
      return undefined;
  }
}

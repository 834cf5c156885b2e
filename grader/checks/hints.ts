/**
 * Hints from the pattern of an error alone, for any function, numbers and arrays alike: a constant
 * ratio (a missing or extra 1/m, a factor of 2), a flipped sign, 1 − x, 1 / x, a transposed result,
 * a row where a column was expected (keepdims, where the function sums), a (1,1) array where a number
 * was expected, all zeros, a NaN; and a result of the wrong form (form-hints.ts). Function-specific
 * mistakes (1 − A1 for tanh', sigmoid in the hidden layer...) come from the assignment's library
 * instead (mistakes.ts).
 * Pure: wire values in, a hint (a code and its parameters) or undefined out.
 */
import type { PatternHint } from "../core/report.ts";
import { isWireArray, type Wire, type WireArray } from "../core/values.ts";
import type { Mismatch } from "./compare.ts";
import { type FormContext, formHint, sampledHint } from "./form-hints.ts";

export interface HintContext extends FormContext {
  /** Column counts of the call's input arrays: the candidates for m, the number of examples. */
  examples: number[];
  /** Shapes of the call's input arrays, where known: a row count read for a column count. */
  shapes?: [number, number][];
  /**
   * Whether the function sums (so a row for a column may be a missing keepdims); undefined when
   * not known.
   */
  sums?: boolean | undefined;
}

function close(a: number, b: number, rel = 1e-6): boolean {
  // An infinity is |∞ − b| ≤ rel·∞ from any number b: it is close to itself alone.
  if (!Number.isFinite(a) || !Number.isFinite(b)) return a === b;
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
  const swapped = rowsForColumns(alpha, context.shapes ?? []);
  return swapped ?? { code: "factor", factor: alpha };
}

/**
 * A ratio of cols / rows of one input array, (rows, cols): a division by its rows, shape[0], where
 * its columns, shape[1], were meant (m = X.shape[0] for X.shape[1]). Said where one such pair of
 * sizes gives the ratio, and neither size is 1 (a ratio of m alone is m-times).
 */
function rowsForColumns(alpha: number, shapes: [number, number][]): PatternHint | undefined {
  const found = shapes.filter(
    ([rows, cols]) => rows > 1 && cols > 1 && rows !== cols && close(alpha, cols / rows),
  );
  const [rows, cols] = found[0] ?? [];
  if (rows === undefined || cols === undefined) return undefined;
  // Inputs of other sizes with the same ratio: which one was read is not known.
  return found.every(([r, c]) => r === rows && c === cols)
    ? { code: "rows-for-columns", rows, cols }
    : undefined;
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
  if (mismatch.problem === "value" && Number.isFinite(mismatch.expected)) {
    if (Number.isNaN(mismatch.actual)) return { code: "nan" };
    if (!Number.isFinite(mismatch.actual)) return { code: "infinite" };
  }
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

/** A relation between a wrong answer's values and the right ones: 1 − x, 1 / x, a constant ratio. */
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
  // 1 / x where x was expected, with some x not ±1 (for which 1 / x is x itself).
  if (
    Array.from(expected).some((e) => Math.abs(e) !== 1) &&
    sameValues(
      actual,
      Array.from(expected, (e) => 1 / e),
    )
  )
    return { code: "reciprocal" };
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
    case "rows-for-columns":
      return by(hint.cols / hint.rows);
    case "one-minus":
      return Array.from(values, (v) => 1 - v);
    case "reciprocal":
      return Array.from(values, (v) => 1 / v);
    default:
      return undefined;
  }
}

/**
 * Hints from the pattern of an error alone, for any function: a constant ratio (a missing or extra
 * 1/m, a factor of 2), a flipped sign, a transposed result, a row where a column was expected
 * (keepdims), a (1,1) array where a number was expected, all zeros. Function-specific mistakes
 * (1 − A1 for tanh', sigmoid in the hidden layer...) come from the assignment's cases instead.
 * Pure: wire values in, a hint (a code and its parameters) or undefined out.
 */
import type { Hint } from "../core/report.ts";
import { isWireArray, type Wire, type WireArray } from "../core/values.ts";
import type { Mismatch } from "./compare.ts";

export interface HintContext {
  /** Column counts of the call's input arrays: the candidates for m, the number of examples. */
  examples: number[];
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
    if (
      !close(a[k] as number, b[k] as number, 1e-9) &&
      Math.abs((a[k] as number) - (b[k] as number)) > 1e-12
    )
      return false;
  }
  return true;
}

/** What a constant ratio between a wrong and a right answer usually means. */
export function ratioHint(alpha: number, context: HintContext): Hint {
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
): Hint | undefined {
  if (
    mismatch.problem === "type" &&
    typeof expected === "number" &&
    isWireArray(actual) &&
    actual.data.length === 1
  ) {
    return { code: "array-for-number" };
  }
  if (!isWireArray(expected) || !isWireArray(actual)) return undefined;
  const [er, ec] = expected.$array;
  const [ar, ac] = actual.$array;
  if (mismatch.problem === "shape") {
    if (ec === 1 && ar === 1 && ac === er) {
      return { code: "row-for-column" };
    }
    if (ar === ec && ac === er && sameValues(transposeData(actual), expected.data)) {
      return { code: "transposed-shape", actual: [ar, ac], expected: [er, ec] };
    }
    if (ec === 1 && ar === er && ac === er && er > 1) {
      return { code: "square-for-column" };
    }
    return undefined;
  }
  if (mismatch.problem !== "value") return undefined;
  if (actual.data.every((v) => v === 0) && expected.data.some((v) => v !== 0))
    return { code: "all-zeros" };
  if (er === ec && er > 1 && sameValues(transposeData(actual), expected.data))
    return { code: "transposed" };
  const { alpha, cosine } = ratioAndCosine(actual.data, expected.data);
  if (Number.isFinite(alpha) && cosine > 1 - 1e-9) return ratioHint(alpha, context);
  if (Number.isFinite(alpha) && cosine < -1 + 1e-9) return ratioHint(alpha, context);
  return undefined;
}

/**
 * Hints from the pattern of an error alone, for any function: a constant ratio (a missing or extra
 * 1/m, a factor of 2), a flipped sign, a transposed result, a row where a column was expected
 * (keepdims), a (1,1) array where a number was expected, all zeros. Function-specific mistakes
 * (1 − A1 for tanh', sigmoid in the hidden layer...) come from the assignment's cases instead.
 * Pure: wire values in, a sentence or undefined out.
 */
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
export function ratioHint(alpha: number, context: HintContext): string {
  if (close(alpha, -1)) return "the sign is flipped";
  const m = context.examples.find((n) => n > 2 && close(alpha, n));
  if (m !== undefined) return `it is m = ${m} times too large: the 1/m is missing`;
  const mInverse = context.examples.find((n) => n > 2 && close(alpha, 1 / n));
  if (mInverse !== undefined) return `it is m = ${mInverse} times too small: divided by m twice?`;
  if (close(alpha, 2)) return "it is exactly twice the expected value: an extra factor of 2";
  if (close(alpha, 0.5)) return "it is exactly half the expected value: a missing factor of 2";
  return `it is the expected value times ${alpha.toPrecision(4)}: a constant factor is wrong`;
}

export function patternHint(
  mismatch: Mismatch,
  expected: Wire | undefined,
  actual: Wire | undefined,
  context: HintContext,
): string | undefined {
  if (
    mismatch.problem === "type" &&
    typeof expected === "number" &&
    isWireArray(actual) &&
    actual.data.length === 1
  ) {
    return "return a plain number, not a (1,1) array: np.sum(x) without an axis gives a number, or use .item()";
  }
  if (!isWireArray(expected) || !isWireArray(actual)) return undefined;
  const [er, ec] = expected.$array;
  const [ar, ac] = actual.$array;
  if (mismatch.problem === "shape") {
    if (ec === 1 && ar === 1 && ac === er) {
      return "a (1, n) row where an (n, 1) column was expected: a sum along axis 1 needs keepdims, np.sum(x, 1, true)";
    }
    if (ar === ec && ac === er && sameValues(transposeData(actual), expected.data)) {
      return `the result is transposed: (${ar},${ac}) instead of (${er},${ec})`;
    }
    if (ec === 1 && ar === er && ac === er && er > 1) {
      return "an (n, n) result where an (n, 1) column was expected: a row and a column broadcast together; a sum without keepdims?";
    }
    return undefined;
  }
  if (mismatch.problem !== "value") return undefined;
  if (actual.data.every((v) => v === 0) && expected.data.some((v) => v !== 0))
    return "the result is all zeros";
  if (er === ec && er > 1 && sameValues(transposeData(actual), expected.data))
    return "the result is transposed";
  const { alpha, cosine } = ratioAndCosine(actual.data, expected.data);
  if (Number.isFinite(alpha) && cosine > 1 - 1e-9) return ratioHint(alpha, context);
  if (Number.isFinite(alpha) && cosine < -1 + 1e-9) return ratioHint(alpha, context);
  return undefined;
}

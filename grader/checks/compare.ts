/**
 * The comparator: type, then shape, then values (numpy's allclose: |a − e| <= atol + rtol·|e|),
 * reporting the worst entry with its index. Explicit NaN/±Infinity policy: a non-finite value
 * matches only the same non-finite value (NaN never equals Infinity), and a non-finite value where
 * a finite one was expected is named as such. Pure: wire data in, a structured mismatch out.
 */
import type { Tolerance } from "../core/manifest.ts";
import type { Mismatch } from "../core/report.ts";

export type { Mismatch };

import { isWireArray, type Wire } from "../core/values.ts";

/** Describes a wire value's type for messages: "an array (4,1)", "a number", "an object". */
export function typeName(value: Wire): string {
  if (isWireArray(value)) return `an array (${value.$array[0]},${value.$array[1]})`;
  if (value === null) return "null";
  if (Array.isArray(value)) return `a list of ${value.length}`;
  if (typeof value === "object") {
    if ("$undefined" in value) return "undefined";
    if ("$unsupported" in value) return String(value.$unsupported);
    if ("$random" in value) return "a random generator";
    return "an object";
  }
  return `a ${typeof value}`;
}

/** The letters of a name, as a near miss of a key is read: no case, no underscores. */
export const keyLetters = (name: string): string => name.toLowerCase().replaceAll("_", "");

/** A path one step further: `cache` and `A1` make `cache.A1`, `costs` and 3 make `costs[3]`. */
export function join(path: string, key: string | number): string {
  if (typeof key === "number") return `${path}[${key}]`;
  return path ? `${path}.${key}` : key;
}

function sameNumber(a: number, e: number): boolean {
  return a === e || (Number.isNaN(a) && Number.isNaN(e));
}

/**
 * Whether two arrays hold the same bits: then no entry is out, whatever the tolerance. A memcmp,
 * where the entries' loop runs cold: the inputs before and after a call, compared for every test
 * (logistic regression's pictures are 200 000 entries), took 25–47 ms of a grade.
 */
function sameBits(a: Float64Array, b: Float64Array): boolean {
  return (
    a.length === b.length &&
    Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(
      Buffer.from(b.buffer, b.byteOffset, b.byteLength),
    )
  );
}

/** allclose error of one entry: 0 when within tolerance, else how far out (Infinity for a NaN). */
function entryError(actual: number, expected: number, tol: Tolerance): number {
  if (sameNumber(actual, expected)) return 0;
  if (!Number.isFinite(actual) || !Number.isFinite(expected)) return Number.POSITIVE_INFINITY;
  const diff = Math.abs(actual - expected);
  return diff <= tol.atol + tol.rtol * Math.abs(expected) ? 0 : diff;
}

function compareEntries(
  path: string,
  actual: ArrayLike<number>,
  expected: ArrayLike<number>,
  tolerance: Tolerance,
  indexOf: (k: number) => number[],
): Mismatch | null {
  let worst = -1;
  let worstError = 0;
  let wrong = 0;
  for (let k = 0; k < expected.length; k++) {
    const error = entryError(actual[k] as number, expected[k] as number, tolerance);
    if (error > 0) {
      wrong++;
      if (error > worstError) {
        worst = k;
        worstError = error;
      }
    }
  }
  if (wrong === 0) return null;
  return {
    problem: "value",
    path,
    index: indexOf(worst),
    expected: expected[worst] as number,
    actual: actual[worst] as number,
    error: worstError,
    tolerance,
    wrong,
    total: expected.length,
  };
}

/**
 * The first mismatch between `actual` and `expected`: every structural problem (type, key,
 * length, shape) anywhere comes before any wrong value, so that "costs has 301 entries" is what a
 * learner reads, not the parameters it led to. Within a pass, depth first in the expected's key order.
 */
export function compare(expected: Wire, actual: Wire, tolerance: Tolerance): Mismatch | null {
  return (
    walk(expected, actual, tolerance, "", "structure") ??
    walk(expected, actual, tolerance, "", "values")
  );
}

type Pass = "structure" | "values";

function walk(
  expected: Wire,
  actual: Wire,
  tolerance: Tolerance,
  path: string,
  pass: Pass,
): Mismatch | null {
  // undefined, or what the wire does not carry (a function, a Promise): the same only as itself.
  if (isMarker(expected)) {
    return sameMarker(expected, actual)
      ? null
      : { problem: "type", path, expected: typeName(expected), actual: typeName(actual) };
  }
  if (isWireArray(expected)) {
    if (!isWireArray(actual)) {
      return { problem: "type", path, expected: typeName(expected), actual: typeName(actual) };
    }
    const [rows, cols] = expected.$array;
    if (actual.$array[0] !== rows || actual.$array[1] !== cols) {
      return {
        problem: "shape",
        path,
        expected: [rows, cols],
        actual: [actual.$array[0], actual.$array[1]],
      };
    }
    if (pass === "structure" || sameBits(actual.data, expected.data)) return null;
    return compareEntries(path, actual.data, expected.data, tolerance, (k) => [
      Math.floor(k / cols),
      k % cols,
    ]);
  }
  if (typeof expected === "number") {
    if (typeof actual !== "number") {
      return { problem: "type", path, expected: "a number", actual: typeName(actual) };
    }
    return pass === "structure"
      ? null
      : compareEntries(path, [actual], [expected], tolerance, () => []);
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) {
      return { problem: "type", path, expected: typeName(expected), actual: typeName(actual) };
    }
    if (actual.length !== expected.length) {
      return { problem: "length", path, expected: expected.length, actual: actual.length };
    }
    if (
      expected.every((e) => typeof e === "number") &&
      actual.every((a) => typeof a === "number")
    ) {
      return pass === "structure"
        ? null
        : compareEntries(path, actual as number[], expected as number[], tolerance, (k) => [k]);
    }
    for (let i = 0; i < expected.length; i++) {
      const found = walk(expected[i] as Wire, actual[i] as Wire, tolerance, join(path, i), pass);
      if (found) return found;
    }
    return null;
  }
  if (expected !== null && typeof expected === "object") {
    if (!isPlainObject(actual)) {
      return { problem: "type", path, expected: typeName(expected), actual: typeName(actual) };
    }
    for (const [key, value] of Object.entries(expected)) {
      if (!Object.hasOwn(actual, key)) {
        // A key of the same letters in another case (dw1 for dW1), or Python's snake_case for the
        // camelCase of the assignment (Y_prediction_test for yPredictionTest).
        const other = Object.keys(actual).find((k) => keyLetters(k) === keyLetters(key));
        return { problem: "missing-key", path, key, ...(other !== undefined ? { other } : {}) };
      }
      const found = walk(
        value,
        (actual as Record<string, Wire>)[key] as Wire,
        tolerance,
        join(path, key),
        pass,
      );
      if (found) return found;
    }
    return null;
  }
  if (expected !== actual) {
    return { problem: "type", path, expected: JSON.stringify(expected), actual: typeName(actual) };
  }
  return null;
}

type Marker = { $undefined: true } | { $unsupported: string };

function isMarker(value: Wire): value is Marker {
  return (
    value !== null &&
    typeof value === "object" &&
    !Array.isArray(value) &&
    ("$unsupported" in value || "$undefined" in value)
  );
}

/** Both undefined, or both a value the wire does not carry, described alike. */
function sameMarker(expected: Marker, actual: Wire): boolean {
  if (!isMarker(actual)) return false;
  if ("$undefined" in expected) return "$undefined" in actual;
  return "$unsupported" in actual && actual.$unsupported === expected.$unsupported;
}

function isPlainObject(value: Wire): value is { [key: string]: Wire } {
  return (
    value !== null &&
    typeof value === "object" &&
    !Array.isArray(value) &&
    !isWireArray(value) &&
    !isMarker(value)
  );
}

/** Bit-for-bit equality of wire values (for inputs before and after a call, and repeated calls). */
export function identical(a: Wire, b: Wire): boolean {
  return (
    compare(a, b, { rtol: 0, atol: 0 }) === null && compare(b, a, { rtol: 0, atol: 0 }) === null
  );
}

/** The value at a dotted path (`cache.A1`, `costs[3]`) of a wire value, if there is one. */
export function at(value: Wire, path: string): Wire | undefined {
  if (path === "") return value;
  let current: Wire | undefined = value;
  for (const part of path.split(/\.|(?=\[)/)) {
    if (current === undefined || current === null || typeof current !== "object") return undefined;
    const index = /^\[(\d+)\]$/.exec(part);
    current = index
      ? Array.isArray(current)
        ? current[Number(index[1])]
        : undefined
      : (current as Record<string, Wire>)[part];
  }
  return current;
}

/**
 * Hints from the form of a wrong result, where Python's habits or a loop over `.data` explain it:
 * no value at all, a list for an object (a tuple), an array's entries for the array, a number's
 * text for the number, one value of an object for the whole, an inner object's values beside its
 * siblings, a list that holds every k-th entry of the expected one, the right values under other
 * names. Each says whether the values in it are the right ones only where the test's tolerance
 * says so. Pure: wire values in, a hint (a code and its parameters) or undefined out.
 */
import type { Tolerance } from "../core/manifest.ts";
import type { PatternHint } from "../core/report.ts";
import { isWireArray, type Wire, type WireArray } from "../core/values.ts";
import { at, compare, join, type Mismatch } from "./compare.ts";

/** What a hint of the form is given: the test's tolerance, which says whether values are right. */
export interface FormContext {
  tolerance?: Tolerance | undefined;
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
function holds(actual: Wire | undefined, expected: Wire | undefined, context: FormContext) {
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
export function formHint(
  mismatch: Mismatch,
  expected: Wire | undefined,
  actual: Wire | undefined,
  context: FormContext,
): PatternHint | undefined {
  if (expected === undefined || actual === undefined) return undefined;
  if (mismatch.problem === "type")
    return typeHint(mismatch.path, expected, actual, context) ?? partHint(expected, actual);
  if (mismatch.problem !== "missing-key" || mismatch.other) return undefined;
  return flattenedHint(mismatch.key, expected, actual) ?? partHint(expected, actual);
}

/** A value of another type than expected: nothing, a list, text, an array's entries. */
function typeHint(
  path: string,
  expected: Wire,
  actual: Wire,
  context: FormContext,
): PatternHint | undefined {
  const whole = recordOf(expected);
  if (whole && Array.isArray(actual)) {
    const keys = Object.keys(whole);
    const inOrder =
      actual.length === keys.length && keys.every((k, i) => holds(actual[i], whole[k], context));
    return { code: "tuple-for-object", keys, inOrder };
  }
  // Nothing returned: said of the whole result only, not of a part that is undefined.
  if (path === "" && typeof actual === "object" && actual !== null && "$undefined" in actual)
    return { code: "no-return" };
  if (typeof expected === "number" && typeof actual === "string") {
    const value = actual.trim() === "" ? Number.NaN : Number(actual);
    if (Number.isFinite(value))
      return { code: "text-for-number", same: holds(value, expected, context) };
  }
  return isWireArray(expected) ? entriesOf(actual, expected, context) : undefined;
}

/**
 * The values of the expected object's `key` at the result's top level, beside a sibling of
 * theirs (without one, the result is the inner object alone: `partHint`).
 */
function flattenedHint(key: string, expected: Wire, actual: Wire): PatternHint | undefined {
  const whole = recordOf(expected);
  const found = recordOf(actual);
  if (!whole || !found) return undefined;
  const keys = Object.keys(recordOf(whole[key]) ?? {});
  const has = (k: string) => Object.hasOwn(found, k);
  const sibling = Object.keys(whole).some((k) => k !== key && has(k));
  return sibling && keys.length > 0 && keys.every(has)
    ? { code: "flattened", key, keys }
    : undefined;
}

/** The result has the form of one value of the expected object, and of that one only. */
function partHint(expected: Wire, actual: Wire): PatternHint | undefined {
  const whole = recordOf(expected);
  if (!whole) return undefined;
  const parts = Object.keys(whole).filter((k) => sameForm(actual, whole[k] as Wire));
  const [part] = parts;
  return parts.length === 1 && part !== undefined
    ? { code: "part-for-whole", part, keys: Object.keys(whole) }
    : undefined;
}

/** An array's entries, as a list, a list of rows or a typed array, where the array was expected. */
function entriesOf(
  actual: Wire,
  expected: WireArray,
  context: FormContext,
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
export function sampledHint(
  expected: Wire[],
  actual: Wire[],
  context: FormContext,
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

/** Names of a learner's object read at most, for values under other names: its keys are theirs. */
const MAX_NAMES = 64;
/** Characters of a name read, at most. */
const MAX_NAME_LENGTH = 64;

/**
 * The right values in the learner's object under other names: W0 and W1 holding what W1 and W2
 * should (layers numbered from 0), dW1 and dW2 swapped, { A } for { A2 }. Said where the value the
 * mismatch is about is one of them, and of values that no name holds by chance: each found under
 * one name only, and none a number or a constant array (biases of zeros, which any name of that
 * shape could hold). `shift`: every pair is one name with its number moved by the same amount.
 */
export function misnamedHint(
  mismatch: Mismatch,
  expected: Wire,
  actual: Wire,
  context: FormContext,
): PatternHint | undefined {
  // A key in another case is named by the mismatch itself (`other`).
  if (mismatch.problem === "missing-key" && mismatch.other) return undefined;
  const split =
    mismatch.problem === "missing-key" ? [mismatch.path, mismatch.key] : lastKey(mismatch.path);
  if (!split) return undefined;
  const [parent, key] = split as [string, string];
  const whole = recordOf(at(expected, parent));
  const found = recordOf(at(actual, parent));
  if (!whole || !found) return undefined;
  // A name longer than any an assignment uses is no misnaming, and would fill the message.
  const names = Object.keys(found).filter((name) => name.length <= MAX_NAME_LENGTH);
  if (names.length > MAX_NAMES) return undefined;
  const pairs: { yours: string; expected: string }[] = [];
  for (const [name, value] of Object.entries(whole)) {
    if (!distinctive(value) || holds(found[name], value, context)) continue;
    const under = names.filter((other) => other !== name && holds(found[other], value, context));
    if (under.length === 1)
      pairs.push({ yours: join(parent, under[0] as string), expected: join(parent, name) });
  }
  if (!pairs.some((pair) => pair.expected === join(parent, key))) return undefined;
  const shift = numberShift(pairs);
  return { code: "misnamed", pairs, ...(shift === undefined ? {} : { shift }) };
}

/** A key path's object and last key (`parameters.W1`: `parameters` and `W1`); not a list's index. */
function lastKey(path: string): [string, string] | undefined {
  if (path === "" || path.endsWith("]")) return undefined;
  const dot = path.lastIndexOf(".");
  return dot < 0 ? ["", path] : [path.slice(0, dot), path.slice(dot + 1)];
}

/** A value no name holds by chance: an array of two different entries or more, or one inside. */
function distinctive(value: Wire | undefined): boolean {
  if (isWireArray(value)) return value.data.some((x) => !Object.is(x, value.data[0]));
  if (Array.isArray(value)) return value.some(distinctive);
  const record = recordOf(value);
  return record !== undefined && Object.values(record).some(distinctive);
}

/** The amount every pair's number moved by (W0 for W1: −1), if each pair is one name renumbered. */
function numberShift(pairs: { yours: string; expected: string }[]): number | undefined {
  const numbered = /^(.*?)(\d+)$/;
  const shifts = pairs.map(({ yours, expected }) => {
    const [a, b] = [numbered.exec(yours), numbered.exec(expected)];
    return a && b && a[1] === b[1] ? Number(a[2]) - Number(b[2]) : Number.NaN;
  });
  const [first] = shifts;
  return first !== undefined && first !== 0 && shifts.every((s) => s === first) ? first : undefined;
}

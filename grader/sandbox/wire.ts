/**
 * The plain data that crosses between the grader and the sandboxed child: inputs going in,
 * outputs coming out. Arrays travel as `{ $array: [rows, cols], data }` (Float64Array survives
 * Node's advanced IPC serialization with NaN and ±Infinity intact), a random generator as the seed
 * to build it from, everything else as JSON-like values.
 *
 * Both sides use this module: the child to encode what the learner's function returned (whatever
 * it is), the grader to check that what arrived is well-formed before trusting it.
 */
import { types } from "node:util";
import { NDArray, RandomState } from "../../assignments/lib/np.ts";

export interface WireArray {
  $array: [rows: number, cols: number];
  data: Float64Array;
}

export interface WireRandom {
  $random: number;
}

export type Wire =
  | number
  | string
  | boolean
  | null
  | WireArray
  | WireRandom
  | { $undefined: true }
  | { $unsupported: string }
  | Wire[]
  | { [key: string]: Wire };

/** Past these, an output is reported as too big rather than sent. */
export const LIMITS = { entries: 5_000_000, depth: 8, keys: 64 };

export function isWireArray(value: unknown): value is WireArray {
  return (
    typeof value === "object" &&
    value !== null &&
    Array.isArray((value as WireArray).$array) &&
    (value as WireArray).data instanceof Float64Array
  );
}

/**
 * Encodes a value for the other side. Arrays are copied out of their (possibly shared) storage;
 * things that cannot cross become `{ $unsupported: "what it was" }`, never an exception: functions,
 * class instances other than arrays, proxies, getters, cycles, `__proto__`-like keys, values too
 * deep or too big, and values that throw when read.
 */
export function encode(value: unknown): Wire {
  try {
    return encodeValue(value, 0, { entries: LIMITS.entries }, new Set());
  } catch (error) {
    if (error instanceof Untrusted) return { $unsupported: error.message };
    throw error;
  }
}

/** A value that is not data as a whole: a getter or a cycle anywhere in it. */
class Untrusted extends Error {}

/** Keys no object crossing may have: they could pollute a prototype on the other side. */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set([
  "__proto__",
  "constructor",
  "prototype",
]);

function encodeValue(
  value: unknown,
  depth: number,
  budget: { entries: number },
  /** The objects this one lies inside: meeting one again is a cycle. */
  ancestors: Set<object>,
): Wire {
  if (value === undefined) return { $undefined: true };
  if (value === null || typeof value === "string" || typeof value === "boolean") return value;
  if (typeof value === "number") return value;
  if (typeof value !== "object") return { $unsupported: `a ${typeof value}` };
  // Before anything reads it: a proxy can answer instanceof and every property as it likes.
  if (types.isProxy(value)) return { $unsupported: "a Proxy" };
  if (ancestors.has(value)) throw new Untrusted("a cyclic value (it contains itself)");
  try {
    if (value instanceof NDArray) return encodeArray(value, budget);
    if (depth >= LIMITS.depth) return { $unsupported: "a value nested too deeply" };
    ancestors.add(value);
    try {
      return Array.isArray(value)
        ? encodeList(value, depth, budget, ancestors)
        : encodeObject(value, depth, budget, ancestors);
    } finally {
      ancestors.delete(value);
    }
  } catch (error) {
    if (error instanceof Untrusted) throw error;
    return { $unsupported: `a value that threw when read (${String(error)})` };
  }
}

function encodeArray(value: NDArray, budget: { entries: number }): Wire {
  const [rows, cols] = value.shape;
  const data = value.data;
  if (!(data instanceof Float64Array) || data.length < rows * cols)
    return { $unsupported: "an array whose data does not match its shape" };
  budget.entries -= rows * cols;
  if (budget.entries < 0)
    return { $unsupported: `an array too big to send (${rows * cols} entries)` };
  return { $array: [rows, cols], data: data.slice(0, rows * cols) };
}

function encodeList(
  value: unknown[],
  depth: number,
  budget: { entries: number },
  ancestors: Set<object>,
): Wire {
  if (value.length > budget.entries) return { $unsupported: "a list too long to send" };
  budget.entries -= value.length;
  const out: Wire[] = [];
  for (let k = 0; k < value.length; k++)
    out.push(encodeProperty(value, String(k), depth, budget, ancestors));
  return out;
}

function encodeObject(
  value: object,
  depth: number,
  budget: { entries: number },
  ancestors: Set<object>,
): Wire {
  if (types.isPromise(value))
    return { $unsupported: "a Promise (these functions return their value: no async, no await)" };
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) {
    return { $unsupported: `an object of class ${proto?.constructor?.name ?? "unknown"}` };
  }
  const keys = Object.keys(value);
  if (keys.length > LIMITS.keys) return { $unsupported: `an object with ${keys.length} keys` };
  const forbidden = keys.find((key) => FORBIDDEN_KEYS.has(key));
  if (forbidden) return { $unsupported: `an object with a "${forbidden}" key` };
  const out: { [key: string]: Wire } = {};
  for (const key of keys) out[key] = encodeProperty(value, key, depth, budget, ancestors);
  return out;
}

/** One property's value; a getter is not called (it runs code: it is not data). */
function encodeProperty(
  owner: object,
  key: string,
  depth: number,
  budget: { entries: number },
  ancestors: Set<object>,
): Wire {
  const descriptor = Object.getOwnPropertyDescriptor(owner, key);
  if (descriptor && !("value" in descriptor))
    throw new Untrusted(`a value with a getter (key "${key}"), which is not called`);
  return encodeValue(descriptor?.value, depth + 1, budget, ancestors);
}

/** Turns wire data back into arrays and generators (in the child, for the learner's function). */
export function decode(value: Wire): unknown {
  if (isWireArray(value)) return new NDArray(value.data.slice(), value.$array);
  if (Array.isArray(value)) return value.map(decode);
  if (value !== null && typeof value === "object") {
    if ("$random" in value && typeof value.$random === "number")
      return new RandomState(value.$random);
    if ("$undefined" in value) return undefined;
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[key] = decode(item as Wire);
    return out;
  }
  return value;
}

/** Wire data as JSON (for committed fixtures): arrays as lists, NaN and ±Infinity as strings. */
export function wireToJson(value: Wire): unknown {
  const number = (x: number) => (Number.isFinite(x) ? x : String(x));
  if (isWireArray(value)) return { $array: value.$array, data: Array.from(value.data, number) };
  if (typeof value === "number") return number(value);
  if (Array.isArray(value)) return value.map(wireToJson);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, wireToJson(v as Wire)]));
  }
  return value;
}

export function wireFromJson(value: unknown): Wire {
  const number = (x: unknown) => (typeof x === "string" ? Number(x) : (x as number));
  if (Array.isArray(value)) return value.map(wireFromJson);
  if (value !== null && typeof value === "object") {
    const record = value as Record<string, unknown>;
    if (Array.isArray(record.$array)) {
      return {
        $array: record.$array as [number, number],
        data: Float64Array.from(record.data as unknown[], number),
      };
    }
    return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, wireFromJson(v)]));
  }
  return value as Wire;
}

/**
 * The plain data that crosses between the grader and the sandboxed child: inputs going in,
 * outputs coming out. Arrays travel as `{ $array: [rows, cols], data }` (Float64Array survives
 * Node's advanced IPC serialization with NaN and ±Infinity intact), a random generator as the seed
 * to build it from, everything else as JSON-like values.
 *
 * Both sides use this module: the child to encode what the learner's function returned (whatever
 * it is), the grader to check that what arrived is well-formed before trusting it.
 */
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
 * things that cannot cross (functions, class instances other than arrays, cycles, too deep or too
 * big) become `{ $unsupported: "what it was" }`, never an exception.
 */
export function encode(value: unknown, depth = 0, budget = { entries: LIMITS.entries }): Wire {
  if (value instanceof NDArray) {
    budget.entries -= value.size;
    if (budget.entries < 0)
      return { $unsupported: `an array too big to send (${value.size} entries)` };
    return { $array: [value.shape[0], value.shape[1]], data: value.data.slice() };
  }
  if (value === undefined) return { $undefined: true };
  if (value === null || typeof value === "string" || typeof value === "boolean") return value;
  if (typeof value === "number") return value;
  if (depth >= LIMITS.depth) return { $unsupported: "a value nested too deeply" };
  if (Array.isArray(value)) {
    if (value.length > LIMITS.entries) return { $unsupported: "a list too long to send" };
    budget.entries -= value.length;
    return value.map((item) => encode(item, depth + 1, budget));
  }
  if (typeof value === "object") {
    const proto = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) {
      return { $unsupported: `an object of class ${proto?.constructor?.name ?? "unknown"}` };
    }
    const keys = Object.keys(value);
    if (keys.length > LIMITS.keys) return { $unsupported: `an object with ${keys.length} keys` };
    const out: { [key: string]: Wire } = {};
    for (const key of keys) {
      if (key === "__proto__" || key === "constructor" || key === "prototype") continue;
      out[key] = encode((value as Record<string, unknown>)[key], depth + 1, budget);
    }
    return out;
  }
  return { $unsupported: `a ${typeof value}` };
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

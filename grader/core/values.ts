/**
 * The plain data that crosses between the grader and the sandboxed child: inputs going in,
 * outputs coming out. Arrays travel as `{ $array: [rows, cols], data }` (a Float64Array, NaN and
 * ±Infinity bits intact), a random generator as the seed to build it from, everything else as
 * JSON-like values. `sandbox/codec.ts` turns these into bytes and back, as a tree: no value is shared.
 *
 * Both sides use this module: the child to encode what the learner's function returned (whatever
 * it is, within `LIMITS`), the grader to check that what arrived is well-formed before trusting it.
 */
import { types } from "node:util";
import { owned, sharedCopy, valuesOf } from "../../assignments/lib/ndarray.ts";
import { NDArray, RandomState } from "../../assignments/lib/np.ts";
import { transportCopyOf } from "../../assignments/lib/storage.ts";

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

/**
 * What one message from the child may hold, counted over the whole message (every value in it):
 * past these the child reports a value as too big rather than sending it, and the grader's decoder
 * refuses a message at the first byte that goes over one (`codec.ts`).
 *
 * - `entries`: numbers inside arrays (8 bytes each: 8 MiB of float64, a 1024 × 1024 array).
 * - `nodes`: list entries and object keys, every one of them: the grader's work and memory per
 *   message grow with these, whatever the bytes (about 50 ms to decode and check at the limit).
 * - `depth`: lists and objects nested in a value.
 * - `keys`: keys of one object.
 * - `stringBytes`: UTF-8 bytes of one string or key; `textBytes`: of all of them together.
 *
 * For scale, the planar assignment's largest message (nnModel's parameters and 10 000 costs) is
 * 100 KB with about 10 000 nodes; its largest array is 2 × 400.
 */
export const LIMITS = {
  entries: 1 << 20,
  nodes: 1 << 17,
  depth: 8,
  keys: 64,
  stringBytes: 1 << 16,
  textBytes: 1 << 20,
};

/** What a learner's code printed that a test keeps: more is cut with a visible mark. */
export const OUTPUT_LIMIT = 4096;

/** Longest text kept per field; longer is cut with a visible mark (by the child, and again by the grader). */
export const TEXT_LIMITS = {
  name: 200,
  message: 2000,
  stack: 8000,
  // The output a test keeps, with room for the mark that says it was cut.
  output: 2 * OUTPUT_LIMIT,
  value: 10_000,
};

/**
 * Text collected up to a limit (a learner's output, call after call); past it, what is kept ends
 * with a mark saying it was cut. The one cap of learner output, in the child and in the grader.
 */
export class CappedText {
  #text = "";
  #cut = false;

  constructor(readonly limit = OUTPUT_LIMIT) {}

  add(text: string): void {
    const room = this.limit - this.#text.length;
    if (text.length <= room) this.#text += text;
    else {
      this.#text += text.slice(0, Math.max(0, room));
      this.#cut = true;
    }
  }

  get text(): string {
    return this.#cut ? `${this.#text}\n[output truncated at ${this.limit} characters]` : this.#text;
  }

  /** The text, and a fresh start. */
  take(): string {
    const text = this.text;
    this.#text = "";
    this.#cut = false;
    return text;
  }
}

/** `text` cut to `limit` characters, with a mark saying how much was cut. */
export function cutText(text: string, limit: number): string {
  return text.length <= limit
    ? text
    : `${text.slice(0, limit)}… [${text.length - limit} more characters]`;
}

export function isWireArray(value: unknown): value is WireArray {
  return (
    typeof value === "object" &&
    value !== null &&
    Array.isArray((value as WireArray).$array) &&
    (value as WireArray).data instanceof Float64Array
  );
}

/** What is left of a message's limits while its values are encoded. */
export interface Budget {
  entries: number;
  nodes: number;
  textBytes: number;
}

export function freshBudget(): Budget {
  return { entries: LIMITS.entries, nodes: LIMITS.nodes, textBytes: LIMITS.textBytes };
}

/**
 * Encodes a value for the other side. Arrays are copied out of their (possibly shared) storage,
 * unless `arrays` is "shared" (see below); `{ $random: seed }` stays a generator's seed; things that
 * cannot cross become `{ $unsupported: "what it was" }`, never an exception: functions, class
 * instances other than arrays, proxies, getters, cycles, `__proto__`-like and other `$`-marker
 * keys, values too deep or too big, and values that throw when read. Strings are cut to
 * `TEXT_LIMITS.value` characters. Values encoded with one `budget` share the limits of one
 * message.
 *
 * "shared": the wire's arrays are the values' own entries, for a value written into a message at
 * once (`encodeBody`), which copies them: the grader's answers to the stand-ins, computed by the
 * reference, whose arrays nothing writes to. A `Views` map: shared too, each wire array's array
 * noted in it, for a wire decoded at once in the same process (`decodeFresh`). A wire kept for
 * later, or made of values code may still write to (a learner's), needs the copies.
 */
export function encode(
  value: unknown,
  budget: Budget = freshBudget(),
  arrays: "copied" | "shared" | Views = "copied",
  /** How deep inside the message's value this one will lie (see `Encoded`). */
  depth = 0,
): Wire {
  const views = typeof arrays === "object" ? arrays : undefined;
  const share = arrays !== "copied";
  try {
    return encodeValue(value, depth, { budget, ancestors: new Set(), share, views });
  } catch (error) {
    if (error instanceof Untrusted) return unsupported(error.message);
    throw error;
  }
}

/** What a value was that cannot cross; the learner may have named it (a class, a key, an error). */
function unsupported(what: string): Wire {
  return { $unsupported: cutText(what, TEXT_LIMITS.message) };
}

/**
 * A value encoded already, which `encode` puts in place as its wire: a part of a value taken as
 * it was at some moment, before other code could change it (a chain's kept part, child.ts),
 * encoded with the budget and at the depth of the value it goes into.
 */
export class Encoded {
  constructor(readonly wire: Wire) {}
}

/** A value that is not data as a whole: a getter or a cycle anywhere in it. */
class Untrusted extends Error {}

/** Keys no object crossing may have: they could pollute a prototype on the other side. */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set([
  "__proto__",
  "constructor",
  "prototype",
]);

/** Keys that mark wire values of their own (arrays, undefined...): no plain object may have them. */
export const MARKER_KEYS: ReadonlySet<string> = new Set([
  "$array",
  "$undefined",
  "$unsupported",
  "$random",
]);

/** One `encode` under way. */
interface Encoding {
  budget: Budget;
  /** The objects the value being encoded lies inside: meeting one again is a cycle. */
  ancestors: Set<object>;
  /** Arrays go as their own entries, not copies (`encode`'s "shared"). */
  share: boolean;
  /** Where each shared wire array's array is noted, when asked. */
  views: Views | undefined;
}

/**
 * The array each wire array of a shared encode views (`encode`'s `arrays`), for `decodeFresh`: a
 * map made for one value's encode and decode, as short-lived as they are.
 */
export type Views = Map<WireArray, NDArray>;

function encodeValue(value: unknown, depth: number, encoding: Encoding): Wire {
  const { budget, ancestors } = encoding;
  if (value === undefined) return { $undefined: true };
  if (value === null || typeof value === "boolean" || typeof value === "number") return value;
  if (typeof value === "string") return encodeString(value, budget);
  if (typeof value !== "object") return { $unsupported: `a ${typeof value}` };
  // Before anything reads it: a proxy can answer instanceof and every property as it likes.
  if (types.isProxy(value)) return { $unsupported: "a Proxy" };
  if (value instanceof Encoded) return value.wire;
  if (ancestors.has(value)) throw new Untrusted("a cyclic value (it contains itself)");
  try {
    if (value instanceof NDArray) return encodeArray(value, encoding);
    if (depth >= LIMITS.depth) return { $unsupported: "a value nested too deeply" };
    ancestors.add(value);
    try {
      return Array.isArray(value)
        ? encodeList(value, depth, encoding)
        : encodeObject(value, depth, encoding);
    } finally {
      ancestors.delete(value);
    }
  } catch (error) {
    if (error instanceof Untrusted) throw error;
    let why: string;
    try {
      why = String(error);
    } catch {
      why = "what it threw could not be read either";
    }
    return unsupported(`a value that threw when read (${why})`);
  }
}

function encodeString(value: string, budget: Budget): Wire {
  const text = cutText(value, TEXT_LIMITS.value);
  const bytes = Buffer.byteLength(text, "utf8");
  if (bytes > budget.textBytes) return { $unsupported: "a value with too much text to send" };
  budget.textBytes -= bytes;
  return text;
}

function encodeArray(value: NDArray, { budget, share, views }: Encoding): Wire {
  const [rows, cols] = value.shape;
  // Before its data is read: reading computes a pending array's entries (lib/fusion.ts).
  if (rows * cols > budget.entries)
    return { $unsupported: `an array too big to send (${rows * cols} entries)` };
  // Read without handing them out: `data` would mark them escaped (and copy them first where a
  // pending expression holds them), for entries the wire copies, or that are copied at once.
  const data = valuesOf(value);
  if (!(data instanceof Float64Array) || data.length < rows * cols)
    return { $unsupported: "an array whose data does not match its shape" };
  budget.entries -= rows * cols;
  const entries = data.subarray(0, rows * cols);
  const wire: WireArray = {
    $array: [rows, cols],
    data: share ? entries : transportCopyOf(entries),
  };
  views?.set(wire, value);
  return wire;
}

function encodeList(value: unknown[], depth: number, encoding: Encoding): Wire {
  const { budget } = encoding;
  if (value.length > budget.nodes) return { $unsupported: "a list too long to send" };
  budget.nodes -= value.length;
  const out: Wire[] = [];
  for (let k = 0; k < value.length; k++)
    out.push(encodeProperty(value, String(k), depth, encoding));
  return out;
}

function encodeObject(value: object, depth: number, encoding: Encoding): Wire {
  const { budget } = encoding;
  if (types.isPromise(value))
    return { $unsupported: "a Promise (these functions return their value: no async, no await)" };
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) {
    return unsupported(`an object of class ${proto?.constructor?.name ?? "unknown"}`);
  }
  const keys = Object.keys(value);
  // A generator to be made on the other side, as the grader's checks pass one to a learner.
  if (keys.length === 1 && keys[0] === "$random") {
    const seed = Object.getOwnPropertyDescriptor(value, "$random")?.value;
    if (typeof seed === "number") return { $random: seed };
  }
  if (keys.length > LIMITS.keys) return { $unsupported: `an object with ${keys.length} keys` };
  const forbidden = keys.find((key) => FORBIDDEN_KEYS.has(key) || MARKER_KEYS.has(key));
  if (forbidden) return { $unsupported: `an object with a "${forbidden}" key` };
  const long = keys.find((key) => key.length > TEXT_LIMITS.value);
  if (long) return { $unsupported: `an object with a key of ${long.length} characters` };
  if (keys.length > budget.nodes) return { $unsupported: "an object too big to send" };
  const keyBytes = keys.reduce((sum, key) => sum + Buffer.byteLength(key, "utf8"), 0);
  if (keyBytes > budget.textBytes) return { $unsupported: "a value with too much text to send" };
  budget.nodes -= keys.length;
  budget.textBytes -= keyBytes;
  const out: { [key: string]: Wire } = {};
  for (const key of keys) out[key] = encodeProperty(value, key, depth, encoding);
  return out;
}

/** One property's value; a getter is not called (it runs code: it is not data). */
function encodeProperty(owner: object, key: string, depth: number, encoding: Encoding): Wire {
  const descriptor = Object.getOwnPropertyDescriptor(owner, key);
  if (descriptor && !("value" in descriptor))
    throw new Untrusted(`a value with a getter (key "${key}"), which is not called`);
  return encodeValue(descriptor?.value, depth + 1, encoding);
}

/**
 * How many values a wire value holds: every number, string and other leaf, every entry of an
 * array, and every list entry and object key. What the grader's work on a value grows with.
 */
export function entriesOf(value: Wire | undefined): number {
  if (value === undefined || value === null || typeof value !== "object") return 1;
  if (isWireArray(value)) return value.data.length;
  if (Array.isArray(value)) {
    let sum = 0;
    for (const item of value) sum += Math.max(1, entriesOf(item));
    return sum;
  }
  if ("$undefined" in value || "$unsupported" in value || "$random" in value) return 1;
  let sum = 0;
  for (const key of Object.keys(value)) sum += 1 + entriesOf(value[key]);
  return sum;
}

/**
 * Whether two wire values have the same form: the same kinds throughout, arrays of the same
 * shapes, objects with the same keys, and the same strings, booleans, nulls and undefineds (which
 * choose what a function does, as "relu" and "sigmoid" do); only numbers may differ.
 */
export function sameForm(a: Wire | undefined, b: Wire | undefined): boolean {
  if (typeof a === "number" || typeof b === "number") return typeof a === typeof b;
  if (a === null || b === null || typeof a !== "object" || typeof b !== "object") return a === b;
  if (isWireArray(a) || isWireArray(b))
    return (
      isWireArray(a) && isWireArray(b) && a.$array[0] === b.$array[0] && a.$array[1] === b.$array[1]
    );
  if (Array.isArray(a) || Array.isArray(b))
    return (
      Array.isArray(a) &&
      Array.isArray(b) &&
      a.length === b.length &&
      a.every((item, index) => sameForm(item, b[index]))
    );
  const [x, y] = [a as Record<string, Wire>, b as Record<string, Wire>];
  const keys = Object.keys(x);
  return (
    keys.length === Object.keys(y).length &&
    keys.every((key) => Object.hasOwn(y, key) && sameForm(x[key], y[key]))
  );
}

/**
 * Turns wire data back into arrays and generators (in the child, for the learner's function).
 * Each array gets a copy of its own: what the learner's code computes from it can read it later
 * (fusion.ts), and the wire may be decoded again (a call made twice, a pass graded again).
 */
export function decode(value: Wire): unknown {
  return decodeWith(value, copied);
}

/**
 * `decode` for a wire encoded a moment ago with `views`, no code having run since: each array it
 * views is copied on write (`sharedCopy`), as good as a copy at once and without its cost; any
 * other is copied. For the values the learner's own functions pass each other as the grader's
 * would (stand-ins.ts).
 */
export function decodeFresh(value: Wire, views: Views): unknown {
  return decodeWith(value, (wire) => {
    const source = views.get(wire);
    return source ? sharedCopy(source) : copied(wire);
  });
}

/**
 * `decode` for a wire just read from a message and decoded once, in the grader: the arrays are
 * views of the message's entries (codec.ts reads them in place), which nothing else holds or
 * writes to. What the reference computes from the arguments of a stand-in's request, say.
 */
export function decodeMessage(value: Wire): unknown {
  return decodeWith(value, inPlace);
}

const copied = (wire: WireArray) => owned(transportCopyOf(wire.data), wire.$array);
const inPlace = (wire: WireArray) => owned(wire.data, wire.$array);

function decodeWith(value: Wire, array: (wire: WireArray) => NDArray): unknown {
  if (isWireArray(value)) return array(value);
  if (Array.isArray(value)) return value.map((item) => decodeWith(item, array));
  if (value !== null && typeof value === "object") {
    if ("$random" in value && typeof value.$random === "number")
      return new RandomState(value.$random);
    if ("$undefined" in value) return undefined;
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[key] = decodeWith(item as Wire, array);
    return out;
  }
  return value;
}

/** The part of `value` at `path` (`Then.keep` in outcomes.ts); undefined where the path leads nowhere. */
export function partAt(value: unknown, path: readonly string[]): unknown {
  const [step, ...rest] = path;
  if (step === undefined) return value;
  if (step === "*")
    return Array.isArray(value) ? value.map((item) => partAt(item, rest)) : undefined;
  if (typeof value !== "object" || value === null) return undefined;
  return partAt((value as Record<string, unknown>)[step], rest);
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

/**
 * A value's shape in code notation, never its content: "(2,5)" for an array, the number itself,
 * "{W1: (4,2), b1: (4,1)}" for a record, "[3 items]" for a list; for showing what a test called.
 */
export function shapeNotation(value: Wire, depth = 0): string {
  if (isWireArray(value)) return `(${value.$array[0]},${value.$array[1]})`;
  if (typeof value === "number") return String(Number(value.toPrecision(8)));
  if (typeof value === "string")
    return JSON.stringify(value.length > 20 ? `${value.slice(0, 20)}…` : value);
  if (value === null || typeof value !== "object") return String(value);
  if (Array.isArray(value)) return `[${value.length} items]`;
  if ("$random" in value) return "RandomState";
  if ("$undefined" in value) return "undefined";
  if ("$unsupported" in value) return String(value.$unsupported);
  const entries = Object.entries(value as Record<string, Wire>);
  if (depth > 0) return `{${entries.length} keys}`;
  const shown = entries
    .slice(0, 8)
    .map(([key, item]) => `${key}: ${shapeNotation(item, depth + 1)}`);
  return `{${shown.join(", ")}${entries.length > 8 ? ", …" : ""}}`;
}

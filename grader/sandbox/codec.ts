/**
 * The bytes of one message between the grader and the sandboxed child: a tree of tagged values,
 * each written where it stands. A tree has no way to say "the same object again", so a message
 * cannot describe more values than its bytes spell out (V8's serializer can: an object reused at
 * every key of every level is a few KB that unfold into millions of values).
 *
 * Every value starts with a tag byte; numbers are float64 and lengths unsigned 32-bit, both
 * little-endian:
 *
 * | tag | value                        | then                                                      |
 * | --- | ---------------------------- | --------------------------------------------------------- |
 * | 0   | null                         |                                                           |
 * | 1   | undefined (`{ $undefined }`) |                                                           |
 * | 2/3 | false / true                 |                                                           |
 * | 4   | number                       | 8 bytes                                                   |
 * | 5   | string                       | byte length, UTF-8                                        |
 * | 6   | list                         | count, then each value                                    |
 * | 7   | object                       | count, then each key (byte length, UTF-8) and its value   |
 * | 8   | array (`{ $array, data }`)   | rows, cols, 0-7 zero bytes, rows × cols × 8 bytes         |
 * | 9   | `{ $unsupported }`           | byte length, UTF-8 (what the value was)                   |
 * | 10  | `{ $random }`                | 8 bytes (the seed)                                        |
 *
 * An array's numbers start at a multiple of 8 bytes from the start of the body (hence the zero
 * bytes before them), NaN bits kept: the decoder reads them in place, as a view of the message's
 * bytes, where the body itself lies at such an address (a frame's body has a buffer of its own).
 *
 * `decodeBody` checks the limits while it reads, before it allocates: a count is refused when it
 * is over what is left of the message's nodes, entries, text or bytes, so its work is at most a
 * small constant per byte of the message, and it stops at the first violation. It throws nothing
 * but a `Refused`.
 */
import type { Wire } from "../core/values.ts";
import { FORBIDDEN_KEYS, isWireArray, MARKER_KEYS } from "../core/values.ts";

const TAG = {
  null: 0,
  undefined: 1,
  false: 2,
  true: 3,
  number: 4,
  string: 5,
  list: 6,
  object: 7,
  array: 8,
  unsupported: 9,
  random: 10,
} as const;

/** What a decoded message may hold in all (see `LIMITS` in core/values.ts for what each one counts). */
export interface DecodeLimits {
  /** Lists and objects nested. */
  depth: number;
  /** List entries and object keys. */
  nodes: number;
  /** Numbers inside arrays. */
  entries: number;
  /** Keys of one object. */
  keys: number;
  /** UTF-8 bytes of one string or key. */
  stringBytes: number;
  /** UTF-8 bytes of every string and key. */
  textBytes: number;
}

/** No limits: for what the grader sends the child. */
export const UNLIMITED: DecodeLimits = {
  depth: Number.POSITIVE_INFINITY,
  nodes: Number.POSITIVE_INFINITY,
  entries: Number.POSITIVE_INFINITY,
  keys: Number.POSITIVE_INFINITY,
  stringBytes: Number.POSITIVE_INFINITY,
  textBytes: Number.POSITIVE_INFINITY,
};

/** A message the decoder would not read: what was wrong, where, and how far it had got. */
export class Refused extends Error {
  override name = "Refused";
  constructor(
    message: string,
    /** The byte offset at which it stopped. */
    readonly at: number,
    /** The list entries and object keys it had accepted by then. */
    readonly nodes: number,
  ) {
    super(message);
  }
}

/** Whether this machine stores float64 little-endian, as the format does (then arrays copy as bytes). */
const LITTLE_ENDIAN = new Uint8Array(new Float64Array([1]).buffer)[7] === 0x3f;

/**
 * Arrays up to this many entries are copied number by number: the byte views a copy as bytes
 * needs cost more than the copy itself at these sizes, which are most of a batch's arrays.
 */
const COPY_BY_ENTRY = 64;

// Encoding: trusted values (the child's own encoding of the learner's results, or the grader's
// requests), sized first, then written into one buffer.

type Kind =
  | "null"
  | "undefined"
  | "false"
  | "true"
  | "number"
  | "string"
  | "list"
  | "object"
  | "array"
  | "unsupported"
  | "random";

function kindOf(value: unknown): Kind {
  if (value === null) return "null";
  if (value === undefined) return "undefined";
  if (value === true) return "true";
  if (value === false) return "false";
  if (typeof value === "number") return "number";
  if (typeof value === "string") return "string";
  if (Array.isArray(value)) return "list";
  if (isWireArray(value)) return "array";
  if (typeof value === "object") {
    const record = value as Record<string, unknown>;
    const proto = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null)
      throw new Error(
        `gradecheck bug: cannot encode an object of class ${proto?.constructor?.name}`,
      );
    if (Object.hasOwn(record, "$undefined")) return "undefined";
    if (typeof record.$unsupported === "string") return "unsupported";
    if (typeof record.$random === "number") return "random";
    return "object";
  }
  throw new Error(`gradecheck bug: cannot encode a ${typeof value}`);
}

/** An object's keys that are written: those whose value is not undefined (as in JSON). */
function presentKeys(value: Record<string, unknown>): string[] {
  return Object.keys(value).filter((key) => value[key] !== undefined);
}

/** Zero bytes before an array's numbers that start at byte `at` of the body: to a multiple of 8. */
const padding = (at: number) => -at & 7;

/** Where `value` ends when it starts at byte `at` of the body (an array's padding depends on it). */
function endOf(value: unknown, at: number): number {
  switch (kindOf(value)) {
    case "null":
    case "undefined":
    case "false":
    case "true":
      return at + 1;
    case "number":
    case "random":
      return at + 9;
    case "string":
      return at + 5 + Buffer.byteLength(value as string, "utf8");
    case "unsupported":
      return at + 5 + Buffer.byteLength((value as { $unsupported: string }).$unsupported, "utf8");
    case "array": {
      const numbers = at + 9;
      return numbers + padding(numbers) + 8 * (value as { data: Float64Array }).data.length;
    }
    case "list": {
      let end = at + 5;
      for (const item of value as unknown[]) end = endOf(item, end);
      return end;
    }
    case "object": {
      const record = value as Record<string, unknown>;
      let end = at + 5;
      for (const key of presentKeys(record))
        end = endOf(record[key], end + 4 + Buffer.byteLength(key, "utf8"));
      return end;
    }
  }
}

class Writer {
  readonly view: DataView;
  constructor(
    readonly out: Buffer,
    /** Where the body starts in `out`: what comes before it is the caller's. */
    readonly start: number,
    public pos: number = start,
  ) {
    this.view = new DataView(out.buffer, out.byteOffset, out.byteLength);
  }

  u32(n: number): void {
    this.view.setUint32(this.pos, n, true);
    this.pos += 4;
  }

  f64(x: number): void {
    this.view.setFloat64(this.pos, x, true);
    this.pos += 8;
  }

  text(s: string): void {
    const at = this.pos;
    this.pos += 4;
    const length = this.out.write(s, this.pos, "utf8");
    this.out.writeUInt32LE(length, at);
    this.pos += length;
  }

  value(value: unknown): void {
    const kind = kindOf(value);
    this.out[this.pos++] = TAG[kind];
    switch (kind) {
      case "number":
        this.f64(value as number);
        return;
      case "random":
        this.f64((value as { $random: number }).$random);
        return;
      case "string":
        this.text(value as string);
        return;
      case "unsupported":
        this.text((value as { $unsupported: string }).$unsupported);
        return;
      case "array":
        this.array(value as Extract<Wire, { $array: unknown }>);
        return;
      case "list":
        this.u32((value as unknown[]).length);
        for (const item of value as unknown[]) this.value(item);
        return;
      case "object": {
        const record = value as Record<string, unknown>;
        const keys = presentKeys(record);
        this.u32(keys.length);
        for (const key of keys) {
          this.text(key);
          this.value(record[key]);
        }
        return;
      }
      default:
        return;
    }
  }

  array({ $array: [rows, cols], data }: { $array: [number, number]; data: Float64Array }): void {
    if (data.length !== rows * cols)
      throw new Error("gradecheck bug: an array whose data does not match its shape");
    this.u32(rows);
    this.u32(cols);
    const pad = padding(this.pos - this.start);
    this.out.fill(0, this.pos, this.pos + pad);
    this.pos += pad;
    if (LITTLE_ENDIAN && data.length > COPY_BY_ENTRY) {
      this.out.set(new Uint8Array(data.buffer, data.byteOffset, data.byteLength), this.pos);
      this.pos += data.byteLength;
    } else for (let k = 0; k < data.length; k++) this.f64(data[k] as number);
  }
}

/**
 * The bytes of a message: wire values (markers become their own tags) inside plain objects and
 * lists. An object's undefined properties are left out; anything else that is not wire data is a
 * bug of the caller, and throws.
 */
export function encodeBody(
  value: unknown,
  /** Bytes left free before the body, for the caller to fill (a frame's header): one buffer for both. */
  room = 0,
): Buffer {
  const out = Buffer.allocUnsafe(endOf(value, 0) + room);
  const writer = new Writer(out, room);
  writer.value(value);
  if (writer.pos !== out.length) throw new Error("gradecheck bug: a message changed while encoded");
  return out;
}

// Decoding: bytes from the child, which learner code may have written.

class Reader {
  pos = 0;
  nodes = 0;
  entries = 0;
  textBytes = 0;
  readonly view: DataView;
  /**
   * Where the message's arrays are copied when they cannot be read in place (a body at an address
   * that is not a multiple of 8, or a big-endian machine): one allocation for all of them, each a
   * view of its part. A typed array of its own costs far more to allocate than its copy at a
   * batch's sizes.
   */
  #store: Float64Array | undefined;
  #stored = 0;
  constructor(
    readonly bytes: Buffer,
    readonly limits: DecodeLimits,
  ) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  /** Room for `size` entries (which the message's bytes hold: `need` said so). */
  #room(size: number): Float64Array {
    // No more entries than the message has bytes for eight of.
    this.#store ??= new Float64Array((this.bytes.length - this.pos) >>> 3);
    const data = this.#store.subarray(this.#stored, this.#stored + size);
    this.#stored += size;
    return data;
  }

  refuse(what: string): never {
    throw new Refused(what, this.pos, this.nodes);
  }

  need(bytes: number): void {
    if (bytes > this.bytes.length - this.pos) this.refuse("a message that ends inside a value");
  }

  u32(): number {
    this.need(4);
    const n = this.view.getUint32(this.pos, true);
    this.pos += 4;
    return n;
  }

  f64(): number {
    this.need(8);
    const x = this.view.getFloat64(this.pos, true);
    this.pos += 8;
    return x;
  }

  text(what: string): string {
    const length = this.u32();
    const { stringBytes, textBytes } = this.limits;
    if (length > stringBytes)
      this.refuse(`${what} of ${length} bytes (the limit is ${stringBytes})`);
    if (length > textBytes - this.textBytes)
      this.refuse(`a message with more than ${textBytes} bytes of text`);
    this.need(length);
    this.textBytes += length;
    const s = this.bytes.toString("utf8", this.pos, this.pos + length);
    this.pos += length;
    return s;
  }

  /** Takes `count` more list entries or object keys, each at least `bytesEach` bytes long. */
  take(count: number, bytesEach: number): void {
    const { nodes } = this.limits;
    if (count > nodes - this.nodes)
      this.refuse(`a message with more than ${nodes} list entries and object keys`);
    if (count * bytesEach > this.bytes.length - this.pos)
      this.refuse("a message that ends inside a value");
    this.nodes += count;
  }

  value(depth: number): unknown {
    this.need(1);
    const tag = this.bytes[this.pos++];
    switch (tag) {
      case TAG.null:
        return null;
      case TAG.undefined:
        return { $undefined: true };
      case TAG.false:
        return false;
      case TAG.true:
        return true;
      case TAG.number:
        return this.f64();
      case TAG.string:
        return this.text("a string");
      case TAG.unsupported:
        return { $unsupported: this.text("a string") };
      case TAG.random:
        return { $random: this.f64() };
      case TAG.array:
        return this.array();
      case TAG.list:
        return this.list(depth);
      case TAG.object:
        return this.object(depth);
      default:
        this.pos--;
        return this.refuse(`a value of unknown type ${tag} at byte ${this.pos}`);
    }
  }

  nest(depth: number): void {
    if (depth >= this.limits.depth) this.refuse("a value nested too deeply");
  }

  list(depth: number): unknown[] {
    this.nest(depth);
    const count = this.u32();
    this.take(count, 1);
    const out: unknown[] = [];
    for (let k = 0; k < count; k++) out.push(this.value(depth + 1));
    return out;
  }

  object(depth: number): Record<string, unknown> {
    this.nest(depth);
    const count = this.u32();
    if (count > this.limits.keys) this.refuse(`an object with ${count} keys`);
    this.take(count, 5);
    const out: Record<string, unknown> = {};
    for (let k = 0; k < count; k++) {
      const key = this.text("a key");
      if (FORBIDDEN_KEYS.has(key) || MARKER_KEYS.has(key))
        this.refuse(`an object with a "${key}" key`);
      if (Object.hasOwn(out, key)) this.refuse(`an object with the key "${key}" twice`);
      out[key] = this.value(depth + 1);
    }
    return out;
  }

  array(): Wire {
    const rows = this.u32();
    const cols = this.u32();
    const size = rows * cols;
    const { entries } = this.limits;
    if (size > entries - this.entries)
      this.refuse(`a message with more than ${entries} array entries`);
    const pad = padding(this.pos);
    this.need(pad + 8 * size);
    this.pos += pad;
    this.entries += size;
    const at = this.bytes.byteOffset + this.pos;
    if (LITTLE_ENDIAN && at % 8 === 0) {
      // In place: the body is this message's alone (frames.ts), and nothing writes to it.
      this.pos += 8 * size;
      return { $array: [rows, cols], data: new Float64Array(this.bytes.buffer, at, size) };
    }
    const data = this.#room(size);
    if (LITTLE_ENDIAN && size > COPY_BY_ENTRY) {
      new Uint8Array(data.buffer, data.byteOffset, data.byteLength).set(
        this.bytes.subarray(this.pos, this.pos + 8 * size),
      );
      this.pos += 8 * size;
    } else {
      const { view } = this;
      for (let k = 0; k < size; k++) data[k] = view.getFloat64(this.pos + 8 * k, true);
      this.pos += 8 * size;
    }
    return { $array: [rows, cols], data };
  }
}

/** The value a message's bytes spell, within `limits`; anything else is a `Refused`. */
export function decodeBody(bytes: Buffer, limits: DecodeLimits): unknown {
  const reader = new Reader(bytes, limits);
  try {
    const value = reader.value(0);
    if (reader.pos !== bytes.length)
      reader.refuse(`${bytes.length - reader.pos} bytes after the end of the message`);
    return value;
  } catch (error) {
    if (error instanceof Refused) throw error;
    // Not expected (every read is checked first): still the message's fault, never the grader's.
    throw new Refused(
      `a message that does not decode (${String(error)})`,
      reader.pos,
      reader.nodes,
    );
  }
}

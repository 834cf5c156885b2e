/**
 * Chains of element-wise operations (fusion.ts) in WebAssembly SIMD, two entries per instruction.
 * A JavaScript loop over typed arrays takes 1.5 to 2.5 ns an entry on these machines, however
 * simple the chain (V8 neither vectorizes it nor drops its bounds checks). With its operands
 * copied into WebAssembly's memory and its result out, which costs about as much as the
 * arithmetic, a deep layer's ReLU, max(W·A + b, 0) over (20, 300), took 0.64 to 0.73 of the time,
 * and a planar backward pass's dA·(1 − A²) over (4, 400) 0.42 to 0.51; below 400 entries, the
 * same time either way.
 *
 * Each form (forms.ts) of only the operations below gets a module of its own, compiled once from
 * bytes written here and sharing simd.ts's memory: +, −, ×, ÷, negative, abs, sqrt, square, x ** 2
 * (numpy's power with an exponent of 2, which kernels.ts computes as x·x), maximum and minimum
 * (numpy's: NaN wins, and of equal values the second), the comparisons (1 or 0), exp
 * (elementary.ts's, as simd.wat's tanh computes it, with its table and constants, and Math.exp
 * itself, imported, where that exp hands over to it) and log (simd.wat's, Math.log's operations,
 * imported from that module; a product with a log as a factor skips it as kernels.ts's
 * `timesLog` does). Each is the IEEE operation the scalar code does, in the same order, so the
 * results are the same to the last bit; a chain with any other operation (tanh, sin, ...) stays
 * in JavaScript.
 *
 * The module's loop takes two entries at a time, row by row where a row or column is broadcast:
 * each operand's space has room for one entry past its end, and a pair across the end of a row
 * writes an entry of the next row, written again when that row's turn comes.
 */
import { FORM, operationOf } from "./forms.ts";
import type { Operation } from "./kernels.ts";
import {
  BASE,
  instantiate,
  kernelSpace,
  type ProductOperands,
  productEntries,
  productInto,
  sharedImports,
  tanhInPlace,
} from "./simd.ts";

/** A chain's operand or operation, as its form says. */
type Tree =
  | { kind: "array" | "row" | "column" | "number"; index: number }
  | { kind: "op"; op: Operation; a: Tree; b?: Tree; c?: Tree };

const isLog = (x: Tree | undefined): boolean => x?.kind === "op" && x.op === "log";

interface Compiled {
  run: (...args: number[]) => void;
  /** Its arguments, written anew at each call: the arrays' addresses, the numbers, out, rows, cols. */
  args: number[];
  /** Numbers that are an exponent of power: the module squares, so each must be 2. */
  squares: number[];
}

/** Modules by form; null for a form with an operation not done here. Cleared when full. */
const compiled = new Map<string, Compiled | null>();
const MAX_CHAINS = 256;

/** The forms that have a module now (for tests). */
export function formsInSimd(): string[] {
  return [...compiled].flatMap(([form, chain]) => (chain ? [form] : []));
}

/**
 * Writes the chain of `form` over `arrays` (and its rows and columns) and `numbers` into `out`
 * (rows × cols) and returns true; false, having written nothing, where it is not done here (an
 * operation not done in SIMD, an exponent other than 2, operands that do not fit the kernels'
 * space, no SIMD): the caller computes it. With `thenTanh`, `out` gets the tanh of the chain,
 * simd.ts's, computed where the chain left its result (a tanh layer's W·X + b). An operand that is
 * a product (of the result's shape) is computed where the chain reads it (simd.ts's `productInto`).
 */
export function chainInSimd(
  form: string,
  arrays: readonly (Float64Array | ProductOperands)[],
  numbers: readonly number[],
  out: Float64Array,
  rows: number,
  cols: number,
  thenTanh = false,
): boolean {
  let chain = compiled.get(form);
  if (chain === null || (chain !== undefined && !squaresOf2(chain, numbers))) return false;
  // Each distinct array once (a chain may read one twice), at an even entry (16 bytes apart),
  // with one entry more for the last pair; then the result.
  const at: number[] = [];
  const distinct: number[] = [];
  let entries = 0;
  for (let n = 0; n < arrays.length; n++) {
    const array = arrays[n] as Float64Array | ProductOperands;
    const first = arrays.indexOf(array);
    if (first < n) {
      at.push(at[first] as number);
      continue;
    }
    distinct.push(n);
    at.push(entries);
    const space =
      array instanceof Float64Array
        ? (array.length + 2) & ~1
        : productEntries(array.rows, array.k, array.cols, array.transposed);
    if (space === undefined) return false;
    entries += space;
  }
  const doubles = kernelSpace(entries + ((out.length + 2) & ~1));
  if (doubles === undefined) return false;
  if (chain === undefined) {
    chain = compile(form);
    if (compiled.size >= MAX_CHAINS) compiled.clear();
    compiled.set(form, chain);
    if (chain === null || !squaresOf2(chain, numbers)) return false;
  }
  for (const n of distinct) {
    const array = arrays[n] as Float64Array | ProductOperands;
    if (array instanceof Float64Array) doubles.set(array, BASE + (at[n] as number));
    else productInto(array, BASE + (at[n] as number));
  }
  const args = chain.args;
  for (let n = 0; n < arrays.length; n++) args[n] = 8 * (BASE + (at[n] as number));
  for (let n = 0; n < numbers.length; n++) args[arrays.length + n] = numbers[n] as number;
  const atOut = BASE + entries;
  args[arrays.length + numbers.length] = 8 * atOut;
  args[arrays.length + numbers.length + 1] = rows;
  args[arrays.length + numbers.length + 2] = cols;
  chain.run(...args);
  if (thenTanh) tanhInPlace(atOut, out.length);
  out.set(doubles.subarray(atOut, atOut + out.length));
  return true;
}

/** Whether the numbers `chain` squares (an exponent of power) are each 2. */
function squaresOf2(chain: Compiled, numbers: readonly number[]): boolean {
  for (const at of chain.squares) if (numbers[at] !== 2) return false;
  return true;
}

/** The module for `form`, or null where it has an operation not done here. */
function compile(form: string): Compiled | null {
  const parsed = parse(form);
  if (!parsed) return null;
  try {
    const imports = { m: { ...sharedImports(), exp: Math.exp } };
    const exports = instantiate(Uint8Array.from(moduleBytes(parsed)), imports) as {
      chain: Compiled["run"];
    };
    const args = new Array<number>(parsed.arrays + parsed.numbers + 3).fill(0);
    return { run: exports.chain, args, squares: parsed.squares };
  } catch {
    // Where a page's policy lets the module of simd.wat compile but not one made at run time.
    return null;
  }
}

interface Parsed {
  tree: Tree;
  arrays: number;
  numbers: number;
  /** Indices (among the arrays) of the columns, read once a row. */
  columns: number[];
  /** Whether a row is read: then the loop goes row by row. */
  rowLines: boolean;
  squares: number[];
}

function parse(form: string): Parsed | undefined {
  const parsed: Parsed = {
    tree: { kind: "number", index: 0 },
    arrays: 0,
    numbers: 0,
    columns: [],
    rowLines: false,
    squares: [],
  };
  let at = 0;
  const next = (): Tree | undefined => {
    const letter = form[at++] as string;
    switch (letter) {
      case FORM.number:
        return { kind: "number", index: parsed.numbers++ };
      case FORM.array:
        return { kind: "array", index: parsed.arrays++ };
      case FORM.row:
        parsed.rowLines = true;
        return { kind: "row", index: parsed.arrays++ };
      case FORM.column:
        parsed.columns.push(parsed.arrays);
        return { kind: "column", index: parsed.arrays++ };
    }
    const operation = operationOf(letter);
    if (!operation || !SUPPORTED.has(operation.op)) return undefined;
    const a = next();
    if (!a) return undefined;
    if (operation.arity === 1) return { kind: "op", op: operation.op, a };
    const b = next();
    if (!b) return undefined;
    if (operation.arity === 3) {
      const c = next();
      return c && { kind: "op", op: operation.op, a, b, c };
    }
    if (operation.op === "power") {
      // Squared here: the exponent, a number, is checked to be 2 at each call.
      if (b.kind !== "number") return undefined;
      parsed.squares.push(b.index);
      return { kind: "op", op: "square", a };
    }
    return { kind: "op", op: operation.op, a, b };
  };
  const tree = next();
  if (!tree || at !== form.length) return undefined;
  parsed.tree = tree;
  return parsed;
}

// WebAssembly's binary format: the opcodes this module writes.
const OP = {
  block: 0x02,
  loop: 0x03,
  end: 0x0b,
  br: 0x0c,
  brIf: 0x0d,
  localGet: 0x20,
  localSet: 0x21,
  localTee: 0x22,
  if: 0x04,
  else: 0x05,
  call: 0x10,
  f64Load: 0x2b,
  i32Const: 0x41,
  i32And: 0x71,
  i32GeU: 0x4f,
  i32Add: 0x6a,
  i32Mul: 0x6c,
  i32Shl: 0x74,
  void: 0x40,
  i32: 0x7f,
  f64: 0x7c,
  v128: 0x7b,
} as const;
/** SIMD instructions (after the 0xfd prefix), as LEB128 bytes. */
const SIMD = {
  load: [0x00],
  store: [0x0b],
  const: [0x0c],
  splat: [0x14],
  and: [0x4e],
  or: [0x50],
  bitselect: [0x52],
  eq: [0x47],
  ne: [0x48],
  lt: [0x49],
  gt: [0x4a],
  le: [0x4b],
  ge: [0x4c],
  anyTrue: [0x53],
  i64x2AllTrue: [0xc3, 0x01],
  not: [0x4d],
  shuffle: [0x0d],
  i32x4Lane: [0x1b],
  f64x2Lane: [0x21],
  f64x2ReplaceLane: [0x22],
  i32x4Shl: [0xab, 0x01],
  i32x4ShrS: [0xac, 0x01],
  i32x4Add: [0xae, 0x01],
  abs: [0xec, 0x01],
  neg: [0xed, 0x01],
  sqrt: [0xef, 0x01],
  add: [0xf0, 0x01],
  sub: [0xf1, 0x01],
  mul: [0xf2, 0x01],
  div: [0xf3, 0x01],
} as const;

/** Operations that are one instruction on their operands' vectors. */
const ONE_INSTRUCTION: Partial<Record<Operation, readonly number[]>> = {
  negative: SIMD.neg,
  abs: SIMD.abs,
  sqrt: SIMD.sqrt,
  add: SIMD.add,
  subtract: SIMD.sub,
  multiply: SIMD.mul,
  divide: SIMD.div,
};
/** Comparisons: the instruction's mask (all ones where true), and-ed with 1 to give 1 or +0. */
const COMPARISONS: Partial<Record<Operation, readonly number[]>> = {
  greater: SIMD.gt,
  greaterEqual: SIMD.ge,
  less: SIMD.lt,
  lessEqual: SIMD.le,
  equal: SIMD.eq,
  notEqual: SIMD.ne,
};
/** The operations done here: those above, and those `functionBody` writes out. */
const SUPPORTED = new Set<Operation>([
  ...(Object.keys(ONE_INSTRUCTION) as Operation[]),
  ...(Object.keys(COMPARISONS) as Operation[]),
  ...(["exp", "log", "square", "power", "maximum", "minimum", "where"] as const),
]);

function leb(value: number): number[] {
  const bytes: number[] = [];
  let v = value;
  do {
    const byte = v & 0x7f;
    v >>>= 7;
    bytes.push(v === 0 ? byte : byte | 0x80);
  } while (v !== 0);
  return bytes;
}

/** A signed LEB128 integer, as i32.const takes it. */
function sleb(value: number): number[] {
  const bytes: number[] = [];
  let v = value;
  for (;;) {
    const byte = v & 0x7f;
    v >>= 7;
    const done = (v === 0 && (byte & 0x40) === 0) || (v === -1 && (byte & 0x40) !== 0);
    bytes.push(done ? byte : byte | 0x80);
    if (done) return bytes;
  }
}

/** A double's 8 bytes, little-endian. */
function f64Bytes(value: number): number[] {
  return Array.from(new Uint8Array(Float64Array.of(value).buffer));
}

function section(id: number, contents: number[]): number[] {
  return [id, ...leb(contents.length), ...contents];
}

function name(text: string): number[] {
  return [text.length, ...Array.from(text, (c) => c.charCodeAt(0))];
}

/**
 * The module: it imports the memory as m.memory and exports `chain(a0 … (i32 addresses), s0 …
 * (f64 numbers), out, rows, cols)`.
 */
function moduleBytes(parsed: Parsed): number[] {
  const { arrays, numbers } = parsed;
  const params = [
    ...new Array<number>(arrays).fill(OP.i32),
    ...new Array<number>(numbers).fill(OP.f64),
    OP.i32,
    OP.i32,
    OP.i32,
  ];
  const body = functionBody(parsed);
  // Type 0: the chain's; type 1: Math.exp's, (f64) -> f64, imported as function 0; type 2:
  // simd.wat's log, (v128) -> v128, imported as function 1.
  const types = [
    3,
    0x60,
    ...leb(params.length),
    ...params,
    0,
    ...[0x60, 1, OP.f64, 1, OP.f64],
    ...[0x60, 1, OP.v128, 1, OP.v128],
  ];
  const imports = [
    3,
    ...name("m"),
    ...name("memory"),
    0x02,
    0x00,
    0x00,
    ...name("m"),
    ...name("exp"),
    0x00,
    1,
    ...name("m"),
    ...name("log"),
    0x00,
    2,
  ];
  const exports = [1, ...name("chain"), 0x00, 2];
  return [
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...section(1, types),
    ...section(2, imports),
    ...section(3, [1, 0]),
    ...section(7, exports),
    ...section(10, [1, ...leb(body.length), ...body]),
  ];
}

function functionBody(parsed: Parsed): number[] {
  const { tree, arrays, numbers, columns, rowLines } = parsed;
  const out = arrays + numbers;
  const [rows, cols] = [out + 1, out + 2];
  // i32 locals (the last two: an exp's table entries), then v128 ones: each number splat, each
  // column's entry of the row splat, temps.
  const [k, end, i, j, rowBase] = [out + 3, out + 4, out + 5, out + 6, out + 7];
  const [entry0, entry1] = [out + 8, out + 9];
  const vectors = out + 10;
  const numberLocal = (n: number) => vectors + n;
  const columnLocal = (a: number) => vectors + numbers + columns.indexOf(a);
  let temps = 0;
  const temp = () => vectors + numbers + columns.length + temps++;

  const get = (local: number) => [OP.localGet, ...leb(local)];
  const set = (local: number) => [OP.localSet, ...leb(local)];
  const simd = (op: readonly number[]) => [0xfd, ...op];
  const memarg = [0x03, 0x00];
  /** A v128.const of `value` in both lanes. */
  const splat = (value: number) => [...simd(SIMD.const), ...f64Bytes(value), ...f64Bytes(value)];
  const ones = splat(1);

  const emit = (x: Tree): number[] => {
    switch (x.kind) {
      case "array":
        return [...get(x.index), ...get(k), OP.i32Add, ...simd(SIMD.load), ...memarg];
      case "row":
        return [...get(x.index), ...get(j), OP.i32Add, ...simd(SIMD.load), ...memarg];
      case "column":
        return get(columnLocal(x.index));
      case "number":
        return get(numberLocal(x.index));
    }
    const logFactor = x.op === "multiply" ? [x.a, x.b].findIndex(isLog) : -1;
    if (logFactor >= 0) return timesLog(x, logFactor);
    // numpy's where, kernels.ts's select: b in a lane where a is not 0 (NaN is not), else c.
    if (x.op === "where")
      return [
        ...emit(x.b as Tree),
        ...emit(x.c as Tree),
        ...emit(x.a),
        ...splat(0),
        ...simd(SIMD.ne),
        ...simd(SIMD.bitselect),
      ];
    const a = emit(x.a);
    const b = x.b ? emit(x.b) : [];
    const instruction = ONE_INSTRUCTION[x.op];
    if (instruction) return [...a, ...b, ...simd(instruction)];
    const compare = COMPARISONS[x.op];
    if (compare) return [...a, ...b, ...simd(compare), ...ones, ...simd(SIMD.and)];
    if (x.op === "exp") return [...a, ...expOf()];
    if (x.op === "log") return [...a, OP.call, 1];
    if (x.op === "square") {
      const t = temp();
      return [...a, OP.localTee, ...leb(t), ...get(t), ...simd(SIMD.mul)];
    }
    // maximum or minimum, kernels.ts's: x > y || isNaN(x) ? x : y (minimum: x < y), lane by lane.
    const [tx, ty] = [temp(), temp()];
    return [
      ...a,
      ...set(tx),
      ...b,
      ...set(ty),
      ...get(tx),
      ...get(ty),
      ...get(tx),
      ...get(ty),
      ...simd(x.op === "maximum" ? SIMD.gt : SIMD.lt),
      ...get(tx),
      ...get(tx),
      ...simd(SIMD.ne),
      ...simd(SIMD.or),
      ...simd(SIMD.bitselect),
    ];
  };

  /**
   * A product with a log for a factor (`which`, 0 or 1, the log's place), `timesLog` in
   * kernels.ts: where both lanes of the other factor are zeros and of the log's argument positive
   * and finite, the product is the other factor, its sign flipped in a lane where the argument is
   * below 1, without the log: the product the log would give, to the bit. Cross-entropy has a zero
   * factor in one of its two terms at every entry of 0/1 labels.
   */
  const timesLog = (x: Tree & { kind: "op" }, which: number): number[] => {
    const [logOf, other] = which === 0 ? [x.a, x.b as Tree] : [x.b as Tree, x.a];
    const [tx, ty] = [temp(), temp()];
    const argument = (logOf as Tree & { kind: "op" }).a;
    const product =
      which === 0
        ? [...get(tx), OP.call, 1, ...get(ty), ...simd(SIMD.mul)]
        : [...get(ty), ...get(tx), OP.call, 1, ...simd(SIMD.mul)];
    return [
      ...emit(argument),
      ...set(tx),
      ...emit(other),
      ...set(ty),
      ...get(ty),
      ...splat(0),
      ...simd(SIMD.eq),
      ...get(tx),
      ...splat(0),
      ...simd(SIMD.gt),
      ...simd(SIMD.and),
      ...get(tx),
      ...splat(Number.POSITIVE_INFINITY),
      ...simd(SIMD.lt),
      ...simd(SIMD.and),
      ...simd(SIMD.i64x2AllTrue),
      OP.if,
      OP.v128,
      ...get(ty),
      ...simd(SIMD.neg),
      ...get(ty),
      ...get(tx),
      ...ones,
      ...simd(SIMD.lt),
      ...simd(SIMD.bitselect),
      OP.else,
      ...product,
      OP.end,
    ];
  };

  /** simd.wat's constant at `address` (its start function writes them: see tanh's). */
  const constant = (address: number) => [
    OP.i32Const,
    ...sleb(address),
    ...simd(SIMD.load),
    ...memarg,
  ];
  const lane = (op: readonly number[], index: number) => [...simd(op), index];
  /**
   * e^x of the vector on the stack, as elementary.ts's exp computes it, lane by lane the same
   * operations (those of simd.wat's tanh, with x for 2|x|), and Math.exp itself, called through
   * the import, in a lane where |x| < 700 does not hold.
   */
  const expOf = (): number[] => {
    const [tx, shifted, kn, r, power] = [temp(), temp(), temp(), temp(), temp()];
    const [high, low, p, e, outside] = [temp(), temp(), temp(), temp(), temp()];
    const tableEntry = (offset: number) => [
      ...get(power),
      ...get(entry0),
      OP.f64Load,
      0x03,
      offset,
      ...simd(SIMD.splat),
      ...get(entry1),
      OP.f64Load,
      0x03,
      offset,
      ...lane(SIMD.f64x2ReplaceLane, 1),
      ...simd(SIMD.mul),
    ];
    const tableIndex = (index: number) => [
      ...get(shifted),
      ...lane(SIMD.i32x4Lane, index),
      OP.i32Const,
      ...sleb(127),
      OP.i32And,
      OP.i32Const,
      4,
      OP.i32Shl,
    ];
    /** Math.exp of lane `index` of x where `outside` says so. */
    const fallback = (index: number) => [
      ...get(outside),
      ...lane(SIMD.i32x4Lane, 2 * index),
      OP.if,
      OP.void,
      ...get(e),
      ...get(tx),
      ...lane(SIMD.f64x2Lane, index),
      OP.call,
      0,
      ...lane(SIMD.f64x2ReplaceLane, index),
      ...set(e),
      OP.end,
    ];
    return [
      ...set(tx),
      // kn + 1.5·2^52 holds the integer kn in the low 32 bits of its mantissa.
      ...get(tx),
      ...constant(2096),
      ...simd(SIMD.mul),
      ...constant(2112),
      ...simd(SIMD.add),
      ...set(shifted),
      ...get(shifted),
      ...constant(2112),
      ...simd(SIMD.sub),
      ...set(kn),
      ...get(tx),
      ...get(kn),
      ...constant(2128),
      ...simd(SIMD.mul),
      ...simd(SIMD.sub),
      ...get(kn),
      ...constant(2144),
      ...simd(SIMD.mul),
      ...simd(SIMD.sub),
      ...set(r),
      ...tableIndex(0),
      ...set(entry0),
      ...tableIndex(2),
      ...set(entry1),
      // 2^(kn >> 7), its exponent bits built in 32-bit lanes.
      ...simd(SIMD.const),
      ...new Array<number>(16).fill(0),
      ...get(shifted),
      OP.i32Const,
      7,
      ...simd(SIMD.i32x4ShrS),
      ...constant(2160),
      ...simd(SIMD.i32x4Add),
      OP.i32Const,
      20,
      ...simd(SIMD.i32x4Shl),
      ...simd(SIMD.shuffle),
      ...[0, 1, 2, 3, 16, 17, 18, 19, 0, 1, 2, 3, 24, 25, 26, 27],
      ...set(power),
      ...tableEntry(0),
      ...set(high),
      ...tableEntry(8),
      ...set(low),
      // p = r + r·r·(1/2 + r·(1/6 + r·(1/24 + r·(1/120))))
      ...get(r),
      ...get(r),
      ...get(r),
      ...simd(SIMD.mul),
      ...constant(2176),
      ...get(r),
      ...constant(2192),
      ...get(r),
      ...constant(2208),
      ...get(r),
      ...constant(2224),
      ...simd(SIMD.mul),
      ...simd(SIMD.add),
      ...simd(SIMD.mul),
      ...simd(SIMD.add),
      ...simd(SIMD.mul),
      ...simd(SIMD.add),
      ...simd(SIMD.mul),
      ...simd(SIMD.add),
      ...set(p),
      // e = high + (low + high·p)
      ...get(high),
      ...get(low),
      ...get(high),
      ...get(p),
      ...simd(SIMD.mul),
      ...simd(SIMD.add),
      ...simd(SIMD.add),
      ...set(e),
      ...get(tx),
      ...simd(SIMD.abs),
      ...splat(700),
      ...simd(SIMD.lt),
      ...simd(SIMD.not),
      ...set(outside),
      ...get(outside),
      ...simd(SIMD.anyTrue),
      OP.if,
      OP.void,
      ...fallback(0),
      ...fallback(1),
      OP.end,
      ...get(e),
    ];
  };

  const expression = emit(tree);
  const code: number[] = [];
  for (let n = 0; n < numbers; n++)
    code.push(...get(arrays + n), ...simd(SIMD.splat), ...set(numberLocal(n)));
  /** out[k] = the expression at k, for k from `from` by 16 bytes while below `end`, as `index` runs. */
  const pairs = (index: number, offset: number[]) => [
    OP.block,
    OP.void,
    OP.loop,
    OP.void,
    ...get(index),
    ...get(end),
    OP.i32GeU,
    OP.brIf,
    1,
    ...offset,
    ...get(out),
    ...get(k),
    OP.i32Add,
    ...expression,
    ...simd(SIMD.store),
    ...memarg,
    ...get(index),
    OP.i32Const,
    16,
    OP.i32Add,
    ...set(index),
    OP.br,
    0,
    OP.end,
    OP.end,
  ];
  if (!rowLines && columns.length === 0) {
    code.push(...get(rows), ...get(cols), OP.i32Mul, OP.i32Const, 3, OP.i32Shl, ...set(end));
    code.push(...pairs(k, []));
  } else {
    // Row by row: `end` is a row's bytes, j the column's byte, k = rowBase + j the entry's.
    code.push(...get(cols), OP.i32Const, 3, OP.i32Shl, ...set(end));
    const row = [...pairs(j, [...get(rowBase), ...get(j), OP.i32Add, ...set(k)])];
    code.push(OP.block, OP.void, OP.loop, OP.void, ...get(i), ...get(rows), OP.i32GeU, OP.brIf, 1);
    for (const c of columns)
      code.push(
        ...get(c),
        ...get(i),
        OP.i32Const,
        3,
        OP.i32Shl,
        OP.i32Add,
        OP.f64Load,
        ...memarg,
        ...simd(SIMD.splat),
        ...set(columnLocal(c)),
      );
    code.push(OP.i32Const, 0, ...set(j), ...row);
    code.push(...get(rowBase), ...get(end), OP.i32Add, ...set(rowBase));
    code.push(...get(i), OP.i32Const, 1, OP.i32Add, ...set(i), OP.br, 0, OP.end, OP.end);
  }
  code.push(OP.end);
  const vectorCount = numbers + columns.length + temps;
  const locals = [
    vectorCount > 0 ? 2 : 1,
    7,
    OP.i32,
    ...(vectorCount > 0 ? [...leb(vectorCount), OP.v128] : []),
  ];
  return [...locals, ...code];
}

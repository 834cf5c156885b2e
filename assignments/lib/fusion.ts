/**
 * Chains of element-wise operations computed in one pass. `np.multiply(np.add(x, 1), np.exp(np.negative(y)))`
 * is four loops over the arrays' size and four new arrays when each operation runs on its own; here each
 * operation on a large enough array records what it would compute (a `Pending` expression), and the
 * first read of the result runs the whole chain as one loop with no array in between. Each entry
 * is computed by the same operations in the same order as the operations one by one would (there is
 * no fused multiply-add in JavaScript), so the results are the same to the last bit.
 *
 * An expression's operands are frozen when it is made: an array's entries (which ndarray.ts then
 * copies before anything writes to them), a number, or another pending expression. The loop for
 * each shape of expression is generated once, as JavaScript V8 compiles like a hand-written loop;
 * where code cannot be generated (a page whose content security policy forbids it), each
 * operation of the expression runs on its own, as before.
 */
import { exp, tanh } from "./elementary.ts";
import {
  applyBinary,
  applyUnary,
  type BinaryOp,
  binaryCodes,
  type UnaryOp,
  unaryCodes,
} from "./kernels.ts";
import { allocateReserved } from "./storage.ts";

/** What an expression reads: all `n` entries of an array, one number everywhere, or an expression. */
export type Operand = Float64Array | number | Pending;

/** One element-wise operation whose result has not been computed yet. */
export interface Pending {
  readonly op: UnaryOp | BinaryOp;
  readonly unary: boolean;
  /** Operands; dropped once the result is known. */
  a: Operand | undefined;
  b: Operand | undefined;
  /** Entries of the result. */
  readonly n: number;
  /** Pending expressions on the longest path down from this one, itself included. */
  readonly depth: number;
  /** Expressions that read this one as an operand. */
  readers: number;
  /** The entries, once computed: never written to afterwards (see ndarray.ts). */
  result: Float64Array | undefined;
}

/**
 * Arrays below this size are computed at once: the bookkeeping would cost more than the passes it
 * saves, and the small arrays of the unit tests would each need a loop of their own compiled.
 */
export const FUSE_MIN = 256;
/** Longer chains are cut: the generated loop stays small, and so does the recursion. */
export const MAX_DEPTH = 8;

/** A pending `op` of `a` (and `b`), each operand frozen (see `Operand`). */
export function pending(
  op: UnaryOp | BinaryOp,
  unary: boolean,
  n: number,
  a: Operand,
  b?: Operand,
) {
  const depthOf = (x: Operand | undefined) => (isPending(x) ? x.depth : 0);
  const node: Pending = {
    op,
    unary,
    a,
    b,
    n,
    depth: 1 + Math.max(depthOf(a), depthOf(b)),
    readers: 0,
    result: undefined,
  };
  return node;
}

export function isPending(x: Operand | undefined): x is Pending {
  return typeof x === "object" && !(x instanceof Float64Array);
}

/** The entries of `node`, computed on first call (into storage `reserve`d when it was made). */
export function evaluate(node: Pending): Float64Array {
  if (node.result) return node.result;
  const out = allocateReserved(node.n);
  const arrays: Float64Array[] = [];
  const numbers: number[] = [];
  const source = expression(node, arrays, numbers);
  const loop = loopFor(source, arrays.length, numbers.length);
  if (loop) loop(arrays, numbers, out, node.n, exp, tanh, applyUnary, applyBinary);
  else for (let k = 0; k < node.n; k++) out[k] = entry(node, k);
  node.result = out;
  node.a = undefined;
  node.b = undefined;
  return out;
}

type Loop = (
  arrays: Float64Array[],
  numbers: number[],
  out: Float64Array,
  n: number,
  ex: typeof exp,
  th: typeof tanh,
  au: typeof applyUnary,
  ab: typeof applyBinary,
) => void;

/** Loops by expression source; cleared when full, so that code making endless shapes costs memory once. */
const loops = new Map<string, Loop>();
const MAX_LOOPS = 256;
let generating = true;

function loopFor(source: string, arrayCount: number, numberCount: number): Loop | undefined {
  const known = loops.get(source);
  if (known || !generating) return known;
  let loop: Loop;
  try {
    // Only this module's fixed templates and numbered operands make up `source`: nothing a caller wrote.
    loop = new Function(
      "arrays",
      "numbers",
      "out",
      "n",
      "ex",
      "th",
      "au",
      "ab",
      `"use strict"; ${preamble(arrayCount, numberCount)} for (let k = 0; k < n; k++) out[k] = ${source};`,
    ) as Loop;
  } catch {
    generating = false;
    return undefined;
  }
  if (loops.size >= MAX_LOOPS) loops.clear();
  loops.set(source, loop);
  return loop;
}

/** The operands as constants of the loop, so that V8 reads each once, not once per entry. */
function preamble(arrayCount: number, numberCount: number): string {
  const names = (letter: string, list: string, count: number) =>
    Array.from({ length: count }, (_, i) => `const ${letter}${i} = ${list}[${i}];`).join(" ");
  return `${names("a", "arrays", arrayCount)} ${names("s", "numbers", numberCount)}`;
}

/**
 * The source of one entry of `x`, where `a<i>[k]` reads `arrays[i]` and `s<i>` is `numbers[i]`; the operands are appended to the two lists in the order the source names them, so
 * expressions of one shape give one source.
 */
function expression(x: Operand, arrays: Float64Array[], numbers: number[]): string {
  if (typeof x === "number") {
    numbers.push(x);
    return `s${numbers.length - 1}`;
  }
  const values = x instanceof Float64Array ? x : x.result;
  if (values) {
    let i = arrays.indexOf(values);
    if (i < 0) i = arrays.push(values) - 1;
    return `a${i}[k]`;
  }
  const node = x as Pending;
  const a = expression(node.a as Operand, arrays, numbers);
  if (node.unary) return unarySource(node.op as UnaryOp, a);
  return binarySource(node.op as BinaryOp, a, expression(node.b as Operand, arrays, numbers));
}

// Each source computes an entry exactly as the op's own kernel does (kernels.ts: map and zip).
function unarySource(op: UnaryOp, a: string): string {
  switch (op) {
    case "exp":
      return `ex(${a})`;
    case "tanh":
      return `th(${a})`;
    case "log":
      return `Math.log(${a})`;
    case "negative":
      return `(-${a})`;
    default:
      return `au(${unaryCodes[op]}, ${a})`;
  }
}

function binarySource(op: BinaryOp, a: string, b: string): string {
  switch (op) {
    case "add":
      return `(${a} + ${b})`;
    case "subtract":
      return `(${a} - ${b})`;
    case "multiply":
      return `(${a} * ${b})`;
    case "divide":
      return `(${a} / ${b})`;
    default:
      return `ab(${binaryCodes[op]}, ${a}, ${b})`;
  }
}

/** Entry `k` of `x`, one operation at a time: where no loop can be generated. */
function entry(x: Operand, k: number): number {
  if (typeof x === "number") return x;
  const values = x instanceof Float64Array ? x : x.result;
  if (values) return values[k] as number;
  const node = x as Pending;
  const a = entry(node.a as Operand, k);
  if (node.unary) return applyUnary(unaryCodes[node.op as UnaryOp], a);
  return applyBinary(binaryCodes[node.op as BinaryOp], a, entry(node.b as Operand, k));
}
